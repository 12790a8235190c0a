//! Every use case, on both backends: what it makes, what it refuses, and its history.

use app::Error;
use app::org::{NewAccount, Password, Who};
use app::plans::{ImportChoices, PlanQuery, StatusChange};
use app::tasks::{NewTaskInput, ProgressInput, TaskChange, TaskQuery};
use domain::OccurrenceStatus;
use domain::access::Role;
use domain::org::CommuneKind;
use domain::plan::{PlanOrigin, PlanStatus};
use domain::text::{OccurrenceLabel, SectionText, TaskText};

use crate::support::{
    World, add_task, blank_plan, count, issue, progress, sample, stage, worlds, year,
};

fn invalid(e: Error, field: &str) {
    match e {
        Error::Invalid { field: f, .. } => assert_eq!(f, field),
        other => panic!("expected invalid {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn the_organisation_is_made_checked_and_audited() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        organisation_on(&w).await;
    }
}

async fn organisation_on(w: &World) {
    let app = &w.app;
    // Provinces and communes: administrators only, names checked, duplicates refused.
    assert_eq!(
        app.create_province(Who::User(&w.office), "Tỉnh Khác", None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    invalid(
        app.create_province(Who::User(&w.admin), "  ", None)
            .await
            .unwrap_err(),
        "name",
    );
    invalid(
        app.create_province(Who::User(&w.admin), "Tỉnh Thử Nghiệm", None)
            .await
            .unwrap_err(),
        "name",
    );
    let c = app
        .create_commune(
            Who::User(&w.admin),
            w.province,
            "Đông Hưng",
            CommuneKind::Phuong,
            None,
        )
        .await
        .unwrap();
    let units = app.units_of(&w.admin, Some(c.id)).await.unwrap();
    assert_eq!(
        units.len(),
        app::org::default_units(CommuneKind::Phuong).len()
    );
    assert!(
        units.iter().any(|u| u.name == "Văn phòng HĐND và UBND"),
        "{units:?}"
    );
    invalid(
        app.create_commune(
            Who::User(&w.admin),
            w.province,
            "ĐÔNG HƯNG",
            CommuneKind::Xa,
            None,
        )
        .await
        .unwrap_err(),
        "name",
    );
    // Units: the office of the commune (and administrators); a folded duplicate refused.
    let u = app
        .add_unit(&w.office, None, "Tổ công tác đối ngoại", None)
        .await
        .unwrap();
    invalid(
        app.add_unit(&w.office, None, "TO CONG TAC DOI NGOAI", None)
            .await
            .unwrap_err(),
        "name",
    );
    assert_eq!(
        app.add_unit(&w.leader, None, "Tổ khác", None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    assert_eq!(
        app.add_unit(&w.other_office, Some(w.home), "Tổ khác", None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    let u2 = app
        .update_unit(&w.office, u.id, "Tổ đối ngoại", false, None)
        .await
        .unwrap();
    assert_eq!((u2.name.as_str(), u2.active), ("Tổ đối ngoại", 0));
    let v = app
        .units_view(
            &w.office,
            None,
            "doi ngoai",
            app::UnitSort::Name,
            Some(app::PageRequest::first()),
        )
        .await
        .unwrap();
    assert_eq!(v.units.total, 1);
    let history: Vec<String> = v
        .history
        .rows
        .iter()
        .map(|h| format!("{} | {} | {}", h.action, h.before, h.after))
        .collect();
    assert!(
        history.iter().any(|h| h.starts_with("Sửa đơn vị")
            && h.contains("Tổ công tác đối ngoại")
            && h.contains("Đang hoạt động: không")),
        "{history:?}"
    );
    // Accounts: each role where it belongs; the rules of names and passwords.
    let account = |name: &str, role, commune: Option<i64>, unit: Option<i64>| NewAccount {
        username: name.into(),
        display_name: "Nguyễn Văn A".into(),
        password: Password::Typed("mật khẩu đủ dài".into()),
        role: Some(role),
        province_id: None,
        commune_id: commune,
        unit_id: unit,
    };
    invalid(
        app.create_account(
            Who::User(&w.admin),
            &account("x1x", Role::ProvinceOfficer, None, None),
            None,
        )
        .await
        .unwrap_err(),
        "province",
    );
    invalid(
        app.create_account(
            Who::User(&w.admin),
            &account("x2x", Role::UnitStaff, Some(w.home), None),
            None,
        )
        .await
        .unwrap_err(),
        "unit",
    );
    invalid(
        app.create_account(
            Who::User(&w.admin),
            &account("office", Role::Viewer, Some(w.home), None),
            None,
        )
        .await
        .unwrap_err(),
        "username",
    );
    let mut weak = account("x3x", Role::Viewer, Some(w.home), None);
    weak.password = Password::Typed("ngắn".into());
    invalid(
        app.create_account(Who::User(&w.admin), &weak, None)
            .await
            .unwrap_err(),
        "password",
    );
    assert_eq!(
        app.create_account(
            Who::User(&w.office),
            &account("x4x", Role::Viewer, Some(w.home), None),
            None
        )
        .await
        .unwrap_err(),
        Error::Forbidden
    );
    let id = app
        .create_account(
            Who::User(&w.admin),
            &account("can.bo", Role::UnitStaff, None, Some(w.unit)),
            None,
        )
        .await
        .unwrap();
    let made = app.account_for_operator(Who::Operator, id).await.unwrap();
    assert_eq!(
        made.commune_id,
        Some(w.home),
        "unit staff belong to their unit's commune"
    );
    // Locking ends sign-in; a reset password signs in; the admin cannot lock themself.
    app.set_account_active(&w.admin, id, false, None)
        .await
        .unwrap();
    assert!(
        app.sign_in("can.bo", "mật khẩu đủ dài", "10.0.0.1")
            .await
            .is_err()
    );
    app.set_account_active(&w.admin, id, true, None)
        .await
        .unwrap();
    app.reset_password(&w.admin, id, "mật khẩu mới đủ dài", None)
        .await
        .unwrap();
    assert!(
        app.sign_in("can.bo", "mật khẩu mới đủ dài", "10.0.0.1")
            .await
            .is_ok()
    );
    invalid(
        app.set_account_active(&w.admin, w.admin.id, false, None)
            .await
            .unwrap_err(),
        "active",
    );
    let v = app
        .users_view(
            &w.admin,
            &Default::default(),
            app::UserSort::Username,
            Some(app::PageRequest::first()),
        )
        .await
        .unwrap();
    let row = v
        .users
        .rows
        .iter()
        .find(|u| u.username == "can.bo")
        .unwrap();
    assert_eq!(row.unit_name.as_deref(), Some("Phòng Văn hóa - Xã hội"));
    assert_eq!(row.commune_name.as_deref(), Some("Hà Bắc"));
    let history: Vec<String> = v
        .history
        .rows
        .iter()
        .map(|h| format!("{} | {} | {}", h.action, h.before, h.after))
        .collect();
    assert!(
        history.iter().any(|h| h.contains("Tạo tài khoản")
            && h.contains("Vai trò: Cán bộ đơn vị")
            && h.contains("Thuộc: Phòng Văn hóa - Xã hội, xã Hà Bắc")),
        "{history:?}"
    );
    assert!(history.iter().any(|h| h.starts_with("Đặt lại mật khẩu")));
    assert!(history.iter().any(|h| h.starts_with("Khóa tài khoản")));
    let org = app.org_view(&w.admin).await.unwrap();
    assert!(
        org.history
            .rows
            .iter()
            .any(|h| h.action == "Tạo xã, phường" && h.after.contains("phường Đông Hưng"))
    );
    assert!(
        org.history
            .rows
            .iter()
            .any(|h| h.action == "Tạo tỉnh, thành phố")
    );
    // Every write has its typed event; no history row without one.
    assert_eq!(
        count(
            &w.url,
            "SELECT COUNT(*) FROM audit_log WHERE event_json IS NULL"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_plan_is_made_in_each_of_the_five_ways() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        five_ways_on(&w).await;
    }
}

async fn five_ways_on(w: &World) {
    let app = &w.app;
    // 1. A document, read and staged for review, saved with the officer's choices.
    let review = stage(w, 1).await;
    assert!(!review.tasks.is_empty() && !review.findings.is_empty());
    assert_eq!(
        review.same_year.len(),
        1,
        "the commune's 2026 plan is named"
    );
    let mut choices = ImportChoices {
        year: Some(year(2026)),
        ..Default::default()
    };
    // A second 2026 plan needs confirming; nothing is made until it is.
    assert!(matches!(
        app.confirm_import(&w.office, &review.token, &choices, None)
            .await,
        Err(Error::Conflict(_))
    ));
    choices.confirm_same_year = true;
    choices.review.leads = vec![Some(w.unit)];
    let uploaded = app
        .confirm_import(&w.office, &review.token, &choices, None)
        .await
        .unwrap()
        .0;
    // The staged file is gone once saved; another user cannot use the token.
    invalid(
        app.confirm_import(&w.office, &review.token, &choices, None)
            .await
            .unwrap_err(),
        "file",
    );
    let plan = app.plan_view(&w.office, uploaded).await.unwrap();
    assert_eq!(plan.plan.origin, PlanOrigin::Upload);
    assert_eq!(plan.tasks[0].lead_unit_id, Some(w.unit));
    assert!(
        !plan.findings.is_empty(),
        "the findings are stored with the source file"
    );
    // 2. The province's plan: uploaded by its officer, started from by the commune.
    let (pname, pbytes) = sample(2);
    let pp = app
        .upload_province_plan(&w.officer, &pname, pbytes, None)
        .await
        .unwrap();
    assert_eq!(
        app.upload_province_plan(&w.office, "x.txt", b"x".to_vec(), None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    let review = app.stage_province_plan(&w.office, pp).await.unwrap();
    assert_eq!(review.origin, PlanOrigin::Province);
    let from_province = app
        .confirm_import(&w.office, &review.token, &choices, None)
        .await
        .unwrap()
        .0;
    let p = app.plan_view(&w.office, from_province).await.unwrap();
    assert_eq!(
        (p.plan.origin, p.plan.doc_number.clone()),
        (PlanOrigin::Province, None)
    );
    assert!(
        p.findings.is_empty(),
        "the province's text is its basis, not the commune's"
    );
    // 3. A copy for another year.
    let copy = app
        .copy_plan(&w.office, w.plan, year(2027), false, None)
        .await
        .unwrap()
        .0;
    let c = app.plan_view(&w.office, copy).await.unwrap();
    assert_eq!((c.plan.origin, c.plan.year), (PlanOrigin::Copy, 2027));
    // 4. A blank outline.
    let (blank, _) = blank_plan(w, 2028).await;
    let b = app.plan_view(&w.office, blank).await.unwrap();
    assert_eq!(b.sections.len(), 6);
    assert!(b.tasks.is_empty());
    // 5. An amendment of an issued plan.
    let amended = crate::support::issue_and_amend(w).await;
    let a = app.plan_view(&w.office, amended).await.unwrap();
    assert_eq!(
        (a.plan.origin, a.plan.version, a.plan.previous_id),
        (PlanOrigin::Amendment, 2, Some(w.plan))
    );
    // Others may not.
    assert_eq!(
        app.create_blank(&w.viewer, None, year(2029), false, None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    assert_eq!(
        app.copy_plan(&w.other_office, w.plan, year(2029), false, None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    assert_eq!(
        count(
            &w.url,
            "SELECT COUNT(*) FROM audit_log WHERE event_json IS NULL"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_plan_moves_through_its_lifecycle_only_by_the_allowed_steps() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        lifecycle_on(&w).await;
    }
}

async fn lifecycle_on(w: &World) {
    let app = &w.app;
    let (blank, _) = blank_plan(w, 2027).await;
    invalid(
        app.change_status(&w.office, blank, StatusChange::Submit, None)
            .await
            .unwrap_err(),
        "status",
    );
    let v = app.plan_view(&w.office, blank).await.unwrap();
    let part_two = v.sections.iter().find(|s| s.label == "II.").unwrap().id;
    add_task(
        w,
        blank,
        Some(part_two),
        "Tuyên truyền về biên giới",
        Some(w.unit),
        "Hằng quý",
    )
    .await;
    assert_eq!(
        app.change_status(&w.staff, blank, StatusChange::Submit, None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    app.change_status(&w.office, blank, StatusChange::Submit, None)
        .await
        .unwrap();
    // A submitted plan is not edited.
    let text = SectionText::parse("IV.", "Mục thêm", "").unwrap();
    invalid(
        app.add_section(&w.office, blank, None, &text, None)
            .await
            .unwrap_err(),
        "status",
    );
    // Issued only with a PDF or DOCX, by the leader or the office.
    let mut bad = issue("15/KH-UBND");
    if let StatusChange::Issue { signed, .. } = &mut bad {
        signed.1 = b"<html>".to_vec();
    }
    invalid(
        app.change_status(&w.leader, blank, bad, None)
            .await
            .unwrap_err(),
        "signed",
    );
    assert_eq!(
        app.change_status(&w.staff, blank, issue("15/KH-UBND"), None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    app.change_status(&w.office, blank, StatusChange::BackToDraft, None)
        .await
        .unwrap();
    app.change_status(&w.office, blank, StatusChange::Submit, None)
        .await
        .unwrap();
    app.change_status(&w.leader, blank, issue("15/KH-UBND"), None)
        .await
        .unwrap();
    let v = app.plan_view(&w.office, blank).await.unwrap();
    assert_eq!(
        (
            v.plan.status,
            v.plan.doc_number.as_deref(),
            v.plan.issued_on.as_deref()
        ),
        (PlanStatus::Issued, Some("15/KH-UBND"), Some("2026-01-20"))
    );
    assert_eq!(v.files.len(), 1);
    // A step that does not apply is refused.
    invalid(
        app.change_status(&w.office, blank, StatusChange::Submit, None)
            .await
            .unwrap_err(),
        "status",
    );
    let history: Vec<String> = v
        .history
        .rows
        .iter()
        .map(|h| format!("{} | {} | {}", h.action, h.before, h.after))
        .collect();
    assert!(history.iter().any(|h| h == "Chuyển trạng thái | Trạng thái: Trình ký | Trạng thái: Đã ban hành; Số, ký hiệu: 15/KH-UBND; Ngày ban hành: 20/01/2026"), "{history:?}");
    assert!(
        history
            .iter()
            .any(|h| h.starts_with("Đính kèm tệp") && h.contains("Loại: bản đã ký")),
        "{history:?}"
    );
}

#[tokio::test]
async fn sections_tasks_occurrences_and_progress_follow_their_rules() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        tasks_on(&w).await;
    }
}

async fn tasks_on(w: &World) {
    let app = &w.app;
    let v = app.plan_view(&w.office, w.plan).await.unwrap();
    let first = v.sections[0].id;
    // Sections: added under a parent, saved.
    let s = app
        .add_section(
            &w.office,
            w.plan,
            Some(first),
            &SectionText::parse("3.", "Mục mới", "Nội dung").unwrap(),
            None,
        )
        .await
        .unwrap();
    invalid(
        app.add_section(
            &w.office,
            w.plan,
            Some(-5),
            &SectionText::parse("3.", "Mục", "").unwrap(),
            None,
        )
        .await
        .unwrap_err(),
        "parent",
    );
    let saved = app
        .update_section(
            &w.office,
            w.plan,
            s,
            &SectionText::parse("3.", "Mục mới (đã sửa)", "").unwrap(),
            Some(1),
            None,
        )
        .await
        .unwrap();
    assert_eq!(saved.version, 2);
    // Tasks: a typed time frame must be a time; units must be the commune's.
    let add = |text: &str, tf: &str, lead: Option<i64>| NewTaskInput {
        section: Some(s),
        text: TaskText::parse(text).unwrap(),
        lead,
        timeframe: tf.into(),
    };
    invalid(
        app.add_task(&w.office, w.plan, add("Việc", "abc", None), None)
            .await
            .unwrap_err(),
        "timeframe",
    );
    invalid(
        app.add_task(&w.office, w.plan, add("Việc", "30/02", None), None)
            .await
            .unwrap_err(),
        "timeframe",
    );
    let foreign_unit = app.units_of(&w.admin, Some(w.neighbour)).await.unwrap()[0].id;
    invalid(
        app.add_task(&w.office, w.plan, add("Việc", "", Some(foreign_unit)), None)
            .await
            .unwrap_err(),
        "lead",
    );
    let t = app
        .add_task(
            &w.office,
            w.plan,
            add(
                "Giao lưu hữu nghị với tỉnh Hủa Phăn",
                "Hằng quý",
                Some(w.unit),
            ),
            None,
        )
        .await
        .unwrap()
        .0;
    let (task, _, occ, _) = app.task_detail(&w.office, t).await.unwrap();
    assert_eq!((occ.len(), task.ref_label.as_str()), (4, "3"));
    // Edits: partners, a new time frame remakes the occurrences, stale versions refused.
    let units = app.units_of(&w.office, None).await.unwrap();
    let other = units.iter().find(|u| u.id != w.unit).unwrap().id;
    let edited = app
        .edit_task(
            &w.office,
            t,
            TaskChange {
                partners: Some(vec![other]),
                timeframe: Some("Tháng 9/2026".into()),
                version: Some(task.version),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(edited.version, task.version + 1);
    let (_, partners, occ, _) = app.task_detail(&w.office, t).await.unwrap();
    assert_eq!((partners.len(), occ.len()), (1, 1));
    assert!(matches!(
        app.edit_task(
            &w.office,
            t,
            TaskChange {
                text: Some(TaskText::parse("Khác").unwrap()),
                version: Some(task.version),
                ..Default::default()
            },
            None
        )
        .await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(
        app.edit_task(&w.staff, t, TaskChange::default(), None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    // Occurrences by hand.
    let label = OccurrenceLabel::parse("Theo Công văn số 15/UBND-VP").unwrap();
    let due = chrono::NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
    app.add_occurrence(&w.office, t, &label, due, None)
        .await
        .unwrap();
    assert_eq!(
        app.add_occurrence(&w.staff, t, &label, due, None)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    // Progress: the lead unit's staff (not a viewer, not another unit); the rule of
    // status and percentage.
    let (_, _, occ, _) = app.task_detail(&w.staff, t).await.unwrap();
    let o = occ[0].id;
    assert_eq!(
        app.record_progress(
            &w.viewer,
            t,
            progress(o, OccurrenceStatus::Done, None),
            None
        )
        .await
        .unwrap_err(),
        Error::Forbidden
    );
    invalid(
        app.record_progress(
            &w.staff,
            t,
            progress(o, OccurrenceStatus::Done, Some(30)),
            None,
        )
        .await
        .unwrap_err(),
        "status",
    );
    invalid(
        app.record_progress(
            &w.staff,
            t,
            progress(o, OccurrenceStatus::NotStarted, Some(80)),
            None,
        )
        .await
        .unwrap_err(),
        "status",
    );
    invalid(
        app.record_progress(
            &w.staff,
            t,
            progress(o, OccurrenceStatus::InProgress, None),
            None,
        )
        .await
        .unwrap_err(),
        "percent",
    );
    let mut with_file: ProgressInput = progress(o, OccurrenceStatus::InProgress, Some(40));
    with_file.evidence_file = Some(("bien-ban.pdf".into(), crate::support::SIGNED_PDF.to_vec()));
    app.record_progress(&w.staff, t, with_file, None)
        .await
        .unwrap();
    app.record_progress(&w.staff, t, progress(o, OccurrenceStatus::Done, None), None)
        .await
        .unwrap();
    let (_, _, occ, updates) = app.task_detail(&w.office, t).await.unwrap();
    assert_eq!(
        (occ[0].status, occ[0].percent),
        (OccurrenceStatus::Done, 100)
    );
    assert_eq!(updates.rows.len(), 2);
    let evidence = updates
        .rows
        .iter()
        .find(|u| u.evidence_name.is_some())
        .unwrap();
    let (name, ct, _) = app.evidence(&w.viewer, evidence.id).await.unwrap();
    assert_eq!(
        (name.as_str(), ct.as_str()),
        ("bien-ban.pdf", "application/pdf")
    );
    assert_eq!(
        app.evidence(&w.other_office, evidence.id)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    let view = app
        .task_view(&w.office, t, app::PageRequest::first())
        .await
        .unwrap();
    let history: Vec<String> = view
        .history
        .rows
        .iter()
        .map(|h| format!("{} | {} | {}", h.action, h.before, h.after))
        .collect();
    assert!(
        history.iter().any(|h| h.starts_with("Cập nhật tiến độ")
            && h.contains("Trạng thái: Hoàn thành; Tỷ lệ: 100%")),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|h| h.starts_with("Sửa nhiệm vụ") && h.contains("Đơn vị phối hợp")),
        "{history:?}"
    );
    assert!(
        !history
            .iter()
            .any(|h| h.contains("_id") || h.contains("in_progress")),
        "{history:?}"
    );
    // Lists: filtered and paged in SQL.
    let list = app
        .tasks_list(
            &w.office,
            &TaskQuery {
                query: "hua phan".into(),
                ..Default::default()
            },
            Some(app::PageRequest::new(1, 10)),
        )
        .await
        .unwrap();
    assert_eq!((list.tasks.total, list.tasks.rows[0].id), (1, t));
    let plans = app
        .plans_list(&w.office, &PlanQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(plans.plans.total, 1);
}

/// A search means the same in a commune's list (each of its rows tested) and in the search
/// across communes (through the full-text index), on both backends: every word whole, in
/// any order, the last one possibly the start of a word still being typed, marks ignored.
#[tokio::test]
async fn lists_and_search_find_the_same_whole_words_and_a_last_word_being_typed() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        let (plan, part_two) = blank_plan(&w, 2027).await;
        let texts = [
            "Hỗ trợ doanh nghiệp xúc tiến đầu tư",
            "Tổ chức đoàn ra công tác tại tỉnh Hủa Phăn",
            "Tuyên truyền chủ quyền biên giới quốc gia",
        ];
        for t in texts {
            add_task(&w, plan, Some(part_two), t, None, "").await;
        }
        let cases: [(&str, &[usize]); 7] = [
            ("Đoàn ra", &[1]),
            ("ra đoàn", &[1]),
            ("doanh", &[0]),
            ("đoàn", &[0, 1]), // the last word may be the start of "doanh"
            ("biên giới, tuyên", &[2]),
            ("uyên", &[]),
            ("đoàn  công tácx", &[]),
        ];
        for (query, expected) in cases {
            let expected: Vec<&str> = expected.iter().map(|i| texts[*i]).collect();
            let list = w
                .app
                .tasks_list(
                    &w.office,
                    &TaskQuery {
                        plan: Some(plan),
                        query: query.into(),
                        ..Default::default()
                    },
                    None,
                )
                .await
                .unwrap();
            let mut found: Vec<&str> = list.tasks.rows.iter().map(|t| t.text.as_str()).collect();
            found.sort();
            let mut want = expected.clone();
            want.sort();
            assert_eq!(found, want, "list, {query:?}");
            // The province officer searches all communes; the office, its own.
            for who in [&w.officer, &w.office] {
                let v = w.app.search(who, query).await.unwrap();
                let mut found: Vec<&str> = v
                    .tasks
                    .iter()
                    .filter(|(t, _)| t.plan_id == plan)
                    .map(|(t, _)| t.text.as_str())
                    .collect();
                found.sort();
                assert_eq!(found, want, "search by {}, {query:?}", who.username);
            }
        }
        // Plans are found the same way in the list and in the search.
        let list = w
            .app
            .plans_list(
                &w.office,
                &PlanQuery {
                    query: "công tác đối ngo".into(),
                    ..Default::default()
                },
                None,
            )
            .await
            .unwrap();
        let search = w.app.search(&w.officer, "công tác đối ngo").await.unwrap();
        let mut a: Vec<i64> = list.plans.rows.iter().map(|p| p.id).collect();
        let mut b: Vec<i64> = search
            .plans
            .iter()
            .filter(|(p, _)| p.commune_id == w.home)
            .map(|(p, _)| p.id)
            .collect();
        a.sort();
        b.sort();
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }
}
