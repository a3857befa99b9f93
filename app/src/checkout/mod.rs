//! Checkout: address, shipping method, coupon, payment method, and placing
//! the order in one transaction that reserves stock and records the prices
//! paid. Placing is idempotent on the key the checkout page made.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod forms;
pub mod pages;

use crate::accounts::AddressInput;
use crate::cart::{LineIn, ShippingMethod};
use crate::payments::PaymentMethod;
use serde::{Deserialize, Serialize};

/// Everything the checkout form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    /// Made once per checkout page; a retry or double click sends it again.
    pub key: String,
    pub lang: String,
    /// A guest's lines (a signed-in shopper's come from the stored cart).
    #[serde(default)]
    pub lines: Vec<LineIn>,
    /// A guest's e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// An address from the book, or a new one.
    #[serde(default)]
    pub address_id: Option<i64>,
    #[serde(default)]
    pub address: Option<AddressInput>,
    pub shipping: ShippingMethod,
    #[serde(default)]
    pub coupon: Option<String>,
    pub payment: PaymentMethod,
    /// Pay part of the goods with points (a signed-in shopper's).
    #[serde(default)]
    pub use_points: bool,
    /// The points the shopper saw spent; fewer now (the balance moved) is
    /// reported as such, not charged.
    #[serde(default)]
    pub expected_points: i64,
    /// The total the shopper saw; a different total now is reported, not charged.
    pub expected_total_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub number: String,
    /// A guest's secret for the order link.
    pub token: Option<String>,
    /// Where to pay (the provider's page), if the order awaits payment.
    pub pay_url: Option<String>,
    /// The variants bought, to take out of a guest's browser cart.
    pub bought: Vec<i64>,
}

/// Idempotency keys are 16–64 letters, digits and dashes.
pub fn valid_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
