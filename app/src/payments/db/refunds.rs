//! Giving money back: the one interface through which a cancellation, the
//! back office, the jobs and the notification endpoint refund. A refund row
//! is written pending, with the order row locked, in the caller's
//! transaction; after that commits it is settled: asked of the provider
//! under its idempotency key, then recorded on the payment and the order.
//! Orders use this module; it never uses them (it writes their payment
//! status and timeline in SQL, as the notification endpoint does).
use super::refund_via;
use crate::error::AppError;
use crate::payments::{Actor, PaymentMethod, RefundStatus};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// A refund row to ask the provider for, after the transaction that wrote
/// it commits: its amount and the idempotency key it is always sent with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    pub id: i64,
    pub provider: PaymentMethod,
    pub reference: String,
    pub amount_minor: i64,
    pub key: String,
}

/// A paid payment and what is left of it to give back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refundable {
    pub payment_id: i64,
    pub provider: PaymentMethod,
    pub reference: String,
    /// May be zero or less once everything is back or being given back.
    pub left_minor: i64,
}

/// The order's paid payments, oldest first, each with what is left of it
/// to give back: what was paid, less every refund made or still being made
/// (only failed ones do not count), so a refund in flight is never given
/// twice. `refunded_minor` (what the provider confirmed) never exceeds the
/// refunds behind it; taking the larger of the two keeps older rows without
/// refund records safe. Locks the payments. Call it only with the order row
/// locked: every writer of refunds takes that lock first, so the remainder
/// cannot change underneath.
pub async fn refundable(
    conn: &mut PgConnection,
    order_id: i64,
) -> Result<Vec<Refundable>, AppError> {
    Ok(sqlx::query_as!(
        Refundable,
        r#"SELECT p.id AS payment_id, p.provider AS "provider: PaymentMethod",
                  p.provider_ref AS reference,
                  (p.amount_minor - GREATEST(p.refunded_minor, COALESCE(
                      (SELECT sum(r.amount_minor) FROM refunds r
                        WHERE r.payment_id = p.id AND r.status <> 'failed'), 0)))::bigint
                    AS "left_minor!"
             FROM payments p WHERE p.order_id = $1 AND p.status = 'paid'
            ORDER BY p.id FOR UPDATE"#,
        order_id
    )
    .fetch_all(conn)
    .await?)
}

/// Writes a pending refund of `amount_minor` from `from`, inside the
/// caller's transaction (which holds the order row's lock), and returns
/// what to settle once it commits. The reason keeps its first 200
/// characters, as much as a refund row holds.
pub async fn open_refund(
    conn: &mut PgConnection,
    order_id: i64,
    from: &Refundable,
    amount_minor: i64,
    reason: &str,
    staff_id: Option<i64>,
) -> Result<RefundRequest, AppError> {
    let row = sqlx::query!(
        "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status, staff_id)
         VALUES ($1, $2, $3, left($4, 200), $5, $6) RETURNING id, idempotency_key",
        order_id,
        from.payment_id,
        amount_minor,
        reason,
        RefundStatus::Pending as RefundStatus,
        staff_id,
    )
    .fetch_one(conn)
    .await?;
    Ok(RefundRequest {
        id: row.id,
        provider: from.provider,
        reference: from.reference.clone(),
        amount_minor,
        key: row.idempotency_key,
    })
}

/// Locks the order a refund belongs to (inside the caller's transaction).
async fn lock_order_of_refund(conn: &mut PgConnection, refund_id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "SELECT FROM orders o JOIN refunds r ON r.order_id = o.id
          WHERE r.id = $1 FOR UPDATE OF o",
        refund_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Asks the provider for one pending refund, under its idempotency key,
/// and records it as made. `Err` means the provider refused: nothing moved
/// and the row stays pending for the job (or the caller) to decide. A
/// refund made but not recorded is logged and stays pending too: the job's
/// retry, under the same key, moves no more money and records it then.
/// Payment references are never logged (one opens the hosted page).
pub async fn settle_refund(pool: &PgPool, r: &RefundRequest, actor: Actor) -> Result<(), AppError> {
    let asked = refund_via(pool, r.provider, &r.reference, r.amount_minor, &r.key).await;
    if let Err(e) = asked {
        tracing::warn!(refund = r.id, error = ?e, "refund not made yet; will retry");
        return Err(e);
    }
    if let Err(e) = record_refund(pool, r.id, actor).await {
        tracing::error!(refund = r.id, error = ?e, "refund made but not recorded yet");
    }
    Ok(())
}

/// Marks a refund done and adds it to its payment; the payment reads
/// "refunded" once all of it is back, and the order follows: a paid order
/// becomes partly or wholly refunded, a cancelled one (refund pending)
/// becomes refunded when the last of its refunds is made. Giving back a
/// payment made for an after-sales request (an exchange's difference)
/// leaves the order's own payment status alone.
async fn record_refund(pool: &PgPool, refund_id: i64, actor: Actor) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_order_of_refund(&mut tx, refund_id).await?;
    sqlx::query!(
        "WITH r AS (
             UPDATE refunds SET status = 'done' WHERE id = $1 AND status = 'pending'
             RETURNING payment_id, amount_minor),
         p AS (
             UPDATE payments
                SET refunded_minor = LEAST(payments.amount_minor,
                                           payments.refunded_minor + r.amount_minor),
                    status = CASE WHEN payments.refunded_minor + r.amount_minor >= payments.amount_minor
                                  THEN 'refunded' ELSE payments.status END,
                    updated_at = now()
               FROM r WHERE payments.id = r.payment_id
             RETURNING payments.order_id, payments.status, payments.after_sales_id),
         o AS (
             UPDATE orders
                SET payment_status = CASE p.status WHEN 'refunded' THEN 'refunded'
                                                   ELSE 'partially_refunded' END
               FROM p
              WHERE orders.id = p.order_id AND p.after_sales_id IS NULL
                AND (orders.payment_status IN ('paid', 'partially_refunded')
                     OR (orders.payment_status = 'refund_pending' AND p.status = 'refunded'))
             RETURNING orders.id, orders.payment_status)
         INSERT INTO order_events (order_id, status, actor) SELECT id, payment_status, $2 FROM o",
        refund_id,
        actor as Actor,
    )
    .execute(&mut *tx)
    .await?;
    // The shopper hears of each refund once (the outbox key names it, so
    // recording it again tells nobody twice).
    let done = sqlx::query!(
        "SELECT order_id, amount_minor FROM refunds WHERE id = $1 AND status = 'done'",
        refund_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(r) = done {
        let (event, occasion) = (crate::notify::Event::OrderRefunded, format!("r{refund_id}"));
        let extra = serde_json::json!({ "amount_minor": r.amount_minor });
        crate::notify::db::order(&mut tx, r.order_id, event, Some(&occasion), extra).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A staff refund the provider refused. If the order was cancelled while
/// it was being asked for, the cancellation counted on it (see
/// [`refundable`]), so it stays owed: pending, retried by the job under
/// the same key. Otherwise it is marked failed and staff may try again.
pub async fn refund_refused(pool: &PgPool, refund_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_order_of_refund(&mut tx, refund_id).await?;
    sqlx::query!(
        "UPDATE refunds r SET status = 'failed'
          WHERE r.id = $1 AND r.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM payments p
                             WHERE p.id = r.payment_id AND p.status = 'refund_pending')",
        refund_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Refunds the provider refused earlier, asked for again: exactly the
/// pending rows, each for its own amount and under its own key (never
/// "the whole payment": part of it may be back already). Rows younger
/// than a minute at `now` are being made right now and are left alone;
/// should two runners still pick the same row, the key makes the second
/// ask harmless. Returns how many were asked for.
pub async fn retry_pending(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let pending = sqlx::query_as!(
        RefundRequest,
        r#"SELECT r.id, p.provider AS "provider: PaymentMethod", p.provider_ref AS reference,
                  r.amount_minor, r.idempotency_key AS key
             FROM refunds r JOIN payments p ON p.id = r.payment_id
            WHERE r.status = 'pending' AND r.created_at < $1::timestamptz - interval '1 minute'
            ORDER BY r.id LIMIT 100"#,
        now
    )
    .fetch_all(pool)
    .await?;
    for r in &pending {
        let _ = settle_refund(pool, r, Actor::System).await;
    }
    Ok(pending.len())
}
