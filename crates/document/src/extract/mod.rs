//! Extraction of the document model from a normalised [`Source`].
//!
//! The zones of an administrative document, in order: header (issuer, Quốc hiệu, number,
//! place and date, type, trích yếu) → preamble (basis: "Thực hiện …", "Căn cứ …") → body
//! (the section tree) → closing ("Trên đây là …", Nơi nhận, signature) → appendices
//! (tables). Each rule lives in its own module.

pub mod citations;
pub mod closing;
pub mod delegations;
pub mod header;
pub mod places;
pub mod sections;
pub mod tasks;
pub mod units;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::*;
use crate::source::{Line, Source};

static SELF_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|Ủy ban Nhân dân)\s+(xã|phường|đặc khu|XÃ|PHƯỜNG|ĐẶC KHU)\s+(\S.*)")
        .expect("valid regex")
});
static KIND_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(xã|phường|đặc khu)\s+(\p{Lu}.*)").expect("valid regex"));
static YEAR_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)năm\s+(\d{4})").expect("valid regex"));

fn kind_from(word: &str) -> Option<CommuneKind> {
    match vntext::fold(word).as_str() {
        "xa" => Some(CommuneKind::Xa),
        "phuong" => Some(CommuneKind::Phuong),
        "dac khu" => Some(CommuneKind::DacKhu),
        _ => None,
    }
}

/// True for the first line of the closing zone.
fn is_closing(text: &str) -> bool {
    // The markers are short prefixes: fold only the start of the line.
    let head: String = text.chars().take(24).collect();
    let f = vntext::fold(&head);
    f.starts_with("tren day la ")
        || f.starts_with("noi nhan")
        || closing::is_authority_line(text)
        || f.starts_with("bang tong hop")
}

fn warn(ws: &mut Vec<Warning>, code: &str, message: &str, line: Option<usize>) {
    ws.push(Warning {
        code: code.to_string(),
        message: message.to_string(),
        line,
    });
}

/// Extracts the model. Total: never fails; what cannot be found is `None`/empty and
/// doubtful findings add a [`Warning`].
pub fn extract(source: &Source, path: Option<&str>) -> Document {
    let lines = &source.lines;
    let mut warnings = Vec::new();
    let h = header::read_header(lines);
    let body_start = h.end;
    let closing_start = (body_start..lines.len())
        .find(|&i| lines[i].cells.is_none() && is_closing(&lines[i].text))
        .unwrap_or(lines.len());
    let first_label = (body_start..closing_start)
        .find(|&i| {
            lines[i].cells.is_none()
                && sections::parse_label(&lines[i].text)
                    .is_some_and(|(l, _)| l.level <= SectionLevel::Point)
        })
        .unwrap_or(closing_start);

    // Number, symbol, type.
    let (number, symbol) = h
        .number_field
        .as_deref()
        .map(header::split_number)
        .unwrap_or((None, None));
    let symbol_type = symbol
        .as_deref()
        .and_then(|s| s.split(['-', '/']).next())
        .filter(|t| header::is_type_abbreviation(t))
        .map(str::to_string);
    let mut doc_type = symbol_type.or_else(|| h.type_abbr.map(str::to_string));
    if doc_type.is_none() {
        doc_type = infer_type(lines);
        if doc_type.is_some() {
            warn(
                &mut warnings,
                "type_inferred",
                "Không có dòng tên loại văn bản; tên loại được suy ra từ nội dung.",
                None,
            );
        }
    }
    if h.type_abbr.is_none() {
        warn(
            &mut warnings,
            "no_type_line",
            "Không có dòng tên loại văn bản (ví dụ \"KẾ HOẠCH\") ở phần đầu.",
            None,
        );
    }
    if h.has_national_title && !h.has_motto {
        warn(
            &mut warnings,
            "no_motto",
            "Có Quốc hiệu nhưng thiếu Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\".",
            None,
        );
    }
    if !h.has_national_title {
        warn(
            &mut warnings,
            "no_national_title",
            "Không tìm thấy Quốc hiệu, Tiêu ngữ ở phần đầu văn bản.",
            None,
        );
    }
    if h.number_field.is_none() {
        warn(
            &mut warnings,
            "no_number",
            "Không tìm thấy dòng số, ký hiệu văn bản.",
            None,
        );
    } else if number.is_none() {
        warn(
            &mut warnings,
            "number_blank",
            "Số văn bản để trống (chưa cấp số).",
            None,
        );
    }
    if h.date.is_none() && h.date_parts != DateParts::default() {
        warn(
            &mut warnings,
            "date_incomplete",
            "Ngày ban hành chưa ghi đủ ngày, tháng, năm.",
            None,
        );
    }

    // Citations (the header's own number is not a citation) and basis.
    let mut citations = Vec::new();
    let mut basis = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i < body_start && i + 1 != h.issuer_line.unwrap_or(usize::MAX) {
            let f = vntext::fold(&line.text);
            if f.starts_with("so:") || f.starts_with("so :") {
                continue;
            }
        }
        let found = citations::find_citations(&line.text, i + 1, line.para);
        if (body_start..first_label).contains(&i) {
            basis.extend(found.iter().cloned());
        }
        citations.extend(found);
    }

    // Section tree and tasks.
    let tree = sections::build_tree(lines, first_label..closing_start);
    let sections = tree.to_sections();
    let tasks = tasks::extract_tasks(&tree);

    // Delegations and tables.
    let mut delegations = Delegations::default();
    delegations::none_statements(lines, &mut delegations);
    let tables = delegations::read_tables(lines, &mut delegations);

    // Closing.
    let signer = closing::find_signer(lines, closing_start);
    if signer.is_none() {
        warn(
            &mut warnings,
            "no_signer",
            "Không tìm thấy phần ký (thẩm quyền, chức vụ, họ tên).",
            None,
        );
    }
    let (recipients, _) = closing::find_recipients(lines, closing_start);

    let paragraphs = |range: std::ops::Range<usize>| -> Vec<Paragraph> {
        range
            .filter_map(|i| {
                let l = lines.get(i)?;
                l.cells.is_none().then(|| Paragraph {
                    text: l.text.clone(),
                    line: i + 1,
                    para: l.para,
                })
            })
            .collect()
    };
    let (addressees, addressed_end) = addressees_at(lines, body_start, first_label);
    let preamble = paragraphs(addressed_end..first_label.max(addressed_end));
    // The closing paragraphs run to the recipients, the signature or an appendix table.
    let closing_end = (closing_start..lines.len())
        .find(|&i| {
            let f = vntext::fold(&lines[i].text);
            lines[i].cells.is_some()
                || f.starts_with("noi nhan")
                || f.starts_with("bang tong hop")
                || closing::is_authority_line(&lines[i].text)
        })
        .unwrap_or(lines.len());
    let closing = paragraphs(closing_start..closing_end);

    // Who: commune, province, issuer.
    let preamble_lines: Vec<&Line> = lines[body_start..first_label.max(body_start)]
        .iter()
        .collect();
    let (commune, commune_kind) = find_commune(&h, &preamble_lines, lines);
    let province = find_province(&basis, &preamble_lines, &h, lines);
    let issuer = h.issuer.clone().or_else(|| {
        let (name, kind) = (commune.as_ref()?, commune_kind?);
        warn(
            &mut warnings,
            "issuer_inferred",
            "Không có tên cơ quan ban hành ở phần đầu; suy ra từ nội dung.",
            None,
        );
        Some(format!("Ủy ban nhân dân {} {}", kind.vietnamese(), name))
    });

    // The year the plan is for: the title's "năm 2026", else the basis, else the date.
    let year = h
        .title
        .as_deref()
        .and_then(last_year)
        .or_else(|| preamble_lines.iter().find_map(|l| last_year(&l.text)))
        .or(h.date_parts.year);

    Document {
        format_version: FORMAT_VERSION,
        source: SourceInfo {
            path: path.map(str::to_string),
            format: source.format,
        },
        doc_type,
        number,
        symbol,
        parent_body: h.parent_body.clone(),
        issuer,
        place: h.place.clone(),
        date: h.date,
        date_parts: h.date_parts,
        title: h.title.clone(),
        year,
        commune,
        commune_kind,
        province: province.map(str::to_string),
        basis,
        citations,
        addressees,
        preamble,
        sections,
        closing,
        tasks,
        delegations,
        tables,
        signer,
        recipients,
        warnings,
    }
}

/// The "Kính gửi" block at the start of the body: "Kính gửi: Sở Ngoại vụ." on one line, or
/// "Kính gửi:" followed by "- X;" lines. The addressees without their punctuation, and the
/// first line after the block (`start` when there is none).
fn addressees_at(lines: &[Line], start: usize, end: usize) -> (Vec<String>, usize) {
    let Some(first) = lines.get(start).filter(|l| l.cells.is_none()) else {
        return (Vec::new(), start);
    };
    let head: String = first.text.chars().take(10).collect();
    if !vntext::fold(&head).starts_with("kinh gui") {
        return (Vec::new(), start);
    }
    let clean = |s: &str| {
        s.trim()
            .trim_start_matches(['-', '+', '•'])
            .trim()
            .trim_end_matches(['.', ';', ','])
            .trim()
            .to_string()
    };
    let rest: String = first.text.chars().skip(8).collect();
    let rest = rest.trim_start().trim_start_matches(':').trim();
    let mut out: Vec<String> = Vec::new();
    if !rest.is_empty() {
        out.push(clean(rest));
    }
    let mut i = start + 1;
    while i < end.max(start + 1) && i < lines.len() {
        let t = lines[i].text.trim();
        if lines[i].cells.is_some() || !(t.starts_with('-') || t.starts_with('+')) {
            break;
        }
        // A "- X;" line belongs to the block only while it is short and the block is a
        // list (the single-line form ends with its full stop).
        if t.chars().count() > 200 || (!out.is_empty() && rest.ends_with('.')) {
            break;
        }
        out.push(clean(t));
        i += 1;
    }
    out.retain(|s| !s.is_empty());
    (out, i)
}

fn last_year(text: &str) -> Option<i32> {
    YEAR_IN_TEXT
        .captures_iter(text)
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .filter(|y| (1900..=2199).contains(y))
        .last()
}

/// Infers the type from the body when the header lacks it ("ban hành Kế hoạch …",
/// "Trên đây là Kế hoạch …").
fn infer_type(lines: &[Line]) -> Option<String> {
    for line in lines {
        if !line.text.contains(['ế', 'Ế', 'á', 'Á', 'ư', 'Ư']) {
            // Every marker below has "kế", "báo" or "chương": skip lines without them.
            continue;
        }
        let f = vntext::fold(&line.text);
        for (marker, abbr) in [
            ("tren day la ke hoach", "KH"),
            ("ban hanh ke hoach", "KH"),
            ("xay dung ke hoach", "KH"),
            ("tren day la bao cao", "BC"),
            ("tren day la chuong trinh", "CTr"),
        ] {
            if f.contains(marker) {
                return Some(abbr.to_string());
            }
        }
    }
    None
}

/// The commune: from the issuer in the header, else from the way the text names itself
/// ("UBND xã Hà Bắc xây dựng …" in the preamble), else the title, else the most frequent
/// "xã X" in the document.
fn find_commune(
    h: &header::Header,
    preamble: &[&Line],
    lines: &[Line],
) -> (Option<String>, Option<CommuneKind>) {
    let from_caps = |s: &str| -> Option<(String, CommuneKind)> {
        let c = SELF_REFERENCE.captures(s)?;
        let kind = kind_from(c.get(1)?.as_str())?;
        let rest = c.get(2)?.as_str();
        let name = if vntext::is_all_caps(rest) {
            places::title_case(rest.trim())
        } else {
            places::leading_proper_name(rest)?
        };
        Some((name, kind))
    };
    // Prefer the spelling used in the body for a name read from capitals.
    let body_spelling = |name: &str| -> String {
        let target = vntext::fold(name);
        for l in lines {
            for c in KIND_NAME.captures_iter(&l.text) {
                if let Some(n) = c
                    .get(2)
                    .and_then(|m| places::leading_proper_name(m.as_str()))
                    && vntext::fold(&n) == target
                {
                    return n;
                }
            }
        }
        name.to_string()
    };
    if let Some(issuer) = &h.issuer
        && let Some((name, kind)) = from_caps(issuer)
    {
        return (Some(body_spelling(&name)), Some(kind));
    }
    for l in preamble {
        if let Some((name, kind)) = from_caps(&l.text) {
            return (Some(name), Some(kind));
        }
    }
    if let Some(title) = &h.title
        && let Some(c) = KIND_NAME.captures(title)
        && let (Some(kind), Some(name)) = (
            c.get(1).and_then(|k| kind_from(k.as_str())),
            c.get(2)
                .and_then(|m| places::leading_proper_name(m.as_str())),
        )
    {
        return (Some(name), Some(kind));
    }
    let mut counts: HashMap<(String, CommuneKind), usize> = HashMap::new();
    for l in lines {
        for c in KIND_NAME.captures_iter(&l.text) {
            if let (Some(kind), Some(name)) = (
                c.get(1).and_then(|k| kind_from(k.as_str())),
                c.get(2)
                    .and_then(|m| places::leading_proper_name(m.as_str())),
            ) {
                *counts.entry((name, kind)).or_default() += 1;
            }
        }
    }
    if let Some(place) = &h.place {
        // The place in the date line is usually the commune's name.
        if let Some(((name, kind), _)) = counts
            .iter()
            .find(|((n, _), _)| vntext::fold(n) == vntext::fold(place))
        {
            return (Some(name.clone()), Some(*kind));
        }
    }
    match counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.0.cmp(&a.0.0)))
    {
        Some(((name, kind), _)) => (Some(name), Some(kind)),
        None => (None, None),
    }
}

/// The province: named in the basis (the province's plan or the Sở's letter), else in the
/// preamble, title or header, else anywhere.
fn find_province(
    basis: &[Citation],
    preamble: &[&Line],
    h: &header::Header,
    lines: &[Line],
) -> Option<&'static str> {
    for c in basis {
        if let Some((p, _)) = places::find_province(&c.text) {
            return Some(p);
        }
    }
    for l in preamble {
        if let Some((p, _)) = places::find_province(&l.text) {
            return Some(p);
        }
    }
    for s in [h.title.as_deref(), h.parent_body.as_deref()]
        .into_iter()
        .flatten()
    {
        if let Some((p, _)) = places::find_province(s) {
            return Some(p);
        }
    }
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for l in lines {
        if let Some((p, _)) = places::find_province(&l.text) {
            *counts.entry(p).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(p, _)| p)
}
