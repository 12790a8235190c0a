//! `doingoai register …`: a register's figures for a window (`stats`), and the removal of
//! personal fields past their retention (`purge`). The console reads as the operator: every
//! commune, no personal field.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use domain::register::RegisterKind;

use crate::serve::{DbArgs, open, run_command};

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Nhập sổ từ bảng tính Excel / Import a register from an .xlsx spreadsheet.
    Import(ImportArgs),
    /// Xuất sổ ra bảng tính Excel / Export a register to an .xlsx spreadsheet.
    Export(ExportArgs),
    /// Số liệu của một sổ trong một kỳ / A register's figures for a window.
    Stats(StatsArgs),
    /// Xóa dữ liệu cá nhân quá thời hạn lưu giữ / Remove personal fields past their retention.
    Purge(PurgeArgs),
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Sổ / Register: doan-ra, doan-vao, hoi-nghi, phong-vien, vien-tro, thoa-thuan,
    /// nguoi-nuoc-ngoai, cong-dan-nuoc-ngoai, vu-viec, thong-tin, dao-tao, xuc-tien.
    kind: String,
    /// Xã, phường (không cần dấu) / Commune name, tones optional ("xã Hà Bắc").
    #[arg(long)]
    commune: String,
    /// Từ ngày / First day of the window (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long)]
    from: String,
    /// Đến ngày / Last day of the window, included.
    #[arg(long)]
    to: String,
    /// In JSON / Print one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Sổ / Register (doan-ra, doan-vao, …).
    kind: String,
    /// Tệp .xlsx / The .xlsx file.
    file: PathBuf,
    /// Xã, phường (không cần dấu) / Commune name, tones optional.
    #[arg(long)]
    commune: String,
    /// Chỉ kiểm tra, không ghi / Check every row, write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Sổ / Register (doan-ra, doan-vao, …).
    kind: String,
    /// Xã, phường (không cần dấu) / Commune name, tones optional.
    #[arg(long)]
    commune: String,
    /// Tệp ghi ra / Output file (.xlsx).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    #[command(flatten)]
    db: DbArgs,
}

pub fn run(cmd: &RegisterCommand) -> ExitCode {
    match cmd {
        RegisterCommand::Import(a) => run_command(|| import(a)),
        RegisterCommand::Export(a) => run_command(|| export(a)),
        RegisterCommand::Stats(a) => run_command(|| stats(a)),
        RegisterCommand::Purge(a) => run_command(|| purge(a)),
    }
}

fn kind(slug: &str) -> anyhow::Result<RegisterKind> {
    RegisterKind::parse(slug.trim()).with_context(|| {
        let all: Vec<&str> = RegisterKind::ALL.iter().map(|k| k.slug()).collect();
        format!(
            "không có sổ “{slug}” (các sổ: {}) / unknown register {slug:?}",
            all.join(", ")
        )
    })
}

fn date(s: &str, what: &str) -> anyhow::Result<NaiveDate> {
    domain::register::parse_date(s).with_context(|| {
        format!("“{s}” không phải là ngày / {what}: {s:?} is not a date (YYYY-MM-DD)")
    })
}

async fn stats(a: &StatsArgs) -> anyhow::Result<()> {
    let kind = kind(&a.kind)?;
    let (from, to) = (date(&a.from, "--from")?, date(&a.to, "--to")?);
    let app = open(a.db.config_of_server()?).await?;
    let result = async {
        let commune = app.commune_named(&a.commune).await?;
        app.register_figures(&app.console_reader(), kind, commune.id, from, to)
            .await
            .map(|f| (commune, f))
    }
    .await;
    app.close().await;
    let (commune, f) = match result {
        Ok(x) => x,
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    };
    if a.json {
        let mut v = serde_json::to_value(&f)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("commune".into(), commune.full_name().into());
            o.insert("kind".into(), kind.slug().into());
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    let r = kind.def();
    println!("{} — {}, {}", r.name, commune.full_name(), f.window_vi());
    println!("  {} {}", f.count, r.noun);
    if let Some(m) = f.member_trips {
        println!("  {m} lượt người");
    }
    if r.roles.people.is_some() {
        match f.distinct_persons {
            Some(d) => println!("  {d} người (mỗi người tính một lần)"),
            None => println!("  số người: chưa đủ danh sách thành viên để tính"),
        }
    }
    if let Some(p) = f.pledged_vnd {
        println!("  giá trị cam kết: {} đồng", app::format::grouped(p));
    }
    if let Some(d) = f.disbursed_vnd {
        println!("  giải ngân trong kỳ: {} đồng", app::format::grouped(d));
    }
    for (c, n) in &f.by_country {
        println!("  {c}: {n}");
    }
    for w in &f.warnings {
        println!("  cảnh báo: {w}");
    }
    Ok(())
}

async fn purge(a: &PurgeArgs) -> anyhow::Result<()> {
    let app = open(a.db.config_of_server()?).await?;
    let result = app.purge_personal().await;
    app.close().await;
    match result {
        Ok(done) => {
            for (k, n) in done {
                println!(
                    "{}: đã xóa dữ liệu cá nhân của {n} bản ghi / personal fields removed from {n} entries",
                    k.slug()
                );
            }
            Ok(())
        }
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    }
}

async fn import(a: &ImportArgs) -> anyhow::Result<()> {
    let kind = kind(&a.kind)?;
    let bytes = std::fs::read(&a.file)
        .with_context(|| format!("không đọc được tệp / cannot read {}", a.file.display()))?;
    let app = open(a.db.config_of_server()?).await?;
    let result = async {
        let commune = app.commune_named(&a.commune).await?;
        app.import_entries(
            app::org::Who::Operator,
            None,
            kind,
            Some(commune.id),
            &bytes,
            None,
            a.dry_run,
        )
        .await
        .map(|r| (commune, r))
    }
    .await;
    app.close().await;
    let (commune, r) = match result {
        Ok(x) => x,
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    };
    println!(
        "{} — {}: dòng tiêu đề số {} / heading row {}",
        kind.def().short,
        commune.full_name(),
        r.heading_row,
        r.heading_row
    );
    for line in r.mapping_lines() {
        println!("  {line}");
    }
    if !r.errors.is_empty() {
        for e in &r.errors {
            eprintln!(
                "  dòng / row {}, cột / column “{}”: {}",
                e.row, e.column, e.message
            );
        }
        bail!(
            "{} lỗi trong {} dòng, chưa ghi bản ghi nào / {} errors in {} rows, nothing written",
            r.errors.len(),
            r.rows,
            r.errors.len(),
            r.rows
        );
    }
    if a.dry_run {
        println!(
            "{} dòng hợp lệ, chưa ghi (--dry-run) / {} rows valid, nothing written (dry run)",
            r.rows, r.rows
        );
    } else {
        println!(
            "Đã nhập {} bản ghi / imported {} entries",
            r.created, r.created
        );
    }
    Ok(())
}

async fn export(a: &ExportArgs) -> anyhow::Result<()> {
    let kind = kind(&a.kind)?;
    let app = open(a.db.config_of_server()?).await?;
    let result = async {
        let commune = app.commune_named(&a.commune).await?;
        app.export_entries(&app.console_reader(), kind, Some(commune.id))
            .await
    }
    .await;
    app.close().await;
    let (_, bytes) = match result {
        Ok(x) => x,
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    };
    std::fs::write(&a.output, &bytes)
        .with_context(|| format!("không ghi được tệp / cannot write {}", a.output.display()))?;
    println!(
        "Đã ghi {} ({} byte; không có cột dữ liệu cá nhân) / wrote {} ({} bytes; no personal columns)",
        a.output.display(),
        bytes.len(),
        a.output.display(),
        bytes.len()
    );
    Ok(())
}
