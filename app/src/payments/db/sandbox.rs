//! The sandbox provider. It keeps its own books (`sandbox_charges`), shows a
//! hosted page where the shopper pays, fails or cancels, and then tells the
//! shop over HTTP with a signed notification, retrying until the shop
//! answers 2xx, as a real provider does.
use super::{NewCharge, PaymentProvider};
use crate::error::{AppError, ErrorKey};
use crate::payments::{
    ChargeView, Notification, SIGNATURE_HEADER, SandboxChargeStatus, SandboxOutcome,
};
use sqlx::PgPool;
use std::time::Duration;

pub struct Sandbox;

pub fn page_url(reference: &str) -> String {
    format!("/sandbox/pay/{reference}")
}

impl PaymentProvider for Sandbox {
    async fn start(&self, pool: &PgPool, c: &NewCharge) -> Result<Option<String>, AppError> {
        sqlx::query!(
            "INSERT INTO sandbox_charges (reference, merchant_order, amount_minor, currency,
                                          return_url, notify_url, status)
             VALUES ($1, $2, $3, $4, $5, $6, 'open')
             ON CONFLICT (reference) DO NOTHING",
            c.reference,
            c.merchant_order,
            c.amount_minor,
            c.currency,
            c.return_url,
            c.notify_url,
        )
        .execute(pool)
        .await?;
        Ok(Some(page_url(&c.reference)))
    }

    /// Refunds add up to at most the amount charged; the charge reads
    /// "refunded" once all of it is back. Each refund is recorded under its
    /// idempotency key: asked again with a key it has seen (for the same
    /// charge and amount), the sandbox answers "done" and moves nothing.
    async fn refund(
        &self,
        pool: &PgPool,
        reference: &str,
        amount_minor: i64,
        key: &str,
    ) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        // The charge is locked first, so two requests under one key take
        // turns and the second finds the first one's record.
        let charge = sqlx::query_as!(
            Books,
            r#"SELECT status AS "status: SandboxChargeStatus", amount_minor, refunded_minor,
                      refunds_refused
                 FROM sandbox_charges WHERE reference = $1 FOR UPDATE"#,
            reference
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(books) = charge else {
            tracing::error!("sandbox refund for an unknown charge refused");
            return Err(AppError::Internal);
        };
        let seen = sqlx::query!(
            "SELECT reference, amount_minor FROM sandbox_refunds WHERE idempotency_key = $1",
            key
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(seen) = seen {
            // A retry: already made. A key reused for another refund is an
            // error in the shop, never a second payout.
            return if seen.reference == reference && seen.amount_minor == amount_minor {
                Ok(())
            } else {
                tracing::error!("sandbox refund key reused for another refund");
                Err(AppError::Internal)
            };
        }
        if books.refunds_refused
            || books.status != SandboxChargeStatus::Paid
            || amount_minor <= 0
            || books.refunded_minor + amount_minor > books.amount_minor
        {
            // No payment reference in the log: it opens the hosted page.
            tracing::warn!(
                status = books.status.as_str(),
                refused = books.refunds_refused,
                "sandbox refused the refund"
            );
            return Err(AppError::Conflict(ErrorKey::PaymentUnavailable));
        }
        sqlx::query!(
            "INSERT INTO sandbox_refunds (idempotency_key, reference, amount_minor)
             VALUES ($1, $2, $3)",
            key,
            reference,
            amount_minor
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "UPDATE sandbox_charges
                SET refunded_minor = refunded_minor + $2,
                    status = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'refunded'
                                  ELSE status END
              WHERE reference = $1",
            reference,
            amount_minor
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A charge as the sandbox's books hold it.
struct Books {
    status: SandboxChargeStatus,
    amount_minor: i64,
    refunded_minor: i64,
    refunds_refused: bool,
}

fn valid_reference(r: &str) -> bool {
    r.len() == 28 && r.starts_with("sbx_") && r[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn charge(pool: &PgPool, reference: &str) -> Result<ChargeView, AppError> {
    if !valid_reference(reference) {
        return Err(AppError::NotFound);
    }
    sqlx::query_as!(
        ChargeView,
        r#"SELECT reference, merchant_order, amount_minor, currency,
                  status AS "status: SandboxChargeStatus", return_url
             FROM sandbox_charges WHERE reference = $1"#,
        reference
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Settles an open charge and sends the notification in the background.
pub async fn decide(
    pool: &PgPool,
    key: &[u8],
    reference: &str,
    outcome: SandboxOutcome,
) -> Result<String, AppError> {
    if !valid_reference(reference) {
        return Err(AppError::NotFound);
    }
    let settled = sqlx::query!(
        "UPDATE sandbox_charges SET status = $2
          WHERE reference = $1 AND status = 'open'
          RETURNING merchant_order, amount_minor, currency, notify_url, return_url",
        reference,
        outcome.status() as SandboxChargeStatus,
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = settled else {
        // Already settled: just send the shopper back.
        return Ok(charge(pool, reference).await?.return_url);
    };
    let note = Notification {
        event_id: format!("evt_{}", super::random_hex(12)),
        reference: reference.to_string(),
        merchant_order: row.merchant_order,
        amount_minor: row.amount_minor,
        currency: row.currency,
        status: outcome.status(),
    };
    let key = key.to_vec();
    let notify_url = row.notify_url;
    tokio::spawn(async move { deliver(&notify_url, &key, &note).await });
    Ok(row.return_url)
}

/// The signature header for `body` at `timestamp`.
pub fn signature(key: &[u8], timestamp: i64, body: &str) -> String {
    let mac = crate::server::sign(key, format!("{timestamp}.{body}").as_bytes());
    format!("t={timestamp},v1={mac}")
}

/// Posts the notification until the shop acknowledges it (5 tries, backing off).
async fn deliver(url: &str, key: &[u8], note: &Notification) {
    let Ok(body) = serde_json::to_string(note) else {
        return;
    };
    // Redirects are not followed: the notification goes to the configured
    // address or nowhere, never on to wherever an answer points.
    let built = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .build();
    let Ok(client) = built else {
        tracing::error!("sandbox notification client not built");
        return;
    };
    let mut wait = Duration::from_millis(500);
    for attempt in 1..=5 {
        // The provider signs with its own clock, not the shop's.
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let sent = client
            .post(url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature(key, now, &body))
            .body(body.clone())
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => return,
            Ok(r) => {
                tracing::warn!(attempt, status = %r.status(), url, "sandbox notification refused")
            }
            Err(e) => {
                tracing::warn!(attempt, error = %e, url, "sandbox notification not delivered")
            }
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    tracing::error!(event = note.event_id, "sandbox notification given up");
}
