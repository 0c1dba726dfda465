//! Where in a JSON document a serde error happened, as a field path (`organisation.aliases[2]`).
//!
//! serde_json reports a line and column; a person editing a pack wants the field. The usual way
//! (serde_path_to_error) wraps every visitor of every type, which made it the wasm's biggest
//! dependency after aho-corasick (63 KB of code before optimisation). Errors are rare, so this
//! module instead reads the document again, up to the error's position, keeping a stack of the
//! objects and arrays it is inside: the path is that stack. A test compares it with
//! serde_path_to_error on every field of the shipped pack made wrong in every way.

use serde_json::error::Category;

/// What kind of error is being placed.
#[derive(Clone, Copy, Default)]
struct How {
    /// A syntax error: placed one past the byte serde_json looked at.
    peeked: bool,
    /// An unknown enum variant.
    variant: bool,
}

enum Frame {
    /// An object; `key` is the key of the member being read (None before the first key and
    /// after a comma).
    Object { key: Option<String> },
    /// An array and the index of the element being read.
    Array { index: usize },
}

/// The field path of a serde_json error in `json` (the text it came from), in the form
/// `a.b[0].c`; empty when the error concerns the whole document, has no position, or is the
/// end of a truncated text (where the text ends says nothing about which field is wrong).
pub fn error_path(json: &str, e: &serde_json::Error) -> String {
    if e.line() == 0 || matches!(e.classify(), Category::Io | Category::Eof) {
        return String::new();
    }
    let how = How {
        peeked: e.classify() == Category::Syntax,
        variant: e.to_string().starts_with("unknown variant"),
    };
    path_at(json, offset_of(json, e.line(), e.column()), how)
}

/// The byte offset of serde_json's (1-based line, column in bytes from the line's start).
fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', json.as_bytes())
            .nth(line - 2)
            .map_or(json.len(), |i| i + 1)
    };
    (start + column).min(json.len())
}

/// The path of the value the parser was at when it reached byte `offset`. serde_json places a
/// data error at the start of a value of the wrong type it did not read (an object or array),
/// or just after what it read last: the value of the wrong type or that failed a check, the key
/// of an unknown field, or the `}` of an object that lacks a field. So the path is the stack
/// at that point: the object's own path in the last case, the key or index in the others.
fn path_at(json: &str, offset: usize, how: How) -> String {
    let b = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut after_key = false;
    let mut i = 0;
    while i < offset {
        let was_key = std::mem::take(&mut after_key);
        let peeked = how.peeked;
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => after_key = was_key,
            // A syntax error just after an opening bracket is about the value it opens
            // (serde_json reports a byte it peeked at as one past it: `"severity": [` where
            // a name was expected).
            b'{' if i + 1 < offset || !peeked => stack.push(Frame::Object { key: None }),
            b'[' if i + 1 < offset || !peeked => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(b, i);
                if let Some(Frame::Object { key: key @ None }) = stack.last_mut() {
                    // A key: decoded by serde_json itself (escapes and all).
                    let raw = json.get(i..end).unwrap_or("");
                    *key = Some(
                        serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_string()),
                    );
                    after_key = true;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // An enum written as an object names its variant with the key: not a field.
    if how.variant && after_key {
        if let Some(Frame::Object { key }) = stack.last_mut() {
            *key = None;
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Array { index } => {
                path.push_str(&format!("[{index}]"));
            }
            _ => {}
        }
    }
    path
}

/// The index just past the string that starts with the quote at `start` (or the end of the
/// text, for an unterminated one).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{PolicyPack, UserSettings, DEFAULT_PACK_JSON};
    use serde_json::Value;

    /// serde_path_to_error's path of the same error, in the same notation.
    fn reference<T: serde::de::DeserializeOwned>(json: &str) -> Option<String> {
        let de = &mut serde_json::Deserializer::from_str(json);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(_) => None,
            Err(e) => Some(match e.path().to_string().as_str() {
                "." => String::new(),
                p => p.to_string(),
            }),
        }
    }

    fn ours<T: serde::de::DeserializeOwned>(json: &str) -> Option<String> {
        serde_json::from_str::<T>(json)
            .err()
            .map(|e| error_path(json, &e))
    }

    /// Every place in `v` (with its path), for mutating.
    fn places(v: &Value, at: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    let mut p = at.clone();
                    p.push(PathStep::Key(k.clone()));
                    places(c, p, out);
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    let mut p = at.clone();
                    p.push(PathStep::Index(i));
                    places(c, p, out);
                }
            }
            _ => {}
        }
    }

    #[derive(Clone)]
    enum PathStep {
        Key(String),
        Index(usize),
    }

    fn get_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
        let mut v = v;
        for s in path {
            v = match s {
                PathStep::Key(k) => v.get_mut(k)?,
                PathStep::Index(i) => v.get_mut(*i)?,
            };
        }
        Some(v)
    }

    /// Makes every value of `base` wrong in every way (each JSON type in its place; an unknown
    /// member in each object; each member of an object removed), formatted compactly and
    /// pretty-printed, and compares the paths with serde_path_to_error's. Returns how many
    /// broken documents were compared.
    fn compare<T: serde::de::DeserializeOwned>(base: &Value) -> usize {
        let wrong = [
            Value::Null,
            Value::Bool(true),
            serde_json::json!(7),
            serde_json::json!(-1.5),
            serde_json::json!("x\"y\\z \u{e9}"),
            serde_json::json!([1, "a", {"b": [2]}]),
            serde_json::json!({"zz": {"q": [1, 2]}, "a\"b": 1}),
        ];
        let mut spots = Vec::new();
        places(base, Vec::new(), &mut spots);
        let mut docs = Vec::new();
        for spot in &spots {
            for w in &wrong {
                let mut v = base.clone();
                if let Some(slot) = get_mut(&mut v, spot) {
                    *slot = w.clone();
                    docs.push(v);
                }
            }
            let mut v = base.clone();
            if let Some(Value::Object(m)) = get_mut(&mut v, spot) {
                let keys: Vec<String> = m.keys().cloned().collect();
                m.insert("no_such_field".into(), serde_json::json!({"a": [1]}));
                docs.push(v);
                for k in keys {
                    let mut v = base.clone();
                    if let Some(Value::Object(m)) = get_mut(&mut v, spot) {
                        m.remove(&k);
                    }
                    docs.push(v);
                }
            }
        }
        let mut n = 0;
        for doc in &docs {
            for json in [
                doc.to_string(),
                serde_json::to_string_pretty(doc).unwrap_or_default(),
            ] {
                let want = reference::<T>(&json);
                if want.is_some() {
                    assert_eq!(ours::<T>(&json), want, "{json}");
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn agrees_with_serde_path_to_error_on_every_broken_field_of_the_shipped_pack() {
        let mut pack: Value = serde_json::from_str(DEFAULT_PACK_JSON).expect("shipped pack");
        // The shipped pack leaves these empty; give them members to break.
        pack["rules"] = serde_json::json!({"angry-tone": {"enabled": false, "severity": "note", "extra_terms": ["grr"]}});
        pack["custom_terms"] = serde_json::json!([{"term": "Heron", "severity": "stop", "message": "m", "clause": "2.3"}]);
        pack["allowed_terms"] = serde_json::json!(["Dick Whittington"]);
        let n = compare::<PolicyPack>(&pack);
        assert!(n > 600, "{n} broken packs compared");
    }

    #[test]
    fn agrees_with_serde_path_to_error_on_broken_settings_and_contexts() {
        let settings = serde_json::json!({
            "rules": {"angry-tone": {"enabled": false, "severity": "note"}, "threat": {"severity": "stop"}},
            "custom_terms": [{"term": "Project Heron", "severity": "stop", "message": "Not announced."},
                             {"term": "ref-\\d+", "regex": true, "severity": "warn", "message": "m"}],
            "allowed_terms": ["Dick Whittington"],
        });
        assert!(compare::<UserSettings>(&settings) > 200);
        let context = serde_json::json!({"mode": "work", "authorised": true, "site": "x", "at": "2026-11-24T10:30"});
        assert!(compare::<crate::context::Context>(&context) > 30);
    }

    #[test]
    fn syntax_errors_and_keys_with_escapes() {
        for bad in [
            "{not json",
            "{\"schema\": 1,",
            "",
            "{\"organisation\": {\"name\": \"X\"",
        ] {
            let e = serde_json::from_str::<PolicyPack>(bad).expect_err("bad");
            assert_eq!(error_path(bad, &e), "", "{bad}");
        }
        // The shipped pack cut short anywhere: no field is named, the text is said to be broken.
        for end in 0..DEFAULT_PACK_JSON.trim_end().len() {
            if let Some(cut) = DEFAULT_PACK_JSON.get(..end) {
                let msg = PolicyPack::from_json(cut).expect_err("cut").to_string();
                assert!(msg.contains("not valid JSON"), "{end}: {msg}");
            }
        }
        let json = "{\"a\\\"b\": {\"c\": [0, {\"d\\u00e9\": 1}]}}";
        assert_eq!(
            path_at(json, json.len() - 4, How::default()),
            "a\"b.c[1].dé"
        );
        assert_eq!(path_at(json, json.len() - 3, How::default()), "a\"b.c[1]");
    }
}
