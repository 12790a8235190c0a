//! Readers: bytes → [`Source`]. The format is detected from the content; the file name
//! only decides between plain text and Markdown when the content does not.

pub mod docx;
pub mod pdf;
pub mod text;

use crate::error::ReadError;
use crate::source::{Format, Source};

/// Inputs above this size are refused before any work (a plan is rarely above 5 MB; a
/// DOCX with images can be larger, so the limit is generous).
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// Detects the format of `bytes` from its content (magic numbers, then text heuristics);
/// `name`'s extension only separates `.md` from `.txt`.
pub fn detect(bytes: &[u8], name: Option<&str>) -> Result<Format, ReadError> {
    if bytes.starts_with(b"%PDF-") || find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip: DOCX when it holds word/document.xml (checked by the reader, which gives
        // the precise error for other zips such as XLSX or ODT).
        return Ok(Format::Docx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ReadError::Unsupported {
            what: "Word 97-2003 .doc".into(),
        });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ReadError::Unsupported { what: "RTF".into() });
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "PNG image"),
        (&b"\xFF\xD8\xFF"[..], "JPEG image"),
        (&b"GIF8"[..], "GIF image"),
        (&b"II*\x00"[..], "TIFF image"),
        (&b"MM\x00*"[..], "TIFF image"),
        (&b"\x7FELF"[..], "executable"),
        (&b"MZ"[..], "executable"),
    ] {
        if bytes.starts_with(magic) {
            return Err(ReadError::Unsupported { what: what.into() });
        }
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("md") | Some("markdown") => Ok(Format::Md),
        _ => {
            // Content sniffing for Markdown without the extension: ATX headings or
            // emphasis markers at line starts.
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
            let md_lines = head
                .lines()
                .filter(|l| {
                    let t = l.trim_start();
                    t.starts_with("# ")
                        || t.starts_with("## ")
                        || t.starts_with("### ")
                        || t.starts_with("#### ")
                        || (t.starts_with("**") && t.trim_end().ends_with("**"))
                })
                .count();
            if md_lines >= 2 {
                Ok(Format::Md)
            } else {
                Ok(Format::Txt)
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads any supported input into a normalised [`Source`]. Never panics.
pub fn read(bytes: &[u8], name: Option<&str>) -> Result<Source, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let format = detect(bytes, name)?;
    let source = match format {
        Format::Docx => docx::read(bytes)?,
        Format::Pdf => {
            let raw = pdf::extract_text(bytes)?;
            text::normalise(&raw, Format::Pdf)
        }
        Format::Txt | Format::Md => {
            let raw = text::decode(bytes)?;
            text::normalise(&raw, format)
        }
    };
    if source.lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(if format == Format::Pdf {
            ReadError::ScannedPdf
        } else {
            ReadError::Empty
        });
    }
    Ok(source)
}
