//! Complaints in the database: the shopper files one (once per request,
//! inside its window), and a super admin or operations manager decides it
//! (once: the UPDATE repeats "still open", so the decision is final even
//! when two deciders click together). Upholding a complaint puts the
//! request right in the same transaction: a refused request is reopened
//! and approved, one the shop left waiting is moved on as its deadline
//! would have.
use super::flow::{self, Locked};
use super::staff::{decide, reason};
use crate::aftersales::complaint::{ComplaintStatus, ComplaintView, complaint_window};
use crate::aftersales::{RequestKind, RequestStatus};
use crate::audit::AuditAction;
use crate::error::{AppError, ErrorKey};
use crate::payments::Actor;
use crate::payments::db::refunds::RefundRequest;
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// When the request entered the state it is in (its last change of state
/// on the timeline).
async fn state_since(conn: &mut PgConnection, request_id: i64) -> Result<OffsetDateTime, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(max(e.created_at), r.created_at) AS "since!"
             FROM after_sales_requests r
             LEFT JOIN after_sales_events e ON e.request_id = r.id AND e.what = 'status'
            WHERE r.id = $1 GROUP BY r.id"#,
        request_id
    )
    .fetch_one(conn)
    .await?)
}

/// Until when the shopper may complain about this request now, or why
/// they may not (whether one was filed already is the caller's question).
pub async fn window(
    conn: &mut PgConnection,
    request_id: i64,
    (status, kind): (RequestStatus, RequestKind),
    now: OffsetDateTime,
) -> Result<Result<OffsetDateTime, ErrorKey>, AppError> {
    let since = state_since(conn, request_id).await?;
    Ok(complaint_window(status, kind, since, now))
}

/// The complaint on a request, if there is one.
pub async fn of_request(
    conn: &mut PgConnection,
    request_id: i64,
) -> Result<Option<ComplaintView>, AppError> {
    Ok(sqlx::query_as!(
        ComplaintView,
        r#"SELECT status AS "status: ComplaintStatus", statement,
                  request_status AS "request_status: RequestStatus",
                  shop_minute(created_at) AS "opened_at!", decision,
                  shop_minute(decided_at) AS decided_at
             FROM after_sales_complaints WHERE request_id = $1"#,
        request_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The shopper escalates their request. Filing twice (a retry, a double
/// click) files one complaint; a decided complaint is not reopened.
pub async fn escalate(
    pool: &PgPool,
    shopper: super::Shopper,
    number: &str,
    statement: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let statement = reason("statement", statement, 1000)?;
    let mut tx = pool.begin().await?;
    let req = flow::lock(&mut tx, number, Some(shopper)).await?;
    match of_request(&mut tx, req.id).await? {
        Some(c) if c.status == ComplaintStatus::Open => return Ok(()),
        Some(_) => return Err(AppError::Conflict(ErrorKey::AfterSalesComplaintFinal)),
        None => {}
    }
    window(&mut tx, req.id, (req.status, req.kind), now)
        .await?
        .map_err(AppError::Conflict)?;
    sqlx::query!(
        "INSERT INTO after_sales_complaints (request_id, request_status, statement, created_at)
         VALUES ($1, $2, $3, $4)",
        req.id,
        req.status as RequestStatus,
        statement,
        now
    )
    .execute(&mut *tx)
    .await?;
    super::event_of(
        &mut tx,
        req.id,
        req.status,
        "complained",
        Actor::Shopper,
        &statement,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Decides the complaint on request `number`: upheld (the request is put
/// right) or dismissed (it stays as it is), with words for the shopper.
/// Audited with the request's state before and after.
pub async fn decide_complaint(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    upheld: bool,
    words: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let words = reason("decision", words, 500)?;
    let staff_id = staff.user.id;
    decide(
        pool,
        staff,
        AuditAction::AfterSalesComplaint,
        number,
        async |c, r| {
            let outcome = if upheld {
                ComplaintStatus::Upheld
            } else {
                ComplaintStatus::Dismissed
            };
            let done = sqlx::query!(
                "UPDATE after_sales_complaints
                    SET status = $2, decision = $3, decided_by = $4, decided_at = $5
                  WHERE request_id = $1 AND status = 'open'",
                r.id,
                outcome as ComplaintStatus,
                words,
                staff_id,
                now
            )
            .execute(&mut *c)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(match of_request(c, r.id).await? {
                    Some(_) => AppError::Conflict(ErrorKey::AfterSalesComplaintFinal),
                    None => AppError::NotFound,
                });
            }
            let what = format!("complaint_{}", outcome.as_str());
            super::event_of(c, r.id, r.status, &what, Actor::Staff, &words).await?;
            if upheld {
                put_right(c, r, staff_id, now).await
            } else {
                Ok(Vec::new())
            }
        },
    )
    .await
}

/// What upholding does to the request: a refusal is undone and the
/// request approved; a request left unanswered is approved; goods sent
/// back and never confirmed are received (and a return refunded). Goods
/// received and waiting for the shop's next step stay with staff, who now
/// have the decision to follow.
async fn put_right(
    conn: &mut PgConnection,
    req: &mut Locked,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<RefundRequest>, AppError> {
    match req.status {
        RequestStatus::Refused => {
            reopen(conn, req).await?;
            flow::approve(conn, req, Actor::Staff, Some(staff_id), now).await
        }
        RequestStatus::Requested => {
            flow::approve(conn, req, Actor::Staff, Some(staff_id), now).await
        }
        RequestStatus::BuyerShipped => flow::receive(conn, req, Actor::Staff, Some(staff_id)).await,
        _ => Ok(Vec::new()),
    }
}

/// Puts a refused request back to "requested", if its units are still
/// free: since the refusal another request may have claimed them. An
/// exchange's difference went back at the refusal, so it is owed again.
async fn reopen(conn: &mut PgConnection, req: &mut Locked) -> Result<(), AppError> {
    let fits = sqlx::query_scalar!(
        r#"SELECT COALESCE(bool_and(ai.qty <= i.qty - COALESCE((
                   SELECT sum(x.qty) FROM after_sales_items x
                     JOIN after_sales_requests o ON o.id = x.request_id
                    WHERE x.order_item_id = i.id AND o.id <> $1
                      AND after_sales_holds(o.kind, o.status)), 0)), true) AS "fits!"
             FROM after_sales_items ai JOIN order_items i ON i.id = ai.order_item_id
            WHERE ai.request_id = $1"#,
        req.id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !fits {
        return Err(AppError::Conflict(ErrorKey::AfterSalesUnitsTaken));
    }
    let done = sqlx::query!(
        "UPDATE after_sales_requests
            SET status = 'requested', updated_at = now(),
                charge_paid_at = CASE WHEN kind = 'exchange' THEN NULL ELSE charge_paid_at END
          WHERE id = $1 AND status = 'refused'",
        req.id
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    req.status = RequestStatus::Requested;
    super::event(
        conn,
        &req.number,
        RequestStatus::Requested,
        Actor::Staff,
        "",
    )
    .await
}
