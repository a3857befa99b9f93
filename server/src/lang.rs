//! `/lang/{code}?next=/path`: the language switch (the header's link). It
//! sets the same cookie leptos_i18n reads, for the whole site and a year,
//! remembers a signed-in shopper's choice (their e-mails are written in
//! it), then goes back.
use app::server::AppState;
use app::server::extract::SignedIn;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(
    State(state): State<AppState>,
    signed_in: Option<SignedIn>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Response {
    if !app::locale::LOCALES.contains(&code.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    if let Some(SignedIn(user)) = signed_in {
        // Not worth refusing the switch over: logged, and the cookie is set.
        if let Err(e) = app::accounts::db::remember_locale(&state.pool, user.id, &code).await {
            tracing::warn!(error = ?e, "the account's language was not saved");
        }
    }
    // Only a path on this site (`safe_next`); anything else, an
    // open-redirect attempt, goes to the account page as after signing in.
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

/// `?lang=en` (or `zh-CN`) on any URL serves that language and remembers
/// it. This is what gives each language its own URL for hreflang links and
/// the sitemap, while shoppers keep the cookie-based switch.
pub async fn from_query(mut req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    // Server functions take `lang` as an argument of their own; it says
    // nothing about the shopper's choice of language.
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .and_then(|l| app::locale::LOCALES.iter().find(|x| **x == l).copied());
    let Some(lang) = lang else {
        return next.run(req).await;
    };
    // leptos_i18n reads this cookie; replace it for this request.
    let others: Vec<String> = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.starts_with("i18n_pref_locale="))
        .map(str::to_string)
        .collect();
    let mut cookie = others;
    cookie.push(format!("i18n_pref_locale={lang}"));
    if let Ok(v) = HeaderValue::from_str(&cookie.join("; ")) {
        req.headers_mut().remove(header::COOKIE);
        req.headers_mut().insert(header::COOKIE, v);
    }
    let mut res = next.run(req).await;
    let set = format!("i18n_pref_locale={lang}; Path=/; Max-Age=31536000; SameSite=Lax");
    if let Ok(v) = HeaderValue::from_str(&set) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// leptos_i18n writes its language cookie into every page drawn in a
/// language other than the browser's first choice, even when the request
/// already carries that very cookie, and without a `Path` (so the browser
/// keeps one more copy per directory: `/c/…` pages had their own). A
/// repeat says nothing new, and an answer that sets a cookie is kept by
/// neither page cache, so an English reader's pages were rendered every
/// time. Such a repeat is dropped; a cookie with a new value stays.
pub async fn drop_repeated_cookie(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let sent = request_lang_cookies(req.headers());
    let mut res = next.run(req).await;
    let all: Vec<HeaderValue> = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    let kept: Vec<HeaderValue> = all.iter().filter(|v| !repeats(v, &sent)).cloned().collect();
    if kept.len() != all.len() {
        res.headers_mut().remove(header::SET_COOKIE);
        for v in kept {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The `i18n_pref_locale=…` pairs of a request's Cookie headers.
fn request_lang_cookies(headers: &header::HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|c| c.starts_with("i18n_pref_locale="))
        .map(str::to_string)
        .collect()
}

/// Whether a Set-Cookie value only sets the language cookie to a value
/// the request carried.
fn repeats(set_cookie: &HeaderValue, sent: &[String]) -> bool {
    let Some(pair) = set_cookie
        .to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .map(str::trim)
    else {
        return false;
    };
    pair.starts_with("i18n_pref_locale=") && sent.iter().any(|s| s == pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_repeated_language_cookie_is_dropped() {
        let mut h = header::HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("agora_sid=x; i18n_pref_locale=en"),
        );
        let sent = request_lang_cookies(&h);
        assert_eq!(sent, ["i18n_pref_locale=en"]);
        let v = |s: &'static str| HeaderValue::from_static(s);
        assert!(repeats(&v("i18n_pref_locale=en"), &sent));
        assert!(repeats(&v("i18n_pref_locale=en; Path=/c"), &sent));
        assert!(!repeats(&v("i18n_pref_locale=zh-CN"), &sent));
        assert!(
            !repeats(&v("agora_sid=x"), &sent),
            "only the language cookie"
        );
        assert!(
            !repeats(&v("i18n_pref_locale=en"), &[]),
            "a new cookie stays"
        );
    }
}
