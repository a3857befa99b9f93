//! Weighing the buyer's held coupons against the order, for checkout's
//! suggestion: each priced as if typed (goods and delivery), what it would
//! save over no coupon, or the engine's reason it does not apply. The
//! best is marked (`wallet::best_offer`).
use super::price_with_shipping;
use crate::cart::ShippingMethod;
use crate::error::AppError;
use crate::loyalty::levels::MemberLevel;
use crate::promotions::CouponProblem;
use crate::promotions::db::{Buyer, coupons_by_id};
use crate::promotions::engine::{self, Context, Rule};
use crate::wallet::{CouponOffer, best_offer};
use sqlx::PgConnection;
use time::OffsetDateTime;

/// The order as priced without a coupon, to weigh coupons against.
pub struct Weigh<'a> {
    pub lines: &'a [engine::Line],
    pub automatic: &'a [Rule],
    pub ctx: Context,
    pub shipping: (ShippingMethod, i64),
    pub level: MemberLevel,
}

/// `user_id`'s usable held coupons against the order: the best first, then
/// the others that apply (most saved first), then those that don't, each
/// with its reason.
pub async fn offers(
    conn: &mut PgConnection,
    user_id: i64,
    w: &Weigh<'_>,
    (currency, buyer): (&str, &Buyer),
    (langs, now): (super::Langs, OffsetDateTime),
) -> Result<Vec<CouponOffer>, AppError> {
    let held = crate::wallet::db::held(conn, user_id, now).await?;
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = held.iter().map(|h| h.promotion_id).collect();
    let rules = coupons_by_id(conn, &ids, currency, buyer, langs).await?;
    let total =
        |coupon| price_with_shipping(w.lines, w.automatic, coupon, w.ctx.clone(), w.shipping).0;
    let base = total(None).total_minor;
    let mut offers: Vec<CouponOffer> = held
        .iter()
        .filter_map(|h| {
            // Another currency's, or one the model cannot hold: not offered.
            let rule = rules.iter().find(|r| r.id == h.promotion_id)?;
            let below = h.min_level.filter(|min| w.level < *min);
            let (problem, savings_minor) = match below {
                Some(level) => (Some(CouponProblem::MembersOnly { level }), 0),
                None => {
                    let with = total(Some(Ok(rule)));
                    match with.coupon_problem {
                        Some(p) => (Some(p), 0),
                        None => (None, (base - with.total_minor).max(0)),
                    }
                }
            };
            Some(CouponOffer {
                code: rule.promotion.code()?.to_string(),
                name: rule.label.clone(),
                savings_minor,
                problem,
                best: false,
                until: h
                    .valid_until
                    .map(|t| crate::shop_time::display_local(t.unix_timestamp())),
            })
        })
        .collect();
    if let Some(i) = best_offer(&offers) {
        offers[i].best = true;
    }
    // Stable: equals keep the order `held` gave (the soonest to end first).
    offers.sort_by_key(|o| (!o.best, o.problem.is_some(), -o.savings_minor));
    Ok(offers)
}
