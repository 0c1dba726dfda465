use super::{declare_rule, Document, Rule, RuleCx};
use crate::finding::Finding;

declare_rule! {
    /// Personal data that identifies or can be used to reach a person: email addresses, UK
    /// phone numbers, postcodes, dates of birth, National Insurance numbers, NHS numbers,
    /// payment card numbers and bank sort codes with account numbers.
    ///
    /// ## Why
    /// The policy says never to disclose private or confidential information, nor to post
    /// material which invades the privacy of any person; the Data Protection Act applies.
    ///
    /// ## Example
    /// "Call Sam on 07700 900123" is flagged at the phone number.
    pub struct PersonalData {
        id: "personal-data",
        title: "Personal data",
        category: MustNotDisclose,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Stop,
        modes: Both,
        example: "Call Sam on 07700 900123",
    }
}

impl Rule for PersonalData {
    fn meta(&self) -> &'static super::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &RuleCx, _out: &mut Vec<Finding>) {}
}
