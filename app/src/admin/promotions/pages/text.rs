//! The promotion pages' words: kinds, states, benefits, windows and field messages.
use crate::admin::promotions::{BenefitChoice, PromoStatus, PromotionListItem};
use crate::error::ErrorKey;
use crate::i18n::*;
use crate::promotions::{CouponBenefit, Off, Offer, PromotionKind};
use crate::shop_time::display_local;
use crate::ui::kit::{error_text, format_money};

pub(super) fn name_in(locale: Locale, zh: &str, en: &str) -> String {
    match locale {
        Locale::en if !en.is_empty() => en.to_string(),
        _ if zh.is_empty() => en.to_string(),
        _ => zh.to_string(),
    }
}

pub fn kind_text(locale: Locale, k: PromotionKind) -> &'static str {
    match k {
        PromotionKind::Coupon => td_string!(locale, admin_promo.kind_coupon),
        PromotionKind::Threshold => td_string!(locale, admin_promo.kind_threshold),
        PromotionKind::Sale => td_string!(locale, admin_promo.kind_sale),
        PromotionKind::NewCustomer => td_string!(locale, admin_promo.kind_new_customer),
    }
}

pub(super) fn kind_hint(locale: Locale, k: PromotionKind) -> &'static str {
    match k {
        PromotionKind::Coupon => td_string!(locale, admin_promo.kind_coupon_hint),
        PromotionKind::Threshold => td_string!(locale, admin_promo.kind_threshold_hint),
        PromotionKind::Sale => td_string!(locale, admin_promo.kind_sale_hint),
        PromotionKind::NewCustomer => td_string!(locale, admin_promo.kind_new_customer_hint),
    }
}

pub(super) fn status_text(locale: Locale, s: PromoStatus) -> &'static str {
    match s {
        PromoStatus::Running => td_string!(locale, admin_promo.status_running),
        PromoStatus::Scheduled => td_string!(locale, admin_promo.status_scheduled),
        PromoStatus::Ended => td_string!(locale, admin_promo.status_ended),
        PromoStatus::UsedUp => td_string!(locale, admin_promo.status_used_up),
        PromoStatus::Inactive => td_string!(locale, admin_promo.status_inactive),
    }
}

pub(super) fn benefit_choice_text(locale: Locale, b: BenefitChoice) -> &'static str {
    match b {
        BenefitChoice::Percent => td_string!(locale, admin_promo.benefit_choice_percent),
        BenefitChoice::Amount => td_string!(locale, admin_promo.benefit_choice_amount),
        BenefitChoice::FreeShipping => td_string!(locale, admin_promo.benefit_choice_free_shipping),
    }
}

/// "15" percent off → "8.5" (折) in Chinese, "15" elsewhere.
pub(super) fn percent_words(locale: Locale, percent: i32) -> String {
    match locale {
        Locale::zh_CN => {
            let pay = 100 - percent.clamp(0, 100);
            if pay % 10 == 0 {
                (pay / 10).to_string()
            } else {
                format!("{}.{}", pay / 10, pay % 10)
            }
        }
        _ => percent.to_string(),
    }
}

/// What a promotion gives, e.g. "满 ¥300.00 减 ¥50.00；满 ¥600.00 减 ¥120.00".
pub(super) fn benefit_text(locale: Locale, item: &PromotionListItem) -> String {
    let money = |m: i64| format_money(m, &item.currency);
    let p = &item.promotion;
    let main = match &p.offer {
        Offer::Threshold { tiers } => tiers
            .as_slice()
            .iter()
            .map(|t| {
                td_string!(
                    locale,
                    admin_promo.benefit_tier,
                    min = money(t.min_minor),
                    off = money(t.off_minor)
                )
                .to_string()
            })
            .collect::<Vec<_>>()
            .join(td_string!(locale, admin_promo.list_separator)),
        Offer::Coupon {
            benefit: CouponBenefit::FreeShipping,
            ..
        } => td_string!(locale, admin_promo.benefit_free_shipping).to_string(),
        Offer::Coupon {
            benefit: CouponBenefit::Off(off),
            ..
        }
        | Offer::Sale { off, .. }
        | Offer::NewCustomer { off, .. } => match *off {
            Off::Percent(pct) => td_string!(
                locale,
                admin_promo.benefit_percent,
                n = percent_words(locale, pct)
            )
            .to_string(),
            Off::Amount(a) => {
                td_string!(locale, admin_promo.benefit_amount, amount = money(a)).to_string()
            }
        },
    };
    let mut parts = vec![main];
    if p.min_spend_minor() > 0 {
        parts.push(
            td_string!(
                locale,
                admin_promo.benefit_min_spend,
                amount = money(p.min_spend_minor())
            )
            .to_string(),
        );
    }
    if let Offer::Sale {
        product_ids,
        category_ids,
        ..
    } = &p.offer
    {
        parts.push(
            td_string!(
                locale,
                admin_promo.benefit_scope,
                products = product_ids.len(),
                categories = category_ids.len()
            )
            .to_string(),
        );
    }
    // Only a coupon may leave sale items out.
    if !p.applies_to_sale_items() {
        parts.push(td_string!(locale, admin_promo.benefit_full_price_only).to_string());
    }
    parts.join(" · ")
}

pub(super) fn window_text(locale: Locale, starts: Option<i64>, ends: Option<i64>) -> String {
    match (starts, ends) {
        (None, None) => td_string!(locale, admin_promo.window_always).to_string(),
        (Some(s), None) => {
            td_string!(locale, admin_promo.window_from, from = display_local(s)).to_string()
        }
        (None, Some(e)) => {
            td_string!(locale, admin_promo.window_until, to = display_local(e)).to_string()
        }
        (Some(s), Some(e)) => td_string!(
            locale,
            admin_promo.window_range,
            from = display_local(s),
            to = display_local(e)
        )
        .to_string(),
    }
}

/// This section's wording of a field's error (tier fields are named
/// `tier_min` / `tier_off` here, whatever their row).
pub(super) fn field_message(locale: Locale, field: &str, key: ErrorKey) -> &'static str {
    use ErrorKey::*;
    match (field, key) {
        ("kind", _) => td_string!(locale, admin_promo.err_kind),
        ("code", Required) => td_string!(locale, admin_promo.err_code_required),
        ("code", EmailTaken) => td_string!(locale, admin_promo.err_code_taken),
        ("code", _) => td_string!(locale, admin_promo.err_code_format),
        ("name_zh" | "name_en", TooLong) => td_string!(locale, admin_promo.err_name_long),
        ("benefit", _) => td_string!(locale, admin_promo.err_free_shipping),
        ("percent_off", _) => td_string!(locale, admin_promo.err_percent),
        ("amount_off", _) => td_string!(locale, admin_promo.err_amount),
        ("min_spend", _) => td_string!(locale, admin_promo.err_money),
        ("tiers", Required) => td_string!(locale, admin_promo.err_tiers_none),
        ("tiers", TooLong) => td_string!(locale, admin_promo.err_tiers_many),
        ("tiers", _) => td_string!(locale, admin_promo.err_tiers_order),
        ("tier_min", _) => td_string!(locale, admin_promo.err_tier_min),
        ("tier_off", _) => td_string!(locale, admin_promo.err_tier_off),
        ("product_ids", Required) => td_string!(locale, admin_promo.err_scope_required),
        ("product_ids" | "category_ids", NotFound) => {
            td_string!(locale, admin_promo.err_ids_missing)
        }
        ("product_ids" | "category_ids", TooLong) => td_string!(locale, admin_promo.err_ids_many),
        ("product_ids" | "category_ids", _) => td_string!(locale, admin_promo.err_product_ids),
        ("starts_at", _) => td_string!(locale, admin_promo.err_date),
        ("ends_at", _) => td_string!(locale, admin_promo.err_ends),
        ("usage_limit", _) => td_string!(locale, admin_promo.err_usage_limit),
        ("per_customer_limit", _) => td_string!(locale, admin_promo.err_limit),
        _ => error_text(locale, key),
    }
}
