use super::{declare_rule, Document, Rule, RuleCx};
use crate::finding::Finding;

declare_rule! {
    /// On a work account: posting from a browser not marked as authorised to post for the
    /// organisation.
    ///
    /// The options page records it per browser. The finding covers the whole post.
    ///
    /// ## Why
    /// Posting on social media for work should only be done by those who have been given this
    /// as part of their job role or asked to by their line manager.
    ///
    /// ## Clause
    /// Section 2, opening paragraph.
    ///
    /// ## Example
    /// Any post written in work mode when "this browser is authorised to post for the
    /// organisation" is off, such as "Our new guide to EHC plans is out".
    pub struct UnauthorisedWorkPost {
        id: "unauthorised-work-post",
        title: "Posting for work without authorisation",
        category: HowAndWhen,
        clause: ("2", "2"),
        quote: "Posting comments/info on social media sites for work should only be done by those people who have been given this as part of their job role or been requested to do so by their line manager.",
        severity: Stop,
        modes: Work,
        example: "Our new guide to EHC plans is out",
    }
}

impl Rule for UnauthorisedWorkPost {
    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        if cx.ctx.authorised || doc.text.trim().is_empty() {
            return;
        }
        cx.push(
            out,
            0,
            doc.norm.units,
            format!(
                "You are posting for {} from a browser that is not marked as authorised. Only people asked to post for work should do so.",
                cx.pack.organisation.name
            ),
            "not-authorised",
            Some("Ask your line manager; if you are authorised, tick it in the options page."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Mode};

    fn flagged(text: &str, mode: Mode, authorised: bool) -> bool {
        let ctx = Context {
            mode,
            authorised,
            ..Context::default()
        };
        crate::test_checker()
            .check(text, &ctx)
            .expect("checks")
            .iter()
            .any(|f| f.rule == "unauthorised-work-post")
    }

    #[test]
    fn work_mode_needs_authorisation() {
        assert!(flagged("Our new guide is out 🎉", Mode::Work, false));
        assert!(!flagged("Our new guide is out", Mode::Work, true));
        assert!(!flagged("Our new guide is out", Mode::Personal, false));
        assert!(!flagged("   ", Mode::Work, false));
    }
}
