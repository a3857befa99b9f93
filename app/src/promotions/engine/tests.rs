use super::*;
use crate::promotions::{Off, Tier, Tiers};

const NOW: i64 = 1_800_000_000;

fn line(variant_id: i64, product_id: i64, cat: i64, unit: i64, qty: i64) -> Line {
    Line {
        variant_id,
        product_id,
        category_ids: vec![cat, 1],
        unit_minor: unit,
        qty,
        member_unit_minor: None,
    }
}

fn rule(id: i64, offer: Offer) -> Rule {
    Rule {
        id,
        promotion: Promotion {
            name_zh: String::new(),
            name_en: String::new(),
            offer,
            starts_at: None,
            ends_at: None,
            usage_limit: None,
            per_customer_limit: None,
            active: true,
        },
        label: format!("r{id}"),
        tier_labels: vec![],
        used_count: 0,
        customer_uses: 0,
    }
}

/// `r` with its stored promotion changed by `change`.
fn with(mut r: Rule, change: impl FnOnce(&mut Promotion)) -> Rule {
    change(&mut r.promotion);
    r
}

fn threshold(id: i64, tiers: &[(i64, i64)]) -> Rule {
    let tiers = tiers
        .iter()
        .map(|&(min_minor, off_minor)| Tier {
            min_minor,
            off_minor,
        })
        .collect();
    rule(
        id,
        Offer::Threshold {
            tiers: Tiers::new(tiers).unwrap(),
        },
    )
}

fn percent(p: i64) -> CouponBenefit {
    CouponBenefit::Off(Off::Percent(p as i32))
}

fn amount(a: i64) -> CouponBenefit {
    CouponBenefit::Off(Off::Amount(a))
}

fn new_customer(id: i64, off: Off) -> Rule {
    rule(
        id,
        Offer::NewCustomer {
            off,
            min_spend_minor: 0,
        },
    )
}

fn ctx(shipping: i64) -> Context {
    Context {
        now: NOW,
        new_customer: false,
        shipping_minor: shipping,
    }
}

/// ¥50 off over ¥300, ¥120 off over ¥600.
fn manjian(id: i64) -> Rule {
    threshold(id, &[(30_000, 5_000), (60_000, 12_000)])
}

fn sale(id: i64, percent: i64, products: Vec<i64>, cats: Vec<i64>) -> Rule {
    sale_of(id, Off::Percent(percent as i32), products, cats)
}

fn sale_of(id: i64, off: Off, product_ids: Vec<i64>, category_ids: Vec<i64>) -> Rule {
    rule(
        id,
        Offer::Sale {
            off,
            product_ids,
            category_ids,
        },
    )
}

fn coupon(id: i64, benefit: CouponBenefit) -> Rule {
    coupon_with(id, benefit, 0, true)
}

fn coupon_with(id: i64, benefit: CouponBenefit, min_spend_minor: i64, sale_items: bool) -> Rule {
    rule(
        id,
        Offer::Coupon {
            code: format!("C{id}"),
            benefit,
            min_spend_minor,
            applies_to_sale_items: sale_items,
        },
    )
}

/// Invariants every priced order must keep, whatever the rules.
fn assert_sound(p: &Priced) {
    for l in &p.lines {
        assert!(l.sale_unit_minor >= 0 && l.sale_unit_minor <= l.unit_minor);
        assert!(l.discount_minor >= 0);
        assert!(l.paid_minor >= 0, "line went negative: {l:?}");
        assert!(l.points >= 0 && l.points_minor >= 0);
        assert_eq!(
            l.paid_minor,
            l.sale_unit_minor * l.qty - l.discount_minor - l.points_minor
        );
    }
    let points_minor = points_minor_sum(p);
    let points: i64 = p.lines.iter().map(|l| l.points).sum();
    let paid: i64 = p.lines.iter().map(|l| l.paid_minor).sum();
    let spent = p.points.map_or((0, 0), |u| (u.spent, u.amount_minor));
    assert_eq!((points, points_minor), spent, "points not split exactly");
    if let Some(u) = p.points {
        assert!(u.spent <= u.usable && u.usable <= u.balance.max(0));
        assert!(u.usable == 0 || u.usable >= u.terms.min_points);
        // Never more than the rule's share of the goods after discounts.
        let goods = paid + points_minor;
        assert!(
            u.amount_minor * 100 <= goods * u.terms.max_pct,
            "{u:?} on {goods}"
        );
    }
    let shared: i64 = p.lines.iter().map(|l| l.discount_minor).sum();
    assert_eq!(shared, p.discount_minor, "discounts not fully shared out");
    assert_eq!(
        p.total_minor,
        paid + p.shipping_minor - p.shipping_discount_minor
    );
    assert_eq!(
        p.total_minor,
        p.list_minor - p.sale_savings_minor - p.discount_minor - points_minor + p.shipping_minor
            - p.shipping_discount_minor
    );
    assert!(p.total_minor >= 0);
}

fn points_minor_sum(p: &Priced) -> i64 {
    p.lines.iter().map(|l| l.points_minor).sum()
}

#[test]
fn no_rules_means_list_price_plus_shipping() {
    let p = price(&[line(1, 10, 5, 12_900, 2)], &[], None, &ctx(1_000));
    assert_sound(&p);
    assert_eq!(p.total_minor, 26_800);
    assert!(p.discounts.is_empty());
}

#[test]
fn threshold_takes_the_highest_tier_reached() {
    let rules = [manjian(1)];
    let at = |unit: i64| price(&[line(1, 10, 5, unit, 1)], &rules, None, &ctx(0));
    assert_eq!(at(29_999).discount_minor, 0);
    assert_eq!(at(30_000).discount_minor, 5_000);
    assert_eq!(at(59_999).discount_minor, 5_000);
    assert_eq!(at(60_000).discount_minor, 12_000);
    assert_eq!(at(200_000).discount_minor, 12_000);
    assert_sound(&at(60_000));
}

#[test]
fn threshold_applies_once_per_order_not_per_item() {
    // Ten items at ¥100: ¥1,000 reaches the ¥600 tier once (¥120), not ten times.
    let p = price(&[line(1, 10, 5, 10_000, 10)], &[manjian(1)], None, &ctx(0));
    assert_sound(&p);
    assert_eq!(p.discounts.len(), 1);
    assert_eq!(p.discount_minor, 12_000);
    assert_eq!(p.total_minor, 88_000);
    // Several lines: still one discount line, shared out across them.
    let p = price(
        &[line(1, 10, 5, 20_000, 1), line(2, 11, 5, 15_000, 1)],
        &[manjian(1)],
        None,
        &ctx(0),
    );
    assert_sound(&p);
    assert_eq!(p.discounts.len(), 1);
    assert_eq!(p.discount_minor, 5_000);
    assert!(p.lines.iter().all(|l| l.discount_minor > 0));
}

#[test]
fn a_threshold_line_names_the_tier_reached() {
    let named = Rule {
        tier_labels: vec!["300-50".to_string(), "600-120".to_string()],
        ..manjian(1)
    };
    let at = |unit: i64, rules: &[Rule]| price(&[line(1, 10, 5, unit, 1)], rules, None, &ctx(0));
    assert_eq!(
        at(35_000, std::slice::from_ref(&named)).discounts[0].label,
        "300-50"
    );
    assert_eq!(at(70_000, &[named]).discounts[0].label, "600-120");
    // Without tier names the promotion's own name stands.
    assert_eq!(at(35_000, &[manjian(1)]).discounts[0].label, "r1");
}

#[test]
fn of_two_thresholds_the_bigger_saving_wins() {
    let other = threshold(2, &[(30_000, 6_000)]);
    let p = price(
        &[line(1, 10, 5, 30_000, 1)],
        &[manjian(1), other],
        None,
        &ctx(0),
    );
    assert_eq!(p.discounts.len(), 1);
    assert_eq!(p.discounts[0].promotion_id, 2);
    assert_eq!(p.discount_minor, 6_000);
}

#[test]
fn threshold_is_reached_on_sale_prices() {
    // ¥320 list, 20% off → ¥256: below ¥300, so no 满减.
    let p = price(
        &[line(1, 10, 5, 32_000, 1)],
        &[manjian(1), sale(2, 20, vec![10], vec![])],
        None,
        &ctx(0),
    );
    assert_sound(&p);
    assert_eq!(p.sale_savings_minor, 6_400);
    assert_eq!(p.discount_minor, 0);
    assert_eq!(p.total_minor, 25_600);
}

#[test]
fn a_line_gets_only_its_best_sale() {
    let rules = [
        sale(1, 10, vec![10], vec![]),
        sale(2, 30, vec![], vec![5]),
        sale(3, 50, vec![99], vec![]),
    ];
    let p = price(&[line(1, 10, 5, 10_000, 1)], &rules, None, &ctx(0));
    assert_sound(&p);
    assert_eq!(p.lines[0].sale_unit_minor, 7_000);
    assert_eq!(p.lines[0].sale.as_ref().unwrap().0, 2);
    // Category ancestors count: category 1 is every line's root.
    let p = price(
        &[line(1, 10, 5, 10_000, 1)],
        &[sale(4, 25, vec![], vec![1])],
        None,
        &ctx(0),
    );
    assert_eq!(p.lines[0].sale_unit_minor, 7_500);
}

#[test]
fn a_sale_never_makes_a_price_negative() {
    let big = sale_of(1, Off::Amount(1_000_000), vec![10], vec![]);
    let p = price(&[line(1, 10, 5, 500, 3)], &[big], None, &ctx(800));
    assert_sound(&p);
    assert_eq!(p.lines[0].sale_unit_minor, 0);
    assert_eq!(p.total_minor, 800);
}

#[test]
fn fixed_coupon_bigger_than_the_order_stops_at_zero() {
    let c = coupon(1, amount(50_000));
    let p = price(&[line(1, 10, 5, 3_000, 1)], &[], Some(Ok(&c)), &ctx(1_000));
    assert_sound(&p);
    assert_eq!(p.discount_minor, 3_000);
    assert_eq!(p.lines[0].paid_minor, 0);
    // Shipping is still owed: a merchandise coupon never pays for delivery.
    assert_eq!(p.total_minor, 1_000);
}

#[test]
fn percent_coupon_rounds_down_and_shares_every_unit() {
    let c = coupon(1, percent(15));
    let lines = [
        line(1, 10, 5, 333, 1),
        line(2, 11, 5, 333, 1),
        line(3, 12, 5, 334, 1),
    ];
    let p = price(&lines, &[], Some(Ok(&c)), &ctx(0));
    assert_sound(&p);
    assert_eq!(p.discount_minor, 150);
    assert_eq!(p.total_minor, 850);
}

#[test]
fn free_shipping_coupon_takes_only_the_shipping_off() {
    let c = coupon(1, CouponBenefit::FreeShipping);
    let p = price(&[line(1, 10, 5, 5_000, 1)], &[], Some(Ok(&c)), &ctx(1_000));
    assert_sound(&p);
    assert_eq!(p.shipping_discount_minor, 1_000);
    assert_eq!(p.discount_minor, 0);
    assert_eq!(p.total_minor, 5_000);
    assert_eq!(p.coupon_problem, None);
}

#[test]
fn sale_plus_coupon_follows_the_stacking_flag() {
    let lines = [line(1, 10, 5, 10_000, 1), line(2, 11, 6, 10_000, 1)];
    let on_sale = sale(1, 50, vec![10], vec![]);
    // Stacks: 10% of (¥50 + ¥100).
    let stacking = coupon(2, percent(10));
    let p = price(
        &lines,
        std::slice::from_ref(&on_sale),
        Some(Ok(&stacking)),
        &ctx(0),
    );
    assert_sound(&p);
    assert_eq!(p.discount_minor, 1_500);
    // Full-price items only: 10% of ¥100, and the sale line keeps its price.
    let full_price_only = coupon_with(3, percent(10), 0, false);
    let p = price(
        &lines,
        std::slice::from_ref(&on_sale),
        Some(Ok(&full_price_only)),
        &ctx(0),
    );
    assert_sound(&p);
    assert_eq!(p.discount_minor, 1_000);
    assert_eq!(p.lines[0].discount_minor, 0);
    assert_eq!(p.lines[1].discount_minor, 1_000);
    // Only sale items in the cart: the coupon explains why it does nothing.
    let p = price(
        &lines[..1],
        std::slice::from_ref(&on_sale),
        Some(Ok(&full_price_only)),
        &ctx(0),
    );
    assert_eq!(p.coupon_problem, Some(CouponProblem::NoEligibleItems));
    assert_eq!(p.discount_minor, 0);
}

#[test]
fn coupon_minimum_spend_counts_only_the_lines_it_covers() {
    let c = coupon_with(2, amount(1_000), 10_000, false);
    let lines = [line(1, 10, 5, 20_000, 1), line(2, 11, 6, 6_000, 1)];
    let p = price(
        &lines,
        &[sale(1, 10, vec![10], vec![])],
        Some(Ok(&c)),
        &ctx(0),
    );
    assert_eq!(
        p.coupon_problem,
        Some(CouponProblem::MinSpend { short_minor: 4_000 })
    );
    assert_eq!(p.discount_minor, 0);
    assert_sound(&p);
}

#[test]
fn coupon_problems_are_explained_in_order() {
    let lines = [line(1, 10, 5, 10_000, 1)];
    let check = |c: Rule| price(&lines, &[], Some(Ok(&c)), &ctx(0)).coupon_problem;
    let base = || coupon(1, amount(500));
    assert_eq!(check(base()), None);
    assert_eq!(
        check(with(base(), |p| p.starts_at = Some(NOW + 1))),
        Some(CouponProblem::NotStarted)
    );
    assert_eq!(
        check(with(base(), |p| p.ends_at = Some(NOW))),
        Some(CouponProblem::Expired)
    );
    assert_eq!(
        check(Rule {
            used_count: 1,
            ..with(base(), |p| p.usage_limit = Some(1))
        }),
        Some(CouponProblem::UsedUp)
    );
    assert_eq!(
        check(Rule {
            customer_uses: 1,
            ..with(base(), |p| p.per_customer_limit = Some(1))
        }),
        Some(CouponProblem::AlreadyUsed)
    );
    let unknown = price(&lines, &[], Some(Err(CouponProblem::Unknown)), &ctx(0));
    assert_eq!(unknown.coupon_problem, Some(CouponProblem::Unknown));
    assert_eq!(unknown.total_minor, 10_000);
}

#[test]
fn threshold_new_customer_and_coupon_stack_without_going_negative() {
    let welcome = new_customer(3, Off::Amount(2_000));
    let rules = [manjian(1), welcome];
    let c = coupon(4, amount(100_000));
    let mut context = ctx(1_000);
    context.new_customer = true;
    let p = price(&[line(1, 10, 5, 30_000, 1)], &rules, Some(Ok(&c)), &context);
    assert_sound(&p);
    let kinds: Vec<_> = p.discounts.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            PromotionKind::Threshold,
            PromotionKind::NewCustomer,
            PromotionKind::Coupon
        ]
    );
    // ¥300 − ¥50 − ¥20 leaves ¥230 for the coupon to take; shipping is owed.
    assert_eq!(p.discounts[2].amount_minor, 23_000);
    assert_eq!(p.total_minor, 1_000);
    // Not a new customer: no welcome offer.
    let p = price(&[line(1, 10, 5, 30_000, 1)], &rules, None, &ctx(0));
    assert_eq!(p.discounts.len(), 1);
}

#[test]
fn automatic_promotions_respect_windows_and_limits() {
    let expired = with(manjian(1), |p| p.ends_at = Some(NOW - 1));
    let future = with(manjian(2), |p| p.starts_at = Some(NOW + 60));
    let used_up = Rule {
        used_count: 5,
        ..with(manjian(3), |p| p.usage_limit = Some(5))
    };
    let p = price(
        &[line(1, 10, 5, 70_000, 1)],
        &[expired, future, used_up],
        None,
        &ctx(0),
    );
    assert!(p.discounts.is_empty());
    assert_eq!(p.total_minor, 70_000);
}

#[test]
fn the_same_input_always_prices_the_same() {
    let rules = [
        manjian(1),
        sale(2, 15, vec![], vec![5]),
        sale(3, 15, vec![11], vec![]),
    ];
    let lines = [
        line(3, 12, 6, 4_999, 3),
        line(1, 10, 5, 19_900, 2),
        line(2, 11, 7, 7_777, 1),
    ];
    let c = coupon(9, percent(7));
    let a = price(&lines, &rules, Some(Ok(&c)), &ctx(1_000));
    let b = price(&lines, &rules, Some(Ok(&c)), &ctx(1_000));
    assert_eq!(a, b);
    assert_sound(&a);
    // Ties between equal sales go to the lower id.
    assert_eq!(a.lines[2].sale.as_ref().map(|s| s.0), Some(3));
}

#[test]
fn a_member_price_replaces_a_smaller_sale_and_counts_as_a_sale_item() {
    let rules = [sale(2, 10, vec![10], vec![])];
    let mut member = line(1, 10, 5, 10_000, 2);
    member.member_unit_minor = Some(8_500);
    let mut dearer = line(2, 10, 5, 10_000, 1);
    dearer.member_unit_minor = Some(9_500);
    let plain = line(3, 11, 6, 10_000, 1);
    let c = coupon_with(9, percent(10), 0, false);
    let p = price(&[member, dearer, plain], &rules, Some(Ok(&c)), &ctx(0));
    assert_sound(&p);
    // 15% off beats the 10% sale; 5% off does not.
    assert_eq!(
        (p.lines[0].sale_unit_minor, p.lines[0].member_price),
        (8_500, true)
    );
    assert_eq!(p.lines[0].sale, None);
    assert_eq!(
        (p.lines[1].sale_unit_minor, p.lines[1].member_price),
        (9_000, false)
    );
    assert_eq!(p.sale_savings_minor, 2 * 1_500 + 1_000);
    // The coupon leaves sale items out: only the plain line's ¥100 counts.
    assert_eq!(p.discount_minor, 1_000);
    assert_eq!(p.lines[0].discount_minor, 0);
}

#[test]
fn random_carts_keep_every_invariant() {
    // A small deterministic generator: many shapes of cart, no dependency.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m) as i64
    };
    for _ in 0..2_000 {
        let n = 1 + next(5);
        let lines: Vec<Line> = (0..n)
            .map(|i| {
                let mut l = line(i, 10 + next(4), 5 + next(3), next(80_000), 1 + next(4));
                // Member prices (rule 1), sometimes above the list price.
                l.member_unit_minor = (next(3) == 0).then(|| next(90_000));
                l
            })
            .collect();
        let rules = vec![
            manjian(1),
            sale(2, 1 + next(99), vec![10 + next(4)], vec![]),
            {
                let product = 10 + next(4);
                sale_of(3, Off::Amount(next(90_000)), vec![product], vec![])
            },
            new_customer(4, Off::Percent((1 + next(100)) as i32)),
        ];
        let sale_items = next(2) == 0;
        let min_spend = next(50_000);
        let c = coupon_with(
            5,
            match next(3) {
                0 => percent(1 + next(100)),
                1 => amount(1 + next(200_000)),
                _ => CouponBenefit::FreeShipping,
            },
            min_spend,
            sale_items,
        );
        let mut context = ctx(next(2_000));
        context.new_customer = next(2) == 0;
        let mut priced = price(&lines, &rules, Some(Ok(&c)), &context);
        assert_sound(&priced);
        // Then points on what is left (rule 7), with random terms.
        let ask = crate::promotions::points::PointsAsk {
            balance: next(60_000) - 100,
            spend: next(4) != 0,
            terms: crate::promotions::points::RedeemTerms {
                rule_id: 1,
                minor_per_point: 1 + next(3) * next(50),
                min_points: 1 + next(500),
                max_pct: 1 + next(100),
            },
        };
        let before = priced.total_minor;
        crate::promotions::points::redeem(&mut priced, &ask);
        assert_sound(&priced);
        assert!(priced.total_minor <= before);
    }
}
