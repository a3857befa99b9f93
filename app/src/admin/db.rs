use super::ShopCounts;
use crate::error::AppError;
use sqlx::PgPool;

pub async fn counts(pool: &PgPool) -> Result<ShopCounts, AppError> {
    Ok(sqlx::query_as::<_, ShopCounts>(
        "SELECT (SELECT count(*) FROM users WHERE role = 'shopper') AS customers,
                (SELECT count(*) FROM users WHERE role <> 'shopper') AS staff,
                (SELECT count(*) FROM products WHERE listed) AS listed_products,
                (SELECT count(*) FROM categories) AS categories",
    )
    .fetch_one(pool)
    .await?)
}
