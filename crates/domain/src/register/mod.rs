//! The foreign-affairs registers (sổ theo dõi, `../shared/docs/registers-reports.md` §2):
//! what a commune records during the year. Each register is one [`Register`] definition —
//! its fields with their type, list of values, whether required and whether personal, its
//! states and allowed transitions, the dates that fall due, and the role each field plays
//! in the statistics — and that definition drives the store's columns, the forms and their
//! validation, the lists, the XLSX import and export, the API and the figures.
//!
//! Adding a register is one entry in [`defs`] (and, for a rule between fields that the
//! declarations cannot say, one function in its `check`).

mod countries;
mod defs;
mod due;
mod state;
mod value;

pub use countries::{Country, countries, country};
pub use due::{Due, DueRule, DueSettings, Lead};
pub use state::EntryState;
pub use value::{Entry, FieldError, Person, Value, grouped, parse_date, parse_money};

use serde::{Deserialize, Serialize};

/// The twelve registers, by their stable slug (issue 10: these slugs are a contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RegisterKind {
    #[serde(rename = "doan-ra")]
    DoanRa,
    #[serde(rename = "doan-vao")]
    DoanVao,
    #[serde(rename = "hoi-nghi")]
    HoiNghi,
    #[serde(rename = "phong-vien")]
    PhongVien,
    #[serde(rename = "vien-tro")]
    VienTro,
    #[serde(rename = "thoa-thuan")]
    ThoaThuan,
    #[serde(rename = "nguoi-nuoc-ngoai")]
    NguoiNuocNgoai,
    #[serde(rename = "cong-dan-nuoc-ngoai")]
    CongDanNuocNgoai,
    #[serde(rename = "vu-viec")]
    VuViec,
    #[serde(rename = "thong-tin")]
    ThongTin,
    #[serde(rename = "dao-tao")]
    DaoTao,
    #[serde(rename = "xuc-tien")]
    XucTien,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 12] = [
        RegisterKind::DoanRa,
        RegisterKind::DoanVao,
        RegisterKind::HoiNghi,
        RegisterKind::PhongVien,
        RegisterKind::VienTro,
        RegisterKind::ThoaThuan,
        RegisterKind::NguoiNuocNgoai,
        RegisterKind::CongDanNuocNgoai,
        RegisterKind::VuViec,
        RegisterKind::ThongTin,
        RegisterKind::DaoTao,
        RegisterKind::XucTien,
    ];

    /// The register's definition.
    pub fn def(self) -> &'static Register {
        defs::definition(self)
    }

    /// The stable slug (URLs, CLI `KIND`, API, `register_entries.register`).
    pub fn slug(self) -> &'static str {
        self.def().slug
    }

    /// The register of a slug; `None` for any other text.
    pub fn parse(slug: &str) -> Option<RegisterKind> {
        RegisterKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// How a field is typed, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line, at most 500 characters.
    Text,
    /// Several lines, at most 10,000 characters.
    LongText,
    /// A calendar date: "05/03/2026", "5/3/2026", an ISO date, or an Excel date cell.
    Date,
    /// A whole number of people or days, 0 to 1,000,000.
    Count,
    /// An amount in đồng, a whole number: "12500000" or "12.500.000".
    Money,
    /// A year (of birth, of leaving): 1900 to 2100.
    Year,
    /// One value of a list.
    Choice(&'static [Choice]),
    /// One country (ISO 3166-1, named in Vietnamese).
    Country,
    /// Countries in order (a delegation's route), separated by commas or semicolons.
    Countries,
    /// Yes or no.
    Flag,
    /// People, one per line, their columns separated by semicolons.
    People(&'static [&'static str]),
    /// Disbursements, one per line: "date; amount in đồng".
    Disbursements,
    /// A link: http:// or https://.
    Link,
}

/// One value of a list: its stable code, the label an officer reads, and other ways people
/// write it (matched without tones or case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub also: &'static [&'static str],
}

/// A field of a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Stable key (payload, API, form names).
    pub key: &'static str,
    /// The Vietnamese heading of the form label, the list column and the XLSX column.
    pub label: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// Personal data (Luật 91/2025/QH15): shown only to the roles that need it, every read
    /// logged, redacted in the audit trail, removed after the register's retention period.
    pub personal: bool,
    /// Required once the entry reaches this state or one after it (a permission decision
    /// once permitted, a report date once reported).
    pub needed_from: Option<EntryState>,
    /// Other headings this column has in the spreadsheets communes keep (XLSX import),
    /// matched without tones or case.
    pub also: &'static [&'static str],
}

impl Field {
    pub(crate) const fn new(key: &'static str, label: &'static str, ty: FieldType) -> Field {
        Field {
            key,
            label,
            ty,
            required: false,
            personal: false,
            needed_from: None,
            also: &[],
        }
    }
    pub(crate) const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub(crate) const fn personal(mut self) -> Field {
        self.personal = true;
        self
    }
    pub(crate) const fn needed_from(mut self, s: EntryState) -> Field {
        self.needed_from = Some(s);
        self
    }
    pub(crate) const fn also(mut self, names: &'static [&'static str]) -> Field {
        self.also = names;
        self
    }
}

/// Which field plays which part in the register's figures and dates (issue 10, point 5:
/// the window rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles {
    /// The date that puts an entry in a report window: departure (đoàn ra), arrival (đoàn
    /// vào), start (hội nghị), approval (viện trợ), signing (thỏa thuận)… `None`: the day
    /// the entry was recorded.
    pub window: Option<&'static str>,
    /// The date the activity ends (return, departure of the visitors, end).
    pub end: Option<&'static str>,
    /// The countries the entry is counted under (`by_country`).
    pub countries: Option<&'static str>,
    /// The number of people (số lượt người: `member_trips` is its sum).
    pub members: Option<&'static str>,
    /// The list of people (số người: `distinct_persons`).
    pub people: Option<&'static str>,
    /// The pledged value in đồng (`pledged_vnd`).
    pub pledged: Option<&'static str>,
    /// The disbursements (`disbursed_vnd`, by each disbursement's own date).
    pub disbursements: Option<&'static str>,
}

/// A register's definition.
#[derive(Debug)]
pub struct Register {
    pub kind: RegisterKind,
    pub slug: &'static str,
    /// "Đoàn ra (đoàn đi công tác nước ngoài)".
    pub name: &'static str,
    /// "Đoàn ra" (menus, headings).
    pub short: &'static str,
    /// What an entry is called in counts: "12 đoàn", "3 hội nghị".
    pub noun: &'static str,
    /// The legal basis, shown under the register's heading.
    pub basis: &'static str,
    pub fields: &'static [Field],
    /// The fields an entry is named by in lists, joined with " — " (non-personal first:
    /// someone who may not see personal data still reads a name).
    pub title: &'static [&'static str],
    /// The states in their order; the first is where an entry starts.
    pub states: &'static [EntryState],
    /// Allowed moves (from, to).
    pub transitions: &'static [(EntryState, EntryState)],
    /// The states whose entries are counted in the figures (what happened: a delegation
    /// counts once it left, not while planned; a cancelled one never).
    pub counted: &'static [EntryState],
    pub roles: Roles,
    pub due: &'static [DueRule],
    /// Rules between fields the declarations cannot say.
    pub check: fn(&Entry, EntryState) -> Vec<FieldError>,
    /// Only communes in border areas may keep it (Luật Thỏa thuận quốc tế 2020, art. 2.2.i).
    pub border_only: bool,
    /// The state of an entry imported from a spreadsheet without a state column: the
    /// first when its end (or its date) is before the day of the import — it happened —
    /// the second otherwise.
    pub imported: [EntryState; 2],
}

impl Register {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether the register holds any personal field.
    pub fn has_personal(&self) -> bool {
        self.fields.iter().any(|f| f.personal)
    }

    pub fn personal_fields(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|f| f.personal)
    }

    pub fn initial(&self) -> EntryState {
        self.states[0]
    }

    /// Whether an entry may move from `from` to `to`.
    pub fn can_move(&self, from: EntryState, to: EntryState) -> bool {
        self.transitions.contains(&(from, to))
    }

    /// The states an entry in `from` may move to, in the register's order.
    pub fn next_states(&self, from: EntryState) -> Vec<EntryState> {
        self.states
            .iter()
            .copied()
            .chain([EntryState::Cancelled, EntryState::Withdrawn])
            .filter(|to| self.can_move(from, *to))
            .collect()
    }

    /// Whether `state` is `target` or comes after it in the register's order (the
    /// cancelled and withdrawn states come after nothing).
    pub fn reached(&self, state: EntryState, target: EntryState) -> bool {
        let pos = |s| self.states.iter().position(|x| *x == s);
        matches!((pos(state), pos(target)), (Some(a), Some(b)) if a >= b)
    }

    /// The state of an imported entry without one ([`Register::imported`]).
    pub fn imported_state(&self, entry: &Entry, today: chrono::NaiveDate) -> EntryState {
        let happened = entry
            .end_date()
            .or(entry.window_date())
            .is_some_and(|d| d < today);
        self.imported[if happened { 0 } else { 1 }]
    }

    /// The fields a column heading names: its label, its label without the part in
    /// brackets, or one of its other names, compared without tones, case or punctuation.
    pub fn field_for_heading(&self, heading: &str) -> Option<&'static Field> {
        let h = heading_key(heading);
        if h.is_empty() {
            return None;
        }
        self.fields.iter().find(|f| {
            heading_key(f.label) == h
                || heading_key(f.label.split('(').next().unwrap_or("")) == h
                || f.also.iter().any(|a| heading_key(a) == h)
        })
    }

    pub fn is_counted(&self, state: EntryState) -> bool {
        self.counted.contains(&state)
    }
}

/// A heading as compared: folded, letters and digits only, single spaces.
pub fn heading_key(s: &str) -> String {
    vntext::fold_words(s)
}

#[cfg(test)]
mod tests;
