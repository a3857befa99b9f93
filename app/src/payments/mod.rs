//! Payments through a provider interface (`db::PaymentProvider`) with two
//! providers built in: a sandbox with a hosted payment page and signed
//! asynchronous notifications, and cash on delivery. Card data never reaches
//! the shop: the shopper pays on the provider's page.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[default]
    Sandbox,
    Cod,
}

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
    pub fn status(self) -> &'static str {
        match self {
            SandboxOutcome::Pay => "paid",
            SandboxOutcome::Fail => "failed",
            SandboxOutcome::Cancel => "cancelled",
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
    pub status: String,
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
    /// paid, failed, cancelled.
    pub status: String,
}

pub const SIGNATURE_HEADER: &str = "sandbox-signature";
/// Notifications older (or newer) than this are refused as replays.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;
