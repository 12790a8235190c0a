//! Reading a time-frame phrase ("Thời gian thực hiện: …") into its parts: recurrences,
//! windows and deadlines, whole-year and on-request markers. [`crate::schedule`] decides
//! the schedule from these parts.
//!
//! The text is folded with [`vntext::fold`] (no tones, đ → d, lower case), cut into tokens
//! (words, number groups such as `15/3/2026`, dashes, slashes, separators) and read by a
//! small hand parser. Document numbers (`12/KH-UBND`, `09/2019/NĐ-CP`) and a date right
//! after one ("… ngày 05/01/2026 của …") are citations, not times, and are skipped.

use chrono::NaiveDate;

use crate::schedule::{Recurrence, Window};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    /// Digit runs joined by `/` or `.`: "15/3/2026" → [15, 3, 2026].
    Num(Vec<u32>),
    Dash,
    Slash,
    /// Any other separator: , ; ( ) : .
    Sep,
    /// A document number or symbol, ignored.
    Symbol,
}

/// What a time-frame text says, with every window resolved to dates.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// "thường xuyên", "liên tục".
    pub regular: bool,
    /// Recurrences named ("hằng tháng", "hằng quý", "6 tháng", "hằng năm", "2 lần/năm").
    pub freqs: Vec<Recurrence>,
    /// "định kỳ" (periodically), with or without a frequency.
    pub periodic_word: bool,
    /// Dates, deadlines and periods ("trước ngày 15/3", "Quý II", "từ tháng 3 đến tháng 6").
    pub pieces: Vec<Window>,
    /// Whole years named ("năm 2026", "2026 - 2030"), as date spans.
    pub year_spans: Vec<(NaiveDate, NaiveDate)>,
    /// "cả năm", "trong năm", "suốt năm", "quanh năm".
    pub whole_year_word: bool,
    /// "theo kế hoạch/chỉ đạo/yêu cầu …", "khi có yêu cầu", "theo thời gian tổ chức …".
    pub on_request: bool,
    /// Something was read only in part (an impossible date, "hằng tuần", "đầu năm", a
    /// range that runs backwards): the officer should confirm.
    pub vague: bool,
}

impl Reading {
    /// Whether anything at all was understood.
    pub fn understood(&self) -> bool {
        self.regular
            || !self.freqs.is_empty()
            || self.periodic_word
            || !self.pieces.is_empty()
            || !self.year_spans.is_empty()
            || self.whole_year_word
            || self.on_request
    }
}

/// Phrases (folded, whole words) that hand the timing to someone else.
const ON_REQUEST: &[&str] = &[
    "cap tren",
    "khi co",
    "khi phat sinh",
    "khi duoc",
    "theo yeu cau",
    "theo chi dao",
    "theo huong dan",
    "theo ke hoach",
    "theo thoi gian to chuc",
    "theo thoi gian cua",
    "theo lich",
    "theo thong bao",
    "theo de nghi",
    "theo tien do",
    "dot xuat",
];

const REGULAR: &[&str] = &["thuong xuyen", "lien tuc"];

const WHOLE_YEAR: &[&str] = &["ca nam", "trong nam", "suot nam", "quanh nam"];

/// Reads `text`; `plan_year` fills in the year of dates and periods written without one.
pub(crate) fn read(text: &str, plan_year: i32) -> Reading {
    let toks = tokenize(&vntext::fold(text));
    let mut r = Reading::default();
    let words = phrase_line(&toks);
    let has = |p: &str| words.contains(&format!(" {p} "));
    r.regular = REGULAR.iter().any(|p| has(p));
    r.on_request = ON_REQUEST.iter().any(|p| has(p));
    r.whole_year_word = WHOLE_YEAR.iter().any(|p| has(p));
    r.periodic_word = has("dinh ky");

    let p = Parser {
        t: &toks,
        plan_year,
    };
    let default_year = p.standalone_year().unwrap_or(plan_year);
    let mut i = 0;
    while i < toks.len() {
        if let Some(next) = p.frequency(i, &mut r) {
            i = next;
        } else if let Some(next) = p.time(i, default_year, &mut r) {
            i = next;
        } else if toks[i] == Tok::Symbol {
            // A citation: "12/KH-UBND ngày 05/01/2026" — its date is not a time frame.
            i += 1;
            if p.is(i, "ngay") {
                i = p.span(i).map_or(i + 1, |(_, n)| n);
            }
        } else {
            if matches!(p.word(i), Some("ngay" | "thang" | "quy")) && p.num(i + 1).is_some() {
                // A date word with a number that makes no date ("tháng 13").
                r.vague = true;
            }
            i += 1;
        }
    }
    r
}

/// The words of the text joined by single spaces, with a space at each end; numbers become
/// `#` and other tokens `|`, so that phrases match whole words only.
fn phrase_line(toks: &[Tok]) -> String {
    let mut s = String::from(" ");
    for t in toks {
        match t {
            Tok::Word(w) => s.push_str(w),
            Tok::Num(_) => s.push('#'),
            _ => s.push('|'),
        }
        s.push(' ');
    }
    s
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '−' | '‐' | '‑' | '~')
}

/// A document number or symbol: digits, a `/` or `-`, and letters that are not a Roman
/// numeral ("12/kh-ubnd", "09/2019/nd-cp", "12-ct/tw"; not "ii/2026").
fn is_symbol(chunk: &str) -> bool {
    if !chunk.chars().any(|c| c.is_ascii_digit()) || !chunk.chars().any(|c| c == '/' || is_dash(c))
    {
        return false;
    }
    chunk
        .split(|c: char| !c.is_alphabetic())
        .any(|run| !run.is_empty() && !run.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

fn tokenize(folded: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    for chunk in folded.split_whitespace() {
        if is_symbol(chunk) {
            toks.push(Tok::Symbol);
            continue;
        }
        let chars: Vec<char> = chunk.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() {
                let start = i;
                while i < chars.len() && chars[i].is_alphabetic() {
                    i += 1;
                }
                toks.push(Tok::Word(chars[start..i].iter().collect()));
            } else if c.is_ascii_digit() {
                let mut parts = Vec::new();
                let mut ok = true;
                loop {
                    let start = i;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    let digits: String = chars[start..i].iter().collect();
                    match digits.parse::<u32>() {
                        Ok(v) => parts.push(v),
                        Err(_) => ok = false,
                    }
                    let joined = i + 1 < chars.len()
                        && matches!(chars[i], '/' | '.')
                        && chars[i + 1].is_ascii_digit();
                    if !joined {
                        break;
                    }
                    i += 1;
                }
                toks.push(if ok { Tok::Num(parts) } else { Tok::Symbol });
            } else {
                toks.push(if is_dash(c) {
                    Tok::Dash
                } else if c == '/' {
                    Tok::Slash
                } else {
                    Tok::Sep
                });
                i += 1;
            }
        }
    }
    toks
}

/// A period named in the text, before its year is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day {
        day: u32,
        month: u32,
    },
    Month(u32),
    Quarter(u32),
    /// Months `from..=to` of one year ("6 tháng đầu năm" = 1..=6).
    Months(u32, u32),
    Year,
    /// Whole years `from..=to` ("2026 - 2030"); the span's year is `from`.
    Years(i32),
}

#[derive(Debug, Clone, Copy)]
struct Span {
    unit: Unit,
    year: Option<i32>,
    /// Read only loosely ("đầu năm" taken as quarter I).
    vague: bool,
}

impl Span {
    fn new(unit: Unit, year: Option<i32>) -> Span {
        Span {
            unit,
            year,
            vague: false,
        }
    }

    /// First and last day in year `y` (when the span has no year of its own).
    fn bounds(&self, default_year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let y = self.year.unwrap_or(default_year);
        match self.unit {
            Unit::Day { day, month } => {
                let d = NaiveDate::from_ymd_opt(y, month, day)?;
                Some((d, d))
            }
            Unit::Month(m) => months(y, m, m),
            Unit::Quarter(q) => months(y, 3 * q - 2, 3 * q),
            Unit::Months(a, b) => months(y, a, b),
            Unit::Year => months(y, 1, 12),
            Unit::Years(to) => Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(to, 12, 31)?,
            )),
        }
    }

    fn is_year(&self) -> bool {
        matches!(self.unit, Unit::Year | Unit::Years(_))
    }
}

/// First day of month `a` to the last day of month `b` of year `y`.
pub(crate) fn months(y: i32, a: u32, b: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=12).contains(&a) || !(a..=12).contains(&b) {
        return None;
    }
    Some((NaiveDate::from_ymd_opt(y, a, 1)?, month_end(y, b)?))
}

pub(crate) fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    if m == 12 {
        NaiveDate::from_ymd_opt(y, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?.pred_opt()
    }
}

/// A year as written: four digits, or two after a slash or "năm" ("quý II/26").
fn year_of(v: u32) -> Option<i32> {
    match v {
        0..=99 => Some(2000 + v as i32),
        1000..=9999 => Some(v as i32),
        _ => None,
    }
}

fn roman(w: &str) -> Option<u32> {
    match w {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => None,
    }
}

/// Small numbers written in words, as in "sáu tháng", "một lần".
fn number_word(w: &str) -> Option<u32> {
    match w {
        "mot" => Some(1),
        "hai" => Some(2),
        "ba" => Some(3),
        "bon" => Some(4),
        "sau" => Some(6),
        "chin" => Some(9),
        _ => None,
    }
}

/// The recurrence of "every `n` months" ("6 tháng", "hằng 3 tháng"), for the `n` that have one.
fn every_n_months(n: u32) -> Option<Recurrence> {
    match n {
        1 => Some(Recurrence::Monthly),
        3 => Some(Recurrence::Quarterly),
        6 => Some(Recurrence::SixMonthly),
        12 => Some(Recurrence::Yearly),
        _ => None,
    }
}

/// How a span is used: as written, as a deadline, or as the start of what follows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Plain,
    /// "trước …": due on the date, or the day before the period starts.
    Before,
    /// "chậm nhất …", "hạn …", "đến (hết) …": due at the end of the span.
    By,
    /// "từ …" without an end: from the span to the end of its year.
    From,
    /// "sau …": from the day after the span to the end of that year.
    After,
}

struct Parser<'a> {
    t: &'a [Tok],
    plan_year: i32,
}

impl Parser<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        match self.t.get(i) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn num(&self, i: usize) -> Option<&[u32]> {
        match self.t.get(i) {
            Some(Tok::Num(v)) => Some(v),
            _ => None,
        }
    }

    /// A single number, in digits or in words.
    fn count(&self, i: usize) -> Option<u32> {
        match self.t.get(i) {
            Some(Tok::Num(v)) if v.len() == 1 => Some(v[0]),
            Some(Tok::Word(w)) => number_word(w),
            _ => None,
        }
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }

    /// The year of the text when it names exactly one standalone year ("Quý II, năm 2026").
    fn standalone_year(&self) -> Option<i32> {
        let mut found = None;
        for i in 0..self.t.len() {
            if let Some((s, _)) = self.span(i)
                && s.unit == Unit::Year
            {
                match (found, s.year) {
                    (None, y) => found = y,
                    (Some(a), Some(b)) if a != b => return None,
                    _ => {}
                }
            }
        }
        found
    }

    /// "hằng tháng", "hằng tháng/quý", "hàng quý", "mỗi năm", "6 tháng", "định kỳ 6 tháng",
    /// "2 lần/năm", "quý/lần", "hằng tuần" (taken as monthly, vague).
    fn frequency(&self, i: usize, r: &mut Reading) -> Option<usize> {
        if matches!(self.word(i), Some("hang" | "moi")) {
            let mut j = i + 1;
            let mut any = false;
            loop {
                let step = self.frequency_unit(j, r);
                match step {
                    Some(next) => {
                        any = true;
                        j = next;
                    }
                    None => break,
                }
                // "hằng tháng/quý", "hằng tháng, quý", "hằng tháng hoặc quý"
                let joined = matches!(self.tok(j), Some(Tok::Slash | Tok::Sep))
                    || matches!(self.word(j), Some("va" | "hoac"));
                if joined
                    && self
                        .frequency_unit(j + 1, &mut Reading::default())
                        .is_some()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            return any.then_some(j);
        }
        // "quý/lần", "tháng/lần", "năm/lần"
        if let Some(unit) = self.word(i)
            && matches!(self.tok(i + 1), Some(Tok::Slash))
            && self.is(i + 2, "lan")
        {
            let f = match unit {
                "thang" => Recurrence::Monthly,
                "quy" => Recurrence::Quarterly,
                "nam" => Recurrence::Yearly,
                _ => return None,
            };
            r.freqs.push(f);
            return Some(i + 3);
        }
        // "2 lần/năm", "01 lần mỗi quý", "một lần trong năm"
        if let Some(n) = self.count(i)
            && self.is(i + 1, "lan")
        {
            let mut j = i + 2;
            if matches!(self.tok(j), Some(Tok::Slash))
                || matches!(self.word(j), Some("moi" | "trong" | "mot"))
            {
                j += 1;
            }
            let per_year = match self.word(j)? {
                "nam" => n,
                "quy" => n.checked_mul(4)?,
                "thang" => n.checked_mul(12)?,
                _ => return None,
            };
            let f = match per_year {
                1 => Recurrence::Yearly,
                2 => Recurrence::SixMonthly,
                4 => Recurrence::Quarterly,
                12 => Recurrence::Monthly,
                _ => {
                    r.vague = true;
                    if per_year > 4 {
                        Recurrence::Monthly
                    } else {
                        Recurrence::Quarterly
                    }
                }
            };
            r.freqs.push(f);
            return Some(j + 1);
        }
        // "6 tháng" (not "6 tháng đầu/cuối năm", "sau tháng 3", "trong 3 tháng")
        if let Some(n) = self.count(i)
            && self.is(i + 1, "thang")
            && !matches!(self.word(i + 2), Some("dau" | "cuoi"))
            && self.num(i + 2).is_none()
            && !matches!(
                i.checked_sub(1).and_then(|p| self.word(p)),
                Some("trong" | "dai" | "khoang" | "mat" | "sau" | "vong")
            )
        {
            r.freqs.push(every_n_months(n)?);
            let mut j = i + 2;
            if matches!(self.tok(j), Some(Tok::Slash)) && self.is(j + 1, "lan") {
                j += 2;
            }
            return Some(j);
        }
        None
    }

    /// The unit after "hằng"/"mỗi": tháng, quý, năm, "6 tháng", tuần, ngày.
    fn frequency_unit(&self, j: usize, r: &mut Reading) -> Option<usize> {
        let f = match self.word(j) {
            Some("thang") => Recurrence::Monthly,
            Some("quy") => Recurrence::Quarterly,
            Some("nam") => Recurrence::Yearly,
            Some("tuan" | "ngay") => {
                r.vague = true;
                Recurrence::Monthly
            }
            _ => {
                let n = self.count(j)?;
                if !self.is(j + 1, "thang") || self.num(j + 2).is_some() {
                    return None;
                }
                r.freqs.push(every_n_months(n)?);
                return Some(j + 2);
            }
        };
        r.freqs.push(f);
        Some(j + 1)
    }

    /// A date, deadline, period or range at `i`, with the words that qualify it.
    fn time(&self, i: usize, default_year: i32, r: &mut Reading) -> Option<usize> {
        let (mark, j) = match (self.word(i), self.word(i + 1)) {
            (Some("truoc"), _) => (Mark::Before, i + 1),
            (Some("cham"), Some("nhat")) => (Mark::By, i + 2),
            (Some("han"), Some("chot")) => (Mark::By, i + 2),
            (Some("han"), _) => (Mark::By, i + 1),
            (Some("den"), Some("het")) => (Mark::By, i + 2),
            (Some("den"), _) => (Mark::By, i + 1),
            (Some("tu"), _) => (Mark::From, i + 1),
            (Some("sau"), _) => (Mark::After, i + 1),
            _ => (Mark::Plain, i),
        };
        // "chậm nhất vào/trong tháng 6", "trước hết ngày"
        let j = if mark != Mark::Plain
            && matches!(self.word(j), Some("vao" | "trong" | "la" | "het"))
        {
            j + 1
        } else {
            j
        };
        // A marker word that is not followed by a time is read as plain text ("sáu tháng đầu
        // năm" folds to "sau thang dau nam").
        let (mark, (a, mut k)) = match self.span(j) {
            Some(found) => (mark, found),
            None if mark != Mark::Plain => (Mark::Plain, self.span(i)?),
            None => return None,
        };
        // A range: "từ tháng 3 đến tháng 6", "Quý II - Quý III", "tháng 3 - 6/2026".
        let mut to = None;
        if matches!(self.tok(k), Some(Tok::Dash)) || matches!(self.word(k), Some("den" | "toi")) {
            let mut m = k + 1;
            if self.is(m, "het") {
                m += 1;
            }
            if let Some((b, n)) = self.span(m).or_else(|| self.bare_like(m, a.unit)) {
                to = Some(b);
                k = n;
            }
        }
        let mut spans = vec![(a, to)];
        // A list continuing with bare numbers: "tháng 3, 6 và 9", "Quý I, II".
        loop {
            let joined = matches!(self.tok(k), Some(Tok::Sep | Tok::Slash))
                || matches!(self.word(k), Some("va" | "hoac"));
            match joined.then(|| self.bare_like(k + 1, a.unit)).flatten() {
                Some((b, n)) => {
                    spans.push((b, None));
                    k = n;
                }
                None => break,
            }
        }
        for (a, to) in spans {
            self.push(a, to, mark, default_year, r);
        }
        Some(k)
    }

    /// Records a span (or range) as a piece or as a whole-year mention.
    fn push(&self, a: Span, to: Option<Span>, mark: Mark, default_year: i32, r: &mut Reading) {
        r.vague |= a.vague || to.is_some_and(|b| b.vague);
        let Some((start, end)) = resolve(a, to, default_year, r) else {
            r.vague = true;
            return;
        };
        let is_year = a.is_year() && to.is_none_or(|b| b.is_year());
        let window = match mark {
            Mark::Before => {
                let due = if matches!(a.unit, Unit::Day { .. }) && to.is_none() {
                    start
                } else {
                    match start.pred_opt() {
                        Some(d) => d,
                        None => return,
                    }
                };
                deadline(due)
            }
            Mark::By if is_year => {
                // "đến (hết) năm 2030": every year up to then, the plan year among them.
                let plan_start = NaiveDate::from_ymd_opt(self.plan_year, 1, 1).unwrap_or(start);
                r.year_spans.push((start.min(plan_start), end));
                return;
            }
            Mark::By => deadline(end),
            Mark::From if to.is_none() => rest_of_year(start),
            Mark::After if to.is_none() => end.succ_opt().and_then(rest_of_year),
            _ if is_year => {
                r.year_spans.push((start, end));
                return;
            }
            _ => Some(Window {
                start,
                end,
                deadline: false,
            }),
        };
        match window {
            Some(w) => r.pieces.push(w),
            None => r.vague = true,
        }
    }

    /// A number (or Roman numeral) standing for the same unit as `like`, with an optional
    /// year: the "6" of "tháng 3 - 6", the "III" of "Quý I, III".
    fn bare_like(&self, i: usize, like: Unit) -> Option<(Span, usize)> {
        let unit = match like {
            Unit::Month(_) => Unit::Month(match self.num(i)? {
                [m] if (1..=12).contains(m) => *m,
                [m, y] if (1..=12).contains(m) => {
                    let y = year_of(*y)?;
                    return Some((Span::new(Unit::Month(*m), Some(y)), i + 1));
                }
                _ => return None,
            }),
            Unit::Quarter(_) => Unit::Quarter(match (self.word(i), self.num(i)) {
                (Some(w), _) => roman(w)?,
                (_, Some([q])) if (1..=4).contains(q) => *q,
                (_, Some([q, y])) if (1..=4).contains(q) => {
                    let y = year_of(*y)?;
                    return Some((Span::new(Unit::Quarter(*q), Some(y)), i + 1));
                }
                _ => return None,
            }),
            Unit::Day { month, .. } => match self.num(i)? {
                [d] if (1..=31).contains(d) => Unit::Day { day: *d, month },
                _ => return None,
            },
            _ => return None,
        };
        let (year, next) = self.year_suffix(i + 1);
        Some((Span::new(unit, year), next))
    }

    /// "/2026", "năm 2026" or a bare "2026" after a period.
    fn year_suffix(&self, j: usize) -> (Option<i32>, usize) {
        if matches!(self.tok(j), Some(Tok::Slash))
            && let Some([y]) = self.num(j + 1)
            && let Some(y) = year_of(*y)
        {
            return (Some(y), j + 2);
        }
        if self.is(j, "nam")
            && let Some([y]) = self.num(j + 1)
            && let Some(y) = year_of(*y)
        {
            return (Some(y), j + 2);
        }
        if let Some([y]) = self.num(j)
            && *y >= 1000
            && let Some(y) = year_of(*y)
        {
            return (Some(y), j + 1);
        }
        (None, j)
    }

    /// One date or period at `i`, and the index after it.
    fn span(&self, i: usize) -> Option<(Span, usize)> {
        match self.tok(i)? {
            Tok::Word(w) => match w.as_str() {
                "ngay" => self.day(i + 1),
                "thang" => {
                    let (m, y, j) = match self.num(i + 1)? {
                        [m] => (*m, None, i + 2),
                        [m, y] => (*m, Some(year_of(*y)?), i + 2),
                        _ => return None,
                    };
                    if !(1..=12).contains(&m) {
                        return None;
                    }
                    let (y2, j) = if y.is_none() {
                        self.year_suffix(j)
                    } else {
                        (y, j)
                    };
                    Some((Span::new(Unit::Month(m), y2), j))
                }
                "quy" => {
                    let q = match (self.word(i + 1), self.num(i + 1)) {
                        (Some(w), _) => roman(w)?,
                        (_, Some([q])) if (1..=4).contains(q) => *q,
                        _ => return None,
                    };
                    let (y, j) = self.year_suffix(i + 2);
                    Some((Span::new(Unit::Quarter(q), y), j))
                }
                "nua" if self.is(i + 2, "nam") => {
                    let unit = match self.word(i + 1)? {
                        "dau" => Unit::Months(1, 6),
                        "cuoi" => Unit::Months(7, 12),
                        _ => return None,
                    };
                    let (y, j) = self.year_suffix(i + 3);
                    Some((Span::new(unit, y), j))
                }
                "dau" | "cuoi" if self.is(i + 1, "nam") => {
                    // "đầu năm", "cuối năm": taken as quarter I / IV, to be confirmed.
                    let q = if w == "dau" { 1 } else { 4 };
                    let (y, j) = self.year_suffix(i + 2);
                    let mut s = Span::new(Unit::Quarter(q), y);
                    s.vague = true;
                    Some((s, j))
                }
                "nam" => {
                    let [y] = self.num(i + 1)? else { return None };
                    let y = year_of(*y).filter(|_| *y >= 1000)?;
                    self.year_or_years(y, i + 2)
                }
                _ => self.months_of_year(i),
            },
            Tok::Num(parts) => match parts.as_slice() {
                [_, _, _] => self.day(i),
                [a, b] if *b >= 1000 => {
                    let y = year_of(*b)?;
                    (1..=12)
                        .contains(a)
                        .then(|| (Span::new(Unit::Month(*a), Some(y)), i + 1))
                }
                [_, _] => self.day(i),
                [y] if (1900..=2200).contains(y) => self.year_or_years(*y as i32, i + 1),
                [_] => self.months_of_year(i).or_else(|| self.dashed_day(i)),
                _ => None,
            },
            _ => None,
        }
    }

    /// "2026" or "2026 - 2030" (the first year already read, `j` after it).
    fn year_or_years(&self, y: i32, j: usize) -> Option<(Span, usize)> {
        if matches!(self.tok(j), Some(Tok::Dash))
            && let Some([to]) = self.num(j + 1)
            && let Some(to) = year_of(*to).filter(|t| *t >= y && *to >= 1000)
        {
            return Some((Span::new(Unit::Years(to), Some(y)), j + 2));
        }
        Some((Span::new(Unit::Year, Some(y)), j))
    }

    /// "6 tháng đầu năm", "sáu tháng cuối năm 2026", "9 tháng đầu năm".
    fn months_of_year(&self, i: usize) -> Option<(Span, usize)> {
        let n = self.count(i)?;
        if !self.is(i + 1, "thang") || !(1..=12).contains(&n) {
            return None;
        }
        let unit = match self.word(i + 2)? {
            "dau" => Unit::Months(1, n),
            "cuoi" => Unit::Months(13 - n, 12),
            _ => return None,
        };
        let mut j = i + 3;
        if self.is(j, "nam") && !matches!(self.num(j + 1), Some([_])) {
            j += 1;
        }
        let (y, j) = self.year_suffix(j);
        Some((Span::new(unit, y), j))
    }

    /// A day after "ngày" (or bare): "15/3", "15/3/2026", "15 tháng 3 năm 2026", "15-3-2026".
    fn day(&self, i: usize) -> Option<(Span, usize)> {
        let (span, next) = self.day_unchecked(i)?;
        match span.unit {
            Unit::Day { day, month } if (1..=31).contains(&day) && (1..=12).contains(&month) => {
                Some((span, next))
            }
            _ => None,
        }
    }

    fn day_unchecked(&self, i: usize) -> Option<(Span, usize)> {
        match self.num(i)? {
            [d, m] => Some((Span::new(Unit::Day { day: *d, month: *m }, None), i + 1)),
            [d, m, y] => Some((
                Span::new(Unit::Day { day: *d, month: *m }, Some(year_of(*y)?)),
                i + 1,
            )),
            [d] => {
                if self.is(i + 1, "thang")
                    && let Some([m]) = self.num(i + 2)
                {
                    let (y, j) = self.year_suffix(i + 3);
                    return Some((Span::new(Unit::Day { day: *d, month: *m }, y), j));
                }
                // "ngày 15 - 20/3/2026", "ngày 15 đến 20/3": the first day of a range takes
                // the month and year of the last.
                if (matches!(self.tok(i + 1), Some(Tok::Dash)) || self.is(i + 1, "den"))
                    && let Some([_, m, rest @ ..]) = self.num(i + 2)
                {
                    let y = match rest {
                        [] => None,
                        [y] => Some(year_of(*y)?),
                        _ => return None,
                    };
                    return Some((Span::new(Unit::Day { day: *d, month: *m }, y), i + 1));
                }
                self.dashed_day(i)
            }
            _ => None,
        }
    }

    /// "15-3-2026".
    fn dashed_day(&self, i: usize) -> Option<(Span, usize)> {
        let ([d], Some(Tok::Dash), [m], Some(Tok::Dash), [y]) = (
            self.num(i)?,
            self.tok(i + 1),
            self.num(i + 2)?,
            self.tok(i + 3),
            self.num(i + 4)?,
        ) else {
            return None;
        };
        let y = year_of(*y).filter(|_| *y >= 1000)?;
        Some((Span::new(Unit::Day { day: *d, month: *m }, Some(y)), i + 5))
    }
}

/// From `start` to 31 December of its year.
fn rest_of_year(start: NaiveDate) -> Option<Window> {
    NaiveDate::from_ymd_opt(chrono::Datelike::year(&start), 12, 31).map(|end| Window {
        start,
        end,
        deadline: false,
    })
}

fn deadline(due: NaiveDate) -> Option<Window> {
    Some(Window {
        start: NaiveDate::from_ymd_opt(chrono::Datelike::year(&due), 1, 1)?,
        end: due,
        deadline: true,
    })
}

/// The dates of a span or a range, filling missing years: a range's open end takes the
/// other end's year (stepping a year when the range would otherwise run backwards), a lone
/// span takes `default_year`.
fn resolve(
    a: Span,
    to: Option<Span>,
    default_year: i32,
    r: &mut Reading,
) -> Option<(NaiveDate, NaiveDate)> {
    let Some(b) = to else {
        return a.bounds(default_year);
    };
    let (a, b) = match (a.year, b.year) {
        (Some(_), Some(_)) => (a, b),
        (None, Some(yb)) => {
            let mut a2 = Span {
                year: Some(yb),
                ..a
            };
            if a2.bounds(yb)?.0 > b.bounds(yb)?.1 {
                a2.year = Some(yb - 1);
            }
            (a2, b)
        }
        (Some(ya), None) => {
            let mut b2 = Span {
                year: Some(ya),
                ..b
            };
            if b2.bounds(ya)?.1 < a.bounds(ya)?.0 {
                b2.year = Some(ya + 1);
            }
            (a, b2)
        }
        (None, None) => {
            let a2 = Span {
                year: Some(default_year),
                ..a
            };
            let mut b2 = Span {
                year: Some(default_year),
                ..b
            };
            if b2.bounds(default_year)?.1 < a2.bounds(default_year)?.0 {
                // "từ tháng 10 đến tháng 3": across the new year, but which one is unsure.
                b2.year = Some(default_year + 1);
                r.vague = true;
            }
            (a2, b2)
        }
    };
    let (start, _) = a.bounds(default_year)?;
    let (_, end) = b.bounds(default_year)?;
    (start <= end).then_some((start, end))
}
