//! Comparing two documents by content: what differs once spans (line and paragraph
//! numbers), provenance and reading warnings are set aside. Used to check that a plan reads
//! the same from each format and survives a render round trip, and to show what changed
//! between two versions of a plan.

use serde_json::Value;

use crate::model::Document;

/// Keys that describe where something was found, not what it is.
const SPAN_KEYS: [&str; 5] = ["line", "para", "source", "warnings", "format_version"];

/// The document as JSON without spans and provenance.
pub fn content_json(doc: &Document) -> Value {
    let mut v = serde_json::to_value(doc).unwrap_or(Value::Null);
    strip(&mut v);
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in SPAN_KEYS {
                m.remove(k);
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// The differences between two content JSON values, one line each:
/// `path: left ≠ right` (values cut to 200 characters). Empty when equal.
pub fn json_differences(a: &Value, b: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(a, b, "", &mut out);
    out
}

/// [`json_differences`] of the two documents' [`content_json`].
pub fn differences(a: &Document, b: &Document) -> Vec<String> {
    json_differences(&content_json(a), &content_json(b))
}

fn walk(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let null = Value::Null;
                walk(
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                walk(va, vb, &format!("{path}[{i}]"), out);
            }
        }
        (x, y) if x == y => {}
        (x, y) => out.push(format!("{path}: {} ≠ {}", cut(x), cut(y))),
    }
}

fn cut(v: &Value) -> String {
    v.to_string().chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_do_not_count_but_content_does() {
        let a = crate::parse_bytes("I. MỤC ĐÍCH\n1. Bám sát.".as_bytes(), None).unwrap();
        let b = crate::parse_bytes("\n\nI. MỤC ĐÍCH\n\n1. Bám sát.".as_bytes(), None).unwrap();
        assert!(differences(&a, &b).is_empty(), "{:?}", differences(&a, &b));
        let c = crate::parse_bytes("I. MỤC ĐÍCH\n1. Bám sát hơn.".as_bytes(), None).unwrap();
        let d = differences(&a, &c);
        assert!(
            d.iter()
                .any(|l| l.starts_with(".sections[0].children[0].head")),
            "{d:?}"
        );
    }
}
