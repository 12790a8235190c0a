#![cfg(feature = "pdf")]

//! The PDF as a reader sees it: every sample renders, its text copies out (checked by
//! extracting it again with pdf-extract), typst markup in the text prints as written,
//! page numbers start on page 2, appendix tables go on landscape pages.

use std::time::Instant;

use unicode_normalization::UnicodeNormalization;

use super::round_trip::{parse, seeds};

fn sample(i: usize) -> document::Document {
    let seed = &seeds()[i];
    parse(&std::fs::read(seed).expect("seed"), "s.txt")
}

/// NFC, whitespace runs collapsed to one space.
fn norm(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("text layer")
}

/// The text of all pages without the page numbers at their tops, so a paragraph that
/// runs over a page break reads as one.
fn text(pdf: &[u8]) -> String {
    let pages: Vec<String> = pages(pdf)
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let p = norm(p);
            let n = format!("{} ", k + 1);
            match p.strip_prefix(&n) {
                Some(rest) if k > 0 => rest.to_string(),
                _ => p,
            }
        })
        .collect();
    pages.join(" ")
}

/// The longest body paragraph of `doc` (a long sentence that wraps over several lines).
fn long_paragraph(doc: &document::Document) -> String {
    fn walk(s: &document::model::Section, best: &mut String) {
        for p in &s.paragraphs {
            if p.chars().count() > best.chars().count() {
                *best = p.clone();
            }
        }
        s.children.iter().for_each(|c| walk(c, best));
    }
    let mut best = String::new();
    doc.sections.iter().for_each(|s| walk(s, &mut best));
    for p in doc.preamble.iter().chain(&doc.closing) {
        if p.text.chars().count() > best.chars().count() {
            best = p.text.clone();
        }
    }
    best
}

#[test]
fn every_sample_renders_and_its_text_copies_out() {
    for (i, seed) in seeds().iter().enumerate() {
        let doc = sample(i);
        let pdf = render::pdf::render(&doc).unwrap_or_else(|e| panic!("{seed:?}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{seed:?}");
        let all = text(&pdf);
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nơi nhận:",
        ] {
            assert!(all.contains(needle), "{seed:?}: {needle}");
        }
        let title = norm(doc.title.as_deref().expect("title"));
        assert!(all.contains(&title), "{seed:?}: title {title}");
        let long = norm(&long_paragraph(&doc));
        assert!(long.chars().count() > 150, "{seed:?}: {long}");
        assert!(
            all.contains(&long),
            "{seed:?}: paragraph\n{long}\n---\n{all}"
        );
        if let Some(name) = doc.signer.as_ref().and_then(|s| s.name.as_deref()) {
            assert!(all.contains(&norm(name)), "{seed:?}: signer {name}");
        }
    }
}

#[test]
fn page_numbers_start_on_page_two() {
    let pdf = render::pdf::render(&sample(0)).expect("renders");
    let pages = pages(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(!norm(&pages[0]).starts_with("1 "), "{}", pages[0]);
    for (k, p) in pages.iter().enumerate().skip(1) {
        let first = norm(p);
        let n = (k + 1).to_string();
        assert!(
            first.split(' ').next() == Some(n.as_str()),
            "page {n} starts with {:?}",
            &first[..first.len().min(40)]
        );
    }
}

#[test]
fn markup_characters_in_the_text_print_as_written() {
    let mut doc = sample(3);
    let tricky = [
        "* Ghi chú: giá trị *không* đổi; a_b_c, #let x = 1, $5$ <nhãn> @ref",
        "- Gạch đầu dòng; + cộng; 1. không phải danh sách; = không phải tiêu đề",
        "Đường dẫn a/b // c, ~ dấu ngã, \"trích dẫn\" và 'đơn', \\ gạch ngược, [ngoặc] {nhọn}",
        "`mã` -- --- ... và ) } ] lẻ loi",
    ];
    for t in tricky {
        doc.preamble.push(document::model::Paragraph {
            text: t.to_string(),
            line: 0,
            para: None,
        });
    }
    doc.title = Some("Kế hoạch \"thử\" *đặc biệt* #1 / 2026".into());
    doc.parent_body = Some("ỦY BAN NHÂN DÂN TỈNH THANH HÓA".into());
    let pdf = render::pdf::render(&doc).expect("renders");
    let all = text(&pdf);
    let extra = [
        doc.title.as_deref().unwrap(),
        doc.parent_body.as_deref().unwrap(),
    ];
    for t in tricky.iter().copied().chain(extra) {
        assert!(all.contains(&norm(t)), "{t}\n---\n{all}");
    }
}

#[test]
fn appendix_tables_go_on_landscape_pages() {
    let mut doc = sample(1);
    let portrait = pages(&render::pdf::render(&doc).expect("renders")).len();
    let header = [
        "TT",
        "Tên đoàn",
        "Trưởng đoàn",
        "Nước đi",
        "Đối tác làm việc",
        "Nội dung hoạt động",
        "Số người",
    ];
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    rows.push(vec![
        "I. Đoàn sử dụng ngân sách Nhà nước".into(),
        String::new(),
        String::new(),
    ]);
    for k in 1..=40 {
        rows.push(vec![
            k.to_string(),
            format!("Đoàn công tác số {k} của xã"),
            "Chủ tịch UBND xã".into(),
            "Lào - Campuchia".into(),
            "Huyện kết nghĩa".into(),
            "Trao đổi kinh nghiệm phát triển kinh tế - xã hội, giao lưu văn hóa".into(),
            "5".into(),
        ]);
    }
    doc.tables.push(document::model::Table {
        title: Some("BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026".into()),
        rows,
        line: 0,
    });
    let pdf = render::pdf::render(&doc).expect("renders");
    let by_page = pages(&pdf);
    assert!(by_page.len() >= portrait + 2, "table over two pages");
    let all = text(&pdf);
    for needle in [
        "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026",
        "I. Đoàn sử dụng ngân sách Nhà nước",
        "Đoàn công tác số 40 của xã",
    ] {
        assert!(all.contains(needle), "{needle}");
    }
    // The header row repeats on the second table page.
    assert!(norm(&by_page[portrait + 1]).contains("Tên đoàn"));
    // Portrait pages first, then landscape A4 (841.89 × 595.28 pt) for the tables.
    let sizes = page_sizes(&pdf);
    assert_eq!(sizes.len(), by_page.len());
    for (k, (w, h)) in sizes.iter().enumerate() {
        let (ew, eh) = if k < portrait {
            (595.28, 841.89)
        } else {
            (841.89, 595.28)
        };
        assert!(
            (w - ew).abs() < 0.1 && (h - eh).abs() < 0.1,
            "page {k}: {w} × {h}"
        );
    }
}

/// Width and height of each page's MediaBox, in points.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = pdf_extract::Document::load_mem(pdf).expect("pdf");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("page");
            let mb = page
                .get(b"MediaBox")
                .and_then(|o| o.as_array())
                .expect("MediaBox");
            let n: Vec<f32> = mb.iter().map(|o| o.as_float().expect("number")).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

#[test]
fn a_plan_without_tables_is_a4_portrait_throughout() {
    let pdf = render::pdf::render(&sample(2)).expect("renders");
    for (w, h) in page_sizes(&pdf) {
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{w} × {h}"
        );
    }
}

#[test]
fn the_markup_sets_vietnamese_a4_and_decree_30_margins() {
    let m = render::pdf::markup(&sample(0));
    for needle in [
        "lang: \"vi\"",
        "paper: \"a4\"",
        "margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm)",
        "size: 14pt",
        "amount: 1.27cm",
        "font: \"Liberation Serif\"",
    ] {
        assert!(m.contains(needle), "{needle}");
    }
}

#[test]
fn string_literals_escape_what_typst_would_read() {
    assert_eq!(render::pdf::lit("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    assert_eq!(render::pdf::lit("#*_$<>@=-+/~'`"), "\"#*_$<>@=-+/~'`\"");
    assert_eq!(render::pdf::lit("\u{1}"), "\"\\u{1}\"");
}

/// `doc` with every paragraph changed, so typst's memoisation cannot reuse the layout
/// of an earlier render: each render is of a plan it has not seen.
fn fresh(doc: &document::Document, k: usize) -> document::Document {
    fn walk(s: &mut document::model::Section, k: usize) {
        s.head = format!("{} {k}", s.head);
        s.paragraphs
            .iter_mut()
            .for_each(|p| p.push_str(&format!(" {k}")));
        s.children.iter_mut().for_each(|c| walk(c, k));
    }
    let mut d = doc.clone();
    d.sections.iter_mut().for_each(|s| walk(s, k));
    for p in d.preamble.iter_mut().chain(d.closing.iter_mut()) {
        p.text.push_str(&format!(" {k}"));
    }
    d.number = Some(format!("{k}/KH-UBND"));
    d
}

/// Rough throughput on one core: `cargo test --release -p render --test integration --
/// --ignored --nocapture pdf_throughput`. "new plan" renders a plan whose every paragraph
/// differs from those rendered before; "same plan" renders one plan again (typst's
/// memoisation then reuses most of the work).
#[test]
#[ignore]
fn pdf_throughput() {
    let docs: Vec<_> = (0..5).map(sample).collect();
    for d in &docs {
        render::pdf::render(d).expect("warm-up");
    }
    let runs = 30;
    let mut total = (0.0, 0);
    for (i, d) in docs.iter().enumerate() {
        let n = pages(&render::pdf::render(d).expect("renders")).len();
        let variants: Vec<_> = (0..runs).map(|k| fresh(d, 1000 + k)).collect();
        let start = Instant::now();
        for v in &variants {
            render::pdf::render(v).expect("renders");
        }
        let new = start.elapsed().as_secs_f64() / runs as f64;
        let start = Instant::now();
        for _ in 0..runs {
            render::pdf::render(d).expect("renders");
        }
        let same = start.elapsed().as_secs_f64() / runs as f64;
        total = (total.0 + new * runs as f64, total.1 + runs);
        println!(
            "sample {i}: {n} pages; new plan {:.1} ms ({:.0}/s); same plan {:.1} ms ({:.0}/s)",
            new * 1e3,
            1.0 / new,
            same * 1e3,
            1.0 / same
        );
    }
    println!("new plans overall: {:.0} plans/s", total.1 as f64 / total.0);
}

/// Writes every sample to /tmp/pdf-out/<seed>.pdf for a look with `pdftoppm`.
#[test]
#[ignore]
fn write_samples_for_viewing() {
    let out = std::path::Path::new("/tmp/pdf-out");
    std::fs::create_dir_all(out).expect("dir");
    for (i, seed) in seeds().iter().enumerate() {
        let pdf = render::pdf::render(&sample(i)).expect("renders");
        let name = seed.file_stem().unwrap().to_string_lossy().to_string();
        std::fs::write(out.join(format!("{name}.pdf")), pdf).expect("write");
        std::fs::write(
            out.join(format!("{name}.typ")),
            render::pdf::markup(&sample(i)),
        )
        .expect("write");
    }
}

/// Scratch: compiles $TYP to $TYP.pdf.
#[test]
#[ignore]
fn compile_typ_file() {
    let Ok(path) = std::env::var("TYP") else {
        return;
    };
    let src = std::fs::read_to_string(&path).expect("read");
    let pdf = render::pdf::compile(src).expect("compiles");
    std::fs::write(format!("{path}.pdf"), pdf).expect("write");
}
