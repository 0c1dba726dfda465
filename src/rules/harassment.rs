use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::{Finding, Severity};
use crate::lexicon::{Entry, Hit, LexiconBuilder};
use crate::policy::PolicyPack;
use crate::text::tail::{Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/harassment.txt"));

declare_rule! {
    /// Insults and bullying aimed at a person ("you're pathetic", "@name is an idiot"), and
    /// telling someone to harm themselves.
    ///
    /// Most of it contains no swear word: "you're pathetic", "you absolute clown", "@name is
    /// an idiot", "Dave is such a loser", "nobody likes you", "kill yourself", "kys".
    ///
    /// An insult word counts only when it is aimed at someone: after "you", "you're", "ur" or
    /// "u r" (with words such as "such a", "absolute", "fucking" between), or after an
    /// @mention, a pronoun or a name followed by "is" / "are" / "was". "Not" before the insult
    /// clears it ("you're not stupid"). "That was a stupid idea" is not flagged: it is not aimed
    /// at a person. Nor is an insult that is also an everyday noun where it names a kind of the
    /// next word: "he is a pig farmer", "she is a fraud analyst", "he's a git expert" (but "he is
    /// a pig, farmers say", "she is a fraud and a liar", "you're a joke mate", "you're a joke
    /// Dave" are flagged); the classifier does not take it as evidence there either. "Don't ever
    /// kill yourself" says the opposite of "kill yourself" and is not flagged, "drop dead
    /// gorgeous" is a compliment, and a title in quotes is no person ("'Brassic' is filthy and
    /// funny").
    ///
    /// Insults that no list or pattern knows are found by the on-device classifier (a `warn`,
    /// explained by the words that drove its score), where the post is aimed at someone: a
    /// person or a group named or pointed at ("you", "she", "people", "women", "Muslims"), an
    /// @mention or a name. "Damn, I forgot my lanyard again" and "Fake news fake news" are aimed
    /// at nobody, however negative they sound (angry-tone reads their tone), and so is
    /// self-mockery ("I'm so dumb, I left my lanyard at home again"). A name is not
    /// evidence of abuse: a post
    /// the classifier reads as abusive only because of the letters inside a town's, a school's
    /// or a person's name ("Scunthorpe were brilliant today", "Penistone Grammar School",
    /// "Dick Turpin was a highwayman") is not flagged; a name the model learnt as a word of
    /// abuse ("you are a Nazi") still counts, and so does an insult beside a name. Nor is a word
    /// of the lists that the rule owning it has cleared where it stands: "please never kill
    /// yourself", Spanish "el negro", "coon hound" are not flagged by the classifier either.
    /// Nor is who someone is, told rather than judged: in a self-description ("I'm a bisexual
    /// woman and a mum", "as a disabled woman") or an inclusive list ("no matter if you're
    /// black or white, gay or straight"), identity words are not evidence of abuse. Nor is the
    /// frame of a sentence: "He is a genius!" is not flagged because the model learnt "he is a"
    /// from insults; "He is a pathetic loser" is. Nor are everyday words with a listed word
    /// inside them ("cocktail", "peacock", "brass"), nor the keywords by which the training
    /// tweets were gathered ("How is the gun control working in Chicago?", "tough on
    /// liberals"), nor a word named as a word ("calling someone a liar is what you resort to").
    /// A chunk that a word list or pattern already flagged gets no classifier warning on top.
    ///
    /// ## Why
    /// The policy forbids abusive, harassing and derogatory content, and says bullying or
    /// offensive comments about colleagues or contacts, inside or outside work, will be taken
    /// seriously.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullet 7 (personal accounts).
    ///
    /// ## Example
    /// "@jo_b you're pathetic" is flagged at "you're pathetic".
    pub struct Harassment {
        id: "harassment",
        title: "Harassment and bullying",
        category: MustNotPost,
        clause: ("2.2", "3.7"),
        quote: "Bullying, harassment, offensive, discriminatory, derogatory or defamatory comments made to, or about other employees or business contacts – whether inside or outside work, and whether in person or via social media – will be taken seriously and may result in disciplinary action.",
        severity: Stop,
        modes: Both,
        example: "@jo_b you're pathetic",
    }
}

const SECTIONS: [&str; 4] = ["insult", "phrase", "self-harm", "noun"];
const INSULT: u32 = 0;
const PHRASE: u32 = 1;
const SELF_HARM: u32 = 2;
/// Insults that are also the names of everyday things, which can name a kind of another thing
/// ("a pig farmer", "a fraud analyst", "a git expert").
const NOUN: u32 = 3;

impl Rule for Harassment {
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
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            let said = doc.excerpt(a, b);
            let (start, message, kind) = match entry.tag {
                crate::EXTRA_TERM_TAG => continue,
                INSULT | NOUN => {
                    let before = doc.before(h.start, 60);
                    // (Not "what a joke", "what a failure": said of things.)
                    let exclaim = (entry.tag == INSULT
                        || !matches!(entry.norm.as_str(), "joke" | "failure"))
                    .then_some((h, b));
                    let Some(target) = aimed_at(doc, before, exclaim) else {
                        continue;
                    };
                    // A compound ("a pig farmer") or a phrase of the allow list.
                    if doc.cleared(h) {
                        continue;
                    }
                    // Highlight from the target word ("you're pathetic") where it is close.
                    let start = doc
                        .norm
                        .words
                        .span_at(h.start.saturating_sub(target))
                        .map_or(a, |(s, _)| s.min(a));
                    (start, format!("“{said}” insults a person. The policy forbids harassing or derogatory comments."), "insult")
                }
                SELF_HARM => {
                    if doc.cleared(h) {
                        continue;
                    }
                    (a, "Telling someone to harm themselves is abuse. The policy forbids abusive and harassing content.".to_string(), "self-harm")
                }
                _ => {
                    if doc.cleared(h) {
                        continue;
                    }
                    (a, format!("“{said}” is bullying. The policy forbids harassing or derogatory comments."), "bullying")
                }
            };
            cx.push(
                out,
                start,
                b,
                message,
                kind,
                Some("Say what you disagree with, not what you think of the person."),
            );
        }
        classifier_findings(doc, cx, out);
    }

    /// "Don't ever kill yourself", "please never neck yourself": the opposite of telling
    /// someone to harm themselves; "I could go die in a hole": the writer speaking of
    /// themselves. "Shut up" said in delight. An everyday noun naming a kind of thing.
    fn clears(&self, doc: &Document, h: &Hit, entry: &Entry) -> bool {
        match entry.tag {
            SELF_HARM => Words::of(doc.before(h.start, 40))
                .is_some_and(|w| DONT.find(&w).is_some() || WRITER_WILL.find(&w).is_some()),
            // "Shut up, that's hilarious 😂", "Shut up! You got engaged?! Congratulations!!": said
            // in surprise or delight, not to silence anyone.
            PHRASE if entry.norm == "shut up" => doc
                .norm
                .words
                .span(h.start..h.end)
                .and_then(|(_, end)| doc.text_around(end))
                .is_some_and(|(_, rest)| delighted(rest)),
            // "he is a pig farmer": where the rule would aim it, the compound clears it.
            NOUN => {
                aimed_at(doc, doc.before(h.start, 60), None).is_some()
                    && doc
                        .norm
                        .words
                        .span(h.start..h.end)
                        .is_some_and(|(_, end)| names_a_kind(doc, h, end))
            }
            _ => false,
        }
    }
}

/// Whether the text right after "shut up" (the rest of its line, up to 240 bytes) laughs or
/// celebrates: a laughing or celebrating emoji, or "lol", "haha", "hilarious", "congrats", "no
/// way" (inside a longer word too: "lollipop" is rare after "shut up").
fn delighted(rest: &str) -> bool {
    const SIGNS: [&str; 11] = [
        "😂",
        "🤣",
        "😍",
        "🎉",
        "💍",
        "lol",
        "haha",
        "hilarious",
        "congrat",
        "amazing",
        "no way",
    ];
    let line = rest.split('\n').next().unwrap_or("").as_bytes();
    let near = &line[..line.len().min(240)];
    SIGNS.iter().any(|s| {
        near.windows(s.len())
            .any(|w| w.eq_ignore_ascii_case(s.as_bytes()))
    })
}

/// The words that may stand between a target and an insult ("you're *such a fucking* idiot").
const FILLER_WORDS: &[&str] = &[
    "such",
    "a",
    "an",
    "so",
    "absolute",
    "absolutely",
    "total",
    "totally",
    "complete",
    "completely",
    "utter",
    "utterly",
    "fucking",
    "fuckin",
    "effing",
    "bloody",
    "little",
    "fat",
    "stupid",
    "ugly",
    "big",
    "massive",
    "right",
    "proper",
    "pathetic",
    "useless",
    "dumb",
    "lying",
    "sad",
    "old",
    "just",
    "really",
    "the",
    "biggest",
    "most",
    "clueless",
    "incompetent",
    "pompous",
    "arrogant",
    "smug",
    "spineless",
    "gutless",
    "gormless",
    "dozy",
    "thick",
    "lazy",
    "worthless",
    "brainless",
    "filthy",
    "dirty",
    "nasty",
    "miserable",
    "sore",
    "two faced",
    "ignorant",
    "bitter",
    "vile",
    "autistic",
    "slimy",
];
/// The fillers after a name ("Dave is *such a* clown").
static FILLER: &[&[&str]] = &[FILLER_WORDS];
/// The same, and "like" ("you look *like a* clown").
static FILLER_OR_LIKE: &[&[&str]] = &[FILLER_WORDS, &["like"]];
/// "you (are)": the insult is aimed at the reader.
static YOU: Tail = Tail {
    head: &[concat!(
        "you|u|ya|yu|youre|ur|yer|u r|you r|you are|you re|thou art|you were|you look|",
        "you sound|you act|youre acting|you seem",
    )],
    fillers: FILLER_OR_LIKE,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "he is", "@ is", "your mum is": at a third person.
static THIRD: Tail = Tail {
    head: &[
        concat!(
            "@|he|she|they|him|her|them|this guy|that guy|this woman|that woman|this man|",
            "that man|your mum|ur mum|your mom|ur mom|your dad|ur dad|your wife|ur wife|",
            "your husband|ur husband|your kid|ur kid|your son|your daughter|your boss",
        ),
        "is|are|was|were|s|r|looks|sounds|seems",
    ],
    fillers: FILLER_OR_LIKE,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "I'm (so)", "I felt like": at the writer.
static SELF: Tail = Tail {
    head: &[concat!(
        "im|i m|i am|i was|i feel|i felt|i look|i sound|i must be|call me|made me look|",
        "makes me look",
    )],
    fillers: FILLER_OR_LIKE,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "hes (such)", "theyre": the same, contracted.
static CONTRACTED: Tail = Tail {
    head: &["hes|shes|theyre|theyve been|hes been|shes been|hes such|shes such"],
    fillers: FILLER_OR_LIKE,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "… is": after a word that may be a name ("Dave is such a").
static NAMED: Tail = Tail {
    head: &["is|are|was|s"],
    fillers: FILLER,
    after_space: true,
    phrases: std::sync::OnceLock::new(),
};
/// "what a (total)": an insult exclaimed at someone ("What a loser", "what an utter moron").
static EXCLAIM: Tail = Tail {
    head: &["what a|what an"],
    fillers: FILLER,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "not", "isnt" up to two words before the insult: "he is not a total idiot".
const NOT: &[&str] = &["not", "never", "isnt", "arent", "wasnt", "nt", "no"];
/// "Don't ever kill yourself": telling someone not to.
static DONT: Tail = Tail {
    head: &[concat!(
        "dont|do not|never|shouldnt|should not|wont|will not|please dont|please do not|",
        "please never|dont you|dont you ever",
    )],
    fillers: &[&["ever", "go", "just", "try to", "think about"]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// "I could (just) go die in a hole", "I'm gonna go die in bed": the writer speaking of
/// themselves, not telling anyone to.
static WRITER_WILL: Tail = Tail {
    head: &[concat!(
        "i could|i might|i may|i will|ill|i shall|i should|i want to|i wanna|i need to|",
        "i have to|i gotta|im gonna|im going to|i am gonna|i am going to|i feel like|",
        "lets|let me|we could|we should|were gonna|were going to|we will",
    )],
    fillers: &[&[
        "just",
        "probably",
        "prob",
        "literally",
        "actually",
        "honestly",
    ]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// The words that name or point at a person or a group: second- and third-person pronouns,
/// words for people and family, and the words that name a group of people by who they are.
const PEOPLE: &str = concat!(
    "you your youre yours yourself yourselves u ur ya yall ye he she him her hes shes his hers ",
    "himself herself they them their theirs theyre themselves these those people everyone ",
    "everybody anyone anybody someone somebody nobody ppl peeps guy guys man men woman women ",
    "girl girls boy boys lad lads lady ladies kid kids child children person persons folk folks ",
    "mate mates bro dude wife husband mum mom dad son daughter brother sister family friend ",
    "friends boss teacher parent parents baby asian gay lesbian bisexual trans queer jewish ",
    "muslim islam islamic christian catholic hindu sikh arab african mexican chinese indian ",
    "disabled autistic autism deaf blind immigrant religion religions race races gender gays ",
    "gayness"
);

/// Whether a chunk of the post is aimed at someone, which harassment is: it has a word of
/// [`PEOPLE`], a word of the lists of what must not be posted (a slur, an insult, a group
/// named by the lists, but not one said of the writer: "I'm so dumb"), an @mention in or just
/// before it, or a name (a capitalised word inside a sentence: at a sentence's start a capital
/// says nothing). "Sick of the rain, roll on summer", "Damn, I forgot my lanyard again" and "We
/// had a hell of a time" are aimed at nobody; angry-tone still reads their tone.
fn aimed(doc: &Document, chunk: std::ops::Range<usize>, (s16, e16): (u32, u32)) -> bool {
    let words = doc.norm.words.as_str();
    let Some(text) = words.get(chunk.clone()) else {
        return true;
    };
    // This runs on every chunk the classifier flags: a set with a cheap hash.
    let people = super::word_set!(PEOPLE);
    if text.split([' ', '\n']).any(|w| people.contains(w)) {
        return true;
    }
    if doc.hits.iter().any(|h| {
        chunk.start <= h.start
            && h.end <= chunk.end
            && names_someone(doc, h)
            && !said_of_oneself(doc, h)
            && !doc.cleared(h)
    }) {
        return true;
    }
    // An @mention inside the chunk or within a few words before it ("@jo_b you …" has the
    // mention outside the word stream).
    if doc.norm.opaque.iter().any(|o| {
        o.kind == crate::text::OpaqueKind::Mention
            && doc
                .plain_span(o.range.clone())
                .is_some_and(|(a, b)| a < e16 && b + 40 > s16)
    }) {
        return true;
    }
    // A name: a capitalised word that does not start its sentence (the stream marks a
    // sentence break with a "\n" word; a chunk starts with a sentence).
    let mut at = chunk.start;
    let mut sentence_start = true;
    for token in text.split(' ') {
        let (a, b) = (at, at + token.len());
        at = b + 1;
        if token.contains('\n') {
            sentence_start = true;
        } else if !token.is_empty() {
            if !sentence_start && doc.written_as_name(a, b) {
                return true;
            }
            sentence_start = false;
        }
    }
    false
}

/// Whether a lexicon hit names someone: a word of the lists of what must not be posted that its
/// rule says names someone ([`Rule::names_someone`]).
fn names_someone(doc: &Document, h: &Hit) -> bool {
    let entry = doc.lexicon.entry(h.entry);
    doc.must_not_post(h)
        && matches!(entry.owner, crate::lexicon::Owner::Rule(i)
            if super::RULES.get(i).is_some_and(|r| r.names_someone(entry)))
}

/// Whether a word of the lists is said of the writer ("I'm so dumb", "I felt like such an
/// idiot", "call me stupid but"): self-mockery aims at no one else.
fn said_of_oneself(doc: &Document, h: &Hit) -> bool {
    Words::of(doc.before(h.start, 40)).is_some_and(|w| SELF.find(&w).is_some())
}

/// If the words before an insult aim it at a person, how many bytes back (in `before`) the
/// target starts; `None` when it is not aimed at anyone. With `exclaim` (the hit and its UTF-16
/// end), an insult exclaimed counts too ([`exclaimed`]), read from the same words.
fn aimed_at(doc: &Document, before: &str, exclaim: Option<(&Hit, u32)>) -> Option<usize> {
    let words = Words::of(before)?;
    if words.near_end(NOT, 2) {
        return None;
    }
    if let Some(m) = YOU
        .find(&words)
        .or_else(|| THIRD.find(&words))
        .or_else(|| CONTRACTED.find(&words))
    {
        return Some(before.len() - m.start);
    }
    if let Some(m) = NAMED.find(&words) {
        if doc.name_before(before, m.words) {
            let head = before.get(..m.start.saturating_sub(1)).unwrap_or("");
            let name_start = head.rfind(' ').map_or(0, |i| i + 1);
            return Some(before.len() - name_start);
        }
    }
    let (h, end) = exclaim?;
    exclaimed(doc, h, end, before, &words)
}

/// "What a loser", "what an utter moron": an insult exclaimed is aimed at someone, unless the
/// writer says it of themselves ("what an idiot I am", "what a muppet I was"), or it is followed
/// by what it describes ("what an awful team", "what a snake pit"). Not "what a joke" nor "what
/// a failure", which are said of things (the caller leaves those out). How many bytes back (in
/// `before`) "what" starts; `end` is the insult's UTF-16 end, `words` the words of `before`.
fn exclaimed(doc: &Document, h: &Hit, end: u32, before: &str, words: &Words) -> Option<usize> {
    let m = EXCLAIM.find(words)?;
    let next = doc.after(h.end, 20).split(' ').find(|w| !w.is_empty());
    if matches!(next, Some("i" | "im" | "ive" | "me")) {
        return None;
    }
    // "What an awful team", "what a pathetic excuse": said of the thing named after it.
    (!names_a_kind(doc, h, end)).then(|| before.len() - m.start)
}

/// Whether an insult that is also an everyday noun, at `h` (its UTF-16 end `end`), is the
/// first part of a compound rather than said of someone: "she is a fraud analyst", "he is a
/// pig farmer", "he's a git expert". It is when the next word follows it after plain spaces (no
/// comma, stop or emoji between) and is an ordinary word of content: not a small word ("a
/// fraud and a liar", "a pig who"), not an adverb or a word said to the reader ("a clown
/// honestly", "a joke mate", "a fraud lol"), and not a word of the lists itself ("a pig
/// bastard").
fn names_a_kind(doc: &Document, h: &Hit, end: u32) -> bool {
    let Some((_, rest)) = doc.text_around(end) else {
        return false;
    };
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    if gap == 0 || !rest[gap..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    let after = doc.after(h.end, 40);
    let skipped = after.len() - after.trim_start_matches(' ').len();
    let Some(next) = after[skipped..].split(' ').next().filter(|w| !w.is_empty()) else {
        return false;
    };
    let next_start = h.end + skipped;
    // "you're a joke Dave": a name said to the reader, unless the two are written as a title
    // ("a Fraud Analyst").
    if doc.capitalised_at(next_start) && !doc.capitalised_at(h.start) {
        return false;
    }
    !next.ends_with("ly")
        && !crate::text::in_list(NOT_A_KIND, next)
        && !super::is_small_word(next)
        && next.bytes().all(|c| c.is_ascii_lowercase())
        && !doc
            .hits
            .iter()
            .any(|x| x.start == next_start && doc.must_not_post(x))
}

/// Words after an insult that do not make a compound of it: words said to the reader, laughter,
/// and words that end a judgement ("the biggest fraud ever").
const NOT_A_KIND: &str = concat!(
    "lol lmao lmfao haha hahaha rofl omg smh tbh af bro bruh dude man mate fam sis babe hun love ",
    "pal son boy girl innit tho though ever alive anyway anyways yourself himself herself ",
    "themselves"
);

/// The on-device classifier's view: a tweet-sized chunk of the post that reads as abusive or
/// insulting, explained by the words that drove the score. A `warn`; a chunk that already has a
/// finding from a word list or pattern of what must not be posted (the rules before this one
/// and this one's own) gets nothing more (the classifier only adds what the word lists miss),
/// and neither does a chunk that is aimed at nobody (see [`aimed`]).
fn classifier_findings(doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
    for (chunk, _) in doc.abusive_chunks() {
        let Some((s16, e16)) = doc.norm.words.span(chunk.clone()) else {
            continue;
        };
        if out.iter().any(|f| f.start < e16 && s16 < f.end) {
            continue;
        }
        if !aimed(doc, chunk.clone(), (s16, e16)) {
            continue;
        }
        let Some(((a, b), words)) = doc.explain_chunk(chunk) else {
            continue;
        };
        let names: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
        let mut f = cx.finding(
            a,
            b,
            format!(
                "This reads as abusive or insulting (because of {}). If in doubt, don't publish: the policy forbids abusive and derogatory content.",
                names.join(", ")
            ),
        );
        f.severity = f.severity.min(Severity::Warn);
        f.kind = Some("classifier".into());
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::Context;

    /// The classifier's findings under harassment need someone to be aimed at: posts it scores
    /// high that point at nobody are left to angry-tone's reading of their tone, and the same
    /// words with a person, a mention, a name or a group in them are still flagged.
    #[test]
    fn classifier_findings_are_aimed_at_someone() {
        let checker = crate::test_checker();
        let kinds = |text: &str| -> Vec<(String, Option<String>)> {
            checker
                .check(text, &Context::default())
                .expect("checks")
                .into_iter()
                .map(|f| (f.rule.to_string(), f.kind.map(|k| k.to_string())))
                .collect()
        };
        let classified = |text: &str| {
            kinds(text)
                .iter()
                .any(|(r, k)| r == "harassment" && k.as_deref() == Some("classifier"))
        };
        let scored_high = |text: &str| {
            let doc = super::Document::new(text, &checker.lexicon);
            !doc.abusive_chunks().is_empty()
        };
        let nobody = [
            "Fake news fake news",
            "It's not guilt. It's stupidity on a scale unknown in human history.",
            "Damn that made me laugh!",
            // Self-mockery: the insult is said of the writer.
            "I'm so dumb, I left my lanyard at home again.",
            "I felt like such an idiot, I left my lanyard at home again.",
        ];
        for text in nobody {
            assert!(!classified(text), "{text:?}: {:?}", kinds(text));
        }
        // The gate has work to do: the model alone reads most of them as abusive.
        assert!(nobody.iter().filter(|t| scored_high(t)).count() >= 2);
        for text in [
            "Damn that made her laugh!",
            "@jo_b that's a terrible take",
            "Fake news from Dave again",
            "It's stupidity on a scale unknown, like Dave",
            "So dumb, he left his lanyard at home again.",
        ] {
            assert!(classified(text), "{text:?}: {:?}", kinds(text));
        }
    }

    /// The regex each [`super::Tail`] stands for (as this rule wrote them before): the same
    /// start and the same number of words, on windows made of the words that matter.
    #[test]
    fn the_word_walk_agrees_with_the_regexes_it_replaced() {
        use super::{Words, CONTRACTED, DONT, EXCLAIM, NAMED, NOT, THIRD, WRITER_WILL, YOU};
        let tails = [
            ("you", &YOU),
            ("third", &THIRD),
            ("contracted", &CONTRACTED),
            ("named", &NAMED),
            ("dont", &DONT),
            ("exclaim", &EXCLAIM),
            ("writer will", &WRITER_WILL),
        ];
        let regexes: Vec<regex_lite::Regex> = tails
            .iter()
            .map(|(_, t)| regex_lite::Regex::new(&t.as_regex()).expect("compiles"))
            .collect();
        let not = regex_lite::Regex::new(&format!(r" (?:{}) (?:\S+ ){{0,2}}$", NOT.join("|")))
            .expect("compiles");
        // Each pattern in turn, over every word it knows, split, and some it does not (all the
        // patterns' words at once made each one's matches rare in random windows).
        let mut matched = vec![0; tails.len()];
        for (i, ((name, t), re)) in tails.iter().zip(&regexes).enumerate() {
            let mut vocab: Vec<&str> = vec!["dave", "idiot", "and", "x", "", "tom", "a"];
            vocab.extend(t.words());
            vocab.extend(NOT);
            for window in crate::text::tail::test_windows(0x5eed + i as u64, &vocab, 8, 40_000) {
                let words = Words::of(&window);
                let want = re.find(&window).map(|m| {
                    let start = m.start() + usize::from(m.as_str().starts_with(' '));
                    (
                        start,
                        m.as_str().split(' ').filter(|w| !w.is_empty()).count(),
                    )
                });
                let got = words
                    .as_ref()
                    .and_then(|w| t.find(w))
                    .map(|m| (m.start, m.words));
                assert_eq!(got, want, "{name} on {window:?}");
                matched[i] += usize::from(want.is_some());
                let near = words.as_ref().is_some_and(|w| w.near_end(NOT, 2));
                assert_eq!(near, not.is_match(&window), "not on {window:?}");
            }
        }
        // Each pattern matched often enough for the comparison to mean something.
        assert!(matched.iter().all(|&m| m > 50), "{matched:?}");
    }

    fn flagged(text: &str) -> Vec<String> {
        crate::test_checker()
            .check(text, &Context::default())
            .expect("checks")
            .iter()
            .filter(|f| f.rule == "harassment" && f.kind.as_deref() != Some("classifier"))
            .map(|f| crate::text::excerpt(text, f.start, f.end).to_string())
            .collect()
    }

    #[test]
    fn insults_aimed_at_someone() {
        assert_eq!(flagged("@jo_b you're pathetic"), ["you're pathetic"]);
        assert_eq!(flagged("you absolute clown"), ["you absolute clown"]);
        assert_eq!(
            flagged("@councillor is an idiot"),
            ["@councillor is an idiot"]
        );
        assert_eq!(flagged("Dave is such a loser"), ["Dave is such a loser"]);
        assert_eq!(flagged("ur so stupid"), ["ur so stupid"]);
        assert_eq!(flagged("She is trashy."), ["She is trashy"]);
        assert_eq!(flagged("They are so deluded."), ["They are so deluded"]);
        // A compliment denied.
        assert_eq!(
            flagged("Liberals are not very smart"),
            ["Liberals are not very smart"]
        );
        assert!(flagged("I'm not very smart at maths").is_empty());
        // Stretched words, read with their neighbours.
        assert_eq!(flagged("you're an idiooooot"), ["you're an idiooooot"]);
        assert_eq!(flagged("@dave is a looooser"), ["@dave is a looooser"]);
        assert_eq!(flagged("go kiiiill yourself"), ["go kiiiill yourself"]);
        // A hashtag in capitalised words is read as its words.
        assert_eq!(flagged("#GoKillYourself"), ["GoKillYourself"]);
        assert_eq!(flagged("@dave #YoureAnIdiot"), ["YoureAnIdiot"]);
        assert_eq!(flagged("she's a cow"), ["she's a cow"]);
        assert_eq!(flagged("@jo she is delusional!"), ["she is delusional"]);
        assert_eq!(flagged("you traitor"), ["you traitor"]);
        assert_eq!(flagged("He is a douche"), ["He is a douche"]);
        assert_eq!(flagged("@jo you are awful."), ["you are awful"]);
        assert_eq!(flagged("MJ is a clown show"), ["MJ is a clown show"]);
        assert_eq!(flagged("he is a complete mug"), ["he is a complete mug"]);
        assert_eq!(flagged("@jo you scrounger"), ["you scrounger"]);
        // An insulting adjective before the insult, and British insults.
        assert_eq!(
            flagged("@dave you clueless muppet"),
            ["you clueless muppet"]
        );
        assert_eq!(
            flagged("Mr Okafor is a pompous windbag"),
            ["Okafor is a pompous windbag"]
        );
        assert_eq!(
            flagged("you're a laughing stock"),
            ["you're a laughing stock"]
        );
    }

    /// An insult that is also an everyday noun names a kind of the next word ("a pig farmer"),
    /// unless a comma or stop ends it there, or the next word is a small word, an adverb, a word
    /// said to the reader or a word of the lists.
    #[test]
    fn everyday_nouns_in_compounds() {
        for t in [
            "He is a pig farmer in Wales",
            "She is a fraud analyst at Barclays",
            "She is a Fraud Analyst at Barclays",
            "Our new starter is a git expert",
            "He is a snake charmer",
            "You are a joke writer now?",
            "She is a clown doctor at the children's hospital",
            "He is filthy rich",
            "You are an awful lot taller than last year",
        ] {
            // Neither the word lists nor the classifier (which reads "she is a fraud" as abuse).
            let found = crate::test_checker()
                .check(t, &Context::default())
                .expect("checks");
            assert!(
                found.iter().all(|f| f.rule != "harassment"),
                "{t:?}: {found:?}"
            );
        }
        for (t, said) in [
            ("He is a pig, farmers say", "He is a pig"),
            ("She is a fraud and a liar", "She is a fraud"),
            ("you're a joke mate", "you're a joke"),
            ("you a clown boy", "you a clown"),
            ("He is a fraud lol", "He is a fraud"),
            ("he is the biggest fraud ever", "he is the biggest fraud"),
            ("You are a troll honestly", "You are a troll"),
            ("He is a snake 🐍 charmer", "He is a snake"),
            ("you're a joke Dave", "you're a joke"),
        ] {
            assert!(
                flagged(t).contains(&said.to_string()),
                "{t:?}: {:?}",
                flagged(t)
            );
        }
    }

    #[test]
    fn bullying_and_self_harm() {
        assert_eq!(flagged("Nobody likes you"), ["Nobody likes you"]);
        assert_eq!(flagged("just go kill yourself"), ["go kill yourself"]);
        assert_eq!(flagged("kys"), ["kys"]);
        assert!(flagged("Don't ever kill yourself, whatever they say").is_empty());
        assert!(flagged("Please never neck yourself over a bad review").is_empty());
        assert_eq!(flagged("Never mind, go neck yourself"), ["neck yourself"]);
        assert_eq!(flagged("Oh just get lost"), ["get lost"]);
        assert_eq!(flagged("sod off and don't come back"), ["sod off"]);
        assert_eq!(
            flagged("do one mate, nobody wants you here"),
            ["nobody wants you"]
        );
        assert_eq!(
            flagged("go jump off a bridge"),
            ["go jump off", "jump off a bridge"]
        );
        // The rule's allow list: an idiom.
        assert!(flagged("Get lost in a good book this half term!").is_empty());
        assert_eq!(flagged("go die in a ditch"), ["go die"]);
        assert_eq!(flagged("hurry up and die"), ["hurry up and die"]);
        assert_eq!(flagged("neck urself"), ["neck urself"]);
        assert_eq!(
            flagged("do us all a favour and top yourself"),
            ["and top yourself"]
        );
        // The writer speaking of themselves; "top yourself" as "outdo yourself".
        for t in [
            "I could go die in a hole, so embarrassing",
            "I'm gonna go die in bed now",
            "You have to find a way to top yourself this year",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    #[test]
    fn shut_up_in_delight_is_no_bullying() {
        assert_eq!(flagged("shut up you idiot"), ["shut up", "you idiot"]);
        for t in [
            "Shut up, that's hilarious 😂😂😂",
            "Shut up! You got engaged?! Congratulations!! 💍",
            "oh shut up lol",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
        // Nor does the classifier or the tone read it as hostile: the cleared words are no
        // evidence.
        let findings = crate::test_checker()
            .check("Shut up, that's hilarious 😂😂😂", &Context::default())
            .expect("checks");
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn insults_exclaimed() {
        assert_eq!(flagged("What a loser."), ["What a loser"]);
        assert_eq!(flagged("what an utter moron"), ["what an utter moron"]);
        assert_eq!(flagged("you gormless numpty"), ["you gormless numpty"]);
        // Everyday nouns too, but not when they describe what follows.
        assert_eq!(flagged("what a slimy rat"), ["what a slimy rat"]);
        assert_eq!(
            flagged("your husband is a spineless wimp"),
            ["your husband is a spineless wimp"]
        );
        assert!(flagged("what a pig sty").is_empty());
        assert!(flagged("what a failure that was").is_empty());
        for t in [
            "What an idiot I am, left my keys at home",
            "What an awful day",
            "@LFC What an awful team",
            "what a joke",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    #[test]
    fn not_aimed_at_a_person() {
        for t in [
            "That was a stupid idea",
            "you're not stupid, you're tired",
            "I felt like an idiot",
            "The weather is rubbish",
            "This is pathetic weather",
            "Trash collection is on Monday",
            "you are brilliant",
            "Thank you, you're a star",
            "The bride looked drop dead gorgeous",
            "'Brassic' is filthy and funny and I won't apologise for enjoying it",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
