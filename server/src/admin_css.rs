//! The back office's stylesheet (style/admin.css), kept out of the
//! storefront's CSS so shoppers never download it. The URL carries a hash
//! of its content (`app::admin::ADMIN_CSS_URL`): asked for with the current
//! hash it may be kept for a year; any other URL is revalidated. The
//! compression layer compresses it like a page.
use axum::extract::RawQuery;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

pub async fn serve(RawQuery(query): RawQuery) -> impl IntoResponse {
    let current = app::admin::ADMIN_CSS_URL
        .split_once('?')
        .map(|(_, q)| q)
        .is_some_and(|q| query.as_deref() == Some(q));
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        app::admin::ADMIN_CSS,
    )
}
