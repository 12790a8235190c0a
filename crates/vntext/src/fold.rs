//! Search folding: comparing Vietnamese text without its diacritics and case.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

use crate::is_basic_combining;

/// Folds `s` for search and comparison: canonical decomposition (NFD), removal of the
/// combining marks U+0300–U+036F, đ/Đ → d, lower case.
///
/// Every Vietnamese letter becomes its ASCII base letter ("Đức Thịnh" → "duc thinh";
/// "Hoà" and "Hòa" both → "hoa"). Other characters are lower-cased; characters without a
/// decomposition or case (digits, punctuation, spaces) are kept as they are. The result
/// contains no character of U+0300–U+036F, and does not depend on the normalisation form of
/// `s` (`fold(&nfc(s)) == fold(s)`).
///
/// ```
/// assert_eq!(vntext::fold("Đức Thịnh"), "duc thinh");
/// assert_eq!(vntext::fold("Hoà"), vntext::fold("Hòa"));
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_decomposed(c, &mut |f| out.push(f));
        }
    }
    out
}

/// Folds one character like [`fold`]: a precomposed Vietnamese letter becomes its lower-case
/// ASCII base letter ('Ệ' → 'e', 'Đ' → 'd', 'ư' → 'u'); any other character is lower-cased
/// when its lower case is a single character, and otherwise returned unchanged.
/// True when the folded form of `s` starts with `prefix` (which must itself be folded:
/// lowercase ASCII and spaces). Folds only as much of `s` as the prefix needs.
/// The words of a text folded ([`fold`]): letters and digits only, joined by single
/// spaces ("Kinh phí (đồng)" → "kinh phi dong"). What folded texts are compared and
/// searched as.
pub fn fold_words(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn fold_starts_with(s: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for c in s.chars() {
        let f = fold_char(c);
        match want.next() {
            None => return true,
            Some(w) if w == f => {}
            Some(_) => return false,
        }
    }
    want.next().is_none()
}

pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut first = None;
    let mut count = 0;
    let mut sink = |f: char| {
        count += 1;
        first.get_or_insert(f);
    };
    decompose_canonical(c, |d| {
        if !is_basic_combining(d) {
            fold_decomposed(d, &mut sink);
        }
    });
    match (count, first) {
        (1, Some(f)) => f,
        _ => single_lowercase(c),
    }
}

/// Whether `s` has a Vietnamese letter with a diacritic: one of the vowels a e i o u y (either
/// case) carrying a mark Vietnamese uses (the five tones, circumflex, breve or horn), or
/// đ/Đ. Works on composed and decomposed text alike. Other letters with such marks (Greek
/// tonos, ñ) do not count; Latin letters of other languages that Vietnamese shares (é, à)
/// do.
pub fn has_vietnamese_marks(s: &str) -> bool {
    // Whether the last non-mark character was a vowel that Vietnamese marks can sit on.
    let mut after_vowel = false;
    for c in s.chars() {
        if c.is_ascii() {
            after_vowel = is_mark_bearing_vowel(c);
            continue;
        }
        if c == 'đ' || c == 'Đ' {
            return true;
        }
        let mut found = false;
        decompose_canonical(c, |d| {
            if is_vietnamese_mark(d) {
                found |= after_vowel;
            } else if unicode_normalization::char::canonical_combining_class(d) == 0 {
                after_vowel = is_mark_bearing_vowel(d);
            }
        });
        if found {
            return true;
        }
    }
    false
}

fn is_mark_bearing_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The combining marks of Vietnamese: grave, acute, tilde, hook above, dot below
/// (tones), circumflex, breve and horn.
fn is_vietnamese_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'
            | '\u{301}'
            | '\u{303}'
            | '\u{309}'
            | '\u{323}'
            | '\u{302}'
            | '\u{306}'
            | '\u{31B}'
    )
}

/// Folds a character that is already canonically decomposed (a single NFD character):
/// lower-cases it, decomposes the lower case again (case mapping can yield composed
/// characters) and passes on what is not a basic combining mark, with đ as d.
fn fold_decomposed(c: char, sink: &mut impl FnMut(char)) {
    if is_basic_combining(c) {
        return;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if d == 'đ' {
                sink('d');
            } else if !is_basic_combining(d) {
                sink(d);
            }
        });
    }
}

fn single_lowercase(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_starts_with_folds_only_what_the_prefix_needs() {
        assert!(fold_starts_with("Trên đây là Kế hoạch", "tren day la "));
        assert!(fold_starts_with("NƠI NHẬN:", "noi nhan"));
        assert!(!fold_starts_with("Nơi", "noi nhan"));
        assert!(!fold_starts_with("Bảng", "bang tong hop"));
        assert!(fold_starts_with("x", ""));
    }

    const VOWELS: &str = "aăâeêioôơuưy";
    const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];

    /// Every Vietnamese vowel letter with its ASCII base, both cases, NFC.
    fn vowel_letters() -> Vec<(char, char)> {
        let mut letters = Vec::new();
        for v in VOWELS.chars() {
            let base = v.to_string().nfd().next().unwrap();
            for tone in TONES {
                for (letter, base) in [(v, base), (v.to_uppercase().next().unwrap(), base)] {
                    let s = crate::nfc(&format!("{letter}{tone}"));
                    assert_eq!(s.chars().count(), 1);
                    letters.push((s.chars().next().unwrap(), base));
                }
            }
        }
        letters
    }

    #[test]
    fn fold_removes_tones_and_maps_d_bar() {
        assert_eq!(fold("Đức Thịnh"), "duc thinh");
        assert_eq!(fold("Hoà"), "hoa");
        assert_eq!(fold("Hòa"), "hoa");
        assert_eq!(fold("ĐỐI NGOẠI"), "doi ngoai");
        assert_eq!(fold("Ủy ban nhân dân"), "uy ban nhan dan");
    }

    #[test]
    fn fold_handles_decomposed_input() {
        assert_eq!(fold("Vie\u{323}\u{302}t Nam"), "viet nam");
        assert_eq!(fold("D\u{301}"), "d");
    }

    #[test]
    fn fold_keeps_non_letters() {
        assert_eq!(
            fold("Số 12/KH-UBND, ngày 05.01.2026!"),
            "so 12/kh-ubnd, ngay 05.01.2026!"
        );
        assert_eq!(fold("  \t\n“”–"), "  \t\n“”–");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_maps_every_vietnamese_letter_to_its_ascii_base() {
        for (letter, base) in vowel_letters() {
            assert_eq!(fold(&letter.to_string()), base.to_string(), "{letter}");
            assert_eq!(fold_char(letter), base, "{letter}");
        }
        assert_eq!(fold("đĐ"), "dd");
    }

    #[test]
    fn fold_char_lowercases_other_characters() {
        assert_eq!(fold_char('Đ'), 'd');
        assert_eq!(fold_char('đ'), 'd');
        assert_eq!(fold_char('A'), 'a');
        assert_eq!(fold_char('1'), '1');
        assert_eq!(fold_char('-'), '-');
        assert_eq!(fold_char('Σ'), 'σ');
        assert_eq!(fold_char('Ç'), 'c');
        assert_eq!(fold_char('İ'), 'i');
        assert_eq!(fold_char('\u{301}'), '\u{301}');
    }

    #[test]
    fn fold_is_case_insensitive_on_mixed_case() {
        assert_eq!(fold("HoÀ BìNH"), fold("hoà bình"));
        assert_eq!(fold("hOÀ"), "hoa");
    }

    #[test]
    fn vietnamese_marks_are_detected_in_composed_and_decomposed_text() {
        assert!(has_vietnamese_marks("Việt Nam"));
        assert!(has_vietnamese_marks("Vie\u{323}\u{302}t"));
        assert!(has_vietnamese_marks("Đ"));
        assert!(has_vietnamese_marks("đi"));
        assert!(has_vietnamese_marks("ư"));
        assert!(has_vietnamese_marks("Ă"));
        for (letter, base) in vowel_letters() {
            assert_eq!(
                has_vietnamese_marks(&letter.to_string()),
                letter.to_ascii_lowercase() != base,
                "{letter}"
            );
        }
    }

    #[test]
    fn text_without_vietnamese_marks_is_not_flagged() {
        assert!(!has_vietnamese_marks("Viet Nam"));
        assert!(!has_vietnamese_marks(""));
        assert!(!has_vietnamese_marks("12/KH-UBND"));
        assert!(!has_vietnamese_marks("ñ ç ü"));
        assert!(!has_vietnamese_marks("Ελλάδα"));
        assert!(!has_vietnamese_marks("\u{300}"));
        assert!(!has_vietnamese_marks("1\u{300}"));
    }
}
