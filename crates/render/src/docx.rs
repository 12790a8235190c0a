//! DOCX in the Decree 30/2020 layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4 portrait,
//! margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the header as a
//! borderless two-column table; body 14 pt justified with a 1.27 cm first-line indent and
//! 6 pt after each paragraph; recipients (11–12 pt) beside the signature; page numbers
//! centred at the top from page 2; appendix tables on landscape pages.
//!
//! Every paragraph carries a named Word style (not only direct formatting), so an officer
//! can go on editing the document in Word: "VanBan" (body), "Heading1"–"Heading3" (parts,
//! items, sub-items), "TenLoai", "TrichYeu", "CoQuan", "QuocHieu", "TieuNgu", "DiaDanh",
//! "SoKyHieu", "NoiNhanTieuDe", "NoiNhan", "ChuKy", "BangChu".

use docx_rs::{
    AlignmentType, BorderType, Docx, Header as DocxHeader, LineSpacing, LineSpacingType,
    PageMargin, PageNum, PageOrientationType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SectionProperty, SpecialIndentType, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

use crate::RenderError;
use crate::layout::{Block, Header, ParaKind, blocks, recipient_line};
use document::model::Document;

/// Twips per millimetre (1 mm = 56.7 twips).
fn mm(v: f32) -> i32 {
    (v * 56.7).round() as i32
}

/// A4 in twips.
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;
const MARGIN_TOP: f32 = 20.0;
const MARGIN_BOTTOM: f32 = 20.0;
const MARGIN_LEFT: f32 = 30.0;
const MARGIN_RIGHT: f32 = 15.0;
/// Text width of a portrait page, in twips.
fn text_width() -> usize {
    (A4_WIDTH as i32 - mm(MARGIN_LEFT) - mm(MARGIN_RIGHT)) as usize
}

const FONT: &str = "Times New Roman";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn margins() -> PageMargin {
    PageMargin {
        top: mm(MARGIN_TOP),
        left: mm(MARGIN_LEFT),
        bottom: mm(MARGIN_BOTTOM),
        right: mm(MARGIN_RIGHT),
        header: mm(10.0),
        footer: mm(10.0),
        gutter: 0,
    }
}

/// What distinguishes one paragraph style from another.
struct Spec {
    /// Size in half-points (28 = 14 pt).
    half_points: usize,
    bold: bool,
    italic: bool,
    align: AlignmentType,
    /// First-line indent in twips.
    first_line: i32,
    /// Space after, in twentieths of a point.
    after: u32,
}

fn para_style(id: &str, name: &str, spec: Spec) -> Style {
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .q_format(true)
        .fonts(fonts())
        .size(spec.half_points)
        .align(spec.align)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .before(0)
                .after(spec.after)
                .line(276),
        )
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(spec.first_line)),
            None,
            None,
        );
    if spec.bold {
        s = s.bold();
    }
    if spec.italic {
        s = s.italic();
    }
    s
}

/// (id, name, half-points, bold, italic, alignment, first-line indent, space after).
type StyleRow = (
    &'static str,
    &'static str,
    usize,
    bool,
    bool,
    AlignmentType,
    i32,
    u32,
);

/// The named styles of the document.
fn styles() -> Vec<Style> {
    use AlignmentType::{Both, Center, Left};
    let indent = 720; // 1.27 cm
    // (id, name, half-points, bold, italic, alignment, first-line indent, space after)
    let table: [StyleRow; 19] = [
        ("VanBan", "Văn bản", 28, false, false, Both, indent, 120),
        ("KinhGui", "Kính gửi", 28, false, false, Center, 0, 120),
        ("Heading1", "heading 1", 28, true, false, Both, indent, 120),
        ("Heading2", "heading 2", 28, true, false, Both, indent, 120),
        ("Heading3", "heading 3", 28, true, true, Both, indent, 120),
        ("Diem", "Điểm", 28, false, false, Both, indent, 120),
        ("TenLoai", "Tên loại văn bản", 28, true, false, Center, 0, 0),
        ("TrichYeu", "Trích yếu", 28, true, false, Center, 0, 0),
        (
            "CoQuanChuQuan",
            "Cơ quan chủ quản",
            26,
            false,
            false,
            Center,
            0,
            0,
        ),
        ("CoQuan", "Cơ quan ban hành", 26, true, false, Center, 0, 0),
        ("SoKyHieu", "Số, ký hiệu", 26, false, false, Center, 0, 0),
        ("QuocHieu", "Quốc hiệu", 24, true, false, Center, 0, 0),
        ("TieuNgu", "Tiêu ngữ", 26, true, false, Center, 0, 0),
        (
            "DiaDanh",
            "Địa danh, ngày tháng",
            28,
            false,
            true,
            Center,
            0,
            0,
        ),
        ("NoiNhanTieuDe", "Nơi nhận", 24, true, true, Left, 0, 0),
        (
            "NoiNhan",
            "Danh sách nơi nhận",
            22,
            false,
            false,
            Left,
            0,
            0,
        ),
        ("ChuKy", "Chữ ký", 28, true, false, Center, 0, 0),
        ("BangChu", "Chữ trong bảng", 24, false, false, Center, 0, 0),
        ("SoTrang", "Số trang", 26, false, false, Center, 0, 0),
    ];
    table
        .into_iter()
        .enumerate()
        .map(
            |(i, (id, name, half_points, bold, italic, align, first_line, after))| {
                let s = para_style(
                    id,
                    name,
                    Spec {
                        half_points,
                        bold,
                        italic,
                        align,
                        first_line,
                        after,
                    },
                );
                // Headings 1–3 carry outline levels 0–2 (Word's navigation pane, TOC).
                if (1..=3).contains(&i) {
                    s.outline_lvl(i - 1)
                } else {
                    s
                }
            },
        )
        .collect()
}

fn styled_bold(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text).bold())
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// An empty paragraph whose bottom border draws a short centred rule of `width` twips
/// inside a column `column` twips wide.
fn rule(column: usize, width: usize) -> Paragraph {
    let side = ((column.saturating_sub(width)) / 2) as i32;
    let mut p = Paragraph::new()
        .style("SoKyHieu")
        .indent(Some(side), None, Some(side), None)
        .size(4);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    p
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn header_table(h: &Header) -> Table {
    let total = text_width();
    let left = total * 2 / 5;
    let right = total - left;
    let mut l = Vec::new();
    if let Some(parent) = &h.parent {
        l.push(styled("CoQuanChuQuan", parent));
    }
    for line in &h.issuer {
        l.push(styled("CoQuan", line));
    }
    l.push(rule(left, left / 3));
    l.push(styled("SoKyHieu", &h.number_line));
    let r = vec![
        styled("QuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        styled("TieuNgu", "Độc lập - Tự do - Hạnh phúc"),
        rule(right, right * 3 / 5),
        styled("DiaDanh", &h.place_date),
    ];
    Table::without_borders(vec![TableRow::new(vec![cell(l, left), cell(r, right)])])
        .set_grid(vec![left, right])
        .width(total, WidthType::Dxa)
}

fn closing_table(
    recipients: &[String],
    authority: &[String],
    position: Option<&str>,
    name: Option<&str>,
) -> Table {
    let total = text_width();
    let left = total / 2;
    let right = total - left;
    let mut l = vec![styled("NoiNhanTieuDe", "Nơi nhận:")];
    for (i, r) in recipients.iter().enumerate() {
        l.push(styled(
            "NoiNhan",
            &recipient_line(r, i + 1 == recipients.len()),
        ));
    }
    let mut r: Vec<Paragraph> = authority.iter().map(|a| styled("ChuKy", a)).collect();
    if let Some(p) = position {
        r.push(styled("ChuKy", p));
    }
    for _ in 0..4 {
        r.push(Paragraph::new().style("ChuKy"));
    }
    if let Some(n) = name {
        r.push(styled("ChuKy", n));
    }
    Table::without_borders(vec![TableRow::new(vec![cell(l, left), cell(r, right)])])
        .set_grid(vec![left, right])
        .width(total, WidthType::Dxa)
}

/// An appendix table with a header row; a row whose only filled cell is the first (a group
/// line such as "I. Đoàn cấp …") spans all columns.
fn data_table(rows: &[Vec<String>], width: usize) -> Table {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    // A narrow first column when it holds the row number ("TT", "STT").
    let numbered = rows
        .first()
        .and_then(|r| r.first())
        .is_some_and(|h| matches!(h.trim(), "TT" | "STT" | "Số TT"));
    let first = if numbered && cols > 2 {
        width / (cols * 2)
    } else {
        width / cols
    };
    let rest = (width - first) / (cols - 1).max(1);
    let mut grid = vec![rest; cols];
    grid[0] = first;
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
        let group = i > 0
            && filled == 1
            && !row[0].trim().is_empty()
            && cols > 2
            && !row[0].trim().chars().all(|c| c.is_ascii_digit());
        let mut cells = Vec::new();
        if group {
            let p = styled_bold("BangChu", &row[0]).align(AlignmentType::Left);
            cells.push(cell(vec![p], width).grid_span(cols));
        } else {
            for (k, width) in grid.iter().enumerate() {
                let text = row.get(k).map(String::as_str).unwrap_or("");
                let p = if i == 0 {
                    styled_bold("BangChu", text)
                } else {
                    styled("BangChu", text)
                };
                cells.push(cell(vec![p], *width));
            }
        }
        out.push(TableRow::new(cells));
    }
    Table::new(out).set_grid(grid).width(width, WidthType::Dxa)
}

/// Renders `doc` to DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let page_header = DocxHeader::new().add_paragraph(
        Paragraph::new()
            .style("SoTrang")
            .add_page_num(PageNum::new()),
    );
    let mut docx = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(margins())
        .default_fonts(fonts())
        .default_size(28)
        .header(page_header)
        .first_header(DocxHeader::new())
        .title_pg();
    for s in styles() {
        docx = docx.add_style(s);
    }
    let mut landscape_open = false;
    for b in blocks(doc) {
        match b {
            Block::Header(h) => {
                docx = docx.add_table(header_table(&h));
            }
            Block::Title { type_name, title } => {
                docx = docx
                    .add_paragraph(Paragraph::new().style("VanBan"))
                    .add_paragraph(styled("TenLoai", &type_name))
                    .add_paragraph(styled("TrichYeu", &title))
                    .add_paragraph(rule(text_width(), 1701))
                    .add_paragraph(Paragraph::new().style("VanBan"));
            }
            Block::Paragraph { kind, text } => {
                let style = match kind {
                    ParaKind::Body | ParaKind::Bullet => "VanBan",
                    ParaKind::Part => "Heading1",
                    ParaKind::Item => "Heading2",
                    ParaKind::SubItem => "Heading3",
                    ParaKind::Point => "Diem",
                    ParaKind::Addressee => "KinhGui",
                };
                docx = docx.add_paragraph(
                    styled(style, &text)
                        .keep_next(!matches!(kind, ParaKind::Body | ParaKind::Bullet)),
                );
            }
            Block::Closing {
                recipients,
                authority,
                position,
                name,
            } => {
                docx = docx.add_table(closing_table(
                    &recipients,
                    &authority,
                    position.as_deref(),
                    name.as_deref(),
                ));
            }
            Block::Table(t) => {
                if !landscape_open {
                    // End the portrait section here; what follows is landscape.
                    let portrait = SectionProperty::new()
                        .page_size(docx_rs::PageSize::new().size(A4_WIDTH, A4_HEIGHT))
                        .page_margin(margins());
                    docx = docx.add_paragraph(Paragraph::new().section_property(portrait));
                    landscape_open = true;
                }
                let width = (A4_HEIGHT as i32 - mm(MARGIN_LEFT) - mm(MARGIN_RIGHT)) as usize;
                if let Some(title) = &t.title {
                    docx = docx.add_paragraph(styled("TrichYeu", title));
                }
                docx = docx.add_table(data_table(&t.rows, width));
            }
        }
    }
    if landscape_open {
        docx = docx
            .page_size(A4_HEIGHT, A4_WIDTH)
            .page_orient(PageOrientationType::Landscape);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut buf)
        .map_err(|e| RenderError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}
