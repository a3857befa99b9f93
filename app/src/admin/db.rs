use super::ShopCounts;
use crate::error::AppError;
use sqlx::PgPool;

pub async fn counts(pool: &PgPool) -> Result<ShopCounts, AppError> {
    Ok(sqlx::query_as!(
        ShopCounts,
        r#"SELECT (SELECT count(*) FROM users WHERE role = 'shopper') AS "customers!",
                  (SELECT count(*) FROM users WHERE role <> 'shopper') AS "staff!",
                  (SELECT count(*) FROM products WHERE listed) AS "listed_products!",
                  (SELECT count(*) FROM categories) AS "categories!",
                  (SELECT count(*) FROM product_variants WHERE stock <= safety_stock) AS "low_stock!",
                  (SELECT count(*) FROM orders WHERE status = 'awaiting_shipment') AS "awaiting_shipment!",
                  (SELECT count(*) FROM reviews WHERE moderated_at IS NULL) AS "pending_reviews!",
                  (SELECT count(*) FROM after_sales_requests
                    WHERE status IN ('requested', 'buyer_shipped')) AS "after_sales_due!",
                  (SELECT count(*) FROM outbox WHERE status = 'dead') AS "dead_mail!",
                  (SELECT count(*) FROM tickets WHERE status IN ('new', 'open')) AS "tickets_due!""#
    )
    .fetch_one(pool)
    .await?)
}
