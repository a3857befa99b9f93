//! The after-sales request form over real HTTP, as the browser posts it
//! (multipart, with photos): a reason's photos are required, counted and
//! decoded only for the order's owner, and a refused form sends the
//! shopper back to it saying why, having written nothing.
use crate::common;

use common::{TestApp, after_sales_reason, client, demo, paid_order, png, spawn};
use sqlx::PgPool;

/// Posts the request form for one unit of `line` and returns the status
/// and where it sends the shopper.
async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    order: &str,
    line: i64,
    reason: i64,
    key: &str,
    photos: usize,
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new()
        .text("order", order.to_string())
        .text("line", line.to_string())
        .text("kind", "return_refund")
        .text("reason", reason.to_string())
        .text("qty", "1")
        .text("note", "盒子压坏了")
        .text("key", key.to_string());
    for _ in 0..photos {
        let part = reqwest::multipart::Part::bytes(png(32))
            .file_name("photo.png")
            .mime_str("image/png")
            .unwrap();
        form = form.part("photos", part);
    }
    app.post_form(c, "/after-sales", form).await
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_request_carries_the_photos_its_reason_asks_for(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let owner_id = app
        .create_user("owner@photos.test", "owner-pass-1", "shopper")
        .await;
    app.create_user("nosy@photos.test", "nosy-pass-1", "shopper")
        .await;
    let (order_id, order, _) = paid_order(&pool, Some((owner_id, "owner@photos.test")), 2).await;
    sqlx::query("UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now() WHERE id = $1")
        .bind(order_id)
        .execute(&pool)
        .await
        .unwrap();
    let line: i64 = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let damaged = after_sales_reason(&pool, "damaged").await;
    sqlx::query("UPDATE after_sales_reasons SET photos_required = 1 WHERE id = $1")
        .bind(damaged)
        .execute(&pool)
        .await
        .unwrap();
    let requests = || count(&pool, "SELECT count(*) FROM after_sales_requests");

    // A guest is sent to sign in; someone else's order is not found.
    let (s, to) = post(&app, &client(), &order, line, damaged, "g", 1).await;
    assert_eq!((s, to.starts_with("/sign-in")), (303, true), "{to}");
    let nosy = client();
    app.sign_in(&nosy, "nosy@photos.test", "nosy-pass-1").await;
    assert_eq!(
        post(&app, &nosy, &order, line, damaged, "n", 1).await.0,
        404
    );

    let owner = client();
    app.sign_in(&owner, "owner@photos.test", "owner-pass-1")
        .await;
    // Without the photo the reason asks for, or with six: back to the
    // form, saying why, nothing written.
    let back = format!("/orders/{order}/after-sales?line={line}&error=after_sales_photos");
    assert_eq!(
        post(&app, &owner, &order, line, damaged, "k0", 0).await,
        (303, back.clone())
    );
    assert_eq!(
        post(&app, &owner, &order, line, damaged, "k6", 6).await,
        (303, back)
    );
    assert_eq!(requests().await, 0);

    // With two, the request is opened and keeps them, in order; the same
    // form sent again finds the same request.
    let (s, to) = post(&app, &owner, &order, line, damaged, "k2", 2).await;
    assert_eq!(s, 303);
    assert!(to.starts_with("/after-sales/AS"), "{to}");
    assert_eq!(
        post(&app, &owner, &order, line, damaged, "k2", 2).await.1,
        to
    );
    assert_eq!(requests().await, 1);
    let number = to.trim_start_matches("/after-sales/");
    let d = app::aftersales::db::detail(
        &pool,
        app::aftersales::db::Shopper::Account(owner_id),
        number,
        "zh-CN",
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    // Two identical pictures are stored once and shown twice.
    assert_eq!(d.photos.len(), 2);
    assert_eq!(
        count(&pool, "SELECT count(*) FROM after_sales_photos").await,
        2
    );
}
