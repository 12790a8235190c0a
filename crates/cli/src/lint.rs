//! `doingoai lint FILE... [--json] [--min-severity S] [--registry FILE] [--units FILE]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use lint::{Config, Finding, Registry, Severity, Units};

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files to check (.txt, .md, .docx, .pdf).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// One JSON object per file: {file, findings:[…]} (docs/lint-format.md).
    #[arg(long)]
    json: bool,
    /// Show only findings at least this serious: error, warning or info.
    #[arg(long, value_parser = parse_severity, default_value = "info")]
    min_severity: Severity,
    /// A registry of legal instruments (TSV, same columns as the built-in one) to use
    /// instead of the built-in registry.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// The commune's list of units (TSV: a name and its other names per line) to check
    /// task units against, instead of the built-in default list.
    #[arg(long)]
    units: Option<PathBuf>,
}

/// Reads and parses a data file given on the command line; on failure prints the reason
/// (in Vietnamese and English, with the line) and returns None.
fn load<T, E: std::fmt::Display>(
    path: &std::path::Path,
    what: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Option<T> {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!(
            "{}: không đọc được tệp {what} / cannot read the file",
            path.display()
        );
        return None;
    };
    parse(&text)
        .map_err(|e| eprintln!("{}: {e}", path.display()))
        .ok()
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| {
        format!("mức không hợp lệ \"{s}\": error, warning, info / invalid severity \"{s}\"")
    })
}

#[derive(serde::Serialize)]
struct FileFindings<'a> {
    file: String,
    findings: Vec<&'a Finding>,
}

/// Exit codes: 0 no error found, 1 an error was found, 2 an input could not be read.
pub fn run(args: &LintArgs) -> ExitCode {
    let mut config = Config::builtin();
    if let Some(path) = &args.registry {
        match load(path, "danh mục văn bản", Registry::parse) {
            Some(registry) => config.registry = registry,
            None => return ExitCode::from(2),
        }
    }
    if let Some(path) = &args.units {
        match load(path, "danh sách đơn vị", Units::parse) {
            Some(units) => config.units = units,
            None => return ExitCode::from(2),
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut unreadable, mut errors) = (false, false);
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(_) => {
                eprintln!("{name}: không đọc được tệp / cannot read the file");
                unreadable = true;
                continue;
            }
        };
        let source = match document::read::read(&bytes, Some(&name)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{name}: {}\n{name}: {}", e.message_vi(), e.message_en());
                unreadable = true;
                continue;
            }
        };
        let doc = document::extract::extract(&source, Some(&name));
        let findings = lint::lint(&source, &doc, &config);
        errors |= findings.iter().any(|f| f.severity == Severity::Error);
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.severity >= args.min_severity)
            .collect();
        let text = if args.json {
            let mut s = serde_json::to_string(&FileFindings {
                file: name.clone(),
                findings: shown,
            })
            .unwrap_or_default();
            s.push('\n');
            s
        } else {
            readable(&name, &shown, &source)
        };
        let _ = out.write_all(text.as_bytes());
    }
    let _ = out.flush();
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Findings grouped by line, with the line's text.
fn readable(name: &str, findings: &[&Finding], source: &document::Source) -> String {
    let mut s = format!("══ {name}: {} phát hiện\n", findings.len());
    let mut last_line = usize::MAX;
    for f in findings {
        if f.line != last_line {
            last_line = f.line;
            if f.line == 0 {
                s.push_str("Toàn văn bản:\n");
            } else {
                let text = source.lines.get(f.line - 1).map_or("", |l| l.text.as_str());
                let short: String = text.chars().take(100).collect();
                s.push_str(&format!("Dòng {}: {short}\n", f.line));
            }
        }
        s.push_str(&format!(
            "  [{}] {} {}{}",
            f.severity.vietnamese(),
            f.code,
            if f.column > 0 {
                format!("(cột {}) ", f.column)
            } else {
                String::new()
            },
            f.message
        ));
        if let Some(sug) = &f.suggestion {
            s.push_str(&format!(" → gợi ý: {sug}"));
        }
        s.push('\n');
    }
    s
}
