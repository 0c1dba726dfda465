//! Issue 3's goals as a regression floor, on the labelled files of `../shared/eval` (kept
//! beside the repository, not in it; `EVAL_DIR` points elsewhere). Each file is measured with
//! the rule set the issue names, through the same code as `second-thought eval`, and must stay
//! at or above the figure in the table below: the goal where it is met, and where it is
//! not (Davidson's false-positive rate, goal .05), the figure reached, so that nothing gets
//! worse unseen. Where the files are absent (a bare checkout) each test says so and passes:
//! the data is not ours to ship.

use second_thought::eval::{measure, report, Evaluation, Part};
use second_thought::{Checker, Context};
use std::path::PathBuf;
use std::sync::OnceLock;

const OFFENSIVE: &str = "obscene-language,discriminatory-language,harassment,threat";

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::default)
}

/// The file's rows, or `None` (with a note) where the evaluation data is not here.
fn data(file: &str) -> Option<String> {
    let dir = std::env::var_os("EVAL_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
        PathBuf::from,
    );
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(d) => Some(d),
        Err(e) => {
            eprintln!("{}: {e}; not measured", path.display());
            None
        }
    }
}

fn run(data: &str, rules: &str, part: Part) -> Evaluation {
    measure(
        checker(),
        &Context::default(),
        data,
        &rule_ids(rules),
        8,
        part,
    )
    .expect("the file parses")
}

fn rule_ids(rules: &str) -> Vec<String> {
    rules.split(',').map(str::to_string).collect()
}

/// The whole report of `second-thought eval` (figures, first false positives and misses), for
/// a failure message.
fn examples(e: &Evaluation, rules: &str, part: Part) -> String {
    format!("\n{}", report(e, &rule_ids(rules), part))
}

/// Asserts F1 (and, if given, the false-positive rate) of a post-level file.
#[track_caller]
fn posts(file: &str, rules: &str, part: Part, min_f1: f64, max_fpr: Option<f64>) {
    let Some(d) = data(file) else {
        return;
    };
    let e = run(&d, rules, part);
    let c = e.confusion;
    println!(
        "{file}: n={} precision {:.3} recall {:.3} F1 {:.3} FPR {:.3}",
        c.n(),
        c.precision(),
        c.recall(),
        c.f1(),
        c.fpr()
    );
    assert!(c.n() > 500, "{file}: only {} rows measured", c.n());
    assert!(
        c.f1() >= min_f1,
        "{file}: F1 {:.3} < {min_f1}{}",
        c.f1(),
        examples(&e, rules, part)
    );
    if let Some(max) = max_fpr {
        assert!(
            c.fpr() <= max,
            "{file}: false-positive rate {:.3} > {max}{}",
            c.fpr(),
            examples(&e, rules, part)
        );
    }
}

#[test]
fn davidson_held_out() {
    // Goal: F1 ≥ .96 and FPR ≤ .05. The FPR reached is .066: 40 of its 52 false positives are
    // slurs and sexual words the policy forbids whatever the annotators' label (README).
    posts(
        "offensive_davidson.jsonl",
        OFFENSIVE,
        Part::HeldOut,
        0.96,
        Some(0.07),
    );
}

#[test]
fn olid_held_out() {
    posts(
        "offensive_olid_train.jsonl",
        OFFENSIVE,
        Part::HeldOut,
        0.65,
        None,
    );
}

#[test]
fn ethos() {
    posts("hate_ethos.jsonl", OFFENSIVE, Part::All, 0.72, None);
}

#[test]
fn semeval_anger() {
    posts(
        "anger_semeval2018.jsonl",
        "angry-tone",
        Part::All,
        0.70,
        None,
    );
}

/// Span recall and precision of ≥ .95 for each kind the presidio-research synthetic sentences
/// label (US-centric; the UK work must cost nothing there).
#[test]
fn presidio_spans() {
    let Some(d) = data("pii_presidio_synth.jsonl") else {
        return;
    };
    let e = run(&d, "personal-data", Part::All);
    for kind in ["email", "phone", "card", "iban"] {
        let s = e.spans.get(kind).copied().unwrap_or_default();
        println!(
            "presidio {kind:<6} recall {:.3} ({}/{}) precision {:.3} ({}/{})",
            s.recall(),
            s.gold_found,
            s.gold,
            s.precision(),
            s.predicted_right,
            s.predicted
        );
        assert!(s.gold >= 20, "{kind}: only {} labelled spans", s.gold);
        assert!(
            s.recall() >= 0.95 && s.precision() >= 0.95,
            "{kind}: recall {:.3}, precision {:.3}{}",
            s.recall(),
            s.precision(),
            examples(&e, "personal-data", Part::All)
        );
    }
}
