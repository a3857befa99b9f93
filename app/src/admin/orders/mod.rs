//! Orders in the back office: search and filter, the full record with its
//! history and internal notes, and every change the staff make — ship,
//! tracking scans, delivered, cancel, refunds in full or in part — through
//! the order state machine (`orders::OrderStatus::can_become`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod risk;

use super::AdminFn;
use crate::accounts::Permission;
use crate::aftersales::{RequestKind, RequestStatus};
use crate::orders::{OrderDetail, OrderStatus};
use crate::payments::{PaymentMethod, PaymentStatus, RefundStatus};
use crate::risk::{OrderRisk, RiskHold};
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
    AdminFn::write("admin/order/risk", Permission::OrderRisk),
    AdminFn::read("admin/risk", Permission::OrderRisk),
    AdminFn::write("admin/risk/save", Permission::OrderRisk),
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
    /// "held": the risk review queue (held orders not cancelled).
    #[serde(default)]
    pub risk: String,
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
    pub risk_score: i32,
    pub risk_hold: RiskHold,
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
    /// The order's after-sales requests, newest first.
    pub after_sales: Vec<OrderRequest>,
    /// Its risk review: score, reasons and hold.
    pub risk: OrderRisk,
}

/// An after-sales request on the order, as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRequest {
    pub number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
}

impl AdminOrder {
    pub fn can(&self, next: OrderStatus) -> bool {
        self.detail.status.can_become(next)
    }

    /// A refund before shipment is being decided, or the risk review:
    /// shipping waits for it.
    pub fn shipping_held(&self) -> bool {
        self.risk.hold == RiskHold::Held
            || self.after_sales.iter().any(|r| {
                r.kind == RequestKind::RefundOnly
                    && matches!(r.status, RequestStatus::Requested | RequestStatus::Approved)
            })
    }
}

pub use crate::orders::{CARRIERS, check_shipment};
