//! Server functions that fail before their body runs (missing or malformed
//! arguments) are answered by the server-function layer with status 500.
//! Their body is still our `AppError`, so this layer gives them the status
//! that error maps to: a malformed request is the client's fault (400).
use app::error::AppError;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are a few bytes of JSON; anything larger is left alone.
const MAX_ERROR_BODY: usize = 4096;

pub async fn fix_status(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
