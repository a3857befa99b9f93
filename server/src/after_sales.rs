//! POST /after-sales: the request form (`app::aftersales::upload`).
//! Answers with a redirect to the new request, or back to the form with
//! the reason it was refused; a guest is sent to sign in. A body over the
//! limit is refused with 413 before any of it is read.
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
    let Some(SignedIn(user)) = signed_in else {
        return Redirect::to("/sign-in?next=/after-sales").into_response();
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let now = state.settings.clock.now();
    match app::aftersales::upload::post(&state.pool, user.id, form, now).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(status) => status.into_response(),
    }
}
