//! The application layer's one error type. The web maps it to pages (a message beside the
//! form, a 403/404 page) and to JSON (`{"error", "message", "field"}`), the CLI to a line in
//! Vietnamese and English. Internal details are logged where they arise and never shown.

use store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The actor may not do this (or see this).
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The input is wrong in a way the user can fix: which field, and what to do, in
    /// Vietnamese.
    #[error("invalid {field}: {english}")]
    Invalid {
        field: &'static str,
        message: String,
        /// The same in English (the CLI's second half, logs).
        english: String,
        /// When several fields are refused at once (a register entry, a spreadsheet row):
        /// each field's key and message, so a form shows each beside its field.
        fields: Vec<(&'static str, String)>,
    },
    /// The data changed under the user (another officer saved first, the plan moved on), or
    /// a request key was reused for another request.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// Sign-in refused: wrong name or password, or locked until the given time.
    #[error("sign-in refused")]
    SignIn(SignInRefusal),
    #[error("internal: {0}")]
    Internal(String),
}

/// What a conflict tells the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub message: String,
    /// For an edit: the text now stored (saved by someone else) and the text this user
    /// sent, both shown so nothing typed is lost.
    pub theirs: Option<String>,
    pub yours: Option<String>,
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRefusal {
    WrongCredentials,
    /// Too many failures; sign-in is possible again at this instant (epoch seconds).
    LockedUntil(i64),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Error {
        Error::Invalid {
            field,
            message: message.into(),
            english: format!("invalid {field}"),
            fields: Vec::new(),
        }
    }

    /// As [`Error::invalid`], with the English wording.
    pub fn invalid_en(
        field: &'static str,
        message: impl Into<String>,
        english: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            field,
            message: message.into(),
            english: english.into(),
            fields: Vec::new(),
        }
    }

    /// Several refused fields at once: the message joins them, `fields` keeps each.
    pub fn invalid_fields(
        fields: Vec<(&'static str, String)>,
        english: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            field: fields.first().map_or("values", |f| f.0),
            message: fields
                .iter()
                .map(|f| f.1.clone())
                .collect::<Vec<_>>()
                .join(" "),
            english: english.into(),
            fields,
        }
    }

    /// The message of each refused field (empty unless several were refused together).
    pub fn field_messages(&self) -> &[(&'static str, String)] {
        match self {
            Error::Invalid { fields, .. } => fields,
            _ => &[],
        }
    }

    pub fn conflict(message: impl Into<String>) -> Error {
        Error::Conflict(Conflict {
            message: message.into(),
            theirs: None,
            yours: None,
        })
    }

    /// The message a user reads, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            Error::Forbidden => "Tài khoản của bạn không có quyền thực hiện thao tác này.".into(),
            Error::NotFound => "Không tìm thấy trang hoặc dữ liệu được yêu cầu.".into(),
            Error::Invalid { message, .. } => message.clone(),
            Error::Conflict(c) => c.message.clone(),
            Error::SignIn(SignInRefusal::WrongCredentials) => {
                "Tên đăng nhập hoặc mật khẩu không đúng.".into()
            }
            Error::SignIn(SignInRefusal::LockedUntil(t)) => format!(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {} (hoặc liên hệ quản trị \
                 hệ thống).",
                crate::format::time_of_day(*t)
            ),
            Error::Internal(_) => "Hệ thống gặp lỗi khi xử lý yêu cầu. Dữ liệu chưa được thay \
                 đổi; vui lòng thử lại hoặc báo cho quản trị hệ thống."
                .into(),
        }
    }

    /// The message in English, for the CLI's second line and the logs.
    pub fn message_en(&self) -> String {
        match self {
            Error::Forbidden => "not allowed for this account".into(),
            Error::NotFound => "not found".into(),
            Error::Invalid { english, .. } => english.clone(),
            Error::Conflict(_) => "changed meanwhile or conflicting".into(),
            Error::SignIn(_) => "sign-in refused".into(),
            Error::Internal(_) => "internal error (see the log)".into(),
        }
    }
}

/// Constraint names the store reports, as the field and message a user reads.
fn constraint(name: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match name {
        "units_commune_name_key" => (
            "name",
            "Đơn vị này đã có trong danh sách của xã, phường.",
            "the commune already has this unit",
        ),
        "users_username_key" => (
            "username",
            "Tên đăng nhập này đã được dùng.",
            "the username is taken",
        ),
        "provinces_name_key" => ("name", "Tỉnh, thành phố này đã có.", "the province exists"),
        "communes_province_name_key" => (
            "name",
            "Tỉnh này đã có xã, phường mang tên này.",
            "the province has a commune of this name",
        ),
        _ => return None,
    })
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Stale => Error::conflict(
                "Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại trang để xem nội dung \
                 mới rồi thực hiện lại.",
            ),
            StoreError::Conflict(name) => match constraint(name) {
                Some((field, message, english)) => Error::invalid_en(field, message, english),
                None => Error::Internal(format!("constraint {name}")),
            },
            other => {
                tracing::error!("store: {other}");
                Error::Internal(other.to_string())
            }
        }
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Error {
        tracing::error!("blocking task: {e}");
        Error::Internal(format!("blocking task: {e}"))
    }
}

impl From<domain::DomainError> for Error {
    fn from(e: domain::DomainError) -> Error {
        let field = match &e {
            domain::DomainError::YearOutOfRange { .. }
            | domain::DomainError::InvalidYear { .. } => "year",
            domain::DomainError::PercentOutOfRange { .. }
            | domain::DomainError::InvalidPercent { .. }
            | domain::DomainError::PercentNeeded => "percent",

            domain::DomainError::UnknownStatus { .. }
            | domain::DomainError::InconsistentProgress { .. } => "status",
        };
        Error::invalid_en(field, e.message_vi(), e.to_string())
    }
}

impl From<domain::text::TextError> for Error {
    fn from(e: domain::text::TextError) -> Error {
        use domain::text::TextError as T;
        let field = match e {
            T::LabelTooLong => "label",
            T::SectionEmpty | T::SectionTooLong => "body",
            T::TaskEmpty | T::TaskTooLong => "text",
            T::EvidenceUrl => "evidence_url",
            T::NoteTooLong => "note",
            T::OccurrenceLabel => "label",
        };
        Error::invalid_en(field, e.message_vi(), e.to_string())
    }
}

impl From<domain::names::NameError> for Error {
    fn from(e: domain::names::NameError) -> Error {
        use domain::names::NameError as N;
        let field = match e {
            N::UnitEmpty | N::UnitTooLong | N::Place => "name",
            N::Person => "display_name",
            N::Username => "username",
            N::PasswordShort | N::PasswordLong | N::PasswordCommon => "password",
            N::Email => "email",
        };
        Error::invalid_en(field, e.message_vi(), e.to_string())
    }
}

impl From<domain::TimeframeError> for Error {
    fn from(e: domain::TimeframeError) -> Error {
        Error::invalid_en("timeframe", e.message_vi(), e.to_string())
    }
}

impl From<domain::plan::TitleError> for Error {
    fn from(e: domain::plan::TitleError) -> Error {
        Error::invalid_en("title", e.message_vi(), e.to_string())
    }
}
