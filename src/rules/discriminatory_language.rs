use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::{Finding, Severity};
use crate::lexicon::{Entry, Hit, LexiconBuilder};
use crate::policy::PolicyPack;
use crate::text::tail::{Fillers, Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/discriminatory.txt"));

declare_rule! {
    /// Slurs and derogatory terms about protected characteristics, and dehumanising talk of
    /// a group ("immigrants are vermin").
    ///
    /// The characteristics: race, religion, sex, sexual orientation, gender identity and
    /// disability; dehumanising comparisons of a group ("immigrants are vermin") and "go back
    /// to your country"-style abuse count too.
    ///
    /// Disability slurs get particular care, as disability is this service's own field: "retard", "spaz",
    /// "mong", "window licker", and mockery of disabled people without a slur ("the weirdest
    /// autistic", "get rid of your autistic son"). Hate aimed at a whole group is caught
    /// without a slur too: "<group> are vermin / a disease / not people" (or "are like rats",
    /// "are no better than animals"), "filthy <group>", people compared to vermin without a
    /// group's name ("they are parasites", "expel these leeches", "cockroaches like you"; a word
    /// that also names real animals needs "are": "these dogs need walking" is about dogs),
    /// "deport all <group>", "<group> must be hanged", "we don't want <group> here", "<group>
    /// don't belong here"; harm that is refused ("stop killing
    /// <group>") and a group that is only mentioned ("send disabled children to school",
    /// "the disabled people's forms") are not flagged.
    ///
    /// Decisions on borderline words: "Paki" is a slur, "Pakistan" and "Pakistani" are not;
    /// "spastic" is flagged except in clinical names ("spastic diplegia", "spastic cerebral
    /// palsy"); "homo" is flagged except in "homo sapiens"; "queer" and "gay" are not flagged
    /// (reclaimed and mostly neutral; a sentence that uses them as insults is caught by
    /// harassment); "negro" in a Spanish sentence (or a short sentence of a Spanish message) or
    /// after a Spanish article ("el negro") is the Spanish word for black; "coon" in hunting terms
    /// ("coon hound", "coon tracks") or beside wildlife and hunting words ("squirrels and coons",
    /// "the dog ran a coon up the pole") is a raccoon; "chinks in the armour" is an idiom, "tighty
    /// whities" underwear, "spick and span" spotless, "kaffir lime" a fruit, "midget gems" sweets
    /// and "Mong Kok" a district of
    /// Hong Kong, "Van Dyke" a name, "Offa's Dyke" and "Devil's Dyke" places; "faggots" beside food
    /// words ("faggots in onion gravy", "faggots and peas", "Mr Brain's faggots") are the dish;
    /// "dykes" beside words of water ("the dykes in the Fens are full") are banks and ditches;
    /// "a chink of light" is an idiom;
    /// "roastie" is not listed (the incel slur is rare, roast potatoes are every Sunday in the
    /// UK); "doo wop" is music, so "wop" is not listed; "retard" is a word, so "fire retardant"
    /// is not flagged. A whole word cut off by the ellipsis of a shortened retweet ("RT @a: … last
    /// nig…") is not judged (its whole word is not known), nor is the rest of a word split after
    /// its first letter by a hyphen, as acrostics are written ("R-edistributed A-mong T-heir
    /// S-upporters"; a stutter, "r-retard", still counts). Disguised spellings are folded as for
    /// obscene language. A slur named as a word rather than aimed ("the word retard hurts",
    /// "calling someone a spaz is never banter", "my son got called a retard on the bus",
    /// "stop saying “retard”") is a warning, not a stop, suggesting "the r-word": awareness
    /// posts do this, and readers still see the slur.
    ///
    /// ## Why
    /// The policy forbids discriminatory and derogatory content, and comments that breach
    /// equality policies "will be taken seriously and may result in disciplinary action".
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullets 3 and 7 (personal accounts).
    ///
    /// ## Example
    /// "Stop acting like a retard" is flagged at "retard".
    pub struct DiscriminatoryLanguage {
        id: "discriminatory-language",
        title: "Discriminatory language",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "You must not upload, post, forward or post a link to any illegal, abusive, obscene, discriminatory, harassing, derogatory or defamatory content.",
        severity: Stop,
        modes: Both,
        example: "Stop acting like a retard",
    }
}

const SECTIONS: [&str; 10] = [
    "race",
    "religion",
    "sexuality",
    "gender",
    "disability",
    "dehumanising",
    "phrase",
    "group",
    "hateful",
    "disability-group",
];
const DEHUMANISING: u32 = 5;
const PHRASE: u32 = 6;
const GROUP: u32 = 7;
const HATEFUL: u32 = 8;
/// Disabled people, as a group or one person ("autistics", "the mentally challenged", "an
/// autistic"): a group like the others, and the target of disability mockery.
const DISABILITY_GROUP: u32 = 9;

impl Rule for DiscriminatoryLanguage {
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
        group_hate(doc, cx, out);
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            // A word cut off by a shortened retweet is not judged: not cleared, only unknown.
            if doc.cleared(h)
                || super::cut_off(doc, b, entry)
                || super::split_after_one_letter(doc, a)
            {
                continue;
            }
            let (from, to, message, kind) = match entry.tag {
                crate::EXTRA_TERM_TAG => continue,
                DEHUMANISING => {
                    // A group of the lists compared to vermin is group hate (see
                    // `group_hate`); here, people pointed at without a group's name: "they are
                    // parasites", "you people are animals", "expel these leeches", "cockroaches
                    // like you". Words that also name real animals or illnesses need "are":
                    // "these dogs need walking" is about dogs, "dogs like you" may be fond of you.
                    let before = doc.before(h.start, 60);
                    let literal = crate::text::in_list(LITERAL, &entry.norm);
                    let pointed = said_of(before, literal);
                    let like_you = regex!(r"^ like (?:you|u|yourself|yourselves)(?: |$)")
                        .find(doc.after(h.end, 20))
                        .filter(|_| !literal);
                    let (from, to) = match (pointed, like_you) {
                        (Some(m), _) => (doc.start_in_window(h.start, before, m, a), b),
                        (None, Some(m)) => (
                            a,
                            doc.norm
                                .words
                                .span(h.end..h.end + m.end())
                                .map_or(b, |(_, e)| e.max(b)),
                        ),
                        (None, None) => continue,
                    };
                    (
                        from,
                        to,
                        "This compares people to animals, vermin or disease. The policy forbids discriminatory content.".to_string(),
                        "dehumanising",
                    )
                }
                GROUP | HATEFUL | DISABILITY_GROUP => continue,
                PHRASE => (a, b, format!("“{}” is abuse aimed at people for who they are. The policy forbids discriminatory content.", doc.excerpt(a, b)), "phrase"),
                tag => {
                    let kind = SECTIONS.get(tag as usize).copied().unwrap_or("other");
                    if doc.named_as_a_word(h) {
                        // "The word retard hurts": named, not aimed; still read as the slur.
                        let mut f = cx.finding(a, b, format!("“{}” is quoted or reported here rather than used as an insult, but readers still see the slur.", doc.excerpt(a, b)));
                        f.severity = f.severity.min(Severity::Warn);
                        f.kind = Some(kind.into());
                        let initial = entry.norm.chars().next().unwrap_or('x');
                        f.suggestion = Some(format!("Refer to it without writing it out (“the {initial}-word”).").into());
                        out.push(f);
                        continue;
                    }
                    (
                        a,
                        b,
                        format!("“{}” is a slur. The policy forbids discriminatory or derogatory content, even disguised or as a joke.", doc.excerpt(a, b)),
                        kind,
                    )
                }
            };
            let mut f = cx.finding(from, to, message);
            f.kind = Some(kind.into());
            f.suggestion = Some("Remove it.".into());
            out.push(f);
        }
    }

    /// A slur, a group, a phrase of abuse; not the words that only make a pattern with a group
    /// ("<group> are *sick*", "vermin").
    fn names_someone(&self, entry: &Entry) -> bool {
        entry.tag != HATEFUL && entry.tag != DEHUMANISING
    }

    /// A word of another language in a sentence of that language ("el negro"), "coon" that is
    /// a raccoon, "faggots" with gravy, "dykes" that hold back water.
    fn clears(&self, doc: &Document, h: &Hit, entry: &Entry) -> bool {
        let word = doc.norm.words.as_str().get(h.start..h.end).unwrap_or("");
        super::foreign_homograph(doc, h, entry)
            || (matches!(word, "coon" | "coons")
                && super::word_near(doc, h, super::context_words!(RACCOON_CONTEXT), 80))
            || (matches!(word, "faggot" | "faggots")
                && super::word_near(doc, h, super::context_words!(FOOD), 60))
            || (matches!(word, "dyke" | "dykes")
                && super::word_near(doc, h, super::context_words!(WATERWAYS), 60))
    }
}

/// The dehumanising words that also name real animals or illnesses: said of people only with a
/// verb ("they are dogs"), not after "these" alone ("these dogs need walking").
const LITERAL: &str = "animals apes monkeys dogs pigs rats disease cancer plague invaders";

/// The wildlife and hunting words that, near "coon", make it the animal (a raccoon): "I run over
/// squirrels and coons", "the dog ran a coon up the pole", "trapped a coon in the barn".
const RACCOON_CONTEXT: &str = concat!(
    "squirrel squirrels possum possums opossum opossums skunk skunks raccoon raccoons racoon ",
    "racoons deer rabbit rabbits fox foxes badger badgers groundhog groundhogs armadillo ",
    "armadillos critter critters roadkill wildlife treed trap traps trapped trapping dog ",
    "dogs hound hounds chickens hunting hunter hunters",
);

/// The words that, in the sentence of "dyke" and about 60 bytes either way, make it a bank or a
/// ditch holding back water: "the dykes in the Fens are full", "walked along the sea dyke".
const WATERWAYS: &str = concat!(
    "fens fen fenland water rain flood floods flooding flooded drain drains drainage ditch ",
    "ditches sea canal canals river rivers dutch netherlands holland embankment dam dams ",
    "marsh marshes levels polder tide"
);

/// The words that, in the sentence of "faggot" and about 60 bytes either way, make it the
/// meatball of the British Midlands: "faggots in onion gravy", "faggots and peas at the chippy",
/// "Mr Brain's faggots".
const FOOD: &str = concat!(
    "gravy peas mash chips onion onions recipe recipes oven chippy butcher butchers brains ",
    "meatballs"
);

/// Hate aimed at a whole group: "<group> are <hateful>" ("Christians are all demonic", "LGBTQ+
/// are mentally ill", "Jews are lower class pigs"), harm called down on a group ("kill all
/// <group>", "deport all <group>", "send all gays to hell", "I hate <group>", "destroy islam"),
/// abuse in front of a group ("filthy <group>", "lazy <group>"), "<group> should die / deserve to
/// be abused / must be hanged" and "<group> aren't people".
///
/// The group must be what is judged: "tattoos on women are trash" and "23% of men will die of
/// cancer" are not flagged (a preposition before the group makes it an object), but "all of
/// the <group> are criminals" is.
/// Harm wished on a group, or a slur-like adjective, right before it: "deport all <group>",
/// "kill the <group>", "filthy <group>" (a word walk over the window before the group: as a
/// regex over 60 bytes, tried from every start, these 80 phrases were a tenth of the time of
/// a whole check of a tweet that names a group).
static HARM_BEFORE: Tail = Tail {
    head: &[concat!(
        "kill|killing|deport|deporting|nuke|nuking|gas|gassing|exterminate|eradicate|ban|",
        "hate|i hate|shoot|shooting|round up|get rid of|wipe out|lock up|burn|hang|",
        "hanging|lynch|sterilise|sterilize|castrate|cleanse|purge|destroy|destroying|",
        "bomb|bombing|slaughter|massacre|enslave|eliminate|euthanise|euthanize|beat up|",
        "stone|stoning|torture|hunt down|throw out|kick out|drown|tear apart|",
        "tearing apart|rip apart|filthy|dirty|stinking|stinky|smelly|lowlife|low life|",
        "disgusting|subhuman|vile|worthless|inbred|savage|degenerate|retarded|stupid|",
        "lazy|dumb|evil",
    )],
    fillers: &[&[
        "all", "every", "the", "those", "these", "them", "fucking", "dirty", "bloody", "filthy",
        "of", "off",
    ]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Where a group lives, as "we don't want <group> *here*" and "<group> don't belong *in our
/// country*" say it: one list for both patterns.
macro_rules! places {
    () => {
        r"(?:here|in (?:our|this|my) country|in (?:europe|britain|the uk|england|america))"
    };
}

/// "we don't want (any more) <group>": harm only with where after the group ("here", "in
/// our country"), as "I don't want women to be hurt" is not.
static UNWANTED_BEFORE: Tail = Tail {
    head: &["dont want|do not want|doesnt want|does not want|dont need|do not need"],
    fillers: &[&["any", "more", "these", "those", "the", "all", "no"]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// "send all <group> …" (harm only with where to, after the group).
static SEND_BEFORE: Tail = Tail {
    head: &["send"],
    fillers: &[&["all", "every", "the", "those", "these", "them"]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Who dehumanising words are said of ("they are parasites", "you people are animals", "these
/// leeches"): pointed at, then (for [`SAID_OF_LINKED`]) a link, then fillers to the window's end.
const POINTED: &str = concat!(
    "they|theyre|them|you|youre|u|ya|yall|you people|these people|those people|these|",
    "those",
);
static SAID_OF_FILLERS: &Fillers = &[&[
    "all",
    "just",
    "nothing but",
    "like",
    "basically",
    "literally",
    "such",
    "fucking",
    "filthy",
    "dirty",
    "disgusting",
    "little",
    "insolent",
    "violent",
    "pure",
    "absolute",
    "complete",
    "total",
    "bloody",
]];
/// "they are …", "you people look like …".
static SAID_OF_LINKED: Tail = Tail {
    head: &[POINTED, "are|r|re|were|is|look like|act like"],
    fillers: SAID_OF_FILLERS,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
/// "these …", "you filthy …" (words that also name real animals need the link).
static SAID_OF: Tail = Tail {
    head: &[POINTED],
    fillers: SAID_OF_FILLERS,
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Where, in `before` (a window before a dehumanising word), the people it is said of begin
/// (the space before them, or the window's start): the regex
/// `(?:^| )pointed( link)?(?: filler)* (?:a |an )?$`, leftmost, as word walks. `literal` words
/// ("rats", "dogs") count only with a link: "these dogs need walking" is about dogs.
fn said_of(before: &str, literal: bool) -> Option<usize> {
    // The article can only be the window's last word: no other phrase here is "a" or "an".
    let body = ["a ", "an "]
        .iter()
        .find_map(|art| before.strip_suffix(art).filter(|b| b.ends_with(' ')))
        .unwrap_or(before);
    let words = Words::of(body)?;
    let linked = SAID_OF_LINKED.find(&words).map(|m| m.start);
    let bare = SAID_OF.find(&words).map(|m| m.start);
    // The regex takes the leftmost start, and the link when it can (`( link)?` is greedy).
    let start = match (linked, bare) {
        (Some(l), Some(b)) if b < l => (!literal).then_some(b),
        (Some(l), _) => Some(l),
        (None, b) => b.filter(|_| !literal),
    };
    start.map(|s| s.saturating_sub(1))
}

/// Mockery of disabled people right before the group: a sneer ("the weirdest autistic", "an
/// abnormal disabled person", with at most one word between: "stupid little") or harm done to
/// them ("get rid of your autistic son", "throwing stones at paraplegic kids", "scream at deaf
/// people").
const SNEERS: &str = concat!(
    "abnormal|weird|weirdest|freak|freaky|freakish|disgusting|pathetic|useless|stupid|",
    "ugly|fat|creepy|horrible|sick|twisted|inbred|lazy|scrounging|retarded|spastic|mongy|",
    "defective|broken|subhuman",
);
static SNEER: Tail = Tail {
    head: &[SNEERS],
    fillers: &[&[]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
static SNEER_AND_WORD: Tail = Tail {
    head: &[SNEERS, "little|old|fat|ugly|stupid|fucking|bloody"],
    fillers: &[&[]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};
static MISTREAT: Tail = Tail {
    head: &[concat!(
        "get rid of|kill|killing|abort|aborting|euthanise|euthanize|put down|",
        "throw stones at|throwing stones at|throwing stones to|stone|stoning|scream at|",
        "scream on|screaming at|spit on|spitting on|lock up|locking up|be meaner to|",
        "be mean to|be so mean to|be so meaner to",
    )],
    fillers: &[&[
        "your", "my", "his", "her", "their", "the", "these", "those", "all", "every", "them",
        "that", "this", "an", "a", "little", "stupid", "fucking",
    ]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Where a sneer or mistreatment (see [`SNEER`], [`MISTREAT`]) begins before a disability group
/// (the space before it, or the window's start): the leftmost sneer, else the leftmost harm.
fn sneer_or_mistreat(w: &Words) -> Option<usize> {
    let sneer = match (SNEER.find(w), SNEER_AND_WORD.find(w)) {
        (Some(a), Some(b)) => Some(a.start.min(b.start)),
        (a, b) => a.or(b).map(|m| m.start),
    };
    sneer
        .or_else(|| MISTREAT.find(w).map(|m| m.start))
        .map(|s| s.saturating_sub(1))
}

/// Harm wished on a group, right after it: "<group> should die", "<group> are not humans",
/// "<group> don't belong here".
const HARM_AFTER: &str = concat!(
    r"^ (?:should|must|need to|needs to|deserve to|deserves to|ought to|have to|are going to|will|shall|can)",
    r"(?: all| just| fucking| really)? (?:die|be killed|be shot|be gassed|be deported|be banned|be abused|be beaten|be raped|",
    r"be locked up|be sterilised|be sterilized|go back|burn|rot|feel shame|be ashamed|be exterminated|be wiped out|not exist|not be allowed|stay in the kitchen|",
    r"not vote|not have rights|get out|leave|be hanged|be hung|hanged|be looked down upon|be euthanised|be euthanized|be put down|be eliminated|",
    r"be removed|be enslaved|be stoned|be burned|be burnt|go to hell|burn in hell|be sent back|suffer|be punished)",
    r"|^ (?:deserve|deserves|deserved) (?:to die|death|to suffer|attack|to be attacked|what they get|no rights)",
    r"|^ (?:arent|are not|is not|isnt|are no|is no)(?: real| even| fully| really| 100| 100 percent)? (?:people|humans?|human beings|persons)(?: |$)",
    r"|^ (?:dont|do not|doesnt|does not) belong ",
    places!(),
    r"(?: |$)"
);

/// The words the harm wished after a group can begin with ("should die", "are not humans",
/// "dont belong here"): asked before the regex, which tries all its phrases.
const HARM_AFTER_FIRST: &str = concat!(
    "should must need needs deserve deserves deserved ought have are will shall can arent is ",
    "isnt dont do doesnt does",
);

/// Whether the window after a group (which starts with a space) begins with a word of
/// [`HARM_AFTER_FIRST`].
fn may_harm_after(after: &str) -> bool {
    after
        .split(' ')
        .nth(1)
        .is_some_and(|w| !w.is_empty() && crate::text::in_list(HARM_AFTER_FIRST, w))
}

/// The words that make the group the object of a preposition, not the one judged: "tattoos
/// on women are …", "23% of men will die …".
const OBJECT_OF: &[&str] = &[
    "on", "in", "with", "for", "about", "to", "from", "by", "at", "than", "like",
];
/// The one word that may stand between that preposition and the group.
const OBJECT_DETERMINERS: &[&str] = &["the", "these", "those", "all", "some", "many", "most"];

/// Whether the window before a group (words and single spaces, ending with one) ends with a
/// preposition and at most one determiner: the regex
/// `(?:^| )(?:on|in|…|like|(?:^|[^ ]+ )of)(?: the| these|…| most)? $`, as a look at the last
/// two words (the regex was tried from every start of the window, for every group named).
fn object_before(window: &str) -> bool {
    let Some(body) = window.strip_suffix(' ') else {
        return false;
    };
    let words: Vec<&str> = body.rsplitn(4, ' ').collect(); // the last words, last first
    let prep_at = |k: usize| {
        words.get(k).is_some_and(|&w| {
            OBJECT_OF.contains(&w)
                // "of" after a word ("23% of"), or at the start of the window.
                || (w == "of" && words.get(k + 1).is_none_or(|before| !before.is_empty()))
        })
    };
    prep_at(0)
        || (words
            .first()
            .is_some_and(|w| OBJECT_DETERMINERS.contains(w))
            && prep_at(1))
}

fn group_hate(doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
    // The dehumanising words that, right after a group, name the group as them ("muslim
    // scum"); not "dogs" or "animals", which follow group words innocently ("Chinese dogs").
    const COMPOUND_NOUNS: &[&str] = &[
        "scum",
        "filth",
        "vermin",
        "cancer",
        "plague",
        "parasites",
        "cockroaches",
        "rats",
        "infestation",
        "subhuman",
        "savages",
        "invaders",
        "apes",
        "monkeys",
    ];
    let hits: Vec<_> = doc
        .hits_of(cx.owner())
        .filter(|(_, e, _)| matches!(e.tag, GROUP | HATEFUL | DEHUMANISING | DISABILITY_GROUP))
        .collect();
    let words = doc.norm.words.as_str();
    let link = regex!(concat!(
        r"^ (?:people |kids |children |men |women |folks )?(?:are|r|is|=|have always been|are becoming|are turning into|remain|seem)",
        r"(?: all| just| nothing but| so| very| really| literally| basically| a| an| the| such| fucking| bloody| simply| truly| clearly| obviously| always| mostly| lower class| low class| dirty| filthy| disgusting| born| like| no better than)* $"
    ));
    let harm_after = regex!(HARM_AFTER);
    // "send all <group> back", "send them to the camps": sending is harm only with where to
    // (SEND_BEFORE, then this after the group).
    let send_after = regex!(
        r"^ (?:all )?(?:back|home|packing|to hell|to the camps|to camps|to (?:the )?gas chambers|to concentration camps|to the ovens)(?: |$)"
    );
    // "we don't want <group> here": unwanted only with where (UNWANTED_BEFORE, then this).
    let here_after = regex!(concat!(r"^ ", places!(), r"(?: |$)"));
    // "the disabled people's forms", "women's football": the group is a modifier, not the target.
    let modifier = regex!(
        r"^ (?:s|peoples|mens|womens|childrens|benefits?|rights|services?|charity|charities|schools?|sports?|football|teams?|groups?|community|centres?|centers?|parking|toilets?|access|meltdowns?|behaviou?rs?|traits?|symptoms?|tendencies|stimming|tics|anxiety|spectrum|units?|assessments?|diagnos[ie]s|support|needs|provision|awareness|stigma|stereotypes?|discrimination|myths?|parents?|families|family|mums?|moms?|dads?) "
    );
    // "stop killing <group>", "we must never deport <group>": the harm is refused, not wished.
    let refused = regex!(
        r"(?:^| )(?:dont|do not|never|stop|stopped|quit|against|condemn|condemns|no one should|nobody should|shouldnt|should not|wont|will not|not|no more)(?: ever| just| be| go)?$"
    );
    let quantity = regex!(
        r"(?:^| )(?:all|most|many|some|half|none|each|every|any|majority|lot|lots) of(?: the| these| those)? $"
    );
    for &(g, ge, (ga, gb)) in &hits {
        if ge.tag != GROUP && ge.tag != DISABILITY_GROUP {
            continue;
        }
        let disability = ge.tag == DISABILITY_GROUP;
        let before = doc.before(g.start, 60);
        let before_words = Words::of(before);
        let after = doc.after(g.end, 80);
        // (The regex only where the window ends as it must: it tries every start.)
        let of_end = [" of ", " of the ", " of these ", " of those "]
            .iter()
            .any(|e| before.ends_with(e));
        let subject = !object_before(before) || of_end && quantity.is_match(before);
        // "<group> are <hateful>": the nearest hateful word after the group, with a link between.
        let judged = hits
            .iter()
            .filter(|(o, e, _)| {
                matches!(e.tag, HATEFUL | DEHUMANISING) && o.start > g.end && o.start - g.end < 80
            })
            .find(|(o, _, _)| {
                words
                    .get(g.end..o.start)
                    .is_some_and(|between| link.is_match(between))
            });
        // "<group> scum", "the LGBT cancer": the group named as vermin or disease.
        let named_as = hits.iter().find(|(o, e, _)| {
            e.tag == DEHUMANISING
                && o.start == g.end + 1
                && COMPOUND_NOUNS.contains(&e.norm.as_str())
        });
        let (from, to) = if let Some(&(_, _, (_, hb))) = judged.filter(|_| subject) {
            (ga, hb)
        } else if let Some(&(_, _, (_, hb))) = named_as {
            (ga, hb)
        } else if let Some(m_start) = before_words
            .as_ref()
            .and_then(|w| {
                // Where the regex `(?:^| )head(?: filler)* $` would start: the space before
                // the head, or the window's start.
                let at = |t: &Tail| t.find(w).map(|m| m.start.saturating_sub(1));
                at(&HARM_BEFORE)
                    .or_else(|| at(&SEND_BEFORE).filter(|_| send_after.is_match(after)))
                    .or_else(|| {
                        // Not "we don't want disabled people here to feel left out".
                        at(&UNWANTED_BEFORE).filter(|_| {
                            here_after
                                .find(after)
                                .is_some_and(|m| !after[m.end()..].starts_with("to "))
                        })
                    })
            })
            .or_else(|| {
                disability
                    .then(|| before_words.as_ref().and_then(sneer_or_mistreat))
                    .flatten()
            })
            .filter(|&m_start| !modifier.is_match(after) && !refused.is_match(&before[..m_start]))
        {
            (doc.start_in_window(g.start, before, m_start, ga), gb)
        } else if let Some(m) = (subject && may_harm_after(after))
            .then(|| harm_after.find(after))
            .flatten()
        {
            (
                ga,
                doc.norm
                    .words
                    .span(g.end..g.end + m.end())
                    .map_or(gb, |(_, e)| e.max(gb)),
            )
        } else {
            continue;
        };
        cx.push(
            out,
            from,
            to,
            format!(
                "“{}” attacks a whole group of people for who they are. The policy forbids discriminatory content.",
                doc.excerpt(from, to)
            ),
            "group-hate",
            Some("Remove it."),
        );
    }
}

#[cfg(test)]
mod tests {
    /// `object_before` says what its regex said, on 40,000 windows cut anywhere.
    #[test]
    fn object_before_agrees_with_the_regex_it_replaced() {
        let re = regex_lite::Regex::new(
            r"(?:^| )(?:on|in|with|for|about|to|from|by|at|than|like|(?:^|[^ ]+ )of)(?: the| these| those| all| some| many| most)? $",
        )
        .expect("compiles");
        let mut vocab: Vec<&str> = vec!["women", "x", "", "23%", "of", "tattoos", "\n", "a\nb"];
        vocab.extend(super::OBJECT_OF);
        vocab.extend(super::OBJECT_DETERMINERS);
        let mut matched = 0;
        for window in crate::text::tail::test_windows(0x0b1e, &vocab, 6, 40_000) {
            let want = re.is_match(&window);
            assert_eq!(super::object_before(&window), want, "{window:?}");
            matched += usize::from(want);
        }
        assert!(matched > 3000, "{matched}");
    }

    /// The word walks say what the regexes they replaced said: each Tail written back as a
    /// pattern is the original pattern, character for character, and on 40,000 windows made
    /// of the words that matter (and cut anywhere) the regex's start is the walk's.
    #[test]
    fn the_word_walks_agree_with_the_regexes_they_replaced() {
        use super::{Words, HARM_BEFORE, SEND_BEFORE};
        let originals = [
            (
                &HARM_BEFORE,
                concat!(
                    r"(?:^| )(?:kill|killing|deport|deporting|nuke|nuking|gas|gassing|exterminate|eradicate|ban|hate|i hate|shoot|shooting|round up|get rid of|wipe out|lock up|burn|",
                    r"hang|hanging|lynch|sterilise|sterilize|castrate|cleanse|purge|destroy|destroying|bomb|bombing|slaughter|massacre|",
                    r"enslave|eliminate|euthanise|euthanize|beat up|stone|stoning|torture|hunt down|throw out|kick out|drown|tear apart|tearing apart|rip apart|",
                    r"filthy|dirty|stinking|stinky|smelly|lowlife|low life|disgusting|subhuman|vile|worthless|inbred|savage|degenerate|retarded|",
                    r"stupid|lazy|dumb|evil)",
                    r"(?: all| every| the| those| these| them| fucking| dirty| bloody| filthy| of| off)* $"
                ),
            ),
            (
                &SEND_BEFORE,
                r"(?:^| )(?:send)(?: all| every| the| those| these| them)* $",
            ),
        ];
        let mut vocab: Vec<&str> = vec![
            "muslims", "and", "x", "", "a", "we", "should", "ill", "send",
        ];
        for (t, original) in &originals {
            assert_eq!(
                t.as_regex().replace("(?:send)", "send"),
                original.replace("(?:send)", "send")
            );
            vocab.extend(t.words());
        }
        let regexes: Vec<regex_lite::Regex> = originals
            .iter()
            .map(|(_, o)| regex_lite::Regex::new(o).expect("compiles"))
            .collect();
        let mut matched = [0usize; 2];
        for window in crate::text::tail::test_windows(0xd15c, &vocab, 9, 40_000) {
            let words = Words::of(&window);
            for (k, ((t, _), re)) in originals.iter().zip(&regexes).enumerate() {
                let want = re.find(&window).map(|m| m.start());
                let got = words
                    .as_ref()
                    .and_then(|w| t.find(w))
                    .map(|m| m.start.saturating_sub(1));
                assert_eq!(got, want, "{window:?}");
                matched[k] += usize::from(want.is_some());
            }
        }
        assert!(matched.iter().all(|&m| m > 500), "{matched:?}");
    }

    /// The walks for dehumanising words said of people, sneers and mistreatment find what the
    /// regexes they replaced found (the start of the leftmost match, and for `said_of` only a
    /// match with a link when the word is literal), on 40,000 windows cut anywhere.
    #[test]
    fn the_look_backs_agree_with_the_regexes_they_replaced() {
        use super::{Words, MISTREAT, POINTED, SAID_OF_LINKED, SNEERS, SNEER_AND_WORD};
        let said = regex_lite::Regex::new(concat!(
            r"(?:^| )(?:they|theyre|them|you|youre|u|ya|yall|you people|these people|those people|these|those)",
            r"( are| r| re| were| is| look like| act like)?",
            r"(?: all| just| nothing but| like| basically| literally| such| fucking| filthy| dirty| disgusting| little| insolent| violent| pure| absolute| complete| total| bloody)* (?:a |an )?$",
        ))
        .expect("compiles");
        let sneer = regex_lite::Regex::new(concat!(
            r"(?:^| )(?:abnormal|weird|weirdest|freak|freaky|freakish|disgusting|pathetic|useless|stupid|ugly|fat|creepy|",
            r"horrible|sick|twisted|inbred|lazy|scrounging|retarded|spastic|mongy|defective|broken|subhuman)",
            r"(?: little| old| fat| ugly| stupid| fucking| bloody)? $"
        ))
        .expect("compiles");
        let mistreat = concat!(
            r"(?:^| )(?:get rid of|kill|killing|abort|aborting|euthanise|euthanize|put down|throw stones at|throwing stones at|throwing stones to|",
            r"stone|stoning|scream at|scream on|screaming at|spit on|spitting on|lock up|locking up|be meaner to|be mean to|",
            r"be so mean to|be so meaner to)",
            r"(?: your| my| his| her| their| the| these| those| all| every| them| that| this| an| a| little| stupid| fucking)* $"
        );
        assert_eq!(MISTREAT.as_regex(), mistreat);
        let mistreat = regex_lite::Regex::new(mistreat).expect("compiles");
        let mut vocab: Vec<&str> = vec!["people", "x", "", "an", "a", "are", "\n", "aa"];
        vocab.extend(SAID_OF_LINKED.words());
        vocab.extend(SNEER_AND_WORD.words());
        vocab.extend(MISTREAT.words());
        vocab.extend(POINTED.split('|'));
        vocab.extend(SNEERS.split('|'));
        let mut matched = [0usize; 3];
        for window in crate::text::tail::test_windows(0x5a1d, &vocab, 8, 40_000) {
            for literal in [false, true] {
                let c = said.captures(&window);
                let want = c
                    .filter(|c| c.get(1).is_some() || !literal)
                    .and_then(|c| c.get(0))
                    .map(|m| m.start());
                assert_eq!(
                    super::said_of(&window, literal),
                    want,
                    "{window:?} {literal}"
                );
                matched[0] += usize::from(want.is_some());
            }
            let want = sneer
                .find(&window)
                .or_else(|| mistreat.find(&window))
                .map(|m| m.start());
            let got = Words::of(&window).and_then(|w| super::sneer_or_mistreat(&w));
            assert_eq!(got, want, "{window:?}");
            matched[1] += usize::from(sneer.is_match(&window));
            matched[2] += usize::from(mistreat.is_match(&window));
        }
        assert!(matched.iter().all(|&m| m > 500), "{matched:?}");
    }

    /// `may_harm_after` holds wherever the regex of harm after a group matches, on 40,000
    /// windows (and it skips most of them).
    #[test]
    fn may_harm_after_holds_wherever_the_regex_matches() {
        use super::{may_harm_after, HARM_AFTER};
        let re = regex_lite::Regex::new(HARM_AFTER).expect("compiles");
        // The pattern's phrases ("need to", "be killed", "in our country") and a few others.
        let mut vocab: Vec<&str> = vec!["x", "", "women", "not", "to", "\n", "really"];
        vocab.extend(
            HARM_AFTER
                .split(['|', '(', ')', '?', ':', '^', '$'])
                .map(str::trim)
                .filter(|w| w.len() > 1),
        );
        let (mut matched, mut skipped) = (0, 0);
        for window in crate::text::tail::test_windows(0xa4e, &vocab, 6, 40_000) {
            let after = format!(" {window}");
            let found = re.is_match(&after);
            assert!(!found || may_harm_after(&after), "{after:?}");
            matched += usize::from(found);
            skipped += usize::from(!may_harm_after(&after));
        }
        assert!(matched > 500 && skipped > 20_000, "{matched} {skipped}");
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("discriminatory-language", text)
    }

    #[test]
    fn slurs_including_disability_and_disguised() {
        assert_eq!(flagged("Stop acting like a retard"), ["retard"]);
        assert_eq!(flagged("what a sp@z"), ["sp@z"]);
        assert_eq!(flagged("r e t a r d"), ["r e t a r d"]);
        assert_eq!(flagged("🙄 f*ggot"), ["f*ggot"]);
        assert_eq!(flagged("bloody pakis"), ["pakis"]);
        assert_eq!(flagged("window licker"), ["window licker"]);
        assert_eq!(flagged("shut up you kraut"), ["kraut"]);
        assert_eq!(flagged("ching chong"), ["ching chong"]);
        // A stutter is no split word.
        assert_eq!(flagged("you r-retard"), ["retard"]);
    }

    /// A slur named as a word ("the word retard", "calling someone a spaz", "stop saying
    /// “retard”") is still flagged, as a warning that suggests "the r-word"; the same slur
    /// aimed at someone, or in quotation marks without a word of saying, is a stop.
    #[test]
    fn a_slur_named_as_a_word_is_a_warning() {
        let checker = crate::Checker::default();
        let found = |text: &str| -> Vec<(String, crate::Severity, String)> {
            checker
                .check(text, &crate::Context::default())
                .expect("checks")
                .into_iter()
                .filter(|f| f.rule == "discriminatory-language")
                .map(|f| {
                    let said = crate::text::excerpt(text, f.start, f.end).to_string();
                    (
                        said,
                        f.severity,
                        f.suggestion.unwrap_or_default().into_owned(),
                    )
                })
                .collect()
        };
        use crate::Severity::{Stop, Warn};
        for (text, word) in [
            ("The word retard hurts. Please stop using it.", "retard"),
            ("Calling someone a spaz is never banter", "spaz"),
            ("Please stop saying “retard” at the school gate", "retard"),
            (
                "Words like spastic have no place in our playground",
                "spastic",
            ),
            ("My son got called a retard on the bus again", "retard"),
            ("Two boys called me a spaz at the bus stop", "spaz"),
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text:?}: {f:?}");
            assert_eq!((f[0].0.as_str(), f[0].1), (word, Warn), "{text:?}");
            let initial = word.chars().next().unwrap_or('x');
            assert!(f[0].2.contains(&format!("the {initial}-word")), "{text:?}");
        }
        for text in [
            "you are a retard",
            "Only retards say that",
            "I called him a \"retard\"",
            "what a “retard”",
        ] {
            let f = found(text);
            assert!(
                !f.is_empty() && f.iter().all(|x| x.1 == Stop),
                "{text:?}: {f:?}"
            );
        }
        // Named, the word is no evidence for the classifier either: no warning but this one.
        let all = checker
            .check(
                "Calling someone a spaz is never banter",
                &crate::Context::default(),
            )
            .expect("checks");
        assert_eq!(all.len(), 1, "{all:?}");
    }

    /// The contexts that make a word innocent are narrow: the slur beside other words, a typed
    /// ellipsis, or a retweet whose word is not cut off are still flagged.
    #[test]
    fn innocent_contexts_do_not_excuse_the_slur() {
        assert_eq!(flagged("that coon is a disgrace"), ["coon"]);
        assert_eq!(flagged("you chinks are all the same"), ["chinks"]);
        assert_eq!(flagged("shut up nig\u{2026}"), ["nig"]);
        assert_eq!(flagged("RT @a: shut up nig\u{2026} you heard me"), ["nig"]);
        assert_eq!(flagged("RT @a: shut up nig"), ["nig"]);
    }

    #[test]
    fn borderline_words_decided() {
        for t in [
            "Pakistan won the cricket",
            "A Pakistani restaurant",
            "fire retardant spray",
            "Diagnosed with spastic diplegia last year",
            "Homo sapiens evolved in Africa",
            "Genghis Khan and the Mongol empire",
            "A queer history of Bedford",
            "He is gay and proud",
            "Rats in the loft again",
            "coon tracks on the cab door window",
            "yeah I run over squirrels and coons",
            "the dog ran a coon up the transformer pole",
            "too many chinks in their armour this season",
            "a chink in the armor",
            "a pack of tighty whities",
            "Keep the kitchen spick and span please",
            "Dick Van Dyke is 100 today",
            "Walking Offa's Dyke path this weekend",
            "Sunset at Devil's Dyke",
            "Faggots and peas for tea, just like nan made",
            "Lots of rain and the dykes in the Fens are full to the brim",
            "A chink of light at the end of a very long week",
            "Ordered a faggot and peas at the chippy",
            "Recipe: faggots in onion gravy with mash",
            "Made Mr Brain's faggots tonight",
            "Roasties are the best part of a Sunday dinner",
            "Dick Van Dyke's cockney accent",
            "New sign up at mong kok protest site",
            "Crowds in Mong Kok again tonight",
            "RT @news: Jewellery was stolen from his house last nig\u{2026} http://t.co/x",
            "RT @news: Jewellery was stolen from his house last nig&#8230;",
            "@aurabogado el negro?",
            "Toma eso negros",
            // A sentence too short to tell, in a message that reads as Spanish.
            "Me encantan tus ojos negros. Y ahora si que no puedo vivir sin ellos",
            "Immigrants are welcome here",
            "D-emand E-veryone's M-oney be R-edistributed A-mong T-heir S-upporters",
            "Kaffir lime leaves make the curry",
            "A bag of midget gems for the car",
            "Sauerkraut and sausages at the Christmas market",
            "Doo wop night at the village hall",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    /// A little Spanish next to an English sentence does not excuse the slur in it.
    #[test]
    fn a_foreign_greeting_does_not_excuse_an_english_slur() {
        assert_eq!(
            flagged("Hola amigos, que tal? All those negros are lazy"),
            ["negros"]
        );
    }

    #[test]
    fn hate_aimed_at_a_whole_group() {
        assert_eq!(flagged("Filthy Chinese"), ["Filthy Chinese"]);
        assert_eq!(flagged("destroy islam"), ["destroy islam"]);
        assert_eq!(flagged("send all muslims back"), ["send all muslims"]);
        assert_eq!(flagged("immigrant scum out"), ["immigrant scum"]);
        assert_eq!(flagged("the LGBT cancer is spreading"), ["LGBT cancer"]);
        assert_eq!(flagged("Killing koreans is good"), ["Killing koreans"]);
        assert_eq!(
            flagged("But women aren't people, so it's fine!"),
            ["women aren't people"]
        );
        assert_eq!(
            flagged("Autistics aren't 100% humans"),
            ["Autistics aren't 100% humans"]
        );
        assert_eq!(
            flagged("Native Americans are a fucking joke."),
            ["Native Americans are a fucking joke"]
        );
        assert_eq!(
            flagged("Taliban and all muslims must be hanged"),
            ["muslims must be hanged"]
        );
    }

    #[test]
    fn mockery_of_disabled_people() {
        assert_eq!(
            flagged("He is the weirdest autistic I've seen"),
            ["weirdest autistic"]
        );
        assert_eq!(
            flagged("in a room with an abnormal disabled person"),
            ["abnormal disabled person"]
        );
        assert_eq!(
            flagged("get rid of your autistic son"),
            ["get rid of your autistic"]
        );
        assert_eq!(
            flagged("Throwing stones to paraplegic kids is my hobby"),
            ["Throwing stones to paraplegic"]
        );
        for t in [
            "Our autistic son started at a new school",
            "Support for dyslexic people at work",
            "Councils send disabled children miles away to school",
            "a ramp for the wheelchair users",
            "Fill in the disabled people's benefit forms by Friday",
            "Autistic kids are brilliant at this",
            "Stop throwing stones at paraplegic kids",
            "How to get rid of autistic meltdowns at bedtime",
            "We must kill disability stigma and autistic stereotypes",
            "we must stop killing muslims in this war",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    #[test]
    fn a_group_that_is_not_what_is_judged() {
        for t in [
            "23% of men will die from cancer",
            "Chest tattoos on females are trash",
            "Muslims and gays marching together in unity",
            "Refugees are welcome here",
            "Jokes about Americans are old",
            "Deaf people are brilliant at this",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
        assert_eq!(
            flagged("all of the immigrants are criminals"),
            ["immigrants are criminals"]
        );
    }

    #[test]
    fn dehumanising_comparisons_and_phrases() {
        assert_eq!(flagged("Immigrants are vermin"), ["Immigrants are vermin"]);
        assert_eq!(
            flagged("all these refugees are just animals"),
            ["refugees are just animals"]
        );
        assert_eq!(
            flagged("Go back to your own country"),
            ["Go back to your own country"]
        );
        assert_eq!(
            flagged("build that wall deport them all"),
            ["deport them all"]
        );
        assert_eq!(
            flagged("Women are made for making babies and nothing else"),
            ["Women are made for"]
        );
        // Unwanted where they live.
        assert_eq!(
            flagged("Europe doesn't want Muslims here."),
            ["doesn't want Muslims"]
        );
        assert_eq!(
            flagged("Immigrants don't belong here"),
            ["Immigrants don't belong here"]
        );
        for t in [
            "We don't want disabled people here to feel left out",
            "We don't want women to be hurt",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
        // Any group of the lists, and a comparison ("are like", "no better than").
        assert_eq!(
            flagged("Those deaf people are like rats in dark places."),
            ["deaf people are like rats"]
        );
        assert_eq!(
            flagged("Immigrants are no better than animals"),
            ["Immigrants are no better than animals"]
        );
        // People pointed at without a group's name.
        assert_eq!(
            flagged("They are insolent parasites and always have been"),
            ["They are insolent parasites"]
        );
        assert_eq!(flagged("Time to expel these leeches"), ["these leeches"]);
        assert_eq!(
            flagged("Cockroaches like you, honestly"),
            ["Cockroaches like you"]
        );
        assert_eq!(
            flagged("you people are animals"),
            ["you people are animals"]
        );
        for t in [
            "These dogs need walking twice a day",
            "Dogs like you more than me",
            "We fed the pigs and goats, these animals eat everything",
            "Those rats in the lab are well looked after",
            "Our deaf pupils are like sponges, they pick up signing so fast",
            "Women are like buses, none for ages then three at once",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    /// Disability slurs the list lacked ("downies", "spakkers"); "Downie" the surname is not
    /// listed.
    #[test]
    fn more_disability_slurs() {
        assert_eq!(flagged("downies shouldn't be in mainstream"), ["downies"]);
        assert_eq!(flagged("look at those spakkers"), ["spakkers"]);
        assert!(flagged("Gord Downie sang for the Tragically Hip").is_empty());
    }
}
