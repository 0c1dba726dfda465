//! Compatibility decomposition (NFKD) and combining marks, from compact tables.
//!
//! The tables (`unicode_tables.rs`) are generated from the `unicode-normalization` crate by
//! `examples/unicode_tables.rs`, keeping only the decompositions that end in characters the
//! checker reads: Latin, Greek and Cyrillic letters, digits, marks, punctuation and spaces
//! (full-width `ｆ`, mathematical `𝐟`, ligatures `ﬁ`, accented `é` → `e` + mark, no-break space,
//! `…` → `...`). A character whose decomposition is only in other scripts (an Arabic
//! presentation form, a CJK compatibility ideograph, a Hangul syllable) stays as it is: text and
//! lexicon entries go through the same function, so they still agree. This keeps the wasm
//! about 90 KB smaller than the crate's tables for every script. The tests below compare every
//! character with the crate.

use super::unicode_tables::{MARKS, MULTI_ENDS, MULTI_KEYS, MULTI_TEXT, RUNS};

/// Calls `f` with each character of the compatibility decomposition of `c`, in order, and
/// returns `true`; returns `false` (and calls nothing) when `c` is kept as it is.
#[inline]
pub fn decompose(c: char, mut f: impl FnMut(char)) -> bool {
    let o = c as u32;
    // Nothing below U+00A0 decomposes (the first is the no-break space).
    if o < 0xA0 {
        return false;
    }
    let k = RUNS.partition_point(|r| r[0] <= o);
    if let Some(&[first, packed]) = k.checked_sub(1).and_then(|k| RUNS.get(k)) {
        let (count, target) = (packed >> 21, packed & 0x1F_FFFF);
        if o - first < count {
            if let Some(d) = char::from_u32(target + (o - first)) {
                f(d);
                return true;
            }
        }
    }
    let Ok(k) = MULTI_KEYS.binary_search(&o) else {
        return false;
    };
    let start = k
        .checked_sub(1)
        .and_then(|p| MULTI_ENDS.get(p))
        .map_or(0, |&e| usize::from(e));
    let end = MULTI_ENDS.get(k).map_or(start, |&e| usize::from(e));
    match MULTI_TEXT.get(start..end) {
        Some(d) if !d.is_empty() => {
            d.chars().for_each(f);
            true
        }
        _ => false,
    }
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    let o = c as u32;
    if o < 0x300 {
        return false;
    }
    let k = MARKS.partition_point(|r| r[0] <= o);
    k.checked_sub(1)
        .and_then(|k| MARKS.get(k))
        .is_some_and(|r| o <= r[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::kept::is_kept;

    fn ours(c: char) -> Option<String> {
        let mut s = String::new();
        decompose(c, |d| s.push(d)).then_some(s)
    }

    fn crates(c: char) -> String {
        let mut s = String::new();
        unicode_normalization::char::decompose_compatible(c, |d| s.push(d));
        s
    }

    #[test]
    fn agrees_with_the_crate_for_every_character() {
        let (mut decomposed, mut left) = (0, 0);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let theirs = crates(c);
            let changes = theirs != c.to_string();
            match ours(c) {
                Some(d) => {
                    assert_eq!(d, theirs, "U+{:04X}", c as u32);
                    assert!(changes, "U+{:04X} decomposed to itself", c as u32);
                    decomposed += 1;
                }
                None if changes => {
                    // Left as typed: only when nothing of the decomposition is read.
                    assert!(
                        !theirs.chars().any(is_kept),
                        "U+{:04X} should decompose to {theirs:?}",
                        c as u32
                    );
                    left += 1;
                }
                None => {}
            }
            assert_eq!(
                is_combining_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
        // Both sides are real: thousands of each.
        assert!(decomposed > 2_500, "{decomposed}");
        assert!(left > 10_000, "{left}");
    }

    #[test]
    fn examples() {
        assert_eq!(ours('é').as_deref(), Some("e\u{301}"));
        assert_eq!(ours('ｆ').as_deref(), Some("f"));
        assert_eq!(ours('𝐟').as_deref(), Some("f"));
        assert_eq!(ours('ﬁ').as_deref(), Some("fi"));
        assert_eq!(ours('\u{A0}').as_deref(), Some(" "));
        assert_eq!(ours('…').as_deref(), Some("..."));
        assert_eq!(ours('ệ').as_deref(), Some("e\u{323}\u{302}"));
        assert_eq!(ours('a'), None);
        assert_eq!(ours('中'), None);
        assert_eq!(ours('한'), None, "Hangul syllables are kept whole");
        assert!(is_combining_mark('\u{301}'));
        assert!(is_combining_mark('\u{64B}'), "Arabic fathatan");
        assert!(!is_combining_mark('e'));
    }
}
