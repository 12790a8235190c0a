//! Working days on the Vietnamese calendar, for report deadlines ("n ngày làm việc sau ngày
//! chốt số liệu", Decree 09/2019/NĐ-CP art. 8.5).
//!
//! A working day is Monday to Friday, unless it is a holiday; a Saturday or Sunday is one
//! only when it is a make-up working day (ngày làm bù). The holidays are data: the calendar
//! shipped here ([`shipped_days`]) can be corrected day by day ([`CalendarDay`] overrides),
//! because the Government fixes each year's Tết and swapped days only months ahead.
//!
//! Sources of the shipped calendar:
//! - Bộ luật Lao động 2019 (Luật số 45/2019/QH14), art. 112: 1/1 (one day), Tết Nguyên đán
//!   (five days), Giỗ Tổ Hùng Vương 10/3 âm lịch (one day), 30/4 and 1/5 (one day each),
//!   Quốc khánh 2/9 and one day next to it (two days); a holiday falling on the weekly rest
//!   day is given back on the next working day (art. 112.3).
//! - Tết 2025 (Ất Tỵ) and Tết 2026 (Bính Ngọ) as the Government decided them for civil
//!   servants: 2025 from Saturday 25/01 to Sunday 02/02, Monday 27/01 swapped for Saturday
//!   15/02, and 30/04–04/05 with Friday 02/05 swapped for Saturday 26/04; 2026 from Saturday
//!   14/02 to Sunday 22/02 (press reports of the Prime Minister's decisions, 2024 and 2025).
//! - From 2027, Tết is the last day of the lunar year and the first four days of the new
//!   one, the days most years have used; the lunar dates are those of the Vietnamese
//!   calendar (UTC+7). Correct a year once its decision is published.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// What a dated day of the calendar is, against the week's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A day off (a holiday, a day given back for one, a swapped day).
    Holiday,
    /// A Saturday or Sunday worked in exchange for a swapped day (ngày làm bù).
    WorkingDay,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::WorkingDay => "working_day",
        }
    }

    pub fn parse(code: &str) -> Option<DayKind> {
        [DayKind::Holiday, DayKind::WorkingDay]
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            DayKind::Holiday => "Ngày nghỉ",
            DayKind::WorkingDay => "Ngày làm bù",
        }
    }
}

/// One dated day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương", "Làm bù cho ngày 27/01"…
    pub name: String,
}

/// The years the shipped calendar covers.
pub const SHIPPED_YEARS: std::ops::RangeInclusive<i32> = 2025..=2030;

/// The first day of the lunar year (mùng 1 Tết) and Giỗ Tổ Hùng Vương (10/3 âm lịch), in
/// the Vietnamese calendar, 2025–2030.
/// (year, (month, day) of mùng 1 Tết, (month, day) of Giỗ Tổ).
type LunarDates = (i32, (u32, u32), (u32, u32));

const LUNAR: [LunarDates; 6] = [
    (2025, (1, 29), (4, 7)),
    (2026, (2, 17), (4, 26)),
    (2027, (2, 6), (4, 16)),
    (2028, (1, 26), (4, 4)),
    (2029, (2, 13), (4, 23)),
    (2030, (2, 3), (4, 12)),
];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date of the shipped calendar")
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The calendar shipped with the system, 2025–2030, in date order (sources in the module
/// documentation).
pub fn shipped_days() -> Vec<CalendarDay> {
    let mut days: BTreeMap<NaiveDate, CalendarDay> = BTreeMap::new();
    fn put(
        days: &mut BTreeMap<NaiveDate, CalendarDay>,
        date: NaiveDate,
        kind: DayKind,
        name: &str,
    ) {
        days.entry(date).or_insert(CalendarDay {
            date,
            kind,
            name: name.to_string(),
        });
    }
    for (year, (tm, td), (gm, gd)) in LUNAR {
        let tet = ymd(year, tm, td);
        // The holidays of the Labour Code, each given back on the next working day when it
        // falls on a weekend (art. 112.3).
        let mut fixed: Vec<(NaiveDate, &str)> = vec![(ymd(year, 1, 1), "Tết Dương lịch")];
        match year {
            2025 => {
                for d in 0..9 {
                    put(
                        &mut days,
                        ymd(2025, 1, 25) + Duration::days(d),
                        DayKind::Holiday,
                        "Tết Nguyên đán",
                    );
                }
                put(
                    &mut days,
                    ymd(2025, 2, 15),
                    DayKind::WorkingDay,
                    "Làm bù cho ngày 27/01",
                );
            }
            2026 => {
                for d in 0..9 {
                    put(
                        &mut days,
                        ymd(2026, 2, 14) + Duration::days(d),
                        DayKind::Holiday,
                        "Tết Nguyên đán",
                    );
                }
            }
            _ => {
                for d in -1..=3 {
                    fixed.push((tet + Duration::days(d), "Tết Nguyên đán"));
                }
            }
        }
        fixed.push((ymd(year, gm, gd), "Giỗ Tổ Hùng Vương"));
        fixed.push((ymd(year, 4, 30), "Ngày Chiến thắng"));
        fixed.push((ymd(year, 5, 1), "Ngày Quốc tế Lao động"));
        if year == 2025 {
            put(
                &mut days,
                ymd(2025, 5, 2),
                DayKind::Holiday,
                "Nghỉ hoán đổi dịp 30/4 – 1/5",
            );
            put(
                &mut days,
                ymd(2025, 4, 26),
                DayKind::WorkingDay,
                "Làm bù cho ngày 02/5",
            );
        }
        fixed.push((ymd(year, 9, 1), "Quốc khánh"));
        fixed.push((ymd(year, 9, 2), "Quốc khánh"));
        let holidays: std::collections::BTreeSet<NaiveDate> =
            fixed.iter().map(|(d, _)| *d).collect();
        for (date, name) in &fixed {
            put(&mut days, *date, DayKind::Holiday, name);
        }
        for (date, name) in &fixed {
            if weekend(*date) {
                // The next day that is neither a weekend nor itself a holiday.
                let mut back = *date + Duration::days(1);
                while weekend(back) || holidays.contains(&back) || days.contains_key(&back) {
                    back += Duration::days(1);
                }
                put(
                    &mut days,
                    back,
                    DayKind::Holiday,
                    &format!("Nghỉ bù {name}"),
                );
            }
        }
    }
    days.into_values().collect()
}

/// Days off and make-up days, over the week's rule (Monday–Friday work).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl WorkCalendar {
    /// The shipped calendar with `overrides` applied: a day given there replaces the
    /// shipped one (a holiday marked a working day is no longer a holiday).
    pub fn with_overrides(overrides: &[CalendarDay]) -> WorkCalendar {
        let mut days: BTreeMap<NaiveDate, DayKind> = shipped_days()
            .into_iter()
            .map(|d| (d.date, d.kind))
            .collect();
        for d in overrides {
            days.insert(d.date, d.kind);
        }
        WorkCalendar { days }
    }

    /// The shipped calendar as it is.
    pub fn shipped() -> WorkCalendar {
        WorkCalendar::with_overrides(&[])
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::WorkingDay) => true,
            None => !weekend(d),
        }
    }

    /// The `n`-th working day after `d` (`d` itself not counted); `d` for `n` = 0. `None`
    /// only past the end of [`NaiveDate`]'s range.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    #[test]
    fn tet_2026_is_off_from_the_fourteenth_to_the_twenty_second_of_february() {
        let c = WorkCalendar::shipped();
        assert!(c.is_working_day(d(2026, 2, 13)));
        for day in 14..=22 {
            assert!(!c.is_working_day(d(2026, 2, day)), "{day}/02/2026");
        }
        assert!(c.is_working_day(d(2026, 2, 23)));
    }

    #[test]
    fn a_holiday_on_a_sunday_is_given_back_on_the_monday() {
        // Giỗ Tổ Hùng Vương 2026 is Sunday 26/04.
        let c = WorkCalendar::shipped();
        assert_eq!(d(2026, 4, 26).weekday(), Weekday::Sun);
        assert!(!c.is_working_day(d(2026, 4, 27)));
        assert!(c.is_working_day(d(2026, 4, 28)));
        let days = shipped_days();
        let back = days.iter().find(|x| x.date == d(2026, 4, 27)).unwrap();
        assert_eq!(back.name, "Nghỉ bù Giỗ Tổ Hùng Vương");
    }

    #[test]
    fn a_make_up_saturday_is_a_working_day() {
        let c = WorkCalendar::shipped();
        assert!(c.is_working_day(d(2025, 2, 15)));
        assert!(!c.is_working_day(d(2025, 2, 22)));
        assert!(!c.is_working_day(d(2025, 1, 27)));
    }

    #[test]
    fn working_days_after_a_cut_off_skip_tet() {
        // The 6-month cut-off falls on Sunday 14/06/2026: two working days later is Tue 16/06.
        let c = WorkCalendar::shipped();
        assert_eq!(c.add_working_days(d(2026, 6, 14), 2), Some(d(2026, 6, 16)));
        // Friday 13/02/2026, two working days on: Tết runs to 22/02, so Tuesday 24/02.
        assert_eq!(c.add_working_days(d(2026, 2, 13), 2), Some(d(2026, 2, 24)));
        assert_eq!(c.add_working_days(d(2026, 2, 13), 0), Some(d(2026, 2, 13)));
    }

    #[test]
    fn tet_from_2027_is_the_last_day_of_the_year_and_four_more() {
        let days = shipped_days();
        let tet: Vec<NaiveDate> = days
            .iter()
            .filter(|x| x.name == "Tết Nguyên đán" && x.date.year() == 2027)
            .map(|x| x.date)
            .collect();
        assert_eq!(tet, (5..=9).map(|x| d(2027, 2, x)).collect::<Vec<_>>());
        // Sat 6 and Sun 7 are given back on Wed 10 and Thu 11.
        let c = WorkCalendar::shipped();
        assert!(!c.is_working_day(d(2027, 2, 10)) && !c.is_working_day(d(2027, 2, 11)));
        assert!(c.is_working_day(d(2027, 2, 12)));
    }

    #[test]
    fn an_override_replaces_the_shipped_day() {
        let fix = CalendarDay {
            date: d(2027, 2, 11),
            kind: DayKind::WorkingDay,
            name: "Theo quyết định năm 2027".into(),
        };
        let c = WorkCalendar::with_overrides(&[fix]);
        assert!(c.is_working_day(d(2027, 2, 11)));
    }

    #[test]
    fn every_shipped_year_has_its_eleven_days_off_at_least() {
        let days = shipped_days();
        for y in SHIPPED_YEARS {
            let off = days
                .iter()
                .filter(|x| x.date.year() == y && x.kind == DayKind::Holiday)
                .count();
            assert!(off >= 11, "{y}: {off}");
        }
    }
}
