//! Risk review in the database: the score written in the transaction that
//! places the order (so an order is never seen unscored), the rules read
//! and saved (audited), and an order's review for its back-office page.
//! Releasing or cancelling a held order is the back office's
//! (`admin::orders::db::review`), beside the other changes to orders.
use super::{OrderRisk, RiskHold, RiskPolicy, RiskReason, RiskRule, Signals, score, verdict};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::AppError;
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};

pub async fn policy(conn: &mut PgConnection) -> Result<RiskPolicy, AppError> {
    Ok(sqlx::query_as!(
        RiskPolicy,
        "SELECT threshold, burst_points, burst_orders, burst_minutes, cod_points, cod_refusals,
                refund_points, refund_percent, refund_min_orders, email_points,
                disposable_domains
           FROM risk_policy"
    )
    .fetch_one(conn)
    .await?)
}

/// What the rules look at for order `order_id`: its address's orders in
/// the burst window, and its buyer's history (the account's orders, or a
/// guest's by e-mail), not counting this order.
async fn signals(
    conn: &mut PgConnection,
    order_id: i64,
    burst_minutes: i32,
) -> Result<Signals, AppError> {
    let r = sqlx::query!(
        r#"WITH o AS (
               SELECT o.id, o.user_id, lower(o.guest_email) AS guest, o.created_at,
                      risk_address(o.ship_to) AS addr,
                      lower(split_part(COALESCE(u.email, o.guest_email, ''), '@', 2)) AS domain
                 FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = $1),
           mine AS (
               SELECT x.* FROM orders x, o
                WHERE x.id <> o.id
                  AND (x.user_id = o.user_id OR (o.user_id IS NULL AND lower(x.guest_email) = o.guest)))
           SELECT (SELECT count(*) FROM orders x, o
                    WHERE x.created_at >= o.created_at - make_interval(mins => $2)
                      AND x.created_at <= o.created_at
                      AND risk_address(x.ship_to) = o.addr) AS "same_address!",
                  (SELECT count(*) FROM mine
                    WHERE payment_method = 'cod' AND status = 'cancelled') AS "cod_refusals!",
                  (SELECT count(*) FROM mine
                    WHERE payment_status IN ('paid', 'partially_refunded', 'refund_pending',
                                             'refunded', 'cod_collected')) AS "paid_orders!",
                  (SELECT count(*) FROM mine
                    WHERE payment_status IN ('partially_refunded', 'refund_pending', 'refunded')
                       OR EXISTS (SELECT 1 FROM refunds f
                                   WHERE f.order_id = mine.id AND f.status = 'done')) AS "refunded_orders!",
                  (SELECT domain FROM o) AS "domain!""#,
        order_id,
        burst_minutes
    )
    .fetch_one(conn)
    .await?;
    Ok(Signals {
        same_address: r.same_address,
        cod_refusals: r.cod_refusals,
        paid_orders: r.paid_orders,
        refunded_orders: r.refunded_orders,
        email_domain: r.domain,
    })
}

/// Scores a new order inside the transaction that places it: its reasons
/// are written, and it is held when the score reaches the threshold.
/// Returns whether it was held.
pub async fn assess(conn: &mut PgConnection, order_id: i64) -> Result<bool, AppError> {
    let p = policy(&mut *conn).await?;
    let s = signals(&mut *conn, order_id, p.burst_minutes).await?;
    let reasons = score(&p, &s);
    let (total, held) = verdict(&p, &reasons);
    if reasons.is_empty() {
        return Ok(false);
    }
    let rules: Vec<RiskRule> = reasons.iter().map(|r| r.rule).collect();
    let points: Vec<i32> = reasons.iter().map(|r| r.points).collect();
    let observed: Vec<i32> = reasons.iter().map(|r| r.observed).collect();
    sqlx::query!(
        "INSERT INTO order_risk_reasons (order_id, rule, points, observed)
         SELECT $1, * FROM UNNEST($2::text[], $3::int[], $4::int[])",
        order_id,
        &rules[..] as &[RiskRule],
        &points[..],
        &observed[..],
    )
    .execute(&mut *conn)
    .await?;
    let hold = if held { RiskHold::Held } else { RiskHold::None };
    sqlx::query!(
        "UPDATE orders SET risk_score = $2, risk_hold = $3 WHERE id = $1",
        order_id,
        total,
        hold as RiskHold,
    )
    .execute(&mut *conn)
    .await?;
    if held {
        tracing::info!(order_id, score = total, "order held for risk review");
    }
    Ok(held)
}

/// An order's review: its score, reasons and hold.
pub async fn of_order(pool: &PgPool, order_id: i64) -> Result<OrderRisk, AppError> {
    let head = sqlx::query!(
        r#"SELECT o.risk_score, o.risk_hold AS "hold: RiskHold", p.threshold
             FROM orders o CROSS JOIN risk_policy p WHERE o.id = $1"#,
        order_id
    )
    .fetch_one(pool)
    .await?;
    let reasons = sqlx::query_as!(
        RiskReason,
        r#"SELECT rule AS "rule: RiskRule", points, observed
             FROM order_risk_reasons WHERE order_id = $1 ORDER BY points DESC, rule"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    Ok(OrderRisk {
        score: head.risk_score,
        hold: head.hold,
        reasons,
        threshold: head.threshold,
    })
}

/// The rules as the audit log keeps them, locked for the change.
async fn policy_snapshot(conn: &mut PgConnection) -> Result<Option<Snapshot>, AppError> {
    sqlx::query!("SELECT FROM risk_policy FOR UPDATE")
        .execute(&mut *conn)
        .await?;
    let p = policy(conn).await?;
    Ok(Some(Snapshot {
        target: Target::new("risk_policy", 1, "risk"),
        state: serde_json::to_value(&p).map_err(|_| AppError::Internal)?,
    }))
}

/// Saves the rules and the threshold; orders placed from now on are
/// scored by them (those already placed keep their score).
pub async fn save_policy(pool: &PgPool, staff: &Staff, p: &RiskPolicy) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::RiskPolicy,
        async |conn: &mut PgConnection, _: Option<&()>| policy_snapshot(conn).await,
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "UPDATE risk_policy
                    SET threshold = $1, burst_points = $2, burst_orders = $3, burst_minutes = $4,
                        cod_points = $5, cod_refusals = $6, refund_points = $7,
                        refund_percent = $8, refund_min_orders = $9, email_points = $10,
                        disposable_domains = $11",
                p.threshold,
                p.burst_points,
                p.burst_orders,
                p.burst_minutes,
                p.cod_points,
                p.cod_refusals,
                p.refund_points,
                p.refund_percent,
                p.refund_min_orders,
                p.email_points,
                &p.disposable_domains[..],
            )
            .execute(conn)
            .await?;
            Ok(())
        },
    )
    .await
}
