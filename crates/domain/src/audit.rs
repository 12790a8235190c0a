//! The events of the audit trail (issue 13, point 3): one enum, every change a user makes,
//! with typed values before and after. The store keeps an event as JSON beside the row it is
//! about; the pages show it with [`AuditEvent::label_vi`] and [`AuditEvent::lines`], in
//! Vietnamese, with names instead of ids and dates day first.
//!
//! Personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): the audit trail must not become a
//! second copy of it. A field marked personal is redacted when its [`AuditField`] is made, so
//! its value never reaches an event, whatever the caller does.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::Role;
use crate::org::CommuneKind;
use crate::plan::{FileKind, PlanOrigin, PlanStatus};
use crate::progress::OccurrenceStatus;
use crate::text::size_vi;

/// A unit's state as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitState {
    pub name: String,
    pub active: bool,
}

/// An account as the history shows it: the place is its name ("Xã Hà Bắc", "Phòng Văn hóa -
/// Xã hội, xã Hà Bắc"), not an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountState {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub place: String,
}

/// A section's texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionState {
    pub label: String,
    pub title: String,
    pub body: String,
}

/// A task's texts and units, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    pub reference: String,
    pub text: String,
    pub lead: Option<String>,
    pub partners: Vec<String>,
    pub timeframe: Option<String>,
}

/// What a progress update recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRecord {
    pub status: OccurrenceStatus,
    pub percent: u8,
    pub note: String,
    pub evidence_url: Option<String>,
    pub evidence_file: Option<String>,
}

/// A field of a register entry, as the audit trail keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditField {
    pub key: String,
    pub label: String,
    value: FieldValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum FieldValue {
    Text(String),
    /// A personal field: the trail says it changed, never what it holds.
    Redacted,
}

impl AuditField {
    /// A field and its value; when `personal`, the value is dropped here.
    pub fn new(key: &str, label: &str, value: &str, personal: bool) -> AuditField {
        AuditField {
            key: key.to_string(),
            label: label.to_string(),
            value: if personal {
                FieldValue::Redacted
            } else {
                FieldValue::Text(value.to_string())
            },
        }
    }

    /// The value as shown: the text, or "(dữ liệu cá nhân, không lưu)" for a personal field.
    pub fn shown(&self) -> String {
        match &self.value {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Redacted => REDACTED.to_string(),
        }
    }

    pub fn is_redacted(&self) -> bool {
        self.value == FieldValue::Redacted
    }
}

/// What a redacted personal value reads as in the history.
pub const REDACTED: &str = "(dữ liệu cá nhân, không lưu trong lịch sử)";

/// One change, as recorded. Serialized with its `event` name as tag; names are stable
/// (stored), so variants are only ever added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AuditEvent {
    ProvinceCreated {
        name: String,
    },
    CommuneCreated {
        name: String,
        kind: CommuneKind,
        units: usize,
    },
    UnitCreated {
        unit: UnitState,
    },
    UnitChanged {
        before: UnitState,
        after: UnitState,
    },
    AccountCreated {
        account: AccountState,
    },
    AccountActiveChanged {
        active: bool,
    },
    /// The account's owner changed their password.
    PasswordChanged,
    /// An administrator set a new password for the account.
    PasswordReset,
    ApiTokenCreated {
        name: String,
        expires_on: Option<NaiveDate>,
    },
    ApiTokenRevoked {
        name: String,
    },
    ProvincePlanUploaded {
        title: String,
        year: i32,
        file: String,
    },
    PlanCreated {
        title: String,
        year: i32,
        origin: PlanOrigin,
        version: i64,
        previous: Option<i64>,
        sections: usize,
        tasks: usize,
    },
    PlanStatusChanged {
        from: PlanStatus,
        to: PlanStatus,
        number: Option<String>,
        issued_on: Option<NaiveDate>,
    },
    PlanDiscarded {
        status: PlanStatus,
    },
    PlanRestored,
    FileAttached {
        file: String,
        kind: FileKind,
        bytes: u64,
    },
    SectionAdded {
        section: SectionState,
    },
    SectionChanged {
        before: SectionState,
        after: SectionState,
    },
    TaskCreated {
        task: TaskState,
    },
    TaskChanged {
        before: TaskState,
        after: TaskState,
    },
    OccurrenceAdded {
        label: String,
        due_on: NaiveDate,
    },
    ProgressRecorded {
        occurrence: String,
        before_status: OccurrenceStatus,
        before_percent: u8,
        after: ProgressRecord,
    },
    /// Amending a plan carried the progress of the previous version over to this task.
    /// Also the register entries that carried the old task out, linked to this one
    /// (`entries`: absent in events recorded before the registers, read as 0).
    ProgressCarriedOver {
        from_task: i64,
        occurrences: usize,
        updates: usize,
        #[serde(default)]
        entries: usize,
    },
    /// A file attached to a register entry (its name and size; the bytes are not audit).
    EntryFileAdded {
        filename: String,
        size_bytes: i64,
    },
    /// A file taken off a register entry (deleted).
    EntryFileRemoved {
        filename: String,
    },
    RecordCreated {
        register: String,
        fields: Vec<AuditField>,
    },
    RecordChanged {
        register: String,
        before: Vec<AuditField>,
        after: Vec<AuditField>,
    },
    /// A commune marked as in a border area or not (it may then keep international
    /// agreements).
    CommuneBorderChanged {
        border: bool,
    },
    /// A province's days for an after-trip report.
    TripReportDaysChanged {
        before: i64,
        after: i64,
    },
    /// A report regime added or changed by the province.
    RegimeSaved {
        name: String,
        active: bool,
    },
    /// A day of the holiday calendar corrected (`kind` empty: back to the shipped day).
    CalendarDayChanged {
        day: String,
        kind: String,
        name: String,
    },
    /// A report drafted for a period or an event.
    ReportDrafted {
        regime: String,
        period: String,
    },
    /// A report's number or prose saved.
    ReportEdited,
    /// A report sent to the province: its version, whether after the deadline, its signed
    /// file.
    ReportSubmitted {
        version: i64,
        late: bool,
        #[serde(default)]
        filename: Option<String>,
    },
    /// Sent back by the province with its reasons.
    ReportReturned {
        comment: String,
    },
    /// Accepted by the province (locked).
    ReportAccepted {
        comment: String,
    },
    /// A new secret calendar address made (the old one ended).
    CalendarFeedMade,
    /// The calendar address ended.
    CalendarFeedEnded,
    /// The user's address for e-mail reminders set (`None`: removed, no more e-mail).
    MailAddressSet {
        address: Option<String>,
    },
}

/// One line of a history cell: a field's Vietnamese name and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: &'static str,
    pub value: String,
}

fn line(label: &'static str, value: impl Into<String>) -> Line {
    Line {
        label,
        value: value.into(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn yes_no(b: bool) -> &'static str {
    if b { "có" } else { "không" }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(200).collect();
    if s.chars().count() > 200 {
        out.push('…');
    }
    out
}

fn unit_lines(u: &UnitState) -> Vec<Line> {
    vec![
        line("Tên đơn vị", u.name.clone()),
        line("Đang hoạt động", yes_no(u.active)),
    ]
}

fn section_lines(s: &SectionState) -> Vec<Line> {
    let mut v = vec![line("Số thứ tự", s.label.clone())];
    if !s.title.is_empty() {
        v.push(line("Tiêu đề", short(&s.title)));
    }
    if !s.body.is_empty() && s.body != s.title {
        v.push(line("Nội dung", short(&s.body)));
    }
    v
}

fn task_lines(t: &TaskState) -> Vec<Line> {
    let mut v = vec![
        line("Nội dung", short(&t.text)),
        line(
            "Đơn vị chủ trì",
            t.lead.clone().unwrap_or_else(|| "chưa giao".into()),
        ),
    ];
    if !t.partners.is_empty() {
        v.push(line("Đơn vị phối hợp", t.partners.join("; ")));
    }
    v.push(line(
        "Thời gian thực hiện",
        t.timeframe.clone().unwrap_or_else(|| "chưa ghi".into()),
    ));
    v
}

/// The lines of `before` and `after` that differ (all of them when nothing does).
fn changed(before: Vec<Line>, after: Vec<Line>) -> (Vec<Line>, Vec<Line>) {
    let differs = |l: &Line, other: &[Line]| !other.contains(l);
    let b: Vec<Line> = before
        .iter()
        .filter(|l| differs(l, &after))
        .cloned()
        .collect();
    let a: Vec<Line> = after
        .iter()
        .filter(|l| differs(l, &before))
        .cloned()
        .collect();
    if a.is_empty() && b.is_empty() {
        (before, after)
    } else {
        (b, a)
    }
}

fn field_lines(fields: &[AuditField]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|f| (f.label.clone(), f.shown()))
        .collect()
}

/// Labelled values of a record's fields, as a history table shows them: (label, value).
pub type FieldLines = Vec<(String, String)>;

impl AuditEvent {
    /// The stable code stored with the event (`audit_log.action`).
    pub fn code(&self) -> &'static str {
        match self {
            AuditEvent::ProvinceCreated { .. } => "province_created",
            AuditEvent::CommuneCreated { .. } => "commune_created",
            AuditEvent::UnitCreated { .. } => "unit_created",
            AuditEvent::UnitChanged { .. } => "unit_changed",
            AuditEvent::AccountCreated { .. } => "account_created",
            AuditEvent::AccountActiveChanged { .. } => "account_active_changed",
            AuditEvent::PasswordChanged => "password_changed",
            AuditEvent::PasswordReset => "password_reset",
            AuditEvent::ApiTokenCreated { .. } => "api_token_created",
            AuditEvent::ApiTokenRevoked { .. } => "api_token_revoked",
            AuditEvent::ProvincePlanUploaded { .. } => "province_plan_uploaded",
            AuditEvent::PlanCreated { .. } => "plan_created",
            AuditEvent::PlanStatusChanged { .. } => "plan_status_changed",
            AuditEvent::PlanDiscarded { .. } => "plan_discarded",
            AuditEvent::PlanRestored => "plan_restored",
            AuditEvent::FileAttached { .. } => "file_attached",
            AuditEvent::SectionAdded { .. } => "section_added",
            AuditEvent::SectionChanged { .. } => "section_changed",
            AuditEvent::TaskCreated { .. } => "task_created",
            AuditEvent::TaskChanged { .. } => "task_changed",
            AuditEvent::OccurrenceAdded { .. } => "occurrence_added",
            AuditEvent::ProgressRecorded { .. } => "progress_recorded",
            AuditEvent::ProgressCarriedOver { .. } => "progress_carried_over",
            AuditEvent::EntryFileAdded { .. } => "entry_file_added",
            AuditEvent::EntryFileRemoved { .. } => "entry_file_removed",
            AuditEvent::RecordCreated { .. } => "record_created",
            AuditEvent::RecordChanged { .. } => "record_changed",
            AuditEvent::CommuneBorderChanged { .. } => "commune_border_changed",
            AuditEvent::TripReportDaysChanged { .. } => "trip_report_days_changed",
            AuditEvent::RegimeSaved { .. } => "regime_saved",
            AuditEvent::CalendarDayChanged { .. } => "calendar_day_changed",
            AuditEvent::ReportDrafted { .. } => "report_drafted",
            AuditEvent::ReportEdited => "report_edited",
            AuditEvent::ReportSubmitted { .. } => "report_submitted",
            AuditEvent::ReportReturned { .. } => "report_returned",
            AuditEvent::ReportAccepted { .. } => "report_accepted",
            AuditEvent::CalendarFeedMade => "calendar_feed_made",
            AuditEvent::CalendarFeedEnded => "calendar_feed_ended",
            AuditEvent::MailAddressSet { .. } => "mail_address_set",
        }
    }

    /// What was done, as the history's "Thao tác" column says it.
    pub fn label_vi(&self) -> &'static str {
        match self {
            AuditEvent::ProvinceCreated { .. } => "Tạo tỉnh, thành phố",
            AuditEvent::CommuneCreated { .. } => "Tạo xã, phường",
            AuditEvent::UnitCreated { .. } => "Thêm đơn vị",
            AuditEvent::UnitChanged { .. } => "Sửa đơn vị",
            AuditEvent::AccountCreated { .. } => "Tạo tài khoản",
            AuditEvent::AccountActiveChanged { active: true } => "Mở khóa tài khoản",
            AuditEvent::AccountActiveChanged { active: false } => "Khóa tài khoản",
            AuditEvent::PasswordChanged => "Đổi mật khẩu",
            AuditEvent::PasswordReset => "Đặt lại mật khẩu",
            AuditEvent::ApiTokenCreated { .. } => "Tạo khóa truy cập API",
            AuditEvent::ApiTokenRevoked { .. } => "Thu hồi khóa truy cập API",
            AuditEvent::ProvincePlanUploaded { .. } => "Tải lên kế hoạch của tỉnh",
            AuditEvent::PlanCreated { .. } => "Tạo kế hoạch",
            AuditEvent::PlanStatusChanged { .. } => "Chuyển trạng thái",
            AuditEvent::PlanDiscarded { .. } => "Hủy dự thảo",
            AuditEvent::PlanRestored => "Khôi phục dự thảo",
            AuditEvent::FileAttached { .. } => "Đính kèm tệp",
            AuditEvent::SectionAdded { .. } => "Thêm mục",
            AuditEvent::SectionChanged { .. } => "Sửa mục",
            AuditEvent::TaskCreated { .. } => "Thêm nhiệm vụ",
            AuditEvent::TaskChanged { .. } => "Sửa nhiệm vụ",
            AuditEvent::OccurrenceAdded { .. } => "Thêm kỳ thực hiện",
            AuditEvent::ProgressRecorded { .. } => "Cập nhật tiến độ",
            AuditEvent::ProgressCarriedOver { .. } => "Chuyển tiến độ từ bản trước",
            AuditEvent::EntryFileAdded { .. } => "Đính kèm tệp",
            AuditEvent::EntryFileRemoved { .. } => "Gỡ tệp đính kèm",
            AuditEvent::RecordCreated { .. } => "Tạo bản ghi",
            AuditEvent::RecordChanged { .. } => "Sửa bản ghi",
            AuditEvent::CommuneBorderChanged { .. } => "Đặt xã biên giới",
            AuditEvent::TripReportDaysChanged { .. } => "Đặt thời hạn báo cáo sau chuyến công tác",
            AuditEvent::RegimeSaved { .. } => "Lưu chế độ báo cáo",
            AuditEvent::CalendarDayChanged { .. } => "Sửa lịch ngày nghỉ",
            AuditEvent::ReportDrafted { .. } => "Lập dự thảo báo cáo",
            AuditEvent::ReportEdited => "Sửa dự thảo báo cáo",
            AuditEvent::ReportSubmitted { .. } => "Gửi báo cáo",
            AuditEvent::ReportReturned { .. } => "Trả lại báo cáo",
            AuditEvent::ReportAccepted { .. } => "Tiếp nhận báo cáo",
            AuditEvent::CalendarFeedMade => "Tạo địa chỉ lịch nhắc việc",
            AuditEvent::CalendarFeedEnded => "Hủy địa chỉ lịch nhắc việc",
            AuditEvent::MailAddressSet { address: Some(_) } => "Đặt thư điện tử nhận nhắc việc",
            AuditEvent::MailAddressSet { address: None } => "Thôi nhận nhắc việc qua thư",
        }
    }

    /// The "Trước" and "Sau" columns: field names in Vietnamese with their values.
    pub fn lines(&self) -> (Vec<Line>, Vec<Line>) {
        use AuditEvent as E;
        let none = Vec::new;
        match self {
            E::ProvinceCreated { name } => (none(), vec![line("Tên", name.clone())]),
            E::CommuneCreated { name, kind, units } => (
                none(),
                vec![
                    line("Tên", kind.full_name(name)),
                    line("Số đơn vị ban đầu", units.to_string()),
                ],
            ),
            E::UnitCreated { unit } => (none(), unit_lines(unit)),
            E::UnitChanged { before, after } => changed(unit_lines(before), unit_lines(after)),
            E::AccountCreated { account } => (
                none(),
                vec![
                    line("Tên đăng nhập", account.username.clone()),
                    line("Họ và tên", account.display_name.clone()),
                    line("Vai trò", account.role.label_vi()),
                    line("Thuộc", account.place.clone()),
                ],
            ),
            E::AccountActiveChanged { active } => (
                vec![line("Đang hoạt động", yes_no(!active))],
                vec![line("Đang hoạt động", yes_no(*active))],
            ),
            E::PasswordChanged | E::PasswordReset | E::PlanRestored => (none(), none()),
            E::ApiTokenCreated { name, expires_on } => (
                none(),
                vec![
                    line("Tên khóa", name.clone()),
                    line(
                        "Hết hạn",
                        expires_on.map_or_else(|| "không hết hạn".into(), day),
                    ),
                ],
            ),
            E::ApiTokenRevoked { name } => (vec![line("Tên khóa", name.clone())], none()),
            E::ProvincePlanUploaded { title, year, file } => (
                none(),
                vec![
                    line("Trích yếu", short(title)),
                    line("Năm", year.to_string()),
                    line("Tệp", file.clone()),
                ],
            ),
            E::PlanCreated {
                title,
                year,
                origin,
                version,
                sections,
                tasks,
                ..
            } => (
                none(),
                vec![
                    line("Trích yếu", short(title)),
                    line("Năm", year.to_string()),
                    line("Cách lập", origin.label_vi()),
                    line("Phiên bản", version.to_string()),
                    line("Số mục", sections.to_string()),
                    line("Số nhiệm vụ", tasks.to_string()),
                ],
            ),
            E::PlanStatusChanged {
                from,
                to,
                number,
                issued_on,
            } => {
                let mut after = vec![line("Trạng thái", to.label_vi())];
                if let Some(n) = number {
                    after.push(line("Số, ký hiệu", n.clone()));
                }
                if let Some(d) = issued_on {
                    after.push(line("Ngày ban hành", day(*d)));
                }
                (vec![line("Trạng thái", from.label_vi())], after)
            }
            E::PlanDiscarded { status } => (
                vec![line("Trạng thái", status.label_vi())],
                vec![line("Trạng thái", "Đã hủy")],
            ),
            E::FileAttached { file, kind, bytes } => (
                none(),
                vec![
                    line("Tệp", file.clone()),
                    line("Loại", kind.label_vi()),
                    line("Dung lượng", size_vi(*bytes as i64)),
                ],
            ),
            E::SectionAdded { section } => (none(), section_lines(section)),
            E::SectionChanged { before, after } => {
                changed(section_lines(before), section_lines(after))
            }
            E::TaskCreated { task } => (none(), task_lines(task)),
            E::TaskChanged { before, after } => changed(task_lines(before), task_lines(after)),
            E::OccurrenceAdded { label, due_on } => (
                none(),
                vec![line("Kỳ", label.clone()), line("Hạn", day(*due_on))],
            ),
            E::ProgressRecorded {
                occurrence,
                before_status,
                before_percent,
                after,
            } => {
                let mut a = vec![
                    line("Kỳ", occurrence.clone()),
                    line("Trạng thái", after.status.label_vi()),
                    line("Tỷ lệ", format!("{}%", after.percent)),
                ];
                if !after.note.is_empty() {
                    a.push(line("Ghi chú", short(&after.note)));
                }
                if let Some(u) = &after.evidence_url {
                    a.push(line("Liên kết minh chứng", u.clone()));
                }
                if let Some(f) = &after.evidence_file {
                    a.push(line("Tệp minh chứng", f.clone()));
                }
                (
                    vec![
                        line("Kỳ", occurrence.clone()),
                        line("Trạng thái", before_status.label_vi()),
                        line("Tỷ lệ", format!("{before_percent}%")),
                    ],
                    a,
                )
            }
            E::ProgressCarriedOver {
                occurrences,
                updates,
                entries,
                ..
            } => {
                let mut a = vec![
                    line("Số kỳ giữ tiến độ", occurrences.to_string()),
                    line("Số lần cập nhật chuyển sang", updates.to_string()),
                ];
                if *entries > 0 {
                    a.push(line(
                        "Số bản ghi sổ theo dõi chuyển sang",
                        entries.to_string(),
                    ));
                }
                (none(), a)
            }
            E::EntryFileAdded {
                filename,
                size_bytes,
            } => (
                none(),
                vec![
                    line("Tệp", filename.clone()),
                    line("Dung lượng", size_vi(*size_bytes)),
                ],
            ),
            E::EntryFileRemoved { filename } => (vec![line("Tệp", filename.clone())], none()),
            E::RecordCreated { .. } | E::RecordChanged { .. } => (none(), none()),
            E::CommuneBorderChanged { border } => (
                vec![line("Xã biên giới", yes_no(!border))],
                vec![line("Xã biên giới", yes_no(*border))],
            ),
            E::TripReportDaysChanged { before, after } => (
                vec![line("Số ngày", before.to_string())],
                vec![line("Số ngày", after.to_string())],
            ),
            E::RegimeSaved { name, active } => (
                none(),
                vec![
                    line("Tên", name.clone()),
                    line("Đang áp dụng", yes_no(*active)),
                ],
            ),
            E::CalendarDayChanged { day, kind, name } => (
                none(),
                vec![
                    line("Ngày", day.clone()),
                    line("Loại", kind.clone()),
                    line("Tên", name.clone()),
                ],
            ),
            E::ReportDrafted { regime, period } => (
                none(),
                vec![line("Chế độ", regime.clone()), line("Kỳ", period.clone())],
            ),
            E::ReportEdited => (none(), none()),
            E::ReportSubmitted {
                version,
                late,
                filename,
            } => {
                let mut a = vec![
                    line("Lần gửi", version.to_string()),
                    line("Gửi muộn", yes_no(*late)),
                ];
                if let Some(f) = filename {
                    a.push(line("Tệp đã ký", f.clone()));
                }
                (none(), a)
            }
            E::ReportReturned { comment } | E::ReportAccepted { comment } => {
                (none(), vec![line("Ý kiến", comment.clone())])
            }
            E::CalendarFeedMade | E::CalendarFeedEnded => (none(), none()),
            E::MailAddressSet { address } => (
                none(),
                vec![line(
                    "Thư điện tử",
                    address.clone().unwrap_or_else(|| "(không nhận thư)".into()),
                )],
            ),
        }
    }

    /// The fields of a register entry's event, with their own labels (the register's
    /// definition names them): (before, after).
    pub fn record_fields(&self) -> (FieldLines, FieldLines) {
        match self {
            AuditEvent::RecordCreated { fields, .. } => (Vec::new(), field_lines(fields)),
            AuditEvent::RecordChanged { before, after, .. } => {
                (field_lines(before), field_lines(after))
            }
            _ => (Vec::new(), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_their_stored_json() {
        let e = AuditEvent::TaskChanged {
            before: TaskState {
                reference: "II.1.a".into(),
                text: "Tuyên truyền".into(),
                lead: None,
                partners: vec![],
                timeframe: Some("Hằng quý".into()),
            },
            after: TaskState {
                reference: "II.1.a".into(),
                text: "Tuyên truyền".into(),
                lead: Some("Phòng Văn hóa - Xã hội".into()),
                partners: vec![],
                timeframe: Some("Hằng quý".into()),
            },
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.starts_with("{\"event\":\"task_changed\""), "{json}");
        assert_eq!(serde_json::from_str::<AuditEvent>(&json).unwrap(), e);
    }

    #[test]
    fn a_change_shows_the_fields_that_changed_by_name() {
        let state = |lead: Option<&str>| TaskState {
            reference: "1".into(),
            text: "Việc".into(),
            lead: lead.map(str::to_string),
            partners: vec![],
            timeframe: None,
        };
        let (b, a) = AuditEvent::TaskChanged {
            before: state(None),
            after: state(Some("Công an xã")),
        }
        .lines();
        assert_eq!(b, vec![line("Đơn vị chủ trì", "chưa giao")]);
        assert_eq!(a, vec![line("Đơn vị chủ trì", "Công an xã")]);
    }

    #[test]
    fn statuses_roles_and_dates_read_in_vietnamese() {
        let (b, a) = AuditEvent::PlanStatusChanged {
            from: PlanStatus::Submitted,
            to: PlanStatus::Issued,
            number: Some("12/KH-UBND".into()),
            issued_on: NaiveDate::from_ymd_opt(2026, 1, 5),
        }
        .lines();
        assert_eq!(b[0].value, "Trình ký");
        assert_eq!(a[0].value, "Đã ban hành");
        assert_eq!(a[2].value, "05/01/2026");
        let (_, a) = AuditEvent::AccountCreated {
            account: AccountState {
                username: "xem".into(),
                display_name: "Người xem".into(),
                role: Role::Viewer,
                place: "Xã Hà Bắc".into(),
            },
        }
        .lines();
        assert!(
            a.iter()
                .any(|l| l.value == "Người xem" && l.label == "Vai trò")
        );
    }

    #[test]
    fn personal_fields_never_reach_the_trail() {
        let f = AuditField::new("passport", "Số hộ chiếu", "C1234567", true);
        assert!(f.is_redacted());
        let json = serde_json::to_string(&AuditEvent::RecordCreated {
            register: "nguoi-nuoc-ngoai".into(),
            fields: vec![f, AuditField::new("nationality", "Quốc tịch", "Lào", false)],
        })
        .unwrap();
        assert!(!json.contains("C1234567"), "{json}");
        assert!(json.contains("Lào"));
        let e: AuditEvent = serde_json::from_str(&json).unwrap();
        let (_, after) = e.record_fields();
        assert_eq!(after[0], ("Số hộ chiếu".to_string(), REDACTED.to_string()));
    }

    #[test]
    fn every_event_has_a_vietnamese_label_and_a_distinct_code() {
        let events = [
            AuditEvent::PasswordChanged,
            AuditEvent::PasswordReset,
            AuditEvent::PlanRestored,
            AuditEvent::AccountActiveChanged { active: true },
        ];
        let mut codes: Vec<_> = events.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 4);
        assert_eq!(
            AuditEvent::AccountActiveChanged { active: false }.code(),
            AuditEvent::AccountActiveChanged { active: true }.code()
        );
        for e in events {
            assert!(
                vntext::has_vietnamese_marks(e.label_vi()),
                "{}",
                e.label_vi()
            );
        }
    }
}
