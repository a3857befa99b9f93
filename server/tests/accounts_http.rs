//! Accounts over real HTTP against a throwaway PostgreSQL database.
use crate::common;

use common::{client, field_key, session_cookie, spawn};
use serde_json::Value;
use sqlx::PgPool;

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn registration_validation_reports_each_field_and_writes_nothing(pool: PgPool) {
    let app = spawn(pool).await;
    let c = client();
    let (status, body, _) = app
        .post(
            &c,
            "register",
            &[
                ("email", "not-an-email"),
                ("password", "short"),
                ("display_name", ""),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_key(&body, "email").as_deref(), Some("email_invalid"));
    assert_eq!(
        field_key(&body, "password").as_deref(),
        Some("password_too_short")
    );
    assert_eq!(
        field_key(&body, "display_name").as_deref(),
        Some("required")
    );

    let (status, body) = app.register(&c, "weak@agora.test", "onlyletters").await;
    assert_eq!(status, 422);
    assert_eq!(
        field_key(&body, "password").as_deref(),
        Some("password_too_weak")
    );
    assert_eq!(app.user_count().await, 0);

    let (status, _) = app.register(&c, "good@agora.test", "good-pass-1").await;
    assert_eq!(status, 200);
    assert_eq!(app.user_count().await, 1);
    // Registration signs the new shopper in.
    let (_, me) = app.get(&c, "me").await;
    assert_eq!(me["email"], "good@agora.test");
    assert_eq!(me["role"], "shopper");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_duplicate_email_is_refused_whatever_its_case(pool: PgPool) {
    let app = spawn(pool).await;
    assert_eq!(
        app.register(&client(), "li@agora.test", "pass-word-1")
            .await
            .0,
        200
    );
    let (status, body) = app
        .register(&client(), " LI@Agora.TEST ", "other-pass-2")
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_key(&body, "email").as_deref(), Some("email_taken"));
    assert_eq!(app.user_count().await, 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn passwords_are_verified_and_failures_look_alike(pool: PgPool) {
    let app = spawn(pool).await;
    app.create_user("wang@agora.test", "right-pass-1", "shopper")
        .await;
    let c = client();
    let (wrong, wrong_body, _) = app.sign_in(&c, "wang@agora.test", "wrong-pass-1").await;
    let (unknown, unknown_body, _) = app.sign_in(&c, "nobody@agora.test", "wrong-pass-1").await;
    assert_eq!((wrong, unknown), (401, 401));
    assert_eq!(
        wrong_body, unknown_body,
        "unknown e-mail and wrong password must answer alike"
    );
    assert_eq!(wrong_body, Value::String("InvalidCredentials".into()));
    assert_eq!(app.get(&c, "me").await.1, Value::Null);

    let (ok, _, _) = app.sign_in(&c, "WANG@agora.test", "right-pass-1").await;
    assert_eq!(ok, 200);
    assert_eq!(app.get(&c, "me").await.1["email"], "wang@agora.test");

    // The stored hash is argon2id with the required parameters.
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_session_id_changes_at_sign_in_and_the_old_one_dies(pool: PgPool) {
    let app = spawn(pool).await;
    app.create_user("zhao@agora.test", "right-pass-1", "shopper")
        .await;
    // No cookie store: this test handles the cookie itself.
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (_, _, h1) = app.sign_in(&raw, "zhao@agora.test", "right-pass-1").await;
    let first = session_cookie(&h1).expect("a session cookie after sign-in");

    // Signing in again from that session gets a brand-new id.
    let res = raw
        .post(format!("{}/api/sign_in", app.base))
        .header("cookie", format!("agora_sid={first}"))
        .form(&[("email", "zhao@agora.test"), ("password", "right-pass-1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let second = session_cookie(res.headers()).expect("a rotated session cookie");
    assert_ne!(first, second);

    let me = |id: String| {
        let raw = raw.clone();
        let url = format!("{}/api/me", app.base);
        async move {
            let res = raw
                .get(url)
                .header("cookie", format!("agora_sid={id}"))
                .send()
                .await
                .unwrap();
            res.json::<Value>().await.unwrap()
        }
    };
    assert_eq!(
        me(first).await,
        Value::Null,
        "the pre-sign-in id must no longer be valid"
    );
    assert_eq!(me(second.clone()).await["email"], "zhao@agora.test");

    // Signing out ends the session on the server.
    let res = raw
        .post(format!("{}/api/sign_out", app.base))
        .header("cookie", format!("agora_sid={second}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(me(second).await, Value::Null);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn sign_in_is_throttled_after_repeated_failures(pool: PgPool) {
    let app = spawn(pool).await;
    app.create_user("chen@agora.test", "right-pass-1", "shopper")
        .await;
    let c = client();
    for _ in 0..app::accounts::db::MAX_FAILURES_PER_EMAIL {
        assert_eq!(
            app.sign_in(&c, "chen@agora.test", "wrong-pass-1").await.0,
            401
        );
    }
    // Now even the right password is refused for a while.
    let (status, body, _) = app.sign_in(&c, "chen@agora.test", "right-pass-1").await;
    assert_eq!(status, 429);
    assert_eq!(body, Value::String("TooManyAttempts".into()));
    assert_eq!(app.get(&c, "me").await.1, Value::Null);

    // Other accounts are not locked out by it.
    app.create_user("liu@agora.test", "right-pass-1", "shopper")
        .await;
    assert_eq!(
        app.sign_in(&c, "liu@agora.test", "right-pass-1").await.0,
        200
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn profile_password_and_addresses_round_trip(pool: PgPool) {
    let app = spawn(pool).await;
    let c = client();
    assert_eq!(
        app.register(&c, "sun@agora.test", "first-pass-1").await.0,
        200
    );

    let (s, _, _) = app
        .post(
            &c,
            "update_profile",
            &[("display_name", "孙悟空"), ("phone", "+86 138 0013 8000")],
        )
        .await;
    assert_eq!(s, 200);
    let (_, p) = app.get(&c, "profile").await;
    assert_eq!(p["display_name"], "孙悟空");
    let (s, body, _) = app
        .post(
            &c,
            "update_profile",
            &[("display_name", "孙悟空"), ("phone", "call me")],
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "phone").as_deref()),
        (422, Some("phone_invalid"))
    );
    assert_eq!(
        app.get(&c, "profile").await.1["phone"],
        "+86 138 0013 8000",
        "a refused edit changes nothing"
    );

    let (s, body, _) = app
        .post(
            &c,
            "change_password",
            &[
                ("current_password", "nope-nope-1"),
                ("new_password", "second-pass-2"),
                ("confirm_password", "second-pass-2"),
            ],
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "current_password").as_deref()),
        (422, Some("wrong_current_password"))
    );
    let (s, _, _) = app
        .post(
            &c,
            "change_password",
            &[
                ("current_password", "first-pass-1"),
                ("new_password", "second-pass-2"),
                ("confirm_password", "second-pass-2"),
            ],
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        app.sign_in(&client(), "sun@agora.test", "second-pass-2")
            .await
            .0,
        200
    );

    let addr = [
        ("address[recipient]", "孙悟空"),
        ("address[phone]", "13800138000"),
        ("address[region]", "上海市 浦东新区"),
        ("address[line1]", "世纪大道 100 号"),
        ("address[postal_code]", "200120"),
    ];
    let (s, first, _) = app.post(&c, "add_address", &addr).await;
    assert_eq!(s, 200);
    let (s, second, _) = app.post(&c, "add_address", &addr).await;
    assert_eq!(s, 200);
    let (_, list) = app.get(&c, "addresses").await;
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list.iter().filter(|a| a["is_default"] == true).count(),
        1,
        "exactly one default"
    );
    assert_eq!(
        list.iter().find(|a| a["is_default"] == true).unwrap()["id"],
        first
    );

    let (s, _, _) = app
        .post(&c, "default_address", &[("id", &second.to_string())])
        .await;
    assert_eq!(s, 200);
    let (_, list) = app.get(&c, "addresses").await;
    assert_eq!(list[0]["id"], second);
    assert_eq!(list[0]["is_default"], true);

    // Editing changes the fields and keeps exactly one default.
    let second_id = second.to_string();
    let edit = [
        ("id", second_id.as_str()),
        ("address[recipient]", "猪八戒"),
        ("address[phone]", "13900139000"),
        ("address[region]", "北京市 海淀区"),
        ("address[line1]", "中关村大街 1 号"),
        ("address[postal_code]", ""),
    ];
    let (s, _, _) = app.post(&c, "update_address", &edit).await;
    assert_eq!(s, 200);
    let (_, list) = app.get(&c, "addresses").await;
    let edited = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == second)
        .unwrap()
        .clone();
    assert_eq!(edited["recipient"], "猪八戒");
    assert_eq!(edited["postal_code"], serde_json::Value::Null);
    assert_eq!(
        edited["is_default"], true,
        "unticked default on the default address stays default"
    );
    let (s, body, _) = app
        .post(
            &c,
            "update_address",
            &[
                ("id", second_id.as_str()),
                ("address[recipient]", "x"),
                ("address[phone]", "bad"),
                ("address[region]", "r"),
                ("address[line1]", "l"),
            ],
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "phone").as_deref()),
        (422, Some("phone_invalid"))
    );

    // Bad input is refused with field errors and stores nothing.
    let (s, body, _) = app
        .post(
            &c,
            "add_address",
            &[
                ("address[recipient]", ""),
                ("address[phone]", "x"),
                ("address[region]", ""),
                ("address[line1]", ""),
            ],
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(field_key(&body, "phone").as_deref(), Some("phone_invalid"));
    assert_eq!(
        app.get(&c, "addresses").await.1.as_array().unwrap().len(),
        2
    );

    // Another shopper can neither delete nor see these addresses.
    let other = client();
    assert_eq!(
        app.register(&other, "zhu@agora.test", "zhu-pass-1").await.0,
        200
    );
    let (s, _, _) = app
        .post(&other, "delete_address", &[("id", &second.to_string())])
        .await;
    assert_eq!(s, 404);
    assert_eq!(
        app.get(&other, "addresses")
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        app.get(&c, "addresses").await.1.as_array().unwrap().len(),
        2
    );

    // Deleting the default promotes the remaining address.
    let (s, _, _) = app
        .post(&c, "delete_address", &[("id", &second.to_string())])
        .await;
    assert_eq!(s, 200);
    let (_, list) = app.get(&c, "addresses").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["is_default"], true);

    // Signed out, the same calls are refused.
    let anon = client();
    assert_eq!(app.get(&anon, "addresses").await.0, 401);
    assert_eq!(
        app.post(
            &anon,
            "update_profile",
            &[("display_name", "x"), ("phone", "")]
        )
        .await
        .0,
        401
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn malformed_requests_get_400_and_a_message_key(pool: PgPool) {
    let app = spawn(pool).await;
    // Missing arguments never reach the function body.
    let (status, body, _) = app
        .post(&client(), "sign_in", &[("email", "x@agora.test")])
        .await;
    assert_eq!(status, 400);
    assert_eq!(body, Value::String("BadRequest".into()));
    let (status, _, _) = app
        .post(&client(), "delete_address", &[("id", "not-a-number")])
        .await;
    assert_eq!(status, 400);
}
