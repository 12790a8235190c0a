//! `word/document.xml`: one pass over the body producing the [`Line`]s.
//!
//! The walker keeps a stack of the open elements' [`Kind`]s (end tags are checked by the
//! XML reader, so the stack mirrors the document) and acts on start and end tags. Text is
//! collected per run, converted from a legacy font encoding when the run's font needs it,
//! and appended to the current segment of the paragraph (`w:br`/`w:cr` start a new one).
//! Finished paragraphs go to the innermost open sink: the output, or the table cell being
//! read; a finished table is emitted as plain lines (layout table) or as one line per row.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::Numbering;
use super::styles::{self, Edges, RunProps, Styles};
use super::xml::{self, Ns};
use super::{FontCache, FontEnc, clean_line, legacy_to_unicode};
use crate::source::Line;

/// What the walker made of a document part.
pub(super) struct Walked {
    pub lines: Vec<Line>,
    /// A `w:document` or `w:body` element was seen.
    pub saw_document: bool,
    /// The XML error that stopped the walk, if any (the lines read before it are kept).
    pub error: Option<String>,
}

/// Reads the body of `text` (the main document part).
pub(super) fn walk(
    text: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    fonts: &mut FontCache,
) -> Walked {
    let mut w = Walker::new(styles, numbering, fonts);
    let mut reader = NsReader::from_str(text);
    let mut error = None;
    loop {
        let (ns, ev) = match reader.read_resolved_event() {
            Ok((res, ev)) => (xml::classify(&res), ev),
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        };
        match ev {
            Event::Start(e) => {
                if w.stack.len() >= super::MAX_DEPTH {
                    error = Some("elements nested too deeply".to_owned());
                    break;
                }
                let k = w.start(ns, &e);
                w.stack.push(k);
            }
            Event::Empty(e) => {
                let k = w.start(ns, &e);
                w.end(k);
            }
            Event::End(_) => {
                if let Some(k) = w.stack.pop() {
                    w.end(k);
                }
            }
            Event::Text(t) => w.text(&t),
            Event::CData(t) => w.text(&t),
            Event::GeneralRef(r) => {
                if let Some(buf) = w.text_target() {
                    xml::push_ref(&r, buf);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let saw_document = w.saw_document;
    let lines = w.finish();
    Walked {
        lines,
        saw_document,
        error,
    }
}

/// The role of an open element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Transparent: its content is read.
    Other,
    /// Inside a skipped subtree (deleted text, field codes, property changes, the unused
    /// branch of `mc:AlternateContent`…).
    Skip,
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    Tbl,
    /// `w:tblPr` of a table or `w:tblPrEx` of a row.
    TblPr,
    TblBorders,
    Tr,
    TrPr,
    Tc,
    TcPr,
    TcBorders,
    Txbx,
    Alt,
}

/// A piece of a paragraph between line breaks, as collected.
#[derive(Debug)]
struct Seg {
    text: String,
    /// Some run with non-whitespace text contributed.
    has_text: bool,
    /// Every such run was bold.
    all_bold: bool,
}

impl Seg {
    fn new() -> Seg {
        Seg {
            text: String::new(),
            has_text: false,
            all_bold: true,
        }
    }
}

#[derive(Debug, Default)]
struct RunBuild {
    props: RunProps,
    style: Option<usize>,
    text: String,
}

#[derive(Debug)]
struct ParaBuild {
    index: usize,
    style: Option<usize>,
    num_id: Option<i64>,
    ilvl: Option<u8>,
    /// Run properties from the paragraph style chain and defaults, once known.
    base: Option<RunProps>,
    segs: Vec<Seg>,
    run: RunBuild,
}

/// A finished, non-empty piece of a paragraph.
#[derive(Debug)]
struct OutSeg {
    text: String,
    bold: bool,
}

/// A finished paragraph: its non-empty segments (the numbering label is already in the
/// first one).
#[derive(Debug)]
struct ParaOut {
    index: usize,
    segs: Vec<OutSeg>,
}

#[derive(Debug, Default)]
struct CellBuild {
    paras: Vec<ParaOut>,
    /// `w:vMerge` continuation: shown as an empty cell.
    continuation: bool,
}

#[derive(Debug, Default)]
struct RowBuild {
    cells: Vec<CellBuild>,
    cell: Option<CellBuild>,
    deleted: bool,
}

/// A table being read; nested tables add their rows to it.
#[derive(Debug, Default)]
struct TableBuild {
    /// Nested tables currently open inside this one.
    depth: usize,
    rows: Vec<RowBuild>,
    open_rows: Vec<RowBuild>,
    bordered: bool,
    max_cells: usize,
}

/// Where finished paragraphs go.
#[derive(Debug)]
enum Sink {
    /// Straight to the output (a text box).
    Direct,
    Table(Box<TableBuild>),
}

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    fonts: &'a mut FontCache,
    stack: Vec<Kind>,
    skip: usize,
    /// Per open `mc:AlternateContent`: a branch has been taken.
    alt: Vec<bool>,
    paras: Vec<ParaBuild>,
    next_para: usize,
    /// Per open complex field: its result part has started.
    fields: Vec<bool>,
    /// Open fields still in their instruction part (their text is hidden).
    field_instr: usize,
    sinks: Vec<Sink>,
    /// Direct and table-style border edges of the `w:tblPr` being read.
    edges: Edges,
    style_edges: Edges,
    lines: Vec<Line>,
    next_table: usize,
    saw_document: bool,
}

impl<'a> Walker<'a> {
    fn new(
        styles: &'a Styles,
        numbering: &'a mut Numbering,
        fonts: &'a mut FontCache,
    ) -> Walker<'a> {
        Walker {
            styles,
            numbering,
            fonts,
            stack: Vec::with_capacity(64),
            skip: 0,
            alt: Vec::new(),
            paras: Vec::new(),
            next_para: 0,
            fields: Vec::new(),
            field_instr: 0,
            sinks: Vec::new(),
            edges: [None; 6],
            style_edges: [None; 6],
            lines: Vec::new(),
            next_table: 0,
            saw_document: false,
        }
    }

    fn skip_subtree(&mut self) -> Kind {
        self.skip += 1;
        Kind::Skip
    }

    /// Handles a start tag (or an empty element, followed by [`Walker::end`]) and returns
    /// the kind to push.
    fn start(&mut self, ns: Ns, e: &BytesStart<'_>) -> Kind {
        if self.skip > 0 {
            return self.skip_subtree();
        }
        let parent = self.stack.last().copied().unwrap_or(Kind::Other);
        let local = e.local_name();
        let name = local.as_ref();
        match ns {
            Ns::W => {}
            Ns::Mc => {
                return match name {
                    "AlternateContent" => {
                        self.alt.push(false);
                        Kind::Alt
                    }
                    // The first branch (normally mc:Choice) is read, the others skipped.
                    "Choice" | "Fallback" if parent == Kind::Alt => match self.alt.last_mut() {
                        Some(taken) if !*taken => {
                            *taken = true;
                            Kind::Other
                        }
                        _ => self.skip_subtree(),
                    },
                    _ => Kind::Other,
                };
            }
            Ns::Other => return Kind::Other,
        }
        match name {
            "p" => {
                let index = self.next_para;
                self.next_para += 1;
                self.paras.push(ParaBuild {
                    index,
                    style: None,
                    num_id: None,
                    ilvl: None,
                    base: None,
                    segs: vec![Seg::new()],
                    run: RunBuild::default(),
                });
                Kind::P
            }
            "r" => match self.paras.last_mut() {
                Some(p) => {
                    flush_run(self.styles, p);
                    p.run.props = RunProps::default();
                    p.run.style = None;
                    Kind::R
                }
                None => Kind::Other,
            },
            "t" if parent == Kind::R => Kind::T,
            "tab" | "ptab" if parent == Kind::R => {
                self.push_char(' ');
                Kind::Other
            }
            "noBreakHyphen" if parent == Kind::R => {
                self.push_char('-');
                Kind::Other
            }
            "br" | "cr" if parent == Kind::R => {
                if let Some(p) = self.paras.last_mut() {
                    flush_run(self.styles, p);
                    p.segs.push(Seg::new());
                }
                Kind::Other
            }
            "fldChar" if parent == Kind::R => {
                self.field_char(e);
                Kind::Other
            }
            "rPr" => match parent {
                Kind::R => Kind::RPr,
                // Paragraph-mark formatting does not apply to the text.
                Kind::PPr => self.skip_subtree(),
                _ => Kind::Other,
            },
            _ if parent == Kind::RPr => {
                if let Some(p) = self.paras.last_mut() {
                    if name == "rStyle" {
                        p.run.style = xml::attr(e, "val").and_then(|v| self.styles.find(v.trim()));
                    } else {
                        p.run.props.apply(name, e, self.fonts);
                    }
                }
                Kind::Other
            }
            "pPr" if parent == Kind::P => Kind::PPr,
            "pStyle" if parent == Kind::PPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = xml::attr(e, "val").and_then(|v| self.styles.find(v.trim()));
                    p.base = None;
                }
                Kind::Other
            }
            "numPr" if parent == Kind::PPr => Kind::NumPr,
            "numId" if parent == Kind::NumPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = xml::int_val(e);
                }
                Kind::Other
            }
            "ilvl" if parent == Kind::NumPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = xml::int_val(e).and_then(|v| u8::try_from(v).ok());
                }
                Kind::Other
            }
            "del" if parent == Kind::TrPr => {
                if let Some(row) = self.table().and_then(|t| t.open_rows.last_mut()) {
                    row.deleted = true;
                }
                Kind::Other
            }
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "pPrChange"
            | "rPrChange" | "sectPr" | "tblPrChange" | "trPrChange" | "tcPrChange"
            | "tblGridChange" | "numberingChange" => self.skip_subtree(),
            "tbl" => {
                match self.sinks.last_mut() {
                    Some(Sink::Table(t)) => t.depth += 1,
                    _ => self.sinks.push(Sink::Table(Box::default())),
                }
                Kind::Tbl
            }
            "tblPr" | "tblPrEx" if matches!(parent, Kind::Tbl | Kind::Tr) => {
                self.edges = [None; 6];
                self.style_edges = [None; 6];
                Kind::TblPr
            }
            "tblStyle" if parent == Kind::TblPr => {
                if let Some(v) = xml::attr(e, "val") {
                    self.style_edges = self.styles.table_edges(v.trim());
                }
                Kind::Other
            }
            "tblBorders" if parent == Kind::TblPr => Kind::TblBorders,
            _ if parent == Kind::TblBorders => {
                if let Some(slot) = styles::edge_index(name).and_then(|i| self.edges.get_mut(i)) {
                    *slot = Some(styles::border_visible(e));
                }
                Kind::Other
            }
            "tr" => match self.table() {
                Some(t) => {
                    t.open_rows.push(RowBuild::default());
                    Kind::Tr
                }
                None => Kind::Other,
            },
            "trPr" if parent == Kind::Tr => Kind::TrPr,
            "tc" => match self.table().and_then(|t| t.open_rows.last_mut()) {
                Some(row) => {
                    if let Some(c) = row.cell.take() {
                        row.cells.push(c);
                    }
                    row.cell = Some(CellBuild::default());
                    Kind::Tc
                }
                None => Kind::Other,
            },
            "tcPr" if parent == Kind::Tc => Kind::TcPr,
            "vMerge" if parent == Kind::TcPr => {
                let continuation = xml::attr(e, "val").is_none_or(|v| v.trim() == "continue");
                if let Some(cell) = self
                    .table()
                    .and_then(|t| t.open_rows.last_mut())
                    .and_then(|r| r.cell.as_mut())
                {
                    cell.continuation = continuation;
                }
                Kind::Other
            }
            "tcBorders" if parent == Kind::TcPr => Kind::TcBorders,
            _ if parent == Kind::TcBorders => {
                if styles::edge_index(name).is_some()
                    && styles::border_visible(e)
                    && let Some(t) = self.table()
                {
                    t.bordered = true;
                }
                Kind::Other
            }
            "txbxContent" => {
                self.sinks.push(Sink::Direct);
                Kind::Txbx
            }
            "document" | "body" => {
                self.saw_document = true;
                Kind::Other
            }
            _ => Kind::Other,
        }
    }

    /// Handles the end of an element of kind `k`.
    fn end(&mut self, k: Kind) {
        match k {
            Kind::Skip => self.skip = self.skip.saturating_sub(1),
            Kind::P => self.end_para(),
            Kind::R => {
                if let Some(p) = self.paras.last_mut() {
                    flush_run(self.styles, p);
                }
            }
            Kind::Alt => {
                self.alt.pop();
            }
            Kind::TblPr => {
                let bordered = self
                    .edges
                    .iter()
                    .zip(self.style_edges)
                    .any(|(d, s)| d.or(s) == Some(true));
                if bordered && let Some(t) = self.table() {
                    t.bordered = true;
                }
            }
            Kind::Tc => {
                if let Some(row) = self.table().and_then(|t| t.open_rows.last_mut())
                    && let Some(c) = row.cell.take()
                {
                    row.cells.push(c);
                }
            }
            Kind::Tr => {
                if let Some(t) = self.table()
                    && let Some(mut row) = t.open_rows.pop()
                {
                    if let Some(c) = row.cell.take() {
                        row.cells.push(c);
                    }
                    t.max_cells = t.max_cells.max(row.cells.len());
                    if !row.deleted {
                        t.rows.push(row);
                    }
                }
            }
            Kind::Tbl => {
                if let Some(t) = self.table()
                    && t.depth > 0
                {
                    t.depth -= 1;
                    return;
                }
                if let Some(Sink::Table(t)) = self.sinks.pop() {
                    self.finish_table(*t);
                }
            }
            Kind::Txbx => {
                if matches!(self.sinks.last(), Some(Sink::Direct)) {
                    self.sinks.pop();
                }
            }
            Kind::Other
            | Kind::PPr
            | Kind::NumPr
            | Kind::RPr
            | Kind::T
            | Kind::TblBorders
            | Kind::TrPr
            | Kind::TcPr
            | Kind::TcBorders => {}
        }
    }

    /// The innermost open table, if the innermost sink is one.
    fn table(&mut self) -> Option<&mut TableBuild> {
        match self.sinks.last_mut() {
            Some(Sink::Table(t)) => Some(t),
            _ => None,
        }
    }

    /// The run buffer text goes to, when text is being collected (inside `w:t`, outside
    /// field instructions).
    fn text_target(&mut self) -> Option<&mut String> {
        if self.stack.last() != Some(&Kind::T) || self.field_instr > 0 {
            return None;
        }
        self.paras.last_mut().map(|p| &mut p.run.text)
    }

    fn text(&mut self, t: &str) {
        if let Some(buf) = self.text_target() {
            buf.push_str(t);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.field_instr > 0 {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.run.text.push(c);
        }
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        match xml::attr(e, "fldCharType").as_deref().map(str::trim) {
            Some("begin") => {
                self.fields.push(false);
                self.field_instr += 1;
            }
            Some("separate") => {
                if let Some(f) = self.fields.last_mut()
                    && !*f
                {
                    *f = true;
                    self.field_instr = self.field_instr.saturating_sub(1);
                }
            }
            Some("end") if self.fields.pop() == Some(false) => {
                self.field_instr = self.field_instr.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn end_para(&mut self) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        flush_run(self.styles, &mut p);
        // Field instructions never span paragraphs in Word: a field still in its
        // instruction part here is damaged; show what follows.
        if self.field_instr > 0 {
            self.fields.iter_mut().for_each(|f| *f = true);
            self.field_instr = 0;
        }
        let label = self.label(&p);
        let mut segs: Vec<OutSeg> = Vec::with_capacity(p.segs.len());
        for s in p.segs {
            let text = clean_line(&s.text);
            if !text.is_empty() {
                segs.push(OutSeg {
                    text,
                    bold: s.has_text && s.all_bold,
                });
            }
        }
        if let (Some(label), Some(first)) = (label, segs.first_mut()) {
            let label = clean_line(&label);
            if !label.is_empty() {
                let mut text = String::with_capacity(label.len() + 1 + first.text.len());
                text.push_str(&label);
                text.push(' ');
                text.push_str(&first.text);
                first.text = text;
            }
        }
        let out = ParaOut {
            index: p.index,
            segs,
        };
        if let Some(cell) = self
            .table()
            .and_then(|t| t.open_rows.last_mut())
            .and_then(|r| r.cell.as_mut())
        {
            cell.paras.push(out);
        } else {
            emit_plain(&mut self.lines, out);
        }
    }

    /// Counts the paragraph in its list (if numbered) and returns its label.
    fn label(&mut self, p: &ParaBuild) -> Option<String> {
        let (style_num, style_ilvl) = self.styles.numbering_of(p.style);
        let num_id = p.num_id.or(style_num).filter(|&n| n != 0)?;
        let ilvl = p.ilvl.or(style_ilvl);
        let pstyle = self
            .styles
            .para_style(p.style)
            .and_then(|i| self.styles.id(i));
        self.numbering.label(num_id, ilvl, pstyle, self.styles)
    }

    fn finish_table(&mut self, t: TableBuild) {
        let layout = t.max_cells <= 2 && (!t.bordered || has_layout_marker(&t));
        if layout {
            for row in t.rows {
                for cell in row.cells {
                    for p in cell.paras {
                        emit_plain(&mut self.lines, p);
                    }
                }
            }
            return;
        }
        let table = self.next_table;
        let mut any_row = false;
        for row in t.rows {
            let mut first: Option<usize> = None;
            let mut any_text = false;
            let mut all_bold = true;
            let mut cells = Vec::with_capacity(row.cells.len());
            for cell in row.cells {
                let mut text = String::new();
                for p in cell.paras {
                    first = Some(first.map_or(p.index, |f| f.min(p.index)));
                    if cell.continuation {
                        continue;
                    }
                    for s in p.segs {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(&s.text);
                        any_text = true;
                        all_bold &= s.bold;
                    }
                }
                cells.push(text);
            }
            let (Some(para), true) = (first, any_text) else {
                continue;
            };
            let text = squeeze_spaces(&cells.join(" | "));
            self.lines.push(Line {
                text,
                para: Some(para),
                bold: all_bold,
                cells: Some(cells),
                table: Some(table),
                ..Line::default()
            });
            any_row = true;
        }
        if any_row {
            self.next_table += 1;
        }
    }

    /// Closes whatever is still open (a truncated part) and returns the lines in document
    /// order.
    fn finish(mut self) -> Vec<Line> {
        while let Some(k) = self.stack.pop() {
            self.end(k);
        }
        let mut lines = self.lines;
        // Text-box paragraphs and nested-table rows complete before the paragraph or row
        // that contains them: order by paragraph index (stable, so the lines of one
        // paragraph keep their order), then number the tables in that order.
        if !lines.is_sorted_by_key(|l| l.para) {
            lines.sort_by_key(|l| l.para);
        }
        // Old table ids are 0..next_table; map them to their order of appearance.
        let mut renumber: Vec<Option<usize>> = vec![None; self.next_table];
        let mut next = 0;
        for l in &mut lines {
            let Some(slot) = l.table.and_then(|old| renumber.get_mut(old)) else {
                continue;
            };
            let new = *slot.get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            l.table = Some(new);
        }
        lines
    }
}

/// Moves the pending run text of `p` into its current segment: converts legacy-font text,
/// applies `w:caps`, drops hidden text, and records whether the run is bold.
fn flush_run(styles: &Styles, p: &mut ParaBuild) {
    if p.run.text.is_empty() {
        return;
    }
    let base = *p.base.get_or_insert_with(|| styles.para_base(p.style));
    let eff = styles.effective(p.run.props, p.run.style, base);
    if eff.vanish == Some(true) {
        p.run.text.clear();
        return;
    }
    if p.segs.is_empty() {
        p.segs.push(Seg::new());
    }
    let Some(seg) = p.segs.last_mut() else {
        return;
    };
    let visible = p.run.text.chars().any(|c| !c.is_whitespace());
    let caps = eff.caps == Some(true);
    match eff.font {
        Some(FontEnc::Legacy {
            enc,
            caps: caps_font,
        }) => {
            let converted = legacy_to_unicode(&p.run.text, enc, caps_font);
            push_text(&mut seg.text, &converted, caps);
        }
        _ => push_text(&mut seg.text, &p.run.text, caps),
    }
    if visible {
        seg.has_text = true;
        if !eff.is_bold() {
            seg.all_bold = false;
        }
    }
    p.run.text.clear();
}

fn push_text(out: &mut String, text: &str, caps: bool) {
    if caps {
        out.extend(text.chars().flat_map(char::to_uppercase));
    } else {
        out.push_str(text);
    }
}

fn emit_plain(lines: &mut Vec<Line>, p: ParaOut) {
    for s in p.segs {
        lines.push(Line {
            text: s.text,
            para: Some(p.index),
            bold: s.bold,
            ..Line::default()
        });
    }
}

/// Collapses runs of spaces to one and trims (for row texts with empty cells).
fn squeeze_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split(' ').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Text that marks a table as the layout of an administrative document (national motto,
/// distribution list, signature block) rather than data.
fn has_layout_marker(t: &TableBuild) -> bool {
    let mut all = String::new();
    for row in &t.rows {
        for cell in &row.cells {
            for p in &cell.paras {
                for s in &p.segs {
                    all.push_str(&s.text);
                    all.push(' ');
                }
            }
        }
    }
    if all.contains("Nơi nhận") || has_word("TM.", &all) || has_word("KT.", &all) {
        return true;
    }
    let upper = all.to_uppercase();
    upper.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") || upper.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
}

/// `needle` occurs in `hay` at the start of a word.
fn has_word(needle: &str, hay: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        hay.get(..i)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}
