//! # Second Thought
//!
//! Checks a social media post against an organisation's social media policy before it is
//! published. Text in, findings out: every [`Finding`] names its rule, its severity, the policy
//! clause, a plain-English reason and the exact UTF-16 span of the text it is about.
//!
//! ```
//! use second_thought::{Checker, Context};
//! let checker = Checker::default(); // the Central Bedfordshire SENDIASS policy
//! let findings = checker.check("Strictly confidential: do not share", &Context::default()).unwrap(); // ok: example
//! assert_eq!(findings[0].rule, "confidential-marker");
//! assert_eq!((findings[0].start, findings[0].end), (0, 21));
//! ```
//!
//! The same core runs natively (the `second-thought` CLI, tests, benchmarks) and as
//! WebAssembly in the browser extension (see `wasm.rs`, the only module that knows JS types).

pub mod classifier;
pub mod context;
pub mod eval;
pub mod finding;
pub mod lexicon;
pub mod policy;
pub mod rules;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use context::{Context, LocalTime, Mode, Site};
pub use finding::{Finding, Severity};
pub use policy::{PolicyPack, UserSettings};

use lexicon::{LexiconBuilder, Owner};
use rules::{Document, RuleCx, State};

/// The longest text checked, in bytes; longer texts are refused with [`Error::TooLong`].
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// Everything that can go wrong, as a value: nothing in this crate panics on input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The policy pack is not valid; the message names the field.
    Pack(String),
    /// The user settings are not valid; the message names the field.
    Settings(String),
    /// The check context is not valid; the message names the field.
    Context(String),
    /// The text is longer than [`MAX_TEXT_BYTES`].
    TooLong { bytes: usize },
}

impl Error {
    pub fn message(&self) -> String {
        match self {
            Error::Pack(m) | Error::Settings(m) | Error::Context(m) => m.clone(),
            Error::TooLong { bytes } => {
                format!("the text is {bytes} bytes long; the limit is {MAX_TEXT_BYTES}")
            }
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Pack(m) => write!(f, "policy pack: {m}"),
            Error::Settings(m) => write!(f, "settings: {m}"),
            Error::Context(m) => write!(f, "context: {m}"),
            Error::TooLong { .. } => write!(f, "text: {}", self.message()),
        }
    }
}

impl std::error::Error for Error {}

/// A rule as compiled for one pack.
struct Compiled {
    enabled: bool,
    severity: Severity,
    state: State,
    /// The pack gave the rule extra terms, and the checker reports their hits for it (the
    /// rule does not read them itself).
    extra_terms: bool,
}

/// Checks texts against one policy pack (with the user's settings applied). Build it once and
/// reuse it: building compiles every word list and pattern.
pub struct Checker {
    pack: PolicyPack,
    lexicon: lexicon::Lexicon,
    rules: Vec<Compiled>,
}

impl Default for Checker {
    /// The checker for the shipped default pack.
    fn default() -> Checker {
        // The default pack is tested to compile; failing here would be a build defect. (The
        // error is shown by its `Display`: `expect` would keep `Debug` code in the wasm.)
        match Checker::new(PolicyPack::default_pack(), &UserSettings::default()) {
            Ok(checker) => checker,
            Err(e) => panic!("the default pack compiles: {e}"),
        }
    }
}

impl Checker {
    /// Compiles a pack with user settings laid over it. Nothing is half-applied: any error
    /// leaves no checker.
    pub fn new(pack: PolicyPack, settings: &UserSettings) -> Result<Checker, Error> {
        pack.validate()?;
        let pack = pack.with_settings(settings);
        let mut lex = LexiconBuilder::default();
        let mut compiled = Vec::new();
        for (i, rule) in rules::all().iter().enumerate() {
            let meta = rule.meta();
            let s = pack.rules.get(meta.id);
            let state = rule.prepare(&pack, i, &mut lex)?;
            let mut extra_terms = false;
            if let Some(s) = s {
                if !rule.reads_extra_terms() {
                    for t in &s.extra_terms {
                        lex.add_entry(Owner::Rule(i), EXTRA_TERM_TAG, t, true);
                        extra_terms = true;
                    }
                }
                for t in &s.allowed_terms {
                    lex.add_entry(Owner::Allow(Some(i)), 0, t, false);
                }
            }
            compiled.push(Compiled {
                enabled: s.and_then(|s| s.enabled).unwrap_or(true),
                severity: s.and_then(|s| s.severity).unwrap_or(meta.severity),
                state,
                extra_terms,
            });
        }
        for t in &pack.allowed_terms {
            lex.add_entry(Owner::Allow(None), 0, t, false);
        }
        let lexicon = lex.build().map_err(Error::Pack)?;
        Ok(Checker {
            pack,
            lexicon,
            rules: compiled,
        })
    }

    /// Reads a pack (or the default, when `None`) and settings from JSON.
    pub fn from_json(
        pack_json: Option<&str>,
        settings_json: Option<&str>,
    ) -> Result<Checker, Error> {
        let pack = match pack_json {
            Some(j) => PolicyPack::from_json(j)?,
            None => PolicyPack::default_pack(),
        };
        let settings = match settings_json {
            Some(j) => UserSettings::from_json(j)?,
            None => UserSettings::default(),
        };
        Checker::new(pack, &settings)
    }

    /// Every compiled word-list entry, normalised (for benchmarks and tooling).
    pub fn lexicon_terms(&self) -> Vec<&str> {
        self.lexicon
            .entries()
            .iter()
            .map(|e| e.norm.as_str())
            .collect()
    }

    /// The pack in force (user settings applied).
    pub fn pack(&self) -> &PolicyPack {
        &self.pack
    }

    /// Checks one text. Findings come sorted by position, without duplicates.
    pub fn check(&self, text: &str, ctx: &Context) -> Result<Vec<Finding>, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::TooLong { bytes: text.len() });
        }
        let doc = Document::reusing(text, &self.lexicon, SCRATCH.with(|s| s.take()));
        let mut out = Vec::new();
        for (i, (rule, c)) in rules::all().iter().zip(&self.rules).enumerate() {
            let meta = rule.meta();
            if !c.enabled || !meta.modes.applies(ctx.mode) {
                continue;
            }
            let cx = RuleCx {
                ctx,
                pack: &self.pack,
                index: i,
                severity: c.severity,
                meta,
                state: c.state.as_deref(),
            };
            rule.check(&doc, &cx, &mut out);
            // (Only a rule given extra terms has hits of them: most have none to look for.)
            if c.extra_terms {
                for (_, _, (a, b)) in doc
                    .hits_of(Owner::Rule(i))
                    .filter(|(_, e, _)| e.tag == EXTRA_TERM_TAG)
                {
                    out.push(cx.finding(
                        a,
                        b,
                        format!(
                            "“{}” is on your organisation's list for “{}”.",
                            doc.excerpt(a, b),
                            meta.title
                        ),
                    ));
                }
            }
        }
        self.drop_allowed(&doc, &mut out);
        Finding::normalise(&mut out);
        let norm = doc.into_norm();
        if norm.capacity_bytes() <= MAX_KEPT_SCRATCH {
            SCRATCH.with(|s| s.set(norm));
        }
        Ok(out)
    }

    /// Removes findings that an allowed term covers.
    fn drop_allowed(&self, doc: &Document, out: &mut Vec<Finding>) {
        let allows: Vec<(Option<usize>, u32, u32)> = doc
            .hits
            .iter()
            .filter_map(|h| match self.lexicon.entry(h.entry).owner {
                Owner::Allow(r) => doc.norm.words.span(h.start..h.end).map(|(a, b)| (r, a, b)),
                _ => None,
            })
            .collect();
        let has_allowed_terms = !self.pack.allowed_terms.is_empty()
            || self
                .pack
                .rules
                .values()
                .any(|r| !r.allowed_terms.is_empty());
        if allows.is_empty() && !has_allowed_terms {
            return;
        }
        out.retain(|f| {
            let idx = rules::index_of(&f.rule);
            let covered = allows
                .iter()
                .any(|&(r, a, b)| (r.is_none() || r == idx) && a <= f.start && f.end <= b);
            if covered {
                return false;
            }
            // An allowed term that is not made of words (an email address, a link) is
            // compared with the flagged text itself; a number (the organisation's helpline)
            // by its digits, however it is spaced ("0300 300 8088", "0300-3008088").
            let flagged = doc.excerpt(f.start, f.end).trim();
            let digits = number_digits(flagged);
            let same = |t: &String| {
                t.trim().eq_ignore_ascii_case(flagged)
                    || digits
                        .as_ref()
                        .is_some_and(|d| number_digits(t).as_ref() == Some(d))
            };
            let rule_allowed = self
                .pack
                .rules
                .get(&*f.rule)
                .is_some_and(|r| r.allowed_terms.iter().any(same));
            !(rule_allowed || self.pack.allowed_terms.iter().any(same))
        });
    }
}

/// The digits of a number written with only digits, spaces and `+ ( ) - .` (a phone number,
/// however it is spaced), when it has at least six; `None` for anything else. A UK number
/// written the international way counts as the national one: "+44 (0)300 300 8088" and
/// "0044 300 300 8088" are "03003008088".
fn number_digits(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s
        .bytes()
        .all(|c| c.is_ascii_digit() || b" +()-.".contains(&c))
    {
        return None;
    }
    let mut digits = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&c, tail)) = rest.split_first() {
        rest = match (c, tail) {
            // "+44 (0)300": the 0 written in brackets is not dialled.
            (b'(', [b'0', b')', after @ ..]) => after,
            _ => {
                if c.is_ascii_digit() {
                    digits.push(c);
                }
                tail
            }
        };
    }
    // "0044 300…" and "+44 300…" are "0300…".
    let country = if digits.starts_with(b"0044") {
        4
    } else if s.starts_with('+') && digits.starts_with(b"44") {
        2
    } else {
        0
    };
    if country > 0 {
        digits[country - 1] = b'0';
        digits.drain(..country - 1);
    }
    (digits.len() >= 6).then_some(digits)
}

thread_local! {
    /// The memory of the last check's normalised text, reused by the next (checks of
    /// everyday posts then allocate almost nothing).
    static SCRATCH: std::cell::Cell<text::Normalised> = std::cell::Cell::new(text::Normalised::default());
}

/// The most memory kept between checks; a huge post's buffers are freed instead.
const MAX_KEPT_SCRATCH: usize = 4 << 20;

/// The lexicon tag of a pack's `extra_terms` entries.
pub(crate) const EXTRA_TERM_TAG: u32 = u32::MAX;

/// Every rule's metadata, for listings.
pub fn rule_infos() -> Vec<rules::RuleInfo> {
    rules::infos()
}

/// One default checker shared by the unit tests (building one compiles every word list).
#[cfg(test)]
pub(crate) fn test_checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(Checker::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule's extra terms from the pack are reported as that rule's findings, and only
    /// that rule's; a rule with none reports none.
    #[test]
    fn extra_terms_are_reported_for_their_rule() {
        let mut pack = PolicyPack::default_pack();
        pack.rules
            .entry("obscene-language".into())
            .or_default()
            .extra_terms = vec!["flibbertigibbet".into()];
        let checker = Checker::new(pack, &UserSettings::default()).expect("builds");
        let text = "What a flibbertigibbet, honestly";
        let found = checker.check(text, &Context::default()).expect("checks");
        let hits: Vec<_> = found
            .iter()
            .filter(|f| f.message.contains("organisation's list"))
            .collect();
        assert_eq!(hits.len(), 1, "{found:?}");
        assert_eq!(hits[0].rule, "obscene-language");
        assert_eq!(
            crate::text::excerpt(text, hits[0].start, hits[0].end),
            "flibbertigibbet"
        );
        // The default pack has no extra terms: nothing of the kind.
        let plain = test_checker()
            .check(text, &Context::default())
            .expect("checks");
        assert!(plain
            .iter()
            .all(|f| !f.message.contains("organisation's list")));
    }
}
