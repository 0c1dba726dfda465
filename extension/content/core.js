// Second Thought, content side: the shared namespace and the pieces every other file uses.
//
// The content scripts are classic scripts, loaded in this order (manifest.json, one entry per
// site so only that site's adapter loads):
//   content/core.js      this file: the namespace, the hash, small DOM helpers
//   settings.js          the settings in force: storage.sync with storage.managed over it
//   content/text.js      reads an editor's text with a UTF-16 offset map (no DOM changes)
//   ui/styles.js, ui/badge.js, ui/dialog.js, ui/highlights.js   what the user sees
//   content/sites/<site>.js   the one file that knows the site's markup
//   content/content.js   watches editors, asks the background, holds publishing
// They share one object, globalThis.__secondThought, which lives in the extension's isolated
// world (the page cannot see it).
(() => {
  'use strict';
  const ST = (globalThis.__secondThought ??= {});
  if (ST.core) return; // loaded twice (e.g. an extension reload): keep the first
  ST.core = true;

  /** FNV-1a (32-bit) over UTF-16 code units, 8 hex digits: the same as the background's. */
  ST.hashText = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0).toString(16).padStart(8, '0');
  };

  /** Local time as YYYY-MM-DDTHH:MM, for the work-time rule. */
  ST.localTime = (d = new Date()) => {
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  };

  /** Does any of `selectors` (a list) match el? Bad selectors (a typo) count as no match. */
  ST.matchesAny = (el, selectors) => {
    if (!el || el.nodeType !== 1) return false;
    for (const s of selectors) {
      try {
        if (el.matches(s)) return true;
      } catch {
        /* an invalid selector matches nothing */
      }
    }
    return false;
  };

  /** el.closest over a list of selectors; null when nothing matches (or a selector is bad). */
  ST.closestAny = (el, selectors) => {
    if (!el) return null;
    if (el.nodeType !== 1) el = el.parentElement;
    if (!el) return null;
    for (const s of selectors) {
      try {
        const c = el.closest(s);
        if (c) return c;
      } catch {
        /* ignore */
      }
    }
    return null;
  };

  /** All elements under root (and root itself) matching any of `selectors`. */
  ST.queryAll = (root, selectors) => {
    const out = new Set();
    for (const s of selectors) {
      try {
        if (root.nodeType === 1 && root.matches(s)) out.add(root);
        for (const el of root.querySelectorAll(s)) out.add(el);
      } catch {
        /* ignore */
      }
    }
    return out;
  };

  /** The element an event really started on, across (open) shadow roots. */
  ST.eventTarget = (e) => {
    const path = typeof e.composedPath === 'function' ? e.composedPath() : [];
    return path.length ? path[0] : e.target;
  };

  /** Is this element hidden or disabled as a button? (aria-disabled or disabled) */
  ST.isDisabled = (el) =>
    !!el && (el.getAttribute('aria-disabled') === 'true' || el.disabled === true || el.hasAttribute('disabled'));

  /** Lower-cased, trimmed accessible-ish label of an element: aria-label, else its text. */
  ST.labelOf = (el) => {
    if (!el) return '';
    const a = el.getAttribute('aria-label');
    return (a ?? el.textContent ?? '').trim().toLowerCase();
  };

  /** A CSS selector that finds `el` in the document today (for the badge's data-for). */
  ST.selectorFor = (el) => {
    const esc = (s) => (globalThis.CSS?.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'));
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      if (node.id) {
        parts.unshift(`#${esc(node.id)}`);
        break;
      }
      const tid = node.getAttribute('data-testid');
      if (tid) {
        const sel = `[data-testid="${esc(tid)}"]`;
        let unique = false;
        try {
          unique = document.querySelectorAll(sel).length === 1;
        } catch {
          /* ignore */
        }
        if (unique) {
          parts.unshift(sel);
          break;
        }
      }
      const parent = node.parentElement;
      if (!parent) break;
      let i = 1;
      for (let s = node.previousElementSibling; s; s = s.previousElementSibling) {
        if (s.localName === node.localName) i++;
      }
      parts.unshift(`${node.localName}:nth-of-type(${i})`);
      node = parent;
    }
    return parts.join(' > ');
  };
})();
