//! Pricing a cart (shared with checkout) and a signed-in shopper's stored lines.
use super::{CartLine, LineIn, LineNotice, MAX_LINES, MAX_QTY, Quote, ShippingMethod};
use crate::error::{AppError, ErrorKey};
use crate::promotions::db::{Buyer, is_new_customer, rules};
use crate::promotions::engine::{self, Context, Priced, Rule};
use crate::promotions::points::{PointsAsk, PointsUse};
use crate::promotions::{CouponProblem, PromotionKind, normalize_code};
use crate::wallet::CouponOffer;
use crate::wallet::db as wallet;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

mod suggest;

pub type Langs = (&'static str, &'static str);

/// A variant as the cart needs it, in the shopper's language.
#[derive(Debug, Clone)]
pub struct VariantRow {
    pub id: i64,
    pub product_id: i64,
    pub sku: String,
    pub price_minor: i64,
    pub currency: String,
    pub stock: i32,
    pub slug: String,
    pub listed: bool,
    pub image_id: Option<i64>,
    pub image: Option<String>,
    pub name: String,
    pub options: String,
    pub category_ids: Vec<i64>,
}

/// A priced cart plus what placing an order needs besides the quote.
pub struct Pricing {
    pub quote: Quote,
    pub priced: Priced,
    /// The variants of the priced (purchasable) lines, in `priced.lines` order.
    pub rows: Vec<VariantRow>,
    /// Every promotion that took something off, or the coupon (free shipping).
    pub used: Vec<Rule>,
}

/// Same variant twice becomes one line; quantities are clamped to 1..=99 and
/// at most 50 lines are kept. Quantities come from the client, so adding
/// them saturates: `i32::MAX` twice is 99, not an overflow.
pub fn tidy(lines: &[LineIn]) -> Vec<LineIn> {
    let mut out: Vec<LineIn> = Vec::new();
    for l in lines.iter().filter(|l| l.qty > 0) {
        if let Some(o) = out.iter_mut().find(|o| o.variant_id == l.variant_id) {
            o.qty = o.qty.saturating_add(l.qty).min(MAX_QTY);
        } else if out.len() < MAX_LINES {
            out.push(LineIn {
                qty: l.qty.min(MAX_QTY),
                ..l.clone()
            });
        }
    }
    out
}

async fn variant_rows(
    conn: &mut PgConnection,
    ids: &[i64],
    langs: Langs,
) -> Result<Vec<VariantRow>, AppError> {
    Ok(sqlx::query_as!(
        VariantRow,
        r#"SELECT v.id, v.product_id, v.sku, v.price_minor, v.currency, v.stock, p.slug, p.listed,
                  p.image_id, i.sha256 AS "image?",
                  COALESCE(t.name, f.name, p.slug) AS "name!",
                  COALESCE((SELECT string_agg(COALESCE(NULLIF(o->>$2, ''), o->>$3, ''), ' / ')
                              FROM jsonb_array_elements(v.option_values) o), '') AS "options!",
                  ARRAY(WITH RECURSIVE up(id) AS (
                            SELECT p.category_id
                            UNION ALL
                            SELECT c.parent_id FROM categories c JOIN up ON c.id = up.id
                             WHERE c.parent_id IS NOT NULL)
                        SELECT id FROM up) AS "category_ids!"
             FROM product_variants v
             JOIN products p ON p.id = v.product_id
             LEFT JOIN images i ON i.id = p.image_id
             LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2
             LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $3
            WHERE v.id = ANY($1)"#,
        ids,
        langs.0,
        langs.1,
    )
    .fetch_all(conn)
    .await?)
}

/// What to price: the lines, for whom, how, and when.
pub struct Ask<'a> {
    pub lines: &'a [LineIn],
    pub coupon: Option<&'a str>,
    pub buyer: &'a Buyer,
    pub shipping: ShippingMethod,
    pub langs: Langs,
    /// The shop's clock: it decides which promotions are running.
    pub now: OffsetDateTime,
    /// Spend the signed-in buyer's points, as far as the rule allows.
    pub use_points: bool,
}

/// Prices `ask.lines` for `ask.buyer`. Lines that cannot be bought are
/// kept in the quote with a notice and left out of the totals.
pub async fn price(conn: &mut PgConnection, ask: &Ask<'_>) -> Result<Pricing, AppError> {
    Ok(price_and_offers(conn, ask, false).await?.0)
}

/// What pricing reads before the engine runs: the lines as shown and as
/// bought, the promotions in force and the coupon asked for, and the
/// buyer (new customer, level and its benefits, whether the coupon's terms
/// let them use it).
struct Read {
    shown: Vec<CartLine>,
    buyable: Vec<(VariantRow, i64)>,
    currency: String,
    /// The code as typed, and normalised when it is one.
    code: Option<(String, Option<String>)>,
    automatic: Vec<Rule>,
    coupon_rule: Option<Rule>,
    new_customer: bool,
    benefits: crate::loyalty::db::Benefits,
    /// Why the coupon's terms keep it from this buyer.
    holder: Option<CouponProblem>,
}

async fn read(conn: &mut PgConnection, ask: &Ask<'_>) -> Result<Read, AppError> {
    let Ask {
        coupon,
        buyer,
        langs,
        now,
        ..
    } = *ask;
    let lines = tidy(ask.lines);
    let ids: Vec<i64> = lines.iter().map(|l| l.variant_id).collect();
    let found = if ids.is_empty() {
        vec![]
    } else {
        variant_rows(conn, &ids, langs).await?
    };
    let currency = found
        .first()
        .map(|r| r.currency.clone())
        .unwrap_or_else(|| "CNY".to_string());
    let (shown, buyable) = check_lines(&lines, &found, &currency);
    let code = coupon.map(|c| (c.to_string(), normalize_code(c)));
    let normalised = code.as_ref().and_then(|(_, c)| c.as_deref());
    let (automatic, coupon_rule) = rules(conn, now, &currency, normalised, buyer, langs).await?;
    let new_customer = match buyer.user_id {
        Some(id)
            if automatic
                .iter()
                .any(|r| r.kind() == PromotionKind::NewCustomer) =>
        {
            is_new_customer(conn, id).await?
        }
        _ => false,
    };
    // The buyer's level: member prices (rule 1), its delivery threshold and
    // the coupons kept to a level.
    let benefits = match buyer.user_id {
        Some(id) => crate::loyalty::db::benefits(conn, id, &ids, langs.0).await?,
        None => Default::default(),
    };
    // A coupon kept to wallet holders or to a level: checked here, where
    // the buyer is known; the engine checks the rest.
    let holder = match &coupon_rule {
        Some(rule) if code.is_some() => {
            wallet::holder_problem(conn, rule.id, buyer.user_id, benefits.level, now).await?
        }
        _ => None,
    };
    Ok(Read {
        shown,
        buyable,
        currency,
        code,
        automatic,
        coupon_rule,
        new_customer,
        benefits,
        holder,
    })
}

/// `price`, and with `offers` the signed-in buyer's held coupons weighed
/// against the order (`suggest`), best first.
pub async fn price_and_offers(
    conn: &mut PgConnection,
    ask: &Ask<'_>,
    offers: bool,
) -> Result<(Pricing, Vec<CouponOffer>), AppError> {
    let Ask {
        buyer,
        shipping,
        langs,
        now,
        ..
    } = *ask;
    let Read {
        mut shown,
        buyable,
        currency,
        code,
        automatic,
        coupon_rule,
        new_customer,
        benefits,
        holder,
    } = read(conn, ask).await?;
    let coupon_arg = match (&code, &coupon_rule, holder) {
        (None, _, _) => None,
        (Some(_), Some(_), Some(problem)) => Some(Err(problem)),
        (Some(_), Some(rule), None) => Some(Ok(rule)),
        (Some(_), None, _) => Some(Err(CouponProblem::Unknown)),
    };
    let engine_lines: Vec<engine::Line> = buyable
        .iter()
        .map(|(r, qty)| engine::Line {
            variant_id: r.id,
            product_id: r.product_id,
            category_ids: r.category_ids.clone(),
            unit_minor: r.price_minor,
            qty: *qty,
            member_unit_minor: benefits.prices.get(&r.id).copied(),
        })
        .collect();
    let free_from = benefits
        .free_shipping_minor
        .unwrap_or(super::FREE_STANDARD_FROM_MINOR);
    let ctx = Context {
        now: now.unix_timestamp(),
        new_customer,
        shipping_minor: 0,
    };
    let offers = match buyer.user_id {
        Some(id) if offers && !engine_lines.is_empty() => {
            let weigh = suggest::Weigh {
                lines: &engine_lines,
                automatic: &automatic,
                ctx: ctx.clone(),
                shipping: (shipping, free_from),
                level: benefits.level,
            };
            suggest::offers(conn, id, &weigh, (currency.as_str(), buyer), (langs, now)).await?
        }
        _ => Vec::new(),
    };
    let (mut priced, goods) = price_with_shipping(
        &engine_lines,
        &automatic,
        coupon_arg,
        ctx,
        (shipping, free_from),
    );
    // Rule 7: points, for an account, on what is left of the goods.
    if let Some(id) = buyer.user_id.filter(|_| !engine_lines.is_empty()) {
        let (balance, terms) = crate::loyalty::db::redeem_terms(conn, id, now).await?;
        let spend = ask.use_points;
        crate::promotions::points::redeem(
            &mut priced,
            &PointsAsk {
                balance,
                spend,
                terms,
            },
        );
    }

    for p in &priced.lines {
        if let Some(line) = shown.iter_mut().find(|l| l.variant_id == p.variant_id) {
            line.sale_unit_minor = p.sale_unit_minor;
            line.sale_label = match &p.sale {
                Some((_, label)) => Some(label.clone()),
                None => p.member_price.then(|| benefits.price_label.clone()),
            };
        }
    }
    let coupon_applied = code.is_some() && priced.coupon_problem.is_none();
    let used = used_rules(&automatic, coupon_rule.as_ref(), &priced, coupon_applied);
    let quote_currency = currency.clone();
    let quote = Quote {
        lines: shown,
        currency,
        list_minor: priced.list_minor,
        sale_savings_minor: priced.sale_savings_minor,
        discounts: priced.discounts.clone(),
        discount_minor: priced.discount_minor,
        shipping,
        shipping_minor: priced.shipping_minor,
        shipping_discount_minor: priced.shipping_discount_minor,
        total_minor: priced.total_minor,
        coupon: code.map(|(typed, norm)| norm.unwrap_or_else(|| typed.trim().to_string())),
        coupon_problem: priced.coupon_problem,
        points: priced
            .points
            .map(|p| quote_points(&p, &quote_currency, langs.0)),
        free_shipping_short_minor: (shipping == ShippingMethod::Standard
            && !engine_lines.is_empty()
            && goods < free_from)
            .then_some(free_from - goods),
        member_note: benefits.note.filter(|_| !engine_lines.is_empty()),
    };
    let pricing = Pricing {
        quote,
        priced,
        rows: buyable.into_iter().map(|(r, _)| r).collect(),
        used,
    };
    Ok((pricing, offers))
}

/// The quote's points: `p`'s figures and the checkout's words, in `lang`.
fn quote_points(p: &PointsUse, currency: &str, lang: &str) -> super::QuotePoints {
    use crate::i18n::*;
    use crate::ui::kit::format_money;
    let locale = crate::ui::kit::locale_for(lang);
    let t = p.terms;
    let (balance, pct) = (p.balance.to_string(), t.max_pct.to_string());
    let note = if p.below_minimum() {
        let min = t.min_points.to_string();
        td_string!(
            locale,
            checkout.points_unusable,
            min = min,
            pct = pct,
            balance = balance
        )
        .to_string()
    } else {
        let value = format_money(t.minor_per_point, currency);
        td_string!(
            locale,
            checkout.points_terms,
            balance = balance,
            value = value,
            pct = pct
        )
        .to_string()
    };
    let choice = (!p.below_minimum()).then(|| {
        let amount = format_money(p.usable * t.minor_per_point, currency);
        let points = p.usable.to_string();
        td_string!(
            locale,
            checkout.use_points,
            points = points,
            amount = amount
        )
        .to_string()
    });
    let line = (p.spent > 0).then(|| {
        let points = p.spent.to_string();
        td_string!(locale, cart.points_line, points = points).to_string()
    });
    super::QuotePoints {
        spent: p.spent,
        amount_minor: p.amount_minor,
        choice,
        note,
        line,
    }
}

/// Each line as the cart shows it, with what stands in the way of buying
/// it, and the lines that can be bought (with the quantity priced).
fn check_lines(
    lines: &[LineIn],
    found: &[VariantRow],
    currency: &str,
) -> (Vec<CartLine>, Vec<(VariantRow, i64)>) {
    let mut shown = Vec::with_capacity(lines.len());
    let mut buyable: Vec<(VariantRow, i64)> = Vec::new();
    for l in lines {
        let Some(row) = found.iter().find(|r| r.id == l.variant_id) else {
            // Deleted since it was added: nothing to show but the notice.
            continue;
        };
        let mut notices = Vec::new();
        let qty = if !row.listed || row.currency != currency {
            notices.push(LineNotice::Unavailable);
            0
        } else if row.stock <= 0 {
            notices.push(LineNotice::SoldOut);
            0
        } else if l.qty > row.stock {
            notices.push(LineNotice::OnlyLeft { stock: row.stock });
            row.stock
        } else {
            l.qty
        };
        if let Some(seen) = l.seen_price_minor
            && seen != row.price_minor
        {
            notices.push(LineNotice::PriceChanged { from_minor: seen });
        }
        if qty > 0 {
            buyable.push((row.clone(), i64::from(qty)));
        }
        shown.push(CartLine {
            variant_id: row.id,
            product_slug: row.slug.clone(),
            name: row.name.clone(),
            options: row.options.clone(),
            image: row.image.clone(),
            qty,
            stock: row.stock,
            currency: row.currency.clone(),
            unit_minor: row.price_minor,
            sale_unit_minor: row.price_minor,
            sale_label: None,
            notices,
        });
    }
    (shown, buyable)
}

/// Prices the lines, then again with the shipping fee: the fee depends on
/// the goods after discounts, and a free-shipping coupon on the fee.
/// Returns the pricing and the goods' value the fee was chosen by.
pub(super) fn price_with_shipping(
    lines: &[engine::Line],
    automatic: &[Rule],
    coupon: Option<Result<&Rule, CouponProblem>>,
    mut ctx: Context,
    (shipping, free_from): (ShippingMethod, i64),
) -> (Priced, i64) {
    let mut priced = engine::price(lines, automatic, coupon, &ctx);
    let goods = priced.total_minor;
    let fee = if lines.is_empty() {
        0
    } else {
        shipping.fee(goods, free_from)
    };
    if fee > 0 {
        ctx.shipping_minor = fee;
        priced = engine::price(lines, automatic, coupon, &ctx);
    }
    (priced, goods)
}

/// Every promotion that took something off, and the coupon when it
/// applies (free shipping takes nothing off the goods).
fn used_rules(
    automatic: &[Rule],
    coupon: Option<&Rule>,
    priced: &Priced,
    coupon_applied: bool,
) -> Vec<Rule> {
    automatic
        .iter()
        .chain(coupon)
        .filter(|r| {
            priced.discounts.iter().any(|d| d.promotion_id == r.id)
                || priced
                    .lines
                    .iter()
                    .any(|l| l.sale.as_ref().is_some_and(|s| s.0 == r.id))
                || (coupon_applied && r.kind() == PromotionKind::Coupon)
        })
        .cloned()
        .collect()
}

/// A signed-in shopper's stored lines, oldest first.
pub async fn stored_lines(pool: &PgPool, user_id: i64) -> Result<Vec<LineIn>, AppError> {
    let rows = sqlx::query!(
        "SELECT variant_id, qty, seen_price_minor FROM cart_items
          WHERE user_id = $1 ORDER BY added_at, variant_id",
        user_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| LineIn {
            variant_id: r.variant_id,
            qty: r.qty,
            seen_price_minor: Some(r.seen_price_minor),
        })
        .collect())
}

/// Adds `qty` units (capped at stock and 99); returns the line's new quantity.
pub async fn add(pool: &PgPool, user_id: i64, variant_id: i64, qty: i32) -> Result<i32, AppError> {
    let lines = sqlx::query_scalar!(
        r#"SELECT count(*) AS "lines!" FROM cart_items WHERE user_id = $1"#,
        user_id
    )
    .fetch_one(pool)
    .await?;
    if lines >= MAX_LINES as i64 {
        return Err(AppError::Conflict(ErrorKey::CartFull));
    }
    let qty = sqlx::query_scalar!(
        "INSERT INTO cart_items AS c (user_id, variant_id, qty, seen_price_minor)
         SELECT $1, v.id, LEAST($3, v.stock, $4), v.price_minor
           FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE v.id = $2 AND p.listed AND v.stock > 0
         ON CONFLICT (user_id, variant_id) DO UPDATE
            SET qty = LEAST(c.qty + $3, $4,
                            (SELECT stock FROM product_variants WHERE id = EXCLUDED.variant_id))
         RETURNING qty",
        user_id,
        variant_id,
        qty.clamp(1, MAX_QTY),
        MAX_QTY,
    )
    .fetch_optional(pool)
    .await?;
    qty.ok_or(AppError::Conflict(ErrorKey::SoldOut))
}

/// Sets a line's quantity (0 removes it), never above stock; returns it.
pub async fn set_qty(
    pool: &PgPool,
    user_id: i64,
    variant_id: i64,
    qty: i32,
) -> Result<i32, AppError> {
    if qty <= 0 {
        sqlx::query!(
            "DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2",
            user_id,
            variant_id
        )
        .execute(pool)
        .await?;
        return Ok(0);
    }
    let now = sqlx::query_scalar!(
        "UPDATE cart_items c SET qty = GREATEST(1, LEAST($3, v.stock, $4))
           FROM product_variants v
          WHERE c.user_id = $1 AND c.variant_id = $2 AND v.id = c.variant_id
         RETURNING c.qty",
        user_id,
        variant_id,
        qty,
        MAX_QTY,
    )
    .fetch_optional(pool)
    .await?;
    now.ok_or(AppError::NotFound)
}

/// Merges a guest's lines into the account's cart: quantities add up,
/// capped at stock; sold-out and withdrawn items are dropped.
pub async fn merge(
    conn: &mut PgConnection,
    user_id: i64,
    lines: &[LineIn],
) -> Result<(), AppError> {
    let lines = tidy(lines);
    if lines.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = lines.iter().map(|l| l.variant_id).collect();
    let qtys: Vec<i32> = lines.iter().map(|l| l.qty).collect();
    let seen: Vec<Option<i64>> = lines.iter().map(|l| l.seen_price_minor).collect();
    sqlx::query!(
        "INSERT INTO cart_items AS c (user_id, variant_id, qty, seen_price_minor)
         SELECT $1, v.id, LEAST(x.qty, v.stock, $5), COALESCE(x.seen, v.price_minor)
           FROM unnest($2::bigint[], $3::int[], $4::bigint[]) AS x(id, qty, seen)
           JOIN product_variants v ON v.id = x.id
           JOIN products p ON p.id = v.product_id
          WHERE p.listed AND v.stock > 0
         ON CONFLICT (user_id, variant_id) DO UPDATE
            SET qty = LEAST(c.qty + EXCLUDED.qty, $5,
                            (SELECT stock FROM product_variants WHERE id = EXCLUDED.variant_id))",
        user_id,
        &ids[..],
        &qtys[..],
        &seen[..] as &[Option<i64>],
        MAX_QTY,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count(pool: &PgPool, user_id: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(sum(qty), 0)::bigint AS "count!" FROM cart_items WHERE user_id = $1"#,
        user_id
    )
    .fetch_one(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(variant_id: i64, qty: i32) -> LineIn {
        LineIn {
            variant_id,
            qty,
            seen_price_minor: None,
        }
    }

    #[test]
    fn quantities_from_the_client_saturate_instead_of_overflowing() {
        let lines = tidy(&[line(7, i32::MAX), line(7, i32::MAX), line(8, -5)]);
        assert_eq!(lines, vec![line(7, MAX_QTY)]);
        let lines = tidy(&[line(7, 98), line(7, 1), line(7, 1)]);
        assert_eq!(lines, vec![line(7, MAX_QTY)]);
    }
}
