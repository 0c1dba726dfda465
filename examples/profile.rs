//! Runs the whole rule set over one benchmark text many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile 63206 20`).
//! Arguments: the text length in UTF-16 units (default 63,206) and the number of checks
//! (default 50); with 0 checks it prints the text instead (for other harnesses).

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

use second_thought::{Checker, Context, LocalTime};

fn main() {
    let mut args = std::env::args().skip(1);
    let units = args.next().and_then(|a| a.parse().ok()).unwrap_or(63_206);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let text = bench::text_of(units);
    if runs == 0 {
        print!("{text}");
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
        n += checker.check(&text, &ctx).map(|f| f.len()).unwrap_or(0);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{units} units, {} bytes, {runs} checks, {n} findings: {:.1} µs/check, {:.1} MB/s",
        text.len(),
        secs * 1e6 / runs as f64,
        (text.len() * runs) as f64 / secs / 1e6
    );
}
