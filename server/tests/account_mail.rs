//! Account e-mails (issue 18): a forgotten password is reset from a signed,
//! expiring, single-use link sent over real SMTP (a sink on loopback); the
//! answer never tells whether an address has an account; requests are
//! throttled; the reset ends every session. A new account is asked to
//! confirm its address the same way.
use crate::common::{client, spawn, spawn_with, test_config};
use crate::notifications::{mailer, read};
use agora_server::mail_sink::{self, Refuse};
use app::server::outbox::run_due;
use app::shop_time::{Clock, ManualClock};
use serde_json::{Value, json};
use sqlx::PgPool;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Sends what the outbox holds to a fresh sink at `now`; the e-mails
/// delivered, as (recipient, subject, text).
async fn deliver(pool: &PgPool, now: OffsetDateTime) -> Vec<(String, String, String)> {
    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    let mailer = mailer(pool, &sink).await;
    run_due(pool, &mailer, now, 100).await.unwrap();
    sink.received()
        .iter()
        .map(|m| {
            let (subject, text) = read(m);
            (m.to.join(","), subject, text)
        })
        .collect()
}

/// The token of the one link in an e-mail's text that opens `path`.
fn token_in(text: &str, path: &str) -> String {
    let start = format!("https://shop.test{path}?token=");
    let at = text
        .find(&start)
        .unwrap_or_else(|| panic!("no {path} link: {text}"))
        + start.len();
    text[at..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

async fn outbox_events(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar("SELECT event FROM outbox WHERE key LIKE 'account:%' ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn link_state(app: &crate::common::TestApp, token: &str, purpose: &str) -> Value {
    let c = client();
    let (status, body) = app
        .get(&c, &format!("account_link?token={token}&purpose={purpose}"))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_forgotten_password_is_reset_once_from_the_mailed_link_and_every_session_ends(
    pool: PgPool,
) {
    let app = spawn(pool.clone()).await;
    let id = app
        .create_user("forgot@mail.test", "Old-passw0rd", "shopper")
        .await;
    // Two sessions with the old password: a phone and a laptop.
    let (phone, laptop) = (client(), client());
    for c in [&phone, &laptop] {
        assert_eq!(
            app.sign_in(c, "forgot@mail.test", "Old-passw0rd").await.0,
            200
        );
    }
    // They last read the shop in English (signing in records the language
    // of the request, Chinese for these clients, so it is set after).
    sqlx::query("UPDATE users SET display_name = 'Mei', locale = 'en' WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();

    // The same answer for an account's address and for a stranger's.
    let asker = client();
    let known = app
        .post(
            &asker,
            "password_forgot",
            &[("email", " Forgot@Mail.test ")],
        )
        .await;
    let unknown = app
        .post(&asker, "password_forgot", &[("email", "nobody@mail.test")])
        .await;
    assert_eq!((known.0, &known.1), (200, &unknown.1));
    assert_eq!(unknown.0, 200);
    // A malformed address is a field error, and sends nothing.
    let (status, body, _) = app
        .post(&asker, "password_forgot", &[("email", "not-an-address")])
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(outbox_events(&pool).await, ["password_reset"]);

    let mail = deliver(&pool, OffsetDateTime::now_utc()).await;
    assert_eq!(mail.len(), 1);
    let (to, subject, text) = &mail[0];
    assert_eq!(to, "forgot@mail.test");
    assert_eq!(subject, "Reset your Agora password");
    assert!(text.starts_with("Hello Mei,"), "{text}");
    assert!(text.contains("works once, for 1 hour"), "{text}");
    let token = token_in(text, "/password/reset");
    assert_eq!(
        link_state(&app, &token, "password_reset").await,
        json!({ "Valid": "forgot@mail.test" })
    );
    // A reset link is no confirmation link, and a forged one is nothing.
    assert_eq!(
        link_state(&app, &token, "confirm_email").await,
        json!("Invalid")
    );
    let (link_id, sig) = token.split_once('-').unwrap();
    let forged = format!("{}-{sig}", link_id.parse::<i64>().unwrap() + 1);
    assert_eq!(
        link_state(&app, &forged, "password_reset").await,
        json!("Invalid")
    );

    // A new password that fails its checks leaves the link working.
    let c = client();
    let (status, body, _) = app
        .post(
            &c,
            "password_reset",
            &[
                ("token", &token),
                ("new_password", "New-passw0rd"),
                ("confirm_password", "other"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "confirm_password").as_deref(),
        Some("password_mismatch")
    );
    assert_eq!(
        app.sign_in(&client(), "forgot@mail.test", "Old-passw0rd")
            .await
            .0,
        200
    );

    let reset = [
        ("token", token.as_str()),
        ("new_password", "New-passw0rd"),
        ("confirm_password", "New-passw0rd"),
    ];
    let (status, body, _) = app.post(&c, "password_reset", &reset).await;
    assert_eq!(status, 200, "{body}");
    // Once only.
    let (status, body, _) = app.post(&c, "password_reset", &reset).await;
    assert_eq!(
        (status, body["Conflict"].as_str()),
        (409, Some("link_expired")),
        "{body}"
    );
    assert_eq!(
        link_state(&app, &token, "password_reset").await,
        json!("Used")
    );

    // The old password is gone, the new one works, and both old sessions
    // are signed out.
    assert_eq!(
        app.sign_in(&client(), "forgot@mail.test", "Old-passw0rd")
            .await
            .0,
        401
    );
    assert_eq!(
        app.sign_in(&client(), "forgot@mail.test", "New-passw0rd")
            .await
            .0,
        200
    );
    for c in [&phone, &laptop] {
        let (status, me) = app.get(c, "me").await;
        assert_eq!((status, me), (200, Value::Null));
    }
    // The link reached the mailbox: the address counts as confirmed.
    let confirmed: bool =
        sqlx::query_scalar("SELECT email_confirmed_at IS NOT NULL FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(confirmed);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_reset_link_expires_after_an_hour_on_the_shop_clock_and_a_newer_one_voids_it(
    pool: PgPool,
) {
    let start = OffsetDateTime::now_utc();
    let clock = Arc::new(ManualClock::new(start));
    let mut cfg = test_config();
    cfg.clock = clock.clone();
    let app = spawn_with(pool.clone(), cfg).await;
    app.create_user("late@mail.test", "Old-passw0rd", "shopper")
        .await;
    let c = client();
    assert_eq!(
        app.post(&c, "password_forgot", &[("email", "late@mail.test")])
            .await
            .0,
        200
    );
    let first = token_in(&deliver(&pool, clock.now()).await[0].2, "/password/reset");

    clock.advance(Duration::minutes(61));
    assert_eq!(
        link_state(&app, &first, "password_reset").await,
        json!("Expired")
    );
    let reset = |t: &str| {
        [
            ("token", t.to_string()),
            ("new_password", "New-passw0rd".to_string()),
            ("confirm_password", "New-passw0rd".to_string()),
        ]
    };
    let form = reset(&first);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body, _) = app.post(&c, "password_reset", &form).await;
    assert_eq!(
        (status, body["Conflict"].as_str()),
        (409, Some("link_expired"))
    );
    assert_eq!(
        app.sign_in(&client(), "late@mail.test", "Old-passw0rd")
            .await
            .0,
        200
    );

    // Two fresh links; using the second voids the first.
    for _ in 0..2 {
        assert_eq!(
            app.post(&c, "password_forgot", &[("email", "late@mail.test")])
                .await
                .0,
            200
        );
    }
    let mail = deliver(&pool, clock.now()).await;
    assert_eq!(mail.len(), 2);
    let (older, newer) = (
        token_in(&mail[0].2, "/password/reset"),
        token_in(&mail[1].2, "/password/reset"),
    );
    let form = reset(&newer);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post(&c, "password_reset", &form).await.0, 200);
    assert_eq!(
        link_state(&app, &older, "password_reset").await,
        json!("Used")
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn reset_requests_are_limited_per_account_quietly_and_per_network_openly(pool: PgPool) {
    let mut cfg = test_config();
    cfg.limits.account_mail_per_hour = 5;
    let app = spawn_with(pool.clone(), cfg).await;
    app.create_user("flood@mail.test", "Old-passw0rd", "shopper")
        .await;
    let c = client();
    // Five asks from one network: each answered alike, three links sent
    // (someone who knows an address cannot fill its mailbox).
    for _ in 0..5 {
        let (status, body, _) = app
            .post(&c, "password_forgot", &[("email", "flood@mail.test")])
            .await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(outbox_events(&pool).await.len(), 3);
    // The sixth from that network is refused, and says why.
    let (status, body, _) = app
        .post(&c, "password_forgot", &[("email", "other@mail.test")])
        .await;
    assert_eq!(
        (status, body["RateLimited"].as_str()),
        (429, Some("too_many_mails")),
        "{body}"
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_new_account_confirms_its_address_from_the_mailed_link(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = client();
    let res = c
        .post(format!("{}/api/register", app.base))
        .header("accept-language", "en-GB,en;q=0.8")
        .form(&[
            ("email", "new@mail.test"),
            ("password", "Passw0rd-new"),
            ("display_name", "Ana"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let (_, profile) = app.get(&c, "profile").await;
    assert_eq!(profile["email_confirmed"], false);

    let mail = deliver(&pool, OffsetDateTime::now_utc()).await;
    assert_eq!(mail.len(), 1);
    let (to, subject, text) = &mail[0];
    assert_eq!(
        (to.as_str(), subject.as_str()),
        ("new@mail.test", "Please confirm your e-mail address")
    );
    assert!(
        text.starts_with("Hello Ana,") && text.contains("new@mail.test"),
        "{text}"
    );
    let token = token_in(text, "/account/confirm");
    // Opening the link confirms nothing: the page's button does.
    assert_eq!(
        link_state(&app, &token, "confirm_email").await,
        json!({ "Valid": "new@mail.test" })
    );
    let (_, profile) = app.get(&c, "profile").await;
    assert_eq!(profile["email_confirmed"], false);
    // From any browser: the link is the proof.
    let elsewhere = client();
    let (status, body, _) = app
        .post(&elsewhere, "confirm_email", &[("token", &token)])
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, profile) = app.get(&c, "profile").await;
    assert_eq!(profile["email_confirmed"], true);
    let (status, _, _) = app
        .post(&elsewhere, "confirm_email", &[("token", &token)])
        .await;
    assert_eq!(status, 409);
    // Confirmed: asking again sends nothing.
    assert_eq!(app.post(&c, "confirm_email_again", &[]).await.0, 200);
    assert_eq!(outbox_events(&pool).await, ["confirm_email"]);
    // A visitor cannot ask for one.
    assert_eq!(app.post(&client(), "confirm_email_again", &[]).await.0, 401);
}
