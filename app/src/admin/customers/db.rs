//! Customer queries and changes. Every change locks the shopper's row,
//! writes its audit entry and commits in one transaction; a refused change
//! writes nothing.
use super::{
    CUSTOMERS_PAGE_SIZE, CustomerDetail, CustomerList, CustomerOrder, CustomerRow, LEDGER_ENTRIES,
    PointsEntry, like_pattern,
};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::AppError;
use crate::orders::OrderStatus;
use crate::payments::PaymentStatus;
use crate::server::Staff;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// Shoppers, newest first: the one with `id` when given, and those whose
/// e-mail, name or phone contains `q` (all when `q` is empty). Spent:
/// totals of orders not cancelled, less refunds on those orders (a
/// cancelled order's refund is already left out with its total).
async fn customers(
    pool: &PgPool,
    id: Option<i64>,
    q: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<CustomerRow>, AppError> {
    Ok(sqlx::query_as!(
        CustomerRow,
        r#"SELECT u.id, u.email, u.display_name, u.phone, u.level, u.level_floor, u.points,
                  (SELECT count(*) FROM orders o WHERE o.user_id = u.id) AS "orders!",
                  (COALESCE((SELECT sum(o.total_minor) FROM orders o
                              WHERE o.user_id = u.id AND o.status <> 'cancelled'), 0)
                   - COALESCE((SELECT sum(p.refunded_minor) FROM payments p
                                 JOIN orders o ON o.id = p.order_id
                                WHERE o.user_id = u.id AND o.status <> 'cancelled'), 0)
                  )::bigint AS "spent_minor!",
                  COALESCE((SELECT o.currency FROM orders o WHERE o.user_id = u.id
                             ORDER BY o.id DESC LIMIT 1), 'CNY') AS "currency!",
                  u.disabled_at IS NOT NULL AS "disabled!",
                  u.erased_at IS NOT NULL AS "erased!",
                  shop_day(u.created_at) AS "created_at!"
             FROM users u
            WHERE u.role = 'shopper'
              AND ($1::bigint IS NULL OR u.id = $1)
              AND ($2 = '' OR u.email ILIKE $3 OR u.display_name ILIKE $3 OR u.phone ILIKE $3)
            ORDER BY u.created_at DESC, u.id DESC
            LIMIT $4 OFFSET $5"#,
        id,
        q,
        like_pattern(q),
        limit,
        offset
    )
    .fetch_all(pool)
    .await?)
}

/// Shoppers whose e-mail, name or phone contains `q` (all when empty),
/// newest first.
pub async fn search(pool: &PgPool, q: &str, page: i64) -> Result<CustomerList, AppError> {
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "total!" FROM users u
            WHERE u.role = 'shopper'
              AND ($1 = '' OR u.email ILIKE $2 OR u.display_name ILIKE $2 OR u.phone ILIKE $2)"#,
        q,
        like_pattern(q)
    )
    .fetch_one(pool)
    .await?;
    let customers = customers(
        pool,
        None,
        q,
        CUSTOMERS_PAGE_SIZE,
        page * CUSTOMERS_PAGE_SIZE,
    )
    .await?;
    Ok(CustomerList {
        customers,
        total,
        page,
        has_more: (page + 1) * CUSTOMERS_PAGE_SIZE < total,
    })
}

/// A shopper's page. Staff accounts (and unknown ids) are "not found".
pub async fn detail(pool: &PgPool, id: i64) -> Result<CustomerDetail, AppError> {
    let Some(customer) = customers(pool, Some(id), "", 1, 0).await?.pop() else {
        return Err(AppError::NotFound);
    };
    let addresses = crate::accounts::db::addresses(pool, id).await?;
    let orders = sqlx::query_as!(
        CustomerOrder,
        r#"SELECT number, status AS "status: OrderStatus",
                  payment_status AS "payment_status: PaymentStatus",
                  total_minor, currency, shop_day(created_at) AS "created!"
             FROM orders WHERE user_id = $1
            ORDER BY created_at DESC, id DESC LIMIT 200"#,
        id
    )
    .fetch_all(pool)
    .await?;
    let ledger = sqlx::query_as!(
        PointsEntry,
        r#"SELECT l.id, l.kind AS "kind: crate::loyalty::EntryKind", l.delta, l.reason,
                  o.number AS "order_number?", l.balance_after, s.email AS "staff_email?",
                  shop_minute(l.created_at) AS "at!"
             FROM points_ledger l LEFT JOIN users s ON s.id = l.staff_id
             LEFT JOIN order_items i ON i.id = l.order_item_id
             LEFT JOIN orders o ON o.id = i.order_id
            WHERE l.user_id = $1
            ORDER BY l.id DESC LIMIT $2"#,
        id,
        LEDGER_ENTRIES
    )
    .fetch_all(pool)
    .await?;
    Ok(CustomerDetail {
        customer,
        addresses,
        orders,
        ledger,
    })
}

/// What staff may change on a shopper, as it stands.
struct Shopper {
    email: String,
    disabled: bool,
    level: String,
    level_floor: Option<String>,
    level_floor_reason: Option<String>,
    points: i32,
}

/// Locks a shopper's row for a change; None for anyone else.
async fn lock_shopper(conn: &mut PgConnection, id: i64) -> Result<Option<Shopper>, AppError> {
    Ok(sqlx::query_as!(
        Shopper,
        r#"SELECT email, disabled_at IS NOT NULL AS "disabled!", level, level_floor,
                  level_floor_reason, points FROM users
            WHERE id = $1 AND role = 'shopper' FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// The shopper's snapshot for the log: `state` of their row, named by
/// their e-mail; None when `id` is no shopper.
async fn snapshot(
    conn: &mut PgConnection,
    id: i64,
    state: impl FnOnce(&Shopper) -> Value,
) -> Result<Option<Snapshot>, AppError> {
    Ok(lock_shopper(conn, id).await?.map(|s| Snapshot {
        target: Target::new("customer", id, &s.email),
        state: state(&s),
    }))
}

/// Disables (every session ends in the same transaction) or enables a
/// shopper's account.
pub async fn set_disabled(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::CustomerDisable,
        async |conn: &mut PgConnection, ended: Option<&u64>| match ended {
            None => snapshot(conn, id, |s| json!({ "disabled": s.disabled })).await,
            Some(n) => {
                snapshot(
                    conn,
                    id,
                    |s| json!({ "disabled": s.disabled, "sessions_ended": n }),
                )
                .await
            }
        },
        async |conn: &mut PgConnection| {
            let updated = sqlx::query!(
                "UPDATE users SET updated_at = now(),
                        disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END
                  WHERE id = $1 AND role = 'shopper'",
                id,
                disabled
            )
            .execute(&mut *conn)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            if disabled {
                crate::server::end_sessions_of(conn, id).await
            } else {
                Ok(0)
            }
        },
    )
    .await?;
    Ok(())
}

/// Sets the lowest level the shopper's level may go to (`regular`: no
/// floor; already checked against [`super::LEVELS`]), with staff's reason.
/// The level follows at once, both ways: up to the floor, or down to what
/// the shopper's spend reaches when the floor is lowered.
pub async fn set_level(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    level: &str,
    reason: &str,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    let floor = (level != "regular").then_some(level);
    audited(
        pool,
        staff.into(),
        AuditAction::CustomerLevel,
        async |conn: &mut PgConnection, _: Option<&()>| {
            snapshot(conn, id, |s| {
                json!({ "level": s.level, "level_floor": s.level_floor,
                        "level_floor_reason": s.level_floor_reason })
            })
            .await
        },
        async |conn: &mut PgConnection| {
            let updated = sqlx::query!(
                "UPDATE users SET level_floor = $2, level_floor_reason = $3, updated_at = now()
                  WHERE id = $1 AND role = 'shopper'",
                id,
                floor,
                reason
            )
            .execute(&mut *conn)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            let by = Some(staff.user.id);
            crate::loyalty::db::evaluate_level(conn, id, now, by).await?;
            Ok(())
        },
    )
    .await
}

/// Adds `delta` points (negative takes them away) with a reason; the
/// balance never goes below zero. Returns the new balance.
pub async fn adjust_points(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    delta: i32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::CustomerPoints,
        async |conn: &mut PgConnection, balance: Option<&i32>| match balance {
            None => snapshot(conn, id, |s| json!({ "points": s.points })).await,
            Some(_) => {
                snapshot(
                    conn,
                    id,
                    |s| json!({ "points": s.points, "delta": delta, "reason": reason }),
                )
                .await
            }
        },
        async |conn: &mut PgConnection| {
            lock_shopper(conn, id).await?.ok_or(AppError::NotFound)?;
            // A grant available at once, or taken from the grants that
            // expire first (app/src/loyalty).
            crate::loyalty::db::adjust(conn, id, delta, reason, staff.user.id, now).await
        },
    )
    .await
}
