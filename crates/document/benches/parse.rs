//! Parse throughput of `document::parse_bytes`.
//!
//! - `text/*`: the five sample plans (plain text, from `shared/seeds`), each alone and all
//!   concatenated into one input, measured in bytes of plan text per second.
//! - `docx/*`: each DOCX fixture under `tests/fixtures/seeds/`, measured in plans per second.
//! - `pdf/*`: each PDF fixture likewise (informational: most time is in `pdf-extract`).
//!
//! Criterion runs every benchmark on one thread, so the figures are per core.
//! Run with `cargo bench -p document --bench parse`; see `docs/BENCHMARKS.md`.
//!
//! With `PARSE_BENCH_CLOCK=cpu` (Linux), the time of the benchmark thread on a CPU is
//! measured instead of wall time (groups `text_cpu`, `docx_cpu`, `pdf_cpu`): on a machine
//! shared with other work, wall time counts the time the thread waited for a core, CPU time
//! does not.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkGroup, Criterion, Throughput};

/// The DOCX/PDF renderings of the sample plans.
const FIXTURE_SEEDS_DIR: &str = "tests/fixtures/seeds";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files in `dir` whose extension is `ext`, sorted by name; empty when `dir` is missing.
fn files_with_ext(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let bytes = fs::read(&p).ok()?;
            Some((name, bytes))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// A short label for a seed file: `000_5354b660accbc6e9.txt` → `000`.
fn label(name: &str) -> &str {
    name.split(['_', '.']).next().unwrap_or(name)
}

fn configure<M: Measurement>(group: &mut BenchmarkGroup<'_, M>) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
}

fn bench_text<M: Measurement>(c: &mut Criterion<M>, suffix: &str) {
    let seeds = files_with_ext(&samples::seeds_dir(), "txt");
    if seeds.is_empty() {
        eprintln!(
            "bench text: no seeds in {}, skipped",
            samples::seeds_dir().display()
        );
        return;
    }
    // Sanity check outside the measurement: every seed must parse.
    for (name, bytes) in &seeds {
        if let Err(e) = document::parse_bytes(bytes, Some(name)) {
            panic!("seed {name} does not parse: {e}");
        }
    }

    let mut group = c.benchmark_group(format!("text{suffix}"));
    configure(&mut group);

    // All five plans as one input, separated by blank lines (a long realistic document).
    let mut all = Vec::new();
    for (_, bytes) in &seeds {
        all.extend_from_slice(bytes);
        all.extend_from_slice(b"\n\n");
    }
    group.throughput(Throughput::Bytes(all.len() as u64));
    group.bench_function("all_seeds_concat", |b| {
        b.iter(|| document::parse_bytes(black_box(&all), Some("all.txt")))
    });

    for (name, bytes) in &seeds {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("seed_{}", label(name)), |b| {
            b.iter(|| document::parse_bytes(black_box(bytes), Some(name)))
        });
    }
    group.finish();
}

/// One benchmark per fixture with extension `ext`, in plans per second.
fn bench_binary_fixtures<M: Measurement>(c: &mut Criterion<M>, ext: &str, suffix: &str) {
    let fixtures = files_with_ext(&manifest_dir().join(FIXTURE_SEEDS_DIR), ext);
    if fixtures.is_empty() {
        eprintln!("bench {ext}: no *.{ext} in {FIXTURE_SEEDS_DIR}, skipped");
        return;
    }
    let mut group = c.benchmark_group(format!("{ext}{suffix}"));
    configure(&mut group);
    group.throughput(Throughput::Elements(1));
    for (name, bytes) in &fixtures {
        // Fixtures that do not parse (e.g. a reader not finished yet) are reported and
        // skipped rather than measured: timing an early error would mislead.
        if let Err(e) = document::parse_bytes(bytes, Some(name)) {
            eprintln!("bench {ext}: {name} does not parse ({e}), skipped");
            continue;
        }
        group.bench_function(label(name).to_string(), |b| {
            b.iter(|| document::parse_bytes(black_box(bytes), Some(name)))
        });
    }
    group.finish();
}

fn run<M: Measurement>(mut c: Criterion<M>, suffix: &str) {
    bench_text(&mut c, suffix);
    bench_binary_fixtures(&mut c, "docx", suffix);
    bench_binary_fixtures(&mut c, "pdf", suffix);
    c.final_summary();
}

fn main() {
    let cpu = std::env::var("PARSE_BENCH_CLOCK").is_ok_and(|v| v == "cpu");
    if cpu && cpu_time::available() {
        run(
            Criterion::default()
                .with_measurement(cpu_time::ThreadCpuTime::default())
                .configure_from_args(),
            "_cpu",
        );
    } else {
        if cpu {
            eprintln!("PARSE_BENCH_CLOCK=cpu: thread CPU time not available here, wall time used");
        }
        run(Criterion::default().configure_from_args(), "");
    }
}

/// A criterion measurement of the CPU time of the calling thread
/// (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), formatted like wall time.
mod cpu_time {
    use super::*;

    pub struct ThreadCpuTime {
        /// Only lends its duration formatter.
        wall: WallTime,
    }

    impl Default for ThreadCpuTime {
        fn default() -> Self {
            ThreadCpuTime { wall: WallTime }
        }
    }

    #[cfg(target_os = "linux")]
    fn now() -> Option<Duration> {
        #[repr(C)]
        struct Timespec {
            tv_sec: std::ffi::c_long,
            tv_nsec: std::ffi::c_long,
        }
        unsafe extern "C" {
            fn clock_gettime(clock: std::ffi::c_int, ts: *mut Timespec) -> std::ffi::c_int;
        }
        const CLOCK_THREAD_CPUTIME_ID: std::ffi::c_int = 3;
        let mut ts = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the call only writes to it.
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }

    #[cfg(not(target_os = "linux"))]
    fn now() -> Option<Duration> {
        None
    }

    pub fn available() -> bool {
        now().is_some()
    }

    impl Measurement for ThreadCpuTime {
        type Intermediate = Duration;
        type Value = Duration;

        fn start(&self) -> Duration {
            now().unwrap_or_default()
        }
        fn end(&self, start: Duration) -> Duration {
            now().unwrap_or_default().saturating_sub(start)
        }
        fn add(&self, a: &Duration, b: &Duration) -> Duration {
            *a + *b
        }
        fn zero(&self) -> Duration {
            Duration::ZERO
        }
        fn to_f64(&self, d: &Duration) -> f64 {
            d.as_nanos() as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            self.wall.formatter()
        }
    }
}
