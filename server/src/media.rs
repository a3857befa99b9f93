//! Resized images from the database: `/media/{sha256}-{size}.{webp|jpg}`.
//! The name carries the original's hash, so the bytes behind a URL never
//! change and browsers may keep them for a year.
use app::catalog::ImageSize;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;

/// `abc…-thumb.webp` → (hash, size, webp?)
pub fn parse(file: &str) -> Option<(&str, ImageSize, bool)> {
    let (stem, ext) = file.rsplit_once('.')?;
    let webp = match ext {
        "webp" => true,
        "jpg" => false,
        _ => return None,
    };
    let (hash, size) = stem.split_once('-')?;
    let ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    Some((hash, ImageSize::parse(size)?, webp)).filter(|_| ok)
}

pub async fn serve(State(pool): State<PgPool>, Path(file): Path<String>) -> Response {
    let Some((hash, size, webp)) = parse(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match app::catalog::db::media::rendition(&pool, hash, size, webp).await {
        Ok(Some(bytes)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(if webp { "image/webp" } else { "image/jpeg" }),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_names_resolve() {
        let h = "a".repeat(64);
        assert_eq!(
            parse(&format!("{h}-thumb.webp")),
            Some((h.as_str(), ImageSize::Thumb, true))
        );
        assert_eq!(
            parse(&format!("{h}-large.jpg")),
            Some((h.as_str(), ImageSize::Large, false))
        );
        for bad in [
            format!("{h}-huge.jpg"),
            format!("{h}-thumb.png"),
            format!("{}-thumb.jpg", "g".repeat(64)),
            "x-thumb.jpg".to_string(),
            "../../etc/passwd".to_string(),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }
}
