//! After-sales requests in the database. Every writer of a request locks
//! its order's row first (as every writer of refunds does), so two
//! requests for the same line, arriving at once, are decided one after the
//! other and can never claim more units than were bought.
pub mod complaint;
pub mod exchange;
pub mod flow;
pub mod jobs;
pub mod owner;
mod reads;
pub mod settings;
pub mod staff;

pub use owner::Shopper;
pub use reads::{detail, list, of_guest_order};
use reads::{events, photos_of};

use super::eligibility::{self, LineFacts};
use super::refund::{self, LineMoney, RefundAsk};
use super::{Fault, LineOption, ReasonView, RequestForm, RequestKind, RequestStatus};
use crate::error::{AppError, ErrorKey};
use crate::orders::OrderStatus;
use crate::payments::db::refunds::refundable;
use crate::payments::{Actor, PaymentStatus};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// One order line with what eligibility and the calculator need.
struct LineRow {
    id: i64,
    name: String,
    options: String,
    image: Option<String>,
    qty: i32,
    unit_minor: i64,
    paid_minor: i64,
    order_status: OrderStatus,
    payment_status: PaymentStatus,
    delivered_at: Option<OffsetDateTime>,
    return_days: i32,
    warranty_days: i32,
    excluded: bool,
    /// Units in requests that still count against the line.
    held: i32,
    /// Of those, units refunded or to be refunded.
    refunded_units: i32,
    /// What those refunding requests were given for the line.
    assigned_goods: i64,
    assigned_shipping: i64,
}

impl LineRow {
    fn facts(&self) -> LineFacts {
        LineFacts {
            order_status: self.order_status,
            payment_status: self.payment_status,
            delivered_at: self.delivered_at,
            return_days: self.return_days,
            warranty_days: self.warranty_days,
            excluded: self.excluded,
            bought: self.qty,
            held: self.held,
        }
    }
}

async fn lines(conn: &mut PgConnection, order_id: i64) -> Result<Vec<LineRow>, AppError> {
    Ok(sqlx::query_as!(
        LineRow,
        r#"SELECT i.id, i.name, i.options, img.sha256 AS "image?", i.qty, i.unit_minor,
                  i.paid_minor, o.status AS "order_status: OrderStatus",
                  o.payment_status AS "payment_status: PaymentStatus",
                  -- Receipt confirmed straight from "shipped" records no
                  -- delivery; the confirmation is when the goods were had.
                  COALESCE(o.delivered_at, o.completed_at) AS delivered_at,
                  COALESCE(pol.return_days, pc.return_days) AS "return_days!",
                  pc.warranty_days,
                  (COALESCE(p.no_change_of_mind, false)
                     OR COALESCE(pol.no_change_of_mind, false)) AS "excluded!",
                  COALESCE((SELECT sum(ai.qty) FROM after_sales_items ai
                              JOIN after_sales_requests r ON r.id = ai.request_id
                             WHERE ai.order_item_id = i.id
                               AND after_sales_holds(r.kind, r.status)), 0)::int AS "held!",
                  COALESCE(g.units, 0)::int AS "refunded_units!",
                  COALESCE(g.goods, 0)::bigint AS "assigned_goods!",
                  COALESCE(g.shipping, 0)::bigint AS "assigned_shipping!"
             FROM order_items i
             JOIN orders o ON o.id = i.order_id
             CROSS JOIN after_sales_policy pc
             LEFT JOIN products p ON p.id = i.product_id
             LEFT JOIN LATERAL category_return_policy(p.category_id) pol ON true
             LEFT JOIN images img ON img.id = i.image_id
             LEFT JOIN LATERAL (
                 SELECT sum(ai.qty) AS units, sum(ai.goods_minor) AS goods,
                        sum(ai.shipping_minor) AS shipping
                   FROM after_sales_items ai
                   JOIN after_sales_requests r ON r.id = ai.request_id
                  WHERE ai.order_item_id = i.id
                    AND r.kind IN ('refund_only', 'return_refund')
                    AND after_sales_holds(r.kind, r.status)) g ON true
            WHERE i.order_id = $1 ORDER BY i.id"#,
        order_id
    )
    .fetch_all(conn)
    .await?)
}

async fn reasons(pool: &PgPool, lang: &str) -> Result<Vec<ReasonView>, AppError> {
    Ok(sqlx::query_as!(
        ReasonView,
        r#"SELECT id, fault AS "fault: Fault", photos_required,
                  CASE WHEN $1 = 'en' THEN name_en ELSE name_zh END AS "name!"
             FROM after_sales_reasons WHERE active ORDER BY position, id"#,
        lang
    )
    .fetch_all(pool)
    .await?)
}

/// The shopper's order (id, shipping, currency), or NotFound: another
/// account's order, or an account's for a guest link, answers exactly as a
/// missing one.
async fn own_order(
    conn: &mut PgConnection,
    shopper: Shopper,
    number: &str,
    lock: bool,
) -> Result<(i64, i64, String), AppError> {
    let user_id = shopper.user_id();
    let row = if lock {
        sqlx::query!(
            "SELECT id, shipping_minor, currency FROM orders
              WHERE number = $1 AND user_id IS NOT DISTINCT FROM $2 FOR UPDATE",
            number,
            user_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| (r.id, r.shipping_minor, r.currency))
    } else {
        sqlx::query!(
            "SELECT id, shipping_minor, currency FROM orders
              WHERE number = $1 AND user_id IS NOT DISTINCT FROM $2",
            number,
            user_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| (r.id, r.shipping_minor, r.currency))
    };
    row.ok_or(AppError::NotFound)
}

/// The request form for one of the shopper's orders.
pub async fn form(
    pool: &PgPool,
    shopper: Shopper,
    number: &str,
    lang: &str,
    now: OffsetDateTime,
) -> Result<RequestForm, AppError> {
    let mut conn = pool.acquire().await?;
    let (order_id, _, currency) = own_order(&mut conn, shopper, number, false).await?;
    let rows = lines(&mut conn, order_id).await?;
    let mut choices = exchange::choices(&mut conn, order_id, lang).await?;
    drop(conn);
    let shipped = rows.first().is_some_and(|r| {
        !matches!(
            r.order_status,
            OrderStatus::PendingPayment | OrderStatus::AwaitingShipment | OrderStatus::Cancelled
        )
    });
    let lines = rows
        .iter()
        .map(|r| {
            let facts = r.facts();
            let until = facts.deadline(RequestKind::ReturnRefund);
            // A window already past closes the line unless a repair is
            // still possible; the form explains per kind.
            let closed = eligibility::order_open(&facts).err().or_else(|| {
                let repair = facts.deadline(RequestKind::Repair);
                (until.is_some_and(|u| now > u) && repair.is_some_and(|u| now > u))
                    .then_some(eligibility::Refusal::WindowClosed)
            });
            LineOption {
                id: r.id,
                name: r.name.clone(),
                options: r.options.clone(),
                image: r.image.clone(),
                bought: r.qty,
                left: facts.left(),
                paid_minor: r.paid_minor,
                return_until: until.map(|u| crate::shop_time::display_local(u.unix_timestamp())),
                excluded: r.excluded,
                closed: closed.map(|c| c.key()),
                unit_minor: r.unit_minor,
                choices: choices.remove(&r.id).unwrap_or_default(),
            }
        })
        .collect();
    Ok(RequestForm {
        order_number: number.to_string(),
        currency,
        shipped,
        lines,
        reasons: reasons(pool, lang).await?,
        key: crate::payments::db::random_hex(16),
        token: None,
    })
}

/// What the shopper asks for.
#[derive(Debug, Clone)]
pub struct Opening {
    pub shopper: Shopper,
    pub order_number: String,
    pub kind: RequestKind,
    pub reason_id: i64,
    /// (order line id, units)
    pub items: Vec<(i64, i32)>,
    pub note: String,
    /// The form's idempotency key.
    pub key: String,
    /// For an exchange of one line: the variant its units become.
    pub exchange_to: Option<i64>,
    /// The photos' bytes as uploaded (checked and decoded here).
    pub photos: Vec<Vec<u8>>,
}

/// The request's photos, decoded, once the shopper may open one: their own
/// order (else NotFound before any decoding, the costly part), no more
/// than five and at least as many as the reason asks for.
async fn evidence(
    pool: &PgPool,
    o: &Opening,
) -> Result<Vec<(Vec<u8>, crate::media::db::Prepared)>, AppError> {
    let mut conn = pool.acquire().await?;
    own_order(&mut conn, o.shopper, &o.order_number, false).await?;
    let needed = sqlx::query_scalar!(
        "SELECT photos_required FROM after_sales_reasons WHERE id = $1 AND active",
        o.reason_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::invalid("reason", ErrorKey::Required))?;
    drop(conn);
    let n = o.photos.len();
    if n > super::MAX_PHOTOS || n < usize::try_from(needed).unwrap_or(0) {
        return Err(AppError::invalid("photos", ErrorKey::AfterSalesPhotos));
    }
    let mut out = Vec::with_capacity(n);
    for bytes in &o.photos {
        out.push(crate::media::photo::decode_photo(bytes.clone()).await?);
    }
    Ok(out)
}

/// Opens a request in one transaction and returns its number. The same
/// key again returns the request already opened.
pub async fn open(pool: &PgPool, o: &Opening, now: OffsetDateTime) -> Result<String, AppError> {
    if o.note.chars().count() > 500 {
        return Err(AppError::invalid("note", ErrorKey::TooLong));
    }
    if o.items.is_empty() || o.key.is_empty() || o.key.len() > 64 {
        return Err(AppError::BadRequest);
    }
    let key = format!("{}:{}", o.shopper.key_scope(&o.order_number), o.key);
    let photos = evidence(pool, o).await?;
    let mut tx = pool.begin().await?;
    let (order_id, shipping, currency) =
        own_order(&mut tx, o.shopper, &o.order_number, true).await?;
    // After the lock: a retry that raced this one has committed by now.
    if let Some(n) = sqlx::query_scalar!(
        "SELECT number FROM after_sales_requests WHERE idempotency_key = $1",
        key
    )
    .fetch_optional(&mut *tx)
    .await?
    {
        return Ok(n);
    }
    let fault = sqlx::query_scalar!(
        r#"SELECT fault AS "fault: Fault" FROM after_sales_reasons WHERE id = $1 AND active"#,
        o.reason_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::invalid("reason", ErrorKey::Required))?;
    let rows = lines(&mut tx, order_id).await?;
    let amounts = if o.kind.refunds() {
        let left = order_left(&mut tx, order_id).await?;
        refund_amounts(&rows, o, fault, shipping, left)
    } else {
        vec![(0, 0); o.items.len()]
    };
    let mut refund_minor: i64 = amounts.iter().map(|(g, s)| g + s).sum();
    let swap = match o.kind {
        RequestKind::Exchange => Some(exchange::swap(&mut tx, order_id, o).await?),
        _ => None,
    };
    let charge_minor = swap.as_ref().map_or(0, |s| s.charge_minor);
    if let Some(s) = &swap {
        refund_minor = s.refund_minor;
    }
    for (line, qty) in &o.items {
        let row = rows
            .iter()
            .find(|r| r.id == *line)
            .ok_or(AppError::NotFound)?;
        eligibility::check(o.kind, fault, *qty, &row.facts(), now)
            .map_err(|r| AppError::Conflict(r.key()))?;
    }
    let answer_days = sqlx::query_scalar!("SELECT answer_days FROM after_sales_policy")
        .fetch_one(&mut *tx)
        .await?;
    let number = sqlx::query_scalar!(
        r#"INSERT INTO after_sales_requests
               (number, order_id, user_id, idempotency_key, kind, status, reason_id, fault,
                note, refund_minor, currency, deadline_at, charge_minor)
           VALUES ('AS' || to_char(shop_local($11), 'YYYYMMDD') || '-'
                        || lpad(nextval('after_sales_number_seq')::text, 6, '0'),
                   $1, $2, $3, $4, 'requested', $5, $6, $7, $8, $9,
                   $11::timestamptz + make_interval(days => $10), $12)
           RETURNING number"#,
        order_id,
        o.shopper.user_id(),
        key,
        o.kind as RequestKind,
        o.reason_id,
        fault as Fault,
        o.note.trim(),
        refund_minor,
        currency,
        answer_days,
        now,
        charge_minor,
    )
    .fetch_one(&mut *tx)
    .await?;
    let ids: Vec<i64> = o.items.iter().map(|(l, _)| *l).collect();
    let qtys: Vec<i32> = o.items.iter().map(|(_, q)| *q).collect();
    let goods: Vec<i64> = amounts.iter().map(|(g, _)| *g).collect();
    let ships: Vec<i64> = amounts.iter().map(|(_, s)| *s).collect();
    sqlx::query!(
        "INSERT INTO after_sales_items (request_id, order_item_id, qty, goods_minor, shipping_minor)
         SELECT r.id, l.id, l.qty, l.goods, l.shipping FROM after_sales_requests r,
                unnest($2::bigint[], $3::int[], $4::bigint[], $5::bigint[])
                    AS l(id, qty, goods, shipping)
          WHERE r.number = $1",
        number,
        &ids,
        &qtys,
        &goods,
        &ships
    )
    .execute(&mut *tx)
    .await?;
    if let Some(s) = &swap {
        exchange::record(&mut tx, &number, s).await?;
    }
    for (position, (bytes, prepared)) in photos.iter().enumerate() {
        let image = crate::media::db::insert_prepared(&mut tx, bytes, prepared).await?;
        sqlx::query!(
            "INSERT INTO after_sales_photos (request_id, image_id, position)
             SELECT id, $2, $3 FROM after_sales_requests WHERE number = $1",
            number,
            image,
            position as i32,
        )
        .execute(&mut *tx)
        .await?;
    }
    event(
        &mut tx,
        &number,
        RequestStatus::Requested,
        Actor::Shopper,
        o.note.trim(),
    )
    .await?;
    let refunds = auto_approve(&mut tx, &number, now).await?;
    tx.commit().await?;
    jobs::settle(pool, &refunds).await;
    Ok(number)
}

/// Approves a new request at once when an active auto-approval rule
/// matches it (a refund only is then paid too), inside the opening
/// transaction; the rule is recorded on the request.
async fn auto_approve(
    conn: &mut PgConnection,
    number: &str,
    now: OffsetDateTime,
) -> Result<Vec<crate::payments::db::refunds::RefundRequest>, AppError> {
    let Some(rule) = settings::matching_rule(&mut *conn, number).await? else {
        return Ok(Vec::new());
    };
    sqlx::query!(
        "UPDATE after_sales_requests SET auto_rule_id = $2 WHERE number = $1",
        number,
        rule
    )
    .execute(&mut *conn)
    .await?;
    let mut req = flow::lock(&mut *conn, number, None).await?;
    flow::approve(conn, &mut req, Actor::System, None, now).await
}

/// What is left of the order's money to offer: its payments less every
/// refund made or in flight (for collected cash on delivery, which has no
/// provider payment, the order's total less its refunds), less what open
/// requests were already offered. Call it with the order row locked.
pub(super) async fn order_left(conn: &mut PgConnection, order_id: i64) -> Result<i64, AppError> {
    let paid: i64 = refundable(&mut *conn, order_id)
        .await?
        .iter()
        .map(|p| p.left_minor.max(0))
        .sum();
    let row = sqlx::query!(
        r#"SELECT CASE WHEN o.payment_status = 'cod_collected'
                        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id
                                          AND p.status IN ('paid', 'refund_pending', 'refunded')
                                          AND p.after_sales_id IS NULL)
                       THEN o.total_minor - COALESCE((SELECT sum(r.amount_minor) FROM refunds r
                                                       WHERE r.order_id = o.id AND r.status <> 'failed'), 0)
                       ELSE 0 END::bigint AS "cash!",
                  COALESCE((SELECT sum(a.refund_minor) FROM after_sales_requests a
                             WHERE a.order_id = o.id
                               AND a.status NOT IN ('refused', 'withdrawn', 'refunded',
                                                    'exchanged', 'repaired')), 0)::bigint
                    AS "offered!"
             FROM orders o WHERE o.id = $1"#,
        order_id
    )
    .fetch_one(conn)
    .await?;
    Ok((paid + row.cash.max(0) - row.offered).max(0))
}

/// What the calculator gives each of the request's lines (goods, shipping):
/// the line's next units valued in order and capped by what earlier
/// requests on it were given, shipping back when the seller is at fault or
/// nothing was sent, and all of it capped by `left`.
fn refund_amounts(
    rows: &[LineRow],
    o: &Opening,
    fault: Fault,
    shipping: i64,
    mut left: i64,
) -> Vec<(i64, i64)> {
    let paid: Vec<i64> = rows.iter().map(|r| r.paid_minor).collect();
    let shares = refund::shipping_shares(shipping, &paid);
    let unsent = rows
        .first()
        .is_some_and(|r| r.order_status == OrderStatus::AwaitingShipment);
    let mut out = Vec::with_capacity(o.items.len());
    for (line, qty) in &o.items {
        let Some(i) = rows.iter().position(|r| r.id == *line) else {
            out.push((0, 0));
            continue;
        };
        let b = refund::calculate(RefundAsk {
            line: LineMoney {
                qty: rows[i].qty,
                paid_minor: rows[i].paid_minor,
                shipping_minor: shares[i],
            },
            done_units: rows[i].refunded_units,
            assigned_goods_minor: rows[i].assigned_goods,
            assigned_shipping_minor: rows[i].assigned_shipping,
            units: *qty,
            with_shipping: fault == Fault::Seller || unsent,
            goodwill_minor: 0,
            order_left_minor: i64::MAX,
        });
        let goods = b.goods_minor.min(left);
        left -= goods;
        let ship = b.shipping_minor.min(left);
        left -= ship;
        out.push((goods, ship));
    }
    out
}

async fn event(
    conn: &mut PgConnection,
    number: &str,
    status: RequestStatus,
    actor: Actor,
    note: &str,
) -> Result<(), AppError> {
    let id = sqlx::query_scalar!(
        "INSERT INTO after_sales_events (request_id, status, actor, note)
         SELECT id, $2, $3, left($4, 500) FROM after_sales_requests WHERE number = $1
         RETURNING id",
        number,
        status as RequestStatus,
        actor as Actor,
        note
    )
    .fetch_one(&mut *conn)
    .await?;
    // The shopper hears of every state, in the same transaction; keyed on
    // this entry, as a state may come back (a complaint reopens a request).
    let occasion = format!("e{id}");
    crate::notify::db::after_sales(conn, number, notice(status), Some(&occasion)).await
}

/// The message that tells the shopper their request reached `status`.
fn notice(status: RequestStatus) -> crate::notify::Event {
    use crate::notify::Event;
    match status {
        RequestStatus::Requested => Event::AfterSalesRequested,
        RequestStatus::Approved => Event::AfterSalesApproved,
        RequestStatus::Refused => Event::AfterSalesRefused,
        RequestStatus::Withdrawn => Event::AfterSalesWithdrawn,
        RequestStatus::BuyerShipped => Event::AfterSalesBuyerShipped,
        RequestStatus::Received => Event::AfterSalesReceived,
        RequestStatus::Refunded => Event::AfterSalesRefunded,
        RequestStatus::Exchanged => Event::AfterSalesExchanged,
        RequestStatus::Repaired => Event::AfterSalesRepaired,
    }
}

/// A timeline entry that is not a change of state (`what`: "extended",
/// "inspected").
async fn event_of(
    conn: &mut PgConnection,
    request_id: i64,
    status: RequestStatus,
    what: &str,
    actor: Actor,
    note: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO after_sales_events (request_id, status, what, actor, note)
         VALUES ($1, $2, $3, $4, left($5, 500))",
        request_id,
        status as RequestStatus,
        what,
        actor as Actor,
        note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The shopper gives up on a request that has not gone past approval.
pub async fn withdraw(pool: &PgPool, shopper: Shopper, number: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let mut req = flow::lock(&mut tx, number, Some(shopper)).await?;
    let refunds = flow::withdraw(&mut tx, &mut req).await?;
    tx.commit().await?;
    jobs::settle(pool, &refunds).await;
    Ok(())
}

/// The shopper has sent an approved return back, with the carrier and
/// tracking number the merchant will look for.
pub async fn ship_back(
    pool: &PgPool,
    shopper: Shopper,
    number: &str,
    carrier: &str,
    tracking: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let errors = crate::orders::check_shipment(carrier, tracking);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (carrier, tracking) = (carrier.trim(), tracking.trim());
    let mut tx = pool.begin().await?;
    let mut req = flow::lock(&mut tx, number, Some(shopper)).await?;
    flow::ship_back(&mut tx, &mut req, carrier, tracking, now).await?;
    tx.commit().await?;
    Ok(())
}
