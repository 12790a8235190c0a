//! The state-changing operations on plans and tasks, each with its permission check and
//! its rules, shared by the pages (forms) and the JSON API so that both do exactly the same
//! thing. Inputs arrive already parsed into domain types; what can only be checked against
//! stored data (a unit of this commune, a section of this plan, the plan's status) is
//! checked here.
//!
//! Errors: `Forbidden` / `NotFound` as usual; `BadRequest` carries a Vietnamese message the
//! user can act on (a form shows it beside the fields, the API returns it as `message`).

use chrono::NaiveDate;
use document::model::DocNumber;
use domain::PlanYear;
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, SectionText, TaskText};
use store::{Commune, NewProgress, Plan, PlanOrigin, PlanStatus, Task, Unit, User};

use crate::AppState;
use crate::error::{AppError, Result};
use crate::import::{self, ImportOutcome, Review};

/// Shown when a change is asked of a plan that is no longer a draft.
pub const NOT_DRAFT: &str = "Chỉ sửa được kế hoạch ở trạng thái dự thảo. Hãy tạo bản sửa đổi.";

fn bad(message: &str) -> AppError {
    AppError::BadRequest(message.to_string())
}

/// A plan and its commune, when `user` may see them.
pub async fn visible_plan(state: &AppState, user: &User, id: i64) -> Result<(Plan, Commune)> {
    let plan = state.store.plan(id).await?;
    let commune = state.store.commune(plan.commune_id).await?;
    if !user.actor().can_view_commune(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    Ok((plan, commune))
}

/// A plan `user` may edit and that is still a draft (`BadRequest(NOT_DRAFT)` otherwise).
pub async fn draft_plan(state: &AppState, user: &User, id: i64) -> Result<(Plan, Commune)> {
    let (plan, commune) = visible_plan(state, user, id).await?;
    if !user.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    if plan.status() != PlanStatus::Draft {
        return Err(bad(NOT_DRAFT));
    }
    Ok((plan, commune))
}

/// The commune whose plans `user` writes: `requested`, or the user's own commune.
pub async fn editable_commune(
    state: &AppState,
    user: &User,
    requested: Option<i64>,
) -> Result<Commune> {
    let id = requested
        .or(user.commune_id)
        .ok_or_else(|| bad("Vui lòng chọn xã, phường của kế hoạch."))?;
    let commune = state.store.commune(id).await?;
    if !user.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    Ok(commune)
}

fn plan_year(plan: &Plan) -> Result<PlanYear> {
    PlanYear::parse(plan.year).map_err(|e| AppError::Internal(e.to_string()))
}

/// A task, its commune and partners, when `user` may see them.
pub struct VisibleTask {
    pub task: Task,
    pub commune: Commune,
    pub partners: Vec<(Option<i64>, String)>,
}

impl VisibleTask {
    /// Whether `user` may record progress on this task (its lead or partner unit, or the
    /// commune's office and leaders).
    pub fn can_update(&self, user: &User) -> bool {
        let partners: Vec<i64> = self.partners.iter().filter_map(|p| p.0).collect();
        user.actor()
            .can_update_task(self.commune.scope(), self.task.lead_unit_id, &partners)
    }
}

pub async fn visible_task(state: &AppState, user: &User, id: i64) -> Result<VisibleTask> {
    let task = state.store.task(id).await?;
    let commune = state.store.commune(task.commune_id).await?;
    if !user.actor().can_view_commune(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let partners = state.store.task_partners(id).await?;
    Ok(VisibleTask {
        task,
        commune,
        partners,
    })
}

/// Reads an uploaded document (on the blocking pool) and lints it against `commune`'s
/// units. Returns what was read and those units. A document that cannot be read is a
/// `BadRequest` with the reader's Vietnamese message.
pub async fn read_document(
    state: &AppState,
    commune: &Commune,
    filename: String,
    bytes: Vec<u8>,
) -> Result<(ImportOutcome, Vec<Unit>)> {
    let units = state.store.units_of(commune.id).await?;
    let units2 = units.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        import::import_document(&bytes, Some(&filename), &units2)
    })
    .await?
    .map_err(|e| AppError::BadRequest(e.message_vi()))?;
    Ok((outcome, units))
}

/// Where an imported document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOrigin {
    /// The commune's own plan: the file is kept as its source, with its findings.
    Upload,
    /// The province's plan the commune starts from: kept as the basis; the new plan has
    /// no number of its own yet.
    Province,
}

/// Makes a draft plan of `commune` from a document and the officer's `review` (title,
/// lead units, time frames; leads not given are the proposed matches). `year` defaults to
/// the document's. The plan, its file and the findings are stored in one transaction.
/// Returns the plan's id.
pub async fn import_plan(
    state: &AppState,
    user: &User,
    commune: &Commune,
    origin: ImportOrigin,
    (filename, bytes): (String, Vec<u8>),
    year: Option<PlanYear>,
    review: &Review,
) -> Result<i64> {
    if !user.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let (outcome, units) = read_document(state, commune, filename.clone(), bytes.clone()).await?;
    if review
        .leads
        .iter()
        .flatten()
        .any(|l| !units.iter().any(|u| u.id == *l))
    {
        return Err(bad("Đơn vị được chọn không thuộc xã, phường này."));
    }
    let year = match year {
        Some(y) => y,
        None => outcome
            .doc
            .year
            .and_then(|y| PlanYear::parse(y).ok())
            .ok_or_else(|| bad("Không xác định được năm của kế hoạch; vui lòng ghi năm."))?,
    };
    let mut new = import::plan_from_import(&outcome, review, commune.id, year);
    if origin == ImportOrigin::Province {
        new.origin = PlanOrigin::Province;
        new.doc_number = None;
    }
    let file = store::PlanFileIn {
        kind: match origin {
            ImportOrigin::Upload => "source",
            ImportOrigin::Province => "basis",
        },
        filename: &filename,
        content_type: crate::view::sniff_type(&bytes).unwrap_or("text/plain; charset=utf-8"),
        bytes: &bytes,
    };
    // The findings the officer reviewed, kept for the plan page (a basis is not checked:
    // it is the province's text, not the commune's).
    let findings =
        (origin == ImportOrigin::Upload).then(|| import::findings_to_store(&outcome.findings));
    Ok(state
        .store
        .create_plan_from_file(user.id, &new, &file, findings.as_deref())
        .await?)
}

/// A new draft plan from the Decree 30 outline. Returns its id.
pub async fn create_blank(
    state: &AppState,
    user: &User,
    commune: &Commune,
    year: PlanYear,
) -> Result<i64> {
    Ok(state
        .store
        .create_plan(Some(user.id), &import::skeleton(commune.id, year))
        .await?)
}

/// Copies a plan's sections and tasks into a new draft for `year` of the same commune:
/// whole-year numbers in the texts move to the new year, schedules are made again for it,
/// units are kept. Returns the new plan's id.
pub async fn copy_plan(state: &AppState, user: &User, id: i64, year: PlanYear) -> Result<i64> {
    let (plan, commune) = visible_plan(state, user, id).await?;
    if !user.actor().can_edit_plans(commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let (from, to) = (plan.year as i32, year.get());
    let shift = |s: &str| import::shift_year(s, from, to);
    let (sections, tasks) = plan_body(state, &plan, year, &shift).await?;
    let new = store::NewPlan {
        commune_id: commune.id,
        year: i64::from(to),
        title: shift(&plan.title),
        doc_number: None,
        origin: PlanOrigin::Copy,
        previous_id: None,
        version: 1,
        document_json: None,
        source_text: None,
        sections,
        tasks,
    };
    Ok(state.store.create_plan(Some(user.id), &new).await?)
}

/// A stored plan's sections and tasks as new ones for another plan of `year`: texts passed
/// through `edit` (a year shift for a copy, unchanged for an amendment), units and partners
/// kept, schedules made again for `year` from the (edited) time frames.
async fn plan_body(
    state: &AppState,
    plan: &Plan,
    year: PlanYear,
    edit: &(dyn Fn(&str) -> String + Sync),
) -> Result<(Vec<store::NewSection>, Vec<store::NewTask>)> {
    let sections = state.store.sections_of(plan.id).await?;
    let index: std::collections::HashMap<i64, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let new_sections = sections
        .iter()
        .map(|s| store::NewSection {
            parent: s.parent_id.and_then(|p| index.get(&p).copied()),
            level: s.level,
            label: s.label.clone(),
            title: edit(&s.title),
            body: edit(&s.body),
        })
        .collect();
    let rows = state.store.tasks_of_plan(plan.id, "").await?;
    let mut tasks = Vec::with_capacity(rows.len());
    for r in rows {
        let t = state.store.task(r.id).await?;
        let timeframe = t.timeframe.as_deref().map(edit);
        let (recurrence, certain, occurrences) = import::schedule_task(timeframe.as_deref(), year);
        tasks.push(store::NewTask {
            section: t.section_id.and_then(|s| index.get(&s).copied()),
            ref_label: t.ref_label,
            text: edit(&t.text),
            lead_unit_id: t.lead_unit_id,
            lead_text: t.lead_text,
            partners: state.store.task_partners(t.id).await?,
            timeframe,
            recurrence,
            schedule_certain: certain,
            occurrences,
        });
    }
    Ok((new_sections, tasks))
}

/// Adds a section to a draft plan, under `parent` (a section of the same plan) or at the
/// top level. Returns the section's id.
pub async fn add_section(
    state: &AppState,
    user: &User,
    plan_id: i64,
    parent: Option<i64>,
    text: &SectionText,
) -> Result<i64> {
    draft_plan(state, user, plan_id).await?;
    let sections = state.store.sections_of(plan_id).await?;
    if parent.is_some_and(|p| !sections.iter().any(|s| s.id == p)) {
        return Err(bad("Mục cha không thuộc kế hoạch này."));
    }
    Ok(state
        .store
        .add_section(
            user.id,
            plan_id,
            parent,
            text.label(),
            text.title(),
            text.body(),
        )
        .await?)
}

/// Changes a section of a draft plan.
pub async fn update_section(
    state: &AppState,
    user: &User,
    plan_id: i64,
    section_id: i64,
    text: &SectionText,
) -> Result<()> {
    draft_plan(state, user, plan_id).await?;
    if !state
        .store
        .sections_of(plan_id)
        .await?
        .iter()
        .any(|s| s.id == section_id)
    {
        return Err(AppError::NotFound);
    }
    Ok(state
        .store
        .update_section(user.id, section_id, text.label(), text.title(), text.body())
        .await?)
}

/// Checks that every id names a unit of `commune` (`BadRequest` otherwise) and returns the
/// units' names in the same order.
async fn units_of_commune(state: &AppState, commune: &Commune, ids: &[i64]) -> Result<Vec<String>> {
    let units = state.store.units_of(commune.id).await?;
    ids.iter()
        .map(|id| {
            units
                .iter()
                .find(|u| u.id == *id)
                .map(|u| u.name.clone())
                .ok_or_else(|| bad("Đơn vị được chọn không thuộc xã, phường này."))
        })
        .collect()
}

/// A time frame as typed ("Quý II", "Thường xuyên"): NFC, trimmed, `None` when empty.
pub fn timeframe_text(text: &str) -> Result<Option<String>> {
    let t = vntext::nfc(text.trim());
    if t.chars().count() > 500 {
        return Err(bad("Thời gian thực hiện quá dài (tối đa 500 ký tự)."));
    }
    Ok(Some(t).filter(|t| !t.is_empty()))
}

/// Adds a task to a draft plan, under `section` (of the same plan) or none, led by `lead`
/// (a unit of the commune) or unassigned; its occurrences are made from the time frame.
/// Returns the task's id.
pub async fn add_task(
    state: &AppState,
    user: &User,
    plan_id: i64,
    section: Option<i64>,
    text: TaskText,
    lead: Option<i64>,
    timeframe: Option<String>,
) -> Result<i64> {
    let (plan, commune) = draft_plan(state, user, plan_id).await?;
    let sections = state.store.sections_of(plan_id).await?;
    let section = match section {
        Some(s) => Some(
            sections
                .iter()
                .find(|x| x.id == s)
                .ok_or_else(|| bad("Mục được chọn không thuộc kế hoạch này."))?,
        ),
        None => None,
    };
    if let Some(l) = lead {
        units_of_commune(state, &commune, &[l]).await?;
    }
    let (recurrence, certain, occurrences) =
        import::schedule_task(timeframe.as_deref(), plan_year(&plan)?);
    let task = store::NewTask {
        section: None,
        ref_label: section
            .map(|s| s.label.trim_end_matches(['.', ')']).to_string())
            .unwrap_or_default(),
        text: text.into_string(),
        lead_unit_id: lead,
        lead_text: None,
        partners: Vec::new(),
        timeframe,
        recurrence,
        schedule_certain: certain,
        occurrences,
    };
    Ok(state
        .store
        .add_task(user.id, plan_id, &task, section.map(|s| s.id))
        .await?)
}

/// What to change in a task; `None` keeps the current value.
#[derive(Debug, Default)]
pub struct TaskChange {
    pub text: Option<TaskText>,
    /// `Some(None)` leaves the task without a lead unit.
    pub lead: Option<Option<i64>>,
    /// The partner units of the commune; partners written in the plan that match no unit
    /// are kept.
    pub partners: Option<Vec<i64>>,
    /// `Some(None)` clears the time frame. A changed time frame makes the occurrences again
    /// (those with progress are kept).
    pub timeframe: Option<Option<String>>,
}

/// Changes a task's text, units or time frame (editors of the commune's plans, whatever
/// the plan's status: assignments change during the year).
pub async fn edit_task(
    state: &AppState,
    user: &User,
    task_id: i64,
    change: TaskChange,
) -> Result<()> {
    let v = visible_task(state, user, task_id).await?;
    if !user.actor().can_edit_plans(v.commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let lead = change.lead.unwrap_or(v.task.lead_unit_id);
    if let Some(l) = lead {
        units_of_commune(state, &v.commune, &[l]).await?;
    }
    let partners = match change.partners {
        Some(ids) => {
            let ids: Vec<i64> = ids.into_iter().filter(|p| Some(*p) != lead).collect();
            let names = units_of_commune(state, &v.commune, &ids).await?;
            let mut seen = std::collections::HashSet::new();
            ids.into_iter()
                .zip(names)
                .filter(|(id, _)| seen.insert(*id))
                .map(|(id, name)| (Some(id), name))
                .chain(v.partners.iter().filter(|p| p.0.is_none()).cloned())
                .collect()
        }
        None => v.partners.clone(),
    };
    let timeframe = change.timeframe.unwrap_or(v.task.timeframe.clone());
    let changed = timeframe != v.task.timeframe;
    let plan = state.store.plan(v.task.plan_id).await?;
    let (recurrence, certain, occurrences) =
        import::schedule_task(timeframe.as_deref(), plan_year(&plan)?);
    let edit = store::TaskEdit {
        text: change
            .text
            .map_or(v.task.text.clone(), TaskText::into_string),
        lead_unit_id: lead,
        partners,
        timeframe,
        recurrence: if changed {
            recurrence
        } else {
            v.task.recurrence.clone()
        },
        schedule_certain: if changed {
            certain
        } else {
            v.task.schedule_certain != 0
        },
    };
    state
        .store
        .update_task(
            user.id,
            task_id,
            &edit,
            changed.then_some(occurrences.as_slice()),
        )
        .await?;
    Ok(())
}

/// Adds an occurrence by hand (a task "theo kế hoạch của cấp trên" when the superior asks).
/// It starts today, or on its due date when that is already past. Returns its id.
pub async fn add_occurrence(
    state: &AppState,
    user: &User,
    task_id: i64,
    label: &OccurrenceLabel,
    due: NaiveDate,
) -> Result<i64> {
    let v = visible_task(state, user, task_id).await?;
    if !user.actor().can_edit_plans(v.commune.scope()) {
        return Err(AppError::Forbidden);
    }
    let starts = state.today().min(due).to_string();
    Ok(state
        .store
        .add_occurrence(user.id, task_id, label.as_str(), &starts, &due.to_string())
        .await?)
}

/// A progress update as received.
pub struct ProgressInput {
    pub occurrence_id: i64,
    pub status: OccurrenceStatus,
    pub percent: Percent,
    pub note: ProgressNote,
    pub evidence_url: Option<EvidenceUrl>,
    /// File name and bytes; at most [`MAX_EVIDENCE_BYTES`].
    pub evidence_file: Option<(String, Vec<u8>)>,
}

/// Largest evidence file.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// Records progress on one occurrence of a task, by its lead or partner unit (or the
/// commune's office and leaders). "Done" is stored as 100 %. Returns the update's id.
pub async fn record_progress(
    state: &AppState,
    user: &User,
    task_id: i64,
    input: ProgressInput,
) -> Result<i64> {
    let v = visible_task(state, user, task_id).await?;
    if !v.can_update(user) {
        return Err(AppError::Forbidden);
    }
    if !state
        .store
        .occurrences_of(task_id)
        .await?
        .iter()
        .any(|o| o.id == input.occurrence_id)
    {
        return Err(bad("Vui lòng chọn kỳ thực hiện của nhiệm vụ này."));
    }
    if input
        .evidence_file
        .as_ref()
        .is_some_and(|(_, b)| b.len() > MAX_EVIDENCE_BYTES)
    {
        return Err(bad("Tệp minh chứng quá lớn (tối đa 10 MB)."));
    }
    let percent = if input.status == OccurrenceStatus::Done {
        100
    } else {
        i64::from(input.percent.get())
    };
    let new = NewProgress {
        occurrence_id: input.occurrence_id,
        unit_id: user.unit_id,
        status: input.status.as_code().to_string(),
        percent,
        note: input.note.into_string(),
        evidence_url: input.evidence_url.map(EvidenceUrl::into_string),
        evidence_file: input.evidence_file.map(|(name, bytes)| {
            // Served back with this type: a known document or image, otherwise a download
            // of unknown bytes (never HTML, so nothing uploaded runs in the browser).
            let ct = crate::view::sniff_type(&bytes).unwrap_or("application/octet-stream");
            (name, ct.to_string(), bytes)
        }),
    };
    Ok(state.store.record_progress(user.id, &new).await?)
}

/// A step in a plan's life.
pub enum StatusChange {
    /// Draft → submitted for signature.
    Submit,
    /// Submitted → draft again (returned for changes).
    BackToDraft,
    /// Submitted → issued, with its number, date and the signed file (PDF or DOCX).
    Issue {
        number: DocNumber,
        issued_on: NaiveDate,
        signed: (String, Vec<u8>),
    },
    /// Issued → amended: a new draft version is made, the issued one is kept.
    Amend,
}

/// Moves a plan along its lifecycle (draft → submitted → issued → amended). Editors submit,
/// take back and amend; leaders issue. Returns the id of the plan to show next: the new
/// version after an amendment, the same plan otherwise.
pub async fn change_status(
    state: &AppState,
    user: &User,
    plan_id: i64,
    change: StatusChange,
) -> Result<i64> {
    let (plan, commune) = visible_plan(state, user, plan_id).await?;
    let actor = user.actor();
    let (may_edit, may_issue) = (
        actor.can_edit_plans(commune.scope()),
        actor.can_issue_plans(commune.scope()),
    );
    let allowed = match change {
        StatusChange::Issue { .. } => may_issue,
        _ => may_edit,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    match (change, plan.status()) {
        (StatusChange::Submit, PlanStatus::Draft) => {
            state
                .store
                .set_plan_status(user.id, plan_id, PlanStatus::Submitted, None, None)
                .await?;
        }
        (StatusChange::BackToDraft, PlanStatus::Submitted) => {
            state
                .store
                .set_plan_status(user.id, plan_id, PlanStatus::Draft, None, None)
                .await?;
        }
        (
            StatusChange::Issue {
                number,
                issued_on,
                signed: (name, bytes),
            },
            PlanStatus::Submitted,
        ) => {
            let ct = crate::view::sniff_type(&bytes)
                .filter(|ct| *ct == "application/pdf" || ct.starts_with("application/vnd.openxml"))
                .ok_or_else(|| bad("Bản đã ký phải là tệp PDF hoặc DOCX."))?;
            if bytes.len() > crate::plans::MAX_FILE_BYTES {
                return Err(bad("Tệp bản đã ký quá lớn (tối đa 10 MB)."));
            }
            state
                .store
                .issue_plan(
                    user.id,
                    plan_id,
                    number.as_str(),
                    &issued_on.to_string(),
                    (&name, ct, &bytes),
                )
                .await?;
        }
        (StatusChange::Amend, PlanStatus::Issued) => {
            let (sections, tasks) =
                plan_body(state, &plan, plan_year(&plan)?, &|t: &str| t.to_string()).await?;
            let new = store::NewPlan {
                commune_id: plan.commune_id,
                year: plan.year,
                title: plan.title.clone(),
                doc_number: None,
                origin: PlanOrigin::Amendment,
                previous_id: Some(plan.id),
                version: plan.version + 1,
                document_json: state.store.plan_document_json(plan.id).await?,
                source_text: None,
                sections,
                tasks,
            };
            return Ok(state.store.amend_plan(user.id, &new).await?);
        }
        _ => {
            return Err(bad(
                "Thao tác này không áp dụng cho kế hoạch ở trạng thái hiện tại.",
            ));
        }
    }
    Ok(plan_id)
}
