// Second Thought's background (a service worker in Chrome, an event page in Firefox).
//
// It owns the one wasm Checker and answers the content scripts over a long-lived port named
// "second-thought". Nothing here touches the network: text comes in, findings go out.
//
//   {type: "check", id, text, context}  ->  {type: "result", id, hash, findings[, packError]}
//                                       or  {type: "error", id, hash, error[, unavailable: true]}
//   {type: "rules", id}                 ->  {type: "rules", id, rules}  (the rule registry)
//
// `hash` is hashText(text) (FNV-1a over UTF-16 code units, 8 hex digits): the content script
// computes the same to drop answers for a text that has changed since. `unavailable: true` means
// the checker could not answer at all (the wasm did not load, or it crashed twice on this text):
// the page should then let the post through rather than hold it.

import * as wasm from './wasm/second_thought.js';
import './settings.js'; // globalThis.__secondThought.Settings: the user's and the organisation's settings laid together
import { installMenu } from './menu.js';
import { installTabState } from './tabstate.js';

const api = globalThis.browser ?? globalThis.chrome;
const PORT_NAME = 'second-thought';
const STORAGE_AREA = 'sync'; // keys: pack, settings (JSON strings, both optional)
const Settings = globalThis.__secondThought.Settings;
const WASM_URL = new URL('./wasm/second_thought_bg.wasm', import.meta.url);
// The classifier's model: a data file beside the wasm, handed to each instance (loadModel).
const MODEL_URL = new URL('./wasm/offensive.bin', import.meta.url);

let moduleReady = null; // Promise: the wasm module initialised
let checkerReady = null; // Promise<Checker> for the stored pack and settings
let packError = null; // why the stored pack or settings were refused, if they were

/** FNV-1a (32-bit) over the UTF-16 code units of `text`, as 8 hex digits. */
function hashText(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Errors the API throws on bad input are plain Errors; a trap (a Rust panic) is not. */
function isApiError(e) {
  return e instanceof Error && !(e instanceof WebAssembly.RuntimeError);
}

/** The checker cannot answer at all: the page should fail open. */
class Unavailable extends Error {}

let modelBytes = null; // the model file, read once (a fresh instance needs it again)

function loadModule() {
  moduleReady ??= wasm.default({ module_or_path: WASM_URL }).catch((e) => {
    moduleReady = null; // try again on the next request
    throw new Unavailable(`the checker could not be loaded: ${e?.message ?? e}`);
  });
  return moduleReady.then(loadModel);
}

/** Gives the wasm instance its classifier model, unless it has it (the file is read once). */
async function loadModel() {
  if (wasm.modelLoaded()) return;
  try {
    if (!modelBytes) {
      const response = await fetch(MODEL_URL);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      modelBytes = new Uint8Array(await response.arrayBuffer());
    }
    wasm.loadModel(modelBytes);
  } catch (e) {
    modelBytes = null; // read it again on the next request
    throw new Unavailable(`the checker's model (wasm/offensive.bin) could not be loaded: ${e?.message ?? e}`);
  }
}

function errorReply(id, hash, e) {
  const reply = { type: 'error', id, hash, error: String(e?.message ?? e) };
  if (hash === undefined) delete reply.hash;
  if (e instanceof Unavailable || !isApiError(e)) reply.unavailable = true;
  return reply;
}

// storage.managed can take seconds to answer the first time (the first check of a session waited
// for it, and the page showed "unavailable" meanwhile). So the checker does not wait for it longer
// than Settings.MANAGED_WAIT_MS; it is built without the organisation's policy, and when the
// policy then turns out to have anything in it, rebuilt with it while every open tab checks again.
let managedKnown = null; // the organisation's values as last read; null: read them again

async function readManagedInTime() {
  if (managedKnown) return managedKnown;
  const read = Settings.readManaged(api).then((values) => {
    managedKnown = values;
    return values;
  });
  const first = await Settings.within(read, Settings.MANAGED_WAIT_MS);
  if (first !== undefined) return first;
  read.then((values) => {
    if (Object.keys(values).length > 0) {
      checkerReady = null;
      tellTabsToCheckAgain();
    }
  });
  return {};
}

/** Every open tab checks its text again (the pack or the settings in force changed). */
function tellTabsToCheckAgain() {
  for (const port of ports) {
    try {
      port.postMessage({ type: 'changed' });
    } catch {
      ports.delete(port);
    }
  }
}

/** The pack and settings in force: storage.sync with storage.managed (enterprise policy) over it. */
async function readStored() {
  const [got, raw] = await Promise.all([api.storage.sync.get(Settings.SYNC_KEYS), readManagedInTime()]);
  const ruleIds = new Set(wasm.rules().map((r) => r.id));
  return Settings.resolve(got, raw, { ruleIds, validatePack: wasm.validatePack, validateSettings: wasm.validateSettings });
}

async function buildChecker() {
  await loadModule();
  const r = await readStored();
  const problems = r.problems.map((q) => Settings.describe([q]));
  // The resolved pack and settings are valid one by one; should the checker still refuse them
  // together, leave out the user's settings first (keeping the organisation's rules), then the pack.
  const attempts = [
    { pack: r.pack, settings: r.settings },
    { pack: r.pack, settings: r.forcedSettings, left: 'your settings' },
    { pack: undefined, settings: r.settings, left: 'the policy pack' },
    { pack: undefined, settings: r.forcedSettings, left: 'the policy pack and your settings' },
  ];
  let checker = null;
  let refusal = null;
  for (const a of attempts) {
    try {
      checker = new wasm.Checker(a.pack, a.settings);
      if (refusal !== null) problems.push(`${a.left} not used: ${refusal}`);
      break;
    } catch (e) {
      if (!isApiError(e)) throw e;
      refusal ??= e.message;
    }
  }
  if (!checker) problems.push(`the shipped policy is used: ${refusal}`);
  checker ??= new wasm.Checker();
  packError = problems.length ? problems.join('; ') : null;
  if (packError) console.warn('Second Thought: some stored or managed settings were not used.', packError);
  return checker;
}

function currentChecker() {
  checkerReady ??= buildChecker().catch((e) => {
    checkerReady = null;
    throw e;
  });
  return checkerReady;
}

/** Forgets the checker after a panic and starts a fresh wasm instance (the old one may be corrupt). */
function discardInstance() {
  checkerReady = null;
  if (typeof wasm.__wbg_reset_state === 'function') {
    wasm.__wbg_reset_state(); // a new instance of the already compiled module
  }
}

async function check(text, context) {
  for (let attempt = 1; ; attempt++) {
    const checker = await currentChecker();
    try {
      return checker.check(text, context ?? {});
    } catch (e) {
      if (isApiError(e) || attempt > 1) throw e;
      console.error('Second Thought: the checker crashed; starting a fresh instance and retrying once.', e);
      discardInstance();
    }
  }
}

async function answer(msg) {
  const id = msg?.id;
  if (msg?.type === 'rules') {
    try {
      await loadModule();
      return { type: 'rules', id, rules: wasm.rules() };
    } catch (e) {
      return errorReply(id, undefined, e);
    }
  }
  if (msg?.type === 'check') {
    const text = typeof msg.text === 'string' ? msg.text : '';
    const hash = hashText(text);
    if (typeof msg.text !== 'string') {
      return { type: 'error', id, hash, error: 'text: expected a string' };
    }
    try {
      const findings = await check(text, msg.context);
      return packError === null
        ? { type: 'result', id, hash, findings }
        : { type: 'result', id, hash, findings, packError };
    } catch (e) {
      return errorReply(id, hash, e);
    }
  }
  return { type: 'error', id, error: `unknown request type: ${String(msg?.type)}` };
}

const ports = new Set(); // the content scripts connected now

api.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  port.onMessage.addListener(async (msg) => {
    const reply = await answer(msg);
    try {
      port.postMessage(reply);
    } catch {
      // The tab went away while we were checking; nobody is waiting for the answer.
    }
  });
});

// The toolbar popup's per-tab state, and "Report to my manager…" with the pack in force.
installTabState();
installMenu(async () => (await currentChecker()).packJson());

api.storage.onChanged.addListener((changes, area) => {
  // 'managed': the organisation's policy changed (Chrome notices within seconds).
  if (area === 'managed' || (area === STORAGE_AREA && ('pack' in changes || 'settings' in changes))) {
    if (area === 'managed') managedKnown = null;
    checkerReady = null; // rebuilt from storage on the next request
    // Open tabs check their text again with the new settings, without a reload.
    tellTabsToCheckAgain();
  }
});
