//! The back office. Every server function here starts with
//! `require_permission`; the page shows only what the role may do.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use crate::accounts::SessionUser;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ShopCounts {
    pub customers: i64,
    pub staff: i64,
    pub listed_products: i64,
    pub categories: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub me: SessionUser,
    pub counts: ShopCounts,
}
