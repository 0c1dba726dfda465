// The npm peers on the bench inputs, default settings, "flag if any hit" (as
// ../shared/eval/README.md measured them): obscenity 0.4.6, bad-words 4.1.5, alex 11.0.1 (plain
// text). Time per check, texts/s and the quality on the Davidson sample.
// Writes target/bench/peers.json. Run by benches/node/bench.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { text as alexText } from 'alex';
import { Filter } from 'bad-words';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { BUDGET_MS, confusion, loadInputs, log, ROOT, summarise, time, writeResult } from './lib.mjs';

const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const filter = new Filter();
const PEERS = {
  obscenity: { label: `obscenity ${version('obscenity')}`, flag: (t) => matcher.hasMatch(t) },
  'bad-words': { label: `bad-words ${version('bad-words')}`, flag: (t) => filter.isProfane(t) },
  alex: { label: `alex ${version('alex')}`, flag: (t) => alexText(t).messages.length > 0 },
};

const inputs = loadInputs();
const out = {};
for (const [id, peer] of Object.entries(PEERS)) {
  const timings = {};
  let quality = null;
  for (const input of inputs) {
    if (input.labelled) {
      const perCall = [];
      quality = confusion(input, peer.flag, perCall); // also the warm-up
      // A tool slower than the time budget is timed on this pass alone (alex: ~15 s a pass).
      timings[input.id] =
        perCall.reduce((a, b) => a + b, 0) * 1000 >= BUDGET_MS
          ? summarise(perCall, input.texts)
          : time(input.texts, peer.flag, { warmup: 0, minPasses: 1 });
    } else {
      timings[input.id] = time(input.texts, peer.flag);
    }
    log(`${peer.label}, ${input.label}: ${(timings[input.id].mean_s * 1e6).toFixed(1)} µs per check`);
  }
  out[id] = { label: peer.label, timings, quality };
}
log(`peer figures in ${writeResult('peers', out)}`);
