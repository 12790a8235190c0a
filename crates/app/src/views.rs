//! The pages that answer "how far are we?": the commune dashboard, "Việc của tôi" for a
//! unit, the province overview, and search.
//!
//! Every figure is of the plan in force of one year (issue 13, defect c): its issued version,
//! else its latest draft — never the sum of every plan and version a commune ever made. The
//! year is chosen on the page; by default it is this year when the commune has a plan for
//! it, else the latest year before it that has one, else the first one after it.

use domain::PlanYear;
use domain::access::Role;
use store::{
    Commune, CommuneProgress, OccurrenceRow, Page, PageRequest, Plan, Province, ProvinceSort,
    TaskFilter, TaskRow, TaskSort, Unit, UnitProgress, User,
};

use crate::registers::{DueEntry, due_entries};
use crate::{App, Error, Result};

/// One bar of a progress chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub done: i64,
    pub overdue: i64,
    pub total: i64,
}

/// The dashboard of a commune for one year.
#[derive(Debug)]
pub struct DashboardView {
    pub commune: Commune,
    pub years: Vec<i32>,
    pub year: i32,
    pub plan: Option<Plan>,
    pub tasks: i64,
    pub occurrences: i64,
    pub done: i64,
    pub overdue_count: i64,
    pub units: Vec<UnitProgress>,
    /// Progress by part of the plan (I., II., …).
    pub parts: Vec<Bar>,
    pub overdue: Vec<OccurrenceRow>,
    pub due_soon: Vec<OccurrenceRow>,
    /// Register entries with an item due within 30 days (overdue included), the earliest.
    pub register_due: Vec<DueEntry>,
    /// How many there are in all.
    pub register_due_total: i64,
}

/// "Việc của tôi": a unit's occurrences due and tasks, in its commune's plan in force.
#[derive(Debug)]
pub struct MineView {
    pub unit: Unit,
    pub years: Vec<i32>,
    pub year: i32,
    pub plan: Option<Plan>,
    pub overdue: Vec<OccurrenceRow>,
    pub due_soon: Vec<OccurrenceRow>,
    pub tasks: Page<TaskRow>,
    /// The unit's register entries with an item due within 30 days (overdue included).
    pub register_due: Vec<DueEntry>,
}

/// The province overview for one year.
#[derive(Debug)]
pub struct ProvinceView {
    pub province: Province,
    /// Every province, for administrators' choice (empty for officers).
    pub provinces: Vec<Province>,
    pub years: Vec<i32>,
    pub year: i32,
    pub communes: Page<CommuneProgress>,
    /// Commune id → (register items overdue, due within 30 days with the overdue).
    pub register_due: std::collections::HashMap<i64, (i64, i64)>,
    /// Days after return within which an after-trip report is due in the province.
    pub trip_report_days: i64,
}

/// A search's results, each with its commune's name.
#[derive(Debug)]
pub struct SearchView {
    pub plans: Vec<(Plan, String)>,
    pub tasks: Vec<(TaskRow, String)>,
}

/// The year to show: `asked` if given, else the default of the module's rule.
fn year_to_show(asked: Option<PlanYear>, years: &[i64], this_year: i32) -> i32 {
    if let Some(y) = asked {
        return y.get();
    }
    let this = i64::from(this_year);
    if years.contains(&this) {
        return this_year;
    }
    years
        .iter()
        .copied()
        .filter(|y| *y < this)
        .max()
        .or_else(|| years.iter().copied().filter(|y| *y > this).min())
        .map_or(this_year, |y| y as i32)
}

fn years_shown(years: &[i64], year: i32) -> Vec<i32> {
    let mut v: Vec<i32> = years.iter().map(|y| *y as i32).collect();
    if !v.contains(&year) {
        v.push(year);
    }
    v.sort_unstable_by(|a, b| b.cmp(a));
    v
}

impl App {
    fn this_year(&self) -> i32 {
        chrono::Datelike::year(&self.today())
    }

    /// The dashboard of a commune; `Ok(None)` when the user has no commune of their own and
    /// named none (the page offers the communes to choose from).
    pub async fn dashboard(
        &self,
        user: &User,
        commune: Option<i64>,
        year: Option<PlanYear>,
    ) -> Result<Option<DashboardView>> {
        let Some(commune) = self.commune_in_view(user, commune).await? else {
            return Ok(None);
        };
        let today = self.today();
        let iso = today.to_string();
        let in30 = (today + chrono::Duration::days(30)).to_string();
        let mut db = self.read().await?;
        let years = db.plan_years(commune.id).await?;
        let year = year_to_show(year, &years, self.this_year());
        let plan = db.plan_in_force(commune.id, i64::from(year)).await?;
        let (units, parts, overdue, due_soon) = match &plan {
            Some(p) => {
                let units = db.progress_by_unit(p.id, &iso).await?;
                let rows = db.progress_by_section(p.id, &iso).await?;
                let sections = db.sections_of(p.id).await?;
                (
                    units,
                    part_bars(&rows, &sections),
                    db.open_occurrences(p.id, None, None, &iso, 50).await?,
                    db.open_occurrences(p.id, None, Some(&iso), &in30, 50)
                        .await?,
                )
            }
            None => Default::default(),
        };
        let register_due = due_entries(&mut db, &[commune.id], None, today).await?;
        let register_due_total = db
            .register_counts(commune.id, &iso, &in30)
            .await?
            .iter()
            .map(|c| c.2)
            .sum();
        Ok(Some(DashboardView {
            register_due,
            register_due_total,
            tasks: units.iter().map(|u| u.tasks).sum(),
            occurrences: units.iter().map(|u| u.occurrences).sum(),
            done: units.iter().map(|u| u.done).sum(),
            overdue_count: units.iter().map(|u| u.overdue).sum(),
            years: years_shown(&years, year),
            year,
            commune,
            plan,
            units,
            parts,
            overdue,
            due_soon,
        }))
    }

    /// "Việc của tôi" of a unit's staff; `Ok(None)` for an account without a unit.
    pub async fn mine(
        &self,
        user: &User,
        year: Option<PlanYear>,
        query: &str,
        sort: TaskSort,
        page: Option<PageRequest>,
    ) -> Result<Option<MineView>> {
        let (Some(commune_id), Some(unit_id)) = (user.commune_id, user.unit_id) else {
            return Ok(None);
        };
        let today = self.today();
        let iso = today.to_string();
        let in30 = (today + chrono::Duration::days(30)).to_string();
        let mut db = self.read().await?;
        let unit = db.unit(unit_id).await?;
        let years = db.plan_years(commune_id).await?;
        let year = year_to_show(year, &years, self.this_year());
        let plan = db.plan_in_force(commune_id, i64::from(year)).await?;
        let (overdue, due_soon, tasks) = match &plan {
            Some(p) => {
                let filter = TaskFilter {
                    commune_id,
                    plan_id: Some(p.id),
                    unit_id: Some(unit_id),
                    query: Some(query.trim().chars().take(200).collect::<String>())
                        .filter(|s| !s.is_empty()),
                    only_overdue: false,
                };
                (
                    db.open_occurrences(p.id, Some(unit_id), None, &iso, 100)
                        .await?,
                    db.open_occurrences(p.id, Some(unit_id), Some(&iso), &in30, 100)
                        .await?,
                    db.tasks_page(&filter, sort, &iso, page).await?,
                )
            }
            None => (Vec::new(), Vec::new(), Page::of_all(Vec::new())),
        };
        let register_due = due_entries(&mut db, &[commune_id], Some(unit_id), today).await?;
        Ok(Some(MineView {
            register_due,
            years: years_shown(&years, year),
            year,
            unit,
            plan,
            overdue,
            due_soon,
            tasks,
        }))
    }

    /// The province overview: one line per commune with its plan in force for the year and
    /// that plan's figures, filtered, sorted and paged in SQL (`page` `None`: every line).
    pub async fn province_view(
        &self,
        user: &User,
        province: Option<i64>,
        year: Option<PlanYear>,
        query: &str,
        sort: ProvinceSort,
        page: Option<PageRequest>,
    ) -> Result<ProvinceView> {
        let mut db = self.read().await?;
        let provinces = if user.role == Role::Admin {
            db.provinces().await?
        } else {
            Vec::new()
        };
        let id = province
            .or(user.province_id)
            .or_else(|| provinces.first().map(|p| p.id))
            .ok_or(Error::NotFound)?;
        if !user.actor().can_view_province(id) {
            return Err(Error::Forbidden);
        }
        let province = db.province(id).await?;
        let years = db.plan_years_of_province(id).await?;
        let this_year = self.this_year();
        let year = year.map_or(this_year, PlanYear::get);
        let communes = db
            .province_overview(
                id,
                i64::from(year),
                &self.today().to_string(),
                query.trim(),
                sort,
                page,
            )
            .await?;
        let today = self.today();
        let register_due = db
            .register_due_by_commune(
                id,
                &today.to_string(),
                &(today + chrono::Duration::days(30)).to_string(),
            )
            .await?
            .into_iter()
            .map(|(c, o, s)| (c, (o, s)))
            .collect();
        let trip_report_days = db.trip_report_days(id).await?;
        Ok(ProvinceView {
            trip_report_days,
            register_due,
            years: years_shown(&years, year),
            year,
            province,
            provinces,
            communes,
        })
    }

    /// Plans and tasks matching every word of `query` (tones ignored) in the communes the
    /// user may see, each with its commune's name.
    pub async fn search(&self, user: &User, query: &str) -> Result<SearchView> {
        let query: String = query.trim().chars().take(200).collect();
        if query.is_empty() {
            return Ok(SearchView {
                plans: Vec::new(),
                tasks: Vec::new(),
            });
        }
        let mut db = self.read().await?;
        let communes: Vec<Commune> = match (user.commune_id, user.province_id, user.role) {
            (Some(c), _, _) => vec![db.commune(c).await?],
            (None, Some(p), _) => db.communes_of(p).await?,
            (None, None, Role::Admin) => db.all_communes().await?,
            _ => Vec::new(),
        };
        let ids: Vec<i64> = communes.iter().map(|c| c.id).collect();
        let name = |id: i64| {
            communes
                .iter()
                .find(|c| c.id == id)
                .map(|c| crate::format::capitalise(&c.full_name()))
                .unwrap_or_default()
        };
        let plans = db.search_plans(&ids, &query, 50).await?;
        let tasks = db
            .search_tasks(&ids, &query, &self.today().to_string(), 100)
            .await?;
        Ok(SearchView {
            plans: plans
                .into_iter()
                .map(|p| {
                    let n = name(p.commune_id);
                    (p, n)
                })
                .collect(),
            tasks: tasks
                .into_iter()
                .map(|t| {
                    let n = name(t.commune_id);
                    (t, n)
                })
                .collect(),
        })
    }
}

/// Progress by section rolled up to the plan's parts (I., II., …): that is how officials
/// read a plan.
fn part_bars(rows: &[(Option<i64>, i64, i64, i64)], sections: &[store::Section]) -> Vec<Bar> {
    let parent: std::collections::HashMap<i64, Option<i64>> =
        sections.iter().map(|s| (s.id, s.parent_id)).collect();
    let root = |mut id: i64| {
        while let Some(Some(p)) = parent.get(&id) {
            id = *p;
        }
        id
    };
    let mut bars: Vec<(Option<i64>, Bar)> = Vec::new();
    for (section, total, done, overdue) in rows {
        let key = section.map(root);
        let label = key
            .and_then(|k| sections.iter().find(|s| s.id == k))
            .map(|s| format!("{} {}", s.label, s.title).trim().to_string())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "(Chưa xếp mục)".into());
        match bars.iter_mut().find(|(k, _)| *k == key) {
            Some((_, b)) => {
                b.total += total;
                b.done += done;
                b.overdue += overdue;
            }
            None => bars.push((
                key,
                Bar {
                    label,
                    done: *done,
                    overdue: *overdue,
                    total: *total,
                },
            )),
        }
    }
    bars.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_shown_is_this_year_else_the_latest_before_else_the_first_after() {
        assert_eq!(year_to_show(None, &[2027, 2026], 2026), 2026);
        assert_eq!(year_to_show(None, &[2027, 2025], 2026), 2025);
        assert_eq!(year_to_show(None, &[2028, 2027], 2026), 2027);
        assert_eq!(year_to_show(None, &[], 2026), 2026);
        let asked = PlanYear::parse(2027).ok();
        assert_eq!(year_to_show(asked, &[2026], 2026), 2027);
        assert_eq!(years_shown(&[2025], 2026), vec![2026, 2025]);
    }
}
