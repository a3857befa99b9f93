//! The shop's time in SQL and in Rust: the `shop_*` functions of the
//! migration and `app::shop_time` name the same zone and keep the same
//! calendar, and promotion windows follow the injected clock (not the
//! database's `now()`), so a test moves time instead of waiting for it.
use app::admin::promotions::PromoStatus;
use app::error::AppError;
use app::promotions::db::{Buyer, rules};
use app::promotions::engine::{Context, Line, price};
use app::shop_time::{Clock, ManualClock, SHOP_ZONE, display_local, parse_local};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

const ZH: (&str, &str) = ("zh-CN", "en");

/// Unix seconds of a moment typed in the shop's time.
fn shop(text: &str) -> i64 {
    parse_local(text).unwrap().unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn sql_and_rust_agree_on_the_zone_and_the_calendar(pool: PgPool) {
    let zone: String = sqlx::query_scalar("SELECT shop_zone()")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(zone, SHOP_ZONE);

    // Either side of midnight in Shanghai and in UTC, a leap day, a new year.
    let instants = [
        0,
        shop("2024-02-29T23:59"),
        shop("2024-03-01T00:00"),
        shop("2025-12-31T07:59"),
        shop("2025-12-31T08:00"),
        shop("2026-01-01T00:00") - 1,
        shop("2026-01-01T00:00"),
        shop("2199-12-31T23:59"),
    ];
    for unix in instants {
        let minute: String = sqlx::query_scalar("SELECT shop_minute(to_timestamp($1::bigint))")
            .bind(unix)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(minute, display_local(unix), "shop_minute at {unix}");
    }
    for day in [
        "2000-01-01",
        "2024-02-29",
        "2026-01-01",
        "2026-03-01",
        "2199-12-31",
    ] {
        let midnight: i64 =
            sqlx::query_scalar("SELECT extract(epoch FROM shop_midnight($1::date))::bigint")
                .bind(day)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(
            midnight,
            shop(&format!("{day}T00:00")),
            "shop_midnight of {day}"
        );
    }
}

/// Which automatic promotions are loaded at the clock's time, the way the
/// cart and checkout load them, and what they take off a ¥50 cart.
async fn in_force(pool: &PgPool, clock: &ManualClock) -> (Vec<i64>, i64) {
    let now = clock.now();
    let mut conn = pool.acquire().await.unwrap();
    let (automatic, _) = rules(&mut conn, now, "CNY", None, &Buyer::default(), ZH)
        .await
        .unwrap();
    let line = Line {
        variant_id: 1,
        product_id: 1,
        category_ids: vec![],
        unit_minor: 5_000,
        qty: 1,
        member_unit_minor: None,
    };
    let ctx = Context {
        now: now.unix_timestamp(),
        new_customer: false,
        shipping_minor: 0,
    };
    let priced = price(&[line], &automatic, None, &ctx);
    (
        automatic.iter().map(|r| r.id).collect(),
        priced.discount_minor,
    )
}

async fn status(pool: &PgPool, clock: &ManualClock, id: i64) -> PromoStatus {
    app::admin::promotions::db::list(pool, clock.now())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
        .status
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_promotion_for_tomorrow_applies_once_the_clock_gets_there(pool: PgPool) {
    let tomorrow = shop("2030-06-16T00:00");
    let id: i64 = sqlx::query_scalar(
        r#"INSERT INTO promotions (kind, name, tiers, starts_at)
           VALUES ('threshold', '{"zh-CN": "明日满减", "en": "From tomorrow"}',
                   '[{"min_minor": 1000, "off_minor": 100}]', to_timestamp($1::bigint))
           RETURNING id"#,
    )
    .bind(tomorrow)
    .fetch_one(&pool)
    .await
    .unwrap();
    // Noon the day before, by the shop's clock; the database's clock is
    // years away and must not matter.
    let clock =
        ManualClock::new(OffsetDateTime::from_unix_timestamp(shop("2030-06-15T12:00")).unwrap());
    assert_eq!(in_force(&pool, &clock).await, (vec![], 0));
    assert_eq!(status(&pool, &clock, id).await, PromoStatus::Scheduled);

    clock.set(OffsetDateTime::from_unix_timestamp(tomorrow - 1).unwrap());
    assert_eq!(in_force(&pool, &clock).await, (vec![], 0));

    clock.advance(Duration::seconds(1));
    assert_eq!(in_force(&pool, &clock).await, (vec![id], 100));
    assert_eq!(status(&pool, &clock, id).await, PromoStatus::Running);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_promotion_the_model_cannot_hold_is_an_error_not_a_guess(pool: PgPool) {
    // A coupon with both a percent and an amount off: the list used to show
    // it as a percent coupon and checkout to apply the percent.
    sqlx::query(
        r#"INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor)
           VALUES ('coupon', 'BOTH', '{"zh-CN": "两者", "en": "Both"}', 10, 500)"#,
    )
    .execute(&pool)
    .await
    .unwrap();
    let clock = ManualClock::new(OffsetDateTime::now_utc());
    assert!(matches!(
        app::admin::promotions::db::list(&pool, clock.now()).await,
        Err(AppError::Internal)
    ));
    // Checkout leaves it out (logged) rather than stop selling.
    let mut conn = pool.acquire().await.unwrap();
    let (automatic, coupon) = rules(
        &mut conn,
        clock.now(),
        "CNY",
        Some("BOTH"),
        &Buyer::default(),
        ZH,
    )
    .await
    .unwrap();
    assert!(automatic.is_empty() && coupon.is_none());
}
