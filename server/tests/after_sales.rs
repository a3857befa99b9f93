//! After-sales requests against a real database (and, last, over real
//! HTTP): quantities never over-claimed under concurrency, one request per
//! form key, eligibility refusals that change nothing, and the SQL and Rust
//! definitions of "holds units" agreeing.
use crate::common;
use app::aftersales::db::Shopper;

use app::aftersales::db::{Opening, form, list, open, withdraw};
use app::aftersales::{RequestKind, RequestStatus};
use app::error::{AppError, ErrorKey};
use common::{after_sales_reason, client, demo, fingerprint, paid_order, plain_shopper, spawn};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

/// A paid order of `qty` units of one line for `user`, delivered at
/// `delivered`: (order number, line id).
async fn delivered_order(
    pool: &PgPool,
    user: i64,
    n: usize,
    qty: i32,
    delivered: OffsetDateTime,
) -> (String, i64) {
    let (id, number, _) = paid_order(pool, Some((user, "buyer@after.test")), n).await;
    // The fixture buys one unit; more units of the same line, priced the
    // way the order recorded the first.
    let line: i64 = sqlx::query_scalar(
        "UPDATE order_items SET qty = $2, paid_minor = sale_unit_minor * $2 - discount_minor
          WHERE order_id = $1 RETURNING id",
    )
    .bind(id)
    .bind(qty)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE orders SET status = 'delivered', shipped_at = $2, delivered_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(delivered)
    .execute(pool)
    .await
    .unwrap();
    (number, line)
}

fn opening(user: i64, order: &str, line: i64, qty: i32, reason: i64, key: &str) -> Opening {
    Opening {
        shopper: Shopper::Account(user),
        order_number: order.to_string(),
        kind: RequestKind::ReturnRefund,
        reason_id: reason,
        items: vec![(line, qty)],
        note: String::new(),
        key: key.to_string(),
        exchange_to: None,
        photos: Vec::new(),
    }
}

async fn held(pool: &PgPool, line: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COALESCE(sum(ai.qty), 0)::bigint FROM after_sales_items ai
           JOIN after_sales_requests r ON r.id = ai.request_id
          WHERE ai.order_item_id = $1 AND after_sales_holds(r.kind, r.status)",
    )
    .bind(line)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn twenty_requests_at_once_never_claim_more_than_was_bought(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "race@after.test").await;
    let (order, line) = delivered_order(&pool, u, u as usize, 3, now - Duration::days(1)).await;
    let r = after_sales_reason(&pool, "changed_mind").await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let (pool, order) = (pool.clone(), order.clone());
            tokio::spawn(async move {
                open(
                    &pool,
                    &opening(u, &order, line, 1, r, &format!("race-{i}")),
                    now,
                )
                .await
            })
        })
        .collect();
    let mut opened = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => opened += 1,
            Err(AppError::Conflict(ErrorKey::AfterSalesNothingLeft)) => {}
            Err(e) => panic!("unexpected refusal: {e:?}"),
        }
    }
    assert_eq!(opened, 3, "exactly the units bought were claimed");
    assert_eq!(held(&pool, line).await, 3);
    // Two units at once on top of one: refused, the line is full.
    let again = open(&pool, &opening(u, &order, line, 2, r, "late"), now).await;
    assert_eq!(
        again,
        Err(AppError::Conflict(ErrorKey::AfterSalesNothingLeft))
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn returning_one_of_three_leaves_two_and_the_refund_is_that_units_share(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "one@after.test").await;
    let (order, line) = delivered_order(&pool, u, 1, 3, now - Duration::days(2)).await;
    let r = after_sales_reason(&pool, "changed_mind").await;
    let number = open(&pool, &opening(u, &order, line, 1, r, "k1"), now)
        .await
        .unwrap();
    assert!(number.starts_with("AS"), "{number}");
    let f = form(&pool, Shopper::Account(u), &order, "en", now)
        .await
        .unwrap();
    assert_eq!((f.lines[0].bought, f.lines[0].left), (3, 2));
    // More than is left is refused with the reason, and nothing changes.
    let before = fingerprint(&pool).await;
    assert_eq!(
        open(&pool, &opening(u, &order, line, 3, r, "k2"), now).await,
        Err(AppError::Conflict(ErrorKey::AfterSalesTooMany))
    );
    assert_eq!(fingerprint(&pool).await, before);
    // Change of mind: one unit's share of what the line cost, no shipping.
    let paid: i64 = sqlx::query_scalar("SELECT paid_minor FROM order_items WHERE id = $1")
        .bind(line)
        .fetch_one(&pool)
        .await
        .unwrap();
    let mine = list(&pool, u, now).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, RequestStatus::Requested);
    assert_eq!(mine[0].refund_minor, paid / 3);
    // The merchant's deadline: two days, counted from the injected clock.
    assert_eq!(mine[0].seconds_left, Some(2 * 86_400));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_same_form_sent_twice_opens_one_request(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "twice@after.test").await;
    let (order, line) = delivered_order(&pool, u, 2, 2, now).await;
    let r = after_sales_reason(&pool, "damaged").await;
    let o = opening(u, &order, line, 1, r, "same-key");
    let (a, b) = tokio::join!(open(&pool, &o, now), open(&pool, &o, now));
    assert_eq!(a.unwrap(), b.unwrap());
    assert_eq!(held(&pool, line).await, 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn windows_exclusions_and_other_accounts_are_refused_without_a_trace(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "late@after.test").await;
    let other = plain_shopper(&pool, "other@after.test").await;
    let (order, line) = delivered_order(&pool, u, 3, 1, now - Duration::days(8)).await;
    let mind = after_sales_reason(&pool, "changed_mind").await;
    let fault = after_sales_reason(&pool, "quality").await;
    let before = fingerprint(&pool).await;
    // Eight days after delivery: the 7-day window is closed.
    assert_eq!(
        open(&pool, &opening(u, &order, line, 1, mind, "a"), now).await,
        Err(AppError::Conflict(ErrorKey::AfterSalesWindowClosed))
    );
    // Someone else's order answers as a missing one.
    assert_eq!(
        open(&pool, &opening(other, &order, line, 1, mind, "b"), now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        form(&pool, Shopper::Account(other), &order, "zh-CN", now).await,
        Err(AppError::NotFound)
    );
    // A repair is still inside the warranty.
    let mut repair = opening(u, &order, line, 1, fault, "c");
    repair.kind = RequestKind::Repair;
    assert_eq!(fingerprint(&pool).await, before);
    open(&pool, &repair, now).await.unwrap();
    // A category that refuses change-of-mind returns, with a longer window.
    let (order2, line2) = delivered_order(&pool, u, 4, 1, now - Duration::days(8)).await;
    sqlx::query(
        "UPDATE categories SET return_days = 15, no_change_of_mind = true
          WHERE id = (SELECT p.category_id FROM order_items i JOIN products p ON p.id = i.product_id
                       WHERE i.id = $1)",
    )
    .bind(line2)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        open(&pool, &opening(u, &order2, line2, 1, mind, "d"), now).await,
        Err(AppError::Conflict(ErrorKey::AfterSalesExcluded))
    );
    open(&pool, &opening(u, &order2, line2, 1, fault, "e"), now)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_unshipped_order_takes_only_a_refund_with_its_shipping(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "unsent@after.test").await;
    let (id, order, total) = paid_order(&pool, Some((u, "unsent@after.test")), 5).await;
    let line: i64 = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let mind = after_sales_reason(&pool, "changed_mind").await;
    assert_eq!(
        open(&pool, &opening(u, &order, line, 1, mind, "x"), now).await,
        Err(AppError::Conflict(ErrorKey::AfterSalesNotShipped))
    );
    let mut refund = opening(u, &order, line, 1, mind, "y");
    refund.kind = RequestKind::RefundOnly;
    open(&pool, &refund, now).await.unwrap();
    // Nothing was sent, so the whole order, shipping included, comes back.
    assert_eq!(list(&pool, u, now).await.unwrap()[0].refund_minor, total);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn withdrawing_gives_the_units_back(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "undo@after.test").await;
    let (order, line) = delivered_order(&pool, u, 6, 1, now).await;
    let r = after_sales_reason(&pool, "wrong_size").await;
    let number = open(&pool, &opening(u, &order, line, 1, r, "w1"), now)
        .await
        .unwrap();
    assert_eq!(held(&pool, line).await, 1);
    let other = plain_shopper(&pool, "stranger@after.test").await;
    assert_eq!(
        withdraw(&pool, Shopper::Account(other), &number).await,
        Err(AppError::NotFound)
    );
    withdraw(&pool, Shopper::Account(u), &number).await.unwrap();
    assert_eq!(held(&pool, line).await, 0);
    assert_eq!(
        withdraw(&pool, Shopper::Account(u), &number).await,
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    );
    let mine = list(&pool, u, now).await.unwrap();
    assert_eq!(
        (mine[0].status, mine[0].deadline.clone()),
        (RequestStatus::Withdrawn, None)
    );
    open(&pool, &opening(u, &order, line, 1, r, "w2"), now)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn receipt_confirmed_without_a_delivery_scan_starts_the_window(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "confirmed@after.test").await;
    let mind = after_sales_reason(&pool, "changed_mind").await;
    for (n, days, allowed) in [(8usize, 8, false), (9, 2, true)] {
        let (order, line) = delivered_order(&pool, u, n, 1, now).await;
        // The shopper confirmed receipt straight from "shipped".
        sqlx::query(
            "UPDATE orders SET status = 'completed', delivered_at = NULL, completed_at = $2
              WHERE number = $1",
        )
        .bind(&order)
        .bind(now - Duration::days(days))
        .execute(&pool)
        .await
        .unwrap();
        let got = open(
            &pool,
            &opening(u, &order, line, 1, mind, &format!("c{n}")),
            now,
        )
        .await;
        if allowed {
            got.unwrap();
        } else {
            assert_eq!(
                got,
                Err(AppError::Conflict(ErrorKey::AfterSalesWindowClosed))
            );
        }
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_subcategory_follows_its_parents_window(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "parent@after.test").await;
    let (order, line) = delivered_order(&pool, u, 10, 1, now - Duration::days(10)).await;
    let parent: Option<i64> = sqlx::query_scalar(
        "UPDATE categories SET return_days = 15
          WHERE id = (SELECT c.parent_id FROM order_items i JOIN products p ON p.id = i.product_id
                        JOIN categories c ON c.id = p.category_id WHERE i.id = $1)
          RETURNING id",
    )
    .bind(line)
    .fetch_optional(&pool)
    .await
    .unwrap();
    assert!(parent.is_some(), "the demo product's category has a parent");
    let f = form(&pool, Shopper::Account(u), &order, "en", now)
        .await
        .unwrap();
    assert_eq!(f.lines[0].closed, None, "day 10 of the parent's 15");
    let mind = after_sales_reason(&pool, "changed_mind").await;
    open(&pool, &opening(u, &order, line, 1, mind, "p1"), now)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn offers_never_add_up_to_more_than_is_left_of_the_payment(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "cap@after.test").await;
    let (order, line) = delivered_order(&pool, u, 11, 2, now).await;
    let (order_id, payment_id, paid): (i64, i64, i64) = sqlx::query_as(
        "SELECT o.id, p.id, p.amount_minor FROM orders o JOIN payments p ON p.order_id = o.id
          WHERE o.number = $1",
    )
    .bind(&order)
    .fetch_one(&pool)
    .await
    .unwrap();
    // Staff already gave most of it back: 5.00 is left.
    sqlx::query(
        "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status)
         VALUES ($1, $2, $3, 'goodwill', 'done')",
    )
    .bind(order_id)
    .bind(payment_id)
    .bind(paid - 500)
    .execute(&pool)
    .await
    .unwrap();
    let fault = after_sales_reason(&pool, "damaged").await;
    open(&pool, &opening(u, &order, line, 1, fault, "o1"), now)
        .await
        .unwrap();
    open(&pool, &opening(u, &order, line, 1, fault, "o2"), now)
        .await
        .unwrap();
    let offered: i64 = list(&pool, u, now)
        .await
        .unwrap()
        .iter()
        .map(|r| r.refund_minor)
        .sum();
    assert_eq!(offered, 500);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn collected_cash_on_delivery_is_offered_back_too(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "cod@after.test").await;
    let (order, line) = delivered_order(&pool, u, 12, 2, now).await;
    // As a cash order: no provider payment, the cash recorded as collected.
    sqlx::query(
        "UPDATE orders SET payment_method = 'cod', payment_status = 'cod_collected' WHERE number = $1",
    )
    .bind(&order)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE payments SET provider = 'cod', status = 'pending'
          WHERE order_id = (SELECT id FROM orders WHERE number = $1)",
    )
    .bind(&order)
    .execute(&pool)
    .await
    .unwrap();
    let paid: i64 = sqlx::query_scalar("SELECT paid_minor FROM order_items WHERE id = $1")
        .bind(line)
        .fetch_one(&pool)
        .await
        .unwrap();
    let mind = after_sales_reason(&pool, "changed_mind").await;
    open(&pool, &opening(u, &order, line, 1, mind, "cod1"), now)
        .await
        .unwrap();
    assert_eq!(list(&pool, u, now).await.unwrap()[0].refund_minor, paid / 2);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_database_and_the_state_machine_agree_on_which_requests_hold_units(pool: PgPool) {
    for kind in RequestKind::ALL {
        for status in RequestStatus::ALL {
            let sql: bool = sqlx::query_scalar("SELECT after_sales_holds($1, $2)")
                .bind(kind.as_str())
                .bind(status.as_str())
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!(sql, status.holds(kind), "{kind:?} {status:?}");
        }
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn over_http_only_the_orders_owner_may_ask(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let owner_id = app
        .create_user("owner@after.test", "owner-pass-1", "shopper")
        .await;
    app.create_user("nosy@after.test", "nosy-pass-1", "shopper")
        .await;
    let now = OffsetDateTime::now_utc();
    let (order, line) = delivered_order(&pool, owner_id, 7, 1, now).await;
    let r = after_sales_reason(&pool, "damaged").await.to_string();
    let line = line.to_string();
    let form = [
        ("order", order.as_str()),
        ("line", line.as_str()),
        ("kind", "return_refund"),
        ("reason", r.as_str()),
        ("qty", "1"),
        ("note", "盒子压坏了"),
        ("key", "http-1"),
    ];
    let guest = client();
    assert_eq!(app.post(&guest, "open_after_sales", &form).await.0, 401);
    let nosy = client();
    assert_eq!(
        app.sign_in(&nosy, "nosy@after.test", "nosy-pass-1").await.0,
        200
    );
    assert_eq!(app.post(&nosy, "open_after_sales", &form).await.0, 404);
    let owner = client();
    assert_eq!(
        app.sign_in(&owner, "owner@after.test", "owner-pass-1")
            .await
            .0,
        200
    );
    let mut bad = form;
    bad[2] = ("kind", "steal");
    assert_eq!(app.post(&owner, "open_after_sales", &bad).await.0, 422);
    let (status, body, _) = app.post(&owner, "open_after_sales", &form).await;
    assert_eq!(status, 200, "{body}");
    let number = body.as_str().unwrap().to_string();
    let (status, page) = app
        .get(
            &owner,
            &format!("after_sales_request?number={number}&lang=en"),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["summary"]["status"], "requested");
    assert_eq!(page["note"], "盒子压坏了");
    let (status, _) = app
        .get(
            &nosy,
            &format!("after_sales_request?number={number}&lang=en"),
        )
        .await;
    assert_eq!(status, 404);
}
