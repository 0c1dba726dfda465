// Reads an editor's text as the user sees it, line breaks included, with a map from UTF-16
// offsets back to DOM positions. It only reads: the editor's DOM is never changed.
//
// A "block" (a paragraph, a Draft.js block, a list item) is one line; blocks are joined with
// "\n". Inside a block, a <br> is a line break, except the last one (editors keep a trailing
// <br> so that an empty line has height: Draft.js, Lexical and Quill all do this).
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  if (ST.text) return;

  const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'textarea', 'input', 'select']);

  /**
   * @param {Element} root the contenteditable
   * @param {{blocks?: string, isBlock?: (el: Element, root: Element) => boolean}} opts
   *   which elements are one line each: a selector, or a function
   * @returns {{text: string, segments: {node: Text, start: number, end: number}[]}}
   */
  function read(root, opts = {}) {
    const isBlock = (el) => {
      try {
        if (typeof opts.isBlock === 'function') return opts.isBlock(el, root);
        return !!opts.blocks && el.matches(opts.blocks);
      } catch {
        return false;
      }
    };
    let text = '';
    const segments = [];
    let blocks = 0; // blocks started so far
    let pendingBreaks = 0; // <br>s seen in the current block and not yet followed by text

    const flushBreaks = () => {
      if (pendingBreaks) text += '\n'.repeat(pendingBreaks);
      pendingBreaks = 0;
    };
    const endBlock = () => {
      // The last <br> of a block only gives an empty line its height.
      if (pendingBreaks > 1) text += '\n'.repeat(pendingBreaks - 1);
      pendingBreaks = 0;
    };

    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          const data = child.data;
          if (data.length === 0) continue;
          flushBreaks();
          segments.push({ node: child, start: text.length, end: text.length + data.length });
          text += data;
        } else if (child.nodeType === 1) {
          const name = child.localName;
          if (SKIP.has(name)) continue;
          if (name === 'br') {
            pendingBreaks++;
            continue;
          }
          if (isBlock(child)) {
            if (blocks > 0) {
              endBlock();
              text += '\n';
            } else {
              flushBreaks();
            }
            blocks++;
            walk(child);
            endBlock();
          } else {
            walk(child);
          }
        }
      }
    };
    walk(root);
    endBlock();
    return { text, segments };
  }

  /** The DOM position of a UTF-16 offset; `preferEnd` picks the end of a segment at a boundary. */
  function pointAt(reading, offset, preferEnd = false) {
    const segs = reading.segments;
    if (!segs.length) return null;
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i];
      if (offset < s.start) {
        // In a line break between segments: snap to the nearer text.
        if (preferEnd && i > 0) return { node: segs[i - 1].node, offset: segs[i - 1].node.data.length };
        return { node: s.node, offset: 0 };
      }
      if (offset < s.end || (offset === s.end && (preferEnd || i === segs.length - 1))) {
        return { node: s.node, offset: offset - s.start };
      }
    }
    const last = segs[segs.length - 1];
    return { node: last.node, offset: last.node.data.length };
  }

  /** A DOM Range for [start, end) of the text read, or null when it cannot be placed. */
  function rangeFor(reading, start, end) {
    const a = pointAt(reading, start, false);
    const b = pointAt(reading, end, true);
    if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
    try {
      const r = document.createRange();
      r.setStart(a.node, Math.min(a.offset, a.node.data.length));
      r.setEnd(b.node, Math.min(b.offset, b.node.data.length));
      return r.collapsed && end > start ? null : r;
    } catch {
      return null;
    }
  }

  /** The text offset of a DOM position (node, offset) inside the editor that was read. */
  function offsetOf(reading, node, offset) {
    for (const s of reading.segments) {
      if (s.node === node) return s.start + Math.min(offset, s.end - s.start);
    }
    // An element position (e.g. an empty line): the start of the first text after it.
    let r;
    try {
      r = document.createRange();
      r.setStart(node, offset);
      r.collapse(true);
    } catch {
      return reading.text.length;
    }
    for (const s of reading.segments) {
      try {
        if (r.comparePoint(s.node, 0) > 0) {
          // s starts after the caret: the caret is on s's line when it is inside s's
          // container, otherwise on an (empty) line just before it.
          if (node.nodeType === 1 && node.contains(s.node)) return s.start;
          return s.start > 0 && reading.text[s.start - 1] === '\n' ? s.start - 1 : s.start;
        }
      } catch {
        /* different roots */
      }
    }
    return reading.text.length;
  }

  ST.text = { read, pointAt, rangeFor, offsetOf };
})();
