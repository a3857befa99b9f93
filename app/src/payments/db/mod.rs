//! The provider interface and the shop's side of payments: starting a
//! payment, refunds, and the notification endpoint.
pub mod notify;
pub mod sandbox;

use crate::error::AppError;
use crate::payments::PaymentMethod;
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

    /// Gives `amount_minor` of a paid charge back. Calling it again for the
    /// same charge is harmless.
    fn refund(
        &self,
        pool: &PgPool,
        reference: &str,
        amount_minor: i64,
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
    async fn refund(&self, _: &PgPool, _: &str, _: i64) -> Result<(), AppError> {
        Ok(())
    }
}

/// Refunds through whichever provider took the payment.
pub async fn refund_via(
    pool: &PgPool,
    provider: &str,
    reference: &str,
    amount_minor: i64,
) -> Result<(), AppError> {
    match PaymentMethod::parse(provider) {
        Some(PaymentMethod::Sandbox) => {
            sandbox::Sandbox.refund(pool, reference, amount_minor).await
        }
        Some(PaymentMethod::Cod) => CashOnDelivery.refund(pool, reference, amount_minor).await,
        None => Err(AppError::Internal),
    }
}

/// Where the sandbox should post notifications: `AGORA_PAYMENT_NOTIFY_BASE`
/// when set; otherwise this request's own address if it is a loopback one
/// (development and tests); otherwise the public URL.
pub async fn notify_base() -> String {
    if let Ok(base) = std::env::var("AGORA_PAYMENT_NOTIFY_BASE")
        && !base.trim().is_empty()
    {
        return base.trim_end_matches('/').to_string();
    }
    let host = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .ok()
        .and_then(|h| {
            h.get("host")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        });
    if let Some(h) = host
        && (h.starts_with("127.0.0.1:") || h.starts_with("localhost:") || h.starts_with("[::1]:"))
    {
        return format!("http://{h}");
    }
    leptos::prelude::use_context::<crate::ui::PublicUrl>()
        .map(|u| u.0.trim_end_matches('/').to_string())
        .unwrap_or_else(|| "http://127.0.0.1:3000".to_string())
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
    // An abandoned attempt: back to the same page.
    let open: Option<(String, String, i64, String)> = sqlx::query_as(
        "SELECT p.provider_ref, o.number, p.amount_minor, p.currency
           FROM payments p JOIN orders o ON o.id = p.order_id
          WHERE p.order_id = $1 AND p.status = 'pending' AND o.status = 'pending_payment'",
    )
    .bind(order_id)
    .fetch_optional(pool)
    .await?;
    if let Some((reference, number, amount, currency)) = open {
        // Opening it again is harmless if the provider already has it.
        return open_charge(
            pool,
            &reference,
            &number,
            amount,
            &currency,
            return_url,
            notify_base,
        )
        .await;
    }
    let reference = new_reference();
    let order: Option<(String, i64, String)> = sqlx::query_as(
        "WITH o AS (SELECT id, number, total_minor, currency FROM orders
                     WHERE id = $1 AND status = 'pending_payment' AND payment_method = 'sandbox'
                       AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = $1
                                         AND p.status IN ('pending', 'paid')))
         INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency, status)
         SELECT id, 'sandbox', $2, total_minor, currency, 'pending' FROM o
         RETURNING (SELECT number FROM o), amount_minor, currency",
    )
    .bind(order_id)
    .bind(&reference)
    .fetch_optional(pool)
    .await?;
    let Some((number, amount_minor, currency)) = order else {
        return Err(AppError::Conflict(
            crate::error::ErrorKey::OrderStateChanged,
        ));
    };
    open_charge(
        pool,
        &reference,
        &number,
        amount_minor,
        &currency,
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
