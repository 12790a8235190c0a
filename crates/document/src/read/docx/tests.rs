//! Tests of the DOCX reader on small packages built in memory.

use std::io::{Cursor, Write};

use proptest::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{MAX_DOCUMENT_XML, read, read_unguarded};
use crate::error::ReadError;
use crate::source::{Format, Line};

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
);

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// Builds a zip from (name, content) pairs.
fn zip_of(entries: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        zip.start_file(*name, options).expect("start entry");
        zip.write_all(data).expect("write entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn styles_xml(inner: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>{inner}</w:styles>"#)
}

fn numbering_xml(inner: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{inner}</w:numbering>"#)
}

/// A DOCX with `body` as the content of `w:body`, and optional styles/numbering content.
fn docx_full(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let doc = document_xml(body);
    let styles = styles.map(styles_xml);
    let numbering = numbering.map(numbering_xml);
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ];
    if let Some(s) = &styles {
        entries.push(("word/styles.xml", s.as_bytes()));
    }
    if let Some(n) = &numbering {
        entries.push(("word/numbering.xml", n.as_bytes()));
    }
    zip_of(&entries, CompressionMethod::Deflated)
}

fn docx(body: &str) -> Vec<u8> {
    docx_full(body, None, None)
}

fn lines_of(bytes: &[u8]) -> Vec<Line> {
    let source = read(bytes).expect("readable DOCX");
    assert_eq!(source.format, Format::Docx);
    source.lines
}

fn texts(lines: &[Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

/// A paragraph with one plain run.
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph with one run and paragraph properties.
fn p_pr(ppr: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A numbered paragraph.
fn p_num(num_id: i64, ilvl: u8, text: &str) -> String {
    p_pr(
        &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>"#),
        text,
    )
}

/// A run with run properties.
fn r(rpr: &str, text: &str) -> String {
    format!(r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn lvl(ilvl: u8, start: i64, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>"#
    )
}

fn num(num_id: i64, abstract_id: i64, extra: &str) -> String {
    format!(r#"<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>"#)
}

#[test]
fn plain_paragraphs_keep_document_order_and_paragraph_indexes() {
    let body = [
        p("Kế hoạch  công tác\u{a0} đối ngoại"),
        "<w:p/>".to_owned(),
        r#"<w:p><w:r><w:t>Năm</w:t></w:r><w:r><w:tab/><w:t>2025</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; sau</w:t></w:r></w:p>"#.to_owned(),
        p("   "),
        p("Hết"),
    ]
    .concat();
    let lines = lines_of(&docx(&body));
    assert_eq!(
        texts(&lines),
        ["Kế hoạch công tác đối ngoại", "Năm 2025 & sau", "Hết"]
    );
    let paras: Vec<_> = lines.iter().map(|l| l.para).collect();
    assert_eq!(paras, [Some(0), Some(2), Some(4)]);
    for l in &lines {
        assert_eq!(l.raw_lines, None);
        assert_eq!(l.heading, None);
        assert_eq!(l.cells, None);
        assert_eq!(l.table, None);
        assert!(!l.bold);
    }
}

#[test]
fn decomposed_text_comes_out_in_nfc() {
    let lines = lines_of(&docx(&p("Vie\u{0323}\u{0302}t Nam")));
    assert_eq!(texts(&lines), ["Việt Nam"]);
}

#[test]
fn line_breaks_split_a_paragraph_into_lines_with_the_same_index() {
    let body = format!(
        "{}{}",
        p("Mở đầu"),
        r#"<w:p><w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Như trên;</w:t></w:r><w:r><w:cr/><w:t>- Lưu: VT.</w:t><w:br w:type="page"/></w:r></w:p>"#
    );
    let lines = lines_of(&docx(&body));
    assert_eq!(
        texts(&lines),
        ["Mở đầu", "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    );
    let paras: Vec<_> = lines.iter().map(|l| l.para).collect();
    assert_eq!(paras, [Some(0), Some(1), Some(1), Some(1)]);
}

#[test]
fn deleted_text_field_codes_and_hidden_text_are_left_out() {
    let body = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Giao </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="A"><w:r><w:delText>Phòng Nội vụ</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="A"><w:r><w:t>Văn phòng</w:t></w:r></w:ins>"#,
        r#"<w:moveFrom w:id="3" w:author="A"><w:r><w:t>cũ</w:t></w:r></w:moveFrom>"#,
        r#"<w:r><w:t xml:space="preserve"> chủ trì, trang </w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"#,
        r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> mã</w:t><w:noBreakHyphen/><w:t>01</w:t></w:r>"#,
        r#"</w:p>"#,
        r#"<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>01/01/2025</w:t></w:r></w:fldSimple></w:p>"#,
    );
    let lines = lines_of(&docx(body));
    assert_eq!(
        texts(&lines),
        ["Giao Văn phòng chủ trì, trang 3 mã-01", "01/01/2025"]
    );
}

#[test]
fn alternate_content_and_text_boxes_are_read_once_after_their_anchor() {
    let textbox = |text: &str| {
        format!(r#"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"#)
    };
    let body = format!(
        concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">Trước </w:t></w:r><w:r><mc:AlternateContent>"#,
            r#"<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r><w:r><w:t>sau</w:t></w:r></w:p>{}"#
        ),
        textbox("Hộp chữ"),
        textbox("Hộp chữ"),
        p("Tiếp")
    );
    let lines = lines_of(&docx(&body));
    assert_eq!(texts(&lines), ["Trước sau", "Hộp chữ", "Tiếp"]);
    let paras: Vec<_> = lines.iter().map(|l| l.para).collect();
    assert_eq!(paras, [Some(0), Some(1), Some(2)]);
}

#[test]
fn content_controls_are_transparent() {
    let body = concat!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="Tên"/><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent>"#,
        r#"<w:p><w:r><w:t>Trong điều khiển</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:p><w:sdt><w:sdtContent><w:r><w:t>Nội dòng</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
    );
    let lines = lines_of(&docx(body));
    assert_eq!(texts(&lines), ["Trong điều khiển", "Nội dòng"]);
    assert!(!lines[0].bold);
}

fn outline_numbering() -> String {
    [
        r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>"#
            .to_owned(),
        lvl(0, 1, "upperRoman", "%1."),
        lvl(1, 1, "decimal", "%2."),
        lvl(2, 1, "lowerLetter", "%3)"),
        "</w:abstractNum>".to_owned(),
        r#"<w:abstractNum w:abstractNumId="1">"#.to_owned(),
        lvl(0, 1, "decimal", "%1."),
        lvl(1, 1, "decimal", "%1.%2."),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
        num(2, 1, ""),
    ]
    .concat()
}

#[test]
fn numbering_labels_follow_format_text_and_restart_nested_levels() {
    let body = [
        p_num(1, 0, "MỤC ĐÍCH, YÊU CẦU"),
        p_num(1, 1, "Mục đích"),
        p_num(1, 2, "Bảo đảm"),
        p_num(1, 2, "Nâng cao"),
        p_num(1, 1, "Yêu cầu"),
        p("Đoạn không đánh số"),
        p_num(1, 0, "NỘI DUNG"),
        p_num(1, 1, "Tuyên truyền"),
        p_num(1, 2, "Tổ chức"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&outline_numbering())));
    assert_eq!(
        texts(&lines),
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "a) Bảo đảm",
            "b) Nâng cao",
            "2. Yêu cầu",
            "Đoạn không đánh số",
            "II. NỘI DUNG",
            "1. Tuyên truyền",
            "a) Tổ chức",
        ]
    );
}

#[test]
fn multi_level_text_shows_every_referenced_level() {
    let body = [
        p_num(2, 0, "Một"),
        p_num(2, 1, "Một chấm một"),
        p_num(2, 1, "Một chấm hai"),
        p_num(2, 0, "Hai"),
        p_num(2, 1, "Hai chấm một"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&outline_numbering())));
    assert_eq!(
        texts(&lines),
        [
            "1. Một",
            "1.1. Một chấm một",
            "1.2. Một chấm hai",
            "2. Hai",
            "2.1. Hai chấm một"
        ]
    );
}

#[test]
fn legal_numbering_and_zero_padded_formats() {
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        lvl(0, 1, "upperRoman", "%1."),
        r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>"#.to_owned(),
        "</w:abstractNum>".to_owned(),
        r#"<w:abstractNum w:abstractNumId="1">"#.to_owned(),
        lvl(0, 9, "decimalZero", "%1."),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
        num(2, 1, ""),
    ]
    .concat();
    let body = [
        p_num(1, 0, "A"),
        p_num(1, 0, "B"),
        p_num(1, 1, "C"),
        p_num(2, 0, "D"),
        p_num(2, 0, "E"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&numbering)));
    assert_eq!(texts(&lines), ["I. A", "II. B", "2.1 C", "09. D", "10. E"]);
}

#[test]
fn numbering_comes_from_the_paragraph_style_chain() {
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục"/><w:basedOn w:val="Normal"/>"#,
        r#"<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Muc2"><w:basedOn w:val="Muc"/>"#,
        r#"<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Tieumuc"><w:basedOn w:val="Normal"/>"#,
        r#"<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#,
    );
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="5">"#.to_owned(),
        lvl(0, 1, "upperRoman", "%1."),
        lvl(1, 1, "decimal", "%2."),
        r#"<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:pStyle w:val="Tieumuc"/><w:lvlText w:val="%3)"/></w:lvl>"#.to_owned(),
        "</w:abstractNum>".to_owned(),
        num(3, 5, ""),
    ]
    .concat();
    let body = [
        p_pr(r#"<w:pStyle w:val="Muc"/>"#, "MỤC ĐÍCH"),
        p_pr(r#"<w:pStyle w:val="Muc2"/>"#, "Mục đích"),
        p_pr(r#"<w:pStyle w:val="Tieumuc"/>"#, "Chi tiết"),
        p_pr(
            r#"<w:pStyle w:val="Muc"/><w:numPr><w:numId w:val="0"/></w:numPr>"#,
            "Không số",
        ),
        p_pr(r#"<w:pStyle w:val="Muc"/>"#, "NỘI DUNG"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, Some(styles), Some(&numbering)));
    assert_eq!(
        texts(&lines),
        [
            "I. MỤC ĐÍCH",
            "1. Mục đích",
            "a) Chi tiết",
            "Không số",
            "II. NỘI DUNG"
        ]
    );
    assert!(lines[0].bold && lines[1].bold && !lines[2].bold);
}

#[test]
fn lists_sharing_an_abstract_definition_continue_unless_a_start_override_restarts() {
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        lvl(0, 1, "decimal", "%1."),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
        num(2, 0, ""),
        num(
            3,
            0,
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#,
        ),
        num(
            4,
            0,
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#,
        ),
    ]
    .concat();
    let body = [
        p_num(1, 0, "a"),
        p_num(1, 0, "b"),
        p_num(2, 0, "c"),
        p_num(3, 0, "d"),
        p_num(3, 0, "e"),
        p_num(4, 0, "f"),
        p_num(1, 0, "g"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&numbering)));
    assert_eq!(
        texts(&lines),
        ["1. a", "2. b", "3. c", "1. d", "2. e", "5. f", "6. g"]
    );
}

#[test]
fn bullets_print_as_a_dash_unless_plus_or_star() {
    let bullet = |ilvl: u8, glyph: &str| {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>"#
        )
    };
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        bullet(0, "\u{F0B7}"),
        bullet(1, "+"),
        bullet(2, "•"),
        bullet(3, "-"),
        bullet(4, "o"),
        r#"<w:lvl w:ilvl="5"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>"#.to_owned(),
        "</w:abstractNum>".to_owned(),
        num(7, 0, ""),
    ]
    .concat();
    let body = [
        p_num(7, 0, "Một"),
        p_num(7, 1, "Hai"),
        p_num(7, 2, "Ba"),
        p_num(7, 3, "Bốn"),
        p_num(7, 4, "Năm"),
        p_num(7, 5, "Sáu"),
        p_num(99, 0, "Danh sách không tồn tại"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&numbering)));
    assert_eq!(
        texts(&lines),
        [
            "- Một",
            "+ Hai",
            "- Ba",
            "- Bốn",
            "- Năm",
            "Sáu",
            "Danh sách không tồn tại"
        ]
    );
}

#[test]
fn bold_comes_from_runs_character_styles_paragraph_styles_and_defaults() {
    let styles = concat!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>"#,
        r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/></w:style>"#,
        r#"<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>"#,
        r#"<w:style w:type="character" w:styleId="Thuong"><w:rPr><w:b w:val="0"/></w:rPr></w:style>"#,
    );
    let body = [
        format!("<w:p>{}{}</w:p>", r("<w:b/>", "Đậm "), r("<w:b w:val=\"1\"/>", "cả câu")),
        format!("<w:p>{}{}</w:p>", r("<w:b/>", "Nửa"), r("", " thường")),
        format!("<w:p>{}{}</w:p>", r("<w:b/>", "Đậm"), r("", "   ")),
        format!("<w:p>{}</w:p>", r("<w:b w:val=\"false\"/><w:bCs/>", "Không")),
        format!("<w:p>{}</w:p>", r("<w:bCs/>", "Chỉ bCs")),
        format!("<w:p>{}</w:p>", r(r#"<w:rStyle w:val="Strong"/>"#, "Kiểu đậm")),
        p_pr(r#"<w:pStyle w:val="Heading2"/>"#, "Tiêu đề"),
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:b w:val="0"/></w:rPr></w:pPr>{}{}</w:p>"#,
            r("", "A "),
            r(r#"<w:rStyle w:val="Thuong"/>"#, "b")
        ),
        format!(
            r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>{}</w:p>"#,
            r("", "Dấu đoạn đậm")
        ),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, Some(styles), None));
    let bold: Vec<_> = lines.iter().map(|l| (l.text.as_str(), l.bold)).collect();
    assert_eq!(
        bold,
        [
            ("Đậm cả câu", true),
            ("Nửa thường", false),
            ("Đậm", true),
            ("Không", false),
            ("Chỉ bCs", true),
            ("Kiểu đậm", true),
            ("Tiêu đề", true),
            ("A b", false),
            ("Dấu đoạn đậm", false),
        ]
    );
}

#[test]
fn document_defaults_can_make_everything_bold() {
    let styles =
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>"#;
    let lines = lines_of(&docx_full(&p("Toàn bộ đậm"), Some(styles), None));
    assert!(lines[0].bold);
}

#[test]
fn caps_formatting_prints_upper_case() {
    let body = format!("<w:p>{}</w:p>", r("<w:caps/>", "nội dung"));
    assert_eq!(texts(&lines_of(&docx(&body))), ["NỘI DUNG"]);
}

fn cell(tcpr: &str, paras: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>{tcpr}</w:tcPr>{paras}</w:tc>")
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn table(tblpr: &str, rows: &[String]) -> String {
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>{tblpr}</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

const GRID: &str = concat!(
    r#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
    r#"<w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>"#,
    r#"<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/>"#,
    r#"<w:insideV w:val="single" w:sz="4"/></w:tblBorders>"#
);

const NO_BORDERS: &str = concat!(
    r#"<w:tblBorders><w:top w:val="none" w:sz="0"/><w:left w:val="nil"/><w:bottom w:val="none"/>"#,
    r#"<w:right w:val="none"/><w:insideH w:val="none"/><w:insideV w:val="none"/></w:tblBorders>"#
);

#[test]
fn a_borderless_two_column_table_is_read_as_plain_paragraphs() {
    let header = table(
        NO_BORDERS,
        &[
            row(&[
                cell(
                    "",
                    &format!("{}{}", p("UBND XÃ AN BÌNH"), p("Số: 12/KH-UBND")),
                ),
                cell("", &p("Độc lập - Tự do - Hạnh phúc")),
            ]),
            row(&[
                cell("", "<w:p/>"),
                cell("", &p("An Bình, ngày 10 tháng 01 năm 2025")),
            ]),
        ],
    );
    let body = format!("{header}{}", p("KẾ HOẠCH"));
    let lines = lines_of(&docx(&body));
    assert_eq!(
        texts(&lines),
        [
            "UBND XÃ AN BÌNH",
            "Số: 12/KH-UBND",
            "Độc lập - Tự do - Hạnh phúc",
            "An Bình, ngày 10 tháng 01 năm 2025",
            "KẾ HOẠCH",
        ]
    );
    let paras: Vec<_> = lines.iter().map(|l| l.para).collect();
    assert_eq!(paras, [Some(0), Some(1), Some(2), Some(4), Some(5)]);
    assert!(lines.iter().all(|l| l.cells.is_none() && l.table.is_none()));
}

#[test]
fn a_bordered_two_column_table_with_the_national_motto_is_layout() {
    let header = table(
        GRID,
        &[row(&[
            cell("", &p("ỦY BAN NHÂN DÂN")),
            cell(
                r#"<w:tcBorders><w:top w:val="single"/></w:tcBorders>"#,
                &p("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ),
        ])],
    );
    let signature = table(
        GRID,
        &[row(&[
            cell("", &p("Nơi nhận:")),
            cell("", &p("TM. ỦY BAN NHÂN DÂN")),
        ])],
    );
    let lines = lines_of(&docx(&format!("{header}{signature}")));
    assert_eq!(
        texts(&lines),
        [
            "ỦY BAN NHÂN DÂN",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Nơi nhận:",
            "TM. ỦY BAN NHÂN DÂN"
        ]
    );
    assert!(lines.iter().all(|l| l.table.is_none()));
}

#[test]
fn a_data_table_gives_one_line_per_row_with_spans_and_merges() {
    let bold_p = |t: &str| format!("<w:p>{}</w:p>", r("<w:b/>", t));
    let data = table(
        GRID,
        &[
            row(&[
                cell("", &bold_p("TT")),
                cell("", &bold_p("Nội dung")),
                cell("", &bold_p("Chủ trì")),
            ]),
            row(&[
                cell("", &p("1")),
                cell("", &format!("{}{}", p("Tuyên truyền"), p("biên giới"))),
                cell(r#"<w:vMerge w:val="restart"/>"#, &p("Công an xã")),
            ]),
            row(&[
                cell("", &p("2")),
                cell("", &p("Đón  đoàn")),
                cell("<w:vMerge/>", "<w:p/>"),
            ]),
            row(&[
                cell(r#"<w:gridSpan w:val="2"/>"#, &p("Tổng cộng")),
                cell("", &p("3")),
            ]),
            row(&[cell("", "<w:p/>"), cell("", "<w:p/>"), cell("", "<w:p/>")]),
        ],
    );
    let body = format!("{}{data}{}", p("Trước bảng"), p("Sau bảng"));
    let lines = lines_of(&docx(&body));
    assert_eq!(
        texts(&lines),
        [
            "Trước bảng",
            "TT | Nội dung | Chủ trì",
            "1 | Tuyên truyền biên giới | Công an xã",
            "2 | Đón đoàn |",
            "Tổng cộng | 3",
            "Sau bảng",
        ]
    );
    let rows: Vec<_> = lines.iter().filter(|l| l.table.is_some()).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|l| l.table == Some(0)));
    assert_eq!(
        rows[1].cells.as_deref(),
        Some(
            &[
                "1".to_owned(),
                "Tuyên truyền biên giới".to_owned(),
                "Công an xã".to_owned()
            ][..]
        )
    );
    assert_eq!(
        rows[2].cells.as_deref(),
        Some(&["2".to_owned(), "Đón đoàn".to_owned(), String::new()][..])
    );
    let paras: Vec<_> = lines.iter().map(|l| l.para).collect();
    assert_eq!(
        paras,
        [Some(0), Some(1), Some(4), Some(8), Some(11), Some(16)]
    );
    assert!(rows[0].bold);
    assert!(!rows[1].bold);
}

#[test]
fn table_style_borders_make_a_two_column_table_data() {
    let styles = concat!(
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>"#,
        r#"<w:style w:type="table" w:styleId="TableGrid"><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>"#,
        r#"<w:top w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>"#,
    );
    let t = table(
        r#"<w:tblStyle w:val="TableGrid"/>"#,
        &[
            row(&[cell("", &p("Đơn vị")), cell("", &p("Số lượng"))]),
            row(&[cell("", &p("Xã")), cell("", &p("2"))]),
        ],
    );
    let lines = lines_of(&docx_full(&t, Some(styles), None));
    assert_eq!(texts(&lines), ["Đơn vị | Số lượng", "Xã | 2"]);
    // The same table with its borders switched off directly is layout.
    let t = table(
        &format!(r#"<w:tblStyle w:val="TableGrid"/>{NO_BORDERS}"#),
        &[row(&[cell("", &p("Đơn vị")), cell("", &p("Số lượng"))])],
    );
    let lines = lines_of(&docx_full(&t, Some(styles), None));
    assert_eq!(texts(&lines), ["Đơn vị", "Số lượng"]);
}

#[test]
fn numbering_labels_are_included_in_cells_and_tables_are_numbered_in_order() {
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        lvl(0, 1, "decimal", "%1."),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
    ]
    .concat();
    let three = |a: &str, b: &str, c: &str| row(&[cell("", a), cell("", b), cell("", c)]);
    let t1 = table(GRID, &[three(&p_num(1, 0, "Việc"), &p("x"), &p("y"))]);
    let t2 = table(GRID, &[three(&p_num(1, 0, "Việc khác"), &p("z"), &p("w"))]);
    let body = format!("{t1}{}{t2}", p("giữa"));
    let lines = lines_of(&docx_full(&body, None, Some(&numbering)));
    assert_eq!(
        texts(&lines),
        ["1. Việc | x | y", "giữa", "2. Việc khác | z | w"]
    );
    assert_eq!(lines[0].table, Some(0));
    assert_eq!(lines[2].table, Some(1));
}

#[test]
fn nested_table_rows_are_flattened_into_the_outer_table() {
    let inner = table(
        GRID,
        &[row(&[
            cell("", &p("a1")),
            cell("", &p("a2")),
            cell("", &p("a3")),
        ])],
    );
    let outer = table(
        GRID,
        &[
            row(&[cell("", &p("H1")), cell("", &p("H2")), cell("", &p("H3"))]),
            row(&[
                cell("", &p("Ngoài")),
                cell("", &format!("{inner}<w:p/>")),
                cell("", &p("Cuối")),
            ]),
        ],
    );
    let lines = lines_of(&docx(&outer));
    assert_eq!(
        texts(&lines),
        ["H1 | H2 | H3", "Ngoài | | Cuối", "a1 | a2 | a3"]
    );
    assert!(lines.iter().all(|l| l.table == Some(0)));
}

#[test]
fn tcvn3_and_vni_runs_are_converted_to_unicode() {
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Uni"><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:ascii=".VnTime"/></w:rPr></w:style>"#,
    );
    let body = [
        format!(
            "<w:p>{}</w:p>",
            r(
                r#"<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:b/>"#,
                "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
            )
        ),
        format!(
            "<w:p>{}</w:p>",
            r(
                r#"<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>"#,
                "Vieät Nam"
            )
        ),
        // Font from the default paragraph style.
        p("ViÖt Nam"),
        // A theme font is Unicode.
        p_pr(r#"<w:pStyle w:val="Uni"/>"#, "Việt Nam"),
        // Direct Unicode font overrides the style's legacy font.
        format!(
            "<w:p>{}</w:p>",
            r(r#"<w:rFonts w:ascii="Times New Roman"/>"#, "Đã Unicode")
        ),
        // A capitals font.
        format!(
            "<w:p>{}</w:p>",
            r(
                r#"<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>"#,
                "céng hoµ"
            )
        ),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, Some(styles), None));
    assert_eq!(
        texts(&lines),
        [
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
            "Việt Nam",
            "Việt Nam",
            "Việt Nam",
            "Đã Unicode",
            "CỘNG HOÀ",
        ]
    );
    assert!(lines[0].bold);
}

#[test]
fn a_tcvn3_header_table_is_recognised_as_layout_after_conversion() {
    let vn = |t: &str| format!("<w:p>{}</w:p>", r(r#"<w:rFonts w:ascii=".VnTimeH"/>"#, t));
    let t = table(
        GRID,
        &[row(&[
            cell("", &p("UBND")),
            cell("", &vn("céng hoµ x· héi chñ nghÜa viÖt nam")),
        ])],
    );
    let lines = lines_of(&docx(&t));
    assert_eq!(
        texts(&lines),
        ["UBND", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    );
    assert!(lines.iter().all(|l| l.table.is_none()));
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let rels = PACKAGE_RELS.replace("word/document.xml", "/word/document2.xml");
    let doc = document_xml(&p("Tài liệu chính"));
    let bytes = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", doc.as_bytes()),
        ],
        CompressionMethod::Stored,
    );
    assert_eq!(texts(&lines_of(&bytes)), ["Tài liệu chính"]);
}

#[test]
fn a_document_without_namespace_declarations_is_still_read() {
    let doc =
        "<w:document><w:body><w:p><w:r><w:t>Không khai báo</w:t></w:r></w:p></w:body></w:document>";
    let bytes = zip_of(
        &[("word/document.xml", doc.as_bytes())],
        CompressionMethod::Deflated,
    );
    assert_eq!(texts(&lines_of(&bytes)), ["Không khai báo"]);
}

#[test]
fn malformed_xml_keeps_the_text_read_before_the_error() {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document {NS}><w:body>{}{}<w:p><w:r><w:t>Hỏng</w:t></w:x></w:p>{}"#,
        p("Một"),
        p("Hai"),
        p("Không tới")
    );
    let bytes = zip_of(
        &[("word/document.xml", doc.as_bytes())],
        CompressionMethod::Deflated,
    );
    assert_eq!(texts(&lines_of(&bytes)), ["Một", "Hai", "Hỏng"]);
    // Truncated in the middle of a tag.
    let doc = document_xml(&format!("{}{}", p("Đầu"), p("Cuối")));
    let cut = doc.find("Cuối").expect("marker");
    let bytes = zip_of(
        &[("word/document.xml", &doc.as_bytes()[..cut - 3])],
        CompressionMethod::Deflated,
    );
    assert_eq!(texts(&lines_of(&bytes)), ["Đầu"]);
}

#[test]
fn an_xml_part_that_is_not_a_document_is_bad_docx() {
    let bytes = zip_of(
        &[("word/document.xml", b"<<<not xml at all")],
        CompressionMethod::Stored,
    );
    assert!(matches!(read(&bytes), Err(ReadError::BadDocx { .. })));
    let bytes = zip_of(&[("word/document.xml", b"")], CompressionMethod::Stored);
    assert!(matches!(read(&bytes), Err(ReadError::BadDocx { .. })));
}

#[test]
fn other_zip_formats_are_unsupported_and_a_docx_without_its_document_is_bad() {
    let xlsx = zip_of(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
        ],
        CompressionMethod::Deflated,
    );
    match read(&xlsx) {
        Err(ReadError::Unsupported { what }) => assert!(what.contains("XLSX"), "{what}"),
        other => panic!("expected Unsupported, got {other:?}"),
    }
    let odt = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        CompressionMethod::Stored,
    );
    match read(&odt) {
        Err(ReadError::Unsupported { what }) => assert!(what.contains("ODT"), "{what}"),
        other => panic!("expected Unsupported, got {other:?}"),
    }
    let plain = zip_of(&[("photo.txt", b"hello")], CompressionMethod::Deflated);
    assert!(matches!(read(&plain), Err(ReadError::Unsupported { .. })));
    let broken = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/styles.xml", b"<w:styles/>"),
        ],
        CompressionMethod::Deflated,
    );
    assert!(matches!(read(&broken), Err(ReadError::BadDocx { .. })));
}

#[test]
fn garbage_and_truncated_zips_are_errors_not_panics() {
    assert!(matches!(read(b""), Err(ReadError::BadDocx { .. })));
    assert!(matches!(
        read(b"PK\x03\x04garbage"),
        Err(ReadError::BadDocx { .. })
    ));
    let good = docx(&[p("Một"), p("Hai")].concat());
    for cut in [
        10,
        good.len() / 3,
        good.len() / 2,
        good.len() - 30,
        good.len() - 1,
    ] {
        assert!(read(&good[..cut]).is_err(), "cut at {cut}");
    }
    // Damage inside the compressed document: an error or a partial result, never a panic.
    let mut damaged = good.clone();
    let mid = damaged.len() / 2;
    for b in damaged.iter_mut().skip(mid).take(40) {
        *b ^= 0x5A;
    }
    let _ = read(&damaged);
}

/// LSB-first bit writer for hand-made deflate streams.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: written most significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        let reversed = code.reverse_bits() >> (32 - bits);
        self.put(reversed, bits);
    }

    fn literal(&mut self, byte: u8) {
        match byte {
            0..=143 => self.code(0x30 + u32::from(byte), 8),
            _ => self.code(0x190 + u32::from(byte) - 144, 9),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A raw deflate stream (one fixed-Huffman block) expanding to `prefix` then `spaces`
/// spaces: one literal space, then copies of 258 bytes at distance 1 (13 bits each).
fn deflate_spaces(prefix: &[u8], spaces: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    for &b in prefix {
        bits.literal(b);
    }
    bits.literal(b' ');
    let copies = (spaces - 1) / 258;
    for _ in 0..copies {
        bits.code(0xC5, 8); // length code 285 = 258 bytes
        bits.code(0, 5); // distance code 0 = distance 1
    }
    for _ in 0..(spaces - 1) % 258 {
        bits.literal(b' ');
    }
    bits.code(0, 7); // end of block
    bits.finish()
}

/// A one-entry zip holding `data` (deflated, expanding to `size` bytes) as `name`. The
/// CRC is left at zero: readers that stop early never check it.
fn zip_with_raw_deflate(name: &str, data: &[u8], size: u32) -> Vec<u8> {
    let name = name.as_bytes();
    let csize = u32::try_from(data.len()).expect("small");
    let mut out = Vec::new();
    let le16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
    let le32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    le32(&mut out, 0x0403_4b50);
    for v in [20, 0, 8, 0, 0x21] {
        le16(&mut out, v);
    }
    for v in [0, csize, size] {
        le32(&mut out, v);
    }
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend_from_slice(name);
    out.extend_from_slice(data);
    let cd_start = out.len() as u32;
    le32(&mut out, 0x0201_4b50);
    for v in [20, 20, 0, 8, 0, 0x21] {
        le16(&mut out, v);
    }
    for v in [0, csize, size] {
        le32(&mut out, v);
    }
    for v in [name.len() as u16, 0, 0, 0, 0] {
        le16(&mut out, v);
    }
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend_from_slice(name);
    let cd_size = out.len() as u32 - cd_start;
    le32(&mut out, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        le16(&mut out, v);
    }
    le32(&mut out, cd_size);
    le32(&mut out, cd_start);
    le16(&mut out, 0);
    out
}

#[test]
fn a_zip_bomb_is_refused_without_expanding_it() {
    // A document.xml of 200 MiB (mostly spaces) in a zip of about 1 MB.
    let prefix = format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>"#);
    let spaces = 200 * 1024 * 1024;
    let data = deflate_spaces(prefix.as_bytes(), spaces);
    let size = u32::try_from(prefix.len() + spaces).expect("fits");
    let bytes = zip_with_raw_deflate("word/document.xml", &data, size);
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "compressed size {}",
        bytes.len()
    );
    match read(&bytes) {
        Err(ReadError::ExpandsTooMuch { part, limit }) => {
            assert_eq!(part, "word/document.xml");
            assert_eq!(limit, MAX_DOCUMENT_XML);
        }
        other => panic!("expected ExpandsTooMuch, got {other:?}"),
    }
    // The hand-made stream is valid: a small one reads (the zero CRC only gives an error
    // after all the data, which the reader tolerates).
    let doc = document_xml(&p("Nhỏ"));
    let small = deflate_spaces(doc.as_bytes(), 1000);
    let bytes = zip_with_raw_deflate("word/document.xml", &small, doc.len() as u32 + 1000);
    let source = read_unguarded(&bytes);
    assert!(
        matches!(&source, Ok(s) if texts(&s.lines) == ["Nhỏ"]),
        "{source:?}"
    );
}

#[test]
fn number_formats_cover_large_and_out_of_range_values() {
    use super::numbering::{NumFmt, format_number};
    let show = |n: i64, fmt: NumFmt| {
        let mut s = String::new();
        format_number(n, fmt, &mut s);
        s
    };
    assert_eq!(show(1994, NumFmt::UpperRoman), "MCMXCIV");
    assert_eq!(show(14, NumFmt::LowerRoman), "xiv");
    assert_eq!(show(0, NumFmt::UpperRoman), "0");
    assert_eq!(show(5000, NumFmt::UpperRoman), "5000");
    assert_eq!(show(27, NumFmt::UpperLetter), "AA");
    assert_eq!(show(28, NumFmt::LowerLetter), "bb");
    assert_eq!(show(i64::MAX, NumFmt::LowerLetter), i64::MAX.to_string());
    assert_eq!(show(-3, NumFmt::LowerLetter), "-3");
    assert_eq!(show(7, NumFmt::DecimalZero(3)), "007");
    assert_eq!(show(7, NumFmt::DecimalParen), "(7)");
    assert_eq!(show(21, NumFmt::VietnameseCounting), "hai mươi mốt");
    assert_eq!(show(15, NumFmt::VietnameseCounting), "mười lăm");
    assert_eq!(show(3, NumFmt::None), "");
}

#[test]
fn level_restart_zero_keeps_counting_across_higher_levels() {
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        lvl(0, 1, "upperRoman", "%1."),
        r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>"#.to_owned(),
        "</w:abstractNum>".to_owned(),
        r#"<w:abstractNum w:abstractNumId="1">"#.to_owned(),
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/><w:lvlText w:val="%1."/></w:lvl>"#.to_owned(),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
        num(2, 1, ""),
    ]
    .concat();
    let body = [
        p_num(1, 0, "A"),
        p_num(1, 1, "a"),
        p_num(1, 0, "B"),
        p_num(1, 1, "b"),
        p_num(2, 0, "c"),
    ]
    .concat();
    let lines = lines_of(&docx_full(&body, None, Some(&numbering)));
    assert_eq!(texts(&lines), ["I. A", "1. a", "II. B", "2. b", "001. c"]);
}

#[test]
fn deeply_nested_markup_stops_the_part_but_keeps_earlier_text() {
    let body = format!("{}{}", p("Trước"), "<w:sdt><w:sdtContent>".repeat(5000));
    let lines = lines_of(&docx(&body));
    assert_eq!(texts(&lines), ["Trước"]);
}

/// A small but complete DOCX exercising most of the reader, for mutation tests.
fn sample_parts() -> (String, String, String) {
    let styles = concat!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>"#,
        r#"<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
    );
    let numbering = [
        r#"<w:abstractNum w:abstractNumId="0">"#.to_owned(),
        lvl(0, 1, "upperRoman", "%1."),
        lvl(1, 1, "decimal", "%1.%2."),
        lvl(2, 1, "bullet", "•"),
        "</w:abstractNum>".to_owned(),
        num(1, 0, ""),
        num(
            2,
            0,
            r#"<w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/></w:lvlOverride>"#,
        ),
    ]
    .concat();
    let body = [
        table(NO_BORDERS, &[row(&[cell("", &p("UBND XÃ")), cell("", &p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))])]),
        p_pr(r#"<w:pStyle w:val="H1"/>"#, "MỤC ĐÍCH"),
        p_num(1, 1, "Một"),
        p_num(2, 1, "Hai"),
        p_num(1, 2, "Ba"),
        format!("<w:p>{}<w:r><w:br/></w:r>{}</w:p>", r("<w:b/>", "Đậm"), r(r#"<w:rFonts w:ascii=".VnTime"/>"#, "ViÖt")),
        table(GRID, &[
            row(&[cell("", &p("a")), cell(r#"<w:gridSpan w:val="2"/>"#, &p("b"))]),
            row(&[cell("", &p("c")), cell(r#"<w:vMerge/>"#, "<w:p/>"), cell("", &p("d"))]),
        ]),
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>"#.to_owned()
            + &p("hộp")
            + r#"</w:txbxContent></mc:Choice><mc:Fallback>x</mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
    ]
    .concat();
    (
        document_xml(&body),
        styles_xml(styles),
        numbering_xml(&numbering),
    )
}

fn sample_docx(doc: &str, styles: &str, numbering: &str, method: CompressionMethod) -> Vec<u8> {
    zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
        ],
        method,
    )
}

#[test]
fn the_mutation_sample_reads_as_expected() {
    let (doc, styles, numbering) = sample_parts();
    let lines = lines_of(&sample_docx(
        &doc,
        &styles,
        &numbering,
        CompressionMethod::Stored,
    ));
    assert_eq!(
        texts(&lines),
        [
            "UBND XÃ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "I. MỤC ĐÍCH",
            "I.1. Một",
            "I.3. Hai",
            "- Ba",
            "Đậm",
            "Việt",
            "a | b",
            "c | | d",
            "hộp",
        ]
    );
}

/// Applies byte edits (position taken modulo the length) to `bytes`.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, byte, op) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = pos % bytes.len();
        match op % 4 {
            0 => bytes[i] = byte,
            1 => bytes.insert(i, byte),
            2 => {
                bytes.remove(i);
            }
            _ => bytes.truncate(i),
        }
    }
    bytes
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_unguarded(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = read_unguarded(&zipped);
    }

    #[test]
    fn mutated_archives_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
        stored in any::<bool>(),
    ) {
        let (doc, styles, numbering) = sample_parts();
        let method = if stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let bytes = mutate(sample_docx(&doc, &styles, &numbering, method), &edits);
        let _ = read_unguarded(&bytes);
    }

    #[test]
    fn mutated_xml_parts_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
        part in 0..3usize,
    ) {
        let (mut doc, mut styles, mut numbering) = sample_parts();
        let target = match part { 0 => &mut doc, 1 => &mut styles, _ => &mut numbering };
        // Edits restricted to XML-significant ASCII so the text stays mostly well-formed.
        let alphabet = b"<>/=\"' wpr:tbl&;#x0123456789";
        let edits: Vec<_> = edits
            .into_iter()
            .map(|(pos, b, op)| (pos, alphabet[usize::from(b) % alphabet.len()], op))
            .collect();
        *target = String::from_utf8_lossy(&mutate(target.clone().into_bytes(), &edits)).into_owned();
        let bytes = sample_docx(&doc, &styles, &numbering, CompressionMethod::Stored);
        let _ = read_unguarded(&bytes);
    }
}
