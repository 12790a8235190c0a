//! The store's suite, run on a fresh SQLite file and — when `DOINGOAI_TEST_POSTGRES` names a
//! server (`postgres://user@host:port`) — on a fresh PostgreSQL database too. Under CI
//! (`CI` set) the PostgreSQL half is required, so it cannot be skipped silently.

mod support;

use domain::access::Role;
use store::{
    NewOccurrence, NewPlan, NewProgress, NewSection, NewTask, NewUser, PlanFinding, PlanOrigin,
    PlanStatus, SourceFindings, Store, StoreError, TaskEdit, TaskFilter,
};

/// Declares one test per backend for each `async fn name(store: Store)`.
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $(
            #[tokio::test]
            async fn $name() { super::$name(super::support::sqlite().await).await }
        )* }
        mod postgres { $(
            #[tokio::test]
            async fn $name() {
                if let Some(store) = super::support::postgres().await { super::$name(store).await }
            }
        )* }
    };
}

both_backends!(
    units_with_the_same_folded_name_conflict_by_constraint_name,
    commune_users_inherit_their_province_in_their_actor,
    sessions_expire_and_end_on_password_change,
    a_plan_is_created_whole_with_sections_tasks_and_occurrences,
    a_failed_plan_creation_leaves_nothing_behind,
    task_lists_filter_by_unit_search_without_tones_and_sort,
    overdue_is_derived_from_today_and_status,
    progress_is_recorded_with_its_audit_trail,
    a_progress_batch_is_stored_whole_and_in_order,
    editing_a_timeframe_keeps_occurrences_that_have_progress,
    province_overview_lists_every_commune,
    login_failures_are_counted_per_key,
    bad_values_are_refused_by_named_checks,
    a_plan_with_more_than_a_thousand_tasks_is_read_whole,
    source_findings_are_stored_once_with_their_file_and_read_in_order,
);

struct Org {
    province: i64,
    commune: i64,
    other: i64,
    office: i64,
    lead_unit: i64,
    partner_unit: i64,
}

async fn org(store: &Store) -> Org {
    let p = store.create_province("Tỉnh Thử Nghiệm").await.unwrap();
    let c = store.create_commune(p.id, "Tân Hòa", "xa").await.unwrap();
    let o = store
        .create_commune(p.id, "Bình Minh", "phuong")
        .await
        .unwrap();
    let lead = store
        .create_unit(None, c.id, "Phòng Văn hóa - Xã hội")
        .await
        .unwrap();
    let partner = store.create_unit(None, c.id, "Công an xã").await.unwrap();
    let office = store
        .create_user(
            None,
            &NewUser {
                username: "VanPhong".into(),
                display_name: "Nguyễn Văn A".into(),
                password_hash: "x".into(),
                role: Role::CommuneOffice,
                province_id: None,
                commune_id: Some(c.id),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    Org {
        province: p.id,
        commune: c.id,
        other: o.id,
        office: office.id,
        lead_unit: lead.id,
        partner_unit: partner.id,
    }
}

fn occurrence(seq: i64, due: &str) -> NewOccurrence {
    NewOccurrence {
        seq,
        label: format!("Kỳ {seq}"),
        starts_on: "2026-01-01".into(),
        due_on: due.into(),
    }
}

fn task(
    text: &str,
    lead: Option<i64>,
    partners: Vec<(Option<i64>, String)>,
    dues: &[&str],
) -> NewTask {
    NewTask {
        section: Some(1),
        ref_label: "1".into(),
        text: text.into(),
        lead_unit_id: lead,
        lead_text: None,
        partners,
        timeframe: Some("Hằng quý".into()),
        recurrence: "quarterly".into(),
        schedule_certain: true,
        occurrences: dues
            .iter()
            .enumerate()
            .map(|(i, d)| occurrence(i as i64 + 1, d))
            .collect(),
    }
}

fn plan(o: &Org, tasks: Vec<NewTask>) -> NewPlan {
    NewPlan {
        commune_id: o.commune,
        year: 2026,
        title: "Kế hoạch công tác đối ngoại năm 2026".into(),
        doc_number: None,
        origin: PlanOrigin::Upload,
        previous_id: None,
        version: 1,
        document_json: Some("{}".into()),
        source_text: None,
        sections: vec![
            NewSection {
                parent: None,
                level: 1,
                label: "II".into(),
                title: "NỘI DUNG".into(),
                body: String::new(),
            },
            NewSection {
                parent: Some(0),
                level: 2,
                label: "1".into(),
                title: "Thông tin đối ngoại".into(),
                body: "Tuyên truyền".into(),
            },
        ],
        tasks,
    }
}

async fn units_with_the_same_folded_name_conflict_by_constraint_name(store: Store) {
    let o = org(&store).await;
    let err = store
        .create_unit(None, o.commune, "CÔNG AN XÃ")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict("units_commune_name_key")),
        "{err:?}"
    );
    // The same name in another commune is fine.
    store
        .create_unit(None, o.other, "Công an xã")
        .await
        .unwrap();
    let err = store
        .create_commune(o.province, "TÂN HOÀ", "xa")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict("communes_province_name_key")),
        "{err:?}"
    );
}

async fn commune_users_inherit_their_province_in_their_actor(store: Store) {
    let o = org(&store).await;
    let u = store.user_by_username("vanphong").await.unwrap();
    assert_eq!(u.id, o.office);
    assert_eq!(u.username, "vanphong");
    let a = u.actor();
    assert_eq!(
        (a.province_id, a.commune_id),
        (Some(o.province), Some(o.commune))
    );
    assert!(matches!(
        store.user_by_username("nobody").await,
        Err(StoreError::NotFound)
    ));
}

async fn sessions_expire_and_end_on_password_change(store: Store) {
    let o = org(&store).await;
    store
        .create_session("live", o.office, "csrf1", 3600)
        .await
        .unwrap();
    store
        .create_session("dead", o.office, "csrf2", -1)
        .await
        .unwrap();
    assert_eq!(
        store.session("live").await.unwrap().unwrap().csrf_token,
        "csrf1"
    );
    assert!(store.session("dead").await.unwrap().is_none());
    // The session with its user, as the pages read it, follows the same rules.
    let (session, user) = store.session_user("live").await.unwrap().unwrap();
    assert_eq!(
        (session.user_id, session.csrf_token.as_str()),
        (o.office, "csrf1")
    );
    assert_eq!(user.id, o.office);
    assert_eq!(
        user.province_id,
        Some(o.province),
        "a commune's user is in its province"
    );
    assert!(store.session_user("dead").await.unwrap().is_none());
    assert!(store.session_user("unknown").await.unwrap().is_none());
    store.set_password(o.office, "new-hash").await.unwrap();
    assert!(store.session("live").await.unwrap().is_none());
    assert!(store.session_user("live").await.unwrap().is_none());
    store
        .create_session("again", o.office, "c", 3600)
        .await
        .unwrap();
    store
        .set_user_active(o.office, o.office, false)
        .await
        .unwrap();
    assert!(store.session("again").await.unwrap().is_none());
    assert!(
        store.session_user("again").await.unwrap().is_none(),
        "an inactive user's session does not sign in"
    );
}

async fn a_plan_is_created_whole_with_sections_tasks_and_occurrences(store: Store) {
    let o = org(&store).await;
    let id = store
        .create_plan(
            Some(o.office),
            &plan(
                &o,
                vec![task(
                    "Tuyên truyền về công tác đối ngoại",
                    Some(o.lead_unit),
                    vec![
                        (Some(o.partner_unit), "Công an xã".into()),
                        (None, "các thôn".into()),
                    ],
                    &["2026-03-14", "2026-06-14"],
                )],
            ),
        )
        .await
        .unwrap();
    let p = store.plan(id).await.unwrap();
    assert_eq!(
        (p.year, p.status(), p.version),
        (2026, PlanStatus::Draft, 1)
    );
    let sections = store.sections_of(id).await.unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[1].parent_id, Some(sections[0].id));
    let (rows, total) = store
        .tasks(
            &TaskFilter {
                commune_id: o.commune,
                ..Default::default()
            },
            "2026-01-01",
        )
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(rows[0].lead_name.as_deref(), Some("Phòng Văn hóa - Xã hội"));
    assert_eq!((rows[0].occurrences, rows[0].done), (2, 0));
    assert_eq!(rows[0].next_due.as_deref(), Some("2026-03-14"));
    let partners = store.task_partners(rows[0].id).await.unwrap();
    assert_eq!(
        partners,
        vec![
            (Some(o.partner_unit), "Công an xã".into()),
            (None, "các thôn".into())
        ]
    );
    let audit = store.audit_of("plan", id).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].username.as_deref(), Some("vanphong"));
}

async fn a_failed_plan_creation_leaves_nothing_behind(store: Store) {
    let o = org(&store).await;
    let mut bad = plan(
        &o,
        vec![task("Việc", Some(o.lead_unit), vec![], &["2026-03-14"])],
    );
    // The second task's occurrences repeat a sequence number: the unique key refuses it
    // after the plan, sections and first task were already written.
    let mut dup = task("Việc hai", None, vec![], &["2026-03-14"]);
    dup.occurrences.push(occurrence(1, "2026-04-01"));
    bad.tasks.push(dup);
    let err = store.create_plan(Some(o.office), &bad).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict("occurrences_task_seq_key")),
        "{err:?}"
    );
    assert!(store.plans_of(o.commune).await.unwrap().is_empty());
    let (rows, total) = store
        .tasks(
            &TaskFilter {
                commune_id: o.commune,
                ..Default::default()
            },
            "2026-01-01",
        )
        .await
        .unwrap();
    assert!(rows.is_empty() && total == 0);
}

async fn task_lists_filter_by_unit_search_without_tones_and_sort(store: Store) {
    let o = org(&store).await;
    let tasks = vec![
        task(
            "Đón tiếp đoàn khách quốc tế",
            Some(o.lead_unit),
            vec![],
            &["2026-05-01"],
        ),
        task(
            "Quản lý người nước ngoài",
            Some(o.partner_unit),
            vec![],
            &["2026-02-01"],
        ),
        task(
            "Bảo hộ công dân",
            None,
            vec![(Some(o.lead_unit), "x".into())],
            &["2026-09-01"],
        ),
        task("Tỷ lệ 50% hoàn thành", None, vec![], &[]),
    ];
    store
        .create_plan(Some(o.office), &plan(&o, tasks))
        .await
        .unwrap();
    let base = TaskFilter {
        commune_id: o.commune,
        ..Default::default()
    };
    let f = |g: &dyn Fn(&mut TaskFilter)| {
        let mut x = base.clone();
        g(&mut x);
        x
    };
    let (rows, total) = store
        .tasks(&f(&|x| x.unit_id = Some(o.lead_unit)), "2026-01-01")
        .await
        .unwrap();
    assert_eq!(total, 2, "lead or partner");
    assert_eq!(rows.len(), 2);
    let (rows, _) = store
        .tasks(&f(&|x| x.query = Some("DOAN khach".into())), "2026-01-01")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text, "Đón tiếp đoàn khách quốc tế");
    let (rows, _) = store
        .tasks(&f(&|x| x.query = Some("50%".into())), "2026-01-01")
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        1,
        "punctuation in the query is ignored, the number is a word"
    );
    let search = |q: &'static str| {
        let filter = f(&|x| x.query = Some(q.into()));
        let store = store.clone();
        async move {
            let (rows, _) = store.tasks(&filter, "2026-01-01").await.unwrap();
            rows.into_iter().map(|r| r.text).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        search("khach quoc t").await,
        vec!["Đón tiếp đoàn khách quốc tế"],
        "the last word may be the start of a word still being typed"
    );
    assert!(
        search("doan khach quo tế").await.is_empty(),
        "other words stand whole"
    );
    assert!(
        search("\"quản lý\" OR bảo").await.is_empty(),
        "quotes and operators typed by users are plain words"
    );
    assert_eq!(search("  ").await.len(), 4, "no words: no filter");
    // A CSV export holds the whole filtered list, whatever the page size.
    let all = store
        .tasks_export(
            &f(&|x| {
                x.limit = 1;
                x.offset = 3;
                x.sort = Some("due".into());
            }),
            "2026-01-01",
        )
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].text, "Quản lý người nước ngoài");
    // Across communes in one query; the other commune has no such task.
    let found = store
        .search_tasks(&[o.other, o.commune], "đoàn KHÁCH", "2026-01-01", 10)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(
        store
            .search_tasks(&[o.other], "doan khach", "2026-01-01", 10)
            .await
            .unwrap()
            .is_empty()
    );
    let (rows, _) = store
        .tasks(&f(&|x| x.sort = Some("due".into())), "2026-01-01")
        .await
        .unwrap();
    let order: Vec<_> = rows.iter().map(|r| r.next_due.clone()).collect();
    assert_eq!(
        order,
        vec![
            Some("2026-02-01".into()),
            Some("2026-05-01".into()),
            Some("2026-09-01".into()),
            None
        ]
    );
    let (rows, total) = store
        .tasks(
            &f(&|x| {
                x.limit = 2;
                x.offset = 2;
            }),
            "2026-01-01",
        )
        .await
        .unwrap();
    assert_eq!((rows.len(), total), (2, 4));
    // A page past the end has no row to carry the total; it is still the listing's.
    let (rows, total) = store
        .tasks(
            &f(&|x| {
                x.limit = 2;
                x.offset = 10;
            }),
            "2026-01-01",
        )
        .await
        .unwrap();
    assert_eq!((rows.len(), total), (0, 4));
    // Another commune's listing is empty.
    let (rows, _) = store
        .tasks(
            &TaskFilter {
                commune_id: o.other,
                ..Default::default()
            },
            "2026-01-01",
        )
        .await
        .unwrap();
    assert!(rows.is_empty());
    let found = store
        .search_plans(&[o.commune], "doi ngoai 2026")
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(
        store
            .search_plans(&[o.other], "doi ngoai")
            .await
            .unwrap()
            .is_empty()
    );
}

/// A plan with one task led by `o.lead_unit`, due on 14 March and 14 June 2026.
async fn one_task_due_in_march_and_june(store: &Store, o: &Org) {
    store
        .create_plan(
            Some(o.office),
            &plan(
                o,
                vec![task(
                    "Việc",
                    Some(o.lead_unit),
                    vec![],
                    &["2026-03-14", "2026-06-14"],
                )],
            ),
        )
        .await
        .unwrap();
}

async fn overdue_is_derived_from_today_and_status(store: Store) {
    let o = org(&store).await;
    one_task_due_in_march_and_june(&store, &o).await;
    let filter = TaskFilter {
        commune_id: o.commune,
        only_overdue: true,
        ..Default::default()
    };
    assert_eq!(
        store.tasks(&filter, "2026-03-14").await.unwrap().1,
        0,
        "due today is not late"
    );
    let (rows, _) = store.tasks(&filter, "2026-03-15").await.unwrap();
    assert_eq!(rows[0].overdue, 1);
    let late = store
        .open_occurrences(o.commune, None, None, "2026-07-01", 10)
        .await
        .unwrap();
    assert_eq!(late.len(), 2);
    let soon = store
        .open_occurrences(
            o.commune,
            Some(o.lead_unit),
            Some("2026-06-01"),
            "2026-07-01",
            10,
        )
        .await
        .unwrap();
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].due_on, "2026-06-14");
    let other_unit = store
        .open_occurrences(o.commune, Some(o.partner_unit), None, "2026-07-01", 10)
        .await
        .unwrap();
    assert!(other_unit.is_empty());
    // Done is never overdue.
    store
        .record_progress(
            o.office,
            &NewProgress {
                occurrence_id: late[0].id,
                unit_id: None,
                status: "done".into(),
                percent: 100,
                note: String::new(),
                evidence_url: None,
                evidence_file: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .open_occurrences(o.commune, None, None, "2026-07-01", 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let units = store
        .progress_by_unit(o.commune, "2026-07-01")
        .await
        .unwrap();
    let lead = units
        .iter()
        .find(|u| u.unit_id == Some(o.lead_unit))
        .unwrap();
    assert_eq!(
        (lead.tasks, lead.occurrences, lead.done, lead.overdue),
        (1, 2, 1, 1)
    );
}

async fn progress_is_recorded_with_its_audit_trail(store: Store) {
    let o = org(&store).await;
    store
        .create_plan(
            Some(o.office),
            &plan(
                &o,
                vec![task("Việc", Some(o.lead_unit), vec![], &["2026-03-14"])],
            ),
        )
        .await
        .unwrap();
    let (rows, _) = store
        .tasks(
            &TaskFilter {
                commune_id: o.commune,
                ..Default::default()
            },
            "2026-01-01",
        )
        .await
        .unwrap();
    let task_id = rows[0].id;
    let occ = store.occurrences_of(task_id).await.unwrap();
    let id = store
        .record_progress(
            o.office,
            &NewProgress {
                occurrence_id: occ[0].id,
                unit_id: Some(o.lead_unit),
                status: "in_progress".into(),
                percent: 40,
                note: "Đã tổ chức 2 buổi".into(),
                evidence_url: Some("https://example.vn/tin".into()),
                evidence_file: Some((
                    "bien-ban.pdf".into(),
                    "application/pdf".into(),
                    b"%PDF-1.4".to_vec(),
                )),
            },
        )
        .await
        .unwrap();
    let occ = store.occurrence(occ[0].id).await.unwrap();
    assert_eq!((occ.status.as_str(), occ.percent), ("in_progress", 40));
    let history = store.progress_of_task(task_id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].note, "Đã tổ chức 2 buổi");
    assert_eq!(
        history[0].unit_name.as_deref(),
        Some("Phòng Văn hóa - Xã hội")
    );
    let (tid, name, ty, bytes) = store.evidence_file(id).await.unwrap();
    assert_eq!(
        (tid, name.as_str(), ty.as_str(), bytes.as_slice()),
        (task_id, "bien-ban.pdf", "application/pdf", &b"%PDF-1.4"[..])
    );
    let audit = store.audit_of("task", task_id).await.unwrap();
    assert_eq!(audit[0].action, "progress");
    assert!(
        audit[0]
            .before_json
            .as_deref()
            .unwrap()
            .contains("not_started")
    );
    assert!(
        audit[0]
            .after_json
            .as_deref()
            .unwrap()
            .contains("in_progress")
    );
}

async fn a_progress_batch_is_stored_whole_and_in_order(store: Store) {
    let o = org(&store).await;
    one_task_due_in_march_and_june(&store, &o).await;
    let filter = TaskFilter {
        commune_id: o.commune,
        ..Default::default()
    };
    let task_id = store.tasks(&filter, "2026-01-01").await.unwrap().0[0].id;
    let occ = store.occurrences_of(task_id).await.unwrap();
    let update = |occurrence_id, status: &str, percent| NewProgress {
        occurrence_id,
        unit_id: Some(o.lead_unit),
        status: status.into(),
        percent,
        note: format!("{status} {percent}"),
        evidence_url: None,
        evidence_file: None,
    };
    // An unknown occurrence anywhere in the batch stores nothing.
    let bad = [
        update(occ[0].id, "in_progress", 10),
        update(-1, "done", 100),
    ];
    assert!(matches!(
        store.record_progress_batch(o.office, &bad).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.progress_of_task(task_id).await.unwrap().is_empty());
    let batch = [
        update(occ[0].id, "in_progress", 40),
        update(occ[1].id, "in_progress", 20),
        update(occ[0].id, "done", 100),
    ];
    let ids = store.record_progress_batch(o.office, &batch).await.unwrap();
    assert_eq!(ids.len(), 3);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let first = store.occurrence(occ[0].id).await.unwrap();
    assert_eq!((first.status.as_str(), first.percent), ("done", 100));
    let history = store.progress_of_task(task_id).await.unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].note, "done 100");
    // Each audit record has the state the previous update of the batch left.
    let audit = store.audit_of("task", task_id).await.unwrap();
    let progress: Vec<_> = audit.iter().filter(|a| a.action == "progress").collect();
    assert_eq!(progress.len(), 3);
    assert!(
        progress[0]
            .before_json
            .as_deref()
            .unwrap()
            .contains("\"percent\":40")
    );
}

async fn editing_a_timeframe_keeps_occurrences_that_have_progress(store: Store) {
    let o = org(&store).await;
    one_task_due_in_march_and_june(&store, &o).await;
    let (rows, _) = store
        .tasks(
            &TaskFilter {
                commune_id: o.commune,
                ..Default::default()
            },
            "2026-01-01",
        )
        .await
        .unwrap();
    let task_id = rows[0].id;
    let occ = store.occurrences_of(task_id).await.unwrap();
    store
        .record_progress(
            o.office,
            &NewProgress {
                occurrence_id: occ[0].id,
                unit_id: None,
                status: "done".into(),
                percent: 100,
                note: "Xong".into(),
                evidence_url: None,
                evidence_file: None,
            },
        )
        .await
        .unwrap();
    let edit = TaskEdit {
        text: "Việc đã sửa".into(),
        lead_unit_id: Some(o.partner_unit),
        partners: vec![(Some(o.lead_unit), "Phòng Văn hóa - Xã hội".into())],
        timeframe: Some("Tháng 12/2026".into()),
        recurrence: "once".into(),
        schedule_certain: true,
    };
    store
        .update_task(
            o.office,
            task_id,
            &edit,
            Some(&[occurrence(1, "2026-12-31")]),
        )
        .await
        .unwrap();
    let occ = store.occurrences_of(task_id).await.unwrap();
    let dues: Vec<_> = occ
        .iter()
        .map(|x| (x.due_on.as_str(), x.status.as_str()))
        .collect();
    assert_eq!(
        dues,
        vec![("2026-03-14", "done"), ("2026-12-31", "not_started")]
    );
    let t = store.task(task_id).await.unwrap();
    assert_eq!(
        (t.text.as_str(), t.lead_unit_id),
        ("Việc đã sửa", Some(o.partner_unit))
    );
    assert_eq!(store.task_partners(task_id).await.unwrap().len(), 1);
    assert_eq!(
        store.audit_of("task", task_id).await.unwrap()[0].action,
        "update"
    );
    // The search index follows the edit: the new words find the task, the old ones not.
    let find = |q: &str| TaskFilter {
        commune_id: o.commune,
        query: Some(q.into()),
        ..Default::default()
    };
    let (rows, _) = store
        .tasks(&find("viec da sua"), "2026-01-01")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let renamed = TaskEdit {
        text: "Tuyên truyền biển đảo".into(),
        ..edit
    };
    store
        .update_task(o.office, task_id, &renamed, None)
        .await
        .unwrap();
    let (rows, _) = store.tasks(&find("biển đảo"), "2026-01-01").await.unwrap();
    assert_eq!(rows.len(), 1);
    let (rows, _) = store.tasks(&find("viec"), "2026-01-01").await.unwrap();
    assert!(rows.is_empty(), "the old words are gone from the index");
}

async fn province_overview_lists_every_commune(store: Store) {
    let o = org(&store).await;
    let id = store
        .create_plan(
            Some(o.office),
            &plan(
                &o,
                vec![task("Việc", Some(o.lead_unit), vec![], &["2026-03-14"])],
            ),
        )
        .await
        .unwrap();
    store
        .set_plan_status(
            o.office,
            id,
            PlanStatus::Issued,
            Some("12/KH-UBND"),
            Some("2026-01-05"),
        )
        .await
        .unwrap();
    let rows = store
        .province_overview(o.province, "2026-04-01")
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let home = rows.iter().find(|r| r.commune_id == o.commune).unwrap();
    assert_eq!(
        (home.plans, home.tasks, home.occurrences, home.overdue),
        (1, 1, 1, 1)
    );
    assert_eq!(home.latest_status.as_deref(), Some("issued"));
    let other = rows.iter().find(|r| r.commune_id == o.other).unwrap();
    assert_eq!(
        (other.plans, other.tasks, other.latest_status.clone()),
        (0, 0, None)
    );
    let p = store.plan(id).await.unwrap();
    assert_eq!(p.doc_number.as_deref(), Some("12/KH-UBND"));
}

async fn login_failures_are_counted_per_key(store: Store) {
    store.record_login_failure("user:a").await.unwrap();
    store.record_login_failure("user:a").await.unwrap();
    store.record_login_failure("ip:1").await.unwrap();
    assert_eq!(store.login_failures_since("user:a", 60).await.unwrap(), 2);
    store.clear_login_failures("user:a").await.unwrap();
    assert_eq!(store.login_failures_since("user:a", 60).await.unwrap(), 0);
    assert_eq!(store.login_failures_since("ip:1", 60).await.unwrap(), 1);
}

async fn bad_values_are_refused_by_named_checks(store: Store) {
    let o = org(&store).await;
    let err = store
        .create_commune(o.province, "Lạ", "huyen")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict("communes_kind_check")),
        "{err:?}"
    );
    let mut p = plan(&o, vec![]);
    p.year = 1999;
    let err = store.create_plan(None, &p).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict("plans_year_check")),
        "{err:?}"
    );
}

async fn a_plan_with_more_than_a_thousand_tasks_is_read_whole(store: Store) {
    let o = org(&store).await;
    const N: usize = 1_234;
    // One transaction writes the whole plan; a few tasks have occurrences so the counts
    // are checked too.
    let tasks = (0..N)
        .map(|i| {
            let dues: &[&str] = if i % 500 == 0 { &["2026-03-14"] } else { &[] };
            task(&format!("Việc số {i}"), Some(o.lead_unit), vec![], dues)
        })
        .collect();
    let id = store
        .create_plan(Some(o.office), &plan(&o, tasks))
        .await
        .unwrap();
    // Another plan's tasks stay out.
    store
        .create_plan(
            Some(o.office),
            &plan(&o, vec![task("Việc khác", None, vec![], &[])]),
        )
        .await
        .unwrap();
    let rows = store.tasks_of_plan(id, "2026-04-01").await.unwrap();
    assert_eq!(rows.len(), N, "no cap on a whole plan");
    let texts: Vec<String> = rows.iter().map(|r| r.text.clone()).collect();
    let expected: Vec<String> = (0..N).map(|i| format!("Việc số {i}")).collect();
    assert_eq!(texts, expected, "in plan order");
    assert_eq!(
        (rows[1000].occurrences, rows[1000].overdue),
        (1, 1),
        "past the old cap, counted against today"
    );
    assert!(rows.iter().all(|r| r.plan_id == id));
    // The paged listing keeps its cap, counts all, and computes the same rows.
    let filter = TaskFilter {
        commune_id: o.commune,
        plan_id: Some(id),
        limit: 5_000,
        ..Default::default()
    };
    let (page, total) = store.tasks(&filter, "2026-04-01").await.unwrap();
    assert_eq!((page.len(), total), (1000, N as i64));
    let listed = serde_json::to_value(&page[..]).unwrap();
    let whole = serde_json::to_value(&rows[..1000]).unwrap();
    assert_eq!(listed, whole);
}

fn finding(code: &str, severity: &str, line: i64, suggestion: Option<&str>) -> PlanFinding {
    PlanFinding {
        code: code.into(),
        severity: severity.into(),
        line,
        column: if line == 0 { 0 } else { 3 },
        excerpt: "phố biến".into(),
        message: format!("Thông báo {code}"),
        suggestion: suggestion.map(str::to_string),
    }
}

async fn source_findings_are_stored_once_with_their_file_and_read_in_order(store: Store) {
    let o = org(&store).await;
    let id = store
        .create_plan(Some(o.office), &plan(&o, vec![]))
        .await
        .unwrap();
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::NoSource
    );
    // Other kinds of file are not the source.
    store
        .add_plan_file(o.office, id, "signed", "ky.pdf", "application/pdf", b"%PDF")
        .await
        .unwrap();
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::NoSource
    );
    // A source file without findings (as every file stored before migration 0007).
    let file = store
        .add_plan_file(o.office, id, "source", "kh.txt", "text/plain", b"KE HOACH")
        .await
        .unwrap();
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::Unchecked { file_id: file }
    );
    // A bad value anywhere stores nothing, and the file stays unchecked.
    let bad = [
        finding("A", "warning", 1, None),
        finding("B", "fatal", 2, None),
    ];
    assert!(store.store_findings(file, &bad).await.is_err());
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::Unchecked { file_id: file }
    );
    let findings = vec![
        finding("VN-REAL-WORD", "warning", 12, Some("phổ biến")),
        finding("D30-HEADER", "error", 0, None),
        finding("CITE-REPLACED", "info", 7, None),
    ];
    assert!(store.store_findings(file, &findings).await.unwrap());
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::Checked(findings.clone())
    );
    // Once checked, a second store (another request filling in the same plan) writes
    // nothing.
    assert!(
        !store
            .store_findings(file, &[finding("X", "error", 1, None)])
            .await
            .unwrap()
    );
    assert_eq!(
        store.source_findings(id).await.unwrap(),
        SourceFindings::Checked(findings)
    );
    // A checked file with nothing found reads as checked and empty, not as unchecked.
    let clean = store
        .create_plan(Some(o.office), &plan(&o, vec![]))
        .await
        .unwrap();
    let file = store
        .add_plan_file(
            o.office,
            clean,
            "source",
            "kh.txt",
            "text/plain",
            b"KE HOACH",
        )
        .await
        .unwrap();
    assert!(store.store_findings(file, &[]).await.unwrap());
    assert_eq!(
        store.source_findings(clean).await.unwrap(),
        SourceFindings::Checked(Vec::new())
    );
    assert!(
        !store.store_findings(-1, &[]).await.unwrap(),
        "no such file"
    );
}
