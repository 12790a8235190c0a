//! Lint throughput: bytes of plan text checked per second (parsing excluded and measured
//! apart), on the five sample plans. Criterion runs one thread: per core. Aim (issue
//! "Check plans…"): ≥ 5 MB/s per core.
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
