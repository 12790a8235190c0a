//! The pages, one module per feature.

pub mod auth;
pub mod calendar;
pub mod dashboard;
pub mod org;
pub mod plans;
pub mod province;
pub mod registers;
pub mod reminders;
pub mod reports;
pub mod tasks;
