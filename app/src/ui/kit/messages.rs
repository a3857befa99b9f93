//! Message keys that travel from the server, turned into translated text.
use crate::auth::{Permission, Role};
use crate::error::ErrorKey;
use crate::i18n::*;

pub fn error_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::Required => td_string!(locale, errors.required),
        ErrorKey::TooLong => td_string!(locale, errors.too_long),
        ErrorKey::EmailInvalid => td_string!(locale, errors.email_invalid),
        ErrorKey::EmailTaken => td_string!(locale, errors.email_taken),
        ErrorKey::AlreadyStaff => td_string!(locale, errors.already_staff),
        ErrorKey::PasswordTooShort => td_string!(locale, errors.password_too_short),
        ErrorKey::PasswordTooWeak => td_string!(locale, errors.password_too_weak),
        ErrorKey::PasswordMismatch => td_string!(locale, errors.password_mismatch),
        ErrorKey::WrongCurrentPassword => td_string!(locale, errors.wrong_current_password),
        ErrorKey::PhoneInvalid => td_string!(locale, errors.phone_invalid),
        ErrorKey::PostalCodeInvalid => td_string!(locale, errors.postal_code_invalid),
        ErrorKey::InvalidCredentials => td_string!(locale, errors.invalid_credentials),
        ErrorKey::TooManyAttempts => td_string!(locale, errors.too_many_attempts),
        ErrorKey::TooManyRequests => td_string!(locale, errors.too_many_requests),
        ErrorKey::TooManyRegistrations => td_string!(locale, errors.too_many_registrations),
        ErrorKey::TooManyGuestOrders => td_string!(locale, errors.too_many_guest_orders),
        ErrorKey::GuestUnitsHeld => td_string!(locale, errors.guest_units_held),
        ErrorKey::SignInRequired => td_string!(locale, errors.sign_in_required),
        ErrorKey::Forbidden => td_string!(locale, errors.forbidden),
        ErrorKey::NotFound => td_string!(locale, errors.not_found),
        ErrorKey::BadRequest => td_string!(locale, errors.bad_request),
        ErrorKey::Network => td_string!(locale, errors.network),
        ErrorKey::Internal => td_string!(locale, errors.internal),
        ErrorKey::CartEmpty => td_string!(locale, errors.cart_empty),
        ErrorKey::CartFull => td_string!(locale, errors.cart_full),
        ErrorKey::SoldOut => td_string!(locale, errors.sold_out),
        ErrorKey::PriceChanged => td_string!(locale, errors.price_changed),
        ErrorKey::PointsChanged => td_string!(locale, errors.points_changed),
        ErrorKey::CouponNotApplicable => td_string!(locale, errors.coupon_not_applicable),
        ErrorKey::OrderStateChanged => td_string!(locale, errors.order_state_changed),
        ErrorKey::TicketStateChanged => td_string!(locale, errors.ticket_state_changed),
        ErrorKey::PaymentUnavailable => td_string!(locale, errors.payment_unavailable),
        ErrorKey::PaymentMethodUnavailable => {
            td_string!(locale, errors.payment_method_unavailable)
        }
        ErrorKey::AlreadyReviewed => td_string!(locale, errors.already_reviewed),
        ErrorKey::PhotoInvalid => td_string!(locale, errors.photo_invalid),
        ErrorKey::PhotoTooLarge => td_string!(locale, errors.photo_too_large),
        ErrorKey::NotRefundable => td_string!(locale, errors.not_refundable),
        ErrorKey::RefundTooLarge => td_string!(locale, errors.refund_too_large),
        ErrorKey::NumberInvalid => td_string!(locale, errors.number_invalid),
        ErrorKey::CsvInvalid => td_string!(locale, errors.csv_invalid),
        ErrorKey::StillInUse => td_string!(locale, errors.still_in_use),
        ErrorKey::SlugTaken => td_string!(locale, errors.slug_taken),
        ErrorKey::SkuTaken => td_string!(locale, errors.sku_taken),
        ErrorKey::ChoiceInvalid => td_string!(locale, errors.choice_invalid),
        // Only the after-sales pages show these, and they translate them
        // (`aftersales::components::refusal_text`): their texts stay out of
        // the storefront's bundle, which every page downloads.
        ErrorKey::AfterSalesNotPaid
        | ErrorKey::AfterSalesCancelled
        | ErrorKey::AfterSalesNotShipped
        | ErrorKey::AfterSalesReturnNeeded
        | ErrorKey::AfterSalesWindowClosed
        | ErrorKey::AfterSalesExcluded
        | ErrorKey::AfterSalesNothingLeft
        | ErrorKey::AfterSalesTooMany
        | ErrorKey::AfterSalesRepairFault
        | ErrorKey::AfterSalesExtendedOnce
        | ErrorKey::AfterSalesInspected
        | ErrorKey::AfterSalesUnitsMismatch
        | ErrorKey::AfterSalesPending
        | ErrorKey::AfterSalesExchangeVariant
        | ErrorKey::AfterSalesNotInspected
        | ErrorKey::AfterSalesChargeUnpaid
        | ErrorKey::AfterSalesRuleEmpty
        | ErrorKey::AfterSalesPhotos
        | ErrorKey::AfterSalesComplaintClosed
        | ErrorKey::AfterSalesComplaintEarly
        | ErrorKey::AfterSalesComplaintFinal
        | ErrorKey::AfterSalesUnitsTaken
        // Back-office only: their texts are in its piece (admin::orders::risk).
        | ErrorKey::DomainInvalid
        | ErrorKey::OrderHeld
        // Back-office only: texts in its piece (admin::loyalty::pages).
        | ErrorKey::LevelThresholdOrder
        | ErrorKey::MemberPriceTooHigh
        | ErrorKey::PointsWarnAfterExpiry
        // The contact form only: its text is in the account piece
        // (tickets::components::refusal_text).
        | ErrorKey::TicketPhotos
        // Account e-mail forms only: their texts are in the account piece
        // (accounts::components::MailFormStatus).
        | ErrorKey::LinkExpired
        | ErrorKey::TooManyMails => td_string!(locale, errors.bad_request),
    }
}

pub fn role_text(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Shopper => td_string!(locale, admin.role_shopper),
        Role::SuperAdmin => td_string!(locale, admin.role_super_admin),
        Role::OperationsManager => td_string!(locale, admin.role_operations_manager),
        Role::CatalogEditor => td_string!(locale, admin.role_catalog_editor),
        Role::CustomerService => td_string!(locale, admin.role_customer_service),
    }
}

pub fn permission_text(locale: Locale, p: Permission) -> &'static str {
    match p {
        Permission::AdminAccess => td_string!(locale, admin.perm_admin_access),
        Permission::ProductEdit => td_string!(locale, admin.perm_product_edit),
        Permission::CategoryEdit => td_string!(locale, admin.perm_category_edit),
        Permission::StockAdjust => td_string!(locale, admin.perm_stock_adjust),
        Permission::OrderRead => td_string!(locale, admin.perm_order_read),
        Permission::OrderShip => td_string!(locale, admin.perm_order_ship),
        Permission::OrderRefund => td_string!(locale, admin.perm_order_refund),
        Permission::CustomerRead => td_string!(locale, admin.perm_customer_read),
        Permission::CustomerDisable => td_string!(locale, admin.perm_customer_disable),
        Permission::CustomerEdit => td_string!(locale, admin.perm_customer_edit),
        Permission::PromotionEdit => td_string!(locale, admin.perm_promotion_edit),
        Permission::ReviewModerate => td_string!(locale, admin.perm_review_moderate),
        Permission::ReportRead => td_string!(locale, admin.perm_report_read),
        Permission::StaffManage => td_string!(locale, admin.perm_staff_manage),
        Permission::AuditRead => td_string!(locale, admin.perm_audit_read),
        Permission::AfterSalesHandle => td_string!(locale, admin.perm_aftersales_handle),
        Permission::AfterSalesConfigure => td_string!(locale, admin.perm_aftersales_configure),
        Permission::AfterSalesComplaints => td_string!(locale, admin.perm_aftersales_complaints),
        Permission::OrderRisk => td_string!(locale, admin.perm_order_risk),
        Permission::MailManage => td_string!(locale, admin.perm_mail_manage),
        Permission::TicketWork => td_string!(locale, admin.perm_ticket_work),
        Permission::TicketReport => td_string!(locale, admin.perm_ticket_report),
        Permission::HelpEdit => td_string!(locale, admin.perm_help_edit),
    }
}

/// The locale of a request's `lang` ("en", else the shop's default), for
/// texts the server writes.
pub fn locale_for(lang: &str) -> Locale {
    if lang == "en" {
        Locale::en
    } else {
        Locale::zh_CN
    }
}
