//! Tasks: the filtered, sorted, paged list (with CSV), the task page with its occurrences
//! and history, progress updates with evidence, and the officer's corrections.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::PlanYear;
use domain::progress::{OccurrenceStatus, Percent};
use serde::Deserialize;
use store::{
    AuditEntry, Commune, NewProgress, Occurrence, Plan, ProgressUpdate, Task, TaskFilter, TaskRow,
    Unit,
};

use crate::AppState;
use crate::auth::Auth;
use crate::error::{AppError, Result};
use crate::import;
use crate::plans::{file_download, read_multipart};
use crate::view::{Ctx, commune_in_view, csv_response, short_date};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list))
        .route("/tasks/{id}", get(page))
        .route("/tasks/{id}/progress", post(record))
        .route("/tasks/{id}/edit", post(edit))
        .route("/tasks/{id}/occurrences", post(add_occurrence))
        .route("/evidence/{id}", get(evidence))
}

const PER_PAGE: i64 = 50;

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

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ListQuery>,
) -> Result<Response> {
    let commune = commune_in_view(&state, &auth, q.commune).await?;
    let csv = q.format.as_deref() == Some("csv");
    let page = q.page.unwrap_or(1).max(1);
    let filter = TaskFilter {
        commune_id: commune.id,
        plan_id: q.plan,
        unit_id: q.unit,
        query: Some(q.q.trim().to_string()).filter(|s| !s.is_empty()),
        only_overdue: q.overdue.is_some(),
        sort: Some(q.sort.clone()).filter(|s| !s.is_empty()),
        offset: if csv { 0 } else { (page - 1) * PER_PAGE },
        limit: if csv { 1000 } else { PER_PAGE },
    };
    let (tasks, total) = state
        .store
        .tasks(&filter, &state.today().to_string())
        .await?;
    if csv {
        return Ok(tasks_csv(&tasks));
    }
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
        page,
        pages: (total + PER_PAGE - 1) / PER_PAGE,
        total,
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

/// A task with everything needed to check permissions on it.
struct Loaded {
    task: Task,
    commune: Commune,
    partners: Vec<(Option<i64>, String)>,
}

impl Loaded {
    fn partner_ids(&self) -> Vec<i64> {
        self.partners.iter().filter_map(|p| p.0).collect()
    }
    fn can_update(&self, auth: &Auth) -> bool {
        auth.actor().can_update_task(
            self.commune.scope(),
            self.task.lead_unit_id,
            &self.partner_ids(),
        )
    }
}

async fn load(state: &AppState, auth: &Auth, id: i64) -> Result<Loaded> {
    let task = state.store.task(id).await?;
    let commune = state.store.commune(task.commune_id).await?;
    if !auth.actor().can_view_commune(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let partners = state.store.task_partners(id).await?;
    Ok(Loaded {
        task,
        commune,
        partners,
    })
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
        can_update: l.can_update(auth),
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

/// Largest evidence file.
const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

async fn record(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response> {
    let (fields, file) = read_multipart(mp).await?;
    auth.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let l = load(&state, &auth, id).await?;
    if !l.can_update(&auth) {
        return Err(AppError::Forbidden);
    }
    let get = |k: &str| {
        fields
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let occurrences = state.store.occurrences_of(id).await?;
    let occurrence_id: Option<i64> = get("occurrence").parse().ok();
    let problem = match (
        occurrence_id.filter(|o| occurrences.iter().any(|x| x.id == *o)),
        OccurrenceStatus::parse(&get("status")),
        Percent::parse(&get("percent")),
    ) {
        (None, _, _) => Some("Vui lòng chọn kỳ thực hiện.".to_string()),
        (_, Err(e), _) | (_, _, Err(e)) => Some(e.message_vi()),
        (Some(_), Ok(_), Ok(_)) => None,
    };
    let url = get("evidence_url");
    let note = vntext::nfc(&get("note"));
    let text_problem =
        crate::view::progress_text_problem(Some(url.as_str()).filter(|u| !u.is_empty()), &note)
            .map(str::to_string);
    let file_problem = file.as_ref().and_then(|(_, b)| {
        (b.len() > MAX_EVIDENCE_BYTES).then(|| "Tệp minh chứng quá lớn (tối đa 10 MB).".to_string())
    });
    if let Some(p) = problem.or(text_problem).or(file_problem) {
        return render_page(&state, &auth, id, Some(p)).await;
    }
    let status = OccurrenceStatus::parse(&get("status"))
        .map_err(|e| AppError::BadRequest(e.message_vi()))?;
    let percent =
        Percent::parse(&get("percent")).map_err(|e| AppError::BadRequest(e.message_vi()))?;
    // "Done" means 100 %; a done occurrence never shows less.
    let percent = if status == OccurrenceStatus::Done {
        100
    } else {
        i64::from(percent.get())
    };
    let new = NewProgress {
        occurrence_id: occurrence_id.unwrap_or_default(),
        unit_id: auth.user.unit_id,
        status: status.as_code().to_string(),
        percent,
        note,
        evidence_url: Some(url).filter(|u| !u.is_empty()),
        evidence_file: file.map(|(name, bytes)| {
            let ct = evidence_type(&bytes);
            (name, ct.to_string(), bytes)
        }),
    };
    state.store.record_progress(auth.user.id, &new).await?;
    Ok(Redirect::to(&format!("/tasks/{id}#history")).into_response())
}

/// The content type evidence is served with: a known document or image type by its first
/// bytes, otherwise a download of unknown bytes (never HTML, so nothing uploaded runs in
/// the browser).
fn evidence_type(bytes: &[u8]) -> &'static str {
    crate::view::sniff_type(bytes).unwrap_or("application/octet-stream")
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
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    auth.check_csrf(&get("csrf"))?;
    let l = load(&state, &auth, id).await?;
    if !auth.actor().can_edit_plans(l.commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let units = state.store.units_of(l.commune.id).await?;
    let known = |v: &str| {
        v.parse::<i64>()
            .ok()
            .filter(|id| units.iter().any(|u| u.id == *id))
    };
    let text = match domain::text::TaskText::parse(&get("text")) {
        Ok(t) => t.into_string(),
        Err(e) => return render_page(&state, &auth, id, Some(e.message_vi().into())).await,
    };
    let lead = known(&get("lead"));
    let partner_ids: Vec<i64> = form
        .iter()
        .filter(|(n, _)| n == "partner")
        .filter_map(|(_, v)| known(v))
        .collect();
    let partners: Vec<(Option<i64>, String)> = partner_ids
        .iter()
        .filter(|p| Some(**p) != lead)
        .filter_map(|p| {
            units
                .iter()
                .find(|u| u.id == *p)
                .map(|u| (Some(u.id), u.name.clone()))
        })
        .chain(l.partners.iter().filter(|p| p.0.is_none()).cloned())
        .collect();
    let timeframe = Some(vntext::nfc(&get("timeframe"))).filter(|s| !s.is_empty());
    let plan = state.store.plan(l.task.plan_id).await?;
    let year = PlanYear::parse(plan.year.to_string().as_str())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let changed = timeframe != l.task.timeframe;
    let (recurrence, certain, occurrences) = import::schedule_task(timeframe.as_deref(), year);
    let edit = store::TaskEdit {
        text,
        lead_unit_id: lead,
        partners,
        timeframe,
        recurrence: if changed {
            recurrence
        } else {
            l.task.recurrence.clone()
        },
        schedule_certain: if changed {
            certain
        } else {
            l.task.schedule_certain != 0
        },
    };
    state
        .store
        .update_task(
            auth.user.id,
            id,
            &edit,
            changed.then_some(occurrences.as_slice()),
        )
        .await?;
    Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
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
    let l = load(&state, &auth, id).await?;
    if !auth.actor().can_edit_plans(l.commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let Ok(due) = chrono::NaiveDate::parse_from_str(f.due_on.trim(), "%Y-%m-%d") else {
        return render_page(&state, &auth, id, Some("Hạn thực hiện chưa đúng.".into())).await;
    };
    let label = vntext::nfc(f.label.trim());
    if label.is_empty() || label.chars().count() > 200 {
        return render_page(
            &state,
            &auth,
            id,
            Some(
                "Vui lòng nhập tên kỳ (tối đa 200 ký tự), ví dụ: Theo Công văn số 15/UBND-VP."
                    .into(),
            ),
        )
        .await;
    }
    let today = state.today().to_string();
    let starts = if today.as_str() < due.to_string().as_str() {
        today
    } else {
        due.to_string()
    };
    state
        .store
        .add_occurrence(auth.user.id, id, &label, &starts, &due.to_string())
        .await?;
    Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
}
