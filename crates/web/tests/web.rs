//! Integration tests against the running application: a real server on a random port over a
//! fresh SQLite file.

#[path = "web/support.rs"]
mod support;

#[path = "web/api.rs"]
mod api;
#[path = "web/authz.rs"]
mod authz;
#[path = "web/browser.rs"]
mod browser;
#[path = "web/flows.rs"]
mod flows;
#[path = "web/pages.rs"]
mod pages;
