//! Customers: search shoppers, open one (profile, addresses, orders, what
//! they spent, their points ledger), and the few changes staff may make:
//! disable or enable the account (every session ends at once), set the
//! membership level, and add or take loyalty points with a reason. Staff
//! accounts are not customers and are never shown or changed here.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::{Address, Permission};
use crate::orders::OrderStatus;
use crate::payments::PaymentStatus;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/customers", Permission::CustomerRead),
    AdminFn::read("admin/customer", Permission::CustomerRead),
    AdminFn::write("admin/customer/disable", Permission::CustomerDisable),
    AdminFn::write("admin/customer/level", Permission::CustomerEdit),
    AdminFn::write("admin/customer/points", Permission::CustomerEdit),
];

/// Customers per page of search results.
pub const CUSTOMERS_PAGE_SIZE: i64 = 30;
/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Membership levels, lowest first (the database checks the same list).
pub const LEVELS: [&str; 4] = ["regular", "silver", "gold", "vip"];
/// Largest single points change, either way.
pub const MAX_POINTS_DELTA: i32 = 1_000_000;
/// Longest reason for a points change, in characters (after trimming).
pub const MAX_REASON_CHARS: usize = 200;
/// Ledger entries shown on a customer's page.
pub const LEDGER_ENTRIES: i64 = 50;

/// One shopper in the search results (and the head of their page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub level: String,
    /// The lowest level staff set for them (None: no floor).
    pub level_floor: Option<String>,
    pub points: i32,
    /// Every order placed, whatever became of it.
    pub orders: i64,
    /// Non-cancelled orders' totals less what was refunded on them.
    pub spent_minor: i64,
    pub currency: String,
    pub disabled: bool,
    /// The shopper deleted their account: what identified them is gone
    /// (see `privacy::db::run_due_deletions`); the orders stay.
    pub erased: bool,
    /// YYYY-MM-DD, shop time.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerList {
    pub customers: Vec<CustomerRow>,
    /// How many shoppers match, on every page.
    pub total: i64,
    pub page: i64,
    pub has_more: bool,
}

/// One of the customer's orders, for the list on their page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerOrder {
    pub number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    pub total_minor: i64,
    pub currency: String,
    /// YYYY-MM-DD, shop time.
    pub created: String,
}

/// One line of the points ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsEntry {
    pub id: i64,
    pub kind: crate::loyalty::EntryKind,
    pub delta: i32,
    /// Staff's reason (adjustments only).
    pub reason: Option<String>,
    /// The order an earn or a reversal came from.
    pub order_number: Option<String>,
    pub balance_after: i32,
    /// Who made the change (None once that staff account is deleted).
    pub staff_email: Option<String>,
    /// YYYY-MM-DD HH:MM, shop time.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerDetail {
    pub customer: CustomerRow,
    pub addresses: Vec<Address>,
    pub orders: Vec<CustomerOrder>,
    /// The newest entries first, at most [`LEDGER_ENTRIES`].
    pub ledger: Vec<PointsEntry>,
}

pub fn is_level(level: &str) -> bool {
    LEVELS.contains(&level)
}

pub use crate::text::like_pattern;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_matched_literally() {
        assert_eq!(like_pattern("李"), "%李%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert!(is_level("vip") && is_level("regular"));
        assert!(!is_level("VIP") && !is_level("platinum") && !is_level(""));
    }
}
