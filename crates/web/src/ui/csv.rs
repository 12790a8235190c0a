//! CSV downloads: UTF-8 with a BOM so Excel shows Vietnamese correctly, RFC 4180 quoting,
//! and cells that a spreadsheet would run as a formula defused.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A cell as written: control characters other than line feeds (tabs and carriage returns
/// too, which some spreadsheets skip before a formula) and bidirectional overrides are
/// dropped (`vntext::is_unwanted_control`, the rule of stored text, here also for texts
/// stored before it); then a leading `= + - @` is quoted with `'`.
fn cell(c: &str) -> String {
    let c: String = c
        .chars()
        .filter(|ch| !vntext::is_unwanted_control(*ch) && *ch != '\t')
        .collect();
    let c = if c.starts_with(['=', '+', '-', '@']) {
        format!("'{c}")
    } else {
        c
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

/// The CSV text of a header and rows.
pub fn csv_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(header.iter().map(|h| cell(h)).collect());
    for r in rows {
        line(r.iter().map(|c| cell(c)).collect());
    }
    out
}

/// A CSV download.
pub fn csv_response(filename: &str, header: &[&str], rows: &[Vec<String>]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        csv_text(header, rows),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let text = csv_text(
            &["Tên", "Ghi chú"],
            &[vec!["=1+1".into(), "a, \"b\"".into()]],
        );
        assert_eq!(text, "\u{feff}Tên,Ghi chú\r\n'=1+1,\"a, \"\"b\"\"\"\r\n");
        assert_eq!(cell("a\u{0}b\u{1b}c"), "abc");
        assert_eq!(cell("\t\r=1+1"), "'=1+1");
        assert_eq!(cell("tep\u{202e}fdp.exe"), "tepfdp.exe");
    }
}
