// Second Thought's wasm build, as the extension ships it (dist/chrome/wasm: the wasm and its JS
// glue), in Node: time per check on the bench inputs, the checker's memory (the wasm linear
// memory after all the checks) and the quality on the Davidson sample.
// Writes target/bench/wasm.json. Run by benches/node/bench.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUDGET_MS, confusion, loadInputs, log, OFFENSIVE_RULES, ROOT, timeInTurns, writeResult } from './lib.mjs';

const dir = join(ROOT, 'dist', 'chrome', 'wasm');
const glue = await import(pathToFileURL(join(dir, 'second_thought.js')).href);
const exports = glue.initSync({ module: readFileSync(join(dir, 'second_thought_bg.wasm')) });
glue.loadModel(readFileSync(join(dir, 'offensive.bin')));
const memory = () => exports.memory.buffer.byteLength;

const memoryAtInit = memory();
let t0 = performance.now();
const checker = new glue.Checker();
const buildS = (performance.now() - t0) / 1000;
const memoryWithChecker = memory();

const inputs = loadInputs();
let quality = null;
const check = (input) => (t) => checker.check(t, input.context).length;
for (const input of inputs.filter((i) => i.labelled)) {
  // The quality pass is also the Davidson sample's warm-up.
  const flagged = [];
  quality = confusion(input, (t) => {
    const hit = checker.check(t, input.context).some((f) => OFFENSIVE_RULES.includes(f.rule));
    if (hit) flagged.push(t);
    return hit;
  });
  const ids = new Map(input.texts.map((t, i) => [t, input.ids[i]]));
  quality.flagged = flagged.map((t) => ids.get(t));
}
// Every input timed in turns (see timeInTurns), so that a slow spell of the machine does not
// land on one input's figure.
const timings = timeInTurns(
  inputs.map((input) => ({ id: input.id, texts: input.texts, fn: check(input), warmup: input.labelled ? 0 : 1 })),
  { budgetMs: BUDGET_MS * inputs.length },
);
for (const input of inputs) {
  log(`wasm, ${input.label}: ${(timings[input.id].mean_s * 1e6).toFixed(1)} µs per check`);
}
const memoryAfter = memory();
checker.free();

const file = writeResult('wasm', {
  node: process.versions.node,
  build_checker_s: buildS,
  memory: { at_init: memoryAtInit, with_checker: memoryWithChecker, after_checks: memoryAfter },
  timings,
  quality,
});
log(`wasm figures in ${file}`);
