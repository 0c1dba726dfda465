//! A small on-device classifier for offensive and abusive posts.
//!
//! Word lists catch swearing; they miss the insult without a swear word ("you are a pathetic
//! loser"). This module scores a piece of the normalised word stream (see [`crate::text`]) with
//! a linear model (logistic regression) over hashed features, and names the words that drove
//! the score so that a finding can say why it was raised.
//!
//! # Features
//!
//! The input is the word stream: lower-cased, folded words separated by single spaces, with
//! `\n` at sentence breaks. Every word yields
//!
//! * its **unigram**;
//! * the **bigram** with the word before it, unless a sentence break (`\n`) stands between;
//! * the **character n-grams** of the word padded as `<word>`, for the orders in
//!   [`FeatureConfig::char_min`]`..=`[`FeatureConfig::char_max`] (bytes, not characters: a
//!   non-ASCII letter is two or more bytes).
//!
//! Hashing is fixed and documented (never std's randomised hasher), so the same text gives
//! the same buckets on every platform, native and wasm. Every hash ends in [`mix`], two rounds
//! of xor-shift and multiply by 64-bit constants:
//!
//! * a word: `h = SEED_WORD ^ len`, then `h = mix(h ^ chunk)` for each 8 bytes of the word
//!   read as a little-endian number, the last one padded with zeros ([`word_hash`]);
//! * a bigram: `mix(rotl(h1, 21) ^ h2 ^ SEED_BIGRAM)` of the two word hashes ([`bigram_hash`]);
//! * a character n-gram of order `n` (at most 7 bytes): `mix(bytes | (0x80 | n) << 56)`, the
//!   bytes little-endian ([`char_hash`]); the n-grams are read with 8-byte loads straight from
//!   the stream, with no copying and no allocation.
//!
//! The bucket is the top `bucket_bits` bits of the hash ([`bucket`]). A feature's value is its
//! count, divided by the square root of the number of features of the input when
//! [`FeatureConfig::sqrt_norm`] is set, so that the score measures the density of offensive
//! evidence rather than the length of the text. The shipped model: unigrams, bigrams and
//! character 4- and 5-grams in 2^18 buckets (4-5 beat 3-5, 3-4, 4 or 5 alone in
//! cross-validation; bigrams and unigrams add a little on top).
//!
//! # Use
//!
//! Score tweet-sized pieces, which is what the model was trained on: split the word stream
//! with [`chunks`]`(words, `[`CHUNK_BYTES`]`)`, score each chunk with
//! [`Classifier::probability`] and compare with [`Classifier::threshold`]; name the words of a
//! flagged chunk with [`Classifier::explain`] (its byte ranges are relative to the slice given,
//! so add the chunk's start before mapping them with `MappedText::span`). Scoring costs a few
//! nanoseconds per byte and allocates nothing after the first call on a thread (which sets up the
//! 64 KB word memo, see `WordMemo`); `explain` allocates and is meant for the chunks
//! that were flagged.

//! # Model file
//!
//! `models/offensive.bin`, written by `src/bin/train-classifier.rs` (training code in
//! [`train`]), is little-endian:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic `STCF` |
//! | 4 | 2 | version (2) |
//! | 6 | 1 | bucket bits `k` (10..=24) |
//! | 7 | 1 | flags: bit 0 unigrams, bit 1 bigrams, bit 2 square-root length normalisation |
//! | 8 | 1 | smallest character n-gram order (0 = none) |
//! | 9 | 1 | largest character n-gram order (0 = none; at most 7) |
//! | 10 | 2 | reserved (0) |
//! | 12 | 4 | scale (f32): a weight is `scale * i8` |
//! | 16 | 4 | bias (f32) |
//! | 20 | 4 | decision threshold on the probability (f32) |
//! | 24 | 4 | number of weights (must be `2^k`) |
//! | 28 | 4 | FNV-1a 32 of the weight bytes (the `2^k` weights, unpacked) |
//! | 32 | … | the weights (i8), packed: a non-zero weight is its own byte; a run of `n` zero weights is a 0 byte followed by `n` in LEB128 (so `n` ≥ 1) |
//!
//! The packing keeps the file small (the table is mostly zeros) and, in the wasm, keeps the
//! table one data segment: unpacked, `wasm-opt` cut it into thousands of segments around the
//! zero runs, which gzipped to about 30 KB more.
//!
//! The file is parsed once ([`shipped`]); any fault in it is a [`ModelError`], never a panic.
//!
//! # Training data
//!
//! Trained only on Davidson et al. 2017 (`offensive_davidson.jsonl`, MIT) and OLID v1.0
//! training set, sub-task A (Zampieri et al. 2019, `offensive_olid_train.jsonl`, CC BY 4.0),
//! minus the rows [`is_held_out`] keeps back for evaluation. Each file's two classes carry
//! equal weight in training (Davidson is 83% offensive, OLID 33%: unweighted, the model would
//! learn which corpus a tweet looks like it came from), FTRL-Proximal with L1 and L2 penalties,
//! six passes, each feature scaled by half its naive-Bayes log-count ratio (NB-SVM style, folded
//! into the weights: see `train::TrainConfig::nb_alpha`); the threshold is chosen on
//! cross-validation folds of the training rows. See
//! `src/bin/train-classifier.rs` for the command and the figures it prints.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

#[cfg(not(target_arch = "wasm32"))]
pub mod train;

/// The shipped model file, built into the native CLI and library. The wasm leaves it out (the
/// extension ships it beside the wasm as `wasm/offensive.bin`, 38 KB gzipped, and hands it over
/// with [`load`]): a data file, not 75 KB more of the module.
#[cfg(not(target_arch = "wasm32"))]
static SHIPPED: &[u8] = include_bytes!("../../models/offensive.bin");

/// The model in force: natively the shipped file, parsed once; in the wasm the file [`load`] got.
static MODEL: OnceLock<Classifier> = OnceLock::new();

/// The magic bytes at the start of a model file.
pub const MAGIC: &[u8; 4] = b"STCF";
/// The model file version this code reads.
pub const VERSION: u16 = 2;
/// The size of the header before the weights.
pub const HEADER_LEN: usize = 32;

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// One step of FNV-1a.
#[inline(always)]
const fn fnv_step(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV_PRIME)
}

/// 32-bit FNV-1a of `bytes`.
pub const fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        h = fnv_step(h, bytes[i]);
        i += 1;
    }
    h
}

/// The mixing function of every feature hash: two rounds of xor-shift and multiply (the
/// constants of SplitMix64 / Fibonacci hashing).
#[inline(always)]
pub const fn mix(x: u64) -> u64 {
    let h = (x ^ (x >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

/// Start values of the unigram and bigram hashes.
const SEED_WORD: u64 = 0x5745_5244_0000_0000; // "WORD" in the top bytes
const SEED_BIGRAM: u64 = 0x4249_4752_414D_0000; // "BIGRAM"

/// The bucket of a 64-bit feature hash in a table of `2^bits` weights: its top bits.
#[inline(always)]
pub const fn bucket(h: u64, bits: u8) -> usize {
    (h >> (64 - bits as u32)) as usize
}

/// The hash of a word: `h = SEED_WORD ^ len`, then `h = mix(h ^ chunk)` for each 8 bytes of
/// the word (little-endian, the last chunk padded with zeros).
pub fn word_hash(word: &[u8]) -> u64 {
    word_hash_at(word, 0, word.len())
}

/// [`word_hash`] of `bytes[start..end]`, read in place.
#[inline(always)]
fn word_hash_at(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end.saturating_sub(start);
    let mut h = SEED_WORD ^ len as u64;
    let mut p = start;
    while p + 8 <= end {
        h = mix(h ^ load8(bytes, p));
        p += 8;
    }
    if p < end {
        h = mix(h ^ (load8(bytes, p) & low_bytes(end - p)));
    }
    h
}

/// The 8 bytes at `p` as a little-endian number, zeros past the end.
#[inline(always)]
fn load8(b: &[u8], p: usize) -> u64 {
    let rest = b.get(p..).unwrap_or(&[]);
    match rest.first_chunk::<8>() {
        // One unaligned load (no zeroed copy to fill).
        Some(a) => u64::from_le_bytes(*a),
        None => {
            let mut a = [0u8; 8];
            a[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(a)
        }
    }
}

/// A mask of the low `n` bytes (n in 1..=7).
#[inline(always)]
const fn low_bytes(n: usize) -> u64 {
    (1u64 << (8 * n)) - 1
}

/// The hash of the bigram of two words, from their word hashes.
#[inline(always)]
pub const fn bigram_hash(first: u64, second: u64) -> u64 {
    mix(first.rotate_left(21) ^ second ^ SEED_BIGRAM)
}

/// The hash of a character n-gram of order `n` (1..=7) whose bytes, little-endian, are `x`
/// (the bytes above the `n`th are ignored): `mix` of the bytes with `0x80 | n` in the top byte.
#[inline(always)]
pub const fn char_hash(x: u64, n: usize) -> u64 {
    mix((x & low_bytes(n)) | (0x80 | n as u64) << 56)
}

/// Whether a labelled row (by its `id`) is held out of training, for evaluation: FNV-1a of the
/// id, modulo 5, is 0 (one row in five). The same split is used by the trainer and by
/// `second-thought eval`.
pub fn is_held_out(id: &str) -> bool {
    fnv1a(id.as_bytes()) % 5 == 0
}

/// Which features a model reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    /// The table has `2^bucket_bits` weights.
    pub bucket_bits: u8,
    pub unigrams: bool,
    pub bigrams: bool,
    /// Character n-gram orders `char_min..=char_max`; `0` for none.
    pub char_min: u8,
    pub char_max: u8,
    /// Divide the feature values by the square root of their number.
    pub sqrt_norm: bool,
}

impl FeatureConfig {
    fn flags(&self) -> u8 {
        u8::from(self.unigrams) | u8::from(self.bigrams) << 1 | u8::from(self.sqrt_norm) << 2
    }

    fn validate(&self) -> Result<(), ModelError> {
        if !(10..=24).contains(&self.bucket_bits) {
            return Err(ModelError::BadConfig("bucket bits outside 10..=24"));
        }
        let chars = self.char_max > 0;
        if chars && (self.char_min == 0 || self.char_min > self.char_max || self.char_max > 7) {
            return Err(ModelError::BadConfig("character n-gram orders"));
        }
        if !chars && self.char_min != 0 {
            return Err(ModelError::BadConfig("character n-gram orders"));
        }
        if !self.unigrams && !self.bigrams && !chars {
            return Err(ModelError::BadConfig("no features"));
        }
        Ok(())
    }
}

/// What kind of feature a bucket comes from.
#[cfg(any(test, not(target_arch = "wasm32")))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Bigram,
    Char,
}

/// Calls `emit(bucket, kind, start, end)` for every feature of `words`, in order. `start..end`
/// is the byte range of the word (for a bigram: of both words).
///
/// No allocation and no copying: every hash is computed from 8-byte loads of `words`. Used by
/// the trainer (native only) and as the reference of the scoring's word walk in tests.
#[cfg(any(test, not(target_arch = "wasm32")))]
#[inline(always)]
pub(crate) fn for_each_feature(
    cfg: &FeatureConfig,
    words: &[u8],
    mut emit: impl FnMut(usize, Kind, usize, usize),
) {
    let bits = cfg.bucket_bits;
    let (cmin, cmax) = (cfg.char_min as usize, cfg.char_max as usize);
    // The word hash and start of the previous word in this sentence.
    let mut prev: Option<(u64, usize)> = None;
    for_each_word(words, |start, end, sentence_start| {
        if sentence_start {
            prev = None;
        }
        let wh = word_hash_at(words, start, end);
        if cfg.unigrams {
            emit(bucket(wh, bits), Kind::Word, start, end);
        }
        if cfg.bigrams {
            if let Some((ph, ps)) = prev {
                emit(bucket(bigram_hash(ph, wh), bits), Kind::Bigram, ps, end);
            }
        }
        prev = Some((wh, start));
        if cmax > 0 {
            char_ngrams(words, start, end, cmin, cmax, |h| {
                emit(bucket(h, bits), Kind::Char, start, end)
            });
        }
    });
}

/// Calls `f(start, end, sentence_start)` for each word of a word stream (runs of bytes between
/// spaces and `\n`s), in order; `sentence_start` is true when a `\n` stands between it and the
/// word before (which ends the bigrams).
#[inline(always)]
fn for_each_word(words: &[u8], mut f: impl FnMut(usize, usize, bool)) {
    let n = words.len();
    let mut i = 0;
    let mut sentence_start = false;
    while i < n {
        match words[i] {
            b' ' => i += 1,
            b'\n' => {
                sentence_start = true;
                i += 1;
            }
            _ => {
                let start = i;
                i += crate::text::word_len(&words[start..]);
                f(start, i, std::mem::take(&mut sentence_start));
            }
        }
    }
}

/// Calls `f(hash)` for the character n-grams of orders `cmin..=cmax` (1..=7) of the word
/// `words[start..end]` padded as `<word>`, by order, then start position. The n-grams are read
/// in place: the padded position `j` is `words[start + j - 1]`, and the two markers are put in
/// place of the bytes around the word.
#[inline(always)]
fn char_ngrams(
    words: &[u8],
    start: usize,
    end: usize,
    cmin: usize,
    cmax: usize,
    mut f: impl FnMut(u64),
) {
    let plen = end.saturating_sub(start) + 2;
    for m in cmin.max(1)..=cmax.min(plen).min(7) {
        let last = plen - m;
        let shift = 8 * (m as u32 - 1);
        let close = |x: u64| (x & !(0xFF << shift)) | (u64::from(b'>') << shift);
        // j = 0: "<" and the word's first bytes.
        let mut x = (load8(words, start) << 8) | u64::from(b'<');
        if last == 0 {
            x = close(x);
        }
        f(char_hash(x, m));
        for j in 1..last {
            f(char_hash(load8(words, start + j - 1), m));
        }
        if last >= 1 {
            f(char_hash(close(load8(words, start + last - 1)), m));
        }
    }
}

/// [`char_ngrams`] the plain way, a byte at a time, for tests.
#[cfg(test)]
fn char_ngrams_slow(word: &[u8], cmin: usize, cmax: usize, mut f: impl FnMut(u64)) {
    let plen = word.len() + 2;
    let at = |j: usize| -> u8 {
        if j == 0 {
            b'<'
        } else if j == plen - 1 {
            b'>'
        } else {
            word.get(j - 1).copied().unwrap_or(0)
        }
    };
    for m in cmin..=cmax.min(plen) {
        for j in 0..=plen - m {
            let mut x = 0u64;
            for k in 0..m {
                x |= u64::from(at(j + k)) << (8 * k);
            }
            f(char_hash(x, m));
        }
    }
}

/// What can be wrong with a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    TooShort,
    BadMagic,
    UnsupportedVersion(u16),
    BadConfig(&'static str),
    BadLength { expected: usize, actual: usize },
    BadChecksum,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::TooShort => write!(f, "model file: shorter than its header"),
            ModelError::BadMagic => write!(f, "model file: not a Second Thought classifier"),
            ModelError::UnsupportedVersion(v) => write!(f, "model file: version {v} not supported"),
            ModelError::BadConfig(m) => write!(f, "model file: bad header ({m})"),
            ModelError::BadLength { expected, actual } => {
                write!(f, "model file: {actual} bytes, expected {expected}")
            }
            ModelError::BadChecksum => write!(f, "model file: weights checksum does not match"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The chunk size [`chunks`] should be given: about a tweet's worth of words, the length of
/// what the model was trained on.
pub const CHUNK_BYTES: usize = 280;

/// Splits a word stream into chunks to score one by one: runs of whole sentences (split at
/// `\n`) of at most `max_bytes` bytes each, where a sentence longer than that is cut at word
/// boundaries. Scoring a long post in tweet-sized chunks keeps each score on the scale the
/// threshold was chosen on (a whole long post dilutes one insult; single short sentences make
/// more false alarms). Each range slices `words` at word boundaries, without leading or
/// trailing separators. No allocation.
pub fn chunks(words: &str, max_bytes: usize) -> Chunks<'_> {
    Chunks {
        bytes: words.as_bytes(),
        pos: 0,
        max: max_bytes.max(1),
    }
}

/// The iterator of [`chunks`].
#[derive(Debug, Clone)]
pub struct Chunks<'a> {
    bytes: &'a [u8],
    pos: usize,
    max: usize,
}

impl Iterator for Chunks<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let b = self.bytes;
        let is_sep = |c: u8| c == b' ' || c == b'\n';
        let start = self.pos
            + b.get(self.pos..)?
                .iter()
                .position(|&c| !is_sep(c))
                .unwrap_or(b.len() - self.pos);
        if start >= b.len() {
            self.pos = b.len();
            return None;
        }
        let limit = start.saturating_add(self.max).min(b.len());
        let mut end = start;
        let mut i = start;
        loop {
            // The end of the sentence that starts at `i`.
            let sentence_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
            let mut trimmed = sentence_end;
            while trimmed > i && is_sep(b[trimmed - 1]) {
                trimmed -= 1;
            }
            if trimmed <= limit {
                end = sentence_end;
                if sentence_end >= b.len() {
                    break;
                }
                i = sentence_end + 1;
                continue;
            }
            if end == start {
                // The first sentence alone is too long: cut it at the last space before the
                // limit, or after the word that crosses it.
                end = b[start..limit]
                    .iter()
                    .rposition(|&c| c == b' ')
                    .map(|p| start + p)
                    .filter(|&e| e > start)
                    .unwrap_or_else(|| {
                        b[limit..]
                            .iter()
                            .position(|&c| is_sep(c))
                            .map_or(b.len(), |p| limit + p)
                    });
            }
            break;
        }
        while end > start && is_sep(b[end - 1]) {
            end -= 1;
        }
        self.pos = end.max(start + 1);
        Some(start..end)
    }
}

/// One word's share of a score (see [`Classifier::explain`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// Byte range of the word in the `words` given.
    pub start: usize,
    pub end: usize,
    /// What the word added to the log-odds.
    pub weight: f32,
}

/// A linear model over hashed n-grams of the word stream.
#[derive(Debug, Clone)]
pub struct Classifier {
    cfg: FeatureConfig,
    scale: f32,
    bias: f32,
    threshold: f32,
    weights: Vec<i8>,
    /// Which model this is, for [`WordMemo`] (a clone shares the weights, and so the id).
    id: u64,
}

/// The ids of [`Classifier`]s (0 is never given: it marks an unused [`WordMemo`]).
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The words' own shares of a score, remembered: a word's unigram and character n-grams depend
/// on the word alone, so each word's sum of their weights (and their number) is worked out once
/// and looked up by the word's hash after that, in this post and the next ones. Only bigrams
/// are computed for every word. A direct-mapped table of `2^MEMO_BITS` entries of 16 bytes per
/// thread (64 KB), for one model at a time; an entry is trusted when the 64-bit word hash and
/// the length both match (two different words of the same length with the same 64-bit hash
/// would be needed to get a wrong sum). The results are exactly those of [`for_each_feature`]:
/// the weights are integers until the sum is scaled.
struct WordMemo {
    /// The id of the model the entries are for (0: none yet).
    model: u64,
    entries: Vec<MemoEntry>,
}

/// One word's share: its hash, its length + 1 (0: an empty entry), the sum of the weights of
/// its unigram and character n-grams, and their number.
#[derive(Clone, Copy, Default, PartialEq)]
struct MemoEntry {
    hash: u64,
    len: u16,
    count: u16,
    sum: i32,
}

const MEMO_BITS: u32 = 12;

std::thread_local! {
    static MEMO: std::cell::RefCell<WordMemo> = const {
        std::cell::RefCell::new(WordMemo { model: 0, entries: Vec::new() })
    };
}

/// Runs `f` with this thread's [`WordMemo`], or with none where it cannot be had (the thread is
/// ending, or the memo is in use further up the stack).
fn with_memo<R>(mut f: impl FnMut(Option<&mut WordMemo>) -> R) -> R {
    MEMO.try_with(|memo| {
        memo.try_borrow_mut()
            .ok()
            .map(|mut memo| f(Some(&mut memo)))
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| f(None))
}

/// The shipped model, parsed on first use. `None` only if the shipped file were corrupt (a
/// unit test makes sure it is not).
pub fn shipped() -> Option<&'static Classifier> {
    #[cfg(not(target_arch = "wasm32"))]
    if MODEL.get().is_none() {
        if let Ok(model) = Classifier::from_bytes(SHIPPED) {
            let _ = MODEL.set(model); // another thread may have set the same model first
        }
    }
    MODEL.get()
}

/// Loads the model from the bytes of its file (the wasm build's way to get it); a broken file
/// is an error. A second good load keeps the model of the first: there is one model file per build.
pub fn load(bytes: &[u8]) -> Result<(), ModelError> {
    if MODEL.get().is_none() {
        let _ = MODEL.set(Classifier::from_bytes(bytes)?);
        return Ok(());
    }
    Classifier::from_bytes(bytes).map(|_| ())
}

/// Packs weight bytes: a non-zero byte as itself, a run of `n` zeros as 0 then LEB128(`n`).
fn pack(weights: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < weights.len() {
        if weights[i] != 0 {
            out.push(weights[i]);
            i += 1;
            continue;
        }
        let run = weights[i..].iter().take_while(|&&w| w == 0).count();
        i += run;
        out.push(0);
        let mut n = run;
        loop {
            let low = (n & 0x7F) as u8;
            n >>= 7;
            if n == 0 {
                out.push(low);
                break;
            }
            out.push(low | 0x80);
        }
    }
}

/// Unpacks [`pack`]ed weights, which must number exactly `count`.
fn unpack(packed: &[u8], count: usize) -> Result<Vec<u8>, ModelError> {
    let bad = |actual: usize| ModelError::BadLength {
        expected: count,
        actual,
    };
    let mut out = Vec::with_capacity(count);
    let mut bytes = packed.iter();
    while let Some(&b) = bytes.next() {
        if b != 0 {
            out.push(b);
        } else {
            let mut n = 0usize;
            let mut shift = 0u32;
            loop {
                let Some(&x) = bytes.next() else {
                    return Err(bad(out.len()));
                };
                n |= usize::from(x & 0x7F) << shift;
                if x & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 28 {
                    return Err(ModelError::BadConfig("zero run too long"));
                }
            }
            if n == 0 || out.len() + n > count {
                return Err(bad(out.len() + n));
            }
            out.resize(out.len() + n, 0);
        }
        if out.len() > count {
            return Err(bad(out.len()));
        }
    }
    if out.len() != count {
        return Err(bad(out.len()));
    }
    Ok(out)
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn read_f32(b: &[u8], at: usize) -> Option<f32> {
    read_u32(b, at).map(f32::from_bits)
}

impl Classifier {
    /// Parses and validates a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Classifier, ModelError> {
        if b.len() < HEADER_LEN {
            return Err(ModelError::TooShort);
        }
        if &b[0..4] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let short = ModelError::TooShort;
        let version = read_u16(b, 4).ok_or(short.clone())?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let flags = b[7];
        if flags & !0b111 != 0 {
            return Err(ModelError::BadConfig("unknown flags"));
        }
        let cfg = FeatureConfig {
            bucket_bits: b[6],
            unigrams: flags & 1 != 0,
            bigrams: flags & 2 != 0,
            sqrt_norm: flags & 4 != 0,
            char_min: b[8],
            char_max: b[9],
        };
        cfg.validate()?;
        if read_u16(b, 10) != Some(0) {
            return Err(ModelError::BadConfig("reserved bytes"));
        }
        let scale = read_f32(b, 12).ok_or(short.clone())?;
        let bias = read_f32(b, 16).ok_or(short.clone())?;
        let threshold = read_f32(b, 20).ok_or(short.clone())?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError::BadConfig("scale"));
        }
        if !bias.is_finite() {
            return Err(ModelError::BadConfig("bias"));
        }
        if !(threshold > 0.0 && threshold < 1.0) {
            return Err(ModelError::BadConfig("threshold"));
        }
        let count = read_u32(b, 24).ok_or(short.clone())? as usize;
        if count != 1usize << cfg.bucket_bits {
            return Err(ModelError::BadConfig("weight count is not 2^bucket bits"));
        }
        let body = unpack(&b[HEADER_LEN..], count)?;
        if read_u32(b, 28) != Some(fnv1a(&body)) {
            return Err(ModelError::BadChecksum);
        }
        Ok(Classifier {
            cfg,
            scale,
            bias,
            threshold,
            weights: body.iter().map(|&x| x as i8).collect(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Builds a model from its parts (the trainer's output). The weights must number
    /// `2^cfg.bucket_bits`.
    pub fn from_parts(
        cfg: FeatureConfig,
        scale: f32,
        bias: f32,
        threshold: f32,
        weights: Vec<i8>,
    ) -> Result<Classifier, ModelError> {
        let mut c = Classifier {
            cfg,
            scale,
            bias,
            threshold,
            weights,
            id: 0,
        };
        // One validation for both paths: through the bytes.
        c = Classifier::from_bytes(&c.to_bytes())?;
        Ok(c)
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(self.cfg.bucket_bits);
        out.push(self.cfg.flags());
        out.push(self.cfg.char_min);
        out.push(self.cfg.char_max);
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        let body: Vec<u8> = self.weights.iter().map(|&w| w as u8).collect();
        out.extend_from_slice(&fnv1a(&body).to_le_bytes());
        pack(&body, &mut out);
        out
    }

    pub fn config(&self) -> &FeatureConfig {
        &self.cfg
    }

    /// The probability above which a text counts as offensive (chosen by the trainer on
    /// cross-validation folds of the training data).
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Whether `words` scores above the threshold.
    pub fn is_offensive(&self, words: &str) -> bool {
        self.probability(words) > self.threshold
    }

    /// Whether the model learnt `word` itself (its unigram, not its letters) as evidence of
    /// offence: its unigram's weight is above zero. False when the model has no unigrams.
    pub fn knows_word_as_offensive(&self, word: &str) -> bool {
        self.cfg.unigrams
            && self.weight(bucket(word_hash(word.as_bytes()), self.cfg.bucket_bits)) > 0
    }

    #[inline(always)]
    fn weight(&self, b: usize) -> i64 {
        i64::from(self.weights.get(b).copied().unwrap_or(0))
    }

    /// The factor applied to every feature of an input with `n` features.
    #[inline]
    fn norm(&self, n: u64) -> f32 {
        if self.cfg.sqrt_norm && n > 0 {
            1.0 / (n as f32).sqrt()
        } else {
            1.0
        }
    }

    /// The log-odds that `words` (the word stream, or a part of it) is offensive; `None` when
    /// it has no words.
    pub fn logit(&self, words: &str) -> Option<f32> {
        let (mut sum, mut n) = (0i64, 0u64);
        with_memo(|memo| {
            self.walk_words(words.as_bytes(), memo, |_, _, own, bigram| {
                sum += own.0 + bigram.unwrap_or(0);
                n += own.1 + u64::from(bigram.is_some());
            })
        });
        self.logit_of(sum, n)
    }

    /// The log-odds of a text whose features' weights sum to `sum` over `n` features.
    fn logit_of(&self, sum: i64, n: u64) -> Option<f32> {
        (n > 0).then(|| self.bias + self.scale * sum as f32 * self.norm(n))
    }

    /// The probability of a logit from [`Classifier::logit_of`] (0 for a text without words).
    fn probability_of(logit: Option<f32>) -> f32 {
        logit.map_or(0.0, |z| 1.0 / (1.0 + (-z).exp()))
    }

    /// The sum of the weights of the features of `words`, and their number, one feature at a
    /// time (what [`Classifier::logit`] computes word by word, for tests).
    #[cfg(test)]
    fn sum_plain(&self, words: &[u8]) -> (i64, u64) {
        let mut sum: i64 = 0;
        let mut n: u64 = 0;
        for_each_feature(&self.cfg, words, |b, _, _, _| {
            sum += self.weight(b);
            n += 1;
        });
        (sum, n)
    }

    /// Calls `f(start, end, own, bigram)` for each word of `words`, in order: `own` is the sum
    /// of the weights of the word's unigram and character n-grams and their number (from
    /// `memo` when given, see [`WordMemo`]), `bigram` the weight of the bigram with the word
    /// before it in the same sentence (if the model reads bigrams).
    fn walk_words(
        &self,
        words: &[u8],
        mut memo: Option<&mut WordMemo>,
        mut f: impl FnMut(usize, usize, (i64, u64), Option<i64>),
    ) {
        if let Some(memo) = memo.as_deref_mut() {
            if memo.model != self.id {
                memo.model = self.id;
                memo.entries.clear();
                memo.entries.resize(1 << MEMO_BITS, MemoEntry::default());
            }
        }
        let bits = self.cfg.bucket_bits;
        let (cmin, cmax) = (self.cfg.char_min as usize, self.cfg.char_max as usize);
        let mut prev: Option<u64> = None;
        for_each_word(words, |start, end, sentence_start| {
            let wh = word_hash_at(words, start, end);
            let bigram = match prev {
                Some(ph) if self.cfg.bigrams && !sentence_start => {
                    Some(self.weight(bucket(bigram_hash(ph, wh), bits)))
                }
                _ => None,
            };
            prev = Some(wh);
            let slot = (wh >> (64 - MEMO_BITS)) as usize;
            // Words too long for the entry's fields (32,767 bytes and more) are not kept.
            let len = u16::try_from(end - start + 1).ok().filter(|&l| l < 1 << 15);
            if let (Some(memo), Some(len)) = (memo.as_deref(), len) {
                if let Some(e) = memo
                    .entries
                    .get(slot)
                    .filter(|e| e.hash == wh && e.len == len)
                {
                    f(start, end, (i64::from(e.sum), u64::from(e.count)), bigram);
                    return;
                }
            }
            let (mut s, mut k) = (0i64, 0u64);
            if self.cfg.unigrams {
                s += self.weight(bucket(wh, bits));
                k += 1;
            }
            if cmax > 0 {
                char_ngrams(words, start, end, cmin, cmax, |h| {
                    s += self.weight(bucket(h, bits));
                    k += 1;
                });
            }
            f(start, end, (s, k), bigram);
            // A word of fewer than 2^15 bytes has fewer than 2^16 features of weight ≤ 127.
            if let (Some(memo), Some(len), Ok(sum), Ok(count)) =
                (memo.as_deref_mut(), len, i32::try_from(s), u16::try_from(k))
            {
                if let Some(e) = memo.entries.get_mut(slot) {
                    *e = MemoEntry {
                        hash: wh,
                        len,
                        count,
                        sum,
                    };
                }
            }
        });
    }

    /// The probability that `words` (the word stream, or a part of it, such as one sentence)
    /// is offensive. A text without words scores 0.
    pub fn probability(&self, words: &str) -> f32 {
        Self::probability_of(self.logit(words))
    }

    /// The (at most) `k` words that raised the score most, highest first: each word's own
    /// features (unigram, character n-grams) plus half of each bigram it is part of. Only
    /// words with a positive share are returned.
    pub fn explain(&self, words: &str, k: usize) -> Vec<Contribution> {
        let (_, n, items) = self.walk_shares(words);
        self.top_contributions(items, n, k)
    }

    /// The probability that `words` is offensive and, when it is above the threshold, what
    /// [`Classifier::explain`] says of it: the two from one walk over the words (a text that
    /// scores high is explained next, and walking it again cost as much as scoring it).
    pub fn score_and_explain(&self, words: &str, k: usize) -> (f32, Option<Vec<Contribution>>) {
        let (sum, n, items) = self.walk_shares(words);
        let p = Self::probability_of(self.logit_of(sum, n));
        let explained = (p > self.threshold).then(|| self.top_contributions(items, n, k));
        (p, explained)
    }

    /// One walk over the words: the sum of the weights of their features and their number (what
    /// [`Classifier::logit`] adds up), and each word's share, in order (bigrams halved between
    /// their two words).
    fn walk_shares(&self, words: &str) -> (i64, u64, Vec<Contribution>) {
        // About one word in five bytes: one allocation for most texts.
        let mut items: Vec<Contribution> = Vec::with_capacity(words.len() / 5 + 4);
        let (mut sum, mut n) = (0i64, 0u64);
        let mut prev_start: Option<usize> = None;
        with_memo(|memo| {
            self.walk_words(words.as_bytes(), memo, |start, end, own, bigram| {
                sum += own.0 + bigram.unwrap_or(0);
                n += own.1 + u64::from(bigram.is_some());
                let mut weight = own.0 as f32;
                if let Some(b) = bigram {
                    // Half to each word (the word before has the last item, if it has one).
                    let half = b as f32 / 2.0;
                    if let Some(c) = items.last_mut().filter(|c| Some(c.start) == prev_start) {
                        c.weight += half;
                    }
                    weight += half;
                }
                // A word with no feature of its own and no bigram has no share at all.
                if own.1 > 0 || bigram.is_some() {
                    items.push(Contribution { start, end, weight });
                }
                prev_start = Some(start);
            })
        });
        (sum, n, items)
    }

    /// The positive `items` scaled to log-odds (for an input of `n` features), highest first
    /// (the earlier word first among equals), at most `k`.
    fn top_contributions(
        &self,
        mut items: Vec<Contribution>,
        n: u64,
        k: usize,
    ) -> Vec<Contribution> {
        let f = self.scale * self.norm(n);
        items.retain_mut(|c| {
            c.weight *= f;
            c.weight > 0.0
        });
        // By weight, the heaviest first (in `total_cmp`'s order: the bits made to sort as
        // unsigned numbers), then by place.
        crate::text::sort_by_key(&mut items, |c| {
            let bits = c.weight.to_bits();
            let ordered = if bits >> 31 == 1 {
                !bits
            } else {
                bits | 1 << 31
            };
            u128::from(u32::MAX - ordered) << 64 | c.start as u128
        });
        items.truncate(k);
        items
    }

    /// [`Classifier::explain`] feature by feature, as it was written first (for tests).
    #[cfg(test)]
    fn explain_plain(&self, words: &str, k: usize) -> Vec<Contribution> {
        let bytes = words.as_bytes();
        let mut items: Vec<Contribution> = Vec::new();
        let mut n: u64 = 0;
        for_each_feature(&self.cfg, bytes, |b, kind, start, end| {
            n += 1;
            let w = self.weight(b) as f32;
            match kind {
                Kind::Word | Kind::Char => {
                    if items.last().is_none_or(|c| c.start != start) {
                        items.push(Contribution {
                            start,
                            end,
                            weight: 0.0,
                        });
                    }
                    if let Some(c) = items.last_mut() {
                        c.weight += w;
                    }
                }
                Kind::Bigram => {
                    // Emitted after the second word's unigram (if any) and before its
                    // character n-grams: the first word is one of the last two items.
                    let first = items.iter().rposition(|c| c.start == start);
                    let second_start = bytes[..end]
                        .iter()
                        .rposition(|&c| c == b' ')
                        .map_or(0, |p| p + 1);
                    if let Some(c) = first.and_then(|f| items.get_mut(f)) {
                        c.weight += w / 2.0;
                    }
                    match items.last_mut() {
                        Some(c) if c.start == second_start => c.weight += w / 2.0,
                        _ => items.push(Contribution {
                            start: second_start,
                            end,
                            weight: w / 2.0,
                        }),
                    }
                }
            }
        });
        self.top_contributions(items, n, k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalised;

    fn words(text: &str) -> String {
        let n = Normalised::new(text, None);
        n.words.as_str()[..n.words_main_len].to_string()
    }

    fn model() -> &'static Classifier {
        shipped().expect("the shipped model parses")
    }

    /// One walk gives what scoring and then explaining give, to the bit, on texts that score
    /// high and texts that do not.
    #[test]
    fn score_and_explain_is_probability_then_explain() {
        let m = model();
        let vocab = [
            "you", "are", "a", "stupid", "idiot", "shut", "up", "bitch", "the", "meeting", "is",
            "at", "ten", "thanks", "everyone", "fucking", "hate", "love", "this", "\n", "lol",
            "team", "great", "work", "trash", "ugly",
        ];
        let vocab: Vec<String> = vocab.iter().map(|w| format!(" {w}")).collect();
        let vocab: Vec<&str> = vocab.iter().map(String::as_str).collect();
        let mut seed = 21u64;
        let (mut high, mut low) = (0, 0);
        for i in 0..4_000 {
            let w = words(&crate::text::tests::mix(&mut seed, &vocab, i % 25));
            let p = m.probability(&w);
            let want = (p > m.threshold()).then(|| m.explain(&w, 3));
            let (got_p, got) = m.score_and_explain(&w, 3);
            assert_eq!(got_p.to_bits(), p.to_bits(), "{w:?}");
            assert_eq!(got, want, "{w:?}");
            if want.is_some() {
                high += 1;
            } else {
                low += 1;
            }
        }
        assert!(high > 500 && low > 500, "{high} {low}");
    }

    /// The memoised sum is the plain one, on word streams with many repeated words, long
    /// words, sentence breaks and stray separators, with the memo cold and warm, and with two
    /// models taking turns (each must not use the other's entries).
    #[test]
    fn memoised_scores_are_the_plain_ones() {
        let a = model();
        let b = Classifier::from_parts(a.cfg, a.scale, a.bias, a.threshold, {
            let mut w = a.weights.clone();
            w.iter_mut().step_by(3).for_each(|x| *x = x.wrapping_add(7));
            w
        })
        .expect("a second model");
        let vocab = [
            "you",
            "are",
            "a",
            "pathetic",
            "loser",
            "the",
            "and",
            "idiot",
            "x",
            "supercalifragilistic",
            "stupidstupidstupid",
            "i",
            "love",
            "it",
            "\u{e9}t\u{e9}",
            "go",
            "away",
            "now",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        for round in 0..3000 {
            let mut w = String::new();
            for _ in 0..next(80) {
                match next(12) {
                    0 => w.push('\n'),
                    1 => w.push_str("  "),
                    _ => {
                        if !w.is_empty() && !w.ends_with(['\n', ' ']) {
                            w.push(' ');
                        }
                        if next(2) == 0 {
                            w.push_str(vocab[next(vocab.len())]);
                        } else {
                            // A word of its own: thousands of them, so entries are replaced.
                            for _ in 0..=next(12) {
                                w.push(char::from(b'a' + next(6) as u8));
                            }
                        }
                    }
                }
            }
            let m = if round % 3 == 2 { &b } else { a };
            let plain = m.sum_plain(w.as_bytes());
            let walked = |memo: Option<&mut WordMemo>| {
                let (mut sum, mut n) = (0i64, 0u64);
                m.walk_words(w.as_bytes(), memo, |_, _, own, bigram| {
                    sum += own.0 + bigram.unwrap_or(0);
                    n += own.1 + u64::from(bigram.is_some());
                });
                (sum, n)
            };
            assert_eq!(walked(None), plain, "{w:?}");
            assert_eq!(
                MEMO.with(|memo| walked(Some(&mut memo.borrow_mut()))),
                plain,
                "{w:?}"
            );
            // And through logit, the memo warm: the same value to the bit.
            let expect = (plain.1 > 0).then(|| m.bias + m.scale * plain.0 as f32 * m.norm(plain.1));
            assert_eq!(m.logit(&w).map(f32::to_bits), expect.map(f32::to_bits));
            // The explanation too, word by word against feature by feature.
            assert_eq!(m.explain(&w, 64), m.explain_plain(&w, 64), "{w:?}");
        }
    }

    #[test]
    fn shipped_model_loads() {
        let m = model();
        assert!(m.threshold() > 0.0 && m.threshold() < 1.0);
        assert_eq!(m.weights.len(), 1 << m.cfg.bucket_bits);
        assert_eq!(m.to_bytes(), SHIPPED, "round trip");
    }

    #[test]
    fn hash_is_fnv1a_and_fixed() {
        // Published FNV-1a 32 test vectors (the held-out split).
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        // Feature hashes: fixed values, which may only change with a new model format.
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0xca00_9717_327d_1f6e);
        assert_eq!(word_hash(b"you"), 0x7890_a30c_052a_3021);
        assert_eq!(
            char_hash(u64::from_le_bytes(*b"<you>\0\0\0"), 4),
            0xf44a_06c8_55de_5f90
        );
        assert!(bucket(u64::MAX, 24) < 1 << 24 && bucket(0, 10) == 0);
        // In-place reading agrees with the plain definition, for words of every length, at
        // the start, middle and end of a stream.
        for len in [1usize, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 70, 100] {
            let w: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let mut stream = w.clone();
            stream.extend_from_slice(b" xy \n ");
            stream.extend_from_slice(&w);
            stream.push(b' ');
            stream.extend_from_slice(&w);
            let at = [0, len + 6, 2 * len + 7];
            for (lo, hi) in [(1, 1), (3, 5), (4, 5), (7, 7), (2, 7)] {
                let mut slow = Vec::new();
                char_ngrams_slow(&w, lo, hi, |h| slow.push(h));
                let k = (lo..=hi)
                    .map(|n| (len + 3).saturating_sub(n))
                    .sum::<usize>();
                assert_eq!(slow.len(), k, "len {len}, orders {lo}..={hi}");
                for s in at {
                    let mut fast = Vec::new();
                    char_ngrams(&stream, s, s + len, lo, hi, |h| fast.push(h));
                    assert_eq!(fast, slow, "len {len} at {s}, orders {lo}..={hi}");
                    assert_eq!(word_hash_at(&stream, s, s + len), word_hash(&w));
                }
            }
        }
        let cfg = FeatureConfig {
            bucket_bits: 18,
            unigrams: true,
            bigrams: true,
            char_min: 3,
            char_max: 5,
            sqrt_norm: true,
        };
        let collect = |s: &str| {
            let mut v = Vec::new();
            for_each_feature(&cfg, s.as_bytes(), |b, k, a, e| v.push((b, k, a, e)));
            v
        };
        let v = collect(" you loser \n ok ");
        assert_eq!(v, collect(" you loser \n ok "));
        // "you": unigram + 3 + 2 + 1 char n-grams of "<you>" (orders 3..=5).
        let you = v.iter().filter(|f| f.2 == 1 && f.1 != Kind::Bigram).count();
        assert_eq!(you, 1 + 3 + 2 + 1);
        // One bigram ("you loser"), none across the sentence break.
        let bigrams: Vec<_> = v.iter().filter(|f| f.1 == Kind::Bigram).collect();
        assert_eq!(bigrams.len(), 1);
        assert_eq!((bigrams[0].2, bigrams[0].3), (1, 10));
        assert_eq!(v[0].0, bucket(word_hash(b"you"), 18));
    }

    #[test]
    fn abusive_texts_score_above_threshold() {
        let m = model();
        for t in [
            "you are a pathetic loser",
            "shut up you stupid idiot",
            "You're a worthless piece of shit",
            "@USER what a disgusting moron you are",
        ] {
            let p = m.probability(&words(t));
            assert!(p > m.threshold(), "{t:?}: {p} <= {}", m.threshold());
        }
    }

    #[test]
    fn friendly_texts_score_below_threshold() {
        let m = model();
        for t in [
            "thank you so much for the lovely workshop today",
            // (Names, whose letters can look like swear words to it, such as "Scunthorpe United
            // won 2-0", are the checker's to decide: rules::tests::names_are_not_evidence_of_abuse.)
            "Our next coffee morning is on Tuesday at the library, all welcome",
            "Congratulations to everyone who took part in the fun run!",
        ] {
            let p = m.probability(&words(t));
            assert!(p < m.threshold(), "{t:?}: {p} >= {}", m.threshold());
        }
    }

    #[test]
    fn explain_names_real_words() {
        let m = model();
        let w = words("You are a pathetic loser, honestly.");
        let e = m.explain(&w, 3);
        assert!(!e.is_empty() && e.len() <= 3);
        let named: Vec<&str> = e.iter().map(|c| &w[c.start..c.end]).collect();
        for (c, s) in e.iter().zip(&named) {
            assert!(c.weight > 0.0);
            assert!(
                !s.is_empty() && s.bytes().all(|b| b != b' ' && b != b'\n'),
                "{s:?}"
            );
            // The whole word: bounded by separators.
            assert!(c.start == 0 || matches!(w.as_bytes()[c.start - 1], b' ' | b'\n'));
            assert!(c.end == w.len() || matches!(w.as_bytes()[c.end], b' ' | b'\n'));
        }
        assert!(
            named.contains(&"pathetic") || named.contains(&"loser"),
            "{named:?}"
        );
        for pair in e.windows(2) {
            assert!(pair[0].weight >= pair[1].weight);
        }
        // Spans map back to the original text.
        let n = Normalised::new("You are a pathetic loser, honestly.", None);
        let s = n.words.as_str();
        for c in m.explain(&s[..n.words_main_len], 2) {
            assert!(n.words.span(c.start..c.end).is_some());
        }
        assert!(m.explain("", 3).is_empty());
        assert!(m.explain(&w, 0).is_empty());
    }

    #[test]
    fn explain_agrees_with_the_score() {
        // Without bigram halves lost: the shares of all words sum to the logit minus the bias.
        let m = model();
        let w = words("shut up you stupid idiot. go away");
        let all = m.explain(&w, usize::MAX);
        let z = m.logit(&w).expect("has words");
        let pos: f32 = all.iter().map(|c| c.weight).sum();
        assert!(pos >= z - m.bias - 1e-3, "{pos} vs {}", z - m.bias);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let m = model();
        for s in [
            "",
            " ",
            "\n",
            " \n \n ",
            "a",
            "é",
            "\u{10FFFF}",
            "x\ny z",
            &"a".repeat(10_000),
        ] {
            let p = m.probability(s);
            assert!((0.0..=1.0).contains(&p), "{s:?}");
            let _ = m.explain(s, 5);
        }
        assert_eq!(m.probability(""), 0.0);
        assert_eq!(m.probability(" \n "), 0.0);
    }

    #[test]
    fn corrupt_model_bytes_are_an_error() {
        let good = SHIPPED.to_vec();
        assert!(Classifier::from_bytes(&good).is_ok());
        assert_eq!(
            Classifier::from_bytes(&[]).err(),
            Some(ModelError::TooShort)
        );
        assert_eq!(
            Classifier::from_bytes(&good[..20]).err(),
            Some(ModelError::TooShort)
        );
        let mut b = good.clone();
        b[0] = b'X';
        assert_eq!(Classifier::from_bytes(&b).err(), Some(ModelError::BadMagic));
        let mut b = good.clone();
        b[4] = 9;
        assert_eq!(
            Classifier::from_bytes(&b).err(),
            Some(ModelError::UnsupportedVersion(9))
        );
        for (at, v) in [(6, 40u8), (6, 2), (7, 0xF0), (8, 9), (9, 9), (10, 1)] {
            let mut b = good.clone();
            b[at] = v;
            assert!(
                matches!(Classifier::from_bytes(&b), Err(ModelError::BadConfig(_))),
                "byte {at} = {v}"
            );
        }
        let mut b = good.clone();
        b[12..16].copy_from_slice(&f32::NAN.to_le_bytes());
        assert!(matches!(
            Classifier::from_bytes(&b),
            Err(ModelError::BadConfig(_))
        ));
        let mut b = good.clone();
        b[20..24].copy_from_slice(&1.5f32.to_le_bytes());
        assert!(matches!(
            Classifier::from_bytes(&b),
            Err(ModelError::BadConfig(_))
        ));
        let mut b = good.clone();
        b.pop();
        assert!(matches!(
            Classifier::from_bytes(&b),
            Err(ModelError::BadLength { .. })
        ));
        // A weight changed (a non-zero byte that does not follow a zero-run marker).
        let mut b = good.clone();
        let at = (HEADER_LEN + 1..b.len())
            .find(|&i| b[i] > 1 && b[i - 1] != 0 && b[i - 1] & 0x80 == 0)
            .expect("a weight byte");
        b[at] ^= 1;
        assert_eq!(
            Classifier::from_bytes(&b).err(),
            Some(ModelError::BadChecksum)
        );
        // Every truncation and every single-byte change of the header: an error or a model,
        // never a panic.
        for len in 0..good.len().min(64) {
            let _ = Classifier::from_bytes(&good[..len]);
        }
        for at in 0..HEADER_LEN {
            for v in [0u8, 1, 0x7F, 0x80, 0xFF] {
                let mut b = good.clone();
                b[at] = v;
                let _ = Classifier::from_bytes(&b);
            }
        }
    }

    #[test]
    fn packing_round_trips_and_refuses_bad_runs() {
        for weights in [
            vec![],
            vec![0u8; 300],
            vec![5, 0, 0, 7, 0, 255, 1],
            (0..2000u32)
                .map(|i| if i % 7 == 0 { (i % 250) as u8 + 1 } else { 0 })
                .collect(),
        ] {
            let mut packed = Vec::new();
            pack(&weights, &mut packed);
            assert!(
                !packed.windows(2).any(|w| w == [0, 0]),
                "no zero runs in {packed:?}"
            );
            assert_eq!(unpack(&packed, weights.len()), Ok(weights.clone()));
            if !weights.is_empty() {
                assert!(unpack(&packed, weights.len() - 1).is_err());
            }
            assert!(unpack(&packed, weights.len() + 1).is_err());
        }
        assert!(unpack(&[0], 1).is_err(), "a marker without a length");
        assert!(unpack(&[0, 0], 1).is_err(), "a run of none");
        assert!(
            unpack(&[0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1], 1).is_err(),
            "too long"
        );
    }

    #[test]
    fn chunks_are_whole_sentences_within_the_limit() {
        let w = words("Hello there. You are a loser. Go away now! Thanks for nothing.");
        let all: Vec<&str> = chunks(&w, 1000).map(|r| &w[r]).collect();
        assert_eq!(
            all,
            vec!["hello there \n you are a loser \n go away now \n thanks for nothing"]
        );
        let small: Vec<&str> = chunks(&w, 29).map(|r| &w[r]).collect();
        assert_eq!(
            small,
            vec![
                "hello there \n you are a loser",
                "go away now",
                "thanks for nothing"
            ]
        );
        // A sentence longer than the limit is cut between words.
        let cut: Vec<&str> = chunks(&w, 8).map(|r| &w[r]).collect();
        assert_eq!(
            cut,
            vec![
                "hello", "there", "you are", "a loser", "go away", "now", "thanks", "for",
                "nothing"
            ]
        );
        let long = "x".repeat(50);
        let one: Vec<&str> = chunks(&long, 10).map(|r| &long[r]).collect();
        assert_eq!(one, vec![long.as_str()]);
        for s in ["", " ", " \n \n ", "a", " a ", "é \n é"] {
            for max in [0, 1, 2, 280] {
                let mut last = 0;
                for r in chunks(s, max) {
                    assert!(
                        r.start >= last && r.start < r.end && r.end <= s.len(),
                        "{s:?}"
                    );
                    assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                    last = r.end;
                }
            }
        }
        assert_eq!(chunks("", 280).count(), 0);
        assert_eq!(chunks(" \n ", 280).count(), 0);
    }

    #[test]
    fn held_out_split_is_fixed() {
        assert!(is_held_out("davidson-3") == (fnv1a(b"davidson-3") % 5 == 0));
        let held = (0..10_000)
            .filter(|i| is_held_out(&format!("olid-{i}")))
            .count();
        assert!((1_800..2_200).contains(&held), "{held}");
    }

    /// The shipped model on the held-out rows of its training files, when they are there: a
    /// guard against the word stream changing under the model (retrain after any change to
    /// the normalisation).
    #[test]
    fn held_out_quality_when_data_is_present() {
        let m = model();
        for (path, min_f1, max_fpr) in [
            ("../shared/eval/offensive_davidson.jsonl", 0.95, 0.08),
            ("../shared/eval/offensive_olid_train.jsonl", 0.60, 0.30),
        ] {
            let Ok(data) = std::fs::read_to_string(path) else {
                continue;
            };
            let mut c = train::Confusion::default();
            for line in data.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let (Some(id), Some(t), Some(l)) =
                    (v["id"].as_str(), v["text"].as_str(), v["label"].as_u64())
                else {
                    continue;
                };
                if is_held_out(id) {
                    c.add(m.probability(&words(t)) > m.threshold(), l == 1);
                }
            }
            assert!(c.n() > 1000, "{path}: {c}");
            assert!(c.f1() >= min_f1 && c.fpr() <= max_fpr, "{path}: {c}");
        }
    }

    /// A fixed sample: rows of the training files if they are there, else 200 made-up rows.
    fn sample() -> Vec<train::Example> {
        let mut out = Vec::new();
        for (g, path) in [
            "../shared/eval/offensive_davidson.jsonl",
            "../shared/eval/offensive_olid_train.jsonl",
        ]
        .iter()
        .enumerate()
        {
            let Ok(data) = std::fs::read_to_string(path) else {
                continue;
            };
            for line in data.lines().take(100) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if let (Some(t), Some(l)) = (v["text"].as_str(), v["label"].as_u64()) {
                    out.push(train::Example {
                        words: train::words_of(t),
                        label: l == 1,
                        group: g,
                    });
                }
            }
        }
        if out.len() < 200 {
            out.clear();
            let bad = ["idiot", "loser", "pathetic", "moron", "stupid"];
            let good = ["lovely", "thanks", "great", "workshop", "family"];
            for i in 0..200usize {
                let label = i % 3 == 0;
                let w = if label { bad[i % 5] } else { good[i % 5] };
                out.push(train::Example {
                    words: train::words_of(&format!("row {i} you are so {w} today {}", i % 7)),
                    label,
                    group: i % 2,
                });
            }
        }
        out
    }

    #[test]
    fn training_is_reproducible() {
        let examples = sample();
        let mut cfg = train::TrainConfig::default();
        cfg.features.bucket_bits = 14;
        cfg.epochs = 3;
        let ds = train::Dataset::new(&examples, cfg.features);
        let rows: Vec<usize> = (0..ds.len()).collect();
        let a = train::fit(&ds, &rows, &cfg);
        // A second run from scratch: features extracted again, same seed.
        let b = train::fit(&train::Dataset::new(&examples, cfg.features), &rows, &cfg);
        assert_eq!(a, b);
        let (qa, qb) = (
            a.quantise(0.5).expect("valid").to_bytes(),
            b.quantise(0.5).expect("valid").to_bytes(),
        );
        assert_eq!(qa, qb);
        assert!(a.nonzero() > 0, "learnt something");
        // Another seed visits the rows in another order.
        cfg.seed ^= 1;
        let c = train::fit(&ds, &rows, &cfg);
        assert_ne!(a.weights, c.weights);
        // It separates its own training rows.
        let m = a.quantise(0.5).expect("valid");
        let mut right = 0;
        for e in &examples {
            right += usize::from((m.probability(&e.words) > 0.5) == e.label);
        }
        assert!(
            right * 10 >= examples.len() * 8,
            "{right}/{}",
            examples.len()
        );
        // Without the naive-Bayes scaling (the default trains with it): reproducible too, and
        // other weights than with it, from the same seed.
        cfg.seed ^= 1;
        assert!(cfg.nb_alpha > 0.0);
        cfg.nb_alpha = 0.0;
        let d = train::fit(&ds, &rows, &cfg);
        let e = train::fit(&train::Dataset::new(&examples, cfg.features), &rows, &cfg);
        assert_eq!(d, e);
        assert_ne!(a.weights, d.weights);
        let m = d.quantise(0.5).expect("valid");
        let right = examples
            .iter()
            .filter(|e| (m.probability(&e.words) > 0.5) == e.label)
            .count();
        assert!(
            right * 10 >= examples.len() * 8,
            "{right}/{}",
            examples.len()
        );
    }

    #[test]
    fn deterministic_ln() {
        for x in [
            1e-300,
            1e-9,
            0.01,
            0.5,
            std::f64::consts::FRAC_1_SQRT_2,
            0.7,
            1.0,
            1.4,
            std::f64::consts::SQRT_2,
            1.42,
            2.0,
            3.0,
            1e6,
            1e300,
        ] {
            let (a, b) = (train::ln(x), f64::ln(x));
            assert!((a - b).abs() <= 1e-14 * b.abs().max(1.0), "{x}: {a} vs {b}");
        }
        assert_eq!(train::ln(1.0), 0.0);
        assert!(train::ln(0.0).is_nan() && train::ln(-1.0).is_nan());
    }

    #[test]
    fn deterministic_exp() {
        for x in [-30.0, -1.0, -1e-9, 0.0, 0.5, 1.0, 10.0, 30.0] {
            let (a, b) = (train::exp(x), f64::exp(x));
            assert!(((a - b) / b).abs() < 1e-13, "{x}: {a} vs {b}");
        }
    }

    /// `cargo test --release --lib classifier::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        // SPEED_MODEL=path measures another model file.
        let other = std::env::var("SPEED_MODEL")
            .ok()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| Classifier::from_bytes(&b).ok());
        let m = other.as_ref().unwrap_or(model());
        let para = "The committee met on Tuesday to discuss the new parking arrangements. \
            Several residents said that the changes were confusing and that nobody had asked \
            them first. You are a pathetic loser if you think that is fine! The council will \
            publish a revised plan next month, after a further round of consultation. ";
        let mut text = String::new();
        while text.len() < 60_000 {
            text.push_str(para);
        }
        let w = words(&text);
        let lines: Vec<&str> = w.split('\n').collect();
        // The fastest of many rounds: other processes on the machine only slow rounds down.
        let rounds = 300;
        let mut acc = 0.0;
        let (mut whole, mut per_line) = (f64::MAX, f64::MAX);
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            acc += m.probability(std::hint::black_box(&w));
            whole = whole.min(t.elapsed().as_secs_f64());
            let t = std::time::Instant::now();
            for l in &lines {
                acc += m.probability(std::hint::black_box(l));
            }
            per_line = per_line.min(t.elapsed().as_secs_f64());
        }
        let mut hash_only = f64::MAX;
        let mut nf = 0usize;
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let mut x = 0usize;
            nf = 0;
            for_each_feature(&m.cfg, std::hint::black_box(w.as_bytes()), |b, _, _, _| {
                x ^= b;
                nf += 1;
            });
            std::hint::black_box(x);
            hash_only = hash_only.min(t.elapsed().as_secs_f64());
        }
        println!(
            "features only (no weights): {:.2} ns/byte; {:.2} features/byte",
            hash_only * 1e9 / w.len() as f64,
            nf as f64 / w.len() as f64
        );
        let mb = w.len() as f64 / 1e6;
        println!(
            "{} bytes of words ({} of text): whole {:.0} MB/s ({:.2} ns/byte), per sentence {:.0} MB/s ({:.2} ns/byte, {} sentences) [{acc}]",
            w.len(),
            text.len(),
            mb / whole,
            whole * 1e9 / w.len() as f64,
            mb / per_line,
            per_line * 1e9 / w.len() as f64,
            lines.len()
        );
    }
}
