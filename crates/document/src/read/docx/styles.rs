//! `word/styles.xml`: document defaults, paragraph/character styles (run properties and
//! numbering, following `w:basedOn`) and table-style borders.

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};

use super::xml::{self, Ns};
use super::{FontCache, FontEnc};

/// Run properties the reader cares about; `None` = not specified at this level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RunProps {
    pub bold: Option<bool>,
    pub bold_cs: Option<bool>,
    pub caps: Option<bool>,
    pub vanish: Option<bool>,
    pub font: Option<FontEnc>,
}

impl RunProps {
    /// Each property from `self`, else from `lower` (a lower-precedence level).
    pub fn or(self, lower: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(lower.bold),
            bold_cs: self.bold_cs.or(lower.bold_cs),
            caps: self.caps.or(lower.caps),
            vanish: self.vanish.or(lower.vanish),
            font: self.font.or(lower.font),
        }
    }

    /// Bold as displayed: `w:b` wherever it is specified; `w:bCs` only when `w:b` is
    /// specified nowhere in the hierarchy.
    pub fn is_bold(&self) -> bool {
        self.bold.or(self.bold_cs).unwrap_or(false)
    }

    /// Applies a run-property element (`w:b`, `w:bCs`, `w:caps`, `w:vanish`, `w:rFonts`);
    /// other elements are ignored.
    pub fn apply(&mut self, name: &str, e: &BytesStart<'_>, fonts: &mut FontCache) {
        match name {
            "b" => self.bold = Some(xml::on_off(e)),
            "bCs" => self.bold_cs = Some(xml::on_off(e)),
            "caps" => self.caps = Some(xml::on_off(e)),
            "vanish" => self.vanish = Some(xml::on_off(e)),
            "rFonts" => {
                if let Some(f) = fonts.of_rfonts(e) {
                    self.font = Some(f);
                }
            }
            _ => {}
        }
    }
}

/// Table border edges tracked for the layout-table test: top, left/start, bottom,
/// right/end, insideH, insideV. `Some(true)` = a visible line.
pub(super) type Edges = [Option<bool>; 6];

/// The edge index of a border element name, if it is one of the tracked edges.
pub(super) fn edge_index(name: &str) -> Option<usize> {
    match name {
        "top" => Some(0),
        "left" | "start" => Some(1),
        "bottom" => Some(2),
        "right" | "end" => Some(3),
        "insideH" => Some(4),
        "insideV" => Some(5),
        _ => None,
    }
}

/// Whether a border element draws a line (`w:val` other than none/nil).
pub(super) fn border_visible(e: &BytesStart<'_>) -> bool {
    match xml::attr(e, "val") {
        None => false,
        Some(v) => !matches!(v.trim(), "none" | "nil" | ""),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StyleKind {
    Paragraph,
    Character,
    Table,
    Other,
}

#[derive(Debug, Clone)]
struct StyleDef {
    id: String,
    kind: StyleKind,
    based_on: Option<String>,
    own: RunProps,
    own_num: (Option<i64>, Option<u8>),
    own_edges: Edges,
    /// Properties after following `basedOn`.
    props: RunProps,
    num: (Option<i64>, Option<u8>),
    edges: Edges,
}

/// The parsed styles part. Empty (no styles, no defaults) when the part is missing.
#[derive(Debug, Default)]
pub(super) struct Styles {
    ids: HashMap<String, usize>,
    list: Vec<StyleDef>,
    defaults: RunProps,
    default_para: Option<usize>,
    default_char: Option<usize>,
}

/// Longest `basedOn` chain followed (Word allows far fewer; guards against cycles).
const MAX_CHAIN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Other,
    DocDefaults,
    RPrDefault,
    DefRPr,
    Style,
    SPPr,
    SNumPr,
    SRPr,
    STblPr,
    STblBorders,
    Skip,
}

impl Styles {
    /// Parses `styles.xml` text. Tolerant: stops at the first XML error and keeps what was
    /// read before it.
    pub fn parse(text: &str, fonts: &mut FontCache) -> Styles {
        let mut st = Styles::default();
        let mut reader = NsReader::from_str(text);
        let mut stack: Vec<K> = Vec::new();
        let mut skip = 0usize;
        while let Ok((res, ev)) = reader.read_resolved_event() {
            let ns = xml::classify(&res);
            match ev {
                Event::Start(e) => {
                    if stack.len() >= super::MAX_DEPTH {
                        break;
                    }
                    let k = st.start(ns, &e, &stack, &mut skip, fonts);
                    if k == K::Skip && skip == 1 {
                        // Jump over the whole subtree at once (table-style parts are most
                        // of Word's styles.xml) instead of walking it event by event.
                        if reader.read_to_end(e.name()).is_err() {
                            break;
                        }
                        skip = 0;
                        continue;
                    }
                    stack.push(k);
                }
                Event::Empty(e) => {
                    let k = st.start(ns, &e, &stack, &mut skip, fonts);
                    if k == K::Skip {
                        skip = skip.saturating_sub(1);
                    }
                }
                Event::End(_) if stack.pop() == Some(K::Skip) => {
                    skip = skip.saturating_sub(1);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        st.resolve();
        st
    }

    fn start(
        &mut self,
        ns: Ns,
        e: &BytesStart<'_>,
        stack: &[K],
        skip: &mut usize,
        fonts: &mut FontCache,
    ) -> K {
        if *skip > 0 || ns != Ns::W {
            if *skip > 0 {
                *skip += 1;
                return K::Skip;
            }
            return K::Other;
        }
        let parent = stack.last().copied().unwrap_or(K::Other);
        let local = e.local_name();
        let name = local.as_ref();
        match (name, parent) {
            ("docDefaults", _) => K::DocDefaults,
            ("rPrDefault", K::DocDefaults) => K::RPrDefault,
            ("rPr", K::RPrDefault) => K::DefRPr,
            ("rPr", K::Style) => K::SRPr,
            ("latentStyles" | "tblStylePr" | "rPrChange" | "pPrChange", _) => {
                *skip += 1;
                K::Skip
            }
            ("style", _) => {
                let kind = match xml::attr(e, "type").as_deref() {
                    Some("paragraph") | None => StyleKind::Paragraph,
                    Some("character") => StyleKind::Character,
                    Some("table") => StyleKind::Table,
                    Some(_) => StyleKind::Other,
                };
                let id = xml::attr(e, "styleId")
                    .map(|s| s.into_owned())
                    .unwrap_or_default();
                let is_default = xml::attr(e, "default")
                    .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                let idx = self.list.len();
                if is_default {
                    match kind {
                        StyleKind::Paragraph if self.default_para.is_none() => {
                            self.default_para = Some(idx)
                        }
                        StyleKind::Character if self.default_char.is_none() => {
                            self.default_char = Some(idx)
                        }
                        _ => {}
                    }
                }
                self.ids.entry(id.clone()).or_insert(idx);
                self.list.push(StyleDef {
                    id,
                    kind,
                    based_on: None,
                    own: RunProps::default(),
                    own_num: (None, None),
                    own_edges: [None; 6],
                    props: RunProps::default(),
                    num: (None, None),
                    edges: [None; 6],
                });
                K::Style
            }
            ("basedOn", K::Style) => {
                if let Some(s) = self.list.last_mut() {
                    s.based_on = xml::attr(e, "val").map(|v| v.into_owned());
                }
                K::Other
            }
            ("pPr", K::Style) => K::SPPr,
            ("numPr", K::SPPr) => K::SNumPr,
            ("numId", K::SNumPr) => {
                if let Some(s) = self.list.last_mut() {
                    s.own_num.0 = xml::int_val(e);
                }
                K::Other
            }
            ("ilvl", K::SNumPr) => {
                if let Some(s) = self.list.last_mut() {
                    s.own_num.1 = xml::int_val(e).and_then(|v| u8::try_from(v).ok());
                }
                K::Other
            }
            ("tblPr", K::Style) => K::STblPr,
            ("tblBorders", K::STblPr) => K::STblBorders,
            (_, K::STblBorders) => {
                if let (Some(i), Some(s)) = (edge_index(name), self.list.last_mut())
                    && let Some(slot) = s.own_edges.get_mut(i)
                {
                    *slot = Some(border_visible(e));
                }
                K::Other
            }
            (_, K::DefRPr) => {
                self.defaults.apply(name, e, fonts);
                K::Other
            }
            (_, K::SRPr) => {
                if let Some(s) = self.list.last_mut() {
                    s.own.apply(name, e, fonts);
                }
                K::Other
            }
            _ => K::Other,
        }
    }

    /// Follows `basedOn` for every style (nearest definition wins).
    fn resolve(&mut self) {
        for i in 0..self.list.len() {
            let mut props = RunProps::default();
            let mut num = (None, None);
            let mut edges: Edges = [None; 6];
            let mut cur = Some(i);
            let mut steps = 0;
            while let Some(c) = cur {
                let Some(s) = self.list.get(c) else { break };
                props = props.or(s.own);
                num = (num.0.or(s.own_num.0), num.1.or(s.own_num.1));
                for (slot, own) in edges.iter_mut().zip(s.own_edges) {
                    *slot = slot.or(own);
                }
                steps += 1;
                if steps >= MAX_CHAIN {
                    break;
                }
                cur = s
                    .based_on
                    .as_deref()
                    .and_then(|b| self.ids.get(b).copied())
                    .filter(|&n| n != c);
            }
            if let Some(s) = self.list.get_mut(i) {
                s.props = props;
                s.num = num;
                s.edges = edges;
            }
        }
    }

    /// The index of a style by id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The id of a style by index.
    pub fn id(&self, idx: usize) -> Option<&str> {
        self.list.get(idx).map(|s| s.id.as_str())
    }

    /// The paragraph style in effect: `pstyle`, else the default paragraph style.
    pub fn para_style(&self, pstyle: Option<usize>) -> Option<usize> {
        pstyle
            .filter(|&i| {
                self.list
                    .get(i)
                    .is_some_and(|s| s.kind == StyleKind::Paragraph)
            })
            .or(self.default_para)
    }

    /// The base run properties of a paragraph (its style chain, then document defaults).
    pub fn para_base(&self, pstyle: Option<usize>) -> RunProps {
        let from_style = self
            .para_style(pstyle)
            .and_then(|i| self.list.get(i))
            .map(|s| s.props)
            .unwrap_or_default();
        from_style.or(self.defaults)
    }

    /// The effective run properties: direct formatting, then the run's character style
    /// (or the default one), then `base` (from [`Styles::para_base`]).
    pub fn effective(&self, direct: RunProps, rstyle: Option<usize>, base: RunProps) -> RunProps {
        let char_style = rstyle
            .filter(|&i| {
                self.list
                    .get(i)
                    .is_some_and(|s| s.kind == StyleKind::Character)
            })
            .or(self.default_char)
            .and_then(|i| self.list.get(i))
            .map(|s| s.props)
            .unwrap_or_default();
        direct.or(char_style).or(base)
    }

    /// Numbering (`numId`, `ilvl`) given by a paragraph style chain.
    pub fn numbering_of(&self, pstyle: Option<usize>) -> (Option<i64>, Option<u8>) {
        self.para_style(pstyle)
            .and_then(|i| self.list.get(i))
            .map(|s| s.num)
            .unwrap_or((None, None))
    }

    /// Numbering of any style by id (used for `w:numStyleLink`).
    pub fn numbering_of_id(&self, id: &str) -> Option<i64> {
        self.find(id)
            .and_then(|i| self.list.get(i))
            .and_then(|s| s.num.0)
    }

    /// Border edges defined by a table style chain.
    pub fn table_edges(&self, id: &str) -> Edges {
        self.find(id)
            .and_then(|i| self.list.get(i))
            .filter(|s| s.kind == StyleKind::Table)
            .map(|s| s.edges)
            .unwrap_or([None; 6])
    }
}
