//! PDF in the Decree 30/2020 layout, typeset in-process with typst.
//!
//! The same [`layout::blocks`](crate::layout::blocks) as the DOCX are turned into typst
//! markup and compiled by a minimal [`World`] that knows one source file and nine embedded
//! fonts. Nothing is read from the file system or the network at run time. The fonts, in the
//! order typst tries them for each character (`fonts/README.md` has their sources):
//!
//! - Liberation Serif 2.1.5 Regular, Bold, Italic, Bold Italic (Debian `fonts-liberation2`;
//!   SIL OFL 1.1, `fonts/OFL.txt`): metric-compatible with Times New Roman, covers
//!   Vietnamese; all Latin text is set in it.
//! - Noto Serif Lao and Noto Serif Khmer, Regular and Bold (Debian `fonts-noto-core`
//!   20201225; SIL OFL 1.1, `fonts/OFL-Noto.txt`): for the names and texts of Lao and
//!   Cambodian partners.
//! - Droid Sans Fallback (Debian `fonts-droid-fallback` 6.0.1r16; Apache 2.0,
//!   `fonts/Apache-2.0.txt`): Chinese (the 20,902 CJK Unified Ideographs), Japanese kana
//!   and Korean Hangul in one 3.4 MB file, for Chinese, Japanese and Korean partners. It has
//!   one weight and no serifs; bold CJK prints regular.
//!
//! Characters none of them has (emoji, Thai, Arabic, …) print as "□" (U+25A1): every text
//! is passed through [`coverage::replace_unprintable`] before typst sees it, because a
//! missing glyph is an error in PDF/A, and a plan must not fail to print for one emoji in a
//! partner's name. [`coverage::unprintable`] lists them in advance.
//!
//! Page and type follow the DOCX ([`crate::docx`]): A4 portrait, margins top/bottom 20 mm,
//! left 30 mm, right 15 mm; body 14 pt justified, 1.27 cm first-line indent, 6 pt after
//! each paragraph, lines 1.15 apart as Word's "multiple 1.15", lines broken greedily as
//! Word does (so pages break about where Word breaks them); the header and the closing as
//! borderless two-column grids; page numbers (13 pt) centred at the top from page 2;
//! appendix tables on landscape pages, with a repeated header row. The paragraph before
//! the closing goes with it, so the signature never stands alone on a page.
//!
//! All document text enters the markup as typst string literals (see [`lit`]), never as
//! markup, so "*", "-", "+", "#", "$", quotes or a line starting with "1." print as written.
//!
//! The output conforms to PDF/A-2a (archival, tagged: text copies out in reading order, and
//! parts, items and sub-items are headings, so they show as PDF bookmarks); its creation
//! date is the time of rendering. The language is set to Vietnamese. (poppler's `pdfinfo`
//! prints "Suspects object is wrong type (boolean)" for every typst PDF: a poppler bug
//! with the valid `/Suspects false`, typst issue 7140; the file is fine.)
//!
//! Fonts and the typst standard library are built once per process (a [`LazyLock`]);
//! typst's memoisation cache is trimmed after each render so a long-running server does
//! not grow without bound.

use std::fmt::Write as _;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::RenderError;
use crate::coverage;
use crate::layout::{Block, Header, ParaKind, blocks, recipient_line};
use document::model::{Document, Table};

/// The embedded font files: Liberation Serif 2.1.5, then the fallbacks (Noto Serif Lao
/// and Khmer, Droid Sans Fallback).
pub(crate) static FONT_FILES: [&[u8]; 9] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoSerifLao-Regular.ttf"),
    include_bytes!("../fonts/NotoSerifLao-Bold.ttf"),
    include_bytes!("../fonts/NotoSerifKhmer-Regular.ttf"),
    include_bytes!("../fonts/NotoSerifKhmer-Bold.ttf"),
    include_bytes!("../fonts/DroidSansFallback.ttf"),
];

/// The font list the markup asks for, as a typst array: Liberation Serif first, so every
/// character it has (all of Vietnamese, Latin punctuation) is set in it; typst takes a
/// character it lacks from the first family after it that has it.
const FONT_FAMILIES: &str =
    r#"("Liberation Serif", "Noto Serif Lao", "Noto Serif Khmer", "Droid Sans Fallback")"#;

/// Parsed fonts and their book, shared by every render.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// A world of one source file and the embedded fonts: no files, no packages, no clock.
struct PlanWorld {
    main: Source,
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// `s` as a typst string literal (with its quotes), safe anywhere an expression goes, and
/// printable: what the embedded fonts lack is replaced first
/// ([`coverage::replace_unprintable`]), so no text can fail the PDF/A export.
pub fn lit(s: &str) -> String {
    let s = coverage::replace_unprintable(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `Some(s)` as a literal, `None` as typst's `none`.
fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), lit)
}

/// A typst array of string literals (the trailing comma keeps a one-element array one).
fn array<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::from("(");
    for s in items {
        out.push_str(&lit(s.as_ref()));
        out.push_str(", ");
    }
    out.push(')');
    out
}

/// Page, type and the drawing functions the generated body calls. Every function takes
/// strings (or arrays of strings) only.
///
/// Line pitch: Word sizes a line of Times New Roman by the font's Windows ascent and descent
/// (0.891 em + 0.216 em = 1.107 em; Liberation Serif has the same), and "multiple 1.15"
/// makes the pitch 1.273 em. So a text line here spans exactly those edges and 0.166 em
/// of leading is added; paragraphs are that pitch plus 6 pt apart.
const PREAMBLE: &str = r##"
#set page(
  paper: "a4",
  margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm),
  header-ascent: 35%,
  header: context {
    let n = counter(page).get().first()
    if n > 1 { align(center, text(size: 13pt, str(n))) }
  },
)
#set text(font: FONT_LIST, size: 14pt, lang: "vi", hyphenate: false, overhang: false,
  top-edge: 0.891em, bottom-edge: -0.216em)
#let lead = 0.166em
#let gap = lead + 6pt
#set par(justify: true, linebreaks: "simple", leading: lead, spacing: gap,
  first-line-indent: (amount: 1.27cm, all: true))
#show heading: it => {
  set text(size: 14pt, weight: "bold",
    style: if it.level >= 3 { "italic" } else { "normal" })
  block(above: gap, below: gap, sticky: true, par(it.body))
}
#let tight(body) = {
  set par(justify: false, first-line-indent: 0pt, spacing: lead)
  body
}
#let rule(length) = line(length: length, stroke: 0.5pt)
#let vn-header(parent, issuer, number, place-date) = grid(
  columns: (40%, 60%),
  align: center + top,
  tight({
    if parent != none { par(text(size: 13pt, parent)) }
    for l in issuer { par(text(size: 13pt, weight: "bold", l)) }
    v(lead + 1pt)
    rule(33%)
    v(2pt)
    par(text(size: 13pt, number))
  }),
  tight({
    par(text(size: 12pt, weight: "bold", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    let motto = text(size: 13pt, weight: "bold", "Độc lập - Tự do - Hạnh phúc")
    par(motto)
    v(lead + 1pt)
    context rule(measure(motto).width)
    v(6pt)
    par(text(size: 14pt, style: "italic", place-date))
  }),
)
#let vn-title(kind, title) = tight({
  v(1.273em + 6pt)
  align(center, par(text(weight: "bold", kind)))
  if title != "" { align(center, par(text(weight: "bold", title))) }
  v(lead + 1pt)
  align(center, rule(3cm))
  v(1.273em)
})
#let body(t) = par(t)
#let addressee(t) = block(sticky: true, above: gap, below: gap, width: 100%, tight(align(center, t)))
// A paragraph kept on the page of what follows (points; the last one before the closing,
// so the signature never stands alone on a page).
#let keep(t) = block(sticky: true, above: gap, below: gap, par(t))
#let vn-closing(recipients, authority, position, name) = block(breakable: false, above: gap,
  grid(
    columns: (50%, 50%),
    tight({
      par(text(size: 12pt, weight: "bold", style: "italic", "Nơi nhận:"))
      set text(size: 11pt)
      for r in recipients { par(hanging-indent: 0.6em, r) }
    }),
    tight({
      set align(center)
      set text(weight: "bold")
      for a in authority { par(a) }
      if position != none { par(position) }
      v(4 * 1.273em)
      if name != none { par(name) }
    }),
  ))
#let vn-table-title(t) = tight(block(width: 100%, above: 12pt, below: 8pt,
  align(center, par(text(weight: "bold", t)))))
#show table: set par(justify: false, first-line-indent: 0pt, spacing: lead)
#show table: set text(size: 12pt)
#show table.cell.where(y: 0): set text(weight: "bold")
"##;

/// Column widths of an appendix table, as typst track sizes: narrow number columns
/// ("TT", "STT") keep to their content, the others share the rest by content length
/// (group lines, which span the table, are left out).
fn columns(rows: &[Vec<String>], cols: usize) -> String {
    let mut weights = vec![0usize; cols];
    for (i, row) in rows.iter().enumerate() {
        if is_group(i, row, cols) {
            continue;
        }
        for (k, c) in row.iter().enumerate().take(cols) {
            // The longest word sets a floor; long text wants more room.
            let len = c.chars().count();
            let word = c
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            weights[k] = weights[k].max(len.min(60)).max(word * 2);
        }
    }
    let mut out = String::from("(");
    for w in weights {
        if w <= 4 {
            out.push_str("auto, ");
        } else {
            let _ = write!(out, "{}fr, ", w.clamp(8, 60));
        }
    }
    out.push(')');
    out
}

/// A group line of an appendix table ("I. Đoàn cấp …"): only its first cell is filled,
/// and that is not a bare number. Same rule as the DOCX.
fn is_group(i: usize, row: &[String], cols: usize) -> bool {
    let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
    i > 0
        && filled == 1
        && !row[0].trim().is_empty()
        && cols > 2
        && !row[0].trim().chars().all(|c| c.is_ascii_digit())
}

fn table_markup(t: &Table, out: &mut String) {
    if let Some(title) = &t.title {
        let _ = writeln!(out, "#vn-table-title({})", lit(title));
    }
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "#table(columns: {}, align: center + horizon, stroke: 0.5pt, inset: (x: 4pt, y: 3pt),",
        columns(&t.rows, cols)
    );
    for (i, row) in t.rows.iter().enumerate() {
        if i == 0 {
            out.push_str("  table.header(");
        } else {
            out.push_str("  ");
        }
        if is_group(i, row, cols) {
            let _ = write!(
                out,
                "table.cell(colspan: {cols}, align: left + horizon, strong({})), ",
                lit(&row[0])
            );
        } else {
            for k in 0..cols {
                let text = row.get(k).map(String::as_str).unwrap_or("");
                out.push_str(&lit(text));
                out.push_str(", ");
            }
        }
        if i == 0 {
            out.push_str("),");
        }
        out.push('\n');
    }
    out.push_str(")\n");
}

fn header_markup(h: &Header, out: &mut String) {
    let _ = writeln!(
        out,
        "#vn-header({}, {}, {}, {})",
        opt(h.parent.as_deref()),
        array(&h.issuer),
        lit(&h.number_line),
        lit(&h.place_date)
    );
}

/// The complete typst source of `doc`.
pub fn markup(doc: &Document) -> String {
    let blocks = blocks(doc);
    let mut out = String::with_capacity(16 * 1024);
    let title = doc.title.as_deref().filter(|t| !t.trim().is_empty());
    let author = blocks
        .iter()
        .find_map(|b| match b {
            Block::Header(h) => Some(h.issuer.join(" ")),
            _ => None,
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {})",
        opt(title),
        lit(&author)
    );
    out.push_str(&PREAMBLE.replace("FONT_LIST", FONT_FAMILIES));
    let closing = blocks
        .iter()
        .position(|b| matches!(b, Block::Closing { .. }));
    let mut landscape = false;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Header(h) => header_markup(h, &mut out),
            Block::Title { type_name, title } => {
                let _ = writeln!(out, "#vn-title({}, {})", lit(type_name), lit(title));
            }
            Block::Paragraph { kind, text } => {
                let call = match kind {
                    ParaKind::Body | ParaKind::Bullet if closing == Some(i + 1) => "#keep(",
                    ParaKind::Body | ParaKind::Bullet => "#body(",
                    ParaKind::Part => "#heading(level: 1, ",
                    ParaKind::Item => "#heading(level: 2, ",
                    ParaKind::SubItem => "#heading(level: 3, ",
                    ParaKind::Point => "#keep(",
                    ParaKind::Addressee => "#addressee(",
                };
                let _ = writeln!(out, "{call}{})", lit(text));
            }
            Block::Closing {
                recipients,
                authority,
                position,
                name,
            } => {
                let lines: Vec<String> = recipients
                    .iter()
                    .enumerate()
                    .map(|(i, r)| recipient_line(r, i + 1 == recipients.len()))
                    .collect();
                let _ = writeln!(
                    out,
                    "#vn-closing({}, {}, {}, {})",
                    array(&lines),
                    array(authority),
                    opt(position.as_deref()),
                    opt(name.as_deref())
                );
            }
            Block::Table(t) => {
                if !landscape {
                    // A new page, landscape from here on (as the DOCX's last section).
                    out.push_str("#set page(flipped: true)\n");
                    landscape = true;
                }
                table_markup(t, &mut out);
            }
        }
    }
    out
}

/// The current UTC time as a typst datetime (civil date from days since 1970-01-01,
/// after H. Hinnant's `civil_from_days`).
fn now_utc() -> Option<Datetime> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Datetime::from_ymd_hms(
        i32::try_from(year).ok()?,
        month as u8,
        day as u8,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Renders `doc` to PDF bytes (PDF/A-2a, fonts embedded and subset).
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    compile(markup(doc))
}

/// Compiles a typst source (as [`markup`] makes) to PDF with the embedded fonts.
pub fn compile(source: String) -> Result<Vec<u8>, RenderError> {
    let world = PlanWorld {
        main: Source::detached(source),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled
        .map_err(|e| RenderError::Pdf(diagnostics(&e)))
        .and_then(|paged| {
            let standards = PdfStandards::new(&[PdfStandard::A_2a])
                .map_err(|e| RenderError::Pdf(e.message().to_string()))?;
            let options = PdfOptions {
                standards,
                // PDF/A wants a creation date: the time of rendering.
                timestamp: now_utc().map(Timestamp::new_utc),
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&paged, &options).map_err(|e| RenderError::Pdf(diagnostics(&e)))
        });
    // Keep what the next render can reuse (the preamble), drop the rest.
    typst::comemo::evict(8);
    result
}

#[cfg(test)]
mod addressee_tests {
    #[test]
    fn a_reports_addressee_is_read_and_drawn_as_its_own_paragraph() {
        let mut doc = document::parse_bytes(
            "ỦY BAN NHÂN DÂN\nXÃ HÀ BẮC\nSố: 12/BC-UBND\nBÁO CÁO\nKết quả\nKính gửi: Sở Ngoại vụ.\nI. TÌNH HÌNH\nNội dung."
                .as_bytes(),
            Some("a.txt"),
        )
        .unwrap();
        assert_eq!(doc.addressees, vec!["Sở Ngoại vụ".to_string()]);
        doc.addressees = vec!["Sở Ngoại vụ tỉnh Lào Cai".into()];
        let m = super::markup(&doc);
        assert!(
            m.contains("#addressee(\"Kính gửi: Sở Ngoại vụ tỉnh Lào Cai.\")"),
            "{m}"
        );
    }
}
