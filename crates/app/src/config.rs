//! The one declared configuration of doingoai (issue 13, point 5): every limit, path, cookie
//! flag, throttling rule and upload size, with its default, in one struct. `doingoai serve
//! --config FILE` reads a TOML file of the same shape (any key left out keeps its default);
//! the command-line flags override it. `docs/configuration.md` documents every key, and a
//! test keeps the two in step.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything that can be set.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: Server,
    pub database: Database,
    pub limits: Limits,
    pub sign_in: SignIn,
    pub sessions: Sessions,
    pub api: Api,
    pub import: Import,
    pub registers: Registers,
    pub mail: Mail,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Server {
    /// Address to listen on.
    pub addr: String,
    /// Send cookies with `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Database {
    /// `sqlite://FILE` or `postgres://…`; empty: `doingoai.sqlite` in `data_dir`.
    pub url: String,
    /// Folder of the default SQLite file (and of the demo's).
    pub data_dir: PathBuf,
    /// Pool size; 0: 8 on SQLite, 16 on PostgreSQL.
    pub max_connections: u32,
    /// How long a request waits for a connection or SQLite's write lock, in milliseconds.
    pub busy_timeout_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest uploaded file (plan, signed file, evidence), in bytes.
    pub max_file_bytes: usize,
    /// Largest request body of a form or API call carrying a file, in bytes.
    pub max_request_bytes: usize,
    /// Largest body of the sign-in form, in bytes.
    pub max_sign_in_bytes: usize,
    /// Rows on a page of every list.
    pub per_page: i64,
    /// Largest `limit` an API list call may ask for.
    pub max_api_limit: i64,
    /// Documents parsed at once (the rest wait).
    pub concurrent_parses: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SignIn {
    /// Failed sign-ins of one account within the window before that account is locked.
    pub account_failures: i64,
    /// Failed sign-ins from one address within the window before that address is locked:
    /// higher, because an office or a province shares one address behind its router.
    pub address_failures: i64,
    /// The window, in minutes; a lock lifts when its oldest failure leaves the window.
    pub window_minutes: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Sessions {
    /// Lifetime of a signed-in session, in hours.
    pub lifetime_hours: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Api {
    /// Days an API token is valid after it is made (0: no expiry).
    pub token_days: i64,
    /// Hours a request key (a form's token, an `Idempotency-Key`) is remembered.
    pub request_key_hours: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Import {
    /// Hours an uploaded document waits for its review before it is dropped.
    pub review_hours: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Registers {
    /// Years the personal fields of a register's entries are kept, by register slug,
    /// counted from the entry's date (Luật 91/2025/QH15 art. 3: no longer than the purpose
    /// needs); `doingoai register purge` removes older ones. A register left out keeps its
    /// personal fields until a retention is set.
    pub retention_years: std::collections::BTreeMap<String, i64>,
}

/// E-mail reminders (issue 11, point 6): off unless `smtp_url` is set; nothing else needs it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Mail {
    /// The relay, as lettre reads it: `smtp://host:25` (no TLS, a relay on the same
    /// network), `smtp://user:password@host:587?tls=required` (STARTTLS), `smtps://host:465`.
    /// Empty: no e-mail.
    pub smtp_url: String,
    /// The sender ("Nhắc việc đối ngoại <nhacviec@songoaivu.example.gov.vn>").
    pub from: String,
    /// The address users reach the server at, for the links in the messages
    /// (`https://doingoai.example.gov.vn`).
    pub public_url: String,
    /// The hour (Vietnam time, 0–23) from which each day's digest is sent.
    pub send_hour: u32,
    /// A digest lists what is overdue and what falls due within this many days.
    pub ahead_days: i64,
    /// How long one message may take to send, in seconds.
    pub timeout_seconds: u64,
}

impl Default for Mail {
    fn default() -> Mail {
        Mail {
            smtp_url: String::new(),
            from: String::new(),
            public_url: String::new(),
            send_hour: 7,
            ahead_days: 7,
            timeout_seconds: 20,
        }
    }
}

impl Default for Registers {
    fn default() -> Registers {
        let years = |slug: &str| if slug == "vu-viec" { 10 } else { 5 };
        Registers {
            retention_years: domain::register::RegisterKind::ALL
                .iter()
                .filter(|k| k.def().has_personal())
                .map(|k| (k.slug().to_string(), years(k.slug())))
                .collect(),
        }
    }
}

impl Default for Server {
    fn default() -> Server {
        Server {
            addr: "127.0.0.1:8080".into(),
            secure_cookies: false,
        }
    }
}

impl Default for Database {
    fn default() -> Database {
        Database {
            url: String::new(),
            data_dir: PathBuf::from("data"),
            max_connections: 0,
            busy_timeout_ms: 5000,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_request_bytes: 20 * 1024 * 1024,
            max_sign_in_bytes: 8 * 1024,
            per_page: 50,
            max_api_limit: 1000,
            concurrent_parses: 2,
        }
    }
}

impl Default for SignIn {
    fn default() -> SignIn {
        SignIn {
            account_failures: 5,
            address_failures: 50,
            window_minutes: 15,
        }
    }
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions { lifetime_hours: 12 }
    }
}

impl Default for Api {
    fn default() -> Api {
        Api {
            token_days: 90,
            request_key_hours: 48,
        }
    }
}

impl Default for Import {
    fn default() -> Import {
        Import { review_hours: 24 }
    }
}

/// Why a configuration file is refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{0}")]
    Toml(String),
    #[error("{0}")]
    Value(String),
}

impl ConfigError {
    pub fn message_vi(&self) -> String {
        match self {
            ConfigError::Read(p, _) => format!("không đọc được tệp cấu hình {p}"),
            ConfigError::Toml(m) => format!("tệp cấu hình sai cú pháp hoặc có mục không biết: {m}"),
            ConfigError::Value(m) => format!("giá trị cấu hình không hợp lệ: {m}"),
        }
    }
}

impl Config {
    /// A configuration from TOML text; keys left out keep their defaults, unknown keys are
    /// refused (a typo must not silently keep a default).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let c: Config = toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        c.check()?;
        Ok(c)
    }

    pub fn from_file(path: &std::path::Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Read(path.display().to_string(), e))?;
        Config::from_toml(&text)
    }

    /// The defaults as TOML (`doingoai config` prints it; the docs list its keys).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    fn check(&self) -> Result<(), ConfigError> {
        let bad = |m: &str| Err(ConfigError::Value(m.to_string()));
        let l = &self.limits;
        if l.max_file_bytes == 0 || l.max_request_bytes < l.max_file_bytes {
            return bad("limits.max_request_bytes must be at least limits.max_file_bytes (> 0)");
        }
        if !(1..=1000).contains(&l.per_page) || !(1..=10_000).contains(&l.max_api_limit) {
            return bad("limits.per_page must be 1–1000 and limits.max_api_limit 1–10000");
        }
        if l.concurrent_parses == 0 || l.max_sign_in_bytes < 512 {
            return bad("limits.concurrent_parses must be ≥ 1 and max_sign_in_bytes ≥ 512");
        }
        let s = &self.sign_in;
        if s.account_failures < 1 || s.address_failures < s.account_failures || s.window_minutes < 1
        {
            return bad("sign_in: failures ≥ 1, address_failures ≥ account_failures, window ≥ 1");
        }
        if self.sessions.lifetime_hours < 1 || self.import.review_hours < 1 {
            return bad("sessions.lifetime_hours and import.review_hours must be ≥ 1");
        }
        if self.api.token_days < 0 || self.api.request_key_hours < 1 {
            return bad("api.token_days must be ≥ 0 and api.request_key_hours ≥ 1");
        }
        for (slug, years) in &self.registers.retention_years {
            if domain::register::RegisterKind::parse(slug).is_none() || !(1..=100).contains(years) {
                return bad(&format!(
                    "registers.retention_years: {slug:?} must be a register slug with 1–100 years"
                ));
            }
        }
        let m = &self.mail;
        if !m.smtp_url.is_empty() {
            if !(m.smtp_url.starts_with("smtp://") || m.smtp_url.starts_with("smtps://")) {
                return bad("mail.smtp_url must start with smtp:// or smtps://");
            }
            if m.from.trim().is_empty() || m.public_url.trim().is_empty() {
                return bad("mail.from and mail.public_url must be set with mail.smtp_url");
            }
        }
        if m.send_hour > 23 || !(0..=60).contains(&m.ahead_days) || m.timeout_seconds == 0 {
            return bad("mail.send_hour must be 0–23, mail.ahead_days 0–60, timeout ≥ 1 s");
        }
        Ok(())
    }

    /// The database URL to open: the configured one, or the default SQLite file.
    pub fn database_url(&self) -> String {
        if self.database.url.is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.database.data_dir.join("doingoai.sqlite").display()
            )
        } else {
            self.database.url.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_toml() {
        let c = Config::default();
        assert_eq!(Config::from_toml(&c.to_toml()).unwrap(), c);
        assert_eq!(Config::from_toml("").unwrap(), c);
    }

    #[test]
    fn a_partial_file_keeps_the_other_defaults_and_typos_are_refused() {
        let c = Config::from_toml("[sign_in]\naccount_failures = 3\n").unwrap();
        assert_eq!(c.sign_in.account_failures, 3);
        assert_eq!(c.sign_in.address_failures, 50);
        assert!(Config::from_toml("[sign_in]\naccount_failure = 3\n").is_err());
        assert!(Config::from_toml("[limits]\nper_page = 0\n").is_err());
    }

    /// docs/configuration.md names every key with its default.
    #[test]
    fn the_documentation_lists_every_key() {
        let doc = include_str!("../../../docs/configuration.md");
        let value: toml::Value = toml::from_str(&Config::default().to_toml()).unwrap();
        for (section, table) in value.as_table().unwrap() {
            assert!(
                doc.contains(&format!("[{section}]")),
                "[{section}] not documented"
            );
            for key in table.as_table().unwrap().keys() {
                assert!(
                    doc.contains(&format!("`{key}`")),
                    "{section}.{key} not documented"
                );
            }
        }
    }
}
