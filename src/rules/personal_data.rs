use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::{Finding, Severity};
use crate::lexicon::{Anchor, LexiconBuilder, Owner};
use crate::policy::PolicyPack;
use crate::text::{Opaque, OpaqueKind};
use crate::Error;
use regex_lite::Regex;
use std::ops::Range;
use std::sync::OnceLock;

declare_rule! {
    /// Personal data that identifies or reaches a person: emails, phones, addresses, dates of
    /// birth, NI and NHS numbers, card and bank details.
    ///
    /// In full: email addresses, phone numbers, UK postcodes and street addresses, dates of
    /// birth, National Insurance numbers, NHS numbers, payment card numbers, bank sort codes
    /// with account numbers, and IBANs.
    ///
    /// Each finding names its `kind`: `email`, `phone`, `postcode`, `address`,
    /// `date-of-birth`, `nino`, `nhs-number`, `card`, `bank-account` or `iban`.
    ///
    /// Numbers are checked, not just matched, so that ordinary numbers are left alone:
    ///
    /// - **phone**: UK numbers (`07700 900123`, `07700-900-123` or with dashes, `07700900123`,
    ///   `(01234) 567890`, `020 7946 0000`, `0800 123 4567`, `+44 (0)7700 900123`,
    ///   `0044 7700 900123`: a `01`, `02`, `03`, `05`, `07`, `08` or `09` prefix and 11 digits,
    ///   or 10 for `0800` and for `01` numbers with a five- or six-digit area code, not `011x`
    ///   or `01x1`; after `+44` or `0044` the same less the 0, which may be written all the
    ///   same: `+44 07700 900123`), international numbers with a `+` or `00` prefix (8 to 15
    ///   digits; `+1` numbers must have 11) and North American layouts (`(555) 555-0100`,
    ///   `555.555.0100`, `1-800-555-0100`, extensions such as `x123` or `ext. 12`), the country
    ///   code perhaps in brackets (`(+44) 7700 900123`). Any other grouping of 7 to 12 digits
    ///   (`467 3395`, `0490 75 40 81`) is a phone number only next to a phone word: "phone",
    ///   "tel", "mobile", "call", "rang", "text", "fax", "T:" and the like before it, or
    ///   "(mobile)", "office", "fax" right after it (but not a word that labels the next
    ///   number: "NHS 783-084-4023 / mobile 0756…"); "number", "message" or "office" before it
    ///   count (for "number" or "no." alone, only a number starting with 0 or laid out 3-3-4:
    ///   "Crime number 12345678" is none) unless a word such as "order", "ref", "invoice",
    ///   "account", "charity" or "ticket" comes first. A dashed `555-555-0100` is laid out like
    ///   an NHS number, so it too needs a phone word or one of those hints. A number written
    ///   the UK way (`07700 9001`, `020 7946 001`, `0113 496 000`) with a digit too few or too
    ///   many is no phone number, whatever the words around it. Years, times, prices, dates, IP
    ///   addresses, counts ("1,000") and numbers glued to words ("5pm") are never phone
    ///   numbers; digits inside links are not read, except the number of a WhatsApp chat link
    ///   (`wa.me/447700900123`, `api.whatsapp.com/send?phone=…`). A kiss after a number
    ///   (`07700 900123x`) is not part of it, and a UK number spelt out a digit at a time
    ///   (`0 7 7 0 0 9 0 0 1 2 3`) is one, as is one typed with the letter O for a zero
    ///   (`O7700 9OO123`: eleven digits and Os, at least five of them digits, that make a UK
    ///   number).
    /// - **nhs-number**: 10 digits, `3 3 4` (or `3 4 3`, `4 3 3`) with spaces, dashes or dots or
    ///   run together (or in brackets on their own), whose mod-11 check digit is right. With a
    ///   wrong check digit it is not an NHS number (named as one, it is a mistyped one, not a
    ///   phone number: "NHS no. 466.162.4016"), and (written that way) not a phone number
    ///   either unless a phone
    ///   word is next to it (for a dashed one a hint such as "message" will do, but not after
    ///   "NHS" or before "(NHS)"). Where an NHS number and a phone number look alike: a number
    ///   starting with 0 is a phone number unless "NHS", "CHI", "patient", "hospital",
    ///   "pharmacy" or "prescription" is near (Scottish CHI numbers start 0–3), and a number right after a phone word ("Fax:
    ///   9434765919") is a phone number. "NHS#" and "NHS #" before it are a number sign, not
    ///   a hashtag; named as an NHS number, its ten digits may be grouped in other ways
    ///   (`619 5849030`, `4580 473 116`). One number in eleven passes the check, so a number
    ///   labelled as an account ("council tax account 3754242210") or a meeting ("join the
    ///   zoom: 856 140 3357") is no NHS number, nor is one whose nearest label before it is a
    ///   reference word ("my parcel … 3487555409"). A phone word in passing does not make a
    ///   phone number of a number the sentence names as an NHS number before it ("asked for
    ///   my NHS number over the phone and I had it memorised: 943-476-5919").
    /// - **nino**: National Insurance numbers (`AB 12 34 56 C`, `AB123456C`, `ab123456c`,
    ///   `AB-12-34-56-C`, `AB 123 456 C`)
    ///   with the official prefix rules (first letter not D F I Q U V, second not D F I O Q U
    ///   V, not BG GB KN NK NT TN ZZ, so HMRC's `QQ 12 34 56 C` placeholder is not flagged)
    ///   and a suffix A–D (another letter there, and it is no NINO); typed in two cases
    ///   (`Yp 86 28 96 d`) only with its suffix, and not after a word ("At 10 20 30 a").
    ///   Without the suffix it counts only within four words after "national insurance", "NI"
    ///   or "NINO", with no bank word between. The digits of a number laid out like a NINO but
    ///   not one (`TN 12 34 56 A`) are not read as a sort code.
    /// - **card**: 12 to 19 digits, run together or in the usual groups (fours; 4-6-5 and
    ///   4-6-4), that pass the Luhn check and start like a real card of that length: Visa 4,
    ///   Mastercard 51–55 and 2221–2720, Amex 34/37, Discover 6011/644–649/65, JCB 35 and
    ///   1800/2131, Diners 300–305/309/36/38/39, UnionPay 62, Maestro 50/56–69 (the only
    ///   12-digit cards). JCB's allocation is 3528–3589, but the whole of 35 is accepted: a
    ///   16-digit number that starts with 35 and passes Luhn is hardly ever anything else. A
    ///   part of a longer card-shaped number is no card (`6759 3990 2143` of
    ///   `6759 3990 2143 0001`), but a security code pasted after the card is not part of it:
    ///   in `4111 1111 1111 1111 123` the 19 digits fail the check and the first 16 pass, so
    ///   they are the card (three digits after 16, four after an Amex number's 15). A
    ///   card-shaped number that fails the check has no phone or NHS number inside it. A card
    ///   word ("card", "debit", "Visa") near it outweighs a reference label ("the debit card
    ///   number for the hall booking: 4111…").
    /// - **iban**: a known country code, that country's IBAN length (GB: 22) and the ISO 7064
    ///   mod-97 check, with or without spaces every four characters, in any case.
    /// - **bank-account**: a sort code (`12-34-56`, `12 34 56`, `12.34.56`, `123456`) and an
    ///   8-digit account number (`12345678`, `1234 5678`) next to each other (only spaces, a
    ///   comma, a slash or a dash between, or the sort code in brackets: `12-34-56 12345678`,
    ///   `123456 / 12345678`, `07-26-63/01314127`, `1234 5678 12 34 56`, `12345678
    ///   (123456)`), or up to 40 characters apart where a bank
    ///   word is before them ("sort code", "s/c", "SC", "account", "acc", "a/c", "bank",
    ///   "BACS", "payee", "transfer", a UK bank's name); each sort code pairs with the nearest
    ///   account number, and both are flagged. A sort code on its own names a bank branch, not
    ///   a person, and is not flagged; an 8-digit number just after "account", "acc", "a/c" or
    ///   "AC" is ("account no. 12345678"). A sort code that reads as a date too (`15-10-24`)
    ///   pairs only with an account number right next to it, unless a sort code word is right
    ///   before it: "paid 15-10-24" after bank details is a date. A number labelled as an
    ///   account is no phone number either ("My British Gas account number is 0128897219").
    /// - **postcode**: UK postcodes in the real format (one of the 124 postcode areas, the
    ///   outward code's letter rules, an inward code of a digit and two letters other than C I
    ///   K M O V), with no space, one or two, in capitals or in lower case: `LU5 4QL`,
    ///   `SW1A 1AA`, `mk454hs`; in mixed case only with a space (`Dl4 0wx`, as a phone's
    ///   keyboard capitalises it; "Hu27le" is a word), with a hyphen only in capitals
    ///   (`EC1Y-6SA`). Not inside a longer word, and not in a hashtag. An outward code on its
    ///   own (`LU5`) is not flagged, nor text-speak before an ordinal ("b4 1st time", "m8 2nd",
    ///   in lower case), nor a computer's memory ("MacBook Air M2 8GB", "M1 8GB RAM"). A kiss
    ///   after a postcode is not part of it ("ch1 4lax", "SO17 1NZx"). The digits of links are
    ///   not read, but a postcode in a link to a map is (`maps.google.com/?q=LU5%204QL`,
    ///   `…/maps/place/LU5+4QL`).
    /// - **date-of-birth**: a date with its year (`12/03/2015`, `2015-03-12`, `12 March 2015`,
    ///   `March 12th, 2015`, `12th of March 2015`) within 40 characters after "born", "DOB",
    ///   "D.O.B.", "date of birth" or "birthday", right after "b.", or just before "(DOB)". A
    ///   date on its own is not personal data and is not flagged, nor is a date in another
    ///   clause ("born in Leeds but moved here on 17th Nov 2019").
    /// - **address**: a house number (up to four digits, perhaps with a letter, not a year)
    ///   and a street: one to three capitalised words ending in a street word (Road, Street,
    ///   Avenue, Lane, Close, Drive, Way, Crescent, Court, Place, Gardens, Grove, Terrace,
    ///   Square, Mews, Parade, Rise, View, Row, Vale, Chase, Croft and the usual
    ///   abbreviations: Rd, St, Ave, Ln, Dr, Cres, Ct, Pl, Gdns, Tce, Sq...), with "Flat 3, "
    ///   or "Unit 2, " before it included: `12 Acacia Avenue`, `Flat 3, 14 High Street`; not
    ///   a count of a kind of thing ("Only 2 High Street banks left").
    ///
    /// A number labelled as a reference right before it ("Order 07700900123", "Booking
    /// reference: 2722099012", "Our membership number is 3319395092", "Invoice 85924677"; the
    /// words order, ref, invoice, PO, case, ticket, booking, membership, customer, company,
    /// charity, tracking, serial, ID and the like, perhaps with "number", "no." or "is" between,
    /// or "Registered in England and Wales" before a company's number) is that
    /// reference: not a phone, NHS, card or account number, whatever its check digit, and
    /// whether or not it is written in groups ("Booking reference 0770 0900 123"), unless a
    /// phone word after it says otherwise ("Order 07700 900123 (mobile)"); a full stop after
    /// a whole word ends a sentence, not a label ("still got the receipt. 07700 900123"), and a
    /// code of letters, a hyphen and digits (`ORD-14764435`) is a reference too. Groups
    /// of digits may be separated by one space or two; a number glued by a dash or a dot to more
    /// digits (`12-01067-22195`) is read whole, not in parts. Two times of day ("runs
    /// 1530–1730") are no phone number, nor is "00" and fewer than eight digits after it (a
    /// company number, "no. 00467322"); keycap emoji digits ("0️⃣7️⃣…") are read as digits.
    ///
    /// Numbers inside links and email addresses are not read, and one stretch of text gets one
    /// finding, of the most specific kind (a card number is not also a phone number).
    ///
    /// An email address is anyone's but a role's: a shared mailbox such as `info@`,
    /// `enquiries@`, `hello@`, `office@` or `bookings@` names a job, not a person, and is
    /// there to be posted ("Email us at info@example.org"); so is a mailbox on the
    /// organisation's own domains named after it (`sendiass@centralbedfordshire.gov.uk`, from
    /// the pack's names and `email_domains`), and so are placeholders (`firstname.lastname@`,
    /// `x@y.com`), git's (`git@github.com`) and images (`icon@2x.png`). An address spelt out
    /// to get past scrapers is an address ("jo dot bloggs at gmail dot com", "jbloggs[at]
    /// example(dot)org", "jo.bloggs at hotmail.co.uk", "jo.bloggs @ hotmail.co.uk": an "at" in
    /// brackets, an "@" with spaces, a "dot" spelt out or a mail provider's domain), but not
    /// "Find us at sendiass dot org dot uk" (a plain word before "at" or a spaced "@" needs a
    /// word of mailing before it). On a personal account, the organisation's own addresses
    /// are work-email's to flag.
    ///
    /// A UK number that is an organisation's line, not a person's (non-geographic: `03`,
    /// `080`, `084`, `087` and `09` numbers, as in "Call our helpline on 0300 123 4567"), is
    /// still found but only warned about, at most: it is personal data only if it is
    /// someone's direct line. An organisation that posts its own numbers lists them in the
    /// pack's `allowed_terms`, and they are not flagged at all.
    ///
    /// ## Why
    /// The policy says never to disclose private or confidential information, nor to post
    /// material which invades the privacy of any person; the Data Protection Act applies.
    ///
    /// ## Clause
    /// Section 2, bullet 3.
    ///
    /// ## Example
    /// "Call Sam on 07700 900123" is flagged at the phone number.
    pub struct PersonalData {
        id: "personal-data",
        title: "Personal data",
        category: MustNotDisclose,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Stop,
        modes: Both,
        example: "Call Sam on 07700 900123",
    }
}

/// Lexicon tags: words that announce a date of birth, and "b." (which needs the date right
/// after it).
const TAG_DOB: u32 = 1;
const TAG_B: u32 = 2;
/// "at" and a mail provider ("at gmail"), or a "dot": what a spelt-out email address needs.
const TAG_AT_PROVIDER: u32 = 3;
const TAG_DOT: u32 = 4;

/// Words that announce a date of birth (matched in the normalised word stream, so "D.O.B."
/// is "dob").
#[rustfmt::skip]
const DOB_WORDS: &[&str] = &[
    "born", "dob", "date of birth", "birth date", "birthdate", "birthday", "bday", "b day",
];

/// The kinds of personal data, most specific first (where two readings of one stretch of text
/// tie, the first kind wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Email,
    Iban,
    Card,
    Nhs,
    Nino,
    Postcode,
    SortCode,
    Account,
    Dob,
    Phone,
    Address,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Iban => "iban",
            Kind::Card => "card",
            Kind::Nhs => "nhs-number",
            Kind::Nino => "nino",
            Kind::Postcode => "postcode",
            Kind::SortCode | Kind::Account => "bank-account",
            Kind::Dob => "date-of-birth",
            Kind::Phone => "phone",
            Kind::Address => "address",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Kind::Email => "This is an email address. Posting someone's email address discloses their personal data, which the policy forbids.",
            Kind::Iban => "This looks like an IBAN (its check digits are valid). Posting bank details discloses personal data and puts the account at risk, which the policy forbids.",
            Kind::Card => "This looks like a payment card number (it passes the card checksum). Posting card details discloses personal data and invites fraud, which the policy forbids.",
            Kind::Nhs => "This looks like an NHS number (its check digit is valid). Posting someone's NHS number discloses their personal data, which the policy forbids.",
            Kind::Nino => "This looks like a National Insurance number. Posting someone's National Insurance number discloses their personal data, which the policy forbids.",
            Kind::Postcode => "This looks like a UK postcode. A postcode can show where someone lives; posting it discloses personal data, which the policy forbids.",
            Kind::SortCode => "This looks like a bank sort code. Posting bank details discloses personal data and puts the account at risk, which the policy forbids.",
            Kind::Account => "This looks like a bank account number. Posting bank details discloses personal data and puts the account at risk, which the policy forbids.",
            Kind::Dob => "This looks like a date of birth. Posting someone's date of birth discloses their personal data, which the policy forbids.",
            Kind::Phone => "This looks like a phone number. Posting someone's phone number discloses their personal data, which the policy forbids.",
            Kind::Address => "This looks like a street address. Posting where someone lives discloses their personal data, which the policy forbids.",
        }
    }

    fn suggestion(self) -> &'static str {
        match self {
            Kind::Email => "Remove the email address, or share it privately.",
            Kind::Phone => "Remove the number, or share it privately.",
            Kind::Card | Kind::Iban | Kind::SortCode | Kind::Account => {
                "Remove the bank or card details. Never post them."
            }
            Kind::Postcode => "Remove the postcode.",
            Kind::Address => "Remove the address.",
            Kind::Dob => "Remove the date of birth.",
            Kind::Nhs | Kind::Nino => "Remove the number.",
        }
    }
}

/// One piece of personal data: a byte range of the plain view.
#[derive(Debug, Clone)]
struct Found {
    range: Range<usize>,
    kind: Kind,
}

impl Rule for PersonalData {
    fn prepare(
        &self,
        _pack: &PolicyPack,
        index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        for w in DOB_WORDS {
            lex.add(Owner::Rule(index), TAG_DOB, w, Anchor::Whole, false);
        }
        lex.add(Owner::Rule(index), TAG_B, "b", Anchor::Whole, false);
        lex.add(Owner::Rule(index), TAG_DOT, "dot", Anchor::Whole, false);
        for provider in PROVIDERS.split(' ') {
            let at = format!("at {provider}");
            lex.add(
                Owner::Rule(index),
                TAG_AT_PROVIDER,
                &at,
                Anchor::Whole,
                false,
            );
        }
        Ok(None)
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let found = find_all(doc, cx);
        for f in found {
            let Some((a, b)) = doc.plain_span(f.range.clone()) else {
                continue;
            };
            let plain = doc.norm.plain.as_str();
            let org_line = f.kind == Kind::Phone
                && plain.get(f.range.clone()).is_some_and(organisation_line)
                && !someones_line_before(plain, f.range.start);
            let mut finding = if org_line {
                let mut g = cx.finding(a, b, "This looks like an organisation's phone number (UK numbers that start 03, 080, 084, 087 or 09 are not personal lines). Fine if it is published for the public; if it is someone's direct line, it is their personal data.");
                g.severity = g.severity.min(Severity::Warn);
                g.suggestion = Some("Check that it is a number published for the public.".into());
                g
            } else {
                let mut g = cx.finding(a, b, f.kind.message());
                g.suggestion = Some(f.kind.suggestion().into());
                g
            };
            finding.kind = Some(f.kind.id().into());
            out.push(finding);
        }
    }
}

/// Everything this rule finds in a document, in order, without overlaps.
fn find_all(doc: &Document, cx: &RuleCx) -> Vec<Found> {
    let plain = doc.norm.plain.as_str();
    let mut found = Vec::new();
    for o in &doc.norm.opaque {
        if o.kind == OpaqueKind::Email
            && plain
                .get(o.range.clone())
                .is_some_and(|e| is_email(e) && !is_role_address(e) && !is_org_mailbox(e, cx.pack))
        {
            found.push(Found {
                range: o.range.clone(),
                kind: Kind::Email,
            });
        }
    }
    spelled_emails(doc, cx, &mut found);
    // Everything else has digits in it.
    if crate::text::find_ascii_in_range(plain.as_bytes(), b'0', b'9').is_none() {
        return in_order(found);
    }
    let mut scan = Scan {
        s: plain,
        b: plain.as_bytes(),
        opaque: &doc.norm.opaque,
        next_opaque: 0,
        groups: Vec::new(),
        bank: Vec::new(),
        found: &mut found,
        o_glued: false,
    };
    scan.run();
    let o_glued = scan.o_glued;
    let mut bank = std::mem::take(&mut scan.bank);
    whatsapp_links(plain, &mut found);
    if o_glued {
        letter_o_phones(plain, &doc.norm.opaque, &mut found);
    }
    link_postcodes(plain, &doc.norm.opaque, &mut found);
    pair_bank_details(plain, &mut bank, &mut found);
    dates_of_birth(doc, cx, &mut found);
    in_order(found)
}

/// What was found, in order, without overlaps (of two that start together, the longer).
fn in_order(mut found: Vec<Found>) -> Vec<Found> {
    crate::text::sort_by_key(&mut found, |f| {
        (f.range.start as u128) << 64
            | (u32::MAX as u128 - f.range.end as u128) << 8
            | f.kind as u128
    });
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        match kept.last() {
            Some(k) if k.range.end > f.range.start => {}
            _ => kept.push(f),
        }
    }
    kept
}

/// Mail providers whose name after "at" makes an address of it: "jo at gmail.com".
const PROVIDERS: &str = concat!(
    "gmail googlemail hotmail outlook live yahoo ymail icloud aol btinternet btopenworld sky ",
    "virginmedia talktalk protonmail proton gmx msn"
);

/// Email addresses spelt out to get past scrapers: "jo dot bloggs at gmail dot com",
/// "jbloggs[at]example(dot)org", "jo.bloggs at hotmail.co.uk", "jo.bloggs @ hotmail.co.uk".
/// The "at" must be in brackets or an "@" with a space beside it, or a "dot" spelt out, or
/// the domain a mail provider's; a local part that is a plain word ("Find us at sendiass dot
/// org dot uk") needs a word of mailing before it ("email jo at sendiass dot org dot uk"),
/// and "me", "us" and the like are no address.
fn spelled_emails(doc: &Document, cx: &RuleCx, found: &mut Vec<Found>) {
    // The word stream first: an "at" followed by a mail provider, or a spelt "dot" after an "at".
    let words = doc.norm.words.as_str();
    let plain = doc.norm.plain.as_str();
    let p = plain.as_bytes();
    // An "@" with a space beside it and a domain after it: "jo.bloggs @ gmail.com",
    // "jo.bloggs @gmail.com" (a mention has no dot).
    let spaced_at = memchr::memchr_iter(b'@', p).any(|i| {
        let after = &p[i + 1..];
        let spaces = after.iter().take_while(|c| c.is_ascii_whitespace()).count();
        let name = after[spaces..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
            .count();
        (spaces > 0 || (i > 0 && p[i - 1].is_ascii_whitespace()))
            && name > 0
            && after.get(spaces + name) == Some(&b'.')
            && after
                .get(spaces + name + 1)
                .is_some_and(u8::is_ascii_alphabetic)
    });
    // (Found in the lexicon's one pass over the words: a search of its own for " at " cost
    // 3 % more instructions a check.)
    // The first " at " of the words, looked for once (when a "dot" is found).
    let first_at = std::cell::OnceCell::new();
    let gate = spaced_at
        || doc.hits_of(cx.owner()).any(|(h, e, _)| match e.tag {
            TAG_AT_PROVIDER => true,
            TAG_DOT => first_at
                .get_or_init(|| crate::text::find(words, " at "))
                .is_some_and(|a| a + 4 <= h.start),
            _ => false,
        });
    // Or an "at" in brackets: "[at]", "( at )".
    let bracketed_at = || {
        memchr::memchr3_iter(b'[', b'(', b'{', plain.as_bytes()).any(|i| {
            let r = plain[i + 1..].trim_start();
            r.get(..2).is_some_and(|a| a.eq_ignore_ascii_case("at"))
                && r[2..].trim_start().starts_with([']', ')', '}'])
        })
    };
    if !gate && !bracketed_at() {
        return;
    }
    let re = super::regex!(concat!(
        r"(?i)(?:^|[^a-z0-9._%+@'’-])[a-z0-9][a-z0-9._%+-]*(?:\s*[\[({]?\s*dot\s*[\])}]?\s*[a-z0-9][a-z0-9_%+-]*)*",
        r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s+@\s*|\s*@\s+)",
        r"[a-z0-9-]+(?:(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\.)[a-z0-9-]+)+"
    ));
    let gap = |c: u8| c.is_ascii_whitespace() || b"[({<>})]".contains(&c);
    for m in re.find_iter(plain) {
        let b = m.as_str().as_bytes();
        // Where the local part starts, and the "at": the first "at" with a gap on either side
        // (the local part's words are joined by dots).
        let from = b.iter().position(u8::is_ascii_alphanumeric).unwrap_or(0);
        // (The local part has no "@": the first one is the sign.)
        let sign = memchr::memchr(b'@', b);
        let Some((k, width)) = sign.map(|k| (k, 1)).or_else(|| {
            (from + 1..b.len().saturating_sub(2))
                .find(|&k| {
                    b[k..k + 2].eq_ignore_ascii_case(b"at") && gap(b[k - 1]) && gap(b[k + 2])
                })
                .map(|k| (k, 2))
        }) else {
            continue;
        };
        let (l, rest) = (&m.as_str()[from..k], &m.as_str()[k + width..]);
        let d = rest.trim_start_matches(|c: char| c.is_ascii() && gap(c as u8));
        let bracketed = l.trim_end().ends_with(['[', '(', '{', '<']);
        let l = l.trim_end_matches(|c: char| c.is_ascii() && gap(c as u8));
        let labels = dotted_parts(d);
        let tld = labels.last().copied().unwrap_or("");
        if !crate::text::in_list(
            "com net org uk io me info biz edu gov ie eu scot wales",
            tld,
        ) {
            continue;
        }
        let spelt = crate::text::contains(&d.to_ascii_lowercase(), "dot");
        let provider = crate::text::in_list(PROVIDERS, labels.first().copied().unwrap_or(""));
        if !(bracketed || sign.is_some() || spelt || provider) {
            continue;
        }
        let start = m.start() + from;
        let plain_word = l.bytes().all(|c| c.is_ascii_alphabetic());
        if crate::text::in_list("me us you him her them it this that here there", l)
            || (plain_word && !bracketed && !provider && !mailing_before(plain, start))
        {
            continue;
        }
        // As an address: a role's or the organisation's own mailbox is fine to post.
        let address = format!("{}@{}", dotted_parts(l).join("."), labels.join("."));
        if is_role_address(&address) || is_org_mailbox(&address, cx.pack) {
            continue;
        }
        found.push(Found {
            range: start..m.end(),
            kind: Kind::Email,
        });
    }
}

/// The parts of a spelt-out address between its dots, written or spelt ("jo dot bloggs":
/// "jo", "bloggs").
fn dotted_parts(s: &str) -> Vec<&str> {
    s.split(|ch: char| !(ch.is_ascii_alphanumeric() || "-_%+".contains(ch)))
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("dot"))
        .collect()
}

/// Whether a word of mailing ("email", "mail", "contact", "write") is among the three words
/// before byte `start` of `plain`.
fn mailing_before(plain: &str, start: usize) -> bool {
    WordsBack::new(plain, start, 30)
        .take(3)
        .any(|(w, _)| crate::text::in_list("email e-mail mail emails contact write message", w))
}

/// The phone number in a WhatsApp chat link ("wa.me/447526360338",
/// "api.whatsapp.com/send?phone=447803434264"), which the rest of the scan does not read: a
/// link's digits are otherwise never personal data.
fn whatsapp_links(plain: &str, found: &mut Vec<Found>) {
    let b = plain.as_bytes();
    for (key, rare) in [("wa.me/", 5), ("whatsapp.com/send?phone=", 17)] {
        for at in crate::text::find_all(plain, key, rare) {
            let mut p = at + key.len();
            if b.get(p) == Some(&b'+') {
                p += 1;
            }
            let d0 = p;
            while b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
            if (8..=15).contains(&(p - d0)) {
                found.push(Found {
                    range: d0..p,
                    kind: Kind::Phone,
                });
            }
        }
    }
}

/// UK numbers typed with the letter O for a zero ("O7700 9OO123", "o7752 19o237"), as people
/// write them by slip or to get past scrapers: eleven digits and Os (one space, dot or dash
/// between groups) that make a UK number once each O is a 0, with at least one O and at least
/// five real digits. Not inside a link or an address, nor glued to a word. (Called only when
/// the scan for numbers saw digits glued to an O.)
fn letter_o_phones(plain: &str, opaque: &[Opaque], found: &mut Vec<Found>) {
    let b = plain.as_bytes();
    let is_o = |c: u8| c == b'o' || c == b'O';
    let digitish = |c: &u8| c.is_ascii_digit() || is_o(*c);
    let mut p = 0;
    while p < b.len() {
        let starts = (b[p] == b'0' || is_o(b[p]))
            && (p == 0 || !(b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'@'))
            && b.get(p + 1).is_some_and(digitish);
        if !starts {
            p += 1;
            continue;
        }
        let (mut q, mut end) = (p, p);
        let mut digits = [0u8; 12];
        let (mut n, mut os) = (0usize, 0usize);
        while q < b.len() && n <= 11 {
            let c = b[q];
            if c.is_ascii_digit() || is_o(c) {
                if n < digits.len() {
                    digits[n] = if is_o(c) { 0 } else { c - b'0' };
                }
                os += usize::from(is_o(c));
                n += 1;
                q += 1;
                end = q;
            } else if matches!(c, b' ' | b'.' | b'-') && q > p && b.get(q + 1).is_some_and(digitish)
            {
                q += 1;
            } else {
                break;
            }
        }
        let bounded = !b
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'@');
        let inside_opaque = opaque
            .iter()
            .any(|o| o.range.start < end && p < o.range.end);
        if bounded
            && n == 11
            && os >= 1
            && n - os >= 5
            && digits[0] == 0
            && uk_national(&digits[1..11])
            && !inside_opaque
        {
            found.push(Found {
                range: p..end,
                kind: Kind::Phone,
            });
        }
        p = end.max(p + 1);
    }
}

/// Postcodes in a map link ("maps.google.com/?q=BN1%205RJ", "…/maps/place/LU5+4QL"), whose
/// other digits are never read: a link to a map of someone's postcode posts the postcode. Only
/// links to a map or with a postcode field are read, with "+" and "%20" read as spaces.
fn link_postcodes(plain: &str, opaque: &[Opaque], found: &mut Vec<Found>) {
    for o in opaque.iter().filter(|o| o.kind == OpaqueKind::Url) {
        let Some(url) = plain.get(o.range.clone()) else {
            continue;
        };
        let u = url.as_bytes();
        let has = |w: &[u8]| {
            let (first, rest) = (w[0], &w[1..]);
            memchr::memchr2_iter(first, first.to_ascii_uppercase(), u).any(|i| {
                u.get(i + 1..i + w.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(rest))
            })
        };
        if !(has(b"map") || has(b"postcode")) {
            continue;
        }
        // The link decoded, and where each of its bytes came from.
        let (mut text, mut from) = (Vec::with_capacity(u.len()), Vec::with_capacity(u.len()));
        let mut i = 0;
        while i < u.len() {
            let hex = u
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let (c, width) = match (u[i], hex) {
                (b'%', Some(c)) if c.is_ascii_graphic() || c == b' ' => (c, 3),
                (b'+', _) => (b' ', 1),
                (c, _) => (c, 1),
            };
            text.push(c);
            from.push(i);
            i += width;
        }
        from.push(u.len());
        let Ok(text) = String::from_utf8(text) else {
            continue;
        };
        let tb = text.as_bytes();
        for ls in 0..tb.len() {
            if !tb[ls].is_ascii_alphabetic() || !boundary_before(&text, ls) {
                continue;
            }
            if let Some(end) = postcode(&text, ls) {
                found.push(Found {
                    range: o.range.start + from[ls]..o.range.start + from[end],
                    kind: Kind::Postcode,
                });
            }
        }
    }
}

/// An address as the text view found it: a local part, an `@` and a domain with a top-level
/// domain of letters.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let tld = domain.rsplit('.').next().unwrap_or("");
    // "icon@2x.png": an image for screens of twice the density, not an address.
    let file = crate::text::in_list("png jpg jpeg gif webp svg pdf", tld);
    !local.is_empty() && tld.len() >= 2 && tld.chars().all(char::is_alphabetic) && !file
}

/// Whether an address is a shared mailbox named for a role, not a person, or a placeholder
/// ("firstname.lastname@…", "x@y.com") or git's (its local part, in any case, is one of these).
fn is_role_address(s: &str) -> bool {
    const ROLES: &str = concat!(
        "info information enquiries enquiry inquiries contact contactus hello hi admin office ",
        "support help helpdesk team press media news newsletter sales accounts finance billing ",
        "bookings booking events reception jobs careers recruitment hr feedback complaints privacy ",
        "dpo webmaster postmaster noreply no-reply donotreply volunteer volunteers volunteering ",
        "fundraising membership general mail post customerservice customerservices service services ",
        "training referrals git x yourname your.name name firstname.lastname firstname.surname ",
        "first.last forename.surname user username"
    );
    s.rsplit_once('@')
        .is_some_and(|(local, _)| crate::text::in_list(ROLES, local))
}

/// Whether an address is the organisation's own shared mailbox: on one of its domains (or a
/// subdomain), named after it or one of its aliases, spaces and dots aside
/// ("sendiass@centralbedfordshire.gov.uk" for "SENDIASS").
fn is_org_mailbox(s: &str, pack: &PolicyPack) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let ours = pack.organisation.email_domains.iter().any(|d| {
        let d = d.trim_start_matches('@');
        domain.eq_ignore_ascii_case(d)
            || domain.len() > d.len()
                && domain.is_char_boundary(domain.len() - d.len())
                && domain[..domain.len() - d.len()].ends_with('.')
                && domain[domain.len() - d.len()..].eq_ignore_ascii_case(d)
    });
    ours && squashed(local).next().is_some()
        && pack.names().any(|n| squashed(n).eq(squashed(local)))
}

/// Whether the words right before a number (at byte `start` of `plain`) say it is someone's
/// own line, whatever its prefix: "Mobile: 0341 8387176", "my registered 0961 7596216", "text
/// me on 0300…" (see [`OWN_LINE_WORDS`]).
fn someones_line_before(plain: &str, start: usize) -> bool {
    class_before(plain, start, 40, C_OWN)
}

/// Whether a word of the lists `class` (`C_` bits) is among the three words before byte
/// `start`, within `reach` bytes: "sort code 402021" ([`C_SORT`]), "account no: 12345678"
/// ([`C_ACCOUNT`]).
fn class_before(s: &str, start: usize, reach: usize, class: u16) -> bool {
    WordsBack::new(s, start, reach)
        .take(3)
        .any(|(w, _)| word_class(w) & class != 0)
}

/// The letters and digits of `t`, lower-cased: "SENDIASS" and "sendiass", "Central Beds" and
/// "centralbeds" alike.
fn squashed(t: &str) -> impl Iterator<Item = u8> + '_ {
    t.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
}

/// Whether a phone number is a UK organisation's line rather than a person's: non-geographic
/// numbers, 03 (public bodies, charities, businesses at local rates), 080 (freephone), 084 and
/// 087 (business rates) and 09 (premium rate), in their UK lengths (11 digits; 10 or 11 for
/// 080), written with a leading 0 or after +44 / 0044. Irish mobiles (`083 564 9312`, 10 digits)
/// and French numbers (`03 93 92 16 85`) are other lengths.
fn organisation_line(number: &str) -> bool {
    let t = number.trim_start();
    let count = t.bytes().filter(u8::is_ascii_digit).count();
    let mut d = t.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0');
    // The national number's length and first two digits, after the trunk 0 or +44 / 0044
    // (and a trunk 0 written after it: "+44 (0)300 …").
    let intl = if t.starts_with('+') {
        Some(0)
    } else if t.starts_with("00") {
        Some(2)
    } else {
        None
    };
    let mut len = match intl {
        None => {
            if d.next() != Some(0) {
                return false;
            }
            count - 1
        }
        Some(skip) => {
            let mut cc = d.by_ref().skip(skip);
            if cc.next() != Some(4) || cc.next() != Some(4) {
                return false;
            }
            count.saturating_sub(skip + 2)
        }
    };
    let mut first = d.next();
    if intl.is_some() && first == Some(0) {
        len = len.saturating_sub(1);
        first = d.next();
    }
    match (first, d.next()) {
        (Some(8), Some(0)) => (9..=10).contains(&len),
        (Some(3), _) | (Some(8), Some(4 | 7)) | (Some(9), _) => len == 10,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// The scanner: one pass over the plain text, stopping only at digits.

/// A group of digits in a number written with separators: "07700", "(0)", "(555)".
#[derive(Debug, Clone, Copy)]
struct Group {
    /// The group's bytes, parentheses included.
    start: usize,
    end: usize,
    /// The digits.
    d0: usize,
    d1: usize,
    paren: bool,
    /// The separator before the group: b' ', b'-', b'.', b'/', or 0 for none.
    sep: u8,
}

impl Group {
    fn len(&self) -> usize {
        self.d1 - self.d0
    }
}

/// The most groups one number may have; longer runs are split.
const MAX_GROUPS: usize = 12;
/// The most digits read into one candidate.
const MAX_DIGITS: usize = 24;

/// A run of digit groups: the candidate phone, card, NHS or bank number.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Where the leading '+' is, if any.
    plus: Option<usize>,
    /// The end of an extension ("x123", " ext. 45") after the last group.
    ext_end: Option<usize>,
    /// After a currency sign or '#': a price or a tag, never personal data.
    money: bool,
}

/// What the words around a number say about it.
#[derive(Debug, Clone, Copy, Default)]
struct NumberContext {
    /// A phone word decides it ("call", "mobile", "fax" before; "office", "mobile" after).
    phone: bool,
    /// A weaker hint ("number", "message") with nothing against it.
    phone_hint: bool,
    /// The hint is only a word for any number ("number", "no"): "Crime number 12345678".
    number_hint: bool,
    /// A word that makes it something else ("order", "ref", "invoice") decides it.
    not_phone: bool,
    /// It is labelled as a reference of some kind: "Order 0770…", "Booking reference: 27…",
    /// "Our membership number is 33…".
    ref_label: bool,
    /// It is labelled as an account number: "British Gas account number is 01288…". An
    /// account number of a bank has 8 digits; of anything else, it is no phone or NHS number.
    account_label: bool,
    /// The nearest of the reference, account and NHS words before it is a reference or
    /// account word ("my parcel in the bin again. 3487555409").
    ref_near: bool,
    nhs: bool,
    sort_code: bool,
    account: bool,
    /// A bank word: "bank", "BACS", "payee", a bank's name.
    bank: bool,
    nino: bool,
    /// A payment card word: "card", "debit", "Visa".
    card: bool,
    /// A company's registration: "Registered in England & Wales no. 06044922".
    company: bool,
}

/// A sort code or account number waiting to be paired.
#[derive(Debug, Clone)]
struct BankPart {
    range: Range<usize>,
    sort_code: bool,
    /// A sort code run together ("402021"), or a part of "402021 71234567": paired only with
    /// the number right next to it.
    loose: bool,
    /// A sort code that reads as a date too ("15-10-24") without a sort code word right
    /// before it: also paired only with the number right next to it ("paid 15-10-24" near an
    /// account number is a date).
    datelike: bool,
    ctx: NumberContext,
}

struct Scan<'a> {
    s: &'a str,
    b: &'a [u8],
    opaque: &'a [Opaque],
    next_opaque: usize,
    /// The groups of the current run (reused).
    groups: Vec<Group>,
    bank: Vec<BankPart>,
    found: &'a mut Vec<Found>,
    /// Digits glued to a letter O were seen ("O7700 9OO123"): see [`letter_o_phones`].
    o_glued: bool,
}

impl Scan<'_> {
    fn run(&mut self) {
        let n = self.b.len();
        let mut i = 0;
        while i < n {
            let Some(off) = crate::text::find_ascii_in_range(&self.b[i..], b'0', b'9') else {
                break;
            };
            let d = i + off;
            if let Some(end) = self.opaque_covering(d) {
                i = end.max(d + 1);
                continue;
            }
            i = self.at_digit(d).max(d + 1);
        }
    }

    /// The end of the link, email address or mention at `pos`, if there is one.
    fn opaque_covering(&mut self, pos: usize) -> Option<usize> {
        while self
            .opaque
            .get(self.next_opaque)
            .is_some_and(|o| o.range.end <= pos)
        {
            self.next_opaque += 1;
        }
        self.opaque
            .get(self.next_opaque)
            .filter(|o| o.range.start <= pos)
            .map(|o| o.range.end)
    }

    /// Whether a range reaches into a link, email address or mention (checked after
    /// `opaque_covering` for its start).
    fn touches_opaque(&self, r: &Range<usize>) -> bool {
        self.opaque[self.next_opaque.min(self.opaque.len())..]
            .iter()
            .take_while(|o| o.range.start < r.end)
            .any(|o| o.range.end > r.start)
    }

    fn push(&mut self, range: Range<usize>, kind: Kind) {
        if !self.touches_opaque(&range) {
            self.found.push(Found { range, kind });
        }
    }

    /// Reads what starts at the digit at `d`; returns where to go on.
    fn at_digit(&mut self, d: usize) -> usize {
        let b = self.b;
        // Letters right before the digit: an IBAN, a NINO or a postcode, or a word with a
        // digit in it ("COVID19", "A4").
        let mut ls = d;
        while ls > 0 && b[ls - 1].is_ascii_alphabetic() {
            ls -= 1;
        }
        if ls < d {
            self.o_glued |= matches!(b[d - 1], b'o' | b'O');
            let tagged = ls > 0 && matches!(b[ls - 1], b'#' | b'@');
            if d - ls <= 2 && boundary_before(self.s, ls) && !tagged {
                if let Some((end, kind)) = letter_led(self.s, ls) {
                    self.push(ls..end, kind);
                    return end;
                }
            }
            return token_end(self.s, d);
        }
        // "QQ 12 34 56 C", "GIR 0AA", "QQ-12-34-56-C": letters, a space or hyphen, the digits.
        if d >= 3 && matches!(b[d - 1], b' ' | b'-') {
            let mut ls = d - 1;
            while ls > 0 && b[ls - 1].is_ascii_alphabetic() {
                ls -= 1;
            }
            let letters = d - 1 - ls;
            if (2..=3).contains(&letters) && boundary_before(self.s, ls) {
                if let Some((end, kind)) = letter_led(self.s, ls) {
                    self.push(ls..end, kind);
                    return end;
                }
                // Laid out like a NINO but not one ("TN 12 34 56 A", "QQ 12 34 56 C"): its
                // digits are no sort code, unless the letters say so ("SC 203968 a/c …").
                if letters == 2 {
                    if let Some((_, Some(q))) = nino_layout(self.s, ls) {
                        // ("a" of "a/c" is no suffix letter.)
                        let sort_word = word_class(&self.s[ls..d - 1]) & C_SORT != 0;
                        if !(sort_word && b.get(q + 1) == Some(&b'/')) {
                            return q + 1;
                        }
                    }
                }
            }
        }
        self.number(d)
    }

    /// Reads a run of digit groups starting at the digit `d` and classifies it.
    fn number(&mut self, d: usize) -> usize {
        let (s, b) = (self.s, self.b);
        let n = b.len();
        let mut start = d;
        if start > 0 && b[start - 1] == b'(' {
            start -= 1;
        }
        let mut plus = None;
        // "(+44) 7700 900123": the country code in brackets.
        let mut plus_paren = false;
        if start > 0 && b[start - 1] == b'+' {
            start -= 1;
            if start > 0 && b[start - 1] == b'(' {
                start -= 1;
                plus_paren = true;
            }
            plus = Some(start);
        }
        // Glued to what came before: the tail of a word, a time ("10:30"), a decimal or a
        // thousands group ("1,000"): skip the whole thing.
        if !boundary_before(s, start) {
            return token_end(s, d);
        }
        // ("07907 893104/+44 20 3491 6190" is two numbers: a '+' starts a new one.) Nor is a
        // code of letters, a hyphen and digits ("ORD-14764435") personal data.
        if start >= 2
            && plus.is_none()
            && (matches!(b[start - 1], b'.' | b',' | b':' | b'-' | b'/')
                && b[start - 2].is_ascii_digit()
                || b[start - 1] == b'-' && b[start - 2].is_ascii_alphabetic())
        {
            return token_end(s, d);
        }
        let money = match s[..start].chars().next_back() {
            Some('£' | '$' | '€' | '¥' | '₹') => true,
            // "#5", "#2024" are tags; "NHS#709 108 5485", "Tel # 07700 900123" are numbers.
            Some('#') => !number_sign(s, start - 1),
            _ => false,
        };

        self.groups.clear();
        let mut p = match (plus, plus_paren) {
            (Some(_), true) => start + 2,
            (Some(_), false) => start + 1,
            _ => start,
        };
        let mut sep = 0u8;
        let mut digits = 0usize;
        loop {
            let gs = p;
            let mut paren = b.get(p) == Some(&b'(');
            if paren {
                p += 1;
            }
            if plus_paren && self.groups.is_empty() {
                paren = true;
            }
            let d0 = p;
            while p < n && b[p].is_ascii_digit() {
                p += 1;
            }
            let d1 = p;
            if d1 == d0 {
                p = gs;
                break;
            }
            let mut g_start = gs;
            if paren {
                if b.get(p) == Some(&b')') {
                    p += 1;
                } else {
                    paren = false;
                    g_start = d0;
                    // "(+44 114 075 2127)": the bracket is around the whole number.
                    if plus_paren && self.groups.is_empty() {
                        start += 1;
                        plus = Some(start);
                    }
                }
            }
            digits += d1 - d0;
            self.groups.push(Group {
                start: g_start,
                end: p,
                d0,
                d1,
                paren,
                sep,
            });
            if self.groups.len() >= MAX_GROUPS || digits > MAX_DIGITS || p >= n {
                break;
            }
            let starts_group = |q: usize| match b.get(q) {
                Some(c) if c.is_ascii_digit() => true,
                Some(b'(') => b.get(q + 1).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
            let c = b[p];
            if matches!(c, b' ' | b'-' | b'.' | b'/') && starts_group(p + 1) {
                sep = c;
                p += 1;
            } else if c == b' ' && b.get(p + 1) == Some(&b' ') && starts_group(p + 2) {
                // Two spaces, as text pasted from a form or a PDF often has.
                sep = c;
                p += 2;
            } else if let Some((s, k)) = spaced_sep(b, p, d1 - d0) {
                // A hyphen, slash or dot with a space on either side or both, as typed by
                // hand ("4174 - 1292 - 2080 - 1012", "4476- 4632-"), between groups of three
                // digits or more ("07700 900123 - 9am" stays apart).
                sep = s;
                p += k;
            } else if (paren && c.is_ascii_digit()) || (c == b'(' && starts_group(p)) {
                sep = 0;
            } else {
                break;
            }
        }
        let mut end = p;
        if self.groups.is_empty() {
            return d + 1;
        }
        let mut run = Run {
            plus,
            ext_end: None,
            money,
        };
        if let Some(e) = extension(b, end) {
            run.ext_end = Some(e);
            end = e;
        } else if end < n {
            // A group glued to letters ("5pm", "10th", "12a"), a percentage, or the hour of a
            // time is not part of the number.
            let next = s[end..].chars().next();
            // ("07943 152693x": a kiss, not a letter of the number.)
            let kisses = b[end..].iter().take_while(|&&c| c == b'x').count();
            let kiss = (1..=3).contains(&kisses) && boundary_after(s, end + kisses);
            let glued = (!kiss
                && next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '%')))
                || (b[end] == b':' && b.get(end + 1).is_some_and(u8::is_ascii_digit))
                || (b[end] == b',' && b.get(end + 1).is_some_and(u8::is_ascii_digit));
            if glued {
                self.o_glued |= matches!(b[end], b'o' | b'O');
                let last = self.groups.len() - 1;
                let tail = self.groups[last];
                let after = token_end(s, tail.d1);
                // "12a High Street": a house number with a letter.
                if !money
                    && self.groups.len() == 1
                    && tail.len() <= 4
                    && b.get(end).is_some_and(u8::is_ascii_alphabetic)
                    && after == end + 1
                {
                    if let Some(a_end) = street_after(s, after) {
                        self.push(address_start(s, start)..a_end, Kind::Address);
                        return a_end;
                    }
                }
                self.groups.pop();
                end = after;
                if self.groups.is_empty() {
                    return end;
                }
            }
        }
        if !run.money {
            let groups = std::mem::take(&mut self.groups);
            self.classify(&groups, run, start);
            self.groups = groups;
        }
        end
    }

    /// Splits a run into phone, card, NHS and bank numbers.
    fn classify(&mut self, g: &[Group], mut run: Run, start: usize) {
        let mut m = g.len();
        // A house number: "12 Acacia Avenue". Numbers before it are read on their own.
        let last = g[m - 1];
        let year = last.len() == 4 && (1800..=2099).contains(&value(self.b, &last));
        if last.len() <= 4
            && !year
            && !last.paren
            && (m > 1 || run.plus.is_none())
            && run.ext_end.is_none()
        {
            if let Some(a_end) = street_after(self.s, last.end) {
                let a = if m == 1 {
                    address_start(self.s, last.start)
                } else {
                    last.start
                };
                self.push(a..a_end, Kind::Address);
                m -= 1;
                run.ext_end = None;
            }
        }
        if m == 1 && g[0].len() <= 4 {
            return;
        }
        let g = &g[..m];
        let total: usize = g.iter().map(Group::len).sum();
        if total < 6 {
            return;
        }
        let ctx = number_context(self.s, start, run.ext_end.unwrap_or(g[m - 1].end));
        let mut claimed = [false; MAX_GROUPS];
        let range_of = |i: usize, j: usize| {
            // A number in brackets on its own: "(6164952603)". The brackets are not part of it.
            if i == j && g[i].paren && m == 1 {
                // ("(+447455008684)": the '+' is.)
                return run.plus.map_or(g[i].d0, |p| p + 1)..g[i].d1;
            }
            let a = if i == 0 {
                run.plus.unwrap_or(g[0].start)
            } else {
                g[i].start
            };
            let e = if j == m - 1 {
                run.ext_end.unwrap_or(g[j].end)
            } else {
                g[j].end
            };
            a..e
        };
        // Sort codes ("12-34-56", with an account number before or after it in the same run:
        // "12 34 56 12345678", "12-34-56 1234 5678").
        for i in 0..m.saturating_sub(2).min(3) {
            if run.plus.is_some() || !is_sort_code(&g[i..i + 3]) {
                continue;
            }
            let alone = m == 3;
            // "12-34-56 12345678", "12-34-56/12345678"
            let then_account =
                m == 4 && i == 0 && g[3].len() == 8 && matches!(g[3].sep, b' ' | b'/');
            let after_account = m == 4 && i == 1 && g[0].len() == 8 && g[1].sep == b' ';
            let then_fours = m == 5 && i == 0 && is_split_account(&g[3..5]);
            // "1234 5678 12 34 56"
            let after_fours = m == 5 && i == 2 && g[2].sep == b' ' && is_split_account(&g[..2]);
            if !(alone || then_account || after_account || then_fours || after_fours) {
                continue;
            }
            self.bank.push(BankPart {
                range: g[i].start..g[i + 2].end,
                sort_code: true,
                loose: false,
                // (Written with dots it reads as a date even in a longer run, so it pairs only
                // with an account number right next to it.)
                datelike: (alone || g[i + 1].sep == b'.')
                    && day_month(self.b, &g[i..i + 3])
                    && !class_before(self.s, g[i].start, 16, C_SORT),
                ctx,
            });
            let account = match (then_account, after_account, then_fours, after_fours) {
                (true, ..) => Some(g[3].start..g[3].end),
                (_, true, ..) => Some(g[0].start..g[0].end),
                (_, _, true, _) => Some(g[3].start..g[4].end),
                (.., true) => Some(g[0].start..g[1].end),
                _ => None,
            };
            if let Some(range) = account {
                self.bank.push(BankPart {
                    range,
                    sort_code: false,
                    loose: false,
                    datelike: false,
                    ctx,
                });
            }
            return;
        }
        // A sort code run together and an account number: "402021 71234567",
        // "402021/71234567".
        if m == 2 && matches!(g[1].sep, b' ' | b'/') {
            let lens = (g[0].len(), g[1].len());
            if (lens == (6, 8) || lens == (8, 6)) && !ctx.ref_label {
                for gr in g {
                    self.bank.push(BankPart {
                        range: gr.d0..gr.d1,
                        sort_code: gr.len() == 6,
                        loose: true,
                        datelike: false,
                        ctx,
                    });
                }
                return;
            }
        }
        // "402021 7123 4567", "402021/7123 4567"
        if m == 3 && g[0].len() == 6 && matches!(g[1].sep, b' ' | b'/') && is_split_account(&g[1..])
        {
            for (range, sort_code) in [(g[0].d0..g[0].d1, true), (g[1].d0..g[2].d1, false)] {
                self.bank.push(BankPart {
                    range,
                    sort_code,
                    loose: true,
                    datelike: false,
                    ctx,
                });
            }
            return;
        }
        // A UK number spelt out a digit at a time ("0 7 7 0 0 9 0 0 1 2 3"), as people write
        // it to get past scrapers.
        if (10..=11).contains(&m)
            && run.plus.is_none()
            && g.iter().all(|x| x.len() == 1 && matches!(x.sep, b' ' | 0))
        {
            let mut buf = [0u8; MAX_DIGITS + 8];
            let n = digits_of(self.b, g, false, &mut buf);
            if buf[0] == 0 && uk_national(&buf[1..n]) {
                self.push(range_of(0, m - 1), Kind::Phone);
                return;
            }
        }
        // A card-shaped number that is no card ("4227 0081 7445 1160" fails the Luhn check)
        // has no phone or NHS number inside it.
        let card_shaped = m >= 3 && (13..=19).contains(&total) && card_layout(g);
        // Numbers that are certain from their shape.
        let mut i = 0;
        while i < m {
            let mut hit = None;
            for j in (i..m.min(i + 8)).rev() {
                // Nothing with a shape has fewer than 7 or more than 19 digits (a trunk "(0)"
                // or a "00" prefix is at most two more).
                let digits: usize = g[i..=j].iter().map(Group::len).sum();
                if !(7..=21).contains(&digits) {
                    continue;
                }
                let part_of_card = card_shaped && (i, j) != (0, m - 1);
                // Nor is there one glued by a dash or a dot to more digits: the "01067-22195"
                // of the order number "12-01067-22195".
                let glued = |k: usize| matches!(g[k].sep, b'-' | b'.');
                if (i > 0 && glued(i)) || (j + 1 < m && glued(j + 1)) {
                    continue;
                }
                if let Some(k) = strong(self.b, g, i, j, &run, &ctx) {
                    if part_of_card && k != Kind::Card {
                        continue;
                    }
                    hit = Some((j, k));
                    break;
                }
            }
            match hit {
                Some((j, k)) => {
                    self.push(range_of(i, j), k);
                    claimed[i..=j].iter_mut().for_each(|c| *c = true);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        // Other groupings of digits, next to a phone word: each stretch of groups that no
        // shape claimed, taken whole (a part of it is never a phone number on its own).
        let mut i = 0;
        while i < m {
            if claimed[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < m && !claimed[j + 1] {
                j += 1;
            }
            if weak_phone(self.b, g, i, j, &run, &ctx) {
                self.push(range_of(i, j), Kind::Phone);
                claimed[i..=j].iter_mut().for_each(|c| *c = true);
            }
            i = j + 1;
        }
        // What is left: an account number (8 digits) or a sort code run together (6 digits).
        // An 8-digit number that only a hint ("number", "direct") made a phone number is an
        // account number all the same when a sort code is next to it.
        // An account number labelled as something else ("Invoice 85924677") is that thing.
        let hinted = claimed[0] && !ctx.phone;
        // "1234 5678": an account number written in fours.
        if m == 2 && is_split_account(g) && (!claimed[0] || hinted) && !ctx.ref_label {
            self.bank.push(BankPart {
                range: g[0].d0..g[1].d1,
                sort_code: false,
                loose: false,
                datelike: false,
                ctx,
            });
        }
        if m == 1 && (!claimed[0] || hinted) && run.plus.is_none() {
            let len = g[0].len();
            if (len == 8 && !ctx.ref_label) || (len == 6 && !claimed[0]) {
                self.bank.push(BankPart {
                    range: g[0].d0..g[0].d1,
                    sort_code: len == 6,
                    loose: len == 6,
                    datelike: false,
                    ctx,
                });
            }
        }
    }
}

/// Whether the '#' at `hash` is a number sign: right after (or one space after) a word that
/// names a number ("NHS#", "No. #", "Tel #").
fn number_sign(s: &str, hash: usize) -> bool {
    let b = s.as_bytes();
    let mut we = hash;
    if we > 0 && b[we - 1] == b' ' {
        we -= 1;
    }
    if we > 0 && b[we - 1] == b'.' {
        we -= 1;
    }
    let mut ws = we;
    while ws > 0 && we - ws < 16 && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    ws < we
        && boundary_before(s, ws)
        && word_class(&s[ws..we]) & (C_NHS | C_NUMBER | C_PHONE | C_ACCOUNT | C_SORT | C_NINO) != 0
}

/// Whether `pos` starts a token: the character before it is not a letter, digit or '_'.
fn boundary_before(s: &str, pos: usize) -> bool {
    s.get(..pos)
        .and_then(|h| h.chars().next_back())
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// Whether `pos` ends a token.
fn boundary_after(s: &str, pos: usize) -> bool {
    s.get(pos..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// The end of the token of letters, digits and joiners ('.', ',', ':', '-', '/' between
/// alphanumerics) that `pos` is in.
fn token_end(s: &str, pos: usize) -> usize {
    let b = s.as_bytes();
    let mut p = pos;
    while p < b.len() {
        let c = b[p];
        if c.is_ascii_alphanumeric() || c == b'_' {
            p += 1;
        } else if matches!(c, b'.' | b',' | b':' | b'-' | b'/')
            && b.get(p + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            p += 2;
        } else if c >= 0x80 {
            match s[p..].chars().next() {
                Some(ch) if ch.is_alphanumeric() => p += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    p
}

/// An extension after a phone number: "x123", " x 123", " ext. 45", " extension 6".
fn extension(b: &[u8], end: usize) -> Option<usize> {
    let mut p = end;
    if b.get(p) == Some(&b' ') {
        p += 1;
    }
    let rest = b.get(p..)?;
    let word = if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"extension") {
        9
    } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"ext") {
        if rest.get(3) == Some(&b'.') {
            4
        } else {
            3
        }
    } else if matches!(rest.first(), Some(b'x' | b'X')) {
        1
    } else {
        return None;
    };
    p += word;
    if b.get(p) == Some(&b' ') {
        p += 1;
    }
    let d0 = p;
    while b.get(p).is_some_and(u8::is_ascii_digit) {
        p += 1;
    }
    let ok = (1..=6).contains(&(p - d0)) && !b.get(p).is_some_and(u8::is_ascii_alphanumeric);
    ok.then_some(p)
}

/// The digits of some groups as numbers 0–9, leaving out a "(0)" trunk prefix when
/// `skip_trunk`. Returns how many were read (at most the buffer's length).
fn digits_of(b: &[u8], g: &[Group], skip_trunk: bool, buf: &mut [u8; MAX_DIGITS + 8]) -> usize {
    let mut n = 0;
    for gr in g {
        if skip_trunk && gr.paren && gr.len() == 1 && b.get(gr.d0) == Some(&b'0') {
            continue;
        }
        for &c in b.get(gr.d0..gr.d1).unwrap_or(&[]) {
            if n == buf.len() {
                return n;
            }
            buf[n] = c.wrapping_sub(b'0');
            n += 1;
        }
    }
    n
}

/// The value of a group of up to 9 digits.
fn value(b: &[u8], g: &Group) -> u32 {
    b.get(g.d0..g.d1)
        .unwrap_or(&[])
        .iter()
        .take(9)
        .fold(0, |v, c| v * 10 + u32::from(c.wrapping_sub(b'0')))
}

/// Whether every group after the first has the same separator, and it is one of `seps`.
fn uniform_sep(g: &[Group], seps: &[u8]) -> bool {
    g.get(1)
        .is_none_or(|first| seps.contains(&first.sep) && g[1..].iter().all(|x| x.sep == first.sep))
}

/// A number whose shape alone says what it is: a payment card, an NHS number, or a phone
/// number in a standard layout.
fn strong(
    b: &[u8],
    all: &[Group],
    i: usize,
    j: usize,
    run: &Run,
    ctx: &NumberContext,
) -> Option<Kind> {
    let g = &all[i..=j];
    let plus = i == 0 && run.plus.is_some();
    let ext = j + 1 == all.len() && run.ext_end.is_some();
    if !plus && !ext {
        // Without a '+' or an extension, only these shapes can be anything: a 0 prefix, a
        // card, ten digits (NHS, North American) or 1 and ten digits.
        let n: usize = g.iter().map(Group::len).sum();
        let maybe = b.get(g[0].d0) == Some(&b'0')
            || n == 10
            || (n == 11 && g[0].len() == 1)
            || ((12..=19).contains(&n) && card_layout(g));
        if !maybe {
            return None;
        }
    }
    let mut buf = [0u8; MAX_DIGITS + 8];
    let n = digits_of(b, g, plus, &mut buf);
    if !(7..=MAX_DIGITS).contains(&n) {
        return None;
    }
    // "Kick off 01.04.21 1500": a date and a time.
    let dated = (0..g.len().saturating_sub(2)).any(|k| is_date(b, &g[k..k + 3]));
    let d = &buf[..n];
    if !plus && !ext {
        if (12..=19).contains(&n)
            && card_layout(g)
            && luhn(d)
            && card_prefix(d)
            && !card_goes_on(all, i, j)
            && (!ctx.ref_label || ctx.card)
        {
            return Some(Kind::Card);
        }
        // 3-3-4, and the groupings people also use for them (3-4-3, 4-3-3).
        let three = g.len() == 3 && uniform_sep(g, b" -.");
        let lens = (g[0].len(), g.get(1).map_or(0, Group::len));
        let nhs_layout = g.len() == 1
            || (three && matches!(lens, (3, 3) | (3, 4) | (4, 3)))
            // Named as one, in another grouping: "NHS number: 787 1247352".
            || (ctx.nhs && g.len() <= 3 && g.iter().all(|x| x.len() >= 3) && uniform_sep(g, b" -."));
        // In brackets on its own, "(6164952603)", but not "(943) 476 5919" (an area code).
        let bracketed = g[0].paren && g.len() > 1;
        if n == 10 && nhs_layout && !bracketed && nhs_check(d) {
            // A number labelled as something else ("Order number 7578968491", "Fax:
            // 9434765919") is that thing: one number in eleven passes the check.
            let labelled = ctx.ref_label || ctx.account_label || ctx.ref_near;
            if ctx.nhs || (d[0] != 0 && !ctx.phone && !labelled) {
                return Some(Kind::Nhs);
            }
        }
        // Named an NHS number but failing the check ("NHS no. 466.162.4016"): a mistyped one,
        // not a phone number (no UK number of ten digits starts with another digit than 0).
        if n == 10 && nhs_layout && ctx.nhs && d[0] != 0 && !ctx.phone {
            return None;
        }
    }
    (!dated && strong_phone(g, plus, ext, d, ctx)).then_some(Kind::Phone)
}

/// Whether groups with these digits are a phone number in a standard layout.
fn strong_phone(g: &[Group], plus: bool, ext: bool, d: &[u8], ctx: &NumberContext) -> bool {
    let n = d.len();
    if n < 7 {
        return false;
    }
    if plus {
        return match (d[0], d[1]) {
            (0, _) => false,
            (4, 4) => uk_national(&d[2..]),
            (1, _) => n == 11,
            _ => (8..=15).contains(&n),
        };
    }
    // "Order 07700900123", "Booking reference 0770 0900 123", "Account number 0017690368": a
    // reference or an account, unless a phone word says otherwise ("Order 07700 900123
    // (mobile)").
    let blocked = (ctx.ref_label || ctx.account_label || ctx.company) && !ctx.phone;
    if d[0] == 0 && d[1] == 0 {
        if blocked {
            return false;
        }
        // 0044 7700 900123, 001-518-640-0854
        if d[2..4] == [4, 4] {
            return g[0].len() >= 3 && uk_national(&d[4..]);
        }
        return g[0].len() >= 3 && (8..=15).contains(&(n - 2)) && d[2] != 0;
    }
    if d[0] == 0 {
        let uk = uk_national(&d[1..]);
        let layout = g.len() <= 4 && g.iter().all(|x| x.len() >= 2);
        return uk && layout && !blocked;
    }
    if ext {
        return (7..=15).contains(&n) && g.len() >= 2;
    }
    let nanp = |k: usize| {
        g.len() == k + 3
            && g[k].len() == 3
            && g[k + 1].len() == 3
            && g[k + 2].len() == 4
            && (2..=9).contains(&d[n - 10])
            && !g[k + 1].paren
            && !g[k + 2].paren
    };
    if blocked {
        return false;
    }
    // 1-800-555-0100, 1 (800) 555-0100
    if n == 11 && d[0] == 1 && g[0].len() == 1 && nanp(1) && !g[0].paren {
        return g[2].sep != b'/' && g[3].sep != b'/';
    }
    if n == 10 && nanp(0) {
        if g[0].paren && g[1].sep != b'/' && g[2].sep != b'/' {
            return true;
        }
        if uniform_sep(g, b".") {
            return true;
        }
        // 555-555-0100 is laid out like an NHS number ("943-476-5919"): one with a wrong
        // check digit is a phone number only with a phone word or a hint ("messages to"), and
        // never after "NHS".
        return uniform_sep(g, b"-") && (ctx.phone || ctx.phone_hint) && !ctx.nhs;
    }
    false
}

/// The digits of a UK number after the country code or the trunk 0 ("7700900123", a 0
/// written after "+44" left out): whether they make a number. Ten digits, or nine for 0800
/// and for 01 numbers with a five- or six-digit area code (not 011x and 01x1: "0113 496 000"
/// is one digit short).
fn uk_national(nat: &[u8]) -> bool {
    let nat = match nat {
        [0, rest @ ..] => rest,
        _ => nat,
    };
    match nat.len() {
        10 => matches!(nat[0], 1 | 2 | 3 | 5 | 7 | 8 | 9),
        9 => (nat[0] == 1 && nat[1] != 1 && nat[2] != 1) || nat[..3] == [8, 0, 0],
        _ => false,
    }
}

/// Any other grouping of 7 to 12 digits, next to a phone word: "Phone: 467 3395".
fn weak_phone(b: &[u8], all: &[Group], i: usize, j: usize, run: &Run, ctx: &NumberContext) -> bool {
    if !(ctx.phone || ctx.phone_hint) || (i == 0 && run.plus.is_some()) || ctx.company {
        return false;
    }
    let g = &all[i..=j];
    let mut buf = [0u8; MAX_DIGITS + 8];
    let n = digits_of(b, g, false, &mut buf);
    // Ten digits not starting with 0, run together or 3-3-4, are NHS-number shaped: a hint
    // like "her number is" is not enough to make them a phone number.
    let nhs_shaped = n == 10
        && buf[0] != 0
        && (g.len() == 1
            || (g.len() == 3 && g[0].len() == 3 && g[1].len() == 3 && uniform_sep(g, b" ")));
    if ctx.nhs && !ctx.phone {
        return false;
    }
    if nhs_shaped && !ctx.phone {
        return false;
    }
    // With only "number" or "no." ("Crime number 12345678", "job no: 686-909-746"), only a
    // number starting with 0, or ten digits laid out 3-3-4, is a phone number.
    let nanp = n == 10 && g.len() == 3 && g[0].len() == 3 && g[1].len() == 3;
    if !ctx.phone && ctx.number_hint && buf[0] != 0 && !nanp {
        return false;
    }
    // A UK number written the UK way ("07700 9001", "020 7946 001", "0113 496 000", "0800
    // 123 45": a UK prefix in a group of four or five, or "020") with a digit too few or too
    // many is no phone number, whatever the words say.
    let d = &buf[..n.min(buf.len())];
    let uk_shaped = d.len() >= 4
        && d[0] == 0
        && matches!(d[1], 1 | 2 | 3 | 5 | 7 | 8 | 9)
        && (g[0].len() >= 4 || (g[0].len() == 3 && d[1..3] == [2, 0]));
    if uk_shaped && !uk_national(&d[1..]) {
        return false;
    }
    // "Open 0900-1730", "runs 1530–1730": two times of day, from and to.
    let time = |x: &Group| x.len() == 4 && value(b, x) / 100 < 24 && value(b, x) % 100 < 60;
    if g.len() == 2 && g[1].sep == b'-' && g.iter().all(time) {
        return false;
    }
    // "00" dials out of the country, and a country code and a number need more digits than
    // "Registered in England & Wales no. 00467322" (a company number) has.
    if d.starts_with(&[0, 0]) && n < 10 {
        return false;
    }
    (7..=12).contains(&n)
        && g.len() <= 5
        && g.iter().all(|x| x.len() >= 2)
        && g.iter().skip(1).all(|x| x.sep != b'/')
        && !is_ip(b, g)
        && !(0..g.len().saturating_sub(2)).any(|k| is_date(b, &g[k..k + 3]))
}

/// "2015-03-12", "12.03.2015", "3/12/15": three groups that make a date.
fn is_date(b: &[u8], g: &[Group]) -> bool {
    if g.len() != 3 || g.iter().any(|x| x.paren) || !uniform_sep(g, b"-/.") {
        return false;
    }
    let (x, y, z) = (value(b, &g[0]), value(b, &g[1]), value(b, &g[2]));
    let (lx, ly, lz) = (g[0].len(), g[1].len(), g[2].len());
    if lx == 4 && ly <= 2 && lz <= 2 {
        return (1000..=2999).contains(&x) && (1..=12).contains(&y) && (1..=31).contains(&z);
    }
    lx <= 2
        && ly <= 2
        && (lz == 2 || lz == 4)
        && (1..=31).contains(&x)
        && (1..=31).contains(&y)
        && (x <= 12 || y <= 12)
}

/// "15-10-24", "12 10 24": three pairs of digits that make a day, a month and a year (either
/// way round).
fn day_month(b: &[u8], g: &[Group]) -> bool {
    let (x, y) = (value(b, &g[0]), value(b, &g[1]));
    let day = 1..=31;
    let month = 1..=12;
    (day.contains(&x) && month.contains(&y)) || (month.contains(&x) && day.contains(&y))
}

/// "192.168.10.1"
fn is_ip(b: &[u8], g: &[Group]) -> bool {
    g.len() == 4 && uniform_sep(g, b".") && g.iter().all(|x| x.len() <= 3 && value(b, x) <= 255)
}

/// "1234 5678": an account number written in two fours.
fn is_split_account(g: &[Group]) -> bool {
    g.len() == 2 && g.iter().all(|x| x.len() == 4 && !x.paren) && g[1].sep == b' '
}

/// "12-34-56", "12 34 56", "12.34.56"
fn is_sort_code(g: &[Group]) -> bool {
    g.len() == 3 && g.iter().all(|x| x.len() == 2 && !x.paren) && uniform_sep(g, b"- .")
}

/// Whether the groups `i..=j` are only a part of a longer card-shaped number: "6759 3990 2143"
/// of "6759 3990 2143 2737" (whose Luhn check fails) is no card of its own.
fn card_goes_on(all: &[Group], i: usize, j: usize) -> bool {
    let fits = |a: usize, b: usize| {
        all[a..=b].iter().map(Group::len).sum::<usize>() <= 19 && card_layout(&all[a..=b])
    };
    // (The "12" of an expiry date "12/26" after the card does not count, nor does its
    // security code.)
    let date_next = all.get(j + 2).is_some_and(|x| matches!(x.sep, b'/' | b'.'));
    (j + 1 < all.len() && !date_next && !cvv_after(all, i, j) && fits(i, j + 1))
        || (i > 0 && fits(i - 1, j))
}

/// Whether the group after the card number `i..=j` is its security code, pasted after it as
/// card details often are: "4111 1111 1111 1111 123" (three digits after sixteen, four after
/// an Amex number's fifteen). Asked of a card whose digits pass the Luhn check, when the
/// number with the code as well does not.
fn cvv_after(all: &[Group], i: usize, j: usize) -> bool {
    let digits: usize = all[i..=j].iter().map(Group::len).sum();
    all.get(j + 1).is_some_and(|next| {
        matches!(next.sep, b' ' | b'-')
            && !next.paren
            && matches!((digits, next.len()), (16, 3) | (15, 4))
    })
}

/// A separator typed with spaces at `p`, after a group of `before` digits: " - ", " -", "- " (or
/// "/"; " . " and " ." but not ". ", which ends a sentence), between groups of three digits or
/// more (a slash: of four); the separator and how many bytes it takes.
fn spaced_sep(b: &[u8], p: usize, before: usize) -> Option<(u8, usize)> {
    let at = |i: usize| b.get(p + i).copied().unwrap_or(0);
    let (s, k) = match (at(0), at(1), at(2)) {
        (b' ', s, b' ') if matches!(s, b'-' | b'/' | b'.') => (s, 3),
        (b' ', s, _) if matches!(s, b'-' | b'/' | b'.') => (s, 2),
        // (Not ". ": a sentence's end.)
        (s, b' ', _) if matches!(s, b'-' | b'/') => (s, 2),
        _ => return None,
    };
    let digits = b
        .get(p + k..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    // A slash only between fours, as a card's groups ("4670 / 8924 / …"): "568638 / 75420117"
    // is a sort code and an account.
    let ok = if s == b'/' {
        before == 4 && digits == 4
    } else {
        before >= 3 && digits >= 3
    };
    ok.then_some((s, k))
}

/// Card numbers are written run together, in fours ("4111 1111 1111 1111", the last group
/// shorter for 13, 15, 17, 18 or 19 digits), or 4-6-5 / 4-6-4 (Amex, Diners).
fn card_layout(g: &[Group]) -> bool {
    if g.len() == 1 {
        return true;
    }
    if g.iter().any(|x| x.paren) || !uniform_sep(g, b" -./") {
        return false;
    }
    let last = g.len() - 1;
    let fours = g[..last].iter().all(|x| x.len() == 4) && (1..=4).contains(&g[last].len());
    let amex = g.len() == 3 && g[0].len() == 4 && g[1].len() == 6 && matches!(g[2].len(), 4 | 5);
    fours || amex
}

/// The Luhn check of card numbers.
fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

/// Whether a number starts like a real payment card of its length (the issuer prefixes).
fn card_prefix(d: &[u8]) -> bool {
    let n = d.len();
    if n < 12 {
        return false;
    }
    let p = |k: usize| d[..k].iter().fold(0u32, |v, &x| v * 10 + u32::from(x));
    let (p2, p3, p4) = (p(2), p(3), p(4));
    let visa = d[0] == 4 && matches!(n, 13 | 16 | 19);
    let mastercard = n == 16 && ((51..=55).contains(&p2) || (2221..=2720).contains(&p4));
    let amex = n == 15 && matches!(p2, 34 | 37);
    let discover = (16..=19).contains(&n) && (p4 == 6011 || p2 == 65 || (644..=649).contains(&p3));
    let jcb = ((16..=19).contains(&n) && p2 == 35) || (n == 15 && matches!(p4, 1800 | 2131));
    let diners = (14..=19).contains(&n)
        && ((300..=305).contains(&p3) || matches!(p3, 309) || matches!(p2, 36 | 38 | 39));
    let unionpay = (16..=19).contains(&n) && p2 == 62;
    let maestro = (12..=19).contains(&n) && (p2 == 50 || (56..=69).contains(&p2));
    visa || mastercard || amex || discover || jcb || diners || unionpay || maestro
}

/// The NHS number check: weights 10 down to 2 on the first nine digits; 11 minus the sum
/// modulo 11 is the check digit (11 counts as 0, 10 is never valid).
fn nhs_check(d: &[u8]) -> bool {
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(&x, w)| u32::from(x) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    u32::from(d[9]) == check
}

// ---------------------------------------------------------------------------------------------
// The words around a number.

/// Words that make a nearby number a phone number.
#[rustfmt::skip]
const PHONE_WORDS: &str = concat!(
    "phone phones phoned phoning telephone tel tele ph mobile mob cell cellphone call calls ",
    "calling ring rings ringing rang rung text texts texted texting txt sms whatsapp fax ",
    "desk landline dial voicemail helpline hotline ext extension switchboard",
);

/// Words that make a nearby number a phone number unless a word further back says otherwise
/// ("order number" is not a phone number).
#[rustfmt::skip]
const PHONE_HINTS: &str = concat!(
    "number numbers no num nr message messages msg answering answer home work office direct ",
    "contact reach main daytime evening",
);

/// Hints that stay hints even as a label ("Number: 4434765917" may be an NHS number).
const NUMBER_WORDS: &str = "number numbers no num nr";

/// Words that name a number as a reference of some kind. Right before a number ("Order
/// 07700900123", "Booking reference: 2722099012") they make it that, not a phone, NHS or account
/// number; further back they make it no phone number unless a phone word comes nearer.
#[rustfmt::skip]
const REFERENCE_WORDS: &str = concat!(
    "order orders ref reference invoice tracking case ticket id serial isbn booking ",
    "reservation membership member customer passport licence license ssn flight room page ",
    "pages transaction parcel item model part version policy claim student employee ",
    "payroll vat company registration reg barcode sku product batch lot crn utr tax charity ",
    "bid tender contract candidate urn upn uln ehcp ehc meter mpan mprn asset voucher ",
    "coupon promo application seat coach platform route gate chapter section plot imei iccid po ",
    "ean upc gtin zoom webinar passcode consignment meeting conference",
);

/// Other words that make a nearby number something other than a phone number.
#[rustfmt::skip]
const NOT_PHONE_WORDS: &str = concat!(
    "account acct acc a/c security nhs patient nino insurance sort s/c sc iban card code ",
    "postcode zip pin population total votes views followers likes pounds dollars euros usd ",
    "gbp eur price cost costs salary budget year years born dob birth chi hospital bank bacs ",
    "debit credit payee transfer deposit",
);

/// Words after a number that make it a phone number: "0490 75 40 81 (mobile)".
#[rustfmt::skip]
const PHONE_AFTER: &str = "office fax mobile mob home work cell tel phone landline direct whatsapp desk";

const NHS_WORDS: &str = "nhs chi patient hospital pharmacy prescription";
const ACCOUNT_WORDS: &str = "account acct acc a/c ac";
const SORT_CODE_WORDS: &str = "sort sortcode s/c sc";
/// Words that say a sort code and an account number a little apart belong together.
#[rustfmt::skip]
const BANK_WORDS: &str = concat!(
    "bank banking bacs payee transfer barclays natwest lloyds hsbc santander nationwide ",
    "halifax monzo starling tsb coop rbs revolut danske ulster clydesdale",
);
const NINO_WORDS: &str = "insurance nino ni";

fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// What a word says about a number near it: which of the lists above it is in.
const C_PHONE: u16 = 1;
const C_HINT: u16 = 1 << 1;
const C_NUMBER: u16 = 1 << 2;
const C_REF: u16 = 1 << 3;
const C_NOT_PHONE: u16 = 1 << 4;
const C_PHONE_AFTER: u16 = 1 << 5;
const C_NHS: u16 = 1 << 6;
const C_ACCOUNT: u16 = 1 << 7;
const C_SORT: u16 = 1 << 8;
const C_BANK: u16 = 1 << 9;
const C_NINO: u16 = 1 << 10;
/// Words that may stand between a reference word and its number: "Order number is 1234".
const C_FILLER: u16 = 1 << 11;
/// Words that say a number is someone's own line ([`OWN_LINE_WORDS`]).
const C_OWN: u16 = 1 << 12;
/// Words of payment cards: a card number labelled as a booking is still a card ("the debit
/// card number for the hall booking: 4688…").
const C_CARD: u16 = 1 << 13;

/// Words before a number that say it is someone's own line: "Mobile: 0341…", "my 0300…".
#[rustfmt::skip]
const OWN_LINE_WORDS: &str = "mobile mob cell cellphone home personal private my his her their me whatsapp registered";

/// The lists a word is in, as `C_` bits (any case): one binary search over the words packed
/// into integers, instead of a walk through every list, for every word near every number.
fn word_class(w: &str) -> u16 {
    static TABLE: OnceLock<Vec<(u128, u16)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let lists: [(&str, u16); 14] = [
            (PHONE_WORDS, C_PHONE),
            (PHONE_HINTS, C_HINT),
            (NUMBER_WORDS, C_NUMBER),
            (REFERENCE_WORDS, C_REF),
            (NOT_PHONE_WORDS, C_NOT_PHONE),
            (PHONE_AFTER, C_PHONE_AFTER),
            (NHS_WORDS, C_NHS),
            (ACCOUNT_WORDS, C_ACCOUNT),
            (SORT_CODE_WORDS, C_SORT),
            (BANK_WORDS, C_BANK),
            (NINO_WORDS, C_NINO),
            ("is was code link", C_FILLER),
            (OWN_LINE_WORDS, C_OWN),
            (
                "card cards debit credit visa mastercard amex maestro",
                C_CARD,
            ),
        ];
        // (u128, u32), the pairs `text::sort_by_key` sorts: the same copy of the sort.
        let mut t: Vec<(u128, u32)> = lists
            .iter()
            .flat_map(|(list, c)| {
                list.split(' ')
                    .filter_map(move |w| Some((packed(w)?, u32::from(*c))))
            })
            .collect();
        t.sort_unstable();
        let mut merged: Vec<(u128, u16)> = Vec::with_capacity(t.len());
        for (w, c) in t {
            let c = c as u16;
            match merged.last_mut() {
                Some(last) if last.0 == w => last.1 |= c,
                _ => merged.push((w, c)),
            }
        }
        merged
    });
    let Some(key) = packed(w) else {
        return 0;
    };
    table
        .binary_search_by(|(x, _)| x.cmp(&key))
        .map_or(0, |i| table[i].1)
}

/// A word of up to 16 bytes in lower case, as one integer.
fn packed(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let mut buf = [0u8; 16];
    if b.len() > buf.len() {
        return None;
    }
    for (d, c) in buf.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(buf))
}

/// The ASCII words before `pos`, nearest first, within `max` bytes, with the byte after each.
struct WordsBack<'a> {
    s: &'a str,
    pos: usize,
    lo: usize,
}

impl<'a> WordsBack<'a> {
    fn new(s: &'a str, pos: usize, max: usize) -> WordsBack<'a> {
        WordsBack {
            s,
            pos: pos.min(s.len()),
            lo: pos.saturating_sub(max),
        }
    }
}

impl<'a> Iterator for WordsBack<'a> {
    type Item = (&'a str, u8);

    fn next(&mut self) -> Option<(&'a str, u8)> {
        let b = self.s.as_bytes();
        while self.pos > self.lo && !b[self.pos - 1].is_ascii_alphabetic() {
            self.pos -= 1;
        }
        let end = self.pos;
        while self.pos > self.lo && b[self.pos - 1].is_ascii_alphabetic() {
            self.pos -= 1;
        }
        if end == self.pos
            || (self.pos == self.lo && self.lo > 0 && b[self.lo - 1].is_ascii_alphabetic())
        {
            return None;
        }
        // "a/c", "s/c": one word.
        let p = self.pos;
        if end - p == 1
            && p >= self.lo + 2
            && b[p - 1] == b'/'
            && b[p - 2].is_ascii_alphabetic()
            && (p - 2 == self.lo || !b[p - 3].is_ascii_alphabetic())
        {
            self.pos -= 2;
        }
        // Both ends are next to ASCII letters, so they are character boundaries.
        let w = self.s.get(self.pos..end)?;
        Some((w, b.get(end).copied().unwrap_or(b' ')))
    }
}

/// Whether a reference word labels the number at `start`: "Order 0770…", "Order no. 0770…",
/// "Booking reference: 27…", "Our membership number is 33…" ([`C_REF`]), or an account
/// word: "Account number: 0128…" ([`C_ACCOUNT`]). 0 for neither.
fn ref_label(s: &str, start: usize) -> u16 {
    let b = s.as_bytes();
    let mut p = start.min(b.len());
    for _ in 0..3 {
        // Only spaces and label punctuation between the words and the number.
        let gap_end = p;
        while p > 0 && gap_end - p < 4 && matches!(b[p - 1], b' ' | b':' | b'.' | b'-' | b'\t') {
            p -= 1;
        }
        let we = p;
        while p > 0 && we - p < 16 && b[p - 1].is_ascii_alphabetic() {
            p -= 1;
        }
        // A full stop after a word longer than an abbreviation ("Ref.", "No.") ends a
        // sentence: "still got the receipt. 07257 936121".
        let stop = b.get(we) == Some(&b'.') && we - p > 4;
        if p == we || stop || (p > 0 && b[p - 1].is_ascii_alphanumeric()) {
            return 0;
        }
        let c = word_class(s.get(p..we).unwrap_or(""));
        if c & (C_REF | C_ACCOUNT) != 0 {
            return c & (C_REF | C_ACCOUNT);
        }
        // "code" says what kind of code the word before it: "promo code", not "sort code".
        if c & (C_NUMBER | C_FILLER) == 0 {
            return 0;
        }
    }
    0
}

/// Reads the words around a number that runs from `start` to `end`.
fn number_context(s: &str, start: usize, end: usize) -> NumberContext {
    let mut ctx = NumberContext::default();
    let mut decided = false;
    let mut hinted = false;
    let mut strong_hint = false;
    let label = ref_label(s, start);
    ctx.ref_label = label & C_REF != 0;
    ctx.account_label = label & C_ACCOUNT != 0;
    let mut labelled = false;
    let mut phone_at = 0;
    for (k, (w, after)) in WordsBack::new(s, start, 48).take(8).enumerate() {
        let c = word_class(w);
        if !labelled && c & (C_REF | C_ACCOUNT | C_NHS) != 0 {
            labelled = true;
            ctx.ref_near = c & C_NHS == 0;
        }
        ctx.nhs |= c & C_NHS != 0;
        ctx.sort_code |= c & C_SORT != 0;
        ctx.account |= c & C_ACCOUNT != 0;
        ctx.bank |= c & C_BANK != 0;
        ctx.nino |= c & C_NINO != 0;
        ctx.card |= c & C_CARD != 0;
        if decided {
            continue;
        }
        // "T: 01234 567890", "Office: 01234 567890"
        let label = after == b':'
            && ((w.len() == 1 && b"tmpfhwTMPFHW".contains(&w.as_bytes()[0]))
                || (c & C_HINT != 0 && c & C_NUMBER == 0));
        if label || c & C_PHONE != 0 {
            ctx.phone = true;
            decided = true;
            phone_at = k;
        } else if c & (C_REF | C_NOT_PHONE) != 0 {
            ctx.not_phone = true;
            decided = true;
        } else if c & C_HINT != 0 {
            hinted = true;
            ctx.number_hint |= c & C_NUMBER != 0;
            strong_hint |= c & C_NUMBER == 0;
        }
    }
    // "asked for my NHS number over the phone and I had it memorised: 618-301-8805": a phone
    // word in passing, well before the number, with the NHS named before it, does not make
    // the number a phone number.
    if ctx.phone && !ctx.nhs && phone_at >= 3 {
        // Within the sentence: back to a line break, a '!' or '?', or a full stop after a
        // word (not an abbreviation: "NHS no. 46…").
        let head = &s.as_bytes()[..start.min(s.len())];
        let from = (0..head.len())
            .rev()
            .find(|&k| match head[k] {
                b'\n' | b'!' | b'?' => true,
                b'.' => k >= 4 && head[k - 4..k].iter().all(u8::is_ascii_alphabetic),
                _ => false,
            })
            .map_or(0, |k| k + 1);
        let named = WordsBack::new(s, start, (start - from).min(160))
            .take(24)
            .skip(phone_at + 1)
            .any(|(w, _)| word_class(w) & C_NHS != 0);
        if named {
            ctx.nhs = true;
            ctx.phone = false;
        }
    }
    // "Registered in England and Wales (no.) 06044922": a company number. (Read only where
    // "registered" is written just before: this runs for every number.)
    let window = s
        .as_bytes()
        .get(start.saturating_sub(48)..start)
        .unwrap_or_default();
    let registered = memchr::memchr2_iter(b'r', b'R', window).any(|i| {
        window
            .get(i..i + 10)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"registered"))
    });
    if registered {
        let mut back = WordsBack::new(s, start, 48).take(6).map(|(w, _)| w);
        ctx.company = back
            .by_ref()
            .find(|w| crate::text::in_list("england wales scotland ireland", w))
            .is_some()
            && back.take(4).collect::<Vec<_>>().windows(2).any(|p| {
                p[0].eq_ignore_ascii_case("in") && p[1].eq_ignore_ascii_case("registered")
            });
    }
    ctx.phone_hint = !decided && hinted;
    ctx.number_hint &= !strong_hint;
    // "0490 75 40 81 (mobile)", "21 253 109 8211-Office"
    let b = s.as_bytes();
    let mut p = end;
    while p < b.len() && p < end + 3 && matches!(b[p], b' ' | b'-' | b'(' | b',' | b'/') {
        p += 1;
    }
    let w0 = p;
    while p < b.len() && b[p].is_ascii_alphabetic() {
        p += 1;
    }
    // "NHS 783-084-4023 / mobile 07564…": a word that labels the next number is not this one's.
    let mut q = p;
    while q < b.len() && q < p + 3 && matches!(b[q], b' ' | b':' | b'.' | b'-') {
        q += 1;
    }
    let labels_next = b.get(q).is_some_and(|c| c.is_ascii_digit() || *c == b'+');
    if let Some(w) = s.get(w0..p).filter(|_| !labels_next) {
        let c = word_class(w);
        if c & C_PHONE_AFTER != 0 {
            ctx.phone = true;
            ctx.not_phone = false;
        } else if c & C_NHS != 0 {
            // "392 168 4209 (NHS)"
            ctx.nhs = true;
        }
    }
    ctx
}

// ---------------------------------------------------------------------------------------------
// Numbers that start with letters: IBANs, National Insurance numbers, postcodes.

/// Reads an IBAN, a NINO or a postcode starting at the letter at `ls`.
fn letter_led(s: &str, ls: usize) -> Option<(usize, Kind)> {
    if let Some(e) = iban(s, ls) {
        return Some((e, Kind::Iban));
    }
    if let Some(e) = nino(s, ls) {
        return Some((e, Kind::Nino));
    }
    postcode(s, ls).map(|e| (e, Kind::Postcode))
}

/// IBAN lengths by country.
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24), (b"AE", 23), (b"AL", 28), (b"AT", 20), (b"AZ", 28), (b"BA", 20), (b"BE", 16),
    (b"BG", 22), (b"BH", 22), (b"BR", 29), (b"BY", 28), (b"CH", 21), (b"CR", 22), (b"CY", 28),
    (b"CZ", 24), (b"DE", 22), (b"DK", 18), (b"DO", 28), (b"EE", 20), (b"EG", 29), (b"ES", 24),
    (b"FI", 18), (b"FO", 18), (b"FR", 27), (b"GB", 22), (b"GE", 22), (b"GI", 23), (b"GL", 18),
    (b"GR", 27), (b"GT", 28), (b"HR", 21), (b"HU", 28), (b"IE", 22), (b"IL", 23), (b"IQ", 23),
    (b"IS", 26), (b"IT", 27), (b"JO", 30), (b"KW", 30), (b"KZ", 20), (b"LB", 28), (b"LC", 32),
    (b"LI", 21), (b"LT", 20), (b"LU", 20), (b"LV", 21), (b"MC", 27), (b"MD", 24), (b"ME", 22),
    (b"MK", 19), (b"MR", 27), (b"MT", 31), (b"MU", 30), (b"NL", 18), (b"NO", 15), (b"PK", 24),
    (b"PL", 28), (b"PS", 29), (b"PT", 25), (b"QA", 29), (b"RO", 24), (b"RS", 22), (b"SA", 24),
    (b"SC", 31), (b"SE", 24), (b"SI", 19), (b"SK", 24), (b"SM", 27), (b"ST", 25), (b"SV", 28),
    (b"TL", 23), (b"TN", 24), (b"TR", 26), (b"UA", 29), (b"VA", 22), (b"VG", 24), (b"XK", 20),
];

/// An IBAN at `ls` ("GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32"): returns its end.
fn iban(s: &str, ls: usize) -> Option<usize> {
    let b = s.as_bytes();
    let head = b.get(ls..ls + 4)?;
    if !(head[0].is_ascii_alphabetic()
        && head[1].is_ascii_alphabetic()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_digit())
    {
        return None;
    }
    let cc = [head[0].to_ascii_uppercase(), head[1].to_ascii_uppercase()];
    let len = IBAN_LENGTHS.iter().find(|(c, _)| **c == cc)?.1;
    let mut buf = [0u8; 34];
    let (mut k, mut chunk, mut p) = (0usize, 0usize, ls);
    while p < b.len() && k < len {
        let c = b[p];
        if c.is_ascii_alphanumeric() {
            buf[k] = c.to_ascii_uppercase();
            k += 1;
            chunk += 1;
            p += 1;
        } else if c == b' ' && chunk == 4 && b.get(p + 1).is_some_and(u8::is_ascii_alphanumeric) {
            chunk = 0;
            p += 1;
        } else {
            break;
        }
    }
    if k != len || !boundary_after(s, p) {
        return None;
    }
    // ISO 7064 mod 97-10: the first four characters moved to the end, letters as 10–35.
    let mut r: u32 = 0;
    for &c in buf[4..len].iter().chain(&buf[..4]) {
        r = if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c - b'A') + 10) % 97
        };
    }
    (r == 1).then_some(p)
}

/// The layout of a National Insurance number at `ls`, whatever its letters: two letters,
/// three pairs of digits (a space between every pair or none), and perhaps a letter.
/// Hyphens may stand for all the spaces ("AB-12-34-56-C"), never beside them.
/// Returns the end of the digits and the suffix letter's position.
fn nino_layout(s: &str, ls: usize) -> Option<(usize, Option<usize>)> {
    let b = s.as_bytes();
    let (l1, l2) = (*b.get(ls)?, *b.get(ls + 1)?);
    if !(l1.is_ascii_alphabetic() && l2.is_ascii_alphabetic()) {
        return None;
    }
    let mut p = ls + 2;
    // The separator: a hyphen when the first one is, else a space.
    let sep = if b.get(p) == Some(&b'-') || b.get(p + 2) == Some(&b'-') {
        b'-'
    } else {
        b' '
    };
    let first_sep = b.get(p) == Some(&sep);
    if first_sep {
        p += 1;
    }
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if first_sep && (p..p + 3).all(digit) && b.get(p + 3) == Some(&sep) && (p + 4..p + 7).all(digit)
    {
        // The digits in two threes, spaced like the letters: "AB 123 456 C".
        p += 7;
    } else {
        let mut spaced = None;
        for pair in 0..3 {
            if pair > 0 {
                let sp = b.get(p) == Some(&sep);
                if *spaced.get_or_insert(sp) != sp {
                    return None;
                }
                if sp {
                    p += 1;
                }
            }
            if !(digit(p) && digit(p + 1)) {
                return None;
            }
            p += 2;
        }
    }
    if digit(p) {
        return None;
    }
    let mut q = p;
    if b.get(q) == Some(&sep) {
        q += 1;
    }
    let suffix = b
        .get(q)
        .is_some_and(u8::is_ascii_alphabetic)
        .then_some(q)
        .filter(|&q| boundary_after(s, q + 1));
    Some((p, suffix))
}

/// A National Insurance number at `ls` ("QQ 12 34 56 C", "AB123456C"): returns its end.
fn nino(s: &str, ls: usize) -> Option<usize> {
    let b = s.as_bytes();
    let (p, suffix) = nino_layout(s, ls)?;
    let prefix = [b[ls].to_ascii_uppercase(), b[ls + 1].to_ascii_uppercase()];
    if b"DFIQUV".contains(&prefix[0])
        || b"DFIOQUV".contains(&prefix[1])
        || [b"BG", b"GB", b"NK", b"KN", b"TN", b"NT", b"ZZ"].contains(&&prefix)
    {
        return None;
    }
    // The letters in one case ("AB", "ab"), or in two with the suffix letter after the digits
    // ("Yp 86 28 96 d", typed in a hurry), where the letters are no word ("At 10 20 30 a").
    let one_case = b[ls].is_ascii_uppercase() == b[ls + 1].is_ascii_uppercase();
    const WORDS: &str = "at in on is as by of or an am be do go he if it me my no so to up us we";
    if !one_case && (suffix.is_none() || crate::text::in_list(WORDS, &s[ls..ls + 2])) {
        return None;
    }
    if let Some(q) = suffix {
        // The suffix is A, B, C or D, in the prefix's case (the first letter's, when they
        // differ); any other letter there makes it something else.
        let c = b[q];
        let ok = (c.is_ascii_uppercase() == b[ls + 1].is_ascii_uppercase() || !one_case)
            && b"ABCD".contains(&c.to_ascii_uppercase());
        return ok.then_some(q + 1);
    }
    // Without its suffix letter it counts only where it is named as one, in the four words
    // before it ("NI number: AB123456"), with no bank word nearer ("NI AB123456C, SC 12 34 56").
    let named = WordsBack::new(s, ls, 40)
        .take(4)
        .map(|(w, _)| word_class(w))
        .find(|c| c & (C_NINO | C_SORT | C_ACCOUNT) != 0)
        .is_some_and(|c| c & C_NINO != 0);
    (boundary_after(s, p) && named).then_some(p)
}

/// Whether `area` (one or two letters, any case) is a UK postcode area: a bit per area, from
/// [`POSTCODE_AREAS`] at compile time (bit 26 of a letter's entry: the letter alone; bit k:
/// the letter and the k-th letter).
fn area_known(area: &[u8]) -> bool {
    const TABLE: [u32; 26] = {
        let b = POSTCODE_AREAS.as_bytes();
        let mut t = [0u32; 26];
        let mut i = 0;
        while i < b.len() {
            let first = (b[i] - b'A') as usize;
            if i + 1 < b.len() && b[i + 1] != b' ' {
                t[first] |= 1 << (b[i + 1] - b'A');
                i += 3;
            } else {
                t[first] |= 1 << 26;
                i += 2;
            }
        }
        t
    };
    let letter = |k: usize| {
        area.get(k)
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| u32::from(c.to_ascii_uppercase() - b'A'))
    };
    match (area.len(), letter(0), letter(1)) {
        (1, Some(a), _) => TABLE[a as usize] & (1 << 26) != 0,
        (2, Some(a), Some(b)) => TABLE[a as usize] & (1 << b) != 0,
        _ => false,
    }
}

/// The UK postcode areas, sorted, separated by spaces.
#[rustfmt::skip]
const POSTCODE_AREAS: &str = concat!(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN ",
    "DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY ",
    "L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM ",
    "S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN ",
    "WR WS WV YO ZE",
);

/// A UK postcode at `ls` ("LU5 4QL", "SW1A 1AA", "mk454hs"): returns its end.
fn postcode(s: &str, ls: usize) -> Option<usize> {
    let b = s.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // The inward code: a digit and two letters other than C I K M O V, after no space, one
    // or two, or a hyphen ("EC1Y-6SA", in capitals only: see below).
    let inward = |e: usize| {
        let mut q = e;
        if at(q) == b' ' {
            q += 1;
            if at(q) == b' ' {
                q += 1;
            }
        } else if at(q) == b'-' {
            q += 1;
        }
        let letter =
            |c: u8| c.is_ascii_alphabetic() && !b"CIKMOV".contains(&c.to_ascii_uppercase());
        // A kiss after it ("ch1 4lax", "SO17 1NZx") is not part of it.
        let kisses = b
            .get(q + 3..)
            .map_or(0, |r| r.iter().take_while(|&&c| c == b'x').count());
        (at(q).is_ascii_digit()
            && letter(at(q + 1))
            && letter(at(q + 2))
            && (boundary_after(s, q + 3) || kisses <= 3 && boundary_after(s, q + 3 + kisses)))
        .then_some(q + 3)
    };
    if b.get(ls..ls + 3)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"GIR"))
    {
        let mut q = ls + 3;
        if at(q) == b' ' {
            q += 1;
        }
        let ok = b
            .get(q..q + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"0AA"));
        return (ok && boundary_after(s, q + 3)).then_some(q + 3);
    }
    let area_len = if at(ls + 1).is_ascii_alphabetic() {
        2
    } else {
        1
    };
    let area = s.get(ls..ls + area_len)?;
    let known = area_known(area.as_bytes());
    if !known {
        return None;
    }
    // In capitals or in lower case; mixed only when spaced like a postcode ("Dl4 0wx", "G3
    // 0sr", as a phone's keyboard writes them; "Hu27le" is a word); with a hyphen only in
    // capitals.
    let upper = at(ls).is_ascii_uppercase();
    let same_case = move |c: u8| !c.is_ascii_alphabetic() || c.is_ascii_uppercase() == upper;
    let p = ls + area_len;
    if !at(p).is_ascii_digit() {
        return None;
    }
    let third = if area_len == 1 {
        &b"ABCDEFGHJKPSTUW"[..]
    } else {
        &b"ABEHMNPRVWXY"[..]
    };
    let two_digits = at(p + 1).is_ascii_digit();
    let digit_letter = third.contains(&at(p + 1).to_ascii_uppercase());
    let end = [(two_digits, p + 2), (digit_letter, p + 2), (true, p + 1)]
        .into_iter()
        .filter(|(ok, _)| *ok)
        .find_map(|(_, e)| inward(e))?;
    let joint = at(end - 4);
    // "b4 1st", "w8 2nd": text-speak and an ordinal, not a postcode (unless in capitals).
    let ordinal = match (at(end - 3), &b[end - 2..end]) {
        (b'1', b"st") | (b'2', b"nd") | (b'3', b"rd") => true,
        (b'1'..=b'3', _) => false,
        (_, suffix) => suffix == b"th",
    };
    // "MacBook Air M2 8GB", "M4 2TB SSD": a computer's memory, not Manchester.
    let storage = b[end - 1].eq_ignore_ascii_case(&b'B')
        && matches!(b[end - 2].to_ascii_uppercase(), b'G' | b'T' | b'M')
        && (WordsBack::new(s, ls, 20).next().is_some_and(|(w, _)| {
            crate::text::in_list(
                "air pro max mini macbook mac imac ipad chip apple laptop",
                w,
            )
        }) || s[end..].split_whitespace().next().is_some_and(|w| {
            crate::text::in_list(
                "ram ssd storage memory unified hdd",
                w.trim_end_matches(|c: char| !c.is_alphanumeric()),
            )
        }));
    if storage {
        return None;
    }
    let cased = b[ls..end].iter().all(|&c| same_case(c));
    let ok = match joint {
        b'-' => cased && upper,
        b' ' => !ordinal && (cased || at(end - 5).is_ascii_alphanumeric()),
        _ => cased,
    };
    ok.then_some(end)
}

// ---------------------------------------------------------------------------------------------
// Street addresses.

/// Street words that end a street name.
#[rustfmt::skip]
const STREET_TYPES: &str = concat!(
    "Road Rd Street St Avenue Ave Lane Ln Close Drive Dr Way Crescent Cres Court Ct Place Pl ",
    "Gardens Gdns Grove Terrace Tce Square Sq Mews Parade Boulevard Rise View Row Vale ",
    "Chase Croft",
);

/// Whether `w` is one of [`STREET_TYPES`] (as written there).
fn street_type(w: &str) -> bool {
    crate::rules::in_set!(STREET_TYPES, w)
}

/// After a house number: " Acacia Avenue" (one to three capitalised words, then a street
/// word). Returns the end of the street word.
fn street_after(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut p = pos;
    for words in 0..4 {
        if b.get(p) != Some(&b' ') {
            return None;
        }
        p += 1;
        let ws = p;
        if !b.get(p).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        p += 1;
        while b.get(p).is_some_and(u8::is_ascii_lowercase) {
            p += 1;
        }
        if p - ws < 2 {
            return None;
        }
        if words >= 1 && street_type(s.get(ws..p)?) && boundary_after(s, p) {
            // "Only 2 High Street banks left": the street names a kind of thing, and the number
            // counts them.
            let next = s[p..].split_whitespace().next().unwrap_or("");
            let kinds = next.len() >= 4
                && next.ends_with('s')
                && next.starts_with(|c: char| c.is_ascii_lowercase())
                && !crate::text::in_list(super::SMALL_WORDS, next)
                && next != "thanks";
            return (!kinds).then_some(p);
        }
    }
    None
}

/// Where an address that starts with its house number at `start` really starts: before
/// "Flat 3, " or "Unit 2 " when they come first.
fn address_start(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut p = start;
    if p == 0 || b[p - 1] != b' ' {
        return start;
    }
    p -= 1;
    if p > 0 && b[p - 1] == b',' {
        p -= 1;
    }
    if p > 0 && b[p - 1].is_ascii_alphabetic() {
        p -= 1;
    }
    let digits_end = p;
    while p > 0 && b[p - 1].is_ascii_digit() {
        p -= 1;
    }
    if p == digits_end || p < 2 || b[p - 1] != b' ' {
        return start;
    }
    // The word right before the space.
    let we = p - 1;
    let mut ws = we;
    while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    let word = s.get(ws..we).unwrap_or("");
    if in_list(&["flat", "apartment", "apt", "unit"], word) && boundary_before(s, ws) {
        ws
    } else {
        start
    }
}

// ---------------------------------------------------------------------------------------------
// Bank details and dates of birth.

/// Flags sort codes next to account numbers (or named as sort codes), and account numbers
/// next to sort codes (or named as account numbers). Each sort code pairs with one account
/// number, the nearest first: "sort code 12-34-56, account 12345678, invoice 87654321" flags
/// the first two only.
fn pair_bank_details(s: &str, parts: &mut [BankPart], found: &mut Vec<Found>) {
    crate::text::sort_by_key(parts, |p| p.range.start as u128);
    let b = s.as_bytes();
    // (gap, sort code, account) of the parts that could go together.
    let mut pairs = Vec::new();
    for (i, x) in parts.iter().enumerate() {
        for (j, y) in parts.iter().enumerate().skip(i + 1) {
            if y.range.start > x.range.end + 40 {
                break;
            }
            if x.sort_code == y.sort_code || y.range.start < x.range.end {
                continue;
            }
            let gap = y.range.start - x.range.end;
            // Run together, a sort code needs the account number right next to it: only
            // spaces and a comma, slash or dash between, or a bracket ("12345678 (123456)").
            let between = &b[x.range.end..y.range.start];
            let close = gap <= 4
                && between
                    .iter()
                    .all(|c| matches!(c, b' ' | b',' | b'/' | b'-' | b';' | b'\n' | b'('))
                && (!between.contains(&b'(') || b.get(y.range.end) == Some(&b')'));
            // Further apart (up to 40 bytes), only where bank words say they go together.
            let worded = |p: &BankPart| p.ctx.sort_code || p.ctx.account || p.ctx.bank;
            // (A sort code run together but named as one, "S/C 405143", pairs by words too.)
            let near_only = |p: &BankPart| {
                p.datelike
                    || (p.loose && !(p.sort_code && class_before(s, p.range.start, 30, C_SORT)))
            };
            if close || (!(near_only(x) || near_only(y)) && (worded(x) || worded(y))) {
                let (sc, acc) = if x.sort_code { (i, j) } else { (j, i) };
                pairs.push((gap, sc, acc));
            }
        }
    }
    crate::text::sort_by_key(&mut pairs, |&(g, s, a)| {
        (g as u128) << 80 | (s as u128) << 40 | a as u128
    });
    let mut paired = vec![false; parts.len()];
    for (_, sc, acc) in pairs {
        if !paired[sc] && !paired[acc] {
            paired[sc] = true;
            paired[acc] = true;
        }
    }
    for (part, paired) in parts.iter().zip(paired) {
        // A sort code alone names a bank branch, not a person: it counts only paired. An
        // account number counts alone where it is named as one.
        let named = !part.sort_code
            && !part.ctx.ref_label
            && if part.loose {
                // The account of "402021 71234567" after "sort code".
                class_before(s, part.range.start, 30, C_SORT)
            } else {
                // "account number 12345678", "acc no: 12345678".
                class_before(s, part.range.start, 30, C_ACCOUNT)
            };
        if paired || named {
            found.push(Found {
                range: part.range.clone(),
                kind: if part.sort_code {
                    Kind::SortCode
                } else {
                    Kind::Account
                },
            });
        }
    }
}

macro_rules! months {
    () => {
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    };
}

/// A date: 2015-03-12, 12/03/2015, 12.03.15, 12 March 2015, 12th of March 2015,
/// March 12th, 2015.
fn date_regex() -> &'static Regex {
    crate::rules::regex!(concat!(
        r"(?i)\b(?:(?P<iy>\d{4})(?P<is1>[-/.])(?P<im>\d{1,2})(?P<is2>[-/.])(?P<id>\d{1,2})",
        r"|(?P<na>\d{1,2})(?P<ns1>[-/.])(?P<nb>\d{1,2})(?P<ns2>[-/.])(?P<ny>\d{4}|\d{2})",
        r"|(?P<td>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:",
        months!(),
        r")\.?,?\s+\d{4}",
        r"|(?:",
        months!(),
        r")\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+\d{4})\b",
    ))
}

/// The first real date in `window` (the day and month in range, the separators alike):
/// its byte range in the window.
fn dates_in(window: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    date_regex().captures_iter(window).filter_map(|c| {
        let m = c.get(0)?;
        let num = |name: &str| c.name(name).and_then(|x| x.as_str().parse::<u32>().ok());
        let same =
            |a: &str, b: &str| c.name(a).map(|x| x.as_str()) == c.name(b).map(|x| x.as_str());
        let ok = if let Some(y) = num("iy") {
            same("is1", "is2")
                && (1900..=2099).contains(&y)
                && (1..=12).contains(&num("im")?)
                && (1..=31).contains(&num("id")?)
        } else if let Some(a) = num("na") {
            let b = num("nb")?;
            same("ns1", "ns2")
                && (1..=31).contains(&a)
                && (1..=31).contains(&b)
                && (a <= 12 || b <= 12)
        } else if let Some(dd) = num("td").or_else(|| num("md")) {
            (1..=31).contains(&dd)
        } else {
            false
        };
        ok.then(|| m.range())
    })
}

/// The first byte of the plain view whose original text starts at or after UTF-16 `at`.
fn plain_index(doc: &Document, at: u32) -> usize {
    let plain = &doc.norm.plain;
    let (mut lo, mut hi) = (0, plain.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match plain.span_at(mid) {
            Some((a, _)) if a < at => lo = mid + 1,
            _ => hi = mid,
        }
    }
    lo
}

/// `s[a..b]` moved inwards to character boundaries.
fn slice_within(s: &str, mut a: usize, mut b: usize) -> (usize, &str) {
    b = b.min(s.len());
    while b > 0 && !s.is_char_boundary(b) {
        b -= 1;
    }
    while a < b && !s.is_char_boundary(a) {
        a += 1;
    }
    (a, s.get(a..b).unwrap_or(""))
}

/// Dates next to "born", "DOB", "date of birth", "birthday" or "b.".
fn dates_of_birth(doc: &Document, cx: &RuleCx, found: &mut Vec<Found>) {
    let plain = doc.norm.plain.as_str();
    let push = |r: Range<usize>, found: &mut Vec<Found>| {
        if !found
            .iter()
            .any(|f| f.range.start < r.end && r.start < f.range.end)
        {
            found.push(Found {
                range: r,
                kind: Kind::Dob,
            });
        }
    };
    for (_, entry, (a, b)) in doc.hits_of(cx.owner()) {
        let (pa, pb) = (plain_index(doc, a), plain_index(doc, b));
        if entry.tag == TAG_B {
            // "b. 12/03/2015": the date right after "b.".
            let bytes = plain.as_bytes();
            if bytes.get(pa + 1) != Some(&b'.') {
                continue;
            }
            let mut q = pa + 2;
            while bytes.get(q) == Some(&b' ') && q < pa + 4 {
                q += 1;
            }
            let (w0, win) = slice_within(plain, q, q + 40);
            if let Some(r) = dates_in(win).next().filter(|r| r.start == 0) {
                push(w0 + r.start..w0 + r.end, found);
            }
            continue;
        }
        if entry.tag != TAG_DOB {
            continue;
        }
        let (w0, win) = slice_within(plain, pb, pb + 64);
        if let Some(r) = dates_in(win).find(|r| r.start <= 40) {
            // "Born in Leeds but moved here on 17th Nov 2019": another clause, another date.
            let gap = win[..r.start].trim_start_matches(|c: char| !c.is_alphanumeric());
            let other = gap.contains(['.', ';', '!', '?'])
                || gap.split([' ', ',']).any(|w| {
                    crate::text::in_list("but moved then until since before after left and", w)
                });
            if !other {
                push(w0 + r.start..w0 + r.end, found);
            }
            continue;
        }
        // "12/03/2015 (DOB)"
        let (w0, win) = slice_within(plain, pa.saturating_sub(40), pa);
        if let Some(r) = dates_in(win).last().filter(|r| win.len() - r.end <= 4) {
            push(w0 + r.start..w0 + r.end, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Context};

    fn checker() -> &'static Checker {
        static C: OnceLock<Checker> = OnceLock::new();
        C.get_or_init(Checker::default)
    }

    /// (kind, flagged text) of every personal-data finding.
    fn found(text: &str) -> Vec<(String, String)> {
        checker()
            .check(text, &Context::default())
            .expect("checks")
            .into_iter()
            .filter(|f| f.rule == "personal-data")
            .map(|f| {
                (
                    f.kind.clone().unwrap_or_default().into_owned(),
                    crate::text::excerpt(text, f.start, f.end).to_string(),
                )
            })
            .collect()
    }

    fn kinds(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(k, _)| k).collect()
    }

    /// Asserts that `text` gives exactly one finding, of `kind`, covering `what`.
    #[track_caller]
    fn one(text: &str, kind: &str, what: &str) {
        assert_eq!(
            found(text),
            vec![(kind.to_string(), what.to_string())],
            "in {text:?}"
        );
    }

    #[track_caller]
    fn none(text: &str) {
        assert_eq!(found(text), vec![], "in {text:?}");
    }

    /// An organisation's line (UK non-geographic numbers) is found, but only warned about;
    /// a person's line, an Irish mobile of the same first digits, stays a stop.
    #[test]
    fn organisation_lines_are_warnings() {
        let severity = |text: &str| -> Vec<crate::finding::Severity> {
            checker()
                .check(text, &Context::default())
                .expect("checks")
                .into_iter()
                .filter(|f| f.rule == "personal-data")
                .map(|f| f.severity)
                .collect()
        };
        use crate::finding::Severity::{Stop, Warn};
        for text in [
            "Call our helpline on 0300 123 4567",
            "Ring the council on +44 (0)300 300 8088",
            "Freephone 0800 123 4567 or 0800 123456",
            "Call 0845 601 2345",
            "Call 0044 345 601 2345",
            "Premium line 0909 879 0000",
        ] {
            let got = severity(text);
            assert!(
                !got.is_empty() && got.iter().all(|&s| s == Warn),
                "{text}: {got:?}"
            );
        }
        for text in [
            "Text me on 07700 900123",
            "Call 020 7946 0000",
            "Call 083 564 9312",
            "Call +33 3 93 92 16 85",
            "Call 0300 123 456",
            "Mobile: 0341 8387176",
            "Text me on 0300 123 4567",
            "He gave me his 0845 601 2345",
        ] {
            let got = severity(text);
            assert!(got.iter().all(|&s| s == Stop), "{text}: {got:?}");
        }
        assert!(super::organisation_line("0300 123 4567"));
        assert!(!super::organisation_line("083 564 9312"));
        assert!(!super::organisation_line("+1 800 555 0100"));
    }

    #[test]
    fn tables_are_sorted() {
        let areas: Vec<&str> = POSTCODE_AREAS.split(' ').collect();
        assert!(areas.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(areas.len(), 124);
        // The compile-time table agrees with the list, in any case.
        for a in &areas {
            assert!(area_known(a.as_bytes()), "{a}");
            assert!(area_known(a.to_ascii_lowercase().as_bytes()), "{a}");
        }
        let known = (b'A'..=b'Z')
            .flat_map(|x| {
                [vec![x]]
                    .into_iter()
                    .chain((b'A'..=b'Z').map(move |y| vec![x, y]))
            })
            .filter(|a| area_known(a))
            .count();
        assert_eq!(known, 124);
    }

    #[test]
    fn word_classes_come_from_the_lists() {
        for list in [
            PHONE_WORDS,
            PHONE_HINTS,
            REFERENCE_WORDS,
            NOT_PHONE_WORDS,
            PHONE_AFTER,
            BANK_WORDS,
            OWN_LINE_WORDS,
        ] {
            for w in list.split(' ') {
                assert_eq!(*w, w.to_ascii_lowercase(), "lists are in lower case");
                assert_ne!(word_class(w), 0, "{w}");
                assert_eq!(word_class(w), word_class(&w.to_ascii_uppercase()), "{w}");
            }
        }
        assert_eq!(word_class("Order"), C_REF);
        assert_eq!(word_class("S/C"), C_SORT | C_NOT_PHONE);
        assert_eq!(word_class("mobile"), C_PHONE | C_PHONE_AFTER | C_OWN);
        assert_eq!(word_class("my"), C_OWN);
        assert_eq!(word_class("number"), C_HINT | C_NUMBER);
        assert_eq!(word_class("banana"), 0);
        assert_eq!(word_class("averyveryverylongword"), 0);
    }

    #[test]
    fn patterns_compile() {
        assert!(date_regex().is_match("12/03/2015"));
        assert!(date_regex().is_match("March 12th, 2015"));
    }

    #[test]
    fn emails() {
        one(
            "Email jo.bloggs+x@example.co.uk now",
            "email",
            "jo.bloggs+x@example.co.uk",
        );
        one("(SueDHague@armyspy.com)", "email", "SueDHague@armyspy.com");
        none("Follow @jobloggs and see example.com");
        none("an @ sign and a@b");
        // A role's shared mailbox is no one's personal data, nor is the organisation's own
        // mailbox named after it (the shipped pack: SENDIASS on centralbedfordshire.gov.uk).
        none("Email us at info@example.org for more information");
        none("Email SENDIASS@CentralBedfordshire.gov.uk for advice");
        none("Email sendiass@mail.centralbedfordshire.gov.uk for advice");
        one(
            "Email jo.bloggs@centralbedfordshire.gov.uk",
            "email",
            "jo.bloggs@centralbedfordshire.gov.uk",
        );
        one(
            "Email sendiass@example.org",
            "email",
            "sendiass@example.org",
        );
        none("Book via Enquiries@sendiass.example.co.uk");
        one("Email info.jo@example.org", "email", "info.jo@example.org");
    }

    #[test]
    fn uk_phone_layouts() {
        for number in [
            "07700 900123",
            "07700-900-123",
            "07700\u{2013}900\u{2013}123",
            "07700900123",
            "07700 900 123",
            "(01234) 567890",
            "01234 567 890",
            "01234 567890",
            "020 7946 0000",
            "0800 123 4567",
            "0800 123456",
            "0345 123 4567",
            "+44 7700 900123",
            "+447700 900123",
            "+44 (0)7700 900123",
            "+44 (0)20 7946 0000",
            "0044 7700 900123",
        ] {
            one(&format!("Ring {number}."), "phone", number);
            one(&format!("{number} is the one"), "phone", number);
        }
    }

    #[test]
    fn international_and_north_american_phones() {
        for number in [
            "+1 415 555 0100",
            "+33 1 23 45 67 89",
            "+1-984-182-0190",
            "+46 (0)8 928 571 38",
            "(555) 555-0100",
            "(579)888-3058",
            "555.555.0100",
            "1-800-555-0100",
            "345-899-3560x4587",
            "259.735.7502 ext. 459",
            "001-518-640-0854",
        ] {
            one(&format!("See {number} today"), "phone", number);
        }
    }

    #[test]
    fn dashed_ten_digit_numbers_are_nhs_numbers_or_need_a_phone_word() {
        // Laid out like an NHS number: with a valid check digit it is one, whatever its first
        // digit; with a wrong one it is a phone number only with a phone word or a hint.
        one("Can you check 943-476-5919?", "nhs-number", "943-476-5919");
        one(
            "I'd like to stop receiving messages to 541-714-1388",
            "phone",
            "541-714-1388",
        );
        one("Text me at 555-555-0100", "phone", "555-555-0100");
        none("See 555-555-0100 today");
        none("NHS No. 897-465-0757");
        none("His number is 392-168-4209 (NHS) and the GP is in Luton.");
    }

    #[test]
    fn uk_numbers_of_the_wrong_length_are_not_phones() {
        for text in [
            "Call 07700 90012",
            "Call 077009001234",
            "ring 0113 496 000",
            "Call 020 7946 001",
            "0113 496 000",
            "Mobile 0770 090 012",
            "Call 0800 123 45",
            "Tel: 01234 5678",
        ] {
            none(text);
        }
        // After +44 or 0044 too, and with the trunk 0 written after +44.
        none("+44 7700 90012");
        none("Call +44 113 496 000");
        none("0044 7700 9001234");
        one("+44 07700 900123", "phone", "+44 07700 900123");
        one("+44 1632 96000", "phone", "+44 1632 96000");
        // Ten digits are right for an 01 number with a five-digit area code.
        one("Call 01632 96000", "phone", "01632 96000");
        one("Call me at 0494 92 82 32", "phone", "0494 92 82 32");
    }

    #[test]
    fn numbers_labelled_as_references_are_not_personal_data() {
        // All of these pass the NHS check, or Luhn, or look like a UK mobile.
        none("Order number 7578968491 was cancelled");
        none("Booking reference: 2722099012");
        none("Our membership number is 3319395092");
        none("Order number 4111111111111111 has shipped");
        none("Order 07700900123");
        none("Our charity is number 1988979 in the register");
        none("The bid number is 070024008, closing soon");
        none("Invoice 85924677 dated 08-09-26, due in 30 days");
        // Written in groups too, as references often are; a phone word after it still wins.
        none("Booking reference 0770 0900 123");
        none("My case number is 07700 900123");
        one("Order 07700 900123 (mobile)", "phone", "07700 900123");
        // A reference word further back, or not labelling the number, decides nothing.
        one(
            "Emergency contact card: Jack White, 07381004785",
            "phone",
            "07381004785",
        );
        assert_eq!(
            kinds("Contact numbers: 01767 569932 (booking), 07922883461 (Jamal)"),
            ["phone", "phone"]
        );
        one(
            "Order 142345 to the school, the courier rang 07863544021",
            "phone",
            "07863544021",
        );
        assert_eq!(
            kinds("Quoting NHS number 6164952603 and case 12345678"),
            ["nhs-number"]
        );
    }

    #[test]
    fn phone_words_in_the_past_tense() {
        one("Jo rang from 467 3395", "phone", "467 3395");
        one("She texted 9472 7916 last night", "phone", "9472 7916");
    }

    #[test]
    fn numbers_in_brackets_on_their_own() {
        one(
            "Patient: Gaz Price (6164952603)",
            "nhs-number",
            "6164952603",
        );
        one(
            "NHS number (7008200501) on the front",
            "nhs-number",
            "7008200501",
        );
        one("Mum (07700900123)", "phone", "07700900123");
    }

    #[test]
    fn two_spaces_between_groups() {
        one(
            "Card: 4111  1111  1111  1111",
            "card",
            "4111  1111  1111  1111",
        );
        one("Ring 07700  900123", "phone", "07700  900123");
        one("We're at LU5  4QL now", "postcode", "LU5  4QL");
        none("LU5   4QL");
    }

    /// Layouts found by an independent generator of UK posts (Dec 2026): each was missed or
    /// misread before.
    #[test]
    fn layouts_people_paste() {
        let pair = |text: &str, sc: &str, acc: &str| {
            let want = [("bank-account", sc), ("bank-account", acc)]
                .map(|(k, w)| (k.to_string(), w.to_string()));
            let mut got = found(text);
            got.sort();
            let mut want = want.to_vec();
            want.sort();
            assert_eq!(got, want, "in {text:?}");
        };
        // A sort code and its account joined by a slash.
        pair("Barclays 07-26-63/01314127", "07-26-63", "01314127");
        pair("Monzo 20 33 86/48210610 thanks", "20 33 86", "48210610");
        pair("bank 307514/53554720", "307514", "53554720");
        pair("Barclays 602213/8999 3627", "602213", "8999 3627");
        // "SC" and "AC" as labels, the sort code run together.
        pair("SC 203968 a/c 64089581", "203968", "64089581");
        pair("SC 301791 AC 92868242", "301791", "92868242");
        // "NHS#", "NHS #": a number sign, not a tag.
        one(
            "José NHS#709 108 5485 needs the results",
            "nhs-number",
            "709 108 5485",
        );
        one("NHS #7091085485", "nhs-number", "7091085485");
        none("We're #1 and #2024 was great");
        // A NINO's digits in two threes.
        one("NI GW 719 745 B", "nino", "GW 719 745 B");
        one("ni:WP 375 170 D", "nino", "WP 375 170 D");
        none("QQ 123 456 C");
        // The country code in brackets is part of the number; a bracket around the whole
        // number is not.
        one("Tel (+44) 7276 081083", "phone", "(+44) 7276 081083");
        one(
            "Maisie Singh (+44 114 075 2127) and",
            "phone",
            "+44 114 075 2127",
        );
    }

    #[test]
    fn a_phone_number_spelt_out_a_digit_at_a_time() {
        one(
            "call me on 0 7 7 0 0 9 0 0 1 2 3 after 6",
            "phone",
            "0 7 7 0 0 9 0 0 1 2 3",
        );
        one(
            "ring 0 1 2 3 4 5 6 7 8 9 0",
            "phone",
            "0 1 2 3 4 5 6 7 8 9 0",
        );
        // Not a UK number's length or prefix: a count, a score line.
        none("1 2 3 4 5 6 7 8 9 10 11");
        none("0 0 0 0 0 0 0 0 0 0 0");
        none("0 7 7 0 0 9 0 0 1 2");
    }

    #[test]
    fn street_words_and_their_abbreviations() {
        one("109 Jubilee Cres", "address", "109 Jubilee Cres");
        one(
            "send to 107 Meadow View please",
            "address",
            "107 Meadow View",
        );
        one("at 4 Mill Ln, Ampthill", "address", "4 Mill Ln");
        // "Walk" is no street word: "a sponsored 10 Mile Walk".
        none("a sponsored 10 Mile Walk");
        none("Series 12 Doctor Who");
    }

    /// Found by a second independent generator (Dec 2026).
    #[test]
    fn labels_that_are_not_labels() {
        // "centre" names a place, and a sentence that ends is no label.
        one(
            "Leisure centre 023 5695 2467 for bookings",
            "phone",
            "023 5695 2467",
        );
        one("still got receipt. 07257 936121", "phone", "07257 936121");
        one("Ref. 0121 496 0000 (mobile)", "phone", "0121 496 0000");
        // "number" alone makes only a number starting with 0 (or a North American one) a
        // phone number.
        for text in [
            "won the raffle!! Job num 5910690",
            "job No: 686-909-746",
            "Child benefit number 905-567-212",
            "Crime number 12345678",
            "Kick off 01.04.21 1500",
            "Account number ORD-14764435.",
            "delivery driver left my parcel in the bin again. 3487555409.",
            "ISBN 2-614-37655-8 and 6875253933",
        ] {
            none(text);
        }
        one("my number is 555-555-0100", "phone", "555-555-0100");
        one("her number is 07700 900123", "phone", "07700 900123");
        // Named as an NHS number, another grouping of its ten digits.
        one("nhs number 619 5849030", "nhs-number", "619 5849030");
        one("NHS no 4580 473 116", "nhs-number", "4580 473 116");
        // A kiss after a phone number; the '+' of a number in brackets.
        one("pls text me on 07943 152693x", "phone", "07943 152693");
        one("(+447455008684)", "phone", "+447455008684");
    }

    #[test]
    fn whatsapp_links_hold_a_phone_number() {
        one(
            "For bookings click https://wa.me/447526360338 💅",
            "phone",
            "447526360338",
        );
        one(
            "message me https://api.whatsapp.com/send?phone=447803434264 for pics",
            "phone",
            "447803434264",
        );
        one(
            "For bookings click wa.me/447598143753",
            "phone",
            "447598143753",
        );
        none("Join our group https://chat.whatsapp.com/AbC123xyz");
    }

    #[test]
    fn email_addresses_spelt_out() {
        one(
            "jo dot bloggs at gmail dot com",
            "email",
            "jo dot bloggs at gmail dot com",
        );
        one(
            "Email me: jbloggs[at]example(dot)org",
            "email",
            "jbloggs[at]example(dot)org",
        );
        one(
            "jo.bloggs at hotmail.co.uk",
            "email",
            "jo.bloggs at hotmail.co.uk",
        );
        one(
            "Contact: j.smith (at) nhs (dot) net",
            "email",
            "j.smith (at) nhs (dot) net",
        );
        one(
            "email jo at sendiass dot org dot uk",
            "email",
            "jo at sendiass dot org dot uk",
        );
        for text in [
            "Find us at sendiass dot org dot uk",
            "Email us at sendiass dot org dot uk",
            "Bargains at Amazon dot co dot uk",
            "Great deals at argos.co.uk",
            "I'm at gmail.com all day",
            "info [at] sendiass.org.uk",
            "(at the moment) a.b dot com",
        ] {
            none(text);
        }
    }

    /// Layouts and look-alikes found by a third probe, written independently of these tests.
    #[test]
    fn dotted_numbers_keycaps_and_look_alikes() {
        one(
            "Jo Mensah – NHS no: 422.565.0723 – Maternity",
            "nhs-number",
            "422.565.0723",
        );
        one(
            "card 4584.7426.8000.6072 exp 07/29",
            "card",
            "4584.7426.8000.6072",
        );
        one("My NI no. is Yp 86 28 96 d.", "nino", "Yp 86 28 96 d");
        one("Sat nav won't take ch1 4lax", "postcode", "ch1 4la");
        one(
            "ring me on 0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣ pls",
            "phone",
            "0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣1️⃣2️⃣3",
        );
        one(
            "6236 991 340 ← Harper's number",
            "nhs-number",
            "6236 991 340",
        );
        one("Is it 738 5093 108?", "nhs-number", "738 5093 108");
        one("born on 3rd April 2015", "date-of-birth", "3rd April 2015");
        one("D.O.B. 03/04/2015", "date-of-birth", "03/04/2015");
        for text in [
            // Named an NHS number, with a wrong check digit: mistyped, not a phone number.
            "Arthur's NHS no. 466.162.4016 if the ward needs it",
            "At 10 20 30 a",
            "Love my new MacBook Air M2 8GB",
            "M1 8GB RAM, barely used",
            "Registered in England & Wales no. 00467322",
            "Evening, breakfast club runs 1530–1730 daily",
            "Shaz was born in Nottingham but moved here on 17th Nov 2019",
            "Logo file is icon@2x.png in the shared drive",
            "Clone with git@github.com:pta-team/site.git",
            "New email format is firstname.lastname@example.gov.uk from Monday",
            "Only 2 High Street banks left in Norwich",
        ] {
            none(text);
        }
        one("Office is at M2 8GB, Manchester", "postcode", "M2 8GB");
        one(
            "Deliver to 21 Acacia Avenue thanks",
            "address",
            "21 Acacia Avenue",
        );
    }

    /// Layouts found by a fourth probe, written independently of these tests.
    #[test]
    fn spaced_at_signs_letter_o_phones_map_links_and_bank_layouts() {
        one(
            "Her email is sam.jones @ hotmail.co.uk if you want to thank her",
            "email",
            "sam.jones @ hotmail.co.uk",
        );
        one("Contact a.khan @nhs.net", "email", "a.khan @nhs.net");
        one("Jo's email: jo @ gmail.com", "email", "jo @ gmail.com");
        for text in [
            "thanks @ bbc.co.uk for the coverage",
            "Meet me @ the pub",
            "I'm @ gmail.com all day",
            "info @ example.org.uk",
        ] {
            none(text);
        }
        one("Text Sam on O7700 9OO123 x", "phone", "O7700 9OO123");
        one("new mobile o77oo oo5o42", "phone", "o77oo oo5o42");
        for text in [
            "Room o101 then 2000 2001",
            "the 0o7 film 12345 6789",
            "Call O2 about it",
        ] {
            none(text);
        }
        one(
            "Directions: https://maps.google.com/?q=LU5%204QL",
            "postcode",
            "LU5%204QL",
        );
        one(
            "https://www.google.com/maps/place/Luton+LU5+4QL/@51.9,-0.4,17z",
            "postcode",
            "LU5+4QL",
        );
        none("https://example.com/LU5%204QL");
        one("Sat nav won't take SO17 1NZx", "postcode", "SO17 1NZ");
        assert_eq!(
            found("Transfer to Jo, 20.47.25 26133957 ref RAFFLE"),
            [("bank-account", "20.47.25"), ("bank-account", "26133957")]
                .map(|(k, t)| (k.to_string(), t.to_string()))
        );
        assert_eq!(
            found("Jo's bank – 5526 8400 20 79 95"),
            [("bank-account", "5526 8400"), ("bank-account", "20 79 95")]
                .map(|(k, t)| (k.to_string(), t.to_string()))
        );
        assert_eq!(
            found("paid into acc 62703626 (826790) but wrong amount"),
            [("bank-account", "62703626"), ("bank-account", "826790")]
                .map(|(k, t)| (k.to_string(), t.to_string()))
        );
        for text in [
            "order 12345678 (123456 items)",
            "order 12345678 123456 items",
            "version 10.15.07 is out",
        ] {
            none(text);
        }
        // A card word makes a card of a number labelled as a booking.
        one(
            "the debit card number for the hall booking: 4111 1111 1111 1111",
            "card",
            "4111 1111 1111 1111",
        );
        // The NHS named before a phone word in passing: an NHS number, or a mistyped one.
        one(
            "asked for my NHS number over the phone and I had it memorised: 943-476-5919",
            "nhs-number",
            "943-476-5919",
        );
        none("asked for my NHS number over the phone and I had it memorised: 943-476-5918");
        // A purchase order, a company's registration, a reference with dots; a pharmacy
        // asks for an NHS number.
        for text in [
            "Tesco order PO 07979724912 – missing items again",
            "Registered in England & Wales no. 06044922",
            "arrived 22.10.24 Ref 927.715.2396",
            "Pharmacy wanted Rory's number: 637-749-9082 thanks",
        ] {
            none(text);
        }
        one(
            "I registered in England, call me on 07700 900123",
            "phone",
            "07700 900123",
        );
        // Not from the sentence before.
        assert_eq!(
            kinds("NHS no. 943 476 5919 for the ward.\nIf you can't get through, ring Mo directly on 089 561 9892"),
            ["nhs-number", "phone"]
        );
    }

    #[test]
    fn numbers_labelled_as_accounts_or_calls_are_not_nhs_or_phone_numbers() {
        // One number in eleven passes the NHS check: an account or a meeting code is no NHS
        // number, nor an account number a phone number.
        for text in [
            "Bin collection account 7959057958",
            "council tax account 3754242210",
            "My British Gas account number is 2447616139",
            "Zoom link code 936 337 0194",
            "join the zoom: 856 140 3357",
            "Teams meeting code 810 984 2410?",
            "Conference ID 943 476 5919",
            "My British Gas account number is 0128897219",
            "Water bill account number 0017690368, overcharged",
            "EAN 5011683335865",
        ] {
            none(text);
        }
        // A phone word after a number that labels the next number is not this one's.
        one(
            "NHS no 602 153 6547, mob 0780 272 3166",
            "phone",
            "0780 272 3166",
        );
        one(
            "NHS 783-084-4023 / mobile 07564184610",
            "phone",
            "07564184610",
        );
        one("0490 75 40 81 (mobile)", "phone", "0490 75 40 81");
    }

    #[test]
    fn dates_near_bank_details_are_not_sort_codes() {
        assert_eq!(
            kinds("sort code 400518 acc 81675205, paid 15-10-24"),
            ["bank-account", "bank-account"]
        );
        assert_eq!(
            kinds("Account 12345678, invoice date 12 10 24"),
            ["bank-account"]
        );
        // A date-like sort code named as one, or right next to its account, still counts.
        assert_eq!(
            kinds("sort code 11-02-13 account 12345678"),
            ["bank-account", "bank-account"]
        );
        assert_eq!(kinds("11-02-13 12345678"), ["bank-account", "bank-account"]);
    }

    #[test]
    fn no_number_inside_a_longer_one() {
        // A card-shaped number that fails Luhn has no card, phone or NHS number inside it.
        none("card 6759 3990 2143 0001, please process");
        none("the full number is 4227 0081 7445 1160");
        none("my card is 3455 029293 10821");
        // Nor does a number glued to more digits by a dash or a dot.
        none("the card I used for order 12-01067-22195");
        none("Order 35-00809-66326 is late");
        // A card's security code after it: the 19 digits fail Luhn, the first 16 pass.
        one(
            "Please refund to 4224 8777 4129 2216 777.",
            "card",
            "4224 8777 4129 2216",
        );
        one(
            "card 4086 8683 0607 0946 623 12/27",
            "card",
            "4086 8683 0607 0946",
        );
        one("4111111111111111 123", "card", "4111111111111111");
        one(
            "Card 4111 1111 1111 1111 12/26",
            "card",
            "4111 1111 1111 1111",
        );
        // A slash followed by '+' starts a new number.
        assert_eq!(
            found("Call/text 07907 893104/+44 20 3491 6190"),
            vec![
                ("phone".to_string(), "07907 893104".to_string()),
                ("phone".to_string(), "+44 20 3491 6190".to_string())
            ]
        );
    }

    #[test]
    fn sort_codes_and_accounts_pair_up() {
        let pairs = |t: &str| -> Vec<String> { found(t).into_iter().map(|(_, w)| w).collect() };
        // "s/c", "a/c" and "SC" name them.
        assert_eq!(
            pairs("Please pay S/C 405143 A/C 42355916 with your name"),
            ["405143", "42355916"]
        );
        assert_eq!(
            pairs("Pay to Acct 90058507 SC 876962 please"),
            ["90058507", "876962"]
        );
        // Run together, a sort code needs the account number right next to it.
        assert_eq!(
            pairs("new details: 206182 75157530"),
            ["206182", "75157530"]
        );
        assert_eq!(pairs("TSB 773520, 03903154"), ["773520", "03903154"]);
        assert_eq!(
            pairs("to secure the booking: 568638 / 75420117"),
            ["568638", "75420117"]
        );
        assert_eq!(
            pairs("Gift Aid: 04 41 01 51739550"),
            ["04 41 01", "51739550"]
        );
        // An 8-digit number that a hint made a phone number is an account number next to a
        // sort code.
        assert_eq!(
            found("direct debit from natwest 20 09 28, 27320542 failed"),
            vec![
                ("bank-account".to_string(), "20 09 28".to_string()),
                ("bank-account".to_string(), "27320542".to_string())
            ]
        );
        // Further apart, only with a bank word; one account per sort code, the nearest.
        assert_eq!(
            pairs("Barclays 20-32-06 (Luton branch) 83749201"),
            ["20-32-06", "83749201"]
        );
        assert_eq!(
            pairs("Sort code: 526231, Account number: 52874127, invoice 57241140"),
            ["526231", "52874127"]
        );
        assert_eq!(
            pairs("Refund to Sort Code 07-18-50 Account No 76767686, invoice 46346046"),
            ["07-18-50", "76767686"]
        );
        none("It's 12-03-24 today and 12345678 people agree");
        none("Bacs run 14-01-25, batch 64814205");
        none("The minutes of 14-10-23 are attached; payments ref 54575445");
        none("Invoice 12345678 for 123456 items");
        none("Zoom meeting ID: 843 2156 7890, passcode 123456");
        // An account number written in two fours.
        assert_eq!(
            pairs("sort code 12-34-56, account 1234 5678"),
            ["12-34-56", "1234 5678"]
        );
        assert_eq!(pairs("12-34-56 1234 5678"), ["12-34-56", "1234 5678"]);
        assert_eq!(pairs("account number 1234 5678"), ["1234 5678"]);
        assert_eq!(
            pairs("bank details 778996 0046 9758"),
            ["778996", "0046 9758"]
        );
        none("Tickets 1234 5678 on sale");
        none("Invoice 1234 5678 paid");
    }

    #[test]
    fn nino_layouts_that_are_not_ninos() {
        // A wrong suffix is not left off: the number is no NINO.
        none("NI number AB 12 34 56 E");
        none("NI number AB123456E");
        // An invalid NINO's digits are no sort code.
        assert_eq!(
            kinds("NP 11 71 95 M, bank sort code 20 48 36 account 29951797"),
            ["bank-account", "bank-account"]
        );
        // "NI" names only a NINO close after it, with no bank word between.
        assert_eq!(
            found("NI number tm436618c, Acct 72736999 SC 83 67 77"),
            vec![
                ("nino".to_string(), "tm436618c".to_string()),
                ("bank-account".to_string(), "72736999".to_string()),
                ("bank-account".to_string(), "83 67 77".to_string())
            ]
        );
    }

    #[test]
    fn other_layouts_need_a_phone_word() {
        one("Phone: 467 3395", "phone", "467 3395");
        one(
            "Can someone call me on 9472 7916? Thanks",
            "phone",
            "9472 7916",
        );
        one("Mobile: 0490 75 40 81", "phone", "0490 75 40 81");
        one("0490 75 40 81 (mobile)", "phone", "0490 75 40 81");
        one("21 253 109 8211-Office", "phone", "21 253 109 8211");
        one("Fax: 9498777106", "phone", "9498777106");
        one("T: 0490 75 40 81", "phone", "0490 75 40 81");
        one("Office: 467 3395", "phone", "467 3395");
        one("the office is at 467 3395", "phone", "467 3395");
        none("We sold 467 3395 units");
        none("Order number 9472 7916 has shipped");
        none("Our ref 0490 75 40 81");
    }

    #[test]
    fn ordinary_numbers_are_not_phones() {
        for text in [
            "In 2017 we had 1,000 people at 10:30 on 2017-08-12.",
            "It cost £1,250,000 in 2019 and 2020",
            "Call me at 5",
            "Flat 3",
            "We met 3 times in 12 months",
            "Order 12345678 and invoice 987654321",
            "Version 1.2.3.4 of 2024-01-01",
            "Server 192.168.100.200 is down, call IT",
            "3.14159265 is pi",
            "1 2 3 4 5 6 7 8 9",
            "Scores: 2019 2020 2021",
            "Room 101, 2nd floor, 10am-12pm",
            "Ticket #12345678901",
            "The population is 67,000,000",
        ] {
            none(text);
        }
    }

    #[test]
    fn spans_are_exact_after_emoji_and_invisible_characters() {
        let text = "😀 Call 07700 900123";
        let f = checker()
            .check(text, &Context::default())
            .expect("checks")
            .into_iter()
            .find(|f| f.rule == "personal-data")
            .expect("flagged");
        assert_eq!((f.start, f.end), (8, 20));
        assert_eq!(f.kind.as_deref(), Some("phone"));
        assert!(f.message.contains("phone number") && f.suggestion.is_some());
        one("👩‍👩‍👧 e\u{301} \u{200B}07700 900123!", "phone", "07700 900123");
        one(
            "Call ０７７００ ９００１２３",
            "phone",
            "０７７００ ９００１２３",
        );
        one(
            "Postcode:\u{00A0}LU5\u{00A0}4QL.",
            "postcode",
            "LU5\u{00A0}4QL",
        );
    }

    #[test]
    fn postcodes() {
        for pc in [
            "LU5 4QL", "SW1A 1AA", "MK45 4HS", "LU54QL", "sw1a 1aa", "mk454hs", "B1 1AA",
            "W1A 0AX", "GIR 0AA", "EC1A 1BB",
        ] {
            one(&format!("We're at {pc}, come along"), "postcode", pc);
        }
        for text in [
            "A1 1AA is not a postcode",
            "XLU5 4QL and LU5 4QLX",
            "LU5 4QC has a bad letter",
            "QA1 1AA",
            "Model SW1A1AAB",
            "#lu54ql",
            "Hu27le",
            "Lu54ql",
            "M1-1ae",
            // Text-speak and an ordinal.
            "me and my m8 1st time this week",
            "see you b4 2nd period",
            "w8 3rd time lucky",
        ] {
            none(text);
        }
        // Mixed case, spaced like a postcode (a phone's keyboard capitalises the first
        // letter), and a hyphen in capitals.
        for pc in ["Lu5 4ql", "Dl4 0wx", "G3 0sr", "EC1Y-6SA"] {
            one(&format!("send it to {pc} please"), "postcode", pc);
        }
        // In capitals an ordinal-like inward code is a postcode; lower case needs the right
        // ordinal suffix to be one ("1nd" is not).
        one("B4 1ST", "postcode", "B4 1ST");
        one("Flitwick, e5 1nd", "postcode", "e5 1nd");
    }

    /// The NHS check digit, or None when the number can have none.
    fn nhs_digit(nine: &[u8; 9]) -> Option<u8> {
        let sum: u32 = nine
            .iter()
            .enumerate()
            .map(|(i, &d)| u32::from(d) * (10 - i as u32))
            .sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            c => Some(c as u8),
        }
    }

    #[test]
    fn nhs_numbers_need_a_valid_check_digit() {
        let mut seed: u64 = 0x5eed;
        let mut tested = 0;
        while tested < 60 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut nine = [0u8; 9];
            nine[0] = [3, 4, 6, 7][(seed >> 60) as usize % 4];
            for (k, d) in nine.iter_mut().enumerate().skip(1) {
                *d = ((seed >> (k * 6)) % 10) as u8;
            }
            let Some(check) = nhs_digit(&nine) else {
                continue;
            };
            tested += 1;
            let digits: String = nine.iter().map(|d| char::from(b'0' + d)).collect();
            let (a, b, c) = (&digits[..3], &digits[3..6], &digits[6..]);
            for wrong in [false, true] {
                let last = if wrong {
                    (check + 1 + (seed % 9) as u8) % 10
                } else {
                    check
                };
                let spaced = format!("{a} {b} {c}{last}");
                let dashed = format!("{a}-{b}-{c}{last}");
                let joined = format!("{digits}{last}");
                let texts = [
                    (format!("It is {spaced} thanks"), &spaced),
                    (format!("It is {dashed} thanks"), &dashed),
                    (format!("It is {joined}"), &joined),
                    (format!("Her number is {spaced}."), &spaced),
                    (format!("her number: {joined}"), &joined),
                    (format!("NHS no. {joined}"), &joined),
                ];
                for (text, number) in &texts {
                    let f = found(text);
                    if wrong {
                        // Not an NHS number, and not a phone number either: none of these
                        // is a phone layout, and none has a phone word.
                        assert_eq!(f, vec![], "{text:?}");
                    } else {
                        assert_eq!(
                            f,
                            vec![("nhs-number".to_string(), number.to_string())],
                            "{text:?}"
                        );
                    }
                }
                // Next to a phone word it is a phone number, whatever the check digit.
                one(&format!("Fax: {joined}"), "phone", &joined);
            }
        }
        one("NHS number: 943 476 5919", "nhs-number", "943 476 5919");
        none("NHS number: 943 476 5918");
    }

    #[test]
    fn national_insurance_numbers() {
        one("My NI is AB 12 34 56 C ok", "nino", "AB 12 34 56 C");
        one("JG103759A", "nino", "JG103759A");
        one("ref jg103759a", "nino", "jg103759a");
        one("AB 123456 D", "nino", "AB 123456 D");
        one("National Insurance number AB123456", "nino", "AB123456");
        one("NI number AB-12-34-56-C", "nino", "AB-12-34-56-C");
        one("ni: ab-123456-c thanks", "nino", "ab-123456-c");
        for text in [
            "QQ 12 34 56 C",
            "DA123456A",
            "AO123456A",
            "GB123456A",
            "TN 12 34 56 A",
            "ZZ123456B",
            "AB123456E",
            "The code AB123456 is fine",
            "XAB123456C",
            "AB-12 34-56 C",
            "AB 12-34-56-C",
        ] {
            assert!(kinds(text).iter().all(|k| k != "nino"), "{text:?}");
        }
    }

    #[test]
    fn payment_cards_pass_luhn() {
        for card in [
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "4111111111111111",
            "5555555555554444",
            "2223 0000 4841 0010",
            "3782 822463 10005",
            "378282246310005",
            "6011111111111117",
            "3530111333300000",
            "30569309025904",
            "4222222222222",
            "6304 0000 0000 0000 018",
            // Separators typed with spaces, and slashes.
            "4111 - 1111 - 1111 - 1111",
            "4111- 1111- 1111- 1111",
            "4111 -1111 -1111 -1111",
            "4111/1111/1111/1111",
            "4111 / 1111 / 1111 / 1111",
            "3782 - 822463 - 10005",
        ] {
            one(&format!("Card: {card}."), "card", card);
        }
        // A sentence's end is no separator; nor is a hyphen before a short group.
        one(
            "Free kittens, ready 14/09/2024. 07700-935-291",
            "phone",
            "07700-935-291",
        );
        one("Ring 07700 900123 - 9am to 5pm", "phone", "07700 900123");
        // Luhn fails, or no card starts like that: no finding at all.
        none("Card: 4111 1111 1111 1112.");
        none("Card: 1234 5678 9012 3452");
        none("Card: 9111 1111 1111 1116");
        assert!(luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
        assert!(!luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
    }

    #[test]
    fn bank_details() {
        assert_eq!(
            found("Sort code 12-34-56, account 12345678"),
            vec![
                ("bank-account".to_string(), "12-34-56".to_string()),
                ("bank-account".to_string(), "12345678".to_string())
            ]
        );
        assert_eq!(
            kinds("Pay 12-34-56 12345678 by Friday"),
            ["bank-account", "bank-account"]
        );
        assert_eq!(
            kinds("12345678 / 20 00 00"),
            ["bank-account", "bank-account"]
        );
        // A sort code alone names a bank branch, not a person.
        none("sort code: 20 00 00");
        none("Monzo sort code is 04-06-05 for everyone I think");
        one("acc no 12345678", "bank-account", "12345678");
        none("Scores 12-34-56 today");
        none("We raised 12345678 pennies");
    }

    #[test]
    fn ibans_pass_mod_97() {
        for iban in [
            "GB82 WEST 1234 5698 7654 32",
            "GB82WEST12345698765432",
            "gb82west12345698765432",
            "DE89 3704 0044 0532 0130 00",
            "GB56HXDO88167774656119",
        ] {
            one(&format!("IBAN: {iban}."), "iban", iban);
        }
        none("IBAN: GB83WEST12345698765432");
        none("IBAN: GB82WEST1234569876543");
        none("XX82WEST12345698765432");
    }

    #[test]
    fn dates_of_birth_need_a_birth_word() {
        for (text, date) in [
            ("DOB: 12/03/2015", "12/03/2015"),
            ("D.O.B. 12.03.2015", "12.03.2015"),
            ("She was born on 12 March 2015.", "12 March 2015"),
            ("born 12th of March 2015", "12th of March 2015"),
            ("Date of birth: March 12th, 2015", "March 12th, 2015"),
            ("his birthday is 2015-03-12", "2015-03-12"),
            ("Jo Bloggs, b. 12/03/2015", "12/03/2015"),
            ("12/03/2015 (DOB)", "12/03/2015"),
        ] {
            one(text, "date-of-birth", date);
        }
        none("The meeting is on 12/03/2015 at 10:30");
        none("She was born in 2015");
        none("born on 31/31/2015");
        none("Plan b. 12 people came");
    }

    #[test]
    fn street_addresses() {
        one(
            "I live at 12 Acacia Avenue, Luton",
            "address",
            "12 Acacia Avenue",
        );
        one(
            "Flat 3, 14 High Street",
            "address",
            "Flat 3, 14 High Street",
        );
        one("at 12a Church Road now", "address", "12a Church Road");
        one("Unit 2, 3 Mill Lane", "address", "Unit 2, 3 Mill Lane");
        one("Flat - 3, 14 High Street", "address", "14 High Street");
        none("Top 10 Road Trips");
        none("The 2064 Supreme Court hearing");
        none("We have 3 Great Ideas");
    }

    #[test]
    fn one_finding_per_number_of_the_most_specific_kind() {
        assert_eq!(kinds("4111 1111 1111 1111"), ["card"]);
        assert_eq!(
            kinds("Call 07700 900123 or 07700 900124"),
            ["phone", "phone"]
        );
        assert_eq!(
            found("Call 07700 900123, email a@b.co, LU5 4QL"),
            vec![
                ("phone".to_string(), "07700 900123".to_string()),
                ("email".to_string(), "a@b.co".to_string()),
                ("postcode".to_string(), "LU5 4QL".to_string()),
            ]
        );
    }

    #[test]
    fn links_are_not_read() {
        none("see https://example.com/status/4111111111111111 and www.x.com/07700900123");
        none("https://example.com/GB82WEST12345698765432");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "+",
            "(",
            "+(",
            "(+",
            "0",
            "00",
            "x",
            "GB",
            "GB8",
            "GB82",
            "AB 12",
            "AB 12 34",
            "+44",
            "+44 (",
            "+44 (0)",
            "1-",
            "1.",
            "12-34-",
            "ext",
            "1 ext",
            "1 x",
            "b.",
            "b. 1",
            "DOB",
            "born 1",
            "Flat 3,",
            "12 ",
            "12 A",
            "GIR",
            "GIR 0",
            "£",
            "£1",
            "#1",
            "🙂1",
            "1🙂",
            "é1",
            "1é",
            "\u{200B}1\u{200B}2",
            "((((1))))",
            "1)))",
            "9".repeat(200).as_str(),
            "1 ".repeat(200).as_str(),
            "12-".repeat(100).as_str(),
        ] {
            let len = crate::text::utf16_len(text);
            for f in checker().check(text, &Context::default()).expect("checks") {
                assert!(f.start < f.end && f.end <= len, "{text:?}: {f:?}");
            }
        }
    }

    proptest::proptest! {
        /// Whatever the text, no panic, spans inside it and never two findings on one stretch.
        #[test]
        fn any_text_gives_sane_spans(
            text in "[0-9 +()\\-./xX@a-dA-DGLQSUW:,#£\u{200B}😀é\n]{0,60}"
        ) {
            let len = crate::text::utf16_len(&text);
            let mut last_end = 0;
            for f in checker()
                .check(&text, &Context::default())
                .expect("checks")
                .into_iter()
                .filter(|f| f.rule == "personal-data")
            {
                proptest::prop_assert!(f.start < f.end && f.end <= len, "{:?}: {:?}", text, f);
                proptest::prop_assert!(f.start >= last_end, "overlap in {:?}", text);
                last_end = f.end;
            }
        }
    }

    /// The rule alone over ~60 KB of mixed prose:
    /// `cargo test --release --lib personal_data_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn personal_data_speed() {
        let prose = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/data/post.txt"
        ))
        .unwrap_or_else(|_| "Thrilled to share some news from this week's workshop. ".repeat(20));
        let mut text = String::new();
        let extras = [
            "Call Sam on 07700 900123 after 10:30. ",
            "In 2017 we had 1,000 people and raised £12,500. ",
            "Email jo@example.com or see https://example.com/a/123456. ",
            "We're at LU5 4QL, flat 3. Born 12/03/2015. ",
            "Card 4111 1111 1111 1111; NHS 943 476 5919. ",
        ];
        let mut k = 0;
        while text.len() < 60_000 {
            text.push_str(&prose);
            text.push_str(extras[k % extras.len()]);
            k += 1;
        }
        let c = checker();
        let i = crate::rules::index_of("personal-data").expect("registered");
        let doc = Document::new(&text, &c.lexicon);
        let ctx = Context::default();
        let cx = RuleCx {
            ctx: &ctx,
            pack: &c.pack,
            index: i,
            severity: crate::Severity::Stop,
            meta: &PersonalData::META,
            state: None,
        };
        let mut out = Vec::new();
        let iters: usize = std::env::var("PD_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300);
        // The machine may be busy: the best of several batches.
        let mut secs = f64::MAX;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            for _ in 0..iters {
                out.clear();
                PersonalData.check(&doc, &cx, &mut out);
            }
            secs = secs.min(t.elapsed().as_secs_f64() / iters as f64);
        }
        println!(
            "personal-data: {} bytes, {:.1} µs/check, {:.0} MB/s, {} findings",
            text.len(),
            secs * 1e6,
            text.len() as f64 / secs / 1e6,
            out.len()
        );
        // Digit-heavy and pathological texts.
        for (name, text) in [
            (
                "phone list",
                "Call 07700 900123 or (01234) 567890, ".repeat(20_000),
            ),
            ("digits and spaces", "1 2 34 567 8901 ".repeat(60_000)),
            ("digit run", "9".repeat(1_000_000)),
            ("dashes", "12-34-56-".repeat(100_000)),
            ("letters and digits", "ab1 AB 12 GB82 LU5 ".repeat(50_000)),
        ] {
            let (mut all, mut ours, mut n) = (f64::MAX, f64::MAX, 0);
            let doc = Document::new(&text, &c.lexicon);
            for _ in 0..3 {
                let t = std::time::Instant::now();
                n = c.check(&text, &ctx).map(|f| f.len()).unwrap_or(0);
                all = all.min(t.elapsed().as_secs_f64());
                let t = std::time::Instant::now();
                out.clear();
                PersonalData.check(&doc, &cx, &mut out);
                ours = ours.min(t.elapsed().as_secs_f64());
            }
            println!(
                "{name}: {} bytes; all rules {:.0} MB/s ({n} findings); personal-data alone {:.0} MB/s",
                text.len(),
                text.len() as f64 / all / 1e6,
                text.len() as f64 / ours / 1e6
            );
        }
    }
}
