//! The shop's notification endpoint for the sandbox provider. A notification
//! is believed only with a valid, fresh HMAC signature; each event is applied
//! once (a repeat is acknowledged and changes nothing); a forged one is
//! refused and counted, and the first few of each hour are kept on record.
use crate::error::AppError;
use crate::payments::{Notification, SIGNATURE_TOLERANCE_SECS};
use sqlx::PgPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Applied, or a repeat, or nothing to do: the provider may stop.
    Accepted,
    /// Bad or missing signature: 401.
    Rejected,
    /// Signed but unreadable: 400.
    Malformed,
}

/// Parses `t=…,v1=…`.
fn parse_header(h: &str) -> Option<(i64, &str)> {
    let mut t = None;
    let mut v1 = None;
    for part in h.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse().ok(),
            Some(("v1", v)) => v1 = Some(v),
            _ => {}
        }
    }
    Some((t?, v1?))
}

pub fn signature_ok(key: &[u8], header: Option<&str>, body: &str, now: i64) -> bool {
    let Some((t, mac)) = header.and_then(parse_header) else {
        return false;
    };
    (now - t).abs() <= SIGNATURE_TOLERANCE_SECS
        && crate::server::verify(key, format!("{t}.{body}").as_bytes(), mac)
}

/// Forged notifications (bad or missing signature) kept per hour; the rest
/// of the hour's are only counted (`payment_notification_windows`).
pub const FORGED_KEPT_PER_HOUR: i32 = 60;
/// Bytes of a forged notification's body kept on record.
pub const FORGED_BODY_KEPT: usize = 2_048;
/// Bytes of a verified notification's body kept (the provider signed it).
const VERIFIED_BODY_KEPT: usize = 4_000;

/// At most `max` bytes of `s`, cut on a character boundary.
fn clip(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub async fn receive(
    pool: &PgPool,
    key: &[u8],
    header: Option<&str>,
    body: &str,
) -> Result<Answer, AppError> {
    receive_at(pool, key, header, body, crate::cart::db::now_unix()).await
}

/// [`receive`] at `now` (unix seconds), which decides a signature's
/// freshness and the hour a forged notification is counted in.
pub async fn receive_at(
    pool: &PgPool,
    key: &[u8],
    header: Option<&str>,
    body: &str,
    now: i64,
) -> Result<Answer, AppError> {
    if !signature_ok(key, header, body, now) {
        record_forged(pool, body, now).await?;
        return Ok(Answer::Rejected);
    }
    let Ok(note) = serde_json::from_str::<Notification>(body) else {
        tracing::warn!("signed payment notification not understood");
        return Ok(Answer::Malformed);
    };
    let refund = apply(pool, &note, clip(body, VERIFIED_BODY_KEPT)).await?;
    if let Some(r) = refund {
        // Refused now, it stays pending and the order jobs retry it.
        let _ = crate::orders::db::settle_refund(pool, &r, "system").await;
    }
    Ok(Answer::Accepted)
}

/// Keeps a forged notification on record, in bounded form: every one is
/// counted in its hour, the first `FORGED_KEPT_PER_HOUR` of the hour are
/// kept with their body clipped, and the rest leave no row (nor a log line)
/// of their own. The count is taken atomically (the window's row is locked
/// by the upsert), so a parallel burst cannot keep more than the cap.
async fn record_forged(pool: &PgPool, body: &str, now: i64) -> Result<(), AppError> {
    let window = now - now.rem_euclid(3_600);
    let seen: i32 = sqlx::query_scalar(
        "INSERT INTO payment_notification_windows (provider, window_start, received)
         VALUES ('sandbox', to_timestamp($1), 1)
         ON CONFLICT (provider, window_start)
         DO UPDATE SET received = payment_notification_windows.received + 1
         RETURNING received",
    )
    .bind(window as f64)
    .fetch_one(pool)
    .await?;
    if seen > FORGED_KEPT_PER_HOUR {
        if seen == FORGED_KEPT_PER_HOUR + 1 {
            tracing::warn!(
                "many forged payment notifications this hour; the rest are only counted"
            );
        }
        return Ok(());
    }
    let kept = clip(body, FORGED_BODY_KEPT);
    // The whole body is read for its event id (the route refuses large ones).
    let event: String = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("event_id")
                .and_then(|e| e.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    tracing::warn!(event, "payment notification with a bad signature rejected");
    sqlx::query(
        "INSERT INTO payment_notifications (provider, event_id, verified, body, outcome)
         VALUES ('sandbox', $1, false, $2, 'rejected: bad signature')",
    )
    .bind(&event)
    .bind(kept)
    .execute(pool)
    .await?;
    Ok(())
}

/// Applies one verified event in a transaction. Returns a refund to make
/// when money arrived for an order that no longer wants it.
async fn apply(
    pool: &PgPool,
    note: &Notification,
    body: &str,
) -> Result<Option<crate::orders::db::Refund>, AppError> {
    let mut tx = pool.begin().await?;
    let fresh: Option<i64> = sqlx::query_scalar(
        "INSERT INTO payment_notifications (provider, event_id, verified, body, outcome)
         VALUES ('sandbox', $1, true, $2, 'received')
         ON CONFLICT (provider, event_id) WHERE verified DO NOTHING
         RETURNING id",
    )
    .bind(&note.event_id)
    .bind(body)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(notification_id) = fresh else {
        tracing::info!(
            event = note.event_id,
            "repeated payment notification ignored"
        );
        return Ok(None);
    };
    // The order row first, as every writer of refunds takes it (see
    // orders::db::cancel_in), then the payment.
    sqlx::query(
        "SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id
          WHERE p.provider = 'sandbox' AND p.provider_ref = $1 FOR UPDATE OF o",
    )
    .bind(&note.reference)
    .execute(&mut *tx)
    .await?;
    let payment: Option<(i64, i64, i64, String, String)> = sqlx::query_as(
        "SELECT id, order_id, amount_minor, currency, status FROM payments
          WHERE provider = 'sandbox' AND provider_ref = $1 FOR UPDATE",
    )
    .bind(&note.reference)
    .fetch_optional(&mut *tx)
    .await?;
    let mut refund = None;
    let outcome = match payment {
        None => "ignored: unknown payment",
        Some((_, _, amount, currency, _))
            if amount != note.amount_minor || currency != note.currency =>
        {
            tracing::error!(
                event = note.event_id,
                "payment notification amount mismatch"
            );
            "ignored: amount mismatch"
        }
        // The shop abandoned an attempt (the order was cancelled) but the
        // shopper paid it anyway: that money must go back, so it falls through.
        Some((_, _, _, _, status))
            if status != "pending" && !(status == "cancelled" && note.status == "paid") =>
        {
            "ignored: payment already settled"
        }
        Some((payment_id, order_id, amount, _, _)) => match note.status.as_str() {
            "paid" => {
                let took: Option<i64> = sqlx::query_scalar(
                    "WITH o AS (
                         UPDATE orders SET status = 'awaiting_shipment', payment_status = 'paid',
                                           paid_at = now()
                          WHERE id = $1 AND status = 'pending_payment' RETURNING id)
                     INSERT INTO order_events (order_id, status, actor)
                     SELECT id, 'paid', 'system' FROM o RETURNING order_id",
                )
                .bind(order_id)
                .fetch_optional(&mut *tx)
                .await?;
                let status = if took.is_some() {
                    "paid"
                } else {
                    // Cancelled meanwhile (or paid twice): give it back,
                    // listed with the order's other refunds, under a key
                    // of its own.
                    let (refund_id, refund_key): (i64, String) = sqlx::query_as(
                        "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status)
                         VALUES ($1, $2, $3, '订单关闭后才付款 · paid after the order was closed', 'pending')
                         RETURNING id, idempotency_key",
                    )
                    .bind(order_id)
                    .bind(payment_id)
                    .bind(amount)
                    .fetch_one(&mut *tx)
                    .await?;
                    refund = Some(crate::orders::db::Refund {
                        id: refund_id,
                        provider: "sandbox".to_string(),
                        reference: note.reference.clone(),
                        amount_minor: amount,
                        key: refund_key,
                    });
                    "refund_pending"
                };
                set_payment(&mut tx, payment_id, status).await?;
                if took.is_some() {
                    "order paid"
                } else {
                    "refund: order no longer awaiting payment"
                }
            }
            "failed" | "cancelled" => {
                set_payment(&mut tx, payment_id, &note.status).await?;
                "payment not made"
            }
            _ => "ignored: unknown status",
        },
    };
    sqlx::query("UPDATE payment_notifications SET outcome = $2 WHERE id = $1")
        .bind(notification_id)
        .bind(outcome)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(refund)
}

async fn set_payment(
    tx: &mut sqlx::PgConnection,
    payment_id: i64,
    status: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE payments SET status = $2, updated_at = now() WHERE id = $1")
        .bind(payment_id)
        .bind(status)
        .execute(tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_must_be_valid_and_fresh() {
        let key = b"k";
        let body = r#"{"a":1}"#;
        let now = 1_800_000_000;
        let h = super::super::sandbox::signature(key, now, body);
        assert!(signature_ok(key, Some(&h), body, now));
        assert!(signature_ok(key, Some(&h), body, now + 300));
        assert!(
            !signature_ok(key, Some(&h), body, now + 301),
            "replayed too late"
        );
        assert!(
            !signature_ok(key, Some(&h), r#"{"a":2}"#, now),
            "body changed"
        );
        assert!(!signature_ok(b"other", Some(&h), body, now), "wrong key");
        assert!(!signature_ok(key, None, body, now));
        assert!(!signature_ok(key, Some("t=1,v1=00"), body, 1));
        assert!(!signature_ok(key, Some("garbage"), body, now));
    }

    #[test]
    fn kept_bodies_are_clipped_on_a_character_boundary() {
        assert_eq!(clip("abc", 10), "abc");
        assert_eq!(clip("abcdef", 4), "abcd");
        // "支" is three bytes: never cut in the middle of it.
        assert_eq!(clip("a支付", 2), "a");
        assert_eq!(clip("a支付", 4), "a支");
        assert!(clip(&"x".repeat(50_000), FORGED_BODY_KEPT).len() == FORGED_BODY_KEPT);
    }
}
