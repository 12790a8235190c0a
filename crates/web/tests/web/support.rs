//! `spawn_app()`: a fresh database with two provinces, three communes, one account per role
//! and a sample plan imported for the home commune, all made through the application layer;
//! the server on a random port.

use std::net::SocketAddr;

use app::org::{NewAccount, Password, Who};
use app::plans::{ImportChoices, ImportSource};
use app::tasks::TaskChange;
use app::{App, User};
use domain::access::Role;
use domain::org::CommuneKind;

pub const PASSWORD: &str = "mật khẩu thử nghiệm";

/// The running app and the ids tests need.
pub struct TestApp {
    pub base: String,
    pub app: App,
    /// An administrator, to look at what the pages changed.
    pub admin: User,
    pub province: i64,
    pub other_province: i64,
    /// The commune the commune accounts belong to, its plan and one of its tasks (led by
    /// `unit`).
    pub home: i64,
    pub home_plan: i64,
    pub home_task: i64,
    pub unit: i64,
    /// A commune of the same province, with its own plan and task.
    pub neighbour: i64,
    pub neighbour_plan: i64,
    pub neighbour_task: i64,
}

/// The home commune, as imports are checked against it.
pub fn home_commune() -> app::import::ForCommune {
    app::import::ForCommune {
        name: "Hà Bắc".into(),
        kind: CommuneKind::Xa,
    }
}

/// The app on SQLite, and on PostgreSQL too when a server is configured: tests that loop
/// over this run the same checks on both backends.
pub async fn apps() -> Vec<TestApp> {
    let mut v = Vec::new();
    for url in testkit::database_urls("web").await {
        v.push(spawn_app_at(&url).await);
    }
    v
}

/// The app on a fresh SQLite file.
pub async fn spawn_app() -> TestApp {
    spawn_app_at(&testkit::sqlite_url("web")).await
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

/// Opens a fresh database at `url` as the application, with the test clock.
pub async fn open(url: &str) -> App {
    let mut config = app::Config::default();
    config.database.url = url.to_string();
    App::open(config, Some(today()))
        .await
        .expect("open the test database")
}

/// Imports the first sample plan for `commune` as `office`, and gives one of its tasks
/// with occurrences to the commune's culture unit, as the officer would on the review
/// page: (plan, task, unit).
async fn import_plan(app: &App, office: &User, commune: i64) -> (i64, i64, i64) {
    let path = samples::seed_paths().into_iter().next().expect("seeds");
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let bytes = std::fs::read(&path).expect("sample plan");
    let plan = app
        .import_direct(
            office,
            Some(commune),
            ImportSource::File(name, bytes),
            &ImportChoices {
                year: domain::PlanYear::parse(2026).ok(),
                review: Default::default(),
                confirm_same_year: true,
            },
            None,
        )
        .await
        .expect("import")
        .0;
    let tasks = app.plan_occurrences(office, plan).await.unwrap();
    let (t, _) = tasks
        .iter()
        .find(|(_, o)| !o.is_empty())
        .expect("a task with occurrences");
    let units = app.units_of(office, Some(commune)).await.unwrap();
    let unit = units
        .iter()
        .find(|u| u.name.starts_with("Phòng Văn hóa"))
        .unwrap_or(&units[0])
        .id;
    app.edit_task(
        office,
        t.id,
        TaskChange {
            lead: Some(Some(unit)),
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap();
    (plan, t.id, unit)
}

/// The app on a fresh database at `url`.
pub async fn spawn_app_at(url: &str) -> TestApp {
    let app = open(url).await;
    let op = Who::Operator;
    let p1 = app.create_province(op, "Tỉnh Một", None).await.unwrap();
    let p2 = app.create_province(op, "Tỉnh Hai", None).await.unwrap();
    let home = app
        .create_commune(op, p1.id, "Hà Bắc", CommuneKind::Xa, None)
        .await
        .unwrap();
    let neighbour = app
        .create_commune(op, p1.id, "Bình Minh", CommuneKind::Phuong, None)
        .await
        .unwrap();
    let far = app
        .create_commune(op, p2.id, "Xa Xôi", CommuneKind::Xa, None)
        .await
        .unwrap();
    let hash = app::auth::hash_password(domain::names::NewPassword::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    let make = async |username: &str,
                      role: Role,
                      province: Option<i64>,
                      commune: Option<i64>,
                      unit: Option<i64>| {
        let id = app
            .create_account(
                op,
                &NewAccount {
                    username: username.into(),
                    display_name: format!("Người dùng {username}"),
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
    let office = make("office", Role::CommuneOffice, None, Some(home.id), None).await;
    let neighbour_office = make(
        "nboffice",
        Role::CommuneOffice,
        None,
        Some(neighbour.id),
        None,
    )
    .await;
    let (home_plan, home_task, unit) = import_plan(&app, &office, home.id).await;
    let (neighbour_plan, neighbour_task, _) =
        import_plan(&app, &neighbour_office, neighbour.id).await;
    make("province", Role::ProvinceOfficer, Some(p1.id), None, None).await;
    make("leader", Role::CommuneLeader, None, Some(home.id), None).await;
    make("staff", Role::UnitStaff, None, None, Some(unit)).await;
    make("viewer", Role::Viewer, None, Some(home.id), None).await;
    make("farofficer", Role::ProvinceOfficer, Some(p2.id), None, None).await;
    make("faroffice", Role::CommuneOffice, None, Some(far.id), None).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(web::serve(listener, web::AppState::new(app.clone())));
    TestApp {
        base: format!("http://{addr}"),
        app,
        admin,
        province: p1.id,
        other_province: p2.id,
        home: home.id,
        home_plan,
        home_task,
        unit,
        neighbour: neighbour.id,
        neighbour_plan,
        neighbour_task,
    }
}

/// What the tests look at, read as the administrator through the application.
impl TestApp {
    pub async fn plans_of(&self, commune: i64) -> Vec<app::Plan> {
        let q = app::plans::PlanQuery {
            commune: Some(commune),
            ..Default::default()
        };
        self.app
            .plans_list(&self.admin, &q, None)
            .await
            .unwrap()
            .plans
            .rows
    }
    pub async fn units_of(&self, commune: i64) -> Vec<app::Unit> {
        self.app.units_of(&self.admin, Some(commune)).await.unwrap()
    }
    pub async fn plan(&self, id: i64) -> app::Plan {
        self.app
            .plan_with_sections(&self.admin, id)
            .await
            .unwrap()
            .0
    }
    pub async fn sections_of(&self, plan: i64) -> Vec<app::Section> {
        self.app
            .plan_with_sections(&self.admin, plan)
            .await
            .unwrap()
            .1
    }
    pub async fn task(&self, id: i64) -> app::Task {
        self.app.task_detail(&self.admin, id).await.unwrap().0
    }
    pub async fn occurrences_of(&self, task: i64) -> Vec<app::Occurrence> {
        self.app.task_detail(&self.admin, task).await.unwrap().2
    }
    pub async fn progress_of_task(&self, task: i64) -> Vec<app::ProgressUpdate> {
        self.app
            .task_detail(&self.admin, task)
            .await
            .unwrap()
            .3
            .rows
    }
    pub async fn tasks_of_plan(&self, plan: i64) -> Vec<app::TaskRow> {
        self.app
            .plan_occurrences(&self.admin, plan)
            .await
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }
    pub async fn findings_of(&self, plan: i64) -> Vec<app::PlanFinding> {
        self.app
            .plan_view(&self.admin, plan)
            .await
            .unwrap()
            .findings
    }
    pub async fn province_plans(&self) -> Vec<app::ProvincePlan> {
        let officer = self.user("province").await;
        self.app.province_plans(&officer).await.unwrap()
    }
    pub async fn account_count(&self) -> usize {
        self.app
            .users_view(
                &self.admin,
                &Default::default(),
                app::UserSort::Username,
                None,
            )
            .await
            .unwrap()
            .users
            .rows
            .len()
    }
    /// The account with this sign-in name.
    pub async fn user(&self, username: &str) -> User {
        let filter = app::UserFilter {
            query: username.into(),
            ..Default::default()
        };
        let rows = self
            .app
            .users_view(&self.admin, &filter, app::UserSort::Username, None)
            .await
            .unwrap()
            .users
            .rows;
        let row = rows
            .iter()
            .find(|u| u.username == username)
            .expect("account");
        self.app
            .account_for_operator(Who::Operator, row.id)
            .await
            .unwrap()
    }
}

/// A browser-like client: cookies kept, redirects not followed (tests look at them).
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
}

impl TestApp {
    pub fn anonymous(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: self.base.clone(),
            csrf: String::new(),
        }
    }

    /// Signs in and reads the CSRF token from a page.
    pub async fn sign_in(&self, username: &str) -> Client {
        let mut c = self.anonymous();
        let r = c
            .http
            .post(format!("{}/login", self.base))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "sign-in of {username}");
        let page = c.get_text("/account/password").await;
        c.csrf = page
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("csrf token in the page")
            .to_string();
        c
    }
}

impl Client {
    /// A new API token of this user, made on the account page.
    pub async fn api_token(&self) -> String {
        let page = self
            .post_form("/account/tokens", &[])
            .await
            .text()
            .await
            .unwrap();
        page.split("<code>")
            .nth(1)
            .and_then(|s| s.split("</code>").next())
            .expect("token on the page")
            .to_string()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }
    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.http
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .unwrap()
    }
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new().text("csrf", self.csrf.clone());
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        if let Some((field, name, bytes)) = file {
            form = form.part(
                field.to_string(),
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        }
        self.http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

/// The `Location` of a redirect, if any.
pub fn location(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
}
