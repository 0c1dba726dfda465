use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;
use regex_lite::Regex;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/confidential.txt"));

declare_rule! {
    /// Words that mark material as not for publication ("strictly confidential", "internal
    /// only") and case references.
    ///
    /// For example "strictly confidential", "internal only", "not for publication",
    /// "embargoed", "do not share this", "strictly private", "OFFICIAL-SENSITIVE", and
    /// tribunal or case references ("case ref: EH825/19/00012").
    ///
    /// Leaks told as leaks count too: "keep it to yourselves", "not supposed to share", "legally
    /// privileged", "under NDA", "from the staff Teams chat", "leaked memo". A secret of the
    /// writer's own ("don't tell anyone but I'm pregnant", "keep it quiet, surprise party") and
    /// talk about an internal email are no marker.
    ///
    /// "Confidential" on its own is flagged only where it is a label: in capitals, followed by
    /// a colon or a dash, at the start of the post or a line ("Confidential: minutes…",
    /// "this is confidential - do not share"), or before a particular document, a word between
    /// at most ("the confidential safeguarding review", "the confidential HR investigation"); "I'll keep it confidential" is not flagged, nor
    /// is the end of a list of what a service is ("independent, impartial and confidential –
    /// that's us"), nor is "Confidential" that describes what a service offers
    /// ("Confidential helpline for young people", "Confidential, impartial advice"). Nor is
    /// "in confidence" offered to the reader ("Reach out to us in confidence", "all calls are
    /// treated in confidence"); told or shared in confidence it is still a marker ("She told me
    /// in confidence that…"). A case
    /// reference is flagged when it has the SEND
    /// tribunal's shape (two letters, three digits, two digits, five digits) or follows the words
    /// "case", "tribunal" or "appeal" with "ref", "reference", "no." or "number".
    ///
    /// ## Why
    /// The policy says never to disclose private or confidential information; a document marked
    /// confidential, or a case reference that identifies a family's appeal, must not be posted.
    ///
    /// ## Clause
    /// Section 2, bullet 3.
    ///
    /// ## Example
    /// "Strictly confidential: the panel's minutes are attached" is flagged at "Strictly
    /// confidential".
    pub struct ConfidentialMarker {
        id: "confidential-marker",
        title: "Confidential material",
        category: MustNotDisclose,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Stop,
        modes: Both,
        example: "Strictly confidential: the panel's minutes are attached",
    }
}

/// Lexicon sections: 0 = always a marker, 1 = a marker only when written as a label.
const SECTIONS: [&str; 2] = ["marker", "word"];

/// The SEND tribunal's reference shape, two letters, three digits, two digits, five digits
/// ("EH123/24/00012"), standing alone: the matches of
/// `\b[A-Z]{2}[0-9]{3}/[0-9]{2}/[0-9]{5}\b` (ASCII word boundaries), found from each "/".
fn tribunal_refs(plain: &str) -> Vec<std::ops::Range<usize>> {
    let b = plain.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    let shape = |s: usize| {
        let is = |from: usize, n: usize, f: fn(&u8) -> bool| {
            b.get(s + from..s + from + n)
                .is_some_and(|w| w.iter().all(f))
        };
        is(0, 2, u8::is_ascii_uppercase)
            && is(2, 3, u8::is_ascii_digit)
            && b.get(s + 5) == Some(&b'/')
            && is(6, 2, u8::is_ascii_digit)
            && b.get(s + 8) == Some(&b'/')
            && is(9, 5, u8::is_ascii_digit)
            && (s == 0 || !word(s - 1))
            && !word(s + 14)
    };
    let mut out = Vec::new();
    let mut resume = 0;
    for p in memchr::memchr_iter(b'/', b) {
        // `p` as the first slash: the reference starts five bytes before it.
        let Some(s) = p.checked_sub(5) else { continue };
        if s >= resume && shape(s) {
            out.push(s..s + 14);
            resume = s + 14;
        }
    }
    out
}

/// "case ref: …", "tribunal number …", "appeal no. …".
fn labelled_ref() -> &'static Regex {
    crate::rules::regex!(concat!(
        r"(?i:\b(?:case|tribunal|appeal)\s+(?:ref(?:erence)?|no\.?|number)\s*(?:[:#.]\s*)?)",
        r"[A-Z0-9][A-Z0-9/\-]{3,}[0-9]",
    ))
}

impl Rule for ConfidentialMarker {
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
            let marked = doc.excerpt(a, b);
            if entry.tag == 1 && !is_label(doc, marked, a, b) {
                continue;
            }
            if entry.norm.starts_with("in ") && offered(doc.before(h.start, 40)) {
                continue;
            }
            // "We give impartial, confidential information and advice": what the service
            // offers, not a document marked.
            if entry.norm == "confidential information" && service_offer(doc, h) {
                continue;
            }
            cx.push(
                out,
                a,
                b,
                format!("“{marked}” marks material that is not for publication. The policy says never to disclose confidential information."),
                "marker",
                None,
            );
        }
        let plain = doc.norm.plain.as_str();
        if !plain.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        // Each pattern runs only when the text has what it needs.
        let words = doc.norm.words.as_str();
        let labelled = [" case ", " tribunal ", " appeal "]
            .iter()
            .any(|w| words.contains(w));
        let slashed = plain.contains('/');
        let mut refs = if slashed {
            tribunal_refs(plain)
        } else {
            Vec::new()
        };
        if labelled {
            // From each "case", "tribunal" or "appeal": a label and its reference are short.
            let b = plain.as_bytes();
            let at = (0..b.len()).filter(|&i| {
                matches!(b[i] | 0x20, b'c' | b't' | b'a')
                    && ["case", "tribunal", "appeal"].iter().any(|w| {
                        b.get(i..i + w.len())
                            .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                    })
            });
            refs.extend(super::find_around(labelled_ref(), plain, at, 0, 80));
        }
        for m in refs {
            if let Some((a, b)) = doc.plain_span(m) {
                cx.push(
                    out,
                    a,
                    b,
                    "This looks like a tribunal or case reference, which can identify a family's case. The policy says never to disclose confidential information.",
                    "case-reference",
                    Some("Remove the reference."),
                );
            }
        }
    }
}

/// Whether a single marker word is written as a label: in capitals, followed by a colon, or
/// first on its line, or followed by a dash (unless it ends a list: "free, impartial and
/// confidential – …").
fn is_label(doc: &Document, word: &str, start: u32, end: u32) -> bool {
    let text = doc.text;
    if word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return true;
    }
    let Some(r) = doc.byte_range(start, end) else {
        return false;
    };
    let after = text[r.end..].trim_start_matches([' ', '\u{a0}']);
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    // A dash after it labels ("Confidential – do not share", "this is confidential - do not
    // share"), but not at the end of a list of what a service is ("Independent, impartial and
    // confidential – that's what we are").
    let first_on_line = text[line_start..r.start]
        .chars()
        .all(|c| !c.is_alphanumeric());
    let head = text[line_start..r.start].trim_end();
    let listed = head.ends_with(',')
        || head
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"));
    if after.starts_with(':') || (after.starts_with(['-', '–', '—']) && !listed) {
        return true;
    }
    // First on its line, unless it describes what follows: "Confidential helpline for young
    // people", "Confidential, impartial advice" are what a service offers, not a label.
    let mut words = after
        .trim_start_matches([',', ' '])
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let next = words.next().unwrap_or("");
    // What it describes is a particular document, within two words: "the confidential
    // safeguarding review", "posting the confidential HR investigation outcome" (not "keep
    // your confidential documents safe").
    let particular = head
        .rsplit(' ')
        .next()
        .is_some_and(|w| crate::text::in_list("the this that these those", w));
    let document = particular
        && std::iter::once(next)
            .chain(words.take(1))
            .any(|w| crate::text::in_list(DOCUMENTS, w));
    document || (first_on_line && !crate::text::in_list(OFFERED, next))
}

/// The papers "confidential" marks when it comes right before them (a word between at most).
const DOCUMENTS: &str = concat!(
    "review reviews minutes memo memos email emails document documents papers paper file ",
    "files investigation briefing spreadsheet letter letters draft agenda outcome"
);

/// Whether "in confidence" is offered rather than marking what follows: the words before it
/// (`window`, the word stream) invite the reader to talk ("Reach out to us in confidence",
/// "speak to someone in confidence") or say how what they tell is kept ("all calls are
/// treated in confidence"). "She told me in confidence", "this was shared in confidence" are
/// still markers.
fn offered(window: &str) -> bool {
    const INVITED: &[&str] = &[
        "us", "someone", "somebody", "anyone", "anybody", "treated", "dealt", "handled", "kept",
        "held",
    ];
    let last = crate::text::tail::last_words::<3>(window);
    // "to us in confidence", "treated in confidence", "dealt with in confidence": one of the
    // last three words, and none of telling done ("told me", "shared with us").
    last.iter().any(|w| INVITED.contains(w))
        && !last
            .iter()
            .any(|w| matches!(*w, "me" | "told" | "shared" | "said" | "given" | "sent"))
}

/// Whether "confidential information" at `h` describes what a service gives: after "free",
/// "impartial" or "independent" ("impartial, confidential information"), or before "and
/// advice" ("confidential information and support").
fn service_offer(doc: &Document, h: &crate::lexicon::Hit) -> bool {
    let [w1, w2] = crate::text::tail::last_words::<2>(doc.before(h.start, 30));
    let after = doc.after(h.end, 30);
    [w1, w2]
        .iter()
        .any(|w| crate::text::in_list("free impartial independent", w))
        || [" and advice", " and support", " and guidance", " advice"]
            .iter()
            .any(|a| after.starts_with(a))
}

/// The words after "Confidential" that make it describe a service offered, not label a
/// document.
const OFFERED: &str = concat!(
    "helpline helplines hotline hotlines line lines advice service services support counselling ",
    "counseling chat help ",
    "listening guidance and impartial free space conversations conversation appointments drop ",
    "information"
);

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("confidential-marker", text)
    }

    #[test]
    fn tribunal_references_are_the_matches_of_their_regex() {
        let re =
            regex_lite::Regex::new(r"\b[A-Z]{2}[0-9]{3}/[0-9]{2}/[0-9]{5}\b").expect("compiles");
        let pieces = [
            "EH",
            "A",
            "123",
            "45",
            "12345",
            "1",
            "/",
            "x",
            "é",
            " ",
            "_",
            "SE9",
            "EH123/24/00012",
            "AB999/01/1234",
            "/24/",
        ];
        let mut seed = 11;
        let mut found = 0;
        for i in 0..20_000 {
            let text = crate::text::tests::mix(&mut seed, &pieces, 1 + i % 14);
            let want: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(super::tribunal_refs(&text), want, "{text:?}");
            found += want.len();
        }
        assert!(found > 200, "{found}");
    }

    #[test]
    fn markers() {
        assert_eq!(
            flagged("This is confidential - do not share"),
            ["confidential"]
        );
        assert_eq!(flagged("Confidential – do not share"), ["Confidential"]);
        // Before a particular document.
        assert_eq!(
            flagged("Page 3 of the confidential safeguarding review, read it and weep"),
            ["confidential"]
        );
        assert!(flagged("We offer confidential advice and support").is_empty());
        // What a service is, in a list: no label.
        assert!(flagged("Independent, impartial and confidential – that's us").is_empty());
        assert_eq!(
            flagged("🙂 Strictly confidential: minutes"),
            ["Strictly confidential"]
        );
        assert_eq!(flagged("This is INTERNAL ONLY, folks"), ["INTERNAL ONLY"]);
        assert_eq!(flagged("Embargoed until Monday"), ["Embargoed"]);
        assert_eq!(
            flagged("Report (OFFICIAL-SENSITIVE) attached"),
            ["OFFICIAL-SENSITIVE"]
        );
        assert_eq!(
            flagged("Not for publication, but…"),
            ["Not for publication"]
        );
        assert_eq!(flagged("CONFIDENTIAL draft"), ["CONFIDENTIAL"]);
        assert_eq!(flagged("Confidential: the new plan"), ["Confidential"]);
        assert_eq!(flagged("Please don't share this"), ["don't share this"]);
        // Leaks told as leaks.
        assert_eq!(
            flagged("Keep it to yourselves but the service is merging"),
            ["Keep it to yourselves"]
        );
        assert_eq!(
            flagged("Legally privileged advice, copied here"),
            ["Legally privileged"]
        );
        assert_eq!(
            flagged("Screenshot from the staff Teams chat"),
            ["from the staff Teams chat"]
        );
        assert_eq!(flagged("signed it all under NDA"), ["under NDA"]);
        // A secret that is no work material, and talk about an internal email.
        for t in [
            "Don't tell anyone but I'm pregnant!",
            "Keep it quiet, surprise party for Sue on Friday",
            "Except it was an internal email, how is that a leak?",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    #[test]
    fn case_references() {
        assert_eq!(
            flagged("Appeal EH825/19/00012 was heard"),
            ["EH825/19/00012"]
        );
        assert_eq!(
            flagged("case ref: 2023-4471 today"),
            ["case ref: 2023-4471"]
        );
        assert_eq!(
            flagged("Tribunal number 12345 result"),
            ["Tribunal number 12345"]
        );
    }

    #[test]
    fn labels_are_flagged() {
        assert_eq!(
            flagged("Confidential: minutes of the panel"),
            ["Confidential"]
        );
        assert_eq!(
            flagged("Confidential\nThe panel met today"),
            ["Confidential"]
        );
        assert_eq!(flagged("CONFIDENTIAL helpline notes"), ["CONFIDENTIAL"]);
    }

    #[test]
    fn confidence_offered_is_no_marker() {
        for t in [
            "It is okay to ask for help. Reach out to us in confidence.",
            "You can speak to someone in confidence, any time.",
            "All calls are treated in confidence",
            "Anything you tell us is dealt with in strict confidence",
            "You can tell us in confidence",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
        assert_eq!(
            flagged("She told me in confidence that the head is leaving"),
            ["in confidence"]
        );
        assert_eq!(
            flagged("This was shared with us in confidence"),
            ["in confidence"]
        );
        assert_eq!(
            flagged("Written in confidence: the panel's view"),
            ["in confidence"]
        );
    }

    #[test]
    fn ordinary_uses_are_not_flagged() {
        for t in [
            "I'll keep it confidential, promise",
            "Our confidential helpline is open 9-5",
            "Confidential helpline for young people: call us free",
            "Confidential helplines like Samaritans are there 24/7",
            "Confidential, impartial advice for parents of children with SEND",
            "Free, impartial and confidential. Call us.",
            "We give impartial, confidential information and advice about SEND",
            "Confidential information and support for parents and carers",
            "A private party tonight",
            "in case you missed it, ref 123",
            "Case numbers rose by 12%",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
