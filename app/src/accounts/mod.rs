//! Accounts: registration, sign-in, profile, password and address book. The
//! roles, permissions and signed-in user that staff features are guarded by
//! live in `crate::auth`, a lower layer the server's guards can use; they
//! are re-exported here for the features above.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod links;
pub mod pages;
mod validate;

pub use crate::auth::{Permission, Role, SessionUser};
pub use validate::*;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    /// The address was confirmed (a link in an e-mail to it was followed).
    pub email_confirmed: bool,
    /// Month and day, for the birthday coupon (the year is never asked).
    #[serde(default)]
    pub birthday: Option<(i16, i16)>,
    /// Which messages come on which channel.
    pub notify: crate::notify::prefs::Prefs,
    /// Their loyalty points (filled by the account page's server function).
    pub points: crate::loyalty::PointsSummary,
    /// Their membership level (filled the same way).
    pub level: crate::loyalty::LevelSummary,
    /// Their coupon wallet (filled the same way).
    #[serde(default)]
    pub coupons: Vec<crate::wallet::WalletCoupon>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub line1: String,
    pub postal_code: Option<String>,
    pub is_default: bool,
}

/// A new or edited address, as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub line1: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub is_default: Option<String>,
}
