//! The refund calculator: how much of what was paid goes back for some
//! units of a line. It follows the order as it was recorded: each line
//! carries its own share of the order-level discounts (`paid_minor` is
//! after them), and the order's shipping is split across lines in
//! proportion to what they paid. Units are valued in order, so the shares
//! of all a line's units add up to exactly what the line cost, and
//! refunding a line one unit at a time never pays back more than it did.
//! Nothing here reads the clock or the database.

/// One order line's money, as recorded when the order was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMoney {
    pub qty: i32,
    /// What the line cost after its sale price and its share of the
    /// order's discounts.
    pub paid_minor: i64,
    /// The line's share of the order's shipping (`shipping_shares`).
    pub shipping_minor: i64,
}

/// The part of `total` that belongs to the first `units` of `qty`
/// (rounded down, so every prefix is at most its exact share).
fn prefix(total: i64, qty: i32, units: i32) -> i64 {
    if qty <= 0 {
        return 0;
    }
    let units = units.clamp(0, qty);
    (i128::from(total) * i128::from(units) / i128::from(qty)) as i64
}

/// The share of `total` for `units` more units after `done` of `qty`.
fn share(total: i64, qty: i32, done: i32, units: i32) -> i64 {
    prefix(total, qty, done + units) - prefix(total, qty, done)
}

/// Splits the order's shipping across its lines in proportion to what each
/// paid (largest remainder, so the shares add up to `shipping`). When no
/// line paid anything the first line carries it all.
pub fn shipping_shares(shipping_minor: i64, paid: &[i64]) -> Vec<i64> {
    let total: i128 = paid.iter().map(|&p| i128::from(p.max(0))).sum();
    if paid.is_empty() {
        return Vec::new();
    }
    if total == 0 {
        let mut out = vec![0; paid.len()];
        out[0] = shipping_minor;
        return out;
    }
    let exact: Vec<(i64, i128)> = paid
        .iter()
        .map(|&p| {
            let n = i128::from(shipping_minor) * i128::from(p.max(0));
            ((n / total) as i64, n % total)
        })
        .collect();
    let mut out: Vec<i64> = exact.iter().map(|(q, _)| *q).collect();
    let mut left = shipping_minor - out.iter().sum::<i64>();
    // The biggest remainders get the leftover units, earlier lines first.
    let mut order: Vec<usize> = (0..paid.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for i in order {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// One refund to work out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundAsk {
    pub line: LineMoney,
    /// Units of the line already refunded by earlier requests.
    pub done_units: i32,
    /// What earlier requests on the line were already given (goods and
    /// shipping). Units are valued in order, but a withdrawn request leaves
    /// a gap in that order: capping by what is left of the line keeps the
    /// line's refunds within what it cost whichever requests went ahead.
    pub assigned_goods_minor: i64,
    pub assigned_shipping_minor: i64,
    /// Units this refund is for.
    pub units: i32,
    /// The line's shipping share goes back too: the seller was at fault,
    /// or the goods were never sent.
    pub with_shipping: bool,
    /// A goodwill amount staff add (zero for the shopper's own request).
    pub goodwill_minor: i64,
    /// What is left of the order's payments to give back: paid, less every
    /// refund made or being made, whatever caused it.
    pub order_left_minor: i64,
}

/// What a refund is made of, and the amount actually paid back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Breakdown {
    pub goods_minor: i64,
    pub shipping_minor: i64,
    pub goodwill_minor: i64,
    /// The sum, cut to what is left of the order's payments.
    pub total_minor: i64,
    /// The sum was cut (earlier refunds already gave some of it back).
    pub capped: bool,
}

pub fn calculate(ask: RefundAsk) -> Breakdown {
    let units = ask.units.clamp(0, (ask.line.qty - ask.done_units).max(0));
    let goods = share(ask.line.paid_minor, ask.line.qty, ask.done_units, units)
        .min((ask.line.paid_minor - ask.assigned_goods_minor).max(0));
    let shipping = if ask.with_shipping {
        share(ask.line.shipping_minor, ask.line.qty, ask.done_units, units)
            .min((ask.line.shipping_minor - ask.assigned_shipping_minor).max(0))
    } else {
        0
    };
    let goodwill = ask.goodwill_minor.max(0);
    let sum = goods.saturating_add(shipping).saturating_add(goodwill);
    let total = sum.min(ask.order_left_minor.max(0));
    Breakdown {
        goods_minor: goods,
        shipping_minor: shipping,
        goodwill_minor: goodwill,
        total_minor: total,
        capped: total < sum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(line: LineMoney, done: i32, units: i32) -> RefundAsk {
        RefundAsk {
            line,
            done_units: done,
            assigned_goods_minor: 0,
            assigned_shipping_minor: 0,
            units,
            with_shipping: false,
            goodwill_minor: 0,
            order_left_minor: i64::MAX,
        }
    }

    /// 3 units at 33.34 less a 10.00 coupon share: 90.02 paid.
    const LINE: LineMoney = LineMoney {
        qty: 3,
        paid_minor: 9002,
        shipping_minor: 1000,
    };

    #[test]
    fn units_refunded_one_by_one_add_up_to_exactly_what_the_line_cost() {
        let parts: Vec<i64> = (0..3)
            .map(|d| calculate(ask(LINE, d, 1)).goods_minor)
            .collect();
        assert_eq!(parts.iter().sum::<i64>(), 9002);
        assert!(parts.iter().all(|&p| p == 3000 || p == 3001), "{parts:?}");
        // The same two units at once cost what they cost one at a time.
        assert_eq!(calculate(ask(LINE, 0, 2)).goods_minor, parts[0] + parts[1]);
    }

    #[test]
    fn a_refund_never_covers_more_units_than_are_left() {
        let b = calculate(ask(LINE, 2, 5));
        assert_eq!(b.goods_minor, 9002 - 2 * 9002 / 3);
        assert_eq!(calculate(ask(LINE, 3, 1)).total_minor, 0);
    }

    #[test]
    fn the_discount_share_recorded_on_the_line_is_not_paid_back() {
        // 2 × 50.00 with 20.00 off the order on this line: 80.00 paid.
        let line = LineMoney {
            qty: 2,
            paid_minor: 8000,
            shipping_minor: 0,
        };
        assert_eq!(calculate(ask(line, 0, 1)).goods_minor, 4000);
    }

    #[test]
    fn shipping_goes_back_only_when_asked() {
        let mut a = ask(LINE, 0, 3);
        assert_eq!(calculate(a).shipping_minor, 0);
        a.with_shipping = true;
        let b = calculate(a);
        assert_eq!(
            (b.goods_minor, b.shipping_minor, b.total_minor),
            (9002, 1000, 10002)
        );
    }

    #[test]
    fn goodwill_is_added_and_everything_is_capped_by_what_is_left() {
        let mut a = ask(LINE, 0, 1);
        a.goodwill_minor = 500;
        let b = calculate(a);
        assert_eq!(b.total_minor, 3000 + 500);
        assert!(!b.capped);
        // Earlier refunds (a cancel, a staff refund) left only 20.00.
        a.order_left_minor = 2000;
        let b = calculate(a);
        assert_eq!((b.total_minor, b.capped), (2000, true));
        a.order_left_minor = -5;
        assert_eq!(calculate(a).total_minor, 0);
    }

    #[test]
    fn a_withdrawn_request_leaves_no_gap_to_overpay_through() {
        // 10.00 for 3 units: shares 3.33, 3.33, 3.34 in order. A, B and C
        // ask for one unit each (valued 3.33, 3.33, 3.34); A is withdrawn,
        // so a new request D comes after two units still held.
        let line = LineMoney {
            qty: 3,
            paid_minor: 1000,
            shipping_minor: 0,
        };
        let b = calculate(ask(line, 1, 1)).goods_minor;
        let c = calculate(ask(line, 2, 1)).goods_minor;
        assert_eq!((b, c), (333, 334));
        // Valued by position alone D would be 3.34, and the line 10.01.
        assert_eq!(calculate(ask(line, 2, 1)).goods_minor, 334);
        let d = calculate(RefundAsk {
            assigned_goods_minor: b + c,
            ..ask(line, 2, 1)
        });
        assert_eq!(d.goods_minor, 333);
        assert_eq!(b + c + d.goods_minor, 1000);
        // Everything already promised: nothing more.
        let e = calculate(RefundAsk {
            assigned_goods_minor: 1000,
            ..ask(line, 0, 1)
        });
        assert_eq!(e.total_minor, 0);
    }

    #[test]
    fn huge_amounts_do_not_overflow() {
        let line = LineMoney {
            qty: 1,
            paid_minor: i64::MAX,
            shipping_minor: i64::MAX,
        };
        let mut a = ask(line, 0, 1);
        a.with_shipping = true;
        a.goodwill_minor = i64::MAX;
        assert_eq!(calculate(a).total_minor, i64::MAX);
    }

    #[test]
    fn shipping_is_split_in_proportion_and_adds_up() {
        assert_eq!(shipping_shares(1000, &[3000, 1000]), vec![750, 250]);
        let s = shipping_shares(1001, &[1, 1, 1]);
        assert_eq!(s.iter().sum::<i64>(), 1001);
        assert_eq!(s, vec![334, 334, 333]);
        assert_eq!(shipping_shares(800, &[0, 0]), vec![800, 0]);
        assert_eq!(shipping_shares(0, &[5, 5]), vec![0, 0]);
        assert!(shipping_shares(100, &[]).is_empty());
    }

    #[test]
    fn every_partial_refund_sequence_stays_within_the_line() {
        for qty in 1..=6 {
            for paid in [0, 1, 99, 9999, 123_457] {
                let line = LineMoney {
                    qty,
                    paid_minor: paid,
                    shipping_minor: 777,
                };
                for first in 0..=qty {
                    let a = calculate(RefundAsk {
                        with_shipping: true,
                        ..ask(line, 0, first)
                    });
                    let b = calculate(RefundAsk {
                        with_shipping: true,
                        ..ask(line, first, qty - first)
                    });
                    assert_eq!(a.goods_minor + b.goods_minor, paid);
                    assert_eq!(a.shipping_minor + b.shipping_minor, 777);
                }
            }
        }
    }
}
