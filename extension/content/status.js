// Tells the background which site this tab is on and the state of its checks (the worst badge
// state of the editors that hold text), for the toolbar popup (see tabstate.js in the background). Only the site, the badge state, the number
// of findings and their rule ids are sent, never any text; and only when they change.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  if (!ST || ST.status) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const TYPE = 'second-thought-tab-state';
  let last = null; // what was last sent
  let reported = false; // a check has been reported on this page

  function send(message) {
    const sig = JSON.stringify(message);
    if (sig === last) return;
    last = sig;
    try {
      if (!api?.runtime?.id) return; // the extension went away under us
      const p = api.runtime.sendMessage({ type: TYPE, ...message });
      p?.catch?.(() => {}); // nobody answers this message; that is expected
    } catch {
      // extension context invalidated: nothing to tell
    }
  }

  const RANK = { stop: 3, warn: 2, unavailable: 1, clear: 0 };
  const editors = new Map(); // editor (any key) -> {state, findings}, for editors holding text
  let site = null;

  function update() {
    let worst = null;
    for (const e of editors.values()) if (!worst || RANK[e.state] > RANK[worst.state]) worst = e;
    if (!worst) {
      if (!reported) return; // nothing has been checked on this page yet
      worst = { state: 'clear', findings: [] }; // what was flagged has been deleted
    }
    reported = true;
    const rules = [...new Set(worst.findings.map((f) => f.rule))];
    send({ site, state: worst.state, findings: worst.findings.length, rules });
  }

  ST.status = {
    /** The content script has started on `site`: nothing checked on this page yet. */
    hello(s) {
      site = s;
      send({ site, state: null });
    },
    /**
     * A check's result is shown for `editor`: `state` as on its badge, `findings` those shown.
     * The tab's state is the worst of its editors that hold text (an empty editor is no check).
     */
    report(editor, state, findings, empty) {
      if (empty) editors.delete(editor);
      else editors.set(editor, { state, findings });
      update();
    },
    /** The editor has gone. */
    forget(editor) {
      if (editors.delete(editor)) update();
    },
  };
})();
