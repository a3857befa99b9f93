//! Payments through a provider interface (`db::PaymentProvider`) with two
//! providers built in: a sandbox with a hosted payment page and signed
//! asynchronous notifications, and cash on delivery. Card data never reaches
//! the shop: the shopper pays on the provider's page.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod forms;
pub mod pages;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum PaymentMethod {
    #[default]
    Sandbox,
    Cod,
}

#[cfg(feature = "ssr")]
pg_text!(PaymentMethod);

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 2] = [PaymentMethod::Sandbox, PaymentMethod::Cod];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Sandbox => "sandbox",
            PaymentMethod::Cod => "cod",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Who moved an order or its money on (`order_events.actor`): payments
/// record events too (a notification, a refund made), and must not depend
/// on `orders`, so the type lives here and `orders` re-exports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Actor {
    Shopper,
    System,
    Staff,
}

#[cfg(feature = "ssr")]
pg_text!(Actor);

impl Actor {
    pub const ALL: [Actor; 3] = [Actor::Shopper, Actor::System, Actor::Staff];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Shopper => "shopper",
            Actor::System => "system",
            Actor::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What an entry of an order's history records (`order_events.status`):
/// the order statuses it moves through, and the refunds. Lives beside
/// `Actor` for the same reason: payments writes events too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum OrderEventKind {
    Placed,
    Paid,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

#[cfg(feature = "ssr")]
pg_text!(OrderEventKind);

impl OrderEventKind {
    pub const ALL: [OrderEventKind; 8] = [
        OrderEventKind::Placed,
        OrderEventKind::Paid,
        OrderEventKind::Shipped,
        OrderEventKind::Delivered,
        OrderEventKind::Completed,
        OrderEventKind::Cancelled,
        OrderEventKind::Refunded,
        OrderEventKind::PartiallyRefunded,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderEventKind::Placed => "placed",
            OrderEventKind::Paid => "paid",
            OrderEventKind::Shipped => "shipped",
            OrderEventKind::Delivered => "delivered",
            OrderEventKind::Completed => "completed",
            OrderEventKind::Cancelled => "cancelled",
            OrderEventKind::Refunded => "refunded",
            OrderEventKind::PartiallyRefunded => "partially_refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Where an order's money stands (`orders.payment_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum PaymentStatus {
    Unpaid,
    Paid,
    PartiallyRefunded,
    RefundPending,
    Refunded,
    CodDue,
    CodCollected,
}

#[cfg(feature = "ssr")]
pg_text!(PaymentStatus);

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 7] = [
        PaymentStatus::Unpaid,
        PaymentStatus::Paid,
        PaymentStatus::PartiallyRefunded,
        PaymentStatus::RefundPending,
        PaymentStatus::Refunded,
        PaymentStatus::CodDue,
        PaymentStatus::CodCollected,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Unpaid => "unpaid",
            PaymentStatus::Paid => "paid",
            PaymentStatus::PartiallyRefunded => "partially_refunded",
            PaymentStatus::RefundPending => "refund_pending",
            PaymentStatus::Refunded => "refunded",
            PaymentStatus::CodDue => "cod_due",
            PaymentStatus::CodCollected => "cod_collected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One provider charge (`payments.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum ChargeStatus {
    Pending,
    Paid,
    Failed,
    Cancelled,
    RefundPending,
    Refunded,
}

#[cfg(feature = "ssr")]
pg_text!(ChargeStatus);

impl ChargeStatus {
    pub const ALL: [ChargeStatus; 6] = [
        ChargeStatus::Pending,
        ChargeStatus::Paid,
        ChargeStatus::Failed,
        ChargeStatus::Cancelled,
        ChargeStatus::RefundPending,
        ChargeStatus::Refunded,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ChargeStatus::Pending => "pending",
            ChargeStatus::Paid => "paid",
            ChargeStatus::Failed => "failed",
            ChargeStatus::Cancelled => "cancelled",
            ChargeStatus::RefundPending => "refund_pending",
            ChargeStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One refund sent to the provider (`refunds.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum RefundStatus {
    Pending,
    Done,
    Failed,
}

#[cfg(feature = "ssr")]
pg_text!(RefundStatus);

impl RefundStatus {
    pub const ALL: [RefundStatus; 3] = [
        RefundStatus::Pending,
        RefundStatus::Done,
        RefundStatus::Failed,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::Pending => "pending",
            RefundStatus::Done => "done",
            RefundStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A session on the sandbox provider's hosted page (`sandbox_charges.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum SandboxChargeStatus {
    Open,
    Paid,
    Failed,
    Cancelled,
    Refunded,
}

#[cfg(feature = "ssr")]
pg_text!(SandboxChargeStatus);

impl SandboxChargeStatus {
    pub const ALL: [SandboxChargeStatus; 5] = [
        SandboxChargeStatus::Open,
        SandboxChargeStatus::Paid,
        SandboxChargeStatus::Failed,
        SandboxChargeStatus::Cancelled,
        SandboxChargeStatus::Refunded,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            SandboxChargeStatus::Open => "open",
            SandboxChargeStatus::Paid => "paid",
            SandboxChargeStatus::Failed => "failed",
            SandboxChargeStatus::Cancelled => "cancelled",
            SandboxChargeStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the shopper chooses on the sandbox's hosted page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SandboxOutcome {
    Pay,
    Fail,
    Cancel,
}

impl SandboxOutcome {
    /// The charge status the provider reports for it.
    pub fn status(self) -> SandboxChargeStatus {
        match self {
            SandboxOutcome::Pay => SandboxChargeStatus::Paid,
            SandboxOutcome::Fail => SandboxChargeStatus::Failed,
            SandboxOutcome::Cancel => SandboxChargeStatus::Cancelled,
        }
    }
}

/// The sandbox's hosted page: what is being paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeView {
    pub reference: String,
    pub merchant_order: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: SandboxChargeStatus,
    pub return_url: String,
}

/// The body of a sandbox notification. Signed with HMAC-SHA256 over
/// "<timestamp>.<body>" in the `Sandbox-Signature: t=…,v1=…` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub event_id: String,
    pub reference: String,
    pub merchant_order: String,
    pub amount_minor: i64,
    pub currency: String,
    /// Paid, failed or cancelled; written as the same snake_case text
    /// ("paid"…) on the wire.
    pub status: SandboxChargeStatus,
}

pub const SIGNATURE_HEADER: &str = "sandbox-signature";
/// Notifications older (or newer) than this are refused as replays.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_written_as_the_text_the_database_and_the_wire_carry() {
        for s in PaymentStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(PaymentStatus::parse(s.as_str()), Some(s));
        }
        for s in SandboxChargeStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(SandboxChargeStatus::parse(s.as_str()), Some(s));
        }
        // A notification's body is what it was when its status was text.
        let note = Notification {
            event_id: "evt_1".to_string(),
            reference: "sbx_1".to_string(),
            merchant_order: "20261126-000001".to_string(),
            amount_minor: 9_900,
            currency: "CNY".to_string(),
            status: SandboxOutcome::Pay.status(),
        };
        let body = serde_json::to_string(&note).unwrap();
        assert_eq!(
            body,
            r#"{"event_id":"evt_1","reference":"sbx_1","merchant_order":"20261126-000001","amount_minor":9900,"currency":"CNY","status":"paid"}"#
        );
        assert_eq!(serde_json::from_str::<Notification>(&body).unwrap(), note);
    }
}
