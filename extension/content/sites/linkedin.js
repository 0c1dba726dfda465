// LinkedIn (Quill): the only file that knows LinkedIn's markup. LinkedIn is moving to hashed
// class names, so after the named classes comes a structural fallback: a Quill editor that is a
// textbox, inside a dialog or a comment form.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  if (ST.adapter) return;

  const COMMENT_SCOPE = ['.comments-comment-texteditor', '.comments-comment-box', 'form.comments-comment-box__form'];

  ST.adapter = {
    site: 'linkedin',
    editors: [
      '.share-creation-state__text-editor .ql-editor[contenteditable="true"]',
      '.comments-comment-texteditor .ql-editor[contenteditable="true"]',
      '.ql-editor[contenteditable="true"][role="textbox"]',
    ],
    accept(el) {
      if (el.closest('.msg-form, [class*="msg-form"]')) return false; // messaging is not posting
      return !!ST.closestAny(el, ['.share-creation-state__text-editor', ...COMMENT_SCOPE, '[role="dialog"]', 'form']);
    },
    kind(el) {
      if (ST.closestAny(el, ['.comments-comment-box--reply', '.comments-reply-box'])) return 'reply';
      if (ST.closestAny(el, COMMENT_SCOPE)) return 'comment';
      return el.closest('[role="dialog"], .share-creation-state__text-editor') ? 'post' : 'comment';
    },
    // Quill: one <p> (or <li>, <h1>...) per line, directly under .ql-editor.
    read: {
      isBlock: (el, root) =>
        el.localName === 'li' || (el.parentElement === root && el.localName !== 'ul' && el.localName !== 'ol'),
    },
    anchor(el) {
      return ST.closestAny(el, ['.share-creation-state__text-editor', '.comments-comment-texteditor']) ?? el;
    },
    submitButtons: [
      'button.share-actions__primary-action',
      'button.comments-comment-box__submit-button',
      'button[class*="comments-comment-box__submit-button"]',
    ],
    isPublishKey() {
      return false; // LinkedIn posts only from its buttons (and the comment form's submit)
    },
  };
})();
