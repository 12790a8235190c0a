//! `spawn_app()`: a fresh database with two provinces, three communes, one account per role
//! and a sample plan imported for the home commune; the server on a random port.

use std::net::SocketAddr;

use domain::PlanYear;
use domain::access::Role;
use rand::Rng;
use store::{NewUser, Store};
use web::import::{Review, import_document, plan_from_import};

pub const PASSWORD: &str = "mật khẩu thử nghiệm";

/// The running app and the ids tests need.
pub struct TestApp {
    pub base: String,
    pub store: Store,
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

fn random_name() -> String {
    let n: u64 = rand::rng().random();
    format!("doingoai_web_{n:016x}")
}

async fn sqlite() -> Store {
    let path = std::env::temp_dir().join(format!("{}.db", random_name()));
    Store::connect(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .expect("SQLite")
}

/// A fresh database on the server named by `DOINGOAI_TEST_POSTGRES`, if set (required under
/// CI, where `.ci/run` starts one).
async fn postgres() -> Option<Store> {
    use sqlx::Connection;
    let Ok(server) = std::env::var("DOINGOAI_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set DOINGOAI_TEST_POSTGRES so the web suite also runs on PostgreSQL"
        );
        return None;
    };
    let server = server.trim_end_matches('/').to_string();
    let name = random_name();
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("reach PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    Some(
        Store::connect(&format!("{server}/{name}"))
            .await
            .expect("open test database"),
    )
}

/// The app on SQLite, and on PostgreSQL too when a server is configured: tests that loop
/// over this run the same checks on both backends.
pub async fn apps() -> Vec<TestApp> {
    let mut v = vec![spawn_app_on(sqlite().await).await];
    if let Some(pg) = postgres().await {
        v.push(spawn_app_on(pg).await);
    }
    v
}

async fn import_plan(store: &Store, by: i64, commune: i64, seed: &str) -> (i64, i64, Option<i64>) {
    let bytes = std::fs::read(samples::seed(seed)).expect("sample plan");
    let units = store.units_of(commune).await.unwrap();
    let outcome = import_document(&bytes, Some(seed), &units).expect("import");
    let new = plan_from_import(
        &outcome,
        &Review::default(),
        commune,
        PlanYear::parse(2026).unwrap(),
    );
    let plan = store.create_plan(None, &new).await.unwrap();
    let tasks = store.tasks_of_plan(plan, "2026-01-01").await.unwrap();
    let t = tasks
        .iter()
        .find(|t| t.occurrences > 0)
        .expect("a task with occurrences");
    // Assign it to a unit, as the officer would on the review page.
    let unit = units
        .iter()
        .find(|u| u.name.starts_with("Phòng Văn hóa"))
        .unwrap_or(&units[0])
        .id;
    let task = store.task(t.id).await.unwrap();
    let edit = store::TaskEdit {
        text: task.text.clone(),
        lead_unit_id: Some(unit),
        partners: store.task_partners(t.id).await.unwrap(),
        timeframe: task.timeframe.clone(),
        recurrence: task.recurrence.clone(),
        schedule_certain: task.schedule_certain != 0,
    };
    store.update_task(by, t.id, &edit, None).await.unwrap();
    (plan, t.id, Some(unit))
}

/// The app on a fresh SQLite file.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(sqlite().await).await
}

/// The app on the given (fresh) store.
pub async fn spawn_app_on(store: Store) -> TestApp {
    let p1 = store.create_province("Tỉnh Một").await.unwrap();
    let p2 = store.create_province("Tỉnh Hai").await.unwrap();
    let home = web::org::create_commune_with_units(&store, None, p1.id, "Hà Bắc", "xa")
        .await
        .unwrap();
    let neighbour = web::org::create_commune_with_units(&store, None, p1.id, "Bình Minh", "phuong")
        .await
        .unwrap();
    let far = web::org::create_commune_with_units(&store, None, p2.id, "Xa Xôi", "xa")
        .await
        .unwrap();
    let seed = samples::seed_paths().into_iter().next().expect("seeds");
    let seed = seed.file_name().unwrap().to_str().unwrap().to_string();
    let hash = web::hash_password(PASSWORD.to_string()).await.unwrap();
    let setup = store
        .create_user(
            None,
            &NewUser {
                username: "setup".into(),
                display_name: "Cài đặt".into(),
                password_hash: hash.clone(),
                role: Role::Admin,
                province_id: None,
                commune_id: None,
                unit_id: None,
            },
        )
        .await
        .unwrap();
    let (home_plan, home_task, unit) = import_plan(&store, setup.id, home.id, &seed).await;
    let (neighbour_plan, neighbour_task, _) =
        import_plan(&store, setup.id, neighbour.id, &seed).await;
    let mk = |username: &str,
              role: Role,
              province: Option<i64>,
              commune: Option<i64>,
              unit: Option<i64>| NewUser {
        username: username.into(),
        display_name: format!("Người dùng {username}"),
        password_hash: hash.clone(),
        role,
        province_id: province,
        commune_id: commune,
        unit_id: unit,
    };
    for u in [
        mk("admin", Role::Admin, None, None, None),
        mk("province", Role::ProvinceOfficer, Some(p1.id), None, None),
        mk("leader", Role::CommuneLeader, None, Some(home.id), None),
        mk("office", Role::CommuneOffice, None, Some(home.id), None),
        mk("staff", Role::UnitStaff, None, Some(home.id), unit),
        mk("viewer", Role::Viewer, None, Some(home.id), None),
        mk("farofficer", Role::ProvinceOfficer, Some(p2.id), None, None),
        mk("faroffice", Role::CommuneOffice, None, Some(far.id), None),
    ] {
        store.create_user(None, &u).await.unwrap();
    }
    let state = web::AppState::new(
        store.clone(),
        web::Config {
            today: Some(chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()),
            ..Default::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(web::serve(listener, state));
    TestApp {
        base: format!("http://{addr}"),
        store,
        province: p1.id,
        other_province: p2.id,
        home: home.id,
        home_plan,
        home_task,
        unit: unit.unwrap(),
        neighbour: neighbour.id,
        neighbour_plan,
        neighbour_task,
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
