use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{Entry, Hit, LexiconBuilder};
use crate::policy::PolicyPack;
use crate::text::tail::{Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/threat.txt"));

declare_rule! {
    /// Threats of violence or harm: the writer saying they will hurt someone ("I'll kill
    /// you"), harm wished or called for, and set phrases ("watch your back").
    ///
    /// In detail: the writer saying they will hurt someone ("I'll kill
    /// you", "we're gonna smash your face in", "I could strangle him", "I'm gonna beat the shit
    /// out of you"), harm wished on someone
    /// ("he should be shot", "they deserve to be hanged", "hope you get stabbed"), death wished
    /// on someone ("wishing slow death", "get dead already"), killing a people called for
    /// ("genocide is the answer"), harm the writer says they enjoy seeing ("love watching them
    /// die", "happy to see it burn") and set phrases ("watch your back", "I know where you
    /// live", "you'll pay for this", "see what happens to your car", "I'll torch your van", "you'll
    /// end up in the canal"). Disguised words count as the words they stand for ("k!ll",
    /// "kiiiill": a stretched word is read again, shortened, with the words around it).
    ///
    /// A violent verb counts only with a speaker who means to do it ("I'll", "I will", "I'm
    /// going to", "gonna", "I could", "let's") and a person it is aimed at ("you", "him",
    /// "her", "them", an @mention, "your face", "your kids"…, someone pointed at: "that
    /// woman", "those idiots", "that landlord", but not "beat that guy at chess" or "hit this
    /// guy up"; "anyone who", "the lot of them", but not "beat anyone who challenges me"). "I
    /// could murder a curry" and "this heat is killing me" are not threats, nor are "you're
    /// dead right", "dead to me" and "you can sleep when you're dead", nor a game won ("we'll
    /// beat them on Saturday", "I'll destroy you at Mario Kart", "smash them in the final",
    /// "bury them next season": "beat", "smash", "destroy", "batter", "bury" or "murder" and
    /// then "at" something other than a place, "against", a match or a day, or a score; but not
    /// "beat you at the park", "with a bat" or "your face"), nor "we beat them 3-0"
    /// (a bare "I" or "we" before a
    /// verb whose past is its present: what happened, not what will). A refused verb ("we will
    /// never hurt you") is no threat, and idioms ("hit the gym", "smashed it", "killing me",
    /// "strong as hell") are listed as such: their words are not the classifier's evidence of
    /// abuse either. Nor are "kill them with kindness" (a phrase of the rule's allow list),
    /// "shoot her a message" or "kill him off" (a character). "Her" followed by a noun is
    /// hers, not her ("I'll cut her hair", "we will beat her record"), and "them" followed by
    /// how ("cut them into cubes", "burn them onto a CD") may be things, unless it is where on
    /// a body or with a weapon ("kill them with my bare hands").
    ///
    /// With no speaker, a call to kill counts: "kill", "murder", "stab", "shoot", "strangle",
    /// "rape", "lynch", "behead" or "hang" first in its sentence (after "just", "please" or an
    /// @mention at most) and aimed at someone other than the reader ("Kill them all", "just
    /// shoot her", "Hang them all"); "cut them into cubes", "beat them 3-0", "bomb them with
    /// questions", "shoot them in natural light", "hang them up" and a title ("Kill 'Em All")
    /// are not calls. So does a death hoped for ("I hope he dies",
    /// "hope they all die"), but not "I hope my phone dies" or a kind end ("… dies peacefully
    /// in his sleep").
    ///
    /// ## Why
    /// Threatening content is abusive and harassing, which the policy forbids, and can be a
    /// criminal offence.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullet 3 (personal accounts).
    ///
    /// ## Example
    /// "Say that again and I'll smash your face in" is flagged at "I'll smash your face".
    pub struct Threat {
        id: "threat",
        title: "Threats of violence",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "You must not upload, post, forward or post a link to any illegal, abusive, obscene, discriminatory, harassing, derogatory or defamatory content.",
        severity: Stop,
        modes: Both,
        example: "Say that again and I'll smash your face in",
    }
}

const SECTIONS: [&str; 5] = ["verb", "wish", "phrase", "idiom", "gloat"];
const VERB: u32 = 0;
const WISH: u32 = 1;
const PHRASE: u32 = 2;
/// Idioms whose violent words mean no harm ("my feet are killing me", "hit the gym").
const IDIOM: u32 = 3;
/// Harm the writer enjoys seeing done: "love watching them die", "happy to see it burn".
const GLOAT: u32 = 4;
/// What, right before a violent verb, refuses it: "do not kill", "never hit", "no right to
/// hurt", "stop killing".
static REFUSED: Tail = Tail {
    head: &[concat!(
        "dont|do not|never|stop|shouldnt|should not|must not|mustnt|wont|will not|",
        "would never|no right to|please dont|please do not|please never|not to",
    )],
    fillers: &[&["ever", "just", "try to", "go", "and"]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// The violent verbs whose past tense is the verb itself.
const SAME_IN_THE_PAST: &str = "beat cut hurt hit shut burst put";

/// Who speaks before a violent verb: "i will", "we are going to", "someone should" (a word
/// walk over the window before the verb; as a regex it was tried from every start).
static SPEAKER: Tail = Tail {
    head: &[concat!(
        "i|we|ill|im|ima|imma|were|well|id|lets|let me|gonna|someone should|",
        "somebody should|i should|we should",
    )],
    fillers: &[&[
        "will",
        "shall",
        "would",
        "could",
        "can",
        "am",
        "are",
        "going to",
        "gonna",
        "wanna",
        "want to",
        "need to",
        "have to",
        "got to",
        "gotta",
        "go",
        "go and",
        "come",
        "come and",
        "literally",
        "actually",
        "personally",
        "fucking",
        "just",
        "really",
        "totally",
        "seriously",
        "definitely",
        "soon",
        "all",
    ]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// The violent verbs that, first in a sentence and aimed at someone, call for the harm with
/// no speaker named: "Kill them all", "just stab him". Not "cut", "burn", "beat", "smash",
/// "bomb": "cut them into cubes", "beat them 3-0", "bomb them with questions" are recipes,
/// results and chatter. See [`incitement`] for "them" that may be things.
const INCITING: &str = "kill murder stab shoot strangle rape lynch behead hang";
/// The words that may come before such a verb in its sentence: "just kill them", "@name kill
/// them all".
const INCITING_LEAD: &str = "just so and then now please pls plz go @";

/// A call for harm: a verb of [`INCITING`] with nothing before it in its sentence (`before`)
/// but words of [`INCITING_LEAD`], and someone other than the reader right after it (`after`):
/// "Kill them all", "just stab him", "shoot those people". The length of `after` up to the end
/// of who it is aimed at.
fn incitement(before: &str, verb: &str, after: &str) -> Option<usize> {
    if !crate::text::in_list(INCITING, verb)
        || !before
            .split(' ')
            .all(|w| w.is_empty() || crate::text::in_list(INCITING_LEAD, w))
    {
        return None;
    }
    let rest = after.strip_prefix(' ')?;
    let first = rest.split(' ').next()?;
    let victim = if crate::text::in_list("them him her em @", first) {
        first.len()
    } else {
        "every one of them|all of them|the lot of them|these people|those people"
            .split('|')
            .find(|p| {
                rest.strip_prefix(*p)
                    .is_some_and(|r| r.is_empty() || r.starts_with(' '))
            })?
            .len()
    };
    let next = rest.get(victim..).unwrap_or("");
    (!not_a_person(verb, first, next)).then_some(1 + victim)
}

/// Whether the word after a violent verb (`first`, followed by `next`) is no person the harm
/// is aimed at: "her" that is "her hair" ("I'll cut her hair", "we will beat her record"),
/// "them" that may be things ("Aphids? Kill them with soapy water", "cut them into cubes",
/// "burn them onto a CD"), a camera that shoots people ("shoot them in natural light"), a
/// picture or a friend hung up or out to dry. Then what follows says how or whose, unless it
/// is where on a body ("shoot him in the head") or with what weapon ("with a knife").
fn not_a_person(verb: &str, first: &str, next: &str) -> bool {
    let mut words = next.split(' ').filter(|w| !w.is_empty());
    let Some(w) = words.next() else {
        return false;
    };
    // "her" + a word that is neither an adverb nor a word that ends a clause: her something.
    if first == "her"
        && !w.ends_with("ly")
        && !crate::text::in_list(super::SMALL_WORDS, w)
        && !crate::text::in_list(AFTER_AN_OBJECT, w)
    {
        return true;
    }
    // "We'll beat them on Saturday", "I'll destroy you at Mario Kart": a game, not a fight.
    if crate::text::in_list(COMPETING, verb) && competition(w, words.clone()) {
        return true;
    }
    // "Them" may be things; a camera shoots people, and pictures and friends are hung. People
    // pointed at or counted ("that guy", "all of you") may be beaten at chess or hit up.
    let pointed = first.contains(' ');
    if !(pointed || matches!(first, "them" | "em") || matches!(verb, "hang" | "shoot")) {
        return false;
    }
    let how = next.trim_start().starts_with("all over")
        || crate::text::in_list(HOW, w)
        || (verb == "hang" && matches!(w, "up" | "out" | "on"))
        || (pointed && matches!(w, "up" | "out" | "a" | "an"));
    // "in the head", "in the face"…; "with a knife", "with my bare hands"…
    let mut then = words.clone();
    let on_body = w == "in"
        && then.next() == Some("the")
        && then
            .next()
            .is_some_and(|p| crate::text::in_list("head face back leg legs chest", p));
    let armed = w == "with" && words.take(3).any(|p| crate::text::in_list(WEAPONS, p));
    how && !on_body && !armed
}

/// The violent verbs that also win games: "beat", "smash", "destroy", "batter", "bury",
/// "murder" ("we murdered them 5-0").
const COMPETING: &str = "beat smash destroy batter bury murder";

/// Whether what follows the person beaten (`w`, then `rest`) makes it a game: "at chess", "at
/// Mario Kart", "against", "in the final", "on Saturday", "next season", a score ("3-0"). A
/// place is no game: "at the park", "at home", "at school".
fn competition<'a>(w: &str, mut rest: impl Iterator<Item = &'a str> + Clone) -> bool {
    const DAYS: &str = "monday tuesday wednesday thursday friday saturday sunday sat sun";
    const GAMES: &str = concat!(
        "final finals semi semis semifinal match game games league cup derby quiz replay race ",
        "round tie playoff playoffs playoff tournament rematch pitch court field"
    );
    const DETERMINERS: &str = "the this next our their that your his her my";
    let game = |rest: &mut dyn Iterator<Item = &'a str>| {
        let next = rest.next();
        let next = match next {
            Some(d) if crate::text::in_list(DETERMINERS, d) => rest.next(),
            _ => next,
        };
        next.is_some_and(|n| crate::text::in_list(GAMES, n) || crate::text::in_list(DAYS, n))
    };
    match w {
        "against" => true,
        "at" => {
            let mut ahead = rest.clone();
            match ahead.next() {
                Some(d) if crate::text::in_list(DETERMINERS, d) => game(&mut rest),
                Some(n) => !crate::text::in_list("home school work church", n),
                None => false,
            }
        }
        "in" | "on" => game(&mut rest),
        "next" => rest
            .next()
            .is_some_and(|n| crate::text::in_list("season week weekend time year match game", n)),
        _ => w.starts_with(|c: char| c.is_ascii_digit()),
    }
}

/// The words that say how or what for after "them": "kill them with soapy water", "cut them
/// into cubes", "shoot them in natural light".
const HOW: &str = "in at with against from using for into onto before after by off open";
/// Besides the [`super::SMALL_WORDS`] ("and", "now", "in", "with"…), the words that may follow
/// "her" as a person harmed ("I'd kill her on sight", "shoot her dead"), not her something.
const AFTER_AN_OBJECT: &str = concat!(
    "dead then till until down before tonight tomorrow today soon first next one cause cuz cos ",
    "straight right hard good real rt"
);
/// What a harm done "with" is done with when it is a threat: "with a knife", "with my bare
/// hands".
const WEAPONS: &str = "knife gun hammer axe bat machete hands fists rifle";

/// What must come right before a harm wished: "should be shot", "hope you get stabbed".
const WISHED: &str = concat!(
    r"(?:^| )(?:should|shud|deserve to|deserves to|ought to|needs to|need to|must|wants to|want to|should all|deserve|deserves)",
    r"(?: all| just| fucking| really| totally)? (?:be|get|got)(?: all| fucking| publicly)? $",
    r"|(?:^| )(?:hope|wish|pray) (?:you|u|he|she|they|@|him|her|them|it|every one of them|all of them|\S+) (?:all )?(?:get|gets|got|is|are|be) (?:fucking )?$"
);
/// Whether the word of the stream at `range` is written in title case ("Em" in "Kill 'Em All",
/// Metallica's album), where a call would write it small ("kill them all") or shout it ("KILL
/// THEM ALL"). Quotes before it ("'Em") are not part of the word.
fn titled(doc: &Document, range: std::ops::Range<usize>) -> bool {
    let written = doc
        .norm
        .words
        .span(range)
        .map_or("", |(a, b)| doc.excerpt(a, b));
    super::title_case(written.trim_start_matches(|c: char| !c.is_alphabetic()))
}

/// What must come right before "die" or "dies" for a death hoped for: "I hope he dies", "hope
/// they all die", "I wish they would just die", "praying that you die". Not "I hope I die
/// laughing" nor "hope it dies down"; and see [`kind_death`].
const DEATH_HOPED: &str = concat!(
    r"(?:^| )(?:hope|hoping|wish|pray|praying)(?: that)? (?:you|u|he|she|they|him|her|them|@)",
    r"(?: all| just| would| will| could| fucking)* $"
);

/// Whether the words after "die" (`after`) make the hope a kind one: "I hope he dies
/// peacefully", "… in his sleep", "… of old age", "… happy", "… of laughter".
fn kind_death(after: &str) -> bool {
    let next = after.split(' ').find(|w| !w.is_empty()).unwrap_or("");
    crate::text::in_list("peacefully peaceful happy happily laughing old", next)
        || concat!(
            " in his sleep| in her sleep| in their sleep| in my sleep| of old age| of laughter|",
            " of embarrassment"
        )
        .split('|')
        .any(|p| after.starts_with(p))
}

/// What must come before a harm enjoyed: "love watching them die".
const ENJOYED: &str = concat!(
    r"(?:^| )(?:love|loved|loving|enjoy|enjoyed|enjoying|happy|glad|lmao|lol|haha|cant wait)",
    r"(?: while)? (?:watching|to see|seeing|to watch)(?: [^ ]+){0,5} $"
);

/// Whether the window before a wished or enjoyed harm ends as its regex needs ("… be ", "… get
/// fucking "; "watching" among the last six words): asked first, as the regex tries every start
/// of the window.
fn may_end(tag: u32, window: &str) -> bool {
    let last = crate::text::tail::last_words::<6>(window);
    if tag == WISH {
        let [w0, w1, ..] = last;
        let end = if matches!(w0, "all" | "fucking" | "publicly") {
            w1
        } else {
            w0
        };
        matches!(end, "be" | "get" | "got" | "gets" | "is" | "are")
    } else {
        last.iter()
            .any(|w| matches!(*w, "watching" | "see" | "seeing" | "watch"))
    }
}

/// Someone's body, kin or home after a violent verb: "your face", "his stupid head", "their
/// houses".
const BODY_OR_KIN: &str = r"^ (?:your|ur|yer|his|her|their)(?: fucking| stupid| ugly| fat| little)? (?:face|head|heads|legs|neck|throat|arms?|nose|jaw|teeth|skull|kneecaps|ass|arse|family|kids|children|houses?|homes?|cars?|dog)\b";

impl Rule for Threat {
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
            // The section the finding is told as (a hoped-for death is a wish, not a gloat).
            let mut kind = entry.tag;
            let (from, to) = match entry.tag {
                crate::EXTRA_TERM_TAG | IDIOM => continue,
                VERB => {
                    let before = doc.before(h.start, 50);
                    let after = doc.after(h.end, 50);
                    // Where the regex `(?:^| )speaker(?: filler)* $` would start: the space
                    // before the speaker, or the window's start.
                    let (m_start, v) = match Words::of(before).and_then(|w| SPEAKER.find(&w)) {
                        Some(m) => {
                            // "We beat them 3-0", "I hurt him by accident": a bare "I" or "we"
                            // before a verb whose past is its present tells what happened, not
                            // what will.
                            if m.words == 1
                                && crate::text::in_list(SAME_IN_THE_PAST, &entry.norm)
                                && matches!(before.get(m.start..), Some("i " | "we "))
                            {
                                continue;
                            }
                            // Who is harmed: a person ("you", "him", "them"), unless it is
                            // none ("cut her hair", "burn them onto a CD"), or someone's body,
                            // kin or home ("your face", "their houses").
                            let person = regex!(
                                concat!(
                                    r"^ (?:the (?:shit|crap|hell|fuck|living daylights|life|stuffing) out of )?",
                                    r"(?:you|u|ya|yall|him|her|them|every one of you|all of you|each of you|@|the lot of (?:you|them)|",
                                    r"all of them|every one of them|anyone who|anybody who|",
                                    r"(?:that|this|those|these) (?:fucking |stupid |little |fat |ugly )?(?:woman|man|guy|girl|boy|",
                                    r"lady|bloke|kid|bitch|bastard|cunt|prick|twat|idiot|moron|fucker|women|men|guys|girls|boys|kids|",
                                    r"bitches|bastards|cunts|idiots|people|landlord|landlady|ref|referee|teacher|manager|boss|",
                                    r"neighbour|neighbours|driver|cop|copper))(?: |$)"
                                )
                            )
                            .find(after)
                            .filter(|v| {
                                let first = after.get(1..v.end()).unwrap_or("").trim_end();
                                // "I'll beat anyone who challenges me": a game, whatever follows.
                                let game = first.starts_with("any")
                                    && crate::text::in_list(COMPETING, &entry.norm);
                                !(game || not_a_person(&entry.norm, first, &after[v.end()..]))
                            });
                            let Some(v) = person.or_else(|| regex!(BODY_OR_KIN).find(after)) else {
                                continue;
                            };
                            let v = v.end();
                            (m.start.saturating_sub(1), v)
                        }
                        // No speaker: a call to kill someone, the verb first in its sentence.
                        None => match incitement(before, &entry.norm, after) {
                            // "Kill 'Em All", a title: the victim written as a title writes it.
                            Some(v) if !titled(doc, h.end + 1..h.end + v) => (0, v),
                            _ => continue,
                        },
                    };
                    // Refused ("we will never hurt you"): asked last, as it is rare.
                    if doc.cleared(h) {
                        continue;
                    }
                    let from = doc.start_in_window(h.start, before, m_start, a);
                    let to = doc
                        .norm
                        .words
                        .span(h.end..h.end + v)
                        .map_or(b, |(_, e)| e.max(b));
                    (from, to)
                }
                WISH | GLOAT => {
                    // Harm wished ("should be shot", "hope you get stabbed") or enjoyed ("love
                    // watching them die"): what must come right before the word.
                    let (max, pattern) = if entry.tag == WISH {
                        (60, regex!(WISHED))
                    } else {
                        (80, regex!(ENJOYED))
                    };
                    let before = doc.before(h.start, max);
                    let found = if may_end(entry.tag, before) {
                        pattern.find(before)
                    } else {
                        None
                    };
                    // Death hoped for: "I hope he dies", "hope they all die" (a wish).
                    let m = match found {
                        Some(m) => m.start(),
                        None if matches!(entry.norm.as_str(), "die" | "dies")
                            && !kind_death(doc.after(h.end, 30)) =>
                        {
                            match regex!(DEATH_HOPED).find(before) {
                                Some(m) => {
                                    kind = WISH;
                                    m.start()
                                }
                                None => continue,
                            }
                        }
                        None => continue,
                    };
                    (doc.start_in_window(h.start, before, m, a), b)
                }
                _ if doc.cleared(h) => continue,
                _ => (a, b),
            };
            cx.push(
                out,
                from,
                to,
                format!(
                    "“{}” reads as a threat of violence. The policy forbids abusive content, and threats can be a criminal offence.",
                    doc.excerpt(from, to)
                ),
                SECTIONS.get(kind as usize).copied().unwrap_or("threat"),
                Some("Remove it, even if it was meant as a joke."),
            );
        }
    }

    /// None: its words (violent verbs, wishes, phrases, idioms) say what is done, not to whom.
    fn names_someone(&self, _entry: &Entry) -> bool {
        false
    }

    /// An idiom ("my feet are killing me", "hit the gym", "strong as hell"), a violent verb
    /// that sends or writes someone off ("shoot you an email", "kill him off"), a violent verb
    /// that is refused ("do not kill people", "never hurt a child", "no right to hurt her"), and
    /// "you're dead" that is not a threat: "dead" as an intensifier ("you're dead right", "you
    /// are dead wrong", "dead serious"), "dead to me", or an idiom after "when" or "if" ("you can
    /// sleep when you're dead").
    fn clears(&self, doc: &Document, h: &Hit, entry: &Entry) -> bool {
        if entry.tag == IDIOM {
            return true;
        }
        if entry.tag == VERB {
            // "shoot her a message", "shoot them a quick text", "kill him off" (a character).
            let mut next = doc.after(h.end, 40).split(' ').filter(|w| !w.is_empty());
            let sent = match (entry.norm.as_str(), next.nth(1)) {
                ("shoot", Some(w)) => matches!(w, "a" | "an"),
                ("kill", Some(w)) => w == "off",
                _ => false,
            };
            return sent
                || Words::of(doc.before(h.start, 40)).is_some_and(|w| REFUSED.find(&w).is_some());
        }
        /// The words after "dead" that make it mean "completely" (or "dead to me").
        const DEAD_AS_IN: &str = concat!(
            "right wrong on set serious seriously tired certain sure good funny cute accurate ",
            "spot straight last centre center to lucky proud excited"
        );
        /// The words before "you're dead" that make it a condition or a time, not a threat.
        const DEAD_WHEN: &str = "when if until till once after unless";
        entry.tag == PHRASE
            && matches!(entry.norm.as_str(), "you are dead" | "youre dead")
            && (doc
                .after(h.end, 20)
                .split([' ', '\n'])
                .find(|w| !w.is_empty())
                .is_some_and(|w| crate::text::in_list(DEAD_AS_IN, w))
                || doc
                    .before(h.start, 20)
                    .split([' ', '\n'])
                    .rfind(|w| !w.is_empty())
                    .is_some_and(|w| crate::text::in_list(DEAD_WHEN, w)))
    }
}

#[cfg(test)]
mod tests {
    /// The speaker walk says what its regex said: written back as a pattern it is the original,
    /// character for character, and on 40,000 windows (cut anywhere) it starts where the regex
    /// starts.
    #[test]
    fn the_speaker_walk_agrees_with_the_regex_it_replaced() {
        use super::{Words, SPEAKER};
        let original = concat!(
            r"(?:^| )(?:i|we|ill|im|ima|imma|were|well|id|lets|let me|gonna|someone should|somebody should|i should|we should)",
            r"(?: will| shall| would| could| can| am| are| going to| gonna| wanna| want to| need to| have to| got to| gotta| go| go and| come| come and| literally| actually| personally| fucking| just| really| totally| seriously| definitely| soon| all)* $"
        );
        assert_eq!(SPEAKER.as_regex(), original);
        let re = regex_lite::Regex::new(original).expect("compiles");
        let mut vocab: Vec<&str> = vec!["kill", "you", "x", "", "and", "them", "to"];
        vocab.extend(SPEAKER.words());
        let mut matched = 0;
        for window in crate::text::tail::test_windows(0x7437, &vocab, 9, 40_000) {
            let want = re.find(&window).map(|m| m.start());
            let got = Words::of(&window)
                .and_then(|w| SPEAKER.find(&w))
                .map(|m| m.start.saturating_sub(1));
            assert_eq!(got, want, "{window:?}");
            matched += usize::from(want.is_some());
        }
        assert!(matched > 1000, "{matched}");
    }

    /// `may_end` holds wherever the wish and gloat regexes match, on 40,000 windows cut
    /// anywhere (it only saves running them where they cannot).
    #[test]
    fn may_end_holds_wherever_the_regexes_match() {
        use super::{may_end, ENJOYED, GLOAT, WISH, WISHED};
        let mut vocab: Vec<&str> = vec![
            "x", "", "you", "u", "@", "them", "all", "of", "every", "one", "\n", "really",
        ];
        for p in [WISHED, ENJOYED] {
            vocab.extend(
                p.split(|c: char| !c.is_ascii_lowercase())
                    .filter(|w| w.len() > 1),
            );
        }
        let mut matched = [0usize; 2];
        for (k, (tag, pattern)) in [(WISH, WISHED), (GLOAT, ENJOYED)].into_iter().enumerate() {
            let re = regex_lite::Regex::new(pattern).expect("compiles");
            let mut skipped = 0;
            for window in crate::text::tail::test_windows(0x3a7 + k as u64, &vocab, 8, 40_000) {
                let found = re.is_match(&window);
                assert!(!found || may_end(tag, &window), "{window:?}");
                matched[k] += usize::from(found);
                skipped += usize::from(!may_end(tag, &window));
            }
            // It must also save work: most windows are skipped.
            assert!(skipped > 20_000, "{skipped}");
        }
        assert!(matched.iter().all(|&m| m > 150), "{matched:?}");
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("threat", text)
    }

    #[test]
    fn threats() {
        assert_eq!(
            flagged("Say that again and I'll smash your face in"),
            ["I'll smash your face"]
        );
        assert_eq!(flagged("I will kill you"), ["I will kill you"]);
        // Stretched words: the short forms are read with their neighbours.
        assert_eq!(flagged("I'll kiiiill you"), ["I'll kiiiill you"]);
        assert_eq!(flagged("I will kill youuuu"), ["I will kill youuuu"]);
        // "The shit out of": the person comes after it.
        assert_eq!(
            flagged("I'm gonna beat the shit out of you"),
            ["I'm gonna beat the shit out of you"]
        );
        assert_eq!(
            flagged("we'll kick the living daylights out of him"),
            ["we'll kick the living daylights out of him"]
        );
        assert!(flagged("we'll beat the hell out of them on Saturday").is_empty());
        assert!(flagged("I'm gonna beat the hell out of this cold").is_empty());
        assert_eq!(flagged("I'll slit your throat"), ["I'll slit your throat"]);
        assert!(flagged("gonna slit them open and take the seeds out").is_empty());
        assert_eq!(
            flagged("I'm gonna smaaash your faaaace in"),
            ["I'm gonna smaaash your faaaace"]
        );
        assert_eq!(flagged("im gonna stab him"), ["im gonna stab him"]);
        assert_eq!(flagged("He should be shot"), ["should be shot"]);
        assert_eq!(
            flagged("they deserve to be hanged"),
            ["deserve to be hanged"]
        );
        assert_eq!(flagged("Watch your back."), ["Watch your back"]);
        assert_eq!(flagged("I know where you live"), ["I know where you live"]);
        assert_eq!(flagged("hope you get raped"), ["hope you get raped"]);
        assert_eq!(
            flagged("you're dead. watch your back"),
            ["you're dead", "watch your back"]
        );
        assert_eq!(flagged("You are dead, mate"), ["You are dead"]);
        // Harm promised without a violent verb of the list.
        assert_eq!(
            flagged("Keep talking and see what happens to your car"),
            ["see what happens to your"]
        );
        assert_eq!(flagged("Friday or I torch your van"), ["torch your"]);
        assert!(flagged("Bring a torch for your walk").is_empty());
        assert_eq!(flagged("we will beat them up"), ["we will beat them"]);
        assert_eq!(flagged("I'll hurt you"), ["I'll hurt you"]);
        // Death wished on someone, and killing a people called for.
        assert_eq!(
            flagged("Every night I was wishing slow death for him"),
            ["wishing slow death"]
        );
        assert_eq!(
            flagged("do us all a favour and get dead already"),
            ["get dead already"]
        );
        assert_eq!(
            flagged("Genocide is the answer."),
            ["Genocide is the answer"]
        );
        // Harm the writer enjoys seeing.
        assert_eq!(
            flagged("I love watching those people get killed, ha ha"),
            ["love watching those people get killed"]
        );
        assert_eq!(
            flagged("Very happy to see it burn to dust"),
            ["happy to see it burn"]
        );
        // A call to kill, with no speaker: the verb first in its sentence.
        assert_eq!(flagged("Kill them all."), ["Kill them"]);
        assert_eq!(flagged("KILL THEM ALL"), ["KILL THEM"]);
        assert_eq!(flagged("Holy shit! Just shoot her."), ["Just shoot her"]);
        assert_eq!(flagged("@someone stab him"), ["@someone stab him"]);
        assert_eq!(flagged("shoot him in the head"), ["shoot him"]);
        // Death hoped for.
        assert_eq!(flagged("I hope he dies"), ["hope he dies"]);
        assert_eq!(
            flagged("I wish they would just die"),
            ["wish they would just die"]
        );
        assert_eq!(flagged("Hope they all die."), ["Hope they all die"]);
        // More verbs that call for killing, and who or what is harmed.
        assert_eq!(flagged("Hang them all"), ["Hang them"]);
        assert_eq!(flagged("lynch him"), ["lynch him"]);
        assert_eq!(flagged("Behead them, every one"), ["Behead them"]);
        assert_eq!(
            flagged("Someone should put a bullet in him"),
            ["Someone should put a bullet in him"]
        );
        assert_eq!(
            flagged("Let's burn their houses down"),
            ["Let's burn their houses"]
        );
        assert_eq!(flagged("I will beat your ass"), ["I will beat your ass"]);
        assert_eq!(flagged("I'd kill her on sight"), ["I'd kill her"]);
        assert_eq!(flagged("I will kill her slowly"), ["I will kill her"]);
        assert_eq!(
            flagged("I'll smash her stupid face in"),
            ["I'll smash her stupid face"]
        );
        assert_eq!(
            flagged("I'll kill them with my bare hands"),
            ["I'll kill them"]
        );
        assert_eq!(flagged("Kill them with a knife"), ["Kill them"]);
    }

    /// Someone pointed at ("that woman", "those idiots") is someone a threat is aimed at.
    #[test]
    fn people_pointed_at() {
        assert_eq!(
            flagged("I'm going to kill that woman"),
            ["I'm going to kill that woman"]
        );
        // Someone by their role, anyone, a whole group; disguised verbs too.
        assert_eq!(
            flagged("Gonna k!ll that landlord"),
            ["Gonna k!ll that landlord"]
        );
        assert_eq!(
            flagged("I'll st4b anyone who comes near my family"),
            ["I'll st4b anyone who"]
        );
        assert_eq!(
            flagged("Gonna shoot the lot of them"),
            ["Gonna shoot the lot of them"]
        );
        assert!(flagged("I will beat anyone who challenges me at chess").is_empty());
        assert_eq!(
            flagged("im gonna murder that fucking cunt"),
            ["im gonna murder that fucking cunt"]
        );
        assert_eq!(
            flagged("I could stab that man in the face"),
            ["I could stab that man"]
        );
        assert_eq!(
            flagged("we will kill those idiots with our bare hands"),
            ["we will kill those idiots"]
        );
        // How, when or to what end: no harm done to a person.
        for t in [
            "I'll beat that guy at chess",
            "I'm gonna hit this guy up later",
            "I'll shoot that man an email",
            "I'm going to end that man's career",
            "we will beat those people by 10 points",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }

    /// A hoped-for death is told as a wish, not as harm enjoyed.
    #[test]
    fn a_hoped_for_death_is_a_wish() {
        let kinds: Vec<_> = crate::test_checker()
            .check("I hope he dies", &crate::Context::default())
            .expect("checks")
            .into_iter()
            .filter(|f| f.rule == "threat")
            .map(|f| f.kind.map(|k| k.to_string()))
            .collect();
        assert_eq!(kinds, [Some("wish".to_string())]);
    }

    #[test]
    fn not_threats() {
        for t in [
            "I could murder a curry",
            "My boss will murder me if I'm late again",
            "This heat is killing me",
            "We will beat cancer together",
            "I'll kill it at the interview tomorrow",
            "The photo was shot in Bedford",
            "Kids were killed in the crash, so sad",
            "I'll cut the cake at 3",
            "You're dead right about that",
            "We beat them 3-0, get in!",
            "I hurt him by accident and said sorry",
            "We will never hurt you, we are here to help",
            "I'll hit the gym and then hit the road",
            "We smashed it at the quiz, we'll smash it again next week",
            "you are dead wrong, it was 2019",
            "You can sleep when you're dead!",
            "If you're dead serious about it, apply",
            "The high street is dying a slow death",
            "I love watching the sun go down",
            "So happy to see you all at the coffee morning",
            "Plants die if you forget to water them",
            "Don't let the toast burn!",
            "Learning about the genocide in Rwanda in history today",
            // Not first in the sentence, not a verb that calls for killing, an idiom.
            "I watched him kill them all in the final level",
            "Cut them into cubes and fry them",
            "Beat them 3-0 on Saturday!",
            "Kill the lights when you leave",
            "Shoot them an email and ask",
            "I'll shoot you a text later",
            "Shoot him a quick email",
            "Kill them with kindness, always",
            "Please kill him off in the next series, he is boring",
            "Bomb them with questions at the Q&A!",
            "Shoot them in natural light, the photos look better",
            "Aphids on the roses? Kill them with soapy water.",
            "Kill 'Em All is still Metallica's best album",
            "Stab them all over with a fork and bake for an hour",
            // "her" that is her something, "them" that are things, a picture or a friend hung.
            "I'll cut her hair tomorrow",
            "I'm gonna shoot her wedding next week",
            "We will beat her record by Christmas",
            "I'm gonna cut them into cubes",
            "We'll burn them onto a CD",
            "I'll shoot them in natural light tomorrow",
            "I'll hang them up in the hall",
            "We'll hang you out to dry",
            "Hang in there, nearly Friday!",
            "Hang 'Em High is a great western",
            // A death that is not wished on anyone, or a kind one.
            "I hope I die laughing at this",
            "hope it dies down soon",
            "I hope my phone dies before the meeting",
            "I hope he dies peacefully in his sleep at 100",
            "Hope they die of laughter at this one",
            // Games won, not fights.
            "Let's beat them on Saturday!",
            "We're going to smash them in the final",
            "I'm going to beat you at chess",
            "I'll destroy you at Mario Kart tonight",
            "We will bury them next season",
            "We'll beat them at the quiz",
            "I'll beat you 6-0",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
        // A place, a weapon, a body or "up" is no game.
        for t in [
            "I'm going to beat you at the park",
            "I'll batter you at home",
            "I will beat you with a bat at the match",
            "I'll smash your face in on Saturday",
            "I'm going to beat you up",
            "I'm going to kill you at the match",
        ] {
            assert!(!flagged(t).is_empty(), "{t:?} not flagged");
        }
    }

    /// A beating called for, and a death by bus hoped for (not one that nearly happened).
    #[test]
    fn a_good_kicking_and_a_bus() {
        assert_eq!(
            flagged("He deserves a good kicking"),
            ["deserves a good kicking"]
        );
        assert_eq!(
            flagged("I hope he gets hit by a bus"),
            ["hope he gets hit by a bus"]
        );
        assert!(flagged("I nearly got hit by a bus today").is_empty());
    }

    #[test]
    fn threats_without_a_listed_verb_and_a_decking() {
        assert_eq!(
            flagged("sleep with one eye open"),
            ["sleep with one eye open"]
        );
        assert_eq!(
            flagged("you'll get what's coming to you"),
            ["you'll get what's coming"]
        );
        assert_eq!(
            flagged("we know where you work @hr_lisa"),
            ["we know where you work"]
        );
        assert_eq!(flagged("he needs a good hiding"), ["needs a good hiding"]);
        assert_eq!(flagged("she needs a good slap"), ["needs a good slap"]);
        assert_eq!(
            flagged("I hope someone runs you over"),
            ["hope someone runs you over"]
        );
        assert_eq!(
            flagged("one more word and I'll deck you"),
            ["I'll deck you"]
        );
        assert!(flagged("We'll deck the halls on Friday").is_empty());
        assert_eq!(
            flagged("I swear down I'll knock you out next time"),
            ["I'll knock you out"]
        );
        assert!(flagged("this cocktail will knock you out").is_empty());
    }
}
