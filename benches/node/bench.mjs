#!/usr/bin/env node
// The Node half of `./build.sh bench`, and the one table. build.sh runs the native half first
// (`cargo bench --bench compare`: it writes the inputs to target/bench-inputs/ and its figures to
// target/bench/native.json); this runs, one after the other, in child processes:
//   wasm.mjs     Second Thought's wasm from dist/chrome in Node
//   peers.mjs    obscenity, bad-words, alex (npm) on the same inputs
//   browser.mjs  the real extension in headless Chromium on the e2e fixture sites
// then prints one Markdown table of every figure of this run, with the goals of issue 6 beside
// them, and writes it to target/bench/table.md.
//
//   node benches/node/bench.mjs [--table-only] [--skip browser,peers,wasm]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import { OUT_DIR, ROOT } from './lib.mjs';

const { values: args } = parseArgs({
  options: { 'table-only': { type: 'boolean', default: false }, skip: { type: 'string', default: '' } },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
const started = Date.now();

const native = read('native');
const loadAtStart = loadavg()[0];
if (!native) {
  console.error('bench: target/bench/native.json is missing: run `cargo bench --bench compare` first (./build.sh bench does)');
  process.exit(2);
}
if (!args['table-only']) {
  for (const part of ['wasm', 'peers', 'browser']) {
    if (skip.has(part)) continue;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'benches', 'node', `${part}.mjs`)], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`bench: ${part}.mjs failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
    console.error(`bench: ${part} took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

function read(name) {
  const file = join(OUT_DIR, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
// Figures from an earlier run must not pass for this one's.
const nativeAt = statSync(join(OUT_DIR, 'native.json')).mtimeMs;
const fresh = (name) => {
  const file = join(OUT_DIR, `${name}.json`);
  return existsSync(file) && statSync(file).mtimeMs >= nativeAt ? read(name) : null;
};
const wasm = fresh('wasm');
const peers = fresh('peers');
const browser = fresh('browser');

// ---- formatting -----------------------------------------------------------------------------
const dur = (s) => (s == null ? '' : s < 1e-3 ? `${(s * 1e6).toFixed(1)} µs` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`);
const num = (x, d = 0) => (x == null ? '' : x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }));
const ratio = (x) => (x == null ? '' : x >= 100 ? `${num(x)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const three = (x) => (Number.isFinite(x) ? x.toFixed(3).replace(/^0/, '') : '—');
function scores(c) {
  if (!c) return '';
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  const f1 = (2 * p * r) / (p + r);
  const fpr = c.fp / (c.fp + c.tn);
  return `${three(p)} / ${three(r)} / ${three(f1)} / ${three(fpr)}`;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
};

// ---- goals (issue 6) ------------------------------------------------------------------------
const goals = [];
/** Records a goal; returns [goal text, "met"/"missed"] for the row. */
function goal(text, ok) {
  goals.push({ text, ok });
  return [text, ok ? 'met' : '**missed**'];
}
const P99_GOAL = { 'tweet-280': 0.1e-3, 'linkedin-3000': 0.5e-3, 'facebook-63206': 10e-3 };

// ---- rows -----------------------------------------------------------------------------------
const inputs = native.inputs;
const posts = inputs.filter((i) => !i.labelled);
const sample = inputs.find((i) => i.labelled);
const rows = [];
const row = (r) => rows.push(r);
const st = (id) => native.timings[id]['second-thought'];

for (const input of inputs) {
  const what = input.labelled ? `${input.label}, per tweet` : input.label;
  const isPost = !input.labelled;
  // Second Thought, native
  const n = st(input.id);
  const [, m1] = isPost ? goal(`≥ 50 MB/s native (${input.label})`, n.mb_s >= 50) : ['', ''];
  row([
    'Second Thought, native (all rules)',
    what,
    dur(n.mean_s),
    dur(n.p99_s),
    num(n.mb_s, 1),
    num(n.texts_s),
    '1×',
    input.labelled ? scores(native.quality['second-thought']) : '',
    isPost ? '≥ 50 MB/s' : '',
    m1,
  ]);
  // Second Thought, wasm in Node
  const w = wasm?.timings?.[input.id];
  if (w) {
    let goalText = '';
    let met = '';
    if (isPost) {
      const [, a] = goal(`wasm p99 ≤ ${dur(P99_GOAL[input.id])} (${input.label})`, w.p99_s <= P99_GOAL[input.id]);
      const [, b] = goal(`≥ 20 MB/s in wasm (${input.label})`, w.mb_s >= 20);
      goalText = `p99 ≤ ${dur(P99_GOAL[input.id])}; ≥ 20 MB/s`;
      met = `${a}; ${b}`;
    }
    row([
      `Second Thought, wasm in Node ${wasm.node}`,
      what,
      dur(w.mean_s),
      dur(w.p99_s),
      num(w.mb_s, 1),
      num(w.texts_s),
      `${ratio(w.mean_s / n.mean_s)} native`,
      input.labelled ? scores(wasm.quality) : '',
      goalText,
      met,
    ]);
  }
  // The native peers, as a ratio to Second Thought native.
  for (const [id, label] of [['floor', 'bare Aho-Corasick + RegexSet (floor), native'], ['rustrict', 'rustrict 0.7.39, native']]) {
    const t = native.timings[input.id][id];
    let goalText = '';
    let met = '';
    if (id === 'floor') {
      const r = n.mean_s / t.mean_s;
      [, met] = goal(`Second Thought within 5× of the bare pass (${input.label}: ${ratio(r)})`, r <= 5);
      goalText = `Second Thought ≤ 5× this (is ${ratio(r)})`;
    }
    row([
      label,
      what,
      dur(t.mean_s),
      dur(t.p99_s),
      num(t.mb_s, 1),
      num(t.texts_s),
      ratio(t.mean_s / n.mean_s),
      input.labelled && id === 'rustrict' ? scores(native.quality.rustrict) : input.labelled ? '—' : '',
      goalText,
      met,
    ]);
  }
  // The npm peers, as a ratio to Second Thought's wasm in the same runtime.
  for (const peer of Object.values(peers ?? {})) {
    const t = peer.timings[input.id];
    row([
      `${peer.label} (npm), Node`,
      what,
      dur(t.mean_s),
      dur(t.p99_s),
      num(t.mb_s, 1),
      num(t.texts_s),
      w ? ratio(t.mean_s / w.mean_s) : '',
      input.labelled ? scores(peer.quality) : '',
      '',
      '',
    ]);
  }
}
if (sample) {
  const held = native.quality['second-thought-held-out'];
  row(['Second Thought, native', `${sample.label}: only the ${num(held.tp + held.fp + held.tn + held.fn)} rows the classifier never trained on`, '', '', '', '', '', scores(held), '', '']);
}

// Checker start-up and memory, wasm size.
row(['Second Thought, native', 'new Checker (default pack)', dur(native.build_checker_s), '', '', '', '', '', '', '']);
if (wasm) {
  row(['Second Thought, wasm in Node', 'new Checker (default pack)', dur(wasm.build_checker_s), '', '', '', '', '', '', '']);
  const mem = wasm.memory.after_checks;
  const [, met] = goal(`checker memory ≤ 10 MB (is ${num(mem / 1e6, 1)} MB)`, mem <= 10e6);
  row([
    'Second Thought, wasm in Node',
    'checker memory: wasm memory.buffer.byteLength after all the checks above',
    `${num(mem / 1e6, 2)} MB`,
    '',
    '',
    '',
    '',
    '',
    '≤ 10 MB',
    met,
  ]);
}
const wasmFile = join(ROOT, 'dist', 'chrome', 'wasm', 'second_thought_bg.wasm');
if (existsSync(wasmFile)) {
  const bytes = readFileSync(wasmFile);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const [, met] = goal(`wasm ≤ 300 KB gzipped (is ${num(gz / 1e3)} KB)`, gz <= 300e3);
  row([
    'Second Thought, wasm file',
    'dist/chrome/wasm/second_thought_bg.wasm: raw / gzip -9',
    `${num(bytes.length / 1e3)} KB / ${num(gz / 1e3)} KB`,
    '',
    '',
    '',
    '',
    '',
    '≤ 300 KB gzipped',
    met,
  ]);
}

// The extension in Chromium.
if (browser) {
  const all = Object.values(browser.latency_ms).flat();
  const [, met] = goal(`badge ≤ 100 ms after the last keystroke, median (is ${all.length ? median(all).toFixed(0) : '?'} ms)`, median(all) <= 100);
  row([
    `the extension in headless Chromium ${browser.chromium}`,
    `last keystroke → badge data-state change, ${all.length} samples (${Object.keys(browser.latency_ms).join(', ')})`,
    `median ${median(all).toFixed(1)} ms`,
    `${pct(all, 0.99).toFixed(1)} ms`,
    '',
    '',
    '',
    '',
    '≤ 100 ms (median)',
    met,
  ]);
  for (const [site, xs] of Object.entries(browser.latency_ms)) {
    row(['', `… on ${site} (${xs.length} samples)`, `median ${median(xs).toFixed(1)} ms`, `${pct(xs, 0.99).toFixed(1)} ms`, '', '', '', '', '', '']);
  }
  const prof = browser.profile;
  const js = prof.ext_cpu_s / prof.keys;
  row([
    '',
    `page main thread per keystroke: the extension's own JavaScript, CPU (its share of the busy samples of a CPU profile of the page × the main thread's CPU time; ${prof.keys} keys at 120 ms; wall-clock in the profile: ${((prof.ext_js_s / prof.keys) * 1e3).toFixed(2)} ms)`,
    `${(js * 1e3).toFixed(2)} ms`,
    '',
    '',
    '',
    '',
    '',
    '(part of the row below)',
    '',
  ]);
  const per = (r, k) => (r[k] / r.keys) * 1e3; // ms per key
  const w = browser.with_extension;
  const o = browser.without_extension;
  const delta = (per(w, 'thread_s') - per(o, 'thread_s')) / 1e3;
  const [, m2] = goal(`≤ 1 ms of page main-thread work per keystroke: main-thread CPU time with minus without the extension (is ${(delta * 1e3).toFixed(2)} ms)`, delta <= 1e-3);
  row([
    '',
    `page main thread per keystroke, all of it: CPU time (ThreadTime) with the extension ${per(w, 'thread_s').toFixed(2)} ms, with an empty extension ${per(o, 'thread_s').toFixed(2)} ms; ${w.keys} keys each, alternating`,
    `${(delta * 1e3).toFixed(2)} ms more`,
    '',
    '',
    '',
    '',
    '',
    '≤ 1 ms',
    m2,
  ]);
  row([
    '',
    `… busy time (TaskDuration) with / without: ${per(w, 'task_s').toFixed(2)} / ${per(o, 'task_s').toFixed(2)} ms, of which script ${per(w, 'script_s').toFixed(2)} / ${per(o, 'script_s').toFixed(2)}, layout ${per(w, 'layout_s').toFixed(2)} / ${per(o, 'layout_s').toFixed(2)}, style ${per(w, 'style_s').toFixed(2)} / ${per(o, 'style_s').toFixed(2)}`,
    `${(per(w, 'task_s') - per(o, 'task_s')).toFixed(2)} ms more`,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  const top = Object.entries(browser.profile.functions)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([f, t]) => `${f} ${((t / prof.keys) * 1e3).toFixed(3)}`)
    .join(', ');
  row(['', `… the extension's JavaScript by innermost function, wall-clock ms per key in the profile: ${top}`, '', '', '', '', '', '', '', '']);
}

// ---- print ----------------------------------------------------------------------------------
const head = ['tool', 'input / measure', 'mean per check', 'p99 per check', 'MB/s', 'texts/s', 'time ÷ Second Thought', 'Davidson: P / R / F1 / FPR', 'goal (issue 6)', 'met?'];
const esc = (c) => String(c).replaceAll('|', '\\|');
const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
const missing = [['wasm', wasm], ['peers', peers], ['browser', browser]].filter(([, v]) => !v).map(([k]) => k);
const notes = [
  '',
  `Measured in one run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${((Date.now() - started) / 1000).toFixed(0)} s for the Node half), on ${availableParallelism()} CPUs shared with other work: 1-minute load average ${[...(native.loadavg ?? []), loadAtStart, loadavg()[0]].map((x) => (x == null ? '?' : x.toFixed(1))).join(' → ')} (native start, native end, Node start, Node end). A load above the CPU count slows every figure here, the p99s most.`,
  'MB/s: UTF-8 bytes of the input ÷ time (MB = 10^6 bytes; KB = 10^3). Posts: characters as the sites count them (UTF-16 units), built by `text_of` in benches/check.rs; every tool gets the same bytes (target/bench-inputs/).',
  '"time ÷ Second Thought": native tools against Second Thought native; npm tools against Second Thought\'s wasm in the same Node; the wasm row against native. Below 1× is faster than Second Thought.',
  `Davidson: the 5,000-tweet sample of ../shared/eval/offensive_davidson.jsonl (benches/data/davidson-sample-seed1.txt), "flag if any hit", default settings; Second Thought flags by ${(native.quality.rules ?? []).join(', ')}. The classifier was trained on Davidson rows outside its held-out fifth, so the held-out row is the fair one.`,
  `Goals: ${goals.filter((g) => g.ok).length} met, ${goals.filter((g) => !g.ok).length} missed${goals.some((g) => !g.ok) ? ` (missed: ${goals.filter((g) => !g.ok).map((g) => g.text).join('; ')})` : ''}.`,
];
if (wasm && JSON.stringify(wasm.quality?.flagged) !== JSON.stringify(native.quality?.['second-thought-flagged'])) {
  notes.push('**The wasm build and the native build flagged different tweets of the sample.**');
}
if (missing.length) notes.push(`**Not measured in this run: ${missing.join(', ')}.**`);
const table = `${lines.join('\n')}\n${notes.join('\n')}\n`;
writeFileSync(join(OUT_DIR, 'table.md'), table);
console.log(`\n${table}`);
console.log(`(also in ${join(OUT_DIR, 'table.md')})`);
