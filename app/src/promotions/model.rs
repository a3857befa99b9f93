//! The one promotion model. `Promotion` is what the editor's validator
//! produces, what the database stores and loads, what the back-office list
//! shows and what the engine prices with. Each kind carries only what it
//! uses, so a 满减 without tiers, a coupon without a code or free delivery on
//! a sale cannot be written down. Pure: the browser validates and reads it
//! too.
//!
//! `PromotionColumns` is the same promotion laid flat, one field per column
//! of `promotions`: the shape the database and the JSON of the list use.
//! Reading one back checks it (`Promotion::try_from`), so a row the model
//! cannot hold is an error, never quietly reinterpreted.
use super::PromotionKind;
use serde::{Deserialize, Serialize};

/// Most tiers one 满减 may have.
pub const MAX_TIERS: usize = 5;

/// One 满减 tier as stored in `promotions.tiers`: from `min_minor` of goods,
/// `off_minor` off the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub min_minor: i64,
    pub off_minor: i64,
}

impl Tier {
    /// A tier takes something off, and less than its own minimum.
    pub fn is_valid(&self) -> bool {
        self.off_minor > 0 && self.off_minor < self.min_minor
    }
}

/// Why a list of tiers is not a 满减's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TiersError {
    Empty,
    TooMany,
    /// The tier at this index takes off nothing, or its whole minimum.
    BadTier(usize),
    /// The minimums do not rise.
    NotRising,
}

impl std::fmt::Display for TiersError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TiersError::Empty => write!(f, "no tiers"),
            TiersError::TooMany => write!(f, "more than {MAX_TIERS} tiers"),
            TiersError::BadTier(i) => write!(f, "tier {i} takes off nothing or everything"),
            TiersError::NotRising => write!(f, "tier minimums do not rise"),
        }
    }
}

/// A 满减's tiers: one to `MAX_TIERS`, each valid, minimums rising. The
/// editor's validator (in the browser and on the server) and every read of
/// stored tiers go through `Tiers::new`, so both hold the same rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Tier>", into = "Vec<Tier>")]
pub struct Tiers(Vec<Tier>);

impl Tiers {
    /// How many tiers a 满减 may have, checked before reading any.
    pub fn check_count(n: usize) -> Result<(), TiersError> {
        match n {
            0 => Err(TiersError::Empty),
            n if n > MAX_TIERS => Err(TiersError::TooMany),
            _ => Ok(()),
        }
    }

    pub fn new(tiers: Vec<Tier>) -> Result<Self, TiersError> {
        Self::check_count(tiers.len())?;
        if let Some(i) = tiers.iter().position(|t| !t.is_valid()) {
            return Err(TiersError::BadTier(i));
        }
        if tiers.windows(2).any(|w| w[1].min_minor <= w[0].min_minor) {
            return Err(TiersError::NotRising);
        }
        Ok(Tiers(tiers))
    }

    pub fn as_slice(&self) -> &[Tier] {
        &self.0
    }

    /// What the highest tier `base` reaches takes off (0 below the first).
    pub fn off(&self, base: i64) -> i64 {
        self.reached(base).map_or(0, |i| self.0[i].off_minor)
    }

    /// The index of the tier `base` reaches that takes off the most.
    pub fn reached(&self, base: i64) -> Option<usize> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, t)| base >= t.min_minor)
            .max_by_key(|(_, t)| t.off_minor)
            .map(|(i, _)| i)
    }
}

impl TryFrom<Vec<Tier>> for Tiers {
    type Error = TiersError;
    fn try_from(tiers: Vec<Tier>) -> Result<Self, TiersError> {
        Tiers::new(tiers)
    }
}

impl From<Tiers> for Vec<Tier> {
    fn from(t: Tiers) -> Self {
        t.0
    }
}

/// A share or a sum off: what a sale, a new-customer offer or most coupons
/// take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    /// 1 to 100.
    Percent(i32),
    /// Minor units, above zero.
    Amount(i64),
}

impl Off {
    /// What this takes off `base` (never more than `base`).
    pub fn of(self, base: i64) -> i64 {
        let off = match self {
            Off::Percent(p) => base.saturating_mul(i64::from(p.clamp(0, 100))) / 100,
            Off::Amount(a) => a.max(0),
        };
        off.min(base)
    }
}

/// What a coupon gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouponBenefit {
    Off(Off),
    /// The whole delivery fee.
    FreeShipping,
}

/// The kind of promotion, with what only that kind has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// Applies when the shopper types its code (stored upper-case).
    Coupon {
        code: String,
        benefit: CouponBenefit,
        min_spend_minor: i64,
        /// False counts only full-price lines, for the minimum and the discount.
        applies_to_sale_items: bool,
    },
    /// 满减: the highest tier the goods reach, once per order.
    Threshold { tiers: Tiers },
    /// 限时折扣: off each unit of the products and categories (any level) listed.
    Sale {
        off: Off,
        product_ids: Vec<i64>,
        category_ids: Vec<i64>,
    },
    /// Off the order of an account that has never ordered.
    NewCustomer { off: Off, min_spend_minor: i64 },
}

/// A promotion as stored and priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "PromotionColumns", try_from = "PromotionColumns")]
pub struct Promotion {
    pub name_zh: String,
    pub name_en: String,
    pub offer: Offer,
    /// Unix seconds; `None` is open at that end.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub active: bool,
}

impl Promotion {
    pub fn kind(&self) -> PromotionKind {
        match self.offer {
            Offer::Coupon { .. } => PromotionKind::Coupon,
            Offer::Threshold { .. } => PromotionKind::Threshold,
            Offer::Sale { .. } => PromotionKind::Sale,
            Offer::NewCustomer { .. } => PromotionKind::NewCustomer,
        }
    }

    /// A coupon's code.
    pub fn code(&self) -> Option<&str> {
        match &self.offer {
            Offer::Coupon { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The goods a coupon or new-customer offer needs (a 满减's tiers are its
    /// own minimums; a sale is per item).
    pub fn min_spend_minor(&self) -> i64 {
        match self.offer {
            Offer::Coupon {
                min_spend_minor, ..
            }
            | Offer::NewCustomer {
                min_spend_minor, ..
            } => min_spend_minor,
            Offer::Threshold { .. } | Offer::Sale { .. } => 0,
        }
    }

    /// Only a coupon may leave sale items out.
    pub fn applies_to_sale_items(&self) -> bool {
        match self.offer {
            Offer::Coupon {
                applies_to_sale_items,
                ..
            } => applies_to_sale_items,
            _ => true,
        }
    }

    /// Between its start (included) and its end (excluded) at `now`.
    pub fn in_window(&self, now: i64) -> bool {
        self.starts_at.is_none_or(|s| s <= now) && self.ends_at.is_none_or(|e| now < e)
    }
}

/// A promotion laid flat, one field per column: what the database stores
/// (a 满减 has `tiers` and no other benefit; anything else exactly one of
/// `percent_off`, `amount_off_minor` or, a coupon, `free_shipping`; unused
/// columns empty) and the list's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionColumns {
    pub kind: PromotionKind,
    pub code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub percent_off: Option<i32>,
    pub amount_off_minor: Option<i64>,
    pub free_shipping: bool,
    /// Some for a 满减 only.
    pub tiers: Option<Vec<Tier>>,
    pub min_spend_minor: i64,
    pub product_ids: Vec<i64>,
    pub category_ids: Vec<i64>,
    pub applies_to_sale_items: bool,
    /// Unix seconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub active: bool,
}

impl From<Promotion> for PromotionColumns {
    fn from(p: Promotion) -> Self {
        let kind = p.kind();
        let (min_spend_minor, applies_to_sale_items) =
            (p.min_spend_minor(), p.applies_to_sale_items());
        let mut c = PromotionColumns {
            kind,
            code: None,
            name_zh: p.name_zh,
            name_en: p.name_en,
            percent_off: None,
            amount_off_minor: None,
            free_shipping: false,
            tiers: None,
            min_spend_minor,
            product_ids: Vec::new(),
            category_ids: Vec::new(),
            applies_to_sale_items,
            starts_at: p.starts_at,
            ends_at: p.ends_at,
            usage_limit: p.usage_limit,
            per_customer_limit: p.per_customer_limit,
            active: p.active,
        };
        let off = match p.offer {
            Offer::Coupon { code, benefit, .. } => {
                c.code = Some(code);
                match benefit {
                    CouponBenefit::Off(off) => Some(off),
                    CouponBenefit::FreeShipping => {
                        c.free_shipping = true;
                        None
                    }
                }
            }
            Offer::Threshold { tiers } => {
                c.tiers = Some(tiers.into());
                None
            }
            Offer::Sale {
                off,
                product_ids,
                category_ids,
            } => {
                c.product_ids = product_ids;
                c.category_ids = category_ids;
                Some(off)
            }
            Offer::NewCustomer { off, .. } => Some(off),
        };
        match off {
            Some(Off::Percent(p)) => c.percent_off = Some(p),
            Some(Off::Amount(a)) => c.amount_off_minor = Some(a),
            None => {}
        }
        c
    }
}

/// Stored columns the model cannot hold, with what is wrong (for the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPromotion(pub String);

impl std::fmt::Display for BadPromotion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "promotion the model cannot hold: {}", self.0)
    }
}

fn bad(what: &str) -> BadPromotion {
    BadPromotion(what.to_string())
}

impl PromotionColumns {
    /// The one percent or amount off, if there is exactly one.
    fn off(&self) -> Result<Option<Off>, BadPromotion> {
        match (self.percent_off, self.amount_off_minor) {
            (Some(p), None) if (1..=100).contains(&p) => Ok(Some(Off::Percent(p))),
            (None, Some(a)) if a > 0 => Ok(Some(Off::Amount(a))),
            (None, None) => Ok(None),
            _ => Err(bad("percent and amount off")),
        }
    }

    /// The kind's offer; columns only another kind uses must be empty.
    fn offer(&mut self) -> Result<Offer, BadPromotion> {
        use PromotionKind::*;
        let off = self.off()?;
        let kind = self.kind;
        let foreign = |owner: PromotionKind, set: bool| set && kind != owner;
        if foreign(
            Coupon,
            self.code.is_some() || self.free_shipping || !self.applies_to_sale_items,
        ) || foreign(Threshold, self.tiers.is_some())
            || foreign(
                Sale,
                !self.product_ids.is_empty() || !self.category_ids.is_empty(),
            )
            || (matches!(kind, Threshold | Sale) && self.min_spend_minor != 0)
        {
            return Err(bad("a column this kind does not use is set"));
        }
        let needs_off = |off: Option<Off>| off.ok_or_else(|| bad("no percent or amount off"));
        Ok(match kind {
            Coupon => Offer::Coupon {
                code: self
                    .code
                    .take()
                    .ok_or_else(|| bad("a coupon without a code"))?,
                benefit: match (self.free_shipping, off) {
                    (true, None) => CouponBenefit::FreeShipping,
                    (false, Some(off)) => CouponBenefit::Off(off),
                    _ => return Err(bad("a coupon gives exactly one thing")),
                },
                min_spend_minor: self.min_spend_minor,
                applies_to_sale_items: self.applies_to_sale_items,
            },
            Threshold if off.is_some() => return Err(bad("a 满减 with percent or amount off")),
            Threshold => {
                let tiers = self
                    .tiers
                    .take()
                    .ok_or_else(|| bad("a 满减 without tiers"))?;
                Offer::Threshold {
                    tiers: Tiers::new(tiers).map_err(|e| BadPromotion(e.to_string()))?,
                }
            }
            Sale => Offer::Sale {
                off: needs_off(off)?,
                product_ids: std::mem::take(&mut self.product_ids),
                category_ids: std::mem::take(&mut self.category_ids),
            },
            NewCustomer => Offer::NewCustomer {
                off: needs_off(off)?,
                min_spend_minor: self.min_spend_minor,
            },
        })
    }
}

impl TryFrom<PromotionColumns> for Promotion {
    type Error = BadPromotion;
    fn try_from(mut c: PromotionColumns) -> Result<Self, BadPromotion> {
        if c.min_spend_minor < 0 {
            return Err(bad("a negative minimum spend"));
        }
        let offer = c.offer()?;
        Ok(Promotion {
            name_zh: c.name_zh,
            name_en: c.name_en,
            offer,
            starts_at: c.starts_at,
            ends_at: c.ends_at,
            usage_limit: c.usage_limit,
            per_customer_limit: c.per_customer_limit,
            active: c.active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(min_minor: i64, off_minor: i64) -> Tier {
        Tier {
            min_minor,
            off_minor,
        }
    }

    fn sale() -> Promotion {
        Promotion {
            name_zh: "限时折扣".into(),
            name_en: "Flash sale".into(),
            offer: Offer::Sale {
                off: Off::Percent(15),
                product_ids: vec![3],
                category_ids: vec![],
            },
            starts_at: Some(1_772_325_000),
            ends_at: None,
            usage_limit: None,
            per_customer_limit: Some(2),
            active: true,
        }
    }

    #[test]
    fn tiers_hold_the_editors_rules() {
        assert_eq!(Tiers::new(vec![]), Err(TiersError::Empty));
        assert_eq!(
            Tiers::new(vec![tier(100, 10); MAX_TIERS + 1]),
            Err(TiersError::TooMany)
        );
        assert_eq!(
            Tiers::new(vec![tier(100, 10), tier(200, 200)]),
            Err(TiersError::BadTier(1))
        );
        assert_eq!(
            Tiers::new(vec![tier(300, 50), tier(300, 60)]),
            Err(TiersError::NotRising)
        );
        let t = Tiers::new(vec![tier(30_000, 5_000), tier(60_000, 12_000)]).unwrap();
        assert_eq!(
            (t.off(29_999), t.off(30_000), t.off(90_000)),
            (0, 5_000, 12_000)
        );
        // Stored tiers are read with the same rules.
        let bad: Result<Tiers, _> =
            serde_json::from_value(serde_json::json!([{"min_minor": 100, "off_minor": 0}]));
        assert!(bad.is_err());
    }

    #[test]
    fn columns_round_trip_and_refuse_what_the_model_cannot_hold() {
        let p = sale();
        let c = PromotionColumns::from(p.clone());
        assert_eq!(
            (c.kind, c.percent_off, c.product_ids.clone()),
            (PromotionKind::Sale, Some(15), vec![3])
        );
        assert_eq!(Promotion::try_from(c.clone()), Ok(p.clone()));
        // JSON is the flat columns.
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["kind"], "sale");
        assert_eq!(serde_json::from_value::<Promotion>(json).unwrap(), p);

        let refused = |change: fn(&mut PromotionColumns)| {
            let mut c = PromotionColumns::from(sale());
            change(&mut c);
            Promotion::try_from(c).is_err()
        };
        assert!(
            refused(|c| c.kind = PromotionKind::Coupon),
            "a coupon without a code"
        );
        assert!(
            refused(|c| c.kind = PromotionKind::Threshold),
            "a 满减 without tiers"
        );
        assert!(
            refused(|c| c.free_shipping = true),
            "free delivery on a sale"
        );
        assert!(refused(|c| c.amount_off_minor = Some(500)), "two benefits");
        assert!(refused(|c| c.percent_off = None), "no benefit");
        assert!(refused(|c| c.percent_off = Some(0)), "nothing off");
        assert!(refused(|c| c.min_spend_minor = 100), "a minimum on a sale");
        assert!(refused(|c| c.tiers = Some(vec![])), "tiers on a sale");
    }
}
