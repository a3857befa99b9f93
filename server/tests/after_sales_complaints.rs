//! Complaints (投诉) over real HTTP against a throwaway database: a refused
//! request is escalated by its shopper, refused to customer service, and
//! decided once by the operations manager (audited, final), which reopens
//! and pays it exactly once; a dismissed complaint changes nothing; and
//! complaints outside their window, on another's request or without words
//! are refused and write nothing.
use crate::common;

use app::aftersales::RequestKind;
use app::aftersales::db::{Opening, open};
use common::{
    after_sales_reason, after_sales_request, demo, fingerprint, paid_order, spawn, staff_client,
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

async fn user_id(pool: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn status(pool: &PgPool, number: &str) -> (String, Option<String>) {
    sqlx::query_as(
        "SELECT r.status, c.status FROM after_sales_requests r
           LEFT JOIN after_sales_complaints c ON c.request_id = r.id
          WHERE r.number = $1",
    )
    .bind(number)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn refunded(pool: &PgPool, number: &str) -> (i64, i64) {
    sqlx::query_as(
        "SELECT count(*), COALESCE(sum(f.amount_minor), 0)::bigint FROM refunds f
           JOIN after_sales_requests r ON r.id = f.after_sales_id
          WHERE r.number = $1 AND f.status = 'done'",
    )
    .bind(number)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Moves the request's last change of state `days` into the past.
async fn age(pool: &PgPool, number: &str, days: i32) {
    sqlx::query(
        "INSERT INTO after_sales_events (request_id, status, actor, created_at)
         SELECT id, status, 'staff', now() - make_interval(days => $2)
           FROM after_sales_requests WHERE number = $1",
    )
    .bind(number)
    .bind(days)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "DELETE FROM after_sales_events e USING after_sales_requests r
          WHERE e.request_id = r.id AND r.number = $1 AND e.what = 'status'
            AND e.created_at > now() - make_interval(days => $2)",
    )
    .bind(number)
    .bind(days - 1)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refused_request_is_escalated_and_upheld_once_by_a_manager(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let shopper = staff_client(&app, "shopper", "complain").await;
    let uid = user_id(&pool, "shopper@complain.test").await;
    let service = staff_client(&app, "customer_service", "complain").await;
    let ops = staff_client(&app, "operations_manager", "complain").await;
    let (_, order, _) = paid_order(&pool, Some((uid, "shopper@complain.test")), 2).await;
    let line: i64 = sqlx::query_scalar(
        "SELECT i.id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = $1",
    )
    .bind(&order)
    .fetch_one(&pool)
    .await
    .unwrap();
    let opening = Opening {
        shopper: app::aftersales::db::Shopper::Account(uid),
        order_number: order.clone(),
        kind: RequestKind::RefundOnly,
        reason_id: after_sales_reason(&pool, "damaged").await,
        items: vec![(line, 1)],
        note: "外盒压坏".into(),
        key: "c1".into(),
        exchange_to: None,
        photos: Vec::new(),
    };
    let number = open(&pool, &opening, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let (s, b) = app
        .post_json(
            &service,
            "admin/after-sales/refuse",
            json!({"number": number, "reason": "照片看不出破损"}),
        )
        .await;
    assert_eq!(s, 200, "{b}");

    // The shopper complains; sending it twice files one complaint.
    for _ in 0..2 {
        let (s, b, _) = app
            .post(
                &shopper,
                "complain_after_sales",
                &[("number", &number), ("statement", "盒子明显压坏了，见照片")],
            )
            .await;
        assert_eq!(s, 200, "{b}");
    }
    assert_eq!(
        status(&pool, &number).await,
        ("refused".into(), Some("open".into()))
    );
    let (s, queue) = app
        .get(&ops, "admin/after-sales?query[complaint]=open")
        .await;
    assert_eq!(s, 200);
    let rows = queue["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{queue}");
    assert_eq!(rows[0]["number"], number.as_str());
    assert_eq!(rows[0]["complaint"], "open");
    // Customer service sees it but cannot decide it.
    let (s, b) = app
        .get(
            &service,
            &format!("admin/after-sales/request?number={number}&lang=en"),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["complaint"]["statement"], "盒子明显压坏了，见照片");
    let before = fingerprint(&pool).await;
    let decide = json!({"number": number, "upheld": true, "decision": "同意退款"});
    let (s, _) = app
        .post_json(&service, "admin/after-sales/complaint", decide.clone())
        .await;
    assert_eq!(s, 403);
    assert_eq!(fingerprint(&pool).await, before);

    // The operations manager upholds it: reopened, approved and paid.
    let (s, b) = app
        .post_json(&ops, "admin/after-sales/complaint", decide.clone())
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        status(&pool, &number).await,
        ("refunded".into(), Some("upheld".into()))
    );
    let offer: i64 =
        sqlx::query_scalar("SELECT refund_minor FROM after_sales_requests WHERE number = $1")
            .bind(&number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(offer > 0);
    assert_eq!(refunded(&pool, &number).await, (1, offer));

    // Final: neither side can change it, and nothing is paid twice.
    let (s, b) = app
        .post_json(&ops, "admin/after-sales/complaint", decide)
        .await;
    assert_eq!(s, 409, "{b}");
    assert!(b.to_string().contains("after_sales_complaint_final"), "{b}");
    let (s, b, _) = app
        .post(
            &shopper,
            "complain_after_sales",
            &[("number", &number), ("statement", "再投诉")],
        )
        .await;
    assert_eq!(s, 409, "{b}");
    assert_eq!(refunded(&pool, &number).await, (1, offer));

    let timeline: Vec<String> = sqlx::query_scalar(
        "SELECT e.what || ':' || e.status FROM after_sales_events e
           JOIN after_sales_requests r ON r.id = e.request_id
          WHERE r.number = $1 ORDER BY e.id",
    )
    .bind(&number)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        timeline,
        [
            "status:requested",
            "status:refused",
            "complained:refused",
            "complaint_upheld:refused",
            "status:requested",
            "status:approved",
            "status:refunded",
        ],
        "{timeline:?}"
    );
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT before, after FROM audit_log
          WHERE action = 'admin/after-sales/complaint' AND actor_email = 'operations_manager@complain.test'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (before["status"].as_str(), before["complaint"].as_str()),
        (Some("refused"), Some("open"))
    );
    assert_eq!(
        (after["status"].as_str(), after["complaint"].as_str()),
        (Some("refunded"), Some("upheld"))
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn complaints_outside_their_window_or_not_yours_change_nothing(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let shopper = staff_client(&app, "shopper", "window").await;
    let uid = user_id(&pool, "shopper@window.test").await;
    let other = staff_client(&app, "shopper", "other").await;
    let ops = staff_client(&app, "operations_manager", "window").await;
    let (order, _, _) = paid_order(&pool, Some((uid, "shopper@window.test")), 3).await;
    sqlx::query("UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now() WHERE id = $1")
        .bind(order)
        .execute(&pool)
        .await
        .unwrap();
    let refused = after_sales_request(&pool, order, "return_refund", "refused", 0).await;
    let waiting = after_sales_request(&pool, order, "repair", "requested", 0).await;
    let complain = |number: String, words: &'static str| {
        let (app, c) = (&app, &shopper);
        async move {
            app.post(
                c,
                "complain_after_sales",
                &[("number", &number), ("statement", words)],
            )
            .await
        }
    };

    // Refused 16 days ago: too late. The shop had a day: too early to
    // call it stuck.
    age(&pool, &refused, 16).await;
    age(&pool, &waiting, 1).await;
    let before = fingerprint(&pool).await;
    let (s, b, _) = complain(refused.clone(), "太晚了吗").await;
    assert_eq!(s, 409, "{b}");
    assert!(
        b.to_string().contains("after_sales_complaint_closed"),
        "{b}"
    );
    let (s, b, _) = complain(waiting.clone(), "没人理").await;
    assert_eq!(s, 409, "{b}");
    assert!(b.to_string().contains("after_sales_complaint_early"), "{b}");
    // No words; and another shopper's request is not found.
    let (s, b, _) = complain(waiting.clone(), "   ").await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        common::field_key(&b, "statement").as_deref(),
        Some("required")
    );
    let (s, _, _) = app
        .post(
            &other,
            "complain_after_sales",
            &[("number", &waiting), ("statement", "不是我的")],
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(fingerprint(&pool).await, before);

    // Left four days: stuck, so it may be escalated; dismissing changes
    // nothing about the request.
    age(&pool, &waiting, 4).await;
    let (s, b, _) = complain(waiting.clone(), "四天没人处理").await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = app
        .post_json(
            &ops,
            "admin/after-sales/complaint",
            json!({"number": waiting, "upheld": false, "decision": "维修单已排队，请耐心等待"}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        status(&pool, &waiting).await,
        ("requested".into(), Some("dismissed".into()))
    );
    let (s, b) = app
        .get(
            &shopper,
            &format!("after_sales_request?number={waiting}&lang=zh-CN"),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["complaint"]["status"], "dismissed");
    assert_eq!(b["complaint"]["decision"], "维修单已排队，请耐心等待");
    assert!(b["complain_until"].is_null());
    // The open-complaints queue is empty again.
    let (_, queue) = app
        .get(&ops, "admin/after-sales?query[complaint]=open")
        .await;
    assert_eq!(queue["total"], 0, "{queue}");
}
