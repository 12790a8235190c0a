//! Decree 30/2020 form (Nghị định 30/2020/NĐ-CP, Phụ lục I): header parts, numbering order
//! at each level, the "a)" form of points, the date with leading zeros, the signature block
//! and the recipient list ending with "Lưu: VT".

use document::model::{Section, SectionLevel};

use super::{Ctx, at, on, whole};
use crate::{Finding, Severity};

/// Letters of points in Vietnamese alphabet order (Phụ lục I: a, b, c, d, đ, e, g, h, …).
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

/// The ordinal (1-based) of a label key at a level, if it is a valid label of that level.
fn ordinal(level: SectionLevel, key: &str) -> Option<usize> {
    match level {
        SectionLevel::Part => ROMAN.iter().position(|r| *r == key).map(|p| p + 1),
        SectionLevel::Item | SectionLevel::SubItem => key.parse().ok(),
        SectionLevel::Point => POINT_LETTERS.iter().position(|l| *l == key).map(|p| p + 1),
        _ => None,
    }
}

fn key_of(s: &Section) -> String {
    match s.level {
        SectionLevel::Part => s.label.trim_end_matches('.').to_string(),
        SectionLevel::Point => s.label.trim_end_matches([')', '.']).to_string(),
        _ => s
            .label
            .trim_end_matches(['.', ')'])
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_string(),
    }
}

fn label_for(level: SectionLevel, ordinal: usize, like: &str) -> String {
    match level {
        SectionLevel::Part => format!("{}.", ROMAN.get(ordinal - 1).unwrap_or(&"?")),
        SectionLevel::Point => format!("{})", POINT_LETTERS.get(ordinal - 1).unwrap_or(&"?")),
        SectionLevel::SubItem => {
            let prefix = like
                .trim_end_matches('.')
                .rsplit_once('.')
                .map_or("", |(p, _)| p);
            format!("{prefix}.{ordinal}.")
        }
        _ => format!("{ordinal}."),
    }
}

fn numbering(ctx: &Ctx, siblings: &[Section], out: &mut Vec<Finding>) {
    for level in [
        SectionLevel::Part,
        SectionLevel::Item,
        SectionLevel::SubItem,
        SectionLevel::Point,
    ] {
        let mut expected = 1;
        for s in siblings.iter().filter(|s| s.level == level) {
            let key = key_of(s);
            match ordinal(level, &key) {
                None if level == SectionLevel::Point => {
                    // f, j, w, z are not Vietnamese letters.
                    let want = label_for(level, expected, &s.label);
                    out.push(on(ctx, ("D30-POINT-LETTER", Severity::Error),
                        s.line,
                        &s.label,
                        format!(
                            "Chữ cái \"{key}\" không thuộc bảng chữ cái tiếng Việt dùng để đánh số điểm (a, b, c, d, đ, e, g, h, …)."
                        ),
                        Some(want),
                    ));
                    expected += 1;
                }
                None => {}
                Some(n) if n != expected => {
                    let want = label_for(level, expected, &s.label);
                    out.push(on(ctx, ("D30-NUMBERING", Severity::Error),
                        s.line,
                        &s.label,
                        format!(
                            "Số thứ tự không liên tục: sau mục trước, mục này phải là \"{want}\" (đang là \"{}\").",
                            s.label
                        ),
                        Some(want),
                    ));
                    expected = n + 1;
                }
                Some(n) => expected = n + 1,
            }
            if level == SectionLevel::Point && s.label.ends_with('.') {
                out.push(on(
                    ctx,
                    ("D30-POINT-FORM", Severity::Warning),
                    s.line,
                    &s.label,
                    "Điểm phải được đánh bằng chữ cái kèm dấu đóng ngoặc đơn, ví dụ \"a)\".",
                    Some(format!("{key})")),
                ));
            }
        }
    }
    for s in siblings {
        numbering(ctx, &s.children, out);
    }
}

/// The header parts a reading could not find (reported by the reader as warnings).
fn header(ctx: &Ctx, out: &mut Vec<Finding>) {
    let d = ctx.doc;
    let has = |code: &str| d.warnings.iter().any(|w| w.code == code);
    if has("no_national_title") {
        out.push(whole(
            "D30-HEADER-NATIONAL-TITLE",
            Severity::Error,
            "Thiếu Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" và Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\".",
        ));
    }
    if has("no_motto") {
        out.push(whole(
            "D30-HEADER-MOTTO",
            Severity::Error,
            "Thiếu Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\" dưới Quốc hiệu.",
        ));
    }
    if has("issuer_inferred") || d.issuer.is_none() {
        out.push(whole(
            "D30-HEADER-ISSUER",
            Severity::Error,
            "Thiếu tên cơ quan ban hành văn bản ở góc trên bên trái.",
        ));
    }
    if has("no_number") {
        out.push(whole(
            "D30-HEADER-NUMBER",
            Severity::Error,
            "Thiếu dòng số, ký hiệu văn bản (\"Số: …/KH-UBND\").",
        ));
    } else if d.number.is_none() {
        out.push(whole(
            "D30-NUMBER-BLANK",
            Severity::Info,
            "Số văn bản còn để trống: Văn thư cấp số khi ban hành.",
        ));
    }
    if d.place.is_none() && d.date_parts.year.is_none() {
        out.push(whole(
            "D30-HEADER-PLACE-DATE",
            Severity::Error,
            "Thiếu địa danh và thời gian ban hành văn bản.",
        ));
    } else if d.date.is_none() {
        out.push(whole(
            "D30-DATE-BLANK",
            Severity::Info,
            "Ngày, tháng ban hành còn để trống: ghi khi ký ban hành.",
        ));
    }
    if has("type_inferred") || has("no_type_line") {
        out.push(whole(
            "D30-HEADER-TYPE",
            Severity::Error,
            "Thiếu tên loại văn bản (ví dụ \"KẾ HOẠCH\") phía trên trích yếu.",
        ));
    }
    if d.title.is_none() {
        out.push(whole(
            "D30-HEADER-TITLE",
            Severity::Error,
            "Thiếu trích yếu nội dung văn bản.",
        ));
    }
}

/// "ngày 5 tháng 1 năm 2026" → days below 10 and months 1, 2 take a leading zero.
fn date_zeros(ctx: &Ctx, out: &mut Vec<Finding>) {
    let p = ctx.doc.date_parts;
    let Some(n) = (1..=ctx.source.lines.len().min(30)).find(|&n| {
        let f = vntext::fold(ctx.line(n));
        f.contains("ngay")
            && f.contains("thang")
            && f.contains("nam")
            && !f.starts_with("thuc hien")
    }) else {
        return;
    };
    let text = ctx.line(n);
    for (word, value, needs_zero) in [
        ("ngày", p.day, p.day.is_some_and(|d| d < 10)),
        ("tháng", p.month, p.month.is_some_and(|m| m <= 2)),
    ] {
        let Some(v) = value else { continue };
        if !needs_zero {
            continue;
        }
        let short = format!("{word} {v} ");
        if let Some(pos) = text.find(&short) {
            out.push(at(
                ctx,
                ("D30-DATE-ZERO", Severity::Warning),
                n,
                pos,
                short.trim_end(),
                "Ngày dưới 10 và tháng 1, 2 phải ghi thêm số 0 ở trước.",
                Some(format!("{word} {v:02}")),
            ));
        }
    }
}

fn signature(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = &ctx.doc.signer else {
        out.push(whole(
            "D30-SIGNATURE-MISSING",
            Severity::Error,
            "Không tìm thấy phần ký: thẩm quyền, chức vụ và họ tên người ký.",
        ));
        return;
    };
    for (k, a) in s.authority.iter().enumerate() {
        for prefix in ["TM.", "KT.", "TL.", "TUQ.", "Q."] {
            if let Some(rest) = a.strip_prefix(prefix)
                && !rest.starts_with(' ')
                && !rest.is_empty()
            {
                let line = (s.line..s.line + 6)
                    .find(|&n| ctx.line(n).contains(a.as_str()))
                    .unwrap_or(s.line + k);
                out.push(on(
                    ctx,
                    ("D30-SIGNATURE-SPACING", Severity::Warning),
                    line,
                    a,
                    format!("Sau \"{prefix}\" phải có một dấu cách."),
                    Some(format!("{prefix} {rest}")),
                ));
            }
        }
    }
    if s.name.is_none() {
        out.push(on(
            ctx,
            ("D30-SIGNATURE-NAME", Severity::Info),
            s.line,
            ctx.line(s.line),
            "Chưa có họ tên người ký.",
            None,
        ));
    }
}

fn recipients(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = &ctx.doc.recipients;
    if r.is_empty() {
        out.push(whole(
            "D30-RECIPIENTS-MISSING",
            Severity::Warning,
            "Thiếu phần \"Nơi nhận\".",
        ));
        return;
    }
    let last = r.last().map(String::as_str).unwrap_or("");
    if !vntext::fold(last).starts_with("luu") {
        let line = (1..=ctx.source.lines.len())
            .rev()
            .find(|&n| ctx.line(n).contains(last))
            .unwrap_or(0);
        out.push(on(
            ctx,
            ("D30-RECIPIENTS-LUU", Severity::Warning),
            line,
            last,
            "Nơi nhận phải kết thúc bằng dòng \"- Lưu: VT, …\".",
            Some("- Lưu: VT.".into()),
        ));
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    header(ctx, out);
    numbering(ctx, &ctx.doc.sections, out);
    date_zeros(ctx, out);
    signature(ctx, out);
    recipients(ctx, out);
}
