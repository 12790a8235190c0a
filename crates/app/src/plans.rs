//! Plans: the five ways to make one (a document with its review, the province's plan with
//! its review, a copy of another year's plan, a blank Decree 30 outline, an amendment of an
//! issued plan), their sections, their lifecycle (draft → submitted → issued → amended), and
//! discarding a draft.
//!
//! Rules an official expects, enforced here (issue 13, defect o): a title is one line of at
//! most 300 characters ([`PlanTitle`]); a plan with no task cannot be submitted; a second
//! plan for a year that already has one is made only when the officer confirms it; a typed
//! time frame must name a real time ([`Timeframe`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use document::model::DocNumber;
use domain::audit::{AuditEvent, SectionState};
use domain::plan::{FileKind, PlanOrigin, PlanStatus, PlanTitle};
use domain::text::SectionText;
use domain::{PlanYear, Timeframe};
use serde::{Deserialize, Serialize};
use store::{
    Commune, NewPlan, NewSection, NewTask, Object, Page, PageRequest, Plan, PlanFile, PlanFileIn,
    PlanFilter, PlanSort, ProvincePlan, Section, SectionEdit, StagedUploadIn, TaskRow, Tx, Unit,
    User,
};

use crate::history::{HistoryRow, history_rows};
use crate::import::{self, ForCommune, ImportOutcome, ImportedTask, Review};
use crate::{App, Conflict, Error, RequestKey, Result, begin};

/// The plan list of a commune.
#[derive(Debug)]
pub struct PlansView {
    pub commune: Commune,
    pub plans: Page<Plan>,
    pub can_edit: bool,
}

/// What a plan list shows.
#[derive(Debug, Clone, Default)]
pub struct PlanQuery {
    pub commune: Option<i64>,
    pub query: String,
    pub status: Option<PlanStatus>,
    pub sort: Option<PlanSort>,
    /// Only discarded drafts (administrators, to restore one).
    pub discarded: bool,
}

/// The "new plan" page: the commune's plans (to copy) and the province's (to start from).
#[derive(Debug)]
pub struct NewPlanView {
    pub commune: Commune,
    pub plans: Vec<Plan>,
    pub province_plans: Vec<ProvincePlan>,
    pub this_year: i32,
}

/// A plan's page.
#[derive(Debug)]
pub struct PlanView {
    /// The delegations and conferences the year's plan planned in its annex tables
    /// ([`crate::planned`]), as they stand in the registers.
    pub planned: Vec<PlannedRow>,
    pub plan: Plan,
    pub commune: Commune,
    pub sections: Vec<Section>,
    pub tasks: Vec<TaskRow>,
    pub units: Vec<Unit>,
    pub files: Vec<PlanFile>,
    pub findings: Vec<store::PlanFinding>,
    pub history: Page<HistoryRow>,
    pub can_edit: bool,
    pub can_issue: bool,
    pub can_discard: bool,
    /// Texts of the plan holding characters the PDF cannot print, each with the
    /// characters: they print as a visible replacement mark.
    pub unprintable: Vec<(String, String)>,
    /// The first finding that the plan names another commune (a plan copied from another
    /// commune, defect l): the page shows it at the top, before the officer issues it.
    pub other_commune: Option<String>,
}

/// The review page of a staged document.
#[derive(Debug)]
pub struct ReviewView {
    /// The staged upload's token (the form posts it back instead of the file).
    pub token: String,
    pub commune: Commune,
    pub origin: PlanOrigin,
    pub filename: String,
    pub title: String,
    pub year: i32,
    pub number: Option<String>,
    pub units: Vec<Unit>,
    pub tasks: Vec<ImportedTask>,
    pub findings: Vec<lint::Finding>,
    pub lines: Vec<String>,
    pub sections: usize,
    pub warnings: Vec<String>,
    /// The commune's live plans of the document's year (a second one needs confirming).
    pub same_year: Vec<Plan>,
}

/// What an API dry run of an import answers.
#[derive(Debug)]
pub struct DryRun {
    pub outcome: ImportOutcome,
    pub sections: usize,
    pub same_year: Vec<Plan>,
}

/// A document and where it comes from, for an import without the review page (the API).
#[derive(Debug, Clone)]
pub enum ImportSource {
    /// The commune's own plan document (name, bytes).
    File(String, Vec<u8>),
    /// A plan the province published.
    ProvincePlan(i64),
}

/// An entry a plan planned, as its plan page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedRow {
    pub id: i64,
    pub slug: &'static str,
    /// The register's short name ("Đoàn ra").
    pub register: &'static str,
    pub title: String,
    pub state: domain::register::EntryState,
}

impl PlannedRow {
    fn of(e: store::EntryRow) -> Option<PlannedRow> {
        let kind = domain::register::RegisterKind::parse(&e.register)?;
        Some(PlannedRow {
            id: e.id,
            slug: kind.slug(),
            register: kind.def().short,
            title: e.title,
            state: domain::register::EntryState::parse(&e.state)?,
        })
    }
}

/// The officer's decisions on a document about to become a plan.
#[derive(Debug, Clone, Default)]
pub struct ImportChoices {
    /// Default: the document's year.
    pub year: Option<PlanYear>,
    pub review: Review,
    /// Make the plan even though the commune has one for that year.
    pub confirm_same_year: bool,
}

/// A step in a plan's life.
#[derive(Debug, Clone)]
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

/// A plan made by a generator (demo, benchmark) or a client that writes plans whole: the
/// sixth way in, with the same rules as the others.
#[derive(Debug, Clone)]
pub struct DraftPlan {
    pub year: PlanYear,
    pub title: PlanTitle,
    pub sections: Vec<NewSection>,
    /// Tasks with their section (index in `sections`), reference, text, lead unit (of the
    /// commune), partners and time frame; schedules are made here.
    pub tasks: Vec<DraftTask>,
}

#[derive(Debug, Clone)]
pub struct DraftTask {
    pub section: Option<usize>,
    pub reference: String,
    pub text: domain::text::TaskText,
    pub lead_unit_id: Option<i64>,
    pub lead_text: Option<String>,
    pub partner_unit_ids: Vec<i64>,
    pub timeframe: Option<Timeframe>,
}

/// The id of a plan a use case made or moved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanId(pub i64);

/// Shown when a change is asked of a plan that is no longer a draft.
pub const NOT_DRAFT: &str = "Chỉ sửa được kế hoạch ở trạng thái dự thảo. Hãy tạo bản sửa đổi.";

pub(crate) fn plan_year(plan: &Plan) -> Result<PlanYear> {
    PlanYear::parse(plan.year).map_err(|e| Error::Internal(e.to_string()))
}

fn for_commune(c: &Commune) -> ForCommune {
    ForCommune {
        name: c.name.clone(),
        kind: c.kind,
    }
}

/// The type of a document or image recognised by its first bytes: PDF, DOCX (any zip is
/// taken for one; the parser or the download decides the rest), PNG, JPEG; `None` for
/// anything else.
pub fn sniff_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if bytes.starts_with(b"\x89PNG") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A file name as received: NFC, no path, no control or bidirectional-override characters,
/// at most 200 characters; "tep" when nothing is left.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = vntext::clean(base)
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() {
        "tep".into()
    } else {
        cleaned
    }
}

impl App {
    /// A live plan and its commune, when `user` may see them.
    pub(crate) async fn visible_plan(
        &self,
        db: &mut store::Db,
        user: &User,
        id: i64,
    ) -> Result<(Plan, Commune)> {
        let plan = db.plan(id).await?;
        let commune = db.commune(plan.commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::Forbidden);
        }
        Ok((plan, commune))
    }

    /// A plan `user` may edit and that is still a draft.
    async fn draft_plan(&self, tx: &mut Tx, user: &User, id: i64) -> Result<(Plan, Commune)> {
        tx.lock_plan(id).await?;
        let (plan, commune) = self.visible_plan(tx, user, id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        if plan.status != PlanStatus::Draft {
            return Err(Error::invalid("status", NOT_DRAFT));
        }
        Ok((plan, commune))
    }

    /// The commune whose plans `user` writes: `requested`, or the user's own.
    pub(crate) async fn editable_commune(
        &self,
        db: &mut store::Db,
        user: &User,
        requested: Option<i64>,
    ) -> Result<Commune> {
        let id = requested
            .or(user.commune_id)
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường của kế hoạch."))?;
        let commune = db.commune(id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        Ok(commune)
    }

    /// Runs heavy work (reading a document, rendering) on the blocking pool, at most
    /// `limits.concurrent_parses` at once; the rest wait their turn.
    pub(crate) async fn heavy<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        let _permit = self
            .parses
            .acquire()
            .await
            .map_err(|e| Error::Internal(format!("semaphore: {e}")))?;
        Ok(tokio::task::spawn_blocking(f).await?)
    }

    /// Reads a document and checks it against the commune's units and name.
    async fn read_document(
        &self,
        commune: &Commune,
        units: Vec<Unit>,
        filename: String,
        bytes: Vec<u8>,
    ) -> Result<ImportOutcome> {
        if bytes.len() > self.config.limits.max_file_bytes {
            return Err(self.file_too_big(bytes.len()));
        }
        let target = for_commune(commune);
        self.heavy(move || import::import_document(&bytes, Some(&filename), &units, Some(&target)))
            .await?
            .map_err(|e| Error::invalid("file", e.message_vi()))
    }

    pub(crate) fn file_too_big(&self, size: usize) -> Error {
        Error::invalid(
            "file",
            format!(
                "Tệp quá lớn ({} MB). Hệ thống nhận tệp tối đa {} MB.",
                size.div_ceil(1024 * 1024),
                self.config.limits.max_file_bytes / (1024 * 1024)
            ),
        )
    }

    /// The plan list of a commune, filtered, sorted and paged in SQL; `page` `None`: all
    /// of it (export).
    pub async fn plans_list(
        &self,
        user: &User,
        q: &PlanQuery,
        page: Option<PageRequest>,
    ) -> Result<PlansView> {
        if q.discarded && !user.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let commune = self
            .commune_in_view(user, q.commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        let mut db = self.read().await?;
        let filter = PlanFilter {
            commune_id: commune.id,
            query: q.query.chars().take(200).collect(),
            status: q.status,
            discarded: q.discarded,
        };
        let plans = db
            .plans_page(&filter, q.sort.unwrap_or(PlanSort::Year), page)
            .await?;
        Ok(PlansView {
            can_edit: user.actor().can_edit_plans(commune.scope()),
            commune,
            plans,
        })
    }

    pub async fn new_plan_view(&self, user: &User, commune: Option<i64>) -> Result<NewPlanView> {
        let mut db = self.read().await?;
        let commune = self.editable_commune(&mut db, user, commune).await?;
        Ok(NewPlanView {
            plans: db.plans_of(commune.id).await?,
            province_plans: db.province_plans_of(commune.province_id).await?,
            this_year: chrono::Datelike::year(&self.today()),
            commune,
        })
    }

    /// A plan's page. A source file stored before findings were kept (migration 0007) is
    /// checked once, on the plan's first view, and its findings stored, so later views read
    /// them like any other.
    pub async fn plan_view(&self, user: &User, id: i64) -> Result<PlanView> {
        let today = self.today().to_string();
        let mut db = self.read().await?;
        let (plan, commune) = self.visible_plan(&mut db, user, id).await?;
        let findings = match db.source_findings(id).await? {
            store::SourceFindings::NoSource => Vec::new(),
            store::SourceFindings::Checked(f) => f,
            store::SourceFindings::Unchecked { file_id } => {
                let (name, _, bytes) = db.plan_file(id, file_id).await?;
                let units = db.units_of(commune.id).await?;
                drop(db);
                let target = for_commune(&commune);
                let findings = self
                    .heavy(move || {
                        match import::import_document(&bytes, Some(&name), &units, Some(&target)) {
                            Ok(o) => import::findings_to_store(&o.findings),
                            Err(e) => {
                                tracing::warn!(file_id, "stored source no longer reads: {e}");
                                Vec::new()
                            }
                        }
                    })
                    .await?;
                let mut tx = self.write().await?;
                tx.store_findings(file_id, &findings).await?;
                tx.commit().await?;
                db = self.read().await?;
                findings
            }
        };
        let actor = user.actor();
        let sections = db.sections_of(id).await?;
        let tasks = db.tasks_of_plan(id, &today).await?;
        let history = db.history(Object::Plan(id), PageRequest::first()).await?;
        let unprintable = crate::export::unprintable(&plan, &sections, &tasks);
        let other_commune = findings
            .iter()
            .find(|f| f.code == "NAME-OTHER-COMMUNE")
            .map(|f| f.message.clone());
        Ok(PlanView {
            other_commune,
            can_edit: actor.can_edit_plans(commune.scope()) && plan.status == PlanStatus::Draft,
            can_issue: actor.can_issue_plans(commune.scope()),
            can_discard: actor.can_edit_plans(commune.scope()) && plan.status.can_discard(),
            units: db.units_of(commune.id).await?,
            files: db.plan_files(id).await?,
            planned: db
                .entries_planned_in(commune.id, plan.year)
                .await?
                .into_iter()
                .filter_map(PlannedRow::of)
                .collect(),
            history: history_rows(&mut db, history).await?,
            findings,
            sections,
            tasks,
            plan,
            commune,
            unprintable,
        })
    }

    /// A plan and its sections (API).
    pub async fn plan_with_sections(&self, user: &User, id: i64) -> Result<(Plan, Vec<Section>)> {
        let mut db = self.read().await?;
        let (plan, _) = self.visible_plan(&mut db, user, id).await?;
        let sections = db.sections_of(id).await?;
        Ok((plan, sections))
    }

    /// A plan's stored file (name, content type, bytes), when `user` may see the plan.
    pub async fn plan_file(
        &self,
        user: &User,
        plan_id: i64,
        file_id: i64,
    ) -> Result<(String, String, Vec<u8>)> {
        let mut db = self.read().await?;
        self.visible_plan(&mut db, user, plan_id).await?;
        Ok(db.plan_file(plan_id, file_id).await?)
    }

    /// A section of a draft plan the user may edit (the section form).
    pub async fn editable_section(
        &self,
        user: &User,
        plan_id: i64,
        section_id: i64,
    ) -> Result<(Plan, Section)> {
        let mut db = self.read().await?;
        let (plan, commune) = self.visible_plan(&mut db, user, plan_id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let section = db.section(plan_id, section_id).await?;
        Ok((plan, section))
    }

    /// A new draft in the Decree 30 outline (I. purpose and requirements; II. content;
    /// III. funding; IV. organisation of implementation).
    pub async fn create_blank(
        &self,
        user: &User,
        commune: Option<i64>,
        year: PlanYear,
        confirm_same_year: bool,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let mut w = begin!(self, user.id, key);
        let commune = self.editable_commune(&mut w.tx, user, commune).await?;
        self.check_same_year(&mut w.tx, &commune, year, confirm_same_year)
            .await?;
        let id = create_plan(&mut w.tx, user, &import::skeleton(commune.id, year)).await?;
        w.finish(&id).await?;
        Ok(id)
    }

    /// A plan written whole (generators, clients that send a whole plan): schedules from
    /// the time frames, units checked to be the commune's.
    pub async fn create_drafted(
        &self,
        user: &User,
        commune: Option<i64>,
        draft: DraftPlan,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let mut w = begin!(self, user.id, key);
        let commune = self.editable_commune(&mut w.tx, user, commune).await?;
        let units = w.tx.units_of(commune.id).await?;
        let name_of = |id: i64| -> Result<String> {
            units
                .iter()
                .find(|u| u.id == id)
                .map(|u| u.name.clone())
                .ok_or_else(|| {
                    Error::invalid("lead", "Đơn vị được chọn không thuộc xã, phường này.")
                })
        };
        let mut tasks = Vec::with_capacity(draft.tasks.len());
        for t in draft.tasks {
            if t.section.is_some_and(|s| s >= draft.sections.len()) {
                return Err(Error::invalid(
                    "section",
                    "Mục được chọn không thuộc kế hoạch này.",
                ));
            }
            if let Some(l) = t.lead_unit_id {
                name_of(l)?;
            }
            let partners = t
                .partner_unit_ids
                .iter()
                .map(|p| Ok((Some(*p), name_of(*p)?)))
                .collect::<Result<Vec<_>>>()?;
            let (recurrence, certain, occurrences) =
                import::schedule_task(t.timeframe.as_ref().map(Timeframe::as_str), draft.year);
            tasks.push(NewTask {
                section: t.section,
                ref_label: t.reference,
                text: t.text.into_string(),
                lead_unit_id: t.lead_unit_id,
                lead_text: t.lead_text,
                partners,
                timeframe: t.timeframe.map(Timeframe::into_string),
                recurrence,
                schedule_certain: certain,
                occurrences,
            });
        }
        let new = NewPlan {
            commune_id: commune.id,
            year: i64::from(draft.year.get()),
            title: draft.title.as_str().to_string(),
            doc_number: None,
            origin: PlanOrigin::Blank,
            previous_id: None,
            version: 1,
            document_json: None,
            source_text: None,
            sections: draft.sections,
            tasks,
        };
        let id = create_plan(&mut w.tx, user, &new).await?;
        w.finish(&id).await?;
        Ok(id)
    }

    async fn check_same_year(
        &self,
        tx: &mut Tx,
        commune: &Commune,
        year: PlanYear,
        confirmed: bool,
    ) -> Result<()> {
        if confirmed {
            return Ok(());
        }
        let existing = tx.plan_in_force(commune.id, i64::from(year.get())).await?;
        if let Some(p) = existing {
            return Err(Error::Conflict(Conflict {
                message: format!(
                    "{} đã có kế hoạch năm {} (“{}”, {}). Nếu vẫn muốn lập thêm một kế hoạch \
                     cho năm này, hãy đánh dấu “Vẫn lập thêm kế hoạch năm {}” rồi gửi lại.",
                    crate::format::capitalise(&commune.full_name()),
                    year,
                    p.title,
                    p.status.label_vi().to_lowercase(),
                    year
                ),
                theirs: None,
                yours: None,
            }));
        }
        Ok(())
    }

    /// Reads an uploaded document for review and keeps it on the server (staged) until the
    /// plan is saved or `import.review_hours` pass. Returns the review page.
    pub async fn stage_document(
        &self,
        user: &User,
        commune: Option<i64>,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Result<ReviewView> {
        let filename = clean_filename(filename);
        let mut db = self.read().await?;
        let commune = self.editable_commune(&mut db, user, commune).await?;
        drop(db);
        self.stage(user, commune, PlanOrigin::Upload, None, filename, bytes)
            .await
    }

    /// As [`App::stage_document`], for a plan the province published.
    pub async fn stage_province_plan(&self, user: &User, province_plan: i64) -> Result<ReviewView> {
        let mut db = self.read().await?;
        let commune = self.editable_commune(&mut db, user, None).await?;
        let (plan, bytes) = db.province_plan(province_plan).await?;
        if plan.province_id != commune.province_id {
            return Err(Error::Forbidden);
        }
        drop(db);
        self.stage(
            user,
            commune,
            PlanOrigin::Province,
            Some(plan.id),
            plan.filename,
            bytes,
        )
        .await
    }

    async fn stage(
        &self,
        user: &User,
        commune: Commune,
        origin: PlanOrigin,
        province_plan_id: Option<i64>,
        filename: String,
        bytes: Vec<u8>,
    ) -> Result<ReviewView> {
        let units = self.read().await?.units_of(commune.id).await?;
        let outcome = self
            .read_document(&commune, units.clone(), filename.clone(), bytes.clone())
            .await?;
        let token = crate::auth::random_token();
        let mut tx = self.write().await?;
        tx.stage_upload(&StagedUploadIn {
            token_hash: &crate::auth::sha256_hex(&token),
            user_id: user.id,
            commune_id: commune.id,
            origin,
            province_plan_id,
            filename: &filename,
            bytes: &bytes,
            lifetime_secs: self.config.import.review_hours * 3600,
        })
        .await?;
        tx.commit().await?;
        self.review_of(commune, units, token, origin, filename, outcome)
            .await
    }

    /// The review page of a staged document again (after a refused confirmation), read
    /// from the server's copy.
    pub async fn review_view(&self, user: &User, token: &str) -> Result<ReviewView> {
        let (staged, commune) = self.staged(user, token).await?;
        let units = self.read().await?.units_of(commune.id).await?;
        let outcome = self
            .read_document(
                &commune,
                units.clone(),
                staged.filename.clone(),
                staged.bytes,
            )
            .await?;
        self.review_of(
            commune,
            units,
            token.to_string(),
            staged.origin,
            staged.filename,
            outcome,
        )
        .await
    }

    async fn staged(&self, user: &User, token: &str) -> Result<(store::StagedUpload, Commune)> {
        let mut db = self.read().await?;
        let staged = db
            .staged_upload(&crate::auth::sha256_hex(token))
            .await?
            .filter(|s| s.user_id == user.id)
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    "Tệp đã tải lên không còn được lưu tạm (đã quá hạn hoặc đã lưu thành kế \
                     hoạch). Vui lòng tải tệp lên lại.",
                )
            })?;
        let commune = self
            .editable_commune(&mut db, user, Some(staged.commune_id))
            .await?;
        Ok((staged, commune))
    }

    async fn review_of(
        &self,
        commune: Commune,
        units: Vec<Unit>,
        token: String,
        origin: PlanOrigin,
        filename: String,
        outcome: ImportOutcome,
    ) -> Result<ReviewView> {
        let this_year = chrono::Datelike::year(&self.today());
        let year = outcome.doc.year.unwrap_or(this_year);
        let title = match origin {
            // The commune writes its own plan "Thực hiện" the province's: its own title.
            PlanOrigin::Province => PlanYear::parse(year)
                .map(|y| PlanTitle::default_for(y).as_str().to_string())
                .unwrap_or_default(),
            _ => outcome
                .doc
                .title
                .as_deref()
                .and_then(PlanTitle::from_document)
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
        };
        let same_year: Vec<Plan> = self
            .read()
            .await?
            .plans_of(commune.id)
            .await?
            .into_iter()
            .filter(|p| p.year == i64::from(year) && p.status != PlanStatus::Amended)
            .collect();
        Ok(ReviewView {
            token,
            origin,
            filename,
            title,
            year,
            number: (origin == PlanOrigin::Upload)
                .then(|| outcome.doc.number.clone())
                .flatten(),
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
            same_year,
            commune,
        })
    }

    /// Saves a staged document as a draft plan with the officer's choices.
    pub async fn confirm_import(
        &self,
        user: &User,
        token: &str,
        choices: &ImportChoices,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let (staged, commune) = match self.staged(user, token).await {
            Ok(s) => s,
            Err(e) => {
                // A second click after the first saved: its key answers the first result.
                if let Some(k) = key {
                    let w = begin!(self, user.id, Some(k));
                    drop(w);
                }
                return Err(e);
            }
        };
        let source = match staged.origin {
            PlanOrigin::Province => ImportOrigin::Province,
            _ => ImportOrigin::Upload,
        };
        self.import_plan(
            user,
            commune,
            source,
            staged.filename,
            staged.bytes,
            choices,
            Some(staged.id),
            key,
        )
        .await
    }

    /// Reads a document and checks it, storing nothing (the API's dry run).
    pub async fn dry_run(
        &self,
        user: &User,
        commune: Option<i64>,
        source: ImportSource,
    ) -> Result<DryRun> {
        let (commune, _, filename, bytes) = self.import_source(user, commune, source).await?;
        let units = self.read().await?.units_of(commune.id).await?;
        let outcome = self.read_document(&commune, units, filename, bytes).await?;
        let same_year = match outcome.doc.year {
            Some(y) => self
                .read()
                .await?
                .plans_of(commune.id)
                .await?
                .into_iter()
                .filter(|p| p.year == i64::from(y) && p.status != PlanStatus::Amended)
                .collect(),
            None => Vec::new(),
        };
        Ok(DryRun {
            sections: import::flatten_sections(&outcome.doc).0.len(),
            outcome,
            same_year,
        })
    }

    async fn import_source(
        &self,
        user: &User,
        commune: Option<i64>,
        source: ImportSource,
    ) -> Result<(Commune, ImportOrigin, String, Vec<u8>)> {
        let mut db = self.read().await?;
        let commune = self.editable_commune(&mut db, user, commune).await?;
        Ok(match source {
            ImportSource::File(name, bytes) => {
                (commune, ImportOrigin::Upload, clean_filename(&name), bytes)
            }
            ImportSource::ProvincePlan(id) => {
                let (plan, bytes) = db.province_plan(id).await?;
                if plan.province_id != commune.province_id {
                    return Err(Error::Forbidden);
                }
                (commune, ImportOrigin::Province, plan.filename, bytes)
            }
        })
    }

    /// Makes a draft plan from a document in one call (the API): as the review page does,
    /// with the choices given.
    pub async fn import_direct(
        &self,
        user: &User,
        commune: Option<i64>,
        source: ImportSource,
        choices: &ImportChoices,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let (commune, origin, filename, bytes) = self.import_source(user, commune, source).await?;
        self.import_plan(user, commune, origin, filename, bytes, choices, None, key)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn import_plan(
        &self,
        user: &User,
        commune: Commune,
        origin: ImportOrigin,
        filename: String,
        bytes: Vec<u8>,
        choices: &ImportChoices,
        staged: Option<i64>,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let units = self.read().await?.units_of(commune.id).await?;
        if choices
            .review
            .leads
            .iter()
            .flatten()
            .any(|l| !units.iter().any(|u| u.id == *l))
        {
            return Err(Error::invalid(
                "lead",
                "Đơn vị được chọn không thuộc xã, phường này.",
            ));
        }
        let outcome = self
            .read_document(&commune, units, filename.clone(), bytes.clone())
            .await?;
        let year = match choices.year {
            Some(y) => y,
            None => outcome
                .doc
                .year
                .and_then(|y| PlanYear::parse(y).ok())
                .ok_or_else(|| {
                    Error::invalid(
                        "year",
                        "Không xác định được năm của kế hoạch; vui lòng ghi năm.",
                    )
                })?,
        };
        let mut new = import::plan_from_import(&outcome, &choices.review, commune.id, year);
        if origin == ImportOrigin::Province {
            new.origin = PlanOrigin::Province;
            new.doc_number = None;
        }
        if new.tasks.is_empty() && outcome.tasks.iter().len() > 0 {
            // Every item was left out: a plan is still made, and the officer adds tasks.
            tracing::info!("import with every item left out");
        }
        let kind = match origin {
            ImportOrigin::Upload => FileKind::Source,
            ImportOrigin::Province => FileKind::Basis,
        };
        let content_type = sniff_type(&bytes).unwrap_or("text/plain; charset=utf-8");
        // The findings the officer reviewed, kept for the plan page (a basis is not
        // checked: it is the province's text, not the commune's).
        let findings =
            (origin == ImportOrigin::Upload).then(|| import::findings_to_store(&outcome.findings));
        let mut w = begin!(self, user.id, key);
        self.check_same_year(&mut w.tx, &commune, year, choices.confirm_same_year)
            .await?;
        let id = create_plan(&mut w.tx, user, &new).await?;
        if origin == ImportOrigin::Upload {
            // The province's plan is a basis, not the commune's own delegations.
            self.plan_annex_entries(
                &mut w.tx,
                user,
                &commune,
                id.0,
                new.year,
                &new.title,
                &outcome.doc.delegations,
            )
            .await?;
        }
        let file = PlanFileIn {
            kind,
            filename: &filename,
            content_type,
            bytes: &bytes,
        };
        let file_id = attach(&mut w.tx, user, id.0, commune.id, &file).await?;
        if let Some(f) = findings {
            w.tx.store_findings(file_id, &f).await?;
        }
        if let Some(s) = staged {
            w.tx.drop_staged_upload(s).await?;
        }
        w.finish(&id).await?;
        Ok(id)
    }

    /// Copies a plan's sections and tasks into a new draft for `year` of the same commune:
    /// whole-year numbers in the texts move to the new year, schedules are made again for
    /// it, units are kept.
    pub async fn copy_plan(
        &self,
        user: &User,
        id: i64,
        year: PlanYear,
        confirm_same_year: bool,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        let mut w = begin!(self, user.id, key);
        let (plan, commune) = self.visible_plan(&mut w.tx, user, id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        self.check_same_year(&mut w.tx, &commune, year, confirm_same_year)
            .await?;
        let (from, to) = (plan.year as i32, year.get());
        let shift = |s: &str| import::shift_year(s, from, to);
        let (sections, tasks, _) = plan_body(&mut w.tx, &plan, year, &shift).await?;
        let new = NewPlan {
            commune_id: commune.id,
            year: i64::from(to),
            title: PlanTitle::from_document(&shift(&plan.title))
                .unwrap_or_else(|| PlanTitle::default_for(year))
                .as_str()
                .to_string(),
            doc_number: None,
            origin: PlanOrigin::Copy,
            previous_id: None,
            version: 1,
            document_json: None,
            source_text: None,
            sections,
            tasks,
        };
        let id = create_plan(&mut w.tx, user, &new).await?;
        w.finish(&id).await?;
        Ok(id)
    }

    /// Moves a plan along its lifecycle. Editors submit, take back and amend; leaders (and
    /// the office) issue. Returns the plan to show next: the new version after an
    /// amendment, the same plan otherwise. Every step is guarded: if another officer moved
    /// the plan meanwhile, nothing is written and the user is told.
    pub async fn change_status(
        &self,
        user: &User,
        plan_id: i64,
        change: StatusChange,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        if let StatusChange::Issue { signed, .. } = &change {
            if signed.1.len() > self.config.limits.max_file_bytes {
                return Err(self.file_too_big(signed.1.len()));
            }
            let ct = sniff_type(&signed.1);
            if !ct
                .is_some_and(|c| c == "application/pdf" || c.starts_with("application/vnd.openxml"))
            {
                return Err(Error::invalid(
                    "signed",
                    "Bản đã ký phải là tệp PDF hoặc DOCX.",
                ));
            }
        }
        let mut w = begin!(self, user.id, key);
        w.tx.lock_plan(plan_id).await?;
        let (plan, commune) = self.visible_plan(&mut w.tx, user, plan_id).await?;
        let actor = user.actor();
        let allowed = match change {
            StatusChange::Issue { .. } => actor.can_issue_plans(commune.scope()),
            _ => actor.can_edit_plans(commune.scope()),
        };
        if !allowed {
            return Err(Error::Forbidden);
        }
        let step = |from: PlanStatus, to: PlanStatus| AuditEvent::PlanStatusChanged {
            from,
            to,
            number: None,
            issued_on: None,
        };
        let next = match (change, plan.status) {
            (StatusChange::Submit, PlanStatus::Draft) => {
                if w.tx.tasks_of_plan(plan_id, "").await?.is_empty() {
                    return Err(Error::invalid(
                        "status",
                        "Kế hoạch chưa có nhiệm vụ nào nên chưa trình ký được. Vui lòng thêm \
                         nhiệm vụ trước.",
                    ));
                }
                w.tx.set_plan_status(
                    plan_id,
                    PlanStatus::Draft,
                    PlanStatus::Submitted,
                    None,
                    None,
                )
                .await?;
                let ev = step(PlanStatus::Draft, PlanStatus::Submitted);
                w.tx.record(Some(user.id), Some(commune.id), Object::Plan(plan_id), &ev)
                    .await?;
                PlanId(plan_id)
            }
            (StatusChange::BackToDraft, PlanStatus::Submitted) => {
                w.tx.set_plan_status(
                    plan_id,
                    PlanStatus::Submitted,
                    PlanStatus::Draft,
                    None,
                    None,
                )
                .await?;
                let ev = step(PlanStatus::Submitted, PlanStatus::Draft);
                w.tx.record(Some(user.id), Some(commune.id), Object::Plan(plan_id), &ev)
                    .await?;
                PlanId(plan_id)
            }
            (
                StatusChange::Issue {
                    number,
                    issued_on,
                    signed: (name, bytes),
                },
                PlanStatus::Submitted,
            ) => {
                let name = clean_filename(&name);
                let ct = sniff_type(&bytes).unwrap_or("application/pdf");
                let file = PlanFileIn {
                    kind: FileKind::Signed,
                    filename: &name,
                    content_type: ct,
                    bytes: &bytes,
                };
                attach(&mut w.tx, user, plan_id, commune.id, &file).await?;
                w.tx.set_plan_status(
                    plan_id,
                    PlanStatus::Submitted,
                    PlanStatus::Issued,
                    Some(number.as_str()),
                    Some(&issued_on.to_string()),
                )
                .await?;
                let ev = AuditEvent::PlanStatusChanged {
                    from: PlanStatus::Submitted,
                    to: PlanStatus::Issued,
                    number: Some(number.as_str().to_string()),
                    issued_on: Some(issued_on),
                };
                w.tx.record(Some(user.id), Some(commune.id), Object::Plan(plan_id), &ev)
                    .await?;
                PlanId(plan_id)
            }
            (StatusChange::Amend, PlanStatus::Issued) => {
                amend(&mut w.tx, user, &plan, &commune).await?
            }
            _ => {
                return Err(Error::invalid(
                    "status",
                    "Thao tác này không áp dụng cho kế hoạch ở trạng thái hiện tại.",
                ));
            }
        };
        w.finish(&next).await?;
        Ok(next)
    }

    /// Discards a draft (issue 13, defect d): it leaves every list and figure, keeps its
    /// rows and history, and an administrator can restore it.
    pub async fn discard_plan(
        &self,
        user: &User,
        plan_id: i64,
        key: Option<&RequestKey>,
    ) -> Result<()> {
        let mut w = begin!(self, user.id, key);
        w.tx.lock_plan(plan_id).await?;
        let (plan, commune) = self.visible_plan(&mut w.tx, user, plan_id).await?;
        if !user.actor().can_edit_plans(commune.scope()) {
            return Err(Error::Forbidden);
        }
        if !plan.status.can_discard() {
            return Err(Error::invalid(
                "status",
                "Chỉ hủy được dự thảo. Kế hoạch đang trình ký cần được trả về dự thảo trước; \
                 kế hoạch đã ban hành thì tạo bản sửa đổi.",
            ));
        }
        w.tx.discard_plan(plan_id, plan.status, user.id).await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Plan(plan_id),
            &AuditEvent::PlanDiscarded {
                status: plan.status,
            },
        )
        .await?;
        w.finish(&()).await
    }

    /// Restores a discarded draft (administrators).
    pub async fn restore_plan(
        &self,
        admin: &User,
        plan_id: i64,
        key: Option<&RequestKey>,
    ) -> Result<PlanId> {
        if !admin.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let mut w = begin!(self, admin.id, key);
        let plan = w.tx.plan_any(plan_id).await?;
        w.tx.restore_plan(plan_id).await?;
        w.tx.record(
            Some(admin.id),
            Some(plan.commune_id),
            Object::Plan(plan_id),
            &AuditEvent::PlanRestored,
        )
        .await?;
        let id = PlanId(plan_id);
        w.finish(&id).await?;
        Ok(id)
    }

    /// Adds a section to a draft plan, under `parent` (a section of the same plan) or at
    /// the top level. Two officers adding at once get distinct places: the positions are
    /// read after the plan is locked, in the same transaction.
    pub async fn add_section(
        &self,
        user: &User,
        plan_id: i64,
        parent: Option<i64>,
        text: &SectionText,
        key: Option<&RequestKey>,
    ) -> Result<i64> {
        let mut w = begin!(self, user.id, key);
        let (_, commune) = self.draft_plan(&mut w.tx, user, plan_id).await?;
        if let Some(p) = parent {
            w.tx.section(plan_id, p)
                .await
                .map_err(|_| Error::invalid("parent", "Mục cha không thuộc kế hoạch này."))?;
        }
        let s =
            w.tx.add_section(plan_id, parent, text.label(), text.title(), text.body())
                .await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Plan(plan_id),
            &AuditEvent::SectionAdded {
                section: section_state(&s),
            },
        )
        .await?;
        w.finish(&s.id).await?;
        Ok(s.id)
    }

    /// Saves a section of a draft plan, if nobody saved it since `version` was read
    /// (otherwise a [`Conflict`] with the stored text and the one sent, and nothing saved);
    /// `None`: the version stored now (a client that does not say).
    pub async fn update_section(
        &self,
        user: &User,
        plan_id: i64,
        section_id: i64,
        text: &SectionText,
        version: Option<i64>,
        key: Option<&RequestKey>,
    ) -> Result<Section> {
        let mut w = begin!(self, user.id, key);
        let (_, commune) = self.draft_plan(&mut w.tx, user, plan_id).await?;
        let before = w.tx.section(plan_id, section_id).await?;
        let version = version.unwrap_or(before.version);
        let edit = SectionEdit {
            label: text.label().into(),
            title: text.title().into(),
            body: text.body().into(),
            version,
        };
        if before.version != version {
            return Err(edit_conflict(
                &section_text(&before.label, &before.title, &before.body),
                &section_text(&edit.label, &edit.title, &edit.body),
            ));
        }
        w.tx.update_section(plan_id, section_id, &edit).await?;
        let after = Section {
            label: edit.label,
            title: edit.title,
            body: edit.body,
            version: version + 1,
            ..before.clone()
        };
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Plan(plan_id),
            &AuditEvent::SectionChanged {
                before: section_state(&before),
                after: section_state(&after),
            },
        )
        .await?;
        w.finish(&after).await?;
        Ok(after)
    }

    /// The province's plans page (its officers).
    pub async fn province_plans(&self, officer: &User) -> Result<Vec<ProvincePlan>> {
        let province = officer_province(officer)?;
        Ok(self.read().await?.province_plans_of(province).await?)
    }

    /// A province officer uploads the province's plan; it is read to check it is a
    /// readable plan and to take its title, number and year.
    pub async fn upload_province_plan(
        &self,
        officer: &User,
        filename: &str,
        bytes: Vec<u8>,
        key: Option<&RequestKey>,
    ) -> Result<i64> {
        let province = officer_province(officer)?;
        if bytes.len() > self.config.limits.max_file_bytes {
            return Err(self.file_too_big(bytes.len()));
        }
        let filename = clean_filename(filename);
        let (b, name) = (bytes.clone(), filename.clone());
        let doc = self
            .heavy(move || document::parse_bytes(&b, Some(&name)))
            .await?
            .map_err(|e| Error::invalid("file", e.message_vi()))?;
        let year = doc
            .year
            .and_then(|y| PlanYear::parse(y).ok())
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    "Không xác định được năm của kế hoạch trong văn bản.",
                )
            })?;
        let title = doc
            .title
            .as_deref()
            .and_then(PlanTitle::from_document)
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| filename.clone());
        let mut w = begin!(self, officer.id, key);
        let id =
            w.tx.create_province_plan(
                officer.id,
                province,
                i64::from(year.get()),
                &title,
                doc.number.as_deref(),
                &filename,
                &bytes,
            )
            .await?;
        w.tx.record(
            Some(officer.id),
            None,
            Object::ProvincePlan(id),
            &AuditEvent::ProvincePlanUploaded {
                title,
                year: year.get(),
                file: filename,
            },
        )
        .await?;
        w.finish(&id).await?;
        Ok(id)
    }
}

/// Where an imported document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImportOrigin {
    /// The commune's own plan: the file is kept as its source, with its findings.
    Upload,
    /// The province's plan the commune starts from: kept as the basis; the new plan has no
    /// number of its own yet.
    Province,
}

fn officer_province(user: &User) -> Result<i64> {
    match (user.role, user.province_id) {
        (domain::access::Role::ProvinceOfficer, Some(p)) => Ok(p),
        _ => Err(Error::Forbidden),
    }
}

pub(crate) fn section_state(s: &Section) -> SectionState {
    SectionState {
        label: s.label.clone(),
        title: s.title.clone(),
        body: s.body.clone(),
    }
}

fn section_text(label: &str, title: &str, body: &str) -> String {
    [
        format!("{label} {title}").trim().to_string(),
        body.to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// The conflict of two saves of the same text: the stored one and the one sent, both
/// shown.
pub(crate) fn edit_conflict(theirs: &str, yours: &str) -> Error {
    Error::Conflict(Conflict {
        message: "Nội dung này vừa được người khác lưu trong lúc bạn sửa, nên bản của bạn chưa \
                  được lưu. Dưới đây là nội dung đang lưu và nội dung bạn đã nhập: hãy đối \
                  chiếu, sửa lại rồi lưu."
            .into(),
        theirs: Some(theirs.to_string()),
        yours: Some(yours.to_string()),
    })
}

/// Writes a plan and its creation event.
async fn create_plan(tx: &mut Tx, user: &User, new: &NewPlan) -> Result<PlanId> {
    let (id, _) = tx.create_plan(Some(user.id), new).await?;
    record_created(tx, user, id, new).await?;
    Ok(PlanId(id))
}

async fn record_created(tx: &mut Tx, user: &User, id: i64, new: &NewPlan) -> Result<()> {
    tx.record(
        Some(user.id),
        Some(new.commune_id),
        Object::Plan(id),
        &AuditEvent::PlanCreated {
            title: new.title.clone(),
            year: new.year as i32,
            origin: new.origin,
            version: new.version,
            previous: new.previous_id,
            sections: new.sections.len(),
            tasks: new.tasks.len(),
        },
    )
    .await?;
    Ok(())
}

async fn attach(
    tx: &mut Tx,
    user: &User,
    plan_id: i64,
    commune_id: i64,
    file: &PlanFileIn<'_>,
) -> Result<i64> {
    let id = tx.insert_plan_file(Some(user.id), plan_id, file).await?;
    tx.record(
        Some(user.id),
        Some(commune_id),
        Object::Plan(plan_id),
        &AuditEvent::FileAttached {
            file: file.filename.to_string(),
            kind: file.kind,
            bytes: file.bytes.len() as u64,
        },
    )
    .await?;
    Ok(id)
}

/// Makes the new version of an issued plan, marks the old one amended, and carries each
/// task's progress over to its copy (issue 13, defect a), all in the caller's transaction.
async fn amend(tx: &mut Tx, user: &User, plan: &Plan, commune: &Commune) -> Result<PlanId> {
    let year = plan_year(plan)?;
    let (sections, tasks, old_ids) = plan_body(tx, plan, year, &|t: &str| t.to_string()).await?;
    let new = NewPlan {
        commune_id: plan.commune_id,
        year: plan.year,
        title: plan.title.clone(),
        doc_number: None,
        origin: PlanOrigin::Amendment,
        previous_id: Some(plan.id),
        version: plan.version + 1,
        document_json: tx.plan_document_json(plan.id).await?,
        source_text: None,
        sections,
        tasks,
    };
    tx.set_plan_status(plan.id, PlanStatus::Issued, PlanStatus::Amended, None, None)
        .await?;
    tx.record(
        Some(user.id),
        Some(commune.id),
        Object::Plan(plan.id),
        &AuditEvent::PlanStatusChanged {
            from: PlanStatus::Issued,
            to: PlanStatus::Amended,
            number: None,
            issued_on: None,
        },
    )
    .await?;
    let (id, new_ids) = tx.create_plan(Some(user.id), &new).await?;
    record_created(tx, user, id, &new).await?;
    for (old, new_task) in old_ids.iter().zip(&new_ids) {
        let carried = tx.carry_progress(*old, *new_task).await?;
        // The register entries that carried the old task out now count as evidence on
        // the new version's task, as its progress does.
        let entries = tx.relink_entries(*old, *new_task).await?;
        if carried.occurrences > 0 || entries > 0 {
            tx.record(
                Some(user.id),
                Some(commune.id),
                Object::Task(*new_task),
                &AuditEvent::ProgressCarriedOver {
                    from_task: *old,
                    occurrences: carried.occurrences,
                    updates: carried.updates,
                    entries,
                },
            )
            .await?;
        }
    }
    Ok(PlanId(id))
}

/// A stored plan's sections and tasks as new ones for another plan of `year`: texts passed
/// through `edit` (a year shift for a copy, unchanged for an amendment), units and partners
/// kept, schedules made again for `year` from the (edited) time frames. Also the ids of the
/// tasks copied, in the order of the new tasks. Three queries whatever the plan's size.
async fn plan_body(
    tx: &mut Tx,
    plan: &Plan,
    year: PlanYear,
    edit: &(dyn Fn(&str) -> String + Sync),
) -> Result<(Vec<NewSection>, Vec<NewTask>, Vec<i64>)> {
    let sections = tx.sections_of(plan.id).await?;
    let index: HashMap<i64, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let new_sections = sections
        .iter()
        .map(|s| NewSection {
            parent: s.parent_id.and_then(|p| index.get(&p).copied()),
            level: s.level,
            label: s.label.clone(),
            title: edit(&s.title),
            body: edit(&s.body),
        })
        .collect();
    let stored = tx.plan_tasks(plan.id).await?;
    let mut partners = tx.plan_partners(plan.id).await?;
    let mut tasks = Vec::with_capacity(stored.len());
    let mut ids = Vec::with_capacity(stored.len());
    for t in stored {
        let timeframe = t.timeframe.as_deref().map(edit);
        let (recurrence, certain, occurrences) = import::schedule_task(timeframe.as_deref(), year);
        ids.push(t.id);
        tasks.push(NewTask {
            section: t.section_id.and_then(|s| index.get(&s).copied()),
            ref_label: t.ref_label,
            text: edit(&t.text),
            lead_unit_id: t.lead_unit_id,
            lead_text: t.lead_text,
            partners: partners.remove(&t.id).unwrap_or_default(),
            timeframe,
            recurrence,
            schedule_certain: certain,
            occurrences,
        });
    }
    Ok((new_sections, tasks, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_invisible_characters() {
        assert_eq!(clean_filename("C:\\x\\ke-hoach.docx"), "ke-hoach.docx");
        assert_eq!(clean_filename("a\u{202e}fdp.exe"), "afdp.exe");
        assert_eq!(clean_filename("\u{0}\u{1b}"), "tep");
        assert_eq!(clean_filename(&"ạ".repeat(300)).chars().count(), 200);
    }
}
