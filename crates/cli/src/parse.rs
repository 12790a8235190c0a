//! `doingoai parse FILE... [--json] [--text]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use document::model::{Document, Section};

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to read (.txt, .md, .docx, .pdf; the format is detected from the content).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// One JSON object per file (JSON Lines); fields in docs/parse-format.md.
    #[arg(long, conflicts_with = "text")]
    json: bool,
    /// Print the normalised text (the lines that spans refer to), numbered.
    #[arg(long)]
    text: bool,
}

/// Exit codes: 0 all read, 2 when any file could not be read.
pub fn run(args: &ParseArgs) -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "{name}: không đọc được tệp / cannot read the file: {}",
                    io_reason(&e)
                );
                failed = true;
                continue;
            }
        };
        let result = if args.text {
            document::read::read(&bytes, Some(&name)).map(|src| {
                let mut s = String::new();
                for (i, l) in src.lines.iter().enumerate() {
                    s.push_str(&format!("{:>4}  {}\n", i + 1, l.text));
                }
                s
            })
        } else {
            document::parse_bytes(&bytes, Some(&name)).map(|doc| {
                if args.json {
                    let mut s = serde_json::to_string(&doc).unwrap_or_default();
                    s.push('\n');
                    s
                } else {
                    summary(&doc)
                }
            })
        };
        match result {
            Ok(s) => {
                let _ = out.write_all(s.as_bytes());
            }
            Err(e) => {
                eprintln!("{name}: {}\n{name}: {}", e.message_vi(), e.message_en());
                failed = true;
            }
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tồn tại / not found",
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc / permission denied",
        std::io::ErrorKind::IsADirectory => "là thư mục / is a directory",
        _ => "lỗi vào/ra / I/O error",
    }
}

fn or_dash(s: Option<&str>) -> &str {
    s.unwrap_or("—")
}

/// A readable Vietnamese summary.
pub fn summary(doc: &Document) -> String {
    let mut s = String::new();
    let path = doc.source.path.as_deref().unwrap_or("");
    s.push_str(&format!("══ {path} ({})\n", doc.source.format.as_str()));
    s.push_str(&format!(
        "Loại văn bản:    {}\n",
        or_dash(doc.doc_type.as_deref())
    ));
    let number = match (&doc.number, &doc.symbol) {
        (Some(n), _) => n.clone(),
        (None, Some(sym)) => format!("(chưa cấp số)/{sym}"),
        (None, None) => "—".into(),
    };
    s.push_str(&format!("Số, ký hiệu:     {number}\n"));
    s.push_str(&format!(
        "Cơ quan ban hành: {}\n",
        or_dash(doc.issuer.as_deref())
    ));
    let date = match doc.date {
        Some(d) => d.vietnamese(),
        None => {
            let p = doc.date_parts;
            let part = |v: Option<u32>| v.map_or("…".to_string(), |x| format!("{x:02}"));
            format!(
                "ngày {} tháng {} năm {} (chưa đủ)",
                part(p.day),
                part(p.month),
                p.year.map_or("…".to_string(), |y| y.to_string())
            )
        }
    };
    s.push_str(&format!(
        "Địa danh, ngày:  {}, {date}\n",
        or_dash(doc.place.as_deref())
    ));
    s.push_str(&format!(
        "Trích yếu:       {}\n",
        or_dash(doc.title.as_deref())
    ));
    s.push_str(&format!(
        "Năm kế hoạch:    {}\n",
        doc.year.map_or("—".into(), |y| y.to_string())
    ));
    let commune = match (&doc.commune, doc.commune_kind) {
        (Some(n), Some(k)) => format!("{} {n}", k.vietnamese()),
        (Some(n), None) => n.clone(),
        _ => "—".into(),
    };
    s.push_str(&format!("Xã/phường:       {commune}\n"));
    s.push_str(&format!(
        "Tỉnh/thành phố:  {}\n",
        or_dash(doc.province.as_deref())
    ));
    if !doc.basis.is_empty() {
        s.push_str("Căn cứ:\n");
        for c in &doc.basis {
            s.push_str(&format!("  • {} (dòng {})\n", c.text, c.line));
        }
    }
    s.push_str(&format!("Văn bản được viện dẫn: {}\n", doc.citations.len()));
    for c in &doc.citations {
        s.push_str(&format!(
            "  • {} {}{}{} (dòng {})\n",
            c.doc_type.as_deref().unwrap_or("?"),
            c.number.as_deref().unwrap_or(""),
            c.date
                .map_or(String::new(), |d| format!(", {}", d.vietnamese())),
            c.issuer
                .as_ref()
                .map_or(String::new(), |i| format!(", {i}")),
            c.line
        ));
    }
    s.push_str("Bố cục:\n");
    for sec in &doc.sections {
        outline(sec, 1, &mut s);
    }
    s.push_str(&format!("Nhiệm vụ: {}\n", doc.tasks.len()));
    for t in &doc.tasks {
        let text: String = t.text.chars().take(90).collect();
        let more = if t.text.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        s.push_str(&format!("  [{}] {text}{more}\n", t.reference));
        if !t.lead.is_empty() {
            s.push_str(&format!("      Chủ trì: {}\n", t.lead.join("; ")));
        }
        if !t.partners.is_empty() {
            s.push_str(&format!("      Phối hợp: {}\n", t.partners.join("; ")));
        }
        if let Some(tf) = &t.timeframe {
            s.push_str(&format!("      Thời gian: {tf}\n"));
        }
    }
    let d = &doc.delegations;
    let state = |rows: usize, none: bool| {
        if rows > 0 {
            format!("{rows}")
        } else if none {
            "không có".into()
        } else {
            "không nêu".into()
        }
    };
    s.push_str(&format!(
        "Đoàn ra: {} · Đoàn vào: {} · Hội nghị, hội thảo quốc tế: {}\n",
        state(d.outbound.len(), d.outbound_none),
        state(d.inbound.len(), d.inbound_none),
        state(d.conferences.len(), d.conferences_none)
    ));
    match &doc.signer {
        Some(sg) => s.push_str(&format!(
            "Người ký: {} / {} / {}\n",
            if sg.authority.is_empty() {
                "—".into()
            } else {
                sg.authority.join(" / ")
            },
            or_dash(sg.position.as_deref()),
            or_dash(sg.name.as_deref())
        )),
        None => s.push_str("Người ký: —\n"),
    }
    s.push_str(&format!("Nơi nhận: {}\n", doc.recipients.join("; ")));
    for w in &doc.warnings {
        s.push_str(&format!("Lưu ý: {}\n", w.message));
    }
    s
}

fn outline(sec: &Section, depth: usize, s: &mut String) {
    if sec.level >= document::model::SectionLevel::Star {
        return;
    }
    let title: String = sec.title.chars().take(80).collect();
    s.push_str(&format!(
        "{}{} {}\n",
        "  ".repeat(depth),
        sec.label,
        if title.is_empty() { "…" } else { &title }
    ));
    for c in &sec.children {
        outline(c, depth + 1, s);
    }
}
