//! The wasm API as JavaScript sees it, run in real browsers:
//! `wasm-pack test --headless --chrome` and `wasm-pack test --headless --firefox`
//! (both are stages of `./build.sh test`; webdriver.json names the Debian browsers).
#![cfg(target_arch = "wasm32")]

use second_thought::wasm::{self, WasmChecker};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The message of an error as JavaScript would read `e.message`.
fn message(e: JsError) -> String {
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "not an Error: {v:?}");
    v.unchecked_into::<js_sys::Error>().message().into()
}

/// The value of a call that must succeed (the panic shows the error's message).
fn ok<T>(r: Result<T, JsError>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {}", message(e)))
}

/// The message of a call that must fail.
fn err<T>(r: Result<T, JsError>, what: &str) -> String {
    match r {
        Ok(_) => panic!("{what} was accepted"),
        Err(e) => message(e),
    }
}

/// The classifier's model file, as the extension ships it beside the wasm.
static MODEL: &[u8] = include_bytes!("../models/offensive.bin");

/// `WasmChecker::new`, after handing the wasm its model (as the extension does first).
fn new_checker(pack: Option<String>, settings: Option<String>) -> Result<WasmChecker, JsError> {
    ok(wasm::load_model(MODEL));
    WasmChecker::new(pack, settings)
}

fn default_checker() -> WasmChecker {
    ok(new_checker(None, None))
}

fn js(json: Value) -> JsValue {
    js_sys::JSON::parse(&json.to_string()).expect("valid JSON")
}

fn to_json(v: JsValue) -> Value {
    let json = js_sys::JSON::stringify(&v)
        .ok()
        .and_then(|s| s.as_string())
        .expect("a JSON-compatible value");
    serde_json::from_str(&json).expect("JSON.stringify writes JSON")
}

/// The default pack with one field replaced, as JSON.
fn default_pack_with(pointer: &str, value: Value) -> String {
    let mut pack: Value =
        serde_json::from_str(&wasm::default_pack()).expect("default pack is JSON");
    *pack.pointer_mut(pointer).expect("field exists") = value;
    pack.to_string()
}

fn rules_of(findings: &Value) -> Vec<&str> {
    findings
        .as_array()
        .expect("findings are an array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule is a string"))
        .collect()
}

#[wasm_bindgen_test]
fn check_finds_a_confidential_marker() {
    let findings = to_json(ok(
        default_checker().check("Strictly confidential: do not share", JsValue::UNDEFINED)
    ));
    let first = &findings[0];
    assert_eq!(first["rule"], "confidential-marker", "{findings}");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(21))
    );
    for key in ["severity", "clause", "message"] {
        assert!(first[key].is_string(), "{key} missing in {first}");
    }
}

#[wasm_bindgen_test]
fn check_returns_plain_objects_with_utf16_offsets() {
    // The emoji is two UTF-16 code units: the span must start at 3, not at 5 (UTF-8 bytes).
    let text = "\u{1F600} Strictly confidential";
    let ctx =
        js(json!({"mode": "personal", "authorised": false, "site": "x", "at": "2026-11-24T10:30"}));
    let findings = to_json(ok(default_checker().check(text, ctx)));
    let marker = findings
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["rule"] == "confidential-marker")
        .unwrap_or_else(|| panic!("no confidential-marker in {findings}"));
    assert_eq!(
        (marker["start"].as_u64(), marker["end"].as_u64()),
        (Some(3), Some(24))
    );
}

/// The findings of the library itself (in this wasm, with the same model) for `text` in the
/// context `ctx`, written by serde: what `check` must give.
fn reference(text: &str, ctx: &Value) -> Value {
    let ctx = second_thought::Context::from_json(&ctx.to_string()).expect("a good context");
    let findings = second_thought::Checker::default()
        .check(text, &ctx)
        .expect("the text checks");
    serde_json::to_value(&findings).expect("findings serialise")
}

/// `check` builds its objects from one string cut by UTF-16 lengths: it must give exactly what
/// the library gives (serde), field for field, with text outside the BMP inside messages
/// (excerpts quote the user's words), fields left out where a finding has none, many findings.
#[wasm_bindgen_test]
fn check_gives_what_the_library_gives() {
    let checker = default_checker();
    let ctx =
        json!({"mode": "personal", "authorised": false, "site": "x", "at": "2026-11-24T10:30"});
    for text in [
        "",
        "Lovely day",
        "\u{1F600}\u{1F600} f\u{1F600}ck you, r\u{0435}tard \u{1F4A9} jo@example.com 07700 900123",
        "Strictly confidential: Jamie (EHCP, autism) at Oakwood School. I'm FURIOUS!!! \u{1F621}",
        "e\u{301}\u{200B}shit \u{1D41F}\u{1D42E}\u{1D41C}\u{1D424} «quoted» \u{0001}\u{FFFF}",
    ] {
        let objects = to_json(ok(checker.check(text, js(ctx.clone()))));
        assert_eq!(objects, reference(text, &ctx), "{text:?}");
        if !text.is_empty() {
            assert!(!objects.as_array().expect("array").is_empty(), "{text:?}");
        }
    }
    let long = "You idiot \u{1F600} ".repeat(400);
    let objects = to_json(ok(checker.check(&long, js(ctx.clone()))));
    assert!(objects.as_array().expect("array").len() > 100, "{objects}");
    assert_eq!(objects, reference(&long, &ctx));
}

#[wasm_bindgen_test]
fn check_accepts_an_absent_context() {
    let checker = default_checker();
    for ctx in [JsValue::UNDEFINED, JsValue::NULL, js(json!({}))] {
        let findings = to_json(ok(checker.check("Strictly confidential", ctx)));
        assert!(
            rules_of(&findings).contains(&"confidential-marker"),
            "{findings}"
        );
    }
}

#[wasm_bindgen_test]
fn personal_data_is_found() {
    let text = "Ring me on 07812 345678 or write to jo.bloggs@gmail.com";
    let findings = to_json(ok(
        default_checker().check(text, js(json!({"mode": "personal"})))
    ));
    assert!(rules_of(&findings).contains(&"personal-data"), "{findings}");
}

#[wasm_bindgen_test]
fn clean_text_has_no_findings() {
    let out = to_json(ok(
        default_checker().check("Lovely walk by the river this morning.", JsValue::UNDEFINED)
    ));
    assert_eq!(out, json!([]));
}

#[wasm_bindgen_test]
fn a_broken_pack_is_an_error_naming_the_field() {
    let pack = default_pack_with("/working_hours/start", json!("25:00"));
    let msg = err(new_checker(Some(pack.clone()), None), "a broken pack");
    assert!(msg.contains("working_hours.start"), "{msg}");
    let validated = wasm::validate_pack(&pack).expect("validate_pack refuses it too");
    assert!(validated.contains("working_hours.start"), "{validated}");
}

#[wasm_bindgen_test]
fn a_pack_that_is_not_json_is_an_error() {
    let msg = err(
        new_checker(Some("{not json".into()), None),
        "a pack that is not JSON",
    );
    assert!(!msg.is_empty());
    assert!(wasm::validate_pack("{not json").is_some());
}

#[wasm_bindgen_test]
fn the_default_pack_validates_and_round_trips() {
    assert_eq!(wasm::validate_pack(&wasm::default_pack()), None);
    let checker = default_checker();
    assert_eq!(wasm::validate_pack(&checker.pack_json()), None);
    ok(new_checker(Some(checker.pack_json()), Some("{}".into())));
}

#[wasm_bindgen_test]
fn bad_settings_are_an_error() {
    assert_eq!(wasm::validate_settings("{}"), None);
    assert!(wasm::validate_settings("[1, 2]").is_some());
    err(new_checker(None, Some("[1, 2]".into())), "bad settings");
}

#[wasm_bindgen_test]
fn a_bad_context_is_an_error() {
    let checker = default_checker();
    let msg = err(
        checker.check("hello", js(json!({"mode": "holiday"}))),
        "mode holiday",
    );
    assert!(msg.contains("mode"), "{msg}");
    // The message names the field and the value, without a position in a JSON text.
    let msg = err(
        checker.check("hello", js(json!({"site": "myspace"}))),
        "site myspace",
    );
    assert!(
        msg.starts_with("context: site: ") && msg.contains("myspace") && !msg.contains(" line "),
        "{msg}"
    );
    let msg = err(
        checker.check("hello", js(json!({"at": "2026-11-24T25:00"}))),
        "25:00",
    );
    assert!(msg.contains("25:00"), "{msg}");
}

#[wasm_bindgen_test]
fn a_text_over_the_limit_is_an_error_not_a_panic() {
    let text = "a".repeat(second_thought::MAX_TEXT_BYTES + 1);
    err(
        default_checker().check(&text, JsValue::UNDEFINED),
        "an over-long text",
    );
}

#[wasm_bindgen_test]
fn rules_lists_the_registry() {
    let rules = to_json(ok(wasm::rules()));
    let rules = rules.as_array().expect("an array");
    assert!(!rules.is_empty());
    for rule in rules {
        for key in ["id", "title", "clause", "severity"] {
            assert!(rule[key].is_string(), "{key} missing in {rule}");
        }
    }
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    for id in ["confidential-marker", "personal-data"] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
}

#[wasm_bindgen_test]
fn validate_regex_and_version() {
    assert_eq!(wasm::validate_regex(r"\bfoo\b"), None);
    assert!(wasm::validate_regex("(unclosed").is_some());
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn a_broken_model_file_is_refused_with_the_reason() {
    let msg = err(wasm::load_model(b"STCF not a model"), "a broken model");
    assert!(msg.contains("model does not load"), "{msg}");
    ok(wasm::load_model(MODEL));
    assert!(wasm::model_loaded());
}
