//! Signed-in shoppers' home and category pages, drawn once and personalised
//! per request (issue 16: "render only the personal parts per shopper").
//!
//! A signed-in page differs from every other signed-in shopper's only in who
//! is signed in: their name in the header's account menu and their user in
//! the page's serialised data (for hydration). So the page is rendered once
//! per URL, language, role and display settings with a stand-in user whose
//! name, e-mail address and id are marker words (`app::server::personal`),
//! kept as a template under the page cache's TTL and stale-while-revalidate
//! rule, and each request writes its shopper's values over the markers,
//! escaped for where each marker stands (HTML, or the JSON inside a script).
//! The CSP nonce is a marker too, so every response still carries a fresh
//! one. Per request that leaves the session, the user and their display
//! settings (three indexed reads) and copying the template.
//!
//! Only pages whose personal parts are exactly those take this path: home
//! and category pages. Product pages also mark the shopper's favourites and
//! are rendered in full.
use crate::page_cache::{Freshness, MAX_BODY, Served, variant};
use app::auth::SessionUser;
use app::catalog::ListingCaches;
use app::display::request::TemplateDisplay;
use app::server::personal::{EMAIL_MARK, ID_MARK, NAME_MARK, PersonalTemplate};
use app::text::html_escape;
use axum::body::{Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;
use moka::future::Cache;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Instant;
use tower_sessions::Session;

#[derive(Clone)]
pub struct PersonalPages {
    templates: Option<Cache<String, Arc<Template>>>,
    fresh: Freshness,
    pool: PgPool,
    /// A template drawn before the back office last cleared the listing
    /// cache is not served: its change shows at once, as on product pages.
    listings: ListingCaches,
}

impl PersonalPages {
    /// `ttl` of zero turns the cache off (as the page cache's).
    pub fn new(pool: PgPool, listings: ListingCaches, ttl: std::time::Duration) -> Self {
        let fresh = Freshness::new(ttl);
        PersonalPages {
            templates: fresh.cache(|t: &Template| t.size),
            fresh,
            pool,
            listings,
        }
    }
}

/// Where a marker stands, which decides how a value is escaped there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Text or an attribute value in the HTML.
    Html,
    /// Inside a JSON string inside a JavaScript string (Leptos's serialised
    /// resources: `__RESOLVED_RESOURCES[0] = "{\"Ok\":…}"`).
    Script,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Name(Context),
    Email(Context),
    Id,
    Nonce,
}

#[derive(Debug)]
enum Piece {
    Text(Bytes),
    Slot(Slot),
}

struct Template {
    status: StatusCode,
    headers: HeaderMap,
    pieces: Vec<Piece>,
    size: usize,
    stored: Instant,
    /// `ListingCaches::generation` when the render began.
    generation: u64,
}

/// What a shopper's page is personalised with.
struct Personal<'a> {
    user: &'a SessionUser,
    nonce: &'a str,
}

fn personal_path(path: &str) -> bool {
    path == "/" || path.starts_with("/c/")
}

pub async fn layer(State(pages): State<PersonalPages>, mut req: Request, next: Next) -> Response {
    let Some(templates) = pages.templates.clone() else {
        return next.run(req).await;
    };
    if req.method() != Method::GET || !personal_path(req.uri().path()) {
        return next.run(req).await;
    }
    let (Some(session), Some(nonce)) = (
        req.extensions().get::<Session>().cloned(),
        req.extensions().get::<Nonce>().map(|n| n.to_string()),
    ) else {
        return next.run(req).await;
    };
    // Read before any await: a request is not `Sync`, so a reference to it
    // cannot be held across one.
    let browser = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(app::display::DisplaySettings::from_cookie_header);
    // A guest, a disabled account or a database error: the page is rendered
    // in full, which answers each of them as it always has.
    let Some((user, display)) = signed_in(&pages.pool, &session, browser).await else {
        return next.run(req).await;
    };
    let key = format!(
        "{}|{}|{:?}",
        variant(&req, &display.cookie_value()),
        user.role.as_str(),
        user.permissions
    );
    let me = Personal {
        user: &user,
        nonce: &nonce,
    };
    let mut claimed = false;
    let generation = pages.listings.generation();
    if let Some(t) = templates.get(&key).await
        && t.generation == generation
    {
        match pages.fresh.serve(&key, t.stored) {
            Served::Stored(word) => return t.render(&me, word),
            Served::Claimed => claimed = true,
        }
    }
    req.extensions_mut().insert(PersonalTemplate {
        role: user.role,
        permissions: user.permissions.clone(),
    });
    req.extensions_mut().insert(TemplateDisplay(display));
    let res = next.run(req).await;
    if claimed {
        pages.fresh.done(&key);
    }
    let (parts, body) = res.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "personal page not rendered");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let template = Template::new(parts.status, parts.headers, body, &nonce, generation);
    let res = template.render(&me, "miss");
    // Kept like the page cache keeps a guest's page: a whole, plain answer.
    if template.status == StatusCode::OK && !template.headers.contains_key(header::SET_COOKIE) {
        templates.insert(key, Arc::new(template)).await;
    }
    res
}

/// The signed-in user of this session and the display settings their page
/// is drawn with; None for a guest or when either cannot be read.
async fn signed_in(
    pool: &PgPool,
    session: &Session,
    browser: Option<app::display::DisplaySettings>,
) -> Option<(SessionUser, app::display::DisplaySettings)> {
    let id = app::server::session_user_id(session).await.ok()??;
    let user = app::server::load_session_user(pool, id).await.ok()??;
    let display = app::display::request::effective_for(pool, user.id, browser)
        .await
        .ok()?;
    Some((user, display))
}

impl Template {
    /// Splits a page rendered for the stand-in user at its markers.
    fn new(
        status: StatusCode,
        mut headers: HeaderMap,
        body: Bytes,
        nonce: &str,
        generation: u64,
    ) -> Self {
        // The personalised body has its own length.
        headers.remove(header::CONTENT_LENGTH);
        let Ok(text) = std::str::from_utf8(&body) else {
            // Never so for a rendered page; kept whole rather than cut at
            // offsets that would not match.
            tracing::error!("a personal page template is not UTF-8");
            return Template {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                headers,
                pieces: Vec::new(),
                size: 0,
                stored: Instant::now(),
                generation,
            };
        };
        let id = ID_MARK.to_string();
        let marks = [
            (NAME_MARK, 0u8),
            (EMAIL_MARK, 1),
            (id.as_str(), 2),
            (nonce, 3),
        ];
        let mut found: Vec<(usize, usize, Slot)> = Vec::new();
        for (mark, which) in marks {
            for (at, _) in text.match_indices(mark) {
                let context = if in_script(text, at) {
                    Context::Script
                } else {
                    Context::Html
                };
                let slot = match which {
                    0 => Slot::Name(context),
                    1 => Slot::Email(context),
                    2 => Slot::Id,
                    _ => Slot::Nonce,
                };
                found.push((at, mark.len(), slot));
            }
        }
        found.sort_by_key(|(at, _, _)| *at);
        let mut pieces = Vec::with_capacity(found.len() * 2 + 1);
        let mut from = 0;
        for (at, len, slot) in found {
            pieces.push(Piece::Text(body.slice(from..at)));
            pieces.push(Piece::Slot(slot));
            from = at + len;
        }
        pieces.push(Piece::Text(body.slice(from..)));
        Template {
            status,
            headers,
            pieces,
            size: body.len(),
            stored: Instant::now(),
            generation,
        }
    }

    fn render(&self, me: &Personal, cache: &'static str) -> Response {
        let name = (
            html_escape(&me.user.display_name),
            script_escape(&me.user.display_name),
        );
        let email = (html_escape(&me.user.email), script_escape(&me.user.email));
        let id = me.user.id.to_string();
        let mut out = Vec::with_capacity(self.size + 256);
        for piece in &self.pieces {
            let part: &[u8] = match piece {
                Piece::Text(b) => b,
                Piece::Slot(Slot::Name(Context::Html)) => name.0.as_bytes(),
                Piece::Slot(Slot::Name(Context::Script)) => name.1.as_bytes(),
                Piece::Slot(Slot::Email(Context::Html)) => email.0.as_bytes(),
                Piece::Slot(Slot::Email(Context::Script)) => email.1.as_bytes(),
                Piece::Slot(Slot::Id) => id.as_bytes(),
                Piece::Slot(Slot::Nonce) => me.nonce.as_bytes(),
            };
            out.extend_from_slice(part);
        }
        let mut res = (self.status, out).into_response();
        *res.headers_mut() = self.headers.clone();
        res.headers_mut()
            .insert("x-agora-personal", HeaderValue::from_static(cache));
        res
    }
}

/// Whether byte `at` of the page lies inside a `<script>` element.
fn in_script(page: &str, at: usize) -> bool {
    let before = &page[..at];
    match (before.rfind("<script"), before.rfind("</script>")) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// For the inside of a JSON string that is itself inside a double-quoted
/// JavaScript string in a `<script>`: JSON-escaped, then escaped again for
/// the JavaScript string, with `<` written as `\u003c` so no value can
/// close the script element.
fn script_escape(value: &str) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let inner = json
        .strip_prefix('"')
        .and_then(|j| j.strip_suffix('"'))
        .unwrap_or("");
    let mut out = String::with_capacity(inner.len() + 8);
    for c in inner.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003c"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_in_html_and_in_scripts() {
        let page = format!(
            r#"<p>{NAME_MARK}</p><script nonce="N1">x = "{{\"id\":{ID_MARK},\"display_name\":\"{NAME_MARK}\"}}";</script><a title="{NAME_MARK}">{EMAIL_MARK}</a>"#
        );
        let t = Template::new(StatusCode::OK, HeaderMap::new(), Bytes::from(page), "N1", 0);
        let slots: Vec<Slot> = t
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Slot(s) => Some(*s),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(
            slots,
            [
                Slot::Name(Context::Html),
                Slot::Nonce,
                Slot::Id,
                Slot::Name(Context::Script),
                Slot::Name(Context::Html),
                Slot::Email(Context::Html),
            ]
        );
    }

    #[test]
    fn values_are_escaped_for_where_they_stand() {
        let nasty = r#"<b>"Tom" & 'Jerry'</script>\"#;
        assert_eq!(
            html_escape(nasty),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/script&gt;\\"
        );
        let js = script_escape(nasty);
        assert!(!js.contains('<'), "{js}");
        // What the browser does: read the JavaScript string, then the JSON.
        let js_string: String = serde_json::from_str(&format!("\"{js}\"")).unwrap();
        let value: String = serde_json::from_str(&format!("\"{js_string}\"")).unwrap();
        assert_eq!(value, nasty);
    }
}
