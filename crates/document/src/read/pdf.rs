//! PDF reader (to be written): the text layer via pdf-extract, isolated with catch_unwind.
use crate::error::ReadError;

/// Extracts the raw text layer of a PDF.
pub fn extract_text(_bytes: &[u8]) -> Result<String, ReadError> {
    Err(ReadError::Unsupported {
        what: "PDF (reader not yet written)".into(),
    })
}
