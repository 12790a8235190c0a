//! `doingoai report draft`: a commune's periodic report for a period, drafted from the
//! records as they are now (nothing is stored), written as DOCX, PDF, XLSX (the annex
//! tables) or JSON (docs/report-format.md). The console reads as the operator: every
//! commune, no personal field.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use domain::report::Period;

use crate::serve::{DbArgs, open, run_command};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Lập dự thảo báo cáo định kỳ từ dữ liệu / Draft a periodic report from the records.
    Draft(DraftArgs),
}

/// `doingoai remind`: sends today's e-mail reminders now (for a cron job, or when the server
/// does not run all day); a user who already had today's digest gets nothing more.
#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(flatten)]
    db: DbArgs,
}

pub fn run_remind(a: &RemindArgs) -> ExitCode {
    run_command(|| remind(a))
}

async fn remind(a: &RemindArgs) -> anyhow::Result<()> {
    let app = open(a.db.config_of_server()?).await?;
    let result = app.send_reminder_mails().await;
    app.close().await;
    match result {
        Ok(r) => {
            println!(
                "Đã gửi {} thư nhắc việc, {} thư chưa gửi được (sẽ gửi lại), {} người không có \
                 việc đến hạn / {} sent, {} failed (retried next time), {} with nothing due",
                r.sent, r.failed, r.nothing_due, r.sent, r.failed, r.nothing_due
            );
            if r.failed > 0 {
                bail!("một số thư chưa gửi được / some messages were not sent");
            }
            Ok(())
        }
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    }
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Xã, phường (không cần dấu) / Commune name, tones optional ("xã Hà Bắc").
    #[arg(long)]
    commune: String,
    /// Kỳ báo cáo / Period: 6-thang-2026, nam-2026, quy-1-2026, 9-thang-2026, thang-3-2026.
    #[arg(long)]
    period: String,
    /// Chế độ báo cáo / Regime code (default: the province's periodic regime for the period).
    #[arg(long)]
    regime: Option<String>,
    /// Định dạng / Output format: docx, pdf, xlsx (annex tables) or json.
    #[arg(long = "to", default_value = "json")]
    to: String,
    /// Như --to json / Same as --to json.
    #[arg(long)]
    json: bool,
    /// Tệp ghi ra / Output file (JSON: standard output when absent).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

pub fn run(cmd: &ReportCommand) -> ExitCode {
    match cmd {
        ReportCommand::Draft(a) => run_command(|| draft(a)),
    }
}

async fn draft(a: &DraftArgs) -> anyhow::Result<()> {
    let period =
        Period::parse(&a.period).map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?;
    let format = if a.json { "json" } else { a.to.trim() };
    let export = match format {
        "json" => None,
        f => Some(app::export::ExportFormat::parse(f).with_context(|| {
            format!(
                "định dạng “{f}” không hỗ trợ (docx, pdf, xlsx, json) / unsupported format {f:?}"
            )
        })?),
    };
    if export.is_some() && a.output.is_none() {
        bail!("vui lòng chỉ định tệp ghi ra bằng -o / give the output file with -o");
    }
    let app = open(a.db.config_of_server()?).await?;
    let result = async {
        let commune = app.commune_named(&a.commune).await?;
        let content = app
            .draft_report(
                &app.console_reader(),
                commune.id,
                a.regime.as_deref(),
                period,
            )
            .await?;
        match export {
            None => Ok::<_, app::Error>((content, None)),
            Some(f) => {
                let out = app.render_report(content.clone(), f).await?;
                Ok((content, Some(out)))
            }
        }
    }
    .await;
    app.close().await;
    let (content, rendered) = match result {
        Ok(x) => x,
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    };
    let bytes = match rendered {
        Some(r) => r.bytes,
        None => {
            let mut s = serde_json::to_string_pretty(&content)?;
            s.push('\n');
            s.into_bytes()
        }
    };
    match &a.output {
        Some(path) => std::fs::write(path, &bytes).with_context(|| {
            format!(
                "không ghi được tệp {} / cannot write {}",
                path.display(),
                path.display()
            )
        })?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
