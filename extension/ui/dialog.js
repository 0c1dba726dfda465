// <second-thought-dialog>: the hold dialog. One element (open shadow root) holding a modal
// <dialog> in the top layer, so it sits above the site and the rest of the page is inert while
// it is open. Buttons carry data-action: "edit" (the default, also Esc), "post-anyway", and
// for angry-tone "remind". Exactly one of onEdit / onPostAnyway / onRemind is called.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  ST.ui ??= {};
  if (ST.ui.openHoldDialog) return;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  let openNow = null;

  /**
   * @param {{findings: object[], coolOff: boolean, onEdit: () => void, onPostAnyway: () => void,
   *          onRemind?: () => void}} opts
   * @returns {{close: () => void}}
   */
  ST.ui.openHoldDialog = (opts) => {
    openNow?.close();
    const host = document.createElement('second-thought-dialog');
    const root = host.attachShadow({ mode: 'open' });
    ST.ui.styles.adopt(root, ST.ui.styles.DIALOG);
    ST.ui.contain(host);

    const dialog = el('dialog', 'st');
    dialog.setAttribute('aria-labelledby', 'st-title');
    dialog.setAttribute('aria-describedby', 'st-lead');
    const h1 = el('h1', '', "If in doubt, don't publish.");
    h1.id = 'st-title';
    const stops = opts.findings.filter((f) => f.severity === 'stop').length;
    const lead = el(
      'p',
      'lead',
      stops
        ? "This post has something your organisation's social media policy does not allow:"
        : "This post has something your organisation's social media policy asks you to think twice about:",
    );
    lead.id = 'st-lead';
    const list = el('ul');
    for (const f of opts.findings) {
      const li = el('li', `sev-${f.severity}`);
      li.setAttribute('data-rule', f.rule);
      li.append(
        el('q', 'excerpt', ST.ui.excerptText(f.excerpt)),
        el('span', 'message', f.message ?? ''),
        el('span', 'clause', `${ST.ui.clauseText(f)}${f.title ? ` · ${f.title}` : ''}`),
      );
      list.append(li);
    }
    const actions = el('div', 'actions');
    const button = (action, text) => {
      const b = el('button', '', text);
      b.type = 'button';
      b.setAttribute('data-action', action);
      return b;
    };
    const edit = button('edit', 'Edit post');
    edit.autofocus = true;
    const anyway = button('post-anyway', 'Post anyway');
    const buttons = [edit];
    if (opts.coolOff) buttons.push(button('remind', 'Remind me in 10 minutes'));
    buttons.push(anyway);
    actions.append(...buttons.reverse());
    dialog.append(h1, lead, list, actions);
    root.append(dialog);

    let done = false;
    const finish = (what) => {
      if (done) return;
      done = true;
      if (openNow === handle) openNow = null;
      try {
        if (dialog.open) dialog.close();
      } catch {
        /* ignore */
      }
      host.remove();
      const cb = what === 'post-anyway' ? opts.onPostAnyway : what === 'remind' ? opts.onRemind : opts.onEdit;
      try {
        cb?.();
      } catch (e) {
        console.error('Second Thought:', e);
      }
    };
    actions.addEventListener('click', (e) => {
      const b = e.target.closest?.('button[data-action]');
      if (b) finish(b.getAttribute('data-action'));
    });
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault(); // Esc means Edit
      finish('edit');
    });
    dialog.addEventListener('close', () => finish('edit'));

    document.documentElement.append(host);
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute('open', '');
    }
    edit.focus();
    const handle = { close: () => finish('edit'), element: host };
    openNow = handle;
    return handle;
  };

  ST.ui.dialogOpen = () => openNow !== null;
})();
