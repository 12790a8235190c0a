//! A report written as an official document (issue 11, point 3): a Decree 30/2020 BÁO CÁO
//! in DOCX and PDF — "Số: …/BC-UBND", "Kính gửi: …", the outline with the computed figures
//! and the officer's prose, the signature, "Nơi nhận: - Như trên; … - Lưu: VT." — with the
//! annex tables after it, and the tables alone as XLSX (one sheet per biểu).
//!
//! The document is built as a [`document::model::Document`] and drawn by the same renderer
//! as the plans, so `doingoai parse` reads it back (number, date, receiver, tables).

use chrono::Datelike;
use document::model::{
    Date, DateParts, Delegations, Document, Paragraph, Section, SectionLevel, Signer, SourceInfo,
    Table,
};
use document::source::Format;
use domain::report::Block;

use crate::export::{ExportFormat, Exported};
use crate::report_content::{ContentSection, ReportContent};
use crate::{App, Error, Result};

fn section(label: &str, level: SectionLevel, head: &str, paragraphs: Vec<String>) -> Section {
    Section {
        reference: label.trim_end_matches('.').to_string(),
        label: label.to_string(),
        title: head.to_string(),
        text: paragraphs.join("\n"),
        head: head.to_string(),
        paragraphs,
        line: 0,
        para: None,
        level,
        children: Vec::new(),
    }
}

/// The paragraphs under a heading: the computed sentences, then the officer's prose.
fn body_of(s: &ContentSection, c: &ReportContent) -> Vec<String> {
    let mut out: Vec<String> = s.facts.iter().map(|f| f.text.clone()).collect();
    if s.block == Block::PlanResults {
        // The plan's sections as points a), b)… under "1.": their own labels ("1.", "2.")
        // would read as the report's items.
        for (i, r) in c.results.iter().enumerate() {
            let title = if r.title.is_empty() {
                "Nhiệm vụ khác"
            } else {
                r.title.as_str()
            };
            out.push(format!("{}) {title}", point_letter(i)));
            for t in &r.tasks {
                let mut line = format!("- {}", t.text.trim_end_matches(['.', ';']));
                if let Some(l) = &t.lead {
                    line.push_str(&format!(" ({l})"));
                }
                line.push_str(&format!(": {}", t.state_vi.to_lowercase()));
                let notes: Vec<String> = t
                    .notes
                    .iter()
                    .filter(|n| !n.text.trim().is_empty())
                    .map(|n| n.text.trim().trim_end_matches('.').to_string())
                    .collect();
                if !notes.is_empty() {
                    line.push_str(&format!("; {}", notes.join("; ")));
                }
                line.push('.');
                out.push(line);
            }
        }
    }
    out.extend(
        s.text
            .split("\n\n")
            .flat_map(|p| p.lines())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string),
    );
    out
}

/// The report as a document in the Decree 30 layout.
pub fn report_document(c: &ReportContent) -> Document {
    let (kind, commune_name) = [
        (document::model::CommuneKind::Phuong, "phường "),
        (document::model::CommuneKind::DacKhu, "đặc khu "),
        (document::model::CommuneKind::Xa, "xã "),
    ]
    .into_iter()
    .find_map(|(k, prefix)| c.commune.strip_prefix(prefix).map(|n| (k, n.to_string())))
    .unwrap_or((document::model::CommuneKind::Xa, c.commune.clone()));
    // A draft has no number and its day and month are left blank, as the Văn thư fills them
    // at signing; a numbered report carries its day.
    let numbered = !c.number.is_empty();
    let date = numbered
        .then(|| Date::new(c.date.year(), c.date.month(), c.date.day()))
        .flatten();
    let mut sections: Vec<Section> = Vec::new();
    for s in &c.sections {
        let body = body_of(s, c);
        if s.level == 1 {
            sections.push(section(&s.number, SectionLevel::Part, &s.heading, body));
        } else {
            let child = section(&s.number, SectionLevel::Item, &s.heading, body);
            match sections.last_mut() {
                Some(parent) => parent.children.push(child),
                None => sections.push(child),
            }
        }
    }
    let preamble = vec![Paragraph {
        text: format!(
            "Thực hiện {}, Ủy ban nhân dân {} báo cáo {} (số liệu từ ngày {} đến ngày {}) như \
             sau:",
            lower_first(&c.regime.name),
            c.commune,
            lower_first(&c.title),
            c.from.format("%d/%m/%Y"),
            c.to.format("%d/%m/%Y"),
        ),
        line: 0,
        para: None,
    }];
    let closing = vec![Paragraph {
        text: format!(
            "Trên đây là báo cáo {} của Ủy ban nhân dân {}./.",
            lower_first(&c.title),
            c.commune
        ),
        line: 0,
        para: None,
    }];
    let tables = c
        .annexes
        .iter()
        .map(|a| {
            let mut rows = vec![a.columns.clone()];
            rows.extend(a.rows.iter().cloned());
            let line = |text: &str| {
                let mut r = vec![String::new(); a.columns.len().max(2)];
                r[1] = text.to_string();
                r
            };
            if a.rows.is_empty() {
                rows.push(line("Không phát sinh trong kỳ"));
            }
            if let Some(t) = &a.total {
                rows.push(line(t));
            }
            Table {
                title: Some(format!("Biểu {}: {}", a.number, a.title)),
                rows,
                line: 0,
            }
        })
        .collect();
    Document {
        format_version: document::model::FORMAT_VERSION,
        source: SourceInfo {
            path: None,
            format: Format::Txt,
        },
        doc_type: Some("BC".into()),
        number: numbered.then(|| c.number.clone()),
        symbol: Some(
            c.number
                .rsplit('/')
                .next()
                .filter(|_| numbered)
                .unwrap_or("BC-UBND")
                .to_string(),
        ),
        parent_body: None,
        issuer: Some(format!("ỦY BAN NHÂN DÂN {}", c.commune).to_uppercase()),
        place: Some(commune_name.clone()),
        date,
        date_parts: DateParts {
            day: date.map(|d| d.day()),
            month: date.map(|d| d.month()),
            year: Some(c.date.year()),
        },
        title: Some(c.title.clone()),
        year: Some(c.to.year()),
        commune: Some(commune_name),
        commune_kind: Some(kind),
        province: Some(c.province.clone()),
        basis: Vec::new(),
        citations: Vec::new(),
        addressees: vec![c.receiver.clone()],
        preamble,
        sections,
        closing,
        tasks: Vec::new(),
        delegations: Delegations::default(),
        tables,
        signer: Some(Signer {
            authority: vec!["TM. ỦY BAN NHÂN DÂN".into()],
            position: Some("CHỦ TỊCH".into()),
            name: None,
            line: 0,
        }),
        recipients: vec![
            "Như trên".into(),
            format!("Thường trực Đảng ủy, HĐND {}", kind.vietnamese()),
            "Lưu: VT".into(),
        ],
        warnings: Vec::new(),
    }
}

/// The Decree 30 point letters: a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t,
/// u, v, x, y (no f, j, w, z; "đ" after "d").
fn point_letter(i: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    LETTERS
        .get(i)
        .map_or_else(|| (i + 1).to_string(), |l| l.to_string())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The annex tables as a workbook: one sheet per biểu, its title rows naming the commune
/// and the window.
pub fn annex_workbook(c: &ReportContent) -> std::result::Result<Vec<u8>, render::RenderError> {
    use render::xlsx::{Sheet, TableCell};
    let names: Vec<String> = c
        .annexes
        .iter()
        .map(|a| format!("Biểu {}", a.number))
        .collect();
    let sheets: Vec<Sheet> = c
        .annexes
        .iter()
        .zip(&names)
        .map(|(a, name)| Sheet {
            name,
            titles: vec![
                format!("Biểu {}: {}", a.number, a.title).to_uppercase(),
                format!(
                    "{} — {} (từ ngày {} đến ngày {})",
                    crate::format::capitalise(&c.commune),
                    c.period_label,
                    c.from.format("%d/%m/%Y"),
                    c.to.format("%d/%m/%Y")
                ),
            ],
            columns: a
                .columns
                .iter()
                .enumerate()
                .map(|(i, h)| (h.as_str(), if i == 1 { 50.0 } else { 16.0 }))
                .collect(),
            rows: a
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|v| match v.parse::<i64>() {
                            Ok(n) if !v.starts_with('0') || v == "0" => TableCell::Number(n as f64),
                            _ => TableCell::Text(v.clone()),
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    render::xlsx::workbook(&sheets)
}

/// "bao-cao-6-thang-2026-ha-bac".
fn slug(c: &ReportContent) -> String {
    let base = format!(
        "bao cao {} {}",
        c.period.clone().unwrap_or_else(|| c.to.to_string()),
        c.commune
    );
    let s: String = vntext::fold(&base)
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

impl App {
    /// A report's content written as DOCX, PDF or XLSX (the annex tables), on the bounded
    /// blocking pool.
    pub async fn render_report(
        &self,
        content: ReportContent,
        format: ExportFormat,
    ) -> Result<Exported> {
        let name = slug(&content);
        let (content_type, ext, bytes) = match format {
            ExportFormat::Docx => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
                self.heavy(move || render::docx::render(&report_document(&content)))
                    .await?,
            ),
            ExportFormat::Xlsx => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                self.heavy(move || annex_workbook(&content)).await?,
            ),
            #[cfg(feature = "pdf")]
            ExportFormat::Pdf => (
                "application/pdf",
                "pdf",
                self.heavy(move || render::pdf::render(&report_document(&content)))
                    .await?,
            ),
            #[cfg(not(feature = "pdf"))]
            ExportFormat::Pdf => return Err(Error::NotFound),
        };
        let bytes = bytes.map_err(|e| {
            tracing::error!("render {ext} of a report: {e}");
            Error::Internal(format!("render {ext}: {e}"))
        })?;
        Ok(Exported {
            filename: format!("{name}.{ext}"),
            content_type,
            bytes,
        })
    }
}
