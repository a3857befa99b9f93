//! Exchanges and repairs: the goods the shop sends back. An exchange
//! swaps units for another variant of the same product, chosen when the
//! request is opened and priced then: a dearer one is charged to the
//! shopper (paid through the provider before the replacement leaves), a
//! cheaper one refunds the difference when it does. The replacement leaves
//! stock like a sale, with an `exchanged` stock movement; a repair sends
//! the shopper's own goods back and moves no stock.
use super::Opening;
use super::flow::{self, Locked};
use crate::aftersales::{ExchangeChoice, RequestKind, RequestStatus, exchange_difference};
use crate::error::{AppError, ErrorKey};
use crate::payments::Actor;
use crate::payments::db::refunds::{RefundRequest, refundable};
use sqlx::{PgConnection, PgPool};
use std::collections::HashMap;

struct ChoiceRow {
    line_id: i64,
    variant_id: i64,
    options: String,
    price_minor: i64,
    stock: i32,
}

/// The other variants of each line's product (same currency), by line.
pub(super) async fn choices(
    conn: &mut PgConnection,
    order_id: i64,
    lang: &str,
) -> Result<HashMap<i64, Vec<ExchangeChoice>>, AppError> {
    let rows = sqlx::query_as!(
        ChoiceRow,
        r#"SELECT i.id AS line_id, v.id AS variant_id,
                  COALESCE(variant_label(v.id, $2), '') AS "options!", v.price_minor, v.stock
             FROM order_items i
             JOIN orders o ON o.id = i.order_id
             JOIN product_variants v ON v.product_id = i.product_id
                                    AND v.id IS DISTINCT FROM i.variant_id
                                    AND v.currency = o.currency
            WHERE i.order_id = $1
            ORDER BY i.id, v.position, v.id"#,
        order_id,
        lang
    )
    .fetch_all(conn)
    .await?;
    let mut out: HashMap<i64, Vec<ExchangeChoice>> = HashMap::new();
    for r in rows {
        out.entry(r.line_id).or_default().push(ExchangeChoice {
            variant_id: r.variant_id,
            options: r.options,
            price_minor: r.price_minor,
            stock: r.stock,
        });
    }
    Ok(out)
}

/// An exchange as agreed when the request opened.
#[derive(Debug, Clone)]
pub(super) struct Swap {
    line_id: i64,
    variant_id: i64,
    unit_minor: i64,
    options: String,
    pub charge_minor: i64,
    pub refund_minor: i64,
}

/// Checks the variant an exchange asks for (another variant of the line's
/// product, in the order's currency, with the units in stock now) and
/// prices the swap. Inside the opening transaction.
pub(super) async fn swap(
    conn: &mut PgConnection,
    order_id: i64,
    o: &Opening,
) -> Result<Swap, AppError> {
    let wrong = || AppError::invalid("exchange_to", ErrorKey::AfterSalesExchangeVariant);
    let (&[(line_id, qty)], Some(variant)) = (&o.items[..], o.exchange_to) else {
        return Err(wrong());
    };
    let row = sqlx::query!(
        r#"SELECT i.unit_minor, i.qty, i.paid_minor, v.price_minor, v.stock,
                  COALESCE(variant_label(v.id, 'zh-CN'), '') AS "options!"
             FROM order_items i
             JOIN orders o ON o.id = i.order_id
             JOIN product_variants v ON v.product_id = i.product_id
                                    AND v.id IS DISTINCT FROM i.variant_id
                                    AND v.currency = o.currency
            WHERE i.id = $1 AND i.order_id = $2 AND v.id = $3"#,
        line_id,
        order_id,
        variant
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(wrong)?;
    if qty < 1 || qty > row.qty {
        return Err(AppError::Conflict(ErrorKey::AfterSalesTooMany));
    }
    if row.stock < qty {
        return Err(AppError::invalid("exchange_to", ErrorKey::SoldOut));
    }
    // What these units really cost, after the order's discounts.
    let paid_share = row.paid_minor * i64::from(qty) / i64::from(row.qty.max(1));
    let (charge_minor, refund_minor) =
        exchange_difference(row.unit_minor, row.price_minor, qty, paid_share);
    Ok(Swap {
        line_id,
        variant_id: variant,
        unit_minor: row.price_minor,
        options: row.options,
        charge_minor,
        refund_minor,
    })
}

/// Writes the agreed swap onto the request's line.
pub(super) async fn record(
    conn: &mut PgConnection,
    number: &str,
    s: &Swap,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE after_sales_items ai
            SET exchange_variant_id = $3, exchange_unit_minor = $4, exchange_options = $5
           FROM after_sales_requests r
          WHERE r.number = $1 AND ai.request_id = r.id AND ai.order_item_id = $2",
        number,
        s.line_id,
        s.variant_id,
        s.unit_minor,
        s.options,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A paid difference goes back when the exchange will not happen (the
/// request refused, withdrawn or closed), inside the caller's
/// transaction: pending refunds to settle once it commits.
pub(super) async fn return_charge(
    conn: &mut PgConnection,
    req: &Locked,
) -> Result<Vec<RefundRequest>, AppError> {
    if req.kind != RequestKind::Exchange {
        return Ok(Vec::new());
    }
    let ids = sqlx::query_scalar!(
        "SELECT id FROM payments WHERE after_sales_id = $1 AND status = 'paid'",
        req.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut made = Vec::new();
    for from in refundable(&mut *conn, req.order_id).await? {
        if !ids.contains(&from.payment_id) || from.left_minor <= 0 {
            continue;
        }
        made.push(flow::refund_for(conn, req, &from, from.left_minor, None).await?);
    }
    Ok(made)
}

/// Opens (or reopens) the provider's page to pay an exchange's difference
/// and returns it; the provider sends the shopper `back` (the request's
/// page) afterwards. Refused unless the request is the shopper's, still
/// open, and owes a difference not yet paid.
pub async fn start_charge(
    pool: &PgPool,
    shopper: super::Shopper,
    number: &str,
    back: &str,
    notify_base: &str,
) -> Result<String, AppError> {
    let mut tx = pool.begin().await?;
    let req = flow::lock(&mut tx, number, Some(shopper)).await?;
    let row = sqlx::query!(
        "SELECT charge_minor, charge_paid_at IS NOT NULL AS \"paid!\", currency
           FROM after_sales_requests WHERE id = $1",
        req.id
    )
    .fetch_one(&mut *tx)
    .await?;
    let open = matches!(
        req.status,
        RequestStatus::Requested
            | RequestStatus::Approved
            | RequestStatus::BuyerShipped
            | RequestStatus::Received
    );
    if row.charge_minor == 0 || row.paid || !open {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    // An abandoned attempt is reopened; otherwise a new one.
    let reference = match sqlx::query_scalar!(
        "SELECT provider_ref FROM payments WHERE after_sales_id = $1 AND status = 'pending'",
        req.id
    )
    .fetch_optional(&mut *tx)
    .await?
    {
        Some(r) => r,
        None => {
            sqlx::query_scalar!(
                "INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency,
                                       status, after_sales_id)
                 VALUES ($1, 'sandbox', $2, $3, $4, 'pending', $5) RETURNING provider_ref",
                req.order_id,
                crate::payments::db::new_reference(),
                row.charge_minor,
                row.currency,
                req.id
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    tx.commit().await?;
    crate::payments::db::open_charge(
        pool,
        &reference,
        number,
        row.charge_minor,
        &row.currency,
        back,
        notify_base,
    )
    .await
}

/// Sends the replacement (exchange) or the repaired goods (repair) back to
/// the shopper with tracking, after the returned goods arrived. An
/// exchange waits for its inspection and for a difference owed to be
/// paid; its replacement units leave stock now (refused if there are not
/// enough), and a difference owed to the shopper is refunded.
pub async fn dispatch(
    conn: &mut PgConnection,
    req: &mut Locked,
    carrier: &str,
    tracking: &str,
    staff_id: Option<i64>,
) -> Result<Vec<RefundRequest>, AppError> {
    let next = match req.kind {
        RequestKind::Exchange => RequestStatus::Exchanged,
        RequestKind::Repair => RequestStatus::Repaired,
        _ => return Err(AppError::Conflict(ErrorKey::OrderStateChanged)),
    };
    if req.status != RequestStatus::Received {
        return Err(AppError::Conflict(ErrorKey::OrderStateChanged));
    }
    if req.kind == RequestKind::Exchange {
        take_replacement(conn, req, staff_id).await?;
    }
    sqlx::query!(
        "UPDATE after_sales_requests
            SET out_carrier = $2, out_tracking = $3, out_shipped_at = now()
          WHERE id = $1 AND status = 'received'",
        req.id,
        carrier,
        tracking
    )
    .execute(&mut *conn)
    .await?;
    let note = format!("{carrier} {tracking}");
    flow::set_status(conn, req, next, None, Actor::Staff, &note).await?;
    if req.kind == RequestKind::Exchange && req.refund_minor > 0 {
        return flow::pay(conn, req, Actor::Staff, staff_id).await;
    }
    Ok(Vec::new())
}

/// The replacement units leave the shelf, each variant locked in id order.
async fn take_replacement(
    conn: &mut PgConnection,
    req: &Locked,
    staff_id: Option<i64>,
) -> Result<(), AppError> {
    let state = sqlx::query!(
        r#"SELECT r.charge_minor, r.charge_paid_at IS NOT NULL AS "paid!",
                  bool_and(ai.inspected_at IS NOT NULL) AS "inspected!"
             FROM after_sales_requests r JOIN after_sales_items ai ON ai.request_id = r.id
            WHERE r.id = $1 GROUP BY r.id"#,
        req.id
    )
    .fetch_one(&mut *conn)
    .await?;
    if state.charge_minor > 0 && !state.paid {
        return Err(AppError::Conflict(ErrorKey::AfterSalesChargeUnpaid));
    }
    if !state.inspected {
        return Err(AppError::Conflict(ErrorKey::AfterSalesNotInspected));
    }
    let lines = sqlx::query!(
        r#"SELECT exchange_variant_id AS "variant!", sum(qty)::int AS "qty!"
             FROM after_sales_items
            WHERE request_id = $1 AND exchange_variant_id IS NOT NULL
            GROUP BY exchange_variant_id ORDER BY exchange_variant_id"#,
        req.id
    )
    .fetch_all(&mut *conn)
    .await?;
    if lines.is_empty() {
        // The variant was deleted since: nothing to send from.
        return Err(AppError::Conflict(ErrorKey::SoldOut));
    }
    for l in lines {
        let took = sqlx::query_scalar!(
            "WITH v AS (UPDATE product_variants SET stock = stock - $2
                         WHERE id = $1 AND stock >= $2 RETURNING id, stock)
             INSERT INTO stock_movements (variant_id, delta, reason, note, stock_after, staff_id)
             SELECT id, -$2, 'exchanged', $3, stock, $4 FROM v RETURNING id",
            l.variant,
            l.qty,
            req.number,
            staff_id,
        )
        .fetch_optional(&mut *conn)
        .await?;
        if took.is_none() {
            return Err(AppError::Conflict(ErrorKey::SoldOut));
        }
    }
    Ok(())
}
