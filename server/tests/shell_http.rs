//! The server-rendered shell over real HTTP: language, status codes, security
//! headers, CSRF refusal and the PWA files.
use crate::common;

use common::{client, spawn};
use sqlx::PgPool;

async fn page(
    base: &str,
    path: &str,
    cookie: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = client().get(format!("{base}{path}"));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().await.unwrap())
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn pages_render_in_chinese_by_default_and_in_english_on_request(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool).await;
    let (status, headers, html) = page(&app.base, "/", None).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"lang="zh-CN""#), "html lang");
    assert!(html.contains("当季好物"), "Chinese hero");
    assert!(
        html.contains("羽绒服") && html.contains("数码"),
        "categories from the database"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );

    let (_, _, html) = page(&app.base, "/", Some("i18n_pref_locale=en")).await;
    assert!(html.contains(r#"lang="en""#));
    assert!(html.contains("This season"), "English hero");
    assert!(html.contains("Down jackets"), "English category names");

    let res = client()
        .get(format!("{}/", app.base))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(
        res.text().await.unwrap().contains(r#"lang="en""#),
        "Accept-Language is honoured"
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_language_link_sets_the_cookie_and_only_redirects_locally(pool: PgPool) {
    let app = spawn(pool).await;
    let res = client()
        .get(format!("{}/lang/en?next=/c/tea", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/c/tea");
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("i18n_pref_locale=en")
    );
    let res = client()
        .get(format!("{}/lang/en?next=//evil.example", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/account");
    assert_eq!(
        client()
            .get(format!("{}/lang/xx", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn unknown_pages_get_a_translated_404(pool: PgPool) {
    let app = spawn(pool).await;
    let (status, _, html) = page(&app.base, "/no/such/page", None).await;
    assert_eq!(status, 404);
    assert!(html.contains("页面不存在"));
    let (status, _, html) = page(
        &app.base,
        "/c/no-such-category",
        Some("i18n_pref_locale=en"),
    )
    .await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_admin_page_asks_anonymous_visitors_to_sign_in_and_refuses_shoppers(pool: PgPool) {
    let app = spawn(pool).await;
    let (status, _, html) = page(&app.base, "/admin", None).await;
    assert_eq!(status, 401);
    assert!(html.contains(r#"type="password""#));
    assert!(!html.contains("商店概况"));

    app.create_user("shopper@agora.test", "shop-pass-1", "shopper")
        .await;
    let c = client();
    app.sign_in(&c, "shopper@agora.test", "shop-pass-1").await;
    let res = c.get(format!("{}/admin", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("无权访问"));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn cross_site_posts_are_refused_and_change_nothing(pool: PgPool) {
    let app = spawn(pool).await;
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = client()
            .post(format!("{}/api/register", app.base))
            .header(header, value)
            .form(&[
                ("email", "csrf@agora.test"),
                ("password", "csrf-pass-1"),
                ("display_name", "x"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{header}: {value}");
    }
    assert_eq!(app.user_count().await, 0);
}
