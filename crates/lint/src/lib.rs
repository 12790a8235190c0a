//! Checks over a parsed document, as a careful reviewer at the province would make them:
//! Decree 30/2020 form, names (a copied plan keeps another commune's name; districts no
//! longer exist after 01/07/2025), citations (impossible symbols, conflicting dates,
//! replaced instruments from a registry shipped as data), consistency, spelling (against a
//! lexicon shipped in the binary) and unit names (against the commune's list of units).
//!
//! Every finding has a stable code, a severity, a 1-based line and column in the normalised
//! text (the `--text` view of `doingoai parse`), the offending excerpt, a message in
//! Vietnamese and, where one exists, a suggested fix. Few false alarms matter more than
//! many findings: a rule fires only on evidence in the text.

pub mod lexicon;
pub mod registry;
pub mod rules;
pub mod units;

use document::Source;
use document::model::Document;
use serde::Serialize;

pub use lexicon::{Lexicon, LexiconError};
pub use registry::{Registry, RegistryError};
pub use units::{Units, UnitsError};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Parses "error", "warning", "info" (also Vietnamese "lỗi", "cảnh báo", "thông tin").
    pub fn parse(s: &str) -> Option<Severity> {
        match vntext::fold(s.trim()).as_str() {
            "error" | "loi" => Some(Severity::Error),
            "warning" | "canh bao" => Some(Severity::Warning),
            "info" | "thong tin" => Some(Severity::Info),
            _ => None,
        }
    }
    /// "error", "warning" or "info": the name in the JSON output, which [`Severity::parse`]
    /// reads back (how stored findings keep their severity).
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn vietnamese(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
            Severity::Info => "lưu ý",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. "D30-POINT-FORM" (documented in docs/lint-format.md).
    pub code: &'static str,
    pub severity: Severity,
    /// 1-based line in the normalised text; 0 when the finding is about the whole document
    /// (e.g. a missing header part).
    pub line: usize,
    /// 1-based column (in characters) of the excerpt in that line; 0 with line 0.
    pub column: usize,
    pub excerpt: String,
    /// Message in Vietnamese.
    pub message: String,
    pub suggestion: Option<String>,
}

/// What the checks need besides the document.
#[derive(Debug, Clone)]
pub struct Config {
    pub registry: Registry,
    /// The commune's units (lead and partner units of tasks are checked against it).
    pub units: Units,
    /// The lexicon of the spelling checks.
    pub lexicon: &'static Lexicon,
    /// The commune the document is being used for (a plan imported into it), when known:
    /// the name checks take it as the document's own commune, whatever the document names
    /// (a neighbour's plan copied whole names the neighbour throughout).
    pub commune: Option<OwnCommune>,
}

/// A commune's name and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnCommune {
    pub name: String,
    pub kind: document::model::CommuneKind,
}

impl Default for Config {
    fn default() -> Config {
        Config::builtin()
    }
}

impl Config {
    /// The configuration shipped in the binary: the default instrument registry, the
    /// default unit list (docs/lint-format.md) and the built-in lexicon.
    pub fn builtin() -> Config {
        Config {
            registry: Registry::builtin(),
            units: Units::builtin(),
            lexicon: Lexicon::builtin(),
            commune: None,
        }
    }
}

/// Runs every check. Findings are sorted by line, then column, then code.
pub fn lint(source: &Source, doc: &Document, config: &Config) -> Vec<Finding> {
    let ctx = rules::Ctx {
        source,
        doc,
        config,
    };
    let mut out = Vec::new();
    rules::form::check(&ctx, &mut out);
    rules::punctuation::check(&ctx, &mut out);
    rules::names::check(&ctx, &mut out);
    rules::citations::check(&ctx, &mut out);
    rules::consistency::check(&ctx, &mut out);
    rules::figures::check(&ctx, &mut out);
    rules::spelling::check(&ctx, &mut out);
    rules::units::check(&ctx, &mut out);
    out.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_codes_read_back_and_match_the_json_names() {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(Severity::parse(s.code()), Some(s));
            // serde's `rename_all = "lowercase"` names the variant the same way.
            assert_eq!(format!("{s:?}").to_lowercase(), s.code());
        }
    }
}
