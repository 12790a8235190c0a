//! Pure rules of the system: roles and permissions, plans' schedules and occurrences, report
//! periods. No IO: the store persists what this crate decides, the web shows it.

pub mod access;
