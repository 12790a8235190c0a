//! `word/numbering.xml` and the automatic-numbering counters: computes the label Word
//! prints before a numbered paragraph ("1.", "II.", "a)", "1.2.", "-").

use std::collections::HashMap;
use std::fmt::Write as _;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};

use super::styles::Styles;
use super::xml::{self, Ns};
use super::{FontCache, FontEnc};

/// Number of levels of a list (`w:ilvl` 0..=8).
const LEVELS: usize = 9;
/// Longest `w:numStyleLink` chain followed.
const MAX_LINKS: usize = 4;

/// A level's number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum NumFmt {
    #[default]
    Decimal,
    /// Zero-padded decimal to the given width ("01", or "001" from a custom format).
    DecimalZero(usize),
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    /// "(1)".
    DecimalParen,
    VietnameseCounting,
    Bullet,
    None,
}

impl NumFmt {
    /// Parses `w:numFmt`; `None` for a custom format that is not zero-padded decimal.
    fn parse(val: &str, format: Option<&str>) -> Option<NumFmt> {
        Some(match val {
            "decimalZero" => NumFmt::DecimalZero(2),
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "decimalEnclosedParen" => NumFmt::DecimalParen,
            "vietnameseCounting" => NumFmt::VietnameseCounting,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            "custom" => {
                // Word 2010+ custom formats, e.g. w:format="001, 002, 003, ...".
                let first = format?.split(',').next()?.trim();
                if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                NumFmt::DecimalZero(first.len().min(9))
            }
            // decimal, ordinal, cardinalText, decimalEnclosedCircle, … print as digits here.
            _ => NumFmt::Decimal,
        })
    }
}

/// One level of an abstract numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    fmt: Option<NumFmt>,
    text: Option<String>,
    is_lgl: bool,
    /// `w:lvlRestart`: `None` = restart after any higher level; `Some(0)` = never.
    restart: Option<i64>,
    pstyle: Option<String>,
    font: Option<FontEnc>,
}

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Level; LEVELS],
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Override {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<i64>,
    overrides: [Override; LEVELS],
    used: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counters {
    value: [i64; LEVELS],
    used: [bool; LEVELS],
}

/// The numbering definitions of a document and the running counters (one list per
/// abstract numbering definition, as Word counts). Empty when the part is missing.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: Vec<AbstractNum>,
    abstract_ids: HashMap<i64, usize>,
    nums: HashMap<i64, Num>,
    counters: Vec<Counters>,
}

/// Where the level being parsed goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LevelTarget {
    Abstract(usize, usize),
    Override(i64, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Other,
    Abstract,
    Lvl,
    Num,
    LvlOverride,
    Fallback,
}

#[derive(Debug, Default)]
struct Parser {
    cur_abstract: Option<usize>,
    cur_num: Option<i64>,
    cur_override: Option<usize>,
    level: Option<(LevelTarget, Level)>,
}

impl Numbering {
    /// Parses `numbering.xml` text. Tolerant: stops at the first XML error and keeps the
    /// definitions read before it.
    pub fn parse(text: &str, fonts: &mut FontCache) -> Numbering {
        let mut nb = Numbering::default();
        let mut p = Parser::default();
        let mut reader = NsReader::from_str(text);
        let mut stack: Vec<K> = Vec::new();
        while let Ok((res, ev)) = reader.read_resolved_event() {
            let ns = xml::classify(&res);
            match ev {
                Event::Start(e) => {
                    if stack.len() >= super::MAX_DEPTH {
                        break;
                    }
                    let k = nb.start(&mut p, ns, &e, &stack, fonts);
                    stack.push(k);
                }
                Event::Empty(e) => {
                    let k = nb.start(&mut p, ns, &e, &stack, fonts);
                    nb.end(&mut p, k);
                }
                Event::End(_) => {
                    if let Some(k) = stack.pop() {
                        nb.end(&mut p, k);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        while let Some(k) = stack.pop() {
            nb.end(&mut p, k);
        }
        nb.counters = vec![Counters::default(); nb.abstracts.len()];
        nb
    }

    fn start(
        &mut self,
        p: &mut Parser,
        ns: Ns,
        e: &BytesStart<'_>,
        stack: &[K],
        fonts: &mut FontCache,
    ) -> K {
        let local = e.local_name();
        let name = local.as_ref();
        if ns == Ns::Mc {
            return if name == "Fallback" {
                K::Fallback
            } else {
                K::Other
            };
        }
        if ns != Ns::W {
            return K::Other;
        }
        let parent = stack.last().copied().unwrap_or(K::Other);
        let in_fallback = stack.contains(&K::Fallback);
        if let Some((_, level)) = p.level.as_mut() {
            match name {
                "start" => level.start = xml::int_val(e),
                "numFmt"
                    // Word 2010 writes a custom format in mc:Choice and a plain one in
                    // mc:Fallback: the first understood format wins.
                    if !(in_fallback && level.fmt.is_some()) => {
                        let val = xml::attr(e, "val");
                        let format = xml::attr(e, "format");
                        if let Some(f) = NumFmt::parse(
                            val.as_deref().map(str::trim).unwrap_or("decimal"),
                            format.as_deref(),
                        ) {
                            level.fmt = Some(f);
                        }
                    }
                "lvlText" => level.text = xml::attr(e, "val").map(|v| v.into_owned()),
                "isLgl" => level.is_lgl = xml::on_off(e),
                "lvlRestart" => level.restart = xml::int_val(e),
                "pStyle" => level.pstyle = xml::attr(e, "val").map(|v| v.trim().to_owned()),
                "rFonts" => {
                    if let Some(f) = fonts.of_rfonts(e) {
                        level.font = Some(f);
                    }
                }
                _ => {}
            }
            return K::Other;
        }
        match (name, parent) {
            ("abstractNum", _) => {
                let idx = self.abstracts.len();
                self.abstracts.push(AbstractNum::default());
                if let Some(id) = xml::attr(e, "abstractNumId").and_then(|v| v.trim().parse().ok())
                {
                    self.abstract_ids.entry(id).or_insert(idx);
                }
                p.cur_abstract = Some(idx);
                K::Abstract
            }
            ("numStyleLink", K::Abstract) => {
                if let Some(a) = p.cur_abstract.and_then(|i| self.abstracts.get_mut(i)) {
                    a.num_style_link = xml::attr(e, "val").map(|v| v.trim().to_owned());
                }
                K::Other
            }
            ("lvl", K::Abstract) => {
                let ilvl = level_index(e);
                if let (Some(a), Some(l)) = (p.cur_abstract, ilvl) {
                    p.level = Some((LevelTarget::Abstract(a, l), Level::default()));
                }
                K::Lvl
            }
            ("num", _) => {
                let id = xml::attr(e, "numId").and_then(|v| v.trim().parse::<i64>().ok());
                if let Some(id) = id {
                    self.nums.entry(id).or_default();
                }
                p.cur_num = id;
                K::Num
            }
            ("abstractNumId", K::Num) => {
                if let Some(n) = p.cur_num.and_then(|id| self.nums.get_mut(&id)) {
                    n.abstract_id = xml::int_val(e);
                }
                K::Other
            }
            ("lvlOverride", K::Num) => {
                p.cur_override = level_index(e);
                K::LvlOverride
            }
            ("startOverride", K::LvlOverride) => {
                if let (Some(n), Some(l)) = (
                    p.cur_num.and_then(|id| self.nums.get_mut(&id)),
                    p.cur_override,
                ) && let Some(o) = n.overrides.get_mut(l)
                {
                    o.start = xml::int_val(e);
                }
                K::Other
            }
            ("lvl", K::LvlOverride) => {
                if let (Some(n), Some(l)) = (p.cur_num, p.cur_override) {
                    p.level = Some((LevelTarget::Override(n, l), Level::default()));
                }
                K::Lvl
            }
            _ => K::Other,
        }
    }

    fn end(&mut self, p: &mut Parser, k: K) {
        match k {
            K::Lvl => {
                if let Some((target, mut level)) = p.level.take() {
                    if let (Some(FontEnc::Legacy { enc, caps }), Some(text)) =
                        (level.font, level.text.as_mut())
                        && level.fmt != Some(NumFmt::Bullet)
                    {
                        *text = super::legacy_to_unicode(text, enc, caps);
                    }
                    match target {
                        LevelTarget::Abstract(a, l) => {
                            if let Some(slot) =
                                self.abstracts.get_mut(a).and_then(|a| a.levels.get_mut(l))
                            {
                                *slot = level;
                            }
                        }
                        LevelTarget::Override(n, l) => {
                            if let Some(o) =
                                self.nums.get_mut(&n).and_then(|n| n.overrides.get_mut(l))
                            {
                                o.level = Some(level);
                            }
                        }
                    }
                }
            }
            K::Abstract => p.cur_abstract = None,
            K::Num => p.cur_num = None,
            K::LvlOverride => p.cur_override = None,
            K::Other | K::Fallback => {}
        }
    }

    /// The abstract definition (index) a `w:num` uses, following `w:numStyleLink`.
    fn abstract_of(&self, num_id: i64, styles: &Styles) -> Option<usize> {
        let mut idx = *self
            .abstract_ids
            .get(&self.nums.get(&num_id)?.abstract_id?)?;
        for _ in 0..MAX_LINKS {
            let Some(link) = self
                .abstracts
                .get(idx)
                .and_then(|a| a.num_style_link.as_deref())
            else {
                break;
            };
            let next = styles
                .numbering_of_id(link)
                .and_then(|n| self.nums.get(&n))
                .and_then(|n| n.abstract_id)
                .and_then(|a| self.abstract_ids.get(&a).copied());
            match next {
                Some(n) if n != idx => idx = n,
                _ => break,
            }
        }
        Some(idx)
    }

    /// Counts a paragraph numbered with `num_id` at `ilvl` (when `None`: the level whose
    /// `w:pStyle` is the paragraph's style `pstyle`, else 0) and returns the label Word
    /// prints, or `None` when the paragraph shows no label (unknown list, `numFmt` none
    /// with empty text, empty bullet). Bullets other than "-", "+", "*" become "-".
    pub fn label(
        &mut self,
        num_id: i64,
        ilvl: Option<u8>,
        pstyle: Option<&str>,
        styles: &Styles,
    ) -> Option<String> {
        let abs_idx = self.abstract_of(num_id, styles)?;
        let abs = self.abstracts.get(abs_idx)?;
        let num = self.nums.get_mut(&num_id)?;
        let counters = self.counters.get_mut(abs_idx)?;
        let lvl = match ilvl {
            Some(l) => usize::from(l).min(LEVELS - 1),
            None => pstyle
                .and_then(|ps| {
                    abs.levels
                        .iter()
                        .position(|l| l.pstyle.as_deref() == Some(ps))
                })
                .unwrap_or(0),
        };
        if !num.used {
            // The first paragraph of a list instance with start overrides restarts those
            // levels.
            for (k, o) in num.overrides.iter().enumerate() {
                if (o.start.is_some() || o.level.as_ref().is_some_and(|l| l.start.is_some()))
                    && let Some(u) = counters.used.get_mut(k)
                {
                    *u = false;
                }
            }
            num.used = true;
        }
        let num = &*num;
        let level_of = |k: usize| -> Option<&Level> {
            num.overrides
                .get(k)
                .and_then(|o| o.level.as_ref())
                .or_else(|| abs.levels.get(k))
        };
        let start_of = |k: usize| -> i64 {
            num.overrides
                .get(k)
                .and_then(|o| o.start)
                .or_else(|| level_of(k).and_then(|l| l.start))
                .unwrap_or(0)
        };
        // Count this paragraph.
        let used = counters.used.get(lvl).copied().unwrap_or(false);
        let value = if used {
            counters
                .value
                .get(lvl)
                .copied()
                .unwrap_or(0)
                .saturating_add(1)
        } else {
            start_of(lvl)
        };
        if let (Some(v), Some(u)) = (counters.value.get_mut(lvl), counters.used.get_mut(lvl)) {
            *v = value;
            *u = true;
        }
        for m in lvl + 1..LEVELS {
            let restart = level_of(m).and_then(|l| l.restart);
            let resets = match restart {
                None => true,
                Some(n) => n > 0 && (lvl as i64) < n,
            };
            if resets && let Some(u) = counters.used.get_mut(m) {
                *u = false;
            }
        }
        let level = level_of(lvl)?;
        let fmt = level.fmt.unwrap_or_default();
        let text = level.text.as_deref()?;
        let label = if fmt == NumFmt::Bullet {
            match text.trim() {
                "" => return None,
                g @ ("-" | "+" | "*") => g.to_owned(),
                _ => "-".to_owned(),
            }
        } else {
            let mut out = String::with_capacity(text.len() + 4);
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let digit = if c == '%' {
                    chars
                        .peek()
                        .and_then(|d| d.to_digit(10))
                        .filter(|d| (1..=9).contains(d))
                } else {
                    None
                };
                let Some(d) = digit else {
                    out.push(c);
                    continue;
                };
                chars.next();
                let k = (d - 1) as usize;
                let v = if counters.used.get(k).copied().unwrap_or(false) {
                    counters.value.get(k).copied().unwrap_or(0)
                } else {
                    start_of(k)
                };
                let kfmt = level_of(k).and_then(|l| l.fmt).unwrap_or_default();
                // w:isLgl: every level's number in Arabic digits ("2.1", not "II.1").
                let kfmt = match kfmt {
                    NumFmt::UpperRoman
                    | NumFmt::LowerRoman
                    | NumFmt::UpperLetter
                    | NumFmt::LowerLetter
                    | NumFmt::VietnameseCounting
                        if level.is_lgl =>
                    {
                        NumFmt::Decimal
                    }
                    other => other,
                };
                format_number(v, kfmt, &mut out);
            }
            let trimmed = out.trim();
            if trimmed.is_empty() {
                return None;
            }
            if trimmed.len() != out.len() {
                trimmed.to_owned()
            } else {
                out
            }
        };
        Some(label)
    }
}

fn level_index(e: &BytesStart<'_>) -> Option<usize> {
    xml::attr(e, "ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&l| l < LEVELS)
}

/// Appends `n` in format `fmt`. Values a format cannot show (zero or negative letters and
/// roman numerals, very large ones) fall back to decimal.
pub(super) fn format_number(n: i64, fmt: NumFmt, out: &mut String) {
    match fmt {
        NumFmt::Bullet | NumFmt::None => {}
        NumFmt::UpperRoman | NumFmt::LowerRoman if (1..4000).contains(&n) => {
            roman(n, fmt == NumFmt::LowerRoman, out)
        }
        NumFmt::UpperLetter | NumFmt::LowerLetter if (1..=26 * 30).contains(&n) => {
            let base = if fmt == NumFmt::UpperLetter {
                b'A'
            } else {
                b'a'
            };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            for _ in 0..((n - 1) / 26 + 1) {
                out.push(letter);
            }
        }
        NumFmt::DecimalZero(width) if n >= 0 => {
            let _ = write!(out, "{n:0width$}");
        }
        NumFmt::DecimalParen => {
            let _ = write!(out, "({n})");
        }
        NumFmt::VietnameseCounting if (1..100).contains(&n) => vietnamese_counting(n, out),
        _ => {
            let _ = write!(out, "{n}");
        }
    }
}

fn roman(mut n: i64, lower: bool, out: &mut String) {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    for (v, s) in TABLE {
        while n >= v {
            if lower {
                out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                out.push_str(s);
            }
            n -= v;
        }
    }
}

/// Vietnamese number words for 1..=99, as Word's `vietnameseCounting` prints them.
fn vietnamese_counting(n: i64, out: &mut String) {
    const UNITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let tens = (n / 10) as usize;
    let unit = (n % 10) as usize;
    let unit_word = |u: usize| UNITS.get(u).copied().unwrap_or("");
    match tens {
        0 => out.push_str(unit_word(unit)),
        1 => {
            out.push_str("mười");
            match unit {
                0 => {}
                5 => out.push_str(" lăm"),
                u => {
                    out.push(' ');
                    out.push_str(unit_word(u));
                }
            }
        }
        t => {
            out.push_str(unit_word(t));
            out.push_str(" mươi");
            match unit {
                0 => {}
                1 => out.push_str(" mốt"),
                5 => out.push_str(" lăm"),
                u => {
                    out.push(' ');
                    out.push_str(unit_word(u));
                }
            }
        }
    }
}
