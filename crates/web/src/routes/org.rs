//! Administration of the organisation: a commune's unit list (commune office, admin),
//! accounts (admin: make, lock, reset a password), provinces and communes (admin).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::access::Role;
use domain::org::CommuneKind;
use serde::Deserialize;

use app::UserFilter;
use app::history::HistoryRow;
use app::org::{NewAccount, OrgView, Password, UnitsView, UsersView, Who};
use app::{Error, PageRequest, SortKey, UnitSort, UserSort};

use crate::AppState;
use crate::error::{Result, status_of};
use crate::extract::{Auth, FormData, P, Q};
use crate::routes::dashboard::commune_picker;
use crate::routes::plans::Kept;
use crate::ui::csv::csv_response;
use crate::ui::{Ctx, ListLink, Pager, SortSelect, capitalise};

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/admin/units", get(units_page).post(unit_add))
        .route("/admin/units/{id}", post(unit_update))
        .route("/admin/users", get(users_page).post(user_add))
        .route("/admin/users/{id}/active", post(user_active))
        .route("/admin/users/{id}/password", post(user_password))
        .route("/admin/org", get(org_page))
        .route("/admin/provinces", post(province_add))
        .route("/admin/communes", post(commune_add))
        .route("/admin/communes/{id}/border", post(commune_border))
        .route(
            "/admin/provinces/{id}/trip-report-days",
            post(trip_report_days),
        )
}

#[derive(Deserialize, Default)]
struct UnitsQuery {
    commune: Option<i64>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    ctx: Ctx,
    v: UnitsView,
    commune_name: String,
    q: String,
    sort: SortSelect,
    pager: Pager,
    history: Vec<HistoryRow>,
    error: Option<String>,
    name: String,
}

async fn render_units(
    state: &AppState,
    auth: &Auth,
    list: &UnitsQuery,
    error: Option<&Error>,
    name: String,
) -> Result<Response> {
    let sort = UnitSort::parse(&list.sort);
    let per = state.app.config().limits.per_page;
    let v = state
        .app
        .units_view(
            &auth.user,
            list.commune,
            &list.q,
            sort,
            Some(PageRequest::new(list.page.unwrap_or(1), per)),
        )
        .await?;
    let id = v.commune.id.to_string();
    let link = ListLink::new(
        "/admin/units",
        &[("commune", &id), ("q", &list.q), ("sort", sort.code())],
    );
    let page = UnitsPage {
        ctx: Ctx::for_user(state, auth, "Danh sách đơn vị").await?,
        commune_name: capitalise(v.commune.full_name()),
        pager: Pager::of(&v.units, "đơn vị", link),
        history: v.history.rows.clone(),
        q: list.q.clone(),
        sort: SortSelect::of(sort),
        error: error.map(Error::message_vi),
        name,
        v,
    };
    let status = error.map_or(axum::http::StatusCode::OK, status_of);
    Ok((status, Html(page.render()?)).into_response())
}

async fn units_page(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<UnitsQuery>,
) -> Result<Response> {
    if q.commune.is_none() && auth.user.commune_id.is_none() {
        return commune_picker(&state, &auth, "/admin/units", "Chọn xã, phường").await;
    }
    if q.format.as_deref() == Some("csv") {
        // The whole filtered list, in the chosen order: no page.
        let v = state
            .app
            .units_view(&auth.user, q.commune, &q.q, UnitSort::parse(&q.sort), None)
            .await?;
        let rows: Vec<Vec<String>> = v
            .units
            .rows
            .iter()
            .map(|u| {
                vec![
                    u.name.clone(),
                    if u.is_active() { "Có" } else { "Không" }.into(),
                ]
            })
            .collect();
        return Ok(csv_response(
            "don-vi.csv",
            &["Tên đơn vị", "Đang hoạt động"],
            &rows,
        ));
    }
    render_units(&state, &auth, &q, None, String::new()).await
}

async fn unit_add(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let commune = form.id("commune");
    match state
        .app
        .add_unit(&auth.user, commune, form.get("name"), form.key().as_ref())
        .await
    {
        Ok(u) => Ok(
            Redirect::to(&format!("/admin/units?commune={}&saved=unit", u.commune_id))
                .into_response(),
        ),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            let list = UnitsQuery {
                commune,
                ..Default::default()
            };
            render_units(&state, &auth, &list, Some(&e), form.get("name").to_string()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn unit_update(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let back = form.get("back").to_string();
    match state
        .app
        .update_unit(
            &auth.user,
            id,
            form.get("name"),
            form.has("active"),
            form.key().as_ref(),
        )
        .await
    {
        Ok(u) => {
            // Back to the page of the list where the officer was.
            let to = if back.starts_with("/admin/units?") {
                format!("{back}&saved=unit")
            } else {
                format!("/admin/units?commune={}&saved=unit", u.commune_id)
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            let list = UnitsQuery {
                commune: form.id("commune"),
                ..Default::default()
            };
            render_units(&state, &auth, &list, Some(&e), String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    commune: Option<i64>,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ctx: Ctx,
    v: UsersView,
    q: String,
    role_filter: String,
    roles: Vec<Role>,
    sort: SortSelect,
    pager: Pager,
    error: Option<String>,
    kept: Kept,
}

impl UsersPage {
    fn place(&self, u: &app::UserRow) -> String {
        match (&u.unit_name, &u.commune_name, &u.province_name) {
            (Some(un), Some(c), _) => format!(
                "{un}, {}",
                u.commune_kind.0.map_or(c.clone(), |k| k.full_name(c))
            ),
            (None, Some(c), _) => {
                capitalise(u.commune_kind.0.map_or(c.clone(), |k| k.full_name(c)))
            }
            (None, None, Some(p)) => p.clone(),
            _ => "Toàn hệ thống".into(),
        }
    }
}

fn user_filter(q: &UsersQuery) -> UserFilter {
    UserFilter {
        query: q.q.chars().take(100).collect(),
        role: Role::parse(&q.role),
        province_id: None,
        commune_id: q.commune,
    }
}

async fn render_users(
    state: &AppState,
    auth: &Auth,
    q: &UsersQuery,
    error: Option<&Error>,
    kept: Kept,
) -> Result<Response> {
    let sort = UserSort::parse(&q.sort);
    let per = state.app.config().limits.per_page;
    let v = state
        .app
        .users_view(
            &auth.user,
            &user_filter(q),
            sort,
            Some(PageRequest::new(q.page.unwrap_or(1), per)),
        )
        .await?;
    let link = ListLink::new(
        "/admin/users",
        &[("q", &q.q), ("role", &q.role), ("sort", sort.code())],
    );
    let page = UsersPage {
        ctx: Ctx::for_user(state, auth, "Người dùng").await?,
        pager: Pager::of(&v.users, "tài khoản", link),
        v,
        q: q.q.clone(),
        role_filter: q.role.clone(),
        roles: Role::ALL.to_vec(),
        sort: SortSelect::of(sort),
        error: error.map(Error::message_vi),
        kept,
    };
    let status = error.map_or(axum::http::StatusCode::OK, status_of);
    Ok((status, Html(page.render()?)).into_response())
}

async fn users_page(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<UsersQuery>,
) -> Result<Response> {
    if q.format.as_deref() == Some("csv") {
        let v = state
            .app
            .users_view(&auth.user, &user_filter(&q), UserSort::parse(&q.sort), None)
            .await?;
        let rows: Vec<Vec<String>> = v
            .users
            .rows
            .iter()
            .map(|u| {
                vec![
                    u.username.clone(),
                    u.display_name.clone(),
                    u.role.label_vi().to_string(),
                    u.commune_name.clone().unwrap_or_default(),
                    u.unit_name.clone().unwrap_or_default(),
                    if u.active != 0 { "Có" } else { "Không" }.to_string(),
                ]
            })
            .collect();
        return Ok(csv_response(
            "nguoi-dung.csv",
            &[
                "Tên đăng nhập",
                "Họ và tên",
                "Vai trò",
                "Xã, phường",
                "Đơn vị",
                "Đang hoạt động",
            ],
            &rows,
        ));
    }
    render_users(&state, &auth, &q, None, Kept::default()).await
}

async fn user_add(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let new = NewAccount {
        username: form.get("username").to_string(),
        display_name: form.get("display_name").to_string(),
        password: Password::Typed(form.get("password").to_string()),
        role: Role::parse(form.get("role")),
        province_id: form.id("province"),
        commune_id: form.id("commune"),
        unit_id: form.id("unit"),
    };
    match state
        .app
        .create_account(Who::User(&auth.user), &new, form.key().as_ref())
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/users?saved=account").into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_users(
                &state,
                &auth,
                &UsersQuery::default(),
                Some(&e),
                Kept::of(&form),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn user_active(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .set_account_active(&auth.user, id, form.has("active"), form.key().as_ref())
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/users?saved=account").into_response()),
        Err(e @ Error::Invalid { .. }) => {
            render_users(
                &state,
                &auth,
                &UsersQuery::default(),
                Some(&e),
                Kept::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn user_password(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .reset_password(&auth.user, id, form.get("password"), form.key().as_ref())
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/users?saved=password").into_response()),
        Err(e @ Error::Invalid { .. }) => {
            render_users(
                &state,
                &auth,
                &UsersQuery::default(),
                Some(&e),
                Kept::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    ctx: Ctx,
    v: OrgView,
    kinds: Vec<CommuneKind>,
    error: Option<String>,
    kept: Kept,
}

async fn render_org(
    state: &AppState,
    auth: &Auth,
    error: Option<&Error>,
    kept: Kept,
) -> Result<Response> {
    let v = state.app.org_view(&auth.user).await?;
    let page = OrgPage {
        ctx: Ctx::for_user(state, auth, "Tổ chức").await?,
        v,
        kinds: CommuneKind::ALL.to_vec(),
        error: error.map(Error::message_vi),
        kept,
    };
    let status = error.map_or(axum::http::StatusCode::OK, status_of);
    Ok((status, Html(page.render()?)).into_response())
}

async fn org_page(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render_org(&state, &auth, None, Kept::default()).await
}

async fn province_add(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .create_province(Who::User(&auth.user), form.get("name"), form.key().as_ref())
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/org?saved=org").into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_org(&state, &auth, Some(&e), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates a commune with the default unit list (editable afterwards).
async fn commune_add(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let province = form
            .id("province")
            .ok_or_else(|| Error::invalid("province", "Vui lòng chọn tỉnh, thành phố."))?;
        let kind = CommuneKind::parse(form.get("kind")).ok_or_else(|| {
            Error::invalid(
                "kind",
                "Vui lòng chọn loại đơn vị hành chính (xã, phường, đặc khu).",
            )
        })?;
        state
            .app
            .create_commune(
                Who::User(&auth.user),
                province,
                form.get("name"),
                kind,
                form.key().as_ref(),
            )
            .await
    }
    .await;
    match done {
        Ok(_) => Ok(Redirect::to("/admin/org?saved=org").into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_org(&state, &auth, Some(&e), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Marks a commune as in a border area or not.
async fn commune_border(
    State(state): State<AppState>,
    auth: Auth,
    crate::extract::P(id): crate::extract::P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    state
        .app
        .set_commune_border(&auth.user, id, form.get("border") == "1")
        .await?;
    Ok(Redirect::to("/admin/org?saved=org").into_response())
}

/// Sets a province's days for an after-trip report (administrators here; province
/// officers from the province page).
async fn trip_report_days(
    State(state): State<AppState>,
    auth: Auth,
    crate::extract::P(id): crate::extract::P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let days = form.get("days").trim().parse::<i64>().unwrap_or(0);
    let back = if form.get("back") == "province" {
        format!("/province?province={id}&saved=org")
    } else {
        "/admin/org?saved=org".to_string()
    };
    match state.app.set_trip_report_days(&auth.user, id, days).await {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(e @ Error::Invalid { .. }) => {
            render_org(&state, &auth, Some(&e), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}
