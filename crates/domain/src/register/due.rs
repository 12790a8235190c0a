//! The dates register entries fall due (registers-reports.md §2, last column): an
//! after-trip report at return + N days (N per province), a conference dossier 30 days
//! before it starts (40 when the Prime Minister permits) and its report 15 days after it
//! ends, an agreement's report 15 days after signing, aid not started 6 months after
//! approval, a residence document expiring, a visit with no consent document.
//!
//! An entry has at most one open due item at a time: the earliest of the rules that apply
//! to its state and values. The store keeps it beside the entry (`due_on`, `due_what`), so
//! "Việc của tôi", the dashboard and the province count due items in SQL.

use chrono::{Duration, Months, NaiveDate};

use super::{Entry, EntryState};

/// Settings of the rules that differ between provinces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueSettings {
    /// Days after return within which the after-trip report is due: 15 is typical (TT
    /// 03/2023/TT-BNV art. 12), some bodies use 10.
    pub trip_report_days: i64,
}

impl Default for DueSettings {
    fn default() -> DueSettings {
        DueSettings {
            trip_report_days: 15,
        }
    }
}

/// How far from its date a rule's item falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// A fixed number of days after (positive) or before (negative) the date.
    Days(i64),
    /// The province's after-trip report delay ([`DueSettings::trip_report_days`]) after.
    TripReport,
    /// Days before, or `if_flag` days before when the flag field is set (a conference
    /// the Prime Minister permits: 40 days instead of 30, QĐ 06/2020/QĐ-TTg).
    DaysBeforeUnless {
        days: i64,
        flag: &'static str,
        if_flag: i64,
    },
    /// Months after.
    Months(u32),
}

/// One rule: what falls due, from which date, while the entry is in one of `while_in`,
/// and unless a field already records that it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueRule {
    /// What an officer reads: "Báo cáo kết quả chuyến công tác".
    pub what: &'static str,
    pub date: &'static str,
    pub lead: Lead,
    pub while_in: &'static [EntryState],
    /// A field whose value means the item is done (the consent document's number).
    pub unless: Option<&'static str>,
}

/// An open item of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub on: NaiveDate,
    pub what: &'static str,
}

impl DueRule {
    fn applies(&self, entry: &Entry, state: EntryState, settings: DueSettings) -> Option<Due> {
        if !self.while_in.contains(&state) || self.unless.is_some_and(|k| entry.get(k).is_some()) {
            return None;
        }
        let date = entry.date(self.date)?;
        let on = match self.lead {
            Lead::Days(d) => date + Duration::days(d),
            Lead::TripReport => date + Duration::days(settings.trip_report_days),
            Lead::DaysBeforeUnless {
                days,
                flag,
                if_flag,
            } => {
                let before = if entry.get(flag).is_some_and(|v| v.as_flag()) {
                    if_flag
                } else {
                    days
                };
                date - Duration::days(before)
            }
            Lead::Months(m) => date.checked_add_months(Months::new(m))?,
        };
        Some(Due {
            on,
            what: self.what,
        })
    }
}

impl Entry {
    /// The entry's open item: the earliest of its register's rules that apply.
    pub fn due(&self, state: EntryState, settings: DueSettings) -> Option<Due> {
        self.register()
            .due
            .iter()
            .filter_map(|r| r.applies(self, state, settings))
            .min_by_key(|d| d.on)
    }
}
