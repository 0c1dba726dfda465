// End-to-end specs for what surrounds the checks: the toolbar popup, "Report to my manager…",
// the privacy reminder and accessibility (axe-core) of everything the extension draws. run.mjs
// runs them in each browser in a session of their own (a fresh profile: no reminder dismissed
// yet) on the real dist/ build.
//
// The popup is opened as an extension page in a tab of its own (popup.html?tab=ID says which tab
// it describes): Chromium opens chrome-extension:// pages directly; Firefox's WebDriver BiDi
// needs --remote-allow-system-access for moz-extension:// pages (lib/browsers.mjs). From that
// page the specs also use the extension's API as the popup does: runtime messages to the
// background, storage.sync, contextMenus.update. No browser lets a driver open a context menu
// in headless mode, so the menu item's click path is covered in tests/node/menu.test.mjs and
// here only its registration and the link the background builds.
import { readFileSync } from 'node:fs';
import { HOSTS } from './lib/server.mjs';
import { check, Failure, runTests, same, sleep, waitFor } from './lib/runner.mjs';
import { SITES } from './specs.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const PACK = JSON.parse(readFileSync(new URL('../../policies/central-bedfordshire-sendiass.json', import.meta.url), 'utf8'));
const MANAGER = PACK.organisation.manager.email;
const CONFIDENTIAL = 'Notes from today: the minutes are strictly confidential';
const CLEAN = 'Thanks everyone for a great autumn fair';
const PRIVACY = {
  x: 'https://x.com/settings/privacy_and_safety',
  facebook: 'https://www.facebook.com/settings?tab=privacy',
  linkedin: 'https://www.linkedin.com/mypreferences/d/categories/privacy',
};
const FIXTURE_HOSTS = new Set(Object.keys(HOSTS));

async function clickAt(page, selector, inner) {
  const p = await waitFor(page, ([s, i]) => window.__st.point(s, i), [selector, inner ?? null], `${selector} ${inner ?? ''} to be clickable`);
  await page.click(p.x, p.y);
}

/** The reminder as the page sees it: its site, link, buttons and where it is. */
const reminder = (page) =>
  page.eval(() => {
    const all = document.querySelectorAll('second-thought-reminder');
    if (!all.length) return null;
    const root = all[0].shadowRoot;
    const link = root?.querySelector('[data-action="privacy-settings"]');
    const r = root?.querySelector('section')?.getBoundingClientRect();
    return {
      count: all.length,
      site: all[0].getAttribute('data-site'),
      href: link?.href ?? null,
      text: root?.textContent ?? '',
      dismiss: !!root?.querySelector('button[data-action="dismiss"]'),
      focused: document.activeElement === all[0] || !!root?.activeElement,
      rect: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null,
    };
  });

/** Opens a site with its first editor focused (the site's first box). */
async function openEditor(page, site, boxName) {
  const box = SITES[site].boxes[boxName];
  await page.goto(SITES[site].url);
  await waitFor(page, (sel) => window.__st.badge(sel), box.editor, 'a badge for the editor', 8000);
  await clickAt(page, box.editor);
  await waitFor(page, (sel) => window.__st.focusIn(sel).focus, box.editor, 'focus in the editor');
  return box;
}
const waitState = (page, box, state) =>
  waitFor(page, ([sel, st]) => window.__st.badge(sel)?.state === st && window.__st.badge(sel), [box.editor, state], `badge ${state}`);

/**
 * axe-core's violations in the page, or in the elements matching `hosts` (their open shadow roots
 * included). axe lays out only what is inside <body>, and our elements are children of <html>, so
 * it cannot find their backgrounds ("incomplete" colour contrast): for colour contrast, each host
 * is also copied into <body> (same attributes, styles and shadow content) and checked there, and
 * a contrast axe cannot decide there counts as a failure too.
 */
async function axeViolations(page, hosts) {
  if (!(await page.eval(() => typeof window.axe === 'object'))) await page.eval(AXE);
  return page.eval(async (sel) => {
    const summary = (v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? JSON.stringify(n.any?.[0]?.data)}`),
    });
    const originals = sel ? [...document.querySelectorAll(sel)] : [];
    if (sel && !originals.length) return [{ id: 'nothing-to-check', impact: null, nodes: [sel] }];
    const r = await window.axe.run(sel ? { include: originals } : document, { resultTypes: ['violations'] });
    // Rules that found something to check there: none means axe saw nothing (a closed shadow root?).
    if (!r.passes.length) return [{ id: 'nothing-checked', impact: null, nodes: [sel ?? 'document'] }];
    const out = r.violations.map(summary);
    if (!sel) return out;
    const copies = originals.map((o) => {
      const copy = document.createElement('div');
      for (const a of o.attributes) if (a.name !== 'style') copy.setAttribute(a.name, a.value);
      copy.style.cssText = o.style.cssText; // through the CSSOM: the page's CSP refuses style attributes
      const root = copy.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = o.shadowRoot.adoptedStyleSheets;
      for (const n of o.shadowRoot.childNodes) root.append(n.cloneNode(true));
      for (const d of root.querySelectorAll('dialog')) d.setAttribute('open', '');
      document.body.append(copy);
      return copy;
    });
    try {
      await new Promise((done) => setTimeout(done, 400)); // entry animations end
      const c = await window.axe.run({ include: copies }, { runOnly: ['color-contrast'] });
      if (!c.passes.length && !c.violations.length) out.push({ id: 'color-contrast-nothing-checked', impact: null, nodes: [sel] });
      out.push(...c.violations.map(summary), ...c.incomplete.map((v) => ({ ...summary(v), id: `${v.id} (undetermined)` })));
    } finally {
      for (const copy of copies) copy.remove();
    }
    return out;
  }, hosts ?? null);
}
/** No axe violations, in the light colour scheme and (where the driver can set it) the dark one. */
async function noViolations(page, hosts, what) {
  const schemes = page.colorScheme ? ['light', 'dark'] : ['light'];
  try {
    for (const scheme of schemes) {
      if (page.colorScheme) await page.colorScheme(scheme);
      const violations = await axeViolations(page, hosts);
      if (violations.length) {
        throw new Failure(`${what} (${scheme}): ${violations.length} axe violation(s):\n${violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join('; ')}`).join('\n')}`);
      }
    }
  } finally {
    if (page.colorScheme) await page.colorScheme('light');
  }
}

// ---- in an extension page (the popup's own API) ----------------------------------------------
const ext = (page, fn, arg) => page.eval(fn, arg);
async function tabIdOf(page, urlPattern) {
  return ext(page, async (pattern) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const tabs = await api.tabs.query({ url: pattern });
    return tabs.length === 1 ? tabs[0].id : `${tabs.length} tabs match ${pattern}`;
  }, urlPattern);
}
/** The popup describing tab `tabId`, once drawn: what it says. */
async function popupFor(session, tabId) {
  const popup = await session.extensionPage(`popup/popup.html?tab=${tabId}`);
  await waitFor(popup, () => document.documentElement.dataset.ready === 'true', null, 'the popup to be drawn');
  return popup;
}
const readPopup = (popup) =>
  popup.eval(() => {
    const $ = (id) => document.getElementById(id);
    return {
      watched: $('page').dataset.watched,
      site: $('page').dataset.site,
      page: $('page').textContent,
      details: !$('details').hidden,
      mode: $('mode').dataset.mode ?? null,
      state: $('state').dataset.state ?? null,
      findings: $('state').dataset.findings ?? null,
      stateText: $('state').textContent,
      report: !$('report').hidden,
      options: !!$('options') && !$('options').hidden,
      error: $('error').hidden ? '' : $('error').textContent,
    };
  });

/**
 * @param session from lib/browsers.mjs (with extensionPage)
 * @param {{only?: RegExp}} opts
 */
export async function runUiSuite(session, opts = {}) {
  const page = session.page;
  const results = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [], latencies: [] };
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });
  const pages = []; // extension pages to close after each spec
  const open = async (path) => {
    const p = await session.extensionPage(path);
    pages.push(p);
    return p;
  };

  test('privacy reminder: appears once on the site, keeps the focus in the editor, names the site\'s privacy page', async () => {
    const box = await openEditor(page, 'x', 'post');
    const r = await waitFor(page, () => document.querySelector('second-thought-reminder') !== null, null, 'the privacy reminder').then(() => reminder(page));
    same(r.count, 1, 'reminders (the page has two editors)');
    same(r.site, 'x', 'data-site');
    same(r.href, PRIVACY.x, 'the privacy settings link');
    check(r.dismiss, 'a Dismiss button');
    check(/privacy/i.test(r.text), `reminder text: ${r.text}`);
    check(!r.focused, 'the reminder took the focus');
    // Typing goes on in the editor, untouched by the reminder.
    await page.type('Typing on while the reminder shows');
    same(await page.eval(() => window.__models.post?.() ?? null), 'Typing on while the reminder shows', 'the editor model');
    check(await page.eval((sel) => window.__st.focusIn(sel).focus, box.editor), 'focus left the editor');
    check(!(await reminder(page)).focused, 'the reminder took the focus');
    // It does not cover the editor or its submit button.
    const covered = await page.eval(([ed, submit]) => {
      const host = document.querySelector('second-thought-reminder');
      const r = host.shadowRoot.querySelector('section').getBoundingClientRect();
      return [ed, submit].filter((s) => {
        const e = document.querySelector(s).getBoundingClientRect();
        return e.left < r.right && r.left < e.right && e.top < r.bottom && r.top < e.bottom;
      });
    }, [box.editor, box.submit]);
    same(covered, [], 'editor parts under the reminder');
    // Another page load before dismissing: still exactly one.
    await page.goto(SITES.x.url);
    await waitFor(page, () => document.querySelector('second-thought-reminder') !== null, null, 'the reminder after a reload');
    same((await reminder(page)).count, 1, 'reminders after a reload');
  });

  test('privacy reminder: Dismiss removes it, remembers it for that site only, and it does not come back', async () => {
    await page.goto(SITES.x.url);
    await waitFor(page, () => document.querySelector('second-thought-reminder') !== null, null, 'the privacy reminder');
    await clickAt(page, 'second-thought-reminder', '[data-action="dismiss"]');
    await waitFor(page, () => document.querySelector('second-thought-reminder') === null, null, 'the reminder to go');
    const probe = await open('popup/popup.html');
    same(await ext(probe, async () => (await (globalThis.browser ?? globalThis.chrome).storage.sync.get('privacyReminded')).privacyReminded), { x: true }, 'storage.sync privacyReminded');
    await probe.close();
    pages.length = 0;
    await page.bringToFront();
    for (const url of [SITES.x.url, 'https://twitter.com/home']) {
      await page.goto(url);
      await waitFor(page, (sel) => window.__st.badge(sel), SITES.x.boxes.post.editor, 'the badge (the content script ran)', 8000);
      await sleep(1000);
      same(await reminder(page), null, `the reminder on ${url} after dismissing it`);
    }
    // Still shown on the other sites, each with its own privacy page.
    for (const site of ['facebook', 'linkedin']) {
      await page.goto(SITES[site].url);
      await waitFor(page, () => document.querySelector('second-thought-reminder') !== null, null, `the reminder on ${site}`, 8000);
      const r = await reminder(page);
      same([r.site, r.href], [site, PRIVACY[site]], `${site} reminder`);
    }
  });

  test('popup: the watched site, the account mode and the last check of the tab it describes', async () => {
    await page.bringToFront();
    const box = await openEditor(page, 'x', 'post');
    await page.type(CONFIDENTIAL);
    await waitState(page, box, 'stop');
    const probe = await open('popup/popup.html');
    const xTab = await tabIdOf(probe, 'https://x.com/*');
    check(typeof xTab === 'number', String(xTab));
    const ownTab = await ext(probe, async () => (await (globalThis.browser ?? globalThis.chrome).tabs.getCurrent()).id);

    let popup = await popupFor(session, xTab);
    pages.push(popup);
    let p = await readPopup(popup);
    same([p.watched, p.site, p.details, p.mode], ['true', 'x', true, 'personal'], 'watched, site, details, mode');
    same([p.state, p.findings], ['stop', '1'], 'state, findings');
    check(p.stateText.includes("don’t publish") && p.stateText.includes('1 finding'), `state text: ${p.stateText}`);
    check(p.report && p.options, 'report and settings buttons');
    same(p.error, '', 'popup error');

    // The mode follows storage.sync, live.
    await ext(popup, () => (globalThis.browser ?? globalThis.chrome).storage.sync.set({ modes: { x: 'work', facebook: 'personal' } }));
    try {
      await waitFor(popup, () => document.getElementById('mode').dataset.mode === 'work', null, 'the popup to show work mode');
      check((await readPopup(popup)).mode === 'work', 'mode');
    } finally {
      await ext(popup, () => (globalThis.browser ?? globalThis.chrome).storage.sync.remove('modes'));
    }
    await waitFor(popup, () => document.getElementById('mode').dataset.mode === 'personal', null, 'personal mode again');

    // A tab on no watched site (the extension's own page): not watched, no details.
    const own = await popupFor(session, ownTab);
    pages.push(own);
    p = await readPopup(own);
    same([p.watched, p.site, p.details, p.report], ['false', '', false, false], 'an unwatched page');
    check(p.options, 'the settings button is there on any page');
    for (const x of pages.splice(0)) await x.close();
    await probe.close().catch(() => {});

    // A clean text now: the popup says so.
    await page.bringToFront();
    await clickAt(page, box.editor);
    await page.press('Control+a');
    await page.press('Backspace');
    await page.type(CLEAN);
    await waitState(page, box, 'clear');
    await sleep(300);
    popup = await popupFor(session, xTab);
    pages.push(popup);
    p = await readPopup(popup);
    same([p.state, p.findings, p.stateText], ['clear', '0', 'No problems found'], 'after a clean check');
    await popup.close();
    pages.length = 0;

    // The same tab on another site, nothing typed yet: that site, nothing checked.
    await page.bringToFront();
    await page.goto(SITES.linkedin.url);
    await waitFor(page, (sel) => window.__st.badge(sel), SITES.linkedin.boxes.comment.editor, 'the LinkedIn badge', 8000);
    await sleep(300);
    popup = await popupFor(session, xTab);
    pages.push(popup);
    p = await readPopup(popup);
    same([p.watched, p.site, p.state, p.findings], ['true', 'linkedin', 'none', '0'], 'LinkedIn before any check');
    same(p.stateText, 'Nothing checked on this page yet', 'state text');
  });

  test('report to the manager: the menu item is registered, and the link carries the page address and the selected text', async () => {
    const popup = await open('popup/popup.html');
    // contextMenus.update succeeds only for an item that exists (and fails for one that does not).
    const menu = await ext(popup, async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tryUpdate = (id) => api.contextMenus.update(id, {}).then(() => 'ok', (e) => `error: ${e?.message ?? e}`);
      return { ours: await tryUpdate('second-thought-report'), other: await tryUpdate('no-such-item') };
    });
    same(menu.ours, 'ok', 'updating the report item');
    check(menu.other.startsWith('error'), `updating an unknown item: ${menu.other}`);

    const pageUrl = 'https://x.com/someone/status/1234567?lang=en&s=20#reply';
    const selectionText = 'They said "R&D" = 100% + £5 😀\nand more #2';
    const reply = await ext(popup, (m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), { type: 'second-thought-report-link', pageUrl, selectionText });
    check(typeof reply?.url === 'string', `reply: ${JSON.stringify(reply)}`);
    const m = /^mailto:([^?]+)\?subject=([^&]*)&body=([^&]*)$/.exec(reply.url);
    check(m, `not a mailto link with subject and body: ${reply.url}`);
    same(decodeURIComponent(m[1]), MANAGER, 'addressed to');
    check(decodeURIComponent(m[2]).includes(PACK.organisation.manager.title), `subject: ${decodeURIComponent(m[2])}`);
    const body = decodeURIComponent(m[3]);
    check(body.includes(pageUrl), `the body has the page address: ${body}`);
    check(body.includes(selectionText.replace('\n', '\r\n')), `the body has the selected text: ${body}`);
    check(!/[\s"£😀]/u.test(reply.url), 'the link is fully encoded');

    // A pack with no manager's email: no link; reporting opens the settings at the note instead.
    const pack = structuredClone(PACK);
    delete pack.organisation.manager.email;
    await ext(popup, (p) => (globalThis.browser ?? globalThis.chrome).storage.sync.set({ pack: p }), JSON.stringify(pack));
    try {
      const none = await waitFor(
        popup,
        async (m) => {
          const r = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m);
          return r?.error ? r : null;
        },
        { type: 'second-thought-report-link', pageUrl, selectionText },
        'no link without a manager email',
      );
      same(none, { error: 'no-manager-email' }, 'reply');
      const before = await ext(popup, async () => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).length);
      const opened = await ext(popup, (m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), { type: 'second-thought-report', pageUrl });
      same(opened, { opened: 'options' }, 'what reporting opened');
      await waitFor(popup, async (n) => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).length === n + 1, before, 'a tab for the settings');
    } finally {
      await ext(popup, () => (globalThis.browser ?? globalThis.chrome).storage.sync.remove('pack'));
    }
    const back = await waitFor(
      popup,
      async (m) => {
        const r = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m);
        return r?.url ? r : null;
      },
      { type: 'second-thought-report-link', pageUrl },
      'the link again with the shipped pack',
    );
    check(back.url.startsWith(`mailto:${MANAGER}?`), back.url);
  });

  test('accessibility (axe-core): the popup has no violations', async () => {
    await page.bringToFront();
    const box = await openEditor(page, 'facebook', 'comment');
    await page.type(CONFIDENTIAL);
    await waitState(page, box, 'stop');
    const probe = await open('popup/popup.html');
    const tab = await tabIdOf(probe, 'https://www.facebook.com/*');
    check(typeof tab === 'number', String(tab));
    const popup = await popupFor(session, tab);
    pages.push(popup);
    same((await readPopup(popup)).state, 'stop', 'popup state');
    await noViolations(popup, null, 'the popup (a watched tab, stop)');
    const own = await popupFor(session, await ext(probe, async () => (await (globalThis.browser ?? globalThis.chrome).tabs.getCurrent()).id));
    pages.push(own);
    await noViolations(own, null, 'the popup (an unwatched page)');
  });

  test('accessibility (axe-core): the badge\'s finding list, the hold dialog and the privacy reminder have no violations', async () => {
    await page.bringToFront();
    const box = await openEditor(page, 'linkedin', 'comment');
    await waitFor(page, () => document.querySelector('second-thought-reminder') !== null, null, 'the privacy reminder');
    await noViolations(page, 'second-thought-reminder', 'the privacy reminder');
    await page.type(CONFIDENTIAL);
    await waitState(page, box, 'stop');
    const bp = await waitFor(page, (sel) => window.__st.badgePoint(sel, '.badge'), box.editor, 'the badge button');
    await page.click(bp.x, bp.y);
    await waitFor(page, (sel) => window.__st.panel(sel)?.open, box.editor, 'the finding list');
    await noViolations(page, 'second-thought-badge', 'the badge with its finding list open');
    await clickAt(page, box.editor);
    await clickAt(page, box.submit);
    await waitFor(page, () => window.__st.dialog()?.open, null, 'the hold dialog');
    await noViolations(page, 'second-thought-dialog', 'the hold dialog');
    await page.press('Escape');
    await waitFor(page, () => !window.__st.dialog(), null, 'the dialog to close');
  });

  test(`network: the pages and the extension asked for nothing but the fixture pages' own files`, async () => {
    const fixtureFile = /^\/(?:(?:x|facebook|linkedin)\.(?:js|css)|fixture\.css|favicon\.ico|[^.]*)$/;
    const others = session.requests.filter((r) => {
      if (/^(chrome-extension|moz-extension):\/\//.test(r.url) || r.url.startsWith('data:') || r.url === 'about:blank') return false;
      const u = new URL(r.url);
      return !(u.protocol === 'https:' && FIXTURE_HOSTS.has(u.hostname) && fixtureFile.test(u.pathname));
    });
    same(others.map((r) => `${r.from}: ${r.url}`), [], 'requests beyond the fixture files');
  });

  test('console: no errors or uncaught exceptions on the pages or in the popup', async () => {
    same(session.problems, [], 'console errors');
  });

  return runTests(tests, results, {
    only: opts.only,
    timeoutMs: 45000,
    afterEach: async () => {
      for (const p of pages.splice(0)) await p.close().catch(() => {});
    },
  });
}
