//! robots.txt and the sitemap. Sitemaps hold at most 50,000 URLs each, so
//! products are split into numbered files listed by a sitemap index.
use crate::routes::ServerState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Products per sitemap file (the protocol allows 50,000).
pub const PER_FILE: i64 = 40_000;

fn xml(body: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// One `<url>` with its zh-CN and en alternates.
fn url_entry(out: &mut String, base: &str, path: &str, lastmod: Option<&str>) {
    let loc = esc(&format!("{base}{path}"));
    out.push_str(&format!("<url><loc>{loc}</loc>"));
    if let Some(m) = lastmod {
        out.push_str(&format!("<lastmod>{m}</lastmod>"));
    }
    for lang in ["zh-CN", "en"] {
        out.push_str(&format!(
            r#"<xhtml:link rel="alternate" hreflang="{lang}" href="{loc}?lang={lang}"/>"#
        ));
    }
    out.push_str("</url>");
}

const URLSET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#;

pub async fn robots(State(state): State<ServerState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /account\nDisallow: /admin\nDisallow: /cart\nDisallow: /api/\nDisallow: /sign-in\nDisallow: /register\n\nSitemap: {}/sitemap.xml\n",
        state.public_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

pub async fn index(State(state): State<ServerState>) -> Response {
    let Ok(count) = app::catalog::db::listed_count(&state.pool).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let base = &state.public_url;
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
    );
    out.push_str(&format!(
        "<sitemap><loc>{}/sitemaps/pages.xml</loc></sitemap>",
        esc(base)
    ));
    let files = ((count + PER_FILE - 1) / PER_FILE).max(1);
    for n in 1..=files {
        out.push_str(&format!(
            "<sitemap><loc>{}/sitemaps/products-{n}.xml</loc></sitemap>",
            esc(base)
        ));
    }
    out.push_str("</sitemapindex>");
    xml(out)
}

pub async fn file(State(state): State<ServerState>, Path(name): Path<String>) -> Response {
    let base = state.public_url.clone();
    let mut out = String::from(URLSET);
    if name == "pages.xml" {
        let Ok(cats) = app::catalog::db::categories(&state.pool, ("zh-CN", "en")).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        url_entry(&mut out, &base, "/", None);
        for c in cats {
            url_entry(&mut out, &base, &format!("/c/{}", c.slug), None);
        }
    } else {
        let n: Option<i64> = name
            .strip_prefix("products-")
            .and_then(|s| s.strip_suffix(".xml"))
            .and_then(|s| s.parse().ok())
            .filter(|n| *n >= 1);
        let Some(n) = n else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let rows =
            match app::catalog::db::sitemap_products(&state.pool, (n - 1) * PER_FILE, PER_FILE)
                .await
            {
                Ok(r) => r,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            };
        if rows.is_empty() && n > 1 {
            return StatusCode::NOT_FOUND.into_response();
        }
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        for (slug, updated) in rows {
            let day = updated.format(&fmt).unwrap_or_default();
            url_entry(&mut out, &base, &format!("/p/{slug}"), Some(&day));
        }
    }
    out.push_str("</urlset>");
    xml(out)
}
