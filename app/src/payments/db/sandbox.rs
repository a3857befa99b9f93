//! The sandbox provider. It keeps its own books (`sandbox_charges`), shows a
//! hosted page where the shopper pays, fails or cancels, and then tells the
//! shop over HTTP with a signed notification, retrying until the shop
//! answers 2xx, as a real provider does.
use super::{NewCharge, PaymentProvider};
use crate::error::AppError;
use crate::payments::{ChargeView, Notification, SIGNATURE_HEADER, SandboxOutcome};
use sqlx::PgPool;
use std::time::Duration;

pub struct Sandbox;

pub fn page_url(reference: &str) -> String {
    format!("/sandbox/pay/{reference}")
}

impl PaymentProvider for Sandbox {
    async fn start(&self, pool: &PgPool, c: &NewCharge) -> Result<Option<String>, AppError> {
        sqlx::query(
            "INSERT INTO sandbox_charges (reference, merchant_order, amount_minor, currency,
                                          return_url, notify_url, status)
             VALUES ($1, $2, $3, $4, $5, $6, 'open')
             ON CONFLICT (reference) DO NOTHING",
        )
        .bind(&c.reference)
        .bind(&c.merchant_order)
        .bind(c.amount_minor)
        .bind(&c.currency)
        .bind(&c.return_url)
        .bind(&c.notify_url)
        .execute(pool)
        .await?;
        Ok(Some(page_url(&c.reference)))
    }

    async fn refund(
        &self,
        pool: &PgPool,
        reference: &str,
        amount_minor: i64,
    ) -> Result<(), AppError> {
        // Refunds add up to at most the amount charged; the charge reads
        // "refunded" once all of it is back. Asking again for a charge that
        // is already fully refunded succeeds (a retried refund).
        let done: Option<String> = sqlx::query_scalar(
            "UPDATE sandbox_charges
                SET refunded_minor = refunded_minor + $2,
                    status = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'refunded'
                                  ELSE status END
              WHERE reference = $1 AND status = 'paid' AND $2 > 0
                AND refunded_minor + $2 <= amount_minor
              RETURNING status",
        )
        .bind(reference)
        .bind(amount_minor)
        .fetch_optional(pool)
        .await?;
        if done.is_some() {
            return Ok(());
        }
        let now: Option<String> =
            sqlx::query_scalar("SELECT status FROM sandbox_charges WHERE reference = $1")
                .bind(reference)
                .fetch_optional(pool)
                .await?;
        match now.as_deref() {
            Some("refunded") => Ok(()),
            other => {
                tracing::error!(reference, status = ?other, "sandbox refused the refund");
                Err(AppError::Internal)
            }
        }
    }
}

fn valid_reference(r: &str) -> bool {
    r.len() == 28 && r.starts_with("sbx_") && r[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn charge(pool: &PgPool, reference: &str) -> Result<ChargeView, AppError> {
    if !valid_reference(reference) {
        return Err(AppError::NotFound);
    }
    let row: Option<(String, String, i64, String, String, String)> = sqlx::query_as(
        "SELECT reference, merchant_order, amount_minor, currency, status, return_url
           FROM sandbox_charges WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(pool)
    .await?;
    let (reference, merchant_order, amount_minor, currency, status, return_url) =
        row.ok_or(AppError::NotFound)?;
    Ok(ChargeView {
        reference,
        merchant_order,
        amount_minor,
        currency,
        status,
        return_url,
    })
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
    let row: Option<(String, i64, String, String, String)> = sqlx::query_as(
        "UPDATE sandbox_charges SET status = $2
          WHERE reference = $1 AND status = 'open'
          RETURNING merchant_order, amount_minor, currency, notify_url, return_url",
    )
    .bind(reference)
    .bind(outcome.status())
    .fetch_optional(pool)
    .await?;
    let Some((merchant_order, amount_minor, currency, notify_url, return_url)) = row else {
        // Already settled: just send the shopper back.
        return Ok(charge(pool, reference).await?.return_url);
    };
    let note = Notification {
        event_id: format!("evt_{}", super::random_hex(12)),
        reference: reference.to_string(),
        merchant_order,
        amount_minor,
        currency,
        status: outcome.status().to_string(),
    };
    let key = key.to_vec();
    tokio::spawn(async move { deliver(&notify_url, &key, &note).await });
    Ok(return_url)
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
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default();
    let mut wait = Duration::from_millis(500);
    for attempt in 1..=5 {
        let now = crate::cart::db::now_unix();
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
