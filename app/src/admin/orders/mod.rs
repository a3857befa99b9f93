//! Orders in the back office: search and filter, the full record with its
//! history and internal notes, and every change the staff make — ship,
//! tracking scans, delivered, cancel, refunds in full or in part — through
//! the order state machine (`orders::OrderStatus::can_become`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::orders::{OrderDetail, OrderStatus};
use crate::payments::{PaymentMethod, PaymentStatus, RefundStatus};
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/orders", Permission::OrderRead),
    AdminFn::read("admin/order", Permission::OrderRead),
    AdminFn::write("admin/order/ship", Permission::OrderShip),
    AdminFn::write("admin/order/track", Permission::OrderShip),
    AdminFn::write("admin/order/deliver", Permission::OrderShip),
    AdminFn::write("admin/order/note", Permission::OrderShip),
    AdminFn::write("admin/order/cancel", Permission::OrderRefund),
    AdminFn::write("admin/order/refund", Permission::OrderRefund),
];

/// Search form; every field optional ("" = any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderQuery {
    #[serde(default)]
    pub status: String,
    /// YYYY-MM-DD, inclusive, shop calendar (Asia/Shanghai).
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Order number, or the customer's e-mail or name (part of it).
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    pub payment_method: PaymentMethod,
    pub customer: String,
    pub email: String,
    pub total_minor: i64,
    pub currency: String,
    pub placed_at: String,
    pub items: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub rows: Vec<OrderRow>,
    pub has_more: bool,
}

pub const ORDERS_PAGE_SIZE: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub author: String,
    pub body: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRow {
    pub amount_minor: i64,
    pub reason: String,
    pub status: RefundStatus,
    pub author: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrder {
    pub detail: OrderDetail,
    pub customer_id: Option<i64>,
    pub customer: String,
    pub email: String,
    pub notes: Vec<Note>,
    pub refunds: Vec<RefundRow>,
    /// What a refund may still give back (paid, less refunds made or asked).
    pub refundable_minor: i64,
}

impl AdminOrder {
    pub fn can(&self, next: OrderStatus) -> bool {
        self.detail.status.can_become(next)
    }
}

/// Carriers offered in the ship form; "other" lets staff type any name.
pub const CARRIERS: &[&str] = &["SF", "JD", "ZTO", "YTO", "EMS", "STO", "YUNDA"];

/// A carrier and tracking number as typed: trimmed, 1–40 and 4–40 visible
/// characters, tracking numbers letters, digits and dashes only.
pub fn check_shipment(carrier: &str, tracking: &str) -> Vec<crate::error::FieldError> {
    use crate::error::{ErrorKey, FieldError};
    let mut errors = Vec::new();
    let c = carrier.trim();
    if c.is_empty() {
        errors.push(FieldError::new("carrier", ErrorKey::Required));
    } else if c.chars().count() > 40 {
        errors.push(FieldError::new("carrier", ErrorKey::TooLong));
    }
    let t = tracking.trim();
    if t.is_empty() {
        errors.push(FieldError::new("tracking", ErrorKey::Required));
    } else if t.len() < 4
        || t.len() > 40
        || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        errors.push(FieldError::new("tracking", ErrorKey::NumberInvalid));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipment_input_is_checked() {
        assert!(check_shipment("SF", "SF1234567").is_empty());
        assert_eq!(check_shipment("", "SF1234567").len(), 1);
        assert_eq!(check_shipment("SF", "").len(), 1);
        assert_eq!(check_shipment("SF", "12").len(), 1);
        assert_eq!(check_shipment("SF", "<script>").len(), 1);
        assert_eq!(check_shipment(&"x".repeat(41), "SF-1").len(), 1);
    }
}
