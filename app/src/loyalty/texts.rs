//! The account page's level texts, written on the server in the page's
//! language: the storefront's WASM carries none of them.
use super::LevelTexts;
use super::levels::{MemberLevel, Threshold};
use crate::i18n::*;
use crate::ui::kit::format_money;

/// The figures a level summary is written from.
pub struct LevelFigures {
    pub level: MemberLevel,
    /// The window's spend, refunds excluded (minor units, CNY).
    pub spend_minor: i64,
    pub window_days: i32,
    pub next: Option<Threshold>,
    /// The level's points, in percent of the rule's.
    pub points_pct: i32,
    /// The last moment (unix seconds) a level kept in grace lasts.
    pub kept_until: Option<i64>,
}

/// A level's name in `locale`.
pub fn level_name(locale: Locale, level: MemberLevel) -> String {
    match level {
        MemberLevel::Regular => td_string!(locale, loyalty.level_regular),
        MemberLevel::Silver => td_string!(locale, loyalty.level_silver),
        MemberLevel::Gold => td_string!(locale, loyalty.level_gold),
        MemberLevel::Vip => td_string!(locale, loyalty.level_vip),
    }
    .to_string()
}

/// The texts of a level summary in `locale`.
pub fn level_texts(locale: Locale, f: &LevelFigures) -> LevelTexts {
    let money = |minor: i64| format_money(minor, "CNY");
    let next = match f.next {
        Some(t) => td_string!(
            locale,
            loyalty.level_next,
            amount = money((t.minor - f.spend_minor).max(0)),
            level = level_name(locale, t.level)
        )
        .to_string(),
        None => td_string!(locale, loyalty.level_top).to_string(),
    };
    LevelTexts {
        name: level_name(locale, f.level),
        spend: td_string!(
            locale,
            loyalty.level_spend,
            amount = money(f.spend_minor),
            days = f.window_days
        )
        .to_string(),
        next,
        kept: f.kept_until.map(|at| {
            let date = crate::shop_time::display_local(at);
            td_string!(locale, loyalty.level_kept, date = date).to_string()
        }),
        points: td_string!(locale, loyalty.level_points, pct = f.points_pct).to_string(),
    }
}
