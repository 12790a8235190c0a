//! The closing blocks: recipients (Nơi nhận) and the signature (TM./KT./Q./TL./TUQ.,
//! position, name).

use crate::model::Signer;
use crate::source::Line;

const AUTHORITY_PREFIXES: &[&str] = &["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// True for a signature authority line ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TM.ỦY …").
pub fn is_authority_line(s: &str) -> bool {
    AUTHORITY_PREFIXES.iter().any(|p| {
        s.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.chars().next().is_some_and(char::is_uppercase) && vntext::is_all_caps(rest)
        })
    })
}

/// Positions that sign commune documents without an authority prefix.
const POSITIONS: &[&str] = &[
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "TRƯỞNG CÔNG AN",
    "CHỈ HUY TRƯỞNG",
];

fn is_position(s: &str) -> bool {
    vntext::is_all_caps(s)
        && POSITIONS
            .iter()
            .any(|p| s == *p || s.starts_with(&format!("{p} ")))
}

/// A person's name: 2–6 capitalised words, letters only (a signed name may be in capitals).
fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && !is_position(s)
        && !s.contains("ỦY BAN")
}

/// Finds the signature block in `lines[from..]`.
pub fn find_signer(lines: &[Line], from: usize) -> Option<Signer> {
    let mut authority = Vec::new();
    let mut first_line = None;
    let mut position = None;
    let mut name = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.cells.is_some() {
            continue;
        }
        let t = line.text.trim();
        if name.is_none() && position.is_none() && is_authority_line(t) {
            // "KT. CHỦ TỊCH" after "TM. …" or alone.
            authority.push(t.to_string());
            first_line.get_or_insert(i + 1);
            continue;
        }
        if position.is_none()
            && (is_position(t)
                || (!authority.is_empty()
                    && vntext::is_all_caps(t)
                    && t.chars().count() < 40
                    && !t.starts_with('-')))
        {
            position = Some(t.to_string());
            first_line.get_or_insert(i + 1);
            continue;
        }
        if position.is_some() && name.is_none() {
            if t.starts_with('(') || t.starts_with('-') {
                continue; // "(Đã ký)", or a recipient line interleaved by PDF extraction
            }
            if is_person_name(t) {
                name = Some(if vntext::is_all_caps(t) {
                    super::places::title_case(t)
                } else {
                    t.to_string()
                });
                break;
            }
            if !vntext::is_all_caps(t) {
                // Something else follows the position: stop looking for the name here.
                break;
            }
        }
    }
    // "TM. ỦY BAN NHÂN DÂN" then "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH": position is the last caps
    // line; when only authority lines were found, the last one names the position.
    if position.is_none() && authority.len() >= 2 {
        let last = authority.pop().unwrap_or_default();
        position = Some(
            last.split_once('.')
                .map_or(last.clone(), |(_, p)| p.trim().to_string()),
        );
        authority.push(last);
    }
    let line = first_line?;
    if authority.is_empty() && position.is_none() {
        return None;
    }
    Some(Signer {
        authority,
        position,
        name,
        line,
    })
}

/// Reads the recipient list after "Nơi nhận:"; returns the recipients and the line of the
/// "Nơi nhận" label.
pub fn find_recipients(lines: &[Line], from: usize) -> (Vec<String>, Option<usize>) {
    let Some(start) =
        (from..lines.len()).find(|&i| vntext::fold_starts_with(&lines[i].text, "noi nhan"))
    else {
        return (Vec::new(), None);
    };
    let mut out = Vec::new();
    let first = &lines[start].text;
    let after = first.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
    let push_items = |s: &str, out: &mut Vec<String>| {
        for part in s.split(';') {
            let p = part
                .trim()
                .trim_start_matches(['-', '+', '–', '•'])
                .trim()
                .trim_end_matches(['.', ',', ';'])
                .trim();
            if !p.is_empty() {
                out.push(p.to_string());
            }
        }
    };
    if !after.is_empty() && !is_authority_line(after) {
        push_items(after, &mut out);
    }
    for line in lines.iter().skip(start + 1) {
        let t = line.text.trim();
        if t.starts_with(['-', '+', '–', '•']) {
            push_items(t, &mut out);
            if vntext::fold(t).contains("luu:") || vntext::fold(t).starts_with("- luu") {
                break;
            }
            continue;
        }
        if is_authority_line(t) || is_position(t) || vntext::is_all_caps(t) || is_person_name(t) {
            // Signature lines interleaved with the list (two-column layout flattened).
            continue;
        }
        break;
    }
    (out, Some(start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Line> {
        v.iter().map(|s| Line::plain(*s)).collect()
    }

    #[test]
    fn a_kt_signature_with_its_deputy_position_is_read() {
        let l = lines(&[
            "Nơi nhận:",
            "-Lưu: VT, VP.",
            "TM.ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Đỗ Hồng Sơn",
        ]);
        let s = find_signer(&l, 0).unwrap();
        assert_eq!(s.authority, vec!["TM.ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]);
        assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Đỗ Hồng Sơn"));
        assert_eq!(s.line, 3);
    }

    #[test]
    fn a_signature_without_authority_prefix_is_read() {
        let l = lines(&["- Lưu: VT, VP.", "CHỦ TỊCH", "Lê Đức Tuấn"]);
        let s = find_signer(&l, 0).unwrap();
        assert!(s.authority.is_empty());
        assert_eq!(s.position.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Lê Đức Tuấn"));
    }

    #[test]
    fn recipients_are_split_and_trimmed() {
        let l = lines(&[
            "Nơi nhận:",
            "-VP UBND Thành phố (để b/c);",
            "-TT. Đảng ủy; TT. HĐND xã;",
            "TM. ỦY BAN NHÂN DÂN",
            "- Lưu: VT, VP.",
            "Nguyễn Văn A",
        ]);
        let (r, at) = find_recipients(&l, 0);
        assert_eq!(
            r,
            vec![
                "VP UBND Thành phố (để b/c)",
                "TT. Đảng ủy",
                "TT. HĐND xã",
                "Lưu: VT, VP"
            ]
        );
        assert_eq!(at, Some(1));
    }
}
