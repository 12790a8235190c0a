//! Rendering throughput: plans per second for DOCX, HTML, XLSX and (with the `pdf`
//! feature) PDF, on the five sample plans. Criterion runs on one thread: the figures are per
//! core. Aims (issue "Official documents out"): ≥ 500 DOCX plans/s, ≥ 50 PDF plans/s.
//!
//!     cargo bench -p render --bench render

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn parsed_samples() -> Vec<document::Document> {
    samples::seed_paths()
        .iter()
        .map(|p| document::parse_bytes(&std::fs::read(p).expect("seed"), None).expect("parses"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = parsed_samples();
    let mut g = c.benchmark_group("render");
    g.sample_size(20);
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("docx/5 plans", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(render::docx::render(d).expect("docx"));
            }
        })
    });
    g.bench_function("html/5 plans", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(render::html::render(d));
            }
        })
    });
    g.bench_function("xlsx/5 plans", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(render::xlsx::render(d).expect("xlsx"));
            }
        })
    });
    // typst memoises layout across calls: rendering the same plan again is several times
    // faster than a new one. Every iteration therefore changes every paragraph (a counter
    // appended), so this measures plans typst has not seen — the real workload.
    #[cfg(feature = "pdf")]
    {
        let mut round = 0u64;
        g.bench_function("pdf/5 new plans", |b| {
            b.iter_batched(
                || {
                    round += 1;
                    docs.iter().map(|d| changed(d, round)).collect::<Vec<_>>()
                },
                |fresh| {
                    for d in &fresh {
                        std::hint::black_box(render::pdf::render(d).expect("pdf"));
                    }
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// `d` with every preamble, section and closing paragraph changed by a round number.
#[cfg(feature = "pdf")]
fn changed(d: &document::Document, round: u64) -> document::Document {
    fn sections(s: &mut [document::model::Section], round: u64) {
        for x in s {
            x.head = format!("{} ({round})", x.head);
            sections(&mut x.children, round);
        }
    }
    let mut d = d.clone();
    for p in d.preamble.iter_mut().chain(d.closing.iter_mut()) {
        p.text = format!("{} ({round})", p.text);
    }
    sections(&mut d.sections, round);
    d
}

criterion_group!(benches, bench);
criterion_main!(benches);
