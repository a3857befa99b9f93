//! The shopper's own switches, and the unsubscribe link's action.
use super::{Prefs, Unsubscribed};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "notify_prefs", input = leptos::server_fn::codec::GetUrl)]
pub async fn notify_prefs() -> Result<Prefs, AppError> {
    use crate::server;
    server::run(async {
        let user = server::require_user().await?;
        super::db::load(&server::pool()?, user.id).await
    })
    .await
}

/// Saves the switches: a ticked box is sent ("on"), an unticked one not.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "notify_prefs_save")]
pub async fn save_notify_prefs(
    #[server(default)] service_inbox: Option<String>,
    #[server(default)] service_email: Option<String>,
    #[server(default)] service_sms: Option<String>,
    #[server(default)] promotions_inbox: Option<String>,
    #[server(default)] promotions_email: Option<String>,
    #[server(default)] promotions_sms: Option<String>,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let prefs = Prefs {
            service_inbox: service_inbox.is_some(),
            service_email: service_email.is_some(),
            service_sms: service_sms.is_some(),
            promotions_inbox: promotions_inbox.is_some(),
            promotions_email: promotions_email.is_some(),
            promotions_sms: promotions_sms.is_some(),
        };
        super::db::save(&server::pool()?, user.id, &prefs).await
    })
    .await
}

/// Stops promotion e-mails for the account an e-mail's link names; no
/// session needed (the signed link is the proof).
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<Unsubscribed, AppError> {
    use crate::server;
    server::run(async move {
        let key = server::state()?.secrets().await?.account_links.clone();
        Ok(
            match super::db::unsubscribe(&server::pool()?, &key, &token).await? {
                Some(email) => Unsubscribed::Done(email),
                None => Unsubscribed::Invalid,
            },
        )
    })
    .await
}
