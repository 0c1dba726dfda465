use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!("../../lexicons/commercial.txt");

declare_rule! {
    /// Commercially sensitive information: tenders and bids, contract values ("a £2.4m
    /// contract"), budgets and cuts, restructures and redundancies, salaries and pay, mergers,
    /// and plans "not announced yet".
    ///
    /// A sum of money is flagged only next to a word about contracts, budgets or pay ("£2.4m
    /// contract", "budget of £300k", "salary of £32,000"); prices of everyday things are not.
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
        super::add_lexicon(lex, index, LEXICON, &["phrase"], false);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (_, entry, (a, b)) in doc.hits_of(cx.owner()) {
            if entry.tag == crate::EXTRA_TERM_TAG {
                continue;
            }
            let mut f = cx.finding(
                a,
                b,
                format!("“{}” may be commercially sensitive. The policy says never to disclose commercially sensitive information.", doc.excerpt(a, b)),
            );
            f.kind = Some("business".into());
            out.push(f);
        }
        let plain = doc.norm.plain.as_str();
        if !crate::text::contains_any(plain, &["£", "$", "€"]) {
            return;
        }
        let money = regex!(concat!(
            r"(?i)[£$€] ?[0-9][0-9,.]*(?: ?(?:k|m|bn|million|billion|thousand))?",
            r"(?: (?:a year|per year|per annum|pa|annual|annually))?",
            r" ?(?:contract|deal|budget|tender|bid|funding|grant|salary|salaries|pay|payout|settlement|cut|cuts|overspend|deficit)",
            r"|(?i:contract|deal|budget|tender|bid|funding|salary|settlement|overspend|deficit)(?: (?:is|was|of|worth|value|valued at|at|for|will be|totals?))+ [£$€] ?[0-9][0-9,.]*(?: ?(?:k|m|bn|million|billion|thousand))?",
        ));
        // Every match holds a currency sign, at most about 60 bytes after the start of a
        // "contract is worth" and 40 before the end of "£2.4m a year contract".
        let b = plain.as_bytes();
        let signs = memchr::memchr3_iter(b'$', 0xC2, 0xE2, b).filter(|&i| {
            b[i] == b'$' || b[i..].starts_with("£".as_bytes()) || b[i..].starts_with("€".as_bytes())
        });
        for m in super::find_around(money, plain, signs, 120, 80) {
            if let Some((a, b)) = doc.plain_span(m) {
                let mut f = cx.finding(
                    a,
                    b,
                    format!("“{}” discloses a contract, budget or pay figure. The policy says never to disclose commercially sensitive information.", doc.excerpt(a, b)),
                );
                f.kind = Some("money".into());
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("commercially-sensitive", text)
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
    }

    #[test]
    fn everyday_money_and_words() {
        for t in [
            "Tickets are £5 at the door",
            "Cake sale raised £120!",
            "The chicken was tender and juicy",
            "Lovely day out",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
