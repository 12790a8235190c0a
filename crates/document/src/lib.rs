//! The model of a Vietnamese administrative document (văn bản hành chính) and its readers.
//!
//! Data flows one way: bytes → [`read`] (format detection and a reader per format) →
//! [`source::Source`] (normalised logical lines, one per paragraph, each with its origin) →
//! [`extract`] → [`model::Document`]. Nothing here touches a database or the web.

pub mod compare;
pub mod error;
pub mod extract;
pub mod model;
pub mod read;
pub mod source;

pub use error::ReadError;
pub use model::Document;
pub use source::{Format, Line, Source};

/// Reads `bytes` (a `.txt`, `.md`, `.docx` or `.pdf` file; the format is detected from the
/// content, `name` only breaks ties) and extracts the document model.
///
/// Never panics, whatever the bytes. Returns [`ReadError`] when the bytes cannot be read as
/// any supported format, or when a PDF has no text layer (a scan that needs OCR).
pub fn parse_bytes(bytes: &[u8], name: Option<&str>) -> Result<Document, ReadError> {
    let source = read::read(bytes, name)?;
    Ok(extract::extract(&source, name))
}
