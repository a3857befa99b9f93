//! Exchanges and repairs against a real database and over real HTTP: a
//! dearer replacement is paid for through the provider before it leaves,
//! leaves stock exactly once however many staff press "send"; a cheaper
//! one refunds the difference; a paid difference goes back when the
//! exchange will not happen; a repair moves no stock.
use crate::common;
use app::aftersales::db::Shopper;

use app::aftersales::db::exchange::start_charge;
use app::aftersales::db::{Opening, detail, open, ship_back, withdraw};
use app::aftersales::{RequestKind, RequestStatus};
use app::error::{AppError, ErrorKey, FieldError};
use common::{TestApp, after_sales_reason, demo, paid_order, plain_shopper, spawn, staff_client};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

/// A delivered order for one unit of a variant whose product has another
/// variant, that one with 5 in stock at `price_delta` from the unit price.
struct Bought {
    user: i64,
    number: String,
    line: i64,
    variant: i64,
    other: i64,
}

async fn bought(pool: &PgPool, email: &str, price_delta: i64) -> Bought {
    let user = plain_shopper(pool, email).await;
    // The offset, among listed variants, of one whose product has another.
    let n: i64 = sqlx::query_scalar(
        "WITH l AS (SELECT v.id, v.product_id, row_number() OVER (ORDER BY v.id) - 1 AS n
                      FROM product_variants v JOIN products p ON p.id = v.product_id
                     WHERE p.listed)
         SELECT min(n) FROM l
          WHERE (SELECT count(*) FROM product_variants w WHERE w.product_id = l.product_id) >= 2",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let (id, number, _) = paid_order(pool, Some((user, email)), n as usize).await;
    sqlx::query(
        "UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    let (line, variant, unit): (i64, i64, i64) =
        sqlx::query_as("SELECT id, variant_id, unit_minor FROM order_items WHERE order_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
    let other: i64 = sqlx::query_scalar(
        "UPDATE product_variants SET stock = 5, price_minor = $2
          WHERE id = (SELECT w.id FROM product_variants v JOIN product_variants w
                         ON w.product_id = v.product_id AND w.id <> v.id
                      WHERE v.id = $1 ORDER BY w.id LIMIT 1)
         RETURNING id",
    )
    .bind(variant)
    .bind(unit + price_delta)
    .fetch_one(pool)
    .await
    .unwrap();
    Bought {
        user,
        number,
        line,
        variant,
        other,
    }
}

async fn ask(
    pool: &PgPool,
    b: &Bought,
    kind: RequestKind,
    reason: &str,
    to: Option<i64>,
    key: &str,
) -> Result<String, AppError> {
    let o = Opening {
        shopper: Shopper::Account(b.user),
        order_number: b.number.clone(),
        kind,
        reason_id: after_sales_reason(pool, reason).await,
        items: vec![(b.line, 1)],
        note: String::new(),
        key: key.to_string(),
        exchange_to: to,
        photos: Vec::new(),
    };
    open(pool, &o, OffsetDateTime::now_utc()).await
}

async fn stock(pool: &PgPool, variant: i64) -> i32 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn status(pool: &PgPool, number: &str) -> RequestStatus {
    let s: String = sqlx::query_scalar("SELECT status FROM after_sales_requests WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap();
    RequestStatus::parse(&s).unwrap()
}

/// Staff approve, the shopper sends the goods back, staff confirm receipt
/// (inspecting the unit back to stock unless it is a repair).
async fn approve_and_receive(
    app: &TestApp,
    ops: &reqwest::Client,
    b: &Bought,
    req: &str,
    inspect: bool,
) {
    let approve = json!({"numbers": [req], "goodwill_minor": 0, "goodwill_reason": ""});
    let (s, body) = app
        .post_json(ops, "admin/after-sales/approve", approve)
        .await;
    assert_eq!(s, 200, "{body}");
    ship_back(
        &app.pool,
        Shopper::Account(b.user),
        req,
        "SF",
        "SF1234567890",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let lines = if inspect {
        json!([{"order_item_id": b.line, "restocked": 1, "damaged": 0, "scrapped": 0}])
    } else {
        json!([])
    };
    let receive =
        json!({"number": req, "goodwill_minor": 0, "goodwill_reason": "", "lines": lines});
    let (s, body) = app
        .post_json(ops, "admin/after-sales/receive", receive)
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(status(&app.pool, req).await, RequestStatus::Received);
}

/// The provider's page pays the request's charge and its signed
/// notification reaches the shop (`event` names it; the same event again
/// is a retry).
async fn provider_pays(pool: &PgPool, req: &str, event: &str) {
    let (reference, amount): (String, i64) = sqlx::query_as(
        "SELECT p.provider_ref, p.amount_minor FROM payments p
           JOIN after_sales_requests r ON r.id = p.after_sales_id
          WHERE r.number = $1 ORDER BY p.id DESC LIMIT 1",
    )
    .bind(req)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("UPDATE sandbox_charges SET status = 'paid' WHERE reference = $1")
        .bind(&reference)
        .execute(pool)
        .await
        .unwrap();
    let key = app::server::Secrets::load(pool).await.unwrap().sandbox;
    let body = json!({"event_id": event, "reference": reference, "merchant_order": req,
        "amount_minor": amount, "currency": "CNY", "status": "paid"})
    .to_string();
    let at = OffsetDateTime::now_utc();
    let sig = app::payments::db::sandbox::signature(&key, at.unix_timestamp(), &body);
    app::payments::db::notify::receive(pool, &key, Some(&sig), &body, at)
        .await
        .unwrap();
}

fn dispatch(req: &str) -> serde_json::Value {
    json!({"number": req, "carrier": "SF", "tracking": "SF9876543210"})
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_dearer_exchange_is_paid_for_then_leaves_stock_exactly_once(pool: PgPool) {
    demo(&pool).await;
    let b = bought(&pool, "dear@exchange.test", 2000).await;
    // Asking for the same variant, or none, or one out of stock, is refused.
    let wrong = Err(AppError::Validation(vec![FieldError::new(
        "exchange_to",
        ErrorKey::AfterSalesExchangeVariant,
    )]));
    let mind = "wrong_size";
    assert_eq!(
        ask(
            &pool,
            &b,
            RequestKind::Exchange,
            mind,
            Some(b.variant),
            "k1"
        )
        .await,
        wrong
    );
    assert_eq!(
        ask(&pool, &b, RequestKind::Exchange, mind, None, "k2").await,
        wrong
    );
    sqlx::query("UPDATE product_variants SET stock = 0 WHERE id = $1")
        .bind(b.other)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        ask(&pool, &b, RequestKind::Exchange, mind, Some(b.other), "k3").await,
        Err(AppError::Validation(vec![FieldError::new(
            "exchange_to",
            ErrorKey::SoldOut
        )]))
    );
    sqlx::query("UPDATE product_variants SET stock = 5 WHERE id = $1")
        .bind(b.other)
        .execute(&pool)
        .await
        .unwrap();
    let req = ask(&pool, &b, RequestKind::Exchange, mind, Some(b.other), "k4")
        .await
        .unwrap();
    let (charge, refund): (i64, i64) = sqlx::query_as(
        "SELECT charge_minor, refund_minor FROM after_sales_requests WHERE number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((charge, refund), (2000, 0));

    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "exchange").await;
    approve_and_receive(&app, &ops, &b, &req, true).await;
    // Unpaid, the replacement cannot leave.
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/dispatch", dispatch(&req))
        .await;
    assert_eq!(s, 409, "{body}");
    assert!(
        body.to_string().contains("after_sales_charge_unpaid"),
        "{body}"
    );
    assert_eq!(stock(&pool, b.other).await, 5);

    // Another shopper cannot open the payment; the owner can.
    let nosy = plain_shopper(&pool, "nosy@exchange.test").await;
    assert_eq!(
        start_charge(
            &pool,
            Shopper::Account(nosy),
            &req,
            "/after-sales",
            "http://127.0.0.1:9"
        )
        .await,
        Err(AppError::NotFound)
    );
    start_charge(
        &pool,
        Shopper::Account(b.user),
        &req,
        "/after-sales",
        "http://127.0.0.1:9",
    )
    .await
    .unwrap();
    provider_pays(&pool, &req, "evt_exchange_1").await;
    provider_pays(&pool, &req, "evt_exchange_1").await;
    let (paid, order_status): (bool, String) = sqlx::query_as(
        "SELECT r.charge_paid_at IS NOT NULL, o.payment_status
           FROM after_sales_requests r JOIN orders o ON o.id = r.order_id WHERE r.number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(paid);
    assert_eq!(order_status, "paid");
    // Paying again is refused: nothing is owed.
    assert_eq!(
        start_charge(
            &pool,
            Shopper::Account(b.user),
            &req,
            "/after-sales",
            "http://127.0.0.1:9"
        )
        .await,
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    );

    // Two members of staff send it at once: one replacement leaves.
    let (x, y) = tokio::join!(
        app.post_json(&ops, "admin/after-sales/dispatch", dispatch(&req)),
        app.post_json(&ops, "admin/after-sales/dispatch", dispatch(&req)),
    );
    let mut codes = [x.0, y.0];
    codes.sort();
    assert_eq!(codes, [200, 409], "{x:?} {y:?}");
    assert_eq!(stock(&pool, b.other).await, 4);
    let moves: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM stock_movements
          WHERE reason = 'exchanged' AND note = $1 AND delta = -1 AND variant_id = $2",
    )
    .bind(&req)
    .bind(b.other)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(moves, 1);
    assert_eq!(status(&pool, &req).await, RequestStatus::Exchanged);
    // The shopper sees the replacement, its tracking and the paid difference.
    let d = detail(
        &pool,
        Shopper::Account(b.user),
        &req,
        "en",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    assert_eq!(d.out_tracking.as_deref(), Some("SF9876543210"));
    assert!(d.charge_paid);
    assert!(
        d.items[0]
            .exchange_options
            .as_deref()
            .is_some_and(|o| !o.is_empty())
    );
    // Nothing went back: no refund was made.
    let refunds: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM refunds r JOIN after_sales_requests a ON a.id = r.after_sales_id
          WHERE a.number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(refunds, 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_cheaper_exchange_refunds_the_difference_when_it_leaves(pool: PgPool) {
    demo(&pool).await;
    let b = bought(&pool, "cheap@exchange.test", -1000).await;
    let req = ask(
        &pool,
        &b,
        RequestKind::Exchange,
        "wrong_size",
        Some(b.other),
        "c1",
    )
    .await
    .unwrap();
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "cheap").await;
    approve_and_receive(&app, &ops, &b, &req, true).await;
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/dispatch", dispatch(&req))
        .await;
    assert_eq!(s, 200, "{body}");
    let (refunded, done): (i64, i64) = sqlx::query_as(
        "SELECT a.refunded_minor,
                (SELECT COALESCE(sum(r.amount_minor), 0) FROM refunds r
                  WHERE r.after_sales_id = a.id AND r.status = 'done')::bigint
           FROM after_sales_requests a WHERE a.number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((refunded, done), (1000, 1000));
    assert_eq!(status(&pool, &req).await, RequestStatus::Exchanged);
    // The returned unit went back on the shelf; the replacement left it.
    assert_eq!(stock(&pool, b.other).await, 4);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_paid_difference_goes_back_when_the_exchange_will_not_happen(pool: PgPool) {
    demo(&pool).await;
    let b = bought(&pool, "refused@exchange.test", 3000).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "refused").await;
    // Paid, then refused: the difference goes back, the order stays paid.
    let first = ask(
        &pool,
        &b,
        RequestKind::Exchange,
        "wrong_size",
        Some(b.other),
        "r1",
    )
    .await
    .unwrap();
    start_charge(
        &pool,
        Shopper::Account(b.user),
        &first,
        "/after-sales",
        "http://127.0.0.1:9",
    )
    .await
    .unwrap();
    provider_pays(&pool, &first, "evt_refused_1").await;
    let refuse = json!({"number": first, "reason": "尺码无误"});
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/refuse", refuse)
        .await;
    assert_eq!(s, 200, "{body}");
    // Withdrawn with the payment page still open, then paid late: that
    // money goes back too.
    let second = ask(
        &pool,
        &b,
        RequestKind::Exchange,
        "wrong_size",
        Some(b.other),
        "r2",
    )
    .await
    .unwrap();
    start_charge(
        &pool,
        Shopper::Account(b.user),
        &second,
        "/after-sales",
        "http://127.0.0.1:9",
    )
    .await
    .unwrap();
    withdraw(&pool, Shopper::Account(b.user), &second)
        .await
        .unwrap();
    provider_pays(&pool, &second, "evt_refused_2").await;
    let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
        "SELECT a.number, p.amount_minor, p.refunded_minor, p.status FROM payments p
           JOIN after_sales_requests a ON a.id = p.after_sales_id ORDER BY p.id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (first.clone(), 3000, 3000, "refunded".to_string()),
            (second.clone(), 3000, 3000, "refunded".to_string()),
        ]
    );
    let order_status: String = sqlx::query_scalar(
        "SELECT o.payment_status FROM orders o JOIN after_sales_requests a ON a.order_id = o.id
          WHERE a.number = $1",
    )
    .bind(&first)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(order_status, "paid");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_repair_goes_back_to_the_shopper_without_touching_stock(pool: PgPool) {
    demo(&pool).await;
    let b = bought(&pool, "repair@exchange.test", 0).await;
    let req = ask(&pool, &b, RequestKind::Repair, "quality", None, "p1")
        .await
        .unwrap();
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "repair").await;
    let before = stock(&pool, b.variant).await;
    approve_and_receive(&app, &ops, &b, &req, false).await;
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/dispatch", dispatch(&req))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(status(&pool, &req).await, RequestStatus::Repaired);
    assert_eq!(stock(&pool, b.variant).await, before);
    let moves: i64 = sqlx::query_scalar("SELECT count(*) FROM stock_movements WHERE note = $1")
        .bind(&req)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(moves, 0);
    let d = detail(
        &pool,
        Shopper::Account(b.user),
        &req,
        "zh-CN",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    assert_eq!(d.out_carrier.as_deref(), Some("SF"));
    // Sending it again is refused.
    let (s, _) = app
        .post_json(&ops, "admin/after-sales/dispatch", dispatch(&req))
        .await;
    assert_eq!(s, 409);
}
