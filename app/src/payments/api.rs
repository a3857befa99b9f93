//! The sandbox provider's hosted page talks to these. They stand in for the
//! provider's own website: no shop session is needed, only the charge's
//! unguessable reference. Also which methods checkout offers.
use super::{ChargeView, PaymentMethod, SandboxOutcome};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "sandbox_charge", input = GetUrl)]
pub async fn sandbox_charge(reference: String) -> Result<ChargeView, AppError> {
    use crate::server;
    server::run(async move {
        super::db::ensure_offered(PaymentMethod::Sandbox)?;
        super::db::sandbox::charge(&server::pool()?, &reference).await
    })
    .await
}

/// Pays, fails or cancels the charge; the shop hears of it through the
/// signed notification. Returns where to send the shopper back to. With the
/// sandbox switched off nothing can be "paid" here: it moves no real money.
#[server(endpoint = "sandbox_decide")]
pub async fn sandbox_decide(
    reference: String,
    outcome: SandboxOutcome,
) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        super::db::ensure_offered(PaymentMethod::Sandbox)?;
        let state = server::state()?;
        let key = state.secrets().await?.sandbox.clone();
        super::db::sandbox::decide(&state.pool, &key, &reference, outcome).await
    })
    .await
}

/// The payment methods offered at checkout: cash on delivery always, the
/// sandbox only where it is switched on. The checkout page hides the others;
/// placing an order with one is refused on the server as well.
#[server(endpoint = "payment_methods", input = GetUrl)]
pub async fn payment_methods() -> Result<Vec<PaymentMethod>, AppError> {
    use crate::server;
    server::run(async move { Ok(super::db::offered_methods(&*server::settings()?)) }).await
}
