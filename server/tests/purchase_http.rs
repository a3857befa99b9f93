//! The purchase over real HTTP: bad checkout input is answered with
//! translated keys and places nothing, orders are only visible to their
//! owner, and the notification endpoint refuses forged notifications.
use crate::common;

use common::{client, field_key, spawn};
use serde_json::{Value, json};
use sqlx::PgPool;

async fn demo(pool: &PgPool) {
    agora_server::seed::load_demo(pool).await.unwrap();
}

async fn a_variant(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed AND v.stock > 5 ORDER BY v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

fn address() -> Value {
    json!({"recipient": "李雷", "phone": "13912345678", "region": "北京市", "line1": "长安街 1 号", "postal_code": ""})
}

async fn quote_total(
    app: &common::TestApp,
    c: &reqwest::Client,
    variant: i64,
    shipping: &str,
) -> i64 {
    let (s, q) = app.post_json(
        c,
        "cart",
        json!({"lang": "zh-CN", "guest_lines": [{"variant_id": variant, "qty": 1}], "coupon": null,
               "shipping": shipping}),
    )
    .await;
    assert_eq!(s, 200, "{q}");
    q["total_minor"].as_i64().unwrap()
}

async fn orders(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn bad_checkout_input_is_answered_and_places_nothing(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let c = client();
    let v = a_variant(&pool).await;
    let total = quote_total(&app, &c, v, "standard").await;
    let order = |key: &str, email: &str, address: Value| {
        json!({"order": {"key": key, "lang": "zh-CN", "lines": [{"variant_id": v, "qty": 1}],
                          "email": email, "address": address, "shipping": "standard",
                          "payment": "cod", "expected_total_minor": total}})
    };
    // A key that is not one: 400.
    let (s, _) = app
        .post_json(&c, "place_order", order("short", "a@b.cn", address()))
        .await;
    assert_eq!(s, 400);
    // Guest without a valid e-mail, address missing its street: 422 with keys.
    let mut bad = address();
    bad["line1"] = json!("");
    let (s, body) = app
        .post_json(
            &c,
            "place_order",
            order("key-0000000000000001", "nope", bad),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "email").as_deref(), Some("email_invalid"));
    assert_eq!(field_key(&body, "line1").as_deref(), Some("required"));
    // Not JSON at all.
    let res = c
        .post(format!("{}/api/place_order", app.base))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(orders(&pool).await, 0);

    // A good one goes through; the same key again returns the same order.
    let (s, placed) = app
        .post_json(
            &c,
            "place_order",
            order("key-0000000000000002", "g@agora.test", address()),
        )
        .await;
    assert_eq!(s, 200, "{placed}");
    let (s, again) = app
        .post_json(
            &c,
            "place_order",
            order("key-0000000000000002", "g@agora.test", address()),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(placed["number"], again["number"]);
    assert_eq!(orders(&pool).await, 1);
    assert!(placed["token"].as_str().is_some_and(|t| t.len() == 32));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_order_is_visible_only_to_its_owner(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let guest = client();
    let v = a_variant(&pool).await;
    let total = quote_total(&app, &guest, v, "express").await;
    let (s, placed) = app.post_json(
        &guest,
        "place_order",
        json!({"order": {"key": "own-000000000000001", "lang": "en", "lines": [{"variant_id": v, "qty": 1}],
                          "email": "owner@agora.test", "address": address(), "shipping": "express",
                          "payment": "sandbox", "expected_total_minor": total}}),
    )
    .await;
    assert_eq!(s, 200, "{placed}");
    let number = placed["number"].as_str().unwrap().to_string();
    let token = placed["token"].as_str().unwrap().to_string();
    assert!(
        placed["pay_url"]
            .as_str()
            .unwrap()
            .starts_with("/sandbox/pay/sbx_")
    );

    let get = |t: Option<&str>| {
        let mut url = format!("{}/api/order?number={number}", app.base);
        if let Some(t) = t {
            url.push_str(&format!("&token={t}"));
        }
        url
    };
    assert_eq!(
        guest
            .get(get(Some(&token)))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    // Without the secret, with a wrong one, or as another (signed-in) shopper: not found.
    assert_eq!(
        guest.get(get(None)).send().await.unwrap().status().as_u16(),
        404
    );
    let wrong = "0".repeat(32);
    assert_eq!(
        guest
            .get(get(Some(&wrong)))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    let other = client();
    app.register(&other, "other@agora.test", "Secret-2026-xyz")
        .await;
    assert_eq!(
        other.get(get(None)).send().await.unwrap().status().as_u16(),
        404
    );
    // Cancelling someone else's order is refused and changes nothing.
    let (s, _, _) = app
        .post(&other, "cancel_order", &[("number", number.as_str())])
        .await;
    assert_eq!(s, 404);
    let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(&number)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "pending_payment");
    // The owner's link may cancel it.
    let (s, _, _) = app
        .post(
            &guest,
            "cancel_order",
            &[("number", number.as_str()), ("token", token.as_str())],
        )
        .await;
    assert_eq!(s, 200);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn forged_notifications_are_refused_over_http(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let c = client();
    let body = json!({"event_id": "evt_x", "reference": "sbx_000000000000000000000000",
                      "merchant_order": "20260101-000001", "amount_minor": 100, "currency": "CNY",
                      "status": "paid"})
    .to_string();
    let url = format!("{}/payments/sandbox/notify", app.base);
    for header in [None, Some("t=1,v1=deadbeef"), Some("garbage")] {
        let mut req = c.post(&url).body(body.clone());
        if let Some(h) = header {
            req = req.header("sandbox-signature", h);
        }
        assert_eq!(req.send().await.unwrap().status().as_u16(), 401);
    }
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM payment_notifications WHERE NOT verified")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(logged, 3);
    // Correctly signed: accepted (nothing to apply for an unknown payment).
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let sig = app::payments::db::sandbox::signature(&key, now, &body);
    let res = c
        .post(&url)
        .header("sandbox-signature", sig)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
}
