//! The membership page's coupon part: who may use a coupon (only wallet
//! holders, only a level and above, how long a held copy lasts) and giving
//! a coupon to one shopper or to a level and above. The wallet itself is
//! `crate::wallet`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use crate::error::{ErrorKey, FieldError};
use crate::loyalty::levels::MemberLevel;
use serde::{Deserialize, Serialize};

/// A coupon's terms as the page lists them, with its copies in wallets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsRow {
    pub code: String,
    pub name: String,
    pub wallet_only: bool,
    pub min_level: Option<MemberLevel>,
    pub valid_days: Option<i32>,
    pub claimable: bool,
    /// Copies held and not used, and copies used.
    pub held: i64,
    pub used: i64,
}

/// The coupon part of the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponsOverview {
    pub terms: Vec<TermsRow>,
    /// Every coupon's code, for the forms' suggestions.
    pub codes: Vec<String>,
    /// The birthday coupon (None: none) and the days before the birthday
    /// it comes.
    pub birthday_code: Option<String>,
    pub birthday_days: i32,
}

/// The birthday form, checked: a coupon (blank: none) and 0 to 30 days.
pub fn parse_birthday(code: &str, days: &str) -> Result<(Option<String>, i32), Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = match code.trim() {
        "" => None,
        c => Some(code_of(c, &mut errors)),
    };
    let days = match days.trim().parse::<i32>() {
        Ok(d) if (0..=30).contains(&d) => d,
        _ => {
            errors.push(FieldError::new("days_before", ErrorKey::NumberInvalid));
            0
        }
    };
    if errors.is_empty() {
        Ok((code, days))
    } else {
        Err(errors)
    }
}

/// The terms form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub code: String,
    pub wallet_only: bool,
    pub min_level: Option<MemberLevel>,
    pub valid_days: Option<i32>,
    /// Shoppers may claim a copy themselves (on the account page).
    pub claimable: bool,
}

fn code_of(code: &str, errors: &mut Vec<FieldError>) -> String {
    match crate::promotions::normalize_code(code) {
        Some(c) => c,
        None => {
            let key = if code.trim().is_empty() {
                ErrorKey::Required
            } else {
                ErrorKey::NotFound
            };
            errors.push(FieldError::new("code", key));
            String::new()
        }
    }
}

/// A level from the form: blank is none (anyone), a known level, or an error.
fn level_of(v: &str) -> Result<Option<MemberLevel>, ()> {
    match v.trim() {
        "" => Ok(None),
        l => MemberLevel::parse(l)
            .filter(|l| *l != MemberLevel::Regular)
            .map(Some)
            .ok_or(()),
    }
}

impl Terms {
    /// `valid_days` blank (as long as the coupon runs) or 1 to 366.
    pub fn parse(
        code: &str,
        (wallet_only, claimable): (bool, bool),
        min_level: &str,
        valid_days: &str,
    ) -> Result<Terms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let code = code_of(code, &mut errors);
        let min_level = level_of(min_level).unwrap_or_else(|()| {
            errors.push(FieldError::new("min_level", ErrorKey::ChoiceInvalid));
            None
        });
        let valid_days = match valid_days.trim() {
            "" => None,
            d => match d.parse::<i32>() {
                Ok(n) if (1..=366).contains(&n) => Some(n),
                _ => {
                    errors.push(FieldError::new("valid_days", ErrorKey::NumberInvalid));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(Terms {
                code,
                wallet_only,
                min_level,
                valid_days,
                claimable,
            })
        } else {
            Err(errors)
        }
    }
}

/// The issue form, checked: the coupon, to whom, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueAsk {
    pub code: String,
    /// An e-mail, or a level (and above).
    pub to: Result<String, MemberLevel>,
    pub reason: String,
    pub key: String,
}

/// Longest reason kept.
pub const REASON_MAX: usize = 200;

impl IssueAsk {
    /// `to` is `shopper` (then `email`) or `level` (then `level`, not
    /// regular: that would be every shopper, which is a public coupon).
    pub fn parse(
        code: &str,
        to: &str,
        (email, level): (&str, &str),
        reason: &str,
        key: &str,
    ) -> Result<IssueAsk, Vec<FieldError>> {
        let mut errors = Vec::new();
        let code = code_of(code, &mut errors);
        let to = match to {
            "shopper" if email.trim().contains('@') => Ok(email.trim().to_lowercase()),
            "shopper" => {
                errors.push(FieldError::new("email", ErrorKey::Required));
                Ok(String::new())
            }
            "level" => match level_of(level) {
                Ok(Some(l)) => Err(l),
                _ => {
                    errors.push(FieldError::new("level", ErrorKey::ChoiceInvalid));
                    Err(MemberLevel::Vip)
                }
            },
            _ => {
                errors.push(FieldError::new("to", ErrorKey::ChoiceInvalid));
                Ok(String::new())
            }
        };
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            errors.push(FieldError::new("reason", ErrorKey::Required));
        } else if reason.chars().count() > REASON_MAX {
            errors.push(FieldError::new("reason", ErrorKey::TooLong));
        }
        let key = key.trim().to_string();
        if key.is_empty() || key.len() > 64 {
            errors.push(FieldError::new("key", ErrorKey::BadRequest));
        }
        if errors.is_empty() {
            Ok(IssueAsk {
                code,
                to,
                reason,
                key,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: Vec<FieldError>) -> Vec<String> {
        e.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn terms_are_checked_field_by_field() {
        let t = Terms::parse(" gold30 ", (true, false), "gold", "30").unwrap();
        assert_eq!(
            t,
            Terms {
                code: "GOLD30".into(),
                wallet_only: true,
                min_level: Some(MemberLevel::Gold),
                valid_days: Some(30),
                claimable: false,
            }
        );
        let open = Terms::parse("SAVE20", (false, true), "", "").unwrap();
        assert_eq!(
            (open.min_level, open.valid_days, open.claimable),
            (None, None, true)
        );
        let bad = Terms::parse("", (false, false), "regular", "0").unwrap_err();
        assert_eq!(fields(bad), ["code", "min_level", "valid_days"]);
        assert!(Terms::parse("A", (false, false), "", "367").is_err());
    }

    #[test]
    fn the_birthday_coupon_is_a_code_or_none_and_a_month_at_most() {
        assert_eq!(parse_birthday(" bday ", "7"), Ok((Some("BDAY".into()), 7)));
        assert_eq!(parse_birthday("", "0"), Ok((None, 0)));
        assert_eq!(
            fields(parse_birthday("a b", "31").unwrap_err()),
            ["code", "days_before"]
        );
        assert!(parse_birthday("", "-1").is_err());
    }

    #[test]
    fn an_issue_names_one_shopper_or_a_level() {
        let one = IssueAsk::parse("save20", "shopper", (" A@B.test ", ""), " 补偿 ", "k1").unwrap();
        assert_eq!(one.to, Ok("a@b.test".into()));
        assert_eq!((one.code.as_str(), one.reason.as_str()), ("SAVE20", "补偿"));
        let seg = IssueAsk::parse("SAVE20", "level", ("", "gold"), "活动", "k2").unwrap();
        assert_eq!(seg.to, Err(MemberLevel::Gold));
        let bad = IssueAsk::parse("SAVE20", "level", ("", "regular"), "", "").unwrap_err();
        assert_eq!(fields(bad), ["level", "reason", "key"]);
        let bad = IssueAsk::parse("SAVE20", "shopper", ("nobody", ""), "x", "k").unwrap_err();
        assert_eq!(fields(bad), ["email"]);
        let long = "长".repeat(REASON_MAX + 1);
        assert!(IssueAsk::parse("SAVE20", "everyone", ("", ""), &long, "k").is_err());
    }
}
