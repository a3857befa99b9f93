//! POST /unsubscribe?t=…: the one-click unsubscribe of RFC 8058. A mail
//! program posts here by itself (`List-Unsubscribe-Post`) when the reader
//! presses its "unsubscribe" button; no session, no page. The token is
//! the proof. A browser opening the same link gets the page
//! (`app::notify::prefs::pages::UnsubscribePage`) with its own button.
use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Token {
    #[serde(default)]
    t: String,
}

pub async fn one_click(
    State(state): State<AppState>,
    Query(q): Query<Token>,
) -> (StatusCode, &'static str) {
    let key = match state.secrets().await {
        Ok(s) => s.account_links.clone(),
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    };
    match app::notify::prefs::db::unsubscribe(&state.pool, &key, &q.t).await {
        Ok(Some(_)) => (StatusCode::OK, "unsubscribed"),
        Ok(None) => (StatusCode::NOT_FOUND, "not a link of this shop"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    }
}
