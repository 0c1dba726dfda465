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
    pub struct UnacceptableSite {
        id: "unacceptable-site",
        title: "unacceptable-site",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "x",
        severity: Stop,
        modes: Both,
        example: "x",
    }
}

impl Rule for UnacceptableSite {
    fn meta(&self) -> &'static super::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &RuleCx, _out: &mut Vec<Finding>) {}
}
