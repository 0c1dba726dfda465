//! The `second-thought` command line, end to end: what issue "policy engine" asks to be flagged,
//! each after an emoji at the start of the text, with exact UTF-16 spans; exit codes; broken
//! packs.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_second-thought"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // A command that does not read stdin (validate, a usage error) may close it first.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("the CLI ends")
}

/// The findings of `text` as (rule, kind, flagged text), via `check --format json`.
fn findings(text: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(&args, text);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{:?}",
        out
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let units: Vec<u16> = text.encode_utf16().collect();
    v["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            let (s, e) = (
                f["start"].as_u64().expect("start") as usize,
                f["end"].as_u64().expect("end") as usize,
            );
            assert!(
                s < e && e <= units.len(),
                "span {s}..{e} inside {} units",
                units.len()
            );
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["kind"].as_str().unwrap_or("").to_string(),
                String::from_utf16(&units[s..e]).expect("span on character boundaries"),
            )
        })
        .collect()
}

fn flags(text: &str, rule: &str, kind: &str, flagged: &str) {
    let f = findings(text, &[]);
    assert!(
        f.iter()
            .any(|(r, k, t)| r == rule && (kind.is_empty() || k == kind) && t == flagged),
        "{text:?} should flag {flagged:?} as {rule}/{kind}; got {f:?}"
    );
}

/// A valid NHS number with its mod-11 check digit.
fn nhs(first9: &str) -> String {
    let sum: u32 = first9
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * (10 - i as u32))
        .sum();
    let check = (11 - sum % 11) % 11;
    assert_ne!(check, 10, "pick digits whose check digit is not 10");
    format!("{first9}{check}")
}

#[test]
fn flags_what_the_policy_forbids_after_an_emoji() {
    let valid = nhs("943476591");
    flags(
        &format!("😀 NHS number {valid} please"),
        "personal-data",
        "nhs-number",
        &valid,
    );
    let last = valid
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0);
    let wrong = format!("{}{}", &valid[..9], (last + 1) % 10);
    let f = findings(&format!("😀 NHS number {wrong} please"), &[]);
    assert!(
        f.iter().all(|(_, k, _)| k != "nhs-number"),
        "wrong check digit: {f:?}"
    );

    flags(
        "😀 NI number AB 12 34 56 C",
        "personal-data",
        "nino",
        "AB 12 34 56 C",
    );
    for phone in ["07700 900123", "07700-900-123", "+44 7700 900123"] {
        flags(
            &format!("😀 ring me on {phone} tonight"),
            "personal-data",
            "phone",
            phone,
        );
    }
    flags(
        "😀 we live at LU5 4QL now",
        "personal-data",
        "postcode",
        "LU5 4QL",
    );
    let email = "jo.bloggs@centralbedfordshire.gov.uk";
    flags(&format!("😀 mail {email}"), "personal-data", "email", email);
    flags(&format!("😀 mail {email}"), "work-email", "email", email);
    flags(
        "😀 Another day at Central Bedfordshire SENDIASS",
        "employer-reference",
        "",
        "Central Bedfordshire SENDIASS",
    );
    flags(
        "😀 Strictly confidential: minutes",
        "confidential-marker",
        "",
        "Strictly confidential",
    );
    flags(
        "😀 bets at https://www.bet365.com/en tonight",
        "unacceptable-site",
        "gambling",
        "https://www.bet365.com/en",
    );
    flags("😀 what a load of sh1t", "obscene-language", "", "sh1t");
    flags("😀 f u c k this", "obscene-language", "", "f u c k");
    flags(
        "😀 s\u{200D}h\u{200D}i\u{200D}t happens",
        "obscene-language",
        "",
        "s\u{200D}h\u{200D}i\u{200D}t",
    );
}

#[test]
fn modes_change_what_applies() {
    let text = "😀 Another day at SENDIASS";
    assert!(findings(text, &["--mode", "work", "--authorised"])
        .iter()
        .all(|(r, _, _)| r != "employer-reference"));
    assert!(findings(text, &["--mode", "work"])
        .iter()
        .any(|(r, _, _)| r == "unauthorised-work-post"));
    assert!(findings("Lunch", &["--at", "2026-11-24T10:30"])
        .iter()
        .any(|(r, _, _)| r == "work-time"));
    assert!(findings("Lunch", &["--at", "2026-11-24T12:45"])
        .iter()
        .all(|(r, _, _)| r != "work-time"));
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["check"], "Lovely day for it").status.code(), Some(0));
    assert_eq!(
        run(&["check"], "Strictly confidential").status.code(),
        Some(1)
    );
    let warn_only = run(&["check"], "Long week at SENDIASS");
    assert_eq!(warn_only.status.code(), Some(0), "warnings do not fail");
    assert_eq!(
        run(&["check", "--mode", "sideways"], "").status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(run(&["check", "/no/such/file"], "").status.code(), Some(2));
}

#[test]
fn human_output_shows_line_excerpt_rule_and_clause() {
    let out = run(
        &["check", "--no-color"],
        "first line\n😀 Strictly confidential: x",
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("<stdin>:2:3: stop [confidential-marker 2.3]"),
        "{s}"
    );
    assert!(
        s.contains("    😀 Strictly confidential: x\n      ^^^^^^^^^^^^^^^^^^^^^"),
        "{s}"
    );
}

#[test]
fn jsonl_in_and_out() {
    let input =
        "{\"id\": 1, \"text\": \"Strictly confidential\"}\n{\"id\": \"b\", \"text\": \"hello\"}\n";
    let out = run(&["check", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["findings"][0]["rule"], "confidential-marker");
    assert_eq!(lines[1]["findings"].as_array().map(Vec::len), Some(0));
    let bad = run(&["check", "--jsonl"], "{\"id\": 1}\n");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no \"text\""));
}

#[test]
fn broken_packs_exit_2_naming_the_field() {
    let dir = std::env::temp_dir().join(format!("second-thought-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let pack: serde_json::Value = serde_json::from_str(include_str!(
        "../policies/central-bedfordshire-sendiass.json"
    ))
    .expect("pack");
    for (field, patch, expect) in [
        (
            "working_hours.start",
            serde_json::json!("25:00"),
            "working_hours.start",
        ),
        (
            "rules",
            serde_json::json!({"no-such-rule": {}}),
            "rules.no-such-rule",
        ),
    ] {
        let mut p = pack.clone();
        match field {
            "working_hours.start" => p["working_hours"]["start"] = patch,
            _ => p["rules"] = patch,
        }
        let path = dir.join("pack.json");
        std::fs::write(&path, p.to_string()).expect("write pack");
        let path = path.to_string_lossy().to_string();
        for args in [
            vec!["validate", path.as_str()],
            vec!["check", "--policy", path.as_str()],
        ] {
            let out = run(&args, "hello");
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(expect), "{args:?}: {err}");
        }
    }
    let ok = run(
        &[
            "validate",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/policies/central-bedfordshire-sendiass.json"
            ),
        ],
        "",
    );
    assert_eq!(ok.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_lists_the_registry() {
    let out = run(&["rules", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ids: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(
        ids.len() >= 20 && ids.contains(&"personal-data") && ids.contains(&"angry-tone"),
        "{ids:?}"
    );
}

#[test]
fn model_option_swaps_the_classifier() {
    let dir = std::env::temp_dir().join(format!("second-thought-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let shipped = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/offensive.bin"))
        .expect("models/offensive.bin");
    // Aimed at someone ("family", "kids") and explained by words that are not just a
    // sentence's frame, one of which ("crazy") weighs enough on its own, so that a model that
    // flags everything flags it.
    let text = "Family workshop on Saturday, bring the kids, it gets crazy";
    let classifier = |extra: &[&str]| {
        findings(text, extra)
            .into_iter()
            .filter(|(rule, kind, _)| rule == "harassment" && kind == "classifier")
            .count()
    };
    assert_eq!(classifier(&[]), 0);

    // The shipped file given by name: the same answers as the built-in model.
    let same = dir.join("same.bin");
    std::fs::write(&same, &shipped).expect("write");
    let same = same.to_string_lossy().to_string();
    assert_eq!(classifier(&["--model", same.as_str()]), 0);

    // The same weights with a decision threshold of one in a million (bytes 20..24, an f32):
    // every chunk scores above it, so the model given is the one in force.
    let mut eager = shipped.clone();
    eager[20..24].copy_from_slice(&1e-6f32.to_le_bytes());
    let eager_path = dir.join("eager.bin");
    std::fs::write(&eager_path, &eager).expect("write");
    let eager_path = eager_path.to_string_lossy().to_string();
    assert_eq!(classifier(&["--model", eager_path.as_str()]), 1);

    // A broken file, or none: exit 2, naming the file.
    let cut = dir.join("cut.bin");
    std::fs::write(&cut, &shipped[..40]).expect("write");
    let cut = cut.to_string_lossy().to_string();
    let missing = dir.join("missing.bin").to_string_lossy().to_string();
    for path in [&cut, &missing] {
        let out = run(&["check", "--model", path], text);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(path.as_str()), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
