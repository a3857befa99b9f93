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

/// A refund owed after a cancellation commits.
pub struct Refund {
    pub provider: String,
    pub reference: String,
    pub amount_minor: i64,
}

/// Cancels inside `tx`: the status must allow it, stock comes back (rows
/// locked in id order, as when placing), promotion uses are released, and a
/// paid payment is marked for refund. Returns the refunds to make.
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
    // What is left of a paid payment goes back; the refund is also written
    // to `refunds` (pending until the provider confirms) so the order's
    // refund list is complete whoever cancelled it.
    let refunds: Vec<(String, String, i64)> = sqlx::query_as(
        "WITH p AS (
             UPDATE payments SET status = 'refund_pending', updated_at = now()
              WHERE order_id = $1 AND status = 'paid'
              RETURNING id, provider, provider_ref, amount_minor - refunded_minor AS left_minor),
         r AS (
             INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status)
             SELECT $1, id, left_minor, left($2, 200), 'pending' FROM p WHERE left_minor > 0)
         SELECT provider, provider_ref, left_minor FROM p",
    )
    .bind(order_id)
    .bind(reason)
    .fetch_all(&mut *tx)
    .await?;
    Ok(refunds
        .into_iter()
        .map(|(provider, reference, amount_minor)| Refund {
            provider,
            reference,
            amount_minor,
        })
        .collect())
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
    for r in refunds {
        settle_refund(pool, &r.provider, &r.reference, r.amount_minor).await;
    }
    Ok(())
}

/// Asks the provider for a refund marked pending and records the result.
/// A failure leaves it pending; the refund job tries again.
pub async fn settle_refund(pool: &PgPool, provider: &str, reference: &str, amount_minor: i64) {
    let asked = crate::payments::db::refund_via(pool, provider, reference, amount_minor).await;
    if let Err(e) = asked {
        tracing::warn!(reference, error = ?e, "refund not made yet; will retry");
        return;
    }
    let recorded = sqlx::query(
        "WITH p AS (
             UPDATE payments SET status = 'refunded', refunded_minor = amount_minor, updated_at = now()
              WHERE provider_ref = $1 AND status = 'refund_pending' RETURNING id, order_id),
         r AS (
             UPDATE refunds SET status = 'done'
              WHERE payment_id IN (SELECT id FROM p) AND status = 'pending'),
         o AS (
             UPDATE orders SET payment_status = 'refunded'
              WHERE id IN (SELECT order_id FROM p) AND payment_status = 'refund_pending'
              RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT order_id, 'refunded', 'system' FROM p",
    )
    .bind(reference)
    .execute(pool)
    .await;
    if let Err(e) = recorded {
        tracing::error!(reference, error = %e, "refund made but not recorded");
    }
}

/// Receipt confirmed: by the shopper, or by the job after N days.
pub async fn complete(pool: &PgPool, order_id: i64, actor: &str) -> Result<(), AppError> {
    let done: Option<i64> = sqlx::query_scalar(
        "WITH o AS (
             UPDATE orders SET status = 'completed', completed_at = now(),
                    payment_status = CASE payment_status WHEN 'cod_due' THEN 'cod_collected'
                                                         ELSE payment_status END
              WHERE id = $1 AND status = ANY($2) RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', $3 FROM o
         RETURNING order_id",
    )
    .bind(order_id)
    .bind(OrderStatus::sources(OrderStatus::Completed))
    .bind(actor)
    .fetch_optional(pool)
    .await?;
    done.map(|_| ())
        .ok_or(AppError::Conflict(ErrorKey::OrderStateChanged))
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

/// One pass of every job. Safe with any number of instances running it at
/// once: each order is claimed with FOR UPDATE SKIP LOCKED and the state
/// machine's WHERE clause, so it is handled exactly once.
pub async fn run_jobs_once(pool: &PgPool, cfg: JobConfig) -> Result<JobReport, AppError> {
    let mut report = JobReport::default();
    loop {
        let mut tx = pool.begin().await?;
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM orders
              WHERE status = 'pending_payment' AND created_at < now() - make_interval(secs => $1)
              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED",
        )
        .bind(cfg.unpaid_after.as_secs_f64())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = due else { break };
        let refunds = cancel_in(&mut tx, id, "system", "unpaid").await?;
        tx.commit().await?;
        for r in refunds {
            settle_refund(pool, &r.provider, &r.reference, r.amount_minor).await;
        }
        report.cancelled += 1;
    }
    let completed: Vec<i64> = sqlx::query_scalar(
        "WITH due AS (
             SELECT id FROM orders
              WHERE status = 'delivered' AND delivered_at < now() - make_interval(secs => $1)
              FOR UPDATE SKIP LOCKED LIMIT 500),
         o AS (
             UPDATE orders SET status = 'completed', completed_at = now()
              WHERE id IN (SELECT id FROM due) AND status = 'delivered' RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', 'system' FROM o
         RETURNING order_id",
    )
    .bind(cfg.confirm_after.as_secs_f64())
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
    // Refunds whose provider call failed earlier (older than a minute, so a
    // refund being made right now is left alone).
    let pending: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT provider, provider_ref, amount_minor FROM payments
          WHERE status = 'refund_pending' AND updated_at < now() - interval '1 minute' LIMIT 100",
    )
    .fetch_all(pool)
    .await?;
    for (provider, reference, amount) in pending {
        settle_refund(pool, &provider, &reference, amount).await;
        report.refunds_retried += 1;
    }
    Ok(report)
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
