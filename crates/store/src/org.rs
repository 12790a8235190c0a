//! The organisation tree: provinces → communes → units → users.

use domain::access::{Actor, CommuneScope, Role};
use domain::org::CommuneKind;
use serde::{Deserialize, Serialize};

use crate::list::{Bind, ListSql, sorts};
use crate::{Db, Page, PageRequest, Result, SortKey, StoreError, Tx, fold, now};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq, Eq)]
pub struct Province {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq, Eq)]
pub struct Commune {
    pub id: i64,
    pub province_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: CommuneKind,
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
        self.kind.full_name(&self.name)
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
    pub active: i64,
}

impl Unit {
    pub fn is_active(&self) -> bool {
        self.active != 0
    }
}

/// A user account. The password hash never leaves the store except through
/// [`Db::user_by_username`] for sign-in.
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
pub(crate) struct RawUser {
    id: i64,
    username: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    province_id: Option<i64>,
    commune_id: Option<i64>,
    unit_id: Option<i64>,
    active: i64,
    password_hash: String,
}

impl From<RawUser> for User {
    fn from(r: RawUser) -> User {
        User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: r.role,
            province_id: r.province_id,
            commune_id: r.commune_id,
            unit_id: r.unit_id,
            active: r.active != 0,
            password_hash: r.password_hash,
        }
    }
}

/// An account in the accounts list, with where it belongs by name.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub active: i64,
    pub province_name: Option<String>,
    pub commune_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub commune_kind: CommuneKindOrNone,
    pub unit_name: Option<String>,
}

/// A commune kind that may be absent (accounts outside any commune): decoded from the
/// stored code or the empty text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneKindOrNone(pub Option<CommuneKind>);

impl TryFrom<String> for CommuneKindOrNone {
    type Error = domain::error::UnknownCode;
    fn try_from(code: String) -> std::result::Result<Self, Self::Error> {
        if code.is_empty() {
            Ok(CommuneKindOrNone(None))
        } else {
            CommuneKind::try_from(code).map(|k| CommuneKindOrNone(Some(k)))
        }
    }
}

/// A user to create. `username` is stored lowercased; attachments must match the role's
/// needs ([`Role::needs`]) — the application layer checks that before calling.
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

pub(crate) const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, \
     COALESCE(u.province_id, c.province_id) AS province_id, u.commune_id, u.unit_id, u.active, \
     u.password_hash";

sorts!(
    /// The orders of a commune's unit list; the default is the order the units were entered
    /// in (for a new commune, the default list's: Văn phòng first).
    UnitSort {
        Entered = ("", "Thứ tự trong danh sách", "id"),
        Name = ("name", "Tên đơn vị (A–Z)", "name_folded, id"),
        Active = ("active", "Đang hoạt động trước", "active DESC, name_folded, id"),
    }
);

sorts!(
    /// The orders of the accounts list.
    UserSort {
        Username = ("", "Tên đăng nhập (A–Z)", "username, id"),
        Name = ("name", "Họ và tên (A–Z)", "name_folded, username, id"),
        Role = ("role", "Vai trò", "role_rank, username, id"),
        Status = ("status", "Đang hoạt động trước", "active DESC, username, id"),
    }
);

/// What the accounts list shows.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Words of the sign-in name or the full name (tones ignored).
    pub query: String,
    pub role: Option<Role>,
    pub province_id: Option<i64>,
    pub commune_id: Option<i64>,
}

impl Db {
    pub async fn provinces(&mut self) -> Result<Vec<Province>> {
        Ok(
            sqlx::query_as("SELECT id, name FROM provinces ORDER BY name")
                .fetch_all(self.c())
                .await?,
        )
    }

    pub async fn province(&mut self, id: i64) -> Result<Province> {
        Ok(
            sqlx::query_as("SELECT id, name FROM provinces WHERE id = $1")
                .bind(id)
                .fetch_one(self.c())
                .await?,
        )
    }

    pub async fn commune(&mut self, id: i64) -> Result<Commune> {
        Ok(
            sqlx::query_as("SELECT id, province_id, name, kind FROM communes WHERE id = $1")
                .bind(id)
                .fetch_one(self.c())
                .await?,
        )
    }

    /// The communes of a province, by name.
    pub async fn communes_of(&mut self, province_id: i64) -> Result<Vec<Commune>> {
        Ok(sqlx::query_as(
            "SELECT id, province_id, name, kind FROM communes WHERE province_id = $1 \
             ORDER BY name_folded, id",
        )
        .bind(province_id)
        .fetch_all(self.c())
        .await?)
    }

    /// Every commune of every province, by province and name (the administrator's pickers).
    pub async fn all_communes(&mut self) -> Result<Vec<Commune>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.province_id, c.name, c.kind FROM communes c \
             JOIN provinces p ON p.id = c.province_id ORDER BY p.name, c.name_folded, c.id",
        )
        .fetch_all(self.c())
        .await?)
    }

    pub async fn unit(&mut self, id: i64) -> Result<Unit> {
        Ok(
            sqlx::query_as("SELECT id, commune_id, name, active FROM units WHERE id = $1")
                .bind(id)
                .fetch_one(self.c())
                .await?,
        )
    }

    /// A commune's units, active first, by name.
    pub async fn units_of(&mut self, commune_id: i64) -> Result<Vec<Unit>> {
        Ok(sqlx::query_as(
            "SELECT id, commune_id, name, active FROM units WHERE commune_id = $1 \
             ORDER BY active DESC, name_folded, id",
        )
        .bind(commune_id)
        .fetch_all(self.c())
        .await?)
    }

    /// Every unit of every commune of a province or of the country (for the account form),
    /// with its commune's name: (unit, commune name).
    pub async fn units_with_communes(
        &mut self,
        province_id: Option<i64>,
    ) -> Result<Vec<(i64, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT un.id, un.name, c.name FROM units un JOIN communes c ON c.id = un.commune_id \
             WHERE un.active = 1 AND ($1 = 0 OR c.province_id = $1) \
             ORDER BY c.name_folded, un.name_folded, un.id",
        )
        .bind(province_id.unwrap_or(0))
        .fetch_all(self.c())
        .await?)
    }

    /// A page of a commune's units whose folded name holds `query`, in `sort` order.
    pub async fn units_page(
        &mut self,
        commune_id: i64,
        query: &str,
        sort: UnitSort,
        req: Option<PageRequest>,
    ) -> Result<Page<Unit>> {
        let mut l = ListSql::new(sort.order_sql());
        let c = l.bind(Bind::Int(commune_id));
        let mut select = format!(
            "SELECT id, commune_id, name, active, name_folded FROM units WHERE commune_id = ${c}"
        );
        let q = fold(query);
        if !q.is_empty() {
            let n = l.bind(Bind::Text(format!("%{}%", like_escape(&q))));
            select.push_str(&format!(" AND name_folded LIKE ${n} ESCAPE '\\'"));
        }
        l.select = select;
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }

    pub async fn user(&mut self, id: i64) -> Result<User> {
        let row: RawUser = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE u.id = $1"
        )))
        .bind(id)
        .fetch_one(self.c())
        .await?;
        Ok(row.into())
    }

    /// The account for a sign-in name (case-insensitive), active or not.
    pub async fn user_by_username(&mut self, username: &str) -> Result<User> {
        let row: RawUser = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             WHERE u.username = $1"
        )))
        .bind(username.to_lowercase())
        .fetch_one(self.c())
        .await?;
        Ok(row.into())
    }

    /// A page of the accounts `filter` asks for, in `sort` order; `req` `None`: all of them
    /// (export).
    pub async fn users_page(
        &mut self,
        filter: &UserFilter,
        sort: UserSort,
        req: Option<PageRequest>,
    ) -> Result<Page<UserRow>> {
        let mut l = ListSql::new(sort.order_sql());
        let rank = Role::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| format!("WHEN '{}' THEN {i}", r.code()))
            .collect::<Vec<_>>()
            .join(" ");
        let mut conditions = vec!["1 = 1".to_string()];
        let q = fold(&filter.query);
        if !q.is_empty() {
            let n = l.bind(Bind::Text(format!("%{}%", like_escape(&q))));
            conditions.push(format!(
                "(u.username LIKE ${n} ESCAPE '\\' OR u.name_folded LIKE ${n} ESCAPE '\\')"
            ));
        }
        if let Some(r) = filter.role {
            let n = l.bind(Bind::Text(r.code().into()));
            conditions.push(format!("u.role = ${n}"));
        }
        if let Some(p) = filter.province_id {
            let n = l.bind(Bind::Int(p));
            conditions.push(format!("COALESCE(u.province_id, c.province_id) = ${n}"));
        }
        if let Some(cid) = filter.commune_id {
            let n = l.bind(Bind::Int(cid));
            conditions.push(format!("u.commune_id = ${n}"));
        }
        l.select = format!(
            "SELECT u.id, u.username, u.display_name, u.role, u.active, u.name_folded, \
             CASE u.role {rank} END AS role_rank, \
             p.name AS province_name, c.name AS commune_name, \
             COALESCE(c.kind, '') AS commune_kind, un.name AS unit_name \
             FROM users u LEFT JOIN communes c ON c.id = u.commune_id \
             LEFT JOIN provinces p ON p.id = COALESCE(u.province_id, c.province_id) \
             LEFT JOIN units un ON un.id = u.unit_id WHERE {}",
            conditions.join(" AND ")
        );
        match req {
            Some(r) => l.page(self, r).await,
            None => Ok(Page::of_all(l.all(self).await?)),
        }
    }

    /// How many accounts exist (0 on a fresh database: the CLI then asks for an admin).
    pub async fn user_count(&mut self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.c())
            .await?)
    }
}

/// `%` and `_` of a folded query taken literally by LIKE (with `ESCAPE '\'`).
pub(crate) fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Tx {
    /// Fills `users.name_folded` of rows from before migration 0009 (folding is done in
    /// Rust, so the migration could not).
    pub(crate) async fn fill_folded_names(&mut self) -> Result<()> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, display_name FROM users WHERE name_folded IS NULL")
                .fetch_all(self.c())
                .await?;
        for (id, name) in rows {
            sqlx::query("UPDATE users SET name_folded = $1 WHERE id = $2")
                .bind(fold(&name))
                .bind(id)
                .execute(self.c())
                .await?;
        }
        Ok(())
    }

    pub async fn create_province(&mut self, name: &str) -> Result<Province> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO provinces (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(name)
        .bind(now())
        .fetch_one(self.c())
        .await?;
        Ok(Province {
            id,
            name: name.to_string(),
        })
    }

    pub async fn create_commune(
        &mut self,
        province_id: i64,
        name: &str,
        kind: CommuneKind,
    ) -> Result<Commune> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO communes (province_id, name, kind, name_folded, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(province_id)
        .bind(name)
        .bind(kind.code())
        .bind(fold(name))
        .bind(now())
        .fetch_one(self.c())
        .await?;
        Ok(Commune {
            id,
            province_id,
            name: name.to_string(),
            kind,
        })
    }

    /// Adds a unit to a commune's list; a name that folds to an existing one is a
    /// [`StoreError::Conflict`] on `units_commune_name_key`.
    pub async fn create_unit(&mut self, commune_id: i64, name: &str) -> Result<Unit> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO units (commune_id, name, name_folded, active, created_at) \
             VALUES ($1, $2, $3, 1, $4) RETURNING id",
        )
        .bind(commune_id)
        .bind(name)
        .bind(fold(name))
        .bind(now())
        .fetch_one(self.c())
        .await?;
        Ok(Unit {
            id,
            commune_id,
            name: name.to_string(),
            active: 1,
        })
    }

    /// Renames or (de)activates a unit; units are never deleted (tasks refer to them).
    pub async fn update_unit(&mut self, id: i64, name: &str, active: bool) -> Result<()> {
        sqlx::query("UPDATE units SET name = $1, name_folded = $2, active = $3 WHERE id = $4")
            .bind(name)
            .bind(fold(name))
            .bind(i64::from(active))
            .bind(id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn create_user(&mut self, new: &NewUser) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO users (username, display_name, name_folded, password_hash, role, \
             province_id, commune_id, unit_id, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING id",
        )
        .bind(new.username.to_lowercase())
        .bind(&new.display_name)
        .bind(fold(&new.display_name))
        .bind(&new.password_hash)
        .bind(new.role.code())
        .bind(new.province_id)
        .bind(new.commune_id)
        .bind(new.unit_id)
        .bind(now())
        .fetch_one(self.c())
        .await?)
    }

    /// Replaces a password hash and ends every session of the user (sign-out everywhere).
    pub async fn set_password(&mut self, user_id: i64, password_hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(self.c())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Enables or disables an account; disabling ends its sessions.
    pub async fn set_user_active(&mut self, user_id: i64, active: bool) -> Result<()> {
        sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(user_id)
            .execute(self.c())
            .await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(self.c())
                .await?;
        }
        Ok(())
    }
}
