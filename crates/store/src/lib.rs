//! Persistence behind one API, on an embedded SQLite file or on PostgreSQL, through one code
//! path (sqlx `Any`).
//!
//! Conventions that make one path possible (see `../shared/docs/dependencies.md`): every
//! integer column is 64-bit and decodes as `i64`; flags are 0/1; instants are epoch seconds;
//! calendar dates are ISO `YYYY-MM-DD` text (they sort as dates); queries name their columns;
//! placeholders are `$1`. Each backend has its own migration folder with the same tables.
//!
//! Tenancy: every commune-owned row carries (or joins to) `commune_id`; the store does not
//! decide who may see it — [`domain::access`] does, in the web layer — but every listing
//! takes the commune or province it is for, so no query reads across tenants by accident.

mod audit;
mod error;
mod findings;
mod org;
mod plans;
mod progress;
mod province;
mod search;
mod sessions;

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use audit::AuditEntry;
pub use error::StoreError;
pub use findings::{PlanFinding, SourceFindings};
pub use org::{Commune, NewUser, Province, Unit, User};
pub use plans::{
    NewOccurrence, NewPlan, NewSection, NewTask, Plan, PlanFileIn, PlanOrigin, PlanStatus, Section,
    Task, TaskEdit, TaskFilter, TaskRow,
};
pub use progress::{
    CommuneProgress, NewProgress, Occurrence, OccurrenceRow, ProgressUpdate, UnitProgress,
};
pub use province::ProvincePlan;
pub use sessions::Session;

pub type Result<T> = std::result::Result<T, StoreError>;

/// Which engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by the whole application (cheap to clone).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

static MIGRATE_SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static MIGRATE_POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`) and applies pending
    /// migrations. SQLite runs in WAL mode with `synchronous=FULL`, so an acknowledged commit
    /// survives a crash or power cut, foreign keys on, and a 5 s busy timeout.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config(format!(
                "unsupported database URL (expected sqlite: or postgres:): {}",
                redact(url)
            )));
        };
        let options = AnyConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad database URL: {e}")))?;
        let max = if backend == Backend::Sqlite { 8 } else { 16 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let migrator = match backend {
            Backend::Sqlite => &MIGRATE_SQLITE,
            Backend::Postgres => &MIGRATE_POSTGRES,
        };
        migrator.run(&pool).await?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (the SQLite WAL is checkpointed on the last close).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A URL with its password hidden, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

/// The search form of a text: NFC, tones off, đ→d, lowercase (see `vntext::fold`), and
/// every run of characters other than letters and digits made one space — so "Đoàn ra",
/// "doan ra" and "ĐOÀN-RA" find the same rows, and unit names differing only in dashes or
/// punctuation are one name.
pub fn fold(text: &str) -> String {
    vntext::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `.cargo/config.toml` builds the bundled SQLite without SQLITE_ENABLE_MEMORY_MANAGEMENT,
    /// so the pool's connections do not share one mutex-guarded page cache (a throughput
    /// limit under concurrent reads). A build that lost the setting fails here.
    #[tokio::test]
    async fn sqlite_connections_have_their_own_page_cache() {
        let store = Store::connect("sqlite::memory:").await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        assert!(options.iter().any(|o| o.starts_with("THREADSAFE=")));
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
    }

    #[test]
    fn passwords_never_appear_in_redacted_urls() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/x"),
            "postgres://…@db:5432/x"
        );
        assert_eq!(redact("sqlite://a.db"), "sqlite://a.db");
    }

    #[test]
    fn folding_makes_punctuation_variants_one_text() {
        assert_eq!(
            fold("Phòng Văn hóa – Xã hội"),
            fold("phong van hoa - xa hoi")
        );
    }
}
