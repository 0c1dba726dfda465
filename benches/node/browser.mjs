// The real extension (dist/chrome) in headless Chromium on the e2e fixture sites (X, Facebook and
// LinkedIn stand-ins served over HTTPS with the sites' strict CSP; tests/e2e/lib does all of
// that), typed into with real key presses:
//
// - last keystroke → <second-thought-badge> data-state change: the page's own clock, from the
//   keydown (a capture listener of the fixture harness) to the MutationObserver record of the
//   badge's attribute (tests/e2e/fixtures/harness.js). Each sample is one key that makes or
//   unmakes a finding ("…strictly confidentia" + "l", then Backspace), nothing typed after it.
// - page main-thread work per keystroke, typing at 120 ms a key (a quick typist, slow enough
//   that every key gets its own check), two ways:
//   1. the extension's JavaScript on the page's main thread: a CPU profile of the page (CDP
//      Profiler, 50 µs sampling) during the typing, counting the samples whose stack has a frame
//      of the extension's own scripts (chrome-extension://…), divided by the keys typed;
//   2. everything the page's main thread did (CDP Performance.getMetrics: ThreadTime, the main
//      thread's CPU time, which also counts style, layout, messaging and garbage collection),
//      with the extension minus the same typing with an empty extension, box by box in turn in
//      two browsers open side by side, divided by the keys typed.
//
// Writes target/bench/browser.json. Run by benches/node/bench.mjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumSession } from '../../tests/e2e/lib/browsers.mjs';
import { buildFixtures } from '../../tests/e2e/lib/fixtures.mjs';
import { makeCert, startServer } from '../../tests/e2e/lib/server.mjs';
import { clickSelector, openBox, SITES, sleep, typeIn, waitFor, waitState } from '../../tests/e2e/specs.mjs';
import { log, ROOT, writeResult } from './lib.mjs';

const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 30); // per site; two samples each
const KEY_GAP_MS = 120;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2); // with / without the extension, alternating
const BOXES = [
  ['x', 'post'],
  ['facebook', 'comment'],
  ['linkedin', 'comment'],
];
const PREFIX = 'Notes from today: the minutes are strictly confidentia'; // + "l" = a finding
const TYPED = 'Lovely walk in the park this morning, see you all at the fair';

const work = mkdtempSync(join(tmpdir(), 'st-bench-'));
const www = join(work, 'www');
await buildFixtures(www);
const server = await startServer(www, makeCert(work), [0]);
const port = server.ports[0];

/** An extension that does nothing (a service worker, no content scripts): the baseline. */
function emptyExtension() {
  const dir = join(work, 'empty-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'empty', version: '1.0', background: { service_worker: 'sw.js' } }),
  );
  writeFileSync(join(dir, 'sw.js'), '');
  return dir;
}

/** Waits for the badge's state change caused by the last key pressed; its time from that key. */
async function latencySample(page, box, state) {
  const sample = await waitFor(
    page,
    ([sel, st]) => {
      const badge = [...document.querySelectorAll('second-thought-badge')].find((b) => {
        try {
          return document.querySelector(b.getAttribute('data-for')) === document.querySelector(sel);
        } catch {
          return false;
        }
      });
      const forSel = badge?.getAttribute('data-for');
      const mine = window.__badgeLog.filter((e) => e.for === forSel && e.lastKey === window.__keys.last);
      const hit = mine.find((e) => e.state === st);
      return hit ? { ms: hit.t - hit.lastKey, changes: mine.length } : null;
    },
    [box.editor, state],
    `badge ${state}`,
  );
  return sample;
}

async function measureLatency(session) {
  const page = session.page;
  const bySite = {};
  for (const [site, name] of BOXES) {
    const box = SITES[site].boxes[name];
    await openBox(page, site, box);
    await typeIn(page, box, PREFIX);
    await waitState(page, box, 'clear');
    await sleep(300);
    const samples = [];
    for (let i = 0; i < TOGGLES; i++) {
      await page.type('l');
      samples.push((await latencySample(page, box, 'stop')).ms);
      await sleep(60);
      await page.press('Backspace');
      samples.push((await latencySample(page, box, 'clear')).ms);
      await sleep(60);
    }
    bySite[`${site}/${name}`] = samples;
    log(`browser, ${site}/${name}: ${samples.length} latency samples`);
  }
  return bySite;
}

/** A tally of main-thread figures over the keys typed. */
const tally = () => ({ keys: 0, thread_s: 0, task_s: 0, script_s: 0, layout_s: 0, style_s: 0, ext_js_s: 0, profiled_s: 0, functions: {} });

/**
 * Opens one box and types TYPED into it key by key; adds to `total` the keys, the page's
 * main-thread figures (CDP Performance metrics: ThreadTime is the main thread's CPU time,
 * TaskDuration its busy wall time) and, with `profile`, the extension's JavaScript time.
 */
async function typeAndMeasure(session, [site, name], total, { profile = false, withBadge = true } = {}) {
  const page = session.page;
  const box = SITES[site].boxes[name];
  const cdp = await session.cdp();
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  }
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n) => metrics.find((m) => m.name === n)?.value ?? NaN;
    return {
      thread: get('ThreadTime'),
      task: get('TaskDuration'),
      script: get('ScriptDuration'),
      layout: get('LayoutDuration'),
      style: get('RecalcStyleDuration'),
    };
  };
  // openBox, without waiting for a badge when the extension is the empty one.
  await page.goto(SITES[site].url);
  if (box.open) await clickSelector(page, box.open);
  await waitFor(page, (sel) => !!document.querySelector(sel), box.editor, 'the editor');
  if (withBadge) await waitFor(page, (sel) => window.__st.badge(sel), box.editor, 'a badge for the editor', 8000);
  await clickSelector(page, box.editor);
  await waitFor(page, (sel) => window.__st.focusIn(sel).focus, box.editor, 'focus in the editor');
  await sleep(500); // the first check of the empty editor, placing the badge
  const before = await metric();
  if (profile) await cdp.send('Profiler.start');
  for (const ch of TYPED) {
    await page.type(ch);
    await sleep(KEY_GAP_MS);
  }
  await sleep(400); // the last key's check has answered
  const after = await metric();
  if (profile) {
    const { profile: p } = await cdp.send('Profiler.stop');
    const a = attribute(p, session.extensionId);
    total.ext_js_s += a.ext_s;
    total.profiled_s += a.total_s;
    total.busy_s = (total.busy_s ?? 0) + a.busy_s;
    // The profile's times are wall-clock (a thread descheduled in our code counts against us):
    // the extension's share of the busy samples, times the main thread's CPU time, is its CPU.
    total.ext_cpu_s = (total.ext_cpu_s ?? 0) + (a.busy_s > 0 ? (after.thread - before.thread) * (a.ext_s / a.busy_s) : 0);
    for (const [f, t] of Object.entries(a.functions)) total.functions[f] = (total.functions[f] ?? 0) + t;
  }
  total.keys += TYPED.length;
  total.thread_s += after.thread - before.thread;
  total.task_s += after.task - before.task;
  total.script_s += after.script - before.script;
  total.layout_s += after.layout - before.layout;
  total.style_s += after.style - before.style;
  await cdp.detach().catch(() => {});
  return total;
}

/** The CPU time (s) of the samples whose stack holds a frame of the extension's own scripts. */
function attribute(profile, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const n = byId.get(id);
    const v = n.callFrame.url.startsWith(prefix) || (parent.has(id) && isOurs(parent.get(id)));
    ours.set(id, v);
    return v;
  };
  /** The innermost frame of the extension's on a sample's stack: "function (file:line)". */
  const innermost = (id) => {
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) {
      const f = n.callFrame;
      if (f.url.startsWith(prefix)) return `${f.functionName || '(anonymous)'} (${f.url.slice(prefix.length)}:${f.lineNumber + 1})`;
    }
    return null;
  };
  let ext = 0;
  let total = 0;
  let idle = 0;
  const functions = {};
  // timeDeltas[i + 1] is the time until the next sample: the time sample i stands for.
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1e6;
    total += dt;
    if (byId.get(profile.samples[i]).callFrame.functionName === '(idle)') idle += dt;
    if (isOurs(profile.samples[i])) {
      ext += dt;
      const f = innermost(profile.samples[i]);
      functions[f] = (functions[f] ?? 0) + dt;
    }
  }
  return { ext_s: ext, total_s: total, busy_s: total - idle, functions };
}

const result = { rounds: ROUNDS, key_gap_ms: KEY_GAP_MS, typed: TYPED };
let withExt;
let empty;
try {
  withExt = await chromiumSession(join(ROOT, 'dist', 'chrome'), port);
  result.chromium = withExt.version;
  log(`browser: Chromium ${withExt.version}, the extension from dist/chrome`);
  result.latency_ms = await measureLatency(withExt);
  // The profile in a pass of its own: the profiler slows down what it watches.
  result.profile = tally();
  for (const b of BOXES) await typeAndMeasure(withExt, b, result.profile, { profile: true });
  log('browser: profiled');
  // With and without the extension, box by box in turn, so that whatever else the machine is
  // doing weighs on both alike.
  empty = await chromiumSession(emptyExtension(), port);
  result.with_extension = tally();
  result.without_extension = tally();
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of BOXES) {
      await typeAndMeasure(withExt, b, result.with_extension);
      await typeAndMeasure(empty, b, result.without_extension, { withBadge: false });
    }
  }
  log('browser: main-thread work measured');
} finally {
  await withExt?.close();
  await empty?.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
log(`browser figures in ${writeResult('browser', result)}`);
