//! Side by side, in one run, on the same texts: Second Thought's whole rule set, rustrict (the
//! crate a Rust user would pick instead), and a bare pass of one Aho-Corasick automaton over the
//! same word lists plus a `RegexSet` of the same kind of patterns (the floor no real checker
//! beats). Prints one table: time per check, MB/s, and each tool as a ratio to Second Thought.
//!
//! Inputs: a 280-, a 3,000- and a 63,206-character post (UTF-16 units, as the sites count), and
//! the 5,000-tweet sample of ../shared/eval/offensive_davidson.jsonl used by the eval README
//! (Python's `random.Random(1).sample(range(24783), 5000)`), when that file is there.
//!
//! `cargo bench --bench compare` (or `./build.sh bench`).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::RegexSet;
use second_thought::{Checker, Context};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "check.rs"]
#[allow(dead_code)]
mod check_bench;

/// The rows of the Davidson sample, in file order (indices computed by Python's
/// `random.Random(1).sample(range(24783), 5000)`, stored in benches/data/davidson-sample-seed1.txt).
fn davidson_sample() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/offensive_davidson.jsonl"
    );
    let data = std::fs::read_to_string(path).ok()?;
    let wanted: std::collections::HashSet<usize> = include_str!("data/davidson-sample-seed1.txt")
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let rows: Vec<String> = data
        .lines()
        .enumerate()
        .filter(|(i, _)| wanted.contains(i))
        .filter_map(|(_, l)| {
            serde_json::from_str::<serde_json::Value>(l)
                .ok()?
                .get("text")?
                .as_str()
                .map(String::from)
        })
        .collect();
    (rows.len() == 5000).then_some(rows)
}

/// Runs `f` over all `texts` repeatedly for about `budget`, returns seconds per pass.
fn time(texts: &[String], budget: Duration, mut f: impl FnMut(&str) -> usize) -> f64 {
    let mut sink = 0usize;
    for t in texts {
        sink += f(t); // warm-up
    }
    let started = Instant::now();
    let mut passes = 0u32;
    while started.elapsed() < budget || passes < 3 {
        for t in texts {
            sink += f(black_box(t));
        }
        passes += 1;
    }
    black_box(sink);
    started.elapsed().as_secs_f64() / f64::from(passes)
}

fn main() {
    let checker = Checker::default();
    let ctx = Context::default();
    // The floor: the same word lists in one automaton over the lower-cased text, and a RegexSet
    // of patterns like the rules' (emails, phones, postcodes, NINOs, links, case references, money).
    let terms = checker.lexicon_terms();
    let floor_ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(&terms)
        .expect("the floor automaton builds");
    // ASCII classes and boundaries, so that the lazy DFA never falls back to a slower engine.
    let floor_set = RegexSet::new([
        r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        r"(?:\+44 ?|0)7[0-9]{3} ?[0-9]{6}",
        r"(?-u:\b)[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?-u:\b)",
        r"(?-u:\b)[A-CEGHJ-PR-TW-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?-u:\b)",
        r"(?-u:\b)[0-9]{3} ?[0-9]{3} ?[0-9]{4}(?-u:\b)",
        r"(?-u:\b)(?:[0-9][ -]?){13,19}(?-u:\b)",
        r"(?i-u:https?://|www\.)[^ \t\n]+",
        r"(?i-u:(?-u:\b)(?:case|tribunal|appeal) +(?:ref|no|number))",
        r"[£$€] ?[0-9][0-9,.]*",
    ])
    .expect("the floor patterns build");
    let floor = |t: &str| {
        let lower = t.to_lowercase();
        floor_ac.find_overlapping_iter(&lower).count() + floor_set.matches(t).iter().count()
    };
    let censor = |t: &str| usize::from(rustrict::CensorStr::is_inappropriate(t));

    let mut inputs: Vec<(String, Vec<String>)> = [280usize, 3_000, 63_206]
        .iter()
        .map(|&n| (format!("post {n} chars"), vec![check_bench::text_of(n)]))
        .collect();
    match davidson_sample() {
        Some(rows) => inputs.push(("Davidson 5,000 tweets".to_string(), rows)),
        None => eprintln!(
            "(../shared/eval/offensive_davidson.jsonl not found: the tweet sample is skipped)"
        ),
    }

    println!();
    println!("| input | tool | time per text | MB/s | time ÷ Second Thought's |");
    println!("|---|---|---|---|---|");
    for (name, texts) in &inputs {
        let bytes: usize = texts.iter().map(String::len).sum();
        let budget = Duration::from_millis(1500);
        let ours = time(texts, budget, |t| {
            checker.check(t, &ctx).map_or(0, |f| f.len())
        });
        let rows = [
            ("Second Thought (all rules)", ours),
            (
                "bare Aho-Corasick + RegexSet (floor)",
                time(texts, budget, floor),
            ),
            ("rustrict 0.7.39", time(texts, budget, censor)),
        ];
        for (tool, secs) in rows {
            let per_text = secs / texts.len() as f64;
            println!(
                "| {name} | {tool} | {} | {:.1} | {:.2}× |",
                human(per_text),
                bytes as f64 / secs / 1e6,
                secs / ours
            );
        }
    }
}

fn human(secs: f64) -> String {
    if secs < 1e-3 {
        format!("{:.1} µs", secs * 1e6)
    } else {
        format!("{:.2} ms", secs * 1e3)
    }
}
