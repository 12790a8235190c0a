//! The header block (Decree 30/2020, Appendix I): issuer, Quốc hiệu, Tiêu ngữ, number and
//! symbol, place and date, type name and trích yếu.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Date, DateParts};
use crate::source::Line;

/// Type names (as printed, in capitals) and their Decree 30 abbreviations (Appendix III).
pub const TYPE_NAMES: &[(&str, &str)] = &[
    ("KẾ HOẠCH", "KH"),
    ("BÁO CÁO", "BC"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("NGHỊ QUYẾT", "NQ"),
    ("CHỈ THỊ", "CT"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("THÔNG CÁO", "TC"),
    ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"),
    ("PHƯƠNG ÁN", "PA"),
    ("ĐỀ ÁN", "ĐA"),
    ("DỰ ÁN", "DA"),
    ("BIÊN BẢN", "BB"),
    ("TỜ TRÌNH", "TTr"),
    ("HỢP ĐỒNG", "HĐ"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("GIẤY MỜI", "GM"),
    ("GIẤY GIỚI THIỆU", "GGT"),
];

/// The abbreviation of a type name written in capitals at the start of `s`, and the rest.
pub fn type_name_at_start(s: &str) -> Option<(&'static str, &str)> {
    for (name, abbr) in TYPE_NAMES {
        if let Some(rest) = s.strip_prefix(name)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return Some((abbr, rest.trim()));
        }
    }
    None
}

/// True for abbreviations listed in Appendix III (and NĐ/TT for decrees and circulars).
pub fn is_type_abbreviation(s: &str) -> bool {
    TYPE_NAMES.iter().any(|(_, a)| *a == s) || matches!(s, "NĐ" | "TT" | "KL" | "CV")
}

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<place>[^,]{1,60}),\s*)?ngày\s*(?P<d>\d{1,2})?\s*(?:/|tháng)\s*(?P<m>\d{1,2})?\s*(?:/|năm)\s*(?P<y>\d{4})?\s*$")
        .expect("valid regex")
});

/// What the header block holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    pub parent_body: Option<String>,
    pub issuer: Option<String>,
    pub issuer_line: Option<usize>,
    pub has_national_title: bool,
    pub has_motto: bool,
    /// The "Số:" value as written, e.g. "42/KH-UBND" or "/KH-UBND".
    pub number_field: Option<String>,
    pub place: Option<String>,
    pub date_parts: DateParts,
    pub date: Option<Date>,
    pub type_abbr: Option<&'static str>,
    pub title: Option<String>,
    /// Index of the first line after the header block.
    pub end: usize,
}

/// True for the first line of the body: a basis ("Thực hiện", "Căn cứ"), "Kính gửi", a
/// part or item label, or a long ordinary sentence.
fn starts_body(text: &str) -> bool {
    let f = vntext::fold(text);
    f.starts_with("thuc hien ")
        || f.starts_with("can cu ")
        || f.starts_with("kinh gui")
        || f.starts_with("tren co so ")
        || f.starts_with("de trien khai ")
        || super::sections::parse_label(text)
            .is_some_and(|(l, _)| l.level <= crate::model::SectionLevel::Item)
        || (text.chars().count() > 160 && text.chars().any(char::is_lowercase))
}

/// Reads the header from the first lines.
pub fn read_header(lines: &[Line]) -> Header {
    let mut h = Header::default();
    let limit = lines.len().min(30);
    let end = (0..limit)
        .find(|&i| starts_body(&lines[i].text))
        .unwrap_or(0);
    h.end = end;
    let mut issuer_lines: Vec<(usize, String)> = Vec::new();
    let mut type_seen = false;
    let mut title_parts: Vec<String> = Vec::new();
    let mut loose_lines: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end) {
        if line.cells.is_some() {
            continue;
        }
        let text = line.text.trim();
        let f = vntext::fold(text);
        if f.contains("cong hoa xa hoi chu nghia viet nam") {
            h.has_national_title = true;
            continue;
        }
        if f.contains("doc lap") && f.contains("hanh phuc") {
            h.has_motto = true;
            continue;
        }
        if let Some(rest) = f.strip_prefix("so")
            && rest.trim_start().starts_with(':')
            && text.contains('/')
        {
            let value = text
                .split_once(':')
                .map(|(_, v)| v.split_whitespace().collect::<String>())
                .unwrap_or_default();
            h.number_field = Some(value);
            continue;
        }
        if let Some(c) = PLACE_DATE.captures(text) {
            h.place = c
                .name("place")
                .map(|p| p.as_str().trim().to_string())
                .filter(|p| !p.is_empty());
            let num = |n: &str| c.name(n).and_then(|g| g.as_str().parse::<u32>().ok());
            h.date_parts = DateParts {
                day: num("d"),
                month: num("m"),
                year: num("y").map(|y| y as i32),
            };
            if let (Some(d), Some(m), Some(y)) = (num("d"), num("m"), num("y")) {
                h.date = Date::new(y as i32, m, d);
            }
            continue;
        }
        if !type_seen && let Some((abbr, rest)) = type_name_at_start(text) {
            type_seen = true;
            h.type_abbr = Some(abbr);
            if !rest.is_empty() {
                title_parts.push(rest.to_string());
            }
            continue;
        }
        if type_seen {
            title_parts.push(text.to_string());
        } else if vntext::is_all_caps(text) {
            issuer_lines.push((i, text.to_string()));
        } else {
            loose_lines.push(text.to_string());
        }
    }
    if !title_parts.is_empty() {
        h.title = Some(title_parts.join(" "));
    } else if !loose_lines.is_empty() {
        // No type line: a plan pasted without its header keeps only the trích yếu.
        h.title = Some(loose_lines.join(" "));
    }
    // Issuer: the last caps lines; "ỦY BAN NHÂN DÂN" + "XÃ …" form one name, anything above
    // is the parent body.
    if !issuer_lines.is_empty() {
        let n = issuer_lines.len();
        let starts_unit = |s: &str| {
            let f = vntext::fold(s);
            f.starts_with("xa ") || f.starts_with("phuong ") || f.starts_with("dac khu ")
        };
        let take = if n >= 2 && starts_unit(&issuer_lines[n - 1].1) {
            2
        } else {
            1
        };
        let issuer: Vec<&str> = issuer_lines[n - take..]
            .iter()
            .map(|(_, s)| s.as_str())
            .collect();
        h.issuer = Some(issuer.join(" "));
        h.issuer_line = Some(issuer_lines[n - take].0);
        if n > take {
            let parent: Vec<&str> = issuer_lines[..n - take]
                .iter()
                .map(|(_, s)| s.as_str())
                .collect();
            h.parent_body = Some(parent.join(" "));
        }
    }
    h
}

/// Splits a "Số:" value into (number, symbol): "42/KH-UBND" → (Some("42/KH-UBND"),
/// "KH-UBND"); "/KH-UBND" → (None, "KH-UBND"); Party form "120-KH/ĐU" → (Some, "KH/ĐU").
pub fn split_number(field: &str) -> (Option<String>, Option<String>) {
    let f = field.trim().trim_end_matches(['.', ',', ';']);
    let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
    let rest = &f[digits.len()..];
    let symbol = rest.trim_start_matches(['/', '-']).trim();
    let symbol = (!symbol.is_empty()).then(|| symbol.to_string());
    if digits.is_empty() {
        (None, symbol)
    } else {
        (Some(f.to_string()), symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Line> {
        v.iter().map(|s| Line::plain(*s)).collect()
    }

    #[test]
    fn a_full_header_is_read() {
        let h = read_header(&lines(&[
            "ỦY BAN NHÂN DÂN",
            "XÃ HÀ BẮC",
            "Số: /KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập-Tự do-Hạnh phúc",
            "Hà Bắc, ngày tháng năm 2025",
            "KẾ HOẠCH",
            "Hoạt động đối ngoại năm 2026",
            "Thực hiện Công văn số 2780/NV-LSNVNONN.",
        ]));
        assert_eq!(h.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN XÃ HÀ BẮC"));
        assert!(h.has_national_title && h.has_motto);
        assert_eq!(h.number_field.as_deref(), Some("/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Hà Bắc"));
        assert_eq!(
            h.date_parts,
            DateParts {
                day: None,
                month: None,
                year: Some(2025)
            }
        );
        assert_eq!(h.type_abbr, Some("KH"));
        assert_eq!(h.title.as_deref(), Some("Hoạt động đối ngoại năm 2026"));
        assert_eq!(h.end, 8);
    }

    #[test]
    fn type_and_title_on_one_line_and_a_complete_date() {
        let h = read_header(&lines(&[
            "Số: 05/KH-UBND",
            "Thượng Ninh, ngày 05 tháng 01 năm 2026",
            "KẾ HOẠCH Hoạt động đối ngoại xã Thượng Ninh năm 2026",
            "Thực hiện Kế hoạch số 13/KH-UBND.",
        ]));
        assert_eq!(h.date.map(|d| d.iso()).as_deref(), Some("2026-01-05"));
        assert_eq!(
            h.title.as_deref(),
            Some("Hoạt động đối ngoại xã Thượng Ninh năm 2026")
        );
        assert_eq!(
            split_number(h.number_field.as_deref().unwrap()),
            (Some("05/KH-UBND".into()), Some("KH-UBND".into()))
        );
    }

    #[test]
    fn a_blank_number_keeps_its_symbol() {
        assert_eq!(split_number("/KH-UBND"), (None, Some("KH-UBND".into())));
        assert_eq!(split_number(""), (None, None));
    }
}
