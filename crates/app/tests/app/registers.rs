//! The registers (issue 10) on both backends: recording, states, figures, due items,
//! personal data by role with every showing logged, retention, idempotent and concurrent
//! saves.

use std::collections::BTreeMap;

use app::registers::{EntryInput, EntryQuery};
use app::{Error, PageRequest, RequestKey, SortKey};
use chrono::NaiveDate;
use domain::register::{EntryState, RegisterKind};

use crate::support::{World, worlds};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn input(state: EntryState, pairs: &[(&str, &str)]) -> EntryInput {
    EntryInput {
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        state: Some(state),
        unplanned: true,
        ..EntryInput::default()
    }
}

fn visit(members: &str, count: &str, arrival: &str) -> Vec<(&'static str, String)> {
    vec![
        ("ten_doan", "Đoàn tỉnh Hủa Phăn".to_string()),
        ("quoc_gia", "Lào".into()),
        ("so_thanh_vien", count.into()),
        ("thanh_vien", members.into()),
        ("ngay_den", arrival.into()),
        ("ngay_roi", arrival.into()),
        ("van_ban_dong_y", "Công văn số 12/SNgV".into()),
    ]
}

fn owned(v: &[(&'static str, String)], state: EntryState) -> EntryInput {
    let pairs: Vec<(&str, &str)> = v.iter().map(|(k, s)| (*k, s.as_str())).collect();
    input(state, &pairs)
}

#[tokio::test]
async fn entries_are_recorded_moved_and_counted_by_the_register_rules() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        counted_on(&w).await;
    }
}

async fn counted_on(w: &World) {
    let app = &w.app;
    let kind = RegisterKind::DoanVao;
    // Two visits by partly the same people, one planned visit, one cancelled.
    let a = app
        .create_entry(
            &w.office,
            None,
            kind,
            None,
            owned(
                &visit(
                    "Khamphong Sisavath; Lào; P1\nBounmy Keola; Lào; P2",
                    "2",
                    "10/03/2026",
                ),
                EntryState::Ended,
            ),
        )
        .await
        .unwrap();
    let b = app
        .create_entry(
            &w.office,
            None,
            kind,
            None,
            owned(
                &visit(
                    "KHAMPHONG  SISAVATH; Lào; P1\nSomchai Vongsa; Lào; P3",
                    "3",
                    "20/04/2026",
                ),
                EntryState::Visiting,
            ),
        )
        .await
        .unwrap();
    app.create_entry(
        &w.office,
        None,
        kind,
        None,
        owned(&visit("", "5", "20/08/2026"), EntryState::Planned),
    )
    .await
    .unwrap();
    let (from, to) = (d(2026, 1, 1), d(2026, 6, 30));
    let f = app
        .register_figures(&w.officer, kind, w.home, from, to)
        .await
        .unwrap();
    assert_eq!(f.count, 2, "the planned visit is not counted");
    assert_eq!(f.member_trips, Some(5));
    // Khamphong Sisavath came twice (the name typed in capitals the second time).
    assert_eq!(f.distinct_persons, Some(3));
    assert_eq!(f.by_country.get("Lào"), Some(&2));
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    // The year includes the planned one only once it happened.
    let year = app
        .register_figures(&w.office, kind, w.home, d(2026, 1, 1), d(2026, 12, 31))
        .await
        .unwrap();
    assert_eq!(year.count, 2);
    assert_eq!(year.distinct_persons, Some(3));
    assert!(year.count >= f.count && year.member_trips >= f.member_trips);

    // A move the register does not allow is refused; an allowed one is kept in history.
    let e = app
        .update_entry(
            &w.office,
            None,
            kind,
            b.0,
            owned(&visit("", "3", "20/04/2026"), EntryState::Planned),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "state", .. }), "{e:?}");
    let v = app
        .entry_view(&w.office, b.0, PageRequest::first())
        .await
        .unwrap();
    let mut moved = owned(
        &visit(
            "KHAMPHONG  SISAVATH; Lào; P1\nSomchai Vongsa; Lào; P3",
            "3",
            "20/04/2026",
        ),
        EntryState::Ended,
    );
    moved.version = Some(v.version);
    app.update_entry(&w.office, None, kind, b.0, moved.clone())
        .await
        .unwrap();
    // A second save from the same (now old) version is refused, not silently applied.
    let e = app
        .update_entry(&w.office, None, kind, b.0, moved)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    // A change read with another register's fields (an address naming the wrong
    // register) is not applied: it would have emptied this register's own fields.
    let mut other = owned(&visit("", "4", "21/04/2026"), EntryState::Ended);
    other.version = Some(v.version + 1);
    assert_eq!(
        app.update_entry(&w.office, None, RegisterKind::HoiNghi, b.0, other)
            .await
            .unwrap_err(),
        Error::NotFound
    );
    let v = app
        .entry_view(&w.office, b.0, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(v.state, EntryState::Ended);
    assert_eq!(v.history.total, 2);
    assert!(v.history.rows[0].after.contains("Đã kết thúc"));
    assert_eq!(
        v.due.as_ref().map(|x| x.0.as_str()),
        Some("2026-05-05"),
        "report due 15 days after the visit ends"
    );

    // Missing and malformed fields are all reported, each with its key. A planned visit
    // needs only its name; its country, size and dates once permission is asked.
    let e = app
        .create_entry(
            &w.office,
            None,
            kind,
            None,
            input(EntryState::Planned, &[("ngay_den", "31/02/2026")]),
        )
        .await
        .unwrap_err();
    let keys: Vec<&str> = e.field_messages().iter().map(|f| f.0).collect();
    assert_eq!(keys, ["ten_doan", "ngay_den"]);
    let e = app
        .create_entry(
            &w.office,
            None,
            kind,
            None,
            input(EntryState::Requested, &[("ngay_den", "31/02/2026")]),
        )
        .await
        .unwrap_err();
    let keys: Vec<&str> = e.field_messages().iter().map(|f| f.0).collect();
    assert_eq!(
        keys,
        [
            "ten_doan",
            "quoc_gia",
            "so_thanh_vien",
            "ngay_den",
            "ngay_roi"
        ]
    );

    // The same form sent twice makes one entry.
    let key = RequestKey::new("form-1", "").unwrap();
    let one = app
        .create_entry(
            &w.office,
            Some(&key),
            RegisterKind::ThongTin,
            None,
            input(
                EntryState::Recorded,
                &[("tieu_de", "Bài giới thiệu"), ("ngay", "05/03/2026")],
            ),
        )
        .await
        .unwrap();
    let again = app
        .create_entry(
            &w.office,
            Some(&key),
            RegisterKind::ThongTin,
            None,
            input(
                EntryState::Recorded,
                &[("tieu_de", "Bài giới thiệu"), ("ngay", "05/03/2026")],
            ),
        )
        .await
        .unwrap();
    assert_eq!(one, again);
    let list = app
        .register_list(
            &w.office,
            RegisterKind::ThongTin,
            &EntryQuery::default(),
            Some(PageRequest::first()),
        )
        .await
        .unwrap();
    assert_eq!(list.entries.total, 1);
    let _ = a;
}

#[tokio::test]
async fn personal_fields_are_shown_only_to_the_roles_that_need_them_and_each_showing_is_logged() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        personal_on(&w).await;
    }
}

async fn personal_on(w: &World) {
    let app = &w.app;
    let kind = RegisterKind::NguoiNuocNgoai;
    let values = [
        ("ho_ten", "John Smith"),
        ("quoc_tich", "Vương quốc Anh"),
        ("so_ho_chieu", "GB1234567"),
        ("ngay_den", "01/02/2026"),
        ("han_giay_to", "20/07/2026"),
    ];
    // Recorded by the unit's staff: the entry belongs to their unit.
    let id = app
        .create_entry(
            &w.staff,
            None,
            kind,
            None,
            input(EntryState::Present, &values),
        )
        .await
        .unwrap()
        .0;
    let sees = |v: &app::registers::EntryView| {
        v.entry.get("ho_ten").is_some() && v.entry.get("so_ho_chieu").is_some()
    };
    for (who, expected) in [
        (&w.office, true),
        (&w.leader, true),
        (&w.officer, true),
        (&w.staff, true),
        (&w.viewer, false),
        (&w.admin, false),
    ] {
        let v = app.entry_view(who, id, PageRequest::first()).await.unwrap();
        assert_eq!(sees(&v), expected, "{:?}", who.role);
        assert_eq!(v.personal_hidden, !expected, "{:?}", who.role);
        assert!(
            v.entry.get("quoc_tich").is_some(),
            "nationality counts are public"
        );
    }
    assert_eq!(
        app.entry_view(&w.other_office, id, PageRequest::first())
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    // Four showings, four log rows, with the fields shown; the log is the leader's to read.
    let log = app
        .personal_log(&w.leader, None, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(log.reads.total, 4);
    assert!(log.reads.rows.iter().all(|r| r.entry_id == id));
    assert!(log.reads.rows[0].fields.contains("so_ho_chieu"));
    assert_eq!(
        app.personal_log(&w.office, None, PageRequest::first())
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    // Lists, figures and history never carry a personal value.
    let list = app
        .register_list(
            &w.viewer,
            kind,
            &EntryQuery::default(),
            Some(PageRequest::first()),
        )
        .await
        .unwrap();
    assert_eq!(list.entries.total, 1);
    let row = &list.entries.rows[0];
    assert!(
        row.has_personal && !row.title.contains("Smith"),
        "{}",
        row.title
    );
    assert!(row.entry.get("ho_ten").is_none());
    assert_eq!(list.figures.count, 1);
    let v = app
        .entry_view(&w.office, id, PageRequest::first())
        .await
        .unwrap();
    let trail = format!("{:?}", v.history.rows);
    assert!(
        !trail.contains("GB1234567") && !trail.contains("Smith"),
        "{trail}"
    );
    assert_eq!(v.due.as_ref().map(|x| x.0.as_str()), Some("2026-07-20"));
    // The office may change it; a viewer and the neighbour may not; someone who may not
    // see the personal fields keeps them when the office's edit is replayed by them.
    let mut change = input(EntryState::Left, &values);
    change.values.insert("ngay_roi".into(), "30/06/2026".into());
    assert_eq!(
        app.update_entry(&w.viewer, None, kind, id, change.clone())
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    assert_eq!(
        app.update_entry(&w.other_office, None, kind, id, change.clone())
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    app.update_entry(&w.office, None, kind, id, change)
        .await
        .unwrap();
    let v = app
        .entry_view(&w.office, id, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(v.state, EntryState::Left);
    assert_eq!(v.due, None, "a foreigner who left has no document to renew");
}

#[tokio::test]
async fn agreements_are_kept_by_border_communes_only_and_old_personal_data_is_purged() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        border_and_retention_on(&w).await;
    }
}

async fn border_and_retention_on(w: &World) {
    let app = &w.app;
    let e = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::ThoaThuan,
            None,
            input(
                EntryState::Drafted,
                &[
                    ("ten", "Thỏa thuận giao lưu"),
                    ("ben_nuoc_ngoai", "Bản X"),
                    ("quoc_gia", "Lào"),
                ],
            ),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "register",
                ..
            }
        ),
        "{e:?}"
    );
    let overview = app
        .registers_overview(&w.office, None)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !overview
            .registers
            .iter()
            .any(|r| r.kind == RegisterKind::ThoaThuan),
        "an inland commune is not offered the agreements register"
    );
    assert_eq!(overview.registers.len(), 11);

    // An entry dated seven years ago loses its personal fields; this year's keeps them.
    let old = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::CongDanNuocNgoai,
            None,
            input(
                EntryState::Recorded,
                &[("ho_ten", "Nguyễn Văn A"), ("quoc_gia_cu_tru", "Nhật Bản")],
            ),
        )
        .await
        .unwrap()
        .0;
    let visit_old = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::DoanVao,
            None,
            owned(&visit("A; Lào; P9", "1", "10/03/2019"), EntryState::Ended),
        )
        .await
        .unwrap()
        .0;
    let visit_new = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::DoanVao,
            None,
            owned(&visit("B; Lào; P8", "1", "10/03/2026"), EntryState::Ended),
        )
        .await
        .unwrap()
        .0;
    let done = app.purge_personal().await.unwrap();
    let cleared: i64 = done.iter().map(|(_, n)| *n as i64).sum();
    assert_eq!(cleared, 1, "{done:?}");
    let v = app
        .entry_view(&w.office, visit_old, PageRequest::first())
        .await
        .unwrap();
    assert!(v.personal_removed && v.entry.get("thanh_vien").is_none());
    assert_eq!(v.entry.shown("so_thanh_vien"), "1", "the figures stay");
    let v = app
        .entry_view(&w.office, visit_new, PageRequest::first())
        .await
        .unwrap();
    assert!(v.entry.get("thanh_vien").is_some());
    let v = app
        .entry_view(&w.office, old, PageRequest::first())
        .await
        .unwrap();
    assert!(v.entry.get("ho_ten").is_some(), "recorded today: kept");
    let f = app
        .register_figures(
            &w.office,
            RegisterKind::DoanVao,
            w.home,
            d(2019, 1, 1),
            d(2019, 12, 31),
        )
        .await
        .unwrap();
    assert_eq!(
        (f.count, f.member_trips, f.distinct_persons),
        (1, Some(1), None)
    );
}

#[tokio::test]
async fn unit_staff_record_for_their_own_unit_and_change_only_its_entries() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        staff_on(&w).await;
    }
}

async fn staff_on(w: &World) {
    let app = &w.app;
    let values = [("ten", "Gian hàng hội chợ"), ("ngay_bat_dau", "05/05/2026")];
    let mine = app
        .create_entry(
            &w.staff,
            None,
            RegisterKind::XucTien,
            None,
            input(EntryState::Planned, &values),
        )
        .await
        .unwrap()
        .0;
    let office = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::XucTien,
            None,
            input(EntryState::Planned, &values),
        )
        .await
        .unwrap()
        .0;
    let v = app
        .entry_view(&w.staff, mine, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(v.unit_id, Some(w.unit));
    assert!(v.can_edit);
    app.update_entry(
        &w.staff,
        None,
        RegisterKind::XucTien,
        mine,
        input(EntryState::Held, &values),
    )
    .await
    .unwrap();
    assert_eq!(
        app.update_entry(
            &w.staff,
            None,
            RegisterKind::XucTien,
            office,
            input(EntryState::Held, &values)
        )
        .await
        .unwrap_err(),
        Error::Forbidden
    );
    for who in [&w.viewer, &w.officer, &w.admin] {
        assert_eq!(
            app.create_entry(
                who,
                None,
                RegisterKind::XucTien,
                Some(w.home),
                input(EntryState::Planned, &values)
            )
            .await
            .unwrap_err(),
            Error::Forbidden,
            "{:?}",
            who.role
        );
    }
    // Concurrent saves of one entry: one wins, the other is told, nothing is lost.
    let v = app
        .entry_view(&w.office, office, PageRequest::first())
        .await
        .unwrap();
    let mut a = input(
        EntryState::Planned,
        &[("ten", "Tên A"), ("ngay_bat_dau", "05/05/2026")],
    );
    let mut b = input(
        EntryState::Planned,
        &[("ten", "Tên B"), ("ngay_bat_dau", "05/05/2026")],
    );
    a.version = Some(v.version);
    b.version = Some(v.version);
    let (ra, rb) = tokio::join!(
        app.update_entry(&w.office, None, RegisterKind::XucTien, office, a),
        app.update_entry(&w.leader, None, RegisterKind::XucTien, office, b)
    );
    assert_eq!(
        [ra.is_ok(), rb.is_ok()].iter().filter(|x| **x).count(),
        1,
        "{ra:?} {rb:?}"
    );
    let v = app
        .entry_view(&w.office, office, PageRequest::first())
        .await
        .unwrap();
    let winner = if ra.is_ok() { "Tên A" } else { "Tên B" };
    assert_eq!(v.entry.shown("ten"), winner);

    // An entry linked to a task is its evidence; a task of another commune is refused.
    let plan = app.plan_occurrences(&w.office, w.plan).await.unwrap();
    let task = plan[0].0.id;
    let mut linked = input(EntryState::Held, &values);
    linked.task = Some(task);
    let id = app
        .create_entry(&w.office, None, RegisterKind::XucTien, None, linked.clone())
        .await
        .unwrap()
        .0;
    let t = app
        .task_view(&w.viewer, task, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(t.entries.iter().map(|e| e.1).collect::<Vec<_>>(), [id]);
    let e = app
        .create_entry(&w.other_office, None, RegisterKind::XucTien, None, linked)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "task", .. }), "{e:?}");

    // Items due show beside the task occurrences: on the dashboard, and for the unit.
    let mut soon = input(
        EntryState::Planned,
        &[
            ("ten", "Hội thảo quốc tế"),
            ("don_vi_to_chuc", "UBND xã"),
            ("ngay_bat_dau", "10/08/2026"),
            ("ngay_ket_thuc", "11/08/2026"),
        ],
    );
    soon.unit = None;
    let conf = app
        .create_entry(&w.staff, None, RegisterKind::HoiNghi, None, soon)
        .await
        .unwrap()
        .0;
    let dash = app.dashboard(&w.office, None, None).await.unwrap().unwrap();
    let due = dash
        .register_due
        .iter()
        .find(|e| e.id == conf)
        .expect("due on the dashboard");
    assert_eq!(due.due_on, "2026-07-11", "dossier 30 days before the start");
    assert!(!due.overdue);
    let mine = app
        .mine(&w.staff, None, "", app::TaskSort::Ref, None)
        .await
        .unwrap()
        .unwrap();
    assert!(mine.register_due.iter().any(|e| e.id == conf));
    let province = app
        .province_view(
            &w.officer,
            None,
            None,
            "",
            app::ProvinceSort::parse(""),
            None,
        )
        .await
        .unwrap();
    assert!(province.register_due.get(&w.home).is_some_and(|d| d.1 >= 1));
}

/// A spreadsheet as a commune keeps it: two title rows, headings of its own wording, an
/// "STT" column, dates as date cells and as text, amounts as numbers and as text.
fn commune_sheet(rows: usize, bad: &[usize]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "UBND XÃ HÀ BẮC").unwrap();
    ws.write_string(1, 0, "DANH SÁCH ĐOÀN RA NĂM 2026").unwrap();
    let head = [
        "STT",
        "Tên đoàn",
        "Trưởng đoàn",
        "Số lượng",
        "Quốc gia đến",
        "Mục đích",
        "Từ ngày",
        "Đến ngày",
        "Nguồn kinh phí",
        "Kinh phí",
        "Ghi chú",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for i in 0..rows {
        let r = 3 + i as u32;
        let month = (i % 12) as u8 + 1;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("Đoàn công tác số {}", i + 1))
            .unwrap();
        ws.write_string(r, 2, "Ông Nguyễn Văn B, Phó Chủ tịch UBND xã")
            .unwrap();
        ws.write_number(r, 3, (2 + i % 5) as f64).unwrap();
        ws.write_string(
            r,
            4,
            if i % 3 == 0 {
                "Lào, Thái Lan"
            } else {
                "Hàn Quốc"
            },
        )
        .unwrap();
        ws.write_string(r, 5, "Học tập kinh nghiệm").unwrap();
        if bad.contains(&i) {
            ws.write_string(r, 6, "30/02/2025").unwrap();
        } else if i % 2 == 0 {
            let d = ExcelDateTime::from_ymd(2025, month, 5).unwrap();
            ws.write_datetime_with_format(r, 6, &d, &date).unwrap();
        } else {
            ws.write_string(r, 6, format!("5/{month}/2025")).unwrap();
        }
        ws.write_string(r, 7, format!("{:02}/{month:02}/2025", 9))
            .unwrap();
        ws.write_string(r, 8, "Ngân sách nhà nước").unwrap();
        if i % 2 == 0 {
            ws.write_string(r, 9, "12.500.000").unwrap();
        } else {
            ws.write_number(r, 9, 12_500_000.0).unwrap();
        }
        ws.write_string(r, 10, "").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_communes_own_spreadsheet_imports_whole_or_not_at_all_and_exports_back() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        spreadsheet_on(&w).await;
    }
}

async fn spreadsheet_on(w: &World) {
    let app = &w.app;
    let who = app::org::Who::User(&w.office);
    let kind = RegisterKind::DoanRa;
    // 20 bad rows among 5,000: every one reported with its row and column, nothing written.
    let bad: Vec<usize> = (0..20).map(|i| i * 250 + 7).collect();
    let r = app
        .import_entries(
            who,
            None,
            kind,
            None,
            &commune_sheet(5000, &bad),
            None,
            false,
        )
        .await
        .unwrap();
    assert_eq!((r.heading_row, r.rows, r.created), (3, 5000, 0));
    assert_eq!(
        r.errors.len(),
        20,
        "{:?}",
        &r.errors[..3.min(r.errors.len())]
    );
    assert_eq!(r.errors[0].row, 4 + 7);
    assert_eq!(r.errors[0].column, "Từ ngày");
    assert!(
        r.errors[0].message.contains("30/02/2025"),
        "{}",
        r.errors[0].message
    );
    let all = EntryQuery::default();
    let listed = app
        .register_list(&w.office, kind, &all, Some(PageRequest::first()))
        .await
        .unwrap();
    assert_eq!(listed.entries.total, 0);
    // The columns were matched by their own headings.
    let lines = r.mapping_lines();
    assert!(
        lines.contains(&"Quốc gia đến → Nước đến".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Từ ngày → Ngày đi".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"STT → (bỏ qua / ignored)".to_string()),
        "{lines:?}"
    );

    // The same sheet without the bad cells: 5,000 entries, dates and amounts read.
    let r = app
        .import_entries(
            who,
            None,
            kind,
            None,
            &commune_sheet(5000, &[]),
            None,
            false,
        )
        .await
        .unwrap();
    assert!(
        r.errors.is_empty(),
        "{:?}",
        &r.errors[..3.min(r.errors.len())]
    );
    assert_eq!(r.created, 5000);
    let f = app
        .register_figures(&w.office, kind, w.home, d(2025, 1, 1), d(2025, 12, 31))
        .await
        .unwrap();
    assert_eq!(
        f.count, 5000,
        "past trips are imported as returned, and counted"
    );
    let trips: i64 = (0..5000).map(|i| 2 + i % 5).sum();
    assert_eq!(f.member_trips, Some(trips));
    assert_eq!(f.by_country.get("Lào"), Some(&1667));
    assert_eq!(f.by_country.get("Hàn Quốc"), Some(&3333));
    let february = EntryQuery {
        from: Some(d(2025, 2, 5)),
        sort: Some(app::EntrySort::Date),
        ..EntryQuery::default()
    };
    let page = app
        .register_list(&w.office, kind, &february, Some(PageRequest::first()))
        .await
        .unwrap();
    let first = &page.entries.rows[0];
    assert_eq!(first.entry.shown("ten_doan"), "Đoàn công tác số 2");
    assert_eq!(first.state, EntryState::Returned);
    assert_eq!(first.entry.shown("kinh_phi"), "12.500.000");
    assert_eq!(first.entry.shown("ngay_di"), "05/02/2025");
    assert_eq!(first.entry.shown("nguon_kinh_phi"), "Ngân sách nhà nước");

    // Export and import back into the neighbouring commune: the same entries.
    let (name, bytes) = app.export_entries(&w.office, kind, None).await.unwrap();
    assert!(name.ends_with(".xlsx"));
    let r = app
        .import_entries(
            app::org::Who::User(&w.other_office),
            None,
            kind,
            None,
            &bytes,
            None,
            false,
        )
        .await
        .unwrap();
    assert!(
        r.errors.is_empty(),
        "{:?}",
        &r.errors[..3.min(r.errors.len())]
    );
    assert_eq!(r.created, 5000);
    let (_, again) = app
        .export_entries(&w.other_office, kind, None)
        .await
        .unwrap();
    let rows = |b: &[u8]| -> Vec<Vec<String>> {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(b.to_vec())).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        range
            .rows()
            .skip(2)
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    assert_eq!(
        rows(&bytes),
        rows(&again),
        "an exported register imports back unchanged"
    );
}

#[tokio::test]
async fn a_border_commune_keeps_agreements_and_the_provinces_trip_days_move_due_dates() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        settings_on(&w).await;
    }
}

async fn settings_on(w: &World) {
    let app = &w.app;
    assert_eq!(
        app.set_commune_border(&w.office, w.home, true)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    app.set_commune_border(&w.admin, w.home, true)
        .await
        .unwrap();
    let agreement = input(
        EntryState::Signed,
        &[
            ("ten", "Thỏa thuận giao lưu hữu nghị"),
            ("ben_nuoc_ngoai", "Chính quyền bản X"),
            ("quoc_gia", "Lào"),
            ("y_kien", "Công văn số 3/SNgV"),
            ("quyet_dinh", "Quyết định số 9/QĐ-UBND"),
            ("ngay_ky", "20/06/2026"),
            ("nguoi_ky", "Chủ tịch UBND xã"),
        ],
    );
    let id = app
        .create_entry(&w.office, None, RegisterKind::ThoaThuan, None, agreement)
        .await
        .unwrap()
        .0;
    let v = app
        .entry_view(&w.office, id, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(
        v.due.unwrap().0,
        "2026-07-05",
        "reported 15 days after signing"
    );
    // A trip back on 10 June: its report is due 15 days later, then 10 once the province
    // says so — for the entries already recorded too.
    let trip = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::DoanRa,
            None,
            input(
                EntryState::Returned,
                &[
                    ("ten_doan", "Đoàn xã"),
                    ("so_nguoi", "3"),
                    ("nuoc_den", "Lào"),
                    ("ngay_di", "05/06/2026"),
                    ("ngay_ve", "10/06/2026"),
                    ("van_ban_xin_phep", "Tờ trình số 1"),
                    ("quyet_dinh_cho_phep", "Quyết định số 2"),
                ],
            ),
        )
        .await
        .unwrap()
        .0;
    let due = |app: &app::App| {
        let office = w.office.clone();
        let app = app.clone();
        async move {
            app.entry_view(&office, trip, PageRequest::first())
                .await
                .unwrap()
                .due
                .unwrap()
                .0
        }
    };
    assert_eq!(due(app).await, "2026-06-25");
    assert_eq!(
        app.set_trip_report_days(&w.office, w.province, 10)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    assert!(matches!(
        app.set_trip_report_days(&w.officer, w.province, 0)
            .await
            .unwrap_err(),
        Error::Invalid { .. }
    ));
    app.set_trip_report_days(&w.officer, w.province, 10)
        .await
        .unwrap();
    assert_eq!(due(app).await, "2026-06-20");
}

#[tokio::test]
async fn files_attached_to_an_entry_follow_its_personal_data_rules() {
    for w in worlds().await {
        files_on(&w).await;
    }
}

async fn files_on(w: &World) {
    let app = &w.app;
    let first = PageRequest::first;
    let id = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::DoanVao,
            None,
            owned(
                &visit("Khamphong Sisavath; Lào; P1", "1", "10/03/2026"),
                EntryState::Ended,
            ),
        )
        .await
        .unwrap()
        .0;
    let pdf = b"%PDF-1.4 van ban dong y".to_vec();
    let name = "Công văn đồng ý đón đoàn.pdf";
    // Nothing chosen, an empty file, a role that may not record, another commune: refused.
    for file in [None, Some(("trong.pdf".to_string(), Vec::new()))] {
        assert!(matches!(
            app.attach_entry_file(&w.office, None, RegisterKind::DoanVao, id, file)
                .await,
            Err(Error::Invalid { .. })
        ));
    }
    for who in [&w.viewer, &w.other_office] {
        assert_eq!(
            app.attach_entry_file(
                who,
                None,
                RegisterKind::DoanVao,
                id,
                Some((name.into(), pdf.clone()))
            )
            .await
            .unwrap_err(),
            Error::Forbidden
        );
    }
    let file = app
        .attach_entry_file(
            &w.office,
            None,
            RegisterKind::DoanVao,
            id,
            Some((name.into(), pdf.clone())),
        )
        .await
        .unwrap()
        .0;
    // The leader sees and opens it; the download is logged as a read of personal data
    // (a delegation's files name its members).
    let v = app.entry_view(&w.leader, id, first()).await.unwrap();
    assert_eq!(v.files.len(), 1);
    assert_eq!(
        (
            v.files[0].filename.as_str(),
            v.files[0].content_type.as_str()
        ),
        (name, "application/pdf")
    );
    assert_eq!(v.files[0].size_bytes, pdf.len() as i64);
    let (got_name, _, bytes) = app.entry_file(&w.leader, id, file).await.unwrap();
    assert_eq!((got_name.as_str(), bytes), (name, pdf.clone()));
    let log = app.personal_log(&w.leader, None, first()).await.unwrap();
    assert!(
        log.reads
            .rows
            .iter()
            .any(|r| r.entry_id == id && r.purpose == "file" && r.fields == name)
    );
    // A viewer learns that there is a file, not its name, and cannot open it.
    let v = app.entry_view(&w.viewer, id, first()).await.unwrap();
    assert!(v.files.is_empty());
    assert_eq!(v.files_hidden, 1);
    assert_eq!(
        app.entry_file(&w.viewer, id, file).await.unwrap_err(),
        Error::Forbidden
    );
    assert_eq!(
        app.entry_file(&w.other_office, id, file).await.unwrap_err(),
        Error::Forbidden
    );
    // A file is reached only through its own entry.
    assert_eq!(
        app.entry_file(&w.leader, id + 1000, file)
            .await
            .unwrap_err(),
        Error::NotFound
    );
    // A publication holds no personal data: a viewer opens its files, and nothing is logged.
    let post = app
        .create_entry(
            &w.office,
            None,
            RegisterKind::ThongTin,
            None,
            input(
                EntryState::Recorded,
                &[
                    ("tieu_de", "Giới thiệu làng nghề với du khách"),
                    ("ngay", "05/03/2026"),
                ],
            ),
        )
        .await
        .unwrap()
        .0;
    let png = b"\x89PNG anh bai viet".to_vec();
    let shot = app
        .attach_entry_file(
            &w.office,
            None,
            RegisterKind::ThongTin,
            post,
            Some(("ảnh.png".into(), png.clone())),
        )
        .await
        .unwrap()
        .0;
    let reads = log.reads.total;
    assert_eq!(app.entry_file(&w.viewer, post, shot).await.unwrap().2, png);
    let log = app.personal_log(&w.leader, None, first()).await.unwrap();
    assert_eq!(log.reads.total, reads, "no personal read for a publication");
    // Taken off: deleted, and the history keeps both steps.
    assert_eq!(
        app.remove_entry_file(&w.viewer, None, RegisterKind::DoanVao, id, file)
            .await
            .unwrap_err(),
        Error::Forbidden
    );
    // Not under another register's address.
    assert_eq!(
        app.remove_entry_file(&w.office, None, RegisterKind::DoanRa, id, file)
            .await
            .unwrap_err(),
        Error::NotFound
    );
    assert_eq!(
        app.attach_entry_file(
            &w.office,
            None,
            RegisterKind::DoanRa,
            id,
            Some((name.into(), pdf.clone()))
        )
        .await
        .unwrap_err(),
        Error::NotFound
    );
    app.remove_entry_file(&w.office, None, RegisterKind::DoanVao, id, file)
        .await
        .unwrap();
    assert_eq!(
        app.entry_file(&w.leader, id, file).await.unwrap_err(),
        Error::NotFound
    );
    let v = app.entry_view(&w.office, id, first()).await.unwrap();
    assert!(v.files.is_empty() && v.files_hidden == 0);
    let actions: Vec<&str> = v.history.rows.iter().map(|h| h.action.as_str()).collect();
    assert!(actions.contains(&"Đính kèm tệp"), "{actions:?}");
    assert!(actions.contains(&"Gỡ tệp đính kèm"), "{actions:?}");
    assert!(
        v.history
            .rows
            .iter()
            .all(|h| !h.after.contains(name) && !h.before.contains(name)),
        "the history does not keep the name of a personal file"
    );
    assert!(
        v.history
            .rows
            .iter()
            .any(|h| h.after.contains(domain::audit::REDACTED)),
        "{:?}",
        v.history.rows
    );
    // A publication's history names its file.
    let v = app.entry_view(&w.viewer, post, first()).await.unwrap();
    assert!(v.history.rows.iter().any(|h| h.after.contains("ảnh.png")));
}

/// A plan with an annex table of outbound delegations and one of conferences, as a commune
/// writes them (a sample plan's text with the tables of its kind added at the end).
fn plan_with_annex() -> (String, Vec<u8>) {
    let (_, bytes) = crate::support::sample(2);
    let mut text = String::from_utf8(bytes).unwrap();
    text.push_str(
        "\n\nBẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026\n\n\
         | TT | Tên đoàn | Trưởng đoàn | Nước đi | Nội dung hoạt động | Số người | Số ngày | Thời gian thực hiện | Kinh phí | Ghi chú |\n\
         |---|---|---|---|---|---|---|---|---|---|\n\
         | 1 | Đoàn học tập mô hình du lịch cộng đồng | Chủ tịch UBND xã | Thái Lan | Học tập kinh nghiệm | 5 | 6 | Tháng 10/2026 | Ngân sách xã | |\n\
         | 2 | Đoàn xúc tiến tiêu thụ nông sản | Phó Chủ tịch UBND xã | Các nước châu Âu | Xúc tiến thương mại | 4 | 8 | Quý IV/2026 | Doanh nghiệp tài trợ | |\n\n\
         DỰ KIẾN TỔ CHỨC HỘI NGHỊ, HỘI THẢO QUỐC TẾ NĂM 2026\n\n\
         | TT | Tên hội nghị, hội thảo | Mục đích | Hình thức | Thời gian, địa điểm | Thành phần | Đơn vị tổ chức | Kinh phí |\n\
         |---|---|---|---|---|---|---|---|\n\
         | 1 | Hội thảo quốc tế về bảo tồn di sản làng nghề | Trao đổi kinh nghiệm | Trực tiếp | Tháng 9/2026, tại nhà văn hóa xã | 60 đại biểu, 8 đại biểu nước ngoài | UBND xã | Ngân sách xã |\n",
    );
    ("ke-hoach-co-phu-luc.md".into(), text.into_bytes())
}

#[tokio::test]
async fn a_plans_annex_tables_become_planned_entries_once() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        annex_on(&w).await;
    }
}

async fn annex_on(w: &World) {
    use app::plans::{ImportChoices, ImportSource};
    let app = &w.app;
    let import = || async {
        let (name, bytes) = plan_with_annex();
        app.import_direct(
            &w.office,
            None,
            ImportSource::File(name, bytes),
            &ImportChoices {
                year: Some(crate::support::year(2026)),
                review: Default::default(),
                confirm_same_year: true,
            },
            None,
        )
        .await
        .unwrap()
        .0
    };
    let plan = import().await;
    let planned = |kind: RegisterKind| async move {
        app.register_list(
            &w.office,
            kind,
            &EntryQuery::default(),
            Some(PageRequest::first()),
        )
        .await
        .unwrap()
        .entries
        .rows
    };
    let trips = planned(RegisterKind::DoanRa).await;
    assert_eq!(trips.len(), 2, "{trips:?}");
    assert!(trips.iter().all(|e| e.state == EntryState::Planned));
    let v = app
        .entry_view(
            &w.office,
            trips.iter().map(|e| e.id).min().unwrap(),
            PageRequest::first(),
        )
        .await
        .unwrap();
    assert_eq!(v.planned_in.as_ref().map(|p| p.0), Some(plan));
    assert!(!v.unplanned);
    assert_eq!(v.entry.shown("nuoc_den"), "Thái Lan");
    assert_eq!(v.entry.shown("thoi_gian_du_kien"), "Tháng 10/2026 (6 ngày)");
    let conferences = planned(RegisterKind::HoiNghi).await;
    assert_eq!(conferences.len(), 1);
    // The plan's page lists the three, with their registers and states.
    let page = app.plan_view(&w.office, plan).await.unwrap();
    let listed: Vec<(&str, EntryState)> = page.planned.iter().map(|e| (e.slug, e.state)).collect();
    assert_eq!(
        listed,
        [
            ("doan-ra", EntryState::Planned),
            ("doan-ra", EntryState::Planned),
            ("hoi-nghi", EntryState::Planned)
        ]
    );
    // Planned entries are not counted in the figures until they happen.
    let figures = app
        .register_figures(
            &w.office,
            RegisterKind::DoanRa,
            w.home,
            d(2026, 1, 1),
            d(2026, 12, 31),
        )
        .await
        .unwrap();
    assert_eq!(figures.count, 0);
    // The same plan imported again plans nothing twice.
    import().await;
    assert_eq!(planned(RegisterKind::DoanRa).await.len(), 2);
    assert_eq!(planned(RegisterKind::HoiNghi).await.len(), 1);
    // Discarding the draft keeps the entries it planned, and their page says so.
    app.discard_plan(&w.office, plan, None).await.unwrap();
    let v = app
        .entry_view(&w.office, conferences[0].id, PageRequest::first())
        .await
        .unwrap();
    assert!(v.planned_in.unwrap().1.ends_with(", đã hủy)"));
}

#[tokio::test]
async fn amending_a_plan_keeps_its_entries_linked_to_the_new_versions_tasks() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        amend_on(&w).await;
    }
}

async fn amend_on(w: &World) {
    let app = &w.app;
    let before = app.plan_view(&w.office, w.plan).await.unwrap();
    let task = &before.tasks[0];
    let mut entry = input(
        EntryState::Recorded,
        &[
            ("tieu_de", "Tin về hoạt động đối ngoại"),
            ("ngay", "05/03/2026"),
        ],
    );
    entry.task = Some(task.id);
    let id = app
        .create_entry(&w.office, None, RegisterKind::ThongTin, None, entry)
        .await
        .unwrap()
        .0;
    let amended = crate::support::issue_and_amend(w).await;
    let after = app.plan_view(&w.office, amended).await.unwrap();
    let new_task = after
        .tasks
        .iter()
        .find(|t| t.ref_label == task.ref_label && t.text == task.text)
        .unwrap();
    let v = app
        .entry_view(&w.office, id, PageRequest::first())
        .await
        .unwrap();
    assert_eq!(v.task.as_ref().map(|t| t.0), Some(new_task.id));
    let t = app
        .task_view(&w.office, new_task.id, PageRequest::first())
        .await
        .unwrap();
    assert!(
        t.entries.iter().any(|e| e.1 == id),
        "evidence on the new task"
    );
    let old = app
        .task_view(&w.office, task.id, PageRequest::first())
        .await
        .unwrap();
    assert!(old.entries.is_empty());
}
