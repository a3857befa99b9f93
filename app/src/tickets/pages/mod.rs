//! The customer's ticket pages: `/tickets` (their list), `/tickets/new`
//! (the contact form, `?order=` for "Ask about this order") and
//! `/tickets/:number` (the thread, replying and rating). One lazily loaded
//! route serves all three, so the storefront's main module carries one
//! entry for them.
mod detail;
mod list;
mod new;

use crate::error::{AppError, ErrorKey};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub use detail::TicketPage;
pub use list::TicketListPage;
pub use new::NewTicketPage;

/// `/tickets` and `/tickets/:number`.
#[component]
pub fn TicketPages() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("number")) {
        None => view! { <TicketListPage /> }.into_any(),
        Some(n) if n == "new" => view! { <NewTicketPage /> }.into_any(),
        Some(_) => view! { <TicketPage /> }.into_any(),
    }
}

/// The key of `field`'s error in a refused form, if it has one.
pub(crate) fn field_key(error: Option<&AppError>, field: &str) -> Option<ErrorKey> {
    match error {
        Some(AppError::Validation(list)) => list.iter().find(|e| e.field == field).map(|e| e.key),
        _ => None,
    }
}
