//! The document model. Field names here are the public JSON contract documented in
//! `docs/parse-format.md` (version [`FORMAT_VERSION`]); change them only with a new version.

use serde::Serialize;

use crate::source::Format;

/// Version of the JSON contract of `doingoai parse --json`.
pub const FORMAT_VERSION: &str = "1.0";

/// A calendar date that exists (validated at construction; see [`Date::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// `Some` only for a real day of the proleptic Gregorian calendar, years 1900–2199
    /// (administrative documents fall in that range; anything else is a misread number).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month as u32
    }
    pub fn day(self) -> u32 {
        self.day as u32
    }
    /// ISO 8601, "2026-01-05".
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    /// The Decree 30 written form, "ngày 05 tháng 01 năm 2026".
    pub fn vietnamese(self) -> String {
        format!(
            "ngày {:02} tháng {:02} năm {}",
            self.day, self.month, self.year
        )
    }
}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Where the document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub path: Option<String>,
    pub format: Format,
}

/// The parts of the place-and-date line that were filled in; a draft often leaves the day
/// or month blank ("ngày     tháng 3 năm 2026").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DateParts {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: Option<i32>,
}

/// A document cited in the text (văn bản được viện dẫn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Decree 30 abbreviation of the type ("KH", "NQ", "CT", "QĐ", "KL", …); "CV" for a
    /// công văn (which has no abbreviation of its own); `None` when the text gives none.
    pub doc_type: Option<String>,
    /// Number and symbol as written, normalised ("42/KH-UBND", "88/2012/NĐ-CP",
    /// "12-CT/TW"); `None` when the text names the document without a number.
    pub number: Option<String>,
    /// Date of issue when stated.
    pub date: Option<Date>,
    /// Issuing body when stated ("Bộ Chính trị", "UBND tỉnh Thái Nguyên").
    pub issuer: Option<String>,
    /// Subject (trích yếu) when stated: the text after "về", "về việc", "ban hành", … up to
    /// the end of the citation.
    pub subject: Option<String>,
    /// "party" (`12-CT/TW`: hyphen before the symbol) or "state" (`42/KH-UBND`).
    pub system: CitationSystem,
    /// The citation as it stands in the text.
    pub text: String,
    /// Line in the normalised text.
    pub line: usize,
    /// DOCX paragraph index.
    pub para: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CitationSystem {
    Party,
    State,
    Unknown,
}

/// A node of the section tree: part (I.), item (1.), sub-item (1.1.), point (a)), bullet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Dotted path of labels from the root, e.g. "II.4.3.b"; bullets get their ordinal
    /// among siblings prefixed by the marker kind ("II.1.-2").
    #[serde(rename = "ref")]
    pub reference: String,
    /// The label as written ("II.", "1.", "3.2.", "a)", "-", "+", "*").
    pub label: String,
    /// Heading text after the label (first sentence for long items); empty for bullets.
    pub title: String,
    /// Body text of the node itself (its own paragraphs, children excluded).
    pub text: String,
    /// The text after the label on the label's own line, as written.
    pub head: String,
    /// The unlabelled paragraphs that follow the label's line (part of `text`).
    pub paragraphs: Vec<String>,
    pub line: usize,
    pub para: Option<usize>,
    pub level: SectionLevel,
    pub children: Vec<Section>,
}

/// Levels of the Decree 30 structure, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionLevel {
    /// I., II., …
    Part,
    /// 1., 2., …
    Item,
    /// 1.1., 3.2.
    SubItem,
    /// a), b), đ)
    Point,
    /// "*" paragraphs (used as labelled fields in some plans).
    Star,
    /// "-" bullets.
    Dash,
    /// "+" bullets.
    Plus,
}

/// A task (nhiệm vụ): an item of the plan with who does it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    #[serde(rename = "ref")]
    pub reference: String,
    pub text: String,
    /// Lead unit(s) (đơn vị chủ trì / thực hiện).
    pub lead: Vec<String>,
    /// Partner units (đơn vị phối hợp).
    pub partners: Vec<String>,
    /// Time frame as written ("Cả năm 2026", "Thường xuyên", "Hằng tháng/quý").
    pub timeframe: Option<String>,
    /// Sub-points of the task ("Nội dung thực hiện" bullets, "+" bullets under a "-").
    pub details: Vec<String>,
    pub line: usize,
    pub para: Option<usize>,
}

/// One outbound delegation row (đoàn ra) of the summary table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OutboundDelegation {
    pub group: Option<String>,
    pub name: String,
    pub head: String,
    pub countries: String,
    pub partners: String,
    pub purpose: String,
    pub members: Option<u32>,
    pub days: Option<u32>,
    pub time: String,
    pub funding: String,
    pub notes: String,
    pub line: usize,
}

/// One inbound delegation row (đoàn vào).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InboundDelegation {
    pub name: String,
    pub head: String,
    pub members: Option<u32>,
    pub purpose: String,
    pub time: String,
    pub place: String,
    pub host: String,
    pub funding: String,
    pub notes: String,
    pub line: usize,
}

/// One planned international conference (hội nghị, hội thảo quốc tế).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Conference {
    pub name: String,
    pub purpose: String,
    pub form: String,
    pub time_place: String,
    pub participants: String,
    pub organiser: String,
    pub funding: String,
    pub notes: String,
    pub line: usize,
}

/// Planned delegations and conferences. `*_none` is true when the text says "Không có".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Delegations {
    pub outbound: Vec<OutboundDelegation>,
    pub inbound: Vec<InboundDelegation>,
    pub conferences: Vec<Conference>,
    pub outbound_none: bool,
    pub inbound_none: bool,
    pub conferences_none: bool,
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signer {
    /// Authority lines in order, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"].
    pub authority: Vec<String>,
    /// Position of the person who signs ("CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    pub position: Option<String>,
    pub name: Option<String>,
    pub line: usize,
}

/// A table found in the document (DOCX table, Markdown pipe table, or a flattened table
/// recognised in text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub title: Option<String>,
    pub rows: Vec<Vec<String>>,
    pub line: usize,
}

/// A plain paragraph with its span (preamble and closing paragraphs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    pub line: usize,
    pub para: Option<usize>,
}

/// A problem met while reading: the document was read, but something is uncertain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub line: Option<usize>,
}

/// Kind of commune-level unit (Luật 72/2025/QH15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    /// xã
    Xa,
    /// phường
    Phuong,
    /// đặc khu
    DacKhu,
}

impl CommuneKind {
    pub fn vietnamese(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xã",
            CommuneKind::Phuong => "phường",
            CommuneKind::DacKhu => "đặc khu",
        }
    }
}

/// An administrative document as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub format_version: &'static str,
    pub source: SourceInfo,
    /// Decree 30 abbreviation of the type ("KH", "BC", "CTr", "QĐ", …).
    pub doc_type: Option<String>,
    /// Number and symbol ("42/KH-UBND"); `None` when the number is left blank.
    pub number: Option<String>,
    /// The symbol ("KH-UBND"), also when the number is blank.
    pub symbol: Option<String>,
    /// Parent body line(s) above the issuer, if any.
    pub parent_body: Option<String>,
    /// Issuing body as in the header ("ỦY BAN NHÂN DÂN XÃ HÀ BẮC"), or as inferred.
    pub issuer: Option<String>,
    pub place: Option<String>,
    /// Complete date of issue, `None` when any part is blank.
    pub date: Option<Date>,
    pub date_parts: DateParts,
    /// Trích yếu.
    pub title: Option<String>,
    /// The year the plan is for.
    pub year: Option<i32>,
    /// Commune name without its kind ("Hà Bắc").
    pub commune: Option<String>,
    pub commune_kind: Option<CommuneKind>,
    /// Province or centrally-run city ("Hải Phòng").
    pub province: Option<String>,
    pub basis: Vec<Citation>,
    pub citations: Vec<Citation>,
    /// The bodies the document is addressed to ("Kính gửi: …" of a report or an official
    /// letter; Decree 30/2020, Appendix I, item 9b), without the final punctuation (a
    /// field added within format 1.0).
    pub addressees: Vec<String>,
    /// Paragraphs between the header and the first section (the basis sentences).
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Section>,
    /// Closing paragraphs after the last section ("Trên đây là Kế hoạch …").
    pub closing: Vec<Paragraph>,
    pub tasks: Vec<Task>,
    pub delegations: Delegations,
    pub tables: Vec<Table>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// A document's number and symbol as issued ("12/KH-UBND", "05/2026/QĐ-UBND"): a number,
/// optionally the year, then the symbol — the type abbreviation and the issuer's, joined by
/// hyphens (Decree 30/2020/NĐ-CP, Appendix I, section II.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DocNumber(String);

/// Why a text is not a [`DocNumber`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a document number and symbol: {0:?}")]
pub struct DocNumberError(pub String);

impl DocNumber {
    /// Accepts "N/SYMBOL" or "N/YYYY/SYMBOL" where N is 1–6 digits and SYMBOL is two or more
    /// hyphen-joined groups of capital letters (Vietnamese capitals included, e.g. "NĐ",
    /// "QĐ"), digits allowed after the first letter ("UBND", "BCĐ389"). Spaces around the
    /// slashes are removed; the result is NFC.
    pub fn parse(text: &str) -> Result<DocNumber, DocNumberError> {
        let compact: String = vntext::nfc(text).split_whitespace().collect();
        let err = || DocNumberError(text.to_string());
        let parts: Vec<&str> = compact.split('/').collect();
        let (number, symbol) = match parts.as_slice() {
            [n, s] => (*n, *s),
            [n, y, s] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => (*n, *s),
            _ => return Err(err()),
        };
        if number.is_empty() || number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let groups: Vec<&str> = symbol.split('-').collect();
        let group_ok = |g: &str| {
            let mut cs = g.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_uppercase() || c.is_ascii_digit())
        };
        if groups.len() < 2 || !groups.iter().all(|g| group_ok(g)) {
            return Err(err());
        }
        Ok(DocNumber(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod doc_number_tests {
    use super::DocNumber;

    #[test]
    fn numbers_and_symbols_of_decree_30_are_accepted() {
        for ok in [
            "12/KH-UBND",
            "05/2026/QĐ-UBND",
            " 7 / KH-BCĐ389 ",
            "101/BC-UBND-VP",
        ] {
            assert!(DocNumber::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            DocNumber::parse(" 7 / KH-BCĐ389 ").unwrap().as_str(),
            "7/KH-BCĐ389"
        );
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in [
            "",
            "/KH-UBND",
            "12/KH",
            "12/kh-ubnd",
            "abc/KH-UBND",
            "12/2026/KH",
            "1234567/KH-UBND",
            "12/KH--UBND",
        ] {
            assert!(DocNumber::parse(bad).is_err(), "{bad}");
        }
    }
}
