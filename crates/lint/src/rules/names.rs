//! Names: another commune's name where the text speaks of itself (a plan copied from a
//! neighbour keeps the neighbour's name), and districts ("huyện", "UBND huyện"), which no
//! longer exist from 01/07/2025 (Luật 72/2025/QH15; the two-tier local government).

use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, at};
use crate::{Finding, Severity};

/// Words after which "xã X" names the document's own commune: its image, citizens,
/// people, committee, territory.
static SELF_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:hình ảnh|công dân|[Nn]hân dân|người|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|địa bàn|đối ngoại|của) (xã|phường|đặc khu) (\p{Lu}\p{L}*(?: \p{Lu}\p{L}*){0,3})")
        .expect("valid regex")
});

static DISTRICT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:UBND |Ủy ban nhân dân )?huyện\b").expect("valid regex"));

/// A fast first test for [`DISTRICT`] (whose Unicode word boundaries make it slow): the
/// word itself, in any case, without the boundaries.
static DISTRICT_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)huyện").expect("valid regex"));

fn other_commune(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (own, own_kind) = match &ctx.config.commune {
        Some(c) => (c.name.as_str(), Some(c.kind)),
        None => match ctx.doc.commune.as_deref() {
            Some(c) => (c, ctx.doc.commune_kind),
            None => return,
        },
    };
    let own_f = vntext::fold(own);
    let kind_word = own_kind.map_or("xã", |k| k.vietnamese());
    // The document names another commune as its issuer: the whole plan is someone else's.
    if let Some(named) = ctx.doc.commune.as_deref()
        && ctx.config.commune.is_some()
        && vntext::fold(named) != own_f
    {
        let named_kind = ctx.doc.commune_kind.map_or("xã", |k| k.vietnamese());
        let line = (1..=ctx.source.lines.len().min(12))
            .find(|n| vntext::fold(ctx.line(*n)).contains(&vntext::fold(named)))
            .unwrap_or(0);
        let at_byte = ctx.line(line).find(named).unwrap_or(0);
        let mut f = at(
            ctx,
            ("NAME-OTHER-COMMUNE", Severity::Warning),
            line,
            at_byte,
            named,
            format!(
                "Văn bản ghi là của {named_kind} {named} nhưng đang được nhập làm kế hoạch của \
                 {kind_word} {own}: có thể là kế hoạch của xã khác được sao chép. Vui lòng \
                 sửa tên xã trong văn bản trước khi trình ký."
            ),
            Some(own.to_string()),
        );
        if line == 0 {
            f.column = 0;
        }
        out.push(f);
    }
    for (i, line) in ctx.source.lines.iter().enumerate() {
        for c in SELF_MENTION.captures_iter(&line.text) {
            let (Some(kind), Some(name)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if vntext::fold(name.as_str()) == own_f {
                continue;
            }
            // "xã Đức Thịnh với các xã bạn" is fine; only the self-referring forms count.
            out.push(at(ctx, ("NAME-OTHER-COMMUNE", Severity::Warning),
                i + 1,
                name.start(),
                name.as_str(),
                format!(
                    "Văn bản của {kind_word} {own} nhưng ở đây nói \"{} {}\": có thể là tên xã khác còn sót khi sao chép kế hoạch.",
                    kind.as_str(),
                    name.as_str()
                ),
                Some(own.to_string()),
            ));
        }
    }
}

fn districts(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Only documents written after the reform: dated from 01/07/2025, or for 2026 onwards.
    let d = ctx.doc;
    let after_reform = d.date.is_some_and(|x| (x.year(), x.month()) >= (2025, 7))
        || d.date_parts.year.is_some_and(|y| y >= 2026)
        || d.year.is_some_and(|y| y >= 2026);
    if !after_reform {
        return;
    }
    for (i, line) in ctx.source.lines.iter().enumerate() {
        if !DISTRICT_WORD.is_match(&line.text) {
            continue;
        }
        for m in DISTRICT.find_iter(&line.text) {
            // A citation of an old district document keeps its issuer as it was.
            let inside_old_citation = d.citations.iter().any(|c| {
                c.line == i + 1
                    && c.date.is_some_and(|x| (x.year(), x.month()) < (2025, 7))
                    && c.issuer.as_deref().is_some_and(|s| s.contains(m.as_str()))
            });
            if inside_old_citation {
                continue;
            }
            out.push(at(ctx, ("NAME-DISTRICT", Severity::Error),
                i + 1,
                m.start(),
                m.as_str(),
                "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp): cần sửa thành cấp tỉnh hoặc cấp xã.",
                None,
            ));
        }
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    other_commune(ctx, out);
    districts(ctx, out);
}
