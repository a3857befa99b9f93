//! The dashboard: today and the last 30 days (Asia/Shanghai calendar days),
//! sales over time, top and slow sellers, orders by status, low stock and
//! orders waiting to ship. Definitions (also shown on the page):
//! - a *sale* is an order that is paid, part-refunded or cash on delivery
//!   (due or collected) and not cancelled;
//! - *revenue* is what sales took, less refunds;
//! - *conversion* is sales ÷ orders placed (placed includes unpaid and
//!   cancelled ones): how many checkouts turned into money. Visits are not
//!   tracked, so visit-to-order conversion is not known and not shown.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::orders::OrderStatus;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[AdminFn::read("admin/dashboard", Permission::ReportRead)];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub revenue_minor: i64,
    pub sales: i64,
    pub placed: i64,
    pub new_customers: i64,
}

impl Figures {
    pub fn average_minor(&self) -> i64 {
        if self.sales == 0 {
            0
        } else {
            self.revenue_minor / self.sales
        }
    }
    /// Per mille, so the page can show one decimal without floats.
    pub fn conversion_permille(&self) -> Option<i64> {
        (self.placed > 0).then(|| self.sales * 1000 / self.placed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    /// "MM-DD"
    pub day: String,
    pub revenue_minor: i64,
    pub sales: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seller {
    pub product_id: i64,
    pub name: String,
    pub units: i64,
    pub revenue_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowStock {
    pub variant_id: i64,
    pub sku: String,
    pub name: String,
    pub stock: i32,
    pub safety_stock: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToShip {
    pub number: String,
    pub customer: String,
    pub total_minor: i64,
    pub currency: String,
    /// Hours since the order was placed.
    pub waiting_hours: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub currency: String,
    pub today: Figures,
    pub month: Figures,
    pub daily: Vec<DayPoint>,
    pub top: Vec<Seller>,
    pub slow: Vec<Seller>,
    pub by_status: Vec<(OrderStatus, i64)>,
    pub low_stock: Vec<LowStock>,
    pub low_stock_count: i64,
    pub to_ship: Vec<ToShip>,
    pub to_ship_count: i64,
}
