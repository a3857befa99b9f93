//! The stylesheets kept out of the storefront's CSS so shoppers never
//! download them: the back office's (style/admin.css) and the account
//! pages' (style/pages.css). Each URL carries a hash of its content
//! (`app::admin::ADMIN_CSS_URL`, `app::ui::kit::PAGES_CSS_URL`): asked for
//! with the current hash it may be kept for a year; any other URL is
//! revalidated. The compression layer compresses them like a page.
use axum::extract::RawQuery;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

pub async fn admin(query: RawQuery) -> impl IntoResponse {
    serve(query, app::admin::ADMIN_CSS_URL, app::admin::ADMIN_CSS)
}

pub async fn pages(query: RawQuery) -> impl IntoResponse {
    serve(query, app::ui::kit::PAGES_CSS_URL, app::ui::kit::PAGES_CSS)
}

fn serve(RawQuery(query): RawQuery, url: &str, text: &'static str) -> impl IntoResponse {
    let current = url
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
        text,
    )
}
