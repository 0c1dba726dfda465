//! Which characters of a compatibility decomposition the checker reads: the test that decides
//! which decompositions `examples/unicode_tables.rs` keeps in `unicode_tables.rs` (Latin,
//! Greek, Cyrillic, IPA, combining diacritics, general punctuation, letter-like symbols,
//! Latin Extended-C/D/E and ASCII). Shared by the generator and the tests of `nfkd.rs`.

/// Whether `c`, a character of some decomposition, is one the checker reads.
pub fn is_kept(c: char) -> bool {
    let o = c as u32;
    o < 0x0590
        || (0x1D00..=0x2BFF).contains(&o)
        || (0x2C60..=0x2C7F).contains(&o)
        || (0xA720..=0xA7FF).contains(&o)
        || (0xAB30..=0xAB6F).contains(&o)
}
