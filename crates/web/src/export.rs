//! A stored plan back into a [`Document`], so the renderers write it as an official
//! document (DOCX, PDF, XLSX) in the Decree 30/2020 layout with the officer's edits.
//!
//! The body (sections and tasks) comes from the store — it is what officers edit. The parts
//! the store does not model (the basis paragraphs before part I, closing paragraphs, signer,
//! recipients) come from the document the plan was imported from, when there is one;
//! otherwise the renderer's defaults apply (signature "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH").

use document::Document;
use document::model::{
    CommuneKind, Date, DateParts, Delegations, Paragraph, Section, SectionLevel, Signer,
    SourceInfo, Task,
};
use document::source::Format;
use serde_json::Value;
use store::{Commune, Plan, Province};

/// A stored task as the exporter needs it.
pub struct TaskOut {
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

/// The stored flat sections (in order, with parent ids) as a tree of model sections.
pub fn section_tree(sections: &[store::Section]) -> Vec<Section> {
    fn build(sections: &[store::Section], parent: Option<i64>, prefix: &str) -> Vec<Section> {
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
                Section {
                    children: build(sections, Some(s.id), &reference),
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
    build(sections, None, "")
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
    let kind = match commune.kind.as_str() {
        "phuong" => CommuneKind::Phuong,
        "dac_khu" => CommuneKind::DacKhu,
        _ => CommuneKind::Xa,
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
        preamble: paragraphs(get("preamble")),
        sections: section_tree(sections),
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
        let tree = section_tree(&flat);
        assert_eq!(tree.len(), 2);
        let item = &tree[0].children[0];
        assert_eq!(item.reference, "II.1");
        assert_eq!(item.head, "Thông tin đối ngoại");
        assert_eq!(item.paragraphs, vec!["Tuyên truyền".to_string()]);
        assert_eq!(item.children[0].level, SectionLevel::Dash);
        assert_eq!(tree[1].head, "TỔ CHỨC THỰC HIỆN");
    }
}
