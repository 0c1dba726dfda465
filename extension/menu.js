// "Report to my manager…": the context-menu item on the three sites (policy sections 2 and 3:
// harassment by a colleague, content about the organisation, a mistake of your own are to be
// reported to the manager). It writes an email for the user to send: a `mailto:` link addressed
// to the manager's email in the policy pack in force, with the page's address and the selected
// text. The extension sends nothing itself: the browser hands the link to the mail client. With
// no manager's email in the pack, the options page opens at the field to fill in.
//
// Messages from the extension's own pages (the popup), answered with sendResponse:
//   {type: 'second-thought-report-link', pageUrl, selectionText} -> {url} | {error}
//   {type: 'second-thought-report', pageUrl, selectionText, tabId?} -> {opened: 'mailto' | 'options'} | {error}

const api = globalThis.browser ?? globalThis.chrome;

export const MENU_ID = 'second-thought-report';
/** Longest link handed to the mail client (some clients and Windows cut links at ~2,000). */
export const MAX_LINK = 2000;
const MAX_SELECTION = 1000; // UTF-16 units of selected text, before the link-length limit
const MAX_PAGE_URL = 800;
const OPTIONS_NOTE = 'options/options.html#no-manager-email';

/** An extension string from _locales, or the English given when there is none (tests, Node). */
function msg(key, fallback, subs = []) {
  let s = '';
  try {
    s = api?.i18n?.getMessage(key, subs) ?? '';
  } catch {
    // no i18n here
  }
  if (s) return s;
  return subs.reduce((out, sub, i) => out.replaceAll(`$${i + 1}`, sub), fallback);
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The manager named by a policy pack (JSON string or object): {email, title}; email null when unset or not an address. */
export function managerOf(pack) {
  let p = pack;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      p = null;
    }
  }
  const m = p?.organisation?.manager ?? {};
  const email = typeof m.email === 'string' && EMAIL.test(m.email.trim()) ? m.email.trim() : null;
  const title = typeof m.title === 'string' && m.title.trim() ? m.title.trim() : null;
  return { email, title };
}

/** `s` cut to at most `max` UTF-16 units without splitting a surrogate pair, with "…" when cut. */
function cut(s, max) {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** Lone surrogates (which encodeURIComponent refuses) as U+FFFD. */
const wellFormed = (s) =>
  typeof s.toWellFormed === 'function'
    ? s.toWellFormed()
    : s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Percent-encoding for a mailto header value (RFC 6068): line breaks as %0D%0A. */
const encode = (s) => encodeURIComponent(wellFormed(s).replace(/\r\n?|\n/g, '\r\n'));

/**
 * The mailto: link reporting `pageUrl` (and `selection`, if any) to `email`. Null when the email
 * is not an address. The link is at most MAX_LINK characters: a long selection is shortened.
 * @param {{email: string, managerTitle?: string|null, pageUrl?: string, selection?: string}} what
 */
export function reportLink({ email, managerTitle, pageUrl, selection }) {
  if (typeof email !== 'string' || !EMAIL.test(email)) return null;
  const [local, domain] = [email.slice(0, email.lastIndexOf('@')), email.slice(email.lastIndexOf('@') + 1)];
  const to = `${encodeURIComponent(local)}@${domain}`;
  const page = cut(String(pageUrl ?? '').trim(), MAX_PAGE_URL);
  const manager = managerTitle || msg('reportManagerDefault', 'manager');
  const subject = msg('reportSubject', 'Social media: reporting something to the $1', [manager]);
  const build = (sel) => {
    const lines = [
      msg('reportGreeting', 'Hello,'),
      '',
      msg('reportIntro', 'I am reporting something I saw on social media, as our social media policy asks (sections 2 and 3).'),
      '',
      `${msg('reportPage', 'Page:')} ${page}`,
    ];
    if (sel) lines.push('', msg('reportSelection', 'Selected text:'), sel);
    lines.push('', msg('reportWhy', 'Why I am reporting it:'), '', '');
    return `mailto:${to}?subject=${encode(subject)}&body=${encode(lines.join('\n'))}`;
  };
  const sel = cut(String(selection ?? '').trim(), MAX_SELECTION);
  let link = build(sel);
  if (link.length > MAX_LINK && sel) {
    // Non-ASCII text grows up to 9 times when encoded: the longest shortened selection that fits.
    let lo = 0; // fits (no selection at all)
    let hi = sel.length; // does not fit
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (build(cut(sel, mid)).length <= MAX_LINK) lo = mid;
      else hi = mid;
    }
    link = build(lo > 1 ? cut(sel, lo) : '');
  }
  return link.length <= MAX_LINK ? link : null;
}

/** The hosts' URL patterns the menu shows on: the content scripts' (the three sites). */
export function documentPatterns(manifest) {
  const out = new Set();
  for (const cs of manifest?.content_scripts ?? []) for (const m of cs.matches ?? []) out.add(m);
  return [...out];
}

/**
 * Registers the menu and its handlers. `getPackJson` resolves to the policy pack in force (JSON).
 * Tolerates a browser without context menus (nothing to register) or tabs.
 */
export function installMenu(getPackJson) {
  const menus = api?.contextMenus ?? api?.menus;

  async function manager() {
    try {
      return managerOf(await getPackJson());
    } catch (e) {
      // The checker could not load: fall back to a stored pack, if any.
      console.warn('Second Thought: no policy pack from the checker for the report link', e);
      try {
        const { pack } = await api.storage.sync.get('pack');
        return managerOf(pack);
      } catch {
        return { email: null, title: null };
      }
    }
  }

  async function linkFor(pageUrl, selectionText) {
    const m = await manager();
    if (!m.email) return { error: 'no-manager-email' };
    const url = reportLink({ email: m.email, managerTitle: m.title, pageUrl, selection: selectionText });
    return url ? { url } : { error: 'no-manager-email' };
  }

  async function report(pageUrl, selectionText, tab) {
    const got = await linkFor(pageUrl, selectionText);
    const near = typeof tab?.id === 'number' && tab.id >= 0 ? { openerTabId: tab.id } : {};
    if (got.url) {
      // A new tab, not the page's own: if no mail client takes the link, the post being
      // written on the page is still there.
      await api.tabs.create({ url: got.url, ...near });
      return { opened: 'mailto' };
    }
    await api.tabs.create({ url: api.runtime.getURL(OPTIONS_NOTE), ...near });
    return { opened: 'options' };
  }

  function create() {
    if (!menus?.create) return;
    const item = {
      id: MENU_ID,
      title: msg('reportMenu', 'Report to my manager…'),
      contexts: ['selection', 'page'],
      documentUrlPatterns: documentPatterns(api.runtime.getManifest?.()),
    };
    const made = () =>
      menus.create(item, () => {
        // Reading lastError marks it handled (e.g. an item that survived a restart).
        void api.runtime.lastError;
      });
    try {
      const removed = menus.removeAll?.();
      if (removed && typeof removed.then === 'function') removed.then(made, made);
      else made();
    } catch (e) {
      console.warn('Second Thought: could not add the report menu item', e);
    }
  }

  api?.runtime?.onInstalled?.addListener(create);
  api?.runtime?.onStartup?.addListener(create);
  menus?.onClicked?.addListener((info, tab) => {
    if (info?.menuItemId !== MENU_ID) return;
    report(info.pageUrl ?? tab?.url, info.selectionText, tab).catch((e) =>
      console.error('Second Thought: could not open the report email', e),
    );
  });

  /** The extension's own pages (the popup), not content scripts. */
  const fromOwnPage = (sender) => {
    try {
      return String(sender?.url ?? '').startsWith(api.runtime.getURL(''));
    } catch {
      return false;
    }
  };
  api?.runtime?.onMessage?.addListener((m, sender, sendResponse) => {
    if (m?.type !== 'second-thought-report-link' && m?.type !== 'second-thought-report') return false;
    if (!fromOwnPage(sender)) return false;
    const pageUrl = typeof m.pageUrl === 'string' ? m.pageUrl : '';
    const sel = typeof m.selectionText === 'string' ? m.selectionText : '';
    const tab = Number.isInteger(m.tabId) ? { id: m.tabId } : null; // the page reported, for openerTabId
    const work = m.type === 'second-thought-report-link' ? linkFor(pageUrl, sel) : report(pageUrl, sel, tab);
    work.then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
    return true; // answered asynchronously
  });

  return { linkFor, report, create };
}
