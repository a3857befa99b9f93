//! Server-only plumbing shared by every feature: state, error mapping, the
//! session, guards and password hashing. This is the crate's one `ssr` gate.
mod guard;
mod password;
mod secrets;
mod session;
mod settings;
pub mod spreadsheet;
mod swr;
pub mod throttle;

pub use guard::{
    SessionUserRow, Staff, load_session_user, optional_user, require_permission, require_staff,
    require_user,
};
pub use password::{PasswordHash, hash_password, verify_password};
pub use secrets::{Secrets, sign, verify, verify_truncated};
pub use session::{
    client_ip, end_sessions_of, session, session_user_id, sign_in_session, sign_out_session,
};
pub use settings::{DEV_PRIVACY_CONTACT, Limits, Settings};
pub use swr::SwrCache;
pub use throttle::{RateLimits, forwarded_client, ip_bucket, limit_checkout};

use crate::catalog::{SearchResults, Suggestion};
use crate::error::AppError;
use leptos::prelude::*;
use sqlx::PgPool;
use std::future::Future;
use std::time::Duration;

/// Shared state handed to every server function through Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    /// Search results and type-ahead suggestions, by locale, query and filters.
    pub searches: SwrCache<SearchResults>,
    pub suggestions: SwrCache<Vec<Suggestion>>,
    /// HMAC keys shared by every instance, read from the database once.
    secrets: std::sync::Arc<tokio::sync::OnceCell<Secrets>>,
    pub settings: std::sync::Arc<Settings>,
}

/// Most distinct searches (and, separately, suggestion lists) kept at once.
const CACHED_SEARCHES: u64 = 5_000;

impl AppState {
    /// `search_ttl` of zero turns the search caches off.
    pub fn new(pool: PgPool, search_ttl: Duration, settings: Settings) -> Self {
        AppState {
            settings: std::sync::Arc::new(settings),
            pool,
            searches: SwrCache::new(search_ttl, CACHED_SEARCHES),
            suggestions: SwrCache::new(search_ttl, CACHED_SEARCHES),
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

pub fn pool() -> Result<PgPool, AppError> {
    state().map(|s| s.pool)
}

/// Runs a server function body: on error, sets the HTTP status that matches
/// it, so plain HTTP clients (and SSR pages) see 401/403/422 rather than 500.
pub async fn run<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(err) = &result
        && let Some(opts) = use_context::<leptos_axum::ResponseOptions>()
    {
        let status = axum::http::StatusCode::from_u16(err.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        opts.set_status(status);
    }
    result
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
