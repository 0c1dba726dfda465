//! The rules and their registry.
//!
//! Each rule lives in its own file, declared with [`declare_rule!`]: its doc comment (what it
//! catches, why the policy forbids it, the clause, an example) is written once there and becomes
//! the `doc` of its [`RuleMeta`], which the CLI's `rules`, the wasm API, the options page, the
//! playground and the README's rule table all read. Adding a rule is one file and one line in
//! [`RULES`].

use crate::context::{Context, Mode};
use crate::finding::{Finding, Severity};
use crate::lexicon::{Entry, Hit, Lexicon, LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::text::Normalised;
use crate::Error;
use serde::Serialize;
use std::any::Any;

mod confidential_marker;
mod custom_term;
mod employer_reference;
mod obscene_language;
mod personal_data;
mod unacceptable_site;
mod work_email;
mod work_time;

/// Every rule, in the order of RULES.md. The index of a rule here is its index everywhere.
static RULES: &[&dyn Rule] = &[
    &obscene_language::ObsceneLanguage,
    &confidential_marker::ConfidentialMarker,
    &personal_data::PersonalData,
    &employer_reference::EmployerReference,
    &work_email::WorkEmail,
    &work_time::WorkTime,
    &unacceptable_site::UnacceptableSite,
    &custom_term::CustomTermRule,
];

/// The sections of RULES.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// What must not be posted (section 2, bullet 2; section 3, bullets 3 and 7).
    MustNotPost,
    /// Information that must not be disclosed (section 2, bullets 3 and 5).
    MustNotDisclose,
    /// How and when to post (section 2, bullets 1, 6, 7; section 3).
    HowAndWhen,
    /// The organisation's own terms.
    Organisation,
}

impl Category {
    pub fn title(self) -> &'static str {
        match self {
            Category::MustNotPost => "What must not be posted",
            Category::MustNotDisclose => "Information that must not be disclosed",
            Category::HowAndWhen => "How and when to post",
            Category::Organisation => "Your organisation's own terms",
        }
    }
}

/// Which account modes a rule applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modes {
    Both,
    Personal,
    Work,
}

impl Modes {
    pub fn applies(self, mode: Mode) -> bool {
        match self {
            Modes::Both => true,
            Modes::Personal => mode == Mode::Personal,
            Modes::Work => mode == Mode::Work,
        }
    }
}

/// What the registry knows of a rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// The stable id used in packs, settings, findings, tests and docs.
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    /// The clause for a work account ("2.2" = section 2, bullet 2).
    pub clause_work: &'static str,
    /// The clause for a personal account.
    pub clause_personal: &'static str,
    /// The policy's own words.
    pub quote: &'static str,
    pub severity: Severity,
    pub modes: Modes,
    /// A post that the rule flags.
    pub example: &'static str,
    /// The rule's doc comment, in Markdown: the first paragraph is its description.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first paragraph of the doc comment, on one line.
    pub fn description(&self) -> String {
        self.doc
            .split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The clause for an account mode.
    pub fn clause(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::Work => self.clause_work,
            Mode::Personal => self.clause_personal,
        }
    }

    /// Both clauses, for listings: "2.2" or "2.2 (work) / 3.3 (personal)".
    pub fn clauses(&self) -> String {
        match self.modes {
            Modes::Work => self.clause_work.to_string(),
            Modes::Personal => self.clause_personal.to_string(),
            Modes::Both if self.clause_work == self.clause_personal => self.clause_work.to_string(),
            Modes::Both => format!(
                "{} (work) / {} (personal)",
                self.clause_work, self.clause_personal
            ),
        }
    }
}

/// A rule's state built from a pack (compiled regexes, domain sets, ...).
pub type State = Option<Box<dyn Any + Send + Sync>>;

/// A rule.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Builds the rule's state from the pack and adds its word lists to the shared lexicon.
    /// `index` is the rule's place in the registry (its [`Owner::Rule`]).
    fn prepare(
        &self,
        _pack: &PolicyPack,
        _index: usize,
        _lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        Ok(None)
    }

    /// Whether the rule reads its pack `extra_terms` itself (otherwise they are matched as words
    /// and reported by the checker under the rule's id).
    fn reads_extra_terms(&self) -> bool {
        false
    }

    /// Adds its findings for one text.
    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>);
}

/// One text, prepared once for all rules.
pub struct Document<'a> {
    /// The text exactly as given.
    pub text: &'a str,
    pub norm: Normalised,
    /// Every lexicon match.
    pub hits: Vec<Hit>,
    pub lexicon: &'a Lexicon,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, lexicon: &'a Lexicon) -> Document<'a> {
        Document::reusing(text, lexicon, Normalised::default())
    }

    /// Prepares a text in the memory of an earlier `Normalised` (see [`Document::into_norm`]).
    pub fn reusing(text: &'a str, lexicon: &'a Lexicon, mut norm: Normalised) -> Document<'a> {
        norm.fill(text, Some(lexicon));
        let hits = lexicon.find(norm.words.as_str());
        Document {
            text,
            norm,
            hits,
            lexicon,
        }
    }

    /// Gives back the normalised text's memory for the next check.
    pub fn into_norm(self) -> Normalised {
        self.norm
    }

    /// The lexicon matches of one owner, with their entry and UTF-16 span.
    pub fn hits_of(&self, owner: Owner) -> impl Iterator<Item = (&Hit, &Entry, (u32, u32))> + '_ {
        self.hits.iter().filter_map(move |h| {
            let e = self.lexicon.entry(h.entry);
            if e.owner != owner {
                return None;
            }
            Some((h, e, self.norm.words.span(h.start..h.end)?))
        })
    }

    /// The original text of a UTF-16 span.
    pub fn excerpt(&self, start: u32, end: u32) -> &'a str {
        crate::text::excerpt(self.text, start, end)
    }

    /// The UTF-16 span of a byte range of the plain view.
    pub fn plain_span(&self, range: std::ops::Range<usize>) -> Option<(u32, u32)> {
        self.norm.plain.span(range)
    }
}

/// What a rule knows while it checks.
pub struct RuleCx<'a> {
    pub ctx: &'a Context,
    pub pack: &'a PolicyPack,
    /// The rule's place in the registry.
    pub index: usize,
    /// The severity in force (pack and user settings applied).
    pub severity: Severity,
    pub meta: &'static RuleMeta,
    pub state: Option<&'a (dyn Any + Send + Sync)>,
}

impl RuleCx<'_> {
    /// A finding of this rule at this severity and clause.
    pub fn finding(&self, start: u32, end: u32, message: impl Into<String>) -> Finding {
        Finding {
            rule: self.meta.id.to_string(),
            severity: self.severity,
            clause: self.meta.clause(self.ctx.mode).to_string(),
            message: message.into(),
            start,
            end,
            kind: None,
            suggestion: None,
        }
    }

    /// The rule's state, as built by [`Rule::prepare`].
    pub fn state<T: 'static>(&self) -> Option<&T> {
        self.state.and_then(|s| s.downcast_ref::<T>())
    }

    pub fn owner(&self) -> Owner {
        Owner::Rule(self.index)
    }
}

/// Declares a rule: its doc comment and its registry entry, written once.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            title: $title:literal,
            category: $category:ident,
            clause: ($work:literal, $personal:literal),
            quote: $quote:literal,
            severity: $severity:ident,
            modes: $modes:ident,
            example: $example:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                title: $title,
                category: $crate::rules::Category::$category,
                clause_work: $work,
                clause_personal: $personal,
                quote: $quote,
                severity: $crate::finding::Severity::$severity,
                modes: $crate::rules::Modes::$modes,
                example: $example,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// The registry: every rule's metadata, in order.
pub fn registry() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).collect()
}

/// The metadata of one rule.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).find(|m| m.id == id)
}

pub(crate) fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The registry entry as the outside world sees it (CLI `rules --format json`, wasm `rules()`).
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub category_title: &'static str,
    pub clause: String,
    pub clause_work: &'static str,
    pub clause_personal: &'static str,
    pub quote: &'static str,
    pub severity: Severity,
    pub modes: Modes,
    pub description: String,
    pub example: &'static str,
    pub doc: String,
}

impl From<&RuleMeta> for RuleInfo {
    fn from(m: &RuleMeta) -> RuleInfo {
        RuleInfo {
            id: m.id,
            title: m.title,
            category: m.category,
            category_title: m.category.title(),
            clause: m.clauses(),
            clause_work: m.clause_work,
            clause_personal: m.clause_personal,
            quote: m.quote,
            severity: m.severity,
            modes: m.modes,
            description: m.description(),
            example: m.example,
            doc: unindent_doc(m.doc),
        }
    }
}

/// Doc comments arrive with one leading space per line.
fn unindent_doc(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The rule reference in Markdown, generated from the registry (the README's rule table and
/// the docs come from here: `second-thought docs`).
pub fn markdown_reference() -> String {
    let mut out =
        String::from("| rule id | title | severity | clause | accounts |\n|---|---|---|---|---|\n");
    for m in registry() {
        let accounts = match m.modes {
            Modes::Both => "all",
            Modes::Personal => "personal",
            Modes::Work => "work",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.id,
            m.title,
            m.severity,
            m.clauses(),
            accounts
        ));
    }
    for m in registry() {
        out.push_str(&format!(
            "\n### `{}`: {}\n\n{}\n",
            m.id,
            m.title,
            unindent_doc(m.doc)
        ));
    }
    out
}

/// The registry as `RuleInfo`s.
pub fn infos() -> Vec<RuleInfo> {
    RULES.iter().map(|r| RuleInfo::from(r.meta())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Context};

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let reg = registry();
        for (i, m) in reg.iter().enumerate() {
            assert!(
                m.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                m.id
            );
            assert!(
                reg[..i].iter().all(|o| o.id != m.id),
                "duplicate id {}",
                m.id
            );
            let d = m.description();
            assert!(d.len() > 30, "{} needs a description", m.id);
            for section in ["## Why", "## Example"] {
                assert!(
                    m.doc.contains(section),
                    "{}'s doc comment needs a '{section}' section",
                    m.id
                );
            }
            assert!(!m.quote.is_empty() && !m.example.is_empty(), "{}", m.id);
        }
    }

    /// Every rule's own example is flagged by that rule, in a mode it applies in.
    #[test]
    fn every_example_is_flagged_by_its_rule() {
        let checker = Checker::default();
        for m in registry() {
            if m.id == "custom-term" || m.id == "work-time" {
                continue; // need a custom term / a clock time: tested in their own files
            }
            let mode = if m.modes == Modes::Work {
                Mode::Work
            } else {
                Mode::Personal
            };
            let ctx = Context {
                mode,
                ..Context::default()
            };
            let found = checker.check(m.example, &ctx).expect("checks");
            assert!(
                found.iter().any(|f| f.rule == m.id),
                "{}'s example {:?} gave {found:?}",
                m.id,
                m.example
            );
        }
    }
}
