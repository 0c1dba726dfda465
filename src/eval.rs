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

/// The finding kind that answers a gold span type of the PII set.
pub fn kind_for_gold(t: &str) -> Option<&'static str> {
    Some(match t {
        "EMAIL_ADDRESS" => "email",
        "PHONE_NUMBER" => "phone",
        "CREDIT_CARD" => "card",
        "IBAN_CODE" => "iban",
        "STREET_ADDRESS" => "address",
        "DATE_OF_BIRTH" | "DATE_TIME" => "date-of-birth",
        "US_SSN" => "ssn",
        "IP_ADDRESS" => "ip-address",
        _ => return None,
    })
}

/// Converts a code-point offset to a UTF-16 offset.
fn cp_to_utf16(text: &str, cp: usize) -> u32 {
    text.chars().take(cp).map(|c| c.len_utf16() as u32).sum()
}

/// Span-level counts for one kind.
#[derive(Debug, Default, Clone, Copy)]
struct SpanCounts {
    gold: u64,
    gold_found: u64,
    predicted: u64,
    predicted_right: u64,
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
    let started = std::time::Instant::now();
    let mut c = Confusion::default();
    let mut spans: BTreeMap<String, SpanCounts> = BTreeMap::new();
    let mut false_pos: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    let mut by_rule: BTreeMap<String, Confusion> = BTreeMap::new();
    let mut span_labelled = false;
    let mut bytes = 0usize;
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
        bytes += row.text.len();
        let findings: Vec<Finding> = checker
            .check(&row.text, ctx)
            .map_err(|e| format!("line {}: {e}", n + 1))?
            .into_iter()
            .filter(|f| rules.contains(&f.rule))
            .collect();
        let actual = row.label == 1;
        let flagged = !findings.is_empty();
        c.add(flagged, actual);
        for r in rules {
            by_rule
                .entry(r.clone())
                .or_default()
                .add(findings.iter().any(|f| f.rule == *r), actual);
        }
        let show = |f: Option<&Finding>| {
            let why = f.map_or(String::new(), |f| {
                format!(
                    " [{} {:?}: “{}”]",
                    f.rule,
                    f.kind.as_deref().unwrap_or(""),
                    crate::text::excerpt(&row.text, f.start, f.end)
                )
            });
            let text: String = row.text.chars().take(160).collect();
            format!("{}{why} {}", row.id, text.replace('\n', " "))
        };
        if flagged && !actual && false_pos.len() < examples {
            false_pos.push(show(findings.first()));
        }
        if !flagged && actual && misses.len() < examples {
            misses.push(show(None));
        }
        if let Some(gold) = &row.spans {
            span_labelled = true;
            let gold: Vec<(&'static str, u32, u32)> = gold
                .iter()
                .filter_map(|g| {
                    Some((
                        kind_for_gold(&g.kind)?,
                        cp_to_utf16(&row.text, g.start),
                        cp_to_utf16(&row.text, g.end),
                    ))
                })
                .collect();
            let overlaps = |a: u32, b: u32, c: u32, d: u32| a < d && c < b;
            for &(kind, a, b) in &gold {
                let s = spans.entry(kind.to_string()).or_default();
                s.gold += 1;
                if findings
                    .iter()
                    .any(|f| f.kind.as_deref() == Some(kind) && overlaps(a, b, f.start, f.end))
                {
                    s.gold_found += 1;
                }
            }
            for f in &findings {
                let Some(kind) = f.kind.as_deref() else {
                    continue;
                };
                let s = spans.entry(kind.to_string()).or_default();
                s.predicted += 1;
                if gold
                    .iter()
                    .any(|&(k, a, b)| k == kind && overlaps(a, b, f.start, f.end))
                {
                    s.predicted_right += 1;
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
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
        c.n() as f64 / secs,
        bytes as f64 / secs / 1e6
    );
    if rules.len() > 1 {
        for (r, rc) in &by_rule {
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
    if span_labelled {
        let _ = writeln!(
            out,
            "spans (a predicted span is right when it overlaps a gold span of its kind):"
        );
        for (kind, s) in &spans {
            let _ = writeln!(
                out,
                "  {kind:<14} gold={:<5} recall={:.3}  predicted={:<5} precision={:.3}",
                s.gold,
                ratio(s.gold_found, s.gold),
                s.predicted,
                ratio(s.predicted_right, s.predicted)
            );
        }
    }
    if !false_pos.is_empty() {
        let _ = writeln!(out, "false positives (first {}):", false_pos.len());
        for e in &false_pos {
            let _ = writeln!(out, "  {e}");
        }
    }
    if !misses.is_empty() {
        let _ = writeln!(out, "misses (first {}):", misses.len());
        for e in &misses {
            let _ = writeln!(out, "  {e}");
        }
    }
    Ok(out)
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
