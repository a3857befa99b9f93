//! Promotions in the back office: every coupon, 满减, 限时折扣 and new-customer
//! offer with what it brought in (orders, discount given, revenue), switched
//! on and off in place, and an editor whose form validates into the one
//! `promotions::Promotion` the engine prices with. Dates are typed in the
//! shop's time (Asia/Shanghai); money as "12.50".
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod validate;

use super::AdminFn;
use crate::accounts::Permission;
use crate::admin::components::minor_to_input;
use crate::promotions::{CouponBenefit, Off, Offer, Promotion, PromotionKind};
use crate::shop_time::format_local;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/promotions", Permission::PromotionEdit),
    AdminFn::read("admin/promotion", Permission::PromotionEdit),
    AdminFn::write("admin/promotion/save", Permission::PromotionEdit),
    AdminFn::write("admin/promotion/active", Permission::PromotionEdit),
];

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

impl PromotionForm {
    /// Stored promotion `id` as the editor shows it: money as "12.50",
    /// dates in the shop's time, empty where the kind has nothing.
    pub fn edit(id: i64, p: &Promotion) -> Self {
        let money = |m: i64| {
            if m > 0 {
                minor_to_input(m)
            } else {
                String::new()
            }
        };
        let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut form = PromotionForm {
            id: Some(id),
            kind: p.kind(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            min_spend: money(p.min_spend_minor()),
            applies_to_sale_items: p.applies_to_sale_items(),
            starts_at: p.starts_at.map(format_local).unwrap_or_default(),
            ends_at: p.ends_at.map(format_local).unwrap_or_default(),
            usage_limit: number(p.usage_limit),
            per_customer_limit: number(p.per_customer_limit),
            active: p.active,
            ..PromotionForm::default()
        };
        let off = match &p.offer {
            Offer::Coupon { code, benefit, .. } => {
                form.code = code.clone();
                match benefit {
                    CouponBenefit::Off(off) => Some(*off),
                    CouponBenefit::FreeShipping => {
                        form.benefit = BenefitChoice::FreeShipping;
                        None
                    }
                }
            }
            Offer::Threshold { tiers } => {
                form.tiers = tiers
                    .as_slice()
                    .iter()
                    .map(|t| TierInput {
                        min: minor_to_input(t.min_minor),
                        off: minor_to_input(t.off_minor),
                    })
                    .collect();
                None
            }
            Offer::Sale {
                off,
                product_ids,
                category_ids,
            } => {
                form.product_ids = product_ids
                    .iter()
                    .map(|id| id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                form.category_ids = category_ids.clone();
                Some(*off)
            }
            Offer::NewCustomer { off, .. } => Some(*off),
        };
        match off {
            Some(Off::Percent(n)) => form.percent_off = n.to_string(),
            Some(Off::Amount(m)) => {
                form.benefit = BenefitChoice::Amount;
                form.amount_off = minor_to_input(m);
            }
            None => {}
        }
        form
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

    /// Where `p`, used `used_count` times, stands at `now` (Unix seconds):
    /// switched off first, then its window, then its limit.
    pub fn of(p: &Promotion, used_count: i32, now: i64) -> Self {
        if !p.active {
            PromoStatus::Inactive
        } else if p.ends_at.is_some_and(|e| e <= now) {
            PromoStatus::Ended
        } else if p.starts_at.is_some_and(|s| s > now) {
            PromoStatus::Scheduled
        } else if p.usage_limit.is_some_and(|l| used_count >= l) {
            PromoStatus::UsedUp
        } else {
            PromoStatus::Running
        }
    }
}

/// What a promotion brought in, counting orders that are not cancelled and
/// whose use of it was not released: how many, the discount lines it gave
/// (delivery taken off by a free-delivery coupon and sale prices are not
/// discount lines), and those orders' totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionResults {
    pub orders: i64,
    pub discount_minor: i64,
    pub revenue_minor: i64,
}

/// One line of the promotions list: the promotion (its columns, flat in the
/// JSON) with its uses, state and results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionListItem {
    pub id: i64,
    #[serde(flatten)]
    pub promotion: Promotion,
    /// Kept by checkout only while the promotion has a limit.
    pub used_count: i32,
    pub status: PromoStatus,
    pub currency: String,
    pub results: PromotionResults,
}
