use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::text::tail::{Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/special-category.txt"));

declare_rule! {
    /// Someone's health, disability, ethnicity, religion or sexuality ("Sarah is pregnant",
    /// "her son is autistic").
    ///
    /// Special-category data about someone identifiable: their health, disability,
    /// ethnicity, religion or sexuality, said of a named person, an @mention, a pronoun or a
    /// relation ("my colleague has cancer", "Sarah is pregnant", "@dan came out as gay", "her
    /// son is autistic").
    ///
    /// What people say of themselves ("I'm autistic and proud") and general statements
    /// ("autism is not an illness") are not flagged.
    ///
    /// ## Why
    /// Data protection law gives health, disability, ethnicity, religion and sexuality extra
    /// protection; the policy forbids posting material which invades the privacy of any person.
    ///
    /// ## Clause
    /// Section 2, bullet 5 (and bullet 3).
    ///
    /// ## Example
    /// "Sarah in accounts is pregnant again" is flagged at "Sarah in accounts is pregnant".
    pub struct SpecialCategoryData {
        id: "special-category-data",
        title: "Someone's health, ethnicity, religion or sexuality",
        category: MustNotDisclose,
        clause: ("2.5", "2.5"),
        quote: "Do not use material in breach of copyright or other intellectual property rights, or which invades the privacy of any person.",
        severity: Warn,
        modes: Both,
        example: "Sarah in accounts is pregnant again",
    }
}

const SECTIONS: [&str; 5] = ["health", "disability", "ethnicity", "religion", "sexuality"];

impl Rule for SpecialCategoryData {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &SECTIONS, false);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            if entry.tag == crate::EXTRA_TERM_TAG {
                continue;
            }
            let before = doc.before(h.start, 80);
            let Some(words) = Words::of(before) else {
                continue;
            };
            let Some(l) = LINK.find(&words) else { continue };
            // The link's head follows a space, which ends the words before it.
            let head = &before[..l.start - 1];
            let words_after = l.words;
            let target = if let Some(m) = who(&before[..l.start]) {
                Some(m)
            } else if doc.name_before(before, words_after) {
                head.rfind(' ').map(|i| i + 1)
            } else if regex!(r" (?:in|from|at) \S+$").is_match(head)
                && doc.name_before(before, words_after + 2)
            {
                // "Sarah in accounts is …": the name is three words back.
                nth_word_from_end(head, 3)
            } else {
                None
            };
            let Some(t) = target else { continue };
            let from = doc
                .norm
                .words
                .span_at(h.start - before.len() + t)
                .map_or(a, |(s, _)| s.min(a));
            let category = SECTIONS
                .get(entry.tag as usize)
                .copied()
                .unwrap_or("health");
            let mut f = cx.finding(
                from,
                b,
                format!(
                    "“{}” tells the world about someone's {category}. That is special-category personal data; the policy forbids posting what invades anyone's privacy.",
                    doc.excerpt(from, b)
                ),
            );
            f.kind = Some(category.into());
            f.suggestion = Some("Leave it out unless it is yours to share.".into());
            out.push(f);
        }
    }
}

/// What links a person to a special category: "is", "has been diagnosed with", "came out as",
/// then words such as "a", "recently", "severely" up to the category word (a word walk back
/// over the window before it; as a regex it was tried from every start).
static LINK: Tail = Tail {
    head: &[concat!(
        "is|has|was|s|has got|got|had|suffers from|suffering from|struggles with|",
        "is living with|lives with|diagnosed with|has been diagnosed with|",
        "was diagnosed with|came out as|is secretly|turned|became|is now|converted to|",
        "is going through|is off with|is off sick with|went into",
    )],
    fillers: &[&[
        "a",
        "an",
        "now",
        "actually",
        "secretly",
        "recently",
        "just",
        "been",
        "severely",
        "very",
        "really",
        "apparently",
        "definitely",
        "also",
        "with",
        "in",
    ]],
    after_space: true,
    phrases: std::sync::OnceLock::new(),
};

/// Who the link is said of, as the last words before it: a pronoun, an @mention, a relation.
static WHO: Tail = Tail {
    head: &[concat!(
        "he|she|they|him|her|@|my colleague|my coworker|my co worker|my manager|my boss|",
        "my neighbour|my neighbor|my friend|my client|her son|his son|their son|",
        "her daughter|his daughter|their daughter|her husband|his wife|her partner|",
        "his partner|the child|the boy|the girl|the mum|the dad|the teacher|the head|",
        "the new girl|the new guy|our new|one of the parents|one of the staff",
    )],
    fillers: &[&[]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Where [`WHO`] starts at the end of `window` (the words before the link and the space after
/// them), as the regex `(?:^| )(?:he|she|…)$` over the words said: one past the match's start.
fn who(window: &str) -> Option<usize> {
    let m = WHO.find(&Words::of(window)?)?;
    // The regex's match starts at the space before the words, or at the start of the window
    // (whose first word is then one byte in, as the regex counted).
    Some(m.start.max(1))
}

/// The byte offset in `s` of the `n`th word from the end (1 = the last).
fn nth_word_from_end(s: &str, n: usize) -> Option<usize> {
    let mut end = s.len();
    for _ in 0..n {
        end = s[..end].rfind(' ')?;
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {

    /// The walks find what the regexes they replaced found, on windows made of their words:
    /// the link (its start and number of words) and who it is said of.
    #[test]
    fn walks_agree_with_the_regexes_they_replaced() {
        use super::{Words, LINK, WHO};
        let link_re = concat!(
            r" (?:is|has|was|s|has got|got|had|suffers from|suffering from|struggles with|is living with|lives with|diagnosed with|",
            r"has been diagnosed with|was diagnosed with|came out as|is secretly|turned|became|is now|converted to|is going through|is off with|is off sick with|went into)",
            r"(?: a| an| now| actually| secretly| recently| just| been| severely| very| really| apparently| definitely| also| with| in)* $"
        );
        let who_re = concat!(
            r"(?:^| )(?:he|she|they|him|her|@|my colleague|my coworker|my co worker|my manager|my boss|my neighbour|my neighbor|my friend|my client|",
            r"her son|his son|their son|her daughter|his daughter|their daughter|her husband|his wife|her partner|his partner|the child|the boy|the girl|",
            r"the mum|the dad|the teacher|the head|the new girl|the new guy|our new|one of the parents|one of the staff)$"
        );
        assert_eq!(LINK.as_regex(), link_re);
        let (link, who) = (
            regex_lite::Regex::new(link_re).expect("compiles"),
            regex_lite::Regex::new(who_re).expect("compiles"),
        );
        let mut vocab: Vec<&str> = vec!["x", "", "sarah", "and", "ill"];
        for t in [&LINK, &WHO] {
            vocab.extend(t.words());
        }
        let (mut links, mut whos) = (0, 0);
        for window in crate::text::tail::test_windows(0x5ca7, &vocab, 10, 40_000) {
            let want = link.find(&window).map(|m| {
                let words = m.as_str().split(' ').filter(|w| !w.is_empty()).count();
                (m.start(), words)
            });
            let got = Words::of(&window)
                .and_then(|w| LINK.find(&w))
                .map(|m| (m.start - 1, m.words));
            assert_eq!(got, want, "link in {window:?}");
            links += usize::from(want.is_some());
            // Who: the regex over the words before a space, the walk over them and the space.
            if let Some(cut) = window.rfind(' ') {
                let want = who.find(&window[..cut]).map(|m| m.start() + 1);
                assert_eq!(super::who(&window[..=cut]), want, "who in {window:?}");
                whos += usize::from(want.is_some());
            }
        }
        assert!(links > 1000 && whos > 1000, "{links} {whos}");
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("special-category-data", text)
    }

    #[test]
    fn about_someone_identifiable() {
        assert_eq!(
            flagged("Sarah in accounts is pregnant again"),
            ["Sarah in accounts is pregnant"]
        );
        assert_eq!(
            flagged("my colleague has cancer"),
            ["my colleague has cancer"]
        );
        assert_eq!(flagged("@dan came out as gay"), ["@dan came out as gay"]);
        assert_eq!(flagged("Her son is autistic"), ["Her son is autistic"]);
    }

    #[test]
    fn own_or_general_statements() {
        for t in [
            "I'm autistic and proud",
            "Autism is not an illness",
            "Cancer research needs funding",
            "It is black and white",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
