//! The signed-in user lives in a tower-sessions session stored in PostgreSQL;
//! only the user id is kept there, and everything else is read fresh from the
//! database on each request (so a disabled account stops working at once).
use crate::error::AppError;
use tower_sessions::Session;

const USER_KEY: &str = "uid";

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

pub async fn session_user_id(session: &Session) -> Result<Option<i64>, AppError> {
    Ok(session.get::<i64>(USER_KEY).await?)
}

/// Starts an authenticated session under a brand-new id (no session fixation).
pub async fn sign_in_session(session: &Session, user_id: i64) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user_id).await?;
    Ok(())
}

/// Ends the session: the row is deleted and the cookie cleared.
pub async fn sign_out_session(session: &Session) -> Result<(), AppError> {
    session.flush().await?;
    Ok(())
}

/// The caller's IP address, for throttling and (later) the audit log.
pub async fn client_ip() -> Option<String> {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}
