//! The log of reads of personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; NĐ
//! 356/2025/NĐ-CP: keep a record of every processing): who read or exported which fields of
//! which record, and when. Rows are only ever inserted.

use crate::{Db, Result, Tx, now};

/// One logged read.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct PersonalRead {
    pub at: i64,
    pub user_id: i64,
    pub object_type: String,
    pub object_id: i64,
    /// The fields read, comma-separated keys.
    pub fields: String,
    /// `view` or `export`.
    pub purpose: String,
}

impl Tx {
    /// Logs that `user_id` read `fields` of a record, in the transaction of the read (a
    /// read that is not logged does not happen).
    pub async fn log_personal_read(
        &mut self,
        user_id: i64,
        object_type: &str,
        object_id: i64,
        fields: &[&str],
        purpose: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO personal_reads (at, user_id, object_type, object_id, fields, purpose) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now())
        .bind(user_id)
        .bind(object_type)
        .bind(object_id)
        .bind(fields.join(","))
        .bind(purpose)
        .execute(self.c())
        .await?;
        Ok(())
    }
}

impl Db {
    /// The reads of one record's personal data, newest first.
    pub async fn personal_reads_of(
        &mut self,
        object_type: &str,
        object_id: i64,
    ) -> Result<Vec<PersonalRead>> {
        Ok(sqlx::query_as(
            "SELECT at, user_id, object_type, object_id, fields, purpose FROM personal_reads \
             WHERE object_type = $1 AND object_id = $2 ORDER BY id DESC",
        )
        .bind(object_type)
        .bind(object_id)
        .fetch_all(self.c())
        .await?)
    }
}

/// A logged read of a register entry's personal data, as the log page shows it.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct PersonalReadRow {
    pub at: i64,
    pub user_id: i64,
    pub display_name: String,
    pub username: String,
    pub entry_id: i64,
    pub register: String,
    pub title: String,
    pub fields: String,
    pub purpose: String,
}

impl Db {
    /// The reads of personal data in a commune's registers, newest first, a page at a time.
    pub async fn personal_reads_in_commune(
        &mut self,
        commune_id: i64,
        req: crate::PageRequest,
    ) -> Result<crate::Page<PersonalReadRow>> {
        let mut l = crate::list::ListSql::new("at DESC, id DESC");
        let c = l.bind(crate::list::Bind::Int(commune_id));
        l.select = format!(
            "SELECT r.id, r.at, r.user_id, u.display_name, u.username, e.id AS entry_id, \
             e.register, e.title, r.fields, r.purpose FROM personal_reads r \
             JOIN users u ON u.id = r.user_id \
             JOIN register_entries e ON e.id = r.object_id AND r.object_type = 'register_entry' \
             WHERE e.commune_id = ${c}"
        );
        l.page(self, req).await
    }
}
