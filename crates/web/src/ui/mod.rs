//! What every page shares: the signed-in context (name, role, place, CSRF token, the menu
//! the role may use, the "Đã lưu" notice), the pieces of lists (sort choices, pager, CSV
//! link), and small formatting helpers for templates.

pub mod charts;
pub mod csv;

use app::{Page, SortKey};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::access::Role;

use crate::AppState;
use crate::error::Result;
use crate::extract::Auth;

use std::borrow::Borrow;

/// A number as templates hand it over: by value or behind one or two references.
pub trait Num<T: Copy> {
    fn num(&self) -> T;
}

macro_rules! num {
    ($($t:ty),*) => {$(
        impl Num<$t> for $t { fn num(&self) -> $t { *self } }
        impl Num<$t> for &$t { fn num(&self) -> $t { **self } }
        impl Num<$t> for &&$t { fn num(&self) -> $t { ***self } }
    )*};
}
num!(i64, i32);

/// "xã Tân Hòa" → "Xã Tân Hòa" (templates pass owned or borrowed text).
pub fn capitalise(s: impl AsRef<str>) -> String {
    app::format::capitalise(s.as_ref())
}

/// "2026-03-14" → "14/03/2026".
pub fn short_date(s: impl AsRef<str>) -> String {
    app::format::short_date(s.as_ref())
}

/// Epoch seconds → "14/03/2026 09:05" in Vietnam time.
pub fn date_time(epoch: impl Num<i64>) -> String {
    app::format::date_time(epoch.num())
}

/// Whether two years are the same (the year selects).
pub fn same(a: impl Num<i32>, b: impl Num<i32>) -> bool {
    a.num() == b.num()
}

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
    /// "Đã lưu …" after a save that redirected here.
    pub saved: Option<&'static str>,
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
            saved: None,
        }
    }

    pub async fn for_user(state: &AppState, auth: &Auth, title: &str) -> Result<Ctx> {
        let u = &auth.user;
        Ok(Ctx {
            title: title.to_string(),
            signed_in: true,
            user_name: u.display_name.clone(),
            role_label: u.role.label_vi().to_string(),
            place: state.app.place_of(u).await?,
            csrf: auth.csrf.clone(),
            nav: nav_for(u.role, u.unit_id.is_some()),
            saved: auth.saved.as_deref().map(saved_message),
        })
    }

    /// A fresh one-time token for a form (its request key: a second submission of the same
    /// form answers the first result and changes nothing).
    pub fn form_token(&self) -> String {
        app::auth::random_token()
    }
}

/// The notice of a `saved` code.
fn saved_message(code: &str) -> &'static str {
    match code {
        "progress" => "Đã ghi nhận tiến độ.",
        "task" => "Đã lưu nhiệm vụ.",
        "section" => "Đã lưu mục của kế hoạch.",
        "plan" => "Đã lưu kế hoạch.",
        "status" => "Đã chuyển trạng thái kế hoạch.",
        "discarded" => "Đã hủy dự thảo. Quản trị hệ thống có thể khôi phục nếu cần.",
        "restored" => "Đã khôi phục dự thảo.",
        "unit" => "Đã lưu đơn vị.",
        "account" => "Đã lưu tài khoản.",
        "password" => "Đã đặt lại mật khẩu; tài khoản đã được đăng xuất khỏi mọi thiết bị.",
        "token" => "Đã thu hồi khóa truy cập.",
        "org" => "Đã lưu.",
        "entry" => "Đã lưu bản ghi.",
        "import" => "Đã nhập các bản ghi từ bảng tính.",
        "report" => "Đã lưu dự thảo báo cáo.",
        "report_sent" => "Đã gửi báo cáo đến Sở Ngoại vụ.",
        "report_reviewed" => "Đã ghi ý kiến xem xét báo cáo.",
        "regime" => "Đã lưu chế độ báo cáo.",
        "calendar" => "Đã hủy địa chỉ lịch nhắc việc.",
        "mail" => "Đã lưu địa chỉ nhận thư nhắc việc.",
        "nomail" => "Đã thôi nhận nhắc việc qua thư điện tử.",
        "calendar_day" => "Đã lưu lịch. Thời hạn các báo cáo được tính lại theo lịch mới.",
        _ => "Đã lưu thay đổi.",
    }
}

fn nav_for(role: Role, has_unit: bool) -> Vec<NavItem> {
    let item = |href, label| NavItem { href, label };
    let mut v = Vec::new();
    match role {
        Role::Admin => {
            v.push(item("/province", "Toàn tỉnh"));
            v.push(item("/dashboard", "Xã, phường"));
            v.push(item("/admin/users", "Người dùng"));
            v.push(item("/admin/org", "Tổ chức"));
            v.push(item("/admin/calendar", "Lịch nghỉ lễ"));
            v.push(item("/admin/discarded", "Dự thảo đã hủy"));
        }
        Role::ProvinceOfficer => {
            v.push(item("/province", "Toàn tỉnh"));
            v.push(item("/dashboard", "Xã, phường"));
            v.push(item("/province/plans", "Kế hoạch của tỉnh"));
            v.push(item("/province/reports", "Báo cáo của xã"));
            v.push(item("/reminders", "Nhắc việc"));
            v.push(item("/registers", "Sổ theo dõi"));
        }
        _ => {
            v.push(item("/dashboard", "Tổng quan"));
            v.push(item("/plans", "Kế hoạch"));
            v.push(item("/tasks", "Nhiệm vụ"));
            v.push(item("/registers", "Sổ theo dõi"));
            if role != Role::UnitStaff {
                v.push(item("/reports", "Báo cáo"));
            }
            v.push(item("/reminders", "Nhắc việc"));
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

/// HTML-escapes text for the few pages built without a template.
pub fn escape(s: &str) -> String {
    render::html::escape(s)
}

/// Percent of `part` in `whole`, rounded down; 0 when `whole` is 0.
pub fn percent(part: impl Borrow<i64>, whole: impl Borrow<i64>) -> i64 {
    app::format::percent(*part.borrow(), *whole.borrow())
}

/// The status of a page shown again with a form error (400) or plainly (200).
pub fn page_status(error: &Option<String>) -> StatusCode {
    if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

/// The CSS class of a finding's severity.
pub fn severity_class(s: &lint::Severity) -> &'static str {
    match s {
        lint::Severity::Error => "error",
        lint::Severity::Warning => "warning",
        lint::Severity::Info => "info",
    }
}

/// The Vietnamese name of a stored finding's severity code.
pub fn severity_label(code: &str) -> &'static str {
    lint::Severity::parse(code).map_or("Lưu ý", lint::Severity::vietnamese)
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
/// are made: what the officer chose stays when they turn a page or export.
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
    pub fn page(&self, n: impl Borrow<i64>) -> String {
        self.with(&format!("page={}", n.borrow()))
    }

    /// The whole list as CSV.
    pub fn csv(&self) -> String {
        self.with("format=csv")
    }
}

/// A list's pager: where the page stands, and its links.
#[derive(Debug, Clone)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub noun: &'static str,
    pub link: ListLink,
}

impl Pager {
    pub fn of<T>(p: &Page<T>, noun: &'static str, link: ListLink) -> Pager {
        Pager {
            page: p.page,
            pages: p.pages,
            total: p.total,
            noun,
            link,
        }
    }
}

/// The "Sắp xếp" select of a list, from its declared sort keys.
#[derive(Debug, Clone)]
pub struct SortSelect {
    pub choices: Vec<(&'static str, &'static str)>,
    pub selected: &'static str,
}

impl SortSelect {
    pub fn of<S: SortKey>(selected: S) -> SortSelect {
        SortSelect {
            choices: S::ALL.iter().map(|s| (s.code(), s.label_vi())).collect(),
            selected: selected.code(),
        }
    }
}

/// A file as an attachment, its name made safe for the header (and kept in full, in
/// UTF-8, in `filename*`).
pub fn file_download(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let safe: String = vntext::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{safe}\"; filename*=UTF-8''{}",
                    url_encode(name)
                ),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Whether an occurrence is late today.
pub fn is_late(o: &app::Occurrence, today: &chrono::NaiveDate) -> bool {
    chrono::NaiveDate::parse_from_str(&o.due_on, "%Y-%m-%d")
        .is_ok_and(|due| domain::is_overdue(o.status, due, *today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_staff_see_their_own_tasks_in_the_menu() {
        let labels: Vec<_> = nav_for(Role::UnitStaff, true)
            .iter()
            .map(|n| n.label)
            .collect();
        assert!(labels.contains(&"Việc của tôi"));
        assert!(!labels.contains(&"Đơn vị"));
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
}
