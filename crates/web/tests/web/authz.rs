//! The authorisation matrix: every route (pages and API) × every role × own / other commune.
//! The expected answers are written out here from DESIGN.md's rules, not computed from the
//! code under test.

use crate::support::{Client, TestApp, apps, location};

const ROLES: [&str; 9] = [
    "anonymous",
    "admin",
    "province",
    "leader",
    "office",
    "staff",
    "viewer",
    "farofficer",
    "faroffice",
];

/// Who may read a commune's pages: admin, its province's officers, its own users.
fn may_view(role: &str, own: bool) -> bool {
    match role {
        "admin" | "province" => true,
        "leader" | "office" | "staff" | "viewer" => own,
        _ => false,
    }
}

async fn client(app: &TestApp, role: &str) -> Client {
    if role == "anonymous" {
        app.anonymous()
    } else {
        app.sign_in(role).await
    }
}

/// "allowed" means the request was handled (2xx, a redirect after success, or a 400 about
/// the state of the object); "denied" means 403, or a redirect to sign-in for anonymous.
fn check(role: &str, what: &str, status: u16, location: Option<&str>, allowed: bool) {
    if role == "anonymous" {
        // A page: to the sign-in form, and back to it afterwards; a form: the sign-in form
        // keeping what was sent.
        assert!(
            (status == 303 && location.is_some_and(|l| l.starts_with("/login")))
                || (status == 401 && what.starts_with("POST")),
            "{role} {what}: {status} {location:?}"
        );
    } else if allowed {
        assert!(
            matches!(status, 200 | 303 | 400 | 409),
            "{role} {what}: expected allowed, got {status}"
        );
    } else {
        assert_eq!(status, 403, "{role} {what}: expected 403");
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_rules_say() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        matrix(&app).await;
    }
}

async fn matrix(app: &TestApp) {
    for role in ROLES {
        let c = client(app, role).await;
        // Administration of the organisation: the administrator only.
        for (path, fields) in [
            ("/admin/users", vec![("username", "x")]),
            ("/admin/provinces", vec![("name", "")]),
            ("/admin/communes", vec![("name", "")]),
        ] {
            let r = c.post_form(path, &fields).await;
            let loc = location(&r);
            let what = format!("POST {path}");
            check(
                role,
                &what,
                r.status().as_u16(),
                loc.as_deref(),
                role == "admin",
            );
        }
        for own in [true, false] {
            let (commune, plan, task) = if own {
                (app.home, app.home_plan, app.home_task)
            } else {
                (app.neighbour, app.neighbour_plan, app.neighbour_task)
            };
            let view = may_view(role, own);
            let section = app.sections_of(plan).await[0].id;
            let edit = own && matches!(role, "leader" | "office");
            let gets = [
                (format!("/dashboard?commune={commune}"), view),
                (format!("/plans?commune={commune}"), view),
                (format!("/plans/{plan}"), view),
                (format!("/tasks?commune={commune}"), view),
                (format!("/tasks?commune={commune}&format=csv"), view),
                (format!("/tasks/{task}"), view),
                (
                    format!("/admin/units?commune={commune}"),
                    role == "admin" || (role == "office" && own),
                ),
                (format!("/plans/{plan}/export/docx"), view),
                (format!("/plans/{plan}/export/xlsx"), view),
                (
                    format!("/plans/{plan}/sections/{section}"),
                    own && matches!(role, "leader" | "office"),
                ),
            ];
            for (path, allowed) in gets {
                let r = c.get(&path).await;
                let loc = location(&r);
                check(
                    role,
                    &format!("GET {path} (own={own})"),
                    r.status().as_u16(),
                    loc.as_deref(),
                    allowed,
                );
            }
            // Recording progress: the commune's office and leader, and staff of the unit that
            // leads the task — only in their own commune.
            let occ = app.occurrences_of(task).await[0].id.to_string();
            let r = c
                .post_multipart(
                    &format!("/tasks/{task}/progress"),
                    &[
                        ("occurrence", &occ),
                        ("status", "in_progress"),
                        ("percent", "10"),
                        ("note", ""),
                    ],
                    None,
                )
                .await;
            let loc = location(&r);
            let allowed = own && matches!(role, "leader" | "office" | "staff");
            check(
                role,
                &format!("POST progress (own={own})"),
                r.status().as_u16(),
                loc.as_deref(),
                allowed,
            );
            // Plan lifecycle and unit list: the commune office (and leader for plans) only.
            let r = c
                .post_multipart(
                    &format!("/plans/{plan}/status"),
                    &[("action", "submit")],
                    None,
                )
                .await;
            let loc = location(&r);
            check(
                role,
                &format!("POST plan submit (own={own})"),
                r.status().as_u16(),
                loc.as_deref(),
                own && matches!(role, "leader" | "office"),
            );
            // Editing a plan's text and tasks: the office and leader of the commune.
            let occ_due = "2026-12-01".to_string();
            let lead = app
                .task(task)
                .await
                .lead_unit_id
                .map(|u| u.to_string())
                .unwrap_or_default();
            for (path, fields) in [
                (
                    format!("/plans/{plan}/tasks"),
                    vec![("text", "Nhiệm vụ thêm")],
                ),
                (
                    format!("/plans/{plan}/sections"),
                    vec![("title", "Mục thêm")],
                ),
                (
                    format!("/tasks/{task}/edit"),
                    // Keeps the lead unit, so the unit's staff keep their right to the task.
                    vec![("text", "Nội dung sửa"), ("lead", lead.as_str())],
                ),
                (
                    format!("/tasks/{task}/occurrences"),
                    vec![("label", "Theo yêu cầu"), ("due_on", occ_due.as_str())],
                ),
            ] {
                let r = c.post_form(&path, &fields).await;
                let loc = location(&r);
                let what = format!("POST {path} (own={own})");
                check(role, &what, r.status().as_u16(), loc.as_deref(), edit);
            }
            let name = format!("Tổ công tác {role} {own}");
            let commune_s = commune.to_string();
            let r = c
                .post_form("/admin/units", &[("name", &name), ("commune", &commune_s)])
                .await;
            let loc = location(&r);
            check(
                role,
                &format!("POST unit (own={own})"),
                r.status().as_u16(),
                loc.as_deref(),
                role == "admin" || (role == "office" && own),
            );
        }
        for (path, allowed) in [
            ("/search?q=doi+ngoai".to_string(), role != "anonymous"),
            ("/account/tokens".to_string(), role != "anonymous"),
            ("/admin/users".to_string(), role == "admin"),
            ("/admin/org".to_string(), role == "admin"),
            (
                "/province/plans".to_string(),
                matches!(role, "province" | "farofficer"),
            ),
            (
                format!("/province?province={}", app.province),
                matches!(role, "admin" | "province"),
            ),
            (
                format!("/province?province={}", app.other_province),
                matches!(role, "admin" | "farofficer"),
            ),
        ] {
            let r = c.get(&path).await;
            let loc = location(&r);
            check(
                role,
                &format!("GET {path}"),
                r.status().as_u16(),
                loc.as_deref(),
                allowed,
            );
        }
    }
}

#[tokio::test]
async fn a_form_without_the_session_token_or_from_another_site_changes_nothing() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        csrf(&app).await;
    }
}

async fn csrf(app: &TestApp) {
    let c = app.sign_in("office").await;
    let before = app.units_of(app.home).await.len();
    let r = c
        .http
        .post(format!("{}/admin/units", app.base))
        .form(&[("name", "Đơn vị lạ"), ("csrf", "sai")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = c
        .http
        .post(format!("{}/admin/units", app.base))
        .header("origin", "http://evil.example")
        .form(&[("name", "Đơn vị lạ"), ("csrf", c.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .http
        .post(format!("{}/admin/units", app.base))
        .header("sec-fetch-site", "cross-site")
        .form(&[("name", "Đơn vị lạ"), ("csrf", c.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.units_of(app.home).await.len(), before);
    // A register entry sent without the session's token is refused and not recorded.
    for path in ["/registers/thong-tin", "/registers/thong-tin/import"] {
        let r = c
            .http
            .post(format!("{}{path}", app.base))
            .form(&[
                ("f_tieu_de", "Tin lạ"),
                ("f_ngay", "01/03/2026"),
                ("csrf", "sai"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{path}");
    }
    let office = app.user("office").await;
    let listed = app
        .app
        .register_list(
            &office,
            domain::register::RegisterKind::ThongTin,
            &app::registers::EntryQuery::default(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(listed.entries.total, 0);
}

#[tokio::test]
async fn every_api_route_answers_every_role_as_the_rules_say() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        api_matrix(&app).await;
    }
}

/// The API's answer to `role`: 401 without a token, 403 when denied; allowed is a 2xx or a
/// 400 about the input or the object's state (the same rules as the pages).
fn check_api(role: &str, what: &str, status: u16, allowed: bool) {
    if role == "anonymous" {
        assert_eq!(status, 401, "{role} {what}");
    } else if allowed {
        assert!(
            matches!(status, 200 | 201 | 204 | 400 | 409),
            "{role} {what}: expected allowed, got {status}"
        );
    } else {
        assert_eq!(status, 403, "{role} {what}: expected 403");
    }
}

async fn api_matrix(app: &TestApp) {
    use reqwest::Method;
    use serde_json::json;
    let http = reqwest::Client::new();
    let txt = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        "ỦY BAN NHÂN DÂN XÃ HÀ BẮC\nKẾ HOẠCH\nCông tác đối ngoại năm 2027\nI. NHIỆM VỤ\n\
         1. Tuyên truyền đối ngoại.\n",
    );
    for role in ROLES {
        let token = if role == "anonymous" {
            None
        } else {
            Some(app.sign_in(role).await.api_token().await)
        };
        let send = |method: Method, path: String, body: Option<serde_json::Value>| {
            let mut req = http.request(method, format!("{}{path}", app.base));
            if let Some(t) = &token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                req = req.json(&b);
            }
            async move { req.send().await.unwrap().status().as_u16() }
        };
        for own in [true, false] {
            let (commune, plan, task) = if own {
                (app.home, app.home_plan, app.home_task)
            } else {
                (app.neighbour, app.neighbour_plan, app.neighbour_task)
            };
            let view = may_view(role, own);
            let edit = own && matches!(role, "leader" | "office");
            let section = app.sections_of(plan).await[0].id;
            let occurrence = app.occurrences_of(task).await[0].id;
            let lead = app.task(task).await.lead_unit_id;
            let cases = [
                (
                    Method::GET,
                    format!("/api/v1/plans?commune={commune}"),
                    None,
                    view,
                ),
                (Method::GET, format!("/api/v1/plans/{plan}"), None, view),
                (
                    Method::GET,
                    format!("/api/v1/tasks?commune={commune}"),
                    None,
                    view,
                ),
                (Method::GET, format!("/api/v1/tasks/{task}"), None, view),
                (
                    Method::GET,
                    format!("/api/v1/units?commune={commune}"),
                    None,
                    view,
                ),
                (
                    Method::GET,
                    format!("/api/v1/plans/{plan}/export/xlsx"),
                    None,
                    view,
                ),
                (
                    Method::POST,
                    "/api/v1/plans".into(),
                    Some(json!({"year": 2027, "commune": commune})),
                    edit,
                ),
                (
                    Method::POST,
                    "/api/v1/plans/import".into(),
                    Some(json!({"commune": commune, "dry_run": true,
                                "file": {"name": "kh.txt", "content_base64": txt}})),
                    edit,
                ),
                (
                    Method::POST,
                    format!("/api/v1/plans/{plan}/copy"),
                    Some(json!({"year": 2027})),
                    edit,
                ),
                (
                    Method::POST,
                    format!("/api/v1/plans/{plan}/sections"),
                    Some(json!({"title": "Mục thêm"})),
                    edit,
                ),
                (
                    Method::PUT,
                    format!("/api/v1/plans/{plan}/sections/{section}"),
                    Some(json!({"title": "Mục sửa"})),
                    edit,
                ),
                (
                    Method::POST,
                    format!("/api/v1/plans/{plan}/tasks"),
                    Some(json!({"text": "Nhiệm vụ thêm"})),
                    edit,
                ),
                (
                    // Keeps the lead unit, so the unit's staff keep their right to the task.
                    Method::PATCH,
                    format!("/api/v1/tasks/{task}"),
                    Some(json!({"text": "Nội dung sửa", "lead_unit_id": lead})),
                    edit,
                ),
                (
                    Method::POST,
                    format!("/api/v1/tasks/{task}/occurrences"),
                    Some(json!({"label": "Theo yêu cầu", "due_on": "2026-12-01"})),
                    edit,
                ),
                (
                    Method::POST,
                    format!("/api/v1/tasks/{task}/progress"),
                    Some(json!({"occurrence_id": occurrence, "status": "in_progress",
                                "percent": 10})),
                    own && matches!(role, "leader" | "office" | "staff"),
                ),
                (
                    Method::POST,
                    format!("/api/v1/plans/{plan}/status"),
                    Some(json!({"action": "submit"})),
                    edit,
                ),
            ];
            for (method, path, body, allowed) in cases {
                let what = format!("{method} {path} (own={own})");
                check_api(role, &what, send(method, path, body).await, allowed);
            }
        }
        for (path, allowed) in [
            ("/api/v1/me".to_string(), role != "anonymous"),
            (
                format!("/api/v1/province?province={}", app.province),
                matches!(role, "admin" | "province"),
            ),
            (
                format!("/api/v1/province?province={}", app.other_province),
                matches!(role, "admin" | "farofficer"),
            ),
        ] {
            let what = format!("GET {path}");
            check_api(role, &what, send(Method::GET, path, None).await, allowed);
        }
    }
}

#[tokio::test]
async fn every_register_route_answers_every_role_and_shows_personal_data_only_as_the_rules_say() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        registers_matrix(&app).await;
    }
}

/// The name and passport of a foreigner living in each commune: what only the roles that
/// need them may read.
const NAME: &str = "Alexander Petrov";
const PASSPORT: &str = "RU7654321";

async fn registers_matrix(app: &TestApp) {
    use app::registers::EntryInput;
    use domain::register::{EntryState, RegisterKind};
    let kind = RegisterKind::NguoiNuocNgoai;
    let office = app.user("office").await;
    let values = [
        ("ho_ten", NAME),
        ("quoc_tich", "Liên bang Nga"),
        ("so_ho_chieu", PASSPORT),
        ("ngay_den", "01/02/2026"),
    ];
    let input = EntryInput {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        state: Some(EntryState::Present),
        unplanned: true,
        ..EntryInput::default()
    };
    let home_entry = app
        .app
        .create_entry(&office, None, kind, None, input)
        .await
        .unwrap()
        .0;
    // The same register copied to the neighbour (by the console operator, as the CLI does).
    let (_, bytes) = app.app.export_entries(&office, kind, None).await.unwrap();
    app.app
        .import_entries(
            app::org::Who::Operator,
            None,
            kind,
            Some(app.neighbour),
            &bytes,
            None,
            false,
        )
        .await
        .unwrap();
    let neighbour_entry = app
        .app
        .register_list(
            &app.admin,
            kind,
            &app::registers::EntryQuery {
                commune: Some(app.neighbour),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap()
        .entries
        .rows[0]
        .id;
    let slug = kind.slug();
    for role in ROLES {
        let c = client(app, role).await;
        for own in [true, false] {
            let (commune, entry) = if own {
                (app.home, home_entry)
            } else {
                (app.neighbour, neighbour_entry)
            };
            let view = may_view(role, own);
            let record = own && matches!(role, "leader" | "office" | "staff");
            let gets = [
                (format!("/registers?commune={commune}"), view),
                (format!("/registers/{slug}?commune={commune}"), view),
                (
                    format!("/registers/{slug}?commune={commune}&format=csv"),
                    view,
                ),
                (format!("/registers/{slug}/export?commune={commune}"), view),
                (format!("/registers/{slug}/{entry}"), view),
                (format!("/registers/{slug}/new?commune={commune}"), record),
                (
                    format!("/registers/{slug}/import?commune={commune}"),
                    record,
                ),
                (
                    format!("/registers/log?commune={commune}"),
                    role == "admin" || (role == "leader" && own),
                ),
            ];
            for (path, allowed) in gets {
                let r = c.get(&path).await;
                let loc = location(&r);
                let status = r.status().as_u16();
                check(
                    role,
                    &format!("GET {path} (own={own})"),
                    status,
                    loc.as_deref(),
                    allowed,
                );
                if status != 200 {
                    continue;
                }
                let body = r.bytes().await.unwrap();
                let text = String::from_utf8_lossy(&body);
                // Personal data: on the entry page and in the XLSX export, only for the
                // commune's office and leader and the province's officers; never in lists.
                let sees = matches!(role, "leader" | "office" | "province");
                let on_entry_page = path == format!("/registers/{slug}/{entry}");
                if on_entry_page {
                    assert_eq!(text.contains(NAME), sees, "{role} {path}");
                    assert_eq!(text.contains(PASSPORT), sees, "{role} {path}");
                } else if path.contains("/export") {
                    let cells = xlsx_text(&body);
                    assert_eq!(cells.contains(PASSPORT), sees, "{role} {path}");
                } else if !path.contains("/log") {
                    assert!(
                        !text.contains(NAME) && !text.contains(PASSPORT),
                        "{role} {path}"
                    );
                }
            }
            let fields = [
                ("f_ho_ten", "Người thử"),
                ("f_quoc_tich", "Lào"),
                ("f_ngay_den", "02/03/2026"),
                ("state", "present"),
                ("commune", &commune.to_string()),
            ];
            let r = c.post_form(&format!("/registers/{slug}"), &fields).await;
            let loc = location(&r);
            check(
                role,
                &format!("POST new entry (own={own})"),
                r.status().as_u16(),
                loc.as_deref(),
                record,
            );
            // Changing the office's entry: the office and the leader (it belongs to no unit).
            let r = c
                .post_form(
                    &format!("/registers/{slug}/{entry}"),
                    &[
                        ("f_quoc_tich", "Liên bang Nga"),
                        ("f_ngay_den", "01/02/2026"),
                    ],
                )
                .await;
            let loc = location(&r);
            check(
                role,
                &format!("POST entry edit (own={own})"),
                r.status().as_u16(),
                loc.as_deref(),
                own && matches!(role, "leader" | "office"),
            );
        }
    }
    // The files of an entry of a register that holds personal data: opened by the roles
    // that see its personal fields, attached and taken off by those who record it (the
    // entry belongs to no unit: the office and the leader).
    let pdf = || b"%PDF-1.4 giay to".to_vec();
    let file = app
        .app
        .attach_entry_file(
            &office,
            None,
            kind,
            home_entry,
            Some(("giay-to.pdf".into(), pdf())),
        )
        .await
        .unwrap()
        .0;
    for role in ROLES {
        let c = client(app, role).await;
        let sees = matches!(role, "leader" | "office" | "province");
        let records = matches!(role, "leader" | "office");
        let path = format!("/registers/{slug}/{home_entry}/files/{file}");
        let r = c.get(&path).await;
        let loc = location(&r);
        let status = r.status().as_u16();
        check(role, &format!("GET {path}"), status, loc.as_deref(), sees);
        if status == 200 {
            assert_eq!(r.bytes().await.unwrap().to_vec(), pdf(), "{role}");
        }
        let r = c
            .post_multipart(
                &format!("/registers/{slug}/{home_entry}/files"),
                &[],
                Some(("file", "them.pdf", pdf())),
            )
            .await;
        let loc = location(&r);
        check(
            role,
            "POST entry file",
            r.status().as_u16(),
            loc.as_deref(),
            records,
        );
        let spare = app
            .app
            .attach_entry_file(
                &office,
                None,
                kind,
                home_entry,
                Some(("bo.pdf".into(), pdf())),
            )
            .await
            .unwrap()
            .0;
        let r = c
            .post_form(
                &format!("/registers/{slug}/{home_entry}/files/{spare}/remove"),
                &[],
            )
            .await;
        let loc = location(&r);
        check(
            role,
            "POST entry file removal",
            r.status().as_u16(),
            loc.as_deref(),
            records,
        );
    }
    // Every showing and export of the home entry's personal data is in the log, by the
    // roles that may see it and nobody else.
    let log = app
        .app
        .personal_log(&app.admin, Some(app.home), app::PageRequest::new(1, 1000))
        .await
        .unwrap();
    let readers: std::collections::BTreeSet<&str> =
        log.reads.rows.iter().map(|r| r.username.as_str()).collect();
    assert_eq!(
        readers.into_iter().collect::<Vec<_>>(),
        ["leader", "office", "province"],
        "{:?}",
        log.reads.rows
    );
    assert!(log.reads.rows.iter().any(|r| r.purpose == "export"));
    assert!(log.reads.rows.iter().any(|r| r.purpose == "view"));
}

/// The shared strings of an XLSX file (every text cell), joined.
fn xlsx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut s = String::new();
    if let Ok(mut f) = zip.by_name("xl/sharedStrings.xml") {
        f.read_to_string(&mut s).unwrap();
    }
    s
}
