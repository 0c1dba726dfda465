// Shared by the playground pages: loading the wasm checker and small DOM helpers.
// Every piece of user or rule text reaches the page through textContent, never as HTML.

import init, * as wasm from './wasm/second_thought.js';

let ready = null;

/** Initialises the wasm module once; resolves to the module's exports. */
export function loadChecker() {
  ready ??= init({ module_or_path: new URL('./wasm/second_thought_bg.wasm', import.meta.url) }).then(() => wasm);
  return ready;
}

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

export const SEVERITY_ORDER = { stop: 0, warn: 1, note: 2 };

export const MODES = { both: 'all accounts', personal: 'personal accounts', work: 'work accounts' };
