//! `doingoai bench-data` — fills an empty database with a generated province for the web
//! benchmark (docs/BENCHMARKS.md, "Web system"; `scripts/bench-web.sh`).

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use domain::PlanYear;

#[derive(Debug, Args)]
pub struct BenchDataArgs {
    /// Cơ sở dữ liệu trống / An empty database: sqlite://FILE (created if missing) or postgres://…
    #[arg(long)]
    db: String,
    /// Số xã, phường / Communes in the province.
    #[arg(long, default_value_t = 100)]
    communes: usize,
    /// Số nhiệm vụ mỗi kế hoạch / Tasks in each commune's plan.
    #[arg(long, default_value_t = 60)]
    tasks: usize,
    /// Tổng số lần cập nhật tiến độ / Progress updates over the whole province.
    #[arg(long, default_value_t = 20_000)]
    updates: usize,
    /// Số bản ghi mỗi sổ theo dõi của mỗi xã / Entries in each register of each commune.
    #[arg(long, default_value_t = 0)]
    entries: usize,
    /// Hạt giống ngẫu nhiên / Seed (the same seed gives the same data).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Năm kế hoạch / Plan year (default: this year).
    #[arg(long)]
    year: Option<i32>,
    /// Ngày tính tiến độ / The day the data is as of, YYYY-MM-DD (default: today, UTC+7).
    #[arg(long)]
    today: Option<String>,
    /// Mật khẩu chung của các tài khoản / Password of every account (default: random, printed).
    #[arg(long)]
    password: Option<String>,
}

/// A `sqlite:` URL opens in create mode unless it says otherwise.
fn with_create_mode(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    }
}

async fn run_async(args: &BenchDataArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let today = match &args.today {
        Some(t) => seed::bench::parse_day(t)
            .with_context(|| format!("ngày không hợp lệ / bad date {t:?} (YYYY-MM-DD)"))?,
        None => seed::bench::today_in_vietnam(),
    };
    let year = match args.year {
        Some(y) => Some(
            PlanYear::parse(y)
                .map_err(|e| anyhow::anyhow!("năm không hợp lệ / bad year {y}: {e}"))?,
        ),
        None => None,
    };
    let password = args
        .password
        .clone()
        .unwrap_or_else(seed::bench::random_password);
    let spec = seed::bench::BenchSpec {
        communes: args.communes,
        tasks_per_commune: args.tasks,
        updates: args.updates,
        seed: args.seed,
        year,
        today,
        password,
        entries_per_register: args.entries,
    };
    let mut config = app::Config::default();
    config.database.url = with_create_mode(&args.db);
    let app = app::App::open(config, Some(today))
        .await
        .context("không mở được cơ sở dữ liệu / cannot open the database")?;
    let step = (args.communes / 10).max(1);
    let summary = seed::bench::generate(&app, &spec, |done, all| {
        if done % step == 0 || done == all {
            eprintln!(
                "  {done}/{all} xã / communes ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    })
    .await
    .map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?;
    app.close().await;
    println!(
        "Đã tạo / generated: {} — {} xã / communes, {} đơn vị / units, {} nhiệm vụ / tasks, \
         {} kỳ / occurrences, {} lần cập nhật tiến độ / progress updates, {} bản ghi sổ \
         theo dõi / register entries ({:.1} s)",
        summary.province,
        summary.communes,
        summary.units,
        summary.tasks,
        summary.occurrences,
        summary.updates,
        summary.entries,
        started.elapsed().as_secs_f64()
    );
    println!(
        "Tài khoản / accounts (mật khẩu / password: {}):",
        spec.password
    );
    for a in &summary.accounts {
        println!("  {:<12} {:<45} {}", a.username, a.role.label_vi(), a.place);
    }
    println!(
        "  (vanphongN, lanhdaoN, donviN cho xã thứ N / for commune N, 1–{})",
        summary.communes
    );
    Ok(())
}

pub fn run(args: &BenchDataArgs) -> ExitCode {
    crate::serve::run_command(|| run_async(args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_open_in_create_mode() {
        assert_eq!(with_create_mode("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite://a.db?x=1"),
            "sqlite://a.db?x=1&mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite://a.db?mode=rw"),
            "sqlite://a.db?mode=rw"
        );
        assert_eq!(with_create_mode("postgres://h/db"), "postgres://h/db");
    }
}
