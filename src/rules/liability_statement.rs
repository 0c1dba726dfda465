use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/liability.txt"));

declare_rule! {
    /// Statements likely to create liability: promises and guarantees, legal or medical
    /// advice, admissions of fault and statements made for the organisation.
    ///
    /// In detail: promises and guarantees ("I guarantee you will
    /// get an EHCP", "you will win your appeal", "we'll guarantee", "you cannot lose", "we've
    /// never lost a case", "legally binding"), legal or medical advice ("you should sue",
    /// "stop taking your medication"), admissions of fault ("it was our fault", "we were
    /// negligent") and statements made for the organisation ("on behalf of the council",
    /// "our official position").
    ///
    /// A warning, not a stop: admitting and correcting a mistake is what the policy asks for,
    /// but through the manager, and advice belongs in a proper advice session.
    ///
    /// ## Why
    /// The policy says never to make any statement likely to create liability, criminal or
    /// civil, for you or the organisation.
    ///
    /// ## Clause
    /// Section 2, bullet 4.
    ///
    /// ## Example
    /// "Don't worry, I guarantee you will win your appeal" is flagged at "I guarantee" and
    /// "you will win your appeal".
    pub struct LiabilityStatement {
        id: "liability-statement",
        title: "Statements that create liability",
        category: HowAndWhen,
        clause: ("2.4", "2.4"),
        quote: "Never make any other statement which is likely to create any liability (whether criminal or civil, and whether for you or us)",
        severity: Warn,
        modes: Both,
        example: "Don't worry, I guarantee you will win your appeal",
    }
}

const SECTIONS: [&str; 5] = [
    "promise",
    "legal-advice",
    "medical-advice",
    "admission",
    "for-the-organisation",
];

impl Rule for LiabilityStatement {
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
        for (_, entry, (a, b)) in doc.hits_of(cx.owner()) {
            let kind = match SECTIONS.get(entry.tag as usize) {
                Some(k) => *k,
                None => continue,
            };
            let what = match kind {
                "promise" => "is a promise or guarantee",
                "legal-advice" => "reads as legal advice",
                "medical-advice" => "reads as medical advice",
                "admission" => "admits fault",
                _ => "speaks for the organisation",
            };
            let suggestion = match kind {
                "admission" => "Tell your manager first; they will correct it properly.",
                "for-the-organisation" => {
                    "Leave official statements to the people authorised to make them."
                }
                _ => "Point people to proper advice instead.",
            };
            cx.push(
                out,
                a,
                b,
                format!("“{}” {what}. The policy says never to make a statement likely to create liability for you or the organisation.", doc.excerpt(a, b)),
                kind,
                Some(suggestion),
            );
        }
    }
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("liability-statement", text)
    }

    #[test]
    fn promises_advice_admissions() {
        assert_eq!(
            flagged("Don't worry, I guarantee you will win your appeal"),
            ["I guarantee", "you will win your appeal"]
        );
        assert_eq!(
            flagged("Honestly you should sue them"),
            ["you should sue", "sue them"]
        );
        assert_eq!(flagged("It was our fault, sorry"), ["It was our fault"]);
        // Promises of winning, found by a probe of posts that should be stopped.
        assert_eq!(
            flagged("Message us and we'll guarantee your child gets an EHCP"),
            ["we'll guarantee"]
        );
        assert_eq!(
            flagged("Follow our advice and you cannot lose at tribunal"),
            ["you cannot lose"]
        );
        assert_eq!(
            flagged("We've never lost a case and we won't lose yours"),
            ["We've never lost"]
        );
        assert_eq!(
            flagged("Speaking on behalf of the council"),
            ["on behalf of the council"]
        );
    }

    #[test]
    fn ordinary_text() {
        for t in [
            "See you at the workshop",
            "We promised ourselves a break",
            "Was it worth it?",
            // "officially" of time, not of the organisation speaking.
            "Spring has officially sprung",
            "I'm officially on holiday!",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
