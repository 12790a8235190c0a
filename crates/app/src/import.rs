//! From a document (uploaded file, last year's plan, a blank skeleton) to a plan ready to
//! store: sections flattened with their parents, tasks with their units matched to the
//! commune's list, and each task's schedule turned into occurrences for the plan year.
//!
//! Everything here is synchronous and may be heavy (DOCX/PDF parsing): callers run it on the
//! blocking pool.

use document::Document;
use document::model::{Section, SectionLevel};
use domain::plan::{PlanOrigin, PlanTitle};
use domain::schedule::{Recurrence, schedule_from_timeframe};
use domain::{PlanYear, Timeframe};
use lint::units::unit_key;
use store::{NewOccurrence, NewPlan, NewSection, NewTask, PlanFinding, Unit};

/// What reading an uploaded document produced, shown to the officer for review.
#[derive(Debug)]
pub struct ImportOutcome {
    pub doc: Document,
    pub findings: Vec<lint::Finding>,
    /// The normalised text the line numbers of findings refer to.
    pub text: String,
    pub tasks: Vec<ImportedTask>,
}

/// A task as read, with the unit matches proposed for the officer to confirm.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportedTask {
    pub reference: String,
    pub text: String,
    /// The lead as written, and the unit it matched (if any).
    pub lead_text: Option<String>,
    pub lead_unit: Option<i64>,
    pub partners: Vec<(Option<i64>, String)>,
    pub timeframe: Option<Timeframe>,
}

/// The commune a document is read for: its name and kind, so that the checks flag a plan
/// copied from another commune (issue 13, defect l), whatever commune the document names.
#[derive(Debug, Clone)]
pub struct ForCommune {
    pub name: String,
    pub kind: domain::org::CommuneKind,
}

/// Reads `bytes` and lints the result against the commune's units (and, when given, the
/// commune it is imported into).
pub fn import_document(
    bytes: &[u8],
    name: Option<&str>,
    units: &[Unit],
    commune: Option<&ForCommune>,
) -> Result<ImportOutcome, document::ReadError> {
    let source = document::read::read(bytes, name)?;
    let doc = document::extract::extract(&source, name);
    let mut config = lint::Config::builtin();
    if let Some(c) = commune {
        config.commune = Some(lint::OwnCommune {
            name: c.name.clone(),
            kind: match c.kind {
                domain::org::CommuneKind::Xa => document::model::CommuneKind::Xa,
                domain::org::CommuneKind::Phuong => document::model::CommuneKind::Phuong,
                domain::org::CommuneKind::DacKhu => document::model::CommuneKind::DacKhu,
            },
        });
    }
    // The commune's own list replaces the default one, when it has any active unit.
    if let Ok(list) = lint::Units::parse(
        &units
            .iter()
            .filter(|u| u.active != 0)
            .map(|u| u.name.clone())
            .collect::<Vec<_>>()
            .join("\n"),
    ) && !list.is_empty()
    {
        config.units = list;
    }
    let findings = lint::lint(&source, &doc, &config);
    let commune = doc.commune.clone();
    let tasks = doc
        .tasks
        .iter()
        .map(|t| {
            let mut leads = t.lead.iter();
            let lead_text = leads.next().cloned();
            let lead_unit = lead_text
                .as_deref()
                .and_then(|l| match_unit(l, units, commune.as_deref()));
            let partners = leads
                .chain(t.partners.iter())
                .map(|p| (match_unit(p, units, commune.as_deref()), p.clone()))
                .collect();
            ImportedTask {
                reference: t.reference.clone(),
                text: t.text.clone(),
                lead_text,
                lead_unit,
                partners,
                timeframe: t.timeframe.as_deref().and_then(Timeframe::as_written),
            }
        })
        .collect();
    Ok(ImportOutcome {
        text: source.text().to_string(),
        doc,
        findings,
        tasks,
    })
}

/// Findings as the store keeps them with a plan's source file (the plan page shows them
/// from there instead of checking the file again).
pub fn findings_to_store(findings: &[lint::Finding]) -> Vec<PlanFinding> {
    findings
        .iter()
        .map(|f| PlanFinding {
            code: f.code.to_string(),
            severity: f.severity.code().to_string(),
            line: f.line as i64,
            column: f.column as i64,
            excerpt: f.excerpt.clone(),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
        })
        .collect()
}

/// The active unit whose name means the same as `written` (case, diacritics, the usual
/// abbreviations and the trailing "xã …" ignored), if exactly one does.
pub fn match_unit(written: &str, units: &[Unit], commune: Option<&str>) -> Option<i64> {
    let key = unit_key(written, commune);
    let mut found = units
        .iter()
        .filter(|u| u.active != 0 && unit_key(&u.name, commune) == key);
    match (found.next(), found.next()) {
        (Some(u), None) => Some(u.id),
        _ => None,
    }
}

/// A task's schedule fields and its occurrences for `year`, from its time-frame text.
pub fn schedule_task(
    timeframe: Option<&str>,
    year: PlanYear,
) -> (Recurrence, bool, Vec<NewOccurrence>) {
    let schedule = schedule_from_timeframe(timeframe, year);
    let occurrences = schedule
        .occurrences(year)
        .into_iter()
        .map(|o| NewOccurrence {
            seq: i64::from(o.seq),
            label: o.label,
            starts_on: o.starts.to_string(),
            due_on: o.due.to_string(),
        })
        .collect();
    (schedule.recurrence, schedule.certain, occurrences)
}

fn level_number(level: SectionLevel) -> i64 {
    match level {
        SectionLevel::Part => 1,
        SectionLevel::Item => 2,
        SectionLevel::SubItem => 3,
        SectionLevel::Point => 4,
        SectionLevel::Star | SectionLevel::Dash | SectionLevel::Plus => 5,
    }
}

/// The document's section tree in reading order, each with the index of its parent, and
/// each section's dotted reference (to attach tasks).
pub fn flatten_sections(doc: &Document) -> (Vec<NewSection>, Vec<String>) {
    fn walk(s: &Section, parent: Option<usize>, out: &mut Vec<NewSection>, refs: &mut Vec<String>) {
        let me = out.len();
        out.push(NewSection {
            parent,
            level: level_number(s.level),
            label: s.label.clone(),
            title: s.title.clone(),
            body: s.text.clone(),
        });
        refs.push(s.reference.clone());
        for c in &s.children {
            walk(c, Some(me), out, refs);
        }
    }
    let (mut out, mut refs) = (Vec::new(), Vec::new());
    for s in &doc.sections {
        walk(s, None, &mut out, &mut refs);
    }
    (out, refs)
}

/// The index of the deepest section whose reference is `task_ref` or a prefix of it.
fn section_of(task_ref: &str, refs: &[String]) -> Option<usize> {
    refs.iter()
        .enumerate()
        .filter(|(_, r)| {
            task_ref == r.as_str()
                || (task_ref.starts_with(r.as_str()) && task_ref[r.len()..].starts_with('.'))
        })
        .max_by_key(|(_, r)| r.len())
        .map(|(i, _)| i)
}

/// The officer's corrections of what was read, per task (same order as
/// [`ImportOutcome::tasks`]; a task past the end of a list keeps what was read): the lead
/// unit chosen (`None` = not assigned), the time frame, the text, and whether the item is
/// not a task at all and is left out.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// `None`: the document's title.
    pub title: Option<PlanTitle>,
    pub leads: Vec<Option<i64>>,
    pub timeframes: Vec<Option<Timeframe>>,
    pub texts: Vec<Option<domain::text::TaskText>>,
    pub skip: Vec<bool>,
}

/// The plan to store from an imported document and the officer's review.
pub fn plan_from_import(
    outcome: &ImportOutcome,
    review: &Review,
    commune_id: i64,
    year: PlanYear,
) -> NewPlan {
    let (sections, refs) = flatten_sections(&outcome.doc);
    let tasks = outcome
        .tasks
        .iter()
        .enumerate()
        .filter(|(i, _)| !review.skip.get(*i).copied().unwrap_or(false))
        .map(|(i, t)| {
            let timeframe = review
                .timeframes
                .get(i)
                .cloned()
                .unwrap_or_else(|| t.timeframe.clone());
            let (recurrence, certain, occurrences) =
                schedule_task(timeframe.as_ref().map(Timeframe::as_str), year);
            NewTask {
                section: section_of(&t.reference, &refs),
                ref_label: t.reference.clone(),
                text: match review.texts.get(i) {
                    Some(Some(corrected)) => corrected.as_str().to_string(),
                    _ => t.text.clone(),
                },
                lead_unit_id: review.leads.get(i).copied().unwrap_or(t.lead_unit),
                lead_text: t.lead_text.clone(),
                partners: t.partners.clone(),
                timeframe: timeframe.map(Timeframe::into_string),
                recurrence,
                schedule_certain: certain,
                occurrences,
            }
        })
        .collect();
    let title = review
        .title
        .clone()
        .or_else(|| {
            outcome
                .doc
                .title
                .as_deref()
                .and_then(PlanTitle::from_document)
        })
        .unwrap_or_else(|| PlanTitle::default_for(year));
    NewPlan {
        commune_id,
        year: i64::from(year.get()),
        title: title.as_str().to_string(),
        doc_number: outcome.doc.number.clone(),
        origin: PlanOrigin::Upload,
        previous_id: None,
        version: 1,
        document_json: serde_json::to_string(&outcome.doc).ok(),
        source_text: Some(outcome.text.clone()),
        sections,
        tasks,
    }
}

/// A blank plan in the Decree 30 outline that commune plans use (I. purpose and
/// requirements; II. content; III. funding; IV. organisation of implementation).
pub fn skeleton(commune_id: i64, year: PlanYear) -> NewPlan {
    let s = |parent, level, label: &str, title: &str| NewSection {
        parent,
        level,
        label: label.into(),
        title: title.into(),
        body: String::new(),
    };
    NewPlan {
        commune_id,
        year: i64::from(year.get()),
        title: PlanTitle::default_for(year).as_str().to_string(),
        doc_number: None,
        origin: PlanOrigin::Blank,
        previous_id: None,
        version: 1,
        document_json: None,
        source_text: None,
        sections: vec![
            s(None, 1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
            s(Some(0), 2, "1.", "Mục đích"),
            s(Some(0), 2, "2.", "Yêu cầu"),
            s(None, 1, "II.", "NỘI DUNG"),
            s(None, 1, "III.", "KINH PHÍ THỰC HIỆN"),
            s(None, 1, "IV.", "TỔ CHỨC THỰC HIỆN"),
        ],
        tasks: Vec::new(),
    }
}

/// Replaces the year `from` by `to` where it stands as a whole number ("Cả năm 2025" →
/// "Cả năm 2026"), for copying last year's plan.
pub fn shift_year(text: &str, from: i32, to: i32) -> String {
    let from_s = from.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&from_s) {
        let before = rest[..i].chars().last();
        let after = rest[i + from_s.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&from_s);
        } else {
            out.push_str(&to.to_string());
        }
        rest = &rest[i + from_s.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, name: &str) -> Unit {
        Unit {
            id,
            commune_id: 1,
            name: name.into(),
            active: 1,
        }
    }

    #[test]
    fn units_match_across_case_diacritics_and_abbreviations() {
        let units = [
            unit(1, "Văn phòng HĐND và UBND"),
            unit(2, "Phòng Văn hóa - Xã hội"),
            unit(3, "Công an xã"),
        ];
        assert_eq!(
            match_unit(
                "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
                &units,
                None
            ),
            Some(1)
        );
        assert_eq!(match_unit("PHÒNG VĂN HOÁ – XÃ HỘI", &units, None), Some(2));
        assert_eq!(match_unit("Công an", &units, None), Some(3));
        assert_eq!(match_unit("Trường Tiểu học", &units, None), None);
    }

    #[test]
    fn copying_a_plan_moves_whole_year_numbers_only() {
        assert_eq!(
            shift_year("Cả năm 2025; số 12025; 2025-2030", 2025, 2026),
            "Cả năm 2026; số 12025; 2026-2030"
        );
    }

    #[test]
    fn tasks_attach_to_the_deepest_section_of_their_reference() {
        let refs: Vec<String> = ["II", "II.1", "II.1.a", "II.10"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(section_of("II.1.a", &refs), Some(2));
        assert_eq!(section_of("II.1.b", &refs), Some(1));
        assert_eq!(section_of("II.10.-1", &refs), Some(3));
        assert_eq!(section_of("III", &refs), None);
    }
}
