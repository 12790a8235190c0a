//! Administration of the organisation: a commune's unit list (commune office, admin),
//! accounts (admin), provinces and communes (admin).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::access::{Attachment, Role};
use serde::Deserialize;
use store::{Commune, NewUser, Province, StoreError, Unit, User};

use crate::AppState;
use crate::auth::{Auth, hash_password};
use crate::error::{AppError, Result};
use crate::view::{
    Ctx, ListLink, PER_PAGE, Paging, SortChoice, capitalise, commune_in_view, paginate,
    sort_choice, text_key,
};
use domain::names::{NameError, NewPassword, PersonName, PlaceName, UnitName, Username};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/units", get(units_page).post(unit_add))
        .route("/admin/units/{id}", post(unit_update))
        .route("/admin/users", get(users_page).post(user_add))
        .route("/admin/users/{id}/active", post(user_active))
        .route("/admin/org", get(org_page))
        .route("/admin/provinces", post(province_add))
        .route("/admin/communes", post(commune_add))
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

/// The orders of the unit list; the first, the default, is the order the units were
/// entered in: for a new commune, the order of the default list (Văn phòng first).
const UNIT_SORTS: &[SortChoice] = &[
    SortChoice {
        code: "",
        label: "Thứ tự trong danh sách",
    },
    SortChoice {
        code: "name",
        label: "Tên đơn vị (A–Z)",
    },
    SortChoice {
        code: "active",
        label: "Đang hoạt động trước",
    },
];

/// The units whose name holds the words of `q` (tones ignored), in the order `sort` names.
fn units_listed(mut units: Vec<Unit>, q: &str, sort: &str) -> Vec<Unit> {
    let needle = vntext::fold(q.trim());
    units.retain(|u| needle.is_empty() || vntext::fold(&u.name).contains(&needle));
    match sort_choice(UNIT_SORTS, sort) {
        "name" => units.sort_by_cached_key(|u| text_key(&u.name)),
        "active" => units.sort_by_cached_key(|u| (u.active == 0, text_key(&u.name))),
        _ => units.sort_by_key(|u| u.id),
    }
    units
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    ctx: Ctx,
    q: String,
    sort: &'static str,
    sorts: &'static [SortChoice],
    paging: Paging,
    link: ListLink,
    history: Vec<store::AuditEntry>,
    commune: Commune,
    commune_name: String,
    units: Vec<Unit>,
    error: Option<String>,
    name: String,
}

async fn managed_commune(state: &AppState, auth: &Auth, id: Option<i64>) -> Result<Commune> {
    let c = commune_in_view(state, auth, id).await?;
    if !auth.actor().can_manage_units(c.scope()) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// The unit page: the page of the list `list` asks for, the forms (with `error` and the
/// `name` typed, when a change was refused) and the history.
async fn units_view(
    state: &AppState,
    auth: &Auth,
    commune: Commune,
    error: Option<String>,
    name: String,
    list: &UnitsQuery,
) -> Result<UnitsPage> {
    let sort = sort_choice(UNIT_SORTS, &list.sort);
    let units = units_listed(state.store.units_of(commune.id).await?, &list.q, sort);
    let (units, paging) = paginate(units, list.page.unwrap_or(1), PER_PAGE as usize);
    let commune_id = commune.id.to_string();
    Ok(UnitsPage {
        ctx: Ctx::for_user(state, auth, "Danh sách đơn vị").await?,
        commune_name: capitalise(&commune.full_name()),
        units,
        paging,
        link: ListLink::new(
            "/admin/units",
            &[("commune", &commune_id), ("q", &list.q), ("sort", sort)],
        ),
        history: state
            .store
            .audit_of_type("unit", Some(commune.id), 100)
            .await?,
        commune,
        error,
        name,
        q: list.q.clone(),
        sort,
        sorts: UNIT_SORTS,
    })
}

async fn render_units(
    state: &AppState,
    auth: &Auth,
    commune: Commune,
    error: Option<String>,
    name: String,
) -> Result<Response> {
    let status = crate::view::page_status(&error);
    let page = units_view(state, auth, commune, error, name, &UnitsQuery::default()).await?;
    Ok((status, Html(page.render()?)).into_response())
}

async fn units_page(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<UnitsQuery>,
) -> Result<Response> {
    let commune = managed_commune(&state, &auth, q.commune).await?;
    if q.format.as_deref() == Some("csv") {
        // The whole filtered list, in the chosen order: no page.
        let rows: Vec<Vec<String>> =
            units_listed(state.store.units_of(commune.id).await?, &q.q, &q.sort)
                .iter()
                .map(|u| {
                    vec![
                        u.name.clone(),
                        if u.active != 0 { "Có" } else { "Không" }.into(),
                    ]
                })
                .collect();
        return Ok(crate::view::csv_response(
            "don-vi.csv",
            &["Tên đơn vị", "Đang hoạt động"],
            &rows,
        ));
    }
    let page = units_view(&state, &auth, commune, None, String::new(), &q).await?;
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct UnitForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    commune: Option<i64>,
    #[serde(default)]
    active: Option<String>,
}

/// A unit name as the officer typed it, or the Vietnamese reason it is refused.
fn unit_name(raw: &str) -> std::result::Result<UnitName, &'static str> {
    UnitName::parse(raw).map_err(NameError::message_vi)
}

async fn unit_add(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<UnitForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let commune = managed_commune(&state, &auth, f.commune).await?;
    let name = match unit_name(&f.name) {
        Ok(n) => n,
        Err(e) => return render_units(&state, &auth, commune, Some(e.into()), f.name).await,
    };
    match state
        .store
        .create_unit(Some(auth.user.id), commune.id, name.as_str())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/units?commune={}", commune.id)).into_response()),
        Err(StoreError::Conflict("units_commune_name_key")) => {
            render_units(
                &state,
                &auth,
                commune,
                Some("Đơn vị này đã có trong danh sách.".into()),
                f.name,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn unit_update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<UnitForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let unit = state.store.unit(id).await?;
    let commune = managed_commune(&state, &auth, Some(unit.commune_id)).await?;
    let name = match unit_name(&f.name) {
        Ok(n) => n,
        Err(e) => return render_units(&state, &auth, commune, Some(e.into()), String::new()).await,
    };
    match state
        .store
        .update_unit(auth.user.id, id, name.as_str(), f.active.is_some())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/units?commune={}", commune.id)).into_response()),
        Err(StoreError::Conflict("units_commune_name_key")) => {
            render_units(
                &state,
                &auth,
                commune,
                Some("Đã có đơn vị khác mang tên này.".into()),
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ctx: Ctx,
    q: String,
    role_filter: String,
    sort: &'static str,
    sorts: &'static [SortChoice],
    paging: Paging,
    link: ListLink,
    history: Vec<store::AuditEntry>,
    users: Vec<User>,
    provinces: Vec<Province>,
    communes: Vec<Commune>,
    units: Vec<(Unit, String)>,
    roles: Vec<Role>,
    error: Option<String>,
    form: UserForm,
}

fn require_admin(auth: &Auth) -> Result<()> {
    if auth.actor().can_manage_organisation() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn all_communes(state: &AppState) -> Result<(Vec<Province>, Vec<Commune>)> {
    let provinces = state.store.provinces().await?;
    let mut communes = Vec::new();
    for p in &provinces {
        communes.extend(state.store.communes_of(p.id).await?);
    }
    Ok((provinces, communes))
}

/// The account page: the page of the list `list` asks for, the form (with `error`, when
/// an account was refused) and the history.
async fn users_view(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
    form: UserForm,
    list: &UsersQuery,
) -> Result<UsersPage> {
    let (provinces, communes) = all_communes(state).await?;
    let mut units = Vec::new();
    for c in &communes {
        for u in state.store.units_of(c.id).await? {
            units.push((u, c.name.clone()));
        }
    }
    let sort = sort_choice(USER_SORTS, &list.sort);
    let users = users_listed(state.store.users().await?, list);
    let (users, paging) = paginate(users, list.page.unwrap_or(1), PER_PAGE as usize);
    Ok(UsersPage {
        ctx: Ctx::for_user(state, auth, "Người dùng").await?,
        users,
        paging,
        link: ListLink::new(
            "/admin/users",
            &[("q", &list.q), ("role", &list.role), ("sort", sort)],
        ),
        sort,
        sorts: USER_SORTS,
        history: state.store.audit_of_type("user", None, 100).await?,
        provinces,
        communes,
        units,
        roles: Role::ALL.to_vec(),
        error: error.clone(),
        form,
        q: list.q.clone(),
        role_filter: list.role.clone(),
    })
}

async fn render_users(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
    form: UserForm,
) -> Result<Response> {
    let status = crate::view::page_status(&error);
    let page = users_view(state, auth, error, form, &UsersQuery::default()).await?;
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize, Default)]
struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

/// The orders of the account list; the first is the default.
const USER_SORTS: &[SortChoice] = &[
    SortChoice {
        code: "",
        label: "Tên đăng nhập (A–Z)",
    },
    SortChoice {
        code: "name",
        label: "Họ và tên (A–Z)",
    },
    SortChoice {
        code: "role",
        label: "Vai trò",
    },
    SortChoice {
        code: "status",
        label: "Đang hoạt động trước",
    },
];

/// The accounts `list` asks for: sign-in name or full name holding its words (tones
/// ignored), of its role, in its order (ties by sign-in name).
fn users_listed(mut users: Vec<User>, list: &UsersQuery) -> Vec<User> {
    let needle = vntext::fold(list.q.trim());
    users.retain(|u| {
        (needle.is_empty()
            || vntext::fold(&u.username).contains(&needle)
            || vntext::fold(&u.display_name).contains(&needle))
            && (list.role.is_empty() || u.role.code() == list.role)
    });
    let rank = |r: Role| Role::ALL.iter().position(|x| *x == r);
    match sort_choice(USER_SORTS, &list.sort) {
        "name" => users.sort_by_cached_key(|u| (text_key(&u.display_name), text_key(&u.username))),
        "role" => users.sort_by_cached_key(|u| (rank(u.role), text_key(&u.username))),
        "status" => users.sort_by_cached_key(|u| (!u.active, text_key(&u.username))),
        _ => users.sort_by_cached_key(|u| text_key(&u.username)),
    }
    users
}

async fn users_page(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<UsersQuery>,
) -> Result<Response> {
    require_admin(&auth)?;
    if q.format.as_deref() == Some("csv") {
        // The whole filtered list, in the chosen order: no page.
        let rows: Vec<Vec<String>> = users_listed(state.store.users().await?, &q)
            .iter()
            .map(|u| {
                vec![
                    u.username.clone(),
                    u.display_name.clone(),
                    u.role.label_vi().to_string(),
                    if u.active { "Có" } else { "Không" }.to_string(),
                ]
            })
            .collect();
        return Ok(crate::view::csv_response(
            "nguoi-dung.csv",
            &["Tên đăng nhập", "Họ và tên", "Vai trò", "Đang hoạt động"],
            &rows,
        ));
    }
    let page = users_view(&state, &auth, None, UserForm::default(), &q).await?;
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default, Clone)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub unit: String,
}

async fn user_add(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<UserForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    require_admin(&auth)?;
    let id = |s: &str| s.trim().parse::<i64>().ok();
    let role = Role::parse(&f.role);
    let parsed = (|| {
        Ok::<_, NameError>((
            Username::parse(&f.username)?,
            PersonName::parse(&f.display_name)?,
            NewPassword::parse(&f.password)?,
        ))
    })();
    let (username, display_name, password) = match parsed {
        Ok(x) => x,
        Err(e) => return render_users(&state, &auth, Some(e.message_vi().into()), f).await,
    };
    let mut new = NewUser {
        username: username.as_str().to_string(),
        display_name: display_name.as_str().to_string(),
        password_hash: String::new(),
        role: role.unwrap_or(Role::Viewer),
        province_id: None,
        commune_id: None,
        unit_id: None,
    };
    let mut problem = role.is_none().then(|| "Vui lòng chọn vai trò.".to_string());
    if problem.is_none() {
        match new.role.needs() {
            Attachment::Nothing => {}
            Attachment::Province => match id(&f.province) {
                Some(p) if state.store.province(p).await.is_ok() => new.province_id = Some(p),
                _ => problem = Some("Cán bộ Sở Ngoại vụ phải thuộc một tỉnh.".into()),
            },
            Attachment::Commune => match id(&f.commune) {
                Some(c) if state.store.commune(c).await.is_ok() => new.commune_id = Some(c),
                _ => problem = Some("Vai trò này phải thuộc một xã, phường.".into()),
            },
            Attachment::Unit => match id(&f.unit) {
                Some(u) => match state.store.unit(u).await {
                    Ok(unit) => {
                        new.unit_id = Some(u);
                        new.commune_id = Some(unit.commune_id);
                    }
                    Err(_) => problem = Some("Cán bộ đơn vị phải thuộc một đơn vị.".into()),
                },
                None => problem = Some("Cán bộ đơn vị phải thuộc một đơn vị.".into()),
            },
        }
    }
    if let Some(p) = problem {
        return render_users(&state, &auth, Some(p), f).await;
    }
    new.password_hash = hash_password(password.into_string()).await?;
    match state.store.create_user(Some(auth.user.id), &new).await {
        Ok(_) => Ok(Redirect::to("/admin/users").into_response()),
        Err(StoreError::Conflict("users_username_key")) => {
            render_users(
                &state,
                &auth,
                Some("Tên đăng nhập này đã được dùng.".into()),
                f,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ActiveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    active: Option<String>,
}

async fn user_active(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<ActiveForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    require_admin(&auth)?;
    if id == auth.user.id {
        return Err(AppError::BadRequest(
            "Không thể tự khóa tài khoản của mình.".into(),
        ));
    }
    state.store.user(id).await?;
    state
        .store
        .set_user_active(auth.user.id, id, f.active.is_some())
        .await?;
    Ok(Redirect::to("/admin/users").into_response())
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    ctx: Ctx,
    provinces: Vec<Province>,
    communes: Vec<Commune>,
    error: Option<String>,
}

async fn render_org(state: &AppState, auth: &Auth, error: Option<String>) -> Result<Response> {
    let (provinces, communes) = all_communes(state).await?;
    let page = OrgPage {
        ctx: Ctx::for_user(state, auth, "Tổ chức").await?,
        provinces,
        communes,
        error: error.clone(),
    };
    let status = crate::view::page_status(&error);
    Ok((status, Html(page.render()?)).into_response())
}

async fn org_page(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    require_admin(&auth)?;
    render_org(&state, &auth, None).await
}

#[derive(Deserialize)]
struct ProvinceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

async fn province_add(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<ProvinceForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    require_admin(&auth)?;
    let name = match PlaceName::parse(&f.name) {
        Ok(n) => n,
        Err(e) => return render_org(&state, &auth, Some(e.message_vi().into())).await,
    };
    match state.store.create_province(name.as_str()).await {
        Ok(_) => Ok(Redirect::to("/admin/org").into_response()),
        Err(StoreError::Conflict(_)) => {
            render_org(&state, &auth, Some("Tỉnh, thành phố này đã có.".into())).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CommuneForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    province: String,
}

/// Creates a commune with the default unit list of DESIGN.md (editable afterwards).
async fn commune_add(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<CommuneForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    require_admin(&auth)?;
    let Some(province) = f.province.trim().parse::<i64>().ok() else {
        return render_org(&state, &auth, Some("Vui lòng chọn tỉnh, thành phố.".into())).await;
    };
    let name = match PlaceName::parse(&f.name) {
        Ok(n) => n,
        Err(e) => return render_org(&state, &auth, Some(e.message_vi().into())).await,
    };
    if !["xa", "phuong", "dac_khu"].contains(&f.kind.as_str()) {
        return render_org(
            &state,
            &auth,
            Some("Vui lòng chọn loại đơn vị hành chính (xã, phường, đặc khu).".into()),
        )
        .await;
    }
    state.store.province(province).await?;
    match create_commune_with_units(
        &state.store,
        Some(auth.user.id),
        province,
        name.as_str(),
        &f.kind,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/org").into_response()),
        Err(StoreError::Conflict("communes_province_name_key")) => {
            render_org(
                &state,
                &auth,
                Some("Tỉnh này đã có xã, phường mang tên này.".into()),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A commune and its default units (the list shipped with `lint`, adapted to the kind: a
/// phường's police is "Công an phường").
pub async fn create_commune_with_units(
    store: &store::Store,
    by: Option<i64>,
    province: i64,
    name: &str,
    kind: &str,
) -> std::result::Result<Commune, StoreError> {
    let commune = store.create_commune(province, name, kind).await?;
    let level = match kind {
        "phuong" => "phường",
        "dac_khu" => "đặc khu",
        _ => "xã",
    };
    for unit in lint::Units::builtin().iter() {
        let n = unit.name.replace(" xã", &format!(" {level}"));
        match store.create_unit(by, commune.id, &n).await {
            Ok(_) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(commune)
}
