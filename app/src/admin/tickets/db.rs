//! Staff's changes to tickets, each audited in the transaction that makes
//! it (the ticket's status, priority, assignee and how many messages it
//! has, before and after), and the reads the pages need beyond
//! `crate::tickets::db::reads`.
use super::{Agent, Canned, QueueItem, RatingLine, RatingReport, StaffTicket};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::AppError;
use crate::server::Staff;
use crate::shop_time::display_local;
use crate::tickets::db::reads::{self, QueueFilter, RatingRow};
use crate::tickets::db::{self as tickets, Locked, Viewer};
use crate::tickets::{Author, Priority, ThreadMessage, fill_canned};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::{Duration, OffsetDateTime};

fn at(t: OffsetDateTime) -> String {
    display_local(t.unix_timestamp())
}

pub async fn queue(
    pool: &PgPool,
    f: QueueFilter,
    now: OffsetDateTime,
) -> Result<Vec<QueueItem>, AppError> {
    let rows = reads::queue(pool, f, now, super::QUEUE_SHOWN).await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            due: at(if r.responded {
                r.resolve_due
            } else {
                r.first_response_due
            }),
            number: r.number,
            subject: r.subject,
            category: r.category,
            priority: r.priority,
            status: r.status,
            sla: r.sla,
            assignee: r.assignee,
            customer: r.customer,
            updated: at(r.updated_at),
        })
        .collect())
}

/// Staff who may work tickets, by name.
async fn agents(pool: &PgPool) -> Result<Vec<Agent>, AppError> {
    Ok(sqlx::query_as!(
        Agent,
        "SELECT u.id, u.display_name AS name FROM users u
           JOIN role_permissions rp ON rp.role = u.role
          WHERE rp.permission = 'ticket.work' AND u.disabled_at IS NULL
          ORDER BY u.display_name, u.id"
    )
    .fetch_all(pool)
    .await?)
}

/// Ticket `number` as staff work it: its thread with private notes, the
/// agents it may go to, and the canned replies in the customer's language
/// with `{order_number}` and `{name}` filled.
pub async fn ticket(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    now: OffsetDateTime,
) -> Result<StaffTicket, AppError> {
    let t = reads::ticket(pool, number, Viewer::Staff, now, None).await?;
    // It shows the customer's words and address: who looked is logged,
    // about the account (or, for a guest, the ticket).
    let (kind, id) = match t.user_id {
        Some(user) => ("customer", user),
        None => ("ticket", t.id),
    };
    crate::privacy::db::record_view(
        pool,
        staff,
        AuditAction::TicketView,
        kind,
        id,
        &t.customer_email,
    )
    .await?;
    let messages = reads::thread(pool, t.id, true).await?;
    let canned = reads::canned(pool, &t.lang)
        .await?
        .into_iter()
        .map(|c| Canned {
            body: fill_canned(
                &c.body,
                t.order_number.as_deref(),
                t.customer_name.as_deref(),
            ),
            title: c.title,
        })
        .collect();
    let product = t.product();
    Ok(StaffTicket {
        request_number: t.request_number,
        product,
        number: t.number,
        subject: t.subject,
        category: t.category,
        priority: t.priority,
        status: t.status,
        sla: t.sla,
        lang: t.lang,
        order_number: t.order_number,
        customer_name: t.customer_name,
        customer_email: t.customer_email,
        assignee_id: t.assignee_id,
        opened: at(t.created_at),
        first_response_due: at(t.first_response_due),
        first_responded: t.first_responded_at.map(at),
        resolve_due: at(t.resolve_due),
        paused_minutes: t.paused_secs / 60,
        rating: t.rating,
        rating_comment: t.rating_comment,
        messages: messages
            .into_iter()
            .map(|m| ThreadMessage {
                id: m.id,
                author: m.author,
                name: m.author_name,
                body: m.body,
                at: at(m.created_at),
                photos: m.photos,
            })
            .collect(),
        agents: agents(pool).await?,
        canned,
        me: staff.user.id,
    })
}

/// The ticket as the audit log keeps it.
async fn snapshot(conn: &mut PgConnection, number: &str) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        r#"SELECT t.id, t.subject, t.status, t.priority, t.assignee_id,
                  (SELECT count(*) FROM ticket_messages m WHERE m.ticket_id = t.id) AS "messages!"
             FROM tickets t WHERE t.number = $1"#,
        number
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("ticket", r.id, format!("{number} {}", r.subject)),
        state: json!({
            "status": r.status,
            "priority": r.priority,
            "assignee": r.assignee_id,
            "messages": r.messages,
        }),
    }))
}

/// Runs `change` on the locked ticket `number`, audited as `action`.
async fn change<T>(
    pool: &PgPool,
    staff: &Staff,
    action: AuditAction,
    number: &str,
    change: impl AsyncFnOnce(&mut PgConnection, &mut Locked) -> Result<T, AppError>,
) -> Result<T, AppError> {
    audited(
        pool,
        staff.into(),
        action,
        async |conn: &mut PgConnection, _: Option<&T>| snapshot(conn, number).await,
        async |conn: &mut PgConnection| {
            let mut t = tickets::lock(conn, number, Viewer::Staff).await?;
            change(conn, &mut t).await
        },
    )
    .await
}

/// A reply to the customer, or (`note`) a private note. `key` makes a
/// retried post write once.
pub async fn reply(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    body: &str,
    note: bool,
    key: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let by = if note { Author::Note } else { Author::Staff };
    let key = format!("s{}:{number}:{key}", staff.user.id);
    let id = staff.user.id;
    change(
        pool,
        staff,
        AuditAction::TicketReply,
        number,
        async |conn: &mut PgConnection, t: &mut Locked| {
            tickets::reply(conn, t, by, Some(id), body, Some(&key), now).await
        },
    )
    .await
    .map(|_| ())
}

pub async fn assign(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    assignee: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    change(
        pool,
        staff,
        AuditAction::TicketAssign,
        number,
        async |conn: &mut PgConnection, t: &mut Locked| {
            tickets::assign(conn, t, assignee, now).await
        },
    )
    .await
}

pub async fn set_priority(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    priority: Priority,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    change(
        pool,
        staff,
        AuditAction::TicketPriority,
        number,
        async |conn: &mut PgConnection, t: &mut Locked| {
            tickets::set_priority(conn, t, priority, now).await
        },
    )
    .await
}

pub async fn resolve(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    change(
        pool,
        staff,
        AuditAction::TicketResolve,
        number,
        async |conn: &mut PgConnection, t: &mut Locked| tickets::resolve(conn, t, now).await,
    )
    .await
}

fn lines(rows: Vec<RatingRow>) -> Vec<RatingLine> {
    rows.into_iter()
        .map(|r| RatingLine {
            name: r.name,
            resolved: r.resolved,
            rated: r.rated,
            average: r.average.map(|a| format!("{a:.1}")),
        })
        .collect()
}

/// Ratings of tickets resolved in the last `days` days.
pub async fn report(
    pool: &PgPool,
    days: i32,
    now: OffsetDateTime,
) -> Result<RatingReport, AppError> {
    let from = now - Duration::days(i64::from(days));
    Ok(RatingReport {
        days,
        by_agent: lines(reads::ratings_by_agent(pool, from, now).await?),
        by_category: lines(reads::ratings_by_category(pool, from, now).await?),
    })
}
