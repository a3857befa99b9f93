//! POST /reviews: the review form (`app::reviews::upload`). Answers with a
//! redirect back to the order, carrying the outcome for the page to show;
//! a guest is sent to sign in. A body over the limit is refused with 413,
//! and a line that is not the shopper's to review with 403, before any
//! photo is decoded.
use app::server::AppState;
use app::server::extract::SignedIn;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub use app::reviews::upload::BODY_LIMIT;

pub async fn submit(
    State(state): State<AppState>,
    State(listings): State<app::catalog::ListingCaches>,
    signed_in: Option<SignedIn>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let Some(SignedIn(user)) = signed_in else {
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
    match app::reviews::upload::post(&state.pool, user.id, form).await {
        Ok(to) => {
            // The product page shows its reviews and rating from the listing
            // cache: the shopper who just wrote one sees it at once.
            listings.clear();
            Redirect::to(&to).into_response()
        }
        Err(status) => status.into_response(),
    }
}
