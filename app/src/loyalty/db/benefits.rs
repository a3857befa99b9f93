//! What a buyer's level gives them when an order is priced: member prices
//! for the variants in the cart and the free-shipping threshold, with the
//! cart's words for them written here in the buyer's language.
use crate::error::AppError;
use crate::loyalty::levels::MemberLevel;
use sqlx::PgConnection;
use std::collections::HashMap;

/// The benefits of one buyer's level.
#[derive(Debug, Clone, Default)]
pub struct Benefits {
    pub level: MemberLevel,
    /// Variant → the lowest member price for the level or one below.
    pub prices: HashMap<i64, i64>,
    /// Standard delivery is free from this much of goods (None: the shop's).
    pub free_shipping_minor: Option<i64>,
    /// "Gold member price", in the buyer's language.
    pub price_label: String,
    /// The cart's line about the level's delivery, when it has its own.
    pub note: Option<String>,
}

/// `user_id`'s benefits for `variants`, words in `lang` (`zh-CN` or `en`).
pub async fn benefits(
    conn: &mut PgConnection,
    user_id: i64,
    variants: &[i64],
    lang: &str,
) -> Result<Benefits, AppError> {
    use crate::i18n::*;
    let l = sqlx::query!(
        r#"SELECT u.level AS "level: MemberLevel", ml.rank, ml.free_shipping_minor
             FROM users u JOIN member_levels ml ON ml.level = u.level WHERE u.id = $1"#,
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let prices = sqlx::query!(
        r#"SELECT mp.variant_id, min(mp.price_minor) AS "price!"
             FROM member_prices mp JOIN member_levels ml ON ml.level = mp.level
            WHERE mp.variant_id = ANY($1) AND ml.rank <= $2
            GROUP BY mp.variant_id"#,
        variants,
        l.rank
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|p| (p.variant_id, p.price))
    .collect();
    let locale = crate::ui::kit::locale_for(lang);
    let name = crate::loyalty::level_name(locale, l.level);
    let note = l.free_shipping_minor.map(|from| {
        if from == 0 {
            td_string!(locale, loyalty.benefit_free_shipping, level = name.clone()).to_string()
        } else {
            let amount = crate::ui::kit::format_money(from, "CNY");
            td_string!(
                locale,
                loyalty.benefit_free_shipping_from,
                level = name.clone(),
                amount = amount
            )
            .to_string()
        }
    });
    Ok(Benefits {
        level: l.level,
        prices,
        free_shipping_minor: l.free_shipping_minor,
        price_label: td_string!(locale, loyalty.member_price, level = name).to_string(),
        note,
    })
}
