//! Texts officers type into a plan, parsed once at the edge: NFC, trimmed, within limits.
//! Pages and API build these and nothing checks the text again afterwards.

/// Why a plan text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("section label longer than 20 characters")]
    LabelTooLong,
    #[error("section with neither title nor body")]
    SectionEmpty,
    #[error("section text too long")]
    SectionTooLong,
    #[error("empty task text")]
    TaskEmpty,
    #[error("task text too long")]
    TaskTooLong,
}

impl TextError {
    /// The message an officer reads beside the form.
    pub fn message_vi(self) -> &'static str {
        match self {
            TextError::LabelTooLong => "Số thứ tự của mục quá dài (tối đa 20 ký tự).",
            TextError::SectionEmpty => "Mục phải có tiêu đề hoặc nội dung.",
            TextError::SectionTooLong => "Nội dung mục quá dài (tối đa 100.000 byte).",
            TextError::TaskEmpty => "Vui lòng nhập nội dung nhiệm vụ.",
            TextError::TaskTooLong => "Nội dung nhiệm vụ quá dài (tối đa 10.000 ký tự).",
        }
    }
}

fn clean(s: &str) -> String {
    vntext::nfc(s.trim())
}

/// A section's label ("II.", "1.", "a)"), title and body. Guarantees: NFC and trimmed; the
/// label at most 20 characters; a title or a body; together at most 100,000 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    label: String,
    title: String,
    body: String,
}

impl SectionText {
    pub fn parse(label: &str, title: &str, body: &str) -> Result<SectionText, TextError> {
        let (label, title, body) = (clean(label), clean(title), clean(body));
        if label.chars().count() > 20 {
            Err(TextError::LabelTooLong)
        } else if title.is_empty() && body.is_empty() {
            Err(TextError::SectionEmpty)
        } else if title.len() + body.len() > 100_000 {
            Err(TextError::SectionTooLong)
        } else {
            Ok(SectionText { label, title, body })
        }
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// The text of a task: NFC, trimmed, not empty, at most 10,000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskText(String);

impl TaskText {
    pub fn parse(text: &str) -> Result<TaskText, TextError> {
        let t = clean(text);
        if t.is_empty() {
            Err(TextError::TaskEmpty)
        } else if t.chars().count() > 10_000 {
            Err(TextError::TaskTooLong)
        } else {
            Ok(TaskText(t))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_texts_are_cleaned_and_bounded() {
        let s = SectionText::parse(" 1. ", "Thông tin đối ngoại ", "").unwrap();
        assert_eq!(
            (s.label(), s.title(), s.body()),
            ("1.", "Thông tin đối ngoại", "")
        );
        assert_eq!(
            SectionText::parse("1.", " ", " "),
            Err(TextError::SectionEmpty)
        );
        assert_eq!(
            SectionText::parse(&"x".repeat(21), "a", ""),
            Err(TextError::LabelTooLong)
        );
        assert_eq!(
            SectionText::parse("1.", &"a".repeat(100_001), ""),
            Err(TextError::SectionTooLong)
        );
    }

    #[test]
    fn task_texts_are_not_empty_nor_endless() {
        assert_eq!(
            TaskText::parse("  Tuyên truyền ").unwrap().as_str(),
            "Tuyên truyền"
        );
        assert_eq!(TaskText::parse("  "), Err(TextError::TaskEmpty));
        assert_eq!(
            TaskText::parse(&"ạ".repeat(10_001)),
            Err(TextError::TaskTooLong)
        );
    }
}
