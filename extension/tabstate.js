// The state of the last check in each tab, for the toolbar popup. The content script says which
// site it is on when it starts and the badge state after each check; the popup asks for its tab's.
// Kept in memory and in storage.session (the service worker can be stopped between the two;
// storage.session is never written to disk). Never any post text: the site, the state, how many
// findings, their rule ids and the time.
//
//   content script -> {type: 'second-thought-tab-state', site, state, findings, rules}   (no answer)
//   popup          -> {type: 'second-thought-tab-info', tabId}  -> {entry: {site, state, findings, rules, at} | null}
//
// state: null (nothing checked yet on this page) | 'clear' | 'warn' | 'stop' | 'unavailable'.

const api = globalThis.browser ?? globalThis.chrome;

export const SITES = ['x', 'facebook', 'linkedin'];
export const STATES = ['clear', 'warn', 'stop', 'unavailable'];
const PREFIX = 'tab:';

/** The entry to keep for a content script's message, or null when the message is not one. */
export function entryOf(m, now = Date.now()) {
  if (!m || !SITES.includes(m.site)) return null;
  const state = STATES.includes(m.state) ? m.state : null;
  if (m.state != null && state === null) return null;
  const findings = Number.isInteger(m.findings) && m.findings >= 0 ? Math.min(m.findings, 999) : 0;
  const rules = Array.isArray(m.rules)
    ? [...new Set(m.rules.filter((r) => typeof r === 'string' && /^[a-z0-9-]{1,64}$/.test(r)))].slice(0, 32)
    : [];
  return { site: m.site, state, findings: state ? findings : 0, rules: state ? rules : [], at: now };
}

export function installTabState() {
  const memory = new Map(); // tabId -> entry
  const session = () => api?.storage?.session ?? null;

  async function put(tabId, entry) {
    memory.set(tabId, entry);
    try {
      await session()?.set({ [PREFIX + tabId]: entry });
    } catch {
      // memory only
    }
  }
  async function get(tabId) {
    if (memory.has(tabId)) return memory.get(tabId);
    try {
      const got = await session()?.get(PREFIX + tabId);
      const entry = got?.[PREFIX + tabId] ?? null;
      if (entry) memory.set(tabId, entry);
      return entry;
    } catch {
      return null;
    }
  }
  function drop(tabId) {
    memory.delete(tabId);
    session()
      ?.remove(PREFIX + tabId)
      ?.catch?.(() => {});
  }

  const ownPage = (sender) => {
    try {
      return String(sender?.url ?? '').startsWith(api.runtime.getURL(''));
    } catch {
      return false;
    }
  };

  api?.runtime?.onMessage?.addListener((m, sender, sendResponse) => {
    if (m?.type === 'second-thought-tab-state') {
      const tabId = sender?.tab?.id;
      const entry = entryOf(m);
      if (typeof tabId === 'number' && tabId >= 0 && entry && !ownPage(sender)) put(tabId, entry);
      return false;
    }
    if (m?.type === 'second-thought-tab-info' && ownPage(sender)) {
      const tabId = Number(m.tabId);
      if (!Number.isInteger(tabId) || tabId < 0) {
        sendResponse({ entry: null });
        return false;
      }
      get(tabId).then(
        (entry) => sendResponse({ entry }),
        () => sendResponse({ entry: null }),
      );
      return true;
    }
    return false;
  });
  api?.tabs?.onRemoved?.addListener((tabId) => drop(tabId));
  return { get, put };
}
