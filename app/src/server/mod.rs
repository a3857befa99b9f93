//! Server-only plumbing shared by every feature: state, error mapping, the
//! session, guards and password hashing. This is the crate's one `ssr` gate.
pub mod bundle;
pub mod extract;
mod guard;
pub mod outbox;
mod password;
pub mod personal;
mod secrets;
mod session;
mod settings;
pub mod spreadsheet;
mod swr;
pub mod throttle;

pub use guard::{
    Staff, load_session_user, optional_user, require_permission, require_staff, require_user,
};
pub use password::{PasswordHash, hash_password, verify_password};
pub use personal::{PersonalTemplate, personal_template};
pub use secrets::{Secrets, sign, verify, verify_truncated};
pub use session::{
    client_ip, end_sessions_of, request_locale, session, session_user_id, sign_in_session,
    sign_out_session,
};
pub use settings::{DEFAULT_SEARCH_COUNT_CAP, DEV_PRIVACY_CONTACT, Limits, Settings};
pub use swr::SwrCache;
pub use throttle::{RateLimits, forwarded_client, ip_bucket, limit_checkout};

use crate::error::AppError;
use leptos::prelude::*;
use sqlx::PgPool;
use std::future::Future;

/// Shared state handed to every server function through Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    /// HMAC keys shared by every instance, read from the database once.
    secrets: std::sync::Arc<tokio::sync::OnceCell<Secrets>>,
    pub settings: std::sync::Arc<Settings>,
}

impl AppState {
    pub fn new(pool: PgPool, settings: Settings) -> Self {
        AppState {
            settings: std::sync::Arc::new(settings),
            pool,
            secrets: Default::default(),
        }
    }

    pub async fn secrets(&self) -> Result<&Secrets, AppError> {
        self.secrets
            .get_or_try_init(|| Secrets::load(&self.pool))
            .await
    }
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn settings() -> Result<std::sync::Arc<Settings>, AppError> {
    state().map(|s| s.settings)
}

/// The shop's "now", from the injected clock (see `crate::shop_time`).
pub fn now() -> Result<time::OffsetDateTime, AppError> {
    Ok(settings()?.clock.now())
}

pub fn pool() -> Result<PgPool, AppError> {
    state().map(|s| s.pool)
}

/// Runs a server function body: on error, sets the HTTP status that matches
/// it, so plain HTTP clients (and SSR pages) see 401/403/422 rather than 500.
/// Not for a form the browser posted itself (see `plain_form_post`).
pub async fn run<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(err) = &result
        && !plain_form_post()
        && let Some(opts) = use_context::<leptos_axum::ResponseOptions>()
    {
        let status = axum::http::StatusCode::from_u16(err.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        opts.set_status(status);
    }
    result
}

/// A form posted by the browser itself, without JavaScript: a POST that
/// asks for HTML (the server function client asks for its own encoding).
/// The server function layer answers it with a 302 back to the form's page,
/// carrying any error in the URL for the page to show; a status set on the
/// response would replace that 302 and leave the browser on the function's
/// URL, showing JSON.
fn plain_form_post() -> bool {
    use axum::http::{Method, header::ACCEPT, request::Parts};
    use_context::<Parts>().is_some_and(|p| {
        p.method == Method::POST
            && p.headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        tracing::error!(error = %err, "session store error");
        AppError::Internal
    }
}

/// The commented SQL migrations in `app/migrations`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
