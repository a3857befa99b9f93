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

/// The language the visitor reads the shop in: the language switch's
/// cookie (the one leptos_i18n reads), else the browser's Accept-Language,
/// else the shop's default. Only `zh-CN` or `en`.
pub async fn request_locale() -> &'static str {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    locale_of(&headers)
}

fn locale_of(headers: &axum::http::HeaderMap) -> &'static str {
    use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
    let text = |h| {
        headers
            .get_all(h)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(";")
    };
    let cookies = text(COOKIE);
    let chosen = cookies
        .split(';')
        .map(str::trim)
        .find_map(|c| c.strip_prefix("i18n_pref_locale="));
    if let Some(code) = chosen {
        return crate::locale::locale_pair(code).0;
    }
    // The first language listed that the shop has (quality values are
    // rarely out of order; the first is the browser's own choice).
    let accept = text(ACCEPT_LANGUAGE).to_ascii_lowercase();
    for tag in accept.split([',', ';']).map(str::trim) {
        if tag.starts_with("zh") {
            return "zh-CN";
        }
        if tag.starts_with("en") {
            return "en";
        }
    }
    "zh-CN"
}

#[cfg(test)]
mod locale_tests {
    use super::locale_of;
    use axum::http::{HeaderMap, HeaderValue};

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_cookie_wins_then_the_browser_then_chinese() {
        assert_eq!(
            locale_of(&with(&[
                ("cookie", "a=1; i18n_pref_locale=en"),
                ("accept-language", "zh-CN")
            ])),
            "en"
        );
        assert_eq!(
            locale_of(&with(&[("accept-language", "en-GB,en;q=0.9,zh;q=0.5")])),
            "en"
        );
        assert_eq!(
            locale_of(&with(&[("accept-language", "fr-FR,zh-TW;q=0.8,en;q=0.5")])),
            "zh-CN"
        );
        assert_eq!(locale_of(&with(&[("accept-language", "fr")])), "zh-CN");
        assert_eq!(
            locale_of(&with(&[("cookie", "i18n_pref_locale=xx")])),
            "zh-CN"
        );
        assert_eq!(locale_of(&HeaderMap::new()), "zh-CN");
    }
}
