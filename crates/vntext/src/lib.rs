//! Vietnamese text: NFC, tone-placement normalisation, search folding, legacy encodings
//! (TCVN3/ABC, VNI) and cleanup of text extracted from PDF/Word. No dependency on any
//! other doingoai crate.

mod fold;
pub mod legacy;
pub mod syllable;
mod tone;

pub use fold::{fold, fold_char, fold_starts_with, fold_words, has_vietnamese_marks};
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

/// Whether `c` is a character no text typed or imported into doingoai keeps: C0 and C1
/// control characters other than line feed and tab (NUL, ESC, BEL, carriage return …),
/// DEL, and the bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069), which can make a file name or a line of a CSV read differently from
/// what it holds ("Trojan Source", CVE-2021-42574). Zero-width joiners stay: scripts and
/// emoji sequences need them.
pub fn is_unwanted_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text as doingoai stores it: NFC, carriage returns made line feeds ("\r\n" and a lone
/// "\r"), and no [unwanted control characters](is_unwanted_control). Removing, not
/// refusing: they are invisible, so an officer could not find what to correct, and
/// nothing an officer meant is lost with them.
pub fn clean(s: &str) -> String {
    let s = if s.contains('\r') {
        std::borrow::Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if s.chars().any(is_unwanted_control) {
        nfc(&s
            .chars()
            .filter(|c| !is_unwanted_control(*c))
            .collect::<String>())
    } else {
        nfc(&s)
    }
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
    fn clean_text_drops_controls_and_bidi_overrides_and_keeps_lines_tabs_and_joiners() {
        assert_eq!(clean("Hà\0 Bắc\u{1b}[31m"), "Hà Bắc[31m");
        assert_eq!(clean("tep\u{202e}fdp.exe"), "tepfdp.exe");
        assert_eq!(clean("a\u{2066}b\u{2069}c\u{7f}d\u{85}e"), "abcde");
        assert_eq!(
            clean("dòng 1\r\ndòng 2\rdòng 3\tcột"),
            "dòng 1\ndòng 2\ndòng 3\tcột"
        );
        assert_eq!(clean("👨\u{200d}👩"), "👨\u{200d}👩");
        assert_eq!(clean("Ha\u{300}"), "Hà");
    }

    proptest! {
        #[test]
        fn clean_text_holds_no_unwanted_control_and_is_nfc(s in any::<String>()) {
            let c = clean(&s);
            prop_assert!(!c.chars().any(is_unwanted_control));
            prop_assert!(!c.contains('\r'));
            prop_assert_eq!(nfc(&c), c.clone());
            prop_assert_eq!(clean(&c), c);
        }
    }

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
