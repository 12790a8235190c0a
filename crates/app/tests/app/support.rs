//! A fresh application with one province, two communes, an account per role, and the
//! first sample plan imported for the home commune.

use app::org::{NewAccount, Password, Who};
use app::plans::{ImportChoices, ImportSource};
use app::{App, User};
use domain::PlanYear;
use domain::access::Role;
use domain::org::CommuneKind;

pub const PASSWORD: &str = "mật khẩu thử nghiệm";

pub struct World {
    pub app: App,
    pub url: String,
    pub admin: User,
    pub officer: User,
    pub office: User,
    pub leader: User,
    pub staff: User,
    pub viewer: User,
    /// The office of the neighbouring commune.
    pub other_office: User,
    pub province: i64,
    pub home: i64,
    pub neighbour: i64,
    pub unit: i64,
    pub plan: i64,
}

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

pub async fn open(url: &str) -> App {
    let mut config = app::Config::default();
    config.database.url = url.to_string();
    App::open(config, Some(today())).await.expect("open")
}

/// The worlds to test on: SQLite, and PostgreSQL when configured.
pub async fn worlds() -> Vec<World> {
    let mut v = Vec::new();
    for url in testkit::database_urls("app").await {
        v.push(world(&url).await);
    }
    v
}

pub fn sample(n: usize) -> (String, Vec<u8>) {
    let path = samples::seed_paths()
        .into_iter()
        .nth(n)
        .expect("sample plans");
    (
        path.file_name().unwrap().to_str().unwrap().to_string(),
        std::fs::read(&path).unwrap(),
    )
}

pub fn year(y: i32) -> PlanYear {
    PlanYear::parse(y).unwrap()
}

/// Imports sample `n` for `commune` as `office` (confirming a second plan of the year).
pub async fn import(app: &App, office: &User, commune: i64, n: usize) -> i64 {
    let (name, bytes) = sample(n);
    app.import_direct(
        office,
        Some(commune),
        ImportSource::File(name, bytes),
        &ImportChoices {
            year: Some(year(2026)),
            review: Default::default(),
            confirm_same_year: true,
        },
        None,
    )
    .await
    .expect("import")
    .0
}

/// A blank plan of year `y` made by the home commune's office, and the id of its part II
/// ("Nội dung", where tasks go).
pub async fn blank_plan(w: &World, y: i32) -> (i64, i64) {
    let plan = w
        .app
        .create_blank(&w.office, None, year(y), false, None)
        .await
        .expect("blank plan")
        .0;
    let v = w.app.plan_view(&w.office, plan).await.unwrap();
    let part_two = v.sections.iter().find(|s| s.label == "II.").unwrap().id;
    (plan, part_two)
}

/// Sample `n` uploaded by the home commune's office for review.
pub async fn stage(w: &World, n: usize) -> app::plans::ReviewView {
    let (name, bytes) = sample(n);
    w.app
        .stage_document(&w.office, None, &name, bytes)
        .await
        .expect("staged")
}

/// A task added by the office to `plan` (in `section`, led by `lead`); its id.
pub async fn add_task(
    w: &World,
    plan: i64,
    section: Option<i64>,
    text: &str,
    lead: Option<i64>,
    timeframe: &str,
) -> i64 {
    w.app
        .add_task(
            &w.office,
            plan,
            app::tasks::NewTaskInput {
                section,
                text: domain::text::TaskText::parse(text).unwrap(),
                lead,
                timeframe: timeframe.into(),
            },
            None,
        )
        .await
        .expect("task added")
        .0
}

pub async fn world(url: &str) -> World {
    let app = open(url).await;
    let op = Who::Operator;
    let p = app
        .create_province(op, "Tỉnh Thử Nghiệm", None)
        .await
        .unwrap();
    let home = app
        .create_commune(op, p.id, "Hà Bắc", CommuneKind::Xa, None)
        .await
        .unwrap();
    let neighbour = app
        .create_commune(op, p.id, "Bình Minh", CommuneKind::Phuong, None)
        .await
        .unwrap();
    let hash = app::auth::hash_password(domain::names::NewPassword::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    let make = async |name: &str,
                      role: Role,
                      province: Option<i64>,
                      commune: Option<i64>,
                      unit: Option<i64>| {
        let id = app
            .create_account(
                op,
                &NewAccount {
                    username: name.into(),
                    display_name: format!("Người dùng {name}"),
                    password: Password::Hashed(hash.clone()),
                    role: Some(role),
                    province_id: province,
                    commune_id: commune,
                    unit_id: unit,
                },
                None,
            )
            .await
            .unwrap();
        app.account_for_operator(op, id).await.unwrap()
    };
    let admin = make("admin", Role::Admin, None, None, None).await;
    let units = app.units_of(&admin, Some(home.id)).await.unwrap();
    let unit = units
        .iter()
        .find(|u| u.name.starts_with("Phòng Văn hóa"))
        .unwrap()
        .id;
    let officer = make("province", Role::ProvinceOfficer, Some(p.id), None, None).await;
    let office = make("office", Role::CommuneOffice, None, Some(home.id), None).await;
    let leader = make("leader", Role::CommuneLeader, None, Some(home.id), None).await;
    let staff = make("staff", Role::UnitStaff, None, None, Some(unit)).await;
    let viewer = make("viewer", Role::Viewer, None, Some(home.id), None).await;
    let other_office = make(
        "nboffice",
        Role::CommuneOffice,
        None,
        Some(neighbour.id),
        None,
    )
    .await;
    let plan = import(&app, &office, home.id, 0).await;
    World {
        url: url.to_string(),
        app,
        admin,
        officer,
        office,
        leader,
        staff,
        viewer,
        other_office,
        province: p.id,
        home: home.id,
        neighbour: neighbour.id,
        unit,
        plan,
    }
}

/// One number read straight from the database (for checks the application has no reason
/// to offer, such as "no audit row without its event").
pub async fn count(url: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url).await.expect("connect");
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&mut c)
        .await
        .expect(sql);
    n
}

/// A one-page PDF standing for a signed plan.
pub const SIGNED_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

pub fn issue(number: &str) -> app::plans::StatusChange {
    app::plans::StatusChange::Issue {
        number: document::model::DocNumber::parse(number).unwrap(),
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
        signed: ("da-ky.pdf".into(), SIGNED_PDF.to_vec()),
    }
}

/// Submits the home commune's plan, issues it as "15/KH-UBND" and amends it; the id of the
/// new version.
pub async fn issue_and_amend(w: &World) -> i64 {
    use app::plans::StatusChange;
    let app = &w.app;
    app.change_status(&w.office, w.plan, StatusChange::Submit, None)
        .await
        .unwrap();
    app.change_status(&w.leader, w.plan, issue("15/KH-UBND"), None)
        .await
        .unwrap();
    app.change_status(&w.leader, w.plan, StatusChange::Amend, None)
        .await
        .unwrap()
        .0
}

/// A typed progress update.
pub fn progress(
    occurrence: i64,
    status: domain::OccurrenceStatus,
    percent: Option<i64>,
) -> app::tasks::ProgressInput {
    app::tasks::ProgressInput {
        occurrence_id: occurrence,
        status,
        percent: percent.map(|p| domain::Percent::new(p).unwrap()),
        note: domain::text::ProgressNote::parse("Đã thực hiện").unwrap(),
        evidence_url: None,
        evidence_file: None,
    }
}

/// Runs one statement straight on the database (to age a token, expire a stage).
pub async fn exec(url: &str, sql: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url).await.expect("connect");
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut c)
        .await
        .expect(sql);
}
