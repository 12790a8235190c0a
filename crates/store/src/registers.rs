//! Register entries (issue 10): one table for the twelve registers with the columns the
//! lists, the due items and the figures are computed from, and the entry's values as JSON
//! in `register_values` (`payload`, non-personal, and `personal`), kept apart so that lists
//! and figures read narrow rows and never the values. What the columns hold is decided by the register's
//! definition in the application layer; the store keeps them and computes in SQL.
//!
//! Lists never select `personal`: only [`Db::entry`] reads it, and the application logs
//! each read it shows.

use crate::list::{Bind, ListSql, SortKey, sorts};
use crate::search::{self, Lookup, Searchable};
use crate::{Db, Page, PageRequest, Result, StoreError, Tx, now, placeholders};

/// An entry's columns, as the application computed them from its definition.
#[derive(Debug, Clone, Default)]
pub struct EntryColumns {
    pub state: String,
    pub unit_id: Option<i64>,
    pub task_id: Option<i64>,
    pub unplanned: bool,
    pub title: String,
    pub payload: String,
    pub personal: Option<String>,
    /// Searched by the list's "Tìm" box (folded here).
    pub search_text: String,
    pub on_date: String,
    pub end_date: Option<String>,
    pub members: Option<i64>,
    pub pledged_vnd: Option<i64>,
    pub due_on: Option<String>,
    pub due_what: Option<String>,
    /// ISO alpha-2 codes, in order.
    pub countries: Vec<String>,
    /// One key per person listed.
    pub people: Vec<String>,
    /// (ISO date, amount in đồng).
    pub disbursements: Vec<(String, i64)>,
    /// The plan whose annex tables planned the entry (written when the entry is made,
    /// never changed by an edit).
    pub plan_id: Option<i64>,
}

/// A stored entry with its personal payload (the entry page).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredEntry {
    pub id: i64,
    pub commune_id: i64,
    pub register: String,
    pub state: String,
    pub unit_id: Option<i64>,
    pub task_id: Option<i64>,
    pub unplanned: i64,
    pub title: String,
    pub payload: String,
    pub personal: Option<String>,
    pub on_date: String,
    pub due_on: Option<String>,
    pub due_what: Option<String>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_by: Option<i64>,
    pub updated_at: i64,
    pub personal_removed_at: Option<i64>,
    pub plan_id: Option<i64>,
}

/// A row of a register list: no personal payload.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EntryRow {
    pub id: i64,
    pub commune_id: i64,
    pub register: String,
    pub state: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub task_id: Option<i64>,
    pub unplanned: i64,
    pub title: String,
    pub payload: String,
    pub on_date: String,
    pub end_date: Option<String>,
    pub members: Option<i64>,
    pub pledged_vnd: Option<i64>,
    pub due_on: Option<String>,
    pub due_what: Option<String>,
    pub has_personal: i64,
    pub updated_at: i64,
}

sorts!(
    /// The orders of a register list.
    EntrySort {
        DateDesc = ("", "Mới nhất trước", "on_date DESC, id DESC"),
        Date = ("date", "Cũ nhất trước", "on_date, id"),
        Due = ("due", "Hạn gần nhất", "CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, id"),
        Title = ("title", "Tên (A–Z)", "title_folded, id"),
        Updated = ("updated", "Sửa gần nhất", "updated_at DESC, id DESC"),
    }
);

/// What a register list shows; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub commune_id: i64,
    pub register: String,
    pub state: Option<String>,
    /// ISO dates, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub query: Option<String>,
    pub country: Option<String>,
    pub task_id: Option<i64>,
    /// Only entries with an open item due before this ISO date.
    pub due_before: Option<String>,
    /// Leave the values out (`payload` is "{}"): a page of the list shows only the
    /// columns, and a wide payload copied through the sort and the count costs the most.
    pub without_payload: bool,
}

/// Which figures beyond the counts a register has (its definition says).
#[derive(Debug, Clone, Copy, Default)]
pub struct FigureParts {
    pub people: bool,
    pub disbursements: bool,
    pub countries: bool,
}

/// One register's figures for a window (issue 10, point 5), computed in SQL over the
/// entries the register counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryFigures {
    pub count: i64,
    pub member_trips: i64,
    /// Counted entries in the window with a member list.
    pub with_people: i64,
    pub distinct_persons: i64,
    pub pledged_vnd: i64,
    pub disbursed_vnd: i64,
    /// (ISO alpha-2, entries).
    pub by_country: Vec<(String, i64)>,
    /// (state code, entries), every state, counted or not.
    pub by_state: Vec<(String, i64)>,
}

const ROW_SELECT: &str = "SELECT e.id, e.commune_id, e.register, e.state, e.unit_id, \
     un.name AS unit_name, e.task_id, e.unplanned, e.title, v.payload AS payload, e.on_date, e.end_date, \
     e.members, e.pledged_vnd, e.due_on, e.due_what, \
     e.has_personal, e.updated_at, \
     e.text_folded AS title_folded \
     FROM register_entries e LEFT JOIN units un ON un.id = e.unit_id \
     LEFT JOIN register_values v ON v.entry_id = e.id";

/// [`ROW_SELECT`] without the values (a page of a list, the due items).
fn row_select_without_values() -> String {
    ROW_SELECT
        .replace("v.payload AS payload", "'{}' AS payload")
        .replace(" LEFT JOIN register_values v ON v.entry_id = e.id", "")
}

impl Tx {
    /// Stores a new entry of `register` in `commune_id`, by `user_id` (`None`: the console
    /// operator).
    pub async fn insert_entry(
        &mut self,
        commune_id: i64,
        register: &str,
        c: &EntryColumns,
        user_id: Option<i64>,
    ) -> Result<i64> {
        use sqlx::Row;
        let q = sqlx::query(
            "INSERT INTO register_entries (state, unit_id, task_id, unplanned, title, \
             has_personal, text_folded, on_date, end_date, members, has_people, pledged_vnd, \
             due_on, due_what, commune_id, register, created_by, created_at, updated_by, \
             updated_at, plan_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             $13, $14, $15, $16, $17, $18, $17, $18, $19) RETURNING id",
        );
        let row = bind_columns(q, c)
            .bind(commune_id)
            .bind(register)
            .bind(user_id)
            .bind(now())
            .bind(c.plan_id)
            .fetch_one(self.c())
            .await?;
        let id: i64 = row.try_get(0)?;
        sqlx::query(
            "INSERT INTO register_values (entry_id, payload, personal) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(&c.payload)
        .bind(c.personal.as_deref())
        .execute(self.c())
        .await?;
        self.write_entry_children(id, c).await?;
        Ok(id)
    }

    /// Replaces an entry's columns when it is still at `version`; `false` when someone
    /// saved it meanwhile (nothing is written).
    pub async fn update_entry(
        &mut self,
        id: i64,
        version: i64,
        c: &EntryColumns,
        user_id: i64,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE register_entries SET state = $1, unit_id = $2, task_id = $3, unplanned = $4, \
             title = $5, has_personal = $6, text_folded = $7, on_date = $8, end_date = $9, \
             members = $10, has_people = $11, pledged_vnd = $12, due_on = $13, due_what = $14, \
             updated_by = $15, updated_at = $16, version = version + 1 \
             WHERE id = $17 AND version = $18 AND deleted_at IS NULL",
        );
        let done = bind_columns(q, c)
            .bind(user_id)
            .bind(now())
            .bind(id)
            .bind(version)
            .execute(self.c())
            .await?
            .rows_affected();
        if done == 0 {
            return Ok(false);
        }
        sqlx::query("UPDATE register_values SET payload = $1, personal = $2 WHERE entry_id = $3")
            .bind(&c.payload)
            .bind(c.personal.as_deref())
            .bind(id)
            .execute(self.c())
            .await?;
        for table in [
            "register_countries",
            "register_people",
            "register_disbursements",
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE entry_id = $1"
            )))
            .bind(id)
            .execute(self.c())
            .await?;
        }
        self.write_entry_children(id, c).await?;
        Ok(true)
    }

    /// Stores many new entries of `register` in `commune_id` at once (an import): their
    /// rows, values and children written in multi-row statements of at most 200 rows, each
    /// with its audit event, by `user_id` (`None`: the console operator). The ids are
    /// taken first (under SQLite's write lock, or from PostgreSQL's sequence), so every
    /// child row names its entry without a round trip per entry. Returns the ids in order.
    pub async fn insert_entries(
        &mut self,
        commune_id: i64,
        register: &str,
        rows: &[(EntryColumns, domain::audit::AuditEvent)],
        user_id: Option<i64>,
    ) -> Result<Vec<i64>> {
        let n = rows.len() as i64;
        if n == 0 {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = match self.backend {
            crate::Backend::Sqlite => {
                let max: i64 =
                    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM register_entries")
                        .fetch_one(self.c())
                        .await?;
                (max + 1..=max + n).collect()
            }
            crate::Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT nextval(pg_get_serial_sequence('register_entries', 'id')) \
                     FROM generate_series(1, $1)",
                )
                .bind(n)
                .fetch_all(self.c())
                .await?
            }
        };
        let t = now();
        let mut entries = Vec::new();
        let mut values = Vec::new();
        let mut countries = Vec::new();
        let mut people = Vec::new();
        let mut money = Vec::new();
        let mut audit = Vec::new();
        for (id, (c, event)) in ids.iter().zip(rows) {
            use Cell::{Int, Text};
            entries.push(vec![
                Int(Some(*id)),
                Text(Some(c.state.clone())),
                Int(c.unit_id),
                Int(c.task_id),
                Int(Some(c.unplanned as i64)),
                Text(Some(c.title.clone())),
                Int(Some(c.personal.is_some() as i64)),
                Text(Some(crate::fold(&c.search_text))),
                Text(Some(c.on_date.clone())),
                Text(c.end_date.clone()),
                Int(c.members),
                Int(Some(!c.people.is_empty() as i64)),
                Int(c.pledged_vnd),
                Text(c.due_on.clone()),
                Text(c.due_what.clone()),
                Int(Some(commune_id)),
                Text(Some(register.to_string())),
                Int(user_id),
                Int(Some(t)),
                Int(user_id),
                Int(Some(t)),
                Int(c.plan_id),
            ]);
            values.push(vec![
                Int(Some(*id)),
                Text(Some(c.payload.clone())),
                Text(c.personal.clone()),
            ]);
            let (c1, c2, c3) = child_rows(*id, c);
            countries.extend(c1);
            people.extend(c2);
            money.extend(c3);
            audit.push(vec![
                Int(Some(t)),
                Int(user_id),
                Int(Some(commune_id)),
                Text(Some("register_entry".into())),
                Int(Some(*id)),
                Text(Some(event.code().into())),
                Text(Some(serde_json::to_string(event)?)),
            ]);
        }
        self.insert_rows(
            "register_entries (id, state, unit_id, task_id, unplanned, title, has_personal, \
             text_folded, on_date, end_date, members, has_people, pledged_vnd, due_on, due_what, \
             commune_id, register, created_by, created_at, updated_by, updated_at, plan_id)",
            entries,
        )
        .await?;
        self.insert_rows("register_values (entry_id, payload, personal)", values)
            .await?;
        self.insert_rows(
            "register_countries (entry_id, position, country)",
            countries,
        )
        .await?;
        self.insert_rows("register_people (entry_id, position, person_key)", people)
            .await?;
        self.insert_rows(
            "register_disbursements (entry_id, position, on_date, amount_vnd)",
            money,
        )
        .await?;
        self.insert_rows(
            "audit_log (at, user_id, commune_id, object_type, object_id, action, event_json)",
            audit,
        )
        .await?;
        Ok(ids)
    }

    /// Inserts `rows` into `target` ("table (columns)") in statements of at most 200 rows.
    async fn insert_rows(&mut self, target: &str, rows: Rows) -> Result<()> {
        for chunk in rows.chunks(200) {
            let width = chunk[0].len();
            let mut sql = format!("INSERT INTO {target} VALUES ");
            for r in 0..chunk.len() {
                if r > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                sql.push_str(&placeholders(r * width + 1, width));
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in chunk {
                for cell in row {
                    q = match cell {
                        Cell::Int(v) => q.bind(*v),
                        Cell::Text(v) => q.bind(v.clone()),
                    };
                }
            }
            q.execute(self.c()).await?;
        }
        Ok(())
    }

    /// Writes an entry's countries, people and disbursements (one statement per table).
    async fn write_entry_children(&mut self, id: i64, c: &EntryColumns) -> Result<()> {
        let (countries, people, money) = child_rows(id, c);
        self.insert_rows(
            "register_countries (entry_id, position, country)",
            countries,
        )
        .await?;
        self.insert_rows("register_people (entry_id, position, person_key)", people)
            .await?;
        self.insert_rows(
            "register_disbursements (entry_id, position, on_date, amount_vnd)",
            money,
        )
        .await
    }

    /// The entry `id` for a change: read in this transaction, locked on PostgreSQL.
    pub async fn lock_entry(&mut self, id: i64) -> Result<StoredEntry> {
        let lock = match self.backend {
            crate::Backend::Postgres => " FOR UPDATE",
            crate::Backend::Sqlite => "",
        };
        entry_by_id(self, id, lock).await
    }

    /// Removes the personal payload and the people keys of `register`'s entries in
    /// `commune_ids` whose window date is before `before` (retention); returns how many
    /// entries lost it.
    pub async fn remove_personal_before(
        &mut self,
        register: &str,
        before: &str,
    ) -> Result<Vec<(i64, i64)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, commune_id FROM register_entries WHERE register = $1 AND on_date < $2 \
             AND (has_personal = 1 OR has_people = 1) AND deleted_at IS NULL ORDER BY id",
        )
        .bind(register)
        .bind(before)
        .fetch_all(self.c())
        .await?;
        let t = now();
        for (id, _) in &rows {
            sqlx::query(
                "UPDATE register_entries SET has_personal = 0, has_people = 0, \
                 personal_removed_at = $1 WHERE id = $2",
            )
            .bind(t)
            .bind(*id)
            .execute(self.c())
            .await?;
            sqlx::query("UPDATE register_values SET personal = NULL WHERE entry_id = $1")
                .bind(*id)
                .execute(self.c())
                .await?;
            sqlx::query("DELETE FROM register_people WHERE entry_id = $1")
                .bind(*id)
                .execute(self.c())
                .await?;
        }
        Ok(rows)
    }

    /// The live entries of `registers` in a province's communes: (id, register, state,
    /// public payload), for recomputing their due items.
    pub async fn entries_in_province(
        &mut self,
        province_id: i64,
        registers: &[&str],
    ) -> Result<Vec<(i64, String, String, String)>> {
        if registers.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT e.id, e.register, e.state, v.payload FROM register_entries e JOIN communes c \
             ON c.id = e.commune_id JOIN register_values v ON v.entry_id = e.id WHERE c.province_id = $1 AND e.deleted_at IS NULL AND \
             e.register IN ({}) ORDER BY e.id",
            placeholders(2, registers.len())
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(province_id);
        for r in registers {
            q = q.bind(*r);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    /// Sets an entry's open due item (a rule's setting changed).
    pub async fn set_entry_due(
        &mut self,
        id: i64,
        due_on: Option<&str>,
        due_what: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE register_entries SET due_on = $1, due_what = $2 WHERE id = $3")
            .bind(due_on)
            .bind(due_what)
            .bind(id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Sets a commune's border flag.
    pub async fn set_commune_border(&mut self, commune_id: i64, border: bool) -> Result<()> {
        sqlx::query("UPDATE communes SET border = $1 WHERE id = $2")
            .bind(border as i64)
            .bind(commune_id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Sets a province's after-trip report delay (days).
    pub async fn set_trip_report_days(&mut self, province_id: i64, days: i64) -> Result<()> {
        sqlx::query("UPDATE provinces SET trip_report_days = $1 WHERE id = $2")
            .bind(days)
            .bind(province_id)
            .execute(self.c())
            .await?;
        Ok(())
    }
}

type Rows = Vec<Vec<Cell>>;

/// The rows of an entry's countries, people and disbursements.
fn child_rows(id: i64, c: &EntryColumns) -> (Rows, Rows, Rows) {
    use Cell::{Int, Text};
    let listed = |items: &[String]| -> Rows {
        items
            .iter()
            .enumerate()
            .map(|(i, k)| vec![Int(Some(id)), Int(Some(i as i64)), Text(Some(k.clone()))])
            .collect()
    };
    let money = c
        .disbursements
        .iter()
        .enumerate()
        .map(|(i, (d, a))| {
            vec![
                Int(Some(id)),
                Int(Some(i as i64)),
                Text(Some(d.clone())),
                Int(Some(*a)),
            ]
        })
        .collect();
    (listed(&c.countries), listed(&c.people), money)
}

/// A value of a multi-row insert.
enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
}

/// Binds an entry's columns as `$1`…`$14`, in the order both its INSERT and its UPDATE
/// name them.
fn bind_columns<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    c: &'q EntryColumns,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    q.bind(&c.state)
        .bind(c.unit_id)
        .bind(c.task_id)
        .bind(c.unplanned as i64)
        .bind(&c.title)
        .bind(c.personal.is_some() as i64)
        .bind(crate::fold(&c.search_text))
        .bind(&c.on_date)
        .bind(c.end_date.as_deref())
        .bind(c.members)
        .bind(!c.people.is_empty() as i64)
        .bind(c.pledged_vnd)
        .bind(c.due_on.as_deref())
        .bind(c.due_what.as_deref())
}

/// The columns of a [`StoredEntry`], with its values (personal included).
const STORED_SELECT: &str = "SELECT e.id, e.commune_id, e.register, e.state, e.unit_id, \
     e.task_id, e.unplanned, e.title, v.payload, v.personal, e.on_date, e.due_on, e.due_what, \
     e.version, e.created_by, e.created_at, e.updated_by, e.updated_at, \
     e.personal_removed_at, e.plan_id \
     FROM register_entries e JOIN register_values v ON v.entry_id = e.id";

async fn entry_by_id(db: &mut Db, id: i64, suffix: &str) -> Result<StoredEntry> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{STORED_SELECT} WHERE e.id = $1 AND e.deleted_at IS NULL{suffix}"
    )))
    .bind(id)
    .fetch_optional(db.c())
    .await?
    .ok_or(StoreError::NotFound)
}

impl Tx {
    /// Attaches a file to an entry; returns its id.
    pub async fn attach_entry_file(
        &mut self,
        entry_id: i64,
        filename: &str,
        content_type: &str,
        bytes: &[u8],
        user_id: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO register_files (entry_id, filename, content_type, size_bytes, bytes, \
             uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(entry_id)
        .bind(filename)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(bytes)
        .bind(user_id)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }

    /// Deletes a file of `entry_id`; its name, or `NotFound` when the entry has no such
    /// file.
    pub async fn remove_entry_file(&mut self, entry_id: i64, file_id: i64) -> Result<String> {
        let name: Option<String> = sqlx::query_scalar(
            "DELETE FROM register_files WHERE id = $1 AND entry_id = $2 RETURNING filename",
        )
        .bind(file_id)
        .bind(entry_id)
        .fetch_optional(self.c())
        .await?;
        name.ok_or(StoreError::NotFound)
    }

    /// Links the entries that carried task `from` out to task `to` (a plan amended: the
    /// new version's task carries on the old one's work); how many moved.
    pub async fn relink_entries(&mut self, from: i64, to: i64) -> Result<usize> {
        Ok(sqlx::query(
            "UPDATE register_entries SET task_id = $1 WHERE task_id = $2 AND deleted_at IS NULL",
        )
        .bind(to)
        .bind(from)
        .execute(self.c())
        .await?
        .rows_affected() as usize)
    }
}

/// A file of an entry, without its bytes (the entry page lists them).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EntryFile {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by: Option<String>,
    pub uploaded_at: i64,
}

impl Db {
    /// One entry with its personal payload.
    pub async fn entry(&mut self, id: i64) -> Result<StoredEntry> {
        entry_by_id(self, id, "").await
    }

    /// A page of a register list (`req` `None`: every row, for exports).
    pub async fn entries_page(
        &mut self,
        f: &EntryFilter,
        sort: EntrySort,
        req: Option<PageRequest>,
    ) -> Result<Page<EntryRow>> {
        let mut l = ListSql::new(sort.order_sql());
        let c = l.bind(Bind::Int(f.commune_id));
        let r = l.bind(Bind::Text(f.register.clone()));
        let mut cond = vec![
            format!("e.commune_id = ${c}"),
            format!("e.register = ${r}"),
            "e.deleted_at IS NULL".to_string(),
        ];
        if let Some(s) = &f.state {
            let n = l.bind(Bind::Text(s.clone()));
            cond.push(format!("e.state = ${n}"));
        }
        if let Some(d) = &f.from {
            let n = l.bind(Bind::Text(d.clone()));
            cond.push(format!("e.on_date >= ${n}"));
        }
        if let Some(d) = &f.to {
            let n = l.bind(Bind::Text(d.clone()));
            cond.push(format!("e.on_date <= ${n}"));
        }
        if let Some(d) = &f.due_before {
            let n = l.bind(Bind::Text(d.clone()));
            cond.push(format!("e.due_on IS NOT NULL AND e.due_on < ${n}"));
        }
        if let Some(t) = f.task_id {
            let n = l.bind(Bind::Int(t));
            cond.push(format!("e.task_id = ${n}"));
        }
        if let Some(k) = &f.country {
            let n = l.bind(Bind::Text(k.clone()));
            cond.push(format!(
                "EXISTS (SELECT 1 FROM register_countries rc WHERE rc.entry_id = e.id AND \
                 rc.country = ${n})"
            ));
        }
        if let Some((sql, values)) = f.query.as_deref().and_then(|q| {
            search::condition(
                self.backend,
                Searchable::Entries,
                Lookup::Rows,
                "e",
                l.binds.len() + 1,
                q,
            )
        }) {
            for v in values {
                l.bind(Bind::Text(v));
            }
            cond.push(sql);
        }
        let select = if f.without_payload {
            row_select_without_values()
        } else {
            ROW_SELECT.to_string()
        };
        l.select = format!("{select} WHERE {}", cond.join(" AND "));
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }

    /// Every live entry of a commune's register with its personal payload, oldest first
    /// (the XLSX export, which logs the personal fields it writes).
    pub async fn entries_for_export(
        &mut self,
        commune_id: i64,
        register: &str,
    ) -> Result<Vec<StoredEntry>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{STORED_SELECT} WHERE e.commune_id = $1 AND e.register = $2 \
             AND e.deleted_at IS NULL ORDER BY e.on_date, e.id"
        )))
        .bind(commune_id)
        .bind(register)
        .fetch_all(self.c())
        .await?)
    }

    /// The countries of each of `entries`, in order: (entry, ISO alpha-2).
    pub async fn countries_of_entries(&mut self, entries: &[i64]) -> Result<Vec<(i64, String)>> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT entry_id, country FROM register_countries WHERE entry_id IN ({}) \
             ORDER BY entry_id, position",
            placeholders(1, entries.len())
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for id in entries {
            q = q.bind(*id);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    /// The entries of a task (its evidence), every register, newest first.
    pub async fn entries_of_task(&mut self, task_id: i64) -> Result<Vec<EntryRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ROW_SELECT} WHERE e.task_id = $1 AND e.deleted_at IS NULL ORDER BY e.on_date DESC, \
             e.id DESC"
        )))
        .bind(task_id)
        .fetch_all(self.c())
        .await?)
    }

    /// How many live entries each register of a commune holds: (register, entries, open
    /// items due before `soon`, of which overdue before `today`).
    pub async fn register_counts(
        &mut self,
        commune_id: i64,
        today: &str,
        soon: &str,
    ) -> Result<Vec<(String, i64, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT register, COUNT(*), \
             SUM(CASE WHEN due_on IS NOT NULL AND due_on < $3 THEN 1 ELSE 0 END), \
             SUM(CASE WHEN due_on IS NOT NULL AND due_on < $2 THEN 1 ELSE 0 END) \
             FROM register_entries WHERE commune_id = $1 AND deleted_at IS NULL \
             GROUP BY register",
        )
        .bind(commune_id)
        .bind(today)
        .bind(soon)
        .fetch_all(self.c())
        .await?)
    }

    /// The open items of the communes `commune_ids` due before `before`, earliest first, at
    /// most `limit` (the dashboard, "Việc của tôi", the province).
    pub async fn entries_due(
        &mut self,
        commune_ids: &[i64],
        unit_id: Option<i64>,
        before: &str,
        limit: i64,
    ) -> Result<Vec<EntryRow>> {
        if commune_ids.is_empty() {
            return Ok(Vec::new());
        }
        let n = commune_ids.len();
        let unit = match unit_id {
            Some(_) => format!(" AND e.unit_id = ${}", n + 2),
            None => String::new(),
        };
        // Without the values: the item, its date and the entry's name are columns.
        let select = row_select_without_values();
        let sql = format!(
            "{select} WHERE e.commune_id IN ({}) AND e.deleted_at IS NULL AND e.due_on IS \
             NOT NULL AND e.due_on < ${}{unit} ORDER BY e.due_on, e.id LIMIT {limit}",
            placeholders(1, n),
            n + 1
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for id in commune_ids {
            q = q.bind(*id);
        }
        q = q.bind(before);
        if let Some(u) = unit_id {
            q = q.bind(u);
        }
        Ok(q.fetch_all(self.c()).await?)
    }

    /// A register's figures in a commune for the window `from..=to` (ISO dates), over the
    /// entries in the `counted` states. One grouped statement gives the counts and sums by
    /// state (the counted ones add up to the figures, every one is listed); the distinct
    /// persons, the disbursements and the countries each take one more, and only for a
    /// register that has them (`want`).
    pub async fn entry_figures(
        &mut self,
        commune_id: i64,
        register: &str,
        counted: &[&str],
        from: &str,
        to: &str,
        want: FigureParts,
    ) -> Result<EntryFigures> {
        let states = if counted.is_empty() {
            "1 = 0".to_string()
        } else {
            format!("e.state IN ({})", placeholders(5, counted.len()))
        };
        let base =
            format!("e.commune_id = $1 AND e.register = $2 AND e.deleted_at IS NULL AND {states}");
        macro_rules! q {
            ($kind:ty, $sql:expr) => {{
                let mut q = sqlx::query_as::<_, $kind>(sqlx::AssertSqlSafe($sql))
                    .bind(commune_id)
                    .bind(register)
                    .bind(from)
                    .bind(to);
                for s in counted {
                    q = q.bind(*s);
                }
                q
            }};
        }
        type ByState = (String, i64, Option<i64>, Option<i64>, Option<i64>);
        let rows: Vec<ByState> = sqlx::query_as(
            "SELECT state, COUNT(*), CAST(SUM(members) AS BIGINT), \
             CAST(SUM(has_people) AS BIGINT), CAST(SUM(pledged_vnd) AS BIGINT) \
             FROM register_entries WHERE commune_id = $1 AND register = $2 \
             AND deleted_at IS NULL AND on_date >= $3 AND on_date <= $4 GROUP BY state \
             ORDER BY state",
        )
        .bind(commune_id)
        .bind(register)
        .bind(from)
        .bind(to)
        .fetch_all(self.c())
        .await?;
        let mut f = EntryFigures::default();
        for (state, n, members, people, pledged) in &rows {
            if counted.contains(&state.as_str()) {
                f.count += n;
                f.member_trips += members.unwrap_or(0);
                f.with_people += people.unwrap_or(0);
                f.pledged_vnd += pledged.unwrap_or(0);
            }
        }
        f.by_state = rows.into_iter().map(|r| (r.0, r.1)).collect();
        if want.people && f.with_people > 0 {
            let (distinct,): (i64,) = q!(
                (i64,),
                format!(
                    "SELECT COUNT(DISTINCT p.person_key) FROM register_people p JOIN \
                     register_entries e ON e.id = p.entry_id WHERE {base} AND e.on_date >= $3 \
                     AND e.on_date <= $4"
                )
            )
            .fetch_one(self.c())
            .await?;
            f.distinct_persons = distinct;
        }
        if want.disbursements {
            let (disbursed,): (Option<i64>,) = q!(
                (Option<i64>,),
                format!(
                    "SELECT CAST(SUM(d.amount_vnd) AS BIGINT) FROM register_disbursements d \
                     JOIN register_entries e ON e.id = d.entry_id WHERE {base} AND \
                     d.on_date >= $3 AND d.on_date <= $4"
                )
            )
            .fetch_one(self.c())
            .await?;
            f.disbursed_vnd = disbursed.unwrap_or(0);
        }
        if want.countries && f.count > 0 {
            f.by_country = q!(
                (String, i64),
                format!(
                    "SELECT c.country, COUNT(DISTINCT e.id) FROM register_countries c JOIN \
                     register_entries e ON e.id = c.entry_id WHERE {base} AND e.on_date >= $3 \
                     AND e.on_date <= $4 GROUP BY c.country \
                     ORDER BY COUNT(DISTINCT e.id) DESC, c.country"
                )
            )
            .fetch_all(self.c())
            .await?;
        }
        Ok(f)
    }

    /// Per commune of the province with open register items: (commune, overdue before
    /// `today`, due before `soon`).
    pub async fn register_due_by_commune(
        &mut self,
        province_id: i64,
        today: &str,
        soon: &str,
    ) -> Result<Vec<(i64, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT e.commune_id, \
             SUM(CASE WHEN e.due_on < $2 THEN 1 ELSE 0 END), \
             SUM(CASE WHEN e.due_on < $3 THEN 1 ELSE 0 END) \
             FROM register_entries e JOIN communes c ON c.id = e.commune_id \
             WHERE c.province_id = $1 AND e.deleted_at IS NULL AND e.due_on IS NOT NULL \
             AND e.due_on < $3 GROUP BY e.commune_id",
        )
        .bind(province_id)
        .bind(today)
        .bind(soon)
        .fetch_all(self.c())
        .await?)
    }

    /// The communes in border areas, and each province's after-trip report days.
    pub async fn register_settings(&mut self) -> Result<(Vec<i64>, Vec<(i64, i64)>)> {
        let border = sqlx::query_scalar("SELECT id FROM communes WHERE border = 1 ORDER BY id")
            .fetch_all(self.c())
            .await?;
        let days = sqlx::query_as("SELECT id, trip_report_days FROM provinces ORDER BY id")
            .fetch_all(self.c())
            .await?;
        Ok((border, days))
    }

    /// Whether the commune is in a border area.
    pub async fn commune_border(&mut self, commune_id: i64) -> Result<bool> {
        let b: i64 = sqlx::query_scalar("SELECT border FROM communes WHERE id = $1")
            .bind(commune_id)
            .fetch_one(self.c())
            .await?;
        Ok(b == 1)
    }

    /// The province's after-trip report delay in days.
    pub async fn trip_report_days(&mut self, province_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT trip_report_days FROM provinces WHERE id = $1")
                .bind(province_id)
                .fetch_one(self.c())
                .await?,
        )
    }

    /// The files of an entry, oldest first.
    pub async fn entry_files(&mut self, entry_id: i64) -> Result<Vec<EntryFile>> {
        Ok(sqlx::query_as(
            "SELECT f.id, f.filename, f.content_type, f.size_bytes, u.display_name AS \
             uploaded_by, f.uploaded_at FROM register_files f LEFT JOIN users u ON u.id = \
             f.uploaded_by WHERE f.entry_id = $1 ORDER BY f.id",
        )
        .bind(entry_id)
        .fetch_all(self.c())
        .await?)
    }

    /// One file of `entry_id` with its bytes: (filename, content type, bytes).
    pub async fn entry_file(
        &mut self,
        entry_id: i64,
        file_id: i64,
    ) -> Result<(String, String, Vec<u8>)> {
        sqlx::query_as(
            "SELECT filename, content_type, bytes FROM register_files \
             WHERE id = $1 AND entry_id = $2",
        )
        .bind(file_id)
        .bind(entry_id)
        .fetch_optional(self.c())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// The entries the annex tables of a commune's plans of `year` planned (every version),
    /// by register and then in the order they were made.
    pub async fn entries_planned_in(
        &mut self,
        commune_id: i64,
        year: i64,
    ) -> Result<Vec<EntryRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE e.commune_id = $1 AND e.deleted_at IS NULL AND e.plan_id IN \
             (SELECT id FROM plans WHERE commune_id = $1 AND year = $2) \
             ORDER BY e.register, e.id",
            row_select_without_values()
        )))
        .bind(commune_id)
        .bind(year)
        .fetch_all(self.c())
        .await?)
    }

    /// The folded titles of the entries of `register` in a commune that a plan's annex
    /// planned in `year` (a second import of the plan skips them).
    pub async fn planned_titles(
        &mut self,
        commune_id: i64,
        register: &str,
        year: i64,
    ) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT e.title FROM register_entries e JOIN plans p ON p.id = e.plan_id \
             WHERE e.commune_id = $1 AND e.register = $2 AND p.year = $3 \
             AND e.deleted_at IS NULL",
        )
        .bind(commune_id)
        .bind(register)
        .bind(year)
        .fetch_all(self.c())
        .await?)
    }
}
