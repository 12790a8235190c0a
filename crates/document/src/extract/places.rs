//! Provinces and communes: names from the 2025 reform and the patterns that name them.

/// The 34 provincial-level units from 01/07/2025 (Nghị quyết 202/2025/QH15): 6 centrally-run
/// cities, then 28 provinces.
pub const PROVINCES: [(&str, bool); 34] = [
    ("Hà Nội", true),
    ("Hồ Chí Minh", true),
    ("Hải Phòng", true),
    ("Đà Nẵng", true),
    ("Cần Thơ", true),
    ("Huế", true),
    ("Tuyên Quang", false),
    ("Cao Bằng", false),
    ("Lai Châu", false),
    ("Lào Cai", false),
    ("Thái Nguyên", false),
    ("Điện Biên", false),
    ("Lạng Sơn", false),
    ("Sơn La", false),
    ("Phú Thọ", false),
    ("Bắc Ninh", false),
    ("Quảng Ninh", false),
    ("Hưng Yên", false),
    ("Ninh Bình", false),
    ("Thanh Hóa", false),
    ("Nghệ An", false),
    ("Hà Tĩnh", false),
    ("Quảng Trị", false),
    ("Quảng Ngãi", false),
    ("Gia Lai", false),
    ("Khánh Hòa", false),
    ("Lâm Đồng", false),
    ("Đắk Lắk", false),
    ("Đồng Nai", false),
    ("Tây Ninh", false),
    ("Vĩnh Long", false),
    ("Đồng Tháp", false),
    ("An Giang", false),
    ("Cà Mau", false),
];

/// Finds the province named right after "tỉnh", "thành phố", "Thành phố", "TP." or "Thủ đô" in
/// `text`, returning its canonical name and the byte offset of the match.
pub fn find_province(text: &str) -> Option<(&'static str, usize)> {
    let folded = vntext::fold(text);
    let mut best: Option<(&'static str, usize)> = None;
    for (name, _) in PROVINCES {
        let fname = vntext::fold(name);
        for prefix in ["tinh ", "thanh pho ", "tp. ", "tp ", "thu do "] {
            let needle = format!("{prefix}{fname}");
            let mut from = 0;
            while let Some(pos) = folded[from..].find(&needle) {
                let at = from + pos;
                let end = at + needle.len();
                let boundary_after = folded[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                let boundary_before = folded[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if boundary_after && boundary_before {
                    if best.is_none_or(|(_, b)| at < b) {
                        best = Some((name, at));
                    }
                    break;
                }
                from = end;
            }
        }
    }
    best
}

/// Capitalises each syllable ("HÀ BẮC" → "Hà Bắc") for names read from capitals.
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Takes the proper name that starts `s`: up to four capitalised syllables ("Hà Bắc ban
/// hành" → "Hà Bắc"). Roman-numeral-like and digit words end the name.
pub fn leading_proper_name(s: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for original in s.split_whitespace() {
        let w = original.trim_end_matches([',', '.', ';', ':', ')', '”', '"']);
        let Some(first) = w.chars().next() else { break };
        if !first.is_uppercase() || w.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        if w.chars().count() > 1 && w.chars().count() <= 4 && w.chars().all(char::is_uppercase) {
            // An abbreviation such as UBND or HĐND ends the name (or is no name at all).
            break;
        }
        words.push(w);
        if words.len() == 4 || original.len() != w.len() {
            // Four syllables, or punctuation after this word, end the name.
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_are_found_after_their_kind_word() {
        assert_eq!(
            find_province("của Sở Ngoại vụ Thành phố Hải Phòng về").map(|p| p.0),
            Some("Hải Phòng")
        );
        assert_eq!(
            find_province("của UBND tỉnh Thanh Hoá").map(|p| p.0),
            Some("Thanh Hóa")
        );
        assert_eq!(
            find_province("Ủy ban nhân dân tỉnh Hà Tĩnh về việc").map(|p| p.0),
            Some("Hà Tĩnh")
        );
        assert_eq!(find_province("xã Hà Bắc"), None);
        assert_eq!(find_province("tỉnh Hà Tĩnhxyz"), None);
    }

    #[test]
    fn proper_names_stop_at_lowercase_and_punctuation() {
        assert_eq!(
            leading_proper_name("Hà Bắc xây dựng").as_deref(),
            Some("Hà Bắc")
        );
        assert_eq!(
            leading_proper_name("Đức Thịnh, với").as_deref(),
            Some("Đức Thịnh")
        );
        assert_eq!(leading_proper_name("UBND xã"), None);
        assert_eq!(leading_proper_name("thôn"), None);
    }

    #[test]
    fn title_case_lowercases_the_rest() {
        assert_eq!(title_case("HÀ BẮC"), "Hà Bắc");
    }
}
