//! The application layer (DESIGN.md, "app"): every use case of doingoai as a method of
//! [`App`] taking the acting user and a parsed input, returning a typed result or an
//! [`Error`]. Each checks its permission ([`domain::access`]) and its rules, and runs in one
//! unit of work: the reads that decide a write happen in the write's transaction.
//!
//! Pages, the JSON API, the CLI and the demo and benchmark generators call this crate and
//! nothing below it: it holds the [`store::Store`] privately, so none of them can reach the
//! database by another path. It has no HTTP types.
//!
//! Requests that change data may carry a [`RequestKey`] (a form's one-time token, an API
//! call's `Idempotency-Key`): a second request with the same key answers the first one's
//! result and writes nothing.

pub mod auth;
pub mod config;
mod error;
pub mod export;
pub mod format;
pub mod history;
pub mod import;
pub mod mail;
pub mod org;
pub mod planned;
pub mod plans;
pub mod register_io;
pub mod registers;
pub mod reminders;
pub mod report_content;
pub mod report_export;
pub mod reports;
pub mod tasks;
pub mod views;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use store::{Claim, Store, Tx};

pub use config::Config;
pub use error::{Conflict, Error, Result, SignInRefusal};
pub use store::{
    ApiToken, Commune, CommuneProgress, EntrySort, NewSection, Occurrence, OccurrenceRow, Page,
    PageRequest, PersonalReadRow, Plan, PlanFile, PlanFinding, PlanSort, ProgressUpdate, Province,
    ProvincePlan, ProvinceSort, ReportComment, ReportRow, ReportVersion, Section, SortKey, Task,
    TaskRow, TaskSort, Unit, UnitProgress, UnitSort, User, UserFilter, UserRow, UserSort,
};

/// The application: the store, the configuration and the clock. Cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Store,
    config: Arc<Config>,
    /// A fixed "today" for reproducible demos and tests; `None`: the clock.
    today: Option<NaiveDate>,
    /// Bounds the documents parsed at once (`limits.concurrent_parses`).
    parses: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("today", &self.today).finish()
    }
}

/// Where the application opens its database.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the database: {0}")]
    Store(#[from] store::StoreError),
}

impl App {
    /// Opens the database the configuration names (migrating it) and makes the application.
    pub async fn open(
        config: Config,
        today: Option<NaiveDate>,
    ) -> std::result::Result<App, OpenError> {
        let settings = store::PoolSettings {
            max_connections: (config.database.max_connections > 0)
                .then_some(config.database.max_connections),
            busy_timeout: std::time::Duration::from_millis(config.database.busy_timeout_ms),
        };
        let store = Store::connect_with(&config.database_url(), settings).await?;
        Ok(App::new(store, config, today))
    }

    fn new(store: Store, config: Config, today: Option<NaiveDate>) -> App {
        let parses = Arc::new(tokio::sync::Semaphore::new(config.limits.concurrent_parses));
        App {
            store,
            config: Arc::new(config),
            today,
            parses,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Today's date in Vietnam (UTC+7, no daylight saving), or the fixed date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive())
    }

    /// How many statements the application has sent to the database (tests state each
    /// page's count with it).
    pub fn query_count(&self) -> u64 {
        self.store.queries()
    }

    /// Whether the database has no account yet (a fresh install: the CLI asks for the
    /// first administrator, the demo may fill it).
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(self.store.read().await?.user_count().await? == 0)
    }

    /// Closes the database (the SQLite WAL is checkpointed).
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Removes expired sessions, staged uploads, request keys and old sign-in failures.
    pub async fn purge_expired(&self) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.purge_expired(
            self.config.sign_in.window_minutes * 60 * 4,
            self.config.api.request_key_hours * 3600,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Begins a unit of work for `user`, claiming `key` when there is one.
    pub(crate) async fn begin<T: DeserializeOwned>(
        &self,
        user_id: i64,
        key: Option<&RequestKey>,
    ) -> Result<Begun<T>> {
        let mut tx = self.store.write().await?;
        if let Some(k) = key {
            match tx.claim_request(user_id, &k.key, &k.content).await? {
                Claim::Fresh => {}
                Claim::Done(json) => {
                    let result = serde_json::from_str(&json)
                        .map_err(|e| Error::Internal(format!("stored result: {e}")))?;
                    return Ok(Begun::Replay(result));
                }
                Claim::Mismatch => {
                    return Err(Error::conflict(
                        "Mã yêu cầu (Idempotency-Key) này đã được dùng cho một yêu cầu khác. \
                         Vui lòng dùng mã mới cho mỗi yêu cầu.",
                    ));
                }
            }
        }
        Ok(Begun::Fresh(Work {
            tx,
            key: key.map(|k| (user_id, k.key.clone())),
        }))
    }

    /// A read-only connection.
    pub(crate) async fn read(&self) -> Result<store::Db> {
        Ok(self.store.read().await?)
    }

    /// A transaction without a request key (sign-in, the first view of an old plan).
    pub(crate) async fn write(&self) -> Result<Tx> {
        Ok(self.store.write().await?)
    }
}

/// The application on an already open store (tests and the upgrade check).
#[doc(hidden)]
pub fn with_store(store: Store, config: Config, today: Option<NaiveDate>) -> App {
    App::new(store, config, today)
}

/// A request that must take effect once: a form's one-time token or an API call's
/// `Idempotency-Key`, and what identifies the request's content (the hash of an API body;
/// for a form, empty: Back and resubmit answers the first result whatever was retyped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestKey {
    key: String,
    content: String,
}

impl RequestKey {
    /// A key as sent; `None` when it is empty or longer than 200 characters (then the
    /// request is handled without one).
    pub fn new(key: &str, content: &str) -> Option<RequestKey> {
        let k = key.trim();
        (!k.is_empty() && k.len() <= 200).then(|| RequestKey {
            key: k.to_string(),
            content: content.to_string(),
        })
    }
}

/// A begun unit of work, or the stored result of a request already done.
pub(crate) enum Begun<T> {
    Fresh(Work),
    Replay(T),
}

/// One unit of work: its transaction and the request key it claimed.
pub(crate) struct Work {
    pub tx: Tx,
    key: Option<(i64, String)>,
}

impl Work {
    /// Stores `result` under the request key (if any) and commits everything.
    pub async fn finish<T: Serialize>(mut self, result: &T) -> Result<()> {
        if let Some((user, key)) = &self.key {
            let json = serde_json::to_string(result)
                .map_err(|e| Error::Internal(format!("result: {e}")))?;
            self.tx.finish_request(*user, key, &json).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

/// Begins a unit of work in a use case, or returns the result of the request its key
/// already did.
macro_rules! begin {
    ($app:expr, $user_id:expr, $key:expr) => {
        match $app.begin($user_id, $key).await? {
            $crate::Begun::Fresh(w) => w,
            $crate::Begun::Replay(r) => return Ok(r),
        }
    };
}
pub(crate) use begin;
