//! Citations: symbols that cannot be right, one number cited with different dates, a
//! citation dated after the document, programmes or periods that ended before the plan
//! year, and instruments the registry knows to be replaced, expired or unconfirmed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, on};
use crate::registry::{Status, parse_iso};
use crate::{Finding, Severity};

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:giai đoạn|thời kỳ)\s+(\d{4})\s*[-–]\s*(\d{4})").expect("valid regex")
});

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let d = ctx.doc;
    let mut first_date: HashMap<&str, (document::model::Date, usize)> = HashMap::new();
    for c in &d.citations {
        let Some(number) = c.number.as_deref() else {
            continue;
        };
        // A công văn has no type abbreviation: "/CV-" is never a valid symbol.
        if number.contains("/CV-") || number.contains("-CV/") {
            out.push(on(ctx, ("CIT-SYMBOL", Severity::Error),
                c.line,
                number,
                "Ký hiệu công văn không có chữ viết tắt tên loại \"CV\" (Nghị định 30/2020/NĐ-CP, Phụ lục III).",
                Some(number.replace("/CV-", "/").replace("-CV/", "-")),
            ));
        }
        if let Some(date) = c.date {
            match first_date.get(number) {
                Some((first, line)) if *first != date => out.push(on(ctx, ("CIT-DATE-CONFLICT", Severity::Warning),
                    c.line,
                    number,
                    format!(
                        "Văn bản số {number} được dẫn với hai ngày khác nhau: {} (dòng {line}) và {}.",
                        first.vietnamese(),
                        date.vietnamese()
                    ),
                    None,
                )),
                Some(_) => {}
                None => {
                    first_date.insert(number, (date, c.line));
                }
            }
            let doc_limit = d.date.or_else(|| {
                let y = d.date_parts.year?;
                let m = d.date_parts.month?;
                document::model::Date::new(y, m, document::model::days_in_month(y, m))
            });
            if let Some(limit) = doc_limit
                && date > limit
            {
                out.push(on(
                    ctx,
                    ("CIT-DATE-AFTER-DOCUMENT", Severity::Error),
                    c.line,
                    number,
                    format!(
                        "Văn bản được dẫn ({}) ban hành sau ngày của văn bản này.",
                        date.vietnamese()
                    ),
                    None,
                ));
            }
        }
        // A programme or period that ended before the plan year.
        if let Some(year) = d.year {
            let text = format!("{} {}", c.text, c.subject.as_deref().unwrap_or(""));
            if let Some(p) = PERIOD.captures(&text)
                && let Some(end) = p.get(2).and_then(|e| e.as_str().parse::<i32>().ok())
                && end < year
            {
                out.push(on(ctx, ("CIT-PERIOD-ENDED", Severity::Warning),
                    c.line,
                    number,
                    format!(
                        "Văn bản {number} áp dụng cho giai đoạn đã kết thúc năm {end}, trước năm kế hoạch {year}: kiểm tra văn bản thay thế."
                    ),
                    None,
                ));
            }
        }
        if let Some(row) = ctx.config.registry.get(number) {
            let (code, severity, message) = match row.status {
                Status::InForce => ("", Severity::Info, String::new()),
                Status::Replaced => (
                    "CIT-REPLACED",
                    Severity::Error,
                    format!(
                        "Văn bản {number} đã được thay thế: {}.",
                        if row.note.is_empty() {
                            row.replaced_by.clone().unwrap_or_default()
                        } else {
                            row.note.clone()
                        }
                    ),
                ),
                Status::Expired => (
                    "CIT-EXPIRED",
                    Severity::Warning,
                    format!("Văn bản {number} không còn phù hợp: {}.", row.note),
                ),
                Status::Unconfirmed => (
                    "CIT-UNCONFIRMED",
                    Severity::Info,
                    format!("Cần kiểm tra hiệu lực của văn bản {number}: {}.", row.note),
                ),
            };
            if !code.is_empty() {
                out.push(on(
                    ctx,
                    (code, severity),
                    c.line,
                    number,
                    message,
                    row.replaced_by.clone(),
                ));
            }
            if let (Some(cited), Some(known)) = (c.date, parse_iso(&row.date))
                && cited != known
            {
                out.push(on(
                    ctx,
                    ("CIT-DATE-REGISTRY", Severity::Warning),
                    c.line,
                    number,
                    format!(
                        "Văn bản {number} ban hành {}, không phải {}.",
                        known.vietnamese(),
                        cited.vietnamese()
                    ),
                    Some(format!(
                        "ngày {:02}/{:02}/{}",
                        known.day(),
                        known.month(),
                        known.year()
                    )),
                ));
            }
        }
    }
}
