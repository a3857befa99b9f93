//! Sessions end when the credential they were opened with changes (issue
//! 14): a password change signs out every other device of the account,
//! while the one that changed it stays signed in; and promoting an account
//! to staff in the back office replaces its password and signs it out
//! everywhere, so whoever registered that e-mail first cannot keep it.
use crate::common;

use common::{TestApp, client, field_key, spawn, staff_client};
use serde_json::{Value, json};
use sqlx::PgPool;

/// The signed-in user's e-mail, or `None` when signed out.
async fn who(app: &TestApp, c: &reqwest::Client) -> Option<String> {
    let (status, me) = app.get(c, "me").await;
    assert_eq!(status, 200, "{me}");
    match me {
        Value::Null => None,
        me => Some(me["email"].as_str().unwrap().to_string()),
    }
}

async fn indexed_sessions(pool: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn changing_the_password_signs_out_every_other_session(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let email = "twice@shop.example.com";
    // The owner on a phone, and someone else who knows the password.
    let phone = client();
    assert_eq!(app.register(&phone, email, "first-pass-1").await.0, 200);
    let other = client();
    assert_eq!(app.sign_in(&other, email, "first-pass-1").await.0, 200);
    assert_eq!(who(&app, &other).await.as_deref(), Some(email));
    assert_eq!(indexed_sessions(&pool, email).await, 2);

    let (s, body, _) = app
        .post(
            &phone,
            "change_password",
            &[
                ("current_password", "first-pass-1"),
                ("new_password", "second-pass-2"),
                ("confirm_password", "second-pass-2"),
            ],
        )
        .await;
    assert_eq!(s, 200, "{body}");

    // The other session is gone; the phone goes on.
    assert_eq!(who(&app, &other).await, None);
    assert_eq!(who(&app, &phone).await.as_deref(), Some(email));
    assert_eq!(
        app.get(&other, "profile").await.0,
        401,
        "the old session opens nothing"
    );
    assert_eq!(app.get(&phone, "profile").await.0, 200);
    // The phone's new session id is indexed, so disabling the account
    // later still ends it.
    assert_eq!(indexed_sessions(&pool, email).await, 1);
    sqlx::query("UPDATE users SET disabled_at = now() WHERE email = $1")
        .bind(email)
        .execute(&pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&pool)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        app::server::end_sessions_of(&mut conn, id).await.unwrap(),
        1
    );
    drop(conn);
    assert_eq!(who(&app, &phone).await, None);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_failed_password_change_signs_nobody_out(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let email = "keep@shop.example.com";
    let phone = client();
    assert_eq!(app.register(&phone, email, "first-pass-1").await.0, 200);
    let laptop = client();
    assert_eq!(app.sign_in(&laptop, email, "first-pass-1").await.0, 200);
    let (s, body, _) = app
        .post(
            &phone,
            "change_password",
            &[
                ("current_password", "wrong-pass-1"),
                ("new_password", "second-pass-2"),
                ("confirm_password", "second-pass-2"),
            ],
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "current_password").as_deref()),
        (422, Some("wrong_current_password"))
    );
    assert_eq!(who(&app, &laptop).await.as_deref(), Some(email));
    assert_eq!(who(&app, &phone).await.as_deref(), Some(email));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn promoting_an_account_replaces_its_password_and_ends_its_sessions(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let admin = staff_client(&app, "super_admin", "promote").await;
    let email = "new-hire@shop.example.com";
    // Whoever registered the new employee's e-mail first.
    let squatter = client();
    assert_eq!(
        app.register(&squatter, email, "squatter-pass-1").await.0,
        200
    );

    let (s, promoted) = app
        .post_json(
            &admin,
            "admin/staff/promote",
            json!({"email": " New-Hire@Shop.example.com ", "role": "customer_service"}),
        )
        .await;
    assert_eq!(s, 200, "{promoted}");
    assert_eq!(promoted["email"], email);
    assert_eq!(promoted["role"], "customer_service");
    let password = promoted["password"].as_str().unwrap().to_string();
    assert!(app::accounts::check_password(&password, email).is_ok());

    // The squatter is out and their password opens nothing.
    assert_eq!(who(&app, &squatter).await, None);
    assert_eq!(app.get(&squatter, "admin/overview").await.0, 401);
    assert_eq!(
        app.sign_in(&client(), email, "squatter-pass-1").await.0,
        401
    );
    assert_eq!(indexed_sessions(&pool, email).await, 0);
    // The employee signs in with what the admin handed over.
    let hire = client();
    assert_eq!(app.sign_in(&hire, email, &password).await.0, 200);
    let (s, overview) = app.get(&hire, "admin/overview").await;
    assert_eq!(s, 200, "{overview}");
    assert_eq!(overview["me"]["role"], "customer_service");

    // Audited, without the password.
    let (before, after): (Value, Value) = sqlx::query_as(
        "SELECT before, after FROM audit_log WHERE action = 'admin/staff/promote' AND label = $1",
    )
    .bind(email)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(before["role"], "shopper");
    assert_eq!(after["role"], "customer_service");
    assert_eq!(after["sessions_ended"], 1);
    assert!(!after.to_string().contains(&password));

    // Promoting again, an unknown e-mail, or oneself is refused.
    let (s, body) = app
        .post_json(
            &admin,
            "admin/staff/promote",
            json!({"email": email, "role": "catalog_editor"}),
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "email").as_deref()),
        (422, Some("already_staff"))
    );
    let (s, body) = app
        .post_json(
            &admin,
            "admin/staff/promote",
            json!({"email": "nobody@shop.example.com", "role": "catalog_editor"}),
        )
        .await;
    assert_eq!(
        (s, field_key(&body, "email").as_deref()),
        (422, Some("not_found"))
    );
    assert_eq!(app.sign_in(&hire, email, &password).await.0, 200);
}

/// A database or session store that fails is an error (500), never
/// "signed out" (401): a member must not be sent to the sign-in form, nor a
/// staff member offered it in the back office, for what signing in again
/// cannot fix.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_database_error_is_an_error_not_signed_out(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let member = client();
    let email = "broken@shop.example.com";
    assert_eq!(app.register(&member, email, "first-pass-1").await.0, 200);
    let admin = staff_client(&app, "super_admin", "broken").await;
    assert_eq!(app.get(&member, "profile").await.0, 200);
    assert_eq!(app.get(&admin, "admin/overview").await.0, 200);

    // Every guard reads the role's grants, on every call.
    sqlx::query("DROP TABLE role_permissions CASCADE")
        .execute(&pool)
        .await
        .unwrap();
    for (c, endpoint) in [
        (&member, "me"),
        (&member, "profile"),
        (&admin, "admin/overview"),
    ] {
        let (status, body) = app.get(c, endpoint).await;
        assert_eq!(status, 500, "{endpoint}: {body}");
    }

    // Reading the session itself fails the same way.
    sqlx::query("DROP TABLE tower_sessions.session CASCADE")
        .execute(&pool)
        .await
        .unwrap();
    let (status, body) = app.get(&member, "profile").await;
    assert_eq!(status, 500, "{body}");
}

/// A role the code does not know is an error, not a shopper with no
/// rights: before, such an account was served as a shopper.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_account_with_an_unknown_role_gets_an_error(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    sqlx::query("INSERT INTO roles (code, is_staff) VALUES ('intern', true)")
        .execute(&pool)
        .await
        .unwrap();
    let email = "intern@shop.example.com";
    app.create_user(email, "intern-pass-1", "intern").await;
    let c = client();
    assert_eq!(app.sign_in(&c, email, "intern-pass-1").await.0, 200);
    let (status, body) = app.get(&c, "me").await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(app.get(&c, "profile").await.0, 500);
}
