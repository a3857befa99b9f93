//! Privacy server functions: what the settings page shows, consents, and
//! asking for (or cancelling) the account's deletion. The data download is
//! a plain route in the server crate (`/account/data.json`, `.csv`), so the
//! browser saves it as a file.
use super::{DeletionState, PrivacyFacts, PrivacyStatus, Purpose};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What the public policy page states from the configuration.
#[server(endpoint = "privacy/facts", input = GetUrl)]
pub async fn get_privacy_facts() -> Result<PrivacyFacts, AppError> {
    use crate::server;
    server::run(async move {
        let settings = server::settings()?;
        Ok(PrivacyFacts {
            cooling_off_days: super::whole_days(settings.deletion_cooling_off),
            contact: settings.privacy_contact.clone(),
            policy_version: super::POLICY_VERSION.to_string(),
        })
    })
    .await
}

/// The signed-in shopper's consents (current and history) and deletion
/// request.
#[server(endpoint = "privacy/status", input = GetUrl)]
pub async fn get_privacy_status() -> Result<PrivacyStatus, AppError> {
    use crate::{accounts::Role, server};
    server::run(async move {
        let user = server::require_user().await?;
        let pool = server::pool()?;
        let consents = super::db::consents(&pool, user.id).await?;
        let history = super::db::consent_history(&pool, user.id, super::HISTORY_ENTRIES).await?;
        let deletion = super::db::open_deletion(&pool, user.id).await?;
        Ok(PrivacyStatus {
            email: user.email,
            consents,
            history,
            deletion,
            cooling_off_days: super::whole_days(server::settings()?.deletion_cooling_off),
            can_delete: user.role == Role::Shopper,
        })
    })
    .await
}

/// Grants (or withdraws) consent to one purpose; each answer is kept.
#[server(endpoint = "privacy/consent")]
pub async fn set_consent(purpose: Purpose, granted: bool) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::record_consent(&server::pool()?, user.id, purpose, granted).await
    })
    .await
}

/// Asks for the account to be deleted once the cooling-off period is over;
/// the password confirms it is the account holder asking. Every other
/// session of the account ends (a device left signed in somewhere must not
/// go on using an account that is leaving); this one goes on, under a new
/// id, so the shopper sees the date and can still cancel, as they can by
/// signing in again at any time before it.
#[server(endpoint = "privacy/delete")]
pub async fn request_deletion(password: String) -> Result<DeletionState, AppError> {
    use crate::{
        accounts::{Role, db as accounts},
        error::ErrorKey,
        server,
    };
    server::run(async move {
        let user = server::require_user().await?;
        if user.role != Role::Shopper {
            return Err(AppError::Forbidden);
        }
        if password.is_empty() {
            return Err(AppError::invalid("password", ErrorKey::Required));
        }
        let pool = server::pool()?;
        let hash = accounts::password_hash(&pool, user.id).await?;
        if !server::verify_password(password, Some(hash)).await? {
            return Err(AppError::invalid(
                "password",
                ErrorKey::WrongCurrentPassword,
            ));
        }
        let cooling_off = server::settings()?.deletion_cooling_off;
        let state =
            super::db::request_deletion(&pool, user.id, server::now()?, cooling_off).await?;
        server::sign_in_session(&server::session().await?, user.id).await?;
        Ok(state)
    })
    .await
}

/// Keeps the account after all: the open deletion request is cancelled.
#[server(endpoint = "privacy/cancel_deletion")]
pub async fn cancel_deletion() -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::cancel_deletion(&server::pool()?, user.id).await?;
        Ok(())
    })
    .await
}
