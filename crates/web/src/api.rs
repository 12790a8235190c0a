//! The JSON API for the province's other systems: the same reads and operations as the
//! pages (plans created, edited and moved through their lifecycle, tasks edited, progress
//! recorded, exports, the province overview), with the same permission rules, because both
//! call the same [`crate::ops`]. Authenticated by per-user API tokens
//! (`Authorization: Bearer …`); tokens are made on the account page and only their hash is
//! stored. The contract is `/api/openapi.json`.

use askama::Template;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Form, Json, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use domain::PlanYear;
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, SectionText, TaskText};
use serde::Deserialize;
use serde_json::json;
use store::{TaskFilter, User};

use crate::AppState;
use crate::auth::{Auth, CsrfForm, random_token, sha256_hex};
use crate::error::AppError;
use crate::import::{self, Review};
use crate::ops;
use crate::view::Ctx;

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
        .route("/api/v1/plans/{id}/sections", post(section_add))
        .route("/api/v1/plans/{id}/sections/{section}", put(section_update))
        .route("/api/v1/plans/{id}/tasks", post(task_add))
        .route("/api/v1/plans/{id}/export/{format}", get(plan_export))
        .route("/api/v1/tasks", get(tasks))
        .route("/api/v1/tasks/{id}", get(task).patch(task_update))
        .route("/api/v1/tasks/{id}/occurrences", post(occurrence_add))
        .route("/api/v1/tasks/{id}/progress", post(progress))
        .route("/account/tokens", get(tokens_page).post(token_create))
}

/// An API error: a status and a JSON body `{"error": code, "message": Vietnamese}`.
pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<store::StoreError> for ApiError {
    fn from(e: store::StoreError) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::Internal(d) = &self.0 {
            tracing::error!("api internal error: {d}");
        }
        let code = match self.0 {
            AppError::SignIn => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Internal(_) => "internal",
        };
        (
            self.0.status(),
            Json(json!({"error": code, "message": self.0.message_vi()})),
        )
            .into_response()
    }
}

type ApiResult<T> = std::result::Result<T, ApiError>;

/// The user of a request's bearer token.
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<ApiUser> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError(AppError::SignIn))?;
        let user_id = state
            .store
            .api_token_user(&sha256_hex(token.trim()))
            .await?
            .ok_or(ApiError(AppError::SignIn))?;
        Ok(ApiUser(state.store.user(user_id).await?))
    }
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../assets/openapi.json"),
    )
        .into_response()
}

async fn me(ApiUser(u): ApiUser) -> Json<User> {
    Json(u)
}

#[derive(Deserialize)]
struct CommuneParam {
    commune: Option<i64>,
}

async fn visible_commune(
    state: &AppState,
    user: &User,
    id: Option<i64>,
) -> ApiResult<store::Commune> {
    let id = id.or(user.commune_id).ok_or(ApiError(AppError::BadRequest(
        "Thiếu tham số commune (mã xã, phường).".into(),
    )))?;
    let c = state.store.commune(id).await?;
    if !user.actor().can_view_commune(c.scope()) {
        return Err(ApiError(AppError::Forbidden));
    }
    Ok(c)
}

async fn plans(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Query(q): Query<CommuneParam>,
) -> ApiResult<Json<Vec<store::Plan>>> {
    let c = visible_commune(&state, &u, q.commune).await?;
    Ok(Json(state.store.plans_of(c.id).await?))
}

async fn plan(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let p = state.store.plan(id).await?;
    visible_commune(&state, &u, Some(p.commune_id)).await?;
    let sections = state.store.sections_of(id).await?;
    Ok(Json(json!({"plan": p, "sections": sections})))
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
    Query(q): Query<TaskParams>,
) -> ApiResult<Json<serde_json::Value>> {
    let c = visible_commune(&state, &u, q.commune).await?;
    let filter = TaskFilter {
        commune_id: c.id,
        plan_id: q.plan,
        unit_id: q.unit,
        query: q.q,
        only_overdue: q.overdue.unwrap_or(false),
        sort: q.sort,
        offset: q.offset.unwrap_or(0),
        limit: q.limit.unwrap_or(100),
    };
    let (rows, total) = state
        .store
        .tasks(&filter, &state.today().to_string())
        .await?;
    Ok(Json(json!({"total": total, "tasks": rows})))
}

async fn task(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let t = state.store.task(id).await?;
    visible_commune(&state, &u, Some(t.commune_id)).await?;
    Ok(Json(json!({
        "task": t,
        "partners": state.store.task_partners(id).await?,
        "occurrences": state.store.occurrences_of(id).await?,
        "progress": state.store.progress_of_task(id).await?,
    })))
}

/// A JSON body; a malformed one is a 400 with the reason, in the API's error shape.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> ApiResult<ApiJson<T>> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(bad(format!("Dữ liệu JSON không hợp lệ: {}", e.body_text()))),
        }
    }
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError(AppError::BadRequest(message.into()))
}

/// A domain text error as the API's 400.
fn text_error(e: domain::text::TextError) -> ApiError {
    bad(e.message_vi())
}

/// `201 Created` with `{"id": …}`.
fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(json!({ "id": id }))).into_response()
}

/// A file sent inside JSON: its name and its bytes in base64 (at most 10 MB decoded).
#[derive(Deserialize)]
struct FileBody {
    name: String,
    content_base64: String,
}

impl FileBody {
    fn decode(self) -> ApiResult<(String, Vec<u8>)> {
        let bytes = B64
            .decode(self.content_base64.trim())
            .map_err(|_| bad("Nội dung tệp không phải base64 hợp lệ."))?;
        if bytes.len() > crate::plans::MAX_FILE_BYTES {
            return Err(bad("Tệp quá lớn (tối đa 10 MB)."));
        }
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
struct ProgressBody {
    occurrence_id: i64,
    status: String,
    percent: i64,
    #[serde(default)]
    note: String,
    evidence_url: Option<String>,
    evidence_file: Option<FileBody>,
}

async fn progress(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ProgressBody>,
) -> ApiResult<Response> {
    let input = ops::ProgressInput {
        occurrence_id: b.occurrence_id,
        status: OccurrenceStatus::parse(&b.status).map_err(|e| bad(e.message_vi()))?,
        percent: Percent::new(b.percent).map_err(|e| bad(e.message_vi()))?,
        note: ProgressNote::parse(&b.note).map_err(text_error)?,
        evidence_url: EvidenceUrl::parse_optional(b.evidence_url.as_deref().unwrap_or(""))
            .map_err(text_error)?,
        evidence_file: b.evidence_file.map(FileBody::decode).transpose()?,
    };
    Ok(created(ops::record_progress(&state, &u, id, input).await?))
}

async fn units(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Query(q): Query<CommuneParam>,
) -> ApiResult<Json<Vec<store::Unit>>> {
    let c = visible_commune(&state, &u, q.commune).await?;
    Ok(Json(state.store.units_of(c.id).await?))
}

#[derive(Deserialize)]
struct ProvinceParam {
    province: Option<i64>,
}

/// Every commune of a province with its plan status and progress (the province overview).
async fn province(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Query(q): Query<ProvinceParam>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = q
        .province
        .or(u.province_id)
        .ok_or(bad("Thiếu tham số province (mã tỉnh, thành phố)."))?;
    if !u.actor().can_view_province(id) {
        return Err(ApiError(AppError::Forbidden));
    }
    let province = state.store.province(id).await?;
    let communes = state
        .store
        .province_overview(id, &state.today().to_string())
        .await?;
    Ok(Json(json!({"province": province, "communes": communes})))
}

#[derive(Deserialize)]
struct PlanCreateBody {
    commune: Option<i64>,
    year: i64,
}

/// A new draft plan from the Decree 30 outline.
async fn plan_create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiJson(b): ApiJson<PlanCreateBody>,
) -> ApiResult<Response> {
    let year = PlanYear::parse(b.year).map_err(|e| bad(e.message_vi()))?;
    let commune = ops::editable_commune(&state, &u, b.commune).await?;
    Ok(created(
        ops::create_blank(&state, &u, &commune, year).await?,
    ))
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
    /// Lead unit per task read, in order; `null` leaves a task unassigned; tasks past the
    /// end of the list (or all, without it) keep the proposed match.
    #[serde(default)]
    leads: Vec<Option<i64>>,
    /// Time frame per task read, in order, likewise.
    #[serde(default)]
    timeframes: Vec<Option<String>>,
    /// Corrected text per task read, in order; `null` keeps the text as read.
    #[serde(default)]
    texts: Vec<Option<String>>,
    /// Per task read: `true` leaves the item out (it is not a task).
    #[serde(default)]
    skip: Vec<bool>,
    /// Only read and check the document: answer what was read, store nothing.
    #[serde(default)]
    dry_run: bool,
}

async fn plan_import(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiJson(b): ApiJson<ImportBody>,
) -> ApiResult<Response> {
    let commune = ops::editable_commune(&state, &u, b.commune).await?;
    let (origin, file) = match (b.file, b.province_plan) {
        (Some(f), None) => (ops::ImportOrigin::Upload, f.decode()?),
        (None, Some(id)) => {
            let (plan, bytes) = state.store.province_plan(id).await?;
            if plan.province_id != commune.province_id {
                return Err(ApiError(AppError::Forbidden));
            }
            (ops::ImportOrigin::Province, (plan.filename, bytes))
        }
        _ => {
            return Err(bad(
                "Vui lòng gửi một trong hai: tệp kế hoạch (file) hoặc kế hoạch của tỉnh \
                 (province_plan).",
            ));
        }
    };
    let year = b
        .year
        .map(PlanYear::parse)
        .transpose()
        .map_err(|e| bad(e.message_vi()))?;
    if b.dry_run {
        let (outcome, _) = ops::read_document(&state, &commune, file.0, file.1).await?;
        let warnings: Vec<&str> = outcome
            .doc
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        return Ok(Json(json!({
            "title": outcome.doc.title,
            "year": outcome.doc.year,
            "number": outcome.doc.number,
            "sections": import::flatten_sections(&outcome.doc).0.len(),
            "tasks": outcome.tasks,
            "findings": outcome.findings,
            "warnings": warnings,
        }))
        .into_response());
    }
    let review = Review {
        title: vntext::nfc(b.title.trim()),
        leads: b.leads,
        timeframes: b
            .timeframes
            .iter()
            .map(|t| ops::timeframe_text(t.as_deref().unwrap_or("")))
            .collect::<Result<_, _>>()?,
        texts: b
            .texts
            .iter()
            .map(|t| t.as_deref().map(TaskText::parse).transpose())
            .collect::<Result<_, _>>()
            .map_err(text_error)?,
        skip: b.skip,
    };
    let id = ops::import_plan(&state, &u, &commune, origin, file, year, &review).await?;
    Ok(created(id))
}

#[derive(Deserialize)]
struct YearBody {
    year: i64,
}

async fn plan_copy(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<YearBody>,
) -> ApiResult<Response> {
    let year = PlanYear::parse(b.year).map_err(|e| bad(e.message_vi()))?;
    Ok(created(ops::copy_plan(&state, &u, id, year).await?))
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
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<StatusBody>,
) -> ApiResult<Json<serde_json::Value>> {
    let signed = b.signed_file.map(FileBody::decode).transpose()?;
    let change = crate::plans::status_change(&b.action, &b.number, &b.issued_on, signed)?;
    let next = ops::change_status(&state, &u, id, change).await?;
    Ok(Json(json!({"plan": state.store.plan(next).await?})))
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
}

async fn section_add(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<SectionBody>,
) -> ApiResult<Response> {
    let text = SectionText::parse(&b.label, &b.title, &b.body).map_err(text_error)?;
    Ok(created(
        ops::add_section(&state, &u, id, b.parent, &text).await?,
    ))
}

async fn section_update(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path((id, section)): Path<(i64, i64)>,
    ApiJson(b): ApiJson<SectionBody>,
) -> ApiResult<Json<serde_json::Value>> {
    let text = SectionText::parse(&b.label, &b.title, &b.body).map_err(text_error)?;
    ops::update_section(&state, &u, id, section, &text).await?;
    let section = state
        .store
        .sections_of(id)
        .await?
        .into_iter()
        .find(|s| s.id == section);
    Ok(Json(json!({ "section": section })))
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
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<TaskBody>,
) -> ApiResult<Response> {
    let text = TaskText::parse(&b.text).map_err(text_error)?;
    let timeframe = ops::timeframe_text(&b.timeframe)?;
    let tid = ops::add_task(&state, &u, id, b.section, text, b.lead_unit_id, timeframe).await?;
    Ok(created(tid))
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
}

async fn task_update(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<TaskPatch>,
) -> ApiResult<Json<serde_json::Value>> {
    let change = ops::TaskChange {
        text: b
            .text
            .as_deref()
            .map(TaskText::parse)
            .transpose()
            .map_err(text_error)?,
        lead: b.lead_unit_id,
        partners: b.partner_unit_ids,
        timeframe: match b.timeframe {
            Some(t) => Some(ops::timeframe_text(t.as_deref().unwrap_or(""))?),
            None => None,
        },
    };
    ops::edit_task(&state, &u, id, change).await?;
    Ok(Json(json!({
        "task": state.store.task(id).await?,
        "partners": state.store.task_partners(id).await?,
        "occurrences": state.store.occurrences_of(id).await?,
    })))
}

#[derive(Deserialize)]
struct OccurrenceBody {
    label: String,
    due_on: String,
}

async fn occurrence_add(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<OccurrenceBody>,
) -> ApiResult<Response> {
    let label = OccurrenceLabel::parse(&b.label).map_err(text_error)?;
    let due = chrono::NaiveDate::parse_from_str(b.due_on.trim(), "%Y-%m-%d")
        .map_err(|_| bad("Hạn thực hiện chưa đúng (YYYY-MM-DD)."))?;
    Ok(created(
        ops::add_occurrence(&state, &u, id, &label, due).await?,
    ))
}

async fn plan_export(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path((id, format)): Path<(i64, String)>,
) -> ApiResult<Response> {
    Ok(crate::plans::export_plan(&state, &u, id, &format).await?)
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    ctx: Ctx,
    token: Option<String>,
}

async fn tokens_page(
    State(state): State<AppState>,
    auth: Auth,
) -> crate::error::Result<Html<String>> {
    let ctx = Ctx::for_user(&state, &auth, "Khóa truy cập API").await?;
    Ok(Html(TokensPage { ctx, token: None }.render()?))
}

async fn token_create(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<CsrfForm>,
) -> crate::error::Result<Html<String>> {
    auth.check_csrf(&f.csrf)?;
    let token = format!("dn_{}", random_token());
    state
        .store
        .create_api_token(auth.user.id, "web", &sha256_hex(&token))
        .await?;
    let ctx = Ctx::for_user(&state, &auth, "Khóa truy cập API").await?;
    Ok(Html(
        TokensPage {
            ctx,
            token: Some(token),
        }
        .render()?,
    ))
}
