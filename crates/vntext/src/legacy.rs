//! Legacy 8-bit Vietnamese encodings: TCVN3 (ABC, TCVN 5712:1993 VN3) and VNI Windows.
//!
//! Documents written before Unicode store Vietnamese text as 8-bit codes shown through a
//! special font (".VnTime", "VNI-Times", …). When such a document is saved as DOCX, Word
//! keeps the bytes and stores each byte `b` as the Windows-1252 character for `b` (e.g.
//! TCVN3 byte 0xB5 "à" becomes U+00B5 "µ"). The functions here undo that: they take the text
//! exactly as it appears in the DOCX run and return NFC Unicode.
//!
//! Some converters map the bytes as Latin-1 instead of Windows-1252, so bytes 0x80–0x9F show
//! up as C1 control characters (U+0080–U+009F); both forms are accepted. No Vietnamese letter
//! of either encoding lives in 0x80–0x9F: those bytes hold the Windows-1252 punctuation of the
//! fonts (curly quotes, dashes, ellipsis…) and are returned as that punctuation.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A legacy Vietnamese 8-bit encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 / ABC (TCVN 5712:1993, VN3), fonts ".VnTime", ".VnArial", …
    Tcvn3,
    /// VNI Windows, fonts "VNI-Times", "VNI-Helve", …
    Vni,
}

/// The encoding implied by a font name, or `None` for a Unicode (or unknown) font.
///
/// Any name starting with ".Vn" (case-insensitive: ".VnTime", ".VnTimeH", ".VnArial",
/// ".VnCentury Schoolbook", …) is [`Legacy::Tcvn3`]; any name starting with "VNI-" or "VNI "
/// (case-insensitive: "VNI-Times", "VNI-Helve", …) is [`Legacy::Vni`]. Leading and trailing
/// white space is ignored.
pub fn font_encoding(font_name: &str) -> Option<Legacy> {
    let name = font_name.trim();
    if starts_with_ignore_ascii_case(name, ".vn") {
        Some(Legacy::Tcvn3)
    } else if starts_with_ignore_ascii_case(name, "vni-")
        || starts_with_ignore_ascii_case(name, "vni ")
    {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// Whether the font is a TCVN3 capitals font (".VnTimeH", ".VnArialH", …: a TCVN3 font name
/// ending with an upper-case 'H'). Such fonts draw the lower-case codes as capital letters, so
/// their text must be converted with [`to_unicode_caps`].
pub fn font_is_caps(font_name: &str) -> bool {
    let name = font_name.trim();
    font_encoding(name) == Some(Legacy::Tcvn3) && name.len() > 4 && name.ends_with('H')
}

/// Converts text stored in a legacy encoding (each byte shown as its Windows-1252 or Latin-1
/// character, as in a DOCX) into NFC Unicode.
///
/// ASCII passes through unchanged, and so does any character that is not a byte of the
/// encoding (above U+00FF) or that the encoding leaves unassigned. TCVN3 uses the standard
/// VN3 table (all lower-case letters, plus the capitals Ă Â Ê Ô Ơ Ư Đ); the positions of the
/// 0xA0–0xFF range that VN3 leaves free are read as the VN1 capitals of TCVN 5712 (e.g. 0xC0
/// "À" → "Ắ"). The capital toned letters of a ".VnTimeH"-style font are written with the
/// lower-case codes and come out lower-case here: use [`to_unicode_caps`] for those fonts.
/// VNI is decoded as a longest match: a base letter followed by its mark character (e.g.
/// "Vieät" → "Việt"), or a single-byte letter ("ñ" → "đ", "ô" → "ơ", "ò" → "ị").
///
/// ```
/// use vntext::legacy::{Legacy, to_unicode};
/// assert_eq!(to_unicode("ViÖt Nam", Legacy::Tcvn3), "Việt Nam");
/// assert_eq!(to_unicode("Vieät Nam", Legacy::Vni), "Việt Nam");
/// ```
pub fn to_unicode(s: &str, enc: Legacy) -> String {
    let out = match enc {
        Legacy::Tcvn3 => tcvn3_to_unicode(s),
        Legacy::Vni => vni_to_unicode(s),
    };
    crate::nfc(&out)
}

/// Like [`to_unicode`], then upper-cases the result: for text in a TCVN3 capitals font
/// (see [`font_is_caps`]), where every letter is drawn as a capital.
pub fn to_unicode_caps(s: &str, enc: Legacy) -> String {
    crate::nfc(&to_unicode(s, enc).to_uppercase())
}

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Windows-1252 characters for bytes 0x80–0x9F (`None`: byte unassigned in Windows-1252).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Maps a Latin-1 C1 control character (a byte 0x80–0x9F read as Latin-1) to the
/// Windows-1252 character of that byte; any other character is returned unchanged.
fn c1_to_cp1252(c: char) -> char {
    let code = c as u32;
    if (0x80..=0x9F).contains(&code) {
        CP1252_HIGH[(code - 0x80) as usize].unwrap_or(c)
    } else {
        c
    }
}

/// TCVN3 bytes 0xA0–0xFF. `None`: not a letter, keep the Windows-1252 character (0xA0 no-break
/// space and 0xB0–0xB4, which VN1 uses for combining tone marks but which in practice hold
/// the font's ° ± ² ³ ´). Capitals marked "VN1" are not part of VN3.
const TCVN3_HIGH: [Option<char>; 96] = [
    // 0xA0
    None,
    Some('Ă'),
    Some('Â'),
    Some('Ê'),
    Some('Ô'),
    Some('Ơ'),
    Some('Ư'),
    Some('Đ'),
    Some('ă'),
    Some('â'),
    Some('ê'),
    Some('ô'),
    Some('ơ'),
    Some('ư'),
    Some('đ'),
    Some('Ằ'), // VN1
    // 0xB0
    None,
    None,
    None,
    None,
    None,
    Some('à'),
    Some('ả'),
    Some('ã'),
    Some('á'),
    Some('ạ'),
    Some('Ẳ'), // VN1
    Some('ằ'),
    Some('ẳ'),
    Some('ẵ'),
    Some('ắ'),
    Some('Ẵ'), // VN1
    // 0xC0
    Some('Ắ'), // VN1
    Some('Ầ'), // VN1
    Some('Ẩ'), // VN1
    Some('Ẫ'), // VN1
    Some('Ấ'), // VN1
    Some('Ề'), // VN1
    Some('ặ'),
    Some('ầ'),
    Some('ẩ'),
    Some('ẫ'),
    Some('ấ'),
    Some('ậ'),
    Some('è'),
    Some('Ể'), // VN1
    Some('ẻ'),
    Some('ẽ'),
    // 0xD0
    Some('é'),
    Some('ẹ'),
    Some('ề'),
    Some('ể'),
    Some('ễ'),
    Some('ế'),
    Some('ệ'),
    Some('ì'),
    Some('ỉ'),
    Some('Ễ'), // VN1
    Some('Ế'), // VN1
    Some('Ồ'), // VN1
    Some('ĩ'),
    Some('í'),
    Some('ị'),
    Some('ò'),
    // 0xE0
    Some('Ổ'), // VN1
    Some('ỏ'),
    Some('õ'),
    Some('ó'),
    Some('ọ'),
    Some('ồ'),
    Some('ổ'),
    Some('ỗ'),
    Some('ố'),
    Some('ộ'),
    Some('ờ'),
    Some('ở'),
    Some('ỡ'),
    Some('ớ'),
    Some('ợ'),
    Some('ù'),
    // 0xF0
    Some('Ỗ'), // VN1
    Some('ủ'),
    Some('ũ'),
    Some('ú'),
    Some('ụ'),
    Some('ừ'),
    Some('ử'),
    Some('ữ'),
    Some('ứ'),
    Some('ự'),
    Some('ỳ'),
    Some('ỷ'),
    Some('ỹ'),
    Some('ý'),
    Some('ỵ'),
    Some('Ố'), // VN1
];

fn tcvn3_char(c: char) -> char {
    let code = c as u32;
    if (0xA0..=0xFF).contains(&code) {
        TCVN3_HIGH[(code - 0xA0) as usize].unwrap_or(c)
    } else {
        c1_to_cp1252(c)
    }
}

fn tcvn3_to_unicode(s: &str) -> String {
    s.chars().map(tcvn3_char).collect()
}

/// VNI Windows, lower case, as (sequence of Windows-1252 characters, Unicode letter). One row
/// per vowel: no tone, then sắc, huyền, hỏi, ngã, nặng. The upper-case table is the same with
/// both sides upper-cased (every character used here has its capital in Windows-1252).
const VNI_LOWER: &[(&str, char)] = &[
    ("aù", 'á'),
    ("aø", 'à'),
    ("aû", 'ả'),
    ("aõ", 'ã'),
    ("aï", 'ạ'),
    ("aâ", 'â'),
    ("aá", 'ấ'),
    ("aà", 'ầ'),
    ("aå", 'ẩ'),
    ("aã", 'ẫ'),
    ("aä", 'ậ'),
    ("aê", 'ă'),
    ("aé", 'ắ'),
    ("aè", 'ằ'),
    ("aú", 'ẳ'),
    ("aü", 'ẵ'),
    ("aë", 'ặ'),
    ("eù", 'é'),
    ("eø", 'è'),
    ("eû", 'ẻ'),
    ("eõ", 'ẽ'),
    ("eï", 'ẹ'),
    ("eâ", 'ê'),
    ("eá", 'ế'),
    ("eà", 'ề'),
    ("eå", 'ể'),
    ("eã", 'ễ'),
    ("eä", 'ệ'),
    ("í", 'í'),
    ("ì", 'ì'),
    ("æ", 'ỉ'),
    ("ó", 'ĩ'),
    ("ò", 'ị'),
    ("où", 'ó'),
    ("oø", 'ò'),
    ("oû", 'ỏ'),
    ("oõ", 'õ'),
    ("oï", 'ọ'),
    ("oâ", 'ô'),
    ("oá", 'ố'),
    ("oà", 'ồ'),
    ("oå", 'ổ'),
    ("oã", 'ỗ'),
    ("oä", 'ộ'),
    ("ô", 'ơ'),
    ("ôù", 'ớ'),
    ("ôø", 'ờ'),
    ("ôû", 'ở'),
    ("ôõ", 'ỡ'),
    ("ôï", 'ợ'),
    ("uù", 'ú'),
    ("uø", 'ù'),
    ("uû", 'ủ'),
    ("uõ", 'ũ'),
    ("uï", 'ụ'),
    ("ö", 'ư'),
    ("öù", 'ứ'),
    ("öø", 'ừ'),
    ("öû", 'ử'),
    ("öõ", 'ữ'),
    ("öï", 'ự'),
    ("yù", 'ý'),
    ("yø", 'ỳ'),
    ("yû", 'ỷ'),
    ("yõ", 'ỹ'),
    ("î", 'ỵ'),
    ("ñ", 'đ'),
];

/// The VNI characters that only ever follow a base letter (tone, circumflex and breve marks),
/// lower case. Their capitals are the same marks for capital letters.
const VNI_MARKS: &str = "ùøûõïâáàåãäêéèúüë";

struct VniTables {
    /// Single-character letters ("ñ" → 'đ', "ô" → 'ơ', …), both cases.
    single: HashMap<char, char>,
    /// Base + mark pairs, both cases.
    pair: HashMap<(char, char), char>,
}

static VNI: LazyLock<VniTables> = LazyLock::new(|| {
    let mut single = HashMap::new();
    let mut pair = HashMap::new();
    for &(seq, letter) in VNI_LOWER {
        let upper_seq = seq.to_uppercase();
        let upper_letter = single_upper(letter);
        for (seq, letter) in [(seq, letter), (upper_seq.as_str(), upper_letter)] {
            let mut chars = seq.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    single.insert(c, letter);
                }
                (Some(base), Some(mark)) => {
                    pair.insert((base, mark), letter);
                }
                _ => unreachable!("VNI sequences have one or two characters"),
            }
        }
    }
    VniTables { single, pair }
});

fn single_upper(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// The same VNI mark in the other case ('ù' ↔ 'Ù'), if `c` is a mark.
fn vni_mark_other_case(c: char) -> Option<char> {
    let lower = c.to_lowercase().next()?;
    if !VNI_MARKS.contains(lower) {
        return None;
    }
    Some(if lower == c { single_upper(c) } else { lower })
}

fn vni_to_unicode(s: &str) -> String {
    let tables = &*VNI;
    let chars: Vec<char> = s.chars().map(c1_to_cp1252).collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&next) = chars.get(i + 1) {
            // A mark normally has the case of its base letter; accept the other case too and
            // let the base letter decide the case of the result.
            let found = tables.pair.get(&(c, next)).or_else(|| {
                vni_mark_other_case(next).and_then(|other| tables.pair.get(&(c, other)))
            });
            if let Some(&letter) = found {
                out.push(letter);
                i += 2;
                continue;
            }
        }
        out.push(tables.single.get(&c).copied().unwrap_or(c));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TONES: [&str; 6] = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"];

    /// All Vietnamese vowel letters (12 vowels × 6 tones) and đ, lower case, NFC.
    fn lower_alphabet() -> Vec<char> {
        let mut letters = Vec::new();
        for base in "aăâeêioôơuưy".chars() {
            for tone in TONES {
                let s = crate::nfc(&format!("{base}{tone}"));
                let mut it = s.chars();
                let c = it.next().unwrap();
                assert!(it.next().is_none(), "{base}{tone} has no precomposed form");
                letters.push(c);
            }
        }
        letters.push('đ');
        letters
    }

    /// Independent Unicode → TCVN3 table for the test: per vowel, the codes for no tone,
    /// sắc, huyền, hỏi, ngã, nặng.
    const TCVN3_ROWS: [(char, &str); 12] = [
        ('a', "a¸µ¶·¹"),
        ('ă', "¨¾»¼½Æ"),
        ('â', "©ÊÇÈÉË"),
        ('e', "eÐÌÎÏÑ"),
        ('ê', "ªÕÒÓÔÖ"),
        ('i', "iÝ×ØÜÞ"),
        ('o', "oãßáâä"),
        ('ô', "«èåæçé"),
        ('ơ', "¬íêëìî"),
        ('u', "uóïñòô"),
        ('ư', "\u{AD}øõö÷ù"),
        ('y', "yýúûüþ"),
    ];

    fn tcvn3_encode_lower(c: char) -> char {
        if c == 'đ' {
            return '®';
        }
        let letters = lower_alphabet();
        let idx = letters
            .iter()
            .position(|&l| l == c)
            .expect("a Vietnamese letter");
        TCVN3_ROWS[idx / 6].1.chars().nth(idx % 6).unwrap()
    }

    /// Independent Unicode → VNI table for the test, lower case, same order as above.
    const VNI_ROWS: [[&str; 6]; 12] = [
        ["a", "aù", "aø", "aû", "aõ", "aï"],
        ["aê", "aé", "aè", "aú", "aü", "aë"],
        ["aâ", "aá", "aà", "aå", "aã", "aä"],
        ["e", "eù", "eø", "eû", "eõ", "eï"],
        ["eâ", "eá", "eà", "eå", "eã", "eä"],
        ["i", "í", "ì", "æ", "ó", "ò"],
        ["o", "où", "oø", "oû", "oõ", "oï"],
        ["oâ", "oá", "oà", "oå", "oã", "oä"],
        ["ô", "ôù", "ôø", "ôû", "ôõ", "ôï"],
        ["u", "uù", "uø", "uû", "uõ", "uï"],
        ["ö", "öù", "öø", "öû", "öõ", "öï"],
        ["y", "yù", "yø", "yû", "yõ", "î"],
    ];

    fn vni_encode_lower(c: char) -> String {
        if c == 'đ' {
            return "ñ".to_string();
        }
        let letters = lower_alphabet();
        let idx = letters
            .iter()
            .position(|&l| l == c)
            .expect("a Vietnamese letter");
        VNI_ROWS[idx / 6][idx % 6].to_string()
    }

    /// Re-encodes a Windows-1252 string as Latin-1 (bytes 0x80–0x9F as C1 controls).
    fn as_latin1(s: &str) -> String {
        s.chars()
            .map(|c| match CP1252_HIGH.iter().position(|&x| x == Some(c)) {
                Some(i) => char::from_u32(0x80 + i as u32).unwrap(),
                None => c,
            })
            .collect()
    }

    #[test]
    fn font_names_select_the_encoding() {
        for name in [
            ".VnTime",
            ".VnTimeH",
            ".VnArial",
            ".VnCentury Schoolbook",
            ".vntime",
            " .VnTime",
        ] {
            assert_eq!(font_encoding(name), Some(Legacy::Tcvn3), "{name}");
        }
        for name in [
            "VNI-Times",
            "VNI-Helve",
            "vni-times",
            "VNI Times",
            "Vni-Aptima",
        ] {
            assert_eq!(font_encoding(name), Some(Legacy::Vni), "{name}");
        }
        for name in [
            "Times New Roman",
            "Arial",
            "VnTime",
            "VNITimes",
            "",
            ".V",
            "Vn",
            "ĐVn",
        ] {
            assert_eq!(font_encoding(name), None, "{name}");
        }
    }

    #[test]
    fn capitals_fonts_are_tcvn3_names_ending_with_h() {
        for name in [
            ".VnTimeH",
            ".VnArialH",
            ".VnCentury SchoolbookH",
            ".VnTimeH ",
        ] {
            assert!(font_is_caps(name), "{name}");
        }
        for name in [".VnTime", ".VnArial", "VNI-TimesH", "ArialH", ".VnH"] {
            assert!(!font_is_caps(name), "{name}");
        }
    }

    #[test]
    fn tcvn3_sample_sentence_converts() {
        assert_eq!(
            to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", Legacy::Tcvn3),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            to_unicode("§éc lËp - Tù do - H¹nh phóc", Legacy::Tcvn3),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            to_unicode("Uû ban nh©n d©n x·", Legacy::Tcvn3),
            "Uỷ ban nhân dân xã"
        );
        assert_eq!(to_unicode("§èi ngo¹i", Legacy::Tcvn3), "Đối ngoại");
    }

    #[test]
    fn tcvn3_round_trips_the_whole_lower_case_alphabet() {
        for c in lower_alphabet() {
            let code = tcvn3_encode_lower(c).to_string();
            assert_eq!(
                to_unicode(&code, Legacy::Tcvn3),
                c.to_string(),
                "{c} via {code}"
            );
            assert_eq!(to_unicode(&as_latin1(&code), Legacy::Tcvn3), c.to_string());
        }
    }

    #[test]
    fn tcvn3_capitals_with_their_own_code_round_trip() {
        for (c, code) in [
            ('Ă', '¡'),
            ('Â', '¢'),
            ('Ê', '£'),
            ('Ô', '¤'),
            ('Ơ', '¥'),
            ('Ư', '¦'),
            ('Đ', '§'),
        ] {
            assert_eq!(to_unicode(&code.to_string(), Legacy::Tcvn3), c.to_string());
        }
        assert_eq!(to_unicode("ABCXYZ", Legacy::Tcvn3), "ABCXYZ");
    }

    #[test]
    fn tcvn3_caps_fonts_write_capitals_with_lower_case_codes() {
        for c in lower_alphabet() {
            let code = tcvn3_encode_lower(c).to_string();
            let upper: String = c.to_uppercase().collect();
            assert_eq!(to_unicode_caps(&code, Legacy::Tcvn3), upper, "{c}");
        }
        assert_eq!(
            to_unicode_caps("Uû ban nh©n d©n", Legacy::Tcvn3),
            "UỶ BAN NHÂN DÂN"
        );
    }

    #[test]
    fn tcvn3_decoding_is_injective_on_letters() {
        let mut seen = std::collections::HashSet::new();
        for (i, c) in TCVN3_HIGH.iter().enumerate() {
            if let Some(c) = c {
                assert!(seen.insert(*c), "{c} appears twice (byte {:#x})", 0xA0 + i);
            }
        }
        // The 67 lower-case letters with a diacritic (73 − a e i o u y), 7 capitals, 16 VN1 capitals.
        assert_eq!(seen.len(), 67 + 7 + 16);
    }

    #[test]
    fn tcvn3_keeps_punctuation_of_the_c1_range_from_either_mapping() {
        assert_eq!(to_unicode("“H¹nh phóc”…", Legacy::Tcvn3), "“Hạnh phúc”…");
        assert_eq!(
            to_unicode("\u{93}H¹nh phóc\u{94}\u{85}", Legacy::Tcvn3),
            "“Hạnh phúc”…"
        );
        assert_eq!(to_unicode("\u{81}", Legacy::Tcvn3), "\u{81}");
        assert_eq!(to_unicode("30° ± 2", Legacy::Tcvn3), "30° ± 2");
    }

    #[test]
    fn unicode_text_beyond_latin1_passes_through_tcvn3_untouched() {
        assert_eq!(to_unicode("Ấp — 中文", Legacy::Tcvn3), "Ấp — 中文");
    }

    #[test]
    fn vni_sample_words_convert() {
        assert_eq!(to_unicode("Vieät Nam", Legacy::Vni), "Việt Nam");
        assert_eq!(to_unicode("Coäng hoøa", Legacy::Vni), "Cộng hòa");
        assert_eq!(to_unicode("ñ", Legacy::Vni), "đ");
        assert_eq!(to_unicode("Ñ", Legacy::Vni), "Đ");
        assert_eq!(
            to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", Legacy::Vni),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(
            to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", Legacy::Vni),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            to_unicode("Ñoái ngoaïi, ngöôøi, Uûy ban", Legacy::Vni),
            "Đối ngoại, người, Ủy ban"
        );
    }

    #[test]
    fn vni_round_trips_the_whole_alphabet_in_both_cases() {
        for c in lower_alphabet() {
            let code = vni_encode_lower(c);
            assert_eq!(
                to_unicode(&code, Legacy::Vni),
                c.to_string(),
                "{c} via {code}"
            );
            let upper_code = code.to_uppercase();
            let upper: String = c.to_uppercase().collect();
            assert_eq!(
                to_unicode(&upper_code, Legacy::Vni),
                upper,
                "{upper} via {upper_code}"
            );
            assert_eq!(to_unicode(&as_latin1(&upper_code), Legacy::Vni), upper);
        }
    }

    #[test]
    fn vni_round_trips_whole_words_of_every_letter() {
        let letters = lower_alphabet();
        let unicode: String = letters.iter().map(|&c| format!("x{c} ")).collect();
        let vni: String = letters
            .iter()
            .map(|&c| format!("x{} ", vni_encode_lower(c)))
            .collect();
        assert_eq!(to_unicode(&vni, Legacy::Vni), unicode);
        assert_eq!(
            to_unicode(&vni.to_uppercase(), Legacy::Vni),
            unicode.to_uppercase()
        );
    }

    #[test]
    fn vni_base_letter_decides_the_case_of_a_mismatched_mark() {
        assert_eq!(to_unicode("Aù", Legacy::Vni), "Á");
        assert_eq!(to_unicode("aÙ", Legacy::Vni), "á");
    }

    #[test]
    fn vni_lone_marks_and_other_text_pass_through() {
        assert_eq!(
            to_unicode("bù 123 \u{93}x\u{94}", Legacy::Vni),
            "bù 123 “x”"
        );
        assert_eq!(to_unicode("", Legacy::Vni), "");
    }

    #[test]
    fn legacy_output_is_nfc() {
        for s in ["Vieät Nam", "Céng hoµ", "a\u{301}"] {
            for enc in [Legacy::Tcvn3, Legacy::Vni] {
                assert!(unicode_normalization::is_nfc(&to_unicode(s, enc)));
            }
        }
    }
}
