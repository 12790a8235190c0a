//! The figures of a report, checked as the province's reviewer checks them
//! (registers-reports.md §3): member-trips at least the delegations ("07 đoàn với 29 lượt
//! người"), distinct persons at most the member-trips, the year to date at least the period
//! ("lũy kế từ đầu năm"), disbursed at most pledged, and the figures written in the text
//! against the annex tables (Quảng Trị once published 499 visitors in a month and 318 for the
//! year: exactly what these rules catch). Each fires only on numbers written in the text.

use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, at};
use crate::{Finding, Severity};

static TRIPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+)\s+đoàn(?:\s*,|\s+với|\s+gồm|\s+có)?\s+(\d+)\s+lượt\s+người(?:\s*[,(]\s*(\d+)\s+người)?")
        .expect("valid regex")
});
/// "lũy kế từ đầu năm: 05 đoàn", "lũy kế 12 đoàn", "từ đầu năm đến nay 5 đoàn".
static CUMULATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:lũy kế|luỹ kế|từ đầu năm đến nay)(?:\s+từ đầu năm)?\s*:?\s*(\d+)\s+(\p{L}+)",
    )
    .expect("valid regex")
});
static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)\s+(\p{L}+)").expect("valid regex"));
static PLEDGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)cam kết\s+(?:là\s+)?(\d{1,3}(?:\.\d{3})+|\d+)\s+đồng").expect("valid regex")
});
static DISBURSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)giải ngân(?:\s+trong kỳ)?\s+(?:là\s+)?(\d{1,3}(?:\.\d{3})+|\d+)\s+đồng")
        .expect("valid regex")
});
/// "Biểu 01: Đoàn ra".
static ANNEX_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^biểu\s+\d+\s*[:.\-–]\s*(.+)$").expect("valid regex"));

fn number(s: &str) -> Option<i64> {
    s.replace('.', "").parse().ok()
}

fn trips(ctx: &Ctx, line: usize, text: &str, out: &mut Vec<Finding>) {
    for c in TRIPS.captures_iter(text) {
        let (Some(n), Some(m)) = (number(&c[1]), number(&c[2])) else {
            continue;
        };
        let whole = c.get(0).map_or("", |m| m.as_str());
        let start = c.get(0).map_or(0, |m| m.start());
        if m < n {
            out.push(at(
                ctx,
                ("FIG-TRIPS", Severity::Error),
                line,
                start,
                whole,
                format!("Số lượt người ({m}) ít hơn số đoàn ({n}): mỗi đoàn có ít nhất một người."),
                None,
            ));
        }
        if let Some(p) = c.get(3).and_then(|p| number(p.as_str()))
            && p > m
        {
            out.push(at(
                ctx,
                ("FIG-PERSONS", Severity::Error),
                line,
                start,
                whole,
                format!(
                    "Số người ({p}) nhiều hơn số lượt người ({m}): mỗi người được tính ít nhất \
                     một lượt."
                ),
                None,
            ));
        }
    }
}

/// The year to date against the period figure of the same thing, in one sentence.
fn cumulative(ctx: &Ctx, line: usize, text: &str, out: &mut Vec<Finding>) {
    for c in CUMULATIVE.captures_iter(text) {
        let (Some(total), unit) = (number(&c[1]), &c[2]) else {
            continue;
        };
        let start = c.get(0).map_or(0, |m| m.start());
        // The period figure: the last "N <unit>" before the cumulative one, in the same
        // sentence.
        let before = &text[..start];
        let sentence = before.rsplit(['.', ';']).next().unwrap_or(before);
        let sentence = if sentence.trim().is_empty() {
            before
                .trim_end_matches([' ', ';', '.'])
                .rsplit('.')
                .next()
                .unwrap_or("")
        } else {
            sentence
        };
        let period = COUNT
            .captures_iter(sentence)
            .filter(|p| p[2].to_lowercase() == unit.to_lowercase())
            .filter_map(|p| number(&p[1]))
            .last();
        if let Some(p) = period
            && total < p
        {
            let whole = c.get(0).map_or("", |m| m.as_str());
            out.push(at(
                ctx,
                ("FIG-YEAR-TO-DATE", Severity::Error),
                line,
                start,
                whole,
                format!(
                    "Số lũy kế từ đầu năm ({total} {unit}) nhỏ hơn số của kỳ báo cáo ({p} {unit})."
                ),
                None,
            ));
        }
    }
}

fn aid(ctx: &Ctx, line: usize, text: &str, out: &mut Vec<Finding>) {
    let pledged = PLEDGED.captures(text).and_then(|c| number(&c[1]));
    for c in DISBURSED.captures_iter(text) {
        let (Some(p), Some(d)) = (pledged, number(&c[1])) else {
            continue;
        };
        if d > p {
            let m = c.get(0).expect("a match");
            out.push(at(
                ctx,
                ("FIG-DISBURSED", Severity::Warning),
                line,
                m.start(),
                m.as_str(),
                "Giá trị giải ngân lớn hơn giá trị cam kết: kiểm tra lại số liệu (có thể là \
                 giải ngân của khoản viện trợ phê duyệt từ kỳ trước).",
                None,
            ));
        }
    }
}

/// An annex table ("Biểu 01: Đoàn ra") against the text's sentence about the same thing
/// ("Đoàn ra: trong kỳ có 03 đoàn…"): the table's numbered rows are the entries counted.
fn tables(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in &ctx.doc.tables {
        let Some(subject) = t
            .title
            .as_deref()
            .and_then(|s| ANNEX_TITLE.captures(s.trim()))
            .map(|c| c[1].trim().to_string())
        else {
            continue;
        };
        // Only tables whose rows are numbered records (STT 1, 2, …).
        if t.rows.first().and_then(|r| r.first()).map(|h| h.trim()) != Some("STT") {
            continue;
        }
        let rows = t
            .rows
            .iter()
            .skip(1)
            .filter(|r| {
                r.first()
                    .is_some_and(|c| c.trim().parse::<u32>().is_ok_and(|n| n > 0))
            })
            .count() as i64;
        let prefix = format!("{subject}:");
        for (i, l) in ctx.source.lines.iter().enumerate() {
            if l.cells.is_some() || !l.text.starts_with(&prefix) {
                continue;
            }
            let rest = &l.text[prefix.len()..];
            let Some(c) = COUNT.captures(rest) else {
                continue;
            };
            let Some(n) = number(&c[1]) else { continue };
            if n != rows {
                let m = c.get(0).expect("a match");
                out.push(at(
                    ctx,
                    ("FIG-TABLE", Severity::Warning),
                    i + 1,
                    prefix.len() + m.start(),
                    m.as_str(),
                    format!(
                        "Văn bản ghi {} {} nhưng biểu “{}” liệt kê {rows} dòng.",
                        &c[1],
                        &c[2],
                        t.title.as_deref().unwrap_or_default()
                    ),
                    None,
                ));
            }
        }
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, l) in ctx.source.lines.iter().enumerate() {
        if l.cells.is_some() {
            continue;
        }
        let text = l.text.as_str();
        trips(ctx, i + 1, text, out);
        cumulative(ctx, i + 1, text, out);
        aid(ctx, i + 1, text, out);
    }
    tables(ctx, out);
}

#[cfg(test)]
mod tests {
    use crate::{Config, lint};

    fn codes(text: &str) -> Vec<&'static str> {
        let source = document::read::read(text.as_bytes(), Some("bc.txt")).unwrap();
        let doc = document::extract::extract(&source, Some("bc.txt"));
        lint(&source, &doc, &Config::builtin())
            .into_iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FIG-"))
            .collect()
    }

    const HEAD: &str = "ỦY BAN NHÂN DÂN\nXÃ HÀ BẮC\nSố: 12/BC-UBND\nBÁO CÁO\nKết quả công tác đối ngoại 6 tháng đầu năm 2026\nKính gửi: Sở Ngoại vụ.\nI. KẾT QUẢ\n";

    #[test]
    fn consistent_figures_raise_nothing() {
        let t = format!(
            "{HEAD}Đoàn ra: trong kỳ có 03 đoàn, 09 lượt người, 08 người; lũy kế từ đầu năm: 05 đoàn, 12 lượt người.\nViện trợ: trong kỳ có 01 khoản viện trợ, giá trị cam kết 850.000.000 đồng, giải ngân 550.000.000 đồng.\nTỉnh đón 06 đoàn với 499 lượt người.\n"
        );
        assert_eq!(codes(&t), Vec::<&str>::new());
    }

    #[test]
    fn fewer_member_trips_than_delegations_are_an_error() {
        let t = format!("{HEAD}Trong kỳ, xã cử 07 đoàn với 5 lượt người đi công tác.\n");
        assert_eq!(codes(&t), vec!["FIG-TRIPS"]);
    }

    #[test]
    fn more_persons_than_member_trips_are_an_error() {
        let t = format!("{HEAD}Đoàn ra: trong kỳ có 03 đoàn, 09 lượt người, 10 người.\n");
        assert_eq!(codes(&t), vec!["FIG-PERSONS"]);
    }

    #[test]
    fn a_year_to_date_below_the_period_is_an_error() {
        let t = format!(
            "{HEAD}Đoàn vào: trong tháng có 06 đoàn với 499 lượt người; lũy kế từ đầu năm: 05 đoàn, 318 lượt người.\n"
        );
        assert_eq!(codes(&t), vec!["FIG-YEAR-TO-DATE"]);
    }

    #[test]
    fn more_disbursed_than_pledged_is_a_warning() {
        let t = format!(
            "{HEAD}Viện trợ: giá trị cam kết 500.000.000 đồng, giải ngân 700.000.000 đồng.\n"
        );
        assert_eq!(codes(&t), vec!["FIG-DISBURSED"]);
    }
}
