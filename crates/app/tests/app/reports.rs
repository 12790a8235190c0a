//! Reports to the province (issue 11) on both backends: windows, figures equal to the
//! registers' statistics, the plan's part, the lifecycle with a return and a resubmission,
//! double submissions, frozen versions, late reports, deadlines across Tết.

use std::collections::BTreeMap;

use app::registers::EntryInput;
use app::reports::{ReportEdit, ReportTarget, Review};
use app::{Error, RequestKey};
use chrono::NaiveDate;
use domain::register::{EntryState, RegisterKind};
use domain::report::{DayKind, Period, ReportStatus};

use crate::support::{World, worlds};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A delegation back from abroad that left on `left` (dd/mm/yyyy).
fn trip(name: &str, left: &str, back: &str, people: &str) -> EntryInput {
    let pairs = [
        ("ten_doan", name),
        ("cap_doan", "ubnd"),
        ("so_nguoi", people),
        ("nuoc_den", "Lào"),
        ("muc_dich", "hoc_tap"),
        ("ngay_di", left),
        ("ngay_ve", back),
        ("nguon_kinh_phi", "nsnn"),
        ("kinh_phi", "50.000.000"),
        ("van_ban_xin_phep", "Tờ trình số 08/TTr-UBND"),
        ("quyet_dinh_cho_phep", "Quyết định số 120/QĐ-UBND"),
    ];
    EntryInput {
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        state: Some(EntryState::Returned),
        unplanned: true,
        ..EntryInput::default()
    }
}

async fn record(w: &World, input: EntryInput) -> i64 {
    w.app
        .create_entry(&w.office, None, RegisterKind::DoanRa, None, input)
        .await
        .expect("entry recorded")
        .0
}

fn period(s: &str) -> Period {
    Period::parse(s).unwrap()
}

#[tokio::test]
async fn a_delegation_leaving_on_14_june_is_in_the_six_month_report_and_one_leaving_on_15_june_is_not()
 {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        windows_on(&w).await;
    }
}

async fn windows_on(w: &World) {
    let app = &w.app;
    // A quarterly task: its first quarter (due 31/03) is in the 6-month window.
    crate::support::add_task(
        w,
        w.plan,
        None,
        "Giao lưu hữu nghị với tỉnh Hủa Phăn",
        Some(w.unit),
        "Hằng quý",
    )
    .await;
    record(
        w,
        trip(
            "Đoàn học tập tại Viêng Chăn",
            "14/06/2026",
            "18/06/2026",
            "4",
        ),
    )
    .await;
    record(
        w,
        trip(
            "Đoàn dự lễ hội tại Luông Pha Băng",
            "15/06/2026",
            "17/06/2026",
            "3",
        ),
    )
    .await;
    // The first day of the Decree 09 year (15/12 of the year before) counts too.
    record(
        w,
        trip("Đoàn chúc Tết cổ truyền", "15/12/2025", "17/12/2025", "2"),
    )
    .await;
    record(w, trip("Đoàn năm trước", "14/12/2025", "16/12/2025", "5")).await;

    let half = app
        .draft_report(&w.office, w.home, None, period("6-thang-2026"))
        .await
        .unwrap();
    assert_eq!((half.from, half.to), (d(2025, 12, 15), d(2026, 6, 14)));
    let f = &half.figures["doan-ra"];
    assert_eq!((f.count, f.member_trips), (2, Some(6)));
    // The same numbers as `doingoai register stats` for the window.
    let stats = app
        .register_figures(&w.office, RegisterKind::DoanRa, w.home, half.from, half.to)
        .await
        .unwrap();
    assert_eq!(f, &stats);
    // The deadline: 14/06/2026 is a Sunday; two working days later is Tuesday 16/06.
    assert_eq!(half.due_on, d(2026, 6, 16));

    let year = app
        .draft_report(&w.office, w.home, None, period("nam-2026"))
        .await
        .unwrap();
    assert_eq!((year.from, year.to), (d(2025, 12, 15), d(2026, 12, 14)));
    assert_eq!(year.figures["doan-ra"].count, 3);
    assert_eq!(year.figures["doan-ra"].member_trips, Some(9));
    // The data out follows its documented schema (docs/report.schema.json).
    conforms(&half);
    conforms(&year);
    // Every register has its figures, and the annex of delegations lists the counted ones.
    assert_eq!(year.figures.len(), RegisterKind::ALL.len());
    let annex = year.annexes.iter().find(|a| a.number == "01").unwrap();
    assert_eq!(annex.rows.len(), 3);
    assert!(annex.links.iter().all(|l| l.is_some()));
    // The sentence under "Đoàn ra" says it and links to the records of the window.
    let s = year
        .sections
        .iter()
        .find(|s| s.heading == "Đoàn ra")
        .unwrap();
    assert!(s.facts[0].text.contains("03 đoàn"), "{}", s.facts[0].text);
    assert!(
        s.facts[0]
            .link
            .as_deref()
            .unwrap()
            .contains("from=15/12/2025&to=14/12/2026")
    );

    // The plan's part: occurrences due in the window, done and overdue as the records say.
    let before = half.plan.clone();
    assert!(before.tasks > 0 && before.occurrences_due > 0, "{before:?}");
    assert_eq!(
        before.occurrences_due,
        before.done + before.cancelled + before.in_progress + before.not_started
    );
    let view = app
        .task_view(
            &w.office,
            first_task_due_in(w, &half).await,
            app::PageRequest::first(),
        )
        .await
        .unwrap();
    let occurrence = view
        .occurrences
        .iter()
        .find(|o| o.due_on.as_str() >= "2025-12-15" && o.due_on.as_str() <= "2026-06-14")
        .unwrap()
        .id;
    app.record_progress(
        &w.office,
        view.task.id,
        crate::support::progress(occurrence, domain::OccurrenceStatus::Done, Some(100)),
        None,
    )
    .await
    .unwrap();
    let after = app
        .draft_report(&w.office, w.home, None, period("6-thang-2026"))
        .await
        .unwrap();
    assert_eq!(after.plan.done, before.done + 1);
    assert!(
        after
            .results
            .iter()
            .flat_map(|s| &s.tasks)
            .any(|t| t.task_id == view.task.id && t.notes.iter().any(|n| n.text == "Đã thực hiện"))
    );
}

/// Checks a report's JSON against docs/report.schema.json.
fn conforms(c: &app::report_content::ReportContent) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/report.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let value = serde_json::to_value(c).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the schema does refuse what breaks the contract.
    let mut broken = value.clone();
    broken["figures"]["doan-ra"]["count"] = serde_json::json!(-1);
    broken["status"] = serde_json::json!("sent");
    assert_eq!(validator.iter_errors(&broken).count(), 2);
}

/// The first task of the plan with an occurrence due in the report's window.
async fn first_task_due_in(w: &World, c: &app::report_content::ReportContent) -> i64 {
    c.results
        .iter()
        .flat_map(|s| &s.tasks)
        .find(|t| t.due > t.done)
        .map(|t| t.task_id)
        .or_else(|| {
            c.results
                .iter()
                .flat_map(|s| &s.tasks)
                .find(|t| t.due > 0)
                .map(|t| t.task_id)
        })
        .unwrap_or_else(|| panic!("no task due in the window of {}", w.url))
}

#[tokio::test]
async fn a_report_is_drafted_corrected_sent_returned_sent_again_and_accepted() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        lifecycle_on(&w).await;
    }
}

async fn six_month_regime(w: &World) -> i64 {
    w.app
        .regimes(&w.officer, w.province)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.regime.code == "bc-6-thang")
        .unwrap()
        .id
}

async fn lifecycle_on(w: &World) {
    let app = &w.app;
    record(w, trip("Đoàn học tập", "10/03/2026", "15/03/2026", "4")).await;
    let regime = six_month_regime(w).await;
    let target = ReportTarget::Period(period("6-thang-2026"));
    // Unit staff, viewers and other communes do not draft the commune's report.
    for u in [&w.staff, &w.viewer, &w.other_office] {
        assert!(matches!(
            app.start_report(u, w.home, regime, target).await,
            Err(Error::Forbidden)
        ));
    }
    let id = app
        .start_report(&w.office, w.home, regime, target)
        .await
        .unwrap();
    // A second click, or the leader at the same time, opens the same report.
    assert_eq!(
        app.start_report(&w.leader, w.home, regime, target)
            .await
            .unwrap(),
        id
    );
    let (a, b) = tokio::join!(
        app.start_report(&w.office, w.home, regime, target),
        app.start_report(&w.leader, w.home, regime, target)
    );
    assert_eq!((a.unwrap(), b.unwrap()), (id, id));
    // A period that does not fit the regime is refused.
    assert!(matches!(
        app.start_report(
            &w.office,
            w.home,
            regime,
            ReportTarget::Period(period("nam-2026"))
        )
        .await,
        Err(Error::Invalid { .. })
    ));

    let v = app.report_view(&w.office, id).await.unwrap();
    assert_eq!(v.status, ReportStatus::Draft);
    assert!(v.can_edit && !v.can_review && !v.frozen);
    // The report is due on 16/06/2026; the world's today is 01/07/2026.
    assert!(v.late);
    assert!(matches!(
        app.report_view(&w.other_office, id).await,
        Err(Error::NotFound)
    ));

    // The officer writes a paragraph and a wrong number, then the right one.
    let mut texts = BTreeMap::new();
    texts.insert("I".to_string(), "Tình hình chung ổn định.".to_string());
    let bad = app
        .save_report(
            &w.office,
            id,
            ReportEdit {
                number: "12/KH-UBND".into(),
                texts: texts.clone(),
                version: v.version,
            },
        )
        .await;
    assert!(matches!(
        bad,
        Err(Error::Invalid {
            field: "number",
            ..
        })
    ));
    let version = app
        .save_report(
            &w.office,
            id,
            ReportEdit {
                number: "12/BC-UBND".into(),
                texts: texts.clone(),
                version: v.version,
            },
        )
        .await
        .unwrap();
    // A save from the old version is refused (someone saved first), nothing lost silently.
    assert!(matches!(
        app.save_report(
            &w.leader,
            id,
            ReportEdit {
                number: "13/BC-UBND".into(),
                texts: BTreeMap::new(),
                version: v.version,
            },
        )
        .await,
        Err(Error::Conflict(_))
    ));
    let v = app.report_view(&w.office, id).await.unwrap();
    assert_eq!(v.version, version);
    let general = v.content.sections.iter().find(|s| s.key == "I").unwrap();
    assert_eq!(general.text, "Tình hình chung ổn định.");
    assert_eq!(v.content.number, "12/BC-UBND");

    // Sent without the signed file: refused. With it, twice with the same key: one version.
    assert!(matches!(
        app.submit_report(&w.office, None, id, version, None).await,
        Err(Error::Invalid { field: "file", .. })
    ));
    let file = || {
        Some((
            "bao-cao-da-ky.pdf".to_string(),
            crate::support::SIGNED_PDF.to_vec(),
        ))
    };
    let key = RequestKey::new("submit-1", "");
    let (a, b) = tokio::join!(
        app.submit_report(&w.office, key.as_ref(), id, version, file()),
        app.submit_report(&w.office, key.as_ref(), id, version, file())
    );
    assert_eq!((a.unwrap(), b.unwrap()), (1, 1));
    assert!(matches!(
        app.submit_report(&w.office, None, id, version + 1, file())
            .await,
        Err(Error::Conflict(_))
    ));
    let v = app.report_view(&w.officer, id).await.unwrap();
    assert_eq!(v.status, ReportStatus::Submitted);
    assert_eq!(v.versions.len(), 1);
    assert!(v.frozen && v.can_review && v.late);
    assert_eq!(v.first_submitted_on, Some(d(2026, 7, 1)));
    // The figures are frozen: an entry recorded after the submission does not change them.
    let frozen = v.content.figures["doan-ra"].count;
    record(w, trip("Đoàn bổ sung", "20/03/2026", "22/03/2026", "2")).await;
    let v = app.report_view(&w.officer, id).await.unwrap();
    assert_eq!(v.content.figures["doan-ra"].count, frozen);
    // The commune cannot change a sent report; only the province reviews it.
    assert!(matches!(
        app.save_report(
            &w.office,
            id,
            ReportEdit {
                number: "12/BC-UBND".into(),
                texts: BTreeMap::new(),
                version: v.version,
            },
        )
        .await,
        Err(Error::Conflict(_))
    ));
    for u in [&w.office, &w.leader, &w.admin] {
        assert!(matches!(
            app.review_report(u, id, v.version, Review::Accept(String::new()))
                .await,
            Err(Error::Forbidden)
        ));
    }
    assert!(matches!(
        app.review_report(&w.officer, id, v.version, Review::Return("  ".into()))
            .await,
        Err(Error::Invalid {
            field: "comment",
            ..
        })
    ));
    app.review_report(
        &w.officer,
        id,
        v.version,
        Review::Return("Bổ sung kết quả đoàn ra tháng 3.".into()),
    )
    .await
    .unwrap();
    let queue = app.review_queue(&w.officer).await.unwrap();
    assert!(queue.waiting.is_empty());
    assert_eq!(queue.returned.len(), 1);

    // Returned: the commune edits again; the figures follow the records again.
    let v = app.report_view(&w.office, id).await.unwrap();
    assert_eq!(v.status, ReportStatus::Returned);
    assert!(v.can_edit && !v.frozen);
    assert_eq!(v.content.figures["doan-ra"].count, frozen + 1);
    assert_eq!(v.comments.len(), 1);
    assert_eq!(v.comments[0].body, "Bổ sung kết quả đoàn ra tháng 3.");
    texts.insert("II.2".into(), "Đã bổ sung đoàn ra tháng 3.".into());
    let version = app
        .save_report(
            &w.office,
            id,
            ReportEdit {
                number: "12/BC-UBND".into(),
                texts,
                version: v.version,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        app.submit_report(&w.office, None, id, version, file())
            .await
            .unwrap(),
        2
    );
    let v = app.report_view(&w.officer, id).await.unwrap();
    assert_eq!(v.versions.len(), 2);
    // Still late: the first submission was after the deadline, and it stays the day that
    // counts.
    assert_eq!(v.first_submitted_on, Some(d(2026, 7, 1)));
    app.review_report(
        &w.officer,
        id,
        v.version,
        Review::Accept("Đạt yêu cầu.".into()),
    )
    .await
    .unwrap();
    let v = app.report_view(&w.office, id).await.unwrap();
    assert_eq!(v.status, ReportStatus::Accepted);
    assert!(!v.can_edit && !v.can_review && v.frozen);
    assert_eq!(v.content.figures["doan-ra"].count, frozen + 1);
    assert_eq!(v.comments.len(), 2);
    // Accepted is locked: no send, no review.
    assert!(matches!(
        app.submit_report(&w.office, None, id, v.version, file())
            .await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        app.review_report(&w.officer, id, v.version, Review::Return("x".into()))
            .await,
        Err(Error::Conflict(_))
    ));
    // The accepted report as a Decree 30 BÁO CÁO: `doingoai parse` reads back its type,
    // number, date, receiver and the figures of its tables and text.
    let c = app.report_content(&w.officer, id, None).await.unwrap();
    conforms(&c);
    let docx = app
        .render_report(c.clone(), app::export::ExportFormat::Docx)
        .await
        .unwrap();
    let doc = document::parse_bytes(&docx.bytes, Some("bao-cao.docx")).unwrap();
    assert_eq!(doc.doc_type.as_deref(), Some("BC"));
    assert_eq!(doc.number.as_deref(), Some("12/BC-UBND"));
    let date = doc.date.unwrap();
    assert_eq!((date.day(), date.month(), date.year()), (1, 7, 2026));
    assert_eq!(doc.addressees, vec![c.receiver.clone()]);
    assert_eq!(doc.recipients.last().map(String::as_str), Some("Lưu: VT"));
    for annex in &c.annexes {
        let table = doc
            .tables
            .iter()
            .find(|t| t.rows.first() == Some(&annex.columns) && t.rows.len() > 1)
            .unwrap_or_else(|| panic!("annex {} not read back", annex.number));
        let n = annex.rows.len();
        if n > 0 {
            assert_eq!(
                &table.rows[1..=n],
                annex.rows.as_slice(),
                "annex {}",
                annex.number
            );
        }
        // The total line follows the rows.
        if let Some(total) = &annex.total {
            assert!(
                table.rows.last().unwrap().contains(total),
                "annex {}",
                annex.number
            );
        }
    }
    // `doingoai lint` finds the report's figures consistent, text and tables; a figure
    // changed in the text against its table is found.
    let fig = |bytes: &[u8]| -> Vec<&'static str> {
        let source = document::read::read(bytes, Some("bc.docx")).unwrap();
        let doc = document::extract::extract(&source, Some("bc.docx"));
        lint::lint(&source, &doc, &lint::Config::builtin())
            .into_iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FIG-"))
            .collect()
    };
    assert_eq!(fig(&docx.bytes), Vec::<&str>::new());
    let mut wrong = c.clone();
    for s in wrong.sections.iter_mut().filter(|s| s.heading == "Đoàn ra") {
        assert!(
            s.facts[0].text.contains(" có 02 đoàn"),
            "{}",
            s.facts[0].text
        );
        s.facts[0].text = s.facts[0].text.replacen(" có 02 đoàn", " có 03 đoàn", 1);
    }
    let wrong = app
        .render_report(wrong, app::export::ExportFormat::Docx)
        .await
        .unwrap();
    assert_eq!(fig(&wrong.bytes), vec!["FIG-TABLE"]);
    let text = serde_json::to_string(&doc.sections).unwrap();
    let trips = c.sections.iter().find(|s| s.heading == "Đoàn ra").unwrap();
    assert!(
        text.contains(&trips.facts[0].text),
        "{}",
        trips.facts[0].text
    );
    let (_, _, bytes) = app.report_file(&w.officer, id, 1).await.unwrap();
    assert_eq!(bytes, crate::support::SIGNED_PDF);
    // The commune's page lists it as sent.
    let page = app
        .reports_of_commune(&w.office, None)
        .await
        .unwrap()
        .unwrap();
    let due = page
        .due
        .iter()
        .find(|r| r.period == Some(period("6-thang-2026")))
        .unwrap();
    assert_eq!(
        due.report.as_ref().map(|r| r.status),
        Some(ReportStatus::Accepted)
    );
    assert!(due.late);
    // The history says who did what.
    let events = crate::support::count(
        &w.url,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE object_type = 'report' AND object_id = {id}"
        ),
    )
    .await;
    // drafted, 2 edits, 2 submissions, return, accept.
    assert_eq!(events, 7);
}

#[tokio::test]
async fn a_deadline_two_working_days_after_a_cut_off_in_tet_falls_after_tet() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        tet_on(&w).await;
    }
}

async fn tet_on(w: &World) {
    let app = &w.app;
    let mut monthly = domain::report::default_regimes("Sở Ngoại vụ").remove(0);
    monthly.name = "Báo cáo công tác đối ngoại tháng".into();
    monthly.frequency = domain::report::Frequency::Monthly;
    // Unit staff and commune offices do not set regimes.
    assert!(matches!(
        app.save_regime(&w.office, w.province, None, 0, monthly.clone(), true)
            .await,
        Err(Error::Forbidden)
    ));
    app.save_regime(&w.officer, w.province, None, 0, monthly, true)
        .await
        .unwrap();
    // Tháng 2/2026: 15/01 → Saturday 14/02, in Tết (14/02–22/02): due Tuesday 24/02.
    let feb = app
        .draft_report(&w.office, w.home, None, period("thang-2-2026"))
        .await
        .unwrap();
    assert_eq!((feb.from, feb.to), (d(2026, 1, 15), d(2026, 2, 14)));
    assert_eq!(feb.due_on, d(2026, 2, 24));
    // The Government adds a day off on 24/02: the deadline moves to 25/02.
    assert!(matches!(
        app.set_calendar_day(
            &w.officer,
            d(2026, 2, 24),
            Some(DayKind::Holiday),
            "Nghỉ bù"
        )
        .await,
        Err(Error::Forbidden)
    ));
    app.set_calendar_day(&w.admin, d(2026, 2, 24), Some(DayKind::Holiday), "Nghỉ bù")
        .await
        .unwrap();
    let feb = app
        .draft_report(&w.office, w.home, None, period("thang-2-2026"))
        .await
        .unwrap();
    assert_eq!(feb.due_on, d(2026, 2, 25));
    app.set_calendar_day(&w.admin, d(2026, 2, 24), None, "")
        .await
        .unwrap();
    let feb = app
        .draft_report(&w.office, w.home, None, period("thang-2-2026"))
        .await
        .unwrap();
    assert_eq!(feb.due_on, d(2026, 2, 24));
}

#[tokio::test]
async fn each_user_sees_what_falls_due_in_the_app_and_in_a_secret_calendar_feed() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        reminders_on(&w).await;
    }
}

async fn reminders_on(w: &World) {
    use app::reminders::ReminderKind as K;
    let app = &w.app;
    // The office: the 6-month report is overdue (due 16/06/2026, today 01/07/2026).
    let office = app.reminders(&w.office).await.unwrap();
    let report = office
        .iter()
        .find(|r| r.kind == K::Report && r.due_on == d(2026, 6, 16))
        .expect("the 6-month report is a reminder");
    assert!(report.overdue && report.what == "Lập và gửi báo cáo");
    // Nothing beyond 30 days: the annual report (due 16/12) is not there yet.
    assert!(office.iter().all(|r| r.due_on <= d(2026, 7, 31)));
    assert!(office.windows(2).all(|p| p[0].due_on <= p[1].due_on));
    // Unit staff see their unit's tasks, never the commune's reports.
    let staff = app.reminders(&w.staff).await.unwrap();
    assert!(staff.iter().all(|r| r.kind != K::Report));
    // Sent: the office's reminder goes, the province officer's review comes.
    let regime = six_month_regime(w).await;
    let id = app
        .start_report(
            &w.office,
            w.home,
            regime,
            ReportTarget::Period(period("6-thang-2026")),
        )
        .await
        .unwrap();
    let v = app.report_view(&w.office, id).await.unwrap();
    let version = app
        .save_report(
            &w.office,
            id,
            ReportEdit {
                number: "7/BC-UBND".into(),
                texts: BTreeMap::new(),
                version: v.version,
            },
        )
        .await
        .unwrap();
    app.submit_report(
        &w.office,
        None,
        id,
        version,
        Some(("bc.pdf".into(), crate::support::SIGNED_PDF.to_vec())),
    )
    .await
    .unwrap();
    assert!(
        !app.reminders(&w.office)
            .await
            .unwrap()
            .iter()
            .any(|r| r.uid == format!("report-{id}"))
    );
    let officer = app.reminders(&w.officer).await.unwrap();
    assert!(
        officer
            .iter()
            .any(|r| r.kind == K::Review && r.link == format!("/reports/{id}"))
    );

    // The feed: the same reminders as calendar events, behind a secret address.
    let token = app.new_calendar_feed(&w.office).await.unwrap();
    let ics = app
        .calendar_feed(&token, "https://doingoai.example")
        .await
        .unwrap();
    let now = app.reminders(&w.office).await.unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), now.len());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(app.calendar_feed(&"0".repeat(64), "x").await.is_err());
    assert!(app.calendar_feed("../etc", "x").await.is_err());
    // A new address ends the old one; ending it ends it.
    let second = app.new_calendar_feed(&w.office).await.unwrap();
    assert!(matches!(
        app.calendar_feed(&token, "x").await,
        Err(Error::NotFound)
    ));
    assert!(app.calendar_feed(&second, "x").await.is_ok());
    app.end_calendar_feed(&w.office).await.unwrap();
    assert!(matches!(
        app.calendar_feed(&second, "x").await,
        Err(Error::NotFound)
    ));
}

#[tokio::test]
async fn reminders_reach_each_user_by_e_mail_once_a_day_through_a_real_smtp_relay() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        mail_on(&w).await;
    }
}

/// The world's database opened with `[mail]` pointing at the sink, on `today`.
async fn mailing_app(w: &World, sink: &testkit::smtp::SmtpSink, today: NaiveDate) -> app::App {
    let mut config = app::Config::default();
    config.database.url = w.url.clone();
    config.mail.smtp_url = sink.url();
    config.mail.from = "Nhắc việc đối ngoại <nhacviec@songoaivu.example.gov.vn>".into();
    config.mail.public_url = "https://doingoai.example.gov.vn/".into();
    app::App::open(config, Some(today)).await.unwrap()
}

async fn mail_on(w: &World) {
    let sink = testkit::smtp::SmtpSink::start().await;
    let today = crate::support::today();
    // Without a relay, sending is refused with a message; the address can still be kept.
    assert!(matches!(
        w.app.send_reminder_mails().await,
        Err(Error::Invalid { field: "mail", .. })
    ));
    let app = mailing_app(w, &sink, today).await;
    assert_eq!(app.send_reminder_mails().await.unwrap().sent, 0);
    // A wrong address is refused and nothing is stored.
    match app.set_mail_address(&w.office, "vanphong@xa").await {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "email"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.mail_settings(&w.office).await.unwrap().address, None);
    let set = app
        .set_mail_address(&w.office, " VanPhong@XaThuNghiem.GOV.vn ")
        .await
        .unwrap();
    assert_eq!(set.as_deref(), Some("VanPhong@xathunghiem.gov.vn"));

    // The office's digest: the 6-month report, overdue since 16/06/2026.
    let round = app.send_reminder_mails().await.unwrap();
    assert_eq!((round.sent, round.failed), (1, 0));
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["VanPhong@xathunghiem.gov.vn".to_string()]);
    assert_eq!(got[0].from, "nhacviec@songoaivu.example.gov.vn");
    let mail = mailparse::parse_mail(&got[0].data).unwrap();
    let subject = mail
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap();
    assert!(
        subject
            .get_value()
            .starts_with("Nhắc việc công tác đối ngoại:")
            && subject.get_value().contains("việc quá hạn"),
        "{}",
        subject.get_value()
    );
    let body = mail.get_body().unwrap();
    assert!(body.contains("Kính gửi đồng chí"), "{body}");
    assert!(body.contains("ngày 01 tháng 07 năm 2026"));
    assert!(body.contains("- Hạn 16/06/2026: Báo cáo"), "{body}");
    assert!(body.contains("https://doingoai.example.gov.vn/reminders"));
    // What the page lists overdue is what the message lists overdue.
    let overdue = app
        .reminders(&w.office)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.overdue)
        .count();
    assert!(body.matches("\n- Hạn ").count() >= overdue);
    assert!(
        subject
            .get_value()
            .contains(&format!("{overdue} việc quá hạn"))
    );
    let shown = app.mail_settings(&w.office).await.unwrap();
    assert!(shown.enabled && shown.last.is_some_and(|(_, n)| n > 0));

    // The same day again: nothing more, from this server or another one.
    assert_eq!(app.send_reminder_mails().await.unwrap().sent, 0);
    let other = mailing_app(w, &sink, today).await;
    assert_eq!(other.send_reminder_mails().await.unwrap().sent, 0);
    assert_eq!(sink.received().len(), 1);

    // The next day, two servers at once: one message.
    let next = today + chrono::Duration::days(1);
    let (a, b) = (
        mailing_app(w, &sink, next).await,
        mailing_app(w, &sink, next).await,
    );
    let (ra, rb) = tokio::join!(a.send_reminder_mails(), b.send_reminder_mails());
    assert_eq!(ra.unwrap().sent + rb.unwrap().sent, 1);
    assert_eq!(sink.received().len(), 2);

    // A relay that refuses: nothing lost, the next round sends it.
    let third = mailing_app(w, &sink, today + chrono::Duration::days(2)).await;
    sink.refuse_next(1);
    let r = third.send_reminder_mails().await.unwrap();
    assert_eq!((r.sent, r.failed), (0, 1));
    let r = third.send_reminder_mails().await.unwrap();
    assert_eq!((r.sent, r.failed), (1, 0));
    assert_eq!(sink.received().len(), 3);

    // Removing the address ends the messages.
    assert_eq!(third.set_mail_address(&w.office, "").await.unwrap(), None);
    let fourth = mailing_app(w, &sink, today + chrono::Duration::days(3)).await;
    assert_eq!(fourth.send_reminder_mails().await.unwrap().sent, 0);
    assert_eq!(sink.received().len(), 3);
}

#[tokio::test]
async fn a_delegation_back_from_abroad_calls_for_its_report_within_fifteen_days() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        event_on(&w).await;
    }
}

async fn event_on(w: &World) {
    let app = &w.app;
    let trip_id = record(
        w,
        trip(
            "Đoàn khảo sát tại Viêng Chăn",
            "01/06/2026",
            "05/06/2026",
            "3",
        ),
    )
    .await;
    let page = app
        .reports_of_commune(&w.office, None)
        .await
        .unwrap()
        .unwrap();
    let due = page
        .due
        .iter()
        .find(|d| d.entry.as_ref().is_some_and(|e| e.0 == trip_id))
        .expect("the trip calls for a report");
    // Back on 05/06/2026: due 15 days later, 20/06/2026; overdue on 01/07/2026.
    assert_eq!(
        (due.from, due.to, due.due_on),
        (d(2026, 6, 1), d(2026, 6, 5), d(2026, 6, 20))
    );
    assert!(due.late && due.report.is_none());
    let id = app
        .start_report(
            &w.office,
            w.home,
            due.regime_id,
            ReportTarget::Entry(trip_id),
        )
        .await
        .unwrap();
    // The same entry again opens the same report; an entry of another register does not fit.
    assert_eq!(
        app.start_report(
            &w.office,
            w.home,
            due.regime_id,
            ReportTarget::Entry(trip_id)
        )
        .await
        .unwrap(),
        id
    );
    let c = app.report_view(&w.office, id).await.unwrap().content;
    assert_eq!(c.figures.keys().collect::<Vec<_>>(), vec!["doan-ra"]);
    assert_eq!(c.figures["doan-ra"].count, 1);
    assert_eq!(c.annexes.len(), 1);
    assert_eq!(c.annexes[0].rows.len(), 1);
    assert_eq!(
        c.annexes[0].rows[0][1],
        "Đoàn khảo sát tại Viêng Chăn — Lào"
    );
    assert_eq!(
        c.title,
        "Kết quả chuyến công tác nước ngoài: Đoàn khảo sát tại Viêng Chăn — Lào"
    );
    conforms(&c);
}

#[tokio::test]
async fn headings_are_not_dropped_while_a_commune_is_writing_under_them_but_may_be_renamed() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        outline_on(&w).await;
    }
}

async fn outline_on(w: &World) {
    let app = &w.app;
    let id = six_month_regime(w).await;
    let report = app
        .start_report(
            &w.office,
            w.home,
            id,
            ReportTarget::Period(period("6-thang-2026")),
        )
        .await
        .unwrap();
    let row = |rows: Vec<app::reports::RegimeRow>| rows.into_iter().find(|r| r.id == id).unwrap();
    let current = row(app.regimes(&w.officer, w.province).await.unwrap());
    let mut dropped = current.regime.clone();
    dropped
        .outline
        .retain(|o| o.registers != vec![RegisterKind::ThoaThuan]);
    match app
        .save_regime(
            &w.officer,
            w.province,
            Some(id),
            current.version,
            dropped.clone(),
            true,
        )
        .await
    {
        Err(Error::Invalid { field, message, .. }) => {
            assert_eq!(field, "outline");
            assert!(message.contains("Còn 1 báo cáo đang soạn"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Renaming keeps every heading's place: allowed, and the draft shows it.
    let mut renamed = current.regime.clone();
    renamed.outline[0].heading = "TÌNH HÌNH CHUNG CỦA XÃ".into();
    app.save_regime(
        &w.officer,
        w.province,
        Some(id),
        current.version,
        renamed,
        true,
    )
    .await
    .unwrap();
    let view = app.report_view(&w.office, report).await.unwrap();
    assert_eq!(view.content.sections[0].heading, "TÌNH HÌNH CHUNG CỦA XÃ");
    // Once the report is sent (a frozen copy), the heading may go.
    let version = app
        .save_report(
            &w.office,
            report,
            ReportEdit {
                number: "9/BC-UBND".into(),
                texts: BTreeMap::new(),
                version: view.version,
            },
        )
        .await
        .unwrap();
    app.submit_report(
        &w.office,
        None,
        report,
        version,
        Some(("bc.pdf".into(), crate::support::SIGNED_PDF.to_vec())),
    )
    .await
    .unwrap();
    let current = row(app.regimes(&w.officer, w.province).await.unwrap());
    app.save_regime(
        &w.officer,
        w.province,
        Some(id),
        current.version,
        dropped,
        true,
    )
    .await
    .unwrap();
}
