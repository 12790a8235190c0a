//! Drafting a report from a year of records, and writing it. Aims (issue 11): the annual
//! report of a commune with a year of data drafted in < 200 ms; its DOCX in < 50 ms.
//!
//! The commune is the benchmark generator's (`doingoai bench-data`): 200 tasks with their
//! occurrences, a year of progress (8,000 updates) and 50 entries in each of the twelve
//! registers, on an SQLite file, as of 01/12/2026.
//!
//!     cargo bench -p seed --bench report

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use domain::report::Period;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let path =
        std::env::temp_dir().join(format!("doingoai-bench-report-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let app = rt.block_on(async {
        let mut config = app::Config::default();
        config.database.url = format!("sqlite://{}?mode=rwc", path.display());
        let app = app::App::open(config, Some(today)).await.expect("open");
        let spec = seed::bench::BenchSpec {
            communes: 1,
            tasks_per_commune: 200,
            updates: 8_000,
            seed: 11,
            year: None,
            today,
            password: "mật khẩu đo hiệu năng".into(),
            entries_per_register: 50,
        };
        let s = seed::bench::generate(&app, &spec, |_, _| {})
            .await
            .expect("data");
        eprintln!(
            "data: {} tasks, {} occurrences, {} updates, {} entries",
            s.tasks, s.occurrences, s.updates, s.entries
        );
        app
    });
    let reader = app.console_reader();
    let commune = rt.block_on(async {
        let all = app.communes_for(&reader).await.expect("communes");
        all[0].commune.id
    });
    let year = Period::parse("nam-2026").unwrap();
    let half = Period::parse("6-thang-2026").unwrap();
    let content = rt
        .block_on(app.draft_report(&reader, commune, None, year))
        .expect("draft");
    eprintln!(
        "annual report: {} occurrences due, {} register entries counted, {} annex rows",
        content.plan.occurrences_due,
        content.figures.values().map(|f| f.count).sum::<i64>(),
        content.annexes.iter().map(|a| a.rows.len()).sum::<usize>()
    );
    let mut g = c.benchmark_group("report");
    g.sample_size(20);
    g.bench_function("draft/annual", |b| {
        b.iter(|| {
            rt.block_on(app.draft_report(&reader, commune, None, year))
                .unwrap()
        })
    });
    g.bench_function("draft/6 months", |b| {
        b.iter(|| {
            rt.block_on(app.draft_report(&reader, commune, None, half))
                .unwrap()
        })
    });
    g.bench_function("docx/annual", |b| {
        b.iter(|| render::docx::render(&app::report_export::report_document(&content)).unwrap())
    });
    g.bench_function("xlsx/annual", |b| {
        b.iter(|| app::report_export::annex_workbook(&content).unwrap())
    });
    g.finish();
    rt.block_on(app.close());
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, bench);
criterion_main!(benches);
