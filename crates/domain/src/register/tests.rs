use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_twelve_registers_have_the_slugs_of_the_issue_and_parse_back() {
    let slugs: Vec<&str> = RegisterKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(
        slugs,
        [
            "doan-ra",
            "doan-vao",
            "hoi-nghi",
            "phong-vien",
            "vien-tro",
            "thoa-thuan",
            "nguoi-nuoc-ngoai",
            "cong-dan-nuoc-ngoai",
            "vu-viec",
            "thong-tin",
            "dao-tao",
            "xuc-tien"
        ]
    );
    for k in RegisterKind::ALL {
        assert_eq!(RegisterKind::parse(k.slug()), Some(k));
        assert_eq!(k.def().kind, k);
    }
    assert_eq!(RegisterKind::parse("doan_ra"), None);
}

#[test]
fn every_definition_names_only_its_own_fields_and_states() {
    for k in RegisterKind::ALL {
        let r = k.def();
        let mut keys: Vec<&str> = r.fields.iter().map(|f| f.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), r.fields.len(), "{}: duplicate keys", r.slug);
        for t in r.title {
            assert!(r.field(t).is_some(), "{}: title {t}", r.slug);
        }
        let roles = r.roles;
        let typed = |k: Option<&str>, ok: &dyn Fn(FieldType) -> bool| {
            if let Some(k) = k {
                let f = r.field(k).unwrap_or_else(|| panic!("{}: role {k}", r.slug));
                assert!(ok(f.ty), "{}: role {k} has type {:?}", r.slug, f.ty);
            }
        };
        typed(roles.window, &|t| t == FieldType::Date);
        typed(roles.end, &|t| t == FieldType::Date);
        typed(roles.countries, &|t| {
            matches!(t, FieldType::Country | FieldType::Countries)
        });
        typed(roles.members, &|t| t == FieldType::Count);
        typed(roles.people, &|t| matches!(t, FieldType::People(_)));
        typed(roles.pledged, &|t| t == FieldType::Money);
        typed(roles.disbursements, &|t| t == FieldType::Disbursements);
        for rule in r.due {
            typed(Some(rule.date), &|t| t == FieldType::Date);
            for s in rule.while_in {
                assert!(r.states.contains(s), "{}: due state {s:?}", r.slug);
            }
        }
        let known = |s: EntryState| {
            r.states.contains(&s) || matches!(s, EntryState::Cancelled | EntryState::Withdrawn)
        };
        for (a, b) in r.transitions {
            assert!(known(*a) && known(*b), "{}: {a:?} → {b:?}", r.slug);
        }
        for s in r.counted {
            assert!(r.states.contains(s), "{}: counted {s:?}", r.slug);
        }
        for f in r.fields {
            if let Some(s) = f.needed_from {
                assert!(
                    r.states.contains(&s),
                    "{}: {} needed from {s:?}",
                    r.slug,
                    f.key
                );
            }
        }
        // Every state but the first is reachable.
        for s in &r.states[1..] {
            assert!(
                r.transitions.iter().any(|(_, to)| to == s),
                "{}: {s:?} unreachable",
                r.slug
            );
        }
    }
}

#[test]
fn no_register_stores_religion_ethnicity_health_or_criminal_data() {
    let forbidden = [
        "ton giao",
        "dan toc",
        "suc khoe",
        "benh",
        "tien an",
        "tien su",
        "chinh tri",
    ];
    for k in RegisterKind::ALL {
        for f in k.def().fields {
            // A conference's sensitive-topic flag names the topics, it stores no one's data.
            if f.ty == FieldType::Flag {
                continue;
            }
            let label = vntext::fold(f.label);
            for w in forbidden {
                assert!(
                    !label.contains(w),
                    "{}: {} ({}) has {w}",
                    k.slug(),
                    f.key,
                    f.label
                );
            }
        }
    }
}

#[test]
fn names_and_passports_of_people_are_personal_and_figures_are_not() {
    for k in RegisterKind::ALL {
        let r = k.def();
        for f in r.fields {
            let label = vntext::fold(f.label);
            if label.starts_with("ho ten")
                || label.contains("ho chieu")
                || label.contains("(ho ten")
            {
                assert!(f.personal, "{}: {} must be personal", r.slug, f.key);
            }
        }
        for key in [
            r.roles.window,
            r.roles.countries,
            r.roles.members,
            r.roles.pledged,
        ]
        .into_iter()
        .flatten()
        {
            assert!(!r.field(key).unwrap().personal, "{}: {key}", r.slug);
        }
    }
    assert!(RegisterKind::NguoiNuocNgoai.def().has_personal());
    assert!(!RegisterKind::ThongTin.def().has_personal());
}

#[test]
fn countries_are_found_by_code_and_by_any_of_their_names_without_tones() {
    assert_eq!(countries().len(), 249);
    let us = country("Hoa Kỳ").unwrap();
    assert_eq!((us.alpha2, us.alpha3), ("US", "USA"));
    for s in ["Mỹ", "my", "US", "USA", "United States", "  HOA KY "] {
        assert_eq!(country(s), Some(us), "{s}");
    }
    assert_eq!(country("Campuchia"), country("Cam-pu-chia"));
    assert_eq!(country("KH").unwrap().name, "Cam-pu-chia");
    assert_eq!(country("Lào").unwrap().alpha2, "LA");
    assert_eq!(country("Hàn Quốc").unwrap().alpha2, "KR");
    assert_eq!(country("Atlantis"), None);
    assert_eq!(country("MY").unwrap().alpha2, "MY");
    assert_ne!(country("MY"), country("Mỹ"));
    for c in countries() {
        assert!(vntext::is_nfc(c.name), "{}", c.name);
        assert_eq!(country(c.name), Some(*c), "{}", c.name);
    }
}

#[test]
fn dates_are_read_day_first_or_iso_and_impossible_ones_refused() {
    assert_eq!(parse_date("05/03/2026"), Some(d(2026, 3, 5)));
    assert_eq!(parse_date("5/3/2026"), Some(d(2026, 3, 5)));
    assert_eq!(parse_date("05-03-2026"), Some(d(2026, 3, 5)));
    assert_eq!(parse_date("2026-03-05"), Some(d(2026, 3, 5)));
    for bad in [
        "31/02/2026",
        "05/13/2026",
        "2026",
        "5/3/26",
        "ngày 5",
        "",
        "1/1/1800",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
}

#[test]
fn amounts_are_read_with_dots_commas_or_spaces_and_a_currency_word() {
    assert_eq!(parse_money("12500000"), Some(12_500_000));
    assert_eq!(parse_money("12.500.000"), Some(12_500_000));
    assert_eq!(parse_money("12,500,000 đồng"), Some(12_500_000));
    assert_eq!(parse_money("12 500 000 VND"), Some(12_500_000));
    assert_eq!(parse_money("500.000đ"), Some(500_000));
    for bad in [
        "12.5",
        "1,5",
        "12.50.000",
        "-5",
        "abc",
        "",
        "99999999999999999999",
    ] {
        assert_eq!(parse_money(bad), None, "{bad}");
    }
}

#[test]
fn an_entry_reports_every_missing_and_malformed_field_at_once() {
    let r = RegisterKind::DoanRa.def();
    let e = Entry::parse(
        r,
        &raw(&[
            ("ten_doan", "  "),
            ("ngay_di", "32/01/2026"),
            ("nuoc_den", "Atlantis"),
        ]),
        EntryState::Requested,
    )
    .unwrap_err();
    let keys: Vec<&str> = e.iter().map(|e| e.key).collect();
    assert_eq!(
        keys,
        [
            "ten_doan",
            "so_nguoi",
            "nuoc_den",
            "ngay_di",
            "ngay_ve",
            "van_ban_xin_phep"
        ]
    );
    // A planned trip needs only its name: the malformed values are still refused.
    let planned = Entry::parse(
        r,
        &raw(&[("ngay_di", "32/01/2026"), ("nuoc_den", "Atlantis")]),
        EntryState::Planned,
    )
    .unwrap_err();
    let keys: Vec<&str> = planned.iter().map(|e| e.key).collect();
    assert_eq!(keys, ["ten_doan", "nuoc_den", "ngay_di"]);
    assert!(e[3].message.contains("ngày/tháng/năm"), "{}", e[3].message);
    assert!(e[2].message.contains("Atlantis"), "{}", e[2].message);
}

fn doan_ra(extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut m = raw(&[
        ("ten_doan", "Đoàn công tác của UBND xã"),
        ("so_nguoi", "5"),
        ("nuoc_den", "Lào; Cam-pu-chia"),
        ("ngay_di", "10/03/2026"),
        ("ngay_ve", "15/03/2026"),
    ]);
    m.extend(raw(extra));
    m
}

#[test]
fn an_entry_keeps_its_personal_fields_apart_and_reads_back_unchanged() {
    let r = RegisterKind::DoanRa.def();
    let e = Entry::parse(
        r,
        &doan_ra(&[
            (
                "thanh_vien",
                "Nguyễn Văn A; Văn phòng; Chánh Văn phòng\nTrần Thị B",
            ),
            ("kinh_phi", "120.000.000"),
        ]),
        r.initial(),
    )
    .unwrap();
    let (public, personal) = e.stored();
    assert_eq!(personal.keys().collect::<Vec<_>>(), ["thanh_vien"]);
    assert_eq!(public["nuoc_den"], "LA, KH");
    assert_eq!(public["kinh_phi"], "120000000");
    let mut all = public.clone();
    all.extend(personal);
    assert_eq!(Entry::from_stored(r, &all), e);
    assert_eq!(e.shown("kinh_phi"), "120.000.000");
    assert_eq!(e.shown("ngay_di"), "10/03/2026");
    assert_eq!(e.members(), Some(5));
    assert_eq!(e.people().unwrap().len(), 2);
    assert_eq!(e.countries().len(), 2);
    assert!(!e.search_text().contains("nguyen van a"));
    assert!(
        e.audit_fields()
            .iter()
            .find(|f| f.key == "thanh_vien")
            .unwrap()
            .is_redacted()
    );
    assert_eq!(
        e.title(false),
        "Đoàn công tác của UBND xã — Lào, Cam-pu-chia"
    );
    // What the form shows parses back to the same entry.
    let typed: BTreeMap<String, String> = r
        .fields
        .iter()
        .filter_map(|f| e.get(f.key).map(|v| (f.key.to_string(), v.typed(f.ty))))
        .collect();
    assert_eq!(Entry::parse(r, &typed, r.initial()).unwrap(), e);
}

#[test]
fn a_return_before_the_departure_and_a_list_longer_than_the_count_are_refused() {
    let r = RegisterKind::DoanRa.def();
    let e = Entry::parse(r, &doan_ra(&[("ngay_ve", "09/03/2026")]), r.initial()).unwrap_err();
    assert_eq!(e[0].key, "ngay_ve");
    assert!(
        e[0].message.contains("không được trước"),
        "{}",
        e[0].message
    );
    let e = Entry::parse(
        r,
        &doan_ra(&[("so_nguoi", "1"), ("thanh_vien", "A\nB")]),
        r.initial(),
    )
    .unwrap_err();
    assert_eq!(e[0].key, "so_nguoi");
}

#[test]
fn a_field_needed_from_a_state_is_required_only_once_the_entry_reaches_it() {
    let r = RegisterKind::DoanRa.def();
    assert!(Entry::parse(r, &doan_ra(&[]), EntryState::Requested).is_err());
    assert!(
        Entry::parse(
            r,
            &doan_ra(&[("van_ban_xin_phep", "15/TTr-UBND")]),
            EntryState::Requested
        )
        .is_ok()
    );
    let e = Entry::parse(
        r,
        &doan_ra(&[("van_ban_xin_phep", "15/TTr-UBND")]),
        EntryState::Permitted,
    )
    .unwrap_err();
    assert_eq!(e[0].key, "quyet_dinh_cho_phep");
    assert!(
        e[0].message.contains("Đã được cho phép"),
        "{}",
        e[0].message
    );
}

#[test]
fn states_move_only_along_the_declared_transitions() {
    let r = RegisterKind::DoanRa.def();
    assert_eq!(
        r.next_states(EntryState::Planned),
        [EntryState::Requested, EntryState::Cancelled]
    );
    assert!(r.can_move(EntryState::Returned, EntryState::Reported));
    assert!(!r.can_move(EntryState::Planned, EntryState::Reported));
    assert!(!r.can_move(EntryState::Reported, EntryState::Cancelled));
    assert!(r.reached(EntryState::Reported, EntryState::Permitted));
    assert!(!r.reached(EntryState::Cancelled, EntryState::Planned));
    assert!(
        RegisterKind::ThongTin
            .def()
            .next_states(EntryState::Recorded)
            .is_empty()
    );
}

#[test]
fn the_after_trip_report_falls_due_at_return_plus_the_provinces_days() {
    let r = RegisterKind::DoanRa.def();
    let e = Entry::parse(r, &doan_ra(&[]), EntryState::Planned).unwrap();
    assert_eq!(e.due(EntryState::Planned, DueSettings::default()), None);
    let due = e.due(EntryState::Returned, DueSettings::default()).unwrap();
    assert_eq!(due.on, d(2026, 3, 30));
    assert!(due.what.starts_with("Báo cáo"));
    let ten = DueSettings {
        trip_report_days: 10,
    };
    assert_eq!(
        e.due(EntryState::Travelling, ten).unwrap().on,
        d(2026, 3, 25)
    );
    assert_eq!(e.due(EntryState::Reported, ten), None);
}

#[test]
fn a_visit_without_consent_falls_due_on_arrival_and_its_report_after_it_ends() {
    let r = RegisterKind::DoanVao.def();
    let base = raw(&[
        ("ten_doan", "Đoàn Tỉnh Hủa Phăn"),
        ("quoc_gia", "Lào"),
        ("so_thanh_vien", "8"),
        ("ngay_den", "20/04/2026"),
        ("ngay_roi", "22/04/2026"),
    ]);
    let e = Entry::parse(r, &base, EntryState::Planned).unwrap();
    let s = DueSettings::default();
    assert_eq!(e.due(EntryState::Planned, s).unwrap().on, d(2026, 4, 20));
    let mut with = base.clone();
    with.insert("van_ban_dong_y".into(), "Công văn số 12/SNgV".into());
    let e = Entry::parse(r, &with, EntryState::Approved).unwrap();
    assert_eq!(e.due(EntryState::Planned, s), None);
    assert_eq!(e.due(EntryState::Ended, s).unwrap().on, d(2026, 5, 7));
}

#[test]
fn a_conference_dossier_falls_due_30_days_before_or_40_when_the_prime_minister_permits() {
    let r = RegisterKind::HoiNghi.def();
    let mut m = raw(&[
        ("ten", "Hội thảo quốc tế về du lịch cộng đồng"),
        ("don_vi_to_chuc", "UBND xã"),
        ("ngay_bat_dau", "15/06/2026"),
        ("ngay_ket_thuc", "16/06/2026"),
    ]);
    let s = DueSettings::default();
    let e = Entry::parse(r, &m, EntryState::Planned).unwrap();
    assert_eq!(e.due(EntryState::Planned, s).unwrap().on, d(2026, 5, 16));
    m.insert("thu_tuong_cho_phep".into(), "có".into());
    let e = Entry::parse(r, &m, EntryState::Planned).unwrap();
    assert_eq!(e.due(EntryState::Planned, s).unwrap().on, d(2026, 5, 6));
    assert_eq!(e.due(EntryState::Held, s).unwrap().on, d(2026, 7, 1));
}

#[test]
fn aid_not_started_six_months_after_approval_falls_due_and_disbursements_follow_approval() {
    let r = RegisterKind::VienTro.def();
    let m = raw(&[
        ("ten", "Dự án nước sạch"),
        ("ben_tai_tro", "Tổ chức ABC"),
        ("gia_tri_cam_ket", "1.000.000.000"),
        ("quyet_dinh_phe_duyet", "Quyết định số 10/QĐ-UBND"),
        ("ngay_phe_duyet", "31/08/2026"),
    ]);
    let e = Entry::parse(r, &m, EntryState::AidApproved).unwrap();
    assert_eq!(
        e.due(EntryState::AidApproved, DueSettings::default())
            .unwrap()
            .on,
        d(2027, 2, 28)
    );
    let mut early = m.clone();
    early.insert("giai_ngan".into(), "01/08/2026; 5.000.000".into());
    let err = Entry::parse(r, &early, EntryState::AidApproved).unwrap_err();
    assert_eq!(err[0].key, "giai_ngan");
    let mut ok = m;
    ok.insert(
        "giai_ngan".into(),
        "01/09/2026; 5.000.000\n01/10/2026; 7.000.000".into(),
    );
    let e = Entry::parse(r, &ok, EntryState::AidApproved).unwrap();
    assert_eq!(
        e.disbursements().iter().map(|x| x.1).sum::<i64>(),
        12_000_000
    );
    assert_eq!(e.pledged(), Some(1_000_000_000));
}

#[test]
fn an_agreement_report_falls_due_15_days_after_signing_and_a_residence_document_on_expiry() {
    let r = RegisterKind::ThoaThuan.def();
    let e = Entry::parse(
        r,
        &raw(&[
            ("ten", "Thỏa thuận hợp tác"),
            ("ben_nuoc_ngoai", "Bản X"),
            ("quoc_gia", "LA"),
            ("y_kien", "số 1"),
            ("quyet_dinh", "số 2"),
            ("ngay_ky", "01/12/2026"),
            ("nguoi_ky", "Chủ tịch UBND xã"),
        ]),
        EntryState::Signed,
    )
    .unwrap();
    assert_eq!(
        e.due(EntryState::Signed, DueSettings::default())
            .unwrap()
            .on,
        d(2026, 12, 16)
    );
    assert!(r.border_only);

    let r = RegisterKind::NguoiNuocNgoai.def();
    let e = Entry::parse(
        r,
        &raw(&[
            ("ho_ten", "John Smith"),
            ("quoc_tich", "Vương quốc Anh"),
            ("han_giay_to", "10/01/2027"),
            ("ngay_den", "01/01/2026"),
        ]),
        EntryState::Present,
    )
    .unwrap();
    assert_eq!(
        e.due(EntryState::Present, DueSettings::default())
            .unwrap()
            .on,
        d(2027, 1, 10)
    );
    assert_eq!(e.due(EntryState::Left, DueSettings::default()), None);
    assert_eq!(e.title(false), "Vương quốc Anh");
    assert_eq!(e.title(true), "Vương quốc Anh — John Smith");
}

#[test]
fn a_choice_is_found_by_its_code_label_or_another_name_without_tones() {
    let r = RegisterKind::DoanRa.def();
    for typed in ["nsnn", "Ngân sách nhà nước", "ngan sach nha nuoc", "NSNN"] {
        let e = Entry::parse(r, &doan_ra(&[("nguon_kinh_phi", typed)]), r.initial()).unwrap();
        assert_eq!(e.shown("nguon_kinh_phi"), "Ngân sách nhà nước", "{typed}");
    }
    let err =
        Entry::parse(r, &doan_ra(&[("nguon_kinh_phi", "ngân hàng")]), r.initial()).unwrap_err();
    assert!(
        err[0].message.contains("Ngân sách nhà nước; "),
        "{}",
        err[0].message
    );
}

#[test]
fn every_heading_a_register_accepts_names_one_field_only() {
    for k in RegisterKind::ALL {
        let r = k.def();
        let mut seen: std::collections::HashMap<String, &str> = Default::default();
        for f in r.fields {
            let mut names = vec![heading_key(f.label)];
            let short = heading_key(f.label.split('(').next().unwrap());
            if short != names[0] {
                names.push(short);
            }
            names.extend(f.also.iter().map(|a| heading_key(a)));
            names.dedup();
            for n in names {
                if let Some(other) = seen.insert(n.clone(), f.key) {
                    assert_eq!(
                        other, f.key,
                        "{}: “{n}” names {other} and {}",
                        r.slug, f.key
                    );
                }
            }
            assert_eq!(r.field_for_heading(f.label).map(|x| x.key), Some(f.key));
        }
        assert_eq!(heading_key("Trạng thái"), "trang thai");
        assert!(r.field_for_heading("STT").is_none(), "{}", r.slug);
    }
    let r = RegisterKind::DoanRa.def();
    assert_eq!(r.field_for_heading("Quốc gia đến").unwrap().key, "nuoc_den");
    assert_eq!(r.field_for_heading("NƯỚC ĐI").unwrap().key, "nuoc_den");
    assert_eq!(
        r.field_for_heading("Kinh phí (đồng)").unwrap().key,
        "kinh_phi"
    );
}

#[test]
fn an_imported_entry_that_already_happened_takes_the_registers_past_state() {
    let r = RegisterKind::DoanRa.def();
    let e = Entry::parse(r, &doan_ra(&[]), r.initial()).unwrap();
    assert_eq!(r.imported_state(&e, d(2026, 4, 1)), EntryState::Returned);
    assert_eq!(r.imported_state(&e, d(2026, 3, 1)), EntryState::Planned);
}
