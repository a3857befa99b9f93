//! What the shopper reads of their requests: the list (an account's, or a
//! guest order's) and one request with its lines, photos, timeline and
//! complaint. Staff pages share the photos and the timeline.
use super::Shopper;
use super::complaint;
use crate::aftersales::complaint::ComplaintView;
use crate::aftersales::{
    Fault, RequestDetail, RequestEvent, RequestItem, RequestKind, RequestStatus, RequestSummary,
};
use crate::error::AppError;
use crate::payments::Actor;
use sqlx::PgPool;
use time::OffsetDateTime;

/// The shopper's requests, newest first.
pub async fn list(
    pool: &PgPool,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<RequestSummary>, AppError> {
    summaries(pool, Shopper::Account(user_id), Only::All, now).await
}

/// The requests on a guest's order (its link checked by the caller).
pub async fn of_guest_order(
    pool: &PgPool,
    order_number: &str,
    now: OffsetDateTime,
) -> Result<Vec<RequestSummary>, AppError> {
    summaries(pool, Shopper::Guest, Only::Order(order_number), now).await
}

/// Which of the shopper's requests to list. A guest is only ever given
/// one order's or one request's (never "all guest requests").
enum Only<'a> {
    All,
    Order(&'a str),
    Request(&'a str),
}

/// The shopper's requests, all or some.
async fn summaries(
    pool: &PgPool,
    shopper: Shopper,
    only: Only<'_>,
    now: OffsetDateTime,
) -> Result<Vec<RequestSummary>, AppError> {
    let (order, request) = match only {
        Only::All if shopper == Shopper::Guest => return Err(AppError::NotFound),
        Only::All => (None, None),
        Only::Order(n) => (Some(n), None),
        Only::Request(n) => (None, Some(n)),
    };
    Ok(sqlx::query_as!(
        RequestSummary,
        r#"SELECT r.number, o.number AS order_number, r.kind AS "kind: RequestKind",
                  r.status AS "status: RequestStatus", r.refund_minor, r.refunded_minor,
                  r.currency, shop_minute(r.created_at) AS "opened_at!",
                  shop_minute(r.deadline_at) AS "deadline?",
                  GREATEST(0, extract(epoch FROM r.deadline_at - $2::timestamptz))::bigint
                    AS "seconds_left?",
                  f.name AS "first_item!", f.qty AS "first_qty!", f.image AS "first_image?",
                  NULL::text AS "token?"
             FROM after_sales_requests r
             JOIN orders o ON o.id = r.order_id
             CROSS JOIN LATERAL (
                 SELECT i.name, ai.qty, img.sha256 AS image
                   FROM after_sales_items ai
                   JOIN order_items i ON i.id = ai.order_item_id
                   LEFT JOIN images img ON img.id = i.image_id
                  WHERE ai.request_id = r.id ORDER BY i.id LIMIT 1) f
            -- Written so that an account's list can use the user index.
            WHERE (r.user_id = $1 OR ($1::bigint IS NULL AND r.user_id IS NULL))
              AND ($3::text IS NULL OR r.number = $3)
              AND ($4::text IS NULL OR o.number = $4)
            ORDER BY r.id DESC LIMIT 200"#,
        shopper.user_id(),
        now,
        request,
        order
    )
    .fetch_all(pool)
    .await?)
}

/// One of the shopper's requests, with its lines and timeline.
pub async fn detail(
    pool: &PgPool,
    shopper: Shopper,
    number: &str,
    lang: &str,
    now: OffsetDateTime,
) -> Result<RequestDetail, AppError> {
    let summary = summaries(pool, shopper, Only::Request(number), now)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let head = sqlx::query!(
        r#"SELECT CASE WHEN $2 = 'en' THEN s.name_en ELSE s.name_zh END AS "reason!",
                  r.fault AS "fault: Fault", r.note, r.return_carrier, r.return_tracking, r.id,
                  CASE WHEN r.status = 'approved' AND r.kind <> 'refund_only'
                       THEN pol.return_address END AS return_address,
                  r.charge_minor, r.charge_paid_at IS NOT NULL AS "charge_paid!",
                  r.out_carrier, r.out_tracking
             FROM after_sales_requests r JOIN after_sales_reasons s ON s.id = r.reason_id
             CROSS JOIN after_sales_policy pol
            WHERE r.number = $1"#,
        number,
        lang
    )
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as!(
        RequestItem,
        r#"SELECT i.name, i.options, img.sha256 AS "image?", ai.qty,
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
    let events = events(pool, head.id).await?;
    let state = (summary.status, summary.kind);
    let (complaint, complain_until) = complaint_state(pool, head.id, state, now).await?;
    Ok(RequestDetail {
        summary,
        reason: head.reason,
        fault: head.fault,
        note: head.note,
        items,
        events,
        return_carrier: head.return_carrier,
        return_tracking: head.return_tracking,
        return_address: head.return_address,
        charge_minor: head.charge_minor,
        charge_paid: head.charge_paid,
        out_carrier: head.out_carrier,
        out_tracking: head.out_tracking,
        photos: photos_of(pool, head.id).await?,
        complaint,
        complain_until,
        order_token: None,
    })
}

/// The complaint on a request, or until when one may be filed now.
async fn complaint_state(
    pool: &PgPool,
    id: i64,
    state: (RequestStatus, RequestKind),
    now: OffsetDateTime,
) -> Result<(Option<ComplaintView>, Option<String>), AppError> {
    let mut conn = pool.acquire().await?;
    let filed = complaint::of_request(&mut conn, id).await?;
    let until = match (&filed, complaint::window(&mut conn, id, state, now).await?) {
        (None, Ok(until)) => Some(crate::shop_time::display_local(until.unix_timestamp())),
        _ => None,
    };
    Ok((filed, until))
}

/// A request's photos (image hashes), in the order the shopper added them.
pub(in crate::aftersales::db) async fn photos_of(
    pool: &PgPool,
    request_id: i64,
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar!(
        "SELECT i.sha256 FROM after_sales_photos p JOIN images i ON i.id = p.image_id
          WHERE p.request_id = $1 ORDER BY p.position",
        request_id
    )
    .fetch_all(pool)
    .await?)
}

/// A request's timeline, oldest first (the shopper's page and staff's).
pub(in crate::aftersales::db) async fn events(
    pool: &PgPool,
    request_id: i64,
) -> Result<Vec<RequestEvent>, AppError> {
    Ok(sqlx::query_as!(
        RequestEvent,
        r#"SELECT status AS "status: RequestStatus", what, actor AS "actor: Actor", note,
                  shop_minute(created_at) AS "at!"
             FROM after_sales_events WHERE request_id = $1 ORDER BY id"#,
        request_id
    )
    .fetch_all(pool)
    .await?)
}
