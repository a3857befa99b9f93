//! `/admin/loyalty`: the points rules (`points`), how member levels are kept (the window, the grace
//! period) and what each level gives (the spend that reaches it, its points
//! bonus, its free-shipping threshold), and member prices per variant.
//! Membership benefits change prices, so they take the promotion editors'
//! permission; every save is in the audit log.
pub mod api;
pub mod coupons;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod points;

use super::AdminFn;
use crate::accounts::Permission;
use crate::error::{ErrorKey, FieldError};
use crate::loyalty::levels::MemberLevel;
use crate::text::parse_money;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/loyalty", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/levels", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/member-price", Permission::PromotionEdit),
    AdminFn::read("admin/loyalty/coupons", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/coupon-terms", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/issue-coupon", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/birthday-coupon", Permission::PromotionEdit),
    AdminFn::read("admin/loyalty/points", Permission::PromotionEdit),
    AdminFn::write("admin/loyalty/points-rules", Permission::PromotionEdit),
];

/// Member prices listed at once (the newest changes first).
pub const PRICES_SHOWN: i64 = 20;

/// A level and its benefits, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelRow {
    pub level: MemberLevel,
    pub threshold_minor: i64,
    pub points_pct: i32,
    /// Standard delivery free from (None: the shop's threshold).
    pub free_shipping_minor: Option<i64>,
    /// Shoppers at the level now.
    pub members: i64,
}

/// A member price, with what it is a price of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPriceRow {
    pub sku: String,
    pub product: String,
    pub level: MemberLevel,
    pub price_minor: i64,
    pub list_minor: i64,
}

/// The page's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoyaltyOverview {
    pub window_days: i32,
    pub grace_days: i32,
    pub levels: Vec<LevelRow>,
    /// The latest changed member prices, and how many there are.
    pub prices: Vec<MemberPriceRow>,
    pub prices_total: i64,
}

/// The levels form as typed: amounts in yuan, a blank free-shipping
/// threshold meaning the shop's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelsForm {
    pub window_days: String,
    pub grace_days: String,
    /// One per level, lowest first.
    pub levels: Vec<LevelFormRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelFormRow {
    pub level: MemberLevel,
    pub threshold: String,
    pub points_pct: String,
    pub free_shipping: String,
}

/// The levels form, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelRules {
    pub window_days: i32,
    pub grace_days: i32,
    pub levels: Vec<LevelBenefits>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelBenefits {
    pub level: MemberLevel,
    pub threshold_minor: i64,
    pub points_pct: i32,
    pub free_shipping_minor: Option<i64>,
}

/// Highest threshold and free-shipping amount accepted: ¥10,000,000.
const MAX_MINOR: i64 = 1_000_000_000;

/// The field name of level `level`'s `what` in the form.
pub fn level_field(level: MemberLevel, what: &str) -> String {
    format!("{}_{what}", level.as_str())
}

impl LevelsForm {
    pub fn from_overview(o: &LoyaltyOverview) -> Self {
        let yuan = |m: i64| crate::ui::kit::format_money(m, "CNY").replace(['¥', ','], "");
        LevelsForm {
            window_days: o.window_days.to_string(),
            grace_days: o.grace_days.to_string(),
            levels: o
                .levels
                .iter()
                .map(|l| LevelFormRow {
                    level: l.level,
                    threshold: yuan(l.threshold_minor),
                    points_pct: l.points_pct.to_string(),
                    free_shipping: l.free_shipping_minor.map(yuan).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Every level once, the lowest reached with nothing, each higher one
    /// needing more than the one below; each wrong field named.
    pub fn parse(&self) -> Result<LevelRules, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut days = |field: &str, v: &str, lo: i32, hi: i32| match v.trim().parse::<i32>() {
            Ok(n) if (lo..=hi).contains(&n) => n,
            _ => {
                errors.push(FieldError::new(field, ErrorKey::NumberInvalid));
                lo
            }
        };
        let window_days = days("window_days", &self.window_days, 30, 730);
        let grace_days = days("grace_days", &self.grace_days, 0, 365);
        let mut levels: Vec<LevelBenefits> = Vec::new();
        let mut seen: Vec<MemberLevel> = self.levels.iter().map(|l| l.level).collect();
        seen.sort();
        seen.dedup();
        if seen != MemberLevel::ALL || self.levels.len() != MemberLevel::ALL.len() {
            errors.push(FieldError::new("levels", ErrorKey::BadRequest));
            return Err(errors);
        }
        let mut rows = self.levels.clone();
        rows.sort_by_key(|r| r.level);
        for r in &rows {
            let field = |what| level_field(r.level, what);
            let below = levels.last().map(|l| l.threshold_minor);
            let threshold = match parse_money(&r.threshold) {
                Some(m) if m <= MAX_MINOR => {
                    if !below.map_or(m == 0, |b| m > b) {
                        errors.push(FieldError::new(
                            &field("threshold"),
                            ErrorKey::LevelThresholdOrder,
                        ));
                    }
                    m
                }
                _ => {
                    errors.push(FieldError::new(
                        &field("threshold"),
                        ErrorKey::NumberInvalid,
                    ));
                    below.map_or(0, |b| b + 1)
                }
            };
            let points_pct = match r.points_pct.trim().parse::<i32>() {
                Ok(n) if (100..=1000).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new(
                        &field("points_pct"),
                        ErrorKey::NumberInvalid,
                    ));
                    100
                }
            };
            let free = r.free_shipping.trim();
            let free_shipping_minor = if free.is_empty() {
                None
            } else {
                match parse_money(free) {
                    Some(m) if m <= MAX_MINOR => Some(m),
                    _ => {
                        errors.push(FieldError::new(
                            &field("free_shipping"),
                            ErrorKey::NumberInvalid,
                        ));
                        None
                    }
                }
            };
            levels.push(LevelBenefits {
                level: r.level,
                threshold_minor: threshold,
                points_pct,
                free_shipping_minor,
            });
        }
        if errors.is_empty() {
            Ok(LevelRules {
                window_days,
                grace_days,
                levels,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(thresholds: [&str; 4]) -> LevelsForm {
        LevelsForm {
            window_days: "365".into(),
            grace_days: "30".into(),
            levels: MemberLevel::ALL
                .into_iter()
                .zip(thresholds)
                .map(|(level, t)| LevelFormRow {
                    level,
                    threshold: t.into(),
                    points_pct: "150".into(),
                    free_shipping: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn levels_need_rising_thresholds_from_nothing() {
        let ok = form(["0", "1000", "5000", "20000.50"]).parse().unwrap();
        assert_eq!(ok.levels[3].threshold_minor, 2_000_050);
        assert_eq!(ok.levels[0].free_shipping_minor, None);
        let fields = |f: LevelsForm| {
            f.parse()
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(form(["0", "1000", "1000", "9000"])),
            ["gold_threshold"]
        );
        assert_eq!(
            fields(form(["5", "1000", "2000", "9000"])),
            ["regular_threshold"]
        );
        assert_eq!(
            fields(form(["0", "abc", "2000", "9000"])),
            ["silver_threshold"]
        );
        let mut f = form(["0", "1", "2", "3"]);
        f.levels[1].points_pct = "99".into();
        f.levels[2].free_shipping = "-5".into();
        f.grace_days = "400".into();
        assert_eq!(
            fields(f),
            ["grace_days", "silver_points_pct", "gold_free_shipping"]
        );
        let mut f = form(["0", "1", "2", "3"]);
        f.levels.pop();
        assert_eq!(fields(f), ["levels"]);
    }
}
