//! The customer's side of tickets. Every function first settles who is
//! asking: a guest by the ticket's signed link (`token`), or else the
//! signed-in shopper; another's ticket answers as a missing one (404).
#[cfg(feature = "ssr")]
use super::TicketForm;
use super::{Opened, TicketSummary, TicketView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json, MultipartData, MultipartFormData};

/// Tickets the signed-in shopper's list shows at most.
pub const MINE_SHOWN: i64 = 100;

/// Who asks about ticket `number`: the guest holding its link when a token
/// came (a wrong one is "not found"), else the signed-in account (401).
#[cfg(feature = "ssr")]
async fn viewer(number: &str, token: Option<&str>) -> Result<super::db::Viewer, AppError> {
    use crate::server;
    match token.filter(|t| !t.is_empty()) {
        Some(t) => {
            let key = server::state()?.secrets().await?.order_links.clone();
            if super::db::ticket_token_ok(&key, number, t) {
                Ok(super::db::Viewer::Guest)
            } else {
                Err(AppError::NotFound)
            }
        }
        None => Ok(super::db::Viewer::Shopper(server::require_user().await?.id)),
    }
}

/// The signed-in shopper's tickets, newest activity first.
#[server(endpoint = "tickets", input = GetUrl)]
pub async fn my_tickets() -> Result<Vec<TicketSummary>, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let rows = super::db::reads::mine(&server::pool()?, user.id, MINE_SHOWN).await?;
        Ok(rows
            .into_iter()
            .map(|r| TicketSummary {
                number: r.number,
                subject: r.subject,
                status: r.status,
                updated: crate::shop_time::display_local(r.updated_at.unix_timestamp()),
                answered: r.answered,
            })
            .collect())
    })
    .await
}

/// One ticket with its thread (never staff's private notes); a product it
/// is about is named in `lang`.
#[server(endpoint = "ticket", input = GetUrl)]
pub async fn ticket(
    number: String,
    token: Option<String>,
    lang: String,
) -> Result<TicketView, AppError> {
    use crate::server;
    server::run(async move {
        let who = viewer(&number, token.as_deref()).await?;
        let (pool, now) = (server::pool()?, server::now()?);
        let lang = crate::locale::locale_pair(&lang).0;
        let t = super::db::reads::ticket(&pool, &number, who, now, Some(lang)).await?;
        let messages = super::db::reads::thread(&pool, t.id, false).await?;
        if let super::db::Viewer::Shopper(user) = who {
            crate::notify::db::mark_ticket_read(&pool, user, &number).await?;
        }
        let guest = who == super::db::Viewer::Guest;
        let key = if guest {
            Some(server::state()?.secrets().await?.order_links.clone())
        } else {
            None
        };
        let product = t.product();
        Ok(TicketView {
            order_token: key.as_ref().and_then(|k| {
                t.order_number
                    .as_deref()
                    .map(|n| crate::orders::db::order_token(k, n))
            }),
            request_token: key.as_ref().and_then(|k| {
                t.request_number
                    .as_deref()
                    .map(|n| crate::aftersales::db::owner::request_token(k, n))
            }),
            request_number: t.request_number,
            product,
            token: token.filter(|_| guest),
            number: t.number,
            subject: t.subject,
            category: t.category,
            status: t.status,
            order_number: t.order_number,
            opened: crate::shop_time::display_local(t.created_at.unix_timestamp()),
            messages: messages
                .into_iter()
                .map(|m| super::ThreadMessage {
                    id: m.id,
                    author: m.author,
                    // Customers read "customer service", not who.
                    name: None,
                    body: m.body,
                    at: crate::shop_time::display_local(m.created_at.unix_timestamp()),
                    photos: m.photos,
                })
                .collect(),
            rating: t.rating,
            rating_comment: t.rating_comment,
        })
    })
    .await
}

/// Most bytes the contact form's post may carry: its photos and its text
/// (`server/src/uploads.rs` refuses more before reading it).
#[cfg(feature = "ssr")]
pub const OPEN_BODY_LIMIT: usize = (super::MAX_PHOTOS + 1) * crate::media::db::MAX_IMAGE_BYTES;

/// Opens a ticket from the contact form, posted as multipart form data so
/// photos come with it (at most `MAX_PHOTOS`). A signed-in shopper may link
/// one of their orders or after-sales requests, and any listed product; a
/// guest gives an address, or comes from their order's or request's link
/// (`order` or `request` with `t`), whose address it then uses. `key` is
/// the form's idempotency key: the same form sent twice opens one ticket.
#[server(endpoint = "ticket/open", input = MultipartFormData)]
pub async fn open_ticket(data: MultipartData) -> Result<Opened, AppError> {
    use crate::error::{Checks, ErrorKey};
    use crate::server;
    server::run(async move {
        let TicketForm {
            category,
            subject,
            body,
            order,
            request,
            product,
            token,
            email,
            lang,
            key,
            photos,
        } = read_form(data).await?;
        let user = server::optional_user().await?;
        let pool = server::pool()?;
        let mut checks = Checks::default();
        let category = super::TicketCategory::parse(&category);
        if category.is_none() {
            checks.fail("category", ErrorKey::ChoiceInvalid);
        }
        checks.check("subject", text_ok(&subject, super::SUBJECT_MAX));
        checks.check("body", text_ok(&body, super::BODY_MAX));
        // A guest's address: their order's or request's, or the one typed.
        let guest_email = match (&user, &order, &request) {
            (Some(_), _, _) => None,
            (None, Some(n), _) => Some(guest_email(&pool, true, n, token.as_deref()).await?),
            (None, None, Some(n)) => Some(guest_email(&pool, false, n, token.as_deref()).await?),
            (None, None, None) => {
                let typed = email.unwrap_or_default();
                checks.check("email", crate::accounts::check_email(&typed));
                Some(crate::accounts::normalize_email(&typed))
            }
        };
        checks.finish()?;
        if key.is_empty() || key.len() > 64 {
            return Err(AppError::BadRequest);
        }
        if user.is_none() {
            claim_guest_ticket(&pool).await?;
        }
        // The costly part, after every cheap refusal.
        let mut decoded = Vec::with_capacity(photos.len());
        for bytes in photos {
            decoded.push(crate::media::photo::decode_photo(bytes).await?);
        }
        let lang = crate::locale::locale_pair(&lang).0;
        let new = super::db::NewTicket {
            user_id: user.as_ref().map(|u| u.id),
            guest_email: guest_email.as_deref(),
            key: &key,
            lang,
            category: category.unwrap_or(super::TicketCategory::Other),
            subject: &subject,
            body: &body,
            order_number: order.as_deref(),
            request_number: request.as_deref(),
            product_slug: product.as_deref(),
            photos: &decoded,
        };
        let mut tx = pool.begin().await?;
        let number = super::db::open(&mut tx, &new, server::now()?).await?;
        tx.commit().await?;
        let token = if user.is_none() {
            let key = server::state()?.secrets().await?.order_links.clone();
            Some(super::db::ticket_token(&key, &number))
        } else {
            None
        };
        Ok(Opened { number, token })
    })
    .await
}

/// The customer replies (a resolved ticket opens again).
#[server(endpoint = "ticket/reply", input = Json)]
pub async fn reply_ticket(
    number: String,
    token: Option<String>,
    body: String,
    key: String,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let who = viewer(&number, token.as_deref()).await?;
        text_ok(&body, super::BODY_MAX).map_err(|k| AppError::invalid("body", k))?;
        if key.is_empty() || key.len() > 64 {
            return Err(AppError::BadRequest);
        }
        let user_id = match who {
            super::db::Viewer::Shopper(id) => Some(id),
            _ => None,
        };
        let key = format!("c:{number}:{key}");
        let mut tx = server::pool()?.begin().await?;
        let mut t = super::db::lock(&mut tx, &number, who).await?;
        super::db::reply(
            &mut tx,
            &mut t,
            super::Author::Customer,
            user_id,
            &body,
            Some(&key),
            server::now()?,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The customer rates the help on a resolved ticket, which closes it.
#[server(endpoint = "ticket/rate", input = Json)]
pub async fn rate_ticket(
    number: String,
    token: Option<String>,
    rating: i16,
    comment: String,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let who = viewer(&number, token.as_deref()).await?;
        if comment.chars().count() > super::COMMENT_MAX {
            return Err(AppError::invalid(
                "comment",
                crate::error::ErrorKey::TooLong,
            ));
        }
        if !(1..=5).contains(&rating) {
            return Err(AppError::invalid(
                "rating",
                crate::error::ErrorKey::ChoiceInvalid,
            ));
        }
        let mut tx = server::pool()?.begin().await?;
        let mut t = super::db::lock(&mut tx, &number, who).await?;
        super::db::rate(&mut tx, &mut t, rating, &comment, server::now()?).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Reads the contact form's fields, each within its limit: a photo over
/// the image limit or more than `MAX_PHOTOS` photos is refused as soon as
/// it is seen, before the rest is read.
#[cfg(feature = "ssr")]
async fn read_form(data: MultipartData) -> Result<TicketForm, AppError> {
    use crate::error::ErrorKey;
    // Four bytes a character at most, and room for the longest field.
    const TEXT_BYTES: usize = 4 * super::BODY_MAX + 64;
    let mut data = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut f = TicketForm::default();
    let unreadable = |_| AppError::BadRequest;
    while let Some(mut field) = data.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_string();
        let photo = name == "photos";
        let limit = if photo {
            crate::media::db::MAX_IMAGE_BYTES
        } else {
            TEXT_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > limit {
                return Err(if photo {
                    AppError::invalid("photos", ErrorKey::PhotoInvalid)
                } else {
                    AppError::BadRequest
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if photo {
            // An empty file input still sends one empty part.
            if bytes.is_empty() {
                continue;
            }
            if f.photos.len() == super::MAX_PHOTOS {
                return Err(AppError::invalid("photos", ErrorKey::TicketPhotos));
            }
            f.photos.push(bytes);
            continue;
        }
        let value = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
        let given = || Some(value.clone()).filter(|v| !v.trim().is_empty());
        match name.as_str() {
            "category" => f.category = value,
            "subject" => f.subject = value,
            "body" => f.body = value,
            "order" => f.order = given(),
            "request" => f.request = given(),
            "product" => f.product = given(),
            "t" => f.token = given(),
            "email" => f.email = given(),
            "lang" => f.lang = value,
            "key" => f.key = value,
            _ => {}
        }
    }
    Ok(f)
}

/// Some text, and not too much of it.
#[cfg(feature = "ssr")]
fn text_ok(text: &str, max: usize) -> Result<(), crate::error::ErrorKey> {
    use crate::error::ErrorKey;
    let text = text.trim();
    if text.is_empty() {
        Err(ErrorKey::Required)
    } else if text.chars().count() > max {
        Err(ErrorKey::TooLong)
    } else {
        Ok(())
    }
}

/// The address of guest order `number` (or of the guest order request
/// `number` is on, when not `order`), if `token` is its link's secret.
#[cfg(feature = "ssr")]
async fn guest_email(
    pool: &sqlx::PgPool,
    order: bool,
    number: &str,
    token: Option<&str>,
) -> Result<String, AppError> {
    let key = crate::server::state()?.secrets().await?.order_links.clone();
    crate::aftersales::db::owner::from_link(&key, order, number, token.unwrap_or(""))?;
    if order {
        super::db::guest_order_email(pool, number).await
    } else {
        super::db::guest_request_email(pool, number).await
    }
}

/// Counts a guest's ticket (each sends an e-mail to the address typed)
/// against the network's hourly limit on e-mails it may cause.
#[cfg(feature = "ssr")]
async fn claim_guest_ticket(pool: &sqlx::PgPool) -> Result<(), AppError> {
    use crate::server;
    let limit = server::settings()?.limits.account_mail_per_hour;
    let bucket = server::ip_bucket(server::client_ip().await.as_deref());
    server::throttle::claim(
        pool,
        "guest_ticket",
        &bucket,
        limit,
        std::time::Duration::from_secs(3600),
        crate::error::ErrorKey::TooManyRequests,
    )
    .await
}
