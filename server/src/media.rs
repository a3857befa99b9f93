//! Images from the database, addressed by content hash: the bytes behind a
//! URL never change, so browsers may keep them for a year.
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;

pub async fn serve(State(pool): State<PgPool>, Path(file): Path<String>) -> Response {
    let Some(hash) = file
        .split('.')
        .next()
        .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let row = sqlx::query_as::<_, (String, Vec<u8>)>(
        "SELECT content_type, bytes FROM images WHERE sha256 = $1",
    )
    .bind(hash)
    .fetch_optional(&pool)
    .await;
    match row {
        Ok(Some((content_type, bytes))) => {
            let ct = HeaderValue::from_str(&content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            (
                [
                    (header::CONTENT_TYPE, ct),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=31536000, immutable"),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "image query failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
