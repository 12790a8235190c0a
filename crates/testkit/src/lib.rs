//! Fresh databases for tests: a new SQLite file, and a new database on the PostgreSQL server
//! named by `DOINGOAI_TEST_POSTGRES` when it is set. Under CI (`CI` set) the server is
//! required, so the PostgreSQL half of a suite can never be skipped silently.

use rand::Rng;
use sqlx::Connection;

fn random_name(prefix: &str) -> String {
    let n: u64 = rand::rng().random();
    format!("doingoai_{prefix}_{n:016x}")
}

/// The URL of a new SQLite file in the system temp directory (left behind for inspection
/// on failure; the OS cleans it).
pub fn sqlite_url(prefix: &str) -> String {
    let path = std::env::temp_dir().join(format!("{}.db", random_name(prefix)));
    format!("sqlite://{}?mode=rwc", path.display())
}

/// The URL of a new, empty database on the test PostgreSQL server; `None` when no server is
/// configured outside CI.
pub async fn postgres_url(prefix: &str) -> Option<String> {
    let Ok(server) = std::env::var("DOINGOAI_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set DOINGOAI_TEST_POSTGRES so the PostgreSQL half of the suite runs"
        );
        return None;
    };
    let server = server.trim_end_matches('/').to_string();
    let name = random_name(prefix);
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("reach PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    Some(format!("{server}/{name}"))
}

/// The URLs of a fresh SQLite database and, when a server is configured, a fresh
/// PostgreSQL one: suites loop over them to run the same checks on both backends.
pub async fn database_urls(prefix: &str) -> Vec<String> {
    let mut v = vec![sqlite_url(prefix)];
    if let Some(pg) = postgres_url(prefix).await {
        v.push(pg);
    }
    v
}

pub mod smtp;
