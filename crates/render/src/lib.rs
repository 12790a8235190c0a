//! Documents out: a [`document::Document`] (a plan read from a file, or later one built in
//! the web system) rendered in the layout of Decree 30/2020/NĐ-CP, Appendix I.
//!
//! [`layout`] turns the model into a sequence of layout blocks once; each output format
//! (DOCX, HTML, and later PDF and XLSX) draws the same blocks, so every format shows the
//! same structure.

pub mod coverage;
pub mod docx;
pub mod html;
pub mod layout;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod xlsx;

use thiserror::Error;

/// Errors of the rendering layer.
#[derive(Debug, Error)]
pub enum RenderError {
    /// The DOCX package could not be written.
    #[error("DOCX packaging failed: {0}")]
    Docx(String),
    /// The XLSX workbook could not be written.
    #[error("XLSX writing failed: {0}")]
    Xlsx(String),
    /// The PDF could not be typeset or written (a typst error).
    #[error("PDF rendering failed: {0}")]
    Pdf(String),
}
