//! The checks, one module per family. Each `check` appends findings; none reads anything
//! but the context.

pub mod citations;
pub mod consistency;
pub mod figures;
pub mod form;
pub mod names;
pub mod punctuation;
pub mod spelling;
pub mod units;

use document::Source;
use document::model::Document;

use crate::{Config, Finding, Severity};

/// What every rule reads.
pub struct Ctx<'a> {
    pub source: &'a Source,
    pub doc: &'a Document,
    pub config: &'a Config,
}

impl Ctx<'_> {
    /// The text of 1-based line `n` ("" when out of range).
    pub fn line(&self, n: usize) -> &str {
        n.checked_sub(1)
            .and_then(|i| self.source.lines.get(i))
            .map_or("", |l| l.text.as_str())
    }
}

/// A finding at byte offset `at` of line `line` (the column is counted in characters).
pub fn at(
    ctx: &Ctx,
    (code, severity): (&'static str, Severity),
    line: usize,
    at: usize,
    excerpt: &str,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Finding {
    let text = ctx.line(line);
    let column = text
        .get(..at.min(text.len()))
        .map_or(0, |p| p.chars().count())
        + 1;
    Finding {
        code,
        severity,
        line,
        column,
        excerpt: excerpt.to_string(),
        message: message.into(),
        suggestion,
    }
}

/// A finding about `excerpt`, located at its first occurrence in line `line` (column 1 when
/// it is not found there).
pub fn on(
    ctx: &Ctx,
    rule: (&'static str, Severity),
    line: usize,
    excerpt: &str,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Finding {
    let pos = ctx.line(line).find(excerpt).unwrap_or(0);
    at(ctx, rule, line, pos, excerpt, message, suggestion)
}

/// A finding about the whole document (line 0).
pub fn whole(code: &'static str, severity: Severity, message: impl Into<String>) -> Finding {
    Finding {
        code,
        severity,
        line: 0,
        column: 0,
        excerpt: String::new(),
        message: message.into(),
        suggestion: None,
    }
}
