//! Resized images from the database: `/media/{sha256}-{size}.{webp|jpg}`.
//! The name carries the original's hash, so the bytes behind a URL never
//! change and browsers may keep them for a year. Products without pictures
//! get a drawn placeholder from `/media/placeholder/{slug}.svg`.
use app::media::ImageSize;
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
    match app::media::db::rendition(&pool, hash, size, webp).await {
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

/// A product's categories, from its own up to the top (listed products
/// only; anything else gets the plain frame). None when there are none.
async fn category_path(pool: &PgPool, slug: &str) -> sqlx::Result<Option<Vec<String>>> {
    sqlx::query_scalar!(
        "WITH RECURSIVE up AS (
             SELECT c.parent_id, c.slug, 0 AS depth
               FROM products p JOIN categories c ON c.id = p.category_id
              WHERE p.slug = $1 AND p.listed
             UNION ALL
             SELECT c.parent_id, c.slug, up.depth + 1
               FROM up JOIN categories c ON c.id = up.parent_id
              WHERE up.depth < 8)
         SELECT array_agg(slug ORDER BY depth) FROM up",
        slug,
    )
    .fetch_one(pool)
    .await
}

/// `/media/placeholder/{product-slug}.svg`: what a product without pictures
/// shows instead of a blank box, drawn for its category. Not immutable like
/// the pictures (the product may move to another category), so cached for
/// an hour only.
pub async fn placeholder(State(pool): State<PgPool>, Path(file): Path<String>) -> Response {
    let slug = file.strip_suffix(".svg").unwrap_or_default();
    let path: Vec<String> = if app::catalog::valid_slug(slug) {
        match category_path(&pool, slug).await {
            Ok(path) => path.unwrap_or_default(),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        Vec::new()
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        crate::seed::placeholder_svg(&path),
    )
        .into_response()
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
