//! The permission guard over real HTTP: every role against the back-office
//! entry point, and a first super admin created from configuration.
use crate::common;

use common::{client, spawn};
use sqlx::PgPool;

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn only_staff_roles_may_open_the_back_office(pool: PgPool) {
    let app = spawn(pool).await;
    let anon = client();
    assert_eq!(app.get(&anon, "admin/overview").await.0, 401);

    for (role, expected) in [
        ("shopper", 403),
        ("super_admin", 200),
        ("operations_manager", 200),
        ("catalog_editor", 200),
        ("customer_service", 200),
    ] {
        let email = format!("{role}@agora.test");
        app.create_user(&email, "staff-pass-1", role).await;
        let c = client();
        assert_eq!(
            app.sign_in(&c, &email, "staff-pass-1").await.0,
            200,
            "{role} signs in"
        );
        let (status, body) = app.get(&c, "admin/overview").await;
        assert_eq!(status, expected, "{role}: {body}");
        if status == 200 {
            assert_eq!(body["me"]["role"], role);
            assert!(body["counts"]["staff"].as_i64().unwrap() >= 1);
        } else {
            assert_eq!(body, serde_json::Value::String("Forbidden".into()));
        }
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_disabled_account_loses_access_at_once(pool: PgPool) {
    let app = spawn(pool).await;
    let id = app
        .create_user("ops@agora.test", "staff-pass-1", "operations_manager")
        .await;
    let c = client();
    assert_eq!(
        app.sign_in(&c, "ops@agora.test", "staff-pass-1").await.0,
        200
    );
    assert_eq!(app.get(&c, "admin/overview").await.0, 200);
    sqlx::query("UPDATE users SET disabled_at = now() WHERE id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.get(&c, "admin/overview").await.0, 401);
    assert_eq!(
        app.sign_in(&client(), "ops@agora.test", "staff-pass-1")
            .await
            .0,
        401
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_first_super_admin_comes_from_configuration(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    assert!(
        agora_server::startup::ensure_super_admin(&pool, "boss@agora.test", "short")
            .await
            .is_err()
    );
    agora_server::startup::ensure_super_admin(&pool, "Boss@Agora.test", "boss-pass-1")
        .await
        .unwrap();
    // Running it again promotes rather than duplicates.
    agora_server::startup::ensure_super_admin(&pool, "boss@agora.test", "boss-pass-1")
        .await
        .unwrap();
    assert_eq!(app.user_count().await, 1);
    let c = client();
    assert_eq!(
        app.sign_in(&c, "boss@agora.test", "boss-pass-1").await.0,
        200
    );
    let (status, body) = app.get(&c, "admin/overview").await;
    assert_eq!(status, 200);
    assert_eq!(body["me"]["role"], "super_admin");
    assert_eq!(
        body["me"]["permissions"].as_array().unwrap().len(),
        app::accounts::Permission::ALL.len()
    );
}
