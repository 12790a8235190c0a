//! Occurrences of tasks and the progress recorded on them, and the aggregates the dashboards
//! show. "Overdue" is always computed against the `today` a query is given, never stored.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::audit::{self, Subject};
use crate::{Result, Store, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Occurrence {
    pub id: i64,
    pub task_id: i64,
    pub seq: i64,
    pub label: String,
    pub starts_on: String,
    pub due_on: String,
    pub status: String,
    pub percent: i64,
}

/// An occurrence with its task and lead unit, for "due soon" and "overdue" lists.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OccurrenceRow {
    pub id: i64,
    pub task_id: i64,
    pub task_ref: String,
    pub task_text: String,
    pub lead_name: Option<String>,
    pub label: String,
    pub due_on: String,
    pub status: String,
    pub percent: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ProgressUpdate {
    pub id: i64,
    pub occurrence_id: i64,
    pub occurrence_label: String,
    pub username: String,
    pub display_name: String,
    pub unit_name: Option<String>,
    pub status: String,
    pub percent: i64,
    pub note: String,
    pub evidence_url: Option<String>,
    pub evidence_name: Option<String>,
    pub created_at: i64,
}

/// A progress record to add. `status` is a [`domain`] status code, `percent` 0–100 (the
/// schema checks it too); evidence is a link, a file, both or neither.
#[derive(Debug, Clone)]
pub struct NewProgress {
    pub occurrence_id: i64,
    pub unit_id: Option<i64>,
    pub status: String,
    pub percent: i64,
    pub note: String,
    pub evidence_url: Option<String>,
    pub evidence_file: Option<(String, String, Vec<u8>)>,
}

/// Progress of one unit over the occurrences of tasks it leads.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UnitProgress {
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub tasks: i64,
    pub occurrences: i64,
    pub done: i64,
    pub overdue: i64,
}

/// One commune's line in the province overview.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CommuneProgress {
    pub commune_id: i64,
    pub commune_name: String,
    pub commune_kind: String,
    pub plans: i64,
    pub latest_status: Option<String>,
    pub tasks: i64,
    pub occurrences: i64,
    pub done: i64,
    pub overdue: i64,
}

const OVERDUE: &str = "o.due_on < $1 AND o.status NOT IN ('done', 'cancelled')";

impl Store {
    pub async fn occurrences_of(&self, task_id: i64) -> Result<Vec<Occurrence>> {
        Ok(sqlx::query_as(
            "SELECT id, task_id, seq, label, starts_on, due_on, status, percent FROM occurrences \
             WHERE task_id = $1 ORDER BY due_on, seq",
        )
        .bind(task_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn occurrence(&self, id: i64) -> Result<Occurrence> {
        Ok(sqlx::query_as(
            "SELECT id, task_id, seq, label, starts_on, due_on, status, percent FROM occurrences \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Adds an occurrence to a task outside its schedule (e.g. when the superior asks, for
    /// "theo kế hoạch của cấp trên"); returns its id.
    pub async fn add_occurrence(
        &self,
        by: i64,
        task_id: i64,
        label: &str,
        starts_on: &str,
        due_on: &str,
    ) -> Result<i64> {
        let task = self.task(task_id).await?;
        let mut tx = self.pool.begin().await?;
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM occurrences WHERE task_id = $1",
        )
        .bind(task_id)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO occurrences (task_id, seq, label, starts_on, due_on, status, percent, \
             updated_at) VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6) RETURNING id",
        )
        .bind(task_id)
        .bind(seq)
        .bind(label)
        .bind(starts_on)
        .bind(due_on)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let subject = Subject {
            commune_id: Some(task.commune_id),
            object_type: "task",
            object_id: task_id,
        };
        let after = serde_json::json!({"occurrence": label, "due_on": due_on});
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "add_occurrence",
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records progress on an occurrence and makes it the occurrence's current state, with
    /// its audit record, in one transaction. Returns the update's id.
    pub async fn record_progress(&self, by: i64, new: &NewProgress) -> Result<i64> {
        let before = self.occurrence(new.occurrence_id).await?;
        let task = self.task(before.task_id).await?;
        let mut tx = self.pool.begin().await?;
        let id = write_progress(&mut tx, by, new, &before, task.commune_id, now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records many progress updates by one user in a single transaction (bulk loads such
    /// as `doingoai bench-data`): each exactly as [`Store::record_progress`] would, in the
    /// order given, so a later update of the same occurrence is its current state. Either
    /// all of them are stored or none is (an unknown occurrence is [`StoreError::NotFound`]
    /// and stores nothing). Returns the updates' ids in order.
    ///
    /// [`StoreError::NotFound`]: crate::StoreError::NotFound
    pub async fn record_progress_batch(
        &self,
        by: i64,
        updates: &[NewProgress],
    ) -> Result<Vec<i64>> {
        // Read every occurrence (and its state before the batch) outside the write
        // transaction, as `record_progress` does; later updates of the same occurrence
        // see the state the earlier ones left.
        let mut current: HashMap<i64, (Occurrence, i64)> = HashMap::new();
        let mut befores: Vec<(Occurrence, i64)> = Vec::with_capacity(updates.len());
        for new in updates {
            let state = match current.entry(new.occurrence_id) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    let occ = self.occurrence(new.occurrence_id).await?;
                    let commune_id = self.task(occ.task_id).await?.commune_id;
                    e.insert((occ, commune_id))
                }
            };
            befores.push(state.clone());
            state.0.status.clone_from(&new.status);
            state.0.percent = new.percent;
        }
        let t = now();
        let mut tx = self.pool.begin().await?;
        let mut ids = Vec::with_capacity(updates.len());
        for (new, (before, commune_id)) in updates.iter().zip(&befores) {
            ids.push(write_progress(&mut tx, by, new, before, *commune_id, t).await?);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// The progress history of a task, newest first.
    pub async fn progress_of_task(&self, task_id: i64) -> Result<Vec<ProgressUpdate>> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.occurrence_id, o.label AS occurrence_label, u.username, \
             u.display_name, un.name AS unit_name, p.status, p.percent, p.note, p.evidence_url, \
             p.evidence_name, p.created_at FROM progress_updates p \
             JOIN occurrences o ON o.id = p.occurrence_id JOIN users u ON u.id = p.user_id \
             LEFT JOIN units un ON un.id = p.unit_id WHERE o.task_id = $1 ORDER BY p.id DESC",
        )
        .bind(task_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The evidence file of a progress update, with the task it belongs to:
    /// (task id, filename, content type, bytes).
    pub async fn evidence_file(&self, update_id: i64) -> Result<(i64, String, String, Vec<u8>)> {
        Ok(sqlx::query_as(
            "SELECT o.task_id, p.evidence_name, p.evidence_type, p.evidence_bytes \
             FROM progress_updates p JOIN occurrences o ON o.id = p.occurrence_id \
             WHERE p.id = $1 AND p.evidence_bytes IS NOT NULL",
        )
        .bind(update_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Progress by lead unit over a commune's current plans (issued, submitted or draft —
    /// not superseded versions), ordered by unit name.
    pub async fn progress_by_unit(
        &self,
        commune_id: i64,
        today: &str,
    ) -> Result<Vec<UnitProgress>> {
        // The unit's name is looked up after grouping, once per unit, by primary key. Joined
        // before grouping, PostgreSQL hashed every unit of every commune (2,300 rows in the
        // benchmark province) to name a handful.
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT g.unit_id, (SELECT un.name FROM units un WHERE un.id = g.unit_id) AS unit_name, \
             g.tasks, g.occurrences, g.done, g.overdue FROM (\
             SELECT t.lead_unit_id AS unit_id, \
             COUNT(DISTINCT t.id) AS tasks, COUNT(o.id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
             FROM tasks t JOIN plans p ON p.id = t.plan_id \
             LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE t.commune_id = $2 AND t.deleted_at IS NULL AND p.deleted_at IS NULL \
             AND p.status <> 'amended' \
             GROUP BY t.lead_unit_id) AS g ORDER BY unit_name, g.unit_id"
        )))
        .bind(today)
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Progress by section of one plan: (section id, occurrences, done, overdue) for each
    /// section that holds tasks directly (`None` for tasks outside any section). Rolling
    /// these up to parts is the caller's choice.
    pub async fn progress_by_section(
        &self,
        plan_id: i64,
        today: &str,
    ) -> Result<Vec<(Option<i64>, i64, i64, i64)>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.section_id, COUNT(o.id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
             FROM tasks t LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE t.plan_id = $2 AND t.deleted_at IS NULL \
             GROUP BY t.section_id ORDER BY MIN(t.position)"
        )))
        .bind(today)
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Open occurrences of a commune due in `[from, to]` (ISO dates), or overdue when
    /// `from` is `None` (due before `to` and not done), soonest first. `unit_id` narrows
    /// to tasks that unit leads or partners in.
    pub async fn open_occurrences(
        &self,
        commune_id: i64,
        unit_id: Option<i64>,
        from: Option<&str>,
        to: &str,
        limit: i64,
    ) -> Result<Vec<OccurrenceRow>> {
        let range = match from {
            Some(_) => "o.due_on >= $3 AND o.due_on <= $1",
            None => "o.due_on < $1 AND $3 = $3",
        };
        let unit = if unit_id.is_some() {
            "AND (t.lead_unit_id = $4 OR EXISTS (SELECT 1 FROM task_partners tp \
             WHERE tp.task_id = t.id AND tp.unit_id = $4))"
        } else {
            "AND $4 = $4"
        };
        // The lead unit's name by primary key per row, not a join: see `progress_by_unit`.
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.id, t.id AS task_id, t.ref_label AS task_ref, t.text AS task_text, \
             (SELECT un.name FROM units un WHERE un.id = t.lead_unit_id) AS lead_name, \
             o.label, o.due_on, o.status, o.percent \
             FROM occurrences o JOIN tasks t ON t.id = o.task_id \
             JOIN plans p ON p.id = t.plan_id \
             WHERE t.commune_id = $2 AND t.deleted_at IS NULL AND p.deleted_at IS NULL \
             AND p.status <> 'amended' AND o.status NOT IN ('done', 'cancelled') AND {range} {unit} \
             ORDER BY o.due_on, t.position LIMIT {}",
            limit.clamp(1, 1000)
        )))
        .bind(to)
        .bind(commune_id)
        .bind(from.unwrap_or(""))
        .bind(unit_id.unwrap_or(0))
        .fetch_all(&self.pool)
        .await?)
    }

    /// One line per commune of a province: plans, latest plan status, task and occurrence
    /// counts, done and overdue, ordered by name.
    pub async fn province_overview(
        &self,
        province_id: i64,
        today: &str,
    ) -> Result<Vec<CommuneProgress>> {
        // Every occurrence of the province is read once per call (23,749 in the benchmark
        // province), so the per-row work is kept small: tasks are counted by a subquery per
        // commune instead of COUNT(DISTINCT t.id) over the occurrence rows (which made
        // PostgreSQL sort all of them by commune and SQLite keep a B-tree per commune), and
        // the occurrence columns come from the covering index of migration 0006.
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT c.id AS commune_id, c.name AS commune_name, c.kind AS commune_kind, \
             (SELECT COUNT(*) FROM plans p WHERE p.commune_id = c.id AND p.deleted_at IS NULL) AS plans, \
             (SELECT p.status FROM plans p WHERE p.commune_id = c.id AND p.deleted_at IS NULL \
              ORDER BY p.year DESC, p.version DESC, p.id DESC LIMIT 1) AS latest_status, \
             (SELECT COUNT(*) FROM plans p JOIN tasks t ON t.plan_id = p.id \
              WHERE p.commune_id = c.id AND p.deleted_at IS NULL AND p.status <> 'amended' \
              AND t.deleted_at IS NULL) AS tasks, \
             COUNT(o.id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
             FROM communes c \
             LEFT JOIN plans pl ON pl.commune_id = c.id AND pl.deleted_at IS NULL AND pl.status <> 'amended' \
             LEFT JOIN tasks t ON t.plan_id = pl.id AND t.deleted_at IS NULL \
             LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE c.province_id = $2 GROUP BY c.id, c.name, c.kind, c.name_folded \
             ORDER BY c.name_folded"
        )))
        .bind(today)
        .bind(province_id)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// The writes of one progress update inside `tx`: the update row, the occurrence's new
/// state, and the audit record (with the occurrence's state `before`).
async fn write_progress(
    tx: &mut Transaction<'_, Any>,
    by: i64,
    new: &NewProgress,
    before: &Occurrence,
    commune_id: i64,
    t: i64,
) -> Result<i64> {
    let (ev_name, ev_type, ev_bytes) = match &new.evidence_file {
        Some((n, ty, b)) => (Some(n.clone()), Some(ty.clone()), Some(b.clone())),
        None => (None, None, None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO progress_updates (occurrence_id, user_id, unit_id, status, percent, note, \
         evidence_url, evidence_name, evidence_type, evidence_bytes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(new.occurrence_id)
    .bind(by)
    .bind(new.unit_id)
    .bind(&new.status)
    .bind(new.percent)
    .bind(&new.note)
    .bind(&new.evidence_url)
    .bind(ev_name.clone())
    .bind(ev_type)
    .bind(ev_bytes)
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE occurrences SET status = $1, percent = $2, updated_at = $3 WHERE id = $4")
        .bind(&new.status)
        .bind(new.percent)
        .bind(t)
        .bind(new.occurrence_id)
        .execute(&mut **tx)
        .await?;
    let subject = Subject {
        commune_id: Some(commune_id),
        object_type: "task",
        object_id: before.task_id,
    };
    let after = serde_json::json!({"occurrence": before.label, "status": new.status,
        "percent": new.percent, "note": new.note, "evidence_url": new.evidence_url,
        "evidence_file": ev_name});
    let before_json = serde_json::json!({"occurrence": before.label,
        "status": before.status, "percent": before.percent});
    audit::record(
        tx,
        Some(by),
        subject,
        "progress",
        Some(&before_json),
        Some(&after),
    )
    .await?;
    Ok(id)
}
