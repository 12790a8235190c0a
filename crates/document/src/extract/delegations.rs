//! Planned delegations (đoàn ra, đoàn vào) and international conferences: the "Không có"
//! statements and the summary tables with the Decree-30-style columns.

use crate::model::{Conference, Delegations, InboundDelegation, OutboundDelegation, Table};
use crate::source::Line;

fn says_none(value: &str) -> bool {
    let v = value.trim();
    vntext::fold_starts_with(v, "khong co") || vntext::fold_starts_with(v, "(khong co")
}

/// Reads the "Đoàn ra: Không có" / "Đoàn vào: Không có" / "Dự kiến tổ chức hội nghị, hội
/// thảo quốc tế năm 2026: Không có" statements.
pub fn none_statements(lines: &[Line], d: &mut Delegations) {
    for line in lines {
        if line.cells.is_some() {
            continue;
        }
        let text = line.text.trim_start_matches(['-', '+', '*', ' ']);
        let Some((label, value)) = text.split_once(':') else {
            continue;
        };
        if !says_none(value) {
            continue;
        }
        let f = vntext::fold(label);
        let out = f.contains("doan ra");
        let inb = f.contains("doan vao");
        if out {
            d.outbound_none = true;
        }
        if inb {
            d.inbound_none = true;
        }
        if !out && !inb && f.contains("hoi nghi") && f.contains("quoc te") {
            d.conferences_none = true;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Outbound,
    Inbound,
    Conference,
}

/// Column keys per table kind, matched on the folded header cell (first match wins).
fn column_key(kind: Kind, header: &str) -> Option<&'static str> {
    let f = vntext::fold(header);
    let table: &[(&str, &str)] = match kind {
        Kind::Outbound => &[
            ("ten doan", "name"),
            ("truong doan", "head"),
            ("nuoc", "countries"),
            ("doi tac", "partners"),
            ("noi dung", "purpose"),
            ("muc dich", "purpose"),
            ("so nguoi", "members"),
            ("thanh phan", "members"),
            ("so ngay", "days"),
            ("thoi gian", "time"),
            ("kinh phi", "funding"),
            ("ghi chu", "notes"),
        ],
        Kind::Inbound => &[
            ("truong doan", "head"),
            ("ten doan", "name"),
            ("doi tac", "name"),
            ("so nguoi", "members"),
            ("muc dich", "purpose"),
            ("noi dung", "purpose"),
            ("thoi gian", "time"),
            ("dia diem", "place"),
            ("don vi", "host"),
            ("co quan", "host"),
            ("kinh phi", "funding"),
            ("ghi chu", "notes"),
        ],
        Kind::Conference => &[
            ("ten", "name"),
            ("muc dich", "purpose"),
            ("hinh thuc", "form"),
            ("thoi gian", "time_place"),
            ("dia diem", "time_place"),
            ("thanh phan", "participants"),
            ("don vi", "organiser"),
            ("co quan", "organiser"),
            ("kinh phi", "funding"),
            ("ghi chu", "notes"),
        ],
    };
    table.iter().find(|(k, _)| f.contains(k)).map(|(_, v)| *v)
}

fn kind_of(title: &str, header: &[String]) -> Option<Kind> {
    let t = vntext::fold(title);
    let h = vntext::fold(&header.join(" "));
    if t.contains("doan ra") || h.contains("nuoc di") {
        Some(Kind::Outbound)
    } else if t.contains("doan vao") || h.contains("quoc tich") {
        Some(Kind::Inbound)
    } else if t.contains("hoi nghi") || t.contains("hoi thao") || h.contains("hinh thuc") {
        Some(Kind::Conference)
    } else {
        None
    }
}

fn is_roman_group(cell: &str) -> bool {
    let t = cell.trim();
    let roman: String = t.chars().take_while(|c| "IVX".contains(*c)).collect();
    !roman.is_empty() && t[roman.len()..].starts_with('.')
}

/// Reads the data tables (rows with cells) into [`Table`]s and delegation rows.
pub fn read_tables(lines: &[Line], d: &mut Delegations) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(t) = lines[i].table else {
            i += 1;
            continue;
        };
        let start = i;
        let mut rows = Vec::new();
        while i < lines.len() && lines[i].table == Some(t) {
            rows.push((i, lines[i].cells.clone().unwrap_or_default()));
            i += 1;
        }
        // The title: the nearest plain line above the table.
        let title = (0..start)
            .rev()
            .find(|&k| lines[k].cells.is_none())
            .map(|k| lines[k].text.clone());
        tables.push(finish_table(title, rows, start + 1, d));
    }
    tables.extend(text_tables(lines, d));
    tables.sort_by_key(|t| t.line);
    tables
}

fn finish_table(
    title: Option<String>,
    rows: Vec<(usize, Vec<String>)>,
    line: usize,
    d: &mut Delegations,
) -> Table {
    let header = rows.first().map(|(_, r)| r.clone()).unwrap_or_default();
    if let Some(kind) = kind_of(title.as_deref().unwrap_or(""), &header) {
        read_delegation_rows(kind, &rows, d);
    }
    Table {
        title,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        line,
    }
}

/// A short column label of a flattened table ("TT", "Tên đoàn", "Thời gian thực hiện").
fn is_column_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=5).contains(&words)
        && !s.chars().any(|c| c.is_ascii_digit())
        && !s.ends_with(['.', ':', ';', ','])
        && crate::extract::sections::parse_label(s).is_none()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

/// Tables flattened into text by PDF or Word-to-text export: a title line "BẢNG TỔNG HỢP …",
/// one line per header cell, the column-number row, then group lines ("I. Đoàn …") and
/// numbered rows whose cells follow on their own lines. Rebuilt into rows with the same
/// shape a DOCX table of the same content gives: group lines become one-cell rows, the
/// column-number row leaves the "TT" cell empty.
pub fn text_tables(lines: &[Line], d: &mut Delegations) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].cells.is_some() || !vntext::fold_starts_with(&lines[i].text, "bang tong hop") {
            i += 1;
            continue;
        }
        let title = lines[i].text.clone();
        let mut k = i + 1;
        let mut header = Vec::new();
        while k < lines.len() && lines[k].cells.is_none() && is_column_label(&lines[k].text) {
            header.push(lines[k].text.clone());
            k += 1;
        }
        let n = header.len();
        if n < 3 {
            i += 1;
            continue;
        }
        let mut rows: Vec<(usize, Vec<String>)> = vec![(i + 2, header)];
        // The column-number row: "1 2 … 10" on one line or one number per line.
        if let Some(l) = lines.get(k) {
            let toks: Vec<&str> = l.text.split_whitespace().collect();
            if toks.len() >= n - 1 && toks.iter().all(|t| is_number(t)) {
                let mut row: Vec<String> = toks.iter().map(|t| t.to_string()).collect();
                if row.len() == n - 1 {
                    row.insert(0, String::new());
                }
                rows.push((k + 1, row));
                k += 1;
            } else {
                let run = (k..lines.len())
                    .take_while(|&j| lines[j].text.trim() == (j - k + 1).to_string())
                    .count();
                if run == n - 1 || run == n {
                    let mut row: Vec<String> = (1..=run).map(|x| x.to_string()).collect();
                    if run == n - 1 {
                        row.insert(0, String::new());
                    }
                    rows.push((k + 1, row));
                    k += run;
                }
            }
        }
        while k < lines.len() && lines[k].cells.is_none() {
            let t = lines[k].text.trim();
            if vntext::fold(t).starts_with("ghi chu:")
                || vntext::fold(t).starts_with("bang tong hop")
            {
                break;
            }
            if is_roman_group(t) {
                rows.push((k + 1, vec![t.to_string()]));
                k += 1;
                continue;
            }
            if is_number(t) {
                let mut row = vec![t.to_string()];
                let mut j = k + 1;
                while j < lines.len() && row.len() < n {
                    let c = lines[j].text.trim();
                    if is_number(c)
                        || is_roman_group(c)
                        || vntext::fold(c).starts_with("ghi chu:")
                        || lines[j].cells.is_some()
                    {
                        break;
                    }
                    row.push(c.to_string());
                    j += 1;
                }
                row.resize(n, String::new());
                rows.push((k + 1, row));
                k = j;
                continue;
            }
            break;
        }
        out.push(finish_table(Some(title), rows, i + 2, d));
        i = k;
    }
    out
}

fn read_delegation_rows(kind: Kind, rows: &[(usize, Vec<String>)], d: &mut Delegations) {
    let Some((_, header)) = rows.first() else {
        return;
    };
    let keys: Vec<Option<&'static str>> = header.iter().map(|h| column_key(kind, h)).collect();
    let mut group: Option<String> = None;
    for (idx, cells) in rows.iter().skip(1) {
        let non_empty: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if non_empty.is_empty() {
            continue;
        }
        // The column-number row "1 2 3 … 10" or "(1) (2) …".
        if non_empty.iter().all(|c| {
            c.trim_matches(['(', ')', ' '])
                .chars()
                .all(|ch| ch.is_ascii_digit())
        }) && non_empty.len() > 2
        {
            continue;
        }
        if is_roman_group(&cells[0])
            || non_empty.len() == 1 && !cells[0].trim().chars().all(|c| c.is_ascii_digit())
        {
            let g = non_empty[0].trim().to_string();
            group = Some(g);
            continue;
        }
        let value = |key: &str| -> String {
            keys.iter()
                .zip(cells)
                .filter(|(k, _)| **k == Some(key))
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let data_cells = cells
            .iter()
            .skip(1)
            .filter(|c| !c.trim().is_empty())
            .count();
        if data_cells == 0 {
            continue;
        }
        let number = |key: &str| -> Option<u32> {
            let v = value(key);
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            digits.parse().ok()
        };
        let line = idx + 1;
        match kind {
            Kind::Outbound => d.outbound.push(OutboundDelegation {
                group: group.clone(),
                name: value("name"),
                head: value("head"),
                countries: value("countries"),
                partners: value("partners"),
                purpose: value("purpose"),
                members: number("members"),
                days: number("days"),
                time: value("time"),
                funding: value("funding"),
                notes: value("notes"),
                line,
            }),
            Kind::Inbound => d.inbound.push(InboundDelegation {
                name: value("name"),
                head: value("head"),
                members: number("members"),
                purpose: value("purpose"),
                time: value("time"),
                place: value("place"),
                host: value("host"),
                funding: value("funding"),
                notes: value("notes"),
                line,
            }),
            Kind::Conference => d.conferences.push(Conference {
                name: value("name"),
                purpose: value("purpose"),
                form: value("form"),
                time_place: value("time_place"),
                participants: value("participants"),
                organiser: value("organiser"),
                funding: value("funding"),
                notes: value("notes"),
                line,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(table: usize, cells: &[&str]) -> Line {
        let cells: Vec<String> = cells.iter().map(|s| s.to_string()).collect();
        Line {
            text: cells.join(" | "),
            cells: Some(cells),
            table: Some(table),
            ..Line::default()
        }
    }

    #[test]
    fn a_flattened_table_is_rebuilt_into_rows_with_its_cells() {
        let text = [
            "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026",
            "TT",
            "Tên đoàn",
            "Trưởng đoàn",
            "Nước đi",
            "1 2 3",
            "I. Đoàn sử dụng ngân sách Nhà nước",
            "1",
            "Đoàn cán bộ xã",
            "Chủ tịch UBND xã",
            "Lào",
            "2",
            "Ghi chú:",
            "1- Tên đoàn: …",
        ];
        let lines: Vec<Line> = text.iter().map(|t| Line::plain(*t)).collect();
        let mut d = Delegations::default();
        let tables = read_tables(&lines, &mut d);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows[1], vec!["", "1", "2", "3"]);
        assert_eq!(
            tables[0].rows[2],
            vec!["I. Đoàn sử dụng ngân sách Nhà nước"]
        );
        assert_eq!(
            tables[0].rows[3],
            vec!["1", "Đoàn cán bộ xã", "Chủ tịch UBND xã", "Lào"]
        );
        assert_eq!(tables[0].rows[4], vec!["2", "", "", ""]);
        assert_eq!(d.outbound.len(), 1);
        assert_eq!(d.outbound[0].countries, "Lào");
        assert_eq!(
            d.outbound[0].group.as_deref(),
            Some("I. Đoàn sử dụng ngân sách Nhà nước")
        );
    }

    #[test]
    fn khong_co_statements_set_the_none_flags() {
        let mut d = Delegations::default();
        none_statements(
            &[
                Line::plain("+ Đoàn ra: Không có"),
                Line::plain("+ Đoàn vào : Không có."),
                Line::plain("- Dự kiến tổ chức hội nghị, hội thảo quốc tế năm 2026: Không có"),
            ],
            &mut d,
        );
        assert!(d.outbound_none && d.inbound_none && d.conferences_none);
    }

    #[test]
    fn an_outbound_table_is_read_into_rows_with_groups() {
        let lines = vec![
            Line::plain("BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026"),
            row(
                0,
                &[
                    "TT",
                    "Tên đoàn",
                    "Trưởng đoàn",
                    "Nước đi",
                    "Đối tác làm việc",
                    "Nội dung hoạt động",
                    "Số người",
                    "Số ngày",
                    "Thời gian thực hiện",
                    "Kinh phí",
                    "Ghi chú",
                ],
            ),
            row(0, &["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]),
            row(
                0,
                &[
                    "I. Đoàn cấp Ủy viên Bộ Chính trị (Không có)",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            ),
            row(
                0,
                &[
                    "II. Đoàn sử dụng ngân sách Nhà nước",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            ),
            row(
                0,
                &[
                    "1",
                    "Đoàn cán bộ xã",
                    "Chủ tịch UBND xã",
                    "Lào",
                    "Huyện Xay",
                    "Trao đổi kinh nghiệm",
                    "5",
                    "4",
                    "Quý III",
                    "Ngân sách xã",
                    "",
                ],
            ),
            row(0, &["2", "", "", "", "", "", "", "", "", "", ""]),
        ];
        let mut d = Delegations::default();
        let tables = read_tables(&lines, &mut d);
        assert_eq!(tables.len(), 1);
        assert_eq!(d.outbound.len(), 1);
        let o = &d.outbound[0];
        assert_eq!(
            o.group.as_deref(),
            Some("II. Đoàn sử dụng ngân sách Nhà nước")
        );
        assert_eq!(
            (o.countries.as_str(), o.members, o.days),
            ("Lào", Some(5), Some(4))
        );
        assert_eq!(o.line, 6);
    }
}
