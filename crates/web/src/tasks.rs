//! Tasks: the filtered, sorted, paged list (with CSV), the task page with its occurrences
//! and history, progress updates with evidence, and the officer's corrections.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, TaskText};
use serde::Deserialize;
use store::{AuditEntry, Occurrence, Plan, ProgressUpdate, Task, TaskFilter, TaskRow, Unit};

use crate::AppState;
use crate::auth::Auth;
use crate::error::{AppError, Result};
use crate::import;
use crate::ops;
use crate::plans::{file_download, read_multipart};
use crate::view::{Ctx, PER_PAGE, Paging, commune_in_view, csv_response, short_date, url_encode};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list))
        .route("/tasks/{id}", get(page))
        .route("/tasks/{id}/progress", post(record))
        .route("/tasks/{id}/edit", post(edit))
        .route("/tasks/{id}/occurrences", post(add_occurrence))
        .route("/evidence/{id}", get(evidence))
}

#[derive(Deserialize, Default, Clone)]
struct ListQuery {
    commune: Option<i64>,
    plan: Option<i64>,
    unit: Option<i64>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    overdue: Option<String>,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct ListPage {
    ctx: Ctx,
    commune_id: i64,
    units: Vec<Unit>,
    q: String,
    unit: Option<i64>,
    plan: Option<i64>,
    overdue: bool,
    sort: String,
    page: i64,
    pages: i64,
    total: i64,
    tasks: Vec<TaskRow>,
    /// The query string without page and sort, for links.
    base_query: String,
}

fn query_string(q: &ListQuery, commune: i64) -> String {
    let mut parts = vec![format!("commune={commune}")];
    if let Some(p) = q.plan {
        parts.push(format!("plan={p}"));
    }
    if let Some(u) = q.unit {
        parts.push(format!("unit={u}"));
    }
    if !q.q.is_empty() {
        parts.push(format!("q={}", url_encode(&q.q)));
    }
    if q.overdue.is_some() {
        parts.push("overdue=1".into());
    }
    parts.join("&")
}

/// Page `page` (1-based) of the tasks `filter` asks for — its offset and limit are set
/// here — clamped to the last page as `paginate` does, and where it stands.
pub(crate) async fn task_page(
    state: &AppState,
    mut filter: TaskFilter,
    today: &str,
    page: i64,
) -> Result<(Vec<TaskRow>, Paging)> {
    filter.limit = PER_PAGE;
    filter.offset = (page.max(1) - 1).saturating_mul(PER_PAGE);
    let (mut rows, total) = state.store.tasks(&filter, today).await?;
    let paging = Paging::new(page, total, PER_PAGE);
    if paging.offset(PER_PAGE) != filter.offset {
        // Asked for a page past the end: show the last one.
        filter.offset = paging.offset(PER_PAGE);
        rows = state.store.tasks(&filter, today).await?.0;
    }
    Ok((rows, paging))
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ListQuery>,
) -> Result<Response> {
    let commune = commune_in_view(&state, &auth, q.commune).await?;
    let csv = q.format.as_deref() == Some("csv");
    let filter = TaskFilter {
        commune_id: commune.id,
        plan_id: q.plan,
        unit_id: q.unit,
        query: Some(q.q.trim().to_string()).filter(|s| !s.is_empty()),
        only_overdue: q.overdue.is_some(),
        sort: Some(q.sort.clone()).filter(|s| !s.is_empty()),
        ..Default::default()
    };
    let today = state.today().to_string();
    if csv {
        return Ok(tasks_csv(&state.store.tasks_export(&filter, &today).await?));
    }
    let (tasks, paging) = task_page(&state, filter, &today, q.page.unwrap_or(1)).await?;
    let page_view = ListPage {
        ctx: Ctx::for_user(&state, &auth, "Nhiệm vụ").await?,
        commune_id: commune.id,
        units: state.store.units_of(commune.id).await?,
        base_query: query_string(&q, commune.id),
        q: q.q.clone(),
        unit: q.unit,
        plan: q.plan,
        overdue: q.overdue.is_some(),
        sort: q.sort.clone(),
        page: paging.page,
        pages: paging.pages,
        total: paging.total,
        tasks,
    };
    Ok(Html(page_view.render()?).into_response())
}

/// A task listing as CSV (the columns of the task table, dates day first).
pub(crate) fn tasks_csv(tasks: &[TaskRow]) -> Response {
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            vec![
                t.plan_year.to_string(),
                t.ref_label.clone(),
                t.text.clone(),
                t.lead_name
                    .clone()
                    .or_else(|| t.lead_text.clone())
                    .unwrap_or_default(),
                t.timeframe.clone().unwrap_or_default(),
                t.next_due.as_deref().map(short_date).unwrap_or_default(),
                t.done.to_string(),
                t.occurrences.to_string(),
                t.overdue.to_string(),
            ]
        })
        .collect();
    csv_response(
        "nhiem-vu.csv",
        &[
            "Năm",
            "Mục",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời gian",
            "Hạn gần nhất",
            "Số kỳ hoàn thành",
            "Tổng số kỳ",
            "Số kỳ quá hạn",
        ],
        &rows,
    )
}

async fn load(state: &AppState, auth: &Auth, id: i64) -> Result<ops::VisibleTask> {
    ops::visible_task(state, &auth.user, id).await
}

/// Where a task form goes after `done`: back to the task page at `anchor`, or to the page
/// with the message beside the forms when the input was refused.
async fn task_form_result(
    state: &AppState,
    auth: &Auth,
    id: i64,
    anchor: &str,
    done: Result<()>,
) -> Result<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/tasks/{id}{anchor}")).into_response()),
        Err(AppError::BadRequest(m)) => render_page(state, auth, id, Some(m)).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    ctx: Ctx,
    task: Task,
    plan: Plan,
    lead_name: Option<String>,
    partners: Vec<(Option<i64>, String)>,
    units: Vec<Unit>,
    occurrences: Vec<Occurrence>,
    updates: Vec<ProgressUpdate>,
    history: Vec<AuditEntry>,
    can_update: bool,
    can_edit: bool,
    today: String,
    error: Option<String>,
    recurrence: &'static str,
}

impl TaskPage {
    fn is_late(&self, o: &Occurrence) -> bool {
        o.due_on < self.today && !matches!(o.status.as_str(), "done" | "cancelled")
    }
}

async fn render_page(
    state: &AppState,
    auth: &Auth,
    id: i64,
    error: Option<String>,
) -> Result<Response> {
    let l = load(state, auth, id).await?;
    let units = state.store.units_of(l.commune.id).await?;
    let plan = state.store.plan(l.task.plan_id).await?;
    let page = TaskPage {
        ctx: Ctx::for_user(state, auth, "Nhiệm vụ").await?,
        lead_name: l
            .task
            .lead_unit_id
            .and_then(|u| units.iter().find(|x| x.id == u).map(|x| x.name.clone())),
        occurrences: state.store.occurrences_of(id).await?,
        updates: state.store.progress_of_task(id).await?,
        history: state.store.audit_of("task", id).await?,
        can_update: l.can_update(&auth.user),
        can_edit: auth.actor().can_edit_plans(l.commune.scope()),
        today: state.today().to_string(),
        recurrence: import::recurrence_label(&l.task.recurrence),
        error: error.clone(),
        partners: l.partners,
        task: l.task,
        units,
        plan,
    };
    let status = crate::view::page_status(&error);
    Ok((status, Html(page.render()?)).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> Result<Response> {
    render_page(&state, &auth, id, None).await
}

async fn record(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response> {
    let (fields, file) = read_multipart(mp).await?;
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
    auth.check_csrf(get("csrf"))?;
    let done = async {
        let text = |e: domain::text::TextError| AppError::BadRequest(e.message_vi().into());
        let input = ops::ProgressInput {
            occurrence_id: get("occurrence")
                .trim()
                .parse()
                .map_err(|_| AppError::BadRequest("Vui lòng chọn kỳ thực hiện.".into()))?,
            status: OccurrenceStatus::parse(get("status"))
                .map_err(|e| AppError::BadRequest(e.message_vi()))?,
            percent: Percent::parse(get("percent"))
                .map_err(|e| AppError::BadRequest(e.message_vi()))?,
            note: ProgressNote::parse(get("note")).map_err(text)?,
            evidence_url: EvidenceUrl::parse_optional(get("evidence_url")).map_err(text)?,
            evidence_file: file,
        };
        ops::record_progress(&state, &auth.user, id, input).await?;
        Ok(())
    }
    .await;
    task_form_result(&state, &auth, id, "#history", done).await
}

async fn evidence(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Response> {
    let (task_id, name, ct, bytes) = state.store.evidence_file(id).await?;
    load(&state, &auth, task_id).await?;
    Ok(file_download(&name, &ct, bytes))
}

async fn edit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    auth.check_csrf(get("csrf"))?;
    let done = async {
        let change = ops::TaskChange {
            text: Some(
                TaskText::parse(get("text"))
                    .map_err(|e| AppError::BadRequest(e.message_vi().into()))?,
            ),
            lead: Some(get("lead").trim().parse().ok()),
            partners: Some(
                form.iter()
                    .filter(|(n, _)| n == "partner")
                    .filter_map(|(_, v)| v.trim().parse().ok())
                    .collect(),
            ),
            timeframe: Some(ops::timeframe_text(get("timeframe"))?),
        };
        ops::edit_task(&state, &auth.user, id, change).await
    }
    .await;
    task_form_result(&state, &auth, id, "", done).await
}

#[derive(Deserialize)]
struct OccurrenceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    due_on: String,
}

async fn add_occurrence(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let done = async {
        let due = chrono::NaiveDate::parse_from_str(f.due_on.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest("Hạn thực hiện chưa đúng.".into()))?;
        let label = OccurrenceLabel::parse(&f.label)
            .map_err(|e| AppError::BadRequest(e.message_vi().into()))?;
        ops::add_occurrence(&state, &auth.user, id, &label, due).await?;
        Ok(())
    }
    .await;
    task_form_result(&state, &auth, id, "", done).await
}
