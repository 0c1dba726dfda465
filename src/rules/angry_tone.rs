use super::{declare_rule, index_of, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/angry.txt"));

declare_rule! {
    /// Signs of writing while angry or upset: shouting in capitals, "!!!", angry emoji,
    /// angry wording ("I'm furious") and a hostile tone.
    ///
    /// The signs in detail: shouting in capitals ("THIS IS A JOKE"), runs of exclamation marks
    /// ("!!!", "?!?!"), angry emoji (😡 🤬 😠 💢 🖕) and faces (">:("), and angry or
    /// distressed wording ("I'm furious", "sick of", "how dare", "fuming", "fed up",
    /// "disgraceful", "getting on my nerves", "cheesed off"), but not where a phrase says
    /// something else ("Anti-Bullying Week", "hate crime", "the terrible twos", "all the
    /// rage", "a pint of bitter", "boiling water"). Milder words ("ridiculous", "pathetic",
    /// "useless") count only with a second sign: another angry
    /// word, shouting, "!!!", an angry emoji or swearing; so do words with an innocent sense
    /// ("offence" is also a team's attack and "no offence" softens; "pissed" alone is British
    /// for drunk, "pissed off" is not). Capitals and "!!!" also mean
    /// excitement ("GREAT NEWS!!!"), so on their own they count only when extreme (five or more
    /// words shouted, six or more marks) and not in a cheerful post ("HAPPY NEW YEAR EVERYONE,
    /// SEE YOU IN JANUARY", "So excited!!!!!!"); with any angry or negative word they always
    /// count.
    /// A post that the on-device classifier reads as hostile (see `harassment`) is flagged too,
    /// explained by the words that drove the score: hostility is how anger reads to others.
    ///
    /// Shouting means at least two words in a row in capitals with three or more letters each
    /// and at least eight capital letters in all, so acronyms ("SEND", "EHCP", "NHS") are not
    /// shouting.
    ///
    /// ## Why
    /// The policy asks you never to contribute to a discussion when angry or upset, and to come
    /// back to it when you can contribute calmly: once it is out there it cannot be taken back.
    ///
    /// ## Clause
    /// Section 2, bullet 6 (work accounts); section 3, bullet 4 (personal accounts).
    ///
    /// ## Example
    /// "I am SO SICK of this council!!!" is flagged at "sick of" and "!!!".
    pub struct AngryTone {
        id: "angry-tone",
        title: "Writing while angry",
        category: HowAndWhen,
        clause: ("2.6", "3.4"),
        quote: "Never contribute to a discussion if you are angry or upset, return to it later when you can contribute in a calm and rational manner.",
        severity: Warn,
        modes: Both,
        example: "I am SO SICK of this council!!!",
    }
}

const SECTIONS: [&str; 2] = ["strong", "mild"];
const STRONG: u32 = 0;
const MILD: u32 = 1;
/// The classifier score from which a chunk reads as hostile enough to be a sign of anger
/// (higher than the classifier's own threshold: "ridiculous fun" is not angry).
const HOSTILE: f32 = 0.65;
const ANGRY_EMOJI: [char; 7] = ['😡', '😠', '🤬', '👿', '💢', '😤', '🖕'];

/// Words of good wishes and delight, which make capitals and "!!!" read as excitement.
const CHEERFUL: &str = concat!(
    "happy congratulations congrats congratulate excited exciting thank thanks thankyou love ",
    "loved proud amazing brilliant great wonderful fantastic awesome best yay woohoo hooray ",
    "celebrate celebrating welcome won win winner winners delighted thrilled beautiful lovely ",
    "merry christmas birthday cheers"
);

/// Emoji of delight (a party, smiles, hearts for eyes).
const CHEERFUL_EMOJI: [char; 6] = ['🎉', '🥳', '😍', '🥰', '😊', '😃'];

/// Whether a post has a word of [`CHEERFUL`] or an emoji of [`CHEERFUL_EMOJI`] (asked only of
/// the rare post whose capitals or marks are extreme).
fn cheerful(doc: &Document, text: &str) -> bool {
    doc.norm
        .words
        .as_str()
        .split([' ', '\n'])
        .any(|w| crate::text::in_list(CHEERFUL, w))
        || text.chars().any(|c| CHEERFUL_EMOJI.contains(&c))
}

/// The angry faces typed as text: ">:(" and ">:-(" (also as "&gt;:(" where a site escaped
/// them), with their byte spans. Found from the colons, so the text is read once.
fn angry_faces(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    memchr::memchr_iter(b':', b)
        .filter_map(|i| {
            let start = if i >= 1 && b[i - 1] == b'>' {
                i - 1
            } else if i >= 4 && &b[i - 4..i] == b"&gt;" {
                i - 4
            } else {
                return None;
            };
            let mouth = match b.get(i + 1..) {
                Some([b'(', ..]) => 2,
                Some([b'-', b'(', ..]) => 3,
                _ => return None,
            };
            Some((start, i + mouth))
        })
        .collect()
}

impl Rule for AngryTone {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        super::add_lexicon(lex, index, LEXICON, &SECTIONS, true);
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let text = doc.text;
        // The scans work in bytes; only what they find is converted to UTF-16.
        let utf16 = |spans: Vec<(usize, usize)>| -> Vec<(u32, u32)> {
            spans
                .into_iter()
                .filter_map(|(a, b)| Some((doc.utf16_at(a)?, doc.utf16_at(b)?)))
                .collect()
        };
        let shouts: Vec<(u32, u32, usize)> = shouting(text)
            .into_iter()
            .filter_map(|(a, b, n)| Some((doc.utf16_at(a)?, doc.utf16_at(b)?, n)))
            .collect();
        let bangs = utf16(exclamations(text));
        let mut faces: Vec<(usize, usize)> = memchr::memchr_iter(0xF0, text.as_bytes())
            .filter_map(|i| {
                let c = text.get(i..)?.chars().next()?;
                ANGRY_EMOJI.contains(&c).then(|| (i, i + c.len_utf8()))
            })
            .collect();
        faces.extend(angry_faces(text));
        crate::text::sort_pairs(&mut faces);
        let emoji = utf16(faces);
        let obscene = index_of("obscene-language").map(Owner::Rule);
        let swearing = obscene.is_some_and(|o| {
            doc.hits
                .iter()
                .any(|h| doc.lexicon.entry(h.entry).owner == o)
        });
        // (Not the words of a hashtag: "#DisarmHate", "#LoveNotHate" are slogans.)
        let words: Vec<_> = doc
            .hits_of(cx.owner())
            .filter(|(h, e, _)| e.tag != crate::EXTRA_TERM_TAG && h.start < doc.norm.hashtags_from)
            .collect();
        let strong = words.iter().any(|(_, e, _)| e.tag == STRONG);
        // Mild words in different places: a stretched word's sentence is written again after
        // the post ("sooo annoyed"), and its words are no second word.
        let mild = (0..words.len())
            .filter(|&i| {
                let (_, e, at) = words[i];
                e.tag == MILD && !words[..i].iter().any(|w| w.1.tag == MILD && w.2 == at)
            })
            .count();
        // Capitals and "!!!" also say "excited": alone they count only when extreme.
        let extreme = shouts.iter().any(|s| s.2 >= 5) || bangs.iter().any(|b| b.1 - b.0 >= 6);
        // A hostile tone (the on-device classifier) is a sign of writing while angry too.
        let hostile: Vec<_> = doc
            .abusive_chunks()
            .iter()
            .filter(|(_, p)| *p >= HOSTILE)
            .collect();
        let wording = strong || swearing || mild >= 2 || !emoji.is_empty() || !hostile.is_empty();
        // Extreme capitals or marks alone, in a cheerful post ("HAPPY NEW YEAR EVERYONE, SEE
        // YOU IN JANUARY", "So excited!!!!!!"), are excitement.
        let extreme = extreme && (wording || mild > 0 || !cheerful(doc, text));
        let punctuation_counts = wording || mild > 0 || extreme;
        let mild_counts = !hostile.is_empty()
            || strong
            || swearing
            || mild >= 2
            || !emoji.is_empty()
            || !shouts.is_empty()
            || !bangs.is_empty();
        if punctuation_counts {
            for &(a, b, _) in &shouts {
                cx.push(
                    out,
                    a,
                    b,
                    "Writing in capitals reads as shouting. If you are angry or upset, the policy asks you to come back to it later.",
                    "shouting",
                    Some("Write it in normal case, or wait until you feel calmer."),
                );
            }
            for &(a, b) in &bangs {
                cx.push(
                    out,
                    a,
                    b,
                    "A run of exclamation marks reads as anger. If you are angry or upset, the policy asks you to come back to it later.",
                    "exclamation",
                    None,
                );
            }
        }
        for (chunk, _) in hostile.iter().copied() {
            let Some(((a, b), words)) = doc.explain_chunk(chunk) else {
                continue;
            };
            // Written out rather than formatted (most abusive posts get this message).
            let mut msg = String::with_capacity(160);
            msg.push_str("This sounds hostile (because of ");
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    msg.push_str(", ");
                }
                msg.push('“');
                msg.push_str(w);
                msg.push('”');
            }
            msg.push_str(
                "). If you are angry or upset, the policy asks you to come back to it later.",
            );
            cx.push(out, a, b, msg, "hostile", None);
        }
        for &(a, b) in &emoji {
            cx.push(
                out,
                a,
                b,
                "An angry emoji or face. If you are angry or upset, the policy asks you to come back to it later.",
                "emoji",
                None,
            );
        }
        for (_, e, (a, b)) in words {
            if e.tag == MILD && !mild_counts {
                continue;
            }
            cx.push(
                out,
                a,
                b,
                [
                    "“",
                    doc.excerpt(a, b),
                    "” sounds angry or upset. The policy asks you not to post while angry: come back to it when you feel calm.",
                ]
                .concat(),
                "wording",
                Some("Take a break and reread it later."),
            );
        }
    }
}

/// The byte offset just after the next three capital letters in a row (apostrophes between
/// them aside) at or after `from`: every run of shouting starts with such a word. Reads ASCII
/// as bytes and decodes only the other characters.
fn next_capitals(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = from;
    while i < bytes.len() {
        // With no run going, 8 bytes of ASCII without a capital are skipped at once (most of
        // a post).
        if run == 0 {
            if let Some(chunk) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
                if !may_have_capital(u64::from_le_bytes(*chunk)) {
                    i += 8;
                    continue;
                }
            }
        }
        let b = bytes[i];
        let (upper, apostrophe, len) = if b < 0x80 {
            (b.is_ascii_uppercase(), b == b'\'', 1)
        } else {
            let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            (c.is_uppercase(), c == '’', c.len_utf8())
        };
        // An apostrophe inside a word ("CAN’T", "AA’A") neither counts nor breaks the run: the
        // word's capitals are what count.
        run = if upper {
            run + 1
        } else if apostrophe {
            run
        } else {
            0
        };
        i += len;
        if run >= 3 {
            return Some(i);
        }
    }
    None
}

/// Whether 8 bytes (little-endian in `w`) hold an ASCII capital or any non-ASCII byte (which
/// may be part of a capital letter).
fn may_have_capital(w: u64) -> bool {
    w & 0x8080_8080_8080_8080 != 0 || crate::text::ascii_range_lanes(w, b'A', b'Z') != 0
}

/// Runs of capitalised words: two or more words of three or more letters in capitals in a row,
/// with at least eight capital letters in all. Byte spans, with the number of words.
///
/// A run starts with a word that has three capitals in a row, so only the stretches from such
/// a word to where the run ends are read letter by letter.
fn shouting(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(hit) = next_capitals(text, from) {
        // Back to the white space before the word: between words, with no run going, the
        // reading below is in the same state as at the start of the text.
        let start = text
            .get(from..hit)
            .and_then(|t| t.rfind(char::is_whitespace))
            .map_or(from, |w| from + w + 1);
        from = shouting_from(text, start, hit, &mut out);
    }
    out
}

/// Reads words from `start` until no run is going any more after `hit`; pushes the runs found
/// and returns where it stopped.
fn shouting_from(
    text: &str,
    start: usize,
    hit: usize,
    out: &mut Vec<(usize, usize, usize)>,
) -> usize {
    // The current run: start, end, words, capitals.
    let mut run: Option<(usize, usize, usize, usize)> = None;
    let mut word_start = start;
    let mut letters = 0usize;
    let mut upper = 0usize;
    let close_run = |run: &mut Option<(usize, usize, usize, usize)>,
                     out: &mut Vec<(usize, usize, usize)>| {
        if let Some((a, b, n, caps)) = run.take() {
            if n >= 2 && caps >= 8 {
                out.push((a, b, n));
            }
        }
    };
    let Some(rest) = text.get(start..) else {
        return text.len();
    };
    let mut chars = rest.char_indices().map(|(i, c)| (start + i, c)).peekable();
    while let Some((i, c)) = chars.next() {
        if i >= hit && run.is_none() && letters == 0 {
            return i;
        }
        if c.is_alphabetic() {
            if letters == 0 {
                word_start = i;
            }
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
        let pos = i + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        let next_is_letter = next.is_some_and(|n| n.is_alphabetic() || n == '\'' || n == '’');
        if c.is_alphabetic() && next_is_letter {
            continue;
        }
        if (c == '\'' || c == '’') && next.is_some_and(|n| n.is_alphabetic()) {
            continue;
        }
        if letters > 0 {
            // A word ended.
            if upper == letters && letters >= 3 {
                run = Some(match run {
                    Some((a, _, n, caps)) => (a, pos, n + 1, caps + upper),
                    None => (word_start, pos, 1, upper),
                });
            } else if upper == letters && letters < 3 {
                // "I", "A", "TO": short words in capitals keep a run going without counting.
                if let Some(r) = run.as_mut() {
                    r.1 = pos;
                }
            } else {
                close_run(&mut run, out);
            }
            letters = 0;
            upper = 0;
        } else if !(c.is_whitespace() || matches!(c, ',' | '-' | '\'' | '’' | '"' | '&')) {
            close_run(&mut run, out);
        }
    }
    close_run(&mut run, out);
    text.len()
}

/// "!!!", "!!1", "?!?!", "!?!": three or more marks with at least two "!". Byte spans.
fn exclamations(text: &str) -> Vec<(usize, usize)> {
    let is_mark =
        |c: char, bangs: usize| matches!(c, '!' | '?' | '！' | '？') || (c == '1' && bangs > 0);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Every run has a "!": ASCII, or the full-width one, which starts with 0xEF.
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'!', 0xEF, bytes.get(from..).unwrap_or_default()) {
        let bang = from + k;
        // Back over anything that may be a mark, then forward to a character boundary: the
        // character before `start` is not a mark, so a run cannot be going there.
        let mut start = bang;
        while start > from
            && matches!(
                bytes[start - 1],
                b'!' | b'?' | b'1' | 0xEF | 0xBC | 0x81 | 0x9F
            )
        {
            start -= 1;
        }
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let (mut n, mut bangs, mut run_start) = (0usize, 0usize, start);
        let mut stop = None;
        for (j, c) in text.get(start..).unwrap_or_default().char_indices() {
            let at = start + j;
            if is_mark(c, bangs) {
                if n == 0 {
                    run_start = at;
                }
                n += 1;
                if matches!(c, '!' | '！') {
                    bangs += 1;
                }
                continue;
            }
            if n >= 3 && bangs >= 2 {
                out.push((run_start, at));
            }
            (n, bangs) = (0, 0);
            if at > bang {
                stop = Some(at);
                break;
            }
        }
        match stop {
            Some(at) => from = at,
            None => {
                if n >= 3 && bangs >= 2 {
                    out.push((run_start, text.len()));
                }
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn capital_test_agrees_with_the_byte_test_for_every_byte_in_every_place() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = *b"abc1 ;z~";
                w[at] = b;
                let expected = w.iter().any(|c| c.is_ascii_uppercase() || !c.is_ascii());
                assert_eq!(
                    super::may_have_capital(u64::from_le_bytes(w)),
                    expected,
                    "{w:?}"
                );
            }
        }
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("angry-tone", text)
    }

    #[test]
    fn anger_signs() {
        assert_eq!(
            flagged("I am SO SICK of this council!!!"),
            ["SICK of", "!!!"]
        );
        assert_eq!(flagged("I AM SICK OF THIS"), ["SICK OF THIS"]);
        assert_eq!(flagged("I'm furious"), ["furious"]);
        assert_eq!(flagged("How dare they 😡"), ["How dare", "😡"]);
        assert_eq!(
            flagged("It's always my fault isn't it >:("),
            ["fault", ">:("]
        );
        assert_eq!(
            flagged("WHY IS THE TRAIN LATE AGAIN, NOBODY TELLS US ANYTHING"),
            ["WHY IS THE TRAIN LATE AGAIN, NOBODY TELLS US ANYTHING"]
        );
        // Cheer does not hide an angry word.
        assert_eq!(
            flagged("THANKS FOR NOTHING, ABSOLUTELY FURIOUS WITH THIS"),
            ["THANKS FOR NOTHING, ABSOLUTELY FURIOUS WITH THIS"]
        );
        assert_eq!(flagged("Off to bed &gt;:-( #huff"), ["&gt;:-("]);
        assert!(flagged("Time: 10:30 (Room 2) -> see :( sad").is_empty());
        assert_eq!(
            flagged("THIS IS ABSOLUTELY RIDICULOUS"),
            ["THIS IS ABSOLUTELY RIDICULOUS"]
        );
        assert_eq!(flagged("what?!?! that's so silly"), ["?!?!", "silly"]);
        assert_eq!(flagged("I can't stand this any more"), ["can't stand"]);
        assert_eq!(
            flagged("Ugh, this is SO UNFAIR!!!"),
            ["Ugh", "UNFAIR", "!!!"]
        );
        // British idioms of anger, and the joined hashtag.
        assert_eq!(
            flagged("The roadworks outside are getting on my nerves"),
            ["getting on my nerves"]
        );
        assert_eq!(
            flagged("Properly cheesed off with the bus company"),
            ["cheesed off"]
        );
        assert_eq!(flagged("Third missed delivery this week #fedup"), ["fedup"]);
        assert_eq!(
            flagged("I wish to register my displeasure"),
            ["displeasure"]
        );
        // "Not impressed" is mild: alone it is only disappointment.
        assert!(flagged("Not impressed with the new menu").is_empty());
        assert_eq!(
            flagged("NOT IMPRESSED WITH THIS AT ALL"),
            ["NOT IMPRESSED WITH THIS AT ALL"]
        );
    }

    #[test]
    fn calm_text() {
        for t in [
            "Our SEND and EHCP guide for NHS staff",
            "Anti-Bullying Week: what to do if your child is being bullied",
            "Great news!!!",
            "GREAT NEWS EVERYONE",
            "what?!?! no way",
            "This film is great fun",
            "Pathetic fallacy in poetry",
            "Year 11 results",
            "Our offense played well tonight",
            "No offence, but I prefer the blue one",
            "A bit grumpy before my coffee",
            "We all got pissed at the wedding",
            // Phrases of the rule's allow list.
            "Anti-Bullying Week starts on Monday, odd socks at the ready!",
            "It's Hate Crime Awareness Week, here's how to report it.",
            "Love not hate. There is no place for hate in our town #StopAsianHate",
            "The terrible twos are real in our house.",
            "The kids love Horrible Histories at the moment.",
            "In the worst case scenario we will move the session online.",
            "He carries an EpiPen for a life-threatening allergy.",
            "Pint of bitter after work with the team.",
            "Boiling the kettle for the volunteers' tea break.",
            "Skinny jeans are all the rage again apparently.",
            "Our anger management course for teens has spaces in January.",
            "Love it or hate it, Marmite is on the staff room table again.",
            "Movie night: all the Fast & Furious films back to back",
            "Wrath of Khan is still the best Star Trek film",
            "Reading The Grapes of Wrath for book club",
            // Extreme capitals and marks in a cheerful post are excitement.
            "HAPPY NEW YEAR EVERYONE, SEE YOU IN JANUARY",
            "So excited!!!!!! Our new website is LIVE!!!!!!",
            // One mild word, in a sentence written again for its stretched word.
            "feeling sick today, sooo tired",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    // The plain walks over every character that the byte scans above replaced; they must agree.
    /// Runs of capitalised words: two or more words of three or more letters in capitals in a row,
    /// with at least eight capital letters in all. UTF-16 spans.
    fn shouting_walk(text: &str) -> Vec<(u32, u32, usize)> {
        let mut out = Vec::new();
        let mut pos = 0u32;
        // The current run: start, end, words, capitals.
        let mut run: Option<(u32, u32, usize, usize)> = None;
        let mut word_start = 0u32;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let close_run = |run: &mut Option<(u32, u32, usize, usize)>,
                         out: &mut Vec<(u32, u32, usize)>| {
            if let Some((a, b, n, caps)) = run.take() {
                if n >= 2 && caps >= 8 {
                    out.push((a, b, n));
                }
            }
        };
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let w = c.len_utf16() as u32;
            if c.is_alphabetic() {
                if letters == 0 {
                    word_start = pos;
                }
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                }
            }
            pos += w;
            let next_is_letter = chars
                .peek()
                .is_some_and(|n| n.is_alphabetic() || *n == '\'' || *n == '’');
            if c.is_alphabetic() && next_is_letter {
                continue;
            }
            if (c == '\'' || c == '’') && chars.peek().is_some_and(|n| n.is_alphabetic()) {
                continue;
            }
            if letters > 0 {
                // A word ended.
                if upper == letters && letters >= 3 {
                    run = Some(match run {
                        Some((a, _, n, caps)) => (a, pos, n + 1, caps + upper),
                        None => (word_start, pos, 1, upper),
                    });
                } else if upper == letters && letters < 3 {
                    // "I", "A", "TO": short words in capitals keep a run going without counting.
                    if let Some(r) = run.as_mut() {
                        r.1 = pos;
                    }
                } else {
                    close_run(&mut run, &mut out);
                }
                letters = 0;
                upper = 0;
            } else if !(c.is_whitespace() || matches!(c, ',' | '-' | '\'' | '’' | '"' | '&')) {
                close_run(&mut run, &mut out);
            }
        }
        close_run(&mut run, &mut out);
        out
    }

    /// "!!!", "!!1", "?!?!", "!?!": three or more marks with at least two "!". UTF-16 spans.
    fn exclamations_walk(text: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut pos = 0u32;
        let mut start = 0u32;
        let (mut n, mut bangs) = (0usize, 0usize);
        for c in text.chars().chain(std::iter::once(' ')) {
            if matches!(c, '!' | '?' | '1' | '！' | '？') && (c != '1' || bangs > 0) {
                if n == 0 {
                    start = pos;
                }
                n += 1;
                if matches!(c, '!' | '！') {
                    bangs += 1;
                }
            } else {
                if n >= 3 && bangs >= 2 {
                    out.push((start, pos));
                }
                n = 0;
                bangs = 0;
            }
            pos += c.len_utf16() as u32;
        }
        out
    }

    fn in_utf16(text: &str, spans: Vec<(usize, usize)>) -> Vec<(u32, u32)> {
        let idx = crate::text::Utf16Index::new(text);
        spans
            .into_iter()
            .map(|(a, b)| {
                (
                    idx.unit(a).unwrap_or(u32::MAX),
                    idx.unit(b).unwrap_or(u32::MAX),
                )
            })
            .collect()
    }

    /// A case the property test below found: the first word's three capitals are split by an
    /// apostrophe, so the byte scan must not start reading at the second word.
    #[test]
    fn a_shouted_word_with_an_apostrophe_starts_a_run() {
        for text in [
            "AA’A AAAAA",
            "AA'A AAAAA",
            "I CAN’T BELIEVE THIS",
            "WON'T STOP NOW",
        ] {
            let scan = in_utf16(
                text,
                super::shouting(text)
                    .into_iter()
                    .map(|(a, b, _)| (a, b))
                    .collect(),
            );
            let walk: Vec<(u32, u32)> = shouting_walk(text).iter().map(|s| (s.0, s.1)).collect();
            assert_eq!(scan, walk, "{text:?}");
            assert_eq!(walk.len(), 1, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn byte_scans_agree_with_the_walks(
            text in "([A-Z]{1,6}|[a-z]{1,4}|ÉCOLE|[ÉÜß'’!?1！？ ,&\n.-]|[!?1]{2,5}|😡|é){0,40}"
        ) {
            let shouts = super::shouting(&text);
            let words: Vec<usize> = shouts.iter().map(|s| s.2).collect();
            let spans = in_utf16(&text, shouts.into_iter().map(|(a, b, _)| (a, b)).collect());
            let walk = shouting_walk(&text);
            proptest::prop_assert_eq!(spans, walk.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>());
            proptest::prop_assert_eq!(words, walk.iter().map(|s| s.2).collect::<Vec<_>>());
            proptest::prop_assert_eq!(
                in_utf16(&text, super::exclamations(&text)),
                exclamations_walk(&text)
            );
        }
    }

    /// British idioms of anger.
    #[test]
    fn idioms_of_anger() {
        for (t, want) in [
            ("Had it up to here with this council", "Had it up to here"),
            ("Spitting feathers after that meeting", "Spitting feathers"),
            ("Lost my rag with the call centre", "Lost my rag"),
        ] {
            assert_eq!(flagged(t), [want], "{t:?}");
        }
    }
}
