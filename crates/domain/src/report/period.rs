//! A report's period ("6-thang-2026", "quy-1-2026"…) and its data cut-off window.
//!
//! Decree 09/2019/NĐ-CP art. 12 windows run from the 15th to the 14th: a month from the
//! 15th of the month before to the 14th; a quarter from the 15th of the month before it to
//! the 14th of its last month; 6 months, 9 months and the year from 15 December of the
//! previous year to 14 June, 14 September and 14 December. Other regimes count calendar
//! periods (aid: calendar half-years); an ad hoc report has its own window.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The part of a year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "span", content = "n")]
pub enum Span {
    /// Month 1–12.
    Month(u8),
    /// Quarter 1–4.
    Quarter(u8),
    /// The first six months (6 tháng đầu năm).
    FirstHalf,
    /// The last six months (6 tháng cuối năm).
    SecondHalf,
    /// The first nine months.
    NineMonths,
    /// The year.
    Year,
}

/// How a regime's windows are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutOff {
    /// From the 15th to the 14th (Decree 09 art. 12).
    Decree09,
    /// Calendar months, quarters, halves and years (the aid regime).
    Calendar,
}

impl CutOff {
    pub const ALL: [CutOff; 2] = [CutOff::Decree09, CutOff::Calendar];

    pub fn code(self) -> &'static str {
        match self {
            CutOff::Decree09 => "decree09",
            CutOff::Calendar => "calendar",
        }
    }

    pub fn parse(code: &str) -> Option<CutOff> {
        CutOff::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            CutOff::Decree09 => "Theo Nghị định số 09/2019/NĐ-CP (từ ngày 15 đến ngày 14)",
            CutOff::Calendar => "Theo tháng, quý, năm dương lịch",
        }
    }
}

/// How often a regime's reports fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    /// The first six months only (the 6-month report; the year has its own regime).
    SixMonths,
    /// Both calendar halves (the aid regime).
    HalfYearly,
    NineMonths,
    Yearly,
    /// After each event of a register.
    OnEvent,
    /// Asked for once.
    AdHoc,
}

impl Frequency {
    /// The frequencies of periodic reports, shortest first.
    pub const PERIODIC: [Frequency; 6] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SixMonths,
        Frequency::HalfYearly,
        Frequency::NineMonths,
        Frequency::Yearly,
    ];
    pub const ALL: [Frequency; 8] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SixMonths,
        Frequency::HalfYearly,
        Frequency::NineMonths,
        Frequency::Yearly,
        Frequency::OnEvent,
        Frequency::AdHoc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::SixMonths => "six_months",
            Frequency::HalfYearly => "half_yearly",
            Frequency::NineMonths => "nine_months",
            Frequency::Yearly => "yearly",
            Frequency::OnEvent => "on_event",
            Frequency::AdHoc => "ad_hoc",
        }
    }

    pub fn parse(code: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Frequency::Monthly => "Hằng tháng",
            Frequency::Quarterly => "Hằng quý",
            Frequency::SixMonths => "6 tháng đầu năm",
            Frequency::HalfYearly => "6 tháng đầu năm và 6 tháng cuối năm",
            Frequency::NineMonths => "9 tháng đầu năm",
            Frequency::Yearly => "Hằng năm",
            Frequency::OnEvent => "Sau mỗi sự kiện",
            Frequency::AdHoc => "Khi có yêu cầu",
        }
    }

    /// The spans a year holds reports of, in order (none for event and ad hoc regimes).
    pub fn spans(self) -> Vec<Span> {
        match self {
            Frequency::Monthly => (1..=12).map(Span::Month).collect(),
            Frequency::Quarterly => (1..=4).map(Span::Quarter).collect(),
            Frequency::SixMonths => vec![Span::FirstHalf],
            Frequency::HalfYearly => vec![Span::FirstHalf, Span::SecondHalf],
            Frequency::NineMonths => vec![Span::NineMonths],
            Frequency::Yearly => vec![Span::Year],
            Frequency::OnEvent | Frequency::AdHoc => vec![],
        }
    }
}

/// A period refused, in both languages (the CLI shows both, the UI the Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a report period (6-thang-2026, nam-2026, quy-1-2026, 9-thang-2026, thang-3-2026, 6-thang-cuoi-2026)"
)]
pub struct PeriodError {
    pub input: String,
}

impl PeriodError {
    pub fn message_vi(&self) -> String {
        format!(
            "“{}” không phải là kỳ báo cáo. Ví dụ đúng: 6-thang-2026, nam-2026, quy-1-2026, \
             9-thang-2026, thang-3-2026, 6-thang-cuoi-2026.",
            self.input
        )
    }
}

/// A period of a year: a span and its year. Its slug ([`Period::parse`], `Display`) is the
/// form the CLI and the addresses use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    year: i32,
    span: Span,
}

impl Period {
    /// `None` for a month or quarter out of range, or a year outside 2000..=2100.
    pub fn new(year: i32, span: Span) -> Option<Period> {
        let ok = match span {
            Span::Month(m) => (1..=12).contains(&m),
            Span::Quarter(q) => (1..=4).contains(&q),
            _ => true,
        };
        (ok && (2000..=2100).contains(&year)).then_some(Period { year, span })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn span(self) -> Span {
        self.span
    }

    /// Reads `6-thang-2026`, `6-thang-cuoi-2026`, `9-thang-2026`, `nam-2026`,
    /// `quy-1-2026` and `thang-3-2026` (tones and case ignored, so "Năm-2026" reads too).
    pub fn parse(input: &str) -> Result<Period, PeriodError> {
        let err = || PeriodError {
            input: input.to_string(),
        };
        let folded = vntext::fold(input.trim()).replace(' ', "-");
        let parts: Vec<&str> = folded.split('-').collect();
        let num = |s: &str| s.parse::<i64>().ok().and_then(|n| i32::try_from(n).ok());
        let small = |s: &str| s.parse::<u8>().ok();
        let (span, year) = match parts.as_slice() {
            ["6", "thang", y] | ["6", "thang", "dau", y] => (Span::FirstHalf, num(y)),
            ["6", "thang", "cuoi", y] => (Span::SecondHalf, num(y)),
            ["9", "thang", y] => (Span::NineMonths, num(y)),
            ["nam", y] => (Span::Year, num(y)),
            ["quy", q, y] => (Span::Quarter(small(q).ok_or_else(err)?), num(y)),
            ["thang", m, y] => (Span::Month(small(m).ok_or_else(err)?), num(y)),
            _ => return Err(err()),
        };
        Period::new(year.ok_or_else(err)?, span).ok_or_else(err)
    }

    /// The periods of `frequency` in `year`.
    pub fn of_year(frequency: Frequency, year: i32) -> Vec<Period> {
        frequency
            .spans()
            .into_iter()
            .filter_map(|s| Period::new(year, s))
            .collect()
    }

    /// The data window (first day, last day, both included) under `cut_off`.
    pub fn window(self, cut_off: CutOff) -> (NaiveDate, NaiveDate) {
        let y = self.year;
        let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        let month_end = |y: i32, m: u32| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            ymd(ny, nm, 1).pred_opt().expect("a valid date")
        };
        // (first month, last month) of the span, in the span's year; the Decree 09 windows
        // of the cumulative spans start in the previous December.
        let (first, last) = match self.span {
            Span::Month(m) => (u32::from(m), u32::from(m)),
            Span::Quarter(q) => (u32::from(q) * 3 - 2, u32::from(q) * 3),
            Span::FirstHalf => (1, 6),
            Span::SecondHalf => (7, 12),
            Span::NineMonths => (1, 9),
            Span::Year => (1, 12),
        };
        match cut_off {
            CutOff::Calendar => (ymd(y, first, 1), month_end(y, last)),
            CutOff::Decree09 => {
                let start = if first == 1 {
                    ymd(y - 1, 12, 15)
                } else {
                    ymd(y, first - 1, 15)
                };
                (start, ymd(y, last, 14))
            }
        }
    }

    /// "6 tháng đầu năm 2026", "quý I năm 2026", "tháng 3 năm 2026", "năm 2026".
    pub fn label_vi(self) -> String {
        let y = self.year;
        match self.span {
            Span::Month(m) => format!("tháng {m} năm {y}"),
            Span::Quarter(q) => format!(
                "quý {} năm {y}",
                ["I", "II", "III", "IV"][usize::from(q - 1)]
            ),
            Span::FirstHalf => format!("6 tháng đầu năm {y}"),
            Span::SecondHalf => format!("6 tháng cuối năm {y}"),
            Span::NineMonths => format!("9 tháng đầu năm {y}"),
            Span::Year => format!("năm {y}"),
        }
    }

    /// The year-to-date window the period's figures are compared with (registers-reports.md
    /// §3: year to date ≥ the period): from the start of the year's first window to the
    /// period's end.
    pub fn year_to_date(self, cut_off: CutOff) -> (NaiveDate, NaiveDate) {
        let start = Period {
            year: self.year,
            span: Span::Year,
        }
        .window(cut_off)
        .0;
        (start, self.window(cut_off).1)
    }

    /// The period after this one of the same span kind (for "next period" tasks): the next
    /// month, quarter, half; the next year's 9 months or year.
    pub fn next(self) -> Option<Period> {
        let (year, span) = match self.span {
            Span::Month(12) => (self.year + 1, Span::Month(1)),
            Span::Month(m) => (self.year, Span::Month(m + 1)),
            Span::Quarter(4) => (self.year + 1, Span::Quarter(1)),
            Span::Quarter(q) => (self.year, Span::Quarter(q + 1)),
            Span::FirstHalf => (self.year, Span::SecondHalf),
            Span::SecondHalf => (self.year + 1, Span::FirstHalf),
            Span::NineMonths => (self.year, Span::Year),
            Span::Year => (self.year + 1, Span::Year),
        };
        Period::new(year, span)
    }

    /// Whether a regime of `frequency` reports on this period.
    pub fn fits(self, frequency: Frequency) -> bool {
        frequency.spans().contains(&self.span)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.year;
        match self.span {
            Span::Month(m) => write!(f, "thang-{m}-{y}"),
            Span::Quarter(q) => write!(f, "quy-{q}-{y}"),
            Span::FirstHalf => write!(f, "6-thang-{y}"),
            Span::SecondHalf => write!(f, "6-thang-cuoi-{y}"),
            Span::NineMonths => write!(f, "9-thang-{y}"),
            Span::Year => write!(f, "nam-{y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn w(slug: &str, c: CutOff) -> (NaiveDate, NaiveDate) {
        Period::parse(slug).unwrap().window(c)
    }

    #[test]
    fn decree_09_windows_run_from_the_fifteenth_to_the_fourteenth() {
        use CutOff::Decree09 as D;
        assert_eq!(w("6-thang-2026", D), (d(2025, 12, 15), d(2026, 6, 14)));
        assert_eq!(w("nam-2026", D), (d(2025, 12, 15), d(2026, 12, 14)));
        assert_eq!(w("9-thang-2026", D), (d(2025, 12, 15), d(2026, 9, 14)));
        assert_eq!(w("quy-1-2026", D), (d(2025, 12, 15), d(2026, 3, 14)));
        assert_eq!(w("quy-3-2026", D), (d(2026, 6, 15), d(2026, 9, 14)));
        assert_eq!(w("thang-3-2026", D), (d(2026, 2, 15), d(2026, 3, 14)));
        assert_eq!(w("thang-1-2026", D), (d(2025, 12, 15), d(2026, 1, 14)));
        assert_eq!(w("6-thang-cuoi-2026", D), (d(2026, 6, 15), d(2026, 12, 14)));
    }

    #[test]
    fn calendar_windows_are_whole_months() {
        use CutOff::Calendar as C;
        assert_eq!(w("6-thang-2026", C), (d(2026, 1, 1), d(2026, 6, 30)));
        assert_eq!(w("6-thang-cuoi-2026", C), (d(2026, 7, 1), d(2026, 12, 31)));
        assert_eq!(w("thang-2-2028", C), (d(2028, 2, 1), d(2028, 2, 29)));
        assert_eq!(w("quy-4-2026", C), (d(2026, 10, 1), d(2026, 12, 31)));
    }

    #[test]
    fn slugs_read_back_as_they_are_written() {
        for s in [
            "6-thang-2026",
            "6-thang-cuoi-2026",
            "9-thang-2026",
            "nam-2026",
            "quy-1-2026",
            "quy-4-2027",
            "thang-3-2026",
            "thang-12-2030",
        ] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Period::parse("Năm 2026").unwrap().to_string(), "nam-2026");
        assert_eq!(
            Period::parse(" 6-tháng-đầu-2026 ").unwrap().to_string(),
            "6-thang-2026"
        );
    }

    #[test]
    fn malformed_periods_are_refused_with_the_input_named() {
        for s in [
            "",
            "quy-5-2026",
            "thang-13-2026",
            "thang-0-2026",
            "nam-1999",
            "nam-x",
            "6-thang",
            "quy-99999999999-2026",
            "nam-2026-1",
        ] {
            let e = Period::parse(s).unwrap_err();
            assert_eq!(e.input, s);
            assert!(e.message_vi().contains("kỳ báo cáo"));
        }
    }

    #[test]
    fn labels_are_written_as_report_titles_write_them() {
        let l = |s: &str| Period::parse(s).unwrap().label_vi();
        assert_eq!(l("6-thang-2026"), "6 tháng đầu năm 2026");
        assert_eq!(l("quy-3-2026"), "quý III năm 2026");
        assert_eq!(l("thang-3-2026"), "tháng 3 năm 2026");
        assert_eq!(l("nam-2026"), "năm 2026");
    }

    #[test]
    fn the_year_to_date_window_contains_the_period() {
        for s in [
            "quy-3-2026",
            "thang-7-2026",
            "6-thang-cuoi-2026",
            "6-thang-2026",
        ] {
            let p = Period::parse(s).unwrap();
            for c in CutOff::ALL {
                let (a, b) = p.window(c);
                let (ya, yb) = p.year_to_date(c);
                assert!(ya <= a && yb == b, "{s} {c:?}");
            }
        }
    }

    #[test]
    fn a_frequency_lists_its_periods_of_a_year() {
        assert_eq!(Period::of_year(Frequency::Monthly, 2026).len(), 12);
        assert_eq!(Period::of_year(Frequency::HalfYearly, 2026).len(), 2);
        assert!(Period::of_year(Frequency::OnEvent, 2026).is_empty());
        assert!(
            Period::parse("6-thang-2026")
                .unwrap()
                .fits(Frequency::SixMonths)
        );
        assert!(
            !Period::parse("nam-2026")
                .unwrap()
                .fits(Frequency::SixMonths)
        );
    }
}
