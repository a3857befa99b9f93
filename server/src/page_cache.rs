//! A short-lived cache of anonymous catalog responses (home, category and
//! product pages and their GET data). Most catalog traffic is guests and
//! crawlers asking for the same pages; serving those from memory for a few
//! seconds is what lets one small machine answer thousands of requests a
//! second. Anything personal bypasses it: requests with a session cookie,
//! responses that set a cookie, and every non-200 answer. Search is never
//! cached, so every query is counted for the back office.
//!
//! An entry keeps its headers with its body, so a cached page's CSP nonce
//! still matches its scripts; that one guest page reuses its nonce for its
//! short life (at most the TTL × `STALE_FACTOR`). That is safe: a nonce only
//! has to be unguessable for markup rendered into the same response, and a
//! cached body was rendered before anyone could read its nonce.
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use moka::future::Cache;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest body kept; bigger answers are served but not cached.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// An entry older than the TTL is still served for this many TTLs while
/// one request renders its replacement (stale-while-revalidate), so an
/// expiry never sends every concurrent request to the database at once.
const STALE_FACTOR: u32 = 6;

#[derive(Clone)]
pub struct PageCache {
    entries: Option<Cache<String, Arc<Entry>>>,
    fresh: Freshness,
}

/// The stale-while-revalidate rule both page caches follow (this one and
/// `personal_cache`): an entry is served as it is for its TTL; after that
/// the first request renders anew while the others are still served the
/// stale copy, until it expires for good at TTL × `STALE_FACTOR`.
#[derive(Clone)]
pub struct Freshness {
    pub ttl: Duration,
    /// Keys whose replacement is being rendered right now.
    refreshing: Arc<Mutex<HashSet<String>>>,
}

/// What `Freshness::serve` decided for a stored entry.
pub enum Served {
    /// Serve the stored copy; the word is the `x-agora-cache` header's.
    Stored(&'static str),
    /// This request renders the replacement; call `done` afterwards.
    Claimed,
}

impl Freshness {
    pub fn new(ttl: Duration) -> Self {
        Freshness {
            ttl,
            refreshing: Arc::default(),
        }
    }

    /// A moka cache whose entries live for the whole stale period, at most
    /// 64 MB of them as `size` weighs them.
    pub fn cache<V: Send + Sync + 'static>(
        &self,
        size: fn(&V) -> usize,
    ) -> Option<Cache<String, Arc<V>>> {
        (!self.ttl.is_zero()).then(|| {
            Cache::builder()
                .time_to_live(self.ttl * STALE_FACTOR)
                .weigher(move |_k: &String, v: &Arc<V>| size(v).try_into().unwrap_or(u32::MAX))
                .max_capacity(64 * 1024 * 1024)
                .build()
        })
    }

    pub fn serve(&self, key: &str, stored: Instant) -> Served {
        if stored.elapsed() <= self.ttl {
            return Served::Stored("hit");
        }
        let claimed = self
            .refreshing
            .lock()
            .map(|mut set| set.insert(key.to_string()))
            .unwrap_or(false);
        if claimed {
            Served::Claimed
        } else {
            Served::Stored("stale")
        }
    }

    pub fn done(&self, key: &str) {
        if let Ok(mut set) = self.refreshing.lock() {
            set.remove(key);
        }
    }
}

struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    stored: Instant,
}

impl PageCache {
    /// `ttl` of zero turns the cache off.
    pub fn new(ttl: Duration) -> Self {
        let fresh = Freshness::new(ttl);
        PageCache {
            // Weighed by body size.
            entries: fresh.cache(|e: &Entry| e.body.len()),
            fresh,
        }
    }
}

fn cacheable_path(path: &str) -> bool {
    path == "/"
        || path.starts_with("/c/")
        || path.starts_with("/p/")
        || [
            "/api/categories",
            "/api/home",
            "/api/category",
            "/api/product",
        ]
        .contains(&path)
}

fn header_str(h: &HeaderMap, name: header::HeaderName) -> &str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// Everything the response can depend on for a guest: the URL, the
/// language (cookie or Accept-Language), the display settings (cookie: the
/// page's `<html data-theme data-text>`) and the compression.
fn key(req: &Request) -> Option<String> {
    if req.method() != Method::GET || !cacheable_path(req.uri().path()) {
        return None;
    }
    let h = req.headers();
    let cookies = header_str(h, header::COOKIE);
    if cookies.contains("agora_sid=") {
        return None;
    }
    // As the page reads it: a cookie it ignores shares the defaults' entry.
    let display = app::display::DisplaySettings::from_cookie_header(cookies)
        .map(|d| d.cookie_value())
        .unwrap_or_default();
    let accept = header_str(h, header::ACCEPT_ENCODING);
    let encoding = if accept.contains("br") {
        "br"
    } else if accept.contains("gzip") {
        "gzip"
    } else {
        "-"
    };
    Some(format!("{}|{encoding}", variant(req, &display)))
}

/// What a page depends on besides who asks and the compression: the URL,
/// the language (cookie, Accept-Language), the display settings it is
/// drawn with and what the client accepts. Shared with the signed-in
/// shoppers' templates (`personal_cache`).
pub fn variant(req: &Request, display: &str) -> String {
    let h = req.headers();
    let lang = header_str(h, header::COOKIE)
        .split(';')
        .map(str::trim)
        .find_map(|c| c.strip_prefix("i18n_pref_locale="))
        .unwrap_or("");
    format!(
        "{}|{lang}|{display}|{}|{}",
        req.uri(),
        header_str(h, header::ACCEPT_LANGUAGE),
        header_str(h, header::ACCEPT),
    )
}

/// A signed-in shopper's cart and checkout are rendered on the server with
/// their own lines (so they work without JavaScript): such a page must not
/// be kept by any cache, including the service worker's offline copies
/// (public/sw.js skips `no-store` answers). A guest's cart page has no
/// lines in it (they come from the browser) and stays cacheable.
pub async fn personal_pages(req: Request, next: Next) -> Response {
    let personal = req.method() == Method::GET
        && matches!(req.uri().path(), "/cart" | "/checkout")
        && header_str(req.headers(), header::COOKIE).contains("agora_sid=");
    let mut res = next.run(req).await;
    if personal {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

pub async fn layer(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(entries) = cache.entries.clone() else {
        return next.run(req).await;
    };
    let Some(key) = key(&req) else {
        return next.run(req).await;
    };
    let mut claimed = false;
    if let Some(e) = entries.get(&key).await {
        match cache.fresh.serve(&key, e.stored) {
            Served::Stored(word) => {
                let mut res = (e.status, e.body.clone()).into_response();
                *res.headers_mut() = e.headers.clone();
                res.headers_mut()
                    .insert("x-agora-cache", HeaderValue::from_static(word));
                return res;
            }
            Served::Claimed => claimed = true,
        }
    }
    let res = next.run(req).await;
    if claimed {
        cache.fresh.done(&key);
    }
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "response body not cached");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    entries
        .insert(
            key,
            Arc::new(Entry {
                status: parts.status,
                headers: parts.headers.clone(),
                body: body.clone(),
                stored: Instant::now(),
            }),
        )
        .await;
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(path: &str, cookie: Option<&str>) -> Request {
        let mut b = Request::builder()
            .uri(path)
            .header(header::ACCEPT_ENCODING, "gzip, br");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_catalog_reads_are_cached() {
        assert!(key(&req("/c/apparel?sort=price_asc", None)).is_some());
        assert!(
            key(&req("/p/tea-1", Some("i18n_pref_locale=en")))
                .unwrap()
                .contains("|en|")
        );
        assert!(key(&req("/p/tea-1", Some("agora_sid=abc; i18n_pref_locale=en"))).is_none());
        for path in [
            "/search?q=x",
            "/api/search",
            "/account",
            "/cart",
            "/admin",
            "/api/me",
            "/sign-in",
        ] {
            assert!(key(&req(path, None)).is_none(), "{path}");
        }
        let post = Request::builder()
            .method("POST")
            .uri("/c/x")
            .body(Body::empty())
            .unwrap();
        assert!(key(&post).is_none());
        // Different languages and encodings are different entries.
        assert_ne!(
            key(&req("/", Some("i18n_pref_locale=en"))),
            key(&req("/", None))
        );
    }

    /// The display settings are written into the page (`<html
    /// data-theme>`), so each choice is its own entry; a cookie the page
    /// ignores is the defaults' entry, not one more.
    #[test]
    fn display_settings_are_part_of_the_key() {
        let dark = key(&req("/c/apparel", Some("agora_display=dark.larger"))).unwrap();
        let light = key(&req("/c/apparel", Some("agora_display=light.larger"))).unwrap();
        let plain = key(&req("/c/apparel", None)).unwrap();
        assert!(dark.contains("|dark.larger|"), "{dark}");
        assert_ne!(dark, light);
        assert_ne!(dark, plain);
        assert_eq!(
            key(&req("/c/apparel", Some("agora_display=purple.huge"))).unwrap(),
            plain
        );
        assert_eq!(
            key(&req(
                "/c/apparel",
                Some("i18n_pref_locale=en; agora_display=dark.larger")
            )),
            key(&req(
                "/c/apparel",
                Some("agora_display=dark.larger; i18n_pref_locale=en")
            ))
        );
        // Still never for a signed-in shopper.
        assert!(
            key(&req(
                "/c/apparel",
                Some("agora_display=dark.larger; agora_sid=x")
            ))
            .is_none()
        );
    }
}
