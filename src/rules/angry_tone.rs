use super::{declare_rule, index_of, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::Error;

const LEXICON: &str = include_str!("../../lexicons/angry.txt");

declare_rule! {
    /// Signs of writing while angry or upset: shouting in capitals ("THIS IS A JOKE"), runs of
    /// exclamation marks ("!!!", "?!?!"), angry emoji (😡 🤬 😠 💢), and angry or distressed
    /// wording ("I'm furious", "sick of", "how dare", "fuming", "fed up", "disgraceful"). Milder
    /// words ("ridiculous", "pathetic", "useless") count only with a second sign: another angry
    /// word, shouting, "!!!", an angry emoji or swearing. Capitals and "!!!" also mean
    /// excitement ("GREAT NEWS!!!"), so on their own they count only when extreme (five or more
    /// words shouted, six or more marks); with any angry or negative word they always count.
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
const ANGRY_EMOJI: [char; 6] = ['😡', '😠', '🤬', '👿', '💢', '😤'];

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
        let bytes = text.as_bytes();
        // Each scan runs only when a cheap byte test says it can find something.
        let shouts = if may_shout(text) {
            shouting(text)
        } else {
            Vec::new()
        };
        let bangs = if text.contains(['!', '！']) {
            exclamations(text)
        } else {
            Vec::new()
        };
        let mut emoji = Vec::new();
        if bytes.contains(&0xF0) {
            let mut pos = 0u32;
            for c in text.chars() {
                let w = c.len_utf16() as u32;
                if ANGRY_EMOJI.contains(&c) {
                    emoji.push((pos, pos + w));
                }
                pos += w;
            }
        }
        let obscene = index_of("obscene-language").map(Owner::Rule);
        let swearing = obscene.is_some_and(|o| {
            doc.hits
                .iter()
                .any(|h| doc.lexicon.entry(h.entry).owner == o)
        });
        let words: Vec<_> = doc
            .hits_of(cx.owner())
            .filter(|(_, e, _)| e.tag != crate::EXTRA_TERM_TAG)
            .collect();
        let strong = words.iter().any(|(_, e, _)| e.tag == STRONG);
        let mild = words.iter().filter(|(_, e, _)| e.tag == MILD).count();
        // Capitals and "!!!" also say "excited": alone they count only when extreme.
        let extreme = shouts.iter().any(|s| s.2 >= 5) || bangs.iter().any(|b| b.1 - b.0 >= 6);
        // A hostile tone (the on-device classifier) is a sign of writing while angry too.
        let hostile: Vec<_> = doc
            .abusive_chunks()
            .iter()
            .filter(|(_, p)| *p >= HOSTILE)
            .collect();
        let wording = strong || swearing || mild >= 2 || !emoji.is_empty() || !hostile.is_empty();
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
                let mut f = cx.finding(a, b, "Writing in capitals reads as shouting. If you are angry or upset, the policy asks you to come back to it later.");
                f.kind = Some("shouting".into());
                f.suggestion =
                    Some("Write it in normal case, or wait until you feel calmer.".into());
                out.push(f);
            }
            for &(a, b) in &bangs {
                let mut f = cx.finding(a, b, "A run of exclamation marks reads as anger. If you are angry or upset, the policy asks you to come back to it later.");
                f.kind = Some("exclamation".into());
                out.push(f);
            }
        }
        for (chunk, _) in hostile.iter().copied() {
            let Some(((a, b), words)) = doc.explain_chunk(chunk) else {
                continue;
            };
            let names: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
            let mut f = cx.finding(
                a,
                b,
                format!(
                    "This sounds hostile (because of {}). If you are angry or upset, the policy asks you to come back to it later.",
                    names.join(", ")
                ),
            );
            f.kind = Some("hostile".into());
            out.push(f);
        }
        for &(a, b) in &emoji {
            let mut f = cx.finding(a, b, "An angry emoji. If you are angry or upset, the policy asks you to come back to it later.");
            f.kind = Some("emoji".into());
            out.push(f);
        }
        for (_, e, (a, b)) in words {
            if e.tag == MILD && !mild_counts {
                continue;
            }
            let mut f = cx.finding(
                a,
                b,
                format!("“{}” sounds angry or upset. The policy asks you not to post while angry: come back to it when you feel calm.", doc.excerpt(a, b)),
            );
            f.kind = Some("wording".into());
            f.suggestion = Some("Take a break and reread it later.".into());
            out.push(f);
        }
    }
}

/// Whether the text has three capital letters in a row: without that there is no shouting to
/// find. Reads ASCII as bytes and decodes only the other characters.
fn may_shout(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (upper, len) = if b < 0x80 {
            (b.is_ascii_uppercase(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_uppercase(), c.len_utf8())
        };
        run = if upper { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
        i += len;
    }
    false
}

/// Runs of capitalised words: two or more words of three or more letters in capitals in a row,
/// with at least eight capital letters in all. UTF-16 spans.
fn shouting(text: &str) -> Vec<(u32, u32, usize)> {
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
fn exclamations(text: &str) -> Vec<(u32, u32)> {
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

#[cfg(test)]
mod tests {

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
            flagged("THIS IS ABSOLUTELY RIDICULOUS"),
            ["THIS IS ABSOLUTELY RIDICULOUS"]
        );
        assert_eq!(flagged("what?!?! that's so silly"), ["?!?!", "silly"]);
    }

    #[test]
    fn calm_text() {
        for t in [
            "Our SEND and EHCP guide for NHS staff",
            "Great news!!!",
            "GREAT NEWS EVERYONE",
            "what?!?! no way",
            "This film is great fun",
            "Pathetic fallacy in poetry",
            "Year 11 results",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
