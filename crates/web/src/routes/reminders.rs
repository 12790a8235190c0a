//! "Nhắc việc": what falls due for the signed-in user, and the secret address of the same
//! list as a calendar a phone subscribes to (`/calendar/{token}.ics`, no sign-in: the
//! address is the secret, shown once when made, ended or replaced at will).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use app::mail::MailSettings;
use app::reminders::Reminder;

use crate::AppState;
use crate::error::Result;
use crate::extract::{Auth, FormData, P};
use crate::ui::Ctx;

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/reminders", get(page))
        .route("/reminders/calendar", post(new_feed))
        .route("/reminders/calendar/end", post(end_feed))
        .route("/reminders/mail", post(set_mail))
        .route("/calendar/{file}", get(feed))
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    ctx: Ctx,
    reminders: Vec<Reminder>,
    feed_made: Option<i64>,
    /// The address just made (shown once).
    new_url: Option<String>,
    mail: MailSettings,
    /// The address as typed, kept in the form when it is refused.
    mail_typed: Option<String>,
    mail_error: Option<String>,
}

/// What a render of the page carries besides the lists.
#[derive(Default)]
struct Shown {
    new_url: Option<String>,
    mail_typed: Option<String>,
    mail_error: Option<String>,
}

/// "https://host" of the request, as the user reached the server.
fn base_of(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.app.config().server.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

async fn render(state: &AppState, auth: &Auth, shown: Shown) -> Result<Response> {
    let page = RemindersPage {
        ctx: Ctx::for_user(state, auth, "Nhắc việc").await?,
        reminders: state.app.reminders(&auth.user).await?,
        feed_made: state.app.calendar_feed_made(&auth.user).await?,
        new_url: shown.new_url,
        mail: state.app.mail_settings(&auth.user).await?,
        mail_typed: shown.mail_typed,
        mail_error: shown.mail_error,
    };
    Ok(Html(page.render()?).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render(&state, &auth, Shown::default()).await
}

async fn set_mail(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .set_mail_address(&auth.user, form.get("email"))
        .await
    {
        Ok(Some(_)) => Ok(Redirect::to("/reminders?saved=mail#mail").into_response()),
        Ok(None) => Ok(Redirect::to("/reminders?saved=nomail#mail").into_response()),
        Err(e @ app::Error::Invalid { .. }) => {
            render(
                &state,
                &auth,
                Shown {
                    mail_typed: Some(form.get("email").to_string()),
                    mail_error: Some(e.message_vi()),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn new_feed(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let token = state.app.new_calendar_feed(&auth.user).await?;
    let url = format!("{}/calendar/{token}.ics", base_of(&state, &headers));
    render(
        &state,
        &auth,
        Shown {
            new_url: Some(url),
            ..Shown::default()
        },
    )
    .await
}

async fn end_feed(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    state.app.end_calendar_feed(&auth.user).await?;
    Ok(Redirect::to("/reminders?saved=calendar").into_response())
}

async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    P(file): P<String>,
) -> Result<Response> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let body = state
        .app
        .calendar_feed(token, &base_of(&state, &headers))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
