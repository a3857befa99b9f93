//! The shopper's orders. Every function checks that the caller owns the
//! order (their account, or a guest link's secret) before anything else.
use super::{OrderDetail, OrderSummary};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "my_orders", input = GetUrl)]
pub async fn my_orders() -> Result<Vec<OrderSummary>, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::list(&server::pool()?, user.id).await
    })
    .await
}

/// The order's id after the ownership check (server only).
#[cfg(feature = "ssr")]
async fn owned_order(number: &str, token: Option<&str>) -> Result<i64, AppError> {
    use crate::server;
    let state = server::state()?;
    let user = server::optional_user().await?;
    let key = state.secrets().await?.order_links.clone();
    super::db::owned(
        &state.pool,
        number,
        &super::db::Viewer {
            user_id: user.map(|u| u.id),
            token,
            link_key: &key,
        },
    )
    .await
}

#[server(endpoint = "order", input = GetUrl)]
pub async fn get_order(number: String, token: Option<String>) -> Result<OrderDetail, AppError> {
    use crate::server;
    server::run(async move {
        let id = owned_order(&number, token.as_deref()).await?;
        super::db::detail(&server::pool()?, id).await
    })
    .await
}

/// Cancels before shipment: stock and coupon uses come back, and a paid
/// order is refunded through its provider.
#[server(endpoint = "cancel_order")]
pub async fn cancel_order(number: String, token: Option<String>) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let id = owned_order(&number, token.as_deref()).await?;
        super::db::cancel(&server::pool()?, id, super::Actor::Shopper, "shopper").await
    })
    .await
}

/// Receipt confirmed by the shopper. Cash on delivery still due is
/// refused (403): only staff record cash as collected (db::complete).
#[server(endpoint = "confirm_receipt")]
pub async fn confirm_receipt(number: String, token: Option<String>) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let id = owned_order(&number, token.as_deref()).await?;
        super::db::complete(&server::pool()?, id, super::Actor::Shopper).await
    })
    .await
}

/// Opens (or reopens) the payment page for an order awaiting payment.
/// Refused (translated) while the sandbox provider is switched off.
#[server(endpoint = "pay_order")]
pub async fn pay_order(number: String, token: Option<String>) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        let id = owned_order(&number, token.as_deref()).await?;
        crate::payments::db::ensure_offered(crate::payments::PaymentMethod::Sandbox)?;
        let base = crate::payments::db::notify_base()?;
        let back = super::order_href(&number, token.as_deref());
        crate::payments::db::start_payment(&server::pool()?, id, &back, &base).await
    })
    .await
}
