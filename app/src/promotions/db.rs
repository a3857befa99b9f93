//! Loading the promotions in force for a cart, with what the engine needs to
//! know about the buyer (uses of per-customer limited promotions).
use super::PromotionKind;
use super::engine::{Benefit, Rule};
use crate::error::AppError;
use sqlx::PgConnection;

/// Who is buying: an account, an e-mail (guest checkout), both or neither
/// (a guest's cart before checkout).
#[derive(Debug, Clone, Default)]
pub struct Buyer {
    pub user_id: Option<i64>,
    pub email: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: i64,
    kind: String,
    label: String,
    percent_off: Option<i32>,
    amount_off_minor: Option<i64>,
    free_shipping: bool,
    tiers: Option<serde_json::Value>,
    min_spend_minor: i64,
    product_ids: Vec<i64>,
    category_ids: Vec<i64>,
    applies_to_sale_items: bool,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    usage_limit: Option<i32>,
    used_count: i32,
    per_customer_limit: Option<i32>,
    customer_uses: i64,
}

/// One 满减 tier's name in `lang`, e.g. "满 300 减 50" (whole yuan when
/// there are no fen), for the discount line that names the tier reached.
fn tier_label(lang: &str, currency: &str, (min, off): (i64, i64)) -> String {
    use crate::i18n::*;
    let locale = if lang == "en" {
        Locale::en
    } else {
        Locale::zh_CN
    };
    // The same symbols as `ui::format_money`.
    let sym = match currency {
        "CNY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        _ => "",
    };
    let plain = |m: i64| {
        if m % 100 == 0 {
            (m / 100).to_string()
        } else {
            format!("{}.{:02}", m / 100, m % 100)
        }
    };
    td_string!(
        locale,
        checkout.threshold_tier,
        min = plain(min),
        off = plain(off),
        sym = sym
    )
    .to_string()
}

impl RuleRow {
    /// `lang` and `currency` name the 满减 tiers; see `Rule::tier_labels`.
    fn into_rule(self, lang: &str, currency: &str) -> Option<Rule> {
        let kind = PromotionKind::parse(&self.kind)?;
        let benefit = if kind == PromotionKind::Threshold {
            let tiers = self
                .tiers
                .as_ref()
                .and_then(|t| t.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|t| {
                            Some((t.get("min_minor")?.as_i64()?, t.get("off_minor")?.as_i64()?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Benefit::Tiers(tiers)
        } else if self.free_shipping {
            Benefit::FreeShipping
        } else if let Some(p) = self.percent_off {
            Benefit::PercentOff(i64::from(p))
        } else {
            Benefit::AmountOff(self.amount_off_minor?)
        };
        let tier_labels = match &benefit {
            Benefit::Tiers(tiers) => tiers
                .iter()
                .map(|&tier| tier_label(lang, currency, tier))
                .collect(),
            _ => Vec::new(),
        };
        Some(Rule {
            id: self.id,
            kind,
            label: self.label,
            tier_labels,
            benefit,
            min_spend_minor: self.min_spend_minor,
            product_ids: self.product_ids,
            category_ids: self.category_ids,
            applies_to_sale_items: self.applies_to_sale_items,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            usage_limit: self.usage_limit.map(i64::from),
            used_count: i64::from(self.used_count),
            per_customer_limit: self.per_customer_limit.map(i64::from),
            customer_uses: self.customer_uses,
        })
    }
}

/// The automatic promotions running now, and the coupon with `code` in any
/// state (the engine explains an expired or used-up one). Returns
/// (automatic rules, coupon rule if the code exists).
pub async fn rules(
    conn: &mut PgConnection,
    currency: &str,
    code: Option<&str>,
    buyer: &Buyer,
    langs: (&str, &str),
) -> Result<(Vec<Rule>, Option<Rule>), AppError> {
    let rows: Vec<RuleRow> = sqlx::query_as(
        "SELECT p.id, p.kind,
                COALESCE(NULLIF(p.name->>$1, ''), p.name->>$2, '') AS label,
                p.percent_off, p.amount_off_minor, p.free_shipping, p.tiers, p.min_spend_minor,
                p.product_ids, p.category_ids, p.applies_to_sale_items,
                extract(epoch FROM p.starts_at)::bigint AS starts_at,
                extract(epoch FROM p.ends_at)::bigint AS ends_at,
                p.usage_limit, p.used_count, p.per_customer_limit,
                CASE WHEN p.per_customer_limit IS NULL THEN 0 ELSE
                    (SELECT count(*) FROM promotion_redemptions r
                      WHERE r.promotion_id = p.id AND r.released_at IS NULL
                        AND (r.user_id = $3 OR lower(r.email) = lower($4)))
                END AS customer_uses
           FROM promotions p
          WHERE p.active AND p.currency = $5
            AND ((p.kind <> 'coupon'
                  AND (p.starts_at IS NULL OR p.starts_at <= now())
                  AND (p.ends_at IS NULL OR p.ends_at > now()))
                 OR p.code = $6)
          ORDER BY p.id",
    )
    .bind(langs.0)
    .bind(langs.1)
    .bind(buyer.user_id)
    .bind(buyer.email.as_deref())
    .bind(currency)
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    let mut automatic = Vec::with_capacity(rows.len());
    let mut coupon = None;
    for row in rows {
        let Some(rule) = row.into_rule(langs.0, currency) else {
            tracing::warn!("promotion with an unusable definition skipped");
            continue;
        };
        if rule.kind == PromotionKind::Coupon {
            coupon = Some(rule);
        } else {
            automatic.push(rule);
        }
    }
    Ok((automatic, coupon))
}

/// An account that has never placed an order (cancelled ones don't count).
pub async fn is_new_customer(conn: &mut PgConnection, user_id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT NOT EXISTS (SELECT 1 FROM orders WHERE user_id = $1 AND status <> 'cancelled')",
    )
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}
