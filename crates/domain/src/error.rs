//! Errors of the domain rules: an English [`Display`](std::fmt::Display) for logs and a
//! Vietnamese [`DomainError::message_vi`] for the people who typed the value.

use thiserror::Error;

/// A value the domain rules refuse. Every variant carries what was given, so that the form
/// that shows the message can keep what the user typed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A plan year outside [`crate::PlanYear::MIN`]..=[`crate::PlanYear::MAX`].
    #[error("plan year {year} is outside 2000..=2100")]
    YearOutOfRange { year: i64 },
    /// A plan year that is not a whole number.
    #[error("{input:?} is not a year")]
    InvalidYear { input: String },
    /// A percentage outside 0..=100.
    #[error("percentage {value} is outside 0..=100")]
    PercentOutOfRange { value: i64 },
    /// A percentage that is not a whole number.
    #[error("{input:?} is not a whole percentage")]
    InvalidPercent { input: String },
    /// A status code that is not one of [`crate::OccurrenceStatus::as_code`].
    #[error("unknown occurrence status code {code:?}")]
    UnknownStatus { code: String },
    /// "In progress" without a percentage.
    #[error("a percentage is needed for work in progress")]
    PercentNeeded,
    /// A status and a percentage that disagree ([`crate::progress::ProgressState`]).
    #[error("status {status:?} does not allow {percent}%")]
    InconsistentProgress {
        status: crate::OccurrenceStatus,
        percent: u8,
    },
}

impl DomainError {
    /// The message shown to the user, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            DomainError::YearOutOfRange { year } => {
                format!("Năm kế hoạch {year} không hợp lệ: phải từ năm 2000 đến năm 2100.")
            }
            DomainError::InvalidYear { input } => {
                format!("“{input}” không phải là một năm (ví dụ đúng: 2026).")
            }
            DomainError::PercentOutOfRange { value } => {
                format!("Tỷ lệ hoàn thành {value}% không hợp lệ: phải từ 0 đến 100.")
            }
            DomainError::InvalidPercent { input } => {
                format!("“{input}” không phải là tỷ lệ phần trăm (nhập số nguyên từ 0 đến 100).")
            }
            DomainError::UnknownStatus { code } => {
                format!("Trạng thái “{code}” không hợp lệ.")
            }
            DomainError::PercentNeeded => {
                "Vui lòng nhập tỷ lệ hoàn thành (từ 1% đến 99%) cho việc đang thực hiện.".into()
            }
            DomainError::InconsistentProgress { status, percent } => {
                let rule = match status {
                    crate::OccurrenceStatus::NotStarted => "“Chưa thực hiện” là 0%",
                    crate::OccurrenceStatus::InProgress => "“Đang thực hiện” là từ 1% đến 99%",
                    crate::OccurrenceStatus::Done => "“Hoàn thành” là 100%",
                    crate::OccurrenceStatus::Cancelled => "“Không thực hiện” là từ 0% đến 100%",
                };
                format!(
                    "Trạng thái và tỷ lệ không khớp nhau ({percent}%): {rule}. Vui lòng sửa \
                     trạng thái hoặc tỷ lệ."
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_an_english_and_a_vietnamese_message() {
        let all = [
            DomainError::YearOutOfRange { year: 1999 },
            DomainError::InvalidYear {
                input: "abc".into(),
            },
            DomainError::PercentOutOfRange { value: 101 },
            DomainError::InvalidPercent { input: "x".into() },
            DomainError::UnknownStatus { code: "z".into() },
            DomainError::PercentNeeded,
            DomainError::InconsistentProgress {
                status: crate::OccurrenceStatus::Done,
                percent: 30,
            },
        ];
        for e in all {
            let en = e.to_string();
            let vi = e.message_vi();
            assert!(!en.is_empty() && en.is_ascii(), "{en}");
            assert!(vntext::has_vietnamese_marks(&vi), "{vi}");
            assert!(vntext::is_nfc(&vi), "{vi}");
        }
    }
}

/// A stored code that names no value of its enum (a row written by a newer version, or
/// damaged): the store reports the row as corrupt.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

/// `TryFrom<String>` for enums with a `parse(&str) -> Option<Self>`, so the store decodes
/// their stored codes directly into the enum (`#[sqlx(try_from = "String")]`).
macro_rules! stored_code {
    ($($t:ty => $kind:literal),* $(,)?) => {$(
        impl TryFrom<String> for $t {
            type Error = $crate::error::UnknownCode;
            fn try_from(code: String) -> Result<$t, Self::Error> {
                <$t>::parse(&code).ok_or($crate::error::UnknownCode { kind: $kind, code })
            }
        }
    )*};
}

stored_code!(
    crate::plan::PlanStatus => "plan status",
    crate::plan::PlanOrigin => "plan origin",
    crate::plan::FileKind => "file kind",
    crate::org::CommuneKind => "commune kind",
    crate::access::Role => "role",
    crate::schedule::Recurrence => "recurrence",
);

impl TryFrom<String> for crate::progress::OccurrenceStatus {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        crate::progress::OccurrenceStatus::parse(&code).map_err(|_| UnknownCode {
            kind: "occurrence status",
            code,
        })
    }
}
