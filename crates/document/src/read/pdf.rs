//! PDF reader: the text layer, page by page, via pdf-extract.
//!
//! pdf-extract (and lopdf below it) panic on purpose on fonts and objects they do not
//! understand, so every call into them runs inside [`std::panic::catch_unwind`], with the
//! panic message silenced on the calling thread only (see [`quietly`]). What no
//! `catch_unwind` can stop, a stack overflow, is prevented by checking the structures
//! pdf-extract walks recursively (the page tree's `Parent` chain, form XObjects drawing
//! form XObjects) before it walks them. Neither crate writes to stdout or stderr by
//! itself: their diagnostics go through the `log` facade, which is silent unless the
//! application installs a logger (and then they are log records, never command output).
//!
//! Lines are rebuilt from the glyph positions by [`layout`], not by pdf-extract's plain-text
//! output. The result is the text of each page, pages separated by a form feed (`'\u{c}'`)
//! at the start of a line, which [`super::text::normalise`] understands.

mod layout;
mod limits;

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document as PdfDocument, Object, ObjectId, output_doc_page};

pub use layout::COLUMN_GAP;
pub use limits::{MAX_PDF_STREAM, MAX_PDF_TOTAL};

use crate::error::ReadError;

/// Separates pages in the text returned by [`extract_text`].
pub const PAGE_SEPARATOR: char = '\u{c}';

/// Below this many non-whitespace characters per page on average, a PDF is taken for a scan
/// (a page of a plan holds well over a thousand; a scan has none, or a stamp or a page
/// number added as text).
pub const MIN_CHARS_PER_PAGE: usize = 20;

/// Extracts the text layer of a PDF: the pages' text joined with [`PAGE_SEPARATOR`] (each
/// page's text ends with a newline, so the separator always starts a line).
///
/// Errors: [`ReadError::BadPdf`] when the bytes do not open as a PDF, the PDF is encrypted
/// with a password, or a page cannot be read; [`ReadError::ScannedPdf`] when the text layer
/// is empty or nearly so; [`ReadError::PdfExpandsTooMuch`] when its compressed streams
/// would inflate past [`MAX_PDF_STREAM`] or [`MAX_PDF_TOTAL`]. Never panics.
pub fn extract_text(bytes: &[u8]) -> Result<String, ReadError> {
    let pages = extract_pages(bytes)?;
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push(PAGE_SEPARATOR);
        }
        out.push_str(page.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// The text of each page, in page order; see [`extract_text`] for the errors.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    limits::check_expansion(bytes)?;
    let mut doc = match quietly(|| PdfDocument::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(bad(format!("cannot open: {e}"))),
        Err(panic) => return Err(bad(format!("cannot open: {panic}"))),
    };
    // lopdf decrypts documents whose user password is empty while loading; an `Encrypt`
    // entry still present means a password is needed.
    if doc.is_encrypted() {
        return Err(bad(
            "the PDF is encrypted and needs a password to be opened".into(),
        ));
    }
    strip_images(&mut doc);
    let pages = match quietly(|| doc.get_pages()) {
        Ok(pages) => pages,
        Err(panic) => return Err(bad(format!("damaged page tree: {panic}"))),
    };
    if pages.is_empty() {
        return Err(bad("the PDF has no pages".into()));
    }
    let mut texts = Vec::with_capacity(pages.len());
    for (&number, &id) in &pages {
        // pdf-extract looks inherited page attributes up the `Parent` chain recursively,
        // without a limit; a cycle would overflow the stack, which no catch_unwind can
        // stop.
        if !parent_chain_is_sound(&doc, id) {
            return Err(bad(format!(
                "page {number}: the page tree has a cycle or is too deep"
            )));
        }
        match quietly(|| check_forms(&doc, id)) {
            Ok(Ok(())) => {}
            Ok(Err(why)) => return Err(bad(format!("page {number}: {why}"))),
            Err(panic) => return Err(bad(format!("page {number}: {panic}"))),
        }
        let result = quietly(|| {
            let mut collector = layout::Collector::default();
            output_doc_page(&doc, &mut collector, number)
                .map(|()| layout::page_text(&collector.glyphs))
        });
        match result {
            Ok(Ok(text)) => texts.push(text.replace(PAGE_SEPARATOR, "\n")),
            Ok(Err(e)) => return Err(bad(format!("page {number}: {e:?}"))),
            Err(panic) => return Err(bad(format!("page {number}: {panic}"))),
        }
    }
    let visible: usize = texts
        .iter()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if visible < MIN_CHARS_PER_PAGE * texts.len() {
        return Err(ReadError::ScannedPdf);
    }
    Ok(texts)
}

fn bad(detail: String) -> ReadError {
    ReadError::BadPdf { detail }
}

/// A page tree deeper than this is refused (real ones have a few levels).
const MAX_PAGE_TREE_DEPTH: usize = 256;

/// True when following `Parent` references from `page` ends, without coming back to an
/// object already seen, within [`MAX_PAGE_TREE_DEPTH`] steps.
fn parent_chain_is_sound(doc: &PdfDocument, page: ObjectId) -> bool {
    let mut seen = HashSet::new();
    let mut current = page;
    loop {
        if !seen.insert(current) || seen.len() > MAX_PAGE_TREE_DEPTH {
            return false;
        }
        let parent = doc
            .get_dictionary(current)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|p| match p {
                Object::Reference(id) => Some(*id),
                _ => None,
            });
        match parent {
            Some(id) => current = id,
            None => return true,
        }
    }
}

/// Empties the data of image XObjects. pdf-extract runs every XObject a page draws as if it
/// were a content stream, images included; image data then parses as garbage operators
/// (or makes the parser panic). Text never lives in images.
fn strip_images(doc: &mut PdfDocument) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            let is_image =
                matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image");
            if is_image {
                stream.content.clear();
                stream.dict.remove(b"Filter");
                stream.dict.remove(b"DecodeParms");
            }
        }
    }
}

/// Form XObjects nested deeper than this are refused (a plan has one level, if any).
const MAX_FORM_DEPTH: usize = 16;
/// Form XObjects drawn per page, counting repeats, beyond which a page is refused: forms
/// drawing forms twice over can ask for exponentially many drawings.
const MAX_FORMS_PER_PAGE: usize = 5_000;

/// Checks that the form XObjects a page draws, followed the way pdf-extract follows them
/// (`Do` in a content stream, resolved in the form's own resources or else in the
/// caller's), neither draw themselves again nor nest too deeply: pdf-extract recurses
/// without limit.
fn check_forms(doc: &PdfDocument, page: ObjectId) -> Result<(), String> {
    let has_forms = doc.objects.values().any(|o| {
        matches!(o, Object::Stream(s) if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form"))
    });
    if !has_forms {
        return Ok(());
    }
    let empty = Dictionary::new();
    let resources = inherited_resources(doc, page).unwrap_or(&empty);
    let content = doc.get_page_content(page).unwrap_or_default();
    let mut path = Vec::new();
    let mut budget = MAX_FORMS_PER_PAGE;
    walk_forms(doc, &content, resources, &mut path, &mut budget)
}

fn walk_forms(
    doc: &PdfDocument,
    content: &[u8],
    resources: &Dictionary,
    path: &mut Vec<ObjectId>,
    budget: &mut usize,
) -> Result<(), String> {
    let Ok(content) = Content::decode(content) else {
        // pdf-extract fails on it too, without recursing.
        return Ok(());
    };
    for op in &content.operations {
        if op.operator != "Do" {
            continue;
        }
        let Some(Ok(name)) = op.operands.first().map(Object::as_name) else {
            continue;
        };
        let Some(xobjects) = resources
            .get(b"XObject")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
        else {
            continue;
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            continue;
        };
        let Ok(Object::Stream(form)) = doc.get_object(*id) else {
            continue;
        };
        if matches!(form.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image") {
            continue;
        }
        if path.contains(id) {
            return Err("a drawing (form XObject) draws itself".into());
        }
        if path.len() >= MAX_FORM_DEPTH {
            return Err("drawings (form XObjects) nested too deeply".into());
        }
        if *budget == 0 {
            return Err("too many drawings (form XObjects)".into());
        }
        *budget -= 1;
        let inner = form
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .unwrap_or(resources);
        let data = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        path.push(*id);
        walk_forms(doc, &data, inner, path, budget)?;
        path.pop();
    }
    Ok(())
}

fn deref<'a>(doc: &'a PdfDocument, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// The page's `Resources`, looked up the `Parent` chain (which has no cycle: checked
/// before).
fn inherited_resources(doc: &PdfDocument, page: ObjectId) -> Option<&Dictionary> {
    let mut current = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(r) = current.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        let parent = current.get(b"Parent").ok()?.as_reference().ok()?;
        current = doc.get_dictionary(parent).ok()?;
    }
    None
}

thread_local! {
    /// How many [`quietly`] calls are running on this thread.
    static QUIET_DEPTH: Cell<u32> = const { Cell::new(0) };
}

static INSTALL_HOOK: Once = Once::new();

/// Runs `f`, turning a panic into `Err(message)`. While `f` runs, the panic hook stays
/// silent for this thread only: the process-wide hook is wrapped once (on first use) by one
/// that defers to the previous hook unless the panicking thread is inside `quietly`, so
/// panics elsewhere are reported as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let quiet = QUIET_DEPTH.try_with(|d| d.get() > 0).unwrap_or(false);
            if !quiet {
                previous(info);
            }
        }));
    });
    struct Depth;
    impl Drop for Depth {
        fn drop(&mut self) {
            let _ = QUIET_DEPTH.try_with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    QUIET_DEPTH.with(|d| d.set(d.get() + 1));
    let _depth = Depth;
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            format!("reader panicked: {s}")
        } else if let Some(s) = payload.downcast_ref::<String>() {
            format!("reader panicked: {s}")
        } else {
            "reader panicked".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed PDF with one page per item of `pages`, each line of an item drawn in
    /// Helvetica one line below the previous (ASCII text only).
    fn pdf_with_pages(pages: &[&str]) -> Vec<u8> {
        let mut objects: Vec<String> = Vec::new();
        let n = pages.len();
        // 1: catalog, 2: page tree, 3: font, then a page and its content per page.
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
        objects.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        ));
        objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
        for (i, page) in pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            ));
            let mut content = String::from("BT /F1 12 Tf 14 TL 72 770 Td\n");
            for line in page.lines() {
                let escaped = line
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                content.push_str(&format!("({escaped}) Tj T*\n"));
            }
            content.push_str("ET");
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ));
        }
        pdf_from_objects(&objects)
    }

    /// A PDF file holding `objects` (numbered from 1; object 1 is the catalog), with a
    /// correct cross-reference table.
    fn pdf_from_objects(objects: &[String]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, obj) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n", objects.len() + 1).as_bytes());
        out.extend_from_slice(b"0000000000 65535 f \n");
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /ID [<00112233445566778899AABBCCDDEEFF> \
                 <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    const PAGE_ONE: &str = "KE HOACH Hoat dong doi ngoai nam 2026\nI. MUC DICH, YEU CAU";
    const PAGE_TWO: &str = "II. NOI DUNG\nTo chuc thuc hien theo ke hoach cua cap tren";

    #[test]
    fn pages_are_read_in_order_and_separated_by_form_feeds() {
        let text = extract_text(&pdf_with_pages(&[PAGE_ONE, PAGE_TWO])).unwrap();
        let pages: Vec<&str> = text.split(PAGE_SEPARATOR).collect();
        assert_eq!(pages.len(), 2, "{text:?}");
        assert!(pages[0].contains("KE HOACH Hoat dong"), "{text:?}");
        assert!(pages[0].contains("I. MUC DICH"), "{text:?}");
        assert!(pages[1].contains("II. NOI DUNG"), "{text:?}");
        assert!(pages[0].ends_with('\n'), "{text:?}");
    }

    #[test]
    fn the_text_reaches_the_normaliser_as_lines() {
        let raw = extract_text(&pdf_with_pages(&[PAGE_ONE, PAGE_TWO])).unwrap();
        let src = super::super::text::normalise(&raw, crate::Format::Pdf);
        let lines: Vec<&str> = src.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(lines.contains(&"I. MUC DICH, YEU CAU"), "{lines:?}");
        assert!(lines.contains(&"II. NOI DUNG"), "{lines:?}");
    }

    #[test]
    fn a_pdf_without_text_is_a_scan() {
        assert_eq!(
            extract_text(&pdf_with_pages(&["", ""])),
            Err(ReadError::ScannedPdf)
        );
    }

    #[test]
    fn a_page_number_alone_on_each_page_is_still_a_scan() {
        assert_eq!(
            extract_text(&pdf_with_pages(&["1", "2", "3"])),
            Err(ReadError::ScannedPdf)
        );
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_a_bad_pdf() {
        for bytes in [
            &b""[..],
            b"%PDF-",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
            b"hello world",
            &[0xFFu8; 64][..],
        ] {
            assert!(
                matches!(extract_text(bytes), Err(ReadError::BadPdf { .. })),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn a_truncated_pdf_never_panics() {
        let pdf = pdf_with_pages(&[PAGE_ONE, PAGE_TWO]);
        for len in (0..pdf.len()).step_by(7) {
            let _ = extract_text(&pdf[..len]);
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let pdf = pdf_with_pages(&[PAGE_ONE, PAGE_TWO]);
        // A cheap deterministic generator: overwrite bytes here and there.
        let mut seed: u32 = 0x2026;
        for _ in 0..200 {
            let mut bytes = pdf.clone();
            for _ in 0..4 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let at = (seed as usize >> 4) % bytes.len();
                bytes[at] = (seed >> 24) as u8;
            }
            let _ = extract_text(&bytes);
        }
    }

    #[test]
    fn a_page_tree_with_a_cycle_is_a_bad_pdf() {
        // The page names itself as its parent and has no resources of its own, so looking
        // resources up would recurse forever.
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>".into(),
            "<< /Length 0 >>\nstream\n\nendstream".into(),
        ];
        let pdf = pdf_from_objects(&objects);
        match extract_text(&pdf) {
            Err(ReadError::BadPdf { detail }) => assert!(detail.contains("cycle"), "{detail}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_panic_inside_quietly_becomes_an_error_with_its_message() {
        let r: Result<(), String> = quietly(|| panic!("odd font"));
        assert_eq!(r, Err("reader panicked: odd font".to_string()));
        assert_eq!(QUIET_DEPTH.with(Cell::get), 0);
        assert_eq!(quietly(|| 7), Ok(7));
    }

    #[test]
    fn a_pdf_with_a_user_password_is_a_bad_pdf_that_says_so() {
        use pdf_extract::{EncryptionState, EncryptionVersion, Permissions};
        let mut doc = PdfDocument::load_mem(&pdf_with_pages(&[PAGE_ONE])).unwrap();
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: "secret",
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        match extract_text(&bytes) {
            Err(ReadError::BadPdf { detail }) => assert!(detail.contains("encrypted"), "{detail}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_pdf_encrypted_without_a_user_password_is_read() {
        use pdf_extract::{EncryptionState, EncryptionVersion, Permissions};
        let mut doc = PdfDocument::load_mem(&pdf_with_pages(&[PAGE_ONE])).unwrap();
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: "",
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let text = extract_text(&bytes).unwrap();
        assert!(text.contains("KE HOACH"), "{text:?}");
    }

    /// A one-page PDF whose page draws `/X1` (object 5) and whose object 5 is `form`.
    fn pdf_drawing(page_resources: &str, form: String) -> Vec<u8> {
        let content = "BT /F1 12 Tf 72 770 Td (Ke hoach hoat dong doi ngoai nam 2026) Tj ET /X1 Do";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {page_resources} \
                 /Contents 4 0 R >>"
            ),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ),
            form,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        ];
        pdf_from_objects(&objects)
    }

    fn form(dict: &str, content: &str) -> String {
        format!(
            "<< /Type /XObject {dict} /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        )
    }

    #[test]
    fn a_drawing_that_draws_itself_is_a_bad_pdf_not_a_stack_overflow() {
        let pdf = pdf_drawing(
            "<< /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>",
            form(
                "/Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >>",
                "/X1 Do",
            ),
        );
        match extract_text(&pdf) {
            Err(ReadError::BadPdf { detail }) => assert!(detail.contains("itself"), "{detail}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_drawing_without_resources_that_draws_itself_through_the_page_is_refused() {
        let pdf = pdf_drawing(
            "<< /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>",
            form("/Subtype /Form /BBox [0 0 10 10]", "/X1 Do"),
        );
        assert!(matches!(extract_text(&pdf), Err(ReadError::BadPdf { .. })));
    }

    #[test]
    fn a_drawing_with_text_is_read() {
        let pdf = pdf_drawing(
            "<< /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>",
            form(
                "/Subtype /Form /BBox [0 0 595 842]",
                "BT /F1 12 Tf 72 700 Td (Noi dung trong hinh ve) Tj ET",
            ),
        );
        let text = extract_text(&pdf).unwrap();
        assert!(text.contains("Noi dung trong hinh ve"), "{text:?}");
    }

    #[test]
    fn image_data_is_never_read_as_text() {
        // Image bytes that happen to parse as a text-drawing content stream.
        let pdf = pdf_drawing(
            "<< /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >>",
            form(
                "/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
                "BT /F1 12 Tf 72 700 Td (SECRET) Tj ET",
            ),
        );
        let text = extract_text(&pdf).unwrap();
        assert!(text.contains("Ke hoach hoat dong"), "{text:?}");
        assert!(!text.contains("SECRET"), "{text:?}");
    }

    #[test]
    fn an_inline_image_next_to_text_does_not_stop_the_reading() {
        let content = "q 10 0 0 10 72 600 cm BI /W 2 /H 1 /CS /G /BPC 8 ID \u{1}\u{2} EI Q \
                       BT /F1 12 Tf 72 770 Td (Ke hoach hoat dong doi ngoai nam 2026) Tj ET";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
                .into(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        ];
        let text = extract_text(&pdf_from_objects(&objects)).unwrap();
        assert!(text.contains("Ke hoach hoat dong"), "{text:?}");
    }
}
