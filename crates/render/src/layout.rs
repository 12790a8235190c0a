//! From the document model to layout blocks in the Decree 30/2020 order: header, type and
//! trích yếu, preamble, sections, closing, recipients beside the signature, appendix tables.
//!
//! Layout completes what an issued document needs and a pasted draft may lack: the header
//! (issuer, Quốc hiệu, Tiêu ngữ, "Số: …", place and date) is always drawn, from the parsed
//! values or, when absent, from the commune and type (a blank number and blank day/month are
//! drawn as blanks to be filled at signing, as the Văn thư does).

use document::model::{Document, Section, SectionLevel, Table};

/// The header block (two-column table at the top of page 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Parent body (cơ quan chủ quản), capitals, regular. Usually none for a commune.
    pub parent: Option<String>,
    /// Issuing body lines, capitals, bold ("ỦY BAN NHÂN DÂN", "XÃ HÀ BẮC").
    pub issuer: Vec<String>,
    /// "Số: 05/KH-UBND" or "Số:      /KH-UBND".
    pub number_line: String,
    /// "Hà Bắc, ngày 05 tháng 01 năm 2026" (blanks kept for a draft).
    pub place_date: String,
}

/// Kinds of body paragraph, each with its own Word style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Ordinary justified body text with first-line indent.
    Body,
    /// Part heading "I. MỤC ĐÍCH, YÊU CẦU" (bold).
    Part,
    /// Item heading "1. Mục đích" (bold).
    Item,
    /// Sub-item or point heading "1.1. …", "a) …" (bold italic for sub-items, regular for points).
    SubItem,
    Point,
    /// A bullet paragraph "- …", "+ …", "* …".
    Bullet,
    /// "Kính gửi: …" (centred under the title, Decree 30/2020 Appendix I, item 9b).
    Addressee,
}

/// One block of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Header(Header),
    /// Type name in capitals ("KẾ HOẠCH") and the trích yếu below it.
    Title {
        type_name: String,
        title: String,
    },
    Paragraph {
        kind: ParaKind,
        text: String,
    },
    /// Recipients (left) beside the signature block (right).
    Closing {
        recipients: Vec<String>,
        authority: Vec<String>,
        position: Option<String>,
        name: Option<String>,
    },
    /// An appendix table: drawn on a landscape page.
    Table(Table),
}

/// Type abbreviations and their names in capitals (Decree 30, Appendix III).
pub fn type_name(abbr: &str) -> &'static str {
    match abbr {
        "KH" => "KẾ HOẠCH",
        "BC" => "BÁO CÁO",
        "CTr" => "CHƯƠNG TRÌNH",
        "QĐ" => "QUYẾT ĐỊNH",
        "NQ" => "NGHỊ QUYẾT",
        "CT" => "CHỈ THỊ",
        "QC" => "QUY CHẾ",
        "QyĐ" => "QUY ĐỊNH",
        "TB" => "THÔNG BÁO",
        "HD" => "HƯỚNG DẪN",
        "PA" => "PHƯƠNG ÁN",
        "ĐA" => "ĐỀ ÁN",
        "TTr" => "TỜ TRÌNH",
        _ => "KẾ HOẠCH",
    }
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// The header of `doc`, completed as described in the module documentation.
pub fn header(doc: &Document) -> Header {
    let kind = doc.commune_kind.map(|k| k.vietnamese()).unwrap_or("xã");
    let issuer: Vec<String> = match (&doc.issuer, &doc.commune) {
        (Some(i), _) if vntext::is_all_caps(i) => split_issuer(i),
        (_, Some(name)) => vec!["ỦY BAN NHÂN DÂN".into(), upper(&format!("{kind} {name}"))],
        (Some(i), None) => split_issuer(&upper(i)),
        (None, None) => vec!["ỦY BAN NHÂN DÂN".into()],
    };
    let symbol = doc
        .symbol
        .clone()
        .unwrap_or_else(|| format!("{}-UBND", doc.doc_type.as_deref().unwrap_or("KH")));
    let number_line = match &doc.number {
        Some(n) => format!("Số: {n}"),
        None => format!("Số:      /{symbol}"),
    };
    let place = doc
        .place
        .clone()
        .or_else(|| doc.commune.clone())
        .unwrap_or_default();
    let p = doc.date_parts;
    let two = |v: Option<u32>| v.map_or("     ".to_string(), |x| format!("{x:02}"));
    let year = p
        .year
        .or(doc.date.map(|d| d.year()))
        .map_or("       ".to_string(), |y| y.to_string());
    let place_date = match doc.date {
        Some(d) => format!("{place}, {}", d.vietnamese()),
        None => format!(
            "{place}, ngày {} tháng {} năm {year}",
            two(p.day),
            two(p.month)
        ),
    };
    Header {
        parent: doc.parent_body.clone(),
        issuer,
        number_line,
        place_date,
    }
}

/// "ỦY BAN NHÂN DÂN XÃ HÀ BẮC" → ["ỦY BAN NHÂN DÂN", "XÃ HÀ BẮC"].
fn split_issuer(s: &str) -> Vec<String> {
    for kind in [" XÃ ", " PHƯỜNG ", " ĐẶC KHU "] {
        if let Some(pos) = s.find(kind) {
            return vec![s[..pos].trim().to_string(), s[pos + 1..].trim().to_string()];
        }
    }
    vec![s.to_string()]
}

fn section_blocks(s: &Section, out: &mut Vec<Block>) {
    let kind = match s.level {
        SectionLevel::Part => ParaKind::Part,
        SectionLevel::Item => ParaKind::Item,
        SectionLevel::SubItem => ParaKind::SubItem,
        SectionLevel::Point => ParaKind::Point,
        _ => ParaKind::Bullet,
    };
    let label = match s.level {
        // Decree 30 form for points is "a)"; the "a." form is normalised on output.
        SectionLevel::Point => format!("{})", s.label.trim_end_matches(['.', ')'])),
        _ => s.label.clone(),
    };
    let text = if s.head.is_empty() {
        label
    } else {
        format!("{label} {}", s.head)
    };
    // Only a line that is all heading is drawn as a heading; a sentence item, or a heading
    // followed by its text on the same line ("2. Kinh phí: Kinh phí thực hiện từ …"), is
    // body text with a label.
    let pure_heading = !s.title.is_empty()
        && document::extract::sections::split_head(&s.head)
            .1
            .is_empty();
    let kind =
        if matches!(kind, ParaKind::Item | ParaKind::SubItem | ParaKind::Point) && !pure_heading {
            ParaKind::Body
        } else {
            kind
        };
    out.push(Block::Paragraph { kind, text });
    for p in &s.paragraphs {
        out.push(Block::Paragraph {
            kind: ParaKind::Body,
            text: p.clone(),
        });
    }
    for c in &s.children {
        section_blocks(c, out);
    }
}

/// The blocks of `doc`, in page order.
pub fn blocks(doc: &Document) -> Vec<Block> {
    let mut out = vec![Block::Header(header(doc))];
    out.push(Block::Title {
        type_name: type_name(doc.doc_type.as_deref().unwrap_or("KH")).to_string(),
        title: doc.title.clone().unwrap_or_default(),
    });
    match doc.addressees.as_slice() {
        [] => {}
        [one] => out.push(Block::Paragraph {
            kind: ParaKind::Addressee,
            text: format!("Kính gửi: {one}."),
        }),
        many => {
            out.push(Block::Paragraph {
                kind: ParaKind::Addressee,
                text: "Kính gửi:".into(),
            });
            for (i, a) in many.iter().enumerate() {
                out.push(Block::Paragraph {
                    kind: ParaKind::Addressee,
                    text: recipient_line(a, i + 1 == many.len()),
                });
            }
        }
    }
    for p in &doc.preamble {
        out.push(Block::Paragraph {
            kind: ParaKind::Body,
            text: p.text.clone(),
        });
    }
    for s in &doc.sections {
        section_blocks(s, &mut out);
    }
    for p in &doc.closing {
        out.push(Block::Paragraph {
            kind: ParaKind::Body,
            text: p.text.clone(),
        });
    }
    let (authority, position, name) = match &doc.signer {
        Some(s) => (
            s.authority.iter().map(|a| authority_line(a)).collect(),
            s.position.clone(),
            s.name.clone(),
        ),
        None => (
            vec!["TM. ỦY BAN NHÂN DÂN".to_string()],
            Some("CHỦ TỊCH".into()),
            None,
        ),
    };
    out.push(Block::Closing {
        recipients: doc.recipients.clone(),
        authority,
        position,
        name,
    });
    for t in &doc.tables {
        out.push(Block::Table(t.clone()));
    }
    out
}

/// An authority line with the space Decree 30 puts after the prefix: "TM.ỦY BAN NHÂN DÂN" →
/// "TM. ỦY BAN NHÂN DÂN".
pub fn authority_line(a: &str) -> String {
    for prefix in ["TM.", "KT.", "TUQ.", "TL.", "Q."] {
        if let Some(rest) = a.strip_prefix(prefix)
            && !rest.starts_with(' ')
            && !rest.is_empty()
        {
            return format!("{prefix} {rest}");
        }
    }
    a.to_string()
}

/// A recipient line as Decree 30 prints it: "- X;" and, for the last one, "- X.".
pub fn recipient_line(r: &str, last: bool) -> String {
    format!("- {}{}", r, if last { "." } else { ";" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_lines_get_the_space_after_their_prefix() {
        assert_eq!(authority_line("TM.ỦY BAN NHÂN DÂN"), "TM. ỦY BAN NHÂN DÂN");
        assert_eq!(authority_line("KT. CHỦ TỊCH"), "KT. CHỦ TỊCH");
        assert_eq!(authority_line("CHỦ TỊCH"), "CHỦ TỊCH");
    }

    #[test]
    fn the_issuer_splits_before_the_commune_kind() {
        assert_eq!(
            split_issuer("ỦY BAN NHÂN DÂN XÃ HÀ BẮC"),
            vec!["ỦY BAN NHÂN DÂN", "XÃ HÀ BẮC"]
        );
        assert_eq!(
            split_issuer("ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH"),
            vec!["ỦY BAN NHÂN DÂN", "PHƯỜNG BA ĐÌNH"]
        );
        assert_eq!(split_issuer("SỞ NGOẠI VỤ"), vec!["SỞ NGOẠI VỤ"]);
    }

    #[test]
    fn a_draft_header_keeps_its_blanks_and_is_completed_from_the_commune() {
        let doc = document::parse_bytes(
            "Thực hiện Kế hoạch số 1/KH-UBND, UBND xã Đức Thịnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH".as_bytes(),
            None,
        )
        .expect("parses");
        let h = header(&doc);
        assert_eq!(h.issuer, vec!["ỦY BAN NHÂN DÂN", "XÃ ĐỨC THỊNH"]);
        assert_eq!(h.number_line, "Số:      /KH-UBND");
        assert!(
            h.place_date.starts_with("Đức Thịnh, ngày "),
            "{}",
            h.place_date
        );
    }
}
