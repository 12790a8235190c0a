//! How the application's errors reach a browser: a short Vietnamese page with the right
//! status (forms re-show themselves with the message beside the fields instead). Internal
//! details are logged by the application layer, never shown.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::ui::escape;

/// An error of a page request.
#[derive(Debug)]
pub enum WebError {
    /// Not signed in: go to the sign-in form, then back to `next`.
    SignIn {
        next: Option<String>,
    },
    App(app::Error),
}

impl From<app::Error> for WebError {
    fn from(e: app::Error) -> Self {
        WebError::App(e)
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        tracing::error!("template: {e}");
        WebError::App(app::Error::Internal(format!("template: {e}")))
    }
}

impl WebError {
    /// A request the user can fix, with its Vietnamese message.
    pub fn bad(message: impl Into<String>) -> WebError {
        WebError::App(app::Error::invalid("request", message))
    }
}

/// The HTTP status of an application error.
pub fn status_of(e: &app::Error) -> StatusCode {
    match e {
        app::Error::Forbidden => StatusCode::FORBIDDEN,
        app::Error::NotFound => StatusCode::NOT_FOUND,
        app::Error::Invalid { .. } => StatusCode::BAD_REQUEST,
        app::Error::Conflict(_) => StatusCode::CONFLICT,
        app::Error::SignIn(_) => StatusCode::UNAUTHORIZED,
        app::Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::SignIn { next } => {
                let to = match next {
                    Some(n) => format!("/login?next={}", crate::ui::url_encode(&n)),
                    None => "/login".to_string(),
                };
                Redirect::to(&to).into_response()
            }
            WebError::App(e) => error_page(status_of(&e), &e.message_vi()),
        }
    }
}

/// A minimal page for an error, independent of the signed-in context.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Không thực hiện được — doingoai</title><link rel=\"stylesheet\" href=\"/assets/app.css\">\
         </head><body><main class=\"narrow\"><h1>Không thực hiện được</h1><p class=\"alert\">{msg}</p>\
         <p><a href=\"/\">Về trang chủ</a></p></main></body></html>",
        msg = escape(message)
    );
    (status, Html(body)).into_response()
}

pub async fn not_found() -> Response {
    WebError::App(app::Error::NotFound).into_response()
}

/// What a panic inside a handler becomes: a 500 page, details logged.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    tracing::error!("panic in a handler: {detail}");
    WebError::App(app::Error::Internal("panic".into())).into_response()
}

pub type Result<T> = std::result::Result<T, WebError>;
