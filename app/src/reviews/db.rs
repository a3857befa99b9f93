//! Writing a review (only for a delivered line of one's own order, once),
//! listing published ones, and helpful votes.
use super::{MAX_BODY_CHARS, MAX_PHOTOS, ReviewView, mask};
use crate::catalog::db::media::{insert_prepared, prepare};
use crate::error::{AppError, ErrorKey, FieldError};
use sqlx::PgPool;

/// New reviews are published at once and moderated afterwards: the back
/// office's queue is every review with no `moderated_at` yet.
const NEW_REVIEW_STATUS: &str = "published";

/// Newest published reviews of a product, optionally only those with `stars`.
pub async fn list(
    pool: &PgPool,
    product_id: i64,
    stars: Option<i16>,
    offset: i64,
) -> Result<Vec<ReviewView>, AppError> {
    let mut rows: Vec<ReviewView> = sqlx::query_as(
        "SELECT r.id, u.display_name AS author, r.rating, r.body,
                to_char(r.created_at, 'YYYY-MM-DD') AS date, r.verified, r.helpful_count AS helpful,
                ARRAY(SELECT i.sha256 FROM review_photos p JOIN images i ON i.id = p.image_id
                       WHERE p.review_id = r.id ORDER BY p.position) AS photos,
                r.reply
           FROM reviews r JOIN users u ON u.id = r.user_id
          WHERE r.product_id = $1 AND r.status = 'published' AND ($2::smallint IS NULL OR r.rating = $2)
          ORDER BY r.created_at DESC, r.id DESC LIMIT 10 OFFSET $3",
    )
    .bind(product_id)
    .bind(stars)
    .bind(offset.max(0))
    .fetch_all(pool)
    .await?;
    for r in &mut rows {
        r.author = mask(&r.author);
    }
    Ok(rows)
}

pub struct NewReview {
    pub order_item_id: i64,
    pub rating: i16,
    pub body: String,
    pub photos: Vec<Vec<u8>>,
}

/// Stores a review for one of `user_id`'s delivered order lines. Returns the
/// order number (to go back to it). Every check fails before anything is
/// written; photos are decoded and resized off the async threads.
pub async fn create(pool: &PgPool, user_id: i64, r: NewReview) -> Result<String, AppError> {
    let mut errors = Vec::new();
    if !(1..=5).contains(&r.rating) {
        errors.push(FieldError::new("rating", ErrorKey::Required));
    }
    if r.body.chars().count() > MAX_BODY_CHARS {
        errors.push(FieldError::new("body", ErrorKey::TooLong));
    }
    if r.photos.len() > MAX_PHOTOS {
        errors.push(FieldError::new("photos", ErrorKey::TooLong));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let owned: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT o.number, i.product_id, o.status FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.id = $1 AND o.user_id = $2 AND i.product_id IS NOT NULL",
    )
    .bind(r.order_item_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?
    .map(|(n, p, s): (String, Option<i64>, String)| (n, p.unwrap_or_default(), s));
    let Some((number, product_id, status)) = owned else {
        return Err(AppError::NotFound);
    };
    if !matches!(status.as_str(), "delivered" | "completed") {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    let photos = r.photos;
    let prepared = tokio::task::spawn_blocking(move || {
        photos
            .into_iter()
            .map(|bytes| prepare(&bytes).map(|p| (bytes, p)))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::invalid("photos", ErrorKey::PhotoInvalid))?;

    let mut tx = pool.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO reviews (product_id, user_id, rating, body, status, order_item_id, verified)
         VALUES ($1, $2, $3, $4, $5, $6, true)
         ON CONFLICT (order_item_id) DO NOTHING RETURNING id",
    )
    .bind(product_id)
    .bind(user_id)
    .bind(r.rating)
    .bind(r.body.trim())
    .bind(NEW_REVIEW_STATUS)
    .bind(r.order_item_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(review_id) = id else {
        return Err(AppError::Conflict(ErrorKey::AlreadyReviewed));
    };
    for (position, (bytes, p)) in prepared.iter().enumerate() {
        let image_id = insert_prepared(&mut tx, bytes, p).await?;
        sqlx::query(
            "INSERT INTO review_photos (review_id, image_id, position) VALUES ($1, $2, $3)",
        )
        .bind(review_id)
        .bind(image_id)
        .bind(position as i32)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(number)
}

/// One "helpful" vote per shopper per review; returns the new count. One's
/// own review cannot be voted for.
pub async fn vote(pool: &PgPool, user_id: i64, review_id: i64) -> Result<i32, AppError> {
    let mut tx = pool.begin().await?;
    let author: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM reviews WHERE id = $1 AND status = 'published'")
            .bind(review_id)
            .fetch_optional(&mut *tx)
            .await?;
    match author {
        None => return Err(AppError::NotFound),
        Some(a) if a == user_id => return Err(AppError::Forbidden),
        Some(_) => {}
    }
    let fresh = sqlx::query(
        "INSERT INTO review_votes (review_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(review_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let count: i32 = sqlx::query_scalar(
        "UPDATE reviews SET helpful_count = helpful_count + $2 WHERE id = $1 RETURNING helpful_count",
    )
    .bind(review_id)
    .bind(fresh as i32)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(count)
}
