use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/disrepute.txt"));

declare_rule! {
    /// Negative statements about the organisation, its services or colleagues ("SENDIASS is
    /// useless", "my manager is clueless", "I hate my job").
    ///
    /// It reads the organisation's names from the pack ("SENDIASS is useless", "CBC are a
    /// joke"), or a colleague or the workplace ("my manager is clueless", "my team are lazy"),
    /// followed by "is"/"are" and a negative word, and set phrases ("I hate my job", "worst
    /// employer").
    ///
    /// The workplace may be named as the writer knows it ("the council I work for", "our
    /// service", "our managers", "our SENDIASS team leader"). Idioms of contempt count with
    /// the organisation or a colleague anywhere in their sentence ("The council I work for
    /// couldn't organise a piss-up in a brewery", "SENDIASS, where good ideas go to die",
    /// "don't bother ringing SENDIASS"), and so does shame at the employer ("ashamed to work
    /// for", "toxic culture") and misconduct owned up to ("pulled a sickie", "pretending to
    /// work", "nicked it from work").
    ///
    /// Praise and neutral mentions are not flagged ("SENDIASS is brilliant"); criticism of
    /// other bodies is a matter for the other rules.
    ///
    /// ## Why
    /// The policy reminds staff and volunteers of the importance of not bringing the service
    /// into disrepute on social media: a breach may lead to disciplinary action.
    ///
    /// ## Clause
    /// Section 2, bullet 7 (work accounts); section 3, bullet 6 (personal accounts).
    ///
    /// ## Example
    /// "Honestly SENDIASS is a shambles" is flagged at "SENDIASS is a shambles".
    pub struct Disrepute {
        id: "disrepute",
        title: "Bringing the service into disrepute",
        category: HowAndWhen,
        clause: ("2.7", "3.6"),
        quote: "Central Bedfordshire SENDIASS reminds employees and volunteers of the importance of not bringing the service into disrepute on social media sites. A breach of this may lead to disciplinary action being taken.",
        severity: Stop,
        modes: Both,
        example: "Honestly SENDIASS is a shambles",
    }
}

const SECTIONS: [&str; 4] = ["negative", "colleague", "phrase", "idiom"];
const NEGATIVE: u32 = 0;
const COLLEAGUE: u32 = 1;
const PHRASE: u32 = 2;
const IDIOM: u32 = 3;
const ORG: u32 = 10;

impl Rule for Disrepute {
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
        let link = regex!(concat!(
            r"^(?: (?:staff|team|service|services|people|lot|managers|manager|management|office|department|advisers|advisors|officers|leader|leaders|leadership|line|helpline|culture|bosses)){0,2}",
            r" (?:is|are|was|were|s|r|has been|have been|is being|are being|seems|seem|looks|is getting|are getting|has become|have become)",
            r"(?: such| a| an| so| absolutely| totally| completely| utterly| fucking| bloody| really| just| the| complete| absolute| total| beyond| a complete| an absolute| a total| very| getting| becoming| more| even| always| never| still| now)* $"
        ));
        for &(h, entry, (a, b)) in &hits {
            let (from, b) = match entry.tag {
                PHRASE => (a, b),
                IDIOM => {
                    // The nearest target in the same sentence, before or after.
                    let s = doc.sentence_start(h.start);
                    let target = hits
                        .iter()
                        .filter(|(t, e, _)| {
                            (e.tag == ORG || e.tag == COLLEAGUE)
                                && doc.sentence_start(t.start) == s
                                && (t.end <= h.start || t.start >= h.end)
                                && t.start.abs_diff(h.start) < 120
                        })
                        .min_by_key(|(t, _, _)| t.start.abs_diff(h.start));
                    let Some(&(_, _, (ta, tb))) = target else {
                        continue;
                    };
                    (ta.min(a), tb.max(b))
                }
                NEGATIVE => {
                    // The nearest target before the negative word, with only a link between.
                    let target = hits
                        .iter()
                        .filter(|(t, e, _)| {
                            (e.tag == ORG || e.tag == COLLEAGUE)
                                && t.end <= h.start
                                && h.start - t.end < 60
                        })
                        .filter(|(t, _, _)| {
                            doc.norm
                                .words
                                .as_str()
                                .get(t.end..h.start)
                                .is_some_and(|between| link.is_match(between))
                        })
                        .max_by_key(|(t, _, _)| t.end);
                    let Some(&(_, _, (ta, _))) = target else {
                        continue;
                    };
                    (ta, b)
                }
                _ => continue,
            };
            let mut f = cx.finding(
                from,
                b,
                format!(
                    "“{}” speaks badly of the organisation or colleagues. The policy asks you not to bring the service into disrepute; raise concerns with the manager instead.",
                    doc.excerpt(from, b)
                ),
            );
            f.kind = Some("negative".into());
            f.suggestion = Some(
                format!(
                    "Raise it with the {} rather than in public.",
                    cx.pack.organisation.manager.title
                )
                .into(),
            );
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("disrepute", text)
    }

    #[test]
    fn negative_about_the_organisation_or_colleagues() {
        assert_eq!(
            flagged("Honestly SENDIASS is a shambles"),
            ["SENDIASS is a shambles"]
        );
        assert_eq!(
            flagged("CBC are a complete joke"),
            ["CBC are a complete joke"]
        );
        assert_eq!(
            flagged("my manager is clueless"),
            ["my manager is clueless"]
        );
        assert_eq!(flagged("I hate my job"), ["I hate my job"]);
        assert_eq!(
            flagged("Central Bedfordshire Council staff are lazy"),
            ["Central Bedfordshire Council staff are lazy"]
        );
        assert_eq!(
            flagged("Our SENDIASS team leader is a bully"),
            ["SENDIASS team leader is a bully"]
        );
        assert_eq!(
            flagged("The council I work for couldn't organise a piss-up in a brewery"),
            ["The council I work for couldn't organise a piss-up"]
        );
        assert_eq!(
            flagged("Working at SENDIASS, where good ideas go to die"),
            ["SENDIASS, where good ideas go to die"]
        );
        assert_eq!(flagged("Pulled a sickie, beach time"), ["Pulled a sickie"]);
        assert_eq!(
            flagged("Honestly ashamed to work for them"),
            ["ashamed to work for"]
        );
    }

    #[test]
    fn praise_and_neutral() {
        for t in [
            "SENDIASS is brilliant",
            "My manager is lovely",
            "The lift at work is broken",
            "Rubbish collection is late",
            "The council meeting is tonight",
            "My manager doesn't care about the dress code on Fridays",
            "Our office does nothing for Christmas this year",
            "Where I work is lovely in the spring",
            "Our service is free, confidential and impartial",
            "My son pulled a muscle at football",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
