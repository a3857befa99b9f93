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
/// The session is saved at once so its id is known, and indexed under the
/// user: disabling the account deletes every indexed session. A session that
/// could not be indexed would outlive a disabled account, so that is an error.
pub async fn sign_in_session(session: &Session, user_id: i64) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user_id).await?;
    session.save().await?;
    let Some(id) = session.id() else {
        tracing::error!(user = user_id, "saved session has no id");
        return Err(AppError::Internal);
    };
    sqlx::query!(
        "INSERT INTO user_sessions (session_id, user_id) VALUES ($1, $2)
         ON CONFLICT (session_id) DO UPDATE SET user_id = EXCLUDED.user_id",
        id.to_string(),
        user_id
    )
    .execute(&super::pool()?)
    .await?;
    Ok(())
}

/// Deletes every stored session of `user_id` (inside the caller's
/// transaction).
pub async fn end_sessions_of(conn: &mut sqlx::PgConnection, user_id: i64) -> Result<u64, AppError> {
    let ids = sqlx::query_scalar!(
        "DELETE FROM user_sessions WHERE user_id = $1 RETURNING session_id",
        user_id
    )
    .fetch_all(&mut *conn)
    .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    // The store's table is created by the migrations (as tower-sessions
    // would create it), so this is checked at compile time like the rest.
    Ok(sqlx::query!(
        "DELETE FROM tower_sessions.session WHERE id = ANY($1)",
        &ids[..]
    )
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Ends the session: the row is deleted and the cookie cleared.
pub async fn sign_out_session(session: &Session) -> Result<(), AppError> {
    session.flush().await?;
    Ok(())
}

/// The caller's IP address, for throttling and the audit log: the TCP peer,
/// or behind a reverse proxy listed in `AGORA_TRUSTED_PROXIES` the client
/// it forwarded for (see `throttle::forwarded_client`). From anyone else
/// `X-Forwarded-For` is ignored, so a client cannot pick its own address.
pub async fn client_ip() -> Option<String> {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let ConnectInfo(peer) = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()?;
    let peer = peer.ip().to_canonical();
    let trusted = super::settings()
        .map(|s| s.trusted_proxies.clone())
        .unwrap_or_default();
    if !trusted.contains(&peer) {
        return Some(peer.to_string());
    }
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    Some(super::forwarded_client(peer, &trusted, &headers).to_string())
}
