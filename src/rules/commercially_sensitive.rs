use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/commercial.txt"));

declare_rule! {
    /// Commercially sensitive information: tenders, contract values ("a £2.4m contract"),
    /// budgets, restructures, salaries, mergers and plans "not announced yet".
    ///
    /// It covers tenders and bids, contract values, budgets and cuts, restructures and
    /// redundancies, salaries and pay, mergers, and plans "not announced yet". News the post
    /// says is public already ("our merger has been announced publicly today", "see the press
    /// release") is not flagged.
    ///
    /// A sum of money is flagged only next to a word about contracts, budgets or pay ("£2.4m
    /// contract", "budget of £300k", "salary of £32,000", "she's on £56k"); prices of everyday
    /// things are not, nor sums under £1,000 ("our bake sale budget is £50"). News told as a
    /// secret ("not official yet", "don't repeat it", "you didn't hear it from me") is flagged
    /// in a post that names the workplace ("council", "staff", "managers", "services"): "it's
    /// not official yet but we're engaged!" is the writer's own news. "Restructuring my garden"
    /// is the writer's own; "has been published" and "as announced" make news public.
    /// A job advert ("We're hiring", "apply by", "vacancy", "join our team") publishes its
    /// salary or pay band: those words are not flagged there.
    ///
    /// ## Why
    /// The policy says never to disclose commercially sensitive or anti-competitive
    /// information.
    ///
    /// ## Clause
    /// Section 2, bullet 3.
    ///
    /// ## Example
    /// "We won the tender! £2.4m contract starting in April" is flagged at "the tender" and at
    /// "£2.4m contract".
    pub struct CommerciallySensitive {
        id: "commercially-sensitive",
        title: "Commercially sensitive information",
        category: MustNotDisclose,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Warn,
        modes: Both,
        example: "We won the tender! £2.4m contract starting in April",
    }
}

impl Rule for CommerciallySensitive {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &["phrase", "secret", "work"], false);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        // Whether the post names the workplace: asked only of news told as a secret.
        let work = || doc.hits_of(cx.owner()).any(|(_, e, _)| e.tag == WORK);
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            if entry.tag == crate::EXTRA_TERM_TAG
                || entry.tag == WORK
                || entry.tag == SECRET && !work()
                || already_public(doc, h.start)
                || PAY_WORDS.contains(&entry.norm.as_str()) && job_advert(doc)
                // "Restructuring my garden": the writer's own things, not the organisation.
                || entry.norm.starts_with("re") && doc.after(h.end, 4).starts_with(" my ")
            {
                continue;
            }
            let what = if entry.tag == SECRET {
                "says this is news not yet made public"
            } else {
                "may be commercially sensitive"
            };
            cx.push(
                out,
                a,
                b,
                format!("“{}” {what}. The policy says never to disclose commercially sensitive information.", doc.excerpt(a, b)),
                "business",
                None,
            );
        }
        let plain = doc.norm.plain.as_str();
        if !crate::text::contains_any(plain, &["£", "$", "€"]) {
            return;
        }
        if !has_business_word(plain) {
            return;
        }
        let money = money();
        // Every match holds a currency sign and a figure after it (`[£$€] ?[0-9]`), at most
        // about 60 bytes after the start of a "contract is worth" and 40 before the end of
        // "£2.4m a year contract". Signs without a figure ("a$$") are no centre.
        let b = plain.as_bytes();
        let signs = memchr::memchr3_iter(b'$', 0xC2, 0xE2, b).filter(|&i| sign_with_figure(b, i));
        for m in super::find_around(money, plain, signs, 120, 80) {
            // Someone's pay is shown from "on": "She's [on £56k]".
            let m = match plain
                .get(m.clone())
                .and_then(|t| crate::text::find(t, " on "))
            {
                Some(k) => m.start + k + 1..m.end,
                None => m,
            };
            // "Salary of £28,000" in a job advert is published pay.
            let pay = plain.get(m.clone()).is_some_and(|t| {
                let has = |n: &[u8]| {
                    t.as_bytes()
                        .windows(n.len())
                        .any(|w| w.eq_ignore_ascii_case(n))
                };
                has(b"salar") || has(b" pay")
            });
            if pay && job_advert(doc) || plain.get(m.clone()).is_some_and(petty_sum) {
                continue;
            }
            if let Some((a, b)) = doc.plain_span(m) {
                cx.push(
                    out,
                    a,
                    b,
                    format!("“{}” discloses a contract, budget or pay figure. The policy says never to disclose commercially sensitive information.", doc.excerpt(a, b)),
                    "money",
                    None,
                );
            }
        }
    }
}

/// The lexicon's sections: news told as a secret, flagged only beside a word of the workplace.
const SECRET: u32 = 1;
const WORK: u32 = 2;

/// The words of pay that a job advert publishes: "Salary £28,000 to £31,000", "pay band 5".
const PAY_WORDS: &[&str] = &["salary", "salaries", "pay grade", "pay band", "pay scale"];

/// Whether the post advertises a job ("We're hiring!", "Apply by Friday", "vacancy", "join our
/// team"): its salary or pay band is there to be published.
fn job_advert(doc: &Document) -> bool {
    // The word stream has a space before and after every word.
    let words = doc.norm.words.as_str();
    [
        " hiring ",
        " vacancy ",
        " vacancies ",
        " apply ",
        " recruiting ",
        " job advert ",
        " join our team ",
        " join the team ",
    ]
    .iter()
    .any(|w| words.contains(w))
}

/// Whether the sentence around byte `at` of the word stream says the news is public already
/// ("Our merger … has been announced publicly today", "the press release"), and not that it is
/// yet to be ("has not been announced", "before it is announced").
fn already_public(doc: &Document, at: usize) -> bool {
    let (start, end) = (doc.sentence_start(at), doc.sentence_end(at));
    let Some(sentence) = doc.norm.words.as_str().get(start..end) else {
        return false;
    };
    regex!(concat!(
        r"(?:^| )(?:(?:has|have|was|were|been|publicly|officially|formally) announced|",
        r"announced (?:publicly|officially|today|yesterday)|press release|made public|now public|",
        r"publicly available|public announcement|as announced|(?:has|have|was|were|been) published|published (?:today|yesterday|online))(?: |$)"
    ))
    .is_match(sentence)
        && !regex!(
            r"(?:^| )(?:not|nt|hasnt|havent|wasnt|werent|isnt|yet|before|until|embargoed)(?: |$)"
        )
        .is_match(sentence)
}

/// The money pattern: a figure with a business word after it ("£2.4m contract") or before
/// it ("the budget is £40k").
fn money() -> &'static regex_lite::Regex {
    regex!(concat!(
        r"(?i)[£$€] ?[0-9][0-9,.]*(?: ?(?:k|m|bn|million|billion|thousand))?",
        r"(?: (?:a year|per year|per annum|pa|annual|annually))?",
        r" ?(?:contract|deal|budget|tender|bid|funding|grant|salary|salaries|pay|payout|settlement|cut|cuts|overspend|deficit)",
        r"|(?i:contract|deal|budget|tender|bid|funding|salary|settlement|overspend|deficit)(?: (?:is|was|of|worth|value|valued at|at|for|will be|totals?))+ [£$€] ?[0-9][0-9,.]*(?: ?(?:k|m|bn|million|billion|thousand))?",
        // Someone's pay: "she's on £56k", "new advisers start on £27,344".
        r"|(?i:(?:'s|'re|'m|\bis|\bam|\bare|\bwas|\bwere|\bstarts?) on (?:about |around )?)[£$€] ?[0-9]{1,3}(?:k|,[0-9]{3})\b",
    ))
}

/// Whether the money in `t` (a match of [`money`]) is under 1,000 with no "k" or "m" after it:
/// "Our PTA bake sale budget is £50" is no organisation's secret.
fn petty_sum(t: &str) -> bool {
    let b = t.as_bytes();
    let Some(at) = b.iter().position(u8::is_ascii_digit) else {
        return false;
    };
    // The whole part (commas skipped), then the unit after the figure.
    let (mut n, mut k, mut whole) = (0u32, at, true);
    while let Some(&c) = b.get(k) {
        match c {
            b'0'..=b'9' if whole => n = n.saturating_mul(10).saturating_add(u32::from(c - b'0')),
            b'0'..=b'9' | b',' => {}
            b'.' => whole = false,
            _ => break,
        }
        k += 1;
    }
    let unit = t.get(k..).unwrap_or("").trim_start();
    let unit = &unit[..unit
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(unit.len())];
    n < 1000
        && !["k", "m", "bn", "million", "billion", "thousand"]
            .iter()
            .any(|u| unit.eq_ignore_ascii_case(u))
}

/// Whether a currency sign starts at byte `i` of `b` with a figure after it (`[£$€] ?[0-9]`).
fn sign_with_figure(b: &[u8], i: usize) -> bool {
    let Some(rest) = b.get(i..) else {
        return false;
    };
    let Some(sign) = ["$", "£", "€"]
        .iter()
        .find(|s| rest.starts_with(s.as_bytes()))
    else {
        return false;
    };
    let j = i + sign.len();
    let j = if b.get(j) == Some(&b' ') { j + 1 } else { j };
    b.get(j).is_some_and(u8::is_ascii_digit)
}

/// Whether `plain` has one of [`BUSINESS_WORDS`] (ASCII case-insensitive, like the pattern):
/// every match of [`money`] has one, and without one the pattern (slow in regex-lite's engine,
/// on a "$" before a figure in posts like "a$$ $5") need not run.
fn has_business_word(plain: &str) -> bool {
    use aho_corasick::automaton::Automaton;
    static WORDS: std::sync::OnceLock<Option<aho_corasick::dfa::DFA>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(true)
                .build(BUSINESS_WORDS)
                .ok()
        })
        .as_ref()
        .is_none_or(|w| {
            // The overlapping search the lexicon's DFA already has (a plain `try_find` kept
            // another 3.8 KB of search code in the wasm): its first match, if any.
            let mut state = aho_corasick::automaton::OverlappingState::start();
            w.try_find_overlapping(&aho_corasick::Input::new(plain), &mut state)
                .is_ok_and(|()| state.get_match().is_some())
        })
}

/// A part of every business word of the money pattern ("salar" for salary and salaries,
/// "cut" for cuts, "pay" for payout).
const BUSINESS_WORDS: &[&str] = &[
    "contract",
    "deal",
    "budget",
    "tender",
    "bid",
    "funding",
    "grant",
    "salar",
    "pay",
    "settlement",
    "cut",
    "overspend",
    "deficit",
    "on £",
    "on $",
    "on €",
    "on about",
    "on around",
];

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("commercially-sensitive", text)
    }

    /// Whenever the money pattern matches, the business-word test says yes, and a sign with
    /// a figure is inside the match: the two tests that keep the pattern from running never
    /// hide a match.
    #[test]
    fn prefilters_never_hide_a_money_match() {
        let pieces = [
            "£",
            "$",
            "€",
            " ",
            "2",
            "40",
            ".5",
            "k",
            "m",
            "bn",
            " million",
            " a year",
            " pa",
            " £2",
            " $40",
            " € 5",
            " £2.4m",
            "$ 3k",
            " contract",
            " deal",
            " Budget",
            " TENDER",
            " bid",
            " funding",
            " grant",
            " salary",
            " salaries",
            " pay",
            " payout",
            " settlement",
            " cut",
            " cuts",
            " overspend",
            " deficit",
            "contract",
            " is",
            " was",
            " of",
            " worth",
            " valued at",
            " will be",
            " totals",
            "a",
            "x",
            "\n",
        ];
        let mut seed = 11;
        let mut matched = 0;
        for i in 0..40_000 {
            let text = crate::text::tests::mix(&mut seed, &pieces, 2 + i % 9);
            let Some(m) = super::money().find(&text) else {
                continue;
            };
            matched += 1;
            assert!(super::has_business_word(&text), "{text:?}");
            let b = m.as_str().as_bytes();
            let figure = (0..b.len()).any(|k| super::sign_with_figure(b, k));
            assert!(figure, "{text:?}: {:?}", m.as_str());
        }
        for (text, at, want) in [
            ("$5", 0, true),
            ("£ 40k", 0, true),
            ("a €2", 2, true),
            ("a$$", 1, false),
            ("$ x", 0, false),
            ("$  5", 0, false),
            ("5$", 0, false),
            ("£", 0, false),
        ] {
            assert_eq!(
                super::sign_with_figure(text.as_bytes(), at),
                want,
                "{text:?}"
            );
        }
        assert!(
            matched > 1_000,
            "the generated texts match often ({matched})"
        );
    }

    #[test]
    fn business_information() {
        assert_eq!(
            flagged("We won the tender! £2.4m contract starting in April"),
            ["the tender", "£2.4m contract"]
        );
        assert_eq!(
            flagged("The budget is £300k this year"),
            ["budget is £300k"]
        );
        assert_eq!(
            flagged("Big restructure coming, not announced yet"),
            ["restructure", "not announced yet"]
        );
        assert_eq!(flagged("My salary of £32,000"), ["salary of £32,000"]);
        // A job advert publishes its salary; a salary elsewhere is still flagged.
        assert!(flagged(
            "We're hiring! Support Officer, salary £28,000 to £31,000, apply by 15 January"
        )
        .is_empty());
        assert!(flagged("Vacancy: SEND adviser, pay band 5").is_empty());
        assert!(flagged("Join our team! Salary of £28,000, apply online").is_empty());
        assert_eq!(
            flagged("Join our team! We won a £2m contract"),
            ["£2m contract"]
        );
        assert_eq!(flagged("Her salary is a secret"), ["salary"]);
        assert_eq!(
            flagged("The applications for salary rises are in"),
            ["salary"]
        );
        assert_eq!(
            flagged("The merger has not been announced publicly yet"),
            ["merger", "not been announced"]
        );
        // News told as a secret, in a post about the workplace.
        assert_eq!(
            flagged("Hiring freeze across children's services from September. Not official yet, don't repeat."),
            ["Not official yet"]
        );
        assert_eq!(
            flagged("We lost the contract to a private provider, nobody's been told yet"),
            ["lost the contract"]
        );
        // Someone's pay.
        assert_eq!(
            flagged("She's on £56k now and I'm on £29,000 doing the same job"),
            ["on £56k", "on £29,000"]
        );
    }

    #[test]
    fn everyday_money_and_words() {
        for t in [
            "Tickets are £5 at the door",
            "Cake sale raised £120!",
            "The chicken was tender and juicy",
            "Lovely day out",
            // Public already.
            "Our merger with the neighbouring service has been announced publicly today.",
            "The restructure was announced in the council's press release this morning",
            "The council's budget for next year has been published on their website",
            "Our charity has been awarded the contract, as announced by the council today",
            // The writer's own news, own things and petty sums.
            "It's not official yet but we're engaged!!",
            "Restructuring my garden this summer",
            "Our PTA bake sale budget is £50 for ingredients",
            "Our book club budget is £0 and we like it that way",
            "The jacket is on £20 sale",
            "Great free webinar next week on public procurement for small charities",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
