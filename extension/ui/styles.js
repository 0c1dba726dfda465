// Styles for Second Thought's own elements. They live inside shadow roots (constructable
// stylesheets, or a <style> inside the shadow root where a browser refuses those), so neither
// the site's CSS nor its CSP can touch them, and they cannot touch the site.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  ST.ui ??= {};
  if (ST.ui.styles) return;

  const BASE = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.st { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; }
button { font: inherit; cursor: pointer; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
`;

  const BADGE = `${BASE}
:host { position: fixed; z-index: 2147483646; left: 0; top: 0; width: 0; height: 0; display: block; }
.badge {
  position: absolute; right: 0; bottom: 0; display: inline-flex; align-items: center; gap: 4px;
  min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; border: 1px solid transparent;
  box-shadow: 0 1px 3px rgba(0,0,0,.25); white-space: nowrap; font-weight: 600; font-size: 12px;
  pointer-events: auto; opacity: .92;
}
.badge:hover { opacity: 1; }
.icon { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: currentColor; }
:host([data-state="clear"]) .badge { background: #e6f4ea; color: #137333; border-color: #a8dab5; }
:host([data-state="clear"]) .label { display: none; }
:host([data-state="clear"]:not([data-active])) .badge { opacity: .45; transform: scale(.8); transform-origin: 100% 100%; }
:host([data-state="warn"]) .badge { background: #fef7e0; color: #8a5300; border-color: #f9d977; }
:host([data-state="stop"]) .badge { background: #fce8e6; color: #b3261e; border-color: #f4a9a3; }
:host([data-state="unavailable"]) .badge { background: #f1f3f4; color: #444746; border-color: #c4c7c5; }
:host([data-state="unavailable"]) .icon { background: transparent; border: 2px solid currentColor; }
:host([data-hidden]) .badge, :host([data-hidden]) .panel { display: none; }
.panel {
  position: absolute; right: 0; width: 340px; max-width: calc(100vw - 16px); max-height: 60vh; overflow: auto;
  background: #fff; color: #1f2328; border: 1px solid #c4c7c5; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 10px 12px; pointer-events: auto; text-align: left;
}
.panel.up { bottom: 28px; } .panel.down { top: 4px; }
.panel h2 { font-size: 13px; margin: 0 0 6px; }
.panel p { margin: 0 0 6px; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border-top: 1px solid #e3e3e3; padding: 8px 0 6px; }
.finding:first-child { border-top: 0; }
.excerpt { display: block; font-weight: 600; word-break: break-word; }
.sev-stop .excerpt { color: #b3261e; } .sev-warn .excerpt { color: #8a5300; }
.clause { color: #5f6368; font-size: 12px; }
.ignore { margin-top: 4px; background: none; border: 1px solid #c4c7c5; border-radius: 4px; padding: 2px 8px; color: #1f2328; }
.reminder { margin: 0 0 8px; padding: 6px 8px; background: #fef7e0; border-radius: 4px; }
.mark { position: fixed; pointer-events: none; border-bottom: 2px solid #b3261e; background: rgba(179,38,30,.10); }
.mark.sev-warn { border-bottom-color: #c58a00; background: rgba(197,138,0,.10); }
.mark.sev-note { border-bottom-color: #5f6368; background: transparent; }
`;

  const DIALOG = `${BASE}
:host { position: fixed; z-index: 2147483647; }
dialog {
  width: min(480px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; padding: 20px 22px;
  border: 0; border-radius: 12px; box-shadow: 0 12px 40px rgba(0,0,0,.35); background: #fff; color: #1f2328;
}
dialog::backdrop { background: rgba(0,0,0,.45); }
h1 { font-size: 20px; line-height: 1.3; margin: 0 0 8px; color: #b3261e; }
.lead { margin: 0 0 12px; }
ul { list-style: none; margin: 0 0 16px; padding: 0; }
li { border-left: 3px solid #b3261e; padding: 4px 0 4px 10px; margin: 0 0 10px; }
li.sev-warn { border-left-color: #c58a00; } li.sev-note { border-left-color: #5f6368; }
.excerpt { display: block; font-weight: 600; word-break: break-word; }
.clause { display: block; color: #5f6368; font-size: 12px; margin-top: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
.actions button { border-radius: 18px; padding: 8px 16px; border: 1px solid #c4c7c5; background: #fff; color: #1f2328; font-weight: 600; }
.actions button[data-action="edit"] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
`;

  const sheets = new Map();

  /** Gives a shadow root its styles: a shared constructable sheet, else a <style> inside it. */
  function adopt(root, css) {
    try {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      /* fall through */
    }
    const style = document.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }

  ST.ui.styles = { BADGE, DIALOG, adopt };
})();
