//! The sandbox provider's hosted page talks to these. They stand in for the
//! provider's own website: no shop session is needed, only the charge's
//! unguessable reference.
use super::{ChargeView, SandboxOutcome};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "sandbox_charge", input = GetUrl)]
pub async fn sandbox_charge(reference: String) -> Result<ChargeView, AppError> {
    use crate::server;
    server::run(async move { super::db::sandbox::charge(&server::pool()?, &reference).await }).await
}

/// Pays, fails or cancels the charge; the shop hears of it through the
/// signed notification. Returns where to send the shopper back to.
#[server(endpoint = "sandbox_decide")]
pub async fn sandbox_decide(
    reference: String,
    outcome: SandboxOutcome,
) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        let state = server::state()?;
        let key = state.secrets().await?.sandbox.clone();
        super::db::sandbox::decide(&state.pool, &key, &reference, outcome).await
    })
    .await
}
