//! Sign-in, sessions, CSRF and passwords.
//!
//! - Passwords: Argon2id (argon2 crate defaults), hashed on the blocking pool.
//! - Sessions: a random 256-bit token in an `HttpOnly; SameSite=Lax` cookie (`Secure` when
//!   configured); the database keeps only its SHA-256, with the session's CSRF token.
//! - CSRF: every state-changing request from another site is refused by
//!   [`refuse_cross_site`] (`Sec-Fetch-Site`/`Origin`), and every form carries the session's
//!   token, checked by [`Auth::check_csrf`].
//! - Throttling: after [`MAX_FAILURES`] failed sign-ins in [`FAILURE_WINDOW_SECS`] for an
//!   account name or a client address, sign-in is refused until the window passes.

use std::net::SocketAddr;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use store::User;

use crate::AppState;
use crate::error::{AppError, Result, error_page};
use crate::view::Ctx;

const COOKIE: &str = "doingoai_session";
const SESSION_SECS: i64 = 12 * 3600;
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/logout-all", post(logout_everywhere))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
}

/// Hashes a password with Argon2id and a fresh salt (PHC string), on the blocking pool.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2: {e}")))
    })
    .await?
}

async fn verify_password(password: String, hash: String) -> Result<bool> {
    Ok(tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await?)
}

/// A real Argon2id hash of nothing in particular, made once, checked against when the
/// account name does not exist.
async fn dummy_hash() -> Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password(random_token()))
        .await
        .cloned()
}

/// A random secret as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// The signed-in user of a page request, with the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub csrf: String,
    token_hash: String,
}

impl Auth {
    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, token: &str) -> Result<()> {
        if !token.is_empty() && constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::BadRequest(
                "Phiên làm việc đã thay đổi. Vui lòng tải lại trang và gửi lại biểu mẫu.".into(),
            ))
        }
    }

    pub fn actor(&self) -> domain::access::Actor {
        self.user.actor()
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Auth> {
        let token = session_cookie(&parts.headers).ok_or(AppError::SignIn)?;
        let token_hash = sha256_hex(&token);
        let (session, user) = state
            .store
            .session_user(&token_hash)
            .await?
            .ok_or(AppError::SignIn)?;
        Ok(Auth {
            user,
            csrf: session.csrf_token,
            token_hash,
        })
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Auth>> {
        match <Auth as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(a) => Ok(Some(a)),
            Err(AppError::SignIn) | Err(AppError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
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

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    username: String,
    error: Option<String>,
}

async fn login_form() -> Result<Html<String>> {
    Ok(Html(
        LoginPage {
            ctx: Ctx::anonymous("Đăng nhập"),
            username: String::new(),
            error: None,
        }
        .render()?,
    ))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let username = form.username.trim().to_lowercase();
    let keys = [format!("user:{username}"), format!("ip:{}", peer.ip())];
    let refuse = |msg: &str| -> Result<Response> {
        let page = LoginPage {
            ctx: Ctx::anonymous("Đăng nhập"),
            username: form.username.trim().to_string(),
            error: Some(msg.to_string()),
        };
        Ok((StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response())
    };
    for k in &keys {
        if state
            .store
            .login_failures_since(k, FAILURE_WINDOW_SECS)
            .await?
            >= MAX_FAILURES
        {
            return refuse(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị \
                 hệ thống.",
            );
        }
    }
    let user = match state.store.user_by_username(&username).await {
        Ok(u) => Some(u),
        Err(store::StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    // Verify against a dummy hash for unknown names so timing does not reveal accounts.
    let hash = match &user {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash().await?,
    };
    let ok = verify_password(form.password.clone(), hash).await?;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => {
            for k in &keys {
                state.store.record_login_failure(k).await?;
            }
            return refuse("Tên đăng nhập hoặc mật khẩu không đúng.");
        }
    };
    state.store.clear_login_failures(&keys[0]).await?;
    let token = random_token();
    state
        .store
        .create_session(&sha256_hex(&token), user.id, &random_token(), SESSION_SECS)
        .await?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECS}{secure}");
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

fn clear_cookie() -> (header::HeaderName, String) {
    (
        header::SET_COOKIE,
        format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    )
}

async fn logout(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<CsrfForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    state.store.delete_session(&auth.token_hash).await?;
    Ok(([clear_cookie()], Redirect::to("/login")).into_response())
}

async fn logout_everywhere(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<CsrfForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    state.store.delete_sessions_of(auth.user.id).await?;
    Ok(([clear_cookie()], Redirect::to("/login")).into_response())
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: Ctx,
    error: Option<String>,
}

async fn password_form(State(state): State<AppState>, auth: Auth) -> Result<Html<String>> {
    let ctx = Ctx::for_user(&state, &auth, "Đổi mật khẩu").await?;
    Ok(Html(PasswordPage { ctx, error: None }.render()?))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<PasswordForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let problem = if !verify_password(f.current.clone(), auth.user.password_hash.clone()).await? {
        Some("Mật khẩu hiện tại không đúng.")
    } else if f.new != f.confirm {
        Some("Hai lần nhập mật khẩu mới không khớp nhau.")
    } else {
        domain::names::NewPassword::parse(&f.new)
            .err()
            .map(domain::names::NameError::message_vi)
    };
    if let Some(p) = problem {
        let ctx = Ctx::for_user(&state, &auth, "Đổi mật khẩu").await?;
        let page = PasswordPage {
            ctx,
            error: Some(p.to_string()),
        };
        return Ok((StatusCode::BAD_REQUEST, Html(page.render()?)).into_response());
    }
    let hash = hash_password(f.new).await?;
    // Changing the password ends every session, this one included.
    state.store.set_password(auth.user.id, &hash).await?;
    Ok(([clear_cookie()], Redirect::to("/login")).into_response())
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
