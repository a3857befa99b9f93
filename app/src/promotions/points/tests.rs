use super::*;

fn line(paid: i64) -> PricedLine {
    PricedLine {
        variant_id: paid,
        qty: 1,
        unit_minor: paid,
        sale_unit_minor: paid,
        sale: None,
        member_price: false,
        discount_minor: 0,
        points: 0,
        points_minor: 0,
        paid_minor: paid,
    }
}

fn priced(paid: &[i64], shipping: i64) -> Priced {
    let lines: Vec<PricedLine> = paid.iter().map(|&p| line(p)).collect();
    let goods: i64 = paid.iter().sum();
    Priced {
        lines,
        list_minor: goods,
        sale_savings_minor: 0,
        discounts: vec![],
        discount_minor: 0,
        shipping_minor: shipping,
        shipping_discount_minor: 0,
        total_minor: goods + shipping,
        coupon_problem: None,
        points: None,
    }
}

/// 100 points are ¥1, at least 100 at once, at most half the goods.
fn ask(balance: i64, spend: bool) -> PointsAsk {
    PointsAsk {
        balance,
        spend,
        terms: RedeemTerms {
            rule_id: 1,
            minor_per_point: 1,
            min_points: 100,
            max_pct: 50,
        },
    }
}

#[test]
fn points_pay_up_to_the_share_of_the_goods_never_delivery() {
    // ¥300 of goods, ¥10 delivery, 50,000 points: half the goods at most.
    let mut p = priced(&[20_000, 10_000], 1_000);
    redeem(&mut p, &ask(50_000, true));
    let u = p.points.unwrap();
    assert_eq!(
        (u.usable, u.spent, u.amount_minor),
        (15_000, 15_000, 15_000)
    );
    assert_eq!(p.total_minor, 31_000 - 15_000);
    // Split in proportion: 2 : 1.
    assert_eq!(p.lines[0].points, 10_000);
    assert_eq!(p.lines[1].points, 5_000);
    assert_eq!(p.lines[0].paid_minor, 10_000);
}

#[test]
fn the_balance_caps_and_the_minimum_refuses() {
    let mut p = priced(&[20_000], 0);
    redeem(&mut p, &ask(321, true));
    assert_eq!(p.points.unwrap().spent, 321);
    assert_eq!(p.total_minor, 20_000 - 321);

    // 99 points are below the minimum: nothing is spent, and the order
    // says it cannot take any.
    let mut p = priced(&[20_000], 0);
    redeem(&mut p, &ask(99, true));
    let u = p.points.unwrap();
    assert!(u.below_minimum());
    assert_eq!((u.spent, p.total_minor), (0, 20_000));

    // Goods of ¥1.50: half is 75 points, below the minimum of 100.
    let mut p = priced(&[150], 0);
    redeem(&mut p, &ask(5_000, true));
    assert!(p.points.unwrap().below_minimum());
}

#[test]
fn not_asked_means_not_spent_but_the_offer_is_told() {
    let mut p = priced(&[20_000], 500);
    redeem(&mut p, &ask(5_000, false));
    let u = p.points.unwrap();
    assert_eq!((u.usable, u.spent, u.amount_minor), (5_000, 0, 0));
    assert_eq!(p.total_minor, 20_500);
    assert!(p.lines.iter().all(|l| l.points == 0));
}

#[test]
fn a_point_worth_more_than_a_line_goes_to_lines_that_can_take_it() {
    // A point pays ¥1 (100 minor units); the ¥0.50 lines can take none.
    let mut p = priced(&[100_000, 50, 50, 50], 0);
    let mut a = ask(10_000, true);
    a.terms.minor_per_point = 100;
    a.terms.min_points = 1;
    a.terms.max_pct = 100;
    redeem(&mut p, &a);
    let u = p.points.unwrap();
    assert_eq!(u.usable, 1_000);
    assert_eq!(u.spent, 1_000);
    assert_eq!(p.lines[0].points, 1_000);
    assert!(
        p.lines[1..]
            .iter()
            .all(|l| l.points == 0 && l.paid_minor == 50)
    );
    assert_eq!(p.total_minor, 150);
}

#[test]
fn odd_points_go_to_the_largest_remainders() {
    let mut p = priced(&[1_000, 1_000, 1_000], 0);
    let mut a = ask(1_000, true);
    a.terms.min_points = 1;
    a.terms.max_pct = 100;
    // 1,000 points over three equal lines: 334, 333, 333.
    redeem(&mut p, &a);
    let shares: Vec<i64> = p.lines.iter().map(|l| l.points).collect();
    assert_eq!(shares, vec![334, 333, 333]);
}
