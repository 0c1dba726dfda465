// The packaged extension: dist/chrome/ and dist/firefox/ (built by ./build.sh from the one
// top-level manifest.json) and their zips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { readZip } from './zip.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (...p) => readFileSync(join(root, ...p));
const json = (...p) => JSON.parse(read(...p));
const version = read('Cargo.toml').toString().match(/^version\s*=\s*"([^"]+)"/m)[1];
const source = json('manifest.json');
const BROWSERS = ['chrome', 'firefox'];
const manifest = Object.fromEntries(BROWSERS.map((b) => [b, json('dist', b, 'manifest.json')]));

// The sites the extension may touch, and nothing else.
const HOSTS = ['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com', 'www.facebook.com', 'web.facebook.com', 'm.facebook.com', 'www.linkedin.com'];
const SITE_OF = (host) => host.replace(/^(www|web|m|mobile)\./, '').replace('twitter.com', 'x.com');
// Keys build.sh rewrites per browser; everything else must be copied unchanged.
const PER_BROWSER = ['background', 'browser_specific_settings', 'minimum_chrome_version'];

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
    .sort();
}

/** Every file a manifest names (background, content scripts, pages, icons). */
function referencedFiles(m) {
  const out = [...(m.background?.scripts ?? [])];
  if (m.background?.service_worker) out.push(m.background.service_worker);
  for (const cs of m.content_scripts ?? []) out.push(...(cs.js ?? []), ...(cs.css ?? []));
  for (const page of [m.options_ui?.page, m.options_page, m.action?.default_popup]) if (page) out.push(page);
  if (m.storage?.managed_schema) out.push(m.storage.managed_schema);
  for (const icons of [m.icons, m.action?.default_icon]) if (icons && typeof icons === 'object') out.push(...Object.values(icons));
  return out;
}

test('the source manifest is MV3 with the crate version', () => {
  assert.equal(source.manifest_version, 3);
  assert.equal(source.version, version);
});

test('chrome gets a module service worker and no Firefox keys', () => {
  const m = manifest.chrome;
  assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
  assert.equal(m.browser_specific_settings, undefined);
});

test('firefox gets module background scripts, a gecko id and data collection permissions', () => {
  const m = manifest.firefox;
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  const gecko = m.browser_specific_settings?.gecko;
  assert.match(gecko?.id ?? '', /^[\w.+-]+@[\w.-]+$/);
  assert.equal(gecko.strict_min_version, '142.0');
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
  assert.equal(m.minimum_chrome_version, undefined);
});

for (const browser of BROWSERS) {
  const m = manifest[browser];

  test(`${browser}: everything but the per-browser keys is the source manifest`, () => {
    const strip = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => !PER_BROWSER.includes(k)));
    assert.deepEqual(strip(m), strip(source));
  });

  test(`${browser}: permissions are storage and contextMenus, hosts only the three sites`, () => {
    assert.deepEqual([...m.permissions].sort(), ['contextMenus', 'storage']);
    assert.equal(m.optional_permissions, undefined);
    assert.equal(m.optional_host_permissions, undefined);
    const hosts = m.host_permissions.map((p) => {
      const match = /^https:\/\/([^/*]+)\/\*$/.exec(p);
      assert.ok(match, `${p} is not an https://HOST/* pattern`);
      return match[1];
    });
    for (const h of hosts) assert.ok(HOSTS.includes(h), `${h} is not one of the three sites`);
    assert.deepEqual([...new Set(hosts.map(SITE_OF))].sort(), ['linkedin.com', 'x.com', 'facebook.com'].sort());
    for (const cs of m.content_scripts ?? []) {
      for (const pattern of cs.matches) assert.ok(m.host_permissions.includes(pattern), `content script matches ${pattern}`);
    }
  });

  test(`${browser}: the CSP allows wasm and no remote sources`, () => {
    const csp = m.content_security_policy?.extension_pages ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]),
    );
    assert.ok(directives['script-src']?.includes("'wasm-unsafe-eval'"), csp);
    for (const [name, sources] of Object.entries(directives)) {
      for (const s of sources) assert.ok(["'self'", "'none'", "'wasm-unsafe-eval'"].includes(s), `${name} allows ${s}`);
    }
    assert.ok(directives['connect-src'], 'connect-src is restricted');
    assert.equal(m.content_security_policy.sandbox, undefined);
  });

  test(`${browser}: the files are the extension folder plus the wasm, unchanged`, () => {
    const dir = join(root, 'dist', browser);
    const expected = [
      ...filesUnder(join(root, 'extension')).filter((f) => !f.split('/').some((part) => part.startsWith('.'))),
      'manifest.json',
      'wasm/second_thought.js',
      'wasm/second_thought_bg.wasm',
      'wasm/offensive.bin',
    ].sort();
    assert.deepEqual(filesUnder(dir), expected);
    for (const f of filesUnder(join(root, 'extension'))) assert.deepEqual(read('dist', browser, f), read('extension', f), f);
    for (const f of ['second_thought.js', 'second_thought_bg.wasm', 'offensive.bin']) assert.deepEqual(read('dist', browser, 'wasm', f), read('pkg', f), f);
    for (const f of referencedFiles(m)) assert.ok(existsSync(join(dir, f)), `the manifest names ${f}, which is missing`);
  });

  test(`${browser}: the zip holds exactly the folder, manifest.json at the top`, () => {
    const zip = readZip(join(root, 'dist', `second-thought-${browser}-${version}.zip`));
    const dir = join(root, 'dist', browser);
    assert.deepEqual([...zip.keys()].sort(), filesUnder(dir));
    for (const f of filesUnder(dir)) assert.deepEqual(zip.get(f), readFileSync(join(dir, f)), f);
  });
}
