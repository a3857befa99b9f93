//! The back office's points rules editor (issue 19, "edit points rules")
//! over HTTP: wrong input is refused field by field and changes nothing; a
//! good save adds an audited version that new grants use, while saving the
//! rules in force adds nothing.
use crate::common::{demo, field_key, paid_order, plain_shopper, spawn, staff_client};
use serde_json::{Value, json};
use sqlx::PgPool;

fn form(earn: &str, expire: &str, warn: &str) -> Value {
    json!({"form": {"earn_per_unit": earn, "expire_days": expire, "warn_days": warn,
                    "redeem_minor_per_point": "1", "redeem_min": "100", "redeem_max_pct": "50"}})
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_add_points_rule_versions_that_new_grants_use(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "points-rules").await;
    let versions = "SELECT count(*) FROM points_rules";
    let audits = "SELECT count(*) FROM audit_log WHERE action = 'admin/loyalty/points-rules'";

    // A warning not before expiry, and an earning rate that is no number.
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/points-rules", form("2", "60", "60"))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "warn_days").as_deref(),
        Some("points_warn_after_expiry")
    );
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/points-rules", form("abc", "20", "14"))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "earn_per_unit").as_deref(),
        Some("number_invalid")
    );
    assert_eq!(
        field_key(&body, "expire_days").as_deref(),
        Some("number_invalid")
    );
    assert_eq!(
        (count(&pool, versions).await, count(&pool, audits).await),
        (1, 0)
    );

    let (s, body) = app
        .post_json(&ops, "admin/loyalty/points-rules", form("3", "180", "14"))
        .await;
    assert_eq!((s, &body), (200, &json!(true)));
    assert_eq!(
        (count(&pool, versions).await, count(&pool, audits).await),
        (2, 1)
    );
    // The same rules again add nothing.
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/points-rules", form("3", "180", "14"))
        .await;
    assert_eq!((s, &body), (200, &json!(false)));
    assert_eq!(
        (count(&pool, versions).await, count(&pool, audits).await),
        (2, 1)
    );

    let (s, list) = app.get(&ops, "admin/loyalty/points").await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list[0]["terms"]["earn_per_unit"], 3);
    assert_eq!(list[0]["terms"]["expire_days"], 180);
    assert!(list[0]["staff"].is_string(), "{list}");
    assert_eq!(list[1]["terms"]["earn_per_unit"], 1);
    assert!(list[1]["staff"].is_null());

    // A shopper's next order earns at 3 points a yuan, under the new version.
    let shopper = plain_shopper(&pool, "rules@agora.test").await;
    paid_order(&pool, Some((shopper, "rules@agora.test")), 0).await;
    let (rule, points, paid): (i64, i32, i64) = sqlx::query_as(
        "SELECT l.rule_id, l.points, i.paid_minor FROM points_lots l
           JOIN order_items i ON i.id = l.order_item_id WHERE l.user_id = $1",
    )
    .bind(shopper)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(rule, list[0]["id"].as_i64().unwrap());
    assert_eq!(i64::from(points), paid / 100 * 3);

    // A signed-in shopper may not read or change the rules.
    let shopper_client = crate::common::client();
    app.create_user("plain@rules.test", "shopper-pass-1", "shopper")
        .await;
    app.sign_in(&shopper_client, "plain@rules.test", "shopper-pass-1")
        .await;
    let (s, _) = app.get(&shopper_client, "admin/loyalty/points").await;
    assert_eq!(s, 403);
    let (s, _) = app
        .post_json(
            &shopper_client,
            "admin/loyalty/points-rules",
            form("9", "180", "14"),
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(count(&pool, versions).await, 2);
}
