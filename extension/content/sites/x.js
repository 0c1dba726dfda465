// X / Twitter (Draft.js): the only file that knows X's markup. See ../../../shared notes SITES.md.
// Every selector is here; when one stops matching, the adapter finds nothing and does nothing.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  if (ST.adapter) return;

  const isDm = (el) =>
    !!ST.closestAny(el, ['[data-testid^="dm" i]', '[data-testid*="DmActivity" i]', '[data-testid="DMDrawer"]']);

  ST.adapter = {
    site: 'x',
    // Compose, reply and thread boxes: tweetTextarea_0, _1, ... (role=textbox, contenteditable).
    // Fallback: any Draft.js editor that is a textbox outside direct messages.
    editors: [
      '[data-testid^="tweetTextarea_"][contenteditable="true"]',
      '.public-DraftEditor-content[contenteditable="true"][role="textbox"]',
    ],
    accept(el) {
      return !isDm(el);
    },
    kind(el) {
      const id = el.getAttribute('data-testid') ?? '';
      const n = /^tweetTextarea_(\d+)$/.exec(id);
      if (n && n[1] !== '0') return 'thread';
      if (el.closest('[role="dialog"]')) return 'post';
      return /\/status\/\d+/.test(location.pathname) ? 'reply' : 'post';
    },
    // One Draft.js block per line; text in span[data-text="true"] leaves.
    read: { blocks: '[data-block="true"]' },
    // Where the badge sits: the rich text container around the editor, when there is one.
    anchor(el) {
      return ST.closestAny(el, ['[data-testid$="RichTextInputContainer"]']) ?? el;
    },
    // Post / Reply / Post all: inline (timeline, reply) and the pop-up composer.
    submitButtons: ['[data-testid="tweetButtonInline"]', '[data-testid="tweetButton"]'],
    // Ctrl/Cmd+Enter posts from any of X's boxes.
    isPublishKey(e) {
      return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey;
    },
  };
})();
