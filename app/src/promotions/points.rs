//! Rule 7 of the engine: paying for part of the goods with points. The
//! terms come from the points rule in force (`points_rules`); the engine
//! only does the arithmetic, in whole points and minor units.
use super::engine::{Priced, PricedLine};

// The terms are the loyalty rule's (a lower layer); the engine uses them.
pub use crate::loyalty::RedeemTerms;

/// What the shopper asks: their spendable balance and whether to spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointsAsk {
    pub balance: i64,
    pub spend: bool,
    pub terms: RedeemTerms,
}

/// The points part of a priced order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointsUse {
    pub balance: i64,
    /// The most this order can take now (0 when below the minimum).
    pub usable: i64,
    /// Spent on this order (0 unless asked, and usable).
    pub spent: i64,
    /// What `spent` pays, in minor units.
    pub amount_minor: i64,
    pub terms: RedeemTerms,
}

impl PointsUse {
    /// The order takes too few points (or the balance is too small) to
    /// reach the minimum.
    pub fn below_minimum(&self) -> bool {
        self.usable == 0
    }
}

/// The most points `ask` may spend on `lines`: the balance, capped by the
/// share of the goods and by what whole points the lines can take; 0
/// below the minimum.
pub fn usable(lines: &[PricedLine], ask: &PointsAsk) -> i64 {
    let t = &ask.terms;
    if t.minor_per_point <= 0 {
        return 0;
    }
    let goods: i64 = lines.iter().map(|l| l.paid_minor.max(0)).sum();
    let cap_minor = i128::from(goods) * i128::from(t.max_pct.clamp(0, 100)) / 100;
    let cap = (cap_minor / i128::from(t.minor_per_point)) as i64;
    // A point pays `minor_per_point` of one line: a line cheaper than
    // that takes none.
    let fits: i64 = lines
        .iter()
        .map(|l| l.paid_minor.max(0) / t.minor_per_point)
        .sum();
    let n = ask.balance.max(0).min(cap).min(fits);
    if n < t.min_points.max(1) { 0 } else { n }
}

/// Spends points on `priced` as `ask` says: the goods left after every
/// discount (shipping is not paid with points), split over the lines in
/// proportion to what each still costs. A line takes no more points than
/// it costs; the total and every line stay at zero or above.
pub fn redeem(priced: &mut Priced, ask: &PointsAsk) {
    let can = usable(&priced.lines, ask);
    let spent = if ask.spend {
        split(&mut priced.lines, can, ask.terms.minor_per_point)
    } else {
        0
    };
    let amount = spent * ask.terms.minor_per_point;
    priced.total_minor -= amount;
    priced.points = Some(PointsUse {
        balance: ask.balance,
        usable: can,
        spent,
        amount_minor: amount,
        terms: ask.terms,
    });
}

/// Shares `points` over the lines in proportion to `paid_minor`, each
/// line taking at most what it costs; the odd points go to the lines with
/// the largest remainders that can still take one. Returns the points
/// placed (all of them unless the lines cannot take them).
fn split(lines: &mut [PricedLine], points: i64, rate: i64) -> i64 {
    let base: i64 = lines.iter().map(|l| l.paid_minor).sum();
    if points <= 0 || base <= 0 || rate <= 0 {
        return 0;
    }
    let points = points.min(base / rate);
    let mut placed = 0;
    let mut rests: Vec<(i128, usize)> = Vec::with_capacity(lines.len());
    let shares: Vec<i64> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let exact = i128::from(points) * i128::from(l.paid_minor);
            rests.push((exact % i128::from(base), i));
            // Rounded down, so share × rate ≤ paid (points × rate ≤ base).
            (exact / i128::from(base)) as i64
        })
        .collect();
    for (l, n) in lines.iter_mut().zip(&shares) {
        take(l, *n, rate);
        placed += n;
    }
    rests.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // A line that cannot take another point passes it on; rounds go on
    // while some line still can.
    let mut progress = true;
    while placed < points && progress {
        progress = false;
        for &(_, i) in &rests {
            if placed == points {
                break;
            }
            if lines[i].paid_minor >= rate {
                take(&mut lines[i], 1, rate);
                placed += 1;
                progress = true;
            }
        }
    }
    placed
}

fn take(line: &mut PricedLine, points: i64, rate: i64) {
    line.points += points;
    line.points_minor += points * rate;
    line.paid_minor -= points * rate;
}

#[cfg(test)]
mod tests;
