//! Orders in the back office over real HTTP: searching, shipping with a
//! carrier and tracking number that the shopper then sees, tracking scans,
//! internal notes the shopper never sees, refunds in part and in full
//! through the sandbox, cancelling, and the state machine refusing moves
//! it does not allow. Also: the dashboard's figures against the orders.
use crate::common;

use common::{TestApp, client, demo, paid_order, spawn, staff_client};
use serde_json::json;
use sqlx::PgPool;

async fn shopper(app: &TestApp) -> (i64, reqwest::Client) {
    let id = app
        .create_user("buyer@orders.test", "buyer-pass-1", "shopper")
        .await;
    let c = client();
    assert_eq!(
        app.sign_in(&c, "buyer@orders.test", "buyer-pass-1").await.0,
        200
    );
    (id, c)
}

async fn payment(pool: &PgPool, number: &str) -> (String, String, i64, i64) {
    sqlx::query_as(
        "SELECT o.payment_status, p.status, p.refunded_minor, s.refunded_minor
           FROM orders o JOIN payments p ON p.order_id = o.id
           JOIN sandbox_charges s ON s.reference = p.provider_ref
          WHERE o.number = $1",
    )
    .bind(number)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn shipping_shows_the_shopper_the_tracking_number(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let (uid, buyer) = shopper(&app).await;
    let (_, number, _) = paid_order(&pool, Some((uid, "buyer@orders.test")), 1).await;
    let ops = staff_client(&app, "operations_manager", "orders").await;

    // Found by number, by customer e-mail, and by status.
    for q in [
        format!("query[q]={number}"),
        "query[q]=buyer%40orders".to_string(),
        "query[status]=awaiting_shipment".to_string(),
    ] {
        let (s, list) = app.get(&ops, &format!("admin/orders?{q}")).await;
        assert_eq!(s, 200, "{list}");
        assert!(
            list["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["number"] == number.as_str()),
            "{q}: {list}"
        );
    }
    let (_, none) = app.get(&ops, "admin/orders?query[status]=cancelled").await;
    assert!(
        none["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["number"] != number.as_str())
    );
    let (s, _) = app.get(&ops, "admin/orders?query[from]=2026-13-45").await;
    assert_eq!(s, 422);

    // Bad shipment input changes nothing.
    let (s, body) = app
        .post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "", "tracking": "<b>"}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        common::field_key(&body, "carrier").as_deref(),
        Some("required")
    );
    assert_eq!(
        common::field_key(&body, "tracking").as_deref(),
        Some("number_invalid")
    );
    // A tracking scan before shipping is refused by the state machine.
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/track",
            json!({"number": number, "location": "", "text": "x"})
        )
        .await
        .0,
        409
    );

    let (s, body) = app
        .post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "顺丰", "tracking": "SF1234567890"}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "SF", "tracking": "SF999999"})
        )
        .await
        .0,
        409,
        "shipped once"
    );
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/track",
            json!({"number": number, "location": "上海转运中心", "text": "已到达"})
        )
        .await
        .0,
        200
    );
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/note",
            json!({"number": number, "body": "仅内部可见的备注"})
        )
        .await
        .0,
        200
    );

    let (s, seen) = app.get(&buyer, &format!("order?number={number}")).await;
    assert_eq!(s, 200, "{seen}");
    assert_eq!(seen["status"], "shipped");
    assert_eq!(seen["carrier"], "顺丰");
    assert_eq!(seen["tracking_number"], "SF1234567890");
    assert_eq!(seen["tracking"][0]["location"], "上海转运中心");
    assert!(
        !seen.to_string().contains("仅内部可见"),
        "notes stay internal"
    );

    let (_, detail) = app.get(&ops, &format!("admin/order?number={number}")).await;
    assert_eq!(detail["notes"][0]["body"], "仅内部可见的备注");
    // A customer-service agent reads the order but cannot ship or refund.
    let cs = staff_client(&app, "customer_service", "orders").await;
    assert_eq!(
        app.get(&cs, &format!("admin/order?number={number}"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.post_json(&cs, "admin/order/deliver", json!({"number": number}))
            .await
            .0,
        403
    );
    assert_eq!(
        app.post_json(&ops, "admin/order/deliver", json!({"number": number}))
            .await
            .0,
        200
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn refunds_in_part_then_in_full_go_through_the_sandbox(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let (_, number, total) = paid_order(&pool, None, 2).await;
    let ops = staff_client(&app, "operations_manager", "refunds").await;
    let refund = |amount: i64| {
        let (app, ops, number) = (&app, &ops, number.clone());
        async move {
            app.post_json(
                ops,
                "admin/order/refund",
                json!({"number": number, "amount_minor": amount, "reason": "质量问题"}),
            )
            .await
        }
    };
    // More than was paid: refused, nothing recorded anywhere.
    let (s, body) = refund(total + 1).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        common::field_key(&body, "amount").as_deref(),
        Some("refund_too_large")
    );
    assert_eq!(
        payment(&pool, &number).await,
        ("paid".into(), "paid".into(), 0, 0)
    );
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM refunds")
            .fetch_one(&pool)
            .await
            .unwrap(),
        0
    );

    assert_eq!(refund(500).await.0, 200);
    assert_eq!(
        payment(&pool, &number).await,
        ("partially_refunded".into(), "paid".into(), 500, 500)
    );
    let (_, detail) = app.get(&ops, &format!("admin/order?number={number}")).await;
    assert_eq!(detail["refundable_minor"], total - 500);
    assert_eq!(refund(total - 500).await.0, 200);
    assert_eq!(
        payment(&pool, &number).await,
        ("refunded".into(), "refunded".into(), total, total)
    );
    assert_eq!(refund(1).await.0, 409, "nothing left to refund");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn cancelling_a_paid_order_refunds_the_rest(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let (_, number, total) = paid_order(&pool, None, 4).await;
    let ops = staff_client(&app, "operations_manager", "cancel").await;
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/refund",
            json!({"number": number, "amount_minor": 300, "reason": "差价"})
        )
        .await
        .0,
        200
    );
    let (s, body) = app
        .post_json(
            &ops,
            "admin/order/cancel",
            json!({"number": number, "reason": ""}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/cancel",
            json!({"number": number, "reason": "顾客要求"})
        )
        .await
        .0,
        200
    );
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders WHERE number = $1")
        .bind(&number)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
    assert_eq!(
        payment(&pool, &number).await,
        ("refunded".into(), "refunded".into(), total, total)
    );
    // The order's refund list has both: the part, then the rest on cancel,
    // each done and signed by the staff member.
    let refunds: Vec<(i64, String, bool)> = sqlx::query_as(
        "SELECT r.amount_minor, r.status, r.staff_id IS NOT NULL FROM refunds r
           JOIN orders o ON o.id = r.order_id WHERE o.number = $1 ORDER BY r.id",
    )
    .bind(&number)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        refunds,
        vec![
            (300, "done".into(), true),
            (total - 300, "done".into(), true)
        ]
    );
    // Cancelled is final.
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/ship",
            json!({"number": number, "carrier": "SF", "tracking": "SF12345"})
        )
        .await
        .0,
        409
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_dashboard_adds_up_the_orders(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let ops = staff_client(&app, "operations_manager", "dash").await;
    let (_, empty) = app.get(&ops, "admin/dashboard").await;
    assert_eq!(empty["today"]["sales"], 0, "{empty}");
    let (_, a, ta) = paid_order(&pool, None, 1).await;
    let (_, _, tb) = paid_order(&pool, None, 2).await;
    let (_, c, _) = paid_order(&pool, None, 3).await;
    // One refunded in part, one cancelled (fully refunded): neither counted in full.
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/refund",
            json!({"number": a, "amount_minor": 100, "reason": "x"})
        )
        .await
        .0,
        200
    );
    assert_eq!(
        app.post_json(
            &ops,
            "admin/order/cancel",
            json!({"number": c, "reason": "x"})
        )
        .await
        .0,
        200
    );
    let (s, d) = app.get(&ops, "admin/dashboard").await;
    assert_eq!(s, 200, "{d}");
    for period in ["today", "month"] {
        let f = &d[period];
        assert_eq!(f["sales"], 2, "{period}: {f}");
        assert_eq!(f["placed"], 3, "{period}: {f}");
        assert_eq!(f["revenue_minor"], ta + tb - 100, "{period}: {f}");
    }
    assert_eq!(d["daily"].as_array().unwrap().len(), 30);
    assert_eq!(d["daily"][29]["revenue_minor"], ta + tb - 100);
    assert_eq!(d["to_ship_count"], 2);
    let statuses = d["by_status"].as_array().unwrap();
    assert!(statuses.contains(&json!(["cancelled", 1])), "{statuses:?}");
    assert!(
        statuses.contains(&json!(["awaiting_shipment", 2])),
        "{statuses:?}"
    );
    assert_eq!(
        d["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["units"].as_i64().unwrap())
            .sum::<i64>(),
        2
    );
    // A catalog editor does not read reports.
    let editor = staff_client(&app, "catalog_editor", "dash").await;
    assert_eq!(app.get(&editor, "admin/dashboard").await.0, 403);
}
