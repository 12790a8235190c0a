//! Pure rules of the system: roles and permissions, plans' schedules and occurrences, report
//! periods. No IO: the store persists what this crate decides, the web shows it.

pub mod access;
pub mod audit;
pub mod error;
pub mod names;
pub mod org;
pub mod period;
pub mod plan;
pub mod progress;
pub mod register;
pub mod report;
pub mod schedule;
pub mod text;
mod timeframe;
mod year;

pub use error::DomainError;
pub use period::{PeriodKind, ReportPeriod, period_containing, report_periods};
pub use progress::{OccurrenceStatus, Percent, ProgressState, is_overdue};
pub use schedule::{
    OccurrencePlan, Recurrence, Schedule, Timeframe, TimeframeError, Window,
    schedule_from_timeframe,
};
pub use year::PlanYear;
