//! The promotions engine: pure, deterministic arithmetic over integer minor
//! units. Given the lines, the rules in force and who is buying, it prices
//! the order and explains every discount (or why a coupon does not apply).
//!
//! Stacking rules (also in docs/promotions.md):
//! 1. Sales (限时折扣) and member prices change unit prices. A line gets at
//!    most one sale: the one that saves the most (the lower id on a tie);
//!    the buyer's member price replaces it when lower still. A line at a
//!    member price counts as a sale item (for coupons that exclude them).
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
//! 7. Points (`points::redeem`) come last, on the goods after every
//!    discount, never on delivery: at most the rule's share of them, at
//!    least its minimum, split over the lines in proportion.
use super::{AppliedDiscount, CouponBenefit, CouponProblem, Offer, Promotion, PromotionKind};

/// A promotion as the engine meets it: the stored promotion, its name in
/// the shopper's language, and its uses so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub promotion: Promotion,
    pub label: String,
    /// 满减 only: each tier's own name ("满 300 减 50"), in the order of the
    /// tiers, so the discount line names the tier reached rather than the
    /// whole ladder. A missing name falls back to `label`.
    pub tier_labels: Vec<String>,
    pub used_count: i64,
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
    /// The buyer's member price for the variant (the lowest set for their
    /// level or one below), if any.
    pub member_unit_minor: Option<i64>,
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
    /// Priced at the buyer's member price (rule 1) rather than a sale.
    pub member_price: bool,
    /// Share of the order-level discounts.
    pub discount_minor: i64,
    /// Points spent on this line (rule 7), and what they paid.
    pub points: i64,
    pub points_minor: i64,
    /// sale_unit × qty − discount − points_minor.
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
    /// The points the shopper may spend, and spends (signed-in shoppers).
    pub points: Option<super::points::PointsUse>,
}

impl PricedLine {
    /// At a sale or member price: a sale item for coupons that exclude them.
    pub fn discounted(&self) -> bool {
        self.sale.is_some() || self.member_price
    }
}

impl Rule {
    pub fn kind(&self) -> PromotionKind {
        self.promotion.kind()
    }

    fn within_limits(&self) -> bool {
        let p = &self.promotion;
        p.usage_limit.is_none_or(|l| self.used_count < i64::from(l))
            && p.per_customer_limit
                .is_none_or(|l| self.customer_uses < i64::from(l))
    }

    fn is_free_shipping(&self) -> bool {
        matches!(
            self.promotion.offer,
            Offer::Coupon {
                benefit: CouponBenefit::FreeShipping,
                ..
            }
        )
    }

    fn live(&self, now: i64) -> bool {
        self.promotion.in_window(now) && self.within_limits()
    }

    /// A sale's products and categories include the line's.
    fn covers(&self, line: &Line) -> bool {
        match &self.promotion.offer {
            Offer::Sale {
                product_ids,
                category_ids,
                ..
            } => {
                product_ids.contains(&line.product_id)
                    || line.category_ids.iter().any(|c| category_ids.contains(c))
            }
            _ => false,
        }
    }

    /// What this rule takes off `base` (never more than `base`); free
    /// delivery takes nothing off the goods.
    fn off(&self, base: i64) -> i64 {
        let off = match &self.promotion.offer {
            Offer::Threshold { tiers } => tiers.off(base),
            Offer::Coupon {
                benefit: CouponBenefit::FreeShipping,
                ..
            } => 0,
            Offer::Coupon {
                benefit: CouponBenefit::Off(off),
                ..
            }
            | Offer::Sale { off, .. }
            | Offer::NewCustomer { off, .. } => off.of(base),
        };
        off.min(base)
    }

    /// The name on this rule's discount line: a 满减 names the tier `base`
    /// reaches (the one `off` takes), anything else the promotion's name.
    fn line_label(&self, base: i64) -> String {
        let reached = match &self.promotion.offer {
            Offer::Threshold { tiers } => tiers.reached(base),
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
        .filter(|r| r.kind() == PromotionKind::Sale)
        .filter(|r| r.live(now))
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
    // 1. Sales: the best one per line.
    let mut priced: Vec<PricedLine> = lines
        .iter()
        .map(|l| {
            let (sale_unit, sale) = match best_sale(rules, l, ctx.now) {
                Some((off, r)) => (l.unit_minor - off, Some((r.id, r.label.clone()))),
                None => (l.unit_minor, None),
            };
            let member = l.member_unit_minor.filter(|m| (0..sale_unit).contains(m));
            let (sale_unit, sale) = match member {
                Some(m) => (m, None),
                None => (sale_unit, sale),
            };
            PricedLine {
                variant_id: l.variant_id,
                qty: l.qty,
                unit_minor: l.unit_minor,
                sale_unit_minor: sale_unit,
                sale,
                member_price: member.is_some(),
                discount_minor: 0,
                points: 0,
                points_minor: 0,
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
            .filter(|r| r.kind() == kind)
            .filter(|r| r.live(ctx.now))
            .filter(|r| merchandise >= r.promotion.min_spend_minor())
            // Tiers are reached on the merchandise total; anything else is
            // worked out on what is left. Either is capped by what is left.
            .map(|r| match r.promotion.offer {
                Offer::Threshold { .. } => (r.off(merchandise).min(left), r),
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
                let eligible =
                    |l: &PricedLine| r.promotion.applies_to_sale_items() || !l.discounted();
                if r.is_free_shipping() {
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
        points: None,
    }
}

fn check_coupon(r: &Rule, lines: &[PricedLine], ctx: &Context) -> Result<(), CouponProblem> {
    let p = &r.promotion;
    if p.starts_at.is_some_and(|s| ctx.now < s) {
        return Err(CouponProblem::NotStarted);
    }
    if p.ends_at.is_some_and(|e| ctx.now >= e) {
        return Err(CouponProblem::Expired);
    }
    if p.usage_limit.is_some_and(|l| r.used_count >= i64::from(l)) {
        return Err(CouponProblem::UsedUp);
    }
    if p.per_customer_limit
        .is_some_and(|l| r.customer_uses >= i64::from(l))
    {
        return Err(CouponProblem::AlreadyUsed);
    }
    // The minimum spend is measured before order-level discounts, on the
    // lines the coupon covers.
    let eligible: i64 = lines
        .iter()
        .filter(|l| p.applies_to_sale_items() || !l.discounted())
        .map(|l| l.sale_unit_minor * l.qty)
        .sum();
    if eligible == 0 && !lines.is_empty() {
        return Err(CouponProblem::NoEligibleItems);
    }
    if eligible < p.min_spend_minor() {
        return Err(CouponProblem::MinSpend {
            short_minor: p.min_spend_minor() - eligible,
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
