//! Roles and per-action permissions. The database holds which role has which
//! permission (`role_permissions`); these enums name what exists.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Role {
    Shopper,
    SuperAdmin,
    OperationsManager,
    CatalogEditor,
    CustomerService,
}

#[cfg(feature = "ssr")]
pg_text!(Role);

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Shopper,
        Role::SuperAdmin,
        Role::OperationsManager,
        Role::CatalogEditor,
        Role::CustomerService,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Shopper => "shopper",
            Role::SuperAdmin => "super_admin",
            Role::OperationsManager => "operations_manager",
            Role::CatalogEditor => "catalog_editor",
            Role::CustomerService => "customer_service",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One action a staff member may be allowed to take. Stored, sent and
/// received as its code ("order.read").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
pub enum Permission {
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin.access"))]
    #[serde(rename = "admin.access")]
    AdminAccess,
    #[cfg_attr(feature = "ssr", sqlx(rename = "product.edit"))]
    #[serde(rename = "product.edit")]
    ProductEdit,
    #[cfg_attr(feature = "ssr", sqlx(rename = "category.edit"))]
    #[serde(rename = "category.edit")]
    CategoryEdit,
    #[cfg_attr(feature = "ssr", sqlx(rename = "stock.adjust"))]
    #[serde(rename = "stock.adjust")]
    StockAdjust,
    #[cfg_attr(feature = "ssr", sqlx(rename = "order.read"))]
    #[serde(rename = "order.read")]
    OrderRead,
    #[cfg_attr(feature = "ssr", sqlx(rename = "order.ship"))]
    #[serde(rename = "order.ship")]
    OrderShip,
    #[cfg_attr(feature = "ssr", sqlx(rename = "order.refund"))]
    #[serde(rename = "order.refund")]
    OrderRefund,
    #[cfg_attr(feature = "ssr", sqlx(rename = "customer.read"))]
    #[serde(rename = "customer.read")]
    CustomerRead,
    #[cfg_attr(feature = "ssr", sqlx(rename = "customer.disable"))]
    #[serde(rename = "customer.disable")]
    CustomerDisable,
    #[cfg_attr(feature = "ssr", sqlx(rename = "customer.edit"))]
    #[serde(rename = "customer.edit")]
    CustomerEdit,
    #[cfg_attr(feature = "ssr", sqlx(rename = "promotion.edit"))]
    #[serde(rename = "promotion.edit")]
    PromotionEdit,
    #[cfg_attr(feature = "ssr", sqlx(rename = "review.moderate"))]
    #[serde(rename = "review.moderate")]
    ReviewModerate,
    #[cfg_attr(feature = "ssr", sqlx(rename = "report.read"))]
    #[serde(rename = "report.read")]
    ReportRead,
    #[cfg_attr(feature = "ssr", sqlx(rename = "staff.manage"))]
    #[serde(rename = "staff.manage")]
    StaffManage,
    #[cfg_attr(feature = "ssr", sqlx(rename = "audit.read"))]
    #[serde(rename = "audit.read")]
    AuditRead,
    #[cfg_attr(feature = "ssr", sqlx(rename = "aftersales.handle"))]
    #[serde(rename = "aftersales.handle")]
    AfterSalesHandle,
    #[cfg_attr(feature = "ssr", sqlx(rename = "aftersales.configure"))]
    #[serde(rename = "aftersales.configure")]
    AfterSalesConfigure,
    #[cfg_attr(feature = "ssr", sqlx(rename = "aftersales.complaints"))]
    #[serde(rename = "aftersales.complaints")]
    AfterSalesComplaints,
    #[cfg_attr(feature = "ssr", sqlx(rename = "order.risk"))]
    #[serde(rename = "order.risk")]
    OrderRisk,
    /// The shop's outgoing mail: undeliverable messages, test sends.
    #[cfg_attr(feature = "ssr", sqlx(rename = "mail.manage"))]
    #[serde(rename = "mail.manage")]
    MailManage,
    /// Customer-service tickets: the queue, replies, notes, assignment.
    #[cfg_attr(feature = "ssr", sqlx(rename = "ticket.work"))]
    #[serde(rename = "ticket.work")]
    TicketWork,
    /// Ratings per agent and per category.
    #[cfg_attr(feature = "ssr", sqlx(rename = "ticket.report"))]
    #[serde(rename = "ticket.report")]
    TicketReport,
    /// The help centre's articles and categories.
    #[cfg_attr(feature = "ssr", sqlx(rename = "help.edit"))]
    #[serde(rename = "help.edit")]
    HelpEdit,
}

#[cfg(feature = "ssr")]
pg_text!(Permission);

impl Permission {
    pub const ALL: [Permission; 23] = [
        Permission::AdminAccess,
        Permission::ProductEdit,
        Permission::CategoryEdit,
        Permission::StockAdjust,
        Permission::OrderRead,
        Permission::OrderShip,
        Permission::OrderRefund,
        Permission::CustomerRead,
        Permission::CustomerDisable,
        Permission::CustomerEdit,
        Permission::PromotionEdit,
        Permission::ReviewModerate,
        Permission::ReportRead,
        Permission::StaffManage,
        Permission::AuditRead,
        Permission::AfterSalesHandle,
        Permission::AfterSalesConfigure,
        Permission::AfterSalesComplaints,
        Permission::OrderRisk,
        Permission::MailManage,
        Permission::TicketWork,
        Permission::TicketReport,
        Permission::HelpEdit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::AdminAccess => "admin.access",
            Permission::ProductEdit => "product.edit",
            Permission::CategoryEdit => "category.edit",
            Permission::StockAdjust => "stock.adjust",
            Permission::OrderRead => "order.read",
            Permission::OrderShip => "order.ship",
            Permission::OrderRefund => "order.refund",
            Permission::CustomerRead => "customer.read",
            Permission::CustomerDisable => "customer.disable",
            Permission::CustomerEdit => "customer.edit",
            Permission::PromotionEdit => "promotion.edit",
            Permission::ReviewModerate => "review.moderate",
            Permission::ReportRead => "report.read",
            Permission::StaffManage => "staff.manage",
            Permission::AuditRead => "audit.read",
            Permission::AfterSalesHandle => "aftersales.handle",
            Permission::AfterSalesConfigure => "aftersales.configure",
            Permission::AfterSalesComplaints => "aftersales.complaints",
            Permission::OrderRisk => "order.risk",
            Permission::MailManage => "mail.manage",
            Permission::TicketWork => "ticket.work",
            Permission::TicketReport => "ticket.report",
            Permission::HelpEdit => "help.edit",
        }
    }

    pub fn parse(s: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
        assert_eq!(Permission::parse("nope"), None);
    }

    /// Server functions take these from the browser: as the stored codes.
    #[test]
    fn serde_uses_the_stored_codes() {
        for r in Role::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), r);
        }
        for p in Permission::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Permission>(&json).unwrap(), p);
        }
    }
}
