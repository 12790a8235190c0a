//! Tasks from the section tree.
//!
//! Three forms are recognised:
//! 1. *Field form*: an item whose bullets carry fields — "Đơn vị chủ trì: …", "Đơn vị phối
//!    hợp: …", "Thời gian thực hiện: …" (also "Đơn vị thực hiện", "Cơ quan chủ trì", "Thời
//!    hạn") — is one task; its "Nội dung thực hiện" bullets are the task's details.
//! 2. *Unit-responsibility form*: under "TỔ CHỨC THỰC HIỆN", an item titled with a unit
//!    name ("2. Phòng Kinh tế") makes each of its bullets a task led by that unit.
//! 3. *Plain items*: in the content part (II. NỘI DUNG …), each first-level bullet of a
//!    numbered leaf is a task (a bullet ending with ":" hands over to its sub-bullets), or
//!    the numbered leaf itself when it has no bullets. A sentence naming "X chủ trì" or
//!    "giao X …" gives the lead.

use crate::model::{SectionLevel, Task};

use super::sections::{Node, Tree, split_head};
use super::units::{is_unit_title, split_units};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Lead,
    Partners,
    Time,
    Content,
}

/// Field labels, folded, longest first.
const FIELD_LABELS: &[(&str, Field)] = &[
    ("don vi chu tri thuc hien", Field::Lead),
    ("don vi phoi hop thuc hien", Field::Partners),
    ("co quan chu tri thuc hien", Field::Lead),
    ("co quan phoi hop thuc hien", Field::Partners),
    ("thoi gian thuc hien", Field::Time),
    ("thoi gian hoan thanh", Field::Time),
    ("noi dung thuc hien", Field::Content),
    ("don vi chu tri", Field::Lead),
    ("don vi thuc hien", Field::Lead),
    ("co quan chu tri", Field::Lead),
    ("co quan thuc hien", Field::Lead),
    ("don vi phoi hop", Field::Partners),
    ("co quan phoi hop", Field::Partners),
    ("chu tri", Field::Lead),
    ("phoi hop", Field::Partners),
    ("thoi gian", Field::Time),
    ("thoi han", Field::Time),
    ("noi dung", Field::Content),
];

/// "Đơn vị chủ trì: Trung tâm dịch vụ tổng hợp." → (Lead, "Trung tâm dịch vụ tổng hợp.").
fn field(text: &str) -> Option<(Field, String)> {
    let (label, value) = text.split_once(':')?;
    let f = vntext::fold(label.trim());
    FIELD_LABELS
        .iter()
        .find(|(l, _)| f == *l)
        .map(|(_, kind)| (*kind, value.trim().to_string()))
}

fn is_delegation_statement(text: &str) -> bool {
    [
        "du kien doan ra",
        "du kien to chuc hoi nghi",
        "doan ra",
        "doan vao",
    ]
    .iter()
    .any(|p| vntext::fold_starts_with(text, p))
}

fn clean_value(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string()
}

/// Kinds of parts, by their title.
fn part_kind(title: &str) -> PartKind {
    let f = vntext::fold(title);
    if f.contains("to chuc thuc hien") {
        PartKind::Organisation
    } else if f.contains("muc dich") || f.contains("yeu cau") || f.contains("kinh phi") {
        PartKind::Other
    } else {
        PartKind::Content
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Content,
    Organisation,
    Other,
}

/// Extracts the tasks of a plan from its tree.
pub fn extract_tasks(tree: &Tree) -> Vec<Task> {
    let mut tasks = Vec::new();
    let has_parts = tree
        .roots
        .iter()
        .any(|&r| tree.nodes[r].label.level == SectionLevel::Part);
    for &root in &tree.roots {
        let n = &tree.nodes[root];
        let kind = if n.label.level == SectionLevel::Part {
            part_kind(&n.head)
        } else if has_parts {
            PartKind::Other
        } else {
            PartKind::Content
        };
        match kind {
            PartKind::Other => {}
            PartKind::Content => {
                if n.label.level == SectionLevel::Part {
                    for &c in &n.children {
                        content_node(tree, c, &mut tasks);
                    }
                } else {
                    content_node(tree, root, &mut tasks);
                }
            }
            PartKind::Organisation => {
                for &c in &n.children {
                    organisation_node(tree, c, &mut tasks);
                }
            }
        }
    }
    tasks
}

fn node_fields(tree: &Tree, id: usize) -> Vec<(Field, String, usize)> {
    let n = &tree.nodes[id];
    let mut out = Vec::new();
    for &c in &n.children {
        let child = &tree.nodes[c];
        if child.label.level >= SectionLevel::Star
            && let Some((f, v)) = field(&child.head)
        {
            out.push((f, v, c));
        }
    }
    for b in &n.body {
        if let Some((f, v)) = field(b) {
            out.push((f, v, usize::MAX));
        }
    }
    out
}

fn content_node(tree: &Tree, id: usize, tasks: &mut Vec<Task>) {
    let n = &tree.nodes[id];
    let fields = node_fields(tree, id);
    if fields
        .iter()
        .any(|(f, _, _)| matches!(f, Field::Lead | Field::Partners | Field::Time))
    {
        tasks.push(field_task(tree, id, &fields));
        return;
    }
    let numbered_children: Vec<usize> = n
        .children
        .iter()
        .copied()
        .filter(|&c| tree.nodes[c].label.level < SectionLevel::Star)
        .collect();
    if !numbered_children.is_empty() {
        for c in numbered_children {
            content_node(tree, c, tasks);
        }
        return;
    }
    let bullets: Vec<usize> = n
        .children
        .iter()
        .copied()
        .filter(|&c| !is_delegation_statement(&tree.nodes[c].head))
        .collect();
    if bullets.is_empty() {
        if n.label.level < SectionLevel::Star && !is_delegation_statement(&n.head) {
            let (title, text) = split_head(&n.head);
            let mut full = if title.is_empty() {
                text
            } else if text.is_empty() {
                title
            } else {
                format!("{title}: {text}")
            };
            for b in &n.body {
                full.push(' ');
                full.push_str(b);
            }
            tasks.push(plain_task(n, full.trim().to_string(), Vec::new(), None));
        }
        return;
    }
    for b in bullets {
        bullet_tasks(tree, b, tasks);
    }
}

fn bullet_tasks(tree: &Tree, id: usize, tasks: &mut Vec<Task>) {
    let n = &tree.nodes[id];
    let kids: Vec<usize> = n
        .children
        .iter()
        .copied()
        .filter(|&c| !is_delegation_statement(&tree.nodes[c].head))
        .collect();
    if n.head.trim_end().ends_with(':') && !kids.is_empty() {
        for k in kids {
            bullet_tasks(tree, k, tasks);
        }
        return;
    }
    let details = kids.iter().map(|&k| tree.nodes[k].head.clone()).collect();
    tasks.push(plain_task(n, n.full_text(), details, None));
}

/// A task from the text of node `n`: the partners, and the lead unless `lead` is given,
/// come from "X chủ trì" / "giao X" and "phối hợp với X" when the text names units.
fn plain_task(n: &Node, text: String, details: Vec<String>, lead: Option<String>) -> Task {
    let (found_lead, partners) = units_in_sentence(&text);
    Task {
        reference: n.reference.clone(),
        text,
        lead: lead.map_or(found_lead, |u| vec![u]),
        partners,
        timeframe: None,
        details,
        line: n.line,
        para: n.para,
    }
}

fn child_heads(tree: &Tree, n: &Node) -> Vec<String> {
    n.children
        .iter()
        .map(|&k| tree.nodes[k].head.clone())
        .collect()
}

fn field_task(tree: &Tree, id: usize, fields: &[(Field, String, usize)]) -> Task {
    let n = &tree.nodes[id];
    let (title, text) = split_head(&n.head);
    let mut task_text = if title.is_empty() { text } else { title };
    let mut lead = Vec::new();
    let mut partners = Vec::new();
    let mut timeframe = None;
    let mut details = Vec::new();
    for (f, v, child) in fields {
        match f {
            Field::Lead => lead.extend(split_units(v)),
            Field::Partners => partners.extend(split_units(v)),
            Field::Time => timeframe = Some(clean_value(v)).filter(|s| !s.is_empty()),
            Field::Content => {
                if !v.is_empty() {
                    details.push(clean_value(v));
                }
                if *child != usize::MAX {
                    for &g in &tree.nodes[*child].children {
                        details.push(tree.nodes[g].head.clone());
                    }
                }
            }
        }
    }
    // Bullets directly under the item that are not fields are details too.
    for &c in &n.children {
        let ch = &tree.nodes[c];
        if ch.label.level >= SectionLevel::Star && field(&ch.head).is_none() {
            details.push(ch.head.clone());
        }
    }
    if task_text.is_empty() {
        task_text = details.first().cloned().unwrap_or_default();
    }
    Task {
        reference: n.reference.clone(),
        text: task_text,
        lead,
        partners,
        timeframe,
        details,
        line: n.line,
        para: n.para,
    }
}

fn organisation_node(tree: &Tree, id: usize, tasks: &mut Vec<Task>) {
    let n = &tree.nodes[id];
    let (title, _) = split_head(&n.head);
    if n.label.level < SectionLevel::Star
        && is_unit_title(&title)
        && n.head.trim_end_matches(['.', ':']).trim() == title
    {
        let unit = title.trim_end_matches(['.', ':']).trim().to_string();
        if n.children.is_empty() {
            let text = n.body.join(" ");
            if !text.is_empty() {
                tasks.push(plain_task(n, text, Vec::new(), Some(unit)));
            }
            return;
        }
        for &b in &n.children {
            let bn = &tree.nodes[b];
            tasks.push(plain_task(
                bn,
                bn.full_text(),
                child_heads(tree, bn),
                Some(unit.clone()),
            ));
        }
        return;
    }
    // Sentence form: "Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp …".
    let f = vntext::fold(&n.head);
    if f.starts_with("kinh phi") {
        return;
    }
    let task = plain_task(n, n.full_text(), child_heads(tree, n), None);
    if task.lead.is_empty() && n.children.is_empty() {
        return;
    }
    tasks.push(task);
}

/// Words that end a unit name inside a sentence.
const VERBS_AFTER_UNIT: &[&str] = &[
    " chủ trì",
    " chủ động",
    " thẩm định",
    " có trách nhiệm",
    " tham mưu",
    " theo dõi",
    " tổng hợp",
    " hướng dẫn",
    " thực hiện",
    " triển khai",
    " lồng ghép",
    " tổ chức",
    " xây dựng",
    " trong ",
    " để ",
    " nhằm ",
    " phối hợp",
    ",",
    ";",
    ".",
    " tuyên truyền",
    " cung cấp",
    " đăng tải",
    " báo cáo",
];

fn unit_prefix(s: &str) -> Option<String> {
    let stop = VERBS_AFTER_UNIT
        .iter()
        .filter_map(|v| s.find(v))
        .min()
        .unwrap_or(s.len());
    let cand = s[..stop].trim();
    let mut chars = cand.chars();
    let first = chars.next()?;
    let capitalised: String = first.to_uppercase().chain(chars).collect();
    (is_unit_title(&capitalised) && !vntext::fold(cand).contains("lien quan"))
        .then_some(capitalised)
}

/// Lead and partner units named in a sentence: "Giao X chủ trì", "X chủ trì", "giao X
/// thẩm định", "phối hợp với Y".
pub fn units_in_sentence(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut partners = Vec::new();
    let lower = text.to_lowercase();
    if let Some(pos) = lower.find("giao ")
        && (pos == 0 || lower[..pos].ends_with(' '))
        && let Some(u) = unit_prefix(&text[pos + "giao ".len()..])
    {
        lead.push(u);
    }
    if lead.is_empty()
        && let Some(pos) = text.find(" chủ trì")
        && let Some(u) = unit_prefix(&text[..pos + " chủ trì".len()])
    {
        lead.push(u);
    }
    let mut from = 0;
    while let Some(p) = lower[from..].find("phối hợp với ") {
        let at = from + p + "phối hợp với ".len();
        if let Some(u) = unit_prefix(&text[at..])
            && u.chars().next().is_some_and(char::is_uppercase)
            && !text[at..].starts_with("các")
        {
            partners.push(u);
        }
        from = at;
    }
    (lead, partners)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_recognised_with_their_variants() {
        assert_eq!(
            field("Đơn vị chủ trì thực hiện: Công an xã."),
            Some((Field::Lead, "Công an xã.".into()))
        );
        assert_eq!(
            field("Thời gian thực hiện: Thường xuyên."),
            Some((Field::Time, "Thường xuyên.".into()))
        );
        assert_eq!(
            field("Đơn vị phối hợp: Các công chức liên quan."),
            Some((Field::Partners, "Các công chức liên quan.".into()))
        );
        assert_eq!(field("Tham gia: các sự kiện"), None);
    }

    #[test]
    fn units_are_read_from_sentences() {
        let (l, p) = units_in_sentence(
            "Giao văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị liên quan, theo dõi",
        );
        assert_eq!(l, vec!["Văn phòng HĐND và UBND xã"]);
        assert!(p.is_empty());
        let (l, _) = units_in_sentence(
            "Trên cơ sở dự trù kinh phí của Văn phòng HĐND và UBND xã, giao Phòng Kinh tế thẩm định, trình Chủ tịch",
        );
        assert_eq!(l, vec!["Phòng Kinh tế"]);
        let (_, p) =
            units_in_sentence("Phối hợp với Phòng Văn hóa – Xã hội lồng ghép nội dung quảng bá");
        assert_eq!(p, vec!["Phòng Văn hóa – Xã hội"]);
    }
}
