//! The audit log in words: each action code and entity kind as translated
//! text, instead of "admin/product/listed" and "product". A code with no
//! translation (one added later and not named here yet) is shown as it is,
//! so an entry is never hidden or blank.
use crate::audit::AuditAction;
use crate::i18n::*;

/// The action in the reader's language, or `None` for a code that is no
/// [`AuditAction`] (older entries may carry one).
pub fn action_text(locale: Locale, action: &str) -> Option<&'static str> {
    AuditAction::parse(action).map(|a| action_words(locale, a))
}

/// Every action in words: a new action does not compile until it has some.
pub fn action_words(locale: Locale, action: AuditAction) -> &'static str {
    use AuditAction::*;
    match action {
        CategoryDelete => td_string!(locale, admin.audit_action_category_delete),
        CategorySave => td_string!(locale, admin.audit_action_category_save),
        CustomerDisable => td_string!(locale, admin.audit_action_customer_disable),
        CustomerLevel => td_string!(locale, admin.audit_action_customer_level),
        CustomerPoints => td_string!(locale, admin.audit_action_customer_points),
        OrderCancel => td_string!(locale, admin.audit_action_order_cancel),
        OrderDeliver => td_string!(locale, admin.audit_action_order_deliver),
        OrderNote => td_string!(locale, admin.audit_action_order_note),
        OrderRefund => td_string!(locale, admin.audit_action_order_refund),
        OrderShip => td_string!(locale, admin.audit_action_order_ship),
        OrderTrack => td_string!(locale, admin.audit_action_order_track),
        ProductImages => td_string!(locale, admin.audit_action_product_images),
        ProductListed => td_string!(locale, admin.audit_action_product_listed),
        ProductSave => td_string!(locale, admin.audit_action_product_save),
        ProductsImport => td_string!(locale, admin.audit_action_products_import),
        PromotionActive => td_string!(locale, admin.audit_action_promotion_active),
        PromotionSave => td_string!(locale, admin.audit_action_promotion_save),
        ReviewModerate => td_string!(locale, admin.audit_action_review_moderate),
        ReviewReply => td_string!(locale, admin.audit_action_review_reply),
        RolesSet => td_string!(locale, admin.audit_action_roles_set),
        StaffCreate => td_string!(locale, admin.audit_action_staff_create),
        StaffUpdate => td_string!(locale, admin.audit_action_staff_update),
        StaffPromote => td_string!(locale, admin.audit_action_staff_promote),
        StockAdjust => td_string!(locale, admin.audit_action_stock_adjust),
        StockSafety => td_string!(locale, admin.audit_action_stock_safety),
        Stocktake => td_string!(locale, admin.audit_action_stocktake),
        UploadProductImage => td_string!(locale, admin.audit_action_upload_product_image),
        AfterSalesApprove => td_string!(locale, admin.audit_action_after_sales_approve),
        AfterSalesRefuse => td_string!(locale, admin.audit_action_after_sales_refuse),
        AfterSalesExtend => td_string!(locale, admin.audit_action_after_sales_extend),
        AfterSalesReceive => td_string!(locale, admin.audit_action_after_sales_receive),
        AfterSalesDispatch => td_string!(locale, admin.audit_action_after_sales_dispatch),
        AfterSalesPolicy => td_string!(locale, admin.audit_action_after_sales_policy),
        AfterSalesReason => td_string!(locale, admin.audit_action_after_sales_reason),
        AfterSalesRule => td_string!(locale, admin.audit_action_after_sales_rule),
        AfterSalesRuleDelete => td_string!(locale, admin.audit_action_after_sales_rule_delete),
        AfterSalesComplaint => td_string!(locale, admin.audit_action_after_sales_complaint),
        OrderRisk => td_string!(locale, admin.audit_action_order_risk),
        MailRetry => td_string!(locale, admin.audit_action_mail_retry),
        MailDiscard => td_string!(locale, admin.audit_action_mail_discard),
        TicketView => td_string!(locale, admin.audit_action_ticket_view),
        TicketReply => td_string!(locale, admin.audit_action_ticket_reply),
        TicketAssign => td_string!(locale, admin.audit_action_ticket_assign),
        TicketPriority => td_string!(locale, admin.audit_action_ticket_priority),
        TicketResolve => td_string!(locale, admin.audit_action_ticket_resolve),
        HelpArticleSave => td_string!(locale, admin.audit_action_help_article_save),
        HelpCategorySave => td_string!(locale, admin.audit_action_help_category_save),
        MailTest => td_string!(locale, admin.audit_action_mail_test),
        RiskPolicy => td_string!(locale, admin.audit_action_risk_policy),
        LoyaltyLevels => td_string!(locale, admin.audit_action_loyalty_levels),
        MemberPrice => td_string!(locale, admin.audit_action_member_price),
        CouponTerms => td_string!(locale, admin.audit_action_coupon_terms),
        CouponIssue => td_string!(locale, admin.audit_action_coupon_issue),
        BirthdayCoupon => td_string!(locale, admin.audit_action_birthday_coupon),
        PointsRules => td_string!(locale, admin.audit_action_points_rules),
        // Staff views of personal data and the privacy actions.
        CustomerView => td_string!(locale, privacy.audit_action_customer_view),
        OrderView => td_string!(locale, privacy.audit_action_order_view),
        PrivacyExport => td_string!(locale, privacy.audit_action_export),
        PrivacyErase => td_string!(locale, privacy.audit_action_erase),
    }
}

/// What kind of thing an entry is about, or `None` for an unknown kind.
pub fn entity_text(locale: Locale, entity: &str) -> Option<&'static str> {
    Some(match entity {
        "after_sales" => td_string!(locale, admin.audit_entity_after_sales),
        "birthday_coupon" => td_string!(locale, admin.audit_entity_birthday_coupon),
        "points_rules" => td_string!(locale, admin.audit_entity_points_rules),
        "category" => td_string!(locale, admin.audit_entity_category),
        "customer" => td_string!(locale, admin.audit_entity_customer),
        "member_levels" => td_string!(locale, admin.audit_entity_member_levels),
        "message" => td_string!(locale, admin.audit_entity_message),
        "order" => td_string!(locale, admin.audit_entity_order),
        "product" => td_string!(locale, admin.audit_entity_product),
        "promotion" => td_string!(locale, admin.audit_entity_promotion),
        "review" => td_string!(locale, admin.audit_entity_review),
        "role" => td_string!(locale, admin.audit_entity_role),
        "stocktake" => td_string!(locale, admin.audit_entity_stocktake),
        "ticket" => td_string!(locale, admin.audit_entity_ticket),
        "user" => td_string!(locale, admin.audit_entity_user),
        "variant" => td_string!(locale, admin.audit_entity_variant),
        _ => return None,
    })
}

/// A changed field's name in the reader's language, or `None` for a field
/// not named here (shown as it is).
pub fn field_text(locale: Locale, field: &str) -> Option<&'static str> {
    Some(match field {
        "status" => td_string!(locale, admin.audit_field_status),
        "delivery" => td_string!(locale, admin.audit_field_delivery),
        "priority" => td_string!(locale, admin.audit_field_priority),
        "assignee" => td_string!(locale, admin.audit_field_assignee),
        "messages" => td_string!(locale, admin.audit_field_messages),
        "payment_status" => td_string!(locale, admin.audit_field_payment_status),
        "carrier" => td_string!(locale, admin.audit_field_carrier),
        "tracking_number" => td_string!(locale, admin.audit_field_tracking_number),
        "tracking_event" => td_string!(locale, admin.audit_field_tracking_event),
        "note" => td_string!(locale, admin.audit_field_note),
        "refund" => td_string!(locale, admin.audit_field_refund),
        "deadline" => td_string!(locale, admin.audit_field_deadline),
        "refunded_minor" => td_string!(locale, admin.audit_field_refunded_minor),
        "goodwill_minor" => td_string!(locale, admin.audit_field_goodwill_minor),
        "goodwill_reason" => td_string!(locale, admin.audit_field_goodwill_reason),
        "extended_reason" => td_string!(locale, admin.audit_field_extended_reason),
        "complaint" => td_string!(locale, admin.audit_field_complaint),
        "risk_hold" => td_string!(locale, admin.audit_field_risk_hold),
        "moderated" => td_string!(locale, admin.audit_field_moderated),
        "reply" => td_string!(locale, admin.audit_field_reply),
        "disabled" => td_string!(locale, admin.audit_field_disabled),
        "sessions_ended" => td_string!(locale, admin.audit_field_sessions_ended),
        "password_reset" => td_string!(locale, admin.audit_field_password_reset),
        "level" => td_string!(locale, admin.audit_field_level),
        "level_floor" => td_string!(locale, admin.audit_field_level_floor),
        "window_days" => td_string!(locale, admin.audit_field_window_days),
        "grace_days" => td_string!(locale, admin.audit_field_grace_days),
        "levels" => td_string!(locale, admin.audit_field_levels),
        "member_price_minor" => td_string!(locale, admin.audit_field_member_price_minor),
        "level_floor_reason" => td_string!(locale, admin.audit_field_level_floor_reason),
        "points" => td_string!(locale, admin.audit_field_points),
        "delta" => td_string!(locale, admin.audit_field_delta),
        "reason" => td_string!(locale, admin.audit_field_reason),
        "permissions" => td_string!(locale, admin.audit_field_permissions),
        "listed" => td_string!(locale, admin.audit_field_listed),
        "featured" => td_string!(locale, admin.audit_field_featured),
        "slug" => td_string!(locale, admin.audit_field_slug),
        "category_id" => td_string!(locale, admin.audit_field_category_id),
        "parent_id" => td_string!(locale, admin.audit_field_parent_id),
        "position" => td_string!(locale, admin.audit_field_position),
        "name" => td_string!(locale, admin.audit_field_name),
        "description" => td_string!(locale, admin.audit_field_description),
        "options" => td_string!(locale, admin.audit_field_options),
        "variants" => td_string!(locale, admin.audit_field_variants),
        "attributes" => td_string!(locale, admin.audit_field_attributes),
        "tags" => td_string!(locale, admin.audit_field_tags),
        "images" => td_string!(locale, admin.audit_field_images),
        "active" => td_string!(locale, admin.audit_field_active),
        "code" => td_string!(locale, admin.audit_field_code),
        "kind" => td_string!(locale, admin.audit_field_kind),
        "starts_at" => td_string!(locale, admin.audit_field_starts_at),
        "ends_at" => td_string!(locale, admin.audit_field_ends_at),
        "stock" => td_string!(locale, admin.audit_field_stock),
        "safety_stock" => td_string!(locale, admin.audit_field_safety_stock),
        "email" => td_string!(locale, admin.audit_field_email),
        "display_name" => td_string!(locale, admin.audit_field_display_name),
        "role" => td_string!(locale, admin.audit_field_role),
        "sku" => td_string!(locale, admin.audit_field_sku),
        "price_minor" => td_string!(locale, admin.audit_field_price_minor),
        "updated_at" => td_string!(locale, admin.audit_field_updated_at),
        "format" => td_string!(locale, privacy.audit_field_format),
        "section" => td_string!(locale, privacy.audit_field_section),
        _ => return None,
    })
}

/// A changed value in words where it is a flag or an order's status or
/// payment status; anything else (an older or unknown status too) as stored.
pub fn value_text(locale: Locale, field: &str, value: &str) -> String {
    use crate::orders::OrderStatus;
    use crate::orders::components::{payment_text, status_text};
    use crate::payments::PaymentStatus;
    match (field, value) {
        (_, "true") => td_string!(locale, admin.audit_yes).to_string(),
        (_, "false") => td_string!(locale, admin.audit_no).to_string(),
        ("status", v) => OrderStatus::parse(v)
            .map_or(v, |s| status_text(locale, s))
            .to_string(),
        ("delivery", v) => crate::admin::mail::pages::stored_status_text(locale, v)
            .unwrap_or(v)
            .to_string(),
        ("payment_status", v) => PaymentStatus::parse(v)
            .map_or(v, |s| payment_text(locale, s))
            .to_string(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::{HTTP_ROUTES, all_fns};

    /// Every back-office change is written under its endpoint's name, so
    /// every mutating endpoint needs words here, in both languages.
    #[test]
    fn every_audited_action_is_translated() {
        let writes = all_fns()
            .into_iter()
            .chain(HTTP_ROUTES.iter().copied())
            .filter(|f| f.mutates);
        for f in writes {
            for locale in [Locale::zh_CN, Locale::en] {
                let words = action_text(locale, f.endpoint);
                assert!(
                    words.is_some_and(|w| !w.is_empty()),
                    "{} has no words",
                    f.endpoint
                );
            }
        }
        for a in AuditAction::ALL {
            for locale in [Locale::zh_CN, Locale::en] {
                assert!(!action_words(locale, a).is_empty(), "{a:?} has no words");
            }
        }
        assert_eq!(action_text(Locale::en, "admin/something/new"), None);
        assert_eq!(entity_text(Locale::en, "gadget"), None);
    }
}
