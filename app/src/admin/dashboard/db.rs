use super::{Dashboard, DayPoint, Figures, LowStock, Seller, ToShip};
use crate::error::AppError;
use crate::orders::OrderStatus;
use sqlx::PgPool;

/// The shop's calendar. Order numbers use the same zone.
const ZONE: &str = "Asia/Shanghai";

/// The orders that count as sales, with what each took after refunds.
/// `$1` is the start of the window.
const SALES: &str = "
    SELECT o.id, o.created_at,
           o.total_minor - COALESCE((SELECT sum(p.refunded_minor) FROM payments p
                                      WHERE p.order_id = o.id), 0) AS net_minor
      FROM orders o
     WHERE o.created_at >= $1
       AND o.status <> 'cancelled'
       AND o.payment_status IN ('paid', 'partially_refunded', 'cod_due', 'cod_collected')";

async fn figures(pool: &PgPool, days_back: i32) -> Result<Figures, AppError> {
    let sql = format!(
        "WITH since AS (SELECT ((now() AT TIME ZONE '{ZONE}')::date - $1::int)::timestamp
                               AT TIME ZONE '{ZONE}' AS t),
              sales AS ({sales})
         SELECT COALESCE((SELECT sum(net_minor) FROM sales), 0)::bigint AS revenue_minor,
                (SELECT count(*) FROM sales) AS sales,
                (SELECT count(*) FROM orders WHERE created_at >= (SELECT t FROM since)) AS placed,
                (SELECT count(*) FROM users WHERE role = 'shopper'
                    AND created_at >= (SELECT t FROM since)) AS new_customers",
        sales = SALES.replace("$1", "(SELECT t FROM since)")
    );
    Ok(sqlx::query_as(&sql).bind(days_back).fetch_one(pool).await?)
}

pub async fn dashboard(pool: &PgPool) -> Result<Dashboard, AppError> {
    let today = figures(pool, 0).await?;
    let month = figures(pool, 29).await?;
    let since =
        format!("((now() AT TIME ZONE '{ZONE}')::date - 29)::timestamp AT TIME ZONE '{ZONE}'");
    let daily: Vec<DayPoint> = sqlx::query_as(&format!(
        "WITH sales AS ({sales}),
              days AS (SELECT generate_series((now() AT TIME ZONE '{ZONE}')::date - 29,
                                              (now() AT TIME ZONE '{ZONE}')::date, '1 day')::date AS d)
         SELECT to_char(d.d, 'MM-DD') AS day,
                COALESCE(sum(s.net_minor), 0)::bigint AS revenue_minor,
                count(s.id) AS sales
           FROM days d
           LEFT JOIN sales s ON (s.created_at AT TIME ZONE '{ZONE}')::date = d.d
          GROUP BY d.d ORDER BY d.d",
        sales = SALES.replace("$1", &since)
    ))
    .fetch_all(pool)
    .await?;
    // Units of sold lines in the window, per product, named in Chinese
    // (the shop's default language) with the English name as fallback.
    let sellers = |order: &str, only_sold: bool| {
        format!(
            "WITH sales AS ({sales}),
                  sold AS (SELECT i.product_id, sum(i.qty)::bigint AS units,
                                  sum(i.paid_minor)::bigint AS revenue_minor
                             FROM order_items i JOIN sales s ON s.id = i.order_id
                            WHERE i.product_id IS NOT NULL GROUP BY i.product_id)
             SELECT p.id AS product_id,
                    COALESCE((SELECT name FROM product_translations t WHERE t.product_id = p.id AND t.locale = 'zh-CN'),
                             (SELECT name FROM product_translations t WHERE t.product_id = p.id AND t.locale = 'en'), p.slug) AS name,
                    COALESCE(sold.units, 0) AS units, COALESCE(sold.revenue_minor, 0) AS revenue_minor
               FROM products p {join} sold ON sold.product_id = p.id
              WHERE p.listed
              ORDER BY {order}
              LIMIT 8",
            sales = SALES.replace("$1", &since),
            join = if only_sold { "JOIN" } else { "LEFT JOIN" },
        )
    };
    let top: Vec<Seller> = sqlx::query_as(&sellers("units DESC, revenue_minor DESC, p.id", true))
        .fetch_all(pool)
        .await?;
    // Slow sellers: listed products that sold least (none at all first),
    // the oldest listings first among equals: they have had the most time.
    let slow: Vec<Seller> = sqlx::query_as(&sellers("units ASC, p.created_at ASC, p.id", false))
        .fetch_all(pool)
        .await?;
    let statuses: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT status, count(*) FROM orders WHERE created_at >= {since} GROUP BY status"
    ))
    .fetch_all(pool)
    .await?;
    let by_status = OrderStatus::ALL
        .into_iter()
        .map(|s| {
            let n = statuses
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect();
    let low_stock: Vec<LowStock> = sqlx::query_as(
        "SELECT v.id AS variant_id, v.sku,
                COALESCE((SELECT name FROM product_translations t WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), '') AS name,
                v.stock, v.safety_stock
           FROM product_variants v
          WHERE v.stock <= v.safety_stock
          ORDER BY v.stock - v.safety_stock, v.id
          LIMIT 10",
    )
    .fetch_all(pool)
    .await?;
    let to_ship: Vec<ToShip> = sqlx::query_as(
        "SELECT o.number, COALESCE(u.display_name, o.guest_email, '') AS customer,
                o.total_minor, o.currency,
                (extract(epoch FROM now() - o.created_at) / 3600)::bigint AS waiting_hours
           FROM orders o LEFT JOIN users u ON u.id = o.user_id
          WHERE o.status = 'awaiting_shipment'
          ORDER BY o.created_at
          LIMIT 10",
    )
    .fetch_all(pool)
    .await?;
    let (low_stock_count, to_ship_count): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM product_variants WHERE stock <= safety_stock),
                (SELECT count(*) FROM orders WHERE status = 'awaiting_shipment')",
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
        low_stock_count,
        to_ship,
        to_ship_count,
    })
}
