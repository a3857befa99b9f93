//! POST /payments/sandbox/notify: the sandbox provider's notifications. The
//! body is read raw because the signature covers the exact bytes.
use app::payments::SIGNATURE_HEADER;
use app::payments::db::notify::{Answer, receive};
use app::server::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

/// A notification is a few hundred bytes of JSON. Anything much larger is
/// not one, and is refused before its signature is computed or anything is
/// stored.
pub const MAX_NOTIFICATION_BYTES: usize = 16 * 1024;

pub async fn sandbox_notify(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, &'static str) {
    if body.len() > MAX_NOTIFICATION_BYTES {
        return (StatusCode::PAYLOAD_TOO_LARGE, "too large");
    }
    let key = match state.secrets().await {
        Ok(s) => s.sandbox.clone(),
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    };
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let now = state.settings.clock.now();
    match receive(&state.pool, &key, signature, &body, now).await {
        Ok(Answer::Accepted) => (StatusCode::OK, "ok"),
        Ok(Answer::Rejected) => (StatusCode::UNAUTHORIZED, "bad signature"),
        Ok(Answer::Malformed) => (StatusCode::BAD_REQUEST, "malformed"),
        // The provider retries; nothing was committed.
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    }
}
