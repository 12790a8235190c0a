//! Tasks: their list, their page, additions and edits, occurrences added by hand, and
//! progress with evidence.

use chrono::NaiveDate;
use domain::audit::{AuditEvent, ProgressRecord, TaskState};
use domain::progress::{OccurrenceStatus, Percent, ProgressState};
use domain::text::{EvidenceUrl, OccurrenceLabel, ProgressNote, TaskText};
use domain::{PlanYear, Timeframe};
use serde::{Deserialize, Serialize};
use store::{
    Commune, NewProgress, NewTask, Object, Occurrence, Page, PageRequest, Plan, ProgressUpdate,
    SectionEdit, Task, TaskEdit, TaskFilter, TaskRow, TaskSort, Tx, Unit, User,
};

use crate::history::{HistoryRow, history_rows};
use crate::plans::{NOT_DRAFT, edit_conflict, plan_year, section_state};
use crate::{App, Error, RequestKey, Result, begin, import};

/// What a task list shows.
#[derive(Debug, Clone, Default)]
pub struct TaskQuery {
    pub commune: Option<i64>,
    pub plan: Option<i64>,
    pub unit: Option<i64>,
    pub query: String,
    pub only_overdue: bool,
    pub sort: Option<TaskSort>,
}

/// A commune's task list.
#[derive(Debug)]
pub struct TasksView {
    pub commune: Commune,
    pub units: Vec<Unit>,
    pub tasks: Page<TaskRow>,
}

/// A task's page.
#[derive(Debug)]
pub struct TaskView {
    pub task: Task,
    pub plan: Plan,
    pub commune: Commune,
    pub lead_name: Option<String>,
    pub partners: Vec<(Option<i64>, String)>,
    pub units: Vec<Unit>,
    pub occurrences: Vec<Occurrence>,
    pub updates: Page<ProgressUpdate>,
    pub history: Page<HistoryRow>,
    pub can_update: bool,
    pub can_edit: bool,
    /// The occurrence the progress form proposes: the first open one by due date.
    pub next_open: Option<i64>,
    /// Register entries recorded as carrying out this task (its evidence): (register,
    /// entry id, title without personal fields, state, ISO date).
    pub entries: Vec<(domain::register::RegisterKind, i64, String, String, String)>,
    pub today: NaiveDate,
}

/// A task to add to a draft plan.
#[derive(Debug, Clone)]
pub struct NewTaskInput {
    pub section: Option<i64>,
    pub text: TaskText,
    pub lead: Option<i64>,
    /// As typed; checked against the plan's year ([`Timeframe::parse`]).
    pub timeframe: String,
}

/// What to change in a task; `None` keeps the current value.
#[derive(Debug, Default, Clone)]
pub struct TaskChange {
    pub text: Option<TaskText>,
    /// `Some(None)` leaves the task without a lead unit.
    pub lead: Option<Option<i64>>,
    /// The partner units of the commune; partners written in the plan that match no unit
    /// are kept.
    pub partners: Option<Vec<i64>>,
    /// The time frame as typed (checked against the plan's year; `Some("")` clears it). A
    /// changed time frame makes the occurrences again (those with progress are kept).
    pub timeframe: Option<String>,
    /// The version the change was made from (`None`: the current one, as an API call that
    /// does not say).
    pub version: Option<i64>,
}

/// A progress update as typed.
#[derive(Debug, Clone)]
pub struct ProgressInput {
    pub occurrence_id: i64,
    pub status: OccurrenceStatus,
    /// `None`: implied by the status ([`ProgressState::implied`]).
    pub percent: Option<Percent>,
    pub note: ProgressNote,
    pub evidence_url: Option<EvidenceUrl>,
    /// File name and bytes.
    pub evidence_file: Option<(String, Vec<u8>)>,
}

/// The id of a record a use case made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Id(pub i64);

fn task_state(t: &Task, lead: Option<String>, partners: &[(Option<i64>, String)]) -> TaskState {
    TaskState {
        reference: t.ref_label.clone(),
        text: t.text.clone(),
        lead,
        partners: partners.iter().map(|p| p.1.clone()).collect(),
        timeframe: t.timeframe.clone(),
    }
}

fn unit_name(units: &[Unit], id: Option<i64>) -> Option<String> {
    id.and_then(|i| units.iter().find(|u| u.id == i).map(|u| u.name.clone()))
}

/// Checks that every id names a unit of the commune and returns their names, in order.
fn units_named(units: &[Unit], ids: &[i64]) -> Result<Vec<String>> {
    ids.iter()
        .map(|id| {
            units
                .iter()
                .find(|u| u.id == *id)
                .map(|u| u.name.clone())
                .ok_or_else(|| {
                    Error::invalid("lead", "Đơn vị được chọn không thuộc xã, phường này.")
                })
        })
        .collect()
}

impl App {
    /// A task, its plan and commune, when `user` may see them.
    async fn visible_task(
        &self,
        db: &mut store::Db,
        user: &User,
        id: i64,
    ) -> Result<(Task, Commune)> {
        let task = db.task(id).await?;
        let commune = db.commune(task.commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::Forbidden);
        }
        Ok((task, commune))
    }

    /// A commune's tasks, filtered, sorted and paged in SQL; `page` `None`: all of them
    /// (export).
    pub async fn tasks_list(
        &self,
        user: &User,
        q: &TaskQuery,
        page: Option<PageRequest>,
    ) -> Result<TasksView> {
        let commune = self
            .commune_in_view(user, q.commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        let mut db = self.read().await?;
        let filter = TaskFilter {
            commune_id: commune.id,
            plan_id: q.plan,
            unit_id: q.unit,
            query: Some(q.query.trim().chars().take(200).collect::<String>())
                .filter(|s| !s.is_empty()),
            only_overdue: q.only_overdue,
        };
        let tasks = db
            .tasks_page(
                &filter,
                q.sort.unwrap_or(TaskSort::Ref),
                &self.today().to_string(),
                page,
            )
            .await?;
        Ok(TasksView {
            units: db.units_of(commune.id).await?,
            commune,
            tasks,
        })
    }

    /// A task's page: the task, its occurrences, a page of its progress and of its history.
    pub async fn task_view(&self, user: &User, id: i64, page: PageRequest) -> Result<TaskView> {
        let mut db = self.read().await?;
        let (task, commune) = self.visible_task(&mut db, user, id).await?;
        let partners = db.task_partners(id).await?;
        let units = db.units_of(commune.id).await?;
        let plan = db.plan(task.plan_id).await?;
        let occurrences = db.occurrences_of(id).await?;
        let updates = db.progress_of_task(id, page).await?;
        let history = db.history(Object::Task(id), PageRequest::first()).await?;
        let entries = db
            .entries_of_task(id)
            .await?
            .into_iter()
            .filter_map(|e| {
                let kind = domain::register::RegisterKind::parse(&e.register)?;
                let state = domain::register::EntryState::parse(&e.state)?;
                Some((kind, e.id, e.title, state.label_vi().to_string(), e.on_date))
            })
            .collect();
        let actor = user.actor();
        let partner_ids: Vec<i64> = partners.iter().filter_map(|p| p.0).collect();
        Ok(TaskView {
            entries,
            can_update: actor.can_update_task(commune.scope(), task.lead_unit_id, &partner_ids),
            can_edit: actor.can_edit_plans(commune.scope()),
            lead_name: unit_name(&units, task.lead_unit_id),
            next_open: occurrences
                .iter()
                .filter(|o| !o.status.is_closed())
                .min_by(|a, b| a.due_on.cmp(&b.due_on).then(a.seq.cmp(&b.seq)))
                .map(|o| o.id),
            history: history_rows(&mut db, history).await?,
            today: self.today(),
            occurrences,
            updates,
            partners,
            units,
            plan,
            commune,
            task,
        })
    }

    /// A task with its partners and occurrences (API).
    pub async fn task_detail(
        &self,
        user: &User,
        id: i64,
    ) -> Result<(
        Task,
        Vec<(Option<i64>, String)>,
        Vec<Occurrence>,
        Page<ProgressUpdate>,
    )> {
        let mut db = self.read().await?;
        let (task, _) = self.visible_task(&mut db, user, id).await?;
        Ok((
            task,
            db.task_partners(id).await?,
            db.occurrences_of(id).await?,
            db.progress_of_task(id, PageRequest::new(1, 100)).await?,
        ))
    }

    /// Every task of a plan with its occurrences, in plan order.
    pub async fn plan_occurrences(
        &self,
        user: &User,
        plan_id: i64,
    ) -> Result<Vec<(TaskRow, Vec<Occurrence>)>> {
        let mut db = self.read().await?;
        self.visible_plan(&mut db, user, plan_id).await?;
        let tasks = db.tasks_of_plan(plan_id, &self.today().to_string()).await?;
        let mut occ = db.occurrences_of_plan(plan_id).await?;
        Ok(tasks
            .into_iter()
            .map(|t| {
                let mine: Vec<Occurrence> =
                    occ.iter().filter(|o| o.task_id == t.id).cloned().collect();
                occ.retain(|o| o.task_id != t.id);
                (t, mine)
            })
            .collect())
    }

    /// The evidence file of a progress update, when the user may see its task.
    pub async fn evidence(&self, user: &User, update_id: i64) -> Result<(String, String, Vec<u8>)> {
        let mut db = self.read().await?;
        let (task_id, name, ct, bytes) = db.evidence_file(update_id).await?;
        self.visible_task(&mut db, user, task_id).await?;
        Ok((name, ct, bytes))
    }

    /// Adds a task to a draft plan, under `section` (of the same plan) or none, led by a
    /// unit of the commune or unassigned; its occurrences are made from the time frame.
    pub async fn add_task(
        &self,
        user: &User,
        plan_id: i64,
        input: NewTaskInput,
        key: Option<&RequestKey>,
    ) -> Result<Id> {
        let mut w = begin!(self, user.id, key);
        w.tx.lock_plan(plan_id).await?;
        let (plan, commune) = self.visible_plan(&mut w.tx, user, plan_id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        if plan.status != domain::plan::PlanStatus::Draft {
            return Err(Error::invalid("status", NOT_DRAFT));
        }
        let section = match input.section {
            Some(s) => Some(w.tx.section(plan_id, s).await.map_err(|_| {
                Error::invalid("section", "Mục được chọn không thuộc kế hoạch này.")
            })?),
            None => None,
        };
        let units = w.tx.units_of(commune.id).await?;
        if let Some(l) = input.lead {
            units_named(&units, &[l])?;
        }
        let year = plan_year(&plan)?;
        let timeframe = Timeframe::parse(&input.timeframe, year)?;
        let (recurrence, certain, occurrences) =
            import::schedule_task(timeframe.as_ref().map(Timeframe::as_str), year);
        let task = NewTask {
            section: None,
            ref_label: section
                .as_ref()
                .map(|s| s.label.trim_end_matches(['.', ')']).to_string())
                .unwrap_or_default(),
            text: input.text.into_string(),
            lead_unit_id: input.lead,
            lead_text: None,
            partners: Vec::new(),
            timeframe: timeframe.map(Timeframe::into_string),
            recurrence,
            schedule_certain: certain,
            occurrences,
        };
        let id =
            w.tx.add_task(plan_id, commune.id, &task, section.map(|s| s.id))
                .await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Task(id),
            &AuditEvent::TaskCreated {
                task: TaskState {
                    reference: task.ref_label.clone(),
                    text: task.text.clone(),
                    lead: unit_name(&units, task.lead_unit_id),
                    partners: Vec::new(),
                    timeframe: task.timeframe.clone(),
                },
            },
        )
        .await?;
        let id = Id(id);
        w.finish(&id).await?;
        Ok(id)
    }

    /// Changes a task's text, units or time frame (editors of the commune's plans, whatever
    /// the plan's status: assignments change during the year). A change made from an older
    /// version than the one stored is a [`crate::Conflict`] with both texts; nothing is
    /// saved.
    pub async fn edit_task(
        &self,
        user: &User,
        task_id: i64,
        change: TaskChange,
        key: Option<&RequestKey>,
    ) -> Result<Task> {
        let mut w = begin!(self, user.id, key);
        w.tx.lock_task(task_id).await?;
        let (task, commune) = self.visible_task(&mut w.tx, user, task_id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let version = change.version.unwrap_or(task.version);
        if version != task.version {
            let yours = change
                .text
                .as_ref()
                .map_or(task.text.as_str(), |t| t.as_str());
            return Err(edit_conflict(&task.text, yours));
        }
        let units = w.tx.units_of(commune.id).await?;
        let before_partners = w.tx.task_partners(task_id).await?;
        let lead = change.lead.unwrap_or(task.lead_unit_id);
        if let Some(l) = lead {
            units_named(&units, &[l])?;
        }
        let partners = match change.partners {
            Some(ids) => {
                let ids: Vec<i64> = ids.into_iter().filter(|p| Some(*p) != lead).collect();
                let names = units_named(&units, &ids)?;
                let mut seen = std::collections::HashSet::new();
                ids.into_iter()
                    .zip(names)
                    .filter(|(id, _)| seen.insert(*id))
                    .map(|(id, name)| (Some(id), name))
                    .chain(before_partners.iter().filter(|p| p.0.is_none()).cloned())
                    .collect()
            }
            None => before_partners.clone(),
        };
        let plan = w.tx.plan(task.plan_id).await?;
        let year = plan_year(&plan)?;
        let timeframe = match &change.timeframe {
            // Unchanged text keeps what the document said, even if it is not a time.
            Some(t) if Some(t.trim()) == task.timeframe.as_deref() => task.timeframe.clone(),
            Some(t) => Timeframe::parse(t, year)?.map(Timeframe::into_string),
            None => task.timeframe.clone(),
        };
        let changed = timeframe != task.timeframe;
        let (recurrence, certain, occurrences) = import::schedule_task(timeframe.as_deref(), year);
        let edit = TaskEdit {
            text: change.text.map_or(task.text.clone(), TaskText::into_string),
            lead_unit_id: lead,
            partners,
            timeframe,
            recurrence: if changed { recurrence } else { task.recurrence },
            schedule_certain: if changed {
                certain
            } else {
                task.schedule_certain != 0
            },
            version,
        };
        w.tx.update_task(task_id, &edit, changed.then_some(occurrences.as_slice()))
            .await?;
        if edit.text != task.text {
            reword_in_sections(&mut w.tx, user, commune.id, &task, &edit.text).await?;
        }
        let after = Task {
            text: edit.text.clone(),
            lead_unit_id: edit.lead_unit_id,
            timeframe: edit.timeframe.clone(),
            recurrence: edit.recurrence,
            schedule_certain: i64::from(edit.schedule_certain),
            version: version + 1,
            ..task.clone()
        };
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Task(task_id),
            &AuditEvent::TaskChanged {
                before: task_state(
                    &task,
                    unit_name(&units, task.lead_unit_id),
                    &before_partners,
                ),
                after: task_state(
                    &after,
                    unit_name(&units, after.lead_unit_id),
                    &edit.partners,
                ),
            },
        )
        .await?;
        w.finish(&after).await?;
        Ok(after)
    }
}

/// Where an imported task's old wording stands verbatim in its section (its own section or
/// one below it; any section when the task has none), the first such place takes the new
/// wording, so the exported plan says the task once, as it now reads (issue 13, defect e:
/// the export writes a task the sections do not hold as an item of its own). A wording
/// that does not stand verbatim anywhere (a task added by hand) changes no section.
async fn reword_in_sections(
    tx: &mut Tx,
    user: &User,
    commune_id: i64,
    task: &Task,
    text: &str,
) -> Result<()> {
    let old = task.text.trim();
    if old.is_empty() {
        return Ok(());
    }
    let sections = tx.sections_of(task.plan_id).await?;
    let Some(before) = crate::export::task_scope(&sections, task.section_id)
        .find(|s| s.title.contains(old) || s.body.contains(old))
    else {
        return Ok(());
    };
    let edit = SectionEdit {
        label: before.label.clone(),
        title: before.title.replacen(old, text, 1),
        body: if before.title.contains(old) {
            before.body.clone()
        } else {
            before.body.replacen(old, text, 1)
        },
        version: before.version,
    };
    tx.update_section(task.plan_id, before.id, &edit).await?;
    let after = store::Section {
        label: edit.label,
        title: edit.title,
        body: edit.body,
        version: before.version + 1,
        ..before.clone()
    };
    tx.record(
        Some(user.id),
        Some(commune_id),
        Object::Plan(task.plan_id),
        &AuditEvent::SectionChanged {
            before: section_state(before),
            after: section_state(&after),
        },
    )
    .await?;
    Ok(())
}

impl App {
    /// Adds an occurrence by hand (a task "theo kế hoạch của cấp trên" when the superior
    /// asks). It starts today, or on its due date when that is already past.
    pub async fn add_occurrence(
        &self,
        user: &User,
        task_id: i64,
        label: &OccurrenceLabel,
        due: NaiveDate,
        key: Option<&RequestKey>,
    ) -> Result<Id> {
        PlanYear::parse(chrono::Datelike::year(&due))?;
        let mut w = begin!(self, user.id, key);
        w.tx.lock_task(task_id).await?;
        let (_, commune) = self.visible_task(&mut w.tx, user, task_id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let starts = self.today().min(due).to_string();
        let id =
            w.tx.add_occurrence(task_id, label.as_str(), &starts, &due.to_string())
                .await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Task(task_id),
            &AuditEvent::OccurrenceAdded {
                label: label.as_str().to_string(),
                due_on: due,
            },
        )
        .await?;
        let id = Id(id);
        w.finish(&id).await?;
        Ok(id)
    }

    /// Records progress on one occurrence of a task, by its lead or partner unit (or the
    /// commune's office and leaders). The status and percentage must agree
    /// ([`ProgressState`]).
    pub async fn record_progress(
        &self,
        user: &User,
        task_id: i64,
        input: ProgressInput,
        key: Option<&RequestKey>,
    ) -> Result<Id> {
        if let Some((_, b)) = &input.evidence_file
            && b.len() > self.config.limits.max_file_bytes
        {
            return Err(self.file_too_big(b.len()));
        }
        let mut w = begin!(self, user.id, key);
        let id = self.progress_in(&mut w.tx, user, task_id, input).await?;
        let id = Id(id);
        w.finish(&id).await?;
        Ok(id)
    }

    /// Records many progress updates by one user in one unit of work (bulk loads: each
    /// checked as [`App::record_progress`] checks it, in order; either all are stored or
    /// none is).
    pub async fn record_progress_batch(
        &self,
        user: &User,
        updates: Vec<(i64, ProgressInput)>,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        let n = updates.len();
        for (task_id, input) in updates {
            self.progress_in(&mut tx, user, task_id, input).await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    async fn progress_in(
        &self,
        tx: &mut Tx,
        user: &User,
        task_id: i64,
        input: ProgressInput,
    ) -> Result<i64> {
        let (task, commune) = self.visible_task(tx, user, task_id).await?;
        let partners = tx.task_partners(task_id).await?;
        let partner_ids: Vec<i64> = partners.iter().filter_map(|p| p.0).collect();
        if !user
            .actor()
            .can_update_task(commune.scope(), task.lead_unit_id, &partner_ids)
        {
            return Err(Error::Forbidden);
        }
        let before = tx
            .occurrence(input.occurrence_id)
            .await
            .ok()
            .filter(|o| o.task_id == task_id)
            .ok_or_else(|| {
                Error::invalid("occurrence", "Vui lòng chọn kỳ thực hiện của nhiệm vụ này.")
            })?;
        let reached = Percent::new(before.percent).unwrap_or(Percent::ZERO);
        let state = ProgressState::implied(input.status, input.percent, reached)?;
        let evidence_name = input
            .evidence_file
            .as_ref()
            .map(|(n, _)| crate::plans::clean_filename(n));
        let new = NewProgress {
            occurrence_id: before.id,
            unit_id: user.unit_id,
            state,
            note: input.note.as_str().to_string(),
            evidence_url: input.evidence_url.as_ref().map(|u| u.as_str().to_string()),
            evidence_file: input.evidence_file.map(|(name, bytes)| {
                // Served back with this type: a known document or image, otherwise a
                // download of unknown bytes (never HTML, so nothing uploaded runs in the
                // browser).
                let ct = crate::plans::sniff_type(&bytes).unwrap_or("application/octet-stream");
                (crate::plans::clean_filename(&name), ct.to_string(), bytes)
            }),
        };
        let id = tx.record_progress(user.id, &new).await?;
        tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Task(task_id),
            &AuditEvent::ProgressRecorded {
                occurrence: before.label.clone(),
                before_status: before.status,
                before_percent: before.percent.clamp(0, 100) as u8,
                after: ProgressRecord {
                    status: state.status(),
                    percent: state.percent().get(),
                    note: new.note.clone(),
                    evidence_url: new.evidence_url.clone(),
                    evidence_file: evidence_name,
                },
            },
        )
        .await?;
        Ok(id)
    }
}
