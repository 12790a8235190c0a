//! Occurrences of tasks and the progress recorded on them, and the aggregates the dashboards
//! show. "Overdue" is always computed against the `today` a query is given, never stored.
//! Aggregates are of one plan — the plan in force of a year — never of every plan of a
//! commune (issue 13, defect c).

use domain::ProgressState;
use domain::org::CommuneKind;
use domain::plan::PlanStatus;
use domain::progress::OccurrenceStatus;
use serde::{Deserialize, Serialize};

use crate::list::{Bind, ListSql, sorts};
use crate::org::like_escape;
use crate::plans::in_force_sql;
use crate::{Backend, Db, Page, PageRequest, Result, SortKey, Tx, fold, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Occurrence {
    pub id: i64,
    pub task_id: i64,
    pub seq: i64,
    pub label: String,
    pub starts_on: String,
    pub due_on: String,
    #[sqlx(try_from = "String")]
    pub status: OccurrenceStatus,
    pub percent: i64,
}

/// An occurrence with its task and lead unit, for "due soon" and "overdue" lists.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct OccurrenceRow {
    pub id: i64,
    pub task_id: i64,
    pub task_ref: String,
    pub task_text: String,
    pub lead_name: Option<String>,
    pub label: String,
    pub due_on: String,
    #[sqlx(try_from = "String")]
    pub status: OccurrenceStatus,
    pub percent: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub id: i64,
    pub occurrence_id: i64,
    pub occurrence_label: String,
    pub username: String,
    pub display_name: String,
    pub unit_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: OccurrenceStatus,
    pub percent: i64,
    pub note: String,
    pub evidence_url: Option<String>,
    pub evidence_name: Option<String>,
    pub created_at: i64,
    /// The update of the previous version this one was carried over from (amendment).
    pub carried_from: Option<i64>,
}

/// A progress record to add; evidence is a link, a file, both or neither.
#[derive(Debug, Clone)]
pub struct NewProgress {
    pub occurrence_id: i64,
    pub unit_id: Option<i64>,
    pub state: ProgressState,
    pub note: String,
    pub evidence_url: Option<String>,
    /// (file name, content type, bytes).
    pub evidence_file: Option<(String, String, Vec<u8>)>,
}

/// Progress of one unit over the occurrences of the tasks it leads in one plan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct UnitProgress {
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub tasks: i64,
    pub occurrences: i64,
    pub done: i64,
    pub overdue: i64,
}

/// One commune's line in the province overview, for one year: its plan in force (if any)
/// and that plan's figures.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct CommuneProgress {
    pub commune_id: i64,
    pub commune_name: String,
    #[sqlx(try_from = "String")]
    pub commune_kind: CommuneKind,
    pub plan_id: Option<i64>,
    pub plan_status: Option<String>,
    pub issued_on: Option<String>,
    pub tasks: i64,
    pub occurrences: i64,
    pub done: i64,
    pub overdue: i64,
    pub percent_done: i64,
}

impl CommuneProgress {
    pub fn status(&self) -> Option<PlanStatus> {
        self.plan_status.as_deref().and_then(PlanStatus::parse)
    }
}

/// What carrying progress over from a task to its amended version moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CarriedProgress {
    pub occurrences: usize,
    pub updates: usize,
}

sorts!(
    /// The orders of the province overview.
    ProvinceSort {
        Name = ("", "Tên xã, phường (A–Z)", "name_folded, commune_id"),
        ProgressAsc = ("progress", "Tiến độ thấp trước", "percent_done, name_folded, commune_id"),
        ProgressDesc = ("-progress", "Tiến độ cao trước", "percent_done DESC, name_folded, commune_id"),
        Overdue = ("overdue", "Nhiều kỳ quá hạn trước", "overdue DESC, name_folded, commune_id"),
        Status = ("status", "Tình trạng kế hoạch", "status_rank, name_folded, commune_id"),
    }
);

const OVERDUE: &str = "o.due_on < $1 AND o.status NOT IN ('done', 'cancelled')";

const OCCURRENCE_COLUMNS: &str = "id, task_id, seq, label, starts_on, due_on, status, percent";

impl Db {
    pub async fn occurrences_of(&mut self, task_id: i64) -> Result<Vec<Occurrence>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE task_id = $1 ORDER BY due_on, seq"
        )))
        .bind(task_id)
        .fetch_all(self.c())
        .await?)
    }

    /// Every occurrence of a plan's tasks, by task and due date (generators, exports).
    pub async fn occurrences_of_plan(&mut self, plan_id: i64) -> Result<Vec<Occurrence>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.task_id, o.seq, o.label, o.starts_on, o.due_on, o.status, o.percent \
             FROM occurrences o JOIN tasks t ON t.id = o.task_id \
             WHERE t.plan_id = $1 AND t.deleted_at IS NULL ORDER BY t.position, o.due_on, o.seq",
        )
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    pub async fn occurrence(&mut self, id: i64) -> Result<Occurrence> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?)
    }

    /// The progress history of a task, newest first, a page at a time.
    pub async fn progress_of_task(
        &mut self,
        task_id: i64,
        req: PageRequest,
    ) -> Result<Page<ProgressUpdate>> {
        let mut l = ListSql::new("id DESC");
        let t = l.bind(Bind::Int(task_id));
        l.select = format!(
            "SELECT p.id, p.occurrence_id, o.label AS occurrence_label, u.username, \
             u.display_name, un.name AS unit_name, p.status, p.percent, p.note, p.evidence_url, \
             p.evidence_name, p.created_at, p.carried_from FROM progress_updates p \
             JOIN occurrences o ON o.id = p.occurrence_id JOIN users u ON u.id = p.user_id \
             LEFT JOIN units un ON un.id = p.unit_id WHERE o.task_id = ${t}"
        );
        l.page(self, req).await
    }

    /// The progress a report of a window tells, oldest first, with each record's task: what
    /// was recorded on a plan's tasks between two instants (epoch seconds, both included),
    /// and what was recorded at any time on the occurrences due in the window (ISO days,
    /// both included) — a unit that reports late still reports on the window.
    pub async fn progress_of_plan_between(
        &mut self,
        plan_id: i64,
        (from, to): (i64, i64),
        (from_day, to_day): (&str, &str),
    ) -> Result<Vec<(i64, ProgressUpdate)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            task_id: i64,
            #[sqlx(flatten)]
            update: ProgressUpdate,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT o.task_id, p.id, p.occurrence_id, o.label AS occurrence_label, u.username, \
             u.display_name, un.name AS unit_name, p.status, p.percent, p.note, p.evidence_url, \
             p.evidence_name, p.created_at, p.carried_from FROM progress_updates p \
             JOIN occurrences o ON o.id = p.occurrence_id JOIN tasks t ON t.id = o.task_id \
             JOIN users u ON u.id = p.user_id LEFT JOIN units un ON un.id = p.unit_id \
             WHERE t.plan_id = $1 AND t.deleted_at IS NULL AND ((p.created_at >= $2 \
             AND p.created_at <= $3) OR (o.due_on >= $4 AND o.due_on <= $5)) \
             ORDER BY p.created_at, p.id",
        )
        .bind(plan_id)
        .bind(from)
        .bind(to)
        .bind(from_day)
        .bind(to_day)
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|r| (r.task_id, r.update)).collect())
    }

    /// The evidence file of a progress update, with the task it belongs to:
    /// (task id, filename, content type, bytes).
    pub async fn evidence_file(
        &mut self,
        update_id: i64,
    ) -> Result<(i64, String, String, Vec<u8>)> {
        Ok(sqlx::query_as(
            "SELECT o.task_id, p.evidence_name, p.evidence_type, p.evidence_bytes \
             FROM progress_updates p JOIN occurrences o ON o.id = p.occurrence_id \
             WHERE p.id = $1 AND p.evidence_bytes IS NOT NULL",
        )
        .bind(update_id)
        .fetch_one(self.c())
        .await?)
    }

    /// Progress by lead unit over one plan, ordered by unit name.
    pub async fn progress_by_unit(
        &mut self,
        plan_id: i64,
        today: &str,
    ) -> Result<Vec<UnitProgress>> {
        // The unit's name is looked up after grouping, once per unit, by primary key. Joined
        // before grouping, PostgreSQL hashed every unit of every commune to name a handful.
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT g.unit_id, (SELECT un.name FROM units un WHERE un.id = g.unit_id) AS unit_name, \
             g.tasks, g.occurrences, g.done, g.overdue FROM (\
             SELECT t.lead_unit_id AS unit_id, \
             COUNT(DISTINCT t.id) AS tasks, COUNT(o.task_id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
             FROM tasks t LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE t.plan_id = $2 AND t.deleted_at IS NULL \
             GROUP BY t.lead_unit_id) AS g ORDER BY unit_name, g.unit_id"
        )))
        .bind(today)
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    /// Progress by section of one plan: (section id, occurrences, done, overdue) for each
    /// section that holds tasks directly (`None` for tasks outside any section).
    pub async fn progress_by_section(
        &mut self,
        plan_id: i64,
        today: &str,
    ) -> Result<Vec<(Option<i64>, i64, i64, i64)>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.section_id, COUNT(o.task_id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
             FROM tasks t LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE t.plan_id = $2 AND t.deleted_at IS NULL \
             GROUP BY t.section_id ORDER BY MIN(t.position)"
        )))
        .bind(today)
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    /// Open occurrences of one plan due in `[from, to]` (ISO dates), or overdue when `from`
    /// is `None` (due before `to` and not done), soonest first. `unit_id` narrows to tasks
    /// that unit leads or partners in.
    pub async fn open_occurrences(
        &mut self,
        plan_id: i64,
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
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.id, t.id AS task_id, t.ref_label AS task_ref, t.text AS task_text, \
             (SELECT un.name FROM units un WHERE un.id = t.lead_unit_id) AS lead_name, \
             o.label, o.due_on, o.status, o.percent \
             FROM occurrences o JOIN tasks t ON t.id = o.task_id \
             WHERE t.plan_id = $2 AND t.deleted_at IS NULL \
             AND o.status NOT IN ('done', 'cancelled') AND {range} {unit} \
             ORDER BY o.due_on, t.position LIMIT {}",
            limit.clamp(1, 1000)
        )))
        .bind(to)
        .bind(plan_id)
        .bind(from.unwrap_or(""))
        .bind(unit_id.unwrap_or(0))
        .fetch_all(self.c())
        .await?)
    }

    /// One line per commune of a province for `year`: its plan in force and that plan's
    /// task and occurrence counts, done and overdue; filtered by name, sorted and paged in
    /// SQL (`req` `None`: every line, for the export).
    pub async fn province_overview(
        &mut self,
        province_id: i64,
        year: i64,
        today: &str,
        query: &str,
        sort: ProvinceSort,
        req: Option<PageRequest>,
    ) -> Result<Page<CommuneProgress>> {
        let mut l = ListSql::new(sort.order_sql());
        l.bind(Bind::Text(today.into()));
        let p = l.bind(Bind::Int(province_id));
        let y = l.bind(Bind::Int(year));
        let mut filter = String::new();
        let q = fold(query);
        if !q.is_empty() {
            let n = l.bind(Bind::Text(format!("%{}%", like_escape(&q))));
            filter = format!(" AND c.name_folded LIKE ${n} ESCAPE '\\'");
        }
        // Every occurrence of the province's plans in force is read once per call, so the
        // per-row work is kept small: tasks are counted by a subquery per commune, and the
        // occurrence columns come from the covering index of migration 0006.
        //
        // One plan per commune, so the plan's columns are the same on every row of a
        // commune's group, and the group is the commune alone: with the plan's columns in
        // the key, SQLite compared seven columns on each of the province's occurrences and
        // PostgreSQL expected 10,000 groups and sorted them (both about 25 % slower).
        // SQLite takes the plan's columns as they are (bare columns of an aggregate query);
        // PostgreSQL needs them aggregated, and MIN of one value is that value.
        let (id, status, issued, group) = match self.backend {
            Backend::Sqlite => (
                "pl.id",
                "pl.status",
                "pl.issued_on",
                "c.id, c.name, c.kind, c.name_folded",
            ),
            Backend::Postgres => ("MIN(pl.id)", "MIN(pl.status)", "MIN(pl.issued_on)", "c.id"),
        };
        l.select = format!(
            "SELECT c.id AS commune_id, c.name AS commune_name, c.kind AS commune_kind, \
             c.name_folded, {id} AS plan_id, {status} AS plan_status, {issued} AS issued_on, \
             CASE {status} WHEN 'issued' THEN 0 WHEN 'submitted' THEN 1 WHEN 'draft' THEN 2 \
             ELSE 3 END AS status_rank, \
             (SELECT COUNT(*) FROM tasks tt WHERE tt.plan_id = {id} AND tt.deleted_at IS NULL) AS tasks, \
             COUNT(o.task_id) AS occurrences, \
             CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
             CAST(COALESCE(SUM(CASE WHEN {OVERDUE} THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue, \
             CAST(CASE WHEN COUNT(o.task_id) = 0 THEN 0 ELSE \
               COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) * 100 / COUNT(o.task_id) \
               END AS BIGINT) AS percent_done \
             FROM communes c \
             LEFT JOIN plans pl ON pl.id = ({}) \
             LEFT JOIN tasks t ON t.plan_id = pl.id AND t.deleted_at IS NULL \
             LEFT JOIN occurrences o ON o.task_id = t.id \
             WHERE c.province_id = ${p}{filter} GROUP BY {group}",
            in_force_sql("c.id", &format!("${y}")),
        );
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }
}

impl Tx {
    /// Adds an occurrence to a task outside its schedule (e.g. when the superior asks, for
    /// "theo kế hoạch của cấp trên"); returns its id.
    pub async fn add_occurrence(
        &mut self,
        task_id: i64,
        label: &str,
        starts_on: &str,
        due_on: &str,
    ) -> Result<i64> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM occurrences WHERE task_id = $1",
        )
        .bind(task_id)
        .fetch_one(self.c())
        .await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO occurrences (task_id, seq, label, starts_on, due_on, status, percent, \
             updated_at) VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6) RETURNING id",
        )
        .bind(task_id)
        .bind(seq)
        .bind(label)
        .bind(starts_on)
        .bind(due_on)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }

    /// Records progress on an occurrence and makes it the occurrence's current state.
    /// Returns the update's id.
    pub async fn record_progress(&mut self, by: i64, new: &NewProgress) -> Result<i64> {
        let (ev_name, ev_type, ev_bytes) = match &new.evidence_file {
            Some((n, ty, b)) => (Some(n.clone()), Some(ty.clone()), Some(b.clone())),
            None => (None, None, None),
        };
        let t = now();
        let status = new.state.status().as_code();
        let percent = i64::from(new.state.percent().get());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO progress_updates (occurrence_id, user_id, unit_id, status, percent, \
             note, evidence_url, evidence_name, evidence_type, evidence_bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(new.occurrence_id)
        .bind(by)
        .bind(new.unit_id)
        .bind(status)
        .bind(percent)
        .bind(&new.note)
        .bind(&new.evidence_url)
        .bind(ev_name)
        .bind(ev_type)
        .bind(ev_bytes)
        .bind(t)
        .fetch_one(self.c())
        .await?;
        sqlx::query(
            "UPDATE occurrences SET status = $1, percent = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(percent)
        .bind(t)
        .bind(new.occurrence_id)
        .execute(self.c())
        .await?;
        Ok(id)
    }

    /// Carries the progress of task `from` (of a plan being amended) over to its copy `to`
    /// in the new version (issue 13, defect a): each occurrence of `to` with the same label
    /// and due date as one of `from` takes its status and percentage, and a copy of each of
    /// its progress updates (evidence included, `carried_from` naming the original), so the
    /// new version's figures and history start where the old one stood.
    pub async fn carry_progress(&mut self, from: i64, to: i64) -> Result<CarriedProgress> {
        let pairs: Vec<(i64, i64, String, i64)> = sqlx::query_as(
            "SELECT o_old.id, o_new.id, o_old.status, o_old.percent FROM occurrences o_old \
             JOIN occurrences o_new ON o_new.task_id = $2 AND o_new.label = o_old.label \
             AND o_new.due_on = o_old.due_on \
             WHERE o_old.task_id = $1 AND (o_old.status <> 'not_started' OR EXISTS \
             (SELECT 1 FROM progress_updates pu WHERE pu.occurrence_id = o_old.id)) \
             ORDER BY o_old.seq",
        )
        .bind(from)
        .bind(to)
        .fetch_all(self.c())
        .await?;
        let mut carried = CarriedProgress::default();
        for (old, new, status, percent) in pairs {
            sqlx::query(
                "UPDATE occurrences SET status = $1, percent = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(&status)
            .bind(percent)
            .bind(now())
            .bind(new)
            .execute(self.c())
            .await?;
            let copied = sqlx::query(
                "INSERT INTO progress_updates (occurrence_id, user_id, unit_id, status, percent, \
                 note, evidence_url, evidence_name, evidence_type, evidence_bytes, created_at, \
                 carried_from) \
                 SELECT $1, user_id, unit_id, status, percent, note, evidence_url, evidence_name, \
                 evidence_type, evidence_bytes, created_at, id FROM progress_updates \
                 WHERE occurrence_id = $2 ORDER BY id",
            )
            .bind(new)
            .bind(old)
            .execute(self.c())
            .await?;
            carried.occurrences += 1;
            carried.updates += copied.rows_affected() as usize;
        }
        Ok(carried)
    }
}
