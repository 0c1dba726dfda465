// Second Thought's toolbar popup: for the current tab, whether Second Thought watches the site,
// the account mode set for that site (storage.sync `modes`), the state of the last check there
// (kept by the background, see ../tabstate.js), a way to report the page to the manager and the
// way to the settings. No "tabs" permission: the tab's address is visible only on the sites the
// extension has host permissions for, which are exactly the sites it watches.
//
// popup.html?tab=ID describes tab ID instead of the active tab (used by the end-to-end tests,
// which open the popup as a page in a tab of its own).
//
// Automation contract: #page carries data-watched ("true" | "false") and data-site; #mode
// data-mode ("personal" | "work"); #state data-state ("none" | "clear" | "warn" | "stop" |
// "unavailable") and data-findings; <html data-ready="true"> once drawn.

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function t(key, fallback, subs = []) {
  let s = '';
  try {
    s = api.i18n.getMessage(key, subs.map(String));
  } catch {
    // no i18n: the English below
  }
  return s || subs.reduce((out, sub, i) => out.replaceAll(`$${i + 1}`, String(sub)), fallback);
}

function localise() {
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const s = t(node.dataset.i18n, '');
    if (s) node.textContent = s;
  }
}

const SITE_NAMES = { x: ['siteX', 'X / Twitter'], facebook: ['siteFacebook', 'Facebook'], linkedin: ['siteLinkedIn', 'LinkedIn'] };
const siteName = (site) => t(...(SITE_NAMES[site] ?? ['', site]));

/** host -> site, from the manifest's content scripts (content/sites/<site>.js and their matches). */
function watchedHosts() {
  const hosts = new Map();
  for (const cs of api.runtime.getManifest().content_scripts ?? []) {
    // Firefox gives the scripts as full moz-extension:// URLs, Chrome as paths.
    const site = (cs.js ?? []).map((f) => /(?:^|\/)content\/sites\/([a-z]+)\.js$/.exec(f)?.[1]).find(Boolean);
    if (!site) continue;
    for (const m of cs.matches ?? []) {
      const host = /^https:\/\/([^/*]+)\/\*$/.exec(m)?.[1];
      if (host) hosts.set(host, site);
    }
  }
  return hosts;
}

function siteOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? (watchedHosts().get(u.hostname) ?? null) : null;
  } catch {
    return null; // no address: not a site we may see, so not one we watch
  }
}

async function targetTab() {
  const wanted = new URLSearchParams(location.search).get('tab');
  if (wanted !== null && /^\d+$/.test(wanted)) return api.tabs.get(Number(wanted));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = !text;
}

function renderMode(site, modes) {
  const mode = modes?.[site] === 'work' ? 'work' : 'personal';
  const el = $('mode');
  el.dataset.mode = mode;
  el.textContent = mode === 'work' ? t('modeWork', 'Work') : t('modePersonal', 'Personal');
}

function renderState(entry, site) {
  const el = $('state');
  // A state the content script reported for another site (the tab has moved on) is not this page's.
  const state = entry && entry.site === site && entry.state ? entry.state : 'none';
  const n = state === 'none' ? 0 : (entry.findings ?? 0);
  el.dataset.state = state;
  el.dataset.findings = String(n);
  const findings = n === 1 ? t('popupOneFinding', '1 finding') : t('popupFindings', '$1 findings', [n]);
  const text = {
    none: t('popupStateNone', 'Nothing checked on this page yet'),
    clear: t('popupStateClear', 'No problems found'),
    warn: t('popupStateWarn', 'Check before posting: $1', [findings]),
    stop: t('popupStateStop', 'If in doubt, don’t publish: $1', [findings]),
    unavailable: t('popupStateUnavailable', 'Checks unavailable: the checker could not run'),
  }[state];
  el.textContent = text;
}

async function askState(tabId) {
  try {
    const reply = await api.runtime.sendMessage({ type: 'second-thought-tab-info', tabId });
    return reply?.entry ?? null;
  } catch {
    return null;
  }
}

async function main() {
  localise();
  $('options').addEventListener('click', async () => {
    try {
      await api.runtime.openOptionsPage();
      window.close();
    } catch (e) {
      showError(String(e?.message ?? e));
    }
  });

  let tab = null;
  try {
    tab = await targetTab();
  } catch {
    tab = null;
  }
  const site = siteOf(tab?.url);
  const page = $('page');
  page.dataset.watched = String(!!site);
  page.dataset.site = site ?? '';
  page.textContent = site
    ? t('popupWatched', 'Second Thought checks your posts on $1 in this tab.', [siteName(site)])
    : t('popupNotWatched', 'Second Thought does not check this page. It checks posts on X / Twitter, Facebook and LinkedIn.');

  if (site) {
    $('details').hidden = false;
    $('mode-hint').hidden = false;
    const { modes } = await api.storage.sync.get('modes');
    renderMode(site, modes);
    renderState(await askState(tab.id), site);

    const report = $('report');
    report.hidden = false;
    report.addEventListener('click', async () => {
      showError('');
      try {
        const reply = await api.runtime.sendMessage({ type: 'second-thought-report', pageUrl: tab.url, tabId: tab.id });
        if (reply?.error) showError(t('popupReportError', 'Could not write the email: $1', [reply.error]));
        else window.close();
      } catch (e) {
        showError(t('popupReportError', 'Could not write the email: $1', [e?.message ?? e]));
      }
    });

    // Live: the mode changed in the settings, or a new check in the tab.
    api.storage.onChanged.addListener(async (changes, area) => {
      if (area === 'sync' && 'modes' in changes) renderMode(site, changes.modes.newValue);
      if (area === 'session' && `tab:${tab.id}` in changes) renderState(changes[`tab:${tab.id}`].newValue ?? null, site);
    });
  }
  document.documentElement.dataset.ready = 'true';
}

main().catch((e) => {
  showError(String(e?.message ?? e));
  document.documentElement.dataset.ready = 'true';
});
