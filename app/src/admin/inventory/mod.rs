//! Stock by SKU: adjustments with a reason (every one kept in
//! `stock_movements`), a safety level per SKU with a low-stock list and
//! badge, and stocktakes (enter what was counted, see the differences,
//! then apply them as one recorded change).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::catalog::StockReason;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/stock", Permission::StockAdjust),
    AdminFn::write("admin/stock/adjust", Permission::StockAdjust),
    AdminFn::write("admin/stock/safety", Permission::StockAdjust),
    AdminFn::read("admin/stock/history", Permission::StockAdjust),
    AdminFn::write("admin/stocktake", Permission::StockAdjust),
];

/// Why stock changed by hand. (`initial` and `stocktake` are written by the
/// editor and the stocktake, not chosen.)
pub const REASONS: [StockReason; 4] = [
    StockReason::Received,
    StockReason::Damaged,
    StockReason::Returned,
    StockReason::Correction,
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRow {
    pub variant_id: i64,
    pub product_id: i64,
    pub sku: String,
    pub name: String,
    pub options: String,
    pub stock: i32,
    pub safety_stock: i32,
}

impl StockRow {
    pub fn low(&self) -> bool {
        self.stock <= self.safety_stock
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockList {
    pub rows: Vec<StockRow>,
    pub has_more: bool,
    pub low_count: i64,
}

pub const STOCK_PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub delta: i32,
    pub reason: StockReason,
    pub note: String,
    pub stock_after: i32,
    pub author: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub sku: String,
    pub counted: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub sku: String,
    pub name: String,
    pub system: i32,
    pub counted: i32,
}

impl Difference {
    pub fn delta(&self) -> i32 {
        self.counted - self.system
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stocktake {
    pub differences: Vec<Difference>,
    /// SKUs in the count that do not exist.
    pub unknown: Vec<String>,
    pub applied: bool,
}
