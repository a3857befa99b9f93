//! The shopper's data download (`GET /account/data.json`, `/account/data.csv`,
//! optionally `?section=orders`; built by `app::privacy::download`): plain
//! routes rather than server functions so the browser saves the answer as
//! a file, never cached. Also the `privacy-deletions` command, which runs
//! the erasure job once with a clock the caller may move forward.
use crate::config::Config;
use app::privacy::download::{Format, download};
use app::server::AppState;
use app::server::extract::{ClientIp, SignedIn};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Which {
    section: Option<String>,
}

/// GET /account/data.json
pub async fn json(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    ClientIp(ip): ClientIp,
    Query(which): Query<Which>,
) -> Response {
    let section = which.section.as_deref();
    let public_url = &state.settings.public_url;
    let made = download(
        &state.pool,
        &user,
        ip.as_deref(),
        public_url,
        section,
        Format::Json,
    );
    respond(made.await)
}

/// GET /account/data.csv
pub async fn csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    ClientIp(ip): ClientIp,
    Query(which): Query<Which>,
) -> Response {
    let section = which.section.as_deref();
    let public_url = &state.settings.public_url;
    let made = download(
        &state.pool,
        &user,
        ip.as_deref(),
        public_url,
        section,
        Format::Csv,
    );
    respond(made.await)
}

fn respond(made: Result<app::privacy::download::Download, app::error::AppError>) -> Response {
    let file = match made {
        Ok(file) => file,
        Err(e) => {
            let status = StatusCode::from_u16(e.status());
            return status
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response();
        }
    };
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let Ok(disposition) = HeaderValue::from_str(&disposition) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.format.content_type()),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            // Personal data: no browser or proxy may keep a copy.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        file.body,
    )
        .into_response()
}

/// `agora-server privacy-deletions [--now RFC3339]`: anonymises every
/// account whose deletion is due at `--now` (default: the configured
/// clock's present). The browser tests move the clock past the cooling-off
/// period this way instead of waiting for it.
pub async fn deletions_command(cfg: Config, args: &[&str]) -> crate::Result<()> {
    let n = crate::startup::job_command(cfg, args, "privacy-deletions", async |pool, now| {
        app::privacy::db::run_due_deletions(pool, now).await
    })
    .await?;
    println!("{n} account(s) anonymised");
    Ok(())
}
