//! Unit names of tasks (lead and partner units) against the commune's list of units
//! ([`crate::Units`]): a name close to a listed unit but not equal to it
//! (NAME-UNIT-VARIES, with the listed name as suggestion), two names of one unit that vary
//! between mentions (NAME-UNIT-VARIES), and a name not in the list (NAME-UNIT-UNKNOWN,
//! information, once per name). Groups ("các ban, ngành", "các thôn") are not units.

use super::{Ctx, at};
use crate::units::unit_key;
use crate::{Finding, Severity};

const UNKNOWN: (&str, Severity) = ("NAME-UNIT-UNKNOWN", Severity::Info);
const VARIES: (&str, Severity) = ("NAME-UNIT-VARIES", Severity::Warning);

/// One mention of a unit in a task.
struct Mention<'a> {
    text: &'a str,
    key: String,
    /// Line where the task names it.
    line: usize,
}

/// Edit distance between two short strings, in characters (bounded: returns `limit + 1`
/// as soon as it is certain to exceed `limit`).
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > limit) {
            return limit + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The first line from the task's line on (at most 20 lines) that contains `text`.
fn locate(ctx: &Ctx, from: usize, text: &str) -> (usize, usize) {
    for n in from.max(1)..from.max(1) + 20 {
        if let Some(pos) = ctx.line(n).find(text) {
            return (n, pos);
        }
    }
    (from, 0)
}

/// Splits a lead/partner field into unit names: commas and semicolons separate units.
fn names(field: &str) -> impl Iterator<Item = &str> {
    field
        .split([',', ';'])
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| !s.is_empty())
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let units = &ctx.config.units;
    if units.is_empty() {
        return;
    }
    let commune = ctx.doc.commune.as_deref();
    let mut mentions: Vec<Mention> = Vec::new();
    for task in &ctx.doc.tasks {
        for field in task.lead.iter().chain(&task.partners) {
            for text in names(field) {
                let key = unit_key(text, commune);
                // "các thôn", "các ban, ngành, đoàn thể", "các công chức liên quan": groups.
                if key.is_empty() || key.starts_with("cac ") || key == "cac" {
                    continue;
                }
                let (line, _) = locate(ctx, task.line, text);
                mentions.push(Mention { text, key, line });
            }
        }
    }
    let mut reported: Vec<&str> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if units.find(&m.key).is_some() || reported.contains(&m.key.as_str()) {
            continue;
        }
        reported.push(&m.key);
        let (line, pos) = locate(ctx, m.line, m.text);
        // Close to a listed name: a misspelt or half-abbreviated unit.
        let close = units
            .iter()
            .flat_map(|u| u.keys.iter().map(move |k| (u, k)))
            .filter(|(_, k)| k.len() >= 8)
            .map(|(u, k)| (distance(&m.key, k, 2), u))
            .filter(|&(d, _)| d <= 2)
            .min_by_key(|&(d, _)| d);
        // Two unlisted names that share their first three words: one unit, two names
        // ("Trung tâm dịch vụ tổng hợp" / "Trung tâm dịch vụ sự nghiệp công").
        let head = |k: &str| k.split(' ').take(3).collect::<Vec<_>>().join(" ");
        let other = mentions[..i].iter().find(|o| {
            o.key != m.key
                && units.find(&o.key).is_none()
                && o.key.split(' ').count() >= 3
                && head(&o.key) == head(&m.key)
        });
        let (rule, message, suggestion) = match (close, other) {
            (Some((_, unit)), _) => (
                VARIES,
                format!(
                    "Tên đơn vị \"{}\" gần giống \"{}\" trong danh sách đơn vị của xã: nên viết thống nhất.",
                    m.text, unit.name
                ),
                Some(unit.name.clone()),
            ),
            (None, Some(o)) => (
                VARIES,
                format!(
                    "Đơn vị \"{}\" ở đây, \"{}\" ở dòng {}: có phải cùng một đơn vị? Nên gọi tên thống nhất.",
                    m.text, o.text, o.line
                ),
                Some(o.text.to_string()),
            ),
            (None, None) => (
                UNKNOWN,
                format!(
                    "\"{}\" không có trong danh sách đơn vị của xã (nếu đúng, hãy bổ sung đơn vị này vào danh sách đơn vị).",
                    m.text
                ),
                None,
            ),
        };
        out.push(at(ctx, rule, line, pos, m.text, message, suggestion));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_edit_distance() {
        assert_eq!(distance("phong kinh te", "phong kinh te", 2), 0);
        assert_eq!(distance("phong kin te", "phong kinh te", 2), 1);
        assert_eq!(distance("abc", "xyzxyz", 2), 3);
    }
}
