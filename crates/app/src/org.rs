//! The organisation: provinces, communes with their units, and accounts.

use domain::access::{Attachment, Role};
use domain::audit::{AccountState, AuditEvent, UnitState};
use domain::names::{NewPassword, PersonName, PlaceName, UnitName, Username};
use domain::org::CommuneKind;
use store::{
    Commune, NewUser, Object, Page, PageRequest, Province, Unit, UnitSort, User, UserFilter,
    UserRow, UserSort,
};

use crate::history::{HistoryRow, history_rows};
use crate::{App, Error, RequestKey, Result, begin};

/// Who acts on the organisation: a signed-in user, or the operator at the server's console
/// (`doingoai user add`, the demo), who needs no account.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    User(&'a User),
    Operator,
}

impl Who<'_> {
    fn id(self) -> Option<i64> {
        match self {
            Who::User(u) => Some(u.id),
            Who::Operator => None,
        }
    }

    fn may_manage_organisation(self) -> bool {
        match self {
            Who::User(u) => u.actor().can_manage_organisation(),
            Who::Operator => true,
        }
    }

    fn key_owner(self) -> i64 {
        self.id().unwrap_or(0)
    }
}

/// A new account's password: as typed (checked and hashed here), or already hashed.
#[derive(Debug, Clone)]
pub enum Password {
    Typed(String),
    Hashed(crate::auth::HashedPassword),
}

impl Default for Password {
    fn default() -> Password {
        Password::Typed(String::new())
    }
}

/// An account to make, as typed.
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub password: Password,
    pub role: Option<Role>,
    pub province_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub unit_id: Option<i64>,
}

/// The unit page of a commune.
#[derive(Debug)]
pub struct UnitsView {
    pub commune: Commune,
    pub units: Page<Unit>,
    pub history: Page<HistoryRow>,
}

/// The accounts page.
#[derive(Debug)]
pub struct UsersView {
    pub users: Page<UserRow>,
    pub provinces: Vec<Province>,
    pub communes: Vec<Commune>,
    /// (unit id, unit name, commune name).
    pub units: Vec<(i64, String, String)>,
    pub history: Page<HistoryRow>,
}

/// The organisation page.
#[derive(Debug)]
pub struct OrgView {
    pub provinces: Vec<Province>,
    pub communes: Vec<Commune>,
    pub history: Page<HistoryRow>,
    /// The communes in border areas.
    pub border: std::collections::HashSet<i64>,
    /// Province → days for an after-trip report.
    pub trip_report_days: std::collections::HashMap<i64, i64>,
}

/// A commune of a picker, with its province's name.
#[derive(Debug, Clone)]
pub struct CommuneChoice {
    pub commune: Commune,
    pub province: String,
}

/// The default units of a new commune (the list shipped with `lint`), adapted to its kind:
/// a phường's police is "Công an phường".
pub fn default_units(kind: CommuneKind) -> Vec<String> {
    lint::Units::builtin()
        .iter()
        .map(|u| u.name.replace(" xã", &format!(" {}", kind.word())))
        .collect()
}

impl App {
    /// The commune a commune page is about: the user's own, or — for province officers
    /// and administrators — the one asked for, when they may see it. `Ok(None)` when the
    /// user belongs to no commune and asked for none (the page offers a commune picker).
    pub async fn commune_in_view(
        &self,
        user: &User,
        requested: Option<i64>,
    ) -> Result<Option<Commune>> {
        let id = match (user.commune_id, requested) {
            (_, Some(r)) => r,
            (Some(own), None) => own,
            (None, None) => return Ok(None),
        };
        let commune = self.read().await?.commune(id).await?;
        if !user.actor().can_view_commune(commune.scope()) {
            return Err(Error::Forbidden);
        }
        Ok(Some(commune))
    }

    /// The communes a province officer or administrator may open, by province and name.
    pub async fn communes_for(&self, user: &User) -> Result<Vec<CommuneChoice>> {
        let mut db = self.read().await?;
        let provinces = db.provinces().await?;
        let communes = match (user.role, user.province_id) {
            (Role::Admin, _) => db.all_communes().await?,
            (Role::ProvinceOfficer, Some(p)) => db.communes_of(p).await?,
            _ => Vec::new(),
        };
        Ok(communes
            .into_iter()
            .filter(|c| user.actor().can_view_commune(c.scope()))
            .map(|c| CommuneChoice {
                province: provinces
                    .iter()
                    .find(|p| p.id == c.province_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                commune: c,
            })
            .collect())
    }

    pub async fn create_province(
        &self,
        who: Who<'_>,
        name: &str,
        key: Option<&RequestKey>,
    ) -> Result<Province> {
        if !who.may_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let name = PlaceName::parse(name)?;
        let mut w = begin!(self, who.key_owner(), key);
        let p = w.tx.create_province(name.as_str()).await?;
        w.tx.record(
            who.id(),
            None,
            Object::Province(p.id),
            &AuditEvent::ProvinceCreated {
                name: p.name.clone(),
            },
        )
        .await?;
        w.finish(&p).await?;
        Ok(p)
    }

    /// A commune with the default unit list (editable afterwards), in one unit of work.
    pub async fn create_commune(
        &self,
        who: Who<'_>,
        province_id: i64,
        name: &str,
        kind: CommuneKind,
        key: Option<&RequestKey>,
    ) -> Result<Commune> {
        if !who.may_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let name = PlaceName::parse(name)?;
        let mut w = begin!(self, who.key_owner(), key);
        w.tx.province(province_id)
            .await
            .map_err(|_| Error::invalid("province", "Vui lòng chọn tỉnh, thành phố."))?;
        let c =
            w.tx.create_commune(province_id, name.as_str(), kind)
                .await?;
        let units = default_units(kind);
        for u in &units {
            w.tx.create_unit(c.id, u).await?;
        }
        w.tx.record(
            who.id(),
            Some(c.id),
            Object::Commune(c.id),
            &AuditEvent::CommuneCreated {
                name: c.name.clone(),
                kind,
                units: units.len(),
            },
        )
        .await?;
        w.finish(&c).await?;
        Ok(c)
    }

    /// The unit page of a commune: a page of its units, filtered and sorted in SQL, and the
    /// history of its units.
    pub async fn units_view(
        &self,
        user: &User,
        commune_id: Option<i64>,
        query: &str,
        sort: UnitSort,
        page: Option<PageRequest>,
    ) -> Result<UnitsView> {
        let commune = self.managed_commune(user, commune_id).await?;
        let mut db = self.read().await?;
        let units = db.units_page(commune.id, query, sort, page).await?;
        let history = db
            .history_of_kind("unit", Some(commune.id), PageRequest::first())
            .await?;
        Ok(UnitsView {
            history: history_rows(&mut db, history).await?,
            units,
            commune,
        })
    }

    async fn managed_commune(&self, user: &User, id: Option<i64>) -> Result<Commune> {
        let c = self
            .commune_in_view(user, id)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        if !user.actor().can_manage_units(c.scope()) {
            return Err(Error::Forbidden);
        }
        Ok(c)
    }

    /// Adds a unit to a commune's list.
    pub async fn add_unit(
        &self,
        user: &User,
        commune_id: Option<i64>,
        name: &str,
        key: Option<&RequestKey>,
    ) -> Result<Unit> {
        let commune = self.managed_commune(user, commune_id).await?;
        let name = UnitName::parse(name)?;
        let mut w = begin!(self, user.id, key);
        let unit = w.tx.create_unit(commune.id, name.as_str()).await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Unit(unit.id),
            &AuditEvent::UnitCreated {
                unit: UnitState {
                    name: unit.name.clone(),
                    active: true,
                },
            },
        )
        .await?;
        w.finish(&unit).await?;
        Ok(unit)
    }

    /// Renames or (de)activates a unit; units are never deleted (tasks refer to them).
    pub async fn update_unit(
        &self,
        user: &User,
        unit_id: i64,
        name: &str,
        active: bool,
        key: Option<&RequestKey>,
    ) -> Result<Unit> {
        let unit = self.read().await?.unit(unit_id).await?;
        let commune = self.managed_commune(user, Some(unit.commune_id)).await?;
        let name = UnitName::parse(name)?;
        let mut w = begin!(self, user.id, key);
        let before = w.tx.unit(unit_id).await?;
        w.tx.update_unit(unit_id, name.as_str(), active).await?;
        w.tx.record(
            Some(user.id),
            Some(commune.id),
            Object::Unit(unit_id),
            &AuditEvent::UnitChanged {
                before: UnitState {
                    name: before.name.clone(),
                    active: before.is_active(),
                },
                after: UnitState {
                    name: name.as_str().to_string(),
                    active,
                },
            },
        )
        .await?;
        let after = Unit {
            name: name.as_str().to_string(),
            active: i64::from(active),
            ..before
        };
        w.finish(&after).await?;
        Ok(after)
    }

    /// The accounts page (administrators): a page of the accounts, filtered and sorted in
    /// SQL, with where each belongs, the choices of the form and the history.
    pub async fn users_view(
        &self,
        admin: &User,
        filter: &UserFilter,
        sort: UserSort,
        page: Option<PageRequest>,
    ) -> Result<UsersView> {
        if !admin.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let mut db = self.read().await?;
        let users = db.users_page(filter, sort, page).await?;
        let history = db
            .history_of_kind("user", None, PageRequest::first())
            .await?;
        Ok(UsersView {
            users,
            provinces: db.provinces().await?,
            communes: db.all_communes().await?,
            units: db.units_with_communes(None).await?,
            history: history_rows(&mut db, history).await?,
        })
    }

    /// Makes an account. Each role belongs somewhere ([`Role::needs`]): a province, a
    /// commune or a unit, which must exist; unit staff belong to their unit's commune.
    pub async fn create_account(
        &self,
        who: Who<'_>,
        new: &NewAccount,
        key: Option<&RequestKey>,
    ) -> Result<i64> {
        if !who.may_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let username = Username::parse(&new.username)?;
        let display_name = PersonName::parse(&new.display_name)?;
        let role = new.role.ok_or_else(|| {
            Error::invalid_en("role", "Vui lòng chọn vai trò.", "a role is needed")
        })?;
        let hash = match &new.password {
            Password::Typed(p) => crate::auth::hash_password(NewPassword::parse(p)?).await?,
            Password::Hashed(h) => h.clone(),
        };
        let mut w = begin!(self, who.key_owner(), key);
        let mut row = NewUser {
            username: username.as_str().to_string(),
            display_name: display_name.as_str().to_string(),
            password_hash: hash.as_str().to_string(),
            role,
            province_id: None,
            commune_id: None,
            unit_id: None,
        };
        let place = match role.needs() {
            Attachment::Nothing => "Toàn hệ thống".to_string(),
            Attachment::Province => {
                let p = match new.province_id {
                    Some(p) => w.tx.province(p).await.ok(),
                    None => None,
                }
                .ok_or_else(|| {
                    Error::invalid_en(
                        "province",
                        "Cán bộ Sở Ngoại vụ phải thuộc một tỉnh.",
                        "this role needs an existing province (--province)",
                    )
                })?;
                row.province_id = Some(p.id);
                p.name
            }
            Attachment::Commune => {
                let c = match new.commune_id {
                    Some(c) => w.tx.commune(c).await.ok(),
                    None => None,
                }
                .ok_or_else(|| {
                    Error::invalid_en(
                        "commune",
                        "Vai trò này phải thuộc một xã, phường.",
                        "this role needs an existing commune (--commune)",
                    )
                })?;
                row.commune_id = Some(c.id);
                crate::format::capitalise(&c.full_name())
            }
            Attachment::Unit => {
                let u = match new.unit_id {
                    Some(u) => w.tx.unit(u).await.ok(),
                    None => None,
                }
                .ok_or_else(|| {
                    Error::invalid_en(
                        "unit",
                        "Cán bộ đơn vị phải thuộc một đơn vị.",
                        "unit staff need an existing unit (--unit)",
                    )
                })?;
                let c = w.tx.commune(u.commune_id).await?;
                row.unit_id = Some(u.id);
                row.commune_id = Some(c.id);
                format!("{}, {}", u.name, c.full_name())
            }
        };
        let id = w.tx.create_user(&row).await?;
        w.tx.record(
            who.id(),
            row.commune_id,
            Object::User(id),
            &AuditEvent::AccountCreated {
                account: AccountState {
                    username: row.username.clone(),
                    display_name: row.display_name.clone(),
                    role,
                    place,
                },
            },
        )
        .await?;
        w.finish(&id).await?;
        Ok(id)
    }

    /// Locks or unlocks an account (locking ends its sessions). An administrator cannot
    /// lock their own account.
    pub async fn set_account_active(
        &self,
        admin: &User,
        user_id: i64,
        active: bool,
        key: Option<&RequestKey>,
    ) -> Result<()> {
        if !admin.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        if user_id == admin.id {
            return Err(Error::invalid(
                "active",
                "Không thể tự khóa tài khoản của mình.",
            ));
        }
        let mut w = begin!(self, admin.id, key);
        let target = w.tx.user(user_id).await?;
        w.tx.set_user_active(user_id, active).await?;
        w.tx.record(
            Some(admin.id),
            target.commune_id,
            Object::User(user_id),
            &AuditEvent::AccountActiveChanged { active },
        )
        .await?;
        w.finish(&()).await
    }

    /// The organisation page (administrators).
    pub async fn org_view(&self, admin: &User) -> Result<OrgView> {
        if !admin.actor().can_manage_organisation() {
            return Err(Error::Forbidden);
        }
        let mut db = self.read().await?;
        let mut history = db
            .history_of_kind("commune", None, PageRequest::first())
            .await?;
        let provinces = db
            .history_of_kind("province", None, PageRequest::first())
            .await?;
        history.rows.extend(provinces.rows);
        history.rows.sort_by_key(|h| std::cmp::Reverse(h.id));
        history.total += provinces.total;
        let (border, trip_report_days) = db.register_settings().await?;
        Ok(OrgView {
            provinces: db.provinces().await?,
            communes: db.all_communes().await?,
            history: history_rows(&mut db, history).await?,
            border: border.into_iter().collect(),
            trip_report_days: trip_report_days.into_iter().collect(),
        })
    }

    /// An account by id, for the operator at the console (generators act as the accounts
    /// they made).
    pub async fn account_for_operator(&self, _who: Who<'_>, id: i64) -> Result<User> {
        Ok(self.read().await?.user(id).await?)
    }

    /// The units of a commune the user may see (API).
    pub async fn units_of(&self, user: &User, commune_id: Option<i64>) -> Result<Vec<Unit>> {
        let c = self
            .commune_in_view(user, commune_id)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Thiếu tham số commune (mã xã, phường)."))?;
        Ok(self.read().await?.units_of(c.id).await?)
    }
}
