//! Plans with their sections and tasks. A plan is created whole, in one transaction, from
//! what the import (or a copy, or a skeleton) produced: sections, tasks with their matched
//! units, and each task's occurrences made in advance for the plan year.

use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::audit::{self, Subject};
use crate::search::{self, Searchable};
use crate::{Result, Store, StoreError, fold, now};

/// Lifecycle of a plan: draft → submitted (for signature) → issued; an issued plan that is
/// amended becomes `Amended` and its new version starts as a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PlanStatus {
    Draft,
    Submitted,
    Issued,
    Amended,
}

impl PlanStatus {
    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Issued => "issued",
            PlanStatus::Amended => "amended",
        }
    }
    pub fn parse(code: &str) -> Option<PlanStatus> {
        [Self::Draft, Self::Submitted, Self::Issued, Self::Amended]
            .into_iter()
            .find(|s| s.code() == code)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Dự thảo",
            PlanStatus::Submitted => "Trình ký",
            PlanStatus::Issued => "Đã ban hành",
            PlanStatus::Amended => "Đã sửa đổi (bản cũ)",
        }
    }
}

/// How a plan came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PlanOrigin {
    Upload,
    Copy,
    Province,
    Blank,
    Amendment,
}

impl PlanOrigin {
    pub fn code(self) -> &'static str {
        match self {
            PlanOrigin::Upload => "upload",
            PlanOrigin::Copy => "copy",
            PlanOrigin::Province => "province",
            PlanOrigin::Blank => "blank",
            PlanOrigin::Amendment => "amendment",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Plan {
    pub id: i64,
    pub commune_id: i64,
    pub year: i64,
    pub title: String,
    pub doc_number: Option<String>,
    pub issued_on: Option<String>,
    pub status: String,
    pub version: i64,
    pub previous_id: Option<i64>,
    pub origin: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Plan {
    pub fn status(&self) -> PlanStatus {
        PlanStatus::parse(&self.status).unwrap_or(PlanStatus::Draft)
    }
}

const PLAN_COLUMNS: &str = "id, commune_id, year, title, doc_number, issued_on, status, version, \
     previous_id, origin, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Section {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub level: i64,
    pub label: String,
    pub title: String,
    pub body: String,
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
    pub recurrence: String,
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
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
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
    pub recurrence: String,
    pub schedule_certain: i64,
}

const TASK_COLUMNS: &str = "t.id, t.plan_id, t.commune_id, t.section_id, t.position, t.ref_label, \
     t.text, t.lead_unit_id, t.lead_text, t.timeframe, t.recurrence, t.schedule_certain";

/// A task in a listing, with its lead unit's name and progress counts; `overdue` and
/// `due_soon` are computed against the `today` of the query, never stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TaskRow {
    pub id: i64,
    pub plan_id: i64,
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

/// A [`TaskRow`] with the number of rows its listing has before paging.
#[derive(sqlx::FromRow)]
struct CountedTaskRow {
    #[sqlx(flatten)]
    row: TaskRow,
    total_rows: i64,
}

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
    /// `ref`, `text`, `lead`, `due`, `progress`; prefix `-` for descending.
    pub sort: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

impl Store {
    /// Creates a plan with all its sections, tasks and occurrences, and its audit record, in
    /// one transaction: either all of it exists afterwards or none of it does.
    pub async fn create_plan(&self, by: Option<i64>, new: &NewPlan) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id = create_plan_in(&mut tx, by, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates a plan read from a document, as [`Store::create_plan`], together with the
    /// document (`kind` `source`: the plan's own text; `basis`: the province's plan it was
    /// started from) and, for a source, the lint findings the officer reviewed — all in one
    /// transaction, so a plan never exists without the file it was made from.
    pub async fn create_plan_from_file(
        &self,
        by: i64,
        new: &NewPlan,
        file: &PlanFileIn<'_>,
        findings: Option<&[crate::PlanFinding]>,
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id = create_plan_in(&mut tx, Some(by), new).await?;
        let file_id = insert_plan_file(
            &mut tx,
            by,
            id,
            new.commune_id,
            file.kind,
            file.filename,
            file.content_type,
            file.bytes,
        )
        .await?;
        if let Some(findings) = findings {
            crate::findings::check_file(&mut tx, file_id, findings).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn plan(&self, id: i64) -> Result<Plan> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1 AND deleted_at IS NULL"
        )))
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The parsed document a plan was imported from (JSON, `docs/parse-format.md`), if any.
    pub async fn plan_document_json(&self, id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT document_json FROM plans WHERE id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// A commune's plans, newest year and version first.
    pub async fn plans_of(&self, commune_id: i64) -> Result<Vec<Plan>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE commune_id = $1 AND deleted_at IS NULL \
             ORDER BY year DESC, version DESC, id DESC"
        )))
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Plans whose title contains every word of `query` (folded), in the given communes.
    pub async fn search_plans(&self, commune_ids: &[i64], query: &str) -> Result<Vec<Plan>> {
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
            "p",
            commune_ids.len() + 1,
            query,
        );
        if let Some((condition, _)) = &words {
            sql.push_str(" AND ");
            sql.push_str(condition);
        }
        sql.push_str(" ORDER BY year DESC, id DESC LIMIT 50");
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
        for c in commune_ids {
            q = q.bind(*c);
        }
        if let Some((_, value)) = words {
            q = q.bind(value);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    pub async fn sections_of(&self, plan_id: i64) -> Result<Vec<Section>> {
        Ok(sqlx::query_as(
            "SELECT id, parent_id, position, level, label, title, body FROM sections \
             WHERE plan_id = $1 AND deleted_at IS NULL ORDER BY position",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Adds a section to a plan, placed after the last descendant of `parent` (or at the end
    /// when `parent` is `None`), one level below its parent; later sections move down. Returns
    /// the new section's id.
    pub async fn add_section(
        &self,
        by: i64,
        plan_id: i64,
        parent: Option<i64>,
        label: &str,
        title: &str,
        body: &str,
    ) -> Result<i64> {
        let plan = self.plan(plan_id).await?;
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
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE sections SET position = position + 1 WHERE plan_id = $1 AND position >= $2",
        )
        .bind(plan_id)
        .bind(position)
        .execute(&mut *tx)
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
        .fetch_one(&mut *tx)
        .await?;
        let subject = Subject {
            commune_id: Some(plan.commune_id),
            object_type: "plan",
            object_id: plan_id,
        };
        let after = serde_json::json!({"label": label, "title": title, "body": body});
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "add_section",
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a task at the end of a plan, with its partners and occurrences (audited).
    pub async fn add_task(
        &self,
        by: i64,
        plan_id: i64,
        task: &NewTask,
        section_id: Option<i64>,
    ) -> Result<i64> {
        let plan = self.plan(plan_id).await?;
        let mut tx = self.pool.begin().await?;
        let position: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE plan_id = $1",
        )
        .bind(plan_id)
        .fetch_one(&mut *tx)
        .await?;
        let at = TaskPlace {
            plan_id,
            commune_id: plan.commune_id,
            section_id,
            position,
        };
        let id = insert_task(&mut tx, at, task, now()).await?;
        let subject = Subject {
            commune_id: Some(plan.commune_id),
            object_type: "task",
            object_id: id,
        };
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "create",
            None::<&()>,
            Some(task),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a section's label, title and body (audited).
    pub async fn update_section(
        &self,
        by: i64,
        section_id: i64,
        label: &str,
        title: &str,
        body: &str,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let before: Section = sqlx::query_as(
            "SELECT id, parent_id, position, level, label, title, body FROM sections \
             WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(section_id)
        .fetch_one(&mut *tx)
        .await?;
        let (plan_id, commune_id): (i64, i64) = sqlx::query_as(
            "SELECT p.id, p.commune_id FROM sections s JOIN plans p ON p.id = s.plan_id \
             WHERE s.id = $1",
        )
        .bind(section_id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE sections SET label = $1, title = $2, body = $3 WHERE id = $4")
            .bind(label)
            .bind(title)
            .bind(body)
            .bind(section_id)
            .execute(&mut *tx)
            .await?;
        let after = Section {
            label: label.into(),
            title: title.into(),
            body: body.into(),
            ..before.clone()
        };
        // Recorded on the plan, so the plan's page shows every change to its text.
        let subject = Subject {
            commune_id: Some(commune_id),
            object_type: "plan",
            object_id: plan_id,
        };
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "update_section",
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn task(&self, id: i64) -> Result<Task> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks t WHERE t.id = $1 AND t.deleted_at IS NULL"
        )))
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The partner units of a task: (unit id if matched, text as written), in order.
    pub async fn task_partners(&self, task_id: i64) -> Result<Vec<(Option<i64>, String)>> {
        Ok(sqlx::query_as(
            "SELECT unit_id, raw_text FROM task_partners WHERE task_id = $1 ORDER BY position",
        )
        .bind(task_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Changes a task's text, units and time frame (audited). When `occurrences` is `Some`
    /// (the time frame changed), occurrences without any progress are replaced by the new
    /// ones; those with recorded progress are kept, so no officer's record is lost.
    pub async fn update_task(
        &self,
        by: i64,
        task_id: i64,
        edit: &TaskEdit,
        occurrences: Option<&[NewOccurrence]>,
    ) -> Result<()> {
        let before = self.task(task_id).await?;
        let before_partners = self.task_partners(task_id).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE tasks SET text = $1, text_folded = $2, lead_unit_id = $3, timeframe = $4, \
             recurrence = $5, schedule_certain = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(&edit.text)
        .bind(fold(&edit.text))
        .bind(edit.lead_unit_id)
        .bind(&edit.timeframe)
        .bind(&edit.recurrence)
        .bind(i64::from(edit.schedule_certain))
        .bind(now())
        .bind(task_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM task_partners WHERE task_id = $1")
            .bind(task_id)
            .execute(&mut *tx)
            .await?;
        insert_partners(&mut tx, task_id, &edit.partners).await?;
        if let Some(occ) = occurrences {
            sqlx::query(
                "DELETE FROM occurrences WHERE task_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM progress_updates p WHERE p.occurrence_id = occurrences.id)",
            )
            .bind(task_id)
            .execute(&mut *tx)
            .await?;
            let next: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(seq), 0) FROM occurrences WHERE task_id = $1",
            )
            .bind(task_id)
            .fetch_one(&mut *tx)
            .await?;
            let shifted: Vec<NewOccurrence> = occ
                .iter()
                .enumerate()
                .map(|(i, o)| NewOccurrence {
                    seq: next + 1 + i as i64,
                    ..o.clone()
                })
                .collect();
            insert_occurrences(&mut tx, task_id, &shifted).await?;
        }
        let subject = Subject {
            commune_id: Some(before.commune_id),
            object_type: "task",
            object_id: task_id,
        };
        let before_json = serde_json::json!({"task": before, "partners": before_partners});
        let after_json = serde_json::json!({"edit": edit});
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "update",
            Some(&before_json),
            Some(&after_json),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a plan through its lifecycle (audited). `doc_number` and `issued_on` are set
    /// when given (on issue). The caller decides whether the step is allowed; see
    /// [`Store::issue_plan`] and [`Store::amend_plan`] for the guarded steps.
    pub async fn set_plan_status(
        &self,
        by: i64,
        plan_id: i64,
        status: PlanStatus,
        doc_number: Option<&str>,
        issued_on: Option<&str>,
    ) -> Result<()> {
        let before = self.plan(plan_id).await?;
        let mut tx = self.pool.begin().await?;
        update_status(&mut tx, by, &before, None, status, doc_number, issued_on).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Issues a submitted plan: its number, date and signed file (name, content type,
    /// bytes) in one transaction. [`StoreError::StaleStatus`] when the plan is no longer
    /// submitted (someone else moved it meanwhile); then nothing is written.
    pub async fn issue_plan(
        &self,
        by: i64,
        plan_id: i64,
        doc_number: &str,
        issued_on: &str,
        signed: (&str, &str, &[u8]),
    ) -> Result<()> {
        let before = self.plan(plan_id).await?;
        let mut tx = self.pool.begin().await?;
        let (name, content_type, bytes) = signed;
        insert_plan_file(
            &mut tx,
            by,
            before.id,
            before.commune_id,
            "signed",
            name,
            content_type,
            bytes,
        )
        .await?;
        update_status(
            &mut tx,
            by,
            &before,
            Some(PlanStatus::Submitted),
            PlanStatus::Issued,
            Some(doc_number),
            Some(issued_on),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes `new` (a new version whose `previous_id` is an issued plan) and marks the
    /// previous plan amended, in one transaction; both stay readable. Returns the new plan's
    /// id. [`StoreError::StaleStatus`] when the previous plan is no longer issued.
    pub async fn amend_plan(&self, by: i64, new: &NewPlan) -> Result<i64> {
        let previous = self
            .plan(new.previous_id.ok_or(StoreError::NotFound)?)
            .await?;
        let mut tx = self.pool.begin().await?;
        update_status(
            &mut tx,
            by,
            &previous,
            Some(PlanStatus::Issued),
            PlanStatus::Amended,
            None,
            None,
        )
        .await?;
        let id = insert_plan(&mut tx, new).await?;
        let summary = serde_json::json!({"title": new.title, "year": new.year,
            "origin": new.origin.code(), "previous": previous.id, "version": new.version});
        let subject = Subject {
            commune_id: Some(new.commune_id),
            object_type: "plan",
            object_id: id,
        };
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "create",
            None::<&()>,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Attaches a file to a plan (`kind` = `source` or `signed`); returns the file id.
    pub async fn add_plan_file(
        &self,
        by: i64,
        plan_id: i64,
        kind: &str,
        filename: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        let plan = self.plan(plan_id).await?;
        let mut tx = self.pool.begin().await?;
        let id = insert_plan_file(
            &mut tx,
            by,
            plan.id,
            plan.commune_id,
            kind,
            filename,
            content_type,
            bytes,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The files of a plan: (id, kind, filename, size in bytes), oldest first.
    pub async fn plan_files(&self, plan_id: i64) -> Result<Vec<(i64, String, String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT id, kind, filename, LENGTH(bytes) FROM plan_files WHERE plan_id = $1 \
             ORDER BY id",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One file of a plan: (filename, content type, bytes).
    pub async fn plan_file(&self, plan_id: i64, file_id: i64) -> Result<(String, String, Vec<u8>)> {
        Ok(sqlx::query_as(
            "SELECT filename, content_type, bytes FROM plan_files WHERE id = $1 AND plan_id = $2",
        )
        .bind(file_id)
        .bind(plan_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Tasks matching `filter`, with the total count before paging.
    pub async fn tasks(&self, filter: &TaskFilter, today: &str) -> Result<(Vec<TaskRow>, i64)> {
        let (base, binds, order) = self.task_query(filter, today);
        let limit = if filter.limit <= 0 {
            50
        } else {
            filter.limit.min(1000)
        };
        let offset = filter.offset.max(0);
        // The page and the total in one statement: the window count is taken over every
        // row of `base` before ORDER BY and LIMIT, so the aggregate is computed once instead
        // of once for a COUNT(*) and again for the page.
        let sql = format!(
            "SELECT r.*, COUNT(*) OVER () AS total_rows FROM ({base}) AS r \
             ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            q = b.bind_as(q);
        }
        let rows: Vec<CountedTaskRow> = q.fetch_all(&self.pool).await?;
        let total = match rows.first() {
            Some(r) => r.total_rows,
            None if offset == 0 => 0,
            // A page past the end has no row to carry the total: count separately.
            None => {
                let mut cq = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM ({base}) AS counted"
                )));
                for b in &binds {
                    cq = b.bind_scalar(cq);
                }
                cq.fetch_one(&self.pool).await?
            }
        };
        Ok((rows.into_iter().map(|r| r.row).collect(), total))
    }

    /// Every task matching `filter`, in its order, ignoring `offset` and `limit`: for a CSV
    /// export, which must hold the whole list the officer filtered, not one page of it.
    pub async fn tasks_export(&self, filter: &TaskFilter, today: &str) -> Result<Vec<TaskRow>> {
        let (base, binds, order) = self.task_query(filter, today);
        let sql = format!("SELECT r.* FROM ({base}) AS r ORDER BY {order}");
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
        for b in &binds {
            q = b.bind_as(q);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// The tasks of any of `commune_ids` matching every word of `query` (see
    /// [`Store::tasks`]), newest plan year first, at most `limit`: one query for a search
    /// across a province.
    pub async fn search_tasks(
        &self,
        commune_ids: &[i64],
        query: &str,
        today: &str,
        limit: i64,
    ) -> Result<Vec<TaskRow>> {
        let first = commune_ids.len() + 2;
        let Some((words, value)) =
            search::condition(self.backend, Searchable::Tasks, "t", first, query)
        else {
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
        Ok(q.bind(value).fetch_all(&self.pool).await?)
    }

    /// The SELECT of the tasks `filter` asks for (before ordering and paging), its binds
    /// (`$1` today) and its ORDER BY.
    fn task_query(&self, filter: &TaskFilter, today: &str) -> (String, Vec<Bind>, &'static str) {
        let mut conditions = vec![
            "t.deleted_at IS NULL".to_string(),
            "t.commune_id = $2".into(),
        ];
        let mut binds: Vec<Bind> = vec![Bind::Text(today.into()), Bind::Int(filter.commune_id)];
        if let Some(p) = filter.plan_id {
            binds.push(Bind::Int(p));
            conditions.push(format!("t.plan_id = ${}", binds.len()));
        }
        if let Some(u) = filter.unit_id {
            binds.push(Bind::Int(u));
            let n = binds.len();
            conditions.push(format!(
                "(t.lead_unit_id = ${n} OR EXISTS (SELECT 1 FROM task_partners tp \
                 WHERE tp.task_id = t.id AND tp.unit_id = ${n}))"
            ));
        }
        let words = filter.query.as_deref().and_then(|q| {
            search::condition(self.backend, Searchable::Tasks, "t", binds.len() + 1, q)
        });
        if let Some((condition, value)) = words {
            binds.push(Bind::Text(value));
            conditions.push(condition);
        }
        let where_sql = conditions.join(" AND ");
        let having = if filter.only_overdue {
            " HAVING SUM(CASE WHEN o.due_on < $1 AND o.status NOT IN ('done', 'cancelled') \
              THEN 1 ELSE 0 END) > 0"
        } else {
            ""
        };
        let order = match filter.sort.as_deref().unwrap_or("ref") {
            "text" => "text_folded ASC, plan_id, position",
            "-text" => "text_folded DESC, plan_id, position",
            "lead" => "lead_name ASC, plan_id, position",
            "-lead" => "lead_name DESC, plan_id, position",
            "due" => "CASE WHEN next_due IS NULL THEN 1 ELSE 0 END, next_due ASC, position",
            "-due" => "CASE WHEN next_due IS NULL THEN 1 ELSE 0 END, next_due DESC, position",
            "progress" => "percent ASC, plan_id, position",
            "-progress" => "percent DESC, plan_id, position",
            "-ref" => "plan_id DESC, position DESC",
            _ => "plan_id, position",
        };
        (task_rows_sql(&where_sql, having), binds, order)
    }

    /// Every task of a plan, in plan order, with no cap: for reading a whole plan (its
    /// page, its export, copying and amending it), where the paged listing's limit of
    /// [`Store::tasks`] would silently drop the tasks past it. `today` decides `overdue`
    /// and `next_due` as there; the rows are computed by the same SELECT.
    pub async fn tasks_of_plan(&self, plan_id: i64, today: &str) -> Result<Vec<TaskRow>> {
        let base = task_rows_sql("t.deleted_at IS NULL AND t.plan_id = $2", "");
        let sql = format!("SELECT r.* FROM ({base}) AS r ORDER BY position, id");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(today)
            .bind(plan_id)
            .fetch_all(&self.pool)
            .await?)
    }
}

/// The SELECT of [`TaskRow`]s (one row per task: its plan's year, lead unit's name and
/// occurrence counts), narrowed by `where_sql` and `having`. `$1` is today, against which
/// `overdue` is counted; the caller's conditions number their own binds from `$2`. One
/// piece serves the paged listing and a plan's whole task list, so a row means the same in
/// both. The lead unit's name is a lookup by primary key per task rather than a join: joined,
/// PostgreSQL hashed every unit of the database to name one commune's few.
fn task_rows_sql(where_sql: &str, having: &str) -> String {
    format!(
        "SELECT t.id, t.plan_id, p.year AS plan_year, t.ref_label, t.text, t.lead_unit_id, \
         (SELECT un.name FROM units un WHERE un.id = t.lead_unit_id) AS lead_name, \
         t.lead_text, t.timeframe, t.position, t.text_folded, \
         COUNT(o.id) AS occurrences, \
         CAST(COALESCE(SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
         CAST(COALESCE(SUM(CASE WHEN o.due_on < $1 AND o.status NOT IN ('done', 'cancelled') \
             THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue, \
         MIN(CASE WHEN o.status NOT IN ('done', 'cancelled') THEN o.due_on END) AS next_due, \
         CAST(COALESCE(SUM(o.percent), 0) / CASE WHEN COUNT(o.id) = 0 THEN 1 ELSE COUNT(o.id) END \
             AS BIGINT) AS percent \
         FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL \
         LEFT JOIN occurrences o ON o.task_id = t.id \
         WHERE {where_sql} \
         GROUP BY t.id, t.plan_id, p.year, t.ref_label, t.text, t.lead_unit_id, \
         t.lead_text, t.timeframe, t.position, t.text_folded{having}"
    )
}

/// A file to store with a plan: `kind` is `source`, `basis` or `signed`.
#[derive(Debug, Clone, Copy)]
pub struct PlanFileIn<'a> {
    pub kind: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// What an officer may change on a task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskEdit {
    pub text: String,
    pub lead_unit_id: Option<i64>,
    pub partners: Vec<(Option<i64>, String)>,
    pub timeframe: Option<String>,
    pub recurrence: String,
    pub schedule_certain: bool,
}

/// A value bound to a dynamically built query.
enum Bind {
    Int(i64),
    Text(String),
}

type AnyArgs = sqlx::any::AnyArguments;

impl Bind {
    fn bind_as<'q, O>(
        &self,
        q: sqlx::query::QueryAs<'q, Any, O, AnyArgs>,
    ) -> sqlx::query::QueryAs<'q, Any, O, AnyArgs> {
        match self {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        }
    }
    fn bind_scalar<'q, O>(
        &self,
        q: sqlx::query::QueryScalar<'q, Any, O, AnyArgs>,
    ) -> sqlx::query::QueryScalar<'q, Any, O, AnyArgs> {
        match self {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        }
    }
}

/// "$from, $from+1, …" for `n` values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts `new` with its sections, tasks and occurrences, and its audit record, in `tx`.
async fn create_plan_in(
    tx: &mut Transaction<'_, Any>,
    by: Option<i64>,
    new: &NewPlan,
) -> Result<i64> {
    let id = insert_plan(tx, new).await?;
    let summary = serde_json::json!({"title": new.title, "year": new.year,
        "origin": new.origin.code(), "sections": new.sections.len(), "tasks": new.tasks.len()});
    let subject = Subject {
        commune_id: Some(new.commune_id),
        object_type: "plan",
        object_id: id,
    };
    audit::record(tx, by, subject, "create", None::<&()>, Some(&summary)).await?;
    Ok(id)
}

/// Sets a plan's status in `tx`, with its audit record. With `require`, the plan must still
/// be in that status ([`StoreError::StaleStatus`] otherwise): two officers pressing the
/// same button cannot both move it.
async fn update_status(
    tx: &mut Transaction<'_, Any>,
    by: i64,
    before: &Plan,
    require: Option<PlanStatus>,
    status: PlanStatus,
    doc_number: Option<&str>,
    issued_on: Option<&str>,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE plans SET status = $1, doc_number = COALESCE($2, doc_number), \
         issued_on = COALESCE($3, issued_on), updated_at = $4 \
         WHERE id = $5 AND ($6 IS NULL OR status = $6)",
    )
    .bind(status.code())
    .bind(doc_number)
    .bind(issued_on)
    .bind(now())
    .bind(before.id)
    .bind(require.map(PlanStatus::code))
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::StaleStatus);
    }
    let after = serde_json::json!({"status": status.code(), "doc_number": doc_number,
        "issued_on": issued_on});
    let subject = Subject {
        commune_id: Some(before.commune_id),
        object_type: "plan",
        object_id: before.id,
    };
    audit::record(tx, Some(by), subject, "status", Some(before), Some(&after)).await?;
    Ok(())
}

/// Stores a file of plan `plan_id` (of commune `commune_id`) in `tx`, with its audit
/// record; returns the file id.
#[allow(clippy::too_many_arguments)]
async fn insert_plan_file(
    tx: &mut Transaction<'_, Any>,
    by: i64,
    plan_id: i64,
    commune_id: i64,
    kind: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_files (plan_id, kind, filename, content_type, bytes, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(plan_id)
    .bind(kind)
    .bind(filename)
    .bind(content_type)
    .bind(bytes.to_vec())
    .bind(by)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    let subject = Subject {
        commune_id: Some(commune_id),
        object_type: "plan",
        object_id: plan_id,
    };
    let after = serde_json::json!({"file": filename, "kind": kind, "bytes": bytes.len()});
    audit::record(tx, Some(by), subject, "attach", None::<&()>, Some(&after)).await?;
    Ok(id)
}

async fn insert_plan(tx: &mut Transaction<'_, Any>, new: &NewPlan) -> Result<i64> {
    let t = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plans (commune_id, year, title, title_folded, doc_number, status, version, \
         previous_id, origin, document_json, source_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $11) RETURNING id",
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
    .bind(t)
    .fetch_one(&mut **tx)
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
        .fetch_one(&mut **tx)
        .await?;
        section_ids.push(sid);
    }
    for (pos, task) in new.tasks.iter().enumerate() {
        let section_id = task.section.and_then(|i| section_ids.get(i).copied());
        let at = TaskPlace {
            plan_id: id,
            commune_id: new.commune_id,
            section_id,
            position: pos as i64,
        };
        insert_task(tx, at, task, t).await?;
    }
    Ok(id)
}

/// Where a new task goes.
struct TaskPlace {
    plan_id: i64,
    commune_id: i64,
    section_id: Option<i64>,
    position: i64,
}

/// Writes one task with its partners and occurrences; returns its id.
async fn insert_task(
    tx: &mut Transaction<'_, Any>,
    at: TaskPlace,
    task: &NewTask,
    t: i64,
) -> Result<i64> {
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
    .bind(&task.recurrence)
    .bind(i64::from(task.schedule_certain))
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    insert_partners(tx, id, &task.partners).await?;
    insert_occurrences(tx, id, &task.occurrences).await?;
    Ok(id)
}

async fn insert_partners(
    tx: &mut Transaction<'_, Any>,
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
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_occurrences(
    tx: &mut Transaction<'_, Any>,
    task_id: i64,
    occurrences: &[NewOccurrence],
) -> Result<()> {
    let t = now();
    for o in occurrences {
        sqlx::query(
            "INSERT INTO occurrences (task_id, seq, label, starts_on, due_on, status, percent, \
             updated_at) VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6)",
        )
        .bind(task_id)
        .bind(o.seq)
        .bind(&o.label)
        .bind(&o.starts_on)
        .bind(&o.due_on)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
