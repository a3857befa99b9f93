//! The Content Security Policy over real HTTP: every page gets a fresh nonce
//! in its CSP header, scripts never get `'unsafe-inline'`, and every inline
//! script the page carries has exactly that nonce (otherwise the browser
//! would refuse to hydrate it).
use crate::common;

use common::{client, spawn};
use sqlx::PgPool;

/// The `script-src` directive of a policy.
fn script_src(policy: &str) -> String {
    policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_default()
        .to_string()
}

fn nonce_in(script_src: &str) -> Option<String> {
    script_src.split_whitespace().find_map(|source| {
        let nonce = source.strip_prefix("'nonce-")?.strip_suffix('\'')?;
        Some(nonce.to_string())
    })
}

/// Every `<script …>` opening tag with its text up to `</script>`. Script
/// bodies are skipped, so data inside them is never taken for a tag.
fn scripts(html: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let from_tag = &rest[start..];
        let Some(tag_end) = from_tag.find('>') else {
            break;
        };
        let body = &from_tag[tag_end + 1..];
        let body_end = body.find("</script>").unwrap_or(body.len());
        found.push((&from_tag[..=tag_end], &body[..body_end]));
        rest = &body[body_end..];
    }
    found
}

/// GETs a page and checks its policy against its scripts; returns the nonce.
async fn checked_page(c: &reqwest::Client, base: &str, path: &str, status: u16) -> String {
    let res = c.get(format!("{base}{path}")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), status, "{path}");
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    let directive = script_src(&policy);
    for forbidden in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:"] {
        assert!(
            !directive.split_whitespace().any(|s| s == forbidden),
            "{path}: {forbidden} in {directive}"
        );
    }
    let nonce = nonce_in(&directive).unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
    // 16 random bytes in unpadded base64.
    assert!(nonce.len() >= 22, "{path}: short nonce {nonce}");
    let attribute = format!(r#"nonce="{nonce}""#);
    let mut runnable = 0;
    for (tag, body) in scripts(&html) {
        // Data blocks (schema.org JSON-LD) are never run, so CSP does not
        // apply to them; leptos_i18n writes an empty placeholder script,
        // which a browser never runs either.
        let data = tag.contains(r#"type="application/ld+json""#);
        let empty = body.trim().is_empty() && !tag.contains("src=");
        if data || empty {
            continue;
        }
        runnable += 1;
        assert!(tag.contains(&attribute), "{path}: {tag} lacks {attribute}");
    }
    // At least the hydration bootstrap and the service-worker registration.
    assert!(runnable >= 2, "{path}: only {runnable} inline scripts");
    nonce
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_page_has_a_fresh_nonce_that_all_its_scripts_carry(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    // test_config has the page cache off, so each answer is rendered anew.
    let app = spawn(pool).await;
    let guest = client();
    let first = checked_page(&guest, &app.base, "/", 200).await;
    let second = checked_page(&guest, &app.base, "/", 200).await;
    assert_ne!(first, second, "a nonce is never reused between renders");
    let mut seen = vec![first, second];
    for (path, status) in [
        ("/p/down-jackets-1", 200),
        ("/c/tea", 200),
        ("/search?q=%3Cscript%3E", 200),
        ("/sign-in", 200),
        ("/no/such/page", 404),
        ("/admin", 401),
    ] {
        let nonce = checked_page(&guest, &app.base, path, status).await;
        assert!(!seen.contains(&nonce), "{path}: nonce reused");
        seen.push(nonce);
    }

    // Personal pages too.
    let shopper = client();
    app.sign_in(
        &shopper,
        "shopper@agora.test",
        agora_server::seed::DEMO_PASSWORD,
    )
    .await;
    for path in ["/account", "/orders", "/cart"] {
        let nonce = checked_page(&shopper, &app.base, path, 200).await;
        assert!(!seen.contains(&nonce), "{path}: nonce reused");
        seen.push(nonce);
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn answers_that_are_not_pages_allow_no_inline_script_at_all(pool: PgPool) {
    let app = spawn(pool).await;
    for path in ["/healthz", "/sw.js", "/api/categories?lang=zh-CN"] {
        let res = client()
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let policy = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(
            script_src(&policy),
            "script-src 'self' 'wasm-unsafe-eval'",
            "{path}"
        );
        assert!(policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'none'"));
    }
}
