//! Schedules: what a task's time frame (thời gian thực hiện) means, and the occurrences
//! (kỳ thực hiện) created in advance for the plan year (issue 4, point 5).
//!
//! [`schedule_from_timeframe`] understands the phrases plans use — a date or deadline, a
//! month, quarter or half-year, a range, "hằng tháng/quý/năm", "6 tháng", "cả năm",
//! "thường xuyên", "theo kế hoạch của cấp trên" — and says when it had to guess
//! ([`Schedule::certain`]). [`Schedule::occurrences`] lists the checkpoints of the year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::PlanYear;
use crate::period::{PeriodKind, report_periods};
use crate::timeframe::{self, month_end, months};

/// How often a task comes due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Once: on a date, by a deadline, or within a period ("Trước ngày 15/3/2026",
    /// "Tháng 9/2026", "Quý II", "6 tháng đầu năm", "từ tháng 3 đến tháng 6"); the windows
    /// are in [`Schedule::parts`].
    Once,
    /// Every month ("Hằng tháng").
    Monthly,
    /// Every quarter ("Hằng quý").
    Quarterly,
    /// Every six months ("6 tháng", "định kỳ 6 tháng", "2 lần/năm").
    SixMonthly,
    /// Every year ("Hằng năm"): one checkpoint in the plan year.
    Yearly,
    /// Throughout the year ("Cả năm 2026", "Năm 2026", "trong năm"): one checkpoint at its end.
    WholeYear,
    /// Continuous work ("Thường xuyên"): one checkpoint in each periodic report period of
    /// Decree 09/2019/NĐ-CP (see [`crate::period`]).
    Regular,
    /// When the superior asks ("theo kế hoạch/chỉ đạo/yêu cầu của cấp trên", "khi có yêu cầu",
    /// "theo thời gian tổ chức …"): nothing is created in advance; occurrences are added
    /// when the request comes.
    OnRequest,
}

impl Recurrence {
    pub const ALL: [Recurrence; 8] = [
        Recurrence::Once,
        Recurrence::Monthly,
        Recurrence::Quarterly,
        Recurrence::SixMonthly,
        Recurrence::Yearly,
        Recurrence::WholeYear,
        Recurrence::Regular,
        Recurrence::OnRequest,
    ];

    /// The stable code stored in the database (also the serde name).
    pub fn as_code(self) -> &'static str {
        match self {
            Recurrence::Once => "once",
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::SixMonthly => "six_monthly",
            Recurrence::Yearly => "yearly",
            Recurrence::WholeYear => "whole_year",
            Recurrence::Regular => "regular",
            Recurrence::OnRequest => "on_request",
        }
    }

    /// `None` for a code that is not one of [`Recurrence::as_code`].
    pub fn parse(code: &str) -> Option<Recurrence> {
        Recurrence::ALL.into_iter().find(|r| r.as_code() == code)
    }

    /// The label an official reads.
    pub fn label_vi(self) -> &'static str {
        match self {
            Recurrence::Once => "Một lần",
            Recurrence::Monthly => "Hằng tháng",
            Recurrence::Quarterly => "Hằng quý",
            Recurrence::SixMonthly => "6 tháng một lần",
            Recurrence::Yearly => "Hằng năm",
            Recurrence::WholeYear => "Cả năm",
            Recurrence::Regular => "Thường xuyên",
            Recurrence::OnRequest => "Theo yêu cầu của cấp trên",
        }
    }

    /// Checkpoints a year, for choosing the more frequent of two named recurrences.
    fn per_year(self) -> u8 {
        match self {
            Recurrence::Monthly => 12,
            Recurrence::Quarterly | Recurrence::Regular => 4,
            Recurrence::SixMonthly => 2,
            _ => 1,
        }
    }
}

/// A window of dates, both ends included. With `deadline`, the end is a deadline ("trước
/// ngày 15/3") and the start is 1 January of the deadline's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub deadline: bool,
}

/// What a time frame means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub recurrence: Recurrence,
    /// The dates the schedule is confined to: for [`Recurrence::Once`] the span of its
    /// [`Schedule::parts`]; for a periodic or regular schedule a restriction written with it
    /// ("Hằng tháng từ tháng 3 đến tháng 12"); for [`Recurrence::WholeYear`] a year other than
    /// the plan year. `None`: the whole plan year.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// For [`Recurrence::Once`]: each date, deadline or period named, in the order written
    /// ("Quý I và Quý III" has two). Empty for the other recurrences.
    pub parts: Vec<Window>,
    /// The time-frame text as written (NFC).
    pub source: String,
    /// False when the text was not fully understood and a default or a guess was taken, or
    /// when it names a year other than the plan year: the officer must confirm.
    pub certain: bool,
}

/// One checkpoint of a schedule, created in advance for the plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrencePlan {
    /// 1, 2, … in date order.
    pub seq: u16,
    /// "Tháng 01/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026",
    /// "Kỳ báo cáo quý I/2026", "Hạn 15/03/2026", "Ngày 20/05/2026".
    pub label: String,
    pub starts: NaiveDate,
    pub due: NaiveDate,
}

/// The schedule a time frame describes, for a plan of `year`.
///
/// Contract:
/// - never panics, whatever the text; the text is compared folded ([`vntext::fold`]), so
///   tones, đ/d and case do not matter;
/// - `None`, empty or blank → [`Recurrence::WholeYear`] with `certain == false`; so is any
///   text in which no time is recognised;
/// - when several things are said, the first of these wins: "thường xuyên"
///   ([`Recurrence::Regular`]) → a named frequency (the more frequent of several:
///   "Hằng tháng/quý" is monthly, which gives a checkpoint for every quarter too) → dates,
///   deadlines and periods ([`Recurrence::Once`]) → whole years → on request. A date or
///   period thus wins over "theo kế hoạch của cấp trên": it is when the work is expected;
///   a bare year does not ("Theo kế hoạch năm 2026 của cấp trên" names the superior's
///   plan), while "cả năm"/"trong năm" does;
/// - dates and periods without a year are in the plan year (or in the one year the text
///   names elsewhere: "Quý II, năm 2026"); a date in another year is kept, with
///   `certain == false`.
pub fn schedule_from_timeframe(text: Option<&str>, year: PlanYear) -> Schedule {
    let source = vntext::nfc(text.unwrap_or(""));
    let mut schedule = Schedule {
        recurrence: Recurrence::WholeYear,
        window: None,
        parts: Vec::new(),
        source,
        certain: false,
    };
    let r = timeframe::read(&schedule.source, year.get());
    if !r.understood() {
        return schedule;
    }
    let plan = (year.first_day(), year.last_day());
    let overlaps = |(s, e): (NaiveDate, NaiveDate)| s <= plan.1 && e >= plan.0;
    let hull = hull(r.pieces.iter().map(|w| (w.start, w.end)));
    let mut certain = !r.vague;

    let periodic = r.freqs.iter().copied().max_by_key(|f| f.per_year());
    if r.regular || periodic.is_some() {
        schedule.recurrence = if r.regular {
            Recurrence::Regular
        } else {
            periodic.unwrap_or(Recurrence::Regular)
        };
        schedule.window = hull;
        certain &= hull.is_none_or(overlaps) && r.year_spans.iter().all(|s| overlaps(*s));
    } else if !r.pieces.is_empty() {
        schedule.recurrence = Recurrence::Once;
        schedule.window = hull;
        schedule.parts = r.pieces.clone();
        certain &= r.pieces.iter().all(|w| overlaps((w.start, w.end)));
    } else if r.whole_year_word || (!r.year_spans.is_empty() && !r.on_request) {
        schedule.recurrence = Recurrence::WholeYear;
        if !r.year_spans.is_empty() && !r.year_spans.iter().any(|s| overlaps(*s)) {
            schedule.window = r.year_spans.first().copied();
            certain = false;
        }
    } else if r.on_request {
        schedule.recurrence = Recurrence::OnRequest;
    } else {
        // "định kỳ" with no frequency: a checkpoint in each report period, to be confirmed.
        schedule.recurrence = Recurrence::Regular;
        certain = false;
    }
    schedule.certain = certain;
    schedule
}

fn hull(spans: impl Iterator<Item = (NaiveDate, NaiveDate)>) -> Option<(NaiveDate, NaiveDate)> {
    spans.reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

impl Schedule {
    /// The occurrences created in advance for the plan `year`, in date order, numbered from 1.
    ///
    /// - [`Recurrence::Once`]: one per part (or the window); a part in another year is kept
    ///   as it is;
    /// - [`Recurrence::Monthly`] / [`Recurrence::Quarterly`] / [`Recurrence::SixMonthly`]:
    ///   each month / quarter / half of the year, due on its last day;
    /// - [`Recurrence::Yearly`], [`Recurrence::WholeYear`]: one for the year (or the window),
    ///   due on its last day;
    /// - [`Recurrence::Regular`]: one per periodic report period (Decree 09/2019/NĐ-CP art.
    ///   12), from the first day of its new data to its cut-off end, which is when it is due;
    /// - none for [`Recurrence::OnRequest`].
    ///
    /// A [`Schedule::window`] on a periodic or regular schedule keeps only the occurrences
    /// that overlap it (all of them when none does). Only [`Recurrence::OnRequest`] gives an
    /// empty list.
    pub fn occurrences(&self, year: PlanYear) -> Vec<OccurrencePlan> {
        let y = year.get();
        let mut windows: Vec<(String, NaiveDate, NaiveDate)> = match self.recurrence {
            Recurrence::OnRequest => Vec::new(),
            Recurrence::Once => {
                let parts = if self.parts.is_empty() {
                    let (start, end) = self.window.unwrap_or((year.first_day(), year.last_day()));
                    vec![Window {
                        start,
                        end,
                        deadline: false,
                    }]
                } else {
                    self.parts.clone()
                };
                parts
                    .iter()
                    .map(|w| (window_label(w), w.start, w.end))
                    .collect()
            }
            Recurrence::WholeYear | Recurrence::Yearly => {
                let (start, end) = match (self.recurrence, self.window) {
                    (Recurrence::WholeYear, Some(w)) => w,
                    _ => (year.first_day(), year.last_day()),
                };
                let w = Window {
                    start,
                    end,
                    deadline: false,
                };
                vec![(window_label(&w), start, end)]
            }
            Recurrence::Monthly => self.restricted(month_spans(y, 1)),
            Recurrence::Quarterly => self.restricted(month_spans(y, 3)),
            Recurrence::SixMonthly => self.restricted(month_spans(y, 6)),
            Recurrence::Regular => self.restricted(
                report_periods(year)
                    .into_iter()
                    .map(|p| {
                        (
                            regular_label(p.kind, p.year),
                            p.new_data_from(),
                            p.cutoff_end,
                        )
                    })
                    .collect(),
            ),
        };
        windows.sort_by_key(|(_, start, end)| (*end, *start));
        windows
            .into_iter()
            .zip(1u16..)
            .map(|((label, starts, due), seq)| OccurrencePlan {
                seq,
                label,
                starts,
                due,
            })
            .collect()
    }

    /// Keeps the spans that overlap [`Schedule::window`]; all of them when there is no window
    /// or when it overlaps none (a window outside the plan year, already flagged uncertain).
    fn restricted(
        &self,
        spans: Vec<(String, NaiveDate, NaiveDate)>,
    ) -> Vec<(String, NaiveDate, NaiveDate)> {
        let Some((ws, we)) = self.window else {
            return spans;
        };
        let inside: Vec<_> = spans
            .iter()
            .filter(|(_, s, e)| *s <= we && *e >= ws)
            .cloned()
            .collect();
        if inside.is_empty() { spans } else { inside }
    }
}

/// The year cut into spans of `step` months (1, 3 or 6), each with its label.
fn month_spans(y: i32, step: u32) -> Vec<(String, NaiveDate, NaiveDate)> {
    (1..=12)
        .step_by(step as usize)
        .filter_map(|m| {
            let (start, end) = months(y, m, m + step - 1)?;
            let w = Window {
                start,
                end,
                deadline: false,
            };
            Some((window_label(&w), start, end))
        })
        .collect()
}

fn regular_label(kind: PeriodKind, year: i32) -> String {
    match kind {
        PeriodKind::Quarter1 => format!("Kỳ báo cáo quý I/{year}"),
        PeriodKind::SixMonths => format!("Kỳ báo cáo 6 tháng đầu năm {year}"),
        PeriodKind::NineMonths => format!("Kỳ báo cáo 9 tháng đầu năm {year}"),
        PeriodKind::Year => format!("Kỳ báo cáo năm {year}"),
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The Vietnamese name of a window: "Hạn 15/03/2026", "Ngày 20/05/2026", "Tháng 03/2026",
/// "Quý II/2026", "Quý II - Quý III/2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026",
/// "Năm 2026", "Từ tháng 03 đến tháng 06/2026", otherwise "Từ 15/03/2026 đến 20/04/2026".
pub fn window_label(w: &Window) -> String {
    if w.deadline {
        return format!("Hạn {}", dmy(w.end));
    }
    if w.start == w.end {
        return format!("Ngày {}", dmy(w.start));
    }
    let whole_months = w.start.day() == 1 && month_end(w.end.year(), w.end.month()) == Some(w.end);
    if !whole_months {
        return format!("Từ {} đến {}", dmy(w.start), dmy(w.end));
    }
    let (y, y2, a, b) = (w.start.year(), w.end.year(), w.start.month(), w.end.month());
    if y != y2 {
        return match (a, b) {
            (1, 12) => format!("Từ năm {y} đến năm {y2}"),
            _ => format!("Từ tháng {a:02}/{y} đến tháng {b:02}/{y2}"),
        };
    }
    let quarter = |m: u32| ROMAN[((m - 1) / 3) as usize];
    match (a, b) {
        _ if a == b => format!("Tháng {a:02}/{y}"),
        (1, 12) => format!("Năm {y}"),
        (1, 6) => format!("6 tháng đầu năm {y}"),
        (7, 12) => format!("6 tháng cuối năm {y}"),
        (1, 9) => format!("9 tháng đầu năm {y}"),
        _ if a % 3 == 1 && b % 3 == 0 && b == a + 2 => format!("Quý {}/{y}", quarter(a)),
        _ if a % 3 == 1 && b % 3 == 0 => format!("Quý {} - Quý {}/{y}", quarter(a), quarter(b)),
        _ => format!("Từ tháng {a:02} đến tháng {b:02}/{y}"),
    }
}

/// Why a typed time frame is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeframeError {
    #[error("time frame longer than {} characters", Timeframe::MAX)]
    TooLong,
    #[error("no time recognised in {0:?}")]
    NotUnderstood(String),
    #[error("{0:?} is not a date")]
    ImpossibleDate(String),
}

impl TimeframeError {
    pub fn message_vi(&self) -> String {
        match self {
            TimeframeError::TooLong => format!(
                "Thời gian thực hiện quá dài (tối đa {} ký tự).",
                Timeframe::MAX
            ),
            TimeframeError::NotUnderstood(t) => format!(
                "Hệ thống không hiểu thời gian thực hiện “{t}”. Vui lòng ghi theo cách thường \
                 dùng, ví dụ: Hằng quý; Quý II/2026; Trước ngày 30/6/2026; Thường xuyên; Theo \
                 kế hoạch của cấp trên."
            ),
            TimeframeError::ImpossibleDate(d) => {
                format!("Ngày “{d}” không có trong lịch. Vui lòng kiểm tra lại ngày, tháng.")
            }
        }
    }
}

/// A task's time frame (thời gian thực hiện) as text: NFC, trimmed, at most
/// [`Timeframe::MAX`] characters.
///
/// Two ways in, because two sources differ: what an officer types ([`Timeframe::parse`])
/// must name a time the scheduler recognises and no impossible date ("abc", "30/02" are
/// refused: their schedule would be a silent guess); what a document says
/// ([`Timeframe::as_written`]) is kept as written, and when the scheduler only guesses
/// ([`Schedule::certain`] false) the task page asks the officer to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeframe(String);

impl Timeframe {
    pub const MAX: usize = 500;

    /// A typed time frame; `Ok(None)` for an empty field (the task then runs the whole year,
    /// to be confirmed).
    pub fn parse(text: &str, year: PlanYear) -> Result<Option<Timeframe>, TimeframeError> {
        let t = vntext::clean(text).trim().to_string();
        if t.is_empty() {
            return Ok(None);
        }
        if t.chars().count() > Timeframe::MAX {
            return Err(TimeframeError::TooLong);
        }
        if let Some(d) = impossible_date(&t, year.get()) {
            return Err(TimeframeError::ImpossibleDate(d));
        }
        if !timeframe::read(&t, year.get()).understood() {
            return Err(TimeframeError::NotUnderstood(t));
        }
        Ok(Some(Timeframe(t)))
    }

    /// A time frame as a document wrote it: cleaned and cut to [`Timeframe::MAX`]
    /// characters; `None` when empty.
    pub fn as_written(text: &str) -> Option<Timeframe> {
        let t: String = vntext::clean(text)
            .trim()
            .chars()
            .take(Timeframe::MAX)
            .collect();
        let t = t.trim_end().to_string();
        (!t.is_empty()).then_some(Timeframe(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The first "d/m" or "d/m/y" (also with "-" or ".") in `text` that names no day of the
/// calendar ("30/02", "31/4/2026"), as written; a date without a year is in `plan_year`.
fn impossible_date(text: &str, plan_year: i32) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if !starts_number {
            i += 1;
            continue;
        }
        let number = |from: usize| {
            let mut j = from;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let n: String = chars[from..j].iter().collect();
            (n.parse::<u32>().ok(), j)
        };
        let (day, j) = number(i);
        let sep = chars.get(j).copied();
        if !matches!(sep, Some('/' | '-' | '.'))
            || !chars.get(j + 1).is_some_and(char::is_ascii_digit)
        {
            i = j.max(i + 1);
            continue;
        }
        let (month, k) = number(j + 1);
        let (year, end) =
            if chars.get(k) == sep.as_ref() && chars.get(k + 1).is_some_and(char::is_ascii_digit) {
                let (y, e) = number(k + 1);
                (y.filter(|y| *y >= 1000), e)
            } else {
                (None, k)
            };
        if let (Some(d), Some(m)) = (day, month)
            && (1..=12).contains(&m)
            && d >= 1
        {
            let y = year.map_or(plan_year, |y| y as i32);
            if NaiveDate::from_ymd_opt(y, m, d).is_none() {
                return Some(chars[i..end].iter().collect());
            }
        }
        i = end.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn y2026() -> PlanYear {
        PlanYear::parse(2026).unwrap()
    }

    fn sched(text: &str) -> Schedule {
        schedule_from_timeframe(Some(text), y2026())
    }

    fn labels(text: &str) -> Vec<String> {
        sched(text)
            .occurrences(y2026())
            .into_iter()
            .map(|o| o.label)
            .collect()
    }

    /// (recurrence, certain) of a text.
    fn kind(text: &str) -> (Recurrence, bool) {
        let s = sched(text);
        (s.recurrence, s.certain)
    }

    fn once(text: &str) -> Vec<(NaiveDate, NaiveDate, bool)> {
        let s = sched(text);
        assert_eq!(s.recurrence, Recurrence::Once, "{text:?}: {s:?}");
        assert!(s.certain, "{text:?} should be certain: {s:?}");
        s.parts
            .iter()
            .map(|w| (w.start, w.end, w.deadline))
            .collect()
    }

    #[test]
    fn missing_or_blank_time_frame_is_an_uncertain_whole_year() {
        for t in [None, Some(""), Some("   \n")] {
            let s = schedule_from_timeframe(t, y2026());
            assert_eq!(s.recurrence, Recurrence::WholeYear);
            assert!(!s.certain);
        }
    }

    #[test]
    fn text_without_any_time_is_an_uncertain_whole_year_and_keeps_its_source() {
        let s = sched("Phòng Văn hóa - Xã hội chủ trì");
        assert_eq!((s.recurrence, s.certain), (Recurrence::WholeYear, false));
        assert_eq!(s.source, "Phòng Văn hóa - Xã hội chủ trì");
    }

    #[test]
    fn source_is_kept_in_nfc() {
        let s = sched("Thu\u{31b}o\u{31b}\u{300}ng xuye\u{302}n");
        assert_eq!(s.source, "Thường xuyên");
        assert_eq!(
            kind("Thu\u{31b}o\u{31b}\u{300}ng xuye\u{302}n"),
            (Recurrence::Regular, true)
        );
    }

    #[test]
    fn deadline_with_full_date_is_due_that_day() {
        assert_eq!(
            once("Trước ngày 15/3/2026"),
            [(d(2026, 1, 1), d(2026, 3, 15), true)]
        );
        assert_eq!(labels("Trước ngày 15/3/2026"), ["Hạn 15/03/2026"]);
        assert_eq!(
            once("trước 15/12/2026"),
            [(d(2026, 1, 1), d(2026, 12, 15), true)]
        );
        assert_eq!(
            once("Chậm nhất ngày 30.6.2026"),
            [(d(2026, 1, 1), d(2026, 6, 30), true)]
        );
    }

    #[test]
    fn deadline_without_year_is_in_the_plan_year() {
        assert_eq!(
            once("trước ngày 30/6"),
            [(d(2026, 1, 1), d(2026, 6, 30), true)]
        );
        assert_eq!(
            once("TRUOC NGAY 30/6"),
            [(d(2026, 1, 1), d(2026, 6, 30), true)]
        );
    }

    #[test]
    fn deadline_before_a_month_is_the_last_day_of_the_month_before() {
        assert_eq!(
            once("Trước tháng 6/2026"),
            [(d(2026, 1, 1), d(2026, 5, 31), true)]
        );
        assert_eq!(
            once("Đến hết tháng 6"),
            [(d(2026, 1, 1), d(2026, 6, 30), true)]
        );
        assert_eq!(
            once("chậm nhất trong Quý III"),
            [(d(2026, 1, 1), d(2026, 9, 30), true)]
        );
    }

    #[test]
    fn a_single_date_is_due_that_day() {
        assert_eq!(
            once("ngày 15/3/2026"),
            [(d(2026, 3, 15), d(2026, 3, 15), false)]
        );
        assert_eq!(labels("ngày 15/3/2026"), ["Ngày 15/03/2026"]);
        assert_eq!(
            once("Ngày 20 tháng 5 năm 2026"),
            [(d(2026, 5, 20), d(2026, 5, 20), false)]
        );
        assert_eq!(once("20-5-2026"), [(d(2026, 5, 20), d(2026, 5, 20), false)]);
    }

    #[test]
    fn a_month_is_a_window_from_its_first_to_its_last_day() {
        assert_eq!(
            once("Tháng 9/2026"),
            [(d(2026, 9, 1), d(2026, 9, 30), false)]
        );
        assert_eq!(once("tháng 3"), [(d(2026, 3, 1), d(2026, 3, 31), false)]);
        assert_eq!(
            once("Trong tháng 02 năm 2026"),
            [(d(2026, 2, 1), d(2026, 2, 28), false)]
        );
        assert_eq!(labels("Tháng 9/2026"), ["Tháng 09/2026"]);
    }

    #[test]
    fn quarters_are_read_in_roman_or_arabic_numerals() {
        assert_eq!(once("Quý I"), [(d(2026, 1, 1), d(2026, 3, 31), false)]);
        assert_eq!(once("quý 2"), [(d(2026, 4, 1), d(2026, 6, 30), false)]);
        assert_eq!(
            once("QUÝ IV/2026"),
            [(d(2026, 10, 1), d(2026, 12, 31), false)]
        );
        assert_eq!(
            once("Quý III năm 2026"),
            [(d(2026, 7, 1), d(2026, 9, 30), false)]
        );
        assert_eq!(labels("Quý II"), ["Quý II/2026"]);
    }

    #[test]
    fn half_years_and_nine_months_are_windows() {
        assert_eq!(
            once("6 tháng đầu năm"),
            [(d(2026, 1, 1), d(2026, 6, 30), false)]
        );
        assert_eq!(
            once("6 tháng cuối năm 2026"),
            [(d(2026, 7, 1), d(2026, 12, 31), false)]
        );
        assert_eq!(
            once("Sáu tháng đầu năm"),
            [(d(2026, 1, 1), d(2026, 6, 30), false)]
        );
        assert_eq!(
            once("9 tháng đầu năm"),
            [(d(2026, 1, 1), d(2026, 9, 30), false)]
        );
        assert_eq!(labels("6 tháng đầu năm"), ["6 tháng đầu năm 2026"]);
        assert_eq!(labels("6 tháng cuối năm"), ["6 tháng cuối năm 2026"]);
    }

    #[test]
    fn ranges_of_months_and_quarters_are_one_window() {
        assert_eq!(
            once("từ tháng 3 đến tháng 6"),
            [(d(2026, 3, 1), d(2026, 6, 30), false)]
        );
        assert_eq!(
            labels("từ tháng 3 đến tháng 6"),
            ["Từ tháng 03 đến tháng 06/2026"]
        );
        assert_eq!(
            once("Quý II - Quý III"),
            [(d(2026, 4, 1), d(2026, 9, 30), false)]
        );
        assert_eq!(labels("Quý II - Quý III"), ["Quý II - Quý III/2026"]);
        assert_eq!(
            once("Quý II-III/2026"),
            [(d(2026, 4, 1), d(2026, 9, 30), false)]
        );
        assert_eq!(
            once("Tháng 3 - 6/2026"),
            [(d(2026, 3, 1), d(2026, 6, 30), false)]
        );
        assert_eq!(
            once("Từ ngày 15/3/2026 đến ngày 20/4/2026"),
            [(d(2026, 3, 15), d(2026, 4, 20), false)]
        );
    }

    #[test]
    fn range_start_without_year_takes_the_year_of_its_end() {
        let s = sched("từ tháng 10 đến tháng 3/2026");
        assert_eq!(s.parts[0].start, d(2025, 10, 1));
        assert_eq!(s.parts[0].end, d(2026, 3, 31));
        // It reaches into the plan year.
        assert!(s.certain);
        let s = sched("từ tháng 10 đến tháng 12/2025");
        assert_eq!(s.parts[0].start, d(2025, 10, 1));
        assert!(!s.certain);
    }

    #[test]
    fn from_without_an_end_runs_to_the_end_of_the_year() {
        assert_eq!(
            once("Từ tháng 4/2026"),
            [(d(2026, 4, 1), d(2026, 12, 31), false)]
        );
    }

    #[test]
    fn several_periods_listed_give_one_occurrence_each() {
        assert_eq!(
            labels("Tháng 3 và tháng 9"),
            ["Tháng 03/2026", "Tháng 09/2026"]
        );
        assert_eq!(labels("Quý I, III"), ["Quý I/2026", "Quý III/2026"]);
        assert_eq!(
            labels("tháng 3, 6, 9 và 12"),
            [
                "Tháng 03/2026",
                "Tháng 06/2026",
                "Tháng 09/2026",
                "Tháng 12/2026"
            ]
        );
        let s = sched("Tháng 3 và tháng 9");
        assert_eq!(s.window, Some((d(2026, 3, 1), d(2026, 9, 30))));
    }

    #[test]
    fn monthly_creates_twelve_occurrences_due_at_month_end() {
        for t in [
            "Hằng tháng",
            "Hàng tháng",
            "hang thang",
            "Mỗi tháng một lần",
            "01 lần/tháng",
        ] {
            assert_eq!(kind(t), (Recurrence::Monthly, true), "{t}");
        }
        let o = sched("Hằng tháng").occurrences(y2026());
        assert_eq!(o.len(), 12);
        assert_eq!(o[0].label, "Tháng 01/2026");
        assert_eq!((o[0].starts, o[0].due), (d(2026, 1, 1), d(2026, 1, 31)));
        assert_eq!(o[1].due, d(2026, 2, 28));
        assert_eq!(o[11].due, d(2026, 12, 31));
        assert_eq!(
            o.iter().map(|o| o.seq).collect::<Vec<_>>(),
            (1..=12).collect::<Vec<_>>()
        );
    }

    #[test]
    fn february_of_a_leap_year_ends_on_the_twenty_ninth() {
        let y = PlanYear::parse(2028).unwrap();
        let o = schedule_from_timeframe(Some("Hằng tháng"), y).occurrences(y);
        assert_eq!(o[1].due, d(2028, 2, 29));
    }

    #[test]
    fn quarterly_creates_four_occurrences_due_at_quarter_end() {
        for t in [
            "Hằng quý",
            "hàng quý",
            "định kỳ hằng quý",
            "quý/lần",
            "4 lần/năm",
            "3 tháng một lần",
        ] {
            assert_eq!(kind(t), (Recurrence::Quarterly, true), "{t}");
        }
        assert_eq!(
            labels("Hằng quý"),
            ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]
        );
        let due: Vec<_> = sched("Hằng quý")
            .occurrences(y2026())
            .iter()
            .map(|o| o.due)
            .collect();
        assert_eq!(
            due,
            [
                d(2026, 3, 31),
                d(2026, 6, 30),
                d(2026, 9, 30),
                d(2026, 12, 31)
            ]
        );
    }

    #[test]
    fn six_monthly_creates_two_occurrences() {
        for t in [
            "6 tháng",
            "định kỳ 6 tháng",
            "Định kỳ 06 tháng/lần",
            "2 lần/năm",
            "sáu tháng một lần",
        ] {
            assert_eq!(kind(t), (Recurrence::SixMonthly, true), "{t}");
        }
        assert_eq!(
            labels("6 tháng"),
            ["6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]
        );
    }

    #[test]
    fn yearly_and_whole_year_create_one_occurrence_for_the_year() {
        for t in ["hằng năm", "Hàng năm", "định kỳ hằng năm", "01 lần/năm"] {
            assert_eq!(kind(t), (Recurrence::Yearly, true), "{t}");
        }
        for t in [
            "cả năm",
            "Cả năm 2026",
            "Năm 2026",
            "trong năm 2026",
            "Trong năm",
            "Suốt năm 2026",
        ] {
            assert_eq!(kind(t), (Recurrence::WholeYear, true), "{t}");
        }
        for t in ["hằng năm", "Cả năm 2026"] {
            let o = sched(t).occurrences(y2026());
            assert_eq!(o.len(), 1);
            assert_eq!(o[0].label, "Năm 2026");
            assert_eq!((o[0].starts, o[0].due), (d(2026, 1, 1), d(2026, 12, 31)));
        }
    }

    #[test]
    fn more_frequent_of_two_named_frequencies_wins() {
        assert_eq!(kind("Hằng tháng/quý"), (Recurrence::Monthly, true));
        assert_eq!(kind("Hằng quý, hằng năm"), (Recurrence::Quarterly, true));
        assert_eq!(kind("hàng tháng hoặc quý"), (Recurrence::Monthly, true));
    }

    #[test]
    fn regular_work_gets_one_checkpoint_per_report_period() {
        assert_eq!(kind("Thường xuyên"), (Recurrence::Regular, true));
        let o = sched("Thường xuyên").occurrences(y2026());
        let got: Vec<_> = o
            .iter()
            .map(|o| (o.label.as_str(), o.starts, o.due))
            .collect();
        assert_eq!(
            got,
            [
                ("Kỳ báo cáo quý I/2026", d(2025, 12, 15), d(2026, 3, 14)),
                (
                    "Kỳ báo cáo 6 tháng đầu năm 2026",
                    d(2026, 3, 15),
                    d(2026, 6, 14)
                ),
                (
                    "Kỳ báo cáo 9 tháng đầu năm 2026",
                    d(2026, 6, 15),
                    d(2026, 9, 14)
                ),
                ("Kỳ báo cáo năm 2026", d(2026, 9, 15), d(2026, 12, 14)),
            ]
        );
    }

    #[test]
    fn regular_wins_over_whole_year_and_on_request() {
        assert_eq!(kind("Thường xuyên, cả năm"), (Recurrence::Regular, true));
        assert_eq!(
            kind("Thường xuyên trong năm 2026"),
            (Recurrence::Regular, true)
        );
        assert_eq!(
            kind("Thường xuyên và theo chỉ đạo của cấp trên"),
            (Recurrence::Regular, true)
        );
    }

    #[test]
    fn on_request_creates_no_occurrence_in_advance() {
        for t in [
            "Theo kế hoạch của cấp trên",
            "khi có yêu cầu",
            "Theo chỉ đạo của UBND tỉnh",
            "Theo yêu cầu của Sở Ngoại vụ",
            "Theo thời gian tổ chức của Ban Tổ chức",
            "Đột xuất",
        ] {
            assert_eq!(kind(t), (Recurrence::OnRequest, true), "{t}");
            assert!(sched(t).occurrences(y2026()).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_year_naming_the_superiors_plan_leaves_it_on_request() {
        assert_eq!(
            kind("Theo kế hoạch năm 2026 của cấp trên"),
            (Recurrence::OnRequest, true)
        );
        assert_eq!(
            kind("Cả năm, theo kế hoạch của cấp trên"),
            (Recurrence::WholeYear, true)
        );
    }

    #[test]
    fn a_range_of_days_in_one_month_is_one_window() {
        assert_eq!(
            once("Ngày 15 - 20/3/2026"),
            [(d(2026, 3, 15), d(2026, 3, 20), false)]
        );
        assert_eq!(
            once("từ ngày 15 đến 20/3"),
            [(d(2026, 3, 15), d(2026, 3, 20), false)]
        );
        assert_eq!(
            labels("Ngày 15 - 20/3/2026"),
            ["Từ 15/03/2026 đến 20/03/2026"]
        );
    }

    #[test]
    fn after_a_period_runs_from_the_next_day_to_the_end_of_the_year() {
        assert_eq!(
            once("Sau tháng 3"),
            [(d(2026, 4, 1), d(2026, 12, 31), false)]
        );
        assert_eq!(
            once("sau ngày 15/3/2026"),
            [(d(2026, 3, 16), d(2026, 12, 31), false)]
        );
        // "sáu" (six) and "sau" (after) fold alike.
        assert_eq!(
            once("Sáu tháng cuối năm"),
            [(d(2026, 7, 1), d(2026, 12, 31), false)]
        );
    }

    #[test]
    fn up_to_a_later_year_includes_the_plan_year() {
        assert_eq!(kind("Đến năm 2030"), (Recurrence::WholeYear, true));
        assert_eq!(kind("đến hết năm 2025"), (Recurrence::WholeYear, false));
    }

    #[test]
    fn listed_quarters_may_carry_the_year_on_the_last() {
        assert_eq!(labels("Quý 1, 2/2026"), ["Quý I/2026", "Quý II/2026"]);
    }

    #[test]
    fn an_event_that_comes_when_it_comes_is_on_request() {
        assert_eq!(kind("Khi có đoàn vào"), (Recurrence::OnRequest, true));
        assert_eq!(kind("Khi phát sinh vụ việc"), (Recurrence::OnRequest, true));
    }

    #[test]
    fn a_named_time_wins_over_on_request() {
        assert_eq!(
            once("Theo kế hoạch của cấp trên (dự kiến Quý III)"),
            [(d(2026, 7, 1), d(2026, 9, 30), false)]
        );
    }

    #[test]
    fn date_of_a_cited_document_is_not_a_time_frame() {
        let t = "Theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh";
        assert_eq!(kind(t), (Recurrence::OnRequest, true));
        let t = "Căn cứ Nghị định 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019";
        assert_eq!(kind(t), (Recurrence::WholeYear, false));
    }

    #[test]
    fn diacritics_and_case_do_not_matter() {
        assert_eq!(kind("THƯỜNG XUYÊN"), (Recurrence::Regular, true));
        assert_eq!(kind("thuong xuyen"), (Recurrence::Regular, true));
        assert_eq!(kind("HẰNG QUÝ"), (Recurrence::Quarterly, true));
        assert_eq!(kind("Quy ii"), (Recurrence::Once, true));
    }

    #[test]
    fn a_date_in_another_year_is_kept_but_flagged() {
        let s = sched("Trước ngày 15/12/2025");
        assert_eq!(s.recurrence, Recurrence::Once);
        assert!(!s.certain);
        assert_eq!(s.parts[0].end, d(2025, 12, 15));
        let o = s.occurrences(y2026());
        assert_eq!(
            (o[0].label.as_str(), o[0].due),
            ("Hạn 15/12/2025", d(2025, 12, 15))
        );

        let s = sched("Năm 2027");
        assert_eq!((s.recurrence, s.certain), (Recurrence::WholeYear, false));
        assert_eq!(s.occurrences(y2026())[0].label, "Năm 2027");
    }

    #[test]
    fn a_period_of_years_holding_the_plan_year_is_the_whole_year() {
        assert_eq!(kind("Giai đoạn 2026 - 2030"), (Recurrence::WholeYear, true));
        assert_eq!(kind("2021-2025"), (Recurrence::WholeYear, false));
    }

    #[test]
    fn impossible_dates_are_not_taken_as_certain() {
        for t in [
            "ngày 31/2/2026",
            "tháng 13",
            "Quý V",
            "từ tháng 9/2026 đến tháng 3/2026",
        ] {
            assert!(!sched(t).certain, "{t}");
        }
        // A readable part is still used, but flagged.
        let s = sched("tháng 3 và tháng 13");
        assert_eq!((s.recurrence, s.certain), (Recurrence::Once, false));
    }

    #[test]
    fn loose_words_are_used_but_flagged() {
        assert_eq!(kind("Hằng tuần"), (Recurrence::Monthly, false));
        assert_eq!(kind("Định kỳ"), (Recurrence::Regular, false));
        let s = sched("Cuối năm 2026");
        assert_eq!((s.recurrence, s.certain), (Recurrence::Once, false));
        assert_eq!(s.parts[0].start, d(2026, 10, 1));
    }

    #[test]
    fn monthly_within_a_range_keeps_only_the_months_inside() {
        let s = sched("Hằng tháng, từ tháng 3 đến tháng 5");
        assert_eq!((s.recurrence, s.certain), (Recurrence::Monthly, true));
        assert_eq!(
            labels("Hằng tháng, từ tháng 3 đến tháng 5"),
            ["Tháng 03/2026", "Tháng 04/2026", "Tháng 05/2026"]
        );
    }

    #[test]
    fn window_labels_name_the_usual_periods() {
        let w = |a: NaiveDate, b: NaiveDate, deadline| {
            window_label(&Window {
                start: a,
                end: b,
                deadline,
            })
        };
        assert_eq!(w(d(2026, 1, 1), d(2026, 12, 31), false), "Năm 2026");
        assert_eq!(
            w(d(2026, 1, 1), d(2026, 9, 30), false),
            "9 tháng đầu năm 2026"
        );
        assert_eq!(w(d(2026, 10, 1), d(2026, 12, 31), false), "Quý IV/2026");
        assert_eq!(
            w(d(2026, 3, 5), d(2026, 4, 7), false),
            "Từ 05/03/2026 đến 07/04/2026"
        );
        assert_eq!(
            w(d(2025, 10, 1), d(2026, 3, 31), false),
            "Từ tháng 10/2025 đến tháng 03/2026"
        );
        assert_eq!(w(d(2026, 1, 1), d(2026, 3, 15), true), "Hạn 15/03/2026");
    }

    #[test]
    fn recurrence_codes_round_trip() {
        for r in Recurrence::ALL {
            assert_eq!(Recurrence::parse(r.as_code()), Some(r));
            assert!(vntext::is_nfc(r.label_vi()));
        }
    }

    /// Time-frame-like text: the words, numbers and punctuation the parser looks at.
    fn timeframe_like() -> impl Strategy<Value = String> {
        let parts = prop::sample::select(vec![
            "ngày",
            "tháng",
            "quý",
            "năm",
            "trước",
            "từ",
            "đến",
            "hết",
            "chậm nhất",
            "hạn",
            "hằng",
            "mỗi",
            "lần",
            "định kỳ",
            "thường xuyên",
            "cả",
            "đầu",
            "cuối",
            "6",
            "sáu",
            "I",
            "II",
            "IV",
            "V",
            "0",
            "1",
            "3",
            "12",
            "13",
            "29",
            "31",
            "99",
            "2025",
            "2026",
            "9999",
            "4294967296",
            "15/3",
            "31/2/2026",
            "3/2026",
            "/",
            "-",
            "–",
            ",",
            "và",
            "12/KH-UBND",
            "theo",
            "kế hoạch",
            "cấp trên",
            "1.500.000",
            "15-3-2026",
            "ii/26",
        ]);
        prop::collection::vec(parts, 0..12).prop_map(|v| v.join(" "))
    }

    #[test]
    fn typed_time_frames_must_name_a_real_time() {
        let y = PlanYear::parse(2026).unwrap();
        assert_eq!(Timeframe::parse("  ", y), Ok(None));
        assert_eq!(
            Timeframe::parse(" Hằng quý ", y).unwrap().unwrap().as_str(),
            "Hằng quý"
        );
        assert!(
            Timeframe::parse("Trước ngày 30/6/2026", y)
                .unwrap()
                .is_some()
        );
        assert!(
            Timeframe::parse("Theo kế hoạch của cấp trên", y)
                .unwrap()
                .is_some()
        );
        let leap = PlanYear::parse(2028).unwrap();
        assert!(Timeframe::parse("29/02", leap).unwrap().is_some());
        assert_eq!(
            Timeframe::parse("29/02", y),
            Err(TimeframeError::ImpossibleDate("29/02".into()))
        );
        assert_eq!(
            Timeframe::parse("abc", y),
            Err(TimeframeError::NotUnderstood("abc".into()))
        );
        assert_eq!(
            Timeframe::parse("30/02", y),
            Err(TimeframeError::ImpossibleDate("30/02".into()))
        );
        assert_eq!(
            Timeframe::parse("Trước ngày 31/4/2026", y),
            Err(TimeframeError::ImpossibleDate("31/4/2026".into()))
        );
        assert_eq!(
            Timeframe::parse(&"Hằng quý ".repeat(100), y),
            Err(TimeframeError::TooLong)
        );
        // Numbers that are no date pass to the scheduler: "Quyết định 12/2025".
        assert!(Timeframe::parse("Quý II/2026", y).unwrap().is_some());
    }

    #[test]
    fn document_time_frames_are_kept_as_written_within_the_limit() {
        assert_eq!(Timeframe::as_written("  "), None);
        assert_eq!(Timeframe::as_written(" abc ").unwrap().as_str(), "abc");
        assert_eq!(
            Timeframe::as_written(&"x".repeat(900))
                .unwrap()
                .as_str()
                .len(),
            Timeframe::MAX
        );
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in any::<String>(), y in 2000i32..=2100) {
            let year = PlanYear::parse(y).unwrap();
            let sch = schedule_from_timeframe(Some(&s), year);
            let _ = sch.occurrences(year);
        }

        #[test]
        fn timeframe_like_text_never_panics_and_occurrences_are_ordered(
            s in timeframe_like(), y in 2000i32..=2100
        ) {
            let year = PlanYear::parse(y).unwrap();
            let sch = schedule_from_timeframe(Some(&s), year);
            let occ = sch.occurrences(year);
            for (i, o) in occ.iter().enumerate() {
                prop_assert_eq!(usize::from(o.seq), i + 1);
                prop_assert!(o.starts <= o.due, "{:?}", o);
                prop_assert!(vntext::is_nfc(&o.label));
            }
            prop_assert!(occ.windows(2).all(|w| w[0].due <= w[1].due));
            if sch.recurrence == Recurrence::OnRequest {
                prop_assert!(occ.is_empty());
            } else {
                prop_assert!(!occ.is_empty());
            }
        }
    }
}
