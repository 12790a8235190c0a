//! Errors of the reading layer. Each carries a message in Vietnamese and in English; the
//! CLI and the web show [`ReadError::message_vi`] / [`ReadError::message_en`], never a
//! library's internal text (that goes to logs through `Display` of the `detail`).

use thiserror::Error;

/// Why bytes could not be read into a [`crate::Source`].
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Zero bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// Larger than the reader accepts (see [`crate::read::MAX_INPUT_BYTES`]).
    #[error("the file is too large ({size} bytes, limit {limit})")]
    TooLarge { size: usize, limit: usize },
    /// Not a format doingoai reads (e.g. an image, a legacy binary .doc, an executable).
    #[error("unsupported format: {what}")]
    Unsupported { what: String },
    /// A DOCX whose zip or XML is damaged beyond recovery.
    #[error("damaged DOCX: {detail}")]
    BadDocx { detail: String },
    /// A DOCX part that inflates past the reader's limit (a zip bomb, or absurdly large):
    /// refused without expanding it further.
    #[error("{part} expands too much (more than {limit} bytes uncompressed)")]
    ExpandsTooMuch { part: String, limit: u64 },
    /// A PDF whose compressed streams inflate past the reader's limits
    /// (`read::pdf::MAX_PDF_STREAM` each, `MAX_PDF_TOTAL` in all): refused before it is read.
    #[error("the PDF expands too much (more than {limit} bytes uncompressed)")]
    PdfExpandsTooMuch { limit: u64 },
    /// A PDF the reader cannot open.
    #[error("damaged PDF: {detail}")]
    BadPdf { detail: String },
    /// A PDF without a text layer: a scanned image that needs OCR first.
    #[error("the PDF has no text layer (scanned image); OCR is needed")]
    ScannedPdf,
    /// Text that is not valid in any encoding we accept (UTF-8, UTF-16, Windows-1258).
    #[error("text encoding not recognised")]
    Encoding,
}

impl ReadError {
    /// A short explanation for an officer, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            ReadError::Empty => "Tệp rỗng, không có nội dung để đọc.".into(),
            ReadError::TooLarge { size, limit } => format!(
                "Tệp quá lớn ({} MB); giới hạn là {} MB.",
                size / 1_000_000,
                limit / 1_000_000
            ),
            ReadError::Unsupported { what } => format!(
                "Định dạng không được hỗ trợ ({}). Hãy dùng tệp .txt, .md, .docx hoặc .pdf.",
                what_vi(what)
            ),
            ReadError::BadDocx { .. } => {
                "Tệp DOCX bị hỏng hoặc không hợp lệ; hãy mở bằng Word và lưu lại.".into()
            }
            ReadError::ExpandsTooMuch { limit, .. } => format!(
                "Tệp DOCX khi giải nén lớn hơn {} MB nên đã bị từ chối (tệp hỏng hoặc có thể là \
                 tệp độc hại).",
                limit / 1_048_576
            ),
            ReadError::PdfExpandsTooMuch { limit } => format!(
                "Tệp PDF khi giải nén lớn hơn {} MB nên đã bị từ chối (tệp hỏng hoặc có thể là \
                 tệp độc hại); hãy xuất lại tệp PDF từ văn bản gốc.",
                limit / 1_048_576
            ),
            ReadError::BadPdf { .. } => {
                "Tệp PDF bị hỏng hoặc không đọc được; hãy xuất lại tệp PDF.".into()
            }
            ReadError::ScannedPdf => "Tệp PDF là bản quét (ảnh), không có lớp chữ; cần nhận dạng \
                                      ký tự (OCR) trước khi đọc."
                .into(),
            ReadError::Encoding => "Không nhận ra bảng mã của tệp văn bản; hãy lưu lại với \
                                    bảng mã Unicode (UTF-8)."
                .into(),
        }
    }

    /// The same explanation in English.
    pub fn message_en(&self) -> String {
        match self {
            ReadError::Empty => "The file is empty.".into(),
            ReadError::TooLarge { size, limit } => format!(
                "The file is too large ({} MB); the limit is {} MB.",
                size / 1_000_000,
                limit / 1_000_000
            ),
            ReadError::Unsupported { what } => {
                format!("Unsupported format ({what}). Use a .txt, .md, .docx or .pdf file.")
            }
            ReadError::BadDocx { .. } => {
                "The DOCX file is damaged or invalid; open it in Word and save it again.".into()
            }
            ReadError::ExpandsTooMuch { limit, .. } => format!(
                "The DOCX file expands to more than {} MB when unpacked; it was refused (damaged \
                 or malicious file).",
                limit / 1_048_576
            ),
            ReadError::PdfExpandsTooMuch { limit } => format!(
                "The PDF expands to more than {} MB when its streams are unpacked; it was \
                 refused (damaged or malicious file). Export it again from the original.",
                limit / 1_048_576
            ),
            ReadError::BadPdf { .. } => {
                "The PDF file is damaged or unreadable; export the PDF again.".into()
            }
            ReadError::ScannedPdf => {
                "The PDF is a scanned image without a text layer; it needs OCR first.".into()
            }
            ReadError::Encoding => {
                "The text encoding was not recognised; save the file as Unicode (UTF-8).".into()
            }
        }
    }
}

/// The Vietnamese name of an unsupported format (the `what` of
/// [`ReadError::Unsupported`], which the readers give in English).
fn what_vi(what: &str) -> String {
    match what {
        "PNG image" => "ảnh PNG".into(),
        "JPEG image" => "ảnh JPEG".into(),
        "GIF image" => "ảnh GIF".into(),
        "TIFF image" => "ảnh TIFF".into(),
        "executable" => "tệp chương trình".into(),
        "binary data" => "dữ liệu nhị phân, không phải văn bản".into(),
        "Word 97-2003 .doc" => "tệp Word 97-2003 .doc; hãy mở bằng Word và lưu thành .docx".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod vi_tests {
    use super::*;

    #[test]
    fn unsupported_formats_are_named_in_vietnamese() {
        for (what, vi) in [
            ("PNG image", "ảnh PNG"),
            ("binary data", "dữ liệu nhị phân"),
            ("executable", "tệp chương trình"),
            ("Word 97-2003 .doc", "hãy mở bằng Word và lưu thành .docx"),
        ] {
            let m = ReadError::Unsupported { what: what.into() }.message_vi();
            assert!(m.contains(vi), "{m}");
            assert!(!m.contains(&format!("({what})")), "{m}");
        }
    }
}
