//! The store's one error type. A broken named constraint becomes [`StoreError::Conflict`]
//! with the constraint's name, so the application layer can put a message beside the right
//! field; everything else stays an internal error that is logged, never shown.

/// Named constraints of the schema (the same names on both backends).
const CONSTRAINTS: &[(&str, &str)] = &[
    // (name, SQLite's "table.column, …" wording of a UNIQUE failure)
    ("provinces_name_key", "provinces.name"),
    (
        "communes_province_name_key",
        "communes.province_id, communes.name_folded",
    ),
    (
        "units_commune_name_key",
        "units.commune_id, units.name_folded",
    ),
    ("users_username_key", "users.username"),
    ("api_tokens_hash_key", "api_tokens.token_hash"),
    (
        "occurrences_task_seq_key",
        "occurrences.task_id, occurrences.seq",
    ),
    (
        "idempotency_user_key_key",
        "idempotency.user_id, idempotency.key",
    ),
    (
        "report_regimes_province_code_key",
        "report_regimes.province_id, report_regimes.code",
    ),
    (
        "reports_period_key",
        "reports.commune_id, reports.regime_id, reports.period",
    ),
    (
        "reports_entry_key",
        "reports.commune_id, reports.regime_id, reports.entry_id",
    ),
    (
        "report_versions_report_seq_key",
        "report_versions.report_id, report_versions.seq",
    ),
    ("calendar_feeds_token_key", "calendar_feeds.token_hash"),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("not found")]
    NotFound,
    /// A named constraint refused the write (duplicate name, value out of range…).
    #[error("constraint {0} violated")]
    Conflict(&'static str),
    /// The row changed between reading it and the guarded write (another officer saved it
    /// or moved the plan meanwhile); nothing was written.
    #[error("row changed meanwhile")]
    Stale,
    /// A stored value the code cannot read (a role code that does not exist…).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) => match constraint_name(db.constraint(), db.message()) {
                Some(name) => StoreError::Conflict(name),
                None => StoreError::Database(e),
            },
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                StoreError::Corrupt(e.to_string())
            }
            _ => StoreError::Database(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(format!("json: {e}"))
    }
}

/// The schema's name for a broken constraint: PostgreSQL reports the name; SQLite reports
/// the columns of a UNIQUE failure and the name of a CHECK failure in its message.
fn constraint_name(reported: Option<&str>, message: &str) -> Option<&'static str> {
    if let Some(r) = reported {
        return CONSTRAINTS
            .iter()
            .map(|(n, _)| *n)
            .find(|n| *n == r)
            .or_else(|| CHECKS.iter().copied().find(|n| *n == r));
    }
    if let Some(cols) = message.strip_prefix("UNIQUE constraint failed: ") {
        return CONSTRAINTS
            .iter()
            .find(|(_, c)| *c == cols)
            .map(|(n, _)| *n);
    }
    if let Some(name) = message.strip_prefix("CHECK constraint failed: ") {
        return CHECKS.iter().copied().find(|n| *n == name.trim());
    }
    None
}

const CHECKS: &[&str] = &[
    "communes_kind_check",
    "users_role_check",
    "plans_status_check",
    "plans_year_check",
    "province_plans_year_check",
    "occurrences_percent_check",
    "progress_percent_check",
    "register_entries_unplanned_check",
    "register_entries_members_check",
    "register_entries_pledged_check",
    "register_disbursements_amount_check",
    "report_regimes_kind_check",
    "report_regimes_deadline_check",
    "calendar_days_kind_check",
    "reports_status_check",
    "reports_window_check",
    "report_comments_action_check",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_unique_messages_map_to_constraint_names() {
        assert_eq!(
            constraint_name(
                None,
                "UNIQUE constraint failed: units.commune_id, units.name_folded"
            ),
            Some("units_commune_name_key")
        );
        assert_eq!(
            constraint_name(None, "CHECK constraint failed: plans_year_check"),
            Some("plans_year_check")
        );
        assert_eq!(constraint_name(None, "disk I/O error"), None);
    }

    #[test]
    fn postgres_reported_names_are_kept_when_known() {
        assert_eq!(
            constraint_name(Some("users_username_key"), ""),
            Some("users_username_key")
        );
        assert_eq!(constraint_name(Some("something_else"), ""), None);
    }
}
