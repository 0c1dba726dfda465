//! The native half of `./build.sh bench`: Second Thought's whole rule set, rustrict (the crate a
//! Rust user would pick instead) and a bare pass of one Aho-Corasick automaton over the same word
//! lists plus a `RegexSet` of the same kind of patterns (the floor no real checker beats), side
//! by side in one run on the same texts.
//!
//! Inputs: a 280-, a 3,000- and a 63,206-character post (UTF-16 units, as the sites count; built
//! by `text_of` in check.rs) and the 5,000-tweet sample of ../shared/eval/offensive_davidson.jsonl
//! (Python's `random.Random(1).sample(range(24783), 5000)`, stored in
//! benches/data/davidson-sample-seed1.txt). It writes them to target/bench-inputs/ first, so that
//! the Node half (benches/node/) measures the wasm build and the npm peers on the same bytes.
//!
//! Output: target/bench/native.json (mean and p99 per check, MB/s, texts/s, and precision, recall,
//! F1 and false-positive rate on the Davidson sample); benches/node/bench.mjs prints it, with the
//! rest, as one table. On its own: `cargo bench --bench compare` (progress on stderr).
//! `BENCH_BUDGET_MS` sets the time spent on each input and tool (default 1500).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::RegexSet;
use second_thought::{Checker, Context};
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "check.rs"]
#[allow(dead_code)]
mod check_bench;

/// The rules a post counts as "offensive" by, as in the README's evaluation of this data.
const OFFENSIVE_RULES: [&str; 4] = [
    "obscene-language",
    "discriminatory-language",
    "harassment",
    "threat",
];

/// The check context of every input: a personal account, on a Tuesday morning (so that the
/// time rule has something to do), on the site the input is typical of.
fn context_json(site: &str) -> String {
    format!(r#"{{"mode":"personal","authorised":false,"site":"{site}","at":"2026-11-24T10:30"}}"#)
}

struct Input {
    id: &'static str,
    label: String,
    site: &'static str,
    texts: Vec<String>,
    labels: Vec<u8>,
    ids: Vec<String>,
}

/// The rows of the Davidson sample, in file order.
fn davidson_sample(root: &std::path::Path) -> Result<Input, String> {
    let path = root.join("../shared/eval/offensive_davidson.jsonl");
    let data = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let wanted: std::collections::HashSet<usize> = include_str!("data/davidson-sample-seed1.txt")
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let (mut texts, mut labels, mut ids) = (vec![], vec![], vec![]);
    for (i, line) in data.lines().enumerate() {
        if !wanted.contains(&i) {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        texts.push(v["text"].as_str().ok_or("a row without text")?.to_string());
        labels.push(v["label"].as_u64().ok_or("a row without label")? as u8);
        ids.push(v["id"].as_str().unwrap_or_default().to_string());
    }
    if texts.len() != 5000 {
        return Err(format!(
            "{}: {} sample rows, not 5,000",
            path.display(),
            texts.len()
        ));
    }
    Ok(Input {
        id: "davidson",
        label: "Davidson sample (5,000 tweets)".into(),
        site: "x",
        texts,
        labels,
        ids,
    })
}

/// Per-check timings of each tool over `texts`, one pass of each tool in turn (after one
/// warm-up pass each), at least `min_passes` turns and until the first tool has had about
/// `budget` of checks; a tool that has had `budget` itself sits out the remaining turns.
/// Second Thought and the floor run this way, so that the ratio between them does not depend
/// on when each was timed. Taking turns, the tools see the same machine: on a shared machine
/// whose speed drifts, timing one tool after another made their ratio drift with it.
struct Timing {
    calls: usize,
    total: f64,
    per_call: Vec<f64>,
}

fn time_in_turns(
    texts: &[String],
    budget: Duration,
    min_passes: u32,
    tools: &mut [&mut dyn FnMut(&str) -> usize],
) -> Vec<Timing> {
    let mut sink = 0usize;
    for f in tools.iter_mut() {
        for t in texts {
            sink += f(t);
        }
    }
    let mut timings: Vec<Timing> = tools
        .iter()
        .map(|_| Timing {
            calls: 0,
            total: 0.0,
            per_call: Vec::new(),
        })
        .collect();
    let mut passes = 0u32;
    loop {
        // Until the first tool (Second Thought) has had its budget: the faster tools (the
        // floor) take every turn with it; a slower one sits out once it has had its own.
        let done = passes >= min_passes && timings[0].total >= budget.as_secs_f64();
        if done {
            break;
        }
        for (f, timing) in tools.iter_mut().zip(&mut timings) {
            // A tool that has had its budget sits out the rest of the turns.
            if passes >= min_passes && timing.total >= budget.as_secs_f64() {
                continue;
            }
            for t in texts {
                let t0 = Instant::now();
                sink += f(black_box(t));
                let s = t0.elapsed().as_secs_f64();
                timing.per_call.push(s);
                timing.total += s;
                timing.calls += 1;
            }
        }
        passes += 1;
    }
    black_box(sink);
    timings
}

fn summary(t: &mut Timing, texts: &[String]) -> Value {
    t.per_call.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = t.per_call.len();
    let pct = |p: f64| t.per_call[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
    let bytes: usize = texts.iter().map(String::len).sum();
    let passes = t.calls as f64 / texts.len() as f64;
    json!({
        "calls": t.calls,
        "mean_s": t.total / t.calls as f64,
        "median_s": pct(0.5),
        "p99_s": pct(0.99),
        "max_s": t.per_call[n - 1],
        "mb_s": bytes as f64 * passes / t.total / 1e6,
        "texts_s": t.calls as f64 / t.total,
    })
}

/// The 1-minute load average (Linux), to read the figures by: others' work slows them down.
fn loadavg() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[derive(Default)]
struct Confusion {
    tp: u64,
    fp: u64,
    tn: u64,
    fn_: u64,
}

impl Confusion {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, false) => self.tn += 1,
            (false, true) => self.fn_ += 1,
        }
    }
    fn json(&self) -> Value {
        json!({"tp": self.tp, "fp": self.fp, "tn": self.tn, "fn": self.fn_})
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"));
    let budget = Duration::from_millis(
        std::env::var("BENCH_BUDGET_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1500),
    );

    let mut inputs: Vec<Input> = [
        ("tweet-280", "tweet, 280 chars", "x", 280usize),
        (
            "linkedin-3000",
            "LinkedIn post, 3,000 chars",
            "linkedin",
            3_000,
        ),
        (
            "facebook-63206",
            "Facebook post, 63,206 chars",
            "facebook",
            63_206,
        ),
    ]
    .into_iter()
    .map(|(id, label, site, units)| {
        let text = check_bench::text_of(units);
        assert_eq!(text.encode_utf16().count(), units);
        Input {
            id,
            label: label.into(),
            site,
            texts: vec![text],
            labels: vec![],
            ids: vec![],
        }
    })
    .collect();
    match davidson_sample(&root) {
        Ok(sample) => inputs.push(sample),
        Err(e) => eprintln!("bench: the Davidson sample is skipped ({e})"),
    }

    // The inputs, for the Node half: the posts as UTF-8 files, the sample as JSON lines.
    let dir = target.join("bench-inputs");
    std::fs::create_dir_all(&dir).expect("target/bench-inputs");
    let mut manifest = vec![];
    for input in &inputs {
        let file = if input.labels.is_empty() {
            let f = format!("{}.txt", input.id);
            std::fs::write(dir.join(&f), &input.texts[0]).expect("write an input");
            f
        } else {
            let f = format!("{}.jsonl", input.id);
            let mut out = String::new();
            for ((text, label), id) in input.texts.iter().zip(&input.labels).zip(&input.ids) {
                out.push_str(&json!({"id": id, "text": text, "label": label}).to_string());
                out.push('\n');
            }
            std::fs::write(dir.join(&f), out).expect("write the sample");
            f
        };
        manifest.push(json!({
            "id": input.id,
            "label": input.label,
            "file": file,
            "site": input.site,
            "context": serde_json::from_str::<Value>(&context_json(input.site)).unwrap(),
            "texts": input.texts.len(),
            "utf8_bytes": input.texts.iter().map(String::len).sum::<usize>(),
            "utf16_units": input.texts.iter().map(|t| t.encode_utf16().count()).sum::<usize>(),
            "labelled": !input.labels.is_empty(),
        }));
    }
    std::fs::write(
        dir.join("inputs.json"),
        serde_json::to_string_pretty(&manifest).unwrap() + "\n",
    )
    .expect("write inputs.json");
    eprintln!("bench: inputs written to {}", dir.display());

    let load_at_start = loadavg();
    let started = Instant::now();
    let checker = Checker::default();
    let build_s = started.elapsed().as_secs_f64();

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

    let mut results = json!({});
    for input in &inputs {
        let ctx = Context::from_json(&context_json(input.site)).expect("the bench context");
        let mut ours = |t: &str| checker.check(t, &ctx).map_or(0, |f| f.len());
        let (mut floor_f, mut censor_f) = (floor, censor);
        let mut row = json!({});
        // Second Thought and the floor take turns (their ratio is a goal); rustrict, whose
        // passes are long and would push the others' data out of the caches, runs after.
        let mut timings = time_in_turns(&input.texts, budget, 3, &mut [&mut ours, &mut floor_f]);
        timings.extend(time_in_turns(&input.texts, budget, 3, &mut [&mut censor_f]));
        for (tool, mut timing) in ["second-thought", "floor", "rustrict"]
            .into_iter()
            .zip(timings)
        {
            row[tool] = summary(&mut timing, &input.texts);
        }
        eprintln!(
            "bench: native, {}: Second Thought {:.1} µs per check",
            input.label,
            row["second-thought"]["mean_s"].as_f64().unwrap() * 1e6
        );
        results[input.id] = row;
    }

    // Quality on the labelled sample: "flag if any hit" (Second Thought: any of the offensive
    // rules), as ../shared/eval/README.md measured the peers.
    let mut quality = json!({});
    if let Some(sample) = inputs.iter().find(|i| !i.labels.is_empty()) {
        let ctx = Context::from_json(&context_json(sample.site)).unwrap();
        let (mut ours, mut ours_held, mut theirs) = (
            Confusion::default(),
            Confusion::default(),
            Confusion::default(),
        );
        let mut flagged_ids = vec![];
        for ((text, &label), id) in sample.texts.iter().zip(&sample.labels).zip(&sample.ids) {
            let hit = checker
                .check(text, &ctx)
                .expect("check")
                .iter()
                .any(|f| OFFENSIVE_RULES.contains(&&*f.rule));
            ours.add(hit, label == 1);
            if second_thought::classifier::is_held_out(id) {
                ours_held.add(hit, label == 1);
            }
            if hit {
                flagged_ids.push(id.clone());
            }
            theirs.add(
                rustrict::CensorStr::is_inappropriate(text.as_str()),
                label == 1,
            );
        }
        quality = json!({
            "rules": OFFENSIVE_RULES,
            "second-thought": ours.json(),
            "second-thought-held-out": ours_held.json(),
            "rustrict": theirs.json(),
            "second-thought-flagged": flagged_ids,
        });
    }

    let out = json!({
        "loadavg": [load_at_start, loadavg()],
        "cpus": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "build_checker_s": build_s,
        "inputs": manifest,
        "timings": results,
        "quality": quality,
    });
    let dir = target.join("bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    std::fs::write(
        dir.join("native.json"),
        serde_json::to_string(&out).unwrap() + "\n",
    )
    .expect("write native.json");
    eprintln!(
        "bench: native figures in {}",
        dir.join("native.json").display()
    );
}
