//! The cart. A guest's lines live in the browser (`local`) and work offline;
//! a signed-in shopper's live in the database and a guest cart is merged in
//! at sign-in. Either way the server prices the lines (`api::get_cart`):
//! current prices and stock, sales, 满减, coupons and shipping, each
//! discount explained.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod forms;
pub mod local;
pub mod pages;

use crate::promotions::{AppliedDiscount, CouponProblem};
use serde::{Deserialize, Serialize};

/// Most units of one item in a cart, and most lines in a cart.
pub const MAX_QTY: i32 = 99;
pub const MAX_LINES: usize = 50;

/// A cart line as the client sends it. `seen_price_minor` is the unit price
/// the shopper saw when adding it, to report a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineIn {
    pub variant_id: i64,
    pub qty: i32,
    #[serde(default)]
    pub seen_price_minor: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum ShippingMethod {
    #[default]
    Standard,
    Express,
}

#[cfg(feature = "ssr")]
pg_text!(ShippingMethod);

/// Standard delivery: ¥10, free from ¥99 of goods (after discounts).
pub const STANDARD_FEE_MINOR: i64 = 1_000;
pub const FREE_STANDARD_FROM_MINOR: i64 = 9_900;
/// Express: ¥25, always.
pub const EXPRESS_FEE_MINOR: i64 = 2_500;

impl ShippingMethod {
    pub const ALL: [ShippingMethod; 2] = [ShippingMethod::Standard, ShippingMethod::Express];

    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMethod::Standard => "standard",
            ShippingMethod::Express => "express",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The fee for goods worth `goods_minor` after discounts, standard
    /// delivery being free from `free_from` (the shop's
    /// [`FREE_STANDARD_FROM_MINOR`], or the buyer's level's).
    pub fn fee(self, goods_minor: i64, free_from: i64) -> i64 {
        match self {
            ShippingMethod::Standard if goods_minor >= free_from => 0,
            ShippingMethod::Standard => STANDARD_FEE_MINOR,
            ShippingMethod::Express => EXPRESS_FEE_MINOR,
        }
    }
}

/// Something the shopper must know about a line before checking out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "notice")]
pub enum LineNotice {
    /// The product was withdrawn from sale.
    Unavailable,
    SoldOut,
    /// Fewer left than wanted: the quantity was lowered to `stock`.
    OnlyLeft {
        stock: i32,
    },
    /// The price changed since the line was added.
    PriceChanged {
        from_minor: i64,
    },
}

impl LineNotice {
    /// Lines with these cannot be bought as they are.
    pub fn blocks(&self) -> bool {
        matches!(self, LineNotice::Unavailable | LineNotice::SoldOut)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub variant_id: i64,
    pub product_slug: String,
    pub name: String,
    /// "黑色 / M".
    pub options: String,
    pub image: Option<String>,
    /// The quantity priced (never above stock).
    pub qty: i32,
    pub stock: i32,
    pub currency: String,
    pub unit_minor: i64,
    /// After any sale.
    pub sale_unit_minor: i64,
    pub sale_label: Option<String>,
    pub notices: Vec<LineNotice>,
}

/// The cart priced: what the cart page and the checkout summary show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<CartLine>,
    pub currency: String,
    pub list_minor: i64,
    pub sale_savings_minor: i64,
    pub discounts: Vec<AppliedDiscount>,
    pub discount_minor: i64,
    pub shipping: ShippingMethod,
    pub shipping_minor: i64,
    pub shipping_discount_minor: i64,
    pub total_minor: i64,
    /// The coupon code as applied (normalised), if one was given.
    pub coupon: Option<String>,
    pub coupon_problem: Option<CouponProblem>,
    /// The signed-in shopper's points on this order (None for guests and
    /// an empty cart).
    #[serde(default)]
    pub points: Option<QuotePoints>,
    /// How much more to spend for free standard delivery.
    pub free_shipping_short_minor: Option<i64>,
    /// The buyer's level's own delivery terms, in their language.
    pub member_note: Option<String>,
}

/// The points part of a quote: what is spent, and how the page words the
/// offer, written by the server in the shopper's language (the engine's
/// terms and the texts' formatting stay out of the browser's bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePoints {
    /// Points spent on the order (0 unless the shopper asked, and the order
    /// can take them), and what they pay.
    pub spent: i64,
    pub amount_minor: i64,
    /// The box's label ("use 1,000 points for ¥10.00 off"), when the
    /// order can take points.
    pub choice: Option<String>,
    /// The terms, or why this order can take none.
    pub note: String,
    /// The summary's line, when points are spent.
    pub line: Option<String>,
}

impl Quote {
    pub fn items(&self) -> i32 {
        self.lines.iter().map(|l| l.qty).sum()
    }

    /// True when some line cannot be bought as it is.
    pub fn blocked(&self) -> bool {
        self.lines
            .iter()
            .any(|l| l.notices.iter().any(LineNotice::blocks))
    }
}
