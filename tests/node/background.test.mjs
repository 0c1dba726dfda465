// extension/background.js (as copied into dist/chrome) in Node, with a fake `chrome` and the
// built wasm: the port protocol, stored packs, storage changes, and recovery from a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const ext = new URL('dist/chrome/', root);

/** FNV-1a (32-bit) over UTF-16 code units, as the background computes it. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Enough of the extension API for the background: runtime.onConnect, storage.sync and
 * storage.managed (which throws while there is no policy, as Firefox's does).
 */
function fakeApi(stored = {}) {
  const connect = [];
  const changed = [];
  let policy = null;
  return {
    runtime: { onConnect: { addListener: (f) => connect.push(f) } },
    storage: {
      sync: { get: async (keys) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])) },
      managed: {
        get: async () => {
          if (policy === null) throw new Error('Managed storage manifest not found');
          return structuredClone(policy);
        },
      },
      onChanged: { addListener: (f) => changed.push(f) },
    },
    /** Sets the organisation's policy (null: none) and fires storage.onChanged('managed'). */
    setPolicy(values) {
      const changes = Object.fromEntries(Object.keys({ ...policy, ...values }).map((k) => [k, { oldValue: policy?.[k], newValue: values?.[k] }]));
      policy = values;
      for (const f of changed) f(changes, 'managed');
    },
    /** Stores values and fires storage.onChanged as the browser would. */
    set(values) {
      const changes = {};
      for (const [k, v] of Object.entries(values)) {
        changes[k] = { oldValue: stored[k], newValue: v };
        if (v === undefined) delete stored[k];
        else stored[k] = v;
      }
      for (const f of changed) f(changes, 'sync');
    },
    /** Opens a port as a content script would; `ask(msg)` resolves with the reply to msg.id. */
    connect(name = 'second-thought') {
      const listeners = [];
      const waiting = new Map();
      const notices = []; // messages that answer no request ({type: 'changed'})
      const port = {
        name,
        onMessage: { addListener: (f) => listeners.push(f) },
        onDisconnect: { addListener: () => {} },
        postMessage: (reply) => {
          if (typeof reply.id !== 'number') return notices.push(reply);
          waiting.get(reply.id)?.(reply);
          waiting.delete(reply.id);
        },
      };
      for (const f of connect) f(port);
      let next = 0;
      return {
        notices,
        listening: () => listeners.length > 0,
        ask(msg) {
          const id = ++next;
          return new Promise((resolve) => {
            waiting.set(id, resolve);
            for (const f of listeners) f({ ...msg, id });
          });
        },
      };
    },
  };
}

// The background imports ./wasm/second_thought.js; initialise that same module instance here so
// that its init() finds the wasm ready (Node's fetch cannot read file: URLs).
const glue = await import(new URL('wasm/second_thought.js', ext));
glue.initSync({ module: readFileSync(new URL('wasm/second_thought_bg.wasm', ext)) });
// The background fetches its classifier model (wasm/offensive.bin); Node's fetch reads no file: URLs.
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (url) => {
  const u = new URL(url);
  if (u.protocol !== 'file:') return nodeFetch(url);
  try {
    return new Response(readFileSync(u));
  } catch {
    return new Response(null, { status: 404, statusText: 'Not Found' });
  }
};
const api = fakeApi();
globalThis.chrome = api;
await import(new URL('background.js', ext));
const port = api.connect();

const hasRule = (reply, rule) => reply.findings.some((f) => f.rule === rule);

test('the hash is FNV-1a 32-bit', () => {
  assert.equal(fnv1a(''), '811c9dc5');
  assert.equal(fnv1a('a'), 'e40c292c');
});

test('only ports named second-thought are answered', () => {
  assert.ok(port.listening());
  assert.equal(api.connect('something-else').listening(), false);
});

test('check answers with findings and the hash of the text', async () => {
  const text = '\u{1F600} Strictly confidential';
  const reply = await port.ask({ type: 'check', text, context: { mode: 'personal', site: 'x' } });
  assert.equal(reply.type, 'result', JSON.stringify(reply));
  assert.equal(reply.hash, fnv1a(text));
  const marker = reply.findings.find((f) => f.rule === 'confidential-marker');
  assert.deepEqual([marker.start, marker.end], [3, 24]);
  assert.equal(reply.packError, undefined);
});

test('a bad context is an error, not an outage', async () => {
  const reply = await port.ask({ type: 'check', text: 'hello', context: { mode: 'holiday' } });
  assert.equal(reply.type, 'error');
  assert.equal(reply.hash, fnv1a('hello'));
  assert.match(reply.error, /holiday/);
  assert.equal(reply.unavailable, undefined);
});

test('malformed requests are errors', async () => {
  assert.equal((await port.ask({ type: 'check', text: 42 })).type, 'error');
  assert.match((await port.ask({ type: 'nonsense' })).error, /unknown request type/);
});

test('rules answers with the registry', async () => {
  const reply = await port.ask({ type: 'rules' });
  assert.equal(reply.type, 'rules');
  assert.ok(reply.rules.some((r) => r.id === 'confidential-marker'));
});

test('a stored pack is used, and rebuilt when storage changes', async () => {
  const pack = JSON.parse(glue.defaultPack());
  pack.rules['confidential-marker'] = { enabled: false };
  api.set({ pack: JSON.stringify(pack) });
  let reply = await port.ask({ type: 'check', text: 'Strictly confidential' });
  assert.equal(reply.type, 'result');
  assert.equal(hasRule(reply, 'confidential-marker'), false, 'the stored pack disabled the rule');

  api.set({ pack: undefined });
  reply = await port.ask({ type: 'check', text: 'Strictly confidential' });
  assert.ok(hasRule(reply, 'confidential-marker'), 'back to the default pack');
});

test('a change of pack or settings tells every open tab to check again; other keys do not', () => {
  const other = api.connect();
  const before = [port.notices.length, other.notices.length];
  api.set({ settings: JSON.stringify({ rules: { 'angry-tone': { enabled: false } } }) });
  api.set({ settings: undefined });
  api.set({ privacyReminded: { x: true } });
  assert.deepEqual(
    [port.notices.length - before[0], other.notices.length - before[1]],
    [2, 2],
    'one notice per pack/settings change, to each port',
  );
  assert.deepEqual(port.notices.at(-1), { type: 'changed' });
});

test('a broken stored pack falls back to the default and says why', async () => {
  const pack = JSON.parse(glue.defaultPack());
  pack.working_hours.start = '25:00';
  api.set({ pack: JSON.stringify(pack) });
  const reply = await port.ask({ type: 'check', text: 'Strictly confidential' });
  assert.equal(reply.type, 'result');
  assert.ok(hasRule(reply, 'confidential-marker'));
  assert.match(reply.packError, /working_hours\.start/);
  api.set({ pack: undefined });
  assert.equal((await port.ask({ type: 'check', text: 'x' })).packError, undefined);
});

test("the organisation's policy (storage.managed) wins over storage.sync, and a change to it is followed", async () => {
  const mine = JSON.parse(glue.defaultPack());
  mine.rules['confidential-marker'] = { enabled: false };
  api.set({ pack: JSON.stringify(mine), settings: JSON.stringify({ rules: { 'obscene-language': { enabled: false } } }) });
  let reply = await port.ask({ type: 'check', text: 'Strictly confidential: what a f*cking shambles' });
  assert.equal(hasRule(reply, 'confidential-marker') || hasRule(reply, 'obscene-language'), false, "the user's pack and settings");

  const theirs = JSON.parse(glue.defaultPack());
  theirs.custom_terms = [{ term: 'Project Heron', severity: 'stop', message: 'Not announced.' }];
  api.setPolicy({ pack: theirs, rules: { 'obscene-language': { enabled: true, severity: 'stop' } } });
  reply = await port.ask({ type: 'check', text: 'Strictly confidential: what a f*cking shambles about Project Heron' });
  assert.ok(hasRule(reply, 'confidential-marker'), "the organisation's pack replaced the user's");
  assert.ok(reply.findings.some((f) => f.rule === 'obscene-language' && f.severity === 'stop'), 'forced on over the user\'s "off"');
  assert.ok(hasRule(reply, 'custom-term'), "the organisation's own term");
  assert.equal(reply.packError, undefined);

  // An invalid pack from the organisation: refused whole, with the reason; the user's is used.
  theirs.working_hours.start = '25:00';
  api.setPolicy({ pack: theirs, rules: { 'obscene-language': { enabled: true } } });
  reply = await port.ask({ type: 'check', text: 'Strictly confidential: what a f*cking shambles about Project Heron' });
  assert.match(reply.packError, /the organisation's pack: working_hours\.start/);
  assert.equal(hasRule(reply, 'custom-term'), false, 'nothing of the refused pack');
  assert.equal(hasRule(reply, 'confidential-marker'), false, "the user's pack again");
  assert.ok(hasRule(reply, 'obscene-language'), 'the valid parts of the policy still hold');

  api.setPolicy(null);
  api.set({ pack: undefined, settings: undefined });
  reply = await port.ask({ type: 'check', text: 'Strictly confidential' });
  assert.ok(hasRule(reply, 'confidential-marker'));
  assert.equal(reply.packError, undefined);
});

test('broken stored settings: only the broken part is left out, and the reply says what', async () => {
  const mine = JSON.parse(glue.defaultPack());
  mine.rules['confidential-marker'] = { enabled: false };
  api.set({ pack: JSON.stringify(mine), settings: JSON.stringify({ rules: { 'no-such-rule': {}, 'obscene-language': { enabled: false } } }) });
  let reply = await port.ask({ type: 'check', text: 'Strictly confidential: what a f*cking shambles' });
  assert.equal(hasRule(reply, 'confidential-marker'), false, 'the good pack is kept');
  assert.equal(hasRule(reply, 'obscene-language'), false, 'the good rule setting is kept');
  assert.match(reply.packError, /your saved settings: rules\.no-such-rule: unknown rule id/);

  api.set({ settings: '{"rules": {' });
  reply = await port.ask({ type: 'check', text: 'Strictly confidential: what a f*cking shambles' });
  assert.equal(hasRule(reply, 'confidential-marker'), false, 'the pack is still kept');
  assert.ok(hasRule(reply, 'obscene-language'), 'the settings are reset');
  assert.match(reply.packError, /your saved settings: not valid JSON/);
  api.set({ pack: undefined, settings: undefined });
  assert.equal((await port.ask({ type: 'check', text: 'x' })).packError, undefined);
});

test('a crash (a wasm trap) gets a fresh instance and one retry', async (t) => {
  const original = glue.Checker.prototype.check;
  const seen = [];
  t.after(() => {
    glue.Checker.prototype.check = original;
  });
  glue.Checker.prototype.check = function (...args) {
    seen.push(this);
    if (seen.length === 1) throw new WebAssembly.RuntimeError('unreachable');
    return original.apply(this, args);
  };
  const reply = await port.ask({ type: 'check', text: 'Strictly confidential' });
  assert.equal(reply.type, 'result', JSON.stringify(reply));
  assert.ok(hasRule(reply, 'confidential-marker'));
  assert.equal(seen.length, 2);
  assert.notEqual(seen[0], seen[1], 'the retry used a new Checker');
  assert.throws(() => original.call(seen[0], 'x', {}), /stale/, 'on a new wasm instance');
});

test('crashing twice answers unavailable, and the next request works again', async (t) => {
  const original = glue.Checker.prototype.check;
  t.after(() => {
    glue.Checker.prototype.check = original;
  });
  glue.Checker.prototype.check = () => {
    throw new WebAssembly.RuntimeError('unreachable');
  };
  const reply = await port.ask({ type: 'check', text: 'boom' });
  assert.equal(reply.type, 'error');
  assert.equal(reply.unavailable, true);
  assert.equal(reply.hash, fnv1a('boom'));
  glue.Checker.prototype.check = original;
  assert.equal((await port.ask({ type: 'check', text: 'Strictly confidential' })).type, 'result');
});

test('when the wasm cannot load, the answer is unavailable (the page fails open)', async (t) => {
  // A separate copy is a separate module instance, not yet initialised; its wasm is garbage.
  const dir = mkdtempSync(join(tmpdir(), 'second-thought-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(ext, dir, { recursive: true });
  writeFileSync(join(dir, 'wasm', 'second_thought_bg.wasm'), 'not wasm');
  const broken = fakeApi();
  globalThis.chrome = broken;
  await import(pathToFileURL(join(dir, 'background.js')));
  const p = broken.connect();
  const reply = await p.ask({ type: 'check', text: 'hello' });
  assert.equal(reply.type, 'error');
  assert.equal(reply.unavailable, true);
  assert.equal(reply.hash, fnv1a('hello'));
  const rules = await p.ask({ type: 'rules' });
  assert.equal(rules.unavailable, true);
});

/**
 * A fresh background from its own copy of dist/chrome (so its own module instance, initialised
 * here): `prepare(dir)` may change the copy first, `api` is the fake browser it gets.
 */
async function freshBackground(t, { prepare = () => {}, api = fakeApi() } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'second-thought-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(ext, dir, { recursive: true });
  prepare(dir);
  const copy = await import(pathToFileURL(join(dir, 'wasm', 'second_thought.js')));
  copy.initSync({ module: readFileSync(join(dir, 'wasm', 'second_thought_bg.wasm')) });
  globalThis.chrome = api;
  await import(pathToFileURL(join(dir, 'background.js')));
  return { dir, port: api.connect() };
}

test('when the model file cannot be read, the answer is unavailable and says why', async (t) => {
  const { dir, port: p } = await freshBackground(t, { prepare: (d) => rmSync(join(d, 'wasm', 'offensive.bin')) });
  const reply = await p.ask({ type: 'check', text: 'hello' });
  assert.equal(reply.type, 'error');
  assert.equal(reply.unavailable, true);
  assert.match(reply.error, /offensive\.bin\) could not be loaded: 404/);
  // Once the file is there again, the next request gets a checker.
  cpSync(new URL('wasm/offensive.bin', ext), join(dir, 'wasm', 'offensive.bin'));
  assert.equal((await p.ask({ type: 'check', text: 'Strictly confidential' })).type, 'result');
});

/**
 * A fresh background whose storage.managed answers only when `release(values)` is called: Debian's Chromium takes about
 * 3 s to answer the first storage.managed.get, and a background that waited for it would never
 * reply here.
 */
async function backgroundWithSlowPolicy(t) {
  const slow = fakeApi();
  let release;
  const policyRead = new Promise((resolve) => {
    release = resolve;
  });
  slow.storage.managed.get = () => policyRead;
  const { port } = await freshBackground(t, { api: slow });
  /** Lets the policy be read, then lets its handlers run. */
  const arrive = async (values) => {
    release(values);
    await policyRead;
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { port, arrive };
}

test('a slow storage.managed does not hold the first checks; a policy that then arrives is applied and every tab checks again', { timeout: 20_000 }, async (t) => {
  const { port: p, arrive } = await backgroundWithSlowPolicy(t);
  const text = 'Strictly confidential: about Project Heron';
  let reply = await p.ask({ type: 'check', text });
  assert.equal(reply.type, 'result', JSON.stringify(reply));
  assert.ok(hasRule(reply, 'confidential-marker'), 'checked with the shipped pack meanwhile');
  assert.equal(hasRule(reply, 'custom-term'), false);
  assert.deepEqual(p.notices, []);

  const theirs = JSON.parse(glue.defaultPack());
  theirs.custom_terms = [{ term: 'Project Heron', severity: 'stop', message: 'Not announced.' }];
  await arrive({ pack: theirs });
  assert.deepEqual(p.notices, [{ type: 'changed' }], 'the open tab is told to check again');
  reply = await p.ask({ type: 'check', text });
  assert.ok(
    reply.findings.some((f) => f.rule === 'custom-term' && f.severity === 'stop'),
    "the organisation's term, once its policy is read",
  );
});

test('a slow storage.managed that turns out empty changes nothing', { timeout: 20_000 }, async (t) => {
  const { port: p, arrive } = await backgroundWithSlowPolicy(t);
  const reply = await p.ask({ type: 'check', text: 'Strictly confidential' });
  assert.ok(hasRule(reply, 'confidential-marker'));
  await arrive({});
  assert.deepEqual(p.notices, [], 'no policy: nothing to check again');
});
