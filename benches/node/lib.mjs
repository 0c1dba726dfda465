// Shared by the Node half of `./build.sh bench`: the inputs the native half wrote
// (target/bench-inputs/, the same bytes for every tool), a timing loop that keeps every check's
// own time (for the p99), and the confusion counts of a "flag if any hit" decision.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TARGET = process.env.CARGO_TARGET_DIR ? join(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
export const INPUTS_DIR = join(TARGET, 'bench-inputs');
export const OUT_DIR = join(TARGET, 'bench');
export const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 1500);

/** The rules a post counts as offensive by (as in the README's evaluation, and benches/compare.rs). */
export const OFFENSIVE_RULES = ['obscene-language', 'discriminatory-language', 'harassment', 'threat'];

/** [{id, label, site, context, texts: string[], labels?: number[], ids?: string[], utf8_bytes}] */
export function loadInputs() {
  const manifest = join(INPUTS_DIR, 'inputs.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run \`cargo bench --bench compare\` (or ./build.sh bench) first`);
  }
  return JSON.parse(readFileSync(manifest, 'utf8')).map((input) => {
    const raw = readFileSync(join(INPUTS_DIR, input.file), 'utf8');
    if (!input.labelled) return { ...input, texts: [raw] };
    const rows = raw.trim().split('\n').map((l) => JSON.parse(l));
    return { ...input, texts: rows.map((r) => r.text), labels: rows.map((r) => r.label), ids: rows.map((r) => r.id) };
  });
}

/**
 * Times fn over texts: `warmup` passes (and `warmupMs`) first, then passes until `budgetMs` has gone (at least
 * `minPasses`), each call timed on its own. Returns the summary the table uses.
 */
export function time(texts, fn, { budgetMs = BUDGET_MS, minPasses = 3, warmup = 1, warmupMs = 300 } = {}) {
  let sink = warm(texts, fn, warmup, warmupMs);
  const perCall = [];
  const started = performance.now();
  let passes = 0;
  while (passes < minPasses || performance.now() - started < budgetMs) {
    sink += timedPass(texts, fn, perCall);
    passes++;
  }
  globalThis.__sink = sink;
  return summarise(perCall, texts);
}

/**
 * At least `warmup` passes of fn over texts and `warmupMs` (none at all when `warmup` is 0), so
 * that the JIT (and wasm's tier-up from the baseline compiler) is done before the timing starts.
 * Returns what the calls gave, for a sink the optimiser cannot drop.
 */
function warm(texts, fn, warmup, warmupMs) {
  let sink = 0;
  const warming = performance.now();
  for (let w = 0; w < warmup || (warmup > 0 && performance.now() - warming < warmupMs); w++) {
    for (const t of texts) sink += fn(t) ? 1 : 0;
  }
  return sink;
}

/** One pass of fn over texts, each call's time in seconds pushed onto perCall. */
function timedPass(texts, fn, perCall) {
  let sink = 0;
  for (const t of texts) {
    const t0 = performance.now();
    sink += fn(t) ? 1 : 0;
    perCall.push((performance.now() - t0) / 1000);
  }
  return sink;
}

/**
 * Times several inputs in turns: every input warmed up first (a pass and `warmupMs`, or none when
 * `warmup` is 0), then `rounds` rounds in which each input in turn gets `budgetMs / rounds` (at
 * least one pass), each call timed on its own. On a shared machine whose speed drifts for a second
 * or two at a time, a slow spell then costs every input a little instead of one input all of its
 * figure (timed in one block, the 280-character tweet read 10.5-11 us in six runs out of eight and
 * 16-17 us in two, whichever build was timed). Returns {id: summary} as `time` does for one.
 * @param {{id: string, texts: string[], fn: (t: string) => unknown, warmup?: number}[]} entries
 */
export function timeInTurns(entries, { budgetMs = BUDGET_MS, rounds = 5, warmupMs = 300 } = {}) {
  let sink = 0;
  for (const e of entries) sink += warm(e.texts, e.fn, e.warmup ?? 1, warmupMs);
  const perCall = entries.map(() => []);
  for (let r = 0; r < rounds; r++) {
    entries.forEach((e, k) => {
      const started = performance.now();
      do {
        sink += timedPass(e.texts, e.fn, perCall[k]);
      } while (performance.now() - started < budgetMs / rounds);
    });
  }
  globalThis.__sink = sink;
  return Object.fromEntries(entries.map((e, k) => [e.id, summarise(perCall[k], e.texts)]));
}

export function summarise(perCall, texts) {
  const sorted = Float64Array.from(perCall).sort();
  const n = sorted.length;
  const pct = (p) => sorted[Math.min(n, Math.max(1, Math.ceil(p * n))) - 1];
  const total = perCall.reduce((a, b) => a + b, 0);
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
  const passes = n / texts.length;
  return {
    calls: n,
    mean_s: total / n,
    median_s: pct(0.5),
    p99_s: pct(0.99),
    max_s: sorted[n - 1],
    mb_s: (bytes * passes) / total / 1e6,
    texts_s: n / total,
  };
}

/** Confusion counts of predict(text) against the labels (and each call's time, in `perCall`). */
export function confusion(input, predict, perCall = []) {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  input.texts.forEach((t, i) => {
    const t0 = performance.now();
    const p = !!predict(t);
    perCall.push((performance.now() - t0) / 1000);
    const a = input.labels[i] === 1;
    c[p ? (a ? 'tp' : 'fp') : a ? 'fn' : 'tn']++;
  });
  return c;
}

export function writeResult(name, value) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(value)}\n`);
  return file;
}

export const log = (...a) => console.error('bench:', ...a);
