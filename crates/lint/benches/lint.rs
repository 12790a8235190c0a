//! Lint throughput: bytes of plan text checked per second (parsing excluded and measured
//! apart), on the five sample plans, and on a long text (the Labour Code 2019, 190 kB, the
//! held-out text of the quality measurement). Every check runs, spelling and unit names
//! included. Criterion runs one thread: per core. Aim (issue "Check plans…"): ≥ 5 MB/s per
//! core.
//!
//!     cargo bench -p lint --bench lint

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let paths = samples::seed_paths();
    let inputs: Vec<(Vec<u8>, document::Source, document::Document)> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("seed");
            let source = document::read::read(&bytes, None).expect("reads");
            let doc = document::extract::extract(&source, None);
            (bytes, source, doc)
        })
        .collect();
    let total: usize = inputs.iter().map(|(b, _, _)| b.len()).sum();
    let config = lint::Config::builtin();
    let mut g = c.benchmark_group("lint");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("checks only/5 plans", |b| {
        b.iter(|| {
            for (_, source, doc) in &inputs {
                std::hint::black_box(lint::lint(source, doc, &config));
            }
        })
    });
    g.bench_function("parse and check/5 plans", |b| {
        b.iter(|| {
            for (bytes, _, _) in &inputs {
                let source = document::read::read(bytes, None).expect("reads");
                let doc = document::extract::extract(&source, None);
                std::hint::black_box(lint::lint(&source, &doc, &config));
            }
        })
    });
    g.finish();

    let long = include_str!("../tests/quality/bo-luat-lao-dong-2019.txt");
    let source = document::read::read(long.as_bytes(), None).expect("reads");
    let doc = document::extract::extract(&source, None);
    // The lexicon is built once per process, before the first check; not measured here.
    std::hint::black_box(lint::lint(&source, &doc, &config));
    let mut g = c.benchmark_group("lint long text");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("checks only/Labour Code 2019", |b| {
        b.iter(|| std::hint::black_box(lint::lint(&source, &doc, &config)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
