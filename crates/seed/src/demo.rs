//! Demo data (`doingoai serve --demo`): one illustrative province holding five communes with
//! their default units, each commune's plan, an account for every role — an administrator,
//! a province officer, and in each commune its office, a leader, a viewer and staff of the
//! units that lead most of its tasks — and progress recorded by those units' own staff.
//!
//! The plans are the sample plans (`../shared/seeds`) imported as an office would, when they
//! are there; otherwise (a clone of the repository alone) they are written by the benchmark
//! generator, so the main command works anywhere with the same organisation, accounts and
//! kind of progress.

use std::path::Path;

use app::org::{NewAccount, Password, Who};
use app::plans::{ImportChoices, ImportSource, StatusChange};
use app::tasks::{ProgressInput, TaskChange};
use app::{App, User};
use chrono::NaiveDate;
use domain::PlanYear;
use domain::access::Role;
use domain::org::CommuneKind;
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::ProgressNote;

use crate::Account;
use crate::bench::{Rng, SIGNED_PDF, plan_for};

/// The name of the demo province (the samples' real provinces differ; this one is labelled
/// as illustrative so no one mistakes it for real data).
pub const DEMO_PROVINCE: &str = "Tỉnh Minh Họa (dữ liệu minh họa)";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot read the sample plan {0}: {1}")]
    Seeds(String, std::io::Error),
    #[error("the database is not empty")]
    NotEmpty,
    #[error("{0}")]
    App(#[from] app::Error),
    #[error("{0}")]
    Other(String),
}

impl DemoError {
    pub fn message_vi(&self) -> String {
        match self {
            DemoError::Seeds(p, _) => format!("không đọc được kế hoạch mẫu {p}"),
            DemoError::NotEmpty => "cơ sở dữ liệu đã có dữ liệu".into(),
            DemoError::App(e) => e.message_vi(),
            DemoError::Other(m) => m.clone(),
        }
    }
}

/// What the demo was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The sample plans found in the folder given.
    Samples,
    /// Plans written by the generator (no sample plan was found).
    Generated,
}

/// The demo: its accounts (one shared random password) and what its plans came from.
#[derive(Debug, Clone)]
pub struct Demo {
    pub accounts: Vec<Account>,
    pub source: Source,
}

/// The sample plan files of `dir` (txt, md, docx, pdf), sorted; empty when the folder is
/// not there.
pub fn sample_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ["txt", "md", "docx", "pdf"].contains(&x))
        })
        .collect();
    files.sort();
    files
}

/// Fills an empty database with the demo, dated as of the application's today.
pub async fn seed(app: &App, seeds: &Path) -> Result<Demo, DemoError> {
    if !app.is_empty().await? {
        return Err(DemoError::NotEmpty);
    }
    let files = sample_files(seeds);
    let source = if files.is_empty() {
        Source::Generated
    } else {
        Source::Samples
    };
    let password = format!("demo-{}", &app::auth::random_token()[..10]);
    let hash = app::auth::hash_password(
        domain::names::NewPassword::parse(&password)
            .map_err(|e| DemoError::Other(e.to_string()))?,
    )
    .await?;
    let mut accounts = Vec::new();
    let mut make = async |username: String,
                          name: &str,
                          role: Role,
                          province: Option<i64>,
                          commune: Option<i64>,
                          unit: Option<i64>,
                          place: String|
           -> Result<User, DemoError> {
        let id = app
            .create_account(
                Who::Operator,
                &NewAccount {
                    username: username.clone(),
                    display_name: name.to_string(),
                    password: Password::Hashed(hash.clone()),
                    role: Some(role),
                    province_id: province,
                    commune_id: commune,
                    unit_id: unit,
                },
                None,
            )
            .await?;
        accounts.push(Account {
            username,
            password: password.clone(),
            role,
            place,
        });
        Ok(app.account_for_operator(Who::Operator, id).await?)
    };
    make(
        "admin".into(),
        "Quản trị hệ thống",
        Role::Admin,
        None,
        None,
        None,
        "Toàn hệ thống".into(),
    )
    .await?;
    let province = app
        .create_province(Who::Operator, DEMO_PROVINCE, None)
        .await?;
    make(
        "songoaivu".into(),
        "Cán bộ Sở Ngoại vụ",
        Role::ProvinceOfficer,
        Some(province.id),
        None,
        None,
        DEMO_PROVINCE.into(),
    )
    .await?;
    let today = app.today();
    let year = PlanYear::parse(chrono::Datelike::year(&today))
        .map_err(|e| DemoError::Other(e.to_string()))?;
    let mut rng = Rng(2026);
    let generated_names = ["Tân Hòa", "Bình Lợi", "Phú Thịnh", "An Khánh", "Long Hưng"];
    let count = if files.is_empty() {
        generated_names.len()
    } else {
        files.len()
    };
    for n in 0..count {
        let k = n + 1;
        // The commune's name and kind: those the sample names, or a generated one.
        let sample = match files.get(n) {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| DemoError::Seeds(path.display().to_string(), e))?;
                let name = path
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or("ke-hoach.txt")
                    .to_string();
                Some((name, bytes))
            }
            None => None,
        };
        let (commune_name, kind) = match &sample {
            Some((name, bytes)) => {
                let (b, nm) = (bytes.clone(), name.clone());
                let peek =
                    tokio::task::spawn_blocking(move || document::parse_bytes(&b, Some(&nm)))
                        .await
                        .map_err(|e| DemoError::Other(e.to_string()))?
                        .map_err(|e| DemoError::Other(e.message_vi()))?;
                let kind = match peek.commune_kind {
                    Some(document::model::CommuneKind::Phuong) => CommuneKind::Phuong,
                    Some(document::model::CommuneKind::DacKhu) => CommuneKind::DacKhu,
                    _ => CommuneKind::Xa,
                };
                (peek.commune.unwrap_or_else(|| format!("Mẫu {k}")), kind)
            }
            None => (
                generated_names
                    .get(n)
                    .map_or_else(|| format!("Mẫu {k}"), |s| s.to_string()),
                CommuneKind::Xa,
            ),
        };
        let commune = app
            .create_commune(Who::Operator, province.id, &commune_name, kind, None)
            .await?;
        let place = app::format::capitalise(&commune.full_name());
        let office = make(
            format!("vanphong{k}"),
            "Cán bộ Văn phòng HĐND và UBND",
            Role::CommuneOffice,
            None,
            Some(commune.id),
            None,
            place.clone(),
        )
        .await?;
        let leader = make(
            format!("lanhdao{k}"),
            "Phó Chủ tịch UBND",
            Role::CommuneLeader,
            None,
            Some(commune.id),
            None,
            place.clone(),
        )
        .await?;
        make(
            format!("xem{k}"),
            "Cán bộ theo dõi",
            Role::Viewer,
            None,
            Some(commune.id),
            None,
            place.clone(),
        )
        .await?;
        let units = app.units_of(&office, Some(commune.id)).await?;
        let plan_id = match sample {
            Some((name, bytes)) => {
                app.import_direct(
                    &office,
                    Some(commune.id),
                    ImportSource::File(name, bytes),
                    &ImportChoices {
                        year: None,
                        review: Default::default(),
                        confirm_same_year: true,
                    },
                    None,
                )
                .await?
                .0
            }
            None => {
                let draft = plan_for(&mut rng, 24, year, &units)
                    .map_err(|e| DemoError::Other(e.to_string()))?;
                app.create_drafted(&office, Some(commune.id), draft, None)
                    .await?
                    .0
            }
        };
        // Tasks the document names no unit for are assigned as an officer would first do
        // it: by their subject to the police, the economic or the culture unit, the rest to
        // the office (the foreign-affairs focal point).
        let office_unit = units
            .iter()
            .find(|u| u.name.starts_with("Văn phòng"))
            .map(|u| u.id);
        let plan = app.plan_occurrences(&office, plan_id).await?;
        for (t, _) in plan.iter().filter(|(t, _)| t.lead_unit_id.is_none()) {
            app.edit_task(
                &office,
                t.id,
                TaskChange {
                    lead: Some(unit_by_subject(&t.text, &units).or(office_unit)),

                    ..Default::default()
                },
                None,
            )
            .await?;
        }
        let plan = app.plan_occurrences(&office, plan_id).await?;
        // Staff of the two units (other than the office) that lead most tasks.
        let mut leads: Vec<(i64, usize)> = units
            .iter()
            .filter(|u| Some(u.id) != office_unit)
            .map(|u| {
                (
                    u.id,
                    plan.iter()
                        .filter(|(t, _)| t.lead_unit_id == Some(u.id))
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        leads.sort_by_key(|(id, n)| (std::cmp::Reverse(*n), *id));
        if leads.is_empty()
            && let Some(u) = units.iter().find(|u| u.name.starts_with("Phòng Văn hóa"))
        {
            leads.push((u.id, 0));
        }
        let mut staff: Vec<(i64, User)> = Vec::new();
        for (i, (unit, _)) in leads.iter().take(2).enumerate() {
            let unit_name = units
                .iter()
                .find(|u| u.id == *unit)
                .map(|u| u.name.clone())
                .unwrap_or_default();
            let username = if i == 0 {
                format!("donvi{k}")
            } else {
                format!("donvi{k}-{}", i + 1)
            };
            let u = make(
                username,
                &format!("Cán bộ {unit_name}"),
                Role::UnitStaff,
                None,
                Some(commune.id),
                Some(*unit),
                format!("{place} — {unit_name}"),
            )
            .await?;
            staff.push((*unit, u));
        }
        record_demo_progress(app, &office, &staff, &plan, today).await?;
        record_demo_registers(app, &office, &staff, commune.id, today, k).await?;
        // Two communes have issued their plan, as most have by mid-year.
        if k == 1 || k == 3 {
            app.change_status(&office, plan_id, StatusChange::Submit, None)
                .await?;
            let number = document::model::DocNumber::parse(&format!("{}/KH-UBND", 10 + k))
                .map_err(|_| DemoError::Other("number".into()))?;
            app.change_status(
                &leader,
                plan_id,
                StatusChange::Issue {
                    number,
                    issued_on: NaiveDate::from_ymd_opt(year.get(), 1, 15).unwrap_or(today),
                    signed: ("ke-hoach-da-ky.pdf".into(), SIGNED_PDF.to_vec()),
                },
                None,
            )
            .await?;
        }
    }
    Ok(Demo { accounts, source })
}

/// The unit a task's subject points to (words compared without tones), if any.
fn unit_by_subject(text: &str, units: &[app::Unit]) -> Option<i64> {
    let t = vntext::fold(text);
    let rules: [(&[&str], &str); 3] = [
        (
            &[
                "an ninh",
                "nguoi nuoc ngoai",
                "xuat canh",
                "nhap canh",
                "bien gioi",
                "trat tu",
            ],
            "Công an",
        ),
        (
            &[
                "dau tu",
                "thuong mai",
                "du lich",
                "kinh te",
                "xuc tien",
                "ocop",
                "hop tac xa",
            ],
            "Phòng Kinh tế",
        ),
        (
            &[
                "tuyen truyen",
                "thong tin",
                "van hoa",
                "bao chi",
                "truyen thong",
                "le hoi",
            ],
            "Phòng Văn hóa",
        ),
    ];
    rules
        .iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .and_then(|(_, unit)| units.iter().find(|u| u.name.starts_with(unit)))
        .map(|u| u.id)
}

/// Progress as the year so far would have it: past occurrences mostly done, every fifth
/// still open; running ones partly done, every third not yet reported. Each is recorded by
/// the staff of the task's lead unit when the demo made an account for it, else by the
/// office.
async fn record_demo_progress(
    app: &App,
    office: &User,
    staff: &[(i64, User)],
    plan: &[(app::TaskRow, Vec<app::Occurrence>)],
    today: NaiveDate,
) -> Result<(), DemoError> {
    let today_iso = today.to_string();
    let mut i = 0;
    let note = |s: &str| ProgressNote::parse(s).map_err(|e| DemoError::Other(e.to_string()));
    for (t, occurrences) in plan {
        let by = staff
            .iter()
            .find(|(u, _)| Some(*u) == t.lead_unit_id)
            .map_or(office, |(_, s)| s);
        let mut batch = Vec::new();
        for o in occurrences {
            if o.starts_on > today_iso {
                continue;
            }
            i += 1;
            let past = o.due_on < today_iso;
            // A running occurrence with two fifths of its period gone (a whole-year task
            // from late May) is finished early in about half the cases, as units do.
            let late_in_period = match (
                NaiveDate::parse_from_str(&o.starts_on, "%Y-%m-%d"),
                NaiveDate::parse_from_str(&o.due_on, "%Y-%m-%d"),
            ) {
                (Ok(start), Ok(due)) => (today - start) * 5 > (due - start) * 2,
                _ => false,
            };
            let (status, percent) = match (past, i % 5, i % 3) {
                (true, 0, _) | (false, _, 0) => continue,
                (true, 1, _) => (OccurrenceStatus::InProgress, 60),
                (true, _, _) => (OccurrenceStatus::Done, 100),
                (false, _, _) if late_in_period && i % 2 == 0 => (OccurrenceStatus::Done, 100),
                (false, _, _) => (OccurrenceStatus::InProgress, 30 + (i % 6) as i64 * 10),
            };
            batch.push((
                t.id,
                ProgressInput {
                    occurrence_id: o.id,
                    status,
                    percent: Some(
                        Percent::new(percent).map_err(|e| DemoError::Other(e.to_string()))?,
                    ),
                    note: note(if status == OccurrenceStatus::Done {
                        "Đã hoàn thành theo kế hoạch (dữ liệu minh họa)."
                    } else {
                        "Đang triển khai thực hiện (dữ liệu minh họa)."
                    })?,
                    evidence_url: None,
                    evidence_file: None,
                },
            ));
        }
        if !batch.is_empty() {
            app.record_progress_batch(by, batch).await?;
        }
    }
    Ok(())
}

/// What a commune's registers hold by mid-year, dated around `today`: delegations out and in
/// (one with its member list, one arriving soon without its consent document), a
/// conference whose dossier falls due, an aid project, foreigners living locally (one
/// residence document expiring), a publication and a promotion event. Names are
/// illustrative. Entries of a unit are recorded by that unit's staff.
async fn record_demo_registers(
    app: &App,
    office: &User,
    staff: &[(i64, User)],
    commune: i64,
    today: NaiveDate,
    k: usize,
) -> Result<(), DemoError> {
    use app::registers::EntryInput;
    use domain::register::{EntryState, RegisterKind};
    let day = |offset: i64| {
        (today + chrono::Duration::days(offset))
            .format("%d/%m/%Y")
            .to_string()
    };
    let partner = ["Lào", "Hàn Quốc", "Nhật Bản", "Cam-pu-chia", "Thái Lan"][k % 5];
    type Row<'a> = (RegisterKind, EntryState, Vec<(&'a str, String)>);
    let entries: Vec<Row> = vec![
        (
            RegisterKind::DoanVao,
            EntryState::Reported,
            vec![
                (
                    "ten_doan",
                    format!("Đoàn công tác của tỉnh kết nghĩa ({partner})"),
                ),
                ("loai_doan", "chinh_quyen".into()),
                ("quoc_gia", partner.into()),
                ("so_thanh_vien", "6".into()),
                (
                    "thanh_vien",
                    format!(
                        "Khamphong Sisavath; {partner}; P1234567\nBounmy Keola; {partner}; P7654321"
                    ),
                ),
                ("ngay_den", day(-60)),
                ("ngay_roi", day(-58)),
                ("muc_dich", "giao_luu".into()),
                ("van_ban_dong_y", "Công văn số 15/SNgV-LS".into()),
                ("ngay_bao_cao", day(-50)),
            ],
        ),
        (
            RegisterKind::DoanVao,
            EntryState::Ended,
            vec![
                ("ten_doan", "Đoàn doanh nghiệp khảo sát đầu tư".into()),
                ("loai_doan", "doanh_nghiep".into()),
                ("quoc_gia", "Hàn Quốc".into()),
                ("so_thanh_vien", "4".into()),
                ("ngay_den", day(-12)),
                ("ngay_roi", day(-10)),
                ("muc_dich", "xuc_tien".into()),
                ("van_ban_dong_y", "Công văn số 22/SNgV-LS".into()),
            ],
        ),
        (
            RegisterKind::DoanVao,
            EntryState::Requested,
            vec![
                (
                    "ten_doan",
                    "Đoàn tổ chức phi chính phủ khảo sát dự án nước sạch".into(),
                ),
                ("loai_doan", "ngo".into()),
                ("quoc_gia", "Nhật Bản".into()),
                ("so_thanh_vien", "3".into()),
                ("ngay_den", day(2 + k as i64)),
                ("ngay_roi", day(4 + k as i64)),
                ("muc_dich", "vien_tro".into()),
            ],
        ),
        (
            RegisterKind::DoanRa,
            EntryState::Returned,
            vec![
                (
                    "ten_doan",
                    "Đoàn học tập kinh nghiệm du lịch cộng đồng".into(),
                ),
                ("cap_doan", "ubnd".into()),
                ("so_nguoi", "5".into()),
                ("nuoc_den", format!("{partner}, Thái Lan")),
                ("muc_dich", "hoc_tap".into()),
                ("ngay_di", day(-20)),
                ("ngay_ve", day(-14)),
                ("nguon_kinh_phi", "nsnn".into()),
                ("kinh_phi", "180.000.000".into()),
                ("van_ban_xin_phep", "Tờ trình số 08/TTr-UBND".into()),
                (
                    "quyet_dinh_cho_phep",
                    "Quyết định số 120/QĐ-UBND của UBND tỉnh".into(),
                ),
            ],
        ),
        (
            RegisterKind::HoiNghi,
            EntryState::Planned,
            vec![
                ("ten", "Hội thảo quốc tế về phát triển sản phẩm OCOP".into()),
                ("don_vi_to_chuc", "UBND xã".into()),
                ("doi_tac", "Tổ chức hợp tác quốc tế (tài trợ)".into()),
                ("hinh_thuc", "truc_tiep".into()),
                ("ngay_bat_dau", day(45)),
                ("ngay_ket_thuc", day(46)),
                ("so_dai_bieu_nn", "12".into()),
            ],
        ),
        (
            RegisterKind::VienTro,
            EntryState::Running,
            vec![
                (
                    "ten",
                    "Dự án cải thiện nước sạch cho trường tiểu học".into(),
                ),
                (
                    "ben_tai_tro",
                    "Quỹ hỗ trợ cộng đồng (tổ chức phi chính phủ nước ngoài)".into(),
                ),
                ("loai_ben_tai_tro", "ngo".into()),
                ("quoc_gia", "Nhật Bản".into()),
                ("hinh_thuc", "du_an".into()),
                ("gia_tri_cam_ket", "850.000.000".into()),
                ("gia_tri_nguyen_te", "33.000 USD".into()),
                ("quyet_dinh_phe_duyet", "Quyết định số 45/QĐ-UBND".into()),
                ("ngay_phe_duyet", day(-150)),
                ("ngay_bat_dau", day(-120)),
                ("ngay_ket_thuc", day(120)),
                (
                    "giai_ngan",
                    format!("{}; 300.000.000\n{}; 250.000.000", day(-110), day(-30)),
                ),
            ],
        ),
        (
            RegisterKind::NguoiNuocNgoai,
            EntryState::Present,
            vec![
                ("ho_ten", "Kim Min-jun".into()),
                ("gioi_tinh", "nam".into()),
                ("nam_sinh", "1985".into()),
                ("quoc_tich", "Hàn Quốc".into()),
                ("so_ho_chieu", "M12345678".into()),
                ("han_giay_to", day(20)),
                ("ly_do", "lao_dong".into()),
                ("noi_lam_viec", "Công ty TNHH may mặc trên địa bàn".into()),
                ("ngay_den", day(-300)),
            ],
        ),
        (
            RegisterKind::ThongTin,
            EntryState::Recorded,
            vec![
                ("tieu_de", "Giới thiệu tiềm năng du lịch của xã".into()),
                ("loai", "bai_viet".into()),
                ("kenh", "cong_ttdt".into()),
                ("ngon_ngu", "Tiếng Việt, tiếng Anh".into()),
                ("ngay", day(-40)),
            ],
        ),
        (
            RegisterKind::XucTien,
            EntryState::Held,
            vec![
                (
                    "ten",
                    "Gian hàng sản phẩm địa phương tại hội chợ thương mại".into(),
                ),
                ("loai", "hoi_cho".into()),
                ("pham_vi", "trong_nuoc".into()),
                ("ngay_bat_dau", day(-75)),
                ("so_nguoi", "8".into()),
            ],
        ),
    ];
    for (i, (kind, state, values)) in entries.into_iter().enumerate() {
        // Every other entry is followed by the staff of a unit, which records it.
        let (by, unit) = match staff.get(i % 2).filter(|_| i % 2 == 1) {
            Some((unit, u)) => (u, Some(*unit)),
            None => (office, None),
        };
        let input = EntryInput {
            values: values
                .into_iter()
                .map(|(key, v)| (key.to_string(), v))
                .collect(),
            state: Some(state),
            task: None,
            unplanned: true,
            unit,
            version: None,
        };
        app.create_entry(by, None, kind, Some(commune), input)
            .await?;
    }
    Ok(())
}
