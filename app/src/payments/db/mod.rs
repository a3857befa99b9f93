//! The provider interface and the shop's side of payments: starting a
//! payment, refunds, and the notification endpoint.
pub mod notify;
pub mod refunds;
pub mod sandbox;

use crate::error::{AppError, ErrorKey};
use crate::payments::PaymentMethod;
use crate::server::Settings;
use sqlx::PgPool;
use std::future::Future;

/// What the shop needs from a payment provider.
pub trait PaymentProvider {
    /// Opens a charge for `amount_minor`; returns the page the shopper pays
    /// on, if the provider has one.
    fn start(
        &self,
        pool: &PgPool,
        charge: &NewCharge,
    ) -> impl Future<Output = Result<Option<String>, AppError>> + Send;

    /// Gives `amount_minor` of a paid charge back. `key` is the refund's
    /// idempotency key: asked again under the same key, the provider makes
    /// no second refund and answers as it did the first time.
    fn refund(
        &self,
        pool: &PgPool,
        reference: &str,
        amount_minor: i64,
        key: &str,
    ) -> impl Future<Output = Result<(), AppError>> + Send;
}

pub struct NewCharge {
    pub reference: String,
    pub merchant_order: String,
    pub amount_minor: i64,
    pub currency: String,
    pub return_url: String,
    pub notify_url: String,
}

/// Cash on delivery: nothing to open, and nothing was taken before delivery.
pub struct CashOnDelivery;

impl PaymentProvider for CashOnDelivery {
    async fn start(&self, _: &PgPool, _: &NewCharge) -> Result<Option<String>, AppError> {
        Ok(None)
    }
    async fn refund(&self, _: &PgPool, _: &str, _: i64, _: &str) -> Result<(), AppError> {
        Ok(())
    }
}

/// Refunds through whichever provider took the payment, under the refund's
/// idempotency key.
pub async fn refund_via(
    pool: &PgPool,
    provider: PaymentMethod,
    reference: &str,
    amount_minor: i64,
    key: &str,
) -> Result<(), AppError> {
    match provider {
        PaymentMethod::Sandbox => {
            sandbox::Sandbox
                .refund(pool, reference, amount_minor, key)
                .await
        }
        PaymentMethod::Cod => {
            CashOnDelivery
                .refund(pool, reference, amount_minor, key)
                .await
        }
    }
}

/// The methods a shopper may choose now: cash on delivery always, the
/// sandbox only where it is switched on (`AGORA_SANDBOX_PAYMENTS`; off by
/// default in production).
pub fn offered_methods(settings: &Settings) -> Vec<PaymentMethod> {
    PaymentMethod::ALL
        .into_iter()
        .filter(|m| *m != PaymentMethod::Sandbox || settings.sandbox_payments)
        .collect()
}

/// Refuses a method that is not offered (server functions only: reads the
/// process's settings). Hiding it at checkout is not enough: a request can
/// name any method.
pub fn ensure_offered(method: PaymentMethod) -> Result<(), AppError> {
    if offered_methods(&*crate::server::settings()?).contains(&method) {
        Ok(())
    } else {
        Err(AppError::Conflict(ErrorKey::PaymentMethodUnavailable))
    }
}

/// Where providers post notifications: only from configuration
/// (`AGORA_PAYMENT_NOTIFY_BASE`, else the public URL), never from the
/// request. A Host header is whatever the client wrote, so taking it would
/// let anyone send the signed notification (and the shop's requests) to an
/// address of their choosing.
pub fn notify_base() -> Result<String, AppError> {
    Ok(crate::server::settings()?
        .payment_notify_base
        .trim_end_matches('/')
        .to_string())
}

/// A payment attempt at the provider: what the charge is opened with.
struct Attempt {
    reference: String,
    number: String,
    amount_minor: i64,
    currency: String,
}

/// Opens a sandbox charge for an order awaiting payment and returns the
/// hosted page. Refused when the order is not awaiting payment or another
/// charge for it is still open or paid.
pub async fn start_payment(
    pool: &PgPool,
    order_id: i64,
    return_url: &str,
    notify_base: &str,
) -> Result<String, AppError> {
    // An abandoned attempt: back to the same page (opening it again is
    // harmless if the provider already has it). Otherwise a new attempt.
    let open = sqlx::query_as!(
        Attempt,
        "SELECT p.provider_ref AS reference, o.number, p.amount_minor, p.currency
           FROM payments p JOIN orders o ON o.id = p.order_id
          WHERE p.order_id = $1 AND p.status = 'pending' AND o.status = 'pending_payment'",
        order_id
    )
    .fetch_optional(pool)
    .await?;
    let attempt = match open {
        Some(a) => a,
        None => sqlx::query_as!(
            Attempt,
            r#"WITH o AS (SELECT id, number, total_minor, currency FROM orders
                           WHERE id = $1 AND status = 'pending_payment'
                             AND payment_method = 'sandbox'
                             AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = $1
                                               AND p.status IN ('pending', 'paid')))
               INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency,
                                     status)
               SELECT id, 'sandbox', $2, total_minor, currency, 'pending' FROM o
               RETURNING provider_ref AS reference, (SELECT number FROM o) AS "number!",
                         amount_minor, currency"#,
            order_id,
            new_reference(),
        )
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::Conflict(ErrorKey::OrderStateChanged))?,
    };
    open_charge(
        pool,
        &attempt.reference,
        &attempt.number,
        attempt.amount_minor,
        &attempt.currency,
        return_url,
        notify_base,
    )
    .await
}

/// Opens the sandbox charge for a payment attempt already recorded;
/// returns the hosted page.
pub async fn open_charge(
    pool: &PgPool,
    reference: &str,
    number: &str,
    amount_minor: i64,
    currency: &str,
    return_url: &str,
    notify_base: &str,
) -> Result<String, AppError> {
    let charge = NewCharge {
        reference: reference.to_string(),
        merchant_order: number.to_string(),
        amount_minor,
        currency: currency.to_string(),
        return_url: return_url.to_string(),
        notify_url: format!("{notify_base}/payments/sandbox/notify"),
    };
    sandbox::Sandbox
        .start(pool, &charge)
        .await?
        .ok_or(AppError::Internal)
}

/// A new payment reference: `sbx_` and 24 hex digits, unguessable.
pub fn new_reference() -> String {
    format!("sbx_{}", random_hex(12))
}

pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut b = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}
