//! The web layer's error type. What reaches the browser is a short Vietnamese message;
//! internal details go to the log only.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::view::escape;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in (pages redirect to the sign-in form; the API answers 401).
    #[error("not signed in")]
    SignIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The request is wrong in a way the user can fix; the message is Vietnamese.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::NotFound => AppError::NotFound,
            store::StoreError::StaleStatus => AppError::BadRequest(
                "Kế hoạch vừa được chuyển trạng thái bởi người khác. Vui lòng tải lại trang để \
                 xem trạng thái mới."
                    .into(),
            ),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("blocking task: {e}"))
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::SignIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The Vietnamese message shown to the user.
    pub fn message_vi(&self) -> String {
        match self {
            AppError::SignIn => "Vui lòng đăng nhập để tiếp tục.".into(),
            AppError::Forbidden => {
                "Tài khoản của bạn không có quyền thực hiện thao tác này.".into()
            }
            AppError::NotFound => "Không tìm thấy trang hoặc dữ liệu được yêu cầu.".into(),
            AppError::BadRequest(m) => m.clone(),
            AppError::Internal(_) => {
                "Hệ thống gặp lỗi khi xử lý yêu cầu. Dữ liệu chưa được thay đổi; vui lòng thử lại \
                 hoặc báo cho quản trị hệ thống."
                    .into()
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!("internal error: {detail}");
        }
        if matches!(self, AppError::SignIn) {
            return Redirect::to("/login").into_response();
        }
        error_page(self.status(), &self.message_vi())
    }
}

/// A minimal page for an error, independent of the signed-in context.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Lỗi {code} — doingoai</title><link rel=\"stylesheet\" href=\"/assets/app.css\">\
         </head><body><main class=\"narrow\"><h1>Không thực hiện được</h1><p class=\"alert\">{msg}</p>\
         <p><a href=\"/\">Về trang chủ</a></p></main></body></html>",
        code = status.as_u16(),
        msg = escape(message)
    );
    (status, Html(body)).into_response()
}

pub async fn not_found() -> Response {
    AppError::NotFound.into_response()
}

/// What a panic inside a handler becomes: a 500 page, details logged.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    AppError::Internal(format!("panic: {detail}")).into_response()
}

pub type Result<T> = std::result::Result<T, AppError>;
