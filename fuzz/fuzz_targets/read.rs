//! Fuzzes the whole pipeline, format detection included: `parse_bytes` must never panic,
//! whatever the bytes (plain text, Markdown, damaged DOCX or PDF, binary junk).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = document::parse_bytes(data, None);
    // With a `.md` name the Markdown path is taken for any text input.
    let _ = document::parse_bytes(data, Some("x.md"));
});
