//! The province's own plans, kept as uploaded so communes can start from them.

use serde::Serialize;

use crate::audit::{self, Subject};
use crate::{Result, Store, now};

/// A province plan without its file.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ProvincePlan {
    pub id: i64,
    pub province_id: i64,
    pub year: i64,
    pub title: String,
    pub doc_number: Option<String>,
    pub filename: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, province_id, year, title, doc_number, filename, created_at";

impl Store {
    /// Stores a province plan file with what was read from it (audited).
    #[allow(clippy::too_many_arguments)] // one row's columns, named at the call
    pub async fn create_province_plan(
        &self,
        by: i64,
        province_id: i64,
        year: i64,
        title: &str,
        doc_number: Option<&str>,
        filename: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO province_plans (province_id, year, title, doc_number, filename, bytes, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(province_id)
        .bind(year)
        .bind(title)
        .bind(doc_number)
        .bind(filename)
        .bind(bytes.to_vec())
        .bind(by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let subject = Subject {
            commune_id: None,
            object_type: "province_plan",
            object_id: id,
        };
        let after = serde_json::json!({"title": title, "year": year, "file": filename});
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "create",
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A province's plans, newest year first.
    pub async fn province_plans_of(&self, province_id: i64) -> Result<Vec<ProvincePlan>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM province_plans WHERE province_id = $1 ORDER BY year DESC, id DESC"
        )))
        .bind(province_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One province plan and its file's bytes.
    pub async fn province_plan(&self, id: i64) -> Result<(ProvincePlan, Vec<u8>)> {
        let plan: ProvincePlan = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM province_plans WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        let bytes: Vec<u8> = sqlx::query_scalar("SELECT bytes FROM province_plans WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok((plan, bytes))
    }
}
