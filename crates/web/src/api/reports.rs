//! `/api/v1/reports` and `/api/v1/regimes`: a commune's reports through the same use cases
//! as the pages. A report's data is the JSON form of docs/report-format.md (its schema:
//! docs/report.schema.json).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use app::reports::{ReportEdit, ReportTarget, Review};
use domain::report::Period;

use super::{ApiBody, ApiQuery, ApiResult, ApiUser, Id, bad};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/reports", get(list).post(start))
        .route("/api/v1/reports/draft", get(draft))
        .route("/api/v1/reports/{id}", get(one).patch(save))
        .route("/api/v1/reports/{id}/submit", post(submit))
        .route("/api/v1/reports/{id}/review", post(review))
        .route("/api/v1/regimes", get(regimes))
}

#[derive(Deserialize, Default)]
struct CommuneParams {
    commune: Option<i64>,
}

fn period_of(s: &str) -> ApiResult<Period> {
    Period::parse(s).map_err(|e| bad(e.message_vi()))
}

async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<CommuneParams>,
) -> ApiResult<Response> {
    let v = state
        .app
        .reports_of_commune(&u, q.commune)
        .await?
        .ok_or_else(|| bad("Vui lòng cho biết xã, phường (commune)."))?;
    let due: Vec<_> = v
        .due
        .iter()
        .map(|d| {
            json!({
                "regime_id": d.regime_id,
                "regime": d.regime_name,
                "period": d.period.map(|p| p.to_string()),
                "entry_id": d.entry.as_ref().map(|e| e.0),
                "label": d.label_vi(),
                "from": d.from,
                "to": d.to,
                "due_on": d.due_on,
                "report_id": d.report.as_ref().map(|r| r.id),
                "status": d.report.as_ref().map(|r| r.status),
                "late": d.late,
            })
        })
        .collect();
    Ok(Json(json!({
        "commune_id": v.commune.id,
        "commune": v.commune.full_name(),
        "due": due,
        "reports": v.reports,
    }))
    .into_response())
}

#[derive(Deserialize)]
struct DraftParams {
    commune: Option<i64>,
    period: String,
    regime: Option<String>,
}

async fn draft(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<DraftParams>,
) -> ApiResult<Response> {
    let commune = q
        .commune
        .or(u.commune_id)
        .ok_or_else(|| bad("Vui lòng cho biết xã, phường (commune)."))?;
    let content = state
        .app
        .draft_report(&u, commune, q.regime.as_deref(), period_of(&q.period)?)
        .await?;
    Ok(Json(content).into_response())
}

#[derive(Deserialize)]
struct StartBody {
    commune: Option<i64>,
    regime: i64,
    period: Option<String>,
    entry: Option<i64>,
}

async fn start(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiBody(b, _): ApiBody<StartBody>,
) -> ApiResult<Response> {
    let commune = b
        .commune
        .or(u.commune_id)
        .ok_or_else(|| bad("Vui lòng cho biết xã, phường (commune)."))?;
    let target = match (&b.period, b.entry) {
        (Some(p), _) => ReportTarget::Period(period_of(p)?),
        (None, Some(e)) => ReportTarget::Entry(e),
        _ => {
            return Err(bad(
                "Vui lòng cho biết kỳ báo cáo (period) hoặc sự kiện (entry).",
            ));
        }
    };
    let id = state
        .app
        .start_report(&u, commune, b.regime, target)
        .await?;
    Ok(super::v1::created(id))
}

async fn one(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
) -> ApiResult<Response> {
    let v = state.app.report_view(&u, id).await?;
    let versions: Vec<_> = v
        .versions
        .iter()
        .map(|s| {
            json!({
                "seq": s.seq,
                "submitted_on": s.submitted_on,
                "submitted_by": s.submitted_by,
                "filename": s.filename,
                "size_bytes": s.size_bytes,
            })
        })
        .collect();
    Ok(Json(json!({
        "id": v.id,
        "version": v.version,
        "status": v.status,
        "late": v.late,
        "frozen": v.frozen,
        "first_submitted_on": v.first_submitted_on,
        "content": v.content,
        "versions": versions,
        "comments": v.comments,
    }))
    .into_response())
}

#[derive(Deserialize)]
struct SaveBody {
    version: i64,
    #[serde(default)]
    number: String,
    #[serde(default)]
    texts: std::collections::BTreeMap<String, String>,
}

async fn save(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, _): ApiBody<SaveBody>,
) -> ApiResult<Response> {
    let version = state
        .app
        .save_report(
            &u,
            id,
            ReportEdit {
                number: b.number,
                texts: b.texts,
                version: b.version,
            },
        )
        .await?;
    Ok(Json(json!({ "id": id, "version": version })).into_response())
}

#[derive(Deserialize)]
struct SubmitBody {
    version: i64,
    file: super::v1::FileBody,
}

async fn submit(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, key): ApiBody<SubmitBody>,
) -> ApiResult<Response> {
    let file = b.file.decode()?;
    let seq = state
        .app
        .submit_report(&u, key.as_ref(), id, b.version, Some(file))
        .await?;
    Ok(Json(json!({ "id": id, "submission": seq })).into_response())
}

#[derive(Deserialize)]
struct ReviewBody {
    version: i64,
    /// "return" or "accept".
    decision: String,
    #[serde(default)]
    comment: String,
}

async fn review(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(id): Id<i64>,
    ApiBody(b, _): ApiBody<ReviewBody>,
) -> ApiResult<Response> {
    let decision = match b.decision.as_str() {
        "return" => Review::Return(b.comment),
        "accept" => Review::Accept(b.comment),
        _ => return Err(bad("Quyết định (decision) phải là “return” hoặc “accept”.")),
    };
    state.app.review_report(&u, id, b.version, decision).await?;
    let v = state.app.report_view(&u, id).await?;
    Ok(Json(json!({ "id": id, "status": v.status, "version": v.version })).into_response())
}

#[derive(Deserialize, Default)]
struct ProvinceParams {
    province: Option<i64>,
}

async fn regimes(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    ApiQuery(q): ApiQuery<ProvinceParams>,
) -> ApiResult<Response> {
    let province = match q.province.or(u.province_id) {
        Some(p) => p,
        None => match u.commune_id {
            Some(c) => state.app.province_of_commune(&u, c).await?,
            None => return Err(bad("Vui lòng cho biết tỉnh (province).")),
        },
    };
    let rows = state.app.regimes(&u, province).await?;
    let list: Vec<_> = rows
        .into_iter()
        .map(
            |r| json!({ "id": r.id, "version": r.version, "active": r.active, "regime": r.regime }),
        )
        .collect();
    Ok(Json(json!({ "province_id": province, "regimes": list })).into_response())
}
