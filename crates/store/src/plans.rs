//! Plans with their sections and tasks. A plan is created whole, in one transaction, from
//! what the import (or a copy, or a skeleton) produced: sections, tasks with their matched
//! units, and each task's occurrences made in advance for the plan year.

use std::collections::HashMap;

use domain::plan::{FileKind, PlanOrigin, PlanStatus};
use domain::schedule::Recurrence;
use serde::{Deserialize, Serialize};

use crate::list::{Bind, ListSql, sorts};
use crate::search::{self, Lookup, Searchable};
use crate::{Db, Page, PageRequest, Result, SortKey, StoreError, Tx, fold, now, placeholders};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub commune_id: i64,
    pub year: i64,
    pub title: String,
    pub doc_number: Option<String>,
    /// ISO date.
    pub issued_on: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: PlanStatus,
    pub version: i64,
    pub previous_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub origin: PlanOrigin,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the office discarded it (a discarded plan is listed only for restoring).
    pub deleted_at: Option<i64>,
}

const PLAN_COLUMNS: &str = "id, commune_id, year, title, doc_number, issued_on, status, version, \
     previous_id, origin, created_at, updated_at, deleted_at";

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Section {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub level: i64,
    pub label: String,
    pub title: String,
    pub body: String,
    /// Incremented by every save; a save must name the version it started from.
    pub version: i64,
}

/// A section to create; `parent` is the index of an earlier section in the same list.
#[derive(Debug, Clone, Serialize)]
pub struct NewSection {
    pub parent: Option<usize>,
    pub level: i64,
    pub label: String,
    pub title: String,
    pub body: String,
}

/// A section's new texts and the version they were edited from.
#[derive(Debug, Clone)]
pub struct SectionEdit {
    pub label: String,
    pub title: String,
    pub body: String,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewOccurrence {
    pub seq: i64,
    pub label: String,
    /// ISO dates.
    pub starts_on: String,
    pub due_on: String,
}

/// A task to create. `section` indexes [`NewPlan::sections`]; unit ids must belong to the
/// plan's commune; the raw texts keep what the document said.
#[derive(Debug, Clone, Serialize)]
pub struct NewTask {
    pub section: Option<usize>,
    pub ref_label: String,
    pub text: String,
    pub lead_unit_id: Option<i64>,
    pub lead_text: Option<String>,
    pub partners: Vec<(Option<i64>, String)>,
    pub timeframe: Option<String>,
    pub recurrence: Recurrence,
    pub schedule_certain: bool,
    pub occurrences: Vec<NewOccurrence>,
}

#[derive(Debug, Clone)]
pub struct NewPlan {
    pub commune_id: i64,
    pub year: i64,
    pub title: String,
    pub doc_number: Option<String>,
    pub origin: PlanOrigin,
    pub previous_id: Option<i64>,
    pub version: i64,
    pub document_json: Option<String>,
    pub source_text: Option<String>,
    pub sections: Vec<NewSection>,
    pub tasks: Vec<NewTask>,
}

/// A task as stored (units by id; names joined in [`TaskRow`]).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct Task {
    pub id: i64,
    pub plan_id: i64,
    pub commune_id: i64,
    pub section_id: Option<i64>,
    pub position: i64,
    pub ref_label: String,
    pub text: String,
    pub lead_unit_id: Option<i64>,
    pub lead_text: Option<String>,
    pub timeframe: Option<String>,
    #[sqlx(try_from = "String")]
    pub recurrence: Recurrence,
    pub schedule_certain: i64,
    /// Incremented by every save; a save must name the version it started from.
    pub version: i64,
}

const TASK_COLUMNS: &str = "t.id, t.plan_id, t.commune_id, t.section_id, t.position, t.ref_label, \
     t.text, t.lead_unit_id, t.lead_text, t.timeframe, t.recurrence, t.schedule_certain, \
     t.version";

/// A task in a listing, with its lead unit's name and progress counts; `overdue` and
/// `next_due` are computed against the `today` of the query, never stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct TaskRow {
    pub id: i64,
    pub plan_id: i64,
    pub commune_id: i64,
    pub plan_year: i64,
    pub ref_label: String,
    pub text: String,
    pub lead_unit_id: Option<i64>,
    pub lead_name: Option<String>,
    pub lead_text: Option<String>,
    pub timeframe: Option<String>,
    pub occurrences: i64,
    pub done: i64,
    pub overdue: i64,
    pub next_due: Option<String>,
    pub percent: i64,
}

sorts!(
    /// The orders of a task list.
    TaskSort {
        Ref = ("ref", "Theo mục", "plan_id, position, id"),
        RefDesc = ("-ref", "Theo mục (ngược)", "plan_id DESC, position DESC, id DESC"),
        Due = ("due", "Hạn gần nhất", "CASE WHEN next_due IS NULL THEN 1 ELSE 0 END, next_due, position, id"),
        DueDesc = ("-due", "Hạn xa nhất", "CASE WHEN next_due IS NULL THEN 1 ELSE 0 END, next_due DESC, position, id"),
        Progress = ("progress", "Tiến độ thấp trước", "percent, plan_id, position, id"),
        ProgressDesc = ("-progress", "Tiến độ cao trước", "percent DESC, plan_id, position, id"),
        Text = ("text", "Nội dung (A–Z)", "text_folded, plan_id, position, id"),
        TextDesc = ("-text", "Nội dung (Z–A)", "text_folded DESC, plan_id, position, id"),
        Lead = ("lead", "Đơn vị chủ trì (A–Z)", "lead_name, plan_id, position, id"),
        LeadDesc = ("-lead", "Đơn vị chủ trì (Z–A)", "lead_name DESC, plan_id, position, id"),
    }
);

/// What a task listing shows; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub commune_id: i64,
    pub plan_id: Option<i64>,
    /// Tasks this unit leads or partners in.
    pub unit_id: Option<i64>,
    /// Words that must all appear (tone-insensitive, đ = d).
    pub query: Option<String>,
    pub only_overdue: bool,
}

sorts!(
    /// The orders of a commune's plan list.
    PlanSort {
        Year = ("", "Năm mới nhất trước", "year DESC, version DESC, id DESC"),
        YearAsc = ("year", "Năm cũ nhất trước", "year, version, id"),
        Title = ("title", "Trích yếu (A–Z)", "title_folded, id"),
        Updated = ("updated", "Sửa gần nhất", "updated_at DESC, id DESC"),
    }
);

/// What a plan list shows.
#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    pub commune_id: i64,
    pub query: String,
    pub status: Option<PlanStatus>,
    /// Only discarded plans (the administrator's list for restoring), instead of live ones.
    pub discarded: bool,
}

/// A file to store with a plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanFileIn<'a> {
    pub kind: FileKind,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// A stored file of a plan, without its bytes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct PlanFile {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: FileKind,
    pub filename: String,
    pub size: i64,
}

/// What an officer may change on a task, and the version the change was made from.
#[derive(Debug, Clone, Serialize)]
pub struct TaskEdit {
    pub text: String,
    pub lead_unit_id: Option<i64>,
    pub partners: Vec<(Option<i64>, String)>,
    pub timeframe: Option<String>,
    pub recurrence: Recurrence,
    pub schedule_certain: bool,
    pub version: i64,
}

impl Db {
    /// A live plan (not discarded).
    pub async fn plan(&mut self, id: i64) -> Result<Plan> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1 AND deleted_at IS NULL"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?)
    }

    /// A plan whether discarded or not (restoring, the administrator's view).
    pub async fn plan_any(&mut self, id: i64) -> Result<Plan> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?)
    }

    /// The parsed document a plan was imported from (JSON, `docs/parse-format.md`), if any.
    pub async fn plan_document_json(&mut self, id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT document_json FROM plans WHERE id = $1")
                .bind(id)
                .fetch_one(self.c())
                .await?,
        )
    }

    /// A commune's live plans, newest year and version first.
    pub async fn plans_of(&mut self, commune_id: i64) -> Result<Vec<Plan>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE commune_id = $1 AND deleted_at IS NULL \
             ORDER BY year DESC, version DESC, id DESC"
        )))
        .bind(commune_id)
        .fetch_all(self.c())
        .await?)
    }

    /// A page of the plans `filter` asks for; `req` `None`: all of them (export).
    pub async fn plans_page(
        &mut self,
        filter: &PlanFilter,
        sort: PlanSort,
        req: Option<PageRequest>,
    ) -> Result<Page<Plan>> {
        let mut l = ListSql::new(sort.order_sql());
        let c = l.bind(Bind::Int(filter.commune_id));
        let mut select = format!(
            "SELECT {PLAN_COLUMNS}, title_folded FROM plans p WHERE p.commune_id = ${c} AND \
             p.deleted_at IS {}",
            if filter.discarded { "NOT NULL" } else { "NULL" }
        );
        if let Some(s) = filter.status {
            let n = l.bind(Bind::Text(s.code().into()));
            select.push_str(&format!(" AND p.status = ${n}"));
        }
        // One commune's plans: each is tested (search::Lookup::Rows).
        let words = search::condition(
            self.backend,
            Searchable::Plans,
            Lookup::Rows,
            "p",
            l.binds.len() + 1,
            &filter.query,
        );
        if let Some((condition, values)) = words {
            for v in values {
                l.bind(Bind::Text(v));
            }
            select.push_str(" AND ");
            select.push_str(&condition);
        }
        l.select = select;
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }

    /// The years a commune has live plans for, newest first.
    pub async fn plan_years(&mut self, commune_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT year FROM plans WHERE commune_id = $1 AND deleted_at IS NULL \
             AND status <> 'amended' ORDER BY year DESC",
        )
        .bind(commune_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The years the communes of a province have live plans for, newest first.
    pub async fn plan_years_of_province(&mut self, province_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT p.year FROM plans p JOIN communes c ON c.id = p.commune_id \
             WHERE c.province_id = $1 AND p.deleted_at IS NULL AND p.status <> 'amended' \
             ORDER BY p.year DESC",
        )
        .bind(province_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The plan in force for a commune and year (issue 13, defect c): its issued version if
    /// it has one, otherwise its latest draft (submitted or not). Superseded versions and
    /// discarded plans never are.
    pub async fn plan_in_force(&mut self, commune_id: i64, year: i64) -> Result<Option<Plan>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE id = ({})",
            in_force_sql("$1", "$2")
        )))
        .bind(commune_id)
        .bind(year)
        .fetch_optional(self.c())
        .await?)
    }

    /// Plans whose title contains every word of `query` (folded), in the given communes.
    pub async fn search_plans(
        &mut self,
        commune_ids: &[i64],
        query: &str,
        limit: i64,
    ) -> Result<Vec<Plan>> {
        if commune_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = format!(
            "SELECT {PLAN_COLUMNS} FROM plans p WHERE p.deleted_at IS NULL \
             AND p.commune_id IN ({})",
            placeholders(1, commune_ids.len())
        );
        let words = search::condition(
            self.backend,
            Searchable::Plans,
            Lookup::over(commune_ids),
            "p",
            commune_ids.len() + 1,
            query,
        );
        let Some((condition, values)) = words else {
            return Ok(Vec::new());
        };
        sql.push_str(" AND ");
        sql.push_str(&condition);
        sql.push_str(&format!(
            " ORDER BY year DESC, id DESC LIMIT {}",
            limit.clamp(1, 1000)
        ));
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for c in commune_ids {
            q = q.bind(*c);
        }
        for v in values {
            q = q.bind(v);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    pub async fn sections_of(&mut self, plan_id: i64) -> Result<Vec<Section>> {
        Ok(sqlx::query_as(
            "SELECT id, parent_id, position, level, label, title, body, version FROM sections \
             WHERE plan_id = $1 AND deleted_at IS NULL ORDER BY position",
        )
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    /// One section of a plan.
    pub async fn section(&mut self, plan_id: i64, section_id: i64) -> Result<Section> {
        Ok(sqlx::query_as(
            "SELECT id, parent_id, position, level, label, title, body, version FROM sections \
             WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL",
        )
        .bind(section_id)
        .bind(plan_id)
        .fetch_one(self.c())
        .await?)
    }

    pub async fn task(&mut self, id: i64) -> Result<Task> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id \
             WHERE t.id = $1 AND t.deleted_at IS NULL AND p.deleted_at IS NULL"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?)
    }

    /// Every task of a plan as stored, in plan order (copying and amending a plan).
    pub async fn plan_tasks(&mut self, plan_id: i64) -> Result<Vec<Task>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks t WHERE t.plan_id = $1 AND t.deleted_at IS NULL \
             ORDER BY t.position, t.id"
        )))
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The partner units of a task: (unit id if matched, text as written), in order.
    pub async fn task_partners(&mut self, task_id: i64) -> Result<Vec<(Option<i64>, String)>> {
        Ok(sqlx::query_as(
            "SELECT unit_id, raw_text FROM task_partners WHERE task_id = $1 ORDER BY position",
        )
        .bind(task_id)
        .fetch_all(self.c())
        .await?)
    }

    /// The partners of every task of a plan, by task, in one query (no read per task).
    pub async fn plan_partners(
        &mut self,
        plan_id: i64,
    ) -> Result<HashMap<i64, Vec<(Option<i64>, String)>>> {
        let rows: Vec<(i64, Option<i64>, String)> = sqlx::query_as(
            "SELECT tp.task_id, tp.unit_id, tp.raw_text FROM task_partners tp \
             JOIN tasks t ON t.id = tp.task_id WHERE t.plan_id = $1 AND t.deleted_at IS NULL \
             ORDER BY tp.task_id, tp.position",
        )
        .bind(plan_id)
        .fetch_all(self.c())
        .await?;
        let mut out: HashMap<i64, Vec<(Option<i64>, String)>> = HashMap::new();
        for (task, unit, raw) in rows {
            out.entry(task).or_default().push((unit, raw));
        }
        Ok(out)
    }

    /// A page of the tasks `filter` asks for, in `sort` order; `req` `None`: every one
    /// (a CSV export holds the whole list the officer filtered, not one page of it).
    pub async fn tasks_page(
        &mut self,
        filter: &TaskFilter,
        sort: TaskSort,
        today: &str,
        req: Option<PageRequest>,
    ) -> Result<Page<TaskRow>> {
        let l = self.task_list(filter, sort, today);
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }

    fn task_list(&self, filter: &TaskFilter, sort: TaskSort, today: &str) -> ListSql {
        let mut l = ListSql::new(sort.order_sql());
        l.bind(Bind::Text(today.into()));
        let c = l.bind(Bind::Int(filter.commune_id));
        let mut conditions = vec![
            "t.deleted_at IS NULL".to_string(),
            format!("t.commune_id = ${c}"),
        ];
        if let Some(p) = filter.plan_id {
            let n = l.bind(Bind::Int(p));
            conditions.push(format!("t.plan_id = ${n}"));
        }
        if let Some(u) = filter.unit_id {
            let n = l.bind(Bind::Int(u));
            conditions.push(format!(
                "(t.lead_unit_id = ${n} OR EXISTS (SELECT 1 FROM task_partners tp \
                 WHERE tp.task_id = t.id AND tp.unit_id = ${n}))"
            ));
        }
        // One commune's tasks: each is tested (search::Lookup::Rows).
        let words = filter.query.as_deref().and_then(|q| {
            search::condition(
                self.backend,
                Searchable::Tasks,
                Lookup::Rows,
                "t",
                l.binds.len() + 1,
                q,
            )
        });
        if let Some((condition, values)) = words {
            for v in values {
                l.bind(Bind::Text(v));
            }
            conditions.push(condition);
        }
        let having = if filter.only_overdue {
            " HAVING SUM(CASE WHEN o.due_on < $1 AND o.status NOT IN ('done', 'cancelled') \
              THEN 1 ELSE 0 END) > 0"
        } else {
            ""
        };
        l.select = task_rows_sql(&conditions.join(" AND "), having);
        l
    }

    /// The tasks of any of `commune_ids` matching every word of `query`, newest plan year
    /// first, at most `limit`: one query for a search across a province.
    pub async fn search_tasks(
        &mut self,
        commune_ids: &[i64],
        query: &str,
        today: &str,
        limit: i64,
    ) -> Result<Vec<TaskRow>> {
        let first = commune_ids.len() + 2;
        let Some((words, values)) = search::condition(
            self.backend,
            Searchable::Tasks,
            Lookup::over(commune_ids),
            "t",
            first,
            query,
        ) else {
            return Ok(Vec::new());
        };
        if commune_ids.is_empty() {
            return Ok(Vec::new());
        }
        let where_sql = format!(
            "t.deleted_at IS NULL AND t.commune_id IN ({}) AND {words}",
            placeholders(2, commune_ids.len())
        );
        let sql = format!(
            "SELECT r.* FROM ({}) AS r ORDER BY plan_year DESC, plan_id, position LIMIT {}",
            task_rows_sql(&where_sql, ""),
            limit.clamp(1, 1000)
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(today);
        for c in commune_ids {
            q = q.bind(*c);
        }
        for v in values {
            q = q.bind(v);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    /// Every task of a plan, in plan order, with no cap: for reading a whole plan (its
    /// page, its export), where a page of a listing would silently drop the tasks past it.
    pub async fn tasks_of_plan(&mut self, plan_id: i64, today: &str) -> Result<Vec<TaskRow>> {
        let base = task_rows_sql("t.deleted_at IS NULL AND t.plan_id = $2", "");
        let sql = format!("SELECT r.* FROM ({base}) AS r ORDER BY position, id");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(today)
            .bind(plan_id)
            .fetch_all(self.c())
            .await?)
    }

    /// The files of a plan, oldest first.
    pub async fn plan_files(&mut self, plan_id: i64) -> Result<Vec<PlanFile>> {
        Ok(sqlx::query_as(
            "SELECT id, kind, filename, LENGTH(bytes) AS size FROM plan_files WHERE plan_id = $1 \
             ORDER BY id",
        )
        .bind(plan_id)
        .fetch_all(self.c())
        .await?)
    }

    /// One file of a plan: (filename, content type, bytes).
    pub async fn plan_file(
        &mut self,
        plan_id: i64,
        file_id: i64,
    ) -> Result<(String, String, Vec<u8>)> {
        Ok(sqlx::query_as(
            "SELECT filename, content_type, bytes FROM plan_files WHERE id = $1 AND plan_id = $2",
        )
        .bind(file_id)
        .bind(plan_id)
        .fetch_one(self.c())
        .await?)
    }
}

/// The id of the plan in force for commune `commune` and year `year` (SQL expressions):
/// the issued version, else the newest other live version that is not superseded.
pub(crate) fn in_force_sql(commune: &str, year: &str) -> String {
    format!(
        "SELECT pf.id FROM plans pf WHERE pf.commune_id = {commune} AND pf.year = {year} \
         AND pf.deleted_at IS NULL AND pf.status <> 'amended' \
         ORDER BY CASE WHEN pf.status = 'issued' THEN 0 ELSE 1 END, pf.version DESC, pf.id DESC \
         LIMIT 1"
    )
}

/// The SELECT of [`TaskRow`]s (one row per task: its plan's year, lead unit's name and
/// occurrence counts), narrowed by `where_sql` and `having`. `$1` is today, against which
/// `overdue` is counted; the caller's conditions number their own binds from `$2`. One
/// piece serves every task listing, so a row means the same in all of them. The lead
/// unit's name is a lookup by primary key per task rather than a join: joined, PostgreSQL
/// hashed every unit of the database to name one commune's few.
///
/// Occurrences are counted as `COUNT(o.task_id)` (the same as `COUNT(o.id)` under the left
/// join), so that every column read is in `occurrences_task_due_idx`: PostgreSQL then reads
/// a plan's occurrences from that index alone, instead of scanning every occurrence of
/// the database (a dashboard's progress by unit went from 21 ms to 3 ms with 24,000
/// occurrences; the same rule in `progress.rs`).
fn task_rows_sql(where_sql: &str, having: &str) -> String {
    format!(
        "SELECT t.id, t.plan_id, t.commune_id, p.year AS plan_year, t.ref_label, t.text, \
         t.lead_unit_id, \
         (SELECT un.name FROM units un WHERE un.id = t.lead_unit_id) AS lead_name, \
         t.lead_text, t.timeframe, t.position, t.text_folded, \
         COUNT(o.task_id) AS occurrences, \
         CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
         CAST(COALESCE(SUM(CASE WHEN o.due_on < $1 AND o.status NOT IN ('done', 'cancelled') \
             THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue, \
         MIN(CASE WHEN o.status NOT IN ('done', 'cancelled') THEN o.due_on END) AS next_due, \
         CAST(COALESCE(SUM(o.percent), 0) / CASE WHEN COUNT(o.task_id) = 0 THEN 1 ELSE COUNT(o.task_id) END \
             AS BIGINT) AS percent \
         FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL \
         LEFT JOIN occurrences o ON o.task_id = t.id \
         WHERE {where_sql} \
         GROUP BY t.id, t.plan_id, t.commune_id, p.year, t.ref_label, t.text, t.lead_unit_id, \
         t.lead_text, t.timeframe, t.position, t.text_folded{having}"
    )
}

impl Tx {
    /// Creates a plan with all its sections, tasks and occurrences. Returns its id and the
    /// ids of its tasks, in the order of `new.tasks`.
    pub async fn create_plan(&mut self, by: Option<i64>, new: &NewPlan) -> Result<(i64, Vec<i64>)> {
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (commune_id, year, title, title_folded, doc_number, status, \
             version, previous_id, origin, document_json, source_text, created_by, created_at, \
             updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(new.commune_id)
        .bind(new.year)
        .bind(&new.title)
        .bind(fold(&new.title))
        .bind(&new.doc_number)
        .bind(new.version)
        .bind(new.previous_id)
        .bind(new.origin.code())
        .bind(&new.document_json)
        .bind(&new.source_text)
        .bind(by)
        .bind(t)
        .fetch_one(self.c())
        .await?;
        let mut section_ids: Vec<i64> = Vec::with_capacity(new.sections.len());
        for (pos, s) in new.sections.iter().enumerate() {
            let parent = match s.parent {
                Some(i) => Some(*section_ids.get(i).ok_or_else(|| {
                    StoreError::Corrupt(format!("section {pos} names a later parent {i}"))
                })?),
                None => None,
            };
            let sid: i64 = sqlx::query_scalar(
                "INSERT INTO sections (plan_id, parent_id, position, level, label, title, body) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(id)
            .bind(parent)
            .bind(pos as i64)
            .bind(s.level)
            .bind(&s.label)
            .bind(&s.title)
            .bind(&s.body)
            .fetch_one(self.c())
            .await?;
            section_ids.push(sid);
        }
        let mut task_ids = Vec::with_capacity(new.tasks.len());
        for (pos, task) in new.tasks.iter().enumerate() {
            let section_id = task.section.and_then(|i| section_ids.get(i).copied());
            let at = TaskPlace {
                plan_id: id,
                commune_id: new.commune_id,
                section_id,
                position: pos as i64,
            };
            task_ids.push(self.insert_task(at, task, t).await?);
        }
        Ok((id, task_ids))
    }

    /// Adds a section to a plan, placed after the last descendant of `parent` (or at the
    /// end when `parent` is `None`), one level below its parent; later sections move down.
    /// The positions are read inside the transaction, after [`Tx::lock_plan`] by the caller,
    /// so two sections added at once never take the same place. Returns the new section.
    pub async fn add_section(
        &mut self,
        plan_id: i64,
        parent: Option<i64>,
        label: &str,
        title: &str,
        body: &str,
    ) -> Result<Section> {
        let sections = self.sections_of(plan_id).await?;
        let (position, level) = match parent {
            None => (sections.last().map_or(0, |s| s.position + 1), 1),
            Some(p) => {
                let parent = sections
                    .iter()
                    .find(|s| s.id == p)
                    .ok_or(StoreError::NotFound)?;
                // The parent's subtree is the run of sections after it with a deeper level.
                let last = sections
                    .iter()
                    .skip_while(|s| s.id != p)
                    .skip(1)
                    .take_while(|s| s.level > parent.level)
                    .last()
                    .unwrap_or(parent);
                (last.position + 1, parent.level + 1)
            }
        };
        sqlx::query(
            "UPDATE sections SET position = position + 1 WHERE plan_id = $1 AND position >= $2",
        )
        .bind(plan_id)
        .bind(position)
        .execute(self.c())
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sections (plan_id, parent_id, position, level, label, title, body) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(plan_id)
        .bind(parent)
        .bind(position)
        .bind(level)
        .bind(label)
        .bind(title)
        .bind(body)
        .fetch_one(self.c())
        .await?;
        self.touch_plan(plan_id).await?;
        Ok(Section {
            id,
            parent_id: parent,
            position,
            level,
            label: label.into(),
            title: title.into(),
            body: body.into(),
            version: 1,
        })
    }

    /// Saves a section's texts if it is still at `edit.version` ([`StoreError::Stale`]
    /// otherwise: someone saved it meanwhile, and nothing is written).
    pub async fn update_section(
        &mut self,
        plan_id: i64,
        section_id: i64,
        edit: &SectionEdit,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE sections SET label = $1, title = $2, body = $3, version = version + 1 \
             WHERE id = $4 AND plan_id = $5 AND version = $6 AND deleted_at IS NULL",
        )
        .bind(&edit.label)
        .bind(&edit.title)
        .bind(&edit.body)
        .bind(section_id)
        .bind(plan_id)
        .bind(edit.version)
        .execute(self.c())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        self.touch_plan(plan_id).await
    }

    /// Adds a task at the end of a plan, with its partners and occurrences. The position is
    /// read inside the transaction (after [`Tx::lock_plan`] by the caller).
    pub async fn add_task(
        &mut self,
        plan_id: i64,
        commune_id: i64,
        task: &NewTask,
        section_id: Option<i64>,
    ) -> Result<i64> {
        let position: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE plan_id = $1",
        )
        .bind(plan_id)
        .fetch_one(self.c())
        .await?;
        let at = TaskPlace {
            plan_id,
            commune_id,
            section_id,
            position,
        };
        let id = self.insert_task(at, task, now()).await?;
        self.touch_plan(plan_id).await?;
        Ok(id)
    }

    /// Changes a task's text, units and time frame if it is still at `edit.version`
    /// ([`StoreError::Stale`] otherwise). When `occurrences` is `Some` (the time frame
    /// changed), occurrences without any progress are replaced by the new ones; those with
    /// recorded progress are kept, so no officer's record is lost.
    pub async fn update_task(
        &mut self,
        task_id: i64,
        edit: &TaskEdit,
        occurrences: Option<&[NewOccurrence]>,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE tasks SET text = $1, text_folded = $2, lead_unit_id = $3, timeframe = $4, \
             recurrence = $5, schedule_certain = $6, updated_at = $7, version = version + 1 \
             WHERE id = $8 AND version = $9 AND deleted_at IS NULL",
        )
        .bind(&edit.text)
        .bind(fold(&edit.text))
        .bind(edit.lead_unit_id)
        .bind(&edit.timeframe)
        .bind(edit.recurrence.as_code())
        .bind(i64::from(edit.schedule_certain))
        .bind(now())
        .bind(task_id)
        .bind(edit.version)
        .execute(self.c())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        sqlx::query("DELETE FROM task_partners WHERE task_id = $1")
            .bind(task_id)
            .execute(self.c())
            .await?;
        self.insert_partners(task_id, &edit.partners).await?;
        if let Some(occ) = occurrences {
            sqlx::query(
                "DELETE FROM occurrences WHERE task_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM progress_updates p WHERE p.occurrence_id = occurrences.id)",
            )
            .bind(task_id)
            .execute(self.c())
            .await?;
            let next: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(seq), 0) FROM occurrences WHERE task_id = $1",
            )
            .bind(task_id)
            .fetch_one(self.c())
            .await?;
            let shifted: Vec<NewOccurrence> = occ
                .iter()
                .enumerate()
                .map(|(i, o)| NewOccurrence {
                    seq: next + 1 + i as i64,
                    ..o.clone()
                })
                .collect();
            self.insert_occurrences(task_id, &shifted).await?;
        }
        Ok(())
    }

    /// Moves a plan from status `from` to `to` (setting its number and date when given);
    /// [`StoreError::Stale`] when it is no longer in `from` — two officers pressing the
    /// same button cannot both move it.
    pub async fn set_plan_status(
        &mut self,
        plan_id: i64,
        from: PlanStatus,
        to: PlanStatus,
        doc_number: Option<&str>,
        issued_on: Option<&str>,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE plans SET status = $1, doc_number = COALESCE($2, doc_number), \
             issued_on = COALESCE($3, issued_on), updated_at = $4 \
             WHERE id = $5 AND status = $6 AND deleted_at IS NULL",
        )
        .bind(to.code())
        .bind(doc_number)
        .bind(issued_on)
        .bind(now())
        .bind(plan_id)
        .bind(from.code())
        .execute(self.c())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        Ok(())
    }

    /// Discards (soft-deletes) a plan in status `status` ([`StoreError::Stale`] otherwise).
    pub async fn discard_plan(&mut self, plan_id: i64, status: PlanStatus, by: i64) -> Result<()> {
        let done = sqlx::query(
            "UPDATE plans SET deleted_at = $1, deleted_by = $2 \
             WHERE id = $3 AND status = $4 AND deleted_at IS NULL",
        )
        .bind(now())
        .bind(by)
        .bind(plan_id)
        .bind(status.code())
        .execute(self.c())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        Ok(())
    }

    /// Brings a discarded plan back ([`StoreError::Stale`] when it is not discarded).
    pub async fn restore_plan(&mut self, plan_id: i64) -> Result<()> {
        let done = sqlx::query(
            "UPDATE plans SET deleted_at = NULL, deleted_by = NULL, updated_at = $1 \
             WHERE id = $2 AND deleted_at IS NOT NULL",
        )
        .bind(now())
        .bind(plan_id)
        .execute(self.c())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        Ok(())
    }

    /// Stores a file of a plan; returns the file id.
    pub async fn insert_plan_file(
        &mut self,
        by: Option<i64>,
        plan_id: i64,
        file: &PlanFileIn<'_>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO plan_files (plan_id, kind, filename, content_type, bytes, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(plan_id)
        .bind(file.kind.code())
        .bind(file.filename)
        .bind(file.content_type)
        .bind(file.bytes.to_vec())
        .bind(by)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }

    async fn touch_plan(&mut self, plan_id: i64) -> Result<()> {
        sqlx::query("UPDATE plans SET updated_at = $1 WHERE id = $2")
            .bind(now())
            .bind(plan_id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Writes one task with its partners and occurrences; returns its id.
    async fn insert_task(&mut self, at: TaskPlace, task: &NewTask, t: i64) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tasks (plan_id, commune_id, section_id, position, ref_label, text, \
             text_folded, lead_unit_id, lead_text, timeframe, recurrence, schedule_certain, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
        )
        .bind(at.plan_id)
        .bind(at.commune_id)
        .bind(at.section_id)
        .bind(at.position)
        .bind(&task.ref_label)
        .bind(&task.text)
        .bind(fold(&task.text))
        .bind(task.lead_unit_id)
        .bind(&task.lead_text)
        .bind(&task.timeframe)
        .bind(task.recurrence.as_code())
        .bind(i64::from(task.schedule_certain))
        .bind(t)
        .fetch_one(self.c())
        .await?;
        self.insert_partners(id, &task.partners).await?;
        self.insert_occurrences(id, &task.occurrences).await?;
        Ok(id)
    }

    async fn insert_partners(
        &mut self,
        task_id: i64,
        partners: &[(Option<i64>, String)],
    ) -> Result<()> {
        for (pos, (unit, raw)) in partners.iter().enumerate() {
            sqlx::query(
                "INSERT INTO task_partners (task_id, unit_id, raw_text, position) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(task_id)
            .bind(*unit)
            .bind(raw)
            .bind(pos as i64)
            .execute(self.c())
            .await?;
        }
        Ok(())
    }

    pub(crate) async fn insert_occurrences(
        &mut self,
        task_id: i64,
        occurrences: &[NewOccurrence],
    ) -> Result<()> {
        let t = now();
        for o in occurrences {
            sqlx::query(
                "INSERT INTO occurrences (task_id, seq, label, starts_on, due_on, status, \
                 percent, updated_at) VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6)",
            )
            .bind(task_id)
            .bind(o.seq)
            .bind(&o.label)
            .bind(&o.starts_on)
            .bind(&o.due_on)
            .bind(t)
            .execute(self.c())
            .await?;
        }
        Ok(())
    }
}

/// Where a new task goes.
struct TaskPlace {
    plan_id: i64,
    commune_id: i64,
    section_id: Option<i64>,
    position: i64,
}
