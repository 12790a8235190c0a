//! Plain text and Markdown: decoding and normalisation into logical lines.
use crate::error::ReadError;
use crate::source::{Format, Line, Source};

/// Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.trim_start_matches('\u{feff}').to_string()),
        Err(_) => Err(ReadError::Encoding),
    }
}

/// Normalises raw text into logical lines (to be completed).
pub fn normalise(raw: &str, format: Format) -> Source {
    Source {
        format,
        lines: raw.lines().map(Line::plain).collect(),
    }
}
