//! Writing a review (only for a delivered line of one's own order, once),
//! listing published ones, and helpful votes.
use super::{MAX_BODY_CHARS, MAX_PHOTOS, ReviewStatus, ReviewView, mask};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::media::db::insert_prepared;
use crate::media::photo::decode_photo;
use crate::orders::OrderStatus;
use sqlx::PgPool;

/// New reviews are published at once and moderated afterwards: the back
/// office's queue is every review with no `moderated_at` yet.
const NEW_REVIEW_STATUS: ReviewStatus = ReviewStatus::Published;

/// Newest published reviews of a product, optionally only those with `stars`.
pub async fn list(
    pool: &PgPool,
    product_id: i64,
    stars: Option<i16>,
    offset: i64,
) -> Result<Vec<ReviewView>, AppError> {
    // An erased author has no name: '' here, "deleted user" on the page.
    let mut rows = sqlx::query_as!(
        ReviewView,
        r#"SELECT r.id, CASE WHEN u.erased_at IS NULL THEN u.display_name ELSE '' END AS "author!",
                  r.rating, r.body,
                  shop_day(r.created_at) AS "date!", r.verified, r.helpful_count AS helpful,
                  ARRAY(SELECT i.sha256 FROM review_photos p JOIN images i ON i.id = p.image_id
                         WHERE p.review_id = r.id ORDER BY p.position) AS "photos!",
                  r.reply
             FROM reviews r JOIN users u ON u.id = r.user_id
            WHERE r.product_id = $1 AND r.status = $4 AND ($2::smallint IS NULL OR r.rating = $2)
            ORDER BY r.created_at DESC, r.id DESC LIMIT 10 OFFSET $3"#,
        product_id,
        stars,
        offset.max(0),
        ReviewStatus::Published as ReviewStatus,
    )
    .fetch_all(pool)
    .await?;
    for r in rows.iter_mut().filter(|r| !r.author.is_empty()) {
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
/// written, and the shopper's rights (their own line, delivered, not yet
/// reviewed) are checked before any photo is decoded: decoding is the
/// costly part, so only someone entitled to a review can make the server
/// do it, once per line.
pub async fn create(pool: &PgPool, user_id: i64, r: NewReview) -> Result<String, AppError> {
    let (number, product_id) = reviewable(pool, user_id, r.order_item_id).await?;
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
    let mut prepared = Vec::with_capacity(r.photos.len());
    for bytes in r.photos {
        prepared.push(decode_photo(bytes).await?);
    }

    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO reviews (product_id, user_id, rating, body, status, order_item_id, verified)
         VALUES ($1, $2, $3, $4, $5, $6, true)
         ON CONFLICT (order_item_id) DO NOTHING RETURNING id",
        product_id,
        user_id,
        r.rating,
        r.body.trim(),
        NEW_REVIEW_STATUS as ReviewStatus,
        r.order_item_id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    // Reviewed meanwhile by a request that raced this one.
    let Some(review_id) = id else {
        return Err(AppError::Conflict(ErrorKey::AlreadyReviewed));
    };
    for (position, (bytes, p)) in prepared.iter().enumerate() {
        let image_id = insert_prepared(&mut tx, bytes, p).await?;
        sqlx::query!(
            "INSERT INTO review_photos (review_id, image_id, position) VALUES ($1, $2, $3)",
            review_id,
            image_id,
            position as i32,
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(number)
}

/// The order number and product of `order_item_id` if `user_id` may review
/// it now: it is on their own order (else NotFound: whether someone else's
/// line exists is not the caller's business; the upload route answers 403
/// either way), the order was delivered, and the line has no review.
pub async fn reviewable(
    pool: &PgPool,
    user_id: i64,
    order_item_id: i64,
) -> Result<(String, i64), AppError> {
    let row = sqlx::query!(
        r#"SELECT o.number, i.product_id, o.status AS "status: OrderStatus",
                  EXISTS (SELECT 1 FROM reviews r WHERE r.order_item_id = i.id) AS "reviewed!"
             FROM order_items i JOIN orders o ON o.id = i.order_id
            WHERE i.id = $1 AND o.user_id = $2"#,
        order_item_id,
        user_id,
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Err(AppError::NotFound);
    };
    // A line whose product was deleted since has nothing left to review.
    let Some(product_id) = row.product_id else {
        return Err(AppError::NotFound);
    };
    if !matches!(row.status, OrderStatus::Delivered | OrderStatus::Completed) {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    if row.reviewed {
        return Err(AppError::Conflict(ErrorKey::AlreadyReviewed));
    }
    Ok((row.number, product_id))
}

/// One "helpful" vote per shopper per review; returns the new count. One's
/// own review cannot be voted for.
pub async fn vote(pool: &PgPool, user_id: i64, review_id: i64) -> Result<i32, AppError> {
    let mut tx = pool.begin().await?;
    let author = sqlx::query_scalar!(
        "SELECT user_id FROM reviews WHERE id = $1 AND status = $2",
        review_id,
        ReviewStatus::Published as ReviewStatus,
    )
    .fetch_optional(&mut *tx)
    .await?;
    match author {
        None => return Err(AppError::NotFound),
        Some(a) if a == user_id => return Err(AppError::Forbidden),
        Some(_) => {}
    }
    let fresh = sqlx::query!(
        "INSERT INTO review_votes (review_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        review_id,
        user_id,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let count = sqlx::query_scalar!(
        "UPDATE reviews SET helpful_count = helpful_count + $2 WHERE id = $1 RETURNING helpful_count",
        review_id,
        fresh as i32,
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(count)
}
