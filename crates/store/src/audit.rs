//! The audit trail: every change by a user, as a typed [`AuditEvent`], recorded in the
//! transaction that makes the change — so there is never a change without its record nor a
//! record of a change that was rolled back. Rows are only ever inserted.
//!
//! Rows written before migration 0009 have no event, only the JSON of the object before and
//! after; they are read back as [`AuditEntry::legacy`].

use domain::audit::AuditEvent;

use crate::list::{Bind, ListSql};
use crate::{Db, Page, PageRequest, Result, Tx, now};

/// What a change is about: the object's type and id (the history of a page is the changes
/// to its object).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    Province(i64),
    Commune(i64),
    Unit(i64),
    User(i64),
    Plan(i64),
    Task(i64),
    ProvincePlan(i64),
    RegisterEntry(i64),
    /// A province's report regime.
    Regime(i64),
    /// A commune's report.
    Report(i64),
    /// The holiday calendar of a year.
    Calendar(i64),
}

impl Object {
    fn parts(self) -> (&'static str, i64) {
        match self {
            Object::Province(id) => ("province", id),
            Object::Commune(id) => ("commune", id),
            Object::Unit(id) => ("unit", id),
            Object::User(id) => ("user", id),
            Object::Plan(id) => ("plan", id),
            Object::Task(id) => ("task", id),
            Object::ProvincePlan(id) => ("province_plan", id),
            Object::RegisterEntry(id) => ("register_entry", id),
            Object::Regime(id) => ("report_regime", id),
            Object::Report(id) => ("report", id),
            Object::Calendar(year) => ("calendar", year),
        }
    }

    /// The type name of the objects of this kind ("unit", "user"…), for
    /// [`Db::history_of_kind`].
    pub fn kind(self) -> &'static str {
        self.parts().0
    }
}

/// One recorded change, newest first in listings.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub user_id: Option<i64>,
    pub display_name: Option<String>,
    /// The event; `None` for a row from before migration 0009, or one this version cannot
    /// read.
    pub event: Option<AuditEvent>,
    /// (action code, before JSON, after JSON) of a row without an event.
    pub legacy: Option<(String, Option<String>, Option<String>)>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: i64,
    user_id: Option<i64>,
    display_name: Option<String>,
    action: String,
    before_json: Option<String>,
    after_json: Option<String>,
    event_json: Option<String>,
}

impl From<Row> for AuditEntry {
    fn from(r: Row) -> AuditEntry {
        let event = r
            .event_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<AuditEvent>(j).ok());
        let legacy = event
            .is_none()
            .then_some((r.action, r.before_json, r.after_json));
        AuditEntry {
            id: r.id,
            at: r.at,
            user_id: r.user_id,
            display_name: r.display_name,
            event,
            legacy,
        }
    }
}

const SELECT: &str = "SELECT a.id, a.at, a.user_id, u.display_name, a.action, a.before_json, \
     a.after_json, a.event_json FROM audit_log a LEFT JOIN users u ON u.id = a.user_id";

impl Tx {
    /// Records `event` about `object` by user `by` (`None`: the system, e.g. the demo), in
    /// this transaction. `commune_id` is the tenant the object belongs to, if any.
    pub async fn record(
        &mut self,
        by: Option<i64>,
        commune_id: Option<i64>,
        object: Object,
        event: &AuditEvent,
    ) -> Result<()> {
        let (object_type, object_id) = object.parts();
        let json = serde_json::to_string(event)?;
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, commune_id, object_type, object_id, action, \
             event_json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(now())
        .bind(by)
        .bind(commune_id)
        .bind(object_type)
        .bind(object_id)
        .bind(event.code())
        .bind(json)
        .execute(self.c())
        .await?;
        Ok(())
    }
}

impl Db {
    /// The history of one object, newest first, a page at a time.
    pub async fn history(&mut self, object: Object, req: PageRequest) -> Result<Page<AuditEntry>> {
        let (object_type, object_id) = object.parts();
        let mut l = ListSql::new("id DESC");
        let t = l.bind(Bind::Text(object_type.into()));
        let i = l.bind(Bind::Int(object_id));
        l.select = format!("{SELECT} WHERE a.object_type = ${t} AND a.object_id = ${i}");
        Ok(l.page::<Row>(self, req).await?.map(AuditEntry::from))
    }

    /// The latest changes to objects of one kind (units, users…), newest first, limited to
    /// one commune when `commune_id` is given.
    pub async fn history_of_kind(
        &mut self,
        kind: &'static str,
        commune_id: Option<i64>,
        req: PageRequest,
    ) -> Result<Page<AuditEntry>> {
        let mut l = ListSql::new("id DESC");
        let t = l.bind(Bind::Text(kind.into()));
        let mut select = format!("{SELECT} WHERE a.object_type = ${t}");
        if let Some(c) = commune_id {
            let n = l.bind(Bind::Int(c));
            select.push_str(&format!(" AND a.commune_id = ${n}"));
        }
        l.select = select;
        Ok(l.page::<Row>(self, req).await?.map(AuditEntry::from))
    }
}
