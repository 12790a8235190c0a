//! Unit names in task fields: splitting "Công an xã, Phòng Văn hóa - Xã hội; Ủy ban MTTQ, các
//! ban, ngành, đoàn thể" into parties.
//!
//! The rule: a semicolon always separates parties. A comma, or the word "và", separates
//! parties only when what follows begins a unit name of its own: a capitalised unit head
//! word (Phòng, Văn phòng, Công an, Ban, Trung tâm, Ủy ban, UBND, Đoàn, Hội, Trạm, Trường,
//! Trang, Cổng, Đài, Các, Đảng ủy, Chi cục, Bưu điện, Thôn, Tổ…) or a standalone collective
//! ("các thôn", "các tổ dân phố", "các cơ quan, đơn vị liên quan", "các trường"). Anything
//! else after a comma continues the party before it: "Ủy ban MTTQ, các ban, ngành, đoàn thể"
//! is one party — the Front together with its member organisations, as the text means it.

/// Capitalised head words that begin a unit name.
const UNIT_HEADS: &[&str] = &[
    "Phòng",
    "Văn phòng",
    "Công an",
    "Ban",
    "Trung tâm",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "UBMTTQ",
    "MTTQ",
    "Mặt trận",
    "Đoàn",
    "Hội",
    "Trạm",
    "Trường",
    "Trang",
    "Cổng",
    "Đài",
    "Các",
    "Đảng ủy",
    "Đảng uỷ",
    "Chi cục",
    "Bưu điện",
    "Thôn",
    "Tổ",
    "Bộ phận",
    "Hạt",
    "Đội",
    "Cơ quan",
    "Sở",
    "Quân sự",
    "Lãnh đạo",
    "Chủ tịch",
    "Công chức",
    "Tổ chức",
    "Hợp tác xã",
    "Nhà văn hóa",
    "Thường trực",
    "Bí thư",
    "Đồn",
    "Cụm",
    "Khu",
    "Ấp",
    "Bản",
    "Làng",
];

/// Lowercase collectives that stand as a party of their own after a comma or "và".
const COLLECTIVES: &[&str] = &[
    "các thôn",
    "các tổ dân phố",
    "các khu phố",
    "các ấp",
    "các bản",
    "các trường",
    "các cơ quan",
    "các đơn vị",
    "các phòng",
    "các doanh nghiệp",
    "các hội",
    "các tổ chức",
    "các công chức",
    "các trưởng thôn",
    "các ngành liên quan",
    "các cơ sở",
];

fn starts_party(s: &str) -> bool {
    let s = s.trim_start();
    UNIT_HEADS.iter().any(|h| {
        s.starts_with(h)
            && s[h.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }) || COLLECTIVES.iter().any(|c| {
        s.starts_with(c)
            && s[c.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Splits a unit list into parties following the module rule; trims list punctuation and
/// drops empty parts.
pub fn split_units(list: &str) -> Vec<String> {
    // Names that contain " và " themselves: protect them from the split.
    let mut protected = list.to_string();
    for (phrase, guard) in PROTECTED {
        protected = protected.replace(phrase, guard);
    }
    let mut parties: Vec<String> = Vec::new();
    for chunk in protected.split(';') {
        let mut current = String::new();
        // Split on commas and on " và " while keeping the separators' decision local.
        let mut pieces: Vec<(&str, &str)> = Vec::new(); // (separator before, text)
        let mut rest = chunk;
        let mut sep = "";
        loop {
            let comma = rest.find(',');
            let va = rest.find(" và ");
            let next = match (comma, va) {
                (Some(c), Some(v)) if v < c => Some((v, " và ")),
                (Some(c), _) => Some((c, ",")),
                (None, Some(v)) => Some((v, " và ")),
                (None, None) => None,
            };
            match next {
                Some((at, s)) => {
                    pieces.push((sep, &rest[..at]));
                    sep = s;
                    rest = &rest[at + s.len()..];
                }
                None => {
                    pieces.push((sep, rest));
                    break;
                }
            }
        }
        for (sep, piece) in pieces {
            if current.is_empty() {
                current.push_str(piece.trim());
            } else if starts_party(piece) {
                push_party(&mut parties, &current);
                current = piece.trim().to_string();
            } else {
                let glue = if sep == "," { ", " } else { " và " };
                current.push_str(glue);
                current.push_str(piece.trim());
            }
        }
        push_party(&mut parties, &current);
    }
    parties
}

/// Phrases with " và " inside one unit name, and the stand-in used while splitting.
const PROTECTED: &[(&str, &str)] = &[
    ("HĐND và UBND", "HĐND\u{1}UBND"),
    ("HĐND - UBND", "HĐND\u{2}UBND"),
    (
        "Hội đồng nhân dân và Ủy ban nhân dân",
        "Hội đồng nhân dân\u{1}Ủy ban nhân dân",
    ),
    ("Hạ tầng và Đô thị", "Hạ tầng\u{1}Đô thị"),
];

fn push_party(parties: &mut Vec<String>, s: &str) {
    let s = s.replace('\u{1}', " và ").replace('\u{2}', " - ");
    let t = s
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim_start_matches(['-', '+', '*'])
        .trim();
    if !t.is_empty() {
        parties.push(t.to_string());
    }
}

/// True when `s` (an item title) names a unit, as in the unit-responsibility form of
/// "TỔ CHỨC THỰC HIỆN" ("2. Phòng Kinh tế").
pub fn is_unit_title(s: &str) -> bool {
    let t = s.trim().trim_end_matches([':', '.']);
    let words = t.split_whitespace().count();
    (1..=12).contains(&words) && starts_party(t) && !t.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_and_unit_heads_split_parties() {
        assert_eq!(
            split_units(
                "Công an xã, Phòng Văn hóa - Xã hội; Ủy ban Mặt trận Tổ quốc, các ngành đoàn thể xã."
            ),
            vec![
                "Công an xã",
                "Phòng Văn hóa - Xã hội",
                "Ủy ban Mặt trận Tổ quốc, các ngành đoàn thể xã"
            ]
        );
    }

    #[test]
    fn the_front_with_its_member_organisations_is_one_party() {
        assert_eq!(
            split_units(
                "Các Phòng chuyên môn thuộc UBND xã; Ủy ban MTTQ, các ban, ngành, đoàn thể; Trang Thông tin điện tử."
            ),
            vec![
                "Các Phòng chuyên môn thuộc UBND xã",
                "Ủy ban MTTQ, các ban, ngành, đoàn thể",
                "Trang Thông tin điện tử"
            ]
        );
        assert_eq!(
            split_units(
                "Ủy ban mặt trận Tổ quốc Việt Nam xã, các ban, ngành, đoàn thể, Trung tâm dịch vụ tổng hợp"
            ),
            vec![
                "Ủy ban mặt trận Tổ quốc Việt Nam xã, các ban, ngành, đoàn thể",
                "Trung tâm dịch vụ tổng hợp"
            ]
        );
    }

    #[test]
    fn va_separates_units_and_collectives() {
        assert_eq!(
            split_units("Phòng Kinh tế và Ủy ban MTTQ Việt Nam xã."),
            vec!["Phòng Kinh tế", "Ủy ban MTTQ Việt Nam xã"]
        );
        assert_eq!(
            split_units("Phòng Văn hóa - Xã hội; Ủy ban MTTQ Việt Nam xã và các thôn."),
            vec![
                "Phòng Văn hóa - Xã hội",
                "Ủy ban MTTQ Việt Nam xã",
                "các thôn"
            ]
        );
        assert_eq!(
            split_units("Văn phòng HĐND và UBND xã."),
            vec!["Văn phòng HĐND và UBND xã"]
        );
    }

    #[test]
    fn unit_titles_are_recognised() {
        assert!(is_unit_title("Phòng Kinh tế"));
        assert!(is_unit_title(
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"
        ));
        assert!(is_unit_title("Công an xã"));
        assert!(!is_unit_title("Mục đích"));
        assert!(!is_unit_title("Công tác đối ngoại Đảng"));
    }
}
