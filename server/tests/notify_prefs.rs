//! Notification preferences (issue 18): service messages and promotions
//! follow the shopper's switches per channel, orders always go, marketing
//! by e-mail needs their opt-in, and every promotion e-mail carries a
//! signed one-click unsubscribe link that a mail program can post to
//! without a session (RFC 8058), and that a forged link cannot use.
use crate::common::{client, spawn};
use crate::notifications::{mailer, read};
use agora_server::mail_sink::{self, Refuse};
use app::server::outbox::{Category, Channel, NewMessage, enqueue, run_due};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

/// Whether a message of `category` on `channel` for `user` is written.
async fn written(
    pool: &PgPool,
    user: i64,
    category: Category,
    channel: Channel,
    key: &str,
) -> bool {
    let mut conn = pool.acquire().await.unwrap();
    enqueue(
        &mut conn,
        &NewMessage {
            key,
            event: "order_paid",
            channel,
            category,
            user_id: Some(user),
            address: if channel == Channel::Email {
                "prefs@mail.test"
            } else {
                ""
            },
            locale: "en",
            payload: json!({ "number": "N1", "total_minor": 100, "currency": "CNY" }),
        },
    )
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn switches_decide_what_is_written_and_orders_always_go(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let user = app
        .create_user("prefs@mail.test", "Passw0rd-1", "shopper")
        .await;
    // Defaults: promotions in the inbox yes, by e-mail not without opt-in.
    assert!(written(&pool, user, Category::Promotions, Channel::Inbox, "a").await);
    assert!(!written(&pool, user, Category::Promotions, Channel::Email, "b").await);
    assert!(written(&pool, user, Category::Service, Channel::Email, "c").await);

    let c = client();
    assert_eq!(
        app.sign_in(&c, "prefs@mail.test", "Passw0rd-1").await.0,
        200
    );
    let (_, profile) = app.get(&c, "profile").await;
    assert_eq!(profile["notify"]["promotions_email"], false);
    // Opt in to promotion e-mails; switch customer service e-mail off.
    let (status, body, _) = app
        .post(
            &c,
            "notify_prefs_save",
            &[
                ("service_inbox", "on"),
                ("promotions_inbox", "on"),
                ("promotions_email", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, prefs) = app.get(&c, "notify_prefs").await;
    assert_eq!(
        prefs,
        json!({ "service_inbox": true, "service_email": false, "service_sms": false,
                "promotions_inbox": true, "promotions_email": true, "promotions_sms": false })
    );
    assert!(written(&pool, user, Category::Promotions, Channel::Email, "d").await);
    assert!(!written(&pool, user, Category::Service, Channel::Email, "e").await);
    // Their own orders (and after-sales, and account e-mails) always go.
    assert!(written(&pool, user, Category::Orders, Channel::Email, "f").await);
    assert!(written(&pool, user, Category::System, Channel::Email, "g").await);
    // A visitor has no switches.
    assert_eq!(app.get(&client(), "notify_prefs").await.0, 401);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_promotion_e_mail_unsubscribes_in_one_click_and_only_with_its_own_link(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let user = app
        .create_user("prefs@mail.test", "Passw0rd-1", "shopper")
        .await;
    sqlx::query(
        "INSERT INTO notification_prefs (user_id, category, channel, enabled)
         VALUES ($1, 'promotions', 'email', true)",
    )
    .bind(user)
    .execute(&pool)
    .await
    .unwrap();
    assert!(written(&pool, user, Category::Promotions, Channel::Email, "promo").await);
    assert!(written(&pool, user, Category::Orders, Channel::Email, "order").await);
    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    run_due(
        &pool,
        &mailer(&pool, &sink).await,
        OffsetDateTime::now_utc(),
        10,
    )
    .await
    .unwrap();
    let mail = sink.received();
    assert_eq!(mail.len(), 2);
    // The order's e-mail has no unsubscribe link; the promotion's has it
    // in its text and in the headers a mail program acts on.
    let promo = mail
        .iter()
        .find(|m| m.data.contains("List-Unsubscribe:"))
        .unwrap();
    assert!(
        promo
            .data
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    );
    assert_eq!(
        mail.iter()
            .filter(|m| m.data.contains("List-Unsubscribe"))
            .count(),
        1
    );
    let (_, text) = read(promo);
    let at = text
        .find("https://shop.test/unsubscribe?t=")
        .expect("a link in the text");
    let link = text[at..].split_whitespace().next().unwrap();
    let token = link.split("?t=").nth(1).unwrap();

    // A forged link does nothing.
    let (id, sig) = token.split_once('-').unwrap();
    let forged = format!("{}-{sig}", id.parse::<i64>().unwrap() + 1);
    let post = |t: String| {
        let url = format!("{}/unsubscribe?t={t}", app.base);
        async move {
            // As a mail program posts it: no cookie, no Origin.
            reqwest::Client::new()
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(post(forged).await, 404);
    assert!(written(&pool, user, Category::Promotions, Channel::Email, "still").await);
    // The real one stops promotion e-mails, and again is the same.
    assert_eq!(post(token.to_string()).await, 200);
    assert_eq!(post(token.to_string()).await, 200);
    assert!(!written(&pool, user, Category::Promotions, Channel::Email, "after").await);
    assert!(written(&pool, user, Category::Orders, Channel::Email, "order2").await);
    // The page's button does the same, and names the address.
    let (status, body, _) = app
        .post(&client(), "unsubscribe", &[("token", token)])
        .await;
    assert_eq!((status, body), (200, json!({ "Done": "prefs@mail.test" })));
    let (_, body, _) = app
        .post(&client(), "unsubscribe", &[("token", "1-00")])
        .await;
    assert_eq!(body, json!("Invalid"));
}
