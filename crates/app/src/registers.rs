//! The registers (issue 10): the overview with each register's counts, a register's list
//! and figures, an entry's page, recording and changing entries, moving them along their
//! states, and the log of reads of personal data. Every use case takes the register's
//! definition ([`domain::register::Register`]) and nothing register-specific is written
//! here.
//!
//! Personal data (Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP): lists and figures never read the
//! personal payload; an entry's page shows it only to [`domain::access::Actor::can_see_personal`]
//! and logs each showing, in the same transaction; exports log every entry they carry.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::audit::{AuditEvent, AuditField};
use domain::register::{
    Due, DueSettings, Entry, EntryState, FieldError, Register, RegisterKind, country,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use store::{
    Commune, EntryColumns, EntryFigures, EntryFile, EntryFilter, EntryRow, EntrySort, Object, Page,
    PageRequest, PersonalReadRow, User,
};

use crate::history::{HistoryRow, history_rows};
use crate::tasks::Id;
use crate::{App, Error, RequestKey, Result, begin};

/// The object type of entries in the audit trail and the personal-data log.
const OBJECT: &str = "register_entry";

/// Whether the files of `register`'s entries count as personal data: a register that
/// holds personal fields keeps files that name people (a decision sending a delegation
/// lists its members; a residence document copies a passport), so they follow the rules
/// of its personal fields.
fn files_personal(register: &Register) -> bool {
    register.personal_fields().next().is_some()
}

/// A file's name as the history keeps it: redacted for a register whose files are personal
/// data (a name such as "Hộ chiếu Nguyễn Văn A.pdf" is itself personal, and the history is
/// read by roles that may not see it).
fn audit_filename(register: &Register, name: String) -> String {
    if files_personal(register) {
        domain::audit::REDACTED.to_string()
    } else {
        name
    }
}

/// One register on the overview: its counts.
#[derive(Debug, Clone)]
pub struct RegisterCount {
    pub kind: RegisterKind,
    pub entries: i64,
    /// Open items due within 30 days (overdue included).
    pub due_soon: i64,
    pub overdue: i64,
}

/// The "Sổ theo dõi" page: every register of a commune with its counts.
#[derive(Debug)]
pub struct RegistersView {
    pub commune: Commune,
    pub registers: Vec<RegisterCount>,
    pub border: bool,
}

/// What a register list shows.
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    pub commune: Option<i64>,
    pub state: Option<EntryState>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub query: String,
    /// ISO alpha-2.
    pub country: Option<String>,
    pub only_due: bool,
    pub sort: Option<EntrySort>,
    /// Leave each row's values out (a page shows only its columns: dates, people,
    /// countries, state, due item); lists for the API and exports keep them.
    pub without_values: bool,
}

/// A row of a register list as shown: no personal field.
#[derive(Debug, Clone)]
pub struct EntrySummary {
    pub id: i64,
    pub title: String,
    pub state: EntryState,
    pub on_date: String,
    pub end_date: Option<String>,
    pub members: Option<i64>,
    pub due: Option<(String, String)>,
    pub unit_name: Option<String>,
    pub in_plan: bool,
    pub unplanned: bool,
    /// The entry holds personal fields (the list shows that, not what they are).
    pub has_personal: bool,
    /// The countries it counts under, by name.
    pub countries: Vec<String>,
    /// The non-personal values (empty when the query asked `without_values`).
    pub entry: Entry,
}

impl EntrySummary {
    /// The cell of a list column: the columns the store keeps (dates, people, countries)
    /// without reading the values; any other field from the values.
    pub fn cell(&self, key: &str) -> String {
        let roles = self.entry.register().roles;
        if Some(key) == roles.window {
            crate::format::short_date(&self.on_date)
        } else if Some(key) == roles.end {
            self.end_date
                .as_deref()
                .map(crate::format::short_date)
                .unwrap_or_default()
        } else if Some(key) == roles.members {
            self.members.map(|m| m.to_string()).unwrap_or_default()
        } else if Some(key) == roles.countries {
            self.countries.join(", ")
        } else {
            self.entry.shown(key)
        }
    }
}

/// A register's list and its figures for the list's window.
#[derive(Debug)]
pub struct RegisterListView {
    pub commune: Commune,
    pub register: &'static Register,
    pub entries: Page<EntrySummary>,
    pub figures: Figures,
    pub can_record: bool,
}

/// A register's figures for a window (`doingoai register stats`, the register page, the
/// reports), with the consistency warnings of registers-reports.md §3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Figures {
    pub kind: RegisterKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Entries in the window, in the states that count (a delegation once it left, a
    /// conference once held, aid once approved; never a cancelled one).
    pub count: i64,
    /// Sum of the entries' numbers of people (số lượt người).
    pub member_trips: Option<i64>,
    /// People counted once however many entries list them (số người); `None` unless every
    /// counted entry has its member list recorded.
    pub distinct_persons: Option<i64>,
    /// Country name → entries (an entry to two countries counts under both).
    pub by_country: BTreeMap<String, i64>,
    pub pledged_vnd: Option<i64>,
    /// Disbursements dated in the window, of the counted entries.
    pub disbursed_vnd: Option<i64>,
    /// State code → entries in the window, every state (counted or not).
    pub by_state: BTreeMap<String, i64>,
    /// Broken consistency rules, in Vietnamese.
    pub warnings: Vec<String>,
}

/// An entry's page.
#[derive(Debug)]
pub struct EntryView {
    pub id: i64,
    pub commune: Commune,
    pub register: &'static Register,
    pub state: EntryState,
    /// The values shown: with the personal fields only when `personal_shown`.
    pub entry: Entry,
    pub personal_shown: bool,
    /// The entry holds personal fields this user may not see.
    pub personal_hidden: bool,
    /// The personal fields were removed after the retention period.
    pub personal_removed: bool,
    pub version: i64,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub task: Option<(i64, String)>,
    pub unplanned: bool,
    pub due: Option<(String, String)>,
    pub can_edit: bool,
    pub next_states: Vec<EntryState>,
    pub history: Page<HistoryRow>,
    /// The entry's files; empty when `files_hidden`.
    pub files: Vec<EntryFile>,
    /// How many files the entry has that this user may not open (those of an entry whose
    /// register holds personal data, for a user who may not see it).
    pub files_hidden: usize,
    /// The plan whose annex planned the entry: (id, "Kế hoạch … năm …").
    pub planned_in: Option<(i64, String)>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An entry as typed: its values as text (a form, a spreadsheet row, an API body all give
/// text), its state, the task it carries out or the "unplanned" mark, its owning unit.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    pub values: BTreeMap<String, String>,
    /// `None`: the register's first state (new), or unchanged (edit).
    pub state: Option<EntryState>,
    pub task: Option<i64>,
    pub unplanned: bool,
    /// The owning unit; unit staff always own what they record.
    pub unit: Option<i64>,
    /// The version the edit was made from (`None`: the current one).
    pub version: Option<i64>,
}

/// Why an entry was refused: every field's message (the form shows each beside its field
/// and keeps what was typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryErrors(pub Vec<FieldError>);

impl EntryErrors {
    fn into_error(self) -> Error {
        let keys: Vec<&str> = self.0.iter().map(|e| e.key).collect();
        let english = format!("invalid entry fields: {}", keys.join(", "));
        Error::invalid_fields(
            self.0.into_iter().map(|e| (e.key, e.message)).collect(),
            english,
        )
    }
}

/// An entry's open item, beside task occurrences on the dashboard and "Việc của tôi".
#[derive(Debug, Clone)]
pub struct DueEntry {
    pub id: i64,
    pub kind: RegisterKind,
    pub title: String,
    /// ISO date.
    pub due_on: String,
    pub what: String,
    pub overdue: bool,
}

/// The open items of entries of `communes` (of `unit`'s entries only, when given) due
/// within 30 days of `today`, overdue ones included, earliest first.
pub(crate) async fn due_entries(
    db: &mut store::Db,
    communes: &[i64],
    unit: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<DueEntry>> {
    let before = (today + chrono::Duration::days(30)).to_string();
    // The earliest 30: the page says how to see the rest (the register's list, by due date).
    let rows = db.entries_due(communes, unit, &before, 30).await?;
    let today = today.to_string();
    rows.into_iter()
        .map(|r| {
            Ok(DueEntry {
                id: r.id,
                kind: register_of(&r.register)?.kind,
                title: r.title,
                overdue: r.due_on.as_deref().is_some_and(|d| d < today.as_str()),
                due_on: r.due_on.unwrap_or_default(),
                what: r.due_what.unwrap_or_default(),
            })
        })
        .collect()
}

/// A logged read of personal data, as the log page shows it.
#[derive(Debug)]
pub struct PersonalLogView {
    pub commune: Commune,
    pub reads: Page<PersonalReadRow>,
}

fn vi_date(iso: &str) -> String {
    crate::format::short_date(iso)
}

fn due_pair(on: Option<&str>, what: Option<&str>) -> Option<(String, String)> {
    Some((on?.to_string(), what?.to_string()))
}

/// The stored values of an entry (public and, when given, personal) as one map.
pub(crate) fn stored_values(
    public: &str,
    personal: Option<&str>,
) -> Result<BTreeMap<String, String>> {
    let mut m: BTreeMap<String, String> =
        serde_json::from_str(public).map_err(|e| Error::Internal(format!("entry payload: {e}")))?;
    if let Some(p) = personal {
        let p: BTreeMap<String, String> = serde_json::from_str(p)
            .map_err(|e| Error::Internal(format!("entry personal payload: {e}")))?;
        m.extend(p);
    }
    Ok(m)
}

fn register_of(code: &str) -> Result<&'static Register> {
    RegisterKind::parse(code)
        .map(RegisterKind::def)
        .ok_or_else(|| Error::Internal(format!("unknown register {code:?}")))
}

fn state_of(code: &str) -> Result<EntryState> {
    EntryState::parse(code).ok_or_else(|| Error::Internal(format!("unknown state {code:?}")))
}

/// What identifies a person of a list for the distinct count, hashed so the store keeps
/// no second copy of the names.
fn person_key(identity: &str) -> String {
    hex::encode(Sha256::digest(identity.as_bytes()))
}

/// The store's columns of an entry, from its definition: the window date (or `recorded`
/// for registers without one), the figures' inputs, the open due item.
pub(crate) fn columns(
    entry: &Entry,
    state: EntryState,
    settings: DueSettings,
    recorded: NaiveDate,
    input: &EntryInput,
    unit: Option<i64>,
) -> Result<EntryColumns> {
    let (public, personal) = entry.stored();
    let json = |m: &BTreeMap<String, String>| {
        serde_json::to_string(m).map_err(|e| Error::Internal(format!("entry json: {e}")))
    };
    let due = entry.due(state, settings);
    Ok(EntryColumns {
        state: state.code().to_string(),
        unit_id: unit,
        task_id: input.task,
        unplanned: input.task.is_none() && input.unplanned,
        title: entry.title(false),
        payload: json(&public)?,
        personal: if personal.is_empty() {
            None
        } else {
            Some(json(&personal)?)
        },
        search_text: entry.search_text(),
        on_date: entry.window_date().unwrap_or(recorded).to_string(),
        end_date: entry.end_date().map(|d| d.to_string()),
        members: entry.members(),
        pledged_vnd: entry.pledged(),
        due_on: due.map(|d: Due| d.on.to_string()),
        due_what: due.map(|d| d.what.to_string()),
        countries: entry
            .countries()
            .iter()
            .map(|c| c.alpha2.to_string())
            .collect(),
        people: entry
            .people()
            .unwrap_or_default()
            .iter()
            .map(|p| person_key(&p.identity()))
            .collect(),
        disbursements: entry
            .disbursements()
            .iter()
            .map(|(d, a)| (d.to_string(), *a))
            .collect(),
        plan_id: None,
    })
}

/// The audit fields of an entry with its state and plan link (never a personal value).
pub(crate) fn audit_fields(
    entry: &Entry,
    state: EntryState,
    task: Option<&str>,
) -> Vec<AuditField> {
    let mut f = vec![AuditField::new(
        "state",
        "Trạng thái",
        state.label_vi(),
        false,
    )];
    f.push(AuditField::new(
        "task",
        "Nhiệm vụ trong kế hoạch",
        task.unwrap_or("phát sinh ngoài kế hoạch"),
        false,
    ));
    f.extend(entry.audit_fields());
    f
}

/// The fields of `after` that differ from `before`, each side (all when none differ).
fn changed(before: Vec<AuditField>, after: Vec<AuditField>) -> (Vec<AuditField>, Vec<AuditField>) {
    let b: Vec<AuditField> = before
        .iter()
        .filter(|f| !after.contains(f))
        .cloned()
        .collect();
    let a: Vec<AuditField> = after
        .iter()
        .filter(|f| !before.contains(f))
        .cloned()
        .collect();
    (b, a)
}

impl App {
    async fn due_settings(&self, db: &mut store::Db, commune: &Commune) -> Result<DueSettings> {
        Ok(DueSettings {
            trip_report_days: db.trip_report_days(commune.province_id).await?,
        })
    }

    /// Stores the entries a plan's annex tables plan ([`crate::planned`]), in the
    /// transaction that makes the plan: state "Dự kiến", tied to the plan. An entry a plan
    /// of the same year already planned (the same register and name, folded) is left out,
    /// so importing the plan again does not plan it twice. Returns how many were stored.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn plan_annex_entries(
        &self,
        tx: &mut store::Tx,
        user: &User,
        commune: &Commune,
        plan_id: i64,
        year: i64,
        plan_title: &str,
        annex: &document::model::Delegations,
    ) -> Result<usize> {
        let planned = crate::planned::planned_entries(annex);
        if planned.is_empty() {
            return Ok(0);
        }
        let settings = self.due_settings(tx, commune).await?;
        let input = EntryInput::default();
        let origin = format!("dự kiến trong {plan_title}");
        let mut stored = 0;
        for kind in [
            RegisterKind::DoanRa,
            RegisterKind::DoanVao,
            RegisterKind::HoiNghi,
        ] {
            let register = kind.def();
            let mut seen: std::collections::HashSet<String> = tx
                .planned_titles(commune.id, register.slug, year)
                .await?
                .iter()
                .map(|t| store::fold(t))
                .collect();
            let mut rows = Vec::new();
            for p in planned.iter().filter(|p| p.kind == kind) {
                if !seen.insert(store::fold(&p.entry.title(false))) {
                    continue;
                }
                let state = register.initial();
                let mut cols = columns(&p.entry, state, settings, self.today(), &input, None)?;
                cols.plan_id = Some(plan_id);
                let event = AuditEvent::RecordCreated {
                    register: register.slug.to_string(),
                    fields: audit_fields(&p.entry, state, Some(&origin)),
                };
                rows.push((cols, event));
            }
            stored += rows.len();
            tx.insert_entries(commune.id, register.slug, &rows, Some(user.id))
                .await?;
        }
        Ok(stored)
    }

    /// The "Sổ theo dõi" page of a commune: the twelve registers with their counts (the
    /// agreements register only for a border commune, or when it holds entries).
    pub async fn registers_overview(
        &self,
        user: &User,
        commune: Option<i64>,
    ) -> Result<Option<RegistersView>> {
        let Some(commune) = self.commune_in_view(user, commune).await? else {
            return Ok(None);
        };
        let mut db = self.read().await?;
        let today = self.today();
        let counts = db
            .register_counts(
                commune.id,
                &today.to_string(),
                &(today + chrono::Duration::days(30)).to_string(),
            )
            .await?;
        let border = db.commune_border(commune.id).await?;
        let registers = RegisterKind::ALL
            .iter()
            .map(|k| {
                let c = counts.iter().find(|c| c.0 == k.slug());
                RegisterCount {
                    kind: *k,
                    entries: c.map_or(0, |c| c.1),
                    due_soon: c.map_or(0, |c| c.2),
                    overdue: c.map_or(0, |c| c.3),
                }
            })
            .filter(|r| border || !r.kind.def().border_only || r.entries > 0)
            .collect();
        Ok(Some(RegistersView {
            commune,
            registers,
            border,
        }))
    }

    /// A register's list, filtered, sorted and paged in SQL (`page` `None`: every row, for
    /// exports, which log nothing: lists carry no personal field), and its figures for the
    /// list's window (the calendar year of today when none is given).
    pub async fn register_list(
        &self,
        user: &User,
        kind: RegisterKind,
        q: &EntryQuery,
        page: Option<PageRequest>,
    ) -> Result<RegisterListView> {
        let commune = self
            .commune_in_view(user, q.commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        let register = kind.def();
        let mut db = self.read().await?;
        let filter = EntryFilter {
            commune_id: commune.id,
            register: register.slug.to_string(),
            state: q.state.map(|s| s.code().to_string()),
            from: q.from.map(|d| d.to_string()),
            to: q.to.map(|d| d.to_string()),
            query: Some(q.query.trim().chars().take(200).collect::<String>())
                .filter(|s| !s.is_empty()),
            country: q.country.clone(),
            task_id: None,
            due_before: q
                .only_due
                .then(|| (self.today() + chrono::Duration::days(30)).to_string()),
            without_payload: q.without_values,
        };
        let rows = db
            .entries_page(&filter, q.sort.unwrap_or(EntrySort::DateDesc), page)
            .await?;
        let ids: Vec<i64> = rows.rows.iter().map(|r| r.id).collect();
        let countries = if register.roles.countries.is_some() {
            db.countries_of_entries(&ids).await?
        } else {
            Vec::new()
        };
        let entries = rows_to_summaries(rows, &countries)?;
        let year = chrono::Datelike::year(&self.today());
        let from = q
            .from
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).unwrap());
        let to =
            q.to.unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 12, 31).unwrap());
        let figures = figures(&mut db, &commune, register, from, to).await?;
        let actor = user.actor();
        Ok(RegisterListView {
            can_record: actor.can_record_entries(commune.scope(), user.unit_id),
            commune,
            register,
            entries,
            figures,
        })
    }

    /// A register's figures for a commune and a window (`doingoai register stats`).
    pub async fn register_figures(
        &self,
        user: &User,
        kind: RegisterKind,
        commune: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Figures> {
        if to < from {
            return Err(Error::invalid_en(
                "to",
                "Ngày cuối kỳ không được trước ngày đầu kỳ.",
                "the end of the window is before its start",
            ));
        }
        let commune = self
            .commune_in_view(user, Some(commune))
            .await?
            .ok_or(Error::NotFound)?;
        let mut db = self.read().await?;
        figures(&mut db, &commune, kind.def(), from, to).await
    }

    /// An entry's page. Its personal fields are shown to the roles that may see them, and
    /// each showing is logged first (a read that is not logged does not happen).
    pub async fn entry_view(&self, user: &User, id: i64, page: PageRequest) -> Result<EntryView> {
        let mut db = self.read().await?;
        let stored = db.entry(id).await.map_err(|e| match e {
            store::StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
        let commune = db.commune(stored.commune_id).await?;
        let actor = user.actor();
        if !actor.can_view_commune(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let register = register_of(&stored.register)?;
        let state = state_of(&stored.state)?;
        let may_see = actor.can_see_personal(commune.scope(), stored.unit_id);
        let has_personal = stored.personal.is_some();
        let values = stored_values(
            &stored.payload,
            stored.personal.as_deref().filter(|_| may_see),
        )?;
        let entry = Entry::from_stored(register, &values);
        if may_see && has_personal {
            let fields: Vec<&str> = register
                .personal_fields()
                .filter(|f| entry.get(f.key).is_some())
                .map(|f| f.key)
                .collect();
            // Logged before anything is shown (a read that is not logged does not happen);
            // only this insert takes the write lock, not every view of an entry.
            let mut tx = self.write().await?;
            tx.log_personal_read(user.id, OBJECT, id, &fields, "view")
                .await?;
            tx.commit().await?;
        }
        let task = match stored.task_id {
            Some(t) => {
                let task = db.task(t).await?;
                Some((t, format!("{} {}", task.ref_label, task.text)))
            }
            None => None,
        };
        let unit_name = match stored.unit_id {
            Some(u) => db
                .units_of(commune.id)
                .await?
                .into_iter()
                .find(|x| x.id == u)
                .map(|x| x.name),
            None => None,
        };
        let history = db.history(Object::RegisterEntry(id), page).await?;
        let history = history_rows(&mut db, history).await?;
        let can_edit = actor.can_record_entries(commune.scope(), stored.unit_id);
        let mut files = db.entry_files(id).await?;
        let files_hidden = if files_personal(register) && !may_see {
            std::mem::take(&mut files).len()
        } else {
            0
        };
        let planned_in = match stored.plan_id {
            Some(p) => {
                // A discarded draft keeps the entries it planned (they are the commune's
                // records now); the page says the plan was discarded.
                let plan = db.plan_any(p).await?;
                let discarded = if plan.deleted_at.is_some() {
                    ", đã hủy"
                } else {
                    ""
                };
                Some((
                    p,
                    format!("{} (phiên bản {}{discarded})", plan.title, plan.version),
                ))
            }
            None => None,
        };
        Ok(EntryView {
            id,
            register,
            state,
            personal_shown: may_see && has_personal,
            personal_hidden: !may_see && has_personal,
            personal_removed: stored.personal_removed_at.is_some(),
            entry,
            version: stored.version,
            unit_id: stored.unit_id,
            unit_name,
            task,
            unplanned: stored.unplanned == 1,
            due: due_pair(stored.due_on.as_deref(), stored.due_what.as_deref()),
            can_edit,
            next_states: if can_edit {
                register.next_states(state)
            } else {
                Vec::new()
            },
            history,
            files,
            files_hidden,
            planned_in,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
            commune,
        })
    }

    /// Checks the task an entry names: a task of the same commune.
    async fn task_label(
        &self,
        db: &mut store::Db,
        commune: &Commune,
        task: Option<i64>,
    ) -> Result<Option<String>> {
        let Some(t) = task else { return Ok(None) };
        let task = db.task(t).await.map_err(|_| {
            Error::invalid("task", "Nhiệm vụ được chọn không có trong kế hoạch của xã.")
        })?;
        if task.commune_id != commune.id {
            return Err(Error::invalid(
                "task",
                "Nhiệm vụ được chọn không có trong kế hoạch của xã.",
            ));
        }
        Ok(Some(format!("{} {}", task.ref_label, task.text)))
    }

    /// The owning unit of an entry `user` records: unit staff's own unit; for the office,
    /// the unit chosen (of the commune) or none.
    async fn owner_unit(
        &self,
        db: &mut store::Db,
        user: &User,
        commune: &Commune,
        chosen: Option<i64>,
    ) -> Result<Option<i64>> {
        if user.role == domain::access::Role::UnitStaff {
            return Ok(user.unit_id);
        }
        match chosen {
            None => Ok(None),
            Some(u) => {
                let units = db.units_of(commune.id).await?;
                if units.iter().any(|x| x.id == u) {
                    Ok(Some(u))
                } else {
                    Err(Error::invalid(
                        "unit",
                        "Đơn vị được chọn không thuộc xã, phường này.",
                    ))
                }
            }
        }
    }

    /// Records a new entry of `kind` in the commune (`commune` `None`: the user's own).
    pub async fn create_entry(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        kind: RegisterKind,
        commune: Option<i64>,
        input: EntryInput,
    ) -> Result<Id> {
        let commune = self
            .commune_in_view(user, commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        let register = kind.def();
        let mut w = begin!(self, user.id, key);
        let unit = self
            .owner_unit(&mut w.tx, user, &commune, input.unit)
            .await?;
        if !user.actor().can_record_entries(commune.scope(), unit) {
            return Err(Error::Forbidden);
        }
        if register.border_only && !w.tx.commune_border(commune.id).await? {
            return Err(Error::invalid_en(
                "register",
                "Chỉ xã, phường ở khu vực biên giới được ký kết thỏa thuận quốc tế (Luật Thỏa \
                 thuận quốc tế năm 2020, Điều 2).",
                "only border communes keep international agreements",
            ));
        }
        let state = input.state.unwrap_or(register.initial());
        if !register.states.contains(&state) {
            return Err(Error::invalid("state", "Trạng thái không hợp lệ."));
        }
        let entry = Entry::parse(register, &input.values, state)
            .map_err(|e| EntryErrors(e).into_error())?;
        let task = self.task_label(&mut w.tx, &commune, input.task).await?;
        let settings = self.due_settings(&mut w.tx, &commune).await?;
        let cols = columns(&entry, state, settings, self.today(), &input, unit)?;
        let id =
            w.tx.insert_entry(commune.id, register.slug, &cols, Some(user.id))
                .await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::RegisterEntry(id),
            &AuditEvent::RecordCreated {
                register: register.slug.to_string(),
                fields: audit_fields(&entry, state, task.as_deref()),
            },
        )
        .await?;
        let result = Id(id);
        w.finish(&result).await?;
        Ok(result)
    }

    /// Changes an entry's values (and, when `input.state` says so, moves it to a state its
    /// register allows from the current one). Refused when someone saved it since the
    /// version the change was made from.
    pub async fn update_entry(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        kind: RegisterKind,
        id: i64,
        input: EntryInput,
    ) -> Result<Id> {
        let mut w = begin!(self, user.id, key);
        let (stored, commune) = self.entry_to_change(&mut w.tx, user, kind, id).await?;
        let actor = user.actor();
        if input.version.is_some_and(|v| v != stored.version) {
            return Err(Error::conflict(
                "Bản ghi đã được người khác sửa sau khi bạn mở trang. Vui lòng tải lại trang, \
                 xem nội dung mới và nhập lại thay đổi của bạn.",
            ));
        }
        let register = register_of(&stored.register)?;
        let current = state_of(&stored.state)?;
        let state = input.state.unwrap_or(current);
        if state != current && !register.can_move(current, state) {
            return Err(Error::invalid_en(
                "state",
                format!(
                    "Không thể chuyển từ “{}” sang “{}”.",
                    current.label_vi(),
                    state.label_vi()
                ),
                "state change not allowed",
            ));
        }
        let may_see = actor.can_see_personal(commune.scope(), stored.unit_id);
        let before_values = stored_values(&stored.payload, stored.personal.as_deref())?;
        let before = Entry::from_stored(register, &before_values);
        // Someone who may not see the personal fields keeps them as they are.
        let mut values = input.values.clone();
        if !may_see {
            for f in register.personal_fields() {
                match before_values.get(f.key) {
                    Some(v) => values.insert(f.key.to_string(), v.clone()),
                    None => values.remove(f.key),
                };
            }
        }
        let entry =
            Entry::parse(register, &values, state).map_err(|e| EntryErrors(e).into_error())?;
        let unit = if user.role == domain::access::Role::UnitStaff {
            stored.unit_id
        } else {
            self.owner_unit(&mut w.tx, user, &commune, input.unit)
                .await?
        };
        let before_task = match stored.task_id {
            Some(t) => self.task_label(&mut w.tx, &commune, Some(t)).await?,
            None => None,
        };
        let task = self.task_label(&mut w.tx, &commune, input.task).await?;
        let settings = self.due_settings(&mut w.tx, &commune).await?;
        let recorded =
            NaiveDate::parse_from_str(&stored.on_date, "%Y-%m-%d").unwrap_or_else(|_| self.today());
        let cols = columns(&entry, state, settings, recorded, &input, unit)?;
        if !w
            .tx
            .update_entry(id, stored.version, &cols, user.id)
            .await?
        {
            return Err(Error::conflict(
                "Bản ghi đã được người khác sửa. Vui lòng tải lại trang.",
            ));
        }
        let (b, a) = changed(
            audit_fields(&before, current, before_task.as_deref()),
            audit_fields(&entry, state, task.as_deref()),
        );
        if !a.is_empty() || !b.is_empty() {
            w.tx.record(
                Some(user.id),
                Some(commune.id),
                Object::RegisterEntry(id),
                &AuditEvent::RecordChanged {
                    register: register.slug.to_string(),
                    before: b,
                    after: a,
                },
            )
            .await?;
        }
        let result = Id(id);
        w.finish(&result).await?;
        Ok(result)
    }

    /// Attaches a file to an entry (the decision sending a delegation, its after-trip
    /// report, a signed agreement…), by those who may record the entry. The file is served
    /// back with the type its bytes show, never as HTML.
    pub async fn attach_entry_file(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        kind: RegisterKind,
        entry_id: i64,
        file: Option<(String, Vec<u8>)>,
    ) -> Result<Id> {
        let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
            return Err(Error::invalid("file", "Vui lòng chọn tệp cần đính kèm."));
        };
        if bytes.len() > self.config.limits.max_file_bytes {
            return Err(self.file_too_big(bytes.len()));
        }
        let mut w = begin!(self, user.id, key);
        let (stored, commune) = self
            .entry_to_change(&mut w.tx, user, kind, entry_id)
            .await?;
        let name = crate::plans::clean_filename(&name);
        let ct = crate::plans::sniff_type(&bytes).unwrap_or("application/octet-stream");
        let id =
            w.tx.attach_entry_file(stored.id, &name, ct, &bytes, user.id)
                .await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::RegisterEntry(stored.id),
            &AuditEvent::EntryFileAdded {
                filename: audit_filename(register_of(&stored.register)?, name),
                size_bytes: bytes.len() as i64,
            },
        )
        .await?;
        let result = Id(id);
        w.finish(&result).await?;
        Ok(result)
    }

    /// Takes a file off an entry (deleted: it may hold personal data sent by mistake; the
    /// history keeps its name).
    pub async fn remove_entry_file(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        kind: RegisterKind,
        entry_id: i64,
        file_id: i64,
    ) -> Result<()> {
        let mut w = begin!(self, user.id, key);
        let (stored, commune) = self
            .entry_to_change(&mut w.tx, user, kind, entry_id)
            .await?;
        let filename =
            w.tx.remove_entry_file(stored.id, file_id)
                .await
                .map_err(|e| match e {
                    store::StoreError::NotFound => Error::NotFound,
                    e => e.into(),
                })?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::RegisterEntry(stored.id),
            &AuditEvent::EntryFileRemoved {
                filename: audit_filename(register_of(&stored.register)?, filename),
            },
        )
        .await?;
        w.finish(&()).await?;
        Ok(())
    }

    /// A file of an entry: (filename, content type, bytes), for those who may see the
    /// entry; the files of a register that holds personal data only for those who may see
    /// it, each download logged first.
    pub async fn entry_file(
        &self,
        user: &User,
        entry_id: i64,
        file_id: i64,
    ) -> Result<(String, String, Vec<u8>)> {
        let not_found = |e| match e {
            store::StoreError::NotFound => Error::NotFound,
            e => e.into(),
        };
        let mut db = self.read().await?;
        let stored = db.entry(entry_id).await.map_err(not_found)?;
        let commune = db.commune(stored.commune_id).await?;
        let actor = user.actor();
        if !actor.can_view_commune(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let (name, ct, bytes) = db.entry_file(entry_id, file_id).await.map_err(not_found)?;
        let register = register_of(&stored.register)?;
        if files_personal(register) {
            if !actor.can_see_personal(commune.scope(), stored.unit_id) {
                return Err(Error::Forbidden);
            }
            let mut tx = self.write().await?;
            tx.log_personal_read(user.id, OBJECT, entry_id, &[name.as_str()], "file")
                .await?;
            tx.commit().await?;
        }
        Ok((name, ct, bytes))
    }

    /// The entry `id` of register `kind` for a change by `user` (locked), with its commune.
    /// An entry of another register is not found: the change was read with `kind`'s fields,
    /// and applying it to another register's entry would drop that entry's own values.
    async fn entry_to_change(
        &self,
        tx: &mut store::Tx,
        user: &User,
        kind: RegisterKind,
        id: i64,
    ) -> Result<(store::StoredEntry, Commune)> {
        let stored = tx.lock_entry(id).await.map_err(|e| match e {
            store::StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
        if stored.register != kind.slug() {
            return Err(Error::NotFound);
        }
        let commune = tx.commune(stored.commune_id).await?;
        if !user
            .actor()
            .can_record_entries(commune.scope(), stored.unit_id)
        {
            return Err(Error::Forbidden);
        }
        Ok((stored, commune))
    }

    /// The reads of personal data in a commune's registers (the commune leader and the
    /// administrators).
    pub async fn personal_log(
        &self,
        user: &User,
        commune: Option<i64>,
        page: PageRequest,
    ) -> Result<PersonalLogView> {
        let commune = self
            .commune_in_view(user, commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        if !user.actor().can_view_personal_log(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let mut db = self.read().await?;
        Ok(PersonalLogView {
            reads: db.personal_reads_in_commune(commune.id, page).await?,
            commune,
        })
    }

    /// Removes the personal fields of every register's entries older than the register's
    /// retention (`registers.retention_years`), counted back from today; the rest of each
    /// entry and its figures stay. Returns (register, entries cleared). Each clearing is in
    /// the audit trail (without values).
    pub async fn purge_personal(&self) -> Result<Vec<(RegisterKind, usize)>> {
        let today = self.today();
        let mut out = Vec::new();
        let mut tx = self.write().await?;
        for kind in RegisterKind::ALL {
            let Some(years) = self.config().registers.retention_years.get(kind.slug()) else {
                continue;
            };
            let before = today
                .checked_sub_months(chrono::Months::new(12 * (*years as u32)))
                .unwrap_or(today);
            let cleared = tx
                .remove_personal_before(kind.slug(), &before.to_string())
                .await?;
            for (id, commune) in &cleared {
                tx.record(
                    None,
                    Some(*commune),
                    Object::RegisterEntry(*id),
                    &AuditEvent::RecordChanged {
                        register: kind.slug().to_string(),
                        before: kind
                            .def()
                            .personal_fields()
                            .map(|f| AuditField::new(f.key, f.label, "", true))
                            .collect(),
                        after: vec![AuditField::new(
                            "retention",
                            "Dữ liệu cá nhân",
                            &format!("đã xóa sau thời hạn lưu giữ {years} năm"),
                            false,
                        )],
                    },
                )
                .await?;
            }
            out.push((kind, cleared.len()));
        }
        tx.commit().await?;
        Ok(out)
    }
}

pub(crate) fn rows_to_summaries(
    rows: Page<EntryRow>,
    countries: &[(i64, String)],
) -> Result<Page<EntrySummary>> {
    let mut out = Vec::with_capacity(rows.rows.len());
    let meta = (rows.page, rows.pages, rows.total, rows.per_page);
    for r in rows.rows {
        let register = register_of(&r.register)?;
        let entry = Entry::from_stored(register, &stored_values(&r.payload, None)?);
        out.push(EntrySummary {
            id: r.id,
            title: r.title,
            state: state_of(&r.state)?,
            on_date: r.on_date,
            end_date: r.end_date,
            members: r.members,
            due: due_pair(r.due_on.as_deref(), r.due_what.as_deref()),
            unit_name: r.unit_name,
            in_plan: r.task_id.is_some(),
            unplanned: r.unplanned == 1,
            has_personal: r.has_personal == 1,
            countries: countries
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, c)| country(c).map_or_else(|| c.clone(), |c| c.name.to_string()))
                .collect(),
            entry,
        });
    }
    Ok(Page {
        rows: out,
        page: meta.0,
        pages: meta.1,
        total: meta.2,
        per_page: meta.3,
    })
}

/// A register's figures in a window, with the consistency rules checked.
pub(crate) async fn figures(
    db: &mut store::Db,
    commune: &Commune,
    register: &'static Register,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Figures> {
    let counted: Vec<&str> = register.counted.iter().map(|s| s.code()).collect();
    let f: EntryFigures = db
        .entry_figures(
            commune.id,
            register.slug,
            &counted,
            &from.to_string(),
            &to.to_string(),
            store::FigureParts {
                people: register.roles.people.is_some(),
                disbursements: register.roles.disbursements.is_some(),
                countries: register.roles.countries.is_some(),
            },
        )
        .await?;
    let roles = register.roles;
    let member_trips = roles.members.or(roles.people).map(|_| f.member_trips);
    let distinct_persons = (roles.people.is_some() && f.count > 0 && f.with_people == f.count)
        .then_some(f.distinct_persons);
    let mut warnings = Vec::new();
    if let Some(m) = member_trips
        && f.count > 0
        && m < f.count
    {
        warnings.push(format!(
            "Số lượt người ({m}) ít hơn số {} ({}): mỗi {} có ít nhất một người. Vui lòng kiểm \
             tra số người của các bản ghi.",
            register.noun, f.count, register.noun
        ));
    }
    if let (Some(d), Some(m)) = (distinct_persons, member_trips)
        && d > m
    {
        warnings.push(format!(
            "Số người ({d}) nhiều hơn số lượt người ({m}). Vui lòng kiểm tra danh sách thành \
             viên."
        ));
    }
    if roles.pledged.is_some() && f.disbursed_vnd > f.pledged_vnd {
        warnings.push(format!(
            "Giá trị giải ngân trong kỳ ({} đồng) lớn hơn giá trị cam kết của các khoản được \
             phê duyệt trong kỳ ({} đồng): có khoản giải ngân của khoản viện trợ phê duyệt từ \
             kỳ trước, hoặc số liệu cần kiểm tra.",
            crate::format::grouped(f.disbursed_vnd),
            crate::format::grouped(f.pledged_vnd)
        ));
    }
    let by_country = f
        .by_country
        .iter()
        .map(|(code, n)| {
            (
                country(code).map_or_else(|| code.clone(), |c| c.name.to_string()),
                *n,
            )
        })
        .collect();
    let by_state = f.by_state.iter().cloned().collect();
    Ok(Figures {
        kind: register.kind,
        from,
        to,
        count: f.count,
        member_trips,
        distinct_persons,
        by_country,
        pledged_vnd: roles.pledged.map(|_| f.pledged_vnd),
        disbursed_vnd: roles.disbursements.map(|_| f.disbursed_vnd),
        by_state,
        warnings,
    })
}

impl Figures {
    /// The window as an officer reads it: "từ ngày 01/01/2026 đến ngày 31/12/2026".
    pub fn window_vi(&self) -> String {
        format!(
            "từ ngày {} đến ngày {}",
            vi_date(&self.from.to_string()),
            vi_date(&self.to.to_string())
        )
    }
}

impl App {
    /// The commune a name given on the command line means: matched without tones or case,
    /// with or without its kind ("Hà Bắc", "xã Hà Bắc", "phuong ben thanh"). Refused with
    /// the candidates when two provinces have a commune of that name.
    pub async fn commune_named(&self, name: &str) -> Result<Commune> {
        let wanted = crate::format::folded_place(name);
        let mut db = self.read().await?;
        let all = db.all_communes().await?;
        let found: Vec<&Commune> = all
            .iter()
            .filter(|c| {
                crate::format::folded_place(&c.name) == wanted
                    || crate::format::folded_place(&c.full_name()) == wanted
            })
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::invalid_en(
                "commune",
                format!("Không tìm thấy xã, phường “{}”.", name.trim()),
                format!("no commune named {:?}", name.trim()),
            )),
            many => {
                let mut names = Vec::new();
                for c in many {
                    let p = db.province(c.province_id).await?;
                    names.push(format!("{} ({})", c.full_name(), p.name));
                }
                Err(Error::invalid_en(
                    "commune",
                    format!(
                        "Có nhiều xã, phường tên “{}”: {}.",
                        name.trim(),
                        names.join("; ")
                    ),
                    format!("several communes are named {:?}", name.trim()),
                ))
            }
        }
    }

    /// The console operator as a reader: sees every commune, never personal fields (the
    /// command line prints counts and non-personal values only).
    pub fn console_reader(&self) -> User {
        User {
            id: 0,
            username: String::new(),
            display_name: "Người vận hành hệ thống".into(),
            role: domain::access::Role::Admin,
            province_id: None,
            commune_id: None,
            unit_id: None,
            active: true,
            password_hash: String::new(),
        }
    }
}

impl App {
    /// Marks a commune as in a border area or not (administrators): only border communes
    /// keep international agreements (Luật Thỏa thuận quốc tế 2020, art. 2.2.i).
    pub async fn set_commune_border(&self, user: &User, commune: i64, border: bool) -> Result<()> {
        if !user.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let mut tx = self.write().await?;
        tx.commune(commune).await.map_err(|_| Error::NotFound)?;
        tx.set_commune_border(commune, border).await?;
        tx.record(
            Some(user.id),
            Some(commune),
            Object::Commune(commune),
            &AuditEvent::CommuneBorderChanged { border },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the days within which an after-trip report is due in a province (its officers
    /// and the administrators), 1 to 90; the due items of the province's entries that use
    /// it are computed again in the same unit of work.
    pub async fn set_trip_report_days(&self, user: &User, province: i64, days: i64) -> Result<()> {
        if !(user.actor().can_manage_organisation()
            || (user.role == domain::access::Role::ProvinceOfficer
                && user.province_id == Some(province)))
        {
            return Err(Error::Forbidden);
        }
        if !(1..=90).contains(&days) {
            return Err(Error::invalid_en(
                "days",
                "Số ngày phải từ 1 đến 90.",
                "days must be 1 to 90",
            ));
        }
        let mut tx = self.write().await?;
        let before = tx
            .trip_report_days(province)
            .await
            .map_err(|_| Error::NotFound)?;
        tx.set_trip_report_days(province, days).await?;
        let settings = DueSettings {
            trip_report_days: days,
        };
        let uses: Vec<&str> = RegisterKind::ALL
            .iter()
            .filter(|k| {
                k.def()
                    .due
                    .iter()
                    .any(|r| r.lead == domain::register::Lead::TripReport)
            })
            .map(|k| k.slug())
            .collect();
        for (id, register, state, payload) in tx.entries_in_province(province, &uses).await? {
            let r = register_of(&register)?;
            let entry = Entry::from_stored(r, &stored_values(&payload, None)?);
            let due = entry.due(state_of(&state)?, settings);
            tx.set_entry_due(
                id,
                due.map(|d| d.on.to_string()).as_deref(),
                due.map(|d| d.what),
            )
            .await?;
        }
        tx.record(
            Some(user.id),
            None,
            Object::Province(province),
            &AuditEvent::TripReportDaysChanged {
                before,
                after: days,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
