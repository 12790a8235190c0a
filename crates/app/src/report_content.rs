//! What a report says, computed from the records (issue 11, point 2): the figures of every
//! register for the window and the year to date, the plan's results by section with the
//! progress, notes and evidence of the window, the shortcomings the overdue and unfinished
//! occurrences prompt, the next period's occurrences and planned delegations and
//! conferences, and the annex tables 01–08 — beside the officer's prose.
//!
//! A draft is computed again at every view, so its figures follow the records until it is
//! submitted; a submission freezes one [`ReportContent`] as JSON (report_versions.content),
//! and that JSON is also the report's data out (docs/report-format.md, built on the
//! concepts of QCVN 125:2021/BTTTT: regime, period, indicators with breakdowns, values,
//! status).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use domain::progress::OccurrenceStatus;
use domain::register::{EntryState, Register, RegisterKind};
use domain::report::{Annex, Block, Period, Regime, RegimeKind, ReportStatus};
use serde::{Deserialize, Serialize};
use store::{Commune, EntryFilter, EntrySort, Province};

use crate::Result;
use crate::format::{grouped, short_date};
use crate::registers::{Figures, figures};

/// The format of [`ReportContent`]'s JSON; bumped when a field changes meaning.
pub const REPORT_FORMAT: &str = "doingoai.report/1";

/// A report's whole content: what the page shows, the documents print and the JSON carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportContent {
    pub format: String,
    pub regime: RegimeRef,
    /// "xã Hà Bắc".
    pub commune: String,
    pub commune_id: i64,
    pub province: String,
    /// The period's slug ("6-thang-2026"), for a periodic report.
    pub period: Option<String>,
    /// "6 tháng đầu năm 2026", or the event's name.
    pub period_label: String,
    /// The data cut-off window, both days included.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The year-to-date window the cumulative figures use.
    pub year_from: NaiveDate,
    pub year_to: NaiveDate,
    pub due_on: NaiveDate,
    pub status: ReportStatus,
    /// "12/BC-UBND" once numbered; empty in a draft.
    pub number: String,
    /// The day of the report (its submission; today in a draft).
    pub date: NaiveDate,
    /// "Kính gửi: …".
    pub receiver: String,
    /// "Báo cáo kết quả công tác đối ngoại 6 tháng đầu năm 2026".
    pub title: String,
    /// Register slug → its figures in the window (the numbers of `doingoai register stats`).
    pub figures: BTreeMap<String, Figures>,
    /// Register slug → its figures for the year to date.
    pub figures_year: BTreeMap<String, Figures>,
    pub plan: PlanFigures,
    pub sections: Vec<ContentSection>,
    /// The plan's results by section (under "1. Kết quả thực hiện Kế hoạch").
    pub results: Vec<SectionResult>,
    pub annexes: Vec<AnnexTable>,
    /// Broken consistency rules of the figures, in Vietnamese.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegimeRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: RegimeKind,
}

/// The plan's figures for the window: occurrences due in the window, and how many of those
/// are done, overdue (due before today and neither done nor cancelled) and in progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFigures {
    pub plan_id: Option<i64>,
    pub plan_title: Option<String>,
    pub plan_number: Option<String>,
    pub tasks: i64,
    pub occurrences_due: i64,
    pub done: i64,
    pub overdue: i64,
    pub in_progress: i64,
    pub not_started: i64,
    pub cancelled: i64,
    /// done × 100 / occurrences due, rounded down.
    pub percent_done: i64,
}

/// One heading of the outline, with what the records say under it and the officer's prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentSection {
    /// Stable key of the heading ("I", "II.1", "II.2"…): the officer's prose is kept under it.
    pub key: String,
    /// 1: a part ("II."), 2: an item ("2.").
    pub level: u8,
    /// "II." or "2.".
    pub number: String,
    pub heading: String,
    pub block: Block,
    /// Sentences computed from the records, each with the records behind it.
    pub facts: Vec<Fact>,
    /// The officer's prose (paragraphs separated by blank lines).
    pub text: String,
    /// What the officer is asked to write here.
    pub hint: String,
}

/// A computed sentence and the page of the records it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub text: String,
    pub link: Option<String>,
}

/// A plan section's tasks with their results in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionResult {
    /// "1." and "Công tác tuyên truyền đối ngoại" (empty for tasks outside any section).
    pub label: String,
    pub title: String,
    pub tasks: Vec<TaskResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskResult {
    pub task_id: i64,
    pub reference: String,
    pub text: String,
    pub lead: Option<String>,
    /// Occurrences due in the window, and of them done and overdue.
    pub due: i64,
    pub done: i64,
    pub overdue: i64,
    /// "Hoàn thành", "Đang thực hiện (60%)", "Quá hạn"…
    pub state_vi: String,
    pub notes: Vec<ResultNote>,
}

/// A progress record of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultNote {
    /// dd/mm/yyyy.
    pub on: String,
    pub occurrence: String,
    pub by: String,
    pub text: String,
    pub evidence: Option<String>,
}

/// An annex table (biểu): numbered columns, rows, and each row's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexTable {
    pub annex: Annex,
    /// "01".
    pub number: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The page of each row's record.
    pub links: Vec<Option<String>>,
    /// "Tổng cộng: 03 đoàn, 09 lượt người, 08 người" (registers-reports.md §3: totals of
    /// delegations, member-trips and distinct persons; aid pledged, disbursed in the period
    /// and year to date).
    pub total: Option<String>,
}

/// What a content is computed for.
pub(crate) struct Target<'a> {
    pub commune: &'a Commune,
    pub province: &'a Province,
    pub regime_id: i64,
    pub regime: &'a Regime,
    pub period: Option<Period>,
    /// The event entry of an event report: (id, its register's name of it).
    pub entry: Option<(i64, String)>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due_on: NaiveDate,
    pub status: ReportStatus,
    pub number: String,
    pub date: NaiveDate,
    pub texts: &'a BTreeMap<String, String>,
    pub today: NaiveDate,
}

/// "6 tháng đầu năm 2026" or the event's name.
fn label_of(t: &Target) -> String {
    match (&t.period, &t.entry) {
        (Some(p), _) => p.label_vi(),
        (None, Some((_, name))) => name.clone(),
        (None, None) => format!("từ ngày {} đến ngày {}", vi(t.from), vi(t.to)),
    }
}

fn vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A count as reports write it: "02 đoàn", "15 đoàn"; none is "0", not "00".
fn n2(n: i64) -> String {
    if (1..10).contains(&n) {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

/// The page of a register's records in a window.
fn register_link(commune: i64, kind: RegisterKind, from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "/registers/{}?commune={commune}&from={}&to={}",
        kind.slug(),
        vi(from),
        vi(to)
    )
}

/// The year-to-date window of a report's window: from the start of the year its window
/// ends in (the Decree 09 year starts on 15/12 of the year before) to its end.
fn year_window(t: &Target) -> (NaiveDate, NaiveDate) {
    match t.period {
        Some(p) => p.year_to_date(t.regime.cut_off),
        None => (
            NaiveDate::from_ymd_opt(t.to.year(), 1, 1).unwrap_or(t.from),
            t.to,
        ),
    }
}

/// The registers a content reports on: for an event report, its register; else all.
fn registers_of(regime: &Regime) -> Vec<RegisterKind> {
    match (regime.kind, regime.event_register) {
        (RegimeKind::Event, Some(k)) => vec![k],
        _ => RegisterKind::ALL.to_vec(),
    }
}

/// Computes a report's content from the records.
pub(crate) async fn compute(db: &mut store::Db, t: Target<'_>) -> Result<ReportContent> {
    let (year_from, year_to) = year_window(&t);
    let mut figs = BTreeMap::new();
    let mut figs_year = BTreeMap::new();
    let mut warnings = Vec::new();
    for kind in registers_of(t.regime) {
        let r = kind.def();
        let f = figures(db, t.commune, r, t.from, t.to).await?;
        let y = figures(db, t.commune, r, year_from, year_to).await?;
        warnings.extend(f.warnings.iter().map(|w| format!("{}: {w}", r.short)));
        figs.insert(kind.slug().to_string(), f);
        figs_year.insert(kind.slug().to_string(), y);
    }
    let plan = plan_part(db, &t).await?;
    let annexes = annexes(db, &t, (&figs, &figs_year), &plan).await?;
    let next = next_period(db, &t, plan.plan_id).await?;
    let sections = sections(&t, &figs, &figs_year, &plan, &next);
    // "Kết quả công tác đối ngoại 6 tháng đầu năm 2026"; after an event, "Kết quả chuyến
    // công tác nước ngoài: Đoàn …" (the regime's name without "Báo cáo").
    let title = match t.regime.kind {
        RegimeKind::Periodic => format!("Kết quả công tác đối ngoại {}", label_of(&t)),
        _ => {
            let name = t.regime.name.trim();
            let name = name
                .strip_prefix("Báo cáo ")
                .or_else(|| name.strip_prefix("báo cáo "))
                .unwrap_or(name);
            format!("{}: {}", crate::format::capitalise(name), label_of(&t))
        }
    };
    Ok(ReportContent {
        format: REPORT_FORMAT.to_string(),
        regime: RegimeRef {
            id: t.regime_id,
            code: t.regime.code.clone(),
            name: t.regime.name.clone(),
            kind: t.regime.kind,
        },
        commune: t.commune.full_name(),
        commune_id: t.commune.id,
        province: t.province.name.clone(),
        period: t.period.map(|p| p.to_string()),
        period_label: label_of(&t),
        from: t.from,
        to: t.to,
        year_from,
        year_to,
        due_on: t.due_on,
        status: t.status,
        number: t.number.clone(),
        date: t.date,
        receiver: domain::report::receiver_of(&t.regime.receiver, &t.province.name),
        title,
        figures: figs,
        figures_year: figs_year,
        plan: plan.figures,
        sections,
        results: plan.results,
        annexes,
        warnings,
    })
}

/// What the plan part of a report holds.
struct PlanPart {
    plan_id: Option<i64>,
    figures: PlanFigures,
    results: Vec<SectionResult>,
    /// Overdue or unfinished occurrences of the window: (task id, "1.2", text, label, due).
    shortfalls: Vec<(i64, String, String, String, String)>,
    /// The annex 08 rows: (task id, cells).
    tables: Vec<(i64, Vec<String>)>,
}

/// The plan in force for the year the window ends in, its occurrences in the window and
/// the progress told in the window.
async fn plan_part(db: &mut store::Db, t: &Target<'_>) -> Result<PlanPart> {
    let empty = PlanPart {
        plan_id: None,
        figures: PlanFigures::default(),
        results: Vec::new(),
        shortfalls: Vec::new(),
        tables: Vec::new(),
    };
    if t.regime.kind == RegimeKind::Event {
        return Ok(empty);
    }
    let Some(plan) = db
        .plan_in_force(t.commune.id, i64::from(t.to.year()))
        .await?
    else {
        return Ok(empty);
    };
    let (from, to) = (t.from.to_string(), t.to.to_string());
    let today = t.today.to_string();
    let tasks = db.plan_tasks(plan.id).await?;
    let rows = db.tasks_of_plan(plan.id, &today).await?;
    let sections = db.sections_of(plan.id).await?;
    let occurrences = db.occurrences_of_plan(plan.id).await?;
    let instants = (
        vn_midnight(t.from),
        vn_midnight(t.to.succ_opt().unwrap_or(t.to)) - 1,
    );
    let progress = db
        .progress_of_plan_between(plan.id, instants, (&from, &to))
        .await?;
    let mut f = PlanFigures {
        plan_id: Some(plan.id),
        plan_title: Some(plan.title.clone()),
        plan_number: plan.doc_number.clone(),
        tasks: tasks.len() as i64,
        ..PlanFigures::default()
    };
    let mut shortfalls = Vec::new();
    let mut tables = Vec::new();
    let mut by_section: Vec<(Option<i64>, Vec<TaskResult>)> = Vec::new();
    for task in &tasks {
        let mine: Vec<&store::Occurrence> = occurrences
            .iter()
            .filter(|o| o.task_id == task.id)
            .collect();
        let in_window: Vec<&&store::Occurrence> = mine
            .iter()
            .filter(|o| o.due_on >= from && o.due_on <= to)
            .collect();
        let running = mine.iter().any(|o| o.starts_on <= to && o.due_on >= from);
        let notes: Vec<ResultNote> = progress
            .iter()
            .filter(|(id, _)| *id == task.id)
            .filter(|(_, p)| !p.note.trim().is_empty() || p.evidence_name.is_some())
            .map(|(_, p)| ResultNote {
                on: crate::format::date_time(p.created_at)
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                occurrence: p.occurrence_label.clone(),
                by: p
                    .unit_name
                    .clone()
                    .unwrap_or_else(|| p.display_name.clone()),
                text: p.note.clone(),
                evidence: p.evidence_name.clone().or_else(|| p.evidence_url.clone()),
            })
            .collect();
        if in_window.is_empty() && !running && notes.is_empty() {
            continue;
        }
        let (mut done, mut overdue, mut percent_sum) = (0, 0, 0);
        for o in &in_window {
            f.occurrences_due += 1;
            percent_sum += o.percent;
            match o.status {
                OccurrenceStatus::Done => {
                    done += 1;
                    f.done += 1;
                }
                OccurrenceStatus::Cancelled => f.cancelled += 1,
                s => {
                    if o.due_on < today {
                        overdue += 1;
                        f.overdue += 1;
                        shortfalls.push((
                            task.id,
                            task.ref_label.clone(),
                            task.text.clone(),
                            o.label.clone(),
                            o.due_on.clone(),
                        ));
                    }
                    if s == OccurrenceStatus::InProgress {
                        f.in_progress += 1;
                    } else {
                        f.not_started += 1;
                    }
                }
            }
        }
        let due = in_window.len() as i64;
        let current = mine
            .iter()
            .filter(|o| o.starts_on <= to)
            .max_by(|a, b| a.due_on.cmp(&b.due_on));
        let state_vi = if due > 0 && done == due {
            "Hoàn thành".to_string()
        } else if overdue > 0 {
            format!("Chậm tiến độ ({overdue}/{due} kỳ quá hạn)")
        } else if due > 0 {
            format!("Đã hoàn thành {done}/{due} kỳ")
        } else {
            match current {
                Some(o) if o.status == OccurrenceStatus::Done => "Hoàn thành".to_string(),
                Some(o) if o.percent > 0 => format!("Đang thực hiện ({}%)", o.percent),
                _ => "Đang thực hiện".to_string(),
            }
        };
        let lead = rows
            .iter()
            .find(|r| r.id == task.id)
            .and_then(|r| r.lead_name.clone().or_else(|| r.lead_text.clone()));
        tables.push((
            task.id,
            vec![
                task.ref_label.clone(),
                task.text.clone(),
                lead.clone().unwrap_or_default(),
                due.to_string(),
                done.to_string(),
                overdue.to_string(),
                if due > 0 {
                    format!("{}%", percent_sum / due)
                } else {
                    String::new()
                },
            ],
        ));
        let result = TaskResult {
            task_id: task.id,
            reference: task.ref_label.clone(),
            text: task.text.clone(),
            lead,
            due,
            done,
            overdue,
            state_vi,
            notes,
        };
        match by_section.iter_mut().find(|(s, _)| *s == task.section_id) {
            Some((_, list)) => list.push(result),
            None => by_section.push((task.section_id, vec![result])),
        }
    }
    f.percent_done = crate::format::percent(f.done, f.occurrences_due);
    let position = |id: Option<i64>| {
        id.and_then(|id| sections.iter().position(|s| s.id == id))
            .unwrap_or(usize::MAX)
    };
    by_section.sort_by_key(|(s, _)| position(*s));
    let results = by_section
        .into_iter()
        .map(|(s, tasks)| {
            let section = s.and_then(|id| sections.iter().find(|x| x.id == id));
            // A section read from a document may carry its heading in its body.
            let title = section
                .map(|s| {
                    if s.title.trim().is_empty() {
                        short(s.body.lines().next().unwrap_or_default())
                    } else {
                        s.title.clone()
                    }
                })
                .unwrap_or_default();
            SectionResult {
                label: section.map(|s| s.label.clone()).unwrap_or_default(),
                title,
                tasks,
            }
        })
        .collect();
    Ok(PlanPart {
        plan_id: Some(plan.id),
        figures: f,
        results,
        shortfalls,
        tables,
    })
}

/// The first instant of a day in Vietnam (UTC+7), in epoch seconds.
fn vn_midnight(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp() - 7 * 3600)
}

/// The next period: the plan's occurrences due in it that are not done, and the
/// delegations and conferences planned in it.
struct NextPeriod {
    from: NaiveDate,
    to: NaiveDate,
    occurrences: Vec<(i64, String, String, String)>,
    planned: Vec<(RegisterKind, i64, String, String)>,
}

async fn next_period(
    db: &mut store::Db,
    t: &Target<'_>,
    plan_id: Option<i64>,
) -> Result<NextPeriod> {
    let (from, to) = match t.period.and_then(Period::next) {
        Some(p) => {
            let w = p.window(t.regime.cut_off);
            (t.to.succ_opt().unwrap_or(w.0), w.1)
        }
        None => (
            t.to.succ_opt().unwrap_or(t.to),
            t.to.checked_add_days(chrono::Days::new(183))
                .unwrap_or(t.to),
        ),
    };
    let mut out = NextPeriod {
        from,
        to,
        occurrences: Vec::new(),
        planned: Vec::new(),
    };
    if t.regime.kind == RegimeKind::Event {
        return Ok(out);
    }
    // The plan of the next window's year when it has one (an annual report looks at the
    // next year's plan), else the plan of the report's year.
    let next_plan = db
        .plan_in_force(t.commune.id, i64::from(to.year()))
        .await?
        .map(|p| p.id)
        .or(plan_id);
    if let Some(plan) = next_plan {
        let tasks = db.plan_tasks(plan).await?;
        let (a, b) = (from.to_string(), to.to_string());
        for o in db.occurrences_of_plan(plan).await? {
            if o.due_on < a || o.starts_on > b {
                continue;
            }
            if matches!(
                o.status,
                OccurrenceStatus::Done | OccurrenceStatus::Cancelled
            ) {
                continue;
            }
            if let Some(task) = tasks.iter().find(|x| x.id == o.task_id)
                && !out.occurrences.iter().any(|x| x.0 == task.id)
            {
                out.occurrences.push((
                    task.id,
                    task.ref_label.clone(),
                    task.text.clone(),
                    o.due_on.clone(),
                ));
            }
        }
    }
    for kind in [
        RegisterKind::DoanRa,
        RegisterKind::DoanVao,
        RegisterKind::HoiNghi,
    ] {
        let rows = db
            .entries_page(
                &EntryFilter {
                    commune_id: t.commune.id,
                    register: kind.slug().to_string(),
                    from: Some(from.to_string()),
                    to: Some(to.to_string()),
                    without_payload: true,
                    ..EntryFilter::default()
                },
                EntrySort::Date,
                None,
            )
            .await?;
        for r in rows.rows {
            if r.state == EntryState::Cancelled.code() {
                continue;
            }
            out.planned.push((kind, r.id, r.title, r.on_date));
        }
    }
    Ok(out)
}

/// The sentence a register's figures make: "02 đoàn, 10 lượt người, đến: Lào (01), Thái
/// Lan (01)", with the year to date when the window is not the whole year.
fn figures_sentence(r: &Register, f: &Figures, y: Option<&Figures>, period_word: &str) -> String {
    if f.count == 0 && y.is_none_or(|y| y.count == 0) {
        return format!("{}: {period_word} không phát sinh.", r.short);
    }
    let mut parts = vec![format!("{} {}", n2(f.count), r.noun)];
    if let Some(m) = f.member_trips
        && f.count > 0
    {
        parts.push(format!("{} lượt người", n2(m)));
    }
    if let Some(d) = f.distinct_persons {
        parts.push(format!("{} người", n2(d)));
    }
    if let Some(p) = f.pledged_vnd
        && p > 0
    {
        parts.push(format!("giá trị cam kết {} đồng", grouped(p)));
    }
    if let Some(d) = f.disbursed_vnd
        && d > 0
    {
        parts.push(format!("giải ngân {} đồng", grouped(d)));
    }
    let mut s = format!("{}: {period_word} có {}", r.short, parts.join(", "));
    if !f.by_country.is_empty() {
        let c: Vec<String> = f
            .by_country
            .iter()
            .map(|(name, n)| format!("{name} ({})", n2(*n)))
            .collect();
        s.push_str(&format!("; theo quốc gia: {}", c.join(", ")));
    }
    if let Some(y) = y
        && (y.from, y.to) != (f.from, f.to)
    {
        s.push_str(&format!("; lũy kế từ đầu năm: {} {}", n2(y.count), r.noun));
        if let Some(m) = y.member_trips
            && y.count > 0
        {
            s.push_str(&format!(", {} lượt người", n2(m)));
        }
    }
    s.push('.');
    s
}

/// The outline's headings, numbered, with their facts and the officer's prose.
fn sections(
    t: &Target<'_>,
    figs: &BTreeMap<String, Figures>,
    figs_year: &BTreeMap<String, Figures>,
    plan: &PlanPart,
    next: &NextPeriod,
) -> Vec<ContentSection> {
    let mut out = Vec::new();
    let mut part = String::new();
    let mut item = 0;
    let period_word = if t.regime.kind == RegimeKind::Event {
        "số liệu"
    } else {
        "trong kỳ"
    };
    for o in &t.regime.outline {
        let (key, level, number) = if o.number.is_empty() {
            item += 1;
            (format!("{part}.{item}"), 2, format!("{item}."))
        } else {
            part = o.number.clone();
            item = 0;
            (part.clone(), 1, format!("{part}."))
        };
        let mut facts = Vec::new();
        let mut push_section = |key: String, level, number, heading: String, block, facts, hint| {
            out.push(ContentSection {
                text: t.texts.get(&key).cloned().unwrap_or_default(),
                key,
                level,
                number,
                heading,
                block,
                facts,
                hint,
            })
        };
        match o.block {
            Block::General => push_section(
                key,
                level,
                number,
                o.heading.clone(),
                o.block,
                facts,
                "Tình hình chung của địa phương trong kỳ báo cáo có tác động đến công tác đối \
                 ngoại; công tác lãnh đạo, chỉ đạo."
                    .to_string(),
            ),
            Block::PlanResults => {
                push_section(
                    key.clone(),
                    level,
                    number,
                    o.heading.clone(),
                    Block::General,
                    Vec::new(),
                    String::new(),
                );
                item += 1;
                let f = &plan.figures;
                let link = plan.plan_id.map(|id| format!("/plans/{id}"));
                let text = match &f.plan_title {
                    Some(title) => format!(
                        "{title}{}: {} nhiệm vụ; trong kỳ có {} lượt thực hiện đến hạn, đã hoàn \
                         thành {} ({}%), quá hạn chưa hoàn thành {}, đang thực hiện {}, chưa \
                         thực hiện {}.",
                        f.plan_number
                            .as_deref()
                            .map(|n| format!(" (số {n})"))
                            .unwrap_or_default(),
                        n2(f.tasks),
                        n2(f.occurrences_due),
                        n2(f.done),
                        f.percent_done,
                        n2(f.overdue),
                        n2(f.in_progress),
                        n2(f.not_started),
                    ),
                    None => format!(
                        "Xã chưa có kế hoạch công tác đối ngoại năm {} trên hệ thống.",
                        t.to.year()
                    ),
                };
                facts.push(Fact { text, link });
                push_section(
                    format!("{part}.{item}"),
                    2,
                    format!("{item}."),
                    "Kết quả thực hiện Kế hoạch công tác đối ngoại".to_string(),
                    Block::PlanResults,
                    facts,
                    "Đánh giá việc thực hiện các nhiệm vụ của kế hoạch (kết quả từng nhiệm vụ \
                     được liệt kê bên dưới theo số liệu cập nhật của các đơn vị)."
                        .to_string(),
                );
            }
            Block::Registers => {
                for kind in &o.registers {
                    let r = kind.def();
                    let Some(f) = figs.get(kind.slug()) else {
                        continue;
                    };
                    if r.border_only && f.count == 0 && f.by_state.is_empty() {
                        continue;
                    }
                    let y = figs_year.get(kind.slug());
                    facts.push(Fact {
                        text: figures_sentence(r, f, y, period_word),
                        link: Some(register_link(t.commune.id, *kind, f.from, f.to)),
                    });
                }
                // A heading whose registers the commune does not keep (agreements, off the
                // border) is left out, and the numbering goes on without it.
                if facts.is_empty() && !o.registers.is_empty() && o.number.is_empty() {
                    item -= 1;
                    continue;
                }
                push_section(
                    key,
                    level,
                    number,
                    o.heading.clone(),
                    o.block,
                    facts,
                    "Nêu các hoạt động tiêu biểu, kết quả đạt được.".to_string(),
                );
            }
            Block::Assessment => {
                // One sentence per task, its overdue occurrences listed.
                let mut seen: Vec<i64> = Vec::new();
                for (task, reference, text, _, _) in &plan.shortfalls {
                    if seen.contains(task) {
                        continue;
                    }
                    seen.push(*task);
                    let late: Vec<String> = plan
                        .shortfalls
                        .iter()
                        .filter(|x| x.0 == *task)
                        .map(|(_, _, _, label, due)| format!("{label}, hạn {}", short_date(due)))
                        .collect();
                    facts.push(Fact {
                        text: format!(
                            "Nhiệm vụ {reference} “{}”: {} kỳ quá hạn chưa hoàn thành ({}).",
                            short(text),
                            n2(late.len() as i64),
                            late.join("; ")
                        ),
                        link: Some(format!("/tasks/{task}")),
                    });
                }
                for w in figs.values().flat_map(|f| f.warnings.iter()) {
                    facts.push(Fact {
                        text: format!("Số liệu cần kiểm tra: {w}"),
                        link: None,
                    });
                }
                push_section(
                    key,
                    level,
                    number,
                    o.heading.clone(),
                    o.block,
                    facts,
                    "Ưu điểm; tồn tại, hạn chế và nguyên nhân (hệ thống gợi ý các nhiệm vụ quá \
                     hạn, chưa hoàn thành ở trên)."
                        .to_string(),
                );
            }
            Block::NextPeriod => {
                for (task, reference, text, due) in &next.occurrences {
                    facts.push(Fact {
                        text: format!(
                            "Nhiệm vụ {reference} “{}” (hạn {}).",
                            short(text),
                            short_date(due)
                        ),
                        link: Some(format!("/tasks/{task}")),
                    });
                }
                for (kind, id, title, on) in &next.planned {
                    facts.push(Fact {
                        text: format!(
                            "{} dự kiến: {title} ({}).",
                            kind.def().short,
                            short_date(on)
                        ),
                        link: Some(format!("/registers/{}/{id}", kind.slug())),
                    });
                }
                push_section(
                    key,
                    level,
                    number,
                    o.heading.clone(),
                    o.block,
                    facts,
                    format!(
                        "Nhiệm vụ trọng tâm từ ngày {} đến ngày {} (hệ thống liệt kê các nhiệm \
                         vụ còn lại của kế hoạch và các đoàn, hội nghị dự kiến).",
                        vi(next.from),
                        vi(next.to)
                    ),
                );
            }
            Block::Recommendations => push_section(
                key,
                level,
                number,
                o.heading.clone(),
                o.block,
                facts,
                "Kiến nghị, đề xuất với Ủy ban nhân dân tỉnh, Sở Ngoại vụ (nếu có).".to_string(),
            ),
        }
    }
    out
}

/// A task's text cut to a sentence a report can quote.
fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 160 {
        return t.to_string();
    }
    // Cut at a word: a cut syllable reads as a spelling mistake.
    let cut: String = t.chars().take(157).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ' ']))
}

/// The annex tables of the regime: the counted entries of each register in the window (no
/// personal field: annex 07 gives counts only), and the plan's progress.
async fn annexes(
    db: &mut store::Db,
    t: &Target<'_>,
    (figs, figs_year): (&BTreeMap<String, Figures>, &BTreeMap<String, Figures>),
    plan: &PlanPart,
) -> Result<Vec<AnnexTable>> {
    let plan_rows = &plan.tables;
    let mut out = Vec::new();
    for annex in &t.regime.annexes {
        let mut table = AnnexTable {
            annex: *annex,
            number: annex.number(),
            title: annex.title_vi().to_string(),
            columns: Vec::new(),
            rows: Vec::new(),
            links: Vec::new(),
            total: None,
        };
        match annex {
            Annex::PlanProgress => {
                table.columns = [
                    "Mục",
                    "Nhiệm vụ",
                    "Đơn vị chủ trì",
                    "Số kỳ đến hạn",
                    "Đã hoàn thành",
                    "Quá hạn",
                    "Tiến độ bình quân",
                ]
                .map(String::from)
                .to_vec();
                for (task, cells) in plan_rows {
                    table.rows.push(cells.clone());
                    table.links.push(Some(format!("/tasks/{task}")));
                }
                let f = &plan.figures;
                table.total = Some(format!(
                    "Tổng cộng: {} nhiệm vụ, {} lượt thực hiện đến hạn, {} hoàn thành, {} quá \
                     hạn",
                    n2(table.rows.len() as i64),
                    n2(f.occurrences_due),
                    n2(f.done),
                    n2(f.overdue)
                ));
            }
            Annex::People => {
                table.columns = ["Nội dung", "Quốc gia", "Số lượng"]
                    .map(String::from)
                    .to_vec();
                for kind in annex.registers() {
                    let Some(f) = figs.get(kind.slug()) else {
                        continue;
                    };
                    let link = register_link(t.commune.id, *kind, t.from, t.to);
                    if f.by_country.is_empty() {
                        table.rows.push(vec![
                            kind.def().short.to_string(),
                            String::new(),
                            f.count.to_string(),
                        ]);
                        table.links.push(Some(link));
                        continue;
                    }
                    for (country, n) in &f.by_country {
                        table.rows.push(vec![
                            kind.def().short.to_string(),
                            country.clone(),
                            n.to_string(),
                        ]);
                        table.links.push(Some(link.clone()));
                    }
                }
            }
            _ => {
                for kind in annex.registers() {
                    entry_rows(db, t, *kind, &mut table).await?;
                    if let Some(f) = figs.get(kind.slug()) {
                        table.total = Some(total_of(kind.def(), f, figs_year.get(kind.slug())));
                    }
                }
            }
        }
        out.push(table);
    }
    Ok(out)
}

/// The total line of a register's annex.
fn total_of(r: &Register, f: &Figures, y: Option<&Figures>) -> String {
    let mut parts = vec![format!("{} {}", n2(f.count), r.noun)];
    if let Some(m) = f.member_trips {
        parts.push(format!("{} lượt người", n2(m)));
    }
    if let Some(d) = f.distinct_persons {
        parts.push(format!("{} người", n2(d)));
    }
    if let Some(p) = f.pledged_vnd {
        parts.push(format!("cam kết {} đồng", grouped(p)));
    }
    if let Some(d) = f.disbursed_vnd {
        parts.push(format!("giải ngân trong kỳ {} đồng", grouped(d)));
        if let Some(yd) = y.and_then(|y| y.disbursed_vnd)
            && y.is_some_and(|y| (y.from, y.to) != (f.from, f.to))
        {
            parts.push(format!("lũy kế từ đầu năm {} đồng", grouped(yd)));
        }
    }
    format!("Tổng cộng: {}", parts.join(", "))
}

/// The rows of a register's annex: each counted entry of the window, with the list's
/// columns (name, dates, countries, people) and its state.
async fn entry_rows(
    db: &mut store::Db,
    t: &Target<'_>,
    kind: RegisterKind,
    table: &mut AnnexTable,
) -> Result<()> {
    let r = kind.def();
    // An event report's window starts on its entry's day: the entry is among these rows.
    let filter = EntryFilter {
        commune_id: t.commune.id,
        register: r.slug.to_string(),
        from: Some(t.from.to_string()),
        to: Some(t.to.to_string()),
        ..EntryFilter::default()
    };
    let rows = db.entries_page(&filter, EntrySort::Date, None).await?;
    let ids: Vec<i64> = rows.rows.iter().map(|r| r.id).collect();
    let countries = if r.roles.countries.is_some() {
        db.countries_of_entries(&ids).await?
    } else {
        Vec::new()
    };
    let summaries = crate::registers::rows_to_summaries(rows, &countries)?;
    let keys: Vec<&str> = [
        r.roles.window,
        r.roles.end,
        r.roles.countries,
        r.roles.members,
    ]
    .into_iter()
    .flatten()
    .collect();
    table.columns = vec!["STT".to_string(), "Tên".to_string()];
    table.columns.extend(
        keys.iter()
            .map(|k| r.field(k).map_or(k.to_string(), |f| f.label.to_string())),
    );
    table.columns.push("Tình trạng".to_string());
    for s in summaries.rows {
        if let Some((id, _)) = t.entry
            && s.id != id
        {
            continue;
        }
        if t.entry.is_none() && !r.counted.contains(&s.state) {
            continue;
        }
        let mut row = vec![(table.rows.len() + 1).to_string(), s.title.clone()];
        row.extend(keys.iter().map(|k| s.cell(k)));
        row.push(s.state.label_vi().to_string());
        table.rows.push(row);
        table
            .links
            .push(Some(format!("/registers/{}/{}", r.slug, s.id)));
    }
    Ok(())
}
