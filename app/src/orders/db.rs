//! Orders: the shopper's list and detail (ownership checked on every one),
//! cancelling (stock and promotion uses come back, paid money is refunded),
//! confirming receipt, and the background jobs.
use super::{OrderDetail, OrderEvent, OrderItemView, OrderStatus, OrderSummary, TrackingEvent};
use crate::error::{AppError, ErrorKey};
use sqlx::{PgConnection, PgPool};
use std::time::Duration;

/// Who is asking: a signed-in shopper and/or a guest link's secret.
pub struct Viewer<'a> {
    pub user_id: Option<i64>,
    pub token: Option<&'a str>,
    pub link_key: &'a [u8],
}

/// The order's id if `viewer` may see it. Anything else is "not found", so
/// order numbers reveal nothing.
pub async fn owned(pool: &PgPool, number: &str, viewer: &Viewer<'_>) -> Result<i64, AppError> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, user_id FROM orders WHERE number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let Some((id, owner)) = row else {
        return Err(AppError::NotFound);
    };
    let by_account = owner.is_some() && owner == viewer.user_id;
    let by_link = owner.is_none()
        && viewer
            .token
            .is_some_and(|t| crate::checkout::db::order_token_ok(viewer.link_key, number, t));
    if by_account || by_link {
        Ok(id)
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    number: String,
    status: String,
    payment_status: String,
    total_minor: i64,
    currency: String,
    placed_at: String,
    items: i64,
    first_name: String,
    first_image: Option<String>,
}

pub async fn list(pool: &PgPool, user_id: i64) -> Result<Vec<OrderSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT o.number, o.status, o.payment_status, o.total_minor, o.currency,
                to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS placed_at,
                (SELECT COALESCE(sum(qty), 0) FROM order_items WHERE order_id = o.id)::bigint AS items,
                COALESCE(f.name, '') AS first_name, img.sha256 AS first_image
           FROM orders o
           LEFT JOIN LATERAL (SELECT name, image_id FROM order_items
                               WHERE order_id = o.id ORDER BY id LIMIT 1) f ON true
           LEFT JOIN images img ON img.id = f.image_id
          WHERE o.user_id = $1
          ORDER BY o.created_at DESC, o.id DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| OrderSummary {
            number: r.number,
            status: OrderStatus::parse(&r.status).unwrap_or(OrderStatus::PendingPayment),
            payment_status: r.payment_status,
            total_minor: r.total_minor,
            currency: r.currency,
            placed_at: r.placed_at,
            items: r.items,
            first_name: r.first_name,
            first_image: r.first_image,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct Head {
    number: String,
    user_id: Option<i64>,
    status: String,
    payment_method: String,
    payment_status: String,
    currency: String,
    list_minor: i64,
    sale_savings_minor: i64,
    discount_minor: i64,
    shipping_minor: i64,
    total_minor: i64,
    shipping_method: String,
    coupon_code: Option<String>,
    ship_to: serde_json::Value,
    carrier: Option<String>,
    tracking_number: Option<String>,
    placed_at: String,
}

pub async fn detail(pool: &PgPool, order_id: i64) -> Result<OrderDetail, AppError> {
    const WHEN: &str = "'YYYY-MM-DD HH24:MI'";
    let head: Head = sqlx::query_as(&format!(
        "SELECT number, user_id, status, payment_method, payment_status, currency, list_minor,
                sale_savings_minor, discount_minor, shipping_minor, total_minor, shipping_method,
                coupon_code, ship_to, carrier, tracking_number,
                to_char(created_at AT TIME ZONE 'Asia/Shanghai', {WHEN}) AS placed_at
           FROM orders WHERE id = $1"
    ))
    .bind(order_id)
    .fetch_one(pool)
    .await?;
    let items: Vec<OrderItemView> = sqlx::query_as(
        "SELECT i.id, p.slug AS product_slug, i.name, i.options, img.sha256 AS image, i.qty,
                i.unit_minor, i.sale_unit_minor, i.paid_minor,
                EXISTS (SELECT 1 FROM reviews r WHERE r.order_item_id = i.id) AS reviewed
           FROM order_items i
           LEFT JOIN products p ON p.id = i.product_id
           LEFT JOIN images img ON img.id = i.image_id
          WHERE i.order_id = $1 ORDER BY i.id",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    let discounts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT label, amount_minor FROM order_discounts WHERE order_id = $1 ORDER BY ctid",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    let events: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT status, to_char(created_at AT TIME ZONE 'Asia/Shanghai', {WHEN})
           FROM order_events WHERE order_id = $1 ORDER BY id"
    ))
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    let tracking: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT to_char(happened_at AT TIME ZONE 'Asia/Shanghai', {WHEN}), location, description
           FROM tracking_events WHERE order_id = $1 ORDER BY happened_at DESC, id DESC"
    ))
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    Ok(OrderDetail {
        number: head.number,
        status: OrderStatus::parse(&head.status).unwrap_or(OrderStatus::PendingPayment),
        payment_method: head.payment_method,
        payment_status: head.payment_status,
        currency: head.currency,
        list_minor: head.list_minor,
        sale_savings_minor: head.sale_savings_minor,
        discount_minor: head.discount_minor,
        shipping_minor: head.shipping_minor,
        total_minor: head.total_minor,
        discounts,
        shipping_method: head.shipping_method,
        coupon_code: head.coupon_code,
        ship_to: serde_json::from_value(head.ship_to).unwrap_or_default(),
        carrier: head.carrier,
        tracking_number: head.tracking_number,
        items,
        events: events
            .into_iter()
            .map(|(status, at)| OrderEvent { status, at })
            .collect(),
        tracking: tracking
            .into_iter()
            .map(|(at, location, description)| TrackingEvent {
                at,
                location,
                description,
            })
            .collect(),
        placed_at: head.placed_at,
        guest: head.user_id.is_none(),
    })
}

/// A refund row to ask the provider for, after the transaction that wrote
/// it commits: its amount and the idempotency key it is always sent with.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Refund {
    pub id: i64,
    pub provider: String,
    pub reference: String,
    pub amount_minor: i64,
    pub key: String,
}

/// What is left of payment `p` to give back: what was paid, less every
/// refund made or still being made (only failed ones do not count), so a
/// refund in flight is never given twice. `refunded_minor` (what the
/// provider confirmed) never exceeds the refunds behind it; taking the
/// larger of the two keeps older rows without refund records safe.
/// Read it only with the order row locked: every writer of refunds takes
/// that lock first, so the remainder cannot change underneath.
pub const LEFT_MINOR_SQL: &str = "(p.amount_minor - GREATEST(p.refunded_minor, COALESCE(
        (SELECT sum(r.amount_minor) FROM refunds r
          WHERE r.payment_id = p.id AND r.status <> 'failed'), 0)))::bigint";

/// Cancels inside `tx`: the status must allow it, stock comes back (rows
/// locked in id order, as when placing), promotion uses are released, and a
/// paid payment is marked for refund. Returns the refunds to make. The
/// first statement locks the order row, so a staff refund being written at
/// the same moment is either committed before (and counted below) or comes
/// after and finds nothing left.
pub async fn cancel_in(
    tx: &mut PgConnection,
    order_id: i64,
    actor: &str,
    reason: &str,
) -> Result<Vec<Refund>, AppError> {
    let done: Option<i64> = sqlx::query_scalar(
        "UPDATE orders SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3,
                payment_status = CASE WHEN payment_status IN ('paid', 'partially_refunded')
                                      THEN 'refund_pending' ELSE payment_status END
          WHERE id = $1 AND status = ANY($2) RETURNING id",
    )
    .bind(order_id)
    .bind(OrderStatus::sources(OrderStatus::Cancelled))
    .bind(reason)
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    sqlx::query(
        "WITH bought AS (SELECT variant_id, sum(qty)::int AS qty FROM order_items
                          WHERE order_id = $1 AND variant_id IS NOT NULL GROUP BY variant_id),
              locked AS (SELECT v.id FROM product_variants v JOIN bought b ON b.variant_id = v.id
                          ORDER BY v.id FOR UPDATE OF v)
         UPDATE product_variants v SET stock = v.stock + b.qty
           FROM bought b WHERE v.id = b.variant_id AND v.id IN (SELECT id FROM locked)",
    )
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "WITH released AS (
             UPDATE promotion_redemptions SET released_at = now()
              WHERE order_id = $1 AND released_at IS NULL RETURNING promotion_id),
         counted AS (
             UPDATE promotions p SET used_count = p.used_count - 1
               FROM released r
              WHERE p.id = r.promotion_id AND p.used_count > 0
                AND (p.usage_limit IS NOT NULL OR p.per_customer_limit IS NOT NULL)),
         unsold AS (
             INSERT INTO product_sales_deltas (product_id, qty)
             SELECT product_id, -sum(qty)::int FROM order_items
              WHERE order_id = $1 AND product_id IS NOT NULL GROUP BY product_id)
         INSERT INTO order_events (order_id, status, actor) VALUES ($1, 'cancelled', $2)",
    )
    .bind(order_id)
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    // An attempt still open at the provider is abandoned; if it is paid
    // later, the notification finds the order cancelled and refunds it.
    sqlx::query(
        "UPDATE payments SET status = 'cancelled', updated_at = now()
          WHERE order_id = $1 AND status = 'pending'",
    )
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    // What is left of a paid payment goes back (refunds still pending
    // count as given); the refund is written to `refunds`, pending until the
    // provider confirms, so the order's refund list is complete whoever
    // cancelled it.
    let paid: Vec<(i64, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT p.id, p.provider, p.provider_ref, {LEFT_MINOR_SQL}
           FROM payments p WHERE p.order_id = $1 AND p.status = 'paid'
          ORDER BY p.id FOR UPDATE"
    ))
    .bind(order_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut refunds = Vec::new();
    for (payment_id, provider, reference, left_minor) in paid {
        sqlx::query(
            "UPDATE payments SET status = 'refund_pending', updated_at = now() WHERE id = $1",
        )
        .bind(payment_id)
        .execute(&mut *tx)
        .await?;
        if left_minor <= 0 {
            continue;
        }
        let (id, key): (i64, String) = sqlx::query_as(
            "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status)
             VALUES ($1, $2, $3, left($4, 200), 'pending') RETURNING id, idempotency_key",
        )
        .bind(order_id)
        .bind(payment_id)
        .bind(left_minor)
        .bind(reason)
        .fetch_one(&mut *tx)
        .await?;
        refunds.push(Refund {
            id,
            provider,
            reference,
            amount_minor: left_minor,
            key,
        });
    }
    Ok(refunds)
}

/// Cancels an order in its own transaction and makes its refunds.
pub async fn cancel(
    pool: &PgPool,
    order_id: i64,
    actor: &str,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let refunds = cancel_in(&mut tx, order_id, actor, reason).await?;
    tx.commit().await?;
    for r in &refunds {
        // Refused now, it stays pending and the jobs retry it.
        let _ = settle_refund(pool, r, "system").await;
    }
    Ok(())
}

/// Locks the order a refund belongs to (inside the caller's transaction).
async fn lock_order_of_refund(conn: &mut PgConnection, refund_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "SELECT o.id FROM orders o JOIN refunds r ON r.order_id = o.id
          WHERE r.id = $1 FOR UPDATE OF o",
    )
    .bind(refund_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Asks the provider for one pending refund, under its idempotency key,
/// and records it as made. `Err` means the provider refused: nothing moved
/// and the row stays pending for the job (or the caller) to decide. A
/// refund made but not recorded is logged and stays pending too: the job's
/// retry, under the same key, moves no more money and records it then.
/// Payment references are never logged (one opens the hosted page).
pub async fn settle_refund(pool: &PgPool, r: &Refund, actor: &str) -> Result<(), AppError> {
    let asked =
        crate::payments::db::refund_via(pool, &r.provider, &r.reference, r.amount_minor, &r.key)
            .await;
    if let Err(e) = asked {
        tracing::warn!(refund = r.id, error = ?e, "refund not made yet; will retry");
        return Err(e);
    }
    if let Err(e) = record_refund(pool, r.id, actor).await {
        tracing::error!(refund = r.id, error = ?e, "refund made but not recorded yet");
    }
    Ok(())
}

/// Marks a refund done and adds it to its payment; the payment reads
/// "refunded" once all of it is back, and the order follows: a paid order
/// becomes partly or wholly refunded, a cancelled one (refund pending)
/// becomes refunded when the last of its refunds is made.
async fn record_refund(pool: &PgPool, refund_id: i64, actor: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_order_of_refund(&mut tx, refund_id).await?;
    sqlx::query(
        "WITH r AS (
             UPDATE refunds SET status = 'done' WHERE id = $1 AND status = 'pending'
             RETURNING payment_id, amount_minor),
         p AS (
             UPDATE payments
                SET refunded_minor = LEAST(payments.amount_minor,
                                           payments.refunded_minor + r.amount_minor),
                    status = CASE WHEN payments.refunded_minor + r.amount_minor >= payments.amount_minor
                                  THEN 'refunded' ELSE payments.status END,
                    updated_at = now()
               FROM r WHERE payments.id = r.payment_id
             RETURNING payments.order_id, payments.status),
         o AS (
             UPDATE orders
                SET payment_status = CASE p.status WHEN 'refunded' THEN 'refunded'
                                                   ELSE 'partially_refunded' END
               FROM p
              WHERE orders.id = p.order_id
                AND (orders.payment_status IN ('paid', 'partially_refunded')
                     OR (orders.payment_status = 'refund_pending' AND p.status = 'refunded'))
             RETURNING orders.id, orders.payment_status)
         INSERT INTO order_events (order_id, status, actor) SELECT id, payment_status, $2 FROM o",
    )
    .bind(refund_id)
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A staff refund the provider refused. If the order was cancelled while
/// it was being asked for, the cancellation counted on it (see
/// `LEFT_MINOR_SQL`), so it stays owed: pending, retried by the job under
/// the same key. Otherwise it is marked failed and staff may try again.
pub async fn refund_refused(pool: &PgPool, refund_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_order_of_refund(&mut tx, refund_id).await?;
    sqlx::query(
        "UPDATE refunds r SET status = 'failed'
          WHERE r.id = $1 AND r.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM payments p
                             WHERE p.id = r.payment_id AND p.status = 'refund_pending')",
    )
    .bind(refund_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Receipt confirmed: by the shopper, or by the job after N days.
///
/// Cash on delivery still due is collected by the courier and recorded by
/// staff (marking the order delivered, behind the `OrderShip` permission).
/// A shopper confirming receipt must not record it for them, so until then
/// the shopper's confirmation is refused (403) and changes nothing.
pub async fn complete(pool: &PgPool, order_id: i64, actor: &str) -> Result<(), AppError> {
    let by_shopper = actor == "shopper";
    let done: Option<i64> = sqlx::query_scalar(
        "WITH o AS (
             UPDATE orders SET status = 'completed', completed_at = now(),
                    payment_status = CASE payment_status WHEN 'cod_due' THEN 'cod_collected'
                                                         ELSE payment_status END
              WHERE id = $1 AND status = ANY($2)
                AND NOT ($4 AND payment_status = 'cod_due')
              RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', $3 FROM o
         RETURNING order_id",
    )
    .bind(order_id)
    .bind(OrderStatus::sources(OrderStatus::Completed))
    .bind(actor)
    .bind(by_shopper)
    .fetch_optional(pool)
    .await?;
    if done.is_some() {
        return Ok(());
    }
    // Refused because the cash is still due, or because the order moved on?
    let cod_due: Option<bool> = sqlx::query_scalar(
        "SELECT status = ANY($2) AND payment_status = 'cod_due' FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .bind(OrderStatus::sources(OrderStatus::Completed))
    .fetch_optional(pool)
    .await?;
    if by_shopper && cod_due == Some(true) {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    }
}

/// Moves an order to `next` through the state machine and records it on the
/// timeline, inside the caller's transaction (the back office writes its
/// audit entry in the same one). The WHERE clause repeats the state
/// machine's check, so two racing changes cannot both apply.
pub async fn advance(
    conn: &mut PgConnection,
    number: &str,
    next: OrderStatus,
    carrier: Option<&str>,
    tracking: Option<&str>,
) -> Result<(), AppError> {
    let done: Option<i64> = sqlx::query_scalar(
        "WITH o AS (
             UPDATE orders SET status = $2,
                    carrier = COALESCE($4, carrier), tracking_number = COALESCE($5, tracking_number),
                    shipped_at = CASE WHEN $2 = 'shipped' THEN now() ELSE shipped_at END,
                    delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
                    payment_status = CASE WHEN $2 = 'delivered' AND payment_status = 'cod_due'
                                          THEN 'cod_collected' ELSE payment_status END
              WHERE number = $1 AND status = ANY($3) RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, $2, 'staff' FROM o
         RETURNING order_id",
    )
    .bind(number)
    .bind(next.as_str())
    .bind(OrderStatus::sources(next))
    .bind(carrier)
    .bind(tracking)
    .fetch_optional(&mut *conn)
    .await?;
    done.map(|_| ())
        .ok_or(AppError::Conflict(ErrorKey::OrderStateChanged))
}

/// A carrier's scan ("arrived at Shanghai hub"), shown to the shopper.
/// Only for orders that have shipped.
pub async fn add_tracking(
    conn: &mut PgConnection,
    number: &str,
    location: &str,
    description: &str,
) -> Result<(), AppError> {
    let n = sqlx::query(
        "INSERT INTO tracking_events (order_id, location, description)
         SELECT id, $2, $3 FROM orders
          WHERE number = $1 AND status IN ('shipped', 'delivered', 'completed')",
    )
    .bind(number)
    .bind(location)
    .bind(description)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    }
}

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

/// One pass of every job, now. Safe with any number of instances running
/// it at once: each order is claimed with FOR UPDATE SKIP LOCKED and the
/// state machine's WHERE clause, so it is handled exactly once.
pub async fn run_jobs_once(pool: &PgPool, cfg: JobConfig) -> Result<JobReport, AppError> {
    run_jobs_at(pool, cfg, crate::cart::db::now_unix()).await
}

/// [`run_jobs_once`] as if the clock read `now` (unix seconds), so a test
/// can step past a deadline instead of sleeping until it.
pub async fn run_jobs_at(pool: &PgPool, cfg: JobConfig, now: i64) -> Result<JobReport, AppError> {
    let now = now as f64;
    let mut report = JobReport::default();
    loop {
        let mut tx = pool.begin().await?;
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM orders
              WHERE status = 'pending_payment'
                AND created_at < to_timestamp($2) - make_interval(secs => $1)
              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED",
        )
        .bind(cfg.unpaid_after.as_secs_f64())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = due else { break };
        let refunds = cancel_in(&mut tx, id, "system", "unpaid").await?;
        tx.commit().await?;
        for r in &refunds {
            let _ = settle_refund(pool, r, "system").await;
        }
        report.cancelled += 1;
    }
    let completed: Vec<i64> = sqlx::query_scalar(
        "WITH due AS (
             SELECT id FROM orders
              WHERE status = 'delivered'
                AND delivered_at < to_timestamp($2) - make_interval(secs => $1)
              FOR UPDATE SKIP LOCKED LIMIT 500),
         o AS (
             UPDATE orders SET status = 'completed', completed_at = now()
              WHERE id IN (SELECT id FROM due) AND status = 'delivered' RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', 'system' FROM o
         RETURNING order_id",
    )
    .bind(cfg.confirm_after.as_secs_f64())
    .bind(now)
    .fetch_all(pool)
    .await?;
    report.completed = completed.len();
    // Units sold since the last pass, into the products' sales counts. Rows
    // are taken with SKIP LOCKED, so two runners never add the same row.
    sqlx::query(
        "WITH d AS (
             DELETE FROM product_sales_deltas WHERE id IN (
                 SELECT id FROM product_sales_deltas ORDER BY id
                    FOR UPDATE SKIP LOCKED LIMIT 10000)
             RETURNING product_id, qty)
         UPDATE products p SET sales_count = GREATEST(p.sales_count + s.qty, 0)
           FROM (SELECT product_id, sum(qty)::int AS qty FROM d GROUP BY product_id) s
          WHERE p.id = s.product_id AND s.qty <> 0",
    )
    .execute(pool)
    .await?;
    report.refunds_retried = retry_refunds(pool, now).await?;
    prune_forged_notifications(pool, now).await?;
    Ok(report)
}

/// Refunds the provider refused earlier, asked for again: exactly the
/// pending rows, each for its own amount and under its own key (never
/// "the whole payment": part of it may be back already). Rows younger
/// than a minute are being made right now and are left alone; should two
/// runners still pick the same row, the key makes the second ask harmless.
async fn retry_refunds(pool: &PgPool, now: f64) -> Result<usize, AppError> {
    let pending: Vec<Refund> = sqlx::query_as(
        "SELECT r.id, p.provider, p.provider_ref AS reference, r.amount_minor,
                r.idempotency_key AS key
           FROM refunds r JOIN payments p ON p.id = r.payment_id
          WHERE r.status = 'pending' AND r.created_at < to_timestamp($1) - interval '1 minute'
          ORDER BY r.id LIMIT 100",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    for r in &pending {
        let _ = settle_refund(pool, r, "system").await;
    }
    Ok(pending.len())
}

/// Forged payment notifications (and their hourly counts) are kept for 30
/// days, which with the hourly cap bounds what they can occupy.
async fn prune_forged_notifications(pool: &PgPool, now: f64) -> Result<(), AppError> {
    sqlx::query(
        "DELETE FROM payment_notifications
          WHERE NOT verified AND received_at < to_timestamp($1) - interval '30 days'",
    )
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "DELETE FROM payment_notification_windows
          WHERE window_start < to_timestamp($1) - interval '30 days'",
    )
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Runs the jobs every `every` until the process ends.
pub async fn jobs_loop(pool: PgPool, cfg: JobConfig, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match run_jobs_once(&pool, cfg).await {
            Ok(r) if r != JobReport::default() => tracing::info!(?r, "order jobs ran"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "order jobs failed; next round retries"),
        }
    }
}
