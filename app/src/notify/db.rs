//! SQL for notifications: what a change to an order writes to the outbox
//! (in the change's own transaction), and the inbox a shopper reads.
use super::{Event, Tab};
use crate::error::AppError;
use crate::server::outbox::{Category, Channel, NewMessage, enqueue};
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

/// Who hears about an order, and what its messages may mention.
struct Recipient {
    number: String,
    /// The account, unless it is a guest's order (or the account is gone).
    user_id: Option<i64>,
    /// The account's address, or the guest's.
    email: String,
    /// The account's display name, to greet them by.
    name: Option<String>,
    locale: String,
    total_minor: i64,
    currency: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
    cancel_reason: Option<String>,
}

/// Tells the order's shopper about `event`: an inbox message for an
/// account and an e-mail to the order's address, both in their language.
/// Call it inside the change's transaction, after the change: it writes
/// nothing if the change rolls back, and a retried change (same `event`
/// and `occasion`) writes nothing more. `occasion` tells apart events that
/// may happen more than once to one order (each refund); `extra` adds to
/// the payload (a refund's amount).
pub async fn order(
    conn: &mut PgConnection,
    order_id: i64,
    event: Event,
    occasion: Option<&str>,
    extra: Value,
) -> Result<(), AppError> {
    let r = sqlx::query_as!(
        Recipient,
        r#"SELECT o.number, u.id AS "user_id?", COALESCE(u.email, o.guest_email, '') AS "email!",
                  u.display_name AS "name?",
                  COALESCE(u.locale, o.lang) AS "locale!", o.total_minor, o.currency,
                  o.carrier, o.tracking_number, o.cancel_reason
             FROM orders o LEFT JOIN users u ON u.id = o.user_id AND u.disabled_at IS NULL
            WHERE o.id = $1"#,
        order_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut payload = json!({
        "number": r.number,
        "total_minor": r.total_minor,
        "currency": r.currency,
        "carrier": r.carrier,
        "tracking": r.tracking_number,
        "reason": r.cancel_reason,
        "name": r.name,
    });
    if let (Some(p), Value::Object(more)) = (payload.as_object_mut(), extra) {
        p.extend(more);
    }
    let stem = stem("order", &r.number, event, occasion);
    let to = To {
        user_id: r.user_id,
        email: &r.email,
        locale: &r.locale,
    };
    // A shopper's own orders: never switched off.
    fan_out_to(conn, &stem, event, Category::Orders, &to, payload).await
}

/// Who a message about an order or a request goes to.
pub(super) struct To<'a> {
    /// The account, unless it is a guest's (or the account is gone).
    pub user_id: Option<i64>,
    /// The account's address, or the guest's.
    pub email: &'a str,
    pub locale: &'a str,
}

/// An inbox message (for an account) and an e-mail, keyed `<stem>:<channel>`.
pub(super) async fn fan_out_to(
    conn: &mut PgConnection,
    stem: &str,
    event: Event,
    category: Category,
    to: &To<'_>,
    payload: Value,
) -> Result<(), AppError> {
    // Only the two languages the templates are written in.
    let locale = crate::locale::locale_pair(to.locale).0;
    let mut channels = Vec::new();
    if to.user_id.is_some() {
        channels.push((Channel::Inbox, ""));
    }
    if !to.email.is_empty() {
        channels.push((Channel::Email, to.email));
    }
    for (channel, address) in channels {
        let key = format!("{stem}:{}", channel_name(channel));
        enqueue(
            conn,
            &NewMessage {
                key: &key,
                event: event.name(),
                channel,
                category,
                user_id: to.user_id,
                address,
                locale,
                payload: payload.clone(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Tells the shopper of after-sales request `request` (its number) about
/// `event`, like [`order`]: inside the change's transaction, once per
/// `event` and `occasion` (a deadline warning names its deadline, so an
/// extended one is warned about again). An account's messages link to the
/// request's page; a guest's e-mail to the order's secret link, where
/// their requests are.
pub async fn after_sales(
    conn: &mut PgConnection,
    request: &str,
    event: Event,
    occasion: Option<&str>,
) -> Result<(), AppError> {
    let r = sqlx::query!(
        r#"SELECT r.number AS request, o.number, u.id AS "user_id?",
                  COALESCE(u.email, o.guest_email, '') AS "email!", u.display_name AS "name?",
                  COALESCE(u.locale, o.lang) AS "locale!", r.refund_minor, r.currency,
                  extract(epoch FROM r.deadline_at)::bigint AS deadline,
                  (SELECT e.note FROM after_sales_events e
                    WHERE e.request_id = r.id AND e.note <> ''
                    ORDER BY e.id DESC LIMIT 1) AS "note?"
             FROM after_sales_requests r JOIN orders o ON o.id = r.order_id
             LEFT JOIN users u ON u.id = o.user_id AND u.disabled_at IS NULL
            WHERE r.number = $1"#,
        request
    )
    .fetch_one(&mut *conn)
    .await?;
    // An approval with no deadline is a refund only, paid in the same
    // step: the refund's message says it all.
    if event == Event::AfterSalesApproved && r.deadline.is_none() {
        return Ok(());
    }
    let payload = json!({
        "number": r.number,
        "request": r.request,
        "amount_minor": r.refund_minor,
        "currency": r.currency,
        "deadline": r.deadline.map(crate::shop_time::display_local),
        "note": r.note,
        "name": r.name,
        "path": r.user_id.map(|_| format!("/after-sales/{}", r.request)),
    });
    let stem = stem("after_sales", &r.request, event, occasion);
    let to = To {
        user_id: r.user_id,
        email: &r.email,
        locale: &r.locale,
    };
    // A shopper's own after-sales: never switched off.
    fan_out_to(conn, &stem, event, Category::AfterSales, &to, payload).await
}

/// Tells a ticket's customer about `event` (a reply from customer
/// service, the ticket resolved): an inbox message for an account and an
/// e-mail, in the language of the account (or the one the guest wrote
/// in), once per `occasion` (each reply is one). A reply's message quotes
/// its start, so the shopper reads the answer without opening the shop.
pub async fn ticket(
    conn: &mut PgConnection,
    ticket_id: i64,
    event: Event,
    occasion: Option<&str>,
) -> Result<(), AppError> {
    let r = sqlx::query!(
        r#"SELECT t.number, t.subject, u.id AS "user_id?",
                  COALESCE(u.email, t.guest_email, '') AS "email!", u.display_name AS "name?",
                  COALESCE(u.locale, t.lang) AS "locale!",
                  (SELECT m.body FROM ticket_messages m
                    WHERE m.ticket_id = t.id AND m.author = 'staff'
                    ORDER BY m.id DESC LIMIT 1) AS "reply?"
             FROM tickets t LEFT JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
            WHERE t.id = $1"#,
        ticket_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let payload = json!({
        "ticket": r.number,
        "subject": r.subject,
        "excerpt": r.reply.as_deref().map(excerpt),
        "name": r.name,
        "path": r.user_id.map(|_| format!("/tickets/{}", r.number)),
    });
    let stem = stem("ticket", &r.number, event, occasion);
    let to = To {
        user_id: r.user_id,
        email: &r.email,
        locale: &r.locale,
    };
    fan_out_to(conn, &stem, event, Category::Service, &to, payload).await
}

/// Tells shopper `user_id` about their points (`event`: credited or about
/// to expire), in the inbox and by e-mail in their language, once per
/// `stem` (a grant names its own). Inside the change's transaction.
pub async fn points(
    conn: &mut PgConnection,
    user_id: i64,
    event: Event,
    stem: &str,
    payload: Value,
) -> Result<(), AppError> {
    let to = (Category::System, "/account#points");
    shopper(conn, user_id, event, to, stem, payload).await
}

/// Tells shopper `user_id` a coupon is in their wallet (`stem`: the grant),
/// unless they switched promotions off. Inside the grant's transaction.
pub async fn coupon(
    conn: &mut PgConnection,
    user_id: i64,
    stem: &str,
    payload: Value,
) -> Result<(), AppError> {
    let to = (Category::Promotions, "/account#coupons");
    shopper(conn, user_id, Event::CouponReceived, to, stem, payload).await
}

/// A message to an account holder about their account (`path`: the page
/// it links to), in the inbox and by e-mail; nothing for an account that
/// is disabled or erased.
async fn shopper(
    conn: &mut PgConnection,
    user_id: i64,
    event: Event,
    (category, path): (Category, &str),
    stem: &str,
    mut payload: Value,
) -> Result<(), AppError> {
    let Some(u) = sqlx::query!(
        "SELECT email, display_name, locale FROM users
          WHERE id = $1 AND disabled_at IS NULL AND erased_at IS NULL",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(());
    };
    payload["name"] = json!(u.display_name);
    payload["path"] = json!(path);
    let to = To {
        user_id: Some(user_id),
        email: &u.email,
        locale: &u.locale,
    };
    fan_out_to(conn, stem, event, category, &to, payload).await
}

/// The start of a reply, for a message's body: up to 280 characters.
fn excerpt(body: &str) -> String {
    const MAX: usize = 280;
    let body = body.trim();
    match body.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &body[..cut]),
        None => body.to_string(),
    }
}

/// The key stem of `event` about thing `id` of `kind` ("order", "ticket"):
/// one message per thing, event and `occasion` (each refund, each reply).
fn stem(kind: &str, id: &str, event: Event, occasion: Option<&str>) -> String {
    match occasion {
        Some(o) => format!("{kind}:{id}:{}:{o}", event.name()),
        None => format!("{kind}:{id}:{}", event.name()),
    }
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Inbox => "inbox",
        Channel::Sms => "sms",
    }
}

/// An inbox row as stored.
pub struct InboxRow {
    pub id: i64,
    pub category: Category,
    pub event: String,
    pub payload: Value,
    pub read: bool,
    pub unix: i64,
}

/// The shopper's newest messages in `tab`.
pub async fn inbox(pool: &PgPool, user_id: i64, tab: Tab) -> Result<Vec<InboxRow>, AppError> {
    let category = (tab != Tab::All).then(|| tab.as_str());
    Ok(sqlx::query_as!(
        InboxRow,
        r#"SELECT id, category AS "category: Category", event, payload,
                  read_at IS NOT NULL AS "read!",
                  extract(epoch FROM created_at)::bigint AS "unix!"
             FROM inbox_messages
            WHERE user_id = $1 AND ($2::text IS NULL OR category = $2)
            ORDER BY id DESC LIMIT $3"#,
        user_id,
        category,
        super::INBOX_PAGE,
    )
    .fetch_all(pool)
    .await?)
}

/// How many of the shopper's messages are unread (the header's badge).
pub async fn unread(pool: &PgPool, user_id: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL"#,
        user_id
    )
    .fetch_one(pool)
    .await?)
}

/// Marks one of the shopper's own messages read; another's, or none, is
/// "not found" (the same answer, so ids tell nothing).
pub async fn mark_read(pool: &PgPool, user_id: i64, id: i64) -> Result<(), AppError> {
    let found = sqlx::query_scalar!(
        "UPDATE inbox_messages SET read_at = COALESCE(read_at, now())
          WHERE id = $1 AND user_id = $2 RETURNING id",
        id,
        user_id
    )
    .fetch_optional(pool)
    .await?;
    found.map(|_| ()).ok_or(AppError::NotFound)
}

/// Marks read the shopper's messages about ticket `number` (its page was
/// opened: the replies they announced are read there).
pub async fn mark_ticket_read(pool: &PgPool, user_id: i64, number: &str) -> Result<u64, AppError> {
    Ok(sqlx::query!(
        "UPDATE inbox_messages SET read_at = now()
          WHERE user_id = $1 AND read_at IS NULL AND category = 'service'
            AND payload->>'ticket' = $2",
        user_id,
        number,
    )
    .execute(pool)
    .await?
    .rows_affected())
}

/// Marks every unread message in `tab` read.
pub async fn mark_all_read(pool: &PgPool, user_id: i64, tab: Tab) -> Result<u64, AppError> {
    let category = (tab != Tab::All).then(|| tab.as_str());
    Ok(sqlx::query!(
        "UPDATE inbox_messages SET read_at = now()
          WHERE user_id = $1 AND read_at IS NULL AND ($2::text IS NULL OR category = $2)",
        user_id,
        category,
    )
    .execute(pool)
    .await?
    .rows_affected())
}
