//! Reports to the province (issue 11): a province's regimes (data, its officers edit them),
//! the working-day calendar, a commune's reports and what falls due, drafting, editing,
//! submitting (a frozen, versioned snapshot with the signed file), and the province's
//! review (return with comments, accept and lock).
//!
//! Rules: Decree 09/2019/NĐ-CP art. 8 (regimes, deadlines), art. 12 (cut-off windows);
//! registers-reports.md §3 (outline, annexes) and §4 (returned for correction, versioned
//! resubmission, accepted data locked). A report sent after its deadline is received and
//! counts as late: late is derived from the day of the first submission and the deadline,
//! never stored.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use domain::audit::AuditEvent;
use domain::register::RegisterKind;
use domain::report::{
    Annex, Block, CalendarDay, CutOff, DayKind, Deadline, Frequency, OutlineItem, Period, Regime,
    RegimeKind, ReportStatus, WorkCalendar,
};
use serde::{Deserialize, Serialize};
use store::{
    Commune, NewReport, Object, Province, RegimeColumns, ReportComment, ReportRow, ReportVersion,
    SignedFile, StoredRegime, StoredReport, User,
};

use crate::report_content::{ReportContent, Target, compute};
use crate::{App, Error, RequestKey, Result, begin};

/// A regime as the province's page lists it.
#[derive(Debug, Clone)]
pub struct RegimeRow {
    pub id: i64,
    pub version: i64,
    pub active: bool,
    pub regime: Regime,
}

/// The codes a stored deadline rule uses.
const WORKING_DAYS: &str = "working_days_after_cut_off";
const DAYS_AFTER_EVENT: &str = "days_after_event";

fn parse_stored(s: &StoredRegime) -> Result<Regime> {
    let bad = |what: &str| Error::Internal(format!("regime {}: {what}", s.id));
    let deadline_days = u16::try_from(s.deadline_days).map_err(|_| bad("deadline days"))?;
    let deadline = match s.deadline_rule.as_str() {
        WORKING_DAYS => Deadline::WorkingDaysAfterCutOff(deadline_days),
        DAYS_AFTER_EVENT => Deadline::DaysAfterEvent(deadline_days),
        _ => return Err(bad("deadline rule")),
    };
    let outline: Vec<OutlineItem> = serde_json::from_str(&s.outline).map_err(|_| bad("outline"))?;
    let annexes: Vec<Annex> = serde_json::from_str(&s.annexes).map_err(|_| bad("annexes"))?;
    Ok(Regime {
        code: s.code.clone(),
        name: s.name.clone(),
        kind: RegimeKind::parse(&s.kind).ok_or_else(|| bad("kind"))?,
        frequency: Frequency::parse(&s.frequency).ok_or_else(|| bad("frequency"))?,
        cut_off: CutOff::parse(&s.cut_off).ok_or_else(|| bad("cut-off"))?,
        deadline,
        event_register: match &s.event_register {
            Some(slug) => Some(RegisterKind::parse(slug).ok_or_else(|| bad("register"))?),
            None => None,
        },
        receiver: s.receiver.clone(),
        outline,
        annexes,
    })
}

fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(format!("json: {e}")))
}

fn columns_of(r: &Regime, active: bool) -> Result<RegimeColumns> {
    let (rule, days) = match r.deadline {
        Deadline::WorkingDaysAfterCutOff(n) => (WORKING_DAYS, n),
        Deadline::DaysAfterEvent(n) => (DAYS_AFTER_EVENT, n),
    };
    Ok(RegimeColumns {
        code: r.code.clone(),
        name: r.name.clone(),
        kind: r.kind.code(),
        frequency: r.frequency.code(),
        cut_off: r.cut_off.code(),
        deadline_rule: rule,
        deadline_days: i64::from(days),
        event_register: r.event_register.map(RegisterKind::slug),
        receiver: r.receiver.clone(),
        outline: to_json(&r.outline)?,
        annexes: to_json(&r.annexes)?,
        active,
    })
}

/// A report that falls due for a commune: drafted or not.
#[derive(Debug, Clone)]
pub struct DueReport {
    pub regime_id: i64,
    pub regime_name: String,
    pub period: Option<Period>,
    /// For an event regime: the entry, its register and its name.
    pub entry: Option<(i64, RegisterKind, String)>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due_on: NaiveDate,
    pub report: Option<ReportRow>,
    /// Not yet sent and past its deadline, or sent after it.
    pub late: bool,
}

impl DueReport {
    /// "6 tháng đầu năm 2026", or the event's name.
    pub fn label_vi(&self) -> String {
        match (&self.period, &self.entry) {
            (Some(p), _) => p.label_vi(),
            (None, Some((_, _, name))) => name.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A commune's reports page.
#[derive(Debug)]
pub struct ReportsView {
    pub commune: Commune,
    pub province: Province,
    /// What falls due this year (and the year before, while its reports are open), the
    /// nearest deadline first.
    pub due: Vec<DueReport>,
    /// Every report of the commune, the latest window first.
    pub reports: Vec<ReportRow>,
    pub can_write: bool,
    /// The province's active ad hoc regimes (id, name): a report on a window the officer
    /// chooses.
    pub ad_hoc: Vec<(i64, String)>,
}

/// What a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportTarget {
    Period(Period),
    Entry(i64),
    Window(NaiveDate, NaiveDate),
}

/// A report's page.
#[derive(Debug)]
pub struct ReportView {
    pub id: i64,
    pub version: i64,
    pub status: ReportStatus,
    pub commune: Commune,
    /// Computed from the records for a draft or a returned report; the latest submission
    /// for a submitted or accepted one.
    pub content: ReportContent,
    /// The content is a submission's (it no longer follows the records).
    pub frozen: bool,
    pub late: bool,
    pub first_submitted_on: Option<NaiveDate>,
    pub versions: Vec<ReportVersion>,
    pub comments: Vec<ReportComment>,
    pub can_edit: bool,
    pub can_review: bool,
}

/// The province's review queue.
#[derive(Debug)]
pub struct ReviewQueue {
    pub province: Province,
    /// Sent and waiting for review, the longest waiting first.
    pub waiting: Vec<ReportRow>,
    /// Returned, waiting for the commune.
    pub returned: Vec<ReportRow>,
    /// Accepted, the latest first.
    pub accepted: Vec<ReportRow>,
}

/// The province's decision on a submitted report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// Sent back for correction: the reasons are required.
    Return(String),
    /// Accepted, with an optional remark.
    Accept(String),
}

/// A report's number and prose as typed.
#[derive(Debug, Clone, Default)]
pub struct ReportEdit {
    pub number: String,
    pub texts: BTreeMap<String, String>,
    pub version: i64,
}

/// Longest prose of one heading, in characters.
const TEXT_MAX: usize = 20_000;
/// Longest comment of a review.
const COMMENT_MAX: usize = 4_000;

fn parse_texts(s: &str) -> Result<BTreeMap<String, String>> {
    serde_json::from_str(s).map_err(|e| Error::Internal(format!("report texts: {e}")))
}

fn iso(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::Internal(format!("stored date {s:?}")))
}

/// The number of a report as typed: "12/BC-UBND" (Decree 30, Appendix III: BC); empty
/// while a draft.
fn parse_number(s: &str) -> Result<String> {
    let s = vntext::nfc(s.trim());
    if s.is_empty() {
        return Ok(s);
    }
    let n = document::model::DocNumber::parse(&s).map_err(|_| {
        Error::invalid_en(
            "number",
            "Số, ký hiệu không đúng thể thức (ví dụ: 12/BC-UBND).",
            "the number is not of the form 12/BC-UBND",
        )
    })?;
    let symbol = n.as_str().rsplit('/').next().unwrap_or_default();
    if !symbol.starts_with("BC-") {
        return Err(Error::invalid_en(
            "number",
            "Ký hiệu của báo cáo bắt đầu bằng “BC-” (ví dụ: 12/BC-UBND).",
            "a report's symbol starts with BC-",
        ));
    }
    Ok(n.as_str().to_string())
}

impl App {
    /// The working-day calendar: the shipped one with the administrators' corrections.
    pub(crate) async fn work_calendar(&self, db: &mut store::Db) -> Result<WorkCalendar> {
        let days = db.calendar_days().await?;
        let overrides: Vec<CalendarDay> = days
            .into_iter()
            .filter_map(|(day, kind, name)| {
                Some(CalendarDay {
                    date: NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?,
                    kind: DayKind::parse(&kind)?,
                    name,
                })
            })
            .collect();
        Ok(WorkCalendar::with_overrides(&overrides))
    }

    /// A province's regimes; the default set is stored the first time a province's regimes
    /// are asked for (a province created before the regimes existed gets them too).
    pub(crate) async fn province_regimes(&self, province: &Province) -> Result<Vec<RegimeRow>> {
        let mut stored = self.read().await?.regimes_of(province.id).await?;
        if stored.is_empty() {
            let mut tx = self.write().await?;
            if tx.regimes_of(province.id).await?.is_empty() {
                for r in domain::report::default_regimes("Sở Ngoại vụ") {
                    tx.insert_regime(province.id, &columns_of(&r, true)?, None)
                        .await?;
                }
            }
            stored = tx.regimes_of(province.id).await?;
            tx.commit().await?;
        }
        stored
            .iter()
            .map(|s| {
                Ok(RegimeRow {
                    id: s.id,
                    version: s.version,
                    active: s.active == 1,
                    regime: parse_stored(s)?,
                })
            })
            .collect()
    }

    /// The regimes of a province, for those who may see it and for its communes' accounts
    /// (what they report on).
    pub async fn regimes(&self, user: &User, province_id: i64) -> Result<Vec<RegimeRow>> {
        let mut db = self.read().await?;
        let own = match user.commune_id {
            Some(c) => db.commune(c).await?.province_id == province_id,
            None => false,
        };
        if !(own || user.actor().can_view_province(province_id)) {
            return Err(Error::Forbidden);
        }
        let province = db.province(province_id).await?;
        drop(db);
        self.province_regimes(&province).await
    }

    /// The province of a commune the user may see.
    pub async fn province_of_commune(&self, user: &User, commune: i64) -> Result<i64> {
        let commune = self.read().await?.commune(commune).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::NotFound);
        }
        Ok(commune.province_id)
    }

    /// Adds (`id` `None`) or changes a regime of a province: its officers and the
    /// administrators. A regime is never deleted (reports keep pointing to it): it is made
    /// inactive.
    pub async fn save_regime(
        &self,
        user: &User,
        province_id: i64,
        id: Option<i64>,
        version: i64,
        regime: Regime,
        active: bool,
    ) -> Result<i64> {
        if !user.actor().can_manage_regimes(province_id) {
            return Err(Error::Forbidden);
        }
        let regime = Regime::parse(regime)
            .map_err(|e| Error::invalid_en("regime", e.message_vi(), e.to_string()))?;
        let province = self.read().await?.province(province_id).await?;
        self.province_regimes(&province).await?;
        let columns = columns_of(&regime, active)?;
        let mut tx = self.write().await?;
        let id = match id {
            Some(id) => {
                let stored = tx.regime(id).await?;
                if stored.province_id != province_id {
                    return Err(Error::NotFound);
                }
                // The officer's prose is kept under each heading's number: dropping or
                // restoring a heading renumbers the ones after it, so it waits until no
                // report of the regime is being written (sent ones are frozen copies).
                let shape = |o: &[OutlineItem]| -> Vec<(Block, Vec<RegisterKind>)> {
                    o.iter().map(|i| (i.block, i.registers.clone())).collect()
                };
                let before: Vec<OutlineItem> =
                    serde_json::from_str(&stored.outline).unwrap_or_default();
                if shape(&before) != shape(&regime.outline) {
                    let open = tx.open_reports_of_regime(id).await?;
                    if open > 0 {
                        return Err(Error::invalid(
                            "outline",
                            format!(
                                "Còn {open} báo cáo đang soạn hoặc bị trả lại theo chế độ này: \
                                 chưa thể bỏ hoặc thêm đề mục (nội dung các xã đã viết sẽ lệch \
                                 đề mục); vẫn có thể đổi tên đề mục."
                            ),
                        ));
                    }
                }
                if !tx.update_regime(id, version, &columns, user.id).await? {
                    return Err(store::StoreError::Stale.into());
                }
                id
            }
            None => {
                let existing = tx.regimes_of(province_id).await?;
                let mut code = slug_of(&regime.name);
                let mut n = 1;
                while existing.iter().any(|r| r.code == code) {
                    n += 1;
                    code = format!("{}-{n}", slug_of(&regime.name));
                }
                let columns = RegimeColumns { code, ..columns };
                tx.insert_regime(province_id, &columns, Some(user.id))
                    .await?
            }
        };
        tx.record(
            Some(user.id),
            None,
            Object::Regime(id),
            &AuditEvent::RegimeSaved {
                name: regime.name.clone(),
                active,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A commune's reports and what falls due (the current year and the one before).
    pub async fn reports_of_commune(
        &self,
        user: &User,
        commune: Option<i64>,
    ) -> Result<Option<ReportsView>> {
        let Some(commune) = self.commune_in_view(user, commune).await? else {
            return Ok(None);
        };
        let province = self.read().await?.province(commune.province_id).await?;
        let regimes = self.province_regimes(&province).await?;
        let mut db = self.read().await?;
        let calendar = self.work_calendar(&mut db).await?;
        let reports = db.reports_of(commune.id).await?;
        let today = self.today();
        let mut due = Vec::new();
        for row in regimes.iter().filter(|r| r.active) {
            let r = &row.regime;
            match r.kind {
                RegimeKind::Periodic => {
                    // The Decree 09 year begins on 15/12: late in December the next
                    // year's first periods have begun.
                    for year in [today.year() - 1, today.year(), today.year() + 1] {
                        for p in Period::of_year(r.frequency, year) {
                            let (from, to) = p.window(r.cut_off);
                            // A period shows once it has begun.
                            if from > today {
                                continue;
                            }
                            let report = reports
                                .iter()
                                .find(|x| {
                                    x.regime_id == row.id
                                        && x.period.as_deref() == Some(&p.to_string())
                                })
                                .cloned();
                            // The year before shows only what was drafted there and not
                            // yet sent: the periods before a commune used the system are
                            // not its missing reports.
                            if year < today.year()
                                && report
                                    .as_ref()
                                    .is_none_or(|x| x.first_submitted_on.is_some())
                            {
                                continue;
                            }
                            let Some(due_on) = r.due(to, &calendar) else {
                                continue;
                            };
                            due.push(due_report(
                                row,
                                Some(p),
                                None,
                                (from, to),
                                due_on,
                                report,
                                today,
                            ));
                        }
                    }
                }
                RegimeKind::Event => {
                    let Some(kind) = r.event_register else {
                        continue;
                    };
                    let since = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
                    for (id, title, on, end) in db
                        .event_entries(
                            commune.id,
                            kind.slug(),
                            &kind
                                .def()
                                .counted
                                .iter()
                                .map(|s| s.code())
                                .collect::<Vec<_>>(),
                            &since.to_string(),
                        )
                        .await?
                    {
                        let from = iso(&on)?;
                        let to = end.as_deref().map(iso).transpose()?.unwrap_or(from);
                        if to > today {
                            continue;
                        }
                        let report = reports
                            .iter()
                            .find(|x| x.regime_id == row.id && x.entry_id == Some(id))
                            .cloned();
                        let Some(due_on) = r.due(to, &calendar) else {
                            continue;
                        };
                        due.push(due_report(
                            row,
                            None,
                            Some((id, kind, title)),
                            (from, to),
                            due_on,
                            report,
                            today,
                        ));
                    }
                }
                RegimeKind::AdHoc => {}
            }
        }
        due.sort_by_key(|d| {
            (
                d.report
                    .as_ref()
                    .is_some_and(|r| r.first_submitted_on.is_some()),
                d.due_on,
            )
        });
        let ad_hoc = regimes
            .iter()
            .filter(|r| r.active && r.regime.kind == RegimeKind::AdHoc)
            .map(|r| (r.id, r.regime.name.clone()))
            .collect();
        Ok(Some(ReportsView {
            ad_hoc,
            can_write: user.actor().can_write_reports(commune.scope()),
            commune,
            province,
            due,
            reports,
        }))
    }

    /// Drafts a commune's report for a period, an event or a window (its office or
    /// leader), or finds the one already drafted: a second click, or two officers at once,
    /// open the same report.
    pub async fn start_report(
        &self,
        user: &User,
        commune_id: i64,
        regime_id: i64,
        target: ReportTarget,
    ) -> Result<i64> {
        let commune = self.read().await?.commune(commune_id).await?;
        if !user.actor().can_write_reports(commune.scope()) {
            return Err(Error::Forbidden);
        }
        let province = self.read().await?.province(commune.province_id).await?;
        let regimes = self.province_regimes(&province).await?;
        let row = regimes
            .iter()
            .find(|r| r.id == regime_id)
            .ok_or(Error::NotFound)?;
        let r = &row.regime;
        let mut db = self.read().await?;
        let calendar = self.work_calendar(&mut db).await?;
        let (period, entry, from, to, label) = match (r.kind, target) {
            (RegimeKind::Periodic, ReportTarget::Period(p)) if p.fits(r.frequency) => {
                let (from, to) = p.window(r.cut_off);
                (Some(p), None, from, to, p.label_vi())
            }
            (RegimeKind::Event, ReportTarget::Entry(id)) => {
                let e = db.entry(id).await?;
                if e.commune_id != commune.id
                    || Some(e.register.as_str()) != r.event_register.map(RegisterKind::slug)
                {
                    return Err(Error::NotFound);
                }
                let from = iso(&e.on_date)?;
                let to = db
                    .entry_end(id)
                    .await?
                    .as_deref()
                    .map(iso)
                    .transpose()?
                    .unwrap_or(from);
                (None, Some(id), from, to, e.title)
            }
            (RegimeKind::AdHoc, ReportTarget::Window(from, to)) if from <= to => (
                None,
                None,
                from,
                to,
                format!(
                    "từ {} đến {}",
                    from.format("%d/%m/%Y"),
                    to.format("%d/%m/%Y")
                ),
            ),
            _ => {
                return Err(Error::invalid_en(
                    "period",
                    "Kỳ báo cáo không phù hợp với chế độ báo cáo đã chọn.",
                    "the period does not fit the regime",
                ));
            }
        };
        let existing = match (period, entry) {
            (Some(p), _) => {
                db.report_for_period(commune.id, row.id, &p.to_string())
                    .await?
            }
            (None, Some(e)) => db.report_for_entry(commune.id, row.id, e).await?,
            _ => {
                db.report_for_window(commune.id, row.id, &from.to_string(), &to.to_string())
                    .await?
            }
        };
        if let Some(id) = existing {
            return Ok(id);
        }
        let due_on = r.due(to, &calendar).ok_or_else(|| {
            Error::invalid_en(
                "period",
                "Không tính được hạn gửi của kỳ báo cáo này (ngoài lịch làm việc 2025–2030).",
                "no deadline on the calendar",
            )
        })?;
        drop(db);
        let new = NewReport {
            commune_id: commune.id,
            regime_id: row.id,
            period: period.map(|p| p.to_string()),
            entry_id: entry,
            window_from: from.to_string(),
            window_to: to.to_string(),
            due_on: due_on.to_string(),
            texts: "{}".into(),
        };
        let mut tx = self.write().await?;
        match tx.insert_report(&new, user.id).await {
            Ok(id) => {
                tx.record(
                    Some(user.id),
                    Some(commune.id),
                    Object::Report(id),
                    &AuditEvent::ReportDrafted {
                        regime: r.name.clone(),
                        period: label,
                    },
                )
                .await?;
                tx.commit().await?;
                Ok(id)
            }
            Err(store::StoreError::Conflict(_)) => {
                drop(tx);
                let mut db = self.read().await?;
                let found = match (period, entry) {
                    (Some(p), _) => {
                        db.report_for_period(commune.id, row.id, &p.to_string())
                            .await?
                    }
                    (None, Some(e)) => db.report_for_entry(commune.id, row.id, e).await?,
                    _ => None,
                };
                found.ok_or(Error::NotFound)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The report `id` and the regime it follows, for one who may see its commune.
    async fn report_and_regime(
        &self,
        db: &mut store::Db,
        user: &User,
        id: i64,
    ) -> Result<(StoredReport, Commune, Province, Regime)> {
        let report = db.report(id).await?;
        let commune = db.commune(report.commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::NotFound);
        }
        let province = db.province(commune.province_id).await?;
        let regime = parse_stored(&db.regime(report.regime_id).await?)?;
        Ok((report, commune, province, regime))
    }

    /// Computes a stored report's content from the records as they are now.
    async fn live_content(
        &self,
        db: &mut store::Db,
        report: &StoredReport,
        commune: &Commune,
        province: &Province,
        regime: &Regime,
    ) -> Result<ReportContent> {
        let texts = parse_texts(&report.texts)?;
        let entry = match report.entry_id {
            Some(e) => Some((e, db.entry(e).await?.title)),
            None => None,
        };
        compute(
            db,
            Target {
                commune,
                province,
                regime_id: report.regime_id,
                regime,
                period: report.period.as_deref().and_then(|p| Period::parse(p).ok()),
                entry,
                from: iso(&report.window_from)?,
                to: iso(&report.window_to)?,
                due_on: iso(&report.due_on)?,
                status: report.status,
                number: report.number.clone(),
                date: self.today(),
                texts: &texts,
                today: self.today(),
            },
        )
        .await
    }

    /// A report's page: its content (computed while it is a draft or returned, the latest
    /// submission otherwise), its submissions and the province's comments.
    pub async fn report_view(&self, user: &User, id: i64) -> Result<ReportView> {
        let mut db = self.read().await?;
        let (report, commune, province, regime) = self.report_and_regime(&mut db, user, id).await?;
        let versions = db.report_versions(id).await?;
        let comments = db.report_comments(id).await?;
        let frozen = !report.status.editable();
        let content = match versions.last() {
            Some(v) if frozen => serde_json::from_str(&v.content)
                .map_err(|e| Error::Internal(format!("report version: {e}")))?,
            _ => {
                self.live_content(&mut db, &report, &commune, &province, &regime)
                    .await?
            }
        };
        let first = report.first_submitted_on.as_deref().map(iso).transpose()?;
        let due = iso(&report.due_on)?;
        let late = match first {
            Some(f) => f > due,
            None => self.today() > due,
        };
        let actor = user.actor();
        Ok(ReportView {
            id,
            version: report.version,
            status: report.status,
            can_edit: report.status.editable() && actor.can_write_reports(commune.scope()),
            can_review: report.status == ReportStatus::Submitted
                && actor.can_review_reports(commune.province_id),
            commune,
            content,
            frozen,
            late,
            first_submitted_on: first,
            versions,
            comments,
        })
    }

    /// The content of a report as the records give it now, or as submitted (`seq`).
    pub async fn report_content(
        &self,
        user: &User,
        id: i64,
        seq: Option<i64>,
    ) -> Result<ReportContent> {
        match seq {
            None => Ok(self.report_view(user, id).await?.content),
            Some(seq) => {
                let mut db = self.read().await?;
                self.report_and_regime(&mut db, user, id).await?;
                let v = db.report_versions(id).await?;
                let v = v.iter().find(|v| v.seq == seq).ok_or(Error::NotFound)?;
                serde_json::from_str(&v.content)
                    .map_err(|e| Error::Internal(format!("report version: {e}")))
            }
        }
    }

    /// Saves a report's number and prose (a draft or a returned report), if it is still at
    /// the version the officer started from; keys not in the outline are dropped.
    pub async fn save_report(&self, user: &User, id: i64, edit: ReportEdit) -> Result<i64> {
        let number = parse_number(&edit.number)?;
        let mut texts = BTreeMap::new();
        for (k, v) in edit.texts {
            let v = vntext::nfc(v.trim());
            if v.chars().count() > TEXT_MAX {
                return Err(Error::invalid_en(
                    "text",
                    format!(
                        "Mỗi mục của báo cáo dài tối đa {} ký tự.",
                        crate::format::grouped(TEXT_MAX as i64)
                    ),
                    "a heading's text is too long",
                ));
            }
            if !v.is_empty() && k.len() <= 12 {
                texts.insert(k, v);
            }
        }
        let json = to_json(&texts)?;
        let mut tx = self.write().await?;
        let report = tx.lock_report(id).await?;
        let commune = tx.commune(report.commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::NotFound);
        }
        if !user.actor().can_write_reports(commune.scope()) {
            return Err(Error::Forbidden);
        }
        if !report.status.editable() {
            return Err(Error::conflict(
                "Báo cáo đã gửi Sở Ngoại vụ nên không sửa được nữa (chỉ sửa khi bị trả lại).",
            ));
        }
        if !tx
            .update_report_texts(id, edit.version, &number, &json)
            .await?
        {
            return Err(store::StoreError::Stale.into());
        }
        tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Report(id),
            &AuditEvent::ReportEdited,
        )
        .await?;
        tx.commit().await?;
        Ok(edit.version + 1)
    }

    /// Sends a report to the province: its number, the content as the records give it now
    /// (frozen as the next version) and the signed file. A second send of the same form
    /// (its key) answers the first one's version and freezes nothing more.
    pub async fn submit_report(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        id: i64,
        version: i64,
        file: Option<(String, Vec<u8>)>,
    ) -> Result<i64> {
        let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
            return Err(Error::invalid(
                "file",
                "Vui lòng đính kèm bản báo cáo đã ký (tệp PDF hoặc ảnh chụp).",
            ));
        };
        if bytes.len() > self.config.limits.max_file_bytes {
            return Err(self.file_too_big(bytes.len()));
        }
        let mut db = self.read().await?;
        let (report, commune, province, regime) = self.report_and_regime(&mut db, user, id).await?;
        if !user.actor().can_write_reports(commune.scope()) {
            return Err(Error::Forbidden);
        }
        if report.number.is_empty() {
            return Err(Error::invalid_en(
                "number",
                "Vui lòng nhập số, ký hiệu của báo cáo (ví dụ: 12/BC-UBND) và lưu trước khi gửi.",
                "the report has no number",
            ));
        }
        let today = self.today();
        let mut content = self
            .live_content(&mut db, &report, &commune, &province, &regime)
            .await?;
        drop(db);
        content.status = ReportStatus::Submitted;
        content.date = today;
        let mut w = begin!(self, user.id, key);
        let locked = w.tx.lock_report(id).await?;
        if !locked.status.can_move(ReportStatus::Submitted) {
            return Err(Error::conflict(match locked.status {
                ReportStatus::Accepted => "Báo cáo đã được Sở Ngoại vụ tiếp nhận.",
                _ => "Báo cáo đã được gửi, đang chờ Sở Ngoại vụ xem xét.",
            }));
        }
        if locked.version != version
            || locked.texts != report.texts
            || locked.number != report.number
        {
            return Err(store::StoreError::Stale.into());
        }
        let json = to_json(&content)?;
        let name = crate::plans::clean_filename(&name);
        let ct = crate::plans::sniff_type(&bytes).unwrap_or("application/octet-stream");
        let file: SignedFile = (name.clone(), ct.to_string(), bytes);
        let on = today.to_string();
        let seq =
            w.tx.insert_report_version(id, &json, Some(&file), user.id, &on)
                .await?;
        if !w
            .tx
            .set_report_status(id, version, ReportStatus::Submitted, Some(&on))
            .await?
        {
            return Err(store::StoreError::Stale.into());
        }
        let first = locked
            .first_submitted_on
            .as_deref()
            .unwrap_or(&on)
            .to_string();
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Report(id),
            &AuditEvent::ReportSubmitted {
                version: seq,
                late: first > locked.due_on,
                filename: Some(name),
            },
        )
        .await?;
        w.finish(&seq).await?;
        Ok(seq)
    }

    /// The province returns a submitted report with its reasons, or accepts it (locked).
    pub async fn review_report(
        &self,
        user: &User,
        id: i64,
        version: i64,
        review: Review,
    ) -> Result<()> {
        let (to, comment) = match &review {
            Review::Return(c) => (ReportStatus::Returned, vntext::nfc(c.trim())),
            Review::Accept(c) => (ReportStatus::Accepted, vntext::nfc(c.trim())),
        };
        if to == ReportStatus::Returned && comment.is_empty() {
            return Err(Error::invalid(
                "comment",
                "Vui lòng ghi lý do trả lại để xã, phường hoàn thiện báo cáo.",
            ));
        }
        if comment.chars().count() > COMMENT_MAX {
            return Err(Error::invalid(
                "comment",
                format!(
                    "Ý kiến dài tối đa {} ký tự.",
                    crate::format::grouped(COMMENT_MAX as i64)
                ),
            ));
        }
        let mut tx = self.write().await?;
        let report = tx.lock_report(id).await?;
        let commune = tx.commune(report.commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::NotFound);
        }
        if !user.actor().can_review_reports(commune.province_id) {
            return Err(Error::Forbidden);
        }
        if !report.status.can_move(to) {
            return Err(Error::conflict(match report.status {
                ReportStatus::Accepted => "Báo cáo đã được tiếp nhận.",
                ReportStatus::Returned => "Báo cáo đã được trả lại, đang chờ xã, phường gửi lại.",
                _ => "Báo cáo chưa được gửi.",
            }));
        }
        if !tx.set_report_status(id, version, to, None).await? {
            return Err(store::StoreError::Stale.into());
        }
        let seq = tx.report_version_count(id).await?;
        if !comment.is_empty() || to == ReportStatus::Accepted {
            tx.insert_report_comment(id, seq, to.code(), &comment, user.id)
                .await?;
        }
        let event = match to {
            ReportStatus::Returned => AuditEvent::ReportReturned { comment },
            _ => AuditEvent::ReportAccepted { comment },
        };
        tx.record(Some(user.id), Some(commune.id), Object::Report(id), &event)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The province officer's queue: reports sent and waiting, returned, accepted.
    pub async fn review_queue(&self, user: &User) -> Result<ReviewQueue> {
        let Some(province_id) = user
            .province_id
            .filter(|p| user.actor().can_view_province(*p))
        else {
            return Err(Error::Forbidden);
        };
        let mut db = self.read().await?;
        let province = db.province(province_id).await?;
        let waiting = db
            .reports_of_province(province_id, &[ReportStatus::Submitted])
            .await?;
        let returned = db
            .reports_of_province(province_id, &[ReportStatus::Returned])
            .await?;
        let mut accepted = db
            .reports_of_province(province_id, &[ReportStatus::Accepted])
            .await?;
        accepted.reverse();
        Ok(ReviewQueue {
            province,
            waiting,
            returned,
            accepted,
        })
    }

    /// A submission's signed file.
    pub async fn report_file(&self, user: &User, id: i64, seq: i64) -> Result<SignedFile> {
        let mut db = self.read().await?;
        self.report_and_regime(&mut db, user, id).await?;
        Ok(db.report_file(id, seq).await?)
    }

    /// The content of a commune's report for a regime and a period, computed now without
    /// storing anything (`doingoai report draft`): the prose and number of the report
    /// already drafted, if any.
    pub async fn draft_report(
        &self,
        user: &User,
        commune_id: i64,
        regime_code: Option<&str>,
        period: Period,
    ) -> Result<ReportContent> {
        let mut db = self.read().await?;
        let commune = db.commune(commune_id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::NotFound);
        }
        let province = db.province(commune.province_id).await?;
        drop(db);
        let regimes = self.province_regimes(&province).await?;
        let row = regimes
            .iter()
            .filter(|r| r.regime.kind == RegimeKind::Periodic)
            .find(|r| match regime_code {
                Some(c) => r.regime.code == c,
                None => period.fits(r.regime.frequency),
            })
            .ok_or_else(|| {
                Error::invalid_en(
                    "period",
                    format!(
                        "Tỉnh chưa có chế độ báo cáo cho kỳ “{}”.",
                        period.label_vi()
                    ),
                    format!("no regime of the province reports on {period}"),
                )
            })?;
        if !period.fits(row.regime.frequency) {
            return Err(Error::invalid_en(
                "period",
                "Kỳ báo cáo không phù hợp với chế độ báo cáo đã chọn.",
                "the period does not fit the regime",
            ));
        }
        let mut db = self.read().await?;
        let calendar = self.work_calendar(&mut db).await?;
        let (from, to) = period.window(row.regime.cut_off);
        let stored = match db
            .report_for_period(commune.id, row.id, &period.to_string())
            .await?
        {
            Some(id) => Some(db.report(id).await?),
            None => None,
        };
        let texts = match &stored {
            Some(s) => parse_texts(&s.texts)?,
            None => BTreeMap::new(),
        };
        compute(
            &mut db,
            Target {
                commune: &commune,
                province: &province,
                regime_id: row.id,
                regime: &row.regime,
                period: Some(period),
                entry: None,
                from,
                to,
                due_on: row.regime.due(to, &calendar).unwrap_or(to),
                status: stored.as_ref().map_or(ReportStatus::Draft, |s| s.status),
                number: stored
                    .as_ref()
                    .map(|s| s.number.clone())
                    .unwrap_or_default(),
                date: self.today(),
                texts: &texts,
                today: self.today(),
            },
        )
        .await
    }

    /// The days off and make-up days of `year` as deadlines count them: the shipped
    /// calendar with the corrections applied, each correction shown with the shipped day it
    /// replaces. Administrators and province officers (who set deadlines) see it.
    pub async fn calendar_year(&self, user: &User, year: i32) -> Result<CalendarYear> {
        let a = user.actor();
        if !a.can_manage_organisation()
            && !user.province_id.is_some_and(|p| a.can_manage_regimes(p))
        {
            return Err(Error::Forbidden);
        }
        if !(2000..=2100).contains(&year) {
            return Err(Error::invalid("year", "Năm phải từ 2000 đến 2100."));
        }
        let mut rows: BTreeMap<NaiveDate, CalendarRow> = domain::report::shipped_days()
            .into_iter()
            .filter(|d| d.date.year() == year)
            .map(|d| {
                (
                    d.date,
                    CalendarRow {
                        date: d.date,
                        kind: d.kind,
                        name: d.name.clone(),
                        shipped: Some((d.kind, d.name)),
                        corrected: false,
                    },
                )
            })
            .collect();
        for (day, kind, name) in self.read().await?.calendar_days().await? {
            let (Ok(date), Some(kind)) = (
                NaiveDate::parse_from_str(&day, "%Y-%m-%d"),
                DayKind::parse(&kind),
            ) else {
                continue;
            };
            if date.year() != year {
                continue;
            }
            let row = rows.entry(date).or_insert(CalendarRow {
                date,
                kind,
                name: String::new(),
                shipped: None,
                corrected: false,
            });
            row.kind = kind;
            row.name = name;
            row.corrected = true;
        }
        Ok(CalendarYear {
            year,
            shipped: domain::report::SHIPPED_YEARS.contains(&year),
            can_edit: a.can_manage_organisation(),
            days: rows.into_values().collect(),
        })
    }

    /// Corrects a day of the calendar (administrators): a day off the Government decided, a
    /// make-up working day; `kind` `None` takes a correction off.
    pub async fn set_calendar_day(
        &self,
        user: &User,
        day: NaiveDate,
        kind: Option<DayKind>,
        name: &str,
    ) -> Result<()> {
        if !user.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let name = vntext::nfc(name.trim());
        if kind.is_some() && (name.is_empty() || name.chars().count() > 200) {
            return Err(Error::invalid(
                "name",
                "Vui lòng ghi tên ngày nghỉ hoặc ngày làm bù (tối đa 200 ký tự).",
            ));
        }
        let mut tx = self.write().await?;
        match kind {
            Some(k) => {
                tx.put_calendar_day(&day.to_string(), k.code(), &name, user.id)
                    .await?
            }
            None => {
                tx.remove_calendar_day(&day.to_string()).await?;
            }
        }
        tx.record(
            Some(user.id),
            None,
            Object::Calendar(i64::from(day.year())),
            &AuditEvent::CalendarDayChanged {
                day: day.to_string(),
                kind: kind.map(|k| k.code().to_string()).unwrap_or_default(),
                name,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A year of the working calendar, as the calendar page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarYear {
    pub year: i32,
    /// Whether the shipped calendar covers the year (2025–2030); outside it only weekends
    /// and the corrections count.
    pub shipped: bool,
    pub can_edit: bool,
    pub days: Vec<CalendarRow>,
}

/// A day that is not an ordinary weekday or weekend.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarRow {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
    /// The shipped day, when there is one.
    pub shipped: Option<(DayKind, String)>,
    /// Whether an administrator's correction sets this day.
    pub corrected: bool,
}

fn due_report(
    row: &RegimeRow,
    period: Option<Period>,
    entry: Option<(i64, RegisterKind, String)>,
    (from, to): (NaiveDate, NaiveDate),
    due_on: NaiveDate,
    report: Option<ReportRow>,
    today: NaiveDate,
) -> DueReport {
    let late = match report
        .as_ref()
        .and_then(|r| r.first_submitted_on.as_deref())
    {
        Some(first) => first > due_on.to_string().as_str(),
        None => today > due_on,
    };
    DueReport {
        regime_id: row.id,
        regime_name: row.regime.name.clone(),
        period,
        entry,
        from,
        to,
        due_on,
        report,
        late,
    }
}

/// A regime's code from its name: folded words joined by hyphens ("bc-chuyen-de-…").
fn slug_of(name: &str) -> String {
    let s: String = vntext::fold_words(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let s: String = s.chars().take(60).collect();
    if s.is_empty() { "che-do".into() } else { s }
}
