// Second Thought, content side: watches the site's editors, asks the background checker while
// the user types, shows the result by each editor, and holds a publish that breaks the policy.
//
// The site adapter (content/sites/*.js, loaded just before this file) is the only thing that
// knows markup; this file knows the flow. Nothing here writes to an editor: the editor's DOM is
// only ever read. Whatever goes wrong here (a checker that cannot load or answer, a selector
// that stops matching, an exception) lets the user publish: we fail open, visibly.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  const adapter = ST?.adapter;
  if (!adapter || ST.started) return;
  ST.started = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const PORT_NAME = 'second-thought';
  // A change is checked at once when the last check is at least this old (typing at an everyday
  // pace, or the first key after a pause); quicker changes wait for a pause this long.
  const DEBOUNCE_MS = 70;
  const MAX_WAIT_MS = 400; // while typing without pause, still check this often
  const ANSWER_TIMEOUT_MS = 2500; // no answer by then: checks unavailable, fail open
  const REMIND_MS = 10 * 60 * 1000;
  const SELECTORS = adapter.editors;

  const log = (...a) => console.debug('Second Thought:', ...a);
  /** Runs fn; an exception is logged, never thrown into the page's event dispatch. */
  const safe =
    (fn) =>
    (...args) => {
      try {
        return fn(...args);
      } catch (e) {
        console.error('Second Thought:', e);
        return undefined;
      }
    };

  // ---- settings (storage.sync: modes {x, facebook, linkedin: 'personal'|'work'}, authorised,
  // holdOnWarnings; storage.managed, the organisation's policy, wins over them: settings.js)
  const settings = { modes: {}, authorised: false, holdOnWarnings: false };
  let settingsVersion = 0;
  // storage.managed can take seconds to answer the first time in a browser session. The user's
  // own settings are used once Settings.MANAGED_WAIT_MS has passed, the organisation's when they
  // come; a publish meanwhile waits for them (up to SETTINGS_WAIT_MS), as it would for a check,
  // instead of going by the defaults.
  const SETTINGS_WAIT_MS = 5000;
  let settingsRead = null; // the read in flight (a promise), null once the settings are known
  let applied = null; // the settings in force, as JSON: a read that changes nothing checks nothing again
  function applySettings(got, managed) {
    const r = ST.Settings.resolve(got, managed);
    const next = { modes: r.modes, authorised: r.authorised, holdOnWarnings: r.holdOnWarnings };
    if (r.problems.length) log('some settings were not used:', ST.Settings.describe(r.problems));
    const json = JSON.stringify(next);
    if (json === applied) return;
    applied = json;
    Object.assign(settings, next);
    checkAllAgain();
  }
  function loadSettings() {
    const read = (async () => {
      try {
        const managed = ST.Settings.readManaged(api);
        const got = await api.storage.sync.get(['modes', 'authorised', 'holdOnWarnings']);
        const first = await ST.Settings.within(managed, ST.Settings.MANAGED_WAIT_MS);
        if (first === undefined) applySettings(got, {});
        applySettings(got, first ?? (await managed));
      } catch (e) {
        log('settings unreadable; using defaults', e);
        applySettings({}, {});
      }
    })();
    settingsRead = read;
    read.finally(() => {
      if (settingsRead === read) settingsRead = null;
    });
    return read;
  }
  /** Resolves once the settings are known, or after SETTINGS_WAIT_MS (the ones in force then stay). */
  function settingsKnown() {
    return settingsRead ? ST.Settings.within(settingsRead, SETTINGS_WAIT_MS) : Promise.resolve();
  }
  /**
   * Something that decides the findings changed (the account settings, the policy pack, the
   * rule settings): every result so far is stale, so every editor is checked again.
   */
  function checkAllAgain() {
    settingsVersion++;
    for (const ed of editors.values()) dirty(ed, true);
  }
  function context() {
    return {
      mode: settings.modes?.[adapter.site] === 'work' ? 'work' : 'personal',
      authorised: settings.authorised,
      site: adapter.site,
      at: ST.localTime(),
    };
  }

  // ---- the background checker, over one long-lived port ----------------------------------
  let port = null;
  let dead = false; // the extension was reloaded or removed under us: fail open for good
  let nextId = 0;
  const pending = new Map(); // id -> {resolve, timer, msg, retried}

  function unavailableReply(msg, why) {
    return { type: 'error', id: msg.id, hash: ST.hashText(msg.text ?? ''), error: why, unavailable: true };
  }
  function settle(id, reply) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(reply);
  }
  function connect() {
    if (port) return port;
    if (dead) return null;
    try {
      if (!api?.runtime?.id) throw new Error('extension context invalidated');
      port = api.runtime.connect({ name: PORT_NAME });
    } catch (e) {
      dead = true;
      log('cannot reach the background', e);
      return null;
    }
    const mine = port;
    mine.onMessage.addListener((reply) => {
      if (reply && typeof reply.id === 'number') settle(reply.id, reply);
      // The policy pack or the rule settings changed: check every editor again.
      else if (reply?.type === 'changed') checkAllAgain();
    });
    mine.onDisconnect.addListener(() => {
      if (port === mine) port = null;
      // The worker was stopped (idle, update, crash): ask again once on a fresh port.
      for (const [id, p] of [...pending]) {
        if (p.retried) settle(id, unavailableReply(p.msg, 'the checker went away'));
        else {
          p.retried = true;
          send(p.msg);
        }
      }
    });
    return port;
  }
  function send(msg) {
    const p = connect();
    if (!p) return settle(msg.id, unavailableReply(msg, 'the checker is not reachable'));
    try {
      p.postMessage(msg);
    } catch {
      port = null;
      const entry = pending.get(msg.id);
      if (entry && !entry.retried) {
        entry.retried = true;
        send(msg);
      } else settle(msg.id, unavailableReply(msg, 'the checker is not reachable'));
    }
  }
  function ask(msg) {
    return new Promise((resolve) => {
      const id = ++nextId;
      msg.id = id;
      const timer = setTimeout(() => settle(id, unavailableReply(msg, 'the checker did not answer in time')), ANSWER_TIMEOUT_MS);
      pending.set(id, { resolve, timer, msg, retried: false });
      send(msg);
    });
  }

  // Rule titles for the finding lists (best effort; ids are shown without them).
  let ruleTitles = null;
  function loadRuleTitles() {
    if (ruleTitles) return;
    ruleTitles = {};
    ask({ type: 'rules' }).then((reply) => {
      if (reply?.type === 'rules' && Array.isArray(reply.rules)) {
        for (const r of reply.rules) if (r?.id) ruleTitles[r.id] = r.title;
        for (const ed of editors.values()) render(ed);
      } else ruleTitles = null;
    });
  }

  // ---- editors ------------------------------------------------------------------------------
  const editors = new Map(); // element -> Ed

  function readEditor(ed) {
    const reading = ST.text.read(ed.el, adapter.read);
    ed.reading = reading;
    ed.text = reading.text;
    ed.hash = ST.hashText(reading.text);
    ed.key = `${ed.hash}:${settingsVersion}`;
    return reading;
  }

  function kindOf(el) {
    try {
      return adapter.kind(el) ?? 'post';
    } catch {
      return 'post';
    }
  }
  /** The box kind can change under an editor (SPA navigation): keep data-box current. */
  function updateKind(ed) {
    const kind = kindOf(ed.el);
    if (kind !== ed.kind) {
      ed.kind = kind;
      ed.badge.setBox(kind);
    }
  }

  function attach(el) {
    const kind = kindOf(el);
    const ed = {
      el,
      kind,
      alive: true,
      badge: null,
      observer: null,
      timer: null,
      firstDirtyAt: null,
      checkedAt: -Infinity, // when the editor was last read for a check (performance.now())
      reading: null,
      text: '',
      hash: '',
      key: '',
      result: null,
      inflight: null,
      ignored: new Set(),
      allowedKey: null, // the text the user chose to post anyway
      caret: null,
      remindTimer: null,
      resize: null,
      shown: null, // the badge's state and count when it was last named (data-for)
    };
    ed.badge = ST.ui.createBadge({
      site: adapter.site,
      box: kind,
      onIgnore: (f) => {
        ed.ignored.add(ignoreKey(f));
        render(ed);
        if (!visibleFindings(ed).length) {
          ed.badge.close();
          restoreCaret(ed); // back to writing
        }
      },
      onOpen: loadRuleTitles,
    });
    ed.badge.setFor(ST.selectorFor(el));
    document.documentElement.append(ed.badge.element);
    ed.observer = new MutationObserver(() => dirty(ed));
    ed.observer.observe(el, { characterData: true, childList: true, subtree: true });
    if (typeof ResizeObserver === 'function') {
      ed.resize = new ResizeObserver(() => queuePlace());
      ed.resize.observe(el);
    }
    editors.set(el, ed);
    ST.ui.privacyReminder?.(adapter.site); // once per site, until dismissed
    ed.badge.setActive(el.contains(document.activeElement));
    render(ed);
    place(ed);
    dirty(ed, true);
    return ed;
  }

  function detach(ed) {
    ed.alive = false;
    ed.observer?.disconnect();
    ed.resize?.disconnect();
    clearTimeout(ed.timer);
    clearTimeout(ed.remindTimer);
    ST.ui.highlights.clear(ed);
    ed.badge.remove();
    editors.delete(ed.el);
    ST.status?.forget(ed);
  }

  const ignoreKey = (f) => `${f.rule}\u0000${f.excerpt}`;

  /** Findings of the latest result that the user has not ignored, with their excerpts. */
  function visibleFindings(ed) {
    const r = ed.result;
    if (!r || r.unavailable) return [];
    return r.findings
      .map((f) => ({ ...f, excerpt: r.text.slice(f.start, f.end), title: ruleTitles?.[f.rule] }))
      .filter((f) => !ed.ignored.has(ignoreKey(f)));
  }

  function stateOf(ed, fs = visibleFindings(ed)) {
    const r = ed.result;
    if (dead || (r && r.unavailable)) return 'unavailable';
    if (fs.some((f) => f.severity === 'stop')) return 'stop';
    if (fs.some((f) => f.severity === 'warn')) return 'warn';
    return 'clear';
  }

  function render(ed) {
    if (!ed.alive) return;
    const findings = visibleFindings(ed);
    const state = stateOf(ed, findings);
    // The editor's surroundings change as it fills: name it afresh when the badge changes
    // (place() does so too, at least every second), not for every key that changes nothing.
    const shown = `${state}:${findings.length}`;
    if (shown !== ed.shown) {
      ed.shown = shown;
      ed.badge.setFor(ST.selectorFor(ed.el));
      updateKind(ed);
    }
    ed.badge.update({ state, findings });
    if (ed.result || dead) ST.status?.report(ed, state, findings, !dead && ed.result.text.trim() === '');
    // Highlights: only for a result that matches the text as last read.
    const marks = [];
    if (ed.result && ed.reading && ed.result.key === ed.key) {
      for (const f of findings) {
        const range = ST.text.rangeFor(ed.reading, f.start, f.end);
        if (range) marks.push({ range, severity: f.severity });
      }
    }
    ed.marks = marks;
    if (ST.ui.highlights.set(ed, marks)) ed.badge.setMarks([]);
    else placeMarks(ed);
  }

  function placeMarks(ed) {
    const rects = [];
    for (const m of ed.marks ?? []) {
      for (const rect of m.range.getClientRects()) {
        if (rect.width > 0 && rect.height > 0) rects.push({ rect, severity: m.severity });
      }
    }
    ed.badge.setMarks(rects);
  }

  // ---- checking while typing ------------------------------------------------------------
  /**
   * The editor's text may have changed: check it in this task when the last check is
   * DEBOUNCE_MS old or more, otherwise after a pause in the changes (at most MAX_WAIT_MS after
   * the first); with `now`, in a task of its own at once.
   */
  function dirty(ed, now = false) {
    if (!ed.alive) return;
    const t = performance.now();
    if (!now && ed.timer === null && t - ed.checkedAt >= DEBOUNCE_MS) {
      // In this task: no timer to set, and the badge answers within milliseconds.
      refreshNow(ed);
      return;
    }
    ed.firstDirtyAt ??= t;
    clearTimeout(ed.timer);
    const wait = now ? 0 : Math.max(0, Math.min(DEBOUNCE_MS, ed.firstDirtyAt + MAX_WAIT_MS - t));
    ed.timer = setTimeout(refreshNow, wait, ed);
  }

  const refreshNow = safe((ed) => refresh(ed));

  /** Reads the editor and checks its text unless that text was already checked. */
  function refresh(ed) {
    if (ed.timer !== null) {
      clearTimeout(ed.timer);
      ed.timer = null;
    }
    ed.firstDirtyAt = null;
    if (!ed.alive) return Promise.resolve(null);
    ed.checkedAt = performance.now();
    const prevKey = ed.key;
    readEditor(ed);
    const { key, text, hash } = ed;
    if (ed.result?.key === key) {
      if (prevKey !== key) render(ed); // back to a text we know (e.g. undo)
      return Promise.resolve(ed.result);
    }
    if (ed.inflight?.key === key) return ed.inflight.promise;
    if (text.trim() === '') {
      ed.ignored.clear();
      ed.result = { key, hash, text, findings: [] };
      render(ed);
      return Promise.resolve(ed.result);
    }
    const promise = ask({ type: 'check', text, context: context() }).then((reply) => {
      if (ed.inflight?.key === key) ed.inflight = null;
      let result;
      if (reply?.type === 'result' && reply.hash === hash && Array.isArray(reply.findings)) {
        result = { key, hash, text, findings: reply.findings };
      } else {
        if (reply?.type === 'error' && !reply.unavailable) log('checker error', reply.error);
        result = { key, hash, text, findings: [], unavailable: true, error: reply?.error };
      }
      // Stale answers (for a text the user has since changed) are dropped.
      if (ed.alive && key === ed.key) {
        ed.result = result;
        render(ed);
      }
      return result;
    });
    ed.inflight = { key, promise };
    return promise;
  }

  // ---- finding editors: one MutationObserver for the document, cheap matching ---------------
  const isOurs = (node) => node?.nodeType === 1 && node.localName.startsWith('second-thought-');
  /** Did the event start inside one of our own elements (badge, dialog)? */
  const fromUs = (e) => (typeof e.composedPath === 'function' ? e.composedPath() : [e.target]).some(isOurs);

  function consider(el) {
    if (editors.has(el) || !el.isConnected || !ST.matchesAny(el, SELECTORS)) return;
    try {
      if (adapter.accept && !adapter.accept(el)) return;
    } catch {
      return;
    }
    attach(el);
  }
  function scan(root) {
    for (const el of ST.queryAll(root, SELECTORS)) consider(el);
  }
  function sweep() {
    for (const ed of [...editors.values()]) {
      if (!ed.el.isConnected || !ST.matchesAny(ed.el, SELECTORS)) detach(ed);
    }
  }

  const addedRoots = new Set();
  let needSweep = false;
  let flushQueued = false;
  const flush = safe(() => {
    flushQueued = false;
    if (needSweep) {
      needSweep = false;
      sweep();
    }
    if (addedRoots.size > 200) scan(document);
    else for (const root of addedRoots) if (root.isConnected) scan(root);
    addedRoots.clear();
    if (editors.size) queuePlace();
  });
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      // Typing changes the editor's own DOM with every key: nothing to look for there (its
      // growth is the ResizeObserver's to report), so a keystroke costs no scan and no layout.
      // (An attribute of the editor itself, e.g. contenteditable turned off, still counts.)
      if (editors.size && editorOf(r.target) && (r.type === 'childList' || !editors.has(r.target))) continue;
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if (n.nodeType === 1 && !isOurs(n)) addedRoots.add(n);
        if (r.removedNodes.length && editors.size) needSweep = true;
      } else if (r.type === 'attributes' && !isOurs(r.target)) {
        addedRoots.add(r.target);
        if (editors.has(r.target)) needSweep = true;
      }
    }
    if ((addedRoots.size || needSweep) && !flushQueued) {
      flushQueued = true;
      setTimeout(flush, 20);
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['contenteditable', 'data-lexical-editor', 'data-testid', 'role'],
  });

  // ---- badge placement ------------------------------------------------------------------
  let placeQueued = false;
  function place(ed) {
    let anchor = ed.el;
    try {
      anchor = adapter.anchor?.(ed.el) ?? ed.el;
    } catch {
      /* the editor itself */
    }
    const rect = anchor.getBoundingClientRect();
    const visible = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
    ed.badge.place(visible ? rect : null);
    ed.badge.setFor(ST.selectorFor(ed.el));
    updateKind(ed);
    if (!ST.ui.highlights.supported && ed.marks?.length) placeMarks(ed);
  }
  function queuePlace() {
    if (placeQueued) return;
    placeQueued = true;
    requestAnimationFrame(
      safe(() => {
        placeQueued = false;
        for (const ed of editors.values()) place(ed);
      }),
    );
  }
  addEventListener('scroll', queuePlace, { capture: true, passive: true });
  addEventListener('resize', queuePlace, { passive: true });
  setInterval(() => editors.size && queuePlace(), 1000); // layout changes nobody announces

  // ---- focus, caret ---------------------------------------------------------------------
  function editorOf(node) {
    if (!node) return null;
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return null;
    for (const ed of editors.values()) if (ed.el === el || ed.el.contains(el)) return ed;
    return null;
  }

  addEventListener(
    'focusin',
    safe((e) => {
      const t = ST.eventTarget(e);
      if (fromUs(e) || t?.nodeType !== 1) return;
      const candidate = ST.closestAny(t, SELECTORS);
      if (candidate) consider(candidate);
      for (const ed of editors.values()) ed.badge.setActive(ed.el.contains(t));
    }),
    true,
  );

  /** Remembers where the caret is in `ed` (as text offsets), if the selection is inside it. */
  function saveCaret(ed) {
    const sel = document.getSelection();
    if (!sel || !sel.rangeCount || !ed.el.contains(sel.anchorNode) || !ed.el.contains(sel.focusNode)) return;
    const reading = readEditor(ed);
    ed.caret = {
      anchor: ST.text.offsetOf(reading, sel.anchorNode, sel.anchorOffset),
      focus: ST.text.offsetOf(reading, sel.focusNode, sel.focusOffset),
    };
  }
  /** Focus back in the editor, caret where it was (at the end if we never knew). */
  function restoreCaret(ed) {
    if (!ed.el.isConnected) return;
    ed.el.focus({ preventScroll: false });
    const reading = readEditor(ed);
    const end = reading.text.length;
    const c = ed.caret ?? { anchor: end, focus: end };
    const sel = document.getSelection();
    if (!sel) return;
    const a = ST.text.pointAt(reading, Math.min(c.anchor, end), true);
    const f = ST.text.pointAt(reading, Math.min(c.focus, end), true);
    try {
      if (a && f) sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
      else if (!ed.el.contains(sel.anchorNode)) sel.collapse(ed.el, 0);
    } catch {
      /* the editor re-rendered under us: focus is enough */
    }
  }

  // ---- holding before publishing ----------------------------------------------------------
  let replaying = 0; // >0 while we re-dispatch a publish the user confirmed
  let deciding = null; // {editors} while a held publish waits for a check or the dialog

  /** The watched editors a submit control (or an editor) publishes: those in its composer. */
  function editorsFor(node) {
    for (let a = node; a && a !== document.documentElement; a = a.parentElement) {
      const inside = [];
      for (const ed of editors.values()) if (a === ed.el || a.contains(ed.el)) inside.push(ed);
      if (inside.length) return inside;
    }
    return [];
  }

  /** The editors published together with `ed` (a thread): those under its submit control's composer. */
  function composerOf(ed) {
    for (let a = ed.el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (ST.queryAll(a, adapter.submitButtons).size) {
        const inside = [...editors.values()].filter((o) => a.contains(o.el));
        return inside.includes(ed) ? inside : [ed];
      }
    }
    return [ed];
  }

  function holdingFindings(ed) {
    const r = ed.result;
    if (!r || r.unavailable || dead) return [];
    return visibleFindings(ed).filter(
      (f) => f.severity === 'stop' || (settings.holdOnWarnings && f.severity === 'warn'),
    );
  }

  function block(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  /** A function that re-dispatches the publish `e` once (and only once). */
  function replayer(e, target) {
    let used = false;
    const init = {
      bubbles: true,
      cancelable: true,
      composed: true,
      ctrlKey: e.ctrlKey,
      shiftKey: e.shiftKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
    };
    const form = e.type === 'submit' ? e.target : null;
    const submitter = e.submitter ?? null;
    return () => {
      if (used) return;
      used = true;
      replaying++;
      try {
        if (e.type === 'submit') {
          if (!form?.isConnected) return;
          if (submitter?.isConnected && submitter.form === form) form.requestSubmit(submitter);
          else form.requestSubmit();
        } else if (!target.isConnected) {
          // The control went away while the user decided: nothing left to press.
        } else if (e.type === 'click') {
          const ev = new MouseEvent('click', {
            ...init,
            detail: e.detail,
            screenX: e.screenX,
            screenY: e.screenY,
            clientX: e.clientX,
            clientY: e.clientY,
            button: e.button,
            buttons: e.buttons,
          });
          target.dispatchEvent(ev);
        } else if (e.type === 'keydown') {
          const opts = { ...init, key: e.key, code: e.code, location: e.location, repeat: false, keyCode: e.keyCode, which: e.which, charCode: 0 };
          target.dispatchEvent(new KeyboardEvent('keydown', opts));
          target.dispatchEvent(new KeyboardEvent('keyup', opts));
        }
      } catch (err) {
        console.error('Second Thought: could not replay the publish', err);
      } finally {
        replaying--;
      }
    };
  }

  /**
   * A publish of `eds` is about to happen via event `e`. Lets it through untouched when the
   * latest check of every editor's current text allows it; otherwise blocks it and decides
   * (checking first if the text changed since the last check), then replays it or asks.
   */
  function intercept(e, eds, target, focusEd) {
    if (!eds.length) return;
    if (deciding || ST.ui.dialogOpen()) {
      block(e); // one decision at a time
      return;
    }
    for (const ed of eds) {
      readEditor(ed);
      ed.firstDirtyAt = null;
    }
    // Unknown settings (still being read) decide nothing when no check is available anyway.
    const unavailable = (ed) => dead || ed.result?.unavailable;
    const fresh = (!settingsRead || eds.every(unavailable)) && eds.every((ed) => ed.result?.key === ed.key);
    if (fresh && eds.every((ed) => holdingFindings(ed).length === 0)) return; // publish as is
    // The user already chose "Post anyway" for exactly this text (and the site ignored our
    // replay, or wants a second press): don't ask twice.
    if (eds.every((ed) => ed.allowedKey === ed.key)) return;
    for (const ed of eds) {
      ed.caret = null; // where the caret is now, if it is in the editor; else the end
      saveCaret(ed);
    }
    block(e);
    const replay = replayer(e, target);
    const isKey = e.type === 'keydown';
    deciding = { eds };
    const restoreFocus = () => {
      if (isKey && focusEd && !focusEd.el.contains(document.activeElement)) restoreCaret(focusEd);
    };
    const failOpen = (err) => {
      if (err) console.error('Second Thought:', err);
      deciding = null;
      replay();
    };
    const checkAll = () => Promise.all(eds.map((ed) => refresh(ed)));
    checkAll()
      // The settings may still be on their way: once known, any result they change is checked again.
      .then(() => (eds.every(unavailable) ? null : settingsKnown().then(checkAll)))
      .then(() => {
        try {
          const held = eds.filter((ed) => holdingFindings(ed).length > 0);
          if (!held.length) {
            deciding = null;
            restoreFocus();
            replay();
            return;
          }
          const findings = held.flatMap((ed) => holdingFindings(ed));
          const rank = { stop: 0, warn: 1, note: 2 };
          const shown = held.flatMap((ed) => visibleFindings(ed)).sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3));
          const editEd = focusEd && held.includes(focusEd) ? focusEd : held[0];
          ST.ui.openHoldDialog({
            findings: shown.length ? shown : findings,
            coolOff: shown.some((f) => f.rule === 'angry-tone'),
            onEdit: () => {
              deciding = null;
              restoreCaret(editEd);
            },
            onRemind: () => {
              deciding = null;
              restoreCaret(editEd);
              clearTimeout(editEd.remindTimer);
              editEd.remindTimer = setTimeout(
                () => editEd.badge.remind('Ten minutes have passed. Read your post again before you publish it.'),
                REMIND_MS,
              );
            },
            onPostAnyway: () => {
              deciding = null;
              for (const ed of eds) ed.allowedKey = ed.key;
              restoreFocus();
              replay();
            },
          });
        } catch (err) {
          failOpen(err);
        }
      })
      .catch(failOpen);
  }

  const onClick = safe((e) => {
    if (replaying || dead || !editors.size) return;
    if (fromUs(e)) return;
    const t = ST.eventTarget(e);
    const button = ST.closestAny(t, adapter.submitButtons);
    if (!button || ST.isDisabled(button)) return;
    intercept(e, editorsFor(button), e.target, null);
  });

  const onKeyDown = safe((e) => {
    if (replaying || dead || !editors.size) return;
    if (e.isComposing || e.keyCode === 229) return; // an input method is composing: never ours
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (fromUs(e)) return;
    const t = ST.eventTarget(e);
    const ed = editorOf(t);
    if (ed) {
      if (e.key === 'Enter' && adapter.isPublishKey(e, ed.el, ed.kind)) intercept(e, composerOf(ed), e.target, ed);
      return;
    }
    // Enter or Space on a focused submit control that is not a native button (those click).
    const button = ST.closestAny(t, adapter.submitButtons);
    if (!button || ST.isDisabled(button) || button.localName === 'button' || button.localName === 'input') return;
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    intercept(e, editorsFor(button), e.target, null);
  });

  const onSubmit = safe((e) => {
    if (replaying || dead || !editors.size) return;
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const eds = [...editors.values()].filter((ed) => form.contains(ed.el));
    intercept(e, eds, form, null);
  });

  // A press anywhere but in our own UI closes the badges' finding lists.
  addEventListener(
    'pointerdown',
    safe((e) => {
      if (!fromUs(e)) for (const ed of editors.values()) ed.badge.close();
    }),
    true,
  );
  addEventListener('click', onClick, true);
  addEventListener('keydown', onKeyDown, true);
  addEventListener('submit', onSubmit, true);

  // ---- start ---------------------------------------------------------------------------
  try {
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'sync' && ('modes' in changes || 'authorised' in changes || 'holdOnWarnings' in changes))) {
        loadSettings();
      } else if (area === 'sync' && ('pack' in changes || 'settings' in changes)) {
        // The background says so too, but only to the tabs connected to it: an event page or
        // service worker that was asleep wakes for this change with no ports open. Checking
        // again wakes it, and it builds its checker from the new settings.
        checkAllAgain();
      }
    });
  } catch {
    /* no storage events: the settings read at start stay */
  }
  loadSettings();
  ST.status?.hello(adapter.site);
  const start = safe(() => scan(document));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  start();
})();
