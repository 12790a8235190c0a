//! The store's own suite: what only the store knows — its two schemas agree, its named
//! constraints, its search, paging and whole-plan reads — on a fresh SQLite file and, when a
//! server is configured (always under CI), on PostgreSQL. The use cases are tested at the
//! application layer (`crates/app/tests`).

use std::collections::BTreeSet;

use domain::org::CommuneKind;
use domain::plan::PlanOrigin;
use domain::schedule::Recurrence;
use store::{
    NewOccurrence, NewPlan, NewTask, PageRequest, Store, StoreError, TaskFilter, TaskSort,
};

async fn stores() -> Vec<Store> {
    let mut v = Vec::new();
    for url in testkit::database_urls("store").await {
        v.push(Store::connect(&url).await.expect("open"));
    }
    v
}

fn task(text: &str, due: &[&str]) -> NewTask {
    NewTask {
        section: None,
        ref_label: String::new(),
        text: text.into(),
        lead_unit_id: None,
        lead_text: None,
        partners: Vec::new(),
        timeframe: None,
        recurrence: Recurrence::Once,
        schedule_certain: true,
        occurrences: due
            .iter()
            .enumerate()
            .map(|(i, d)| NewOccurrence {
                seq: i as i64 + 1,
                label: format!("Kỳ {}", i + 1),
                starts_on: "2026-01-01".into(),
                due_on: d.to_string(),
            })
            .collect(),
    }
}

/// A province, a commune and a plan of `tasks`; returns (commune, plan).
async fn plan_of(store: &Store, tasks: Vec<NewTask>) -> (i64, i64) {
    let mut tx = store.write().await.unwrap();
    let c = new_commune(&mut tx).await;
    let plan = NewPlan {
        commune_id: c.id,
        year: 2026,
        title: "Kế hoạch công tác đối ngoại năm 2026".into(),
        doc_number: None,
        origin: PlanOrigin::Blank,
        previous_id: None,
        version: 1,
        document_json: None,
        source_text: None,
        sections: Vec::new(),
        tasks,
    };
    let (id, _) = tx.create_plan(None, &plan).await.unwrap();
    tx.commit().await.unwrap();
    (c.id, id)
}

/// A commune of a new province, made in `tx`.
async fn new_commune(tx: &mut store::Tx) -> store::Commune {
    let p = tx
        .create_province(&format!("Tỉnh {}", rand_name()))
        .await
        .unwrap();
    tx.create_commune(p.id, "Tân Hòa", CommuneKind::Xa)
        .await
        .unwrap()
}

fn rand_name() -> String {
    format!("{:?}", std::time::SystemTime::now())
}

#[tokio::test]
async fn a_folded_duplicate_unit_is_refused_by_its_constraint_name() {
    for store in stores().await {
        let (commune, _) = plan_of(&store, vec![]).await;
        let mut tx = store.write().await.unwrap();
        tx.create_unit(commune, "Phòng Văn hóa - Xã hội")
            .await
            .unwrap();
        let e = tx
            .create_unit(commune, "PHONG VAN HOA – XA HOI")
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::Conflict("units_commune_name_key")),
            "{e:?}"
        );
    }
}

#[tokio::test]
async fn a_unit_of_work_dropped_before_commit_leaves_nothing() {
    for store in stores().await {
        let (commune, _) = plan_of(&store, vec![]).await;
        {
            let mut tx = store.write().await.unwrap();
            tx.create_unit(commune, "Tổ công tác").await.unwrap();
            // dropped: rolled back
        }
        let units = store.read().await.unwrap().units_of(commune).await.unwrap();
        assert!(units.is_empty());
    }
}

#[tokio::test]
async fn search_finds_whole_words_without_tones_and_quotes_what_users_type() {
    for store in stores().await {
        let tasks = vec![
            task("Đón tiếp đoàn khách quốc tế", &["2026-05-01"]),
            task("Quản lý người nước ngoài", &["2026-02-01"]),
            task("Bảo hộ công dân", &["2026-09-01"]),
            task("Tỷ lệ 50% hoàn thành", &[]),
        ];
        let (commune, _) = plan_of(&store, tasks).await;
        let search = |q: &'static str| {
            let store = store.clone();
            async move {
                let filter = TaskFilter {
                    commune_id: commune,
                    query: Some(q.into()),
                    ..Default::default()
                };
                let mut db = store.read().await.unwrap();
                db.tasks_page(&filter, TaskSort::Ref, "2026-01-01", None)
                    .await
                    .unwrap()
                    .rows
                    .into_iter()
                    .map(|r| r.text)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            search("DOAN khach").await,
            vec!["Đón tiếp đoàn khách quốc tế"]
        );
        assert_eq!(search("50%").await.len(), 1, "the number is a word");
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
            "typed operators are words"
        );
        assert_eq!(search("  ").await.len(), 4, "no words: no filter");
    }
}

#[tokio::test]
async fn a_page_past_the_end_is_the_last_page_and_a_plan_is_read_whole() {
    for store in stores().await {
        let tasks: Vec<NewTask> = (0..1234)
            .map(|i| task(&format!("Việc số {i}"), &["2026-06-30"]))
            .collect();
        let (commune, plan) = plan_of(&store, tasks).await;
        let mut db = store.read().await.unwrap();
        let filter = TaskFilter {
            commune_id: commune,
            ..Default::default()
        };
        let page = db
            .tasks_page(
                &filter,
                TaskSort::Ref,
                "2026-07-01",
                Some(PageRequest::new(99, 50)),
            )
            .await
            .unwrap();
        assert_eq!(
            (page.page, page.pages, page.total, page.rows.len()),
            (25, 25, 1234, 34)
        );
        assert!(
            page.rows.iter().all(|r| r.overdue == 1),
            "overdue is derived from today"
        );
        let whole = db.tasks_of_plan(plan, "2026-07-01").await.unwrap();
        assert_eq!(whole.len(), 1234);
        let occ = db.occurrences_of_plan(plan).await.unwrap();
        assert_eq!(occ.len(), 1234);
    }
}

/// The SQLite and PostgreSQL schemas have the same tables, columns, indexes and constraint
/// names (migrations/README.md); the only differences are each engine's full-text index.
#[tokio::test]
async fn both_schemas_have_the_same_tables_columns_indexes_and_constraint_names() {
    let Some(pg_url) = testkit::postgres_url("schema").await else {
        eprintln!("skipped: no DOINGOAI_TEST_POSTGRES (required under CI)");
        return;
    };
    let sqlite = Store::connect(&testkit::sqlite_url("schema"))
        .await
        .unwrap();
    let pg = Store::connect(&pg_url).await.unwrap();
    let a = schema(&sqlite).await;
    let b = schema(&pg).await;
    let only_a: Vec<_> = a.difference(&b).collect();
    let only_b: Vec<_> = b.difference(&a).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only SQLite: {only_a:?}\nonly PostgreSQL: {only_b:?}"
    );
    assert!(a.len() > 150, "{}", a.len());
    for expected in [
        "constraint units.units_commune_name_key",
        "constraint plans.plans_status_check",
        "index audit_log.audit_log_kind_idx",
        "column tasks.version",
        "table idempotency.idempotency",
    ] {
        assert!(a.contains(expected), "{expected} in {a:?}");
    }
}

/// Every table, column, index and named constraint as "kind table.name" lines.
async fn schema(store: &Store) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let rows = store.describe_schema().await.unwrap();
    for (kind, table, name) in rows {
        out.insert(format!("{kind} {table}.{name}"));
    }
    out
}

#[test]
fn the_two_migration_folders_have_the_same_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |d: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir.join(d))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".sql"))
            .collect()
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

/// Reads of personal data are logged with who, when, which record and which fields
/// (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15), in the transaction of the read.
#[tokio::test]
async fn reads_of_personal_data_are_logged() {
    for store in stores().await {
        let mut tx = store.write().await.unwrap();
        let c = new_commune(&mut tx).await;
        let user = tx
            .create_user(&store::NewUser {
                username: format!("u{}", c.id),
                display_name: "Cán bộ".into(),
                password_hash: "x".into(),
                role: domain::access::Role::CommuneOffice,
                province_id: None,
                commune_id: Some(c.id),
                unit_id: None,
            })
            .await
            .unwrap();
        tx.log_personal_read(user, "nguoi-nuoc-ngoai", 7, &["name", "passport"], "view")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let reads = store
            .read()
            .await
            .unwrap()
            .personal_reads_of("nguoi-nuoc-ngoai", 7)
            .await
            .unwrap();
        assert_eq!(reads.len(), 1);
        assert_eq!(
            (
                reads[0].user_id,
                reads[0].fields.as_str(),
                reads[0].purpose.as_str()
            ),
            (user, "name,passport", "view")
        );
        assert!(reads[0].at > 0);
    }
}
