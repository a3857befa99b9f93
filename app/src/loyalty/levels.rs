//! Member levels: what a shopper paid for goods over a rolling window
//! (refunded units excluded) decides their level. A level is reached at
//! once; one the spend no longer reaches is kept for a grace period when
//! time took it (old orders leaving the window), and lost at once when
//! refunds did, so buying, reaching a level and returning it all keeps
//! nothing. Staff's floor is the lowest the level goes. Worked out here,
//! without the database, so the rules are unit tested; `db::levels`
//! reads the figures and writes the outcome.
use serde::{Deserialize, Serialize};

/// A membership level, lowest first (the order is the rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum MemberLevel {
    #[default]
    Regular,
    Silver,
    Gold,
    Vip,
}

#[cfg(feature = "ssr")]
pg_text!(MemberLevel);

impl MemberLevel {
    pub const ALL: [MemberLevel; 4] = [
        MemberLevel::Regular,
        MemberLevel::Silver,
        MemberLevel::Gold,
        MemberLevel::Vip,
    ];

    /// The name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberLevel::Regular => "regular",
            MemberLevel::Silver => "silver",
            MemberLevel::Gold => "gold",
            MemberLevel::Vip => "vip",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Why a level changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum LevelCause {
    /// The spend reached a higher level.
    Reached,
    /// The grace period ended with the spend short of the level.
    Lapsed,
    /// Refunds took the spend below the level: no grace.
    Refunded,
    /// Staff set or removed a floor.
    Floor,
}

#[cfg(feature = "ssr")]
pg_text!(LevelCause);

/// A level and the window spend that reaches it, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    pub level: MemberLevel,
    pub minor: i64,
}

/// What a shopper's level is worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub current: MemberLevel,
    pub floor: Option<MemberLevel>,
    /// Since when (unix seconds) the spend has been short of `current`.
    pub short_since: Option<i64>,
    /// The window's spend, refunded units excluded.
    pub net: i64,
    /// The same with refunds counted as bought.
    pub gross: i64,
}

/// The outcome: the level, the grace period's start if one runs, and why
/// the level changed (None: it did not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub level: MemberLevel,
    pub short_since: Option<i64>,
    pub cause: Option<LevelCause>,
}

/// The highest level `spend` reaches (thresholds in any order).
pub fn reached(levels: &[Threshold], spend: i64) -> MemberLevel {
    levels
        .iter()
        .filter(|t| t.minor <= spend)
        .map(|t| t.level)
        .max()
        .unwrap_or_default()
}

/// The next level above `level` and the spend it takes.
pub fn next_above(levels: &[Threshold], level: MemberLevel) -> Option<Threshold> {
    levels
        .iter()
        .filter(|t| t.level > level)
        .min_by_key(|t| t.level)
        .copied()
}

/// The level `s` leads to at `now` (unix seconds) with `grace_days`.
/// `staff` is a floor just changed by staff: it applies at once, both ways.
pub fn decide(
    s: &Standing,
    levels: &[Threshold],
    grace_days: i64,
    now: i64,
    staff: bool,
) -> Decision {
    let earned = reached(levels, s.net);
    let floor = s.floor.unwrap_or_default();
    let target = earned.max(floor);
    let stay = Decision {
        level: s.current,
        short_since: None,
        cause: None,
    };
    if target == s.current {
        return stay;
    }
    let floor_decides = floor > earned;
    if target > s.current {
        let cause = if floor_decides {
            LevelCause::Floor
        } else {
            LevelCause::Reached
        };
        return Decision {
            level: target,
            short_since: None,
            cause: Some(cause),
        };
    }
    let now_to = |cause| Decision {
        level: target,
        short_since: None,
        cause: Some(cause),
    };
    if staff {
        return now_to(LevelCause::Floor);
    }
    if reached(levels, s.gross).max(floor) >= s.current {
        // Bought enough, then sent it back.
        return now_to(LevelCause::Refunded);
    }
    let since = s.short_since.unwrap_or(now);
    if now >= since + grace_days * 86_400 {
        now_to(LevelCause::Lapsed)
    } else {
        Decision {
            short_since: Some(since),
            ..stay
        }
    }
}

/// The last day (unix seconds) a level kept in grace lasts.
pub fn kept_until(short_since: i64, grace_days: i64) -> i64 {
    short_since + grace_days * 86_400
}

#[cfg(test)]
mod tests {
    use super::MemberLevel::*;
    use super::*;

    const DAY: i64 = 86_400;

    fn levels() -> Vec<Threshold> {
        [
            (Vip, 2_000_000),
            (Regular, 0),
            (Gold, 500_000),
            (Silver, 100_000),
        ]
        .into_iter()
        .map(|(level, minor)| Threshold { level, minor })
        .collect()
    }

    fn standing(current: MemberLevel, net: i64, gross: i64) -> Standing {
        Standing {
            current,
            floor: None,
            short_since: None,
            net,
            gross,
        }
    }

    #[test]
    fn spend_reaches_the_highest_level_it_covers() {
        let l = levels();
        assert_eq!(reached(&l, 0), Regular);
        assert_eq!(reached(&l, 99_999), Regular);
        assert_eq!(reached(&l, 100_000), Silver);
        assert_eq!(reached(&l, 1_999_999), Gold);
        assert_eq!(reached(&l, 5_000_000), Vip);
        assert_eq!(next_above(&l, Silver).map(|t| t.level), Some(Gold));
        assert_eq!(next_above(&l, Vip), None);
    }

    #[test]
    fn a_level_is_reached_at_once() {
        let d = decide(
            &standing(Regular, 600_000, 600_000),
            &levels(),
            30,
            0,
            false,
        );
        assert_eq!((d.level, d.cause), (Gold, Some(LevelCause::Reached)));
    }

    #[test]
    fn time_taking_the_spend_away_gives_a_grace_period() {
        let l = levels();
        let s = standing(Gold, 200_000, 200_000);
        let d = decide(&s, &l, 30, 1_000, false);
        assert_eq!((d.level, d.short_since, d.cause), (Gold, Some(1_000), None));
        let later = Standing {
            short_since: d.short_since,
            ..s
        };
        let d = decide(&later, &l, 30, 1_000 + 29 * DAY, false);
        assert_eq!(
            (d.level, d.short_since),
            (Gold, Some(1_000)),
            "still in grace"
        );
        let d = decide(&later, &l, 30, 1_000 + 30 * DAY, false);
        assert_eq!((d.level, d.cause), (Silver, Some(LevelCause::Lapsed)));
        assert_eq!(d.short_since, None);
    }

    #[test]
    fn spending_again_in_grace_ends_it() {
        let s = Standing {
            short_since: Some(0),
            ..standing(Gold, 500_000, 500_000)
        };
        let d = decide(&s, &levels(), 30, 10 * DAY, false);
        assert_eq!((d.level, d.short_since, d.cause), (Gold, None, None));
    }

    #[test]
    fn refunds_take_a_level_away_at_once() {
        let d = decide(&standing(Gold, 50_000, 550_000), &levels(), 30, 0, false);
        assert_eq!((d.level, d.cause), (Regular, Some(LevelCause::Refunded)));
    }

    #[test]
    fn a_floor_holds_the_level_up_and_staff_changes_apply_at_once() {
        let l = levels();
        let floored = Standing {
            floor: Some(Gold),
            ..standing(Regular, 0, 0)
        };
        let d = decide(&floored, &l, 30, 0, true);
        assert_eq!((d.level, d.cause), (Gold, Some(LevelCause::Floor)));
        let kept = Standing {
            current: Gold,
            ..floored
        };
        assert_eq!(decide(&kept, &l, 30, 400 * DAY, false).level, Gold);
        // The floor removed: staff's change drops the level now.
        let removed = Standing {
            floor: None,
            ..kept
        };
        let d = decide(&removed, &l, 30, 0, true);
        assert_eq!((d.level, d.cause), (Regular, Some(LevelCause::Floor)));
        // Spend above the floor still lifts the level.
        let d = decide(
            &Standing {
                net: 2_000_000,
                gross: 2_000_000,
                ..kept
            },
            &l,
            30,
            0,
            false,
        );
        assert_eq!((d.level, d.cause), (Vip, Some(LevelCause::Reached)));
    }
}
