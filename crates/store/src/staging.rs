//! Uploaded documents waiting for the officer's review (issue 13, defect n): the file stays
//! on the server, referred to by a random token, until the plan is saved or the stage
//! expires. The review form posts the token back, never the file or where it came from.

use domain::plan::PlanOrigin;

use crate::{Db, Result, Tx, now};

/// A staged document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StagedUpload {
    pub id: i64,
    pub user_id: i64,
    pub commune_id: i64,
    #[sqlx(try_from = "String")]
    pub origin: PlanOrigin,
    pub province_plan_id: Option<i64>,
    pub filename: String,
    pub bytes: Vec<u8>,
    pub expires_at: i64,
}

/// A document to stage.
#[derive(Debug, Clone, Copy)]
pub struct StagedUploadIn<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub commune_id: i64,
    pub origin: PlanOrigin,
    pub province_plan_id: Option<i64>,
    pub filename: &'a str,
    pub bytes: &'a [u8],
    pub lifetime_secs: i64,
}

impl Db {
    /// The staged upload of `token_hash` if it has not expired.
    pub async fn staged_upload(&mut self, token_hash: &str) -> Result<Option<StagedUpload>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, commune_id, origin, province_plan_id, filename, bytes, \
             expires_at FROM staged_uploads WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now())
        .fetch_optional(self.c())
        .await?)
    }
}

impl Tx {
    pub async fn stage_upload(&mut self, s: &StagedUploadIn<'_>) -> Result<i64> {
        let t = now();
        Ok(sqlx::query_scalar(
            "INSERT INTO staged_uploads (token_hash, user_id, commune_id, origin, \
             province_plan_id, filename, bytes, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(s.token_hash)
        .bind(s.user_id)
        .bind(s.commune_id)
        .bind(s.origin.code())
        .bind(s.province_plan_id)
        .bind(s.filename)
        .bind(s.bytes.to_vec())
        .bind(t)
        .bind(t + s.lifetime_secs)
        .fetch_one(self.c())
        .await?)
    }

    /// Removes a staged upload (its plan was saved).
    pub async fn drop_staged_upload(&mut self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM staged_uploads WHERE id = $1")
            .bind(id)
            .execute(self.c())
            .await?;
        Ok(())
    }
}
