//! The points rules on `/admin/loyalty`: how many points a yuan paid for
//! goods earns, how long points last and when shoppers are warned, and the
//! terms for paying with them. A save adds a new version: versions are
//! never edited, because every grant names the version it was earned
//! under and a reversal takes back what that version gave
//! (docs/loyalty.md). Saves are audited.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use crate::error::{ErrorKey, FieldError};
use serde::{Deserialize, Serialize};

/// One version of the rules, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsTerms {
    /// Points per whole yuan paid for goods.
    pub earn_per_unit: i32,
    pub expire_days: i32,
    pub warn_days: i32,
    /// What one point pays, in fen.
    pub redeem_minor_per_point: i32,
    pub redeem_min: i32,
    /// Most of the goods (after discounts) points may pay, in percent.
    pub redeem_max_pct: i32,
}

/// A version with who made it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsVersion {
    pub id: i64,
    pub terms: PointsTerms,
    /// The staff member's name; None for a version no staff member made
    /// (the shop's first) or whose account is gone.
    pub staff: Option<String>,
    /// "2026-11-29 09:30" in the shop's time zone.
    pub created: String,
    /// Grants earned under it.
    pub grants: i64,
}

/// Versions listed on the page, newest first.
pub const VERSIONS_SHOWN: i64 = 10;

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsRulesForm {
    pub earn_per_unit: String,
    pub expire_days: String,
    pub warn_days: String,
    pub redeem_minor_per_point: String,
    pub redeem_min: String,
    pub redeem_max_pct: String,
}

/// Each field's name and accepted range (the table's checks).
pub const FIELDS: [(&str, i32, i32); 6] = [
    ("earn_per_unit", 0, 100),
    ("expire_days", 30, 3650),
    ("warn_days", 1, 90),
    ("redeem_minor_per_point", 1, 100),
    ("redeem_min", 1, 100_000),
    ("redeem_max_pct", 1, 100),
];

impl PointsRulesForm {
    pub fn from_terms(t: &PointsTerms) -> Self {
        PointsRulesForm {
            earn_per_unit: t.earn_per_unit.to_string(),
            expire_days: t.expire_days.to_string(),
            warn_days: t.warn_days.to_string(),
            redeem_minor_per_point: t.redeem_minor_per_point.to_string(),
            redeem_min: t.redeem_min.to_string(),
            redeem_max_pct: t.redeem_max_pct.to_string(),
        }
    }

    /// Whole numbers within each field's range, and a warning that comes
    /// before the points expire; each wrong field named.
    pub fn parse(&self) -> Result<PointsTerms, Vec<FieldError>> {
        let typed = [
            &self.earn_per_unit,
            &self.expire_days,
            &self.warn_days,
            &self.redeem_minor_per_point,
            &self.redeem_min,
            &self.redeem_max_pct,
        ];
        let mut errors = Vec::new();
        let mut n = [0i32; 6];
        for (i, ((field, lo, hi), text)) in FIELDS.iter().zip(typed).enumerate() {
            match text.trim().parse::<i32>() {
                Ok(v) if (*lo..=*hi).contains(&v) => n[i] = v,
                _ => errors.push(FieldError::new(field, ErrorKey::NumberInvalid)),
            }
        }
        if errors.is_empty() && n[2] >= n[1] {
            errors.push(FieldError::new(
                "warn_days",
                ErrorKey::PointsWarnAfterExpiry,
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PointsTerms {
            earn_per_unit: n[0],
            expire_days: n[1],
            warn_days: n[2],
            redeem_minor_per_point: n[3],
            redeem_min: n[4],
            redeem_max_pct: n[5],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(v: [&str; 6]) -> PointsRulesForm {
        PointsRulesForm {
            earn_per_unit: v[0].into(),
            expire_days: v[1].into(),
            warn_days: v[2].into(),
            redeem_minor_per_point: v[3].into(),
            redeem_min: v[4].into(),
            redeem_max_pct: v[5].into(),
        }
    }

    fn fields(f: PointsRulesForm) -> Vec<String> {
        f.parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn rules_are_whole_numbers_in_range_with_the_warning_before_expiry() {
        let t = form(["2", " 180 ", "14", "1", "200", "30"])
            .parse()
            .unwrap();
        assert_eq!((t.earn_per_unit, t.expire_days, t.warn_days), (2, 180, 14));
        assert_eq!(PointsRulesForm::from_terms(&t).parse(), Ok(t));
        assert_eq!(
            fields(form(["101", "180", "14", "0", "200", "1.5"])),
            ["earn_per_unit", "redeem_minor_per_point", "redeem_max_pct"]
        );
        assert_eq!(
            fields(form(["1", "29", "", "1", "100001", "50"])),
            ["expire_days", "warn_days", "redeem_min"]
        );
        assert_eq!(
            fields(form(["1", "60", "60", "1", "100", "50"])),
            ["warn_days"]
        );
        // No points earned is a valid rule (a shop pausing the scheme).
        assert!(form(["0", "365", "30", "1", "100", "50"]).parse().is_ok());
    }
}
