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
    (lang, fallback): Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let sql = format!(
        "SELECT c.* FROM favourites fav JOIN LATERAL ({CARD_SELECT} AND p.id = fav.product_id) c ON true
          WHERE fav.user_id = $3 ORDER BY fav.created_at DESC LIMIT 200"
    );
    Ok(sqlx::query_as(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(user_id)
        .fetch_all(pool)
        .await?)
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
    (lang, fallback): Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let sql = format!(
        "SELECT c.* FROM recently_viewed rv JOIN LATERAL ({CARD_SELECT} AND p.id = rv.product_id) c ON true
          WHERE rv.user_id = $3 ORDER BY rv.viewed_at DESC"
    );
    Ok(sqlx::query_as(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}
