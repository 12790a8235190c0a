//! Vietnamese text: NFC, tone-placement normalisation, search folding, legacy encodings
//! (TCVN3/ABC, VNI) and cleanup of text extracted from PDF/Word. No dependency on any
//! other doingoai crate.

pub mod legacy;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode Normalization Form C (precomposed letters, as Vietnamese text is
/// expected to be stored). Cheap when `s` is already NFC.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is in Unicode Normalization Form C.
pub fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}
