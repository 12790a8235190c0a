//! HTML print view of a plan: the same blocks as the DOCX, styled for A4 in the browser.

use crate::layout::{Block, ParaKind, blocks, recipient_line};
use document::model::Document;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "@page{size:A4;margin:20mm 15mm 20mm 30mm}\
body{font-family:'Times New Roman','Liberation Serif',serif;font-size:14pt;line-height:1.15;max-width:165mm;margin:0 auto;color:#000}\
table.layout{width:100%;border-collapse:collapse}table.layout td{vertical-align:top;text-align:center;padding:0}\
.co-quan{font-weight:bold;font-size:13pt}.so{font-size:13pt}.quoc-hieu{font-weight:bold;font-size:12pt}\
.tieu-ngu{font-weight:bold;font-size:13pt}.dia-danh{font-style:italic}hr.rule{border:0;border-top:1px solid #000;margin:2px auto 6px}\
.ten-loai,.trich-yeu{text-align:center;font-weight:bold;margin:0}.kinh-gui{text-align:center;margin:6pt 0}.ten-loai{margin-top:12pt}\
p.body,p.part,p.item,p.subitem,p.point,p.bullet{text-align:justify;text-indent:1.27cm;margin:0 0 6pt}\
p.part,p.item{font-weight:bold}p.subitem{font-weight:bold;font-style:italic}\
td.noi-nhan{text-align:left;font-size:11pt}.noi-nhan-tieu-de{font-weight:bold;font-style:italic;font-size:12pt}\
.chu-ky{font-weight:bold}.ten{margin-top:60pt;font-weight:bold}\
table.data{border-collapse:collapse;width:100%;font-size:12pt;margin-top:12pt}table.data td,table.data th{border:1px solid #000;padding:2pt 4pt}\
@media print{.data-page{page:landscape;break-before:page}}@page landscape{size:A4 landscape}";

/// A complete HTML page (UTF-8, `lang="vi"`).
pub fn render(doc: &Document) -> String {
    let mut h = String::new();
    let title = doc.title.clone().unwrap_or_default();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n",
        escape(&title)
    ));
    for b in blocks(doc) {
        match b {
            Block::Header(hd) => {
                h.push_str("<table class=\"layout header\"><tr><td style=\"width:40%\">");
                if let Some(p) = &hd.parent {
                    h.push_str(&format!("<div>{}</div>", escape(p)));
                }
                for l in &hd.issuer {
                    h.push_str(&format!("<div class=\"co-quan\">{}</div>", escape(l)));
                }
                h.push_str("<hr class=\"rule\" style=\"width:33%\">");
                h.push_str(&format!(
                    "<div class=\"so\">{}</div></td><td>",
                    escape(&hd.number_line)
                ));
                h.push_str("<div class=\"quoc-hieu\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>");
                h.push_str("<div class=\"tieu-ngu\">Độc lập - Tự do - Hạnh phúc</div><hr class=\"rule\" style=\"width:60%\">");
                h.push_str(&format!(
                    "<div class=\"dia-danh\">{}</div></td></tr></table>\n",
                    escape(&hd.place_date)
                ));
            }
            Block::Title { type_name, title } => {
                h.push_str(&format!(
                    "<p class=\"ten-loai\">{}</p><p class=\"trich-yeu\">{}</p><hr class=\"rule\" style=\"width:20%\">\n",
                    escape(&type_name),
                    escape(&title)
                ));
            }
            Block::Paragraph { kind, text } => {
                let class = match kind {
                    ParaKind::Body => "body",
                    ParaKind::Part => "part",
                    ParaKind::Item => "item",
                    ParaKind::SubItem => "subitem",
                    ParaKind::Point => "point",
                    ParaKind::Bullet => "bullet",
                    ParaKind::Addressee => "kinh-gui",
                };
                h.push_str(&format!("<p class=\"{class}\">{}</p>\n", escape(&text)));
            }
            Block::Closing {
                recipients,
                authority,
                position,
                name,
            } => {
                h.push_str("<table class=\"layout closing\"><tr><td class=\"noi-nhan\"><div class=\"noi-nhan-tieu-de\">Nơi nhận:</div>");
                for (i, r) in recipients.iter().enumerate() {
                    h.push_str(&format!(
                        "<div>{}</div>",
                        escape(&recipient_line(r, i + 1 == recipients.len()))
                    ));
                }
                h.push_str("</td><td>");
                for a in &authority {
                    h.push_str(&format!("<div class=\"chu-ky\">{}</div>", escape(a)));
                }
                if let Some(p) = &position {
                    h.push_str(&format!("<div class=\"chu-ky\">{}</div>", escape(p)));
                }
                h.push_str(&format!(
                    "<div class=\"ten\">{}</div></td></tr></table>\n",
                    escape(name.as_deref().unwrap_or(""))
                ));
            }
            Block::Table(t) => {
                h.push_str("<section class=\"data-page\">");
                if let Some(title) = &t.title {
                    h.push_str(&format!("<p class=\"trich-yeu\">{}</p>", escape(title)));
                }
                h.push_str("<table class=\"data\">");
                for (i, row) in t.rows.iter().enumerate() {
                    h.push_str("<tr>");
                    for c in row {
                        let tag = if i == 0 { "th" } else { "td" };
                        h.push_str(&format!("<{tag}>{}</{tag}>", escape(c)));
                    }
                    h.push_str("</tr>");
                }
                h.push_str("</table></section>\n");
            }
        }
    }
    h.push_str("</body></html>\n");
    h
}
