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
    let fixtures = fixtures_dir();
    let _ = fixtures;
}
