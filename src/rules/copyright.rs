use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/copyright.txt"));

/// A quotation at least this long (in characters) is flagged as a long verbatim quotation.
const LONG_QUOTE_CHARS: usize = 300;

declare_rule! {
    /// Material that may breach copyright: the © sign, "all rights reserved", "not my
    /// photo", "no copyright intended", "full movie", and long verbatim quotations.
    ///
    /// In detail: the © sign or "(c) 2024", "all rights reserved", "reposted without
    /// permission", "not my photo", "no copyright intended" (which does not make it legal),
    /// "full movie", "all credit to the original creator", "#notmine", "paywall bypass", long
    /// verbatim quotations (a quotation of 300 characters or more in quotation marks), and a
    /// work copied whole: a verb of copying before "the whole", "the entire" or "full"
    /// ("Pasting the whole Guardian long read", "Scanned the entire workbook"), or a whole work
    /// with a sign that it is shared in the post ("the full PDF of the book, Google Drive link",
    /// "entire chapter 3 pasted below"; not "worth reading the whole report [link]", which
    /// points to the original). A maker's own © ("my own artwork … © Jess Taylor 2024") is
    /// theirs to use.
    ///
    /// ## Why
    /// The policy forbids using material in breach of copyright or other intellectual property
    /// rights.
    ///
    /// ## Clause
    /// Section 2, bullet 5.
    ///
    /// ## Example
    /// "Not my photo, reposted without permission" is flagged at "Not my photo" and at
    /// "reposted without permission".
    pub struct Copyright {
        id: "copyright",
        title: "Copyright and others' material",
        category: MustNotDisclose,
        clause: ("2.5", "2.5"),
        quote: "Do not use material in breach of copyright or other intellectual property rights, or which invades the privacy of any person.",
        severity: Warn,
        modes: Both,
        example: "Not my photo, reposted without permission",
    }
}

/// The lexicon's `[whole]` section: "whole", "entire", "full", "complete" (see [`copied_at`]).
const WHOLE: u32 = 1;

impl Rule for Copyright {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &["phrase", "whole"], false);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            if entry.tag == crate::EXTRA_TERM_TAG {
                continue;
            }
            if entry.tag == WHOLE {
                copied_at(doc, cx, out, h.start, h.end - h.start);
                continue;
            }
            cx.push(
                out,
                a,
                b,
                format!("“{}” suggests someone else's material. The policy forbids using material in breach of copyright.", doc.excerpt(a, b)),
                "permission",
                Some("Share a link to the original, or ask the owner first."),
            );
        }
        let plain = doc.norm.plain.as_str();
        // "(c) 2024" needs a "(" followed by a "c"; the signs are rare.
        let bytes = plain.as_bytes();
        let bracket_c =
            memchr::memchr_iter(b'(', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'c' | b'C')));
        // A maker marking their own work ("my own artwork … © Jess Taylor 2024").
        let own = || {
            crate::text::contains_any(
                doc.norm.words.as_str(),
                &[
                    "my own",
                    "i made",
                    "i drew",
                    "i painted",
                    "i took",
                    "my artwork",
                    "my photo",
                ],
            )
        };
        if (bracket_c || crate::text::contains_any(plain, &["©", "℗"])) && !own() {
            for m in regex!(r"(?i)(?:©|℗|\(c\) ?(?:19|20)[0-9]{2})").find_iter(plain) {
                if let Some((a, b)) = doc.plain_span(m.range()) {
                    cx.push(
                        out,
                        a,
                        b,
                        "The copyright sign marks someone's protected work. The policy forbids using material in breach of copyright.",
                        "notice",
                        None,
                    );
                }
            }
        }
        if plain.len() >= LONG_QUOTE_CHARS && may_quote_at_length(plain) {
            let quote = regex!(r#""[^"]{300,}"|“[^”]{300,}”"#);
            for m in quote.find_iter(plain) {
                if m.as_str().chars().count() < LONG_QUOTE_CHARS {
                    continue;
                }
                if let Some((a, b)) = doc.plain_span(m.range()) {
                    cx.push(
                        out,
                        a,
                        b,
                        "This is a long verbatim quotation. Quoting a lot of someone else's work may breach copyright: quote a line and link to the rest.",
                        "long-quote",
                        None,
                    );
                }
            }
        }
    }
}

/// Someone else's work copied whole, at one "whole" (or "entire", "full", "complete": a hit of
/// the lexicon's `[whole]` section) at byte `at` of the word stream, `len` bytes long: a verb
/// of copying before it ("Pasting the whole Guardian long read", "Scanned the entire book"),
/// or a work after it in a sentence that shares it ("the full PDF of the book, Google Drive
/// link", "entire chapter 3 pasted below").
fn copied_at(doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>, at: usize, len: usize) {
    let w = doc.norm.words.as_str();
    let end = at + len;
    // Before it: a copying verb, with up to three words between ("Pasting the whole",
    // "Scanned this week's entire").
    let before: Vec<&str> = w[..at].trim_end().rsplit(' ').take(5).collect();
    let verb = before
        .iter()
        .enumerate()
        .find(|(k, b)| *k <= 3 && super::in_set!(COPYING, *b));
    if let Some((k, _)) = verb {
        let start = before[..=k].iter().map(|b| b.len() + 1).sum::<usize>();
        push_copied(doc, cx, out, at - start, end);
        return;
    }
    // After it: a work, within three words, in a sentence that shares it.
    let after: Vec<&str> = w[end..].split(' ').skip(1).take(3).collect();
    let Some(n) = after.iter().position(|a| super::in_set!(WORKS, *a)) else {
        return;
    };
    let to = end + after[..=n].iter().map(|a| a.len() + 1).sum::<usize>();
    let s = doc.sentence_start(at);
    let sentence = w.get(s..doc.sentence_end(at)).unwrap_or("");
    if sentence.split(' ').any(|x| super::in_set!(SHARED, x)) {
        let the = usize::from(w[..at].ends_with(" the ")) * 4;
        push_copied(doc, cx, out, at - the, to);
    }
}

/// The verbs of copying before "the whole": "pasting the whole", "scanned the entire".
const COPYING: &str = concat!(
    "copied copy copying paste pasted pasting scanned scanning screenshotted screenshotting ",
    "photocopied photocopying typed ripped ripping filmed uploaded uploading reposting reposted"
);
/// The works copied whole: "the full PDF", "the entire chapter".
const WORKS: &str = concat!(
    "lyrics article articles pdf pdfs book chapter episode episodes film movie album audiobook ",
    "documentary report handbook manual manuals workbook course match show text piece series ",
    "season"
);
/// The signs that a whole work is shared in the post itself.
const SHARED: &str = concat!(
    "below heres download attached comments drive dropbox wetransfer dm inbox mp3s swipe ",
    "pasted uploaded free enjoy"
);

/// A finding for a whole work copied, at bytes `a..b` of the word stream.
fn push_copied(doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>, a: usize, b: usize) {
    let a = a + usize::from(doc.norm.words.as_str()[a..].starts_with(' '));
    let b = b - usize::from(doc.norm.words.as_str()[..b].ends_with(' '));
    if let Some((from, to)) = doc.norm.words.span(a..b) {
        cx.push(
            out,
            from,
            to,
            format!(
                "“{}” shares someone else's work whole. The policy forbids using material in breach of copyright: link to the original instead.",
                doc.excerpt(from, to)
            ),
            "copied",
            Some("Share a link to the original, or a short quote from it."),
        );
    }
}

/// Whether a quotation of [`LONG_QUOTE_CHARS`] characters can be in the text: an opening
/// mark and the next closing one at least that many bytes apart. When not, the quotation
/// patterns need not run.
fn may_quote_at_length(plain: &str) -> bool {
    let far = |a: usize, b: usize| b - a > LONG_QUOTE_CHARS;
    let bytes = plain.as_bytes();
    let mut last: Option<usize> = None;
    let straight = memchr::memchr_iter(b'"', bytes).any(|p| {
        let hit = last.is_some_and(|l| far(l, p));
        last = Some(p);
        hit
    });
    // Curly: the first “ after the last ” against the next ”.
    let mut open: Option<usize> = None;
    // “ is E2 80 9C and ” is E2 80 9D in UTF-8: found from each E2 byte.
    let curly = memchr::memchr_iter(0xE2, bytes).any(|p| {
        let Some(&[0x80, last]) = bytes.get(p + 1..p + 3) else {
            return false;
        };
        if last == 0x9C {
            open = open.or(Some(p));
            false
        } else if last != 0x9D {
            false
        } else {
            open.take().is_some_and(|o| far(o, p))
        }
    });
    straight || curly
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("copyright", text)
    }

    #[test]
    fn notices_permissions_and_long_quotes() {
        assert_eq!(
            flagged("Not my photo, reposted without permission"),
            ["Not my photo", "reposted without permission"]
        );
        assert_eq!(
            flagged("© 2024 Acme. All rights reserved."),
            ["©", "All rights reserved"]
        );
        assert_eq!(flagged("(c) 2019 someone"), ["(c) 2019"]);
        let long = format!("As the book says: \"{}\"", "word ".repeat(70));
        assert_eq!(flagged(&long).len(), 1);
        let nested = format!("“{} “{}” and more", "word ".repeat(35), "word ".repeat(35));
        assert_eq!(flagged(&nested).len(), 1, "{nested}");
        // Other characters that start with the same UTF-8 byte (— and …) inside a quotation.
        let dashes = format!("“{}— {}…”", "word ".repeat(35), "word ".repeat(35));
        assert_eq!(flagged(&dashes).len(), 1, "{dashes}");
        assert!(flagged("“Short — and sweet…” she said").is_empty());
    }

    #[test]
    fn works_copied_whole() {
        assert_eq!(
            flagged("Pasting the whole Guardian long read because of the paywall"),
            ["Pasting the whole"]
        );
        assert_eq!(
            flagged("Here's the full PDF of the new book, Google Drive link below"),
            ["the full PDF"]
        );
        assert_eq!(
            flagged("Credit to the original creator #notmine"),
            ["Credit to the original creator", "notmine"]
        );
    }

    #[test]
    fn ordinary_text() {
        for t in [
            "(see below)",
            "My own photo from today",
            "She said \"thank you\" to everyone",
            "I read the whole book in one sitting",
            "Worth reading the whole report [link]",
            "This is my own artwork, please don't use it without asking © Jess Taylor 2024",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
