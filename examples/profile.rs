//! Runs the whole rule set over one benchmark text many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile 63206 20`).
//! Arguments: the text length in UTF-16 units (default 63,206) and the number of checks
//! (default 50); with 0 checks it prints the text instead (for other harnesses). Instead of a
//! length, a JSON-lines file of `{"text": …}` rows checks each row (once per run).

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

use second_thought::{Checker, Context, LocalTime};

fn main() {
    let mut args = std::env::args().skip(1);
    let first = args.next().unwrap_or_else(|| "63206".into());
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    // A number is a benchmark text's length; anything else is a JSON-lines file of {"text": …}.
    let (texts, units) = match first.parse::<usize>() {
        Ok(units) => (vec![bench::text_of(units)], units),
        Err(_) => {
            let data = std::fs::read_to_string(&first).expect("the JSON-lines file");
            let texts: Vec<String> = data
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_owned))
                .collect();
            let units = texts.iter().map(|t| t.encode_utf16().count()).sum();
            (texts, units)
        }
    };
    if runs == 0 {
        print!("{}", texts.join("\n"));
        return;
    }
    let checker = Checker::default();
    let ctx = Context {
        at: LocalTime::parse("2026-11-24T10:30").ok(),
        ..Context::default()
    };
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..runs {
        for text in &texts {
            n += checker.check(text, &ctx).map(|f| f.len()).unwrap_or(0);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let checks = runs * texts.len();
    println!(
        "{units} units, {bytes} bytes, {checks} checks, {n} findings: {:.1} µs/check, {:.1} MB/s",
        secs * 1e6 / checks as f64,
        (bytes * runs) as f64 / secs / 1e6
    );
}
