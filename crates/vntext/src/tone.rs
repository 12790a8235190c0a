//! Tone-mark placement: the classic ("old") style of Vietnamese state documents.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

use crate::is_basic_combining;

/// Moves tone marks to the classic position used in Vietnamese state documents: in an open
/// syllable ending in the vowel pair "oa", "oe" or "uy" (any capitalisation) whose tone sits on
/// the second vowel, the tone moves to the first vowel: "hoà" → "hòa", "HOÀ" → "HÒA",
/// "uỷ" → "ủy", "Thuỷ" → "Thủy", "oẹ" → "ọe", "khoẻ" → "khỏe", "thuý" → "thúy".
///
/// A syllable is a maximal run of letters (any non-letter is a boundary); it is changed only
/// when the pair ends it, everything before the pair is an initial consonant and that
/// consonant is not "q" (in "quý", "quà" the u belongs to the consonant). Closed syllables
/// ("hoàn", "toán") and other vowel groups ("giữa", "thuở", "khuya", "uyên", "truyền") are
/// untouched. The input may be in any normalisation form; the output is NFC, the function is
/// idempotent and [`crate::fold`] of the output equals that of the input.
///
/// ```
/// assert_eq!(vntext::tone_classic("Uỷ ban xã Hoà Bình"), "Ủy ban xã Hòa Bình");
/// assert_eq!(vntext::tone_classic("quý, hoàn"), "quý, hoàn");
/// ```
pub fn tone_classic(s: &str) -> String {
    let s = crate::nfc(s);
    if !s.chars().any(is_toned_second_vowel) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    for c in s.chars() {
        if is_word_char(c) {
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            out.push(c);
        }
    }
    flush_word(&mut word, &mut out);
    out
}

/// Letters and combining marks make up words; anything else separates them.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_basic_combining(c) || canonical_combining_class(c) != 0
}

fn flush_word(word: &mut Vec<char>, out: &mut String) {
    reposition_tone(word);
    out.extend(word.iter());
    word.clear();
}

/// A precomposed a, e or y (either case) carrying one of the five tones and nothing else.
fn is_toned_second_vowel(c: char) -> bool {
    split_tone(c).is_some_and(|(base, _)| matches!(base, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y'))
}

/// Splits a precomposed letter made of an ASCII base and exactly one tone mark.
fn split_tone(c: char) -> Option<(char, char)> {
    let mut parts = [None; 3];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if n < parts.len() {
            parts[n] = Some(d);
        }
        n += 1;
    });
    match (n, parts[0], parts[1]) {
        (2, Some(base), Some(tone)) if base.is_ascii_alphabetic() && is_tone(tone) => {
            Some((base, tone))
        }
        _ => None,
    }
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Consonant letters that may form an initial consonant (including the loan-word letters f, j,
/// w, z).
fn is_consonant(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'b' | 'c'
            | 'd'
            | 'g'
            | 'h'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'v'
            | 'x'
            | 'f'
            | 'j'
            | 'w'
            | 'z'
    ) || c == 'đ'
        || c == 'Đ'
}

/// Applies the classic tone position to one word, in place.
fn reposition_tone(word: &mut [char]) {
    let n = word.len();
    if n < 2 {
        return;
    }
    let (first, second) = (word[n - 2], word[n - 1]);
    let Some((base, tone)) = split_tone(second) else {
        return;
    };
    let pair_ok = matches!(
        (first.to_ascii_lowercase(), base.to_ascii_lowercase()),
        ('o', 'a') | ('o', 'e') | ('u', 'y')
    );
    if !pair_ok {
        return;
    }
    let onset = &word[..n - 2];
    if !onset.iter().all(|&c| is_consonant(c)) {
        return;
    }
    if onset.last().is_some_and(|c| c.eq_ignore_ascii_case(&'q')) {
        return;
    }
    let Some(toned_first) = compose(first, tone) else {
        return;
    };
    word[n - 2] = toned_first;
    word[n - 1] = base;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_moves_to_the_first_vowel_of_open_oa_oe_uy() {
        for (new, classic) in [
            ("hoà", "hòa"),
            ("Hoà", "Hòa"),
            ("HOÀ", "HÒA"),
            ("uỷ", "ủy"),
            ("Uỷ", "Ủy"),
            ("UỶ", "ỦY"),
            ("thuỷ", "thủy"),
            ("oẹ", "ọe"),
            ("khoẻ", "khỏe"),
            ("thuý", "thúy"),
            ("huỷ", "hủy"),
            ("tuỳ", "tùy"),
            ("luỹ", "lũy"),
            ("nguỵ", "ngụy"),
            ("xoá", "xóa"),
            ("hoạ", "họa"),
            ("đoá", "đóa"),
            ("Đoà", "Đòa"),
        ] {
            assert_eq!(tone_classic(new), classic, "{new}");
        }
    }

    #[test]
    fn every_tone_and_case_of_each_pair_moves() {
        let tones = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
        for (v1, v2) in [('o', 'a'), ('o', 'e'), ('u', 'y')] {
            for tone in tones {
                for onset in ["", "h", "th", "kh", "ngh", "tr"] {
                    for upper in [false, true] {
                        let case = |s: String| if upper { s.to_uppercase() } else { s };
                        let new = crate::nfc(&case(format!("{onset}{v1}{v2}{tone}")));
                        let classic = crate::nfc(&case(format!("{onset}{v1}{tone}{v2}")));
                        assert_eq!(tone_classic(&new), classic, "{new}");
                    }
                }
            }
        }
    }

    #[test]
    fn closed_syllables_and_other_vowel_groups_are_untouched() {
        for word in [
            "hoàn", "toán", "quý", "quà", "Quý", "QUÝ", "quỳnh", "giữa", "thuở", "khuya", "uyên",
            "truyền", "khoái", "ngoài", "Quảng", "hòa", "thủy", "khỏe", "a", "à", "ý", "oa", "uy",
            "iá", "ưá", "ôà", "gioà",
        ] {
            assert_eq!(tone_classic(word), word, "{word}");
        }
    }

    #[test]
    fn word_boundaries_are_any_non_letter() {
        assert_eq!(
            tone_classic("Uỷ ban nhân dân xã Hoà Bình, thuỷ lợi; khoẻ mạnh."),
            "Ủy ban nhân dân xã Hòa Bình, thủy lợi; khỏe mạnh."
        );
        assert_eq!(tone_classic("hoà2 (hoà)-hoà/xoá"), "hòa2 (hòa)-hòa/xóa");
        assert_eq!(tone_classic("hoàn"), "hoàn");
        assert_eq!(tone_classic("\u{a0}hoà\u{a0}"), "\u{a0}hòa\u{a0}");
    }

    #[test]
    fn decomposed_input_gives_composed_output() {
        assert_eq!(tone_classic("hoa\u{300}"), "hòa");
        assert_eq!(tone_classic("Thuy\u{309}"), "Thủy");
    }

    #[test]
    fn already_classic_unicode_text_passes_unchanged() {
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                    KẾ HOẠCH Thực hiện công tác đối ngoại năm 2026 của Ủy ban nhân dân xã \
                    Hòa Bình: tăng cường hợp tác quốc tế, bảo đảm an ninh, thủy lợi, \
                    chăm sóc sức khỏe, tùy theo tình hình; Quý I, quà tặng, khuyến khích, \
                    người Việt Nam ở nước ngoài, giữa các đơn vị, truyền thông.";
        assert_eq!(tone_classic(text), text);
        assert_eq!(tone_classic(""), "");
        assert_eq!(tone_classic("plain ascii 123"), "plain ascii 123");
    }

    #[test]
    fn tone_classic_is_idempotent_on_examples() {
        for s in ["hoà", "Uỷ ban", "HOÀ BÌNH", "khoẻ", "quý", "hoa\u{300}"] {
            let once = tone_classic(s);
            assert_eq!(tone_classic(&once), once);
        }
    }

    #[test]
    fn a_following_combining_mark_keeps_the_word_as_is() {
        // The syllable does not end with the pair: a stray mark follows.
        let s = "hoà\u{334}";
        assert_eq!(tone_classic(s), crate::nfc(s));
    }
}
