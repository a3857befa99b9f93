//! Notifications end to end (issue 18): an order's changes reach its
//! shopper in the inbox and by e-mail, in their language, over real SMTP
//! to a sink on loopback, exactly once; a server that refuses is retried
//! on the injected clock, and one that always refuses parks the message.
use crate::common::{client, demo, paid_order, spawn, staff_client};
use agora_server::mail::{Mailer, MailerConfig};
use agora_server::mail_sink::{self, Received, Refuse, Sink};
use app::server::outbox::{MAX_ATTEMPTS, Report, run_due};
use base64::Engine;
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

pub(crate) async fn mailer(pool: &PgPool, sink: &Sink) -> Mailer {
    Mailer::new(MailerConfig {
        smtp_url: sink.url(),
        from: "Agora <shop@agora.test>".parse().unwrap(),
        public_url: "https://shop.test".into(),
        order_link_key: app::server::Secrets::load(pool).await.unwrap().order_links,
        account_link_key: app::server::Secrets::load(pool)
            .await
            .unwrap()
            .account_links,
    })
    .unwrap()
}

/// A delivered message's subject and decoded text part.
pub(crate) fn read(m: &Received) -> (String, String) {
    let b64 = base64::engine::general_purpose::STANDARD;
    let unfolded = m.data.replace("\r\n ", " ").replace("\r\n\t", " ");
    let subject_line = unfolded
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap_or("")
        .to_string();
    // RFC 2047 words (=?utf-8?b?…?=) as lettre writes non-ASCII subjects;
    // the space between two such words is not part of the text.
    let mut subject = String::new();
    let mut last_encoded = false;
    for (i, w) in subject_line.split(' ').enumerate() {
        let lower = w.to_ascii_lowercase();
        let encoded = lower.starts_with("=?utf-8?b?") && lower.ends_with("?=") && w.len() > 12;
        if i > 0 && !(encoded && last_encoded) {
            subject.push(' ');
        }
        match encoded {
            true => subject
                .push_str(&String::from_utf8(b64.decode(&w[10..w.len() - 2]).unwrap()).unwrap()),
            false => subject.push_str(w),
        }
        last_encoded = encoded;
    }
    // The first base64 part is the text one.
    let after = m
        .data
        .split("Content-Type: text/plain")
        .nth(1)
        .unwrap_or("");
    let body: String = after
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or("")
        .split("\r\n--")
        .next()
        .unwrap_or("")
        .replace("\r\n", "");
    let text = String::from_utf8(b64.decode(body.trim()).unwrap()).unwrap();
    // SMTP carries CRLF line ends; the templates write LF.
    (subject, text.replace("\r\n", "\n"))
}

async fn outbox_rows(pool: &PgPool, number: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT event, channel, status FROM outbox WHERE key LIKE 'order:' || $1 || ':%'
          ORDER BY id",
    )
    .bind(number)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn shipping_tells_the_shopper_once_in_their_language_with_the_tracking_number(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let shopper = app
        .create_user("reader@notify.test", "Passw0rd-1", "shopper")
        .await;
    sqlx::query("UPDATE users SET display_name = 'Lin' WHERE id = $1")
        .bind(shopper)
        .execute(&pool)
        .await
        .unwrap();
    let (_, number, _) = paid_order(&pool, Some((shopper, "reader@notify.test")), 1).await;
    // Placed and paid, each with an inbox message and an e-mail.
    let rows = outbox_rows(&pool, &number).await;
    let events: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        events,
        ["order_placed", "order_placed", "order_paid", "order_paid"]
    );
    // They read the shop in English from now on.
    sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
        .bind(shopper)
        .execute(&pool)
        .await
        .unwrap();
    let staff = staff_client(&app, "operations_manager", "notify").await;
    let ship = json!({ "number": number, "carrier": "SF Express", "tracking": "SF1234567890" });
    let (status, body) = app
        .post_json(&staff, "admin/order/ship", ship.clone())
        .await;
    assert_eq!(status, 200, "{body}");
    // Shipping again is refused: no second message either.
    let (status, _) = app
        .post_json(&staff, "admin/order/ship", ship.clone())
        .await;
    assert_eq!(status, 409);

    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    let now = OffsetDateTime::now_utc();
    let r = run_due(&pool, &mailer, now, 100).await.unwrap();
    assert_eq!(
        r,
        Report {
            sent: 6,
            retried: 0,
            dead: 0
        }
    );
    assert_eq!(
        run_due(&pool, &mailer, now, 100).await.unwrap(),
        Report::default()
    );

    let mail = sink.received();
    assert_eq!(mail.len(), 3, "placed, paid, shipped");
    assert!(mail.iter().all(|m| m.to == ["reader@notify.test"]));
    let (subject, text) = read(&mail[2]);
    assert_eq!(subject, format!("Order {number} has shipped"));
    assert!(text.starts_with("Hello Lin,"), "{text}");
    assert!(
        text.contains("SF Express, tracking number SF1234567890"),
        "{text}"
    );
    assert!(
        text.contains(&format!("https://shop.test/orders/{number}\n")),
        "{text}"
    );
    // Placed and paid were written while they read Chinese.
    let (subject, _) = read(&mail[0]);
    assert_eq!(subject, format!("已收到您的订单 {number}"));

    // The inbox holds the same three, in the language it is read in.
    let c = client();
    assert_eq!(
        app.sign_in(&c, "reader@notify.test", "Passw0rd-1").await.0,
        200
    );
    // The header's counts: an empty cart, three unread messages.
    let (status, counts) = app.get(&c, "header_counts").await;
    assert_eq!((status, counts), (200, json!([0, 3])));
    // Switching language remembers it for their mail.
    let res = c
        .get(format!("{}/lang/zh-CN?next=/inbox", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("Path=/;"), "{cookie}");
    let locale: String = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(shopper)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(locale, "zh-CN");
    let (status, page) = app.get(&c, "inbox?tab=orders&lang=en").await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["title"], format!("Order {number} has shipped"));
    assert_eq!(items[0]["href"], format!("/orders/{number}"));
    assert_eq!(items[0]["read"], false);
    let (_, zh) = app.get(&c, "inbox?tab=all&lang=zh-CN").await;
    assert_eq!(zh["items"][0]["title"], format!("订单 {number} 已发货"));
    let (_, none) = app.get(&c, "inbox?tab=service&lang=en").await;
    assert_eq!(none["items"], json!([]));

    // Read one; another shopper cannot reach it by its id.
    let id = items[0]["id"].as_i64().unwrap().to_string();
    let other = client();
    app.create_user("other@notify.test", "Passw0rd-1", "shopper")
        .await;
    assert_eq!(
        app.sign_in(&other, "other@notify.test", "Passw0rd-1")
            .await
            .0,
        200
    );
    let (status, _, _) = app.post(&other, "inbox_read", &[("id", &id)]).await;
    assert_eq!(status, 404);
    let (status, _, _) = app.post(&c, "inbox_read", &[("id", &id)]).await;
    assert_eq!(status, 200);
    assert_eq!(app.get(&c, "header_counts").await.1, json!([0, 2]));
    let (status, _, _) = app.post(&c, "inbox_read_all", &[("tab", "all")]).await;
    assert_eq!(status, 200);
    assert_eq!(app.get(&c, "header_counts").await.1, json!([0, 0]));
    // A visitor has no inbox.
    assert_eq!(app.get(&client(), "inbox?tab=all&lang=en").await.0, 401);
    assert_eq!(app.get(&client(), "header_counts").await.1, json!([0, 0]));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_guest_is_mailed_at_the_order_address_with_the_secret_link(pool: PgPool) {
    demo(&pool).await;
    let (_, number, _) = paid_order(&pool, None, 2).await;
    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    let r = run_due(&pool, &mailer, OffsetDateTime::now_utc(), 100)
        .await
        .unwrap();
    // No account: e-mail only.
    assert_eq!(r.sent, 2);
    let mail = sink.received();
    assert!(mail.iter().all(|m| m.to == ["guest2@agora.test"]));
    let (subject, text) = read(&mail[1]);
    assert_eq!(subject, format!("订单 {number} 已付款"));
    let key = app::server::Secrets::load(&pool).await.unwrap().order_links;
    let token = app::orders::db::order_token(&key, &number);
    assert!(
        text.contains(&format!("https://shop.test/orders/{number}?t={token}")),
        "{text}"
    );
    let inbox: i64 = sqlx::query_scalar("SELECT count(*) FROM inbox_messages")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(inbox, 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_refused_change_writes_no_message(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (_, number, _) = paid_order(&pool, None, 3).await;
    let before = outbox_rows(&pool, &number).await;
    let staff = staff_client(&app, "operations_manager", "refused").await;
    // Delivered before shipping: refused, and nothing is written.
    let (status, _) = app
        .post_json(&staff, "admin/order/deliver", json!({ "number": number }))
        .await;
    assert_eq!(status, 409);
    // A tracking number that is not one: refused.
    let bad = json!({ "number": number, "carrier": "SF", "tracking": "<x>" });
    assert_eq!(app.post_json(&staff, "admin/order/ship", bad).await.0, 422);
    assert_eq!(outbox_rows(&pool, &number).await, before);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_server_that_refuses_twice_gets_the_mail_on_the_third_try(pool: PgPool) {
    demo(&pool).await;
    let (_, number, _) = paid_order(&pool, None, 4).await;
    sqlx::query("DELETE FROM outbox WHERE event <> 'order_paid'")
        .execute(&pool)
        .await
        .unwrap();
    let sink = mail_sink::start(0, None, Refuse::First(2)).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    let t0 = OffsetDateTime::now_utc();
    let retried = Report {
        sent: 0,
        retried: 1,
        dead: 0,
    };
    assert_eq!(run_due(&pool, &mailer, t0, 10).await.unwrap(), retried);
    // Not again until the delay has passed on the shop's clock.
    assert_eq!(
        run_due(&pool, &mailer, t0, 10).await.unwrap(),
        Report::default()
    );
    let t1 = t0 + Duration::minutes(1);
    assert_eq!(run_due(&pool, &mailer, t1, 10).await.unwrap(), retried);
    let t2 = t1 + Duration::minutes(2);
    let sent = Report {
        sent: 1,
        retried: 0,
        dead: 0,
    };
    assert_eq!(run_due(&pool, &mailer, t2, 10).await.unwrap(), sent);
    assert_eq!(sink.refusals(), 2);
    assert_eq!(sink.received().len(), 1);
    let (status, attempts, error): (String, i32, Option<String>) = sqlx::query_as(
        "SELECT status, attempts, last_error FROM outbox WHERE key = 'order:' || $1 || ':order_paid:email'",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 2));
    assert!(error.unwrap().contains("451"), "the SMTP reply is recorded");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_server_that_always_refuses_parks_the_mail_as_dead(pool: PgPool) {
    demo(&pool).await;
    paid_order(&pool, None, 5).await;
    sqlx::query("DELETE FROM outbox WHERE event <> 'order_paid'")
        .execute(&pool)
        .await
        .unwrap();
    let sink = mail_sink::start(0, None, Refuse::Always).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    let mut now = OffsetDateTime::now_utc();
    let mut dead = 0;
    for _ in 0..MAX_ATTEMPTS {
        dead += run_due(&pool, &mailer, now, 10).await.unwrap().dead;
        now += Duration::hours(6);
    }
    assert_eq!(dead, 1);
    assert_eq!(sink.refusals(), MAX_ATTEMPTS as usize);
    assert!(sink.received().is_empty());
    let (status, error): (String, String) =
        sqlx::query_as("SELECT status, last_error FROM outbox WHERE event = 'order_paid'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "dead");
    assert!(error.contains("451"), "{error}");
}
