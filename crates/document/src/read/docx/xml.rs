//! Small XML helpers shared by the part readers: decoding part bytes to text, namespace
//! classification, attribute look-up and OOXML on/off values.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::name::ResolveResult;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT_NS: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the readers distinguish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Anything else (DrawingML, VML, Word 2010+ extensions, math…).
    Other,
}

/// Classifies a resolved element name. Tolerant of hand-written parts: an unprefixed name
/// without a default namespace, or an undeclared `w:` prefix, counts as WordprocessingML,
/// and an undeclared `mc:` prefix as markup compatibility.
pub(super) fn classify(res: &ResolveResult<'_>) -> Ns {
    match res {
        ResolveResult::Bound(ns) => {
            let ns = ns.as_ref();
            if ns == W_NS || ns == W_STRICT_NS {
                Ns::W
            } else if ns == MC_NS {
                Ns::Mc
            } else {
                Ns::Other
            }
        }
        ResolveResult::Unbound => Ns::W,
        ResolveResult::Unknown(prefix) => match prefix.as_str() {
            "w" => Ns::W,
            "mc" => Ns::Mc,
            _ => Ns::Other,
        },
    }
}

/// Decodes the bytes of an XML part. UTF-16 (with a byte-order mark) is decoded; anything
/// else is taken as UTF-8, invalid sequences replaced by U+FFFD.
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return text;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return text;
    }
    // Validate first: much faster than the lossy decoder on the (usual) valid input.
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The value of the attribute whose local name is `local` (any prefix), with XML escapes
/// resolved. `None` when absent or when the attribute list is malformed before it.
pub(super) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    for a in attrs {
        let Ok(a) = a else { return None };
        if a.key.local_name().as_ref() == local {
            return Some(match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(_) => a.value,
            });
        }
    }
    None
}

/// `w:val` parsed as an integer (surrounding spaces allowed).
pub(super) fn int_val(e: &BytesStart<'_>) -> Option<i64> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// An OOXML on/off property (`<w:b/>`, `<w:b w:val="0"/>`): absent `w:val` means on;
/// "0", "false", "off" mean off.
pub(super) fn on_off(e: &BytesStart<'_>) -> bool {
    match attr(e, "val") {
        None => true,
        Some(v) => !matches!(v.trim(), "0" | "false" | "off" | "False" | "FALSE" | "none"),
    }
}

/// Appends the text of an entity or character reference (`&amp;`, `&#x1EA1;`). Unknown
/// entities are dropped.
pub(super) fn push_ref(r: &BytesRef<'_>, out: &mut String) {
    if r.is_char_ref() {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            out.push(c);
        }
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        out.push_str(s);
    }
}
