//! The pages that answer "how far are we?": the commune dashboard, "Việc của tôi" for a
//! unit, the province overview, and search.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::access::Role;
use serde::Deserialize;
use store::{CommuneProgress, OccurrenceRow, Plan, TaskFilter, TaskRow, UnitProgress};

use crate::AppState;
use crate::auth::Auth;
use crate::charts::{Bar, progress_bars};
use crate::error::{AppError, Result};
use crate::view::{
    self, Ctx, ListLink, Paging, SortChoice, commune_in_view, csv_response, percent, sort_choice,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/dashboard", get(dashboard))
        .route("/mine", get(mine))
        .route("/province", get(province))
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

#[derive(Deserialize, Default)]
struct CommuneQuery {
    commune: Option<i64>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    commune_name: String,
    commune_id: i64,
    plan: Option<Plan>,
    tasks: i64,
    occurrences: i64,
    done: i64,
    overdue_count: i64,
    units: Vec<UnitProgress>,
    unit_chart: String,
    section_chart: String,
    overdue: Vec<OccurrenceRow>,
    due_soon: Vec<OccurrenceRow>,
}

async fn dashboard(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<CommuneQuery>,
) -> Result<Html<String>> {
    let commune = commune_in_view(&state, &auth, q.commune).await?;
    let today = state.today();
    let iso = today.to_string();
    let units = state.store.progress_by_unit(commune.id, &iso).await?;
    let plan = state
        .store
        .plans_of(commune.id)
        .await?
        .into_iter()
        .find(|p| p.status != "amended");
    let section_chart = match &plan {
        Some(p) => {
            let rows = state.store.progress_by_section(p.id, &iso).await?;
            let sections = state.store.sections_of(p.id).await?;
            // Roll each section up to its part (I., II., …): that is how officials read a plan.
            let root = |mut id: i64| {
                while let Some(parent) = sections
                    .iter()
                    .find(|s| s.id == id)
                    .and_then(|s| s.parent_id)
                {
                    id = parent;
                }
                id
            };
            let mut bars: Vec<(Option<i64>, Bar)> = Vec::new();
            for (section, total, done, overdue) in rows {
                let key = section.map(root);
                let label = key
                    .and_then(|k| sections.iter().find(|s| s.id == k))
                    .map(|s| format!("{} {}", s.label, s.title).trim().to_string())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| "(Chưa xếp mục)".into());
                match bars.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, b)) => {
                        b.total += total;
                        b.done += done;
                        b.overdue += overdue;
                    }
                    None => bars.push((
                        key,
                        Bar {
                            label,
                            done,
                            overdue,
                            total,
                        },
                    )),
                }
            }
            let bars: Vec<Bar> = bars.into_iter().map(|(_, b)| b).collect();
            progress_bars("Tiến độ theo mục của kế hoạch", &bars)
        }
        None => String::new(),
    };
    let unit_bars: Vec<Bar> = units
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
    let in30 = (today + chrono::Duration::days(30)).to_string();
    let page = DashboardPage {
        ctx: Ctx::for_user(&state, &auth, "Tổng quan").await?,
        commune_name: view::capitalise(&commune.full_name()),
        commune_id: commune.id,
        tasks: units.iter().map(|u| u.tasks).sum(),
        occurrences: units.iter().map(|u| u.occurrences).sum(),
        done: units.iter().map(|u| u.done).sum(),
        overdue_count: units.iter().map(|u| u.overdue).sum(),
        unit_chart: progress_bars(
            "Tiến độ theo đơn vị chủ trì (kỳ hoàn thành / tổng số kỳ)",
            &unit_bars,
        ),
        section_chart,
        units,
        plan,
        overdue: state
            .store
            .open_occurrences(commune.id, None, None, &iso, 50)
            .await?,
        due_soon: state
            .store
            .open_occurrences(commune.id, None, Some(&iso), &in30, 50)
            .await?,
    };
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "mine.html")]
struct MinePage {
    ctx: Ctx,
    unit_id: i64,
    unit_name: String,
    overdue: Vec<OccurrenceRow>,
    due_soon: Vec<OccurrenceRow>,
    tasks: Vec<TaskRow>,
    q: String,
    sort: &'static str,
    sorts: &'static [SortChoice],
    paging: Paging,
    link: ListLink,
}

#[derive(Deserialize, Default)]
struct MineQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

/// The orders of the unit's task table (`TaskFilter::sort` codes); the first is the
/// default.
const MINE_SORTS: &[SortChoice] = &[
    SortChoice {
        code: "due",
        label: "Hạn gần nhất",
    },
    SortChoice {
        code: "ref",
        label: "Theo mục",
    },
    SortChoice {
        code: "progress",
        label: "Tiến độ thấp trước",
    },
    SortChoice {
        code: "text",
        label: "Nội dung (A–Z)",
    },
];

async fn mine(
    State(state): State<AppState>,
    auth: Auth,
    Query(mq): Query<MineQuery>,
) -> Result<Response> {
    let (Some(commune_id), Some(unit_id)) = (auth.user.commune_id, auth.user.unit_id) else {
        return Ok(Redirect::to("/dashboard").into_response());
    };
    let today = state.today();
    let iso = today.to_string();
    let in30 = (today + chrono::Duration::days(30)).to_string();
    let unit = state.store.unit(unit_id).await?;
    let sort = sort_choice(MINE_SORTS, &mq.sort);
    let filter = TaskFilter {
        commune_id,
        unit_id: Some(unit_id),
        query: Some(mq.q.trim().to_string()).filter(|s| !s.is_empty()),
        sort: Some(sort.into()),
        ..Default::default()
    };
    if mq.format.as_deref() == Some("csv") {
        // The whole filtered list, in the chosen order: no page.
        let tasks = state.store.tasks_export(&filter, &iso).await?;
        return Ok(crate::tasks::tasks_csv(&tasks));
    }
    let (tasks, paging) =
        crate::tasks::task_page(&state, filter, &iso, mq.page.unwrap_or(1)).await?;
    let page = MinePage {
        ctx: Ctx::for_user(&state, &auth, "Việc của tôi").await?,
        unit_id,
        unit_name: unit.name,
        overdue: state
            .store
            .open_occurrences(commune_id, Some(unit_id), None, &iso, 100)
            .await?,
        due_soon: state
            .store
            .open_occurrences(commune_id, Some(unit_id), Some(&iso), &in30, 100)
            .await?,
        tasks,
        paging,
        link: ListLink::new("/mine", &[("q", &mq.q), ("sort", sort)]),
        q: mq.q.clone(),
        sort,
        sorts: MINE_SORTS,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
struct ProvinceQuery {
    province: Option<i64>,
    format: Option<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "province.html")]
struct ProvincePage {
    ctx: Ctx,
    paging: view::Paging,
    province_id: i64,
    q: String,
    sort: String,
    province_name: String,
    provinces: Vec<store::Province>,
    rows: Vec<CommuneProgress>,
    chart: String,
}

pub(crate) fn plan_status_label(code: Option<&str>) -> &'static str {
    match code.and_then(store::PlanStatus::parse) {
        Some(s) => s.label_vi(),
        None => "Chưa có kế hoạch",
    }
}

async fn province(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ProvinceQuery>,
) -> Result<Response> {
    let provinces = if auth.user.role == Role::Admin {
        state.store.provinces().await?
    } else {
        Vec::new()
    };
    let id = match (q.province, auth.user.province_id, provinces.first()) {
        (Some(p), _, _) => p,
        (None, Some(p), _) => p,
        (None, None, Some(p)) => p.id,
        _ => return Err(AppError::NotFound),
    };
    if !auth.actor().can_view_province(id) {
        return Err(AppError::Forbidden);
    }
    let province = state.store.province(id).await?;
    let mut rows = state
        .store
        .province_overview(id, &state.today().to_string())
        .await?;
    // Filter by name (tone-insensitive) and sort as asked; a province has at most a few
    // hundred communes, so this is done here rather than in SQL.
    let needle = vntext::fold(q.q.trim());
    if !needle.is_empty() {
        rows.retain(|r| vntext::fold(&r.commune_name).contains(&needle));
    }
    match q.sort.as_str() {
        "progress" => rows.sort_by_key(|r| {
            (
                percent(r.done, r.occurrences),
                vntext::fold(&r.commune_name),
            )
        }),
        "-progress" => rows.sort_by_key(|r| {
            (
                -percent(r.done, r.occurrences),
                vntext::fold(&r.commune_name),
            )
        }),
        "overdue" => rows.sort_by_key(|r| (-r.overdue, vntext::fold(&r.commune_name))),
        "status" => rows.sort_by_key(|r| (r.latest_status.clone(), vntext::fold(&r.commune_name))),
        _ => {}
    }
    if q.format.as_deref() == Some("csv") {
        let data: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.commune_name.clone(),
                    plan_status_label(r.latest_status.as_deref()).to_string(),
                    r.tasks.to_string(),
                    r.occurrences.to_string(),
                    r.done.to_string(),
                    r.overdue.to_string(),
                    percent(r.done, r.occurrences).to_string(),
                ]
            })
            .collect();
        return Ok(csv_response(
            "tong-hop-tinh.csv",
            &[
                "Xã/phường",
                "Kế hoạch",
                "Nhiệm vụ",
                "Số kỳ",
                "Hoàn thành",
                "Quá hạn",
                "Tỷ lệ (%)",
            ],
            &data,
        ));
    }
    let (rows, paging) = view::paginate(rows, q.page.unwrap_or(1), 50);
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.commune_name.clone(),
            done: r.done,
            overdue: r.overdue,
            total: r.occurrences,
        })
        .collect();
    let page = ProvincePage {
        ctx: Ctx::for_user(&state, &auth, "Toàn tỉnh").await?,
        province_name: province.name,
        provinces,
        chart: progress_bars("Tiến độ của các xã, phường", &bars),
        rows,
        paging,
        province_id: id,
        q: q.q.clone(),
        sort: q.sort.clone(),
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
    plans: Vec<Plan>,
    tasks: Vec<TaskRow>,
}

async fn search(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>> {
    let query = q.q.trim().chars().take(200).collect::<String>();
    let (mut plans, mut tasks) = (Vec::new(), Vec::new());
    if !query.is_empty() {
        let communes: Vec<i64> = match (auth.user.commune_id, auth.user.province_id) {
            (Some(c), _) => vec![c],
            (None, Some(p)) => state
                .store
                .communes_of(p)
                .await?
                .iter()
                .map(|c| c.id)
                .collect(),
            (None, None) if auth.user.role == Role::Admin => {
                let mut all = Vec::new();
                for p in state.store.provinces().await? {
                    all.extend(state.store.communes_of(p.id).await?.iter().map(|c| c.id));
                }
                all
            }
            _ => Vec::new(),
        };
        plans = state.store.search_plans(&communes, &query).await?;
        let iso = state.today().to_string();
        tasks = state
            .store
            .search_tasks(&communes, &query, &iso, 100)
            .await?;
    }
    let page = SearchPage {
        ctx: Ctx::for_user(&state, &auth, "Tìm kiếm").await?,
        q: query,
        plans,
        tasks,
    };
    Ok(Html(page.render()?))
}
