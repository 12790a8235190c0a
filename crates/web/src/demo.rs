//! Demo data: the sample plans' communes with their default units, their plans imported as a
//! commune office would, one province officer for the demo province, an account per role, and some
//! progress recorded — so a newcomer can walk the main path at once.

use std::path::Path;

use domain::PlanYear;
use domain::access::Role;
use store::{NewProgress, NewUser, Store, StoreError};

use crate::auth::{hash_password, random_token};
use crate::import::{self, Review};
use crate::org::create_commune_with_units;

/// One demo account, printed on the console at start.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub place: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot read the sample plans in {0}: {1}")]
    Seeds(String, std::io::Error),
    #[error("no sample plan (.txt/.md/.docx/.pdf) in {0}")]
    NoSeeds(String),
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Other(String),
}

/// Fills an empty store with the demo organisation and data from the plans in `seeds`,
/// dated as of `today`. Returns the accounts made (one shared random password).
pub async fn seed(
    store: &Store,
    seeds: &Path,
    today: chrono::NaiveDate,
) -> Result<Vec<DemoAccount>, DemoError> {
    let mut files: Vec<_> = std::fs::read_dir(seeds)
        .map_err(|e| DemoError::Seeds(seeds.display().to_string(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ["txt", "md", "docx", "pdf"].contains(&x))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(DemoError::NoSeeds(seeds.display().to_string()));
    }
    let password = format!("demo-{}", &random_token()[..10]);
    let hash = hash_password(password.clone())
        .await
        .map_err(|e| DemoError::Other(e.to_string()))?;
    let mut accounts = Vec::new();
    let mut add = |username: String, role: Role, place: String| {
        accounts.push(DemoAccount {
            username,
            password: password.clone(),
            role,
            place,
        });
    };
    let user = |username: &str,
                name: &str,
                role: Role,
                province: Option<i64>,
                commune: Option<i64>,
                unit: Option<i64>| NewUser {
        username: username.into(),
        display_name: name.into(),
        password_hash: hash.clone(),
        role,
        province_id: province,
        commune_id: commune,
        unit_id: unit,
    };
    store
        .create_user(
            None,
            &user("admin", "Quản trị hệ thống", Role::Admin, None, None, None),
        )
        .await?;
    add("admin".into(), Role::Admin, "Toàn hệ thống".into());
    // One province holds the five sample communes, so the province overview compares them.
    // The samples come from different real provinces; the demo province is named as such.
    let province_name = DEMO_PROVINCE;
    let province = store.create_province(province_name).await?.id;
    store
        .create_user(
            None,
            &user(
                "so",
                &format!("Cán bộ Sở Ngoại vụ {province_name}"),
                Role::ProvinceOfficer,
                Some(province),
                None,
                None,
            ),
        )
        .await?;
    add(
        "so".into(),
        Role::ProvinceOfficer,
        province_name.to_string(),
    );
    for (n, path) in files.iter().enumerate() {
        let bytes =
            std::fs::read(path).map_err(|e| DemoError::Seeds(path.display().to_string(), e))?;
        let name = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("plan.txt")
            .to_string();
        let peek = {
            let (b, nm) = (bytes.clone(), name.clone());
            tokio::task::spawn_blocking(move || document::parse_bytes(&b, Some(&nm)))
                .await
                .map_err(|e| DemoError::Other(e.to_string()))?
                .map_err(|e| DemoError::Other(e.message_en()))?
        };
        let commune_name = peek
            .commune
            .clone()
            .unwrap_or_else(|| format!("Mẫu {}", n + 1));
        let kind = match peek.commune_kind {
            Some(document::model::CommuneKind::Phuong) => "phuong",
            Some(document::model::CommuneKind::DacKhu) => "dac_khu",
            _ => "xa",
        };
        let commune = create_commune_with_units(store, None, province, &commune_name, kind).await?;
        let units = store.units_of(commune.id).await?;
        let k = n + 1;
        store
            .create_user(
                None,
                &user(
                    &format!("vanphong{k}"),
                    "Cán bộ Văn phòng HĐND và UBND",
                    Role::CommuneOffice,
                    None,
                    Some(commune.id),
                    None,
                ),
            )
            .await?;
        store
            .create_user(
                None,
                &user(
                    &format!("lanhdao{k}"),
                    "Phó Chủ tịch UBND",
                    Role::CommuneLeader,
                    None,
                    Some(commune.id),
                    None,
                ),
            )
            .await?;
        let place = crate::view::capitalise(&commune.full_name());
        add(format!("vanphong{k}"), Role::CommuneOffice, place.clone());
        add(format!("lanhdao{k}"), Role::CommuneLeader, place.clone());
        let units2 = units.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            import::import_document(&bytes, Some(&name), &units2)
        })
        .await
        .map_err(|e| DemoError::Other(e.to_string()))?
        .map_err(|e| DemoError::Other(e.message_en()))?;
        let year = PlanYear::parse(outcome.doc.year.unwrap_or(2026))
            .map_err(|e| DemoError::Other(e.to_string()))?;
        let new = import::plan_from_import(&outcome, &Review::default(), commune.id, year);
        let plan_id = store.create_plan(None, &new).await?;
        // The unit with most tasks gets a staff account, so "Việc của tôi" has content.
        let tasks = store.tasks_of_plan(plan_id, &today.to_string()).await?;
        let busiest = units
            .iter()
            .max_by_key(|u| {
                tasks
                    .iter()
                    .filter(|t| t.lead_unit_id == Some(u.id))
                    .count()
            })
            .map(|u| u.id);
        if let Some(unit) = busiest {
            store
                .create_user(
                    None,
                    &user(
                        &format!("donvi{k}"),
                        "Cán bộ đơn vị",
                        Role::UnitStaff,
                        None,
                        Some(commune.id),
                        Some(unit),
                    ),
                )
                .await?;
            add(
                format!("donvi{k}"),
                Role::UnitStaff,
                format!(
                    "{place} — {}",
                    units
                        .iter()
                        .find(|u| u.id == unit)
                        .map(|u| u.name.as_str())
                        .unwrap_or("")
                ),
            );
        }
        // Tasks the document names no unit for go to the commune office (the foreign-affairs
        // focal point), as an officer would first assign them.
        let office_unit = units
            .iter()
            .find(|u| u.name.starts_with("Văn phòng"))
            .map(|u| u.id);
        let setter = store.user_by_username(&format!("vanphong{k}")).await?;
        for t in tasks.iter().filter(|t| t.lead_unit_id.is_none()) {
            let task = store.task(t.id).await?;
            let edit = store::TaskEdit {
                text: task.text.clone(),
                lead_unit_id: office_unit,
                partners: store.task_partners(t.id).await?,
                timeframe: task.timeframe.clone(),
                recurrence: task.recurrence.clone(),
                schedule_certain: task.schedule_certain != 0,
            };
            store.update_task(setter.id, t.id, &edit, None).await?;
        }
        // Progress: past occurrences mostly done, every fifth still open; running ones
        // partly done, every third not yet reported.
        let today_iso = today.to_string();
        let mut i = 0;
        for t in &tasks {
            let lead = store.task(t.id).await?.lead_unit_id;
            for o in store.occurrences_of(t.id).await? {
                if o.starts_on > today_iso {
                    continue;
                }
                i += 1;
                let past = o.due_on < today_iso;
                let (status, percent) = match (past, i % 5, i % 3) {
                    (true, 0, _) | (false, _, 0) => continue,
                    (true, 1, _) => ("in_progress", 60),
                    (true, _, _) => ("done", 100),
                    (false, _, _) => ("in_progress", 30 + (i % 6) as i64 * 10),
                };
                store
                    .record_progress(
                        setter.id,
                        &NewProgress {
                            occurrence_id: o.id,
                            unit_id: lead,
                            status: status.into(),
                            percent,
                            note: "Đã triển khai theo kế hoạch (dữ liệu minh họa).".into(),
                            evidence_url: None,
                            evidence_file: None,
                        },
                    )
                    .await?;
            }
        }
    }
    Ok(accounts)
}

/// The name of the demo province (the samples' real provinces differ; this one is labelled as
/// illustrative so no one mistakes it for real data).
pub const DEMO_PROVINCE: &str = "Tỉnh Minh Họa (dữ liệu minh họa)";
