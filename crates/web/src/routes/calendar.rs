//! "Lịch ngày nghỉ, ngày làm bù": the working calendar report deadlines are counted on — the
//! holidays shipped for 2025–2030 and the administrator's corrections (a day off the
//! Government decided, a make-up working day), year by year.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use app::Error;
use app::reports::CalendarYear;
use domain::report::DayKind;

use crate::AppState;
use crate::error::Result;
use crate::extract::{Auth, FormData, Q};
use crate::ui::{Ctx, page_status};

pub fn router() -> axum::Router<AppState> {
    Router::new().route("/admin/calendar", get(page).post(save))
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    ctx: Ctx,
    v: CalendarYear,
    error: Option<String>,
    /// The form as typed, kept when it is refused: (day, kind, name).
    typed: (String, String, String),
}

#[derive(Deserialize, Default)]
struct YearQuery {
    year: Option<i32>,
}

fn weekday_vi(d: &chrono::NaiveDate) -> &'static str {
    use chrono::{Datelike, Weekday};
    match d.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

impl CalendarPage {
    fn weekday(&self, d: &chrono::NaiveDate) -> &'static str {
        weekday_vi(d)
    }
}

async fn render(
    state: &AppState,
    auth: &Auth,
    year: i32,
    error: Option<&Error>,
    typed: (String, String, String),
) -> Result<Response> {
    let page = CalendarPage {
        ctx: Ctx::for_user(state, auth, "Lịch ngày nghỉ, ngày làm bù").await?,
        v: state.app.calendar_year(&auth.user, year).await?,
        error: error.map(Error::message_vi),
        typed,
    };
    Ok((page_status(&page.error), Html(page.render()?)).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, Q(q): Q<YearQuery>) -> Result<Response> {
    let year = q
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&state.app.today()));
    let typed = (String::new(), "holiday".to_string(), String::new());
    render(&state, &auth, year, None, typed).await
}

async fn save(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let typed = (
        form.get("day").to_string(),
        form.get("kind").to_string(),
        form.get("name").to_string(),
    );
    let year_of_page = form
        .get("year")
        .parse()
        .unwrap_or_else(|_| chrono::Datelike::year(&state.app.today()));
    let Some(day) = domain::register::parse_date(form.get("day")) else {
        let e = Error::invalid(
            "day",
            "Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/01/2026.",
        );
        return render(&state, &auth, year_of_page, Some(&e), typed).await;
    };
    let kind = match form.get("kind") {
        "none" => None,
        k => Some(DayKind::parse(k).unwrap_or(DayKind::Holiday)),
    };
    match state
        .app
        .set_calendar_day(&auth.user, day, kind, form.get("name"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/admin/calendar?year={}&saved=calendar_day",
            chrono::Datelike::year(&day)
        ))
        .into_response()),
        Err(e @ Error::Invalid { .. }) => {
            render(&state, &auth, year_of_page, Some(&e), typed).await
        }
        Err(e) => Err(e.into()),
    }
}
