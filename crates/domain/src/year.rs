//! The year a plan is for.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The year a plan is for (kế hoạch năm …), within [`PlanYear::MIN`]..=[`PlanYear::MAX`].
///
/// Built only through [`PlanYear::parse`] (or `TryFrom`/`FromStr`), so every value is in range
/// and every date of the year exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct PlanYear(i32);

impl PlanYear {
    pub const MIN: i32 = 2000;
    pub const MAX: i32 = 2100;

    /// A plan year from a number (`2026`) or from text (`"2026"`, surrounding spaces allowed).
    ///
    /// Errors: [`DomainError::YearOutOfRange`] outside 2000..=2100, [`DomainError::InvalidYear`]
    /// for text that is not a whole number.
    pub fn parse<T>(value: T) -> Result<PlanYear, DomainError>
    where
        T: TryInto<PlanYear, Error = DomainError>,
    {
        value.try_into()
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        self.0
    }

    /// 1 January of the year.
    pub fn first_day(self) -> NaiveDate {
        ymd(self.0, 1, 1)
    }

    /// 31 December of the year.
    pub fn last_day(self) -> NaiveDate {
        ymd(self.0, 12, 31)
    }
}

/// A date of a year in range. Callers pass only valid months and days, and [`PlanYear`]'s
/// range keeps the year valid; the fallback (never reached) keeps this free of panics.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl TryFrom<i32> for PlanYear {
    type Error = DomainError;
    fn try_from(year: i32) -> Result<PlanYear, DomainError> {
        if (PlanYear::MIN..=PlanYear::MAX).contains(&year) {
            Ok(PlanYear(year))
        } else {
            Err(DomainError::YearOutOfRange { year: year.into() })
        }
    }
}

/// A year as stored (`plans.year` is a 64-bit integer) or as sent in JSON.
impl TryFrom<i64> for PlanYear {
    type Error = DomainError;
    fn try_from(year: i64) -> Result<PlanYear, DomainError> {
        i32::try_from(year)
            .map_err(|_| DomainError::YearOutOfRange { year })
            .and_then(PlanYear::try_from)
    }
}

impl TryFrom<&str> for PlanYear {
    type Error = DomainError;
    fn try_from(text: &str) -> Result<PlanYear, DomainError> {
        let t = text.trim();
        let invalid = || DomainError::InvalidYear {
            input: text.to_string(),
        };
        let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: i64 = t.parse().map_err(|_| invalid())?;
        match i32::try_from(year) {
            Ok(y) => PlanYear::try_from(y),
            Err(_) => Err(DomainError::YearOutOfRange { year }),
        }
    }
}

impl FromStr for PlanYear {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<PlanYear, DomainError> {
        PlanYear::try_from(s)
    }
}

impl From<PlanYear> for i32 {
    fn from(y: PlanYear) -> i32 {
        y.0
    }
}

impl std::fmt::Display for PlanYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plan_year_accepts_numbers_and_text_in_range() {
        assert_eq!(PlanYear::parse(2026).map(PlanYear::get), Ok(2026));
        assert_eq!(PlanYear::parse(" 2026 ").map(PlanYear::get), Ok(2026));
        assert_eq!(PlanYear::parse(2000).map(PlanYear::get), Ok(2000));
        assert_eq!(PlanYear::parse("2100").map(PlanYear::get), Ok(2100));
        assert_eq!(PlanYear::parse(2026_i64).map(PlanYear::get), Ok(2026));
        assert_eq!(
            PlanYear::parse(i64::MAX),
            Err(DomainError::YearOutOfRange { year: i64::MAX })
        );
    }

    #[test]
    fn plan_year_refuses_years_out_of_range_and_non_numbers() {
        assert_eq!(
            PlanYear::parse(1999),
            Err(DomainError::YearOutOfRange { year: 1999 })
        );
        assert_eq!(
            PlanYear::parse("2101"),
            Err(DomainError::YearOutOfRange { year: 2101 })
        );
        assert!(matches!(
            PlanYear::parse("99999999999"),
            Err(DomainError::YearOutOfRange { .. })
        ));
        for bad in ["", "năm 2026", "2026.5", "20 26", "-", "abc"] {
            assert!(
                matches!(PlanYear::parse(bad), Err(DomainError::InvalidYear { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn plan_year_reads_back_from_json_only_in_range() {
        let y: PlanYear = serde_json_like("2026").unwrap();
        assert_eq!(y.get(), 2026);
        assert!(serde_json_like("1990").is_err());
    }

    /// Deserialises a bare integer through serde's value deserializer (no JSON crate needed).
    fn serde_json_like(n: &str) -> Result<PlanYear, serde::de::value::Error> {
        use serde::de::IntoDeserializer;
        let v: i32 = n.parse().unwrap_or(0);
        PlanYear::deserialize(v.into_deserializer())
    }

    proptest! {
        #[test]
        fn plan_year_parse_never_panics_and_keeps_the_range(s in any::<String>(), n in any::<i32>()) {
            if let Ok(y) = PlanYear::parse(s.as_str()) {
                prop_assert!((PlanYear::MIN..=PlanYear::MAX).contains(&y.get()));
            }
            prop_assert_eq!(PlanYear::parse(n).is_ok(), (2000..=2100).contains(&n));
        }
    }
}
