//! Plans: list, create (upload with review, copy of last year's, blank skeleton), view,
//! lifecycle (draft → submitted → issued → amended) and section editing.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use domain::PlanYear;
use domain::text::{SectionText, TaskText};
use serde::Deserialize;
use store::{
    AuditEntry, Commune, Plan, PlanFinding, PlanStatus, Section, SourceFindings, TaskRow, Unit,
};

use crate::AppState;
use crate::auth::Auth;
use crate::error::{AppError, Result};
use crate::import::{self, Review};
use crate::ops;
use crate::view::{Ctx, capitalise, commune_in_view, csv_response, short_date};

/// Largest document accepted for import or as a signed file.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(list))
        .route("/plans/new", get(new_form))
        .route("/plans/import", post(import_upload))
        .route("/plans/import/confirm", post(import_confirm))
        .route("/plans/blank", post(create_blank))
        .route("/plans/from-province/{id}", post(from_province))
        .route(
            "/province/plans",
            get(province_plans).post(province_plan_upload),
        )
        .route("/plans/{id}", get(view))
        .route("/plans/{id}/copy", post(copy))
        .route("/plans/{id}/status", post(change_status))
        .route("/plans/{id}/files/{file}", get(download_file))
        .route(
            "/plans/{id}/sections/{section}",
            get(section_form).post(section_save),
        )
        .route("/plans/{id}/export/{format}", get(export))
        .route("/plans/{id}/sections", post(section_add))
        .route("/plans/{id}/tasks", post(task_add))
}

/// Loads a plan and its commune and checks that the user may see it.
pub async fn visible_plan(state: &AppState, auth: &Auth, id: i64) -> Result<(Plan, Commune)> {
    ops::visible_plan(state, &auth.user, id).await
}

/// Where a plan form goes after `done`: to `done`'s page, or back to the plan page with the
/// message beside the forms when the input was refused.
async fn plan_form_result(
    state: &AppState,
    auth: &Auth,
    id: i64,
    done: Result<String>,
) -> Result<Response> {
    match done {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::BadRequest(m)) => render_plan(state, auth, id, Some(m)).await,
        Err(e) => Err(e),
    }
}

async fn editable_commune(state: &AppState, auth: &Auth) -> Result<Commune> {
    let commune = commune_in_view(state, auth, None).await?;
    if !auth.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    Ok(commune)
}

#[derive(Template)]
#[template(path = "plans.html")]
struct ListPage {
    ctx: Ctx,
    commune_name: String,
    commune_id: i64,
    plans: Vec<Plan>,
    paging: crate::view::Paging,
    q: String,
    status: String,
    sort: String,
    can_edit: bool,
}

#[derive(Deserialize, Default)]
struct CommuneQuery {
    commune: Option<i64>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    axum::extract::Query(q): axum::extract::Query<CommuneQuery>,
) -> Result<Response> {
    let commune = commune_in_view(&state, &auth, q.commune).await?;
    let mut plans = state.store.plans_of(commune.id).await?;
    let needle = vntext::fold(q.q.trim());
    plans.retain(|p| {
        (needle.is_empty() || vntext::fold(&p.title).contains(&needle))
            && (q.status.is_empty() || p.status == q.status)
    });
    match q.sort.as_str() {
        "title" => plans.sort_by_key(|p| vntext::fold(&p.title)),
        "updated" => plans.sort_by_key(|p| -p.updated_at),
        "year" => plans.sort_by_key(|p| (p.year, p.version)),
        _ => {}
    }
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<String>> = plans
            .iter()
            .map(|p| {
                vec![
                    p.year.to_string(),
                    p.title.clone(),
                    p.doc_number.clone().unwrap_or_default(),
                    p.issued_on.as_deref().map(short_date).unwrap_or_default(),
                    p.version.to_string(),
                    p.status().label_vi().to_string(),
                ]
            })
            .collect();
        return Ok(csv_response(
            "ke-hoach.csv",
            &[
                "Năm",
                "Trích yếu",
                "Số, ký hiệu",
                "Ngày ban hành",
                "Phiên bản",
                "Trạng thái",
            ],
            &rows,
        ));
    }
    let (plans, paging) = crate::view::paginate(plans, q.page.unwrap_or(1), 50);
    let page = ListPage {
        ctx: Ctx::for_user(&state, &auth, "Kế hoạch").await?,
        commune_name: capitalise(&commune.full_name()),
        commune_id: commune.id,
        plans,
        paging,
        q: q.q.clone(),
        status: q.status.clone(),
        sort: q.sort.clone(),
        can_edit: auth.actor().can_edit_plans(commune.scope()),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "plan_new.html")]
struct NewPage {
    ctx: Ctx,
    plans: Vec<Plan>,
    province_plans: Vec<store::ProvincePlan>,
    next_year: i32,
    error: Option<String>,
}

async fn new_page(state: &AppState, auth: &Auth, error: Option<String>) -> Result<Response> {
    let commune = editable_commune(state, auth).await?;
    let page = NewPage {
        ctx: Ctx::for_user(state, auth, "Tạo kế hoạch").await?,
        plans: state.store.plans_of(commune.id).await?,
        province_plans: state.store.province_plans_of(commune.province_id).await?,
        next_year: chrono::Datelike::year(&state.today()),
        error: error.clone(),
    };
    let status = crate::view::page_status(&error);
    Ok((status, Html(page.render()?)).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    new_page(&state, &auth, None).await
}

/// The fields and the one file of a multipart form; a file over `MAX_FILE_BYTES` is refused.
pub async fn read_multipart(
    mut mp: Multipart,
) -> Result<(HashMap<String, String>, Option<(String, Vec<u8>)>)> {
    let mut fields = HashMap::new();
    let mut file = None;
    let bad = |_| AppError::BadRequest("Không đọc được biểu mẫu gửi lên. Vui lòng gửi lại.".into());
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if let Some(filename) = field.file_name().map(str::to_string) {
            let bytes = field.bytes().await.map_err(bad)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(AppError::BadRequest(format!(
                    "Tệp quá lớn ({} MB). Hệ thống nhận tệp tối đa {} MB.",
                    bytes.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                )));
            }
            if !bytes.is_empty() {
                file = Some((filename, bytes.to_vec()));
            }
        } else {
            let text = field.text().await.map_err(bad)?;
            fields.insert(name, text);
        }
    }
    Ok((fields, file))
}

#[derive(Template)]
#[template(path = "plan_review.html")]
struct ReviewPage {
    ctx: Ctx,
    /// `upload` or `province`: how the plan being reviewed came.
    origin: &'static str,
    filename: String,
    source_b64: String,
    title: String,
    year: i32,
    number: String,
    units: Vec<Unit>,
    tasks: Vec<import::ImportedTask>,
    findings: Vec<lint::Finding>,
    lines: Vec<String>,
    sections: usize,
    warnings: Vec<String>,
}

async fn import_upload(
    State(state): State<AppState>,
    auth: Auth,
    mp: Multipart,
) -> Result<Response> {
    let (fields, file) = read_multipart(mp).await?;
    auth.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let commune = editable_commune(&state, &auth).await?;
    let Some((filename, bytes)) = file else {
        return new_page(
            &state,
            &auth,
            Some("Vui lòng chọn tệp kế hoạch (.docx, .pdf, .txt hoặc .md).".into()),
        )
        .await;
    };
    review_page(&state, &auth, &commune, "upload", filename, bytes).await
}

/// The review page for a document about to become the commune's plan: what was read, the
/// lint findings beside the numbered text, and the units and time frames to confirm.
async fn review_page(
    state: &AppState,
    auth: &Auth,
    commune: &Commune,
    origin: &'static str,
    filename: String,
    bytes: Vec<u8>,
) -> Result<Response> {
    let source_b64 = B64.encode(&bytes);
    let (outcome, units) = match ops::read_document(state, commune, filename.clone(), bytes).await {
        Ok(x) => x,
        Err(AppError::BadRequest(m)) => return new_page(state, auth, Some(m)).await,
        Err(e) => return Err(e),
    };
    let this_year = chrono::Datelike::year(&state.today());
    let (title, year) = if origin == "province" {
        // The commune writes its own plan "Thực hiện" the province's: its own title, and
        // the province plan's year.
        let year = outcome.doc.year.unwrap_or(this_year);
        (format!("Kế hoạch công tác đối ngoại năm {year}"), year)
    } else {
        (
            outcome.doc.title.clone().unwrap_or_default(),
            outcome.doc.year.unwrap_or(this_year),
        )
    };
    let page = ReviewPage {
        ctx: Ctx::for_user(state, auth, "Kiểm tra kế hoạch đọc từ tệp").await?,
        origin,
        filename,
        source_b64,
        title,
        year,
        number: if origin == "province" {
            String::new()
        } else {
            outcome.doc.number.clone().unwrap_or_default()
        },
        units,
        sections: import::flatten_sections(&outcome.doc).0.len(),
        warnings: outcome
            .doc
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect(),
        lines: outcome.text.lines().map(str::to_string).collect(),
        tasks: outcome.tasks,
        findings: outcome.findings,
    };
    Ok(Html(page.render()?).into_response())
}

async fn from_province(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let commune = editable_commune(&state, &auth).await?;
    let (plan, bytes) = state.store.province_plan(id).await?;
    if plan.province_id != commune.province_id {
        return Err(AppError::Forbidden);
    }
    review_page(&state, &auth, &commune, "province", plan.filename, bytes).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

#[derive(Template)]
#[template(path = "province_plans.html")]
struct ProvincePlansPage {
    ctx: Ctx,
    plans: Vec<store::ProvincePlan>,
    error: Option<String>,
}

async fn province_of_officer(auth: &Auth) -> Result<i64> {
    match (auth.user.role, auth.user.province_id) {
        (domain::access::Role::ProvinceOfficer, Some(p)) => Ok(p),
        _ => Err(AppError::Forbidden),
    }
}

async fn render_province_plans(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
) -> Result<Response> {
    let province = province_of_officer(auth).await?;
    let page = ProvincePlansPage {
        ctx: Ctx::for_user(state, auth, "Kế hoạch của tỉnh").await?,
        plans: state.store.province_plans_of(province).await?,
        error: error.clone(),
    };
    let status = crate::view::page_status(&error);
    Ok((status, Html(page.render()?)).into_response())
}

async fn province_plans(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render_province_plans(&state, &auth, None).await
}

/// A province officer uploads the province's plan; it is read to check it is a readable
/// plan and to take its title, number and year.
async fn province_plan_upload(
    State(state): State<AppState>,
    auth: Auth,
    mp: Multipart,
) -> Result<Response> {
    let (fields, file) = read_multipart(mp).await?;
    auth.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let province = province_of_officer(&auth).await?;
    let Some((filename, bytes)) = file else {
        return render_province_plans(
            &state,
            &auth,
            Some("Vui lòng chọn tệp kế hoạch của tỉnh.".into()),
        )
        .await;
    };
    let (b, name) = (bytes.clone(), filename.clone());
    let doc =
        match tokio::task::spawn_blocking(move || document::parse_bytes(&b, Some(&name))).await? {
            Ok(d) => d,
            Err(e) => return render_province_plans(&state, &auth, Some(e.message_vi())).await,
        };
    let year = match doc.year.map(PlanYear::parse) {
        Some(Ok(y)) => y,
        _ => {
            return render_province_plans(
                &state,
                &auth,
                Some("Không xác định được năm của kế hoạch trong văn bản.".into()),
            )
            .await;
        }
    };
    let title = doc.title.clone().unwrap_or_else(|| filename.clone());
    state
        .store
        .create_province_plan(
            auth.user.id,
            province,
            i64::from(year.get()),
            &title,
            doc.number.as_deref(),
            &filename,
            &bytes,
        )
        .await?;
    Ok(Redirect::to("/province/plans").into_response())
}

/// Reads an optional id from a form value ("" = none).
fn form_id(v: Option<&String>) -> Option<i64> {
    v.and_then(|s| s.trim().parse().ok())
}

fn form_year(v: Option<&String>) -> std::result::Result<PlanYear, AppError> {
    PlanYear::parse(v.map(String::as_str).unwrap_or("").trim())
        .map_err(|e| AppError::BadRequest(e.message_vi()))
}

async fn import_confirm(
    State(state): State<AppState>,
    auth: Auth,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let commune = editable_commune(&state, &auth).await?;
    let bytes = B64
        .decode(form.get("source").map(String::as_str).unwrap_or(""))
        .map_err(|_| {
            AppError::BadRequest("Dữ liệu tệp gửi lại bị hỏng. Vui lòng tải tệp lên lại.".into())
        })?;
    let filename = form
        .get("filename")
        .cloned()
        .unwrap_or_else(|| "ke-hoach.txt".into());
    let year = form_year(form.get("year"))?;
    // Leads as chosen on the review page, for every task read; a value that names no unit
    // means "not assigned".
    let tasks = (0..)
        .take_while(|i| form.contains_key(&format!("lead_{i}")))
        .count();
    let units = state.store.units_of(commune.id).await?;
    let leads = (0..tasks)
        .map(|i| {
            form_id(form.get(&format!("lead_{i}"))).filter(|id| units.iter().any(|u| u.id == *id))
        })
        .collect();
    let timeframes = (0..tasks)
        .map(|i| {
            form.get(&format!("timeframe_{i}"))
                .map(|s| vntext::nfc(s.trim()))
                .filter(|s| !s.is_empty())
        })
        .collect();
    let texts = (0..tasks)
        .map(|i| match form.get(&format!("text_{i}")) {
            None => Ok(None),
            Some(t) => TaskText::parse(t).map(Some).map_err(|e| {
                AppError::BadRequest(format!("Nhiệm vụ thứ {}: {}", i + 1, e.message_vi()))
            }),
        })
        .collect::<Result<_>>()?;
    let review = Review {
        title: form
            .get("title")
            .map(|t| vntext::nfc(t.trim()))
            .unwrap_or_default(),
        leads,
        timeframes,
        texts,
        skip: (0..tasks)
            .map(|i| form.contains_key(&format!("skip_{i}")))
            .collect(),
    };
    let origin = match form.get("origin").map(String::as_str) {
        Some("province") => ops::ImportOrigin::Province,
        _ => ops::ImportOrigin::Upload,
    };
    let file = (filename, bytes);
    let id = ops::import_plan(
        &state,
        &auth.user,
        &commune,
        origin,
        file,
        Some(year),
        &review,
    )
    .await?;
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

#[derive(Deserialize)]
struct YearForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
}

async fn create_blank(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<YearForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let commune = editable_commune(&state, &auth).await?;
    let year = match PlanYear::parse(f.year.trim()) {
        Ok(y) => y,
        Err(e) => return new_page(&state, &auth, Some(e.message_vi())).await,
    };
    let id = ops::create_blank(&state, &auth.user, &commune, year).await?;
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

/// Copies a plan into a new draft for another year ([`ops::copy_plan`]).
async fn copy(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<YearForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let year = match PlanYear::parse(f.year.trim()) {
        Ok(y) => y,
        Err(e) => return new_page(&state, &auth, Some(e.message_vi())).await,
    };
    let new_id = ops::copy_plan(&state, &auth.user, id, year).await?;
    Ok(Redirect::to(&format!("/plans/{new_id}")).into_response())
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    ctx: Ctx,
    /// Whether this build writes PDF.
    pdf: bool,
    plan: Plan,
    units: Vec<Unit>,
    error: Option<String>,
    commune_name: String,
    sections: Vec<Section>,
    tasks: Vec<TaskRow>,
    files: Vec<(i64, String, String, i64)>,
    history: Vec<AuditEntry>,
    can_edit: bool,
    can_issue: bool,
    findings: Vec<ShownFinding>,
}

/// A stored finding of the plan's source, as the plan page shows it.
struct ShownFinding {
    severity: lint::Severity,
    line: i64,
    message: String,
    suggestion: Option<String>,
}

impl From<PlanFinding> for ShownFinding {
    fn from(f: PlanFinding) -> ShownFinding {
        ShownFinding {
            // The store's check admits only the codes `Severity::code` writes.
            severity: lint::Severity::parse(&f.severity).unwrap_or(lint::Severity::Info),
            line: f.line,
            message: f.message,
            suggestion: f.suggestion,
        }
    }
}

/// The findings of a plan's source file, as stored when it was imported (checked with the
/// rules and the commune's units of that day, as the officer reviewed them). A source file
/// stored before findings were kept (migration 0007) is checked once, on the plan's first
/// view, with today's rules and units, and its findings stored, so later views read them
/// like any other; a file that no longer reads is stored as checked with no finding rather
/// than read again on every view.
async fn source_findings(
    state: &AppState,
    commune: &Commune,
    plan_id: i64,
) -> Result<Vec<PlanFinding>> {
    let file_id = match state.store.source_findings(plan_id).await? {
        SourceFindings::NoSource => return Ok(Vec::new()),
        SourceFindings::Checked(findings) => return Ok(findings),
        SourceFindings::Unchecked { file_id } => file_id,
    };
    let (name, _, bytes) = state.store.plan_file(plan_id, file_id).await?;
    let units = state.store.units_of(commune.id).await?;
    let findings = tokio::task::spawn_blocking(move || {
        match import::import_document(&bytes, Some(&name), &units) {
            Ok(outcome) => import::findings_to_store(&outcome.findings),
            Err(e) => {
                tracing::warn!(plan_id, file_id, "stored source file no longer reads: {e}");
                Vec::new()
            }
        }
    })
    .await?;
    // `false`: another request stored them meanwhile, from the same file: the same list.
    state.store.store_findings(file_id, &findings).await?;
    Ok(findings)
}

async fn view(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> Result<Response> {
    render_plan(&state, &auth, id, None).await
}

async fn render_plan(
    state: &AppState,
    auth: &Auth,
    id: i64,
    error: Option<String>,
) -> Result<Response> {
    let (plan, commune) = visible_plan(state, auth, id).await?;
    let tasks = state
        .store
        .tasks_of_plan(id, &state.today().to_string())
        .await?;
    let actor = auth.actor();
    let files = state.store.plan_files(id).await?;
    let findings = source_findings(state, &commune, id).await?;
    let page = PlanPage {
        ctx: Ctx::for_user(state, auth, &plan.title).await?,
        commune_name: capitalise(&commune.full_name()),
        sections: state.store.sections_of(id).await?,
        history: state.store.audit_of("plan", id).await?,
        can_edit: actor.can_edit_plans(commune.scope()) && plan.status() == PlanStatus::Draft,
        can_issue: actor.can_issue_plans(commune.scope()),
        files,
        tasks,
        plan,
        findings: findings.into_iter().map(ShownFinding::from).collect(),
        units: state.store.units_of(commune.id).await?,
        pdf: cfg!(feature = "pdf"),
        error: error.clone(),
    };
    let status = crate::view::page_status(&error);
    Ok((status, Html(page.render()?)).into_response())
}

async fn section_add(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response> {
    let get = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
    auth.check_csrf(get("csrf"))?;
    let done = async {
        let text = SectionText::parse(get("label"), get("title"), get("body"))
            .map_err(|e| AppError::BadRequest(e.message_vi().into()))?;
        let parent = get("parent").trim().parse::<i64>().ok();
        let sid = ops::add_section(&state, &auth.user, id, parent, &text).await?;
        Ok(format!("/plans/{id}#section-{sid}"))
    }
    .await;
    plan_form_result(&state, &auth, id, done).await
}

async fn task_add(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response> {
    let get = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
    auth.check_csrf(get("csrf"))?;
    let done = async {
        let text = TaskText::parse(get("text"))
            .map_err(|e| AppError::BadRequest(e.message_vi().into()))?;
        let timeframe = ops::timeframe_text(get("timeframe"))?;
        let section = get("section").trim().parse::<i64>().ok();
        let lead = get("lead").trim().parse::<i64>().ok();
        let tid = ops::add_task(&state, &auth.user, id, section, text, lead, timeframe).await?;
        Ok(format!("/tasks/{tid}"))
    }
    .await;
    plan_form_result(&state, &auth, id, done).await
}

async fn change_status(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response> {
    let (fields, file) = read_multipart(mp).await?;
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
    auth.check_csrf(get("csrf"))?;
    let done = async {
        let change = status_change(get("action"), get("number"), get("issued_on"), file)?;
        let next = ops::change_status(&state, &auth.user, id, change).await?;
        Ok(format!("/plans/{next}"))
    }
    .await;
    match done {
        // A plan the user may not see stays hidden behind 403, whatever the form said.
        Err(AppError::BadRequest(_)) => {
            visible_plan(&state, &auth, id).await?;
            plan_form_result(&state, &auth, id, done).await
        }
        done => plan_form_result(&state, &auth, id, done).await,
    }
}

/// A lifecycle step from its code (`submit`, `back_to_draft`, `issue`, `amend`) and, for
/// `issue`, the number, the date (YYYY-MM-DD) and the signed file. One reading for the
/// pages and the API.
pub fn status_change(
    action: &str,
    number: &str,
    issued_on: &str,
    signed: Option<(String, Vec<u8>)>,
) -> Result<ops::StatusChange> {
    let bad = |m: &str| Err(AppError::BadRequest(m.to_string()));
    Ok(match action {
        "submit" => ops::StatusChange::Submit,
        "back_to_draft" => ops::StatusChange::BackToDraft,
        "amend" => ops::StatusChange::Amend,
        "issue" => {
            let Ok(number) = document::model::DocNumber::parse(number.trim()) else {
                return bad("Số, ký hiệu văn bản chưa đúng (ví dụ: 12/KH-UBND).");
            };
            let Ok(issued_on) = chrono::NaiveDate::parse_from_str(issued_on.trim(), "%Y-%m-%d")
            else {
                return bad("Ngày ban hành chưa đúng.");
            };
            let Some(signed) = signed else {
                return bad("Vui lòng đính kèm bản đã ký (PDF hoặc DOCX).");
            };
            ops::StatusChange::Issue {
                number,
                issued_on,
                signed,
            }
        }
        _ => return bad("Thao tác không hợp lệ."),
    })
}

async fn download_file(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response> {
    visible_plan(&state, &auth, id).await?;
    let (name, ct, bytes) = state.store.plan_file(id, file).await?;
    Ok(file_download(&name, &ct, bytes))
}

/// The plan written as an official document: `docx`, `pdf` (when built with the PDF
/// engine) or `xlsx` (the task table). Rendering runs on the blocking pool.
async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, format)): Path<(i64, String)>,
) -> Result<Response> {
    export_plan(&state, &auth.user, id, &format).await
}

/// A plan `user` may see, written as `format` (`docx`, `pdf`, `xlsx`) and sent as a
/// download; `NotFound` for another format. For the pages and the API.
pub async fn export_plan(
    state: &AppState,
    user: &store::User,
    id: i64,
    format: &str,
) -> Result<Response> {
    let (plan, commune) = ops::visible_plan(state, user, id).await?;
    let province = state.store.province(commune.province_id).await?;
    let sections = state.store.sections_of(id).await?;
    let rows = state
        .store
        .tasks_of_plan(id, &state.today().to_string())
        .await?;
    let mut tasks = Vec::with_capacity(rows.len());
    for r in rows {
        let partners = state.store.task_partners(r.id).await?;
        tasks.push(crate::export::TaskOut {
            reference: r.ref_label,
            text: r.text,
            lead: r.lead_name.or(r.lead_text),
            partners: partners.into_iter().map(|p| p.1).collect(),
            timeframe: r.timeframe,
        });
    }
    let original = state.store.plan_document_json(id).await?;
    let doc = crate::export::document_of(
        &plan,
        &commune,
        &province,
        &sections,
        tasks,
        original.as_deref(),
    );
    let slug: String = vntext::fold(&format!("ke hoach {} {}", plan.year, commune.name))
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let (content_type, bytes) = match format {
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            tokio::task::spawn_blocking(move || render::docx::render(&doc)).await?,
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            tokio::task::spawn_blocking(move || render::xlsx::render(&doc)).await?,
        ),
        #[cfg(feature = "pdf")]
        "pdf" => (
            "application/pdf",
            tokio::task::spawn_blocking(move || render::pdf::render(&doc)).await?,
        ),
        _ => return Err(AppError::NotFound),
    };
    let bytes = bytes.map_err(|e| AppError::Internal(format!("render {format}: {e}")))?;
    Ok(file_download(
        &format!("{slug}.{format}"),
        content_type,
        bytes,
    ))
}

/// A file as an attachment, its name made safe for the header.
pub fn file_download(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "section_edit.html")]
struct SectionPage {
    ctx: Ctx,
    plan: Plan,
    section: Section,
    error: Option<String>,
}

async fn editable_section(
    state: &AppState,
    auth: &Auth,
    id: i64,
    section: i64,
) -> Result<(Plan, Section)> {
    let (plan, commune) = visible_plan(state, auth, id).await?;
    if !auth.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let s = state
        .store
        .sections_of(id)
        .await?
        .into_iter()
        .find(|s| s.id == section)
        .ok_or(AppError::NotFound)?;
    Ok((plan, s))
}

async fn section_form(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, section)): Path<(i64, i64)>,
) -> Result<Html<String>> {
    let (plan, section) = editable_section(&state, &auth, id, section).await?;
    let page = SectionPage {
        ctx: Ctx::for_user(&state, &auth, "Sửa mục của kế hoạch").await?,
        plan,
        section,
        error: None,
    };
    Ok(Html(page.render()?))
}

#[derive(Deserialize)]
struct SectionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

async fn section_save(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, section)): Path<(i64, i64)>,
    Form(f): Form<SectionForm>,
) -> Result<Response> {
    auth.check_csrf(&f.csrf)?;
    let (plan, mut current) = editable_section(&state, &auth, id, section).await?;
    let done = match SectionText::parse(&f.label, &f.title, &f.body) {
        Ok(text) => ops::update_section(&state, &auth.user, id, section, &text).await,
        Err(e) => Err(AppError::BadRequest(e.message_vi().into())),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/plans/{id}#section-{section}")).into_response()),
        Err(AppError::BadRequest(e)) => {
            // Keep what the officer typed.
            current.label = f.label;
            current.title = f.title;
            current.body = f.body;
            let page = SectionPage {
                ctx: Ctx::for_user(&state, &auth, "Sửa mục của kế hoạch").await?,
                plan,
                section: current,
                error: Some(e),
            };
            Ok((StatusCode::BAD_REQUEST, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e),
    }
}
