//! After-sales requests moving on against a real database and over real
//! HTTP: deadlines that act by themselves (two runners, a moved clock),
//! returned units restocked exactly once, refunds that never add up to
//! more than was paid however they race, and a refund before shipment
//! taking its units off the order.
use crate::common;

use app::aftersales::db::jobs::{DeadlineReport, run_deadlines_at};
use app::aftersales::db::{Opening, Shopper, open, ship_back};
use app::aftersales::{RequestKind, RequestStatus};
use app::error::{AppError, ErrorKey};
use app::payments::Actor;
use common::{
    TestApp, after_sales_reason, deliver, demo, fingerprint, paid_order, plain_shopper, spawn,
    staff_client,
};
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

/// A paid order of `qty` units of one line, its total, payment and sandbox
/// charge all agreeing: (order id, number, line id, total).
async fn order(pool: &PgPool, user: i64, n: usize, qty: i32) -> (i64, String, i64, i64) {
    let (id, number, _) = paid_order(pool, Some((user, "buyer@flow.test")), n).await;
    let line: i64 = sqlx::query_scalar(
        "UPDATE order_items SET qty = $2, paid_minor = sale_unit_minor * $2 - discount_minor
          WHERE order_id = $1 RETURNING id",
    )
    .bind(id)
    .bind(qty)
    .fetch_one(pool)
    .await
    .unwrap();
    let total: i64 = sqlx::query_scalar(
        "WITH o AS (UPDATE orders SET total_minor = shipping_minor
                        + (SELECT sum(paid_minor) FROM order_items WHERE order_id = $1)
                     WHERE id = $1 RETURNING total_minor),
              p AS (UPDATE payments SET amount_minor = (SELECT total_minor FROM o)
                     WHERE order_id = $1 RETURNING provider_ref)
         UPDATE sandbox_charges SET amount_minor = (SELECT total_minor FROM o)
          WHERE reference IN (SELECT provider_ref FROM p) RETURNING amount_minor",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    (id, number, line, total)
}

static KEYS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[allow(clippy::too_many_arguments)]
async fn ask(
    pool: &PgPool,
    user: i64,
    order: &str,
    line: i64,
    qty: i32,
    kind: RequestKind,
    reason: i64,
    now: OffsetDateTime,
) -> String {
    // An exchange names another variant of the product, in stock.
    let exchange_to: Option<i64> = match kind {
        RequestKind::Exchange => sqlx::query_scalar(
            "UPDATE product_variants SET stock = GREATEST(stock, 5)
              WHERE id = (SELECT w.id FROM order_items i JOIN product_variants w
                             ON w.product_id = i.product_id AND w.id <> i.variant_id
                          WHERE i.id = $1 ORDER BY w.id LIMIT 1)
             RETURNING id",
        )
        .bind(line)
        .fetch_optional(pool)
        .await
        .unwrap(),
        _ => None,
    };
    let o = Opening {
        shopper: Shopper::Account(user),
        order_number: order.to_string(),
        kind,
        reason_id: reason,
        items: vec![(line, qty)],
        note: "测试".into(),
        // A new form each time (the same key would find the same request).
        key: format!(
            "{order}-{}",
            KEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ),
        exchange_to,
        photos: Vec::new(),
    };
    open(pool, &o, now).await.unwrap()
}

async fn status(pool: &PgPool, number: &str) -> RequestStatus {
    let s: String = sqlx::query_scalar("SELECT status FROM after_sales_requests WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap();
    RequestStatus::parse(&s).unwrap()
}

async fn count(pool: &PgPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn stock(pool: &PgPool, line: i64) -> i32 {
    sqlx::query_scalar(
        "SELECT v.stock FROM product_variants v JOIN order_items i ON i.variant_id = v.id
          WHERE i.id = $1",
    )
    .bind(line)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_deadline_acts_exactly_once_with_two_runners(pool: PgPool) {
    demo(&pool).await;
    let t0 = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "deadline@flow.test").await;
    let damaged = after_sales_reason(&pool, "damaged").await;
    // Three requests, one in each state whose deadline acts.
    let mut numbers = Vec::new();
    for n in 0..3 {
        let (id, number, line, _) = order(&pool, u, 20 + n, 1).await;
        deliver(&pool, id, t0 - Duration::days(1)).await;
        numbers.push(
            ask(
                &pool,
                u,
                &number,
                line,
                1,
                RequestKind::ReturnRefund,
                damaged,
                t0,
            )
            .await,
        );
    }
    let (waiting, unshipped, shipped) = (&numbers[0], &numbers[1], &numbers[2]);
    // The second and third are approved by staff at t0; the third is sent.
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "deadline").await;
    let (s, b) = app
        .post_json(
            &ops,
            "admin/after-sales/approve",
            json!({"numbers": [unshipped, shipped], "goodwill_minor": 0, "goodwill_reason": ""}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["approved"].as_array().unwrap().len(), 2, "{b}");
    ship_back(
        &pool,
        Shopper::Account(u),
        shipped,
        "SF",
        "SF100200300",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    // Before any deadline: nothing happens.
    let none = run_deadlines_at(&pool, t0 + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(none, DeadlineReport::default());
    // Eleven days on, by the clock handed in: every deadline has passed.
    // Two runners at once act on each request once between them.
    let later = OffsetDateTime::now_utc() + Duration::days(11);
    let (a, b) = tokio::join!(
        run_deadlines_at(&pool, later),
        run_deadlines_at(&pool, later)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.approved + b.approved, 1, "{a:?} {b:?}");
    assert_eq!(a.closed + b.closed, 1, "{a:?} {b:?}");
    assert_eq!(a.received + b.received, 1, "{a:?} {b:?}");
    assert_eq!(status(&pool, waiting).await, RequestStatus::Approved);
    assert_eq!(status(&pool, unshipped).await, RequestStatus::Withdrawn);
    assert_eq!(status(&pool, shipped).await, RequestStatus::Refunded);
    for (n, st) in [
        (waiting, "approved"),
        (unshipped, "withdrawn"),
        (shipped, "refunded"),
    ] {
        let events = count(
            &pool,
            &format!(
                "SELECT count(*) FROM after_sales_events e JOIN after_sales_requests r
                   ON r.id = e.request_id WHERE r.number = $1 AND e.status = '{st}'"
            ),
            n,
        )
        .await;
        assert_eq!(events, 1, "{n} {st}");
    }
    // The auto-received return was paid once, through the provider.
    let paid = count(
        &pool,
        "SELECT count(*) FROM refunds f JOIN after_sales_requests r ON r.id = f.after_sales_id
          WHERE r.number = $1 AND f.status = 'done'",
        shipped,
    )
    .await;
    assert_eq!(paid, 1);
    // The auto-approved return now waits for the shopper, from `later`:
    // seven days more closes it, and a second pass finds nothing to do.
    let again = run_deadlines_at(&pool, later).await.unwrap();
    assert_eq!(again, DeadlineReport::default());
    let closed = run_deadlines_at(&pool, later + Duration::days(7))
        .await
        .unwrap();
    assert_eq!(closed.closed, 1);
    assert_eq!(status(&pool, waiting).await, RequestStatus::Withdrawn);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_received_return_goes_back_to_stock_exactly_once(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "restock@flow.test").await;
    let (id, number, line, total) = order(&pool, u, 30, 2).await;
    deliver(&pool, id, now - Duration::days(1)).await;
    let mind = after_sales_reason(&pool, "changed_mind").await;
    let req = ask(
        &pool,
        u,
        &number,
        line,
        1,
        RequestKind::ReturnRefund,
        mind,
        now,
    )
    .await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "restock").await;
    let approve = json!({"numbers": [req], "goodwill_minor": 0, "goodwill_reason": ""});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/approve", approve)
            .await
            .0,
        200
    );
    // Receiving before the shopper has sent anything is refused.
    let inspection = json!({"number": req, "goodwill_minor": 0, "goodwill_reason": "",
        "lines": [{"order_item_id": line, "restocked": 1, "damaged": 0, "scrapped": 0}]});
    let (s, _) = app
        .post_json(&ops, "admin/after-sales/receive", inspection.clone())
        .await;
    assert_eq!(s, 409);
    // A bad tracking number is refused with the field named.
    assert_eq!(
        ship_back(&pool, Shopper::Account(u), &req, "SF", "<x>", now).await,
        Err(AppError::Validation(vec![app::error::FieldError::new(
            "tracking",
            ErrorKey::NumberInvalid
        )]))
    );
    ship_back(
        &pool,
        Shopper::Account(u),
        &req,
        "顺丰",
        "SF1234567890",
        now,
    )
    .await
    .unwrap();
    let before = stock(&pool, line).await;
    // Units that do not add up are refused and change nothing.
    let wrong = json!({"number": req, "goodwill_minor": 0, "goodwill_reason": "",
        "lines": [{"order_item_id": line, "restocked": 1, "damaged": 1, "scrapped": 0}]});
    let print = fingerprint(&pool).await;
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/receive", wrong)
            .await
            .0,
        422
    );
    assert_eq!(fingerprint(&pool).await, print);
    // Two members of staff confirm at once: one wins.
    let (a, b) = tokio::join!(
        app.post_json(&ops, "admin/after-sales/receive", inspection.clone()),
        app.post_json(&ops, "admin/after-sales/receive", inspection.clone()),
    );
    let mut codes = [a.0, b.0];
    codes.sort();
    assert_eq!(codes, [200, 409], "{a:?} {b:?}");
    assert_eq!(stock(&pool, line).await, before + 1);
    let moves = count(
        &pool,
        "SELECT count(*) FROM stock_movements WHERE reason = 'returned' AND note = $1",
        &req,
    )
    .await;
    assert_eq!(moves, 1);
    assert_eq!(status(&pool, &req).await, RequestStatus::Refunded);
    // The refund is one unit's share, no shipping (change of mind), and
    // the shopper's order shows it.
    let (refunded, paid_back): (i64, i64) = sqlx::query_as(
        "SELECT r.refunded_minor, p.refunded_minor FROM after_sales_requests r
           JOIN payments p ON p.order_id = r.order_id WHERE r.number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(refunded > 0 && refunded < total, "{refunded} of {total}");
    assert_eq!(paid_back, refunded);
    let pay: String = sqlx::query_scalar("SELECT payment_status FROM orders WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(pay, "partially_refunded");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_cancel_a_staff_refund_and_an_after_sales_refund_never_pay_more_than_was_paid(
    pool: PgPool,
) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "race@flow.test").await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "race").await;
    let unsent = after_sales_reason(&pool, "not_received").await;
    for n in 0..6 {
        let (id, number, line, total) = order(&pool, u, 40 + n, 2).await;
        let req = ask(
            &pool,
            u,
            &number,
            line,
            1,
            RequestKind::RefundOnly,
            unsent,
            now,
        )
        .await;
        let staff_amount = total / 2 + 1;
        let (cancel, refund, approve) = tokio::join!(
            app::orders::db::cancel(&pool, id, Actor::Shopper, "changed plans"),
            app.post_json(
                &ops,
                "admin/order/refund",
                json!({"number": number, "amount_minor": staff_amount, "reason": "补偿"})
            ),
            app.post_json(
                &ops,
                "admin/after-sales/approve",
                json!({"numbers": [req], "goodwill_minor": 0, "goodwill_reason": ""})
            ),
        );
        assert!(
            matches!(cancel, Ok(()) | Err(AppError::Conflict(_))),
            "{cancel:?}"
        );
        assert!([200, 409, 422].contains(&refund.0), "{refund:?}");
        assert!([200, 409].contains(&approve.0), "{approve:?}");
        app::orders::db::run_jobs_at(&pool, jobs(), now + Duration::minutes(5))
            .await
            .unwrap();
        let (asked, sent): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(sum(amount_minor) FILTER (WHERE status <> 'failed'), 0)::bigint,
                    (SELECT COALESCE(sum(s.amount_minor), 0)::bigint FROM sandbox_refunds s
                       JOIN payments p ON p.provider_ref = s.reference WHERE p.order_id = $1)
               FROM refunds WHERE order_id = $1",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(asked <= total, "order {n}: {asked} asked of {total}");
        assert!(sent <= total, "order {n}: {sent} sent of {total}");
    }
}

fn jobs() -> app::orders::db::JobConfig {
    app::orders::db::JobConfig {
        unpaid_after: std::time::Duration::from_secs(1800),
        confirm_after: std::time::Duration::from_secs(7 * 86_400),
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refund_before_shipment_takes_its_units_off_the_order(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "unsent@flow.test").await;
    let (id, number, line, total) = order(&pool, u, 50, 2).await;
    let unsent = after_sales_reason(&pool, "not_received").await;
    let start = stock(&pool, line).await;
    let first = ask(
        &pool,
        u,
        &number,
        line,
        1,
        RequestKind::RefundOnly,
        unsent,
        now,
    )
    .await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "unsent").await;
    // While it is open the order cannot ship: the goods would leave after
    // the money.
    let (s, b) = app
        .post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "SF", "tracking": "SF1234567890"}),
        )
        .await;
    assert_eq!(s, 409, "{b}");
    let approve = |n: &str| json!({"numbers": [n], "goodwill_minor": 0, "goodwill_reason": ""});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/approve", approve(&first))
            .await
            .0,
        200
    );
    assert_eq!(status(&pool, &first).await, RequestStatus::Refunded);
    assert_eq!(stock(&pool, line).await, start + 1);
    let (order_status, cancelled): (String, i32) = sqlx::query_as(
        "SELECT o.status, i.cancelled_qty FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE i.id = $1",
    )
    .bind(line)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((order_status.as_str(), cancelled), ("awaiting_shipment", 1));
    // The last unit too: nothing is left to send, so the order is
    // cancelled; stock comes back once per unit, and all the money.
    let second = ask(
        &pool,
        u,
        &number,
        line,
        1,
        RequestKind::RefundOnly,
        unsent,
        now,
    )
    .await;
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/approve", approve(&second))
            .await
            .0,
        200
    );
    assert_eq!(stock(&pool, line).await, start + 2);
    let (order_status, pay, refunded): (String, String, i64) = sqlx::query_as(
        "SELECT o.status, o.payment_status, p.refunded_minor FROM orders o
           JOIN payments p ON p.order_id = o.id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(order_status, "cancelled");
    assert_eq!(pay, "refunded");
    assert_eq!(refunded, total);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_decisions_are_checked_and_the_shopper_sees_them(pool: PgPool) {
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let u = plain_shopper(&pool, "decide@flow.test").await;
    let (id, number, line, _) = order(&pool, u, 60, 1).await;
    deliver(&pool, id, now - Duration::days(1)).await;
    let damaged = after_sales_reason(&pool, "damaged").await;
    let req = ask(
        &pool,
        u,
        &number,
        line,
        1,
        RequestKind::Exchange,
        damaged,
        now,
    )
    .await;
    let app: TestApp = spawn(pool.clone()).await;
    let cs = staff_client(&app, "customer_service", "decide").await;
    // A refusal needs a reason; extending works once.
    let (s, _) = app
        .post_json(
            &cs,
            "admin/after-sales/refuse",
            json!({"number": req, "reason": "  "}),
        )
        .await;
    assert_eq!(s, 422);
    let extend = json!({"number": req, "reason": "节假日"});
    assert_eq!(
        app.post_json(&cs, "admin/after-sales/extend", extend.clone())
            .await
            .0,
        200
    );
    let (s, b) = app.post_json(&cs, "admin/after-sales/extend", extend).await;
    assert_eq!(s, 409, "{b}");
    let left: i64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM deadline_at - $2::timestamptz)::bigint
           FROM after_sales_requests WHERE number = $1",
    )
    .bind(&req)
    .bind(now)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(left, 4 * 86_400, "two days, extended by two");
    // Customer service may not add goodwill money (order.refund).
    let (s, _) = app
        .post_json(
            &cs,
            "admin/after-sales/approve",
            json!({"numbers": [req], "goodwill_minor": 500, "goodwill_reason": "抱歉"}),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = app
        .post_json(
            &cs,
            "admin/after-sales/refuse",
            json!({"number": req, "reason": "照片不清楚"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, q) = app
        .get(
            &cs,
            "admin/after-sales?query[status]=refused&query[kind]=&query[due]=",
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(q["total"], 1, "{q}");
    let mine = app::aftersales::db::detail(&pool, Shopper::Account(u), &req, "zh-CN", now)
        .await
        .unwrap();
    assert_eq!(mine.summary.status, RequestStatus::Refused);
    assert!(mine.events.iter().any(|e| e.note == "照片不清楚"));
    assert!(mine.events.iter().any(|e| e.what == "extended"));
}

/// The after-sales messages written for `request`'s e-mail, in order.
async fn told(pool: &PgPool, request: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT event FROM outbox WHERE key LIKE 'after_sales:' || $1 || ':%:email' ORDER BY id",
    )
    .bind(request)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_state_reaches_the_shopper_once_with_a_reminder_before_the_deadline(pool: PgPool) {
    use app::aftersales::db::jobs::{WARN_BEFORE, warn_deadlines_at};
    demo(&pool).await;
    let now = OffsetDateTime::now_utc();
    let app = spawn(pool.clone()).await;
    let u = app
        .create_user("told@flow.test", "Passw0rd-1", "shopper")
        .await;
    let (id, number, line, _) = order(&pool, u, 40, 1).await;
    deliver(&pool, id, now - Duration::days(1)).await;
    let damaged = after_sales_reason(&pool, "damaged").await;
    let req = ask(
        &pool,
        u,
        &number,
        line,
        1,
        RequestKind::ReturnRefund,
        damaged,
        now,
    )
    .await;
    assert_eq!(told(&pool, &req).await, ["after_sales_requested"]);

    let ops = staff_client(&app, "operations_manager", "told").await;
    let approve = json!({"numbers": [req], "goodwill_minor": 0, "goodwill_reason": ""});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/approve", approve)
            .await
            .0,
        200
    );
    assert_eq!(
        told(&pool, &req).await,
        ["after_sales_requested", "after_sales_approved"]
    );

    // The reminder: not before its window, once within it (two runners,
    // and again on the next pass), by the clock handed in.
    let deadline: OffsetDateTime =
        sqlx::query_scalar("SELECT deadline_at FROM after_sales_requests WHERE number = $1")
            .bind(&req)
            .fetch_one(&pool)
            .await
            .unwrap();
    let early = deadline - WARN_BEFORE - Duration::hours(1);
    assert_eq!(warn_deadlines_at(&pool, early).await.unwrap(), 0);
    let within = deadline - WARN_BEFORE + Duration::hours(1);
    let (a, b) = tokio::join!(
        warn_deadlines_at(&pool, within),
        warn_deadlines_at(&pool, within)
    );
    assert!(a.unwrap() + b.unwrap() >= 1);
    assert_eq!(warn_deadlines_at(&pool, within).await.unwrap(), 0);
    ship_back(
        &pool,
        Shopper::Account(u),
        &req,
        "顺丰",
        "SF5556667778",
        now,
    )
    .await
    .unwrap();
    // Past the shop's deadline to confirm: received and refunded by the job.
    run_deadlines_at(&pool, now + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(
        told(&pool, &req).await,
        [
            "after_sales_requested",
            "after_sales_approved",
            "after_sales_deadline",
            "after_sales_buyer_shipped",
            "after_sales_received",
            "after_sales_refunded",
        ]
    );
    // Each in the inbox too, linking to the request's page, in the
    // shopper's language.
    let c = common::client();
    assert_eq!(app.sign_in(&c, "told@flow.test", "Passw0rd-1").await.0, 200);
    let sink = agora_server::mail_sink::start(0, None, agora_server::mail_sink::Refuse::Never)
        .await
        .unwrap();
    let mailer = crate::notifications::mailer(&pool, &sink).await;
    app::server::outbox::run_due(&pool, &mailer, now, 100)
        .await
        .unwrap();
    let (status, inbox) = app.get(&c, "inbox?tab=after_sales&lang=zh-CN").await;
    assert_eq!(status, 200, "{inbox}");
    let items = inbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 6, "{inbox}");
    assert_eq!(items[0]["href"], format!("/after-sales/{req}"));
    assert!(
        items[0]["title"].as_str().unwrap().contains(&req),
        "{inbox}"
    );
    let reminder = sink
        .received()
        .into_iter()
        .map(|m| crate::notifications::read(&m))
        .find(|(subject, _)| subject.starts_with("提醒"))
        .expect("the reminder was mailed");
    assert!(reminder.0.contains(&req), "{reminder:?}");
    assert!(
        reminder
            .1
            .contains(&format!("https://shop.test/after-sales/{req}")),
        "{reminder:?}"
    );
}
