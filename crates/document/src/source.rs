//! The normalised source text every reader produces and every extraction rule reads.
//!
//! Contract: one [`Line`] per logical paragraph (hard wraps already rejoined), text in NFC
//! with clean spacing. Line numbers used in spans everywhere are 1-based indices into
//! [`Source::lines`] ("line numbers in the normalised text"); [`Source::text`] prints that
//! text so a user can look a span up.

use serde::Serialize;

/// The input formats doingoai reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Docx,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// One logical line (a paragraph, a heading, a table row) of the normalised text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// NFC text, single-spaced, trimmed. For DOCX paragraphs with automatic numbering the
    /// computed label ("1.", "a)") is prepended, as a reader of the printed page sees it.
    pub text: String,
    /// DOCX: the index of the paragraph (`w:p`, counted in document order, 0-based, table
    /// paragraphs included). `None` for other formats.
    pub para: Option<usize>,
    /// 1-based first and last line of the raw input text this line was joined from
    /// (txt/md/pdf). `None` for DOCX.
    pub raw_lines: Option<(usize, usize)>,
    /// The whole paragraph is bold (DOCX runs, Markdown `**…**`).
    pub bold: bool,
    /// Markdown heading level (`#` count), if the line was a Markdown heading.
    pub heading: Option<u8>,
    /// Table row cells, when this line is a row of a table (DOCX table, Markdown pipe
    /// table). `text` then holds the cells joined with " | ".
    pub cells: Option<Vec<String>>,
    /// Index of the table this row belongs to (0-based, in document order).
    pub table: Option<usize>,
}

impl Line {
    /// A plain paragraph line.
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
}

/// The normalised text of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub format: Format,
    pub lines: Vec<Line>,
}

impl Source {
    /// The normalised text: the lines joined with '\n'. Line `n` of this text is
    /// `lines[n - 1]`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.text);
            out.push('\n');
        }
        out
    }
}
