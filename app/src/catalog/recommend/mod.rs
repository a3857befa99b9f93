//! Recommendations from the shop's own data: "bought together" and "also
//! viewed" on product pages, "for you" on the home page. A job turns
//! orders and signed-in shoppers' views into `product_neighbours`
//! (docs/recommendations.md); pages read that table and the shopper's own
//! history, and every list leaves out unlisted, sold-out and already
//! bought products. The rows are drawn in the browser (the product page's
//! HTML is shared by everyone, and a guest's history lives in the browser),
//! from the storefront's lazy piece (`catalog::extra`).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;

use super::ProductCard;
use serde::{Deserialize, Serialize};

/// How two products are related in `product_neighbours.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum NeighbourKind {
    /// In the same order, or the same shopper's orders within 30 days.
    Bought,
    /// Viewed by the same signed-in shopper within a day.
    Viewed,
}

#[cfg(feature = "ssr")]
pg_text!(NeighbourKind);

/// The product page's two rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductRecs {
    pub bought_together: Vec<ProductCard>,
    pub also_viewed: Vec<ProductCard>,
}

/// Most cards in one row.
pub const ROW: usize = 8;
/// Most products and categories a browser may send as its history.
pub const HISTORY_MAX: usize = 20;
