//! Static files compiled into the binary (nothing is fetched at run time), served with an
//! ETag so browsers revalidate cheaply.

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

const CSS: &str = include_str!("../assets/app.css");

pub fn router() -> Router<AppState> {
    Router::new().route("/assets/app.css", get(css))
}

fn etag(body: &str) -> String {
    format!("\"{}\"", &app::auth::sha256_hex(body)[..16])
}

async fn css(headers: HeaderMap) -> Response {
    let tag = etag(CSS);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(tag.as_str())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8".to_string()),
            (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
            (header::ETAG, tag),
        ],
        CSS,
    )
        .into_response()
}
