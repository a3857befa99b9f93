//! The shared listing cache (app/src/catalog/listing_cache.rs) over real
//! HTTP: a price changed in the database shows on a signed-in shopper's
//! category and product pages within the page cache's TTL, and on a guest's
//! within twice it (README, "Caching"); the cart prices from the database at
//! once; the back office's own price and stock changes clear the cache.
use crate::common;

use agora_server::seed::DEMO_PASSWORD;
use common::{TestApp, client, demo, spawn_with, staff_client, test_config};
use serde_json::json;
use sqlx::PgPool;
use std::time::{Duration, Instant};

/// Sorted by price, highest first, so the product whose price goes up is
/// on the first page.
const CATEGORY: &str = "/c/down-jackets?sort=price_desc";
const PRODUCT_SLUG: &str = "down-jackets-1";
const PRODUCT: &str = "/p/down-jackets-1";
/// More than any demo down jacket costs, as the pages write it (¥9,876.54).
const NEW_PRICE: i64 = 987_654;
const NEW_TEXT: &str = "9,876.54";
/// Room for the renders and database reads on a busy machine, on top of
/// the documented bound.
const MARGIN: Duration = Duration::from_secs(2);

/// A server whose page cache (and so listing cache) keeps pages `ttl`.
async fn app_with_ttl(pool: &PgPool, ttl: Duration) -> TestApp {
    demo(pool).await;
    let mut cfg = test_config();
    cfg.page_cache_secs = ttl.as_secs();
    spawn_with(pool.clone(), cfg).await
}

async fn page(c: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = c.get(format!("{}{path}", app.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

async fn signed_in_shopper(app: &TestApp) -> reqwest::Client {
    let c = client();
    let (s, body, _) = app.sign_in(&c, "shopper@agora.test", DEMO_PASSWORD).await;
    assert_eq!(s, 200, "{body}");
    c
}

/// Sets every variant of the product to `minor` (the product row's "from"
/// price follows by trigger), in stock, as another server's back office or
/// a script would: nothing in this server hears of it.
async fn set_price_in_db(pool: &PgPool, minor: i64) {
    sqlx::query(
        "UPDATE product_variants SET price_minor = $1, stock = greatest(stock, 5)
          WHERE product_id = (SELECT id FROM products WHERE slug = $2)",
    )
    .bind(minor)
    .bind(PRODUCT_SLUG)
    .execute(pool)
    .await
    .unwrap();
}

/// Asks for `path` until it shows `text`; fails once `bound` has passed
/// since `since` without it. A bounded poll: the TTL is measured by the
/// server's `Instant`s, not by the shop's clock, so there is nothing to move.
async fn shows_within(
    c: &reqwest::Client,
    app: &TestApp,
    path: &str,
    text: &str,
    since: Instant,
    bound: Duration,
) {
    loop {
        if page(c, app, path).await.contains(text) {
            return;
        }
        assert!(
            since.elapsed() < bound,
            "{path} still without {text} {:?} after the change (bound {bound:?})",
            since.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_price_changed_in_the_database_shows_within_the_documented_time(pool: PgPool) {
    let ttl = Duration::from_secs(1);
    let app = app_with_ttl(&pool, ttl).await;
    let shopper = signed_in_shopper(&app).await;
    let guest = client();

    // Warm every cache on the way: the signed-in pages' listing entries,
    // the guest's page cache entry.
    let before_warm = Instant::now();
    for (c, path) in [
        (&shopper, CATEGORY),
        (&shopper, PRODUCT),
        (&guest, CATEGORY),
    ] {
        assert!(!page(c, &app, path).await.contains(NEW_TEXT), "{path}");
    }
    set_price_in_db(&pool, NEW_PRICE).await;
    let changed = Instant::now();

    // Within the TTL of warming, the signed-in page is still the cached one
    // (so what follows measures the cache, not a page read live). On a
    // machine so slow that the TTL has passed already, there is nothing
    // left to see here.
    let asked = before_warm.elapsed();
    let body = page(&shopper, &app, CATEGORY).await;
    if asked < ttl {
        assert!(!body.contains(NEW_TEXT), "listing read past the cache");
    }

    // The cart prices from the database at once.
    let variant: i64 = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.slug = $1 ORDER BY v.id LIMIT 1",
    )
    .bind(PRODUCT_SLUG)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (s, quote) = app
        .post_json(
            &client(),
            "cart",
            json!({"lang": "zh-CN", "guest_lines": [{"variant_id": variant, "qty": 1}], "coupon": null}),
        )
        .await;
    assert_eq!(s, 200, "{quote}");
    assert_eq!(quote["lines"][0]["unit_minor"], json!(NEW_PRICE), "{quote}");

    // Signed in: within the TTL (plus one render). A guest: within twice
    // it, since the page cache keeps a rendered page one TTL on top.
    shows_within(&shopper, &app, CATEGORY, NEW_TEXT, changed, ttl + MARGIN).await;
    shows_within(&shopper, &app, PRODUCT, NEW_TEXT, changed, ttl + MARGIN).await;
    shows_within(&guest, &app, CATEGORY, NEW_TEXT, changed, 2 * ttl + MARGIN).await;
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_back_offices_price_and_stock_changes_clear_the_cache_at_once(pool: PgPool) {
    // A TTL far longer than the test: only a clear can make a page change.
    let app = app_with_ttl(&pool, Duration::from_secs(600)).await;
    let shopper = signed_in_shopper(&app).await;
    let admin = staff_client(&app, "super_admin", "listing").await;
    for path in [CATEGORY, PRODUCT] {
        assert!(
            !page(&shopper, &app, path).await.contains(NEW_TEXT),
            "{path}"
        );
    }

    // Changed behind the server's back: the cached pages stay as they were.
    set_price_in_db(&pool, NEW_PRICE).await;
    for path in [CATEGORY, PRODUCT] {
        assert!(
            !page(&shopper, &app, path).await.contains(NEW_TEXT),
            "{path} read past the cache"
        );
    }

    // The editor saves a new price: both pages show it on the next request.
    let id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(PRODUCT_SLUG)
        .fetch_one(&pool)
        .await
        .unwrap();
    let (s, editor) = app.get(&admin, &format!("admin/product?id={id}")).await;
    assert_eq!(s, 200, "{editor}");
    let mut form = editor["form"].clone();
    for v in form["variants"].as_array_mut().unwrap() {
        v["price"] = json!("8765.43");
    }
    let (s, body) = app
        .post_json(&admin, "admin/product/save", json!({ "form": form }))
        .await;
    assert_eq!(s, 200, "{body}");
    for path in [CATEGORY, PRODUCT] {
        assert!(
            page(&shopper, &app, path).await.contains("8,765.43"),
            "{path}"
        );
    }

    // Again behind its back, then a stock adjustment in the back office:
    // that clears the cache too, so the page catches up with both.
    set_price_in_db(&pool, NEW_PRICE).await;
    assert!(!page(&shopper, &app, CATEGORY).await.contains(NEW_TEXT));
    let variant: i64 = sqlx::query_scalar(
        "SELECT id FROM product_variants WHERE product_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (s, body) = app
        .post_json(
            &admin,
            "admin/stock/adjust",
            json!({"variant_id": variant, "delta": 3, "reason": "received", "note": ""}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    assert!(page(&shopper, &app, CATEGORY).await.contains(NEW_TEXT));
}
