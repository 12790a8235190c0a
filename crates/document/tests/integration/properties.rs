//! Properties over arbitrary input: no panic, spans inside the input.

use proptest::prelude::*;

fn check(bytes: &[u8], name: Option<&str>) {
    match document::read::read(bytes, name) {
        Ok(source) => {
            let doc = document::extract::extract(&source, name);
            let n = source.lines.len();
            for c in &doc.citations {
                assert!(c.line >= 1 && c.line <= n);
            }
            for t in &doc.tasks {
                assert!(t.line >= 1 && t.line <= n);
            }
            let raw_lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            for l in &source.lines {
                if let Some((a, b)) = l.raw_lines {
                    assert!(
                        a >= 1 && a <= b && b <= raw_lines,
                        "raw span {a}-{b} of {raw_lines}"
                    );
                }
                assert!(!l.text.is_empty());
            }
        }
        Err(e) => {
            assert!(!e.message_vi().is_empty() && !e.message_en().is_empty());
        }
    }
}

/// Vietnamese-looking plan text: labels, bullets, citations, blank lines, caps.
fn plan_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("I. MỤC ĐÍCH, YÊU CẦU".to_string()),
        Just("1. Công tác đối ngoại".to_string()),
        Just("a) Đơn vị chủ trì: Công an xã; Phòng Kinh tế".to_string()),
        Just("- Thời gian thực hiện: Cả năm 2026".to_string()),
        Just("+ Đoàn ra: Không có".to_string()),
        Just("Nghị quyết số 45-NQ/TW ngày 05/7/2018 của Bộ Chính trị về".to_string()),
        Just("Số: /KH-UBND".to_string()),
        Just("Hà Bắc, ngày 05 tháng 01 năm 2026".to_string()),
        Just("TM. ỦY BAN NHÂN DÂN".to_string()),
        Just("Nơi nhận:".to_string()),
        Just("| TT | Tên đoàn | Nước đi |".to_string()),
        Just("**KẾ HOẠCH**".to_string()),
        Just("## II. NỘI DUNG".to_string()),
        Just("\u{c}2".to_string()),
        Just(String::new()),
        "[a-zA-Zàáạảãđêôơư .,;:/()*#|+-]{0,80}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check(&bytes, None);
        check(&bytes, Some("x.md"));
    }

    #[test]
    fn arbitrary_text_never_panics_and_spans_stay_inside(text in "\\PC{0,2000}") {
        check(text.as_bytes(), None);
    }

    #[test]
    fn plan_like_text_never_panics_and_spans_stay_inside(text in plan_like()) {
        check(text.as_bytes(), Some("plan.txt"));
    }
}
