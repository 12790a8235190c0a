//! The main paths through the running app.

use app::import::{findings_to_store, import_document};

use crate::support::{PASSWORD, TestApp, apps};

#[tokio::test]
async fn sign_in_fails_with_a_vietnamese_message_and_is_throttled() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        sign_in_fails_with_a_vietnamese_message_and_is_throttled_on(&app).await;
    }
}

async fn sign_in_fails_with_a_vietnamese_message_and_is_throttled_on(app: &TestApp) {
    let c = app.anonymous();
    for _ in 0..5 {
        let r = c
            .http
            .post(format!("{}/login", app.base))
            .form(&[("username", "office"), ("password", "sai mật khẩu")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Tên đăng nhập hoặc mật khẩu không đúng")
        );
    }
    let r = c
        .http
        .post(format!("{}/login", app.base))
        .form(&[("username", "office"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        401,
        "the right password is refused while throttled"
    );
    assert!(r.text().await.unwrap().contains("quá nhiều lần"));
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_sign_out_everywhere_ends_it() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        the_session_cookie_is_http_only_and_sign_out_everywhere_ends_it_on(&app).await;
    }
}

async fn the_session_cookie_is_http_only_and_sign_out_everywhere_ends_it_on(app: &TestApp) {
    let c = app.anonymous();
    let r = c
        .http
        .post(format!("{}/login", app.base))
        .form(&[("username", "office"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let c = app.sign_in("office").await;
    let other = app.sign_in("office").await;
    assert_eq!(other.get("/dashboard").await.status(), 200);
    assert_eq!(c.post_form("/logout-all", &[]).await.status(), 303);
    assert_eq!(
        other.get("/dashboard").await.status(),
        303,
        "the other session ended too"
    );
}

#[tokio::test]
async fn an_officer_imports_a_plan_fixes_a_unit_and_staff_record_progress_seen_on_the_dashboard() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        an_officer_imports_a_plan_fixes_a_unit_and_staff_record_progress_seen_on_the_dashboard_on(
            &app,
        )
        .await;
    }
}

async fn an_officer_imports_a_plan_fixes_a_unit_and_staff_record_progress_seen_on_the_dashboard_on(
    app: &TestApp,
) {
    let office = app.sign_in("office").await;
    // Upload → review page with the tasks and the lint findings.
    let seed = samples::seed_paths().into_iter().nth(1).unwrap();
    let bytes = std::fs::read(&seed).unwrap();
    let name = seed.file_name().unwrap().to_str().unwrap().to_string();
    let r = office
        .post_multipart("/plans/import", &[], Some(("file", &name, bytes.clone())))
        .await;
    assert_eq!(r.status(), 200);
    let review = r.text().await.unwrap();
    assert!(review.contains("Kiểm tra kế hoạch đọc từ tệp"));
    assert!(review.contains("Kết quả kiểm tra văn bản"));
    let source = review
        .split("name=\"staged\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let title = review
        .split("name=\"title\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // The officer assigns the first task to the staff's unit, corrects its text, leaves
    // out the second item (not a task) and saves.
    let read_tasks = review.matches("name=\"lead_").count();
    assert!(read_tasks > 2);
    let unit = app.unit.to_string();
    let r = office
        .post_form(
            "/plans/import/confirm",
            &[
                ("staged", &source),
                ("confirm_same_year", "1"),
                ("filename", &name),
                ("title", &title),
                ("year", "2026"),
                ("lead_0", &unit),
                ("timeframe_0", "Quý III/2026"),
                (
                    "text_0",
                    " Tuyên truyền về công tác đối ngoại (đã sửa khi nhập) ",
                ),
                ("lead_1", ""),
                ("skip_1", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let plan: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/plans/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // The findings reviewed on upload are stored with the source file, and the plan page
    // shows them from there.
    let units = app.units_of(app.home).await;
    let linted = import_document(
        &bytes,
        Some(&name),
        &units,
        Some(&crate::support::home_commune()),
    )
    .unwrap()
    .findings;
    let stored = app.findings_of(plan).await;
    assert!(!stored.is_empty());
    assert_eq!(stored, findings_to_store(&linted));
    let page = office.get_text(&format!("/plans/{plan}")).await;
    assert!(page.contains(&format!("Kết quả kiểm tra văn bản gốc ({})", stored.len())));
    for f in stored
        .iter()
        .filter(|f| !f.message.contains(['"', '\'', '&', '<', '>']))
    {
        assert!(page.contains(&f.message), "{f:?}");
    }
    let tasks = app.tasks_of_plan(plan).await;
    assert_eq!(tasks.len(), read_tasks - 1, "the skipped item is left out");
    let first = &tasks[0];
    assert_eq!(
        first.text,
        "Tuyên truyền về công tác đối ngoại (đã sửa khi nhập)"
    );
    assert_eq!(first.lead_unit_id, Some(app.unit));
    assert_eq!(first.timeframe.as_deref(), Some("Quý III/2026"));
    let occ = app.occurrences_of(first.id).await;
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].due_on, "2026-09-30");
    // Unit staff record progress with evidence.
    let staff = app.sign_in("staff").await;
    let mine = staff.get_text("/mine").await;
    assert!(mine.contains(&format!("/tasks/{}", first.id)));
    let occ_id = occ[0].id.to_string();
    let r = staff
        .post_multipart(
            &format!("/tasks/{}/progress", first.id),
            &[
                ("occurrence", &occ_id),
                ("status", "done"),
                ("percent", "100"),
                ("note", "Đã hoàn thành tuyên truyền"),
            ],
            Some(("evidence", "bien-ban.pdf", b"%PDF-1.4 test".to_vec())),
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = staff.get_text(&format!("/tasks/{}", first.id)).await;
    assert!(page.contains("Đã hoàn thành tuyên truyền") && page.contains("bien-ban.pdf"));
    // Bad input is refused in Vietnamese and nothing is written.
    let r = staff
        .post_multipart(
            &format!("/tasks/{}/progress", first.id),
            &[
                ("occurrence", &occ_id),
                ("status", "done"),
                ("percent", "130"),
                ("note", "x"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(app.progress_of_task(first.id).await.len(), 1);
    // The dashboard shows it.
    let dash = office.get_text("/dashboard").await;
    assert!(dash.contains("Tiến độ theo đơn vị"));
    assert!(dash.contains("<svg"));
    let history = office.get_text(&format!("/tasks/{}", first.id)).await;
    assert!(history.contains("progress"));
}

#[tokio::test]
async fn the_api_answers_with_a_token_and_refuses_without() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        the_api_answers_with_a_token_and_refuses_without_on(&app).await;
    }
}

async fn the_api_answers_with_a_token_and_refuses_without_on(app: &TestApp) {
    let token = app.sign_in("office").await.api_token().await;
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{}/api/v1/tasks", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = http
        .get(format!("{}/api/v1/tasks", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["total"].as_i64().unwrap() > 0);
    let r = http
        .get(format!(
            "{}/api/v1/tasks?commune={}",
            app.base, app.neighbour
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let spec: serde_json::Value = http
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["openapi"], "3.0.3");
}

#[tokio::test]
async fn a_commune_starts_its_plan_from_the_province_plan() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        from_province_on(&app).await;
    }
}

async fn from_province_on(app: &TestApp) {
    let officer = app.sign_in("province").await;
    let seed = samples::seed_paths().into_iter().nth(3).unwrap();
    let bytes = std::fs::read(&seed).unwrap();
    let r = officer
        .post_multipart(
            "/province/plans",
            &[],
            Some(("file", "ke-hoach-tinh.txt", bytes)),
        )
        .await;
    assert_eq!(r.status(), 303);
    let list = officer.get_text("/province/plans").await;
    assert!(list.contains("ke-hoach-tinh.txt"));
    // Garbage is refused with a Vietnamese message and nothing stored.
    let r = officer
        .post_multipart(
            "/province/plans",
            &[],
            Some(("file", "x.doc", vec![0xd0, 0xcf, 0x11, 0xe0, 0, 0])),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(app.province_plans().await.len(), 1);
    // A commune office sees it and starts from it; a far province officer cannot upload here.
    let office = app.sign_in("office").await;
    let new = office.get_text("/plans/new").await;
    let id = app.province_plans().await[0].id;
    assert!(new.contains(&format!("/plans/from-province/{id}")));
    let review = office
        .post_form(&format!("/plans/from-province/{id}"), &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(review.contains("lập từ kế hoạch của tỉnh"));
    let source = review
        .split("name=\"staged\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = office
        .post_form(
            "/plans/import/confirm",
            &[
                ("staged", &source),
                ("confirm_same_year", "1"),
                ("filename", "ke-hoach-tinh.txt"),
                ("title", "Kế hoạch công tác đối ngoại năm 2026"),
                ("year", "2026"),
                ("origin", "province"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let plan: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/plans/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let p = app.plan(plan).await;
    assert_eq!((p.origin.code(), p.doc_number), ("province", None));
    // Another province's plan is not offered to this commune.
    let far = app.sign_in("farofficer").await;
    assert_eq!(far.get("/province/plans").await.status(), 200);
    let far_office = app.sign_in("faroffice").await;
    assert_eq!(
        far_office
            .post_form(&format!("/plans/from-province/{id}"), &[])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn a_blank_plan_gets_sections_and_tasks_in_the_browser_forms() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        blank_plan_on(&app).await;
    }
}

async fn blank_plan_on(app: &TestApp) {
    let office = app.sign_in("office").await;
    let r = office.post_form("/plans/blank", &[("year", "2027")]).await;
    assert_eq!(r.status(), 303);
    let plan: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/plans/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let sections = app.sections_of(plan).await;
    let content = sections
        .iter()
        .find(|s| s.title == "NỘI DUNG")
        .unwrap()
        .id
        .to_string();
    // A sub-section under II. lands inside II., before III.
    let r = office
        .post_form(
            &format!("/plans/{plan}/sections"),
            &[
                ("parent", &content),
                ("label", "1."),
                ("title", "Thông tin đối ngoại"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let sections = app.sections_of(plan).await;
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let at = titles
        .iter()
        .position(|t| *t == "Thông tin đối ngoại")
        .unwrap();
    assert_eq!(titles[at - 1], "NỘI DUNG");
    assert_eq!(titles[at + 1], "KINH PHÍ THỰC HIỆN");
    let sub = &sections[at];
    assert_eq!(
        (sub.level, sub.parent_id),
        (2, Some(content.parse().unwrap()))
    );
    // A task with a quarterly time frame gets four occurrences in 2027.
    let unit = app.unit.to_string();
    let sub_id = sub.id.to_string();
    let r = office
        .post_form(
            &format!("/plans/{plan}/tasks"),
            &[
                ("section", &sub_id),
                (
                    "text",
                    "Cập nhật tin bài đối ngoại trên cổng thông tin điện tử",
                ),
                ("lead", &unit),
                ("timeframe", "Hằng quý"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let task: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/tasks/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let occ = app.occurrences_of(task).await;
    assert_eq!(occ.len(), 4);
    assert!(occ.iter().all(|o| o.due_on.starts_with("2027-")));
    assert_eq!(app.task(task).await.lead_unit_id, Some(app.unit));
    // An empty task is refused and nothing is added.
    let r = office
        .post_form(&format!("/plans/{plan}/tasks"), &[("text", "  ")])
        .await;
    assert_eq!(r.status(), 400);
    let rows = app.tasks_of_plan(plan).await;
    assert_eq!(rows.len(), 1);
    // A viewer cannot add anything.
    let viewer = app.sign_in("viewer").await;
    assert_eq!(
        viewer
            .post_form(&format!("/plans/{plan}/tasks"), &[("text", "x")])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn lists_filter_sort_and_export_csv() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        lists_on(&app).await;
    }
}

/// Where each of `needles` first stands in `text`, which must hold them in that order.
#[track_caller]
fn assert_in_order(text: &str, needles: &[&str]) {
    let at: Vec<usize> = needles
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n:?} not in:\n{text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "not in the order {needles:?} ({at:?}):\n{text}"
    );
}

/// The numbers `N` of the "đợt N" tasks in `text`, in the order they appear.
fn rounds(text: &str) -> Vec<u32> {
    text.split("Xiêng Khoảng, đợt ")
        .skip(1)
        .map(|s| s[..2].parse().unwrap())
        .collect()
}

/// The task table of "Việc của tôi" (after the two occurrence tables).
fn mine_table(page: &str) -> &str {
    page.split("Nhiệm vụ đơn vị chủ trì hoặc phối hợp")
        .nth(1)
        .expect("the unit's task table")
}

async fn lists_on(app: &TestApp) {
    let office = app.sign_in("office").await;
    // Plans: filter by status and words without tones; CSV with a BOM for Excel.
    let all = office.get_text("/plans").await;
    assert!(all.contains("Trang 1/1"));
    let csv = office.get("/plans?format=csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("\u{feff}Năm,Trích yếu"));
    assert_eq!(text.lines().count(), 2, "{text}");
    let none = office
        .get("/plans?status=issued&format=csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(none.lines().count(), 1);
    // Tasks: a folded query finds the same rows as the accented one.
    let a = office
        .get("/tasks?q=đối ngoại&format=csv")
        .await
        .text()
        .await
        .unwrap();
    let b = office
        .get("/tasks?q=DOI NGOAI&format=csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(a, b);
    assert!(a.lines().count() > 1);
    // Staff: their own tasks as CSV.
    let staff = app.sign_in("staff").await;
    let mine = staff.get("/mine?format=csv").await.text().await.unwrap();
    assert!(mine.lines().count() >= 2, "{mine}");
    let before = mine.lines().count() - 1;
    // "Việc của tôi" filters, sorts and pages: 60 more tasks for the unit, the later ones
    // due sooner, so due order is the reverse of plan order.
    let office_user = app.user("office").await;
    let mut round30 = 0;
    for i in 0..60u32 {
        let due = chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()
            + chrono::Duration::days(i64::from(60 - i));
        let id = app
            .app
            .add_task(
                &office_user,
                app.home_plan,
                app::tasks::NewTaskInput {
                    section: None,
                    text: domain::text::TaskText::parse(&format!(
                        "Giao lưu với tỉnh Xiêng Khoảng, đợt {i:02}"
                    ))
                    .unwrap(),
                    lead: Some(app.unit),
                    timeframe: format!("Trước ngày {}", due.format("%d/%m/%Y")),
                },
                None,
            )
            .await
            .unwrap()
            .0;
        if i == 30 {
            round30 = id;
        }
    }
    // Half done on round 30: it sorts last by progress.
    let occ = app.occurrences_of(round30).await[0].id.to_string();
    let r = staff
        .post_multipart(
            &format!("/tasks/{round30}/progress"),
            &[
                ("occurrence", &occ),
                ("status", "in_progress"),
                ("percent", "50"),
                ("note", "Đang chuẩn bị"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status(), 303);
    let total = before + 60;
    let all = staff.get_text("/mine?format=csv").await;
    assert_eq!(all.lines().count(), total + 1, "the CSV is not paged");
    // Page 1 holds 50 rows, due date first; page 2 the rest; a page past the end is the last.
    let page1 = staff.get_text("/mine").await;
    let table1 = mine_table(&page1);
    assert!(table1.contains(&format!("({total})")), "{table1}");
    assert!(
        table1.contains("Trang 1/2")
            && table1.contains("href=\"/mine?sort=due&#38;year=2026&#38;page=2\"")
    );
    assert_eq!(table1.matches("href=\"/tasks/").count(), 50);
    let due_order = rounds(table1);
    assert!(due_order.windows(2).all(|w| w[0] > w[1]), "{due_order:?}");
    let page2 = staff.get_text("/mine?page=2").await;
    let table2 = mine_table(&page2);
    assert_eq!(table2.matches("href=\"/tasks/").count(), total - 50);
    assert_eq!(rounds(table1).len() + rounds(table2).len(), 60);
    assert_eq!(mine_table(&staff.get_text("/mine?page=99").await), table2);
    // Filter without tones: only the 60 rounds; sorted by plan order, by text, by progress.
    let csv = staff
        .get_text("/mine?q=XIENG KHOANG&sort=ref&format=csv")
        .await;
    assert_eq!(rounds(&csv), (0..60).collect::<Vec<_>>());
    assert_eq!(csv.lines().count(), 61);
    let by_text = staff.get_text("/mine?q=xieng khoang&sort=text").await;
    let table = mine_table(&by_text);
    assert_eq!(rounds(table), (0..50).collect::<Vec<_>>());
    assert!(
        table.contains("href=\"/mine?q=xieng%20khoang&#38;sort=text&#38;year=2026&#38;page=2\"")
    );
    assert!(
        table
            .contains("href=\"/mine?q=xieng%20khoang&#38;sort=text&#38;year=2026&#38;format=csv\"")
    );
    assert!(table.contains("<option value=\"text\" selected>"));
    let by_progress = staff
        .get_text("/mine?q=xieng khoang&sort=progress&format=csv")
        .await;
    assert_eq!(rounds(&by_progress).last(), Some(&30));
    // An unknown sort is the default (due date).
    assert_eq!(
        staff.get_text("/mine?sort=bogus&format=csv").await,
        staff.get_text("/mine?sort=due&format=csv").await
    );
    assert_eq!(
        rounds(
            &staff
                .get_text("/mine?q=xieng khoang&sort=x&format=csv")
                .await
        ),
        (0..60).rev().collect::<Vec<_>>()
    );
    // Province: filter by commune name without tones, sort, CSV.
    let officer = app.sign_in("province").await;
    let p = app.province;
    let csv = officer
        .get(&format!("/province?province={p}&q=ha bac&format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("Hà Bắc"));
    let sorted = officer
        .get(&format!("/province?province={p}&sort=-progress&format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(sorted.lines().count(), 3);
    let page = officer
        .get_text(&format!("/province?province={p}&sort=overdue"))
        .await;
    assert!(page.contains("Trang 1/1 (2 xã, phường)"));
}

/// A DOCX whose document.xml inflates far past the reader's limit, from a small upload.
fn docx_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..80 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_a_zip_bomb_is_refused() {
    if samples::missing() {
        return;
    }
    let app = crate::support::spawn_app().await;
    let office = app.sign_in("office").await;
    let plans_before = app.plans_of(app.home).await.len();
    let bomb = docx_bomb();
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    let r = office
        .post_multipart("/plans/import", &[], Some(("file", "ke-hoach.docx", bomb)))
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("khi giải nén lớn hơn"), "{page}");
    // A legacy .doc (OLE) file under a .docx name is named for what it is.
    let r = office
        .post_multipart(
            "/plans/import",
            &[],
            Some((
                "file",
                "ke-hoach.docx",
                vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0],
            )),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains(".doc"));
    // A body over the server's limit is refused before any of it is stored.
    let huge = vec![b'a'; app::Config::default().limits.max_request_bytes + 1024];
    let r = office
        .post_multipart("/plans/import", &[], Some(("file", "lon.txt", huge)))
        .await;
    assert!(r.status() == 413 || r.status() == 400, "{}", r.status());
    assert_eq!(app.plans_of(app.home).await.len(), plans_before);
}

#[tokio::test]
async fn unit_and_account_changes_show_in_their_pages_history() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        org_history_on(&app).await;
    }
}

async fn org_history_on(app: &TestApp) {
    let office = app.sign_in("office").await;
    let r = office
        .post_form("/admin/units", &[("name", "Tổ công tác đối ngoại")])
        .await;
    assert_eq!(r.status(), 303);
    // The same name again, in capitals and without tones, is refused with a message.
    let r = office
        .post_form("/admin/units", &[("name", "TO CONG TAC DOI NGOAI")])
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("đã có trong danh sách"));
    let page = office.get_text("/admin/units").await;
    let history = page.split("Lịch sử thay đổi").nth(1).unwrap();
    assert!(
        history.contains("Thêm đơn vị") && history.contains("Tổ công tác đối ngoại"),
        "{history}"
    );
    let admin = app.sign_in("admin").await;
    let r = admin
        .post_form(
            "/admin/users",
            &[
                ("username", "canbo.moi"),
                ("display_name", "Trần Thị B"),
                ("password", "mật khẩu đủ dài"),
                ("role", "viewer"),
                ("commune", &app.home.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = admin.get_text("/admin/users").await;
    let history = page.split("Lịch sử thay đổi").nth(1).unwrap();
    assert!(history.contains("canbo.moi"), "{history}");
    // A bad account name keeps what was typed and says why.
    let r = admin
        .post_form(
            "/admin/users",
            &[
                ("username", "Tên Có Dấu"),
                ("display_name", "Người mới"),
                ("password", "mật khẩu đủ dài"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("Tên đăng nhập gồm 3–40 ký tự") && page.contains("value=\"Người mới\""));
}

#[tokio::test]
async fn a_stored_plan_is_written_as_an_official_document_with_its_edits() {
    if samples::missing() {
        return;
    }
    let app = crate::support::spawn_app().await;
    let office = app.sign_in("office").await;
    // An edit in the browser shows in the exported document.
    let sections = app.sections_of(app.home_plan).await;
    let s = sections.iter().find(|s| s.level == 2).unwrap();
    let r = office
        .post_form(
            &format!("/plans/{}/sections/{}", app.home_plan, s.id),
            &[
                ("label", &s.label),
                ("title", &s.title),
                ("body", "Nội dung đã sửa trên hệ thống doingoai."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = office.get_text(&format!("/plans/{}", app.home_plan)).await;
    let history = page.split("Lịch sử thay đổi").nth(1).unwrap();
    assert!(
        history.contains("Sửa mục") && history.contains("Nội dung đã sửa trên hệ thống doingoai.")
    );
    let r = office
        .get(&format!("/plans/{}/export/docx", app.home_plan))
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".docx")
    );
    let bytes = r.bytes().await.unwrap();
    let doc = document::parse_bytes(&bytes, Some("x.docx")).expect("the export reads back");
    let plan = app.plan(app.home_plan).await;
    assert_eq!(doc.title.as_deref(), Some(plan.title.as_str()));
    assert_eq!(doc.doc_type.as_deref(), Some("KH"));
    assert_eq!(doc.commune.as_deref(), Some("Hà Bắc"));
    let text = serde_json::to_string(&doc.sections).unwrap();
    assert!(text.contains("Nội dung đã sửa trên hệ thống doingoai."));
    let r = office
        .get(&format!("/plans/{}/export/xlsx", app.home_plan))
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
    #[cfg(feature = "pdf")]
    {
        let r = office
            .get(&format!("/plans/{}/export/pdf", app.home_plan))
            .await;
        assert_eq!(r.status(), 200);
        assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
    }
    assert_eq!(
        office
            .get(&format!("/plans/{}/export/exe", app.home_plan))
            .await
            .status(),
        404
    );
    // Another commune's plan is not exported for this user.
    assert_eq!(
        office
            .get(&format!("/plans/{}/export/docx", app.neighbour_plan))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_demo_fills_a_province_with_the_sample_communes_and_their_plans() {
    if samples::missing() {
        return;
    }
    demo_on(&samples::seeds_dir(), samples::seed_paths().len()).await;
}

/// On a clone of the repository alone (no sample plans beside it) the demo still starts,
/// with generated plans and the same organisation, accounts and progress (issue 13,
/// defect r).
#[tokio::test]
async fn the_demo_without_the_sample_plans_uses_generated_plans() {
    demo_on(std::path::Path::new("/nonexistent/seeds"), 5).await;
}

async fn demo_on(seeds: &std::path::Path, communes_expected: usize) {
    let app = crate::support::open(&testkit::sqlite_url("demo")).await;
    let demo = seed::demo::seed(&app, seeds).await.unwrap();
    let accounts = demo.accounts;
    let admin_id = accounts.iter().position(|a| a.username == "admin").unwrap();
    assert_eq!(admin_id, 0);
    let admin = {
        let c = app
            .communes_for(
                &app.account_for_operator(app::org::Who::Operator, 1)
                    .await
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(c.len(), communes_expected);
        app.account_for_operator(app::org::Who::Operator, 1)
            .await
            .unwrap()
    };
    let v = app
        .province_view(&admin, None, None, "", app::ProvinceSort::Name, None)
        .await
        .unwrap();
    assert_eq!(v.communes.rows.len(), communes_expected);
    assert!(
        v.communes.rows.iter().all(|c| c.plan_id.is_some()),
        "every commune has its plan"
    );
    assert!(v.communes.rows.iter().map(|r| r.tasks).sum::<i64>() > 50);
    let with_done = v.communes.rows.iter().filter(|r| r.done > 0).count();
    assert!(
        with_done * 2 > communes_expected,
        "most communes have finished tasks: {with_done} of {communes_expected}"
    );
    // One password for all, printed; every role has an account, the viewer too.
    assert!(accounts.iter().all(|a| a.password == accounts[0].password));
    for role in domain::access::Role::ALL {
        assert!(accounts.iter().any(|a| a.role == role), "{role:?}");
    }
    // Each commune has staff of a unit other than the office, and they recorded progress
    // on their own tasks.
    for c in &v.communes.rows {
        let staff: Vec<_> = accounts
            .iter()
            .filter(|a| {
                a.role == domain::access::Role::UnitStaff
                    && a.place.starts_with(&app::format::capitalise(
                        &c.commune_kind.full_name(&c.commune_name),
                    ))
            })
            .collect();
        assert!(!staff.is_empty(), "{} has unit staff", c.commune_name);
        assert!(
            staff.iter().all(|a| !a.place.contains("Văn phòng")),
            "{:?}",
            staff
        );
    }
    // The printed accounts sign in; unit staff see their tasks, with progress they recorded.
    let mut by_staff = 0;
    for a in accounts
        .iter()
        .filter(|a| a.role == domain::access::Role::UnitStaff)
    {
        let user = app
            .sign_in(&a.username, &a.password, "127.0.0.1")
            .await
            .unwrap()
            .user;
        let mine = app
            .mine(&user, None, "", app::TaskSort::Due, None)
            .await
            .unwrap()
            .unwrap();
        assert!(!mine.tasks.rows.is_empty(), "{} has tasks", a.username);
        for t in mine.tasks.rows.iter().filter(|t| t.percent > 0) {
            let (_, _, _, updates) = app.task_detail(&user, t.id).await.unwrap();
            by_staff += updates
                .rows
                .iter()
                .filter(|u| u.username == a.username)
                .count();
        }
    }
    assert!(by_staff > 0, "unit staff recorded progress themselves");
}

#[tokio::test]
async fn last_years_plan_is_copied_to_the_next_year_with_new_schedules() {
    if samples::missing() {
        return;
    }
    let app = crate::support::spawn_app().await;
    let office = app.sign_in("office").await;
    let r = office
        .post_form(
            &format!("/plans/{}/copy", app.home_plan),
            &[("year", "2027")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let copy: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/plans/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let p = app.plan(copy).await;
    assert_eq!(
        (p.year, p.origin.code(), p.status.code()),
        (2027, "copy", "draft")
    );
    let old = app.tasks_of_plan(app.home_plan).await;
    let new = app.tasks_of_plan(copy).await;
    assert_eq!(old.len(), new.len());
    assert_eq!(
        app.sections_of(copy).await.len(),
        app.sections_of(app.home_plan).await.len()
    );
    let task = new.iter().find(|t| t.occurrences > 0).unwrap();
    let occ = app.occurrences_of(task.id).await;
    assert!(occ.iter().all(|o| o.due_on.starts_with("2027-")), "{occ:?}");
    assert!(
        !new.iter().any(|t| t.text.contains("năm 2026")),
        "years in texts moved to 2027"
    );
    // A year outside 2000–2100 is refused in Vietnamese.
    let r = office
        .post_form(
            &format!("/plans/{}/copy", app.home_plan),
            &[("year", "1999")],
        )
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn unit_and_account_lists_filter_and_export_csv() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        unit_and_account_lists_on(&app).await;
    }
}

async fn unit_and_account_lists_on(app: &TestApp) {
    let office = app.sign_in("office").await;
    let csv = office
        .get("/admin/units?q=cong an&format=csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("\u{feff}Tên đơn vị,Đang hoạt động"));
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("\nCông an,Có"), "{csv}");
    let page = office.get_text("/admin/units?q=cong an").await;
    assert!(
        page.contains("value=\"Công an\"") && !page.contains("value=\"Văn phòng HĐND và UBND\"")
    );
    let admin = app.sign_in("admin").await;
    let csv = admin
        .get("/admin/users?role=unit_staff&format=csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("staff,"));
    let page = admin.get_text("/admin/users?q=NGUOI DUNG OFFICE").await;
    assert!(page.contains("<td>office</td>") && !page.contains("<td>viewer</td>")); // Units: list order by default, names A–Z without tones first, active first; 50 a page.
    for i in 1..=55 {
        app.app
            .add_unit(
                &app.admin,
                Some(app.home),
                &format!("Tổ dân phố số {i:02}"),
                None,
            )
            .await
            .unwrap();
    }
    let units = app.units_of(app.home).await;
    let police = units.iter().find(|u| u.name == "Công an").unwrap();
    app.app
        .update_unit(&app.admin, police.id, "Công an", false, None)
        .await
        .unwrap();
    let csv = office.get_text("/admin/units?format=csv").await;
    assert_eq!(csv.lines().count(), units.len() + 1, "the CSV is not paged");
    assert_in_order(
        &csv,
        &[
            "\nVăn phòng HĐND và UBND,",
            "\nPhòng Kinh tế,",
            "\nCông an,Không",
            "\nTổ dân phố số 01,",
        ],
    );
    let by_name = office.get_text("/admin/units?sort=name&format=csv").await;
    assert_in_order(
        &by_name,
        &[
            "\nCông an,",
            "\nĐảng ủy,",
            "\nHội Nông dân,",
            "\nỦy ban Mặt trận",
            "\nVăn phòng HĐND",
        ],
    );
    let active = office.get_text("/admin/units?sort=active&format=csv").await;
    assert!(active.ends_with("\nCông an,Không\r\n"), "{active}");
    assert_eq!(
        office.get_text("/admin/units?sort=bogus&format=csv").await,
        csv,
        "an unknown sort is the default"
    );
    let page1 = office.get_text("/admin/units").await;
    let rows = |page: &str| page.matches("action=\"/admin/units/").count();
    assert_eq!(rows(&page1), 50);
    assert!(page1.contains(&format!("Trang 1/2 ({} đơn vị)", units.len())));
    let page2 = office.get_text("/admin/units?page=2").await;
    assert_eq!(rows(&page2), units.len() - 50);
    assert!(
        page2.contains("value=\"Tổ dân phố số 55\"")
            && !page1.contains("value=\"Tổ dân phố số 55\"")
    );
    let filtered = office.get_text("/admin/units?q=to dan pho&sort=name").await;
    let c = app.home;
    assert!(filtered.contains(&format!(
        "href=\"/admin/units?commune={c}&#38;q=to%20dan%20pho&#38;sort=name&#38;page=2\""
    )));
    assert!(filtered.contains("Trang 1/2 (55 đơn vị)"), "{filtered}");
    let csv = office
        .get_text("/admin/units?q=to dan pho&sort=name&format=csv")
        .await;
    assert_eq!(csv.lines().count(), 56);
    assert!(csv.ends_with("\nTổ dân phố số 55,Có\r\n"));
    // Accounts: 55 more (names with tones), one locked; sign-in name A–Z by default.
    let hash = app::auth::hash_password(domain::names::NewPassword::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    let mut extra = vec![
        ("zz_dang".to_string(), "Đặng Minh".to_string()),
        ("zz_duong".into(), "Dương Lan".into()),
        ("zz_anh".into(), "Ánh Tuyết".into()),
        ("zz_bao".into(), "Bảo Ngọc".into()),
    ];
    extra.extend((1..=51).map(|i| (format!("hang{i:02}"), format!("Nguyễn Thị Hằng {i:02}"))));
    for (username, name) in &extra {
        app.app
            .create_account(
                app::org::Who::Operator,
                &app::org::NewAccount {
                    username: username.clone(),
                    display_name: name.clone(),
                    password: app::org::Password::Hashed(hash.clone()),
                    role: Some(domain::access::Role::Viewer),
                    province_id: None,
                    commune_id: Some(app.home),
                    unit_id: None,
                },
                None,
            )
            .await
            .unwrap();
    }
    let hang01 = app.user("hang01").await.id;
    app.app
        .set_account_active(&app.admin, hang01, false, None)
        .await
        .unwrap();
    let total = app.account_count().await;
    let csv = admin.get_text("/admin/users?format=csv").await;
    assert_eq!(csv.lines().count(), total + 1, "the CSV is not paged");
    assert_in_order(
        &csv,
        &[
            "\nadmin,",
            "\nfaroffice,",
            "\nhang01,",
            "\nviewer,",
            "\nzz_anh,",
        ],
    );
    let by_name = admin.get_text("/admin/users?sort=name&format=csv").await;
    assert_in_order(
        &by_name,
        &[
            "Ánh Tuyết",
            "Bảo Ngọc",
            "Đặng Minh",
            "Dương Lan",
            "Người dùng admin",
        ],
    );
    let by_role = admin.get_text("/admin/users?sort=role&format=csv").await;
    assert_in_order(
        &by_role,
        &[
            "\nadmin,",
            "\nprovince,",
            "\nleader,",
            "\noffice,",
            "\nstaff,",
            "\nhang01,",
        ],
    );
    let by_status = admin.get_text("/admin/users?sort=status&format=csv").await;
    assert!(by_status.ends_with("\nhang01,Nguyễn Thị Hằng 01,Người xem,Hà Bắc,,Không\r\n"));

    assert_eq!(
        admin.get_text("/admin/users?sort=bogus&format=csv").await,
        csv,
        "an unknown sort is the default"
    );
    let rows = |page: &str| page.matches("/active\"").count();

    let page1 = admin.get_text("/admin/users").await;
    assert_eq!(rows(&page1), 50);
    assert!(page1.contains(&format!("Trang 1/2 ({total} tài khoản)")));
    let page2 = admin.get_text("/admin/users?page=2").await;
    assert_eq!(rows(&page2), total - 50);
    assert!(page2.contains("<td>zz_dang</td>") && !page1.contains("<td>zz_dang</td>"));
    assert_eq!(rows(&admin.get_text("/admin/users?page=-3").await), 50);
    // The filter and the sort stay in the pager and CSV links; the CSV holds all 51.
    let hang = admin
        .get_text("/admin/users?q=HANG&role=viewer&sort=status")
        .await;
    assert!(hang.contains("Trang 1/2 (51 tài khoản)"), "{hang}");
    assert!(
        hang.contains("href=\"/admin/users?q=HANG&#38;role=viewer&#38;sort=status&#38;page=2\"")
    );
    assert!(
        hang.contains(
            "href=\"/admin/users?q=HANG&#38;role=viewer&#38;sort=status&#38;format=csv\""
        )
    );
    assert!(hang.contains("<option value=\"status\" selected>"));
    let csv = admin
        .get_text("/admin/users?q=HANG&role=viewer&sort=status&format=csv")
        .await;
    assert_eq!(csv.lines().count(), 52);
    assert!(csv.ends_with(",Không\r\n"));
}

#[tokio::test]
async fn reminders_are_listed_and_served_as_a_calendar_behind_a_secret_address() {
    if samples::missing() {
        return;
    }
    for app in crate::support::apps().await {
        let office = app.sign_in("office").await;
        let page = office.get_text("/reminders").await;
        assert!(page.contains("<h1>Nhắc việc</h1>"));
        // The 6-month report of 2026 is due (16/06/2026) and overdue (today 01/07/2026).
        assert!(
            page.contains("16/06/2026"),
            "the report's deadline is listed"
        );
        let r = office.post_form("/reminders/calendar", &[]).await;
        assert_eq!(r.status(), 200);
        let made = r.text().await.unwrap();
        let url = made
            .split("readonly value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the address is shown once")
            .to_string();
        let path = url
            .split_once("/calendar/")
            .map(|(_, t)| format!("/calendar/{t}"))
            .unwrap();
        // No sign-in: the address is the secret.
        let anonymous = app.anonymous();
        let feed = anonymous.get(&path).await;
        assert_eq!(feed.status(), 200);
        assert!(
            feed.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = feed.text().await.unwrap();
        assert!(ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART;VALUE=DATE:20260616"));
        // Shown once: the page afterwards does not repeat it.
        assert!(!office.get_text("/reminders").await.contains(&url));
        let r = office.post_form("/reminders/calendar/end", &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(anonymous.get(&path).await.status(), 404);
        assert_eq!(
            anonymous.get("/calendar/not-a-token.ics").await.status(),
            404
        );

        // E-mail: a wrong address is refused beside the field and kept as typed.
        let r = office
            .post_form("/reminders/mail", &[("email", "van phong@xa")])
            .await;
        assert_eq!(r.status(), 200);
        let refused = r.text().await.unwrap();
        assert!(refused.contains("Địa chỉ thư điện tử không hợp lệ"));
        assert!(refused.contains("value=\"van phong@xa\""));
        assert!(refused.contains("chưa được cấu hình gửi thư"));
        let r = office
            .post_form(
                "/reminders/mail",
                &[("email", "vanphong@xathunghiem.gov.vn")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let saved = office.get_text("/reminders?saved=mail").await;
        assert!(saved.contains("Đã lưu địa chỉ nhận thư nhắc việc"));
        assert!(saved.contains("value=\"vanphong@xathunghiem.gov.vn\""));
        let r = office.post_form("/reminders/mail", &[("email", "")]).await;
        assert_eq!(r.status(), 303);
        assert!(
            !office
                .get_text("/reminders")
                .await
                .contains("vanphong@xathunghiem.gov.vn")
        );
    }
}

#[tokio::test]
async fn an_administrator_corrects_the_holiday_calendar_and_a_wrong_date_is_kept_in_the_form() {
    if samples::missing() {
        return;
    }
    for app in crate::support::apps().await {
        let admin = app.sign_in("admin").await;
        let page = admin.get_text("/admin/calendar?year=2026").await;
        assert!(page.contains("Lịch ngày nghỉ, ngày làm bù năm 2026"));
        // Tết Nguyên đán 2026: mùng 1 is 17/02/2026, a Tuesday.
        assert!(page.contains("17/02/2026</td>\n<td>Thứ Ba"), "{page}");
        let r = admin
            .post_form(
                "/admin/calendar",
                &[
                    ("year", "2026"),
                    ("day", "31/02/2026"),
                    ("kind", "holiday"),
                    ("name", "Nghỉ bù"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let refused = r.text().await.unwrap();
        assert!(refused.contains("ngày/tháng/năm"));
        assert!(refused.contains("value=\"31/02/2026\"") && refused.contains("value=\"Nghỉ bù\""));
        let r = admin
            .post_form(
                "/admin/calendar",
                &[
                    ("year", "2026"),
                    ("day", "02/01/2026"),
                    ("kind", "holiday"),
                    ("name", "Nghỉ bù Tết Dương lịch"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let saved = admin
            .get_text("/admin/calendar?year=2026&saved=calendar_day")
            .await;
        assert!(saved.contains("Đã lưu lịch"));
        assert!(saved.contains("02/01/2026</td>\n<td>Thứ Sáu</td>\n<td>Ngày nghỉ</td>\n<td>Nghỉ bù Tết Dương lịch</td>\n<td>Đã sửa"));
        // Taking the correction off restores the shipped calendar.
        let r = admin
            .post_form(
                "/admin/calendar",
                &[
                    ("year", "2026"),
                    ("day", "02/01/2026"),
                    ("kind", "none"),
                    ("name", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            !admin
                .get_text("/admin/calendar?year=2026")
                .await
                .contains("<td>Nghỉ bù Tết Dương lịch</td>")
        );
        // The province officer reads it (deadlines are theirs) and cannot change it.
        let officer = app.sign_in("province").await;
        let read = officer.get_text("/admin/calendar?year=2026").await;
        assert!(read.contains("17/02/2026") && !read.contains("Sửa một ngày"));
        let r = officer
            .post_form(
                "/admin/calendar",
                &[("day", "05/01/2026"), ("kind", "holiday"), ("name", "Nghỉ")],
            )
            .await;
        assert_eq!(r.status(), 403);
        // A commune's office does not see it.
        let office = app.sign_in("office").await;
        assert_eq!(office.get("/admin/calendar").await.status(), 403);
    }
}

#[tokio::test]
async fn a_province_renames_and_drops_headings_of_a_regime_and_the_communes_drafts_follow() {
    if samples::missing() {
        return;
    }
    for app in crate::support::apps().await {
        let officer = app.sign_in("province").await;
        let officer_user = app.user("province").await;
        let page = officer
            .get_text(&format!("/province/regimes?province={}", app.province))
            .await;
        assert!(page.contains("Đề cương báo cáo"));
        let rows = app.app.regimes(&officer_user, app.province).await.unwrap();
        let row = rows.iter().find(|r| r.regime.code == "bc-6-thang").unwrap();
        let choices = domain::report::outline_choices(row.regime.kind, None, &row.regime.outline);
        let (id, version) = (row.id.to_string(), row.version.to_string());
        let names: Vec<(String, String)> = choices
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                let heading = if i == 0 {
                    "TÌNH HÌNH CHUNG CỦA ĐỊA PHƯƠNG".to_string()
                } else {
                    c.default.heading.clone()
                };
                let mut v = vec![(format!("heading_{i}"), heading)];
                if c.optional && c.default.heading != "Thỏa thuận quốc tế" {
                    v.push((format!("keep_{i}"), "on".to_string()));
                }
                v
            })
            .collect();
        let mut fields: Vec<(&str, &str)> = vec![
            ("id", &id),
            ("version", &version),
            ("kind", "periodic"),
            ("name", "Báo cáo công tác đối ngoại 6 tháng"),
            ("receiver", "Sở Ngoại vụ"),
            ("frequency", "six_months"),
            ("cut_off", "decree09"),
            ("days", "2"),
            ("annex", "01"),
            ("active", "on"),
        ];
        fields.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        // An empty heading is refused and nothing changes.
        let mut empty = fields.clone();
        empty.retain(|(k, _)| *k != "heading_0");
        empty.push(("heading_0", "  "));
        let r = officer
            .post_form(
                &format!("/province/regimes?province={}", app.province),
                &empty,
            )
            .await;
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("Mỗi đề mục của đề cương"));
        let r = officer
            .post_form(
                &format!("/province/regimes?province={}", app.province),
                &fields,
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let office = app.user("office").await;
        let draft = app
            .app
            .draft_report(
                &office,
                app.home,
                Some("bc-6-thang"),
                domain::report::Period::parse("6-thang-2026").unwrap(),
            )
            .await
            .unwrap();
        let headings: Vec<&str> = draft.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings[0], "TÌNH HÌNH CHUNG CỦA ĐỊA PHƯƠNG");
        assert!(!headings.contains(&"Thỏa thuận quốc tế"), "{headings:?}");
        assert!(headings.contains(&"Viện trợ"), "{headings:?}");
        // The form shows the regime as saved: the dropped heading unticked.
        let page = officer
            .get_text(&format!("/province/regimes?province={}", app.province))
            .await;
        assert!(page.contains("value=\"TÌNH HÌNH CHUNG CỦA ĐỊA PHƯƠNG\""));
    }
}

#[tokio::test]
async fn an_ad_hoc_report_counts_the_window_the_commune_chooses() {
    if samples::missing() {
        return;
    }
    for app in crate::support::apps().await {
        let officer = app.sign_in("province").await;
        let r = officer
            .post_form(
                &format!("/province/regimes?province={}", app.province),
                &[
                    ("kind", "ad_hoc"),
                    (
                        "name",
                        "Báo cáo chuyên đề công tác người Việt Nam ở nước ngoài",
                    ),
                    ("receiver", "Sở Ngoại vụ"),
                    ("frequency", "six_months"),
                    ("cut_off", "decree09"),
                    ("days", "5"),
                    ("annex", "01"),
                    ("active", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let office = app.sign_in("office").await;
        let page = office.get_text("/reports").await;
        assert!(page.contains("Báo cáo chuyên đề, đột xuất"));
        let regime = page
            .split("Báo cáo chuyên đề, đột xuất")
            .nth(1)
            .and_then(|s| s.split("<option value=\"").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string();
        let home = app.home.to_string();
        let bad = office
            .post_form(
                "/reports/start",
                &[
                    ("commune", &home),
                    ("regime", &regime),
                    ("from", "31/03/2026"),
                    ("to", "01/03/2026"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 400);
        assert!(bad.text().await.unwrap().contains("từ ngày không sau"));
        let fields = [
            ("commune", home.as_str()),
            ("regime", regime.as_str()),
            ("from", "01/03/2026"),
            ("to", "31/03/2026"),
        ];
        let r = office.post_form("/reports/start", &fields).await;
        assert_eq!(r.status(), 303);
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let report = office.get_text(&at).await;
        assert!(
            report.contains("Số liệu tính từ ngày</b> 01/03/2026 <b>đến ngày</b> 31/03/2026"),
            "{report}"
        );
        // Five working days after 31/03/2026: 07/04/2026.
        assert!(
            report.contains("Hạn gửi:</b> ngày 07 tháng 04 năm 2026"),
            "{report}"
        );
        // A second click opens the same report.
        let again = office.post_form("/reports/start", &fields).await;
        assert_eq!(again.headers()["location"].to_str().unwrap(), at);
    }
}
