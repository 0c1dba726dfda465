use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/service-user.txt"));

declare_rule! {
    /// Details that can identify a family or child the service works with: the writer's own
    /// casework ("my client"), and a child or family named with a SEND process, diagnosis or
    /// school.
    ///
    /// In detail: the writer's own
    /// casework ("my client", "a family I'm supporting", "one of my families", "on my
    /// caseload"), and a specific child or family together with a SEND process, diagnosis or
    /// safeguarding detail in the same sentence: "her son's EHCP", "the boy in Year 4 has
    /// ADHD", "Tom's tribunal is next week", "the family has a social worker", or a child with
    /// their school ("Tom at Oakwood Primary has an EHC plan").
    ///
    /// A child may be known without a name: by an age ("an 8 year old in Sandy, EHCP since
    /// 2021", "the 10 year old I'm supporting"), an age in brackets ("Charlotte (13,
    /// Dunstable)") or the family's surname ("the Shah family"), with a SEND process in the
    /// same sentence.
    ///
    /// General information is not flagged: "EHCP workshop for parents next week" names no one,
    /// and "families can appeal to the tribunal" is about families in general. Nor is the
    /// writer's own family: "Our daughter has Down syndrome and starts Year 7", "my son's EHCP
    /// came through" (the casework words still count: "my client's son"). A name counts
    /// when it is written with a capital and followed by "'s", "has", "is", "was", "gets",
    /// "needs" or "attends", but not after "St" (a school or church: "at St Mary's Primary"),
    /// nor a condition named after a person ("Asperger's is no longer a diagnosis"). "My
    /// caseload" alone ("colleagues covered my caseload") tells nothing of anyone on it, "He's"
    /// is a pronoun, not a name, a title in quotes is no child ("'Reservoir Dogs' is 30-odd
    /// years old"), an organisation's possessive is no child's ("the PDA Society's course"),
    /// and ADD and ODD are diagnoses only in capitals ("add me to the class WhatsApp").
    ///
    /// ## Why
    /// The service supports families of children with special educational needs and
    /// disabilities; what it knows of them is confidential personal data. The policy says never
    /// to disclose private or confidential information, nor to invade anyone's privacy.
    ///
    /// ## Clause
    /// Section 2, bullet 3 (and bullet 5: privacy of any person).
    ///
    /// ## Example
    /// "My client's son was refused an EHCP again" is flagged at "My client".
    pub struct ServiceUserDetails {
        id: "service-user-details",
        title: "Details of families the service supports",
        category: MustNotDisclose,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Stop,
        modes: Both,
        example: "My client's son was refused an EHCP again",
    }
}

/// What a sentence holds: the writer's own family, and the person it names (the first named by
/// a word of the list, or else a child's name found in it), once `searched`.
#[derive(Default)]
struct Holds {
    own: bool,
    person: Option<(u32, u32)>,
    searched: bool,
}

/// What each sentence holds, by the sentence's start, with a cheap hash (it runs on every post
/// with a hit).
type BySentence =
    std::collections::HashMap<usize, Holds, std::hash::BuildHasherDefault<crate::text::FnvHasher>>;

const SECTIONS: [&str; 4] = ["client", "person", "process", "own"];
const CLIENT: u32 = 0;
const PERSON: u32 = 1;
const PROCESS: u32 = 2;
/// The writer's own family ("my son", "our daughter").
const OWN: u32 = 3;

impl Rule for ServiceUserDetails {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &SECTIONS, false);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let hits: Vec<_> = doc
            .hits_of(cx.owner())
            .filter(|(h, _, _)| h.start < doc.norm.words_main_len)
            // ADD and ODD are diagnoses only in capitals: "30-odd years", "add it to the list".
            .filter(|&(_, e, (a, b))| {
                !(e.tag == PROCESS && matches!(e.norm.as_str(), "add" | "odd"))
                    || doc.excerpt(a, b).chars().all(|c| c.is_ascii_uppercase())
            })
            .collect();
        if hits.is_empty() {
            return;
        }
        // The sentence of each hit, and what each sentence holds (see `Holds`). Found once: a
        // long post has hundreds of hits, and every process asks after its sentence.
        let sentences: Vec<usize> = hits
            .iter()
            .map(|(h, _, _)| doc.sentence_start(h.start))
            .collect();
        let mut holds = BySentence::default();
        for (&(h, e, span), &s) in hits.iter().zip(&sentences) {
            let held = holds.entry(s).or_default();
            held.own |= e.tag == OWN;
            // "the family fun day", "the child development centre": a word that names a kind
            // of thing after it, not a person.
            let modifier = || {
                doc.after(h.end, 20)
                    .split(' ')
                    .find(|w| !w.is_empty())
                    .is_some_and(|w| super::in_set!(NOT_A_PERSON_AFTER, w))
            };
            if e.tag == PERSON && held.person.is_none() && !modifier() {
                held.person = Some(span);
                held.searched = true;
            }
        }
        // The words of the processes themselves are no names ("Down's syndrome").
        let processes: Vec<std::ops::Range<usize>> = hits
            .iter()
            .filter(|(_, e, _)| e.tag == PROCESS)
            .map(|(h, _, _)| h.start..h.end)
            .collect();
        for (&(h, entry, (a, b)), &s) in hits.iter().zip(&sentences) {
            match entry.tag {
                CLIENT => {
                    cx.push(
                        out,
                        a,
                        b,
                        format!("“{}” points to a family the service supports. The policy says never to disclose confidential information about them.", doc.excerpt(a, b)),
                        "casework",
                        Some("Leave out anything about the people you support."),
                    );
                }
                PROCESS => {
                    let held = holds.entry(s).or_default();
                    // "Our daughter has Down syndrome": the writer's own family is no family
                    // the service supports.
                    if held.own {
                        continue;
                    }
                    // A sentence is searched for a child's name at most once.
                    if !held.searched {
                        held.person = named_child(doc, s, h.start, &processes)
                            .or_else(|| described_child(doc, s, h.start));
                        held.searched = true;
                    }
                    let Some((pa, pb)) = held.person else {
                        continue;
                    };
                    let (from, to) = (pa.min(a), pb.max(b));
                    cx.push(
                        out,
                        from,
                        to,
                        format!(
                            "“{}” can identify a child or family and their {}. The policy says never to disclose confidential information about the people the service supports.",
                            doc.excerpt(from, to),
                            doc.excerpt(a, b)
                        ),
                        "identifiable",
                        Some("Leave out who it is about, or the detail."),
                    );
                }
                _ => {}
            }
        }
    }
}

/// A child or family described closely enough to be known, in the sentence that starts at
/// byte `s` of the word stream (holding byte `at`): an age ("an 8 year old in Sandy", "the 10
/// year old I'm supporting", "9yo boy"; not "my 8 year old", nor "5 year olds" in general),
/// an age in brackets after a name or a place ("Charlotte (13, Dunstable)", "Mason (5, Potton
/// Lower)"), or a family by its surname ("the Shah family", "the J family"). The span of the
/// description, in UTF-16 units.
fn described_child(doc: &Document, s: usize, at: usize) -> Option<(u32, u32)> {
    let words = doc.norm.words.as_str();
    let end = doc.sentence_end(at);
    let sentence = words.get(s..end)?;
    let digits = sentence.bytes().any(|b| b.is_ascii_digit());
    if digits && crate::text::contains_any(sentence, &[" old", "yo"]) {
        if let Some(r) = age_of_child(sentence) {
            return doc.norm.words.span(s + r.start..s + r.end);
        }
    }
    // The brackets are gone from the word stream: the original text of the sentence.
    if digits {
        let (a, b) = doc.norm.words.span(s..end)?;
        let original = doc.excerpt(a, b);
        let bracket = regex!(r"\(\s*\d{1,2}\s*(?:,|yo\b|yrs?\b|years\b)");
        if let Some(m) = original
            .contains('(')
            .then(|| bracket.find(original))
            .flatten()
        {
            let start = a + original[..m.start()].encode_utf16().count() as u32;
            return Some((start, start + m.as_str().encode_utf16().count() as u32));
        }
    }
    if !crate::text::contains(sentence, " family") {
        return None;
    }
    let family = regex!(r"(?:^| )the (\S+) family(?: |$)");
    let m = family.captures(sentence)?;
    let name = m.get(1)?;
    let whole = m.get(0)?;
    let capital = doc.capitalised_at(s + name.start());
    (capital && !super::is_common_word(name.as_str()))
        .then(|| {
            let from = whole.start() + usize::from(whole.as_str().starts_with(' '));
            let to = whole.end() - usize::from(whole.as_str().ends_with(' '));
            doc.norm.words.span(s + from..s + to)
        })
        .flatten()
}

/// Where, in `sentence` (words of the word stream), a child's age is given: "8 year old",
/// "an 8 yr old", "the 10 year old", "9yo", "9 yo"; not "my 8 year old" (the writer's own) nor
/// "5 year olds" (children of an age in general). A walk over the words.
fn age_of_child(sentence: &str) -> Option<std::ops::Range<usize>> {
    let ws: Vec<(usize, &str)> = crate::text::tail::word_offsets(sentence).collect();
    let word = |k: usize| ws.get(k).map_or("", |x| x.1);
    for (k, &(_, w)) in ws.iter().enumerate() {
        let n = w.strip_suffix("yo").unwrap_or(w);
        if !(1..=2).contains(&n.len()) || !n.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let last = if n.len() < w.len() {
            k
        } else {
            match (word(k + 1), word(k + 2)) {
                ("yo", _) => k + 1,
                ("year" | "yr" | "years", "old") => k + 2,
                _ => continue,
            }
        };
        let before = |j: usize| k.checked_sub(j).map_or("", word);
        if matches!(before(1), "my" | "our") || matches!(before(2), "my" | "our") {
            continue;
        }
        let first = if matches!(before(1), "a" | "an" | "the" | "this" | "that" | "one") {
            k - 1
        } else {
            k
        };
        let (a, _) = ws[first];
        let (e, ew) = ws[last];
        return Some(a..e + ew.len());
    }
    None
}

/// The words after "the family", "the child" that make them a kind of thing: "the family fun
/// day", "the child development centre".
const NOT_A_PERSON_AFTER: &str = concat!(
    "fun day days room home car business friendly support hub hubs centre center event ",
    "events service services information liaison court law development protection benefit ",
    "benefits tree nights night workshop workshops evening evenings forum forums group groups ",
    "session sessions network panel council coffee"
);

/// What a child's name may be followed by: "Tom has", "Tom's", "Tom attends" (the words
/// [`is_verb`] matches, listed for the tests that hold it to them).
#[cfg(test)]
const VERBS: &[&str] = &[
    "s", "has", "is", "was", "gets", "got", "needs", "attends", "goes", "went", "had", "hasnt",
    "isnt", "wasnt",
];
/// The last words of an organisation's name, which are no child's name ("The Down's Syndrome
/// Association has …", "Mencap's Trust is …").
const ORGANISATION_WORDS: &str = concat!(
    "association society trust foundation charity council service services team group network ",
    "forum partnership alliance centre center agency institute federation union board ",
    "department office nhs"
);
/// Words of job titles and of the name of SEN itself, which are capitalised but name a role or
/// a kind of need, not a child (their plurals too): "Our Family Support Worker is the person
/// who arranges SEN support", "A SENCo (Special Educational Needs Co-ordinator) is the teacher
/// who co-ordinates SEN support" ("Educational" before "needs" is no child who needs
/// something).
const TITLE_WORDS: &str = concat!(
    "special educational additional worker coordinator ordinator officer manager lead adviser ",
    "advisor assistant practitioner specialist consultant director head teacher tutor governor ",
    "trustee volunteer champion psychologist therapist nurse doctor paediatrician senco chair ",
    "secretary administrator supervisor mentor navigator caseworker keyworker partner"
);
/// Conditions named after a person, as the word stream writes them with "'s": "Asperger's is no
/// longer used as a diagnosis" names no child. (And Santa: "Santa's grotto" names none either.)
const EPONYMS: &str = concat!(
    "asperger aspergers tourette tourettes downs crohn crohns parkinson parkinsons alzheimer ",
    "alzheimers rett retts angelman angelmans perthes duchenne duchennes hirschsprung ",
    "hirschsprungs kawasaki prader willi klinefelter klinefelters santa santas"
);
/// The words of a school's name after its place: "at Oakwood Primary".
const SCHOOL: &[&str] = &[
    "primary", "academy", "school", "college", "infants", "juniors", "lower", "middle", "upper",
    "nursery", "high",
];

/// The next word of `rest` (a window of the word stream that starts with a space), and whether
/// a space follows it.
fn next_word(rest: &str) -> Option<(&str, bool)> {
    let r = rest.strip_prefix(' ')?;
    Some(r.split_once(' ').map_or((r, false), |(w, _)| (w, true)))
}

/// "Tom has ", "Tom attends ": a verb about the name, and a space after it (the regex
/// `^ (?:s|has|…) `).
fn verb_next(rest: &str) -> bool {
    next_word(rest).is_some_and(|(w, spaced)| spaced && is_verb(w))
}

/// Whether `w` is a verb a child's name may be followed by (a match on the word, not a walk
/// through a list: it runs on every word of a sentence that has a SEND process word).
fn is_verb(w: &str) -> bool {
    is_verb_bytes(w.as_bytes())
}

/// [`is_verb`] of the bytes of a word.
fn is_verb_bytes(w: &[u8]) -> bool {
    matches!(
        w,
        b"s" | b"has"
            | b"is"
            | b"was"
            | b"gets"
            | b"got"
            | b"needs"
            | b"attends"
            | b"goes"
            | b"went"
            | b"had"
            | b"hasnt"
            | b"isnt"
            | b"wasnt"
    )
}

/// The words of a sentence of the word stream (split at single spaces, so empty where two
/// spaces meet), each with whether the next is a verb with a space after it: what
/// [`verb_ahead`] says of the rest of the stream after the word, worked out as the walk goes
/// instead of read again for every word. (After a sentence's last word the stream has its
/// break or its end, and no verb.)
fn verbs_after(sentence: &[u8]) -> impl Iterator<Item = (&[u8], bool)> {
    let mut pieces = sentence.split(|&c| c == b' ');
    let mut cur = pieces.next();
    let mut next = pieces.next();
    std::iter::from_fn(move || {
        let word = cur?;
        let after = pieces.next();
        let verb = after.is_some() && next.is_some_and(is_verb_bytes);
        cur = next;
        next = after;
        Some((word, verb))
    })
}

/// What [`verb_next`] needs, tested on the rest of the word stream without cutting a window
/// first: a space, a verb, a space. True whenever `verb_next` is true of a window that starts
/// where `tail` does. (The walk works it out as it goes: [`verbs_after`], tested against this.)
#[cfg(test)]
fn verb_ahead(tail: &str) -> bool {
    let b = tail.as_bytes();
    b.first() == Some(&b' ')
        && b.iter()
            .skip(1)
            .take(8)
            .position(|&c| c == b' ')
            .and_then(|j| tail.get(1..1 + j))
            .is_some_and(is_verb)
}

/// "at Oakwood Primary", "at Oakwood School's": a school word, and the word ends there (the
/// regex `^ (?:primary|…)\b`).
fn school_next(rest: &str) -> bool {
    next_word(rest).is_some_and(|(w, _)| {
        SCHOOL.iter().any(|s| {
            w.strip_prefix(s)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
    })
}

/// A child's name in the sentence that starts at byte `s` of the word stream and contains a
/// process word at `at`: a capitalised word followed by "'s" or a verb about them, or a name
/// with a school ("at Oakwood Primary"); not a word of a process itself (`processes`: "Down's"
/// of "Down's syndrome").
fn named_child(
    doc: &Document,
    s: usize,
    at: usize,
    processes: &[std::ops::Range<usize>],
) -> Option<(u32, u32)> {
    let words = doc.norm.words.as_str();
    let end = doc.sentence_end(at);
    let sentence = &words[s..end];
    // Only the processes of this sentence can hold one of its words (a long post has hundreds).
    let processes: Vec<_> = processes
        .iter()
        .filter(|p| p.start < end && s < p.end)
        .collect();
    let mut pos = s;
    let mut first = true;
    // Split at spaces as bytes (a space is never inside a character), each word with whether
    // a verb follows it (see `verbs_after`).
    for (wb, verb_after) in verbs_after(sentence.as_bytes()) {
        let at_word = pos;
        pos += wb.len() + 1;
        let Some(w) = words.get(at_word..at_word + wb.len()) else {
            continue;
        };
        if w.is_empty() || w == "\n" || processes.iter().any(|p| p.contains(&at_word)) {
            continue;
        }
        let was_first = std::mem::replace(&mut first, false);
        // What the word needs around it to count, read from the word stream before its
        // original text is looked up (which costs more): "'s" at its end (the stream drops the
        // apostrophe: "toms"), a verb after it, or " at " before it.
        let at_school = at_word > s && words[..at_word].ends_with(" at ");
        if !(w.ends_with('s') || at_school || verb_after) {
            continue;
        }
        if !w.chars().all(char::is_alphabetic) || w.len() < 2 {
            continue;
        }
        let Some((a, b)) = doc.norm.words.span(at_word..at_word + w.len()) else {
            continue;
        };
        let original = doc.excerpt(a, b);
        // A name: capital then lower case ("Tom", not "EHCP" or "ADHD"). Tested before the
        // list of common words: most words are not capitalised.
        let mut chars = original.chars();
        if !(chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase() || c == '\'' || c == '’'))
            || super::is_common_word(w)
            || super::in_set!(ORGANISATION_WORDS, w)
            || super::in_set!(TITLE_WORDS, w.strip_suffix('s').unwrap_or(w))
        {
            continue;
        }
        // A saint's name is a school's or a church's: "at St Mary's Primary".
        let before = &words[s..at_word];
        if before.ends_with("st ") || before.ends_with("saint ") {
            let w0 = before.trim_end().rsplit(' ').next().unwrap_or("");
            if matches!(w0, "st" | "saint") {
                continue;
            }
        }
        let possessive = original.ends_with("'s") || original.ends_with("’s");
        // "He's autistic", "That's ADHD for you": a pronoun and "is", no name. A society's or
        // a trust's course names no child ("the PDA Society's course").
        if possessive
            && w.strip_suffix('s').is_some_and(|stem| {
                super::in_set!("he she it that there here who what where let", stem)
                    || super::in_set!(ORGANISATION_WORDS, stem)
            })
        {
            continue;
        }
        // A title in quotes ("'Reservoir Dogs' is 30-odd years old", "'Brassic' is"): a quote
        // opens a word before it on its line, and one closes after it.
        use super::QUOTES;
        let closed = original.ends_with(QUOTES)
            || doc
                .text_around(b)
                .is_some_and(|(_, t)| t.starts_with(QUOTES));
        let opened = || {
            doc.text_around(a).is_some_and(|(before, _)| {
                let line = before.rsplit('\n').next().unwrap_or("");
                // (The last 40 characters, cut at a character boundary.)
                let from = line.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
                let near = &line[from..];
                near.char_indices().any(|(i, c)| {
                    QUOTES.contains(&c)
                        && near[..i]
                            .chars()
                            .next_back()
                            .is_none_or(char::is_whitespace)
                })
            })
        };
        if !possessive && closed && opened() {
            continue;
        }
        // A capital at the start of a sentence says nothing; "Tom's" there still does.
        if was_first && !possessive {
            continue;
        }
        let rest = doc.after(at_word + w.len(), 30);
        if (possessive || verb_next(rest) || (at_school && school_next(rest)))
            && !super::in_set!(EPONYMS, w)
        {
            return Some((a, b));
        }
    }
    None
}

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("service-user-details", text)
    }

    /// `verbs_after` says for each word of a sentence what `verb_ahead` says of the stream
    /// after it, the sentence followed by a break, by more of the stream or by nothing.
    #[test]
    fn verbs_after_agrees_with_verb_ahead() {
        let mut pieces: Vec<&str> = vec!["tom", "x", "", "é", "attends", "hasnt", "hass"];
        pieces.extend(super::VERBS);
        let mut seed = 17;
        let mut verbs = 0;
        for i in 0..20_000 {
            let words: Vec<String> = (0..1 + i % 7)
                .map(|_| crate::text::tests::mix(&mut seed, &pieces, 1))
                .collect();
            let sentence = words.join(" ");
            let stream = match i % 3 {
                0 => sentence.clone(),
                1 => format!("{sentence} \n has more"),
                _ => format!("{sentence}\nhas more"),
            };
            // As `named_child` cuts it: up to the break.
            let sentence = &stream[..stream.find('\n').unwrap_or(stream.len())];
            let mut at = 0;
            for (w, verb) in super::verbs_after(sentence.as_bytes()) {
                let want = super::verb_ahead(&stream[at + w.len()..]);
                assert_eq!(verb, want, "{stream:?} at {at}");
                verbs += usize::from(want);
                at += w.len() + 1;
            }
        }
        assert!(verbs > 2000, "{verbs}");
    }

    /// The word tests say what the regexes they replaced said (the regex crate's, with its
    /// Unicode `\b`), on windows made of the words that matter.
    #[test]
    fn next_word_tests_agree_with_the_regexes_they_replaced() {
        let alt = |w: &[&str]| w.join("|");
        let verb = regex::Regex::new(&format!("^ (?:{}) ", alt(super::VERBS))).expect("compiles");
        let school =
            regex::Regex::new(&format!(r"^ (?:{})\b", alt(super::SCHOOL))).expect("compiles");
        let mut pieces: Vec<&str> = vec![" ", "x", "é", "'s", "_", "1", "\u{a0}"];
        pieces.extend(super::VERBS);
        pieces.extend(super::SCHOOL);
        let (mut verbs, mut schools) = (0, 0);
        let mut seed = 5;
        for i in 0..20_000 {
            // A window after a name starts with a space; now and then one that does not.
            let lead = if i % 10 == 0 { "" } else { " " };
            let rest = format!(
                "{lead}{}",
                crate::text::tests::mix(&mut seed, &pieces, 1 + i % 6)
            );
            assert_eq!(
                super::verb_next(&rest),
                verb.is_match(&rest),
                "verb in {rest:?}"
            );
            assert_eq!(
                super::school_next(&rest),
                school.is_match(&rest),
                "school in {rest:?}"
            );
            // The uncut look-ahead never misses what the window's test finds, in the whole
            // rest or in any window cut from it (the rule cuts at 30 bytes or a line end).
            for cut in (0..=rest.len()).filter(|&c| rest.is_char_boundary(c)) {
                if super::verb_next(&rest[..cut]) {
                    assert!(super::verb_ahead(&rest), "verb ahead in {rest:?}");
                }
            }
            verbs += usize::from(verb.is_match(&rest));
            schools += usize::from(school.is_match(&rest));
        }
        assert!(verbs > 200 && schools > 200, "{verbs} {schools}");
        for w in super::VERBS {
            assert!(super::is_verb(w), "{w}");
            assert!(!super::is_verb(&format!("{w}s")) || super::VERBS.contains(&&*format!("{w}s")));
        }
        for w in [
            "", "ha", "hass", "attend", "iss", "S", "Has", "was ", " was",
        ] {
            assert!(!super::is_verb(w), "{w:?}");
        }
    }

    #[test]
    fn casework_and_identifiable_children() {
        assert_eq!(
            flagged("My client's son was refused an EHCP again"),
            ["My client's"]
        );
        assert_eq!(
            flagged("A family I'm supporting got bad news"),
            ["A family I'm supporting"]
        );
        assert_eq!(
            flagged("Her son has ADHD and was excluded"),
            ["Her son has ADHD and was excluded"]
        );
        assert_eq!(
            flagged("So proud: Tom's EHCP finally came through"),
            ["Tom's EHCP"]
        );
        assert_eq!(
            flagged("The boy in Year 4 has a social worker"),
            ["The boy in Year 4 has a social worker"]
        );
        assert_eq!(
            flagged("Great news, Tom's ADD diagnosis came through"),
            ["Tom's ADD diagnosis"]
        );
    }

    #[test]
    fn general_information_is_not_flagged() {
        for t in [
            "EHCP workshop for parents next week",
            "Long day but worth it, the parents' workshop was amazing #EHCP",
            "Families can appeal to the tribunal",
            "Our safeguarding training is on Monday",
            "What is SEN support? Read our guide",
            "Autism awareness week starts today",
            "Our daughter has Down syndrome and starts Year 7 in September",
            "Grateful to my colleagues who covered my caseload while I was unwell",
            "Out at St Mary's Primary today talking to parents about SEN Support",
            "Asperger's is no longer used as a diagnosis in the DSM-5",
            // A second probe of harmless posts: a pronoun and "is", a title in quotes, a
            // society's course, ODD and ADD only in capitals.
            "The bin men stop to chat to my son. He's autistic and loves bin lorries",
            "'Reservoir Dogs' is 30-odd years old",
            "Three days of training this week: the PDA Society's professional course",
            "Tom's add-on for the trip is paid",
            "So proud: my son Tom's EHCP finally came through",
            "The Down's Syndrome Association has great resources for new parents",
            // Job titles and the name of SEN, capitalised: no child's name.
            "A SENCo (Special Educational Needs Co-ordinator) is the teacher who co-ordinates SEN support in a school.",
            "Our Family Support Worker is the person who arranges SEN support for families.",
            "Santa's grotto has quiet hours for children with sensory processing differences",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    /// More ways of saying "a family I support" ("a family I'm helping", "a parent on my
    /// books"); "on my books" alone is reading.
    #[test]
    fn more_casework_phrases() {
        assert_eq!(
            flagged("a family I'm helping has just had their EHCP refused"),
            ["a family I'm helping"]
        );
        assert_eq!(flagged("a parent on my books rang"), ["parent on my books"]);
        assert!(flagged("three novels on my books list").is_empty());
        assert_eq!(
            flagged("The girl I'm supporting in Year 9 has been excluded again"),
            ["The girl I'm supporting in Year 9 has been excluded"]
        );
    }

    /// A child described closely enough to be known: an age, an age in brackets, a family by
    /// its surname; not the writer's own child, nor children of an age in general.
    #[test]
    fn described_children() {
        assert_eq!(
            flagged("Case of the week: 8 year old in Sandy, EHCP since 2021"),
            ["Case of the week", "8 year old in Sandy, EHCP"]
        );
        assert_eq!(
            flagged("A painting from Charlotte (13, Dunstable) to say thanks for her EHCP"),
            ["(13, Dunstable) to say thanks for her EHCP"]
        );
        assert_eq!(
            flagged("Tribunal date set for the Shah family"),
            ["Tribunal date set for the Shah family"]
        );
        for t in [
            "My 8 year old has ADHD and loves Lego",
            "EHCP workshop for parents of 5 year olds",
            "The family fun day raised £300 for autism awareness",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
