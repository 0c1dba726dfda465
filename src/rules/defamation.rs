use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::text::tail::{Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/defamation.txt"));

declare_rule! {
    /// Factual-sounding accusations of crime, dishonesty or incompetence against someone
    /// identifiable ("Mr Jones is a fraud").
    ///
    /// Against an identifiable person or organisation: "Mr Jones is a fraud", "the head
    /// teacher stole the trip money", "@councillor took bribes", "the council covered up
    /// abuse", "Sendiass is corrupt".
    ///
    /// An accusation counts only after someone identifiable: a name ("Dave", "Mrs Patel"), an
    /// @mention, a role with "the", "my" or "our" ("the head teacher", "my manager", "the
    /// SENCO", "the council", "the school"), or the organisation's own names from the pack.
    /// "I think", "allegedly" and the like do not make an accusation safe, so they do not
    /// clear it. "He is a criminal lawyer" is not flagged, nor is an animal ("Seagull stole my
    /// chip") or a title in quotes taken for a name.
    ///
    /// ## Why
    /// The policy forbids defamatory content and any statement likely to create legal
    /// liability; a false accusation posted in public can lead to a claim for defamation.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullets 3 and 7 (personal accounts).
    ///
    /// ## Example
    /// "The head teacher stole the trip money" is flagged at "The head teacher stole".
    pub struct Defamation {
        id: "defamation",
        title: "Defamatory accusations",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "You must not upload, post, forward or post a link to any illegal, abusive, obscene, discriminatory, harassing, derogatory or defamatory content.",
        severity: Stop,
        modes: Both,
        example: "The head teacher stole the trip money",
    }
}

const SECTIONS: [&str; 2] = ["label", "deed"];
const LABEL: u32 = 0;
/// Tag of the organisation's own names, added from the pack.
const ORG: u32 = 10;

/// The link between a target and an accusing label: "is a", "are all", "is nothing but a".
static LABEL_LINK: Tail = Tail {
    head: &[concat!(
        "is|are|was|were|s|r|has always been|has been|is such|is nothing but|is clearly|",
        "is obviously|is a known|is an absolute|is a total|is a complete|is a bloody|",
        "is a fucking|are all|are a bunch of|are just",
    )],
    fillers: &[&[
        "a",
        "an",
        "such a",
        "the",
        "total",
        "complete",
        "absolute",
        "bloody",
        "fucking",
        "known",
        "total",
        "utter",
        "utterly",
        "completely",
        "totally",
        "so",
        "very",
        "really",
        "just",
        "clearly",
        "obviously",
        "all",
        "nothing but",
    ]],
    after_space: true,
    phrases: std::sync::OnceLock::new(),
};

/// The words that may stand between a target and a deed: "has", "just", "allegedly".
const ADVERBS: &str = concat!(
    "has have had just clearly obviously allegedly actually also then literally openly ",
    "repeatedly basically",
);

/// Where the run of [`ADVERBS`] at the end of `window` begins (the space before it, or the
/// window's last space when there are none) and how many words it has: the regex
/// `(?: has| have| …)* $`, as a walk back over the words.
fn adverbs_at_end(window: &str) -> Option<(usize, usize)> {
    let mut at = window
        .len()
        .checked_sub(1)
        .filter(|_| window.ends_with(' '))?;
    let mut words = 0;
    while let Some(i) = window[..at].rfind(' ') {
        let w = &window[i + 1..at];
        if w.is_empty() || !crate::text::in_list(ADVERBS, w) {
            break;
        }
        at = i;
        words += 1;
    }
    Some((at, words))
}

/// Someone identified by their role: "the head teacher", "my manager", "our school".
static ROLE: Tail = Tail {
    head: &[
        "the|my|our|their|his|her|your|ur|this|that",
        concat!(
            "head teacher|headteacher|head|headmaster|headmistress|principal|deputy head|",
            "senco|teacher|teachers|manager|boss|line manager|director|councillor|council|",
            "social worker|caseworker|case worker|case officer|school|academy|trust|ceo|",
            "chair|chairman|mayor|mp|doctor|gp|nurse|consultant|paediatrician|ed psych|",
            "educational psychologist|officer|coordinator|panel|la|local authority|nursery|",
            "college|landlord|solicitor|charity|service|staff|team|department",
        ),
    ],
    fillers: &[&[]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Titles taken with the name after them: "Mrs Patel".
const TITLES: &str = "mr mrs ms miss dr cllr councillor sir dame prof";

impl Rule for Defamation {
    fn prepare(
        &self,
        pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &SECTIONS, false);
        for name in pack.names() {
            lex.add_entry(Owner::Rule(index), ORG, name, false);
        }
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let hits: Vec<_> = doc.hits_of(cx.owner()).collect();
        for &(h, entry, (a, b)) in &hits {
            if entry.tag != LABEL && entry.tag != 1 {
                continue;
            }
            let before = doc.before(h.start, 70);
            // The words before the link ("is a", "stole"), and the target just before those:
            // where the link begins (the space before it) and how many words it has.
            let link = if entry.tag == LABEL {
                Words::of(before)
                    .and_then(|w| LABEL_LINK.find(&w))
                    .map(|m| (m.start.saturating_sub(1), m.words))
            } else {
                adverbs_at_end(before)
            };
            let Some((l_start, l_words)) = link else {
                continue;
            };
            let head = &before[..l_start];
            // "He is a criminal lawyer": the label is an adjective for a job, not an accusation.
            if regex!(r"^ (?:lawyer|barrister|solicitor|justice|record check|law|court|investigation|defence|defense)").is_match(doc.after(h.end, 30)) {
                continue;
            }
            let named = doc.name_before(before, l_words);
            let org = hits.iter().any(|(o, e, _)| {
                e.tag == ORG && o.end <= h.start && h.start - o.end <= before.len() - l_start + 1
            });
            // A role ("the head teacher"), with the space after it that the window has.
            let role = before
                .get(..=l_start)
                .and_then(Words::of)
                .and_then(|w| ROLE.find(&w))
                .map(|m| m.start.saturating_sub(1));
            let mention = if head == "@" {
                Some(0)
            } else {
                head.strip_suffix(" @").map(str::len)
            };
            let target_start = if let Some(m) = role.or(mention) {
                Some(m)
            } else if named || org {
                Some(head.rfind(' ').map_or(0, |i| i).min(head.len()))
            } else {
                None
            };
            let Some(ts) = target_start else { continue };
            // "Mrs Patel": take the title with the name.
            let ts = head
                .get(..ts)
                .and_then(|t| {
                    t.rfind(' ')
                        .filter(|&i| i + 1 < t.len() && crate::text::in_list(TITLES, &t[i + 1..]))
                })
                .unwrap_or(ts);
            let word_start = h.start - before.len() + ts + usize::from(head[ts..].starts_with(' '));
            let from = doc
                .norm
                .words
                .span_at(word_start)
                .map_or(a, |(s, _)| s.min(a));
            let mut f = cx.finding(
                from,
                b,
                format!(
                    "“{}” accuses someone identifiable of wrongdoing. The policy forbids defamatory content; say it to the right body privately, not in public.",
                    doc.excerpt(from, b)
                ),
            );
            f.kind = Some(
                if entry.tag == LABEL {
                    "accusation"
                } else {
                    "alleged-act"
                }
                .into(),
            );
            f.suggestion = Some(
                "Remove it, or raise the concern with the organisation or the proper authority."
                    .into(),
            );
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {

    /// The walks say what the regexes they replaced said, on 40,000 windows cut anywhere: the
    /// link to a label (written back as a pattern it is the original, character for
    /// character) and the adverbs before a deed start where the regexes start and have as many
    /// words; a role is found where the regex anchored at the window's end finds it.
    #[test]
    fn the_walks_agree_with_the_regexes_they_replaced() {
        use super::{adverbs_at_end, Words, ADVERBS, LABEL_LINK, ROLE};
        let link = concat!(
            r" (?:is|are|was|were|s|r|has always been|has been|is such|is nothing but|is clearly|is obviously|is a known|is an absolute|is a total|is a complete|is a bloody|is a fucking|are all|are a bunch of|are just)",
            r"(?: a| an| such a| the| total| complete| absolute| bloody| fucking| known| total| utter| utterly| completely| totally| so| very| really| just| clearly| obviously| all| nothing but)* $"
        );
        assert_eq!(LABEL_LINK.as_regex(), link);
        let link = regex_lite::Regex::new(link).expect("compiles");
        let adverbs = regex_lite::Regex::new(
            r"(?: has| have| had| just| clearly| obviously| allegedly| actually| also| then| literally| openly| repeatedly| basically)* $",
        )
        .expect("compiles");
        let role = regex_lite::Regex::new(concat!(
            r"(?:^| )(?:the|my|our|their|his|her|your|ur|this|that)",
            r" (?:head ?teacher|head|headmaster|headmistress|principal|deputy head|senco|teacher|teachers|manager|boss|line manager|director|",
            r"councillor|council|social worker|caseworker|case worker|case officer|school|academy|trust|ceo|chair|chairman|mayor|mp|",
            r"doctor|gp|nurse|consultant|paediatrician|ed psych|educational psychologist|officer|coordinator|panel|la|local authority|",
            r"nursery|college|landlord|solicitor|charity|service|staff|team|department)$"
        ))
        .expect("compiles");
        let mut vocab: Vec<&str> = vec!["x", "", "dave", "@", "\n", "liar", "stole"];
        vocab.extend(LABEL_LINK.words());
        vocab.extend(ROLE.words());
        vocab.extend(ADVERBS.split(' '));
        let mut matched = [0usize; 3];
        for window in crate::text::tail::test_windows(0xdefa, &vocab, 7, 40_000) {
            let words =
                |m: regex_lite::Match| m.as_str().split(' ').filter(|w| !w.is_empty()).count();
            let want = link.find(&window).map(|m| (m.start(), words(m)));
            let got = Words::of(&window)
                .and_then(|w| LABEL_LINK.find(&w))
                .map(|m| (m.start.saturating_sub(1), m.words));
            assert_eq!(got, want, "{window:?}");
            matched[0] += usize::from(want.is_some());
            let want = adverbs.find(&window).map(|m| (m.start(), words(m)));
            assert_eq!(adverbs_at_end(&window), want, "{window:?}");
            matched[1] += usize::from(want.is_some_and(|(_, n)| n > 0));
            // The head before a link: the window without its last space.
            if let Some(head) = window.strip_suffix(' ') {
                let want = role.find(head).map(|m| m.start());
                let got = Words::of(&window)
                    .and_then(|w| ROLE.find(&w))
                    .map(|m| m.start.saturating_sub(1));
                assert_eq!(got, want, "{window:?}");
                matched[2] += usize::from(want.is_some());
            }
        }
        assert!(matched.iter().all(|&m| m > 300), "{matched:?}");
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("defamation", text)
    }

    #[test]
    fn accusations_against_someone_identifiable() {
        assert_eq!(
            flagged("The head teacher stole the trip money"),
            ["The head teacher stole"]
        );
        assert_eq!(flagged("Mrs Patel is a fraud"), ["Mrs Patel is a fraud"]);
        assert_eq!(
            flagged("@cllr_smith took bribes"),
            ["@cllr_smith took bribes"]
        );
        assert_eq!(
            flagged("the council covered up abuse"),
            ["the council covered up"]
        );
        assert_eq!(flagged("SENDIASS is corrupt"), ["SENDIASS is corrupt"]);
        assert_eq!(flagged("my manager is a liar"), ["my manager is a liar"]);
    }

    #[test]
    fn not_accusations() {
        for t in [
            "Seagull stole my chip.",
            "Fox got into the bins and stole the lot",
            "He is a criminal lawyer",
            "Fraud is on the rise, be careful",
            "The thief was caught on camera",
            "Scams are everywhere",
            "I lied about my age once",
            "Abuse must be reported",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
