//! Every rule: one input where it must fire, one where it must not.

use lint::{Config, Finding, Severity};

fn findings(text: &str) -> Vec<Finding> {
    let source = document::read::read(text.as_bytes(), Some("t.txt")).expect("reads");
    let doc = document::extract::extract(&source, None);
    lint::lint(&source, &doc, &Config::builtin())
}

fn codes(text: &str) -> Vec<&'static str> {
    findings(text).into_iter().map(|f| f.code).collect()
}

/// A correct Decree 30 plan skeleton; each test changes one thing.
fn plan(body: &str) -> String {
    format!(
        "ỦY BAN NHÂN DÂN\nXÃ HÀ BẮC\nSố: 05/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Hà Bắc, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nHoạt động đối ngoại năm 2026\n\
         Thực hiện Kế hoạch số 13/KH-UBND ngày 02/01/2026 của UBND thành phố Hải Phòng, UBND xã Hà Bắc xây dựng kế hoạch như sau:\n\
         {body}\nTrên đây là Kế hoạch hoạt động đối ngoại xã Hà Bắc năm 2026./.\n\
         Nơi nhận:\n- Sở Ngoại vụ;\n- Lưu: VT, VP.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
}

const GOOD_BODY: &str = "I. MỤC ĐÍCH, YÊU CẦU\n1. Bám sát chủ trương.\n2. Thiết thực, hiệu quả.\nII. NỘI DUNG\n1. Công tác thông tin đối ngoại\na) Quảng bá hình ảnh xã Hà Bắc.\nb) Phối hợp với xã Hà Nam tổ chức giao lưu.\nIII. TỔ CHỨC THỰC HIỆN\n1. Văn phòng HĐND và UBND xã theo dõi, tổng hợp.";

#[test]
fn a_correct_plan_has_no_finding_at_all() {
    let f = findings(&plan(GOOD_BODY));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn numbering_gaps_and_order_are_errors_at_every_level() {
    let body = GOOD_BODY.replace("2. Thiết thực", "3. Thiết thực");
    let f = findings(&plan(&body));
    let n = f.iter().find(|x| x.code == "D30-NUMBERING").expect("fires");
    assert_eq!(
        (n.severity, n.excerpt.as_str(), n.suggestion.as_deref()),
        (Severity::Error, "3.", Some("2."))
    );
    let body = GOOD_BODY.replace("II. NỘI DUNG", "IV. NỘI DUNG");
    assert!(codes(&plan(&body)).contains(&"D30-NUMBERING"));
    let body = GOOD_BODY.replace("b) Phối hợp", "c) Phối hợp");
    assert!(codes(&plan(&body)).contains(&"D30-NUMBERING"));
}

#[test]
fn points_use_the_vietnamese_alphabet_and_the_bracket_form() {
    let body = GOOD_BODY.replace(
        "b) Phối hợp",
        "b) Phối hợp.\nc) Một.\nd) Hai.\nđ) Ba.\ne) Bốn.\nf) Năm.",
    );
    let f = findings(&plan(&body));
    let p = f
        .iter()
        .find(|x| x.code == "D30-POINT-LETTER")
        .expect("fires");
    assert_eq!(p.suggestion.as_deref(), Some("g)"));
    let body = GOOD_BODY.replace("a) Quảng bá", "a. Quảng bá");
    let f = findings(&plan(&body));
    let p = f
        .iter()
        .find(|x| x.code == "D30-POINT-FORM")
        .expect("fires");
    assert_eq!((p.column, p.suggestion.as_deref()), (1, Some("a)")));
    // đ after d is right.
    let body = GOOD_BODY.replace("b) Phối hợp", "b) Một.\nc) Hai.\nd) Ba.\nđ) Bốn.");
    assert!(
        !codes(&plan(&body))
            .iter()
            .any(|c| c.starts_with("D30-POINT") || *c == "D30-NUMBERING")
    );
}

#[test]
fn missing_header_parts_are_errors_and_blanks_in_a_draft_are_information() {
    let text = plan(GOOD_BODY).replace(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "",
    );
    assert!(codes(&text).contains(&"D30-HEADER-NATIONAL-TITLE"));
    let text = plan(GOOD_BODY).replace("Độc lập - Tự do - Hạnh phúc\n", "");
    assert!(codes(&text).contains(&"D30-HEADER-MOTTO"));
    assert!(!codes(&plan(GOOD_BODY)).contains(&"D30-HEADER-MOTTO"));
    let text = plan(GOOD_BODY)
        .replace("Số: 05/KH-UBND", "Số:      /KH-UBND")
        .replace("ngày 05 tháng 01", "ngày    tháng 01");
    let f = findings(&text);
    for code in ["D30-NUMBER-BLANK", "D30-DATE-BLANK"] {
        let x = f
            .iter()
            .find(|x| x.code == code)
            .unwrap_or_else(|| panic!("{code}"));
        assert_eq!(x.severity, Severity::Info);
    }
    assert!(!f.iter().any(|x| x.severity == Severity::Error), "{f:#?}");
    let text = plan(GOOD_BODY).replace("KẾ HOẠCH\n", "");
    assert!(codes(&text).contains(&"D30-HEADER-TYPE"));
}

#[test]
fn the_date_takes_leading_zeros() {
    let text = plan(GOOD_BODY).replace("ngày 05 tháng 01", "ngày 5 tháng 1");
    let f = findings(&text);
    let z: Vec<_> = f.iter().filter(|x| x.code == "D30-DATE-ZERO").collect();
    assert_eq!(z.len(), 2, "{f:#?}");
    assert_eq!(z[0].suggestion.as_deref(), Some("ngày 05"));
    let text = plan(GOOD_BODY).replace("ngày 05 tháng 01", "ngày 15 tháng 11");
    assert!(!codes(&text).contains(&"D30-DATE-ZERO"));
}

#[test]
fn signature_spacing_and_the_recipient_list_end() {
    let text = plan(GOOD_BODY).replace("TM. ỦY BAN", "TM.ỦY BAN");
    let f = findings(&text);
    let s = f
        .iter()
        .find(|x| x.code == "D30-SIGNATURE-SPACING")
        .expect("fires");
    assert_eq!(s.suggestion.as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
    let text = plan(GOOD_BODY).replace("- Lưu: VT, VP.\n", "");
    assert!(codes(&text).contains(&"D30-RECIPIENTS-LUU"));
}

#[test]
fn spaces_before_punctuation_and_unbalanced_brackets() {
    let body = GOOD_BODY.replace(
        "1. Bám sát chủ trương.",
        "1. Bám sát chủ trương , thiết thực (hiệu quả.",
    );
    let f = findings(&plan(&body));
    let s = f
        .iter()
        .find(|x| x.code == "PUNCT-SPACE-BEFORE")
        .expect("fires");
    assert_eq!(s.excerpt, " ,");
    assert!(f.iter().any(|x| x.code == "PUNCT-UNBALANCED"));
    // "a)" labels and "Số:      /KH" blanks are not punctuation errors.
    let text = plan(GOOD_BODY).replace("Số: 05/KH-UBND", "Số:      /KH-UBND");
    assert!(!codes(&text).iter().any(|c| c.starts_with("PUNCT")));
}

#[test]
fn another_communes_name_where_the_text_speaks_of_itself() {
    let body = GOOD_BODY.replace(
        "Quảng bá hình ảnh xã Hà Bắc",
        "Quảng bá hình ảnh xã Tân Minh",
    );
    let f = findings(&plan(&body));
    let n = f
        .iter()
        .find(|x| x.code == "NAME-OTHER-COMMUNE")
        .expect("fires");
    assert_eq!(
        (n.excerpt.as_str(), n.suggestion.as_deref()),
        ("Tân Minh", Some("Hà Bắc"))
    );
    // Working with a neighbouring commune is not a copied name.
    assert!(!codes(&plan(GOOD_BODY)).contains(&"NAME-OTHER-COMMUNE"));
}

#[test]
fn districts_after_the_2025_reform() {
    let body = GOOD_BODY.replace("theo dõi, tổng hợp", "báo cáo UBND huyện");
    let f = findings(&plan(&body));
    assert!(
        f.iter()
            .any(|x| x.code == "NAME-DISTRICT" && x.severity == Severity::Error)
    );
    // A 2024 document may speak of its district.
    let old = plan(&body)
        .replace("năm 2026", "năm 2024")
        .replace("ngày 02/01/2026", "ngày 02/01/2024");
    assert!(!codes(&old).contains(&"NAME-DISTRICT"));
}

#[test]
fn citation_rules() {
    // Replaced instrument, with its replacement suggested.
    let body = GOOD_BODY.replace(
        "1. Bám sát chủ trương.",
        "1. Thực hiện Quyết định số 76/2010/QĐ-TTg ngày 30/11/2010 của Thủ tướng Chính phủ.",
    );
    let f = findings(&plan(&body));
    let r = f.iter().find(|x| x.code == "CIT-REPLACED").expect("fires");
    assert_eq!(r.suggestion.as_deref(), Some("06/2020/QĐ-TTg"));
    // In force: nothing.
    let body = GOOD_BODY.replace(
        "1. Bám sát chủ trương.",
        "1. Thực hiện Quyết định số 06/2020/QĐ-TTg ngày 21/02/2020 của Thủ tướng Chính phủ.",
    );
    assert!(findings(&plan(&body)).is_empty());
    // Wrong date for a known instrument.
    let body = GOOD_BODY.replace(
        "1. Bám sát chủ trương.",
        "1. Thực hiện Chỉ thị số 12-CT/TW ngày 05/02/2022 của Ban Bí thư.",
    );
    assert!(codes(&plan(&body)).contains(&"CIT-DATE-REGISTRY"));
    // The same number with two dates.
    let body = GOOD_BODY.replace(
        "2. Thiết thực, hiệu quả.",
        "2. Theo Kế hoạch số 13/KH-UBND ngày 03/01/2026 của UBND thành phố.",
    );
    assert!(codes(&plan(&body)).contains(&"CIT-DATE-CONFLICT"));
    // Cited document dated after this one.
    let body = GOOD_BODY.replace(
        "2. Thiết thực, hiệu quả.",
        "2. Theo Kế hoạch số 20/KH-UBND ngày 03/02/2026 của UBND thành phố.",
    );
    assert!(codes(&plan(&body)).contains(&"CIT-DATE-AFTER-DOCUMENT"));
    // "/CV-" cannot be a symbol.
    let body = GOOD_BODY.replace(
        "2. Thiết thực, hiệu quả.",
        "2. Theo Công văn số 12/CV-UBND ngày 03/01/2026 của UBND xã.",
    );
    assert!(codes(&plan(&body)).contains(&"CIT-SYMBOL"));
    // A programme that ended before the plan year.
    let body = GOOD_BODY.replace("2. Thiết thực, hiệu quả.", "2. Theo Quyết định số 1347/QĐ-UBND ngày 29/4/2021 của UBND tỉnh về Đề án giai đoạn 2021-2025.");
    assert!(codes(&plan(&body)).contains(&"CIT-PERIOD-ENDED"));
    let body = GOOD_BODY.replace("2. Thiết thực, hiệu quả.", "2. Theo Quyết định số 1347/QĐ-UBND ngày 29/4/2021 của UBND tỉnh về Đề án giai đoạn 2021-2030.");
    assert!(!codes(&plan(&body)).contains(&"CIT-PERIOD-ENDED"));
    // Unconfirmed status is information only.
    let body = GOOD_BODY.replace(
        "1. Bám sát chủ trương.",
        "1. Theo Nghị định 88/2012/NĐ-CP ngày 23/10/2012 của Chính phủ.",
    );
    let f = findings(&plan(&body));
    assert!(
        f.iter().all(|x| x.severity == Severity::Info)
            && f.iter().any(|x| x.code == "CIT-UNCONFIRMED")
    );
}

#[test]
fn consistency_rules() {
    let body = "I. NỘI DUNG\n1. Công tác thông tin đối ngoại\n* Đơn vị chủ trì: Văn phòng HĐND và UBND xã.\n* Thời gian thực hiện: Cả năm 2025.\n2. Đoàn ra, đoàn vào\n- Đoàn ra: Không có";
    let f = findings(&plan(body));
    let y = f
        .iter()
        .find(|x| x.code == "CONS-YEAR-TIMEFRAME")
        .expect("fires");
    assert_eq!(y.suggestion.as_deref(), Some("Cả năm 2026"));
    let ok = body.replace("2025", "2026");
    assert!(!codes(&plan(&ok)).contains(&"CONS-YEAR-TIMEFRAME"));
    let table = "\nBẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA NĂM 2026\n| TT | Tên đoàn | Nước đi | Số người |\n|---|---|---|---|\n| 1 | Đoàn xã | Lào | 5 |\n| 2 | Đoàn xã | Thái Lan | 4 |\n| Tổng cộng | | | 10 |\n";
    let f = findings(&format!("{}{table}", plan(&ok)));
    assert!(f.iter().any(|x| x.code == "CONS-DELEGATION-NONE"), "{f:#?}");
    let t = f
        .iter()
        .find(|x| x.code == "CONS-TABLE-TOTAL")
        .expect("fires");
    assert_eq!(t.suggestion.as_deref(), Some("9"));
}

fn with_line(line: &str) -> String {
    plan(&GOOD_BODY.replace("2. Thiết thực, hiệu quả.", line))
}

fn only<'a>(f: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    f.iter().filter(|x| x.code == code).collect()
}

#[test]
fn syllables_that_are_not_vietnamese() {
    let f = findings(&with_line(
        "2. Phát triển nghành du lịch, nâng cao chất lượng cuộc sông.",
    ));
    let s = only(&f, "SPELL-SYLLABLE");
    assert_eq!(s.len(), 1, "{f:#?}");
    assert_eq!(
        (
            s[0].excerpt.as_str(),
            s[0].suggestion.as_deref(),
            s[0].severity
        ),
        ("nghành", Some("ngành"), Severity::Warning)
    );
    // Names, acronyms, symbols, foreign words and units are not spelling errors.
    let f = findings(&with_line(
        "2. Ông John Smith (UNDP) giới thiệu trang website, fanpage và 5 km đường; xem www.hanoi.gov.vn, v.v.",
    ));
    assert!(only(&f, "SPELL-SYLLABLE").is_empty(), "{f:#?}");
}

#[test]
fn real_word_errors_with_the_fix() {
    for (line, wrong, right) in [
        (
            "2. Tăng cường quán lý nhà nước về công tác đối ngoại.",
            "quán",
            "quản",
        ),
        ("2. Đẩy mạnh hội nhấp quốc tế.", "nhấp", "nhập"),
        (
            "2. Cập nhật tin bài trên Cổng thông tin điện tứ của xã.",
            "tứ",
            "tử",
        ),
        (
            "2. Tổ chức tập huấn nghiệp vụ cho đội ngũ cán bộ, công chúc.",
            "chúc",
            "chức",
        ),
        // The variant seen very often in this context ("hợp đồng"), though the written
        // word is common too.
        (
            "2. Các bên ký kết hợp động thuê nhà theo quy định.",
            "động",
            "đồng",
        ),
        // Both neighbours seen with the variant, neither with the written word.
        (
            "2. Nguyên tắc áp dụng pháp luật khi cố xung đột pháp luật.",
            "cố",
            "có",
        ),
    ] {
        let f = findings(&with_line(line));
        let r = only(&f, "SPELL-REAL-WORD");
        assert_eq!(r.len(), 1, "{line}: {f:#?}");
        assert_eq!(
            (r[0].excerpt.as_str(), r[0].suggestion.as_deref()),
            (wrong, Some(right)),
            "{line}"
        );
    }
    // The same words used correctly.
    for line in [
        "2. Tăng cường quản lý nhà nước về công tác đối ngoại.",
        "2. Đẩy mạnh hội nhập quốc tế, mở quán cà phê, chúc mừng năm mới.",
        "2. Cập nhật tin bài trên Cổng thông tin điện tử của xã.",
        "2. Các bên ký kết hợp đồng thuê nhà theo quy định.",
        "2. Nguyên tắc áp dụng pháp luật khi có xung đột pháp luật.",
        // Numbers are neighbours too ("ngày 0", "0 tuổi"): dates and ages are fine.
        "2. Ban hành kế hoạch ngày 15 tháng 3 năm 2026 và giao các phòng thực hiện.",
        "2. Người học nghề từ đủ 14 tuổi trở lên được hỗ trợ kinh phí.",
    ] {
        let f = findings(&with_line(line));
        assert!(only(&f, "SPELL-REAL-WORD").is_empty(), "{line}: {f:#?}");
    }
}

#[test]
fn doubled_words() {
    let f = findings(&with_line(
        "2. Phối hợp với các các cơ quan của của tỉnh bạn.",
    ));
    let d = only(&f, "SPELL-DOUBLED");
    assert_eq!(d.len(), 2, "{f:#?}");
    assert_eq!(
        (d[0].excerpt.as_str(), d[0].suggestion.as_deref()),
        ("các các", Some("các"))
    );
    let f = findings(&with_line("2. Tổ chức tổ chức hội nghị."));
    assert_eq!(only(&f, "SPELL-DOUBLED").len(), 1, "{f:#?}");
    // Reduplication is Vietnamese: "ngày ngày", "từ từ", "người người".
    let f = findings(&with_line(
        "2. Ngày ngày, người người thi đua, từ từ nâng cao hiệu quả.",
    ));
    assert!(only(&f, "SPELL-DOUBLED").is_empty(), "{f:#?}");
}

#[test]
fn fixed_phrases_with_a_word_missing() {
    let f = findings(&with_line(
        "2. Tuyên truyền cho đồng bào dân tộc thiểu số về thông tin đối cho cán bộ.",
    ));
    let m = only(&f, "SPELL-PHRASE-MISSING");
    assert_eq!(m.len(), 1, "{f:#?}");
    assert_eq!(
        (m[0].excerpt.as_str(), m[0].suggestion.as_deref()),
        ("thông tin đối", Some("thông tin đối ngoại"))
    );
    let f = findings(&with_line(
        "2. Vận động bào dân tộc thiểu số giữ gìn an ninh.",
    ));
    let m = only(&f, "SPELL-PHRASE-MISSING");
    assert_eq!(m.len(), 1, "{f:#?}");
    assert_eq!(
        m[0].suggestion.as_deref(),
        Some("đồng bào dân tộc thiểu số")
    );
    // Complete phrases, and shorter phrases that are words of their own.
    let f = findings(&with_line(
        "2. Làm tốt thông tin đối ngoại, công tác ngoại vụ, quan hệ với cơ quan đại diện Việt Nam ở nước ngoài.",
    ));
    assert!(only(&f, "SPELL-PHRASE-MISSING").is_empty(), "{f:#?}");
}

fn task_plan(lead: &str, partners: &str) -> String {
    let body = format!(
        "I. NỘI DUNG\n1. Công tác thông tin đối ngoại\n* Đơn vị chủ trì: {lead}.\n* Đơn vị phối hợp: {partners}.\n* Thời gian thực hiện: Cả năm 2026."
    );
    plan(&body)
}

#[test]
fn unit_names_against_the_communes_list() {
    // Listed units, in any of their usual forms.
    let f = findings(&task_plan(
        "Văn phòng HĐND và UBND xã",
        "Công an xã, Phòng Văn hoá – Xã hội, Ủy ban MTTQ Việt Nam xã, các thôn",
    ));
    assert!(!f.iter().any(|x| x.code.starts_with("NAME-UNIT")), "{f:#?}");
    // Not in the list: information only, never an error.
    let f = findings(&task_plan("Phòng Tư pháp", "Công an xã"));
    let u = only(&f, "NAME-UNIT-UNKNOWN");
    assert_eq!(u.len(), 1, "{f:#?}");
    assert_eq!(
        (u[0].excerpt.as_str(), u[0].severity),
        ("Phòng Tư pháp", Severity::Info)
    );
    // Close to a listed unit: a warning with the listed name.
    let f = findings(&task_plan("Phòng Kin tế", "Công an xã"));
    let v = only(&f, "NAME-UNIT-VARIES");
    assert_eq!(v.len(), 1, "{f:#?}");
    assert_eq!(v[0].suggestion.as_deref(), Some("Phòng Kinh tế"));
    // A commune's own list.
    let text = task_plan("Trung tâm Dịch vụ tổng hợp", "Công an xã");
    let source = document::read::read(text.as_bytes(), Some("t.txt")).expect("reads");
    let doc = document::extract::extract(&source, None);
    let mut config = Config::builtin();
    config.units = lint::Units::parse("Trung tâm Dịch vụ tổng hợp\nCông an\n").expect("list");
    assert!(lint::lint(&source, &doc, &config).is_empty());
    assert!(codes(&text).contains(&"NAME-UNIT-UNKNOWN"));
}
