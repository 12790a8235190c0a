//! Persistence behind one API, on an embedded SQLite file or on PostgreSQL, through one code
//! path (sqlx `Any`).
//!
//! Conventions that make one path possible (see `../shared/docs/dependencies.md`): every
//! integer column is 64-bit and decodes as `i64`; flags are 0/1; instants are epoch seconds;
//! calendar dates are ISO `YYYY-MM-DD` text (they sort as dates); queries name their columns;
//! placeholders are `$1`. Each backend has its own migration folder with the same tables
//! (`migrations/README.md`).
//!
//! Units of work: every query runs on a [`Db`] (one connection, reads) or a [`Tx`] (one
//! transaction, reads and writes). A use case that changes data opens one [`Tx`], makes the
//! reads that decide its writes inside it, writes, and commits — so what it checked is what
//! it changes. On SQLite a [`Tx`] begins `IMMEDIATE`: it takes the write lock first, so two
//! writers queue on the busy timeout instead of failing when the second one's read snapshot
//! is stale; on PostgreSQL a use case locks the row it decides on ([`Tx::lock_plan`]).
//!
//! Tenancy: every commune-owned row carries (or joins to) `commune_id`; the store does not
//! decide who may see it — [`domain::access`] does, in the application layer — but every
//! listing takes the commune or province it is for, so no query reads across tenants by
//! accident.

mod audit;
mod error;
mod findings;
mod idempotency;
mod list;
mod org;
mod personal;
mod plans;
mod progress;
mod province;
mod registers;
mod reminders;
pub use reminders::MailRecipient;
mod reports;
mod schema;
mod search;
mod sessions;
mod staging;

use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};

pub use audit::{AuditEntry, Object};
pub use error::StoreError;
pub use findings::{PlanFinding, SourceFindings};
pub use idempotency::Claim;
pub use list::{Page, PageRequest, SortKey};
pub use org::{Commune, NewUser, Province, Unit, UnitSort, User, UserFilter, UserRow, UserSort};
pub use personal::{PersonalRead, PersonalReadRow};
pub use plans::{
    NewOccurrence, NewPlan, NewSection, NewTask, Plan, PlanFile, PlanFileIn, PlanFilter, PlanSort,
    Section, SectionEdit, Task, TaskEdit, TaskFilter, TaskRow, TaskSort,
};
pub use progress::{
    CarriedProgress, CommuneProgress, NewProgress, Occurrence, OccurrenceRow, ProgressUpdate,
    ProvinceSort, UnitProgress,
};
pub use province::ProvincePlan;
pub use registers::{
    EntryColumns, EntryFigures, EntryFile, EntryFilter, EntryRow, EntrySort, FigureParts,
    StoredEntry,
};
pub use reports::{
    NewReport, RegimeColumns, ReportComment, ReportRow, ReportVersion, SignedFile, StoredRegime,
    StoredReport,
};
pub use sessions::{ApiToken, Session};
pub use staging::{StagedUpload, StagedUploadIn};

pub type Result<T> = std::result::Result<T, StoreError>;

/// Which engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by the whole application (cheap to clone). It only opens
/// units of work: [`Store::read`] and [`Store::write`].
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    queries: Arc<AtomicU64>,
}

static MIGRATE_SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static MIGRATE_POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Settings of the connection pool ([`Store::connect_with`]).
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Connections at most; `None`: 8 on SQLite, 16 on PostgreSQL.
    pub max_connections: Option<u32>,
    /// How long a request waits for a connection (and SQLite for the write lock).
    pub busy_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> PoolSettings {
        PoolSettings {
            max_connections: None,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`) with the default pool
    /// settings and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Store> {
        Store::connect_with(url, PoolSettings::default()).await
    }

    /// Connects and migrates. SQLite runs in WAL mode with `synchronous=FULL`, so an
    /// acknowledged commit survives a crash or power cut, foreign keys on, and the busy
    /// timeout of `settings`. PostgreSQL sessions run without JIT compilation.
    pub async fn connect_with(url: &str, settings: PoolSettings) -> Result<Store> {
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
        let max = settings
            .max_connections
            .unwrap_or(if backend == Backend::Sqlite { 8 } else { 16 });
        let busy_ms = settings.busy_timeout.as_millis();
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(settings.busy_timeout.max(Duration::from_secs(1)) * 2)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute(sqlx::AssertSqlSafe(format!(
                            "PRAGMA busy_timeout = {busy_ms}"
                        )))
                        .await?;
                    } else {
                        // No JIT: the planner's estimate for the province figures (10,000
                        // groups for a province's 100 communes) passes jit_above_cost, and
                        // compiling took 480 ms of a 540 ms query that runs in 38 ms
                        // without it. The store's statements are short reads and writes,
                        // which JIT never pays back (docs/BENCHMARKS.md).
                        conn.execute("SET jit = off").await?;
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
        let store = Store {
            pool,
            backend,
            queries: Arc::new(AtomicU64::new(0)),
        };
        let mut tx = store.write().await?;
        tx.fill_folded_names().await?;
        tx.commit().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for reads outside a transaction (each statement sees what is committed
    /// when it runs).
    pub async fn read(&self) -> Result<Db> {
        Ok(Db {
            conn: Conn::Pool(self.pool.acquire().await?),
            backend: self.backend,
            queries: self.queries.clone(),
        })
    }

    /// A transaction for a unit of work; nothing it writes is seen by anyone until
    /// [`Tx::commit`], and all of it is undone if the `Tx` is dropped without it.
    pub async fn write(&self) -> Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx(Db {
            conn: Conn::Tx(tx),
            backend: self.backend,
            queries: self.queries.clone(),
        }))
    }

    /// How many statements this store has run since it was opened (for the tests that state
    /// each page's query count).
    pub fn queries(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// Closes every connection (the SQLite WAL is checkpointed on the last close).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

enum Conn {
    Pool(PoolConnection<Any>),
    Tx(Transaction<'static, Any>),
}

/// One connection, for reads. Every query method of the store is a method of `Db` (reads)
/// or [`Tx`] (writes, which also read through `Deref`).
pub struct Db {
    conn: Conn,
    backend: Backend,
    queries: Arc<AtomicU64>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish()
    }
}

impl Db {
    /// The connection for one statement (counted).
    pub(crate) fn c(&mut self) -> &mut AnyConnection {
        self.queries.fetch_add(1, Ordering::Relaxed);
        match &mut self.conn {
            Conn::Pool(p) => p,
            Conn::Tx(t) => t,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }
}

/// One transaction: the store's write methods, and every read of [`Db`].
#[derive(Debug)]
pub struct Tx(Db);

impl Deref for Tx {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.0
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Db {
        &mut self.0
    }
}

impl Tx {
    /// Makes every write of the unit of work durable at once.
    pub async fn commit(self) -> Result<()> {
        match self.0.conn {
            Conn::Tx(t) => Ok(t.commit().await?),
            Conn::Pool(_) => Ok(()),
        }
    }

    /// On PostgreSQL, locks a plan's row until the end of the transaction, so that two use
    /// cases deciding on the same plan (the next section's position, its status) run one
    /// after the other. On SQLite the transaction already holds the database's write lock.
    pub async fn lock_plan(&mut self, plan_id: i64) -> Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT id FROM plans WHERE id = $1 FOR UPDATE")
                .bind(plan_id)
                .fetch_optional(self.c())
                .await?;
        }
        Ok(())
    }

    /// As [`Tx::lock_plan`], for a task's row.
    pub async fn lock_task(&mut self, task_id: i64) -> Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT id FROM tasks WHERE id = $1 FOR UPDATE")
                .bind(task_id)
                .fetch_optional(self.c())
                .await?;
        }
        Ok(())
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
    vntext::fold_words(text)
}

/// "$from, $from+1, …" for `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `.cargo/config.toml` builds the bundled SQLite without SQLITE_ENABLE_MEMORY_MANAGEMENT,
    /// so the pool's connections do not share one mutex-guarded page cache (a throughput
    /// limit under concurrent reads). A build that lost the setting fails here.
    #[tokio::test]
    async fn sqlite_connections_have_their_own_page_cache() {
        let path = std::env::temp_dir().join(format!("doingoai_pcache_{}.db", std::process::id()));
        let store = Store::connect(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .unwrap();
        let mut db = store.read().await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
            .fetch_all(db.c())
            .await
            .unwrap();
        assert!(options.iter().any(|o| o.starts_with("THREADSAFE=")));
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
    }

    /// Every pooled PostgreSQL session has JIT off (see `connect_with`): the province
    /// figures took 540 ms with it instead of 38 ms.
    #[tokio::test]
    async fn postgresql_sessions_run_without_jit() {
        let Some(url) = testkit::postgres_url("jit").await else {
            return;
        };
        let store = Store::connect(&url).await.unwrap();
        for _ in 0..3 {
            let mut db = store.read().await.unwrap();
            let jit: String = sqlx::query_scalar("SHOW jit")
                .fetch_one(db.c())
                .await
                .unwrap();
            assert_eq!(jit, "off");
        }
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
