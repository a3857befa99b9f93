//! The back office's mail page (issue 18): a test e-mail goes through the
//! outbox to a real SMTP server on loopback, and the page shows what became
//! of it, the server's refusal included; messages that failed every try
//! are listed for staff to send again or discard, audited; only the roles
//! holding `mail.manage` may do any of it.
use crate::common::{client, spawn, staff_client};
use crate::notifications::{mailer, read};
use agora_server::mail_sink::{self, Refuse};
use app::server::outbox::{MAX_ATTEMPTS, run_due};
use serde_json::{Value, json};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

async fn page(app: &crate::common::TestApp, c: &reqwest::Client) -> Value {
    let (status, body) = app.get(c, "admin/mail?lang=en").await;
    assert_eq!(status, 200, "{body}");
    body
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_test_e_mail_shows_the_servers_refusal_then_arrives(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let ops = staff_client(&app, "operations_manager", "mail").await;
    let test = json!({ "to": " Check@Mail.test ", "lang": "en" });
    let (status, body) = app.post_json(&ops, "admin/mail/test", test.clone()).await;
    assert_eq!(status, 200, "{body}");
    // A double click within the minute sends one e-mail.
    assert_eq!(app.post_json(&ops, "admin/mail/test", test).await.0, 200);
    let (status, body) = app
        .post_json(
            &ops,
            "admin/mail/test",
            json!({ "to": "not-mail", "lang": "en" }),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let tests = &page(&app, &ops).await["tests"];
    assert_eq!(tests.as_array().unwrap().len(), 1, "{tests}");
    assert_eq!(tests[0]["delivery"], "Waiting");
    assert_eq!(tests[0]["to"], "check@mail.test");
    assert_eq!(tests[0]["subject"], "Agora test e-mail");

    // The server refuses once: the page says so, with its answer.
    let sink = mail_sink::start(0, None, Refuse::First(1)).await.unwrap();
    let mailer = mailer(&pool, &sink).await;
    let now = OffsetDateTime::now_utc();
    run_due(&pool, &mailer, now, 10).await.unwrap();
    let tests = &page(&app, &ops).await["tests"];
    assert_eq!(tests[0]["delivery"], "Retrying");
    assert_eq!(tests[0]["attempts"], 1);
    assert!(
        tests[0]["last_error"].as_str().unwrap().contains("451"),
        "{tests}"
    );
    run_due(&pool, &mailer, now + Duration::minutes(2), 10)
        .await
        .unwrap();
    let tests = &page(&app, &ops).await["tests"];
    assert_eq!(tests[0]["delivery"], "Sent", "{tests}");
    let mail = sink.received();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["check@mail.test"]);
    let (subject, text) = read(&mail[0]);
    assert_eq!(subject, "Agora test e-mail");
    assert!(text.contains("operations_manager@mail.test"), "{text}");
    assert!(text.contains("https://shop.test/admin/mail"), "{text}");

    // Customer service and shoppers may not use the page.
    let cs = staff_client(&app, "customer_service", "mail").await;
    assert_eq!(app.get(&cs, "admin/mail?lang=en").await.0, 403);
    assert_eq!(app.get(&client(), "admin/mail?lang=en").await.0, 401);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn staff_send_an_undeliverable_message_again_or_discard_it(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let admin = staff_client(&app, "super_admin", "dead").await;
    for to in ["lost@mail.test", "gone@mail.test"] {
        let (status, body) = app
            .post_json(
                &admin,
                "admin/mail/test",
                json!({ "to": to, "lang": "zh-CN" }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    // A server that always refuses: after the last try they are dead.
    let refusing = mail_sink::start(0, None, Refuse::Always).await.unwrap();
    let refuser = mailer(&pool, &refusing).await;
    let mut now = OffsetDateTime::now_utc();
    for _ in 0..MAX_ATTEMPTS {
        run_due(&pool, &refuser, now, 10).await.unwrap();
        now += Duration::hours(7);
    }
    let overview = page(&app, &admin).await;
    assert_eq!(overview["dead_total"], 2, "{overview}");
    let dead = overview["dead"].as_array().unwrap();
    assert!(dead.iter().all(|m| m["delivery"] == "Undeliverable"));
    assert_eq!(dead[0]["attempts"], MAX_ATTEMPTS);
    let (gone, lost) = (dead[0]["id"].clone(), dead[1]["id"].clone());
    assert_eq!(dead[1]["to"], "lost@mail.test");
    // The navigation's badge counts them.
    let (_, o) = app.get(&admin, "admin/overview").await;
    assert_eq!(o["counts"]["dead_mail"], 2, "{o}");

    let (status, body) = app
        .post_json(&admin, "admin/mail/retry", json!({ "id": lost }))
        .await;
    assert_eq!(status, 200, "{body}");
    // Only an undeliverable message can be retried or discarded.
    assert_eq!(
        app.post_json(&admin, "admin/mail/retry", json!({ "id": lost }))
            .await
            .0,
        409
    );
    assert_eq!(
        app.post_json(&admin, "admin/mail/discard", json!({ "id": gone }))
            .await
            .0,
        200
    );
    assert_eq!(
        app.post_json(&admin, "admin/mail/discard", json!({ "id": gone }))
            .await
            .0,
        409
    );
    // The retried one goes out at once to a server that takes it.
    let sink = mail_sink::start(0, None, Refuse::Never).await.unwrap();
    let r = run_due(&pool, &mailer(&pool, &sink).await, now, 10)
        .await
        .unwrap();
    assert_eq!(r.sent, 1);
    assert_eq!(sink.received()[0].to, ["lost@mail.test"]);
    let overview = page(&app, &admin).await;
    assert_eq!(overview["dead_total"], 0);
    let tests = overview["tests"].as_array().unwrap();
    let status_of = |to: &str| {
        tests
            .iter()
            .find(|m| m["to"] == to)
            .map(|m| m["delivery"].clone())
    };
    assert_eq!(status_of("lost@mail.test"), Some(json!("Sent")));
    assert_eq!(status_of("gone@mail.test"), Some(json!("Discarded")));

    // Both are in the audit log, with the state before and after.
    let entries: Vec<(String, Value, Value)> = sqlx::query_as(
        "SELECT action, before, after FROM audit_log
          WHERE action IN ('admin/mail/retry', 'admin/mail/discard') ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        entries,
        [
            (
                "admin/mail/retry".to_string(),
                json!({ "delivery": "dead" }),
                json!({ "delivery": "pending" })
            ),
            (
                "admin/mail/discard".to_string(),
                json!({ "delivery": "dead" }),
                json!({ "delivery": "discarded" })
            ),
        ]
    );
}
