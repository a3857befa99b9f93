//! Loading promotions: the one row every read of `promotions` returns, and
//! the promotions in force for a cart, with what the engine needs to know
//! about the buyer (uses of per-customer limited promotions).
use super::engine::Rule;
use super::{BadPromotion, Offer, Promotion, PromotionColumns, PromotionKind, Tier};
use crate::error::AppError;
use serde_json::Value;
use sqlx::PgConnection;
use time::OffsetDateTime;

/// Who is buying: an account, an e-mail (guest checkout), both or neither
/// (a guest's cart before checkout).
#[derive(Debug, Clone, Default)]
pub struct Buyer {
    pub user_id: Option<i64>,
    pub email: Option<String>,
}

/// A `promotions` row as every query that loads promotions selects it:
/// names out of the `name` JSON, times as Unix seconds, tiers as stored.
pub(crate) struct Row {
    pub id: i64,
    pub kind: PromotionKind,
    pub code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub percent_off: Option<i32>,
    pub amount_off_minor: Option<i64>,
    pub free_shipping: bool,
    pub tiers: Option<Value>,
    pub min_spend_minor: i64,
    pub product_ids: Vec<i64>,
    pub category_ids: Vec<i64>,
    pub applies_to_sale_items: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub active: bool,
    pub used_count: i32,
    pub currency: String,
}

/// A loaded promotion with what is kept beside it.
pub(crate) struct Stored {
    pub id: i64,
    pub promotion: Promotion,
    pub used_count: i32,
    pub currency: String,
}

impl Row {
    /// The row as the model, or what the model cannot hold in it.
    pub fn decode(self) -> Result<Stored, BadPromotion> {
        let tiers = match self.tiers {
            None => None,
            Some(json) => Some(
                serde_json::from_value::<Vec<Tier>>(json)
                    .map_err(|e| BadPromotion(format!("tiers: {e}")))?,
            ),
        };
        let columns = PromotionColumns {
            kind: self.kind,
            code: self.code,
            name_zh: self.name_zh,
            name_en: self.name_en,
            percent_off: self.percent_off,
            amount_off_minor: self.amount_off_minor,
            free_shipping: self.free_shipping,
            tiers,
            min_spend_minor: self.min_spend_minor,
            product_ids: self.product_ids,
            category_ids: self.category_ids,
            applies_to_sale_items: self.applies_to_sale_items,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            usage_limit: self.usage_limit,
            per_customer_limit: self.per_customer_limit,
            active: self.active,
        };
        Ok(Stored {
            id: self.id,
            promotion: Promotion::try_from(columns)?,
            used_count: self.used_count,
            currency: self.currency,
        })
    }
}

/// One 满减 tier's name in `lang`, e.g. "满 300 减 50" (whole yuan when
/// there are no fen), for the discount line that names the tier reached.
fn tier_label(lang: &str, currency: &str, tier: &Tier) -> String {
    use crate::i18n::*;
    let locale = crate::ui::kit::locale_for(lang);
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
        min = plain(tier.min_minor),
        off = plain(tier.off_minor),
        sym = sym
    )
    .to_string()
}

/// The promotion's name in `lang`, else in `fallback`, else empty.
fn label(p: &Promotion, (lang, fallback): (&str, &str)) -> String {
    let name_in = |l: &str| match l {
        "zh-CN" => p.name_zh.as_str(),
        "en" => p.name_en.as_str(),
        _ => "",
    };
    let name = name_in(lang);
    if name.is_empty() {
        name_in(fallback)
    } else {
        name
    }
    .to_string()
}

/// `lang` and `currency` name the 满减 tiers; see `Rule::tier_labels`.
fn into_rule(s: Stored, customer_uses: i64, langs: (&str, &str)) -> Rule {
    let tier_labels = match &s.promotion.offer {
        Offer::Threshold { tiers } => tiers
            .as_slice()
            .iter()
            .map(|t| tier_label(langs.0, &s.currency, t))
            .collect(),
        _ => Vec::new(),
    };
    Rule {
        id: s.id,
        label: label(&s.promotion, langs),
        tier_labels,
        promotion: s.promotion,
        used_count: i64::from(s.used_count),
        customer_uses,
    }
}

/// Unreleased uses by `buyer` of each promotion in `ids`.
async fn customer_uses(
    conn: &mut PgConnection,
    ids: &[i64],
    buyer: &Buyer,
) -> Result<Vec<Uses>, AppError> {
    Ok(sqlx::query_as!(
        Uses,
        r#"SELECT r.promotion_id AS "id!", count(*) AS "uses!"
             FROM promotion_redemptions r
            WHERE r.promotion_id = ANY($1) AND r.released_at IS NULL
              AND (r.user_id = $2 OR lower(r.email) = lower($3))
            GROUP BY r.promotion_id"#,
        ids,
        buyer.user_id,
        buyer.email.as_deref(),
    )
    .fetch_all(conn)
    .await?)
}

struct Uses {
    id: i64,
    uses: i64,
}

/// The automatic promotions running at `now`, and the coupon with `code`
/// in any state (the engine explains an expired or used-up one). Returns
/// (automatic rules, coupon rule if the code exists).
pub async fn rules(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    currency: &str,
    code: Option<&str>,
    buyer: &Buyer,
    langs: (&str, &str),
) -> Result<(Vec<Rule>, Option<Rule>), AppError> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT p.id, p.kind AS "kind: PromotionKind", p.code,
                  COALESCE(p.name->>'zh-CN', '') AS "name_zh!",
                  COALESCE(p.name->>'en', '') AS "name_en!",
                  p.percent_off, p.amount_off_minor, p.free_shipping, p.tiers, p.min_spend_minor,
                  p.product_ids, p.category_ids, p.applies_to_sale_items,
                  extract(epoch FROM p.starts_at)::bigint AS "starts_at?",
                  extract(epoch FROM p.ends_at)::bigint AS "ends_at?",
                  p.usage_limit, p.per_customer_limit, p.active, p.used_count, p.currency
             FROM promotions p
            WHERE p.active AND p.currency = $1
              AND ((p.kind <> 'coupon'
                    AND (p.starts_at IS NULL OR p.starts_at <= $2)
                    AND (p.ends_at IS NULL OR p.ends_at > $2))
                   OR p.code = $3)
            ORDER BY p.id"#,
        currency,
        now,
        code,
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut automatic = Vec::with_capacity(rows.len());
    let mut coupon = None;
    for rule in into_rules(conn, rows, buyer, langs).await? {
        if rule.kind() == PromotionKind::Coupon {
            coupon = Some(rule);
        } else {
            automatic.push(rule);
        }
    }
    Ok((automatic, coupon))
}

/// The coupons `ids` in `currency`, in any state (the engine explains an
/// expired or used-up one), for weighing a wallet against an order.
pub async fn coupons_by_id(
    conn: &mut PgConnection,
    ids: &[i64],
    currency: &str,
    buyer: &Buyer,
    langs: (&str, &str),
) -> Result<Vec<Rule>, AppError> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT p.id, p.kind AS "kind: PromotionKind", p.code,
                  COALESCE(p.name->>'zh-CN', '') AS "name_zh!",
                  COALESCE(p.name->>'en', '') AS "name_en!",
                  p.percent_off, p.amount_off_minor, p.free_shipping, p.tiers, p.min_spend_minor,
                  p.product_ids, p.category_ids, p.applies_to_sale_items,
                  extract(epoch FROM p.starts_at)::bigint AS "starts_at?",
                  extract(epoch FROM p.ends_at)::bigint AS "ends_at?",
                  p.usage_limit, p.per_customer_limit, p.active, p.used_count, p.currency
             FROM promotions p
            WHERE p.id = ANY($1) AND p.kind = 'coupon' AND p.currency = $2
            ORDER BY p.id"#,
        ids,
        currency,
    )
    .fetch_all(&mut *conn)
    .await?;
    into_rules(conn, rows, buyer, langs).await
}

/// Rows as the engine's rules, with `buyer`'s uses of those with a
/// per-customer limit. A row the model cannot hold is logged and left
/// out, so one bad promotion does not stop the shop from selling.
async fn into_rules(
    conn: &mut PgConnection,
    rows: Vec<Row>,
    buyer: &Buyer,
    langs: (&str, &str),
) -> Result<Vec<Rule>, AppError> {
    let mut stored = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.id;
        match row.decode() {
            Ok(s) => stored.push(s),
            Err(e) => tracing::warn!(promotion = id, "skipped: {e}"),
        }
    }
    // Uses per customer matter only where there is a per-customer limit.
    let limited: Vec<i64> = stored
        .iter()
        .filter(|s| s.promotion.per_customer_limit.is_some())
        .map(|s| s.id)
        .collect();
    let uses = if limited.is_empty() {
        Vec::new()
    } else {
        customer_uses(conn, &limited, buyer).await?
    };
    Ok(stored
        .into_iter()
        .map(|s| {
            let mine = uses.iter().find(|u| u.id == s.id).map_or(0, |u| u.uses);
            into_rule(s, mine, langs)
        })
        .collect())
}

/// An account that has never placed an order (cancelled ones don't count).
pub async fn is_new_customer(conn: &mut PgConnection, user_id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT NOT EXISTS (SELECT 1 FROM orders WHERE user_id = $1 AND status <> 'cancelled') AS "new!""#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}
