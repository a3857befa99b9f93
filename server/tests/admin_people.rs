//! The back office's people sections over real HTTP: customer search and
//! what a customer spent, disabling (every session ends at once, audited),
//! points (never below zero; a refused change writes nothing), review
//! moderation and replies as the shop shows them, and search insights.
use crate::common;

use app::text::url_encode;
use common::{TestApp, client, field_key, spawn};
use serde_json::{Value, json};
use sqlx::PgPool;

const PASS: &str = "people-pass-1";

/// A signed-in staff member with `role`: (their id, their client).
async fn staff(app: &TestApp, role: &str) -> (i64, reqwest::Client) {
    let email = format!("{role}@agora.test");
    let id = app.create_user(&email, PASS, role).await;
    let c = client();
    assert_eq!(
        app.sign_in(&c, &email, PASS).await.0,
        200,
        "{role} signs in"
    );
    (id, c)
}

/// (entity, entity_id, before, after) of each audit entry for `action`.
async fn audit(
    pool: &PgPool,
    action: &str,
) -> Vec<(String, Option<String>, Option<Value>, Option<Value>)> {
    sqlx::query_as(
        "SELECT entity, entity_id, before, after FROM audit_log WHERE action = $1 ORDER BY id",
    )
    .bind(action)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// (points balance, ledger entries, points audit entries) of a shopper.
async fn points_state(pool: &PgPool, user: i64) -> (i32, i64, usize) {
    let balance: i32 = sqlx::query_scalar("SELECT points FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(pool)
        .await
        .unwrap();
    let ledger: i64 = sqlx::query_scalar("SELECT count(*) FROM points_ledger WHERE user_id = $1")
        .bind(user)
        .fetch_one(pool)
        .await
        .unwrap();
    (
        balance,
        ledger,
        audit(pool, "admin/customer/points").await.len(),
    )
}

/// A product's published reviews as the shop serves them (to a guest).
async fn public_reviews(app: &TestApp, product: i64) -> Vec<Value> {
    let (s, body) = app
        .get(&client(), &format!("reviews?product_id={product}"))
        .await;
    assert_eq!(s, 200, "{body}");
    body.as_array().unwrap().clone()
}

fn by_id(list: &[Value], id: i64) -> Option<Value> {
    list.iter().find(|r| r["id"] == id).cloned()
}

fn by_query(list: &Value, q: &str) -> Option<Value> {
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["query"] == q)
        .cloned()
}

async fn order(pool: &PgPool, user: i64, number: &str, status: &str, total: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO orders (number, user_id, idempotency_key, status, payment_method, payment_status,
                             currency, list_minor, sale_savings_minor, discount_minor, shipping_minor,
                             total_minor, shipping_method, ship_to)
         VALUES ($1, $2, $1, $3, 'sandbox', 'paid', 'CNY', $4, 0, 0, 0, $4, 'standard', '{}')
         RETURNING id",
    )
    .bind(number)
    .bind(user)
    .bind(status)
    .bind(total)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn customers_are_found_by_name_email_or_phone_and_staff_are_not_customers(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let meimei = app.create_user("meimei@agora.test", PASS, "shopper").await;
    sqlx::query("UPDATE users SET display_name = '韩梅梅', phone = '13900001111' WHERE id = $1")
        .bind(meimei)
        .execute(&pool)
        .await
        .unwrap();
    app.create_user("lilei@agora.test", PASS, "shopper").await;
    let (ops_id, ops) = staff(&app, "operations_manager").await;

    let search = |q: &str| format!("admin/customers?q={}&page=0", url_encode(q));
    for q in ["梅梅", "MEIMEI@AGORA", "139000011"] {
        let (s, body) = app.get(&ops, &search(q)).await;
        assert_eq!(s, 200, "{q}: {body}");
        assert_eq!(body["total"], 1, "{q}: {body}");
        assert_eq!(body["customers"][0]["id"], meimei);
        assert_eq!(body["customers"][0]["display_name"], "韩梅梅");
        assert_eq!(body["customers"][0]["level"], "regular");
        assert_eq!(body["customers"][0]["disabled"], false);
    }
    // Everyone, newest first; staff are not customers; pattern characters are literal.
    let (s, body) = app.get(&ops, "admin/customers?q=&page=0").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["total"], 2);
    assert_eq!(body["customers"][0]["email"], "lilei@agora.test");
    assert_eq!(body["has_more"], false);
    for q in ["operations_manager", "%", "_"] {
        let (_, body) = app.get(&ops, &search(q)).await;
        assert_eq!(body["total"], 0, "{q}: {body}");
    }
    assert_eq!(
        app.get(&ops, &format!("admin/customer?id={ops_id}"))
            .await
            .0,
        404
    );
    assert_eq!(app.get(&ops, "admin/customers?q=&page=-1").await.0, 400);

    // Spent: orders not cancelled, less what was refunded on them.
    let paid = order(&pool, meimei, "20261201-000001", "completed", 10_000).await;
    order(&pool, meimei, "20261201-000002", "cancelled", 5_000).await;
    sqlx::query(
        "INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency, status, refunded_minor)
         VALUES ($1, 'sandbox', 'sbx_people_1', 10000, 'CNY', 'paid', 2000)",
    )
    .bind(paid)
    .execute(&pool)
    .await
    .unwrap();
    let (s, body) = app.get(&ops, &format!("admin/customer?id={meimei}")).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["customer"]["orders"], 2);
    assert_eq!(body["customer"]["spent_minor"], 8_000);
    assert_eq!(body["orders"].as_array().unwrap().len(), 2);
    let (_, body) = app.get(&ops, &search("韩梅梅")).await;
    assert_eq!(body["customers"][0]["spent_minor"], 8_000);

    // Customer service may look; a catalog editor may not.
    let (_, cs) = staff(&app, "customer_service").await;
    assert_eq!(app.get(&cs, &search("梅")).await.0, 200);
    let (_, editor) = staff(&app, "catalog_editor").await;
    assert_eq!(app.get(&editor, &search("梅")).await.0, 403);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn disabling_a_customer_ends_their_sessions_at_once_and_is_audited(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let buyer = app.create_user("buyer@agora.test", PASS, "shopper").await;
    let shopper = client();
    assert_eq!(app.sign_in(&shopper, "buyer@agora.test", PASS).await.0, 200);
    assert_eq!(app.get(&shopper, "my_orders").await.0, 200);
    let sessions: Vec<String> =
        sqlx::query_scalar("SELECT session_id FROM user_sessions WHERE user_id = $1")
            .bind(buyer)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(!sessions.is_empty());

    // Customer service may not; an operations manager may.
    let (_, cs) = staff(&app, "customer_service").await;
    let (s, _) = app
        .post_json(
            &cs,
            "admin/customer/disable",
            json!({"id": buyer, "disabled": true}),
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(app.get(&shopper, "my_orders").await.0, 200);
    assert!(audit(&pool, "admin/customer/disable").await.is_empty());

    let (ops_id, ops) = staff(&app, "operations_manager").await;
    let (s, body) = app
        .post_json(
            &ops,
            "admin/customer/disable",
            json!({"id": buyer, "disabled": true}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(app.get(&shopper, "my_orders").await.0, 401);
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tower_sessions.session WHERE id = ANY($1)")
            .bind(&sessions)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(left, 0, "the stored sessions are gone");
    assert_eq!(
        app.sign_in(&client(), "buyer@agora.test", PASS).await.0,
        401
    );
    let rows = audit(&pool, "admin/customer/disable").await;
    assert_eq!(rows.len(), 1);
    let (entity, entity_id, before, after) = &rows[0];
    assert_eq!(entity, "customer");
    assert_eq!(entity_id.as_deref(), Some(buyer.to_string().as_str()));
    assert_eq!(before.as_ref().unwrap()["disabled"], false);
    assert_eq!(after.as_ref().unwrap()["disabled"], true);
    let (_, body) = app.get(&ops, &format!("admin/customer?id={buyer}")).await;
    assert_eq!(body["customer"]["disabled"], true);

    // Enabled again: a new sign-in works, the old session stays ended.
    let (s, _) = app
        .post_json(
            &ops,
            "admin/customer/disable",
            json!({"id": buyer, "disabled": false}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(app.get(&shopper, "my_orders").await.0, 401);
    let again = client();
    assert_eq!(app.sign_in(&again, "buyer@agora.test", PASS).await.0, 200);
    assert_eq!(app.get(&again, "my_orders").await.0, 200);
    assert_eq!(audit(&pool, "admin/customer/disable").await.len(), 2);

    // Staff accounts are not customers: not found, nothing written.
    let (s, _) = app
        .post_json(
            &ops,
            "admin/customer/disable",
            json!({"id": ops_id, "disabled": true}),
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(app.get(&ops, "admin/customers?q=&page=0").await.0, 200);
    assert_eq!(audit(&pool, "admin/customer/disable").await.len(), 2);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn points_never_go_below_zero_and_a_refused_change_writes_nothing(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let buyer = app.create_user("points@agora.test", PASS, "shopper").await;
    let (ops_id, ops) = staff(&app, "operations_manager").await;
    let points = |delta: i64, reason: &str| json!({"id": buyer, "delta": delta, "reason": reason});

    let (s, body) = app
        .post_json(&ops, "admin/customer/points", points(-5, "扣除"))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "delta").as_deref(), Some("bad_request"));
    let (s, body) = app
        .post_json(&ops, "admin/customer/points", points(0, "  "))
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "delta").as_deref(), Some("required"));
    assert_eq!(field_key(&body, "reason").as_deref(), Some("required"));
    let (s, body) = app
        .post_json(
            &ops,
            "admin/customer/points",
            points(1_000_001, &"长".repeat(201)),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "delta").as_deref(), Some("too_long"));
    assert_eq!(field_key(&body, "reason").as_deref(), Some("too_long"));
    // Customer service may not change points at all.
    let (_, cs) = staff(&app, "customer_service").await;
    let (s, _) = app
        .post_json(&cs, "admin/customer/points", points(5, "x"))
        .await;
    assert_eq!(s, 403);
    assert_eq!(points_state(&pool, buyer).await, (0, 0, 0));

    let (s, body) = app
        .post_json(&ops, "admin/customer/points", points(50, " 生日礼物 "))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body, json!(50));
    let (s, body) = app
        .post_json(&ops, "admin/customer/points", points(-20, "兑换"))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body, json!(30));
    let (s, body) = app
        .post_json(&ops, "admin/customer/points", points(-31, "太多"))
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "delta").as_deref(), Some("bad_request"));
    assert_eq!(points_state(&pool, buyer).await, (30, 2, 2));

    let ledger: Vec<(i32, i32, String, Option<i64>)> = sqlx::query_as(
        "SELECT delta, balance_after, reason, staff_id FROM points_ledger WHERE user_id = $1 ORDER BY id",
    )
    .bind(buyer)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        ledger,
        vec![
            (50, 50, "生日礼物".to_string(), Some(ops_id)),
            (-20, 30, "兑换".to_string(), Some(ops_id)),
        ]
    );
    let rows = audit(&pool, "admin/customer/points").await;
    assert_eq!(rows[0].0, "customer");
    assert_eq!(rows[0].2, Some(json!({"points": 0})));
    assert_eq!(rows[0].3.as_ref().unwrap()["points"], 50);

    let (s, body) = app.get(&ops, &format!("admin/customer?id={buyer}")).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["customer"]["points"], 30);
    assert_eq!(body["ledger"][0]["delta"], -20, "newest first");
    assert_eq!(
        body["ledger"][0]["staff_email"],
        "operations_manager@agora.test"
    );
    assert_eq!(body["ledger"].as_array().unwrap().len(), 2);

    // Levels: only the four, audited.
    let (s, body) = app
        .post_json(
            &ops,
            "admin/customer/level",
            json!({"id": buyer, "level": "platinum", "reason": ""}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "level").as_deref(), Some("required"));
    assert_eq!(
        field_key(&body, "level_reason").as_deref(),
        Some("required")
    );
    assert!(audit(&pool, "admin/customer/level").await.is_empty());
    let (s, _) = app
        .post_json(
            &ops,
            "admin/customer/level",
            json!({"id": buyer, "level": "gold", "reason": "大客户"}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, body) = app.get(&ops, &format!("admin/customer?id={buyer}")).await;
    assert_eq!(
        body["customer"]["level"], "gold",
        "the level follows the floor"
    );
    assert_eq!(body["customer"]["level_floor"], "gold");
    let rows = audit(&pool, "admin/customer/level").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].2,
        Some(json!({"level": "regular", "level_floor": null, "level_floor_reason": null}))
    );
    assert_eq!(
        rows[0].3,
        Some(json!({"level": "gold", "level_floor": "gold", "level_floor_reason": "大客户"}))
    );
    let cause: String = sqlx::query_scalar(
        "SELECT cause FROM member_level_changes WHERE user_id = $1 AND staff_id IS NOT NULL",
    )
    .bind(buyer)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(cause, "floor");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn moderation_and_replies_show_in_the_shop(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool.clone()).await;
    let product: i64 = sqlx::query_scalar(
        "SELECT product_id FROM reviews GROUP BY product_id HAVING count(*) >= 2 ORDER BY product_id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM reviews WHERE product_id = $1 ORDER BY id LIMIT 2")
            .bind(product)
            .fetch_all(&pool)
            .await
            .unwrap();
    let (kept, hidden) = (ids[0], ids[1]);
    let (cs_id, cs) = staff(&app, "customer_service").await;

    // Demo reviews start moderated; these two come back to the queue, as
    // if just written.
    sqlx::query("UPDATE reviews SET moderated_at = NULL WHERE id = ANY($1)")
        .bind(&ids)
        .execute(&pool)
        .await
        .unwrap();
    let queued: i64 = sqlx::query_scalar("SELECT count(*) FROM reviews WHERE moderated_at IS NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (s, body) = app.get(&cs, "admin/reviews?filter=queue&page=0").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["total"], queued);
    assert!(queued >= 2);
    assert_eq!(
        app.get(&cs, "admin/reviews?filter=nope&page=0").await.0,
        400
    );

    // A reply shows under the review, as typed (the page renders it as text).
    let (s, body) = app
        .post_json(
            &cs,
            "admin/review/reply",
            json!({"id": kept, "reply": "  感谢支持！<b>欢迎再来</b>  "}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let list = public_reviews(&app, product).await;
    assert_eq!(
        by_id(&list, kept).unwrap()["reply"],
        "感谢支持！<b>欢迎再来</b>"
    );
    assert_eq!(by_id(&list, hidden).unwrap()["reply"], Value::Null);
    // Too long: refused, nothing changes.
    let (s, body) = app
        .post_json(
            &cs,
            "admin/review/reply",
            json!({"id": kept, "reply": "长".repeat(1001)}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "reply").as_deref(), Some("too_long"));
    assert_eq!(
        by_id(&public_reviews(&app, product).await, kept).unwrap()["reply"],
        "感谢支持！<b>欢迎再来</b>"
    );

    // Hidden: gone from the shop and from the queue, kept under "hidden".
    let (s, body) = app
        .post_json(
            &cs,
            "admin/review/moderate",
            json!({"id": hidden, "status": "hidden"}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let list = public_reviews(&app, product).await;
    assert!(by_id(&list, hidden).is_none());
    assert!(by_id(&list, kept).is_some());
    let (status, by): (String, Option<i64>) =
        sqlx::query_as("SELECT status, moderated_by FROM reviews WHERE id = $1")
            .bind(hidden)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), by), ("hidden", Some(cs_id)));
    let (_, body) = app.get(&cs, "admin/reviews?filter=queue&page=0").await;
    assert_eq!(body["total"], queued - 1);
    let (_, body) = app.get(&cs, "admin/reviews?filter=hidden&page=0").await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["reviews"][0]["id"], hidden);
    assert_eq!(body["reviews"][0]["moderated"], true);

    // Approved: stays in the shop, leaves the queue.
    let (s, _) = app
        .post_json(
            &cs,
            "admin/review/moderate",
            json!({"id": kept, "status": "published"}),
        )
        .await;
    assert_eq!(s, 200);
    assert!(by_id(&public_reviews(&app, product).await, kept).is_some());
    let (_, body) = app.get(&cs, "admin/reviews?filter=queue&page=0").await;
    assert_eq!(body["total"], queued - 2);
    // Not a status at all (refused as it is read); not one a moderator
    // sets; not a review.
    let (s, body) = app
        .post_json(
            &cs,
            "admin/review/moderate",
            json!({"id": kept, "status": "deleted"}),
        )
        .await;
    assert_eq!(s, 400, "{body}");
    let (s, body) = app
        .post_json(
            &cs,
            "admin/review/moderate",
            json!({"id": kept, "status": "pending"}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    let (s, _) = app
        .post_json(
            &cs,
            "admin/review/moderate",
            json!({"id": i64::MAX, "status": "hidden"}),
        )
        .await;
    assert_eq!(s, 404);

    // An empty reply removes it.
    let (s, _) = app
        .post_json(
            &cs,
            "admin/review/reply",
            json!({"id": kept, "reply": "   "}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        by_id(&public_reviews(&app, product).await, kept).unwrap()["reply"],
        Value::Null
    );

    let moderated = audit(&pool, "admin/review/moderate").await;
    assert_eq!(moderated.len(), 2);
    assert_eq!(moderated[0].0, "review");
    assert_eq!(moderated[0].1.as_deref(), Some(hidden.to_string().as_str()));
    assert_eq!(moderated[0].2.as_ref().unwrap()["status"], "published");
    assert_eq!(moderated[0].3.as_ref().unwrap()["status"], "hidden");
    assert_eq!(audit(&pool, "admin/review/reply").await.len(), 2);

    // An operations manager does not moderate reviews.
    let (_, ops) = staff(&app, "operations_manager").await;
    assert_eq!(
        app.get(&ops, "admin/reviews?filter=all&page=0").await.0,
        403
    );
    let (s, _) = app
        .post_json(
            &ops,
            "admin/review/moderate",
            json!({"id": kept, "status": "hidden"}),
        )
        .await;
    assert_eq!(s, 403);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_review_status_the_code_does_not_know_is_an_error(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let app = spawn(pool.clone()).await;
    let (_, cs) = staff(&app, "customer_service").await;
    assert_eq!(app.get(&cs, "admin/reviews?filter=all&page=0").await.0, 200);
    // As if a newer version had stored a status this one predates: the list
    // fails instead of showing it as some other status.
    sqlx::query("ALTER TABLE reviews DROP CONSTRAINT reviews_status_check")
        .execute(&pool)
        .await
        .unwrap();
    // The newest review, so it is on the first page (newest first).
    sqlx::query(
        "UPDATE reviews SET status = 'archived'
          WHERE id = (SELECT id FROM reviews ORDER BY created_at DESC, id DESC LIMIT 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(app.get(&cs, "admin/reviews?filter=all&page=0").await.0, 500);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn insights_count_top_and_zero_result_searches(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    sqlx::query(
        "INSERT INTO search_queries (query, locale, results, created_at) VALUES
            ('羽绒服', 'zh-CN', 12, now()),
            ('羽绒服 ', 'zh-CN', 10, now() - interval '1 day'),
            ('羽绒服', 'zh-CN', 11, now() - interval '2 days'),
            ('Unicorn Socks', 'en', 0, now()),
            ('unicorn socks', 'en', 0, now() - interval '1 hour'),
            ('  UNICORN SOCKS', 'en', 0, now() - interval '3 days'),
            ('teapot', 'en', 0, now() - interval '20 days'),
            ('ancient', 'en', 0, now() - interval '100 days'),
            ('   ', 'en', 0, now())",
    )
    .execute(&pool)
    .await
    .unwrap();
    let (_, ops) = staff(&app, "operations_manager").await;

    let (s, body) = app.get(&ops, "admin/insights?days=7").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["searches"], 6);
    assert_eq!(body["zero_result_searches"], 3);
    let top = by_query(&body["top"], "羽绒服").unwrap();
    assert_eq!(top["searches"], 3);
    assert_eq!(top["avg_results"].as_f64(), Some(11.0));
    let miss = by_query(&body["zero_results"], "unicorn socks").unwrap();
    assert_eq!(miss["searches"], 3);
    assert_eq!(body["zero_results"].as_array().unwrap().len(), 1);
    assert!(by_query(&body["zero_results"], "teapot").is_none());

    let (_, body) = app.get(&ops, "admin/insights?days=30").await;
    assert_eq!(
        by_query(&body["zero_results"], "teapot").unwrap()["searches"],
        1
    );
    let (_, body) = app.get(&ops, "admin/insights?days=90").await;
    assert!(by_query(&body["zero_results"], "ancient").is_none());
    assert!(
        by_query(&body["top"], "").is_none(),
        "blank searches are left out"
    );

    for days in [0, 91, -7] {
        assert_eq!(
            app.get(&ops, &format!("admin/insights?days={days}"))
                .await
                .0,
            400,
            "{days}"
        );
    }
    let (_, cs) = staff(&app, "customer_service").await;
    assert_eq!(app.get(&cs, "admin/insights?days=7").await.0, 403);
}
