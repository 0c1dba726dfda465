use super::{declare_rule, Document, Rule, RuleCx};
use crate::finding::Finding;

declare_rule! {
    /// TODO placeholder description for the rule being written right now.
    ///
    /// ## Why
    /// x
    ///
    /// ## Example
    /// x
    pub struct ConfidentialMarker {
        id: "confidential-marker",
        title: "confidential-marker",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "x",
        severity: Stop,
        modes: Both,
        example: "x",
    }
}

impl Rule for ConfidentialMarker {
    fn meta(&self) -> &'static super::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &RuleCx, _out: &mut Vec<Finding>) {}
}
