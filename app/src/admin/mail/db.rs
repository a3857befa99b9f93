//! SQL for the mail page: the undeliverable and test messages, and the
//! audited changes staff make to them (retry, discard, a test send).
use super::{DEAD_SHOWN, Delivery, MailItem, MailOverview, TESTS_SHOWN};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::AppError;
use crate::notify::Event;
use crate::server::Staff;
use crate::server::outbox::{self, Category, Channel, NewMessage, OutboxStatus};
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// An outbox row as the page reads it.
struct Row {
    id: i64,
    event: String,
    payload: Value,
    to: String,
    status: OutboxStatus,
    attempts: i32,
    last_error: Option<String>,
    unix: i64,
}

fn item(r: Row, locale: &str) -> MailItem {
    let subject = Event::parse(&r.event).map_or_else(
        || r.event.clone(),
        |e| crate::notify::text::write(e, locale, &r.payload).subject,
    );
    MailItem {
        id: r.id,
        subject,
        to: r.to,
        delivery: match r.status {
            OutboxStatus::Pending if r.attempts == 0 => Delivery::Waiting,
            OutboxStatus::Pending => Delivery::Retrying,
            OutboxStatus::Sent => Delivery::Sent,
            OutboxStatus::Dead => Delivery::Undeliverable,
            OutboxStatus::Discarded => Delivery::Discarded,
        },
        attempts: r.attempts,
        last_error: r.last_error,
        at: crate::shop_time::display_local(r.unix),
    }
}

/// The newest undeliverable messages, the newest test e-mails, and how
/// many messages wait to be sent at `now`; subjects in `locale`.
pub async fn overview(
    pool: &PgPool,
    locale: &str,
    now: OffsetDateTime,
) -> Result<MailOverview, AppError> {
    // An inbox message has no address: its account's e-mail names it.
    let dead = sqlx::query_as!(
        Row,
        r#"SELECT o.id, o.event, o.payload,
                  COALESCE(NULLIF(o.address, ''), u.email, '') AS "to!",
                  o.status AS "status: OutboxStatus", o.attempts, o.last_error,
                  extract(epoch FROM o.created_at)::bigint AS "unix!"
             FROM outbox o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.status = 'dead' ORDER BY o.id DESC LIMIT $1"#,
        DEAD_SHOWN
    )
    .fetch_all(pool)
    .await?;
    let tests = sqlx::query_as!(
        Row,
        r#"SELECT id, event, payload, address AS "to!",
                  status AS "status: OutboxStatus", attempts, last_error,
                  extract(epoch FROM created_at)::bigint AS "unix!"
             FROM outbox WHERE event = 'mail_test' ORDER BY id DESC LIMIT $1"#,
        TESTS_SHOWN
    )
    .fetch_all(pool)
    .await?;
    let counts = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE status = 'dead') AS "dead!",
                  count(*) FILTER (WHERE status = 'pending' AND due_at <= $1) AS "waiting!"
             FROM outbox WHERE status IN ('dead', 'pending')"#,
        now
    )
    .fetch_one(pool)
    .await?;
    Ok(MailOverview {
        dead: dead.into_iter().map(|r| item(r, locale)).collect(),
        dead_total: counts.dead,
        tests: tests.into_iter().map(|r| item(r, locale)).collect(),
        waiting: counts.waiting,
    })
}

/// The message as the log records it (its delivery state), locked.
async fn snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        r#"SELECT o.status AS "status: OutboxStatus", o.event,
                  COALESCE(NULLIF(o.address, ''), u.email, '') AS "to!"
             FROM outbox o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.id = $1 FOR UPDATE OF o"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("message", id, format!("{} {}", r.event, r.to)),
        state: json!({ "delivery": r.status.as_str() }),
    }))
}

/// Sends an undeliverable message again: due at once, its tries counted
/// afresh. A conflict unless it is undeliverable.
pub async fn retry(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::MailRetry,
        async |conn: &mut PgConnection, _: Option<&()>| snapshot(conn, id).await,
        async |conn: &mut PgConnection| outbox::retry_dead(conn, id, now).await,
    )
    .await
}

/// Drops an undeliverable message. A conflict unless it is undeliverable.
pub async fn discard(pool: &PgPool, staff: &Staff, id: i64) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::MailDiscard,
        async |conn: &mut PgConnection, _: Option<&()>| snapshot(conn, id).await,
        async |conn: &mut PgConnection| outbox::discard_dead(conn, id).await,
    )
    .await
}

/// Writes a test e-mail to `to` (checked and normalised) in `locale`,
/// through the outbox like every message, so the page can show what the
/// mail server made of it. At most one per staff member, address and
/// minute: a repeated request (a double click, a retried post) sends
/// nothing more.
pub async fn test_send(
    pool: &PgPool,
    staff: &Staff,
    to: &str,
    locale: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let key = format!(
        "mail-test:{}:{to}:{}",
        staff.user.id,
        now.unix_timestamp() / 60
    );
    audited(
        pool,
        staff.into(),
        AuditAction::MailTest,
        async |conn: &mut PgConnection, id: Option<&i64>| match id {
            Some(id) => snapshot(conn, *id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            outbox::enqueue(
                conn,
                &NewMessage {
                    key: &key,
                    event: Event::MailTest.name(),
                    channel: Channel::Email,
                    category: Category::System,
                    user_id: None,
                    address: to,
                    locale: crate::locale::locale_pair(locale).0,
                    payload: json!({ "staff": staff.user.email, "path": "/admin/mail" }),
                },
            )
            .await?;
            Ok(
                sqlx::query_scalar!("SELECT id FROM outbox WHERE key = $1", key)
                    .fetch_one(&mut *conn)
                    .await?,
            )
        },
    )
    .await
    .map(|_| ())
}
