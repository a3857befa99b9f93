//! The request form as a plain multipart post (`POST /after-sales`), so
//! photos come along and it works without JavaScript: reading the form,
//! and where the shopper is sent with the outcome. The route is wiring in
//! `server/src/after_sales.rs`; the rules are [`super::db::open`]'s.
use super::RequestKind;
use super::db::{Opening, Shopper, open, owner};
use crate::error::AppError;
use crate::server::extract::error_code;
use crate::text::{url_encode, url_encode_path};
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use sqlx::PgPool;
use time::OffsetDateTime;

/// Five photos and the text stay well under this.
pub const BODY_LIMIT: usize = 6 * crate::media::db::MAX_IMAGE_BYTES;

/// What the form posts.
#[derive(Debug, Default)]
struct Form {
    order: String,
    /// A guest order's link secret (empty for an account's order).
    token: String,
    line: i64,
    kind: String,
    reason: i64,
    qty: i32,
    note: String,
    key: String,
    exchange_to: Option<i64>,
    photos: Vec<Vec<u8>>,
}

/// Opens the request `form` posts for one of the shopper's order lines
/// (`user_id` signed in, or a guest holding the order's link, checked with
/// `link_key`) and returns where to send them: the new request, back to
/// the form saying why not, or to sign in. An order that is not the
/// shopper's is 404 (nothing to go back to), an unreadable form its
/// multipart status.
pub async fn post(
    pool: &PgPool,
    user_id: Option<i64>,
    link_key: &[u8],
    form: Multipart,
    now: OffsetDateTime,
) -> Result<String, StatusCode> {
    let f = read(form).await.map_err(|e| e.status())?;
    let mut back = format!(
        "/orders/{}/after-sales?line={}",
        url_encode(&f.order),
        f.line
    );
    let shopper = match (f.token.is_empty(), user_id) {
        (false, _) => owner::from_link(link_key, true, &f.order, &f.token)
            .map_err(|_| StatusCode::NOT_FOUND)?,
        (true, Some(id)) => Shopper::Account(id),
        (true, None) => return Ok(format!("/sign-in?next={}", url_encode_path(&back))),
    };
    if shopper == Shopper::Guest {
        back = format!("{back}&t={}", f.token);
    }
    let Some(kind) = RequestKind::parse(&f.kind) else {
        return Ok(format!("{back}&error=choice_invalid"));
    };
    let opening = Opening {
        shopper,
        order_number: f.order,
        kind,
        reason_id: f.reason,
        items: vec![(f.line, f.qty)],
        note: f.note,
        key: f.key,
        exchange_to: f.exchange_to.filter(|_| kind == RequestKind::Exchange),
        photos: f.photos,
    };
    match open(pool, &opening, now).await {
        Ok(number) if shopper == Shopper::Guest => Ok(format!(
            "/after-sales/{number}?t={}",
            owner::request_token(link_key, &number)
        )),
        Ok(number) => Ok(format!("/after-sales/{number}")),
        Err(AppError::NotFound) => Err(StatusCode::NOT_FOUND),
        Err(e) => Ok(format!("{back}&error={}", error_code(&e))),
    }
}

async fn read(mut form: Multipart) -> Result<Form, MultipartError> {
    let mut f = Form::default();
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or("").to_string();
        if name == "photos" {
            let bytes = field.bytes().await?;
            // An empty file input still sends one empty part.
            if !bytes.is_empty() {
                f.photos.push(bytes.to_vec());
            }
            continue;
        }
        let value = field.text().await?;
        let v = value.trim();
        match name.as_str() {
            "order" => f.order = v.to_string(),
            "t" => f.token = v.to_string(),
            "line" => f.line = v.parse().unwrap_or(0),
            "kind" => f.kind = v.to_string(),
            "reason" => f.reason = v.parse().unwrap_or(0),
            "qty" => f.qty = v.parse().unwrap_or(0),
            "note" => f.note = value,
            "key" => f.key = v.to_string(),
            "exchange_to" => f.exchange_to = v.parse().ok(),
            _ => {}
        }
    }
    Ok(f)
}
