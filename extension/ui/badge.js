// <second-thought-badge>: one per watched editor, outside the editor (a child of <html>, placed
// over the editor's corner with fixed positioning). Its attributes are the automation contract:
//   data-state  clear | warn | stop | unavailable     data-rules  space-separated rule ids
//   data-site   x | facebook | linkedin                data-box    post | reply | comment | thread
//   data-for    a CSS selector that finds the editor it belongs to
// Everything it shows is set with textContent: text from the page is never parsed as HTML.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  ST.ui ??= {};
  if (ST.ui.createBadge) return;

  const LABEL = {
    clear: 'No problems found',
    warn: 'Check before posting',
    stop: "If in doubt, don't publish",
    unavailable: 'Checks unavailable',
  };
  const SHORT = { clear: '', warn: 'Check', stop: 'Stop', unavailable: 'Checks unavailable' };

  // Events that must not reach the page from inside our UI (site shortcuts, "click outside"
  // handlers that would close the site's composer, focus traps).
  const CONTAINED = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'mousedown', 'mouseup', 'click',
    'dblclick', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'focusin', 'focusout', 'wheel'];
  ST.ui.contain = (host) => {
    for (const t of CONTAINED) host.addEventListener(t, (e) => e.stopPropagation());
  };

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  /** Plain-language clause reference. */
  ST.ui.clauseText = (f) => (f.clause ? `Policy clause ${f.clause}` : 'Policy');

  /** The flagged text, shortened for display. */
  ST.ui.excerptText = (s) => {
    const one = String(s ?? '').replace(/\s+/g, ' ').trim();
    return one.length > 90 ? `${one.slice(0, 87)}…` : one;
  };

  /**
   * @param {{site: string, box: string, onIgnore: (f) => void, onOpen?: () => void}} opts
   */
  ST.ui.createBadge = (opts) => {
    const host = document.createElement('second-thought-badge');
    host.setAttribute('data-site', opts.site);
    host.setAttribute('data-box', opts.box);
    host.setAttribute('data-state', 'clear');
    host.setAttribute('data-rules', '');
    const root = host.attachShadow({ mode: 'open' });
    ST.ui.styles.adopt(root, ST.ui.styles.BADGE);
    ST.ui.contain(host);

    const wrap = el('div', 'st');
    const button = el('button', 'badge');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    const icon = el('span', 'icon');
    icon.setAttribute('aria-hidden', 'true');
    const label = el('span', 'label');
    button.append(icon, label);
    const panel = el('div', 'panel up');
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'Second Thought');
    const reminder = el('p', 'reminder');
    reminder.hidden = true;
    const title = el('h2');
    const summary = el('p');
    const list = el('ul', 'findings');
    panel.append(reminder, title, summary, list);
    const overlay = el('div');
    overlay.setAttribute('aria-hidden', 'true');
    wrap.append(overlay, panel, button);
    root.append(wrap);

    let current = { state: 'clear', findings: [] };

    const renderPanel = () => {
      const { state, findings } = current;
      title.textContent = `Second Thought: ${LABEL[state]}`;
      summary.textContent =
        state === 'unavailable'
          ? 'The policy checker could not run, so nothing will be held. Read your post against the policy yourself.'
          : findings.length === 0
            ? 'Nothing in this post goes against the policy.'
            : state === 'stop'
              ? 'Publishing this will be held until you decide.'
              : 'Worth a second look before you post.';
      list.replaceChildren();
      for (const f of findings) {
        const li = el('li', `finding sev-${f.severity}`);
        const ex = el('q', 'excerpt', ST.ui.excerptText(f.excerpt));
        const msg = el('p', 'message', f.message ?? '');
        const cl = el('p', 'clause', `${ST.ui.clauseText(f)}${f.title ? ` · ${f.title}` : ''}`);
        const ignore = el('button', 'ignore', 'Ignore this time');
        ignore.type = 'button';
        ignore.setAttribute('data-action', 'ignore');
        ignore.setAttribute('data-rule', f.rule);
        ignore.addEventListener('click', () => opts.onIgnore(f));
        li.append(ex, msg, cl, ignore);
        list.append(li);
      }
    };

    const setOpen = (open) => {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) {
        const r = host.getBoundingClientRect();
        panel.className = `panel ${r.top < 300 ? 'down' : 'up'}`;
        renderPanel();
      }
    };
    button.addEventListener('click', () => {
      setOpen(panel.hidden);
      opts.onOpen?.();
    });
    wrap.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !panel.hidden) {
        setOpen(false);
        button.focus();
      }
    });

    return {
      element: host,
      /** @param {{state: string, findings: object[]}} next */
      update(next) {
        current = next;
        const rules = [...new Set(next.findings.map((f) => f.rule))].join(' ');
        if (host.getAttribute('data-rules') !== rules) host.setAttribute('data-rules', rules);
        if (host.getAttribute('data-state') !== next.state) host.setAttribute('data-state', next.state);
        const n = next.findings.length;
        const visible = next.state === 'warn' || next.state === 'stop' ? `${SHORT[next.state]} ${n}` : SHORT[next.state];
        const full = `Second Thought: ${LABEL[next.state]}${n ? ` (${n} finding${n === 1 ? '' : 's'})` : ''}`;
        // The accessible name starts with the visible text, so that "click Stop 1" works by voice.
        const aria = visible && !full.includes(visible) ? `${visible}, ${full}` : full;
        // Written only when they change: most keystrokes change none of it.
        if (label.textContent !== visible) label.textContent = visible;
        if (button.getAttribute('aria-label') !== aria) {
          button.setAttribute('aria-label', aria);
          button.title = aria;
        }
        if (!panel.hidden) renderPanel();
      },
      /** Puts the badge at the anchor's bottom-right corner; hides it when rect is null. */
      place(rect) {
        if (!rect) {
          host.setAttribute('data-hidden', '');
          return;
        }
        host.removeAttribute('data-hidden');
        host.style.setProperty('left', `${Math.round(rect.right - 4)}px`);
        host.style.setProperty('top', `${Math.round(rect.bottom - 4)}px`);
      },
      setActive(active) {
        if (active) host.setAttribute('data-active', '');
        else host.removeAttribute('data-active');
      },
      setBox(box) {
        host.setAttribute('data-box', box);
      },
      setFor(selector) {
        if (host.getAttribute('data-for') !== selector) host.setAttribute('data-for', selector);
      },
      /** The overlay fallback for highlights: [{rect, severity}] in viewport coordinates. */
      setMarks(marks) {
        const boxes = [];
        for (const m of marks) {
          const b = el('div', `mark sev-${m.severity}`);
          b.style.setProperty('left', `${m.rect.left}px`);
          b.style.setProperty('top', `${m.rect.top}px`);
          b.style.setProperty('width', `${m.rect.width}px`);
          b.style.setProperty('height', `${m.rect.height}px`);
          boxes.push(b);
        }
        overlay.replaceChildren(...boxes);
      },
      remind(text) {
        reminder.textContent = text;
        reminder.hidden = !text;
        if (text) setOpen(true);
      },
      open: () => setOpen(true),
      close: () => setOpen(false),
      remove() {
        host.remove();
      },
    };
  };
})();
