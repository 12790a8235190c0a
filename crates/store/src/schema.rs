//! The schema as the database itself reports it, in one form for both engines: the test
//! that keeps the two migration folders in step compares them.

use crate::{Backend, Result, Store};

/// Engine-specific search structures (DESIGN.md, "Search"), left out of the comparison:
/// SQLite's FTS5 tables and their shadow tables, PostgreSQL's GIN indexes over tsvector.
fn engine_specific(name: &str) -> bool {
    name.contains("_fts") || name == "tasks_text_search" || name == "plans_title_search"
}

impl Store {
    /// `(kind, table, name)` for every table, column, index and named UNIQUE or CHECK
    /// constraint (`kind` is `table`, `column`, `index` or `constraint`), sorted. Indexes
    /// that only back a primary key or a named constraint are left out: SQLite names them
    /// itself.
    pub async fn describe_schema(&self) -> Result<Vec<(String, String, String)>> {
        let mut db = self.read().await?;
        let mut out: Vec<(String, String, String)> = Vec::new();
        match self.backend {
            Backend::Sqlite => {
                let tables: Vec<(String, String)> = sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
                )
                .fetch_all(db.c())
                .await?;
                let re = regex_lite_constraints();
                for (t, sql) in tables {
                    if engine_specific(&t) {
                        continue;
                    }
                    out.push(("table".into(), t.clone(), t.clone()));
                    let cols: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT name FROM pragma_table_info('{t}')"
                    )))
                    .fetch_all(db.c())
                    .await?;
                    for c in cols {
                        out.push(("column".into(), t.clone(), c));
                    }
                    for c in re(&sql) {
                        out.push(("constraint".into(), t.clone(), c));
                    }
                }
                let indexes: Vec<(String, String)> = sqlx::query_as(
                    "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' \
                     AND name NOT LIKE 'sqlite_autoindex%'",
                )
                .fetch_all(db.c())
                .await?;
                for (t, i) in indexes {
                    if !engine_specific(&i) && !engine_specific(&t) {
                        out.push(("index".into(), t, i));
                    }
                }
            }
            Backend::Postgres => {
                let cols: Vec<(String, String)> = sqlx::query_as(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
                )
                .fetch_all(db.c())
                .await?;
                for (t, c) in cols {
                    out.push(("table".into(), t.clone(), t.clone()));
                    out.push(("column".into(), t, c));
                }
                let constraints: Vec<(String, String)> = sqlx::query_as(
                    "SELECT cl.relname::text, co.conname::text FROM pg_constraint co \
                     JOIN pg_class cl ON cl.oid = co.conrelid \
                     JOIN pg_namespace n ON n.oid = cl.relnamespace \
                     WHERE n.nspname = 'public' AND co.contype IN ('u', 'c')",
                )
                .fetch_all(db.c())
                .await?;
                let named: Vec<String> = constraints.iter().map(|(_, c)| c.clone()).collect();
                for (t, c) in constraints {
                    out.push(("constraint".into(), t, c));
                }
                let indexes: Vec<(String, String)> = sqlx::query_as(
                    "SELECT tablename::text, indexname::text FROM pg_indexes \
                     WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations'",
                )
                .fetch_all(db.c())
                .await?;
                for (t, i) in indexes {
                    if !i.ends_with("_pkey") && !named.contains(&i) && !engine_specific(&i) {
                        out.push(("index".into(), t, i));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// The names of `CONSTRAINT name …` clauses of a CREATE TABLE statement.
fn regex_lite_constraints() -> impl Fn(&str) -> Vec<String> {
    |sql: &str| {
        let mut names = Vec::new();
        let mut rest = sql;
        while let Some(i) = rest.find("CONSTRAINT ") {
            rest = &rest[i + "CONSTRAINT ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
        names
    }
}
