//! Orders as the shopper sees them, and the order state machine that every
//! change goes through (the database update repeats the check in its WHERE
//! clause, so two racing changes cannot both apply).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

// Who moved an order on: defined with payments, which write order events
// too (see there).
use crate::cart::ShippingMethod;
pub use crate::payments::{Actor, OrderEventKind};
use crate::payments::{PaymentMethod, PaymentStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum OrderStatus {
    PendingPayment,
    AwaitingShipment,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
}

#[cfg(feature = "ssr")]
pg_text!(OrderStatus);

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::PendingPayment,
        OrderStatus::AwaitingShipment,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::AwaitingShipment => "awaiting_shipment",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The transitions the shop allows.
    pub fn can_become(self, next: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, next),
            (PendingPayment, AwaitingShipment)
                | (PendingPayment, Cancelled)
                | (AwaitingShipment, Shipped)
                | (AwaitingShipment, Cancelled)
                | (Shipped, Delivered)
                | (Shipped, Completed)
                | (Delivered, Completed)
        )
    }

    /// Every status that may move to `next`, for the SQL guard.
    pub fn sources(next: OrderStatus) -> Vec<OrderStatus> {
        Self::ALL
            .into_iter()
            .filter(|s| s.can_become(next))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    pub total_minor: i64,
    pub currency: String,
    pub placed_at: String,
    pub items: i64,
    pub first_name: String,
    pub first_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItemView {
    pub id: i64,
    pub product_slug: Option<String>,
    pub name: String,
    pub options: String,
    pub image: Option<String>,
    pub qty: i32,
    pub unit_minor: i64,
    pub sale_unit_minor: i64,
    pub paid_minor: i64,
    /// The buyer's review of this line already exists.
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub status: OrderEventKind,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub at: String,
    pub location: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub number: String,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub payment_status: PaymentStatus,
    pub currency: String,
    pub list_minor: i64,
    pub sale_savings_minor: i64,
    pub discount_minor: i64,
    pub shipping_minor: i64,
    pub total_minor: i64,
    pub discounts: Vec<(String, i64)>,
    /// Points that paid part of the goods, and what they paid.
    #[serde(default)]
    pub points_spent: i32,
    #[serde(default)]
    pub points_minor: i64,
    pub shipping_method: ShippingMethod,
    pub coupon_code: Option<String>,
    pub ship_to: ShipTo,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub items: Vec<OrderItemView>,
    pub events: Vec<OrderEvent>,
    pub tracking: Vec<TrackingEvent>,
    pub placed_at: String,
    /// A guest's order (opened with the link's secret).
    pub guest: bool,
    /// What the provider has given back so far (cancellation, staff and
    /// after-sales refunds).
    pub refunded_minor: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipTo {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub line1: String,
    #[serde(default)]
    pub postal_code: Option<String>,
}

impl OrderDetail {
    pub fn can_cancel(&self) -> bool {
        self.status.can_become(OrderStatus::Cancelled)
    }
    /// Cash still due on delivery is recorded as collected by staff, never
    /// by the shopper's confirmation (the server refuses it too).
    pub fn can_confirm(&self) -> bool {
        self.status.can_become(OrderStatus::Completed)
            && self.payment_status != PaymentStatus::CodDue
    }
    pub fn can_pay(&self) -> bool {
        self.status == OrderStatus::PendingPayment && self.payment_method == PaymentMethod::Sandbox
    }
    /// A paid order, an account holder's or a guest's, can take after-sales
    /// requests (the request form says per line what is possible).
    pub fn after_sales_open(&self) -> bool {
        !matches!(
            self.status,
            OrderStatus::PendingPayment | OrderStatus::Cancelled
        ) && matches!(
            self.payment_status,
            PaymentStatus::Paid
                | PaymentStatus::PartiallyRefunded
                | PaymentStatus::RefundPending
                | PaymentStatus::CodCollected
        )
    }
    /// Reviews are for delivered goods, by an account holder.
    pub fn can_review(&self) -> bool {
        !self.guest && matches!(self.status, OrderStatus::Delivered | OrderStatus::Completed)
    }
}

/// Link to an order: a guest's carries the secret.
pub fn order_href(number: &str, token: Option<&str>) -> String {
    match token {
        Some(t) => format!("/orders/{number}?t={t}"),
        None => format!("/orders/{number}"),
    }
}

/// Carriers offered in the ship forms (staff shipping an order, a shopper
/// sending a return); "other" lets them type any name.
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

    #[test]
    fn shipment_input_is_checked() {
        assert!(check_shipment("SF", "SF1234567").is_empty());
        assert_eq!(check_shipment("", "SF1234567").len(), 1);
        assert_eq!(check_shipment("SF", "").len(), 1);
        assert_eq!(check_shipment("SF", "12").len(), 1);
        assert_eq!(check_shipment("SF", "<script>").len(), 1);
        assert_eq!(check_shipment(&"x".repeat(41), "SF-1").len(), 1);
    }
    use super::OrderStatus::*;
    use super::*;

    #[test]
    fn the_state_machine_allows_only_its_transitions() {
        let allowed = [
            (PendingPayment, AwaitingShipment),
            (PendingPayment, Cancelled),
            (AwaitingShipment, Shipped),
            (AwaitingShipment, Cancelled),
            (Shipped, Delivered),
            (Shipped, Completed),
            (Delivered, Completed),
        ];
        for a in OrderStatus::ALL {
            for b in OrderStatus::ALL {
                assert_eq!(a.can_become(b), allowed.contains(&(a, b)), "{a:?} → {b:?}");
            }
        }
        // Nothing leaves a final state; nothing goes back.
        assert!(OrderStatus::ALL.iter().all(|s| !Cancelled.can_become(*s)));
        assert!(OrderStatus::ALL.iter().all(|s| !Completed.can_become(*s)));
        assert_eq!(
            OrderStatus::sources(Cancelled),
            [PendingPayment, AwaitingShipment]
        );
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
    }
}
