//! Every change to an order after it is placed: cancelling (stock and
//! promotion uses come back, paid money is refunded), confirming receipt,
//! and the back office's steps through the state machine.
use crate::error::{AppError, ErrorKey};
use crate::orders::{Actor, OrderStatus};
use crate::payments::db::refunds::{RefundRequest, open_refund, refundable, settle_refund};
use sqlx::{PgConnection, PgPool};

/// Cancels inside `tx`: the status must allow it, stock comes back (rows
/// locked in id order, as when placing), promotion uses are released, and a
/// paid payment is marked for refund. Returns the refunds to make. The
/// first statement locks the order row, so a staff refund being written at
/// the same moment is either committed before (and counted below) or comes
/// after and finds nothing left.
pub async fn cancel_in(
    tx: &mut PgConnection,
    order_id: i64,
    actor: Actor,
    reason: &str,
) -> Result<Vec<RefundRequest>, AppError> {
    let from = OrderStatus::sources(OrderStatus::Cancelled);
    let done = sqlx::query_scalar!(
        "UPDATE orders SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3,
                payment_status = CASE WHEN payment_status IN ('paid', 'partially_refunded')
                                      THEN 'refund_pending' ELSE payment_status END
          WHERE id = $1 AND status = ANY($2::text[]) RETURNING id",
        order_id,
        &from[..] as &[OrderStatus],
        reason,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    sqlx::query!(
        // Units an after-sales refund took off before shipment are back
        // in stock already.
        "WITH bought AS (SELECT variant_id, sum(qty - cancelled_qty)::int AS qty FROM order_items
                          WHERE order_id = $1 AND variant_id IS NOT NULL GROUP BY variant_id),
              locked AS (SELECT v.id FROM product_variants v JOIN bought b ON b.variant_id = v.id
                          ORDER BY v.id FOR UPDATE OF v)
         UPDATE product_variants v SET stock = v.stock + b.qty
           FROM bought b WHERE v.id = b.variant_id AND v.id IN (SELECT id FROM locked)",
        order_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "WITH released AS (
             UPDATE promotion_redemptions SET released_at = now()
              WHERE order_id = $1 AND released_at IS NULL RETURNING promotion_id),
         counted AS (
             UPDATE promotions p SET used_count = p.used_count - 1
               FROM released r
              WHERE p.id = r.promotion_id AND p.used_count > 0
                AND (p.usage_limit IS NOT NULL OR p.per_customer_limit IS NOT NULL)),
         -- The coupon copy it used goes back to the shopper's wallet.
         freed AS (
             UPDATE coupon_grants SET order_id = NULL, used_at = NULL WHERE order_id = $1),
         -- Refunds before shipment still being decided: the cancellation
         -- gives everything back, so they are closed.
         closed AS (
             UPDATE after_sales_requests SET status = 'withdrawn', deadline_at = NULL,
                                             updated_at = now()
              WHERE order_id = $1 AND status IN ('requested', 'approved') RETURNING id),
         closed_events AS (
             INSERT INTO after_sales_events (request_id, status, actor, note)
             SELECT id, 'withdrawn', 'system', '' FROM closed),
         unsold AS (
             INSERT INTO product_sales_deltas (product_id, qty)
             SELECT product_id, -sum(qty - cancelled_qty)::int FROM order_items
              WHERE order_id = $1 AND product_id IS NOT NULL GROUP BY product_id
             HAVING sum(qty - cancelled_qty) > 0)
         INSERT INTO order_events (order_id, status, actor) VALUES ($1, 'cancelled', $2)",
        order_id,
        actor as Actor,
    )
    .execute(&mut *tx)
    .await?;
    let cancelled = crate::notify::Event::OrderCancelled;
    crate::notify::db::order(tx, order_id, cancelled, None, serde_json::json!({})).await?;
    // Points the order earned are taken back with it, and those it spent
    // given back.
    crate::loyalty::db::settle(tx, order_id).await?;
    // An attempt still open at the provider is abandoned; if it is paid
    // later, the notification finds the order cancelled and refunds it.
    sqlx::query!(
        "UPDATE payments SET status = 'cancelled', updated_at = now()
          WHERE order_id = $1 AND status = 'pending'",
        order_id
    )
    .execute(&mut *tx)
    .await?;
    // What is left of a paid payment goes back (refunds still pending
    // count as given); the refund is written to `refunds`, pending until the
    // provider confirms, so the order's refund list is complete whoever
    // cancelled it.
    let mut refunds = Vec::new();
    for paid in refundable(&mut *tx, order_id).await? {
        sqlx::query!(
            "UPDATE payments SET status = 'refund_pending', updated_at = now() WHERE id = $1",
            paid.payment_id
        )
        .execute(&mut *tx)
        .await?;
        if paid.left_minor <= 0 {
            continue;
        }
        refunds.push(open_refund(&mut *tx, order_id, &paid, paid.left_minor, reason, None).await?);
    }
    Ok(refunds)
}

/// Cancels an order in its own transaction and makes its refunds.
pub async fn cancel(
    pool: &PgPool,
    order_id: i64,
    actor: Actor,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let refunds = cancel_in(&mut tx, order_id, actor, reason).await?;
    tx.commit().await?;
    for r in &refunds {
        // Refused now, it stays pending and the jobs retry it.
        let _ = settle_refund(pool, r, Actor::System).await;
    }
    Ok(())
}

/// Receipt confirmed: by the shopper, or by the job after N days.
///
/// Cash on delivery still due is collected by the courier and recorded by
/// staff (marking the order delivered, behind the `OrderShip` permission).
/// A shopper confirming receipt must not record it for them, so until then
/// the shopper's confirmation is refused (403) and changes nothing.
pub async fn complete(pool: &PgPool, order_id: i64, actor: Actor) -> Result<(), AppError> {
    let by_shopper = actor == Actor::Shopper;
    let from = OrderStatus::sources(OrderStatus::Completed);
    let mut tx = pool.begin().await?;
    let done = sqlx::query_scalar!(
        "WITH o AS (
             UPDATE orders SET status = 'completed', completed_at = now(),
                    payment_status = CASE payment_status WHEN 'cod_due' THEN 'cod_collected'
                                                         ELSE payment_status END
              WHERE id = $1 AND status = ANY($2::text[])
                AND NOT ($4 AND payment_status = 'cod_due')
              RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, 'completed', $3 FROM o
         RETURNING order_id",
        order_id,
        &from[..] as &[OrderStatus],
        actor as Actor,
        by_shopper,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_some() {
        // Cash on delivery is paid now: its points are earned now.
        crate::loyalty::db::earn(&mut tx, order_id).await?;
        tx.commit().await?;
        return Ok(());
    }
    drop(tx);
    // Refused because the cash is still due, or because the order moved on?
    let cod_due = sqlx::query_scalar!(
        r#"SELECT status = ANY($2::text[]) AND payment_status = 'cod_due' AS "cod_due!"
             FROM orders WHERE id = $1"#,
        order_id,
        &from[..] as &[OrderStatus],
    )
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
    let from = OrderStatus::sources(next);
    let done = sqlx::query_scalar!(
        "WITH o AS (
             UPDATE orders SET status = $2,
                    carrier = COALESCE($4, carrier), tracking_number = COALESCE($5, tracking_number),
                    shipped_at = CASE WHEN $2 = 'shipped' THEN now() ELSE shipped_at END,
                    delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
                    payment_status = CASE WHEN $2 = 'delivered' AND payment_status = 'cod_due'
                                          THEN 'cod_collected' ELSE payment_status END
              WHERE number = $1 AND status = ANY($3::text[])
                -- Not while a refund before shipment is being decided: the
                -- goods would leave after the money.
                AND NOT ($2 = 'shipped' AND EXISTS (
                    SELECT 1 FROM after_sales_requests a
                     WHERE a.order_id = orders.id AND a.kind = 'refund_only'
                       AND a.status IN ('requested', 'approved')))
                -- Nor while it waits for its risk review (the table's
                -- CHECK refuses it too; this says why).
                AND NOT ($2 = 'shipped' AND orders.risk_hold = 'held')
              RETURNING id)
         INSERT INTO order_events (order_id, status, actor) SELECT id, $2, 'staff' FROM o
         RETURNING order_id",
        number,
        next as OrderStatus,
        &from[..] as &[OrderStatus],
        carrier,
        tracking,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = done {
        let event = match next {
            OrderStatus::Shipped => Some(crate::notify::Event::OrderShipped),
            OrderStatus::Delivered => Some(crate::notify::Event::OrderDelivered),
            _ => None,
        };
        if let Some(e) = event {
            crate::notify::db::order(conn, id, e, None, serde_json::json!({})).await?;
        }
        if next == OrderStatus::Delivered {
            // Cash on delivery is paid now: its points are earned now.
            crate::loyalty::db::earn(conn, id).await?;
        }
        return Ok(());
    }
    if next != OrderStatus::Shipped {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    let why = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM after_sales_requests a
                           WHERE a.order_id = o.id AND a.kind = 'refund_only'
                             AND a.status IN ('requested', 'approved')) AS "refund!",
                  o.risk_hold = 'held' AS "risk!"
             FROM orders o WHERE o.number = $1"#,
        number
    )
    .fetch_optional(&mut *conn)
    .await?;
    Err(AppError::Conflict(match why {
        Some(w) if w.refund => ErrorKey::AfterSalesPending,
        Some(w) if w.risk => ErrorKey::OrderHeld,
        _ => ErrorKey::OrderStateChanged,
    }))
}

/// A carrier's scan ("arrived at Shanghai hub"), shown to the shopper.
/// Only for orders that have shipped.
pub async fn add_tracking(
    conn: &mut PgConnection,
    number: &str,
    location: &str,
    description: &str,
) -> Result<(), AppError> {
    let n = sqlx::query!(
        "INSERT INTO tracking_events (order_id, location, description)
         SELECT id, $2, $3 FROM orders
          WHERE number = $1 AND status IN ('shipped', 'delivered', 'completed')",
        number,
        location,
        description,
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict(ErrorKey::OrderStateChanged))
    }
}
