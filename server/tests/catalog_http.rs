//! The catalog over real HTTP: pages, fixed query counts, images, SEO files,
//! language URLs, favourites, search logging and bad input.
use crate::common;

use common::{client, spawn, spawn_with, test_config};
use sqlx::PgPool;

async fn get(base: &str, path: &str) -> (u16, String) {
    let res = client().get(format!("{base}{path}")).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn product_pages_render_without_javascript(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let (status, html) = get(&app.base, "/p/down-jackets-1").await;
    assert_eq!(status, 200);
    assert!(html.contains("轻薄羽绒服"), "name");
    assert!(html.contains("¥599.00"), "price of the first variant");
    assert!(html.contains(r#"class="option on""#), "variant picker");
    assert!(
        html.contains(r#"<script type="application/ld+json">"#)
            && html.contains(r#""@type":"Product""#)
    );
    assert!(
        html.contains(r#"<link href="http://shop.test/p/down-jackets-1" rel="canonical">"#),
        "canonical"
    );
    assert!(html.contains(r#"hreflang="en""#) && html.contains("?lang=en"));
    assert!(html.contains(r#"type="image/webp""#), "WebP source");
    assert!(html.contains(r#"width="480" height="480""#), "sized images");
    // The chosen variant comes from the URL: the 120% option is dearer.
    let v: i64 =
        sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'DOWN-JACKETS-1-12'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (_, html) = get(&app.base, &format!("/p/down-jackets-1?v={v}")).await;
    assert!(html.contains("¥718.80"), "price follows ?v=");
    // Review text is escaped, never markup.
    let (_, html) = get(&app.base, "/p/tea-4").await;
    assert!(!html.contains("<b>Highly</b>") || html.contains("&lt;b&gt;Highly"));
    assert_eq!(get(&app.base, "/p/no-such-product").await.0, 404);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn lang_in_the_url_serves_that_language(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let res = client()
        .get(format!("{}/p/down-jackets-1?lang=en", app.base))
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_string());
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"lang="en""#) && html.contains("Lightweight down jacket"));
    assert!(
        cookie
            .unwrap_or_default()
            .starts_with("i18n_pref_locale=en")
    );
    let (_, html) = get(&app.base, "/p/down-jackets-1?lang=zh-CN").await;
    assert!(html.contains(r#"lang="zh-CN""#));
    // A server function's own `lang` argument is not a choice of language.
    let res = client()
        .get(format!("{}/api/categories?lang=en", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none());
    // Unknown languages are ignored.
    let (status, html) = get(&app.base, "/p/down-jackets-1?lang=xx").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"lang="zh-CN""#));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn images_come_resized_under_immutable_urls(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let sha: String = sqlx::query_scalar(
        "SELECT i.sha256 FROM products p JOIN images i ON i.id = p.image_id WHERE p.slug = 'tea-1'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut sizes = Vec::new();
    for (name, ct) in [
        ("thumb.webp", "image/webp"),
        ("medium.jpg", "image/jpeg"),
        ("large.webp", "image/webp"),
    ] {
        let res = client()
            .get(format!("{}/media/{sha}-{name}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{name}");
        assert_eq!(res.headers()["content-type"], ct);
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        sizes.push(res.bytes().await.unwrap().len());
    }
    assert!(sizes[0] < sizes[2], "thumb smaller than large: {sizes:?}");
    for bad in [
        format!("{sha}-huge.jpg"),
        format!("{sha}.svg"),
        "x".into(),
        format!("{}-thumb.jpg", "0".repeat(64)),
    ] {
        assert_eq!(
            client()
                .get(format!("{}/media/{bad}", app.base))
                .send()
                .await
                .unwrap()
                .status(),
            404,
            "{bad}"
        );
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn robots_and_sitemaps_list_listed_pages(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    sqlx::query("UPDATE products SET listed = false WHERE slug = 'tea-1'")
        .execute(&pool)
        .await
        .unwrap();
    let app = spawn(pool).await;
    let (_, robots) = get(&app.base, "/robots.txt").await;
    assert!(
        robots.contains("Sitemap: http://shop.test/sitemap.xml")
            && robots.contains("Disallow: /account")
    );
    let (_, index) = get(&app.base, "/sitemap.xml").await;
    assert!(index.contains("http://shop.test/sitemaps/products-1.xml"));
    let (_, products) = get(&app.base, "/sitemaps/products-1.xml").await;
    assert_eq!(products.matches("<url>").count(), 99);
    assert!(!products.contains("/p/tea-1<"));
    assert!(products.contains(r#"hreflang="en" href="http://shop.test/p/tea-2?lang=en""#));
    let (_, pages) = get(&app.base, "/sitemaps/pages.xml").await;
    assert!(pages.contains("http://shop.test/c/apparel"));
    assert_eq!(get(&app.base, "/sitemaps/products-9.xml").await.0, 404);
    assert_eq!(get(&app.base, "/sitemaps/x.xml").await.0, 404);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn searches_are_logged_and_misses_are_flagged(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let c = client();
    for q in ["羽绒", "zzqxv"] {
        let (status, body) = app.get(&c, &format!("search?q={q}&lang=zh-CN")).await;
        assert_eq!(status, 200, "{body}");
    }
    // The log is written after the answer; give it a moment.
    let mut rows: Vec<(String, i32)> = vec![];
    for _ in 0..50 {
        rows = sqlx::query_as("SELECT query, results FROM search_queries ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
        if rows.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(rows, [("羽绒".to_string(), 5), ("zzqxv".to_string(), 0)]);
    // Suggestions are not logged.
    let (status, body) = app.get(&c, "suggest?q=head&lang=en").await;
    assert_eq!(status, 200);
    assert!(
        body.as_array()
            .unwrap()
            .iter()
            .any(|s| s["href"].as_str().unwrap().starts_with("/p/headphones-")),
        "{body}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM search_queries")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(n, 2);
}

/// With the search cache on, a repeated search is answered from memory (a
/// change made meanwhile does not show until the entry expires), yet every
/// search is still logged; other filters or languages are separate entries.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn repeated_searches_are_served_from_the_cache_and_still_logged(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let cfg = agora_server::config::Config {
        search_cache_secs: 60,
        ..test_config()
    };
    let app = spawn_with(pool, cfg).await;
    let c = client();
    let total = |body: &serde_json::Value| body["listing"]["total"].as_i64().unwrap();
    let (_, first) = app.get(&c, "search?q=%E7%BE%BD%E7%BB%92&lang=zh-CN").await;
    assert_eq!(total(&first), 5);
    sqlx::query("UPDATE products SET listed = false WHERE slug = 'down-jackets-1'")
        .execute(&app.pool)
        .await
        .unwrap();
    // Same query (other case and spacing of the same words): the cached answer.
    let (_, again) = app
        .get(&c, "search?q=%20%E7%BE%BD%E7%BB%92%20&lang=zh-CN")
        .await;
    assert_eq!(again, first);
    // Another sort or language is another entry, worked out afresh.
    let (_, sorted) = app
        .get(
            &c,
            "search?q=%E7%BE%BD%E7%BB%92&lang=zh-CN&filters[sort]=price_asc",
        )
        .await;
    assert_eq!(total(&sorted), 4);
    let (_, en) = app.get(&c, "search?q=%E7%BE%BD%E7%BB%92&lang=en").await;
    assert_eq!(total(&en), 4);
    let mut n = 0;
    for _ in 0..50 {
        n = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM search_queries")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if n == 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(n, 4, "every search is logged, cached or not");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn bad_catalog_input_is_harmless(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let long = "羽".repeat(500);
    for path in [
        "/c/apparel?min=abc&max=-5&rating=99&sort=%27%3B%20DROP%20TABLE%20products&page=-1",
        "/search?q=%27%3B%20DROP%20TABLE%20products%3B--",
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/search?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/search?q=%20%20%20",
        &format!("/search?q={long}"),
        "/c/apparel?a.brand=%00&a.bad%20key=1",
        "/c/apparel?sub=%00",
    ] {
        let (status, html) = get(&app.base, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("<script>alert(1)"), "{path}");
        assert!(!html.to_lowercase().contains("syntax error"), "{path}");
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM products")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(n, 100);
    assert_eq!(get(&app.base, "/c/no-such-category").await.0, 404);
    assert_eq!(get(&app.base, "/c/%00").await.0, 404);
    assert_eq!(get(&app.base, "/p/%E7%BE%BD%00").await.0, 404);
    // Malformed server-function arguments are a 400, not a 500.
    let (status, _) = app
        .get(&client(), "category?slug=apparel&lang=en&filters[page]=x")
        .await;
    assert_eq!(status, 400);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn favourites_need_an_account_and_stay_private(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = 'tea-1'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id_s = id.to_string();
    let guest = client();
    let (status, _, _) = app
        .post(
            &guest,
            "favourites/set",
            &[("product_id", &id_s), ("on", "true")],
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(app.get(&guest, "favourites?lang=en").await.0, 401);
    assert_eq!(
        app.get(&guest, "favourites/ids").await,
        (200, serde_json::json!([]))
    );

    let a = client();
    app.sign_in(&a, "shopper@agora.test", agora_server::seed::DEMO_PASSWORD)
        .await;
    let (status, body, _) = app
        .post(
            &a,
            "favourites/set",
            &[("product_id", &id_s), ("on", "true")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, list) = app.get(&a, "favourites?lang=en").await;
    assert_eq!(list[0]["slug"], "tea-1");
    let (status, _, _) = app
        .post(
            &a,
            "favourites/set",
            &[("product_id", "999999"), ("on", "true")],
        )
        .await;
    assert_eq!(status, 404);

    let b = client();
    app.sign_in(&b, "ops@agora.test", agora_server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(
        app.get(&b, "favourites/ids").await,
        (200, serde_json::json!([]))
    );
    let (status, _, _) = app.post(&a, "recent/add", &[("product_id", &id_s)]).await;
    assert_eq!(status, 200);
    assert_eq!(app.get(&a, "recent?lang=zh-CN").await.1[0]["id"], id);
    assert_eq!(
        app.get(&b, "recent?lang=zh-CN").await.1,
        serde_json::json!([])
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn guests_pages_are_cached_briefly_and_personal_ones_never(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let cfg = agora_server::config::Config {
        page_cache_secs: 60,
        ..test_config()
    };
    let app = spawn_with(pool, cfg).await;
    let cached = |res: &reqwest::Response| res.headers().get("x-agora-cache").is_some();
    let guest = reqwest::Client::new();
    let first = guest
        .get(format!("{}/c/tea", app.base))
        .send()
        .await
        .unwrap();
    assert!(!cached(&first));
    let body = first.text().await.unwrap();
    let second = guest
        .get(format!("{}/c/tea", app.base))
        .send()
        .await
        .unwrap();
    assert!(cached(&second));
    assert_eq!(
        second.headers()["x-content-type-options"],
        "nosniff",
        "security headers kept"
    );
    assert_eq!(second.text().await.unwrap(), body);
    // Another language is another entry.
    let en = guest
        .get(format!("{}/c/tea", app.base))
        .header("cookie", "i18n_pref_locale=en")
        .send()
        .await
        .unwrap();
    assert!(!cached(&en));
    assert!(en.text().await.unwrap().contains("Tea"));
    // Catalog data for the hydrated app is cached the same way.
    let data = format!("{}/api/category?slug=tea&lang=zh-CN", app.base);
    assert!(!cached(&guest.get(&data).send().await.unwrap()));
    assert!(cached(&guest.get(&data).send().await.unwrap()));
    // Search is never cached (every query is logged).
    for _ in 0..2 {
        let s = guest
            .get(format!("{}/search?q=tea", app.base))
            .send()
            .await
            .unwrap();
        assert!(!cached(&s));
    }
    // A signed-in shopper always gets a fresh, personal page.
    let shopper = client();
    app.sign_in(
        &shopper,
        "shopper@agora.test",
        agora_server::seed::DEMO_PASSWORD,
    )
    .await;
    for _ in 0..2 {
        let r = shopper
            .get(format!("{}/c/tea", app.base))
            .send()
            .await
            .unwrap();
        assert!(!cached(&r));
        assert!(r.text().await.unwrap().contains("李小明"));
    }
    // Not-found answers are not kept.
    for _ in 0..2 {
        let r = guest
            .get(format!("{}/p/nope", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert!(!cached(&r));
    }
}
