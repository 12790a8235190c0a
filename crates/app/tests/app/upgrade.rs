//! Databases made by earlier releases open with today's binary, migrate, and show the same
//! plans, tasks and progress (crates/store/migrations/README.md, "Upgrade fixtures"). Each
//! fixture is the demo of a release after a year of ordinary actions through that release's
//! own API (`scripts/make-upgrade-fixture.py`).

use std::io::Read;
use std::path::PathBuf;

use app::App;
use app::org::Who;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("upgrade fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

fn gunzip(path: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// What the release's database held, per plan (`expected.json`), against what the
/// application shows now.
async fn same_facts(app: &App, expected: &serde_json::Value, release: &str) {
    // The demo's first account is its administrator.
    let admin = app.account_for_operator(Who::Operator, 1).await.unwrap();
    assert_eq!(admin.role, domain::access::Role::Admin);
    for p in expected["plans"].as_array().unwrap() {
        let id = p["id"].as_i64().unwrap();
        let v = app
            .plan_view(&admin, id)
            .await
            .unwrap_or_else(|e| panic!("{release}: plan {id}: {e:?}"));
        let facts = (
            v.plan.title.as_str(),
            v.plan.year,
            v.plan.status.code(),
            v.plan.version,
            v.commune.name.as_str(),
        );
        assert_eq!(
            facts,
            (
                p["title"].as_str().unwrap(),
                p["year"].as_i64().unwrap(),
                p["status"].as_str().unwrap(),
                p["version"].as_i64().unwrap(),
                p["commune"].as_str().unwrap(),
            ),
            "{release}: plan {id}"
        );
        let tasks = app.plan_occurrences(&admin, id).await.unwrap();
        let occurrences: usize = tasks.iter().map(|(_, o)| o.len()).sum();
        let done = tasks
            .iter()
            .flat_map(|(_, o)| o)
            .filter(|o| o.status == domain::OccurrenceStatus::Done)
            .count();
        let percent: i64 = tasks.iter().flat_map(|(_, o)| o).map(|o| o.percent).sum();
        let mut updates = 0;
        for (t, _) in &tasks {
            updates += app.task_detail(&admin, t.id).await.unwrap().3.total;
        }
        assert_eq!(
            (
                tasks.len() as i64,
                occurrences as i64,
                done as i64,
                percent,
                updates
            ),
            (
                p["tasks"].as_i64().unwrap(),
                p["occurrences"].as_i64().unwrap(),
                p["done"].as_i64().unwrap(),
                p["percent_sum"].as_i64().unwrap(),
                p["updates"].as_i64().unwrap(),
            ),
            "{release}: plan {id}"
        );
        // Old history rows read in Vietnamese, never as raw codes.
        for h in &v.history.rows {
            assert!(
                !h.after.contains("\"") && !h.after.contains("_id"),
                "{release}: {h:?}"
            );
        }
    }
    // Releases with the registers: every commune's entries, register by register.
    for r in expected["registers"].as_array().into_iter().flatten() {
        let commune = r["commune_id"].as_i64().unwrap();
        let slug = r["register"].as_str().unwrap();
        let kind = domain::register::RegisterKind::parse(slug).unwrap();
        let list = app
            .register_list(
                &admin,
                kind,
                &app::registers::EntryQuery {
                    commune: Some(commune),
                    ..Default::default()
                },
                Some(app::PageRequest::first()),
            )
            .await
            .unwrap_or_else(|e| panic!("{release}: {slug} of commune {commune}: {e:?}"));
        assert_eq!(
            (list.commune.name.as_str(), list.entries.total),
            (
                r["commune"].as_str().unwrap(),
                r["entries"].as_i64().unwrap()
            ),
            "{release}: {slug} of commune {commune}"
        );
    }
}

fn today() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
}

#[tokio::test]
async fn sqlite_databases_of_earlier_releases_open_and_show_the_same_plans() {
    for dir in fixtures() {
        let release = dir.file_name().unwrap().to_str().unwrap().to_string();
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let path = std::env::temp_dir().join(format!(
            "doingoai_upgrade_{release}_{}.sqlite",
            std::process::id()
        ));
        std::fs::write(&path, gunzip(&dir.join("demo.sqlite.gz"))).unwrap();
        let mut config = app::Config::default();
        config.database.url = format!("sqlite://{}?mode=rwc", path.display());
        let app = App::open(config, today()).await.expect("migrates");
        same_facts(&app, &expected, &release).await;
        app.close().await;
        let _ = std::fs::remove_file(&path);
    }
}

#[tokio::test]
async fn postgresql_dumps_of_earlier_releases_restore_migrate_and_show_the_same_plans() {
    for dir in fixtures() {
        let release = dir.file_name().unwrap().to_str().unwrap().to_string();
        let Some(url) = testkit::postgres_url("upgrade").await else {
            eprintln!("skipped: no DOINGOAI_TEST_POSTGRES (required under CI)");
            return;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let dump = String::from_utf8(gunzip(&dir.join("postgres.sql.gz"))).unwrap();
        // psql meta-commands (\restrict …) are not SQL.
        let sql: String = dump
            .lines()
            .filter(|l| !l.starts_with('\\'))
            .collect::<Vec<_>>()
            .join("\n");
        {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .expect("restore the dump");
        }
        let mut config = app::Config::default();
        config.database.url = url;
        let app = App::open(config, today()).await.expect("migrates");
        same_facts(&app, &expected, &release).await;
        app.close().await;
    }
}
