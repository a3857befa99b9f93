//! The sandbox's hosted page without JavaScript: its Pay, Fail and Cancel
//! buttons post a plain form (URL-encoded) here, which decides as
//! `api::sandbox_decide` does and sends the browser back to the shop. With
//! JavaScript the page calls `api::sandbox_decide` itself.
use super::SandboxOutcome;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "sandbox_decide_form")]
pub async fn sandbox_decide_form(
    reference: String,
    outcome: SandboxOutcome,
) -> Result<(), AppError> {
    crate::server::run(async move {
        let back = super::api::sandbox_decide(reference, outcome).await?;
        leptos_axum::redirect(&back);
        Ok(())
    })
    .await
}
