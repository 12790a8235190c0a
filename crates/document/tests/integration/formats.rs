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

/// Removes spans and provenance: what must be equal across formats is the content.
fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for k in ["line", "para", "source", "warnings"] {
                m.remove(k);
            }
            m.values_mut().for_each(strip);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn differences(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                differences(
                    va,
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, &format!("{path}[{i}]"), out);
            }
        }
        (x, y) if x == y => {}
        (x, y) => out.push(format!(
            "{path}: {} ≠ {}",
            x.to_string().chars().take(200).collect::<String>(),
            y.to_string().chars().take(200).collect::<String>()
        )),
    }
}

#[test]
fn docx_and_pdf_versions_of_the_samples_give_the_same_model_as_the_text() {
    let mut problems = Vec::new();
    for stem in super::seeds::seed_stems() {
        let mut text = super::seeds::parse_file(&seeds_dir().join(format!("{stem}.txt")));
        strip(&mut text);
        for ext in ["docx", "pdf"] {
            let path = fixtures_dir().join("seeds").join(format!("{stem}.{ext}"));
            let mut other = super::seeds::parse_file(&path);
            assert_eq!(
                other["source"]["format"], ext,
                "{stem}.{ext}: detected format"
            );
            strip(&mut other);
            differences(&text, &other, &format!("{stem}.{ext}"), &mut problems);
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
