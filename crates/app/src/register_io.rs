//! Registers to and from the spreadsheets communes already keep (issue 10, point 5).
//!
//! Import: the first sheet is read (calamine), its heading row found even below title rows
//! (the row, among the first 30, whose cells name the most fields of the register), each
//! column matched to a field by its heading ([`Register::field_for_heading`]: the label,
//! the label without its bracket, or a common other heading such as "Quốc gia đến" for
//! "Nước đến"), a "Trạng thái" column to the state. The officer may correct the matching.
//! Every row is parsed with the register's rules; one wrong cell anywhere and nothing is
//! written, every error is reported with its row and column. Dates are read from date
//! cells and from "05/03/2026" / "5/3/2026" text; amounts from numbers and "12.500.000".
//! Fields a later state needs (a permission number) are not required of an imported row:
//! the entry asks for them when it is next edited.
//!
//! Export writes the same layout (a title row, the headings, one row per entry), so an
//! exported file imports back to the same entries.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use domain::audit::AuditEvent;
use domain::register::{Entry, EntryState, FieldType, Register, RegisterKind, heading_key};
use render::xlsx::TableCell;

use crate::org::Who;
use crate::registers::{EntryInput, audit_fields, columns};
use crate::tasks::Id;
use crate::{App, Error, RequestKey, Result};

/// The heading of the state column (export writes it, import reads it).
const STATE_HEADING: &str = "Trạng thái";
/// Rows read at most (a commune's register, years of it, with room).
pub const MAX_ROWS: usize = 50_000;
const MAX_COLUMNS: usize = 200;
/// How far down the heading row is looked for.
const HEADING_SEARCH: usize = 30;

/// What a column is read into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Field(&'static str),
    State,
}

impl Target {
    /// The stable code of the target in a mapping form: the field key, or `state`.
    pub fn code(self) -> &'static str {
        match self {
            Target::Field(k) => k,
            Target::State => "state",
        }
    }

    fn parse(register: &Register, code: &str) -> Option<Target> {
        match code {
            "state" => Some(Target::State),
            k => register.field(k).map(|f| Target::Field(f.key)),
        }
    }
}

/// One refused cell or row: the spreadsheet's row number (1-based, as Excel shows it), the
/// column's heading, the message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

/// What an import found, and what it did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub kind: RegisterKind,
    /// The heading row's number (1-based).
    pub heading_row: usize,
    pub headings: Vec<String>,
    /// Per column: what it is read into (`None`: ignored).
    pub mapping: Vec<Option<Target>>,
    /// Data rows read (blank rows skipped).
    pub rows: usize,
    pub errors: Vec<RowError>,
    /// Entries written (0 unless there was no error and it was not a dry run).
    pub created: usize,
}

impl ImportReport {
    /// "Quốc gia đến → Nước đến" lines, for the officer's check and the CLI.
    pub fn mapping_lines(&self) -> Vec<String> {
        let r = self.kind.def();
        self.headings
            .iter()
            .zip(&self.mapping)
            .map(|(h, m)| match m {
                Some(Target::Field(k)) => {
                    format!("{h} → {}", r.field(k).map_or(*k, |f| f.label))
                }
                Some(Target::State) => format!("{h} → {STATE_HEADING}"),
                None => format!("{h} → (bỏ qua / ignored)"),
            })
            .collect()
    }
}

/// A cell as text: numbers without a trailing ".0", dates as ISO dates.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "có" } else { "không" }.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

/// The first sheet's cells as text, bounded in rows and columns.
fn read_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let bad = || {
        Error::invalid_en(
            "file",
            "Không đọc được tệp Excel (.xlsx). Vui lòng lưu lại tệp dưới dạng Excel Workbook \
             (.xlsx) rồi tải lên lại.",
            "not a readable .xlsx workbook",
        )
    };
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| bad())?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(bad)?
        .map_err(|_| bad())?;
    let (h, w) = range.get_size();
    if h > MAX_ROWS + HEADING_SEARCH || w > MAX_COLUMNS {
        return Err(Error::invalid_en(
            "file",
            format!(
                "Bảng tính quá lớn ({h} dòng, {w} cột): tối đa {MAX_ROWS} dòng và \
                 {MAX_COLUMNS} cột."
            ),
            "spreadsheet too large",
        ));
    }
    Ok(range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect())
}

/// What a heading is read into.
fn target_of(register: &'static Register, heading: &str) -> Option<Target> {
    if heading_key(heading) == heading_key(STATE_HEADING) {
        return Some(Target::State);
    }
    register
        .field_for_heading(heading)
        .map(|f| Target::Field(f.key))
}

/// The heading row: among the first rows, the one whose cells name the most fields (at
/// least two).
fn heading_row(register: &'static Register, cells: &[Vec<String>]) -> Option<usize> {
    cells
        .iter()
        .take(HEADING_SEARCH)
        .enumerate()
        .map(|(i, row)| {
            let n = row
                .iter()
                .filter(|c| target_of(register, c).is_some())
                .count();
            (i, n)
        })
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

fn state_named(register: &Register, s: &str) -> Option<EntryState> {
    let k = heading_key(s);
    register
        .states
        .iter()
        .chain([EntryState::Cancelled, EntryState::Withdrawn].iter())
        .copied()
        .find(|st| heading_key(st.label_vi()) == k || st.code() == s.trim())
}

impl App {
    /// Imports a spreadsheet into `kind` of the commune: all of it or nothing. `mapping`
    /// corrects the matched columns (per column a target code, or "" to ignore); `dry_run`
    /// checks everything and writes nothing.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_entries(
        &self,
        who: Who<'_>,
        key: Option<&RequestKey>,
        kind: RegisterKind,
        commune: Option<i64>,
        bytes: &[u8],
        mapping: Option<&[String]>,
        dry_run: bool,
    ) -> Result<ImportReport> {
        let register = kind.def();
        let commune = match who {
            Who::User(user) => self.commune_in_view(user, commune).await?,
            Who::Operator => match commune {
                Some(c) => Some(self.read().await?.commune(c).await?),
                None => None,
            },
        }
        .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        // Unit staff own what they import; the console operator records for the commune.
        // Checked first: someone who may not record entries has no file checked either.
        let unit = match who {
            Who::User(u) if u.role == domain::access::Role::UnitStaff => u.unit_id,
            _ => None,
        };
        if let Who::User(u) = who
            && !u.actor().can_record_entries(commune.scope(), unit)
        {
            return Err(Error::Forbidden);
        }
        if bytes.len() > self.config().limits.max_file_bytes {
            return Err(Error::invalid_en(
                "file",
                "Tệp quá lớn so với giới hạn tải lên.",
                "file too large",
            ));
        }
        let owned = bytes.to_vec();
        let cells = self.heavy(move || read_cells(&owned)).await??;
        let Some(head) = heading_row(register, &cells) else {
            return Err(Error::invalid_en(
                "file",
                format!(
                    "Không tìm thấy dòng tiêu đề cột của {} trong 30 dòng đầu (cần ít nhất hai \
                     cột có tên như “{}”, “{}”).",
                    register.short, register.fields[0].label, register.fields[1].label
                ),
                "no heading row found",
            ));
        };
        let headings: Vec<String> = cells[head].iter().map(|h| h.trim().to_string()).collect();
        let mut targets: Vec<Option<Target>> = match mapping {
            Some(m) => headings
                .iter()
                .enumerate()
                .map(|(i, _)| m.get(i).and_then(|c| Target::parse(register, c)))
                .collect(),
            None => headings.iter().map(|h| target_of(register, h)).collect(),
        };
        // A field read from two columns: the first keeps it.
        for i in 0..targets.len() {
            if targets[i].is_some() && targets[..i].contains(&targets[i]) {
                targets[i] = None;
            }
        }
        let today = self.today();
        let mut errors = Vec::new();
        let mut parsed: Vec<(Entry, EntryState)> = Vec::new();
        let mut rows = 0;
        for (i, row) in cells.iter().enumerate().skip(head + 1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows += 1;
            let excel_row = i + 1;
            let mut values = BTreeMap::new();
            let mut state_text = String::new();
            for (c, target) in targets.iter().enumerate() {
                let v = row.get(c).cloned().unwrap_or_default();
                match target {
                    Some(Target::Field(k)) => {
                        values.insert(k.to_string(), v);
                    }
                    Some(Target::State) => state_text = v,
                    None => {}
                }
            }
            let heading_of = |key: &str| {
                targets
                    .iter()
                    .position(|t| {
                        *t == Some(Target::Field(register.field(key).map_or("", |f| f.key)))
                    })
                    .and_then(|c| headings.get(c).cloned())
                    .unwrap_or_else(|| {
                        register
                            .field(key)
                            .map_or(key.to_string(), |f| format!("{} (không có cột)", f.label))
                    })
            };
            match Entry::parse(register, &values, register.initial()) {
                Ok(entry) => {
                    let state = if state_text.trim().is_empty() {
                        Some(register.imported_state(&entry, today))
                    } else {
                        state_named(register, &state_text)
                    };
                    match state {
                        Some(s) => parsed.push((entry, s)),
                        None => errors.push(RowError {
                            row: excel_row,
                            column: STATE_HEADING.to_string(),
                            message: format!(
                                "Trạng thái “{}” không có trong sổ {}.",
                                state_text.trim(),
                                register.short
                            ),
                        }),
                    }
                }
                Err(es) => errors.extend(es.into_iter().map(|e| RowError {
                    row: excel_row,
                    column: heading_of(e.key),
                    message: e.message,
                })),
            }
            if errors.len() > 1000 {
                break;
            }
        }
        let mut report = ImportReport {
            kind,
            heading_row: head + 1,
            headings,
            mapping: targets,
            rows,
            errors,
            created: 0,
        };
        if dry_run || !report.errors.is_empty() || parsed.is_empty() {
            return Ok(report);
        }
        // The same request sent again answers what the first one wrote.
        let user_id = match who {
            Who::User(u) => Some(u.id),
            Who::Operator => None,
        };
        let key = key.filter(|_| user_id.is_some());
        let mut w = match self.begin::<Id>(user_id.unwrap_or(0), key).await? {
            crate::Begun::Fresh(w) => w,
            crate::Begun::Replay(Id(n)) => {
                report.created = n as usize;
                return Ok(report);
            }
        };
        if register.border_only && !w.tx.commune_border(commune.id).await? {
            return Err(Error::invalid(
                "register",
                "Chỉ xã, phường ở khu vực biên giới được ký kết thỏa thuận quốc tế.",
            ));
        }
        let settings = domain::register::DueSettings {
            trip_report_days: w.tx.trip_report_days(commune.province_id).await?,
        };
        let input = EntryInput {
            unplanned: false,
            ..EntryInput::default()
        };
        let mut rows = Vec::with_capacity(parsed.len());
        for (entry, state) in &parsed {
            let cols = columns(entry, *state, settings, today, &input, unit)?;
            let event = AuditEvent::RecordCreated {
                register: register.slug.to_string(),
                fields: audit_fields(entry, *state, Some("nhập từ bảng tính")),
            };
            rows.push((cols, event));
        }
        w.tx.insert_entries(commune.id, register.slug, &rows, user_id)
            .await?;
        report.created = parsed.len();
        w.finish(&Id(report.created as i64)).await?;
        Ok(report)
    }

    /// A register of a commune as an XLSX workbook in the import's layout. Personal columns
    /// are written only for a user who may see every entry's personal fields (the commune
    /// office and leader, the province's officers), and every entry whose personal fields
    /// are written is logged as exported.
    pub async fn export_entries(
        &self,
        user: &store::User,
        kind: RegisterKind,
        commune: Option<i64>,
    ) -> Result<(String, Vec<u8>)> {
        let register = kind.def();
        let commune = self
            .commune_in_view(user, commune)
            .await?
            .ok_or_else(|| Error::invalid("commune", "Vui lòng chọn xã, phường."))?;
        let personal = user.actor().can_see_personal(commune.scope(), None)
            && !matches!(user.role, domain::access::Role::UnitStaff);
        let mut tx = self.write().await?;
        let stored = tx.entries_for_export(commune.id, register.slug).await?;
        let fields: Vec<_> = register
            .fields
            .iter()
            .filter(|f| personal || !f.personal)
            .collect();
        let mut rows = Vec::with_capacity(stored.len());
        for s in &stored {
            let values = crate::registers::stored_values(
                &s.payload,
                s.personal.as_deref().filter(|_| personal),
            )?;
            let entry = Entry::from_stored(register, &values);
            if personal && s.personal.is_some() {
                let keys: Vec<&str> = register
                    .personal_fields()
                    .filter(|f| entry.get(f.key).is_some())
                    .map(|f| f.key)
                    .collect();
                tx.log_personal_read(user.id, "register_entry", s.id, &keys, "export")
                    .await?;
            }
            let mut row: Vec<TableCell> = fields
                .iter()
                .map(|f| match (f.ty, entry.get(f.key)) {
                    (FieldType::Count | FieldType::Money | FieldType::Year, Some(v)) => {
                        v.as_int().map_or_else(
                            || TableCell::Text(v.typed(f.ty)),
                            |n| TableCell::Number(n as f64),
                        )
                    }
                    (_, Some(v)) => TableCell::Text(v.typed(f.ty)),
                    (_, None) => TableCell::Text(String::new()),
                })
                .collect();
            let state = EntryState::parse(&s.state).map_or("", |st| st.label_vi());
            row.push(TableCell::Text(state.to_string()));
            rows.push(row);
        }
        tx.commit().await?;
        let mut columns: Vec<(&str, f64)> = fields
            .iter()
            .map(|f| {
                let width = match f.ty {
                    FieldType::LongText | FieldType::People(_) => 40.0,
                    FieldType::Text | FieldType::Countries | FieldType::Disbursements => 25.0,
                    _ => 14.0,
                };
                (f.label, width)
            })
            .collect();
        columns.push((STATE_HEADING, 16.0));
        let titles = vec![
            format!("SỔ THEO DÕI {}", register.short.to_uppercase()),
            format!(
                "{} — xuất {}",
                crate::format::capitalise(&commune.full_name()),
                crate::format::long_date(self.today())
            ),
        ];
        let bytes = render::xlsx::table(register.short, &titles, &columns, &rows)
            .map_err(|e| Error::Internal(format!("register xlsx: {e}")))?;
        let name = format!(
            "so-{}-{}.xlsx",
            register.slug,
            vntext::fold(&commune.name).replace(' ', "-")
        );
        Ok((name, bytes))
    }
}

impl App {
    /// Records many entries of one register in one unit of work, as the console operator
    /// (the benchmark generator): each parsed and checked as an import row is.
    #[doc(hidden)]
    pub async fn record_entries_as_operator(
        &self,
        kind: RegisterKind,
        commune: i64,
        rows: Vec<(BTreeMap<String, String>, EntryState)>,
    ) -> Result<usize> {
        let register = kind.def();
        let mut tx = self.write().await?;
        let c = tx.commune(commune).await?;
        let settings = domain::register::DueSettings {
            trip_report_days: tx.trip_report_days(c.province_id).await?,
        };
        let input = EntryInput::default();
        let today = self.today();
        let n = rows.len();
        let mut out = Vec::with_capacity(n);
        for (i, (values, state)) in rows.into_iter().enumerate() {
            let entry = Entry::parse(register, &values, register.initial()).map_err(|e| {
                Error::Internal(format!("generated row {i} of {}: {e:?}", register.slug))
            })?;
            let cols = columns(&entry, state, settings, today, &input, None)?;
            let event = AuditEvent::RecordCreated {
                register: register.slug.to_string(),
                fields: audit_fields(&entry, state, None),
            };
            out.push((cols, event));
        }
        tx.insert_entries(commune, register.slug, &out, None)
            .await?;
        tx.commit().await?;
        Ok(n)
    }
}
