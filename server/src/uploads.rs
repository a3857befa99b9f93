//! Server functions that take uploads (multipart form data): the contact
//! form with its photos (`app::tickets::api::open_ticket`). The
//! server-function layer would read such a body whole and without a limit,
//! and treats a request that is not multipart as a bug (it panics); this
//! layer answers both before it runs: 415 for another content type, 413 for
//! a body that says it is too large, and a body that only turns out too
//! large stops being read at the limit (the form is then refused as
//! unreadable, 400).
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The upload endpoints and their limits.
const UPLOADS: [(&str, usize); 1] = [("/api/ticket/open", app::tickets::api::OPEN_BODY_LIMIT)];

pub async fn limit(req: Request<Body>, next: Next) -> Response {
    let Some(&(_, max)) = UPLOADS.iter().find(|(path, _)| req.uri().path() == *path) else {
        return next.run(req).await;
    };
    if req.method() != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data") && ct.contains("boundary="));
    if !multipart {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, max));
    next.run(Request::from_parts(parts, body)).await
}
