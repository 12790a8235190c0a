//! Fuzzes the DOCX XML readers behind a well-formed zip, so that mutations reach the
//! WordprocessingML reader instead of being rejected by the zip header checks.
//!
//! The input is split at the first two `\0\0` pairs (NUL is never valid in XML):
//! `document.xml [\0\0 numbering.xml [\0\0 styles.xml]]`. Each part becomes an entry under
//! `word/` of an in-memory zip (stored, not deflated: cheap to build and to read), which is
//! then parsed by `document::parse_bytes`.

#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

fn split_parts(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(3);
    let mut rest = data;
    while parts.len() < 2 {
        match rest.windows(2).position(|w| w == b"\0\0") {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

fn build_docx(parts: &[&[u8]]) -> Vec<u8> {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, part) in names.iter().zip(parts) {
        zip.start_file(*name, options).expect("in-memory zip entry");
        zip.write_all(part).expect("in-memory zip write");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let docx = build_docx(&split_parts(data));
    let _ = document::parse_bytes(&docx, None);
});
