// One interface over two drivers, so the same specs run in headless Chromium (playwright-core,
// the extension loaded with --load-extension) and Firefox ESR (puppeteer-core over WebDriver
// BiDi, the extension installed as a temporary add-on). Both use the Debian binaries and are
// told that the fixture hosts live on 127.0.0.1 (see TOOLCHAIN.md in the shared notes).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTS } from './server.mjs';

const VIEWPORT = { width: 1200, height: 900 };
const TYPE_DELAY_MS = 8;

/** The page API the specs use. */
function wrap(page, extra = {}) {
  let loads = 0;
  return {
    goto: (url) => {
      loads++;
      return page.goto(url, { waitUntil: 'load', timeout: 20000 });
    },
    /** How many times goto() was called. */
    get loads() {
      return loads;
    },
    eval: (fn, arg) => page.evaluate(fn, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text, { delay: TYPE_DELAY_MS }),
    /** 'Enter', 'Control+Enter', 'Shift+Tab', ... */
    async press(combo) {
      const keys = combo.split('+');
      const key = keys.pop();
      for (const m of keys) await page.keyboard.down(m);
      await page.keyboard.press(key);
      for (const m of keys.reverse()) await page.keyboard.up(m);
    },
    screenshot: (path) => page.screenshot({ path }),
    bringToFront: () => page.bringToFront(),
    /** Sets prefers-color-scheme ('light' | 'dark') for this page; null where the driver cannot (Firefox over BiDi). */
    colorScheme: typeof page.emulateMedia === 'function' ? (scheme) => page.emulateMedia({ colorScheme: scheme }) : null,
    close: () => page.close(),
    ...extra,
  };
}

/**
 * The browsers run in a time zone where it is about 22:00 now, so that the work-time rule (which
 * reads the clock) stays quiet through a run whatever the hour on the machine: the specs judge a
 * post by its content. (Etc/GMT-N is UTC+N.)
 */
export function offHoursEnv(now = new Date()) {
  const offset = ((22 - now.getUTCHours() + 36) % 24) - 12; // -12..11
  const TZ = offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  return { ...process.env, TZ };
}

export async function chromiumSession(extDir, port) {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'st-e2e-chromium-'));
  // Every host name resolves to the fixture server: the fixture hosts to serve the pages, any
  // other so that a request nobody expected shows up in the server's log instead of the web.
  const rules = [...Object.keys(HOSTS).map((h) => `MAP ${h} 127.0.0.1:${port}`), `MAP * 127.0.0.1:${port}`, 'EXCLUDE localhost'];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: VIEWPORT,
    env: offHoursEnv(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      `--host-resolver-rules=${rules.join(', ')}`,
      '--ignore-certificate-errors',
    ],
  });
  // Every request a page or the extension's service worker makes (the browser's own background
  // traffic is not in here; the fixture server's log has that too).
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), from: r.serviceWorker() ? 'extension' : 'page' }));
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15000 }).catch(async (e) => {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
      throw new Error(`the extension in ${extDir} did not start (no service worker): Chromium refused to load it? ` +
        `(load it by hand in chrome://extensions to see why, e.g. _locales without default_locale) — ${e.message}`);
    }));
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = []; // console errors and uncaught exceptions (the page's and the content scripts')
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e?.message ?? e)));
  const version = context.browser()?.version?.() ?? '';
  return {
    name: 'chromium',
    version,
    extensionId: new URL(worker.url()).host,
    extensionDir: extDir,
    requests,
    problems,
    page: wrap(page, {
      /** A real input-method composition (CDP), then Enter while it is composing. */
      async imeEnter() {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Input.imeSetComposition', { text: 'に', selectionStart: 1, selectionEnd: 1 });
        await page.keyboard.press('Enter');
        await cdp.send('Input.insertText', { text: '' });
        await cdp.detach();
      },
    }),
    /** A CDP session on the page (benches/node/browser.mjs profiles the page with it). */
    cdp: () => context.newCDPSession(page),
    /** Stops the extension's service worker, as the browser does when it is idle. */
    async stopWorker() {
      const cdp = await context.newCDPSession(page);
      try {
        const { targetInfos } = await cdp.send('Target.getTargets');
        const sw = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
        for (const t of sw) await cdp.send('Target.closeTarget', { targetId: t.targetId });
        return sw.length > 0;
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    /** An extension page (e.g. 'popup/popup.html?tab=3') in a tab of its own. */
    async extensionPage(path) {
      const p = await context.newPage();
      p.on('console', (m) => m.type() === 'error' && problems.push(`${path}: ${m.text()}`));
      p.on('pageerror', (e) => problems.push(`${path}: ${String(e?.message ?? e)}`));
      await p.goto(`chrome-extension://${new URL(worker.url()).host}/${path}`, { waitUntil: 'load', timeout: 20000 });
      return wrap(p);
    },
    async setStorage(values) {
      await worker.evaluate((v) => chrome.storage.sync.set(v), values);
      return true;
    },
    async clearStorage() {
      await worker.evaluate(() => chrome.storage.sync.clear());
      return true;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Writes storage.sync through the test-only content script hooks/settings-hook.js. */
async function viaHook(page, request) {
  const onFixture = await page.evaluate(() => location.protocol === 'https:').catch(() => false);
  if (!onFixture) await page.goto('https://x.com/e2e-settings', { waitUntil: 'load' });
  const answer = await page.evaluate(
    (r) =>
      new Promise((resolve) => {
        const id = String(Math.random());
        const reply = (e) => {
          if (e.data?.type === 'second-thought-e2e-settings-done' && e.data.id === id) {
            removeEventListener('message', reply);
            resolve({ error: e.data.error, value: e.data.value });
          }
        };
        addEventListener('message', reply);
        postMessage({ type: 'second-thought-e2e-settings', id, ...r }, '*');
        setTimeout(() => resolve({ error: 'no answer from the settings hook' }), 3000);
      }),
    request,
  );
  if (answer.error) throw new Error(`settings hook: ${answer.error}`);
  if (request.read) return JSON.parse(answer.value ?? 'null') ?? 0; // a counter
  return true;
}

// The add-on's moz-extension:// host, fixed so that the specs can open its pages (the popup).
const FIREFOX_EXTENSION_UUID = '5ec0d7a0-0b5e-4c1e-9a7e-2c0a5ec0d7a0';

export async function firefoxSession(extDir, { withHooks = false } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'st-e2e-firefox-'));
  const gecko = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    env: offHoursEnv(),
    // Lets the driver navigate a tab to the add-on's own pages (moz-extension://), which WebDriver
    // BiDi refuses otherwise. The add-on is unchanged; only the driver may go further.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [gecko]: FIREFOX_EXTENSION_UUID }),
      'network.dns.localDomains': Object.keys(HOSTS).join(','),
      'network.trr.mode': 5,
      'extensions.webextensions.remote': true,
      // With the hooks: suspend an idle background after 1 s instead of 30 s.
      ...(withHooks ? { 'extensions.background.idle.timeout': 1000 } : {}),
    },
  });
  const extensionId = await browser.installExtension(extDir);
  // A new tab: the first one (about:blank) never has the window's focus in headless Firefox, so
  // focus events would not fire on clicks and editors would not know they were focused.
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const requests = []; // the page's requests (an add-on's background is out of the driver's sight)
  page.on('request', (r) => requests.push({ url: r.url(), from: 'page' }));
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e?.message ?? e)));
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    extensionId,
    extensionDir: extDir,
    requests,
    problems,
    page: wrap(page, { imeEnter: null }),
    /** An extension page (e.g. 'popup/popup.html?tab=3') in a tab of its own. */
    async extensionPage(path) {
      const p = await browser.newPage();
      p.on('console', (m) => m.type() === 'error' && problems.push(`${path}: ${m.text()}`));
      p.on('pageerror', (e) => problems.push(`${path}: ${String(e?.message ?? e)}`));
      const url = `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`;
      // The page loads in the extension process, where puppeteer does not see its load event:
      // start the navigation, then wait until the page is there.
      p.goto(url).catch(() => {});
      const end = Date.now() + 20000;
      for (;;) {
        const here = await p.evaluate(() => document.readyState === 'complete' && location.href).catch(() => null);
        if (here === url) break;
        if (Date.now() > end) throw new Error(`${url} did not load`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return wrap(p);
    },
    // Only with the test copy that carries hooks/settings-hook.js and hooks/background-probe.js
    // (see run.mjs), in a browser whose event pages go idle after 1 s.
    setStorage: withHooks ? (values) => viaHook(page, { json: JSON.stringify(values) }) : null,
    clearStorage: withHooks ? () => viaHook(page, { json: null }) : null,
    backgroundStarts: withHooks ? () => viaHook(page, { read: 'e2eBackgroundStarts' }) : null,
    /** Lets Firefox suspend the idle event page (the idle timeout is 1 s in this session). */
    stopWorker: withHooks ? async () => (await new Promise((r) => setTimeout(r, 2500)), true) : null,
    async close() {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
