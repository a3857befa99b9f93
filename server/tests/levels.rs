//! Member levels (issue 19, third part) against a real database: a level
//! is reached after a qualifying order and lost at once after its refund
//! (no grace for buying and returning); one that old orders leaving the
//! window take away is kept through the grace period, on the moved clock;
//! two job runners change it once; a level's points bonus is on the grant.
use crate::common::{after_sales_request, demo, paid_order, plain_shopper};
use app::loyalty::db::{level_summary, run_jobs_at, run_levels_at};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

/// What the order's lines were paid, for goods.
async fn goods_paid(pool: &PgPool, order_id: i64) -> i64 {
    sqlx::query_scalar("SELECT sum(paid_minor)::bigint FROM order_items WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Silver from `silver` minor units over the window, gold and VIP far above.
async fn silver_from(pool: &PgPool, silver: i64) {
    sqlx::query(
        "UPDATE member_levels SET threshold_minor = CASE level
             WHEN 'silver' THEN $1 WHEN 'gold' THEN $1 * 100 WHEN 'vip' THEN $1 * 1000
             ELSE 0 END",
    )
    .bind(silver)
    .execute(pool)
    .await
    .unwrap();
}

async fn level(pool: &PgPool, user: i64) -> String {
    sqlx::query_scalar("SELECT level FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// (from, to, cause) of each level change, oldest first.
async fn changes(pool: &PgPool, user: i64) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT from_level, to_level, cause FROM member_level_changes
          WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(pool)
    .await
    .unwrap()
}

fn change(from: &str, to: &str, cause: &str) -> (String, String, String) {
    (from.into(), to.into(), cause.into())
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_level_follows_a_qualifying_order_and_its_refund(pool: PgPool) {
    demo(&pool).await;
    let email = "level@loyalty.test";
    let u = plain_shopper(&pool, email).await;
    let (order_id, _, _) = paid_order(&pool, Some((u, email)), 2).await;
    let paid = goods_paid(&pool, order_id).await;
    assert!(paid >= 200, "a whole yuan or more");
    silver_from(&pool, paid).await;
    let now = OffsetDateTime::now_utc();
    let s = level_summary(&pool, u, now).await.unwrap();
    assert_eq!(
        s.level,
        app::loyalty::levels::MemberLevel::Regular,
        "until the job runs"
    );
    assert_eq!(s.progress, Some((paid, paid)), "silver reached");

    // Two runners at once: one change.
    let (a, b) = tokio::join!(run_levels_at(&pool, now), run_levels_at(&pool, now));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(level(&pool, u).await, "silver");
    assert_eq!(
        changes(&pool, u).await,
        vec![change("regular", "silver", "reached")]
    );
    let s = level_summary(&pool, u, now).await.unwrap();
    assert_eq!(s.progress, Some((paid, paid * 100)), "on the way to gold");
    assert!(s.zh.name.contains("白银"), "{}", s.zh.name);
    assert!(s.en.points.contains("120%"), "{}", s.en.points);
    assert_eq!(s.zh.kept, None);

    // Silver earns 120% of the rule's points on the next order.
    let (second, _, _) = paid_order(&pool, Some((u, email)), 3).await;
    let (points, pct, paid2): (i32, i32, i64) = sqlx::query_as(
        "SELECT l.points, l.level_pct, i.paid_minor FROM points_lots l
           JOIN order_items i ON i.id = l.order_item_id WHERE i.order_id = $1",
    )
    .bind(second)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(pct, 120);
    assert_eq!(i64::from(points), paid2 / 100 * 120 / 100);
    sqlx::query("UPDATE orders SET status = 'cancelled' WHERE id = $1")
        .bind(second)
        .execute(&pool)
        .await
        .unwrap();

    // The first order refunded whole: the level goes at once, grace or not.
    // (The job's next round: a round works each shopper out once.)
    after_sales_request(&pool, order_id, "refund_only", "refunded", paid).await;
    run_levels_at(&pool, now + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(level(&pool, u).await, "regular");
    assert_eq!(
        changes(&pool, u).await,
        vec![
            change("regular", "silver", "reached"),
            change("silver", "regular", "refunded")
        ]
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_level_old_orders_no_longer_reach_is_kept_through_the_grace_period(pool: PgPool) {
    demo(&pool).await;
    let email = "aging@loyalty.test";
    let u = plain_shopper(&pool, email).await;
    let (order_id, _, _) = paid_order(&pool, Some((u, email)), 4).await;
    silver_from(&pool, goods_paid(&pool, order_id).await).await;
    let t0 = OffsetDateTime::now_utc();
    run_levels_at(&pool, t0).await.unwrap();
    assert_eq!(level(&pool, u).await, "silver");

    // A year and a day later the order has left the window: 30 days' grace.
    let aged = t0 + Duration::days(366);
    assert_eq!(run_levels_at(&pool, aged).await.unwrap(), 0);
    assert_eq!(level(&pool, u).await, "silver");
    let s = level_summary(&pool, u, aged).await.unwrap();
    assert!(s.zh.kept.is_some() && s.en.kept.is_some(), "{s:?}");
    assert_eq!(
        run_levels_at(&pool, aged + Duration::days(29))
            .await
            .unwrap(),
        0
    );
    assert_eq!(level(&pool, u).await, "silver", "still in grace");
    assert_eq!(
        run_jobs_at(&pool, aged + Duration::days(30))
            .await
            .unwrap()
            .levels,
        1
    );
    assert_eq!(level(&pool, u).await, "regular");
    assert_eq!(
        changes(&pool, u).await.last(),
        Some(&change("silver", "regular", "lapsed"))
    );
    let s = level_summary(&pool, u, aged + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(s.zh.kept, None);
}

fn levels_form(gold_threshold: &str, gold_free: &str) -> serde_json::Value {
    serde_json::json!({"form": {
    "window_days": "365", "grace_days": "14",
    "levels": [
        {"level": "regular", "threshold": "0", "points_pct": "100", "free_shipping": ""},
        {"level": "silver", "threshold": "1000", "points_pct": "120", "free_shipping": ""},
        {"level": "gold", "threshold": gold_threshold, "points_pct": "150",
         "free_shipping": gold_free},
        {"level": "vip", "threshold": "20000", "points_pct": "200", "free_shipping": "0"}
    ]}})
}

/// The back office's level and member-price editors over HTTP: wrong
/// input is refused field by field and changes nothing; a good save is
/// audited and priced by the cart.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_edit_levels_and_member_prices_with_every_change_audited(pool: PgPool) {
    use crate::common::{field_key, spawn, staff_client};
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "levels").await;
    let audits = |action: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM audit_log WHERE action = $1")
                .bind(action)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };

    // Gold below silver, and a free-delivery amount that is no amount.
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/levels", levels_form("500", "abc"))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "gold_threshold").as_deref(),
        Some("level_threshold_order")
    );
    assert_eq!(
        field_key(&body, "gold_free_shipping").as_deref(),
        Some("number_invalid")
    );
    assert_eq!(audits("admin/loyalty/levels").await, 0);
    let grace: i32 = sqlx::query_scalar("SELECT grace_days FROM member_level_rules")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(grace, 30, "nothing changed");

    let (s, body) = app
        .post_json(&ops, "admin/loyalty/levels", levels_form("4000", "39.5"))
        .await;
    assert_eq!(s, 200, "{body}");
    let (gold, free, grace): (i64, Option<i64>, i32) = sqlx::query_as(
        "SELECT l.threshold_minor, l.free_shipping_minor, r.grace_days
           FROM member_levels l CROSS JOIN member_level_rules r WHERE l.level = 'gold'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((gold, free, grace), (400_000, Some(3_950), 14));
    assert_eq!(audits("admin/loyalty/levels").await, 1);

    // A member price at or above the item's own is refused; below, kept.
    let (sku, price): (String, i64) =
        sqlx::query_as("SELECT sku, price_minor FROM product_variants ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    let at = |p: i64| format!("{}.{:02}", p / 100, p % 100);
    let (s, body) = app
        .post_json(
            &ops,
            "admin/loyalty/member-price",
            serde_json::json!({"sku": sku, "level": "gold", "price": at(price)}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "price").as_deref(),
        Some("member_price_too_high")
    );
    let (s, body) = app
        .post_json(
            &ops,
            "admin/loyalty/member-price",
            serde_json::json!({"sku": "NO-SUCH-SKU", "level": "gold", "price": "1"}),
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "sku").as_deref()),
        (422, Some("not_found"))
    );
    assert_eq!(audits("admin/loyalty/member-price").await, 0);
    let (s, _) = app
        .post_json(
            &ops,
            "admin/loyalty/member-price",
            serde_json::json!({"sku": sku, "level": "gold", "price": at(price - 100)}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(audits("admin/loyalty/member-price").await, 1);
    let (s, body) = app.get(&ops, "admin/loyalty?lang=en").await;
    assert_eq!(s, 200, "{body}");
    assert!(
        body["prices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["sku"] == sku.as_str())
    );
    assert_eq!(body["levels"][2]["free_shipping_minor"], 3_950);
}
