#!/usr/bin/env python3
"""Synthetic, labelled UK personal-data sentences: tests/data/uk_pii_synth.jsonl.

    python3 tools/uk-pii-synth.py > tests/data/uk_pii_synth.jsonl

Python 3 standard library only, fixed seed: the same output on every run (`--seed N` and
`--rows N` make other sets, e.g. a fresh one to check that nothing was tuned to this one).

What it writes: short posts of the kinds staff, volunteers and parents write (appeals, contact
requests, complaints, small adverts, event notices, payroll and referral notes), drawn from
many templates, holding UK personal data written every way people write it:

- phones: mobiles and landlines (London 020, 01xx1 and 011x cities, five-digit area codes,
  03/08 numbers), spaced, run together, dashed, `(020)`, `+44`, `+44 (0)`, `+44 07…` (the
  trunk 0 kept by mistake), `0044`, `ext.`;
- NHS numbers with a valid mod-11 check digit, `3 3 4` spaced, dashed or run together;
- National Insurance numbers with a valid prefix and suffix, `AB 12 34 56 C`, `AB123456C`,
  `AB 123456 C`, lower case;
- postcodes in all six outward formats (A9, A99, AA9, AA99, A9A, AA9A) of real areas, with and
  without the space, lower case;
- payment cards: Luhn-valid numbers in real issuer ranges (Visa 13/16/19, Mastercard 51-55 and
  2221-2720, Amex, Maestro, Discover, JCB, Diners, UnionPay), in fours, 4-6-5 or run together;
- sort codes (`12-34-56`, `12 34 56`, `123456`) with an 8-digit account number (`12345678`,
  now and then `1234 5678`), with or without the words "sort code" and "account";
- and, as they come up in such posts, email addresses, dates of birth and street addresses.

And hard negatives in the same kinds of sentences, which are not personal data of those kinds:
NHS-shaped numbers with a wrong check digit, Luhn-invalid card-shaped numbers, NINOs with an
invalid prefix (BG GB NK KN TN NT ZZ, first letter D F I Q U V, second D F I O Q U V) or suffix,
order, booking, invoice, case, EHCP, ticket and company numbers, parcel tracking numbers, ISBNs,
prices, dates, times, years, version numbers, scores, room and unit numbers, outward codes on
their own and postcode-like words (B2B, A14, M25, KS2, N95, P45, V5C), phone-like numbers of
the wrong length in non-phone sentences.

Row format (as ../shared/eval/pii_presidio_synth.jsonl): {"id", "text", "label", "spans"};
`spans` are `{type, start, end}` with code-point offsets (Python string indices). Types of
personal data: UK_PHONE, UK_NHS, UK_NINO, UK_POSTCODE, CREDIT_CARD, UK_SORT_CODE,
UK_BANK_ACCOUNT, EMAIL_ADDRESS, DATE_OF_BIRTH, STREET_ADDRESS. `label` is 1 when the row holds
any of them. Hard negatives are marked too, with types that are not personal data (NOT_NHS,
NOT_CARD, NOT_NINO, NOT_POSTCODE, NOT_PHONE, NOT_BANK, REFERENCE, TRACKING, ISBN, PRICE, DATE,
TIME, VERSION, SCORE, ROOM), so that an evaluation can say which decoys were flagged.
"""

import argparse
import json
import random
import re
import sys

R = random.Random()

# ---------------------------------------------------------------------------------------------
# Fillers

FIRST = """Sarah James Emma Mohammed Priya Olivia Jack Amelia Harry Aisha Tom Chloe Daniel Grace
Ryan Sophie Liam Zara Connor Megan Oliver Isla Noah Ava Leo Freya Arjun Fatima Kacper Zofia
Chidi Niamh Rhys Ffion Callum Eilidh Dev Hannah Jamal Lily Ethan Ruby Yusuf Poppy Kieran Maisie
Tariq Evie Ben Jess Sam Alex Kate Mike Dawn Bev Gaz Shaz Jo""".split()
LAST = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Khan Robinson Wright
Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Begum Hussain Nowak O'Brien
Murphy Campbell Ahmed Singh Kowalski Okafor Edwards Hughes Lewis Shaw Price Bennett""".split()
TOWNS = """Dunstable|Leighton Buzzard|Biggleswade|Flitwick|Sandy|Ampthill|Houghton Regis|Shefford|
Stotfold|Arlesey|Cranfield|Potton|Luton|Bedford|Milton Keynes|Toddington|Barton-le-Clay|
Marston Moretaine|Caddington|Henlow""".replace("\n", "").split("|")
SCHOOLS = """Beecroft Academy|Ivel Valley School|Oak Bank School|Stratton Upper|Kingsmoor Academy|
Roecroft Lower|Priory Academy|Linslade Middle|Toddington St George|Robert Bloomfield Academy|
Chiltern School|Weatherfield Academy""".replace("\n", "").split("|")
STREET_NAMES = """Mill|High|Church|Station|Victoria|Chapel|Bedford|Queens|Kings|Park|Orchard|
Meadow|Willow|Oak Tree|Manor|Grove Park|Ashton|Wellington|Saxon|Abbey|Beech|Hockliffe|
Ampthill|Stanbridge""".replace("\n", "").split("|")
STREET_TYPES = ["Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent",
                "Court", "Gardens", "Grove"]
BANKS = ["Barclays", "NatWest", "Lloyds", "HSBC", "Santander", "Nationwide", "Monzo",
         "Starling", "Halifax", "Co-op", "TSB", "Metro Bank"]
MAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk",
                "icloud.com", "sky.com", "centralbedfordshire.gov.uk", "live.co.uk"]
EMOJI = ["", "", "", "", " 🙂", " 😡", " 🙏", " 👍", " x", " xx", " !!", " 💙", " 🐶", " 😊"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def pick(xs):
    return R.choice(xs)


def digits(n, first=None):
    s = first if first is not None else ""
    while len(s) < n:
        s += str(R.randrange(10))
    return s


def weighted(pairs):
    """pairs: [(weight, value)] -> one value."""
    total = sum(w for w, _ in pairs)
    x = R.uniform(0, total)
    for w, v in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][1]


# Each slot returns a list of (text, type or None) pieces.

def plain(text):
    return [(text, None)]


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def a_date():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.choice([2024, 2025, 2026])
    return weighted([
        (3, f"{d:02d}/{m:02d}/{y}"),
        (2, f"{d} {MONTHS[m - 1]}"),
        (2, f"{DAYS[R.randrange(7)]} {ordinal(d)} {MONTHS[m - 1]}"),
        (1, f"{d}.{m}.{y % 100:02d}"),
        (1, f"{y}-{m:02d}-{d:02d}"),
        (1, f"{d}/{m}"),
    ])


def a_time():
    h = R.randint(7, 20)
    return weighted([
        (2, f"{h}:{R.choice(['00', '15', '30', '45'])}"),
        (2, f"{h % 12 or 12}{R.choice(['am', 'pm', '.30pm', '.30am'])}"),
        (1, f"{h:02d}{R.choice(['00', '30'])}"),
        (1, f"{h % 12 or 12} o'clock"),
    ])


def a_price():
    return weighted([
        (3, f"£{R.randint(2, 95)}"),
        (2, f"£{R.randint(1, 300)}.{R.randrange(100):02d}"),
        (2, f"£{R.randint(1, 99)},{R.randrange(1000):03d}"),
        (1, f"£{R.randint(1, 9)},{R.randrange(1000):03d},{R.randrange(1000):03d}"),
        (1, f"£{R.randint(1, 50)}k"),
    ])


def name():
    return f"{pick(FIRST)} {pick(LAST)}"


# ---------------------------------------------------------------------------------------------
# Phones

MOBILE_STARTS = ["071", "073", "074", "075", "077", "078", "079", "07700 9"]
CITY4 = ["0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161",
         "0191"]
AREA5 = ["01582", "01525", "01234", "01462", "01767", "01632", "01908", "01480", "01727",
         "01442", "01223", "01604", "01923", "01494"]
NONGEO = ["0300", "0800", "0808", "0345", "0330", "0370"]


def group(s, sizes, sep):
    out, k = [], 0
    for n in sizes:
        out.append(s[k:k + n])
        k += n
    return sep.join(out)


def mobile():
    start = pick(MOBILE_STARTS).replace(" ", "")
    d = digits(11, start)
    n = d[1:]  # without the trunk 0
    return weighted([
        (10, group(d, [5, 6], " ")),
        (6, d),
        (3, group(d, [5, 3, 3], "-")),
        (3, group(d, [5, 3, 3], " ")),
        (2, group(d, [5, 6], "-")),
        (2, group(d, [4, 3, 4], " ")),
        (4, "+44 " + group(n, [4, 6], " ")),
        (3, "+44 (0)" + group(n, [4, 6], " ")),
        (1, "+44(0)" + group(n, [4, 6], " ")),
        (1, "+44 (0) " + group(n, [4, 3, 3], " ")),
        (2, "0044 " + group(n, [4, 6], " ")),
        (2, "+44" + n),
        (1, "+44 " + group(n, [4, 3, 3], " ")),
        (1, "+44-" + group(n, [4, 6], "-")),
        (1, "(" + d[:5] + ") " + d[5:]),
        (1, "+44 " + group(d, [5, 6], " ")),  # the trunk 0 kept, as people do
    ])


def landline():
    kind = weighted([(4, "london"), (4, "city"), (5, "area5"), (2, "nongeo")])
    if kind == "london":
        d = digits(11, "020" + pick("783"))
        n = d[1:]
        return weighted([
            (6, group(d, [3, 4, 4], " ")),
            (3, "(020) " + group(d[3:], [4, 4], " ")),
            (3, group(d, [4, 3, 4], " ")),  # "0207 946 0018"
            (2, d),
            (1, group(d, [3, 4, 4], "-")),
            (3, "+44 " + group(n, [2, 4, 4], " ")),
            (2, "+44 (0)" + group(n, [2, 4, 4], " ")),
            (1, "0044 " + group(n, [2, 4, 4], " ")),
            (1, "+44 (0) " + group(n, [2, 4, 4], " ")),
        ])
    if kind == "city":
        d = digits(11, pick(CITY4))
        n = d[1:]
        return weighted([
            (6, group(d, [4, 3, 4], " ")),
            (2, group(d, [4, 7], " ")),
            (2, "(" + d[:4] + ") " + group(d[4:], [3, 4], " ")),
            (1, group(d, [4, 3, 4], "-")),
            (1, d),
            (2, "+44 " + group(n, [3, 3, 4], " ")),
            (1, "+44 (0)" + group(n, [3, 3, 4], " ")),
        ])
    if kind == "area5":
        d = digits(11, pick(AREA5))
        n = d[1:]
        return weighted([
            (6, group(d, [5, 6], " ")),
            (3, group(d, [5, 3, 3], " ")),
            (3, "(" + d[:5] + ") " + d[5:]),
            (1, "(" + d[:5] + ") " + group(d[5:], [3, 3], " ")),
            (1, group(d, [5, 6], "-")),
            (1, d),
            (2, "+44 " + group(n, [4, 6], " ")),
            (1, "+44 (0)" + group(n, [4, 6], " ")),
            (1, "+44 (0) " + group(n, [4, 3, 3], " ")),
        ])
    d = digits(11, pick(NONGEO))
    return weighted([(6, group(d, [4, 3, 4], " ")), (1, d), (1, group(d, [4, 3, 4], "-"))])


def phone_any():
    return mobile() if R.random() < 0.55 else landline()


def slot_phone():
    return [(phone_any(), "UK_PHONE")]


def slot_mobile():
    return [(mobile(), "UK_PHONE")]


def slot_landline():
    return [(landline(), "UK_PHONE")]


def slot_ext():
    return plain(str(R.randint(2, 9999)))


# ---------------------------------------------------------------------------------------------
# NHS numbers

def nhs_check_digit(nine):
    s = sum(int(c) * w for c, w in zip(nine, range(10, 1, -1)))
    c = 11 - s % 11
    return 0 if c == 11 else c  # 10: no valid number


def nhs_digits(valid):
    while True:
        nine = digits(9, pick("4446677733"))
        c = nhs_check_digit(nine)
        if valid:
            if c != 10:
                return nine + str(c)
        else:
            wrong = [x for x in range(10) if x != c]
            return nine + str(pick(wrong))


def nhs_layout(d):
    return weighted([(6, group(d, [3, 3, 4], " ")), (3, d), (2, group(d, [3, 3, 4], "-"))])


def slot_nhs():
    return [(nhs_layout(nhs_digits(True)), "UK_NHS")]


def slot_nhs_bad():
    return [(nhs_layout(nhs_digits(False)), "NOT_NHS")]


# ---------------------------------------------------------------------------------------------
# National Insurance numbers

NINO_FIRST = [c for c in "ABCEGHJKLMNOPRSTWXYZ"]
NINO_SECOND = [c for c in "ABCEGHJKLMNPRSTWXYZ"]
NINO_BAD_PAIRS = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def nino_layout(prefix, six, suffix):
    s = weighted([
        (5, f"{prefix} {six[:2]} {six[2:4]} {six[4:]} {suffix}"),
        (5, f"{prefix}{six}{suffix}"),
        (2, f"{prefix} {six} {suffix}"),
        (1, f"{prefix}{six[:2]} {six[2:4]} {six[4:]} {suffix}"),
        (1, f"{prefix} {six[:2]} {six[2:4]} {six[4:]}{suffix}"),
    ])
    return s.lower() if R.random() < 0.15 else s


def slot_nino():
    while True:
        p = pick(NINO_FIRST) + pick(NINO_SECOND)
        if p not in NINO_BAD_PAIRS:
            break
    return [(nino_layout(p, digits(6), pick("ABCD")), "UK_NINO")]


def slot_nino_bad():
    how = weighted([(3, "pair"), (3, "first"), (2, "second"), (2, "suffix"), (2, "qq")])
    suffix = pick("ABCD")
    if how == "pair":
        p = pick(sorted(NINO_BAD_PAIRS))
    elif how == "first":
        p = pick("DFIQUV") + pick(NINO_SECOND)
    elif how == "second":
        p = pick(NINO_FIRST) + pick("DFIOQUV")
    elif how == "suffix":
        p = pick(NINO_FIRST) + pick("ABCEHJKLMPRSTWY")
        suffix = pick("EFGHJKMPRTWXYZ")
    else:
        return [(weighted([(1, "QQ 12 34 56 C"), (1, "QQ123456C"), (1, "QQ 12 34 56 A")]),
                 "NOT_NINO")]
    return [(nino_layout(p, digits(6), suffix), "NOT_NINO")]


# ---------------------------------------------------------------------------------------------
# Postcodes

# Areas with their highest district (roughly), by outward format.
AREAS_1 = {"B": 98, "E": 18, "G": 84, "L": 75, "M": 90, "N": 22, "S": 81, "W": 14}
# Districts that exist only split by a letter (W1A, SW1A, EC1A, WC2H: the lists below).
SPLIT = {"W1", "SW1", "EC1", "EC2", "EC3", "EC4", "WC1", "WC2"}
AREAS_2 = {"LU": 7, "MK": 46, "SG": 19, "AL": 10, "HP": 27, "CB": 25, "PE": 38, "NN": 18,
           "OX": 49, "SW": 20, "SE": 28, "NW": 11, "BS": 49, "CF": 83,
           "EH": 55, "LS": 29, "NE": 71, "BT": 94, "CV": 47, "DN": 41, "RG": 45, "TN": 40,
           "KT": 24, "CR": 8, "BN": 45, "PL": 35, "YO": 62, "IP": 33, "NR": 35, "GU": 52,
           "HA": 9, "UB": 11, "WD": 25, "EN": 11, "DE": 75, "NG": 34, "LE": 67, "ST": 21,
           "BD": 24, "HU": 20, "SO": 53, "PO": 41, "EX": 39, "TR": 27, "CH": 66, "AB": 56,
           "IV": 63, "ZE": 3}
A9A = ["W1A", "W1B", "W1C", "W1D", "W1F", "W1G", "W1H", "W1J", "W1K", "W1S", "W1T", "W1U",
       "W1W", "E1W", "N1C", "N1P"]
AA9A = ["EC1A", "EC1M", "EC1N", "EC1R", "EC1V", "EC1Y", "EC2A", "EC2M", "EC2N", "EC2R", "EC2V",
        "EC2Y", "EC3A", "EC3M", "EC3N", "EC3R", "EC3V", "EC4A", "EC4M", "EC4N", "EC4R", "EC4V",
        "EC4Y", "SW1A", "SW1E", "SW1H", "SW1P", "SW1V", "SW1W", "SW1X", "SW1Y", "WC1A", "WC1B",
        "WC1E", "WC1H", "WC1N", "WC1R", "WC1V", "WC1X", "WC2A", "WC2B", "WC2E", "WC2H", "WC2N",
        "WC2R", "SE1P", "NW1W"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def outward():
    while True:
        o = outward_any()
        if o not in SPLIT:
            return o


def outward_any():
    f = weighted([(2, "A9"), (2, "A99"), (4, "AA9"), (4, "AA99"), (1, "A9A"), (1, "AA9A")])
    if f in ("A9", "A99"):
        a = pick(sorted(AREAS_1))
        top = AREAS_1[a]
        d = R.randint(1, 9) if f == "A9" else R.randint(10, max(10, top))
        return f"{a}{d}"
    if f in ("AA9", "AA99"):
        a = pick(sorted(AREAS_2))
        top = AREAS_2[a]
        if f == "AA99" and top >= 10:
            return f"{a}{R.randint(10, top)}"
        return f"{a}{R.randint(1, min(9, top))}"
    return pick(A9A) if f == "A9A" else pick(AA9A)


def postcode():
    out = outward()
    inward = f"{R.randrange(10)}{pick(INWARD_LETTERS)}{pick(INWARD_LETTERS)}"
    s = weighted([(14, f"{out} {inward}"), (3, f"{out}{inward}"), (1, f"{out}  {inward}")])
    return s.lower() if R.random() < 0.15 else s


def slot_postcode():
    return [(postcode(), "UK_POSTCODE")]


def slot_outward():
    o = outward()
    return [(o.lower() if R.random() < 0.1 else o, "NOT_POSTCODE")]


def slot_pc_like():
    return [(pick(["B2B", "A14", "M25", "A1", "M1", "A5", "KS2", "KS3", "Y6", "N95", "P45", "P60",
                   "V5C", "SA100", "MP3", "PS5", "4G", "5G", "A4", "B12", "F1", "W10 laptop",
                   "G7", "S4C", "BS7671", "ISO 9001", "HB2", "E10"]), "NOT_POSTCODE")]


# ---------------------------------------------------------------------------------------------
# Payment cards

def luhn_digit(partial):
    total = 0
    for i, c in enumerate(reversed(partial)):
        x = int(c)
        if i % 2 == 0:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return str((10 - total % 10) % 10)


CARD_BRANDS = [
    # weight, prefixes, length
    (10, ["4"], 16),
    (1, ["4"], 13),
    (1, ["4"], 19),
    (6, ["51", "52", "53", "54", "55"], 16),
    (2, [str(x) for x in range(2221, 2721, 37)], 16),
    (3, ["34", "37"], 15),
    (2, ["6759", "6761", "6763", "5018", "5020", "5038", "6304"], 16),
    (1, ["6759", "5018"], 18),
    (1, ["6011", "65", "644", "649"], 16),
    (1, [str(x) for x in range(3528, 3590, 7)], 16),
    (1, ["36", "38", "300", "305"], 14),
    (1, ["62"], 16),
    (1, ["62"], 19),
]


def card_digits(valid):
    _, prefixes, n = weighted([(w, (w, p, n)) for w, p, n in CARD_BRANDS])
    body = digits(n - 1, pick(prefixes))
    check = luhn_digit(body)
    if not valid:
        check = str(pick([x for x in range(10) if str(x) != check]))
    return body + check


def card_layout(d):
    n = len(d)
    if n == 15 and d[:2] in ("34", "37"):
        return weighted([(4, group(d, [4, 6, 5], " ")), (2, d), (1, group(d, [4, 6, 5], "-"))])
    if n == 14:
        return weighted([(3, group(d, [4, 6, 4], " ")), (2, d), (1, group(d, [4, 4, 4, 2], " "))])
    fours = [4] * (n // 4) + ([n % 4] if n % 4 else [])
    return weighted([(10, group(d, fours, " ")), (5, d), (4, group(d, fours, "-")),
                     (1, group(d, fours, "  "))])


def slot_card():
    return [(card_layout(card_digits(True)), "CREDIT_CARD")]


def slot_card_bad():
    return [(card_layout(card_digits(False)), "NOT_CARD")]


def slot_exp():
    return plain(f"{R.randint(1, 12):02d}/{R.randint(25, 31)}")


def slot_cvv():
    return plain(digits(3))


# ---------------------------------------------------------------------------------------------
# Bank details

SORT_PREFIX = ["20", "30", "77", "40", "60", "08", "09", "04", "83", "16", "11", "07", "23",
               "52", "56", "87", "01", "60", "40", "20"]


def sort_code():
    d = digits(6, pick(SORT_PREFIX))
    return weighted([(6, group(d, [2, 2, 2], "-")), (3, group(d, [2, 2, 2], " ")), (2, d)])


def account():
    d = digits(8, pick("123456789") if R.random() < 0.85 else "0")
    return d if R.random() < 0.93 else f"{d[:4]} {d[4:]}"


def slot_bank():
    sc, acc = (sort_code(), "UK_SORT_CODE"), (account(), "UK_BANK_ACCOUNT")
    glue = weighted([
        (4, ["sort code ", sc, " account ", acc]),
        (4, ["Sort code: ", sc, ", Account number: ", acc]),
        (3, ["S/C ", sc, " A/C ", acc]),
        (2, ["sort ", sc, " acc ", acc]),
        (3, [sc, " ", acc]),
        (2, [sc, " / ", acc]),
        (3, ["acc no. ", acc, ", sort code ", sc]),
        (2, ["Account ", acc, " (sort code ", sc, ")"]),
        (2, ["SC: ", sc, " ACC: ", acc]),
        (2, [pick(BANKS) + " ", sc, ", ", acc]),
        (2, ["account number ", acc, " sort code ", sc]),
        (1, [acc, " / ", sc]),
        (1, ["a/c ", acc, " s/c ", sc]),
        (2, ["Sort Code ", sc, "\nAccount No ", acc]),
        (1, ["Acct ", acc, " SC ", sc]),
        (1, ["bank details ", sc, " ", acc]),
        (1, [pick(BANKS) + " acc ", acc, " sc ", sc]),
    ])
    return [p if isinstance(p, tuple) else (p, None) for p in glue]


# ---------------------------------------------------------------------------------------------
# Other personal data that comes up in such posts

def slot_email():
    f, l = pick(FIRST).lower(), pick(LAST).lower().replace("'", "")
    local = weighted([(3, f"{f}.{l}"), (2, f"{f}{l}{R.randint(1, 99)}"), (1, f"{f[0]}{l}"),
                      (1, f"{f}_{l}")])
    return [(f"{local}@{pick(MAIL_DOMAINS)}", "EMAIL_ADDRESS")]


def slot_dob():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(2008, 2022)
    return [(weighted([(3, f"{d:02d}/{m:02d}/{y}"), (2, f"{d} {MONTHS[m - 1]} {y}"),
                       (1, f"{d}.{m}.{y}"), (1, f"{ordinal(d)} {MONTHS[m - 1]} {y}")]),
             "DATE_OF_BIRTH")]


def slot_street():
    n = R.randint(1, 160)
    return [(f"{n} {pick(STREET_NAMES)} {pick(STREET_TYPES)}", "STREET_ADDRESS")]


# ---------------------------------------------------------------------------------------------
# Numbers that are not personal data

def slot_order():
    return [(weighted([
        (2, digits(R.choice([6, 7, 8, 9]), pick("123456789"))),
        (1, "#" + digits(R.choice([5, 6, 7]), pick("123456789"))),
        (1, f"{digits(3, '2')}-{digits(7)}-{digits(7)}"),  # Amazon
        (1, f"{digits(2)}-{digits(5)}-{digits(5)}"),  # eBay
        (1, "ORD-" + digits(6)),
    ]), "REFERENCE")]


def slot_ref10():
    """A 10-digit reference number; a third of them have a valid NHS check digit."""
    d = nhs_digits(True) if R.random() < 0.35 else digits(10, pick("123456789"))
    return [(d, "REFERENCE")]


def slot_ref8():
    return [(digits(8, pick("123456789")), "REFERENCE")]


def slot_case_no():
    return [(weighted([
        (2, digits(8, pick("123456789"))),
        (1, f"CB/{R.randint(2019, 2026)}/{digits(5)}"),
        (1, f"{digits(2, '2')}-{digits(6)}"),
        (1, "C" + digits(7)),
    ]), "REFERENCE")]


def slot_ehcp_ref():
    return [(weighted([(1, f"EHC/{R.randint(2019, 2026)}/{digits(4)}"),
                       (1, digits(8, pick("123456789"))),
                       (1, f"EHCP-{digits(6)}")]), "REFERENCE")]


def slot_company_no():
    return [(digits(8, "0"), "REFERENCE")]


def slot_charity_no():
    return [(digits(7, "1"), "REFERENCE")]


def slot_invoice():
    return [(weighted([(2, digits(R.choice([5, 6, 7, 8]), pick("123456789"))),
                       (1, "INV-" + digits(5)),
                       (1, f"{R.randint(2024, 2026)}-{digits(4)}")]), "REFERENCE")]


def slot_ticket():
    return [(weighted([(2, digits(R.choice([6, 7, 8]), pick("123456789"))),
                       (1, "INC" + digits(7)), (1, "#" + digits(5))]), "REFERENCE")]


def slot_tracking():
    l2 = lambda: pick("ABCDEFGHJKLMNPRSTUVWXYZ") + pick("ABCDEFGHJKLMNPRSTUVWXYZ")
    return [(weighted([
        (2, f"{l2()}{digits(9)}GB"),
        (2, f"{l2()} {digits(4)} {digits(4)} {digits(1)}GB"),
        (1, digits(14, "155")),
        (1, "H" + digits(2) + l2() + digits(12)),
        (1, "1Z" + digits(3) + l2() + digits(10)),
        (1, "JD" + digits(18)),
    ]), "TRACKING")]


def slot_isbn():
    body = "978" + digits(9)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    full = body + str((10 - s % 10) % 10)
    return [(weighted([(2, full), (2, f"{full[:3]}-{full[3]}-{full[4:8]}-{full[8:12]}-{full[12]}"),
                       (1, f"{full[3]}-{full[4:8]}-{full[8:12]}-X")]), "ISBN")]


def slot_version():
    return [(weighted([(2, f"{R.randint(1, 20)}.{R.randint(0, 12)}.{R.randint(0, 30)}"),
                       (1, f"v{R.randint(1, 9)}.{R.randint(0, 9)}"),
                       (1, f"{R.randint(2, 17)}.{R.randint(0, 9)}.{R.randint(0, 9)}."
                           f"{R.randint(0, 9999)}")]), "VERSION")]


def slot_score():
    return [(f"{R.randint(0, 30)}-{R.randint(0, 30)}", "SCORE")]


def slot_room():
    return [(weighted([(2, f"Room {R.randint(1, 40)}"), (1, f"Room {pick('ABCDG')}{R.randint(1, 30)}"),
                       (1, f"room {R.randint(1, 3)}.{R.randint(1, 20):02d}"),
                       (1, f"Unit {R.randint(1, 40)}"), (1, f"Flat {R.randint(1, 30)}{pick('AB')}")]),
             "ROOM")]


def slot_price():
    return [(a_price(), "PRICE")]


def slot_date():
    return [(a_date(), "DATE")]


def slot_time():
    return [(a_time(), "TIME")]


def slot_year():
    y = R.randint(2015, 2026)
    return [(weighted([(2, str(y)), (1, f"{y}/{(y + 1) % 100:02d}"), (1, f"{y}-{y + 1}")]), "DATE")]


def slot_big_number():
    return [(weighted([(2, f"{R.randint(1, 999)},{R.randrange(1000):03d}"),
                       (1, f"{R.randint(1, 9)},{R.randrange(1000):03d},{R.randrange(1000):03d}"),
                       (1, str(R.randint(10000, 999999)))]), "REFERENCE")]


def slot_phone_like():
    """Digits a phone-number reader could trip on, in sentences that are not about phones."""
    return [(weighted([
        (2, digits(R.choice([8, 9]), "0")),
        (1, digits(12, "0" + pick("1237"))),
        (1, f"0{digits(3)} {digits(3)}"),
        (1, f"07{digits(3)} {digits(4)}"),
    ]), "NOT_PHONE")]


def slot_date_dash():
    return [(f"{R.randint(1, 28):02d}-{R.randint(1, 12):02d}-{R.randint(23, 26)}", "NOT_BANK")]


def slot_urn():
    return [(digits(6, "1"), "REFERENCE")]


def slot_dfe():
    return [(f"823/{digits(4)}", "REFERENCE")]


def slot_zoom():
    return [(weighted([(1, f"{digits(3, pick('89'))} {digits(4)} {digits(4)}"),
                       (1, f"{digits(3, pick('89'))} {digits(3)} {digits(4)}")]), "REFERENCE")]


def slot_library():
    return [(digits(14, "2"), "REFERENCE")]


def slot_pin():
    return [(digits(R.choice([4, 6])), "REFERENCE")]


SLOTS = {
    "name": lambda: plain(name()),
    "first": lambda: plain(pick(FIRST)),
    "last": lambda: plain(pick(LAST)),
    "town": lambda: plain(pick(TOWNS)),
    "school": lambda: plain(pick(SCHOOLS)),
    "bank_name": lambda: plain(pick(BANKS)),
    "emoji": lambda: plain(pick(EMOJI)),
    "n": lambda: plain(str(R.randint(2, 40))),
    "phone": slot_phone, "mobile": slot_mobile, "landline": slot_landline, "ext": slot_ext,
    "nhs": slot_nhs, "nhs_bad": slot_nhs_bad,
    "nino": slot_nino, "nino_bad": slot_nino_bad,
    "postcode": slot_postcode, "outward": slot_outward, "pc_like": slot_pc_like,
    "card": slot_card, "card_bad": slot_card_bad, "exp": slot_exp, "cvv": slot_cvv,
    "bank": slot_bank, "sort_code": lambda: [(sort_code(), "UK_SORT_CODE")],
    "account": lambda: [(account(), "UK_BANK_ACCOUNT")],
    "email": slot_email, "dob": slot_dob, "street": slot_street,
    "order": slot_order, "ref10": slot_ref10, "ref8": slot_ref8, "case_no": slot_case_no,
    "ehcp_ref": slot_ehcp_ref, "company_no": slot_company_no, "charity_no": slot_charity_no,
    "invoice": slot_invoice, "ticket": slot_ticket, "tracking": slot_tracking,
    "isbn": slot_isbn, "version": slot_version, "score": slot_score, "room": slot_room,
    "price": slot_price, "date": slot_date, "time": slot_time, "year": slot_year,
    "big_number": slot_big_number, "phone_like": slot_phone_like, "date_dash": slot_date_dash,
    "urn": slot_urn, "dfe": slot_dfe, "pin": slot_pin, "zoom": slot_zoom,
    "library": slot_library,
}

# ---------------------------------------------------------------------------------------------
# Templates, by the kind of personal data they are about ("neg": none).

TEMPLATES = {
    "phone": [
        "Lost: black cat near {town} rec, answers to Smudge. If you see her please ring {first} on {phone}{emoji}",
        "Anyone got a recommendation for a plumber in {town}? Mine's let me down again. Text me on {mobile} if you know someone",
        "For Summer Fair tickets call the school office on {landline} or pop in after {time}.",
        "Our helpline is open Mon–Fri 9.30–4.30 on {landline}. Lines are busiest on Mondays.",
        "Selling a Stokke high chair, grey, {price} ono. Collection from {town}. {mobile}",
        "If you need to talk to someone about your child's EHCP review, {first} is on {phone} (Tues & Thurs).",
        "{name} – mob: {mobile}, office: {landline}",
        "Complaint: I have rung {landline} six times this week and nobody answers. Ticket {ticket} is still open!!",
        "Volunteers needed for Saturday's litter pick 🌱 Meet at the car park at {time}. Questions? WhatsApp {mobile}",
        "Please call me back on {phone} — it's about my son's transport to {school}.",
        "New number everyone: {mobile} (old phone was stolen). Save it!{emoji}",
        "Callers from abroad can reach the team on {phone}.",
        "Contact {first} on {phone} or email {email}",
        "Tel {landline} | Fax {landline}",
        "Car share to {school} anyone? I'm near the station, message me {mobile} x",
        "Worried about a child's safety? Call the MASH team on {landline} (out of hours {landline}).",
        "I'm on leave until {date}; in an emergency my number is {mobile}.",
        "Our new office line is {landline}. Opening hours {time}–{time}.",
        "{first}'s mum here, can someone add me to the class WhatsApp? {mobile}",
        "Anyone selling a school blazer age 9-10? Ring {phone} after 6pm",
        "Reminder: sports day is on {date}. Any questions ring {landline} ext. {ext}",
        "Dog walker available in {town}, fully insured, 10 years' experience. Call or text {mobile}.",
        "Can whoever hit my car in the Tesco car park on {date} please get in touch: {phone}",
        "{phone} – that's the number for the parent carer forum if anyone needs it",
        "Job: part-time teaching assistant at {school}, {price} per hour. For an informal chat call {landline}.",
        "hi its {first} my new mob is {mobile} text me",
        "Urgent!! Lost a purple Frozen backpack at the panto. {first} {mobile}{emoji}",
        "The SENCo, {name}, can be reached on {landline} or {email}.",
        "Tutor wanted for maths GCSE, 2 hrs a week in {town}. {mobile} – {first}",
        "If anyone knows {first} {last} from {town}, ask her to ring her sister on {mobile}, her phone's been off for days",
        "Contact numbers for the holiday club: {landline} (booking), {mobile} ({first}, on the day)",
        "Our taxi firm has changed: now call {landline} for school runs",
        "I tried ringing the council on {landline} about the bus pass and was on hold 47 minutes{emoji}",
        "Free kittens to good homes, ready {date}. {mobile}",
        "Parents' evening slots: ring {landline} between {time} and {time}.",
        "For the {first} {last} memorial fund please contact the family on {phone}.",
        "My landline is {landline}, I'm not good with texts",
        "📞 {phone}",
        "Call {first}: {mobile}",
        "Any questions about transport applications, phone {landline} or write to us.",
        "Broken down on the A6 near {town}, can anyone help? I'm on {mobile}",
        "T: {landline}\nM: {mobile}\nE: {email}",
        "Parking permit queries: {landline} (option 3). Room bookings: {room}.",
        "If you've been affected by the flooding in {town}, the council's number is {landline}",
        "Stall holders for the Christmas market please message {first} on {mobile} by {date}",
        "Our team: {name} ({landline}) and {name} ({landline}).",
        "the number for the hospital is {landline} if anyone needs it",
        "Ring me {mobile}",
        "{first} {last}\nFamily Support Worker\nTel: {landline}\nMob: {mobile}",
        "Lost keys on a red lanyard outside the Co-op in {town}. Reward! Call {phone}",
        "Please don't use {landline} anymore, the new number is {landline}.",
        "She said to ring {mobile} and ask for {first}.",
        "Childminder with spaces from September in {town}, Ofsted Good. Ring {phone}",
        "Reporting a missed bin collection? Ring {landline} or use the app.",
        "My son's taxi didn't turn up AGAIN. The firm's number is {landline} if anyone else has had this",
        "Club starts at {time} in the main hall; emergency contact on the night {mobile}",
        "Tel:{landline} Mob:{mobile}",
        "Call/text {mobile}/{landline}",
        "{first} (reception) {landline} x{ext}",
        "Minibus driver on the day: {mobile}. Please don't ring before {time}.",
        "📱{mobile}",
        "Our number's changed to {landline} – please update your contacts",
        "Parents of Year {n}: any issues with the trip, ring {first} on {mobile} or the office on {landline}.",
    ],
    "nhs": [
        "My daughter's NHS number is {nhs}, the hospital keeps saying they can't find her on the system{emoji}",
        "Can anyone help? The pharmacy wants the NHS no. for {first} – it's {nhs} – but says it doesn't match.",
        "Referral for {name}, NHS {nhs}, DOB {dob}. Please advise.",
        "{nhs} is his NHS number if that helps the school nurse",
        "nhs number {nhs}",
        "Patient: {name} ({nhs})",
        "I've put NHS No: {nhs} on the form, is that all CAMHS needs?",
        "Posting this for my mum – her NHS number {nhs} isn't showing on the app.",
        "Wrote it on the back of the appointment card: {nhs}.",
        "Can you check {nhs} against your records? It came up as not found.",
        "Patient number {nhs}, seen on ward 7 on {date}.",
        "NHS number: {nhs}\nName: {name}\nSchool: {school}",
        "The letter from the paediatrician has {first}'s NHS number ({nhs}) printed right on the front",
        "Please update the EHCP with her NHS number, {nhs}, so health can find her.",
        "for the wheelchair service they need nhs no {nhs} and a gp letter",
        "{name} – NHS {nhs} – medication review due {date}",
        "His number is {nhs} (NHS) and the GP is in {town}.",
        "Found this in the car park: a hospital wristband with {nhs} on it. Handed in at reception.",
        "NHS: {nhs}. Allergies: nuts.",
        "I keep getting told {nhs} is the wrong number, but it's on his red book!",
        "Physio referral – {name}, NHS no {nhs}, {street}, {postcode}",
        "The dentist asked for {nhs} – is that what they mean by NHS number?",
        "Quoting NHS number {nhs} and case {case_no} in all letters, as asked.",
        "Her NHS number {nhs} and hospital number {case_no} are on the discharge letter",
    ],
    "nino": [
        "I need to send my NI number ({nino}) to the new employer, is email safe?",
        "National Insurance number: {nino}",
        "Found a payslip in the staff room with {first}'s NINO {nino} on it – handed to reception.",
        "my ni number is {nino} can u check my pension",
        "Can anyone tell me why HMRC says {nino} isn't recognised?",
        "For the volunteer DBS form I put {nino} but it got rejected",
        "{name}, NI {nino}, started {date}.",
        "nino: {nino}",
        "NI No. {nino} – please update payroll.",
        "Here's my national insurance {nino}, what else do you need for the carer's allowance claim?",
        "Starter form: {name}, {nino}, bank {bank}",
        "The DWP letter has his NI number on it ({nino}) so I've blanked the rest",
        "Applying for PIP for {first}: NI {nino}, DOB {dob}.",
        "Is {nino} the right format for National Insurance? The portal keeps rejecting it",
        "NI: {nino}\nTax code: 1257L",
        "{nino} – my husband's NI no, needed for the childcare account",
        "please use NI number {nino} not the old one",
        "New starter {name} (NINO {nino}) needs adding to the rota from {date}.",
        "I lost my NI card years ago but the number is {nino}",
        "They asked for the national insurance no. so I sent {nino} – was that right?",
        "{first} {last} {nino}",
    ],
    "postcode": [
        "We've moved! New address: {street}, {town} {postcode}",
        "Free sofa, needs collecting from {postcode} this weekend",
        "The coffee morning is at the Community Hall, {town}, {postcode}. Parking at the rear.",
        "Satnav users: use {postcode}, not the old one.",
        "Anyone live near {postcode}? Looking for a childminder.",
        "Please send forms to SENDIASS, Priory House, Monks Walk, Chicksands, Shefford {postcode}.",
        "Lost dog spotted around {postcode} about an hour ago 🐶",
        "postcode is {postcode} if you're using google maps",
        "Delivery address: {name}, {street}, {postcode}",
        "Our new base is at {postcode} – come and see us!",
        "Drop-off point for the food bank: {school}, {town}, {postcode}, weekdays {time}–{time}",
        "my postcode is {postcode} does anyone know which school catchment that is",
        "Taxi to pick up from {postcode} at {time} please.",
        "The party is at ours, {street}, {postcode} – bring a bottle!",
        "Is anyone else at {postcode} without power?",
        "Return address: {name}, {street}, {town}, {postcode}.",
        "Sold! Collection from {postcode} only, sorry no delivery.",
        "The venue postcode is {postcode} (don't follow signs for the old entrance).",
        "Post your completed forms to: Family Information Service, {street}, {town} {postcode}",
        "Can someone tell me the bin day for {postcode}?",
        "{first} lives at {postcode}, she said to drop the costume off there",
        "Meeting point {postcode}, by the big oak, {time} sharp",
        "Yes we cover {outward} – our office is at {postcode}.",
        "We live at {street}, {postcode}",
        "ship to {postcode} pls",
        "{street}\n{town}\n{postcode}",
    ],
    "card": [
        "My card {card} was charged twice for the trip, who do I contact?",
        "Pay for the trip by card: {card} exp {exp} – oh wait, should I not post this?",
        "Found a bank card on {town} high street, long number {card}. Rang the bank.",
        "Card no: {card}",
        "Visa {card} exp {exp} cvv {cvv}",
        "Donating {price}, card {card}, please process",
        "Please refund to {card}.",
        "{first} left her card at the party – {card} – message me and I'll drop it round",
        "I paid with {card} and never got a receipt{emoji}",
        "Card number {card}, expiry {exp}, name on card {name}",
        "The school shop charged {card} instead of my other card, can they reverse it?",
        "debit card {card} exp {exp}",
        "Someone used my card ({card}) on a site I've never heard of!! Be careful everyone",
        "{card} – that's the card I used for order {order}",
        "Use the company credit card {card} for the minibus fuel, pin from {first}.",
        "Mastercard: {card}\nExpiry: {exp}\nCVC: {cvv}",
        "for the deposit my card is {card}, exp {exp}, security code {cvv}",
        "Please charge {price} to card ending... actually the full number is {card}",
        "My Amex {card} got declined at the uniform shop, anyone else?",
        "The refund went to {card}, which I cancelled last month. Ticket {ticket}.",
    ],
    "bank": [
        "For donations: {bank}, reference FUNDRAISER.",
        "Please pay the trip money to {bank} with your child's name as reference.",
        "My bank details for the refund: {bank}",
        "Transfer {price} to {bank} by Friday",
        "Payee: {name}, {bank}",
        "{first}, your expenses will go to {bank} – let me know if that's wrong.",
        "PTA account: {bank}. Please reference with your surname.",
        "Raffle money to {bank} please, or cash to the office",
        "Can someone check this is right before I post it: {bank}",
        "We've changed banks! New details: {bank}",
        "Paid {price} into {bank} on {date}, reference {invoice}",
        "For the minibus fund: {bank} (name: {school} PTA)",
        "my bank is {bank_name}, {bank}",
        "Deposit of {price} to secure the booking: {bank}",
        "Refund please to {bank}, invoice {invoice}",
        "{name}\n{bank}",
        "Here are my details for the wage: {bank}. Thanks!",
        "Direct debit from {bank} failed again, can you retry?",
        "Gift Aid donations: {bank}, ref GIFTAID",
        "Bank: {bank_name}\n{bank}",
    ],
    "mixed": [
        "{name}\n{street}\n{town} {postcode}\nTel {phone}\nNI {nino}",
        "Referral: {name}, DOB {dob}, NHS {nhs}, {street}, {postcode}. Mum's mobile {mobile}.",
        "New starter pack for {name}: NI number {nino}, {bank}, emergency contact {phone}",
        "Please post the form to {street}, {town} {postcode} or call {landline}",
        "Lost purse: {bank_name} card {card}, library card, photos. Found near {postcode}? {mobile}",
        "Contact: {email} / {mobile}. Office: {street}, {postcode}.",
        "{first} {last} – {mobile} – {postcode}",
        "Patient {name}, NHS no. {nhs}, lives at {postcode}, GP {landline}",
        "Payroll change for {name} (NINO {nino}): new account {bank}",
        "Refund {price} to {card} or {bank}, whichever is easier. Call {phone} with questions.",
        "Emergency contact card: {name}, {mobile}, {street}, {postcode}, NHS {nhs}",
        "Order {order} to {postcode} – the courier rang {mobile} but nobody answered",
        "Tickets {price} on the door; ring {landline} or email {email}. Venue: {school}, {postcode}.",
    ],
    "neg": [
        "Order {order} still hasn't arrived – tracking says {tracking}. Not impressed.",
        "Our charity number is {charity_no} and company number {company_no}.",
        "Huge thanks to everyone who came, we raised {price}!",
        "Year 6 SATs week starts {date}. Doors open at {time}.",
        "Great match on Saturday, we won {score}{emoji}",
        "The annual review for case {case_no} has moved to {date} at {time}.",
        "ISBN {isbn} – the book we used in the autism awareness session",
        "Update the app to version {version} if it keeps crashing",
        "Meeting in {room} at {time}, bring your laptops.",
        "The new hub is at {room}, {town} Business Park.",
        "We're recruiting volunteers in the {outward} and {outward} areas",
        "A1 closed northbound near Sandy tonight, use the B658 instead",
        "Stock up on A4 paper before term starts, the shop has it at {price}.",
        "Our {pc_like} work is growing fast – thanks to all our partners",
        "Invoice {invoice} for {price} was paid on {date}.",
        "Booking reference: {ref10}",
        "The NHS number I was given, {nhs_bad}, isn't valid according to the GP — the last digit's wrong.",
        "Card numbers are 16 digits long, like {card_bad} on the sample form.",
        "Your EHCP reference is {ehcp_ref}; quote it in all letters.",
        "Ofsted URN {urn}, DfE number {dfe}.",
        "It was {score} at half time and {score} at the end!",
        "Central Bedfordshire has about {big_number} residents.",
        "Doors {time}, tickets {price}, over-18s only.",
        "The M1 is shut between junctions 11 and 12 all weekend",
        "Ring the office if you need anything, we're in until {time}.",
        "Shoe sizes 12, 13 and 1 still in lost property",
        "Our new phone system goes live on {date}, so calls may drop that morning.",
        "Please bring your {pc_like} and P60 to HR by {date}.",
        "The V5C logbook and MOT are in the glovebox",
        "COVID-19 guidance was updated on {date}.",
        "Ticket number {ticket}, still no reply after 3 weeks",
        "We scored {score} in the end, what a comeback",
        "Between {year} and {year} we supported 3,412 families",
        "Meter reading {pin} on {date}",
        "Your one-time code is {pin}, it expires in 10 minutes",
        "Invoice {ref8} dated {date_dash}, due in 30 days",
        "My NHS number is {nhs_bad} – or is it? The app says that's not a valid number.",
        "The example on the form is {nino_bad}, don't copy that one!",
        "HMRC reference {nino_bad} on the letter, is that a scam?",
        "Company registered in England and Wales no. {company_no}. VAT GB {pin}.",
        "Room {n} is the quiet room; Room {n} is for parents.",
        "Unit {n}, Woodside Industrial Estate is closing at {time} today",
        "Our Year {n} class made {big_number} paper cranes!",
        "Parcel {tracking} was delivered to a neighbour apparently",
        "Amazon order {order}, refund of {price} due by {date}",
        "Case {case_no}: tribunal hearing {date}, {time}, {room}.",
        "Please read chapter 4 (ISBN {isbn}) before {date}.",
        "Windows {version} broke the printer again",
        "Apple released iOS {version} today, update your iPads",
        "Exam board code {pin}, candidate number {pin}, centre number {urn}",
        "Tracking {tracking}",
        "Session runs {time}–{time} on {date}, {price} per child.",
        "Jumble sale {date}! Everything {price} or less",
        "Dr Who series {n} is back on {date}",
        "We've had {big_number} visitors to the website since {year}",
        "Our {pc_like} partners are listed on the website",
        "The N95 masks are in the cupboard",
        "Is KS2 or KS3 harder to support for SEN?",
        "He's in Y6 now and starting at {school} in September",
        "Anyone got a PS5 controller they don't need?",
        "Bus number {n} is diverted via {town} until {date}",
        "The playground project cost {price} in the end",
        "Court case ref {case_no} is listed for {date}",
        "Train at {time} from platform {n}, seats in coach {pin}",
        "Scores on the doors: Reds {score}, Blues {score}",
        "Claim reference {ref10}, please quote it when you phone.",
        "Order number {ref10} was cancelled",
        "Our membership number is {ref10}",
        "Serial number {phone_like} on the back of the router",
        "Company no. {phone_like}",
        "Reference {phone_like}; amount {price}",
        "The bid number is {phone_like}, closing {date}",
        "Invoice {card_bad} looks wrong, the total should be {price}",
        "Gift voucher code: {card_bad}",
        "Fixed asset tag {card_bad}",
        "Case ref {nhs_bad}",
        "Reference number: {nhs_bad} – please quote it",
        "The NHS number on the printout, {nhs_bad}, doesn't pass the check, so I've asked the GP again",
        "NHS number {nhs_bad} was rejected as invalid by the system",
        "That's not a valid National Insurance number: {nino_bad}",
        "Temporary reference {nino_bad} isn't a real NI number",
        "Quote {nino_bad} on the claim form",
        "Our office is in the {outward} area, near the station",
        "Covering {outward}, {outward} and {outward}",
        "Families in {outward} can use the {town} centre",
        "The {pc_like} road is shut",
        "We're at {room} today",
        "The match finished {score}, with two goals in the last {n} minutes",
        "Dates for your diary: {date}, {date} and {date}",
        "Timetable: {time}, {time}, {time}",
        "Prices from {price} to {price}",
        "Ages {n}-{n}, {price} per session, book by {date}",
        "The {year} accounts show income of {price}",
        "Budget {year}: {price}",
        "She was born in {year} and started school in {year}",
        "Version {version} of the policy replaces version {version}",
        "The minutes of {date_dash} are attached; payments ref {ref8}",
        "Bacs run {date_dash}, batch {ref8}",
        "{score}!! What a game{emoji}",
        "The {pc_like} is closed tonight",
        "Anyone know why the council's website says error {pin}?",
        "Our charity is number {charity_no} in the register",
        "Please read the privacy notice before sharing anything about the children you support.",
        "Thank you to all the volunteers who made Saturday such a success{emoji}",
        "Reminder that the office is closed on bank holidays.",
        "Lovely to see so many families at the drop-in this morning",
        "Does anyone know a good speech and language therapist round here?",
        "The parent carer forum meets on the first Tuesday of the month",
        "I'm so fed up with waiting for the EHCP, it's been months",
        "New blog post: how to prepare for an annual review",
        "Well done to our Year {n} swimmers!",
        "Can anyone recommend a dentist who is good with autistic children?",
        "We'll be at the fun day with leaflets and free squash{emoji}",
        "Training for staff on data protection is next week",
        "Please don't post children's names or photos in the comments",
        "If you need to contact us, use the form on our website",
        "Our number has changed, see the website for the new one",
        "Call us during office hours if you need advice",
        "Text the word HELP to the number on your letter",
        "Zoom meeting ID: {zoom}, passcode {pin}",
        "Student ID {ref8} – bring it to the exam",
        "Library card {library}, due back {date}",
        "Call 999 in an emergency or 111 for health advice",
        "Childline is free on 0800 1111, any time",
        "Order {ref10} dispatched {date}, tracking {tracking}",
    ],
}

# How often each template family is drawn.
FAMILY_WEIGHTS = [("phone", 17), ("nhs", 12), ("nino", 10), ("postcode", 11), ("card", 10),
                  ("bank", 9), ("mixed", 6), ("neg", 25)]

# In these families the same sentences also come with a number that is not valid (a wrong
# NHS check digit, a Luhn-invalid card, a NINO with an impossible prefix or suffix): the
# hardest negatives are the ones written exactly like the positives.
SWAPS = {"nhs": ("nhs", "nhs_bad", 0.3), "card": ("card", "card_bad", 0.2),
         "nino": ("nino", "nino_bad", 0.2)}

PII_TYPES = {"UK_PHONE", "UK_NHS", "UK_NINO", "UK_POSTCODE", "CREDIT_CARD", "UK_SORT_CODE",
             "UK_BANK_ACCOUNT", "EMAIL_ADDRESS", "DATE_OF_BIRTH", "STREET_ADDRESS"}

SLOT_RE = re.compile(r"\{(\w+)\}")


def render(template, swap=None):
    text, spans, pos = "", [], 0
    for m in SLOT_RE.finditer(template):
        text += template[pos:m.start()]
        pos = m.end()
        slot = m.group(1)
        if swap and slot == swap[0]:
            slot = swap[1]
        for piece, kind in SLOTS[slot]():
            if kind is not None:
                spans.append({"type": kind, "start": len(text), "end": len(text) + len(piece)})
            text += piece
    text += template[pos:]
    return text, spans


def styled(text, spans):
    """Some posts are typed all in lower case, some end with hashtags."""
    if R.random() < 0.07:
        low = text.lower()
        if len(low) == len(text):
            text = low
    if R.random() < 0.06:
        text += " " + " ".join(R.sample(["#SEND", "#EHCP", "#CentralBeds", "#parents",
                                          "#community", "#fundraising"], R.randint(1, 2)))
    return text, spans


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--rows", type=int, default=1500)
    args = ap.parse_args()
    R.seed(args.seed)
    families = [f for f, _ in FAMILY_WEIGHTS]
    weights = [w for _, w in FAMILY_WEIGHTS]
    for i in range(args.rows):
        family = R.choices(families, weights)[0]
        template = pick(TEMPLATES[family])
        swap = SWAPS.get(family)
        swap = swap if swap and R.random() < swap[2] else None
        text, spans = styled(*render(template, swap))
        label = int(any(s["type"] in PII_TYPES for s in spans))
        row = {"id": f"ukpii-{i:04d}", "text": text, "label": label, "spans": spans}
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
