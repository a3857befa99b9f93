//! SQL for tickets. Every change runs inside the caller's transaction and
//! starts from [`lock`]; every status change is one UPDATE that repeats the
//! state machine in its WHERE clause and keeps the SLA's pause accounting
//! in step (`set_status`). Times come from the caller's clock.
pub mod reads;

use super::{Author, Priority, TicketCategory, TicketStatus};
use crate::error::{AppError, ErrorKey};
use crate::notify::Event;
use sqlx::PgConnection;
use time::OffsetDateTime;

/// Who is asking: the customer whose ticket it must be, or staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// A signed-in shopper: only their own tickets exist for them.
    Shopper(i64),
    /// A guest holding the ticket's signed link (`ticket_token`): only a
    /// guest's ticket opens with it, never an account's.
    Guest,
    Staff,
}

impl Viewer {
    /// (staff, the shopper, a guest's link) for the SQL guards.
    fn parts(self) -> (bool, Option<i64>, bool) {
        match self {
            Viewer::Shopper(id) => (false, Some(id), false),
            Viewer::Guest => (false, None, true),
            Viewer::Staff => (true, None, false),
        }
    }
}

/// Bytes of the HMAC kept in a guest's ticket link (32 hex characters).
const TOKEN_BYTES: usize = 16;

/// The secret in a guest's ticket link: an HMAC of the ticket's number
/// under the key of guests' order links, signed for tickets only.
pub fn ticket_token(key: &[u8], number: &str) -> String {
    crate::server::sign(key, format!("ticket:{number}").as_bytes())[..TOKEN_BYTES * 2].to_string()
}

/// Whether `token` is the link's secret for ticket `number` (constant time).
pub fn ticket_token_ok(key: &[u8], number: &str, token: &str) -> bool {
    crate::server::verify_truncated(
        key,
        format!("ticket:{number}").as_bytes(),
        token,
        TOKEN_BYTES,
    )
}

/// A new ticket, as the contact form sends it.
#[derive(Clone)]
pub struct NewTicket<'a> {
    /// The shopper, or None for a guest (then `guest_email` is required).
    pub user_id: Option<i64>,
    pub guest_email: Option<&'a str>,
    /// The form's key; a retry finds the ticket already opened.
    pub key: &'a str,
    pub lang: &'a str,
    pub category: TicketCategory,
    pub subject: &'a str,
    pub body: &'a str,
    /// The order it is about, by number: the customer's own, or it is
    /// refused as missing.
    pub order_number: Option<&'a str>,
    /// The after-sales request it is about, by number: the customer's own
    /// (its order is linked with it). Not together with `order_number`.
    pub request_number: Option<&'a str>,
    /// The product it is about, by slug: a listed one.
    pub product_slug: Option<&'a str>,
    /// Photos with the first message, decoded and checked
    /// (`media::photo::decode_photo`): at most `MAX_PHOTOS`.
    pub photos: &'a [(Vec<u8>, crate::media::db::Prepared)],
}

/// A ticket, locked for a change.
#[derive(Debug, Clone)]
pub struct Locked {
    pub id: i64,
    pub number: String,
    pub status: TicketStatus,
    pub first_responded: bool,
    pub rated: bool,
}

/// Opens a ticket with its first message. The key is prefixed with the
/// owner, so one customer's key never finds another's ticket; a retry of
/// the same form answers the ticket it opened.
pub async fn open(
    conn: &mut PgConnection,
    t: &NewTicket<'_>,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    let owner = match (t.user_id, t.guest_email) {
        (Some(id), _) => format!("u{id}"),
        (None, Some(email)) => format!("g{}", email.to_lowercase()),
        (None, None) => return Err(AppError::BadRequest),
    };
    let key = format!("{owner}:{}", t.key);
    if let Some(number) =
        sqlx::query_scalar!("SELECT number FROM tickets WHERE idempotency_key = $1", key)
            .fetch_optional(&mut *conn)
            .await?
    {
        return Ok(number);
    }
    let (order_id, request_id) = match (t.order_number, t.request_number) {
        (Some(_), Some(_)) => return Err(AppError::BadRequest),
        (Some(n), None) => (
            Some(owned_order(conn, n, t.user_id, t.guest_email).await?),
            None,
        ),
        (None, Some(n)) => {
            let r = owned_request(conn, n, t.user_id, t.guest_email).await?;
            (Some(r.order_id), Some(r.id))
        }
        (None, None) => (None, None),
    };
    let product_id = match t.product_slug {
        Some(slug) => Some(listed_product(conn, slug).await?),
        None => None,
    };
    let row = sqlx::query!(
        r#"INSERT INTO tickets (number, user_id, guest_email, idempotency_key, lang, category,
                                subject, order_id, request_id, product_id, created_at,
                                updated_at)
           VALUES ('TK' || to_char(shop_local($10), 'YYYYMMDD') || '-'
                        || lpad(nextval('ticket_number_seq')::text, 6, '0'),
                   $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
           RETURNING id, number"#,
        t.user_id,
        t.guest_email.map(str::to_lowercase),
        key,
        t.lang,
        t.category as TicketCategory,
        t.subject.trim(),
        order_id,
        request_id,
        product_id,
        now,
    )
    .fetch_one(&mut *conn)
    .await?;
    let message =
        write_message(conn, row.id, Author::Customer, t.user_id, t.body, None, now).await?;
    attach_photos(conn, message, t.photos).await?;
    // A receipt, which for a guest carries the ticket's link.
    crate::notify::db::ticket(conn, row.id, Event::TicketOpened, None).await?;
    Ok(row.number)
}

/// Stores `photos` and puts them, in their order, on `message`.
async fn attach_photos(
    conn: &mut PgConnection,
    message: i64,
    photos: &[(Vec<u8>, crate::media::db::Prepared)],
) -> Result<(), AppError> {
    if photos.len() > super::MAX_PHOTOS {
        return Err(AppError::invalid(
            "photos",
            crate::error::ErrorKey::TicketPhotos,
        ));
    }
    for (position, (bytes, prepared)) in photos.iter().enumerate() {
        let image = crate::media::db::insert_prepared(conn, bytes, prepared).await?;
        sqlx::query!(
            "INSERT INTO ticket_photos (message_id, image_id, position) VALUES ($1, $2, $3)",
            message,
            image,
            position as i32,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The address a guest order was placed with.
pub async fn guest_order_email(pool: &sqlx::PgPool, number: &str) -> Result<String, AppError> {
    sqlx::query_scalar!(
        "SELECT guest_email FROM orders WHERE number = $1 AND user_id IS NULL",
        number
    )
    .fetch_optional(pool)
    .await?
    .flatten()
    .ok_or(AppError::NotFound)
}

/// The id of order `number` if it is the customer's: an account's own, or
/// a guest order placed with that address. Another's answers as missing.
async fn owned_order(
    conn: &mut PgConnection,
    number: &str,
    user_id: Option<i64>,
    guest_email: Option<&str>,
) -> Result<i64, AppError> {
    sqlx::query_scalar!(
        "SELECT id FROM orders
          WHERE number = $1
            AND (user_id = $2 OR (user_id IS NULL AND lower(guest_email) = lower($3)))",
        number,
        user_id,
        guest_email,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// An after-sales request a ticket may be about, and the order it is on.
struct OwnedRequest {
    id: i64,
    order_id: i64,
}

/// Request `number` if it is the customer's: an account's own, or one on a
/// guest order placed with that address. Another's answers as missing.
async fn owned_request(
    conn: &mut PgConnection,
    number: &str,
    user_id: Option<i64>,
    guest_email: Option<&str>,
) -> Result<OwnedRequest, AppError> {
    sqlx::query_as!(
        OwnedRequest,
        "SELECT r.id, r.order_id
           FROM after_sales_requests r
           JOIN orders o ON o.id = r.order_id
          WHERE r.number = $1
            AND (r.user_id = $2
                 OR (r.user_id IS NULL AND o.user_id IS NULL
                     AND lower(o.guest_email) = lower($3)))",
        number,
        user_id,
        guest_email,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The id of product `slug` if shoppers can see it; else it is missing.
async fn listed_product(conn: &mut PgConnection, slug: &str) -> Result<i64, AppError> {
    sqlx::query_scalar!("SELECT id FROM products WHERE slug = $1 AND listed", slug)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The address of the guest order a guest's request `number` is on.
pub async fn guest_request_email(pool: &sqlx::PgPool, number: &str) -> Result<String, AppError> {
    sqlx::query_scalar!(
        "SELECT o.guest_email
           FROM after_sales_requests r
           JOIN orders o ON o.id = r.order_id
          WHERE r.number = $1 AND r.user_id IS NULL AND o.user_id IS NULL",
        number
    )
    .fetch_optional(pool)
    .await?
    .flatten()
    .ok_or(AppError::NotFound)
}

/// Locks ticket `number` for a change, if `viewer` may see it. Another
/// customer's ticket answers as a missing one, so numbers tell nothing.
pub async fn lock(
    conn: &mut PgConnection,
    number: &str,
    viewer: Viewer,
) -> Result<Locked, AppError> {
    let (staff, user, guest) = viewer.parts();
    sqlx::query_as!(
        Locked,
        r#"SELECT id, number, status AS "status: TicketStatus",
                  first_responded_at IS NOT NULL AS "first_responded!",
                  rating IS NOT NULL AS "rated!"
             FROM tickets
            WHERE number = $1
              AND ($2 OR user_id = $3 OR ($4 AND user_id IS NULL))
              FOR UPDATE"#,
        number,
        staff,
        user,
        guest,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Moves the ticket to `next`. The WHERE clause repeats the state machine,
/// so a race or a retry applies once; the others get a conflict. Entering
/// `Waiting` stops the SLA clocks; leaving it adds the wait to
/// `paused_secs`, which pushes the resolution deadline back by as much.
pub async fn set_status(
    conn: &mut PgConnection,
    t: &mut Locked,
    next: TicketStatus,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let from = TicketStatus::sources(next);
    let done = sqlx::query!(
        "UPDATE tickets
            SET status = $2, updated_at = $3,
                paused_secs = paused_secs + CASE
                    WHEN paused_at IS NOT NULL AND $2 <> 'waiting'
                    THEN GREATEST(0, floor(extract(epoch FROM $3 - paused_at)))::bigint
                    ELSE 0 END,
                paused_at = CASE WHEN $2 = 'waiting' THEN COALESCE(paused_at, $3) END,
                resolved_at = CASE WHEN $2 = 'resolved' THEN $3
                                   WHEN $2 = 'closed' THEN resolved_at END,
                closed_at = CASE WHEN $2 = 'closed' THEN $3 END
          WHERE id = $1 AND status = ANY($4)",
        t.id,
        next as TicketStatus,
        now,
        &from[..] as &[TicketStatus],
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(ErrorKey::TicketStateChanged));
    }
    t.status = next;
    Ok(())
}

/// What a reply did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replied {
    pub message_id: i64,
    /// The ticket's status after the reply.
    pub status: TicketStatus,
}

/// Writes a reply (or, with `Author::Note`, staff's private note) and moves
/// the ticket as a reply from that side does (`TicketStatus::after_reply`).
/// Staff's first public reply stops the first-response clock, and the
/// customer is told (inbox and e-mail). With a `key`, a retried reply
/// writes nothing more and answers the first one.
pub async fn reply(
    conn: &mut PgConnection,
    t: &mut Locked,
    by: Author,
    author_id: Option<i64>,
    body: &str,
    key: Option<&str>,
    now: OffsetDateTime,
) -> Result<Replied, AppError> {
    if let Some(k) = key
        && let Some(id) = sqlx::query_scalar!(
            "SELECT id FROM ticket_messages WHERE idempotency_key = $1 AND ticket_id = $2",
            k,
            t.id
        )
        .fetch_optional(&mut *conn)
        .await?
    {
        return Ok(Replied {
            message_id: id,
            status: t.status,
        });
    }
    if !t.status.accepts_replies() {
        return Err(AppError::Conflict(ErrorKey::TicketStateChanged));
    }
    let message_id = write_message(conn, t.id, by, author_id, body, key, now).await?;
    if let Some(next) = t.status.after_reply(by) {
        set_status(conn, t, next, now).await?;
    }
    if by == Author::Staff {
        if !t.first_responded {
            sqlx::query!(
                "UPDATE tickets SET first_responded_at = $2 WHERE id = $1",
                t.id,
                now
            )
            .execute(&mut *conn)
            .await?;
            t.first_responded = true;
        }
        let occasion = format!("m{message_id}");
        crate::notify::db::ticket(conn, t.id, Event::TicketReply, Some(&occasion)).await?;
    }
    // Any message counts as the ticket's latest activity.
    sqlx::query!(
        "UPDATE tickets SET updated_at = $2 WHERE id = $1",
        t.id,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(Replied {
        message_id,
        status: t.status,
    })
}

async fn write_message(
    conn: &mut PgConnection,
    ticket_id: i64,
    by: Author,
    author_id: Option<i64>,
    body: &str,
    key: Option<&str>,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        "INSERT INTO ticket_messages (ticket_id, author, author_id, body, idempotency_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        ticket_id,
        by as Author,
        author_id,
        body.trim(),
        key,
        now,
    )
    .fetch_one(conn)
    .await?)
}

/// Staff mark the ticket answered; the customer is asked to rate it.
pub async fn resolve(
    conn: &mut PgConnection,
    t: &mut Locked,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    set_status(conn, t, TicketStatus::Resolved, now).await?;
    let occasion = now.unix_timestamp().to_string();
    crate::notify::db::ticket(conn, t.id, Event::TicketResolved, Some(&occasion)).await
}

/// The customer rates a resolved ticket (1–5, an optional comment), which
/// closes it. Rated once: a second rating is a conflict.
pub async fn rate(
    conn: &mut PgConnection,
    t: &mut Locked,
    rating: i16,
    comment: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if !(1..=5).contains(&rating) || comment.chars().count() > super::COMMENT_MAX {
        return Err(AppError::BadRequest);
    }
    if t.rated || t.status != TicketStatus::Resolved {
        return Err(AppError::Conflict(ErrorKey::TicketStateChanged));
    }
    let comment = comment.trim();
    sqlx::query!(
        "UPDATE tickets SET rating = $2, rating_comment = NULLIF($3, ''), rated_at = $4
          WHERE id = $1 AND status = 'resolved' AND rating IS NULL",
        t.id,
        rating,
        comment,
        now,
    )
    .execute(&mut *conn)
    .await?;
    t.rated = true;
    set_status(conn, t, TicketStatus::Closed, now).await
}

/// Assigns the ticket to `assignee` (None: to nobody). The assignee must
/// be staff who may work tickets. Taking up a new ticket opens it.
pub async fn assign(
    conn: &mut PgConnection,
    t: &mut Locked,
    assignee: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if let Some(id) = assignee {
        let may = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM users u
                               JOIN role_permissions rp ON rp.role = u.role
                              WHERE u.id = $1 AND u.disabled_at IS NULL
                                AND rp.permission = 'ticket.work') AS "may!""#,
            id
        )
        .fetch_one(&mut *conn)
        .await?;
        if !may {
            return Err(AppError::BadRequest);
        }
    }
    sqlx::query!(
        "UPDATE tickets SET assignee_id = $2, updated_at = $3 WHERE id = $1",
        t.id,
        assignee,
        now
    )
    .execute(&mut *conn)
    .await?;
    if assignee.is_some() && t.status == TicketStatus::New {
        set_status(conn, t, TicketStatus::Open, now).await?;
    }
    Ok(())
}

/// Changes how soon the shop must answer; the deadlines follow at once.
pub async fn set_priority(
    conn: &mut PgConnection,
    t: &Locked,
    priority: Priority,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE tickets SET priority = $2, updated_at = $3 WHERE id = $1",
        t.id,
        priority as Priority,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How long a resolved ticket stays open to a reply or a rating.
pub const CLOSE_AFTER: time::Duration = time::Duration::days(7);

/// Closes tickets resolved more than [`CLOSE_AFTER`] before `now` that the
/// customer neither rated nor reopened. Returns how many.
pub async fn close_resolved_at(pool: &sqlx::PgPool, now: OffsetDateTime) -> Result<u64, AppError> {
    Ok(sqlx::query!(
        "UPDATE tickets SET status = 'closed', closed_at = $2, updated_at = $2
          WHERE status = 'resolved' AND resolved_at < $1",
        now - CLOSE_AFTER,
        now
    )
    .execute(pool)
    .await?
    .rows_affected())
}
