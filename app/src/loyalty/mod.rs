//! Loyalty points (issue 19): earned on what a shopper paid for goods,
//! pending until the line's return window has closed, then spendable and
//! expiring first in, first out. `db` keeps the grants (`points_lots`) and
//! the append-only ledger of the spendable balance (`points_ledger`);
//! `docs/loyalty.md` has the rules.
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod levels;
#[cfg(feature = "ssr")]
mod texts;
#[cfg(feature = "ssr")]
pub use texts::{LevelFigures, level_name, level_texts};

use serde::{Deserialize, Serialize};

/// What moved the spendable balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum EntryKind {
    /// A grant became available (its return window closed).
    Earn,
    Spend,
    Expire,
    /// Staff's change, with a reason.
    Adjust,
    /// A refund took back part of an available grant.
    Reverse,
}

#[cfg(feature = "ssr")]
pg_text!(EntryKind);

/// Where a grant of points stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum LotStatus {
    /// Earned on a line whose return window is open: not spendable yet.
    Pending,
    /// Spendable (what is left of it), until it expires.
    Available,
    /// Taken back before it became spendable.
    Cancelled,
    Expired,
}

#[cfg(feature = "ssr")]
pg_text!(LotStatus);

/// The shopper's points as the account page shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsSummary {
    /// Spendable now.
    pub available: i32,
    /// Earned on orders whose return window is still open.
    pub pending: i32,
    /// The first grant to expire soon (within its rule's notice days):
    /// how many points, and the day, in the shop's time zone.
    pub expiring: Option<(i32, String)>,
    /// Pending grants, newest first.
    pub pending_lines: Vec<PendingLine>,
    /// The ledger, newest first.
    pub history: Vec<HistoryLine>,
}

/// The shopper's level as the account page shows it. Its texts are
/// written by the server in both languages (the storefront's WASM carries
/// none of them), so switching language needs no new request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSummary {
    pub level: levels::MemberLevel,
    /// Progress to the next level: the window's spend and the threshold
    /// (minor units), when there is a next level.
    pub progress: Option<(i64, i64)>,
    pub zh: LevelTexts,
    pub en: LevelTexts,
}

/// A level summary's texts in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelTexts {
    pub name: String,
    /// The window's spend.
    pub spend: String,
    /// What it takes to reach the next level, or that there is none.
    pub next: String,
    /// The level is kept in grace until a day.
    pub kept: Option<String>,
    /// The level's points bonus.
    pub points: String,
}

/// Points earned on an order line, not spendable yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLine {
    pub points: i32,
    pub order_number: String,
    pub product: String,
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub kind: EntryKind,
    pub delta: i32,
    pub balance_after: i32,
    /// The order an earn or a reversal came from.
    pub order_number: Option<String>,
    /// Staff's reason for an adjustment.
    pub reason: Option<String>,
    pub at: String,
}

/// Points earned on `paid_minor` (goods after discounts, no shipping) at
/// `per_unit` points for each 100 minor units: whole units only, so
/// ¥19.99 at one point per yuan earns 19.
pub fn earned(paid_minor: i64, per_unit: i32) -> i32 {
    let points = paid_minor.max(0) / 100 * i64::from(per_unit.max(0));
    i32::try_from(points).unwrap_or(i32::MAX)
}

/// The part of a grant of `points` that `units` of a line of `qty` take
/// back: rounded down, so shares taken one by one never add up to more
/// than the grant, and all the units take back all of it.
pub fn share(points: i32, units: i32, qty: i32) -> i32 {
    if qty <= 0 || units <= 0 {
        return 0;
    }
    if units >= qty {
        return points;
    }
    (i64::from(points) * i64::from(units) / i64::from(qty)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_units_of_money_earn_points() {
        assert_eq!(earned(1999, 1), 19);
        assert_eq!(earned(10000, 2), 200);
        assert_eq!(earned(99, 1), 0);
        assert_eq!(earned(-500, 1), 0);
        assert_eq!(earned(5000, 0), 0);
    }

    #[test]
    fn shares_never_exceed_the_grant_and_all_units_take_all() {
        assert_eq!(share(10, 1, 3), 3);
        assert_eq!(share(10, 2, 3), 6);
        assert_eq!(share(10, 3, 3), 10);
        assert_eq!(share(10, 5, 3), 10);
        assert_eq!(share(10, 0, 3), 0);
        for points in 0..50 {
            for qty in 1..8 {
                for units in 0..=qty {
                    let s = share(points, units, qty);
                    assert!((0..=points).contains(&s));
                    assert!(s <= share(points, units + 1, qty));
                }
            }
        }
    }
}

/// The redemption terms of a points rule version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedeemTerms {
    /// The rule version the terms belong to.
    pub rule_id: i64,
    /// What one point pays, in minor units (1: 100 points are ¥1).
    pub minor_per_point: i64,
    /// The fewest points spent at once.
    pub min_points: i64,
    /// The largest share of the goods (after discounts) points may pay, in
    /// percent.
    pub max_pct: i64,
}
