//! Reports to the province ("Báo cáo"): a commune's reports and what falls due, a report's
//! page (the computed figures with links to their records, the officer's prose, the annex
//! tables, the downloads, sending with the signed file, the province's comments), the
//! province's review queue, and the province's regimes.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use app::Error;
use app::export::ExportFormat;
use app::reports::{
    DueReport, RegimeRow, ReportEdit, ReportTarget, ReportView, ReportsView, Review, ReviewQueue,
};
use domain::register::RegisterKind;
use domain::report::{
    Annex, CutOff, Deadline, Frequency, Period, Regime, RegimeKind, ReportStatus,
};

use crate::AppState;
use crate::error::{Result, WebError, status_of};
use crate::extract::{Auth, FormData, P, Q};
use crate::routes::dashboard::commune_picker;
use crate::ui::{Ctx, file_download, page_status};

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/reports", get(list))
        .route("/reports/start", post(start))
        .route("/reports/{id}", get(page).post(save))
        .route("/reports/{id}/submit", post(submit))
        .route("/reports/{id}/review", post(review))
        .route("/reports/{id}/export/{format}", get(export))
        .route("/reports/{id}/versions/{seq}/file", get(signed_file))
        .route("/province/reports", get(queue))
        .route("/province/regimes", get(regimes).post(save_regime))
}

#[derive(Deserialize, Default)]
struct CommuneQuery {
    commune: Option<i64>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ListPage {
    ctx: Ctx,
    v: ReportsView,
    error: Option<String>,
}

impl ListPage {
    fn due_label(&self, d: &DueReport) -> String {
        d.label_vi()
    }
    fn period_of(&self, d: &DueReport) -> String {
        d.period.map(|p| p.to_string()).unwrap_or_default()
    }
    /// Whether the report was sent (then "late" means sent after the deadline).
    fn sent(&self, d: &DueReport) -> bool {
        d.report
            .as_ref()
            .is_some_and(|r| r.first_submitted_on.is_some())
    }
    fn entry_of(&self, d: &DueReport) -> String {
        d.entry
            .as_ref()
            .map(|e| e.0.to_string())
            .unwrap_or_default()
    }
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<CommuneQuery>,
) -> Result<Response> {
    render_list(&state, &auth, q.commune, None).await
}

async fn render_list(
    state: &AppState,
    auth: &Auth,
    commune: Option<i64>,
    error: Option<&Error>,
) -> Result<Response> {
    let Some(v) = state.app.reports_of_commune(&auth.user, commune).await? else {
        return commune_picker(state, auth, "/reports", "Chọn xã, phường").await;
    };
    let page = ListPage {
        ctx: Ctx::for_user(state, auth, "Báo cáo công tác đối ngoại").await?,
        v,
        error: error.map(Error::message_vi),
    };
    Ok((page_status(&page.error), Html(page.render()?)).into_response())
}

async fn start(State(state): State<AppState>, auth: Auth, form: FormData) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let commune = form.id("commune").ok_or(WebError::App(Error::NotFound))?;
    let regime = form.id("regime").ok_or(WebError::App(Error::NotFound))?;
    let window = (
        domain::register::parse_date(form.get("from")),
        domain::register::parse_date(form.get("to")),
    );
    let target = match (Period::parse(form.get("period")), form.id("entry"), window) {
        (Ok(p), _, _) => ReportTarget::Period(p),
        (Err(_), Some(e), _) => ReportTarget::Entry(e),
        (Err(_), None, (Some(from), Some(to))) if from <= to => ReportTarget::Window(from, to),
        _ if form.has("from") => {
            let e = Error::invalid(
                "from",
                "Vui lòng nhập từ ngày, đến ngày theo dạng ngày/tháng/năm (từ ngày không sau \
                 đến ngày).",
            );
            return render_list(&state, &auth, Some(commune), Some(&e)).await;
        }
        _ => {
            let e = Error::invalid("period", "Vui lòng chọn kỳ báo cáo.");
            return render_list(&state, &auth, Some(commune), Some(&e)).await;
        }
    };
    match state
        .app
        .start_report(&auth.user, commune, regime, target)
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/reports/{id}")).into_response()),
        Err(e @ Error::Invalid { .. }) => render_list(&state, &auth, Some(commune), Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    ctx: Ctx,
    v: ReportView,
    /// What the officer typed, kept when a save was refused.
    typed: Option<ReportEdit>,
    error: Option<String>,
    submit_error: Option<String>,
    review_error: Option<String>,
    max_mb: usize,
    pdf: bool,
}

impl ReportPage {
    fn number(&self) -> String {
        match &self.typed {
            Some(t) => t.number.clone(),
            None => self.v.content.number.clone(),
        }
    }
    fn text_of(&self, key: &str, stored: &str) -> String {
        match &self.typed {
            Some(t) => t.texts.get(key).cloned().unwrap_or_default(),
            None => stored.to_string(),
        }
    }
    fn long_date(&self, d: &chrono::NaiveDate) -> String {
        app::format::long_date(*d)
    }
    fn vi(&self, d: &chrono::NaiveDate) -> String {
        d.format("%d/%m/%Y").to_string()
    }
    fn status_class(&self) -> &'static str {
        match self.v.status {
            ReportStatus::Accepted => "done",
            ReportStatus::Returned => "late",
            _ => "",
        }
    }
    fn link(&self, a: &app::report_content::AnnexTable, row: &usize) -> Option<String> {
        a.links.get(*row).cloned().flatten()
    }
    fn action_vi(&self, code: &str) -> &'static str {
        match code {
            "returned" => "Trả lại",
            "accepted" => "Tiếp nhận",
            _ => "Ý kiến",
        }
    }
}

async fn render_page(
    state: &AppState,
    auth: &Auth,
    id: i64,
    typed: Option<ReportEdit>,
    failed: Option<(&'static str, &Error)>,
) -> Result<Response> {
    let v = state.app.report_view(&auth.user, id).await?;
    let message = |which: &str| {
        failed
            .filter(|(w, _)| *w == which)
            .map(|(_, e)| e.message_vi())
    };
    let page = ReportPage {
        ctx: Ctx::for_user(state, auth, &format!("Báo cáo {}", v.content.period_label)).await?,
        error: message("save"),
        submit_error: message("submit"),
        review_error: message("review"),
        typed,
        v,
        max_mb: state.app.config().limits.max_file_bytes / (1024 * 1024),
        pdf: ExportFormat::parse("pdf").is_some(),
    };
    let status = match failed {
        Some((_, e)) => status_of(e),
        None => axum::http::StatusCode::OK,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, P(id): P<i64>) -> Result<Response> {
    render_page(&state, &auth, id, None, None).await
}

async fn save(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let texts: BTreeMap<String, String> = form
        .fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("text_")?.to_string(), v.clone())))
        .collect();
    let edit = ReportEdit {
        number: form.get("number").to_string(),
        texts,
        version: form.id("version").unwrap_or(0),
    };
    match state.app.save_report(&auth.user, id, edit.clone()).await {
        Ok(_) => Ok(Redirect::to(&format!("/reports/{id}?saved=report")).into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_page(&state, &auth, id, Some(edit), Some(("save", &e))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    match state
        .app
        .submit_report(
            &auth.user,
            form.key().as_ref(),
            id,
            form.id("version").unwrap_or(0),
            form.file.clone(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/reports/{id}?saved=report_sent")).into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_page(&state, &auth, id, None, Some(("submit", &e))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn review(
    State(state): State<AppState>,
    auth: Auth,
    P(id): P<i64>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let comment = form.get("comment").to_string();
    let decision = match form.get("decision") {
        "accept" => Review::Accept(comment),
        _ => Review::Return(comment),
    };
    match state
        .app
        .review_report(&auth.user, id, form.id("version").unwrap_or(0), decision)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/reports/{id}?saved=report_reviewed")).into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_page(&state, &auth, id, None, Some(("review", &e))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn export(
    State(state): State<AppState>,
    auth: Auth,
    P((id, format)): P<(i64, String)>,
) -> Result<Response> {
    let content = state.app.report_content(&auth.user, id, None).await?;
    if format == "json" {
        return Ok(axum::Json(content).into_response());
    }
    let format = ExportFormat::parse(&format).ok_or(WebError::App(Error::NotFound))?;
    let out = state.app.render_report(content, format).await?;
    Ok(file_download(&out.filename, out.content_type, out.bytes))
}

async fn signed_file(
    State(state): State<AppState>,
    auth: Auth,
    P((id, seq)): P<(i64, i64)>,
) -> Result<Response> {
    let (name, ct, bytes) = state.app.report_file(&auth.user, id, seq).await?;
    Ok(file_download(&name, &ct, bytes))
}

#[derive(Template)]
#[template(path = "report_queue.html")]
struct QueuePage {
    ctx: Ctx,
    q: ReviewQueue,
}

impl QueuePage {
    fn groups(&self) -> Vec<(&'static str, &Vec<app::ReportRow>)> {
        vec![
            ("Chờ xem xét", &self.q.waiting),
            ("Đã trả lại, chờ xã, phường gửi lại", &self.q.returned),
            ("Đã tiếp nhận", &self.q.accepted),
        ]
    }
}

async fn queue(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let q = state.app.review_queue(&auth.user).await?;
    let page = QueuePage {
        ctx: Ctx::for_user(&state, &auth, "Báo cáo của các xã, phường").await?,
        q,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "regimes.html")]
struct RegimesPage {
    ctx: Ctx,
    province: i64,
    rows: Vec<RegimeRow>,
    can_manage: bool,
    error: Option<String>,
    frequencies: Vec<Frequency>,
    registers: Vec<RegisterKind>,
    annexes: Vec<Annex>,
}

impl RegimesPage {
    fn deadline_days(&self, r: &Regime) -> u16 {
        match r.deadline {
            Deadline::WorkingDaysAfterCutOff(n) | Deadline::DaysAfterEvent(n) => n,
        }
    }
    fn has_annex(&self, r: &Regime, a: &Annex) -> bool {
        r.annexes.contains(a)
    }
    fn outline(&self, r: &Regime) -> Vec<domain::report::OutlineChoice> {
        domain::report::outline_choices(r.kind, r.event_register, &r.outline)
    }
}

#[derive(Deserialize, Default)]
struct ProvinceQuery {
    province: Option<i64>,
}

async fn regimes(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<ProvinceQuery>,
) -> Result<Response> {
    render_regimes(&state, &auth, q.province, None).await
}

async fn render_regimes(
    state: &AppState,
    auth: &Auth,
    province: Option<i64>,
    error: Option<&Error>,
) -> Result<Response> {
    let province = province
        .or(auth.user.province_id)
        .ok_or(WebError::App(Error::NotFound))?;
    let rows = state.app.regimes(&auth.user, province).await?;
    let page = RegimesPage {
        ctx: Ctx::for_user(state, auth, "Chế độ báo cáo").await?,
        province,
        rows,
        can_manage: auth.user.actor().can_manage_regimes(province),
        error: error.map(Error::message_vi),
        frequencies: Frequency::PERIODIC.to_vec(),
        registers: RegisterKind::ALL.to_vec(),
        annexes: Annex::ALL.to_vec(),
    };
    Ok((page_status(&page.error), Html(page.render()?)).into_response())
}

/// A regime as the province officer's form gives it.
fn regime_of_form(form: &FormData) -> std::result::Result<(Regime, bool), Error> {
    let kind = RegimeKind::parse(form.get("kind")).unwrap_or(RegimeKind::Periodic);
    let days: u16 =
        form.get("days").trim().parse().map_err(|_| {
            Error::invalid("days", "Thời hạn gửi phải là một số ngày (từ 1 đến 90).")
        })?;
    if !(1..=90).contains(&days) {
        return Err(Error::invalid(
            "days",
            "Thời hạn gửi phải từ 1 đến 90 ngày.",
        ));
    }
    let register = RegisterKind::parse(form.get("register"));
    let (frequency, deadline) = match kind {
        RegimeKind::Event => (Frequency::OnEvent, Deadline::DaysAfterEvent(days)),
        RegimeKind::AdHoc => (Frequency::AdHoc, Deadline::WorkingDaysAfterCutOff(days)),
        _ => (
            Frequency::parse(form.get("frequency")).unwrap_or(Frequency::SixMonths),
            Deadline::WorkingDaysAfterCutOff(days),
        ),
    };
    // The outline as the form gives it: each default heading renamed, the optional ones
    // kept when ticked; a form without the outline (a new regime) takes the default.
    let with_outline = form.has("heading_0");
    let outline = domain::report::outline_choices(kind, register, &[])
        .into_iter()
        .enumerate()
        .filter(|(i, c)| !with_outline || !c.optional || form.has(&format!("keep_{i}")))
        .map(|(i, c)| domain::report::OutlineItem {
            heading: if with_outline {
                form.get(&format!("heading_{i}")).to_string()
            } else {
                c.default.heading.clone()
            },
            ..c.default
        })
        .collect();
    let annexes: Vec<Annex> = Annex::ALL
        .into_iter()
        .filter(|a| form.all("annex").any(|x| x == a.number()))
        .collect();
    Ok((
        Regime {
            code: String::new(),
            name: form.get("name").to_string(),
            kind,
            frequency,
            cut_off: CutOff::parse(form.get("cut_off")).unwrap_or(CutOff::Decree09),
            deadline,
            event_register: register.filter(|_| kind == RegimeKind::Event),
            receiver: form.get("receiver").to_string(),
            outline,
            annexes,
        },
        form.has("active"),
    ))
}

async fn save_regime(
    State(state): State<AppState>,
    auth: Auth,
    Q(q): Q<ProvinceQuery>,
    form: FormData,
) -> Result<Response> {
    auth.check_csrf(form.get("csrf"))?;
    let province = q
        .province
        .or(auth.user.province_id)
        .ok_or(WebError::App(Error::NotFound))?;
    let result = match regime_of_form(&form) {
        Ok((regime, active)) => {
            state
                .app
                .save_regime(
                    &auth.user,
                    province,
                    form.id("id"),
                    form.id("version").unwrap_or(0),
                    regime,
                    active,
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!(
            "/province/regimes?province={province}&saved=regime"
        ))
        .into_response()),
        Err(e @ (Error::Invalid { .. } | Error::Conflict(_))) => {
            render_regimes(&state, &auth, Some(province), Some(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}
