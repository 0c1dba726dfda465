//! Evaluation on labelled data (`second-thought eval`).
//!
//! Input: JSON lines with `text` and `label` (1 = the kind of breach the file is about), and
//! optionally `spans` (`[{type, start, end}]`, code-point offsets) for span-level scores. A post
//! counts as flagged when any of the chosen rules fires at any severity.

use crate::{Checker, Context, Finding};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    label: u8,
    #[serde(default)]
    spans: Option<Vec<GoldSpan>>,
}

#[derive(Deserialize)]
struct GoldSpan {
    #[serde(rename = "type")]
    kind: String,
    start: usize,
    end: usize,
}

/// Counts of a binary decision.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Confusion {
    pub tp: u64,
    pub fp: u64,
    pub tn: u64,
    pub fn_: u64,
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, false) => self.tn += 1,
            (false, true) => self.fn_ += 1,
        }
    }
    pub fn n(&self) -> u64 {
        self.tp + self.fp + self.tn + self.fn_
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The finding kind that answers a gold span type of the PII sets (presidio-research's types,
/// and the UK ones of `tests/data/uk_pii_synth.jsonl`).
pub fn kind_for_gold(t: &str) -> Option<&'static str> {
    Some(match t {
        "EMAIL_ADDRESS" => "email",
        "PHONE_NUMBER" | "UK_PHONE" => "phone",
        "CREDIT_CARD" => "card",
        "IBAN_CODE" => "iban",
        "STREET_ADDRESS" => "address",
        "DATE_OF_BIRTH" | "DATE_TIME" => "date-of-birth",
        "US_SSN" => "ssn",
        "IP_ADDRESS" => "ip-address",
        "UK_NHS" => "nhs-number",
        "UK_NINO" => "nino",
        "UK_POSTCODE" => "postcode",
        "UK_SORT_CODE" | "UK_BANK_ACCOUNT" | "UK_BANK" => "bank-account",
        _ => return None,
    })
}

/// Converts a code-point offset to a UTF-16 offset.
fn cp_to_utf16(text: &str, cp: usize) -> u32 {
    text.chars().take(cp).map(|c| c.len_utf16() as u32).sum()
}

/// Span-level counts for one finding kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SpanCounts {
    /// Gold spans of the kind, and how many of them a finding of the kind overlaps.
    pub gold: u64,
    pub gold_found: u64,
    /// Findings of the kind, and how many of them overlap a gold span of the kind.
    pub predicted: u64,
    pub predicted_right: u64,
}

impl SpanCounts {
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }
}

/// What an evaluation measured.
#[derive(Debug, Default, Clone)]
pub struct Evaluation {
    /// The post-level decision: flagged (any of the rules fired) against `label`.
    pub confusion: Confusion,
    /// The same per rule.
    pub by_rule: BTreeMap<String, Confusion>,
    /// Span-level counts per finding kind, over the rows that have `spans`.
    pub spans: BTreeMap<String, SpanCounts>,
    /// Gold spans of types that answer no finding kind (the labelled decoys of a set, such as
    /// `NOT_NHS`, or presidio's `PERSON`): per type, how many, and how many a finding overlaps.
    pub other_spans: BTreeMap<String, (u64, u64)>,
    /// Whether any row had `spans`.
    pub span_labelled: bool,
    /// The first examples of flagged label-0 posts, missed label-1 posts, gold spans no finding
    /// of their kind overlaps, and findings that overlap no gold span of their kind.
    pub false_positives: Vec<String>,
    pub misses: Vec<String>,
    pub span_misses: Vec<String>,
    pub false_spans: Vec<String>,
    pub bytes: usize,
    pub seconds: f64,
}

/// Runs the checker over JSON lines and returns the report.
pub fn evaluate(
    checker: &Checker,
    ctx: &Context,
    data: &str,
    rules: &[String],
    examples: usize,
) -> Result<String, String> {
    evaluate_part(checker, ctx, data, rules, examples, Part::All)
}

/// Which rows to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    /// Only the rows the classifier was never trained on (`classifier::is_held_out`).
    HeldOut,
}

/// Like [`evaluate`], over a part of the rows.
pub fn evaluate_part(
    checker: &Checker,
    ctx: &Context,
    data: &str,
    rules: &[String],
    examples: usize,
    part: Part,
) -> Result<String, String> {
    let e = measure(checker, ctx, data, rules, examples, part)?;
    Ok(report(&e, rules, part))
}

/// Runs the checker over JSON lines and counts, keeping up to `examples` examples of each
/// kind of error.
pub fn measure(
    checker: &Checker,
    ctx: &Context,
    data: &str,
    rules: &[String],
    examples: usize,
    part: Part,
) -> Result<Evaluation, String> {
    let started = std::time::Instant::now();
    let mut e = Evaluation::default();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if part == Part::HeldOut {
            let id = match &row.id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !crate::classifier::is_held_out(&id) {
                continue;
            }
        }
        e.bytes += row.text.len();
        let findings: Vec<Finding> = checker
            .check(&row.text, ctx)
            .map_err(|e| format!("line {}: {e}", n + 1))?
            .into_iter()
            .filter(|f| rules.iter().any(|r| *r == f.rule))
            .collect();
        let actual = row.label == 1;
        let flagged = !findings.is_empty();
        e.confusion.add(flagged, actual);
        for r in rules {
            e.by_rule
                .entry(r.clone())
                .or_default()
                .add(findings.iter().any(|f| f.rule == *r), actual);
        }
        let excerpt = |a: u32, b: u32| crate::text::excerpt(&row.text, a, b).replace('\n', " ");
        let show = |f: Option<&Finding>| {
            let why = f.map_or(String::new(), |f| {
                format!(
                    " [{} {:?}: “{}”]",
                    f.rule,
                    f.kind.as_deref().unwrap_or(""),
                    excerpt(f.start, f.end)
                )
            });
            let text: String = row.text.chars().take(160).collect();
            format!("{}{why} {}", row.id, text.replace('\n', " "))
        };
        if flagged && !actual && e.false_positives.len() < examples {
            e.false_positives.push(show(findings.first()));
        }
        if !flagged && actual && e.misses.len() < examples {
            e.misses.push(show(None));
        }
        let Some(gold) = &row.spans else {
            continue;
        };
        e.span_labelled = true;
        // (kind if it answers one, type, start, end) in UTF-16 units.
        let gold: Vec<(Option<&'static str>, &str, u32, u32)> = gold
            .iter()
            .map(|g| {
                (
                    kind_for_gold(&g.kind),
                    g.kind.as_str(),
                    cp_to_utf16(&row.text, g.start),
                    cp_to_utf16(&row.text, g.end),
                )
            })
            .collect();
        let overlaps = |a: u32, b: u32, f: &Finding| a < f.end && f.start < b;
        for &(kind, t, a, b) in &gold {
            let Some(kind) = kind else {
                let o = e.other_spans.entry(t.to_string()).or_default();
                o.0 += 1;
                if let Some(f) = findings.iter().find(|f| overlaps(a, b, f)) {
                    o.1 += 1;
                    if e.false_spans.len() < examples {
                        let k = f.kind.as_deref().unwrap_or(&f.rule);
                        let ex = excerpt(f.start, f.end);
                        e.false_spans
                            .push(format!("{k} “{ex}” on {t}: {}", show(None)));
                    }
                }
                continue;
            };
            let s = e.spans.entry(kind.to_string()).or_default();
            s.gold += 1;
            if findings
                .iter()
                .any(|f| f.kind.as_deref() == Some(kind) && overlaps(a, b, f))
            {
                s.gold_found += 1;
            } else if e.span_misses.len() < examples {
                let ex = excerpt(a, b);
                e.span_misses.push(format!("{kind} “{ex}”: {}", show(None)));
            }
        }
        for f in &findings {
            let Some(kind) = f.kind.as_deref() else {
                continue;
            };
            let s = e.spans.entry(kind.to_string()).or_default();
            s.predicted += 1;
            if gold
                .iter()
                .any(|&(k, _, a, b)| k == Some(kind) && overlaps(a, b, f))
            {
                s.predicted_right += 1;
            } else if e.false_spans.len() < examples
                && !gold
                    .iter()
                    .any(|&(k, _, a, b)| k.is_none() && overlaps(a, b, f))
            {
                let ex = excerpt(f.start, f.end);
                e.false_spans.push(format!("{kind} “{ex}”: {}", show(None)));
            }
        }
    }
    e.seconds = started.elapsed().as_secs_f64();
    Ok(e)
}

/// The text report of an evaluation.
pub fn report(e: &Evaluation, rules: &[String], part: Part) -> String {
    let c = &e.confusion;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "rules: {}{}",
        rules.join(","),
        if part == Part::HeldOut {
            " (held-out rows only)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "n={} positives={} flagged={}\nprecision={:.3} recall={:.3} f1={:.3} fpr={:.3}",
        c.n(),
        c.tp + c.fn_,
        c.tp + c.fp,
        c.precision(),
        c.recall(),
        c.f1(),
        c.fpr()
    );
    let _ = writeln!(out, "tp={} fp={} tn={} fn={}", c.tp, c.fp, c.tn, c.fn_);
    let _ = writeln!(
        out,
        "speed: {:.0} texts/s, {:.1} MB/s",
        c.n() as f64 / e.seconds,
        e.bytes as f64 / e.seconds / 1e6
    );
    if rules.len() > 1 {
        for (r, rc) in &e.by_rule {
            let _ = writeln!(
                out,
                "  {r:<24} flagged={:<6} precision={:.3} recall={:.3} fpr={:.3}",
                rc.tp + rc.fp,
                rc.precision(),
                rc.recall(),
                rc.fpr()
            );
        }
    }
    if e.span_labelled {
        let _ = writeln!(
            out,
            "spans (a predicted span is right when it overlaps a gold span of its kind):"
        );
        for (kind, s) in &e.spans {
            let _ = writeln!(
                out,
                "  {kind:<14} gold={:<5} recall={:.3}  predicted={:<5} precision={:.3}",
                s.gold,
                s.recall(),
                s.predicted,
                s.precision()
            );
        }
        let flagged: Vec<String> = e
            .other_spans
            .iter()
            .filter(|(_, &(_, hit))| hit > 0)
            .map(|(t, (n, hit))| format!("{t} {hit}/{n}"))
            .collect();
        if !flagged.is_empty() {
            let _ = writeln!(
                out,
                "other gold spans a finding overlaps: {}",
                flagged.join(", ")
            );
        }
    }
    for (title, list) in [
        ("false positives", &e.false_positives),
        ("misses", &e.misses),
        ("span misses", &e.span_misses),
        ("false spans", &e.false_spans),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "{title} (first {}):", list.len());
            for x in list.iter() {
                let _ = writeln!(out, "  {x}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_measures() {
        let mut c = Confusion::default();
        for (p, a) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
            (false, false),
        ] {
            c.add(p, a);
        }
        assert_eq!((c.tp, c.fp, c.tn, c.fn_), (2, 1, 2, 1));
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.fpr() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Confusion::default().f1(), 0.0);
    }

    #[test]
    fn evaluates_lines_and_spans() {
        let data = concat!(
            r#"{"id":"a","text":"Strictly confidential","label":1}"#,
            "\n",
            r#"{"id":"b","text":"Lovely day","label":0}"#,
            "\n",
            r#"{"id":"c","text":"Nothing here","label":1}"#,
            "\n",
        );
        let r = evaluate(
            &Checker::default(),
            &Context::default(),
            data,
            &["confidential-marker".into()],
            5,
        )
        .expect("runs");
        assert!(r.contains("n=3 positives=2 flagged=1"), "{r}");
        assert!(r.contains("precision=1.000 recall=0.500"), "{r}");
        assert!(r.contains("misses (first 1):\n  \"c\""), "{r}");
        let bad = evaluate(
            &Checker::default(),
            &Context::default(),
            "{\"text\":1}",
            &[],
            5,
        )
        .expect_err("bad row");
        assert!(bad.starts_with("line 1:"), "{bad}");
    }

    #[test]
    fn code_points_become_utf16() {
        assert_eq!(cp_to_utf16("😀ab", 2), 3);
        assert_eq!(cp_to_utf16("ab", 9), 2);
    }
}
