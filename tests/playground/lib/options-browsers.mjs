// The options page in headless Chromium (playwright-core) and Firefox ESR (puppeteer-core over
// WebDriver BiDi), behind one small page API, so that options.test.mjs runs the same tests in both;
// and real enterprise policies for the extension in both browsers.
//
// Chromium opens chrome-extension://ID/options/options.html directly. WebDriver BiDi cannot
// navigate to a moz-extension:// page, but it can drive one the extension opened itself: the
// Firefox test copy carries two test-only hooks (../hooks/) through which a page on the test's
// own http://127.0.0.1 server asks the background to call runtime.openOptionsPage(). The same
// copy also runs the extension's X content scripts on that server's /x/ pages (a stand-in for
// x.com, whose real host needs the e2e suite's port 443 and DNS overrides); Chromium answers
// https://x.com itself with the same stand-in (playwright's routing).
//
// Policies: Chromium reads /etc/chromium/policies/managed/*.json ("3rdparty" → "extensions" →
// extension id) and notices a change within about five seconds; the unpacked copy gets a "key" in
// its manifest (generated per run) so that its id is known before it loads. Firefox reads
// /usr/lib/firefox-esr/distribution/policies.json ("3rdparty" → "Extensions" → add-on id) at start
// only. Policy files are written only while the browser lock is held (browser-lock.mjs), and
// removed again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const hooks = fileURLToPath(new URL('../hooks/', import.meta.url));
export const FIREFOX_TEST_ID = 'second-thought-options-test@example.org';
const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
const CHROMIUM_POLICY = join(CHROMIUM_POLICY_DIR, 'second-thought-options-test.json');
const FIREFOX_POLICY = '/usr/lib/firefox-esr/distribution/policies.json';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A stand-in for x.com: X's compose box and Post button, nothing else. */
export const X_STUB =
  '<!doctype html><html lang="en"><title>X</title><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox" aria-label="Post text"></div><button data-testid="tweetButtonInline">Post</button></html>';

/**
 * A copy of dist/<browser> for the tests, with extension/options and extension/_locales laid over
 * it (so the options page's sources are tested as they are): for Chromium with a "key" (a fixed
 * id), for Firefox with the hooks and a test add-on id (so a policy for it touches nothing else).
 */
export function testCopy(browser, work) {
  const dist = join(root, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run ./build.sh first`);
  const ext = join(work, `ext-${browser}`);
  cpSync(dist, ext, { recursive: true });
  cpSync(join(root, 'extension', 'options'), join(ext, 'options'), { recursive: true });
  cpSync(join(root, 'extension', '_locales'), join(ext, '_locales'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  manifest.default_locale ??= 'en_GB';
  manifest.options_ui ??= { page: 'options/options.html', open_in_tab: true };
  let id;
  if (browser === 'chromium') {
    // The id of an unpacked extension with a "key" is the SHA-256 of the public key (DER), its
    // first 32 hex digits written a–p.
    const pem = execFileSync('openssl', ['genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    const der = execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: pem });
    manifest.key = der.toString('base64');
    id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  } else {
    for (const f of ['open-options-bg.js', 'open-options-cs.js']) cpSync(join(hooks, f), join(ext, `test-${f}`));
    manifest.background.scripts = ['test-open-options-bg.js', ...manifest.background.scripts];
    // The extension's own X content scripts, also on the test server's /x/ pages (the e2e suite's
    // fixture server and DNS overrides are what it takes to load them on x.com itself).
    const x = manifest.content_scripts.find((cs) => cs.matches.includes('https://x.com/*'));
    manifest.content_scripts = [
      ...(manifest.content_scripts ?? []),
      { matches: ['http://127.0.0.1/*'], js: ['test-open-options-cs.js'] },
      { ...x, matches: ['http://127.0.0.1/x/*'] },
    ];
    manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
    manifest.browser_specific_settings.gecko.id = FIREFOX_TEST_ID;
    id = FIREFOX_TEST_ID;
  }
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir: ext, id };
}

// ---- policies ----------------------------------------------------------------------------------

const created = [];
function removePolicies() {
  rmSync(CHROMIUM_POLICY, { force: true });
  // Firefox's file is ours only when it names nothing but our test add-on.
  try {
    const ext = JSON.parse(readFileSync(FIREFOX_POLICY, 'utf8'))?.policies?.['3rdparty']?.Extensions ?? {};
    if (Object.keys(ext).length === 1 && ext[FIREFOX_TEST_ID]) rmSync(FIREFOX_POLICY, { force: true });
  } catch {
    /* none */
  }
  for (const dir of created.splice(0).reverse()) {
    try {
      if (readdirSync(dir).length === 0) rmdirSync(dir);
    } catch {
      /* gone, or someone else's files in it */
    }
  }
}
process.on('exit', removePolicies); // also when a test throws half-way

/** Writes (or with `values` undefined removes) the policy for the extension `id`. Hold the browser lock. */
export function setPolicy(browser, id, values) {
  if (values === undefined) return removePolicies();
  if (browser === 'chromium') {
    for (const dir of ['/etc/chromium', '/etc/chromium/policies', CHROMIUM_POLICY_DIR]) {
      if (!existsSync(dir)) {
        mkdirSync(dir);
        created.push(dir);
      }
    }
    writeFileSync(CHROMIUM_POLICY, JSON.stringify({ '3rdparty': { extensions: { [id]: values } } }, null, 2));
  } else {
    if (existsSync(FIREFOX_POLICY)) {
      const ext = JSON.parse(readFileSync(FIREFOX_POLICY, 'utf8'))?.policies?.['3rdparty']?.Extensions ?? {};
      if (!(Object.keys(ext).length === 1 && ext[FIREFOX_TEST_ID])) {
        throw new Error(`${FIREFOX_POLICY} exists and is not this test's: not overwriting it`);
      }
    }
    writeFileSync(FIREFOX_POLICY, JSON.stringify({ policies: { '3rdparty': { Extensions: { [id]: values } } } }, null, 2));
  }
  return undefined;
}

// ---- one page API over both drivers ------------------------------------------------------------

/** Collects console errors and uncaught exceptions of a page. */
function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e?.message ?? e}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return errors;
}

/** Polls `fn` until it returns something truthy; a throw counts as not yet (a page still loading). */
async function until(fn, what, timeout = 8000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last: ${last.message})` : ''}`);
    await sleep(50);
  }
}

function common(page, extra) {
  let closed = false;
  const api = {
    raw: page,
    errors: watch(page),
    eval: (fn, arg) => page.evaluate(fn, arg),
    text: (sel) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, sel),
    value: (sel) => page.evaluate((s) => document.querySelector(s).value, sel),
    attr: (sel, name) => page.evaluate(([s, n]) => document.querySelector(s).getAttribute(n), [sel, name]),
    disabled: (sel) => page.evaluate((s) => document.querySelector(s).disabled, sel),
    checked: (sel) => page.evaluate((s) => document.querySelector(s).checked, sel),
    /** Rendered and not hidden (by the attribute, CSS or an ancestor). */
    visible: (sel) =>
      page.evaluate((s) => {
        const el = document.querySelector(s);
        return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      }, sel),
    /** Polls `fn` in the page until it returns something truthy (promises are awaited). */
    waitFor: (fn, arg, what = String(fn), timeout) => until(() => page.evaluate(fn, arg), what, timeout),
    waitForSelector: (sel, timeout) => until(() => page.evaluate((s) => !!document.querySelector(s), sel), sel, timeout),
    ready: () => until(() => page.evaluate(() => document.documentElement.dataset.ready === 'true'), 'the options page to be ready', 15000),
    sleep,
    get closed() {
      return closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      await page.close();
    },
    ...extra,
  };
  return api;
}

function playwrightPage(page) {
  return common(page, {
    click: (sel, { force = false } = {}) => page.click(sel, { force }),
    fill: (sel, v) => page.fill(sel, v),
    check: (sel) => page.check(sel),
    select: (sel, v) => page.selectOption(sel, v),
    focus: (sel) => page.focus(sel),
    type: (text) => page.keyboard.type(text),
    upload: (sel, name, buffer) => page.setInputFiles(sel, { name, mimeType: 'application/json', buffer }),
    reload: () => page.reload(),
    screenshot: (path) => page.screenshot({ path, fullPage: true }),
    colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
  });
}

function puppeteerPage(page, work) {
  let n = 0;
  return common(page, {
    // The locator scrolls the element into view and waits for it to be enabled; forced, a plain
    // click at its centre.
    click: (sel, { force = false } = {}) => (force ? page.$eval(sel, (el) => el.scrollIntoView()).then(() => page.click(sel)) : page.locator(sel).click()),
    // Select what is there, delete it, type the new text: real input events, also for '' (a
    // locator's fill('') fires none in Firefox).
    async fill(sel, v) {
      await page.$eval(sel, (el) => {
        el.scrollIntoView();
        el.focus();
        el.select();
      });
      if (await page.$eval(sel, (el) => el.value !== '')) await page.keyboard.press('Backspace');
      if (v) await page.keyboard.type(v);
    },
    async check(sel) {
      if (!(await page.$eval(sel, (el) => el.checked))) await page.locator(sel).click();
    },
    select: (sel, v) => page.select(sel, v),
    focus: (sel) => page.focus(sel),
    type: (text) => page.keyboard.type(text),
    async upload(sel, name, buffer) {
      const dir = join(work, `upload-${++n}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, name), buffer);
      const input = await page.$(sel);
      await input.uploadFile(join(dir, name));
    },
    reload: () => page.reload(),
    screenshot: (path) => page.screenshot({ path, fullPage: true }),
    colorScheme: null, // WebDriver BiDi has no media emulation in Firefox ESR
  });
}

// ---- sessions ----------------------------------------------------------------------------------

export async function chromiumSession(ext, profile) {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--disable-extensions-except=${ext.dir}`, `--load-extension=${ext.dir}`],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 15000 }));
  const extId = new URL(sw.url()).host;
  if (extId !== ext.id) throw new Error(`the test copy loaded as ${extId}, not ${ext.id} (its manifest key)`);
  let current = null;
  return {
    name: 'chromium',
    version: ctx.browser()?.version() ?? '',
    extId,
    ctx,
    /** Opens the options page in a new tab, closing the one opened before (as in Firefox). */
    /** A new tab on https://x.com, answered by the browser itself with X_STUB (no network). */
    async openX() {
      await ctx.route('https://x.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: X_STUB }));
      const page = await ctx.newPage();
      page.once('close', () => ctx.unroute('https://x.com/**').catch(() => {}));
      await page.goto('https://x.com/home');
      return page;
    },
    async openOptions() {
      await current?.close();
      const page = await ctx.newPage();
      current = playwrightPage(page);
      await page.goto(`chrome-extension://${extId}/options/options.html`);
      await current.ready();
      return current;
    },
    close: () => ctx.close(),
  };
}

export async function firefoxSession(ext, profile, work) {
  const { default: puppeteer } = await import('puppeteer-core');
  // The page the hook content script runs in.
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url.startsWith('/x/')) res.end(X_STUB);
    else res.end('<!doctype html><html lang="en"><title>options hook</title><p>Test page for opening the options page.</p></html>');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, userDataDir: profile });
  try {
    const id = await browser.installExtension(ext.dir);
    if (id !== ext.id) throw new Error(`the test copy installed as ${id}, not ${ext.id}`);
    const hook = await browser.newPage();
    await hook.goto(`http://127.0.0.1:${server.address().port}/`);
    await until(() => hook.evaluate(() => document.readyState === 'complete'), 'the hook page');
    let current = null;
    return {
      name: 'firefox',
      version: await browser.version(),
      extId: id,
      /** Opens the options page through the hooks, closing the one opened before: runtime.openOptionsPage() would only focus it. */
      async openOptions() {
        await current?.close();
        const before = new Set(await browser.pages());
        const answer = await until(
          () =>
            hook.evaluate(
              () =>
                new Promise((resolve) => {
                  const done = (e) => {
                    if (e.data?.type !== 'st-test-open-options-done') return;
                    removeEventListener('message', done);
                    resolve(e.data.answer);
                  };
                  addEventListener('message', done);
                  postMessage({ type: 'st-test-open-options' }, '*');
                  setTimeout(() => resolve(null), 1000); // the content script was not there yet
                }),
            ),
          'the hook to open the options page',
        );
        if (answer !== 'opened') throw new Error(`runtime.openOptionsPage(): ${answer}`);
        const page = await until(async () => (await browser.pages()).find((p) => !before.has(p)), 'the options tab');
        current = puppeteerPage(page, work);
        await current.ready();
        return current;
      },
      /** A new tab on the stand-in for X, with the extension's X content scripts. */
      async openX() {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${server.address().port}/x/home`);
        return page;
      },
      async close() {
        await browser.close().catch(() => {});
        server.close();
      },
    };
  } catch (e) {
    await browser.close().catch(() => {});
    server.close();
    throw e;
  }
}

export const openSession = (browser, ext, profile, work) => (browser === 'chromium' ? chromiumSession(ext, profile) : firefoxSession(ext, profile, work));
