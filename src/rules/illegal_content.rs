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
    /// The goods include street names of drugs ("ket", "pingers", "ganja"), prescription drugs
    /// sold on ("diazepam", "Elvanse"), banned weapons ("flick knife", "knuckle duster",
    /// "pepper spray"), fakes ("fake £20 notes", "fake sick notes", "fake payslips", "not
    /// genuine"), and pirate TV ("fully loaded firesticks", "IPTV"). Set phrases count on their
    /// own: stolen goods ("fell off the back of a lorry", "don't ask where they came from"),
    /// tax and benefit fraud ("never declare a penny", "don't tell the DWP", "over the
    /// allowance"), "free streams", "bypass the meter".
    ///
    /// A drug or weapon word counts only with an offer or request in the same sentence
    /// ("selling", "buy", "for sale", "dm for", "anyone got", "plug", "cheap", "available",
    /// "inbox me", "can deliver", "going spare", "where can I get", "without a prescription")
    /// or a price beside it ("Xanax bars £2 each"): "coke" alone is a drink and "weed" alone
    /// is in the garden. News of a crime is not an offer ("Police seized £30,000 worth of
    /// cannabis"), and "Charlie", "Molly" and "Mandy" with a capital are people. Tools, toys and garden or pharmacy goods whose
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
                    // "Charlie", "Molly", "Mandy" with a capital are people.
                    if super::in_set!(NAMES, &entry.norm) && doc.capitalised_at(h.start) {
                        continue;
                    }
                    // An offer word in the same sentence, or a price beside it.
                    let s = doc.sentence_start(h.start);
                    // News of a crime is no offer: "Police seized £30,000 worth of cannabis".
                    let sentence = doc
                        .norm
                        .words
                        .as_str()
                        .get(s..doc.sentence_end(h.start))
                        .unwrap_or("");
                    if sentence.split(' ').any(|w| super::in_set!(NEWS, w)) {
                        continue;
                    }
                    let offer = hits
                        .iter()
                        .filter(|(o, e, _)| {
                            e.tag == OFFER
                                && doc.sentence_start(o.start) == s
                                && o.start.abs_diff(h.start) < 60
                        })
                        // The nearest before it first, as it is read: "selling weed and xans,
                        // dm me".
                        .min_by_key(|(o, _, _)| (o.start > h.start, o.start.abs_diff(h.start)));
                    let span = match offer {
                        Some(&(_, _, (oa, ob))) => (oa.min(a), ob.max(b)),
                        None if priced(doc, a, b) => (a, b),
                        None => continue,
                    };
                    // A tool, a toy or a drink ("a glue gun", "a water pistol", "diet coke":
                    // phrases of the rule's allow list).
                    if doc.cleared(h) {
                        continue;
                    }
                    span
                }
                _ => (a, b),
            };
            cx.push(
                out,
                from,
                to,
                format!("“{}” reads as an offer or request of something illegal. The policy forbids posting illegal content.", doc.excerpt(from, to)),
                if entry.tag == GOODS { "goods" } else { "illegal" },
                Some("Remove it."),
            );
        }
    }
}

/// Words of a crime reported, not offered: "Police seized £30,000 worth of cannabis".
const NEWS: &str = concat!(
    "police seized seize seizure seizures raid raided arrested arrest jailed sentenced ",
    "convicted court charged worth"
);

/// The drug words that are also names, and are names when written with a capital.
const NAMES: &str = "charlie molly mandy";

/// Whether a price in pounds ("£40", "£2.50") stands within 40 characters of the goods at
/// `a..b` (UTF-16), in the same line: "Xanax bars £2 each", "IPTV 12 month sub £50".
fn priced(doc: &Document, a: u32, b: u32) -> bool {
    let (Some((before, _)), Some((_, after))) = (doc.text_around(a), doc.text_around(b)) else {
        return false;
    };
    let back = before.rsplit('\n').next().unwrap_or("");
    let back = &back[back.char_indices().rev().nth(39).map_or(0, |(i, _)| i)..];
    let ahead = after.split('\n').next().unwrap_or("");
    let ahead = &ahead[..ahead.char_indices().nth(40).map_or(ahead.len(), |(i, _)| i)];
    let price = |s: &str| {
        s.match_indices('£')
            .any(|(i, p)| s[i + p.len()..].starts_with(|d: char| d.is_ascii_digit()))
    };
    price(back) || price(ahead)
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
        // A price is an offer; more goods, offers and set phrases.
        assert_eq!(
            flagged("Xanax bars, genuine pharma, £2 each"),
            ["Xanax bars, genuine pharma, £2 each"]
        );
        assert_eq!(
            flagged("Fully loaded firesticks £60!!"),
            ["Fully loaded firesticks"]
        );
        assert_eq!(flagged("IPTV 12 month sub £50"), ["IPTV"]);
        assert_eq!(
            flagged("got some pingers in for Saturday"),
            ["got some pingers"]
        );
        assert_eq!(
            flagged("Can get you Ritalin without a prescription"),
            ["Can get you Ritalin"]
        );
        assert_eq!(
            flagged("Dyson Airwraps, fell off the back of a lorry 😉"),
            ["fell off the back of a lorry"]
        );
        assert_eq!(
            flagged("HMRC won't know, never declare a penny"),
            ["HMRC won't know", "never declare a penny"]
        );
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
            "Police seized £30,000 worth of cannabis after a raid in Luton",
            "Charlie is selling raffle tickets for the school fair",
            "Mandy has tickets available for Saturday",
            "I take pills for my blood pressure",
            "Ibuprofen is available without a prescription",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
