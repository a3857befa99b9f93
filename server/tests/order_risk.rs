//! Order risk review against a throwaway database and over real HTTP: a
//! new order is scored by the rules in the transaction that places it; a
//! held order cannot ship (not through the back office, not by any UPDATE:
//! the table refuses it) until the operations manager releases it; a
//! rejected one is cancelled with its money back; the rules are edited with
//! bad input named field by field; every decision is audited.
use crate::common;

use app::orders::OrderStatus;
use app::orders::db::advance;
use common::{demo, fingerprint, paid_order, plain_shopper, spawn, staff_client};
use serde_json::json;
use sqlx::PgPool;

async fn hold(pool: &PgPool, number: &str) -> (String, i32, String) {
    sqlx::query_as("SELECT risk_hold, risk_score, status FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn rules(threshold: i32, burst_orders: i32) -> serde_json::Value {
    json!({"form": {"threshold": threshold.to_string(), "burst_points": "60",
        "burst_orders": burst_orders.to_string(), "burst_minutes": "60", "cod_points": "60",
        "cod_refusals": "2", "refund_points": "40", "refund_percent": "50",
        "refund_min_orders": "2", "email_points": "40",
        "disposable_domains": "mailinator.com\nyopmail.com"}})
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_held_order_cannot_ship(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "risk").await;
    let service = staff_client(&app, "customer_service", "risk").await;
    // A throwaway address alone is enough once the threshold is 40.
    let (s, b) = app.post_json(&ops, "admin/risk/save", rules(40, 5)).await;
    assert_eq!(s, 200, "{b}");
    let u = plain_shopper(&pool, "buyer@mailinator.com").await;
    let (_, number, _) = paid_order(&pool, Some((u, "buyer@mailinator.com")), 4).await;
    assert_eq!(
        hold(&pool, &number).await,
        ("held".into(), 40, "awaiting_shipment".into())
    );
    let reasons: Vec<(String, i32)> =
        sqlx::query_as("SELECT rule, points FROM order_risk_reasons r JOIN orders o ON o.id = r.order_id WHERE o.number = $1")
            .bind(&number)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(reasons, [("disposable_email".to_string(), 40)]);

    // Not through the state machine, and not by any UPDATE at all.
    let mut tx = pool.begin().await.unwrap();
    let e = advance(
        &mut tx,
        &number,
        OrderStatus::Shipped,
        Some("SF"),
        Some("SF1"),
    )
    .await
    .unwrap_err();
    assert_eq!(e.key(), app::error::ErrorKey::OrderHeld);
    tx.rollback().await.unwrap();
    let raw =
        sqlx::query("UPDATE orders SET status = 'shipped', shipped_at = now() WHERE number = $1")
            .bind(&number)
            .execute(&pool)
            .await;
    assert!(
        raw.unwrap_err()
            .to_string()
            .contains("orders_held_cannot_ship")
    );
    let ship = json!({"number": number, "carrier": "顺丰速运", "tracking": "SF1234567890"});
    let (s, b) = app.post_json(&ops, "admin/order/ship", ship.clone()).await;
    assert_eq!(s, 409, "{b}");
    assert!(b.to_string().contains("order_held"), "{b}");
    // The queue lists it; customer service may look but not decide.
    let (s, list) = app.get(&ops, "admin/orders?query[risk]=held").await;
    assert_eq!(s, 200);
    let rows = list["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{list}");
    assert_eq!(rows[0]["number"], number.as_str());
    let before = fingerprint(&pool).await;
    let release = json!({"number": number, "release": true, "reason": ""});
    assert_eq!(
        app.post_json(&service, "admin/order/risk", release.clone())
            .await
            .0,
        403
    );
    assert_eq!(fingerprint(&pool).await, before);

    // Released, it ships; a second release finds nothing held.
    let (s, b) = app
        .post_json(&ops, "admin/order/risk", release.clone())
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        app.post_json(&ops, "admin/order/risk", release).await.0,
        409
    );
    let (s, b) = app.post_json(&ops, "admin/order/ship", ship).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        hold(&pool, &number).await,
        ("released".into(), 40, "shipped".into())
    );
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("SELECT before, after FROM audit_log WHERE action = 'admin/order/risk'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (before["risk_hold"].as_str(), after["risk_hold"].as_str()),
        (Some("held"), Some("released"))
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn rules_are_edited_field_by_field_and_a_rejected_order_is_cancelled_and_refunded(
    pool: PgPool,
) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "rules").await;
    // Bad input is named and changes nothing.
    let before = fingerprint(&pool).await;
    let mut bad = rules(0, 5);
    bad["form"]["burst_minutes"] = json!("一小时");
    bad["form"]["disposable_domains"] = json!("not a domain!");
    let (s, b) = app.post_json(&ops, "admin/risk/save", bad).await;
    assert_eq!(s, 422, "{b}");
    for (field, key) in [
        ("threshold", "number_invalid"),
        ("burst_minutes", "number_invalid"),
        ("disposable_domains", "domain_invalid"),
    ] {
        assert_eq!(common::field_key(&b, field).as_deref(), Some(key), "{b}");
    }
    assert_eq!(fingerprint(&pool).await, before);

    // Three orders to one address within the hour: the third is held once
    // the rule says three, and the burst alone reaches a threshold of 60.
    let (s, b) = app.post_json(&ops, "admin/risk/save", rules(60, 3)).await;
    assert_eq!(s, 200, "{b}");
    let u = plain_shopper(&pool, "family@example.com").await;
    // The fixture gives each order its own address: the first two are
    // moved to the third's before it is placed.
    let mut numbers = Vec::new();
    for n in [7, 8, 9] {
        if n == 9 {
            sqlx::query(
                "UPDATE orders SET ship_to = jsonb_set(ship_to, '{line1}', '\"南京西路 9 号\"')
                  WHERE user_id = $1",
            )
            .bind(u)
            .execute(&pool)
            .await
            .unwrap();
        }
        numbers.push(
            paid_order(&pool, Some((u, "family@example.com")), n)
                .await
                .1,
        );
    }
    let mut holds = Vec::new();
    for n in &numbers {
        holds.push(hold(&pool, n).await.0);
    }
    assert_eq!(holds, ["none", "none", "held"]);
    let held = numbers[2].clone();
    let observed: i32 = sqlx::query_scalar(
        "SELECT observed FROM order_risk_reasons r JOIN orders o ON o.id = r.order_id
          WHERE o.number = $1 AND rule = 'address_burst'",
    )
    .bind(&held)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(observed, 3);

    // Rejecting needs a reason; then the order is cancelled and refunded.
    let (s, b) = app
        .post_json(
            &ops,
            "admin/order/risk",
            json!({"number": held, "release": false, "reason": " "}),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(hold(&pool, &held).await.0, "held");
    let (s, b) = app
        .post_json(
            &ops,
            "admin/order/risk",
            json!({"number": held, "release": false, "reason": "疑似刷单"}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (risk, _, status) = hold(&pool, &held).await;
    assert_eq!((risk.as_str(), status.as_str()), ("rejected", "cancelled"));
    let pay: String = sqlx::query_scalar("SELECT payment_status FROM orders WHERE number = $1")
        .bind(&held)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(pay, "refunded");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('admin/risk/save', 'admin/order/risk')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}
