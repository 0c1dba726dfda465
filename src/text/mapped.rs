//! A string built from pieces of another, remembering for every byte where in the original
//! text (as UTF-16 offsets) that byte came from.

use std::ops::Range;

/// A derived text whose every byte maps back to a UTF-16 span of the original.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    text: String,
    /// For each byte of `text`: the UTF-16 `[start, end)` of the original character it came from.
    spans: Vec<[u32; 2]>,
}

impl MappedText {
    pub fn with_capacity(n: usize) -> MappedText {
        MappedText {
            text: String::with_capacity(n),
            spans: Vec::with_capacity(n),
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    pub fn reserve(&mut self, n: usize) {
        self.text.reserve(n);
        self.spans.reserve(n);
    }

    pub fn capacity_bytes(&self) -> usize {
        self.text.capacity() + self.spans.capacity() * 8
    }

    /// The derived text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `c`, which stands for the original UTF-16 range `[start, end)`.
    #[inline]
    pub fn push(&mut self, c: char, start: u32, end: u32) {
        let n = c.len_utf8();
        self.text.push(c);
        for _ in 0..n {
            self.spans.push([start, end]);
        }
    }

    /// Appends ASCII text lower-cased, with the spans of its bytes (a word copied from another
    /// mapped text).
    #[inline]
    pub fn push_ascii_lower(&mut self, s: &str, spans: &[[u32; 2]]) {
        debug_assert!(s.is_ascii() && s.len() == spans.len());
        let at = self.text.len();
        self.text.push_str(s);
        if let Some(tail) = self.text.get_mut(at..) {
            tail.make_ascii_lowercase();
        }
        self.spans.extend_from_slice(spans);
    }

    /// Appends an ASCII byte, which stands for the original UTF-16 range `[start, end)`.
    #[inline]
    pub fn push_byte(&mut self, b: u8, start: u32, end: u32) {
        debug_assert!(b.is_ascii());
        // Masked to 7 bits, the compiler knows the character is one byte long.
        self.text.push(char::from(b & 0x7F));
        self.spans.push([start, end]);
    }

    /// Appends a copy of its own bytes `range` (nothing if it is not a range of whole
    /// characters).
    pub fn extend_from_within(&mut self, range: Range<usize>) {
        if let (Some(text), Some(spans)) = (self.text.get(range.clone()), self.spans.get(range)) {
            let (text, spans) = (text.to_owned(), spans.to_vec());
            self.text.push_str(&text);
            self.spans.extend_from_slice(&spans);
        }
    }

    /// Shortens to `len` bytes, a length it had before.
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        self.spans.truncate(len);
    }

    /// Appends a copy of its own word at `range` with each run of a repeated ASCII letter
    /// shortened to `keep(c, n)` letters (for a run of `n` times `c`); the letters left out
    /// widen the span of the last one kept, so the short word maps back to the whole one. A
    /// word with other characters is copied as it is.
    pub fn push_shortened(&mut self, range: Range<usize>, keep: impl Fn(u8, usize) -> usize) {
        if !self.text.get(range.clone()).is_some_and(str::is_ascii) {
            return self.extend_from_within(range);
        }
        let mut i = range.start;
        while i < range.end {
            let run = &self.text.as_bytes()[i..range.end];
            let n = run.iter().take_while(|&&c| c == run[0]).count();
            let (kept, last) = (keep(run[0], n).clamp(1, n), self.spans[i + n - 1][1]);
            self.extend_from_within(i..i + kept);
            self.extend_last(last);
            i += n;
        }
    }

    /// The UTF-16 span of each byte (`[u32::MAX, 0]` for separators).
    pub fn spans(&self) -> &[[u32; 2]] {
        &self.spans
    }

    /// Appends ASCII text whose first byte is at UTF-16 offset `pos` of the original.
    #[inline]
    pub fn push_ascii(&mut self, run: &str, pos: u32) {
        debug_assert!(run.is_ascii());
        self.text.push_str(run);
        self.spans
            .extend((pos..pos + run.len() as u32).map(|p| [p, p + 1]));
    }

    /// Makes the byte at `i`, already a space, a separator that stands for nothing in the
    /// original.
    #[inline]
    pub fn set_sep(&mut self, i: usize) {
        if let Some(s) = self.spans.get_mut(i) {
            *s = [u32::MAX, 0];
        }
    }

    /// Appends a separator that stands for nothing in the original.
    #[inline]
    pub fn push_sep(&mut self, c: char) {
        debug_assert!(c.is_ascii());
        self.text.push(c);
        self.spans.push([u32::MAX, 0]);
    }

    /// Widens the span of the last byte pushed so that it ends at `end` (used when a combining
    /// mark or an invisible character is folded into the character before it).
    pub fn extend_last(&mut self, end: u32) {
        let n = self.text.chars().next_back().map_or(0, char::len_utf8);
        let len = self.spans.len();
        for s in &mut self.spans[len - n..] {
            if s[0] != u32::MAX && s[1] < end {
                s[1] = end;
            }
        }
    }

    /// The original UTF-16 span covered by the derived byte range, ignoring separators at
    /// either end. `None` when the range holds nothing from the original.
    pub fn span(&self, range: Range<usize>) -> Option<(u32, u32)> {
        let spans = self.spans.get(range)?;
        let first = spans.iter().find(|s| s[0] != u32::MAX)?;
        let last = spans.iter().rev().find(|s| s[0] != u32::MAX)?;
        let (start, end) = (first[0], last[1].max(first[1]));
        (start < end).then_some((start, end))
    }

    /// The original span of the derived byte at `i`.
    pub fn span_at(&self, i: usize) -> Option<(u32, u32)> {
        self.spans
            .get(i)
            .filter(|s| s[0] != u32::MAX)
            .map(|s| (s[0], s[1]))
    }
}

/// The lanes (high bit of each byte) of the 8 bytes in `w` (little-endian) that are ASCII bytes
/// in `lo..=hi` (`hi` below 0x80). With the high bits cleared no sum carries into the next
/// byte: adding `0x80 - lo` sets a byte's high bit when it is at least `lo`, adding
/// `0x7F - hi` when it is past `hi`.
#[inline]
pub const fn ascii_range_lanes(w: u64, lo: u8, hi: u8) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = w & !HIGH;
    let at_least_lo = low7.wrapping_add(ONES * (0x80 - lo as u64));
    let past_hi = low7.wrapping_add(ONES * (0x7F - hi as u64));
    at_least_lo & !past_hi & !w & HIGH
}

/// The first byte of `bytes` that `is` says yes to, read 8 bytes at a time: `lanes` gives, for
/// 8 bytes (little-endian), the high bit of each byte `is` would say yes to; the last bytes,
/// fewer than 8, are tested one by one.
#[inline(always)]
fn first_byte(bytes: &[u8], lanes: impl Fn(u64) -> u64, is: impl Fn(u8) -> bool) -> Option<usize> {
    let (mut n, mut rest) = (0, bytes);
    // Each 8 bytes as an array (one load; a copy from a slice was a call in the wasm build).
    while let Some((a, tail)) = rest.split_first_chunk::<8>() {
        let found = lanes(u64::from_le_bytes(*a));
        if found != 0 {
            return Some(n + (found.trailing_zeros() / 8) as usize);
        }
        n += 8;
        rest = tail;
    }
    rest.iter().position(|&b| is(b)).map(|p| n + p)
}

/// The first ASCII byte in `lo..=hi` (`hi` below 0x80), read 8 bytes at a time.
#[inline]
pub fn find_ascii_in_range(bytes: &[u8], lo: u8, hi: u8) -> Option<usize> {
    first_byte(
        bytes,
        |w| ascii_range_lanes(w, lo, hi),
        |b| (lo..=hi).contains(&b),
    )
}

/// The length of the run of ASCII bytes at the start of `bytes`, read 8 bytes at a time (most
/// posts are long runs of ASCII between an emoji or an accent).
#[inline]
pub fn ascii_run(bytes: &[u8]) -> usize {
    first_byte(bytes, |w| w & 0x8080_8080_8080_8080, |b| !b.is_ascii()).unwrap_or(bytes.len())
}

/// The length of the run of ASCII letters at the start of `bytes`, read 8 bytes at a time:
/// with bit 5 set, exactly the letters of either case fall in `a..=z`.
#[inline]
pub fn ascii_letter_run(bytes: &[u8]) -> usize {
    first_byte(
        bytes,
        |w| !ascii_range_lanes(w | 0x2020_2020_2020_2020, b'a', b'z') & 0x8080_8080_8080_8080,
        |b| !b.is_ascii_alphabetic(),
    )
    .unwrap_or(bytes.len())
}

/// The length of `bytes` up to the first space or line break (the end of a word of the word
/// stream), read 8 bytes at a time.
#[inline]
pub fn word_len(bytes: &[u8]) -> usize {
    first_byte(
        bytes,
        |w| ascii_range_lanes(w, b' ', b' ') | ascii_range_lanes(w, b'\n', b'\n'),
        |b| b == b' ' || b == b'\n',
    )
    .unwrap_or(bytes.len())
}

/// UTF-16 helpers over the original text.
pub fn utf16_len(s: &str) -> u32 {
    // One unit per character (every byte but continuation bytes), two for the characters of
    // four bytes (lead bytes 0xF0 and up): a count the compiler can vectorise.
    let units: usize = s
        .as_bytes()
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// Converts a UTF-16 range of `s` back to a byte range, when both ends fall on characters.
pub fn utf16_to_byte_range(s: &str, start: u32, end: u32) -> Option<Range<usize>> {
    let mut pos = 0u32;
    let (mut b_start, mut b_end) = (None, None);
    for (i, c) in s.char_indices() {
        if pos == start {
            b_start = Some(i);
        }
        if pos == end {
            b_end = Some(i);
        }
        pos += c.len_utf16() as u32;
    }
    if pos == start {
        b_start = Some(s.len());
    }
    if pos == end {
        b_end = Some(s.len());
    }
    Some(b_start?..b_end?)
}

/// The slice of the original text that a UTF-16 span covers (for messages and the CLI).
pub fn excerpt(s: &str, start: u32, end: u32) -> &str {
    utf16_to_byte_range(s, start, end)
        .and_then(|r| s.get(r))
        .unwrap_or("")
}

/// Converts UTF-16 offsets of one text to byte offsets in O(log n): it remembers where each
/// non-ASCII character stands, and counts ASCII in between (one unit, one byte).
#[derive(Debug, Clone, Default)]
pub struct Utf16Index {
    /// For each non-ASCII character: its UTF-16 offset, byte offset, UTF-16 length, byte length.
    marks: Vec<[u32; 4]>,
    units: u32,
}

impl Utf16Index {
    pub fn new(s: &str) -> Utf16Index {
        let mut marks = Vec::new();
        let mut units = 0u32;
        let bytes = s.as_bytes();
        let mut i = 0usize;
        while i < bytes.len() {
            let run = ascii_run(&bytes[i..]);
            units += run as u32;
            i += run;
            if let Some(c) = s.get(i..).and_then(|t| t.chars().next()) {
                let (w16, w8) = (c.len_utf16() as u32, c.len_utf8() as u32);
                marks.push([units, i as u32, w16, w8]);
                units += w16;
                i += w8 as usize;
            }
        }
        Utf16Index { marks, units }
    }

    /// The byte offset of a UTF-16 offset, when it falls on a character boundary.
    pub fn byte(&self, unit: u32) -> Option<usize> {
        if unit > self.units {
            return None;
        }
        let k = self.marks.partition_point(|m| m[0] <= unit);
        let Some(&[u0, b0, w16, w8]) = k.checked_sub(1).and_then(|k| self.marks.get(k)) else {
            return Some(unit as usize);
        };
        if unit == u0 {
            Some(b0 as usize)
        } else if unit < u0 + w16 {
            None // inside a surrogate pair
        } else {
            Some((b0 + w8 + (unit - u0 - w16)) as usize)
        }
    }

    /// The UTF-16 offset of a byte offset, when it falls on a character boundary.
    pub fn unit(&self, byte: usize) -> Option<u32> {
        let byte = u32::try_from(byte).ok()?;
        let k = self.marks.partition_point(|m| m[1] <= byte);
        let Some(&[u0, b0, w16, w8]) = k.checked_sub(1).and_then(|k| self.marks.get(k)) else {
            return (byte <= self.units).then_some(byte);
        };
        let unit = if byte == b0 {
            u0
        } else if byte < b0 + w8 {
            return None; // inside a character
        } else {
            u0 + w16 + (byte - b0 - w8)
        };
        (unit <= self.units).then_some(unit)
    }

    /// The byte range of a UTF-16 range.
    pub fn range(&self, start: u32, end: u32) -> Option<Range<usize>> {
        Some(self.byte(start)?..self.byte(end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_range_lanes_agree_with_a_byte_test_for_every_byte_in_every_place() {
        for (lo, hi) in [(b'0', b'9'), (b'A', b'Z'), (0, 0x7F), (b'a', b'a')] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut w = [b' ', b'~', 0x80, 0xFF, b'/', b':', b'@', b'['];
                    w[at] = b;
                    let lanes = ascii_range_lanes(u64::from_le_bytes(w), lo, hi);
                    for (k, c) in w.iter().enumerate() {
                        let inside = (lo..=hi).contains(c);
                        assert_eq!(lanes >> (8 * k + 7) & 1 == 1, inside, "{w:?} {lo}..={hi}");
                    }
                }
            }
        }
        let naive = |b: &[u8]| b.iter().position(u8::is_ascii_digit);
        for s in [
            "",
            "abc",
            "abcdefgh1",
            "é1",
            "no digits here at all, none",
            "x9",
            "🎉🎉 call 07700",
        ] {
            assert_eq!(
                find_ascii_in_range(s.as_bytes(), b'0', b'9'),
                naive(s.as_bytes()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn ascii_run_stops_at_the_first_non_ascii_byte() {
        let naive = |b: &[u8]| b.iter().take_while(|c| c.is_ascii()).count();
        for s in [
            "",
            "a",
            "plain ascii only, longer than eight",
            "é",
            "abcdefgé",
            "abcdefghé",
            "abcdefghijklmnopqrstuvwxyz 🎉 end",
            "1234567\u{80}",
        ] {
            assert_eq!(ascii_run(s.as_bytes()), naive(s.as_bytes()), "{s:?}");
        }
        let mut long = "x".repeat(37);
        for k in 0..37 {
            long.replace_range(k..k + 1, "\u{7F}");
            assert_eq!(ascii_run(long.as_bytes()), 37);
        }
        for k in 0..40 {
            let s = format!("{}ü{}", "y".repeat(k), "z".repeat(9));
            assert_eq!(ascii_run(s.as_bytes()), k, "{s:?}");
        }
    }

    #[test]
    fn ascii_letter_run_stops_at_the_first_byte_that_is_not_a_letter() {
        let naive = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        // Every byte value, after 0 to 16 letters of both cases, then more letters.
        for k in 0..=16 {
            for b in 0..=255u8 {
                let mut v: Vec<u8> = (0..k)
                    .map(|i| if i % 2 == 0 { b'a' } else { b'Z' })
                    .collect();
                v.push(b);
                v.extend_from_slice(b"abcdefghijk");
                assert_eq!(ascii_letter_run(&v), naive(&v), "{k} letters, then {b:#x}");
            }
        }
        assert_eq!(ascii_letter_run(b""), 0);
        assert_eq!(ascii_letter_run(b"AZaz@[`{"), 4);
    }

    #[test]
    fn word_len_stops_at_the_first_space_or_line_break() {
        let naive = |b: &[u8]| b.iter().take_while(|&&c| c != b' ' && c != b'\n').count();
        for k in 0..=17 {
            for b in 0..=255u8 {
                let mut v: Vec<u8> = (0..k).map(|i| b"ab\t!\x80"[i % 5]).collect();
                v.push(b);
                v.extend_from_slice(b"xyz \n");
                assert_eq!(word_len(&v), naive(&v), "{k} bytes, then {b:#x}");
                assert_eq!(word_len(&v[..k]), k);
            }
        }
    }

    #[test]
    fn utf16_index_agrees_with_a_walk() {
        for s in [
            "",
            "abc",
            "😀a",
            "a😀b",
            "é😀\u{301}xy",
            "👩‍👩‍👧 ok",
            "日本語 text ü",
        ] {
            let idx = Utf16Index::new(s);
            let n = utf16_len(s);
            assert_eq!(n as usize, s.encode_utf16().count(), "{s:?}");
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                assert_eq!(idx.unit(i), Some(utf16_len(&s[..i])), "{s:?} byte {i}");
            }
            for i in 0..=s.len() + 1 {
                if !s.is_char_boundary(i) {
                    assert_eq!(idx.unit(i), None, "{s:?} byte {i}");
                }
            }
            for a in 0..=n + 1 {
                for b in a..=n + 1 {
                    if let Some(r) = idx.range(a, b) {
                        assert_eq!((idx.unit(r.start), idx.unit(r.end)), (Some(a), Some(b)));
                    }
                    assert_eq!(
                        idx.range(a, b),
                        utf16_to_byte_range(s, a, b),
                        "{s:?} {a}..{b}"
                    );
                }
            }
        }
    }
}
