//! /admin/customers (search, results, pages) and /admin/customers/:id (the
//! profile, what they bought and spent, addresses, and the changes the
//! staff member's role allows: disable or enable, level, points).
mod customer;
mod forms;
mod history;
mod search;

pub use customer::CustomerPage;
pub use search::CustomersPage;

use crate::i18n::*;

/// The translated name of a membership level.
pub fn level_text(locale: Locale, level: &str) -> &'static str {
    match level {
        "silver" => td_string!(locale, admin_people.level_silver),
        "gold" => td_string!(locale, admin_people.level_gold),
        "vip" => td_string!(locale, admin_people.level_vip),
        _ => td_string!(locale, admin_people.level_regular),
    }
}
