//! The registers ("Sổ theo dõi"): the overview of the twelve registers with their counts, a
//! register's list with its filters, figures and CSV, the form of a new entry, an entry's
//! page (values, state, edit form, history), and the log of reads of personal data. Every
//! page is drawn from the register's definition: no register has a template of its own.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::register::{Entry, EntryState, Field, FieldType, Register, RegisterKind, parse_date};
use serde::Deserialize;

use app::registers::{EntryInput, EntryQuery, EntrySummary, EntryView, Figures, RegisterCount};
use app::tasks::TaskQuery;
use app::{EntrySort, Error, PageRequest, PersonalReadRow, SortKey, Unit};

use crate::AppState;
use crate::error::{Result, status_of};
use crate::extract::{Auth, FormData, P, Q};
use crate::routes::dashboard::commune_picker;
use crate::ui::csv::csv_response;
use crate::ui::{Ctx, ListLink, Pager, SortSelect, short_date};

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/registers", get(overview))
        .route("/registers/log", get(personal_log))
        .route("/registers/{slug}", get(list).post(create))
        .route("/registers/{slug}/new", get(new_form))
        .route("/registers/{slug}/import", get(import_form).post(import))
        .route("/registers/{slug}/export", get(export))
        .route("/registers/{slug}/{id}", get(entry_page).post(update))
        .route(
            "/registers/{slug}/{id}/files",
            axum::routing::post(attach_file),
        )
        .route("/registers/{slug}/{id}/files/{file}", get(download_file))
        .route(
            "/registers/{slug}/{id}/files/{file}/remove",
            axum::routing::post(remove_file),
        )
}

fn kind_of(slug: &str) -> Result<RegisterKind> {
    RegisterKind::parse(slug).ok_or_else(|| Error::NotFound.into())
}

#[derive(Deserialize, Default)]
struct CommuneQuery {
    commune: Option<i64>,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "registers.html")]
struct OverviewPage {
    ctx: Ctx,
    commune_id: i64,
    commune_name: String,
    registers: Vec<RegisterCount>,
    can_view_log: bool,
}

async fn overview(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    let Some(v) = state.app.registers_overview(&auth.user, q.commune).await? else {
        return commune_picker(&state, &auth, "/registers", "Chọn xã, phường").await;
    };
    let page = OverviewPage {
        ctx: Ctx::for_user(&state, &auth, "Sổ theo dõi").await?,
        commune_id: v.commune.id,
        commune_name: app::format::capitalise(&v.commune.full_name()),
        can_view_log: auth.user.actor().can_view_personal_log(v.commune.scope()),
        registers: v.registers,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default, Clone)]
struct ListQuery {
    commune: Option<i64>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    country: String,
    due: Option<String>,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    format: Option<String>,
}

/// A column of a register list: the field and its heading.
struct Column {
    key: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "register_list.html")]
struct ListPage {
    ctx: Ctx,
    register: &'static Register,
    commune_id: i64,
    q: ListQuery,
    states: Vec<EntryState>,
    sort: SortSelect,
    pager: Pager,
    entries: Vec<EntrySummary>,
    columns: Vec<Column>,
    figures: Figures,
    can_record: bool,
    error: Option<String>,
}

impl ListPage {
    fn cell(&self, e: &EntrySummary, key: &str) -> String {
        e.cell(key)
    }
}

/// The columns a list shows besides the name: the window and end dates, the countries and
/// the number of people, when the register has them.
fn list_columns(r: &'static Register) -> Vec<Column> {
    let roles = r.roles;
    [roles.window, roles.end, roles.countries, roles.members]
        .into_iter()
        .flatten()
        .filter(|k| !r.title.contains(k))
        .filter_map(|k| r.field(k))
        .map(|f| Column {
            key: f.key,
            label: f.label,
        })
        .collect()
}

fn date_param(s: &str) -> std::result::Result<Option<chrono::NaiveDate>, Error> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_date(s).map(Some).ok_or_else(|| {
        Error::invalid(
            "from",
            format!(
                "“{}” không phải là ngày (ghi theo dạng ngày/tháng/năm).",
                s.trim()
            ),
        )
    })
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    Q(q): Q<ListQuery>,
) -> Result<Response> {
    let kind = kind_of(&slug)?;
    if q.commune.is_none() && auth.user.commune_id.is_none() {
        return commune_picker(
            &state,
            &auth,
            &format!("/registers/{slug}"),
            "Chọn xã, phường",
        )
        .await;
    }
    let sort = EntrySort::parse(&q.sort);
    let csv = q.format.as_deref() == Some("csv");
    let (from, to, error) = match (date_param(&q.from), date_param(&q.to)) {
        (Ok(f), Ok(t)) => (f, t, None),
        (Err(e), _) | (_, Err(e)) => (None, None, Some(e.message_vi())),
    };
    let query = EntryQuery {
        commune: q.commune,
        state: EntryState::parse(&q.state),
        from,
        to,
        query: q.q.clone(),
        country: domain::register::country(&q.country).map(|c| c.alpha2.to_string()),
        only_due: q.due.is_some(),
        sort: Some(sort),
        // The page shows the columns only; the CSV every value.
        without_values: !csv,
    };
    let per = state.app.config().limits.per_page;
    let page = (!csv).then(|| PageRequest::new(q.page.unwrap_or(1), per));
    let v = state
        .app
        .register_list(&auth.user, kind, &query, page)
        .await?;
    if csv {
        return Ok(entries_csv(v.register, &v.entries.rows));
    }
    let id = v.commune.id.to_string();
    let due = if q.due.is_some() { "1" } else { "" };
    let link = ListLink::new(
        &format!("/registers/{slug}"),
        &[
            ("commune", &id),
            ("q", &q.q),
            ("state", &q.state),
            ("from", &q.from),
            ("to", &q.to),
            ("country", &q.country),
            ("due", due),
            ("sort", sort.code()),
        ],
    );
    let page = ListPage {
        ctx: Ctx::for_user(&state, &auth, v.register.short).await?,
        register: v.register,
        commune_id: v.commune.id,
        states: v
            .register
            .states
            .iter()
            .copied()
            .chain(
                [EntryState::Cancelled, EntryState::Withdrawn]
                    .into_iter()
                    .filter(|s| v.register.transitions.iter().any(|t| t.1 == *s)),
            )
            .collect(),
        sort: SortSelect::of(sort),
        pager: Pager::of(&v.entries, v.register.noun, link),
        entries: v.entries.rows,
        columns: list_columns(v.register),
        figures: v.figures,
        can_record: v.can_record,
        q,
        error,
    };
    let status = crate::ui::page_status(&page.error);
    Ok((status, Html(page.render()?)).into_response())
}

/// A register list as CSV: the register's non-personal fields, its state and due item.
fn entries_csv(r: &'static Register, rows: &[EntrySummary]) -> Response {
    let fields: Vec<&Field> = r.fields.iter().filter(|f| !f.personal).collect();
    let mut headings: Vec<&str> = fields.iter().map(|f| f.label).collect();
    headings.extend(["Trạng thái", "Hạn việc cần làm", "Việc cần làm"]);
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|e| {
            let mut row: Vec<String> = fields.iter().map(|f| e.entry.shown(f.key)).collect();
            row.push(e.state.label_vi().to_string());
            row.push(e.due.as_ref().map(|d| short_date(&d.0)).unwrap_or_default());
            row.push(e.due.as_ref().map(|d| d.1.clone()).unwrap_or_default());
            row
        })
        .collect();
    csv_response(&format!("so-{}.csv", r.slug), &headings, &data)
}

/// One input of an entry form, drawn from its field's declaration.
pub(crate) struct Input {
    pub name: String,
    pub label: &'static str,
    /// text, textarea, select, checkbox, country, countries, date, number.
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(&'static str, &'static str)>,
    pub required: bool,
    pub personal: bool,
    pub hint: String,
    pub error: Option<String>,
}

fn hint(f: &Field) -> String {
    match f.ty {
        FieldType::Date => "Ngày/tháng/năm, ví dụ 05/03/2026.".into(),
        FieldType::Money => "Số đồng, ví dụ 12.500.000.".into(),
        FieldType::Countries => {
            "Tên các nước, cách nhau bằng dấu phẩy, theo thứ tự lộ trình.".into()
        }
        FieldType::People(cols) => format!(
            "Mỗi người một dòng: {} (cách nhau bằng dấu chấm phẩy).",
            cols.join("; ")
        ),
        FieldType::Disbursements => "Mỗi lần giải ngân một dòng: ngày; số tiền (đồng).".into(),
        FieldType::Link => "Bắt đầu bằng https:// hoặc http://".into(),
        _ => String::new(),
    }
}

/// The form's inputs: what was typed (after a refusal), or the stored entry, or empty.
fn inputs(
    r: &'static Register,
    entry: Option<&Entry>,
    typed: Option<&FormData>,
    errors: &[(&'static str, String)],
    personal_allowed: bool,
) -> Vec<Input> {
    r.fields
        .iter()
        .filter(|f| personal_allowed || !f.personal)
        .map(|f| {
            let name = format!("f_{}", f.key);
            let value = match (typed, entry) {
                (Some(form), _) => form.get(&name).to_string(),
                (None, Some(e)) => e.get(f.key).map(|v| v.typed(f.ty)).unwrap_or_default(),
                (None, None) => String::new(),
            };
            let (kind, options) = match f.ty {
                FieldType::LongText | FieldType::People(_) | FieldType::Disbursements => {
                    ("textarea", Vec::new())
                }
                FieldType::Choice(list) => {
                    ("select", list.iter().map(|c| (c.code, c.label)).collect())
                }
                FieldType::Flag => ("checkbox", Vec::new()),
                FieldType::Country => ("country", Vec::new()),
                FieldType::Countries => ("countries", Vec::new()),
                FieldType::Date => ("date", Vec::new()),
                FieldType::Count | FieldType::Money | FieldType::Year => ("number", Vec::new()),
                FieldType::Text | FieldType::Link => ("text", Vec::new()),
            };
            let value = if f.ty == FieldType::Flag {
                match value.as_str() {
                    "Có" | "có" | "1" | "on" => "1".to_string(),
                    _ => String::new(),
                }
            } else {
                value
            };
            Input {
                name,
                label: f.label,
                kind,
                value,
                options,
                required: f.required,
                personal: f.personal,
                hint: hint(f),
                error: errors.iter().find(|e| e.0 == f.key).map(|e| e.1.clone()),
            }
        })
        .collect()
}

/// The values of a submitted entry form, by field key.
fn values_of(r: &'static Register, form: &FormData) -> BTreeMap<String, String> {
    r.fields
        .iter()
        .filter_map(|f| {
            let name = format!("f_{}", f.key);
            form.has(&name)
                .then(|| (f.key.to_string(), form.get(&name).to_string()))
                .or_else(|| (f.ty == FieldType::Flag).then(|| (f.key.to_string(), String::new())))
        })
        .collect()
}

fn input_of(form: &FormData) -> EntryInput {
    let task = form.id("task");
    EntryInput {
        values: BTreeMap::new(),
        state: EntryState::parse(form.get("state")),
        task,
        unplanned: task.is_none(),
        unit: form.id("unit"),
        version: form.id("version"),
    }
}

/// The commune a form records in, when the user may record entries there (the new-entry
/// and import pages are not shown to those who may only read).
async fn recording_commune(
    state: &AppState,
    auth: &Auth,
    commune: Option<i64>,
) -> Result<app::Commune> {
    let commune = state
        .app
        .commune_in_view(&auth.user, commune)
        .await?
        .ok_or(Error::NotFound)?;
    if !auth
        .user
        .actor()
        .can_record_entries(commune.scope(), auth.user.unit_id)
    {
        return Err(Error::Forbidden.into());
    }
    Ok(commune)
}

/// The tasks an entry may be linked to, and the commune's units.
async fn links(
    state: &AppState,
    auth: &Auth,
    commune: i64,
) -> Result<(Vec<(i64, String)>, Vec<Unit>)> {
    let q = TaskQuery {
        commune: Some(commune),
        ..TaskQuery::default()
    };
    let v = state.app.tasks_list(&auth.user, &q, None).await?;
    let tasks = v
        .tasks
        .rows
        .iter()
        .map(|t| {
            let text: String = t.text.chars().take(120).collect();
            (t.id, format!("{} · {} {}", t.plan_year, t.ref_label, text))
        })
        .collect();
    Ok((tasks, v.units))
}

#[derive(Template)]
#[template(path = "entry_new.html")]
struct NewPage {
    ctx: Ctx,
    register: &'static Register,
    commune_id: i64,
    inputs: Vec<Input>,
    states: Vec<EntryState>,
    state: String,
    tasks: Vec<(i64, String)>,
    task: Option<i64>,
    units: Vec<Unit>,
    unit: Option<i64>,
    choose_unit: bool,
    error: Option<String>,
}

async fn render_new(
    state: &AppState,
    auth: &Auth,
    kind: RegisterKind,
    commune: Option<i64>,
    failed: Option<(&Error, &FormData)>,
) -> Result<Response> {
    let r = kind.def();
    let commune = recording_commune(state, auth, commune).await?;
    let (tasks, units) = links(state, auth, commune.id).await?;
    let errors = failed
        .map(|(e, _)| e.field_messages().to_vec())
        .unwrap_or_default();
    let page = NewPage {
        ctx: Ctx::for_user(state, auth, r.short).await?,
        register: r,
        commune_id: commune.id,
        inputs: inputs(r, None, failed.map(|f| f.1), &errors, true),
        states: r.states.to_vec(),
        state: failed
            .map(|f| f.1.get("state").to_string())
            .unwrap_or_default(),
        task: failed.and_then(|f| f.1.id("task")),
        unit: failed.and_then(|f| f.1.id("unit")),
        choose_unit: auth.user.role != domain::access::Role::UnitStaff,
        tasks,
        units,
        error: failed.map(|(e, _)| e.message_vi()),
    };
    let status = failed.map_or(axum::http::StatusCode::OK, |(e, _)| status_of(e));
    Ok((status, Html(page.render()?)).into_response())
}

async fn new_form(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    let kind = kind_of(&slug)?;
    render_new(
        &state,
        &auth,
        kind,
        q.commune.or(auth.user.commune_id),
        None,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let kind = kind_of(&slug)?;
    let r = kind.def();
    let commune = form.id("commune").or(auth.user.commune_id);
    let mut input = input_of(&form);
    input.values = values_of(r, &form);
    match state
        .app
        .create_entry(&auth.user, form.key().as_ref(), kind, commune, input)
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/registers/{slug}/{}?saved=entry", id.0)).into_response())
        }
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_new(&state, &auth, kind, commune, Some((&e, &form))).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "entry.html")]
struct EntryPage {
    ctx: Ctx,
    v: EntryView,
    /// (label, shown value, personal) of every field with a value.
    shown: Vec<(&'static str, String, bool)>,
    inputs: Vec<Input>,
    tasks: Vec<(i64, String)>,
    task: Option<i64>,
    units: Vec<Unit>,
    unit: Option<i64>,
    choose_unit: bool,
    error: Option<String>,
    edit_open: bool,
    pager: Pager,
    /// Why the file sent was not attached.
    file_error: Option<String>,
    max_mb: usize,
}

/// What went wrong on an entry's page: its edit form (kept as typed) or its file form.
enum Failed<'a> {
    Edit(&'a Error, &'a FormData),
    File(&'a Error),
}

async fn render_entry(
    state: &AppState,
    auth: &Auth,
    kind: RegisterKind,
    id: i64,
    page: i64,
    failure: Option<Failed<'_>>,
) -> Result<Response> {
    let (failed, file_failed) = match failure {
        Some(Failed::Edit(e, f)) => (Some((e, f)), None),
        Some(Failed::File(e)) => (None, Some(e)),
        None => (None, None),
    };
    let v = state
        .app
        .entry_view(&auth.user, id, PageRequest::new(page, 50))
        .await?;
    if v.register.kind != kind {
        return Err(Error::NotFound.into());
    }
    let r = v.register;
    let shown = r
        .fields
        .iter()
        .filter(|f| v.entry.get(f.key).is_some())
        .map(|f| (f.label, v.entry.shown(f.key), f.personal))
        .collect();
    let (tasks, units) = if v.can_edit {
        links(state, auth, v.commune.id).await?
    } else {
        (Vec::new(), Vec::new())
    };
    let errors = failed
        .map(|(e, _)| e.field_messages().to_vec())
        .unwrap_or_default();
    let link = ListLink::new(&format!("/registers/{}/{id}", r.slug), &[]);
    let page = EntryPage {
        ctx: Ctx::for_user(state, auth, r.short).await?,
        inputs: inputs(
            r,
            Some(&v.entry),
            failed.map(|f| f.1),
            &errors,
            v.personal_shown || !v.personal_hidden,
        ),
        task: failed.map_or(v.task.as_ref().map(|t| t.0), |f| f.1.id("task")),
        unit: failed.map_or(v.unit_id, |f| f.1.id("unit")),
        choose_unit: auth.user.role != domain::access::Role::UnitStaff,
        tasks,
        units,
        error: failed.map(|(e, _)| e.message_vi()),
        edit_open: failed.is_some(),
        pager: Pager::of(&v.history, "thay đổi", link),
        file_error: file_failed.map(Error::message_vi),
        max_mb: state.limits.max_file_bytes / (1024 * 1024),
        shown,
        v,
    };
    let status = failed
        .map(|f| f.0)
        .or(file_failed)
        .map_or(axum::http::StatusCode::OK, status_of);
    Ok((status, Html(page.render()?)).into_response())
}

async fn entry_page(
    State(state): State<AppState>,
    auth: Auth,
    P((slug, id)): P<(String, i64)>,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    let kind = kind_of(&slug)?;
    render_entry(&state, &auth, kind, id, q.page.unwrap_or(1), None).await
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    P((slug, id)): P<(String, i64)>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let kind = kind_of(&slug)?;
    let mut input = input_of(&form);
    input.values = values_of(kind.def(), &form);
    match state
        .app
        .update_entry(&auth.user, form.key().as_ref(), kind, id, input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/registers/{slug}/{id}?saved=entry")).into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_entry(&state, &auth, kind, id, 1, Some(Failed::Edit(&e, &form))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn attach_file(
    State(state): State<AppState>,
    auth: Auth,
    P((slug, id)): P<(String, i64)>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let kind = kind_of(&slug)?;
    match state
        .app
        .attach_entry_file(&auth.user, form.key().as_ref(), kind, id, form.file.clone())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/registers/{slug}/{id}?saved=file#files")).into_response())
        }
        Err(e @ Error::Invalid { .. }) => {
            render_entry(&state, &auth, kind, id, 1, Some(Failed::File(&e))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_file(
    State(state): State<AppState>,
    auth: Auth,
    P((slug, id, file)): P<(String, i64, i64)>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let kind = kind_of(&slug)?;
    state
        .app
        .remove_entry_file(&auth.user, form.key().as_ref(), kind, id, file)
        .await?;
    Ok(Redirect::to(&format!("/registers/{slug}/{id}?saved=file#files")).into_response())
}

async fn download_file(
    State(state): State<AppState>,
    auth: Auth,
    P((slug, id, file)): P<(String, i64, i64)>,
) -> Result<Response> {
    kind_of(&slug)?;
    let (name, ct, bytes) = state.app.entry_file(&auth.user, id, file).await?;
    Ok(crate::ui::file_download(&name, &ct, bytes))
}

#[derive(Template)]
#[template(path = "personal_log.html")]
struct LogPage {
    ctx: Ctx,
    commune_name: String,
    reads: Vec<PersonalReadRow>,
    pager: Pager,
}

impl LogPage {
    fn register_name(&self, slug: &str) -> &'static str {
        RegisterKind::parse(slug).map_or("", |k| k.def().short)
    }
    fn field_names(&self, r: &PersonalReadRow) -> String {
        if r.purpose == "file" {
            // A file download logs the file's name, not field keys.
            return format!("Tệp “{}”", r.fields);
        }
        let Some(reg) = RegisterKind::parse(&r.register).map(|k| k.def()) else {
            return r.fields.clone();
        };
        r.fields
            .split(',')
            .filter(|k| !k.is_empty())
            .map(|k| reg.field(k).map_or(k, |f| f.label))
            .collect::<Vec<_>>()
            .join("; ")
    }
    fn purpose(&self, p: &str) -> &'static str {
        match p {
            "export" => "Xuất dữ liệu",
            "file" => "Tải tệp đính kèm",
            _ => "Xem",
        }
    }
}

async fn personal_log(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    if q.commune.is_none() && auth.user.commune_id.is_none() {
        return commune_picker(&state, &auth, "/registers/log", "Chọn xã, phường").await;
    }
    let v = state
        .app
        .personal_log(
            &auth.user,
            q.commune,
            PageRequest::new(q.page.unwrap_or(1), 50),
        )
        .await?;
    let id = v.commune.id.to_string();
    let link = ListLink::new("/registers/log", &[("commune", &id)]);
    let page = LogPage {
        ctx: Ctx::for_user(&state, &auth, "Nhật ký truy cập dữ liệu cá nhân").await?,
        commune_name: app::format::capitalise(&v.commune.full_name()),
        pager: Pager::of(&v.reads, "lượt truy cập", link),
        reads: v.reads.rows,
    };
    Ok(Html(page.render()?).into_response())
}

/// One column of the import's review: its heading and what it is read into.
struct MappedColumn {
    heading: String,
    target: String,
}

#[derive(Template)]
#[template(path = "register_import.html")]
struct ImportPage {
    ctx: Ctx,
    register: &'static Register,
    commune_id: i64,
    /// The checked file (base64) and its name, sent back with the confirmation.
    data: String,
    filename: String,
    report: Option<app::register_io::ImportReport>,
    columns: Vec<MappedColumn>,
    error: Option<String>,
}

async fn render_import(
    state: &AppState,
    auth: &Auth,
    kind: RegisterKind,
    commune: Option<i64>,
    checked: Option<(String, String, app::register_io::ImportReport)>,
    error: Option<String>,
) -> Result<Response> {
    let r = kind.def();
    let commune = recording_commune(state, auth, commune).await?;
    let (data, filename, report) = match checked {
        Some((d, f, rep)) => (d, f, Some(rep)),
        None => (String::new(), String::new(), None),
    };
    let columns = report
        .as_ref()
        .map(|rep| {
            rep.headings
                .iter()
                .zip(&rep.mapping)
                .map(|(h, m)| MappedColumn {
                    heading: h.clone(),
                    target: m.map(|t| t.code().to_string()).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let status = if error.is_some() || report.as_ref().is_some_and(|r| !r.errors.is_empty()) {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let page = ImportPage {
        ctx: Ctx::for_user(state, auth, &format!("Nhập {}", r.short)).await?,
        register: r,
        commune_id: commune.id,
        data,
        filename,
        report,
        columns,
        error,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn import_form(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    let kind = kind_of(&slug)?;
    render_import(
        &state,
        &auth,
        kind,
        q.commune.or(auth.user.commune_id),
        None,
        None,
    )
    .await
}

/// The import's two steps on one route: a file (or the file checked before, sent back with
/// the officer's corrections of the columns) is checked, and imported when the officer
/// confirms and nothing is wrong.
async fn import(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD as B64;
    let kind = kind_of(&slug)?;
    let commune = form.id("commune").or(auth.user.commune_id);
    let (filename, bytes) = match &form.file {
        Some((name, bytes)) => (name.clone(), bytes.clone()),
        None => match B64.decode(form.get("data").trim()) {
            Ok(b) if !b.is_empty() => (form.get("filename").to_string(), b),
            _ => {
                return render_import(
                    &state,
                    &auth,
                    kind,
                    commune,
                    None,
                    Some("Vui lòng chọn tệp Excel (.xlsx) của sổ.".into()),
                )
                .await;
            }
        },
    };
    // The columns as the officer set them (after the first check).
    let mapping: Option<Vec<String>> = form.has("map_0").then(|| {
        (0..)
            .map_while(|i| {
                form.has(&format!("map_{i}"))
                    .then(|| form.get(&format!("map_{i}")).to_string())
            })
            .collect()
    });
    let confirm = form.get("action") == "import" && form.file.is_none();
    let who = app::org::Who::User(&auth.user);
    let result = state
        .app
        .import_entries(
            who,
            form.key().as_ref().filter(|_| confirm),
            kind,
            commune,
            &bytes,
            mapping.as_deref(),
            !confirm,
        )
        .await;
    match result {
        Ok(r) if confirm && r.errors.is_empty() && r.created > 0 => {
            let c = commune.map(|c| format!("&commune={c}")).unwrap_or_default();
            Ok(Redirect::to(&format!("/registers/{slug}?saved=import{c}")).into_response())
        }
        Ok(r) => {
            render_import(
                &state,
                &auth,
                kind,
                commune,
                Some((B64.encode(&bytes), filename, r)),
                None,
            )
            .await
        }
        Err(e @ Error::Invalid { .. }) => {
            render_import(&state, &auth, kind, commune, None, Some(e.message_vi())).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn export(
    State(state): State<AppState>,
    auth: Auth,
    P(slug): P<String>,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    let kind = kind_of(&slug)?;
    let (name, bytes) = state
        .app
        .export_entries(&auth.user, kind, q.commune.or(auth.user.commune_id))
        .await?;
    Ok(crate::ui::file_download(
        &name,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}
