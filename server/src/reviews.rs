//! POST /reviews: the review form, as multipart so photos come along (and it
//! works without JavaScript). Answers with a redirect back to the order,
//! carrying the outcome for the page to show. A body over the limit is
//! refused with 413, and a line that is not the shopper's to review with
//! 403, before any photo is decoded.
use app::error::{AppError, ErrorKey};
use app::reviews::db::{NewReview, create};
use app::server::{AppState, load_session_user, session_user_id};
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Photos and text together stay well under this.
pub const BODY_LIMIT: usize = 4 * app::catalog::db::media::MAX_IMAGE_BYTES;

pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let user = match session_user_id(&session).await {
        Ok(Some(id)) => load_session_user(&state.pool, id).await.ok().flatten(),
        _ => None,
    };
    let Some(user) = user else {
        return Redirect::to("/sign-in?next=/orders").into_response();
    };
    // A body that says it is too large is refused before a byte of it is
    // read; one that only turns out too large fails while being read.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (item, review) = match read(form).await {
        Ok(r) => r,
        Err(e) => return e.status().into_response(),
    };
    match create(&state.pool, user.id, review).await {
        Ok(number) => Redirect::to(&format!("/orders/{number}?reviewed=1")).into_response(),
        // Not the shopper's line: nothing to go back to.
        Err(AppError::Forbidden | AppError::NotFound) => StatusCode::FORBIDDEN.into_response(),
        Err(e) => {
            let key = match &e {
                AppError::Validation(list) => {
                    list.first().map(|f| f.key).unwrap_or(ErrorKey::BadRequest)
                }
                other => other.key(),
            };
            let number: Option<String> = sqlx::query_scalar(
                "SELECT o.number FROM order_items i JOIN orders o ON o.id = i.order_id
                  WHERE i.id = $1 AND o.user_id = $2",
            )
            .bind(item)
            .bind(user.id)
            .fetch_optional(&state.pool)
            .await
            .ok()
            .flatten();
            let key = serde_json::to_value(key)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            match number {
                Some(n) => Redirect::to(&format!("/orders/{n}?review_error={key}")).into_response(),
                None => Redirect::to("/orders").into_response(),
            }
        }
    }
}

async fn read(
    mut form: Multipart,
) -> Result<(i64, NewReview), axum::extract::multipart::MultipartError> {
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
    Ok((review.order_item_id, review))
}
