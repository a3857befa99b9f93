//! Customer queries and changes. Every change locks the shopper's row,
//! writes its audit entry and commits in one transaction; a refused change
//! writes nothing.
use super::{
    CUSTOMERS_PAGE_SIZE, CustomerDetail, CustomerList, CustomerOrder, CustomerRow, LEDGER_ENTRIES,
    PointsEntry, like_pattern,
};
use crate::admin::audit::db::{Target, label_of, record};
use crate::error::{AppError, ErrorKey};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// The columns of [`CustomerRow`] for `users u`. Spent: totals of orders
/// not cancelled, less refunds on those orders (a cancelled order's refund
/// is already left out with its total).
const CUSTOMER_COLUMNS: &str = "
    u.id, u.email, u.display_name, u.phone, u.level, u.points,
    (SELECT count(*) FROM orders o WHERE o.user_id = u.id) AS orders,
    (COALESCE((SELECT sum(o.total_minor) FROM orders o
                WHERE o.user_id = u.id AND o.status <> 'cancelled'), 0)
     - COALESCE((SELECT sum(p.refunded_minor) FROM payments p JOIN orders o ON o.id = p.order_id
                  WHERE o.user_id = u.id AND o.status <> 'cancelled'), 0))::bigint AS spent_minor,
    COALESCE((SELECT o.currency FROM orders o WHERE o.user_id = u.id
               ORDER BY o.id DESC LIMIT 1), 'CNY') AS currency,
    u.disabled_at IS NOT NULL AS disabled,
    u.erased_at IS NOT NULL AS erased,
    to_char(u.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS created_at";

/// Shoppers whose e-mail, name or phone contains `q` (all when empty),
/// newest first.
pub async fn search(pool: &PgPool, q: &str, page: i64) -> Result<CustomerList, AppError> {
    let pattern = like_pattern(q);
    const MATCH: &str = "u.role = 'shopper'
        AND ($1 = '' OR u.email ILIKE $2 OR u.display_name ILIKE $2 OR u.phone ILIKE $2)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM users u WHERE {MATCH}"))
        .bind(q)
        .bind(&pattern)
        .fetch_one(pool)
        .await?;
    let customers: Vec<CustomerRow> = sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM users u WHERE {MATCH}
          ORDER BY u.created_at DESC, u.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(q)
    .bind(&pattern)
    .bind(CUSTOMERS_PAGE_SIZE)
    .bind(page * CUSTOMERS_PAGE_SIZE)
    .fetch_all(pool)
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
    let customer: Option<CustomerRow> = sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM users u WHERE u.id = $1 AND u.role = 'shopper'"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(customer) = customer else {
        return Err(AppError::NotFound);
    };
    let addresses = crate::accounts::db::addresses(pool, id).await?;
    let orders: Vec<CustomerOrder> = sqlx::query_as(
        "SELECT number, status, payment_status, total_minor, currency,
                to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS created
           FROM orders WHERE user_id = $1
          ORDER BY created_at DESC, id DESC LIMIT 200",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let ledger: Vec<PointsEntry> = sqlx::query_as(
        "SELECT l.id, l.delta, l.reason, l.balance_after, s.email AS staff_email,
                to_char(l.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
           FROM points_ledger l LEFT JOIN users s ON s.id = l.staff_id
          WHERE l.user_id = $1
          ORDER BY l.id DESC LIMIT $2",
    )
    .bind(id)
    .bind(LEDGER_ENTRIES)
    .fetch_all(pool)
    .await?;
    Ok(CustomerDetail {
        customer,
        addresses,
        orders,
        ledger,
    })
}

/// Locks a shopper's row for a change; "not found" for anyone else.
async fn lock_shopper(conn: &mut PgConnection, id: i64) -> Result<(bool, String, i32), AppError> {
    let row: Option<(bool, String, i32)> = sqlx::query_as(
        "SELECT disabled_at IS NOT NULL, level, points FROM users
          WHERE id = $1 AND role = 'shopper' FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

/// Disables (every session ends in the same transaction) or enables a
/// shopper's account.
pub async fn set_disabled(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let (was_disabled, _, _) = lock_shopper(&mut tx, id).await?;
    sqlx::query(
        "UPDATE users SET updated_at = now(),
                disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END
          WHERE id = $1",
    )
    .bind(id)
    .bind(disabled)
    .execute(&mut *tx)
    .await?;
    let ended = if disabled {
        crate::server::end_sessions_of(&mut tx, id).await?
    } else {
        0
    };
    let label = label_of(&mut tx, "customer", id).await?;
    record(
        &mut tx,
        staff,
        "admin/customer/disable",
        Target::new("customer", id, &label),
        Some(json!({ "disabled": was_disabled })),
        Some(json!({ "disabled": disabled, "sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the membership level (already checked against [`super::LEVELS`]).
pub async fn set_level(pool: &PgPool, staff: &Staff, id: i64, level: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let (_, old_level, _) = lock_shopper(&mut tx, id).await?;
    sqlx::query("UPDATE users SET level = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(level)
        .execute(&mut *tx)
        .await?;
    let label = label_of(&mut tx, "customer", id).await?;
    record(
        &mut tx,
        staff,
        "admin/customer/level",
        Target::new("customer", id, &label),
        Some(json!({ "level": old_level })),
        Some(json!({ "level": level })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds `delta` points (negative takes them away) with a reason; the
/// balance never goes below zero. Returns the new balance.
pub async fn adjust_points(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    delta: i32,
    reason: &str,
) -> Result<i32, AppError> {
    let mut tx = pool.begin().await?;
    let (_, _, points) = lock_shopper(&mut tx, id).await?;
    let balance = i64::from(points) + i64::from(delta);
    if balance < 0 {
        return Err(AppError::invalid("delta", ErrorKey::BadRequest));
    }
    let balance =
        i32::try_from(balance).map_err(|_| AppError::invalid("delta", ErrorKey::TooLong))?;
    sqlx::query("UPDATE users SET points = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(balance)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO points_ledger (user_id, delta, reason, balance_after, staff_id)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(delta)
    .bind(reason)
    .bind(balance)
    .bind(staff.user.id)
    .execute(&mut *tx)
    .await?;
    let label = label_of(&mut tx, "customer", id).await?;
    record(
        &mut tx,
        staff,
        "admin/customer/points",
        Target::new("customer", id, &label),
        Some(json!({ "points": points })),
        Some(json!({ "points": balance, "delta": delta, "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok(balance)
}
