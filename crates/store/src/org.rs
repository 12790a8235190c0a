//! The organisation tree: provinces → communes → units → users.

use domain::access::{Actor, CommuneScope, Role};
use serde::Serialize;

use crate::audit::{self, Subject};
use crate::{Result, Session, Store, StoreError, fold, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Province {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Commune {
    pub id: i64,
    pub province_id: i64,
    pub name: String,
    /// `xa`, `phuong` or `dac_khu` (checked by the schema).
    pub kind: String,
}

impl Commune {
    pub fn scope(&self) -> CommuneScope {
        CommuneScope {
            commune_id: self.id,
            province_id: self.province_id,
        }
    }

    /// "xã Tân Hòa", "phường Bến Thành", "đặc khu Phú Quốc".
    pub fn full_name(&self) -> String {
        let kind = match self.kind.as_str() {
            "phuong" => "phường",
            "dac_khu" => "đặc khu",
            _ => "xã",
        };
        format!("{kind} {}", self.name)
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
    pub active: i64,
}

/// A user account. The password hash never leaves the store except through
/// [`Store::user_by_username`] for sign-in.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub province_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub active: bool,
    #[serde(skip)]
    pub password_hash: String,
}

impl User {
    /// The permission view of this user (commune users inherit their commune's province).
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            role: self.role,
            province_id: self.province_id,
            commune_id: self.commune_id,
            unit_id: self.unit_id,
        }
    }
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    province_id: Option<i64>,
    commune_id: Option<i64>,
    unit_id: Option<i64>,
    active: i64,
    password_hash: String,
}

#[derive(sqlx::FromRow)]
struct SessionUserRow {
    #[sqlx(flatten)]
    user: UserRow,
    csrf_token: String,
    expires_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<User> {
        let role = Role::parse(&r.role)
            .ok_or_else(|| StoreError::Corrupt(format!("user {} has role {:?}", r.id, r.role)))?;
        Ok(User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role,
            province_id: r.province_id,
            commune_id: r.commune_id,
            unit_id: r.unit_id,
            active: r.active != 0,
            password_hash: r.password_hash,
        })
    }
}

/// A user to create. `username` is stored lowercased; attachments must match the role's
/// needs ([`Role::needs`]) — the web form checks that before calling.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub province_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub unit_id: Option<i64>,
}

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, \
     COALESCE(u.province_id, c.province_id) AS province_id, u.commune_id, u.unit_id, u.active, \
     u.password_hash";

impl Store {
    pub async fn create_province(&self, name: &str) -> Result<Province> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO provinces (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(name)
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(Province {
            id,
            name: name.to_string(),
        })
    }

    pub async fn provinces(&self) -> Result<Vec<Province>> {
        Ok(
            sqlx::query_as("SELECT id, name FROM provinces ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    pub async fn province(&self, id: i64) -> Result<Province> {
        Ok(
            sqlx::query_as("SELECT id, name FROM provinces WHERE id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub async fn create_commune(
        &self,
        province_id: i64,
        name: &str,
        kind: &str,
    ) -> Result<Commune> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO communes (province_id, name, kind, name_folded, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(province_id)
        .bind(name)
        .bind(kind)
        .bind(fold(name))
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        self.commune(id).await
    }

    pub async fn commune(&self, id: i64) -> Result<Commune> {
        Ok(
            sqlx::query_as("SELECT id, province_id, name, kind FROM communes WHERE id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The communes of a province, by name.
    pub async fn communes_of(&self, province_id: i64) -> Result<Vec<Commune>> {
        Ok(sqlx::query_as(
            "SELECT id, province_id, name, kind FROM communes WHERE province_id = $1 \
             ORDER BY name_folded",
        )
        .bind(province_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Adds a unit to a commune's list; a name that folds to an existing one is a
    /// [`StoreError::Conflict`] on `units_commune_name_key`.
    pub async fn create_unit(&self, by: Option<i64>, commune_id: i64, name: &str) -> Result<Unit> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO units (commune_id, name, name_folded, active, created_at) \
             VALUES ($1, $2, $3, 1, $4) RETURNING id",
        )
        .bind(commune_id)
        .bind(name)
        .bind(fold(name))
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let unit = Unit {
            id,
            commune_id,
            name: name.to_string(),
            active: 1,
        };
        let subject = Subject {
            commune_id: Some(commune_id),
            object_type: "unit",
            object_id: id,
        };
        audit::record(&mut tx, by, subject, "create", None::<&()>, Some(&unit)).await?;
        tx.commit().await?;
        Ok(unit)
    }

    /// Renames or (de)activates a unit; units are never deleted (tasks refer to them).
    pub async fn update_unit(&self, by: i64, id: i64, name: &str, active: bool) -> Result<Unit> {
        let mut tx = self.pool.begin().await?;
        let before: Unit =
            sqlx::query_as("SELECT id, commune_id, name, active FROM units WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query("UPDATE units SET name = $1, name_folded = $2, active = $3 WHERE id = $4")
            .bind(name)
            .bind(fold(name))
            .bind(i64::from(active))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let after = Unit {
            name: name.to_string(),
            active: i64::from(active),
            ..before.clone()
        };
        let subject = Subject {
            commune_id: Some(before.commune_id),
            object_type: "unit",
            object_id: id,
        };
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "update",
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn unit(&self, id: i64) -> Result<Unit> {
        Ok(
            sqlx::query_as("SELECT id, commune_id, name, active FROM units WHERE id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// A commune's units, active first, by name.
    pub async fn units_of(&self, commune_id: i64) -> Result<Vec<Unit>> {
        Ok(sqlx::query_as(
            "SELECT id, commune_id, name, active FROM units WHERE commune_id = $1 \
             ORDER BY active DESC, name_folded",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn create_user(&self, by: Option<i64>, new: &NewUser) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, province_id, \
             commune_id, unit_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) \
             RETURNING id",
        )
        .bind(new.username.to_lowercase())
        .bind(&new.display_name)
        .bind(&new.password_hash)
        .bind(new.role.code())
        .bind(new.province_id)
        .bind(new.commune_id)
        .bind(new.unit_id)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let subject = Subject {
            commune_id: new.commune_id,
            object_type: "user",
            object_id: id,
        };
        let after = serde_json::json!({"username": new.username.to_lowercase(),
            "display_name": new.display_name, "role": new.role.code(),
            "province_id": new.province_id, "commune_id": new.commune_id, "unit_id": new.unit_id});
        audit::record(&mut tx, by, subject, "create", None::<&()>, Some(&after)).await?;
        tx.commit().await?;
        self.user(id).await
    }

    pub async fn user(&self, id: i64) -> Result<User> {
        let row: UserRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE u.id = $1"
        )))
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        row.try_into()
    }

    /// The account signed in with a session: the session for `token_hash` if it exists,
    /// has not expired and its user is active (as [`Store::session`]), with that user, in
    /// one query — every signed-in page asks this first.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<(Session, User)>> {
        let row: Option<SessionUserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM sessions s \
             JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
        )))
        .bind(token_hash)
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let user = User::try_from(row.user)?;
        let session = Session {
            user_id: user.id,
            csrf_token: row.csrf_token,
            expires_at: row.expires_at,
        };
        Ok(Some((session, user)))
    }

    /// The account for a sign-in name (case-insensitive), active or not.
    pub async fn user_by_username(&self, username: &str) -> Result<User> {
        let row: UserRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE u.username = $1"
        )))
        .bind(username.to_lowercase())
        .fetch_one(&self.pool)
        .await?;
        row.try_into()
    }

    /// Every account (for the administrator), by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             ORDER BY u.username"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(User::try_from).collect()
    }

    /// Replaces a password hash and ends every session of the user (sign-out everywhere).
    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let subject = Subject {
            commune_id: None,
            object_type: "user",
            object_id: user_id,
        };
        let note = serde_json::json!({"password": "changed"});
        audit::record(
            &mut tx,
            Some(user_id),
            subject,
            "password",
            None::<&()>,
            Some(&note),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Enables or disables an account; disabling ends its sessions.
    pub async fn set_user_active(&self, by: i64, user_id: i64, active: bool) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        let subject = Subject {
            commune_id: None,
            object_type: "user",
            object_id: user_id,
        };
        let after = serde_json::json!({"active": active});
        audit::record(
            &mut tx,
            Some(by),
            subject,
            "update",
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many accounts exist (0 on a fresh database: the CLI then asks for an admin).
    pub async fn user_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?)
    }
}
