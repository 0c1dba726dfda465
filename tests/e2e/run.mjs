#!/usr/bin/env node
// Second Thought end-to-end: the built extension (dist/chrome, dist/firefox) on fixture copies of
// X, Facebook and LinkedIn, in headless Chromium and Firefox ESR, with real keyboard and mouse.
//
//   node tests/e2e/run.mjs [--only REGEX] [--browser chromium|firefox] [--keep]
//
// Needs: ./build.sh (dist/), npm ci (esbuild, playwright-core, puppeteer-core and the editor
// libraries, all pinned), /usr/bin/chromium, /usr/bin/firefox-esr, openssl, and port 443 on
// 127.0.0.1 for Firefox (run as root; Firefox's DNS override keeps the port).
// Prints "N passed, N failed" per browser, the time from the last keystroke to the badge's
// change (median and worst), and every request the fixture server saw that was not a fixture
// file. Exits non-zero when anything failed.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumSession, firefoxSession } from './lib/browsers.mjs';
import { buildFixtures } from './lib/fixtures.mjs';
import { HOSTS, makeCert, startServer } from './lib/server.mjs';
import { runSuite, SITES } from './specs.mjs';
import { runUiSuite } from './specs-ui.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    browser: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
    dist: { type: 'string', default: join(root, 'dist') },
  },
});
const only = args.only ? new RegExp(args.only) : undefined;
const browsers = args.browser?.length ? args.browser : ['chromium', 'firefox'];
const FIXTURE_HOSTS = new Set(Object.keys(HOSTS));
const FIREFOX_PORT = 443; // network.dns.localDomains keeps the URL's port; Chromium's rules name one

for (const b of ['chrome', 'firefox']) {
  if (!existsSync(join(args.dist, b, 'manifest.json'))) {
    console.error(`e2e: ${join(args.dist, b)} is missing: run ./build.sh first`);
    process.exit(2);
  }
}

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'st-e2e-'));
const www = join(work, 'www');
console.log(`e2e: building the fixture sites (esbuild) in ${www}`);
await buildFixtures(www);
const tls = makeCert(work);

/** A copy of the extension whose checker cannot load (its wasm is not wasm). */
function brokenCopy(browser) {
  const dir = join(work, `broken-${browser}`);
  cpSync(join(args.dist, browser), dir, { recursive: true });
  writeFileSync(join(dir, 'wasm', 'second_thought_bg.wasm'), 'this is not a WebAssembly module');
  return dir;
}

/**
 * A copy of dist/firefox plus two test-only hooks (WebDriver BiDi cannot reach an add-on's own
 * pages or background): the content script hooks/settings-hook.js, through which specs write
 * storage.sync, and hooks/background-probe.js, first in background.scripts, which counts the
 * background's starts. The extension's own files are unchanged.
 */
function hooksCopy() {
  const dir = join(work, 'firefox-hooks');
  cpSync(join(args.dist, 'firefox'), dir, { recursive: true });
  cpSync(fileURLToPath(new URL('hooks/settings-hook.js', import.meta.url)), join(dir, 'e2e-settings-hook.js'));
  cpSync(fileURLToPath(new URL('hooks/background-probe.js', import.meta.url)), join(dir, 'e2e-background-probe.js'));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.content_scripts = [
    ...(manifest.content_scripts ?? []),
    { matches: [...FIXTURE_HOSTS].map((h) => `https://${h}/*`), js: ['e2e-settings-hook.js'], run_at: 'document_start' },
  ];
  manifest.background.scripts = ['e2e-background-probe.js', ...manifest.background.scripts];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const ports = [];
if (browsers.includes('chromium')) ports.push(0); // any free port
if (browsers.includes('firefox')) ports.push(FIREFOX_PORT);
let server;
try {
  server = await startServer(www, tls, ports);
} catch (e) {
  console.error(`e2e: cannot serve the fixtures on 127.0.0.1:${FIREFOX_PORT}: ${e.message}` +
    (e.code === 'EACCES' ? ' (port 443 needs root: Firefox keeps the real port)' : ' (is another e2e run going?)'));
  process.exit(2);
}
const CHROMIUM_PORT = browsers.includes('chromium') ? server.ports[0] : 0;

const summary = [];
let anyFailed = false;

async function runIn(browser) {
  const open =
    browser === 'chromium'
      ? (dir) => chromiumSession(dir, CHROMIUM_PORT)
      : (dir, opts) => firefoxSession(dir, opts);
  const distDir = join(args.dist, browser === 'chromium' ? 'chrome' : 'firefox');
  const total = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [], latencies: [] };
  const merge = (r) => {
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    total.failures.push(...r.failures);
    total.skips.push(...r.skips);
    total.latencies.push(...r.latencies);
  };
  const runs = [['the extension', distDir, { only, part: 'main' }]];
  if (browser === 'firefox') {
    runs.push(['settings and background suspension, through a test copy with hooks', hooksCopy(), { only, part: 'hooks' }, { withHooks: true }]);
  }
  runs.push(['the extension with a checker that cannot load', brokenCopy(browser === 'chromium' ? 'chrome' : 'firefox'), { only, part: 'unavailable' }]);
  runs.push(['popup, report to the manager, privacy reminder, accessibility (specs-ui.mjs)', distDir, { only }, {}, runUiSuite]);
  for (const [label, dir, opts, sessionOpts, suite = runSuite] of runs) {
    let session;
    const t0 = Date.now();
    try {
      session = await open(dir, sessionOpts);
      console.log(`\n== ${browser} ${session.version}: ${label}`);
      merge(await suite(session, opts));
    } catch (e) {
      total.failed++;
      total.failures.push({ name: `${browser}: ${label}: the session`, error: e?.stack ?? String(e) });
      console.log(`  FAIL  ${browser}: ${label}: ${e?.stack ?? e}`);
    } finally {
      await session?.close();
      console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  return total;
}

function stats(latencies) {
  if (!latencies.length) return 'no samples';
  const ms = latencies.map((l) => l.ms).sort((a, b) => a - b);
  const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
  return `median ${median.toFixed(0)} ms, worst ${ms[ms.length - 1].toFixed(0)} ms over ${ms.length} samples`;
}

for (const browser of browsers) {
  const r = await runIn(browser);
  summary.push({ browser, ...r });
  if (r.failed) anyFailed = true;
}

// Requests: the fixture server saw everything the browsers asked of the fixture hosts (and, in
// Chromium, of any host at all). Anything but the fixture files is reported; anything carrying
// text typed in the tests fails the run (nothing typed may leave the browser).
const typed = ['strictly confidential', '07700', 'Lovely walk', 'Thanks everyone', 'so angry'];
const unexpected = server.log.filter((e) => !e.expected);
const leaks = server.log.filter((e) => typed.some((t) => decodeURIComponent(e.url + e.body).includes(t)));
await server.close();

console.log('\n== summary');
for (const s of summary) {
  console.log(`${s.browser}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
}
for (const s of summary) {
  console.log(`${s.browser}: last keystroke → badge change: ${stats(s.latencies)}`);
}
for (const s of summary) {
  for (const k of s.skips) console.log(`${s.browser}: skipped: ${k.name} (${k.why})`);
  for (const f of s.failures) console.log(`${s.browser}: FAILED: ${f.name}\n    ${f.error.split('\n')[0]}`);
}
console.log(`network: ${server.log.length} requests reached the fixture server; ${unexpected.length} were not fixture files`);
if (unexpected.length) {
  // Chromium's host rules send every host here, so its own background traffic (updates, sign-in,
  // spelling dictionaries) shows up too; the "network:" spec above shows none of it came from a
  // page or the extension.
  const hosts = {};
  for (const e of unexpected) {
    if (FIXTURE_HOSTS.has(e.host)) console.log(`  on a fixture host: ${e.method} https://${e.host}${e.url}`);
    else hosts[e.host] = (hosts[e.host] ?? 0) + 1;
  }
  const other = Object.entries(hosts).map(([h, n]) => `${h} ×${n}`).join(', ');
  if (other) console.log(`  other hosts (the browser's own traffic): ${other}`);
}
if (leaks.length) {
  anyFailed = true;
  console.log(`network: FAILED: ${leaks.length} request(s) carried typed text:`);
  for (const e of leaks.slice(0, 10)) console.log(`  ${e.method} https://${e.host}${e.url}`);
} else {
  console.log('network: no request carried typed text');
}
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(0)} s (sites: ${Object.keys(SITES).join(', ')})`);
if (!args.keep) rmSync(work, { recursive: true, force: true });
process.exit(anyFailed ? 1 : 0);
