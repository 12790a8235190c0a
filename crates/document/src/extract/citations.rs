//! Citations of other documents: "Kế hoạch số 42/KH-UBND ngày 29/01/2026 của Ủy ban nhân
//! dân tỉnh Hà Tĩnh về việc …", Party forms ("Chỉ thị số 12-CT/TW") and State forms
//! ("Nghị định 88/2012/NĐ-CP"), dates as "ngày 05/01/2022" or "ngày 05 tháng 01 năm 2022".

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Citation, CitationSystem, Date};

static STATE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(\d{1,5})/(?:(\d{4})/)?((?:[A-ZĐ][A-Za-zĐđ0-9]*)(?:-[A-ZĐa-zđ][A-Za-zĐđ0-9]*)*)",
    )
    .expect("valid regex")
});
static PARTY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(\d{1,5})-([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐa-zđ][A-Za-zĐđ0-9]*)*)",
    )
    .expect("valid regex")
});
static TYPE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(công văn|kế hoạch(?: hành động)?|nghị quyết|nghị định|quyết định|chỉ thị|kết luận|thông tư liên tịch|thông tư|thông báo|hướng dẫn|chương trình(?: hành động)?|luật|báo cáo|đề án|quy chế|quy định|văn bản|thông tri|công điện)\s+(?:số\s*:?\s*)?$")
        .expect("valid regex")
});
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
        .expect("valid regex")
});
static ABBREV_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\([A-ZĐ]{2,8}\)").expect("valid regex"));

/// Decree 30 abbreviations that may open a symbol, with the type they name.
const TYPE_ABBREVIATIONS: &[&str] = &[
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS",
    "SL", "NĐ", "TT", "TTLT", "KL", "QĐi", "TTg", "L",
];

fn type_from_word(word: &str) -> Option<&'static str> {
    let w = vntext::fold(word);
    Some(match w.as_str() {
        s if s.starts_with("cong van") => "CV",
        s if s.starts_with("ke hoach") => "KH",
        "nghi quyet" => "NQ",
        "nghi dinh" => "NĐ",
        "quyet dinh" => "QĐ",
        "chi thi" => "CT",
        "ket luan" => "KL",
        "thong tu lien tich" => "TTLT",
        "thong tu" => "TT",
        "thong bao" => "TB",
        "huong dan" => "HD",
        s if s.starts_with("chuong trinh") => "CTr",
        "luat" => "Luật",
        "bao cao" => "BC",
        "de an" => "ĐA",
        "quy che" => "QC",
        "quy dinh" => "QyĐ",
        "cong dien" => "CĐ",
        _ => return None,
    })
}

/// Where a citation's issuer or subject stops.
const ISSUER_STOPS: &[&str] = &[
    " về ",
    " ban hành ",
    " phê duyệt ",
    " quy định ",
    " triển khai ",
    " thực hiện ",
    " hướng dẫn ",
    " tiếp tục ",
    " trên địa bàn",
    " đến năm ",
    " giai đoạn ",
    " nhằm ",
    " để ",
    " đã ",
    " và ",
    " khóa ",
    " khoá ",
    " tại ",
    " với ",
    " theo ",
];

/// Finds every citation in `text` (one logical line, number `line`). The document's own
/// number is not passed here.
pub fn find_citations(text: &str, line: usize, para: Option<usize>) -> Vec<Citation> {
    // Every number form has a slash: most lines have none and need no regex at all.
    if !text.contains('/') {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize, Citation)> = Vec::new();
    for (re, system) in [
        (&*PARTY_NUMBER, CitationSystem::Party),
        (&*STATE_NUMBER, CitationSystem::State),
    ] {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("group 0");
            if found
                .iter()
                .any(|(s, e, _)| whole.start() < *e && *s < whole.end())
            {
                continue;
            }
            // A date such as 05/7/2018 is not a number: STATE_NUMBER needs a letter after the
            // slash, so dates never match; "B/c" has no leading digit.
            let symbol_part = match system {
                CitationSystem::Party => format!(
                    "{}/{}",
                    m.get(2).map_or("", |g| g.as_str()),
                    m.get(3).map_or("", |g| g.as_str())
                ),
                _ => m.get(3).map_or("", |g| g.as_str()).to_string(),
            };
            let first_part = symbol_part
                .split(['-', '/'])
                .next()
                .unwrap_or_default()
                .to_string();
            let before = &text[..whole.start()];
            let type_word = TYPE_BEFORE.captures(before);
            let start = type_word
                .as_ref()
                .and_then(|c| c.get(0))
                .map_or(whole.start(), |g| g.start());
            let doc_type = type_word
                .as_ref()
                .and_then(|c| c.get(1))
                .and_then(|g| type_from_word(g.as_str()))
                .map(str::to_string)
                .or_else(|| {
                    TYPE_ABBREVIATIONS
                        .contains(&first_part.as_str())
                        .then(|| first_part.clone())
                });
            // Without a type word, a token such as "2/3" or a bare "12/UBND" is a citation only
            // when its symbol looks like one (a type abbreviation or an issuer with a hyphen).
            if type_word.is_none()
                && !TYPE_ABBREVIATIONS.contains(&first_part.as_str())
                && !symbol_part.contains('-')
            {
                continue;
            }
            let mut end = whole.end();
            let rest = &text[end..];
            let mut date = None;
            if let Some(d) = DATE_AFTER.captures(rest) {
                let nums: Vec<u32> = (1..=6)
                    .filter_map(|i| d.get(i).and_then(|g| g.as_str().parse().ok()))
                    .collect();
                if let [day, month, year] = nums[..] {
                    date = Date::new(year as i32, month, day);
                }
                end += d.get(0).map_or(0, |g| g.end());
            }
            let mut issuer = None;
            let rest = &text[end..];
            let trimmed = rest.trim_start_matches([' ', ',']);
            if let Some(after) = trimmed.strip_prefix("của ") {
                let cleaned = ABBREV_IN_PARENS.replace_all(after, "");
                let stop = stop_at(&cleaned, ISSUER_STOPS, &[',', ';', '.', '(', ':']);
                let name = cleaned[..stop].trim();
                if !name.is_empty() && name.split_whitespace().count() <= 14 {
                    issuer = Some(name.to_string());
                    // Advance `end` past the issuer in the original text.
                    let consumed = (rest.len() - trimmed.len()) + "của ".len();
                    end += consumed + original_len(after, name);
                }
            }
            let mut subject = None;
            let rest = &text[end..];
            let r = rest.trim_start_matches([' ', ',']);
            let lead = rest.len() - r.len();
            for (prefix, keep) in [
                ("về việc ", false),
                ("V/v ", false),
                ("về ", false),
                ("ban hành ", true),
                ("phê duyệt ", true),
                ("quy định ", true),
                ("triển khai ", true),
                ("thực hiện ", true),
                ("hướng dẫn ", true),
            ] {
                if let Some(after) = r.strip_prefix(prefix) {
                    let stop = subject_end(after);
                    let s = after[..stop].trim().trim_end_matches([',', '.', ';']);
                    if !s.is_empty() {
                        subject = Some(if keep {
                            format!("{prefix}{s}")
                        } else {
                            s.to_string()
                        });
                        end += lead + prefix.len() + stop;
                    }
                    break;
                }
            }
            let number = whole.as_str().to_string();
            let cit = Citation {
                doc_type,
                number: Some(number),
                date,
                issuer,
                subject,
                system,
                text: text[start..end.min(text.len())].trim().to_string(),
                line,
                para,
            };
            found.push((whole.start(), whole.end(), cit));
        }
    }
    found.sort_by_key(|(s, _, _)| *s);
    found.into_iter().map(|(_, _, c)| c).collect()
}

/// Byte length in `original` that corresponds to the prefix `name` of its cleaned form.
/// The cleaning only removes "(ABBR)" groups, so walk both strings.
fn original_len(original: &str, name: &str) -> usize {
    let mut oi = original.char_indices().peekable();
    let mut matched = 0;
    let target: Vec<char> = name.chars().collect();
    let mut pos = 0;
    while matched < target.len() {
        let Some((i, c)) = oi.next() else { break };
        pos = i + c.len_utf8();
        if c == target[matched] {
            matched += 1;
        }
    }
    pos
}

/// Byte offset of the earliest stop word or stop character in `s`.
fn stop_at(s: &str, words: &[&str], chars: &[char]) -> usize {
    let mut stop = s.len();
    for w in words {
        if let Some(p) = s.find(w) {
            stop = stop.min(p);
        }
    }
    if let Some(p) = s.find(chars) {
        stop = stop.min(p);
    }
    stop
}

/// A subject ends at ';', at the end of the text, at a full stop followed by a capital, or
/// where the citing body starts its own clause (", UBND xã … ban hành …").
fn subject_end(s: &str) -> usize {
    let clause = [", UBND ", ", Ủy ban nhân dân ", ", Uỷ ban nhân dân "]
        .iter()
        .filter_map(|c| s.find(c))
        .min()
        .unwrap_or(s.len());
    let s = &s[..clause];
    let mut prev_dot = None;
    for (i, c) in s.char_indices() {
        if c == ';' {
            return i;
        }
        if let Some(d) = prev_dot {
            if c.is_uppercase() {
                return d;
            }
            if !c.is_whitespace() {
                prev_dot = None;
            }
        }
        if c == '.' {
            prev_dot = Some(i);
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_citation_with_slash_date_issuer_and_subject_is_read() {
        let c = find_citations(
            "Thực hiện Kế hoạch số 42/KH-UBND ngày 29/01/2026 của Ủy ban nhân dân tỉnh Hà Tĩnh về việc ban hành Kế hoạch hoạt động đối ngoại năm 2026.",
            7,
            None,
        );
        assert_eq!(c.len(), 1);
        let c = &c[0];
        assert_eq!(c.doc_type.as_deref(), Some("KH"));
        assert_eq!(c.number.as_deref(), Some("42/KH-UBND"));
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2026-01-29"));
        assert_eq!(c.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Hà Tĩnh"));
        assert_eq!(
            c.subject.as_deref(),
            Some("ban hành Kế hoạch hoạt động đối ngoại năm 2026")
        );
        assert_eq!(c.system, CitationSystem::State);
        assert_eq!(c.line, 7);
    }

    #[test]
    fn party_citations_and_long_state_numbers_are_read() {
        let c = find_citations(
            "Tăng cường quán triệt Chỉ thị số 32-CT/TW ngày 18/2/2019 của Bộ Chính trị về tăng cường quan hệ; theo Nghị định 88/2012/NĐ-CP ngày 23/10/2012 của Chính phủ quy định về hoạt động.",
            1,
            None,
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].number.as_deref(), Some("32-CT/TW"));
        assert_eq!(c[0].system, CitationSystem::Party);
        assert_eq!(c[0].doc_type.as_deref(), Some("CT"));
        assert_eq!(c[0].date.map(|d| d.iso()).as_deref(), Some("2019-02-18"));
        assert_eq!(c[0].issuer.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(c[0].subject.as_deref(), Some("tăng cường quan hệ"));
        assert_eq!(c[1].number.as_deref(), Some("88/2012/NĐ-CP"));
        assert_eq!(c[1].doc_type.as_deref(), Some("NĐ"));
        assert_eq!(c[1].issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn comma_before_the_date_and_long_form_dates_are_accepted() {
        let c = find_citations(
            "Kế hoạch số 120-KH/TU, ngày 10/7/2023 của Ban Thường vụ Tỉnh ủy về việc thực hiện",
            1,
            None,
        );
        assert_eq!(c[0].date.map(|d| d.iso()).as_deref(), Some("2023-07-10"));
        assert_eq!(c[0].issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
        let c = find_citations(
            "Chỉ thị số 12-CT/TW ngày 05 tháng 01 năm 2022 của Ban Bí thư",
            1,
            None,
        );
        assert_eq!(c[0].date.map(|d| d.iso()).as_deref(), Some("2022-01-05"));
    }

    #[test]
    fn a_cong_van_is_typed_cv_and_parenthesised_abbreviations_leave_the_issuer() {
        let c = find_citations(
            "Thực hiện Công văn số 2780/NV-LSNVNONN ngày 09/10/2025 của Sở Ngoại vụ Thành phố Hải Phòng về xây dựng kế hoạch",
            1,
            None,
        );
        assert_eq!(c[0].doc_type.as_deref(), Some("CV"));
        assert_eq!(
            c[0].issuer.as_deref(),
            Some("Sở Ngoại vụ Thành phố Hải Phòng")
        );
        let c = find_citations(
            "Kế hoạch số 48/KH-UBND, ngày 11/02/2026 của Ủy ban nhân dân (UBND) tỉnh Thái Nguyên về triển khai công tác",
            1,
            None,
        );
        assert_eq!(
            c[0].issuer.as_deref(),
            Some("Ủy ban nhân dân tỉnh Thái Nguyên")
        );
        assert_eq!(c[0].subject.as_deref(), Some("triển khai công tác"));
    }

    #[test]
    fn dates_and_fractions_are_not_citations() {
        assert!(find_citations("ngày 05/7/2018 và 2/3 số người, B/c", 1, None).is_empty());
    }

    #[test]
    fn an_impossible_date_is_dropped_but_the_citation_kept() {
        let c = find_citations("Quyết định số 06/2020/QĐ-TTg ngày 31/02/2020", 1, None);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].date, None);
    }
}
