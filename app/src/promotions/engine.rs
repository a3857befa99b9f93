//! The promotions engine: pure, deterministic arithmetic over integer minor
//! units. Given the lines, the rules in force and who is buying, it prices
//! the order and explains every discount (or why a coupon does not apply).
//!
//! Stacking rules (also in docs/promotions.md):
//! 1. Sales (限时折扣) change unit prices. A line gets at most one sale: the
//!    one that saves the most (the lower id on a tie).
//! 2. One threshold promotion (满减) per order, on the merchandise after
//!    sales: the highest tier reached, applied once per order, never per item.
//!    If several thresholds qualify the one that saves the most wins.
//! 3. One new-customer offer, for an account with no order yet, on what is
//!    left after the threshold.
//! 4. One coupon, on what is left after 2 and 3. A coupon that does not
//!    apply to sale items counts only full-price lines, both for its minimum
//!    spend and for its discount.
//! 5. Free shipping (a coupon) takes the whole shipping fee off.
//! 6. Every discount is capped at what is left, and order-level discounts are
//!    shared out over the lines in proportion, so no line and no total is
//!    ever negative.
use super::{AppliedDiscount, CouponProblem, PromotionKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Benefit {
    PercentOff(i64),
    AmountOff(i64),
    FreeShipping,
    /// (minimum spend, amount off), any order.
    Tiers(Vec<(i64, i64)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub kind: PromotionKind,
    pub label: String,
    /// 满减 only: each tier's own name ("满 300 减 50"), in the order of the
    /// tiers, so the discount line names the tier reached rather than the
    /// whole ladder. A missing name falls back to `label`.
    pub tier_labels: Vec<String>,
    pub benefit: Benefit,
    pub min_spend_minor: i64,
    /// Sales only: the products and categories (any level) they cover.
    pub product_ids: Vec<i64>,
    pub category_ids: Vec<i64>,
    pub applies_to_sale_items: bool,
    /// Unix seconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i64>,
    pub used_count: i64,
    pub per_customer_limit: Option<i64>,
    /// Unreleased uses by this customer.
    pub customer_uses: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub variant_id: i64,
    pub product_id: i64,
    /// The product's category and all its ancestors.
    pub category_ids: Vec<i64>,
    pub unit_minor: i64,
    pub qty: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub now: i64,
    /// An account with no order yet (guests never are).
    pub new_customer: bool,
    pub shipping_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub variant_id: i64,
    pub qty: i64,
    pub unit_minor: i64,
    pub sale_unit_minor: i64,
    pub sale: Option<(i64, String)>,
    /// Share of the order-level discounts.
    pub discount_minor: i64,
    /// sale_unit × qty − discount.
    pub paid_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub lines: Vec<PricedLine>,
    pub list_minor: i64,
    pub sale_savings_minor: i64,
    /// Threshold, new-customer and coupon amounts (shipping excluded).
    pub discounts: Vec<AppliedDiscount>,
    pub discount_minor: i64,
    pub shipping_minor: i64,
    pub shipping_discount_minor: i64,
    pub total_minor: i64,
    pub coupon_problem: Option<CouponProblem>,
}

impl Rule {
    fn in_window(&self, now: i64) -> bool {
        self.starts_at.is_none_or(|s| s <= now) && self.ends_at.is_none_or(|e| now < e)
    }

    fn within_limits(&self) -> bool {
        self.usage_limit.is_none_or(|l| self.used_count < l)
            && self
                .per_customer_limit
                .is_none_or(|l| self.customer_uses < l)
    }

    fn covers(&self, line: &Line) -> bool {
        self.product_ids.contains(&line.product_id)
            || line
                .category_ids
                .iter()
                .any(|c| self.category_ids.contains(c))
    }

    /// What this rule takes off `base` (never more than `base`).
    fn off(&self, base: i64) -> i64 {
        let off = match &self.benefit {
            Benefit::PercentOff(p) => base.saturating_mul((*p).clamp(0, 100)) / 100,
            Benefit::AmountOff(a) => (*a).max(0),
            Benefit::FreeShipping => 0,
            Benefit::Tiers(tiers) => tiers
                .iter()
                .filter(|(min, _)| base >= *min)
                .map(|(_, off)| (*off).max(0))
                .max()
                .unwrap_or(0),
        };
        off.min(base)
    }

    /// The name on this rule's discount line: a 满减 names the tier `base`
    /// reaches (the one `off` takes), anything else the promotion's name.
    fn line_label(&self, base: i64) -> String {
        let reached = match &self.benefit {
            Benefit::Tiers(tiers) => tiers
                .iter()
                .enumerate()
                .filter(|(_, (min, _))| base >= *min)
                .max_by_key(|(_, (_, off))| *off)
                .map(|(i, _)| i),
            _ => None,
        };
        reached
            .and_then(|i| self.tier_labels.get(i))
            .unwrap_or(&self.label)
            .clone()
    }
}

/// The sale that takes the most off one unit of `line` now (the lower id
/// on a tie), with the amount it takes off. The product page shows it too.
pub fn best_sale<'a>(rules: &'a [Rule], line: &Line, now: i64) -> Option<(i64, &'a Rule)> {
    rules
        .iter()
        .filter(|r| r.kind == PromotionKind::Sale)
        .filter(|r| r.in_window(now) && r.within_limits())
        .filter(|r| r.covers(line))
        .map(|r| (r.off(line.unit_minor), r))
        .filter(|(off, _)| *off > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.id.cmp(&a.1.id)))
}

/// Prices `lines` under `rules` (automatic promotions) and `coupon` (the rule
/// for the code the shopper typed, `Err` if no such code exists).
pub fn price(
    lines: &[Line],
    rules: &[Rule],
    coupon: Option<Result<&Rule, CouponProblem>>,
    ctx: &Context,
) -> Priced {
    let live = |r: &&Rule| r.in_window(ctx.now) && r.within_limits();

    // 1. Sales: the best one per line.
    let mut priced: Vec<PricedLine> = lines
        .iter()
        .map(|l| {
            let (sale_unit, sale) = match best_sale(rules, l, ctx.now) {
                Some((off, r)) => (l.unit_minor - off, Some((r.id, r.label.clone()))),
                None => (l.unit_minor, None),
            };
            PricedLine {
                variant_id: l.variant_id,
                qty: l.qty,
                unit_minor: l.unit_minor,
                sale_unit_minor: sale_unit,
                sale,
                discount_minor: 0,
                paid_minor: sale_unit * l.qty,
            }
        })
        .collect();
    let list_minor: i64 = lines.iter().map(|l| l.unit_minor * l.qty).sum();
    let merchandise: i64 = priced.iter().map(|l| l.paid_minor).sum();
    let mut discounts = Vec::new();

    // 2. and 3.: the best threshold, then the best new-customer offer.
    for kind in [PromotionKind::Threshold, PromotionKind::NewCustomer] {
        if kind == PromotionKind::NewCustomer && !ctx.new_customer {
            continue;
        }
        let left: i64 = priced.iter().map(|l| l.paid_minor).sum();
        let best = rules
            .iter()
            .filter(|r| r.kind == kind)
            .filter(live)
            .filter(|r| merchandise >= r.min_spend_minor)
            // Tiers are reached on the merchandise total; anything else is
            // worked out on what is left. Either is capped by what is left.
            .map(|r| match r.benefit {
                Benefit::Tiers(_) => (r.off(merchandise).min(left), r),
                _ => (r.off(left), r),
            })
            .filter(|(off, _)| *off > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.id.cmp(&a.1.id)));
        if let Some((off, r)) = best {
            share_out(&mut priced, off, |_| true);
            discounts.push(AppliedDiscount {
                promotion_id: r.id,
                kind,
                label: r.line_label(merchandise),
                amount_minor: off,
            });
        }
    }

    // 4. and 5.: the coupon.
    let mut shipping_discount = 0;
    let mut coupon_problem = None;
    match coupon {
        None => {}
        Some(Err(problem)) => coupon_problem = Some(problem),
        Some(Ok(r)) => match check_coupon(r, &priced, ctx) {
            Err(problem) => coupon_problem = Some(problem),
            Ok(()) => {
                let eligible = |l: &PricedLine| r.applies_to_sale_items || l.sale.is_none();
                if r.benefit == Benefit::FreeShipping {
                    shipping_discount = ctx.shipping_minor;
                } else {
                    let base: i64 = priced
                        .iter()
                        .filter(|l| eligible(l))
                        .map(|l| l.paid_minor)
                        .sum();
                    let off = r.off(base);
                    share_out(&mut priced, off, eligible);
                    if off > 0 {
                        discounts.push(AppliedDiscount {
                            promotion_id: r.id,
                            kind: PromotionKind::Coupon,
                            label: r.label.clone(),
                            amount_minor: off,
                        });
                    }
                }
            }
        },
    }

    let discount_minor: i64 = discounts.iter().map(|d| d.amount_minor).sum();
    let paid: i64 = priced.iter().map(|l| l.paid_minor).sum();
    Priced {
        sale_savings_minor: list_minor - merchandise,
        list_minor,
        discounts,
        discount_minor,
        shipping_minor: ctx.shipping_minor,
        shipping_discount_minor: shipping_discount,
        total_minor: paid + ctx.shipping_minor - shipping_discount,
        lines: priced,
        coupon_problem,
    }
}

fn check_coupon(r: &Rule, lines: &[PricedLine], ctx: &Context) -> Result<(), CouponProblem> {
    if r.starts_at.is_some_and(|s| ctx.now < s) {
        return Err(CouponProblem::NotStarted);
    }
    if r.ends_at.is_some_and(|e| ctx.now >= e) {
        return Err(CouponProblem::Expired);
    }
    if r.usage_limit.is_some_and(|l| r.used_count >= l) {
        return Err(CouponProblem::UsedUp);
    }
    if r.per_customer_limit.is_some_and(|l| r.customer_uses >= l) {
        return Err(CouponProblem::AlreadyUsed);
    }
    // The minimum spend is measured before order-level discounts, on the
    // lines the coupon covers.
    let eligible: i64 = lines
        .iter()
        .filter(|l| r.applies_to_sale_items || l.sale.is_none())
        .map(|l| l.sale_unit_minor * l.qty)
        .sum();
    if eligible == 0 && !lines.is_empty() {
        return Err(CouponProblem::NoEligibleItems);
    }
    if eligible < r.min_spend_minor {
        return Err(CouponProblem::MinSpend {
            short_minor: r.min_spend_minor - eligible,
        });
    }
    Ok(())
}

/// Takes `amount` off the lines `eligible` picks, in proportion to what each
/// still costs; the odd minor units go to the lines with the largest
/// remainders (then the earliest). `amount` never exceeds what they cost, so
/// no line goes below zero.
fn share_out(lines: &mut [PricedLine], amount: i64, eligible: impl Fn(&PricedLine) -> bool) {
    let idx: Vec<usize> = (0..lines.len()).filter(|&i| eligible(&lines[i])).collect();
    let base: i64 = idx.iter().map(|&i| lines[i].paid_minor).sum();
    let amount = amount.min(base);
    if amount <= 0 {
        return;
    }
    let mut given = 0;
    let mut rests: Vec<(i128, usize)> = Vec::with_capacity(idx.len());
    for &i in &idx {
        let exact = i128::from(amount) * i128::from(lines[i].paid_minor);
        let share = (exact / i128::from(base)) as i64;
        rests.push((exact % i128::from(base), i));
        lines[i].discount_minor += share;
        lines[i].paid_minor -= share;
        given += share;
    }
    rests.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in rests.iter() {
        if given == amount {
            break;
        }
        if lines[i].paid_minor > 0 {
            lines[i].discount_minor += 1;
            lines[i].paid_minor -= 1;
            given += 1;
        }
    }
}

#[cfg(test)]
mod tests;
