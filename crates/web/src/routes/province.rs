//! The province: the overview of its communes for a year, and the province's own plans that
//! communes start from.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use app::views::ProvinceView;
use app::{PageRequest, ProvincePlan, ProvinceSort, SortKey};

use crate::AppState;
use crate::error::{Result, WebError};
use crate::extract::{Auth, FormData, Q};
use crate::routes::dashboard::year_param;
use crate::ui::charts::{Bar, progress_bars};
use crate::ui::csv::csv_response;
use crate::ui::{Ctx, ListLink, Pager, SortSelect, page_status};

pub fn router() -> axum::Router<AppState> {
    Router::new().route("/province", get(province)).route(
        "/province/plans",
        get(province_plans).post(province_plan_upload),
    )
}

#[derive(Deserialize, Default)]
struct ProvinceQuery {
    province: Option<i64>,
    format: Option<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    year: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "province.html")]
struct ProvincePage {
    ctx: Ctx,
    v: ProvinceView,
    q: String,
    sort: SortSelect,
    pager: Pager,
    chart: String,
}

/// The plan column of the overview: the status of the plan in force, or that there is none.
pub fn plan_cell(c: &app::CommuneProgress) -> String {
    match c.status() {
        Some(s) => match &c.issued_on {
            Some(d) if s == domain::plan::PlanStatus::Issued => {
                format!("{} ngày {}", s.label_vi(), app::format::short_date(d))
            }
            _ => s.label_vi().to_string(),
        },
        None => "Chưa có kế hoạch".into(),
    }
}

async fn province(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<ProvinceQuery>,
) -> Result<Response> {
    let sort = ProvinceSort::parse(&q.sort);
    let csv = q.format.as_deref() == Some("csv");
    let per = state.app.config().limits.per_page;
    let page = (!csv).then(|| PageRequest::new(q.page.unwrap_or(1), per));
    let v = state
        .app
        .province_view(
            &auth.user,
            q.province,
            year_param(&q.year),
            &q.q,
            sort,
            page,
        )
        .await?;
    if csv {
        let data: Vec<Vec<String>> = v
            .communes
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.commune_name.clone(),
                    plan_cell(r),
                    r.tasks.to_string(),
                    r.occurrences.to_string(),
                    r.done.to_string(),
                    r.overdue.to_string(),
                    r.percent_done.to_string(),
                ]
            })
            .collect();
        return Ok(csv_response(
            &format!("tong-hop-tinh-{}.csv", v.year),
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
    let bars: Vec<Bar> = v
        .communes
        .rows
        .iter()
        .map(|r| Bar {
            label: r.commune_name.clone(),
            done: r.done,
            overdue: r.overdue,
            total: r.occurrences,
        })
        .collect();
    let (id, year) = (v.province.id.to_string(), v.year.to_string());
    let link = ListLink::new(
        "/province",
        &[
            ("province", &id),
            ("year", &year),
            ("q", &q.q),
            ("sort", sort.code()),
        ],
    );
    let page = ProvincePage {
        ctx: Ctx::for_user(&state, &auth, "Toàn tỉnh").await?,
        chart: progress_bars("Tiến độ của các xã, phường", &bars),
        pager: Pager::of(&v.communes, "xã, phường", link),
        sort: SortSelect::of(sort),
        q: q.q,
        v,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "province_plans.html")]
struct ProvincePlansPage {
    ctx: Ctx,
    plans: Vec<ProvincePlan>,
    error: Option<String>,
}

async fn render_province_plans(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
) -> Result<Response> {
    let page = ProvincePlansPage {
        ctx: Ctx::for_user(state, auth, "Kế hoạch của tỉnh").await?,
        plans: state.app.province_plans(&auth.user).await?,
        error: error.clone(),
    };
    Ok((page_status(&error), Html(page.render()?)).into_response())
}

async fn province_plans(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render_province_plans(&state, &auth, None).await
}

/// A province officer uploads the province's plan.
async fn province_plan_upload(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let Some((filename, bytes)) = form.file.clone() else {
        return render_province_plans(
            &state,
            &auth,
            Some("Vui lòng chọn tệp kế hoạch của tỉnh.".into()),
        )
        .await;
    };
    match state
        .app
        .upload_province_plan(&auth.user, &filename, bytes, form.key().as_ref())
        .await
    {
        Ok(_) => Ok(Redirect::to("/province/plans?saved=plan").into_response()),
        Err(e @ app::Error::Invalid { .. }) => {
            render_province_plans(&state, &auth, Some(e.message_vi())).await
        }
        Err(e) => Err(WebError::from(e)),
    }
}
