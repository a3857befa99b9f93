//! Points spent at checkout (engine rule 7): taken from the balance in the
//! order's transaction, one ledger entry per order line, and given back in
//! the share of the units a cancellation or refund takes back.
use super::{Entry, EntryKind, consume_until, lock_user, record};
use crate::error::{AppError, ErrorKey};
use crate::loyalty::RedeemTerms;
use sqlx::PgConnection;
use time::OffsetDateTime;

/// `user_id`'s spendable balance and the redemption terms in force. Read
/// without a lock, for pricing; `spend` checks the balance again.
pub async fn redeem_terms(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<(i64, RedeemTerms), AppError> {
    // Grants past their day are not spendable, even before the points job
    // has written them off: the balance offered is what `spend` can take.
    let r = sqlx::query!(
        r#"SELECT (SELECT COALESCE(sum(remaining), 0) FROM points_lots
                    WHERE user_id = $1 AND status = 'available' AND remaining > 0
                      AND expires_at > $2)::bigint AS "points!",
                  r.id, r.redeem_minor_per_point, r.redeem_min, r.redeem_max_pct
             FROM (SELECT * FROM points_rules ORDER BY id DESC LIMIT 1) r"#,
        user_id,
        now
    )
    .fetch_one(conn)
    .await?;
    Ok((
        r.points,
        RedeemTerms {
            rule_id: r.id,
            minor_per_point: i64::from(r.redeem_minor_per_point),
            min_points: i64::from(r.redeem_min),
            max_pct: i64::from(r.redeem_max_pct),
        },
    ))
}

/// Takes the points order `order_id`'s lines were priced with from
/// `user_id`'s balance, the grants that expire first first: one `spend`
/// entry per line, under rule version `rule_id`. Runs in the placing
/// transaction; a balance that no longer holds them fails the order
/// (`PointsChanged`), so racing orders never overspend. Grants expired by
/// `now` (the shop's clock) are not taken.
pub async fn spend(
    conn: &mut PgConnection,
    user_id: i64,
    order_id: i64,
    rule_id: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    lock_user(conn, user_id).await?;
    let lines = sqlx::query!(
        "SELECT id, points_spent FROM order_items
          WHERE order_id = $1 AND points_spent > 0 ORDER BY id",
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let total: i32 = lines.iter().map(|l| l.points_spent).sum();
    let (taken, until) = consume_until(conn, user_id, total, Some(now)).await?;
    if taken < total {
        return Err(AppError::Conflict(ErrorKey::PointsChanged));
    }
    sqlx::query!(
        "UPDATE orders SET points_expire_at = $2 WHERE id = $1",
        order_id,
        until
    )
    .execute(&mut *conn)
    .await?;
    for l in lines {
        let entry = Entry {
            user_id,
            kind: EntryKind::Spend,
            delta: -l.points_spent,
            lot_id: None,
            order_item_id: Some(l.id),
            rule_id: Some(rule_id),
            reason: None,
            staff_id: None,
            key: Some(format!("spend:{}", l.id)),
            at: None,
        };
        record(conn, &entry).await?;
    }
    Ok(())
}

/// Gives back the points order `order_id` spent, in the share of each
/// line's units taken back (`units_taken_back`) and not given back yet: a
/// new grant, available at once, expiring when the points spent would
/// have (so a refund never makes old points new; points past it expire at
/// the next job run), and a `reverse` entry of the spend. The caller holds
/// `user_id`'s row locked.
pub(super) async fn give_back(
    conn: &mut PgConnection,
    order_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let lines = sqlx::query!(
        r#"SELECT i.id, i.qty, i.points_spent, i.points_returned,
                  units_taken_back(i.id) AS "back!"
             FROM order_items i
            WHERE i.order_id = $1 AND i.points_spent > i.points_returned
            ORDER BY i.id
              FOR UPDATE"#,
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for l in lines {
        let target = crate::loyalty::share(l.points_spent, l.back, l.qty);
        let owed = target - l.points_returned;
        if owed <= 0 {
            continue;
        }
        let lot = sqlx::query!(
            "INSERT INTO points_lots (user_id, rule_id, points, remaining, status, earned_at,
                                      available_at, expires_at)
             SELECT $1, r.id, $2, $2, 'available', now(), now(),
                    COALESCE(o.points_expire_at, now() + make_interval(days => r.expire_days))
               FROM orders o
              CROSS JOIN (SELECT id, expire_days FROM points_rules ORDER BY id DESC LIMIT 1) r
              WHERE o.id = $3
             RETURNING id, rule_id",
            user_id,
            owed,
            order_id
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "UPDATE order_items SET points_returned = $2 WHERE id = $1",
            l.id,
            target
        )
        .execute(&mut *conn)
        .await?;
        let entry = Entry {
            user_id,
            kind: EntryKind::Reverse,
            delta: owed,
            lot_id: Some(lot.id),
            order_item_id: Some(l.id),
            rule_id: Some(lot.rule_id),
            reason: None,
            staff_id: None,
            key: Some(format!("unspend:{}:{target}", l.id)),
            at: None,
        };
        record(conn, &entry).await?;
    }
    Ok(())
}
