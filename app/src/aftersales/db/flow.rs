//! Moving a request through its states, each step inside the caller's
//! transaction. Every step starts from [`lock`], which takes the order's
//! row before the request's (the order every writer of requests and
//! refunds follows), and every UPDATE repeats the state machine in its
//! WHERE clause (`RequestStatus::sources`), so a retry or a race applies a
//! step once. Refunds are written here as pending rows and returned, to be
//! asked of the provider after the transaction commits.
use super::event;
use crate::aftersales::{RequestKind, RequestStatus};
use crate::error::{AppError, ErrorKey};
use crate::orders::OrderStatus;
use crate::payments::Actor;
use crate::payments::db::refunds::{RefundRequest, open_refund, refundable};
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};

/// A request, locked with its order.
#[derive(Debug, Clone)]
pub struct Locked {
    pub id: i64,
    pub number: String,
    pub order_id: i64,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub refund_minor: i64,
    pub goodwill_minor: i64,
    pub extended: bool,
    pub order_status: OrderStatus,
    pub deadline_at: Option<OffsetDateTime>,
}

/// Locks the request numbered `number` and its order (order first). With
/// `owner`, only that shopper's request is found; another's answers as a
/// missing one.
/// Locks a request (and its order) for a change. `owner` is the shopper
/// acting, whose request it must be; None for staff and the jobs.
pub async fn lock(
    conn: &mut PgConnection,
    number: &str,
    owner: Option<super::Shopper>,
) -> Result<Locked, AppError> {
    sqlx::query_as!(
        Locked,
        r#"SELECT r.id, r.number, r.order_id, r.kind AS "kind: RequestKind",
                  r.status AS "status: RequestStatus", r.refund_minor, r.goodwill_minor,
                  r.extended_reason IS NOT NULL AS "extended!",
                  o.status AS "order_status: OrderStatus", r.deadline_at
             FROM after_sales_requests r JOIN orders o ON o.id = r.order_id
            WHERE r.number = $1 AND ($2 OR r.user_id IS NOT DISTINCT FROM $3)
              FOR UPDATE OF o, r"#,
        number,
        owner.is_none(),
        owner.and_then(|o| o.user_id())
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The deadlines of the policy, in days.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines {
    pub answer_days: i32,
    pub ship_days: i32,
    pub receive_days: i32,
}

pub async fn deadlines(conn: &mut PgConnection) -> Result<Deadlines, AppError> {
    Ok(sqlx::query_as!(
        Deadlines,
        "SELECT answer_days, ship_days, receive_days FROM after_sales_policy"
    )
    .fetch_one(conn)
    .await?)
}

fn days(n: i32) -> Duration {
    Duration::days(i64::from(n))
}

/// Moves the request to `next` (with the deadline of the new state) and
/// records it on the timeline. Refused with a conflict when the request
/// is no longer in a state that may move there.
pub(super) async fn set_status(
    conn: &mut PgConnection,
    req: &mut Locked,
    next: RequestStatus,
    deadline: Option<OffsetDateTime>,
    actor: Actor,
    note: &str,
) -> Result<(), AppError> {
    let from = RequestStatus::sources(next, req.kind);
    let done = sqlx::query!(
        "UPDATE after_sales_requests
            SET status = $2, deadline_at = $3, updated_at = now(),
                shipped_back_at = CASE WHEN $2 = 'buyer_shipped' THEN now() ELSE shipped_back_at END,
                received_at = CASE WHEN $2 = 'received' THEN now() ELSE received_at END
          WHERE id = $1 AND status = ANY($4)",
        req.id,
        next as RequestStatus,
        deadline,
        &from[..] as &[RequestStatus],
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    req.status = next;
    req.deadline_at = deadline;
    event(conn, &req.number, next, actor, note).await?;
    if next == RequestStatus::Refunded {
        // What the refunded units earned is taken back.
        crate::loyalty::db::settle(conn, req.order_id).await?;
    }
    Ok(())
}

/// Approves a request. A refund only is paid at once (and before
/// shipment its units are taken off the order); a return waits for the
/// shopper to ship within the policy's days.
pub async fn approve(
    conn: &mut PgConnection,
    req: &mut Locked,
    actor: Actor,
    staff_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<Vec<RefundRequest>, AppError> {
    let d = deadlines(&mut *conn).await?;
    if req.kind.returns_goods() {
        let until = now + days(d.ship_days);
        set_status(conn, req, RequestStatus::Approved, Some(until), actor, "").await?;
        return Ok(Vec::new());
    }
    set_status(conn, req, RequestStatus::Approved, None, actor, "").await?;
    let mut refunds = pay(conn, req, actor, staff_id).await?;
    let before_shipment = req.order_status == OrderStatus::AwaitingShipment;
    if before_shipment {
        // The units' variants are locked before `Refunded` settles points
        // (locking the shopper): checkout takes the same locks in the same
        // order, so the two never wait on each other crosswise.
        lock_variants(conn, req.id).await?;
    }
    set_status(conn, req, RequestStatus::Refunded, None, actor, "").await?;
    if before_shipment {
        refunds.extend(take_off_order(conn, req, actor).await?);
    }
    Ok(refunds)
}

/// Refuses a request, with the reason the shopper will read. A price
/// difference the shopper already paid goes back.
pub async fn refuse(
    conn: &mut PgConnection,
    req: &mut Locked,
    reason: &str,
) -> Result<Vec<RefundRequest>, AppError> {
    set_status(
        conn,
        req,
        RequestStatus::Refused,
        None,
        Actor::Staff,
        reason,
    )
    .await?;
    super::exchange::return_charge(conn, req).await
}

/// The shopper gives up on a request that has not gone past approval; a
/// difference they paid goes back.
pub async fn withdraw(
    conn: &mut PgConnection,
    req: &mut Locked,
) -> Result<Vec<RefundRequest>, AppError> {
    set_status(
        conn,
        req,
        RequestStatus::Withdrawn,
        None,
        Actor::Shopper,
        "",
    )
    .await?;
    super::exchange::return_charge(conn, req).await
}

/// Gives the merchant's own deadline (answering, confirming receipt) one
/// more period of the same length, once per request, with a reason.
pub async fn extend(
    conn: &mut PgConnection,
    req: &mut Locked,
    reason: &str,
) -> Result<OffsetDateTime, AppError> {
    let d = deadlines(&mut *conn).await?;
    let more = match req.status {
        RequestStatus::Requested => d.answer_days,
        RequestStatus::BuyerShipped => d.receive_days,
        _ => return Err(AppError::Conflict(ErrorKey::OrderStateChanged)),
    };
    if req.extended {
        return Err(AppError::Conflict(ErrorKey::AfterSalesExtendedOnce));
    }
    let Some(at) = req.deadline_at else {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    };
    let until = at + days(more);
    let done = sqlx::query!(
        "UPDATE after_sales_requests
            SET deadline_at = $2, extended_reason = $3, updated_at = now()
          WHERE id = $1 AND status = $4 AND extended_reason IS NULL",
        req.id,
        until,
        reason,
        req.status as RequestStatus,
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(ErrorKey::AfterSalesExtendedOnce));
    }
    req.extended = true;
    req.deadline_at = Some(until);
    super::event_of(conn, req.id, req.status, "extended", Actor::Staff, reason).await?;
    let extended = crate::notify::Event::AfterSalesExtended;
    crate::notify::db::after_sales(conn, &req.number, extended, None).await?;
    Ok(until)
}

/// The shopper did not send an approved return in time: it is closed,
/// and its units may be asked for again while the window lasts. A
/// difference they paid goes back.
pub async fn close_unshipped(
    conn: &mut PgConnection,
    req: &mut Locked,
) -> Result<Vec<RefundRequest>, AppError> {
    set_status(conn, req, RequestStatus::Withdrawn, None, Actor::System, "").await?;
    super::exchange::return_charge(conn, req).await
}

/// The shopper has sent the goods back: the merchant now has the policy's
/// days to confirm receipt.
pub async fn ship_back(
    conn: &mut PgConnection,
    req: &mut Locked,
    carrier: &str,
    tracking: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let d = deadlines(&mut *conn).await?;
    sqlx::query!(
        "UPDATE after_sales_requests SET return_carrier = $2, return_tracking = $3
          WHERE id = $1 AND status = 'approved'",
        req.id,
        carrier,
        tracking
    )
    .execute(&mut *conn)
    .await?;
    let until = now + days(d.receive_days);
    let note = format!("{carrier} {tracking}");
    set_status(
        conn,
        req,
        RequestStatus::BuyerShipped,
        Some(until),
        Actor::Shopper,
        &note,
    )
    .await
}

/// The returned goods arrived. A return and refund is paid now; an
/// exchange or repair waits for the merchant's next step.
pub async fn receive(
    conn: &mut PgConnection,
    req: &mut Locked,
    actor: Actor,
    staff_id: Option<i64>,
) -> Result<Vec<RefundRequest>, AppError> {
    set_status(conn, req, RequestStatus::Received, None, actor, "").await?;
    if req.kind != RequestKind::ReturnRefund {
        return Ok(Vec::new());
    }
    let refunds = pay(conn, req, actor, staff_id).await?;
    set_status(conn, req, RequestStatus::Refunded, None, actor, "").await?;
    Ok(refunds)
}

/// Writes the request's refund (its offer plus any goodwill) as pending
/// refunds against the order's payments, oldest first, capped by what is
/// left of them now: a cancellation or staff refund since the request was
/// opened may have given some back already. Cash on delivery gets a
/// payment row recording the collected cash first, so its refund has a
/// record like any other.
pub(super) async fn pay(
    conn: &mut PgConnection,
    req: &Locked,
    actor: Actor,
    staff_id: Option<i64>,
) -> Result<Vec<RefundRequest>, AppError> {
    let mut owed = req.refund_minor.saturating_add(req.goodwill_minor);
    sqlx::query!(
        "INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency, status)
         SELECT o.id, 'cod', 'cod-' || o.number, o.total_minor, o.currency, 'paid'
           FROM orders o
          WHERE o.id = $1 AND o.payment_status = 'cod_collected'
            AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id
                              AND p.status IN ('paid', 'refund_pending', 'refunded')
                                          AND p.after_sales_id IS NULL)",
        req.order_id
    )
    .execute(&mut *conn)
    .await?;
    let mut made = Vec::new();
    for from in refundable(&mut *conn, req.order_id).await? {
        let amount = owed.min(from.left_minor.max(0));
        if amount == 0 {
            continue;
        }
        let r = refund_for(conn, req, &from, amount, staff_id).await?;
        owed -= amount;
        made.push(r);
    }
    let paid: i64 = made.iter().map(|r| r.amount_minor).sum();
    sqlx::query!(
        "UPDATE after_sales_requests SET refunded_minor = $2 WHERE id = $1",
        req.id,
        paid
    )
    .execute(&mut *conn)
    .await?;
    if owed > 0 {
        tracing::warn!(request = %req.number, short = owed, ?actor, "refund capped by what was left");
    }
    Ok(made)
}

/// A pending refund of `amount` from `from` for the request, named by its
/// number (no words in one language stored for staff reading the order in
/// another) and tagged with it.
pub(super) async fn refund_for(
    conn: &mut PgConnection,
    req: &Locked,
    from: &crate::payments::db::refunds::Refundable,
    amount: i64,
    staff_id: Option<i64>,
) -> Result<RefundRequest, AppError> {
    let r = open_refund(
        &mut *conn,
        req.order_id,
        from,
        amount,
        &req.number,
        staff_id,
    )
    .await?;
    sqlx::query!(
        "UPDATE refunds SET after_sales_id = $2 WHERE id = $1",
        r.id,
        req.id
    )
    .execute(&mut *conn)
    .await?;
    Ok(r)
}

/// Before shipment, a refunded request's units are taken off the order:
/// back in stock, not packed, not counted as sold. When nothing is left to
/// send, the order is cancelled (its remaining money, if any, goes back
/// with the cancellation).
/// Locks the variants of request `request_id`'s lines, in id order (as
/// checkout and `take_off_order` do).
async fn lock_variants(conn: &mut PgConnection, request_id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "SELECT v.id FROM product_variants v
           JOIN order_items i ON i.variant_id = v.id
           JOIN after_sales_items ai ON ai.order_item_id = i.id
          WHERE ai.request_id = $1
          ORDER BY v.id FOR UPDATE OF v",
        request_id
    )
    .fetch_all(conn)
    .await?;
    Ok(())
}

async fn take_off_order(
    conn: &mut PgConnection,
    req: &Locked,
    actor: Actor,
) -> Result<Vec<RefundRequest>, AppError> {
    sqlx::query!(
        "WITH taken AS (
             UPDATE order_items i SET cancelled_qty = LEAST(i.qty, i.cancelled_qty + ai.qty)
               FROM after_sales_items ai
              WHERE ai.request_id = $1 AND ai.order_item_id = i.id
             RETURNING i.variant_id, i.product_id, ai.qty),
         locked AS (
             SELECT v.id FROM product_variants v JOIN taken t ON t.variant_id = v.id
              ORDER BY v.id FOR UPDATE OF v),
         stocked AS (
             UPDATE product_variants v SET stock = v.stock + t.qty
               FROM (SELECT variant_id, sum(qty)::int AS qty FROM taken
                      WHERE variant_id IS NOT NULL GROUP BY variant_id) t
              WHERE v.id = t.variant_id AND v.id IN (SELECT id FROM locked))
         INSERT INTO product_sales_deltas (product_id, qty)
         SELECT product_id, -sum(qty)::int FROM taken
          WHERE product_id IS NOT NULL GROUP BY product_id",
        req.id
    )
    .execute(&mut *conn)
    .await?;
    let rest = sqlx::query_scalar!(
        r#"SELECT COALESCE(sum(qty - cancelled_qty), 0)::bigint AS "rest!"
             FROM order_items WHERE order_id = $1"#,
        req.order_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if rest > 0 {
        return Ok(Vec::new());
    }
    crate::orders::db::cancel_in(conn, req.order_id, actor, &req.number).await
}

/// What staff found for one line's returned units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inspection {
    pub order_item_id: i64,
    pub restocked: i32,
    pub damaged: i32,
    pub scrapped: i32,
}

/// Records the inspection of every line of a request whose goods came
/// back, once: units put back raise the variant's stock with a
/// `returned` stock movement. A second inspection (a retry, or two staff
/// at once) finds the lines inspected and changes nothing.
pub async fn inspect(
    conn: &mut PgConnection,
    req: &Locked,
    found: &[Inspection],
    staff_id: Option<i64>,
) -> Result<(), AppError> {
    let arrived = matches!(
        req.status,
        RequestStatus::Received
            | RequestStatus::Refunded
            | RequestStatus::Exchanged
            | RequestStatus::Repaired
    );
    if !req.kind.keeps_goods() || !arrived {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    let lines = sqlx::query!(
        "SELECT order_item_id, qty, inspected_at IS NOT NULL AS \"done!\"
           FROM after_sales_items WHERE request_id = $1 ORDER BY order_item_id",
        req.id
    )
    .fetch_all(&mut *conn)
    .await?;
    if lines.iter().any(|l| l.done) {
        return Err(AppError::Conflict(ErrorKey::AfterSalesInspected));
    }
    for l in &lines {
        let Some(f) = found.iter().find(|f| f.order_item_id == l.order_item_id) else {
            return Err(AppError::invalid("inspection", ErrorKey::Required));
        };
        let sum = i64::from(f.restocked) + i64::from(f.damaged) + i64::from(f.scrapped);
        if f.restocked < 0 || f.damaged < 0 || f.scrapped < 0 || sum != i64::from(l.qty) {
            return Err(AppError::invalid(
                "inspection",
                ErrorKey::AfterSalesUnitsMismatch,
            ));
        }
    }
    for f in found {
        let back = sqlx::query!(
            "UPDATE after_sales_items ai
                SET restocked = $3, damaged = $4, scrapped = $5, inspected_at = now()
               FROM order_items i
              WHERE ai.request_id = $1 AND ai.order_item_id = $2 AND i.id = ai.order_item_id
                AND ai.inspected_at IS NULL
             RETURNING i.variant_id",
            req.id,
            f.order_item_id,
            f.restocked,
            f.damaged,
            f.scrapped,
        )
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::Conflict(ErrorKey::AfterSalesInspected))?;
        if let (Some(variant), true) = (back.variant_id, f.restocked > 0) {
            restock(conn, variant, f.restocked, &req.number, staff_id).await?;
        }
    }
    super::event_of(conn, req.id, req.status, "inspected", Actor::Staff, "").await
}

/// Puts `units` back on the shelf, with the stock movement that says why.
async fn restock(
    conn: &mut PgConnection,
    variant: i64,
    units: i32,
    number: &str,
    staff_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query!(
        "WITH v AS (UPDATE product_variants SET stock = stock + $2 WHERE id = $1
                    RETURNING id, stock)
         INSERT INTO stock_movements (variant_id, delta, reason, note, stock_after, staff_id)
         SELECT id, $2, 'returned', $3, stock, $4 FROM v",
        variant,
        units,
        number,
        staff_id,
    )
    .execute(conn)
    .await?;
    Ok(())
}
