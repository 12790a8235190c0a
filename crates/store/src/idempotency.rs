//! Requests that must take effect once (issue 13, defect b): a form's one-time token, or an
//! API call's `Idempotency-Key`. A unit of work claims its key first, in its own
//! transaction, and stores its result there before committing; a second request with the
//! same key — a double click, Back and resubmit, a client retrying — finds the key claimed
//! and answers the first result without writing anything.
//!
//! Concurrency: on SQLite the transaction holds the write lock, so the second request's
//! claim runs after the first commits; on PostgreSQL its INSERT waits on the unique key
//! until the first transaction ends. Either way it then sees the committed result. A unit of
//! work that fails rolls its claim back with everything else, so the corrected form can be
//! sent again with the same token.

use crate::{Result, StoreError, Tx, now};

/// What claiming a request key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: go on, and [`Tx::finish_request`] before committing.
    Fresh,
    /// The key was used for the same request: its stored result (JSON).
    Done(String),
    /// The key was used for a different request (another body).
    Mismatch,
}

impl Tx {
    /// Claims `key` for user `user_id` and a request whose content hashes to `request`.
    pub async fn claim_request(&mut self, user_id: i64, key: &str, request: &str) -> Result<Claim> {
        let inserted = sqlx::query(
            "INSERT INTO idempotency (user_id, key, request_hash, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO NOTHING",
        )
        .bind(user_id)
        .bind(key)
        .bind(request)
        .bind(now())
        .execute(self.c())
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Fresh);
        }
        let (hash, result): (String, Option<String>) = sqlx::query_as(
            "SELECT request_hash, result_json FROM idempotency WHERE user_id = $1 AND key = $2",
        )
        .bind(user_id)
        .bind(key)
        .fetch_one(self.c())
        .await?;
        if hash != request {
            return Ok(Claim::Mismatch);
        }
        match result {
            Some(r) => Ok(Claim::Done(r)),
            None => Err(StoreError::Corrupt(format!(
                "request key of user {user_id} committed without its result"
            ))),
        }
    }

    /// Stores the result of the request that claimed `key`.
    pub async fn finish_request(&mut self, user_id: i64, key: &str, result: &str) -> Result<()> {
        sqlx::query("UPDATE idempotency SET result_json = $1 WHERE user_id = $2 AND key = $3")
            .bind(result)
            .bind(user_id)
            .bind(key)
            .execute(self.c())
            .await?;
        Ok(())
    }
}
