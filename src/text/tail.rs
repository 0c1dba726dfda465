//! Phrases at the end of a window of the word stream: "you are such a " before an insult,
//! "dont ever " before "kill yourself".
//!
//! The rules look back from a lexicon hit over the words just before it (the window that
//! [`crate::rules::Document::before`] returns: words separated by single spaces, ending with one).
//! The question is always the same: does the window end with a head phrase ("you", "he is",
//! "dont") followed only by filler words ("such", "a", "fucking", "try to")? A regex over the
//! window (`(?:^| )(?:you|…)(?: such| a|…)* $`) says it, but scans the window from every start;
//! [`Tail`] walks back over the words once.

use std::cell::Cell;
use std::sync::OnceLock;

/// Lists of filler phrases.
pub type Fillers = [&'static [&'static str]];

/// A head, as groups of phrases written one after the other ("he" or "she", then "is" or
/// "was"), followed by any number of fillers up to the end of the window.
pub struct Tail {
    /// The head: one phrase of each group, in order. A phrase is words with single spaces; a
    /// group is its phrases separated by '|' (one string, not an array of them: an array
    /// cost a pointer and a length per phrase in the wasm).
    pub head: &'static [&'static str],
    /// The head's groups split into their phrases, once (`OnceLock::new()` in a `static`).
    pub phrases: OnceLock<Vec<Vec<&'static str>>>,
    /// The phrases that may stand between the head and the end of the window, any number of
    /// times: the phrases of every list here.
    pub fillers: &'static Fillers,
    /// The head must follow a space (not the start of the window).
    pub after_space: bool,
}

/// Where a [`Tail`] matched in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TailMatch {
    /// Byte offset of the head's first letter in the window.
    pub start: usize,
    /// How many words from the head's first to the end of the window.
    pub words: usize,
}

/// The words of a window of the word stream that ends with a space, with their byte offsets.
/// Two spaces in a row give an empty word, which no phrase matches. Built once per window and
/// asked by every [`Tail`] and [`Words::near_end`].
pub struct Words<'a> {
    words: Vec<(usize, &'a str)>,
    /// The filler runs last worked out ([`Words::filler_ends`]): for which list, and the bits.
    ends: Cell<Option<(*const Fillers, u64)>>,
}

/// No filler phrase is longer than this many words (a debug assertion checks it).
const MAX_FILLER_WORDS: usize = 2;

/// `a == b`, for the short words here: a loop, not a call to `memcmp`.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}
/// `text` without its prefix `p`.
fn strip_prefix<'t>(text: &'t str, p: &str) -> Option<&'t str> {
    let (head, tail) = (text.as_bytes().get(..p.len())?, text.get(p.len()..)?);
    same(head, p.as_bytes()).then_some(tail)
}
/// `text` without its suffix `p`.
fn strip_suffix<'t>(text: &'t str, p: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(p.len())?;
    let (head, tail) = (text.get(..cut)?, text.as_bytes().get(cut..)?);
    same(tail, p.as_bytes()).then_some(head)
}

/// The words of `s` split at single spaces (empty ones where spaces meet), each with its byte
/// offset in `s`.
pub fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ').scan(0, |at, w| {
        let here = *at;
        *at += w.len() + 1;
        Some((here, w))
    })
}

impl<'a> Words<'a> {
    /// `None` when the window does not end with a space (nothing can stand right before the hit).
    pub fn of(window: &'a str) -> Option<Self> {
        let body = window.strip_suffix(' ')?;
        let mut words = Vec::with_capacity(16);
        words.extend(word_offsets(body));
        Some(Words {
            words,
            ends: Cell::new(None),
        })
    }

    /// How many words `phrase` has when it is the text of the words just before word `end`.
    fn phrase_before(&self, end: usize, phrase: &str) -> Option<usize> {
        let mut rest = phrase;
        let mut i = end;
        loop {
            i = i.checked_sub(1)?;
            let head = strip_suffix(rest, self.words.get(i)?.1)?;
            if head.is_empty() {
                return Some(end - i);
            }
            rest = head.strip_suffix(' ')?;
        }
    }

    /// How many words `phrase` has when it is the text of the words from word `start` on.
    fn phrase_at(&self, start: usize, phrase: &str) -> Option<usize> {
        let mut rest = phrase;
        let mut i = start;
        loop {
            // An empty word (two spaces) leaves `rest` whole, and no phrase starts with a space.
            let tail = strip_prefix(rest, self.words.get(i)?.1)?;
            i += 1;
            if tail.is_empty() {
                return Some(i - start);
            }
            rest = tail.strip_prefix(' ')?;
        }
    }

    /// Bit j: the last j words are fillers only (j == 0: none at all); up to 63 words.
    /// Worked out once for the list the [`Tail`]s of one window share (a `static`).
    fn filler_ends(&self, fillers: &'static Fillers) -> u64 {
        if let Some((list, ends)) = self.ends.get() {
            if std::ptr::eq(list, fillers) {
                return ends;
            }
        }
        debug_assert!(fillers
            .iter()
            .flat_map(|l| l.iter())
            .all(|f| f.split(' ').count() <= MAX_FILLER_WORDS));
        let n = self.words.len();
        let mut ends: u64 = 1;
        for j in 1..=n.min(63) {
            let starts_run = fillers.iter().flat_map(|l| l.iter()).any(|f| {
                self.phrase_at(n - j, f)
                    .is_some_and(|k| ends & (1 << (j - k)) != 0)
            });
            if starts_run {
                ends |= 1 << j;
            } else if j >= MAX_FILLER_WORDS
                && (ends >> (j - MAX_FILLER_WORDS)) & ((1 << MAX_FILLER_WORDS) - 1) == 0
            {
                break; // no filler reaches back over more words that are not fillers
            }
        }
        self.ends.set(Some((fillers, ends)));
        ends
    }

    /// Whether one of `words` is among the last `1 + up_to` words, after a space, with only
    /// words (no empty ones) after it: the regex ` (?:not|never) (?:\S+ ){0,up_to}$`.
    pub fn near_end(&self, words: &[&str], up_to: usize) -> bool {
        for (k, &(at, w)) in self.words.iter().rev().enumerate().take(up_to + 1) {
            if at > 0 && words.contains(&w) {
                return true;
            }
            // The word is one of the `\S+` words between the one sought and the end.
            if w.is_empty() || w.chars().any(char::is_whitespace) || k == up_to {
                return false;
            }
        }
        false
    }
}

/// The last `N` words of a window (nearest first; "" where there are fewer), runs of spaces
/// taken as one: what a look-back must end with, asked before a regex that would try every
/// start of the window.
pub fn last_words<const N: usize>(window: &str) -> [&str; N] {
    let mut out = [""; N];
    fill_last_words(window, &mut out);
    out
}

/// [`last_words`] into a slice: the scan is built once, whatever the number of words asked for
/// (a generic scan was built for each number, in the wasm too: 0.5 KB gzipped).
pub fn fill_last_words<'a>(window: &'a str, out: &mut [&'a str]) {
    // A scan back over the bytes (a space is never inside a character): it runs for every
    // listed word of a post (see `Document::named_as_a_word`).
    let b = window.as_bytes();
    let mut end = b.len();
    for slot in out.iter_mut() {
        while end > 0 && b[end - 1] == b' ' {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && b[start - 1] != b' ' {
            start -= 1;
        }
        if start == end {
            break;
        }
        *slot = window.get(start..end).unwrap_or("");
        end = start;
    }
}

impl Tail {
    /// The leftmost match in the window (the one a regex would find), if any.
    pub fn find(&self, w: &Words) -> Option<TailMatch> {
        let n = w.words.len();
        let ends = w.filler_ends(self.fillers);
        let mut best: Option<usize> = None; // the first word of the leftmost head
        let heads = self
            .phrases
            .get_or_init(|| self.head.iter().map(|g| g.split('|').collect()).collect());
        for j in (0..=n.min(63)).filter(|&j| ends & (1 << j) != 0) {
            self.heads_ending(w, heads, n - j, &mut best);
        }
        let first = best?;
        Some(TailMatch {
            start: w.words.get(first)?.0,
            words: n - first,
        })
    }

    /// Records in `best` the first word of every way the head's `groups` (split into their
    /// phrases) end at word `end`.
    fn heads_ending(
        &self,
        w: &Words,
        groups: &[Vec<&'static str>],
        end: usize,
        best: &mut Option<usize>,
    ) {
        let Some((group, before)) = groups.split_last() else {
            // The head follows a space, or starts the window where that is allowed.
            let ok = w
                .words
                .get(end)
                .is_some_and(|&(at, _)| at > 0 || !self.after_space);
            if ok && best.is_none_or(|b| end < b) {
                *best = Some(end);
            }
            return;
        };
        for phrase in group {
            if let Some(k) = w.phrase_before(end, phrase) {
                self.heads_ending(w, before, end - k, best);
            }
        }
    }
}

/// For the tests of the rules' walks: the regex a [`Tail`] stands for, written the way the rules
/// wrote their look-backs (`(?:^| )(?:head|…)(?: filler| …)* $`, one group of head phrases).
#[cfg(test)]
impl Tail {
    pub(crate) fn as_regex(&self) -> String {
        let heads: Vec<String> = self.head.iter().map(|g| format!("(?:{g})")).collect();
        let fillers: Vec<String> = self
            .fillers
            .concat()
            .iter()
            .map(|f| format!(" {f}"))
            .collect();
        let open = if self.after_space { " " } else { "(?:^| )" };
        format!("{open}{}(?:{})* $", heads.join(" "), fillers.join("|"))
    }

    /// Every word of the head and filler phrases, one at a time (for the tests' windows).
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.head
            .iter()
            .flat_map(|g| g.split('|'))
            .chain(self.fillers.iter().copied().flatten().copied())
            .flat_map(|p| p.split(' '))
    }
}

/// For the tests of the rules' walks: `n` windows such as `Document::before` gives, of up to
/// `max_words - 1` words of `vocab` joined by single spaces; a third of them cut anywhere (even
/// inside a word), a quarter of the others after a space, nine in ten ending with a space. The
/// same `seed`, the same windows.
#[cfg(test)]
pub(crate) fn test_windows(seed: u64, vocab: &[&str], max_words: usize, n: usize) -> Vec<String> {
    let mut seed = seed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    (0..n)
        .map(|_| {
            let ws: Vec<&str> = (0..next(max_words))
                .map(|_| vocab[next(vocab.len())])
                .collect();
            let mut window = ws.join(" ");
            if next(3) == 0 {
                let cut = next(window.len() + 1);
                window = window.get(cut..).unwrap_or("").to_string();
            } else if next(4) == 0 {
                window.insert(0, ' ');
            }
            if next(10) != 0 {
                window.push(' ');
            }
            window
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &Tail, window: &str) -> Option<TailMatch> {
        Words::of(window).and_then(|w| t.find(&w))
    }
    fn near(window: &str, words: &[&str], up_to: usize) -> bool {
        Words::of(window).is_some_and(|w| w.near_end(words, up_to))
    }

    static YOU: Tail = Tail {
        head: &["you|you are|u r|youre"],
        fillers: &[&["such", "a", "fucking", "try to", "like"]],
        after_space: false,
        phrases: std::sync::OnceLock::new(),
    };

    #[test]
    fn a_head_then_fillers_to_the_end() {
        assert_eq!(
            find(&YOU, "you are such a "),
            Some(TailMatch { start: 0, words: 4 })
        );
        assert_eq!(
            find(&YOU, "well you "),
            Some(TailMatch { start: 5, words: 1 })
        );
        assert_eq!(
            find(&YOU, " u r a "),
            Some(TailMatch { start: 1, words: 3 })
        );
        // The leftmost: "you" (then "are"? not a filler) fails, so "you are" it is.
        assert_eq!(
            find(&YOU, "i said you are a "),
            Some(TailMatch { start: 7, words: 3 })
        );
        assert_eq!(
            find(&YOU, "you try to a "),
            Some(TailMatch { start: 0, words: 4 })
        );
        assert_eq!(find(&YOU, "you try a "), None, "half of a two-word filler");
        assert_eq!(find(&YOU, "you are nice and "), None);
        assert_eq!(find(&YOU, "you are"), None, "no space at the end");
        assert_eq!(find(&YOU, "you  a "), None, "two spaces");
        assert_eq!(find(&YOU, "ayou "), None, "inside a word");
        assert_eq!(find(&YOU, ""), None);
        assert_eq!(find(&YOU, " "), None);
    }

    #[test]
    fn groups_and_a_space_before() {
        let third = Tail {
            head: &["he|this guy", "is|looks"],
            fillers: &[&["a", "such"]],
            after_space: false,
            phrases: std::sync::OnceLock::new(),
        };
        assert_eq!(
            find(&third, "this guy is such a "),
            Some(TailMatch { start: 0, words: 5 })
        );
        assert_eq!(
            find(&third, "and he looks "),
            Some(TailMatch { start: 4, words: 2 })
        );
        assert_eq!(find(&third, "he a "), None);
        let named = Tail {
            head: &["is"],
            fillers: &[&["a"]],
            after_space: true,
            phrases: std::sync::OnceLock::new(),
        };
        assert_eq!(find(&named, "is a "), None, "at the start of the window");
        assert_eq!(
            find(&named, "dave is a "),
            Some(TailMatch { start: 5, words: 2 })
        );
        assert_eq!(
            find(&named, " is a "),
            Some(TailMatch { start: 1, words: 2 })
        );
    }

    #[test]
    fn a_word_near_the_end() {
        let neg = ["not", "never"];
        assert!(near("he is not ", &neg, 2));
        assert!(near("he is not a total ", &neg, 2));
        assert!(!near("he is not a very big ", &neg, 2));
        assert!(!near("not ", &neg, 2), "a space before it");
        assert!(near(" not ", &neg, 2));
        assert!(!near("he is not  a ", &neg, 2), "two spaces");
        assert!(!near("he is knot ", &neg, 2));
        assert!(!near("he is not", &neg, 2));
    }
}
