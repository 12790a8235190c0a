//! The states of register entries: one enum for every register, each register naming the
//! ones it uses and the moves between them (`Register::states`, `Register::transitions`).

use serde::{Deserialize, Serialize};

macro_rules! states {
    ($($v:ident = ($code:literal, $label:literal)),+ $(,)?) => {
        /// A state of a register entry, stored by its [`EntryState::code`]
        /// (`register_entries.state`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum EntryState { $($v),+ }

        impl EntryState {
            pub const ALL: &'static [EntryState] = &[$(EntryState::$v),+];

            pub fn code(self) -> &'static str {
                match self { $(EntryState::$v => $code),+ }
            }

            /// What an officer reads.
            pub fn label_vi(self) -> &'static str {
                match self { $(EntryState::$v => $label),+ }
            }
        }
    };
}

states! {
    Planned = ("planned", "Dự kiến"),
    Requested = ("requested", "Đã xin phép"),
    Permitted = ("permitted", "Đã được cho phép"),
    Travelling = ("travelling", "Đang công tác"),
    Returned = ("returned", "Đã về nước"),
    Approved = ("approved", "Đã được đồng ý"),
    Visiting = ("visiting", "Đang làm việc"),
    Ended = ("ended", "Đã kết thúc"),
    DossierSent = ("dossier_sent", "Đã gửi hồ sơ xin phép"),
    Held = ("held", "Đã tổ chức"),
    Reported = ("reported", "Đã báo cáo"),
    Announced = ("announced", "Đã thông báo"),
    Working = ("working", "Đang tác nghiệp"),
    Left = ("left", "Đã rời địa bàn"),
    Proposed = ("proposed", "Đề xuất"),
    AidApproved = ("aid_approved", "Đã phê duyệt"),
    Running = ("running", "Đang thực hiện"),
    Closed = ("closed", "Đã kết thúc"),
    Withdrawn = ("withdrawn", "Đã thu hồi, dừng"),
    Drafted = ("drafted", "Dự thảo"),
    OpinionAsked = ("opinion_asked", "Đã xin ý kiến"),
    Decided = ("decided", "Đã có quyết định"),
    Signed = ("signed", "Đã ký kết"),
    Present = ("present", "Đang cư trú"),
    Open = ("open", "Đang xử lý"),
    Handled = ("handled", "Đã xử lý"),
    Attended = ("attended", "Đã tham gia"),
    Recorded = ("recorded", "Đã ghi nhận"),
    Cancelled = ("cancelled", "Đã hủy"),
}

impl EntryState {
    /// `None` for a code that is not one of [`EntryState::code`].
    pub fn parse(code: &str) -> Option<EntryState> {
        EntryState::ALL.iter().copied().find(|s| s.code() == code)
    }
}
