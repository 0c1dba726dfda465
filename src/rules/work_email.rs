use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::text::OpaqueKind;
use crate::Error;

declare_rule! {
    /// On a personal account: an email address on one of the organisation's domains.
    ///
    /// The domains (and their subdomains) are those the policy pack lists in
    /// `organisation.email_domains`.
    ///
    /// ## Why
    /// The policy asks staff to use their personal email address, not their work address, on
    /// personal social media.
    ///
    /// ## Clause
    /// Section 3, bullet 1.
    ///
    /// ## Example
    /// "Email me at jo.bloggs@centralbedfordshire.gov.uk" is flagged at the address on a
    /// personal account.
    pub struct WorkEmail {
        id: "work-email",
        title: "Work email address",
        category: HowAndWhen,
        clause: ("3.1", "3.1"),
        quote: "You should use your personal email address and not your work address.",
        severity: Warn,
        modes: Personal,
        example: "Email me at jo.bloggs@centralbedfordshire.gov.uk",
    }
}

/// The organisation's domains, lower-cased.
struct Domains(Vec<String>);

impl Rule for WorkEmail {
    fn prepare(
        &self,
        pack: &PolicyPack,
        _index: usize,
        _lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        let domains = pack
            .organisation
            .email_domains
            .iter()
            .map(|d| d.to_ascii_lowercase())
            .collect();
        Ok(Some(Box::new(Domains(domains))))
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let Some(Domains(domains)) = cx.state::<Domains>() else {
            return;
        };
        if domains.is_empty() {
            return;
        }
        let plain = doc.norm.plain.as_str();
        for o in doc
            .norm
            .opaque
            .iter()
            .filter(|o| o.kind == OpaqueKind::Email)
        {
            let Some(address) = plain.get(o.range.clone()) else {
                continue;
            };
            let Some((_, domain)) = address.rsplit_once('@') else {
                continue;
            };
            let domain = domain.to_ascii_lowercase();
            let ours = domains.iter().any(|d| {
                domain == *d
                    || domain
                        .strip_suffix(d.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            });
            if !ours {
                continue;
            }
            if let Some((a, b)) = doc.plain_span(o.range.clone()) {
                cx.push(
                    out,
                    a,
                    b,
                    format!("{address} is a work address. On a personal account the policy asks you to use your personal email address."),
                    "email",
                    Some("Use your personal email address instead."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Mode;

    fn flagged(text: &str, mode: Mode) -> Vec<String> {
        super::super::flagged_in_mode("work-email", text, mode)
    }

    #[test]
    fn work_addresses_in_personal_mode() {
        assert_eq!(
            flagged("🎉 mail jo@centralbedfordshire.gov.uk!", Mode::Personal),
            ["jo@centralbedfordshire.gov.uk"]
        );
        assert_eq!(
            flagged("JO.B@Schools.CentralBedfordshire.gov.uk", Mode::Personal),
            ["JO.B@Schools.CentralBedfordshire.gov.uk"]
        );
        assert!(flagged("jo@centralbedfordshire.gov.uk", Mode::Work).is_empty());
        assert!(flagged("jo@gmail.com", Mode::Personal).is_empty());
        assert!(flagged("jo@notcentralbedfordshire.gov.uk", Mode::Personal).is_empty());
    }
}
