//! `/lang/{code}?next=/path`: the language switch for browsers without
//! JavaScript. It sets the same cookie leptos_i18n reads, then goes back.
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    if !app::catalog::LOCALES.contains(&code.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let next = match q.next.as_deref() {
        Some(n) => app::accounts::safe_next(Some(n)),
        None => "/".to_string(),
    };
    let cookie = format!("i18n_pref_locale={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    let (Ok(cookie), Ok(location)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(&next))
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    (
        StatusCode::SEE_OTHER,
        [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
    )
        .into_response()
}
