use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/defamation.txt"));

declare_rule! {
    /// Factual-sounding accusations of crime, dishonesty or incompetence against an
    /// identifiable person or organisation: "Mr Jones is a fraud", "the head teacher stole the
    /// trip money", "@councillor took bribes", "the council covered up abuse", "Sendiass
    /// is corrupt".
    ///
    /// An accusation counts only after someone identifiable: a name ("Dave", "Mrs Patel"), an
    /// @mention, a role with "the", "my" or "our" ("the head teacher", "my manager", "the
    /// SENCO", "the council", "the school"), or the organisation's own names from the pack.
    /// "I think", "allegedly" and the like do not make an accusation safe, so they do not
    /// clear it. "He is a criminal lawyer" is not flagged.
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
            let role = regex!(concat!(
                r"(?:^| )(?:the|my|our|their|his|her|your|ur|this|that)",
                r" (?:head ?teacher|head|headmaster|headmistress|principal|deputy head|senco|teacher|teachers|manager|boss|line manager|director|",
                r"councillor|council|social worker|caseworker|case worker|case officer|school|academy|trust|ceo|chair|chairman|mayor|mp|",
                r"doctor|gp|nurse|consultant|paediatrician|ed psych|educational psychologist|officer|coordinator|panel|la|local authority|",
                r"nursery|college|landlord|solicitor|charity|service|staff|team|department)"
            ));
            let mention = regex!(r"(?:^| )@$");
            // The words before the link ("is a", "stole"), and the target just before those.
            let link_re = match entry.tag {
                LABEL => regex!(
                    r" (?:is|are|was|were|s|r|has always been|has been|is such|is nothing but|is clearly|is obviously|is a known|is an absolute|is a total|is a complete|is a bloody|is a fucking|are all|are a bunch of|are just)(?: a| an| such a| the| total| complete| absolute| bloody| fucking| known| total| utter| utterly| completely| totally| so| very| really| just| clearly| obviously| all| nothing but)* $"
                ),
                _ => regex!(
                    r"(?: has| have| had| just| clearly| obviously| allegedly| actually| also| then| literally| openly| repeatedly| basically)* $"
                ),
            };
            let Some(l) = link_re.find(before) else {
                continue;
            };
            let head = &before[..l.start()];
            // "He is a criminal lawyer": the label is an adjective for a job, not an accusation.
            if regex!(r"^ (?:lawyer|barrister|solicitor|justice|record check|law|court|investigation|defence|defense)").is_match(doc.after(h.end, 30)) {
                continue;
            }
            let named = doc.name_before(
                before,
                l.as_str().split(' ').filter(|w| !w.is_empty()).count(),
            );
            let org = hits.iter().any(|(o, e, _)| {
                e.tag == ORG && o.end <= h.start && h.start - o.end <= l.as_str().len() + 1
            });
            let target_start = if let Some(m) = role.find(head).filter(|m| m.end() == head.len()) {
                Some(m.start())
            } else if let Some(m) = mention.find(head) {
                Some(m.start())
            } else if named || org {
                Some(head.rfind(' ').map_or(0, |i| i).min(head.len()))
            } else {
                None
            };
            let Some(ts) = target_start else { continue };
            // "Mrs Patel": take the title with the name.
            let ts = regex!(r"(?: (?:mr|mrs|ms|miss|dr|cllr|councillor|sir|dame|prof))$")
                .find(&head[..ts])
                .map_or(ts, |m| m.start());
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
