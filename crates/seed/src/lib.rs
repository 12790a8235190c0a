//! Demo and benchmark data, made through the application layer as officers would make it
//! (DESIGN.md: the generators call `app` and nothing below it).

pub mod bench;
pub mod demo;

use app::{App, Commune, User};
use domain::access::Role;

/// One generated account, printed on the console.
#[derive(Debug, Clone)]
pub struct Account {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub place: String,
}

/// The account `id` just made in `commune` (generators act as the accounts they make).
pub(crate) async fn user_of(app: &App, id: i64, _commune: &Commune) -> app::Result<User> {
    app.account_for_operator(app::org::Who::Operator, id).await
}
