// Shared by the playground pages: loading the wasm checker and small DOM helpers.
// Every piece of user or rule text reaches the page through textContent, never as HTML.

import init, * as wasm from './wasm/second_thought.js';

export { el } from './el.js';

let ready = null;

/** Initialises the wasm module and hands it the classifier's model, once; resolves to the module's exports. */
export function loadChecker() {
  ready ??= (async () => {
    await init({ module_or_path: new URL('./wasm/second_thought_bg.wasm', import.meta.url) });
    const model = await fetch(new URL('./wasm/offensive.bin', import.meta.url));
    if (!model.ok) throw new Error(`wasm/offensive.bin: ${model.status} ${model.statusText}`);
    wasm.loadModel(new Uint8Array(await model.arrayBuffer()));
    return wasm;
  })();
  return ready;
}


export const SEVERITY_ORDER = { stop: 0, warn: 1, note: 2 };

export const MODES = { both: 'all accounts', personal: 'personal accounts', work: 'work accounts' };
