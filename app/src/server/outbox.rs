//! The outbox (DESIGN 4b): a change that must tell someone writes the
//! message here, in the change's own transaction ([`enqueue`]); a worker
//! later claims due messages one at a time with `FOR UPDATE SKIP LOCKED`,
//! hands each to a [`Sender`] and settles it in the same transaction
//! ([`run_due`]). Two workers never hold the same row, so each message is
//! sent once; a failure is retried with a growing delay and, after
//! [`MAX_ATTEMPTS`], parked as dead for staff to retry or discard.
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};
use std::future::Future;
use std::pin::Pin;
use time::{Duration, OffsetDateTime};

/// How a message reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Encode, sqlx::Decode)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Channel {
    Email,
    /// The in-app inbox (站内信).
    Inbox,
    Sms,
}
pg_text!(Channel);

/// What a message is about: the inbox's tabs, and what shoppers may switch
/// off (never their own orders and after-sales).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Encode, sqlx::Decode)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Category {
    Orders,
    AfterSales,
    Service,
    Promotions,
    System,
}
pg_text!(Category);

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Orders,
        Category::AfterSales,
        Category::Service,
        Category::Promotions,
        Category::System,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Orders => "orders",
            Category::AfterSales => "after_sales",
            Category::Service => "service",
            Category::Promotions => "promotions",
            Category::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Encode, sqlx::Decode)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OutboxStatus {
    Pending,
    Sent,
    /// Failed [`MAX_ATTEMPTS`] times: waits for staff.
    Dead,
    /// Dropped by staff.
    Discarded,
}
pg_text!(OutboxStatus);

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Dead => "dead",
            OutboxStatus::Discarded => "discarded",
        }
    }
}

/// Tries before a message is parked as dead.
pub const MAX_ATTEMPTS: i32 = 6;

/// The wait before try `attempts + 1`, after `attempts` failures: one
/// minute, doubling, at most six hours.
pub fn retry_delay(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(0);
    Duration::minutes(1i64 << doublings).min(Duration::hours(6))
}

/// A message to write with a change.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    /// Unique per recipient, event and channel: the same change retried
    /// writes nothing more.
    pub key: &'a str,
    pub event: &'a str,
    pub channel: Channel,
    pub category: Category,
    pub user_id: Option<i64>,
    /// E-mail address or phone number; empty for the inbox.
    pub address: &'a str,
    pub locale: &'a str,
    pub payload: serde_json::Value,
}

/// Writes `m` in the caller's transaction, due at once. Returns false when
/// a message with its key already exists, or when its account has switched
/// its category off on its channel (nothing is written). Orders,
/// after-sales and system messages always go; promotions by e-mail or SMS
/// only with the shopper's opt-in (`notification_prefs`).
pub async fn enqueue(conn: &mut PgConnection, m: &NewMessage<'_>) -> Result<bool, AppError> {
    let done = sqlx::query!(
        "INSERT INTO outbox (key, event, channel, category, user_id, address, locale, payload)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8
          WHERE $5::bigint IS NULL OR $4::text IN ('orders', 'after_sales', 'system')
             OR COALESCE((SELECT p.enabled FROM notification_prefs p
                           WHERE p.user_id = $5 AND p.category = $4 AND p.channel = $3),
                         NOT ($4::text = 'promotions' AND $3::text IN ('email', 'sms')))
         ON CONFLICT (key) DO NOTHING",
        m.key,
        m.event,
        m.channel as Channel,
        m.category as Category,
        m.user_id,
        m.address,
        m.locale,
        m.payload,
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// A message claimed by the worker.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub key: String,
    pub event: String,
    pub channel: Channel,
    pub category: Category,
    pub user_id: Option<i64>,
    pub address: String,
    pub locale: String,
    pub payload: serde_json::Value,
    /// Failed tries so far.
    pub attempts: i32,
}

/// Delivers one message; `Err` carries the reason (an SMTP reply, say),
/// recorded on the row.
pub trait Sender: Send + Sync {
    fn send<'a>(
        &'a self,
        m: &'a Claimed,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;
}

/// What one round of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub sent: u32,
    pub retried: u32,
    pub dead: u32,
}

/// Sends up to `limit` due messages, each claimed, sent and settled in a
/// transaction of its own (a crash mid-send leaves it pending, to be sent
/// again: at least once, never twice at the same time). An inbox message
/// is written into the inbox in that same transaction: exactly once.
pub async fn run_due(
    pool: &PgPool,
    sender: &dyn Sender,
    now: OffsetDateTime,
    limit: u32,
) -> Result<Report, AppError> {
    let mut report = Report::default();
    for _ in 0..limit {
        let mut tx = pool.begin().await?;
        let Some(m) = claim(&mut tx, now).await? else {
            break;
        };
        let outcome = match m.channel {
            Channel::Inbox => deliver_to_inbox(&mut tx, &m, now).await,
            Channel::Email | Channel::Sms => sender.send(&m).await,
        };
        match outcome {
            Ok(()) => {
                settle(&mut tx, m.id, OutboxStatus::Sent, m.attempts, None, now).await?;
                report.sent += 1;
            }
            Err(e) => {
                let tries = m.attempts + 1;
                let status = if tries >= MAX_ATTEMPTS {
                    report.dead += 1;
                    OutboxStatus::Dead
                } else {
                    report.retried += 1;
                    OutboxStatus::Pending
                };
                let due = now + retry_delay(tries);
                settle(&mut tx, m.id, status, tries, Some(&e), due).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

/// The in-app inbox is this database: the message becomes a row there. A
/// message without an account (which cannot happen through `notify`) is an
/// error, parked like any other.
async fn deliver_to_inbox(
    conn: &mut PgConnection,
    m: &Claimed,
    now: OffsetDateTime,
) -> Result<(), String> {
    let Some(user) = m.user_id else {
        return Err("an inbox message needs an account".to_string());
    };
    // A savepoint: a failed insert must not abort the transaction that
    // records the failure.
    let written = async {
        let mut sp = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::query!(
            "INSERT INTO inbox_messages (outbox_id, user_id, category, event, payload, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_id) DO NOTHING",
            m.id,
            user,
            m.category as Category,
            m.event,
            m.payload,
            now,
        )
        .execute(&mut *sp)
        .await?;
        sp.commit().await
    };
    written.await.map_err(|e| {
        tracing::error!(error = ?e, id = m.id, "inbox delivery failed");
        "the inbox could not be written".to_string()
    })
}

async fn claim(conn: &mut PgConnection, now: OffsetDateTime) -> Result<Option<Claimed>, AppError> {
    Ok(sqlx::query_as!(
        Claimed,
        r#"SELECT id, key, event, channel AS "channel: Channel",
                  category AS "category: Category", user_id, address, locale,
                  payload, attempts
             FROM outbox WHERE status = 'pending' AND due_at <= $1
            ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED"#,
        now
    )
    .fetch_optional(conn)
    .await?)
}

/// Records a try: sent (at `at`), or failed with `error` and due again at
/// `at` (or dead).
async fn settle(
    conn: &mut PgConnection,
    id: i64,
    status: OutboxStatus,
    attempts: i32,
    error: Option<&str>,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE outbox SET status = $2, attempts = $3,
                last_error = COALESCE(left($4, 1000), last_error),
                sent_at = CASE WHEN $2 = 'sent' THEN $5::timestamptz END,
                due_at = CASE WHEN $2 = 'sent' THEN due_at ELSE $5 END
          WHERE id = $1 AND status = 'pending'",
        id,
        status as OutboxStatus,
        attempts,
        error,
        at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Staff send a dead message again (from the dead-letter list): pending,
/// due at once, with its tries counted afresh. A conflict unless dead.
pub async fn retry_dead(
    conn: impl sqlx::PgExecutor<'_>,
    id: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let done = sqlx::query!(
        "UPDATE outbox SET status = 'pending', attempts = 0, due_at = $2
          WHERE id = $1 AND status = 'dead'",
        id,
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    dead_changed(done)
}

/// Staff drop a dead message. A conflict unless dead.
pub async fn discard_dead(conn: impl sqlx::PgExecutor<'_>, id: i64) -> Result<(), AppError> {
    let done = sqlx::query!(
        "UPDATE outbox SET status = 'discarded' WHERE id = $1 AND status = 'dead'",
        id
    )
    .execute(conn)
    .await?
    .rows_affected();
    dead_changed(done)
}

fn dead_changed(rows: u64) -> Result<(), AppError> {
    if rows == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict(
            crate::error::ErrorKey::OrderStateChanged,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        assert_eq!(retry_delay(1), Duration::minutes(1));
        assert_eq!(retry_delay(2), Duration::minutes(2));
        assert_eq!(retry_delay(3), Duration::minutes(4));
        assert_eq!(retry_delay(5), Duration::minutes(16));
        assert_eq!(retry_delay(9), Duration::minutes(256));
        // 512 minutes would pass the ceiling.
        assert_eq!(retry_delay(10), Duration::hours(6));
        assert_eq!(retry_delay(i32::MAX), Duration::hours(6));
        assert_eq!(retry_delay(0), Duration::minutes(1));
    }
}
