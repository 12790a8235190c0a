//! The values of a register entry, parsed once at the edge from what was typed (a form, a
//! spreadsheet cell, an API field: all arrive as text) by the field's [`FieldType`], and
//! kept in a canonical text form in the store, from which they parse back unchanged.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::countries::{Country, country};
use super::{EntryState, Field, FieldType, Register};

/// Why a field's value is refused: the field's key and the Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub key: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(key: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            key,
            message: message.into(),
        }
    }
}

/// One person of a list: the columns the field declares, in order (the first, the name,
/// is never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person(Vec<String>);

impl Person {
    pub fn columns(&self) -> &[String] {
        &self.0
    }
    pub fn name(&self) -> &str {
        &self.0[0]
    }
    /// What tells two people apart when counting distinct persons (số người): the name
    /// and the other columns, folded (no tones, no case, single spaces).
    pub fn identity(&self) -> String {
        self.0
            .iter()
            .map(|c| {
                vntext::fold(c)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// A parsed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    /// Counts, amounts in đồng, years.
    Int(i64),
    Choice(&'static super::Choice),
    Country(&'static Country),
    Countries(Vec<&'static Country>),
    Flag(bool),
    People(Vec<Person>),
    Disbursements(Vec<(NaiveDate, i64)>),
}

const TEXT_MAX: usize = 500;
const LONG_TEXT_MAX: usize = 10_000;
const PEOPLE_MAX: usize = 2_000;
const COUNT_MAX: i64 = 1_000_000;
/// 10^15 đồng: far above any commune's aid, far below i64.
const MONEY_MAX: i64 = 1_000_000_000_000_000;

fn vi_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// "12500000" → "12.500.000" (Vietnamese digit grouping, dots between thousands).
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A date as people write it: "05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026" (day
/// first) or ISO "2026-03-05". Years 1900 to 2100.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (n(parts[0])?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 {
        (n(parts[2])?, n(parts[1])?, n(parts[0])?)
    } else {
        return None;
    };
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// An amount in đồng as people write it: "12500000", "12.500.000", "12 500 000",
/// "12,500,000", with or without "đồng" / "đ" / "VND". Whole numbers only.
pub fn parse_money(s: &str) -> Option<i64> {
    let mut t = vntext::fold(s.trim());
    for suffix in ["dong", "vnd", "d"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim_end().to_string();
            break;
        }
    }
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    // One kind of group separator, groups of three after the first.
    let sep = t.chars().find(|c| matches!(c, '.' | ',' | ' '));
    let digits: String = match sep {
        None => t.to_string(),
        Some(sep) => {
            let groups: Vec<&str> = t.split(sep).collect();
            let ok = groups[0].len() <= 3
                && !groups[0].is_empty()
                && groups[1..].iter().all(|g| g.len() == 3);
            if !ok {
                return None;
            }
            groups.concat()
        }
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 16 {
        return None;
    }
    digits.parse().ok().filter(|v| *v <= MONEY_MAX)
}

fn parse_flag(s: &str) -> Option<bool> {
    match vntext::fold(s.trim()).as_str() {
        "" | "khong" | "0" | "false" | "no" | "k" => Some(false),
        "co" | "x" | "1" | "true" | "on" | "yes" => Some(true),
        _ => None,
    }
}

fn clean(s: &str) -> String {
    vntext::clean(s).trim().to_string()
}

fn folded(s: &str) -> String {
    vntext::fold(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of a list a text names: its code, its label or one of its other names,
/// without tones or case.
fn choice(list: &'static [super::Choice], s: &str) -> Option<&'static super::Choice> {
    let f = folded(s);
    list.iter().find(|c| {
        c.code == s.trim() || folded(c.label) == f || c.also.iter().any(|a| folded(a) == f)
    })
}

impl Value {
    /// Parses what was typed for `field`; `Ok(None)` for an empty field.
    pub fn parse(field: &'static Field, raw: &str) -> Result<Option<Value>, FieldError> {
        let s = clean(raw);
        if s.is_empty() {
            return Ok(None);
        }
        let err = |m: String| FieldError::new(field.key, m);
        let label = field.label;
        let v = match field.ty {
            FieldType::Text => {
                let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if one_line.chars().count() > TEXT_MAX {
                    return Err(err(format!("{label}: quá dài (tối đa {TEXT_MAX} ký tự).")));
                }
                Value::Text(one_line)
            }
            FieldType::LongText => {
                if s.chars().count() > LONG_TEXT_MAX {
                    return Err(err(format!("{label}: quá dài (tối đa 10.000 ký tự).")));
                }
                Value::Text(s)
            }
            FieldType::Link => {
                let ok = (s.starts_with("https://") || s.starts_with("http://"))
                    && s.len() <= 2_000
                    && !s.chars().any(char::is_whitespace);
                if !ok {
                    return Err(err(format!(
                        "{label}: đường dẫn phải bắt đầu bằng http:// hoặc https:// (tối đa \
                         2.000 ký tự)."
                    )));
                }
                Value::Text(s)
            }
            FieldType::Date => Value::Date(parse_date(&s).ok_or_else(|| {
                err(format!(
                    "{label}: “{s}” không phải là ngày (ghi theo dạng ngày/tháng/năm, ví dụ \
                     05/03/2026)."
                ))
            })?),
            FieldType::Count => {
                let n = s
                    .replace('.', "")
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=COUNT_MAX).contains(n));
                Value::Int(n.ok_or_else(|| {
                    err(format!("{label}: “{s}” không phải là số nguyên không âm."))
                })?)
            }
            FieldType::Money => Value::Int(parse_money(&s).ok_or_else(|| {
                err(format!(
                    "{label}: “{s}” không phải là số tiền (ghi số đồng, ví dụ 12.500.000)."
                ))
            })?),
            FieldType::Year => {
                let y = s.parse::<i64>().ok().filter(|y| (1900..=2100).contains(y));
                Value::Int(y.ok_or_else(|| {
                    err(format!(
                        "{label}: “{s}” không phải là năm (từ 1900 đến 2100)."
                    ))
                })?)
            }
            FieldType::Choice(list) => Value::Choice(choice(list, &s).ok_or_else(|| {
                let names: Vec<&str> = list.iter().map(|c| c.label).collect();
                err(format!(
                    "{label}: “{s}” không có trong danh mục (chọn một trong: {}).",
                    names.join("; ")
                ))
            })?),
            FieldType::Country => Value::Country(country(&s).ok_or_else(|| {
                err(format!(
                    "{label}: không tìm thấy quốc gia “{s}” trong danh mục."
                ))
            })?),
            FieldType::Countries => {
                let mut out: Vec<&'static Country> = Vec::new();
                for part in s
                    .split([',', ';', '\n'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    let c = country(part).ok_or_else(|| {
                        err(format!(
                            "{label}: không tìm thấy quốc gia “{part}” trong danh mục."
                        ))
                    })?;
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                Value::Countries(out)
            }
            FieldType::Flag => Value::Flag(
                parse_flag(&s).ok_or_else(|| err(format!("{label}: ghi “có” hoặc “không”.")))?,
            ),
            FieldType::People(columns) => {
                let mut people = Vec::new();
                for (i, line) in s
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .enumerate()
                {
                    let mut cols: Vec<String> = line
                        .split([';', '\t', '|'])
                        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                        .collect();
                    if cols.len() > columns.len() {
                        return Err(err(format!(
                            "{label}, dòng {}: có {} cột, danh sách chỉ có {} cột ({}), cách \
                             nhau bởi dấu chấm phẩy.",
                            i + 1,
                            cols.len(),
                            columns.len(),
                            columns.join("; ")
                        )));
                    }
                    cols.resize(columns.len(), String::new());
                    if cols[0].is_empty() {
                        return Err(err(format!("{label}, dòng {}: thiếu họ tên.", i + 1)));
                    }
                    if cols.iter().any(|c| c.chars().count() > 200) {
                        return Err(err(format!(
                            "{label}, dòng {}: một cột quá dài (tối đa 200 ký tự).",
                            i + 1
                        )));
                    }
                    people.push(Person(cols));
                }
                if people.len() > PEOPLE_MAX {
                    return Err(err(format!("{label}: tối đa {PEOPLE_MAX} người.")));
                }
                Value::People(people)
            }
            FieldType::Disbursements => {
                let mut rows = Vec::new();
                for (i, line) in s
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .enumerate()
                {
                    let (d, a) = line.split_once([';', '\t', '|']).unwrap_or((line, ""));
                    let bad = || {
                        err(format!(
                            "{label}, dòng {}: ghi “ngày/tháng/năm; số tiền”, ví dụ \
                             “15/04/2026; 250.000.000”.",
                            i + 1
                        ))
                    };
                    let date = parse_date(d).ok_or_else(bad)?;
                    let amount = parse_money(a).ok_or_else(bad)?;
                    rows.push((date, amount));
                }
                if rows.len() > PEOPLE_MAX {
                    return Err(err(format!("{label}: tối đa {PEOPLE_MAX} dòng.")));
                }
                Value::Disbursements(rows)
            }
        };
        Ok(Some(v))
    }

    /// The canonical text kept in the store; [`Value::parse`] reads it back unchanged.
    pub fn stored(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Choice(c) => c.code.to_string(),
            Value::Country(c) => c.alpha2.to_string(),
            Value::Countries(cs) => cs.iter().map(|c| c.alpha2).collect::<Vec<_>>().join(", "),
            Value::Flag(b) => if *b { "có" } else { "không" }.to_string(),
            Value::People(p) => p
                .iter()
                .map(|p| p.0.join("; "))
                .collect::<Vec<_>>()
                .join("\n"),
            Value::Disbursements(rows) => rows
                .iter()
                .map(|(d, a)| format!("{d}; {a}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The value as a page, a table cell or a history line shows it: dates day first,
    /// amounts grouped with dots, list values and countries by their Vietnamese names.
    pub fn shown(&self, ty: FieldType) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Date(d) => vi_date(*d),
            Value::Int(n) => match ty {
                FieldType::Year => n.to_string(),
                _ => grouped(*n),
            },
            Value::Choice(c) => c.label.to_string(),
            Value::Country(c) => c.name.to_string(),
            Value::Countries(cs) => cs.iter().map(|c| c.name).collect::<Vec<_>>().join(", "),
            Value::Flag(b) => if *b { "Có" } else { "Không" }.to_string(),
            Value::People(p) => p
                .iter()
                .map(|p| {
                    p.0.iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Value::Disbursements(rows) => rows
                .iter()
                .map(|(d, a)| format!("{}; {}", vi_date(*d), grouped(*a)))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The value in a form's input: what [`Value::parse`] accepts again, written as an
    /// officer would type it (dates day first, countries by name).
    pub fn typed(&self, ty: FieldType) -> String {
        match self {
            Value::Choice(c) => c.code.to_string(),
            Value::Date(d) => vi_date(*d),
            Value::Int(n) => n.to_string(),
            Value::Disbursements(rows) => rows
                .iter()
                .map(|(d, a)| format!("{}; {}", vi_date(*d), grouped(*a)))
                .collect::<Vec<_>>()
                .join("\n"),
            Value::People(p) => p
                .iter()
                .map(|p| p.0.join("; ").trim_end_matches([';', ' ']).to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            other => other.shown(ty),
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_flag(&self) -> bool {
        matches!(self, Value::Flag(true))
    }
    /// The countries of a country or country-list value, in order.
    pub fn countries(&self) -> Vec<&'static Country> {
        match self {
            Value::Country(c) => vec![c],
            Value::Countries(cs) => cs.clone(),
            _ => Vec::new(),
        }
    }
}

/// An entry's values, parsed and checked against its register: every value typed by its
/// field, every required field present, the register's own rules kept.
#[derive(Debug, Clone)]
pub struct Entry {
    register: &'static Register,
    values: BTreeMap<&'static str, Value>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.register.kind == other.register.kind && self.values == other.values
    }
}

impl Eq for Entry {}

impl Entry {
    /// Parses what was typed, field by field (`raw` maps keys to text; unknown keys are
    /// ignored), for an entry that is or will be in `state`. Every refused field is
    /// reported, not only the first, so a form or a spreadsheet row is corrected at once.
    pub fn parse(
        register: &'static Register,
        raw: &BTreeMap<String, String>,
        state: EntryState,
    ) -> Result<Entry, Vec<FieldError>> {
        let mut values = BTreeMap::new();
        let mut errors = Vec::new();
        for field in register.fields {
            match raw.get(field.key).map(|s| Value::parse(field, s)) {
                Some(Ok(Some(v))) => {
                    values.insert(field.key, v);
                }
                Some(Err(e)) => errors.push(e),
                Some(Ok(None)) | None => {
                    let needed = field.required
                        || field
                            .needed_from
                            .is_some_and(|s| register.reached(state, s));
                    if needed {
                        let when = match field.needed_from {
                            Some(s) if !field.required => {
                                format!(" khi ở trạng thái “{}”", s.label_vi())
                            }
                            _ => String::new(),
                        };
                        errors.push(FieldError::new(
                            field.key,
                            format!("Vui lòng nhập {}{when}.", lower_first(field.label)),
                        ));
                    }
                }
            }
        }
        let entry = Entry { register, values };
        if errors.is_empty() {
            errors.extend(entry.common_rules());
            errors.extend((register.check)(&entry, state));
        }
        if errors.is_empty() {
            Ok(entry)
        } else {
            Err(errors)
        }
    }

    /// Rules every register keeps: its end date is not before its start.
    fn common_rules(&self) -> Vec<FieldError> {
        let r = self.register;
        let (Some(start), Some(end)) = (r.roles.window, r.roles.end) else {
            return Vec::new();
        };
        match (self.date(start), self.date(end)) {
            (Some(a), Some(b)) if b < a => {
                let (fs, fe) = (r.field(start).unwrap(), r.field(end).unwrap());
                vec![FieldError::new(
                    fe.key,
                    format!(
                        "{} ({}) không được trước {} ({}).",
                        fe.label,
                        vi_date(b),
                        lower_first(fs.label),
                        vi_date(a)
                    ),
                )]
            }
            _ => Vec::new(),
        }
    }

    /// Reads an entry back from the store's canonical texts (public and personal payloads
    /// together). A value the store holds that no longer parses (a list value removed
    /// since) is kept as text rather than lost.
    pub fn from_stored(register: &'static Register, stored: &BTreeMap<String, String>) -> Entry {
        let mut values = BTreeMap::new();
        for field in register.fields {
            if let Some(s) = stored.get(field.key) {
                match Value::parse(field, s) {
                    Ok(Some(v)) => {
                        values.insert(field.key, v);
                    }
                    Ok(None) => {}
                    Err(_) => {
                        values.insert(field.key, Value::Text(s.clone()));
                    }
                }
            }
        }
        Entry { register, values }
    }

    pub fn register(&self) -> &'static Register {
        self.register
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }

    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        self.get(key).and_then(Value::as_date)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Value::as_int)
    }

    /// The canonical texts of the non-personal fields and of the personal ones, kept
    /// apart so that a list never reads the second and retention can drop it whole.
    pub fn stored(&self) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
        let mut public = BTreeMap::new();
        let mut personal = BTreeMap::new();
        for field in self.register.fields {
            if let Some(v) = self.values.get(field.key) {
                let side = if field.personal {
                    &mut personal
                } else {
                    &mut public
                };
                side.insert(field.key.to_string(), v.stored());
            }
        }
        (public, personal)
    }

    /// The value of `key` as shown (empty when absent).
    pub fn shown(&self, key: &str) -> String {
        match (self.register.field(key), self.values.get(key)) {
            (Some(f), Some(v)) => v.shown(f.ty),
            _ => String::new(),
        }
    }

    /// The name of the entry in a list: its title fields, without the personal ones when
    /// `personal` is false.
    pub fn title(&self, personal: bool) -> String {
        let parts: Vec<String> = self
            .register
            .title
            .iter()
            .filter(|k| personal || !self.register.field(k).is_some_and(|f| f.personal))
            .map(|k| self.shown(k))
            .filter(|s| !s.is_empty())
            .collect();
        parts.join(" — ")
    }

    /// The date that places the entry in a report window (`Roles::window`).
    pub fn window_date(&self) -> Option<NaiveDate> {
        self.register.roles.window.and_then(|k| self.date(k))
    }

    pub fn end_date(&self) -> Option<NaiveDate> {
        self.register.roles.end.and_then(|k| self.date(k))
    }

    /// The countries the entry counts under, in order.
    pub fn countries(&self) -> Vec<&'static Country> {
        self.register
            .roles
            .countries
            .and_then(|k| self.get(k))
            .map(Value::countries)
            .unwrap_or_default()
    }

    /// The number of people (số lượt người of one entry): the declared count, or the
    /// number of people listed when no count is given.
    pub fn members(&self) -> Option<i64> {
        let r = self.register.roles;
        r.members
            .and_then(|k| self.int(k))
            .or_else(|| self.people().map(|p| p.len() as i64))
    }

    /// The people listed, when the register has a list and it is filled in.
    pub fn people(&self) -> Option<&[Person]> {
        match self.register.roles.people.and_then(|k| self.get(k)) {
            Some(Value::People(p)) if !p.is_empty() => Some(p),
            _ => None,
        }
    }

    pub fn pledged(&self) -> Option<i64> {
        self.register.roles.pledged.and_then(|k| self.int(k))
    }

    pub fn disbursements(&self) -> &[(NaiveDate, i64)] {
        match self.register.roles.disbursements.and_then(|k| self.get(k)) {
            Some(Value::Disbursements(d)) => d,
            _ => &[],
        }
    }

    /// The audit trail's view of the entry: every field with its shown value, personal
    /// ones redacted ([`crate::audit::AuditField`]).
    pub fn audit_fields(&self) -> Vec<crate::audit::AuditField> {
        self.register
            .fields
            .iter()
            .filter_map(|f| {
                self.values.get(f.key).map(|v| {
                    crate::audit::AuditField::new(f.key, f.label, &v.shown(f.ty), f.personal)
                })
            })
            .collect()
    }

    /// The text searched by the list's "Tìm" box: the non-personal texts, folded.
    pub fn search_text(&self) -> String {
        let mut parts = Vec::new();
        for f in self.register.fields.iter().filter(|f| !f.personal) {
            if let Some(v) = self.values.get(f.key) {
                parts.push(v.shown(f.ty));
            }
        }
        folded(&parts.join(" "))
    }

    /// A copy without the personal fields (what retention leaves).
    pub fn without_personal(&self) -> Entry {
        let mut e = self.clone();
        e.values
            .retain(|k, _| !self.register.field(k).is_some_and(|f| f.personal));
        e
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
