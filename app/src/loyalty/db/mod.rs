//! SQL for points. A change to a shopper's balance locks their `users` row
//! first and their grants after, in every path (paying, refunding, the
//! jobs, staff), so two of them never wait on each other crosswise. The
//! balance (`users.points`) moves only together with a ledger entry, whose
//! unique key makes a retried job or a second runner write nothing twice.
use super::{EntryKind, HistoryLine, LotStatus, PendingLine, PointsSummary};
use crate::error::{AppError, ErrorKey};
use crate::notify::Event;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

mod benefits;
mod levels;
mod spend;
pub use benefits::{Benefits, benefits};
pub use levels::{evaluate as evaluate_level, run_at as run_levels_at, summary as level_summary};
pub use spend::{redeem_terms, spend};

/// Grants per job run at most; the next run takes the rest.
const BATCH: i64 = 500;
/// Ledger entries the account page shows.
const HISTORY_SHOWN: i64 = 50;

/// Grants pending points on every line of order `order_id`, if an account
/// placed it, at the current rule: on what was paid for the line's goods,
/// times the shopper's level bonus (recorded on the grant). Runs in the
/// transaction that takes the payment (or, cash on delivery, that delivers
/// the order); a line already granted is left alone.
pub async fn earn(conn: &mut PgConnection, order_id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO points_lots (user_id, order_item_id, rule_id, points, earned_at, level_pct)
         SELECT o.user_id, i.id, r.id,
                (i.paid_minor / 100 * r.earn_per_unit * ml.points_pct / 100)::int, now(),
                ml.points_pct
           FROM orders o
           JOIN order_items i ON i.order_id = o.id
           JOIN users u ON u.id = o.user_id
           JOIN member_levels ml ON ml.level = u.level
          CROSS JOIN (SELECT id, earn_per_unit FROM points_rules ORDER BY id DESC LIMIT 1) r
          WHERE o.id = $1
            AND i.paid_minor / 100 * r.earn_per_unit * ml.points_pct / 100 > 0
         ON CONFLICT (order_item_id) DO NOTHING",
        order_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A grant on one of an order's lines, with what has been taken back.
struct LineGrant {
    id: i64,
    user_id: i64,
    order_item_id: Option<i64>,
    rule_id: i64,
    cancelled: i32,
    status: LotStatus,
    /// What the line's cancelled or refunded units take back of it.
    target: i32,
}

/// Takes back what order `order_id`'s cancelled or refunded units earned:
/// from a pending grant, simply cancelled; from one already available, as
/// a `reverse` entry of exactly that share of the grant, never more than
/// the balance holds. Runs in the transaction of the cancellation or the
/// refund; a second run finds nothing more to take back.
pub async fn settle(conn: &mut PgConnection, order_id: i64) -> Result<(), AppError> {
    let Some(user_id) = sqlx::query_scalar!(
        "SELECT u.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1
            FOR NO KEY UPDATE OF u",
        order_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(());
    };
    sqlx::query!(
        "SELECT l.id FROM points_lots l JOIN order_items i ON i.id = l.order_item_id
          WHERE i.order_id = $1 ORDER BY l.id FOR UPDATE OF l",
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    // Points the order spent come back in the same share.
    spend::give_back(conn, order_id, user_id).await?;
    // Units refunded by after-sales, or all of a cancelled order.
    let grants: Vec<LineGrant> = sqlx::query!(
        r#"SELECT l.id, l.user_id, l.order_item_id, l.rule_id, l.points, l.cancelled,
                  l.status AS "status: LotStatus", i.qty, units_taken_back(i.id) AS "back!"
             FROM points_lots l
             JOIN order_items i ON i.id = l.order_item_id
            WHERE i.order_id = $1 AND l.user_id = $2 AND l.status <> 'cancelled'
            ORDER BY l.id"#,
        order_id,
        user_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| LineGrant {
        target: super::share(r.points, r.back, r.qty),
        id: r.id,
        user_id: r.user_id,
        order_item_id: r.order_item_id,
        rule_id: r.rule_id,
        cancelled: r.cancelled,
        status: r.status,
    })
    .collect();
    for g in grants {
        if g.target <= g.cancelled {
            continue;
        }
        if g.status == LotStatus::Pending {
            sqlx::query!(
                "UPDATE points_lots
                    SET cancelled = $2,
                        status = CASE WHEN $2 = points THEN 'cancelled' ELSE status END
                  WHERE id = $1 AND status = 'pending'",
                g.id,
                g.target
            )
            .execute(&mut *conn)
            .await?;
        } else {
            reverse(conn, &g).await?;
        }
    }
    Ok(())
}

/// Takes back `g.target - g.cancelled` points of an available (or spent,
/// or expired) grant: from the grant itself first, then from the oldest
/// others, as far as the balance goes.
async fn reverse(conn: &mut PgConnection, g: &LineGrant) -> Result<(), AppError> {
    let owed = g.target - g.cancelled;
    let from_lot = sqlx::query_scalar!(
        "WITH old AS (SELECT remaining FROM points_lots WHERE id = $1)
         UPDATE points_lots l SET cancelled = $2, remaining = GREATEST(l.remaining - $3, 0)
           FROM old WHERE l.id = $1
         RETURNING old.remaining - l.remaining",
        g.id,
        g.target,
        owed
    )
    .fetch_one(&mut *conn)
    .await?
    .unwrap_or(0);
    // The rest from the grants that expire first, as far as they go.
    let more = consume(conn, g.user_id, owed - from_lot).await?;
    let taken = from_lot + more;
    if taken > 0 {
        let key = format!("reverse:{}:{}", g.id, g.target);
        let entry = Entry {
            order_item_id: g.order_item_id,
            rule_id: Some(g.rule_id),
            ..Entry::about(g.user_id, EntryKind::Reverse, -taken, g.id, key)
        };
        record(conn, &entry).await?;
    }
    Ok(())
}

/// The spendable balance of `user_id` (their row is already locked).
async fn balance(conn: &mut PgConnection, user_id: i64) -> Result<i32, AppError> {
    Ok(
        sqlx::query_scalar!("SELECT points FROM users WHERE id = $1", user_id)
            .fetch_one(conn)
            .await?,
    )
}

/// Takes up to `amount` points from `user_id`'s available grants, the
/// first to expire first: what it took.
/// Taking back may use a grant past its day the job has not written off
/// yet: those points are still in the balance.
async fn consume(conn: &mut PgConnection, user_id: i64, amount: i32) -> Result<i32, AppError> {
    Ok(consume_until(conn, user_id, amount, None).await?.0)
}

/// `consume`, leaving out the grants expired by `alive_at` when given, and
/// the earliest expiry of the grants it took from: points given back keep
/// that day, so placing and cancelling an order can never move points that
/// were about to expire to a later grant's day.
async fn consume_until(
    conn: &mut PgConnection,
    user_id: i64,
    amount: i32,
    alive_at: Option<OffsetDateTime>,
) -> Result<(i32, Option<OffsetDateTime>), AppError> {
    if amount <= 0 {
        return Ok((0, None));
    }
    let taken = sqlx::query!(
        r#"WITH locked AS (
               SELECT id, remaining, expires_at FROM points_lots
                WHERE user_id = $1 AND status = 'available' AND remaining > 0
                  AND ($3::timestamptz IS NULL OR expires_at > $3)
                  FOR UPDATE),
           lots AS (
               SELECT id, remaining,
                      sum(remaining) OVER (ORDER BY expires_at, id) - remaining AS before
                 FROM locked),
           took AS (
               UPDATE points_lots l SET remaining = l.remaining - LEAST(l.remaining, $2 - lots.before)
                 FROM lots WHERE l.id = lots.id AND lots.before < $2
               RETURNING LEAST(lots.remaining, $2 - lots.before) AS n, l.expires_at)
           SELECT COALESCE(sum(n), 0)::int AS "n!", min(expires_at) AS until FROM took"#,
        user_id,
        i64::from(amount),
        alive_at
    )
    .fetch_one(conn)
    .await?;
    Ok((taken.n, taken.until))
}

/// One ledger entry.
struct Entry {
    user_id: i64,
    kind: EntryKind,
    delta: i32,
    lot_id: Option<i64>,
    order_item_id: Option<i64>,
    rule_id: Option<i64>,
    reason: Option<String>,
    staff_id: Option<i64>,
    /// Unique: a second attempt writes nothing (and changes no balance).
    key: Option<String>,
    /// The job's clock; None for a change made now (the database's time).
    at: Option<OffsetDateTime>,
}

impl Entry {
    /// The system's entry about grant `lot_id`, written once under `key`.
    fn about(user_id: i64, kind: EntryKind, delta: i32, lot_id: i64, key: String) -> Entry {
        Entry {
            user_id,
            kind,
            delta,
            lot_id: Some(lot_id),
            order_item_id: None,
            rule_id: None,
            reason: None,
            staff_id: None,
            key: Some(key),
            at: None,
        }
    }
}

/// Writes the entry and moves `user_id`'s balance by its delta, unless
/// its key is already written: whether it did. The balance never goes
/// below zero (the CHECKs refuse it, rolling the change back). The
/// caller holds the shopper's row locked.
async fn record(conn: &mut PgConnection, e: &Entry) -> Result<bool, AppError> {
    let written = sqlx::query_scalar!(
        "INSERT INTO points_ledger (user_id, kind, delta, reason, balance_after, staff_id, lot_id,
                                    order_item_id, rule_id, key, created_at)
         SELECT $1, $2, $3, $4, u.points + $3, $5, $6, $7, $8, $9, COALESCE($10, now())
           FROM users u WHERE u.id = $1
         ON CONFLICT (key) DO NOTHING
         RETURNING id",
        e.user_id,
        e.kind as EntryKind,
        e.delta,
        e.reason,
        e.staff_id,
        e.lot_id,
        e.order_item_id,
        e.rule_id,
        e.key,
        e.at,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if written.is_some() {
        sqlx::query!(
            "UPDATE users SET points = points + $2 WHERE id = $1",
            e.user_id,
            e.delta
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(written.is_some())
}

/// Staff change `user_id`'s balance by `delta` with a reason: a positive
/// one is a grant available at once (expiring under the current rule), a
/// negative one takes from the grants that expire first. Refused below
/// zero. Runs in the caller's (audited) transaction, with the shopper's row
/// already locked. Returns the new balance.
pub async fn adjust(
    conn: &mut PgConnection,
    user_id: i64,
    delta: i32,
    reason: &str,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let before = balance(conn, user_id).await?;
    if i64::from(before) + i64::from(delta) < 0 {
        return Err(AppError::invalid("delta", ErrorKey::BadRequest));
    }
    let mut lot_id = None;
    if delta > 0 {
        lot_id = Some(
            sqlx::query_scalar!(
                "INSERT INTO points_lots (user_id, rule_id, points, remaining, status, earned_at,
                                          available_at, expires_at)
                 SELECT $1, r.id, $2, $2, 'available', $3, $3,
                        $3::timestamptz + make_interval(days => r.expire_days)
                   FROM (SELECT id, expire_days FROM points_rules ORDER BY id DESC LIMIT 1) r
                 RETURNING id",
                user_id,
                delta,
                now
            )
            .fetch_one(&mut *conn)
            .await?,
        );
    } else {
        consume(conn, user_id, -delta).await?;
    }
    let entry = Entry {
        user_id,
        kind: EntryKind::Adjust,
        delta,
        lot_id,
        order_item_id: None,
        rule_id: None,
        reason: Some(reason.to_string()),
        staff_id: Some(staff_id),
        key: None,
        at: None,
    };
    record(conn, &entry).await?;
    balance(conn, user_id).await
}

/// What one run of the points jobs did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    /// Grants that became spendable.
    pub matured: usize,
    pub expired: usize,
    /// Shoppers warned of points about to expire (once per grant).
    pub warned: usize,
    /// Shoppers whose member level changed.
    pub levels: usize,
}

/// The points jobs at `now`: grants whose return window has closed become
/// spendable, grants past their expiry expire, shoppers are warned of
/// grants about to, and member levels follow the window's spend. Safe to
/// run on two instances at once.
pub async fn run_jobs_at(pool: &PgPool, now: OffsetDateTime) -> Result<JobReport, AppError> {
    Ok(JobReport {
        matured: mature_at(pool, now).await?,
        expired: expire_at(pool, now).await?,
        warned: warn_at(pool, now).await?,
        levels: levels::run_at(pool, now).await?,
    })
}

/// A grant a job may act on, and whose balance it moves.
struct Due {
    id: i64,
    user_id: i64,
}

/// Pending grants on lines delivered longer ago than their return window
/// (the category's, else the shop's), with no after-sales request still
/// open on the line, become spendable and are credited.
async fn mature_at(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = sqlx::query_as!(
        Due,
        r#"SELECT l.id, l.user_id
             FROM points_lots l
             JOIN order_items i ON i.id = l.order_item_id
             JOIN orders o ON o.id = i.order_id
            CROSS JOIN after_sales_policy pc
             LEFT JOIN products p ON p.id = i.product_id
             LEFT JOIN LATERAL category_return_policy(p.category_id) pol ON true
            WHERE l.status = 'pending'
              AND o.status IN ('delivered', 'completed')
              AND COALESCE(o.delivered_at, o.completed_at)
                  + make_interval(days => GREATEST(COALESCE(pol.return_days, pc.return_days), 0))
                  <= $1
              AND NOT EXISTS (
                  SELECT 1 FROM after_sales_items ai
                    JOIN after_sales_requests r ON r.id = ai.request_id
                   WHERE ai.order_item_id = i.id
                     AND r.status IN ('requested', 'approved', 'buyer_shipped', 'received'))
            ORDER BY l.id
            LIMIT $2"#,
        now,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    each_grant(pool, due, async move |tx: &mut PgConnection, d: &Due| {
        let lot = sqlx::query!(
            "UPDATE points_lots l
                SET status = 'available', available_at = $2::timestamptz,
                    remaining = l.points - l.cancelled,
                    expires_at = $2::timestamptz + make_interval(days => r.expire_days)
               FROM points_rules r
              WHERE l.id = $1 AND r.id = l.rule_id AND l.status = 'pending'
                AND l.points > l.cancelled
              RETURNING l.points - l.cancelled AS \"gained!\", l.order_item_id, l.rule_id",
            d.id,
            now
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(lot) = lot else {
            return Ok(false);
        };
        let key = format!("earn:{}", d.id);
        let entry = Entry {
            order_item_id: lot.order_item_id,
            rule_id: Some(lot.rule_id),
            at: Some(now),
            ..Entry::about(d.user_id, EntryKind::Earn, lot.gained, d.id, key)
        };
        if !record(tx, &entry).await? {
            return Ok(false);
        }
        let payload = serde_json::json!({ "points": lot.gained.to_string() });
        let stem = format!("points:earn:{}", d.id);
        crate::notify::db::points(tx, d.user_id, Event::PointsCredited, &stem, payload).await?;
        Ok(true)
    })
    .await
}

/// Available grants past their expiry lose what is left of them.
async fn expire_at(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = sqlx::query_as!(
        Due,
        "SELECT id, user_id FROM points_lots
          WHERE status = 'available' AND remaining > 0 AND expires_at <= $1
          ORDER BY expires_at, id
          LIMIT $2",
        now,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    each_grant(pool, due, async move |tx: &mut PgConnection, d: &Due| {
        let lost = sqlx::query_scalar!(
            "WITH old AS (SELECT remaining FROM points_lots
                           WHERE id = $1 AND status = 'available' AND remaining > 0
                             AND expires_at <= $2)
             UPDATE points_lots l SET status = 'expired', remaining = 0
               FROM old WHERE l.id = $1
             RETURNING old.remaining",
            d.id,
            now
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(lost) = lost else {
            return Ok(false);
        };
        let key = format!("expire:{}", d.id);
        let entry = Entry {
            at: Some(now),
            ..Entry::about(d.user_id, EntryKind::Expire, -lost, d.id, key)
        };
        record(tx, &entry).await
    })
    .await
}

/// Acts on each due grant in a transaction of its own, under its owner's
/// row lock, so a second runner waits and then finds the grant already
/// moved: `act` re-checks the grant in its guarded UPDATE and says whether
/// it wrote a ledger entry. Returns how many did.
async fn each_grant(
    pool: &PgPool,
    due: Vec<Due>,
    mut act: impl AsyncFnMut(&mut PgConnection, &Due) -> Result<bool, AppError>,
) -> Result<usize, AppError> {
    let mut done = 0;
    for d in due {
        let mut tx = pool.begin().await?;
        lock_user(&mut tx, d.user_id).await?;
        if act(&mut tx, &d).await? {
            done += 1;
        }
        tx.commit().await?;
    }
    Ok(done)
}

/// Grants within their rule's notice days of expiring: the shopper is told
/// once per grant (the outbox's key), with how many points and the day.
async fn warn_at(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = sqlx::query!(
        "SELECT l.id, l.user_id, l.remaining, l.expires_at AS \"expires_at!\"
           FROM points_lots l JOIN points_rules r ON r.id = l.rule_id
          WHERE l.status = 'available' AND l.remaining > 0 AND l.expires_at > $1
            AND l.expires_at - make_interval(days => r.warn_days) <= $1
          ORDER BY l.id
          LIMIT $2",
        now,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    let n = due.len();
    let mut tx = pool.begin().await?;
    for d in due {
        let payload = serde_json::json!({
            "points": d.remaining.to_string(),
            "deadline": crate::shop_time::display_local(d.expires_at.unix_timestamp()),
        });
        let stem = format!("points:expiring:{}", d.id);
        crate::notify::db::points(&mut tx, d.user_id, Event::PointsExpiring, &stem, payload)
            .await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// Locks `user_id`'s row against other balance changes. `NO KEY UPDATE`:
/// an order being placed holds a key-share lock on the row (its foreign
/// key) while it waits for stock, and a plain `FOR UPDATE` here would
/// wait on it crosswise (a deadlock between two checkouts).
async fn lock_user(conn: &mut PgConnection, user_id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE",
        user_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(())
}

/// `user_id`'s points for their account page, product names in `lang`.
pub async fn summary(
    pool: &PgPool,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<PointsSummary, AppError> {
    let totals = sqlx::query!(
        r#"SELECT u.points,
                  (SELECT COALESCE(sum(points - cancelled), 0) FROM points_lots
                    WHERE user_id = u.id AND status = 'pending')::int AS "pending!",
                  (SELECT COALESCE(sum(l.remaining), 0) FROM points_lots l
                     JOIN points_rules r ON r.id = l.rule_id
                    WHERE l.user_id = u.id AND l.status = 'available' AND l.remaining > 0
                      AND l.expires_at - make_interval(days => r.warn_days) <= $2)::int
                      AS "expiring!",
                  (SELECT min(l.expires_at) FROM points_lots l
                     JOIN points_rules r ON r.id = l.rule_id
                    WHERE l.user_id = u.id AND l.status = 'available' AND l.remaining > 0
                      AND l.expires_at - make_interval(days => r.warn_days) <= $2) AS expires_at
             FROM users u WHERE u.id = $1"#,
        user_id,
        now
    )
    .fetch_one(pool)
    .await?;
    let pending_lines = sqlx::query_as!(
        PendingLine,
        r#"SELECT l.points - l.cancelled AS "points!", o.number AS order_number,
                  i.name AS product
             FROM points_lots l
             JOIN order_items i ON i.id = l.order_item_id
             JOIN orders o ON o.id = i.order_id
            WHERE l.user_id = $1 AND l.status = 'pending'
            ORDER BY l.id DESC
            LIMIT $2"#,
        user_id,
        HISTORY_SHOWN
    )
    .fetch_all(pool)
    .await?;
    let history = sqlx::query!(
        r#"SELECT e.kind AS "kind: EntryKind", e.delta, e.balance_after, o.number AS "order_number?",
                  e.reason, e.created_at
             FROM points_ledger e
             LEFT JOIN order_items i ON i.id = e.order_item_id
             LEFT JOIN orders o ON o.id = i.order_id
            WHERE e.user_id = $1
            ORDER BY e.id DESC
            LIMIT $2"#,
        user_id,
        HISTORY_SHOWN
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|e| HistoryLine {
        kind: e.kind,
        delta: e.delta,
        balance_after: e.balance_after,
        order_number: e.order_number,
        reason: e.reason,
        at: crate::shop_time::display_local(e.created_at.unix_timestamp()),
    })
    .collect();
    Ok(PointsSummary {
        available: totals.points,
        pending: totals.pending,
        expiring: totals.expires_at.filter(|_| totals.expiring > 0).map(|at| {
            (
                totals.expiring,
                crate::shop_time::display_local(at.unix_timestamp()),
            )
        }),
        pending_lines,
        history,
    })
}
