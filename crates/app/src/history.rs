//! The history tables of every page: each recorded change as an official reads it — when,
//! who, what was done, and the fields before and after, in Vietnamese, with names instead
//! of ids and dates day first.
//!
//! Rows written before the typed events (migration 0009) hold the JSON of the object before
//! and after; they are read with the same labels, their unit ids looked up by name.

use std::collections::HashMap;

use domain::PlanYear;
use domain::access::Role;
use domain::audit::AuditEvent;
use domain::plan::{FileKind, PlanStatus};
use domain::progress::OccurrenceStatus;
use store::{AuditEntry, Db, Page};

use crate::Result;
use crate::format::{date_time, short_date};

/// One row of a history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub at: String,
    pub who: String,
    pub action: String,
    pub before: String,
    pub after: String,
}

fn join(lines: &[(String, String)]) -> String {
    lines
        .iter()
        .map(|(l, v)| format!("{l}: {v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rows of a page of the audit trail.
pub(crate) async fn history_rows(db: &mut Db, page: Page<AuditEntry>) -> Result<Page<HistoryRow>> {
    let mut units: HashMap<i64, String> = HashMap::new();
    let mut rows = Vec::with_capacity(page.rows.len());
    let meta = (page.page, page.pages, page.total, page.per_page);
    for e in page.rows {
        let who = e.display_name.clone().unwrap_or_else(|| "Hệ thống".into());
        let (action, before, after) = match (&e.event, &e.legacy) {
            (Some(ev), _) => event_cells(ev),
            (None, Some((action, b, a))) => (
                legacy_action(action).to_string(),
                legacy_text(db, &mut units, b.as_deref()).await,
                legacy_text(db, &mut units, a.as_deref()).await,
            ),
            (None, None) => ("Thay đổi".into(), String::new(), String::new()),
        };
        rows.push(HistoryRow {
            at: date_time(e.at),
            who,
            action,
            before,
            after,
        });
    }
    Ok(Page {
        rows,
        page: meta.0,
        pages: meta.1,
        total: meta.2,
        per_page: meta.3,
    })
}

fn event_cells(ev: &AuditEvent) -> (String, String, String) {
    let (b, a) = ev.lines();
    let to = |v: Vec<domain::audit::Line>| {
        v.into_iter()
            .map(|l| (l.label.to_string(), l.value))
            .collect::<Vec<_>>()
    };
    let (mut b, mut a) = (to(b), to(a));
    let (rb, ra) = ev.record_fields();
    b.extend(rb);
    a.extend(ra);
    (ev.label_vi().to_string(), join(&b), join(&a))
}

/// The Vietnamese name of an action code of a row from before the typed events.
fn legacy_action(code: &str) -> &'static str {
    match code {
        "create" => "Tạo mới",
        "update" => "Sửa",
        "progress" => "Cập nhật tiến độ",
        "status" => "Chuyển trạng thái",
        "attach" => "Đính kèm tệp",
        "add_occurrence" => "Thêm kỳ thực hiện",
        "add_section" => "Thêm mục",
        "update_section" => "Sửa mục",
        "password" => "Đổi mật khẩu",
        _ => "Thay đổi",
    }
}

/// An old row's JSON as "Trường: giá trị" lines.
async fn legacy_text(db: &mut Db, units: &mut HashMap<i64, String>, json: Option<&str>) -> String {
    let Some(text) = json else {
        return String::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return String::new();
    };
    let mut fields = Vec::new();
    flatten(&value, &mut fields);
    let mut out = Vec::new();
    for (k, v) in fields {
        let label = match k.as_str() {
            "occurrence" => "Kỳ",
            "status" => "Trạng thái",
            "percent" => "Tỷ lệ (%)",
            "note" => "Ghi chú",
            "evidence_url" => "Liên kết minh chứng",
            "evidence_file" | "file" => "Tệp",
            "text" | "body" => "Nội dung",
            "lead_unit_id" => "Đơn vị chủ trì",
            "timeframe" => "Thời gian thực hiện",
            "title" => "Tiêu đề",
            "label" => "Số thứ tự",
            "name" => "Tên",
            "active" => "Đang hoạt động",
            "doc_number" => "Số, ký hiệu",
            "issued_on" => "Ngày ban hành",
            "due_on" => "Hạn",
            "year" => "Năm",
            "tasks" => "Số nhiệm vụ",
            "sections" => "Số mục",
            "kind" => "Loại",
            "username" => "Tên đăng nhập",
            "role" => "Vai trò",
            _ => continue,
        };
        let shown = match (k.as_str(), &v) {
            (_, serde_json::Value::Null) => continue,
            (_, serde_json::Value::String(s)) if s.is_empty() => continue,
            ("lead_unit_id", serde_json::Value::Number(n)) => match n.as_i64() {
                Some(id) => unit_name(db, units, id).await,
                None => continue,
            },
            ("status", serde_json::Value::String(s)) => PlanStatus::parse(s)
                .map(|p| p.label_vi().to_string())
                .or_else(|| {
                    OccurrenceStatus::parse(s)
                        .ok()
                        .map(|o| o.label_vi().to_string())
                })
                .unwrap_or_else(|| s.clone()),
            ("kind", serde_json::Value::String(s)) => FileKind::parse(s)
                .map(|f| f.label_vi().to_string())
                .unwrap_or_else(|| s.clone()),
            ("role", serde_json::Value::String(s)) => Role::parse(s)
                .map(|r| r.label_vi().to_string())
                .unwrap_or_else(|| s.clone()),
            ("issued_on" | "due_on", serde_json::Value::String(s)) => short_date(s),
            ("year", serde_json::Value::Number(n)) => n
                .as_i64()
                .and_then(|y| PlanYear::parse(y).ok())
                .map_or_else(|| n.to_string(), |y| y.to_string()),
            (_, serde_json::Value::String(s)) => s.chars().take(200).collect(),
            (_, serde_json::Value::Bool(b)) => if *b { "có" } else { "không" }.to_string(),
            (_, other) => other.to_string(),
        };
        out.push((label.to_string(), shown));
    }
    join(&out)
}

async fn unit_name(db: &mut Db, units: &mut HashMap<i64, String>, id: i64) -> String {
    if let Some(n) = units.get(&id) {
        return n.clone();
    }
    let name = db
        .unit(id)
        .await
        .map(|u| u.name)
        .unwrap_or_else(|_| "đơn vị không còn".into());
    units.insert(id, name.clone());
    name
}

fn flatten(v: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
    let Some(map) = v.as_object() else { return };
    for (k, v) in map {
        if v.is_object() {
            flatten(v, out);
        } else {
            out.push((k.clone(), v.clone()));
        }
    }
}
