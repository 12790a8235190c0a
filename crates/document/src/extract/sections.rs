//! The section tree: I./II. → 1./2. → 1.1./3.2. → a)/b)/đ) (also "a.") → bullets (-, +, *).

use crate::model::{Section, SectionLevel};
use crate::source::Line;

/// A parsed label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub level: SectionLevel,
    /// As written, normalised: "II.", "1.", "3.2.", "a)", "a.", "-", "+", "*".
    pub label: String,
    /// The component used in refs: "II", "1", "2" (of "3.2"), "a", or the bullet marker.
    pub key: String,
}

/// Splits a leading label off `s`. Returns the label and the rest (trimmed).
pub fn parse_label(s: &str) -> Option<(Label, &str)> {
    let first = s.chars().next()?;
    // Bullets.
    let bullet = match first {
        '-' | '–' | '−' | '•' | '\u{f0a7}' | '►' => Some("-"),
        '+' => Some("+"),
        '*' => Some("*"),
        _ => None,
    };
    if let Some(marker) = bullet {
        let rest = s[first.len_utf8()..].trim_start();
        let level = match marker {
            "-" => SectionLevel::Dash,
            "+" => SectionLevel::Plus,
            _ => SectionLevel::Star,
        };
        // "-VP UBND" (no space) is still a bullet; "--" or "-5" is not.
        if rest.starts_with(['-', '+'])
            || rest.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !s[first.len_utf8()..].starts_with(' ')
        {
            return None;
        }
        return Some((
            Label {
                level,
                label: marker.to_string(),
                key: marker.to_string(),
            },
            rest,
        ));
    }
    // Roman numerals.
    let roman_len = s.chars().take_while(|c| "IVXL".contains(*c)).count();
    if (1..=5).contains(&roman_len) && is_roman(&s[..roman_len]) {
        let after = &s[roman_len..];
        if let Some(rest) = after.strip_prefix('.').or_else(|| after.strip_prefix(')'))
            && (rest.is_empty()
                || rest.starts_with(' ')
                || rest.chars().next().is_some_and(char::is_uppercase))
        {
            return Some((
                Label {
                    level: SectionLevel::Part,
                    label: format!("{}.", &s[..roman_len]),
                    key: s[..roman_len].to_string(),
                },
                rest.trim_start(),
            ));
        }
    }
    // Arabic: 1. / 1) / 3.2. / 3.2 / 1.2.3.
    let bytes = s.as_bytes();
    let mut comps: Vec<&str> = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 2 {
            break;
        }
        comps.push(&s[start..i]);
        match bytes.get(i) {
            Some(b'.') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                continue;
            }
            _ => break,
        }
    }
    if !comps.is_empty() && comps.len() == comps.iter().filter(|c| !c.is_empty()).count() {
        let after = &s[i..];
        let (sep_ok, rest) = if let Some(r) = after.strip_prefix('.') {
            (true, r)
        } else if let Some(r) = after.strip_prefix(')') {
            (comps.len() == 1, r)
        } else if comps.len() > 1 && after.starts_with(' ') {
            (true, after)
        } else {
            (false, after)
        };
        let next_ok = rest.is_empty()
            || rest.starts_with(' ')
            || rest.chars().next().is_some_and(char::is_uppercase);
        if sep_ok && next_ok && comps.iter().all(|c| c.parse::<u32>().is_ok_and(|n| n > 0)) {
            let level = if comps.len() == 1 {
                SectionLevel::Item
            } else {
                SectionLevel::SubItem
            };
            let closing = if after.starts_with(')') { ")" } else { "." };
            return Some((
                Label {
                    level,
                    label: format!("{}{}", comps.join("."), closing),
                    key: comps.last().map(|c| c.to_string()).unwrap_or_default(),
                },
                rest.trim_start(),
            ));
        }
    }
    // Points: a) b) đ) and the "a." form.
    let mut it = s.char_indices();
    if let (Some((_, l)), Some((pi, p))) = (it.next(), it.next())
        && (l.is_ascii_lowercase() || l == 'đ')
        && (p == ')' || p == '.')
    {
        let rest = &s[pi + 1..];
        if rest.is_empty()
            || rest.starts_with(' ')
            || rest.chars().next().is_some_and(char::is_uppercase)
        {
            return Some((
                Label {
                    level: SectionLevel::Point,
                    label: format!("{l}{p}"),
                    key: l.to_string(),
                },
                rest.trim_start(),
            ));
        }
    }
    None
}

fn is_roman(s: &str) -> bool {
    matches!(
        s,
        "I" | "II"
            | "III"
            | "IV"
            | "V"
            | "VI"
            | "VII"
            | "VIII"
            | "IX"
            | "X"
            | "XI"
            | "XII"
            | "XIII"
            | "XIV"
            | "XV"
            | "XVI"
            | "XVII"
            | "XVIII"
            | "XIX"
            | "XX"
    )
}

/// A node of the tree under construction (arena form, used by the task rules too).
#[derive(Debug, Clone)]
pub struct Node {
    pub label: Label,
    /// Text after the label on the label's line.
    pub head: String,
    /// Unlabelled paragraphs that follow, before the next labelled line.
    pub body: Vec<String>,
    pub line: usize,
    pub para: Option<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub reference: String,
}

impl Node {
    /// The node's own text: the rest of its label line, then its unlabelled paragraphs,
    /// joined by spaces.
    pub fn full_text(&self) -> String {
        let mut text = self.head.clone();
        for b in &self.body {
            text.push(' ');
            text.push_str(b);
        }
        text
    }
}

/// The tree in arena form: `roots` index into `nodes`.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
}

/// Builds the tree from `lines[range]` (line numbers are `index + 1`). Lines before the first
/// label are ignored (they are the preamble); table rows are skipped.
pub fn build_tree(lines: &[Line], range: std::ops::Range<usize>) -> Tree {
    let mut tree = Tree::default();
    let mut stack: Vec<usize> = Vec::new();
    for idx in range {
        let Some(line) = lines.get(idx) else { break };
        if line.cells.is_some() {
            continue;
        }
        let Some((label, rest)) = parse_label(&line.text) else {
            if let Some(&top) = stack.last() {
                tree.nodes[top].body.push(line.text.clone());
            }
            continue;
        };
        let is_bullet = label.level >= SectionLevel::Star;
        if is_bullet {
            // A bullet with the same marker as an open bullet (below the nearest numbered
            // node) is that bullet's sibling; otherwise it nests under the top.
            let mut sibling_at = None;
            for (pos, &n) in stack.iter().enumerate().rev() {
                let lvl = tree.nodes[n].label.level;
                if lvl < SectionLevel::Star {
                    break;
                }
                if tree.nodes[n].label.key == label.key {
                    sibling_at = Some(pos);
                    break;
                }
            }
            if let Some(pos) = sibling_at {
                stack.truncate(pos);
            }
        } else {
            while let Some(&top) = stack.last() {
                let lvl = tree.nodes[top].label.level;
                if lvl >= SectionLevel::Star || lvl >= label.level {
                    stack.pop();
                } else {
                    break;
                }
            }
        }
        let parent = stack.last().copied();
        let siblings = match parent {
            Some(p) => &tree.nodes[p].children,
            None => &tree.roots,
        };
        let component = if is_bullet {
            let ordinal = siblings
                .iter()
                .filter(|&&s| tree.nodes[s].label.key == label.key)
                .count()
                + 1;
            format!("{}{}", label.key, ordinal)
        } else {
            label.key.clone()
        };
        let reference = match parent {
            Some(p) => format!("{}.{}", tree.nodes[p].reference, component),
            None => component,
        };
        let id = tree.nodes.len();
        tree.nodes.push(Node {
            label,
            head: rest.to_string(),
            body: Vec::new(),
            line: idx + 1,
            para: line.para,
            parent,
            children: Vec::new(),
            reference,
        });
        match parent {
            Some(p) => tree.nodes[p].children.push(id),
            None => tree.roots.push(id),
        }
        stack.push(id);
    }
    tree
}

/// Splits a numbered node's head into (title, text): the part before a colon when that part
/// is short and something follows it; the whole head when it reads as a heading (no final
/// full stop); otherwise no title.
pub fn split_head(head: &str) -> (String, String) {
    if let Some(pos) = head.find(':') {
        let (t, rest) = (&head[..pos], head[pos + 1..].trim());
        if !rest.is_empty() && t.chars().count() <= 150 && !t.contains(". ") {
            return (t.trim().to_string(), rest.to_string());
        }
        if rest.is_empty() {
            return (t.trim().to_string(), String::new());
        }
    }
    let t = head.trim();
    if t.ends_with('.') && t.chars().count() > 100 || t.ends_with("./.") {
        (String::new(), t.to_string())
    } else {
        (t.trim_end_matches('.').to_string(), String::new())
    }
}

impl Tree {
    /// Converts to the public model.
    pub fn to_sections(&self) -> Vec<Section> {
        self.roots.iter().map(|&r| self.section(r)).collect()
    }

    fn section(&self, id: usize) -> Section {
        let n = &self.nodes[id];
        let (title, mut text) = if n.label.level >= SectionLevel::Star {
            (String::new(), n.head.clone())
        } else {
            split_head(&n.head)
        };
        for b in &n.body {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(b);
        }
        Section {
            reference: n.reference.clone(),
            label: n.label.label.clone(),
            title,
            text,
            head: n.head.clone(),
            paragraphs: n.body.clone(),
            line: n.line,
            para: n.para,
            level: n.label.level,
            children: n.children.iter().map(|&c| self.section(c)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Line> {
        v.iter().map(|s| Line::plain(*s)).collect()
    }

    #[test]
    fn labels_of_every_level_are_parsed() {
        let cases = [
            ("II. NỘI DUNG", SectionLevel::Part, "II."),
            ("1. Mục đích", SectionLevel::Item, "1."),
            ("3.2. Xây dựng", SectionLevel::SubItem, "3.2."),
            ("3.1 Tập huấn", SectionLevel::SubItem, "3.1."),
            ("a) Công tác", SectionLevel::Point, "a)"),
            ("đ) Công tác", SectionLevel::Point, "đ)"),
            ("a.Công tác", SectionLevel::Point, "a."),
            ("- Tiếp tục", SectionLevel::Dash, "-"),
            ("+ Đoàn ra", SectionLevel::Plus, "+"),
            ("* Nội dung", SectionLevel::Star, "*"),
        ];
        for (s, level, label) in cases {
            let (l, _) = parse_label(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((l.level, l.label.as_str()), (level, label), "{s}");
        }
        for s in [
            "Icon",
            "18/2/2019",
            "2026 là",
            "an ninh",
            "-5 độ",
            "Việt Nam",
        ] {
            assert!(parse_label(s).is_none(), "{s}");
        }
    }

    #[test]
    fn the_tree_nests_levels_and_builds_dotted_refs() {
        let l = lines(&[
            "Thực hiện Kế hoạch số 1/KH-UBND.",
            "II. NỘI DUNG",
            "4. Tiếp tục triển khai",
            "4.3. Phủ xanh thông tin",
            "a) Tuyên truyền trên hệ thống thông tin cơ sở",
            "* Nội dung thực hiện:",
            "- Triển khai các sản phẩm",
            "- Lồng ghép",
            "* Đơn vị thực hiện: Trung tâm dịch vụ tổng hợp.",
            "b) Tuyên truyền trên Cổng",
            "III. TỔ CHỨC THỰC HIỆN",
            "Đoạn văn.",
        ]);
        let tree = build_tree(&l, 0..l.len());
        let s = tree.to_sections();
        assert_eq!(s.len(), 2);
        let a = &s[0].children[0].children[0].children[0];
        assert_eq!(a.reference, "II.4.3.a");
        assert_eq!(a.children.len(), 2);
        assert_eq!(a.children[0].children.len(), 2);
        assert_eq!(a.children[0].children[1].reference, "II.4.3.a.*1.-2");
        assert_eq!(a.children[1].reference, "II.4.3.a.*2");
        assert_eq!(
            s[0].children[0].children[0].children[1].reference,
            "II.4.3.b"
        );
        assert_eq!(s[1].text, "Đoạn văn.");
        assert_eq!(s[1].line, 11);
    }

    #[test]
    fn heads_split_into_title_and_text() {
        assert_eq!(
            split_head("Công tác hội nhập: Phối hợp với các cơ quan."),
            (
                "Công tác hội nhập".into(),
                "Phối hợp với các cơ quan.".into()
            )
        );
        assert_eq!(
            split_head("Ngoại giao Nhà nước"),
            ("Ngoại giao Nhà nước".into(), String::new())
        );
    }
}
