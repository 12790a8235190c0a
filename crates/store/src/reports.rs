//! Report regimes, reports, their frozen versions and the province's comments (migration
//! 0012). The store keeps what the application decided; the rules (windows, deadlines,
//! moves between statuses) are in `domain::report`.

use domain::report::ReportStatus;
use serde::{Deserialize, Serialize};

use crate::{Db, Result, StoreError, Tx, now};

/// A regime as stored: the application parses it into `domain::report::Regime`.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct StoredRegime {
    pub id: i64,
    pub province_id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub frequency: String,
    pub cut_off: String,
    pub deadline_rule: String,
    pub deadline_days: i64,
    pub event_register: Option<String>,
    pub receiver: String,
    pub outline: String,
    pub annexes: String,
    pub active: i64,
    pub version: i64,
}

/// The columns of a regime to write.
#[derive(Debug, Clone)]
pub struct RegimeColumns {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub frequency: &'static str,
    pub cut_off: &'static str,
    pub deadline_rule: &'static str,
    pub deadline_days: i64,
    pub event_register: Option<&'static str>,
    pub receiver: String,
    pub outline: String,
    pub annexes: String,
    pub active: bool,
}

const REGIME_COLUMNS: &str = "id, province_id, code, name, kind, frequency, cut_off, \
     deadline_rule, deadline_days, event_register, receiver, outline, annexes, active, version";

/// A report as stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct StoredReport {
    pub id: i64,
    pub commune_id: i64,
    pub regime_id: i64,
    pub period: Option<String>,
    pub entry_id: Option<i64>,
    pub window_from: String,
    pub window_to: String,
    pub due_on: String,
    #[sqlx(try_from = "String")]
    pub status: ReportStatus,
    pub number: String,
    pub texts: String,
    pub version: i64,
    pub first_submitted_on: Option<String>,
    pub updated_at: i64,
}

const REPORT_COLUMNS: &str = "id, commune_id, regime_id, period, entry_id, window_from, \
     window_to, due_on, status, number, texts, version, first_submitted_on, updated_at";

/// A report in a list: the commune's reports, the province's review queue.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct ReportRow {
    pub id: i64,
    pub commune_id: i64,
    pub commune_name: String,
    pub regime_id: i64,
    pub regime_name: String,
    pub period: Option<String>,
    pub entry_id: Option<i64>,
    pub window_from: String,
    pub window_to: String,
    pub due_on: String,
    #[sqlx(try_from = "String")]
    pub status: ReportStatus,
    pub number: String,
    pub first_submitted_on: Option<String>,
    pub versions: i64,
    pub updated_at: i64,
}

const ROW_SELECT: &str = "SELECT r.id, r.commune_id, c.name AS commune_name, r.regime_id, \
     g.name AS regime_name, r.period, r.entry_id, r.window_from, r.window_to, r.due_on, \
     r.status, r.number, r.first_submitted_on, (SELECT COUNT(v.id) FROM report_versions v \
     WHERE v.report_id = r.id) AS versions, r.updated_at FROM reports r \
     JOIN communes c ON c.id = r.commune_id JOIN report_regimes g ON g.id = r.regime_id";

/// A new report.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub commune_id: i64,
    pub regime_id: i64,
    pub period: Option<String>,
    pub entry_id: Option<i64>,
    pub window_from: String,
    pub window_to: String,
    pub due_on: String,
    pub texts: String,
}

/// One submission of a report, without its file's bytes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct ReportVersion {
    pub seq: i64,
    pub content: String,
    pub filename: Option<String>,
    pub size_bytes: Option<i64>,
    pub submitted_by: Option<String>,
    pub submitted_at: i64,
    pub submitted_on: String,
}

/// A signed file sent with a submission: (file name, content type, bytes).
pub type SignedFile = (String, String, Vec<u8>);

/// A comment of the province's review.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct ReportComment {
    pub id: i64,
    pub version_seq: i64,
    pub action: String,
    pub body: String,
    pub author: Option<String>,
    pub created_at: i64,
}

impl Db {
    /// The regimes of a province, active first, in code order.
    pub async fn regimes_of(&mut self, province_id: i64) -> Result<Vec<StoredRegime>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {REGIME_COLUMNS} FROM report_regimes WHERE province_id = $1 \
             ORDER BY active DESC, id"
        )))
        .bind(province_id)
        .fetch_all(self.c())
        .await?)
    }

    pub async fn regime(&mut self, id: i64) -> Result<StoredRegime> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {REGIME_COLUMNS} FROM report_regimes WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.c())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// How many reports of the regime are being written (draft or returned).
    pub async fn open_reports_of_regime(&mut self, regime_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM reports WHERE regime_id = $1 AND status IN ('draft', 'returned')",
        )
        .bind(regime_id)
        .fetch_one(self.c())
        .await?)
    }

    /// The corrections to the shipped calendar: (ISO day, kind code, name), by day.
    pub async fn calendar_days(&mut self) -> Result<Vec<(String, String, String)>> {
        Ok(
            sqlx::query_as("SELECT day, kind, name FROM calendar_days ORDER BY day")
                .fetch_all(self.c())
                .await?,
        )
    }

    pub async fn report(&mut self, id: i64) -> Result<StoredReport> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.c())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// The report of a commune for a regime and a period, if drafted.
    pub async fn report_for_period(
        &mut self,
        commune_id: i64,
        regime_id: i64,
        period: &str,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM reports WHERE commune_id = $1 AND regime_id = $2 AND period = $3",
        )
        .bind(commune_id)
        .bind(regime_id)
        .bind(period)
        .fetch_optional(self.c())
        .await?)
    }

    /// The report of a commune for a regime and an event entry, if drafted.
    pub async fn report_for_entry(
        &mut self,
        commune_id: i64,
        regime_id: i64,
        entry_id: i64,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM reports WHERE commune_id = $1 AND regime_id = $2 AND entry_id = $3",
        )
        .bind(commune_id)
        .bind(regime_id)
        .bind(entry_id)
        .fetch_optional(self.c())
        .await?)
    }

    /// The commune's ad hoc report of a regime on exactly this window, if drafted.
    pub async fn report_for_window(
        &mut self,
        commune_id: i64,
        regime_id: i64,
        from: &str,
        to: &str,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM reports WHERE commune_id = $1 AND regime_id = $2 AND period IS NULL \
             AND entry_id IS NULL AND window_from = $3 AND window_to = $4",
        )
        .bind(commune_id)
        .bind(regime_id)
        .bind(from)
        .bind(to)
        .fetch_optional(self.c())
        .await?)
    }

    /// A commune's reports, the latest window first.
    pub async fn reports_of(&mut self, commune_id: i64) -> Result<Vec<ReportRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ROW_SELECT} WHERE r.commune_id = $1 ORDER BY r.window_to DESC, r.id DESC"
        )))
        .bind(commune_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The reports of a province's communes in `statuses`, the longest waiting first.
    pub async fn reports_of_province(
        &mut self,
        province_id: i64,
        statuses: &[ReportStatus],
    ) -> Result<Vec<ReportRow>> {
        let list: Vec<String> = statuses.iter().map(|s| format!("'{}'", s.code())).collect();
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ROW_SELECT} WHERE c.province_id = $1 AND r.status IN ({}) \
             ORDER BY r.updated_at, r.id",
            if list.is_empty() {
                "''".to_string()
            } else {
                list.join(", ")
            }
        )))
        .bind(province_id)
        .fetch_all(self.c())
        .await?)
    }

    /// A report's submissions, the first first (no file bytes).
    pub async fn report_versions(&mut self, report_id: i64) -> Result<Vec<ReportVersion>> {
        Ok(sqlx::query_as(
            "SELECT v.seq, v.content, v.filename, v.size_bytes, u.display_name AS submitted_by, \
             v.submitted_at, v.submitted_on FROM report_versions v LEFT JOIN users u \
             ON u.id = v.submitted_by WHERE v.report_id = $1 ORDER BY v.seq",
        )
        .bind(report_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The signed file of a submission.
    pub async fn report_file(&mut self, report_id: i64, seq: i64) -> Result<SignedFile> {
        type Row = (Option<String>, Option<String>, Option<Vec<u8>>);
        let row: Option<Row> = sqlx::query_as(
            "SELECT filename, content_type, bytes FROM report_versions \
             WHERE report_id = $1 AND seq = $2",
        )
        .bind(report_id)
        .bind(seq)
        .fetch_optional(self.c())
        .await?;
        match row {
            Some((Some(n), Some(t), Some(b))) => Ok((n, t, b)),
            _ => Err(StoreError::NotFound),
        }
    }

    /// The entries of a register that call for an event report: in `counted` states,
    /// dated from `since`, with (id, title, day, end day), by day.
    pub async fn event_entries(
        &mut self,
        commune_id: i64,
        register: &str,
        counted: &[&str],
        since: &str,
    ) -> Result<Vec<(i64, String, String, Option<String>)>> {
        if counted.is_empty() {
            return Ok(Vec::new());
        }
        let states: Vec<String> = (0..counted.len()).map(|i| format!("${}", i + 4)).collect();
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, title, on_date, end_date FROM register_entries WHERE commune_id = $1 \
             AND register = $2 AND on_date >= $3 AND deleted_at IS NULL AND state IN ({}) \
             ORDER BY on_date, id",
            states.join(", ")
        )))
        .bind(commune_id)
        .bind(register)
        .bind(since);
        for s in counted {
            q = q.bind(*s);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    /// The end day of an entry (ISO), if its register has one and it is filled.
    pub async fn entry_end(&mut self, id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT end_date FROM register_entries WHERE id = $1")
                .bind(id)
                .fetch_optional(self.c())
                .await?
                .flatten(),
        )
    }

    /// How many times a report was submitted.
    pub async fn report_version_count(&mut self, report_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(id) FROM report_versions WHERE report_id = $1")
                .bind(report_id)
                .fetch_one(self.c())
                .await?,
        )
    }

    /// The province's comments on a report, in order.
    pub async fn report_comments(&mut self, report_id: i64) -> Result<Vec<ReportComment>> {
        Ok(sqlx::query_as(
            "SELECT k.id, k.version_seq, k.action, k.body, u.display_name AS author, \
             k.created_at FROM report_comments k LEFT JOIN users u ON u.id = k.author_id \
             WHERE k.report_id = $1 ORDER BY k.id",
        )
        .bind(report_id)
        .fetch_all(self.c())
        .await?)
    }
}

impl Tx {
    /// Adds a regime to a province; its id.
    pub async fn insert_regime(
        &mut self,
        province_id: i64,
        c: &RegimeColumns,
        by: Option<i64>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO report_regimes (province_id, code, name, kind, frequency, cut_off, \
             deadline_rule, deadline_days, event_register, receiver, outline, annexes, active, \
             updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             $13, $14, $15) RETURNING id",
        )
        .bind(province_id)
        .bind(&c.code)
        .bind(&c.name)
        .bind(c.kind)
        .bind(c.frequency)
        .bind(c.cut_off)
        .bind(c.deadline_rule)
        .bind(c.deadline_days)
        .bind(c.event_register)
        .bind(&c.receiver)
        .bind(&c.outline)
        .bind(&c.annexes)
        .bind(i64::from(c.active))
        .bind(by)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }

    /// Changes a regime if it is still at `version`; whether it was.
    pub async fn update_regime(
        &mut self,
        id: i64,
        version: i64,
        c: &RegimeColumns,
        by: i64,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE report_regimes SET name = $1, kind = $2, frequency = $3, cut_off = $4, \
             deadline_rule = $5, deadline_days = $6, event_register = $7, receiver = $8, \
             outline = $9, annexes = $10, active = $11, updated_by = $12, updated_at = $13, \
             version = version + 1 WHERE id = $14 AND version = $15",
        )
        .bind(&c.name)
        .bind(c.kind)
        .bind(c.frequency)
        .bind(c.cut_off)
        .bind(c.deadline_rule)
        .bind(c.deadline_days)
        .bind(c.event_register)
        .bind(&c.receiver)
        .bind(&c.outline)
        .bind(&c.annexes)
        .bind(i64::from(c.active))
        .bind(by)
        .bind(now())
        .bind(id)
        .bind(version)
        .execute(self.c())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Sets or replaces a correction of the calendar.
    pub async fn put_calendar_day(
        &mut self,
        day: &str,
        kind: &str,
        name: &str,
        by: i64,
    ) -> Result<()> {
        sqlx::query("DELETE FROM calendar_days WHERE day = $1")
            .bind(day)
            .execute(self.c())
            .await?;
        sqlx::query(
            "INSERT INTO calendar_days (day, kind, name, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(day)
        .bind(kind)
        .bind(name)
        .bind(by)
        .bind(now())
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Removes a correction of the calendar (the shipped day applies again); whether there
    /// was one.
    pub async fn remove_calendar_day(&mut self, day: &str) -> Result<bool> {
        Ok(sqlx::query("DELETE FROM calendar_days WHERE day = $1")
            .bind(day)
            .execute(self.c())
            .await?
            .rows_affected()
            == 1)
    }

    /// The report `id`, locked for a change.
    pub async fn lock_report(&mut self, id: i64) -> Result<StoredReport> {
        let lock = match self.backend {
            crate::Backend::Postgres => " FOR UPDATE",
            crate::Backend::Sqlite => "",
        };
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1{lock}"
        )))
        .bind(id)
        .fetch_optional(self.c())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// Adds a report; its id, or `Conflict("reports_period_key")` /
    /// `Conflict("reports_entry_key")` when the commune already has it.
    pub async fn insert_report(&mut self, r: &NewReport, by: i64) -> Result<i64> {
        let t = now();
        Ok(sqlx::query_scalar(
            "INSERT INTO reports (commune_id, regime_id, period, entry_id, window_from, \
             window_to, due_on, texts, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(r.commune_id)
        .bind(r.regime_id)
        .bind(&r.period)
        .bind(r.entry_id)
        .bind(&r.window_from)
        .bind(&r.window_to)
        .bind(&r.due_on)
        .bind(&r.texts)
        .bind(by)
        .bind(t)
        .bind(t)
        .fetch_one(self.c())
        .await?)
    }

    /// Saves a report's number and prose if it is still at `version`; whether it was.
    pub async fn update_report_texts(
        &mut self,
        id: i64,
        version: i64,
        number: &str,
        texts: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE reports SET number = $1, texts = $2, version = version + 1, \
             updated_at = $3 WHERE id = $4 AND version = $5",
        )
        .bind(number)
        .bind(texts)
        .bind(now())
        .bind(id)
        .bind(version)
        .execute(self.c())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Moves a report to `status` if it is still at `version`; whether it was. The first
    /// submission's day is kept once set (a report sent late stays late).
    pub async fn set_report_status(
        &mut self,
        id: i64,
        version: i64,
        status: ReportStatus,
        submitted_on: Option<&str>,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE reports SET status = $1, version = version + 1, updated_at = $2, \
             first_submitted_on = COALESCE(first_submitted_on, $3) WHERE id = $4 AND version = $5",
        )
        .bind(status.code())
        .bind(now())
        .bind(submitted_on)
        .bind(id)
        .bind(version)
        .execute(self.c())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Freezes a submission: the next version number of the report, its content and file.
    pub async fn insert_report_version(
        &mut self,
        report_id: i64,
        content: &str,
        file: Option<&SignedFile>,
        by: i64,
        on: &str,
    ) -> Result<i64> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM report_versions WHERE report_id = $1",
        )
        .bind(report_id)
        .fetch_one(self.c())
        .await?;
        sqlx::query(
            "INSERT INTO report_versions (report_id, seq, content, filename, content_type, \
             size_bytes, bytes, submitted_by, submitted_at, submitted_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(report_id)
        .bind(seq)
        .bind(content)
        .bind(file.map(|f| f.0.as_str()))
        .bind(file.map(|f| f.1.as_str()))
        .bind(file.map(|f| f.2.len() as i64))
        .bind(file.map(|f| f.2.as_slice()))
        .bind(by)
        .bind(now())
        .bind(on)
        .execute(self.c())
        .await?;
        Ok(seq)
    }

    /// Adds a comment of the province's review.
    pub async fn insert_report_comment(
        &mut self,
        report_id: i64,
        version_seq: i64,
        action: &str,
        body: &str,
        by: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO report_comments (report_id, version_seq, action, body, author_id, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(report_id)
        .bind(version_seq)
        .bind(action)
        .bind(body)
        .bind(by)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }
}
