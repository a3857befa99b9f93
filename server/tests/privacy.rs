//! Privacy over real HTTP: the data download (own data only, signed in
//! only, never cached, audited), consents as history, account deletion
//! with its cooling-off period (nothing happens before the deadline, a
//! cancel holds, the erasure anonymises everywhere and is idempotent, the
//! back office's searches no longer find the person, the orders stay), the
//! command that runs the erasure, and the audit of staff views.
use crate::common;

use app::text::url_encode;
use common::{TestApp, client, demo, field_key, paid_order, spawn, staff_client};
use serde_json::Value;
use sqlx::{ConnectOptions, PgPool};
use time::{Duration, OffsetDateTime};

const PASS: &str = "privacy-pass-1";

async fn scalar(pool: &PgPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn requests(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM account_deletions")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A registered, signed-in shopper: (id, client).
async fn shopper(app: &TestApp, email: &str) -> (i64, reqwest::Client) {
    let c = client();
    let (s, body) = app.register(&c, email, PASS).await;
    assert_eq!(s, 200, "register {email}: {body}");
    let id = scalar(&app.pool, "SELECT id FROM users WHERE email = $1", email).await;
    (id, c)
}

/// GET a plain route: status, headers and body text.
async fn fetch(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
) -> (u16, reqwest::header::HeaderMap, String) {
    let res = c.get(format!("{}{path}", app.base)).send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().await.unwrap())
}

fn header<'a>(h: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// Past the 14-day cooling-off period of `common::test_config`.
fn after_cooling_off() -> OffsetDateTime {
    OffsetDateTime::now_utc() + Duration::days(15)
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_download_holds_the_shoppers_own_data_and_nobody_elses(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let (a, ca) = shopper(&app, "anna@privacy.test").await;
    let (b, _cb) = shopper(&app, "bert@privacy.test").await;
    let (_, order_a, total_a) = paid_order(&pool, Some((a, "anna@privacy.test")), 3).await;
    let (_, order_b, _) = paid_order(&pool, Some((b, "bert@privacy.test")), 4).await;
    sqlx::query(
        "INSERT INTO addresses (user_id, recipient, phone, region, line1, is_default)
         VALUES ($1, '安娜', '13711112222', '北京市', '=HYPERLINK(\"http://evil.example\")', true)",
    )
    .bind(a)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO user_display_settings (user_id, theme, text_size) VALUES ($1, 'dark', 'larger')",
    )
    .bind(a)
    .execute(&pool)
    .await
    .unwrap();
    let (s, body, _) = app
        .post(
            &ca,
            "privacy/consent",
            &[("purpose", "marketing"), ("granted", "true")],
        )
        .await;
    assert_eq!(s, 200, "{body}");

    // Signed out: nothing.
    for path in ["/account/data.json", "/account/data.csv"] {
        let (s, _, _) = fetch(&app, &client(), path).await;
        assert_eq!(s, 401, "{path}");
    }

    // JSON: every section, the shopper's own data, no one else's.
    let (s, h, text) = fetch(&app, &ca, "/account/data.json").await;
    assert_eq!(s, 200, "{text}");
    assert!(
        header(&h, "content-disposition").starts_with("attachment;"),
        "{h:?}"
    );
    assert!(header(&h, "content-disposition").contains(".json"), "{h:?}");
    assert_eq!(header(&h, "cache-control"), "no-store");
    assert!(header(&h, "content-type").starts_with("application/json"));
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], app::privacy::EXPORT_FORMAT);
    let sections = &json["sections"];
    for s in app::privacy::Section::ALL {
        assert!(
            !sections[s.as_str()].is_null(),
            "section {} missing",
            s.as_str()
        );
    }
    assert_eq!(sections["account"]["email"], "anna@privacy.test");
    assert_eq!(sections["account"]["display_name"], "测试用户");
    assert_eq!(sections["account"]["display"]["theme"], "dark");
    assert_eq!(sections["account"]["display"]["text_size"], "larger");
    assert_eq!(sections["addresses"][0]["recipient"], "安娜");
    let orders = sections["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["number"], order_a.as_str());
    assert_eq!(orders[0]["total_minor"], total_a);
    assert_eq!(orders[0]["currency"], "CNY");
    assert_eq!(orders[0]["status"], "awaiting_shipment");
    assert_eq!(orders[0]["ship_to"]["recipient"], "王芳");
    assert!(!orders[0]["lines"].as_array().unwrap().is_empty());
    assert!(orders[0]["lines"][0]["paid_minor"].is_i64());
    assert_eq!(sections["consents"][0]["purpose"], "marketing");
    assert_eq!(sections["consents"][0]["granted"], true);
    assert_eq!(sections["tickets"], Value::Array(vec![]));
    assert!(sections["points"]["ledger"].is_array());
    assert!(
        !text.contains("bert@privacy.test"),
        "another shopper's e-mail"
    );
    assert!(!text.contains(&order_b), "another shopper's order");

    // CSV: the same data, one value per row, formulas neutralised.
    let (s, h, csv) = fetch(&app, &ca, "/account/data.csv").await;
    assert_eq!(s, 200);
    assert!(header(&h, "content-disposition").starts_with("attachment;"));
    assert!(header(&h, "content-disposition").contains(".csv"));
    assert_eq!(header(&h, "cache-control"), "no-store");
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with("section,item,field,value"), "{csv}");
    assert!(csv.contains("account,,email,anna@privacy.test"), "{csv}");
    assert!(csv.contains(&format!("orders,1,number,{order_a}")), "{csv}");
    assert!(
        csv.contains(&format!("orders,1,total_minor,{total_a}")),
        "{csv}"
    );
    assert!(
        csv.contains("\"'=HYPERLINK("),
        "a formula stays text: {csv}"
    );
    assert!(csv.contains("\ntickets,,,"), "{csv}");
    assert!(!csv.contains("bert@privacy.test") && !csv.contains(&order_b));

    // One section on its own; an unknown one is refused.
    let (s, _, text) = fetch(&app, &ca, "/account/data.json?section=orders").await;
    assert_eq!(s, 200);
    let json: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = json["sections"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["orders"]);
    assert_eq!(
        fetch(&app, &ca, "/account/data.csv?section=passwords")
            .await
            .0,
        400
    );

    // Each download is in the audit log, by the shopper, with its format.
    let logged: Vec<(String, Value)> = sqlx::query_as(
        "SELECT actor_email, after FROM audit_log WHERE action = 'privacy/export' AND actor_id = $1
          ORDER BY id",
    )
    .bind(a)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(logged.len(), 3, "{logged:?}");
    assert_eq!(logged[0].0, "anna@privacy.test");
    assert_eq!(logged[0].1["format"], "json");
    assert_eq!(logged[1].1["format"], "csv");
    assert_eq!(logged[2].1["section"], "orders");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn consents_are_a_history_and_withdrawing_is_one_request(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let (a, ca) = shopper(&app, "cora@privacy.test").await;
    let set = |purpose: &'static str, granted: &'static str| {
        let (app, ca) = (&app, &ca);
        async move {
            let (s, body, _) = app
                .post(
                    ca,
                    "privacy/consent",
                    &[("purpose", purpose), ("granted", granted)],
                )
                .await;
            assert_eq!(s, 200, "{purpose} {granted}: {body}");
        }
    };
    let (s, status) = app.get(&ca, "privacy/status").await;
    assert_eq!(s, 200, "{status}");
    assert!(
        status["consents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["granted"] == false && c["at"].is_null())
    );

    set("marketing", "true").await;
    set("marketing", "true").await; // the same answer again is not a new decision
    set("analytics", "false").await;
    set("marketing", "false").await;
    let rows: Vec<(String, bool, String)> = sqlx::query_as(
        "SELECT purpose, granted, policy_version FROM consents WHERE user_id = $1 ORDER BY id",
    )
    .bind(a)
    .fetch_all(&pool)
    .await
    .unwrap();
    let version = app::privacy::POLICY_VERSION.to_string();
    assert_eq!(
        rows,
        [
            ("marketing".to_string(), true, version.clone()),
            ("analytics".to_string(), false, version.clone()),
            ("marketing".to_string(), false, version.clone()),
        ]
    );
    let (_, status) = app.get(&ca, "privacy/status").await;
    let marketing = status["consents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["purpose"] == "marketing")
        .unwrap()
        .clone();
    assert_eq!(marketing["granted"], false);
    assert!(marketing["at"].is_string());
    assert_eq!(status["history"].as_array().unwrap().len(), 3);
    // History is never rewritten.
    assert!(
        sqlx::query("UPDATE consents SET granted = true")
            .execute(&pool)
            .await
            .is_err()
    );
    // Unknown purposes and guests are refused.
    let (s, _, _) = app
        .post(
            &ca,
            "privacy/consent",
            &[("purpose", "profiling"), ("granted", "true")],
        )
        .await;
    assert!((400..500).contains(&s), "{s}");
    let (s, _, _) = app
        .post(
            &client(),
            "privacy/consent",
            &[("purpose", "marketing"), ("granted", "true")],
        )
        .await;
    assert_eq!(s, 401);
}

/// Texts a deleted account's identity was in: the back office must find
/// none of them afterwards.
struct Identity {
    email: &'static str,
    name: &'static str,
    phone: &'static str,
}

const DORA: Identity = Identity {
    email: "dora@privacy.test",
    name: "多拉隐私",
    phone: "13912345678",
};

/// Dora: a profile, an address, a paid order, a review with a photo,
/// favourites and a cart; the staff opened her page, changed her level and
/// noted her name and phone on her order. Returns (id, client, order
/// number, order total, review id, photo image id).
async fn dora(
    app: &TestApp,
    admin: &reqwest::Client,
) -> (i64, reqwest::Client, String, i64, i64, i64) {
    let pool = &app.pool;
    let (id, c) = shopper(app, DORA.email).await;
    let (s, body, _) = app
        .post(
            &c,
            "update_profile",
            &[("display_name", DORA.name), ("phone", DORA.phone)],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    sqlx::query(
        "INSERT INTO addresses (user_id, recipient, phone, region, line1, is_default)
         VALUES ($1, $2, $3, '浙江省杭州市', '文三路 90 号', true)",
    )
    .bind(id)
    .bind(DORA.name)
    .bind(DORA.phone)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO user_display_settings (user_id, theme, text_size) VALUES ($1, 'light', 'large')",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    let (order_id, number, total) = paid_order(pool, Some((id, DORA.email)), 3).await;
    let (item, product): (i64, i64) = sqlx::query_as(
        "SELECT id, product_id FROM order_items WHERE order_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(order_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let review: i64 = sqlx::query_scalar(
        "INSERT INTO reviews (product_id, user_id, rating, body, status, order_item_id, verified)
         VALUES ($1, $2, 4, '多拉隐私 的评价：很好', 'published', $3, true) RETURNING id",
    )
    .bind(product)
    .bind(id)
    .bind(item)
    .fetch_one(pool)
    .await
    .unwrap();
    let image: i64 = sqlx::query_scalar(
        "INSERT INTO images (sha256, content_type, width, height, bytes)
         VALUES ('privacy-test-photo', 'image/png', 1, 1, '\\x00') RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO review_photos (review_id, image_id, position) VALUES ($1, $2, 0)")
        .bind(review)
        .bind(image)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO favourites (user_id, product_id) VALUES ($1, $2)")
        .bind(id)
        .bind(product)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO recently_viewed (user_id, product_id) VALUES ($1, $2)")
        .bind(id)
        .bind(product)
        .execute(pool)
        .await
        .unwrap();
    // Staff work on her: each leaves her e-mail, name or phone in the log.
    assert_eq!(
        app.get(admin, &format!("admin/customer?id={id}")).await.0,
        200
    );
    assert_eq!(
        app.get(admin, &format!("admin/order?number={number}"))
            .await
            .0,
        200
    );
    let (s, body) = app
        .post_json(
            admin,
            "admin/customer/level",
            serde_json::json!({"id": id, "level": "gold", "reason": "老顾客"}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let note = format!("{} 来电，电话 {}", DORA.name, DORA.phone);
    let (s, body) = app
        .post_json(
            admin,
            "admin/order/note",
            serde_json::json!({"number": number, "body": note}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    (id, c, number, total, review, image)
}

/// How many audit entries mention `text` anywhere a search looks.
async fn audit_mentions(pool: &PgPool, text: &str) -> i64 {
    scalar(
        pool,
        "SELECT count(*) FROM audit_log
          WHERE (actor_email || label || COALESCE(entity_id, '') || COALESCE(before::text, '')
                 || COALESCE(after::text, '')) ILIKE '%' || $1 || '%'",
        text,
    )
    .await
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_deletion_waits_for_the_cooling_off_then_erases_the_identity_everywhere(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let admin = staff_client(&app, "super_admin", "privacy").await;
    let (id, c, number, total, review, image) = dora(&app, &admin).await;
    // Another of her devices, signed in too.
    let other = client();
    assert_eq!(app.sign_in(&other, DORA.email, PASS).await.0, 200);
    // Someone else, who must not be touched.
    let (eve, _) = shopper(&app, "eve@privacy.test").await;
    assert!(audit_mentions(&pool, DORA.email).await >= 2);
    assert!(audit_mentions(&pool, DORA.phone).await >= 1);

    // The password confirms it; a wrong one asks nothing.
    let (s, body, _) = app
        .post(&c, "privacy/delete", &[("password", "wrong-pass-9")])
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "password").as_deref(),
        Some("wrong_current_password")
    );
    assert_eq!(requests(&pool).await, 0);

    let (s, body, _) = app.post(&c, "privacy/delete", &[("password", PASS)]).await;
    assert_eq!(s, 200, "{body}");
    assert!(
        body["due"].as_str().is_some_and(|d| d.len() == 16),
        "{body}"
    );
    // This session goes on (to show the date and cancel); the other ended.
    let (s, status) = app.get(&c, "privacy/status").await;
    assert_eq!(s, 200, "{status}");
    assert_eq!(status["deletion"]["due"], body["due"]);
    assert_eq!(app.get(&other, "privacy/status").await.0, 401);

    // Before the deadline nothing changes, however often the job runs.
    let before_deadline = OffsetDateTime::now_utc() + Duration::days(13);
    for now in [OffsetDateTime::now_utc(), before_deadline] {
        assert_eq!(
            app::privacy::db::run_due_deletions(&pool, now)
                .await
                .unwrap(),
            0
        );
    }
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM users WHERE email = $1",
            DORA.email
        )
        .await,
        1
    );
    // She can still sign in meanwhile.
    assert_eq!(app.sign_in(&client(), DORA.email, PASS).await.0, 200);

    // After it: one account anonymised, and only once.
    assert_eq!(
        app::privacy::db::run_due_deletions(&pool, after_cooling_off())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app::privacy::db::run_due_deletions(&pool, after_cooling_off())
            .await
            .unwrap(),
        0
    );

    // The account: a placeholder, unusable, signed out everywhere.
    let (email, name, phone, erased, disabled): (String, String, Option<String>, bool, bool) =
        sqlx::query_as(
            "SELECT email, display_name, phone, erased_at IS NOT NULL, disabled_at IS NOT NULL
               FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(email, format!("deleted-{id}@deleted.invalid"));
    assert_eq!(name, format!("deleted-{id}"));
    assert_eq!((phone, erased, disabled), (None, true, true));
    // (Checked before the sign-in below, which is itself a new attempt.)
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM login_attempts WHERE lower(email) = $1",
            DORA.email
        )
        .await,
        0
    );
    assert_eq!(app.sign_in(&client(), DORA.email, PASS).await.0, 401);
    assert_eq!(app.get(&c, "privacy/status").await.0, 401);
    for table in [
        "addresses",
        "favourites",
        "recently_viewed",
        "cart_items",
        "user_sessions",
        "user_display_settings",
        "inbox_messages",
        "outbox",
    ] {
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table} WHERE user_id = $1"))
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(n, 0, "{table}");
    }

    // The order stays for the accounts, without her name, phone or street.
    let (status, kept_total, ship_to, lines): (String, i64, Value, i64) = sqlx::query_as(
        "SELECT status, total_minor, ship_to,
                (SELECT count(*) FROM order_items i WHERE i.order_id = o.id)
           FROM orders o WHERE number = $1 AND user_id = $2",
    )
    .bind(&number)
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), kept_total), ("awaiting_shipment", total));
    assert!(lines >= 1);
    assert_eq!(ship_to["recipient"], "");
    assert_eq!(ship_to["phone"], "");
    assert_eq!(ship_to["line1"], "");
    assert_eq!(ship_to["region"], "上海市");
    let note: String = sqlx::query_scalar(
        "SELECT body FROM order_notes WHERE order_id = (SELECT id FROM orders WHERE number = $1)",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        !note.contains(DORA.name) && !note.contains(DORA.phone),
        "{note}"
    );
    assert!(note.contains("来电"), "the rest of the note stays: {note}");

    // The review keeps its stars only; the photo is gone, bytes and all.
    let (rating, body): (i16, String) =
        sqlx::query_as("SELECT rating, body FROM reviews WHERE id = $1")
            .bind(review)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((rating, body.as_str()), (4, ""));
    let images: i64 = sqlx::query_scalar("SELECT count(*) FROM images WHERE id = $1")
        .bind(image)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(images, 0);

    // No back-office search or log finds her any more.
    for q in [DORA.email, DORA.name, DORA.phone] {
        let (s, found) = app
            .get(
                &admin,
                &format!("admin/customers?q={}&page=0", url_encode(q)),
            )
            .await;
        assert_eq!(s, 200, "{found}");
        assert_eq!(found["total"], 0, "customers {q}: {found}");
        let (s, found) = app
            .get(&admin, &format!("admin/orders?query[q]={}", url_encode(q)))
            .await;
        assert_eq!(s, 200, "{found}");
        assert_eq!(found["rows"], Value::Array(vec![]), "orders {q}: {found}");
        let (s, found) = app
            .get(&admin, &format!("admin/audit?q={}", url_encode(q)))
            .await;
        assert_eq!(s, 200, "{found}");
        assert_eq!(found["entries"], Value::Array(vec![]), "audit {q}: {found}");
        assert_eq!(audit_mentions(&pool, q).await, 0, "audit {q}");
    }
    // The order itself is still found by its number, with its amount.
    let (_, found) = app
        .get(&admin, &format!("admin/orders?query[q]={number}"))
        .await;
    assert_eq!(found["rows"][0]["total_minor"], total, "{found}");
    // What staff did is still there, and the erasure itself is on record.
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM audit_log WHERE action = $1",
            "admin/customer/level"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM audit_log WHERE action = $1 AND actor_id IS NULL",
            "privacy/erase"
        )
        .await,
        1
    );
    // The shop shows her review by a deleted user, stars intact.
    let product: i64 = sqlx::query_scalar("SELECT product_id FROM reviews WHERE id = $1")
        .bind(review)
        .fetch_one(&pool)
        .await
        .unwrap();
    let (_, reviews) = app
        .get(&client(), &format!("reviews?product_id={product}"))
        .await;
    let shown = reviews
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == review)
        .unwrap();
    assert_eq!(
        (shown["author"].as_str(), shown["rating"].as_i64()),
        (Some(""), Some(4))
    );
    // Everyone else is untouched.
    let (_, found) = app
        .get(
            &admin,
            &format!(
                "admin/customers?q={}&page=0",
                url_encode("eve@privacy.test")
            ),
        )
        .await;
    assert_eq!(found["customers"][0]["id"], eve, "{found}");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_cancelled_deletion_never_happens_and_signing_in_again_allows_it(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let (id, c) = shopper(&app, "finn@privacy.test").await;
    let (s, body, _) = app.post(&c, "privacy/delete", &[("password", PASS)]).await;
    assert_eq!(s, 200, "{body}");
    // Asking twice keeps the first date.
    let (s, again, _) = app.post(&c, "privacy/delete", &[("password", PASS)]).await;
    assert_eq!(s, 200);
    assert_eq!(again["due"], body["due"]);
    assert_eq!(requests(&pool).await, 1);
    // Signed out on another day, the shopper signs in again and cancels.
    let back = client();
    assert_eq!(app.sign_in(&back, "finn@privacy.test", PASS).await.0, 200);
    let (s, body, _) = app.post(&back, "privacy/cancel_deletion", &[]).await;
    assert_eq!(s, 200, "{body}");
    let (_, status) = app.get(&back, "privacy/status").await;
    assert!(status["deletion"].is_null(), "{status}");
    assert_eq!(
        app::privacy::db::run_due_deletions(&pool, after_cooling_off())
            .await
            .unwrap(),
        0
    );
    let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(email, "finn@privacy.test");
    assert_eq!(
        app.sign_in(&client(), "finn@privacy.test", PASS).await.0,
        200
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_command_runs_the_erasure_at_the_time_it_is_given(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let (id, c) = shopper(&app, "gus@privacy.test").await;
    assert_eq!(
        app.post(&c, "privacy/delete", &[("password", PASS)])
            .await
            .0,
        200
    );
    let mut cfg = common::test_config();
    cfg.database_url = Some(pool.connect_options().to_url_lossy().to_string());
    let run = |args: &'static [&'static str]| {
        let cfg = cfg.clone();
        async move { agora_server::privacy::deletions_command(cfg, args).await }
    };
    assert!(run(&["--later"]).await.is_err());
    assert!(run(&["--now", "not a time"]).await.is_err());
    run(&[]).await.unwrap();
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM users WHERE email = $1",
            "gus@privacy.test"
        )
        .await,
        1
    );
    run(&["--now", "2099-01-01T00:00:00Z"]).await.unwrap();
    let erased: bool = sqlx::query_scalar("SELECT erased_at IS NOT NULL FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(erased);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_views_of_personal_data_are_in_the_audit_log(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let (id, _) = shopper(&app, "hana@privacy.test").await;
    let (_, number, _) = paid_order(&pool, Some((id, "hana@privacy.test")), 3).await;
    let (_, guest_number, _) = paid_order(&pool, None, 5).await;
    let admin = staff_client(&app, "super_admin", "views").await;
    let views = |action: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, String, Option<String>, String, Option<String>)>(
                "SELECT actor_email, entity, entity_id, label, ip FROM audit_log
                  WHERE action = $1 ORDER BY id",
            )
            .bind(action)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        app.get(&admin, &format!("admin/customer?id={id}")).await.0,
        200
    );
    // Reloading the page right away (it does after each change) is one visit.
    assert_eq!(
        app.get(&admin, &format!("admin/customer?id={id}")).await.0,
        200
    );
    let seen = views("admin/customer").await;
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0],
        (
            "super_admin@views.test".to_string(),
            "customer".to_string(),
            Some(id.to_string()),
            "hana@privacy.test".to_string(),
            Some("127.0.0.1".to_string())
        )
    );
    // An order's page shows the address: logged about its customer, or
    // about the order when a guest placed it.
    assert_eq!(
        app.get(&admin, &format!("admin/order?number={number}"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.get(&admin, &format!("admin/order?number={guest_number}"))
            .await
            .0,
        200
    );
    let seen = views("admin/order").await;
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        (seen[0].1.as_str(), seen[0].3.as_str()),
        ("customer", "hana@privacy.test")
    );
    assert_eq!(
        (seen[1].1.as_str(), seen[1].3.as_str()),
        ("order", "guest5@agora.test")
    );
    // A refused view is not a view.
    let shopper_client = client();
    assert_eq!(
        app.sign_in(&shopper_client, "hana@privacy.test", PASS)
            .await
            .0,
        200
    );
    assert_eq!(
        app.get(&shopper_client, &format!("admin/customer?id={id}"))
            .await
            .0,
        403
    );
    assert_eq!(views("admin/customer").await.len(), 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_cannot_erase_themselves_and_nobody_takes_a_placeholder(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let admin = staff_client(&app, "super_admin", "self").await;
    let (s, _, _) = app
        .post(&admin, "privacy/delete", &[("password", "staff-pass-1")])
        .await;
    assert_eq!(s, 403);
    let (s, body) = app
        .register(&client(), "deleted-1@deleted.invalid", PASS)
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "email").as_deref(), Some("email_invalid"));
}
