//! The background jobs: unpaid orders are cancelled, delivered ones
//! confirmed after N days, units sold counted, refunds retried and forged
//! payment notifications pruned. Every deadline is measured from the `now`
//! handed in (the injected clock), never from the database's clock.
use super::cancel_in;
use crate::error::AppError;
use crate::orders::Actor;
use crate::payments::db::notify::prune_forged;
use crate::payments::db::refunds::{retry_pending, settle_refund};
use sqlx::PgPool;
use std::time::Duration;
use time::OffsetDateTime;

/// Timings of the background jobs (`AGORA_UNPAID_CANCEL_MINUTES`,
/// `AGORA_AUTO_CONFIRM_DAYS`).
#[derive(Debug, Clone, Copy)]
pub struct JobConfig {
    pub unpaid_after: Duration,
    pub confirm_after: Duration,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JobReport {
    pub cancelled: usize,
    pub completed: usize,
    pub refunds_retried: usize,
}

/// One pass of every job as if the clock read `now`. Safe with any number
/// of instances running it at once: each order is claimed with FOR UPDATE
/// SKIP LOCKED and the state machine's WHERE clause, so it is handled
/// exactly once.
pub async fn run_jobs_at(
    pool: &PgPool,
    cfg: JobConfig,
    now: OffsetDateTime,
) -> Result<JobReport, AppError> {
    let mut report = JobReport {
        cancelled: cancel_unpaid(pool, cfg.unpaid_after, now).await?,
        ..JobReport::default()
    };
    let completed = sqlx::query_scalar!(
        "WITH due AS (
             SELECT id FROM orders
              WHERE status = 'delivered'
                AND delivered_at < $2::timestamptz - make_interval(secs => $1)
              FOR UPDATE SKIP LOCKED LIMIT 500),
         o AS (
             UPDATE orders SET status = 'completed', completed_at = now()
              WHERE id IN (SELECT id FROM due) AND status = 'delivered' RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', 'system' FROM o
         RETURNING order_id",
        cfg.confirm_after.as_secs_f64(),
        now,
    )
    .fetch_all(pool)
    .await?;
    report.completed = completed.len();
    // Units sold since the last pass, into the products' sales counts. Rows
    // are taken with SKIP LOCKED, so two runners never add the same row.
    sqlx::query!(
        "WITH d AS (
             DELETE FROM product_sales_deltas WHERE id IN (
                 SELECT id FROM product_sales_deltas ORDER BY id
                    FOR UPDATE SKIP LOCKED LIMIT 10000)
             RETURNING product_id, qty)
         UPDATE products p SET sales_count = GREATEST(p.sales_count + s.qty, 0)
           FROM (SELECT product_id, sum(qty)::int AS qty FROM d GROUP BY product_id) s
          WHERE p.id = s.product_id AND s.qty <> 0"
    )
    .execute(pool)
    .await?;
    report.refunds_retried = retry_pending(pool, now).await?;
    prune_forged(pool, now).await?;
    Ok(report)
}

/// Cancels, one transaction each, the orders still unpaid `unpaid_after`
/// before `now`, and makes their refunds. Returns how many.
async fn cancel_unpaid(
    pool: &PgPool,
    unpaid_after: Duration,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let mut cancelled = 0;
    loop {
        let mut tx = pool.begin().await?;
        let due = sqlx::query_scalar!(
            "SELECT id FROM orders
              WHERE status = 'pending_payment'
                AND created_at < $2::timestamptz - make_interval(secs => $1)
              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED",
            unpaid_after.as_secs_f64(),
            now,
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = due else { break };
        let refunds = cancel_in(&mut tx, id, Actor::System, "unpaid").await?;
        tx.commit().await?;
        for r in &refunds {
            let _ = settle_refund(pool, r, Actor::System).await;
        }
        cancelled += 1;
    }
    Ok(cancelled)
}
