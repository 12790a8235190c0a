//! Readers of each format and format detection.

use super::seeds::{fixtures_dir, seeds_dir};
use document::{Format, ReadError};

#[test]
fn the_format_is_detected_from_content_not_the_extension() {
    let txt = std::fs::read(seeds_dir().join("002_c99dabe5466feed8.txt")).expect("seed");
    // A text file called .pdf is still text.
    let src = document::read::read(&txt, Some("plan.pdf")).expect("reads");
    assert_eq!(src.format, Format::Txt);
    assert_eq!(
        document::read::detect(b"%PDF-1.7\n...", Some("a.txt")),
        Ok(Format::Pdf)
    );
    assert_eq!(
        document::read::detect(b"PK\x03\x04....", Some("a.txt")),
        Ok(Format::Docx)
    );
}

#[test]
fn unreadable_inputs_get_clear_errors() {
    let cases: Vec<(&[u8], ReadError)> = vec![
        (b"", ReadError::Empty),
        (b"  \n\t ", ReadError::Empty),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            ReadError::Unsupported {
                what: "Word 97-2003 .doc".into(),
            },
        ),
        (
            b"\x89PNG\r\n\x1a\n",
            ReadError::Unsupported {
                what: "PNG image".into(),
            },
        ),
    ];
    for (bytes, want) in cases {
        assert_eq!(document::read::read(bytes, None), Err(want));
    }
}

#[test]
fn docx_and_pdf_versions_of_the_samples_give_the_same_model_as_the_text() {
    let mut problems = Vec::new();
    for stem in super::seeds::seed_stems() {
        let read = |path: &std::path::Path| {
            let bytes = std::fs::read(path).expect("fixture");
            document::parse_bytes(&bytes, None)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        let text = read(&seeds_dir().join(format!("{stem}.txt")));
        for (ext, format) in [("docx", Format::Docx), ("pdf", Format::Pdf)] {
            let other = read(&fixtures_dir().join("seeds").join(format!("{stem}.{ext}")));
            assert_eq!(other.source.format, format, "{stem}.{ext}: detected format");
            for d in document::compare::differences(&text, &other) {
                problems.push(format!("{stem}.{ext}{d}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_scanned_pdf_is_reported_as_needing_ocr() {
    let bytes = std::fs::read(fixtures_dir().join("scanned.pdf")).expect("fixture");
    assert_eq!(
        document::read::read(&bytes, Some("scan.pdf")),
        Err(ReadError::ScannedPdf)
    );
}

/// Issue 12: a PDF of about 80 KB whose page content inflates to 80 MB of spaces is refused
/// before lopdf or pdf-extract inflate it (it once took the server from 339 MB to 2.4 GB).
#[test]
fn a_pdf_whose_page_content_inflates_past_the_limit_is_refused_before_it_is_read() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    let mb = document::read::pdf::MAX_PDF_STREAM / (1 << 20) + 16;
    for _ in 0..mb {
        z.write_all(&chunk).unwrap();
    }
    let content = z.finish().unwrap();
    let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n"
        .to_vec();
    pdf.extend_from_slice(
        format!(
            "4 0 obj\n<< /Filter /FlateDecode /Length {} >>\nstream\n",
            content.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&content);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    assert!(pdf.len() < 1 << 20, "{} bytes", pdf.len());
    let refused = document::read::read(&pdf, Some("bomb.pdf")).unwrap_err();
    assert_eq!(
        refused,
        ReadError::PdfExpandsTooMuch {
            limit: document::read::pdf::MAX_PDF_STREAM
        }
    );
    assert!(
        refused
            .message_vi()
            .contains("Tệp PDF khi giải nén lớn hơn 64 MB")
    );
}
