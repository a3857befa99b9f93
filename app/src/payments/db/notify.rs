//! The shop's notification endpoint for the sandbox provider. A notification
//! is believed only with a valid, fresh HMAC signature; each event is applied
//! once (a repeat is acknowledged and changes nothing); a forged one is
//! refused and counted, and the first few of each hour are kept on record.
use super::refunds::{RefundRequest, Refundable, open_refund, settle_refund};
use crate::error::AppError;
use crate::payments::{
    Actor, ChargeStatus, Notification, PaymentMethod, SIGNATURE_TOLERANCE_SECS, SandboxChargeStatus,
};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

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

/// Handles one notification received at `now` (the shop's clock), which
/// decides a signature's freshness and the hour a forged one is counted in.
pub async fn receive(
    pool: &PgPool,
    key: &[u8],
    header: Option<&str>,
    body: &str,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    if !signature_ok(key, header, body, now.unix_timestamp()) {
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
        let _ = settle_refund(pool, &r, Actor::System).await;
    }
    Ok(Answer::Accepted)
}

/// Keeps a forged notification on record, in bounded form: every one is
/// counted in its hour, the first `FORGED_KEPT_PER_HOUR` of the hour are
/// kept with their body clipped, and the rest leave no row (nor a log line)
/// of their own. The count is taken atomically (the window's row is locked
/// by the upsert), so a parallel burst cannot keep more than the cap.
async fn record_forged(pool: &PgPool, body: &str, now: OffsetDateTime) -> Result<(), AppError> {
    // Counted per hour from the top of the hour in UTC (the shop's zone
    // is a whole number of hours off it, so these are its hours too).
    let window = now.to_offset(time::UtcOffset::UTC).truncate_to_hour();
    let seen = sqlx::query_scalar!(
        "INSERT INTO payment_notification_windows (provider, window_start, received)
         VALUES ('sandbox', $1, 1)
         ON CONFLICT (provider, window_start)
         DO UPDATE SET received = payment_notification_windows.received + 1
         RETURNING received",
        window
    )
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
    sqlx::query!(
        "INSERT INTO payment_notifications (provider, event_id, verified, body, outcome)
         VALUES ('sandbox', $1, false, $2, 'rejected: bad signature')",
        event,
        kept
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The payment a notification names, as it stands.
struct PaymentRow {
    id: i64,
    order_id: i64,
    amount_minor: i64,
    currency: String,
    status: ChargeStatus,
    /// Paid for an after-sales request (an exchange's difference), not for
    /// the order's total.
    after_sales_id: Option<i64>,
}

/// Applies one verified event in a transaction. Returns a refund to make
/// when money arrived for an order that no longer wants it.
async fn apply(
    pool: &PgPool,
    note: &Notification,
    body: &str,
) -> Result<Option<RefundRequest>, AppError> {
    let mut tx = pool.begin().await?;
    let fresh = sqlx::query_scalar!(
        "INSERT INTO payment_notifications (provider, event_id, verified, body, outcome)
         VALUES ('sandbox', $1, true, $2, 'received')
         ON CONFLICT (provider, event_id) WHERE verified DO NOTHING
         RETURNING id",
        note.event_id,
        body
    )
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
    // `refunds`), then the payment.
    sqlx::query!(
        "SELECT FROM orders o JOIN payments p ON p.order_id = o.id
          WHERE p.provider = 'sandbox' AND p.provider_ref = $1 FOR UPDATE OF o",
        note.reference
    )
    .execute(&mut *tx)
    .await?;
    let payment = sqlx::query_as!(
        PaymentRow,
        r#"SELECT id, order_id, amount_minor, currency, status AS "status: ChargeStatus",
                  after_sales_id
             FROM payments
            WHERE provider = 'sandbox' AND provider_ref = $1 FOR UPDATE"#,
        note.reference
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (outcome, refund) = match payment {
        None => ("ignored: unknown payment", None),
        Some(p) if p.amount_minor != note.amount_minor || p.currency != note.currency => {
            tracing::error!(
                event = note.event_id,
                "payment notification amount mismatch"
            );
            ("ignored: amount mismatch", None)
        }
        // The shop abandoned an attempt (the order was cancelled) but the
        // shopper paid it anyway: that money must go back, so it falls through.
        Some(p)
            if p.status != ChargeStatus::Pending
                && !(p.status == ChargeStatus::Cancelled
                    && note.status == SandboxChargeStatus::Paid) =>
        {
            ("ignored: payment already settled", None)
        }
        Some(p) => match note.status {
            SandboxChargeStatus::Paid => take_payment(&mut tx, &p, note).await?,
            SandboxChargeStatus::Failed => {
                set_payment(&mut tx, p.id, ChargeStatus::Failed).await?;
                ("payment not made", None)
            }
            SandboxChargeStatus::Cancelled => {
                set_payment(&mut tx, p.id, ChargeStatus::Cancelled).await?;
                ("payment not made", None)
            }
            SandboxChargeStatus::Open | SandboxChargeStatus::Refunded => {
                ("ignored: unknown status", None)
            }
        },
    };
    sqlx::query!(
        "UPDATE payment_notifications SET outcome = $2 WHERE id = $1",
        notification_id,
        outcome
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(refund)
}

/// Why money that came after the order closed goes back (kept on the
/// refund row, in both languages, for the staff reading it).
const PAID_AFTER_CLOSE: &str = "订单关闭后才付款 · paid after the order was closed";

/// Money arrived for `p`: the order awaiting it is paid. One that no
/// longer awaits it (cancelled meanwhile, or paid twice) gives it back,
/// listed with the order's other refunds, under a key of its own.
async fn take_payment(
    tx: &mut PgConnection,
    p: &PaymentRow,
    note: &Notification,
) -> Result<(&'static str, Option<RefundRequest>), AppError> {
    if let Some(request) = p.after_sales_id {
        // The request decides, in SQL of its own (the after-sales
        // migration), whether it still wants the money.
        let wanted = sqlx::query_scalar!(
            r#"SELECT after_sales_take_charge($1) AS "wanted!""#,
            request
        )
        .fetch_one(&mut *tx)
        .await?;
        if wanted {
            set_payment(tx, p.id, ChargeStatus::Paid).await?;
            return Ok(("after-sales difference paid", None));
        }
        return give_back(tx, p, note).await;
    }
    let took = sqlx::query_scalar!(
        "WITH o AS (
             UPDATE orders SET status = 'awaiting_shipment', payment_status = 'paid',
                               paid_at = now()
              WHERE id = $1 AND status = 'pending_payment' RETURNING id)
         INSERT INTO order_events (order_id, status, actor)
         SELECT id, 'paid', 'system' FROM o RETURNING order_id",
        p.order_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if took.is_some() {
        set_payment(tx, p.id, ChargeStatus::Paid).await?;
        let paid = crate::notify::Event::OrderPaid;
        crate::notify::db::order(tx, p.order_id, paid, None, serde_json::json!({})).await?;
        // Points on what was paid, pending until the return window closes.
        crate::loyalty::db::earn(tx, p.order_id).await?;
        return Ok(("order paid", None));
    }
    give_back(tx, p, note).await
}

/// Money nobody waits for any more goes back whole, under a refund of its
/// own listed with the order's others.
async fn give_back(
    tx: &mut PgConnection,
    p: &PaymentRow,
    note: &Notification,
) -> Result<(&'static str, Option<RefundRequest>), AppError> {
    let whole = Refundable {
        payment_id: p.id,
        provider: PaymentMethod::Sandbox,
        reference: note.reference.clone(),
        left_minor: p.amount_minor,
    };
    let refund = open_refund(
        tx,
        p.order_id,
        &whole,
        p.amount_minor,
        PAID_AFTER_CLOSE,
        None,
    )
    .await?;
    set_payment(tx, p.id, ChargeStatus::RefundPending).await?;
    Ok(("refund: order no longer awaiting payment", Some(refund)))
}

async fn set_payment(
    tx: &mut PgConnection,
    payment_id: i64,
    status: ChargeStatus,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE payments SET status = $2, updated_at = now() WHERE id = $1",
        payment_id,
        status as ChargeStatus
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// Forged payment notifications (and their hourly counts) are kept for 30
/// days before `now`, which with the hourly cap bounds what they can
/// occupy. Run by the order jobs.
pub async fn prune_forged(pool: &PgPool, now: OffsetDateTime) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM payment_notifications
          WHERE NOT verified AND received_at < $1::timestamptz - interval '30 days'",
        now
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "DELETE FROM payment_notification_windows
          WHERE window_start < $1::timestamptz - interval '30 days'",
        now
    )
    .execute(pool)
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
