use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::Error;

declare_rule! {
    /// On a personal account: naming the organisation, its parent body or a job title tied
    /// to it (names from the policy pack).
    ///
    /// For the shipped pack: "Central Bedfordshire SENDIASS", "SENDIASS", "Central
    /// Bedfordshire Council", "CBC", "SENDIASS adviser".
    ///
    /// A short alias written in capitals in the pack (such as "CBC") is matched only when it is
    /// written in capitals in the post too, so that "cbc" in another sense is not flagged.
    ///
    /// ## Why
    /// The policy asks staff and volunteers to remove any reference to where they work from
    /// private social media; a personal post that names the employer can be read as speaking
    /// for it.
    ///
    /// ## Clause
    /// Section 3, bullet 5.
    ///
    /// ## Example
    /// "Long day at SENDIASS today" is flagged at "SENDIASS" on a personal account.
    pub struct EmployerReference {
        id: "employer-reference",
        title: "Reference to where you work",
        category: HowAndWhen,
        clause: ("3.5", "3.5"),
        quote: "We would request that you remove any reference to where you work on private social media platforms.",
        severity: Warn,
        modes: Personal,
        example: "Long day at SENDIASS today",
    }
}

/// Tags: 0 = a name, 1 = a name matched only in capitals, 2 = a job title.
const NAME: u32 = 0;
const ACRONYM: u32 = 1;
const JOB_TITLE: u32 = 2;

impl Rule for EmployerReference {
    fn prepare(
        &self,
        pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        for name in pack.names() {
            let acronym = name.chars().count() <= 5
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            lex.add_entry(
                Owner::Rule(index),
                if acronym { ACRONYM } else { NAME },
                name,
                false,
            );
        }
        for t in &pack.organisation.job_titles {
            lex.add_entry(Owner::Rule(index), JOB_TITLE, t, false);
        }
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (_, entry, (a, b)) in doc.hits_of(cx.owner()) {
            let said = doc.excerpt(a, b);
            let message = match entry.tag {
                crate::EXTRA_TERM_TAG => continue,
                ACRONYM if said != entry.source => continue,
                JOB_TITLE => format!("“{said}” ties this post to your job. On a personal account the policy asks you to leave out where you work."),
                _ => format!("“{said}” names where you work. On a personal account the policy asks you to leave out any reference to your employer."),
            };
            cx.push(
                out,
                a,
                b,
                message,
                if entry.tag == JOB_TITLE { "job-title" } else { "organisation" },
                Some("Leave out the name, or post from the organisation's own account if you are authorised to."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Context, Mode};

    fn flagged(text: &str, mode: Mode) -> Vec<String> {
        super::super::flagged_in_mode("employer-reference", text, mode)
    }

    #[test]
    fn names_aliases_parent_and_titles() {
        assert_eq!(
            flagged("😀 I work at Central Bedfordshire SENDIASS", Mode::Personal),
            ["Central Bedfordshire SENDIASS"]
        );
        assert_eq!(
            flagged("central bedfordshire council again", Mode::Personal),
            ["central bedfordshire council"]
        );
        assert_eq!(flagged("CBC strikes again", Mode::Personal), ["CBC"]);
        assert_eq!(
            flagged("As a SENDIASS adviser I see", Mode::Personal),
            ["SENDIASS adviser"]
        );
        assert_eq!(flagged("Sendiass rocks", Mode::Personal), ["Sendiass"]);
    }

    #[test]
    fn not_in_work_mode_and_not_lowercase_acronyms() {
        assert!(flagged("Central Bedfordshire SENDIASS news", Mode::Work).is_empty());
        assert!(flagged("watching cbc news", Mode::Personal).is_empty());
        assert!(flagged("Bedfordshire is lovely", Mode::Personal).is_empty());
    }

    #[test]
    fn another_pack_names_another_organisation() {
        let pack = r#"{"schema":1,"organisation":{"name":"Acme Trust","aliases":["ACT"],"manager":{"title":"line manager"}},"policy":{"title":"P","published":"2024-01"}}"#;
        let c = Checker::from_json(Some(pack), None).expect("valid");
        let found = c
            .check(
                "Proud of Acme Trust and ACT; SENDIASS is elsewhere",
                &Context::default(),
            )
            .expect("checks");
        let rules: Vec<_> = found
            .iter()
            .filter(|f| f.rule == "employer-reference")
            .map(|f| (f.start, f.end))
            .collect();
        assert_eq!(rules, [(9, 19), (24, 27)]);
    }
}
