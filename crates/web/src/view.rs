//! What every page shares: the signed-in context (name, role, commune, CSRF token, the menu
//! the role may use) and small formatting helpers for templates.

use std::borrow::Borrow;

use domain::access::Role;

use crate::AppState;
use crate::auth::Auth;
use crate::error::Result;

/// One entry of the menu.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
}

/// The context of a page (base template fields).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub title: String,
    pub signed_in: bool,
    pub user_name: String,
    pub role_label: String,
    /// "Xã Tân Hòa — Tỉnh …", or the province for province officers.
    pub place: String,
    pub csrf: String,
    pub nav: Vec<NavItem>,
}

impl Ctx {
    pub fn anonymous(title: &str) -> Ctx {
        Ctx {
            title: title.to_string(),
            signed_in: false,
            user_name: String::new(),
            role_label: String::new(),
            place: String::new(),
            csrf: String::new(),
            nav: Vec::new(),
        }
    }

    pub async fn for_user(state: &AppState, auth: &Auth, title: &str) -> Result<Ctx> {
        let u = &auth.user;
        let place = match (u.commune_id, u.province_id) {
            (Some(c), _) => {
                let c = state.store.commune(c).await?;
                let p = state.store.province(c.province_id).await?;
                format!("{} — {}", capitalise(&c.full_name()), p.name)
            }
            (None, Some(p)) => state.store.province(p).await?.name,
            _ => "Toàn hệ thống".to_string(),
        };
        Ok(Ctx {
            title: title.to_string(),
            signed_in: true,
            user_name: u.display_name.clone(),
            role_label: u.role.label_vi().to_string(),
            place,
            csrf: auth.csrf.clone(),
            nav: nav_for(u.role, u.unit_id.is_some()),
        })
    }
}

fn nav_for(role: Role, has_unit: bool) -> Vec<NavItem> {
    let item = |href, label| NavItem { href, label };
    let mut v = Vec::new();
    match role {
        Role::Admin => {
            v.push(item("/province", "Toàn tỉnh"));
            v.push(item("/admin/users", "Người dùng"));
            v.push(item("/admin/org", "Tổ chức"));
        }
        Role::ProvinceOfficer => {
            v.push(item("/province", "Toàn tỉnh"));
            v.push(item("/province/plans", "Kế hoạch của tỉnh"));
        }
        _ => {
            v.push(item("/dashboard", "Tổng quan"));
            v.push(item("/plans", "Kế hoạch"));
            v.push(item("/tasks", "Nhiệm vụ"));
            if has_unit {
                v.push(item("/mine", "Việc của tôi"));
            }
            if role == Role::CommuneOffice {
                v.push(item("/admin/units", "Đơn vị"));
            }
        }
    }
    v
}

/// Upper-cases the first letter ("xã Tân Hòa" → "Xã Tân Hòa").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// HTML-escapes text for the few pages built without a template.
pub fn escape(s: &str) -> String {
    render::html::escape(s)
}

/// "2026-03-14" → "14/03/2026" (tables); anything else unchanged.
pub fn short_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// Epoch seconds → "14/03/2026 09:05" in Vietnam time (UTC+7).
pub fn date_time(epoch: impl Borrow<i64>) -> String {
    chrono::DateTime::from_timestamp(epoch.borrow() + 7 * 3600, 0)
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// The Vietnamese label of an occurrence status code.
pub fn status_label(code: &str) -> &'static str {
    match code {
        "not_started" => "Chưa thực hiện",
        "in_progress" => "Đang thực hiện",
        "done" => "Hoàn thành",
        "cancelled" => "Không thực hiện",
        _ => "Không rõ",
    }
}

/// Percent of `part` in `whole`, rounded down; 0 when `whole` is 0.
pub fn percent(part: impl Borrow<i64>, whole: impl Borrow<i64>) -> i64 {
    let (part, whole) = (*part.borrow(), *whole.borrow());
    if whole <= 0 { 0 } else { part * 100 / whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_day_first() {
        assert_eq!(short_date("2026-03-14"), "14/03/2026");
        assert_eq!(short_date("x"), "x");
        assert_eq!(date_time(0), "01/01/1970 07:00");
    }

    #[test]
    fn unit_staff_see_their_own_tasks_in_the_menu() {
        let labels: Vec<_> = nav_for(Role::UnitStaff, true)
            .iter()
            .map(|n| n.label)
            .collect();
        assert!(labels.contains(&"Việc của tôi"));
        assert!(!labels.contains(&"Đơn vị"));
    }
}

/// A CSV download (UTF-8 with BOM so Excel shows Vietnamese correctly; RFC 4180 quoting).
pub fn csv_response(
    filename: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let mut out = String::from("\u{feff}");
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let v: Vec<String> = cells
            .map(|c| {
                // A leading = + - @ would make a spreadsheet run it as a formula.
                let c = if c.starts_with(['=', '+', '-', '@']) {
                    format!("'{c}")
                } else {
                    c.to_string()
                };
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&v.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied(), &mut out);
    for r in rows {
        line(&mut r.iter().map(String::as_str), &mut out);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        out,
    )
        .into_response()
}

/// Which commune a page is about: the user's own, or — for province officers and admins —
/// the one named in the query, if they may see it.
pub async fn commune_in_view(
    state: &AppState,
    auth: &Auth,
    requested: Option<i64>,
) -> Result<store::Commune> {
    let id = match (auth.user.commune_id, requested) {
        (Some(own), None) => own,
        (_, Some(r)) => r,
        (None, None) => return Err(crate::error::AppError::NotFound),
    };
    let commune = state.store.commune(id).await?;
    if !auth.actor().can_view_commune(commune.scope()) {
        return Err(crate::error::AppError::Forbidden);
    }
    Ok(commune)
}

#[cfg(test)]
mod csv_tests {
    use super::*;

    #[tokio::test]
    async fn csv_cells_are_quoted_and_formulas_defused() {
        let r = csv_response(
            "a.csv",
            &["Tên", "Ghi chú"],
            &[vec!["=1+1".into(), "a, \"b\"".into()]],
        );
        let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(text, "\u{feff}Tên,Ghi chú\r\n'=1+1,\"a, \"\"b\"\"\"\r\n");
    }
}

/// The type of a document or image recognised by its first bytes: PDF, DOCX (any zip is
/// taken for one; the parser or the download decides the rest), PNG, JPEG; `None` for
/// anything else.
pub fn sniff_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if bytes.starts_with(b"\x89PNG") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else {
        None
    }
}

/// The status of a page shown again with a form error (400) or plainly (200).
pub fn page_status(error: &Option<String>) -> axum::http::StatusCode {
    if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    }
}

/// Where a paged list stands.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
}

/// How many rows a page of a list holds.
pub const PER_PAGE: i64 = 50;

impl Paging {
    /// Page `page` (1-based, clamped to 1..=pages) of `total` rows, `per` at a time; an
    /// empty list has one (empty) page.
    pub fn new(page: i64, total: i64, per: i64) -> Paging {
        let per = per.max(1);
        let pages = ((total + per - 1) / per).max(1);
        Paging {
            page: page.clamp(1, pages),
            pages,
            total,
        }
    }

    /// How many rows come before this page.
    pub fn offset(&self, per: i64) -> i64 {
        (self.page - 1) * per.max(1)
    }
}

/// Page `page` (1-based, clamped to the last page) of `items`, `per` at a time.
pub fn paginate<T>(items: Vec<T>, page: i64, per: usize) -> (Vec<T>, Paging) {
    let paging = Paging::new(page, items.len() as i64, per as i64);
    let rows = items
        .into_iter()
        .skip(paging.offset(per as i64) as usize)
        .take(per)
        .collect();
    (rows, paging)
}

/// One way a list can be sorted: the value of its `sort` parameter and the label of the
/// choice in the "Sắp xếp" select (`sort_select.html`).
#[derive(Debug, Clone, Copy)]
pub struct SortChoice {
    pub code: &'static str,
    pub label: &'static str,
}

/// The code of the choice `asked` names among `choices`; anything else (absent, unknown,
/// typed by hand) is the first choice, the list's default.
pub fn sort_choice(choices: &'static [SortChoice], asked: &str) -> &'static str {
    choices
        .iter()
        .find(|c| c.code == asked)
        .unwrap_or(&choices[0])
        .code
}

/// The key that orders Vietnamese text as a reader expects: the search-folded form (tones
/// off, đ = d, lowercase), so "Đoàn" sorts with "Doan" and not after "Z", then the text
/// itself, so the order of texts that fold alike is still fixed.
pub fn text_key(s: &str) -> (String, String) {
    (vntext::fold(s), s.to_string())
}

/// A query-string value percent-encoded (everything but unreserved characters).
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The address of a list with its filters and sort, from which its pager and CSV links
/// are made (`pager.html`): what the officer chose stays when they turn a page or export.
#[derive(Debug, Clone)]
pub struct ListLink(String);

impl ListLink {
    /// `path` with the non-empty `params`, encoded.
    pub fn new(path: &str, params: &[(&str, &str)]) -> ListLink {
        let query: Vec<String> = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect();
        ListLink(format!("{path}?{}", query.join("&")))
    }

    fn with(&self, param: &str) -> String {
        if self.0.ends_with('?') {
            format!("{}{param}", self.0)
        } else {
            format!("{}&{param}", self.0)
        }
    }

    /// Page `n` of the list.
    pub fn page(&self, n: i64) -> String {
        self.with(&format!("page={n}"))
    }

    /// The whole list as CSV.
    pub fn csv(&self) -> String {
        self.with("format=csv")
    }
}

/// The CSS class of a finding's severity.
pub fn severity_class(s: impl Borrow<lint::Severity>) -> &'static str {
    match s.borrow() {
        lint::Severity::Error => "error",
        lint::Severity::Warning => "warning",
        lint::Severity::Info => "info",
    }
}

/// The Vietnamese name of an audit action code.
pub fn action_label(code: &str) -> &'static str {
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

/// An audit record's JSON (before or after) as "Trường: giá trị" lines an official can read:
/// known field names in Vietnamese, status codes as their labels, empty values left out.
pub fn audit_text(json: &Option<String>) -> String {
    let Some(text) = json else {
        return String::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.clone();
    };
    let mut lines = Vec::new();
    flatten_audit(&value, &mut lines);
    lines.join("; ")
}

fn flatten_audit(v: &serde_json::Value, out: &mut Vec<String>) {
    let Some(map) = v.as_object() else { return };
    for (k, v) in map {
        if v.is_object() {
            flatten_audit(v, out);
            continue;
        }
        let label = match k.as_str() {
            "occurrence" => "Kỳ",
            "status" => "Trạng thái",
            "percent" => "Tỷ lệ (%)",
            "note" => "Ghi chú",
            "evidence_url" => "Liên kết minh chứng",
            "evidence_file" | "file" => "Tệp",
            "text" => "Nội dung",
            "lead_unit_id" => "Mã đơn vị chủ trì",
            "timeframe" => "Thời gian",
            "title" => "Tiêu đề",
            "label" => "Số thứ tự",
            "body" => "Nội dung",
            "name" => "Tên",
            "active" => "Hoạt động",
            "doc_number" => "Số, ký hiệu",
            "issued_on" => "Ngày ban hành",
            "year" => "Năm",
            "tasks" => "Số nhiệm vụ",
            "sections" => "Số mục",
            "due_on" => "Hạn",
            "kind" => "Loại",
            "username" => "Tên đăng nhập",
            "role" => "Vai trò",
            _ => continue,
        };
        let value = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) if s.is_empty() => continue,
            serde_json::Value::String(s) if k == "status" => match s.as_str() {
                "draft" | "submitted" | "issued" | "amended" => {
                    store::PlanStatus::parse(s).map_or(s.clone(), |p| p.label_vi().to_string())
                }
                other => status_label(other).to_string(),
            },
            serde_json::Value::String(s) => s.chars().take(200).collect(),
            serde_json::Value::Bool(b) => if *b { "có" } else { "không" }.to_string(),
            other => other.to_string(),
        };
        out.push(format!("{label}: {value}"));
    }
}

#[cfg(test)]
mod audit_tests {
    use super::*;

    #[test]
    fn pages_are_clamped_and_counted() {
        let (rows, p) = paginate((1..=120).collect::<Vec<_>>(), 3, 50);
        assert_eq!((rows.len(), p.page, p.pages, p.total), (20, 3, 3, 120));
        let (rows, p) = paginate((1..=5).collect::<Vec<_>>(), 9, 50);
        assert_eq!((rows, p.page, p.pages), (vec![1, 2, 3, 4, 5], 1, 1));
        let (rows, p) = paginate(Vec::<i32>::new(), 1, 50);
        assert!(rows.is_empty() && p.pages == 1);
        let p = Paging::new(0, 101, 50);
        assert_eq!((p.page, p.pages, p.offset(50)), (1, 3, 0));
        assert_eq!(Paging::new(7, 101, 50).offset(50), 100);
    }

    const SORTS: &[SortChoice] = &[
        SortChoice {
            code: "",
            label: "A",
        },
        SortChoice {
            code: "name",
            label: "B",
        },
    ];

    #[test]
    fn an_unknown_sort_is_the_default_and_names_sort_without_tones_first() {
        assert_eq!(sort_choice(SORTS, "name"), "name");
        assert_eq!(sort_choice(SORTS, "'; DROP"), "");
        let mut names = vec!["Đoàn", "Dương", "Ánh", "Bình", "Doãn"];
        names.sort_by_cached_key(|n| text_key(n));
        assert_eq!(names, ["Ánh", "Bình", "Doãn", "Đoàn", "Dương"]);
    }

    #[test]
    fn list_links_keep_the_filters_encoded() {
        let l = ListLink::new("/mine", &[("q", "đối ngoại&x"), ("sort", "")]);
        assert_eq!(
            l.page(2),
            "/mine?q=%C4%91%E1%BB%91i%20ngo%E1%BA%A1i%26x&page=2"
        );
        assert_eq!(ListLink::new("/mine", &[]).csv(), "/mine?format=csv");
    }

    #[test]
    fn audit_records_read_as_vietnamese_fields() {
        let t = audit_text(&Some(r#"{"occurrence":"Quý I/2026","status":"done","percent":100,"note":"","evidence_url":null}"#.into()));
        assert_eq!(t, "Kỳ: Quý I/2026; Tỷ lệ (%): 100; Trạng thái: Hoàn thành");
        assert_eq!(action_label("progress"), "Cập nhật tiến độ");
        assert_eq!(audit_text(&None), "");
    }
}
