//! Promotions: coupons, spend thresholds (满减), time-limited sales (限时折扣)
//! and new-customer offers. `Promotion` (model.rs) is the one shape a
//! promotion has, from the editor to the engine. The engine is pure and runs
//! on the server only; the other types here are what the cart and checkout
//! pages show.
pub mod engine;
mod model;
pub mod points;

#[cfg(feature = "ssr")]
pub mod db;

pub use model::{
    BadPromotion, CouponBenefit, MAX_TIERS, Off, Offer, Promotion, PromotionColumns, Tier, Tiers,
    TiersError,
};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum PromotionKind {
    Coupon,
    Threshold,
    Sale,
    NewCustomer,
}

#[cfg(feature = "ssr")]
pg_text!(PromotionKind);

impl PromotionKind {
    pub const ALL: [PromotionKind; 4] = [
        PromotionKind::Coupon,
        PromotionKind::Threshold,
        PromotionKind::Sale,
        PromotionKind::NewCustomer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PromotionKind::Coupon => "coupon",
            PromotionKind::Threshold => "threshold",
            PromotionKind::Sale => "sale",
            PromotionKind::NewCustomer => "new_customer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "coupon" => PromotionKind::Coupon,
            "threshold" => PromotionKind::Threshold,
            "sale" => PromotionKind::Sale,
            "new_customer" => PromotionKind::NewCustomer,
            _ => return None,
        })
    }
}

/// One discount line of an order: which promotion, its label in the
/// shopper's language, and how much it took off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedDiscount {
    pub promotion_id: i64,
    pub kind: PromotionKind,
    pub label: String,
    pub amount_minor: i64,
}

/// Why the coupon the shopper typed does not apply; each has a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum CouponProblem {
    Unknown,
    NotStarted,
    Expired,
    UsedUp,
    AlreadyUsed,
    NoEligibleItems,
    MinSpend {
        short_minor: i64,
    },
    /// Kept to shoppers holding it in their wallet (`wallet`).
    NotInWallet,
    /// Kept to members of this level and above.
    MembersOnly {
        level: crate::loyalty::levels::MemberLevel,
    },
}

/// Coupon codes are letters, digits and dashes; typed in any case.
pub fn normalize_code(code: &str) -> Option<String> {
    let c = code.trim().to_uppercase();
    (!c.is_empty() && c.len() <= 32 && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
        .then_some(c)
}
