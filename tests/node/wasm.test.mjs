// The built wasm (pkg/, wasm-pack --target web) end to end in Node: load it with initSync,
// check texts, and recover from a dead instance with __wbg_reset_state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const glue = await import(new URL('pkg/second_thought.js', root));
glue.initSync({ module: readFileSync(new URL('pkg/second_thought_bg.wasm', root)) });
const MODEL = readFileSync(new URL('pkg/offensive.bin', root));
glue.loadModel(MODEL);

test('the default checker finds a confidential marker with UTF-16 offsets', () => {
  const checker = new glue.Checker();
  const findings = checker.check('\u{1F600} Strictly confidential: do not share', { mode: 'personal', site: 'x' });
  const marker = findings.find((f) => f.rule === 'confidential-marker');
  assert.ok(marker, JSON.stringify(findings));
  assert.equal(marker.start, 3); // the emoji is two UTF-16 code units, then a space
  assert.equal(marker.end, 24);
  assert.equal(typeof marker.message, 'string');
  assert.match(marker.severity, /^(stop|warn|note)$/);
});

test('errors are Errors naming the field, not panics', () => {
  const pack = JSON.parse(glue.defaultPack());
  pack.working_hours.start = '25:00';
  assert.throws(() => new glue.Checker(JSON.stringify(pack)), (e) => e instanceof Error && /working_hours\.start/.test(e.message));
  assert.match(glue.validatePack(JSON.stringify(pack)), /working_hours\.start/);
  assert.equal(glue.validatePack(glue.defaultPack()), undefined);
  const checker = new glue.Checker();
  assert.throws(() => checker.check('hi', { mode: 'holiday' }), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && /^context: mode: unknown variant `holiday`/.test(e.message));
  assert.throws(() => checker.check('hi', { at: 12 }), (e) => /^context: at: wrong type: integer `12`, expected/.test(e.message) && !/ at line /.test(e.message));
  assert.throws(() => checker.check('hi', 'work'), (e) => e instanceof Error && /^context: .*expected/.test(e.message));
  const loop = { mode: 'work' };
  loop.self = loop;
  for (const bad of [5n, loop, () => {}]) {
    assert.throws(() => checker.check('hi', bad), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && /^context: must be an object/.test(e.message));
  }
  assert.equal(checker.check('hi', { mode: 'personal', site: 'x', extra: undefined }).length, 0, 'undefined members are left out, as JSON does');
});

test('rules() is the registry', () => {
  const rules = glue.rules();
  assert.ok(Array.isArray(rules) && rules.length > 0);
  const ids = rules.map((r) => r.id);
  for (const id of ['confidential-marker', 'personal-data']) assert.ok(ids.includes(id), ids.join(', '));
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
});

test('version() is the crate version', () => {
  const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(glue.version(), cargo);
});

test('__wbg_reset_state gives a fresh instance and refuses stale objects', () => {
  assert.equal(typeof glue.__wbg_reset_state, 'function', 'build.sh builds the glue with --experimental-reset-state-function');
  const old = new glue.Checker();
  glue.__wbg_reset_state();
  assert.throws(() => old.check('Strictly confidential', {}), /stale/);
  // A fresh instance starts without the classifier's model: no Checker until it has it.
  assert.equal(glue.modelLoaded(), false);
  assert.throws(() => new glue.Checker(), /model is not loaded: call loadModel/);
  assert.throws(() => glue.loadModel(new Uint8Array([1, 2, 3])), /model does not load/);
  glue.loadModel(MODEL);
  const fresh = new glue.Checker();
  assert.ok(fresh.check('Strictly confidential', {}).some((f) => f.rule === 'confidential-marker'));
});
