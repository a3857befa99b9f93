//! Display settings server functions. Bodies run on the server only.
use super::DisplaySettings;
use crate::error::AppError;
use leptos::prelude::*;

/// The settings this page is drawn with: a signed-in shopper's saved ones,
/// else this browser's cookie, else the defaults.
#[server(endpoint = "display", input = leptos::server_fn::codec::GetUrl)]
pub async fn current_display() -> Result<DisplaySettings, AppError> {
    use crate::server;
    server::run(super::request::effective()).await
}

/// Saves a choice: in the account when signed in, and always in this
/// browser's cookie (so the choice stays after signing out). A plain form
/// posted without JavaScript is sent back to its page (the Referer), which
/// the server then draws with the new settings.
#[server(endpoint = "save_display")]
pub async fn save_display(theme: String, text: String) -> Result<DisplaySettings, AppError> {
    use crate::display::{db, request};
    use crate::server;
    server::run(async move {
        let choice = DisplaySettings::from_form(&theme, &text)?;
        if let Some(user) = server::optional_user().await? {
            db::save(&server::pool()?, user.id, choice).await?;
        }
        request::remember_in_browser(choice)?;
        Ok(choice)
    })
    .await
}
