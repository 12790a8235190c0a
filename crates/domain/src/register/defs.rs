//! The twelve registers of registers-reports.md §2, as data. Lists of values are here too:
//! each is a slice of [`Choice`] with its stable codes (stored) and labels (shown).

use super::due::{DueRule, Lead};
use super::value::FieldError;
use super::{Choice, Entry, EntryState as S, Field, FieldType as T, Register, RegisterKind, Roles};

const fn c(code: &'static str, label: &'static str) -> Choice {
    Choice {
        code,
        label,
        also: &[],
    }
}

const fn ca(code: &'static str, label: &'static str, also: &'static [&'static str]) -> Choice {
    Choice { code, label, also }
}

/// Funding sources (nguồn kinh phí).
pub const FUNDING: &[Choice] = &[
    ca(
        "nsnn",
        "Ngân sách nhà nước",
        &["NSNN", "ngân sách", "ngân sách xã"],
    ),
    ca(
        "doi_tac",
        "Đối tác mời, tài trợ",
        &["đối tác", "phía bạn", "đối tác chi trả"],
    ),
    ca("xhh", "Xã hội hóa", &["XHH"]),
    c("khac", "Nguồn khác"),
];

/// Purposes of a delegation.
pub const PURPOSES: &[Choice] = &[
    ca("hop_tac", "Hợp tác, ký kết", &["hợp tác"]),
    ca(
        "hoc_tap",
        "Học tập, khảo sát kinh nghiệm",
        &["khảo sát", "học tập kinh nghiệm"],
    ),
    ca(
        "xuc_tien",
        "Xúc tiến đầu tư, thương mại, du lịch",
        &["xúc tiến", "xúc tiến đầu tư"],
    ),
    ca(
        "giao_luu",
        "Giao lưu văn hóa, hữu nghị",
        &["giao lưu", "hữu nghị"],
    ),
    ca(
        "hoi_nghi",
        "Dự hội nghị, hội thảo",
        &["hội nghị", "hội thảo"],
    ),
    ca("dao_tao", "Đào tạo, bồi dưỡng", &["đào tạo", "bồi dưỡng"]),
    ca(
        "tham_hoi",
        "Thăm hỏi, chúc mừng",
        &["thăm hỏi", "chúc mừng"],
    ),
    ca("vien_tro", "Khảo sát, triển khai viện trợ", &["viện trợ"]),
    c("khac", "Mục đích khác"),
];

const LEVELS_OUT: &[Choice] = &[
    ca(
        "ubnd",
        "Lãnh đạo HĐND, UBND xã",
        &["UBND xã", "lãnh đạo xã"],
    ),
    ca("dang_uy", "Đảng ủy xã", &["Đảng ủy"]),
    ca("mttq", "Mặt trận Tổ quốc, đoàn thể", &["đoàn thể", "MTTQ"]),
    ca("don_vi", "Đơn vị, cơ quan thuộc xã", &["đơn vị"]),
    ca(
        "lien_nganh",
        "Đoàn liên ngành, ghép đoàn cấp tỉnh",
        &["ghép đoàn", "liên ngành"],
    ),
    c("khac", "Khác"),
];

const VISITOR_KINDS: &[Choice] = &[
    ca(
        "chinh_quyen",
        "Cơ quan nhà nước, chính quyền địa phương nước ngoài",
        &["chính quyền", "chính phủ"],
    ),
    ca(
        "co_quan_dd",
        "Cơ quan đại diện nước ngoài tại Việt Nam",
        &["đại sứ quán", "lãnh sự quán"],
    ),
    ca("to_chuc_qt", "Tổ chức quốc tế", &["tổ chức quốc tế"]),
    ca(
        "ngo",
        "Tổ chức phi chính phủ nước ngoài",
        &["phi chính phủ", "PCPNN", "NGO"],
    ),
    ca(
        "doanh_nghiep",
        "Doanh nghiệp, nhà đầu tư",
        &["doanh nghiệp", "nhà đầu tư"],
    ),
    ca(
        "giao_duc",
        "Trường học, viện nghiên cứu",
        &["trường học", "viện nghiên cứu"],
    ),
    ca("ca_nhan", "Cá nhân, nhóm khách", &["cá nhân"]),
    c("khac", "Khác"),
];

const FORMATS: &[Choice] = &[
    ca("truc_tiep", "Trực tiếp", &["tập trung"]),
    c("truc_tuyen", "Trực tuyến"),
    ca("ket_hop", "Trực tiếp kết hợp trực tuyến", &["kết hợp"]),
];

const REPORTER_KINDS: &[Choice] = &[
    ca("thuong_tru", "Thường trú tại Việt Nam", &["thường trú"]),
    ca(
        "khong_thuong_tru",
        "Không thường trú",
        &["không thường trú"],
    ),
    ca("theo_doan", "Đi theo đoàn khách", &["theo đoàn"]),
];

const DONOR_KINDS: &[Choice] = &[
    ca(
        "ngo",
        "Tổ chức phi chính phủ nước ngoài",
        &["phi chính phủ", "PCPNN", "NGO"],
    ),
    ca(
        "to_chuc",
        "Tổ chức quốc tế, cơ quan nước ngoài",
        &["tổ chức quốc tế"],
    ),
    ca("ca_nhan", "Cá nhân nước ngoài", &["cá nhân"]),
    ca("doanh_nghiep", "Doanh nghiệp nước ngoài", &["doanh nghiệp"]),
];

const AID_FORMS: &[Choice] = &[
    c("chuong_trinh", "Chương trình"),
    c("du_an", "Dự án"),
    c("phi_du_an", "Phi dự án"),
    c("khan_cap", "Viện trợ khẩn cấp"),
];

const AID_KINDS: &[Choice] = &[
    ca("tien", "Tiền", &["tiền mặt"]),
    ca("hang", "Hàng hóa, hiện vật", &["hàng", "hiện vật"]),
    ca("ca_hai", "Tiền và hàng hóa", &["cả hai"]),
];

const AGREEMENT_FIELDS: &[Choice] = &[
    ca("giao_luu", "Giao lưu, hợp tác", &["giao lưu"]),
    ca("thong_tin", "Trao đổi thông tin", &["thông tin"]),
    ca("ket_nghia", "Kết nghĩa", &["kết nghĩa"]),
    ca("bien_gioi", "Quản lý biên giới", &["biên giới"]),
];

const PUBLICITY: &[Choice] = &[
    c("cong_khai", "Công khai"),
    ca("mat", "Không công khai (mật)", &["mật", "không công khai"]),
];

const SEXES: &[Choice] = &[c("nam", "Nam"), c("nu", "Nữ")];

const STAY_REASONS: &[Choice] = &[
    ca("lao_dong", "Lao động, làm việc", &["lao động", "làm việc"]),
    ca("dau_tu", "Đầu tư, kinh doanh", &["đầu tư", "kinh doanh"]),
    ca("hoc_tap", "Học tập, nghiên cứu", &["học tập"]),
    ca(
        "gia_dinh",
        "Kết hôn, đoàn tụ gia đình",
        &["kết hôn", "đoàn tụ", "thăm thân"],
    ),
    ca(
        "tinh_nguyen",
        "Tình nguyện, dự án phi chính phủ",
        &["tình nguyện"],
    ),
    c("khac", "Lý do khác"),
];

const ABROAD_KINDS: &[Choice] = &[
    ca(
        "lao_dong",
        "Lao động",
        &["xuất khẩu lao động", "đi lao động"],
    ),
    ca("du_hoc", "Du học", &["học tập"]),
    ca("ket_hon", "Kết hôn với người nước ngoài", &["kết hôn"]),
    ca("dinh_cu", "Định cư", &["định cư"]),
    c("khac", "Khác"),
];

const CASE_KINDS: &[Choice] = &[
    ca("bao_ho", "Bảo hộ công dân", &["bảo hộ"]),
    ca("lanh_su", "Lãnh sự (giấy tờ, hộ tịch)", &["lãnh sự"]),
    ca("vi_pham", "Người nước ngoài vi phạm quy định", &["vi phạm"]),
    ca("tai_nan", "Tai nạn, sự cố", &["tai nạn", "sự cố"]),
    ca(
        "xuat_nhap_canh",
        "Xuất nhập cảnh trái phép",
        &["xuất nhập cảnh"],
    ),
    c("khac", "Khác"),
];

const PUBLICATION_KINDS: &[Choice] = &[
    ca("bai_viet", "Tin, bài viết", &["bài viết", "tin bài"]),
    c("video", "Phóng sự, video"),
    ca("bai_dang", "Bài đăng mạng xã hội", &["bài đăng"]),
    ca("phat_thanh", "Tin phát thanh", &["phát thanh"]),
    ca("an_pham", "Tờ rơi, ấn phẩm, pa nô", &["tờ rơi", "ấn phẩm"]),
    c("khac", "Khác"),
];

const CHANNELS: &[Choice] = &[
    ca(
        "cong_ttdt",
        "Cổng (trang) thông tin điện tử của xã",
        &["cổng thông tin", "trang thông tin"],
    ),
    c("zalo", "Zalo"),
    c("facebook", "Facebook"),
    ca(
        "truyen_thanh",
        "Đài truyền thanh xã",
        &["truyền thanh", "loa"],
    ),
    ca("bao_chi", "Báo, tạp chí, đài", &["báo", "báo chí"]),
    c("khac", "Kênh khác"),
];

const TRAINING_LEVELS: &[Choice] = &[
    ca(
        "trung_uong",
        "Trung ương (Bộ Ngoại giao)",
        &["Bộ Ngoại giao", "trung ương"],
    ),
    ca("tinh", "Tỉnh, thành phố", &["tỉnh", "Sở Ngoại vụ"]),
    ca("xa", "Xã, phường", &["xã"]),
    c("khac", "Khác"),
];

const PROMOTION_KINDS: &[Choice] = &[
    ca("hoi_cho", "Hội chợ, triển lãm", &["hội chợ", "triển lãm"]),
    ca("giao_luu", "Giao lưu hữu nghị", &["giao lưu"]),
    ca("ket_nghia", "Kết nghĩa", &["kết nghĩa"]),
    ca("le_hoi", "Lễ hội, sự kiện văn hóa", &["lễ hội"]),
    ca("xuc_tien", "Hội nghị xúc tiến", &["xúc tiến"]),
    c("khac", "Khác"),
];

const SCOPES: &[Choice] = &[
    ca("trong_nuoc", "Trong nước", &["Việt Nam"]),
    ca("nuoc_ngoai", "Ở nước ngoài", &["nước ngoài"]),
];

fn none(_: &Entry, _: S) -> Vec<FieldError> {
    Vec::new()
}

/// A listed number of people cannot exceed the declared count: the list would then say
/// there were more people than the figure reported.
fn people_within_count(e: &Entry, _: S) -> Vec<FieldError> {
    let r = e.register().roles;
    let (Some(count_key), Some(list)) = (r.members, e.people()) else {
        return Vec::new();
    };
    match e.int(count_key) {
        Some(n) if (list.len() as i64) > n => vec![FieldError::new(
            count_key,
            format!(
                "Danh sách có {} người, nhiều hơn số người đã ghi ({n}). Vui lòng sửa số người \
                 hoặc danh sách.",
                list.len()
            ),
        )],
        _ => Vec::new(),
    }
}

const DOAN_RA: Register = Register {
    kind: RegisterKind::DoanRa,
    slug: "doan-ra",
    name: "Đoàn ra (đoàn đi công tác nước ngoài)",
    short: "Đoàn ra",
    noun: "đoàn",
    basis: "Quy chế quản lý đoàn đi công tác nước ngoài của tỉnh; báo cáo kết quả chuyến \
            công tác theo quy định",
    fields: &[
        Field::new("ten_doan", "Tên đoàn", T::Text)
            .required()
            .also(&["đoàn", "tên đoàn công tác"]),
        Field::new("cap_doan", "Cấp đoàn", T::Choice(LEVELS_OUT)),
        Field::new("truong_doan", "Trưởng đoàn", T::Text).also(&["họ tên trưởng đoàn"]),
        Field::new("chuc_vu_truong_doan", "Chức vụ trưởng đoàn", T::Text),
        Field::new("so_nguoi", "Số người", T::Count)
            .needed_from(S::Requested)
            .also(&[
                "số thành viên",
                "số lượng",
                "số lượt người",
                "thành phần (người)",
            ]),
        Field::new(
            "thanh_vien",
            "Thành viên đoàn (họ tên; đơn vị; chức vụ)",
            T::People(&["Họ tên", "Đơn vị", "Chức vụ"]),
        )
        .personal()
        .also(&["thành viên", "danh sách thành viên"]),
        Field::new("nuoc_den", "Nước đến", T::Countries)
            .needed_from(S::Requested)
            .also(&["quốc gia đến", "nước đi", "nước", "quốc gia", "nơi đến"]),
        Field::new("doi_tac", "Đối tác nước ngoài", T::Text).also(&["đối tác", "cơ quan mời"]),
        Field::new("muc_dich", "Mục đích", T::Choice(PURPOSES)),
        Field::new("noi_dung", "Nội dung công tác", T::LongText).also(&["nội dung"]),
        Field::new("ngay_di", "Ngày đi", T::Date)
            .needed_from(S::Requested)
            .also(&["ngày xuất cảnh", "từ ngày"]),
        Field::new("ngay_ve", "Ngày về", T::Date)
            .needed_from(S::Requested)
            .also(&["ngày nhập cảnh", "đến ngày"]),
        Field::new("thoi_gian_du_kien", "Thời gian dự kiến", T::Text).also(&["dự kiến thời gian"]),
        Field::new("nguon_kinh_phi", "Nguồn kinh phí", T::Choice(FUNDING)).also(&["kinh phí từ"]),
        Field::new("kinh_phi", "Kinh phí (đồng)", T::Money).also(&["kinh phí", "số tiền"]),
        Field::new("van_ban_xin_phep", "Văn bản xin phép (số, ngày)", T::Text)
            .needed_from(S::Requested)
            .also(&["văn bản đề nghị", "tờ trình"]),
        Field::new(
            "quyet_dinh_cho_phep",
            "Quyết định cử đoàn, cho phép (số, ngày, cấp cho phép)",
            T::Text,
        )
        .needed_from(S::Permitted)
        .also(&["quyết định cử đoàn", "văn bản cho phép", "quyết định"]),
        Field::new("ngay_bao_cao", "Ngày gửi báo cáo kết quả", T::Date)
            .needed_from(S::Reported)
            .also(&["ngày báo cáo"]),
        Field::new("ket_qua", "Kết quả, kiến nghị", T::LongText).also(&["kết quả"]),
    ],
    title: &["ten_doan", "nuoc_den"],
    states: &[
        S::Planned,
        S::Requested,
        S::Permitted,
        S::Travelling,
        S::Returned,
        S::Reported,
    ],
    transitions: &[
        (S::Planned, S::Requested),
        (S::Requested, S::Permitted),
        (S::Permitted, S::Travelling),
        (S::Travelling, S::Returned),
        (S::Permitted, S::Returned),
        (S::Returned, S::Reported),
        (S::Planned, S::Cancelled),
        (S::Requested, S::Cancelled),
        (S::Permitted, S::Cancelled),
        (S::Cancelled, S::Planned),
    ],
    counted: &[S::Travelling, S::Returned, S::Reported],
    roles: Roles {
        window: Some("ngay_di"),
        end: Some("ngay_ve"),
        countries: Some("nuoc_den"),
        members: Some("so_nguoi"),
        people: Some("thanh_vien"),
        pledged: None,
        disbursements: None,
    },
    due: &[DueRule {
        what: "Báo cáo kết quả chuyến công tác",
        date: "ngay_ve",
        lead: Lead::TripReport,
        while_in: &[S::Permitted, S::Travelling, S::Returned],
        unless: None,
    }],
    check: people_within_count,
    border_only: false,
    imported: [S::Returned, S::Planned],
};

const DOAN_VAO: Register = Register {
    kind: RegisterKind::DoanVao,
    slug: "doan-vao",
    name: "Đoàn vào (khách nước ngoài đến làm việc)",
    short: "Đoàn vào",
    noun: "đoàn",
    basis: "Quy chế quản lý hoạt động đối ngoại của tỉnh; đón tiếp khách nước ngoài theo \
            văn bản đồng ý của cấp có thẩm quyền",
    fields: &[
        Field::new("ten_doan", "Tên đoàn", T::Text)
            .required()
            .also(&["đoàn", "tên đoàn khách"]),
        Field::new("loai_doan", "Loại đoàn", T::Choice(VISITOR_KINDS))
            .also(&["loại khách", "thành phần"]),
        Field::new("quoc_gia", "Quốc gia", T::Country)
            .needed_from(S::Requested)
            .also(&["nước", "quốc tịch", "đến từ", "nước đến từ"]),
        Field::new("co_quan", "Cơ quan, tổ chức", T::Text).also(&["tổ chức", "cơ quan"]),
        Field::new("truong_doan", "Trưởng đoàn", T::Text),
        Field::new("chuc_vu_truong_doan", "Chức vụ trưởng đoàn", T::Text),
        Field::new("so_thanh_vien", "Số thành viên nước ngoài", T::Count)
            .needed_from(S::Requested)
            .also(&["số người", "số khách", "số lượt người", "số thành viên"]),
        Field::new(
            "thanh_vien",
            "Danh sách thành viên (họ tên; quốc tịch; số hộ chiếu)",
            T::People(&["Họ tên", "Quốc tịch", "Số hộ chiếu"]),
        )
        .personal()
        .also(&["danh sách", "thành viên"]),
        Field::new("ngay_den", "Ngày đến", T::Date)
            .needed_from(S::Requested)
            .also(&["từ ngày", "thời gian đến"]),
        Field::new("ngay_roi", "Ngày rời", T::Date)
            .needed_from(S::Requested)
            .also(&["đến ngày", "ngày đi"]),
        Field::new("thoi_gian_du_kien", "Thời gian dự kiến", T::Text).also(&["dự kiến thời gian"]),
        Field::new("dia_diem", "Địa điểm làm việc (thôn, cơ sở)", T::Text)
            .also(&["địa điểm", "nơi làm việc"]),
        Field::new("muc_dich", "Mục đích", T::Choice(PURPOSES)),
        Field::new("linh_vuc", "Lĩnh vực", T::Text),
        Field::new("noi_dung", "Nội dung làm việc", T::LongText).also(&["nội dung"]),
        Field::new("don_vi_don", "Đơn vị đón tiếp", T::Text)
            .also(&["đơn vị tiếp", "cơ quan đón tiếp"]),
        Field::new("cap_tiep", "Cấp tiếp", T::Text).also(&["người tiếp", "lãnh đạo tiếp"]),
        Field::new(
            "van_ban_dong_y",
            "Văn bản đồng ý đón đoàn (số, ngày)",
            T::Text,
        )
        .needed_from(S::Approved)
        .also(&["văn bản đồng ý", "văn bản cho phép"]),
        Field::new("kinh_phi", "Kinh phí đón tiếp (đồng)", T::Money).also(&["kinh phí"]),
        Field::new("ngay_bao_cao", "Ngày gửi báo cáo kết quả", T::Date)
            .needed_from(S::Reported)
            .also(&["ngày báo cáo"]),
        Field::new("ket_qua", "Kết quả", T::LongText),
    ],
    title: &["ten_doan", "quoc_gia"],
    states: &[
        S::Planned,
        S::Requested,
        S::Approved,
        S::Visiting,
        S::Ended,
        S::Reported,
    ],
    transitions: &[
        (S::Planned, S::Requested),
        (S::Requested, S::Approved),
        (S::Planned, S::Approved),
        (S::Approved, S::Visiting),
        (S::Visiting, S::Ended),
        (S::Approved, S::Ended),
        (S::Ended, S::Reported),
        (S::Planned, S::Cancelled),
        (S::Requested, S::Cancelled),
        (S::Approved, S::Cancelled),
        (S::Cancelled, S::Planned),
    ],
    counted: &[S::Visiting, S::Ended, S::Reported],
    roles: Roles {
        window: Some("ngay_den"),
        end: Some("ngay_roi"),
        countries: Some("quoc_gia"),
        members: Some("so_thanh_vien"),
        people: Some("thanh_vien"),
        pledged: None,
        disbursements: None,
    },
    due: &[
        DueRule {
            what: "Văn bản đồng ý đón đoàn (chưa có, đoàn sắp đến)",
            date: "ngay_den",
            lead: Lead::Days(0),
            while_in: &[S::Planned, S::Requested],
            unless: Some("van_ban_dong_y"),
        },
        DueRule {
            what: "Báo cáo kết quả đón đoàn",
            date: "ngay_roi",
            lead: Lead::TripReport,
            while_in: &[S::Approved, S::Visiting, S::Ended],
            unless: None,
        },
    ],
    check: people_within_count,
    border_only: false,
    imported: [S::Ended, S::Planned],
};

const HOI_NGHI: Register = Register {
    kind: RegisterKind::HoiNghi,
    slug: "hoi-nghi",
    name: "Hội nghị, hội thảo quốc tế",
    short: "Hội nghị, hội thảo quốc tế",
    noun: "hội nghị, hội thảo",
    basis: "Quyết định số 06/2020/QĐ-TTg ngày 21/02/2020 của Thủ tướng Chính phủ về tổ chức \
            và quản lý hội nghị, hội thảo quốc tế tại Việt Nam",
    fields: &[
        Field::new("ten", "Tên hội nghị, hội thảo", T::Text)
            .required()
            .also(&["tên hội nghị", "tên hội thảo", "tên"]),
        Field::new("don_vi_to_chuc", "Đơn vị tổ chức", T::Text)
            .required()
            .also(&["cơ quan tổ chức", "đơn vị chủ trì"]),
        Field::new(
            "doi_tac",
            "Đối tác nước ngoài đồng tổ chức, tài trợ",
            T::Text,
        )
        .also(&["đối tác", "nhà tài trợ"]),
        Field::new("hinh_thuc", "Hình thức", T::Choice(FORMATS)),
        Field::new("ngay_bat_dau", "Ngày bắt đầu", T::Date)
            .needed_from(S::DossierSent)
            .also(&["từ ngày", "thời gian"]),
        Field::new("ngay_ket_thuc", "Ngày kết thúc", T::Date)
            .needed_from(S::DossierSent)
            .also(&["đến ngày"]),
        Field::new("thoi_gian_du_kien", "Thời gian dự kiến", T::Text).also(&["dự kiến thời gian"]),
        Field::new("dia_diem", "Địa điểm", T::Text),
        Field::new("muc_dich", "Mục đích, chủ đề, nội dung", T::LongText)
            .also(&["nội dung", "chủ đề"]),
        Field::new("so_dai_bieu_vn", "Số đại biểu Việt Nam", T::Count).also(&["đại biểu Việt Nam"]),
        Field::new("so_dai_bieu_nn", "Số đại biểu nước ngoài", T::Count)
            .also(&["đại biểu nước ngoài"]),
        Field::new(
            "quoc_tich_dai_bieu",
            "Quốc tịch đại biểu nước ngoài",
            T::Countries,
        )
        .also(&["quốc tịch", "các nước tham dự"]),
        Field::new("nguon_kinh_phi", "Nguồn kinh phí", T::Choice(FUNDING)),
        Field::new("kinh_phi", "Kinh phí (đồng)", T::Money).also(&["kinh phí"]),
        Field::new(
            "thu_tuong_cho_phep",
            "Thuộc thẩm quyền Thủ tướng cho phép (nội dung nhạy cảm: chủ quyền, an ninh, quốc \
             phòng, dân tộc, tôn giáo, nhân quyền, bí mật nhà nước)",
            T::Flag,
        )
        .also(&["nội dung nhạy cảm", "Thủ tướng cho phép"]),
        Field::new("ngay_gui_ho_so", "Ngày gửi hồ sơ xin phép", T::Date)
            .needed_from(S::DossierSent),
        Field::new(
            "van_ban_cho_phep",
            "Văn bản cho phép (số, ngày, người cho phép)",
            T::Text,
        )
        .needed_from(S::Permitted)
        .also(&["văn bản cho phép", "quyết định cho phép"]),
        Field::new("ngay_bao_cao", "Ngày gửi báo cáo kết quả (Mẫu 02)", T::Date)
            .needed_from(S::Reported)
            .also(&["ngày báo cáo"]),
        Field::new("ket_qua", "Kết quả", T::LongText),
    ],
    title: &["ten"],
    states: &[
        S::Planned,
        S::DossierSent,
        S::Permitted,
        S::Held,
        S::Reported,
    ],
    transitions: &[
        (S::Planned, S::DossierSent),
        (S::DossierSent, S::Permitted),
        (S::Permitted, S::Held),
        (S::Held, S::Reported),
        (S::Planned, S::Cancelled),
        (S::DossierSent, S::Cancelled),
        (S::Permitted, S::Cancelled),
        (S::Cancelled, S::Planned),
    ],
    counted: &[S::Held, S::Reported],
    roles: Roles {
        window: Some("ngay_bat_dau"),
        end: Some("ngay_ket_thuc"),
        countries: Some("quoc_tich_dai_bieu"),
        members: Some("so_dai_bieu_nn"),
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[
        DueRule {
            what: "Gửi hồ sơ xin phép tổ chức hội nghị",
            date: "ngay_bat_dau",
            lead: Lead::DaysBeforeUnless {
                days: 30,
                flag: "thu_tuong_cho_phep",
                if_flag: 40,
            },
            while_in: &[S::Planned],
            unless: None,
        },
        DueRule {
            what: "Báo cáo kết quả hội nghị (Mẫu 02)",
            date: "ngay_ket_thuc",
            lead: Lead::Days(15),
            while_in: &[S::Permitted, S::Held],
            unless: None,
        },
    ],
    check: none,
    border_only: false,
    imported: [S::Held, S::Planned],
};

const PHONG_VIEN: Register = Register {
    kind: RegisterKind::PhongVien,
    slug: "phong-vien",
    name: "Phóng viên nước ngoài hoạt động trên địa bàn",
    short: "Phóng viên nước ngoài",
    noun: "lượt phóng viên",
    basis: "Nghị định số 88/2012/NĐ-CP ngày 23/10/2012 của Chính phủ về hoạt động thông tin, \
            báo chí của báo chí nước ngoài, cơ quan đại diện nước ngoài, tổ chức nước ngoài \
            tại Việt Nam",
    fields: &[
        Field::new("ho_ten", "Họ tên phóng viên", T::Text)
            .required()
            .personal()
            .also(&["họ tên", "phóng viên"]),
        Field::new("quoc_tich", "Quốc tịch", T::Country)
            .required()
            .also(&["nước"]),
        Field::new("co_quan_bao_chi", "Cơ quan báo chí", T::Text)
            .required()
            .also(&["cơ quan", "hãng tin", "báo"]),
        Field::new("loai", "Loại phóng viên", T::Choice(REPORTER_KINDS)),
        Field::new(
            "giay_phep",
            "Văn bản cho phép của Bộ Ngoại giao (số, ngày)",
            T::Text,
        )
        .needed_from(S::Working)
        .also(&["giấy phép", "văn bản cho phép"]),
        Field::new("ngay_den", "Ngày đến", T::Date)
            .required()
            .also(&["từ ngày"]),
        Field::new("ngay_di", "Ngày rời", T::Date).also(&["đến ngày"]),
        Field::new("dia_diem", "Địa điểm tác nghiệp", T::Text).also(&["địa điểm"]),
        Field::new("chu_de", "Chủ đề, nội dung tác nghiệp", T::LongText)
            .also(&["chủ đề", "nội dung"]),
        Field::new("can_bo_di_cung", "Cán bộ phối hợp, đi cùng", T::Text).also(&["cán bộ đi cùng"]),
        Field::new("tin_bai", "Tin, bài đã đăng phát", T::LongText).also(&["tin bài"]),
    ],
    title: &["co_quan_bao_chi", "quoc_tich", "ho_ten"],
    states: &[S::Announced, S::Working, S::Left],
    transitions: &[
        (S::Announced, S::Working),
        (S::Working, S::Left),
        (S::Announced, S::Left),
    ],
    counted: &[S::Working, S::Left],
    roles: Roles {
        window: Some("ngay_den"),
        end: Some("ngay_di"),
        countries: Some("quoc_tich"),
        members: None,
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[DueRule {
        what: "Văn bản cho phép của Bộ Ngoại giao (chưa có, phóng viên sắp đến)",
        date: "ngay_den",
        lead: Lead::Days(0),
        while_in: &[S::Announced],
        unless: Some("giay_phep"),
    }],
    check: none,
    border_only: false,
    imported: [S::Left, S::Announced],
};

const VIEN_TRO: Register = Register {
    kind: RegisterKind::VienTro,
    slug: "vien-tro",
    name: "Viện trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức (ODA)",
    short: "Viện trợ",
    noun: "khoản viện trợ",
    basis: "Nghị định số 80/2020/NĐ-CP ngày 08/7/2020 của Chính phủ về quản lý và sử dụng \
            viện trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức",
    fields: &[
        Field::new("ten", "Tên chương trình, dự án, khoản viện trợ", T::Text)
            .required()
            .also(&["tên dự án", "tên khoản viện trợ", "tên"]),
        Field::new("ben_tai_tro", "Bên tài trợ", T::Text)
            .required()
            .also(&["nhà tài trợ", "tổ chức tài trợ", "bên viện trợ"]),
        Field::new(
            "loai_ben_tai_tro",
            "Loại bên tài trợ",
            T::Choice(DONOR_KINDS),
        ),
        Field::new("quoc_gia", "Quốc gia của bên tài trợ", T::Country).also(&["quốc gia", "nước"]),
        Field::new(
            "so_dang_ky",
            "Số giấy đăng ký hoạt động tại Việt Nam",
            T::Text,
        ),
        Field::new("hinh_thuc", "Hình thức viện trợ", T::Choice(AID_FORMS)),
        Field::new("dang_vien_tro", "Dạng viện trợ", T::Choice(AID_KINDS)),
        Field::new("linh_vuc", "Lĩnh vực", T::Text),
        Field::new("co_quan_chu_quan", "Cơ quan chủ quản", T::Text),
        Field::new("chu_khoan", "Chủ khoản viện trợ", T::Text),
        Field::new("dia_ban", "Địa bàn thực hiện (thôn)", T::Text).also(&["địa bàn"]),
        Field::new("ngay_bat_dau", "Ngày bắt đầu thực hiện", T::Date)
            .needed_from(S::Running)
            .also(&["ngày bắt đầu"]),
        Field::new("ngay_ket_thuc", "Ngày kết thúc", T::Date).also(&["ngày kết thúc"]),
        Field::new("gia_tri_cam_ket", "Giá trị cam kết (đồng)", T::Money)
            .required()
            .also(&["giá trị", "giá trị cam kết", "tổng giá trị", "số tiền"]),
        Field::new(
            "gia_tri_nguyen_te",
            "Giá trị theo nguyên tệ (ví dụ: 50.000 USD)",
            T::Text,
        )
        .also(&["nguyên tệ", "giá trị (USD)"]),
        Field::new(
            "quyet_dinh_phe_duyet",
            "Quyết định phê duyệt (số, cơ quan)",
            T::Text,
        )
        .needed_from(S::AidApproved)
        .also(&["quyết định phê duyệt", "văn bản phê duyệt"]),
        Field::new("ngay_phe_duyet", "Ngày phê duyệt", T::Date)
            .needed_from(S::AidApproved)
            .also(&["ngày quyết định"]),
        Field::new(
            "giai_ngan",
            "Giải ngân (mỗi dòng: ngày; số tiền đồng)",
            T::Disbursements,
        )
        .also(&["giải ngân", "đã giải ngân"]),
    ],
    title: &["ten", "ben_tai_tro"],
    states: &[S::Proposed, S::AidApproved, S::Running, S::Closed],
    transitions: &[
        (S::Proposed, S::AidApproved),
        (S::AidApproved, S::Running),
        (S::Running, S::Closed),
        (S::Proposed, S::Withdrawn),
        (S::AidApproved, S::Withdrawn),
        (S::Running, S::Withdrawn),
    ],
    counted: &[S::AidApproved, S::Running, S::Closed],
    roles: Roles {
        window: Some("ngay_phe_duyet"),
        end: Some("ngay_ket_thuc"),
        countries: Some("quoc_gia"),
        members: None,
        people: None,
        pledged: Some("gia_tri_cam_ket"),
        disbursements: Some("giai_ngan"),
    },
    due: &[
        DueRule {
            what: "Chưa triển khai sau 6 tháng kể từ ngày phê duyệt (có thể bị thu hồi)",
            date: "ngay_phe_duyet",
            lead: Lead::Months(6),
            while_in: &[S::AidApproved],
            unless: None,
        },
        DueRule {
            what: "Báo cáo kết thúc khoản viện trợ",
            date: "ngay_ket_thuc",
            lead: Lead::Months(6),
            while_in: &[S::Running],
            unless: None,
        },
    ],
    check: aid_rules,
    border_only: false,
    imported: [S::Running, S::Proposed],
};

/// A disbursement is not dated before the approval of the aid it pays out.
fn aid_rules(e: &Entry, _: S) -> Vec<FieldError> {
    let Some(approved) = e.date("ngay_phe_duyet") else {
        return Vec::new();
    };
    match e.disbursements().iter().find(|(d, _)| *d < approved) {
        Some((d, _)) => vec![FieldError::new(
            "giai_ngan",
            format!(
                "Khoản giải ngân ngày {} trước ngày phê duyệt ({}).",
                d.format("%d/%m/%Y"),
                approved.format("%d/%m/%Y")
            ),
        )],
        None => Vec::new(),
    }
}

const THOA_THUAN: Register = Register {
    kind: RegisterKind::ThoaThuan,
    slug: "thoa-thuan",
    name: "Thỏa thuận quốc tế của xã biên giới",
    short: "Thỏa thuận quốc tế",
    noun: "thỏa thuận",
    basis: "Luật Thỏa thuận quốc tế năm 2020 (Điều 2 khoản 2 điểm i; Điều 3 khoản 6): chỉ xã \
            biên giới ký với chính quyền địa phương cùng cấp của nước láng giềng",
    fields: &[
        Field::new("ten", "Tên thỏa thuận", T::Text)
            .required()
            .also(&["tên"]),
        Field::new(
            "ben_nuoc_ngoai",
            "Bên ký kết nước ngoài (chính quyền địa phương cùng cấp)",
            T::Text,
        )
        .required()
        .also(&["bên ký kết", "đối tác"]),
        Field::new("quoc_gia", "Quốc gia", T::Country)
            .required()
            .also(&["nước"]),
        Field::new("linh_vuc", "Lĩnh vực", T::Choice(AGREEMENT_FIELDS)),
        Field::new(
            "y_kien",
            "Văn bản ý kiến của cơ quan ngoại vụ tỉnh (số, ngày)",
            T::Text,
        )
        .needed_from(S::Decided),
        Field::new(
            "quyet_dinh",
            "Quyết định của Chủ tịch UBND tỉnh (số, ngày)",
            T::Text,
        )
        .needed_from(S::Decided),
        Field::new("ngay_ky", "Ngày ký", T::Date)
            .needed_from(S::Signed)
            .also(&["ngày ký kết"]),
        Field::new(
            "nguoi_ky",
            "Người ký (hoặc người được ủy quyền bằng văn bản)",
            T::Text,
        )
        .needed_from(S::Signed),
        Field::new("ngon_ngu", "Ngôn ngữ", T::Text),
        Field::new("hieu_luc", "Thời hạn hiệu lực", T::Text),
        Field::new("cong_khai", "Công khai", T::Choice(PUBLICITY)),
        Field::new(
            "sua_doi",
            "Sửa đổi, bổ sung, gia hạn, chấm dứt",
            T::LongText,
        ),
        Field::new("ngay_bao_cao", "Ngày gửi báo cáo", T::Date).needed_from(S::Reported),
    ],
    title: &["ten", "ben_nuoc_ngoai"],
    states: &[
        S::Drafted,
        S::OpinionAsked,
        S::Decided,
        S::Signed,
        S::Reported,
    ],
    transitions: &[
        (S::Drafted, S::OpinionAsked),
        (S::OpinionAsked, S::Decided),
        (S::Decided, S::Signed),
        (S::Signed, S::Reported),
        (S::Drafted, S::Cancelled),
        (S::OpinionAsked, S::Cancelled),
        (S::Decided, S::Cancelled),
    ],
    counted: &[S::Signed, S::Reported],
    roles: Roles {
        window: Some("ngay_ky"),
        end: None,
        countries: Some("quoc_gia"),
        members: None,
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[DueRule {
        what: "Báo cáo việc ký kết thỏa thuận quốc tế",
        date: "ngay_ky",
        lead: Lead::Days(15),
        while_in: &[S::Signed],
        unless: None,
    }],
    check: none,
    border_only: true,
    imported: [S::Signed, S::Drafted],
};

const NGUOI_NUOC_NGOAI: Register = Register {
    kind: RegisterKind::NguoiNuocNgoai,
    slug: "nguoi-nuoc-ngoai",
    name: "Người nước ngoài cư trú, làm việc trên địa bàn",
    short: "Người nước ngoài",
    noun: "người",
    basis: "Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam; \
            Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
    fields: &[
        Field::new("ho_ten", "Họ tên", T::Text)
            .required()
            .personal(),
        Field::new("gioi_tinh", "Giới tính", T::Choice(SEXES)).personal(),
        Field::new("nam_sinh", "Năm sinh", T::Year).personal(),
        Field::new("quoc_tich", "Quốc tịch", T::Country)
            .required()
            .also(&["nước"]),
        Field::new("so_ho_chieu", "Số hộ chiếu", T::Text)
            .personal()
            .also(&["hộ chiếu"]),
        Field::new("giay_to_cu_tru", "Giấy tờ cư trú (loại, số)", T::Text)
            .personal()
            .also(&["thẻ tạm trú", "giấy tờ"]),
        Field::new("han_giay_to", "Hạn giấy tờ cư trú", T::Date).also(&["hạn tạm trú", "thời hạn"]),
        Field::new("noi_o", "Nơi ở (thôn, tổ dân phố)", T::Text)
            .personal()
            .also(&["nơi ở", "địa chỉ", "thôn"]),
        Field::new("ly_do", "Lý do cư trú", T::Choice(STAY_REASONS)).also(&["lý do", "mục đích"]),
        Field::new("noi_lam_viec", "Nơi làm việc, cơ quan bảo lãnh", T::Text)
            .also(&["nơi làm việc", "bảo lãnh"]),
        Field::new("ngay_den", "Ngày đến cư trú", T::Date)
            .required()
            .also(&["ngày đến"]),
        Field::new("ngay_roi", "Ngày rời địa bàn", T::Date)
            .needed_from(S::Left)
            .also(&["ngày đi"]),
        Field::new("nguon_tin", "Nguồn thông tin", T::Text),
    ],
    title: &["quoc_tich", "ho_ten"],
    states: &[S::Present, S::Left],
    transitions: &[(S::Present, S::Left), (S::Left, S::Present)],
    counted: &[S::Present, S::Left],
    roles: Roles {
        window: Some("ngay_den"),
        end: Some("ngay_roi"),
        countries: Some("quoc_tich"),
        members: None,
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[DueRule {
        what: "Giấy tờ cư trú hết hạn",
        date: "han_giay_to",
        lead: Lead::Days(0),
        while_in: &[S::Present],
        unless: None,
    }],
    check: none,
    border_only: false,
    imported: [S::Present, S::Present],
};

const CONG_DAN: Register = Register {
    kind: RegisterKind::CongDanNuocNgoai,
    slug: "cong-dan-nuoc-ngoai",
    name: "Công dân của xã đang ở nước ngoài",
    short: "Công dân ở nước ngoài",
    noun: "người",
    basis: "Công tác người Việt Nam ở nước ngoài, bảo hộ công dân; Luật Bảo vệ dữ liệu cá \
            nhân số 91/2025/QH15",
    fields: &[
        Field::new("ho_ten", "Họ tên", T::Text)
            .required()
            .personal(),
        Field::new("gioi_tinh", "Giới tính", T::Choice(SEXES)).personal(),
        Field::new("nam_sinh", "Năm sinh", T::Year).personal(),
        Field::new("que_quan", "Thôn, tổ dân phố (quê quán)", T::Text)
            .personal()
            .also(&["thôn", "địa chỉ"]),
        Field::new("quoc_gia_cu_tru", "Nước cư trú", T::Country)
            .required()
            .also(&["nước", "quốc gia", "nước đến"]),
        Field::new("dien", "Diện", T::Choice(ABROAD_KINDS)).also(&["diện đi", "lý do"]),
        Field::new("tu_nam", "Ở nước ngoài từ năm", T::Year).also(&["từ năm", "năm đi"]),
        Field::new("than_nhan", "Thân nhân tại xã, liên hệ", T::Text)
            .personal()
            .also(&["thân nhân"]),
        Field::new("dong_gop", "Đóng góp cho quê hương", T::LongText).also(&["đóng góp"]),
    ],
    title: &["quoc_gia_cu_tru", "ho_ten"],
    states: &[S::Recorded],
    transitions: &[],
    counted: &[S::Recorded],
    roles: Roles {
        window: None,
        end: None,
        countries: Some("quoc_gia_cu_tru"),
        members: None,
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[],
    check: none,
    border_only: false,
    imported: [S::Recorded, S::Recorded],
};

const VU_VIEC: Register = Register {
    kind: RegisterKind::VuViec,
    slug: "vu-viec",
    name: "Vụ việc có yếu tố nước ngoài, bảo hộ công dân",
    short: "Vụ việc có yếu tố nước ngoài",
    noun: "vụ việc",
    basis: "Quy chế phối hợp xử lý vụ việc có yếu tố nước ngoài của tỉnh",
    fields: &[
        Field::new("ngay", "Ngày xảy ra", T::Date)
            .required()
            .also(&["ngày", "thời gian"]),
        Field::new("loai", "Loại vụ việc", T::Choice(CASE_KINDS))
            .required()
            .also(&["loại"]),
        Field::new(
            "nguoi_lien_quan",
            "Người liên quan (họ tên; quốc tịch)",
            T::People(&["Họ tên", "Quốc tịch"]),
        )
        .personal()
        .also(&["người liên quan"]),
        Field::new("quoc_tich", "Quốc tịch người liên quan", T::Countries)
            .also(&["quốc tịch", "nước"]),
        Field::new("dien_bien", "Diễn biến", T::LongText)
            .required()
            .also(&["nội dung", "tóm tắt"]),
        Field::new("co_quan", "Cơ quan phối hợp xử lý", T::Text).also(&["cơ quan phối hợp"]),
        Field::new("ket_qua", "Kết quả xử lý", T::LongText)
            .needed_from(S::Handled)
            .also(&["kết quả"]),
        Field::new("ngay_bao_cao_nhanh", "Ngày gửi báo cáo nhanh", T::Date).also(&["ngày báo cáo"]),
    ],
    title: &["loai", "quoc_tich"],
    states: &[S::Open, S::Handled, S::Closed],
    transitions: &[
        (S::Open, S::Handled),
        (S::Handled, S::Closed),
        (S::Handled, S::Open),
    ],
    counted: &[S::Open, S::Handled, S::Closed],
    roles: Roles {
        window: Some("ngay"),
        end: None,
        countries: Some("quoc_tich"),
        members: None,
        people: Some("nguoi_lien_quan"),
        pledged: None,
        disbursements: None,
    },
    due: &[],
    check: none,
    border_only: false,
    imported: [S::Handled, S::Open],
};

const THONG_TIN: Register = Register {
    kind: RegisterKind::ThongTin,
    slug: "thong-tin",
    name: "Thông tin đối ngoại (tin bài, ấn phẩm, phát thanh)",
    short: "Thông tin đối ngoại",
    noun: "tin, bài",
    basis: "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động \
            thông tin đối ngoại",
    fields: &[
        Field::new("tieu_de", "Tiêu đề", T::Text)
            .required()
            .also(&["tên", "tên tin bài"]),
        Field::new("loai", "Loại", T::Choice(PUBLICATION_KINDS)).also(&["hình thức"]),
        Field::new("kenh", "Kênh đăng, phát", T::Choice(CHANNELS)).also(&["kênh", "nơi đăng"]),
        Field::new("ngon_ngu", "Ngôn ngữ", T::Text),
        Field::new("ngay", "Ngày đăng, phát", T::Date)
            .required()
            .also(&["ngày", "ngày đăng"]),
        Field::new("duong_dan", "Đường dẫn", T::Link).also(&["link", "địa chỉ"]),
        Field::new("ghi_chu", "Ghi chú", T::LongText),
    ],
    title: &["tieu_de"],
    states: &[S::Recorded],
    transitions: &[],
    counted: &[S::Recorded],
    roles: Roles {
        window: Some("ngay"),
        end: None,
        countries: None,
        members: None,
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[],
    check: none,
    border_only: false,
    imported: [S::Recorded, S::Recorded],
};

const DAO_TAO: Register = Register {
    kind: RegisterKind::DaoTao,
    slug: "dao-tao",
    name: "Tập huấn, bồi dưỡng nghiệp vụ đối ngoại",
    short: "Tập huấn, bồi dưỡng",
    noun: "lớp",
    basis: "Kế hoạch bồi dưỡng kiến thức, nghiệp vụ đối ngoại cho cán bộ, công chức cấp xã",
    fields: &[
        Field::new("ten_lop", "Tên lớp, khóa", T::Text)
            .required()
            .also(&["tên lớp", "tên khóa"]),
        Field::new("don_vi_to_chuc", "Đơn vị tổ chức", T::Text).also(&["đơn vị tổ chức"]),
        Field::new("cap_to_chuc", "Cấp tổ chức", T::Choice(TRAINING_LEVELS)),
        Field::new("ngay_bat_dau", "Ngày bắt đầu", T::Date)
            .required()
            .also(&["từ ngày"]),
        Field::new("ngay_ket_thuc", "Ngày kết thúc", T::Date).also(&["đến ngày"]),
        Field::new("so_nguoi", "Số người được cử", T::Count).also(&["số người", "số học viên"]),
        Field::new(
            "nguoi_tham_gia",
            "Người được cử (họ tên; chức vụ)",
            T::People(&["Họ tên", "Chức vụ"]),
        )
        .personal()
        .also(&["danh sách", "người tham gia"]),
    ],
    title: &["ten_lop"],
    states: &[S::Planned, S::Attended],
    transitions: &[
        (S::Planned, S::Attended),
        (S::Planned, S::Cancelled),
        (S::Cancelled, S::Planned),
    ],
    counted: &[S::Attended],
    roles: Roles {
        window: Some("ngay_bat_dau"),
        end: Some("ngay_ket_thuc"),
        countries: None,
        members: Some("so_nguoi"),
        people: Some("nguoi_tham_gia"),
        pledged: None,
        disbursements: None,
    },
    due: &[],
    check: people_within_count,
    border_only: false,
    imported: [S::Attended, S::Planned],
};

const XUC_TIEN: Register = Register {
    kind: RegisterKind::XucTien,
    slug: "xuc-tien",
    name: "Xúc tiến, quảng bá, giao lưu hữu nghị",
    short: "Xúc tiến, giao lưu",
    noun: "hoạt động",
    basis: "Kế hoạch công tác đối ngoại hằng năm; ngoại giao kinh tế, ngoại giao văn hóa",
    fields: &[
        Field::new("ten", "Tên hoạt động", T::Text)
            .required()
            .also(&["tên"]),
        Field::new("loai", "Loại hoạt động", T::Choice(PROMOTION_KINDS))
            .also(&["loại", "hình thức"]),
        Field::new("pham_vi", "Tổ chức ở", T::Choice(SCOPES)).also(&["phạm vi"]),
        Field::new(
            "quoc_gia",
            "Quốc gia (nếu ở nước ngoài hoặc có đối tác nước ngoài)",
            T::Country,
        )
        .also(&["quốc gia", "nước"]),
        Field::new("dia_diem", "Địa điểm", T::Text),
        Field::new("doi_tac", "Đối tác", T::Text),
        Field::new("ngay_bat_dau", "Ngày bắt đầu", T::Date)
            .required()
            .also(&["từ ngày", "ngày"]),
        Field::new("ngay_ket_thuc", "Ngày kết thúc", T::Date).also(&["đến ngày"]),
        Field::new("so_nguoi", "Số người tham gia", T::Count).also(&["số người"]),
        Field::new("ket_qua", "Kết quả", T::LongText),
    ],
    title: &["ten"],
    states: &[S::Planned, S::Held],
    transitions: &[
        (S::Planned, S::Held),
        (S::Planned, S::Cancelled),
        (S::Cancelled, S::Planned),
    ],
    counted: &[S::Held],
    roles: Roles {
        window: Some("ngay_bat_dau"),
        end: Some("ngay_ket_thuc"),
        countries: Some("quoc_gia"),
        members: Some("so_nguoi"),
        people: None,
        pledged: None,
        disbursements: None,
    },
    due: &[],
    check: none,
    border_only: false,
    imported: [S::Held, S::Planned],
};

static ALL: [Register; 12] = [
    DOAN_RA,
    DOAN_VAO,
    HOI_NGHI,
    PHONG_VIEN,
    VIEN_TRO,
    THOA_THUAN,
    NGUOI_NUOC_NGOAI,
    CONG_DAN,
    VU_VIEC,
    THONG_TIN,
    DAO_TAO,
    XUC_TIEN,
];

pub(super) fn definition(kind: RegisterKind) -> &'static Register {
    let r = &ALL[kind as usize];
    debug_assert_eq!(r.kind, kind);
    r
}
