//! Payments attacked over real HTTP (issue 14):
//! - the notification address never comes from the request's Host header,
//!   and a notify target that redirects is not followed;
//! - with the sandbox switched off it is neither offered nor usable;
//! - refunds never pay out more than was paid: a cancellation counts staff
//!   refunds still pending, staff refunds racing a shopper's cancel add up to
//!   the payment exactly, and the retry job asks for exactly what is owed,
//!   under each refund's idempotency key;
//! - a flood of forged notifications is kept only in bounded form;
//! - a shopper cannot mark cash on delivery as collected.
use crate::common;

use app::error::{AppError, ErrorKey};
use app::orders::db::{JobConfig, run_jobs_at};
use app::payments::db::notify::{FORGED_BODY_KEPT, FORGED_KEPT_PER_HOUR};
use app::payments::{PaymentMethod, SandboxOutcome};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use common::{TestApp, client, demo, paid_order, spawn, spawn_with, staff_client};
use serde_json::{Value, json};
use sqlx::PgPool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use time::OffsetDateTime;

const NOTIFY_PATH: &str = "/payments/sandbox/notify";

async fn a_variant(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed AND v.stock > 5 ORDER BY v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn quote_total(app: &TestApp, c: &reqwest::Client, variant: i64) -> i64 {
    let (s, q) = app
        .post_json(
            c,
            "cart",
            json!({"lang": "zh-CN", "guest_lines": [{"variant_id": variant, "qty": 1}],
                   "coupon": null, "shipping": "standard"}),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    q["total_minor"].as_i64().unwrap()
}

/// A guest's order form for one unit of `variant`.
fn order_form(key: &str, variant: i64, total: i64, payment: &str) -> Value {
    json!({"order": {"key": key, "lang": "zh-CN", "lines": [{"variant_id": variant, "qty": 1}],
                      "email": "buyer@payments.test",
                      "address": {"recipient": "李雷", "phone": "13912345678", "region": "北京市",
                                  "line1": "长安街 1 号", "postal_code": ""},
                      "shipping": "standard", "payment": payment, "expected_total_minor": total}})
}

/// Places a guest order over HTTP; `host` replaces the Host header.
async fn place(
    app: &TestApp,
    c: &reqwest::Client,
    form: Value,
    host: Option<&str>,
) -> (u16, Value) {
    let mut req = c.post(format!("{}/api/place_order", app.base)).json(&form);
    if let Some(h) = host {
        req = req.header(header::HOST, h);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The server function error in a response body.
fn error_of(body: &Value) -> AppError {
    serde_json::from_value(body.clone()).unwrap_or_else(|_| panic!("not an error: {body}"))
}

async fn charge_of(pool: &PgPool, number: &str) -> (String, String) {
    sqlx::query_as("SELECT reference, notify_url FROM sandbox_charges WHERE merchant_order = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn order_status(pool: &PgPool, number: &str) -> (String, String) {
    sqlx::query_as("SELECT status, payment_status FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Another address on this machine: counts the requests it receives and
/// answers 200, or (once `redirect_to` is set) 307 to that URL.
async fn bystander(redirect_to: Option<Arc<OnceLock<String>>>) -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let counter = hits.clone();
    let router = axum::Router::new().fallback(move || {
        let (counter, target) = (counter.clone(), redirect_to.clone());
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            match target.and_then(|t| t.get().cloned()) {
                Some(to) => {
                    (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response()
                }
                None => (StatusCode::OK, "ok").into_response(),
            }
        }
    });
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (format!("http://{addr}"), hits)
}

/// Polls `check` until it holds; fails the test after 15 seconds.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let waited = tokio::time::timeout(Duration::from_secs(15), async {
        while !check().await {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "timed out waiting until {what}");
}

fn jobs() -> JobConfig {
    JobConfig {
        unpaid_after: Duration::from_secs(30 * 60),
        confirm_after: Duration::from_secs(7 * 86_400),
    }
}

/// A guest order's link secret, as the shopper has it.
async fn guest_token(pool: &PgPool, number: &str) -> String {
    let secrets = app::server::Secrets::load(pool).await.unwrap();
    app::orders::db::order_token(&secrets.order_links, number)
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_notify_address_never_comes_from_the_host_header(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let configured = format!("{}{NOTIFY_PATH}", app.base);
    // Another local service: the old code took any loopback-looking Host
    // as the address to notify, so the signed notification went there.
    let (elsewhere, hits) = bystander(None).await;
    let forged = elsewhere.trim_start_matches("http://").to_string();
    let c = client();
    let v = a_variant(&pool).await;
    let total = quote_total(&app, &c, v).await;
    let (s, placed) = place(
        &app,
        &c,
        order_form("host-0000000000000001", v, total, "sandbox"),
        Some(&forged),
    )
    .await;
    assert_eq!(s, 200, "{placed}");
    let number = placed["number"].as_str().unwrap().to_string();
    let (reference, notify_url) = charge_of(&pool, &number).await;
    assert_eq!(notify_url, configured, "Host: {forged}");

    // The classic payload: userinfo that makes the host attacker.example.
    let (s, other) = place(
        &app,
        &c,
        order_form("host-0000000000000002", v, total, "sandbox"),
        Some("127.0.0.1:1@attacker.example"),
    )
    .await;
    if s == 200 {
        let (_, url) = charge_of(&pool, other["number"].as_str().unwrap()).await;
        assert_eq!(url, configured);
    }
    let elsewhere_urls: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sandbox_charges WHERE notify_url <> $1")
            .bind(&configured)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(elsewhere_urls, 0);

    // Paid on the provider's page: the notification reaches this shop, and
    // the other address hears nothing.
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    app::payments::db::sandbox::decide(&pool, &key, &reference, SandboxOutcome::Pay)
        .await
        .unwrap();
    let (db, n) = (&pool, &number);
    eventually("the order is paid", || async move {
        order_status(db, n).await.0 == "awaiting_shipment"
    })
    .await;
    assert_eq!(hits.load(Ordering::SeqCst), 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_notify_target_that_redirects_is_not_followed(pool: PgPool) {
    demo(&pool).await;
    // The configured address answers with a redirect to the shop itself.
    let target = Arc::new(OnceLock::new());
    let (relay, hits) = bystander(Some(target.clone())).await;
    let mut cfg = common::test_config();
    cfg.payment_notify_base = Some(relay.clone());
    let app = spawn_with(pool.clone(), cfg).await;
    target.set(format!("{}{NOTIFY_PATH}", app.base)).unwrap();
    let c = client();
    let v = a_variant(&pool).await;
    let total = quote_total(&app, &c, v).await;
    let (s, placed) = place(
        &app,
        &c,
        order_form("redirect-00000000001", v, total, "sandbox"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{placed}");
    let number = placed["number"].as_str().unwrap().to_string();
    let (reference, notify_url) = charge_of(&pool, &number).await;
    assert_eq!(notify_url, format!("{relay}{NOTIFY_PATH}"));

    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    app::payments::db::sandbox::decide(&pool, &key, &reference, SandboxOutcome::Pay)
        .await
        .unwrap();
    // A redirect is an answer that is not 2xx: the provider tries the
    // configured address again rather than going where it points.
    let seen = &hits;
    eventually("the notification is retried", || async move {
        seen.load(Ordering::SeqCst) >= 2
    })
    .await;
    assert_eq!(order_status(&pool, &number).await.0, "pending_payment");
    let verified: i64 =
        sqlx::query_scalar("SELECT count(*) FROM payment_notifications WHERE verified")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(verified, 0, "the redirect was not followed to the shop");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn with_the_sandbox_off_only_cash_on_delivery_is_offered(pool: PgPool) {
    demo(&pool).await;
    let mut cfg = common::test_config();
    cfg.sandbox_payments = Some(false);
    let app = spawn_with(pool.clone(), cfg).await;
    let c = client();
    let (s, methods) = app.get(&c, "payment_methods").await;
    assert_eq!((s, methods), (200, json!(["cod"])));

    let v = a_variant(&pool).await;
    let total = quote_total(&app, &c, v).await;
    let (s, body) = place(
        &app,
        &c,
        order_form("nosbx-00000000000001", v, total, "sandbox"),
        None,
    )
    .await;
    assert_eq!(s, 409, "{body}");
    assert_eq!(
        error_of(&body),
        AppError::Conflict(ErrorKey::PaymentMethodUnavailable)
    );
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(orders, 0);

    // Cash on delivery still works.
    let (s, placed) = place(
        &app,
        &c,
        order_form("nosbx-00000000000002", v, total, "cod"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{placed}");
    assert_eq!(placed["pay_url"], Value::Null);
    let number = placed["number"].as_str().unwrap().to_string();
    let token = placed["token"].as_str().unwrap().to_string();

    // An order left awaiting sandbox payment from before the switch cannot
    // be paid in the sandbox now.
    sqlx::query(
        "UPDATE orders SET payment_method = 'sandbox', status = 'pending_payment',
                           payment_status = 'unpaid' WHERE number = $1",
    )
    .bind(&number)
    .execute(&pool)
    .await
    .unwrap();
    let (s, body, _) = app
        .post(
            &c,
            "pay_order",
            &[("number", number.as_str()), ("token", token.as_str())],
        )
        .await;
    assert_eq!(s, 409, "{body}");
    assert_eq!(
        error_of(&body),
        AppError::Conflict(ErrorKey::PaymentMethodUnavailable)
    );
    let attempts: i64 = sqlx::query_scalar("SELECT count(*) FROM payments")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(attempts, 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_cancellation_counts_staff_refunds_still_pending(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (order_id, number, total) = paid_order(&pool, None, 5).await;
    // A staff refund of a quarter is written (as admin/order/refund does
    // before it asks the provider); the provider has not answered yet.
    let part = (total / 4).max(1);
    let staff_refund: i64 = sqlx::query_scalar(
        "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status)
         SELECT $1, id, $2, '差价', 'pending' FROM payments WHERE order_id = $1 RETURNING id",
    )
    .bind(order_id)
    .bind(part)
    .fetch_one(&pool)
    .await
    .unwrap();

    let token = guest_token(&pool, &number).await;
    let (s, body, _) = app
        .post(
            &client(),
            "cancel_order",
            &[("number", number.as_str()), ("token", token.as_str())],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    // The cancellation gives back only the rest.
    let cancel_refund: i64 =
        sqlx::query_scalar("SELECT amount_minor FROM refunds WHERE order_id = $1 AND id <> $2")
            .bind(order_id)
            .bind(staff_refund)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(cancel_refund, total - part);
    assert_eq!(owed(&pool, order_id).await, total);

    // The staff refund's answer was lost; the job asks again under its key.
    let report = run_jobs_at(
        &pool,
        jobs(),
        OffsetDateTime::now_utc() + time::Duration::seconds(120),
    )
    .await
    .unwrap();
    assert_eq!(report.refunds_retried, 1);
    assert_fully_refunded(&pool, &number, total).await;
}

/// Refunds made or being made for an order (failed ones excluded).
async fn owed(pool: &PgPool, order_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COALESCE(sum(amount_minor), 0)::bigint FROM refunds
          WHERE order_id = $1 AND status <> 'failed'",
    )
    .bind(order_id)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Every refund made, adding up to the payment, in the shop's books and
/// the provider's.
async fn assert_fully_refunded(pool: &PgPool, number: &str, total: i64) {
    let row: (String, String, i64, String, i64, i64, i64) = sqlx::query_as(
        "SELECT o.payment_status, p.status, p.refunded_minor, s.status, s.refunded_minor,
                (SELECT COALESCE(sum(r.amount_minor), 0)::bigint FROM refunds r
                  WHERE r.order_id = o.id AND r.status = 'done'),
                (SELECT count(*) FROM refunds r WHERE r.order_id = o.id AND r.status = 'pending')
           FROM orders o JOIN payments p ON p.order_id = o.id
           JOIN sandbox_charges s ON s.reference = p.provider_ref
          WHERE o.number = $1",
    )
    .bind(number)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "refunded".into(),
            "refunded".into(),
            total,
            "refunded".into(),
            total,
            total,
            0
        )
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_refunds_racing_a_cancel_never_pay_out_more_than_was_paid(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (order_id, number, total) = paid_order(&pool, None, 6).await;
    let ops = staff_client(&app, "operations_manager", "race").await;
    let shopper = client();
    let token = guest_token(&pool, &number).await;
    // Four refunds of a third each ask for more than was paid between them.
    let part = (total / 3).max(1);
    let refund = || {
        let (app, ops, number) = (&app, &ops, number.clone());
        async move {
            app.post_json(
                ops,
                "admin/order/refund",
                json!({"number": number, "amount_minor": part, "reason": "差价"}),
            )
            .await
        }
    };
    let cancel = async {
        app.post(
            &shopper,
            "cancel_order",
            &[("number", number.as_str()), ("token", token.as_str())],
        )
        .await
    };
    let (a, b, c, d, x) = tokio::join!(refund(), refund(), refund(), refund(), cancel);
    for (s, body) in [a, b, c, d] {
        // Made, or refused: too much now, or nothing left after the cancel.
        assert!(matches!(s, 200 | 409 | 422), "{s} {body}");
    }
    assert_eq!(x.0, 200, "{}", x.1);
    assert!(owed(&pool, order_id).await <= total);
    // Anything whose answer is still outstanding is settled by the job.
    run_jobs_at(
        &pool,
        jobs(),
        OffsetDateTime::now_utc() + time::Duration::seconds(120),
    )
    .await
    .unwrap();
    assert_eq!(owed(&pool, order_id).await, total);
    assert_eq!(order_status(&pool, &number).await.0, "cancelled");
    assert_fully_refunded(&pool, &number, total).await;
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_refund_job_asks_for_exactly_what_is_owed_under_the_same_key(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (order_id, number, total) = paid_order(&pool, None, 3).await;
    let ops = staff_client(&app, "operations_manager", "retry").await;
    let part = (total / 4).max(1);
    let (s, body) = app
        .post_json(
            &ops,
            "admin/order/refund",
            json!({"number": number, "amount_minor": part, "reason": "差价"}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let (reference, _) = charge_of(&pool, &number).await;

    // The provider is down when the shopper cancels: the rest stays owed.
    sqlx::query("UPDATE sandbox_charges SET refunds_refused = true WHERE reference = $1")
        .bind(&reference)
        .execute(&pool)
        .await
        .unwrap();
    let token = guest_token(&pool, &number).await;
    let (s, body, _) = app
        .post(
            &client(),
            "cancel_order",
            &[("number", number.as_str()), ("token", token.as_str())],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let (amount, key): (i64, String) = sqlx::query_as(
        "SELECT amount_minor, idempotency_key FROM refunds WHERE order_id = $1 AND status = 'pending'",
    )
    .bind(order_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(amount, total - part);
    assert_eq!(
        order_status(&pool, &number).await.1,
        "refund_pending".to_string()
    );

    // A refund younger than a minute may be being made right now: left alone.
    let now = OffsetDateTime::now_utc();
    let report = run_jobs_at(&pool, jobs(), now).await.unwrap();
    assert_eq!(report.refunds_retried, 0);

    // The provider is back; two minutes on, the job asks for the rest only.
    sqlx::query("UPDATE sandbox_charges SET refunds_refused = false WHERE reference = $1")
        .bind(&reference)
        .execute(&pool)
        .await
        .unwrap();
    let report = run_jobs_at(&pool, jobs(), now + time::Duration::seconds(120))
        .await
        .unwrap();
    assert_eq!(report.refunds_retried, 1);
    assert_fully_refunded(&pool, &number, total).await;

    // The same request again (an answer lost on the way): nothing more moves.
    app::payments::db::refund_via(
        &pool,
        PaymentMethod::Sandbox,
        &reference,
        total - part,
        &key,
    )
    .await
    .unwrap();
    // A new refund under a new key: nothing is left to give.
    assert!(
        app::payments::db::refund_via(&pool, PaymentMethod::Sandbox, &reference, 1, "rfd_another")
            .await
            .is_err()
    );
    let report = run_jobs_at(&pool, jobs(), now + time::Duration::seconds(240))
        .await
        .unwrap();
    assert_eq!(report.refunds_retried, 0);
    assert_fully_refunded(&pool, &number, total).await;
    let made: i64 = sqlx::query_scalar("SELECT count(*) FROM sandbox_refunds WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(made, 2, "the part and the rest, each once");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_flood_of_forged_notifications_is_kept_only_in_bounded_form(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = client();
    let url = format!("{}{NOTIFY_PATH}", app.base);
    let sent = FORGED_KEPT_PER_HOUR as usize + 40;
    let body = json!({"event_id": "evt_flood", "reference": "sbx_000000000000000000000000",
                      "merchant_order": "20260101-000001", "amount_minor": 100, "currency": "CNY",
                      "status": "paid", "padding": "x".repeat(10_000)})
    .to_string();
    let burst = (0..sent).map(|_| {
        c.post(&url)
            .header("sandbox-signature", "t=1,v1=00")
            .body(body.clone())
            .send()
    });
    for res in futures::future::join_all(burst).await {
        assert_eq!(res.unwrap().status().as_u16(), 401);
    }
    // Every one is counted; only the first few of each hour are kept.
    let (counted, windows, allowed): (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(sum(received), 0)::bigint, count(*),
                COALESCE(sum(LEAST(received, $1)), 0)::bigint
           FROM payment_notification_windows",
    )
    .bind(FORGED_KEPT_PER_HOUR)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counted, sent as i64);
    let (kept, longest): (i64, i32) = sqlx::query_as(
        "SELECT count(*), COALESCE(max(octet_length(body)), 0)
           FROM payment_notifications WHERE NOT verified",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(kept, allowed);
    assert!(kept <= windows * FORGED_KEPT_PER_HOUR as i64 && kept < sent as i64);
    assert!(
        (longest as usize) <= FORGED_BODY_KEPT,
        "body clipped: {longest}"
    );

    // Far larger than any notification: refused unread, nothing counted.
    let huge = "x".repeat(agora_server::payments::MAX_NOTIFICATION_BYTES + 1);
    let res = c
        .post(&url)
        .header("sandbox-signature", "t=1,v1=00")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    let counted_after: i64 = sqlx::query_scalar(
        "SELECT COALESCE(sum(received), 0)::bigint FROM payment_notification_windows",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counted_after, counted);

    // A genuine notification is still heard.
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    let genuine = json!({"event_id": "evt_real", "reference": "sbx_000000000000000000000000",
                         "merchant_order": "20260101-000001", "amount_minor": 100,
                         "currency": "CNY", "status": "paid"})
    .to_string();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let sig = app::payments::db::sandbox::signature(&key, now, &genuine);
    let res = c
        .post(&url)
        .header("sandbox-signature", sig)
        .body(genuine)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_shopper_cannot_mark_cash_on_delivery_as_collected(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let shopper = client();
    let v = a_variant(&pool).await;
    let total = quote_total(&app, &shopper, v).await;
    let (s, placed) = place(
        &app,
        &shopper,
        order_form("cod-0000000000000001", v, total, "cod"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{placed}");
    let number = placed["number"].as_str().unwrap().to_string();
    let token = placed["token"].as_str().unwrap().to_string();
    let ops = staff_client(&app, "operations_manager", "cod").await;
    let (s, body) = app
        .post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "SF", "tracking": "SF12345"}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let (db, n) = (&pool, &number);
    let events = || async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id
              WHERE o.number = $1",
        )
        .bind(n)
        .fetch_one(db)
        .await
        .unwrap()
    };
    let before = (order_status(&pool, &number).await, events().await);
    assert_eq!(before.0, ("shipped".to_string(), "cod_due".to_string()));

    // Shipped, not yet delivered: "received it" would record the cash as
    // collected. Refused, and nothing changes.
    let (app_ref, shopper_ref, token_ref) = (&app, &shopper, &token);
    let confirm = || async move {
        app_ref
            .post(
                shopper_ref,
                "confirm_receipt",
                &[("number", n.as_str()), ("token", token_ref.as_str())],
            )
            .await
    };
    let (s, body, _) = confirm().await;
    assert_eq!(s, 403, "{body}");
    assert_eq!((order_status(&pool, &number).await, events().await), before);

    // Staff record the delivery, and with it the cash collected; then the
    // shopper may confirm receipt.
    let (s, body) = app
        .post_json(&ops, "admin/order/deliver", json!({"number": number}))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(order_status(&pool, &number).await.1, "cod_collected");
    let (s, body, _) = confirm().await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        order_status(&pool, &number).await,
        ("completed".to_string(), "cod_collected".to_string())
    );
}
