//! Statuses at the database edge (issue 15): every value the database
//! allows has a name in the code, and a value the code has no name for is
//! an error where it is read, never shown as some default (the order list
//! used to show an unknown status as "awaiting payment" and an unknown
//! payment status as "unpaid").
use crate::common;

use app::cart::ShippingMethod;
use app::error::AppError;
use app::orders::{Actor, OrderEventKind, OrderStatus};
use app::payments::db::notify::{Answer, receive};
use app::payments::db::sandbox::signature;
use app::payments::{
    ChargeStatus, PaymentMethod, PaymentStatus, RefundStatus, SandboxChargeStatus,
};
use sqlx::PgPool;
use time::OffsetDateTime;

/// The values a CHECK constraint lists (`col = ANY (ARRAY['a'::text, …])`).
async fn allowed(pool: &PgPool, constraint: &str) -> Vec<String> {
    let def: String = sqlx::query_scalar(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1",
    )
    .bind(constraint)
    .fetch_one(pool)
    .await
    .unwrap();
    let values: Vec<String> = def
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(!values.is_empty(), "{constraint}: {def}");
    values
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_status_the_database_allows_has_a_name(pool: PgPool) {
    // Each column's constraint and the names its enum stores.
    fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|x| as_str(*x)).collect()
    }
    let columns = [
        (
            "orders_status_check",
            names(&OrderStatus::ALL, OrderStatus::as_str),
        ),
        (
            "orders_payment_status_check",
            names(&PaymentStatus::ALL, PaymentStatus::as_str),
        ),
        (
            "orders_payment_method_check",
            names(&PaymentMethod::ALL, PaymentMethod::as_str),
        ),
        (
            "payments_provider_check",
            names(&PaymentMethod::ALL, PaymentMethod::as_str),
        ),
        (
            "payments_status_check",
            names(&ChargeStatus::ALL, ChargeStatus::as_str),
        ),
        (
            "refunds_status_check",
            names(&RefundStatus::ALL, RefundStatus::as_str),
        ),
        (
            "sandbox_charges_status_check",
            names(&SandboxChargeStatus::ALL, SandboxChargeStatus::as_str),
        ),
        (
            "order_events_actor_check",
            names(&Actor::ALL, Actor::as_str),
        ),
        (
            "order_events_status_check",
            names(&OrderEventKind::ALL, OrderEventKind::as_str),
        ),
        (
            "orders_shipping_method_check",
            names(&ShippingMethod::ALL, ShippingMethod::as_str),
        ),
    ];
    for (constraint, mut named) in columns {
        let mut values = allowed(&pool, constraint).await;
        values.sort();
        named.sort();
        assert_eq!(values, named, "{constraint}");
    }
}

/// Drops one of the orders table's CHECK constraints.
async fn lift(pool: &PgPool, constraint: &str) {
    sqlx::query(&format!("ALTER TABLE orders DROP CONSTRAINT {constraint}"))
        .execute(pool)
        .await
        .unwrap();
}

/// Sets a text column of one order.
async fn set(pool: &PgPool, id: i64, column: &str, value: &str) {
    sqlx::query(&format!("UPDATE orders SET {column} = $2 WHERE id = $1"))
        .bind(id)
        .bind(value)
        .execute(pool)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn an_unknown_status_in_the_database_is_an_error(pool: PgPool) {
    common::demo(&pool).await;
    let email = "typed@orders.test";
    let uid: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', '买家') RETURNING id",
    )
    .bind(email)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (id, number, _) = common::paid_order(&pool, Some((uid, email)), 1).await;
    let list = app::orders::db::list(&pool, uid).await.unwrap();
    assert_eq!(
        (list[0].status, list[0].payment_status),
        (OrderStatus::AwaitingShipment, PaymentStatus::Paid)
    );

    // A value written by something newer than this code: the check is
    // lifted to write it, as a later migration might.
    lift(&pool, "orders_payment_status_check").await;
    set(&pool, id, "payment_status", "written_off").await;
    assert_eq!(
        app::orders::db::list(&pool, uid).await.err(),
        Some(AppError::Internal)
    );
    assert_eq!(
        app::orders::db::detail(&pool, id).await.err(),
        Some(AppError::Internal)
    );
    assert_eq!(
        app::admin::orders::db::load(&pool, &number).await.err(),
        Some(AppError::Internal)
    );

    // The same for the order's own status.
    set(&pool, id, "payment_status", "paid").await;
    lift(&pool, "orders_status_check").await;
    set(&pool, id, "status", "lost_in_transit").await;
    assert_eq!(
        app::orders::db::list(&pool, uid).await.err(),
        Some(AppError::Internal)
    );
}

/// A signed notification whose status the shop has no name for is refused
/// as malformed (400) and changes nothing; it used to be acknowledged and
/// filed as "ignored: unknown status".
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_notification_with_an_unknown_status_is_malformed(pool: PgPool) {
    common::demo(&pool).await;
    let (id, number, total) = common::paid_order(&pool, None, 2).await;
    let reference: String =
        sqlx::query_scalar("SELECT provider_ref FROM payments WHERE order_id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    let key = app::server::Secrets::load(&pool).await.unwrap().sandbox;
    let body = serde_json::json!({
        "event_id": "evt_odd", "reference": reference, "merchant_order": number,
        "amount_minor": total, "currency": "CNY", "status": "charged_back",
    })
    .to_string();
    let now = OffsetDateTime::now_utc();
    let sig = signature(&key, now.unix_timestamp(), &body);
    let before = common::fingerprint(&pool).await;
    assert_eq!(
        receive(&pool, &key, Some(&sig), &body, now).await.unwrap(),
        Answer::Malformed
    );
    assert_eq!(common::fingerprint(&pool).await, before);
}
