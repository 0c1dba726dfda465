// The background's "Report to my manager…" (extension/menu.js) and per-tab state for the popup
// (extension/tabstate.js), in Node with a fake extension API: the mailto: link (addressing,
// encoding, length), the menu item's registration, what a click opens, and what the popup is told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root)));
const EXT = 'chrome-extension://abcdefghijklmnop/';

/** Enough of the extension API for menu.js and tabstate.js; `fire(event, ...args)` calls listeners. */
function fakeApi({ sync = {} } = {}) {
  const listeners = {};
  const on = (name) => ({ addListener: (f) => (listeners[name] ??= []).push(f) });
  const session = {};
  const api = {
    created: [],
    opened: [],
    session,
    runtime: {
      onInstalled: on('installed'),
      onStartup: on('startup'),
      onMessage: on('message'),
      getManifest: () => manifest,
      getURL: (p) => EXT + p,
      lastError: undefined,
    },
    contextMenus: {
      removeAll: async () => {
        api.created.length = 0;
      },
      create: (item, done) => {
        api.created.push(item);
        done?.();
      },
      onClicked: on('clicked'),
    },
    tabs: {
      create: async (props) => {
        api.opened.push(props);
        return { id: 99, ...props };
      },
      onRemoved: on('removed'),
    },
    storage: {
      sync: { get: async (k) => (k in sync ? { [k]: sync[k] } : {}) },
      session: {
        get: async (k) => (k in session ? { [k]: session[k] } : {}),
        set: async (o) => Object.assign(session, o),
        remove: async (k) => {
          delete session[k];
        },
      },
    },
    fire(name, ...args) {
      return (listeners[name] ?? []).map((f) => f(...args));
    },
    /** Sends a runtime message as `sender`; resolves with the response (undefined if none). */
    send(message, sender) {
      return new Promise((resolve) => {
        let async = false;
        for (const f of listeners.message ?? []) if (f(message, sender, resolve) === true) async = true;
        if (!async) setTimeout(() => resolve(undefined), 20);
      });
    },
  };
  return api;
}

let fresh = 0;
/** A fresh instance of an extension module, with `api` as its `chrome`. */
async function load(file, api) {
  globalThis.chrome = api;
  try {
    return await import(new URL(`extension/${file}?${++fresh}`, root));
  } finally {
    delete globalThis.chrome;
  }
}

const PACK = JSON.parse(readFileSync(new URL('policies/central-bedfordshire-sendiass.json', root)));
const settle = () => new Promise((r) => setTimeout(r, 30));

/** {to, subject, body} of a mailto: link, decoded. */
function parseMailto(link) {
  const m = /^mailto:([^?]*)\?subject=([^&]*)&body=([^&]*)$/.exec(link);
  assert.ok(m, `not a mailto link with a subject and a body: ${link}`);
  return { to: decodeURIComponent(m[1]), subject: decodeURIComponent(m[2]), body: decodeURIComponent(m[3]) };
}

const { reportLink, managerOf, documentPatterns, MAX_LINK, MENU_ID } = await load('menu.js', fakeApi());

test('the link is addressed to the manager and carries the page and the selection, encoded', () => {
  const pageUrl = 'https://x.com/someone/status/123?lang=en&ref=a%20b#reply';
  const selection = 'They said "R&D" = 100% + £5 😀?\nSecond line #2';
  const link = reportLink({ email: 'sendiass@centralbedfordshire.gov.uk', managerTitle: 'SENDIASS manager', pageUrl, selection });
  assert.doesNotMatch(link, /[\s"<>£😀]/u, 'nothing unencoded');
  const { to, subject, body } = parseMailto(link);
  assert.equal(to, 'sendiass@centralbedfordshire.gov.uk');
  assert.match(subject, /SENDIASS manager/);
  assert.ok(body.includes(`Page: ${pageUrl}`), body);
  assert.ok(body.includes('They said "R&D" = 100% + £5 😀?\r\nSecond line #2'), body);
  assert.ok(!/[^\r]\n/.test(body), 'line breaks are CRLF');
  assert.match(body, /sections 2 and 3/);
});

test('no selection: no "Selected text" part; an email with odd characters is encoded', () => {
  const link = reportLink({ email: 'comms+reports@trust.example.org', pageUrl: 'https://www.facebook.com/groups/1', selection: '  ' });
  assert.ok(link.startsWith('mailto:comms%2Breports@trust.example.org?'), link);
  const { subject, body } = parseMailto(link);
  assert.match(subject, /reporting something to the manager$/);
  assert.doesNotMatch(body, /Selected text/);
});

test('the link is never longer than MAX_LINK: long and non-ASCII selections are shortened whole characters at a time', () => {
  for (const selection of ['a'.repeat(5000), '😀'.repeat(3000), 'é'.repeat(1500) + 'x', `${'ab'.repeat(600)}\ud83d`]) {
    const link = reportLink({ email: 'm@example.org', pageUrl: 'https://www.linkedin.com/feed/', selection });
    assert.ok(link.length <= MAX_LINK, `${link.length} > ${MAX_LINK}`);
    const { body } = parseMailto(link); // decodeURIComponent throws on a split surrogate
    assert.match(body, /Selected text:\r\n.+…/s, 'shortened with an ellipsis');
  }
  const short = parseMailto(reportLink({ email: 'm@example.org', pageUrl: 'https://x.com/', selection: 'lone \ud800 surrogate' }));
  assert.ok(short.body.includes('lone \ufffd surrogate'));
});

test('no link without a valid address', () => {
  for (const email of [undefined, '', 'not an email', 'a@b', 'x@y.com?cc=evil@z.com', 'a b@c.org']) {
    assert.equal(reportLink({ email, pageUrl: 'https://x.com/' }), null, String(email));
  }
});

test('managerOf reads the pack in force (JSON or object) and ignores a bad address', () => {
  assert.deepEqual(managerOf(JSON.stringify(PACK)), { email: 'sendiass@centralbedfordshire.gov.uk', title: 'SENDIASS manager' });
  assert.deepEqual(managerOf({ organisation: { manager: { title: 'Boss' } } }), { email: null, title: 'Boss' });
  assert.deepEqual(managerOf({ organisation: { manager: { title: 'Boss', email: 'nope' } } }), { email: null, title: 'Boss' });
  assert.deepEqual(managerOf('{bad json'), { email: null, title: null });
});

test('the menu shows on the three sites only: the content scripts\' patterns, which are the host permissions', () => {
  const patterns = documentPatterns(manifest);
  assert.deepEqual([...patterns].sort(), [...manifest.host_permissions].sort());
});

test('installed: one "Report to my manager…" item on selections and pages of the three sites', async () => {
  const api = fakeApi();
  const { installMenu } = await load('menu.js', api);
  installMenu(async () => JSON.stringify(PACK));
  api.fire('installed', { reason: 'install' });
  await settle();
  api.fire('startup'); // again at browser start: still one item
  await settle();
  assert.equal(api.created.length, 1);
  const [item] = api.created;
  assert.equal(item.id, MENU_ID);
  assert.equal(item.title, 'Report to my manager…');
  assert.deepEqual(item.contexts, ['selection', 'page']);
  assert.deepEqual(item.documentUrlPatterns, documentPatterns(manifest));
});

test('a click opens the mailto link in a new tab beside the page; the extension sends nothing itself', async () => {
  const api = fakeApi();
  const { installMenu } = await load('menu.js', api);
  installMenu(async () => JSON.stringify(PACK));
  api.fire('clicked', { menuItemId: 'someone-else', pageUrl: 'https://x.com/' }, { id: 7 });
  api.fire('clicked', { menuItemId: MENU_ID, pageUrl: 'https://x.com/a/status/1', selectionText: 'nasty words' }, { id: 7, url: 'https://x.com/a/status/1' });
  await settle();
  assert.equal(api.opened.length, 1);
  const [opened] = api.opened;
  assert.equal(opened.openerTabId, 7);
  const { to, body } = parseMailto(opened.url);
  assert.equal(to, 'sendiass@centralbedfordshire.gov.uk');
  assert.ok(body.includes('https://x.com/a/status/1') && body.includes('nasty words'));
});

test('no manager email in the pack: the options page opens at the note', async () => {
  const api = fakeApi();
  const { installMenu } = await load('menu.js', api);
  const pack = structuredClone(PACK);
  delete pack.organisation.manager.email;
  installMenu(async () => JSON.stringify(pack));
  api.fire('clicked', { menuItemId: MENU_ID, pageUrl: 'https://x.com/' }, { id: 3 });
  await settle();
  assert.deepEqual(api.opened, [{ url: `${EXT}options/options.html#no-manager-email`, openerTabId: 3 }]);
});

test('the checker cannot load: the stored pack\'s manager is used', async () => {
  const pack = structuredClone(PACK);
  pack.organisation.manager.email = 'stored@example.org';
  const api = fakeApi({ sync: { pack: JSON.stringify(pack) } });
  const { installMenu } = await load('menu.js', api);
  installMenu(async () => {
    throw new Error('no wasm');
  });
  const reply = await api.send({ type: 'second-thought-report-link', pageUrl: 'https://x.com/' }, { url: `${EXT}popup/popup.html` });
  assert.equal(parseMailto(reply.url).to, 'stored@example.org');
});

test('the popup asks for the link; content scripts (page addresses) are not answered', async () => {
  const api = fakeApi();
  const { installMenu } = await load('menu.js', api);
  installMenu(async () => JSON.stringify(PACK));
  const ask = { type: 'second-thought-report-link', pageUrl: 'https://www.linkedin.com/feed/', selectionText: 'hello' };
  const reply = await api.send(ask, { url: `${EXT}popup/popup.html` });
  assert.equal(parseMailto(reply.url).to, 'sendiass@centralbedfordshire.gov.uk');
  assert.equal(await api.send(ask, { url: 'https://www.linkedin.com/feed/', tab: { id: 1, url: 'https://www.linkedin.com/feed/' } }), undefined);
  const opened = await api.send({ type: 'second-thought-report', pageUrl: 'https://www.linkedin.com/feed/' }, { url: `${EXT}popup/popup.html` });
  assert.deepEqual(opened, { opened: 'mailto' });
  assert.ok(api.opened[0].url.startsWith('mailto:sendiass@'));
});

// ---- tabstate.js ------------------------------------------------------------------------------

test('tab state: only the site, the state, a count and rule ids are kept (never text)', async () => {
  const { entryOf } = await load('tabstate.js', fakeApi());
  const e = entryOf({ site: 'x', state: 'stop', findings: 2, rules: ['personal-data', 'x y', 'personal-data'], text: 'Call me on 07700 900123' }, 5);
  assert.deepEqual(e, { site: 'x', state: 'stop', findings: 2, rules: ['personal-data'], at: 5 });
  assert.deepEqual(entryOf({ site: 'facebook', state: null }, 1), { site: 'facebook', state: null, findings: 0, rules: [], at: 1 });
  assert.equal(entryOf({ site: 'myspace', state: 'stop' }), null);
  assert.equal(entryOf({ site: 'x', state: 'exploded' }), null);
});

test('tab state: content scripts tell, the popup asks, a closed tab is forgotten, a restarted worker remembers', async () => {
  const api = fakeApi();
  const { installTabState } = await load('tabstate.js', api);
  installTabState();
  const popup = { url: `${EXT}popup/popup.html` };
  const content = (id) => ({ url: 'https://x.com/home', tab: { id, url: 'https://x.com/home' } });
  await api.send({ type: 'second-thought-tab-state', site: 'x', state: null }, content(4));
  await api.send({ type: 'second-thought-tab-state', site: 'x', state: 'warn', findings: 1, rules: ['angry-tone'] }, content(4));
  await api.send({ type: 'second-thought-tab-state', site: 'x', state: 'stop', findings: 1, rules: ['threat'] }, popup); // not a tab: ignored
  const { entry } = await api.send({ type: 'second-thought-tab-info', tabId: 4 }, popup);
  assert.equal(entry.state, 'warn');
  assert.deepEqual(entry.rules, ['angry-tone']);
  assert.equal(await api.send({ type: 'second-thought-tab-info', tabId: 4 }, content(4)), undefined, 'only own pages ask');
  assert.deepEqual(await api.send({ type: 'second-thought-tab-info', tabId: 5 }, popup), { entry: null });

  // A new worker (the old one was stopped): storage.session still has it.
  const again = fakeApi();
  Object.assign(again.session, api.session);
  const { installTabState: install2 } = await load('tabstate.js', again);
  install2();
  assert.equal((await again.send({ type: 'second-thought-tab-info', tabId: 4 }, popup)).entry.state, 'warn');
  again.fire('removed', 4);
  await settle();
  assert.deepEqual(await again.send({ type: 'second-thought-tab-info', tabId: 4 }, popup), { entry: null });
  assert.deepEqual(again.session, {});
});
