//! Plans: list, the "new plan" page and its five ways (upload with review, from the
//! province's plan with review, copy, blank; amendment on the plan page), the plan page and
//! its lifecycle, discarding and restoring a draft, sections, tasks added, files and
//! exports. Each handler reads the form, calls one use case, and shows its result; a refused
//! form comes back with the message and everything typed.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::plan::{PlanStatus, PlanTitle};
use domain::text::{SectionText, TaskText};
use domain::{PlanYear, Timeframe};
use serde::Deserialize;

use app::export::ExportFormat;
use app::import::Review;
use app::plans::{ImportChoices, NewPlanView, PlanQuery, PlanView, ReviewView, StatusChange};
use app::tasks::NewTaskInput;
use app::{Error, PageRequest, Plan, PlanSort, Section, SortKey};

use crate::AppState;
use crate::error::{Result, WebError};
use crate::extract::{Auth, FormData, P, Q};
use crate::routes::dashboard::commune_picker;
use crate::ui::csv::csv_response;
use crate::ui::{
    Ctx, ListLink, Pager, SortSelect, capitalise, file_download, page_status, short_date,
};

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/plans", get(list))
        .route("/plans/new", get(new_form))
        .route("/plans/import", post(import_upload))
        .route("/plans/import/confirm", post(import_confirm))
        .route("/plans/blank", post(create_blank))
        .route("/plans/from-province/{id}", post(from_province))
        .route("/plans/{id}", get(view))
        .route("/plans/{id}/copy", post(copy))
        .route("/plans/{id}/status", post(change_status))
        .route("/plans/{id}/discard", post(discard))
        .route("/plans/{id}/restore", post(restore))
        .route("/plans/{id}/files/{file}", get(download_file))
        .route(
            "/plans/{id}/sections/{section}",
            get(section_form).post(section_save),
        )
        .route("/plans/{id}/export/{format}", get(export))
        .route("/plans/{id}/sections", post(section_add))
        .route("/plans/{id}/tasks", post(task_add))
        .route("/admin/discarded", get(discarded))
}

/// What a refused form sent, shown again in its fields.
#[derive(Debug, Clone, Default)]
pub struct Kept(Vec<(String, String)>);

impl Kept {
    pub fn of(form: &FormData) -> Kept {
        Kept(
            form.fields
                .iter()
                .filter(|(k, _)| k != "csrf" && k != "form_token")
                .cloned()
                .collect(),
        )
    }
    /// The value typed in `name` ("" when none).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
    /// Whether `name` was sent (a checkbox ticked).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
    /// Which form of the page was sent (its `form` field).
    pub fn is(&self, form: &str) -> bool {
        self.get("form") == form
    }
}

/// Whether an error is one a form shows beside its fields.
fn form_error(e: &Error) -> bool {
    matches!(e, Error::Invalid { .. } | Error::Conflict(_))
}

#[derive(Template)]
#[template(path = "plans.html")]
struct ListPage {
    ctx: Ctx,
    commune_name: String,
    commune_id: i64,
    plans: Vec<Plan>,
    pager: Pager,
    q: String,
    status: String,
    statuses: Vec<PlanStatus>,
    sort: SortSelect,
    can_edit: bool,
    discarded: bool,
    is_admin: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
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

async fn list(State(state): State<AppState>, auth: Auth, Q(q): Q<ListQuery>) -> Result<Response> {
    plan_list(&state, &auth, q, false).await
}

async fn discarded(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<ListQuery>,
) -> Result<Response> {
    plan_list(&state, &auth, q, true).await
}

async fn plan_list(
    state: &AppState,
    auth: &Auth,
    q: ListQuery,
    discarded: bool,
) -> Result<Response> {
    let path = if discarded {
        "/admin/discarded"
    } else {
        "/plans"
    };
    if q.commune.is_none() && auth.user.commune_id.is_none() {
        if discarded && !auth.user.actor().can_manage_organisation() {
            return Err(Error::Forbidden.into());
        }
        return commune_picker(state, auth, path, "Chọn xã, phường").await;
    }
    let sort = PlanSort::parse(&q.sort);
    let csv = q.format.as_deref() == Some("csv");
    let query = PlanQuery {
        commune: q.commune,
        query: q.q.clone(),
        status: PlanStatus::parse(&q.status),
        sort: Some(sort),
        discarded,
    };
    let per = state.app.config().limits.per_page;
    let page = (!csv).then(|| PageRequest::new(q.page.unwrap_or(1), per));
    let v = state.app.plans_list(&auth.user, &query, page).await?;
    if csv {
        let rows: Vec<Vec<String>> = v
            .plans
            .rows
            .iter()
            .map(|p| {
                vec![
                    p.year.to_string(),
                    p.title.clone(),
                    p.doc_number.clone().unwrap_or_default(),
                    p.issued_on.as_deref().map(short_date).unwrap_or_default(),
                    p.version.to_string(),
                    p.status.label_vi().to_string(),
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
    let id = v.commune.id.to_string();
    let link = ListLink::new(
        path,
        &[
            ("commune", &id),
            ("q", &q.q),
            ("status", &q.status),
            ("sort", sort.code()),
        ],
    );
    let page = ListPage {
        ctx: Ctx::for_user(
            state,
            auth,
            if discarded {
                "Dự thảo đã hủy"
            } else {
                "Kế hoạch"
            },
        )
        .await?,
        commune_name: capitalise(v.commune.full_name()),
        commune_id: v.commune.id,
        pager: Pager::of(&v.plans, "kế hoạch", link),
        plans: v.plans.rows,
        q: q.q,
        status: q.status,
        statuses: PlanStatus::ALL.to_vec(),
        sort: SortSelect::of(sort),
        can_edit: v.can_edit,
        discarded,
        is_admin: auth.user.actor().can_manage_organisation(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "plan_new.html")]
struct NewPage {
    ctx: Ctx,
    v: NewPlanView,
    error: Option<String>,
    kept: Kept,
}

async fn new_page(
    state: &AppState,
    auth: &Auth,
    error: Option<String>,
    kept: Kept,
) -> Result<Response> {
    let v = state.app.new_plan_view(&auth.user, None).await?;
    let page = NewPage {
        ctx: Ctx::for_user(state, auth, "Tạo kế hoạch").await?,
        v,
        error: error.clone(),
        kept,
    };
    Ok((page_status(&error), Html(page.render()?)).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    new_page(&state, &auth, None, Kept::default()).await
}

#[derive(Template)]
#[template(path = "plan_review.html")]
struct ReviewPage {
    ctx: Ctx,
    v: ReviewView,
    error: Option<String>,
    /// What the officer chose, per task (kept after a refused confirmation).
    rows: Vec<ReviewRow>,
    title: String,
    year: String,
    confirm_same_year: bool,
}

/// One task row of the review form, as read or as the officer left it.
struct ReviewRow {
    reference: String,
    text: String,
    lead_text: Option<String>,
    lead_unit: Option<i64>,
    partners: Vec<(Option<i64>, String)>,
    timeframe: String,
    timeframe_read: String,
    skip: bool,
}

fn review_page(
    ctx: Ctx,
    v: ReviewView,
    error: Option<String>,
    kept: Option<&Kept>,
) -> Result<Response> {
    let rows = v
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let read_tf = t
                .timeframe
                .as_ref()
                .map(|x| x.as_str().to_string())
                .unwrap_or_default();
            match kept {
                Some(k) => ReviewRow {
                    reference: t.reference.clone(),
                    text: k.get(&format!("text_{i}")).to_string(),
                    lead_text: t.lead_text.clone(),
                    lead_unit: k.get(&format!("lead_{i}")).trim().parse().ok(),
                    partners: t.partners.clone(),
                    timeframe: k.get(&format!("timeframe_{i}")).to_string(),
                    timeframe_read: read_tf,
                    skip: k.has(&format!("skip_{i}")),
                },
                None => ReviewRow {
                    reference: t.reference.clone(),
                    text: t.text.clone(),
                    lead_text: t.lead_text.clone(),
                    lead_unit: t.lead_unit,
                    partners: t.partners.clone(),
                    timeframe: read_tf.clone(),
                    timeframe_read: read_tf,
                    skip: false,
                },
            }
        })
        .collect();
    let page = ReviewPage {
        title: kept.map_or_else(|| v.title.clone(), |k| k.get("title").to_string()),
        year: kept.map_or_else(|| v.year.to_string(), |k| k.get("year").to_string()),
        confirm_same_year: kept.is_some_and(|k| k.has("confirm_same_year")),
        ctx,
        rows,
        v,
        error: error.clone(),
    };
    Ok((page_status(&error), Html(page.render()?)).into_response())
}

async fn import_upload(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let Some((filename, bytes)) = form.file.clone() else {
        return new_page(
            &state,
            &auth,
            Some("Vui lòng chọn tệp kế hoạch (.docx, .pdf, .txt hoặc .md).".into()),
            Kept::of(&form),
        )
        .await;
    };
    match state
        .app
        .stage_document(&auth.user, None, &filename, bytes)
        .await
    {
        Ok(v) => {
            let ctx = Ctx::for_user(&state, &auth, "Kiểm tra kế hoạch đọc từ tệp").await?;
            review_page(ctx, v, None, None)
        }
        Err(e) if form_error(&e) => {
            new_page(&state, &auth, Some(e.message_vi()), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn from_province(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state.app.stage_province_plan(&auth.user, id).await {
        Ok(v) => {
            let ctx = Ctx::for_user(&state, &auth, "Kiểm tra kế hoạch đọc từ tệp").await?;
            review_page(ctx, v, None, None)
        }
        Err(e) if form_error(&e) => {
            new_page(&state, &auth, Some(e.message_vi()), Kept::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The officer's review as choices for the use case; a refused field names its task.
fn review_choices(form: &FormData, year: PlanYear) -> std::result::Result<ImportChoices, Error> {
    let tasks = (0..).take_while(|i| form.has(&format!("lead_{i}"))).count();
    let title = form.get("title");
    let title = if title.trim().is_empty() {
        None
    } else {
        Some(PlanTitle::parse(title)?)
    };
    let nth = |i: usize, e: Error| {
        Error::invalid(
            "task",
            format!("Nhiệm vụ thứ {}: {}", i + 1, e.message_vi()),
        )
    };
    let mut review = Review {
        title,
        ..Default::default()
    };
    for i in 0..tasks {
        review.leads.push(form.id(&format!("lead_{i}")));
        let typed = form.get(&format!("timeframe_{i}"));
        let read = form.get(&format!("timeframe_read_{i}"));
        // What the document said is kept as written; what the officer typed must be a time.
        let tf = if typed.trim() == read.trim() {
            Timeframe::as_written(typed)
        } else {
            Timeframe::parse(typed, year).map_err(|e| nth(i, e.into()))?
        };
        review.timeframes.push(tf);
        // A text not sent keeps what was read; an item left out needs none.
        let skip = form.has(&format!("skip_{i}"));
        let text = form.get(&format!("text_{i}"));
        review
            .texts
            .push(if form.has(&format!("text_{i}")) && !skip {
                Some(TaskText::parse(text).map_err(|e| nth(i, e.into()))?)
            } else {
                None
            });
        review.skip.push(skip);
    }
    Ok(ImportChoices {
        year: Some(year),
        review,
        confirm_same_year: form.has("confirm_same_year"),
    })
}

async fn import_confirm(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let token = form.get("staged");
    let done = async {
        let year = PlanYear::parse(form.get("year").trim())?;
        let choices = review_choices(&form, year)?;
        state
            .app
            .confirm_import(&auth.user, token, &choices, form.key().as_ref())
            .await
    }
    .await;
    match done {
        Ok(id) => Ok(Redirect::to(&format!("/plans/{}?saved=plan", id.0)).into_response()),
        Err(e) if form_error(&e) => {
            // The review again, from the server's copy of the file, with every choice kept.
            match state.app.review_view(&auth.user, token).await {
                Ok(v) => {
                    let ctx = Ctx::for_user(&state, &auth, "Kiểm tra kế hoạch đọc từ tệp").await?;
                    review_page(ctx, v, Some(e.message_vi()), Some(&Kept::of(&form)))
                }
                Err(gone) if form_error(&gone) => {
                    new_page(&state, &auth, Some(gone.message_vi()), Kept::default()).await
                }
                Err(other) => Err(other.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

async fn create_blank(
    State(state): State<AppState>,
    auth: Auth,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let year = PlanYear::parse(form.get("year").trim())?;
        state
            .app
            .create_blank(
                &auth.user,
                None,
                year,
                form.has("confirm_same_year"),
                form.key().as_ref(),
            )
            .await
    }
    .await;
    match done {
        Ok(id) => Ok(Redirect::to(&format!("/plans/{}?saved=plan", id.0)).into_response()),
        Err(e) if form_error(&e) => {
            new_page(&state, &auth, Some(e.message_vi()), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn copy(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let year = PlanYear::parse(form.get("year").trim())?;
        state
            .app
            .copy_plan(
                &auth.user,
                id,
                year,
                form.has("confirm_same_year"),
                form.key().as_ref(),
            )
            .await
    }
    .await;
    match done {
        Ok(new) => Ok(Redirect::to(&format!("/plans/{}?saved=plan", new.0)).into_response()),
        Err(e) if form_error(&e) => {
            new_page(&state, &auth, Some(e.message_vi()), Kept::of(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    ctx: Ctx,
    /// Whether this build writes PDF.
    pdf: bool,
    v: PlanView,
    commune_name: String,
    error: Option<String>,
    kept: Kept,
}

impl PlanPage {
    fn file_kind(&self, f: &app::PlanFile) -> &'static str {
        f.kind.label_vi()
    }
}

async fn render_plan(
    state: &AppState,
    auth: &Auth,
    id: i64,
    error: Option<String>,
    kept: Kept,
) -> Result<Response> {
    let v = state.app.plan_view(&auth.user, id).await?;
    let page = PlanPage {
        ctx: Ctx::for_user(state, auth, &v.plan.title).await?,
        commune_name: capitalise(v.commune.full_name()),
        pdf: cfg!(feature = "pdf"),
        v,
        error: error.clone(),
        kept,
    };
    Ok((page_status(&error), Html(page.render()?)).into_response())
}

async fn view(State(state): State<AppState>, auth: Auth, P(id): P<i64>) -> Result<Response> {
    render_plan(&state, &auth, id, None, Kept::default()).await
}

/// Where a plan form goes after the use case: `to` with its "saved" notice, or back to the
/// plan page with the message and what was typed.
async fn plan_form_result<T>(
    state: &AppState,
    auth: &Auth,
    id: i64,
    form: &FormData,
    done: std::result::Result<T, Error>,
    to: impl FnOnce(T) -> String,
) -> Result<Response> {
    match done {
        Ok(v) => Ok(Redirect::to(&to(v)).into_response()),
        Err(e) if form_error(&e) => {
            render_plan(state, auth, id, Some(e.message_vi()), Kept::of(form)).await
        }
        Err(e) => Err(e.into()),
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
) -> std::result::Result<StatusChange, Error> {
    let bad = |field, m: &str| Err(Error::invalid(field, m));
    Ok(match action {
        "submit" => StatusChange::Submit,
        "back_to_draft" => StatusChange::BackToDraft,
        "amend" => StatusChange::Amend,
        "issue" => {
            let Ok(number) = document::model::DocNumber::parse(number.trim()) else {
                return bad(
                    "number",
                    "Số, ký hiệu văn bản chưa đúng (ví dụ: 12/KH-UBND).",
                );
            };
            let Ok(issued_on) = chrono::NaiveDate::parse_from_str(issued_on.trim(), "%Y-%m-%d")
            else {
                return bad("issued_on", "Ngày ban hành chưa đúng.");
            };
            let Some(signed) = signed else {
                return bad("signed", "Vui lòng đính kèm bản đã ký (PDF hoặc DOCX).");
            };
            StatusChange::Issue {
                number,
                issued_on,
                signed,
            }
        }
        _ => return bad("action", "Thao tác không hợp lệ."),
    })
}

async fn change_status(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let change = status_change(
            form.get("action"),
            form.get("number"),
            form.get("issued_on"),
            form.file.clone(),
        )?;
        state
            .app
            .change_status(&auth.user, id, change, form.key().as_ref())
            .await
    }
    .await;
    // A plan the user may not see stays hidden behind 403, whatever the form said: the plan
    // page (shown with an input error) checks it again.
    plan_form_result(&state, &auth, id, &form, done, |next| {
        format!("/plans/{}?saved=status", next.0)
    })
    .await
}

async fn discard(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = state
        .app
        .discard_plan(&auth.user, id, form.key().as_ref())
        .await;
    match done {
        Ok(()) => Ok(Redirect::to("/plans?saved=discarded").into_response()),
        Err(e) if form_error(&e) => {
            render_plan(&state, &auth, id, Some(e.message_vi()), Kept::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn restore(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let id = state
        .app
        .restore_plan(&auth.user, id, form.key().as_ref())
        .await?;
    Ok(Redirect::to(&format!("/plans/{}?saved=restored", id.0)).into_response())
}

async fn section_add(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let text = SectionText::parse(form.get("label"), form.get("title"), form.get("body"))?;
        state
            .app
            .add_section(
                &auth.user,
                id,
                form.id("parent"),
                &text,
                form.key().as_ref(),
            )
            .await
    }
    .await;
    plan_form_result(&state, &auth, id, &form, done, |sid| {
        format!("/plans/{id}?saved=section#section-{sid}")
    })
    .await
}

async fn task_add(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let done = async {
        let input = NewTaskInput {
            section: form.id("section"),
            text: TaskText::parse(form.get("text"))?,
            lead: form.id("lead"),
            timeframe: form.get("timeframe").to_string(),
        };
        state
            .app
            .add_task(&auth.user, id, input, form.key().as_ref())
            .await
    }
    .await;
    plan_form_result(&state, &auth, id, &form, done, |tid| {
        format!("/tasks/{}?saved=task", tid.0)
    })
    .await
}

async fn download_file(
    State(state): State<AppState>,
    auth: Auth,
    P((id, file)): P<(i64, i64)>,
) -> Result<Response> {
    let (name, ct, bytes) = state.app.plan_file(&auth.user, id, file).await?;
    Ok(file_download(&name, &ct, bytes))
}

/// The plan written as an official document: `docx`, `pdf` (when built with the PDF
/// engine) or `xlsx` (the task table).
async fn export(
    State(state): State<AppState>,
    auth: Auth,
    P((id, format)): P<(i64, String)>,
) -> Result<Response> {
    let format = ExportFormat::parse(&format).ok_or(WebError::App(Error::NotFound))?;
    let out = state.app.export_plan(&auth.user, id, format).await?;
    Ok(file_download(&out.filename, out.content_type, out.bytes))
}

#[derive(Template)]
#[template(path = "section_edit.html")]
struct SectionPage {
    ctx: Ctx,
    plan: Plan,
    section: Section,
    error: Option<String>,
    /// The text stored by someone else meanwhile, when the save was refused for it.
    theirs: Option<String>,
}

async fn section_form(
    State(state): State<AppState>,
    auth: Auth,
    P((id, section)): P<(i64, i64)>,
) -> Result<Html<String>> {
    let (plan, section) = state.app.editable_section(&auth.user, id, section).await?;
    let page = SectionPage {
        ctx: Ctx::for_user(&state, &auth, "Sửa mục của kế hoạch").await?,
        plan,
        section,
        error: None,
        theirs: None,
    };
    Ok(Html(page.render()?))
}

async fn section_save(
    State(state): State<AppState>,
    auth: Auth,
    P((id, section)): P<(i64, i64)>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let version = form.id("version");
    let done = async {
        let text = SectionText::parse(form.get("label"), form.get("title"), form.get("body"))?;
        state
            .app
            .update_section(&auth.user, id, section, &text, version, form.key().as_ref())
            .await
    }
    .await;
    match done {
        Ok(_) => Ok(
            Redirect::to(&format!("/plans/{id}?saved=section#section-{section}")).into_response(),
        ),
        Err(e) if form_error(&e) => {
            let (plan, mut current) = state.app.editable_section(&auth.user, id, section).await?;
            let theirs = match &e {
                Error::Conflict(c) => c.theirs.clone(),
                _ => None,
            };
            // Keep what the officer typed; after a conflict, the form saves over the version
            // now stored once they have compared.
            if let (None, Some(v)) = (&theirs, version) {
                current.version = v;
            }
            current.label = form.get("label").to_string();
            current.title = form.get("title").to_string();
            current.body = form.get("body").to_string();
            let page = SectionPage {
                ctx: Ctx::for_user(&state, &auth, "Sửa mục của kế hoạch").await?,
                plan,
                section: current,
                error: Some(e.message_vi()),
                theirs,
            };
            Ok((crate::error::status_of(&e), Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
