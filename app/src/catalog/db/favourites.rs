//! Favourites and recently viewed products of signed-in shoppers. Every
//! statement is scoped to the caller's own user id.
use super::{CARD_SELECT, Langs};
use crate::catalog::ProductCard;
use crate::error::AppError;
use sqlx::PgPool;

/// How many recently viewed products are kept per shopper.
pub const RECENT_KEEP: i64 = 20;

pub async fn favourite_ids(pool: &PgPool, user_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT product_id FROM favourites WHERE user_id = $1 ORDER BY created_at DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?)
}

/// Adds or removes a favourite. Only listed products can be added; removing
/// works for anything (a product may have been unlisted since).
pub async fn set_favourite(
    pool: &PgPool,
    user_id: i64,
    product_id: i64,
    on: bool,
) -> Result<(), AppError> {
    if on {
        let done = sqlx::query(
            "INSERT INTO favourites (user_id, product_id)
             SELECT $1, id FROM products WHERE id = $2 AND listed
             ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(product_id)
        .execute(pool)
        .await?;
        if done.rows_affected() == 0 {
            let exists: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM favourites WHERE user_id = $1 AND product_id = $2)",
            )
            .bind(user_id)
            .bind(product_id)
            .fetch_one(pool)
            .await?;
            if !exists {
                return Err(AppError::NotFound);
            }
        }
    } else {
        sqlx::query("DELETE FROM favourites WHERE user_id = $1 AND product_id = $2")
            .bind(user_id)
            .bind(product_id)
            .execute(pool)
            .await?;
    }
    Ok(())
}

pub async fn favourites(
    pool: &PgPool,
    langs: Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    user_cards(pool, langs, user_id, "favourites", "created_at").await
}

/// Records a view and trims the list to the newest [`RECENT_KEEP`], in one transaction.
pub async fn remember_view(pool: &PgPool, user_id: i64, product_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO recently_viewed (user_id, product_id)
         SELECT $1, id FROM products WHERE id = $2 AND listed
         ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = now()",
    )
    .bind(user_id)
    .bind(product_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM recently_viewed WHERE user_id = $1 AND product_id NOT IN
           (SELECT product_id FROM recently_viewed WHERE user_id = $1 ORDER BY viewed_at DESC LIMIT $2)",
    )
    .bind(user_id)
    .bind(RECENT_KEEP)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn recently_viewed(
    pool: &PgPool,
    langs: Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    user_cards(pool, langs, user_id, "recently_viewed", "viewed_at").await
}

/// Cards for one shopper's list (`table` has `user_id`, `product_id` and the
/// `stamp` column), newest first. Both names are constants of this module.
async fn user_cards(
    pool: &PgPool,
    (lang, fallback): Langs,
    user_id: i64,
    table: &'static str,
    stamp: &'static str,
) -> Result<Vec<ProductCard>, AppError> {
    let sql = format!(
        "SELECT c.* FROM {table} l JOIN LATERAL ({CARD_SELECT} AND p.id = l.product_id) c ON true
          WHERE l.user_id = $3 ORDER BY l.{stamp} DESC LIMIT 200"
    );
    Ok(sqlx::query_as(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}
