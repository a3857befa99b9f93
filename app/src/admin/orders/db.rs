use super::{AdminOrder, Note, ORDERS_PAGE_SIZE, OrderList, OrderQuery, OrderRow, RefundRow};
use crate::admin::audit::db::{Target, record};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::orders::OrderStatus;
use crate::server::Staff;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

/// A YYYY-MM-DD date that exists on the calendar, or a field error.
fn date_or_bad(s: &str, field: &str) -> Result<Option<String>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let real = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) {
                (Ok(y), Ok(m), Ok(d)) => time::Month::try_from(m)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(y, m, d).ok())
                    .is_some(),
                _ => false,
            }
        }
        _ => false,
    };
    if real {
        Ok(Some(s.to_string()))
    } else {
        Err(AppError::Validation(vec![FieldError::new(
            field,
            ErrorKey::NumberInvalid,
        )]))
    }
}

pub async fn search(pool: &PgPool, q: &OrderQuery) -> Result<OrderList, AppError> {
    let status = match q.status.trim() {
        "" => None,
        s => Some(OrderStatus::parse(s).ok_or(AppError::BadRequest)?.as_str()),
    };
    let from = date_or_bad(&q.from, "from")?;
    let to = date_or_bad(&q.to, "to")?;
    let text = q.q.trim();
    if text.chars().count() > 100 || !(0..=1000).contains(&q.page) {
        return Err(AppError::BadRequest);
    }
    let mut rows: Vec<OrderRow> = sqlx::query_as(
        "SELECT o.number, o.status, o.payment_status, o.payment_method,
                COALESCE(u.display_name, '') AS customer,
                COALESCE(u.email, o.guest_email, '') AS email,
                o.total_minor, o.currency,
                to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS placed_at,
                (SELECT COALESCE(sum(qty), 0) FROM order_items i WHERE i.order_id = o.id)::bigint AS items
           FROM orders o LEFT JOIN users u ON u.id = o.user_id
          WHERE ($1::text IS NULL OR o.status = $1)
            AND ($2::date IS NULL OR o.created_at >= $2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND ($3::date IS NULL OR o.created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND ($4 = '' OR o.number ILIKE $5 OR u.email ILIKE $5 OR u.display_name ILIKE $5
                 OR o.guest_email ILIKE $5)
          ORDER BY o.created_at DESC, o.id DESC
          LIMIT $6 OFFSET $7",
    )
    .bind(status)
    .bind(from)
    .bind(to)
    .bind(text)
    .bind(crate::admin::like_pattern(text))
    .bind(ORDERS_PAGE_SIZE + 1)
    .bind(q.page * ORDERS_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > ORDERS_PAGE_SIZE;
    rows.truncate(ORDERS_PAGE_SIZE as usize);
    Ok(OrderList { rows, has_more })
}

async fn order_id(pool: &PgPool, number: &str) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
        .bind(number)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn load(pool: &PgPool, number: &str) -> Result<AdminOrder, AppError> {
    let id = order_id(pool, number).await?;
    let detail = crate::orders::db::detail(pool, id).await?;
    let (customer_id, customer, email): (Option<i64>, String, String) = sqlx::query_as(
        "SELECT u.id, COALESCE(u.display_name, ''), COALESCE(u.email, o.guest_email, '')
           FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let notes: Vec<Note> = sqlx::query_as(
        "SELECT COALESCE(u.display_name, '') AS author, n.body,
                to_char(n.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
           FROM order_notes n LEFT JOIN users u ON u.id = n.staff_id
          WHERE n.order_id = $1 ORDER BY n.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let refunds: Vec<RefundRow> = sqlx::query_as(
        "SELECT r.amount_minor, r.reason, r.status, COALESCE(u.display_name, '') AS author,
                to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
           FROM refunds r LEFT JOIN users u ON u.id = r.staff_id
          WHERE r.order_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let refundable_minor = refundable(&mut *pool.acquire().await?, id)
        .await?
        .map_or(0, |r| r.1);
    Ok(AdminOrder {
        detail,
        customer_id,
        customer,
        email,
        notes,
        refunds,
        refundable_minor,
    })
}

/// The payment a refund comes from and how much of it is left to give
/// back (refunds made or still being made excluded, the same remainder a
/// cancellation gives back). Locks the payment; the caller holds the order
/// row's lock when it writes a refund from this.
async fn refundable(
    conn: &mut PgConnection,
    order_id: i64,
) -> Result<Option<(i64, i64, String, String)>, AppError> {
    let left = crate::orders::db::LEFT_MINOR_SQL;
    Ok(sqlx::query_as(&format!(
        "SELECT p.id, {left} AS left_minor, p.provider, p.provider_ref
           FROM payments p
          WHERE p.order_id = $1 AND p.status = 'paid'
          ORDER BY p.id DESC LIMIT 1
          FOR UPDATE"
    ))
    .bind(order_id)
    .fetch_optional(&mut *conn)
    .await?
    .map(
        |(id, left, provider, reference): (i64, i64, String, String)| {
            (id, left.max(0), provider, reference)
        },
    ))
}

type SnapshotRow = (i64, String, String, Option<String>, Option<String>);

/// The order's state as the audit log keeps it.
async fn snapshot(conn: &mut PgConnection, number: &str) -> Result<(i64, Value), AppError> {
    let row: Option<SnapshotRow> = sqlx::query_as(
        "SELECT id, status, payment_status, carrier, tracking_number FROM orders
          WHERE number = $1 FOR UPDATE",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, status, payment, carrier, tracking) = row.ok_or(AppError::NotFound)?;
    Ok((
        id,
        json!({ "status": status, "payment_status": payment, "carrier": carrier, "tracking_number": tracking }),
    ))
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
    let mut tx = pool.begin().await?;
    let (id, before) = snapshot(&mut tx, number).await?;
    crate::orders::db::advance(
        &mut tx,
        number,
        OrderStatus::Shipped,
        Some(carrier.trim()),
        Some(tracking.trim()),
    )
    .await?;
    let (_, after) = snapshot(&mut tx, number).await?;
    record(
        &mut tx,
        staff,
        "admin/order/ship",
        Target::new("order", id, number),
        Some(before),
        Some(after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn deliver(pool: &PgPool, staff: &Staff, number: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let (id, before) = snapshot(&mut tx, number).await?;
    crate::orders::db::advance(&mut tx, number, OrderStatus::Delivered, None, None).await?;
    let (_, after) = snapshot(&mut tx, number).await?;
    record(
        &mut tx,
        staff,
        "admin/order/deliver",
        Target::new("order", id, number),
        Some(before),
        Some(after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
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
    let mut tx = pool.begin().await?;
    let (id, _) = snapshot(&mut tx, number).await?;
    crate::orders::db::add_tracking(&mut tx, number, location, &text).await?;
    record(
        &mut tx,
        staff,
        "admin/order/track",
        Target::new("order", id, number),
        None,
        Some(json!({ "tracking_event": { "location": location, "description": text } })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn note(pool: &PgPool, staff: &Staff, number: &str, body: &str) -> Result<(), AppError> {
    let body = check_text("body", body, 1000)?;
    let mut tx = pool.begin().await?;
    let (id, _) = snapshot(&mut tx, number).await?;
    sqlx::query("INSERT INTO order_notes (order_id, staff_id, body) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(staff.user.id)
        .bind(&body)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        staff,
        "admin/order/note",
        Target::new("order", id, number),
        None,
        Some(json!({ "note": body })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn cancel(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    reason: &str,
) -> Result<(), AppError> {
    let reason = check_text("reason", reason, 200)?;
    let mut tx = pool.begin().await?;
    let (id, before) = snapshot(&mut tx, number).await?;
    let refunds = crate::orders::db::cancel_in(&mut tx, id, "staff", &reason).await?;
    sqlx::query("UPDATE refunds SET staff_id = $2 WHERE order_id = $1 AND status = 'pending' AND staff_id IS NULL")
        .bind(id)
        .bind(staff.user.id)
        .execute(&mut *tx)
        .await?;
    let (_, after) = snapshot(&mut tx, number).await?;
    record(
        &mut tx,
        staff,
        "admin/order/cancel",
        Target::new("order", id, number),
        Some(before),
        Some(after),
    )
    .await?;
    tx.commit().await?;
    for r in &refunds {
        // Refused now, it stays pending and the order jobs retry it.
        let _ = crate::orders::db::settle_refund(pool, r, "system").await;
    }
    Ok(())
}

/// A refund in two steps around the provider call: the request is written
/// (pending, audited, with its idempotency key) and committed first, so
/// money sent is never without a record; then the provider is asked, and
/// the outcome recorded. The remainder is read with the order row locked
/// (`snapshot`), the lock a shopper's cancellation takes too, so the two
/// together never give back more than was paid.
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
    let mut tx = pool.begin().await?;
    let (id, before) = snapshot(&mut tx, number).await?;
    let Some((payment_id, left, provider, reference)) = refundable(&mut tx, id).await? else {
        return Err(AppError::Conflict(ErrorKey::NotRefundable));
    };
    if left == 0 {
        return Err(AppError::Conflict(ErrorKey::NotRefundable));
    }
    if amount_minor > left {
        return Err(AppError::Validation(vec![FieldError::new(
            "amount",
            ErrorKey::RefundTooLarge,
        )]));
    }
    let (refund_id, key): (i64, String) = sqlx::query_as(
        "INSERT INTO refunds (order_id, payment_id, amount_minor, reason, status, staff_id)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id, idempotency_key",
    )
    .bind(id)
    .bind(payment_id)
    .bind(amount_minor)
    .bind(&reason)
    .bind(staff.user.id)
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut tx,
        staff,
        "admin/order/refund",
        Target::new("order", id, number),
        Some(before),
        Some(json!({ "refund": { "id": refund_id, "amount_minor": amount_minor, "reason": reason } })),
    )
    .await?;
    tx.commit().await?;

    let made = crate::orders::db::Refund {
        id: refund_id,
        provider,
        reference,
        amount_minor,
        key,
    };
    if crate::orders::db::settle_refund(pool, &made, "staff")
        .await
        .is_err()
    {
        crate::orders::db::refund_refused(pool, refund_id).await?;
        return Err(AppError::Conflict(ErrorKey::PaymentUnavailable));
    }
    Ok(())
}
