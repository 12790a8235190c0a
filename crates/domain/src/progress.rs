//! Progress of an occurrence (kỳ thực hiện): its status, percentage, and whether it is late.
//! Overdue is derived from the status and the due date, never stored (issue 4, point 5).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// Where an occurrence stands, stored by its [`OccurrenceStatus::as_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceStatus {
    NotStarted,
    InProgress,
    Done,
    /// Not to be carried out (the superior cancelled the activity, the plan was amended).
    Cancelled,
}

impl OccurrenceStatus {
    pub const ALL: [OccurrenceStatus; 4] = [
        OccurrenceStatus::NotStarted,
        OccurrenceStatus::InProgress,
        OccurrenceStatus::Done,
        OccurrenceStatus::Cancelled,
    ];

    /// The stable code stored in the database and used in the JSON API (also the serde name).
    pub fn as_code(self) -> &'static str {
        match self {
            OccurrenceStatus::NotStarted => "not_started",
            OccurrenceStatus::InProgress => "in_progress",
            OccurrenceStatus::Done => "done",
            OccurrenceStatus::Cancelled => "cancelled",
        }
    }

    /// The status of a code given by [`OccurrenceStatus::as_code`] (exactly; codes are not
    /// user text). Error: [`DomainError::UnknownStatus`].
    pub fn parse(code: &str) -> Result<OccurrenceStatus, DomainError> {
        OccurrenceStatus::ALL
            .into_iter()
            .find(|s| s.as_code() == code)
            .ok_or_else(|| DomainError::UnknownStatus {
                code: code.to_string(),
            })
    }

    /// The label an official reads.
    pub fn label_vi(self) -> &'static str {
        match self {
            OccurrenceStatus::NotStarted => "Chưa thực hiện",
            OccurrenceStatus::InProgress => "Đang thực hiện",
            OccurrenceStatus::Done => "Hoàn thành",
            OccurrenceStatus::Cancelled => "Không thực hiện",
        }
    }

    /// Done or cancelled: nothing is owed any more, so it can never be overdue.
    pub fn is_closed(self) -> bool {
        matches!(self, OccurrenceStatus::Done | OccurrenceStatus::Cancelled)
    }
}

/// Whether an occurrence is late on `today`: it is neither done nor cancelled and its due
/// date has passed (the due day itself is not late). Derived on every read, never stored.
pub fn is_overdue(status: OccurrenceStatus, due: NaiveDate, today: NaiveDate) -> bool {
    !status.is_closed() && today > due
}

/// The state an occurrence is put in by a progress update: a status and a percentage that
/// agree with it. The rule (issue 13, defect i), so that no figure contradicts another:
///
/// | status | percentage |
/// |---|---|
/// | Chưa thực hiện | 0 % |
/// | Đang thực hiện | 1 % to 99 % |
/// | Hoàn thành | 100 % |
/// | Không thực hiện | the percentage reached before it was dropped, 0 % to 100 % |
///
/// Built only by [`ProgressState::new`], so a stored state always follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressState {
    status: OccurrenceStatus,
    percent: Percent,
}

impl ProgressState {
    /// The state of a status and a percentage, or
    /// [`DomainError::InconsistentProgress`] when they disagree (see the table above).
    pub fn new(status: OccurrenceStatus, percent: Percent) -> Result<ProgressState, DomainError> {
        let p = percent.get();
        let fits = match status {
            OccurrenceStatus::NotStarted => p == 0,
            OccurrenceStatus::InProgress => (1..=99).contains(&p),
            OccurrenceStatus::Done => p == 100,
            OccurrenceStatus::Cancelled => true,
        };
        if fits {
            Ok(ProgressState { status, percent })
        } else {
            Err(DomainError::InconsistentProgress { status, percent: p })
        }
    }

    /// The state of a status and a percentage that may be left out: "Hoàn thành" without a
    /// percentage is 100 %, "Chưa thực hiện" 0 %, "Không thực hiện" keeps `reached`;
    /// "Đang thực hiện" needs one ([`DomainError::PercentNeeded`]). A percentage given is
    /// checked as [`ProgressState::new`] does.
    pub fn implied(
        status: OccurrenceStatus,
        percent: Option<Percent>,
        reached: Percent,
    ) -> Result<ProgressState, DomainError> {
        let p = match (percent, status) {
            (Some(p), _) => p,
            (None, OccurrenceStatus::Done) => Percent(100),
            (None, OccurrenceStatus::NotStarted) => Percent::ZERO,
            (None, OccurrenceStatus::Cancelled) => reached,
            (None, OccurrenceStatus::InProgress) => return Err(DomainError::PercentNeeded),
        };
        ProgressState::new(status, p)
    }

    /// The state of an occurrence nobody has reported on.
    pub const NOT_STARTED: ProgressState = ProgressState {
        status: OccurrenceStatus::NotStarted,
        percent: Percent::ZERO,
    };

    pub fn status(self) -> OccurrenceStatus {
        self.status
    }

    pub fn percent(self) -> Percent {
        self.percent
    }
}

/// A completion percentage, 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Percent(u8);

impl Percent {
    pub const ZERO: Percent = Percent(0);
    pub const FULL: Percent = Percent(100);

    /// A percentage from a number. Error: [`DomainError::PercentOutOfRange`].
    pub fn new(value: i64) -> Result<Percent, DomainError> {
        match u8::try_from(value) {
            Ok(v) if v <= 100 => Ok(Percent(v)),
            _ => Err(DomainError::PercentOutOfRange { value }),
        }
    }

    /// A percentage as typed in a form: a whole number, surrounding spaces and one trailing
    /// `%` allowed ("75", " 75 % "). Errors: [`DomainError::InvalidPercent`] for anything else,
    /// [`DomainError::PercentOutOfRange`] outside 0..=100.
    pub fn parse(text: &str) -> Result<Percent, DomainError> {
        let t = text.trim();
        let t = t.strip_suffix('%').unwrap_or(t).trim_end();
        let invalid = || DomainError::InvalidPercent {
            input: text.to_string(),
        };
        let digits = t.strip_prefix('-').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        match t.parse::<i64>() {
            Ok(v) => Percent::new(v),
            // All digits but too long for i64: certainly above 100.
            Err(_) => Err(DomainError::PercentOutOfRange {
                value: if t.starts_with('-') {
                    i64::MIN
                } else {
                    i64::MAX
                },
            }),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Percent {
    type Error = DomainError;
    fn try_from(v: i64) -> Result<Percent, DomainError> {
        Percent::new(v)
    }
}

impl From<Percent> for u8 {
    fn from(p: Percent) -> u8 {
        p.0
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn status_codes_round_trip_and_unknown_codes_are_refused() {
        for s in OccurrenceStatus::ALL {
            assert_eq!(OccurrenceStatus::parse(s.as_code()), Ok(s));
        }
        assert_eq!(
            OccurrenceStatus::parse("Done"),
            Err(DomainError::UnknownStatus {
                code: "Done".into()
            })
        );
    }

    #[test]
    fn status_labels_are_vietnamese_and_distinct() {
        let labels: Vec<_> = OccurrenceStatus::ALL.iter().map(|s| s.label_vi()).collect();
        assert_eq!(
            labels,
            [
                "Chưa thực hiện",
                "Đang thực hiện",
                "Hoàn thành",
                "Không thực hiện"
            ]
        );
        assert!(labels.iter().all(|l| vntext::is_nfc(l)));
    }

    #[test]
    fn open_occurrence_is_overdue_only_after_its_due_day() {
        let due = d(2026, 3, 31);
        for s in [OccurrenceStatus::NotStarted, OccurrenceStatus::InProgress] {
            assert!(!is_overdue(s, due, d(2026, 3, 30)));
            assert!(!is_overdue(s, due, due));
            assert!(is_overdue(s, due, d(2026, 4, 1)));
        }
    }

    #[test]
    fn done_or_cancelled_occurrence_is_never_overdue() {
        let due = d(2026, 3, 31);
        for s in [OccurrenceStatus::Done, OccurrenceStatus::Cancelled] {
            assert!(!is_overdue(s, due, d(2027, 1, 1)));
        }
    }

    #[test]
    fn percent_accepts_whole_numbers_from_zero_to_a_hundred() {
        assert_eq!(Percent::parse("0").map(Percent::get), Ok(0));
        assert_eq!(Percent::parse(" 75 % ").map(Percent::get), Ok(75));
        assert_eq!(Percent::parse("100%").map(Percent::get), Ok(100));
        assert_eq!(Percent::new(100).map(|p| p.to_string()), Ok("100%".into()));
    }

    #[test]
    fn percent_refuses_out_of_range_and_non_numbers() {
        assert_eq!(
            Percent::parse("101"),
            Err(DomainError::PercentOutOfRange { value: 101 })
        );
        assert_eq!(
            Percent::new(-1),
            Err(DomainError::PercentOutOfRange { value: -1 })
        );
        assert!(matches!(
            Percent::parse("99999999999999999999999"),
            Err(DomainError::PercentOutOfRange { .. })
        ));
        for bad in ["", "%", "50.5", "năm mươi", "5 0", "--5"] {
            assert!(
                matches!(Percent::parse(bad), Err(DomainError::InvalidPercent { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn status_and_percentage_must_agree() {
        let p = |v| Percent::new(v).unwrap();
        use OccurrenceStatus::*;
        assert!(ProgressState::new(Done, p(100)).is_ok());
        assert!(ProgressState::new(InProgress, p(1)).is_ok());
        assert!(ProgressState::new(InProgress, p(99)).is_ok());
        assert!(ProgressState::new(NotStarted, p(0)).is_ok());
        assert!(ProgressState::new(Cancelled, p(40)).is_ok());
        for (s, v) in [
            (Done, 30),
            (NotStarted, 80),
            (InProgress, 0),
            (InProgress, 100),
        ] {
            assert_eq!(
                ProgressState::new(s, p(v)),
                Err(DomainError::InconsistentProgress {
                    status: s,
                    percent: v as u8
                }),
                "{s:?} {v}"
            );
        }
    }

    #[test]
    fn a_percentage_left_out_is_implied_by_the_status() {
        use OccurrenceStatus::*;
        let reached = Percent::new(40).unwrap();
        let p = |s, v: Option<i64>| {
            ProgressState::implied(s, v.map(|v| Percent::new(v).unwrap()), reached)
                .map(|st| st.percent().get())
        };
        assert_eq!(p(Done, None), Ok(100));
        assert_eq!(p(NotStarted, None), Ok(0));
        assert_eq!(p(Cancelled, None), Ok(40));
        assert_eq!(p(InProgress, None), Err(DomainError::PercentNeeded));
        assert_eq!(p(InProgress, Some(60)), Ok(60));
        assert!(
            p(Done, Some(30)).is_err(),
            "a wrong percentage is still refused"
        );
    }

    proptest! {
        #[test]
        fn percent_parse_never_panics_and_stays_in_range(s in any::<String>()) {
            if let Ok(p) = Percent::parse(&s) {
                prop_assert!(p.get() <= 100);
            }
        }
    }
}
