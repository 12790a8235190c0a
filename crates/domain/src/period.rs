//! Periodic report periods and their data cut-off windows, Decree 09/2019/NĐ-CP art. 12.
//!
//! A commune files four cumulative periodic reports a year: quarter I, six months, nine
//! months and the year. Each counts the data of a cut-off window that starts on 15 December
//! of the previous year and ends on the 14th of the period's last month:
//!
//! | kind | cut-off window (year N) |
//! |---|---|
//! | [`PeriodKind::Quarter1`] | 15/12/N-1 – 14/03/N |
//! | [`PeriodKind::SixMonths`] | 15/12/N-1 – 14/06/N |
//! | [`PeriodKind::NineMonths`] | 15/12/N-1 – 14/09/N |
//! | [`PeriodKind::Year`] | 15/12/N-1 – 14/12/N |
//!
//! The deadline for sending each report to the province is set by each province, so it is
//! configuration, not a rule of this module.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::PlanYear;

/// The four cumulative periodic reports of a year, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Quarter I (báo cáo quý I).
    Quarter1,
    /// The first six months (báo cáo 6 tháng đầu năm).
    SixMonths,
    /// The first nine months (báo cáo 9 tháng).
    NineMonths,
    /// The year (báo cáo năm).
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Quarter1,
        PeriodKind::SixMonths,
        PeriodKind::NineMonths,
        PeriodKind::Year,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Quarter1 => "quarter1",
            PeriodKind::SixMonths => "six_months",
            PeriodKind::NineMonths => "nine_months",
            PeriodKind::Year => "year",
        }
    }

    /// `None` for a code that is not one of [`PeriodKind::code`].
    pub fn parse(code: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The month whose 14th ends the cut-off window.
    pub fn last_month(self) -> u32 {
        match self {
            PeriodKind::Quarter1 => 3,
            PeriodKind::SixMonths => 6,
            PeriodKind::NineMonths => 9,
            PeriodKind::Year => 12,
        }
    }

    /// The period's name followed by "/year" or " năm year", as in report titles.
    fn label(self, year: i32) -> String {
        match self {
            PeriodKind::Quarter1 => format!("Quý I/{year}"),
            PeriodKind::SixMonths => format!("6 tháng đầu năm {year}"),
            PeriodKind::NineMonths => format!("9 tháng đầu năm {year}"),
            PeriodKind::Year => format!("Năm {year}"),
        }
    }
}

/// One periodic report of a year and its data cut-off window (both ends included).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub kind: PeriodKind,
    /// The year reported on (N in the table of the module documentation).
    pub year: i32,
    /// 15 December of the previous year.
    pub cutoff_start: NaiveDate,
    /// The 14th of the period's last month.
    pub cutoff_end: NaiveDate,
    /// "Quý I/2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026", "Năm 2026".
    pub label: String,
}

impl ReportPeriod {
    /// The period of `kind` reporting on `year`; `None` only where the dates do not exist
    /// (years at the ends of [`NaiveDate`]'s range).
    pub fn new(kind: PeriodKind, year: i32) -> Option<ReportPeriod> {
        Some(ReportPeriod {
            kind,
            year,
            cutoff_start: NaiveDate::from_ymd_opt(year.checked_sub(1)?, 12, 15)?,
            cutoff_end: NaiveDate::from_ymd_opt(year, kind.last_month(), 14)?,
            label: kind.label(year),
        })
    }

    /// Whether `date` lies in the cut-off window (ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.cutoff_start <= date && date <= self.cutoff_end
    }

    /// The first day whose data this report is the first to count: the day after the previous
    /// report's cut-off end (15/03, 15/06, 15/09), or the cut-off start for quarter I.
    pub fn new_data_from(&self) -> NaiveDate {
        let previous = PeriodKind::ALL
            .into_iter()
            .take_while(|k| *k != self.kind)
            .last();
        previous
            .and_then(|k| NaiveDate::from_ymd_opt(self.year, k.last_month(), 15))
            .unwrap_or(self.cutoff_start)
    }
}

/// The four periodic reports on `year`, in order: quarter I, six months, nine months, year.
pub fn report_periods(year: PlanYear) -> Vec<ReportPeriod> {
    PeriodKind::ALL
        .into_iter()
        .filter_map(|k| ReportPeriod::new(k, year.get()))
        .collect()
}

/// The report that first counts what happened on `date`: the one whose new data
/// ([`ReportPeriod::new_data_from`]..=`cutoff_end`) holds it. The cumulative windows overlap
/// (every one starts on 15/12), so this is the earliest report whose window contains `date`;
/// dates from 15 December on belong to quarter I of the next year. `None` only at the ends of
/// [`NaiveDate`]'s range.
pub fn period_containing(date: NaiveDate) -> Option<ReportPeriod> {
    let year = if (date.month(), date.day()) >= (12, 15) {
        date.year().checked_add(1)?
    } else {
        date.year()
    };
    PeriodKind::ALL
        .into_iter()
        .filter_map(|k| ReportPeriod::new(k, year))
        .find(|p| p.contains(date))
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

    #[test]
    fn four_report_periods_all_start_on_the_fifteenth_of_december_before() {
        let p = report_periods(y2026());
        let ends: Vec<_> = p.iter().map(|p| p.cutoff_end).collect();
        assert_eq!(
            ends,
            [
                d(2026, 3, 14),
                d(2026, 6, 14),
                d(2026, 9, 14),
                d(2026, 12, 14)
            ]
        );
        assert!(p.iter().all(|p| p.cutoff_start == d(2025, 12, 15)));
        let labels: Vec<_> = p.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Quý I/2026",
                "6 tháng đầu năm 2026",
                "9 tháng đầu năm 2026",
                "Năm 2026"
            ]
        );
    }

    #[test]
    fn new_data_of_a_report_starts_the_day_after_the_previous_cutoff() {
        let starts: Vec<_> = report_periods(y2026())
            .iter()
            .map(ReportPeriod::new_data_from)
            .collect();
        assert_eq!(
            starts,
            [
                d(2025, 12, 15),
                d(2026, 3, 15),
                d(2026, 6, 15),
                d(2026, 9, 15)
            ]
        );
    }

    #[test]
    fn a_date_belongs_to_the_first_report_that_counts_it() {
        let kind_year = |date| period_containing(date).map(|p| (p.kind, p.year));
        assert_eq!(
            kind_year(d(2026, 3, 14)),
            Some((PeriodKind::Quarter1, 2026))
        );
        assert_eq!(
            kind_year(d(2026, 3, 15)),
            Some((PeriodKind::SixMonths, 2026))
        );
        assert_eq!(
            kind_year(d(2026, 9, 14)),
            Some((PeriodKind::NineMonths, 2026))
        );
        assert_eq!(kind_year(d(2026, 12, 14)), Some((PeriodKind::Year, 2026)));
        assert_eq!(
            kind_year(d(2026, 12, 15)),
            Some((PeriodKind::Quarter1, 2027))
        );
        assert_eq!(kind_year(d(2026, 1, 1)), Some((PeriodKind::Quarter1, 2026)));
    }

    #[test]
    fn period_codes_round_trip() {
        for k in PeriodKind::ALL {
            assert_eq!(PeriodKind::parse(k.code()), Some(k));
        }
        assert_eq!(PeriodKind::parse("q5"), None);
    }

    proptest! {
        #[test]
        fn every_date_has_exactly_one_first_report(days in -100_000i32..100_000) {
            let date = d(2026, 1, 1) + chrono::Duration::days(days.into());
            let p = period_containing(date).unwrap();
            prop_assert!(p.new_data_from() <= date && date <= p.cutoff_end);
        }
    }

    #[test]
    fn period_containing_does_not_panic_at_the_ends_of_the_calendar() {
        let _ = period_containing(NaiveDate::MIN);
        let _ = period_containing(NaiveDate::MAX);
    }
}
