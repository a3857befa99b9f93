//! The plain axum routes (uploads, downloads) are guarded by the server
//! functions' own checks (`app::server::extract`): signed out is 401 (or,
//! for the review form, the sign-in page), a missing permission 403, and a
//! database that fails while the guard reads the account is 500, never
//! "signed out".
use crate::common;

use common::{TestApp, client, spawn, staff_client};
use sqlx::PgPool;

fn review_form() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("order_item_id", "1")
        .text("rating", "5")
        .text("body", "好")
}

fn image_form() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().text("product_id", "1")
}

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> u16 {
    c.get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn signed_out_is_401_and_a_missing_permission_403(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let guest = client();
    let shopper = client();
    assert_eq!(
        app.register(&shopper, "shopper@guard.test", "guard-pass-1")
            .await
            .0,
        200
    );
    let service = staff_client(&app, "customer_service", "guard").await;
    for c in [&shopper, &service] {
        assert_eq!(get(&app, c, "/admin/export/products.csv").await, 403);
        let (s, _) = app
            .post_form(c, "/admin/upload/product-image", image_form())
            .await;
        assert_eq!(s, 403);
    }
    assert_eq!(get(&app, &guest, "/admin/export/products.csv").await, 401);
    let (s, _) = app
        .post_form(&guest, "/admin/upload/product-image", image_form())
        .await;
    assert_eq!(s, 401);
    assert_eq!(get(&app, &guest, "/account/data.json").await, 401);
    // The review form is a page's form: a guest is sent to sign in.
    let (s, to) = app.post_form(&guest, "/reviews", review_form()).await;
    assert_eq!((s, to.as_str()), (303, "/sign-in?next=/orders"));
}

/// Before the extractor, each route read the account with `.ok()`, so a
/// database failure looked like a signed-out visitor (401, or the sign-in
/// page).
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_database_failure_in_the_guard_is_500_not_signed_out(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let shopper = client();
    assert_eq!(
        app.register(&shopper, "shopper@broken.test", "broken-pass-1")
            .await
            .0,
        200
    );
    let editor = staff_client(&app, "catalog_editor", "broken").await;
    // The sessions live in their own table and still load; reading the
    // account behind one now fails.
    sqlx::query("ALTER TABLE users RENAME TO users_away")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(get(&app, &editor, "/admin/export/products.csv").await, 500);
    let (s, _) = app
        .post_form(&editor, "/admin/upload/product-image", image_form())
        .await;
    assert_eq!(s, 500);
    assert_eq!(get(&app, &shopper, "/account/data.json").await, 500);
    assert_eq!(get(&app, &shopper, "/account/data.csv").await, 500);
    let (s, to) = app.post_form(&shopper, "/reviews", review_form()).await;
    assert_eq!((s, to.as_str()), (500, ""));
}
