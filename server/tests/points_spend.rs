//! Spending points at checkout (issue 19, engine rule 7) against a real
//! database: twenty checkouts racing for the same points never spend more
//! than the balance, and a cancellation or a refund gives back exactly the
//! points its units spent, expiring when they would have.
use crate::common::{demo, plain_shopper, points_balance};
use app::cart::db::{Ask, price};
use app::cart::{LineIn, ShippingMethod};
use app::checkout::db::{Owner, Placement, place};
use app::error::{AppError, ErrorKey};
use app::orders::Actor;
use app::promotions::db::Buyer;
use sqlx::PgPool;
use time::OffsetDateTime;

const ZH: (&str, &str) = ("zh-CN", "en");

/// A listed variant at ¥20.00 with plenty of stock: half of it (the first
/// rule's share) is 1,000 points.
async fn twenty_yuan_variant(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "UPDATE product_variants SET price_minor = 2000, stock = 100
          WHERE id = (SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
                       WHERE p.listed ORDER BY v.id LIMIT 1)
          RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A shopper with `points` available (staff's adjustment).
async fn shopper_with(pool: &PgPool, email: &str, points: i32) -> i64 {
    let u = plain_shopper(pool, email).await;
    let staff = plain_shopper(pool, &format!("staff-{email}")).await;
    let mut tx = pool.begin().await.unwrap();
    app::loyalty::db::adjust(&mut tx, u, points, "测试", staff, OffsetDateTime::now_utc())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    u
}

fn lines(variant: i64, qty: i32) -> Vec<LineIn> {
    vec![LineIn {
        variant_id: variant,
        qty,
        seen_price_minor: None,
    }]
}

/// The total `user` is shown for `lines` spending their points, and the
/// points spent.
async fn quoted(pool: &PgPool, user: i64, lines: &[LineIn]) -> (i64, i64) {
    let mut conn = pool.acquire().await.unwrap();
    let buyer = Buyer {
        user_id: Some(user),
        email: None,
    };
    let ask = Ask {
        lines,
        coupon: None,
        buyer: &buyer,
        shipping: ShippingMethod::Standard,
        langs: ZH,
        now: OffsetDateTime::now_utc(),
        use_points: true,
    };
    let q = price(&mut conn, &ask).await.unwrap().quote;
    (q.total_minor, q.points.map_or(0, |p| p.spent))
}

fn placement(
    user: i64,
    email: &str,
    key: String,
    lines: Vec<LineIn>,
    (total, points): (i64, i64),
) -> Placement {
    Placement {
        owner: Owner::User {
            id: user,
            email: email.to_string(),
        },
        key,
        lines,
        coupon: None,
        shipping: ShippingMethod::Standard,
        payment: app::payments::PaymentMethod::Sandbox,
        ship_to: serde_json::json!({"recipient": "王芳", "phone": "13800138000",
                                    "region": "上海市", "line1": "南京西路 1 号"}),
        langs: ZH,
        expected_total_minor: total,
        use_points: true,
        expected_points: points,
        now: OffsetDateTime::now_utc(),
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn twenty_checkouts_spending_the_same_points_never_overspend(pool: PgPool) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let email = "race@points.test";
    let u = shopper_with(&pool, email, 2_500).await;
    let (total, spent) = quoted(&pool, u, &lines(v, 1)).await;
    assert_eq!(spent, 1_000, "half of ¥20 in points");
    let stock_before: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(v)
        .fetch_one(&pool)
        .await
        .unwrap();

    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let pool = pool.clone();
            let p = placement(
                u,
                email,
                format!("points-race-{i:06}-key"),
                lines(v, 1),
                (total, spent),
            );
            tokio::spawn(async move { place(&pool, p).await })
        })
        .collect();
    let mut placed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => placed += 1,
            // Priced before or after the winners took the points: told
            // that the points changed either way.
            Err(AppError::Conflict(ErrorKey::PointsChanged)) => {}
            Err(e) => panic!("unexpected refusal: {e:?}"),
        }
    }
    // 2,500 points pay for two orders of 1,000; the others are refused
    // whole (no stock taken, nothing written).
    assert_eq!(placed, 2);
    assert_eq!(points_balance(&pool, u).await, 500);
    let (orders, stock): (i64, i32) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM orders WHERE user_id = $1),
                (SELECT stock FROM product_variants WHERE id = $2)",
    )
    .bind(u)
    .bind(v)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((orders, stock), (2, stock_before - 2));
    let spends: Vec<i32> = sqlx::query_scalar(
        "SELECT delta FROM points_ledger WHERE user_id = $1 AND kind = 'spend' ORDER BY id",
    )
    .bind(u)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(spends, vec![-1_000, -1_000]);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refund_gives_back_its_units_share_of_the_points_and_a_cancellation_the_rest(
    pool: PgPool,
) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let email = "back@points.test";
    let u = shopper_with(&pool, email, 5_000).await;
    // Two units of ¥20: 2,000 points (half of ¥40) on the one line.
    let (total, spent) = quoted(&pool, u, &lines(v, 2)).await;
    assert_eq!(spent, 2_000);
    let order = place(
        &pool,
        placement(
            u,
            email,
            "points-back-000001-key".into(),
            lines(v, 2),
            (total, spent),
        ),
    )
    .await
    .unwrap();
    assert_eq!(order.total_minor, total);
    assert_eq!(points_balance(&pool, u).await, 3_000);
    let (points_spent, points_minor, paid, expire_at): (i32, i64, i64, Option<OffsetDateTime>) =
        sqlx::query_as(
            "SELECT o.points_spent, o.points_minor, i.paid_minor, o.points_expire_at
               FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = $1",
        )
        .bind(order.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((points_spent, points_minor), (2_000, 2_000));
    assert_eq!(paid, 4_000 - 2_000, "the line's cash is what points left");
    assert!(expire_at.is_some(), "the spent grants' expiry is kept");

    // One of the two units is refunded: half the points come back, once
    // however often the settlement runs.
    crate::common::after_sales_request(&pool, order.id, "refund_only", "refunded", 1_000).await;
    sqlx::query(
        "UPDATE after_sales_items SET qty = 1
          WHERE request_id = (SELECT max(id) FROM after_sales_requests)",
    )
    .execute(&pool)
    .await
    .unwrap();
    for _ in 0..2 {
        let mut tx = pool.begin().await.unwrap();
        app::loyalty::db::settle(&mut tx, order.id).await.unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(points_balance(&pool, u).await, 4_000);
    let back_expires: Option<OffsetDateTime> = sqlx::query_scalar(
        "SELECT l.expires_at FROM points_ledger e JOIN points_lots l ON l.id = e.lot_id
          WHERE e.user_id = $1 AND e.kind = 'reverse'",
    )
    .bind(u)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(back_expires, expire_at, "given back with the old expiry");

    // The order is cancelled: the other unit's points come back too.
    app::orders::db::cancel(&pool, order.id, Actor::Shopper, "test")
        .await
        .unwrap();
    assert_eq!(points_balance(&pool, u).await, 5_000);
    let given: Vec<i32> = sqlx::query_scalar(
        "SELECT delta FROM points_ledger WHERE user_id = $1 AND kind = 'reverse' ORDER BY id",
    )
    .bind(u)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(given, vec![1_000, 1_000]);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn too_few_points_spend_nothing_and_guests_never_spend(pool: PgPool) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let u = shopper_with(&pool, "few@points.test", 99).await;
    let (total, spent) = quoted(&pool, u, &lines(v, 1)).await;
    assert_eq!(spent, 0, "below the minimum of 100");
    let order = place(
        &pool,
        placement(
            u,
            "few@points.test",
            "points-few-000001-key".into(),
            lines(v, 1),
            (total, 0),
        ),
    )
    .await
    .unwrap();
    assert_eq!(points_balance(&pool, u).await, 99);
    let spent: i32 = sqlx::query_scalar("SELECT points_spent FROM orders WHERE id = $1")
        .bind(order.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(spent, 0);

    // A guest asking to spend points is priced as any guest.
    let mut p = placement(
        u,
        "guest@points.test",
        "points-guest-00001-key".into(),
        lines(v, 1),
        (total, 0),
    );
    p.owner = Owner::Guest {
        email: "guest@points.test".into(),
    };
    let placed = place(&pool, p).await.unwrap();
    let spent: i32 = sqlx::query_scalar("SELECT points_spent FROM orders WHERE id = $1")
        .bind(placed.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(spent, 0);
}

/// Points spent from two grants keep the earlier grant's day: placing an
/// order and cancelling it cannot carry points that were about to expire
/// over to a later grant's day.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn points_spent_from_two_grants_keep_the_earlier_expiry(pool: PgPool) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let email = "old@points.test";
    let u = plain_shopper(&pool, email).await;
    let staff = plain_shopper(&pool, "staff-old@points.test").await;
    let now = OffsetDateTime::now_utc();
    let mut tx = pool.begin().await.unwrap();
    let old = now - time::Duration::days(300);
    app::loyalty::db::adjust(&mut tx, u, 900, "测试", staff, old)
        .await
        .unwrap();
    app::loyalty::db::adjust(&mut tx, u, 5_000, "测试", staff, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let days: Vec<OffsetDateTime> = sqlx::query_scalar(
        "SELECT expires_at FROM points_lots WHERE user_id = $1 ORDER BY expires_at",
    )
    .bind(u)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(days[0] < days[1]);
    // Half of ¥20: 1,000 points, 900 from the old grant and 100 from the new.
    let (total, spent) = quoted(&pool, u, &lines(v, 1)).await;
    assert_eq!(spent, 1_000);
    let order = place(
        &pool,
        placement(
            u,
            email,
            "points-old-000001-key".into(),
            lines(v, 1),
            (total, spent),
        ),
    )
    .await
    .unwrap();
    let kept: Option<OffsetDateTime> =
        sqlx::query_scalar("SELECT points_expire_at FROM orders WHERE id = $1")
            .bind(order.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(kept, Some(days[0]), "the earlier grant's day");
}

/// Points past their day are not spendable even before the points job has
/// written them off: the cart offers none of them, and an order priced
/// with them before they expired is refused whole.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn expired_points_are_not_spent_before_the_job_writes_them_off(pool: PgPool) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let email = "expired@points.test";
    let u = plain_shopper(&pool, email).await;
    let staff = plain_shopper(&pool, "staff-expired@points.test").await;
    let mut tx = pool.begin().await.unwrap();
    // Granted 400 days ago: the first rule's 365 days are over.
    let long_ago = OffsetDateTime::now_utc() - time::Duration::days(400);
    app::loyalty::db::adjust(&mut tx, u, 1_500, "测试", staff, long_ago)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(points_balance(&pool, u).await, 1_500, "not written off yet");
    let (total, spent) = quoted(&pool, u, &lines(v, 1)).await;
    assert_eq!((total > 0, spent), (true, 0), "none of them offered");

    // Priced while they were still good: ¥10 off for 1,000 points.
    let refused = place(
        &pool,
        placement(
            u,
            email,
            "points-expired-0001-key".into(),
            lines(v, 1),
            (total - 1_000, 1_000),
        ),
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Conflict(ErrorKey::PointsChanged))),
        "{refused:?}"
    );
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders WHERE user_id = $1")
        .bind(u)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((orders, points_balance(&pool, u).await), (0, 1_500));
}

/// A double submit spending points is one order: the twin that prices
/// after the first has taken the points finds that order rather than
/// being told its points changed.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_double_submit_spending_points_is_one_order(pool: PgPool) {
    demo(&pool).await;
    let v = twenty_yuan_variant(&pool).await;
    let email = "twice@points.test";
    let u = shopper_with(&pool, email, 1_000).await;
    let (total, spent) = quoted(&pool, u, &lines(v, 1)).await;
    assert_eq!(spent, 1_000);
    let submit = || {
        let pool = pool.clone();
        let p = placement(
            u,
            email,
            "points-twice-00001-key".into(),
            lines(v, 1),
            (total, spent),
        );
        tokio::spawn(async move { place(&pool, p).await })
    };
    let tries: Vec<_> = (0..6).map(|_| submit()).collect();
    let mut ids = Vec::new();
    for t in tries {
        ids.push(t.await.unwrap().expect("the same order, not a refusal").id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one order: {ids:?}");
    // And one submitted after everything committed finds it too.
    assert_eq!(submit().await.unwrap().unwrap().id, ids[0]);
    assert_eq!(points_balance(&pool, u).await, 0);
}
