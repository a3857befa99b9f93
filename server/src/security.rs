//! Security headers on every response, and CSRF defence for state-changing
//! requests: a browser always sends `Origin` (and `Sec-Fetch-Site`) with a
//! POST, so a cross-site one is refused before it reaches a server function.
//! The session cookie is SameSite=Lax as a second line.
//!
//! Scripts run only when they come from this origin or carry the nonce of
//! the response they arrived in: no `'unsafe-inline'`, so markup that slips
//! into a page (stored XSS) cannot run even if escaping were ever missed.
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::context::{provide_context, use_context};
use leptos::nonce::Nonce;

/// Everything but `script-src`. Styles keep `'unsafe-inline'`: Leptos writes
/// `style` attributes, and CSS cannot run code.
const CSP_REST: &str = "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
    connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The whole policy. A page passes its nonce, which its inline scripts
/// (Leptos's hydration bootstrap and resource data, the service-worker
/// registration) carry; other answers (JSON, images, the WASM bundle,
/// sw.js) pass none, so nothing inline may run there at all.
fn csp(nonce: Option<&str>) -> HeaderValue {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let policy =
        format!("default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; {CSP_REST}");
    // The nonce is URL-safe base64, always a valid header value; should that
    // ever change, the answer fails closed rather than unprotected.
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static("default-src 'none'"))
}

/// Called from the router's per-render context: the nonce leptos_axum
/// generated for this render is replaced by the one [`guard`] put in this
/// response's CSP header, so every inline script Leptos writes matches it.
/// Leptos reads the nonce after the context closure has run.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

pub async fn guard(secure: bool, mut req: Request<Body>, next: Next) -> Response {
    if !is_safe_method(req.method()) && is_cross_site(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    // A fresh 128-bit random nonce for every response (leptos's generator,
    // backed by the OS-seeded thread RNG); the render reads it from the
    // request via `provide_request_nonce`.
    let nonce = Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let is_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = csp(is_page.then_some(&*nonce));
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    // A handler that set its own (stricter) policy keeps it.
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(policy);
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// The answer to a request whose handler panicked: logged here, nothing
/// about it is sent.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "request handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal server error").into_response()
}

fn is_safe_method(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when the browser says the request comes from another site.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
            origin == "null" || origin_host != host.to_str().unwrap_or("")
        }
        (Some(_), None) => true,
        // No Origin: not a browser form or fetch (curl, server-to-server).
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_detection() {
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!is_cross_site(&headers(&[])));
    }

    #[test]
    fn scripts_need_the_nonce_and_never_unsafe_inline() {
        for (nonce, expected) in [
            (
                Some("abc_-123"),
                "script-src 'self' 'nonce-abc_-123' 'wasm-unsafe-eval'",
            ),
            (None, "script-src 'self' 'wasm-unsafe-eval'"),
        ] {
            let policy = csp(nonce);
            let scripts = policy
                .to_str()
                .unwrap()
                .split(';')
                .map(str::trim)
                .find(|d| d.starts_with("script-src"))
                .unwrap()
                .to_string();
            assert_eq!(scripts, expected);
        }
    }
}
