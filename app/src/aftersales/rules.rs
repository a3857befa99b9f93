//! The after-sales settings staff edit: the policy (deadlines, the return
//! window, where returns go), the reasons shoppers choose from in both
//! languages, and the rules that approve a new request without waiting
//! for staff.
use super::{Fault, RequestKind};
use serde::{Deserialize, Serialize};

/// Customer levels, lowest first (`users.level`).
pub const LEVELS: [&str; 4] = ["regular", "silver", "gold", "vip"];

fn level_rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|l| *l == level)
}

/// The shop's after-sales policy (`after_sales_policy`), in days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub return_days: i32,
    pub warranty_days: i32,
    pub answer_days: i32,
    pub ship_days: i32,
    pub receive_days: i32,
    pub return_address: String,
}

impl Policy {
    /// Each field's problem, if any, as the database would refuse it.
    pub fn problems(&self) -> Vec<(&'static str, crate::error::ErrorKey)> {
        use crate::error::ErrorKey::{NumberInvalid, Required, TooLong};
        let mut out = Vec::new();
        let ranges = [
            ("return_days", self.return_days, 0, 365),
            ("warranty_days", self.warranty_days, 0, 3650),
            ("answer_days", self.answer_days, 1, 30),
            ("ship_days", self.ship_days, 1, 60),
            ("receive_days", self.receive_days, 1, 60),
        ];
        for (field, value, lo, hi) in ranges {
            if !(lo..=hi).contains(&value) {
                out.push((field, NumberInvalid));
            }
        }
        let address = self.return_address.trim();
        if address.is_empty() {
            out.push(("return_address", Required));
        } else if address.chars().count() > 300 {
            out.push(("return_address", TooLong));
        }
        out
    }
}

/// A reason as staff edit it: both names, the fault, the photos it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonEdit {
    /// `None` adds a new reason.
    pub id: Option<i64>,
    pub name_zh: String,
    pub name_en: String,
    pub fault: Fault,
    pub photos_required: i32,
    pub active: bool,
    pub position: i32,
}

impl ReasonEdit {
    pub fn problems(&self) -> Vec<(&'static str, crate::error::ErrorKey)> {
        use crate::error::ErrorKey::{NumberInvalid, Required, TooLong};
        let mut out = Vec::new();
        for (field, name) in [("name_zh", &self.name_zh), ("name_en", &self.name_en)] {
            let n = name.trim().chars().count();
            if n == 0 {
                out.push((field, Required));
            } else if n > 60 {
                out.push((field, TooLong));
            }
        }
        if !(0..=5).contains(&self.photos_required) {
            out.push(("photos_required", NumberInvalid));
        }
        if !(0..=10_000).contains(&self.position) {
            out.push(("position", NumberInvalid));
        }
        out
    }
}

/// A rule that approves new requests by itself. Every condition it sets
/// must hold; one left empty does not restrict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRule {
    pub id: i64,
    pub active: bool,
    pub kind: Option<RequestKind>,
    pub max_refund_minor: Option<i64>,
    pub min_level: Option<String>,
    pub reason_id: Option<i64>,
    pub unshipped_only: bool,
}

/// A new rule as staff write it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleEdit {
    /// "" for any kind.
    pub kind: String,
    /// "" for any amount; otherwise an amount in the shop's currency.
    pub max_refund: String,
    /// "" for any level.
    pub min_level: String,
    /// 0 for any reason.
    pub reason_id: i64,
    pub unshipped_only: bool,
}

/// What a rule is checked against, for one new request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts<'a> {
    pub kind: RequestKind,
    pub refund_minor: i64,
    pub level: &'a str,
    pub reason_id: i64,
    pub shipped: bool,
}

impl AutoRule {
    pub fn matches(&self, f: &RequestFacts) -> bool {
        let level_ok = match (&self.min_level, level_rank(f.level)) {
            (None, _) => true,
            (Some(min), Some(have)) => level_rank(min).is_some_and(|m| have >= m),
            (Some(_), None) => false,
        };
        self.active
            && self.kind.is_none_or(|k| k == f.kind)
            && self.max_refund_minor.is_none_or(|m| f.refund_minor <= m)
            && level_ok
            && self.reason_id.is_none_or(|r| r == f.reason_id)
            && !(self.unshipped_only && f.shipped)
    }

    /// A rule with no condition at all would approve everything.
    pub fn is_unconditional(&self) -> bool {
        self.kind.is_none()
            && self.max_refund_minor.is_none()
            && self.min_level.is_none()
            && self.reason_id.is_none()
            && !self.unshipped_only
    }
}

/// A reason as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonRow {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub fault: Fault,
    pub photos_required: i32,
    pub active: bool,
    pub position: i32,
}

/// Everything the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub policy: Policy,
    pub reasons: Vec<ReasonRow>,
    pub rules: Vec<AutoRule>,
    /// The shop's currency, for amounts in rules.
    pub currency: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> AutoRule {
        AutoRule {
            id: 1,
            active: true,
            kind: None,
            max_refund_minor: None,
            min_level: None,
            reason_id: None,
            unshipped_only: false,
        }
    }

    fn facts(level: &str) -> RequestFacts<'_> {
        RequestFacts {
            kind: RequestKind::RefundOnly,
            refund_minor: 5_000,
            level,
            reason_id: 3,
            shipped: false,
        }
    }

    #[test]
    fn every_condition_a_rule_sets_must_hold() {
        let f = facts("silver");
        assert!(rule().matches(&f));
        assert!(
            !AutoRule {
                active: false,
                ..rule()
            }
            .matches(&f)
        );
        assert!(
            AutoRule {
                max_refund_minor: Some(5_000),
                ..rule()
            }
            .matches(&f)
        );
        assert!(
            !AutoRule {
                max_refund_minor: Some(4_999),
                ..rule()
            }
            .matches(&f)
        );
        assert!(
            AutoRule {
                reason_id: Some(3),
                ..rule()
            }
            .matches(&f)
        );
        assert!(
            !AutoRule {
                reason_id: Some(4),
                ..rule()
            }
            .matches(&f)
        );
        assert!(
            !AutoRule {
                kind: Some(RequestKind::ReturnRefund),
                ..rule()
            }
            .matches(&f)
        );
        let unshipped = AutoRule {
            unshipped_only: true,
            ..rule()
        };
        assert!(unshipped.matches(&f));
        assert!(!unshipped.matches(&RequestFacts {
            shipped: true,
            ..f.clone()
        }));
    }

    #[test]
    fn a_level_rule_takes_that_level_and_above() {
        let gold = AutoRule {
            min_level: Some("gold".into()),
            ..rule()
        };
        assert!(!gold.matches(&facts("regular")));
        assert!(!gold.matches(&facts("silver")));
        assert!(gold.matches(&facts("gold")));
        assert!(gold.matches(&facts("vip")));
        assert!(!gold.matches(&facts("unknown")));
    }

    #[test]
    fn a_rule_without_conditions_is_spotted() {
        assert!(rule().is_unconditional());
        assert!(
            !AutoRule {
                unshipped_only: true,
                ..rule()
            }
            .is_unconditional()
        );
    }

    #[test]
    fn the_policy_and_reasons_are_checked_like_the_database() {
        let p = Policy {
            return_days: 7,
            warranty_days: 365,
            answer_days: 0,
            ship_days: 7,
            receive_days: 61,
            return_address: " ".into(),
        };
        let fields: Vec<&str> = p.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["answer_days", "receive_days", "return_address"]);
        let r = ReasonEdit {
            id: None,
            name_zh: "尺码不合适".into(),
            name_en: String::new(),
            fault: Fault::ChangeOfMind,
            photos_required: 6,
            active: true,
            position: 10,
        };
        let fields: Vec<&str> = r.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name_en", "photos_required"]);
    }
}
