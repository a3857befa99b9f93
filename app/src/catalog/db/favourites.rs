//! Favourites and recently viewed products of signed-in shoppers. Every
//! statement is scoped to the caller's own user id.
use super::{Langs, cards_by_ids};
use crate::catalog::ProductCard;
use crate::error::AppError;
use sqlx::PgPool;

/// How many recently viewed products are kept per shopper.
pub const RECENT_KEEP: i64 = 20;

/// Most cards a shopper's list shows.
const LIST_MAX: i64 = 200;

pub async fn favourite_ids(pool: &PgPool, user_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar!(
        "SELECT product_id FROM favourites WHERE user_id = $1 ORDER BY created_at DESC",
        user_id,
    )
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
        let done = sqlx::query!(
            "INSERT INTO favourites (user_id, product_id)
             SELECT $1, id FROM products WHERE id = $2 AND listed
             ON CONFLICT DO NOTHING",
            user_id,
            product_id,
        )
        .execute(pool)
        .await?;
        if done.rows_affected() == 0 {
            let exists = sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM favourites WHERE user_id = $1 AND product_id = $2) AS "exists!""#,
                user_id,
                product_id,
            )
            .fetch_one(pool)
            .await?;
            if !exists {
                return Err(AppError::NotFound);
            }
        }
    } else {
        sqlx::query!(
            "DELETE FROM favourites WHERE user_id = $1 AND product_id = $2",
            user_id,
            product_id,
        )
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// The shopper's favourites that are on sale, newest first.
pub async fn favourites(
    pool: &PgPool,
    langs: Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let ids = sqlx::query_scalar!(
        "SELECT l.product_id FROM favourites l JOIN products p ON p.id = l.product_id
          WHERE l.user_id = $1 AND p.listed AND p.price_min_minor IS NOT NULL
          ORDER BY l.created_at DESC LIMIT $2",
        user_id,
        LIST_MAX,
    )
    .fetch_all(pool)
    .await?;
    cards_by_ids(pool, langs, &ids).await
}

/// Records a view and trims the list to the newest [`RECENT_KEEP`], in one transaction.
pub async fn remember_view(pool: &PgPool, user_id: i64, product_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "INSERT INTO recently_viewed (user_id, product_id)
         SELECT $1, id FROM products WHERE id = $2 AND listed
         ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = now()",
        user_id,
        product_id,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "DELETE FROM recently_viewed WHERE user_id = $1 AND product_id NOT IN
           (SELECT product_id FROM recently_viewed WHERE user_id = $1 ORDER BY viewed_at DESC LIMIT $2)",
        user_id,
        RECENT_KEEP,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The shopper's recently viewed products that are on sale, newest first.
pub async fn recently_viewed(
    pool: &PgPool,
    langs: Langs,
    user_id: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let ids = sqlx::query_scalar!(
        "SELECT l.product_id FROM recently_viewed l JOIN products p ON p.id = l.product_id
          WHERE l.user_id = $1 AND p.listed AND p.price_min_minor IS NOT NULL
          ORDER BY l.viewed_at DESC LIMIT $2",
        user_id,
        LIST_MAX,
    )
    .fetch_all(pool)
    .await?;
    cards_by_ids(pool, langs, &ids).await
}
