//! Promotions in the back office: every coupon, 满减, 限时折扣 and new-customer
//! offer with what it brought in (orders, discount given, revenue), switched
//! on and off in place, and an editor that stores each kind exactly as
//! `promotions::db::rules()` and the engine read it. Dates are typed in the
//! shop's time (Asia/Shanghai); money as "12.50".
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod validate;

use super::AdminFn;
use crate::accounts::Permission;
use crate::promotions::PromotionKind;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/promotions", Permission::PromotionEdit),
    AdminFn::read("admin/promotion", Permission::PromotionEdit),
    AdminFn::write("admin/promotion/save", Permission::PromotionEdit),
    AdminFn::write("admin/promotion/active", Permission::PromotionEdit),
];

/// One 满减 tier as stored in `promotions.tiers`: from `min_minor` of goods,
/// `off_minor` off the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub min_minor: i64,
    pub off_minor: i64,
}

/// A tier as typed in the editor ("300", "50").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierInput {
    pub min: String,
    pub off: String,
}

/// What a coupon, sale or new-customer offer gives (a 满减 has tiers instead).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitChoice {
    #[default]
    Percent,
    Amount,
    /// Coupons only.
    FreeShipping,
}

impl BenefitChoice {
    pub const ALL: [BenefitChoice; 3] = [
        BenefitChoice::Percent,
        BenefitChoice::Amount,
        BenefitChoice::FreeShipping,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BenefitChoice::Percent => "percent",
            BenefitChoice::Amount => "amount",
            BenefitChoice::FreeShipping => "free_shipping",
        }
    }
}

/// The editor's form: text as the staff member typed it. `id` None creates.
/// Missing fields take their defaults, so a client may send only what matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PromotionForm {
    pub id: Option<i64>,
    /// Fixed once created.
    pub kind: PromotionKind,
    /// Coupons only; stored upper-case.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Ignored for a 满减, which uses `tiers`.
    pub benefit: BenefitChoice,
    /// "1" to "100".
    pub percent_off: String,
    /// Money, "20" or "19.90".
    pub amount_off: String,
    /// 满减 only, lowest first.
    pub tiers: Vec<TierInput>,
    /// Coupons and new-customer offers; empty means none.
    pub min_spend: String,
    /// Sales only: product ids as typed ("12, 15"), and picked categories.
    pub product_ids: String,
    pub category_ids: Vec<i64>,
    /// Coupons only: false counts only full-price lines.
    pub applies_to_sale_items: bool,
    /// "YYYY-MM-DDTHH:MM" in Asia/Shanghai, or empty.
    pub starts_at: String,
    pub ends_at: String,
    /// Positive whole numbers, or empty for no limit.
    pub usage_limit: String,
    pub per_customer_limit: String,
    pub active: bool,
}

impl Default for PromotionForm {
    fn default() -> Self {
        PromotionForm {
            id: None,
            kind: PromotionKind::Coupon,
            code: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            benefit: BenefitChoice::Percent,
            percent_off: String::new(),
            amount_off: String::new(),
            tiers: Vec::new(),
            min_spend: String::new(),
            product_ids: String::new(),
            category_ids: Vec::new(),
            applies_to_sale_items: true,
            starts_at: String::new(),
            ends_at: String::new(),
            usage_limit: String::new(),
            per_customer_limit: String::new(),
            active: true,
        }
    }
}

/// A stored promotion, ready for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditablePromotion {
    pub form: PromotionForm,
    pub used_count: i32,
    pub currency: String,
}

/// Where a promotion stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromoStatus {
    Running,
    Scheduled,
    Ended,
    UsedUp,
    Inactive,
}

impl PromoStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PromoStatus::Running => "running",
            PromoStatus::Scheduled => "scheduled",
            PromoStatus::Ended => "ended",
            PromoStatus::UsedUp => "used_up",
            PromoStatus::Inactive => "inactive",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "running" => PromoStatus::Running,
            "scheduled" => PromoStatus::Scheduled,
            "ended" => PromoStatus::Ended,
            "used_up" => PromoStatus::UsedUp,
            _ => PromoStatus::Inactive,
        }
    }
}

/// What a promotion brought in, counting orders that are not cancelled and
/// whose use of it was not released: how many, the discount lines it gave
/// (delivery taken off by a free-delivery coupon and sale prices are not
/// discount lines), and those orders' totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PromotionResults {
    pub orders: i64,
    pub discount_minor: i64,
    pub revenue_minor: i64,
}

/// One line of the promotions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionListItem {
    pub id: i64,
    pub kind: PromotionKind,
    pub code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub percent_off: Option<i32>,
    pub amount_off_minor: Option<i64>,
    pub free_shipping: bool,
    pub tiers: Vec<Tier>,
    pub min_spend_minor: i64,
    pub product_ids: Vec<i64>,
    pub category_ids: Vec<i64>,
    pub applies_to_sale_items: bool,
    /// Unix seconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    /// Kept by checkout only while the promotion has a limit.
    pub used_count: i32,
    pub active: bool,
    pub status: PromoStatus,
    pub currency: String,
    pub results: PromotionResults,
}

/// Tiers as stored (`[{"min_minor": …, "off_minor": …}]`), read the way the
/// engine reads them: entries without both numbers are skipped.
pub fn tiers_from_json(value: Option<&serde_json::Value>) -> Vec<Tier> {
    value
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|t| {
                    Some(Tier {
                        min_minor: t.get("min_minor")?.as_i64()?,
                        off_minor: t.get("off_minor")?.as_i64()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
