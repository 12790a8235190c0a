//! Sign-in and out, passwords, API tokens, and forms sent after the session ended.
//!
//! Sessions: a random token in an `HttpOnly; SameSite=Lax` cookie (`Secure` when
//! configured); the application keeps only its hash. Every page a signed-out visitor asks
//! for sends them to sign in and back to that page (`/login?next=…`), so a task link shared
//! over Zalo reaches its task. A form sent after the session ended is not lost: the sign-in
//! page keeps what was typed, and after signing in the officer sends it again with one
//! click (issue 13, defect g).

use std::net::SocketAddr;

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::AppState;
use crate::error::{Result, WebError};
use crate::extract::{Auth, COOKIE, FormData, Found, P, Q, session_cookie};
use crate::ui::Ctx;

pub fn router(max_sign_in_bytes: usize) -> Router<AppState> {
    Router::new()
        .route(
            "/login",
            get(login_form)
                .post(login)
                .layer(DefaultBodyLimit::max(max_sign_in_bytes)),
        )
        .route("/logout", post(logout))
        .route("/logout-all", post(logout_everywhere))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
        .route("/account/tokens", get(tokens_page).post(token_create))
        .route("/account/tokens/{id}/revoke", post(token_revoke))
}

/// A path of this site to return to: `/…` but not `//…` (another host) nor `/\…`.
fn local_path(next: &str) -> Option<String> {
    let n = next.trim();
    (n.starts_with('/')
        && !n.starts_with("//")
        && !n.starts_with("/\\")
        && n.len() <= 2000
        && !n.starts_with("/login"))
    .then(|| n.to_string())
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    username: String,
    error: Option<String>,
    next: String,
    /// A form sent after the session ended: where it went, and its fields (JSON).
    replay_to: String,
    replay: String,
}

#[derive(serde::Deserialize, Default)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn login_form(Q(q): Q<NextQuery>) -> Result<Html<String>> {
    Ok(Html(
        LoginPage {
            ctx: Ctx::anonymous("Đăng nhập"),
            username: String::new(),
            error: None,
            next: local_path(&q.next).unwrap_or_default(),
            replay_to: String::new(),
            replay: String::new(),
        }
        .render()?,
    ))
}

fn session_cookie_header(
    state: &AppState,
    token: &str,
    max_age: i64,
) -> (header::HeaderName, String) {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    (
        header::SET_COOKIE,
        format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"),
    )
}

fn clear_cookie() -> (header::HeaderName, String) {
    (
        header::SET_COOKIE,
        format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    )
}

#[derive(Template)]
#[template(path = "replay.html")]
struct ReplayPage {
    ctx: Ctx,
    to: String,
    fields: Vec<(String, String)>,
    had_file: bool,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: FormData,
) -> Result<Response> {
    let username = form
        .get("username")
        .trim()
        .chars()
        .take(100)
        .collect::<String>();
    let next = local_path(form.get("next"));
    let replay_to = local_path(form.get("replay_to"));
    let replay = form.get("replay").to_string();
    match state
        .app
        .sign_in(&username, form.get("password"), &peer.ip().to_string())
        .await
    {
        Ok(signed) => {
            let cookie = session_cookie_header(&state, &signed.token, signed.max_age_secs);
            if let Some(to) = replay_to {
                // Show the form's fields again, to be sent with this session's token.
                let session = state
                    .app
                    .session(&signed.token)
                    .await?
                    .ok_or(WebError::SignIn { next: None })?;
                let auth = Auth {
                    user: signed.user,
                    csrf: session.0.csrf_token,
                    token: signed.token,
                    saved: None,
                };
                let kept: Vec<(String, String)> = serde_json::from_str(&replay).unwrap_or_default();
                let had_file = kept.iter().any(|(k, _)| k == "\u{0}file");
                let page = ReplayPage {
                    ctx: Ctx::for_user(&state, &auth, "Gửi lại nội dung đã nhập").await?,
                    to,
                    fields: kept
                        .into_iter()
                        .filter(|(k, _)| k != "csrf" && !k.starts_with('\u{0}'))
                        .collect(),
                    had_file,
                };
                return Ok(([cookie], Html(page.render()?)).into_response());
            }
            let to = next.unwrap_or_else(|| "/".into());
            Ok(([cookie], Redirect::to(&to)).into_response())
        }
        Err(e @ app::Error::SignIn(_)) => {
            let page = LoginPage {
                ctx: Ctx::anonymous("Đăng nhập"),
                username,
                error: Some(e.message_vi()),
                next: next.unwrap_or_default(),
                replay_to: replay_to.unwrap_or_default(),
                replay,
            };
            Ok((StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn logout(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    state.app.sign_out(&auth.token).await?;
    Ok(([clear_cookie()], Redirect::to("/login")).into_response())
}

async fn logout_everywhere(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    state.app.sign_out_everywhere(&auth.user).await?;
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

async fn change_password(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .change_password(
            &auth.user,
            form.get("current"),
            form.get("new"),
            form.get("confirm"),
        )
        .await
    {
        // Changing the password ends every session, this one included.
        Ok(()) => Ok(([clear_cookie()], Redirect::to("/login")).into_response()),
        Err(e @ (app::Error::Invalid { .. } | app::Error::SignIn(_))) => {
            let ctx = Ctx::for_user(&state, &auth, "Đổi mật khẩu").await?;
            let page = PasswordPage {
                ctx,
                error: Some(e.message_vi()),
            };
            Ok((StatusCode::BAD_REQUEST, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    ctx: Ctx,
    token: Option<String>,
    tokens: Vec<app::ApiToken>,
    now: i64,
}

impl TokensPage {
    fn expired(&self, t: &app::ApiToken) -> bool {
        t.expires_at.is_some_and(|e| e <= self.now)
    }
}

async fn render_tokens(
    state: &AppState,
    auth: &Auth,
    token: Option<String>,
) -> Result<Html<String>> {
    let ctx = Ctx::for_user(state, auth, "Khóa truy cập API").await?;
    let tokens = state.app.api_tokens(&auth.user).await?;
    Ok(Html(
        TokensPage {
            ctx,
            token,
            tokens,
            now: chrono::Utc::now().timestamp(),
        }
        .render()?,
    ))
}

async fn tokens_page(State(state): State<AppState>, auth: Auth) -> Result<Html<String>> {
    render_tokens(&state, &auth, None).await
}

async fn token_create(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Html<String>> {
    auth.check_csrf(form.get("csrf"))?;
    let (token, _) = state
        .app
        .create_api_token(&auth.user, form.get("name"))
        .await?;
    render_tokens(&state, &auth, Some(token)).await
}

async fn token_revoke(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .revoke_api_token(&auth.user, id, form.key().as_ref())
        .await
    {
        Ok(()) | Err(app::Error::NotFound) => {
            Ok(Redirect::to("/account/tokens?saved=token").into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// Before every form reaches its handler: with a live session, the session is passed on
/// (the handler does not look it up again); without one, the form's fields are kept on the
/// sign-in page instead of being lost behind a redirect.
pub async fn rescue_expired_forms(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    if req.method() == Method::GET
        || req.method() == Method::HEAD
        || path.starts_with("/api/")
        || path == "/login"
    {
        return next.run(req).await;
    }
    if let Some(token) = session_cookie(req.headers()) {
        match state.app.session(&token).await {
            Ok(Some((session, user))) => {
                req.extensions_mut()
                    .insert(Found(user, session.csrf_token, token));
                return next.run(req).await;
            }
            Ok(None) => {}
            Err(e) => return WebError::from(e).into_response(),
        }
    }
    let form = match FormData::from_request(req, &state).await {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let mut kept: Vec<(String, String)> = form
        .fields
        .iter()
        .filter(|(k, _)| k != "csrf" && k != "password")
        .cloned()
        .collect();
    if form.file.is_some() {
        kept.push(("\u{0}file".into(), String::new()));
    }
    let page = LoginPage {
        ctx: Ctx::anonymous("Đăng nhập"),
        username: String::new(),
        error: Some(
            "Phiên làm việc đã hết hạn nên nội dung vừa gửi chưa được lưu. Nội dung đó vẫn được \
             giữ lại: hãy đăng nhập, rồi bấm “Gửi lại”."
                .into(),
        ),
        next: String::new(),
        replay_to: path,
        replay: serde_json::to_string(&kept).unwrap_or_default(),
    };
    match page.render() {
        Ok(html) => (StatusCode::UNAUTHORIZED, Html(html)).into_response(),
        Err(e) => WebError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert_eq!(local_path("/tasks/5?x=1").as_deref(), Some("/tasks/5?x=1"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "",
            "/login?next=/",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }
}
