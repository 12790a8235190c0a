//! The province's own plans, kept as uploaded so communes can start from them.

use serde::{Deserialize, Serialize};

use crate::{Db, Result, Tx, now};

/// A province plan without its file.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
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

impl Db {
    /// A province's plans, newest year first.
    pub async fn province_plans_of(&mut self, province_id: i64) -> Result<Vec<ProvincePlan>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM province_plans WHERE province_id = $1 ORDER BY year DESC, id DESC"
        )))
        .bind(province_id)
        .fetch_all(self.c())
        .await?)
    }

    /// One province plan and its file's bytes, in one query.
    pub async fn province_plan(&mut self, id: i64) -> Result<(ProvincePlan, Vec<u8>)> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            plan: ProvincePlan,
            bytes: Vec<u8>,
        }
        let r: Row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS}, bytes FROM province_plans WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?;
        Ok((r.plan, r.bytes))
    }
}

impl Tx {
    /// Stores a province plan file with what was read from it.
    #[allow(clippy::too_many_arguments)] // one row's columns, named at the call
    pub async fn create_province_plan(
        &mut self,
        by: i64,
        province_id: i64,
        year: i64,
        title: &str,
        doc_number: Option<&str>,
        filename: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
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
        .fetch_one(self.c())
        .await?)
    }
}
