//! Server-side sessions, API tokens and the sign-in failure log used for throttling.
//!
//! Only hashes of secrets are stored: the session cookie and API token values are random
//! strings the application makes; this module keeps their SHA-256 (computed by the caller),
//! so a copy of the database does not let anyone sign in.

use serde::Serialize;

use crate::org::{RawUser, USER_COLUMNS};
use crate::{Db, Result, Tx, User, now};

/// A live session: whose it is and the CSRF token its forms must carry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
}

#[derive(sqlx::FromRow)]
struct SessionUserRow {
    #[sqlx(flatten)]
    user: RawUser,
    csrf_token: String,
    expires_at: i64,
}

/// An API token as its owner sees it in the list (never its value).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl Db {
    /// The account signed in with a session: the session for `token_hash` if it exists,
    /// has not expired and its user is active, with that user, in one query — every
    /// signed-in page asks this first.
    pub async fn session_user(&mut self, token_hash: &str) -> Result<Option<(Session, User)>> {
        let row: Option<SessionUserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM sessions s \
             JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
        )))
        .bind(token_hash)
        .bind(now())
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(|row| {
            let user = User::from(row.user);
            let session = Session {
                user_id: user.id,
                csrf_token: row.csrf_token,
                expires_at: row.expires_at,
            };
            (session, user)
        }))
    }

    /// Failed sign-ins for `key` (an account name or a client address) since `since`, and
    /// the time of the oldest of them (when the lock it causes lifts, with the window).
    pub async fn login_failures_since(&mut self, key: &str, since: i64) -> Result<(i64, i64)> {
        let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(self.c())
        .await?;
        Ok((n, oldest.unwrap_or(0)))
    }

    /// The times of the failed sign-ins for `key` since `since`, oldest first.
    pub async fn login_failure_times(&mut self, key: &str, since: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at",
        )
        .bind(key)
        .bind(since)
        .fetch_all(self.c())
        .await?)
    }

    /// The user of an unrevoked, unexpired API token whose account is active.
    pub async fn api_token_user(&mut self, token_hash: &str) -> Result<Option<(i64, User)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            token_id: i64,
            #[sqlx(flatten)]
            user: RawUser,
        }
        let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.id AS token_id, {USER_COLUMNS} FROM api_tokens t \
             JOIN users u ON u.id = t.user_id LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1 \
             AND (t.expires_at IS NULL OR t.expires_at > $2)"
        )))
        .bind(token_hash)
        .bind(now())
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(|r| (r.token_id, r.user.into())))
    }

    /// A user's API tokens, newest first.
    pub async fn api_tokens_of(&mut self, user_id: i64) -> Result<Vec<ApiToken>> {
        Ok(sqlx::query_as(
            "SELECT id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(self.c())
        .await?)
    }
}

impl Tx {
    pub async fn create_session(
        &mut self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        lifetime_secs: i64,
    ) -> Result<()> {
        let t = now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(t)
        .bind(t + lifetime_secs)
        .execute(self.c())
        .await?;
        Ok(())
    }

    pub async fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Ends every session of a user ("sign out everywhere").
    pub async fn delete_sessions_of(&mut self, user_id: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.c())
            .await?
            .rows_affected())
    }

    /// Removes expired sessions, staged uploads and idempotency records, and failure
    /// records older than `keep_failures_secs`.
    pub async fn purge_expired(
        &mut self,
        keep_failures_secs: i64,
        keep_requests_secs: i64,
    ) -> Result<()> {
        let t = now();
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(t)
            .execute(self.c())
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(t - keep_failures_secs)
            .execute(self.c())
            .await?;
        sqlx::query("DELETE FROM staged_uploads WHERE expires_at <= $1")
            .bind(t)
            .execute(self.c())
            .await?;
        sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(t - keep_requests_secs)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn record_login_failure(&mut self, key: &str) -> Result<()> {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now())
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn clear_login_failures(&mut self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn create_api_token(
        &mut self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        expires_at: Option<i64>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now())
        .bind(expires_at)
        .fetch_one(self.c())
        .await?)
    }

    /// Revokes one of a user's tokens; returns its name, or `None` when the user has no
    /// such unrevoked token.
    pub async fn revoke_api_token(
        &mut self,
        user_id: i64,
        token_id: i64,
    ) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 \
             AND revoked_at IS NULL RETURNING name",
        )
        .bind(now())
        .bind(token_id)
        .bind(user_id)
        .fetch_optional(self.c())
        .await?)
    }

    /// Notes that a token was used (at most once a minute, so reads stay reads).
    pub async fn touch_api_token(&mut self, token_id: i64) -> Result<()> {
        let t = now();
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 \
             AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(t)
        .bind(token_id)
        .bind(t - 60)
        .execute(self.c())
        .await?;
        Ok(())
    }
}
