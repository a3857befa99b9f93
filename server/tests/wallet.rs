//! The coupon wallet (issue 19) against a real database and over HTTP: a
//! coupon kept to wallet holders and to a level, an order using one held
//! copy (and a cancellation giving it back), orders racing for the last
//! copy, checkout's suggestion with the reasons for the others, and staff
//! issuing a coupon to a level once per form.
use crate::common::{TestApp, demo, field_key, plain_shopper, spawn, staff_client};
use app::cart::db::{Ask, price, price_and_offers};
use app::cart::{LineIn, ShippingMethod};
use app::checkout::db::{Owner, Placement, place};
use app::error::{AppError, ErrorKey};
use app::loyalty::levels::MemberLevel;
use app::orders::Actor;
use app::promotions::CouponProblem;
use app::promotions::db::Buyer;
use app::wallet::{CouponOffer, WalletState};
use sqlx::PgPool;
use time::OffsetDateTime;

const ZH: (&str, &str) = ("zh-CN", "en");

/// Demo data, its coupons switched back on (automatic promotions stay off,
/// they would move totals), and a listed variant at ¥160 with stock.
async fn setup(pool: &PgPool) -> i64 {
    demo(pool).await;
    sqlx::query("UPDATE promotions SET active = true WHERE kind = 'coupon'")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query_scalar(
        "UPDATE product_variants SET price_minor = 16000, stock = 100
          WHERE id = (SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
                       WHERE p.listed ORDER BY v.id LIMIT 1)
          RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Puts a copy of `code` in `user`'s wallet, valid until `until`.
async fn give(pool: &PgPool, user: i64, code: &str, key: &str, until: Option<OffsetDateTime>) {
    sqlx::query(
        "INSERT INTO coupon_grants (promotion_id, user_id, source, grant_key, issued_at, valid_until)
         SELECT id, $2, 'issued', $3, now(), $4 FROM promotions WHERE code = $1",
    )
    .bind(code)
    .bind(user)
    .bind(key)
    .bind(until)
    .execute(pool)
    .await
    .unwrap();
}

async fn set_level(pool: &PgPool, user: i64, level: &str) {
    sqlx::query("UPDATE users SET level = $2 WHERE id = $1")
        .bind(user)
        .bind(level)
        .execute(pool)
        .await
        .unwrap();
}

fn lines(variant: i64) -> Vec<LineIn> {
    vec![LineIn {
        variant_id: variant,
        qty: 1,
        seen_price_minor: None,
    }]
}

fn buyer(user: Option<i64>) -> Buyer {
    Buyer {
        user_id: user,
        email: None,
    }
}

/// (total, the coupon's problem) for `lines` with `code`.
async fn quote(
    pool: &PgPool,
    user: Option<i64>,
    lines: &[LineIn],
    code: &str,
) -> (i64, Option<CouponProblem>) {
    let mut conn = pool.acquire().await.unwrap();
    let b = buyer(user);
    let ask = Ask {
        lines,
        coupon: Some(code).filter(|c| !c.is_empty()),
        buyer: &b,
        shipping: ShippingMethod::Standard,
        langs: ZH,
        now: OffsetDateTime::now_utc(),
        use_points: false,
    };
    let q = price(&mut conn, &ask).await.unwrap().quote;
    (q.total_minor, q.coupon_problem)
}

async fn offers(pool: &PgPool, user: i64, lines: &[LineIn]) -> Vec<CouponOffer> {
    let mut conn = pool.acquire().await.unwrap();
    let b = buyer(Some(user));
    let ask = Ask {
        lines,
        coupon: None,
        buyer: &b,
        shipping: ShippingMethod::Standard,
        langs: ZH,
        now: OffsetDateTime::now_utc(),
        use_points: false,
    };
    price_and_offers(&mut conn, &ask, true).await.unwrap().1
}

fn placement(user: i64, key: &str, lines: Vec<LineIn>, code: &str, total: i64) -> Placement {
    Placement {
        owner: Owner::User {
            id: user,
            email: format!("u{user}@wallet.test"),
        },
        key: key.to_string(),
        lines,
        coupon: Some(code.to_string()),
        shipping: ShippingMethod::Standard,
        payment: app::payments::PaymentMethod::Sandbox,
        ship_to: serde_json::json!({"recipient": "王芳", "phone": "13800138000",
                                    "region": "上海市", "line1": "南京西路 1 号"}),
        langs: ZH,
        expected_total_minor: total,
        use_points: false,
        expected_points: 0,
        now: OffsetDateTime::now_utc(),
    }
}

async fn wallet(pool: &PgPool, user: i64) -> Vec<(String, WalletState)> {
    let mut conn = pool.acquire().await.unwrap();
    app::wallet::db::list(&mut conn, user, OffsetDateTime::now_utc())
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.state))
        .collect()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_wallet_coupon_needs_a_held_copy_and_the_level(pool: PgPool) {
    let v = setup(&pool).await;
    let u = plain_shopper(&pool, "holder@wallet.test").await;
    // GOLD30 (demo): wallet holders at gold and above, ¥30 off ¥150.
    let (full, problem) = quote(&pool, None, &lines(v), "").await;
    assert_eq!((full, problem), (16_000, None), "¥160, free delivery");
    assert_eq!(
        quote(&pool, None, &lines(v), "gold30").await,
        (16_000, Some(CouponProblem::NotInWallet)),
        "a guest holds nothing"
    );
    assert_eq!(
        quote(&pool, Some(u), &lines(v), "GOLD30").await.1,
        Some(CouponProblem::NotInWallet)
    );
    give(&pool, u, "GOLD30", "t1", None).await;
    assert_eq!(
        quote(&pool, Some(u), &lines(v), "GOLD30").await.1,
        Some(CouponProblem::MembersOnly {
            level: MemberLevel::Gold
        }),
        "held, but the shopper is regular"
    );
    set_level(&pool, u, "vip").await;
    assert_eq!(
        quote(&pool, Some(u), &lines(v), "GOLD30").await,
        (13_000, None),
        "VIP is above gold"
    );
    // An expired copy is no copy.
    let late = plain_shopper(&pool, "late@wallet.test").await;
    set_level(&pool, late, "gold").await;
    let yesterday = OffsetDateTime::now_utc() - time::Duration::days(1);
    give(&pool, late, "GOLD30", "t1", Some(yesterday)).await;
    assert_eq!(
        quote(&pool, Some(late), &lines(v), "GOLD30").await.1,
        Some(CouponProblem::NotInWallet)
    );
    assert_eq!(
        wallet(&pool, late).await,
        vec![("GOLD30".to_string(), WalletState::Expired)]
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_order_uses_one_copy_and_a_cancellation_gives_it_back(pool: PgPool) {
    let v = setup(&pool).await;
    let u = plain_shopper(&pool, "use@wallet.test").await;
    set_level(&pool, u, "gold").await;
    give(&pool, u, "GOLD30", "t1", None).await;
    let (total, _) = quote(&pool, Some(u), &lines(v), "GOLD30").await;
    assert_eq!(total, 13_000);
    let order = place(
        &pool,
        placement(u, "wallet-use-000001", lines(v), "GOLD30", total),
    )
    .await
    .unwrap();
    let used: Option<i64> = sqlx::query_scalar(
        "SELECT order_id FROM coupon_grants WHERE user_id = $1 AND used_at IS NOT NULL",
    )
    .bind(u)
    .fetch_optional(&pool)
    .await
    .unwrap();
    assert_eq!(used, Some(order.id));
    assert_eq!(
        wallet(&pool, u).await,
        vec![("GOLD30".to_string(), WalletState::Used)]
    );
    // Its only copy is used: the next order cannot have the coupon.
    assert_eq!(
        quote(&pool, Some(u), &lines(v), "GOLD30").await.1,
        Some(CouponProblem::NotInWallet)
    );
    app::orders::db::cancel(&pool, order.id, Actor::Shopper, "改主意了")
        .await
        .unwrap();
    assert_eq!(
        wallet(&pool, u).await,
        vec![("GOLD30".to_string(), WalletState::Available)]
    );
    assert_eq!(quote(&pool, Some(u), &lines(v), "GOLD30").await.1, None);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn orders_racing_for_the_last_copy_get_it_once(pool: PgPool) {
    let v = setup(&pool).await;
    let u = plain_shopper(&pool, "race@wallet.test").await;
    set_level(&pool, u, "gold").await;
    give(&pool, u, "GOLD30", "t1", None).await;
    let (total, _) = quote(&pool, Some(u), &lines(v), "GOLD30").await;
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let pool = pool.clone();
            let p = placement(u, &format!("wallet-race-{i:06}"), lines(v), "GOLD30", total);
            tokio::spawn(async move { place(&pool, p).await })
        })
        .collect();
    let mut placed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => placed += 1,
            // Priced after the winner took the copy, or lost the race for it.
            Err(AppError::Conflict(ErrorKey::CouponNotApplicable)) => {}
            Err(e) => panic!("unexpected refusal: {e:?}"),
        }
    }
    assert_eq!(placed, 1);
    let (orders, used): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM orders WHERE user_id = $1),
                (SELECT count(*) FROM coupon_grants WHERE user_id = $1 AND order_id IS NOT NULL)",
    )
    .bind(u)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((orders, used), (1, 1));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn checkout_suggests_the_best_held_coupon_and_says_why_not_the_others(pool: PgPool) {
    let v = setup(&pool).await;
    let u = plain_shopper(&pool, "best@wallet.test").await;
    set_level(&pool, u, "gold").await;
    assert!(
        offers(&pool, u, &lines(v)).await.is_empty(),
        "an empty wallet"
    );
    // On ¥160 (free delivery): GOLD30 saves ¥30, WELCOME10 ¥16, FREESHIP
    // nothing, SAVE20 needs ¥199. An expired copy is not offered.
    for code in ["SAVE20", "FREESHIP", "WELCOME10", "GOLD30"] {
        give(&pool, u, code, "t1", None).await;
    }
    let past = OffsetDateTime::now_utc() - time::Duration::hours(1);
    sqlx::query("UPDATE promotions SET ends_at = $1 WHERE code = 'WELCOME10'")
        .bind(past)
        .execute(&pool)
        .await
        .unwrap();
    let got = offers(&pool, u, &lines(v)).await;
    let seen: Vec<(&str, i64, Option<CouponProblem>, bool)> = got
        .iter()
        .map(|o| (o.code.as_str(), o.savings_minor, o.problem, o.best))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("GOLD30", 3_000, None, true),
            ("FREESHIP", 0, None, false),
            (
                "SAVE20",
                0,
                Some(CouponProblem::MinSpend { short_minor: 3_900 }),
                false
            ),
        ]
    );
    assert!(got[0].name.contains("黄金会员"), "{:?}", got[0].name);
    // Below the coupon's level it is listed with the reason, never best.
    set_level(&pool, u, "silver").await;
    let got = offers(&pool, u, &lines(v)).await;
    let gold = got.iter().find(|o| o.code == "GOLD30").unwrap();
    assert_eq!(
        (gold.problem, gold.best),
        (
            Some(CouponProblem::MembersOnly {
                level: MemberLevel::Gold
            }),
            false
        )
    );
    assert!(got.iter().all(|o| !o.best), "nothing else saves: {got:?}");
}

async fn issue_as(
    app: &TestApp,
    client: &reqwest::Client,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    app.post_json(client, "admin/loyalty/issue-coupon", body)
        .await
}

async fn audits(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_keep_a_coupon_to_holders_and_issue_it_once_per_form(pool: PgPool) {
    let v = setup(&pool).await;
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "wallet").await;
    let gold = plain_shopper(&pool, "gold@wallet.test").await;
    let vip = plain_shopper(&pool, "vip@wallet.test").await;
    let plain = plain_shopper(&pool, "plain@wallet.test").await;
    set_level(&pool, gold, "gold").await;
    set_level(&pool, vip, "vip").await;

    // SAVE20 becomes wallet-only, 7 days in a wallet.
    let terms = |code: &str, days: &str| serde_json::json!({"code": code, "wallet_only": true, "min_level": "", "valid_days": days});
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/coupon-terms", terms("save20", "0"))
        .await;
    assert_eq!(
        (s, field_key(&body, "valid_days").as_deref()),
        (422, Some("number_invalid"))
    );
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/coupon-terms", terms("NOPE", "7"))
        .await;
    assert_eq!(
        (s, field_key(&body, "code").as_deref()),
        (422, Some("not_found"))
    );
    assert_eq!(audits(&app, "admin/loyalty/coupon-terms").await, 0);
    let (s, body) = app
        .post_json(&ops, "admin/loyalty/coupon-terms", terms("save20", "7"))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(audits(&app, "admin/loyalty/coupon-terms").await, 1);
    let two = vec![LineIn {
        variant_id: v,
        qty: 2,
        seen_price_minor: None,
    }];
    assert_eq!(
        quote(&pool, Some(plain), &two, "SAVE20").await.1,
        Some(CouponProblem::NotInWallet)
    );

    // To gold and above: both members, not the regular shopper; the same
    // form again gives nothing more.
    let issue = |to: &str, email: &str, key: &str| {
        serde_json::json!({"code": "SAVE20", "to": to, "email": email, "level": "gold",
                           "reason": "会员日", "key": key})
    };
    let (s, body) = issue_as(&app, &ops, issue("level", "", "form-1")).await;
    assert_eq!((s, body.clone()), (200, serde_json::json!(2)), "{body}");
    let (s, body) = issue_as(&app, &ops, issue("level", "", "form-1")).await;
    assert_eq!((s, body), (200, serde_json::json!(0)));
    assert_eq!(told(&pool, vip).await.len(), 1, "told once");
    assert_eq!(
        wallet(&pool, gold).await,
        vec![("SAVE20".to_string(), WalletState::Available)]
    );
    assert!(wallet(&pool, plain).await.is_empty());
    let until: OffsetDateTime =
        sqlx::query_scalar("SELECT valid_until FROM coupon_grants WHERE user_id = $1")
            .bind(vip)
            .fetch_one(&pool)
            .await
            .unwrap();
    let days = (until - OffsetDateTime::now_utc()).whole_hours();
    assert!((167..=168).contains(&days), "7 days: {days} hours");
    // The holder may use it now.
    assert_eq!(
        quote(&pool, Some(gold), &two, "SAVE20").await,
        (30_000, None)
    );

    // To one shopper, by e-mail; unknown e-mails and missing reasons named.
    let (s, body) = issue_as(&app, &ops, issue("shopper", "nobody@wallet.test", "form-2")).await;
    assert_eq!(
        (s, field_key(&body, "email").as_deref()),
        (422, Some("not_found"))
    );
    let mut no_reason = issue("shopper", "plain@wallet.test", "form-3");
    no_reason["reason"] = serde_json::json!(" ");
    let (s, body) = issue_as(&app, &ops, no_reason).await;
    assert_eq!(
        (s, field_key(&body, "reason").as_deref()),
        (422, Some("required"))
    );
    assert_eq!(audits(&app, "admin/loyalty/issue-coupon").await, 2);
    let (s, body) = issue_as(&app, &ops, issue("shopper", "PLAIN@wallet.test", "form-4")).await;
    assert_eq!((s, body), (200, serde_json::json!(1)));
    assert_eq!(wallet(&pool, plain).await.len(), 1);
    // They are told, in the inbox (promotions by e-mail need their opt-in).
    assert_eq!(
        told(&pool, plain).await,
        [("inbox".to_string(), Some("SAVE20".to_string()))]
    );

    // The page lists the terms with the copies.
    let (s, body) = app.get(&ops, "admin/loyalty/coupons?lang=en").await;
    assert_eq!(s, 200, "{body}");
    let save20 = body["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "SAVE20")
        .cloned()
        .unwrap();
    assert_eq!(
        (save20["held"].clone(), save20["valid_days"].clone()),
        (serde_json::json!(3), serde_json::json!(7))
    );

    // A shopper is refused the back office's coupon functions.
    let shopper = crate::common::client();
    app.create_user("shopper@wallet.test", "shopper-pass-1", "shopper")
        .await;
    app.sign_in(&shopper, "shopper@wallet.test", "shopper-pass-1")
        .await;
    let (s, _) = issue_as(&app, &shopper, issue("level", "", "form-5")).await;
    assert_eq!(s, 403);
}

/// The "coupon in your wallet" messages to `user`: channel and code.
async fn told(pool: &PgPool, user: i64) -> Vec<(String, Option<String>)> {
    sqlx::query_as(
        "SELECT channel, payload->>'code' FROM outbox
          WHERE user_id = $1 AND event = 'coupon_received' ORDER BY id",
    )
    .bind(user)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn birthday(pool: &PgPool, email: &str, (m, d): (i16, i16)) -> i64 {
    let u = plain_shopper(pool, email).await;
    sqlx::query("UPDATE users SET birth_month = $2, birth_day = $3 WHERE id = $1")
        .bind(u)
        .bind(m)
        .bind(d)
        .execute(pool)
        .await
        .unwrap();
    u
}

/// Two job runners at `now`, at once: how many coupons they gave.
async fn two_runners(pool: &PgPool, now: OffsetDateTime) -> i64 {
    let (a, b) = tokio::join!(
        app::wallet::db::birthday::run_at(pool, now),
        app::wallet::db::birthday::run_at(pool, now)
    );
    a.unwrap() + b.unwrap()
}

async fn birthday_keys(pool: &PgPool, user: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT grant_key FROM coupon_grants WHERE user_id = $1 AND source = 'birthday' ORDER BY id",
    )
    .bind(user)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_birthday_coupon_comes_once_a_year_days_before(pool: PgPool) {
    use time::macros::datetime;
    setup(&pool).await;
    let march = birthday(&pool, "march@wallet.test", (3, 10)).await;
    let leap = birthday(&pool, "leap@wallet.test", (2, 29)).await;
    let new_year = birthday(&pool, "jan@wallet.test", (1, 1)).await;
    let none = plain_shopper(&pool, "none@wallet.test").await;
    // No birthday coupon set: nothing, whatever the day.
    assert_eq!(two_runners(&pool, datetime!(2027-03-10 04:00 UTC)).await, 0);
    sqlx::query(
        "UPDATE birthday_coupon SET days_before = 3,
                promotion_id = (SELECT id FROM promotions WHERE code = 'WELCOME10')",
    )
    .execute(&pool)
    .await
    .unwrap();
    // 6 March, 23:30 in Shanghai: four days before, not yet.
    assert_eq!(two_runners(&pool, datetime!(2027-03-06 15:30 UTC)).await, 0);
    // 7 March, 00:30 in Shanghai (still the 6th in UTC): once, by two runners.
    assert_eq!(two_runners(&pool, datetime!(2027-03-06 16:30 UTC)).await, 1);
    assert_eq!(
        two_runners(&pool, datetime!(2027-03-10 04:00 UTC)).await,
        0,
        "not again"
    );
    assert_eq!(birthday_keys(&pool, march).await, ["birthday:2027"]);
    assert_eq!(told(&pool, march).await.len(), 1, "told once");
    // 29 February is the 28th in 2027: due from the 25th.
    assert_eq!(two_runners(&pool, datetime!(2027-02-24 04:00 UTC)).await, 0);
    assert_eq!(two_runners(&pool, datetime!(2027-02-25 04:00 UTC)).await, 1);
    assert_eq!(birthday_keys(&pool, leap).await, ["birthday:2027"]);
    // Three days before 1 January 2028 is still 2027: that birthday's.
    assert_eq!(two_runners(&pool, datetime!(2027-12-29 04:00 UTC)).await, 1);
    assert_eq!(birthday_keys(&pool, new_year).await, ["birthday:2028"]);
    // The next year, again once.
    assert_eq!(two_runners(&pool, datetime!(2028-03-08 04:00 UTC)).await, 1);
    assert_eq!(
        birthday_keys(&pool, march).await,
        ["birthday:2027", "birthday:2028"]
    );
    assert!(birthday_keys(&pool, none).await.is_empty());
    // Staff switching the coupon mid-year gives no second one that year.
    sqlx::query(
        "UPDATE birthday_coupon SET promotion_id = (SELECT id FROM promotions WHERE code = 'SAVE20')",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(two_runners(&pool, datetime!(2028-03-09 04:00 UTC)).await, 0);
    // It lands in the wallet like any other copy (WELCOME10 lasts as long
    // as it runs: no days set).
    let until: Option<OffsetDateTime> = sqlx::query_scalar(
        "SELECT valid_until FROM coupon_grants WHERE user_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(march)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(until, None);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_shopper_claims_a_claimable_coupon_once(pool: PgPool) {
    setup(&pool).await;
    let u = plain_shopper(&pool, "claim@wallet.test").await;
    let now = OffsetDateTime::now_utc();
    let mut conn = pool.acquire().await.unwrap();
    let list = app::wallet::db::claimable(&mut conn, Some(u), "zh-CN", now)
        .await
        .unwrap();
    // CLAIM8 (demo): claimable, 7 days; GOLD30 is not claimable.
    assert_eq!(
        list.iter()
            .map(|c| (c.code.as_str(), c.claimed, c.allowed))
            .collect::<Vec<_>>(),
        [("CLAIM8", false, true)]
    );
    assert!(
        app::wallet::db::claim(&mut conn, u, "CLAIM8", now)
            .await
            .unwrap()
    );
    assert!(
        !app::wallet::db::claim(&mut conn, u, "CLAIM8", now)
            .await
            .unwrap(),
        "a second claim gives nothing more"
    );
    assert_eq!(
        wallet(&pool, u).await,
        vec![("CLAIM8".to_string(), WalletState::Available)]
    );
    let list = app::wallet::db::claimable(&mut conn, Some(u), "en", now)
        .await
        .unwrap();
    assert!(list[0].claimed && list[0].name.contains("¥8"), "{list:?}");
    assert!(matches!(
        app::wallet::db::claim(&mut conn, u, "GOLD30", now).await,
        Err(AppError::NotFound)
    ));
    // Kept to gold: a regular shopper cannot claim it, a gold one can.
    sqlx::query(
        "UPDATE coupon_terms SET min_level = 'gold'
          WHERE promotion_id = (SELECT id FROM promotions WHERE code = 'CLAIM8')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let other = plain_shopper(&pool, "other@wallet.test").await;
    let list = app::wallet::db::claimable(&mut conn, Some(other), "zh-CN", now)
        .await
        .unwrap();
    assert!(!list[0].allowed);
    assert!(matches!(
        app::wallet::db::claim(&mut conn, other, "CLAIM8", now).await,
        Err(AppError::Conflict(ErrorKey::CouponNotApplicable))
    ));
    set_level(&pool, other, "gold").await;
    assert!(
        app::wallet::db::claim(&mut conn, other, "CLAIM8", now)
            .await
            .unwrap()
    );
    let days: i64 = sqlx::query_scalar(
        "SELECT extract(day FROM valid_until - issued_at)::bigint FROM coupon_grants WHERE user_id = $1",
    )
    .bind(other)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(days, 7);
}
