// The source archive for store reviewers, dist/second-thought-source-VERSION.zip (./build.sh):
// what git tracks and nothing else, enough to rebuild (Cargo.toml, Cargo.lock, src/, build.sh,
// README.md, manifest.json, extension/, package-lock.json), never build outputs or installed
// packages, with BUILDING.txt naming the hashes of the wasm that was built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readZip } from './zip.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
const zip = readZip(join(root, 'dist', `second-thought-source-${version}.zip`));
const names = [...zip.keys()];

test('it holds what a rebuild needs', () => {
  for (const f of ['Cargo.toml', 'Cargo.lock', 'build.sh', 'README.md', 'manifest.json', 'package.json', 'package-lock.json', 'BUILDING.txt', 'src/lib.rs', 'src/wasm.rs', 'extension/background.js', 'extension/popup/popup.html', 'policies/central-bedfordshire-sendiass.json']) {
    assert.ok(zip.has(f), `${f} is missing`);
  }
  assert.ok(names.some((n) => n.startsWith('src/rules/')), 'src/rules/');
  assert.ok(names.some((n) => n.startsWith('lexicons/')), 'lexicons/');
  assert.deepEqual(zip.get('Cargo.lock'), readFileSync(join(root, 'Cargo.lock')));
  assert.deepEqual(zip.get('build.sh'), readFileSync(join(root, 'build.sh')));
});

test('it holds no build outputs, installed packages or local files', () => {
  const bad = names.filter((n) => /^(dist|target|pkg|node_modules|fuzz\/target)\//.test(n) || n.split('/').includes('node_modules') || /\.(zip|log)$/.test(n));
  assert.deepEqual(bad, []);
  assert.ok(names.every((n) => !n.startsWith('/') && !n.split('/').includes('..')), 'relative names only');
});

test('it is exactly the files git tracks, plus BUILDING.txt', () => {
  let tracked;
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root }).toString().split('\0').filter(Boolean);
  } catch {
    return; // built from an archive, not a git checkout: build.sh makes no source archive then
  }
  const present = tracked.filter((f) => {
    try {
      readFileSync(join(root, f));
      return true;
    } catch {
      return false;
    }
  });
  assert.deepEqual(names.filter((n) => n !== 'BUILDING.txt').sort(), present.sort());
});

test('BUILDING.txt says how to build and names the hashes of the wasm built here', () => {
  const text = zip.get('BUILDING.txt').toString();
  assert.match(text, /\.\/build\.sh build/);
  assert.match(text, /rustc \d+\.\d+\.\d+/);
  const sha = (f) => createHash('sha256').update(readFileSync(join(root, 'dist', 'firefox', 'wasm', f))).digest('hex');
  assert.ok(text.includes(`${sha('second_thought_bg.wasm')}  dist/firefox/wasm/second_thought_bg.wasm`), text);
  assert.ok(text.includes(`${sha('second_thought.js')}  dist/firefox/wasm/second_thought.js`), text);
});
