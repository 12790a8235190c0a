//! The DOCX as Word reads it: page size, margins, fonts, sizes and styles of each element.

use std::io::Read;

use super::round_trip::{parse, seeds};

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

fn render_sample(i: usize) -> Vec<u8> {
    let seed = &seeds()[i];
    let doc = parse(&std::fs::read(seed).expect("seed"), "s.txt");
    render::docx::render(&doc).expect("renders")
}

/// The XML of the `w:style` element with `w:styleId="id"`.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("style {id}"));
    let end = styles[start..].find("</w:style>").expect("end") + start;
    &styles[start..end]
}

#[test]
fn the_page_is_a4_portrait_with_decree_30_margins() {
    let doc = part(&render_sample(1), "word/document.xml");
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "A4");
    // top 20 mm, left 30 mm, bottom 20 mm, right 15 mm (in twips).
    for m in [
        "w:top=\"1134\"",
        "w:left=\"1701\"",
        "w:bottom=\"1134\"",
        "w:right=\"851\"",
    ] {
        assert!(doc.contains(m), "margin {m}");
    }
    assert!(doc.contains("<w:titlePg"), "no page number on page 1");
}

#[test]
fn styles_carry_the_decree_30_fonts_and_sizes() {
    let styles = part(&render_sample(0), "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
    let cases = [
        ("VanBan", "28", false, false, "both"),
        ("Heading1", "28", true, false, "both"),
        ("TenLoai", "28", true, false, "center"),
        ("TrichYeu", "28", true, false, "center"),
        ("CoQuan", "26", true, false, "center"),
        ("QuocHieu", "24", true, false, "center"),
        ("TieuNgu", "26", true, false, "center"),
        ("DiaDanh", "28", false, true, "center"),
        ("NoiNhanTieuDe", "24", true, true, "left"),
        ("NoiNhan", "22", false, false, "left"),
        ("ChuKy", "28", true, false, "center"),
    ];
    for (id, size, bold, italic, jc) in cases {
        let s = style(&styles, id);
        assert!(s.contains(&format!("<w:sz w:val=\"{size}\"")), "{id} size");
        assert_eq!(
            s.contains("<w:b />") || s.contains("<w:b/>"),
            bold,
            "{id} bold"
        );
        assert_eq!(
            s.contains("<w:i />") || s.contains("<w:i/>"),
            italic,
            "{id} italic"
        );
        assert!(
            s.contains(&format!("<w:jc w:val=\"{jc}\"")),
            "{id} alignment"
        );
    }
    // Body: first-line indent 1.27 cm and 6 pt after.
    let body = style(&styles, "VanBan");
    assert!(body.contains("w:firstLine=\"720\""), "{body}");
    assert!(body.contains("w:after=\"120\""), "{body}");
}

#[test]
fn every_body_paragraph_has_a_named_style_and_the_header_is_a_two_column_table() {
    let doc = part(&render_sample(2), "word/document.xml");
    let paragraphs = doc.matches("<w:p>").count() + doc.matches("<w:p ").count();
    let styled = doc.matches("<w:pStyle ").count();
    assert!(paragraphs > 50);
    assert!(
        styled * 100 >= paragraphs * 95,
        "{styled} of {paragraphs} paragraphs styled"
    );
    let first_table = &doc[doc.find("<w:tbl>").expect("table")..doc.find("</w:tbl>").expect("end")];
    assert_eq!(first_table.matches("<w:gridCol ").count(), 2);
    assert!(first_table.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(first_table.contains("Độc lập - Tự do - Hạnh phúc"));
    let header = part(&render_sample(2), "word/header1.xml");
    assert!(
        header.contains("PAGE"),
        "page number field in the page header"
    );
}
