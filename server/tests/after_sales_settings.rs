//! After-sales settings against a real database and over real HTTP:
//! auto-approval rules that approve (and pay) a matching new request at
//! once and leave the rest for staff, reasons edited in both languages,
//! the policy's deadlines, and bad input that changes nothing.
use crate::common;
use app::aftersales::db::Shopper;

use app::aftersales::RequestKind;
use app::aftersales::db::{Opening, form, open};
use common::{
    after_sales_reason, demo, fingerprint, paid_order, plain_shopper, spawn, staff_client,
};
use serde_json::{Value, json};
use sqlx::PgPool;
use time::OffsetDateTime;

async fn ask(
    pool: &PgPool,
    user: i64,
    order: &str,
    kind: RequestKind,
    reason: i64,
    key: &str,
) -> String {
    let line: i64 = sqlx::query_scalar(
        "SELECT i.id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = $1",
    )
    .bind(order)
    .fetch_one(pool)
    .await
    .unwrap();
    let o = Opening {
        shopper: Shopper::Account(user),
        order_number: order.to_string(),
        kind,
        reason_id: reason,
        items: vec![(line, 1)],
        note: String::new(),
        key: key.to_string(),
        exchange_to: None,
        photos: Vec::new(),
    };
    open(pool, &o, OffsetDateTime::now_utc()).await.unwrap()
}

async fn request(pool: &PgPool, number: &str) -> (String, Option<i64>) {
    sqlx::query_as("SELECT status, auto_rule_id FROM after_sales_requests WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn rule(kind: &str, level: &str, unshipped: bool) -> Value {
    json!({"rule": {"kind": kind, "max_refund": "", "min_level": level, "reason_id": 0,
                    "unshipped_only": unshipped}})
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_matching_rule_approves_a_new_request_at_once_and_others_wait(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "rules").await;
    let u = plain_shopper(&pool, "rules@settings.test").await;
    let damaged = after_sales_reason(&pool, "damaged").await;
    // Refunds before shipment are approved (and paid) at once.
    let (s, body) = app
        .post_json(
            &ops,
            "admin/after-sales/rule",
            rule("refund_only", "", true),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let unshipped_rule = body.as_i64().unwrap();
    let (_, unsent, _) = paid_order(&pool, Some((u, "rules@settings.test")), 3).await;
    let req = ask(&pool, u, &unsent, RequestKind::RefundOnly, damaged, "a1").await;
    assert_eq!(
        request(&pool, &req).await,
        ("refunded".into(), Some(unshipped_rule))
    );
    let refunded: i64 = sqlx::query_scalar(
        "SELECT COALESCE(sum(r.amount_minor), 0)::bigint FROM refunds r
           JOIN after_sales_requests a ON a.id = r.after_sales_id
          WHERE a.number = $1 AND r.status = 'done'",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(refunded > 0);

    // Returns from gold customers and above: a regular one waits.
    let (s, body) = app
        .post_json(
            &ops,
            "admin/after-sales/rule",
            rule("return_refund", "gold", false),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let gold_rule = body.as_i64().unwrap();
    let (id, sent, _) = paid_order(&pool, Some((u, "rules@settings.test")), 4).await;
    sqlx::query("UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now() WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let waits = ask(&pool, u, &sent, RequestKind::ReturnRefund, damaged, "a2").await;
    assert_eq!(request(&pool, &waits).await, ("requested".into(), None));
    let (s, _) = app
        .post_json(
            &ops,
            "admin/after-sales/refuse",
            json!({"number": waits, "reason": "测试"}),
        )
        .await;
    assert_eq!(s, 200);
    sqlx::query("UPDATE users SET level = 'gold' WHERE id = $1")
        .bind(u)
        .execute(&pool)
        .await
        .unwrap();
    let approved = ask(&pool, u, &sent, RequestKind::ReturnRefund, damaged, "a3").await;
    assert_eq!(
        request(&pool, &approved).await,
        ("approved".into(), Some(gold_rule))
    );

    // A removed rule approves nothing more; it is gone from the settings.
    let (s, _) = app
        .post_json(
            &ops,
            "admin/after-sales/rule/delete",
            json!({"id": gold_rule}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, settings) = app.get(&ops, "admin/after-sales/settings").await;
    assert_eq!(s, 200);
    let ids: Vec<i64> = settings["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![unshipped_rule]);
    // Customer service decides requests but does not set the rules.
    let cs = staff_client(&app, "customer_service", "rules").await;
    assert_eq!(app.get(&cs, "admin/after-sales/settings").await.0, 403);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn reasons_and_policy_are_edited_and_bad_input_changes_nothing(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "reasons").await;
    let u = plain_shopper(&pool, "reasons@settings.test").await;
    let (_, number, _) = paid_order(&pool, Some((u, "reasons@settings.test")), 5).await;

    // Refused, each with its field named, and nothing written.
    let print = fingerprint(&pool).await;
    let bad_reason = json!({"reason": {"id": null, "name_zh": "包装破损", "name_en": "  ",
        "fault": "seller", "photos_required": 9, "active": true, "position": 5}});
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/reason", bad_reason)
        .await;
    assert_eq!(s, 422, "{body}");
    assert!(body.to_string().contains("name_en") && body.to_string().contains("photos_required"));
    let (s, body) = app
        .post_json(&ops, "admin/after-sales/rule", rule("", "", false))
        .await;
    assert_eq!(s, 422, "{body}");
    assert!(
        body.to_string().contains("after_sales_rule_empty"),
        "{body}"
    );
    let (s, _) = app
        .post_json(&ops, "admin/after-sales/rule", rule("steal", "", false))
        .await;
    assert_eq!(s, 422);
    let bad_policy = json!({"policy": {"return_days": 7, "warranty_days": 365, "answer_days": 0,
        "ship_days": 7, "receive_days": 10, "return_address": "仓库"}});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/policy", bad_policy)
            .await
            .0,
        422
    );
    assert_eq!(fingerprint(&pool).await, print);

    // A new reason, in both languages, is offered to shoppers in theirs.
    let new = json!({"reason": {"id": null, "name_zh": "包装破损", "name_en": "Packaging damaged",
        "fault": "seller", "photos_required": 1, "active": true, "position": 5}});
    let (s, body) = app.post_json(&ops, "admin/after-sales/reason", new).await;
    assert_eq!(s, 200, "{body}");
    let id = body.as_i64().unwrap();
    let names = |lang: &'static str| {
        let (pool, number) = (pool.clone(), number.clone());
        async move {
            form(
                &pool,
                Shopper::Account(u),
                &number,
                lang,
                OffsetDateTime::now_utc(),
            )
            .await
            .unwrap()
            .reasons
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names("en").await.first().map(String::as_str),
        Some("Packaging damaged")
    );
    assert_eq!(
        names("zh-CN").await.first().map(String::as_str),
        Some("包装破损")
    );
    // Switched off, it is no longer offered; the others are.
    let off = json!({"reason": {"id": id, "name_zh": "包装破损", "name_en": "Packaging damaged",
        "fault": "change_of_mind", "photos_required": 0, "active": false, "position": 5}});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/reason", off).await.0,
        200
    );
    let en = names("en").await;
    assert!(!en.contains(&"Packaging damaged".to_string()) && !en.is_empty());

    // The policy's answer deadline applies to requests opened after it.
    let policy = json!({"policy": {"return_days": 7, "warranty_days": 365, "answer_days": 5,
        "ship_days": 7, "receive_days": 10, "return_address": "新仓库 · 上海"}});
    assert_eq!(
        app.post_json(&ops, "admin/after-sales/policy", policy)
            .await
            .0,
        200
    );
    let damaged = after_sales_reason(&pool, "damaged").await;
    let req = ask(&pool, u, &number, RequestKind::RefundOnly, damaged, "p1").await;
    let days: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM deadline_at - created_at)::float8 / 86400
           FROM after_sales_requests WHERE number = $1",
    )
    .bind(&req)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!((days - 5.0).abs() < 0.01, "{days}");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('admin/after-sales/policy', 'admin/after-sales/reason')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 3);
}
