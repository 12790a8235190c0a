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
    #[error("evidence link not http(s) or too long")]
    EvidenceUrl,
    #[error("progress note too long")]
    NoteTooLong,
    #[error("occurrence label empty or too long")]
    OccurrenceLabel,
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
            TextError::EvidenceUrl => {
                "Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https:// (tối đa 2.000 ký tự)."
            }
            TextError::NoteTooLong => "Ghi chú quá dài (tối đa 5.000 ký tự).",
            TextError::OccurrenceLabel => {
                "Vui lòng nhập tên kỳ (tối đa 200 ký tự), ví dụ: Theo Công văn số 15/UBND-VP."
            }
        }
    }
}

/// NFC, trimmed, without control characters other than line feed and tab, nor
/// bidirectional overrides (`vntext::clean` states the rule).
fn clean(s: &str) -> String {
    vntext::clean(s).trim().to_string()
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

/// A link to evidence kept elsewhere (a shared drive, the commune's portal): `http://` or
/// `https://`, at most 2,000 bytes, no spaces or control characters. Only these schemes, so
/// a stored link can never run script when an officer clicks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceUrl(String);

impl EvidenceUrl {
    /// `Ok(None)` for an empty field: a progress update needs no link.
    pub fn parse_optional(text: &str) -> Result<Option<EvidenceUrl>, TextError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let after_scheme = |scheme: &str| {
            t.get(..scheme.len())
                .filter(|head| head.eq_ignore_ascii_case(scheme))
                .map(|_| &t[scheme.len()..])
        };
        let host_and_path = after_scheme("https://").or_else(|| after_scheme("http://"));
        if host_and_path.is_none_or(str::is_empty)
            || t.len() > 2000
            || t.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(TextError::EvidenceUrl);
        }
        Ok(Some(EvidenceUrl(t.to_string())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A progress note: NFC, trimmed, at most 5,000 characters (may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgressNote(String);

impl ProgressNote {
    pub fn parse(text: &str) -> Result<ProgressNote, TextError> {
        let t = clean(text);
        if t.chars().count() > 5000 {
            Err(TextError::NoteTooLong)
        } else {
            Ok(ProgressNote(t))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The name of an occurrence added by hand ("Theo Công văn số 15/UBND-VP"): NFC, trimmed,
/// 1 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceLabel(String);

impl OccurrenceLabel {
    pub fn parse(text: &str) -> Result<OccurrenceLabel, TextError> {
        let t = clean(text);
        if t.is_empty() || t.chars().count() > 200 {
            Err(TextError::OccurrenceLabel)
        } else {
            Ok(OccurrenceLabel(t))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_override_characters_never_reach_a_stored_text() {
        let t = TaskText::parse("\u{202e}Tổ chức\0 đoàn ra\u{1b}").unwrap();
        assert_eq!(t.as_str(), "Tổ chức đoàn ra");
        let s = SectionText::parse("1.", "Tiêu đề\u{2067}", "Dòng một\r\nDòng hai\u{7}").unwrap();
        assert_eq!((s.title(), s.body()), ("Tiêu đề", "Dòng một\nDòng hai"));
        assert_eq!(TaskText::parse("\0\u{202d} "), Err(TextError::TaskEmpty));
        let title = crate::plan::PlanTitle::parse("Kế hoạch\0 năm\u{202e} 2026").unwrap();
        assert_eq!(title.as_str(), "Kế hoạch năm 2026");
    }

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

    #[test]
    fn evidence_links_are_http_only() {
        assert_eq!(EvidenceUrl::parse_optional("  "), Ok(None));
        let ok = EvidenceUrl::parse_optional(" https://xa.gov.vn/bao-cao ").unwrap();
        assert_eq!(ok.unwrap().as_str(), "https://xa.gov.vn/bao-cao");
        assert!(
            EvidenceUrl::parse_optional("HTTP://xa.gov.vn")
                .unwrap()
                .is_some()
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://x",
            "https://",
            "https://a b",
            "xa.gov.vn",
            &format!("https://{}", "a".repeat(2000)),
        ] {
            assert_eq!(
                EvidenceUrl::parse_optional(bad),
                Err(TextError::EvidenceUrl),
                "{bad}"
            );
        }
    }

    #[test]
    fn notes_and_occurrence_labels_are_bounded() {
        assert_eq!(ProgressNote::parse(" ").unwrap().as_str(), "");
        assert_eq!(
            ProgressNote::parse(&"ơ".repeat(5001)),
            Err(TextError::NoteTooLong)
        );
        assert_eq!(
            OccurrenceLabel::parse(" Theo Công văn số 15/UBND-VP ")
                .unwrap()
                .as_str(),
            "Theo Công văn số 15/UBND-VP"
        );
        assert_eq!(OccurrenceLabel::parse(""), Err(TextError::OccurrenceLabel));
        assert_eq!(
            OccurrenceLabel::parse(&"a".repeat(201)),
            Err(TextError::OccurrenceLabel)
        );
    }
}

/// A file size as an officer reads it: "850 byte", "12 KB", "1,5 MB" (a decimal comma, as
/// Vietnamese writes numbers).
pub fn size_vi(bytes: i64) -> String {
    let bytes = bytes.max(0) as u64;
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} byte")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod size_tests {
    use super::size_vi;

    #[test]
    fn sizes_read_in_bytes_kilobytes_and_megabytes_with_a_decimal_comma() {
        assert_eq!(size_vi(850), "850 byte");
        assert_eq!(size_vi(12 * 1024), "12 KB");
        assert_eq!(size_vi(1024 * 1024 * 3 / 2), "1,5 MB");
        assert_eq!(size_vi(2 * 1024 * 1024), "2 MB");
    }
}
