//! Findings: what a check reports, always as UTF-16 offsets into the original text.

use serde::{Deserialize, Serialize};

/// How hard a finding stops the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A gentle reminder.
    Note,
    /// Shown inline while typing; publishing is not held unless the user asked for it.
    Warn,
    /// Publishing is held and "If in doubt, don't publish" must be answered.
    Stop,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warn => "warn",
            Severity::Stop => "stop",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "note" => Some(Severity::Note),
            "warn" => Some(Severity::Warn),
            "stop" => Some(Severity::Stop),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding's text: most are fixed strings of the rules (ids, clauses, kinds, suggestions),
/// borrowed rather than copied for every finding.
pub type Text = std::borrow::Cow<'static, str>;

/// One thing the policy forbids, found in the text.
///
/// `start` and `end` are UTF-16 code unit offsets into the text exactly as it was given
/// (what the DOM's `Range` and `String.prototype.slice` use); `end` is exclusive and always
/// greater than `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable id, e.g. `personal-data`.
    pub rule: Text,
    pub severity: Severity,
    /// The policy clause: "2.2" is section 2, bullet 2; "3" is section 3's opening paragraph.
    pub clause: Text,
    /// Plain English: what was found and why the policy forbids it.
    pub message: String,
    pub start: u32,
    pub end: u32,
    /// What sort of thing was found, where that helps (e.g. `nhs-number`, `email`, `postcode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text>,
    /// A suggested change, where there is a good one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Text>,
}

impl Finding {
    /// Sorts findings by position and removes duplicates: the same rule on the same span, or
    /// a finding of a rule that lies inside a longer finding of the same rule.
    pub fn normalise(findings: &mut Vec<Finding>) {
        // (Through the crate's one shared sort of integer keys: a sort of its own cost the
        // wasm 1 KB each. The rule is keyed by its first seven bytes, which tell every shipped
        // rule id apart; equal keys keep their order.)
        crate::text::sort_by_key(findings, |f| {
            u128::from(f.start) << 96
                | u128::from(u32::MAX - f.end) << 64
                | rule_key(&f.rule, 7) << 8
                | f.severity as u128
        });
        // Sorted by start, longest first: a finding is covered exactly when an earlier kept
        // finding of the same rule reaches at least as far. A post has findings of a few rules
        // at most, so the rules' reach is a short list (no hashing, no copy of the rule id).
        let mut reach: Vec<(usize, u32)> = Vec::new();
        let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
        for f in findings.drain(..) {
            match reach.iter_mut().find(|(k, _)| kept[*k].rule == f.rule) {
                Some((_, end)) if *end >= f.end => continue,
                Some((_, end)) => *end = f.end,
                None => reach.push((kept.len(), f.end)),
            }
            kept.push(f);
        }
        crate::text::sort_by_key(&mut kept, |f| {
            u128::from(f.start) << 96 | u128::from(f.end) << 64 | rule_key(&f.rule, 8)
        });
        *findings = kept;
    }
}

/// The first `n` bytes (at most 8) of a rule id as a number that sorts as they do.
fn rule_key(rule: &str, n: usize) -> u128 {
    let mut k = [0u8; 8];
    for (d, s) in k.iter_mut().zip(rule.bytes().take(n)) {
        *d = s;
    }
    u128::from(u64::from_be_bytes(k)) >> (8 * (8 - n.min(8)))
}
