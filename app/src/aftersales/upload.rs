//! The request form as a plain multipart post (`POST /after-sales`), so
//! photos come along and it works without JavaScript: reading the form,
//! and where the shopper is sent with the outcome. The route is wiring in
//! `server/src/after_sales.rs`; the rules are [`super::db::open`]'s.
use super::RequestKind;
use super::db::{Opening, open};
use crate::error::AppError;
use crate::server::extract::error_code;
use crate::text::url_encode;
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
    line: i64,
    kind: String,
    reason: i64,
    qty: i32,
    note: String,
    key: String,
    exchange_to: Option<i64>,
    photos: Vec<Vec<u8>>,
}

/// Opens the request `form` posts for one of `user_id`'s order lines and
/// returns where to send the shopper: the new request, or back to the form
/// saying why not. An order that is not the shopper's is 404 (nothing to
/// go back to), an unreadable form its multipart status.
pub async fn post(
    pool: &PgPool,
    user_id: i64,
    form: Multipart,
    now: OffsetDateTime,
) -> Result<String, StatusCode> {
    let f = read(form).await.map_err(|e| e.status())?;
    let back = format!(
        "/orders/{}/after-sales?line={}",
        url_encode(&f.order),
        f.line
    );
    let Some(kind) = RequestKind::parse(&f.kind) else {
        return Ok(format!("{back}&error=choice_invalid"));
    };
    let opening = Opening {
        user_id,
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
