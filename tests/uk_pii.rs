//! UK personal data (issue 3): the `personal-data` rule over the labelled synthetic set
//! `tests/data/uk_pii_synth.jsonl` (made by `tools/uk-pii-synth.py`), through the same code as
//! `second-thought eval`. Every kind must reach span precision and recall of .98, and no NHS
//! number may be decided wrongly: every one with a valid check digit found, nothing with a
//! wrong one flagged at all.

use second_thought::eval::{measure, Evaluation, Part};
use second_thought::{Checker, Context};

const KINDS: &[&str] = &[
    "phone",
    "nhs-number",
    "nino",
    "postcode",
    "card",
    "bank-account",
];

fn evaluate(data: &str) -> Evaluation {
    measure(
        &Checker::default(),
        &Context::default(),
        data,
        &["personal-data".to_string()],
        20,
        Part::All,
    )
    .expect("the data parses")
}

/// The misses and false findings, for the failure message.
fn examples(e: &Evaluation) -> String {
    let mut out = String::new();
    for (title, list) in [
        ("span misses", &e.span_misses),
        ("false spans", &e.false_spans),
    ] {
        out.push_str(&format!("\n{title}:\n  {}", list.join("\n  ")));
    }
    out
}

#[test]
fn uk_personal_data_precision_and_recall() {
    let data = include_str!("data/uk_pii_synth.jsonl");
    assert!(data.lines().count() >= 1_500, "the set is complete");
    let e = evaluate(data);
    for kind in KINDS {
        let s = e.spans.get(*kind).copied().unwrap_or_default();
        println!(
            "{kind:<13} gold {:>4}  recall {:.3}  predicted {:>4}  precision {:.3}",
            s.gold,
            s.recall(),
            s.predicted,
            s.precision()
        );
        assert!(s.gold >= 100, "{kind}: only {} gold spans", s.gold);
        assert!(
            s.recall() >= 0.98 && s.precision() >= 0.98,
            "{kind}: recall {:.3}, precision {:.3}{}",
            s.recall(),
            s.precision(),
            examples(&e)
        );
    }
    // The post-level decision too: flagged exactly when the post holds personal data.
    let c = e.confusion;
    assert!(
        c.precision() >= 0.98 && c.recall() >= 0.98,
        "posts: precision {:.3}, recall {:.3}{}",
        c.precision(),
        c.recall(),
        examples(&e)
    );
}

#[test]
fn no_wrong_nhs_decisions() {
    let e = evaluate(include_str!("data/uk_pii_synth.jsonl"));
    let valid = e.spans.get("nhs-number").copied().unwrap_or_default();
    // NHS-shaped numbers with a wrong check digit, in the same sentences.
    let (invalid, invalid_flagged) = e.other_spans.get("NOT_NHS").copied().unwrap_or_default();
    println!(
        "NHS numbers: {} valid, {} found; {} with a wrong check digit, {} flagged; {} findings",
        valid.gold, valid.gold_found, invalid, invalid_flagged, valid.predicted
    );
    assert!(valid.gold >= 100 && invalid >= 50, "the set has both kinds");
    assert_eq!(valid.gold_found, valid.gold, "{}", examples(&e));
    assert_eq!(valid.predicted_right, valid.predicted, "{}", examples(&e));
    assert_eq!(invalid_flagged, 0, "{}", examples(&e));
}

/// The other hard negatives (Luhn-invalid cards, impossible NINOs, outward codes and
/// postcode-like words, order and case numbers, tracking numbers, phone-like numbers of the
/// wrong length): flagged no more than one time in fifty.
#[test]
fn hard_negatives_are_left_alone() {
    let e = evaluate(include_str!("data/uk_pii_synth.jsonl"));
    let (mut n, mut flagged) = (0, 0);
    for (t, (total, hit)) in &e.other_spans {
        println!("{t:<14} {hit}/{total} flagged");
        n += total;
        flagged += hit;
    }
    assert!(n >= 500, "only {n} hard negatives");
    assert!(
        flagged as f64 <= n as f64 * 0.02,
        "{flagged} of {n} hard negatives flagged{}",
        examples(&e)
    );
}
