//! The web system: server-rendered Vietnamese pages and a JSON API over the application
//! layer ([`app`]). Handlers only translate HTTP to a use case and its result back to a page
//! or JSON: permissions, rules and every database access are in `app` (this crate does not
//! depend on the store at all).
//!
//! Layout: `routes/` holds the pages of each feature, `api/` the JSON API (`/api/v1`),
//! `ui/` what pages share (the signed-in context, lists, CSV, charts), `extract` the typed
//! reading of requests (session, forms, ids, request keys), `error` the mapping of
//! [`app::Error`] to pages and JSON.

mod api;
mod assets;
mod error;
mod extract;
mod routes;
mod ui;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use app::App;

/// Shared state of every handler: the application.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    secure_cookies: bool,
    limits: Arc<app::config::Limits>,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        AppState {
            secure_cookies: app.config().server.secure_cookies,
            limits: Arc::new(app.config().limits.clone()),
            app,
        }
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let max_body = state.limits.max_request_bytes;
    Router::new()
        .merge(routes::auth::router(state.limits.max_sign_in_bytes))
        .merge(routes::dashboard::router())
        .merge(routes::province::router())
        .merge(routes::plans::router())
        .merge(routes::tasks::router())
        .merge(routes::registers::router())
        .merge(routes::reports::router())
        .merge(routes::reminders::router())
        .merge(routes::calendar::router())
        .merge(routes::org::router())
        .merge(api::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            routes::auth::rescue_expired_forms,
        ))
        .layer(axum::middleware::from_fn(extract::refuse_cross_site))
        .layer(DefaultBodyLimit::max(max_body))
        // Signed-in pages must not be kept: Back after sign-out on a shared office PC would
        // show the previous user's page (issue 13, defect k). Static assets set their own.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 frame-ancestors 'none'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .with_state(state)
}

/// Serves the application on `listener` until the process is stopped. The client address
/// is made available to handlers (sign-in throttling keys on it).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let purge = state.app.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = purge.purge_expired().await {
                tracing::warn!("purging expired sessions failed: {e}");
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
    if state.app.mail_enabled() {
        let mail = state.app.clone();
        tokio::spawn(async move {
            loop {
                if mail.mail_hour_reached() {
                    match mail.send_reminder_mails().await {
                        Ok(r) if r.sent + r.failed > 0 => tracing::info!(
                            "reminder mails: {} sent, {} failed, {} with nothing due",
                            r.sent,
                            r.failed,
                            r.nothing_due
                        ),
                        Ok(_) => {}
                        Err(e) => tracing::warn!("reminder mails not sent: {e}"),
                    }
                }
                tokio::time::sleep(Duration::from_secs(600)).await;
            }
        });
    }
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
