//! Order risk review: each new order is scored by rules, each giving its
//! reason ("6 orders to this address in 60 minutes"); an order whose score
//! reaches the threshold is held and cannot ship until staff release it or
//! cancel it. The scoring is here, pure, so it is tested without a
//! database; `db` gathers what it looks at and writes the outcome in the
//! placing transaction.
#[cfg(feature = "ssr")]
pub mod db;

use crate::error::{ErrorKey, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum RiskRule {
    /// Many orders to one address in a short time.
    AddressBurst,
    /// Cash-on-delivery orders the buyer cancelled or refused before.
    CodRefused,
    /// Money given back on much of what the buyer bought before.
    RefundRate,
    /// An e-mail address at a throwaway domain.
    DisposableEmail,
}

#[cfg(feature = "ssr")]
pg_text!(RiskRule);

/// Where an order stands with the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum RiskHold {
    /// Below the threshold: never held.
    None,
    /// Waits for staff; cannot ship.
    Held,
    /// Staff let it ship.
    Released,
    /// Staff cancelled it.
    Rejected,
}

#[cfg(feature = "ssr")]
pg_text!(RiskHold);

/// The rules and the threshold. A rule with 0 points is off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskPolicy {
    pub threshold: i32,
    pub burst_points: i32,
    pub burst_orders: i32,
    pub burst_minutes: i32,
    pub cod_points: i32,
    pub cod_refusals: i32,
    pub refund_points: i32,
    pub refund_percent: i32,
    pub refund_min_orders: i32,
    pub email_points: i32,
    pub disposable_domains: Vec<String>,
}

/// What the rules look at, for one new order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// Orders to the same address within the burst window, this one too.
    pub same_address: i64,
    /// The buyer's earlier cash-on-delivery orders that were cancelled.
    pub cod_refusals: i64,
    /// The buyer's earlier paid orders, and of those the ones with money
    /// given back.
    pub paid_orders: i64,
    pub refunded_orders: i64,
    /// The buyer's e-mail domain, lower case.
    pub email_domain: String,
}

/// One rule that fired: its points and what it saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReason {
    pub rule: RiskRule,
    pub points: i32,
    /// Orders to the address, earlier refusals, or the refund percentage;
    /// 0 for the e-mail.
    pub observed: i32,
}

/// The rules that fire for `s`, in a fixed order.
pub fn score(p: &RiskPolicy, s: &Signals) -> Vec<RiskReason> {
    let clamp = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
    let mut out = Vec::new();
    let mut fire = |rule, points: i32, observed| {
        if points > 0 {
            out.push(RiskReason {
                rule,
                points,
                observed,
            });
        }
    };
    if s.same_address >= i64::from(p.burst_orders) {
        fire(
            RiskRule::AddressBurst,
            p.burst_points,
            clamp(s.same_address),
        );
    }
    if s.cod_refusals >= i64::from(p.cod_refusals) {
        fire(RiskRule::CodRefused, p.cod_points, clamp(s.cod_refusals));
    }
    if s.paid_orders >= i64::from(p.refund_min_orders) && s.paid_orders > 0 {
        let percent = s.refunded_orders.saturating_mul(100) / s.paid_orders;
        if percent > i64::from(p.refund_percent) {
            fire(RiskRule::RefundRate, p.refund_points, clamp(percent));
        }
    }
    if p.disposable_domains.contains(&s.email_domain) {
        fire(RiskRule::DisposableEmail, p.email_points, 0);
    }
    out
}

/// The total, and whether it holds the order.
pub fn verdict(p: &RiskPolicy, reasons: &[RiskReason]) -> (i32, bool) {
    let total = reasons
        .iter()
        .fold(0i32, |sum, r| sum.saturating_add(r.points));
    (total, total >= p.threshold)
}

/// The rules as the back office's form sends them: text, checked here so
/// each field says what is wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub threshold: String,
    pub burst_points: String,
    pub burst_orders: String,
    pub burst_minutes: String,
    pub cod_points: String,
    pub cod_refusals: String,
    pub refund_points: String,
    pub refund_percent: String,
    pub refund_min_orders: String,
    pub email_points: String,
    /// One domain per line (or separated by commas or spaces).
    pub disposable_domains: String,
}

impl PolicyForm {
    pub fn from_policy(p: &RiskPolicy) -> Self {
        PolicyForm {
            threshold: p.threshold.to_string(),
            burst_points: p.burst_points.to_string(),
            burst_orders: p.burst_orders.to_string(),
            burst_minutes: p.burst_minutes.to_string(),
            cod_points: p.cod_points.to_string(),
            cod_refusals: p.cod_refusals.to_string(),
            refund_points: p.refund_points.to_string(),
            refund_percent: p.refund_percent.to_string(),
            refund_min_orders: p.refund_min_orders.to_string(),
            email_points: p.email_points.to_string(),
            disposable_domains: p.disposable_domains.join("\n"),
        }
    }

    /// The policy, or every field that is wrong (the same ranges as the
    /// table's CHECKs).
    pub fn parse(&self) -> Result<RiskPolicy, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut num = |field: &str, v: &str, lo: i32, hi: i32| match v.trim().parse::<i32>() {
            Ok(n) if (lo..=hi).contains(&n) => n,
            _ => {
                errors.push(FieldError::new(field, ErrorKey::NumberInvalid));
                lo
            }
        };
        let p = RiskPolicy {
            threshold: num("threshold", &self.threshold, 1, 1000),
            burst_points: num("burst_points", &self.burst_points, 0, 1000),
            burst_orders: num("burst_orders", &self.burst_orders, 2, 1000),
            burst_minutes: num("burst_minutes", &self.burst_minutes, 1, 10080),
            cod_points: num("cod_points", &self.cod_points, 0, 1000),
            cod_refusals: num("cod_refusals", &self.cod_refusals, 1, 100),
            refund_points: num("refund_points", &self.refund_points, 0, 1000),
            refund_percent: num("refund_percent", &self.refund_percent, 1, 100),
            refund_min_orders: num("refund_min_orders", &self.refund_min_orders, 1, 1000),
            email_points: num("email_points", &self.email_points, 0, 1000),
            disposable_domains: Vec::new(),
        };
        let domains = domains(&self.disposable_domains);
        let p = match domains {
            Some(d) => RiskPolicy {
                disposable_domains: d,
                ..p
            },
            None => {
                errors.push(FieldError::new(
                    "disposable_domains",
                    ErrorKey::DomainInvalid,
                ));
                p
            }
        };
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }
}

/// The domains of a list, lower case and each once, or `None` when one is
/// not a domain name or there are more than 200.
fn domains(text: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for d in text.split(|c: char| c == ',' || c.is_whitespace()) {
        let d = d.trim().trim_start_matches('@').to_ascii_lowercase();
        if d.is_empty() {
            continue;
        }
        let ok = d.len() <= 253
            && d.contains('.')
            && d.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !ok {
            return None;
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    (out.len() <= 200).then_some(out)
}

/// An order's review, as its back-office page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRisk {
    pub score: i32,
    pub hold: RiskHold,
    pub reasons: Vec<RiskReason>,
    /// The threshold now (it may have changed since the order was scored).
    pub threshold: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RiskPolicy {
        RiskPolicy {
            threshold: 100,
            burst_points: 60,
            burst_orders: 5,
            burst_minutes: 60,
            cod_points: 60,
            cod_refusals: 2,
            refund_points: 40,
            refund_percent: 50,
            refund_min_orders: 2,
            email_points: 40,
            disposable_domains: vec!["mailinator.com".into()],
        }
    }

    #[test]
    fn each_rule_fires_at_its_limit_with_what_it_saw() {
        let p = policy();
        let quiet = Signals {
            same_address: 4,
            cod_refusals: 1,
            paid_orders: 4,
            refunded_orders: 2,
            email_domain: "qq.com".into(),
        };
        assert_eq!(score(&p, &quiet), vec![]);
        let loud = Signals {
            same_address: 5,
            cod_refusals: 2,
            paid_orders: 3,
            refunded_orders: 2,
            email_domain: "mailinator.com".into(),
        };
        let rules: Vec<(RiskRule, i32, i32)> = score(&p, &loud)
            .into_iter()
            .map(|r| (r.rule, r.points, r.observed))
            .collect();
        assert_eq!(
            rules,
            vec![
                (RiskRule::AddressBurst, 60, 5),
                (RiskRule::CodRefused, 60, 2),
                (RiskRule::RefundRate, 40, 66),
                (RiskRule::DisposableEmail, 40, 0),
            ]
        );
        assert_eq!(verdict(&p, &score(&p, &loud)), (200, true));
    }

    #[test]
    fn one_rule_alone_does_not_hold_by_default_and_two_do() {
        let p = policy();
        let burst = Signals {
            same_address: 9,
            ..Signals::default()
        };
        assert_eq!(verdict(&p, &score(&p, &burst)), (60, false));
        let burst_and_email = Signals {
            email_domain: "mailinator.com".into(),
            ..burst
        };
        assert_eq!(verdict(&p, &score(&p, &burst_and_email)), (100, true));
        // A rule with no points is off, and a first order has no refund rate.
        let off = RiskPolicy {
            burst_points: 0,
            ..policy()
        };
        assert_eq!(score(&off, &burst), vec![]);
        let first = Signals {
            paid_orders: 0,
            refunded_orders: 0,
            ..Signals::default()
        };
        assert_eq!(score(&p, &first), vec![]);
    }

    #[test]
    fn the_form_names_every_bad_field_and_cleans_the_domains() {
        let mut f = PolicyForm::from_policy(&policy());
        f.disposable_domains = " @Mailinator.com, yopmail.com\nyopmail.com ".into();
        let p = f.parse().unwrap();
        assert_eq!(p.disposable_domains, ["mailinator.com", "yopmail.com"]);
        f.threshold = "0".into();
        f.burst_minutes = "一小时".into();
        f.disposable_domains = "not a domain!".into();
        let bad: Vec<String> = f
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(bad, ["threshold", "burst_minutes", "disposable_domains"]);
    }
}
