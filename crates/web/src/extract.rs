//! Reading requests: the signed-in user, form fields (urlencoded or multipart, with at most
//! one file), ids in paths and query strings — each refused with a Vietnamese message, never
//! the framework's English one (issue 13, defect j).

use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::{WebError, error_page};
use app::{RequestKey, User};

pub const COOKIE: &str = "doingoai_session";

/// The signed-in user of a page request, with the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub csrf: String,
    /// The session cookie's value (to sign out).
    pub token: String,
    /// The `saved` code of a redirect after a save ("Đã lưu" on the page it lands on).
    pub saved: Option<String>,
}

/// A session found by the middleware before the handler (so the handler does not look it
/// up again).
#[derive(Clone)]
pub(crate) struct Found(pub app::User, pub String, pub String);

impl Auth {
    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if !token.is_empty() && constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::bad(
                "Phiên làm việc đã thay đổi. Vui lòng tải lại trang và gửi lại biểu mẫu.",
            ))
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// The path and query of a request, for coming back to it after signing in (GET only: a
/// form's target is not a page).
fn return_path(parts: &Parts) -> Option<String> {
    (parts.method == Method::GET)
        .then(|| parts.uri.path_and_query().map(|p| p.as_str().to_string()))
        .flatten()
        .filter(|p| p != "/")
}

fn saved_code(parts: &Parts) -> Option<String> {
    parts.uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "saved")
            .map(|(_, v)| v.chars().take(30).collect())
    })
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Auth, WebError> {
        let saved = saved_code(parts);
        if let Some(Found(user, csrf, token)) = parts.extensions.get::<Found>().cloned() {
            return Ok(Auth {
                user,
                csrf,
                token,
                saved,
            });
        }
        let sign_in = || WebError::SignIn {
            next: return_path(parts),
        };
        let token = session_cookie(&parts.headers).ok_or_else(sign_in)?;
        let (session, user) = state.app.session(&token).await?.ok_or_else(sign_in)?;
        Ok(Auth {
            user,
            csrf: session.csrf_token,
            token,
            saved,
        })
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for Auth {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Auth>, WebError> {
        match <Auth as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(a) => Ok(Some(a)),
            Err(WebError::SignIn { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// An id (or ids) in the path; anything else is "not found" (`/plans/abc`).
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for P<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<P<T>, WebError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| P(p.0))
            .map_err(|_| WebError::App(app::Error::NotFound))
    }
}

/// A query string; one that does not fit (a page number "x") is a Vietnamese 400.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Q<T>, WebError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|_| {
                WebError::bad(
                    "Địa chỉ trang có tham số không hợp lệ. Vui lòng quay lại và chọn lại.",
                )
            })
    }
}

/// The fields of a submitted form, urlencoded or multipart, and its one file (a file part
/// left empty is no file). A file over `limits.max_file_bytes` is refused with its size.
#[derive(Debug, Default)]
pub struct FormData {
    pub fields: Vec<(String, String)>,
    pub file: Option<(String, Vec<u8>)>,
}

impl FormData {
    /// The first value of `name` ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == name)
    }

    /// Every value of `name`, in order (checkboxes).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// An optional id ("" or junk: none).
    pub fn id(&self, name: &str) -> Option<i64> {
        self.get(name).trim().parse().ok()
    }

    /// The request key of this form: its one-time token (`form_token`), so a double click
    /// or Back-and-resubmit does the work once.
    pub fn key(&self) -> Option<RequestKey> {
        RequestKey::new(self.get("form_token"), "")
    }
}

impl FromRequest<AppState> for FormData {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<FormData, WebError> {
        let unreadable = || WebError::bad("Không đọc được biểu mẫu gửi lên. Vui lòng gửi lại.");
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let axum::Form(fields) = axum::Form::<Vec<(String, String)>>::from_request(req, state)
                .await
                .map_err(|_| unreadable())?;
            return Ok(FormData { fields, file: None });
        }
        let mut mp = Multipart::from_request(req, state)
            .await
            .map_err(|_| unreadable())?;
        let max = state.limits.max_file_bytes;
        let mut out = FormData::default();
        while let Some(field) = mp.next_field().await.map_err(|_| {
            WebError::bad(format!(
                "Không đọc được biểu mẫu gửi lên (tệp có thể lớn hơn {} MB). Vui lòng gửi lại.",
                max / (1024 * 1024)
            ))
        })? {
            let name = field.name().unwrap_or_default().to_string();
            if let Some(filename) = field.file_name().map(str::to_string) {
                let bytes = field.bytes().await.map_err(|_| unreadable())?;
                if bytes.len() > max {
                    return Err(WebError::bad(format!(
                        "Tệp quá lớn ({} MB). Hệ thống nhận tệp tối đa {} MB.",
                        bytes.len().div_ceil(1024 * 1024),
                        max / (1024 * 1024)
                    )));
                }
                if !bytes.is_empty() {
                    out.file = Some((filename, bytes.to_vec()));
                }
            } else {
                let text = field.text().await.map_err(|_| unreadable())?;
                out.fields.push((name, text));
            }
        }
        Ok(out)
    }
}

/// Refuses state-changing requests sent by another site: `Sec-Fetch-Site: cross-site`, or
/// an `Origin` whose host is not this server's `Host`. Requests with a bearer token (the
/// API) carry no cookie authority and pass.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let bearer = req.headers().contains_key(header::AUTHORIZATION);
    if !safe && !bearer && is_cross_site(req.headers()) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Yêu cầu đến từ một trang web khác nên đã bị từ chối.",
        );
    }
    next.run(req).await
}

fn is_cross_site(h: &HeaderMap) -> bool {
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    if let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = h
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        return origin == "null" || origin_host != host;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_posts_are_recognised_by_fetch_metadata_or_origin() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(is_cross_site(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(
            !is_cross_site(&headers(&[])),
            "old clients without either header pass; the form token guards them"
        );
    }

    #[test]
    fn session_cookie_is_found_among_others() {
        let h = headers(&[("cookie", "a=1; doingoai_session=abc; b=2")]);
        assert_eq!(session_cookie(&h).as_deref(), Some("abc"));
        assert_eq!(session_cookie(&headers(&[("cookie", "a=1")])), None);
    }
}
