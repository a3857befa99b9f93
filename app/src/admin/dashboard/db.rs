//! The dashboard's figures. Every window is in shop calendar days, counted
//! back from `now` (the injected clock, so a test can fix "today").
//!
//! The orders that count as sales, with what each took after refunds, are
//! written out in each query that needs them (the `sales` CTE): a checked
//! query is one literal. Keep the copies identical:
//! not cancelled, and paid, part-refunded or cash on delivery (due or
//! collected).
use super::{Dashboard, DayPoint, Figures, LowStock, Seller, ToShip};
use crate::error::AppError;
use crate::orders::OrderStatus;
use sqlx::PgPool;
use time::OffsetDateTime;

/// Sales figures since the start of the shop day `days_back` days before
/// `now`'s (0: today).
async fn figures(pool: &PgPool, now: OffsetDateTime, days_back: i32) -> Result<Figures, AppError> {
    Ok(sqlx::query_as!(
        Figures,
        r#"WITH since AS (SELECT shop_midnight(shop_date($1::timestamptz) - $2::int) AS t),
                sales AS (
                    SELECT o.id, o.created_at,
                           o.total_minor - COALESCE((SELECT sum(p.refunded_minor) FROM payments p
                                                      WHERE p.order_id = o.id), 0) AS net_minor
                      FROM orders o
                     WHERE o.created_at >= (SELECT t FROM since)
                       AND o.status <> 'cancelled'
                       AND o.payment_status IN ('paid', 'partially_refunded', 'cod_due', 'cod_collected'))
           SELECT COALESCE((SELECT sum(net_minor) FROM sales), 0)::bigint AS "revenue_minor!",
                  (SELECT count(*) FROM sales) AS "sales!",
                  (SELECT count(*) FROM orders
                    WHERE created_at >= (SELECT t FROM since)) AS "placed!",
                  (SELECT count(*) FROM users WHERE role = 'shopper'
                      AND created_at >= (SELECT t FROM since)) AS "new_customers!""#,
        now,
        days_back
    )
    .fetch_one(pool)
    .await?)
}

/// Revenue and sales for each of the last 30 shop days, oldest first.
async fn daily(pool: &PgPool, now: OffsetDateTime) -> Result<Vec<DayPoint>, AppError> {
    Ok(sqlx::query_as!(
        DayPoint,
        r#"WITH sales AS (
                    SELECT o.id, o.created_at,
                           o.total_minor - COALESCE((SELECT sum(p.refunded_minor) FROM payments p
                                                      WHERE p.order_id = o.id), 0) AS net_minor
                      FROM orders o
                     WHERE o.created_at >= shop_midnight(shop_date($1::timestamptz) - 29)
                       AND o.status <> 'cancelled'
                       AND o.payment_status IN ('paid', 'partially_refunded', 'cod_due', 'cod_collected')),
                days AS (SELECT generate_series(shop_date($1::timestamptz) - 29,
                                                shop_date($1::timestamptz), '1 day')::date AS d)
           SELECT to_char(d.d, 'MM-DD') AS "day!",
                  COALESCE(sum(s.net_minor), 0)::bigint AS "revenue_minor!",
                  count(s.id) AS "sales!"
             FROM days d
             LEFT JOIN sales s ON shop_date(s.created_at) = d.d
            GROUP BY d.d ORDER BY d.d"#,
        now
    )
    .fetch_all(pool)
    .await?)
}

/// A listed product with what it sold in the last 30 days, and where it
/// stands among the top and the slow sellers.
struct SellerRow {
    product_id: i64,
    name: String,
    units: i64,
    revenue_minor: i64,
    /// Place among the products that sold (None for those that did not).
    top_rank: Option<i64>,
    slow_rank: i64,
}

/// How many products each list shows.
const SELLERS: i64 = 8;

/// Top sellers (most units, then most revenue) and slow sellers (fewest
/// units, none at all first, the oldest listings first among equals: they
/// have had the most time), both from listed products, in one pass. Units
/// count sold lines in the window; names are in Chinese (the shop's
/// default language) with the English name, then the slug, as fallback.
async fn sellers(
    pool: &PgPool,
    now: OffsetDateTime,
) -> Result<(Vec<Seller>, Vec<Seller>), AppError> {
    let rows = sqlx::query_as!(
        SellerRow,
        r#"WITH sales AS (
                    SELECT o.id
                      FROM orders o
                     WHERE o.created_at >= shop_midnight(shop_date($1::timestamptz) - 29)
                       AND o.status <> 'cancelled'
                       AND o.payment_status IN ('paid', 'partially_refunded', 'cod_due', 'cod_collected')),
                sold AS (SELECT i.product_id, sum(i.qty)::bigint AS units,
                                sum(i.paid_minor)::bigint AS revenue_minor
                           FROM order_items i JOIN sales s ON s.id = i.order_id
                          WHERE i.product_id IS NOT NULL GROUP BY i.product_id),
                ranked AS (
                    SELECT p.id AS product_id,
                           COALESCE((SELECT name FROM product_translations t
                                      WHERE t.product_id = p.id AND t.locale = 'zh-CN'),
                                    (SELECT name FROM product_translations t
                                      WHERE t.product_id = p.id AND t.locale = 'en'),
                                    p.slug) AS name,
                           COALESCE(sold.units, 0) AS units,
                           COALESCE(sold.revenue_minor, 0) AS revenue_minor,
                           CASE WHEN sold.product_id IS NOT NULL THEN
                               row_number() OVER (ORDER BY sold.units DESC NULLS LAST,
                                                           sold.revenue_minor DESC, p.id)
                           END AS top_rank,
                           row_number() OVER (ORDER BY COALESCE(sold.units, 0) ASC,
                                                       p.created_at ASC, p.id) AS slow_rank
                      FROM products p LEFT JOIN sold ON sold.product_id = p.id
                     WHERE p.listed)
           SELECT product_id AS "product_id!", name AS "name!", units AS "units!",
                  revenue_minor AS "revenue_minor!", top_rank, slow_rank AS "slow_rank!"
             FROM ranked
            WHERE top_rank <= $2 OR slow_rank <= $2"#,
        now,
        SELLERS
    )
    .fetch_all(pool)
    .await?;
    let pick = |rank: fn(&SellerRow) -> Option<i64>| {
        let mut list: Vec<&SellerRow> = rows
            .iter()
            .filter(|r| rank(r).is_some_and(|n| n <= SELLERS))
            .collect();
        list.sort_by_key(|r| rank(r));
        list.into_iter()
            .map(|r| Seller {
                product_id: r.product_id,
                name: r.name.clone(),
                units: r.units,
                revenue_minor: r.revenue_minor,
            })
            .collect()
    };
    Ok((pick(|r| r.top_rank), pick(|r| Some(r.slow_rank))))
}

/// Orders placed in the last 30 days per status, every status listed.
async fn by_status(
    pool: &PgPool,
    now: OffsetDateTime,
) -> Result<Vec<(OrderStatus, i64)>, AppError> {
    let counts = sqlx::query!(
        r#"SELECT status AS "status: OrderStatus", count(*) AS "orders!"
             FROM orders
            WHERE created_at >= shop_midnight(shop_date($1::timestamptz) - 29)
            GROUP BY status"#,
        now
    )
    .fetch_all(pool)
    .await?;
    Ok(OrderStatus::ALL
        .into_iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|c| c.status == s)
                .map_or(0, |c| c.orders);
            (s, n)
        })
        .collect())
}

pub async fn dashboard(pool: &PgPool, now: OffsetDateTime) -> Result<Dashboard, AppError> {
    let today = figures(pool, now, 0).await?;
    let month = figures(pool, now, 29).await?;
    let daily = daily(pool, now).await?;
    let (top, slow) = sellers(pool, now).await?;
    let by_status = by_status(pool, now).await?;
    let low_stock = sqlx::query_as!(
        LowStock,
        r#"SELECT v.id AS variant_id, v.sku,
                  COALESCE((SELECT name FROM product_translations t
                             WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), '') AS "name!",
                  v.stock, v.safety_stock
             FROM product_variants v
            WHERE v.stock <= v.safety_stock
            ORDER BY v.stock - v.safety_stock, v.id
            LIMIT 10"#
    )
    .fetch_all(pool)
    .await?;
    let to_ship = sqlx::query_as!(
        ToShip,
        r#"SELECT o.number, COALESCE(u.display_name, o.guest_email, '') AS "customer!",
                  o.total_minor, o.currency,
                  (extract(epoch FROM $1::timestamptz - o.created_at) / 3600)::bigint
                    AS "waiting_hours!"
             FROM orders o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.status = 'awaiting_shipment'
            ORDER BY o.created_at
            LIMIT 10"#,
        now
    )
    .fetch_all(pool)
    .await?;
    let waiting = sqlx::query!(
        r#"SELECT (SELECT count(*) FROM product_variants WHERE stock <= safety_stock) AS "low_stock!",
                  (SELECT count(*) FROM orders WHERE status = 'awaiting_shipment') AS "to_ship!""#
    )
    .fetch_one(pool)
    .await?;
    Ok(Dashboard {
        currency: "CNY".into(),
        today,
        month,
        daily,
        top,
        slow,
        by_status,
        low_stock,
        low_stock_count: waiting.low_stock,
        to_ship,
        to_ship_count: waiting.to_ship,
    })
}
