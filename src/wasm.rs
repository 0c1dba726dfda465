//! The WebAssembly face of the checker: the only module that knows JavaScript types.
//!
//! ```js
//! import init, { Checker, rules, defaultPack, validatePack, validateSettings, version } from './second_thought.js';
//! await init();
//! const checker = new Checker(packJson, settingsJson);   // both optional strings; throws Error naming the bad field
//! const findings = checker.check(text, { mode: 'personal', authorised: false, site: 'x', at: '2026-11-24T10:30' });
//! // [{ rule, severity, clause, message, start, end, kind?, suggestion? }], UTF-16 offsets
//! ```
//!
//! Errors are thrown as JavaScript `Error`s carrying a message that names the field; nothing
//! here panics on input. Should a panic happen all the same (a bug), the instance must be
//! considered dead: the caller drops it and builds a fresh `Checker` (after re-instantiating the
//! module if the panic poisoned it), which is what the extension's background does.

use crate::{Context, Error};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// `v` as a JavaScript value: written as JSON by the serde_json serializer the packs already
/// use, and read by `JSON.parse` (serde-wasm-bindgen's serializer, for the rule list alone, was
/// another 1.1 KB of the gzipped wasm).
fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(v)
        .map_err(|e| JsError::new(&format!("could not hand the result to JavaScript: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| JsError::new("could not hand the result to JavaScript: JSON.parse failed"))
}

// Findings cross into JavaScript as one string and one array of numbers, and a few lines of
// JavaScript build the objects: made field by field from Rust (an object, eight property sets
// and six strings decoded, each a call across the boundary), one finding cost about 3 µs in
// Node, a quarter of the check of a tweet.
#[wasm_bindgen(inline_js = r#"
export function st_findings(text, nums) {
  const out = [];
  let p = 0;
  const cut = (n) => {
    if (n === 0xffffffff) return undefined;
    const s = text.slice(p, p + n);
    p += n;
    return s;
  };
  for (let i = 0; i + 8 <= nums.length; i += 8) {
    const f = {
      rule: cut(nums[i + 2]),
      severity: cut(nums[i + 3]),
      clause: cut(nums[i + 4]),
      message: cut(nums[i + 5]),
      start: nums[i],
      end: nums[i + 1],
    };
    const kind = cut(nums[i + 6]);
    if (kind !== undefined) f.kind = kind;
    const suggestion = cut(nums[i + 7]);
    if (suggestion !== undefined) f.suggestion = suggestion;
    out.push(f);
  }
  return out;
}
"#)]
extern "C" {
    fn st_findings(text: &str, nums: &[u32]) -> JsValue;
}

/// No string: `st_findings` leaves the field out.
const ABSENT: u32 = u32::MAX;

/// The findings as `st_findings` reads them: every string field of every finding, in order,
/// in one string, and per finding eight numbers: start, end, then the UTF-16 length of the
/// rule, severity, clause, message, kind and suggestion (`ABSENT` for a missing one).
fn findings_to_js(findings: &[crate::Finding]) -> JsValue {
    let mut text = String::with_capacity(findings.iter().map(|f| f.message.len() + 64).sum());
    let mut nums = Vec::with_capacity(findings.len() * 8);
    let mut add = |s: Option<&str>| {
        s.map_or(ABSENT, |s| {
            text.push_str(s);
            s.encode_utf16().count() as u32
        })
    };
    for f in findings {
        nums.extend([
            f.start,
            f.end,
            add(Some(&f.rule)),
            add(Some(f.severity.as_str())),
            add(Some(&f.clause)),
            add(Some(&f.message)),
            add(f.kind.as_deref()),
            add(f.suggestion.as_deref()),
        ]);
    }
    st_findings(&text, &nums)
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A checker for one policy pack with the user's settings.
#[wasm_bindgen(js_name = Checker)]
pub struct WasmChecker {
    inner: crate::Checker,
    /// The last context read, as the JSON it was read from: the extension sends the same
    /// context with every keystroke, and reading it again cost more than checking a tweet's
    /// worth of text.
    last_context: std::cell::RefCell<Option<(String, Context)>>,
}

#[wasm_bindgen(js_class = Checker)]
impl WasmChecker {
    /// Builds a checker. `pack` is a policy pack as JSON (the shipped default when absent);
    /// `settings` the user's settings as JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(pack: Option<String>, settings: Option<String>) -> Result<WasmChecker, JsError> {
        if crate::classifier::shipped().is_none() {
            return Err(JsError::new(
                "the classifier's model is not loaded: call loadModel(bytes of wasm/offensive.bin) first",
            ));
        }
        let inner =
            crate::Checker::from_json(pack.as_deref(), settings.as_deref()).map_err(js_error)?;
        Ok(WasmChecker {
            inner,
            last_context: Default::default(),
        })
    }

    /// Checks a text; `context` is `{mode, authorised, site, at}` (all optional).
    pub fn check(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let ctx: Context = if context.is_undefined() || context.is_null() {
            Context::default()
        } else {
            // Read as JSON (one deserializer for the context, the packs and the settings: a
            // second one, for JavaScript values, was 5 KB more of the gzipped wasm).
            let json = js_sys::JSON::stringify(&context)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    js_error(Error::Context(
                        "must be an object like { mode: 'work', site: 'x' }".into(),
                    ))
                })?;
            let mut last = self.last_context.borrow_mut();
            match last.as_ref() {
                Some((seen, ctx)) if *seen == json => ctx.clone(),
                _ => {
                    let ctx = Context::from_json(&json).map_err(|e| {
                        // The position in a JSON text nobody wrote means nothing to the caller.
                        let msg = e.to_string();
                        let cut = crate::text::find_all(&msg, " at line ", 0).last();
                        JsError::new(msg.get(..cut.unwrap_or(msg.len())).unwrap_or(&msg))
                    })?;
                    *last = Some((json, ctx.clone()));
                    ctx
                }
            }
        };
        let findings = self.inner.check(text, &ctx).map_err(js_error)?;
        Ok(findings_to_js(&findings))
    }

    /// The pack in force, as JSON (user settings applied).
    #[wasm_bindgen(js_name = packJson)]
    pub fn pack_json(&self) -> String {
        serde_json::to_string(self.inner.pack()).unwrap_or_default()
    }
}

/// The rule registry: `[{id, title, category, category_title, clause, quote, severity, modes, description, example, doc}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&crate::rule_infos())
}

/// The shipped default pack, as JSON.
#[wasm_bindgen(js_name = defaultPack)]
pub fn default_pack() -> String {
    crate::policy::DEFAULT_PACK_JSON.to_string()
}

/// Validates a pack: `undefined` when it is good, otherwise the message naming the field.
#[wasm_bindgen(js_name = validatePack)]
pub fn validate_pack(pack: &str) -> Option<String> {
    crate::PolicyPack::from_json(pack)
        .err()
        .map(|e| e.message())
}

/// Validates user settings: `undefined` when they are good, otherwise the message.
#[wasm_bindgen(js_name = validateSettings)]
pub fn validate_settings(settings: &str) -> Option<String> {
    crate::UserSettings::from_json(settings)
        .err()
        .map(|e| e.message())
}

/// Loads the classifier's model from the bytes of `offensive.bin` (shipped beside the wasm);
/// a `Checker` cannot be made before. Call it again after `__wbg_reset_state()` (a new
/// instance starts without it).
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(bytes: &[u8]) -> Result<(), JsError> {
    crate::classifier::load(bytes)
        .map_err(|e| JsError::new(&format!("the classifier's model does not load: {e}")))
}

/// Whether the classifier's model is loaded.
#[wasm_bindgen(js_name = modelLoaded)]
pub fn model_loaded() -> bool {
    crate::classifier::shipped().is_some()
}

/// Validates one regex as a custom term would be: `undefined` when good, else the reason.
#[wasm_bindgen(js_name = validateRegex)]
pub fn validate_regex(pattern: &str) -> Option<String> {
    crate::policy::build_regex(pattern).err()
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
