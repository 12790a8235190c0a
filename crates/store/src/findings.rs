//! The lint findings of a plan's source file, stored once when the file is checked (at
//! import) so that the plan page reads them with one query instead of parsing and linting
//! the file again on every view.
//!
//! The store does not know the checks: it keeps what `lint` reported, as text and numbers.
//! Findings are derived from the stored file, not a user's change, so they carry no audit
//! record.

use serde::Serialize;

use crate::{Db, Result, Tx, now};

/// One lint finding of a plan's source file, as stored: the fields of `lint::Finding`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanFinding {
    /// Stable rule code, e.g. "D30-POINT-FORM".
    pub code: String,
    /// `error`, `warning` or `info` (a named check refuses anything else).
    pub severity: String,
    /// 1-based line in the normalised text; 0 when about the whole document.
    pub line: i64,
    /// 1-based column (in characters) of the excerpt; 0 with line 0.
    pub column: i64,
    pub excerpt: String,
    /// Message in Vietnamese.
    pub message: String,
    pub suggestion: Option<String>,
}

/// What is stored about the findings of a plan's source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceFindings {
    /// The plan has no source file (blank, copied, amended, or started from the province's
    /// plan, whose file is its basis and not its source).
    NoSource,
    /// The source file `file_id` was stored without its findings (a database from before
    /// migration 0007, or an import interrupted between storing the file and its findings):
    /// the caller checks the file and stores them with [`Tx::store_findings`](crate::Tx::store_findings).
    Unchecked { file_id: i64 },
    /// The stored findings in the order the checks reported them; empty when the file was
    /// checked and nothing was found.
    Checked(Vec<PlanFinding>),
}

/// One row of the findings query: the file, and one finding or none (LEFT JOIN).
#[derive(sqlx::FromRow)]
struct Row {
    file_id: i64,
    linted_at: Option<i64>,
    code: Option<String>,
    severity: Option<String>,
    line_no: Option<i64>,
    column_no: Option<i64>,
    excerpt: Option<String>,
    message: Option<String>,
    suggestion: Option<String>,
}

impl Db {
    /// The findings of a plan's source file (its oldest file of kind `source`), read with
    /// one query.
    pub async fn source_findings(&mut self, plan_id: i64) -> Result<SourceFindings> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT pf.id AS file_id, pf.linted_at, f.code, f.severity, f.line_no, \
             f.column_no, f.excerpt, f.message, f.suggestion \
             FROM plan_files pf LEFT JOIN plan_findings f ON f.file_id = pf.id \
             WHERE pf.id = (SELECT MIN(id) FROM plan_files WHERE plan_id = $1 \
                            AND kind = 'source') \
             ORDER BY f.position",
        )
        .bind(plan_id)
        .fetch_all(self.c())
        .await?;
        let Some(first) = rows.first() else {
            return Ok(SourceFindings::NoSource);
        };
        if first.linted_at.is_none() {
            return Ok(SourceFindings::Unchecked {
                file_id: first.file_id,
            });
        }
        Ok(SourceFindings::Checked(
            rows.into_iter()
                .filter_map(|r| {
                    Some(PlanFinding {
                        code: r.code?,
                        severity: r.severity?,
                        line: r.line_no?,
                        column: r.column_no?,
                        excerpt: r.excerpt?,
                        message: r.message?,
                        suggestion: r.suggestion,
                    })
                })
                .collect(),
        ))
    }
}

impl Tx {
    /// Marks plan file `file_id` checked and writes its `findings`, unless it is already
    /// checked (or does not exist); returns whether it wrote. Marking and writing happen in
    /// one transaction, so two requests filling in the same old plan at once store its
    /// findings once, and a file is never marked checked without its findings. The one
    /// write path of findings: at import, for a file inserted in the same transaction, and
    /// on the first view of a file stored before findings were kept.
    pub async fn store_findings(&mut self, file_id: i64, findings: &[PlanFinding]) -> Result<bool> {
        let claimed =
            sqlx::query("UPDATE plan_files SET linted_at = $1 WHERE id = $2 AND linted_at IS NULL")
                .bind(now())
                .bind(file_id)
                .execute(self.c())
                .await?
                .rows_affected();
        if claimed == 0 {
            return Ok(false);
        }
        for (position, f) in findings.iter().enumerate() {
            sqlx::query(
                "INSERT INTO plan_findings (file_id, position, code, severity, line_no, \
                 column_no, excerpt, message, suggestion) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(file_id)
            .bind(position as i64)
            .bind(&f.code)
            .bind(&f.severity)
            .bind(f.line)
            .bind(f.column)
            .bind(&f.excerpt)
            .bind(&f.message)
            .bind(&f.suggestion)
            .execute(self.c())
            .await?;
        }
        Ok(true)
    }
}
