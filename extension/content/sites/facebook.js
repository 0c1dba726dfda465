// Facebook (Lexical): the only file that knows Facebook's markup. Labels are translated, so
// English labels are never the only way in: structure (dialog, Lexical markers) comes first.
(() => {
  'use strict';
  const ST = globalThis.__secondThought;
  if (ST.adapter) return;

  // "Post" / "Share now" / "Comment" in the languages Facebook is most used in.
  const POST_LABELS = ['Post', 'Share now', 'Share', 'Publier', 'Partager', 'Posten', 'Teilen', 'Publicar',
    'Compartir', 'Pubblica', 'Condividi', 'Opublikuj', 'Plaatsen', 'Paylaş', 'Опубликовать', 'Publiceren'];
  const COMMENT_LABELS = ['Comment', 'Reply', 'Commenter', 'Répondre', 'Kommentieren', 'Antworten', 'Comentar',
    'Responder', 'Commenta', 'Rispondi', 'Skomentuj', 'Reageren', 'Yorum yap'];
  const label = (l) => `[role="button"][aria-label="${l}"]`;
  // Comment boxes are labelled "Write a comment…", "Write a reply…" and their translations.
  const COMMENT_WORDS =
    /comment|reply|kommentar|antwort|comentar|respuesta|responde|commentaire|répon|commento|rispost|komentarz|odpowied|reageer|reactie|yorum|коммент|ответ|评论|回复|コメント|返信/i;

  ST.adapter = {
    site: 'facebook',
    editors: ['div[role="textbox"][contenteditable="true"][data-lexical-editor="true"]'],
    accept(el) {
      // Messenger chat boxes are Lexical too: not posts.
      if (/^\/messages(\/|$)/.test(location.pathname)) return false;
      return !ST.closestAny(el, [
        '[aria-label*="Messenger" i]',
        '[data-pagelet*="Chat" i]',
        '[data-testid*="mwchat" i]',
        '[role="complementary"]',
      ]);
    },
    kind(el) {
      const text = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('aria-placeholder') ?? ''}`;
      if (COMMENT_WORDS.test(text)) return 'comment';
      // The post composer lives in the "Create post" dialog; other Lexical boxes are comments.
      return el.closest('[role="dialog"]') ? 'post' : 'comment';
    },
    // Lexical: the root's children are paragraphs (and lists); <br> is a soft line break.
    read: {
      isBlock: (el, root) =>
        el.localName === 'li' || (el.parentElement === root && el.localName !== 'ul' && el.localName !== 'ol'),
    },
    anchor(el) {
      return el;
    },
    submitButtons: [...POST_LABELS.map(label), ...COMMENT_LABELS.map(label), '#focused-state-composer-submit'],
    // A plain Enter submits a comment (Shift+Enter is a new line). The post composer has no
    // keyboard shortcut.
    isPublishKey(e, el, kind) {
      return kind === 'comment' && e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey;
    },
  };
})();
