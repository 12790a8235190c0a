//! The audit trail: every change by a user, with the object's state before and after.
//! Rows are only ever inserted.

use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::{Result, Store, now};

/// One recorded change, newest first in listings.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub action: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// What a change is about.
pub(crate) struct Subject<'a> {
    pub commune_id: Option<i64>,
    pub object_type: &'a str,
    pub object_id: i64,
}

/// Records a change inside the transaction that makes it, so there is never a change
/// without its record nor a record of a change that was rolled back.
pub(crate) async fn record<B: Serialize, A: Serialize>(
    tx: &mut Transaction<'_, Any>,
    user_id: Option<i64>,
    subject: Subject<'_>,
    action: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(|b| serde_json::to_string(b).unwrap_or_default());
    let after = after.map(|a| serde_json::to_string(a).unwrap_or_default());
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, commune_id, object_type, object_id, action, \
         before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now())
    .bind(user_id)
    .bind(subject.commune_id)
    .bind(subject.object_type)
    .bind(subject.object_id)
    .bind(action)
    .bind(before)
    .bind(after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The history of one object, newest first.
    pub async fn audit_of(&self, object_type: &str, object_id: i64) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.at, a.user_id, u.username, a.action, a.before_json, a.after_json \
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE a.object_type = $1 AND a.object_id = $2 ORDER BY a.id DESC",
        )
        .bind(object_type)
        .bind(object_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest changes to objects of one type (units, users…), newest first, limited to
    /// one commune when `commune_id` is given.
    pub async fn audit_of_type(
        &self,
        object_type: &str,
        commune_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT a.id, a.at, a.user_id, u.username, a.action, a.before_json, a.after_json \
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE a.object_type = $1 AND ($2 = 0 OR a.commune_id = $2) \
             ORDER BY a.id DESC LIMIT {}",
            limit.clamp(1, 1000)
        )))
        .bind(object_type)
        .bind(commune_id.unwrap_or(0))
        .fetch_all(&self.pool)
        .await?)
    }
}
