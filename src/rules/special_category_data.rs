use super::{declare_rule, regex, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::PolicyPack;
use crate::text::tail::{Tail, Words};
use crate::Error;

const LEXICON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/special-category.txt"));

declare_rule! {
    /// Someone's health, disability, ethnicity, religion or sexuality ("Sarah is pregnant",
    /// "her son is autistic").
    ///
    /// Special-category data about someone identifiable: their health, disability,
    /// ethnicity, religion or sexuality, said of a named person, an @mention, a pronoun or a
    /// relation ("my colleague has cancer", "Sarah is pregnant", "@dan came out as gay", "her
    /// son is autistic"). Who it is may be a name with where they are from ("Sam from the gym
    /// is HIV positive", "Barry next door"), a role ("our new SEN officer", "my sister-in-law",
    /// "Susan's son"), or the category may describe the role ("our Jewish colleague"). The
    /// link may be a verb with its helpers ("has just come out as", "has been off with his"),
    /// or the "'s" of "Jackie's been sectioned" and "Becky's depression is worse" (but not a
    /// word that describes the next one: "Becky's black dress", "Jo's stroke of luck").
    ///
    /// What people say of themselves ("I'm autistic and proud", "I've had type 1 diabetes
    /// since I was 9"), of their own household ("my son is autistic", "our son has autism",
    /// "Dad had a heart attack") or of a group ("Eid Mubarak to all our Muslim friends") and
    /// general statements ("autism is not an illness") are not flagged.
    ///
    /// ## Why
    /// Data protection law gives health, disability, ethnicity, religion and sexuality extra
    /// protection; the policy forbids posting material which invades the privacy of any person.
    ///
    /// ## Clause
    /// Section 2, bullet 5 (and bullet 3).
    ///
    /// ## Example
    /// "Sarah in accounts is pregnant again" is flagged at "Sarah in accounts is pregnant".
    pub struct SpecialCategoryData {
        id: "special-category-data",
        title: "Someone's health, ethnicity, religion or sexuality",
        category: MustNotDisclose,
        clause: ("2.5", "2.5"),
        quote: "Do not use material in breach of copyright or other intellectual property rights, or which invades the privacy of any person.",
        severity: Warn,
        modes: Both,
        example: "Sarah in accounts is pregnant again",
    }
}

const SECTIONS: [&str; 5] = ["health", "disability", "ethnicity", "religion", "sexuality"];

impl Rule for SpecialCategoryData {
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
        for (h, entry, (a, b)) in doc.hits_of(cx.owner()) {
            if entry.tag == crate::EXTRA_TERM_TAG {
                continue;
            }
            let before = doc.before(h.start, 80);
            let (from, b) = if let Some(t) = said_of(doc, before, &entry.norm, h.end) {
                let from = doc
                    .norm
                    .words
                    .span_at(h.start - before.len() + t)
                    .map_or(a, |(s, _)| s.min(a));
                (from, b)
            } else if let Some(span) = described_role(doc, before, h.end) {
                (span.0.min(a), span.1.max(b))
            } else {
                continue;
            };
            let category = SECTIONS
                .get(entry.tag as usize)
                .copied()
                .unwrap_or("health");
            cx.push(
                out,
                from,
                b,
                format!(
                    "“{}” tells the world about someone's {category}. That is special-category personal data; the policy forbids posting what invades anyone's privacy.",
                    doc.excerpt(from, b)
                ),
                category,
                Some("Leave it out unless it is yours to share."),
            );
        }
    }
}

/// Where, in `before` (the words before a category word, from [`Document::before`]), the
/// person it is said of begins, if it is said of someone identifiable: a link ("is", "has been
/// diagnosed with", the "'s" of "Jackie's sectioned") and, before it, who
/// ([`person_before`]). `term` is the category entry and `end` where its hit ends in the word
/// stream.
fn said_of(doc: &Document, before: &str, term: &str, end: usize) -> Option<usize> {
    let words = Words::of(before)?;
    if let Some(l) = LINK.find(&words) {
        // The link's head follows a space, which ends the words before it.
        return person_before(doc, &before[..l.start]);
    }
    // An entry that holds its own verb: "Jess had a stroke".
    if term
        .split(' ')
        .next()
        .is_some_and(|w| matches!(w, "had" | "has" | "having" | "suffered"))
    {
        return person_before(doc, before);
    }
    // "Jackie's sectioned", "Becky's depression is worse", "Lauren's breast cancer": the
    // apostrophe is the link, with qualifiers between. Not when the word describes what
    // follows it ("Becky's black dress", "Jo's stroke of luck").
    let mut body = before.strip_suffix(' ')?;
    while let Some((rest, last)) = body.rsplit_once(' ') {
        if !super::in_set!(QUALIFIERS, last) {
            break;
        }
        body = rest;
    }
    let last_at = body.rfind(' ').map_or(0, |i| i + 1);
    let at = doc.offset_of(before)? + last_at;
    if !possessive(doc, at, body.len() - last_at) {
        return None;
    }
    let next = doc.after(end, 30);
    if next
        .split(' ')
        .find(|w| !w.is_empty())
        .is_some_and(|w| !super::in_set!(CLAUSE_GOES_ON, w))
    {
        return None;
    }
    person_before(doc, &before[..=body.len()])
}

/// "our Jewish colleague", "my autistic neighbour": a category said of someone by their role,
/// right after "my", "our", "his" or "her" (not the writer's household: "my disabled son";
/// not a group: "our Muslim friends"). The
/// span from that word to the role, in UTF-16 units.
fn described_role(doc: &Document, before: &str, end: usize) -> Option<(u32, u32)> {
    let det = before.strip_suffix(' ')?;
    let det_at = det.rfind(' ').map_or(0, |i| i + 1);
    let det = &det[det_at..];
    if !matches!(det, "my" | "our" | "his" | "her" | "their") {
        return None;
    }
    let after = doc.after(end, 40);
    // One person ("our Muslim friends" are no one in particular).
    let role = after.strip_prefix(' ')?.split(' ').next()?;
    if !super::in_set!(ROLES, role)
        || (matches!(det, "my" | "our") && super::in_set!(HOUSEHOLD, role))
    {
        return None;
    }
    let from = doc.norm.words.span_at(doc.offset_of(before)? + det_at)?.0;
    let to = doc.norm.words.span(end + 1..end + 1 + role.len())?.1;
    Some((from, to))
}

/// Whether the word of the stream at byte `at`, `len` bytes long, was written with "'s".
fn possessive(doc: &Document, at: usize, len: usize) -> bool {
    doc.norm.words.span(at..at + len).is_some_and(|(a, b)| {
        let w = doc.excerpt(a, b);
        w.ends_with("'s") || w.ends_with("’s")
    })
}

/// Where the person a link is said of begins in `head` (the words before the link, ending
/// with a space): a pronoun, an @mention or a relation ([`WHO`]), someone by their role ("our
/// new manager", "the deputy head", "Susan's son": [`role_before`]), a name ("Dave",
/// "Jackie's") or a name and where they are from ("Sarah in accounts", "Sam from the gym").
fn person_before(doc: &Document, head: &str) -> Option<usize> {
    // "Neil has just come out as", "Nathan has been off with": the verb's helpers.
    let mut head = head;
    while let Some((rest, last)) = head.strip_suffix(' ').and_then(|h| h.rsplit_once(' ')) {
        if !super::in_set!(HELPERS, last) {
            break;
        }
        head = &head[..=rest.len()];
    }
    if let Some(m) = who(head) {
        return Some(m);
    }
    let body = head.strip_suffix(' ')?;
    if let Some(at) = named_or_role(doc, body) {
        return Some(at);
    }
    // "Sarah in accounts", "Nathan in HR", "Sam from the gym", "Jo from the football team",
    // "Lucy on reception", "the new lad in our office", "Barry next door": where they are
    // from, then who.
    let m = regex!(
        r" (?:(?:in|from|at|on) (?:the |my |our )?\S+(?: \S+)?|next door|upstairs|downstairs)$"
    )
    .find(body)?;
    let who = &body[..m.start()];
    named_or_role(doc, who).or_else(|| {
        // "the lad next door", "the new girl in accounts".
        let at = who.rfind(' ').map_or(0, |i| i + 1);
        let det_at = who[..at].trim_end().rfind(' ').map_or(0, |i| i + 1);
        let det = who[..at].trim_end().get(det_at..).unwrap_or("");
        (super::in_set!(NEARBY, &who[at..])
            && matches!(
                det,
                "the" | "our" | "that" | "this" | "new" | "old" | "young"
            ))
        .then_some(det_at)
    })
}

/// Where a name or a role ([`role_before`]) begins at the end of `body` (a slice of the word
/// stream, words without a space after).
fn named_or_role(doc: &Document, body: &str) -> Option<usize> {
    if let Some(r) = role_before(doc, body) {
        return Some(r);
    }
    // `name_before` wants the window with its space after.
    let offset = doc.offset_of(body)?;
    let window = doc.norm.words.as_str().get(offset..=offset + body.len())?;
    doc.name_before(window, 0)
        .then(|| body.rfind(' ').map_or(0, |i| i + 1))
}

/// Where someone named by their role begins at the end of `body` (words, no space after):
/// "our new manager", "the deputy head", "my sister in law", "Susan's son" (a role after a
/// name's "'s"). "My son", "my mum": the writer's own household is theirs to speak of.
fn role_before(doc: &Document, body: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = crate::text::tail::word_offsets(body).collect();
    let mut i = words.len().checked_sub(1)?;
    // "sister in law", "head of service": the role's own words.
    let in_law = i >= 2 && words[i - 1].1 == "in" && words[i].1 == "law";
    if in_law || (i >= 2 && words[i - 1].1 == "of" && super::in_set!(ROLE_OF, words[i].1)) {
        i -= 2;
    }
    let role = words[i].1;
    let singular = role
        .strip_suffix('s')
        .filter(|_| !super::in_set!(ROLES, role));
    if !super::in_set!(ROLES, singular.unwrap_or(role)) {
        return None;
    }
    // Back to the word that says whose, over the words that say which one ("new", "deputy",
    // "line", and up to two others: "the new SEN officer").
    let offset = doc.offset_of(body)?;
    let is_name = |k: usize| {
        let (at, w) = words[k];
        possessive(doc, offset + at, w.len()) && doc.name_before(&body[..=at + w.len()], 0)
    };
    let mut others = 0;
    loop {
        let w = words[i.checked_sub(1)?].1;
        if super::in_set!(DETERMINERS, w) || is_name(i - 1) {
            break;
        }
        if !super::in_set!(ROLE_WORDS, w) {
            others += 1;
            if others > 2 || w.is_empty() {
                return None;
            }
        }
        i -= 1;
    }
    let (det_at, det) = *words.get(i.checked_sub(1)?)?;
    // (Or "Susan's son": a name's "'s" before the role.)
    let own = matches!(det, "my" | "our")
        && !in_law
        && super::in_set!(HOUSEHOLD, singular.unwrap_or(role));
    (!own).then_some(det_at)
}

/// The helpers of a link's verb, between it and the person: "has just come out as".
const HELPERS: &str =
    "has have had is was been just recently finally now apparently also who whos that";

/// People named by their role at work, in the family or nearby ("our new manager", "my
/// neighbour", "Susan's son").
const ROLES: &str = concat!(
    "colleague coworker manager boss supervisor director deputy head headteacher teacher ",
    "senco neighbour neighbor friend mate client son daughter husband wife partner boyfriend ",
    "girlfriend brother sister mum mom dad mother father aunt auntie uncle cousin nephew niece ",
    "nan nana grandad grandma granddad grandson granddaughter stepson stepdaughter stepmum ",
    "stepdad flatmate housemate landlord landlady tenant lodger receptionist secretary ",
    "caretaker cleaner governor trustee volunteer vicar pupil student parent employee ",
    "officer worker caseworker adviser ",
    "advisor coordinator assistant administrator ex fiance fiancee"
);
/// The roles named with "of": "head of service", "director of children's services".
const ROLE_OF: &str = "service services department finance hr it year school operations";
/// The words that say whose a role is: "our new manager", "the deputy head".
const DETERMINERS: &str = "my our the his her their your this that";

/// Who else may live next door: "the lad next door", "the family upstairs".
const NEARBY: &str = "lad man woman guy bloke girl boy family couple lady kid kids fella people";

/// The words that say which of a role: "our new manager", "the deputy head".
const ROLE_WORDS: &str = concat!(
    "new old deputy assistant acting interim line area team office year reception class admin ",
    "little eldest youngest oldest middle"
);
/// The household, of whom "my" or "our" is the writer's own to speak of: "my son is autistic",
/// "our son has autism".
const HOUSEHOLD: &str = concat!(
    "son sons daughter daughters husband wife partner boyfriend girlfriend child children ",
    "kid kids boy boys girl girls baby mum mom dad mother father brother sister twins"
);
/// Words between a name's "'s" and a category that qualify it: "Lauren's breast cancer",
/// "Rob's heroin addiction".
const QUALIFIERS: &str = concat!(
    "breast bowel lung skin prostate ovarian cervical pancreatic brain blood terminal severe ",
    "chronic clinical postnatal postpartum manic early onset heroin drug alcohol recovering ",
    "been just got also now again still secret suspected"
);
/// What may follow a category said with "'s" when it is no word that describes the next one:
/// the end of the clause, a verb, or a word about the illness.
const CLAUSE_GOES_ON: &str = concat!(
    "and but so now apparently too again btw though lol which who if you she he they her his ",
    "its it just not because cause cos as like from since for in at with after this last next ",
    "then already or is was has had have means meant failed came got gets getting worse better we ",
    "i us everyone please x ",
    "returned back spread treatment diagnosis medication meds surgery"
);

/// What links a person to a special category: "is", "has been diagnosed with", "came out as",
/// then words such as "a", "recently", "severely" up to the category word (a word walk back
/// over the window before it; as a regex it was tried from every start).
static LINK: Tail = Tail {
    head: &[concat!(
        "is|has|was|s|has got|got|had|suffers from|suffering from|struggles with|",
        "is living with|lives with|diagnosed with|has been diagnosed with|",
        "was diagnosed with|been diagnosed with|came out as|come out as|is secretly|turned|",
        "became|is now|converted to|is going through|is off with|is off sick with|went into|",
        "is on|was on|been on|is having|is expecting|off with|off work with|off sick with|",
        "signed off with|is recovering from|recovering from|has had|suffered|has suffered|",
        "is being treated for|being treated for|in hospital with|is in hospital with|",
        "had her|has had her|had his|has had his|having her|having his|",
        "off with his|off with her|off again with|off again with his|off again with her|",
        "signed off again with|signed off with his|signed off with her|is having a|having a",
    )],
    fillers: &[&[
        "a",
        "an",
        "now",
        "actually",
        "secretly",
        "recently",
        "just",
        "been",
        "severely",
        "very",
        "really",
        "apparently",
        "definitely",
        "also",
        "with",
        "in",
        "again",
        "still",
        "two",
        "three",
        "several",
        "recovering",
        "heroin",
        "drug",
        "alcohol",
        "early",
        "onset",
        "breast",
        "bowel",
        "lung",
        "skin",
        "prostate",
        "terminal",
        "severe",
        "chronic",
        "clinical",
        "postnatal",
        "suspected",
        "openly",
        "strict",
        "devout",
        "practising",
        "practicing",
        "lapsed",
        "registered",
        "partially",
        "type",
        "1",
        "2",
        "from",
        "double",
        "second",
        "third",
        "another",
        "stage",
        "3",
        "4",
    ]],
    after_space: true,
    phrases: std::sync::OnceLock::new(),
};

/// Who the link is said of, as the last words before it: a pronoun, an @mention, a relation.
static WHO: Tail = Tail {
    head: &[concat!(
        "he|she|they|him|her|@|my colleague|my coworker|my co worker|my manager|my boss|",
        "my neighbour|my neighbor|my friend|my client|her son|his son|their son|",
        "her daughter|his daughter|their daughter|her husband|his wife|her partner|",
        "his partner|the child|the boy|the girl|the mum|the dad|the teacher|the head|",
        "the new girl|the new guy|our new|one of the parents|one of the staff",
    )],
    fillers: &[&[]],
    after_space: false,
    phrases: std::sync::OnceLock::new(),
};

/// Where [`WHO`] starts at the end of `window` (the words before the link and the space after
/// them), as the regex `(?:^| )(?:he|she|…)$` over the words said: one past the match's start.
fn who(window: &str) -> Option<usize> {
    let m = WHO.find(&Words::of(window)?)?;
    // The regex's match starts at the space before the words, or at the start of the window
    // (whose first word is then one byte in, as the regex counted).
    Some(m.start.max(1))
}

#[cfg(test)]
mod tests {

    /// The walks find what the regexes they replaced found, on windows made of their words:
    /// the link (its start and number of words) and who it is said of.
    #[test]
    fn walks_agree_with_the_regexes_they_replaced() {
        use super::{Words, LINK, WHO};
        // (The walk against the regex its heads and fillers spell, on random windows.)
        let link_re = LINK.as_regex();
        let who_re = concat!(
            r"(?:^| )(?:he|she|they|him|her|@|my colleague|my coworker|my co worker|my manager|my boss|my neighbour|my neighbor|my friend|my client|",
            r"her son|his son|their son|her daughter|his daughter|their daughter|her husband|his wife|her partner|his partner|the child|the boy|the girl|",
            r"the mum|the dad|the teacher|the head|the new girl|the new guy|our new|one of the parents|one of the staff)$"
        );
        let (link, who) = (
            regex_lite::Regex::new(&link_re).expect("compiles"),
            regex_lite::Regex::new(who_re).expect("compiles"),
        );
        let mut vocab: Vec<&str> = vec!["x", "", "sarah", "and", "ill"];
        for t in [&LINK, &WHO] {
            vocab.extend(t.words());
        }
        let (mut links, mut whos) = (0, 0);
        for window in crate::text::tail::test_windows(0x5ca7, &vocab, 10, 40_000) {
            let want = link.find(&window).map(|m| {
                let words = m.as_str().split(' ').filter(|w| !w.is_empty()).count();
                (m.start(), words)
            });
            let got = Words::of(&window)
                .and_then(|w| LINK.find(&w))
                .map(|m| (m.start - 1, m.words));
            assert_eq!(got, want, "link in {window:?}");
            links += usize::from(want.is_some());
            // Who: the regex over the words before a space, the walk over them and the space.
            if let Some(cut) = window.rfind(' ') {
                let want = who.find(&window[..cut]).map(|m| m.start() + 1);
                assert_eq!(super::who(&window[..=cut]), want, "who in {window:?}");
                whos += usize::from(want.is_some());
            }
        }
        assert!(links > 1000 && whos > 1000, "{links} {whos}");
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged_by("special-category-data", text)
    }

    #[test]
    fn about_someone_identifiable() {
        assert_eq!(
            flagged("Sarah in accounts is pregnant again"),
            ["Sarah in accounts is pregnant"]
        );
        assert_eq!(
            flagged("my colleague has cancer"),
            ["my colleague has cancer"]
        );
        assert_eq!(flagged("@dan came out as gay"), ["@dan came out as gay"]);
        assert_eq!(flagged("Her son is autistic"), ["Her son is autistic"]);
        // Who: a name and where from, a role, a name's "'s" before a role, a described role.
        for (text, want) in [
            (
                "Sam from the gym is HIV positive",
                "Sam from the gym is HIV",
            ),
            (
                "Barry next door has dementia",
                "Barry next door has dementia",
            ),
            ("Lucy on reception is trans", "Lucy on reception is trans"),
            (
                "The new SEN officer is a lesbian",
                "The new SEN officer is a lesbian",
            ),
            (
                "My sister-in-law had an abortion",
                "My sister-in-law had an abortion",
            ),
            ("Paula's son has ADHD", "Paula's son has ADHD"),
            (
                "Our head of service is in rehab",
                "Our head of service is in rehab",
            ),
            ("Our Jewish colleague is off today", "Our Jewish colleague"),
            (
                "the lad next door has schizophrenia",
                "the lad next door has schizophrenia",
            ),
            // The link: helpers, "'s", qualifiers.
            (
                "Neil has just come out as gay",
                "Neil has just come out as gay",
            ),
            (
                "Nathan has been off with his depression",
                "Nathan has been off with his depression",
            ),
            ("Jackie's been sectioned again", "Jackie's been sectioned"),
            ("Becky's depression is getting worse", "Becky's depression"),
            ("Tom's got prostate cancer", "Tom's got prostate cancer"),
            (
                "Jess from the choir had a stroke",
                "Jess from the choir had a stroke",
            ),
            (
                "Our friend Dawn has stage 3 bowel cancer",
                "Dawn has stage 3 bowel cancer",
            ),
        ] {
            assert_eq!(flagged(text), [want], "{text:?}");
        }
    }

    #[test]
    fn own_or_general_statements() {
        for t in [
            "I'm autistic and proud",
            "Autism is not an illness",
            "Cancer research needs funding",
            "It is black and white",
            "I've had type 1 diabetes since I was 9",
            "My son is autistic",
            "Our son has autism and a learning disability",
            "Dad had a heart attack last year",
            "Eid Mubarak to all our Muslim friends and colleagues",
            "Becky's black dress is lovely",
            "Jo's stroke of luck",
            "Tom's Indian takeaway was great",
            "The chair is black",
            "Our new manager is on holiday",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }
}
