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
    /// Who it is may be said further back in the sentence, with who they are between:
    /// "Dr Hussain at the Ampthill surgery has been falsifying assessments", "The CEO of
    /// BrightPath Academies has been embezzling" (a full name, a title and a name, or a role
    /// with "the", "my" or "our"), unless the one who did it is right before the deed and is
    /// the writer or nobody in particular ("My manager said the kids stole the biscuits"), or
    /// the sentence reports a case ("was jailed for stealing", "police said").
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
        if w.is_empty() || !super::in_set!(ADVERBS, w) {
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

/// Where, in `head` (the words of a sentence before an accusation's link, from
/// [`Document::before`]), someone identifiable is named with more between them and the
/// accusation than the link: a full name or a title and a name ("Brian Reeves", "Dr
/// Hussain", "Priory Academy", "Oakbank School's"), a role with "the", "my" or "our" and up to
/// two words before it ("the new headteacher at Harlington", "the SEND caseworker"), or the
/// organisation. Not when the one who did it is the writer or nobody in particular ("I",
/// "someone" right before the accusation), nor in news of a case ("was jailed", "the court
/// heard"), which reports what a court found.
fn further_back(
    doc: &Document,
    head: &str,
    hits: &[(&crate::lexicon::Hit, &crate::lexicon::Entry, (u32, u32))],
    at: usize,
) -> Option<usize> {
    let words: Vec<(usize, &str)> = crate::text::tail::word_offsets(head)
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let &(_, last) = words.last()?;
    if super::in_set!(NOBODY_IN_PARTICULAR, last) {
        return None;
    }
    let sentence = doc
        .norm
        .words
        .as_str()
        .get(doc.sentence_start(at)..doc.sentence_end(at))
        .unwrap_or("");
    if sentence.split(' ').any(|w| super::in_set!(NEWS, w)) {
        return None;
    }
    let offset = doc.offset_of(head)?;
    let named = |k: usize| {
        words.get(k).is_some_and(|&(p, w)| {
            w.chars().all(char::is_alphabetic)
                && !super::is_common_word(w)
                && doc.capitalised_at(offset + p)
        })
    };
    let role = regex!(concat!(
        r"(?:^| )(?:the|my|our|their|this|that)(?: \S+){0,2}? (?:",
        "head teacher|headteacher|head|headmaster|headmistress|principal|senco|teacher|manager|",
        "boss|director|councillor|social worker|caseworker|case worker|officer|ceo|chair|",
        "treasurer|matron|nurse|doctor|gp|consultant|psychologist|therapist|owner|landlord|",
        "solicitor|driver|coach|vicar|business manager|receptionist|deputy|secretary|trustee|",
        "governor|caretaker|school|academy|nursery|trust|council|surgery|charity|firm|company",
        r")(?: |$)"
    ));
    let first = words.iter().enumerate().find_map(|(k, &(p, w))| {
        let title = super::in_set!(TITLES, w) && named(k + 1);
        (title || (named(k) && named(k + 1))).then_some(p)
    });
    let by_role = role
        .find(head)
        .map(|m| m.start() + usize::from(m.as_str().starts_with(' ')));
    let org = hits
        .iter()
        .filter(|(o, e, _)| e.tag == ORG && o.end <= at && o.start >= offset)
        .map(|(o, _, _)| o.start - offset)
        .min();
    [first, by_role, org].into_iter().flatten().min()
}

/// Who did it, when it is no one in particular or the writer: "someone stole my bike", "I
/// lied".
const NOBODY_IN_PARTICULAR: &str = concat!(
    "i we someone somebody anyone anybody nobody everyone everybody people you they it he she ",
    "kids children pupils students boys girls parents families customers"
);

/// Words of a case reported: "was jailed for stealing", "the court heard he lied".
const NEWS: &str = concat!(
    "jailed convicted sentenced pleaded guilty court heard trial police arrested charged ",
    "denies denied"
);

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
            let before = doc.before(h.start, 140);
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
                // (Who the name is may be said before it: "The manager of Sunshine Nursery in
                // Biggleswade hits".)
                let at = head.rfind(' ').map_or(0, |i| i).min(head.len());
                Some(further_back(doc, head, &hits, h.start).map_or(at, |f| f.min(at)))
            } else {
                // Someone named further back in the sentence, with who they are between:
                // "Dr Hussain at the Ampthill surgery has been falsifying", "Mrs Patel, the
                // SENCO at Linslade Lower, deliberately shreds".
                further_back(doc, head, &hits, h.start)
            };
            let Some(ts) = target_start else { continue };
            // "Mrs Patel": take the title with the name.
            let ts = head
                .get(..ts)
                .and_then(|t| {
                    t.rfind(' ')
                        .filter(|&i| i + 1 < t.len() && super::in_set!(TITLES, &t[i + 1..]))
                })
                .unwrap_or(ts);
            let word_start = h.start - before.len() + ts + usize::from(head[ts..].starts_with(' '));
            let from = doc
                .norm
                .words
                .span_at(word_start)
                .map_or(a, |(s, _)| s.min(a));
            cx.push(
                out,
                from,
                b,
                format!(
                    "“{}” accuses someone identifiable of wrongdoing. The policy forbids defamatory content; say it to the right body privately, not in public.",
                    doc.excerpt(from, b)
                ),
                if entry.tag == LABEL {
                    "accusation"
                } else {
                    "alleged-act"
                },
                Some("Remove it, or raise the concern with the organisation or the proper authority."),
            );
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
        // Who it is, said further back in the sentence.
        for (text, want) in [
            (
                "Dr Hussain at the Ampthill surgery has been falsifying autism assessments",
                "Dr Hussain at the Ampthill surgery has been falsifying",
            ),
            (
                "Councillor Brian Reeves takes backhanders from the contractor",
                "Councillor Brian Reeves takes backhanders",
            ),
            (
                "The manager of Sunshine Nursery in Biggleswade hits the children",
                "The manager of Sunshine Nursery in Biggleswade hits the children",
            ),
            (
                "The CEO of BrightPath Academies has been embezzling from the trust",
                "The CEO of BrightPath Academies has been embezzling",
            ),
        ] {
            assert_eq!(flagged(text), [want], "{text:?}");
        }
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
            "Someone stole my bike from outside Tesco",
            "My manager said the kids stole the biscuits",
            "Dave Smith, 45, was jailed for stealing £20k, police said",
            "The head teacher at Priory Academy faked a British accent in the panto",
            "Come on England! Nerves shredded already",
            "Thanks Dave, you stole the show",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
