//! The application layer's suite: every use case on a fresh SQLite file and, when a server
//! is configured (always under CI), on PostgreSQL.

#[path = "app/support.rs"]
mod support;

#[path = "app/architecture.rs"]
mod architecture;
#[path = "app/concurrency.rs"]
mod concurrency;
#[path = "app/defects.rs"]
mod defects;
#[path = "app/registers.rs"]
mod registers;
#[path = "app/reports.rs"]
mod reports;
#[path = "app/upgrade.rs"]
mod upgrade;
#[path = "app/usecases.rs"]
mod usecases;
