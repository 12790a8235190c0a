//! Sign-in, sessions, passwords and API tokens.
//!
//! - Passwords: Argon2id (argon2 crate defaults), hashed and checked on the blocking pool.
//! - Sessions: a random 256-bit token the web puts in a cookie; the database keeps only its
//!   SHA-256, with the session's CSRF token.
//! - Throttling (issue 13, defect h): failures are counted per account and per client
//!   address within `sign_in.window_minutes`; an account is locked after
//!   `sign_in.account_failures`, an address after the higher `sign_in.address_failures` (a
//!   whole office, or a province behind one proxy, shares an address, so one person's typos
//!   must not lock everyone out). The refusal says when the lock lifts. Checking the current
//!   password on the password page counts as a sign-in attempt of the account.
//! - API tokens expire after `api.token_days` and can be revoked by their owner.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use domain::access::Role;
use domain::audit::AuditEvent;
use domain::names::{NewPassword, Username};
use rand::RngCore;
use sha2::{Digest, Sha256};
use store::{ApiToken, Object, Session, User};

use crate::{App, Error, RequestKey, Result, SignInRefusal, begin};

/// A session just opened: the cookie value (shown to nobody else), its CSRF token, the
/// account and how long the cookie lives.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
    pub max_age_secs: i64,
}

/// A random secret as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// A password hashed with Argon2id and a fresh salt (PHC string). Made only by
/// [`hash_password`], so it always holds a password that passed [`NewPassword`]'s rules.
#[derive(Clone)]
pub struct HashedPassword(String);

impl std::fmt::Debug for HashedPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashedPassword(…)")
    }
}

impl HashedPassword {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hashes a password on the blocking pool. Generators that make many accounts with one
/// password hash it once and pass [`crate::org::Password::Hashed`].
pub async fn hash_password(password: NewPassword) -> Result<HashedPassword> {
    let p = password.into_string();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(p.as_bytes())
            .map(|h| HashedPassword(h.to_string()))
            .map_err(|e| Error::Internal(format!("argon2: {e}")))
    })
    .await?
}

async fn verify_password(password: String, hash: String) -> Result<bool> {
    Ok(tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await?)
}

/// A real Argon2id hash of nothing in particular, made once, checked against when the
/// account name does not exist (so timing does not reveal which accounts exist).
async fn dummy_hash() -> Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| async {
            let p =
                NewPassword::parse(&random_token()).map_err(|e| Error::Internal(e.to_string()))?;
            hash_password(p).await.map(|h| h.0)
        })
        .await
        .cloned()
}

/// The bounds of a password as typed at sign-in: anything longer than a new password may
/// be is wrong, and is not hashed.
const MAX_PASSWORD_BYTES: usize = 256;

impl App {
    /// The instant a lock on `key` lifts, when it has `limit` failures or more in the
    /// window; `None` when it is not locked.
    async fn locked_until(&self, db: &mut store::Db, key: &str, limit: i64) -> Result<Option<i64>> {
        let window = self.config.sign_in.window_minutes * 60;
        let times = db.login_failure_times(key, store::now() - window).await?;
        let n = times.len() as i64;
        if n < limit {
            return Ok(None);
        }
        // It lifts when enough of the oldest failures have left the window for the count
        // to fall below the limit.
        Ok(times.get((n - limit) as usize).map(|t| t + window + 1))
    }

    /// Signs in with a name and password from a client `address`.
    pub async fn sign_in(&self, username: &str, password: &str, address: &str) -> Result<SignedIn> {
        let account = Username::parse(username).ok();
        let account_key = account.as_ref().map(|u| format!("user:{}", u.as_str()));
        let address_key = format!("ip:{}", address.chars().take(64).collect::<String>());
        let mut db = self.read().await?;
        let mut locks = Vec::new();
        if let Some(k) = &account_key {
            locks.push(
                self.locked_until(&mut db, k, self.config.sign_in.account_failures)
                    .await?,
            );
        }
        locks.push(
            self.locked_until(&mut db, &address_key, self.config.sign_in.address_failures)
                .await?,
        );
        if let Some(until) = locks.into_iter().flatten().max() {
            return Err(Error::SignIn(SignInRefusal::LockedUntil(until)));
        }
        let user = match &account {
            Some(u) => match db.user_by_username(u.as_str()).await {
                Ok(u) => Some(u),
                Err(store::StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        drop(db);
        let hash = match &user {
            Some(u) => u.password_hash.clone(),
            None => dummy_hash().await?,
        };
        let ok = password.len() <= MAX_PASSWORD_BYTES
            && verify_password(password.to_string(), hash).await?;
        let mut tx = self.write().await?;
        let user = match user {
            Some(u) if ok && u.active => u,
            _ => {
                if let Some(k) = &account_key {
                    tx.record_login_failure(k).await?;
                }
                tx.record_login_failure(&address_key).await?;
                tx.commit().await?;
                return Err(Error::SignIn(SignInRefusal::WrongCredentials));
            }
        };
        if let Some(k) = &account_key {
            tx.clear_login_failures(k).await?;
        }
        let token = random_token();
        let max_age = self.config.sessions.lifetime_hours * 3600;
        tx.create_session(&sha256_hex(&token), user.id, &random_token(), max_age)
            .await?;
        tx.commit().await?;
        Ok(SignedIn {
            token,
            user,
            max_age_secs: max_age,
        })
    }

    /// The session and account of a cookie value, if it is live.
    pub async fn session(&self, token: &str) -> Result<Option<(Session, User)>> {
        if token.len() > 128 {
            return Ok(None);
        }
        Ok(self.read().await?.session_user(&sha256_hex(token)).await?)
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let mut tx = self.write().await?;
        tx.delete_session(&sha256_hex(token)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of the user ("sign out everywhere").
    pub async fn sign_out_everywhere(&self, user: &User) -> Result<()> {
        let mut tx = self.write().await?;
        tx.delete_sessions_of(user.id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes the user's own password after checking the current one (a wrong current
    /// password counts as a failed sign-in of the account). Ends every session.
    pub async fn change_password(
        &self,
        user: &User,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<()> {
        let key = format!("user:{}", user.username);
        let mut db = self.read().await?;
        if let Some(until) = self
            .locked_until(&mut db, &key, self.config.sign_in.account_failures)
            .await?
        {
            return Err(Error::SignIn(SignInRefusal::LockedUntil(until)));
        }
        drop(db);
        let ok = current.len() <= MAX_PASSWORD_BYTES
            && verify_password(current.to_string(), user.password_hash.clone()).await?;
        if !ok {
            let mut tx = self.write().await?;
            tx.record_login_failure(&key).await?;
            tx.commit().await?;
            return Err(Error::invalid("current", "Mật khẩu hiện tại không đúng."));
        }
        if new != confirm {
            return Err(Error::invalid(
                "confirm",
                "Hai lần nhập mật khẩu mới không khớp nhau.",
            ));
        }
        let hash = hash_password(NewPassword::parse(new)?).await?;
        let mut tx = self.write().await?;
        tx.set_password(user.id, hash.as_str()).await?;
        tx.record(
            Some(user.id),
            user.commune_id,
            Object::User(user.id),
            &AuditEvent::PasswordChanged,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// An administrator sets a new password for an account (it signs out everywhere).
    pub async fn reset_password(
        &self,
        admin: &User,
        user_id: i64,
        new: &str,
        key: Option<&RequestKey>,
    ) -> Result<()> {
        if !admin.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let password = NewPassword::parse(new)?;
        let hash = hash_password(password).await?;
        let mut w = begin!(self, admin.id, key);
        let target = w.tx.user(user_id).await?;
        w.tx.set_password(user_id, hash.as_str()).await?;
        w.tx.record(
            Some(admin.id),
            target.commune_id,
            Object::User(user_id),
            &AuditEvent::PasswordReset,
        )
        .await?;
        w.finish(&()).await
    }

    /// The user's API tokens, newest first.
    pub async fn api_tokens(&self, user: &User) -> Result<Vec<ApiToken>> {
        Ok(self.read().await?.api_tokens_of(user.id).await?)
    }

    /// Makes an API token for the user; returns its value (shown once) and its id.
    pub async fn create_api_token(&self, user: &User, name: &str) -> Result<(String, i64)> {
        let name = vntext::clean(name).trim().to_string();
        let name = if name.is_empty() {
            "Khóa truy cập".to_string()
        } else {
            name.chars().take(100).collect()
        };
        let token = format!("dn_{}", random_token());
        let days = self.config.api.token_days;
        let expires = (days > 0).then(|| store::now() + days * 86_400);
        let expires_on = expires.and_then(|e| {
            chrono::DateTime::from_timestamp(e + 7 * 3600, 0).map(|d| d.date_naive())
        });
        let mut tx = self.write().await?;
        let id = tx
            .create_api_token(user.id, &name, &sha256_hex(&token), expires)
            .await?;
        tx.record(
            Some(user.id),
            user.commune_id,
            Object::User(user.id),
            &AuditEvent::ApiTokenCreated { name, expires_on },
        )
        .await?;
        tx.commit().await?;
        Ok((token, id))
    }

    /// Revokes one of the user's own tokens.
    pub async fn revoke_api_token(
        &self,
        user: &User,
        token_id: i64,
        key: Option<&RequestKey>,
    ) -> Result<()> {
        let mut w = begin!(self, user.id, key);
        let name =
            w.tx.revoke_api_token(user.id, token_id)
                .await?
                .ok_or(Error::NotFound)?;
        w.tx.record(
            Some(user.id),
            user.commune_id,
            Object::User(user.id),
            &AuditEvent::ApiTokenRevoked { name },
        )
        .await?;
        w.finish(&()).await
    }

    /// The account of a bearer token, if the token is live.
    pub async fn api_user(&self, token: &str) -> Result<Option<User>> {
        let token = token.trim();
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let found = self
            .read()
            .await?
            .api_token_user(&sha256_hex(token))
            .await?;
        let Some((token_id, user)) = found else {
            return Ok(None);
        };
        let mut tx = self.write().await?;
        tx.touch_api_token(token_id).await?;
        tx.commit().await?;
        Ok(Some(user))
    }

    /// What the page header says of where a user belongs: "Xã Tân Hòa — Tỉnh …", the
    /// province for its officers, "Toàn hệ thống" for administrators.
    pub async fn place_of(&self, user: &User) -> Result<String> {
        let mut db = self.read().await?;
        Ok(match (user.commune_id, user.province_id, user.role) {
            (Some(c), _, _) => {
                let c = db.commune(c).await?;
                let p = db.province(c.province_id).await?;
                format!("{} — {}", crate::format::capitalise(&c.full_name()), p.name)
            }
            (None, Some(p), _) => db.province(p).await?.name,
            (_, _, Role::Admin) => "Toàn hệ thống".to_string(),
            _ => String::new(),
        })
    }
}
