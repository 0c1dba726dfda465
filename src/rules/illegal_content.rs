use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/illegal.txt"));

declare_rule! {
    /// Offers or requests of illegal goods and services, pirated material and incitement
    /// ("let's riot").
    ///
    /// The goods and services: drugs, weapons, fake documents, stolen card details; pirated
    /// material: "full movie free", "cracked apk", "keygen".
    ///
    /// A drug or weapon word counts only with an offer or request in the same sentence
    /// ("selling", "buy", "for sale", "dm for", "anyone got", "plug", "cheap"): "coke" alone is a
    /// drink and "weed" alone is in the garden. Tools, toys and garden or pharmacy goods whose
    /// names hold such a word are for sale anywhere ("Selling a glue gun", "water pistol £2",
    /// "buy weed killer", "a diet coke": the rule's allow list).
    ///
    /// ## Why
    /// The policy forbids uploading, posting or linking to illegal content; misuse of social
    /// media can constitute a criminal offence.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullet 3 (personal accounts).
    ///
    /// ## Example
    /// "Selling weed and xans, dm me" is flagged at "Selling weed and xans".
    pub struct IllegalContent {
        id: "illegal-content",
        title: "Illegal content",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "You must not upload, post, forward or post a link to any illegal, abusive, obscene, discriminatory, harassing, derogatory or defamatory content.",
        severity: Stop,
        modes: Both,
        example: "Selling weed and xans, dm me",
    }
}

const SECTIONS: [&str; 3] = ["goods", "offer", "phrase"];
const GOODS: u32 = 0;
const OFFER: u32 = 1;

impl Rule for IllegalContent {
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
        let hits: Vec<_> = doc.hits_of(cx.owner()).collect();
        for &(h, entry, (a, b)) in &hits {
            let (from, to) = match entry.tag {
                crate::EXTRA_TERM_TAG | OFFER => continue,
                GOODS => {
                    // The nearest offer word in the same sentence.
                    let s = doc.sentence_start(h.start);
                    let offer = hits
                        .iter()
                        .filter(|(o, e, _)| {
                            e.tag == OFFER
                                && doc.sentence_start(o.start) == s
                                && o.start.abs_diff(h.start) < 60
                        })
                        .min_by_key(|(o, _, _)| o.start.abs_diff(h.start));
                    let Some(&(_, _, (oa, ob))) = offer else {
                        continue;
                    };
                    // A tool, a toy or a drink ("a glue gun", "a water pistol", "diet coke":
                    // phrases of the rule's allow list).
                    if doc.cleared(h) {
                        continue;
                    }
                    (oa.min(a), ob.max(b))
                }
                _ => (a, b),
            };
            let mut f = cx.finding(
                from,
                to,
                format!("“{}” reads as an offer or request of something illegal. The policy forbids posting illegal content.", doc.excerpt(from, to)),
            );
            f.kind = Some(
                if entry.tag == GOODS {
                    "goods"
                } else {
                    "illegal"
                }
                .into(),
            );
            f.suggestion = Some("Remove it.".into());
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("illegal-content", text)
    }

    #[test]
    fn offers_and_piracy() {
        assert_eq!(
            flagged("Selling weed and xans, dm me"),
            ["Selling weed and xans"]
        );
        assert_eq!(flagged("anyone got ket for tonight?"), ["anyone got ket"]);
        assert_eq!(flagged("fake ids for sale"), ["fake ids for sale"]);
        assert_eq!(flagged("Free cracked apk here"), ["cracked apk"]);
        // A weapon or a drug beside a tool of the same name is still one.
        assert_eq!(flagged("Selling a gun and a glue gun"), ["Selling a gun"]);
        assert_eq!(flagged("selling weed, not weed killer"), ["selling weed"]);
    }

    #[test]
    fn ordinary_uses() {
        for t in [
            "Pulling weeds in the garden, weed everywhere",
            "I'd buy a diet coke",
            "Selling a glue gun, barely used",
            "Selling my nail gun and drill",
            "Selling a Nerf gun, kids grew out of it",
            "Selling water pistols and a paddling pool",
            "Buy weed killer at B&Q, half price",
            "Where can I buy weed control fabric?",
            "Anyone selling a Coke Zero multipack?",
            "Crack on, team!",
            "We sell cakes to raise money",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
