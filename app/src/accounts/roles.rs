//! Roles and per-action permissions. The database holds which role has which
//! permission (`role_permissions`); these enums name what exists.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Shopper,
    SuperAdmin,
    OperationsManager,
    CatalogEditor,
    CustomerService,
}

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

/// One action a staff member may be allowed to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    AdminAccess,
    ProductEdit,
    CategoryEdit,
    StockAdjust,
    OrderRead,
    OrderShip,
    OrderRefund,
    CustomerRead,
    CustomerDisable,
    CustomerEdit,
    PromotionEdit,
    ReviewModerate,
    ReportRead,
    StaffManage,
    AuditRead,
}

impl Permission {
    pub const ALL: [Permission; 15] = [
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
}
