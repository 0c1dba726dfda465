// The options page (extension/options/), loaded as part of the extension, in headless Chromium
// and in Firefox ESR (see lib/options-browsers.mjs for how each is driven), without and with a
// real enterprise policy for the extension (storage.managed), plus the content scripts under that
// policy on a stand-in X page. Accessibility: axe-core (node_modules/axe-core) on every state.
//
//   node --test tests/playground/
//   OPTIONS_BROWSERS=chromium node --test tests/playground/options.test.mjs   # one browser
//
// The policy tests write browser policy files (/etc/chromium/policies/managed/,
// /usr/lib/firefox-esr/distribution/policies.json) while holding the browser lock
// (/tmp/second-thought-browser.lock; taken here unless an ancestor already holds it), and remove
// them afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeBrowserLock } from './lib/browser-lock.mjs';
import { openSession, setPolicy, testCopy } from './lib/options-browsers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSERS = (process.env.OPTIONS_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);
const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const shippedPack = () => JSON.parse(readFileSync(join(root, 'policies', 'central-bedfordshire-sendiass.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'st-options-'));
after(() => rmSync(work, { recursive: true, force: true }));

// ---- helpers (the same in both browsers) ---------------------------------------------------------

/** Opens the options page for one test; at its end the page is closed and must have logged no error. */
async function openOptions(session, t) {
  const page = await session.openOptions();
  t.after(async () => {
    await page.close();
    assert.deepEqual(page.errors, []);
  });
  return page;
}

const sync = (page, keys) => page.eval((k) => (globalThis.browser ?? globalThis.chrome).storage.sync.get(k), keys);
const setSync = (page, values) => page.eval((v) => (globalThis.browser ?? globalThis.chrome).storage.sync.set(v), values);
const clearSync = (page) => page.eval(() => (globalThis.browser ?? globalThis.chrome).storage.sync.clear());
const managed = (page) => page.eval(() => (globalThis.browser ?? globalThis.chrome).storage.managed.get(null).catch((e) => ({ error: String(e?.message ?? e) })));

/** Polls storage.sync until `pred(items)` holds. */
async function syncUntil(page, pred, what) {
  const end = Date.now() + 5000;
  for (;;) {
    const items = await sync(page, null);
    if (pred(items)) return items;
    if (Date.now() > end) assert.fail(`storage.sync never had ${what}: ${JSON.stringify(items)}`);
    await page.sleep(50);
  }
}
const savedStamp = (page) => page.eval(() => Number(document.documentElement.dataset.saved ?? 0));
const savedAfter = (page, stamp) => page.waitFor((b) => Number(document.documentElement.dataset.saved ?? 0) > b, stamp, 'a save');

/** Asks the background checker, over the content scripts' port, as a content script would. */
const ask = (page, text, context = { mode: 'personal', site: 'x' }) =>
  page.eval(
    ([text, context]) =>
      new Promise((resolve) => {
        const port = (globalThis.browser ?? globalThis.chrome).runtime.connect({ name: 'second-thought' });
        port.onMessage.addListener((m) => {
          resolve(m);
          port.disconnect();
        });
        port.postMessage({ type: 'check', id: 1, text, context });
      }),
    [text, context],
  );
/** Asks until `pred(reply)` holds (the background rebuilds its checker after a storage change). */
async function askUntil(page, text, pred, what, context) {
  const end = Date.now() + 8000;
  for (;;) {
    const reply = await ask(page, text, context);
    if (pred(reply)) return reply;
    if (Date.now() > end) assert.fail(`the checker never answered with ${what}: ${JSON.stringify(reply)}`);
    await page.sleep(100);
  }
}
const rulesOf = (reply) => (reply.findings ?? []).map((f) => `${f.rule}:${f.severity}`);

/** axe-core's violations on the page, as readable lines. */
async function axe(page) {
  await page.eval(AXE); // evaluated by the driver, so the page's CSP does not apply
  return page.eval(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The lock note of a control: visible, saying so, and in the control's description. */
async function assertLocked(page, sel, what = sel) {
  assert.equal(await page.disabled(sel), true, `${what} is disabled`);
  const described = (await page.attr(sel, 'aria-describedby')) ?? '';
  const notes = await page.eval(
    (ids) => ids.map((id) => document.getElementById(id)).filter((n) => n?.classList.contains('locked') && n.getClientRects().length > 0).map((n) => n.textContent),
    described.split(/\s+/).filter(Boolean),
  );
  assert.deepEqual(notes, ['Set by your organisation'], `${what} is described by a visible "Set by your organisation" (aria-describedby="${described}")`);
}
async function assertUnlocked(page, sel, what = sel) {
  assert.equal(await page.disabled(sel), false, `${what} is not disabled`);
  assert.doesNotMatch((await page.attr(sel, 'aria-describedby')) ?? '', /locked/, `${what} has no lock note`);
}

for (const browser of BROWSERS) {
  // ---- without a policy --------------------------------------------------------------------------
  describe(`${browser}: the options page`, () => {
    let session;
    before(async () => {
      session = await openSession(browser, testCopy(browser, work), join(work, `profile-${browser}`), work);
    });
    after(() => session?.close());

    test('every rule is listed, grouped, searchable, and a toggle is saved as settings', async (t) => {
      const page = await openOptions(session, t);
      assert.equal(await page.text('h1'), 'Second Thought settings', 'strings come from _locales');
      const ids = await page.eval(() => [...document.querySelectorAll('#rules article.rule')].map((a) => a.dataset.rule));
      assert.ok(ids.length >= 20 && ids.includes('obscene-language') && ids.includes('custom-term'), String(ids));
      assert.ok((await page.eval(() => document.querySelectorAll('#rules section.group').length)) >= 3);
      assert.equal(await page.visible('#managed-note'), false, 'no policy, no "managed" note');
      assert.equal(await page.eval(() => document.querySelectorAll('.locked:not([hidden])').length), 0, 'nothing locked');

      await page.fill('#rule-search', 'phone number');
      const shown = await page.eval(() => [...document.querySelectorAll('#rules article.rule:not([hidden])')].map((a) => a.dataset.rule));
      assert.deepEqual(shown, ['personal-data']);
      await page.fill('#rule-search', '');

      let stamp = await savedStamp(page);
      await page.click('#rule-obscene-language-on');
      await savedAfter(page, stamp);
      stamp = await savedStamp(page);
      await page.select('#rule-angry-tone-severity', 'note');
      await savedAfter(page, stamp);
      const { settings } = await sync(page, ['settings']);
      assert.deepEqual(JSON.parse(settings).rules, { 'obscene-language': { enabled: false }, 'angry-tone': { severity: 'note' } });

      // The background's checker follows at once: ask it over the content scripts' port.
      const reply = await askUntil(page, 'What a f*cking shambles', (r) => !rulesOf(r).some((x) => x.startsWith('obscene-language')), 'obscene-language off');
      assert.ok(rulesOf(reply).includes('angry-tone:note'), JSON.stringify(reply));
      assert.equal(reply.packError, undefined);

      await page.screenshot(join(work, `options-${browser}.png`));
      // OPTIONS_SCREENSHOT=path.png: Chromium's there, Firefox's beside it as path-firefox.png.
      const shot = process.env.OPTIONS_SCREENSHOT;
      if (shot) cpSync(join(work, `options-${browser}.png`), browser === 'chromium' ? shot : shot.replace(/(\.png)?$/, `-${browser}.png`));
    });

    test("account modes, authorised and hold-on-warnings use the content scripts' keys", async (t) => {
      const page = await openOptions(session, t);
      await page.select('#mode-linkedin', 'work');
      await page.check('#authorised');
      await page.check('#hold-warnings');
      await syncUntil(page, (i) => i.holdOnWarnings === true && i.authorised === true && i.modes?.linkedin === 'work', 'the account settings');
      assert.deepEqual(await sync(page, ['modes', 'authorised', 'holdOnWarnings']), {
        modes: { x: 'personal', facebook: 'personal', linkedin: 'work' },
        authorised: true,
        holdOnWarnings: true,
      });
    });

    test('custom terms are validated as you type; a bad regex is refused with the reason', async (t) => {
      const page = await openOptions(session, t);
      await page.click('#add-term');
      await page.click('#term-0-regex');
      await page.focus('#term-0-term');
      await page.type('(unclosed');
      await page.fill('#term-0-message', 'Our code names are confidential.');
      await page.waitFor(() => /refused/.test(document.querySelector('#term-0-error').textContent));
      assert.equal(await page.attr('#term-0-term', 'aria-invalid'), 'true');
      await page.sleep(400);
      const stored = await sync(page, ['settings']);
      assert.deepEqual(JSON.parse(stored.settings ?? '{}').custom_terms ?? [], [], 'an invalid term is not saved');

      await page.fill('#term-0-term', 'project (falcon|osprey)');
      await syncUntil(page, (i) => JSON.parse(i.settings ?? '{}').custom_terms?.length === 1, 'the custom term');
      const { settings } = await sync(page, ['settings']);
      assert.deepEqual(JSON.parse(settings).custom_terms, [{ term: 'project (falcon|osprey)', regex: true, severity: 'warn', message: 'Our code names are confidential.' }]);
      assert.equal(await page.attr('#term-0-term', 'aria-invalid'), null);
    });

    test('a bad import is refused with the reason and changes nothing; a good one is used', async (t) => {
      const page = await openOptions(session, t);
      const stored = await sync(page, null);
      await page.upload('#import-file', 'bad.json', Buffer.from('{"schema": 1}'));
      await page.waitFor(() => !document.querySelector('#error').hidden);
      assert.match(await page.text('#error'), /nothing was changed: .*organisation/);
      assert.deepEqual(await sync(page, null), stored);

      const pack = shippedPack();
      pack.organisation.name = 'Example Trust';
      pack.policy.next_review = '2099-01';
      await page.upload('#import-file', 'good.json', Buffer.from(JSON.stringify(pack)));
      await page.waitFor(() => /Example Trust/.test(document.querySelector('#status').textContent));
      assert.equal(await page.text('#status'), 'Now using the policy pack of Example Trust.');
      assert.equal(JSON.parse((await sync(page, ['pack'])).pack).organisation.name, 'Example Trust');
      assert.equal(await page.visible('#review-note'), false, 'no overdue note for a future review date');
      assert.equal(await page.value('#org-name'), 'Example Trust');
    });

    test('reset puts back the shipped policy, and its overdue review is noted', async (t) => {
      const page = await openOptions(session, t);
      await page.click('#reset');
      await page.click('#reset-yes');
      await syncUntil(page, (i) => Object.keys(i).length === 0, 'nothing');
      // The page re-reads the settings after the removal (storage.managed can take seconds to
      // answer), so the status line, not the storage, says when it is done.
      await page.waitFor(() => document.querySelector('#status').textContent === 'Everything is back as shipped.', undefined, 'the reset status');
      assert.equal(await page.visible('#review-note'), true);
      assert.match(await page.text('#review-note'), /August 2020/);
      assert.equal(await page.value('#org-name'), 'Central Bedfordshire SENDIASS');
    });

    test('broken stored settings: each broken part is reset to its default with a notice saying which; the rest is kept', async (t) => {
      const seed = await openOptions(session, t);
      const pack = shippedPack();
      pack.organisation.name = 'Kept Trust';
      await clearSync(seed);
      await setSync(seed, {
        pack: JSON.stringify(pack),
        settings: JSON.stringify({
          rules: { 'no-such-rule': { enabled: false }, 'angry-tone': { severity: 'note' }, threat: { severity: 'loud' } },
          custom_terms: [{ term: 'Project Heron', severity: 'stop', message: 'Not announced.' }, 'garbage'],
          allowed_terms: ['Dick Whittington', 42],
        }),
        modes: { x: 'work', facebook: 7 },
        authorised: 'yes',
        holdOnWarnings: true,
      });
      const page = await openOptions(session, t);
      assert.equal(await page.visible('#repaired'), true, 'the notice is shown');
      assert.match(await page.text('#repaired'), /could not be read, so they were reset to their defaults\. Everything else was kept\./);
      const items = await page.eval(() => [...document.querySelectorAll('#repaired-list li')].map((li) => li.textContent));
      const all = items.join('\n');
      for (const what of [/no-such-rule/, /threat\.severity/, /custom_terms\[1\]/, /allowed_terms\[1\]/, /Account mode \(Facebook\): 7 is not personal or work/, /authorised to post.*"yes" is not true or false/]) {
        assert.match(all, what);
      }
      assert.equal(items.length, 6, all);
      // The broken parts were written back as their defaults; everything else is as it was.
      const stored = await syncUntil(page, (i) => !('authorised' in i) && !i.modes?.facebook, 'the repairs');
      assert.equal(JSON.parse(stored.pack).organisation.name, 'Kept Trust');
      assert.deepEqual(JSON.parse(stored.settings), {
        rules: { 'angry-tone': { severity: 'note' } },
        custom_terms: [{ term: 'Project Heron', severity: 'stop', message: 'Not announced.' }],
        allowed_terms: ['Dick Whittington'],
      });
      assert.deepEqual(stored.modes, { x: 'work' });
      assert.equal(stored.holdOnWarnings, true);
      // ... and shown.
      assert.equal(await page.value('#mode-x'), 'work');
      assert.equal(await page.value('#mode-facebook'), 'personal');
      assert.equal(await page.checked('#authorised'), false);
      assert.equal(await page.checked('#hold-warnings'), true);
      assert.equal(await page.value('#rule-angry-tone-severity'), 'note');
      assert.equal(await page.value('#term-0-term'), 'Project Heron');
      assert.equal(await page.value('#allowed-terms'), 'Dick Whittington');
      assert.equal(await page.value('#org-name'), 'Kept Trust');
      // The checker uses what was kept, and has nothing left to complain about.
      const reply = await askUntil(page, 'Project Heron, damn it', (r) => rulesOf(r).includes('custom-term:stop') && r.packError === undefined, 'the kept custom term and no packError');
      assert.ok(rulesOf(reply).includes('angry-tone:note') || !rulesOf(reply).some((x) => x.startsWith('angry-tone')), JSON.stringify(reply));

      // A settings value that is not JSON at all: only it is reset.
      await setSync(page, { settings: '{"rules": {' });
      const again = await openOptions(session, t);
      assert.match(await again.text('#repaired-list'), /Rule settings and terms: not valid JSON/);
      const after = await syncUntil(again, (i) => !('settings' in i), 'settings removed');
      assert.equal(JSON.parse(after.pack).organisation.name, 'Kept Trust');
      assert.deepEqual(after.modes, { x: 'work' });
      // Opened again: nothing left to reset.
      const clean = await openOptions(session, t);
      assert.equal(await clean.visible('#repaired'), false);
      await clearSync(clean);
    });

    test('axe-core finds no accessibility violations (light scheme, and dark where the driver emulates it; with a notice and errors shown)', async (t) => {
      const page = await openOptions(session, t);
      await page.click('#rule-copyright-on'); // a rule switched off is drawn fainter
      await page.click('#add-term'); // an invalid custom term: its error and aria-invalid
      await page.click('#reset'); // the confirmation
      assert.deepEqual(await axe(page), []);
      if (page.colorScheme) {
        await page.colorScheme('dark');
        assert.deepEqual(await axe(page), [], 'dark scheme');
      }
      await setSync(page, { authorised: 'garbage' });
      const broken = await openOptions(session, t);
      assert.equal(await broken.visible('#repaired'), true);
      assert.deepEqual(await axe(broken), [], 'with the reset notice');
      await clearSync(broken);
    });
  });

  // ---- with an enterprise policy ---------------------------------------------------------------------
  describe(`${browser}: the options page under an organisation's policy (storage.managed)`, () => {
    let lock;
    let session;
    let ext;
    let n = 0;
    const managedPack = shippedPack();
    managedPack.organisation.name = 'Managed Trust';
    managedPack.policy.next_review = '2099-01';
    managedPack.rules['angry-tone'] = { severity: 'stop' };
    managedPack.custom_terms = [{ term: 'Project Heron', severity: 'stop', message: 'Project Heron has not been announced.', clause: '2.3' }];
    // Phase A: a pack, two rules, an account mode and three locks.
    const policyA = {
      pack: managedPack,
      rules: { 'obscene-language': { enabled: true, severity: 'stop' }, copyright: { enabled: false } },
      modes: { x: 'work' },
      locked: ['authorised', 'holdOnWarnings', 'allowed_terms'],
    };
    // What the user had stored, against all of it.
    const userSeed = {
      modes: { x: 'personal', linkedin: 'work' },
      authorised: true,
      holdOnWarnings: true,
      settings: JSON.stringify({ rules: { 'obscene-language': { enabled: false }, threat: { severity: 'warn' } }, allowed_terms: ['Project Heron'] }),
    };
    // Phase B: a pack that is invalid (for the checker; Chrome's schema lets it through), a forced rule.
    const badPack = shippedPack();
    badPack.organisation.name = 'Half Applied Trust';
    badPack.working_hours.start = '25:00';
    const policyB = { pack: badPack, rules: { 'obscene-language': { enabled: true } }, locked: ['allowed_terms'] };

    async function start(policy) {
      await session?.close();
      setPolicy(browser, ext.id, policy);
      session = await openSession(browser, ext, join(work, `profile-${browser}-managed-${++n}`), work);
      const page = await session.openOptions();
      await page.waitFor(() => (globalThis.browser ?? globalThis.chrome).storage.managed.get(null).then((m) => 'pack' in m, () => false), undefined, 'the policy in storage.managed', 15000);
      await setSync(page, userSeed);
      await page.close();
    }

    before(async () => {
      lock = await takeBrowserLock();
      ext = testCopy(browser, work);
      await start(policyA);
    });
    after(async () => {
      await session?.close();
      setPolicy(browser, ext?.id, undefined);
      await lock?.release();
    });

    test('the policy reaches storage.managed as written (no value dropped by the schema)', async (t) => {
      const page = await openOptions(session, t);
      const got = await managed(page);
      assert.deepEqual(got.rules, policyA.rules);
      assert.deepEqual(got.modes, policyA.modes);
      assert.deepEqual(got.locked, policyA.locked);
      assert.equal(got.pack?.organisation?.name, 'Managed Trust');
      assert.deepEqual(got.pack.custom_terms, managedPack.custom_terms);
    });

    test('settings the organisation sets or locks are shown as such and cannot be changed', async (t) => {
      const page = await openOptions(session, t);
      assert.equal(await page.visible('#managed-note'), true);
      assert.match(await page.text('#managed-note'), /Your organisation manages some of these settings/);
      assert.equal(await page.visible('#managed-refused'), false, 'everything in the policy was used');
      assert.equal(await page.text('#policy-summary'), 'Social Media Policy of Managed Trust, set by your organisation.');

      // Accounts: x from the policy, authorised and hold locked to their defaults; linkedin is the user's.
      assert.equal(await page.value('#mode-x'), 'work');
      await assertLocked(page, '#mode-x');
      assert.equal(await page.value('#mode-linkedin'), 'work');
      await assertUnlocked(page, '#mode-linkedin');
      assert.equal(await page.checked('#authorised'), false);
      await assertLocked(page, '#authorised');
      assert.equal(await page.checked('#hold-warnings'), false);
      await assertLocked(page, '#hold-warnings');
      // Rules: forced on at stop over the user's "off"; copyright forced off; the pack's severity for angry tone.
      assert.equal(await page.checked('#rule-obscene-language-on'), true);
      assert.equal(await page.value('#rule-obscene-language-severity'), 'stop');
      await assertLocked(page, '#rule-obscene-language-on');
      await assertLocked(page, '#rule-obscene-language-severity');
      assert.equal(await page.checked('#rule-copyright-on'), false);
      await assertLocked(page, '#rule-copyright-on');
      await assertUnlocked(page, '#rule-copyright-severity');
      assert.equal(await page.value('#rule-angry-tone-severity'), 'stop');
      await assertUnlocked(page, '#rule-angry-tone-severity');
      assert.equal(await page.value('#rule-threat-severity'), 'warn', "the user's own change to another rule stays");
      // Terms never to flag locked; the pack and the organisation profile are the organisation's.
      assert.equal(await page.value('#allowed-terms'), '');
      await assertLocked(page, '#allowed-terms');
      await assertLocked(page, '#import');
      assert.equal(await page.visible('#org-locked'), true);
      assert.match(await page.text('#org-locked'), /^Set by your organisation/);
      assert.equal(await page.value('#org-name'), 'Managed Trust');
      assert.equal(await page.disabled('#org-name'), true);
      assert.equal(await page.attr('#org-name', 'aria-describedby'), 'org-locked');
      await assertUnlocked(page, '#add-term');

      // Trying anyway: a click on the disabled switch, and a scripted change as a tampering user might.
      const stored = await sync(page, null);
      await page.click('#rule-obscene-language-on', { force: true });
      await page.click('#authorised', { force: true });
      await page.eval(() => {
        for (const [sel, prop, value] of [
          ['#rule-obscene-language-on', 'checked', false],
          ['#rule-obscene-language-severity', 'value', 'note'],
          ['#mode-x', 'value', 'personal'],
          ['#hold-warnings', 'checked', true],
        ]) {
          const el = document.querySelector(sel);
          el[prop] = value;
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }
      });
      await page.sleep(600);
      assert.deepEqual(await sync(page, null), stored, 'nothing the organisation sets was written');
      assert.equal(await page.checked('#rule-obscene-language-on'), true, 'the switch is put back');
      assert.equal(await page.value('#rule-obscene-language-severity'), 'stop', 'the severity is put back');
      // An unlocked setting still works.
      const stamp = await savedStamp(page);
      await page.select('#rule-threat-severity', 'note');
      await savedAfter(page, stamp);
      assert.deepEqual(JSON.parse((await sync(page, ['settings'])).settings).rules, { 'obscene-language': { enabled: false }, threat: { severity: 'note' } }, "the user's own value for a forced rule is kept, unused");
    });

    test("an import cannot replace the organisation's pack: refused, saying why, nothing changed", async (t) => {
      const page = await openOptions(session, t);
      const stored = await sync(page, null);
      const mine = shippedPack();
      mine.organisation.name = 'Import Trust';
      mine.rules['obscene-language'] = { enabled: false };
      await page.upload('#import-file', 'mine.json', Buffer.from(JSON.stringify(mine)));
      await page.waitFor(() => !document.querySelector('#error').hidden);
      assert.equal(await page.text('#error'), 'Set by your organisation: the policy pack cannot be replaced, so nothing was imported and nothing was changed.');
      assert.deepEqual(await sync(page, null), stored);
      assert.equal(await page.value('#org-name'), 'Managed Trust');
      assert.equal(await page.checked('#rule-obscene-language-on'), true);
    });

    test("the checker uses the organisation's pack and rules over the user's settings", async (t) => {
      const page = await openOptions(session, t);
      const reply = await askUntil(page, 'What a f*cking shambles. Project Heron launches today, I am so angry!!!', (r) => rulesOf(r).includes('custom-term:stop'), "the managed pack's custom term");
      const rules = rulesOf(reply);
      assert.ok(rules.includes('obscene-language:stop'), `forced on over the user's "off": ${rules}`);
      assert.ok(rules.includes('custom-term:stop'), `the pack's own term, though the user allowed it (locked): ${rules}`);
      assert.ok(rules.includes('angry-tone:stop'), `the pack's severity for angry tone: ${rules}`);
      assert.equal(reply.packError, undefined);
      const copyright = await ask(page, '© 2024 Getty Images, all rights reserved');
      assert.ok(!rulesOf(copyright).some((x) => x.startsWith('copyright')), `copyright forced off: ${rulesOf(copyright)}`);
    });

    test('axe-core finds no accessibility violations with settings locked', async (t) => {
      const page = await openOptions(session, t);
      assert.deepEqual(await axe(page), []);
      if (page.colorScheme) {
        await page.colorScheme('dark');
        assert.deepEqual(await axe(page), [], 'dark scheme');
      }
    });

    test("a content script uses the organisation's account mode and locks (X, work mode, not authorised)", async () => {
      // Chromium: on https://x.com answered by the browser itself; Firefox: the same content
      // scripts on the test server's page (see testCopy). Real typing, the real badge.
      const page = await session.openX();
      try {
        await page.click('[data-testid="tweetTextarea_0"]');
        await page.keyboard.type('Lovely walk by the river today');
        // The user stored x: personal and authorised: true; the policy says x: work and locks authorised (false).
        const end = Date.now() + 10000;
        let rules;
        while (!/unauthorised-work-post/.test((rules = await page.evaluate(() => document.querySelector('second-thought-badge')?.dataset.rules ?? '')))) {
          if (Date.now() > end) assert.fail(`the badge never showed unauthorised-work-post: "${rules}"`);
          await new Promise((ok) => setTimeout(ok, 100));
        }
      } finally {
        await page.close();
      }
    });

    test("a changed policy is picked up; an invalid pack from it is refused whole, with the reason; an import keeps the organisation's settings", async (t) => {
      if (browser === 'chromium') {
        // Chromium re-reads its policy files and fires storage.onChanged('managed') within seconds.
        const page = await openOptions(session, t);
        setPolicy(browser, ext.id, policyB);
        await page.waitFor(() => document.documentElement.dataset.managedChanged, undefined, 'storage.onChanged for the managed area', 20000);
        assert.equal((await managed(page)).pack?.organisation?.name, 'Half Applied Trust', 'the new policy is in storage.managed');
      } else {
        // Firefox reads policies.json when it starts.
        await start(policyB);
      }
      const page = await openOptions(session, t);
      assert.equal(await page.visible('#managed-refused'), true);
      assert.match(await page.text('#managed-refused-list'), /Policy pack: working_hours\.start: '25:00' is not a time/);
      assert.doesNotMatch(await page.text('#policy-summary'), /Half Applied/, 'nothing of the refused pack is used');
      await assertUnlocked(page, '#import');
      assert.equal(await page.disabled('#org-name'), false);
      await assertUnlocked(page, '#authorised');
      const refused = await askUntil(page, 'What a f*cking shambles', (r) => /working_hours\.start/.test(r.packError ?? ''), 'the packError');
      assert.match(refused.packError, /the organisation's pack: working_hours\.start/);

      // The pack is not locked now: an import is taken, and what the organisation sets stays.
      const mine = shippedPack();
      mine.organisation.name = 'Import Trust';
      mine.rules['obscene-language'] = { enabled: false };
      mine.allowed_terms = ['strictly confidential'];
      await page.upload('#import-file', 'mine.json', Buffer.from(JSON.stringify(mine)));
      await page.waitFor(() => /Import Trust/.test(document.querySelector('#status').textContent));
      assert.equal(await page.text('#status'), "Now using the policy pack of Import Trust. Your organisation's settings still apply over it: Obscene language (on); terms never to flag.");
      assert.equal(JSON.parse((await sync(page, ['pack'])).pack).organisation.name, 'Import Trust');
      assert.equal(await page.checked('#rule-obscene-language-on'), true);
      await assertLocked(page, '#rule-obscene-language-on');
      const reply = await askUntil(page, 'Strictly confidential: what a f*cking shambles', (r) => rulesOf(r).includes('obscene-language:stop'), 'obscene-language');
      assert.ok(rulesOf(reply).includes('confidential-marker:stop'), `the imported pack's allowed term is not used (allowed_terms locked): ${rulesOf(reply)}`);
      assert.equal(await page.value('#org-name'), 'Import Trust');
    });
  });
}
