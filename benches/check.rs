//! Criterion benchmarks: the whole rule set on a 280-character tweet, a 3,000-character
//! LinkedIn post and a 63,206-character Facebook post (characters as the sites count them:
//! UTF-16 code units), plus building a checker from the default pack.
//!
//! Run with `cargo bench --bench check`; throughput is printed in MiB/s. (`./build.sh bench` prints
//! the one table of every figure, from benches/compare.rs and benches/node/, using `text_of`.)

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use second_thought::{Checker, Context, LocalTime};

/// Realistic prose with emoji, accents, a hashtag line and no findings in most of it.
const PROSE: &str = include_str!("data/post.txt");

/// Mixed sentences with things the rules look for, spread through long inputs.
const SPICE: [&str; 6] = [
    " Call me on 07700 900123 if you need me.",
    " What a f*cking shambles at the council today!!!",
    " Strictly confidential: don't share this yet.",
    " Email jo.bloggs@centralbedfordshire.gov.uk for the slides.",
    " Bets on at bet365.com, anyone?",
    " Long week at SENDIASS, glad it's Friday.",
];

/// Builds a text of exactly `units` UTF-16 code units from the prose and, every so often, a
/// sentence the rules flag.
pub fn text_of(units: usize) -> String {
    let mut out = String::new();
    let mut n = 0usize;
    let mut k = 0usize;
    'outer: loop {
        for (i, para) in PROSE.split('\n').enumerate() {
            let piece = if (i + k) % 3 == 0 {
                format!("{para}{}\n", SPICE[(i + k) % SPICE.len()])
            } else {
                format!("{para}\n")
            };
            for c in piece.chars() {
                let w = c.len_utf16();
                if n + w > units {
                    // Pad with a plain letter rather than split a surrogate pair.
                    while n < units {
                        out.push('.');
                        n += 1;
                    }
                    break 'outer;
                }
                out.push(c);
                n += w;
            }
        }
        k += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let checker = Checker::default();
    let ctx = Context {
        at: LocalTime::parse("2026-11-24T10:30").ok(),
        ..Context::default()
    };
    let mut g = c.benchmark_group("check");
    for (name, units) in [
        ("tweet-280", 280usize),
        ("linkedin-3000", 3_000),
        ("facebook-63206", 63_206),
    ] {
        let text = text_of(units);
        assert_eq!(text.encode_utf16().count(), units);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| checker.check(black_box(&text), black_box(&ctx)))
        });
    }
    g.finish();
    c.bench_function("build-default-checker", |b| b.iter(Checker::default));
}

criterion_group!(benches, bench);
criterion_main!(benches);
