//! Fresh databases for each test.

use rand::Rng;
use sqlx::Connection;
use store::Store;

fn random_name() -> String {
    let n: u64 = rand::rng().random();
    format!("doingoai_test_{n:016x}")
}

/// A new SQLite file in the system temp directory (left behind for inspection on failure;
/// the OS cleans it).
pub async fn sqlite() -> Store {
    let path = std::env::temp_dir().join(format!("{}.db", random_name()));
    Store::connect(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .expect("open SQLite")
}

/// A new database on the PostgreSQL server named by `DOINGOAI_TEST_POSTGRES`; `None` when
/// it is not set outside CI.
pub async fn postgres() -> Option<Store> {
    let Ok(server) = std::env::var("DOINGOAI_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set DOINGOAI_TEST_POSTGRES so the PostgreSQL half of the suite runs"
        );
        return None;
    };
    let server = server.trim_end_matches('/').to_string();
    let name = random_name();
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("reach PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    Some(
        Store::connect(&format!("{server}/{name}"))
            .await
            .expect("open test database"),
    )
}
