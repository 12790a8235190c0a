//! XLSX tables: the tasks of a plan and the planned delegations, in Times New Roman, with
//! column widths, a merged title row, a frozen header and A4 landscape print settings, as a
//! Sở Ngoại vụ officer would otherwise type them into Excel.

use document::model::{Document, OutboundDelegation};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::RenderError;

const FONT: &str = "Times New Roman";
/// rust_xlsxwriter's paper size code for A4.
const PAPER_A4: u8 = 9;

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

fn cell() -> Format {
    base()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
}

fn head() -> Format {
    cell()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

fn title() -> Format {
    base()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

fn xl(e: XlsxError) -> RenderError {
    RenderError::Xlsx(e.to_string())
}

/// Page set-up shared by every sheet: A4 landscape, fit to one page wide, header rows
/// repeated on every printed page.
fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3);
    Ok(())
}

/// Writes a sheet: merged title rows, a header row, then the body rows. Returns the sheet.
fn sheet(
    wb: &mut Workbook,
    name: &str,
    titles: &[String],
    columns: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let last_col = (columns.len() - 1) as u16;
    for (i, t) in titles.iter().enumerate() {
        ws.merge_range(i as u32, 0, i as u32, last_col, t, &title())?;
        ws.set_row_height(i as u32, 22)?;
    }
    let header_row = titles.len() as u32;
    for (c, (label, width)) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
        ws.write_string_with_format(header_row, c as u16, *label, &head())?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = header_row + 1 + r as u32;
        // A group row ("I. Đoàn cấp …") spans the whole width.
        if row.len() == 1 {
            ws.merge_range(
                r,
                0,
                r,
                last_col,
                &row[0],
                &head().set_align(FormatAlign::Left),
            )?;
            continue;
        }
        // Row height from the longest wrapped cell (Excel recomputes it, LibreOffice and
        // printing from some viewers do not): about 1.15 characters per width unit.
        let lines = row
            .iter()
            .zip(columns)
            .map(|(v, (_, w))| (v.chars().count() as f64 / (w * 1.15)).ceil().max(1.0))
            .fold(1.0, f64::max);
        ws.set_row_height(r, 16.0 * lines)?;
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c > 0 && !v.is_empty() && v.chars().all(|ch| ch.is_ascii_digit()) => {
                    ws.write_number_with_format(r, c as u16, n, &cell())?
                }
                _ => ws.write_string_with_format(r, c as u16, v, &cell())?,
            };
        }
    }
    print_setup(ws, header_row)?;
    Ok(())
}

fn plan_titles(doc: &Document, what: &str) -> Vec<String> {
    let mut t = vec![what.to_string()];
    let mut second = String::new();
    if let Some(title) = &doc.title {
        second.push_str(&format!("Kế hoạch: {title}"));
    }
    if let (Some(name), Some(kind)) = (&doc.commune, doc.commune_kind) {
        if !second.is_empty() {
            second.push_str(" — ");
        }
        second.push_str(&format!("{} {name}", kind.vietnamese()));
    }
    if !second.is_empty() {
        t.push(second);
    }
    t
}

fn outbound_rows(list: &[OutboundDelegation]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut group: Option<&str> = None;
    let mut n = 0;
    for d in list {
        if d.group.as_deref() != group {
            group = d.group.as_deref();
            if let Some(g) = group {
                rows.push(vec![g.to_string()]);
                n = 0;
            }
        }
        n += 1;
        rows.push(vec![
            n.to_string(),
            d.name.clone(),
            d.head.clone(),
            d.countries.clone(),
            d.partners.clone(),
            d.purpose.clone(),
            d.members.map_or(String::new(), |m| m.to_string()),
            d.days.map_or(String::new(), |m| m.to_string()),
            d.time.clone(),
            d.funding.clone(),
            d.notes.clone(),
        ]);
    }
    rows
}

/// A workbook with the plan's tasks ("Nhiệm vụ") and its planned outbound and inbound
/// delegations ("Đoàn ra", "Đoàn vào"), the latter in the columns of the provinces' forms.
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    render_with_status(doc, &[])
}

/// As [`render`], with the "Tình trạng" of each task of `doc.tasks` from `status` (same
/// order); a task past the end of `status` shows "Chưa cập nhật" (a plan read from a file
/// has no progress recorded yet).
pub fn render_with_status(doc: &Document, status: &[String]) -> Result<Vec<u8>, RenderError> {
    let mut wb = Workbook::new();
    let tasks: Vec<Vec<String>> = doc
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                (i + 1).to_string(),
                t.reference.clone(),
                t.text.clone(),
                t.lead.join("; "),
                t.partners.join("; "),
                t.timeframe.clone().unwrap_or_default(),
                status
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| "Chưa cập nhật".to_string()),
            ]
        })
        .collect();
    sheet(
        &mut wb,
        "Nhiệm vụ",
        &plan_titles(doc, "DANH SÁCH NHIỆM VỤ"),
        &[
            ("TT", 5.0),
            ("Mục", 10.0),
            ("Nhiệm vụ", 70.0),
            ("Đơn vị chủ trì", 25.0),
            ("Đơn vị phối hợp", 30.0),
            ("Thời gian thực hiện", 18.0),
            ("Tình trạng", 14.0),
        ],
        &tasks,
    )
    .map_err(xl)?;
    let mut out_rows = outbound_rows(&doc.delegations.outbound);
    if out_rows.is_empty() && doc.delegations.outbound_none {
        out_rows.push(vec!["Không có".to_string()]);
    }
    sheet(
        &mut wb,
        "Đoàn ra",
        &plan_titles(doc, "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA"),
        &[
            ("TT", 5.0),
            ("Tên đoàn", 22.0),
            ("Trưởng đoàn", 18.0),
            ("Nước đi", 14.0),
            ("Đối tác làm việc", 18.0),
            ("Nội dung hoạt động", 28.0),
            ("Số người", 8.0),
            ("Số ngày", 8.0),
            ("Thời gian thực hiện", 12.0),
            ("Kinh phí", 12.0),
            ("Ghi chú", 12.0),
        ],
        &out_rows,
    )
    .map_err(xl)?;
    let mut in_rows: Vec<Vec<String>> = doc
        .delegations
        .inbound
        .iter()
        .enumerate()
        .map(|(i, d)| {
            vec![
                (i + 1).to_string(),
                d.name.clone(),
                d.head.clone(),
                d.members.map_or(String::new(), |m| m.to_string()),
                d.purpose.clone(),
                d.time.clone(),
                d.place.clone(),
                d.host.clone(),
                d.funding.clone(),
                d.notes.clone(),
            ]
        })
        .collect();
    if in_rows.is_empty() && doc.delegations.inbound_none {
        in_rows.push(vec!["Không có".to_string()]);
    }
    sheet(
        &mut wb,
        "Đoàn vào",
        &plan_titles(doc, "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN VÀO"),
        &[
            ("TT", 5.0),
            ("Tên đoàn, đối tác (quốc tịch)", 24.0),
            ("Cấp trưởng đoàn", 16.0),
            ("Số người", 8.0),
            ("Mục đích, nội dung", 28.0),
            ("Thời gian dự kiến", 12.0),
            ("Địa điểm", 14.0),
            ("Đơn vị chủ trì đón", 18.0),
            ("Kinh phí", 12.0),
            ("Ghi chú", 12.0),
        ],
        &in_rows,
    )
    .map_err(xl)?;
    wb.save_to_buffer().map_err(xl)
}

/// A cell of a [`table`]: text is always a text cell (never a formula, leading zeros
/// kept); a number is a number cell.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Text(String),
    Number(f64),
}

/// One sheet of a [`workbook`]: its name, merged title rows, a bold frozen header of
/// `columns` (heading, width), then `rows`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<'a> {
    pub name: &'a str,
    pub titles: Vec<String>,
    pub columns: Vec<(&'a str, f64)>,
    pub rows: Vec<Vec<TableCell>>,
}

/// A one-sheet workbook: merged title rows, a bold frozen header of `columns` (heading,
/// width), then `rows`, in the same fonts, borders and print set-up as the plan's tables.
pub fn table(
    name: &str,
    titles: &[String],
    columns: &[(&str, f64)],
    rows: &[Vec<TableCell>],
) -> Result<Vec<u8>, RenderError> {
    workbook(&[Sheet {
        name,
        titles: titles.to_vec(),
        columns: columns.to_vec(),
        rows: rows.to_vec(),
    }])
}

/// A workbook of `sheets`, each laid out as [`table`] lays out its one sheet (a report's
/// annex tables, one sheet per biểu).
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, RenderError> {
    let mut wb = Workbook::new();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name).map_err(xl)?;
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        for (i, t) in sheet.titles.iter().enumerate() {
            if last_col == 0 {
                ws.write_string_with_format(i as u32, 0, t, &title())
                    .map_err(xl)?;
            } else {
                ws.merge_range(i as u32, 0, i as u32, last_col, t, &title())
                    .map_err(xl)?;
            }
            ws.set_row_height(i as u32, 22).map_err(xl)?;
        }
        let header_row = sheet.titles.len() as u32;
        for (c, (label, width)) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, *width).map_err(xl)?;
            ws.write_string_with_format(header_row, c as u16, *label, &head())
                .map_err(xl)?;
        }
        ws.set_freeze_panes(header_row + 1, 0).map_err(xl)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = header_row + 1 + r as u32;
            for (c, v) in row.iter().enumerate() {
                match v {
                    TableCell::Number(n) => ws.write_number_with_format(r, c as u16, *n, &cell()),
                    TableCell::Text(t) => ws.write_string_with_format(r, c as u16, t, &cell()),
                }
                .map_err(xl)?;
            }
        }
        print_setup(ws, header_row).map_err(xl)?;
    }
    wb.save_to_buffer().map_err(xl)
}
