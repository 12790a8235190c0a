//! A generated province for the web benchmark (`doingoai bench-data`; docs/BENCHMARKS.md):
//! N communes with their default units, one plan each with T tasks written the way commune
//! plans are (built from phrase pieces), schedules from Vietnamese time frames turned into a
//! year of occurrences, and U progress updates on the occurrences that have started by
//! `today`. The demo uses the same generator when the sample plans are not beside the
//! repository.
//!
//! Everything goes through the application layer, as officers would do it: communes made
//! with their default units, plans written whole ([`app::plans::DraftPlan`]), submitted and
//! issued with a signed file, progress recorded by the commune's accounts — so the rows are
//! the ones the application itself writes, audit records included. The result depends only
//! on the [`BenchSpec`]: the same seed gives the same names, texts, schedules and updates
//! (row ids and timestamps aside).

use app::NewSection;
use app::org::{NewAccount, Password, Who};
use app::plans::{DraftPlan, DraftTask, StatusChange};
use app::tasks::ProgressInput;
use app::{App, Unit};
use chrono::{Datelike, NaiveDate};
use domain::access::Role;
use domain::org::CommuneKind;
use domain::plan::PlanTitle;
use domain::progress::{OccurrenceStatus, Percent};
use domain::text::{EvidenceUrl, ProgressNote, TaskText};
use domain::{PlanYear, Timeframe};

use crate::Account;

/// What to generate.
#[derive(Debug, Clone)]
pub struct BenchSpec {
    /// Communes in the province, 1–[`MAX_COMMUNES`].
    pub communes: usize,
    /// Tasks in each commune's plan, 1–[`MAX_TASKS`].
    pub tasks_per_commune: usize,
    /// Progress updates over the whole province, 0–[`MAX_UPDATES`].
    pub updates: usize,
    /// Seed of the generator: the same seed gives the same data.
    pub seed: u64,
    /// The plans' year; `None`: the year of `today`.
    pub year: Option<PlanYear>,
    /// The day the data is "as of": only occurrences started by then get progress.
    pub today: NaiveDate,
    /// The password of every generated account (at least 10 characters).
    pub password: String,
    /// Entries in each of the twelve registers of each commune, 0–[`MAX_ENTRIES`].
    pub entries_per_register: usize,
}

pub const MAX_COMMUNES: usize = 2_000;
pub const MAX_TASKS: usize = 500;
pub const MAX_UPDATES: usize = 2_000_000;
pub const MAX_ENTRIES: usize = 10_000;

/// What was generated.
#[derive(Debug, Clone)]
pub struct BenchSummary {
    pub province: String,
    pub communes: usize,
    pub units: usize,
    pub tasks: usize,
    pub occurrences: usize,
    pub updates: usize,
    /// Register entries.
    pub entries: usize,
    /// The first commune's office, leader and unit staff, and the province officer.
    pub accounts: Vec<Account>,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("the database already has accounts; bench data needs an empty database")]
    NotEmpty,
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    App(#[from] app::Error),
}

impl BenchError {
    /// The message in Vietnamese, for the console.
    pub fn message_vi(&self) -> String {
        match self {
            BenchError::NotEmpty => {
                "cơ sở dữ liệu đã có tài khoản; cần một cơ sở dữ liệu trống".into()
            }
            BenchError::Invalid(m) => format!("tham số không hợp lệ ({m})"),
            BenchError::App(e) => e.message_vi(),
        }
    }
}

/// Today in Vietnam (UTC+7), the default day the data is as of.
pub fn today_in_vietnam() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A `YYYY-MM-DD` day, or `None`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A random password for the generated accounts ("bench-" and 10 random characters).
pub fn random_password() -> String {
    let token = app::auth::random_token();
    format!("bench-{}", token.chars().take(10).collect::<String>())
}

impl BenchSpec {
    /// The plans' year.
    pub fn plan_year(&self) -> Result<PlanYear, BenchError> {
        match self.year {
            Some(y) => Ok(y),
            None => PlanYear::parse(self.today.year())
                .map_err(|e| BenchError::Invalid(format!("year: {e}"))),
        }
    }

    fn check(&self) -> Result<(), BenchError> {
        let bad = |m: String| Err(BenchError::Invalid(m));
        if !(1..=MAX_COMMUNES).contains(&self.communes) {
            return bad(format!("communes must be 1–{MAX_COMMUNES}"));
        }
        if !(1..=MAX_TASKS).contains(&self.tasks_per_commune) {
            return bad(format!("tasks must be 1–{MAX_TASKS}"));
        }
        if self.updates > MAX_UPDATES {
            return bad(format!("updates must be at most {MAX_UPDATES}"));
        }
        if self.entries_per_register > MAX_ENTRIES {
            return bad(format!("entries must be at most {MAX_ENTRIES}"));
        }
        if let Err(e) = domain::names::NewPassword::parse(&self.password) {
            return bad(format!("password: {}", e.message_vi()));
        }
        Ok(())
    }
}

/// SplitMix64: small, fast and the same on every platform and version (unlike the `rand`
/// crate's `StdRng`, whose algorithm may change).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n (0 when n is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// One item of part II of a plan, with the pieces its tasks are written from.
struct Topic {
    title: &'static str,
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    tails: &'static [&'static str],
    /// Unit names (as in the default list) that usually lead this work; the first most often.
    leads: &'static [&'static str],
}

const OFFICE: &str = "Văn phòng HĐND và UBND";

const TOPICS: &[Topic] = &[
    Topic {
        title: "Công tác thông tin đối ngoại",
        verbs: &[
            "Tuyên truyền, phổ biến",
            "Tổ chức thông tin, tuyên truyền về",
            "Cập nhật, đăng tải tin bài về",
            "Biên soạn, phát hành tài liệu giới thiệu về",
        ],
        objects: &[
            "chủ trương, đường lối đối ngoại của Đảng, chính sách, pháp luật của Nhà nước",
            "tiềm năng, thế mạnh và cơ hội hợp tác của địa phương",
            "chủ quyền biển, đảo và biên giới quốc gia",
            "kết quả thực hiện công tác đối ngoại của xã",
            "các ngày lễ lớn, sự kiện đối ngoại quan trọng của đất nước",
        ],
        tails: &[
            "trên Trang thông tin điện tử của xã",
            "qua hệ thống truyền thanh cơ sở",
            "đến cán bộ, công chức và Nhân dân trên địa bàn",
            "tại các buổi sinh hoạt của thôn, khu dân cư",
        ],
        leads: &[
            OFFICE,
            "Phòng Văn hóa - Xã hội",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        ],
    },
    Topic {
        title: "Quản lý hoạt động đối ngoại, đoàn ra, đoàn vào",
        verbs: &[
            "Thực hiện quản lý",
            "Rà soát, tổng hợp",
            "Hướng dẫn, theo dõi",
            "Phối hợp tiếp đón và làm việc với",
        ],
        objects: &[
            "các đoàn công tác nước ngoài đến làm việc tại địa phương",
            "hoạt động của các tổ chức phi chính phủ nước ngoài trên địa bàn",
            "việc cán bộ, công chức đi nước ngoài theo quy định",
            "người nước ngoài cư trú, hoạt động trên địa bàn",
        ],
        tails: &[
            "đúng quy định của pháp luật",
            "và báo cáo kịp thời Ủy ban nhân dân tỉnh",
            "bảo đảm an ninh, trật tự",
            "theo Quy chế quản lý thống nhất các hoạt động đối ngoại",
        ],
        leads: &[OFFICE, "Công an", "Ban Chỉ huy quân sự"],
    },
    Topic {
        title: "Hợp tác quốc tế, xúc tiến đầu tư, thương mại và du lịch",
        verbs: &[
            "Tham gia các hoạt động",
            "Xây dựng danh mục dự án kêu gọi",
            "Hỗ trợ doanh nghiệp, hợp tác xã tham gia",
            "Tổ chức giới thiệu sản phẩm OCOP trong",
        ],
        objects: &[
            "xúc tiến đầu tư, thương mại và du lịch",
            "hợp tác với các địa phương nước ngoài",
            "vận động nguồn viện trợ phi chính phủ nước ngoài",
            "hội chợ, triển lãm trong nước và quốc tế",
        ],
        tails: &[
            "do tỉnh tổ chức",
            "gắn với phát triển kinh tế - xã hội của xã",
            "theo hướng dẫn của Sở Ngoại vụ",
            "trong năm",
        ],
        leads: &["Phòng Kinh tế", OFFICE, "Trung tâm Phục vụ hành chính công"],
    },
    Topic {
        title: "Công tác người Việt Nam ở nước ngoài",
        verbs: &[
            "Nắm tình hình",
            "Vận động, phát huy vai trò của",
            "Thăm hỏi, tặng quà",
            "Cập nhật thông tin về",
        ],
        objects: &[
            "thân nhân người Việt Nam ở nước ngoài trên địa bàn",
            "người lao động đi làm việc ở nước ngoài theo hợp đồng",
            "kiều bào về thăm quê hương dịp Tết Nguyên đán",
            "các gia đình có người đang học tập, làm việc ở nước ngoài",
        ],
        tails: &[
            "và báo cáo theo quy định",
            "phối hợp với các thôn",
            "gắn với công tác dân vận",
            "kịp thời nắm bắt tâm tư, nguyện vọng",
        ],
        leads: &[
            "Phòng Văn hóa - Xã hội",
            "Ủy ban Mặt trận Tổ quốc Việt Nam",
            "Công an",
        ],
    },
    Topic {
        title: "Công tác lãnh sự, bảo hộ công dân",
        verbs: &[
            "Hướng dẫn, giải quyết",
            "Tiếp nhận, chuyển hồ sơ",
            "Phối hợp xử lý",
            "Tuyên truyền phòng, chống",
        ],
        objects: &[
            "thủ tục hợp pháp hóa, chứng nhận lãnh sự cho người dân",
            "các vụ việc liên quan đến công dân Việt Nam ở nước ngoài",
            "mua bán người, xuất cảnh trái phép",
            "kết hôn có yếu tố nước ngoài",
        ],
        tails: &[
            "đúng quy trình, thời hạn",
            "trên địa bàn xã",
            "theo hướng dẫn của cơ quan cấp trên",
            "và báo cáo kết quả",
        ],
        leads: &["Công an", "Trung tâm Phục vụ hành chính công", OFFICE],
    },
    Topic {
        title: "Ngoại giao văn hóa, hoạt động hữu nghị",
        verbs: &[
            "Tổ chức các hoạt động",
            "Tham gia giao lưu",
            "Phối hợp tổ chức",
            "Giới thiệu, quảng bá",
        ],
        objects: &[
            "giao lưu văn hóa, thể thao với bạn bè quốc tế",
            "di tích lịch sử, danh lam thắng cảnh và lễ hội truyền thống",
            "hữu nghị nhân dân với các tổ chức quốc tế",
            "văn hóa, ẩm thực đặc trưng của địa phương",
        ],
        tails: &[
            "nhân các ngày lễ, kỷ niệm",
            "với sự tham gia của thanh niên",
            "góp phần nâng cao hình ảnh địa phương",
            "theo kế hoạch của tỉnh",
        ],
        leads: &[
            "Phòng Văn hóa - Xã hội",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Hội Liên hiệp Phụ nữ",
        ],
    },
    Topic {
        title: "Báo cáo, sơ kết, tổng kết công tác đối ngoại",
        verbs: &[
            "Xây dựng báo cáo",
            "Tổng hợp, báo cáo",
            "Tổ chức sơ kết, đánh giá",
            "Cập nhật số liệu",
        ],
        objects: &[
            "kết quả thực hiện công tác đối ngoại",
            "tình hình thực hiện Kế hoạch công tác đối ngoại",
            "hoạt động đối ngoại nhân dân",
            "tình hình người nước ngoài và tổ chức nước ngoài trên địa bàn",
        ],
        tails: &[
            "gửi Sở Ngoại vụ",
            "gửi Ủy ban nhân dân tỉnh (qua Sở Ngoại vụ)",
            "đúng thời hạn quy định",
            "theo Nghị định số 09/2019/NĐ-CP",
        ],
        leads: &[OFFICE],
    },
];

/// A time frame and how often it is written, in percent (sums to 100). `{y}` is the plan
/// year, `{q}` a quarter, `{m}` a month, `{d}` a day.
const TIMEFRAMES: &[(&str, usize)] = &[
    ("Hằng tháng", 18),
    ("Hằng quý", 18),
    ("Định kỳ 6 tháng", 5),
    ("Cả năm {y}", 16),
    ("Năm {y}", 4),
    ("Thường xuyên", 15),
    ("Quý {q}/{y}", 6),
    ("Trước ngày {d}/{m}/{y}", 7),
    ("Tháng {m}/{y}", 5),
    ("6 tháng đầu năm {y}", 3),
    ("Theo kế hoạch của cấp trên", 3),
];

fn timeframe(rng: &mut Rng, year: i32) -> String {
    let mut roll = rng.below(100);
    let mut chosen = TIMEFRAMES[0].0;
    for (text, weight) in TIMEFRAMES {
        if roll < *weight {
            chosen = text;
            break;
        }
        roll -= weight;
    }
    let quarters = ["I", "II", "III", "IV"];
    chosen
        .replace("{y}", &year.to_string())
        .replace("{q}", rng.pick_str(&quarters))
        .replace("{m}", &(1 + rng.below(12)).to_string())
        .replace("{d}", &(1 + rng.below(28)).to_string())
}

const NAME_FIRST: &[&str] = &[
    "An", "Bình", "Tân", "Phú", "Hòa", "Long", "Thạnh", "Mỹ", "Vĩnh", "Đông", "Tây", "Nam", "Bắc",
    "Hưng", "Phước", "Thuận", "Quang", "Xuân", "Hải", "Sơn", "Trung", "Đức", "Thái", "Kim",
];
const NAME_SECOND: &[&str] = &[
    "Hòa", "Phú", "Lợi", "Thành", "Hưng", "Bình", "An", "Thịnh", "Lộc", "Tiến", "Mỹ", "Điền",
    "Hải", "Sơn", "Lâm", "Khánh", "Phong", "Nghĩa", "Xuyên", "Quý",
];

/// `n` distinct commune names ("Tân Hòa", "Bình Lợi", …; numbered past the combinations).
fn commune_names(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut pairs: Vec<String> = NAME_FIRST
        .iter()
        .flat_map(|a| {
            NAME_SECOND
                .iter()
                .filter(move |b| *b != a)
                .map(move |b| format!("{a} {b}"))
        })
        .collect();
    rng.shuffle(&mut pairs);
    let base = pairs.len();
    (0..n)
        .map(|i| {
            let name = &pairs[i % base];
            if i < base {
                name.clone()
            } else {
                format!("{name} {}", i / base + 1)
            }
        })
        .collect()
}

const NOTES_DONE: &[&str] = &[
    "Đã hoàn thành, có báo cáo kết quả gửi Văn phòng HĐND và UBND.",
    "Đã tổ chức thực hiện đúng kế hoạch.",
    "Hoàn thành; đã đăng tin trên Trang thông tin điện tử của xã.",
    "Đã thực hiện xong, hồ sơ lưu tại đơn vị.",
];
const NOTES_RUNNING: &[&str] = &[
    "Đang triển khai thực hiện.",
    "Đã xây dựng dự thảo, đang xin ý kiến các đơn vị phối hợp.",
    "Đang phối hợp với các thôn tổ chức thực hiện.",
    "Đã triển khai một phần, chờ hướng dẫn của cấp trên.",
];

/// A one-page PDF standing for a signed plan (the generator has no real signature).
pub(crate) const SIGNED_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// Fills an empty database with a generated province; see the module documentation.
///
/// Contract: refuses a database that already has accounts ([`BenchError::NotEmpty`]) and a
/// spec out of range ([`BenchError::Invalid`]); each commune's units, accounts, plan and
/// progress are written by the application's own units of work (a commune whole, a plan
/// whole, a commune's progress in one batch), so an interrupted run leaves whole communes
/// behind, never half a plan.
pub async fn generate(
    app: &App,
    spec: &BenchSpec,
    mut progress: impl FnMut(usize, usize),
) -> Result<BenchSummary, BenchError> {
    spec.check()?;
    if !app.is_empty().await? {
        return Err(BenchError::NotEmpty);
    }
    let plan_year = spec.plan_year()?;
    let mut rng = Rng(spec.seed);
    let today = spec.today.to_string();
    let password = domain::names::NewPassword::parse(&spec.password)
        .map_err(|e| BenchError::Invalid(e.message_vi().into()))?;
    let hash = app::auth::hash_password(password).await?;
    let province_name = "Tỉnh Sơn Nguyên (dữ liệu đo hiệu năng)";
    let province = app
        .create_province(Who::Operator, province_name, None)
        .await?;
    let account =
        |username: String, name: &str, role: Role, commune: Option<i64>, unit: Option<i64>| {
            NewAccount {
                username,
                display_name: name.to_string(),
                password: Password::Hashed(hash.clone()),
                role: Some(role),
                province_id: (role == Role::ProvinceOfficer).then_some(province.id),
                commune_id: commune,
                unit_id: unit,
            }
        };
    app.create_account(
        Who::Operator,
        &account(
            "so1".into(),
            "Cán bộ Sở Ngoại vụ",
            Role::ProvinceOfficer,
            None,
            None,
        ),
        None,
    )
    .await?;
    let mut accounts = vec![Account {
        username: "so1".into(),
        password: spec.password.clone(),
        role: Role::ProvinceOfficer,
        place: province_name.into(),
    }];
    let names = commune_names(&mut rng, spec.communes);
    let per_commune = spec.updates / spec.communes;
    let extra = spec.updates % spec.communes;
    let mut summary = BenchSummary {
        province: province_name.into(),
        communes: 0,
        units: 0,
        tasks: 0,
        occurrences: 0,
        updates: 0,
        entries: 0,
        accounts: Vec::new(),
    };
    for (i, name) in names.iter().enumerate() {
        let k = i + 1;
        let kind = match rng.below(100) {
            0..=79 => CommuneKind::Xa,
            80..=97 => CommuneKind::Phuong,
            _ => CommuneKind::DacKhu,
        };
        let commune = app
            .create_commune(Who::Operator, province.id, name, kind, None)
            .await?;
        let office_id = app
            .create_account(
                Who::Operator,
                &account(
                    format!("vanphong{k}"),
                    "Cán bộ Văn phòng HĐND và UBND",
                    Role::CommuneOffice,
                    Some(commune.id),
                    None,
                ),
                None,
            )
            .await?;
        let office = crate::user_of(app, office_id, &commune).await?;
        let units = app.units_of(&office, Some(commune.id)).await?;
        let leader_id = app
            .create_account(
                Who::Operator,
                &account(
                    format!("lanhdao{k}"),
                    "Phó Chủ tịch UBND",
                    Role::CommuneLeader,
                    Some(commune.id),
                    None,
                ),
                None,
            )
            .await?;
        let leader = crate::user_of(app, leader_id, &commune).await?;
        let staff_unit = units
            .iter()
            .find(|u| u.name == "Phòng Văn hóa - Xã hội")
            .map(|u| u.id);
        app.create_account(
            Who::Operator,
            &account(
                format!("donvi{k}"),
                "Cán bộ Phòng Văn hóa - Xã hội",
                Role::UnitStaff,
                Some(commune.id),
                staff_unit,
            ),
            None,
        )
        .await?;
        if k == 1 {
            let place = app::format::capitalise(&commune.full_name());
            for (u, role) in [
                ("vanphong1", Role::CommuneOffice),
                ("lanhdao1", Role::CommuneLeader),
                ("donvi1", Role::UnitStaff),
            ] {
                accounts.push(Account {
                    username: u.into(),
                    password: spec.password.clone(),
                    role,
                    place: place.clone(),
                });
            }
        }
        let draft = plan_for(&mut rng, spec.tasks_per_commune, plan_year, &units)?;
        let plan_id = app
            .create_drafted(&office, Some(commune.id), draft, None)
            .await?
            .0;
        match rng.below(100) {
            0..=84 => {
                let number = format!("{}/KH-UBND", 10 + rng.below(190));
                let issued = NaiveDate::from_ymd_opt(plan_year.get(), 1, 5 + rng.below(20) as u32)
                    .unwrap_or(spec.today);
                app.change_status(&office, plan_id, StatusChange::Submit, None)
                    .await?;
                let number = document::model::DocNumber::parse(&number)
                    .map_err(|_| BenchError::Invalid(format!("number {number}")))?;
                app.change_status(
                    &leader,
                    plan_id,
                    StatusChange::Issue {
                        number,
                        issued_on: issued,
                        signed: ("ke-hoach-da-ky.pdf".into(), SIGNED_PDF.to_vec()),
                    },
                    None,
                )
                .await?;
            }
            85..=94 => {
                app.change_status(&office, plan_id, StatusChange::Submit, None)
                    .await?;
            }
            _ => {}
        }
        let quota = per_commune + usize::from(i < extra);
        let plan = app.plan_occurrences(&office, plan_id).await?;
        summary.tasks += plan.len();
        summary.occurrences += plan.iter().map(|(_, o)| o.len()).sum::<usize>();
        let updates = progress_for(&mut rng, &plan, commune.id, &today, quota)?;
        summary.updates += updates.len();
        app.record_progress_batch(&office, updates).await?;
        for kind in domain::register::RegisterKind::ALL {
            if kind.def().border_only || spec.entries_per_register == 0 {
                continue;
            }
            let rows = register_rows(&mut rng, kind, plan_year.get(), spec.entries_per_register);
            summary.entries += app
                .record_entries_as_operator(kind, commune.id, rows)
                .await?;
        }
        summary.units += units.len();
        summary.communes += 1;
        progress(k, spec.communes);
    }
    accounts.rotate_left(1);
    summary.accounts = accounts;
    Ok(summary)
}

/// A commune's plan: the usual Decree 30 outline with part II made of topics, and
/// `task_count` tasks spread over them, led by the commune's units.
pub(crate) fn plan_for(
    rng: &mut Rng,
    task_count: usize,
    plan_year: PlanYear,
    units: &[Unit],
) -> Result<DraftPlan, BenchError> {
    let year = plan_year.get();
    let mut sections: Vec<NewSection> = app::import::skeleton(0, plan_year).sections;
    let part_two = sections.iter().position(|s| s.label == "II.").unwrap_or(0);
    // Every plan has the reporting item; the others in a commune-specific order, 4–6 of them.
    let mut topics: Vec<usize> = (0..TOPICS.len() - 1).collect();
    rng.shuffle(&mut topics);
    topics.truncate(4 + rng.below(3));
    topics.push(TOPICS.len() - 1);
    let items = topics.iter().enumerate().map(|(n, t)| NewSection {
        parent: Some(part_two),
        level: 2,
        label: format!("{}.", n + 1),
        title: TOPICS[*t].title.to_string(),
        body: String::new(),
    });
    sections.splice(part_two + 1..part_two + 1, items);
    // Parents after the insertion point moved down by the items inserted.
    let moved = topics.len();
    for s in sections.iter_mut().skip(part_two + 1 + moved) {
        if let Some(p) = s.parent.as_mut()
            && *p > part_two
        {
            *p += moved;
        }
    }
    let item_sections: Vec<usize> = (part_two + 1..part_two + 1 + topics.len()).collect();
    let unit_named = |n: &str| units.iter().find(|u| u.name == n);
    let mut letters = vec![0usize; topics.len()];
    let mut tasks = Vec::with_capacity(task_count);
    for _ in 0..task_count {
        let slot = rng.below(topics.len());
        let topic = &TOPICS[topics[slot]];
        letters[slot] += 1;
        let letter = letter(letters[slot]);
        let text = format!(
            "{} {} {}.",
            rng.pick(topic.verbs),
            rng.pick(topic.objects),
            rng.pick(topic.tails)
        );
        // The first listed lead most often; a few tasks name no unit of the list.
        let lead = if rng.chance(4) {
            None
        } else if rng.chance(60) {
            unit_named(topic.leads[0])
        } else {
            unit_named(rng.pick_str(topic.leads))
        };
        let lead_text = Some(lead.map_or_else(
            || "Các cơ quan, đơn vị liên quan".to_string(),
            |u| u.name.clone(),
        ));
        let mut partners: Vec<i64> = Vec::new();
        for _ in 0..rng.below(3) {
            if let Some(p) = units.get(rng.below(units.len()))
                && Some(p.id) != lead.map(|l| l.id)
                && !partners.contains(&p.id)
            {
                partners.push(p.id);
            }
        }
        let tf = timeframe(rng, year);
        tasks.push(DraftTask {
            section: Some(item_sections[slot]),
            reference: format!("II.{}.{letter}", slot + 1),
            text: TaskText::parse(&text).map_err(|e| BenchError::Invalid(e.to_string()))?,
            lead_unit_id: lead.map(|u| u.id),
            lead_text,
            partner_unit_ids: partners,
            timeframe: Some(
                Timeframe::parse(&tf, plan_year)
                    .map_err(|e| BenchError::Invalid(e.to_string()))?
                    .ok_or_else(|| BenchError::Invalid("empty time frame".into()))?,
            ),
        });
    }
    // Tasks in reading order (their position is their order in the list).
    tasks.sort_by_key(|t| t.section);
    Ok(DraftPlan {
        year: plan_year,
        title: PlanTitle::default_for(plan_year),
        sections,
        tasks,
    })
}

/// A partial percentage: 20, 30, … 80.
fn percent(rng: &mut Rng) -> u8 {
    20 + 10 * rng.below(7) as u8
}

/// "a", "b", …, "z", "aa", … (point labels of a plan item).
fn letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// An occurrence, its task, and the reports it gets: (status, percent) in order.
type ReportPath = (i64, i64, Vec<(OccurrenceStatus, u8)>);

/// `quota` progress updates on a plan's occurrences that have started by `today`: past ones
/// mostly done (some after an "in progress" report first), some left in progress or not
/// reported at all (so they show as overdue), running ones partly reported. When the plan
/// has too few occurrences for the quota, further intermediate reports are added.
pub(crate) fn progress_for(
    rng: &mut Rng,
    plan: &[(app::TaskRow, Vec<app::Occurrence>)],
    commune_id: i64,
    today: &str,
    quota: usize,
) -> Result<Vec<(i64, ProgressInput)>, BenchError> {
    use OccurrenceStatus::{Done, InProgress};
    let mut paths: Vec<ReportPath> = Vec::new();
    for (t, occurrences) in plan {
        for o in occurrences {
            if o.starts_on.as_str() > today {
                continue;
            }
            let path = if o.due_on.as_str() < today {
                match rng.below(100) {
                    0..=39 => vec![(Done, 100)],
                    40..=74 => vec![(InProgress, percent(rng)), (Done, 100)],
                    75..=89 => vec![(InProgress, percent(rng))],
                    _ => Vec::new(),
                }
            } else if rng.chance(60) {
                vec![(InProgress, percent(rng))]
            } else {
                Vec::new()
            };
            paths.push((o.id, t.id, path));
        }
    }
    rng.shuffle(&mut paths);
    let mut total: usize = paths.iter().map(|p| p.2.len()).sum();
    // Too many: the last occurrences' later reports go, then whole paths (not reported).
    while total > quota {
        let excess = total - quota;
        match paths.iter_mut().rev().find(|p| !p.2.is_empty()) {
            Some(p) => {
                let cut = excess.min(p.2.len());
                p.2.truncate(p.2.len() - cut);
                total -= cut;
            }
            None => break,
        }
    }
    // Too few: earlier partial reports, round the occurrences.
    let mut i = 0;
    let n = paths.len();
    while total < quota && n > 0 {
        let p = &mut paths[i % n];
        let first = p.2.first().map_or(50, |s| s.1).min(90);
        p.2.insert(0, (InProgress, first.saturating_sub(10).max(10)));
        total += 1;
        i += 1;
    }
    // Reports in rounds (each occurrence's first report, then the second…), as they come in
    // over the year.
    let mut updates = Vec::with_capacity(quota);
    let longest = paths.iter().map(|p| p.2.len()).max().unwrap_or(0);
    for round in 0..longest {
        for (occurrence_id, task_id, path) in &paths {
            if let Some((status, pct)) = path.get(round) {
                let notes = if *status == Done {
                    NOTES_DONE
                } else {
                    NOTES_RUNNING
                };
                let url = rng.chance(10).then(|| {
                    format!(
                        "https://xa{commune_id}.example.gov.vn/tin-tuc/{}",
                        rng.below(10_000)
                    )
                });
                updates.push((
                    *task_id,
                    ProgressInput {
                        occurrence_id: *occurrence_id,
                        status: *status,
                        percent: Some(
                            Percent::new(i64::from(*pct))
                                .map_err(|e| BenchError::Invalid(e.to_string()))?,
                        ),
                        note: ProgressNote::parse(rng.pick_str(notes))
                            .map_err(|e| BenchError::Invalid(e.to_string()))?,
                        evidence_url: match url {
                            Some(u) => EvidenceUrl::parse_optional(&u)
                                .map_err(|e| BenchError::Invalid(e.to_string()))?,
                            None => None,
                        },
                        evidence_file: None,
                    },
                ));
            }
        }
    }
    Ok(updates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_depend_only_on_the_seed() {
        let a = commune_names(&mut Rng(7), 500);
        let b = commune_names(&mut Rng(7), 500);
        assert_eq!(a, b);
        let mut folded: Vec<String> = a.iter().map(|n| vntext::fold(n)).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), 500);
        assert_ne!(commune_names(&mut Rng(8), 5), a[..5]);
    }

    #[test]
    fn point_letters_run_past_z() {
        assert_eq!(letter(1), "a");
        assert_eq!(letter(26), "z");
        assert_eq!(letter(27), "aa");
    }

    #[test]
    fn every_timeframe_is_understood_by_the_scheduler() {
        let year = PlanYear::parse(2026).unwrap();
        let mut rng = Rng(1);
        for _ in 0..500 {
            let tf = timeframe(&mut rng, 2026);
            let (_, certain, occurrences) = app::import::schedule_task(Some(&tf), year);
            assert!(certain, "{tf}");
            if !tf.starts_with("Theo kế hoạch") {
                assert!(!occurrences.is_empty(), "{tf}");
            }
        }
    }
}

/// Partners most communes deal with, for the generated registers.
const PARTNER_COUNTRIES: &[&str] = &[
    "LA", "KH", "CN", "KR", "JP", "TH", "US", "FR", "DE", "AU", "SG", "RU",
];
/// Given names and family names of the generated people: a pool small enough that the same
/// person comes back on several delegations (số người < số lượt người).
const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const GIVEN: &[&str] = &[
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thu Hà",
    "Đức Hải",
    "Ngọc Lan",
    "Thanh Sơn",
];

/// `n` entries of a register, generated from its definition alone: every field filled
/// with a value of its type (dates in `year`, an activity's end after its start, a list
/// of people no longer than its count, disbursements after the approval), in the states
/// the register counts mostly. Valid by the register's rules.
pub(crate) fn register_rows(
    rng: &mut Rng,
    kind: domain::register::RegisterKind,
    year: i32,
    n: usize,
) -> Vec<(
    std::collections::BTreeMap<String, String>,
    domain::register::EntryState,
)> {
    use domain::register::FieldType as T;
    let r = kind.def();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
            + chrono::Duration::days(rng.below(360) as i64);
        let end = start + chrono::Duration::days(rng.below(6) as i64);
        let dmy = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        let mut v = std::collections::BTreeMap::new();
        let people = 1 + rng.below(5);
        for f in r.fields {
            if !f.required && rng.chance(30) && Some(f.key) != r.roles.pledged {
                continue;
            }
            let value = match f.ty {
                _ if Some(f.key) == r.roles.window => dmy(start),
                _ if Some(f.key) == r.roles.end => dmy(end),
                _ if Some(f.key) == r.roles.members => (people + rng.below(3)).to_string(),
                T::Text => format!(
                    "{} {}",
                    f.label.split('(').next().unwrap_or("").trim(),
                    i + 1
                ),
                T::LongText => format!("Nội dung ghi nhận số {}.", i + 1),
                T::Link => format!("https://xa.example.gov.vn/tin-{}", i + 1),
                T::Date => dmy(start - chrono::Duration::days(rng.below(20) as i64)),
                T::Count => rng.below(40).to_string(),
                T::Money => ((1 + rng.below(500)) as i64 * 1_000_000).to_string(),
                T::Year => (1960 + rng.below(45)).to_string(),
                T::Choice(list) => rng.pick(list).code.to_string(),
                T::Country => rng.pick_str(PARTNER_COUNTRIES).to_string(),
                T::Countries => {
                    let a = rng.pick_str(PARTNER_COUNTRIES);
                    let b = rng.pick_str(PARTNER_COUNTRIES);
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}, {b}")
                    }
                }
                T::Flag => if rng.chance(10) { "có" } else { "không" }.to_string(),
                T::People(cols) => (0..people)
                    .map(|_| {
                        let mut p =
                            vec![format!("{} {}", rng.pick_str(FAMILY), rng.pick_str(GIVEN))];
                        p.extend(cols[1..].iter().map(|c| format!("{c} {}", rng.below(9))));
                        p.join("; ")
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                T::Disbursements => {
                    let approved = start;
                    (1..=1 + rng.below(3))
                        .map(|k| {
                            format!(
                                "{}; {}",
                                dmy(approved + chrono::Duration::days(30 * k as i64)),
                                (1 + rng.below(50)) * 1_000_000
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            };
            v.insert(f.key.to_string(), value);
        }
        let state = if rng.chance(85) {
            *rng.pick(r.counted)
        } else {
            r.initial()
        };
        out.push((v, state));
    }
    out
}

#[cfg(test)]
mod register_tests {
    use super::*;

    #[test]
    fn generated_register_rows_keep_every_registers_rules() {
        let mut rng = Rng(7);
        for kind in domain::register::RegisterKind::ALL {
            let r = kind.def();
            for (values, state) in register_rows(&mut rng, kind, 2026, 200) {
                let e = domain::register::Entry::parse(r, &values, r.initial())
                    .unwrap_or_else(|e| panic!("{}: {e:?}", r.slug));
                assert!(r.states.contains(&state), "{}", r.slug);
                if let (Some(m), Some(p)) = (e.members(), e.people()) {
                    assert!(m >= p.len() as i64, "{}", r.slug);
                }
            }
        }
    }
}
