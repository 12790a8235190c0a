//! Consistency: the plan year against dates in the text, "Không có" delegations against a
//! filled table, totals in tables.

use super::{Ctx, on, whole};
use crate::{Finding, Severity};

fn year_vs_dates(ctx: &Ctx, out: &mut Vec<Finding>) {
    let d = ctx.doc;
    let Some(year) = d.year else { return };
    if let Some(date) = d.date
        && date.year() > year
    {
        out.push(whole(
            "CONS-YEAR-DATE",
            Severity::Warning,
            format!(
                "Kế hoạch năm {year} nhưng ban hành {}: kiểm tra năm kế hoạch.",
                date.vietnamese()
            ),
        ));
    }
    for t in &d.tasks {
        let Some(tf) = t.timeframe.as_deref() else {
            continue;
        };
        for w in tf.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 4
                && let Ok(y) = w.parse::<i32>()
                && (1990..2200).contains(&y)
                && y != year
            {
                out.push(on(
                    ctx,
                    ("CONS-YEAR-TIMEFRAME", Severity::Warning),
                    (t.line..t.line + 12)
                        .find(|&n| ctx.line(n).contains(tf))
                        .unwrap_or(t.line),
                    tf,
                    format!("Thời gian thực hiện ghi năm {y}, khác năm kế hoạch {year}."),
                    Some(tf.replace(w, &year.to_string())),
                ));
            }
        }
    }
}

fn delegations(ctx: &Ctx, out: &mut Vec<Finding>) {
    let dl = &ctx.doc.delegations;
    if dl.outbound_none && !dl.outbound.is_empty() {
        out.push(on(
            ctx,
            ("CONS-DELEGATION-NONE", Severity::Error),
            dl.outbound[0].line,
            "",
            "Văn bản ghi \"Đoàn ra: Không có\" nhưng bảng tổng hợp lại có đoàn ra.",
            None,
        ));
    }
    if dl.inbound_none && !dl.inbound.is_empty() {
        out.push(on(
            ctx,
            ("CONS-DELEGATION-NONE", Severity::Error),
            dl.inbound[0].line,
            "",
            "Văn bản ghi \"Đoàn vào: Không có\" nhưng bảng tổng hợp lại có đoàn vào.",
            None,
        ));
    }
}

/// A row whose first filled cell starts with "Tổng" must equal the sum of the numeric rows
/// above it, column by column.
fn totals(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in &ctx.doc.tables {
        let mut sums: Vec<Option<f64>> = Vec::new();
        for (r, row) in t.rows.iter().enumerate().skip(1) {
            let first = row
                .iter()
                .find(|c| !c.trim().is_empty())
                .map_or("", |c| c.trim());
            let is_total = vntext::fold(first).starts_with("tong");
            if sums.len() < row.len() {
                sums.resize(row.len(), Some(0.0));
            }
            for (k, cell) in row.iter().enumerate().skip(1) {
                let v = cell.trim().replace('.', "").replace(',', ".");
                if v.is_empty() {
                    continue;
                }
                let Ok(x) = v.parse::<f64>() else {
                    if !is_total {
                        sums[k] = None;
                    }
                    continue;
                };
                if is_total {
                    if let Some(s) = sums[k]
                        && (s - x).abs() > 1e-6
                    {
                        out.push(on(
                            ctx,
                            ("CONS-TABLE-TOTAL", Severity::Error),
                            t.line + r,
                            cell.trim(),
                            format!("Dòng tổng ghi {cell}, nhưng cộng các dòng trên được {s}."),
                            Some(format!("{s}")),
                        ));
                    }
                } else if let Some(s) = sums[k].as_mut() {
                    *s += x;
                }
            }
        }
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    year_vs_dates(ctx, out);
    delegations(ctx, out);
    totals(ctx, out);
}
