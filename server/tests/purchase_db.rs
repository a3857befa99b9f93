//! The purchase against a real PostgreSQL (a throwaway database per test,
//! with the demo data): placing orders under concurrency, idempotency,
//! coupon limits, cancellation, payment notifications and the jobs.
use app::cart::db::{Ask, price};
use app::cart::{LineIn, ShippingMethod};
use app::checkout::db::{Owner, Placement, place};
use app::error::{AppError, ErrorKey};
use app::orders::Actor;
use app::orders::db::{JobConfig, run_jobs_at};
use app::payments::PaymentMethod;
use app::payments::db::notify::{Answer, receive};
use app::payments::db::sandbox::signature;
use app::promotions::db::Buyer;
use futures::future::join_all;
use sqlx::PgPool;
use std::time::Duration;
use time::OffsetDateTime;

const ZH: (&str, &str) = ("zh-CN", "en");

async fn demo(pool: &PgPool) {
    agora_server::seed::load_demo(pool).await.unwrap();
    // Automatic demo promotions would change totals under test; each test
    // adds the promotions it is about.
    sqlx::query("UPDATE promotions SET active = false")
        .execute(pool)
        .await
        .unwrap();
}

/// A listed variant outside the demo sale, with its stock set to `stock`.
async fn variant(pool: &PgPool, nth: i64, stock: i32) -> (i64, i64) {
    let (id, price): (i64, i64) = sqlx::query_as(
        "SELECT v.id, v.price_minor FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed ORDER BY v.id OFFSET $1 LIMIT 1",
    )
    .bind(nth)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("UPDATE product_variants SET stock = $2 WHERE id = $1")
        .bind(id)
        .bind(stock)
        .execute(pool)
        .await
        .unwrap();
    (id, price)
}

async fn stock(pool: &PgPool, id: i64) -> i32 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn line(variant_id: i64, qty: i32) -> LineIn {
    LineIn {
        variant_id,
        qty,
        seen_price_minor: None,
    }
}

fn guest(n: usize) -> Owner {
    Owner::Guest {
        email: format!("buyer{n}@agora.test"),
    }
}

async fn total(pool: &PgPool, lines: &[LineIn], coupon: Option<&str>) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    let ask = Ask {
        lines,
        coupon,
        buyer: &Buyer::default(),
        shipping: ShippingMethod::Standard,
        langs: ZH,
        now: OffsetDateTime::now_utc(),
        use_points: false,
    };
    price(&mut conn, &ask).await.unwrap().quote.total_minor
}

fn placement(
    owner: Owner,
    key: &str,
    lines: Vec<LineIn>,
    coupon: Option<&str>,
    total: i64,
) -> Placement {
    Placement {
        owner,
        key: key.to_string(),
        lines,
        coupon: coupon.map(str::to_string),
        shipping: ShippingMethod::Standard,
        payment: PaymentMethod::Sandbox,
        ship_to: serde_json::json!({"recipient": "王芳", "phone": "13800138000",
                                    "region": "上海市", "line1": "南京西路 1 号"}),
        langs: ZH,
        expected_total_minor: total,
        use_points: false,
        expected_points: 0,
        now: OffsetDateTime::now_utc(),
    }
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_order_records_the_prices_paid_and_reserves_stock(pool: PgPool) {
    demo(&pool).await;
    sqlx::query(
        r#"INSERT INTO promotions (kind, name, tiers)
           VALUES ('threshold', '{"zh-CN": "满减", "en": "Spend"}', '[{"min_minor": 100, "off_minor": 50}]')"#,
    )
    .execute(&pool)
    .await
    .unwrap();
    let (a, pa) = variant(&pool, 0, 10).await;
    let (b, pb) = variant(&pool, 7, 10).await;
    let lines = vec![line(a, 2), line(b, 1)];
    let t = total(&pool, &lines, None).await;
    let o = place(
        &pool,
        placement(guest(1), "key-aaaaaaaaaaaaaaaa", lines, None, t),
    )
    .await
    .unwrap();
    assert_eq!(o.total_minor, t);
    assert_eq!(stock(&pool, a).await, 8);
    assert_eq!(stock(&pool, b).await, 9);
    let (list, discount, shipping, total_minor): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT list_minor, discount_minor, shipping_minor, total_minor FROM orders WHERE id = $1",
    )
    .bind(o.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(list, 2 * pa + pb);
    assert_eq!(discount, 50, "the threshold applies once");
    assert_eq!(total_minor, list - discount + shipping);
    let paid: i64 =
        sqlx::query_scalar("SELECT sum(paid_minor)::bigint FROM order_items WHERE order_id = $1")
            .bind(o.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(paid + shipping, total_minor, "lines carry the discount");
    assert!(
        o.number.len() == 15 && o.number.as_bytes()[8] == b'-',
        "{}",
        o.number
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn two_hundred_checkouts_for_twenty_units_sell_exactly_twenty(pool: PgPool) {
    demo(&pool).await;
    let (v, _) = variant(&pool, 3, 20).await;
    let t = total(&pool, &[line(v, 1)], None).await;
    let results = join_all((0..200).map(|i| {
        let pool = pool.clone();
        async move {
            place(
                &pool,
                placement(
                    guest(i),
                    &format!("race-{i:016}"),
                    vec![line(v, 1)],
                    None,
                    t,
                ),
            )
            .await
        }
    }))
    .await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 20);
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(
            r,
            &AppError::Conflict(ErrorKey::SoldOut),
            "the rest are told it sold out"
        );
    }
    assert_eq!(stock(&pool, v).await, 0);
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 20);
    assert_eq!(count(&pool, "SELECT count(*) FROM order_items").await, 20);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_single_use_coupon_is_used_once_by_fifty_buyers(pool: PgPool) {
    demo(&pool).await;
    sqlx::query(
        r#"INSERT INTO promotions (kind, code, name, amount_off_minor, usage_limit)
           VALUES ('coupon', 'ONCE', '{"zh-CN": "一次", "en": "Once"}', 500, 1)"#,
    )
    .execute(&pool)
    .await
    .unwrap();
    let (v, _) = variant(&pool, 5, 1000).await;
    let t = total(&pool, &[line(v, 1)], Some("once")).await;
    let results = join_all((0..50).map(|i| {
        let pool = pool.clone();
        async move {
            place(
                &pool,
                placement(
                    guest(i),
                    &format!("coupon-{i:016}"),
                    vec![line(v, 1)],
                    Some("once"),
                    t,
                ),
            )
            .await
        }
    }))
    .await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(r, &AppError::Conflict(ErrorKey::CouponNotApplicable));
    }
    assert_eq!(
        count(
            &pool,
            "SELECT used_count::bigint FROM promotions WHERE code = 'ONCE'"
        )
        .await,
        1
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 1);
    assert_eq!(stock(&pool, v).await, 999, "failed orders reserved nothing");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn placing_again_with_the_same_key_returns_the_same_order(pool: PgPool) {
    demo(&pool).await;
    let (v, _) = variant(&pool, 2, 10).await;
    let t = total(&pool, &[line(v, 2)], None).await;
    let p = || placement(guest(9), "same-key-0123456789", vec![line(v, 2)], None, t);
    // A double click: both at once; then a retry later.
    let (a, b) = tokio::join!(place(&pool, p()), place(&pool, p()));
    let (a, b) = (a.unwrap(), b.unwrap());
    let c = place(&pool, p()).await.unwrap();
    assert_eq!(a.number, b.number);
    assert_eq!(a.number, c.number);
    assert_eq!(stock(&pool, v).await, 8, "stock taken once");
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 1);
    // Another buyer's identical key is a different order.
    let other = place(
        &pool,
        placement(guest(10), "same-key-0123456789", vec![line(v, 2)], None, t),
    )
    .await
    .unwrap();
    assert_ne!(other.number, a.number);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_changed_total_is_reported_and_nothing_is_written(pool: PgPool) {
    demo(&pool).await;
    let (v, _) = variant(&pool, 1, 10).await;
    let t = total(&pool, &[line(v, 1)], None).await;
    let err = place(
        &pool,
        placement(
            guest(1),
            "changed-total-000001",
            vec![line(v, 1)],
            None,
            t + 1,
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(err, AppError::Conflict(ErrorKey::PriceChanged));
    let err = place(
        &pool,
        placement(guest(1), "too-many-units-00001", vec![line(v, 11)], None, t),
    )
    .await
    .unwrap_err();
    assert_eq!(err, AppError::Conflict(ErrorKey::SoldOut));
    let err = place(
        &pool,
        placement(guest(1), "empty-cart-000000001", vec![], None, 0),
    )
    .await
    .unwrap_err();
    assert_eq!(err, AppError::Conflict(ErrorKey::CartEmpty));
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 0);
    assert_eq!(stock(&pool, v).await, 10);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn cancelling_gives_back_stock_and_the_coupon_use(pool: PgPool) {
    demo(&pool).await;
    sqlx::query(
        r#"INSERT INTO promotions (kind, code, name, percent_off, usage_limit, per_customer_limit)
           VALUES ('coupon', 'ONE', '{"zh-CN": "一", "en": "One"}', 10, 1, 1)"#,
    )
    .execute(&pool)
    .await
    .unwrap();
    let (v, _) = variant(&pool, 4, 5).await;
    let t = total(&pool, &[line(v, 2)], Some("ONE")).await;
    let o = place(
        &pool,
        placement(
            guest(1),
            "cancel-me-000000001",
            vec![line(v, 2)],
            Some("ONE"),
            t,
        ),
    )
    .await
    .unwrap();
    assert_eq!(stock(&pool, v).await, 3);
    app::orders::db::cancel(&pool, o.id, Actor::Shopper, "changed my mind")
        .await
        .unwrap();
    assert_eq!(stock(&pool, v).await, 5);
    assert_eq!(
        count(
            &pool,
            "SELECT used_count::bigint FROM promotions WHERE code = 'ONE'"
        )
        .await,
        0
    );
    // Cancelling twice is refused and changes nothing.
    let again = app::orders::db::cancel(&pool, o.id, Actor::Shopper, "again").await;
    assert_eq!(again, Err(AppError::Conflict(ErrorKey::OrderStateChanged)));
    assert_eq!(stock(&pool, v).await, 5);
    // The same buyer may use the coupon again.
    place(
        &pool,
        placement(
            guest(1),
            "cancel-me-000000002",
            vec![line(v, 2)],
            Some("ONE"),
            t,
        ),
    )
    .await
    .unwrap();
}

async fn sandbox_order(pool: &PgPool, n: usize) -> (i64, String, String, i64) {
    let (v, _) = variant(pool, 6, 100).await;
    let t = total(pool, &[line(v, 1)], None).await;
    let o = place(
        pool,
        placement(
            guest(n),
            &format!("paid-order-{n:08}"),
            vec![line(v, 1)],
            None,
            t,
        ),
    )
    .await
    .unwrap();
    // The attempt is recorded with the order; the charge opens after it.
    let reference = o
        .payment_ref
        .clone()
        .expect("an online order records its payment");
    let url = app::payments::db::open_charge(
        pool,
        &reference,
        &o.number,
        o.total_minor,
        &o.currency,
        "/orders/x",
        "http://127.0.0.1:9",
    )
    .await
    .unwrap();
    assert!(url.ends_with(&reference));
    // Paying again from the order page reuses the same attempt.
    let again = app::payments::db::start_payment(pool, o.id, "/orders/x", "http://127.0.0.1:9")
        .await
        .unwrap();
    assert_eq!(again, url);
    (o.id, o.number, reference, t)
}

fn notification(event: &str, reference: &str, number: &str, amount: i64, status: &str) -> String {
    serde_json::json!({"event_id": event, "reference": reference, "merchant_order": number,
                       "amount_minor": amount, "currency": "CNY", "status": status})
    .to_string()
}

async fn order_state(pool: &PgPool, id: i64) -> (String, String, i64) {
    sqlx::query_as(
        "SELECT status, payment_status, (SELECT count(*) FROM order_events e WHERE e.order_id = o.id)
           FROM orders o WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn payment_notifications_are_verified_and_applied_once(pool: PgPool) {
    demo(&pool).await;
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    let (id, number, reference, amount) = sandbox_order(&pool, 1).await;
    let at = OffsetDateTime::now_utc();
    let now = at.unix_timestamp();

    // Forged: signed with another key. Rejected, recorded, nothing changes.
    let body = notification("evt_forged", &reference, &number, amount, "paid");
    let forged = signature(b"not the key", now, &body);
    assert_eq!(
        receive(&pool, &key, Some(&forged), &body, at)
            .await
            .unwrap(),
        Answer::Rejected
    );
    assert_eq!(
        receive(&pool, &key, None, &body, at).await.unwrap(),
        Answer::Rejected
    );
    assert_eq!(order_state(&pool, id).await.0, "pending_payment");
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM payment_notifications WHERE NOT verified"
        )
        .await,
        2
    );

    // Genuine: the order is paid.
    let body = notification("evt_1", &reference, &number, amount, "paid");
    let sig = signature(&key, now, &body);
    assert_eq!(
        receive(&pool, &key, Some(&sig), &body, at).await.unwrap(),
        Answer::Accepted
    );
    let after = order_state(&pool, id).await;
    assert_eq!(
        (after.0.as_str(), after.1.as_str()),
        ("awaiting_shipment", "paid")
    );

    // The same event again (and at once, twice): acknowledged, nothing changes.
    let (x, y) = tokio::join!(
        receive(&pool, &key, Some(&sig), &body, at),
        receive(&pool, &key, Some(&sig), &body, at)
    );
    assert_eq!(
        (x.unwrap(), y.unwrap()),
        (Answer::Accepted, Answer::Accepted)
    );
    assert_eq!(order_state(&pool, id).await, after);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM payment_notifications WHERE verified"
        )
        .await,
        1
    );
    // A stale signature is a replay.
    let old = signature(&key, now - 3_600, &body);
    assert_eq!(
        receive(&pool, &key, Some(&old), &body, at).await.unwrap(),
        Answer::Rejected
    );
    // The shopper cancels the paid order: refunded through the provider.
    sqlx::query("UPDATE sandbox_charges SET status = 'paid' WHERE reference = $1")
        .bind(&reference)
        .execute(&pool)
        .await
        .unwrap();
    app::orders::db::cancel(&pool, id, Actor::Shopper, "changed my mind")
        .await
        .unwrap();
    let (order, payment, charge): (String, String, String) = sqlx::query_as(
        "SELECT o.payment_status, p.status, c.status FROM orders o
           JOIN payments p ON p.order_id = o.id JOIN sandbox_charges c ON c.reference = p.provider_ref
          WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (order.as_str(), payment.as_str(), charge.as_str()),
        ("refunded", "refunded", "refunded")
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn money_for_a_cancelled_order_is_refunded(pool: PgPool) {
    demo(&pool).await;
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    let (id, number, reference, amount) = sandbox_order(&pool, 2).await;
    app::orders::db::cancel(&pool, id, Actor::Shopper, "too slow")
        .await
        .unwrap();
    // The shopper pays on the provider's page anyway.
    sqlx::query("UPDATE sandbox_charges SET status = 'paid' WHERE reference = $1")
        .bind(&reference)
        .execute(&pool)
        .await
        .unwrap();
    let body = notification("evt_late", &reference, &number, amount, "paid");
    let at = OffsetDateTime::now_utc();
    let sig = signature(&key, at.unix_timestamp(), &body);
    assert_eq!(
        receive(&pool, &key, Some(&sig), &body, at).await.unwrap(),
        Answer::Accepted
    );
    assert_eq!(order_state(&pool, id).await.0, "cancelled");
    let (payment, charge): (String, String) = sqlx::query_as(
        "SELECT p.status, c.status FROM payments p JOIN sandbox_charges c ON c.reference = p.provider_ref
          WHERE p.provider_ref = $1",
    )
    .bind(&reference)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (payment.as_str(), charge.as_str()),
        ("refunded", "refunded")
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn two_job_runners_cancel_each_unpaid_order_once(pool: PgPool) {
    demo(&pool).await;
    let (v, _) = variant(&pool, 8, 10).await;
    let sold = || async {
        sqlx::query_scalar::<_, i32>(
            "SELECT p.sales_count FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = $1",
        )
        .bind(v)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let sold_before = sold().await;
    let t = total(&pool, &[line(v, 1)], None).await;
    for i in 0..3 {
        place(
            &pool,
            placement(
                guest(i),
                &format!("unpaid-{i:012}"),
                vec![line(v, 1)],
                None,
                t,
            ),
        )
        .await
        .unwrap();
    }
    assert_eq!(stock(&pool, v).await, 7);
    // One order is recent and must survive.
    sqlx::query("UPDATE orders SET created_at = now() - interval '2 hours' WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 2)")
        .execute(&pool)
        .await
        .unwrap();
    let cfg = JobConfig {
        unpaid_after: Duration::from_secs(30 * 60),
        confirm_after: Duration::from_secs(7 * 86_400),
    };
    let now = OffsetDateTime::now_utc();
    let (a, b) = tokio::join!(run_jobs_at(&pool, cfg, now), run_jobs_at(&pool, cfg, now));
    assert_eq!(a.unwrap().cancelled + b.unwrap().cancelled, 2);
    assert_eq!(
        stock(&pool, v).await,
        9,
        "stock returned exactly once per order"
    );
    // Three sold, two cancelled: one more unit in the product's sales count.
    assert_eq!(sold().await, sold_before + 1);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM order_events WHERE status = 'cancelled'"
        )
        .await,
        2
    );
    // Delivered long ago: receipt confirmed automatically, once.
    let number: String =
        sqlx::query_scalar("SELECT number FROM orders WHERE status = 'pending_payment'")
            .fetch_one(&pool)
            .await
            .unwrap();
    sqlx::query("UPDATE orders SET status = 'awaiting_shipment' WHERE number = $1")
        .bind(&number)
        .execute(&pool)
        .await
        .unwrap();
    use app::orders::OrderStatus::*;
    app::orders::db::advance(
        &mut pool.acquire().await.unwrap(),
        &number,
        Shipped,
        Some("SF"),
        Some("SF123"),
    )
    .await
    .unwrap();
    app::orders::db::advance(
        &mut pool.acquire().await.unwrap(),
        &number,
        Delivered,
        None,
        None,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE orders SET delivered_at = now() - interval '8 days' WHERE number = $1")
        .bind(&number)
        .execute(&pool)
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let (a, b) = tokio::join!(run_jobs_at(&pool, cfg, now), run_jobs_at(&pool, cfg, now));
    assert_eq!(a.unwrap().completed + b.unwrap().completed, 1);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM orders WHERE status = 'completed'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn reviews_need_a_delivered_line_of_ones_own_and_hidden_stays_hidden(pool: PgPool) {
    use app::reviews::db::{NewReview, create, list, vote};
    demo(&pool).await;
    let buyer: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name) VALUES ('r@agora.test', 'x', '买家') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let other: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name) VALUES ('o@agora.test', 'x', '路人') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (v, _) = variant(&pool, 9, 10).await;
    let t = {
        let mut conn = pool.acquire().await.unwrap();
        let buyer = Buyer {
            user_id: Some(buyer),
            email: None,
        };
        let ask = Ask {
            lines: &[line(v, 1)],
            coupon: None,
            buyer: &buyer,
            shipping: ShippingMethod::Standard,
            langs: ZH,
            now: OffsetDateTime::now_utc(),
            use_points: false,
        };
        price(&mut conn, &ask).await.unwrap().quote.total_minor
    };
    let owner = Owner::User {
        id: buyer,
        email: "r@agora.test".into(),
    };
    let mut p = placement(owner, "review-order-000001", vec![line(v, 1)], None, t);
    p.payment = PaymentMethod::Cod;
    let o = place(&pool, p).await.unwrap();
    let item: i64 = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(o.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let review = |rating: i16| NewReview {
        order_item_id: item,
        rating,
        body: "<b>好</b>".into(),
        photos: vec![],
    };
    // Not delivered yet.
    assert_eq!(
        create(&pool, buyer, review(5)).await,
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    );
    use app::orders::OrderStatus::*;
    app::orders::db::advance(
        &mut pool.acquire().await.unwrap(),
        &o.number,
        Shipped,
        Some("SF"),
        Some("1"),
    )
    .await
    .unwrap();
    app::orders::db::advance(
        &mut pool.acquire().await.unwrap(),
        &o.number,
        Delivered,
        None,
        None,
    )
    .await
    .unwrap();
    // Someone else's line, a rating out of range, a photo that is not one.
    assert_eq!(
        create(&pool, other, review(5)).await,
        Err(AppError::NotFound)
    );
    assert!(matches!(
        create(&pool, buyer, review(6)).await,
        Err(AppError::Validation(_))
    ));
    let bad_photo = NewReview {
        photos: vec![b"not a picture".to_vec()],
        ..review(4)
    };
    assert!(matches!(
        create(&pool, buyer, bad_photo).await,
        Err(AppError::Validation(_))
    ));
    // Once, then never again.
    assert_eq!(create(&pool, buyer, review(4)).await.unwrap(), o.number);
    assert_eq!(
        create(&pool, buyer, review(3)).await,
        Err(AppError::Conflict(ErrorKey::AlreadyReviewed))
    );
    let product: i64 = sqlx::query_scalar("SELECT product_id FROM order_items WHERE id = $1")
        .bind(item)
        .fetch_one(&pool)
        .await
        .unwrap();
    // The demo's own reviews are not verified purchases; this one is.
    let mine: Vec<_> = list(&pool, product, Some(4), 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.verified)
        .collect();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].verified);
    assert_eq!(
        mine[0].body, "<b>好</b>",
        "stored as typed; the page renders it as text"
    );
    // Helpful: once per shopper, never for one's own review.
    assert_eq!(vote(&pool, other, mine[0].id).await.unwrap(), 1);
    assert_eq!(vote(&pool, other, mine[0].id).await.unwrap(), 1);
    assert_eq!(
        vote(&pool, buyer, mine[0].id).await,
        Err(AppError::Forbidden)
    );
    // Hidden stays hidden.
    sqlx::query("UPDATE reviews SET status = 'hidden' WHERE id = $1")
        .bind(mine[0].id)
        .execute(&pool)
        .await
        .unwrap();
    assert!(
        list(&pool, product, Some(4), 0)
            .await
            .unwrap()
            .iter()
            .all(|r| r.id != mine[0].id)
    );
    assert_eq!(
        vote(&pool, other, mine[0].id).await,
        Err(AppError::NotFound)
    );
}
