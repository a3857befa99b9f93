//! The coupon wallet (issue 19): coupons held by one shopper, given by
//! staff (to one shopper or to a level and above) or by the shop. A coupon's
//! terms (`coupon_terms`) may keep it to wallet holders and to members of a
//! level; the cart checks both (`db::holder_problem`), checkout suggests the
//! held coupon that saves the most and says why the others don't apply
//! (`cart::db`), and placing an order uses one held copy (`db::take`).
//! `docs/loyalty.md` ("Coupon wallet") has the rules.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;

use crate::loyalty::levels::MemberLevel;
use crate::promotions::CouponProblem;
use serde::{Deserialize, Serialize};

/// How a coupon came into a wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum GrantSource {
    /// Staff gave it to this shopper.
    Issued,
    /// Staff gave it to a level and above.
    Segment,
    /// The shopper took it from a product or promotion page.
    Claimed,
    Birthday,
}

#[cfg(feature = "ssr")]
pg_text!(GrantSource);

/// Where a held coupon stands, by the shop's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalletState {
    Available,
    /// An order used it (a cancelled order gives it back).
    Used,
    /// Its own validity, or the coupon, has ended.
    Expired,
}

/// One coupon in the shopper's wallet, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletCoupon {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub state: WalletState,
    pub source: GrantSource,
    /// The last day it can be used (shop's time zone), if it ends.
    pub until: Option<String>,
    /// The level it is kept to.
    pub min_level: Option<MemberLevel>,
    /// The order that used it.
    pub order_number: Option<String>,
}

/// A coupon shoppers may claim themselves, as one shopper sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claimable {
    pub code: String,
    /// In the shopper's language.
    pub name: String,
    pub min_level: Option<MemberLevel>,
    /// Days a claimed copy lasts (None: as long as the coupon runs).
    pub valid_days: Option<i32>,
    /// This shopper has claimed it already.
    pub claimed: bool,
    /// This shopper's level may claim it (a guest counts as regular).
    pub allowed: bool,
}

/// A held coupon as checkout weighs it against the order: what it would
/// save (goods and delivery), or why it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponOffer {
    pub code: String,
    /// In the shopper's language.
    pub name: String,
    pub savings_minor: i64,
    pub problem: Option<CouponProblem>,
    /// The one that saves the most (ties: the one that ends first).
    pub best: bool,
    pub until: Option<String>,
}

/// Of held coupons priced against the order, the best: the one that saves
/// the most, ties going to the one listed first (callers list those that
/// end soonest first). Only one that applies and saves something.
pub fn best_offer(offers: &[CouponOffer]) -> Option<usize> {
    offers
        .iter()
        .enumerate()
        .filter(|(_, o)| o.problem.is_none() && o.savings_minor > 0)
        .fold(None, |best: Option<(usize, i64)>, (i, o)| match best {
            Some((_, s)) if s >= o.savings_minor => best,
            _ => Some((i, o.savings_minor)),
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(savings: i64, problem: Option<CouponProblem>) -> CouponOffer {
        CouponOffer {
            code: format!("C{savings}"),
            name: String::new(),
            savings_minor: savings,
            problem,
            best: false,
            until: None,
        }
    }

    #[test]
    fn the_best_saves_most_and_applies() {
        let offers = [
            offer(500, None),
            offer(3000, Some(CouponProblem::MinSpend { short_minor: 100 })),
            offer(1500, None),
            offer(1500, None),
            offer(0, None),
        ];
        assert_eq!(best_offer(&offers), Some(2), "the first of equals wins");
        assert_eq!(best_offer(&offers[3..]), Some(0));
        assert_eq!(
            best_offer(&offers[4..]),
            None,
            "saving nothing is no suggestion"
        );
        assert_eq!(best_offer(&[]), None);
    }
}
