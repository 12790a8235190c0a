//! The JSON API does what the pages do: a plan made, edited, moved through its lifecycle,
//! copied and exported; tasks edited and progress recorded; the province overview read —
//! with the same permission rules and Vietnamese error messages.

use base64::Engine;
use serde_json::{Value, json};

use crate::support::{TestApp, apps};

/// An API client holding one user's token.
struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn of(app: &TestApp, username: &str) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: app.base.clone(),
            token: app.sign_in(username).await.api_token().await,
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }
    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }
    async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }
}

/// The id of a `201 Created` answer.
fn created((status, body): (u16, Value)) -> i64 {
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

/// A refused request: its status and that the message is the Vietnamese one expected.
fn refused((status, body): (u16, Value), expected: u16, message_part: &str) {
    assert_eq!(status, expected, "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(message_part), "{message}");
}

#[tokio::test]
async fn the_api_runs_a_plan_from_blank_to_amended_as_the_pages_do() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        plan_lifecycle_on(&app).await;
    }
}

async fn plan_lifecycle_on(app: &TestApp) {
    let office = Api::of(app, "office").await;
    let leader = Api::of(app, "leader").await;
    let staff = Api::of(app, "staff").await;

    let (status, units) = office.get("/api/v1/units").await;
    assert_eq!(status, 200);
    let other_unit = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .find(|id| *id != app.unit)
        .unwrap();

    // A blank plan; bad input and other roles are refused, nothing is made.
    let plans_before = app.plans_of(app.home).await.len();
    refused(
        staff.post("/api/v1/plans", json!({"year": 2027})).await,
        403,
        "không có quyền",
    );
    refused(
        office.post("/api/v1/plans", json!({"year": 1990})).await,
        400,
        "Năm",
    );
    refused(
        office.post("/api/v1/plans", json!({"year": "x"})).await,
        400,
        "JSON không hợp lệ",
    );
    assert_eq!(app.plans_of(app.home).await.len(), plans_before);
    let plan = created(office.post("/api/v1/plans", json!({"year": 2027})).await);

    // Sections: added, changed; an empty one is refused.
    let section = created(
        office
            .post(
                &format!("/api/v1/plans/{plan}/sections"),
                json!({"label": "IV.", "title": "Nhiệm vụ bổ sung"}),
            )
            .await,
    );
    let (status, body) = office
        .put(
            &format!("/api/v1/plans/{plan}/sections/{section}"),
            json!({"label": "IV.", "title": "NHIỆM VỤ BỔ SUNG NĂM 2027"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["section"]["title"], "NHIỆM VỤ BỔ SUNG NĂM 2027");
    refused(
        office
            .put(
                &format!("/api/v1/plans/{plan}/sections/{section}"),
                json!({"label": "IV."}),
            )
            .await,
        400,
        "tiêu đề hoặc nội dung",
    );

    // A task: a unit of another commune is refused; a quarterly one gets four occurrences.
    let neighbour_unit = app.units_of(app.neighbour).await[0].id;
    refused(
        office
            .post(
                &format!("/api/v1/plans/{plan}/tasks"),
                json!({"text": "Việc", "lead_unit_id": neighbour_unit}),
            )
            .await,
        400,
        "không thuộc xã",
    );
    let task = created(
        office
            .post(
                &format!("/api/v1/plans/{plan}/tasks"),
                json!({"section": section, "text": "Tuyên truyền về biên giới",
                       "lead_unit_id": app.unit, "timeframe": "Hằng quý"}),
            )
            .await,
    );
    let (_, t) = office.get(&format!("/api/v1/tasks/{task}")).await;
    assert_eq!(t["occurrences"].as_array().unwrap().len(), 4);
    assert_eq!(t["task"]["section_id"], section);

    // Patch: absent fields stay, null clears, a new time frame remakes the occurrences.
    let (status, t) = office
        .patch(
            &format!("/api/v1/tasks/{task}"),
            json!({"partner_unit_ids": [other_unit], "timeframe": "Tháng 6 năm 2027"}),
        )
        .await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(t["task"]["lead_unit_id"], app.unit);
    assert_eq!(t["task"]["text"], "Tuyên truyền về biên giới");
    assert_eq!(t["partners"][0][0], other_unit);
    assert_eq!(t["occurrences"].as_array().unwrap().len(), 1);
    let (_, t) = office
        .patch(
            &format!("/api/v1/tasks/{task}"),
            json!({"lead_unit_id": null}),
        )
        .await;
    assert_eq!(t["task"]["lead_unit_id"], Value::Null);
    assert_eq!(t["task"]["timeframe"], "Tháng 6 năm 2027");
    office
        .patch(
            &format!("/api/v1/tasks/{task}"),
            json!({"lead_unit_id": app.unit}),
        )
        .await;
    created(
        office
            .post(
                &format!("/api/v1/tasks/{task}/occurrences"),
                json!({"label": "Theo Công văn số 15/UBND-VP", "due_on": "2027-09-30"}),
            )
            .await,
    );
    refused(
        office
            .post(
                &format!("/api/v1/tasks/{task}/occurrences"),
                json!({"label": "", "due_on": "2027-09-30"}),
            )
            .await,
        400,
        "tên kỳ",
    );

    // Progress by the lead unit's staff, with a file as evidence; a script link is refused.
    let (_, t) = staff.get(&format!("/api/v1/tasks/{task}")).await;
    let occurrence = t["occurrences"][0]["id"].as_i64().unwrap();
    refused(
        staff
            .post(
                &format!("/api/v1/tasks/{task}/progress"),
                json!({"occurrence_id": occurrence, "status": "in_progress", "percent": 50,
                       "evidence_url": "javascript:alert(1)"}),
            )
            .await,
        400,
        "http",
    );
    let pdf = base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.4\n% minh chung\n");
    // A status and a percentage that disagree are refused, nothing recorded (defect i).
    refused(
        staff
            .post(
                &format!("/api/v1/tasks/{task}/progress"),
                json!({"occurrence_id": occurrence, "status": "done", "percent": 80}),
            )
            .await,
        400,
        "không khớp",
    );
    created(
        staff
            .post(
                &format!("/api/v1/tasks/{task}/progress"),
                json!({"occurrence_id": occurrence, "status": "done", "percent": 100,
                       "note": "Đã tổ chức", "evidence_file":
                       {"name": "bien-ban.pdf", "content_base64": pdf}}),
            )
            .await,
    );
    let updates = app.progress_of_task(task).await;
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].percent, 100);

    // Lifecycle: submit; a submitted plan is not edited; the leader (or the office that
    // files the signed copy) issues, unit staff may not.
    let (status, body) = office
        .post(
            &format!("/api/v1/plans/{plan}/status"),
            json!({"action": "submit"}),
        )
        .await;
    assert_eq!(
        (status, body["plan"]["status"].as_str()),
        (200, Some("submitted"))
    );
    refused(
        office
            .post(
                &format!("/api/v1/plans/{plan}/sections"),
                json!({"title": "Thêm"}),
            )
            .await,
        400,
        "dự thảo",
    );
    let issue = json!({"action": "issue", "number": "15/KH-UBND", "issued_on": "2027-01-10",
                       "signed_file": {"name": "ke-hoach-da-ky.pdf", "content_base64": pdf}});
    refused(
        staff
            .post(&format!("/api/v1/plans/{plan}/status"), issue.clone())
            .await,
        403,
        "không có quyền",
    );
    refused(
        leader
            .post(
                &format!("/api/v1/plans/{plan}/status"),
                json!({"action": "issue", "number": "15/KH-UBND", "issued_on": "2027-01-10"}),
            )
            .await,
        400,
        "bản đã ký",
    );
    let (status, body) = leader
        .post(&format!("/api/v1/plans/{plan}/status"), issue.clone())
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["plan"]["status"], "issued");
    assert_eq!(body["plan"]["doc_number"], "15/KH-UBND");
    // Issuing twice is refused: the plan is no longer submitted.
    refused(
        leader
            .post(&format!("/api/v1/plans/{plan}/status"), issue)
            .await,
        400,
        "không áp dụng",
    );

    // Amend: a new draft version; the issued one is kept as amended.
    let (status, body) = office
        .post(
            &format!("/api/v1/plans/{plan}/status"),
            json!({"action": "amend"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let amended = body["plan"]["id"].as_i64().unwrap();
    assert_ne!(amended, plan);
    assert_eq!(body["plan"]["version"], 2);
    assert_eq!(body["plan"]["status"], "draft");
    assert_eq!(app.plan(plan).await.status.code(), "amended");
    let (_, tasks) = office.get(&format!("/api/v1/tasks?plan={amended}")).await;
    assert!(
        tasks["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["text"] == "Tuyên truyền về biên giới")
    );

    // Copy to the next year, and export.
    let copy = created(
        office
            .post(
                &format!("/api/v1/plans/{amended}/copy"),
                json!({"year": 2028}),
            )
            .await,
    );
    assert_eq!(app.plan(copy).await.year, 2028);
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/plans/{copy}/export/docx", app.base))
        .bearer_auth(&office.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn the_api_keeps_each_commune_to_its_own_users_and_province() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        boundaries_on(&app).await;
    }
}

async fn boundaries_on(app: &TestApp) {
    let office = Api::of(app, "office").await;
    let far = Api::of(app, "faroffice").await;
    let province = Api::of(app, "province").await;
    let far_officer = Api::of(app, "farofficer").await;
    let viewer = Api::of(app, "viewer").await;
    let neighbour_plan = app.neighbour_plan;
    let text_before = app.task(app.home_task).await.text;
    for (status, _) in [
        office
            .post(
                &format!("/api/v1/plans/{neighbour_plan}/sections"),
                json!({"title": "Xen vào"}),
            )
            .await,
        office
            .post(
                "/api/v1/plans",
                json!({"year": 2027, "commune": app.neighbour}),
            )
            .await,
        far.patch(
            &format!("/api/v1/tasks/{}", app.home_task),
            json!({"text": "Đổi"}),
        )
        .await,
        viewer
            .post(
                &format!("/api/v1/plans/{}/copy", app.home_plan),
                json!({"year": 2027}),
            )
            .await,
        province
            .post(
                &format!("/api/v1/plans/{}/status", app.home_plan),
                json!({"action": "submit"}),
            )
            .await,
        far_officer
            .get(&format!("/api/v1/province?province={}", app.province))
            .await,
    ] {
        assert_eq!(status, 403);
    }
    assert_eq!(app.task(app.home_task).await.text, text_before);
    // The province officer reads every commune of the province.
    let (status, body) = province.get("/api/v1/province").await;
    assert_eq!(status, 200, "{body}");
    let ids: Vec<i64> = body["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["commune_id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&app.home) && ids.contains(&app.neighbour));
    // The published contract names every operation.
    let (_, spec) = office.get("/api/openapi.json").await;
    for path in [
        "/api/v1/plans/import",
        "/api/v1/units",
        "/api/v1/province",
        "/api/v1/plans/{id}/copy",
        "/api/v1/plans/{id}/status",
        "/api/v1/plans/{id}/sections",
        "/api/v1/plans/{id}/sections/{section}",
        "/api/v1/plans/{id}/tasks",
        "/api/v1/plans/{id}/export/{format}",
        "/api/v1/tasks/{id}/occurrences",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} in openapi.json");
    }
    assert!(spec["paths"]["/api/v1/plans"].get("post").is_some());
    assert!(spec["paths"]["/api/v1/tasks/{id}"].get("patch").is_some());
}

#[tokio::test]
async fn the_api_reads_a_document_checks_it_and_makes_the_plan_from_it() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        import_on(&app).await;
    }
}

async fn import_on(app: &TestApp) {
    let office = Api::of(app, "office").await;
    let seed = samples::seed_paths().into_iter().nth(4).unwrap();
    let content = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&seed).unwrap());
    let file = json!({"name": "ke-hoach.txt", "content_base64": content});
    let plans_before = app.plans_of(app.home).await.len();

    // A dry run answers what was read and the findings, and stores nothing.
    let (status, read) = office
        .post(
            "/api/v1/plans/import",
            json!({"file": file, "dry_run": true}),
        )
        .await;
    assert_eq!(status, 200, "{read}");
    let tasks = read["tasks"].as_array().unwrap();
    assert!(tasks.len() > 5, "{read}");
    assert_eq!(read["year"], 2026);
    assert!(read["findings"].is_array());
    assert_eq!(app.plans_of(app.home).await.len(), plans_before);

    // Unreadable input is refused in Vietnamese, nothing stored.
    refused(
        office
            .post(
                "/api/v1/plans/import",
                json!({"file": {"name": "a.txt", "content_base64": "***"}}),
            )
            .await,
        400,
        "base64",
    );
    let doc = base64::engine::general_purpose::STANDARD.encode([0xd0, 0xcf, 0x11, 0xe0, 0, 0]);
    refused(
        office
            .post(
                "/api/v1/plans/import",
                json!({"file": {"name": "cu.doc", "content_base64": doc}}),
            )
            .await,
        400,
        "Định dạng không được hỗ trợ",
    );
    refused(
        office
            .post(
                "/api/v1/plans/import",
                json!({"file": file, "leads": [app.units_of(app.neighbour).await[0].id]}),
            )
            .await,
        400,
        "không thuộc xã",
    );
    assert_eq!(app.plans_of(app.home).await.len(), plans_before);

    // The plan: the first task left unassigned, the second given to the staff's unit, the
    // rest as proposed; the source file and its findings stored with it.
    let id = created(
        office
            .post(
                "/api/v1/plans/import",
                json!({"file": file, "title": "Kế hoạch đối ngoại năm 2026 (bản nhập qua API)",
                       "confirm_same_year": true,
                       "leads": [null, app.unit], "texts": [null, "Nội dung đã sửa"],
                       "skip": [false, false, true]}),
            )
            .await,
    );
    let plan = app.plan(id).await;
    assert_eq!((plan.year, plan.origin.code()), (2026, "upload"));
    assert_eq!(plan.title, "Kế hoạch đối ngoại năm 2026 (bản nhập qua API)");
    let rows = app.tasks_of_plan(id).await;
    assert_eq!(rows.len(), tasks.len() - 1, "the third item is left out");
    assert_eq!(rows[0].lead_unit_id, None);
    assert_eq!(rows[0].text, tasks[0]["text"].as_str().unwrap());
    assert_eq!(rows[1].lead_unit_id, Some(app.unit));
    assert_eq!(rows[1].text, "Nội dung đã sửa");
    for (row, read) in rows.iter().skip(2).zip(tasks.iter().skip(3)) {
        assert_eq!(row.lead_unit_id, read["lead_unit"].as_i64());
        assert_eq!(row.text, read["text"].as_str().unwrap());
    }
    assert!(
        !app.findings_of(id).await.is_empty(),
        "the findings are stored with the file"
    );
}

#[tokio::test]
async fn the_registers_api_records_lists_counts_and_imports_with_the_pages_rules() {
    if samples::missing() {
        return;
    }
    for app in apps().await {
        registers_api_on(&app).await;
    }
}

async fn registers_api_on(app: &TestApp) {
    let office = Api::of(app, "office").await;
    let viewer = Api::of(app, "viewer").await;
    let body = json!({
        "state": "ended",
        "values": {
            "ten_doan": "Đoàn doanh nghiệp Hàn Quốc",
            "quoc_gia": "KR",
            "so_thanh_vien": 3,
            "thanh_vien": [["Kim Min-jun", "Hàn Quốc", "M1234567"], ["Lee Ji-eun", "Hàn Quốc", "M7654321"]],
            "ngay_den": "2026-03-10",
            "ngay_roi": "2026-03-12",
            "van_ban_dong_y": "Công văn số 5/SNgV",
            "kinh_phi": "2.500.000"
        }
    });
    let (status, created) = office
        .send(
            reqwest::Method::POST,
            "/api/v1/registers/doan-vao",
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    // Several wrong fields: each named.
    let (status, err) = office
        .send(
            reqwest::Method::POST,
            "/api/v1/registers/doan-vao",
            Some(json!({"values": {"quoc_gia": "Atlantis"}})),
        )
        .await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"quoc_gia") && fields.contains(&"ten_doan"),
        "{err}"
    );
    let (status, _) = office
        .send(
            reqwest::Method::POST,
            "/api/v1/registers/doan-vao",
            Some(json!({"values": {"religion": "x"}})),
        )
        .await;
    assert_eq!(status, 400, "an unknown field is refused, not ignored");

    // The office reads the members; the viewer reads the entry without them.
    let (status, e) = office
        .get(&format!("/api/v1/registers/doan-vao/{id}"))
        .await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(e["values"]["thanh_vien"][0][2], "M1234567");
    assert_eq!(e["values"]["kinh_phi"], 2_500_000);
    assert_eq!(e["values"]["quoc_gia"], "KR");
    assert_eq!(e["due"]["on"], "2026-03-27");
    let (status, e) = viewer
        .get(&format!("/api/v1/registers/doan-vao/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(e["values"].get("thanh_vien").is_none(), "{e}");
    assert_eq!(e["personal_data_hidden"], true);
    // A file on the entry: attached by the office, opened by it, not by the viewer, who
    // only learns that there is one; taken off with DELETE.
    use base64::Engine;
    let pdf = b"%PDF-1.4 cong van dong y".to_vec();
    let file = self::created(
        office
            .post(
                &format!("/api/v1/registers/doan-vao/{id}/files"),
                json!({"file": {"name": "Công văn đồng ý.pdf",
                    "content_base64": base64::engine::general_purpose::STANDARD.encode(&pdf)}}),
            )
            .await,
    );
    let (_, e) = office
        .get(&format!("/api/v1/registers/doan-vao/{id}"))
        .await;
    assert_eq!(e["files"][0]["name"], "Công văn đồng ý.pdf", "{e}");
    assert_eq!(e["files"][0]["content_type"], "application/pdf");
    let path = format!("/api/v1/registers/doan-vao/{id}/files/{file}");
    let r = office
        .http
        .get(format!("{}{path}", office.base))
        .bearer_auth(&office.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    assert_eq!(viewer.get(&path).await.0, 403);
    let (_, e) = viewer
        .get(&format!("/api/v1/registers/doan-vao/{id}"))
        .await;
    assert_eq!(
        (e["files"].as_array().unwrap().len(), &e["files_hidden"]),
        (0, &json!(1))
    );
    assert_eq!(
        viewer.send(reqwest::Method::DELETE, &path, None).await.0,
        403
    );
    assert_eq!(
        office.send(reqwest::Method::DELETE, &path, None).await.0,
        204
    );
    assert_eq!(office.get(&path).await.0, 404);
    let (_, list) = viewer.get("/api/v1/registers/doan-vao").await;
    assert_eq!(list["total"], 1);
    assert!(!list.to_string().contains("M1234567"));
    assert_eq!(list["figures"]["count"], 1);
    // Figures, with the window rule.
    let (status, f) = viewer
        .get("/api/v1/registers/doan-vao/stats?from=2026-01-01&to=2026-06-30")
        .await;
    assert_eq!(status, 200, "{f}");
    assert_eq!(
        (
            f["kind"].as_str(),
            f["count"].as_i64(),
            f["member_trips"].as_i64(),
            f["distinct_persons"].as_i64()
        ),
        (Some("doan-vao"), Some(1), Some(3), Some(2))
    );
    assert_eq!(f["by_country"]["Hàn Quốc"], 1);
    let (_, f) = viewer
        .get("/api/v1/registers/doan-vao/stats?from=2026-04-01&to=2026-06-30")
        .await;
    assert_eq!(f["count"], 0, "arrived before the window");
    // A move and a stale version.
    let (status, e) = office
        .get(&format!("/api/v1/registers/doan-vao/{id}"))
        .await;
    assert_eq!(status, 200);
    let version = e["version"].as_i64().unwrap();
    let mut patch = e["values"].clone();
    patch["ngay_bao_cao"] = json!("2026-03-20");
    let (status, r) = office
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/registers/doan-vao/{id}"),
            Some(json!({"state": "reported", "version": version, "values": patch})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    let (status, _) = office
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/registers/doan-vao/{id}"),
            Some(json!({"version": version, "values": patch})),
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = viewer
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/registers/doan-vao/{id}"),
            Some(json!({"values": patch})),
        )
        .await;
    assert_eq!(status, 403);
    // An import checked without writing: the commune's spreadsheet back.
    let xlsx = app
        .app
        .export_entries(
            &app.user("office").await,
            domain::register::RegisterKind::DoanVao,
            None,
        )
        .await
        .unwrap()
        .1;
    let (status, r) = office
        .send(
            reqwest::Method::POST,
            "/api/v1/registers/doan-vao/import",
            Some(json!({
                "file": {"name": "so.xlsx", "content_base64": base64::engine::general_purpose::STANDARD.encode(&xlsx)},
                "dry_run": true
            })),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        (r["rows"].as_i64(), r["created"].as_i64()),
        (Some(1), Some(0))
    );
    // The contract names every register's operations and its fields.
    let (_, spec) = office.get("/api/openapi.json").await;
    for kind in domain::register::RegisterKind::ALL {
        let base = format!("/api/v1/registers/{}", kind.slug());
        for p in [
            base.clone(),
            format!("{base}/{{id}}"),
            format!("{base}/stats"),
            format!("{base}/import"),
        ] {
            assert!(spec["paths"].get(&p).is_some(), "{p}");
        }
        let schema =
            &spec["components"]["schemas"][format!("Register_{}", kind.slug().replace('-', "_"))];
        for f in kind.def().fields {
            assert_eq!(schema["properties"][f.key]["title"], f.label);
            assert_eq!(
                schema["properties"][f.key]["x-personal"]
                    .as_bool()
                    .unwrap_or(false),
                f.personal
            );
        }
    }
}
