//! POST /after-sales: the request form (`app::aftersales::upload`).
//! Answers with a redirect to the new request, or back to the form with
//! the reason it was refused. A guest order's form carries its link's
//! secret; without it, a visitor who is not signed in is sent to sign in.
//! A body over the limit is refused with 413 before any of it is read.
use app::server::AppState;
use app::server::extract::SignedIn;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub use app::aftersales::upload::BODY_LIMIT;

pub async fn submit(
    State(state): State<AppState>,
    signed_in: Option<SignedIn>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    // A guest's order is theirs by its link's secret, a field of the form.
    let key = match state.secrets().await {
        Ok(s) => s.order_links.clone(),
        Err(e) => {
            tracing::error!("after-sales form: secrets: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let user = signed_in.map(|SignedIn(u)| u.id);
    let now = state.settings.clock.now();
    match app::aftersales::upload::post(&state.pool, user, &key, form, now).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(status) => status.into_response(),
    }
}
