//! DOCX reader: a tolerant, hand-written reader over `zip` + `quick-xml`.
//!
//! Contract of [`read`]:
//! - every `w:p` of the main document part in document order (tables, content controls
//!   and text boxes included; of an `mc:AlternateContent` only the first branch, normally
//!   `mc:Choice`, is read) gets the next paragraph index; page headers, footers, footnotes
//!   and comments are not read;
//! - a paragraph gives one [`Line`](crate::source::Line) per piece between `w:br`/`w:cr` breaks (same `para`);
//!   empty pieces give no line. Text is NFC, single-spaced, trimmed; `w:tab` is a space,
//!   `w:noBreakHyphen` a "-"; deleted text, field codes (not their results) and hidden text
//!   are left out;
//! - automatic numbering is computed from `numbering.xml` (and numbering given by
//!   paragraph styles) and the label Word prints is prepended ("1. …", "a) …", "- …");
//! - `bold` is true when every run with visible text is bold (direct formatting, character
//!   style, paragraph style chain, document defaults);
//! - runs in a legacy Vietnamese font (TCVN3 `.VnTime`, VNI `VNI-Times`…) are converted
//!   to Unicode;
//! - a layout table (at most two columns, and no visible border or the text of a document
//!   header / signature block) is read as plain paragraphs; any other table gives one line
//!   per row with `cells` and `table` set (rows without text are left out);
//! - never panics; damaged zips or parts give [`ReadError::BadDocx`], an entry that
//!   expands beyond the limits below (zip bomb) [`ReadError::ExpandsTooMuch`], other
//!   zip-based formats
//!   [`ReadError::Unsupported`]. An XML error keeps the text read before it.

mod body;
mod numbering;
mod styles;
mod xml;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use vntext::legacy::Legacy;
use zip::ZipArchive;

use crate::error::ReadError;
use crate::source::{Format, Source};

/// Most bytes the main document part may expand to.
pub const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;
/// Most bytes `styles.xml` or `numbering.xml` may expand to.
pub const MAX_AUX_XML: u64 = 16 * 1024 * 1024;
/// Most bytes all entries read from one file may expand to together.
pub const MAX_TOTAL_XML: u64 = 128 * 1024 * 1024;
/// Deepest element nesting read in an XML part (Word nests a few dozen levels); deeper
/// input stops the part there, which bounds the memory a hostile part can take.
const MAX_DEPTH: usize = 1024;
/// Most bytes a relationships part or `mimetype` may expand to.
const MAX_SMALL_PART: u64 = 1024 * 1024;

/// Reads a DOCX (or DOCM/DOTX: any WordprocessingML package) into a [`Source`].
/// See the module documentation for the contract. Never panics.
pub fn read(bytes: &[u8]) -> Result<Source, ReadError> {
    // The reader itself does not panic on any input; this guards against a panic inside
    // a dependency on a damaged archive.
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| {
        Err(ReadError::BadDocx {
            detail: "internal error while reading the archive".into(),
        })
    })
}

fn bad(detail: impl Into<String>) -> ReadError {
    ReadError::BadDocx {
        detail: detail.into(),
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Source, ReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
    let names = NameIndex::new(&archive);
    let mut budget = MAX_TOTAL_XML;

    let main = locate_main(&mut archive, &names, &mut budget)?;
    let main_dir = parent_dir(&main.1);
    let (styles_path, numbering_path) = locate_aux(&mut archive, &names, &main.1, &mut budget)?;

    let mut fonts = FontCache::default();
    let styles_path = styles_path.unwrap_or_else(|| format!("{main_dir}styles.xml"));
    let numbering_path = numbering_path.unwrap_or_else(|| format!("{main_dir}numbering.xml"));
    let styles = match names.get(&styles_path) {
        Some(i) => {
            let entry = read_entry(&mut archive, i, MAX_AUX_XML, &mut budget)?;
            styles::Styles::parse(&xml::decode(&entry.data), &mut fonts)
        }
        None => styles::Styles::default(),
    };
    let mut numbering = match names.get(&numbering_path) {
        Some(i) => {
            let entry = read_entry(&mut archive, i, MAX_AUX_XML, &mut budget)?;
            numbering::Numbering::parse(&xml::decode(&entry.data), &mut fonts)
        }
        None => numbering::Numbering::default(),
    };

    let doc = read_entry(&mut archive, main.0, MAX_DOCUMENT_XML, &mut budget)?;
    if doc.data.is_empty() {
        return Err(bad(match doc.error {
            Some(e) => format!("{} cannot be read: {e}", main.1),
            None => format!("{} is empty", main.1),
        }));
    }
    let text = xml::decode(&doc.data);
    let walked = body::walk(&text, &styles, &mut numbering, &mut fonts);
    if !walked.saw_document {
        return Err(bad(format!(
            "{} is not a WordprocessingML document{}",
            main.1,
            walked
                .error
                .as_deref()
                .map(|e| format!(" ({e})"))
                .unwrap_or_default()
        )));
    }
    if walked.lines.is_empty()
        && let Some(e) = walked.error.or(doc.error)
    {
        return Err(bad(format!("{}: {e}", main.1)));
    }
    Ok(Source {
        format: Format::Docx,
        lines: walked.lines,
    })
}

/// Zip entry names, normalised (ASCII lower case, `/` separators, no leading `/`), to
/// entry indexes.
struct NameIndex {
    map: HashMap<String, usize>,
}

impl NameIndex {
    fn new<R: Read + std::io::Seek>(archive: &ZipArchive<R>) -> NameIndex {
        let mut map = HashMap::with_capacity(archive.len());
        for i in 0..archive.len() {
            if let Some(Ok(name)) = archive.name_for_index(i) {
                map.entry(normalise_name(&name)).or_insert(i);
            }
        }
        NameIndex { map }
    }

    fn get(&self, name: &str) -> Option<usize> {
        self.map.get(&normalise_name(name)).copied()
    }

    fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn any_starts_with(&self, prefix: &str) -> bool {
        self.map.keys().any(|k| k.starts_with(prefix))
    }
}

fn normalise_name(name: &str) -> String {
    name.trim_start_matches(['/', '\\'])
        .chars()
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The directory part of a part name, with its trailing `/` ("word/"), or "".
fn parent_dir(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => path.get(..=i).unwrap_or("").to_owned(),
        None => String::new(),
    }
}

/// Resolves a relationship target against the directory of its source part.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = target.trim().replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("{base_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An entry's bytes, and the error that stopped reading it early, if any.
struct Entry {
    data: Vec<u8>,
    error: Option<String>,
}

/// Reads entry `index`, decompressing at most `limit` bytes and at most what is left of
/// `budget` (declared sizes are not trusted). More than that is a zip bomb:
/// [`ReadError::ExpandsTooMuch`] (the only error). An entry that cannot be opened (unsupported
/// method, encrypted) gives no bytes; a decompression or checksum error keeps the bytes
/// read before it. Either way [`Entry::error`] says why.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    limit: u64,
    budget: &mut u64,
) -> Result<Entry, ReadError> {
    let cap = limit.min(*budget);
    let mut file = match archive.by_index(index) {
        Ok(file) => file,
        Err(e) => {
            return Ok(Entry {
                data: Vec::new(),
                error: Some(format!("zip entry {index} cannot be opened: {e}")),
            });
        }
    };
    let name = file
        .name()
        .map(|n| n.into_owned())
        .unwrap_or_else(|_| format!("zip entry {index}"));
    let hint = file.size().min(cap).min(8 * 1024 * 1024);
    let mut data = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    let result = (&mut file)
        .take(cap.saturating_add(1))
        .read_to_end(&mut data);
    let len = data.len() as u64;
    if len > cap {
        return Err(ReadError::ExpandsTooMuch {
            part: name,
            limit: cap,
        });
    }
    *budget = budget.saturating_sub(len);
    Ok(Entry {
        data,
        error: result.err().map(|e| e.to_string()),
    })
}

/// Finds the main document part (index, name) through `_rels/.rels`, else
/// `word/document.xml`; when there is none, says what the archive is.
fn locate_main<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    names: &NameIndex,
    budget: &mut u64,
) -> Result<(usize, String), ReadError> {
    let mut candidates = Vec::new();
    if let Some(i) = names.get("_rels/.rels")
        && let Ok(entry) = read_entry(archive, i, MAX_SMALL_PART, budget)
    {
        for (kind, target) in relationships(&xml::decode(&entry.data)) {
            if kind.ends_with("/officeDocument") {
                candidates.push(resolve_target("", &target));
            }
        }
    }
    candidates.push("word/document.xml".to_owned());
    for c in candidates {
        if let Some(i) = names.get(&c) {
            return Ok((i, c));
        }
    }
    Err(what_archive_is(archive, names, budget))
}

/// The error for an archive without a main document part.
fn what_archive_is<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    names: &NameIndex,
    budget: &mut u64,
) -> ReadError {
    let unsupported = |what: &str| ReadError::Unsupported { what: what.into() };
    if names.contains("xl/workbook.xml") {
        return unsupported("Excel spreadsheet (XLSX)");
    }
    if names.contains("ppt/presentation.xml") {
        return unsupported("PowerPoint presentation (PPTX)");
    }
    if let Some(i) = names.get("mimetype") {
        let mime = read_entry(archive, i, MAX_SMALL_PART, budget)
            .map(|e| String::from_utf8_lossy(&e.data).trim().to_owned())
            .unwrap_or_default();
        return match mime.as_str() {
            "application/vnd.oasis.opendocument.text" => unsupported("OpenDocument text (ODT)"),
            m if m.starts_with("application/vnd.oasis.opendocument.spreadsheet") => {
                unsupported("OpenDocument spreadsheet (ODS)")
            }
            m if m.starts_with("application/vnd.oasis.opendocument") => {
                unsupported("OpenDocument file")
            }
            "application/epub+zip" => unsupported("EPUB e-book"),
            _ => unsupported("ZIP archive"),
        };
    }
    if names.contains("content.xml") && names.contains("meta-inf/manifest.xml") {
        return unsupported("OpenDocument file");
    }
    if names.any_starts_with("word/") {
        return bad("word/document.xml is missing");
    }
    if let Some(i) = names.get("[content_types].xml") {
        let types = read_entry(archive, i, MAX_SMALL_PART, budget)
            .map(|e| String::from_utf8_lossy(&e.data).into_owned())
            .unwrap_or_default();
        if types.contains("wordprocessingml") {
            return bad("the main document part is missing");
        }
        return unsupported("Office Open XML package that is not a Word document");
    }
    unsupported("ZIP archive (not a Word document)")
}

/// Finds `styles.xml` and `numbering.xml` through the main part's relationships.
fn locate_aux<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    names: &NameIndex,
    main: &str,
    budget: &mut u64,
) -> Result<(Option<String>, Option<String>), ReadError> {
    let dir = parent_dir(main);
    let file = main.get(dir.len()..).unwrap_or("");
    let Some(i) = names.get(&format!("{dir}_rels/{file}.rels")) else {
        return Ok((None, None));
    };
    let entry = read_entry(archive, i, MAX_SMALL_PART, budget)?;
    let mut styles = None;
    let mut numbering = None;
    for (kind, target) in relationships(&xml::decode(&entry.data)) {
        if kind.ends_with("/styles") && styles.is_none() {
            styles = Some(resolve_target(&dir, &target));
        } else if kind.ends_with("/numbering") && numbering.is_none() {
            numbering = Some(resolve_target(&dir, &target));
        }
    }
    Ok((styles, numbering))
}

/// The (Type, Target) pairs of the internal relationships of a `.rels` part.
fn relationships(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if e.local_name().as_ref() != "Relationship" {
                    continue;
                }
                let external = xml::attr(&e, "TargetMode").is_some_and(|m| m == "External");
                if let (false, Some(kind), Some(target)) =
                    (external, xml::attr(&e, "Type"), xml::attr(&e, "Target"))
                {
                    out.push((kind.trim().to_owned(), target.into_owned()));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// How a run's font encodes Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FontEnc {
    Unicode,
    /// A legacy 8-bit encoding; `caps` for the upper-case-only variants (`.VnTimeH`).
    Legacy {
        enc: Legacy,
        caps: bool,
    },
}

/// Memoises the encoding of the last font name looked up (runs mostly repeat it).
#[derive(Debug, Default)]
struct FontCache {
    last: Option<(String, FontEnc)>,
}

impl FontCache {
    fn lookup(&mut self, name: &str) -> FontEnc {
        let name = name.trim();
        if let Some((n, enc)) = &self.last
            && n == name
        {
            return *enc;
        }
        let enc = match vntext::legacy::font_encoding(name) {
            Some(enc) => FontEnc::Legacy {
                enc,
                caps: vntext::legacy::font_is_caps(name),
            },
            None => FontEnc::Unicode,
        };
        self.last = Some((name.to_owned(), enc));
        enc
    }

    /// The font of a `w:rFonts` element for Latin text: a theme font (always Unicode)
    /// wins over a named one; `w:ascii` before `w:hAnsi`. `None` when it names neither.
    fn of_rfonts(&mut self, e: &BytesStart<'_>) -> Option<FontEnc> {
        if xml::attr(e, "asciiTheme").is_some() {
            return Some(FontEnc::Unicode);
        }
        if let Some(name) = xml::attr(e, "ascii") {
            return Some(self.lookup(&name));
        }
        if xml::attr(e, "hAnsiTheme").is_some() {
            return Some(FontEnc::Unicode);
        }
        xml::attr(e, "hAnsi").map(|name| self.lookup(&name))
    }
}

/// Converts legacy-encoded text to Unicode.
fn legacy_to_unicode(text: &str, enc: Legacy, caps: bool) -> String {
    if caps {
        vntext::legacy::to_unicode_caps(text, enc)
    } else {
        vntext::legacy::to_unicode(text, enc)
    }
}

/// Normalises one line: whitespace runs (and control characters) become one space,
/// invisible characters (zero-width space, BOM, soft hyphen) go, the ends are trimmed,
/// and the result is NFC.
fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}') {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    if out.is_ascii() || vntext::is_nfc(&out) {
        out
    } else {
        vntext::nfc(&out)
    }
}
