//! Property tests over arbitrary Unicode text and arbitrary valid packs: the checker never
//! panics; every span lies inside the text, on UTF-16 boundaries that do not split a surrogate
//! pair, with start < end; the same input gives the same output; findings are sorted and
//! without duplicates.

use proptest::prelude::*;
use second_thought::{Checker, Context, Finding, LocalTime, Mode, PolicyPack, Site, UserSettings};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::default)
}

/// Text that mixes what the rules look for with arbitrary Unicode, emoji, combining marks,
/// zero-width characters, entities and digits.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("😀".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{301}".to_string()),
        Just("&amp;".to_string()),
        Just(" ".to_string()),
        Just("f*ck ".to_string()),
        Just("s h i t ".to_string()),
        Just("07700 900123 ".to_string()),
        Just("jo@centralbedfordshire.gov.uk ".to_string()),
        Just("Strictly confidential: ".to_string()),
        Just("@bob is an idiot. ".to_string()),
        Just("bet365.com ".to_string()),
        Just("SENDIASS ".to_string()),
        Just("LU5 4QL ".to_string()),
        Just("!!! ".to_string()),
        "[a-zA-Z0-9 .,!?'@#*$-]{0,12}",
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn context() -> impl Strategy<Value = Context> {
    (
        any::<bool>(),
        any::<bool>(),
        0u8..4,
        proptest::option::of((0u8..24, 0u8..60, 1u8..29)),
    )
        .prop_map(|(work, authorised, site, at)| Context {
            mode: if work { Mode::Work } else { Mode::Personal },
            authorised,
            site: [Site::X, Site::Facebook, Site::Linkedin, Site::Other][usize::from(site)],
            at: at.and_then(|(h, m, d)| {
                LocalTime::parse(&format!("2026-11-{d:02}T{h:02}:{m:02}")).ok()
            }),
        })
}

fn check_invariants(text: &str, found: &[Finding]) -> Result<(), TestCaseError> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let is_low_surrogate = |i: usize| units.get(i).is_some_and(|u| (0xDC00..0xE000).contains(u));
    for f in found {
        let (s, e) = (f.start as usize, f.end as usize);
        prop_assert!(s < e, "empty span {f:?}");
        prop_assert!(
            e <= units.len(),
            "span {s}..{e} beyond {} units",
            units.len()
        );
        prop_assert!(
            !is_low_surrogate(s) && !is_low_surrogate(e),
            "span {s}..{e} splits a surrogate pair"
        );
        prop_assert!(!f.message.is_empty() && !f.clause.is_empty());
    }
    for w in found.windows(2) {
        prop_assert!(
            (w[0].start, w[0].end, &w[0].rule) <= (w[1].start, w[1].end, &w[1].rule),
            "not sorted: {w:?}"
        );
        prop_assert!(w[0] != w[1], "duplicate: {:?}", w[0]);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_sound_findings(text in text(), ctx in context()) {
        let found = checker().check(&text, &ctx).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_invariants(&text, &found)?;
        let again = checker().check(&text, &ctx).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(found, again);
    }

    #[test]
    fn any_valid_pack_gives_sound_findings(
        terms in proptest::collection::vec("[a-zA-Z][a-zA-Z0-9 '*-]{0,20}", 0..20),
        allowed in proptest::collection::vec("[a-zA-Z]{1,10}", 0..5),
        regexes in proptest::collection::vec("[a-z\\\\d.+*?|()\\[\\]]{1,12}", 0..4),
        text in text(),
    ) {
        let mut custom: Vec<serde_json::Value> = terms.iter().map(|t| serde_json::json!({"term": t, "severity": "warn", "message": "custom"})).collect();
        custom.extend(regexes.iter().map(|r| serde_json::json!({"term": r, "regex": true, "severity": "stop", "message": "custom regex"})));
        let settings = serde_json::json!({"custom_terms": custom, "allowed_terms": allowed}).to_string();
        // Invalid combinations (a regex that does not compile, a term with no letters) are
        // refused with a message; everything accepted must check soundly.
        match UserSettings::from_json(&settings).and_then(|s| Checker::new(PolicyPack::default_pack(), &s)) {
            Err(e) => prop_assert!(!e.to_string().is_empty()),
            Ok(c) => {
                let found = c.check(&text, &Context::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                check_invariants(&text, &found)?;
            }
        }
    }
}

#[test]
fn big_and_odd_inputs() {
    let c = checker();
    for text in [
        "مرحبا بكم في ورشة العمل اليوم ".repeat(50),
        "שלום לכולם, הסדנה מתחילה בעשר ".repeat(50),
        "今天的研讨会非常成功，谢谢大家。".repeat(50),
        "👩‍👩‍👧‍👦🏳️‍🌈🇬🇧🧑🏽‍🦱 ".repeat(100),
        "e\u{301}\u{302}\u{303}\u{304} a\u{308}\u{308} ".repeat(100),
        "\u{202E}tfel ot thgir\u{202C} \u{2066}isolate\u{2069} ".repeat(50),
    ] {
        let found = c.check(&text, &Context::default()).expect("checks");
        assert!(
            found.is_empty(),
            "no false spans in {:?}…: {:?}",
            &text.chars().take(20).collect::<String>(),
            found.first()
        );
    }
    let huge = "A perfectly ordinary sentence about our workshop. ".repeat(20_000); // 1 MB
    let started = std::time::Instant::now();
    let found = c
        .check(&huge, &Context::default())
        .expect("a 1 MB post is checked");
    assert!(found.is_empty());
    eprintln!("1 MB post checked in {:?}", started.elapsed());
    let too_big = "a".repeat(second_thought::MAX_TEXT_BYTES + 1);
    assert!(
        c.check(&too_big, &Context::default()).is_err(),
        "over the limit is refused, not run"
    );
}

#[test]
fn a_pack_with_ten_thousand_custom_terms() {
    let terms: Vec<serde_json::Value> = (0..10_000).map(|i| serde_json::json!({"term": format!("codeword{i} alpha"), "severity": "warn", "message": "internal code word"})).collect();
    let s = UserSettings::from_json(&serde_json::json!({ "custom_terms": terms }).to_string())
        .expect("valid");
    let started = std::time::Instant::now();
    let c = Checker::new(PolicyPack::default_pack(), &s).expect("compiles");
    eprintln!("10,000 custom terms compiled in {:?}", started.elapsed());
    let found = c
        .check(
            "We said codeword9999 alpha and codeword12 alpha today",
            &Context::default(),
        )
        .expect("checks");
    assert_eq!(
        found.iter().filter(|f| f.rule == "custom-term").count(),
        2,
        "{found:?}"
    );
}

#[test]
fn a_catastrophic_regex_is_refused_not_run() {
    for pattern in [
        "(a+)+$",
        "(\\w+\\s?)*\\d{100}",
        "\\w{1000}\\w{1000}",
        "((((((((((a*)*)*)*)*)*)*)*)*)*)*",
    ] {
        let s = serde_json::json!({"custom_terms": [{"term": pattern, "regex": true, "severity": "stop", "message": "m"}]}).to_string();
        match UserSettings::from_json(&s).and_then(|s| Checker::new(PolicyPack::default_pack(), &s))
        {
            // Refused as too big: fine.
            Err(e) => assert!(e.to_string().contains("custom_terms[0].term"), "{e}"),
            // Accepted: the regex engine is linear-time, so a long hostile input still returns fast.
            Ok(c) => {
                let hostile = format!("{}!", "a".repeat(50_000));
                let started = std::time::Instant::now();
                c.check(&hostile, &Context::default()).expect("checks");
                eprintln!(
                    "{pattern} on 50,000 hostile characters: {:?}",
                    started.elapsed()
                );
            }
        }
    }
}
