//! The display settings in the request (the guest's cookie) and in the
//! response (the cookie that remembers a choice), on the server.
use super::{DisplaySettings, db};
use crate::error::AppError;
use crate::server;
use axum::http::{HeaderValue, header, request::Parts};
use leptos::prelude::use_context;
use sqlx::PgPool;

/// This browser's choice, from the request's cookie (None without a valid one).
pub fn from_request() -> Option<DisplaySettings> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(DisplaySettings::from_cookie_header)
}

/// Sets the cookie on this response, so the browser keeps the choice.
pub fn remember_in_browser(s: DisplaySettings) -> Result<(), AppError> {
    let secure = server::settings()?.production;
    let value = HeaderValue::from_str(&s.set_cookie(secure)).map_err(|_| AppError::Internal)?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.append_header(header::SET_COOKIE, value);
    }
    Ok(())
}

/// The signed-in shopper's settings a personal page template
/// (`server::personal`) is drawn with: the server reads them before the
/// render, as the template is kept for every shopper with the same ones.
#[derive(Debug, Clone, Copy)]
pub struct TemplateDisplay(pub DisplaySettings);

fn template_display() -> Option<TemplateDisplay> {
    use_context::<Parts>()?
        .extensions
        .get::<TemplateDisplay>()
        .copied()
}

/// What this request's page is drawn with: a signed-in shopper's saved
/// settings, else this browser's, else the defaults. Only the session's
/// user id is read (`db::load` checks the account is enabled), not the
/// whole signed-in user: this runs for every page.
pub async fn effective() -> Result<DisplaySettings, AppError> {
    if let Some(TemplateDisplay(settings)) = template_display() {
        return Ok(settings);
    }
    let session = server::session().await?;
    match server::session_user_id(&session).await? {
        Some(user_id) => effective_for(&server::pool()?, user_id, from_request()).await,
        None => Ok(from_request().unwrap_or_default()),
    }
}

/// A signed-in shopper's: their saved settings, else this browser's
/// (`browser`), else the defaults.
pub async fn effective_for(
    pool: &PgPool,
    user_id: i64,
    browser: Option<DisplaySettings>,
) -> Result<DisplaySettings, AppError> {
    Ok(db::load(pool, user_id)
        .await?
        .or(browser)
        .unwrap_or_default())
}

/// At sign-in or registration (`accounts::api`), once the session is the
/// account's: an account with settings keeps them and this browser takes
/// them over; an account without any adopts the choice this browser made
/// as a guest. A failure is logged and never blocks signing in.
pub async fn adopt_at_sign_in(pool: &PgPool, user_id: i64) {
    let guest = from_request();
    let adopted = async {
        match db::adopt(pool, user_id, guest).await? {
            Some(account) if Some(account) != guest => remember_in_browser(account),
            _ => Ok(()),
        }
    };
    if let Err(e) = adopted.await {
        tracing::warn!(user = user_id, error = ?e, "display settings not adopted");
    }
}
