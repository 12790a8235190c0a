//! A stored plan back into a [`Document`], so the renderers write it as an official
//! document (DOCX, PDF, XLSX) in the Decree 30/2020 layout with the officers' edits — all of
//! the stored plan (issue 13, defect e).
//!
//! The body is the stored sections, and every task: a task that is one of the sections (an
//! item read from the document) shows its current text in that section's place; a task the
//! sections do not hold (added with "Thêm nhiệm vụ", or written in a blank plan) is written
//! as an item under its section, with its lead unit and time frame. The parts the store does
//! not model (the basis paragraphs before part I, closing paragraphs, signer, recipients)
//! come from the document the plan was imported from, when there is one; otherwise the
//! renderer's defaults apply (signature "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH").

use document::Document;
use document::model::{
    CommuneKind, Date, DateParts, Delegations, Paragraph, Section, SectionLevel, Signer,
    SourceInfo, Task,
};
use document::source::Format;
use serde_json::Value;
use store::{Commune, Plan, Province, TaskRow};

use crate::{App, Error, Result, User};

/// A stored task as the exporter needs it.
pub struct TaskOut {
    pub section_id: Option<i64>,
    pub reference: String,
    pub text: String,
    pub lead: Option<String>,
    pub partners: Vec<String>,
    pub timeframe: Option<String>,
}

fn level_of(level: i64, label: &str) -> SectionLevel {
    match level {
        1 => SectionLevel::Part,
        2 => SectionLevel::Item,
        3 => SectionLevel::SubItem,
        4 => SectionLevel::Point,
        _ => match label.trim() {
            "+" => SectionLevel::Plus,
            "*" => SectionLevel::Star,
            _ => SectionLevel::Dash,
        },
    }
}

/// The stored flat sections (in order, with parent ids) as a tree of model sections, with
/// the tasks in their places (see the module documentation).
pub fn section_tree(sections: &[store::Section], tasks: &[TaskOut]) -> Vec<Section> {
    fn build(
        sections: &[store::Section],
        tasks: &[TaskOut],
        parent: Option<i64>,
        prefix: &str,
    ) -> Vec<Section> {
        sections
            .iter()
            .filter(|s| s.parent_id == parent)
            .map(|s| {
                let mut lines = s.body.lines().map(str::trim).filter(|l| !l.is_empty());
                let head = lines
                    .next()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.title.clone());
                let paragraphs: Vec<String> = lines.map(str::to_string).collect();
                let label = s.label.trim().trim_end_matches('.').trim_end_matches(')');
                let reference = if prefix.is_empty() {
                    label.to_string()
                } else {
                    format!("{prefix}.{label}")
                };
                let mut children = build(sections, tasks, Some(s.id), &reference);
                children.extend(
                    tasks
                        .iter()
                        .filter(|t| t.section_id == Some(s.id) && !held_by(sections, t))
                        .map(task_item),
                );
                Section {
                    children,
                    reference,
                    label: s.label.clone(),
                    title: s.title.clone(),
                    text: s.body.clone(),
                    head,
                    paragraphs,
                    line: 0,
                    para: None,
                    level: level_of(s.level, &s.label),
                }
            })
            .collect()
    }
    let mut tree = build(sections, tasks, None, "");
    tree.extend(
        tasks
            .iter()
            .filter(|t| t.section_id.is_none() && !held_by(sections, t))
            .map(task_item),
    );
    tree
}

/// Whether a task's text stands in the sections already: in its own section's title or
/// body, or in one of that section's children (an item read from the document).
fn held_by(sections: &[store::Section], t: &TaskOut) -> bool {
    let needle = store::fold(&t.text);
    if needle.is_empty() {
        return true;
    }
    task_scope(sections, t.section_id)
        .any(|s| store::fold(&format!("{} {}", s.title, s.body)).contains(&needle))
}

/// The sections where a task of `section` can stand in the text: that section and every
/// section below it, in plan order; all of them for a task outside any section. The export
/// looks there for a task's words ([`held_by`]), and a reworded task changes them there
/// (`tasks::reword_in_sections`), so both mean the same place.
pub(crate) fn task_scope(
    sections: &[store::Section],
    section: Option<i64>,
) -> impl Iterator<Item = &store::Section> {
    let mut ids: Vec<i64> = section.into_iter().collect();
    let mut i = 0;
    while i < ids.len() {
        let id = ids[i];
        ids.extend(
            sections
                .iter()
                .filter(|s| s.parent_id == Some(id))
                .map(|s| s.id),
        );
        i += 1;
    }
    sections
        .iter()
        .filter(move |s| ids.is_empty() || ids.contains(&s.id))
}

/// A task the sections do not hold, as a "-" item: its text, then its lead unit and time
/// frame in brackets, as commune plans write them.
fn task_item(t: &TaskOut) -> Section {
    let mut extra = Vec::new();
    if let Some(l) = &t.lead {
        extra.push(format!("Chủ trì: {l}"));
    }
    if !t.partners.is_empty() {
        extra.push(format!("phối hợp: {}", t.partners.join(", ")));
    }
    if let Some(tf) = &t.timeframe {
        extra.push(format!("thời gian: {tf}"));
    }
    let text = if extra.is_empty() {
        t.text.clone()
    } else {
        format!("{} ({}).", t.text.trim_end_matches('.'), extra.join("; "))
    };
    Section {
        reference: t.reference.clone(),
        label: "-".into(),
        title: String::new(),
        head: text.clone(),
        text,
        paragraphs: Vec::new(),
        children: Vec::new(),
        line: 0,
        para: None,
        level: SectionLevel::Dash,
    }
}

fn paragraphs(v: Option<&Value>) -> Vec<Paragraph> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .map(|t| Paragraph {
                    text: t.to_string(),
                    line: 0,
                    para: None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn signer(v: Option<&Value>) -> Option<Signer> {
    let v = v?.as_object()?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Some(Signer {
        authority: v
            .get("authority")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        position: text("position"),
        name: text("name"),
        line: 0,
    })
}

/// The plan as a document. `original` is the JSON of the document the plan was imported
/// from (`docs/parse-format.md`), if any.
pub fn document_of(
    plan: &Plan,
    commune: &Commune,
    province: &Province,
    sections: &[store::Section],
    tasks: Vec<TaskOut>,
    original: Option<&str>,
) -> Document {
    let original: Option<Value> = original.and_then(|j| serde_json::from_str(j).ok());
    let get = |k: &str| original.as_ref().and_then(|o| o.get(k));
    let kind = match commune.kind {
        domain::org::CommuneKind::Phuong => CommuneKind::Phuong,
        domain::org::CommuneKind::DacKhu => CommuneKind::DacKhu,
        domain::org::CommuneKind::Xa => CommuneKind::Xa,
    };
    let date = plan.issued_on.as_deref().and_then(|d| {
        let mut it = d.split('-').map(|x| x.parse::<u32>().ok());
        let (y, m, dd) = (it.next()??, it.next()??, it.next()??);
        Date::new(y as i32, m, dd)
    });
    let province_name = province
        .name
        .trim_start_matches("Thành phố ")
        .trim_start_matches("Tỉnh ")
        .to_string();
    Document {
        format_version: document::model::FORMAT_VERSION,
        source: SourceInfo {
            path: None,
            format: Format::Txt,
        },
        doc_type: Some("KH".into()),
        number: plan.doc_number.clone(),
        symbol: Some("KH-UBND".into()),
        parent_body: None,
        issuer: Some(format!("ỦY BAN NHÂN DÂN {}", commune.full_name()).to_uppercase()),
        place: Some(commune.name.clone()),
        date,
        date_parts: DateParts {
            day: date.map(|d| d.day()),
            month: date.map(|d| d.month()),
            year: Some(date.map_or(plan.year as i32, |d| d.year())),
        },
        title: Some(plan.title.clone()),
        year: Some(plan.year as i32),
        commune: Some(commune.name.clone()),
        commune_kind: Some(kind),
        province: Some(province_name),
        basis: Vec::new(),
        citations: Vec::new(),
        addressees: Vec::new(),
        preamble: paragraphs(get("preamble")),
        sections: section_tree(sections, &tasks),
        closing: paragraphs(get("closing")),
        tasks: tasks
            .into_iter()
            .map(|t| Task {
                reference: t.reference,
                text: t.text,
                lead: t.lead.into_iter().collect(),
                partners: t.partners,
                timeframe: t.timeframe,
                details: Vec::new(),
                line: 0,
                para: None,
            })
            .collect(),
        delegations: Delegations::default(),
        tables: Vec::new(),
        signer: signer(get("signer")),
        recipients: get("recipients")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        warnings: Vec::new(),
    }
}

/// One "Tình trạng" cell of the XLSX task table, from a task's occurrences.
pub fn status_cell(t: &TaskRow) -> String {
    if t.occurrences == 0 {
        "Chưa có kỳ thực hiện".into()
    } else if t.done == t.occurrences {
        "Hoàn thành".into()
    } else if t.overdue > 0 {
        format!(
            "Quá hạn {} kỳ ({}/{} kỳ hoàn thành)",
            t.overdue, t.done, t.occurrences
        )
    } else if t.percent > 0 || t.done > 0 {
        format!(
            "Đang thực hiện ({}/{} kỳ hoàn thành)",
            t.done, t.occurrences
        )
    } else {
        "Chưa thực hiện".into()
    }
}

/// The plan's texts holding characters the PDF cannot print, with those characters: the
/// plan page warns of them before the officer exports.
pub fn unprintable(
    plan: &Plan,
    sections: &[store::Section],
    tasks: &[TaskRow],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut check = |what: String, text: &str| {
        let missing = render::coverage::unprintable(text);
        if !missing.is_empty() {
            out.push((what, missing.into_iter().collect::<String>()));
        }
    };
    check("Trích yếu".into(), &plan.title);
    for s in sections {
        check(
            format!("Mục {}", s.label),
            &format!("{} {}", s.title, s.body),
        );
    }
    for t in tasks {
        check(format!("Nhiệm vụ {}", t.ref_label), &t.text);
    }
    out
}

/// An exported document: its file name, content type and bytes.
#[derive(Debug)]
pub struct Exported {
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The formats a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Docx,
    Pdf,
    Xlsx,
}

impl ExportFormat {
    /// `docx`, `xlsx`, and `pdf` when this build has the PDF engine.
    pub fn parse(code: &str) -> Option<ExportFormat> {
        match code {
            "docx" => Some(ExportFormat::Docx),
            "xlsx" => Some(ExportFormat::Xlsx),
            "pdf" if cfg!(feature = "pdf") => Some(ExportFormat::Pdf),
            _ => None,
        }
    }
}

impl App {
    /// A plan the user may see, written as an official document. Four queries whatever the
    /// plan's size; rendering runs on the bounded blocking pool.
    pub async fn export_plan(
        &self,
        user: &User,
        id: i64,
        format: ExportFormat,
    ) -> Result<Exported> {
        let mut db = self.read().await?;
        let (plan, commune) = self.visible_plan(&mut db, user, id).await?;
        let province = db.province(commune.province_id).await?;
        let sections = db.sections_of(id).await?;
        let rows = db.tasks_of_plan(id, &self.today().to_string()).await?;
        let mut partners = db.plan_partners(id).await?;
        let original = db.plan_document_json(id).await?;
        let task_ids: std::collections::HashMap<i64, Option<i64>> = db
            .plan_tasks(id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.section_id))
            .collect();
        drop(db);
        let status: Vec<String> = rows.iter().map(status_cell).collect();
        let tasks: Vec<TaskOut> = rows
            .into_iter()
            .map(|r| TaskOut {
                section_id: task_ids.get(&r.id).copied().flatten(),
                partners: partners
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| p.1)
                    .collect(),
                reference: r.ref_label,
                text: r.text,
                lead: r.lead_name.or(r.lead_text),
                timeframe: r.timeframe,
            })
            .collect();
        let doc = document_of(
            &plan,
            &commune,
            &province,
            &sections,
            tasks,
            original.as_deref(),
        );
        let slug: String = vntext::fold(&format!("ke hoach {} {}", plan.year, commune.name))
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let (content_type, ext, bytes) = match format {
            ExportFormat::Docx => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
                self.heavy(move || render::docx::render(&doc)).await?,
            ),
            ExportFormat::Xlsx => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                self.heavy(move || render::xlsx::render_with_status(&doc, &status))
                    .await?,
            ),
            #[cfg(feature = "pdf")]
            ExportFormat::Pdf => (
                "application/pdf",
                "pdf",
                self.heavy(move || render::pdf::render(&doc)).await?,
            ),
            #[cfg(not(feature = "pdf"))]
            ExportFormat::Pdf => return Err(Error::NotFound),
        };
        let bytes = bytes.map_err(|e| {
            tracing::error!("render {ext} of plan {id}: {e}");
            Error::Internal(format!("render {ext}: {e}"))
        })?;
        Ok(Exported {
            filename: format!("{slug}.{ext}"),
            content_type,
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(
        id: i64,
        parent: Option<i64>,
        level: i64,
        label: &str,
        title: &str,
        body: &str,
    ) -> store::Section {
        store::Section {
            id,
            parent_id: parent,
            position: id,
            version: 1,
            level,
            label: label.into(),
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn flat_sections_become_a_tree_with_dotted_references() {
        let flat = [
            s(1, None, 1, "II.", "NỘI DUNG", "NỘI DUNG"),
            s(
                2,
                Some(1),
                2,
                "1.",
                "Thông tin đối ngoại",
                "Thông tin đối ngoại\nTuyên truyền",
            ),
            s(3, Some(2), 5, "-", "", "Cập nhật tin bài"),
            s(4, None, 1, "III.", "TỔ CHỨC THỰC HIỆN", ""),
        ];
        let tree = section_tree(&flat, &[]);
        assert_eq!(tree.len(), 2);
        let item = &tree[0].children[0];
        assert_eq!(item.reference, "II.1");
        assert_eq!(item.head, "Thông tin đối ngoại");
        assert_eq!(item.paragraphs, vec!["Tuyên truyền".to_string()]);
        assert_eq!(item.children[0].level, SectionLevel::Dash);
        assert_eq!(tree[1].head, "TỔ CHỨC THỰC HIỆN");
    }

    #[test]
    fn tasks_the_sections_do_not_hold_are_written_under_their_section() {
        let flat = [
            s(1, None, 1, "II.", "NỘI DUNG", ""),
            s(
                2,
                Some(1),
                2,
                "1.",
                "Thông tin đối ngoại",
                "Cập nhật tin bài về biên giới",
            ),
        ];
        let task = |section, text: &str| TaskOut {
            section_id: section,
            reference: "II.1".into(),
            text: text.into(),
            lead: Some("Công an xã".into()),
            partners: vec![],
            timeframe: Some("Hằng quý".into()),
        };
        let tasks = [
            task(Some(2), "Cập nhật tin bài về biên giới"),
            task(Some(2), "Tổ chức tập huấn nghiệp vụ"),
            task(None, "Báo cáo kết quả"),
        ];
        let tree = section_tree(&flat, &tasks);
        let item = &tree[0].children[0];
        assert_eq!(item.children.len(), 1, "the held task is not written twice");
        assert_eq!(
            item.children[0].head,
            "Tổ chức tập huấn nghiệp vụ (Chủ trì: Công an xã; thời gian: Hằng quý)."
        );
        assert!(tree.last().unwrap().head.starts_with("Báo cáo kết quả"));
    }
}
