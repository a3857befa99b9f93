//! The back office. Staff use the same app as shoppers; every server
//! function here starts with `server::require_staff(permission)`, every
//! change is written to the audit log in the same transaction, and the
//! pages show only what the role may do.
pub mod aftersales;
pub mod api;
pub mod audit;
pub mod categories;
pub mod components;
pub mod customers;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod db;
pub mod help;
pub mod insights;
pub mod inventory;
pub mod loyalty;
pub mod mail;
pub mod orders;
pub mod products;
pub mod promotions;
pub mod reviews;
pub mod shell;
pub mod staff;
pub mod tickets;

use crate::accounts::{Permission, SessionUser};
use serde::{Deserialize, Serialize};

/// The back office's stylesheet (style/admin.css), named by a hash of its
/// content (app/build.rs) so a browser may keep it for good.
pub const ADMIN_CSS_URL: &str = concat!("/admin.css?v=", env!("AGORA_ADMIN_CSS"));

/// Its text, served by the server at `ADMIN_CSS_URL`.
#[cfg(feature = "ssr")]
pub const ADMIN_CSS: &str = include_str!("../../../style/admin.css");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopCounts {
    pub customers: i64,
    pub staff: i64,
    pub listed_products: i64,
    pub categories: i64,
    /// SKUs at or below their safety stock (the inventory badge).
    pub low_stock: i64,
    /// Paid (or cash-on-delivery) orders not yet shipped.
    pub awaiting_shipment: i64,
    /// Reviews waiting for a moderator.
    pub pending_reviews: i64,
    /// After-sales requests waiting for the merchant (to answer, or to
    /// confirm returned goods).
    pub after_sales_due: i64,
    /// Messages that failed every try (the mail badge).
    pub dead_mail: i64,
    /// Tickets waiting for customer service (new, or the customer wrote).
    pub tickets_due: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub me: SessionUser,
    pub counts: ShopCounts,
}

/// One back-office server function: its endpoint (under `/api/`), the
/// permission its guard asks for, and whether it changes anything (and so
/// writes an audit entry, named after the endpoint). The permission-matrix
/// and audit tests walk this list, and check it against the server's own
/// list of registered functions so nothing is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminFn {
    pub endpoint: &'static str,
    pub permission: Permission,
    pub mutates: bool,
}

impl AdminFn {
    pub const fn read(endpoint: &'static str, permission: Permission) -> Self {
        AdminFn {
            endpoint,
            permission,
            mutates: false,
        }
    }
    pub const fn write(endpoint: &'static str, permission: Permission) -> Self {
        AdminFn {
            endpoint,
            permission,
            mutates: true,
        }
    }
}

/// Every back-office function, from each section's own list.
pub fn all_fns() -> Vec<AdminFn> {
    [
        api::FNS,
        audit::FNS,
        staff::FNS,
        dashboard::FNS,
        products::FNS,
        categories::FNS,
        inventory::FNS,
        orders::FNS,
        aftersales::FNS,
        customers::FNS,
        reviews::FNS,
        insights::FNS,
        promotions::FNS,
        mail::FNS,
        loyalty::FNS,
        tickets::FNS,
        help::FNS,
    ]
    .concat()
}

/// Back-office routes that are plain HTTP handlers rather than server
/// functions (multipart upload, file download), with the same guard.
pub const HTTP_ROUTES: &[AdminFn] = &[
    AdminFn::write("admin/upload/product-image", Permission::ProductEdit),
    AdminFn::read("admin/export/products.csv", Permission::ProductEdit),
];
