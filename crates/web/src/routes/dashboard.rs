//! The pages that answer "how far are we?": the commune dashboard (with a commune picker for
//! province officers and administrators), "Việc của tôi", and search.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::PlanYear;
use domain::access::Role;
use serde::Deserialize;

use app::org::CommuneChoice;
use app::views::{DashboardView, MineView, SearchView};
use app::{PageRequest, SortKey, TaskSort};

use crate::AppState;
use crate::error::Result;
use crate::extract::{Auth, Q};
use crate::routes::tasks::tasks_csv;
use crate::ui::charts::{Bar, progress_bars};
use crate::ui::{Ctx, ListLink, Pager, SortSelect, capitalise};

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/dashboard", get(dashboard))
        .route("/mine", get(mine))
        .route("/search", get(search))
}

async fn index(auth: Option<Auth>) -> Redirect {
    match auth.map(|a| a.user.role) {
        None => Redirect::to("/login"),
        Some(Role::Admin | Role::ProvinceOfficer) => Redirect::to("/province"),
        Some(Role::UnitStaff) => Redirect::to("/mine"),
        Some(_) => Redirect::to("/dashboard"),
    }
}

/// A plan year from a query value ("" or junk: the default year).
pub fn year_param(s: &str) -> Option<PlanYear> {
    PlanYear::parse(s.trim()).ok()
}

#[derive(Template)]
#[template(path = "commune_picker.html")]
struct PickerPage {
    ctx: Ctx,
    /// The page the choice opens.
    path: String,
    communes: Vec<CommuneChoice>,
}

/// The communes a province officer or administrator may open, as links to `path`: what
/// the commune pages show them instead of "not found".
pub async fn commune_picker(
    state: &AppState,
    auth: &Auth,
    path: &str,
    title: &str,
) -> Result<Response> {
    let page = PickerPage {
        ctx: Ctx::for_user(state, auth, title).await?,
        path: path.to_string(),
        communes: state.app.communes_for(&auth.user).await?,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
struct DashboardQuery {
    commune: Option<i64>,
    #[serde(default)]
    year: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    commune_name: String,
    v: DashboardView,
    unit_chart: String,
    section_chart: String,
}

async fn dashboard(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<DashboardQuery>,
) -> Result<Response> {
    let Some(v) = state
        .app
        .dashboard(&auth.user, q.commune, year_param(&q.year))
        .await?
    else {
        return commune_picker(&state, &auth, "/dashboard", "Chọn xã, phường").await;
    };
    let unit_bars: Vec<Bar> = v
        .units
        .iter()
        .map(|u| Bar {
            label: u
                .unit_name
                .clone()
                .unwrap_or_else(|| "(Chưa giao đơn vị)".into()),
            done: u.done,
            overdue: u.overdue,
            total: u.occurrences,
        })
        .collect();
    let page = DashboardPage {
        ctx: Ctx::for_user(&state, &auth, "Tổng quan").await?,
        commune_name: capitalise(v.commune.full_name()),
        unit_chart: progress_bars(
            "Tiến độ theo đơn vị chủ trì (kỳ hoàn thành / tổng số kỳ)",
            &unit_bars,
        ),
        section_chart: progress_bars("Tiến độ theo mục của kế hoạch", &v.parts),
        v,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "mine.html")]
struct MinePage {
    ctx: Ctx,
    v: MineView,
    q: String,
    sort: SortSelect,
    pager: Pager,
}

#[derive(Deserialize, Default)]
struct MineQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    year: String,
    page: Option<i64>,
    format: Option<String>,
}

/// The orders of the unit's task table; the first is the default.
fn mine_sort(code: &str) -> TaskSort {
    match TaskSort::ALL.iter().find(|s| s.code() == code) {
        Some(s) => *s,
        None => TaskSort::Due,
    }
}

async fn mine(State(state): State<AppState>, auth: Auth, Q(mq): Q<MineQuery>) -> Result<Response> {
    let sort = mine_sort(&mq.sort);
    let csv = mq.format.as_deref() == Some("csv");
    let per = state.app.config().limits.per_page;
    let page = (!csv).then(|| PageRequest::new(mq.page.unwrap_or(1), per));
    let Some(v) = state
        .app
        .mine(&auth.user, year_param(&mq.year), &mq.q, sort, page)
        .await?
    else {
        return Ok(Redirect::to("/dashboard").into_response());
    };
    if csv {
        // The whole filtered list, in the chosen order: no page.
        return Ok(tasks_csv(&v.tasks.rows));
    }
    let year = v.year.to_string();
    let link = ListLink::new(
        "/mine",
        &[("q", &mq.q), ("sort", sort.code()), ("year", &year)],
    );
    let page = MinePage {
        ctx: Ctx::for_user(&state, &auth, "Việc của tôi").await?,
        pager: Pager::of(&v.tasks, "nhiệm vụ", link),
        sort: SortSelect::of(sort),
        q: mq.q,
        v,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    ctx: Ctx,
    q: String,
    v: SearchView,
}

async fn search(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<SearchQuery>,
) -> Result<Html<String>> {
    let v = state.app.search(&auth.user, &q.q).await?;
    let page = SearchPage {
        ctx: Ctx::for_user(&state, &auth, "Tìm kiếm").await?,
        q: q.q.trim().chars().take(200).collect(),
        v,
    };
    Ok(Html(page.render()?))
}
