//! Fuzz `Checker::check`: any bytes as text (lossily UTF-8), with a context chosen by the first
//! byte. Checks the same invariants as the property tests: spans inside the text, on UTF-16
//! boundaries that do not split a surrogate pair, start < end, sorted, no duplicates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use second_thought::{Checker, Context, LocalTime, Mode, Site};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::default)
}

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = data.split_first().map_or((0u8, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let ctx = Context {
        mode: if flags & 1 == 0 { Mode::Personal } else { Mode::Work },
        authorised: flags & 2 != 0,
        site: [Site::X, Site::Facebook, Site::Linkedin, Site::Other][usize::from((flags >> 2) & 3)],
        at: if flags & 16 != 0 { LocalTime::parse("2026-11-24T10:30").ok() } else { None },
    };
    let Ok(found) = checker().check(&text, &ctx) else { return };
    let units: Vec<u16> = text.encode_utf16().collect();
    let low = |i: usize| units.get(i).is_some_and(|u| (0xDC00..0xE000).contains(u));
    for f in &found {
        let (s, e) = (f.start as usize, f.end as usize);
        assert!(s < e && e <= units.len(), "span {s}..{e} of {} units", units.len());
        assert!(!low(s) && !low(e), "span {s}..{e} splits a surrogate pair");
    }
    for w in found.windows(2) {
        assert!((w[0].start, w[0].end, &w[0].rule) <= (w[1].start, w[1].end, &w[1].rule));
        assert!(w[0] != w[1]);
    }
});
