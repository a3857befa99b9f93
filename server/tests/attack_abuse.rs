//! Abuse of the shop over real HTTP (issue 14, items 3, 6, 7 and 8):
//! - open-redirect payloads in the language switch and the sign-in `next`;
//! - registration bursts (throttled per network before the password hash,
//!   e-mail enumeration bounded) and `X-Forwarded-For` believed only from a
//!   trusted proxy;
//! - a parallel burst of wrong passwords gets at most five tries;
//! - checkout requests rate-limited per network, and 100 guest orders from
//!   one network: at most the limits succeed, the stock held stays bounded;
//! - review photos: an oversized body, a decompression bomb, an upload by
//!   someone with no right to review, and a second review of one line;
//! - CSV export of a product named like a formula;
//! - a 100 KB search query and a thousand filters;
//! - cart quantities of `i32::MAX`, twice.
use crate::common;

use common::{TestApp, client, demo, paid_order, session_cookie, spawn, spawn_with, test_config};
use serde_json::{Value, json};
use sqlx::PgPool;
use std::net::IpAddr;
use std::time::Duration;

// ---------------------------------------------------------------- helpers

const EN_ERRORS: &str = include_str!("../../locales/en/errors.json");
const ZH_ERRORS: &str = include_str!("../../locales/zh-CN/errors.json");

/// A 429's message key, checked to have a text in both languages.
fn limit_key(status: u16, body: &Value) -> String {
    assert_eq!(status, 429, "{body}");
    let key = body["RateLimited"]
        .as_str()
        .unwrap_or_else(|| panic!("not a rate-limit answer: {body}"))
        .to_string();
    for (locale, file) in [("en", EN_ERRORS), ("zh-CN", ZH_ERRORS)] {
        let texts: Value = serde_json::from_str(file).unwrap();
        assert!(
            texts[key.as_str()].as_str().is_some_and(|t| !t.is_empty()),
            "{key} has no {locale} text"
        );
    }
    key
}

fn localhost() -> IpAddr {
    "127.0.0.1".parse().unwrap()
}

/// A server whose abuse limits are `limits`, behind a "proxy" at 127.0.0.1
/// (so each test can speak from several networks with `X-Forwarded-For`).
async fn spawn_limited(pool: PgPool, limits: app::server::Limits) -> TestApp {
    let mut cfg = test_config();
    cfg.limits = limits;
    cfg.trusted_proxies = vec![localhost()];
    spawn_with(pool, cfg).await
}

/// A form-encoded server function call, from network `from` when given.
async fn post_from(
    app: &TestApp,
    c: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
    from: Option<&str>,
) -> (u16, Value) {
    let mut req = c.post(format!("{}/api/{endpoint}", app.base)).form(form);
    if let Some(ip) = from {
        req = req.header("x-forwarded-for", ip);
    }
    answer(req).await
}

/// A JSON server function call, from network `from` when given.
async fn json_from(
    app: &TestApp,
    c: &reqwest::Client,
    endpoint: &str,
    body: Value,
    from: Option<&str>,
) -> (u16, Value) {
    let mut req = c.post(format!("{}/api/{endpoint}", app.base)).json(&body);
    if let Some(ip) = from {
        req = req.header("x-forwarded-for", ip);
    }
    answer(req).await
}

async fn answer(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn register_form(email: &str) -> [(&str, &str); 3] {
    [
        ("email", email),
        ("password", "good-pass-1"),
        ("display_name", "测试用户"),
    ]
}

async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

// ---------------------------------------------------------- open redirect

/// The payloads, as the server receives them once the query or form is
/// decoded. Some carry escapes of their own (`%09`, `%2f`, `%5c`) that a
/// proxy or a later page could decode into another site's address.
const REDIRECT_PAYLOADS: [&str; 13] = [
    "//evil.example",
    "/\\evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%2f%2fevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/%5cevil.example",
    "\\/\\/evil.example",
    "/%0a/evil.example",
    "/%252f%252fevil.example",
    " //evil.example",
    "/\u{3000}/evil.example",
];

/// `%XX` decoded (bytes kept as they are otherwise).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a `Location` can only lead to this site, whatever a browser
/// (which drops tabs and newlines and reads `\` as `/`) or a later hop that
/// percent-decodes it again does with it.
fn stays_on_site(location: &str) -> bool {
    let mut layer = location.to_string();
    for _ in 0..4 {
        let seen = layer
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .replace('\\', "/");
        if !seen.starts_with('/') || seen.starts_with("//") || layer.chars().any(char::is_control) {
            return false;
        }
        let decoded = percent_decode(&layer);
        if decoded == layer {
            return true;
        }
        layer = decoded;
    }
    false
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no Location ({})", res.status()))
        .to_string()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn open_redirect_payloads_never_leave_the_site(pool: PgPool) {
    let app = spawn(pool).await;
    app.create_user("li@agora.test", "right-pass-1", "shopper")
        .await;
    for payload in REDIRECT_PAYLOADS {
        // The language switch (works without JavaScript, and without a session).
        let res = client()
            .get(format!("{}/lang/en", app.base))
            .query(&[("next", payload)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{payload:?}");
        let to = location(&res);
        assert!(stays_on_site(&to), "/lang/en sent {payload:?} to {to:?}");
        assert_eq!(to, "/account", "{payload:?} is not a path on this site");

        // Signing in with it as `next`, as the sign-in form posts it.
        let res = client()
            .post(format!("{}/api/sign_in", app.base))
            .header("accept", "text/html")
            .form(&[
                ("email", "li@agora.test"),
                ("password", "right-pass-1"),
                ("next", payload),
            ])
            .send()
            .await
            .unwrap();
        let to = location(&res);
        assert!(stays_on_site(&to), "sign-in sent {payload:?} to {to:?}");
        assert_eq!(to, "/account", "{payload:?}");
    }
    // The same payloads straight in the URL, escapes and all.
    for raw in [
        "/%09/evil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
        "/%2509/evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
    ] {
        let res = client()
            .get(format!("{}/lang/en?next={raw}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{raw}");
        assert_eq!(location(&res), "/account", "{raw}");
        let cookies: Vec<&str> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|c| c.to_str().ok())
            .collect();
        assert!(
            cookies.iter().any(|c| c.starts_with("i18n_pref_locale=en")),
            "{cookies:?}"
        );
        assert!(!cookies.iter().any(|c| c.starts_with("x=")), "{cookies:?}");
    }
    // A real path on the site still works, escapes and non-ASCII included.
    let res = client()
        .get(format!("{}/lang/en", app.base))
        .query(&[("next", "/search?q=衬衫&page=2")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/search?q=%E8%A1%AC%E8%A1%AB&page=2");
}

// ----------------------------------------------------------- registration

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn registration_is_throttled_per_network_and_enumeration_bounded(pool: PgPool) {
    let limits = app::server::Limits {
        register_per_hour: 3,
        ..Default::default()
    };
    let app = spawn_limited(pool, limits).await;
    app.create_user("taken@agora.test", "right-pass-1", "shopper")
        .await;
    let attacker = Some("203.0.113.7");
    // Probing for accounts: the first three attempts are answered (and each
    // costs a full password hash); after that nothing more is learnt.
    for _ in 0..3 {
        let (s, body) = post_from(
            &app,
            &client(),
            "register",
            &register_form("taken@agora.test"),
            attacker,
        )
        .await;
        assert_eq!(
            (s, common::field_key(&body, "email").as_deref()),
            (422, Some("email_taken"))
        );
    }
    for email in ["taken@agora.test", "someone@agora.test", "new@agora.test"] {
        let (s, body) =
            post_from(&app, &client(), "register", &register_form(email), attacker).await;
        assert_eq!(limit_key(s, &body), "too_many_registrations");
    }
    assert_eq!(app.user_count().await, 1, "nothing registered");

    // What the client writes on the left of X-Forwarded-For is not believed:
    // through the proxy the rightmost untrusted hop is the client.
    let (s, body) = post_from(
        &app,
        &client(),
        "register",
        &register_form("left@agora.test"),
        Some("198.51.100.1, 203.0.113.7"),
    )
    .await;
    assert_eq!(limit_key(s, &body), "too_many_registrations");

    // Another network registers as usual.
    let (s, body) = post_from(
        &app,
        &client(),
        "register",
        &register_form("fresh@agora.test"),
        Some("198.51.100.1"),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(app.user_count().await, 2);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_parallel_registration_burst_gets_only_the_limit_through(pool: PgPool) {
    let limits = app::server::Limits {
        register_per_hour: 3,
        ..Default::default()
    };
    let app = spawn_limited(pool, limits).await;
    let burst = (0..12).map(|i| {
        let app = &app;
        async move {
            let email = format!("burst{i}@agora.test");
            post_from(
                app,
                &client(),
                "register",
                &register_form(&email),
                Some("203.0.113.8"),
            )
            .await
        }
    });
    let answers = futures::future::join_all(burst).await;
    let passed = answers.iter().filter(|(s, _)| *s == 200).count();
    for (s, body) in answers.iter().filter(|(s, _)| *s != 200) {
        assert_eq!(limit_key(*s, body), "too_many_registrations");
    }
    assert_eq!(passed, 3);
    assert_eq!(app.user_count().await, 3);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn forwarded_for_is_ignored_from_an_untrusted_peer(pool: PgPool) {
    // No trusted proxy: every request is counted by its TCP peer, whatever
    // X-Forwarded-For it makes up.
    let mut cfg = test_config();
    cfg.limits.register_per_hour = 2;
    let app = spawn_with(pool, cfg).await;
    for (i, forged) in ["203.0.113.1", "203.0.113.2"].into_iter().enumerate() {
        let email = format!("f{i}@agora.test");
        let (s, body) = post_from(
            &app,
            &client(),
            "register",
            &register_form(&email),
            Some(forged),
        )
        .await;
        assert_eq!(s, 200, "{body}");
    }
    let (s, body) = post_from(
        &app,
        &client(),
        "register",
        &register_form("f3@agora.test"),
        Some("203.0.113.3"),
    )
    .await;
    assert_eq!(limit_key(s, &body), "too_many_registrations");
    let buckets: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT ip FROM throttle_events WHERE action = 'register'")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(buckets, ["127.0.0.1"]);
}

// ---------------------------------------------------------------- sign-in

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_parallel_burst_of_wrong_passwords_gets_at_most_five_tries(pool: PgPool) {
    let app = spawn(pool).await;
    app.create_user("chen@agora.test", "right-pass-1", "shopper")
        .await;
    let burst = (0..20).map(|_| {
        let app = &app;
        async move {
            let (s, body, _) = app
                .sign_in(&client(), "chen@agora.test", "wrong-pass-1")
                .await;
            (s, body)
        }
    });
    let answers = futures::future::join_all(burst).await;
    let tried = answers.iter().filter(|(s, _)| *s == 401).count();
    let refused = answers.iter().filter(|(s, _)| *s == 429).count();
    assert!(
        tried <= app::accounts::db::MAX_FAILURES_PER_EMAIL as usize,
        "{tried} passwords were tried"
    );
    assert_eq!(tried + refused, 20, "{answers:?}");
    for (s, body) in &answers {
        if *s == 429 {
            assert_eq!(body, &Value::String("TooManyAttempts".into()));
        }
    }
    // Now even the right password is refused for a while.
    let c = client();
    let (s, body, _) = app.sign_in(&c, "chen@agora.test", "right-pass-1").await;
    assert_eq!((s, body), (429, Value::String("TooManyAttempts".into())));
    assert_eq!(app.get(&c, "me").await.1, Value::Null);
}

// --------------------------------------------------------------- checkout

async fn stocked_variant(pool: &PgPool, stock: i32) -> i64 {
    let v: i64 = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed ORDER BY v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("UPDATE product_variants SET stock = $2 WHERE id = $1")
        .bind(v)
        .bind(stock)
        .execute(pool)
        .await
        .unwrap();
    v
}

async fn quote(app: &TestApp, variant: i64, qty: i32, from: Option<&str>) -> (u16, Value) {
    json_from(
        app,
        &client(),
        "cart",
        json!({"lang": "zh-CN", "guest_lines": [{"variant_id": variant, "qty": qty}],
               "coupon": null, "shipping": "standard"}),
        from,
    )
    .await
}

fn guest_order(i: usize, variant: i64, qty: i32, total: i64) -> Value {
    json!({"order": {"key": format!("burst-order-{i:08}"), "lang": "zh-CN",
                      "lines": [{"variant_id": variant, "qty": qty}],
                      "email": format!("guest{i}@agora.test"),
                      "address": {"recipient": "李雷", "phone": "13912345678", "region": "北京市",
                                  "line1": "长安街 1 号", "postal_code": ""},
                      "shipping": "standard", "payment": "cod", "expected_total_minor": total}})
}

/// `n` guest orders of `qty` units at once, from network `from`.
async fn guest_burst(
    app: &TestApp,
    variant: i64,
    qty: i32,
    n: usize,
    first: usize,
    from: Option<&str>,
) -> Vec<(u16, Value)> {
    let (s, q) = quote(app, variant, qty, from).await;
    assert_eq!(s, 200, "{q}");
    let total = q["total_minor"].as_i64().unwrap();
    // Each order its own client: nothing ties them but the network.
    let orders = (first..first + n).map(|i| async move {
        let order = guest_order(i, variant, qty, total);
        json_from(app, &client(), "place_order", order, from).await
    });
    futures::future::join_all(orders).await
}

/// Units held by guests' unpaid orders (cash on delivery not yet shipped,
/// or online payment not made).
async fn guest_units_held(pool: &PgPool) -> i64 {
    scalar(
        pool,
        "SELECT COALESCE(sum(i.qty), 0)::bigint FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE o.guest_email IS NOT NULL
            AND (o.status = 'pending_payment'
                 OR (o.status = 'awaiting_shipment' AND o.payment_status = 'cod_due'))",
    )
    .await
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_hundred_guest_orders_from_one_network_hold_bounded_stock(pool: PgPool) {
    demo(&pool).await;
    // The shipped defaults: 60 checkout requests a minute, 10 guest orders
    // an hour and 20 units held by unpaid guest orders, per network.
    let limits = app::server::Limits::default();
    let app = spawn(pool.clone()).await;
    let variant = stocked_variant(&pool, 1000).await;
    let answers = guest_burst(&app, variant, 3, 100, 0, None).await;
    let placed = answers.iter().filter(|(s, _)| *s == 200).count();
    for (s, body) in answers.iter().filter(|(s, _)| *s != 200) {
        let key = limit_key(*s, body);
        assert!(
            [
                "too_many_requests",
                "too_many_guest_orders",
                "guest_units_held"
            ]
            .contains(&key.as_str()),
            "{key}"
        );
    }
    let max_orders = (limits.guest_units / 3).min(limits.guest_orders_per_hour) as usize;
    assert!(
        (1..=max_orders).contains(&placed),
        "{placed} of 100 guest orders were placed"
    );
    let held = guest_units_held(&pool).await;
    assert!(held <= i64::from(limits.guest_units), "{held} units held");
    assert_eq!(held, 3 * placed as i64);
    let stock: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(i64::from(stock), 1000 - held);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn guest_orders_per_hour_hold_exactly_under_a_burst(pool: PgPool) {
    demo(&pool).await;
    let limits = app::server::Limits {
        checkout_per_minute: 10_000,
        guest_orders_per_hour: 4,
        guest_units: 10_000,
        ..Default::default()
    };
    let app = spawn_limited(pool.clone(), limits).await;
    let variant = stocked_variant(&pool, 1000).await;
    let answers = guest_burst(&app, variant, 1, 20, 0, Some("203.0.113.20")).await;
    assert_eq!(answers.iter().filter(|(s, _)| *s == 200).count(), 4);
    for (s, body) in answers.iter().filter(|(s, _)| *s != 200) {
        assert_eq!(limit_key(*s, body), "too_many_guest_orders");
    }
    // Another network, and a signed-in shopper, are not held back by it.
    let other = guest_burst(&app, variant, 1, 1, 100, Some("198.51.100.20")).await;
    assert_eq!(other[0].0, 200, "{:?}", other[0].1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn units_held_by_unpaid_guest_orders_are_capped(pool: PgPool) {
    demo(&pool).await;
    let limits = app::server::Limits {
        checkout_per_minute: 10_000,
        guest_orders_per_hour: 10_000,
        guest_units: 5,
        ..Default::default()
    };
    let app = spawn_limited(pool.clone(), limits).await;
    let variant = stocked_variant(&pool, 1000).await;
    let from = Some("203.0.113.30");
    let answers = guest_burst(&app, variant, 2, 10, 0, from).await;
    assert_eq!(answers.iter().filter(|(s, _)| *s == 200).count(), 2);
    for (s, body) in answers.iter().filter(|(s, _)| *s != 200) {
        assert_eq!(limit_key(*s, body), "guest_units_held");
    }
    assert_eq!(guest_units_held(&pool).await, 4);
    // A cancelled order holds nothing any more: its units free up.
    sqlx::query(
        "UPDATE orders SET status = 'cancelled', cancelled_at = now()
          WHERE id = (SELECT min(id) FROM orders WHERE guest_email IS NOT NULL)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let again = guest_burst(&app, variant, 2, 1, 50, from).await;
    assert_eq!(again[0].0, 200, "{:?}", again[0].1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn checkout_requests_are_rate_limited_per_network(pool: PgPool) {
    demo(&pool).await;
    let limits = app::server::Limits {
        checkout_per_minute: 5,
        ..Default::default()
    };
    let app = spawn_limited(pool.clone(), limits).await;
    let variant = stocked_variant(&pool, 100).await;
    let a = Some("203.0.113.40");
    // Quotes and coupon checks count alike.
    for _ in 0..5 {
        assert_eq!(quote(&app, variant, 1, a).await.0, 200);
    }
    let (s, body) = quote(&app, variant, 1, a).await;
    assert_eq!(limit_key(s, &body), "too_many_requests");
    let (s, body) = json_from(
        &app,
        &client(),
        "place_order",
        guest_order(1, variant, 1, 0),
        a,
    )
    .await;
    assert_eq!(limit_key(s, &body), "too_many_requests");
    assert_eq!(scalar(&pool, "SELECT count(*) FROM orders").await, 0);
    // Another network has its own allowance.
    assert_eq!(quote(&app, variant, 1, Some("198.51.100.40")).await.0, 200);
}

// ---------------------------------------------------------------- reviews

/// A delivered order of `email` (signed in on the returned client), with the
/// order number and the line to review.
async fn delivered_line(app: &TestApp, email: &str, n: usize) -> (reqwest::Client, String, i64) {
    let user = app.create_user(email, "right-pass-1", "shopper").await;
    let (order, number, _) = paid_order(&app.pool, Some((user, email)), n).await;
    sqlx::query("UPDATE orders SET status = 'delivered', delivered_at = now() WHERE id = $1")
        .bind(order)
        .execute(&app.pool)
        .await
        .unwrap();
    let item: i64 = sqlx::query_scalar("SELECT id FROM order_items WHERE order_id = $1")
        .bind(order)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let c = client();
    assert_eq!(app.sign_in(&c, email, "right-pass-1").await.0, 200);
    (c, number, item)
}

/// A PNG of `side` × `side` black pixels: a few hundred kilobytes that
/// decode to `side² × 4` bytes.
fn black_png(side: u32) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![0u8; side as usize * 4];
        for _ in 0..side {
            stream.write_all(&row).unwrap();
        }
        stream.finish().unwrap();
        writer.finish().unwrap();
    }
    out
}

/// Posts the review form (multipart, as the order page does) and returns
/// the status and where it sends the shopper.
async fn post_review(
    app: &TestApp,
    c: &reqwest::Client,
    item: i64,
    photo: Option<Vec<u8>>,
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new()
        .text("order_item_id", item.to_string())
        .text("rating", "5")
        .text("body", "很好");
    if let Some(bytes) = photo {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("photo.png")
            .mime_str("image/png")
            .unwrap();
        form = form.part("photos", part);
    }
    app.post_form(c, "/reviews", form).await
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn review_photos_are_decoded_only_for_the_entitled_and_within_limits(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (owner, number, item) = delivered_line(&app, "owner@agora.test", 0).await;
    let reviews = || {
        scalar(
            &pool,
            "SELECT count(*) FROM reviews WHERE order_item_id IS NOT NULL",
        )
    };
    let before = reviews().await;

    // Someone else's line: refused before anything is decoded (a garbage
    // "photo" would otherwise be reported as an invalid photo).
    let (stranger, _, _) = delivered_line(&app, "stranger@agora.test", 1).await;
    let (s, _) = post_review(&app, &stranger, item, Some(b"not a picture".to_vec())).await;
    assert_eq!(s, 403);

    // A decompression bomb: a small file declaring 5000 × 5000 pixels
    // (100 MB decoded) is refused from its header, with its own message.
    let bomb = black_png(5000);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let (s, to) = post_review(&app, &owner, item, Some(bomb)).await;
    assert_eq!(
        (s, to.as_str()),
        (
            303,
            format!("/orders/{number}?review_error=photo_too_large").as_str()
        )
    );
    assert_eq!(reviews().await, before, "nothing stored");

    // A real photo goes through.
    let (s, to) = post_review(&app, &owner, item, Some(black_png(64))).await;
    assert_eq!(
        (s, to.as_str()),
        (303, format!("/orders/{number}?reviewed=1").as_str())
    );
    let photos: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM review_photos p JOIN reviews r ON r.id = p.review_id
          WHERE r.order_item_id = $1",
    )
    .bind(item)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(photos, 1, "the photo is stored");

    // Reviewed already: refused before the photo is even looked at.
    let (s, to) = post_review(&app, &owner, item, Some(b"not a picture".to_vec())).await;
    assert_eq!(
        (s, to.as_str()),
        (
            303,
            format!("/orders/{number}?review_error=already_reviewed").as_str()
        )
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_oversized_review_body_is_refused_before_it_is_read(pool: PgPool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    delivered_line(&app, "big@agora.test", 0).await;
    // A session cookie to send by hand.
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (_, _, headers) = app.sign_in(&raw, "big@agora.test", "right-pass-1").await;
    let sid = session_cookie(&headers).unwrap();
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    // Headers only: the body it announces never comes. Answered at once
    // with 413, not after reading 40 MB (nor waiting for them).
    let head = format!(
        "POST /reviews HTTP/1.1\r\nHost: {addr}\r\nCookie: agora_sid={sid}\r\n\
         Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: {}\r\n\r\n",
        agora_server::reviews::BODY_LIMIT + 1
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(10), socket.read(&mut buf))
        .await
        .expect("an answer without sending the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

// -------------------------------------------------------------------- CSV

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_product_named_like_a_formula_is_exported_as_text(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let formula = r#"=HYPERLINK("http://evil.example","点我")"#;
    let (product, slug): (i64, String) = sqlx::query_as(
        "UPDATE product_translations t SET name = $1 FROM products p
          WHERE p.id = t.product_id AND t.locale = 'zh-CN'
            AND t.product_id = (SELECT min(product_id) FROM product_translations)
          RETURNING p.id, p.slug",
    )
    .bind(formula)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE product_translations SET name = '+86 热线' WHERE product_id = $1 AND locale = 'en'",
    )
    .bind(product)
    .execute(&pool)
    .await
    .unwrap();
    let c = common::staff_client(&app, "catalog_editor", "csv").await;
    let res = c
        .get(format!("{}/admin/export/products.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let exported = res.text().await.unwrap();
    // The cell starts with a quote, so a spreadsheet shows it as text.
    assert!(
        exported.contains(r#""'=HYPERLINK(""http://evil.example"",""点我"")""#),
        "{}",
        exported.chars().take(2000).collect::<String>()
    );
    assert!(exported.contains(",'+86 热线,"));
    // No cell of that product's rows starts with a formula character.
    let rows: Vec<&str> = exported
        .lines()
        .filter(|l| l.starts_with(&format!("{slug},")))
        .collect();
    assert!(!rows.is_empty());
    for line in rows {
        for start in [",=", ",\"=", ",+", ",\"+", ",@", ",\"@"] {
            assert!(!line.contains(start), "{start} in {line}");
        }
    }
    // Imported back, the names are what they were: the quote is the
    // export's, not part of the name.
    let (s, report) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": exported, "dry_run": false}),
        )
        .await;
    assert_eq!(s, 200, "{report}");
    assert_eq!(report["problems"], json!([]), "{report}");
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM product_translations WHERE product_id = $1 ORDER BY locale",
    )
    .bind(product)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(names, ["+86 热线", formula]);
}

// ----------------------------------------------------------------- search

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_huge_query_gets_one_bounded_cache_entry(pool: PgPool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    demo(&pool).await;
    let mut cfg = test_config();
    cfg.search_cache_secs = 60;
    let app = spawn_with(pool.clone(), cfg).await;
    let c = client();

    // A 100 KB query string is refused cleanly (414) by the HTTP layer,
    // which takes no URI over 64 KB, and the server goes on serving.
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "GET /api/search?lang=zh-CN&q={} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n",
        "x".repeat(100_000)
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut answer))
        .await
        .expect("answered")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 4"),
        "{}",
        answer.chars().take(200).collect::<String>()
    );

    // "羽绒" and 60 KB of punctuation (as long as a URI may be), which
    // searches for nothing more.
    let junk = |filler: &str| {
        format!(
            "search?q=%E7%BE%BD%E7%BB%92%20{}&lang=zh-CN",
            filler.repeat(60_000)
        )
    };
    let (s, first) = app.get(&c, &junk("-")).await;
    assert_eq!(s, 200);
    let total = first["listing"]["total"].as_i64().unwrap();
    assert!(total > 0, "{first}");
    sqlx::query("UPDATE products SET listed = false WHERE slug = 'down-jackets-1'")
        .execute(&pool)
        .await
        .unwrap();
    // Other junk, same search: the same cache entry answers (the key is the
    // terms searched for, not the 100 KB sent), so it still shows the
    // product just unlisted.
    let (s, again) = app.get(&c, &junk(".")).await;
    assert_eq!(s, 200);
    assert_eq!(again, first);
    // A thousand attribute filters are cut to the first few, and answered.
    let many: String = (0..1_000)
        .map(|i| format!("&filters[attrs][a{i}]=v"))
        .collect();
    let (s, body) = app
        .get(&c, &format!("search?q=%E7%BE%BD%E7%BB%92&lang=zh-CN{many}"))
        .await;
    assert_eq!(s, 200, "{body}");
    // The log keeps only what was searched for.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let longest = scalar(
        &pool,
        "SELECT COALESCE(max(length(query)), 0)::bigint FROM search_queries",
    )
    .await;
    assert!(longest <= app::catalog::MAX_QUERY_CHARS as i64, "{longest}");
}

// ------------------------------------------------------------------- cart

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn cart_quantities_of_i32_max_twice_are_capped_not_overflowed(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let variant = stocked_variant(&pool, 500).await;
    let max = app::cart::MAX_QTY;
    // A guest's cart, priced: the same line twice adds up, capped.
    let (s, q) = app
        .post_json(
            &client(),
            "cart",
            json!({"lang": "zh-CN", "coupon": null, "shipping": "standard",
                   "guest_lines": [{"variant_id": variant, "qty": i32::MAX},
                                   {"variant_id": variant, "qty": i32::MAX}]}),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    assert_eq!(q["lines"][0]["qty"], max, "{q}");

    // A signed-in shopper adding i32::MAX twice.
    let c = client();
    assert_eq!(
        app.register(&c, "max@agora.test", "good-pass-1").await.0,
        200
    );
    for _ in 0..2 {
        let (s, qty) = app
            .post_json(
                &c,
                "cart_add",
                json!({"variant_id": variant, "qty": i32::MAX}),
            )
            .await;
        assert_eq!((s, qty), (200, json!(max)));
    }

    // A guest cart of i32::MAX twice merged at sign-in.
    let user = app
        .create_user("merge@agora.test", "right-pass-1", "shopper")
        .await;
    let cart = json!([{"variant_id": variant, "qty": i32::MAX},
                      {"variant_id": variant, "qty": i32::MAX}])
    .to_string();
    let (s, _, _) = app
        .post(
            &client(),
            "sign_in",
            &[
                ("email", "merge@agora.test"),
                ("password", "right-pass-1"),
                ("cart", cart.as_str()),
            ],
        )
        .await;
    assert_eq!(s, 200);
    let stored: i32 = sqlx::query_scalar("SELECT qty FROM cart_items WHERE user_id = $1")
        .bind(user)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, max);
}
