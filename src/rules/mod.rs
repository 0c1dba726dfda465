//! The rules and their registry.
//!
//! Each rule lives in its own file, declared with [`declare_rule!`]: its doc comment (what it
//! catches, why the policy forbids it, the clause, an example) is written once there and becomes
//! the `doc` of its [`RuleMeta`], which the CLI's `rules`, the wasm API, the options page, the
//! playground and the README's rule table all read. Adding a rule is one file and one line in
//! [`RULES`].

use crate::context::{Context, Mode};
use crate::finding::{Finding, Severity};
use crate::lexicon::{Entry, Hit, Lexicon, LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::text::Normalised;
use crate::Error;
use serde::Serialize;
use std::any::Any;

mod angry_tone;
mod commercially_sensitive;
mod confidential_marker;
mod copyright;
mod custom_term;
mod defamation;
mod discriminatory_language;
mod disrepute;
mod employer_reference;
mod harassment;
mod illegal_content;
mod liability_statement;
mod obscene_language;
mod personal_data;
mod service_user_details;
mod special_category_data;
mod threat;
mod unacceptable_site;
mod unauthorised_work_post;
mod work_email;
mod work_time;

/// Every rule, in the order of RULES.md. The index of a rule here is its index everywhere.
static RULES: &[&dyn Rule] = &[
    // 1. What must not be posted.
    &obscene_language::ObsceneLanguage,
    &discriminatory_language::DiscriminatoryLanguage,
    &harassment::Harassment,
    &threat::Threat,
    &illegal_content::IllegalContent,
    &defamation::Defamation,
    // 2. Information that must not be disclosed.
    &confidential_marker::ConfidentialMarker,
    &commercially_sensitive::CommerciallySensitive,
    &personal_data::PersonalData,
    &service_user_details::ServiceUserDetails,
    &special_category_data::SpecialCategoryData,
    &copyright::Copyright,
    // 3. How and when to post.
    &angry_tone::AngryTone,
    &liability_statement::LiabilityStatement,
    &employer_reference::EmployerReference,
    &work_email::WorkEmail,
    &disrepute::Disrepute,
    &work_time::WorkTime,
    &unacceptable_site::UnacceptableSite,
    &unauthorised_work_post::UnauthorisedWorkPost,
    // The organisation's own terms.
    &custom_term::CustomTermRule,
];

/// The sections of RULES.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// What must not be posted (section 2, bullet 2; section 3, bullets 3 and 7).
    MustNotPost,
    /// Information that must not be disclosed (section 2, bullets 3 and 5).
    MustNotDisclose,
    /// How and when to post (section 2, bullets 1, 6, 7; section 3).
    HowAndWhen,
    /// The organisation's own terms.
    Organisation,
}

impl Category {
    pub fn title(self) -> &'static str {
        match self {
            Category::MustNotPost => "What must not be posted",
            Category::MustNotDisclose => "Information that must not be disclosed",
            Category::HowAndWhen => "How and when to post",
            Category::Organisation => "Your organisation's own terms",
        }
    }
}

/// Which account modes a rule applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modes {
    Both,
    Personal,
    Work,
}

impl Modes {
    pub fn applies(self, mode: Mode) -> bool {
        match self {
            Modes::Both => true,
            Modes::Personal => mode == Mode::Personal,
            Modes::Work => mode == Mode::Work,
        }
    }
}

/// What the registry knows of a rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// The stable id used in packs, settings, findings, tests and docs.
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    /// The clause for a work account ("2.2" = section 2, bullet 2).
    pub clause_work: &'static str,
    /// The clause for a personal account.
    pub clause_personal: &'static str,
    /// The policy's own words.
    pub quote: &'static str,
    pub severity: Severity,
    pub modes: Modes,
    /// A post that the rule flags.
    pub example: &'static str,
    /// The first paragraph of the doc comment (its lines as written): the description.
    pub summary: &'static str,
    /// The rule's doc comment, in Markdown (its first paragraph is `summary`). Not in the wasm,
    /// where only the playground's rules page would show it: that page reads
    /// www/rule-docs.json, generated from this (`second-thought docs --format json`); the
    /// whole text would be about 8 KB more of the gzipped wasm than the summaries alone.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first paragraph of the doc comment, on one line.
    pub fn description(&self) -> String {
        self.summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The clause for an account mode.
    pub fn clause(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::Work => self.clause_work,
            Mode::Personal => self.clause_personal,
        }
    }

    /// Both clauses, for listings: "2.2" or "2.2 (work) / 3.3 (personal)".
    pub fn clauses(&self) -> String {
        match self.modes {
            Modes::Work => self.clause_work.to_string(),
            Modes::Personal => self.clause_personal.to_string(),
            Modes::Both if self.clause_work == self.clause_personal => self.clause_work.to_string(),
            Modes::Both => format!(
                "{} (work) / {} (personal)",
                self.clause_work, self.clause_personal
            ),
        }
    }
}

/// A rule's state built from a pack (compiled regexes, domain sets, ...).
pub type State = Option<Box<dyn Any + Send + Sync>>;

/// A rule's registry entry; [`declare_rule!`] implements it, so no rule writes it by hand.
pub trait Described {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rule.
pub trait Rule: Sync + Described {
    /// Builds the rule's state from the pack and adds its word lists to the shared lexicon.
    /// `index` is the rule's place in the registry (its [`Owner::Rule`]).
    fn prepare(
        &self,
        _pack: &PolicyPack,
        _index: usize,
        _lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        Ok(None)
    }

    /// Whether the rule reads its pack `extra_terms` itself (otherwise they are matched as words
    /// and reported by the checker under the rule's id).
    fn reads_extra_terms(&self) -> bool {
        false
    }

    /// Adds its findings for one text.
    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>);

    /// Whether a hit of this rule's word lists is one the rule has decided is innocent where it
    /// stands ("el negro" in a Spanish sentence, "coon hound", "Dick Turpin", "please don't
    /// kill yourself"). The rule does not flag it, and the on-device classifier does not take
    /// its words as evidence of abuse (see [`Document::abusive_chunks`]), so the two never
    /// disagree about the same words.
    fn clears(&self, _doc: &Document, _h: &Hit, _entry: &Entry) -> bool {
        false
    }

    /// Whether an entry of this rule's word lists names someone (a slur, an insult, a group of
    /// people), so that a post holding it is aimed at someone (see harassment's classifier
    /// findings), rather than being a word that only makes a pattern with others (a violent
    /// verb, "<group> are *sick*").
    fn names_someone(&self, _entry: &Entry) -> bool {
        true
    }
}

/// Adds a lexicon file's entries to the shared matcher for rule `index`: each `[section]` becomes
/// the tag of its index in `sections` (entries of unknown sections get tag 0), and `[allow]`
/// entries silence this rule wherever they stand.
pub(crate) fn add_lexicon(
    lex: &mut LexiconBuilder,
    index: usize,
    data: &str,
    sections: &[&str],
    maskable: bool,
) {
    for e in crate::lexicon::parse(data) {
        if e.section == "allow" {
            lex.add(Owner::Allow(Some(index)), 0, &e.text, e.anchor, false);
            continue;
        }
        let tag = sections.iter().position(|s| *s == e.section).unwrap_or(0) as u32;
        lex.add(Owner::Rule(index), tag, &e.text, e.anchor, maskable);
    }
}

/// A regex built once from a constant pattern (every one is exercised by the rules' tests).
macro_rules! regex {
    ($re:expr) => {{
        static RE: std::sync::OnceLock<regex_lite::Regex> = std::sync::OnceLock::new();
        // Built once (a `OnceLock`), even where the macro stands in a loop.
        crate::rules::lazy_regex(&RE, $re)
    }};
}
pub(crate) use regex;

/// [`regex!`]'s work, in one function for every pattern: a `get_or_init` with a closure of its
/// own at each of the 25 places kept 25 copies of the standard library's once-only code in the
/// wasm.
pub(crate) fn lazy_regex(
    cell: &'static std::sync::OnceLock<regex_lite::Regex>,
    pattern: &'static str,
) -> &'static regex_lite::Regex {
    cell.get_or_init(|| match regex_lite::Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("a constant pattern compiles: {e}"),
    })
}

/// Whether `word` is one of the space-separated words of the constant list `list`: the list
/// made a [`crate::text::WordSet`] once per place it is asked (a linear `in_list` over a list
/// of dozens of words, asked for every hit of a long post, showed in profiles).
macro_rules! in_set {
    ($list:expr, $word:expr) => {{
        static SET: std::sync::OnceLock<crate::text::WordSet> = std::sync::OnceLock::new();
        crate::rules::in_word_set(&SET, $list, AsRef::<str>::as_ref($word))
    }};
}
pub(crate) use in_set;

/// [`in_set!`]'s work, in one function for every place that asks (not a copy of the set's
/// building at each).
pub(crate) fn in_word_set(
    set: &'static std::sync::OnceLock<crate::text::WordSet>,
    list: &'static str,
    word: &str,
) -> bool {
    lazy_word_set(set, list).contains(word)
}

/// The [`crate::text::WordSet`] of a constant space-separated word list, built once (a set
/// with a cheap hash, for lists asked of many words of a post).
macro_rules! word_set {
    ($list:expr) => {{
        static SET: std::sync::OnceLock<crate::text::WordSet> = std::sync::OnceLock::new();
        crate::rules::lazy_word_set(&SET, $list)
    }};
}
pub(crate) use word_set;

/// [`word_set!`]'s work, in one function for every list (see [`lazy_regex`]).
pub(crate) fn lazy_word_set(
    set: &'static std::sync::OnceLock<crate::text::WordSet>,
    list: &'static str,
) -> &'static crate::text::WordSet {
    set.get_or_init(|| crate::text::word_set(list))
}

/// The matches of `re` in `text` around the byte offsets `centres` (in order): the regex runs
/// over windows from `before` bytes ahead of each centre (back to a white space) to `after`
/// bytes past it (on to a white space), overlapping windows merged, instead of over the whole
/// text (the regex engine tries every position of what it is given). The same matches as over
/// the whole text for a pattern whose every match holds a centre and reaches no further than
/// `before` ahead of it nor `after` past it.
pub(crate) fn find_around(
    re: &regex_lite::Regex,
    text: &str,
    centres: impl IntoIterator<Item = usize>,
    before: usize,
    after: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
    for c in centres {
        let mut a = c.saturating_sub(before).min(text.len());
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let a = text[..a]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut z = c.saturating_add(after).min(text.len());
        while !text.is_char_boundary(z) {
            z += 1;
        }
        let z = text[z..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| z + i);
        match windows.last_mut() {
            Some(w) if a <= w.end => w.end = w.end.max(z),
            _ => windows.push(a..z),
        }
    }
    let mut out = Vec::new();
    for w in windows {
        let Some(slice) = text.get(w.clone()) else {
            continue;
        };
        out.extend(
            re.find_iter(slice)
                .map(|m| w.start + m.start()..w.start + m.end()),
        );
    }
    out
}

/// The `N` words of the word stream `words` before byte `at`, nearest first, within its
/// sentence ("" where there are fewer): [`crate::text::tail::last_words`], stopped at the
/// sentence's break.
fn words_before_in<const N: usize>(words: &str, at: usize) -> [&str; N] {
    let mut out = [""; N];
    fill_words_before(words, at, &mut out);
    out
}

/// [`words_before_in`] into a slice (built once for every number of words).
fn fill_words_before<'a>(words: &'a str, at: usize, out: &mut [&'a str]) {
    crate::text::tail::fill_last_words(words.get(..at).unwrap_or(words), out);
    // A word with a break in it is only its part after the break, and nothing before it counts.
    if let Some(k) = out.iter().position(|w| w.contains('\n')) {
        out[k] = out[k].rsplit('\n').next().unwrap_or("");
        out[k..].iter_mut().skip(1).for_each(|w| *w = "");
    }
}

/// Words written with a capital at the start of a sentence that are not names.
const NOT_NAMES: &str = concat!(
    "i it this that there here he she they we you what which who life today everything ",
    "nothing everyone everybody someone something the a an my your his her our their and but ",
    "so if when now why how yes no oh well omg lol rt twitter facebook linkedin monday ",
    "tuesday wednesday thursday friday saturday sunday god jesus christmas today's todays ",
    "tomorrows tomorrow yesterday yesterdays everyones lifes its thats whats theres heres ",
    "lets mums dads parents children childrens kids schools councils weeks months years im ",
    "ive youre youve weve theyve theyre hes shes mum mam mom dad nan nana nanna gran granny ",
    "grandma grandad granddad grandpa",
);

/// Whether a whole-word lexicon hit (UTF-16 end `end`) is a word that Twitter cut off when it
/// shortened a retweet: a post with "RT @" before the word, an ellipsis straight after it
/// ("…" or "&#8230;") and nothing after that but links. The whole word is not known, so a
/// whole-word entry may be the start of an innocent one ("stolen from his house last nig…" is
/// "night"). Entries that match the start of words (`fuck*`) are not affected: any completion
/// of them is caught anyway. An ellipsis typed after a word, in a post that is not a shortened
/// retweet, changes nothing.
pub(crate) fn cut_off(doc: &Document, end: u32, entry: &Entry) -> bool {
    const ELLIPSES: [&str; 3] = ["\u{2026}", "&#8230;", "&hellip;"];
    // Cheapest first: this runs for every hit of the word lists, and a long post has many.
    entry.anchor == crate::lexicon::Anchor::Whole
        && doc.text_around(end).is_some_and(|(head, tail)| {
            ELLIPSES
                .iter()
                .find_map(|e| tail.strip_prefix(e))
                .is_some_and(|rest| {
                    rest.split_whitespace()
                        .all(|w| w.starts_with("http://") || w.starts_with("https://"))
                })
                && crate::text::contains(head, "RT @")
        })
}

/// Whether a hit that starts at `start` (UTF-16) is the rest of a word split after its first
/// letter by a hyphen, as in an acrostic ("R-edistributed A-mong T-heir S-upporters": "mong" is
/// "among"): one letter, alone, and a hyphen right before it. Not a stutter ("r-retard"), whose
/// letter is the hit's own first letter.
pub(crate) fn split_after_one_letter(doc: &Document, start: u32) -> bool {
    let Some((head, tail)) = doc.text_around(start) else {
        return false;
    };
    let mut back = head.chars().rev();
    let (Some('-'), Some(letter)) = (back.next(), back.next()) else {
        return false;
    };
    letter.is_ascii_alphabetic()
        && back.next().is_none_or(|c| !c.is_alphanumeric())
        && tail
            .chars()
            .next()
            .is_some_and(|c| !c.eq_ignore_ascii_case(&letter))
}

/// How far around a homograph (bytes of the word stream, either way) its language is judged
/// when its own sentence does not settle it.
const NEIGHBOURHOOD: usize = 200;

/// A list of context words for [`word_near`]: the words, and the first letters (a to z, as
/// bits) that start one of them, built once per list by [`context_words!`].
pub(crate) struct ContextWords {
    words: crate::text::WordSet,
    first: u32,
}

impl ContextWords {
    /// The context words of a space-separated list.
    pub(crate) fn new(list: &'static str) -> ContextWords {
        let words = crate::text::word_set(list);
        let first = words
            .iter()
            .filter_map(|w| w.bytes().next())
            .filter(u8::is_ascii_lowercase)
            .fold(0, |mask, c| mask | 1 << (c - b'a'));
        ContextWords { words, first }
    }

    /// Whether `w` is one of the words: looked up only when its first letter starts one.
    fn contains(&self, w: &[u8]) -> bool {
        w.first()
            .is_some_and(|&c| c.is_ascii_lowercase() && self.first >> (c - b'a') & 1 == 1)
            && std::str::from_utf8(w).is_ok_and(|w| self.words.contains(w))
    }
}

/// The [`ContextWords`] of a constant space-separated list, built once.
macro_rules! context_words {
    ($list:expr) => {{
        static WORDS: std::sync::OnceLock<$crate::rules::ContextWords> = std::sync::OnceLock::new();
        $crate::rules::lazy_context_words(&WORDS, $list)
    }};
}
pub(crate) use context_words;

/// [`context_words!`]'s work, in one function for every list (see [`lazy_regex`]).
pub(crate) fn lazy_context_words(
    cell: &'static std::sync::OnceLock<ContextWords>,
    list: &'static str,
) -> &'static ContextWords {
    cell.get_or_init(|| ContextWords::new(list))
}

/// Whether a word of `words` stands in the sentence of hit `h`, within about `reach` bytes of
/// it either way: the words that give an ambiguous listed word its innocent sense ("hoe" beside
/// "rake", "coon" beside "squirrels", "bitch" beside "puppies", "faggots" beside "gravy").
pub(crate) fn word_near(doc: &Document, h: &Hit, words: &ContextWords, reach: usize) -> bool {
    word_within(doc, h, words, reach, 0)
}

/// Like [`word_near`], but the window may reach over `breaks` sentence ends or line breaks:
/// "Bred my first litter of collies. The bitch, Meg, is a natural mum."
pub(crate) fn word_within(
    doc: &Document,
    h: &Hit,
    words: &ContextWords,
    reach: usize,
    breaks: usize,
) -> bool {
    // Asked of words as common in abusive posts as "bitch" and "hoe": plain windows of the
    // stream rather than `Document::before` (which looks back for the sentence's start), a word
    // cut at a window's edge being no context word, or one.
    let stream = doc.norm.words.as_str().as_bytes();
    let after = stream
        .get(h.end..(h.end + reach).min(stream.len()))
        .unwrap_or_default();
    let before = stream
        .get(h.start.saturating_sub(reach)..h.start)
        .unwrap_or_default();
    // Each side is read outwards; a break beyond the allowed ones ends it.
    let found = |parts: &mut dyn Iterator<Item = &[u8]>| {
        let mut left = breaks;
        for w in parts {
            if w == b"\n" {
                if left == 0 {
                    return false;
                }
                left -= 1;
            } else if words.contains(w) {
                return true;
            }
        }
        false
    };
    found(&mut after.split(|&c| c == b' ')) || found(&mut before.rsplit(|&c| c == b' '))
}

/// Whether a lexicon hit is a word that is ordinary in another language, in a sentence that
/// reads as that language (see [`crate::text::FOREIGN_HOMOGRAPHS`]).
///
/// Asked only through the rules' [`Rule::clears`], whose answers [`Document::cleared`] keeps.
pub(crate) fn foreign_homograph(doc: &Document, h: &Hit, entry: &Entry) -> bool {
    if !crate::text::FOREIGN_HOMOGRAPHS.contains(&entry.norm.as_str()) {
        return false;
    }
    let (before, after) = (
        doc.before(h.start, NEIGHBOURHOOD),
        doc.after(h.end, NEIGHBOURHOOD),
    );
    // A Spanish article or possessive right before it ("el negro", "mis
    // negros") settles it even in a message too short to count words in.
    const DETERMINERS: &[&str] = &["el", "los", "las", "un", "una", "mis", "tus", "sus"];
    let previous = before.split([' ', '\n']).rfind(|w| !w.is_empty());
    if previous.is_some_and(|w| DETERMINERS.contains(&w)) {
        return true;
    }
    // The sentence around the word and, for a sentence too short to tell ("Conocí tus ojos
    // negros. Y ahora si que no puedo vivir sin ellos"), the words around it across
    // sentences (a message does not change language at a full stop), whole words only.
    let words = doc.norm.words.as_str();
    let (from, to) = (h.start - before.len(), h.end + after.len());
    // (Across sentences of the post only: not into the short forms of stretched words written
    // after it, which repeat its words; and from one of those, not out of its own.)
    let main = doc.norm.words_main_len;
    let (floor, ceiling) = if h.start < main {
        (0, main)
    } else {
        (from, to)
    };
    let a = doc.window_start(h.start, NEIGHBOURHOOD, floor);
    let b = doc.window_end(h.end, NEIGHBOURHOOD, ceiling);
    // The word judged is no evidence about itself ("hoe" is a Dutch word too).
    let foreign = |a: usize, b: usize| {
        crate::text::looks_foreign(&[
            words.get(a..h.start).unwrap_or(""),
            words.get(h.end..b).unwrap_or(""),
        ])
    };
    foreign(from, to) || ((a, b) != (from, to) && foreign(a.min(from), b.max(to)))
}

/// The text that each finding of `rule` flags in `text`, checked with the default pack and
/// context: the helper every rule's tests use.
#[cfg(test)]
pub(crate) fn flagged_by(rule: &str, text: &str) -> Vec<String> {
    flagged_in_mode(rule, text, crate::Mode::Personal)
}

/// [`flagged_by`] in an account mode.
#[cfg(test)]
pub(crate) fn flagged_in_mode(rule: &str, text: &str, mode: crate::Mode) -> Vec<String> {
    let ctx = crate::Context {
        mode,
        ..crate::Context::default()
    };
    crate::test_checker()
        .check(text, &ctx)
        .expect("the default checker checks") // ok: tests only
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| crate::text::excerpt(text, f.start, f.end).to_string())
        .collect()
}

/// Whether a word as written is in title case, as names and titles are: a capital first and
/// some small letters after it ("Scunthorpe", "Em"; not "SCUNTHORPE" or "em").
pub(crate) fn title_case(written: &str) -> bool {
    let mut chars = written.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Whether a lower-cased word is a common word that starts sentences, not a name.
pub(crate) fn is_common_word(word: &str) -> bool {
    // This runs on many words of a post: a set with a cheap hash.
    in_set!(NOT_NAMES, word)
}

/// Animals that steal chips and raid bins, first in a sentence with a capital but no one's name:
/// "Seagull stole my chip", "Fox got into the bins again".
const ANIMALS: &str = concat!(
    "seagull seagulls gull gulls fox foxes squirrel squirrels magpie magpies pigeon pigeons ",
    "crow crows badger badgers cat cats dog dogs puppy kitten hamster parrot goat goats sheep ",
    "cow cows horse horses pony deer rabbit hedgehog duck ducks geese goose swan swans monkey ",
    "monkeys"
);

/// Quotation marks, straight and curly, single and double: around a title ("'Brassic'") or a
/// nickname ('Richard "Dick" Brown').
pub(crate) const QUOTES: [char; 6] = ['\'', '"', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}'];

/// The small words of a sentence's frame: pronouns, articles, auxiliaries, prepositions and
/// conjunctions (as the word stream writes them: "thats", "youre").
const SMALL_WORDS: &str = concat!(
    "a an the and or but if so as at by for from in into of off on onto out over to up with ",
    "about above after again against all am are is was were be been being have has had having ",
    "do does did doing i me my myself we our ours ourselves you your yours yourself yourselves ",
    "he him his himself she her hers herself it its itself they them their theirs themselves ",
    "what which who whom this that these those there here when where why how any both each few ",
    "more most other some such no nor not only own same than too very s t can will just don ",
    "should now im youre hes shes thats theyre ive id ill u ur ya yall like"
);

/// Whether one of the words that drove a score (`why`, of `text`), other than the
/// [`SMALL_WORDS`], adds at least [`WORD_EVIDENCE`] to the log-odds on its own.
fn one_word_weighs(text: &str, why: &[crate::classifier::Contribution]) -> bool {
    why.iter().any(|w| {
        w.weight >= WORD_EVIDENCE && text.get(w.start..w.end).is_some_and(|x| !is_small_word(x))
    })
}

/// Whether a word of the stream is one of the [`SMALL_WORDS`] (asked of the words that
/// explain every high score).
pub(crate) fn is_small_word(word: &str) -> bool {
    word_set!(SMALL_WORDS).contains(word)
}

/// Everyday words with a listed word inside them ("cocktail", "brass"): see
/// lexicons/innocent-words.txt.
const INNOCENT_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/innocent-words.txt"));

/// Whether a word of the stream is an everyday word whose letters hold a listed word
/// ([`INNOCENT_WORDS`]): the classifier's character n-grams may read "cock" in "cocktail".
fn is_innocent_word(word: &str) -> bool {
    word_set!(INNOCENT_WORDS).contains(word)
}

/// Words that name who someone is, as told in a self-description or an inclusive list (see
/// [`Document::identity_told`]).
const IDENTITY: &str = concat!(
    "black white brown asian gay gays lesbian bisexual bi trans transgender transgirl transman ",
    "transwoman queer straight heterosexual homosexual jewish jew jews muslim muslims christian ",
    "christians catholic hindu sikh atheist buddhist arab african mexican hispanic latino latina ",
    "chinese indian disabled autistic deaf blind dyslexic male female man woman men women girl ",
    "boy immigrant native british american european biracial mixed religion religions race races ",
    "sexuality gender colour color faith person people"
);

/// The small words that may stand between the opener of a self-description or an inclusive
/// list and an identity word ("I'm *also a proud* …", "no matter *if you're* … *or* …").
const TOLD_BETWEEN: &str = concat!(
    "a an the also very born and or to be myself too half by birth heritage if you youre your ",
    "are r u is not of we all were who what whatever nor either neither they their theyre"
);

/// A lexicon hit as a key: its start, end and entry.
type HitKey = (usize, usize, usize);

/// One text, prepared once for all rules.
pub struct Document<'a> {
    /// The text exactly as given.
    pub text: &'a str,
    /// UTF-16 → byte offsets of `text`, built on first use.
    utf16: std::cell::OnceCell<crate::text::Utf16Index>,
    /// The chunks of the word stream the classifier scores above its threshold, with their
    /// scores and the words that drove them (see [`Document::abusive_chunks`]), on first use.
    scores: std::cell::OnceCell<Scored>,
    /// What [`Document::cleared`] found, by hit (start, end, entry).
    cleared: std::cell::RefCell<Vec<(HitKey, bool)>>,
    pub norm: Normalised,
    /// Every lexicon match.
    pub hits: Vec<Hit>,
    pub lexicon: &'a Lexicon,
}

/// How many words [`Document::explain_chunk`] names.
const EXPLAINED_WORDS: usize = 3;

/// What at least one word of a chunk the classifier scores high, other than the
/// [`SMALL_WORDS`], must add to its log-odds on its own for the chunk to count as abusive.
/// Below it, the score is many weak words added up ("walked into the room, kissed the girl on
/// the cheek, then left"): no word the finding could name says why, and such chunks were mostly
/// harmless. Measured (6 Dec 2026) against no
/// floor: OLID held-out F1 .662 → .666 with its false-positive rate .213 → .163, ETHOS
/// .703 → .708, Davidson held-out unchanged, SemEval anger .702 → .701 (angry tone reads the
/// same chunks). Floors of .3 to .45 gave OLID .664 to .668; at .5 it fell to .657. The same
/// floor judges what is left of a chunk without its innocent words (a keyword such as
/// "liberals" can be the one word that weighs): OLID .666 → .667, its false-positive rate
/// .163 → .159, no other set changed.
const WORD_EVIDENCE: f32 = 0.4;

/// [`Document::abusive_chunks`] and the words that explain each of them to the user (see
/// [`Document::telling`]), in the same order.
#[derive(Default)]
struct Scored {
    chunks: Vec<(std::ops::Range<usize>, f32)>,
    explained: Vec<Vec<crate::classifier::Contribution>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, lexicon: &'a Lexicon) -> Document<'a> {
        Document::reusing(text, lexicon, Normalised::default())
    }

    /// Prepares a text in the memory of an earlier `Normalised` (see [`Document::into_norm`]).
    pub fn reusing(text: &'a str, lexicon: &'a Lexicon, mut norm: Normalised) -> Document<'a> {
        norm.fill(text, Some(lexicon));
        let hits = lexicon.find(norm.words.as_str());
        Document {
            text,
            utf16: std::cell::OnceCell::new(),
            scores: std::cell::OnceCell::new(),
            cleared: std::cell::RefCell::default(),
            norm,
            hits,
            lexicon,
        }
    }

    /// Gives back the normalised text's memory for the next check.
    pub fn into_norm(self) -> Normalised {
        self.norm
    }

    /// The lexicon matches of one owner, with their entry and UTF-16 span.
    pub fn hits_of(&self, owner: Owner) -> impl Iterator<Item = (&Hit, &Entry, (u32, u32))> + '_ {
        self.hits.iter().filter_map(move |h| {
            let e = self.lexicon.entry(h.entry);
            if e.owner != owner {
                return None;
            }
            Some((h, e, self.norm.words.span(h.start..h.end)?))
        })
    }

    /// Where the sentence that holds byte `i` of the word stream starts (after its `\n`).
    pub fn sentence_start(&self, i: usize) -> usize {
        let w = self.norm.words.as_str();
        w.get(..i)
            .and_then(|head| head.rfind('\n'))
            .map_or(0, |k| k + 1)
    }

    /// Where the sentence that holds byte `i` of the word stream ends (at its `\n`, or the
    /// stream's end).
    pub fn sentence_end(&self, i: usize) -> usize {
        let w = self.norm.words.as_str();
        w.get(i..)
            .and_then(|tail| tail.find('\n'))
            .map_or(w.len(), |k| i + k)
    }

    /// The word stream before byte `start`, back to the start of its sentence, at most about
    /// `max` bytes (cut at a word boundary). Starts with a space.
    pub fn before(&self, start: usize, max: usize) -> &str {
        let w = self.norm.words.as_str();
        if w.get(..start).is_none() {
            return "";
        }
        let from = self.window_start(start, max, self.sentence_start(start));
        w.get(from..start).unwrap_or("")
    }

    /// Where a finding that starts with a pattern found in [`Document::before`]`(end, …)` (the
    /// `window`) begins in the original text: the start of the word at `m_start` of the window
    /// (the space before that word, or the window's start), or `fallback` (the start of the hit
    /// the window leads to) if that is earlier or unknown.
    pub fn start_in_window(&self, end: usize, window: &str, m_start: usize, fallback: u32) -> u32 {
        self.norm
            .words
            .span_at(end - (window.len() - m_start) + 1)
            .map_or(fallback, |(s, _)| s.min(fallback))
    }

    /// Where a window of the word stream that reaches back from byte `start` by at most `max`
    /// bytes, and not before byte `floor`, begins, cut to whole words: a window that would begin
    /// inside a word begins at the separator after it (or at `start`). An offset that is not
    /// on a character boundary gives `start` (an empty window), never a panic.
    pub fn window_start(&self, start: usize, max: usize, floor: usize) -> usize {
        let w = self.norm.words.as_str();
        let start = start.min(w.len());
        if !w.is_char_boundary(start) {
            return start;
        }
        let mut from = floor.max(start.saturating_sub(max)).min(start);
        while from < start && !w.is_char_boundary(from) {
            from += 1;
        }
        if from > 0 && !w.get(..from).is_some_and(|h| h.ends_with([' ', '\n'])) {
            // Cut mid-word: drop the partial word.
            from = w
                .get(from..start)
                .and_then(|s| s.find([' ', '\n']))
                .map_or(start, |i| from + i);
        }
        from
    }

    /// Where a window of the word stream that reaches on from byte `end` by at most `max` bytes,
    /// and not past byte `ceiling`, ends, cut to whole words: a window that would end inside a
    /// word ends at the separator before it (or at `end`). An offset that is not on a character
    /// boundary gives `end` (an empty window), never a panic.
    pub fn window_end(&self, end: usize, max: usize, ceiling: usize) -> usize {
        let w = self.norm.words.as_str();
        let end = end.min(w.len());
        if !w.is_char_boundary(end) {
            return end;
        }
        let mut to = ceiling.min(w.len()).min(end.saturating_add(max)).max(end);
        while to > end && !w.is_char_boundary(to) {
            to -= 1;
        }
        if to < w.len() && !w.get(to..).is_some_and(|t| t.starts_with([' ', '\n'])) {
            to = w
                .get(end..to)
                .and_then(|s| s.rfind([' ', '\n']))
                .map_or(end, |i| end + i);
        }
        to
    }

    /// The word stream after byte `end`, up to the end of its sentence, at most about `max`
    /// bytes. Starts with a space when anything follows.
    pub fn after(&self, end: usize, max: usize) -> &str {
        let w = self.norm.words.as_str();
        let Some(tail) = w.get(end..) else { return "" };
        let mut to = tail.find('\n').unwrap_or(tail.len()).min(max);
        while to > 0 && !tail.is_char_boundary(to) {
            to -= 1;
        }
        &tail[..to]
    }

    /// Whether the word of the stream that starts at byte `i` was written with a capital
    /// letter first (a name, in patterns such as "Dave is an idiot").
    pub fn capitalised_at(&self, i: usize) -> bool {
        self.norm
            .words
            .span_at(i)
            .and_then(|(a, b)| self.excerpt(a, b).chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The byte offset in the word stream of `window`, a slice of it (`None` for a string that
    /// starts before it).
    pub fn offset_of(&self, window: &str) -> Option<usize> {
        (window.as_ptr() as usize).checked_sub(self.norm.words.as_str().as_ptr() as usize)
    }

    /// Whether `before` (a slice of the word stream returned by [`Document::before`]) ends with
    /// a capitalised word that is not one of the common words that start a sentence, an animal
    /// ("Seagull stole my chip") or a title in quotes: a name.
    /// `skip_words` words at the end of `before` are passed over first ("Dave is such a " with
    /// `skip_words` 3 looks at "Dave").
    pub fn name_before(&self, before: &str, skip_words: usize) -> bool {
        let Some(offset) = self.offset_of(before) else {
            return false;
        };
        let words: Vec<(usize, &str)> = crate::text::tail::word_offsets(before)
            .filter(|(_, w)| !w.is_empty())
            .map(|(pos, w)| (offset + pos, w))
            .collect();
        let Some(&(at, word)) = words
            .len()
            .checked_sub(skip_words + 1)
            .and_then(|i| words.get(i))
        else {
            return false;
        };

        word.chars().all(char::is_alphabetic)
            && !is_common_word(word)
            && !crate::text::in_list(ANIMALS, word)
            && self.capitalised_at(at)
            && !self.quoted(at..at + word.len())
    }

    /// Whether the word of the stream at `range` is written in quotes, as a title is
    /// ("'Brassic' is filthy and funny").
    fn quoted(&self, range: std::ops::Range<usize>) -> bool {
        self.norm.words.span(range).is_some_and(|(a, b)| {
            // (The span may hold the quotes or stop short of them.)
            let word = self.excerpt(a, b);
            let opens = word.starts_with(QUOTES)
                || self
                    .text_around(a)
                    .is_some_and(|(before, _)| before.ends_with(QUOTES));
            let closes = word.ends_with(QUOTES)
                || self
                    .text_around(b)
                    .is_some_and(|(_, after)| after.starts_with(QUOTES));
            opens && closes
        })
    }

    /// The original text of a UTF-16 span.
    pub fn excerpt(&self, start: u32, end: u32) -> &'a str {
        self.byte_range(start, end)
            .and_then(|r| self.text.get(r))
            .unwrap_or("")
    }

    /// The chunks of the word stream (tweet-sized runs of sentences) that the on-device
    /// classifier scores above its threshold, with their scores. Computed once per check, for
    /// every rule that asks. A chunk whose score comes only from the small words of its frame
    /// ([`SMALL_WORDS`]: "He is a genius!", "She is a player in a band") is not one of them:
    /// the model learnt "he is a" and "those … are" from tweets in which they framed insults,
    /// and what follows them here is no insult it knows. Nor is a chunk whose innocent words
    /// were the evidence ([`Document::without_innocent_words`]).
    pub fn abusive_chunks(&self) -> &[(std::ops::Range<usize>, f32)] {
        &self.scored().chunks
    }

    fn scored(&self) -> &Scored {
        self.scores.get_or_init(|| {
            let Some(model) = crate::classifier::shipped() else {
                return Scored::default();
            };
            let words = self.norm.words.as_str();
            let main = &words[..self.norm.words_main_len.min(words.len())];
            let mut scored = Scored::default();
            // The hits of the lists of what must not be posted, by where they start (a long
            // post has hundreds of chunks and of hits: each chunk looks up its own).
            let mut bad: Vec<(usize, usize)> = self
                .hits
                .iter()
                .filter(|h| self.must_not_post(h))
                .map(|h| (h.start, h.end))
                .collect();
            crate::text::sort_pairs(&mut bad);
            for c in crate::classifier::chunks(main, crate::classifier::CHUNK_BYTES) {
                let text = &main[c.clone()];
                // Scored and explained in one walk where a word of the lexicons of what must not
                // be posted makes a high score likely; elsewhere scored alone, and explained
                // only if it scores high (the same answers either way: this only saves a walk).
                let first = bad.partition_point(|&(s, _)| s < c.start);
                let likely = bad[first..]
                    .iter()
                    .take_while(|&&(s, _)| s < c.end)
                    .any(|&(_, e)| e <= c.end);
                let (p, why) = if likely {
                    model.score_and_explain(text, EXPLAINED_WORDS)
                } else {
                    let p = model.probability(text);
                    (
                        p,
                        (p > model.threshold()).then(|| model.explain(text, EXPLAINED_WORDS)),
                    )
                };
                if let Some(why) = why {
                    // No one word but the small ones carries weight: explained by the frame of
                    // a sentence ("he is a …", "those … are"), which says nothing about its
                    // words, or by many weak words added up, which the words named to the user
                    // could not explain (see [`WORD_EVIDENCE`]).
                    if !one_word_weighs(text, &why) {
                        continue;
                    }
                    // Which of the words that drove the score are innocent, asked once: the
                    // chunk is judged again without them, and they are not named to the user.
                    let innocent = self.innocent_mask(model, c.start, &why);
                    // Without its innocent words the chunk scores what they leave.
                    let p = if innocent == 0 {
                        p
                    } else {
                        match self.without_innocent_words(model, c.clone()) {
                            Some(rest) => rest.min(p),
                            None => continue,
                        }
                    };
                    let telling = self.telling(c.start, why, innocent);
                    scored.chunks.push((c, p));
                    scored.explained.push(telling);
                }
            }
            scored
        })
    }

    /// Whether a lexicon hit is a word of the lists of what must not be posted (obscene,
    /// discriminatory, harassing … words).
    pub(crate) fn must_not_post(&self, h: &Hit) -> bool {
        matches!(self.lexicon.entry(h.entry).owner, Owner::Rule(i)
            if RULES.get(i).is_some_and(|r| r.meta().category == Category::MustNotPost))
    }

    /// Whether a lexicon hit of the lists of what must not be posted is one its rule has cleared
    /// where it stands (see [`Rule::clears`]), or one a phrase of an allow list covers (see
    /// [`Document::allowed`]).
    ///
    /// Worked out once per hit: the rule's own check and the classifier's look at the words
    /// that drove a score both ask.
    pub(crate) fn cleared(&self, h: &Hit) -> bool {
        let key = (h.start, h.end, h.entry);
        if let Some(&(_, known)) = self.cleared.borrow().iter().find(|(k, _)| *k == key) {
            return known;
        }
        // A word of the post written again after it, beside a stretched word ("sooo"), is
        // judged where it stands in the post: only there are all its neighbours.
        let main = self.norm.words_main_len;
        if h.start >= main {
            let span = self.norm.words.span(h.start..h.end);
            let twin = self.hits.iter().find(|t| {
                t.entry == h.entry && t.start < main && self.norm.words.span(t.start..t.end) == span
            });
            if let Some(t) = twin {
                let known = self.cleared(t);
                self.cleared.borrow_mut().push((key, known));
                return known;
            }
        }
        let entry = self.lexicon.entry(h.entry);
        let cleared = matches!(entry.owner, Owner::Rule(i)
            if RULES.get(i).is_some_and(|r| r.meta().category == Category::MustNotPost && r.clears(self, h, entry)))
            || self.allowed(h);
        self.cleared.borrow_mut().push((key, cleared));
        cleared
    }

    /// Whether a phrase of an allow list covers a hit: the list of the rule that owns the hit
    /// ("spotted dick" of obscene-language, "get lost in" of harassment) or the pack's allowed
    /// terms. The findings an allowed phrase covers are dropped whole; this also clears the
    /// hit where a finding reaches beyond the phrase ("he is filthy rich": the finding would
    /// start at "he") and for the classifier, which weighs the words of a chunk.
    fn allowed(&self, h: &Hit) -> bool {
        let Owner::Rule(me) = self.lexicon.entry(h.entry).owner else {
            return false;
        };
        self.allow_lists_covering(h.start, h.end)
            .any(|r| r.is_none() || r == Some(me))
    }

    /// The allow lists (a rule's, or `None` for the pack's allowed terms) whose phrases cover
    /// bytes `a..b` of the word stream.
    fn allow_lists_covering(&self, a: usize, b: usize) -> impl Iterator<Item = Option<usize>> + '_ {
        self.hits
            .iter()
            .filter_map(move |x| match self.lexicon.entry(x.entry).owner {
                Owner::Allow(r) if x.start <= a && b <= x.end => Some(r),
                _ => None,
            })
    }

    /// Whether a chunk of the word stream that the classifier scores above its threshold, with
    /// an innocent word among the words that drove the score (`why`, its explanation), scores
    /// below the threshold once its innocent words are taken out: then those words were the
    /// evidence, and the chunk is not flagged. Five kinds of word are innocent here:
    ///
    /// * **Names.** The classifier reads words and the letters inside them, so a town, a school
    ///   or a person whose name contains or resembles a swear word ("Scunthorpe were brilliant
    ///   today", "Penistone Grammar School") would read as abusive. A name is a word written
    ///   with a capital letter and some small letters (not shouted), all letters, not one of the
    ///   common words that start sentences, not a plural ("Liberals are …" names a group, which
    ///   is what is judged), not a word of the lists of what must not be posted ("You Idiot" is
    ///   not a name), and not a word the model learnt as offensive in itself (its unigram:
    ///   "Hitler", "Satan" stay evidence; the letters inside a name it never learnt,
    ///   "Scunthorpe", do not).
    /// * **The keywords a training set was gathered by** ([`Document::gathered_by`]): OLID's
    ///   "gun control", "liberals", "MAGA". They say what a post is about, not how it says it.
    /// * **Everyday words with a listed word inside them** ([`INNOCENT_WORDS`]): "She hosted a
    ///   cocktail party", "a brass band", "a peacock at the park". The same letters as the
    ///   Scunthorpe problem, in words that are not names.
    /// * **Words of the lists that their rule cleared where they stand** ([`Rule::clears`]):
    ///   "Dick" as a first name ("Dick Turpin"), "el negro" in Spanish, "coon hound", "please
    ///   never kill yourself". The model learnt those words as abuse; the rule that knows them
    ///   has decided they are not, here. (A word cut off by a shortened retweet's ellipsis is
    ///   not cleared: the rules do not judge it, as its whole word is unknown, but its letters
    ///   and the words around it are still the classifier's to weigh.)
    /// * **Who someone is, told rather than judged** ([`Document::identity_told`]): "I'm a
    ///   bisexual woman and a mum", "no matter if you're black or white, gay or straight".
    /// * **Words inside a phrase of an allow list** ([`Document::in_allowed_phrase`]): "The kids
    ///   love Horrible Histories", "Stop Hate UK runs a helpline".
    ///
    /// `None` when they were; otherwise the score of the chunk without them (what the tone
    /// read from it is judged by: "Shut up, that's hilarious 😂" is not hostile for the
    /// "shut up" its rule cleared).
    fn without_innocent_words(
        &self,
        model: &crate::classifier::Classifier,
        chunk: std::ops::Range<usize>,
    ) -> Option<f32> {
        let words = self.norm.words.as_str();
        let innocent = |a: usize, b: usize| self.innocent_word(model, a, b);
        let text = words.get(chunk.clone())?;
        // The chunk without its innocent words, sentence breaks kept.
        let mut rest = String::with_capacity(text.len());
        let mut br = false;
        let mut from = 0;
        for (i, sep) in text
            .bytes()
            .enumerate()
            .filter(|&(_, c)| c == b' ' || c == b'\n')
            .chain(std::iter::once((text.len(), b' ')))
        {
            let (a, b) = (chunk.start + from, chunk.start + i);
            if let Some(word) = text
                .get(from..i)
                .filter(|w| !w.is_empty() && !innocent(a, b))
            {
                if !rest.is_empty() {
                    rest.push(if br { '\n' } else { ' ' });
                }
                rest.push_str(word);
                br = false;
            }
            br |= sep == b'\n';
            from = i + 1;
        }
        // What is left is judged as any chunk is, scored and explained in one walk: below the
        // threshold (no explanation), or with no word but the small ones that weighs enough on
        // its own ("she is a" of "She is a bass player in a band"; see [`WORD_EVIDENCE`]).
        match model.score_and_explain(&rest, EXPLAINED_WORDS) {
            (p, Some(why)) if one_word_weighs(&rest, &why) => Some(p),
            _ => None,
        }
    }

    /// Whether the word of the stream at `a..b` is innocent evidence (see
    /// [`Document::without_innocent_words`]): an identity word told, not judged
    /// ([`Document::identity_told`]); a word with a hit of the lists of what must not be posted
    /// on it that its rule cleared (the refused "kill yourself" of "please never kill yourself"
    /// clears "kill", though threat's list of violent verbs has it too); or, without any such
    /// hit, an everyday word with a listed word inside it ([`is_innocent_word`]), a keyword a
    /// training set was gathered by ([`Document::gathered_by`]) or a name the model did not
    /// learn as a word of abuse.
    fn innocent_word(&self, model: &crate::classifier::Classifier, a: usize, b: usize) -> bool {
        if self.identity_told(a, b) || self.in_allowed_phrase(a, b) {
            return true;
        }
        let mut listed = self
            .hits
            .iter()
            .filter(|h| h.start < b && a < h.end && self.must_not_post(h))
            .peekable();
        if listed.peek().is_some() {
            return listed.any(|h| self.cleared(h) || self.named_as_a_word(h));
        }
        let word = self.norm.words.as_str().get(a..b).unwrap_or("");
        is_innocent_word(word)
            || self.gathered_by(a, b)
            || self.written_as_name(a, b) && !model.knows_word_as_offensive(word)
    }

    /// Whether the word of the stream at `a..b` is inside a phrase of any allow list ("Horrible
    /// Histories" and "Stop Hate UK" of angry-tone's, "spotted dick" of obscene-language's): the
    /// phrase says what the word means there.
    fn in_allowed_phrase(&self, a: usize, b: usize) -> bool {
        self.allow_lists_covering(a, b).next().is_some()
    }

    /// Whether the word of the stream at `a..b` is one of the keywords by which OLID's tweets
    /// were gathered (Zampieri et al. 2019): "conservatives", "antifa", "maga", "liberals", and
    /// "control" of "gun control" ("he is", "she is" and "you are" are [`SMALL_WORDS`]). Each
    /// was in a tenth of the training tweets whatever they said, so the model took it as some
    /// evidence of abuse; naming a political group or topic is none.
    fn gathered_by(&self, a: usize, b: usize) -> bool {
        // Asked of every word of a chunk whose innocent words are taken out: a match, no list.
        match self.norm.words.as_str().get(a..b) {
            Some("control") => self.before(a, 8).ends_with(" gun "),
            Some("conservatives" | "antifa" | "maga" | "liberals") => true,
            _ => false,
        }
    }

    /// Whether the word of the stream at `a..b` names who someone is ([`IDENTITY`]: a race, a
    /// faith, a sexuality, a gender, a disability, an origin) where it is told, not judged: in
    /// a self-description ("I'm a bisexual", "I am proud to be white", "as a black person") or
    /// an inclusive list ("no matter if you're black or white, gay or straight", "regardless
    /// of race or religion", "whether Muslim or Christian"). Only identity words and the small
    /// words of those phrases may stand between the opener and the word: in "I'm black and I
    /// hate whites", "whites" is judged.
    fn identity_told(&self, a: usize, b: usize) -> bool {
        // This runs on the words that drove every high score: sets with a cheap hash.
        let (identity, between) = (word_set!(IDENTITY), word_set!(TOLD_BETWEEN));
        let words = self.norm.words.as_str();
        if !words.get(a..b).is_some_and(|w| identity.contains(w)) {
            return false;
        }
        // Back from the word: each word with the one before it (peeked) and the one after it.
        let mut back = self
            .before(a, 120)
            .rsplit(' ')
            .filter(|w| !w.is_empty())
            .peekable();
        let mut after = "";
        for _ in 0..12 {
            let Some(w) = back.next() else { break };
            let previous = back.peek().copied();
            match w {
                "im" | "iam" | "regardless" | "whether" | "proud" => return true,
                "am" if previous == Some("i") => return true,
                // "as a black person", not "as trivial as women".
                "as" if matches!(after, "a" | "an") => return true,
                "matter" if matches!(previous, Some("no" | "doesnt" | "dont" | "didnt")) => {
                    return true
                }
                w if identity.contains(w) || between.contains(w) => {}
                _ => return false,
            }
            after = w;
        }
        false
    }

    /// Whether the word of the stream at `a..b` is written as a name (see
    /// [`Document::without_innocent_words`]), wherever it stands: capitalised with
    /// some small letters, all letters, not a plural, not a common sentence word.
    pub(crate) fn written_as_name(&self, a: usize, b: usize) -> bool {
        let words = self.norm.words.as_str();
        let Some(word) = words.get(a..b) else {
            return false;
        };
        if !word.chars().all(char::is_alphabetic) || word.ends_with('s') || is_common_word(word) {
            return false;
        }
        let Some((x, y)) = self.norm.words.span(a..b) else {
            return false;
        };
        title_case(self.excerpt(x, y))
    }

    /// Which of the words that drove a score (`why`, of the chunk of the stream at `at`) are
    /// innocent ([`Document::innocent_word`]), as bits (word `i` is bit `i`; `why` holds
    /// [`EXPLAINED_WORDS`] words at most).
    fn innocent_mask(
        &self,
        model: &crate::classifier::Classifier,
        at: usize,
        why: &[crate::classifier::Contribution],
    ) -> u32 {
        why.iter().take(32).enumerate().fold(0, |m, (i, w)| {
            m | u32::from(self.innocent_word(model, at + w.start, at + w.end)) << i
        })
    }

    /// Of the words that drove a score (`why`, of the chunk of the stream at `at`), those
    /// that say why, to be named to the user: not the small words of the sentence's frame
    /// ("their" of "forgot their lunch") nor the innocent ones (the bits of `innocent`, from
    /// [`Document::innocent_mask`]: a keyword such as "liberals", which the score was judged
    /// without), unless nothing else is left to name.
    fn telling(
        &self,
        at: usize,
        mut why: Vec<crate::classifier::Contribution>,
        innocent: u32,
    ) -> Vec<crate::classifier::Contribution> {
        let words = self.norm.words.as_str();
        let keep = why.iter().take(32).enumerate().fold(0u32, |m, (i, w)| {
            let says_why = innocent >> i & 1 == 0
                && words
                    .get(at + w.start..at + w.end)
                    .is_some_and(|x| !is_small_word(x));
            m | u32::from(says_why) << i
        });
        if keep != 0 {
            let mut i = 0;
            why.retain(|_| {
                i += 1;
                keep >> (i - 1) & 1 == 1
            });
        }
        why
    }

    /// The UTF-16 span of the words that drove the classifier's score of a chunk (see
    /// [`Document::abusive_chunks`]), and those words as they were typed.
    pub fn explain_chunk(
        &self,
        chunk: &std::ops::Range<usize>,
    ) -> Option<((u32, u32), Vec<&'a str>)> {
        let scored = self.scored();
        let telling: std::borrow::Cow<[crate::classifier::Contribution]> =
            match scored.chunks.iter().position(|(c, _)| c == chunk) {
                Some(i) => scored.explained.get(i)?.as_slice().into(),
                // A chunk that is not one of `abusive_chunks` is explained on its own.
                None => {
                    let model = crate::classifier::shipped()?;
                    let text = self.norm.words.as_str().get(chunk.clone())?;
                    let why = model.explain(text, EXPLAINED_WORDS);
                    let innocent = self.innocent_mask(model, chunk.start, &why);
                    self.telling(chunk.start, why, innocent).into()
                }
            };
        let spans: Vec<(u32, u32)> = telling
            .iter()
            .filter_map(|c| {
                self.norm
                    .words
                    .span(chunk.start + c.start..chunk.start + c.end)
            })
            .collect();
        let a = spans.iter().map(|s| s.0).min()?;
        let b = spans.iter().map(|s| s.1).max()?;
        Some((
            (a, b),
            spans.iter().map(|&(x, y)| self.excerpt(x, y)).collect(),
        ))
    }

    /// The byte range of the original text that a UTF-16 span covers.
    pub fn byte_range(&self, start: u32, end: u32) -> Option<std::ops::Range<usize>> {
        self.utf16_index().range(start, end)
    }

    /// The `N` words of the stream before byte `at`, nearest first, within its sentence (""
    /// where there are fewer).
    pub(crate) fn words_before<const N: usize>(&self, at: usize) -> [&str; N] {
        words_before_in(self.norm.words.as_str(), at)
    }

    /// Whether a word of the lists is named as a word rather than used: "the word retard",
    /// "words like spaz", "calling someone a spaz is never banter", reported by whom it was said
    /// to ("my son got called a spaz", "they called me a …"), or in quotation marks after a
    /// word of saying ("stop saying “retard”"). Awareness posts do this; so do abusive ones
    /// ("you call someone a fag and then…"), so the word is still flagged, more gently (see
    /// discriminatory-language), and it is no evidence for the classifier.
    pub fn named_as_a_word(&self, h: &Hit) -> bool {
        // Read by hand from the last words before the hit: it runs on every listed word that
        // drives a classifier score, where a regex over the window cost more than the check.
        const CALL: &[&str] = &["call", "calls", "calling", "called"];
        const NOUNS: &[&str] = &["words", "terms", "slurs", "insults", "names"];
        const SAID_TO: &[&str] = &[
            "someone",
            "somebody",
            "anyone",
            "anybody",
            "people",
            "others",
            "kids",
            "children",
            "classmates",
            "me",
            "us",
        ];
        const SAYING: &[&str] = &[
            "say", "says", "saying", "said", "use", "uses", "using", "used", "hear", "hears",
            "hearing", "heard", "shout", "shouts", "shouting", "shouted", "call", "calls",
            "calling", "called", "word", "words", "term", "terms",
        ];
        // Most listed words follow no such word: judged by the last word alone first.
        let [w1, ..] = self.words_before::<1>(h.start);
        let may = matches!(
            w1,
            "a" | "an"
                | "like"
                | "as"
                | "other"
                | "word"
                | "words"
                | "term"
                | "terms"
                | "slur"
                | "slurs"
                | "insult"
                | "insults"
        ) || SAID_TO.contains(&w1)
            || SAYING.contains(&w1);
        if !may {
            return false;
        }
        let [w1, w2, w3, w4] = self.words_before::<4>(h.start);
        // "the word …", "words like …", "words such as …".
        let word = matches!(
            w1,
            "word" | "words" | "term" | "terms" | "slur" | "slurs" | "insult" | "insults"
        );
        if word && matches!(w2, "the" | "that" | "this" | "a")
            || w1 == "like" && NOUNS.contains(&w2)
            || (w2, w1) == ("such", "as") && NOUNS.contains(&w3)
        {
            return true;
        }
        // "calling someone a …", "my son got called a …", "they called me a …" (not "called my
        // son a …": as often the writer's own abuse of him).
        let (v1, v2, v3) = if matches!(w1, "a" | "an") {
            (w2, w3, w4)
        } else {
            (w1, w2, w3)
        };
        let group = match v2 {
            "each" => v1 == "other",
            "other" => matches!(v1, "people" | "kids" | "children"),
            "a" => matches!(v1, "child" | "person" | "classmate"),
            _ => false,
        };
        if CALL.contains(&v2) && SAID_TO.contains(&v1)
            || CALL.contains(&v3) && group
            || v1 == "called"
                && matches!(
                    v2,
                    "was"
                        | "were"
                        | "been"
                        | "got"
                        | "get"
                        | "gets"
                        | "getting"
                        | "being"
                        | "is"
                        | "are"
                )
        {
            return true;
        }
        // In quotation marks after a word of saying: "stop saying “retard”".
        if !SAYING.contains(&w1) {
            return false;
        }
        let Some((a, b)) = self.norm.words.span(h.start..h.end) else {
            return false;
        };
        self.text_around(a)
            .is_some_and(|(t, _)| t.ends_with(['"', '\'', '“', '‘', '«']))
            && self
                .text_around(b)
                .is_some_and(|(_, t)| t.starts_with(['"', '\'', '”', '’', '»']))
    }

    /// The original text before and after UTF-16 offset `at`.
    pub fn text_around(&self, at: u32) -> Option<(&'a str, &'a str)> {
        let r = self.byte_range(at, at)?;
        Some((self.text.get(..r.start)?, self.text.get(r.start..)?))
    }

    /// The UTF-16 offset of a byte offset of the original text (on a character boundary).
    pub fn utf16_at(&self, byte: usize) -> Option<u32> {
        self.utf16_index().unit(byte)
    }

    fn utf16_index(&self) -> &crate::text::Utf16Index {
        self.utf16
            .get_or_init(|| crate::text::Utf16Index::new(self.text))
    }

    /// The UTF-16 span of a byte range of the plain view.
    pub fn plain_span(&self, range: std::ops::Range<usize>) -> Option<(u32, u32)> {
        self.norm.plain.span(range)
    }
}

/// What a rule knows while it checks.
pub struct RuleCx<'a> {
    pub ctx: &'a Context,
    pub pack: &'a PolicyPack,
    /// The rule's place in the registry.
    pub index: usize,
    /// The severity in force (pack and user settings applied).
    pub severity: Severity,
    pub meta: &'static RuleMeta,
    pub state: Option<&'a (dyn Any + Send + Sync)>,
}

impl RuleCx<'_> {
    /// A finding of this rule at this severity and clause.
    pub fn finding(&self, start: u32, end: u32, message: impl Into<String>) -> Finding {
        Finding {
            rule: self.meta.id.into(),
            severity: self.severity,
            clause: self.meta.clause(self.ctx.mode).into(),
            message: message.into(),
            start,
            end,
            kind: None,
            suggestion: None,
        }
    }

    /// A finding of this rule, with its kind and a suggestion, added to `out`: one function for
    /// the rules' many findings (each building its own was 1 KB of the wasm, gzipped).
    #[inline(never)]
    pub fn push(
        &self,
        out: &mut Vec<Finding>,
        start: u32,
        end: u32,
        message: impl Into<String>,
        kind: &'static str,
        suggestion: Option<&'static str>,
    ) {
        let mut f = self.finding(start, end, message);
        f.kind = Some(kind.into());
        f.suggestion = suggestion.map(Into::into);
        out.push(f);
    }

    /// The rule's state, as built by [`Rule::prepare`].
    pub fn state<T: 'static>(&self) -> Option<&T> {
        self.state.and_then(|s| s.downcast_ref::<T>())
    }

    pub fn owner(&self) -> Owner {
        Owner::Rule(self.index)
    }
}

/// Declares a rule: its doc comment and its registry entry, written once.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:tt])*
        pub struct $name:ident {
            id: $id:literal,
            title: $title:literal,
            category: $category:ident,
            clause: ($work:literal, $personal:literal),
            quote: $quote:literal,
            severity: $severity:ident,
            modes: $modes:ident,
            example: $example:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                title: $title,
                category: $crate::rules::Category::$category,
                clause_work: $work,
                clause_personal: $personal,
                quote: $quote,
                severity: $crate::finding::Severity::$severity,
                modes: $crate::rules::Modes::$modes,
                example: $example,
                summary: $crate::rules::first_paragraph!($($doc)*),
                #[cfg(not(target_arch = "wasm32"))]
                doc: concat!($($doc, "\n"),*),
                #[cfg(target_arch = "wasm32")]
                doc: "",
            };
        }

        impl $crate::rules::Described for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}
pub(crate) use declare_rule;

/// The lines of a doc comment (`#[doc = "…"]` values) up to its first empty one, joined by
/// newlines at compile time.
macro_rules! first_paragraph {
    (@[$($line:tt)*]) => { concat!($($line, "\n"),*) };
    (@[$($line:tt)*] "" $($rest:tt)*) => { concat!($($line, "\n"),*) };
    (@[$($line:tt)*] r"" $($rest:tt)*) => { concat!($($line, "\n"),*) };
    (@[$($line:tt)*] $next:tt $($rest:tt)*) => { $crate::rules::first_paragraph!(@[$($line)* $next] $($rest)*) };
    ($($doc:tt)*) => { $crate::rules::first_paragraph!(@[] $($doc)*) };
}
pub(crate) use first_paragraph;

/// The registry: every rule's metadata, in order.
pub fn registry() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).collect()
}

/// The metadata of one rule.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).find(|m| m.id == id)
}

/// The registry index of a rule.
pub(crate) fn index_of(id: &str) -> Option<usize> {
    RULES.iter().position(|r| r.meta().id == id)
}

pub(crate) fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The registry entry as the outside world sees it (CLI `rules --format json`, wasm `rules()`).
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub category_title: &'static str,
    pub clause: String,
    pub clause_work: &'static str,
    pub clause_personal: &'static str,
    pub quote: &'static str,
    pub severity: Severity,
    pub modes: Modes,
    pub description: String,
    pub example: &'static str,
    /// Empty in the wasm (see [`RuleMeta::doc`]), and then left out.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

impl From<&RuleMeta> for RuleInfo {
    fn from(m: &RuleMeta) -> RuleInfo {
        RuleInfo {
            id: m.id,
            title: m.title,
            category: m.category,
            category_title: m.category.title(),
            clause: m.clauses(),
            clause_work: m.clause_work,
            clause_personal: m.clause_personal,
            quote: m.quote,
            severity: m.severity,
            modes: m.modes,
            description: m.description(),
            example: m.example,
            doc: unindent_doc(m.doc),
        }
    }
}

/// Doc comments arrive with one leading space per line.
fn unindent_doc(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The rule table in Markdown, generated from the registry (the README's table).
pub fn markdown_table() -> String {
    let mut out =
        String::from("| rule id | title | severity | clause | accounts |\n|---|---|---|---|---|\n");
    for m in registry() {
        let accounts = match m.modes {
            Modes::Both => "all",
            Modes::Personal => "personal",
            Modes::Work => "work",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.id,
            m.title,
            m.severity,
            m.clauses(),
            accounts
        ));
    }
    out
}

/// The rule reference in Markdown, generated from the registry: `second-thought docs` writes
/// `docs/rules.md` from it, and a test keeps the committed file and the README in step.
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule registry by `second-thought docs`; do not edit by hand.\n\n",
    );
    out.push_str(&markdown_table());
    let mut category = None;
    for m in registry() {
        if category != Some(m.category) {
            category = Some(m.category);
            out.push_str(&format!("\n## {}\n", m.category.title()));
        }
        out.push_str(&format!(
            "\n### `{}`: {}\n\nSeverity **{}**, clause {}, {} accounts.\n\n> {}\n\n{}\n",
            m.id,
            m.title,
            m.severity,
            m.clauses(),
            match m.modes {
                Modes::Both => "all",
                Modes::Personal => "personal",
                Modes::Work => "work",
            },
            m.quote,
            unindent_doc(m.doc)
        ));
    }
    out
}

/// Every rule's doc comment in Markdown, by id, as JSON: `second-thought docs --format json`
/// writes www/rule-docs.json from it (the playground's rules page reads it, the wasm having only
/// the first paragraphs), and a test keeps the committed file in step.
pub fn docs_json() -> String {
    let docs: std::collections::BTreeMap<&str, String> = registry()
        .iter()
        .map(|m| (m.id, unindent_doc(m.doc)))
        .collect();
    let mut out = serde_json::to_string_pretty(&docs).unwrap_or_default();
    out.push('\n');
    out
}

/// The registry as `RuleInfo`s.
pub fn infos() -> Vec<RuleInfo> {
    RULES.iter().map(|r| RuleInfo::from(r.meta())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Context};

    /// `last_words` is the words split at spaces, and `words_before_in` reads the words a scan
    /// back over the bytes reads: spaces skipped, each word back to a space or a break,
    /// stopping at the break.
    #[test]
    fn words_before_in_is_the_scan_back_to_the_sentence() {
        fn scan<const N: usize>(words: &str, at: usize) -> [&str; N] {
            let b = words.as_bytes();
            let mut out = [""; N];
            let mut end = at.min(b.len());
            for slot in &mut out {
                while end > 0 && b[end - 1] == b' ' {
                    end -= 1;
                }
                let mut start = end;
                while start > 0 && b[start - 1] != b' ' && b[start - 1] != b'\n' {
                    start -= 1;
                }
                if start == end {
                    break;
                }
                *slot = words.get(start..end).unwrap_or("");
                end = start;
            }
            out
        }
        let pieces = [
            " ", "  ", "\n", " \n ", "the", "word", "a", "x", "é", "called",
        ];
        let mut seed = 23;
        for i in 0..20_000 {
            let words = crate::text::tests::mix(&mut seed, &pieces, 1 + i % 9);
            // `last_words` is the words split at spaces, the last first.
            let mut want = [""; 4];
            for (slot, w) in want
                .iter_mut()
                .zip(words.rsplit(' ').filter(|w| !w.is_empty()))
            {
                *slot = w;
            }
            assert_eq!(
                crate::text::tail::last_words::<4>(&words),
                want,
                "{words:?}"
            );
            for at in
                (0..=words.len() + 1).filter(|&at| at > words.len() || words.is_char_boundary(at))
            {
                assert_eq!(
                    words_before_in::<4>(&words, at),
                    scan::<4>(&words, at),
                    "{words:?} at {at}"
                );
            }
        }
    }

    /// Over windows around each centre, the same matches as over the whole text, for a pattern
    /// whose matches hold a centre and are short (the money pattern's shape).
    #[test]
    fn find_around_finds_what_the_whole_text_does() {
        let re = regex_lite::Regex::new(r"(?i)[£$€] ?[0-9][0-9,.]*(?: ?k)?(?: contract| deal)?|(?:deal|bid)(?: is| of)+ [£$€][0-9]+")
            .expect("compiles");
        let pieces = [
            "£", "$", "€", "5", "2,4", ".", " ", "k", "contract", "deal", "bid", " is", " of", "x",
            "é", "\u{3000}", "\n",
        ];
        let mut seed = 3;
        let mut found = 0;
        for i in 0..20_000 {
            let text = crate::text::tests::mix(&mut seed, &pieces, 1 + i % 150);
            let centres = text
                .char_indices()
                .filter(|(_, c)| matches!(c, '£' | '$' | '€'))
                .map(|(i, _)| i);
            let want: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(find_around(&re, &text, centres, 60, 40), want, "{text:?}");
            found += want.len();
        }
        assert!(found > 1_000, "{found}");
    }

    /// `before` on the shared word window says what it said when it cut its own window (the
    /// code it had, as the oracle), on texts cut anywhere.
    #[test]
    fn before_on_the_word_window_is_what_it_was() {
        fn old_before<'a>(doc: &'a Document, start: usize, max: usize) -> &'a str {
            let w = doc.norm.words.as_str();
            let Some(head) = w.get(..start) else {
                return "";
            };
            let mut from = doc.sentence_start(start).max(start.saturating_sub(max));
            while from < start && !head.is_char_boundary(from) {
                from += 1;
            }
            let mut s = &head[from..];
            if from > 0 && !head[..from].ends_with([' ', '\n']) {
                s = s.find(' ').map_or("", |i| &s[i..]);
            }
            s
        }
        let lexicon = &crate::test_checker().lexicon;
        let pieces = ["ab", "c", "é", " ", " ", ". ", "word", "\u{1F600}", "you"];
        let mut seed = 11;
        let mut cut = 0;
        for i in 0..3_000 {
            let text = crate::text::tests::mix(&mut seed, &pieces, 1 + i % 60);
            let doc = Document::new(&text, lexicon);
            let w = doc.norm.words.as_str();
            for at in (0..=w.len()).filter(|&k| w.is_char_boundary(k)) {
                for max in [0, 1, 3, 7, 20, 80] {
                    let got = doc.before(at, max);
                    assert_eq!(got, old_before(&doc, at, max), "{w:?} {at} {max}");
                    cut += usize::from(got.len() < at.min(max));
                }
            }
        }
        assert!(cut > 10_000, "{cut}");
    }

    /// Asserts that each text is left alone (no chunk the classifier flags, no finding at all)
    /// and returns how many of them the model alone scores above its threshold.
    fn left_alone(checker: &Checker, texts: &[&str]) -> usize {
        let model = crate::classifier::shipped().expect("the shipped model");
        let mut scored_high = 0;
        for &text in texts {
            let doc = Document::new(text, &checker.lexicon);
            let main = &doc.norm.words.as_str()[..doc.norm.words_main_len];
            scored_high += usize::from(model.probability(main) > model.threshold());
            assert!(doc.abusive_chunks().is_empty(), "{text:?}");
            let found = checker.check(text, &Context::default()).expect("checks");
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
        scored_high
    }

    /// Asserts that `left` are left alone, that the model alone scores at least `min_high` of
    /// them above its threshold (so that the check under test has work to do), and that the
    /// classifier still flags each of `abusive`.
    fn not_evidence(checker: &Checker, left: &[&str], min_high: usize, abusive: &[&str]) {
        let scored_high = left_alone(checker, left);
        assert!(scored_high >= min_high, "{scored_high}");
        for &text in abusive {
            let doc = Document::new(text, &checker.lexicon);
            assert!(!doc.abusive_chunks().is_empty(), "{text:?}");
        }
    }

    /// A name is not evidence of abuse: posts that the classifier scores high only for the
    /// letters inside a town's, a school's or a person's name are not flagged, by it or by the
    /// rules that read it (harassment, angry-tone); an insult beside a name, or a name the model
    /// learnt as a word ("Nazi"), still is.
    #[test]
    fn names_are_not_evidence_of_abuse() {
        let checker = Checker::default();
        let lexicon = &checker.lexicon;
        let model = crate::classifier::shipped().expect("the shipped model");
        let innocent = [
            "Scunthorpe United won 2-0",
            "Scunthorpe were brilliant today",
            "We played Scunthorpe at home on Saturday and lost",
            "Penistone Grammar School",
            "Thanks to everyone at Penistone Grammar School for a great session",
            "Dick Turpin was a highwayman",
        ];
        // The rule has work to do here: the model alone scores some of them high.
        let scored_high = left_alone(&checker, &innocent);
        assert!(scored_high >= 2, "{scored_high}");

        for text in [
            "You are a Nazi",
            "Eric Holder, evil personified",
            "you are a pathetic loser",
        ] {
            let doc = Document::new(text, lexicon);
            assert_eq!(doc.abusive_chunks().len(), 1, "{text:?}");
        }
        // A name a list flags is no name ("You Idiot"), nor is a shouted or plural word.
        let doc = Document::new("You Idiot, Democrats, SCUNTHORPE", lexicon);
        let w = doc.norm.words.as_str();
        for word in ["idiot", "democrats", "scunthorpe"] {
            let a = w.find(word).expect("in the stream");
            assert!(!doc.innocent_word(model, a, a + word.len()), "{word}");
        }
        let a = w.find("idiot").expect("in the stream");
        assert!(doc.written_as_name(a, a + 5), "{w:?}");
        // "Dick" is cleared by obscene-language here, "Turpin" is a name.
        let doc = Document::new("Dick Turpin and Dave", lexicon);
        let w = doc.norm.words.as_str();
        let at = |word: &str| {
            w.find(word)
                .map(|a| doc.innocent_word(model, a, a + word.len()))
        };
        assert_eq!(at("dick"), Some(true));
        assert_eq!(at("turpin"), Some(true));
        assert_eq!(at("and"), Some(false));
        let doc = Document::new("Dick", lexicon);
        assert!(!doc.innocent_word(model, 0, 4));
    }

    /// The small words of a sentence's frame are no evidence of abuse: posts that the model
    /// scores high only for "he is a", "those … are" are not flagged, alone or once an innocent
    /// word is taken out ("She is a bass player in a band"); an insult in the same frame is.
    #[test]
    fn the_frame_of_a_sentence_is_not_evidence() {
        let checker = Checker::default();
        let framed = [
            "He is a genius!",
            "He is a legend",
            "He is a good man.",
            "She is a player in a band",
            "She is a bass player in a band",
        ];
        let abusive = [
            "He is a pathetic loser",
            "she is a stupid cow",
            "Those people are scum",
        ];
        not_evidence(&checker, &framed, 3, &abusive);
        assert!(is_small_word("is") && is_small_word("thats") && !is_small_word("loser"));
    }

    /// A classifier finding names the words that say why, not the small words of the
    /// sentence's frame nor a keyword it was judged without: the highlight covers those words.
    #[test]
    fn an_explanation_names_the_words_that_say_why() {
        let checker = Checker::default();
        let named = |text: &str| -> Vec<String> {
            let doc = Document::new(text, &checker.lexicon);
            let chunks = doc.abusive_chunks();
            assert_eq!(chunks.len(), 1, "{text:?}");
            let ((a, b), words) = doc.explain_chunk(&chunks[0].0).expect("explained");
            for w in &words {
                assert!(
                    doc.excerpt(a, b).contains(w),
                    "{text:?}: {w:?} outside the span"
                );
            }
            words.iter().map(|w| w.to_lowercase()).collect()
        };
        // The model weighs "a" and "such" here, and "liberals" and "maga"; none is named.
        let model = crate::classifier::shipped().expect("the shipped model");
        for (text, small) in [
            ("he is such a moron", "a"),
            ("MAGA people are all idiots", "maga"),
        ] {
            let frame = crate::text::Normalised::new(text, None);
            let w = frame.words.as_str();
            let why = model.explain(w, EXPLAINED_WORDS);
            assert!(why.iter().any(|c| &w[c.start..c.end] == small), "{text:?}");
        }
        assert_eq!(named("he is such a moron"), ["moron"]);
        assert_eq!(named("MAGA people are all idiots"), ["idiots"]);
        assert_eq!(
            named("Liberals are pathetic idiots"),
            ["idiots", "pathetic"]
        );
        assert_eq!(named("shut up you clown"), ["clown", "shut"]);
    }

    /// Many weak words added up are no evidence of abuse: a post the model scores high without
    /// one word that weighs [`WORD_EVIDENCE`] on its own (other than the small words of a
    /// sentence's frame) is not flagged; an insult, which weighs that much alone, is.
    #[test]
    fn many_weak_words_are_not_evidence() {
        let checker = Checker::default();
        let model = crate::classifier::shipped().expect("the shipped model");
        let weak = [
            "Is that the lad who walked into the room, waved at the girl by the door, then left?",
        ];
        for text in weak {
            let words = crate::text::Normalised::new(text, None);
            let why = model.explain(words.words.as_str(), EXPLAINED_WORDS);
            assert!(why.iter().all(|w| w.weight < WORD_EVIDENCE), "{text:?}");
        }
        let abusive = [
            "Is that the loser who walked into the room, then left?",
            "you are a pathetic loser",
        ];
        not_evidence(&checker, &weak, 1, &abusive);
    }

    /// The keywords by which OLID's tweets were gathered are not evidence of abuse: posts about
    /// gun control, liberals or MAGA that the model scores high only for those words are not
    /// flagged; an insult in them is, and "control" elsewhere is an ordinary word.
    #[test]
    fn the_keywords_a_training_set_was_gathered_by_are_not_evidence() {
        let checker = Checker::default();
        let political = [
            "Put your stance on gun control on your website.",
            "How is the gun control working in Chicago?",
            "Gun control anyone? #DisarmHate",
            "Many liberals are. Male and female! Lol",
            "Sleazy CNN afraid of Trump GOP but tough on liberals.",
        ];
        let abusive = [
            "Liberals are pathetic idiots",
            "gun control freaks like you are morons",
        ];
        not_evidence(&checker, &political, 3, &abusive);
        let doc = Document::new("gun control, birth control and liberals", &checker.lexicon);
        let w = doc.norm.words.as_str();
        let first = w.find("control").expect("in the stream");
        let second = w.rfind("control").expect("in the stream");
        assert!(doc.gathered_by(first, first + 7));
        assert!(!doc.gathered_by(second, second + 7));
        let at = w.find("liberals").expect("in the stream");
        assert!(doc.gathered_by(at, at + 8));
    }

    /// The words of an allowed phrase or an idiom are not evidence of abuse: "Horrible
    /// Histories", "Stop Hate UK", "spotted dick", "idiot-proof" and "my boss will murder me"
    /// say what those words mean there; the same words aimed at someone are still flagged.
    #[test]
    fn allowed_phrases_and_idioms_are_not_evidence() {
        let checker = Checker::default();
        let everyday = [
            "The kids love Horrible Histories at the moment.",
            "Stop Hate UK runs a 24 hour helpline.",
            "Spotted dick and custard for pudding today!",
            "That form is now idiot-proof, finally!",
            "My boss will murder me if I'm late again, haha.",
        ];
        let abusive = [
            "My boss is a horrible idiot and I hate him",
            "I will murder you if you are late again, idiot",
        ];
        not_evidence(&checker, &everyday, 3, &abusive);
    }

    /// Everyday words with a listed word or insult inside them are not evidence of abuse: the
    /// letters of "cock" in "cocktail" and "peacock", of "ass" in "brass", of "pathetic" in
    /// "sympathetic", do not make an everyday post read as abusive; the same posts with an
    /// insult in them are still flagged, and a word of the lists is no everyday word.
    #[test]
    fn everyday_words_with_a_listed_word_inside_are_not_evidence() {
        let checker = Checker::default();
        let everyday = [
            "She hosted a cocktail party for the whole team",
            "We saw a peacock at the park with the kids",
            "He's in the brass section of the orchestra",
            "Cocktails with the girls tonight",
            "Scott is a very sympathetic person",
            "She is a familiar player in a band",
            "A very empathetic team",
        ];
        let abusive = [
            "She hosted a cocktail party, the stupid bitch",
            "you are a pathetic loser, peacock",
            "Scott is a very sympathetic person, the pathetic idiot",
        ];
        not_evidence(&checker, &everyday, 5, &abusive);
        for word in [
            "cocktail",
            "peacock",
            "brass",
            "shuttlecock",
            "sympathetic",
            "familiar",
            "dynasty",
        ] {
            assert!(is_innocent_word(word), "{word}");
        }
        for word in [
            "cock",
            "ass",
            "dickhead",
            "badass",
            "assault",
            "pathetic",
            "foolish",
            "stupidity",
            "night club",
            "Cocktail",
            "",
        ] {
            assert!(!is_innocent_word(word), "{word}");
        }
    }

    /// A word of the lists that its rule cleared where it stands is not evidence of abuse
    /// either: the classifier does not flag what the rule that knows the word has let pass
    /// ("please never kill yourself", Spanish "negro", a raccoon), while the same words where
    /// the rule does flag them still count.
    #[test]
    fn words_the_lists_cleared_are_not_evidence_of_abuse() {
        let checker = Checker::default();
        let cleared = [
            "please never kill yourself",
            "Don't ever kill yourself",
            "@aurabogado el negro?",
            "trapped a coon in the barn",
        ];
        let scored_high = left_alone(&checker, &cleared);
        assert!(scored_high >= 2, "{scored_high}");
        for text in ["go kill yourself", "hmu negro"] {
            let found = checker.check(text, &Context::default()).expect("checks");
            assert!(!found.is_empty(), "{text:?}");
        }
    }

    /// Who someone is, told in a self-description or an inclusive list, is not evidence of
    /// abuse: the classifier does not flag it for those words; judged, the same words count.
    #[test]
    fn identity_told_is_not_evidence_of_abuse() {
        let checker = Checker::default();
        let lexicon = &checker.lexicon;
        let model = crate::classifier::shipped().expect("the shipped model");
        let told = [
            ("I'm a bisexual woman and a mum", "bisexual"),
            (
                "It doesn't matter if you're black or white, gay or straight",
                "gay",
            ),
            ("I'm white and Irish", "white"),
            (
                "No matter if you're black or white, everyone is welcome",
                "white",
            ),
            ("As a disabled woman I found the session useful", "disabled"),
            (
                "Whether Jewish, Christian or atheist, all are welcome",
                "atheist",
            ),
        ];
        let mut scored_high = 0;
        for (text, word) in told {
            let doc = Document::new(text, lexicon);
            let w = doc.norm.words.as_str();
            let a = w.find(&format!(" {word} ")).expect("in the stream") + 1;
            assert!(doc.identity_told(a, a + word.len()), "{text:?}");
            let main = &w[..doc.norm.words_main_len];
            scored_high += usize::from(model.probability(main) > model.threshold());
            assert!(doc.abusive_chunks().is_empty(), "{text:?}");
        }
        assert!(scored_high >= 3, "{scored_high}");
        for (text, word) in [
            ("I'm black and I hate whites", "whites"),
            ("they are as stupid as women", "women"),
            ("gay people are disgusting", "gay"),
        ] {
            let doc = Document::new(text, lexicon);
            let w = doc.norm.words.as_str();
            let a = w.find(&format!(" {word} ")).expect("in the stream") + 1;
            assert!(!doc.identity_told(a, a + word.len()), "{text:?}");
        }
    }

    /// The cross-sentence windows keep whole words: "Aa bbb. Cc dd eee" around "cc".
    #[test]
    fn word_windows_keep_whole_words() {
        let lexicon = &crate::test_checker().lexicon;
        let doc = Document::new("Aa bbb. Cc dd eee", lexicon);
        let w = doc.norm.words.as_str();
        let cc = w.find("cc").expect("cc");
        let (a, b) = (cc, cc + 2);
        assert_eq!(&w[doc.window_start(a, 100, 0)..a], w[..a].to_string());
        assert_eq!(&w[b..doc.window_end(b, 100, w.len())], &w[b..]);
        // Reaching into "bbb" starts after it; into "eee", ends before it.
        let last_b = w[..a].rfind('b').expect("b");
        assert_eq!(&w[doc.window_start(a, a - last_b, 0)..a], &w[last_b + 1..a]);
        assert!(!w[last_b + 1..a].contains('b'));
        assert_eq!(&w[b..doc.window_end(b, 5, w.len())], " dd");
        assert_eq!(doc.window_start(a, 100, a - 1), a - 1);
        assert_eq!(doc.window_end(b, 0, w.len()), b);
        // Inside a character: an empty window, not a panic.
        let doc = Document::new("xx 日本 yy ü zz", lexicon);
        let w = doc.norm.words.as_str();
        let inside: Vec<usize> = (0..w.len()).filter(|&k| !w.is_char_boundary(k)).collect();
        assert!(!inside.is_empty(), "{w:?}");
        for i in inside {
            assert_eq!(doc.window_start(i, 100, 0), i);
            assert_eq!(doc.window_end(i, 100, w.len()), i);
            assert_eq!(doc.before(i, 100), "");
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let reg = registry();
        for (i, m) in reg.iter().enumerate() {
            assert!(
                m.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                m.id
            );
            assert!(
                reg[..i].iter().all(|o| o.id != m.id),
                "duplicate id {}",
                m.id
            );
            let d = m.description();
            assert!(d.len() > 30, "{} needs a description", m.id);
            for section in ["## Why", "## Example"] {
                assert!(
                    m.doc.contains(section),
                    "{}'s doc comment needs a '{section}' section",
                    m.id
                );
            }
            assert!(!m.quote.is_empty() && !m.example.is_empty(), "{}", m.id);
            // The summary (all the wasm keeps) is the doc comment's first paragraph.
            assert_eq!(
                m.summary,
                format!("{}\n", m.doc.split("\n\n").next().unwrap_or("")),
                "{}",
                m.id
            );
        }
    }

    /// Every rule's own example is flagged by that rule, in a mode it applies in.
    #[test]
    fn every_example_is_flagged_by_its_rule() {
        let checker = Checker::default();
        for m in registry() {
            if m.id == "custom-term" || m.id == "work-time" {
                continue; // need a custom term / a clock time: tested in their own files
            }
            let mode = if m.modes == Modes::Work {
                Mode::Work
            } else {
                Mode::Personal
            };
            let ctx = Context {
                mode,
                ..Context::default()
            };
            let found = checker.check(m.example, &ctx).expect("checks");
            assert!(
                found.iter().any(|f| f.rule == m.id),
                "{}'s example {:?} gave {found:?}",
                m.id,
                m.example
            );
        }
    }
}
