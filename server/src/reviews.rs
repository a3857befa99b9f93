//! POST /reviews: the review form, as multipart so photos come along (and it
//! works without JavaScript). Answers with a redirect back to the order,
//! carrying the outcome for the page to show.
use app::error::{AppError, ErrorKey};
use app::reviews::db::{NewReview, create};
use app::server::{AppState, load_session_user, session_user_id};
use axum::extract::{Multipart, State};
use axum::response::Redirect;
use tower_sessions::Session;

/// Photos and text together stay well under this.
pub const BODY_LIMIT: usize = 4 * app::catalog::db::media::MAX_IMAGE_BYTES;

pub async fn submit(State(state): State<AppState>, session: Session, form: Multipart) -> Redirect {
    let user = match session_user_id(&session).await {
        Ok(Some(id)) => load_session_user(&state.pool, id).await.ok().flatten(),
        _ => None,
    };
    let Some(user) = user else {
        return Redirect::to("/sign-in?next=/orders");
    };
    let (item, review) = match read(form).await {
        Ok(r) => r,
        Err(_) => return Redirect::to("/orders"),
    };
    match create(&state.pool, user.id, review).await {
        Ok(number) => Redirect::to(&format!("/orders/{number}?reviewed=1")),
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
                Some(n) => Redirect::to(&format!("/orders/{n}?review_error={key}")),
                None => Redirect::to("/orders"),
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
