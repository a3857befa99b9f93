//! After-sales in the back office: the queue of requests (by state, kind
//! and deadline, with bulk approval) and one request with the shopper's
//! evidence, the timeline, the refund preview and the inspection of what
//! came back. The decisions themselves are `aftersales::db::staff`.
pub mod api;
pub mod complaint;
pub mod dispatch;
pub mod pages;
pub mod request;
pub mod settings;

use super::AdminFn;
use crate::accounts::Permission;

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/after-sales", Permission::AfterSalesHandle),
    AdminFn::read("admin/after-sales/request", Permission::AfterSalesHandle),
    AdminFn::write("admin/after-sales/approve", Permission::AfterSalesHandle),
    AdminFn::write("admin/after-sales/dispatch", Permission::AfterSalesHandle),
    AdminFn::write("admin/after-sales/extend", Permission::AfterSalesHandle),
    AdminFn::write("admin/after-sales/receive", Permission::AfterSalesHandle),
    AdminFn::write("admin/after-sales/refuse", Permission::AfterSalesHandle),
    AdminFn::write(
        "admin/after-sales/complaint",
        Permission::AfterSalesComplaints,
    ),
    AdminFn::read(
        "admin/after-sales/settings",
        Permission::AfterSalesConfigure,
    ),
    AdminFn::write("admin/after-sales/policy", Permission::AfterSalesConfigure),
    AdminFn::write("admin/after-sales/reason", Permission::AfterSalesConfigure),
    AdminFn::write("admin/after-sales/rule", Permission::AfterSalesConfigure),
    AdminFn::write(
        "admin/after-sales/rule/delete",
        Permission::AfterSalesConfigure,
    ),
];
