//! The web system (issue 4): server-rendered Vietnamese pages and a JSON API over the
//! [`store`], with permissions decided by [`domain::access`].
//!
//! Each feature module owns its `router()`; [`app`] nests them and adds the layers every
//! request goes through (body limit, cross-site refusal, security headers, panic catching).

mod api;
mod assets;
mod auth;
pub mod bench_data;
mod charts;
mod dashboard;
pub mod demo;
mod error;
pub mod export;
pub mod import;
mod ops;
pub mod org;
mod plans;
mod tasks;
mod view;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::hash_password;
pub use error::AppError;
pub use import::{ImportOutcome, import_document};

/// Largest request body accepted (an uploaded plan or evidence file with its form).
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;

/// Settings of a running server.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Send the session cookie with `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
    /// Fixed "today" for reproducible demos and tests; `None` uses the clock.
    pub today: Option<chrono::NaiveDate>,
}

/// Shared state of every handler: the store and the settings.
#[derive(Clone)]
pub struct AppState {
    pub store: store::Store,
    pub config: Arc<Config>,
}

impl AppState {
    pub fn new(store: store::Store, config: Config) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
        }
    }

    /// Today's date in Vietnam (UTC+7), or the configured fixed date.
    pub fn today(&self) -> chrono::NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive())
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(auth::router())
        .merge(dashboard::router())
        .merge(plans::router())
        .merge(tasks::router())
        .merge(org::router())
        .merge(api::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(auth::refuse_cross_site))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
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
    let purge = state.store.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = purge.purge_expired(24 * 3600).await {
                tracing::warn!("purging expired sessions failed: {e}");
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
