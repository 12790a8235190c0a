//! The organisation's kinds of place.

use serde::{Deserialize, Serialize};

/// The kind of a commune-level unit of administration since 01/07/2025 (Luật Tổ chức chính
/// quyền địa phương 72/2025/QH15, art. 2): xã, phường or đặc khu. Stored by
/// [`CommuneKind::code`] (`communes_kind_check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
}

impl CommuneKind {
    pub const ALL: [CommuneKind; 3] = [CommuneKind::Xa, CommuneKind::Phuong, CommuneKind::DacKhu];

    pub fn code(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xa",
            CommuneKind::Phuong => "phuong",
            CommuneKind::DacKhu => "dac_khu",
        }
    }

    pub fn parse(code: &str) -> Option<CommuneKind> {
        CommuneKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// "xã", "phường", "đặc khu" (as written before a name).
    pub fn word(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xã",
            CommuneKind::Phuong => "phường",
            CommuneKind::DacKhu => "đặc khu",
        }
    }

    /// "xã Tân Hòa", "phường Bến Thành", "đặc khu Phú Quốc".
    pub fn full_name(self, name: &str) -> String {
        format!("{} {name}", self.word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_name_their_place() {
        for k in CommuneKind::ALL {
            assert_eq!(CommuneKind::parse(k.code()), Some(k));
        }
        assert_eq!(CommuneKind::parse("huyen"), None);
        assert_eq!(
            CommuneKind::DacKhu.full_name("Phú Quốc"),
            "đặc khu Phú Quốc"
        );
    }
}
