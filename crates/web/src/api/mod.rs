//! The JSON API for the province's other systems: the same use cases as the pages, with the
//! same rules, because both call [`app`]. Authenticated by per-user API tokens
//! (`Authorization: Bearer …`), made and revoked on the account page or through the API,
//! expiring after `api.token_days`. Every state-changing call honours an `Idempotency-Key`
//! header: the same key with the same body answers the first result again and writes
//! nothing; the same key with another body is a 409. The contract is `/api/openapi.json`.

mod registers;
mod reports;
mod v1;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde_json::json;

use app::{RequestKey, User};

use crate::AppState;

pub fn router() -> Router<AppState> {
    v1::router()
        .merge(registers::router())
        .merge(reports::router())
}

/// An API error: a status and a JSON body `{"error": code, "message": Vietnamese, "field"?,
/// "current"?}`.
pub struct ApiError(pub app::Error, Option<String>);

impl From<app::Error> for ApiError {
    fn from(e: app::Error) -> Self {
        ApiError(e, None)
    }
}

pub fn unauthorized() -> ApiError {
    ApiError(
        app::Error::SignIn(app::SignInRefusal::WrongCredentials),
        None,
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self.0 {
            app::Error::SignIn(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            app::Error::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            app::Error::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            app::Error::Invalid { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            app::Error::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            app::Error::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let message = match &self.0 {
            app::Error::SignIn(_) => {
                "Thiếu khóa truy cập API, hoặc khóa đã hết hạn hay đã bị thu hồi.".to_string()
            }
            e => e.message_vi(),
        };
        let mut body = json!({"error": code, "message": message});
        if let app::Error::Invalid { field, fields, .. } = &self.0 {
            body["field"] = json!(field);
            if !fields.is_empty() {
                body["fields"] = json!(
                    fields
                        .iter()
                        .map(|(f, m)| json!({"field": f, "message": m}))
                        .collect::<Vec<_>>()
                );
            }
        }
        if let app::Error::Conflict(c) = &self.0 {
            if let Some(t) = &c.theirs {
                body["current"] = json!(t);
            }
            if let Some(y) = &c.yours {
                body["sent"] = json!(y);
            }
        }
        if let Some(d) = self.1 {
            body["detail"] = json!(d);
        }
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = std::result::Result<T, ApiError>;

pub fn bad(message: impl Into<String>) -> ApiError {
    ApiError(app::Error::invalid("request", message), None)
}

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
            .ok_or_else(unauthorized)?;
        let user = state.app.api_user(token).await?.ok_or_else(unauthorized)?;
        Ok(ApiUser(user))
    }
}

/// A JSON body and the request's key (`Idempotency-Key` with the SHA-256 of the body); a
/// malformed body is a 400 with a Vietnamese message (the parser's own words in `detail`).
pub struct ApiBody<T>(pub T, pub Option<RequestKey>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> ApiResult<ApiBody<T>> {
        let key = idempotency_key(req.headers());
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                ApiError(
                    app::Error::invalid("body", "Nội dung gửi lên quá lớn hoặc không đọc được."),
                    Some(e.body_text()),
                )
            })?;
        let value: T = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError(
                app::Error::invalid(
                    "body",
                    "Dữ liệu JSON không hợp lệ: thiếu trường bắt buộc hoặc sai kiểu dữ liệu.",
                ),
                Some(e.to_string()),
            )
        })?;
        let content = app::auth::sha256_hex(&String::from_utf8_lossy(&bytes));
        Ok(ApiBody(
            value,
            key.and_then(|k| RequestKey::new(&k, &content)),
        ))
    }
}

/// The `Idempotency-Key` of a call without a body.
pub struct ApiKey(pub Option<RequestKey>);

impl<S: Send + Sync> FromRequestParts<S> for ApiKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> ApiResult<ApiKey> {
        Ok(ApiKey(
            idempotency_key(&parts.headers).and_then(|k| RequestKey::new(&k, "")),
        ))
    }
}

fn idempotency_key(h: &axum::http::HeaderMap) -> Option<String> {
    h.get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|s| format!("api:{s}"))
}

/// An id in the path; anything else is a 404 in the API's shape.
pub struct Id<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Id<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Id<T>> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Id(p.0))
            .map_err(|_| ApiError(app::Error::NotFound, None))
    }
}

/// A query string; one that does not fit is a 400 in the API's shape.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<ApiQuery<T>> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| {
                ApiError(
                    app::Error::invalid("query", "Tham số của địa chỉ không hợp lệ."),
                    Some(e.body_text()),
                )
            })
    }
}
