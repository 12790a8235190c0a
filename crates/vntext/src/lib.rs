//! Vietnamese text: NFC, tone-placement normalisation, search folding, legacy encodings
//! (TCVN3/ABC, VNI) and cleanup of text extracted from PDF/Word. No dependency on any
//! other doingoai crate.

mod fold;
pub mod legacy;
pub mod syllable;
mod tone;

pub use fold::{fold, fold_char, fold_starts_with, has_vietnamese_marks};
pub use tone::tone_classic;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode Normalization Form C (precomposed letters, as Vietnamese text is
/// expected to be stored). Cheap when `s` is already NFC: then the result equals `s`.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    // Composition never crosses a line break: recompose only the lines that need it (one
    // stray combining mark must not cost a pass over the whole document).
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        if is_nfc_quick(line.chars()) == IsNormalized::Yes {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    out
}

/// True when `s` has at least one letter and no lowercase letter: text written in capitals
/// ("ỦY BAN NHÂN DÂN", "XÃ HÀ BẮC", "TM. ỦY BAN NHÂN DÂN"). Digits and punctuation do
/// not count either way.
pub fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether `s` is in Unicode Normalization Form C (the result of [`nfc`] always is).
pub fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}

/// Whether `c` is a combining diacritical mark of the basic block U+0300–U+036F.
fn is_basic_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn all_caps_needs_a_letter_and_no_lowercase() {
        assert!(is_all_caps("ỦY BAN NHÂN DÂN XÃ HÀ BẮC"));
        assert!(is_all_caps("TM. ỦY BAN - 2026"));
        assert!(!is_all_caps("Ủy ban"));
        assert!(!is_all_caps("2026 - 10"));
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        assert_eq!(nfc("Vie\u{323}\u{302}t Nam"), "Việt Nam");
        assert_eq!(nfc("Đô\u{300}ng"), "Đồng");
        assert_eq!(nfc("hoa\u{300}"), "hoà");
    }

    #[test]
    fn nfc_returns_already_composed_text_unchanged() {
        let s = "Cộng hòa xã hội chủ nghĩa Việt Nam";
        assert_eq!(nfc(s), s);
        assert_eq!(nfc(""), "");
    }

    #[test]
    fn is_nfc_tells_composed_from_decomposed() {
        assert!(is_nfc("Việt Nam"));
        assert!(is_nfc("ascii"));
        assert!(!is_nfc("Vie\u{323}\u{302}t"));
        // Composable but in a non-canonical mark order.
        assert!(!is_nfc("e\u{302}\u{323}"));
    }

    /// Vietnamese-looking text: letters, combining tone marks, punctuation.
    fn vietnamese_like() -> impl Strategy<Value = String> {
        "[a-zA-ZđĐ oaeuyOAEUYqQ\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴăâêôơưĂÂÊÔƠƯ.,1-]{0,40}"
    }

    proptest! {
        #[test]
        fn no_function_panics_on_arbitrary_strings(s in any::<String>()) {
            let _ = nfc(&s);
            let _ = is_nfc(&s);
            let _ = tone_classic(&s);
            let _ = fold(&s);
            let _ = has_vietnamese_marks(&s);
            for c in s.chars() {
                let _ = fold_char(c);
            }
            for enc in [legacy::Legacy::Tcvn3, legacy::Legacy::Vni] {
                let _ = legacy::to_unicode(&s, enc);
                let _ = legacy::to_unicode_caps(&s, enc);
            }
            let _ = legacy::font_encoding(&s);
            let _ = legacy::font_is_caps(&s);
        }

        #[test]
        fn nfc_is_idempotent_and_normalised(s in any::<String>()) {
            let once = nfc(&s);
            prop_assert!(is_nfc(&once));
            prop_assert_eq!(nfc(&once), once);
        }

        #[test]
        fn fold_never_leaves_combining_marks(s in any::<String>()) {
            prop_assert!(!fold(&s).chars().any(is_basic_combining));
        }

        #[test]
        fn fold_never_leaves_combining_marks_in_vietnamese_text(s in vietnamese_like()) {
            let f = fold(&s);
            prop_assert!(!f.chars().any(is_basic_combining));
            prop_assert!(!f.contains('đ'));
            prop_assert!(!has_vietnamese_marks(&f));
        }

        #[test]
        fn fold_is_idempotent(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_ignores_normalisation_form(s in any::<String>()) {
            prop_assert_eq!(fold(&nfc(&s)), fold(&s));
        }

        #[test]
        fn tone_classic_is_idempotent_nfc_and_preserves_fold(s in any::<String>()) {
            let once = tone_classic(&s);
            prop_assert!(is_nfc(&once));
            prop_assert_eq!(tone_classic(&once), once.clone());
            prop_assert_eq!(fold(&once), fold(&s));
        }

        #[test]
        fn tone_classic_on_vietnamese_text_is_idempotent_and_preserves_fold(s in vietnamese_like()) {
            let once = tone_classic(&s);
            prop_assert!(is_nfc(&once));
            prop_assert_eq!(tone_classic(&once), once.clone());
            prop_assert_eq!(fold(&once), fold(&s));
            prop_assert_eq!(has_vietnamese_marks(&once), has_vietnamese_marks(&s));
        }

        #[test]
        fn fold_char_agrees_with_fold_on_single_letters(c in any::<char>()) {
            let folded = fold(&c.to_string());
            let mut chars = folded.chars();
            if let (Some(f), None) = (chars.next(), chars.next()) {
                prop_assert_eq!(fold_char(c), f);
            }
        }

        #[test]
        fn legacy_output_is_nfc(s in any::<String>()) {
            for enc in [legacy::Legacy::Tcvn3, legacy::Legacy::Vni] {
                prop_assert!(is_nfc(&legacy::to_unicode(&s, enc)));
                prop_assert!(is_nfc(&legacy::to_unicode_caps(&s, enc)));
            }
        }
    }
}
