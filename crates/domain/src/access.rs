//! Who may do what: roles and the deny-by-default permission rules of DESIGN.md
//! ("a commune's data is visible to its own users and to its province's officers; unit staff
//! change only tasks their unit leads or partners in").
//!
//! Every check takes the [`Actor`] and the tenancy of the object ([`CommuneScope`]); a check
//! that is not listed here is denied. The web layer asks these functions and nothing else.

use serde::{Deserialize, Serialize};

/// The six roles of issue 4, stored by their [`Role::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    ProvinceOfficer,
    CommuneLeader,
    CommuneOffice,
    UnitStaff,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::ProvinceOfficer,
        Role::CommuneLeader,
        Role::CommuneOffice,
        Role::UnitStaff,
        Role::Viewer,
    ];

    /// The stable code stored in the database (`users.role`).
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::ProvinceOfficer => "province_officer",
            Role::CommuneLeader => "commune_leader",
            Role::CommuneOffice => "commune_office",
            Role::UnitStaff => "unit_staff",
            Role::Viewer => "viewer",
        }
    }

    /// `None` for a code that is not one of [`Role::code`].
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The name an official reads in the UI.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị hệ thống",
            Role::ProvinceOfficer => "Cán bộ Sở Ngoại vụ",
            Role::CommuneLeader => "Lãnh đạo UBND xã",
            Role::CommuneOffice => "Văn phòng HĐND và UBND (đầu mối đối ngoại)",
            Role::UnitStaff => "Cán bộ đơn vị",
            Role::Viewer => "Người xem",
        }
    }

    /// What a user of this role must be attached to: a province, a commune, or a unit.
    pub fn needs(self) -> Attachment {
        match self {
            Role::Admin => Attachment::Nothing,
            Role::ProvinceOfficer => Attachment::Province,
            Role::CommuneLeader | Role::CommuneOffice | Role::Viewer => Attachment::Commune,
            Role::UnitStaff => Attachment::Unit,
        }
    }
}

/// The organisational node a role is bound to (see [`Role::needs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attachment {
    Nothing,
    Province,
    Commune,
    Unit,
}

/// The signed-in user as the permission rules see them. `commune_id` is set for commune
/// roles and unit staff; `province_id` for province officers and (derived) for commune users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    pub province_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub unit_id: Option<i64>,
}

/// The tenancy of an object: the commune that owns it and that commune's province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommuneScope {
    pub commune_id: i64,
    pub province_id: i64,
}

impl Actor {
    fn is_member_of(&self, scope: CommuneScope) -> bool {
        self.commune_id == Some(scope.commune_id)
    }

    /// Read access to a commune's plans, tasks, progress and dashboard.
    pub fn can_view_commune(&self, scope: CommuneScope) -> bool {
        match self.role {
            Role::Admin => true,
            Role::ProvinceOfficer => self.province_id == Some(scope.province_id),
            Role::CommuneLeader | Role::CommuneOffice | Role::UnitStaff | Role::Viewer => {
                self.is_member_of(scope)
            }
        }
    }

    /// Read access to the overview of a whole province (its communes side by side).
    pub fn can_view_province(&self, province_id: i64) -> bool {
        match self.role {
            Role::Admin => true,
            Role::ProvinceOfficer => self.province_id == Some(province_id),
            _ => false,
        }
    }

    /// Create, import, edit and submit plans, and edit their sections and tasks. The commune
    /// office drafts; the leader may too.
    pub fn can_edit_plans(&self, scope: CommuneScope) -> bool {
        matches!(self.role, Role::CommuneOffice | Role::CommuneLeader) && self.is_member_of(scope)
    }

    /// Mark a submitted plan issued (number, date, signed file) — the leader signs.
    pub fn can_issue_plans(&self, scope: CommuneScope) -> bool {
        matches!(self.role, Role::CommuneLeader | Role::CommuneOffice) && self.is_member_of(scope)
    }

    /// Record progress on a task. Unit staff only on tasks their unit leads or partners in;
    /// the commune office and leader on any task of their commune.
    pub fn can_update_task(
        &self,
        scope: CommuneScope,
        lead: Option<i64>,
        partners: &[i64],
    ) -> bool {
        match self.role {
            Role::CommuneOffice | Role::CommuneLeader => self.is_member_of(scope),
            Role::UnitStaff => {
                self.is_member_of(scope)
                    && self
                        .unit_id
                        .is_some_and(|u| lead == Some(u) || partners.contains(&u))
            }
            Role::Admin | Role::ProvinceOfficer | Role::Viewer => false,
        }
    }

    /// Edit the commune's unit list.
    pub fn can_manage_units(&self, scope: CommuneScope) -> bool {
        match self.role {
            Role::Admin => true,
            Role::CommuneOffice => self.is_member_of(scope),
            _ => false,
        }
    }

    /// Manage provinces, communes and users.
    pub fn can_manage_organisation(&self) -> bool {
        self.role == Role::Admin
    }

    /// Draft, edit and send the commune's reports: the commune office drafts, the leader
    /// may too (the report goes out over the leader's signature).
    pub fn can_write_reports(&self, scope: CommuneScope) -> bool {
        self.can_edit_plans(scope)
    }

    /// Return or accept the reports of a province's communes: the province's officers (the
    /// Sở Ngoại vụ receives them); not the administrator, who runs the system.
    pub fn can_review_reports(&self, province_id: i64) -> bool {
        self.role == Role::ProvinceOfficer && self.province_id == Some(province_id)
    }

    /// Set a province's report regimes: its officers, and the administrator.
    pub fn can_manage_regimes(&self, province_id: i64) -> bool {
        match self.role {
            Role::Admin => true,
            Role::ProvinceOfficer => self.province_id == Some(province_id),
            _ => false,
        }
    }

    /// Record and change entries of the commune's registers. The commune office and leader
    /// on any entry; unit staff on the entries their unit owns (an entry they record is
    /// owned by their unit).
    pub fn can_record_entries(&self, scope: CommuneScope, owner_unit: Option<i64>) -> bool {
        match self.role {
            Role::CommuneOffice | Role::CommuneLeader => self.is_member_of(scope),
            Role::UnitStaff => {
                self.is_member_of(scope) && self.unit_id.is_some() && self.unit_id == owner_unit
            }
            Role::Admin | Role::ProvinceOfficer | Role::Viewer => false,
        }
    }

    /// See the personal fields of a register entry (Luật 91/2025/QH15: only the roles the
    /// state-management task needs): the commune office and leader, the province's
    /// officers, unit staff on the entries their unit owns; never viewers, nor the
    /// administrator, who runs the system and does not need the data.
    pub fn can_see_personal(&self, scope: CommuneScope, owner_unit: Option<i64>) -> bool {
        match self.role {
            Role::CommuneOffice | Role::CommuneLeader => self.is_member_of(scope),
            Role::ProvinceOfficer => self.province_id == Some(scope.province_id),
            Role::UnitStaff => {
                self.is_member_of(scope) && self.unit_id.is_some() && self.unit_id == owner_unit
            }
            Role::Admin | Role::Viewer => false,
        }
    }

    /// Read the log of who read or exported personal data: the commune's leader and the
    /// administrators.
    pub fn can_view_personal_log(&self, scope: CommuneScope) -> bool {
        match self.role {
            Role::Admin => true,
            Role::CommuneLeader => self.is_member_of(scope),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: CommuneScope = CommuneScope {
        commune_id: 10,
        province_id: 1,
    };
    const NEIGHBOUR: CommuneScope = CommuneScope {
        commune_id: 11,
        province_id: 1,
    };
    const ELSEWHERE: CommuneScope = CommuneScope {
        commune_id: 20,
        province_id: 2,
    };

    fn actor(role: Role, unit: Option<i64>) -> Actor {
        let (province_id, commune_id) = match role {
            Role::Admin => (None, None),
            Role::ProvinceOfficer => (Some(1), None),
            _ => (Some(1), Some(10)),
        };
        Actor {
            user_id: 1,
            role,
            province_id,
            commune_id,
            unit_id: unit,
        }
    }

    #[test]
    fn role_codes_round_trip_and_unknown_codes_are_refused() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn commune_users_see_only_their_own_commune() {
        for role in [
            Role::CommuneLeader,
            Role::CommuneOffice,
            Role::UnitStaff,
            Role::Viewer,
        ] {
            let a = actor(role, Some(5));
            assert!(a.can_view_commune(HOME), "{role:?}");
            assert!(!a.can_view_commune(NEIGHBOUR), "{role:?}");
            assert!(!a.can_view_commune(ELSEWHERE), "{role:?}");
        }
    }

    #[test]
    fn province_officers_see_every_commune_of_their_province_and_change_nothing() {
        let a = actor(Role::ProvinceOfficer, None);
        assert!(a.can_view_commune(HOME) && a.can_view_commune(NEIGHBOUR));
        assert!(!a.can_view_commune(ELSEWHERE));
        assert!(a.can_view_province(1) && !a.can_view_province(2));
        assert!(!a.can_edit_plans(HOME));
        assert!(!a.can_update_task(HOME, Some(5), &[]));
    }

    #[test]
    fn unit_staff_update_only_tasks_their_unit_leads_or_partners_in() {
        let a = actor(Role::UnitStaff, Some(5));
        assert!(a.can_update_task(HOME, Some(5), &[]));
        assert!(a.can_update_task(HOME, Some(6), &[7, 5]));
        assert!(!a.can_update_task(HOME, Some(6), &[7]));
        assert!(!a.can_update_task(HOME, None, &[]));
        assert!(!a.can_update_task(NEIGHBOUR, Some(5), &[]));
        assert!(!a.can_edit_plans(HOME));
    }

    #[test]
    fn viewers_change_nothing() {
        let a = actor(Role::Viewer, None);
        assert!(!a.can_edit_plans(HOME));
        assert!(!a.can_update_task(HOME, Some(5), &[5]));
        assert!(!a.can_manage_units(HOME));
    }

    #[test]
    fn personal_data_is_seen_by_the_office_the_leader_the_province_and_the_owning_unit_only() {
        let owner = Some(5);
        for (role, unit, sees) in [
            (Role::CommuneOffice, None, true),
            (Role::CommuneLeader, None, true),
            (Role::ProvinceOfficer, None, true),
            (Role::UnitStaff, Some(5), true),
            (Role::UnitStaff, Some(6), false),
            (Role::Viewer, None, false),
            (Role::Admin, None, false),
        ] {
            let a = actor(role, unit);
            assert_eq!(a.can_see_personal(HOME, owner), sees, "{role:?} {unit:?}");
            assert!(!a.can_see_personal(ELSEWHERE, owner), "{role:?}");
        }
        assert!(!actor(Role::CommuneOffice, None).can_see_personal(NEIGHBOUR, owner));
        assert!(!actor(Role::UnitStaff, None).can_see_personal(HOME, None));
    }

    #[test]
    fn entries_are_recorded_by_the_office_the_leader_and_the_owning_unit() {
        assert!(actor(Role::CommuneOffice, None).can_record_entries(HOME, None));
        assert!(actor(Role::UnitStaff, Some(5)).can_record_entries(HOME, Some(5)));
        assert!(!actor(Role::UnitStaff, Some(5)).can_record_entries(HOME, Some(6)));
        assert!(!actor(Role::ProvinceOfficer, None).can_record_entries(HOME, None));
        assert!(!actor(Role::Viewer, None).can_record_entries(HOME, None));
        assert!(!actor(Role::CommuneLeader, None).can_record_entries(NEIGHBOUR, None));
        assert!(actor(Role::CommuneLeader, None).can_view_personal_log(HOME));
        assert!(!actor(Role::CommuneOffice, None).can_view_personal_log(HOME));
        assert!(actor(Role::Admin, None).can_view_personal_log(ELSEWHERE));
    }

    #[test]
    fn only_the_commune_office_of_the_commune_and_admins_manage_its_units() {
        assert!(actor(Role::CommuneOffice, None).can_manage_units(HOME));
        assert!(!actor(Role::CommuneOffice, None).can_manage_units(NEIGHBOUR));
        assert!(actor(Role::Admin, None).can_manage_units(ELSEWHERE));
        assert!(!actor(Role::CommuneLeader, None).can_manage_units(HOME));
    }
}
