//! Policy packs: an organisation's policy as data.
//!
//! A pack is JSON (see `policies/central-bedfordshire-sendiass.json`, the default). Loading one
//! validates all of it first and answers a bad pack with an error naming the field and what is
//! wrong; a bad pack is never half-applied. User settings (from the options page) have the same
//! shape as the pack's `rules`, `custom_terms` and `allowed_terms`, and are laid over the pack.

use crate::finding::Severity;
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod json_path;

/// The pack compiled into the product: Central Bedfordshire SENDIASS.
pub const DEFAULT_PACK_JSON: &str =
    include_str!("../../policies/central-bedfordshire-sendiass.json");

/// The largest pack accepted, in bytes.
pub const MAX_PACK_BYTES: usize = 4 << 20;
/// The most custom terms (plus extra and allowed terms of all rules) a pack may hold.
pub const MAX_TERMS: usize = 20_000;
/// The longest term or regex, in bytes.
pub const MAX_TERM_BYTES: usize = 1_000;
/// The compiled size limit of one regex, in bytes (a pattern that would be bigger is refused).
/// The regex engine (regex-lite, chosen for the size of the wasm) takes time in proportion to
/// the pattern's size times the text's: at this limit the biggest pattern accepted (`\w{200}`)
/// takes about 70 ms over 50,000 letters, `\w{1000}\w{1000}` is refused, and what packs use
/// (`\bREF-\d{4}\b`, a dozen alternatives) is a tenth of it or less.
pub const REGEX_SIZE_LIMIT: usize = 16 * 1024;
/// The most regexes one list of custom terms may hold: each runs over the whole post
/// (1-8 ms over 60,000 characters on the test machines; plain terms cost nothing extra).
pub const MAX_REGEX_TERMS: usize = 50;

/// A policy pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyPack {
    /// The pack format's version; this build reads version 1.
    pub schema: u32,
    pub organisation: Organisation,
    pub policy: PolicyInfo,
    #[serde(default)]
    pub working_hours: Option<WorkingHours>,
    /// Per-rule settings, by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSettings>,
    #[serde(default)]
    pub custom_terms: Vec<CustomTerm>,
    /// Words or phrases never to flag, whatever the rule.
    #[serde(default)]
    pub allowed_terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: Option<Body>,
    /// Email domains of the organisation (and of its parent body), e.g. `centralbedfordshire.gov.uk`.
    #[serde(default)]
    pub email_domains: Vec<String>,
    /// Job titles tied to the organisation ("SENDIASS adviser").
    #[serde(default)]
    pub job_titles: Vec<String>,
    pub manager: Manager,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manager {
    /// How the policy names the person to report to ("SENDIASS manager").
    pub title: String,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyInfo {
    pub title: String,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub published: String,
    #[serde(default)]
    pub reviewed: Option<String>,
    #[serde(default)]
    pub next_review: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    /// Working days: `mon` … `sun`.
    pub days: Vec<String>,
    /// `HH:MM`, 24-hour clock.
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub lunch: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: String,
    pub end: String,
}

/// Settings for one rule, in a pack or in user settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// More words or phrases for this rule (lexicon format: `*` anchors allowed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_terms: Vec<String>,
    /// Words or phrases this rule never flags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_terms: Vec<String>,
}

/// An organisation's own term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTerm {
    /// A word or phrase (lexicon format), or a regular expression when `regex` is true.
    pub term: String,
    #[serde(default)]
    pub regex: bool,
    pub severity: Severity,
    pub message: String,
    /// The policy clause, e.g. "2.3".
    #[serde(default)]
    pub clause: Option<String>,
}

/// What a user changed in the options page, laid over the pack.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UserSettings {
    pub rules: BTreeMap<String, RuleSettings>,
    pub custom_terms: Vec<CustomTerm>,
    pub allowed_terms: Vec<String>,
}

/// Minutes since midnight from `HH:MM`.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60)
        .then_some(h * 60 + m)
        .or((h == 24 && m == 0).then_some(24 * 60))
}

/// Index of a day name, 0 = Monday.
pub fn parse_day(s: &str) -> Option<u8> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| s.eq_ignore_ascii_case(d))
        .map(|i| i as u8)
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|p| p.iter().all(u8::is_ascii_digit));
    let month_ok = s
        .get(5..7)
        .and_then(|m| m.parse::<u8>().ok())
        .is_some_and(|m| (1..=12).contains(&m));
    match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && month_ok,
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && month_ok
                && s.get(8..10)
                    .and_then(|d| d.parse::<u8>().ok())
                    .is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// Builds a regex for a pack, within the size limit.
pub fn build_regex(pattern: &str) -> Result<regex_lite::Regex, String> {
    if pattern.len() > MAX_TERM_BYTES {
        return Err(format!(
            "the pattern is {} bytes long; the limit is {MAX_TERM_BYTES}",
            pattern.len()
        ));
    }
    regex_lite::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(50)
        .build()
        .map_err(|e| {
            let e = e.to_string();
            if crate::text::contains(&e, "exceeded size limit") {
                format!("the pattern is too big once compiled (over {REGEX_SIZE_LIMIT} bytes); make it simpler")
            } else {
                format!("the pattern does not compile: {}", e.replace('\n', " "))
            }
        })
}

/// Turns a serde_json error from reading `json` into "field: what is wrong" (the field found by
/// [`json_path::error_path`]).
pub fn describe_json_error(json: &str, e: &serde_json::Error) -> String {
    let path = json_path::error_path(json, e);
    let mut msg = e.to_string();
    // serde_json appends " at line L column C"; keep it, it helps in a file.
    if path.is_empty() {
        if msg.starts_with("missing field") {
            return msg;
        }
        return format!("the pack is not valid JSON: {msg}");
    }
    if let Some(stripped) = msg.strip_prefix("invalid type: ") {
        msg = format!("wrong type: {stripped}");
    }
    format!("{path}: {msg}")
}

impl PolicyPack {
    /// The default pack (Central Bedfordshire SENDIASS).
    pub fn default_pack() -> PolicyPack {
        // The shipped pack is checked by a test; parsing it cannot fail at run time.
        match PolicyPack::from_json(DEFAULT_PACK_JSON) {
            Ok(pack) => pack,
            Err(e) => panic!("shipped pack: {e}"),
        }
    }

    /// Reads and validates a pack.
    pub fn from_json(json: &str) -> Result<PolicyPack, Error> {
        if json.len() > MAX_PACK_BYTES {
            return Err(Error::Pack(format!(
                "the pack is {} bytes; the limit is {MAX_PACK_BYTES}",
                json.len()
            )));
        }
        let pack: PolicyPack =
            serde_json::from_str(json).map_err(|e| Error::Pack(describe_json_error(json, &e)))?;
        pack.validate()?;
        Ok(pack)
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks everything serde cannot: ids, times, dates, regexes, sizes.
    pub fn validate(&self) -> Result<(), Error> {
        let err = |field: String, what: String| Err(Error::Pack(format!("{field}: {what}")));
        if self.schema != 1 {
            return err(
                "schema".into(),
                format!("this version reads schema 1, not {}", self.schema),
            );
        }
        let o = &self.organisation;
        if o.name.trim().is_empty() {
            return err("organisation.name".into(), "must not be empty".into());
        }
        for (i, a) in o.aliases.iter().enumerate() {
            if a.trim().is_empty() {
                return err(
                    format!("organisation.aliases[{i}]"),
                    "must not be empty".into(),
                );
            }
        }
        if let Some(p) = &o.parent {
            if p.name.trim().is_empty() {
                return err(
                    "organisation.parent.name".into(),
                    "must not be empty".into(),
                );
            }
        }
        for (i, d) in o.email_domains.iter().enumerate() {
            let ok = d.contains('.')
                && !d.starts_with('.')
                && !d.ends_with('.')
                && !d.starts_with('@')
                && d.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
            if !ok {
                return err(
                    format!("organisation.email_domains[{i}]"),
                    format!("'{d}' is not a domain like example.org (no @, no spaces)"),
                );
            }
        }
        if let Some(e) = &o.manager.email {
            if !e.contains('@') || e.contains(char::is_whitespace) {
                return err(
                    "organisation.manager.email".into(),
                    format!("'{e}' is not an email address"),
                );
            }
        }
        for (field, value) in [
            ("policy.published", Some(&self.policy.published)),
            ("policy.reviewed", self.policy.reviewed.as_ref()),
            ("policy.next_review", self.policy.next_review.as_ref()),
        ] {
            if let Some(v) = value {
                if !valid_date(v) {
                    return err(
                        field.into(),
                        format!("'{v}' is not a date like 2017-08 or 2017-08-31"),
                    );
                }
            }
        }
        if let Some(w) = &self.working_hours {
            for (i, d) in w.days.iter().enumerate() {
                if parse_day(d).is_none() {
                    return err(
                        format!("working_hours.days[{i}]"),
                        format!("'{d}' is not one of mon, tue, wed, thu, fri, sat, sun"),
                    );
                }
            }
            let mut times = vec![
                ("working_hours.start", &w.start),
                ("working_hours.end", &w.end),
            ];
            if let Some(l) = &w.lunch {
                times.push(("working_hours.lunch.start", &l.start));
                times.push(("working_hours.lunch.end", &l.end));
            }
            for (field, t) in &times {
                if parse_hhmm(t).is_none() {
                    return err(
                        (*field).into(),
                        format!("'{t}' is not a time like 09:00 (24-hour clock)"),
                    );
                }
            }
            let m = |s: &str| parse_hhmm(s).unwrap_or(0);
            if m(&w.start) >= m(&w.end) {
                return err(
                    "working_hours.end".into(),
                    format!("{} is not after the start, {}", w.end, w.start),
                );
            }
            if let Some(l) = &w.lunch {
                if m(&l.start) >= m(&l.end) {
                    return err(
                        "working_hours.lunch.end".into(),
                        format!("{} is not after the lunch start, {}", l.end, l.start),
                    );
                }
            }
        }
        validate_rules("rules", &self.rules)?;
        validate_terms(
            "custom_terms",
            "allowed_terms",
            &self.custom_terms,
            &self.allowed_terms,
        )?;
        let total = self.custom_terms.len()
            + self.allowed_terms.len()
            + self
                .rules
                .values()
                .map(|r| r.extra_terms.len() + r.allowed_terms.len())
                .sum::<usize>();
        if total > MAX_TERMS {
            return err(
                "custom_terms".into(),
                format!("the pack holds {total} terms; the limit is {MAX_TERMS}"),
            );
        }
        Ok(())
    }

    /// The pack with the user's settings laid over it.
    pub fn with_settings(&self, settings: &UserSettings) -> PolicyPack {
        let mut pack = self.clone();
        for (id, s) in &settings.rules {
            let r = pack.rules.entry(id.clone()).or_default();
            if s.enabled.is_some() {
                r.enabled = s.enabled;
            }
            if s.severity.is_some() {
                r.severity = s.severity;
            }
            r.extra_terms.extend(s.extra_terms.iter().cloned());
            r.allowed_terms.extend(s.allowed_terms.iter().cloned());
        }
        pack.custom_terms
            .extend(settings.custom_terms.iter().cloned());
        pack.allowed_terms
            .extend(settings.allowed_terms.iter().cloned());
        pack
    }

    /// Every name the organisation goes by: its name, aliases, parent body and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let o = &self.organisation;
        std::iter::once(o.name.as_str())
            .chain(o.aliases.iter().map(String::as_str))
            .chain(o.parent.iter().flat_map(|p| {
                std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str))
            }))
    }
}

impl UserSettings {
    pub fn from_json(json: &str) -> Result<UserSettings, Error> {
        if json.len() > MAX_PACK_BYTES {
            return Err(Error::Settings(format!(
                "the settings are {} bytes; the limit is {MAX_PACK_BYTES}",
                json.len()
            )));
        }
        let s: UserSettings = serde_json::from_str(json)
            .map_err(|e| Error::Settings(describe_json_error(json, &e)))?;
        validate_rules("rules", &s.rules).map_err(|e| Error::Settings(e.message()))?;
        validate_terms(
            "custom_terms",
            "allowed_terms",
            &s.custom_terms,
            &s.allowed_terms,
        )
        .map_err(|e| Error::Settings(e.message()))?;
        Ok(s)
    }
}

fn validate_rules(field: &str, rules: &BTreeMap<String, RuleSettings>) -> Result<(), Error> {
    for (id, s) in rules {
        if crate::rules::meta(id).is_none() {
            return Err(Error::Pack(format!(
                "{field}.{id}: unknown rule id '{id}' (known: {})",
                crate::rules::registry()
                    .iter()
                    .map(|r| r.id)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        for (kind, terms) in [
            ("extra_terms", &s.extra_terms),
            ("allowed_terms", &s.allowed_terms),
        ] {
            for (i, t) in terms.iter().enumerate() {
                check_term(&format!("{field}.{id}.{kind}[{i}]"), t)?;
            }
        }
    }
    Ok(())
}

fn check_term(field: &str, t: &str) -> Result<(), Error> {
    if t.len() > MAX_TERM_BYTES {
        return Err(Error::Pack(format!(
            "{field}: the term is {} bytes long; the limit is {MAX_TERM_BYTES}",
            t.len()
        )));
    }
    let (text, _) = crate::lexicon::parse_anchor(t.trim());
    if crate::text::normalise_phrase(text).is_empty() {
        return Err(Error::Pack(format!(
            "{field}: '{t}' has no letters or digits to match"
        )));
    }
    Ok(())
}

fn validate_terms(
    field: &str,
    allowed_field: &str,
    terms: &[CustomTerm],
    allowed: &[String],
) -> Result<(), Error> {
    let regexes = terms.iter().filter(|t| t.regex).count();
    if regexes > MAX_REGEX_TERMS {
        return Err(Error::Pack(format!(
            "{field}: {regexes} regexes; the limit is {MAX_REGEX_TERMS} (each one runs over the whole post: use plain terms where you can)"
        )));
    }
    for (i, t) in terms.iter().enumerate() {
        let f = format!("{field}[{i}]");
        if t.regex {
            build_regex(&t.term).map_err(|e| Error::Pack(format!("{f}.term: {e}")))?;
            if t.term.is_empty() {
                return Err(Error::Pack(format!("{f}.term: must not be empty")));
            }
        } else {
            check_term(&format!("{f}.term"), &t.term)?;
        }
        if t.message.trim().is_empty() {
            return Err(Error::Pack(format!(
                "{f}.message: must say why the term is flagged"
            )));
        }
    }
    for (i, t) in allowed.iter().enumerate() {
        check_term(&format!("{allowed_field}[{i}]"), t)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(patch: impl FnOnce(&mut serde_json::Value)) -> Result<PolicyPack, Error> {
        let mut v: serde_json::Value = serde_json::from_str(DEFAULT_PACK_JSON).expect("json");
        patch(&mut v);
        PolicyPack::from_json(&v.to_string())
    }

    #[test]
    fn default_pack_is_valid() {
        let p = PolicyPack::default_pack();
        assert_eq!(p.organisation.name, "Central Bedfordshire SENDIASS");
        assert!(p.names().any(|n| n == "CBC"));
        assert_eq!(p.policy.next_review.as_deref(), Some("2020-08"));
    }

    fn assert_err(r: Result<PolicyPack, Error>, field: &str, what: &str) {
        let e = r.expect_err("should be refused").to_string();
        assert!(
            e.contains(field) && e.contains(what),
            "'{e}' should name {field} and say {what}"
        );
    }

    #[test]
    fn bad_packs_name_the_field() {
        assert_err(
            with(|v| v["rules"]["no-such-rule"] = serde_json::json!({})),
            "rules.no-such-rule",
            "unknown rule id",
        );
        assert_err(
            with(|v| v["rules"]["personal-data"]["severity"] = "block".into()),
            "rules.personal-data.severity",
            "unknown variant",
        );
        assert_err(
            with(|v| v["working_hours"]["start"] = "25:00".into()),
            "working_hours.start",
            "25:00",
        );
        assert_err(
            with(|v| v["working_hours"]["days"][0] = "monday".into()),
            "working_hours.days[0]",
            "monday",
        );
        assert_err(
            with(
                |v| v["custom_terms"] = serde_json::json!([{"term": "(", "regex": true, "severity": "warn", "message": "m"}]),
            ),
            "custom_terms[0].term",
            "does not compile",
        );
        assert_err(
            with(
                |v| v["custom_terms"] = serde_json::json!([{"term": "\\w{1000}", "regex": true, "severity": "warn", "message": "m"}]),
            ),
            "custom_terms[0].term",
            "too big",
        );
        let many: Vec<serde_json::Value> = (0..=MAX_REGEX_TERMS)
            .map(|i| serde_json::json!({"term": format!("\\bREF{i}-\\d+"), "regex": true, "severity": "warn", "message": "m"}))
            .collect();
        assert_err(
            with(|v| v["custom_terms"] = serde_json::json!(many.clone())),
            "custom_terms",
            "51 regexes; the limit is 50",
        );
        let enough = &many[..MAX_REGEX_TERMS];
        assert!(with(|v| v["custom_terms"] = serde_json::json!(enough)).is_ok());
        assert_err(
            with(|v| v["organisation"]["email_domains"][0] = "@cbc".into()),
            "organisation.email_domains[0]",
            "not a domain",
        );
        assert_err(
            with(|v| v["policy"]["published"] = "August 2017".into()),
            "policy.published",
            "not a date",
        );
        assert_err(
            with(|v| v["organisation"]["nmae"] = "x".into()),
            "organisation",
            "unknown field `nmae`",
        );
        assert_err(with(|v| v["schema"] = 2.into()), "schema", "schema 1");
        assert_err(
            with(|v| v["allowed_terms"] = serde_json::json!(["!!!"])),
            "allowed_terms[0]",
            "no letters",
        );
        let e = PolicyPack::from_json("{not json")
            .expect_err("bad")
            .to_string();
        assert!(
            e.contains("not valid JSON") || e.contains("key must be a string"),
            "{e}"
        );
    }

    #[test]
    fn times_and_dates() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in ["25:00", "9:30", "09:60", "0930", "ab:cd", "12:3٣"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert!(valid_date("2017-08") && valid_date("2020-08-31"));
        assert!(!valid_date("2017-13") && !valid_date("17-08") && !valid_date("2017-08-32"));
    }

    #[test]
    fn settings_lay_over_the_pack() {
        let s = UserSettings::from_json(
            r#"{"rules":{"work-time":{"enabled":false}},"allowed_terms":["Dick Whittington"]}"#,
        )
        .expect("ok");
        let p = PolicyPack::default_pack().with_settings(&s);
        assert_eq!(
            p.rules.get("work-time").and_then(|r| r.enabled),
            Some(false)
        );
        assert!(p.allowed_terms.iter().any(|t| t == "Dick Whittington"));
        let e = UserSettings::from_json(r#"{"rules":{"nope":{}}}"#)
            .expect_err("bad id")
            .to_string();
        assert!(e.contains("rules.nope"), "{e}");
    }
}
