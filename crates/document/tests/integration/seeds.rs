//! Every sample plan in ../shared/seeds parses with its facts right. The expected facts were
//! written by hand from the documents (tests/fixtures/expected/*.json); the comparison is a
//! subset match: every field named in the fixture must equal the parsed value.

use std::path::{Path, PathBuf};

use serde_json::Value;

pub fn seeds_dir() -> PathBuf {
    samples::seeds_dir()
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The sample stems, e.g. "000_5354b660accbc6e9".
pub fn seed_stems() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures_dir().join("expected"))
        .expect("expected fixtures")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "one expected-facts file per sample plan");
    v
}

pub fn parse_file(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = document::parse_bytes(&bytes, path.file_name().and_then(|n| n.to_str()))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(&doc).expect("serialises")
}

/// Asserts that every field of `expected` is in `actual` with the same value; arrays must
/// have the same length and match element by element.
pub fn assert_subset(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => assert_subset(ev, av, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!(
                    "{path}: {} elements expected, {} found: {}",
                    e.len(),
                    a.len(),
                    short(actual)
                ));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_subset(ev, av, &format!("{path}[{i}]"), errors);
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{path}: expected {e}, found {a}")),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(400).collect()
}

fn numbered_refs(sections: &Value, out: &mut Vec<String>) {
    for s in sections.as_array().into_iter().flatten() {
        let level = s["level"].as_str().unwrap_or("");
        if matches!(level, "part" | "item" | "subitem" | "point") {
            out.push(s["ref"].as_str().unwrap_or("").to_string());
            numbered_refs(&s["children"], out);
        }
    }
}

/// Checks a parsed document against the expected facts of `stem`; returns the errors.
pub fn check_facts(stem: &str, actual: &Value) -> Vec<String> {
    let text =
        std::fs::read_to_string(fixtures_dir().join("expected").join(format!("{stem}.json")))
            .expect("fixture");
    let expected: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let mut errors = Vec::new();
    assert_subset(&expected["doc"], actual, "doc", &mut errors);
    let mut refs = Vec::new();
    numbered_refs(&actual["sections"], &mut refs);
    let want: Vec<String> = expected["sections_numbered"]
        .as_array()
        .expect("sections_numbered")
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect();
    if refs != want {
        errors.push(format!(
            "numbered sections: expected {want:?}, found {refs:?}"
        ));
    }
    let tasks = actual["tasks"].as_array().cloned().unwrap_or_default();
    for t in expected["tasks_some"].as_array().into_iter().flatten() {
        let r = t["ref"].as_str().unwrap_or("");
        let Some(found) = tasks.iter().find(|x| x["ref"] == r) else {
            errors.push(format!("task {r}: missing"));
            continue;
        };
        if let Some(start) = t.get("text_starts").and_then(Value::as_str) {
            let text = found["text"].as_str().unwrap_or("");
            if !text.starts_with(start) {
                errors.push(format!(
                    "task {r}: text {text:?} does not start with {start:?}"
                ));
            }
        }
        for key in ["lead", "partners", "timeframe"] {
            if let Some(v) = t.get(key) {
                assert_subset(v, &found[key], &format!("task {r}.{key}"), &mut errors);
            }
        }
    }
    for r in expected["tasks_absent"].as_array().into_iter().flatten() {
        if tasks.iter().any(|x| x["ref"] == *r) {
            errors.push(format!("task {r}: should not be a task"));
        }
    }
    errors
}

#[test]
fn every_sample_plan_parses_with_its_facts_right() {
    if samples::missing() {
        return;
    }
    let mut all = Vec::new();
    for stem in seed_stems() {
        let path = seeds_dir().join(format!("{stem}.txt"));
        let doc = parse_file(&path);
        for e in check_facts(&stem, &doc) {
            all.push(format!("{stem}: {e}"));
        }
    }
    assert!(
        all.is_empty(),
        "{} wrong facts:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn spans_point_at_the_lines_that_hold_what_was_found() {
    if samples::missing() {
        return;
    }
    for stem in seed_stems() {
        let path = seeds_dir().join(format!("{stem}.txt"));
        let bytes = std::fs::read(&path).expect("seed");
        let source = document::read::read(&bytes, None).expect("reads");
        let doc = document::extract::extract(&source, None);
        for c in &doc.citations {
            let line = &source.lines[c.line - 1].text;
            assert!(
                line.contains(c.number.as_deref().unwrap_or("")),
                "{stem}: citation line {} {line:?}",
                c.line
            );
        }
        for t in &doc.tasks {
            assert!(
                t.line >= 1 && t.line <= source.lines.len(),
                "{stem}: task line"
            );
        }
        if let Some(s) = &doc.signer {
            let line = &source.lines[s.line - 1].text;
            assert!(
                s.authority
                    .first()
                    .or(s.position.as_ref())
                    .is_some_and(|a| line.contains(a.as_str())),
                "{stem}: signer line {line:?}"
            );
        }
    }
}
