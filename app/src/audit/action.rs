//! What the audit log can say was done: one code per action, stored as
//! text in `audit_log.action` (the codes are the ones older entries carry).
//! Not server-only: the log's reader maps each to words in the browser.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
pub enum AuditAction {
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/approve"))]
    #[serde(rename = "admin/after-sales/approve")]
    AfterSalesApprove,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/refuse"))]
    #[serde(rename = "admin/after-sales/refuse")]
    AfterSalesRefuse,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/extend"))]
    #[serde(rename = "admin/after-sales/extend")]
    AfterSalesExtend,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/receive"))]
    #[serde(rename = "admin/after-sales/receive")]
    AfterSalesReceive,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/dispatch"))]
    #[serde(rename = "admin/after-sales/dispatch")]
    AfterSalesDispatch,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/policy"))]
    #[serde(rename = "admin/after-sales/policy")]
    AfterSalesPolicy,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/reason"))]
    #[serde(rename = "admin/after-sales/reason")]
    AfterSalesReason,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/rule"))]
    #[serde(rename = "admin/after-sales/rule")]
    AfterSalesRule,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/rule/delete"))]
    #[serde(rename = "admin/after-sales/rule/delete")]
    AfterSalesRuleDelete,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/after-sales/complaint"))]
    #[serde(rename = "admin/after-sales/complaint")]
    AfterSalesComplaint,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/category/delete"))]
    #[serde(rename = "admin/category/delete")]
    CategoryDelete,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/category/save"))]
    #[serde(rename = "admin/category/save")]
    CategorySave,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/customer"))]
    #[serde(rename = "admin/customer")]
    CustomerView,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/customer/disable"))]
    #[serde(rename = "admin/customer/disable")]
    CustomerDisable,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/customer/level"))]
    #[serde(rename = "admin/customer/level")]
    CustomerLevel,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/customer/points"))]
    #[serde(rename = "admin/customer/points")]
    CustomerPoints,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/ticket"))]
    #[serde(rename = "admin/ticket")]
    TicketView,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/ticket/reply"))]
    #[serde(rename = "admin/ticket/reply")]
    TicketReply,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/ticket/assign"))]
    #[serde(rename = "admin/ticket/assign")]
    TicketAssign,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/ticket/priority"))]
    #[serde(rename = "admin/ticket/priority")]
    TicketPriority,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/ticket/resolve"))]
    #[serde(rename = "admin/ticket/resolve")]
    TicketResolve,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/help/article/save"))]
    #[serde(rename = "admin/help/article/save")]
    HelpArticleSave,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/help/category/save"))]
    #[serde(rename = "admin/help/category/save")]
    HelpCategorySave,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/mail/retry"))]
    #[serde(rename = "admin/mail/retry")]
    MailRetry,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/mail/discard"))]
    #[serde(rename = "admin/mail/discard")]
    MailDiscard,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/mail/test"))]
    #[serde(rename = "admin/mail/test")]
    MailTest,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order"))]
    #[serde(rename = "admin/order")]
    OrderView,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/risk"))]
    #[serde(rename = "admin/order/risk")]
    OrderRisk,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/risk/save"))]
    #[serde(rename = "admin/risk/save")]
    RiskPolicy,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/cancel"))]
    #[serde(rename = "admin/order/cancel")]
    OrderCancel,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/deliver"))]
    #[serde(rename = "admin/order/deliver")]
    OrderDeliver,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/note"))]
    #[serde(rename = "admin/order/note")]
    OrderNote,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/refund"))]
    #[serde(rename = "admin/order/refund")]
    OrderRefund,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/ship"))]
    #[serde(rename = "admin/order/ship")]
    OrderShip,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/order/track"))]
    #[serde(rename = "admin/order/track")]
    OrderTrack,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/product/images"))]
    #[serde(rename = "admin/product/images")]
    ProductImages,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/product/listed"))]
    #[serde(rename = "admin/product/listed")]
    ProductListed,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/product/save"))]
    #[serde(rename = "admin/product/save")]
    ProductSave,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/products/import"))]
    #[serde(rename = "admin/products/import")]
    ProductsImport,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/promotion/active"))]
    #[serde(rename = "admin/promotion/active")]
    PromotionActive,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/promotion/save"))]
    #[serde(rename = "admin/promotion/save")]
    PromotionSave,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/review/moderate"))]
    #[serde(rename = "admin/review/moderate")]
    ReviewModerate,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/review/reply"))]
    #[serde(rename = "admin/review/reply")]
    ReviewReply,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/roles/set"))]
    #[serde(rename = "admin/roles/set")]
    RolesSet,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/staff/create"))]
    #[serde(rename = "admin/staff/create")]
    StaffCreate,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/staff/update"))]
    #[serde(rename = "admin/staff/update")]
    StaffUpdate,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/staff/promote"))]
    #[serde(rename = "admin/staff/promote")]
    StaffPromote,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/stock/adjust"))]
    #[serde(rename = "admin/stock/adjust")]
    StockAdjust,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/stock/safety"))]
    #[serde(rename = "admin/stock/safety")]
    StockSafety,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/stocktake"))]
    #[serde(rename = "admin/stocktake")]
    Stocktake,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/upload/product-image"))]
    #[serde(rename = "admin/upload/product-image")]
    UploadProductImage,
    #[cfg_attr(feature = "ssr", sqlx(rename = "privacy/export"))]
    #[serde(rename = "privacy/export")]
    PrivacyExport,
    #[cfg_attr(feature = "ssr", sqlx(rename = "privacy/erase"))]
    #[serde(rename = "privacy/erase")]
    PrivacyErase,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/levels"))]
    #[serde(rename = "admin/loyalty/levels")]
    LoyaltyLevels,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/member-price"))]
    #[serde(rename = "admin/loyalty/member-price")]
    MemberPrice,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/coupon-terms"))]
    #[serde(rename = "admin/loyalty/coupon-terms")]
    CouponTerms,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/issue-coupon"))]
    #[serde(rename = "admin/loyalty/issue-coupon")]
    CouponIssue,
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/birthday-coupon"))]
    #[serde(rename = "admin/loyalty/birthday-coupon")]
    BirthdayCoupon,
    /// A new version of the points rules.
    #[cfg_attr(feature = "ssr", sqlx(rename = "admin/loyalty/points-rules"))]
    #[serde(rename = "admin/loyalty/points-rules")]
    PointsRules,
}

#[cfg(feature = "ssr")]
pg_text!(AuditAction);

impl AuditAction {
    pub const ALL: [AuditAction; 59] = [
        AuditAction::AfterSalesApprove,
        AuditAction::AfterSalesRefuse,
        AuditAction::AfterSalesExtend,
        AuditAction::AfterSalesReceive,
        AuditAction::AfterSalesDispatch,
        AuditAction::AfterSalesPolicy,
        AuditAction::AfterSalesReason,
        AuditAction::AfterSalesRule,
        AuditAction::AfterSalesRuleDelete,
        AuditAction::AfterSalesComplaint,
        AuditAction::CategoryDelete,
        AuditAction::CategorySave,
        AuditAction::CustomerView,
        AuditAction::CustomerDisable,
        AuditAction::CustomerLevel,
        AuditAction::CustomerPoints,
        AuditAction::MailRetry,
        AuditAction::MailDiscard,
        AuditAction::MailTest,
        AuditAction::TicketView,
        AuditAction::TicketReply,
        AuditAction::TicketAssign,
        AuditAction::TicketPriority,
        AuditAction::TicketResolve,
        AuditAction::HelpArticleSave,
        AuditAction::HelpCategorySave,
        AuditAction::OrderView,
        AuditAction::OrderRisk,
        AuditAction::RiskPolicy,
        AuditAction::OrderCancel,
        AuditAction::OrderDeliver,
        AuditAction::OrderNote,
        AuditAction::OrderRefund,
        AuditAction::OrderShip,
        AuditAction::OrderTrack,
        AuditAction::ProductImages,
        AuditAction::ProductListed,
        AuditAction::ProductSave,
        AuditAction::ProductsImport,
        AuditAction::PromotionActive,
        AuditAction::PromotionSave,
        AuditAction::ReviewModerate,
        AuditAction::ReviewReply,
        AuditAction::RolesSet,
        AuditAction::StaffCreate,
        AuditAction::StaffUpdate,
        AuditAction::StaffPromote,
        AuditAction::StockAdjust,
        AuditAction::StockSafety,
        AuditAction::Stocktake,
        AuditAction::UploadProductImage,
        AuditAction::PrivacyExport,
        AuditAction::PrivacyErase,
        AuditAction::LoyaltyLevels,
        AuditAction::MemberPrice,
        AuditAction::CouponTerms,
        AuditAction::CouponIssue,
        AuditAction::BirthdayCoupon,
        AuditAction::PointsRules,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AfterSalesApprove => "admin/after-sales/approve",
            AuditAction::AfterSalesRefuse => "admin/after-sales/refuse",
            AuditAction::AfterSalesExtend => "admin/after-sales/extend",
            AuditAction::AfterSalesReceive => "admin/after-sales/receive",
            AuditAction::AfterSalesDispatch => "admin/after-sales/dispatch",
            AuditAction::AfterSalesPolicy => "admin/after-sales/policy",
            AuditAction::AfterSalesReason => "admin/after-sales/reason",
            AuditAction::AfterSalesRule => "admin/after-sales/rule",
            AuditAction::AfterSalesRuleDelete => "admin/after-sales/rule/delete",
            AuditAction::AfterSalesComplaint => "admin/after-sales/complaint",
            AuditAction::CategoryDelete => "admin/category/delete",
            AuditAction::CategorySave => "admin/category/save",
            AuditAction::CustomerView => "admin/customer",
            AuditAction::CustomerDisable => "admin/customer/disable",
            AuditAction::CustomerLevel => "admin/customer/level",
            AuditAction::CustomerPoints => "admin/customer/points",
            AuditAction::MailRetry => "admin/mail/retry",
            AuditAction::MailDiscard => "admin/mail/discard",
            AuditAction::MailTest => "admin/mail/test",
            AuditAction::TicketView => "admin/ticket",
            AuditAction::TicketReply => "admin/ticket/reply",
            AuditAction::TicketAssign => "admin/ticket/assign",
            AuditAction::TicketPriority => "admin/ticket/priority",
            AuditAction::TicketResolve => "admin/ticket/resolve",
            AuditAction::HelpArticleSave => "admin/help/article/save",
            AuditAction::HelpCategorySave => "admin/help/category/save",
            AuditAction::OrderView => "admin/order",
            AuditAction::OrderRisk => "admin/order/risk",
            AuditAction::RiskPolicy => "admin/risk/save",
            AuditAction::OrderCancel => "admin/order/cancel",
            AuditAction::OrderDeliver => "admin/order/deliver",
            AuditAction::OrderNote => "admin/order/note",
            AuditAction::OrderRefund => "admin/order/refund",
            AuditAction::OrderShip => "admin/order/ship",
            AuditAction::OrderTrack => "admin/order/track",
            AuditAction::ProductImages => "admin/product/images",
            AuditAction::ProductListed => "admin/product/listed",
            AuditAction::ProductSave => "admin/product/save",
            AuditAction::ProductsImport => "admin/products/import",
            AuditAction::PromotionActive => "admin/promotion/active",
            AuditAction::PromotionSave => "admin/promotion/save",
            AuditAction::ReviewModerate => "admin/review/moderate",
            AuditAction::ReviewReply => "admin/review/reply",
            AuditAction::RolesSet => "admin/roles/set",
            AuditAction::StaffCreate => "admin/staff/create",
            AuditAction::StaffUpdate => "admin/staff/update",
            AuditAction::StaffPromote => "admin/staff/promote",
            AuditAction::StockAdjust => "admin/stock/adjust",
            AuditAction::StockSafety => "admin/stock/safety",
            AuditAction::Stocktake => "admin/stocktake",
            AuditAction::UploadProductImage => "admin/upload/product-image",
            AuditAction::PrivacyExport => "privacy/export",
            AuditAction::PrivacyErase => "privacy/erase",
            AuditAction::LoyaltyLevels => "admin/loyalty/levels",
            AuditAction::MemberPrice => "admin/loyalty/member-price",
            AuditAction::CouponTerms => "admin/loyalty/coupon-terms",
            AuditAction::CouponIssue => "admin/loyalty/issue-coupon",
            AuditAction::BirthdayCoupon => "admin/loyalty/birthday-coupon",
            AuditAction::PointsRules => "admin/loyalty/points-rules",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.as_str()), "{} twice", a.as_str());
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            // The names the log stores and the pages send are the same.
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str(), "{a:?}");
        }
        assert_eq!(AuditAction::parse("admin/nothing"), None);
    }
}
