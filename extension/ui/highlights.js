// Underlines flagged text without touching the editor's DOM: the CSS Custom Highlight API where
// the browser has it (styles in ui/page.css, injected by the manifest), otherwise the badge
// draws boxes over the text in its own shadow root (see badge.setMarks).
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  ST.ui ??= {};
  if (ST.ui.highlights) return;

  const NAMES = { stop: 'second-thought-stop', warn: 'second-thought-warn', note: 'second-thought-note' };
  let supported = false;
  try {
    supported = typeof Highlight === 'function' && !!globalThis.CSS?.highlights;
  } catch {
    supported = false;
  }
  const perEditor = new Map(); // key -> [{range, severity}]

  function rebuild() {
    const bySeverity = { stop: [], warn: [], note: [] };
    for (const marks of perEditor.values()) {
      for (const m of marks) bySeverity[m.severity]?.push(m.range);
    }
    try {
      for (const [sev, name] of Object.entries(NAMES)) {
        if (bySeverity[sev].length) CSS.highlights.set(name, new Highlight(...bySeverity[sev]));
        else CSS.highlights.delete(name);
      }
    } catch (e) {
      supported = false; // e.g. a wrapper problem in this browser: fall back to the overlay
      console.warn('Second Thought: CSS highlights failed; using the overlay.', e);
    }
  }

  ST.ui.highlights = {
    get supported() {
      return supported;
    },
    /** marks: [{range, severity}] for one editor (key: any object). Returns false if unsupported. */
    set(key, marks) {
      if (!supported) return false;
      if (marks.length) perEditor.set(key, marks);
      else if (!perEditor.delete(key)) return true;
      rebuild();
      return supported;
    },
    clear(key) {
      if (perEditor.delete(key) && supported) rebuild();
    },
  };
})();
