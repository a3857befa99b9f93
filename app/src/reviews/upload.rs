//! The review form as a plain multipart post (`POST /reviews`), so photos
//! come along and it works without JavaScript: reading the form, and where
//! the shopper is sent back to with the outcome. The route is wiring in
//! `server/src/reviews.rs`; the rules are [`super::db::create`]'s.
use super::db::{NewReview, create};
use crate::error::AppError;
use crate::server::extract::error_code;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// Photos and text together stay well under this.
pub const BODY_LIMIT: usize = 4 * crate::media::db::MAX_IMAGE_BYTES;

/// Stores the review `form` posts for one of `user_id`'s order lines and
/// returns where to send the shopper: back to the order, saying it was
/// reviewed or why not. A line that is not the shopper's to review is
/// 403 (nothing to go back to), an unreadable form its multipart status.
pub async fn post(pool: &PgPool, user_id: i64, form: Multipart) -> Result<String, StatusCode> {
    let review = read(form).await.map_err(|e| e.status())?;
    let item = review.order_item_id;
    let e = match create(pool, user_id, review).await {
        Ok(number) => return Ok(format!("/orders/{number}?reviewed=1")),
        Err(AppError::Forbidden | AppError::NotFound) => return Err(StatusCode::FORBIDDEN),
        Err(e) => e,
    };
    let number = order_of(pool, user_id, item).await.ok().flatten();
    Ok(match number {
        Some(n) => format!("/orders/{n}?review_error={}", error_code(&e)),
        None => "/orders".to_string(),
    })
}

/// The number of the order `item` is a line of, if it is `user_id`'s.
async fn order_of(pool: &PgPool, user_id: i64, item: i64) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar!(
        "SELECT o.number FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.id = $1 AND o.user_id = $2",
        item,
        user_id,
    )
    .fetch_optional(pool)
    .await?)
}

async fn read(mut form: Multipart) -> Result<NewReview, MultipartError> {
    let mut review = NewReview {
        order_item_id: 0,
        rating: 0,
        body: String::new(),
        photos: Vec::new(),
    };
    while let Some(field) = form.next_field().await? {
        match field.name().unwrap_or("") {
            "order_item_id" => {
                review.order_item_id = field.text().await?.trim().parse().unwrap_or(0)
            }
            "rating" => review.rating = field.text().await?.trim().parse().unwrap_or(0),
            "body" => review.body = field.text().await?,
            "photos" => {
                let bytes = field.bytes().await?;
                // An empty file input still sends one empty part.
                if !bytes.is_empty() {
                    review.photos.push(bytes.to_vec());
                }
            }
            _ => {}
        }
    }
    Ok(review)
}
