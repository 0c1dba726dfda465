// The options page (extension/options/) in headless Chromium, loaded as part of the extension.
// Self-contained: it copies dist/chrome into a temporary folder, lays extension/options/ and
// extension/_locales/ over it and adds options_ui + default_locale to the copy's manifest (so it
// also runs before build.sh and manifest.json carry them).
//
//   node --test tests/playground/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(root, 'dist', 'chrome');
let work;
let ctx;
let extId;

before(async () => {
  assert.ok(existsSync(join(DIST, 'manifest.json')), `${DIST} is missing: run ./build.sh first`);
  work = mkdtempSync(join(tmpdir(), 'st-options-'));
  const ext = join(work, 'ext');
  cpSync(DIST, ext, { recursive: true });
  cpSync(join(root, 'extension', 'options'), join(ext, 'options'), { recursive: true });
  cpSync(join(root, 'extension', '_locales'), join(ext, '_locales'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  manifest.default_locale ??= 'en_GB';
  manifest.options_ui ??= { page: 'options/options.html', open_in_tab: true };
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest, null, 2));
  ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  extId = new URL(sw.url()).host;
});

after(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openOptions(t) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  t.after(async () => {
    await page.close();
    assert.deepEqual(errors, []);
  });
  await page.goto(`chrome-extension://${extId}/options/options.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  return page;
}

const sync = (page, keys) => page.evaluate((k) => chrome.storage.sync.get(k), keys);
/** Polls storage.sync until `pred(items)` holds (waitForFunction does not await promises). */
async function syncUntil(page, pred, what) {
  const end = Date.now() + 5000;
  for (;;) {
    const items = await sync(page, null);
    if (pred(items)) return items;
    if (Date.now() > end) assert.fail(`storage.sync never had ${what}: ${JSON.stringify(items)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
const savedAfter = async (page, before) => page.waitForFunction((b) => Number(document.documentElement.dataset.saved ?? 0) > b, before, { timeout: 5000 });
const savedStamp = (page) => page.evaluate(() => Number(document.documentElement.dataset.saved ?? 0));

test('options: every rule is listed, grouped, searchable, and a toggle is saved as settings', async (t) => {
  const page = await openOptions(t);
  assert.equal(await page.textContent('h1'), 'Second Thought settings', 'strings come from _locales');
  const ids = await page.$$eval('#rules article.rule', (as) => as.map((a) => a.dataset.rule));
  assert.ok(ids.length >= 20 && ids.includes('obscene-language') && ids.includes('custom-term'), String(ids));
  assert.ok((await page.$$('#rules section.group')).length >= 3);

  await page.fill('#rule-search', 'phone number');
  const shown = await page.$$eval('#rules article.rule:not([hidden])', (as) => as.map((a) => a.dataset.rule));
  assert.deepEqual(shown, ['personal-data']);
  await page.fill('#rule-search', '');

  let stamp = await savedStamp(page);
  await page.click('#rule-obscene-language-on');
  await savedAfter(page, stamp);
  stamp = await savedStamp(page);
  await page.selectOption('#rule-angry-tone-severity', 'note');
  await savedAfter(page, stamp);
  const { settings } = await sync(page, ['settings']);
  assert.deepEqual(JSON.parse(settings).rules, { 'obscene-language': { enabled: false }, 'angry-tone': { severity: 'note' } });

  // The background's checker follows at once: ask it over the content scripts' port.
  const findings = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: 'second-thought' });
        port.onMessage.addListener((m) => resolve(m.findings ?? m));
        port.postMessage({ type: 'check', id: 1, text: 'What a f*cking shambles', context: { mode: 'personal', site: 'x' } });
      }),
  );
  assert.ok(Array.isArray(findings), JSON.stringify(findings));
  assert.ok(!findings.some((f) => f.rule === 'obscene-language'), JSON.stringify(findings));
  assert.equal(findings.find((f) => f.rule === 'angry-tone')?.severity, 'note', JSON.stringify(findings));

  await page.screenshot({ path: join(work, 'options.png'), fullPage: true });
  if (process.env.OPTIONS_SCREENSHOT) cpSync(join(work, 'options.png'), process.env.OPTIONS_SCREENSHOT);
});

test('options: account modes, authorised and hold-on-warnings use the content scripts\' keys', async (t) => {
  const page = await openOptions(t);
  await page.selectOption('#mode-linkedin', 'work');
  await page.check('#authorised');
  await page.check('#hold-warnings');
  await syncUntil(page, (i) => i.holdOnWarnings === true && i.authorised === true && i.modes?.linkedin === 'work', 'the account settings');
  assert.deepEqual(await sync(page, ['modes', 'authorised', 'holdOnWarnings']), {
    modes: { x: 'personal', facebook: 'personal', linkedin: 'work' },
    authorised: true,
    holdOnWarnings: true,
  });
});

test('options: custom terms are validated as you type; a bad regex is refused with the reason', async (t) => {
  const page = await openOptions(t);
  await page.click('#add-term');
  await page.click('#term-0-regex');
  await page.focus('#term-0-term');
  await page.keyboard.type('(unclosed');
  await page.fill('#term-0-message', 'Our code names are confidential.');
  await page.waitForFunction(() => /refused/.test(document.querySelector('#term-0-error').textContent));
  assert.equal(await page.getAttribute('#term-0-term', 'aria-invalid'), 'true');
  await page.waitForTimeout(400);
  const before = await sync(page, ['settings']);
  assert.deepEqual(JSON.parse(before.settings ?? '{}').custom_terms ?? [], [], 'an invalid term is not saved');

  await page.fill('#term-0-term', 'project (falcon|osprey)');
  await syncUntil(page, (i) => JSON.parse(i.settings ?? '{}').custom_terms?.length === 1, 'the custom term');
  const { settings } = await sync(page, ['settings']);
  assert.deepEqual(JSON.parse(settings).custom_terms, [{ term: 'project (falcon|osprey)', regex: true, severity: 'warn', message: 'Our code names are confidential.' }]);
  assert.equal(await page.getAttribute('#term-0-term', 'aria-invalid'), null);
});

test('options: a bad import is refused with the reason and changes nothing; a good one is used', async (t) => {
  const page = await openOptions(t);
  const before = await sync(page, null);
  await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": 1}') });
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /nothing was changed: .*organisation/);
  assert.deepEqual(await sync(page, null), before);

  const pack = JSON.parse(readFileSync(join(root, 'policies', 'central-bedfordshire-sendiass.json'), 'utf8'));
  pack.organisation.name = 'Example Trust';
  pack.policy.next_review = '2099-01';
  await page.setInputFiles('#import-file', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  await page.waitForFunction(() => /Example Trust/.test(document.querySelector('#status').textContent));
  assert.equal(JSON.parse((await sync(page, ['pack'])).pack).organisation.name, 'Example Trust');
  assert.equal(await page.isHidden('#review-note'), true, 'no overdue note for a future review date');
  assert.equal(await page.inputValue('#org-name'), 'Example Trust');
});

test('options: reset puts back the shipped policy, and its overdue review is noted', async (t) => {
  const page = await openOptions(t);
  await page.click('#reset');
  await page.click('#reset-yes');
  await syncUntil(page, (i) => Object.keys(i).length === 0, 'nothing');
  assert.equal(await page.isVisible('#review-note'), true);
  assert.match(await page.textContent('#review-note'), /August 2020/);
  assert.equal(await page.inputValue('#org-name'), 'Central Bedfordshire SENDIASS');
});
