//! The JSON API for the province's other systems: the same reads and progress updates as
//! the pages, with the same permission rules, authenticated by per-user API tokens
//! (`Authorization: Bearer …`). Tokens are made on the account page; only their hash is
//! stored. The contract is `/api/openapi.json`.

use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use domain::progress::{OccurrenceStatus, Percent};
use serde::Deserialize;
use serde_json::json;
use store::{NewProgress, TaskFilter, User};

use crate::AppState;
use crate::auth::{Auth, CsrfForm, random_token, sha256_hex};
use crate::error::AppError;
use crate::view::Ctx;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/me", get(me))
        .route("/api/v1/plans", get(plans))
        .route("/api/v1/plans/{id}", get(plan))
        .route("/api/v1/tasks", get(tasks))
        .route("/api/v1/tasks/{id}", get(task))
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

#[derive(Deserialize)]
struct ProgressBody {
    occurrence_id: i64,
    status: String,
    percent: i64,
    #[serde(default)]
    note: String,
    evidence_url: Option<String>,
}

async fn progress(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<i64>,
    body: std::result::Result<Json<ProgressBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Response> {
    let Json(b) = body.map_err(|e| {
        ApiError(AppError::BadRequest(format!(
            "Dữ liệu JSON không hợp lệ: {}",
            e.body_text()
        )))
    })?;
    let t = state.store.task(id).await?;
    let c = visible_commune(&state, &u, Some(t.commune_id)).await?;
    let partners: Vec<i64> = state
        .store
        .task_partners(id)
        .await?
        .iter()
        .filter_map(|p| p.0)
        .collect();
    if !u
        .actor()
        .can_update_task(c.scope(), t.lead_unit_id, &partners)
    {
        return Err(ApiError(AppError::Forbidden));
    }
    let bad = |m: String| ApiError(AppError::BadRequest(m));
    let status = OccurrenceStatus::parse(&b.status).map_err(|e| bad(e.message_vi()))?;
    let percent = Percent::new(b.percent).map_err(|e| bad(e.message_vi()))?;
    if !state
        .store
        .occurrences_of(id)
        .await?
        .iter()
        .any(|o| o.id == b.occurrence_id)
    {
        return Err(bad("Kỳ thực hiện không thuộc nhiệm vụ này.".into()));
    }
    if let Some(p) = crate::view::progress_text_problem(b.evidence_url.as_deref(), &b.note) {
        return Err(bad(p.into()));
    }
    let percent = if status == OccurrenceStatus::Done {
        100
    } else {
        i64::from(percent.get())
    };
    let new = NewProgress {
        occurrence_id: b.occurrence_id,
        unit_id: u.unit_id,
        status: status.as_code().to_string(),
        percent,
        note: vntext::nfc(&b.note),
        evidence_url: b.evidence_url,
        evidence_file: None,
    };
    let update = state.store.record_progress(u.id, &new).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": update}))).into_response())
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
