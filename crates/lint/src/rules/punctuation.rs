//! Spacing and punctuation: a space before ":" ";" "," ".", and unbalanced brackets and
//! quotation marks within a paragraph.

use super::{Ctx, at};
use crate::{Finding, Severity};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, line) in ctx.source.lines.iter().enumerate() {
        if line.cells.is_some() {
            continue;
        }
        let n = i + 1;
        let t = &line.text;
        // A space before a colon, semicolon or comma ("Đoàn vào : Không có").
        let bytes = t.as_bytes();
        for (pos, ch) in t.char_indices() {
            if !matches!(ch, ':' | ';' | ',') || pos == 0 || bytes[pos - 1] != b' ' {
                continue;
            }
            // "Số:      /KH-UBND" style blanks and list markers are not punctuation errors.
            let before = t[..pos].trim_end();
            if before.is_empty() || before.ends_with(['-', '+', '*', '…', '.']) {
                continue;
            }
            let start = before.len();
            out.push(at(
                ctx,
                ("PUNCT-SPACE-BEFORE", Severity::Warning),
                n,
                start,
                &t[start..pos + ch.len_utf8()],
                format!("Không đặt dấu cách trước dấu \"{ch}\"."),
                Some(ch.to_string()),
            ));
        }
        // The label "a)" / "1)" is not a bracket.
        let body_start =
            document::extract::sections::parse_label(t).map_or(0, |(_, rest)| t.len() - rest.len());
        let body = &t[body_start..];
        for (open, close, what) in [('(', ')', "ngoặc đơn"), ('“', '”', "ngoặc kép")] {
            let opens = body.matches(open).count();
            let closes = body.matches(close).count();
            if opens != closes {
                let pos = body_start
                    + if opens > closes {
                        body.rfind(open)
                    } else {
                        body.find(close)
                    }
                    .unwrap_or(0);
                let c = if opens > closes { open } else { close };
                out.push(at(
                    ctx,
                    ("PUNCT-UNBALANCED", Severity::Warning),
                    n,
                    pos,
                    &c.to_string(),
                    format!("Dấu {what} không cân đối: {opens} mở, {closes} đóng."),
                    None,
                ));
            }
        }
        let straight = t.matches('"').count();
        if straight % 2 == 1 {
            let pos = t.find('"').unwrap_or(0);
            out.push(at(
                ctx,
                ("PUNCT-UNBALANCED", Severity::Warning),
                n,
                pos,
                "\"",
                "Dấu ngoặc kép không cân đối.",
                None,
            ));
        }
    }
}
