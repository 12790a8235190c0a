//! Tasks: the filtered, sorted, paged list (with CSV), the task page with its occurrences,
//! progress and history, progress updates with evidence, and the officer's corrections.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, TaskText};
use serde::Deserialize;

use app::tasks::{ProgressInput, TaskChange, TaskQuery, TaskView};
use app::{Error, PageRequest, SortKey, TaskRow, TaskSort, Unit};

use crate::AppState;
use crate::error::{Result, status_of};
use crate::extract::{Auth, FormData, P, Q};
use crate::routes::dashboard::commune_picker;
use crate::routes::plans::Kept;
use crate::ui::csv::csv_response;
use crate::ui::{Ctx, ListLink, Pager, SortSelect, file_download, page_status, short_date};

pub fn router() -> axum::Router<AppState> {
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
    sort: SortSelect,
    pager: Pager,
    tasks: Vec<TaskRow>,
}

async fn list(State(state): State<AppState>, auth: Auth, Q(q): Q<ListQuery>) -> Result<Response> {
    if q.commune.is_none() && auth.user.commune_id.is_none() {
        return commune_picker(&state, &auth, "/tasks", "Chọn xã, phường").await;
    }
    let sort = TaskSort::parse(&q.sort);
    let csv = q.format.as_deref() == Some("csv");
    let query = TaskQuery {
        commune: q.commune,
        plan: q.plan,
        unit: q.unit,
        query: q.q.clone(),
        only_overdue: q.overdue.is_some(),
        sort: Some(sort),
    };
    let per = state.app.config().limits.per_page;
    let page = (!csv).then(|| PageRequest::new(q.page.unwrap_or(1), per));
    let v = state.app.tasks_list(&auth.user, &query, page).await?;
    if csv {
        return Ok(tasks_csv(&v.tasks.rows));
    }
    let id = v.commune.id.to_string();
    let (plan, unit) = (
        q.plan.map(|p| p.to_string()).unwrap_or_default(),
        q.unit.map(|u| u.to_string()).unwrap_or_default(),
    );
    let overdue = if q.overdue.is_some() { "1" } else { "" };
    let link = ListLink::new(
        "/tasks",
        &[
            ("commune", &id),
            ("plan", &plan),
            ("unit", &unit),
            ("q", &q.q),
            ("overdue", overdue),
            ("sort", sort.code()),
        ],
    );
    let page = ListPage {
        ctx: Ctx::for_user(&state, &auth, "Nhiệm vụ").await?,
        commune_id: v.commune.id,
        units: v.units,
        pager: Pager::of(&v.tasks, "nhiệm vụ", link),
        tasks: v.tasks.rows,
        q: q.q,
        unit: q.unit,
        plan: q.plan,
        overdue: q.overdue.is_some(),
        sort: SortSelect::of(sort),
    };
    Ok(Html(page.render()?).into_response())
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
                app::export::status_cell(t),
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
            "Tình trạng",
        ],
        &rows,
    )
}

/// What the progress form shows: what was typed, or the proposal (the next open period
/// and its current state).
struct ProgressForm {
    occurrence: i64,
    status: String,
    percent: String,
    note: String,
    evidence_url: String,
}

/// What the edit form shows: what was typed, or the task as stored.
struct EditForm {
    text: String,
    lead: Option<i64>,
    partners: Vec<i64>,
    timeframe: String,
    version: i64,
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    ctx: Ctx,
    v: TaskView,
    error: Option<String>,
    progress: ProgressForm,
    edit: EditForm,
    /// The text stored by someone else meanwhile, when an edit was refused for it.
    theirs: Option<String>,
    kept: Kept,
    statuses: Vec<OccurrenceStatus>,
    pager: Pager,
}

impl TaskPage {
    fn is_late(&self, o: &app::Occurrence) -> bool {
        crate::ui::is_late(o, &self.v.today)
    }
    fn partner_checked(&self, unit: &i64) -> bool {
        self.edit.partners.contains(unit)
    }
}

#[derive(Deserialize, Default)]
struct PageQuery {
    page: Option<i64>,
}

async fn render_page(
    state: &AppState,
    auth: &Auth,
    id: i64,
    page: i64,
    failed: Option<(&Error, &FormData)>,
) -> Result<Response> {
    let v = state
        .app
        .task_view(&auth.user, id, PageRequest::new(page, 50))
        .await?;
    let kept = failed.map(|(_, f)| Kept::of(f)).unwrap_or_default();
    let proposal = v
        .next_open
        .and_then(|o| v.occurrences.iter().find(|x| x.id == o));
    let progress = if kept.is("progress") {
        ProgressForm {
            occurrence: kept.get("occurrence").parse().unwrap_or(0),
            status: kept.get("status").to_string(),
            percent: kept.get("percent").to_string(),
            note: kept.get("note").to_string(),
            evidence_url: kept.get("evidence_url").to_string(),
        }
    } else {
        ProgressForm {
            occurrence: proposal.map_or(0, |o| o.id),
            status: proposal
                .map_or(OccurrenceStatus::InProgress, |o| match o.status {
                    OccurrenceStatus::NotStarted => OccurrenceStatus::InProgress,
                    s => s,
                })
                .as_code()
                .to_string(),
            // Blank unless work is under way: "Hoàn thành" then needs no typing (100 %).
            percent: proposal
                .filter(|o| o.status == OccurrenceStatus::InProgress)
                .map_or(String::new(), |o| o.percent.to_string()),
            note: String::new(),
            evidence_url: String::new(),
        }
    };
    let theirs = match failed {
        Some((Error::Conflict(c), f)) if Kept::of(f).is("edit") => c.theirs.clone(),
        _ => None,
    };
    let edit = if kept.is("edit") {
        EditForm {
            text: kept.get("text").to_string(),
            lead: kept.get("lead").trim().parse().ok(),
            partners: failed
                .map(|(_, f)| {
                    f.all("partner")
                        .filter_map(|p| p.trim().parse().ok())
                        .collect()
                })
                .unwrap_or_default(),
            timeframe: kept.get("timeframe").to_string(),
            // After a conflict the form saves over the version now stored.
            version: if theirs.is_some() {
                v.task.version
            } else {
                kept.get("version").parse().unwrap_or(v.task.version)
            },
        }
    } else {
        EditForm {
            text: v.task.text.clone(),
            lead: v.task.lead_unit_id,
            partners: v.partners.iter().filter_map(|p| p.0).collect(),
            timeframe: v.task.timeframe.clone().unwrap_or_default(),
            version: v.task.version,
        }
    };
    let link = ListLink::new(&format!("/tasks/{id}"), &[]);
    let error = failed.map(|(e, _)| e.message_vi());
    let status = match failed {
        Some((e, _)) => status_of(e),
        None => page_status(&None),
    };
    let page = TaskPage {
        ctx: Ctx::for_user(state, auth, "Nhiệm vụ").await?,
        pager: Pager::of(&v.updates, "lần cập nhật", link),
        error,
        progress,
        edit,
        theirs,
        kept,
        statuses: OccurrenceStatus::ALL.to_vec(),
        v,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn page(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    Q(q): Q<PageQuery>,
) -> Result<Response> {
    render_page(&state, &auth, id, q.page.unwrap_or(1), None).await
}

/// Where a task form goes after the use case: back to the task page with its "saved"
/// notice, or to the page with the message and what was typed.
async fn task_form_result<T>(
    state: &AppState,
    auth: &Auth,
    id: i64,
    form: &FormData,
    done: std::result::Result<T, Error>,
    saved: &str,
) -> Result<Response> {
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}?saved={saved}#history")).into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_page(state, auth, id, 1, Some((&e, form))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn record(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let input = ProgressInput {
            occurrence_id: form
                .id("occurrence")
                .ok_or_else(|| Error::invalid("occurrence", "Vui lòng chọn kỳ thực hiện."))?,
            status: OccurrenceStatus::parse(form.get("status"))?,
            percent: match form.get("percent").trim() {
                "" => None,
                p => Some(Percent::parse(p)?),
            },
            note: ProgressNote::parse(form.get("note"))?,
            evidence_url: EvidenceUrl::parse_optional(form.get("evidence_url"))?,
            evidence_file: form.file.clone(),
        };
        state
            .app
            .record_progress(&auth.user, id, input, form.key().as_ref())
            .await
    }
    .await;
    task_form_result(&state, &auth, id, &form, done, "progress").await
}

async fn edit(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let change = TaskChange {
            text: Some(TaskText::parse(form.get("text"))?),
            lead: Some(form.id("lead")),
            partners: Some(
                form.all("partner")
                    .filter_map(|p| p.trim().parse().ok())
                    .collect(),
            ),
            timeframe: Some(form.get("timeframe").to_string()),
            version: form.id("version"),
        };
        state
            .app
            .edit_task(&auth.user, id, change, form.key().as_ref())
            .await
    }
    .await;
    task_form_result(&state, &auth, id, &form, done, "task").await
}

async fn add_occurrence(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let due = chrono::NaiveDate::parse_from_str(form.get("due_on").trim(), "%Y-%m-%d")
            .map_err(|_| Error::invalid("due_on", "Hạn thực hiện chưa đúng."))?;
        let label = OccurrenceLabel::parse(form.get("label"))?;
        state
            .app
            .add_occurrence(&auth.user, id, &label, due, form.key().as_ref())
            .await
    }
    .await;
    task_form_result(&state, &auth, id, &form, done, "task").await
}

async fn evidence(State(state): State<AppState>, auth: Auth, P(id): P<i64>) -> Result<Response> {
    let (name, ct, bytes) = state.app.evidence(&auth.user, id).await?;
    Ok(file_download(&name, &ct, bytes))
}
