//! `/api/v1`: each handler reads its JSON, calls one use case, and answers its result.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use domain::PlanYear;
use domain::plan::PlanTitle;
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, SectionText, TaskText};
use serde::Deserialize;
use serde_json::json;

use app::export::ExportFormat;
use app::import::Review;
use app::plans::{ImportChoices, ImportSource};
use app::tasks::{NewTaskInput, ProgressInput, TaskChange, TaskQuery};
use app::{Error, PageRequest, SortKey, TaskSort, User};

use super::{ApiBody, ApiError, ApiKey, ApiQuery, ApiResult, ApiUser, Id, bad};
use crate::AppState;
use crate::ui::file_download;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/me", get(me))
        .route("/api/v1/units", get(units))
        .route("/api/v1/province", get(province))
        .route("/api/v1/plans", get(plans).post(plan_create))
        .route("/api/v1/plans/import", post(plan_import))
        .route("/api/v1/plans/{id}", get(plan))
        .route("/api/v1/plans/{id}/copy", post(plan_copy))
        .route("/api/v1/plans/{id}/status", post(plan_status))
        .route("/api/v1/plans/{id}/discard", post(plan_discard))
        .route("/api/v1/plans/{id}/restore", post(plan_restore))
        .route("/api/v1/plans/{id}/sections", post(section_add))
        .route("/api/v1/plans/{id}/sections/{section}", put(section_update))
        .route("/api/v1/plans/{id}/tasks", post(task_add))
        .route("/api/v1/plans/{id}/export/{format}", get(plan_export))
        .route("/api/v1/tasks", get(tasks))
        .route("/api/v1/tasks/{id}", get(task).patch(task_update))
        .route("/api/v1/tasks/{id}/occurrences", post(occurrence_add))
        .route("/api/v1/tasks/{id}/progress", post(progress))
        .route("/api/v1/tokens", get(tokens))
        .route("/api/v1/tokens/{id}", axum::routing::delete(token_revoke))
}

/// The contract: the hand-written description of plans, tasks and tokens, with the
/// registers' part generated from their definitions ([`super::registers::openapi_part`]).
async fn openapi() -> Response {
    static SPEC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/openapi.json")).unwrap_or_default();
        let (schemas, paths) = super::registers::openapi_part();
        if let Some(s) = v["components"]["schemas"].as_object_mut() {
            s.extend(schemas);
        }
        if let Some(p) = v["paths"].as_object_mut() {
            p.extend(paths);
        }
        v.to_string()
    });
    ([(header::CONTENT_TYPE, "application/json")], spec.as_str()).into_response()
}

async fn me(ApiUser(u): ApiUser) -> Json<User> {
    Json(u)
}

/// `201 Created` with `{"id": …}`.
pub(super) fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(json!({ "id": id }))).into_response()
}

/// A file sent inside JSON: its name and its bytes in base64.
#[derive(Deserialize)]
pub(super) struct FileBody {
    pub name: String,
    pub content_base64: String,
}

impl FileBody {
    pub(super) fn decode(self) -> ApiResult<(String, Vec<u8>)> {
        let bytes = B64
            .decode(self.content_base64.trim())
            .map_err(|_| bad("Nội dung tệp không phải base64 hợp lệ."))?;
        let name = vntext::nfc(self.name.trim());
        if name.is_empty() || name.chars().count() > 255 {
            return Err(bad("Vui lòng ghi tên tệp (tối đa 255 ký tự)."));
        }
        Ok((name, bytes))
    }
}

/// Deserialises a field that may be absent (`None`: unchanged), `null` (`Some(None)`:
/// cleared) or a value (`Some(Some(v))`).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
struct CommuneParam {
    commune: Option<i64>,
}

async fn units(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<CommuneParam>,
) -> ApiResult<Response> {
    Ok(Json(state.app.units_of(&u, q.commune).await?).into_response())
}

#[derive(Deserialize)]
struct ProvinceParam {
    province: Option<i64>,
    year: Option<i64>,
}

/// Every commune of a province with its plan in force for the year and its progress.
async fn province(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<ProvinceParam>,
) -> ApiResult<Response> {
    let year = q
        .year
        .map(PlanYear::parse)
        .transpose()
        .map_err(Error::from)?;
    let v = state
        .app
        .province_view(&u, q.province, year, "", app::ProvinceSort::Name, None)
        .await?;
    Ok(
        Json(json!({"province": v.province, "year": v.year, "communes": v.communes.rows}))
            .into_response(),
    )
}

#[derive(Deserialize)]
struct PlansParam {
    commune: Option<i64>,
    #[serde(default)]
    q: String,
    status: Option<String>,
}

async fn plans(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<PlansParam>,
) -> ApiResult<Response> {
    let query = app::plans::PlanQuery {
        commune: q.commune,
        query: q.q,
        status: q
            .status
            .as_deref()
            .and_then(domain::plan::PlanStatus::parse),
        ..Default::default()
    };
    let v = state.app.plans_list(&u, &query, None).await?;
    Ok(Json(v.plans.rows).into_response())
}

async fn plan(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
) -> ApiResult<Response> {
    let (plan, sections) = state.app.plan_with_sections(&u, id).await?;
    Ok(Json(json!({"plan": plan, "sections": sections})).into_response())
}

#[derive(Deserialize)]
struct TaskParams {
    commune: Option<i64>,
    plan: Option<i64>,
    unit: Option<i64>,
    q: Option<String>,
    overdue: Option<bool>,
    sort: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
}

async fn tasks(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<TaskParams>,
) -> ApiResult<Response> {
    let query = TaskQuery {
        commune: q.commune,
        plan: q.plan,
        unit: q.unit,
        query: q.q.unwrap_or_default(),
        only_overdue: q.overdue.unwrap_or(false),
        sort: q.sort.as_deref().map(TaskSort::parse),
    };
    let max = state.app.config().limits.max_api_limit;
    let page = PageRequest::at_offset(q.offset.unwrap_or(0), q.limit.unwrap_or(100).min(max));
    let v = state.app.tasks_list(&u, &query, Some(page)).await?;
    Ok(Json(json!({"total": v.tasks.total, "tasks": v.tasks.rows})).into_response())
}

async fn task(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
) -> ApiResult<Response> {
    let (task, partners, occurrences, progress) = state.app.task_detail(&u, id).await?;
    Ok(Json(json!({
        "task": task,
        "partners": partners,
        "occurrences": occurrences,
        "progress": progress.rows,
    }))
    .into_response())
}

#[derive(Deserialize)]
struct ProgressBody {
    occurrence_id: i64,
    status: String,
    /// Absent: implied by the status (100 when done, 0 when not started).
    percent: Option<i64>,
    #[serde(default)]
    note: String,
    evidence_url: Option<String>,
    evidence_file: Option<FileBody>,
}

async fn progress(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<ProgressBody>,
) -> ApiResult<Response> {
    let input = ProgressInput {
        occurrence_id: b.occurrence_id,
        status: OccurrenceStatus::parse(&b.status).map_err(Error::from)?,
        percent: b
            .percent
            .map(Percent::new)
            .transpose()
            .map_err(Error::from)?,
        note: ProgressNote::parse(&b.note).map_err(Error::from)?,
        evidence_url: EvidenceUrl::parse_optional(b.evidence_url.as_deref().unwrap_or(""))
            .map_err(Error::from)?,
        evidence_file: b.evidence_file.map(FileBody::decode).transpose()?,
    };
    Ok(created(
        state
            .app
            .record_progress(&u, id, input, key.as_ref())
            .await?
            .0,
    ))
}

#[derive(Deserialize)]
struct PlanCreateBody {
    commune: Option<i64>,
    year: i64,
    #[serde(default)]
    confirm_same_year: bool,
}

/// A new draft plan from the Decree 30 outline.
async fn plan_create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiBody(b, key): ApiBody<PlanCreateBody>,
) -> ApiResult<Response> {
    let year = PlanYear::parse(b.year).map_err(Error::from)?;
    let id = state
        .app
        .create_blank(&u, b.commune, year, b.confirm_same_year, key.as_ref())
        .await?;
    Ok(created(id.0))
}

/// A plan from a document, as the upload and review pages make it.
#[derive(Deserialize)]
struct ImportBody {
    commune: Option<i64>,
    /// The commune's own plan document (txt, md, docx, pdf) …
    file: Option<FileBody>,
    /// … or a plan the province published, to start from.
    province_plan: Option<i64>,
    /// Default: the year the document names.
    year: Option<i64>,
    /// Default: the document's title.
    #[serde(default)]
    title: String,
    #[serde(default)]
    leads: Vec<Option<i64>>,
    #[serde(default)]
    timeframes: Vec<Option<String>>,
    #[serde(default)]
    texts: Vec<Option<String>>,
    #[serde(default)]
    skip: Vec<bool>,
    /// Make the plan even though the commune has one for that year.
    #[serde(default)]
    confirm_same_year: bool,
    /// Only read and check the document: answer what was read, store nothing.
    #[serde(default)]
    dry_run: bool,
}

async fn plan_import(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiBody(b, key): ApiBody<ImportBody>,
) -> ApiResult<Response> {
    let source = match (b.file, b.province_plan) {
        (Some(f), None) => {
            let (name, bytes) = f.decode()?;
            ImportSource::File(name, bytes)
        }
        (None, Some(id)) => ImportSource::ProvincePlan(id),
        _ => {
            return Err(bad(
                "Vui lòng gửi một trong hai: tệp kế hoạch (file) hoặc kế hoạch của tỉnh (province_plan).",
            ));
        }
    };
    let year = b
        .year
        .map(PlanYear::parse)
        .transpose()
        .map_err(Error::from)?;
    if b.dry_run {
        let d = state.app.dry_run(&u, b.commune, source).await?;
        let mut warnings: Vec<String> = d
            .outcome
            .doc
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect();
        for p in &d.same_year {
            warnings.push(format!(
                "Xã, phường đã có kế hoạch năm {}: “{}” ({}).",
                p.year,
                p.title,
                p.status.label_vi().to_lowercase()
            ));
        }
        return Ok(Json(json!({
            "title": d.outcome.doc.title,
            "year": d.outcome.doc.year,
            "number": d.outcome.doc.number,
            "sections": d.sections,
            "tasks": d.outcome.tasks,
            "findings": d.outcome.findings,
            "warnings": warnings,
        }))
        .into_response());
    }
    // Typed time frames are read in the plan's year: the one given, else this year.
    let typed_year = match year {
        Some(y) => y,
        None => PlanYear::parse(chrono::Datelike::year(&state.app.today())).map_err(Error::from)?,
    };
    let review = Review {
        title: if b.title.trim().is_empty() {
            None
        } else {
            Some(PlanTitle::parse(&b.title).map_err(Error::from)?)
        },
        leads: b.leads,
        timeframes: b
            .timeframes
            .iter()
            .map(|t| domain::Timeframe::parse(t.as_deref().unwrap_or(""), typed_year))
            .collect::<Result<_, _>>()
            .map_err(Error::from)?,
        texts: b
            .texts
            .iter()
            .map(|t| t.as_deref().map(TaskText::parse).transpose())
            .collect::<Result<_, _>>()
            .map_err(Error::from)?,
        skip: b.skip,
    };
    let choices = ImportChoices {
        year,
        review,
        confirm_same_year: b.confirm_same_year,
    };
    let id = state
        .app
        .import_direct(&u, b.commune, source, &choices, key.as_ref())
        .await?;
    Ok(created(id.0))
}

#[derive(Deserialize)]
struct YearBody {
    year: i64,
    #[serde(default)]
    confirm_same_year: bool,
}

async fn plan_copy(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<YearBody>,
) -> ApiResult<Response> {
    let year = PlanYear::parse(b.year).map_err(Error::from)?;
    Ok(created(
        state
            .app
            .copy_plan(&u, id, year, b.confirm_same_year, key.as_ref())
            .await?
            .0,
    ))
}

#[derive(Deserialize)]
struct StatusBody {
    action: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    issued_on: String,
    signed_file: Option<FileBody>,
}

/// One lifecycle step; answers with the plan to look at next (the new version after
/// `amend`).
async fn plan_status(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<StatusBody>,
) -> ApiResult<Response> {
    let signed = b.signed_file.map(FileBody::decode).transpose()?;
    let change = crate::routes::plans::status_change(&b.action, &b.number, &b.issued_on, signed)?;
    let next = state
        .app
        .change_status(&u, id, change, key.as_ref())
        .await?;
    let (plan, _) = state.app.plan_with_sections(&u, next.0).await?;
    Ok(Json(json!({ "plan": plan })).into_response())
}

async fn plan_discard(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiKey(key): ApiKey,
) -> ApiResult<Response> {
    state.app.discard_plan(&u, id, key.as_ref()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn plan_restore(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiKey(key): ApiKey,
) -> ApiResult<Response> {
    let id = state.app.restore_plan(&u, id, key.as_ref()).await?;
    let (plan, _) = state.app.plan_with_sections(&u, id.0).await?;
    Ok(Json(json!({ "plan": plan })).into_response())
}

#[derive(Deserialize)]
struct SectionBody {
    parent: Option<i64>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    /// The version the change was made from (`GET /plans/{id}` gives it); absent: the
    /// current one.
    version: Option<i64>,
}

async fn section_add(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<SectionBody>,
) -> ApiResult<Response> {
    let text = SectionText::parse(&b.label, &b.title, &b.body).map_err(Error::from)?;
    Ok(created(
        state
            .app
            .add_section(&u, id, b.parent, &text, key.as_ref())
            .await?,
    ))
}

async fn section_update(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((id, section)): Id<(i64, i64)>,
    ApiBody(b, key): ApiBody<SectionBody>,
) -> ApiResult<Response> {
    let text = SectionText::parse(&b.label, &b.title, &b.body).map_err(Error::from)?;
    let s = state
        .app
        .update_section(&u, id, section, &text, b.version, key.as_ref())
        .await?;
    Ok(Json(json!({ "section": s })).into_response())
}

#[derive(Deserialize)]
struct TaskBody {
    section: Option<i64>,
    text: String,
    lead_unit_id: Option<i64>,
    #[serde(default)]
    timeframe: String,
}

async fn task_add(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<TaskBody>,
) -> ApiResult<Response> {
    let input = NewTaskInput {
        section: b.section,
        text: TaskText::parse(&b.text).map_err(Error::from)?,
        lead: b.lead_unit_id,
        timeframe: b.timeframe,
    };
    Ok(created(
        state.app.add_task(&u, id, input, key.as_ref()).await?.0,
    ))
}

/// Fields absent stay as they are; `null` clears the lead unit or the time frame.
#[derive(Deserialize)]
struct TaskPatch {
    text: Option<String>,
    #[serde(default, deserialize_with = "present")]
    lead_unit_id: Option<Option<i64>>,
    partner_unit_ids: Option<Vec<i64>>,
    #[serde(default, deserialize_with = "present")]
    timeframe: Option<Option<String>>,
    version: Option<i64>,
}

async fn task_update(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<TaskPatch>,
) -> ApiResult<Response> {
    let change = TaskChange {
        text: b
            .text
            .as_deref()
            .map(TaskText::parse)
            .transpose()
            .map_err(Error::from)?,
        lead: b.lead_unit_id,
        partners: b.partner_unit_ids,
        timeframe: b.timeframe.map(|t| t.unwrap_or_default()),
        version: b.version,
    };
    state.app.edit_task(&u, id, change, key.as_ref()).await?;
    let (task, partners, occurrences, _) = state.app.task_detail(&u, id).await?;
    Ok(
        Json(json!({"task": task, "partners": partners, "occurrences": occurrences}))
            .into_response(),
    )
}

#[derive(Deserialize)]
struct OccurrenceBody {
    label: String,
    due_on: String,
}

async fn occurrence_add(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<OccurrenceBody>,
) -> ApiResult<Response> {
    let label = OccurrenceLabel::parse(&b.label).map_err(Error::from)?;
    let due = chrono::NaiveDate::parse_from_str(b.due_on.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::from(Error::invalid(
            "due_on",
            "Hạn thực hiện chưa đúng (YYYY-MM-DD).",
        ))
    })?;
    Ok(created(
        state
            .app
            .add_occurrence(&u, id, &label, due, key.as_ref())
            .await?
            .0,
    ))
}

async fn plan_export(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((id, format)): Id<(i64, String)>,
) -> ApiResult<Response> {
    let format = ExportFormat::parse(&format).ok_or(ApiError::from(Error::NotFound))?;
    let out = state.app.export_plan(&u, id, format).await?;
    Ok(file_download(&out.filename, out.content_type, out.bytes))
}

async fn tokens(State(state): State<AppState>, ApiUser(u): ApiUser) -> ApiResult<Response> {
    Ok(Json(state.app.api_tokens(&u).await?).into_response())
}

async fn token_revoke(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiKey(key): ApiKey,
) -> ApiResult<Response> {
    state.app.revoke_api_token(&u, id, key.as_ref()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
