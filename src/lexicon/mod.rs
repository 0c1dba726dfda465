//! Word lists as data, compiled into one matcher.
//!
//! Every rule's lexicon, the organisation's names, extra terms, custom terms and allowed terms
//! become patterns of one Aho-Corasick automaton over the normalised word stream (see
//! [`crate::text`]), so a check reads the text once for all of them, whatever their number.
//!
//! ## The lexicon file format
//! One entry per line; `#` starts a comment; `[name]` starts a section (a category the rule
//! gives meaning to, e.g. `[sexual]`). An entry is a word or phrase, normalised exactly like the
//! text it is matched against (case, accents, look-alikes, leetspeak). `*` at either end widens
//! a single word:
//!
//! | entry      | matches                                   |
//! |------------|-------------------------------------------|
//! | `cunt`     | the whole word only ("cunt", not "Scunthorpe") |
//! | `fuck*`    | words that start with it ("fucking")      |
//! | `*fucker`  | words that end with it ("motherfucker")   |
//! | `*shit*`   | words that contain it ("bullshitter")     |
//! | `son of a bitch` | the words in a row                  |

use crate::text::{normalise_phrase, MaskResolver};
use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::{dfa, nfa::contiguous, Input, MatchKind};

/// Where in a word an entry may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Whole,
    Prefix,
    Suffix,
    Infix,
}

/// Who an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A rule, by its index in the registry.
    Rule(usize),
    /// A custom term of the pack, by index.
    Custom(usize),
    /// An allowed term: for one rule, or for all (`None`).
    Allow(Option<usize>),
}

/// One entry of one lexicon, as compiled.
#[derive(Debug, Clone)]
pub struct Entry {
    pub owner: Owner,
    /// The section it came from (rule-defined meaning), or a rule-defined tag.
    pub tag: u32,
    /// The entry as written in the data (for messages).
    pub source: String,
    /// The normalised words.
    pub norm: String,
    pub anchor: Anchor,
    /// Whether masked words ("f*ck") may resolve to it.
    pub maskable: bool,
}

/// An entry read from a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    pub section: String,
    pub text: String,
    pub anchor: Anchor,
}

/// Parses the lexicon file format.
pub fn parse(data: &str) -> Vec<ParsedEntry> {
    let mut out = Vec::new();
    let mut section = String::new();
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let (text, anchor) = parse_anchor(line);
        out.push(ParsedEntry {
            section: section.clone(),
            text: text.to_string(),
            anchor,
        });
    }
    out
}

/// Splits the `*` anchors off an entry.
pub fn parse_anchor(entry: &str) -> (&str, Anchor) {
    let pre = entry.starts_with('*');
    let post = entry.len() > 1 && entry.ends_with('*');
    let text = entry.trim_start_matches('*').trim_end_matches('*');
    let anchor = match (pre, post) {
        (false, false) => Anchor::Whole,
        (false, true) => Anchor::Prefix,
        (true, false) => Anchor::Suffix,
        (true, true) => Anchor::Infix,
    };
    (text, anchor)
}

/// Up to this many patterns the matcher is a full DFA.
const DFA_MAX_PATTERNS: usize = 3_000;

/// Collects entries from every rule and the pack before compiling them.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    entries: Vec<Entry>,
}

impl LexiconBuilder {
    /// Adds an entry; returns false (and adds nothing) when it normalises to nothing.
    pub fn add(
        &mut self,
        owner: Owner,
        tag: u32,
        text: &str,
        anchor: Anchor,
        maskable: bool,
    ) -> bool {
        let norm = normalise_phrase(text);
        if norm.is_empty() {
            return false;
        }
        self.entries.push(Entry {
            owner,
            tag,
            source: text.to_string(),
            norm,
            anchor,
            maskable,
        });
        true
    }

    /// Adds an entry written in the file format (`*` anchors allowed).
    pub fn add_entry(&mut self, owner: Owner, tag: u32, entry: &str, maskable: bool) -> bool {
        let (text, anchor) = parse_anchor(entry.trim());
        self.add(owner, tag, text, anchor, maskable)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn build(self) -> Result<Lexicon, String> {
        let patterns: Vec<String> = self
            .entries
            .iter()
            .map(|e| match e.anchor {
                Anchor::Whole => format!(" {} ", e.norm),
                Anchor::Prefix => format!(" {}", e.norm),
                Anchor::Suffix => format!("{} ", e.norm),
                Anchor::Infix => e.norm.clone(),
            })
            .collect();
        // A full DFA reads the word stream fastest; past a few thousand entries (a pack with
        // many custom terms) its memory would grow too much, so the library's compact NFA is
        // used instead. Each is built and searched as itself, not through `AhoCorasick`, whose
        // run-time choice of automaton keeps every kind's code (and `Debug`) in the wasm.
        let failed =
            |e: aho_corasick::BuildError| format!("the word lists could not be compiled: {e}");
        let ac = if patterns.len() <= DFA_MAX_PATTERNS {
            Matcher::Dfa(
                dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(failed)?,
            )
        } else {
            Matcher::Nfa(
                contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(failed)?,
            )
        };
        let mut masks: Vec<(Vec<char>, bool, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.maskable
                    && !e.norm.contains(' ')
                    && matches!(e.anchor, Anchor::Whole | Anchor::Prefix)
            })
            .map(|(i, e)| (e.norm.chars().collect(), e.anchor == Anchor::Prefix, i))
            .collect();
        masks.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        Ok(Lexicon {
            ac,
            entries: self.entries,
            masks,
        })
    }
}

/// The automaton of a [`Lexicon`]: a DFA, or for very large lexicons a compact NFA.
#[derive(Debug, Clone)]
enum Matcher {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

/// Calls `f` with the start, end and pattern of every overlapping match of `a` in `haystack`,
/// in order.
fn each_match<A: Automaton>(a: &A, haystack: &str, mut f: impl FnMut(usize, usize, usize)) {
    let input = Input::new(haystack);
    let mut state = OverlappingState::start();
    // Standard match semantics, and no anchoring or search limits: searching cannot fail.
    while a.try_find_overlapping(&input, &mut state).is_ok() {
        let Some(m) = state.get_match() else { break };
        f(m.start(), m.end(), m.pattern().as_usize());
    }
}

/// The compiled matcher.
#[derive(Debug, Clone)]
pub struct Lexicon {
    ac: Matcher,
    entries: Vec<Entry>,
    /// Entries masked words may resolve to: their letters, whether a prefix, the entry index.
    masks: Vec<(Vec<char>, bool, usize)>,
}

/// A match of one entry in the word stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Lexicon::entry`].
    pub entry: usize,
    /// Byte range in the word stream, without the surrounding spaces.
    pub start: usize,
    pub end: usize,
}

impl Lexicon {
    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every match of every entry in the word stream, in order.
    pub fn find(&self, words: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        let bytes = words.as_bytes();
        let mut hit = |start: usize, end: usize, pattern: usize| {
            let (mut s, mut e) = (start, end);
            while s < e && matches!(bytes[s], b' ' | b'\n') {
                s += 1;
            }
            while e > s && matches!(bytes[e - 1], b' ' | b'\n') {
                e -= 1;
            }
            // A partial-word entry flags the whole word it matched in.
            if self.entries[pattern].anchor != Anchor::Whole {
                while s > 0 && !matches!(bytes[s - 1], b' ' | b'\n') {
                    s -= 1;
                }
                while e < bytes.len() && !matches!(bytes[e], b' ' | b'\n') {
                    e += 1;
                }
            }
            if s < e {
                hits.push(Hit {
                    entry: pattern,
                    start: s,
                    end: e,
                });
            }
        };
        match &self.ac {
            Matcher::Dfa(a) => each_match(a, words, &mut hit),
            Matcher::Nfa(a) => each_match(a, words, &mut hit),
        }
        hits
    }
}

impl MaskResolver for Lexicon {
    fn resolve(&self, masked: &[char]) -> Option<&str> {
        // At least two letters must show, and the first must not be masked.
        if masked.first().is_none_or(|c| *c == '*')
            || masked.iter().filter(|c| **c != '*').count() < 2
        {
            return None;
        }
        let fits = |word: &[char], prefix: bool| {
            let n = word.len();
            (masked.len() == n || (prefix && masked.len() > n && !masked[n..].contains(&'*')))
                && masked[..n]
                    .iter()
                    .zip(word)
                    .all(|(m, w)| *m == '*' || m == w)
        };
        let (_, _, entry) = self.masks.iter().find(|(w, p, _)| fits(w, *p))?;
        Some(self.entries[*entry].norm.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{excerpt, Normalised};

    fn lex(entries: &[&str]) -> Lexicon {
        let mut b = LexiconBuilder::default();
        for e in entries {
            b.add_entry(Owner::Rule(0), 0, e, true);
        }
        b.build().expect("builds")
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<String> {
        let n = Normalised::new(text, Some(lex));
        let mut v: Vec<String> = lex
            .find(n.words.as_str())
            .iter()
            .filter_map(|h| n.words.span(h.start..h.end))
            .map(|(a, b)| excerpt(text, a, b).to_string())
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn anchors() {
        let l = lex(&[
            "cunt",
            "fuck*",
            "*fucker",
            "*shit*",
            "son of a bitch",
            "cock",
        ]);
        assert_eq!(found(&l, "Scunthorpe cocktail"), Vec::<String>::new());
        assert_eq!(
            found(&l, "fucking motherfucker"),
            vec!["fucking", "motherfucker"]
        );
        assert_eq!(found(&l, "bullshitter"), vec!["bullshitter"]);
        assert_eq!(found(&l, "you son of a bitch"), vec!["son of a bitch"]);
        assert_eq!(found(&l, "son of a. bitch"), Vec::<String>::new());
    }

    #[test]
    fn disguises() {
        let l = lex(&["fuck*", "shit", "ass", "asshole"]);
        assert_eq!(found(&l, "f*ck this"), vec!["f*ck"]);
        assert_eq!(found(&l, "f**king hell"), vec!["f**king"]);
        assert_eq!(found(&l, "sh*t"), vec!["sh*t"]);
        assert_eq!(found(&l, "what the fuuuuuck"), vec!["fuuuuuck"]);
        assert_eq!(found(&l, "a$$"), vec!["a$$"]);
        assert_eq!(found(&l, "asssss"), vec!["asssss"]);
        assert_eq!(found(&l, "as assassin"), Vec::<String>::new());
        assert_eq!(found(&l, "F U C K"), vec!["F U C K"]);
        assert_eq!(found(&l, "5h1t"), vec!["5h1t"]);
        assert_eq!(
            found(&l, "*ss"),
            Vec::<String>::new(),
            "first letter must show"
        );
    }

    #[test]
    fn parses_the_format() {
        let p = parse("# c\n[sexual]\ncunt  # x\n*fucker\n\n[other]\nson of a bitch\n");
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[0],
            ParsedEntry {
                section: "sexual".into(),
                text: "cunt".into(),
                anchor: Anchor::Whole
            }
        );
        assert_eq!(p[1].anchor, Anchor::Suffix);
        assert_eq!(p[2].section, "other");
    }
}
