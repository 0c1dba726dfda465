#!/usr/bin/env python3
"""Candidates for lexicons/innocent-words.txt: everyday words with a listed word inside them.

    pip install wordfreq==3.1.1
    cargo build --release
    python3 tools/innocent-words.py > /tmp/candidates.txt

The classifier reads character n-grams, so the letters of a listed word inside an ordinary word
("cock" in "cocktail" and "peacock", "ass" in "bass" and "brass") can make an everyday post read
as abusive. The word lists themselves match whole words and do not have this problem.

The candidates: the 80,000 commonest English words of wordfreq (Speer et al.; letters only, at
least four) that hold a whole-word entry of the obscene- or discriminatory-language lists or of
harassment's insults inside them ("sympathetic" holds "pathetic", "dynasty" "nasty", "familiar"
"liar"), are not matched by any entry of those lists themselves, and that make the shipped
classifier flag at least one of a few everyday sentences that it does not flag with "table" in
the word's place.

The list is then kept by hand (ADDED: a few rarer words found by trying everyday posts): a candidate whose meaning is abusive, violent, profane or
otherwise negative ("assault", "despicable", "dogshit", "cocky", "nightmare") is no innocent
word, and the identity words ("homosexual") are the identity check's to judge (EXCLUDED below).
Run it with the innocent-word list emptied (its words would no longer be flagged in the
sentences, so they would drop out), against the model in force.
"""

import json
import subprocess
import sys

from wordfreq import top_n_list

LEXICONS = "lexicons"
SENTENCES = [
    "She hosted a {} party for the whole team",
    "He is in the {} section with them",
    "We saw a {} at the park with the kids",
    "My son loves the {}",
    "She is a {} player in a band",
    "The {} hit me in the face",
    "{} with the girls tonight",
    "Those {} are amazing",
]
# Candidates that are no innocent words: abusive, violent, profane or negative in meaning, a
# slur's spelling, or an identity word.
EXCLUDED = set("""
assailants assailed assassin assassinate assassinated assassinating assassination assassins
assault assaulted assaulting badass deadass kickass asshat assed dogshit shitbag shithouse
shitless shittiest pissed pissy despicable distrustful embarrass embarrassed embarrasses
embarrassing embarrassingly embarrassments embassing embarassing harass harasses harassment
harrassment homophobe homophobes homophobia homophobic homosexual homosexuality homosexuals
niger nigra retardation cockroach cockroaches cocky crass dastardly scummy warmongering
scaremongering monger mongering mongers nightmare nightmares nightmarish lustful
inauspicious massacring dicked dicking morass
apathetic awfulness bigoted bigotry buffoons cowardice cowardly creeped creeper creepier creepily
creeping creeps disgraced disgraceful disgustingly dumbed dumber dumbest dumbing dumbo fatal
fatally fatboy fathead fatness fats fatties fatty fatuous fatwa fooled foolhardy foolin fooling
foolish foolishly foolishness fugly ignorantly jerked lunatics pathetically perverse perversely
perversion perversions perversity perverted perverting pervs pervy poser posers posturing
preposterous psychopath psychopathic psychopaths psychopathy selfishness servile smugly stupider
stupidest stupidity stupidly traitorous uselessly uselessness weirdos unsympathetic
""".split())

# Everyday words rarer than the frequency list reaches, found by trying everyday posts.
ADDED = {"shuttlecock", "shuttlecocks", "peacocks"}


def entries(name, sections):
    out, section = [], None
    with open(f"{LEXICONS}/{name}.txt", encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            if line.startswith("["):
                section = line.strip("[]")
            elif section in sections and " " not in line:
                out.append(line)
    return out


def matches(entry, word):
    stem = entry.strip("*")
    if entry.startswith("*") and entry.endswith("*"):
        return stem in word
    if entry.endswith("*"):
        return word.startswith(stem)
    if entry.startswith("*"):
        return word.endswith(stem)
    return word == stem


def flagged(texts):
    """The ids of the texts the classifier flags (harassment's or angry-tone's reading)."""
    rows = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts)
    out = subprocess.run(
        ["target/release/second-thought", "check", "--jsonl", "--format", "json"],
        input=rows, capture_output=True, text=True, check=False,
    ).stdout
    hits = set()
    for line in out.splitlines():
        row = json.loads(line)
        if any(f.get("kind") in ("classifier", "hostile") for f in row["findings"]):
            hits.add(row["id"])
    return hits


def main():
    listed = (entries("obscene", {"profanity", "sexual"})
              + entries("discriminatory", {"race", "religion", "sexuality", "gender", "disability"}))
    insults = entries("harassment", {"insult"})
    stems = [e for e in listed + insults if "*" not in e and len(e) >= 3]
    words = [w for w in top_n_list("en", 80000) if w.isascii() and w.isalpha() and len(w) >= 4]
    candidates = [
        w for w in words
        if any(s in w and s != w for s in stems) and not any(matches(e, w) for e in listed + insults)
    ]
    texts = [(f"{w}|{i}", s.format(w)) for w in candidates + ["table"] for i, s in enumerate(SENTENCES)]
    hits = flagged(texts)
    base = {i for i in range(len(SENTENCES)) if f"table|{i}" in hits}
    kept = sorted(ADDED | {
        w for w in candidates
        if w not in EXCLUDED and any(f"{w}|{i}" in hits for i in range(len(SENTENCES)) if i not in base)
    })
    sys.stdout.write("\n".join(kept) + "\n")


if __name__ == "__main__":
    main()
