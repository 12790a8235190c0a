//! Lint throughput in CPU time of the checking thread (Linux: /proc/thread-self/schedstat),
//! for a shared machine where criterion's wall time (`cargo bench -p lint --bench lint`)
//! also counts the time spent waiting for a core. Same inputs as the bench: the five sample
//! plans and the Labour Code 2019, parsed beforehand; every check runs.
//!
//!     cargo run -p lint --release --example throughput [ROUNDS]
//!
//! Prints MB/s (10⁶ bytes of input text per CPU second), the best of five rounds.

use document::{Document, Source};

/// CPU time of this thread in nanoseconds (None where the kernel does not say).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn measure(name: &str, inputs: &[(usize, Source, Document)], rounds: usize) {
    let config = lint::Config::builtin();
    let bytes: usize = inputs.iter().map(|x| x.0).sum();
    let mut findings = 0;
    // Warm-up: builds the lexicon and compiles the regexes.
    for (_, source, doc) in inputs {
        findings += lint::lint(source, doc, &config).len();
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let (Some(start), mut end) = (cpu_ns(), None) else {
            eprintln!("no thread CPU time here (/proc/thread-self/schedstat)");
            return;
        };
        for _ in 0..rounds {
            for (_, source, doc) in inputs {
                std::hint::black_box(lint::lint(source, doc, &config));
            }
            end = cpu_ns();
        }
        let secs = end.map_or(f64::MAX, |e| e.saturating_sub(start) as f64 / 1e9);
        best = best.min(secs);
    }
    println!(
        "{name}: {:.1} MB/s per core (CPU time, best of 5 × {rounds} runs; {findings} findings)",
        (bytes * rounds) as f64 / best / 1e6
    );
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let parse = |bytes: Vec<u8>| {
        let source = document::read::read(&bytes, None).expect("reads");
        let doc = document::extract::extract(&source, None);
        (bytes.len(), source, doc)
    };
    let plans: Vec<_> = samples::seed_paths()
        .iter()
        .map(|p| parse(std::fs::read(p).expect("seed")))
        .collect();
    measure("the five sample plans", &plans, rounds);
    let long = include_str!("../tests/quality/bo-luat-lao-dong-2019.txt");
    measure(
        "the Labour Code 2019",
        &[parse(long.as_bytes().to_vec())],
        rounds.div_ceil(3),
    );
}
