//! Planned entries from a plan's annex tables (issue 10, point 3): the delegations out and
//! in and the international conferences a commune's plan lists ("Dự kiến đoàn ra, đoàn vào
//! năm 2026", the conference table) become entries in state "Dự kiến" of `doan-ra`,
//! `doan-vao` and `hoi-nghi`, tied to the plan, when the plan is imported. The officer then
//! moves each through its states as it happens.
//!
//! A table cell is written by hand ("Hàn Quốc, Nhật Bản", "Tháng 6/2026", "Ngân sách xã"):
//! a cell whose text a field does not accept (a country not in the list, a purpose not in
//! its list) is not lost but kept, with its column's name, in the entry's notes. A row with
//! no name is not an entry (there is nothing to call it by) and is left out.

use std::collections::BTreeMap;

use document::model::Delegations;
use domain::register::{Entry, EntryState, RegisterKind};

/// One planned entry: its register and its values as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEntry {
    pub kind: RegisterKind,
    pub entry: Entry,
}

/// The entries a plan's annex tables plan, in table order.
pub fn planned_entries(d: &Delegations) -> Vec<PlannedEntry> {
    let mut out = Vec::new();
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    for o in &d.outbound {
        let time = match o.days {
            Some(n) if !o.time.trim().is_empty() => format!("{} ({n} ngày)", o.time.trim()),
            Some(n) => format!("{n} ngày"),
            None => o.time.clone(),
        };
        let notes = [o.group.clone().unwrap_or_default(), o.notes.clone()];
        out.extend(planned(
            RegisterKind::DoanRa,
            "noi_dung",
            &[
                ("ten_doan", o.name.clone()),
                ("truong_doan", o.head.clone()),
                ("nuoc_den", o.countries.clone()),
                ("doi_tac", o.partners.clone()),
                ("muc_dich", o.purpose.clone()),
                ("so_nguoi", count(o.members)),
                ("thoi_gian_du_kien", time),
                ("nguon_kinh_phi", o.funding.clone()),
                ("noi_dung", notes.join("\n")),
            ],
        ));
    }
    for i in &d.inbound {
        out.extend(planned(
            RegisterKind::DoanVao,
            "noi_dung",
            &[
                ("ten_doan", i.name.clone()),
                ("truong_doan", i.head.clone()),
                ("so_thanh_vien", count(i.members)),
                ("muc_dich", i.purpose.clone()),
                ("thoi_gian_du_kien", i.time.clone()),
                ("dia_diem", i.place.clone()),
                ("don_vi_don", i.host.clone()),
                (
                    "noi_dung",
                    [i.funding.as_str(), i.notes.as_str()].join("\n"),
                ),
            ],
        ));
    }
    for c in &d.conferences {
        let purpose = [
            c.purpose.as_str(),
            c.participants.as_str(),
            c.notes.as_str(),
        ]
        .join("\n");
        out.extend(planned(
            RegisterKind::HoiNghi,
            "muc_dich",
            &[
                ("ten", c.name.clone()),
                ("don_vi_to_chuc", c.organiser.clone()),
                ("hinh_thuc", c.form.clone()),
                ("thoi_gian_du_kien", c.time_place.clone()),
                ("nguon_kinh_phi", c.funding.clone()),
                ("muc_dich", purpose),
            ],
        ));
    }
    out
}

/// One row as a planned entry of `kind`: the values its fields accept, the others moved
/// into `notes` with their column's name. `None` when the row still cannot be an entry
/// (no name, no organiser).
fn planned(kind: RegisterKind, notes: &str, cells: &[(&str, String)]) -> Option<PlannedEntry> {
    let register = kind.def();
    let mut raw: BTreeMap<String, String> = cells
        .iter()
        .map(|(k, v)| (k.to_string(), tidy(v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    // Two rounds: the first moves the refused cells into the notes, the second parses
    // what is left (the notes themselves are long text and take anything).
    for _ in 0..2 {
        match Entry::parse(register, &raw, EntryState::Planned) {
            Ok(entry) => return Some(PlannedEntry { kind, entry }),
            Err(errors) => {
                let mut moved = Vec::new();
                for e in &errors {
                    if e.key == notes {
                        continue;
                    }
                    if let (Some(v), Some(f)) = (raw.remove(e.key), register.field(e.key)) {
                        moved.push(format!("{}: {v}", f.label));
                    }
                }
                if moved.is_empty() {
                    tracing::info!(register = register.slug, "annex row left out: {errors:?}");
                    return None;
                }
                let kept = raw.remove(notes).unwrap_or_default();
                let joined: Vec<&str> = std::iter::once(kept.as_str())
                    .chain(moved.iter().map(String::as_str))
                    .filter(|s| !s.is_empty())
                    .collect();
                raw.insert(notes.to_string(), joined.join("\n"));
            }
        }
    }
    None
}

/// A cell's text with its blank lines and spaces at the ends taken away.
fn tidy(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::model::{Conference, InboundDelegation, OutboundDelegation};

    fn outbound(name: &str, countries: &str) -> OutboundDelegation {
        OutboundDelegation {
            name: name.into(),
            head: "Chủ tịch UBND xã".into(),
            countries: countries.into(),
            purpose: "Học tập kinh nghiệm".into(),
            members: Some(5),
            days: Some(7),
            time: "Tháng 6/2026".into(),
            funding: "Ngân sách xã".into(),
            ..OutboundDelegation::default()
        }
    }

    #[test]
    fn an_outbound_row_becomes_a_planned_delegation_with_its_countries_and_time() {
        let d = Delegations {
            outbound: vec![outbound(
                "Đoàn học tập mô hình nông nghiệp",
                "Hàn Quốc, Nhật Bản",
            )],
            ..Delegations::default()
        };
        let planned = planned_entries(&d);
        assert_eq!(planned.len(), 1);
        let e = &planned[0].entry;
        assert_eq!(planned[0].kind, RegisterKind::DoanRa);
        assert_eq!(e.shown("nuoc_den"), "Hàn Quốc, Nhật Bản");
        assert_eq!(e.shown("so_nguoi"), "5");
        assert_eq!(e.shown("thoi_gian_du_kien"), "Tháng 6/2026 (7 ngày)");
        assert!(
            e.get("ngay_di").is_none(),
            "a planned trip has no dates yet"
        );
    }

    #[test]
    fn a_cell_no_field_accepts_is_kept_in_the_notes_with_its_column_name() {
        let d = Delegations {
            outbound: vec![outbound("Đoàn xúc tiến thương mại", "Các nước châu Âu")],
            ..Delegations::default()
        };
        let e = &planned_entries(&d)[0].entry;
        assert!(e.get("nuoc_den").is_none());
        assert!(
            e.shown("noi_dung").contains("Nước đến: Các nước châu Âu"),
            "{}",
            e.shown("noi_dung")
        );
    }

    #[test]
    fn inbound_rows_and_conferences_become_planned_entries_and_a_row_without_a_name_does_not() {
        let d = Delegations {
            inbound: vec![
                InboundDelegation {
                    name: "Đoàn tình nguyện viên Nhật Bản".into(),
                    members: Some(12),
                    time: "Quý III/2026".into(),
                    host: "Trường THCS xã".into(),
                    ..InboundDelegation::default()
                },
                InboundDelegation {
                    time: "Quý IV/2026".into(),
                    ..InboundDelegation::default()
                },
            ],
            conferences: vec![Conference {
                name: "Hội thảo quốc tế về du lịch cộng đồng".into(),
                organiser: "UBND xã".into(),
                time_place: "Tháng 9/2026 tại xã".into(),
                participants: "50 đại biểu, 10 đại biểu nước ngoài".into(),
                ..Conference::default()
            }],
            ..Delegations::default()
        };
        let planned = planned_entries(&d);
        let kinds: Vec<_> = planned.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [RegisterKind::DoanVao, RegisterKind::HoiNghi]);
        assert_eq!(planned[0].entry.shown("so_thanh_vien"), "12");
        assert!(planned[1].entry.shown("muc_dich").contains("50 đại biểu"));
    }
}
