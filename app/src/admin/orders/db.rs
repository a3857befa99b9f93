use super::{AdminOrder, Note, ORDERS_PAGE_SIZE, OrderList, OrderQuery, OrderRow, RefundRow};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::orders::db::{add_tracking, advance, cancel_in};
use crate::orders::{Actor, OrderStatus};
use crate::payments::db::refunds::{
    RefundRequest, open_refund, refund_refused, refundable, settle_refund,
};
use crate::payments::{PaymentMethod, PaymentStatus, RefundStatus};
use crate::risk::RiskHold;
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// A YYYY-MM-DD date that exists on the calendar, or a field error.
fn date_or_bad(s: &str, field: &str) -> Result<Option<time::Date>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) {
                (Ok(y), Ok(m), Ok(d)) => time::Month::try_from(m)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(y, m, d).ok()),
                _ => None,
            }
        }
        _ => None,
    };
    match date {
        Some(d) => Ok(Some(d)),
        None => Err(AppError::Validation(vec![FieldError::new(
            field,
            ErrorKey::NumberInvalid,
        )])),
    }
}

pub async fn search(pool: &PgPool, q: &OrderQuery) -> Result<OrderList, AppError> {
    let status = match q.status.trim() {
        "" => None,
        s => Some(OrderStatus::parse(s).ok_or(AppError::BadRequest)?),
    };
    let from = date_or_bad(&q.from, "from")?;
    let to = date_or_bad(&q.to, "to")?;
    let text = q.q.trim();
    if text.chars().count() > 100 || !(0..=1000).contains(&q.page) {
        return Err(AppError::BadRequest);
    }
    let mut rows = sqlx::query_as!(
        OrderRow,
        r#"SELECT o.number, o.status AS "status: OrderStatus",
                  o.payment_status AS "payment_status: PaymentStatus",
                  o.payment_method AS "payment_method: PaymentMethod",
                  COALESCE(u.display_name, '') AS "customer!",
                  COALESCE(u.email, o.guest_email, '') AS "email!",
                  o.total_minor, o.currency, shop_minute(o.created_at) AS "placed_at!",
                  (SELECT COALESCE(sum(qty), 0) FROM order_items i WHERE i.order_id = o.id)::bigint
                    AS "items!",
                  o.risk_score, o.risk_hold AS "risk_hold: RiskHold"
             FROM orders o LEFT JOIN users u ON u.id = o.user_id
            WHERE ($1::text IS NULL OR o.status = $1)
              AND (NOT $8 OR (o.risk_hold = 'held' AND o.status <> 'cancelled'))
              AND ($2::date IS NULL OR o.created_at >= shop_midnight($2::date))
              AND ($3::date IS NULL OR o.created_at < shop_midnight($3::date + 1))
              AND ($4 = '' OR o.number ILIKE $5 OR u.email ILIKE $5 OR u.display_name ILIKE $5
                   OR o.guest_email ILIKE $5)
            ORDER BY o.created_at DESC, o.id DESC
            LIMIT $6 OFFSET $7"#,
        status as Option<OrderStatus>,
        from,
        to,
        text,
        crate::text::like_pattern(text),
        ORDERS_PAGE_SIZE + 1,
        q.page * ORDERS_PAGE_SIZE,
        q.risk == "held",
    )
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > ORDERS_PAGE_SIZE;
    rows.truncate(ORDERS_PAGE_SIZE as usize);
    Ok(OrderList { rows, has_more })
}

async fn order_id(pool: &PgPool, number: &str) -> Result<i64, AppError> {
    sqlx::query_scalar!("SELECT id FROM orders WHERE number = $1", number)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn load(pool: &PgPool, number: &str) -> Result<AdminOrder, AppError> {
    let id = order_id(pool, number).await?;
    let detail = crate::orders::db::detail(pool, id).await?;
    let who = sqlx::query!(
        r#"SELECT u.id AS "customer_id?", COALESCE(u.display_name, '') AS "customer!",
                  COALESCE(u.email, o.guest_email, '') AS "email!"
             FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = $1"#,
        id
    )
    .fetch_one(pool)
    .await?;
    let notes = sqlx::query_as!(
        Note,
        r#"SELECT COALESCE(u.display_name, '') AS "author!", n.body,
                  shop_minute(n.created_at) AS "at!"
             FROM order_notes n LEFT JOIN users u ON u.id = n.staff_id
            WHERE n.order_id = $1 ORDER BY n.id"#,
        id
    )
    .fetch_all(pool)
    .await?;
    let refunds = sqlx::query_as!(
        RefundRow,
        r#"SELECT r.amount_minor, r.reason, r.status AS "status: RefundStatus",
                  COALESCE(u.display_name, '') AS "author!", shop_minute(r.created_at) AS "at!"
             FROM refunds r LEFT JOIN users u ON u.id = r.staff_id
            WHERE r.order_id = $1 ORDER BY r.id"#,
        id
    )
    .fetch_all(pool)
    .await?;
    let after_sales = sqlx::query_as!(
        super::OrderRequest,
        r#"SELECT number, kind AS "kind: crate::aftersales::RequestKind",
                  status AS "status: crate::aftersales::RequestStatus"
             FROM after_sales_requests WHERE order_id = $1 ORDER BY id DESC"#,
        id
    )
    .fetch_all(pool)
    .await?;
    let refundable_minor = refundable(&mut *pool.acquire().await?, id)
        .await?
        .last()
        .map_or(0, |p| p.left_minor.max(0));
    Ok(AdminOrder {
        detail,
        customer_id: who.customer_id,
        customer: who.customer,
        email: who.email,
        notes,
        refunds,
        refundable_minor,
        after_sales,
        risk: crate::risk::db::of_order(pool, id).await?,
    })
}

/// The order's state as the audit log keeps it (the keys the log's reader
/// knows: status, payment_status, carrier, tracking_number), with its row
/// locked for the change. An order that does not exist is "not found".
async fn order_snapshot(conn: &mut PgConnection, number: &str) -> Result<Snapshot, AppError> {
    let row = sqlx::query!(
        r#"SELECT id, status AS "status: OrderStatus",
                  payment_status AS "payment_status: PaymentStatus", carrier, tracking_number,
                  risk_hold AS "risk_hold: RiskHold"
             FROM orders WHERE number = $1 FOR UPDATE"#,
        number
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Snapshot {
        target: Target::new("order", row.id, number),
        state: json!({
            "status": row.status,
            "payment_status": row.payment_status,
            "carrier": row.carrier,
            "tracking_number": row.tracking_number,
            "risk_hold": row.risk_hold,
        }),
    })
}

/// The order (locked, as in [`order_snapshot`]) with `added` as the
/// entry's "after" once the change is made, and nothing before it: what
/// is only added (a tracking scan, a note, a refund request) is logged as
/// that addition.
async fn addition(
    conn: &mut PgConnection,
    number: &str,
    added: Option<serde_json::Value>,
) -> Result<Option<Snapshot>, AppError> {
    let order = order_snapshot(conn, number).await?;
    Ok(added.map(|state| Snapshot {
        target: order.target,
        state,
    }))
}

pub async fn ship(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    carrier: &str,
    tracking: &str,
) -> Result<(), AppError> {
    let errors = super::check_shipment(carrier, tracking);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    audited(
        pool,
        staff.into(),
        AuditAction::OrderShip,
        async |conn: &mut PgConnection, _: Option<&()>| {
            order_snapshot(conn, number).await.map(Some)
        },
        async |conn: &mut PgConnection| {
            let (carrier, tracking) = (Some(carrier.trim()), Some(tracking.trim()));
            advance(conn, number, OrderStatus::Shipped, carrier, tracking).await
        },
    )
    .await
}

pub async fn deliver(pool: &PgPool, staff: &Staff, number: &str) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::OrderDeliver,
        async |conn: &mut PgConnection, _: Option<&()>| {
            order_snapshot(conn, number).await.map(Some)
        },
        async |conn: &mut PgConnection| {
            advance(conn, number, OrderStatus::Delivered, None, None).await
        },
    )
    .await
}

fn check_text(field: &str, text: &str, max: usize) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        Err(AppError::Validation(vec![FieldError::new(
            field,
            ErrorKey::Required,
        )]))
    } else if t.chars().count() > max {
        Err(AppError::Validation(vec![FieldError::new(
            field,
            ErrorKey::TooLong,
        )]))
    } else {
        Ok(t.to_string())
    }
}

pub async fn track(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    location: &str,
    text: &str,
) -> Result<(), AppError> {
    let location = location.trim();
    if location.chars().count() > 60 {
        return Err(AppError::Validation(vec![FieldError::new(
            "location",
            ErrorKey::TooLong,
        )]));
    }
    let text = check_text("text", text, 200)?;
    let event = json!({ "tracking_event": { "location": location, "description": text } });
    audited(
        pool,
        staff.into(),
        AuditAction::OrderTrack,
        async |conn: &mut PgConnection, done: Option<&()>| {
            addition(conn, number, done.map(|_| event.clone())).await
        },
        async |conn: &mut PgConnection| add_tracking(conn, number, location, &text).await,
    )
    .await
}

pub async fn note(pool: &PgPool, staff: &Staff, number: &str, body: &str) -> Result<(), AppError> {
    let body = check_text("body", body, 1000)?;
    audited(
        pool,
        staff.into(),
        AuditAction::OrderNote,
        async |conn: &mut PgConnection, done: Option<&()>| {
            addition(conn, number, done.map(|_| json!({ "note": body }))).await
        },
        async |conn: &mut PgConnection| {
            // The order row is locked and exists (the snapshot before).
            sqlx::query!(
                "INSERT INTO order_notes (order_id, staff_id, body)
                 SELECT id, $2, $3 FROM orders WHERE number = $1",
                number,
                staff.user.id,
                body,
            )
            .execute(conn)
            .await?;
            Ok(())
        },
    )
    .await
}

pub async fn cancel(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    reason: &str,
) -> Result<(), AppError> {
    cancel_as(pool, staff, number, reason, Cancellation::Staff).await
}

/// Why staff cancel an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cancellation {
    /// From the order page (`order.cancel`).
    Staff,
    /// The risk review rejecting a held order (`order.risk`): it is taken
    /// off hold first, so only a held order is cancelled that way.
    RiskRejected,
}

impl Cancellation {
    fn action(self) -> AuditAction {
        match self {
            Cancellation::Staff => AuditAction::OrderCancel,
            Cancellation::RiskRejected => AuditAction::OrderRisk,
        }
    }
}

/// Cancels the order (money back, stock back) in one transaction, audited
/// as `why` says.
async fn cancel_as(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    reason: &str,
    why: Cancellation,
) -> Result<(), AppError> {
    let reason = check_text("reason", reason, 200)?;
    let id = order_id(pool, number).await?;
    let refunds = audited(
        pool,
        staff.into(),
        why.action(),
        async |conn: &mut PgConnection, _: Option<&Vec<RefundRequest>>| {
            order_snapshot(conn, number).await.map(Some)
        },
        async |conn: &mut PgConnection| {
            if why == Cancellation::RiskRejected {
                unhold(conn, id, RiskHold::Rejected).await?;
            }
            let refunds = cancel_in(conn, id, Actor::Staff, &reason).await?;
            sqlx::query!(
                "UPDATE refunds SET staff_id = $2
                  WHERE order_id = $1 AND status = 'pending' AND staff_id IS NULL",
                id,
                staff.user.id,
            )
            .execute(&mut *conn)
            .await?;
            Ok(refunds)
        },
    )
    .await?;
    for r in &refunds {
        // Refused now, it stays pending and the order jobs retry it.
        let _ = settle_refund(pool, r, Actor::System).await;
    }
    Ok(())
}

/// Takes a held order off hold; a conflict if it is not held (any more).
async fn unhold(conn: &mut PgConnection, id: i64, to: RiskHold) -> Result<(), AppError> {
    let done = sqlx::query!(
        "UPDATE orders SET risk_hold = $2 WHERE id = $1 AND risk_hold = 'held'",
        id,
        to as RiskHold,
    )
    .execute(conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    Ok(())
}

/// The risk review's decision on a held order: released, it may ship;
/// otherwise it is cancelled with `reason` (money and stock back).
pub async fn review(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    release: bool,
    reason: &str,
) -> Result<(), AppError> {
    if !release {
        return cancel_as(pool, staff, number, reason, Cancellation::RiskRejected).await;
    }
    let id = order_id(pool, number).await?;
    audited(
        pool,
        staff.into(),
        AuditAction::OrderRisk,
        async |conn: &mut PgConnection, _: Option<&()>| {
            order_snapshot(conn, number).await.map(Some)
        },
        async |conn: &mut PgConnection| unhold(conn, id, RiskHold::Released).await,
    )
    .await
}

/// A refund in two steps around the provider call: the request is written
/// (pending, audited, with its idempotency key) and committed first, so
/// money sent is never without a record; then the provider is asked, and
/// the outcome recorded. The remainder is read with the order row locked
/// (`order_snapshot`), the lock a shopper's cancellation takes too, so the
/// two together never give back more than was paid.
pub async fn refund(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    amount_minor: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = check_text("reason", reason, 200)?;
    if amount_minor <= 0 {
        return Err(AppError::Validation(vec![FieldError::new(
            "amount",
            ErrorKey::NumberInvalid,
        )]));
    }
    let id = order_id(pool, number).await?;
    let made = audited(
        pool,
        staff.into(),
        AuditAction::OrderRefund,
        async |conn: &mut PgConnection, made: Option<&RefundRequest>| match made {
            None => order_snapshot(conn, number).await.map(Some),
            Some(r) => {
                let refund = json!({ "refund": { "id": r.id, "amount_minor": r.amount_minor,
                                                 "reason": reason } });
                addition(conn, number, Some(refund)).await
            }
        },
        async |conn: &mut PgConnection| {
            // The latest paid payment, as the order page shows it.
            let Some(from) = refundable(&mut *conn, id).await?.pop() else {
                return Err(AppError::Conflict(ErrorKey::NotRefundable));
            };
            let left = from.left_minor.max(0);
            if left == 0 {
                return Err(AppError::Conflict(ErrorKey::NotRefundable));
            }
            if amount_minor > left {
                return Err(AppError::Validation(vec![FieldError::new(
                    "amount",
                    ErrorKey::RefundTooLarge,
                )]));
            }
            open_refund(conn, id, &from, amount_minor, &reason, Some(staff.user.id)).await
        },
    )
    .await?;
    if settle_refund(pool, &made, Actor::Staff).await.is_err() {
        refund_refused(pool, made.id).await?;
        return Err(AppError::Conflict(ErrorKey::PaymentUnavailable));
    }
    Ok(())
}
