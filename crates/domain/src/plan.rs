//! A plan's lifecycle, origin and title: the rules every way of making or moving a plan
//! follows (pages, API, CLI, demo and benchmark data alike).

use serde::{Deserialize, Serialize};

/// Lifecycle of a plan: draft → submitted (for signature) → issued; an issued plan that is
/// amended becomes `Amended` and its new version starts as a draft. Stored by
/// [`PlanStatus::code`] (`plans_status_check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    Submitted,
    Issued,
    Amended,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] = [
        PlanStatus::Draft,
        PlanStatus::Submitted,
        PlanStatus::Issued,
        PlanStatus::Amended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Issued => "issued",
            PlanStatus::Amended => "amended",
        }
    }

    pub fn parse(code: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Dự thảo",
            PlanStatus::Submitted => "Trình ký",
            PlanStatus::Issued => "Đã ban hành",
            PlanStatus::Amended => "Đã sửa đổi (bản cũ)",
        }
    }

    /// Whether a plan in this status may be discarded by its office: only what has not been
    /// signed (a draft, or a submitted plan taken back first). An issued plan is a legal
    /// document: it is amended, never discarded.
    pub fn can_discard(self) -> bool {
        self == PlanStatus::Draft
    }
}

/// How a plan came to be. Stored by [`PlanOrigin::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanOrigin {
    Upload,
    Copy,
    Province,
    Blank,
    Amendment,
}

impl PlanOrigin {
    pub const ALL: [PlanOrigin; 5] = [
        PlanOrigin::Upload,
        PlanOrigin::Copy,
        PlanOrigin::Province,
        PlanOrigin::Blank,
        PlanOrigin::Amendment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanOrigin::Upload => "upload",
            PlanOrigin::Copy => "copy",
            PlanOrigin::Province => "province",
            PlanOrigin::Blank => "blank",
            PlanOrigin::Amendment => "amendment",
        }
    }

    pub fn parse(code: &str) -> Option<PlanOrigin> {
        PlanOrigin::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PlanOrigin::Upload => "Nhập từ tệp",
            PlanOrigin::Copy => "Sao chép từ kế hoạch khác",
            PlanOrigin::Province => "Lập từ kế hoạch của tỉnh",
            PlanOrigin::Blank => "Lập mới theo mẫu",
            PlanOrigin::Amendment => "Bản sửa đổi",
        }
    }
}

/// What a file kept with a plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// The document the plan was imported from.
    Source,
    /// The province's plan it was started from.
    Basis,
    /// The signed, issued plan.
    Signed,
}

impl FileKind {
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Source => "source",
            FileKind::Basis => "basis",
            FileKind::Signed => "signed",
        }
    }
    pub fn parse(code: &str) -> Option<FileKind> {
        [FileKind::Source, FileKind::Basis, FileKind::Signed]
            .into_iter()
            .find(|k| k.code() == code)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            FileKind::Source => "văn bản gốc",
            FileKind::Basis => "kế hoạch của tỉnh làm căn cứ",
            FileKind::Signed => "bản đã ký",
        }
    }
}

/// Why a plan title is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TitleError {
    #[error("empty plan title")]
    Empty,
    #[error("plan title longer than {} characters", PlanTitle::MAX)]
    TooLong,
}

impl TitleError {
    pub fn message_vi(self) -> String {
        match self {
            TitleError::Empty => "Vui lòng nhập trích yếu của kế hoạch.".into(),
            TitleError::TooLong => format!(
                "Trích yếu quá dài (tối đa {} ký tự). Trích yếu là một câu ngắn nêu nội dung \
                 chính của kế hoạch.",
                PlanTitle::MAX
            ),
        }
    }
}

/// A plan's title (trích yếu, Decree 30/2020 Appendix I, item 5): one line — runs of white
/// space, line breaks included, become one space — NFC, 1 to [`PlanTitle::MAX`] characters.
/// A title is what lists and headers show on one line; a 5,000-character one broke the
/// plans list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanTitle(String);

impl PlanTitle {
    /// Longer than any trích yếu of the sample plans (the longest has 120 characters) by a
    /// wide margin.
    pub const MAX: usize = 300;

    pub fn parse(text: &str) -> Result<PlanTitle, TitleError> {
        let one_line = vntext::clean(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if one_line.is_empty() {
            Err(TitleError::Empty)
        } else if one_line.chars().count() > PlanTitle::MAX {
            Err(TitleError::TooLong)
        } else {
            Ok(PlanTitle(one_line))
        }
    }

    /// The default title of a commune's plan for `year`.
    pub fn default_for(year: crate::PlanYear) -> PlanTitle {
        PlanTitle(format!("Kế hoạch công tác đối ngoại năm {}", year.get()))
    }

    /// A title read from a document, made to fit: the first [`PlanTitle::MAX`] characters of
    /// its one-line form, or `None` when it has none. The officer sees and may change it on
    /// the review page.
    pub fn from_document(text: &str) -> Option<PlanTitle> {
        let one_line = vntext::clean(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let cut: String = one_line.chars().take(PlanTitle::MAX).collect();
        (!cut.is_empty()).then_some(PlanTitle(cut))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in PlanStatus::ALL {
            assert_eq!(PlanStatus::parse(s.code()), Some(s));
        }
        for o in PlanOrigin::ALL {
            assert_eq!(PlanOrigin::parse(o.code()), Some(o));
        }
        assert_eq!(PlanStatus::parse("Draft"), None);
    }

    #[test]
    fn only_drafts_are_discarded() {
        let may: Vec<_> = PlanStatus::ALL
            .into_iter()
            .filter(|s| s.can_discard())
            .collect();
        assert_eq!(may, [PlanStatus::Draft]);
    }

    #[test]
    fn a_title_is_one_bounded_line() {
        assert_eq!(
            PlanTitle::parse("  Kế hoạch\n công tác   đối ngoại ")
                .unwrap()
                .as_str(),
            "Kế hoạch công tác đối ngoại"
        );
        assert_eq!(PlanTitle::parse(" \n "), Err(TitleError::Empty));
        assert_eq!(PlanTitle::parse(&"ạ".repeat(301)), Err(TitleError::TooLong));
        assert!(PlanTitle::parse(&"ạ".repeat(300)).is_ok());
        assert_eq!(
            PlanTitle::from_document(&"a".repeat(5000))
                .unwrap()
                .as_str()
                .len(),
            300
        );
        assert_eq!(PlanTitle::from_document("   "), None);
    }
}
