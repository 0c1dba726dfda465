// The playground (www/, built into dist/www/) in headless Chromium: served over http from
// 127.0.0.1, typed into with real keyboard input, findings read back from the page.
//
//   node --test tests/playground/
//
// PLAYGROUND_DIR overrides the folder served (default dist/www, which ./build.sh writes).
// Needs playwright-core (package.json devDependencies) and /usr/bin/chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIR = resolve(process.env.PLAYGROUND_DIR ?? join(root, 'dist', 'www'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let server;
let base;
let browser;
const requests = [];

before(async () => {
  for (const f of ['index.html', 'rules.html', 'rule-docs.json', 'playground.js', 'wasm/second_thought.js', 'wasm/second_thought_bg.wasm', 'wasm/offensive.bin']) {
    assert.ok(existsSync(join(DIR, f)), `${join(DIR, f)} is missing: run ./build.sh first`);
  }
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    let file = normalize(join(DIR, path));
    if (file !== DIR && !file.startsWith(DIR + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

/** A fresh page on `path`, failing the test on any page error or console error. */
async function open(t, path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) errors.push(`off-site request: ${r.url()}`);
  });
  t.after(async () => {
    await page.close();
    assert.deepEqual(errors, [], 'no errors and no off-site requests');
  });
  await page.goto(base + path);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  return page;
}

const rulesShown = (page) => page.$$eval('#findings > li', (items) => items.map((li) => li.dataset.rule));

test('typing an offending post shows its findings, highlighted', async (t) => {
  const page = await open(t, 'index.html');
  // A time outside working hours, so only the post's own content is judged.
  await page.fill('#at', '2026-11-24T19:30');
  await page.click('#post');
  await page.keyboard.type('Strictly confidential: call me on 07700 900123', { delay: 5 });
  await page.waitForFunction(() => document.querySelectorAll('#findings > li[data-rule="personal-data"]').length > 0, null, { timeout: 10000 });
  const rules = await rulesShown(page);
  assert.ok(rules.includes('confidential-marker'), `confidential-marker in ${rules}`);
  assert.ok(rules.includes('personal-data'), `personal-data in ${rules}`);

  // Each finding names its clause and message; the spans are highlighted in the preview.
  const first = await page.$eval('#findings > li[data-rule="confidential-marker"]', (li) => li.textContent);
  assert.match(first, /2\.3/);
  assert.match(first, /confidential/i);
  const marks = await page.$$eval('#preview mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('Strictly confidential'), `marks: ${JSON.stringify(marks)}`);
  assert.ok(marks.includes('07700 900123'), `marks: ${JSON.stringify(marks)}`);
  assert.equal(await page.$eval('#preview', (p) => p.textContent), 'Strictly confidential: call me on 07700 900123');
  assert.match(await page.textContent('#summary'), /If in doubt, don't publish/);

  // Deleting the number with the keyboard drops that finding, live.
  for (let i = 0; i < '07700 900123'.length; i++) await page.keyboard.press('Backspace');
  await page.waitForFunction(() => !document.querySelector('#findings > li[data-rule="personal-data"]'), null, { timeout: 10000 });
  assert.deepEqual(await rulesShown(page), ['confidential-marker']);
});

test('a clean post shows no findings', async (t) => {
  const page = await open(t, 'index.html');
  await page.fill('#at', '2026-11-24T19:30');
  await page.click('#post');
  await page.keyboard.type('Lovely sunny walk along the river this evening.', { delay: 5 });
  await page.waitForFunction(() => document.querySelector('#summary')?.dataset.state === 'clean', null, { timeout: 10000 });
  assert.deepEqual(await rulesShown(page), []);
  assert.equal(await page.$$eval('#preview mark', (ms) => ms.length), 0);
});

test('user text is rendered as text, never as HTML', async (t) => {
  const page = await open(t, 'index.html');
  await page.click('#post');
  await page.keyboard.type('<img src=x onerror="document.title=1"> <b>shit</b>', { delay: 2 });
  await page.waitForFunction(() => document.querySelectorAll('#findings > li').length > 0, null, { timeout: 10000 });
  assert.equal(await page.$$eval('#preview img, #preview b, #findings img', (n) => n.length), 0);
  assert.match(await page.textContent('#preview'), /<img src=x/);
});

test('context matters: work mode without authorisation, and working hours', async (t) => {
  const page = await open(t, 'index.html');
  await page.fill('#at', '2026-11-24T10:30'); // a Tuesday morning
  await page.click('#post');
  await page.keyboard.type('Great training day with the team', { delay: 2 });
  await page.waitForFunction(() => document.querySelector('#findings > li[data-rule="work-time"]'), null, { timeout: 10000 });
  await page.check('input[name="mode"][value="work"]');
  await page.waitForFunction(() => document.querySelector('#findings > li[data-rule="unauthorised-work-post"]'), null, { timeout: 10000 });
  await page.check('#authorised');
  await page.waitForFunction(() => !document.querySelector('#findings > li[data-rule="unauthorised-work-post"]'), null, { timeout: 10000 });
});

test('the rules page lists every rule with its documentation, grouped by section', async (t) => {
  const page = await open(t, 'rules.html');
  const ids = await page.$$eval('article.rule', (as) => as.map((a) => a.dataset.rule));
  for (const id of ['obscene-language', 'confidential-marker', 'personal-data', 'work-time', 'custom-term']) {
    assert.ok(ids.includes(id), `${id} in ${ids}`);
  }
  assert.equal(new Set(ids).size, ids.length);
  const sections = await page.$$eval('#rules > section > h2', (hs) => hs.map((h) => h.textContent));
  assert.ok(sections.includes('What must not be posted'), `sections: ${sections}`);
  const card = await page.$eval('article[data-rule="obscene-language"]', (a) => ({
    quote: a.querySelector('blockquote')?.textContent ?? '',
    headings: [...a.querySelectorAll('.doc h4')].map((h) => h.textContent),
    text: a.textContent,
  }));
  assert.match(card.quote, /must not upload/);
  assert.ok(card.headings.includes('Why'), `doc headings: ${card.headings}`);
  assert.match(card.text, /2\.2 \(work\) \/ 3\.3 \(personal\)/);
  assert.ok(!card.text.includes('## '), 'Markdown headings are rendered, not shown raw');
});
