//! Report regimes (chế độ báo cáo, Decree 09/2019/NĐ-CP art. 8), their periods and cut-off
//! windows (art. 12), their deadlines on the working-day calendar, and the life of a report
//! from draft to acceptance by the province.
//!
//! A regime is data, per province (a province has about ten, registers-reports.md §3): the
//! types here are what a stored regime parses into, and [`default_regimes`] is the set a
//! province starts with.

pub mod calendar;
mod period;

pub use calendar::{CalendarDay, DayKind, SHIPPED_YEARS, WorkCalendar, shipped_days};
pub use period::{CutOff, Frequency, Period, PeriodError, Span};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::register::RegisterKind;

/// What makes a report due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegimeKind {
    /// Due for every period of its frequency (báo cáo định kỳ).
    Periodic,
    /// Due after each event of a register: a delegation back, a conference held, an
    /// agreement signed (báo cáo sau sự kiện).
    Event,
    /// Asked for once, with its own window (báo cáo đột xuất / chuyên đề).
    AdHoc,
}

impl RegimeKind {
    pub const ALL: [RegimeKind; 3] = [RegimeKind::Periodic, RegimeKind::Event, RegimeKind::AdHoc];

    pub fn code(self) -> &'static str {
        match self {
            RegimeKind::Periodic => "periodic",
            RegimeKind::Event => "event",
            RegimeKind::AdHoc => "ad_hoc",
        }
    }

    pub fn parse(code: &str) -> Option<RegimeKind> {
        RegimeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RegimeKind::Periodic => "Định kỳ",
            RegimeKind::Event => "Sau sự kiện",
            RegimeKind::AdHoc => "Đột xuất, chuyên đề",
        }
    }
}

/// When a report is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "days")]
pub enum Deadline {
    /// The n-th working day after the cut-off end (at least one: Decree 09 art. 8.5 wants a
    /// working day between cut-off and deadline).
    WorkingDaysAfterCutOff(u16),
    /// n days after the event ended (a delegation back, a conference closed).
    DaysAfterEvent(u16),
}

impl Deadline {
    /// The day a report whose window (or event) ends on `end` is due, on `calendar`.
    pub fn due(self, end: NaiveDate, calendar: &WorkCalendar) -> Option<NaiveDate> {
        match self {
            Deadline::WorkingDaysAfterCutOff(n) => calendar.add_working_days(end, n.into()),
            Deadline::DaysAfterEvent(n) => end.checked_add_days(chrono::Days::new(n.into())),
        }
    }

    /// "02 ngày làm việc sau ngày chốt số liệu", "15 ngày sau khi kết thúc".
    pub fn label_vi(self) -> String {
        match self {
            Deadline::WorkingDaysAfterCutOff(n) => {
                format!("{n:02} ngày làm việc sau ngày chốt số liệu")
            }
            Deadline::DaysAfterEvent(n) => format!("{n:02} ngày sau khi kết thúc sự kiện"),
        }
    }
}

/// A part of a report's outline (đề cương), in the order of registers-reports.md §3; what
/// the draft fills each one with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// I. Tình hình chung: prose only.
    General,
    /// II.1 Direction and plan completion: each plan section's tasks with their progress,
    /// notes and evidence in the window.
    PlanResults,
    /// II.n One register's (or group of registers') figures in the window and the year.
    Registers,
    /// III. Assessment: results, and the shortcomings prompted by overdue or unfinished
    /// tasks.
    Assessment,
    /// IV. Next period: the plan's remaining occurrences, planned delegations and
    /// conferences.
    NextPeriod,
    /// V. Recommendations: prose only.
    Recommendations,
}

/// One heading of an outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineItem {
    /// "I", "II"… as printed.
    pub number: String,
    pub heading: String,
    pub block: Block,
    /// For [`Block::Registers`]: the registers reported under this heading, each a
    /// numbered sub-heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registers: Vec<RegisterKind>,
}

/// The annex tables (biểu) of registers-reports.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Annex {
    /// 01 đoàn ra.
    Outbound,
    /// 02 đoàn vào.
    Inbound,
    /// 03 hội nghị, hội thảo quốc tế.
    Conferences,
    /// 04 viện trợ.
    Aid,
    /// 05 thỏa thuận quốc tế.
    Agreements,
    /// 06 phóng viên nước ngoài.
    Reporters,
    /// 07 người nước ngoài, công dân ở nước ngoài, vụ việc (counts only).
    People,
    /// 08 plan progress.
    PlanProgress,
}

impl Annex {
    pub const ALL: [Annex; 8] = [
        Annex::Outbound,
        Annex::Inbound,
        Annex::Conferences,
        Annex::Aid,
        Annex::Agreements,
        Annex::Reporters,
        Annex::People,
        Annex::PlanProgress,
    ];

    /// "01"…"08".
    pub fn number(self) -> String {
        let i = Annex::ALL.iter().position(|a| *a == self).unwrap_or(0);
        format!("{:02}", i + 1)
    }

    pub fn title_vi(self) -> &'static str {
        match self {
            Annex::Outbound => "Đoàn ra",
            Annex::Inbound => "Đoàn vào",
            Annex::Conferences => "Hội nghị, hội thảo quốc tế",
            Annex::Aid => "Viện trợ",
            Annex::Agreements => "Thỏa thuận quốc tế",
            Annex::Reporters => "Phóng viên nước ngoài",
            Annex::People => "Người nước ngoài, công dân ở nước ngoài, vụ việc",
            Annex::PlanProgress => "Tiến độ thực hiện kế hoạch",
        }
    }

    /// The registers whose entries the table lists (none for plan progress).
    pub fn registers(self) -> &'static [RegisterKind] {
        use RegisterKind as R;
        match self {
            Annex::Outbound => &[R::DoanRa],
            Annex::Inbound => &[R::DoanVao],
            Annex::Conferences => &[R::HoiNghi],
            Annex::Aid => &[R::VienTro],
            Annex::Agreements => &[R::ThoaThuan],
            Annex::Reporters => &[R::PhongVien],
            Annex::People => &[R::NguoiNuocNgoai, R::CongDanNuocNgoai, R::VuViec],
            Annex::PlanProgress => &[],
        }
    }
}

/// A report regime, parsed: what every stored regime is before the system uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regime {
    /// Stable within a province ("bc-6-thang", "bc-sau-doan-ra"…).
    pub code: String,
    pub name: String,
    pub kind: RegimeKind,
    pub frequency: Frequency,
    pub cut_off: CutOff,
    pub deadline: Deadline,
    /// For event regimes: the register whose entries each call for a report.
    pub event_register: Option<RegisterKind>,
    /// "Sở Ngoại vụ tỉnh …" (the province's name is added where it is printed).
    pub receiver: String,
    pub outline: Vec<OutlineItem>,
    pub annexes: Vec<Annex>,
}

/// A regime refused, in Vietnamese (the province officer's form shows it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegimeError {
    #[error("a regime needs a name")]
    NoName,
    #[error("a regime needs a receiver")]
    NoReceiver,
    #[error("a periodic regime needs a periodic frequency and a working-day deadline")]
    PeriodicShape,
    #[error("an event regime needs a register and a deadline in days after the event")]
    EventShape,
    #[error("the deadline must leave at least one working day after the cut-off")]
    NoWorkingDay,
    #[error("every heading of the outline needs 1-200 characters, and the outline a heading")]
    OutlineHeading,
}

impl RegimeError {
    pub fn message_vi(&self) -> &'static str {
        match self {
            RegimeError::NoName => "Vui lòng nhập tên chế độ báo cáo.",
            RegimeError::NoReceiver => "Vui lòng nhập cơ quan nhận báo cáo.",
            RegimeError::PeriodicShape => {
                "Báo cáo định kỳ cần có tần suất (tháng, quý, 6 tháng, 9 tháng, năm) và thời \
                 hạn gửi tính bằng ngày làm việc sau ngày chốt số liệu."
            }
            RegimeError::EventShape => {
                "Báo cáo sau sự kiện cần chọn sổ theo dõi (đoàn ra, hội nghị, thỏa thuận…) và \
                 thời hạn gửi tính bằng số ngày sau khi kết thúc sự kiện."
            }
            RegimeError::NoWorkingDay => {
                "Thời hạn gửi phải sau ngày chốt số liệu ít nhất 01 ngày làm việc (Nghị định \
                 số 09/2019/NĐ-CP, Điều 8 khoản 5)."
            }
            RegimeError::OutlineHeading => {
                "Mỗi đề mục của đề cương báo cáo cần có tên (tối đa 200 ký tự)."
            }
        }
    }
}

impl Regime {
    /// Checks that the parts of a regime fit together (the only way to make one).
    pub fn parse(r: Regime) -> Result<Regime, RegimeError> {
        let r = Regime {
            name: vntext::nfc(r.name.trim()),
            receiver: vntext::nfc(r.receiver.trim()),
            outline: r
                .outline
                .into_iter()
                .map(|o| OutlineItem {
                    heading: vntext::nfc(o.heading.trim()),
                    ..o
                })
                .collect(),
            ..r
        };
        if r.outline.is_empty()
            || r.outline
                .iter()
                .any(|o| o.heading.is_empty() || o.heading.chars().count() > 200)
        {
            return Err(RegimeError::OutlineHeading);
        }
        if r.name.is_empty() {
            return Err(RegimeError::NoName);
        }
        if r.receiver.is_empty() {
            return Err(RegimeError::NoReceiver);
        }
        match (r.kind, r.deadline) {
            (RegimeKind::Periodic, Deadline::WorkingDaysAfterCutOff(n)) => {
                if r.frequency.spans().is_empty() {
                    return Err(RegimeError::PeriodicShape);
                }
                if n == 0 {
                    return Err(RegimeError::NoWorkingDay);
                }
            }
            (RegimeKind::Periodic, _) => return Err(RegimeError::PeriodicShape),
            (RegimeKind::Event, Deadline::DaysAfterEvent(_)) if r.event_register.is_some() => {}
            (RegimeKind::Event, _) => return Err(RegimeError::EventShape),
            (RegimeKind::AdHoc, Deadline::WorkingDaysAfterCutOff(0)) => {
                return Err(RegimeError::NoWorkingDay);
            }
            (RegimeKind::AdHoc, _) => {}
        }
        Ok(r)
    }

    /// The day a report of this regime on a window ending `end` is due.
    pub fn due(&self, end: NaiveDate, calendar: &WorkCalendar) -> Option<NaiveDate> {
        self.deadline.due(end, calendar)
    }
}

/// One line of the outline form: the default item, and the regime's own version of it when
/// the regime keeps it (its heading as the province wrote it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineChoice {
    pub default: OutlineItem,
    pub current: Option<OutlineItem>,
    /// Whether the province may leave the item out: a group of registers of a periodic
    /// report (a province whose communes keep no agreements drops that heading); the
    /// general part, the plan's results, the assessment, the next period and the
    /// recommendations are the outline of registers-reports.md §3 and stay.
    pub optional: bool,
}

/// The outline a regime of `kind` starts from (for an event regime, of its register).
pub fn default_outline(kind: RegimeKind, register: Option<RegisterKind>) -> Vec<OutlineItem> {
    match (kind, register) {
        (RegimeKind::Event, Some(r)) => event_outline(r),
        (RegimeKind::Event, None) => Vec::new(),
        _ => periodic_outline(),
    }
}

/// The default outline of `kind` matched item by item (same block, same registers) with
/// `current`, the regime's outline: what the regime form shows and reads back.
pub fn outline_choices(
    kind: RegimeKind,
    register: Option<RegisterKind>,
    current: &[OutlineItem],
) -> Vec<OutlineChoice> {
    default_outline(kind, register)
        .into_iter()
        .map(|d| OutlineChoice {
            current: current
                .iter()
                .find(|c| c.block == d.block && c.registers == d.registers)
                .cloned(),
            optional: kind == RegimeKind::Periodic && d.block == Block::Registers,
            default: d,
        })
        .collect()
}

/// The outline of a commune's periodic report (registers-reports.md §3). An item without a
/// number continues the numbering of the item before it: "2. Đoàn ra", "3. Đoàn vào"…
/// under "II. KẾT QUẢ THỰC HIỆN", whose "1." is the plan's results.
pub fn periodic_outline() -> Vec<OutlineItem> {
    use RegisterKind as R;
    let item =
        |number: &str, heading: &str, block: Block, registers: Vec<RegisterKind>| OutlineItem {
            number: number.into(),
            heading: heading.into(),
            block,
            registers,
        };
    let group = |heading: &str, registers: Vec<RegisterKind>| {
        item("", heading, Block::Registers, registers)
    };
    vec![
        item("I", "TÌNH HÌNH CHUNG", Block::General, vec![]),
        item(
            "II",
            "KẾT QUẢ THỰC HIỆN CÔNG TÁC ĐỐI NGOẠI",
            Block::PlanResults,
            vec![],
        ),
        group("Đoàn ra", vec![R::DoanRa]),
        group("Đoàn vào", vec![R::DoanVao]),
        group("Hội nghị, hội thảo quốc tế", vec![R::HoiNghi]),
        group("Thỏa thuận quốc tế", vec![R::ThoaThuan]),
        group("Viện trợ", vec![R::VienTro]),
        group(
            "Thông tin đối ngoại, phóng viên nước ngoài",
            vec![R::ThongTin, R::PhongVien],
        ),
        group(
            "Người nước ngoài, công dân Việt Nam ở nước ngoài, vụ việc có yếu tố nước ngoài",
            vec![R::NguoiNuocNgoai, R::CongDanNuocNgoai, R::VuViec],
        ),
        group(
            "Ngoại giao kinh tế, văn hóa, giao lưu, kết nghĩa",
            vec![R::XucTien],
        ),
        group("Đào tạo, bồi dưỡng nghiệp vụ đối ngoại", vec![R::DaoTao]),
        item("III", "ĐÁNH GIÁ CHUNG", Block::Assessment, vec![]),
        item(
            "IV",
            "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
            Block::NextPeriod,
            vec![],
        ),
        item("V", "KIẾN NGHỊ, ĐỀ XUẤT", Block::Recommendations, vec![]),
    ]
}

/// The outline of a report after an event: what happened, results, recommendations.
pub fn event_outline(register: RegisterKind) -> Vec<OutlineItem> {
    vec![
        OutlineItem {
            number: "I".into(),
            heading: "KẾT QUẢ HOẠT ĐỘNG".into(),
            block: Block::Registers,
            registers: vec![register],
        },
        OutlineItem {
            number: "II".into(),
            heading: "ĐÁNH GIÁ".into(),
            block: Block::Assessment,
            registers: vec![],
        },
        OutlineItem {
            number: "III".into(),
            heading: "KIẾN NGHỊ, ĐỀ XUẤT".into(),
            block: Block::Recommendations,
            registers: vec![],
        },
    ]
}

/// The regimes a province starts with: the 6-month and annual foreign-affairs reports
/// (Decree 09 windows, due two working days after the cut-off, as Khánh Hòa QĐ 01/2023
/// sets for lower levels), and the reports after a delegation, a conference and an
/// agreement (due 15 days after the event). `receiver` is the province's department.
pub fn default_regimes(receiver: &str) -> Vec<Regime> {
    let periodic = |code: &str, name: &str, frequency: Frequency| Regime {
        code: code.into(),
        name: name.into(),
        kind: RegimeKind::Periodic,
        frequency,
        cut_off: CutOff::Decree09,
        deadline: Deadline::WorkingDaysAfterCutOff(2),
        event_register: None,
        receiver: receiver.into(),
        outline: periodic_outline(),
        annexes: Annex::ALL.to_vec(),
    };
    let event = |code: &str, name: &str, register: RegisterKind, annex: Annex| Regime {
        code: code.into(),
        name: name.into(),
        kind: RegimeKind::Event,
        frequency: Frequency::OnEvent,
        cut_off: CutOff::Decree09,
        deadline: Deadline::DaysAfterEvent(15),
        event_register: Some(register),
        receiver: receiver.into(),
        outline: event_outline(register),
        annexes: vec![annex],
    };
    vec![
        periodic(
            "bc-6-thang",
            "Báo cáo công tác đối ngoại 6 tháng đầu năm",
            Frequency::SixMonths,
        ),
        periodic(
            "bc-nam",
            "Báo cáo công tác đối ngoại năm",
            Frequency::Yearly,
        ),
        event(
            "bc-sau-doan-ra",
            "Báo cáo kết quả chuyến công tác nước ngoài",
            RegisterKind::DoanRa,
            Annex::Outbound,
        ),
        event(
            "bc-sau-hoi-nghi",
            "Báo cáo kết quả hội nghị, hội thảo quốc tế",
            RegisterKind::HoiNghi,
            Annex::Conferences,
        ),
        event(
            "bc-sau-thoa-thuan",
            "Báo cáo kết quả ký kết thỏa thuận quốc tế",
            RegisterKind::ThoaThuan,
            Annex::Agreements,
        ),
    ]
}

/// The centrally-run cities (thành phố trực thuộc trung ương) among the 34 provincial units
/// since 12/6/2025 (Nghị quyết 202/2025/QH15).
const CITIES: [&str; 6] = [
    "Hà Nội",
    "Hải Phòng",
    "Huế",
    "Đà Nẵng",
    "Hồ Chí Minh",
    "Cần Thơ",
];

/// "Sở Ngoại vụ tỉnh Lào Cai", "Sở Ngoại vụ thành phố Hải Phòng": a regime's receiver
/// with its province's name, unless the receiver already names a place.
pub fn receiver_of(receiver: &str, province: &str) -> String {
    let province = province.trim();
    let folded = vntext::fold(receiver);
    if province.is_empty()
        || folded.contains(&vntext::fold(province))
        || folded.contains("tinh ")
        || folded.contains("thanh pho")
    {
        return receiver.to_string();
    }
    let bare = province
        .strip_prefix("Thành phố ")
        .or_else(|| province.strip_prefix("thành phố "))
        .or_else(|| province.strip_prefix("Tỉnh "))
        .or_else(|| province.strip_prefix("tỉnh "))
        .unwrap_or(province);
    let kind = if CITIES.contains(&bare) {
        "thành phố"
    } else {
        "tỉnh"
    };
    format!("{receiver} {kind} {bare}")
}

/// Where a report is in its life (registers-reports.md §4: returned for correction with
/// reasons, versioned resubmission, accepted data locked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// Being written by the commune; its figures follow the records.
    Draft,
    /// Sent to the province: a frozen version of text and figures.
    Submitted,
    /// Sent back by the province with its comments, to be corrected and sent again.
    Returned,
    /// Accepted by the province: locked.
    Accepted,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Draft,
        ReportStatus::Submitted,
        ReportStatus::Returned,
        ReportStatus::Accepted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Returned => "returned",
            ReportStatus::Accepted => "accepted",
        }
    }

    pub fn parse(code: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ReportStatus::Draft => "Đang soạn",
            ReportStatus::Submitted => "Đã gửi, chờ xem xét",
            ReportStatus::Returned => "Bị trả lại để hoàn thiện",
            ReportStatus::Accepted => "Đã tiếp nhận",
        }
    }

    /// Whether the commune may still change the text (a draft, or a returned report).
    pub fn editable(self) -> bool {
        matches!(self, ReportStatus::Draft | ReportStatus::Returned)
    }

    /// The moves a report may make: the commune submits a draft or a returned report; the
    /// province returns or accepts a submitted one; nothing leaves "accepted".
    pub fn can_move(self, to: ReportStatus) -> bool {
        use ReportStatus as S;
        matches!(
            (self, to),
            (S::Draft | S::Returned, S::Submitted) | (S::Submitted, S::Returned | S::Accepted)
        )
    }
}

impl TryFrom<String> for ReportStatus {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ReportStatus::parse(&s).ok_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_default_regimes_all_parse() {
        let all = default_regimes("Sở Ngoại vụ");
        assert_eq!(all.len(), 5);
        for r in all {
            Regime::parse(r.clone()).unwrap_or_else(|e| panic!("{}: {e}", r.code));
        }
    }

    #[test]
    fn a_periodic_regime_with_no_working_day_before_its_deadline_is_refused() {
        let mut r = default_regimes("Sở Ngoại vụ").remove(0);
        r.deadline = Deadline::WorkingDaysAfterCutOff(0);
        assert_eq!(Regime::parse(r.clone()), Err(RegimeError::NoWorkingDay));
        r.deadline = Deadline::DaysAfterEvent(3);
        assert_eq!(Regime::parse(r), Err(RegimeError::PeriodicShape));
    }

    #[test]
    fn an_event_regime_needs_its_register() {
        let mut r = default_regimes("Sở Ngoại vụ").remove(2);
        r.event_register = None;
        assert_eq!(Regime::parse(r), Err(RegimeError::EventShape));
    }

    #[test]
    fn an_outline_keeps_its_renamed_headings_and_refuses_an_empty_one() {
        let mut r = default_regimes("Sở Ngoại vụ").remove(0);
        r.outline
            .retain(|o| o.registers != vec![RegisterKind::ThoaThuan]);
        r.outline[0].heading = " Tình hình chung của xã ".into();
        let parsed = Regime::parse(r.clone()).unwrap();
        assert_eq!(parsed.outline[0].heading, "Tình hình chung của xã");
        let choices = outline_choices(RegimeKind::Periodic, None, &parsed.outline);
        assert_eq!(choices.len(), periodic_outline().len());
        let dropped: Vec<_> = choices.iter().filter(|c| c.current.is_none()).collect();
        assert_eq!(dropped.len(), 1);
        assert!(dropped[0].optional && dropped[0].default.heading == "Thỏa thuận quốc tế");
        assert!(!choices[0].optional);
        r.outline[1].heading = "  ".into();
        assert_eq!(Regime::parse(r), Err(RegimeError::OutlineHeading));
    }

    #[test]
    fn the_six_month_report_of_2026_is_due_two_working_days_after_the_fourteenth_of_june() {
        let r = &default_regimes("Sở Ngoại vụ")[0];
        let p = Period::parse("6-thang-2026").unwrap();
        let w = p.window(r.cut_off);
        assert_eq!((w.0, w.1), (d(2025, 12, 15), d(2026, 6, 14)));
        assert_eq!(r.due(w.1, &WorkCalendar::shipped()), Some(d(2026, 6, 16)));
    }

    #[test]
    fn a_report_moves_draft_submitted_returned_submitted_accepted_and_no_further() {
        use ReportStatus as S;
        let path = [
            S::Draft,
            S::Submitted,
            S::Returned,
            S::Submitted,
            S::Accepted,
        ];
        for w in path.windows(2) {
            assert!(w[0].can_move(w[1]), "{:?} → {:?}", w[0], w[1]);
        }
        for to in S::ALL {
            assert!(!S::Accepted.can_move(to));
        }
        assert!(!S::Draft.can_move(S::Accepted));
        assert!(!S::Returned.can_move(S::Accepted));
    }

    #[test]
    fn the_receiver_names_its_province_as_a_city_or_a_province() {
        assert_eq!(
            receiver_of("Sở Ngoại vụ", "Hải Phòng"),
            "Sở Ngoại vụ thành phố Hải Phòng"
        );
        assert_eq!(
            receiver_of("Sở Ngoại vụ", "Lào Cai"),
            "Sở Ngoại vụ tỉnh Lào Cai"
        );
        assert_eq!(
            receiver_of("Sở Ngoại vụ tỉnh Lào Cai", "Lào Cai"),
            "Sở Ngoại vụ tỉnh Lào Cai"
        );
    }

    #[test]
    fn annexes_are_numbered_01_to_08() {
        let n: Vec<String> = Annex::ALL.iter().map(|a| a.number()).collect();
        assert_eq!(n.first().map(String::as_str), Some("01"));
        assert_eq!(n.last().map(String::as_str), Some("08"));
    }
}
