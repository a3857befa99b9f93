//! The rules a promotion meets before it is stored: a form that passes
//! becomes the one `promotions::Promotion`. Pure: the editor runs them in
//! the browser for an instant answer, and the server runs them again (it is
//! the authority, and adds what needs the database: the code is free, the
//! products and categories exist, the kind is unchanged, the usage limit is
//! not below the uses so far). Dates are typed in the shop's time
//! (`crate::shop_time`).
//!
//! Field names in errors are the form's (`code`, `name_zh`, `percent_off`,
//! `amount_off`, `tiers`, `tier{i}_min`, `tier{i}_off`, `min_spend`,
//! `product_ids`, `category_ids`, `benefit`, `starts_at`, `ends_at`,
//! `usage_limit`, `per_customer_limit`); the editor words each one.
use super::{BenefitChoice, PromotionForm, TierInput};
use crate::error::{AppError, Checks, ErrorKey};
use crate::promotions::{
    CouponBenefit, Off, Offer, Promotion, PromotionKind, Tier, Tiers, TiersError, normalize_code,
};
use crate::shop_time::parse_local;
use crate::text::parse_money;

pub const MAX_NAME: usize = 60;
pub const MAX_CODE: usize = 32;
/// Most products, and most categories, one sale may list.
pub const MAX_IDS: usize = 200;

/// Checks every field the kind uses (the others are ignored), reporting all
/// problems at once.
pub fn validate(f: &PromotionForm) -> Result<Promotion, AppError> {
    let mut c = Checks::default();
    let code = if f.kind == PromotionKind::Coupon {
        check_code(&mut c, &f.code)
    } else {
        None
    };
    let name_zh = check_name(&mut c, "name_zh", &f.name_zh);
    let name_en = check_name(&mut c, "name_en", &f.name_en);
    let offer = check_offer(&mut c, f, code);

    let starts_at = check_date(&mut c, "starts_at", &f.starts_at);
    let ends_at = check_date(&mut c, "ends_at", &f.ends_at);
    if let (Some(s), Some(e)) = (starts_at, ends_at)
        && e <= s
    {
        c.fail("ends_at", ErrorKey::BadRequest);
    }
    let usage_limit = check_limit(&mut c, "usage_limit", &f.usage_limit);
    let per_customer_limit = check_limit(&mut c, "per_customer_limit", &f.per_customer_limit);

    c.finish()?;
    // Every check that gave no value recorded why, so `finish` has returned.
    let offer = offer.ok_or(AppError::Internal)?;
    Ok(Promotion {
        name_zh,
        name_en,
        offer,
        starts_at,
        ends_at,
        usage_limit,
        per_customer_limit,
        active: f.active,
    })
}

/// What the kind gives, from the fields only it uses. `code` is the
/// checked code of a coupon. `None` when a check failed (and said why).
fn check_offer(c: &mut Checks, f: &PromotionForm, code: Option<String>) -> Option<Offer> {
    match f.kind {
        PromotionKind::Coupon => {
            let benefit = match f.benefit {
                BenefitChoice::FreeShipping => Some(CouponBenefit::FreeShipping),
                _ => check_off(c, f).map(CouponBenefit::Off),
            };
            let min_spend_minor = check_min_spend(c, &f.min_spend);
            Some(Offer::Coupon {
                code: code?,
                benefit: benefit?,
                min_spend_minor,
                applies_to_sale_items: f.applies_to_sale_items,
            })
        }
        PromotionKind::Threshold => {
            check_tiers(c, &f.tiers).map(|tiers| Offer::Threshold { tiers })
        }
        PromotionKind::Sale => {
            let off = check_off(c, f);
            let (product_ids, category_ids) = check_scope(c, &f.product_ids, &f.category_ids);
            Some(Offer::Sale {
                off: off?,
                product_ids,
                category_ids,
            })
        }
        PromotionKind::NewCustomer => {
            let off = check_off(c, f);
            let min_spend_minor = check_min_spend(c, &f.min_spend);
            Some(Offer::NewCustomer {
                off: off?,
                min_spend_minor,
            })
        }
    }
}

/// The percent or amount the form chose; free delivery is a coupon's only.
fn check_off(c: &mut Checks, f: &PromotionForm) -> Option<Off> {
    match f.benefit {
        BenefitChoice::Percent => check_percent(c, &f.percent_off).map(Off::Percent),
        BenefitChoice::Amount => check_amount(c, "amount_off", &f.amount_off).map(Off::Amount),
        BenefitChoice::FreeShipping => {
            c.fail("benefit", ErrorKey::BadRequest);
            None
        }
    }
}

fn check_code(c: &mut Checks, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        c.fail("code", ErrorKey::Required);
        None
    } else if t.chars().count() > MAX_CODE {
        c.fail("code", ErrorKey::TooLong);
        None
    } else {
        let code = normalize_code(t);
        if code.is_none() {
            c.fail("code", ErrorKey::BadRequest);
        }
        code
    }
}

fn check_name(c: &mut Checks, field: &str, text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        c.fail(field, ErrorKey::Required);
    } else if t.chars().count() > MAX_NAME {
        c.fail(field, ErrorKey::TooLong);
    }
    t.to_string()
}

/// Empty is `Required`; anything else that is not allowed, `BadRequest`.
fn required_or_bad(text: &str) -> ErrorKey {
    if text.trim().is_empty() {
        ErrorKey::Required
    } else {
        ErrorKey::BadRequest
    }
}

fn check_percent(c: &mut Checks, text: &str) -> Option<i32> {
    match text.trim().parse::<i32>() {
        Ok(p) if (1..=100).contains(&p) => Some(p),
        _ => {
            c.fail("percent_off", required_or_bad(text));
            None
        }
    }
}

/// Money above zero.
fn check_amount(c: &mut Checks, field: &str, text: &str) -> Option<i64> {
    match parse_money(text) {
        Some(m) if m > 0 => Some(m),
        _ => {
            c.fail(field, required_or_bad(text));
            None
        }
    }
}

fn check_min_spend(c: &mut Checks, text: &str) -> i64 {
    if text.trim().is_empty() {
        return 0;
    }
    match parse_money(text) {
        Some(m) => m,
        None => {
            c.fail("min_spend", ErrorKey::BadRequest);
            0
        }
    }
}

/// 1 to 5 tiers, each taking off less than its minimum, minimums rising:
/// the rules of `Tiers`, worded per field.
fn check_tiers(c: &mut Checks, rows: &[TierInput]) -> Option<Tiers> {
    if let Err(e) = Tiers::check_count(rows.len()) {
        tiers_problem(c, e);
        return None;
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let min = parse_money(&row.min).filter(|m| *m > 0);
        let off = parse_money(&row.off).filter(|o| *o > 0);
        if min.is_none() {
            c.fail(&format!("tier{i}_min"), required_or_bad(&row.min));
        }
        match (min, off) {
            (_, None) => c.fail(&format!("tier{i}_off"), required_or_bad(&row.off)),
            (Some(min_minor), Some(off_minor)) => {
                let tier = Tier {
                    min_minor,
                    off_minor,
                };
                if tier.is_valid() {
                    out.push(tier);
                } else {
                    tiers_problem(c, TiersError::BadTier(i));
                }
            }
            (None, Some(_)) => {}
        }
    }
    if out.len() < rows.len() {
        return None;
    }
    Tiers::new(out).map_err(|e| tiers_problem(c, e)).ok()
}

fn tiers_problem(c: &mut Checks, e: TiersError) {
    match e {
        TiersError::Empty => c.fail("tiers", ErrorKey::Required),
        TiersError::TooMany => c.fail("tiers", ErrorKey::TooLong),
        TiersError::BadTier(i) => c.fail(&format!("tier{i}_off"), ErrorKey::BadRequest),
        TiersError::NotRising => c.fail("tiers", ErrorKey::BadRequest),
    }
}

/// Product ids as typed: separated by commas (either width), 、 or spaces.
/// None if any is not a positive whole number. Sorted, without repeats.
pub fn parse_ids(text: &str) -> Option<Vec<i64>> {
    let mut ids = Vec::new();
    for part in text.split(|ch: char| ch == ',' || ch == '，' || ch == '、' || ch.is_whitespace())
    {
        if part.is_empty() {
            continue;
        }
        match part.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => return None,
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// A sale covers at least one product or category.
fn check_scope(c: &mut Checks, products: &str, categories: &[i64]) -> (Vec<i64>, Vec<i64>) {
    let products = match parse_ids(products) {
        Some(p) if p.len() > MAX_IDS => {
            c.fail("product_ids", ErrorKey::TooLong);
            return (Vec::new(), Vec::new());
        }
        Some(p) => p,
        None => {
            c.fail("product_ids", ErrorKey::BadRequest);
            return (Vec::new(), Vec::new());
        }
    };
    let mut cats = categories.to_vec();
    cats.sort_unstable();
    cats.dedup();
    if cats.iter().any(|id| *id <= 0) {
        c.fail("category_ids", ErrorKey::BadRequest);
    } else if cats.len() > MAX_IDS {
        c.fail("category_ids", ErrorKey::TooLong);
    } else if products.is_empty() && cats.is_empty() {
        c.fail("product_ids", ErrorKey::Required);
    }
    (products, cats)
}

fn check_date(c: &mut Checks, field: &str, text: &str) -> Option<i64> {
    match parse_local(text) {
        Ok(t) => t,
        Err(key) => {
            c.fail(field, key);
            None
        }
    }
}

fn check_limit(c: &mut Checks, field: &str, text: &str) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i32>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            c.fail(field, ErrorKey::BadRequest);
            None
        }
    }
}

#[cfg(test)]
mod tests;
