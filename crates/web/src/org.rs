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
use crate::view::{Ctx, capitalise, commune_in_view};
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
struct CommuneQuery {
    commune: Option<i64>,
    #[serde(default)]
    q: String,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    ctx: Ctx,
    q: String,
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

async fn units_view(
    state: &AppState,
    auth: &Auth,
    commune: Commune,
    error: Option<String>,
    name: String,
) -> Result<UnitsPage> {
    Ok(UnitsPage {
        ctx: Ctx::for_user(state, auth, "Danh sách đơn vị").await?,
        commune_name: capitalise(&commune.full_name()),
        units: state.store.units_of(commune.id).await?,
        history: state
            .store
            .audit_of_type("unit", Some(commune.id), 100)
            .await?,
        commune,
        error,
        name,
        q: String::new(),
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
    let page = units_view(state, auth, commune, error, name).await?;
    Ok((status, Html(page.render()?)).into_response())
}

async fn units_page(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<CommuneQuery>,
) -> Result<Response> {
    let commune = managed_commune(&state, &auth, q.commune).await?;
    let needle = vntext::fold(q.q.trim());
    if q.format.as_deref() == Some("csv") || !needle.is_empty() {
        let units: Vec<Unit> = state
            .store
            .units_of(commune.id)
            .await?
            .into_iter()
            .filter(|u| needle.is_empty() || vntext::fold(&u.name).contains(&needle))
            .collect();
        if q.format.as_deref() == Some("csv") {
            let rows: Vec<Vec<String>> = units
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
        let mut page = units_view(&state, &auth, commune, None, String::new()).await?;
        page.units = units;
        page.q = q.q.clone();
        return Ok(Html(page.render()?).into_response());
    }
    render_units(&state, &auth, commune, None, String::new()).await
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

async fn users_view(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
    form: UserForm,
) -> Result<UsersPage> {
    let (provinces, communes) = all_communes(state).await?;
    let mut units = Vec::new();
    for c in &communes {
        for u in state.store.units_of(c.id).await? {
            units.push((u, c.name.clone()));
        }
    }
    Ok(UsersPage {
        ctx: Ctx::for_user(state, auth, "Người dùng").await?,
        users: state.store.users().await?,
        history: state.store.audit_of_type("user", None, 100).await?,
        provinces,
        communes,
        units,
        roles: Role::ALL.to_vec(),
        error: error.clone(),
        form,
        q: String::new(),
        role_filter: String::new(),
    })
}

async fn render_users(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
    form: UserForm,
) -> Result<Response> {
    let status = crate::view::page_status(&error);
    let page = users_view(state, auth, error, form).await?;
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize, Default)]
struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    format: Option<String>,
}

async fn users_page(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<UsersQuery>,
) -> Result<Response> {
    require_admin(&auth)?;
    let needle = vntext::fold(q.q.trim());
    let keep = |u: &User| {
        (needle.is_empty()
            || vntext::fold(&u.username).contains(&needle)
            || vntext::fold(&u.display_name).contains(&needle))
            && (q.role.is_empty() || u.role.code() == q.role)
    };
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<String>> = state
            .store
            .users()
            .await?
            .iter()
            .filter(|u| keep(u))
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
    let mut page = users_view(&state, &auth, None, UserForm::default()).await?;
    page.users.retain(|u| keep(u));
    page.q = q.q.clone();
    page.role_filter = q.role.clone();
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
