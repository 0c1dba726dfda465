// <second-thought-reminder>: the privacy reminder (policy sections 2 and 3: "ensure that there
// are appropriate privacy controls on your Facebook page and other social media sites"). Shown
// on a site the first time an editor is watched there, until the user dismisses it or follows
// its link; then never again for that site (a flag per site in storage.sync `privacyReminded`,
// e.g. {x: true}). It sits in a corner, outside the page (a child of <html>, open shadow root),
// never takes the focus and never covers the editor's keyboard input.
//
// Automation contract: data-site on the element; in its shadow root a[data-action="privacy-settings"]
// (the site's privacy settings page) and button[data-action="dismiss"].
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  ST.ui ??= {};
  if (ST.ui.privacyReminder) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const KEY = 'privacyReminded';

  const SETTINGS = {
    x: { url: 'https://x.com/settings/privacy_and_safety', name: 'X' },
    facebook: { url: 'https://www.facebook.com/settings?tab=privacy', name: 'Facebook' },
    linkedin: { url: 'https://www.linkedin.com/mypreferences/d/categories/privacy', name: 'LinkedIn' },
  };

  const CSS = `
:host { all: initial; position: fixed; z-index: 2147483645; left: 16px; bottom: 16px; display: block; }
* { box-sizing: border-box; }
.box {
  width: 300px; max-width: calc(100vw - 32px); padding: 12px 14px; border-radius: 10px;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  background: #ffffff; color: #1f2328; border: 1px solid #8a8a99; box-shadow: 0 4px 18px rgba(0,0,0,.22);
}
h2 { font-size: 14px; margin: 0 0 4px; }
p { margin: 0 0 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
a { color: #0b57d0; font-weight: 600; }
button {
  font: inherit; cursor: pointer; border-radius: 14px; padding: 4px 12px; font-weight: 600;
  background: #ffffff; color: #1f2328; border: 1px solid #5f6368;
}
a:focus-visible, button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .box { background: #222229; color: #ececf1; border-color: #7d7d8c; }
  a { color: #8cbcff; }
  button { background: #222229; color: #ececf1; border-color: #b9b9c6; }
  a:focus-visible, button:focus-visible { outline-color: #8cbcff; }
}
@media (prefers-reduced-motion: no-preference) {
  .box { animation: in .2s ease-out; }
  @keyframes in { from { opacity: 0; transform: translateY(8px); } }
}
`;

  const msg = (key, fallback, subs = []) => {
    let s = '';
    try {
      s = api.i18n.getMessage(key, subs);
    } catch {
      // no i18n
    }
    return s || subs.reduce((out, sub, i) => out.replaceAll(`$${i + 1}`, sub), fallback);
  };
  const el = (tag, text) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  let asked = false; // once per page: the first editor asks, the rest need not
  let current = null;

  async function dismissed(site) {
    const got = await api.storage.sync.get(KEY);
    return got?.[KEY]?.[site] === true;
  }
  async function remember(site) {
    const got = await api.storage.sync.get(KEY);
    const flags = got?.[KEY] && typeof got[KEY] === 'object' ? got[KEY] : {};
    await api.storage.sync.set({ [KEY]: { ...flags, [site]: true } });
  }

  function show(site) {
    const s = SETTINGS[site];
    const host = document.createElement('second-thought-reminder');
    host.setAttribute('data-site', site);
    const root = host.attachShadow({ mode: 'open' });
    ST.ui.styles?.adopt(root, CSS);
    ST.ui.contain?.(host);

    const box = el('section');
    box.className = 'box';
    box.setAttribute('aria-labelledby', 'st-reminder-title');
    const title = el('h2', msg('reminderTitle', 'Check your privacy settings'));
    title.id = 'st-reminder-title';
    const text = el(
      'p',
      msg(
        'reminderText',
        'Your organisation’s social media policy asks you to set appropriate privacy controls on your $1 account, so that a post does not get you or the organisation into trouble.',
        [s.name],
      ),
    );
    const link = el('a', msg('reminderLink', 'Open $1 privacy settings', [s.name]));
    link.href = s.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.setAttribute('data-action', 'privacy-settings');
    const dismiss = el('button', msg('reminderDismiss', 'Dismiss'));
    dismiss.type = 'button';
    dismiss.setAttribute('data-action', 'dismiss');
    dismiss.setAttribute('aria-label', msg('reminderDismissLabel', 'Dismiss the privacy reminder for $1', [s.name]));
    const actions = el('div');
    actions.className = 'actions';
    actions.append(link, dismiss);
    box.append(title, text, actions);
    root.append(box);

    const done = () => {
      host.remove();
      if (current === host) current = null;
      remember(site).catch((e) => console.debug('Second Thought: could not remember the reminder', e));
    };
    dismiss.addEventListener('click', done);
    link.addEventListener('click', done); // followed: the user has seen it
    document.documentElement.append(host); // no focus(): typing goes on where it was
    current = host;
  }

  /** Shows the reminder for `site` unless it was dismissed there before. */
  ST.ui.privacyReminder = (site) => {
    if (asked || !SETTINGS[site]) return;
    asked = true;
    dismissed(site).then(
      (yes) => {
        if (!yes && !current) show(site);
      },
      () => {
        /* storage unreadable: no reminder rather than one that cannot be dismissed */
      },
    );
    try {
      // Dismissed in another tab: go here too.
      api.storage.onChanged.addListener((changes, area) => {
        if (area === 'sync' && KEY in changes && changes[KEY].newValue?.[site] === true && current) {
          current.remove();
          current = null;
        }
      });
    } catch {
      /* no storage events */
    }
  };
})();
