//! Spawns the real router on a random loopback port over a throwaway database
//! (from `#[sqlx::test]`), and talks to it over real HTTP.
#![allow(dead_code)]
use agora_server::config::Config;
use leptos::prelude::LeptosOptions;
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::Value;
use sqlx::PgPool;
use std::net::SocketAddr;
use tower_sessions_sqlx_store::PostgresStore;

pub struct TestApp {
    pub base: String,
    pub pool: PgPool,
}

pub fn test_config() -> Config {
    Config {
        database_url: None,
        data_dir: ".data".into(),
        pg_bin: None,
        demo_data: false,
        admin_email: None,
        admin_password: None,
        secure_cookies: false,
        pool_size: 5,
        public_url: "http://shop.test".into(),
        // Off, so each test sees its own writes at once; page_cache has its own test.
        page_cache_secs: 0,
        search_cache_secs: 0,
        search_count_cap: app::server::DEFAULT_SEARCH_COUNT_CAP,
        unpaid_cancel_minutes: 30,
        auto_confirm_days: 7,
        jobs_interval_secs: 0,
        production: false,
        public_url_set: true,
        // The test server's own address is only known once it listens;
        // `spawn_with` points notifications there.
        payment_notify_base: None,
        sandbox_payments: None,
        trusted_proxies: Vec::new(),
        limits: app::server::Limits::default(),
        deletion_cooling_off_days: 14,
        privacy_contact: None,
        smtp_url: None,
        mail_from: None,
        mail_dir: ".data/mail".into(),
        // Tests run the outbox themselves, on their own clock.
        outbox_interval_secs: 0,
        clock: std::sync::Arc::new(app::shop_time::SystemClock),
    }
}

pub async fn spawn(pool: PgPool) -> TestApp {
    spawn_with(pool, test_config()).await
}

pub async fn spawn_with(pool: PgPool, cfg: Config) -> TestApp {
    spawn_site(pool, cfg, "target/site").await
}

/// The workspace's built site (`./scripts/test` builds it first), for tests
/// that read what the browser is sent: the bundle's files and their names.
pub const BUILT_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");

pub async fn spawn_site(pool: PgPool, cfg: Config, site_root: &str) -> TestApp {
    let options = LeptosOptions::builder()
        .output_name("agora")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .build();
    let store = PostgresStore::new(pool.clone());
    store.migrate().await.expect("session table");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Providers notify this very server unless the test says otherwise.
    let mut cfg = cfg;
    cfg.payment_notify_base
        .get_or_insert_with(|| format!("http://{addr}"));
    let app = agora_server::router(pool.clone(), options, store, &cfg);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        base: format!("http://{addr}"),
        pool,
    }
}

/// A page's HTML as the browser gets it: rendered on the server.
pub async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    page_response(app, c, path).await.1
}

/// A page's headers and HTML; the answer must be 200.
pub async fn page_response(app: &TestApp, c: &reqwest::Client, path: &str) -> (HeaderMap, String) {
    let res = c
        .get(format!("{}{path}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    let headers = res.headers().clone();
    (headers, res.text().await.unwrap())
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub async fn post(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, Value, HeaderMap) {
        let res = client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body, headers)
    }

    /// A multipart post to a plain route, as a browser's form sends it:
    /// (status, Location).
    pub async fn post_form(
        &self,
        c: &reqwest::Client,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> (u16, String) {
        let res = c
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let to = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (res.status().as_u16(), to)
    }

    pub async fn get(&self, client: &reqwest::Client, endpoint: &str) -> (u16, Value) {
        let req = client.get(format!("{}/api/{endpoint}", self.base));
        answer(req).await
    }

    /// A server function with JSON input.
    pub async fn post_json(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: Value,
    ) -> (u16, Value) {
        let req = client
            .post(format!("{}/api/{endpoint}", self.base))
            .json(&body);
        answer(req).await
    }

    /// A server function with multipart input (an upload).
    pub async fn post_multipart(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: reqwest::multipart::Form,
    ) -> (u16, Value) {
        let req = client
            .post(format!("{}/api/{endpoint}", self.base))
            .multipart(form);
        answer(req).await
    }

    pub async fn register(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> (u16, Value) {
        let (s, b, _) = self
            .post(
                client,
                "register",
                &[
                    ("email", email),
                    ("password", password),
                    ("display_name", "测试用户"),
                ],
            )
            .await;
        (s, b)
    }

    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> (u16, Value, HeaderMap) {
        self.post(
            client,
            "sign_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn user_count(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Creates a user with `role` directly in the database.
    pub async fn create_user(&self, email: &str, password: &str, role: &str) -> i64 {
        let hash = app::server::hash_password(password.to_string())
            .await
            .unwrap();
        sqlx::query_scalar("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, 'T', $3) RETURNING id")
            .bind(email)
            .bind(hash.as_str())
            .bind(role)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// Status and body (JSON when it is JSON) of a request.
async fn answer(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The value of the session cookie in a response's Set-Cookie headers.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(SET_COOKIE).iter().find_map(|v| {
        let v = v.to_str().ok()?;
        let rest = v.strip_prefix("agora_sid=")?;
        Some(rest.split(';').next()?.to_string())
    })
}

/// The message key of a field error in a `Validation` error body.
pub fn field_key(body: &Value, field: &str) -> Option<String> {
    body.get("Validation")?
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["key"].as_str().map(String::from))
}

/// A signed-in client for a new user with `role` (e-mail `<role>@<tag>`).
pub async fn staff_client(app: &TestApp, role: &str, tag: &str) -> reqwest::Client {
    let email = format!("{role}@{tag}.test");
    app.create_user(&email, "staff-pass-1", role).await;
    let c = client();
    assert_eq!(
        app.sign_in(&c, &email, "staff-pass-1").await.0,
        200,
        "{role}"
    );
    c
}

/// Demo data with the automatic promotions off (they would move totals).
pub async fn demo(pool: &PgPool) {
    agora_server::seed::load_demo(pool).await.unwrap();
    sqlx::query("UPDATE promotions SET active = false")
        .execute(pool)
        .await
        .unwrap();
}

/// Places a sandbox order for one unit of the `nth` listed variant (stock
/// topped up) and pays it the way the sandbox does: the hosted page marks
/// the charge paid and a signed notification reaches the shop.
/// Returns (order id, number, total).
pub async fn paid_order(pool: &PgPool, user: Option<(i64, &str)>, n: usize) -> (i64, String, i64) {
    use app::cart::{LineIn, ShippingMethod};
    use app::checkout::db::{Owner, Placement, place};
    let variant: i64 = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed ORDER BY v.id OFFSET $1 LIMIT 1",
    )
    .bind(n as i64)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("UPDATE product_variants SET stock = stock + 10 WHERE id = $1")
        .bind(variant)
        .execute(pool)
        .await
        .unwrap();
    let lines = vec![LineIn {
        variant_id: variant,
        qty: 1,
        seen_price_minor: None,
    }];
    let mut conn = pool.acquire().await.unwrap();
    let ask = app::cart::db::Ask {
        lines: &lines,
        coupon: None,
        buyer: &app::promotions::db::Buyer::default(),
        shipping: ShippingMethod::Standard,
        langs: ("zh-CN", "en"),
        now: time::OffsetDateTime::now_utc(),
        use_points: false,
    };
    let total = app::cart::db::price(&mut conn, &ask)
        .await
        .unwrap()
        .quote
        .total_minor;
    drop(conn);
    let owner = match user {
        Some((id, email)) => Owner::User {
            id,
            email: email.to_string(),
        },
        None => Owner::Guest {
            email: format!("guest{n}@agora.test"),
        },
    };
    let o = place(
        pool,
        Placement {
            owner,
            key: format!("fixture-order-{n:08}"),
            lines,
            coupon: None,
            shipping: ShippingMethod::Standard,
            payment: app::payments::PaymentMethod::Sandbox,
            // An address of its own: many fixture orders to one address
            // in a minute would look risky (`risk`) and be held.
            ship_to: serde_json::json!({"recipient": "王芳", "phone": "13800138000",
                                        "region": "上海市", "line1": format!("南京西路 {n} 号")}),
            langs: ("zh-CN", "en"),
            expected_total_minor: total,
            use_points: false,
            expected_points: 0,
            now: time::OffsetDateTime::now_utc(),
        },
    )
    .await
    .unwrap();
    let reference = o.payment_ref.clone().unwrap();
    app::payments::db::open_charge(
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
    sqlx::query("UPDATE sandbox_charges SET status = 'paid' WHERE reference = $1")
        .bind(&reference)
        .execute(pool)
        .await
        .unwrap();
    let key = app::server::Secrets::load(pool).await.unwrap().sandbox;
    let body = serde_json::json!({"event_id": format!("evt_fixture_{n}"), "reference": reference,
        "merchant_order": o.number, "amount_minor": o.total_minor, "currency": "CNY", "status": "paid"})
    .to_string();
    let at = time::OffsetDateTime::now_utc();
    let sig = app::payments::db::sandbox::signature(&key, at.unix_timestamp(), &body);
    app::payments::db::notify::receive(pool, &key, Some(&sig), &body, at)
        .await
        .unwrap();
    (o.id, o.number, o.total_minor)
}

/// A digest of every table's content (image bytes left out), to show that
/// a refused request changed nothing.
pub async fn fingerprint(pool: &PgPool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'
          ORDER BY table_name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let digest: String = sqlx::query_scalar(&format!(
            "SELECT md5(COALESCE(string_agg(h, '' ORDER BY h), ''))
               FROM (SELECT md5((to_jsonb(x) - 'bytes')::text) AS h FROM \"{t}\" x) s"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        out.push((t, digest));
    }
    out
}

/// An after-sales request written straight into the database, in `status`
/// and of `kind`, for every unit of the order's first line, offering
/// `refund_minor`, its deadline two days after now: its number. For tests
/// of what staff and the deadline jobs do with requests in a given state.
#[allow(dead_code)]
pub async fn after_sales_request(
    pool: &PgPool,
    order_id: i64,
    kind: &str,
    status: &str,
    refund_minor: i64,
) -> String {
    let (id, number): (i64, String) = sqlx::query_as(
        "INSERT INTO after_sales_requests
             (number, order_id, user_id, idempotency_key, kind, status, reason_id, fault,
              refund_minor, currency, deadline_at)
         SELECT 'AS-T' || lpad(nextval('after_sales_number_seq')::text, 6, '0'), o.id, o.user_id,
                'test:' || md5(random()::text), $2, $3,
                (SELECT id FROM after_sales_reasons WHERE code = 'damaged'), 'seller',
                $4, o.currency, now() + interval '2 days'
           FROM orders o WHERE o.id = $1
         RETURNING id, number",
    )
    .bind(order_id)
    .bind(kind)
    .bind(status)
    .bind(refund_minor)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO after_sales_items (request_id, order_item_id, qty, goods_minor)
         SELECT $1, i.id, i.qty, LEAST(i.paid_minor, $3) FROM order_items i
          WHERE i.order_id = $2 ORDER BY i.id LIMIT 1",
    )
    .bind(id)
    .bind(order_id)
    .bind(refund_minor)
    .execute(pool)
    .await
    .unwrap();
    number
}

/// Marks order `order_id` shipped and delivered at `at` (a moved clock).
#[allow(dead_code)]
pub async fn deliver(pool: &PgPool, order_id: i64, at: time::OffsetDateTime) {
    sqlx::query(
        "UPDATE orders SET status = 'delivered', shipped_at = $2, delivered_at = $2 WHERE id = $1",
    )
    .bind(order_id)
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
}

/// A shopper row (no password to sign in with), for database tests: its id.
#[allow(dead_code)]
pub async fn plain_shopper(pool: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', '买家') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The id of the after-sales reason with `code` (seeded by the migration).
#[allow(dead_code)]
pub async fn after_sales_reason(pool: &PgPool, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM after_sales_reasons WHERE code = $1")
        .bind(code)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A PNG of `side` × `side` grey pixels.
pub fn png(side: u32) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![128u8; side as usize * 3];
        for _ in 0..side {
            stream.write_all(&row).unwrap();
        }
        stream.finish().unwrap();
        writer.finish().unwrap();
    }
    out
}

/// A shopper's points balance, checked against the ledger's sum and what
/// their available grants still hold: all three are always equal.
pub async fn points_balance(pool: &PgPool, user: i64) -> i32 {
    let (points, ledger, lots): (i32, i64, i64) = sqlx::query_as(
        "SELECT u.points,
                COALESCE((SELECT sum(delta) FROM points_ledger WHERE user_id = u.id), 0),
                COALESCE((SELECT sum(remaining) FROM points_lots
                           WHERE user_id = u.id AND status = 'available'), 0)
           FROM users u WHERE u.id = $1",
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(i64::from(points), ledger, "the balance is the ledger's sum");
    assert_eq!(
        i64::from(points),
        lots,
        "the balance is what the grants hold"
    );
    points
}
