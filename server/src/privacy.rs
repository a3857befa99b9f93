//! The shopper's data download (`GET /account/data.json`, `/account/data.csv`,
//! optionally `?section=orders`): plain routes rather than server functions
//! so the browser saves the answer as a file. Only the signed-in shopper's
//! own data, never cached, and each download is written to the audit log
//! before it leaves. Also the `privacy-deletions` command, which runs the
//! erasure job once with a clock the caller may move forward.
use crate::config::Config;
use app::privacy::{Section, db};
use app::server::{AppState, load_session_user, session_user_id};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::net::SocketAddr;
use time::OffsetDateTime;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Which {
    section: Option<String>,
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Csv,
}

/// GET /account/data.json
pub async fn json(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    headers: HeaderMap,
    Query(which): Query<Which>,
) -> Response {
    download(&state, addr, &headers, &session, which, Format::Json).await
}

/// GET /account/data.csv
pub async fn csv(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    headers: HeaderMap,
    Query(which): Query<Which>,
) -> Response {
    download(&state, addr, &headers, &session, which, Format::Csv).await
}

async fn download(
    state: &AppState,
    addr: SocketAddr,
    headers: &HeaderMap,
    session: &Session,
    which: Which,
    format: Format,
) -> Response {
    // Whose data: only ever the session's own account (a disabled or
    // erased one has none left to give).
    let user = match session_user_id(session).await {
        Ok(Some(id)) => load_session_user(&state.pool, id).await.ok().flatten(),
        _ => None,
    };
    let Some(user) = user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let only = match which.section.as_deref() {
        None | Some("") => None,
        Some(name) => match Section::parse(name) {
            Some(s) => Some(s),
            None => return StatusCode::BAD_REQUEST.into_response(),
        },
    };
    let Ok(export) = db::export(&state.pool, user.id, &state.settings.public_url, only).await
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let (body, content_type, ext) = match format {
        Format::Json => (
            serde_json::to_vec_pretty(&export).map_err(|e| {
                tracing::error!(error = %e, "privacy json");
            }),
            "application/json; charset=utf-8",
            "json",
        ),
        Format::Csv => (
            app::privacy::csv::render(&export).map_err(|_| ()),
            "text/csv; charset=utf-8",
            "csv",
        ),
    };
    let Ok(body) = body else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Recorded before it is sent: a download that cannot be logged is not
    // handed out. The address is the client's, through a trusted proxy.
    let ip = app::server::forwarded_client(addr.ip(), &state.settings.trusted_proxies, headers);
    let ip = Some(ip.to_string());
    if db::record_export(&state.pool, &user, ip, ext, only)
        .await
        .is_err()
    {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    // "agora-data-2026-11-26.json" (or "…-orders.csv" for one section).
    let date: String = export.generated_at.chars().take(10).collect();
    let part = only.map(|s| format!("-{}", s.as_str())).unwrap_or_default();
    let disposition = format!("attachment; filename=\"agora-data-{date}{part}.{ext}\"");
    let Ok(disposition) = HeaderValue::from_str(&disposition) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            // Personal data: no browser or proxy may keep a copy.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

/// `agora-server privacy-deletions [--now RFC3339]`: anonymises every
/// account whose deletion is due at `--now` (default: the present). The
/// browser tests move the clock past the cooling-off period this way
/// instead of waiting for it.
pub async fn deletions_command(cfg: Config, args: &[&str]) -> crate::Result<()> {
    let when = match args {
        [] => None,
        ["--now", when] => Some(when.to_string()),
        _ => return Err("privacy-deletions [--now RFC3339]".into()),
    };
    let (pool, _embedded) = crate::startup::connect(&cfg).await?;
    let now = match &when {
        None => Ok(OffsetDateTime::now_utc()),
        // PostgreSQL reads RFC 3339 (and ISO 8601) times, with their offset.
        Some(text) => sqlx::query_scalar::<_, OffsetDateTime>("SELECT $1::timestamptz")
            .bind(text)
            .fetch_one(&pool)
            .await
            .map_err(|e| format!("--now {text}: {e}")),
    };
    let done = match now {
        Ok(now) => db::run_due_deletions(&pool, now)
            .await
            .map_err(|e| format!("privacy-deletions: {e}")),
        Err(e) => Err(e),
    };
    pool.close().await;
    let n = done?;
    println!("{n} account(s) anonymised");
    Ok(())
}
