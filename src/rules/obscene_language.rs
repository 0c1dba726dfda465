use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{Entry, Hit, LexiconBuilder};
use crate::policy::PolicyPack;
use crate::Error;

/// The lexicon, as data.
const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/obscene.txt"));

declare_rule! {
    /// Profanity and sexual or obscene terms, including disguised forms ("sh1t", "f*ck",
    /// "f u c k", "fuuuck", look-alike letters).
    ///
    /// The disguises in detail: leetspeak ("sh1t"),
    /// masked letters ("f*ck", "f**king"), spaced-out letters ("f u c k"), stretched words
    /// ("fuuuck", "fuuck"), look-alike letters from other alphabets ("ѕһіт"), full-width, "bold",
    /// circled or squared Unicode letters, small capitals ("ꜰᴜᴄᴋ") and zero-width characters
    /// hidden inside a word.
    ///
    /// A stretched word has a letter three times in a row, or a doubled a, i or u, which
    /// English hardly doubles ("shiit"; "Shiite" is left alone).
    ///
    /// Matching is on whole words (or declared word starts and ends), so innocent words that
    /// contain a listed one are not flagged: Scunthorpe, cocktail, assassin, Dickens, hello. "Dick"
    /// written as a name (capital D, followed by a capitalised surname, as in "Dick Turpin", after
    /// a title or a relative, as in "Uncle Dick" and "Mr Dick", after an initial, as in "Philip K.
    /// Dick", after "Moby" as in "Moby-Dick", before "van" as in "Dick van Dyke", or a nickname in
    /// quotes, as in 'Richard "Dick" Brown') is not flagged; "dick" otherwise is, and so is
    /// "Dick" alone ("Dick is coming round": a name as often as not, but the rule cannot tell). "Cock" after a title
    /// ("Mr Cock", "Dr Cock") is a surname. "Wankel" (the engine) and "Wankhede" (a surname, and
    /// Mumbai's stadium) are not "wank…". "Cumming" written so
    /// inside a sentence is the surname or the town ("Alan Cumming"), not the verb. Mild words that
    /// many readers find acceptable (hell, damn, crap, bloody, bugger, pissed) are left out, and so
    /// are innocent compounds of a listed word ("pussy willow", "pussyfooting", "blue tits",
    /// "cock-a-doodle-doo", "a cock and bull story", "the Cock Inn", "magna cum laude", "cock
    /// pheasant", "jackass penguins") and places named with one (Plymouth Hoe,
    /// Bitchfield, Twatt, Titty Ho), and everyday British idioms ("can't be arsed", "taking the
    /// piss", "a piss-up in a brewery", "the dog's bollocks", "a right cock-up", "every Tom, Dick and
    /// Harry"); "great tits" is a bird as well, but as often not, and stays flagged unless words
    /// of birdwatching are near, in its sentence or the next ("on the feeder", "finches",
    /// "RSPB"; not "birds", slang for women). "Bitch" of a dog is flagged ("my dog is a daft
    /// bitch": the slur is far commoner, beside dog words too), except beside words of breeding
    /// ("our bitch had a litter of six pups", "bitch spayed"; in the sentence next to it only
    /// as "the bitch", "our bitch": "Bred my first litter. The bitch is a natural mum", but not
    /// "my puppies are cute. my ex is a bitch"); "the ass" or "old ass" beside a donkey
    /// sanctuary is the animal.
    /// "Hoe" beside garden words in its sentence ("my hoes and rakes are in the shed",
    /// "weeding the allotment with a dutch hoe") is the tool; "weed" and "tools" are not garden
    /// words here, being slang beside the slur as often, nor is "shed" ("she'd" without its
    /// apostrophe). Text inside links, email addresses and @mentions is not matched: a handle is
    /// not something the user wrote in the post. A whole word cut off by the ellipsis of a
    /// shortened retweet ("RT @a: the new SEND needs ass…", an "assessment") is not judged.
    ///
    /// ## Why
    /// The policy forbids uploading, posting or forwarding obscene content, at work and in
    /// personal use, and misuse of social media can be a criminal offence.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, bullet 3 (personal accounts).
    ///
    /// ## Example
    /// "What a f*cking shambles" is flagged at "f*cking".
    pub struct ObsceneLanguage {
        id: "obscene-language",
        title: "Obscene language",
        category: MustNotPost,
        clause: ("2.2", "3.3"),
        quote: "You must not upload, post, forward or post a link to any illegal, abusive, obscene, discriminatory, harassing, derogatory or defamatory content.",
        severity: Stop,
        modes: Both,
        example: "What a f*cking shambles",
    }
}

const SECTIONS: [&str; 2] = ["profanity", "sexual"];

impl Rule for ObsceneLanguage {
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
            if entry.tag == crate::EXTRA_TERM_TAG {
                continue;
            }
            // A word cut off by a shortened retweet is not judged: not cleared, only unknown.
            if doc.cleared(h) || super::cut_off(doc, b, entry) {
                continue;
            }
            let word = doc.excerpt(a, b);
            let what = if entry.tag == 1 {
                "a sexual or obscene term"
            } else {
                "profanity"
            };
            cx.push(
                out,
                a,
                b,
                [
                    "“",
                    word,
                    "” is ",
                    what,
                    ". The policy forbids posting obscene content, even disguised.",
                ]
                .concat(),
                SECTIONS[entry.tag as usize % SECTIONS.len()],
                Some("Remove the word, or say it another way."),
            );
        }
    }

    /// "Dick" as a first name, a word of another language in a sentence of that language, a
    /// garden hoe.
    fn clears(&self, doc: &Document, h: &Hit, entry: &Entry) -> bool {
        // The garden tool ("my hoes and rakes"), and a dog that breeds ("our bitch had a litter
        // of six").
        let word = doc.norm.words.as_str().get(h.start..h.end).unwrap_or("");
        // (The context words, and how many sentence ends they may be beyond: breeding is told
        // over two sentences, "Bred my first litter. The bitch is a natural mum.")
        // In the next sentence only after "the", "our" and the like: "my puppies are cute. my
        // ex is a bitch" is no dog.
        let named = || {
            matches!(
                doc.words_before::<1>(h.start),
                ["the" | "our" | "my" | "her" | "his" | "their" | "this" | "that" | "old"]
            )
        };
        let sense = match word {
            "hoe" | "hoes" => Some((super::context_words!(GARDEN), 0)),
            "bitch" | "bitches" => Some((super::context_words!(BREEDING), usize::from(named()))),
            "tit" | "tits" => Some((super::context_words!(BIRDS), 1)),
            // (Only "the ass", "old ass": "donkey-fuck her ass" is no donkey.)
            "ass" | "asses" if matches!(doc.words_before::<1>(h.start), ["the" | "old"]) => {
                Some((super::context_words!(DONKEYS), 1))
            }
            _ => None,
        };
        if sense.is_some_and(|(words, breaks)| super::word_within(doc, h, words, 60, breaks)) {
            return true;
        }
        let written = || {
            doc.norm
                .words
                .span(h.start..h.end)
                .map(|(a, b)| (doc.excerpt(a, b), b))
        };
        let name = match entry.norm.as_str() {
            "dick" => written().is_some_and(|(w, end)| is_name(doc, w, end)),
            // "Philip K. Dick's novels", "Uncle Dick's shed": the name's possessive.
            "dicks" => written().is_some_and(|(w, end)| {
                matches!(w, "Dick's" | "Dick\u{2019}s")
                    && is_name(doc, "Dick", end.saturating_sub(2))
            }),
            "cock" => written().is_some_and(|(w, end)| w == "Cock" && after_title(doc, w, end)),
            "cumming" => written().is_some_and(|(w, end)| is_surname_cumming(doc, h, w, end)),
            _ => false,
        };
        name || super::foreign_homograph(doc, h, entry)
    }
}

/// The words that, in the sentence of "hoe" and about 60 bytes either way, make it the garden
/// tool.
const GARDEN: &str = concat!(
    "rake rakes spade spades shovel shovels trowel trowels garden gardens gardening gardener ",
    "allotment allotments weeding soil dutch secateurs wheelbarrow greenhouse veg vegetable ",
    "vegetables"
);

/// The words that, about 60 bytes either way of "bitch" (in its sentence or the one next to
/// it), make it a female dog that breeds: "our bitch had a litter of six pups", "the bitch was
/// spayed". Not "dog", "vet", "stud" or "dam": beside the slur as often ("bitch please i'm a
/// stud").
const BREEDING: &str = concat!(
    "litter litters pups puppies whelp whelps whelped whelping spayed spay neutered breeding ",
    "bred breeder breeders mated mating kennel kennels greyhound spaniel labrador"
);

/// The words that, near "tits" (in its sentence or the one next to it), make them birds: "Great
/// tits and coal tits on the feeder", "Tits and finches on the sunflowers". Not "birds" (slang
/// for women as often).
const BIRDS: &str = concat!(
    "feeder feeders birdwatch birdwatching birdfeeder rspb finch finches robin robins sparrow ",
    "sparrows blackbird blackbirds wren wrens nuthatch nuthatches starling starlings goldfinch ",
    "goldfinches chaffinch chaffinches greenfinch binoculars nestbox nestboxes woodpecker"
);

/// The words that, near "ass" (in its sentence or the one next to it), make it a donkey: "a
/// lovely old ass called Jasper at the donkey sanctuary".
const DONKEYS: &str = "donkey donkeys sanctuary mule mules foal foals hay carrots bray";

/// The capitalised words after which "Dick" is a name: a title or a relative ("Uncle Dick",
/// "Mr Dick"), and "Moby" ("Moby Dick", "Moby-Dick").
const BEFORE_A_NAME: &str =
    "Moby Uncle Grandad Granddad Grandpa Cousin Mr Mr. Sir Lord Saint St St.";
/// Titles, after which a capitalised word is a surname ("Mr Cock", "Mrs Dick").
const TITLES: &str = "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Cllr Councillor Sir Dame Lady";

/// The word before `word` (which ends at UTF-16 offset `end`), on its line.
fn word_before<'t>(doc: &'t Document, word: &str, end: u32) -> &'t str {
    let Some(range) = doc.byte_range(0, end) else {
        return "";
    };
    let before = &doc.text[..range.end];
    before
        .strip_suffix(word)
        .unwrap_or(before)
        .strip_suffix([' ', '\u{a0}'])
        .and_then(|h| h.split([' ', '\u{a0}', '\n']).next_back())
        .unwrap_or("")
}

/// Whether a capitalised word is a surname after a title: "Our new SENCO is Mr Cock".
fn after_title(doc: &Document, word: &str, end: u32) -> bool {
    let prev = word_before(doc, word, end);
    TITLES.split(' ').any(|t| t == prev)
}

/// "Dick" used as a first name: capitalised, then a capitalised word ("Dick Turpin"); or after a
/// title, a relative or "Moby" ([`BEFORE_A_NAME`]: "Uncle Dick", "Moby Dick"); or after an
/// initial ("Philip K. Dick"); or after a greeting or a word for who he is to someone
/// ([`GREETED_AFTER`]: "Thanks Dick", "our colleague Dick retires"); or called by name after a
/// comma, with no word straight after ("Enjoy your retirement, Dick!"). Lower case, "dick" is
/// never a name.
pub(super) fn is_name(doc: &Document, word: &str, end: u32) -> bool {
    let text = doc.text;
    if word != "Dick" {
        return false;
    }
    let Some(range) = doc.byte_range(0, end) else {
        return false;
    };
    let (before, after) = text.split_at(range.end);
    // A nickname in quotes: 'Cllr Richard "Dick" Brown'.
    use super::QUOTES;
    let (quoted, after) = match after.strip_prefix(QUOTES) {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let next = after.trim_start_matches([' ', '\u{a0}']);
    // "Dick van Dyke": a particle of a surname, then the surname.
    let next = ["van ", "von ", "de ", "du ", "le "]
        .iter()
        .find_map(|p| next.strip_prefix(p))
        .unwrap_or(next);
    // (Or run together with it in a hashtag: "#DickVanDyke".)
    let next_is_name = (after.starts_with([' ', '\u{a0}'])
        && next.chars().next().is_some_and(char::is_uppercase))
        || after.starts_with(|c: char| c.is_ascii_uppercase());
    let head = before.strip_suffix("Dick").unwrap_or(before);
    let head = if quoted {
        head.strip_suffix(QUOTES).unwrap_or(head)
    } else {
        head
    };
    // "Moby-Dick".
    if head.ends_with("Moby-") {
        return true;
    }
    // (A title in quotes: "'Moby Dick'".)
    let prev = word_before(doc, word, end).trim_start_matches(QUOTES);
    let title = BEFORE_A_NAME.split(' ').any(|t| t == prev) || TITLES.split(' ').any(|t| t == prev);
    // "K." or "K", after a capitalised first name.
    let letter = prev.strip_suffix('.').unwrap_or(prev);
    let initial = letter.len() == 1
        && letter.chars().all(|c| c.is_ascii_uppercase())
        && head
            .trim_end()
            .strip_suffix(prev)
            .and_then(|h| h.trim_end().split(' ').next_back())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
    // "Thanks Dick", "Our colleague Dick retires", "Thank you Dick": after a greeting or a
    // word for a person's place in someone's life.
    let head = head.trim_end();
    let greeted = crate::text::in_list(GREETED_AFTER, prev.trim_end_matches(','))
        || head.ends_with("hank you");
    // "Enjoy your retirement, Dick!", "Dick, are you coming?": called by name.
    let called = head.ends_with(',')
        && after
            .bytes()
            .find(|&c| c != b' ')
            .is_none_or(|c| !c.is_ascii_alphanumeric());
    next_is_name || title || initial || greeted || called
}

/// The words after which "Dick" is someone's first name: greetings and thanks ("Thanks Dick",
/// "Morning Dick"), and the words for a person's place in someone's life ("our colleague Dick",
/// "my neighbour Dick").
const GREETED_AFTER: &str = concat!(
    "thanks cheers hi hello hey dear morning congratulations congrats welcome bye colleague ",
    "friend neighbour manager boss chair volunteer governor trustee brother husband dad uncle"
);

/// "Cumming" as a surname or a town ("Alan Cumming", "Cumming, Georgia"): written so, inside a
/// sentence (a verb is not capitalised there), or at a sentence's start before another
/// capitalised word ("Cumming Georgia"; "Cumming in …" is the verb).
fn is_surname_cumming(doc: &Document, h: &Hit, word: &str, end: u32) -> bool {
    if word != "Cumming" {
        return false;
    }
    if !doc.before(h.start, 20).trim().is_empty() {
        return true;
    }
    doc.text_around(end).is_some_and(|(_, after)| {
        after.starts_with([' ', ','])
            && after
                .trim_start_matches([' ', ','])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Context};

    fn flagged(text: &str) -> Vec<String> {
        let c = Checker::default();
        c.check(text, &Context::default())
            .expect("checks")
            .iter()
            .filter(|f| f.rule == "obscene-language")
            .map(|f| crate::text::excerpt(text, f.start, f.end).to_string())
            .collect()
    }

    #[test]
    fn plain_and_disguised_forms() {
        assert_eq!(flagged("What a fucking mess"), ["fucking"]);
        assert_eq!(flagged("What a f*cking mess"), ["f*cking"]);
        assert_eq!(flagged("f u c k this"), ["f u c k"]);
        assert_eq!(flagged("fuuuuck this"), ["fuuuuck"]);
        // A doubled vowel English hardly doubles (a, i, u) is a stretch too.
        assert_eq!(flagged("fuuck this"), ["fuuck"]);
        assert_eq!(flagged("shiit and twaat"), ["shiit", "twaat"]);
        // Runs of two that are stretches too, or the word's own doubles.
        assert_eq!(flagged("Bullllllshiiiiitttt"), ["Bullllllshiiiiitttt"]);
        assert_eq!(flagged("what an asssshole"), ["asssshole"]);
        assert_eq!(flagged("ѕһііт happens"), ["ѕһііт"]);
        for text in [
            "Sunni and Shiite Muslims",
            "Shiites",
            "vacuum the hall",
            "skiing in Hawaii",
            "the bazaar",
            "shiitake mushrooms",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
        assert_eq!(flagged("fvck and phuck"), ["fvck", "phuck"]);
        // Text-speak spellings.
        assert_eq!(
            flagged("fkn hell, fking fuxk off you shitbag"),
            ["fkn", "fking", "fuxk", "shitbag"]
        );
        assert_eq!(flagged("ѕһіт happens"), ["ѕһіт"]);
        assert_eq!(flagged("sh\u{200D}it happens"), ["sh\u{200D}it"]);
        assert_eq!(flagged("5h1t happens"), ["5h1t"]);
        assert_eq!(flagged("𝐬𝐡𝐢𝐭 happens"), ["𝐬𝐡𝐢𝐭"]);
        assert_eq!(flagged("SHIT!!!"), ["SHIT"]);
        assert_eq!(flagged("you son of a bitch"), ["son of a bitch"]);
        assert_eq!(flagged("a$$hole"), ["a$$hole"]);
        // Abbreviations of "fuck".
        assert_eq!(flagged("stfu and gtfo"), ["stfu", "gtfo"]);
        assert_eq!(
            flagged("GFY since you are into code letters. WTAF."),
            ["GFY", "WTAF"]
        );
        // "Fancy text": small capitals, the hooked f, circled and squared letters.
        assert_eq!(flagged("ꜰᴜᴄᴋ this"), ["ꜰᴜᴄᴋ"]);
        assert_eq!(flagged("ƒuck this"), ["ƒuck"]);
        assert_eq!(flagged("ⓕⓤⓒⓚ this"), ["ⓕⓤⓒⓚ"]);
        assert_eq!(flagged("🅵🆄🅲🅺 this"), ["🅵🆄🅲🅺"]);
        assert!(flagged("🅿\u{FE0F} parking at the back, ᴛʜᴀɴᴋ ʏᴏᴜ").is_empty());
        // A garden word in another sentence, or slang that is no garden word, clears nothing.
        assert_eq!(flagged("The garden is lovely. Shut up hoe"), ["hoe"]);
        assert_eq!(flagged("weed and hoes all weekend"), ["hoes"]);
    }

    #[test]
    fn innocent_words_are_left_alone() {
        for text in [
            "Scunthorpe United won",
            "A cocktail at the assassin's creed launch",
            "hello there, shell, hellish",
            "Dick Turpin rode to York",
            "I read Moby Dick",
            "Uncle Dick is coming for Christmas dinner",
            "Mr Dick flies his kite in David Copperfield",
            "I love Philip K. Dick novels",
            "Philip K Dick wrote Ubik",
            "I love Philip K. Dick's novels",
            "Uncle Dick\u{2019}s shed needs a new roof",
            // A first name after a greeting or a word for a colleague, or called by name.
            "Our colleague Dick retires this week. Enjoy your retirement, Dick! 🎉",
            "Thanks Dick for all your help",
            "Thank you Dick for all your help",
            "Hey Dick, are you coming tonight?",
            "Our new SENCO is Mr Cock, and he is lovely",
            "Mrs Dick teaches Year 3",
            "Dr Cock will see you now",
            "The Wankel engine was invented in Germany",
            "Thanks to Councillor Raj Wankhede for visiting",
            "Alan Cumming was brilliant in Cabaret",
            "Cumming, Georgia is a city north of Atlanta",
            "Charles Dickens",
            "Class of 2017 graduates: the association's pass rate",
            "See https://example.com/shit for details",
            "Thanks @dickhead for the retweet",
            "RT @fuckface: nice weather",
            "assume, bass, mass, compass, grass",
            "cumulative title, document",
            "Stop pussyfooting around and decide",
            "Blue tits and long-tailed tits on the feeder this morning",
            "The rooster's cock-a-doodle-doo woke everyone",
            "Proud to have graduated magna cum laude from Leeds",
            "The cock crowed at dawn",
            "What a cock and bull story",
            "Sunday lunch at the Cock Inn",
            "Well, that was a right cock-up",
            "Cock-a-leekie soup for Burns Night",
            "Every Tom, Dick and Harry has an opinion",
            "Can't be arsed to cook tonight",
            "My brother is taking the piss with my drill",
            "They couldn't organise a piss-up in a brewery",
            "That burger is the dog's bollocks",
            // A dog that breeds.
            "Our bitch has had a litter of six springer spaniel pups",
            "Bitch spayed yesterday, she's recovering well",
            // Places.
            "Day trip to Bitchfield, Lincolnshire",
            "We stopped at Twatt in Orkney",
            "Hello from Titty Ho!",
            "no more pussy footing about",
            // The steamed pudding, on the rule's allow list.
            "Spotted dick and custard for pudding today!",
            // Names, birds, a donkey and a dog, a seafront, found by a probe of 1,200 harmless
            // posts written independently of these tests.
            "Moby-Dick is the book club pick this month",
            "Book club pick: 'Moby Dick'. We're on chapter 12",
            "Happy birthday to Dick van Dyke!",
            "Our mayor, Cllr Richard \"Dick\" Brown, opened the garden",
            "Cllr Richard \u{201c}Dick\u{201d} Brown opened it",
            "Great tits and coal tits on the feeder this morning",
            "Tits and finches on the sunflower heads. Left them for the goldfinches.",
            "Cock pheasant strutting across the field",
            "Jackass penguins at the zoo today!",
            "Breeding update: the bitch is 58 days in and nesting.",
            "Bred my first litter of collies. The bitch, Meg, is a natural mum.",
            "Donkey sanctuary today. Met a lovely old ass called Jasper",
            "Plymouth Hoe on a sunny day is hard to beat",
            "#DickVanDyke was on telly again",
            // The garden tool.
            "My nan's hoes and rakes are in the garden shed",
            "Weeding the allotment with a dutch hoe this morning",
            // Dutch "hoe" ("how"), judged in the whole post even in the sentence written
            // again for its doubled "aa".
            "Weer pauze. Nog steeds niet bij hoofdstuk: hoe haal ik mijn ID?",
            // A word cut off where Twitter shortened a retweet ("assessment").
            "RT @council: Read the new SEND needs ass\u{2026} https://t.co/x",
        ] {
            assert!(
                flagged(text).is_empty(),
                "{text:?} gave {:?}",
                flagged(text)
            );
        }
    }

    #[test]
    fn a_typed_ellipsis_does_not_hide_a_word() {
        assert_eq!(flagged("what an ass\u{2026}"), ["ass"]);
        assert_eq!(flagged("RT @a: what an ass\u{2026} honestly"), ["ass"]);
    }

    #[test]
    fn spelt_as_said_or_cut_short() {
        assert_eq!(flagged("oh fook off"), ["fook"]);
        assert_eq!(flagged("feck off will you"), ["feck"]);
        assert_eq!(flagged("shut the f up"), ["shut the f up"]);
        assert!(flagged("feckless politicians").is_empty());
        assert!(flagged("Roots by Alex Haley: Kunta Kinte").is_empty());
    }

    #[test]
    fn lowercase_dick_is_flagged() {
        assert!(!flagged("What a Dick.").is_empty());
        assert!(!flagged("suck my Dick").is_empty());
        assert_eq!(flagged("what a dick"), ["dick"]);
        assert_eq!(flagged("Dick."), ["Dick"]);
        // A title or an initial makes a name only written as one.
        assert_eq!(flagged("my uncle dick"), ["dick"]);
        assert_eq!(flagged("Show us your Dick"), ["Dick"]);
        assert_eq!(flagged("Big Dick energy"), ["Dick"]);
        assert_eq!(flagged("Dick's out"), ["Dick's"]);
        assert_eq!(flagged("what a Cock"), ["Cock"]);
        assert_eq!(flagged("Mr cock"), ["cock"]);
        assert_eq!(flagged("plan B. Dick move"), ["Dick"]);
        assert_eq!(flagged("Cumming in her mouth"), ["Cumming"]);
        assert_eq!(flagged("I'm cumming"), ["cumming"]);
        // The idioms' and the breeding dog's words stay words elsewhere.
        assert_eq!(flagged("her big cock up your arse"), ["cock", "arse"]);
        assert_eq!(flagged("my dog is a daft bitch"), ["bitch"]);
        // In the next sentence, only "the bitch", "our bitch": not an insult after dog words.
        assert_eq!(flagged("my puppies are cute. my ex is a bitch"), ["bitch"]);
        assert_eq!(flagged("Donkey rides today. Don't be an ass"), ["ass"]);
        assert_eq!(flagged("show us your tits birds"), ["tits"]);
        assert_eq!(flagged("piss off"), ["piss"]);
    }

    #[test]
    fn spans_after_emoji() {
        let text = "👩‍👩‍👧 e\u{301} f*ck";
        let c = Checker::default();
        let f = c.check(text, &Context::default()).expect("checks");
        let f = f
            .iter()
            .find(|f| f.rule == "obscene-language")
            .expect("found");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&units[f.start as usize..f.end as usize]),
            "f*ck"
        );
        assert_eq!(f.clause, "3.3");
    }
}
