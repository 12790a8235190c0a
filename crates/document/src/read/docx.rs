//! DOCX reader (to be written): tolerant zip + quick-xml reader.
use crate::error::ReadError;
use crate::source::Source;

/// Reads a DOCX into a [`Source`].
pub fn read(_bytes: &[u8]) -> Result<Source, ReadError> {
    Err(ReadError::Unsupported { what: "DOCX (reader not yet written)".into() })
}
