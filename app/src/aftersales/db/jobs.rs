//! Deadlines that act by themselves. When a state's time runs out by the
//! injected clock, the shop acts for the side that missed it:
//! - the merchant did not answer: the request is approved;
//! - the shopper did not ship an approved return: it is closed;
//! - the merchant did not confirm a shipped return: it is received (and a
//!   return and refund is refunded).
//!
//! Safe with any number of runners: each request is claimed with its
//! order by `FOR UPDATE ... SKIP LOCKED` and re-checked against its state
//! and deadline under the lock, so each action fires once.
use super::flow::{self, Locked};
use crate::aftersales::{RequestKind, RequestStatus};
use crate::error::AppError;
use crate::payments::Actor;
use crate::payments::db::refunds::{RefundRequest, settle_refund};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineReport {
    pub approved: usize,
    pub closed: usize,
    pub received: usize,
}

/// One pass as if the clock read `now`.
pub async fn run_deadlines_at(
    pool: &PgPool,
    now: OffsetDateTime,
) -> Result<DeadlineReport, AppError> {
    Ok(DeadlineReport {
        approved: act_on(pool, RequestStatus::Requested, now).await?,
        closed: act_on(pool, RequestStatus::Approved, now).await?,
        received: act_on(pool, RequestStatus::BuyerShipped, now).await?,
    })
}

/// Handles, one transaction each, every request in `state` whose deadline
/// has passed at `now`. Returns how many this runner handled.
async fn act_on(
    pool: &PgPool,
    state: RequestStatus,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let due = sqlx::query_scalar!(
        "SELECT number FROM after_sales_requests
          WHERE status = $1 AND deadline_at <= $2 ORDER BY deadline_at LIMIT 500",
        state as RequestStatus,
        now
    )
    .fetch_all(pool)
    .await?;
    let mut handled = 0;
    for number in due {
        let mut tx = pool.begin().await?;
        let Some(mut req) = claim(&mut tx, &number, state, now).await? else {
            continue;
        };
        // One request that cannot move (its order changed underneath)
        // must not hold up the others: it is logged and left for the next
        // pass, its transaction rolled back.
        match act(&mut tx, &mut req, now).await {
            Ok(refunds) => {
                tx.commit().await?;
                settle(pool, &refunds).await;
                handled += 1;
            }
            Err(e) => {
                tracing::warn!(request = %number, error = ?e, "after-sales deadline not acted on")
            }
        }
    }
    Ok(handled)
}

/// The request with its order, locked, if it is still in `state` and past
/// its deadline, and no other runner holds it.
async fn claim(
    conn: &mut PgConnection,
    number: &str,
    state: RequestStatus,
    now: OffsetDateTime,
) -> Result<Option<Locked>, AppError> {
    Ok(sqlx::query_as!(
        Locked,
        r#"SELECT r.id, r.number, r.order_id, r.kind AS "kind: RequestKind",
                  r.status AS "status: RequestStatus", r.refund_minor, r.goodwill_minor,
                  r.extended_reason IS NOT NULL AS "extended!",
                  o.status AS "order_status: crate::orders::OrderStatus", r.deadline_at
             FROM after_sales_requests r JOIN orders o ON o.id = r.order_id
            WHERE r.number = $1 AND r.status = $2 AND r.deadline_at <= $3
              FOR UPDATE OF o, r SKIP LOCKED"#,
        number,
        state as RequestStatus,
        now
    )
    .fetch_optional(conn)
    .await?)
}

async fn act(
    conn: &mut PgConnection,
    req: &mut Locked,
    now: OffsetDateTime,
) -> Result<Vec<RefundRequest>, AppError> {
    match req.status {
        RequestStatus::Requested => flow::approve(conn, req, Actor::System, None, now).await,
        RequestStatus::Approved => flow::close_unshipped(conn, req).await,
        RequestStatus::BuyerShipped => flow::receive(conn, req, Actor::System, None).await,
        _ => Ok(Vec::new()),
    }
}

/// How long before an approved return's deadline its shopper is reminded
/// to ship the goods back.
pub const WARN_BEFORE: time::Duration = time::Duration::hours(24);

/// Reminds the shopper of every approved return whose deadline to ship
/// falls within [`WARN_BEFORE`] of `now`: once per deadline (the message's
/// key names it, so an extended deadline is reminded of again). Returns
/// how many reminders were written.
pub async fn warn_deadlines_at(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = sqlx::query!(
        r#"SELECT r.number, extract(epoch FROM r.deadline_at)::bigint AS "deadline!"
             FROM after_sales_requests r
            WHERE r.status = 'approved' AND r.deadline_at > $1 AND r.deadline_at <= $2
              AND NOT EXISTS (
                  SELECT 1 FROM outbox o
                   WHERE o.key = 'after_sales:' || r.number || ':after_sales_deadline:'
                                 || extract(epoch FROM r.deadline_at)::bigint || ':email')
            ORDER BY r.deadline_at LIMIT 500"#,
        now,
        now + WARN_BEFORE,
    )
    .fetch_all(pool)
    .await?;
    let event = crate::notify::Event::AfterSalesDeadline;
    for r in &due {
        let mut tx = pool.begin().await?;
        let occasion = r.deadline.to_string();
        crate::notify::db::after_sales(&mut tx, &r.number, event, Some(&occasion)).await?;
        tx.commit().await?;
    }
    Ok(due.len())
}

/// Asks the provider for refunds written by a committed step. One the
/// provider refuses now stays pending; the order jobs retry it under the
/// same key.
pub async fn settle(pool: &PgPool, refunds: &[RefundRequest]) {
    for r in refunds {
        let _ = settle_refund(pool, r, Actor::System).await;
    }
}
