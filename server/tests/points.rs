//! Loyalty points (issue 19) against a real database: a paid order's
//! points stay pending until its return window has closed (the clock moved,
//! never waited for); a refund inside the window cancels them, so buying,
//! refunding and buying again earns nothing extra; a refund of points
//! already spent takes back only what the balance holds; expiry runs once
//! with two job runners and warns first. The balance always equals the
//! ledger's sum.
use crate::common::{
    after_sales_reason, deliver, demo, paid_order, plain_shopper, points_balance as balance, spawn,
    staff_client,
};
use app::aftersales::RequestKind;
use app::aftersales::db::{Opening, Shopper, open};
use app::loyalty::db::{run_jobs_at, settle, summary};
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

/// Seven days for returns everywhere, whatever the demo's categories say.
async fn seven_day_window(pool: &PgPool) {
    sqlx::query("UPDATE after_sales_policy SET return_days = 7")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("UPDATE categories SET return_days = NULL")
        .execute(pool)
        .await
        .unwrap();
}

/// (points granted on the order's lines, its first line).
async fn granted(pool: &PgPool, order_id: i64) -> (i32, i64) {
    sqlx::query_as(
        "SELECT sum(l.points)::int, min(i.id) FROM points_lots l
           JOIN order_items i ON i.id = l.order_item_id WHERE i.order_id = $1",
    )
    .bind(order_id)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn messages(pool: &PgPool, user: i64, event: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM outbox WHERE user_id = $1 AND event = $2")
        .bind(user)
        .bind(event)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn pending_points_become_spendable_only_once_the_return_window_closes(pool: PgPool) {
    demo(&pool).await;
    seven_day_window(&pool).await;
    let u = plain_shopper(&pool, "points@loyalty.test").await;
    let (order_id, number, _) = paid_order(&pool, Some((u, "points@loyalty.test")), 3).await;
    let (points, line) = granted(&pool, order_id).await;
    let paid: i64 = sqlx::query_scalar("SELECT paid_minor FROM order_items WHERE id = $1")
        .bind(line)
        .fetch_one(&pool)
        .await
        .unwrap();
    // One point per yuan paid for goods (the first rule), whole yuan only.
    assert_eq!(i64::from(points), paid / 100);
    assert!(points > 0);
    let t0 = OffsetDateTime::now_utc();
    let s = summary(&pool, u, t0).await.unwrap();
    assert_eq!((s.available, s.pending), (0, points));
    assert_eq!(s.pending_lines[0].order_number, number);

    // Not delivered: nothing moves, however late.
    let r = run_jobs_at(&pool, t0 + Duration::days(60)).await.unwrap();
    assert_eq!(r.matured, 0);
    deliver(&pool, order_id, t0).await;
    let r = run_jobs_at(&pool, t0 + Duration::days(7) - Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(r.matured, 0, "the window is still open");
    assert_eq!(balance(&pool, u).await, 0);

    let after = t0 + Duration::days(7) + Duration::minutes(1);
    let (a, b) = tokio::join!(run_jobs_at(&pool, after), run_jobs_at(&pool, after));
    assert_eq!(a.unwrap().matured + b.unwrap().matured, 1, "credited once");
    assert_eq!(balance(&pool, u).await, points);
    let s = summary(&pool, u, after).await.unwrap();
    assert_eq!((s.available, s.pending), (points, 0));
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].kind, app::loyalty::EntryKind::Earn);
    assert_eq!(s.history[0].order_number.as_deref(), Some(number.as_str()));
    // The entry names the line and the rule version it was computed with.
    let (entry_line, rule): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT order_item_id, rule_id FROM points_ledger WHERE user_id = $1")
            .bind(u)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(entry_line, Some(line));
    assert_eq!(rule, Some(1));
    // The shopper is told, in the inbox and by e-mail, once.
    assert_eq!(messages(&pool, u, "points_credited").await, 2);
    run_jobs_at(&pool, after + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(messages(&pool, u, "points_credited").await, 2);

    // A new rule changes future grants, never this one.
    sqlx::query(
        "INSERT INTO points_rules (earn_per_unit, expire_days, warn_days) VALUES (5, 365, 30)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let (second, _, _) = paid_order(&pool, Some((u, "points@loyalty.test")), 13).await;
    let paid: i64 =
        sqlx::query_scalar("SELECT sum(paid_minor)::bigint FROM order_items WHERE order_id = $1")
            .bind(second)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(i64::from(granted(&pool, second).await.0), paid / 100 * 5);
    assert_eq!(balance(&pool, u).await, points);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refund_inside_the_window_cancels_the_points_so_buying_again_earns_nothing_extra(
    pool: PgPool,
) {
    demo(&pool).await;
    seven_day_window(&pool).await;
    let u = plain_shopper(&pool, "refund@loyalty.test").await;
    let (first, number, _) = paid_order(&pool, Some((u, "refund@loyalty.test")), 4).await;
    let (points, line) = granted(&pool, first).await;
    // The shopper asks for their money back before shipment; staff agree.
    let request = open(
        &pool,
        &Opening {
            shopper: Shopper::Account(u),
            order_number: number.clone(),
            kind: RequestKind::RefundOnly,
            reason_id: after_sales_reason(&pool, "not_received").await,
            items: vec![(line, 1)],
            note: String::new(),
            key: "points-refund".into(),
            exchange_to: None,
            photos: Vec::new(),
        },
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "points").await;
    let (s, b) = app
        .post_json(
            &ops,
            "admin/after-sales/approve",
            json!({"numbers": [request], "goodwill_minor": 0, "goodwill_reason": ""}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let status: String =
        sqlx::query_scalar("SELECT status FROM after_sales_requests WHERE number = $1")
            .bind(&request)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "refunded");
    let t0 = OffsetDateTime::now_utc();
    let s = summary(&pool, u, t0).await.unwrap();
    assert_eq!(
        (s.available, s.pending),
        (0, 0),
        "the refund cancelled them"
    );

    // Bought again and kept: only the second order's points, once.
    let (second, _, _) = paid_order(&pool, Some((u, "refund@loyalty.test")), 14).await;
    let (again, _) = granted(&pool, second).await;
    assert!(again > 0 && points > 0);
    deliver(&pool, second, t0).await;
    run_jobs_at(&pool, t0 + Duration::days(8)).await.unwrap();
    assert_eq!(balance(&pool, u).await, again);
    let cancelled: String = sqlx::query_scalar(
        "SELECT status FROM points_lots l JOIN order_items i ON i.id = l.order_item_id
          WHERE i.order_id = $1",
    )
    .bind(first)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(cancelled, "cancelled");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_later_refund_takes_back_the_grant_but_never_below_zero(pool: PgPool) {
    demo(&pool).await;
    seven_day_window(&pool).await;
    let u = plain_shopper(&pool, "spent@loyalty.test").await;
    let staff = plain_shopper(&pool, "staff@loyalty.test").await;
    let (order_id, _, _) = paid_order(&pool, Some((u, "spent@loyalty.test")), 5).await;
    let (points, _) = granted(&pool, order_id).await;
    assert!(points > 1);
    let t0 = OffsetDateTime::now_utc();
    deliver(&pool, order_id, t0 - Duration::days(10)).await;
    run_jobs_at(&pool, t0).await.unwrap();
    assert_eq!(balance(&pool, u).await, points);
    // All but one point go (as spending will); below zero is refused.
    let mut tx = pool.begin().await.unwrap();
    let left = app::loyalty::db::adjust(&mut tx, u, -(points - 1), "测试", staff, t0)
        .await
        .unwrap();
    assert_eq!(left, 1);
    assert!(
        app::loyalty::db::adjust(&mut tx, u, -2, "测试", staff, t0)
            .await
            .is_err()
    );
    tx.commit().await.unwrap();
    assert_eq!(balance(&pool, u).await, 1);

    // The whole line is refunded (a complaint, after the window): the
    // grant's share comes back as far as the balance goes, once.
    crate::common::after_sales_request(&pool, order_id, "return_refund", "refunded", 100).await;
    for _ in 0..2 {
        let mut tx = pool.begin().await.unwrap();
        settle(&mut tx, order_id).await.unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(balance(&pool, u).await, 0);
    let reversed: Vec<i32> = sqlx::query_scalar(
        "SELECT delta FROM points_ledger WHERE user_id = $1 AND kind = 'reverse'",
    )
    .bind(u)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(reversed, vec![-1]);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn points_expire_once_with_two_runners_after_a_warning(pool: PgPool) {
    demo(&pool).await;
    seven_day_window(&pool).await;
    let u = plain_shopper(&pool, "expire@loyalty.test").await;
    let (order_id, _, _) = paid_order(&pool, Some((u, "expire@loyalty.test")), 6).await;
    let (points, _) = granted(&pool, order_id).await;
    let t0 = OffsetDateTime::now_utc();
    deliver(&pool, order_id, t0).await;
    let credited = t0 + Duration::days(8);
    run_jobs_at(&pool, credited).await.unwrap();
    assert_eq!(balance(&pool, u).await, points);
    // The first rule: a year, and a warning 30 days before.
    let r = run_jobs_at(&pool, credited + Duration::days(300))
        .await
        .unwrap();
    assert_eq!((r.warned, r.expired), (0, 0));
    let soon = credited + Duration::days(340);
    run_jobs_at(&pool, soon).await.unwrap();
    run_jobs_at(&pool, soon + Duration::days(1)).await.unwrap();
    assert_eq!(
        messages(&pool, u, "points_expiring").await,
        2,
        "once, in both channels"
    );
    let s = summary(&pool, u, soon).await.unwrap();
    assert_eq!(s.expiring.map(|(n, _)| n), Some(points));

    let late = credited + Duration::days(366);
    let (a, b) = tokio::join!(run_jobs_at(&pool, late), run_jobs_at(&pool, late));
    assert_eq!(a.unwrap().expired + b.unwrap().expired, 1);
    assert_eq!(balance(&pool, u).await, 0);
    let expired: Vec<i32> = sqlx::query_scalar(
        "SELECT delta FROM points_ledger WHERE user_id = $1 AND kind = 'expire'",
    )
    .bind(u)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(expired, vec![-points]);
}

/// Staff's grant is dated by the shop's clock, not the database's: given
/// at a moment two years back, it has expired by the rule's days after it.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_adjusted_grant_expires_by_the_shop_clock(pool: PgPool) {
    demo(&pool).await;
    let u = plain_shopper(&pool, "adjusted@loyalty.test").await;
    let staff = plain_shopper(&pool, "staff-adjusted@loyalty.test").await;
    let given = OffsetDateTime::now_utc() - Duration::days(730);
    let mut tx = pool.begin().await.unwrap();
    app::loyalty::db::adjust(&mut tx, u, 40, "测试", staff, given)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let days: i32 =
        sqlx::query_scalar("SELECT expire_days FROM points_rules ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    let before = given + Duration::days(i64::from(days) - 1);
    assert_eq!(run_jobs_at(&pool, before).await.unwrap().expired, 0);
    assert_eq!(balance(&pool, u).await, 40);
    let after = given + Duration::days(i64::from(days) + 1);
    assert_eq!(run_jobs_at(&pool, after).await.unwrap().expired, 1);
    assert_eq!(balance(&pool, u).await, 0);
}
