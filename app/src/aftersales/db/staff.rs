//! The merchant's side: the queue, one request in full, and the decisions.
//! Every decision is one transaction with its audit entry (the request's
//! state before and after, read under the same locks as the change), and
//! refunds it writes are asked of the provider once that commits.
use super::flow::{self, Inspection, Locked};
use super::jobs::settle;
use super::order_left;
use crate::aftersales::complaint::ComplaintStatus;
use crate::aftersales::queue::{
    BulkResult, LineInspection, QUEUE_PAGE, Queue, QueueQuery, QueueRow, StaffItem, StaffRequest,
};
use crate::aftersales::{Fault, RequestKind, RequestStatus};
use crate::audit::{AuditAction, Snapshot, Target, audited_in};
use crate::auth::Permission;
use crate::error::{AppError, ErrorKey};
use crate::payments::Actor;
use crate::payments::db::refunds::RefundRequest;
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// The queue, oldest deadline first (requests with none last).
pub async fn queue(pool: &PgPool, q: &QueueQuery, now: OffsetDateTime) -> Result<Queue, AppError> {
    let status = RequestStatus::parse(&q.status);
    let kind = RequestKind::parse(&q.kind);
    let due_hours: Option<i64> = match q.due.as_str() {
        "overdue" => Some(0),
        "day" => Some(24),
        _ => None,
    };
    // "open": the complaints queue (only open ones: decided are final).
    let complaint = (q.complaint == "open").then_some(ComplaintStatus::Open);
    let page = q.page.clamp(0, 10_000);
    let rows = sqlx::query_as!(
        QueueRow,
        r#"SELECT r.number, o.number AS order_number, r.kind AS "kind: RequestKind",
                  r.status AS "status: RequestStatus",
                  COALESCE(u.display_name, o.guest_email, o.ship_to->>'recipient', '') AS "customer!",
                  f.name AS "first_item!",
                  (SELECT sum(qty) FROM after_sales_items WHERE request_id = r.id)::bigint
                    AS "units!",
                  r.refund_minor, r.currency, shop_minute(r.created_at) AS "opened_at!",
                  shop_minute(r.deadline_at) AS "deadline?",
                  extract(epoch FROM r.deadline_at - $4::timestamptz)::bigint AS "seconds_left?",
                  (SELECT c.status FROM after_sales_complaints c WHERE c.request_id = r.id)
                    AS "complaint?: ComplaintStatus"
             FROM after_sales_requests r
             JOIN orders o ON o.id = r.order_id
             LEFT JOIN users u ON u.id = r.user_id
             CROSS JOIN LATERAL (
                 SELECT i.name FROM after_sales_items ai JOIN order_items i ON i.id = ai.order_item_id
                  WHERE ai.request_id = r.id ORDER BY i.id LIMIT 1) f
            WHERE ($1::text IS NULL OR r.status = $1)
              AND ($2::text IS NULL OR r.kind = $2)
              AND ($3::bigint IS NULL
                   OR r.deadline_at <= $4::timestamptz + make_interval(hours => $3::int))
              AND ($7::text IS NULL OR EXISTS (
                   SELECT 1 FROM after_sales_complaints c
                    WHERE c.request_id = r.id AND c.status = $7))
            ORDER BY r.deadline_at NULLS LAST, r.id
            LIMIT $5 OFFSET $6"#,
        status.map(|s| s.as_str()),
        kind.map(|k| k.as_str()),
        due_hours,
        now,
        QUEUE_PAGE,
        page * QUEUE_PAGE,
        complaint.map(|c| c.as_str()),
    )
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM after_sales_requests r
            WHERE ($1::text IS NULL OR r.status = $1)
              AND ($2::text IS NULL OR r.kind = $2)
              AND ($3::bigint IS NULL
                   OR r.deadline_at <= $4::timestamptz + make_interval(hours => $3::int))
              AND ($5::text IS NULL OR EXISTS (
                   SELECT 1 FROM after_sales_complaints c
                    WHERE c.request_id = r.id AND c.status = $5))"#,
        status.map(|s| s.as_str()),
        kind.map(|k| k.as_str()),
        due_hours,
        now,
        complaint.map(|c| c.as_str()),
    )
    .fetch_one(pool)
    .await?;
    Ok(Queue { rows, total })
}

/// One request in full, for the staff page.
pub async fn request(
    pool: &PgPool,
    number: &str,
    lang: &str,
    now: OffsetDateTime,
) -> Result<StaffRequest, AppError> {
    let head = sqlx::query!(
        r#"SELECT r.id, r.number, o.number AS order_number, r.order_id,
                  r.kind AS "kind: RequestKind", r.status AS "status: RequestStatus",
                  COALESCE(u.display_name, o.guest_email, o.ship_to->>'recipient', '') AS "customer!",
                  CASE WHEN $2 = 'en' THEN s.name_en ELSE s.name_zh END AS "reason!",
                  r.fault AS "fault: Fault", r.note, r.currency,
                  shop_minute(r.created_at) AS "opened_at!",
                  shop_minute(r.deadline_at) AS "deadline?",
                  extract(epoch FROM r.deadline_at - $3::timestamptz)::bigint AS "seconds_left?",
                  r.extended_reason, r.return_carrier, r.return_tracking, r.refund_minor,
                  r.goodwill_minor, r.goodwill_reason, r.refunded_minor, r.charge_minor,
                  r.charge_paid_at IS NOT NULL AS "charge_paid!", r.out_carrier, r.out_tracking,
                  r.auto_rule_id
             FROM after_sales_requests r
             JOIN orders o ON o.id = r.order_id
             JOIN after_sales_reasons s ON s.id = r.reason_id
             LEFT JOIN users u ON u.id = r.user_id
            WHERE r.number = $1"#,
        number,
        lang,
        now
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let items = sqlx::query_as!(
        StaffItem,
        r#"SELECT ai.order_item_id, i.name, i.options, i.sku, img.sha256 AS "image?", ai.qty,
                  ai.goods_minor, ai.shipping_minor, ai.restocked, ai.damaged, ai.scrapped,
                  ai.inspected_at IS NOT NULL AS "inspected!",
                  COALESCE(variant_label(ai.exchange_variant_id, $2), ai.exchange_options)
                    AS exchange_options
             FROM after_sales_items ai
             JOIN order_items i ON i.id = ai.order_item_id
             LEFT JOIN images img ON img.id = i.image_id
            WHERE ai.request_id = $1 ORDER BY i.id"#,
        head.id,
        lang
    )
    .fetch_all(pool)
    .await?;
    let events = super::events(pool, head.id).await?;
    let mut tx = pool.begin().await?;
    sqlx::query!("SELECT FROM orders WHERE id = $1 FOR SHARE", head.order_id)
        .execute(&mut *tx)
        .await?;
    // What is left, less other open offers; this request's own offer
    // is not taken from what it may itself be paid.
    let own = if head.status.is_final() {
        0
    } else {
        head.refund_minor
    };
    let left = order_left(&mut tx, head.order_id).await? + own;
    let complaint = super::complaint::of_request(&mut tx, head.id).await?;
    tx.rollback().await?;
    Ok(StaffRequest {
        number: head.number,
        order_number: head.order_number,
        kind: head.kind,
        status: head.status,
        customer: head.customer,
        reason: head.reason,
        fault: head.fault,
        note: head.note,
        currency: head.currency,
        opened_at: head.opened_at,
        deadline: head.deadline,
        seconds_left: head.seconds_left,
        extended_reason: head.extended_reason,
        return_carrier: head.return_carrier,
        return_tracking: head.return_tracking,
        refund_minor: head.refund_minor,
        goodwill_minor: head.goodwill_minor,
        goodwill_reason: head.goodwill_reason,
        refunded_minor: head.refunded_minor,
        order_left_minor: left,
        charge_minor: head.charge_minor,
        charge_paid: head.charge_paid,
        out_carrier: head.out_carrier,
        out_tracking: head.out_tracking,
        auto_rule: head.auto_rule_id,
        photos: super::photos_of(pool, head.id).await?,
        complaint,
        items,
        events,
    })
}

/// The request's state as the audit log keeps it, locked with its order.
async fn snapshot(conn: &mut PgConnection, number: &str) -> Result<Option<Snapshot>, AppError> {
    let r = flow::lock(conn, number, None).await?;
    let extra = sqlx::query!(
        "SELECT refunded_minor, goodwill_minor, goodwill_reason, extended_reason,
                shop_minute(deadline_at) AS deadline, out_carrier, out_tracking,
                (SELECT c.status FROM after_sales_complaints c WHERE c.request_id = $1) AS complaint
           FROM after_sales_requests WHERE id = $1",
        r.id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(Snapshot {
        target: Target::new("after_sales", r.id, number),
        state: json!({
            "status": r.status,
            "deadline": extra.deadline,
            "refunded_minor": extra.refunded_minor,
            "goodwill_minor": extra.goodwill_minor,
            "goodwill_reason": extra.goodwill_reason,
            "extended_reason": extra.extended_reason,
            "out_carrier": extra.out_carrier,
            "out_tracking": extra.out_tracking,
            "complaint": extra.complaint,
        }),
    }))
}

/// One audited decision on one request, then its refunds asked for.
pub(super) async fn decide<F>(
    pool: &PgPool,
    staff: &Staff,
    action: AuditAction,
    number: &str,
    change: F,
) -> Result<(), AppError>
where
    F: AsyncFnOnce(&mut PgConnection, &mut Locked) -> Result<Vec<RefundRequest>, AppError>,
{
    let mut tx = pool.begin().await?;
    let refunds = audited_in(
        &mut tx,
        staff.into(),
        action,
        async |conn: &mut PgConnection, _: Option<&Vec<RefundRequest>>| {
            snapshot(conn, number).await
        },
        async |conn: &mut PgConnection| {
            let mut req = flow::lock(conn, number, None).await?;
            change(conn, &mut req).await
        },
    )
    .await?;
    tx.commit().await?;
    settle(pool, &refunds).await;
    Ok(())
}

/// A reason staff must give: trimmed, 1 to `max` characters.
pub(super) fn reason(field: &str, text: &str, max: usize) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, ErrorKey::Required));
    }
    if t.chars().count() > max {
        return Err(AppError::invalid(field, ErrorKey::TooLong));
    }
    Ok(t.to_string())
}

/// A goodwill amount: none, or a positive amount with its reason, from a
/// member of staff allowed to refund.
fn goodwill(staff: &Staff, minor: i64, why: &str) -> Result<Option<(i64, String)>, AppError> {
    if minor == 0 {
        return Ok(None);
    }
    if !staff.user.can(Permission::OrderRefund) {
        return Err(AppError::Forbidden);
    }
    if !(1..=100_000_000).contains(&minor) {
        return Err(AppError::invalid("goodwill", ErrorKey::NumberInvalid));
    }
    Ok(Some((minor, reason("goodwill_reason", why, 200)?)))
}

async fn set_goodwill(
    conn: &mut PgConnection,
    req: &mut Locked,
    g: &Option<(i64, String)>,
) -> Result<(), AppError> {
    if let Some((minor, why)) = g {
        sqlx::query!(
            "UPDATE after_sales_requests SET goodwill_minor = $2, goodwill_reason = $3 WHERE id = $1",
            req.id,
            minor,
            why
        )
        .execute(&mut *conn)
        .await?;
        req.goodwill_minor = *minor;
    }
    Ok(())
}

/// Approves each request, one transaction each; those that moved on are
/// reported, not failed. A goodwill amount is only for a single request.
pub async fn approve(
    pool: &PgPool,
    staff: &Staff,
    numbers: &[String],
    goodwill_minor: i64,
    goodwill_reason: &str,
    now: OffsetDateTime,
) -> Result<BulkResult, AppError> {
    if numbers.is_empty() || numbers.len() > 100 {
        return Err(AppError::BadRequest);
    }
    let g = goodwill(staff, goodwill_minor, goodwill_reason)?;
    if g.is_some() && numbers.len() != 1 {
        return Err(AppError::BadRequest);
    }
    let mut out = BulkResult::default();
    for number in numbers {
        let done = decide(
            pool,
            staff,
            AuditAction::AfterSalesApprove,
            number,
            async |c, r| {
                set_goodwill(c, r, &g).await?;
                flow::approve(c, r, Actor::Staff, Some(staff.user.id), now).await
            },
        )
        .await;
        match done {
            Ok(()) => out.approved.push(number.clone()),
            Err(AppError::Conflict(_) | AppError::NotFound) if numbers.len() > 1 => {
                out.skipped.push(number.clone())
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

pub async fn refuse(pool: &PgPool, staff: &Staff, number: &str, why: &str) -> Result<(), AppError> {
    let why = reason("reason", why, 200)?;
    decide(
        pool,
        staff,
        AuditAction::AfterSalesRefuse,
        number,
        async |c, r| flow::refuse(c, r, &why).await,
    )
    .await
}

pub async fn extend(pool: &PgPool, staff: &Staff, number: &str, why: &str) -> Result<(), AppError> {
    let why = reason("reason", why, 200)?;
    decide(
        pool,
        staff,
        AuditAction::AfterSalesExtend,
        number,
        async |c, r| flow::extend(c, r, &why).await.map(|_| Vec::new()),
    )
    .await
}

/// Confirms the returned goods arrived (refunding a return, with any
/// goodwill) and records their inspection, in one transaction. For goods
/// the deadline job received already, it records the inspection only.
pub async fn receive(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    found: &[LineInspection],
    goodwill_minor: i64,
    goodwill_reason: &str,
) -> Result<(), AppError> {
    let g = goodwill(staff, goodwill_minor, goodwill_reason)?;
    let found: Vec<Inspection> = found
        .iter()
        .map(|f| Inspection {
            order_item_id: f.order_item_id,
            restocked: f.restocked,
            damaged: f.damaged,
            scrapped: f.scrapped,
        })
        .collect();
    let staff_id = Some(staff.user.id);
    decide(
        pool,
        staff,
        AuditAction::AfterSalesReceive,
        number,
        async |c, r| {
            let mut refunds = Vec::new();
            if r.status == RequestStatus::BuyerShipped {
                set_goodwill(c, r, &g).await?;
                refunds = flow::receive(c, r, Actor::Staff, staff_id).await?;
            } else if g.is_some() || !r.kind.keeps_goods() {
                return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
            }
            if r.kind.keeps_goods() {
                flow::inspect(c, r, &found, staff_id).await?;
            }
            Ok(refunds)
        },
    )
    .await
}

/// Sends an exchange's replacement or a repair back to the shopper, with
/// the carrier and tracking number they will see.
pub async fn dispatch(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    carrier: &str,
    tracking: &str,
) -> Result<(), AppError> {
    let errors = crate::orders::check_shipment(carrier, tracking);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (carrier, tracking) = (carrier.trim(), tracking.trim());
    let staff_id = Some(staff.user.id);
    decide(
        pool,
        staff,
        AuditAction::AfterSalesDispatch,
        number,
        async |c, r| super::exchange::dispatch(c, r, carrier, tracking, staff_id).await,
    )
    .await
}
