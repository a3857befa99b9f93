//! SQL for member levels: the window's spend read with `member_spend`,
//! the rules of `loyalty::levels` applied under the shopper's row lock,
//! every change written to `member_level_changes`.
use super::lock_user;
use crate::error::AppError;
use crate::loyalty::levels::{Decision, LevelCause, MemberLevel, Standing, Threshold, decide};
use crate::loyalty::{LevelFigures, LevelSummary, level_texts, levels};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// Shoppers whose level one job run works out at most; the oldest first.
const BATCH: i64 = 500;

/// The level rules in force.
struct Rules {
    window_days: i32,
    grace_days: i32,
    thresholds: Vec<Threshold>,
}

async fn rules(conn: &mut PgConnection) -> Result<Rules, AppError> {
    let r = sqlx::query!("SELECT window_days, grace_days FROM member_level_rules")
        .fetch_one(&mut *conn)
        .await?;
    let thresholds = sqlx::query!(
        r#"SELECT level AS "level: MemberLevel", threshold_minor FROM member_levels ORDER BY rank"#
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|t| Threshold {
        level: t.level,
        minor: t.threshold_minor,
    })
    .collect();
    Ok(Rules {
        window_days: r.window_days,
        grace_days: r.grace_days,
        thresholds,
    })
}

/// What `user_id` paid for goods over the window ending at `now`: net of
/// refunds, and gross.
async fn spend(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
    window_days: i32,
) -> Result<(i64, i64), AppError> {
    let s = sqlx::query!(
        r#"SELECT net AS "net!", gross AS "gross!" FROM member_spend($1, $2, $3)"#,
        user_id,
        now,
        window_days
    )
    .fetch_one(conn)
    .await?;
    Ok((s.net, s.gross))
}

/// Works out `user_id`'s level at `now` and writes it, with a change
/// record when it moved. `staff`: a floor staff just changed (applies at
/// once). Runs in the caller's transaction, under the shopper's row lock
/// (taken here), so two runners decide one after the other. Returns the
/// change's cause, if the level moved.
pub async fn evaluate(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
    staff: Option<i64>,
) -> Result<Option<LevelCause>, AppError> {
    lock_user(conn, user_id).await?;
    let u = sqlx::query!(
        r#"SELECT level AS "level: MemberLevel", level_floor AS "floor: MemberLevel",
                  level_short_since FROM users WHERE id = $1"#,
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let r = rules(conn).await?;
    let (net, gross) = spend(conn, user_id, now, r.window_days).await?;
    let standing = Standing {
        current: u.level,
        floor: u.floor,
        short_since: u.level_short_since.map(|t| t.unix_timestamp()),
        net,
        gross,
    };
    let at = now.unix_timestamp();
    let d: Decision = decide(
        &standing,
        &r.thresholds,
        r.grace_days.into(),
        at,
        staff.is_some(),
    );
    let short_since = match d.short_since {
        Some(s) if Some(s) == standing.short_since => u.level_short_since,
        Some(_) => Some(now),
        None => None,
    };
    sqlx::query!(
        "UPDATE users SET level = $2, level_short_since = $3, level_checked_at = $4 WHERE id = $1",
        user_id,
        d.level as MemberLevel,
        short_since,
        now
    )
    .execute(&mut *conn)
    .await?;
    if let Some(cause) = d.cause {
        sqlx::query!(
            "INSERT INTO member_level_changes
                    (user_id, from_level, to_level, cause, spend_minor, staff_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            user_id,
            u.level as MemberLevel,
            d.level as MemberLevel,
            cause as LevelCause,
            net,
            staff,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(d.cause)
}

/// The levels job at `now`: the shoppers who may have a level to gain or
/// lose (a paid order in the window, a level above the lowest, a floor),
/// least recently worked out first, each in a transaction of its own.
/// Returns how many levels changed. Safe with two runners: each decision
/// is made under the shopper's row lock, from the figures at that moment.
pub async fn run_at(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let due = sqlx::query_scalar!(
        "SELECT u.id FROM users u
          WHERE u.role = 'shopper'
            AND (u.level_checked_at IS NULL OR u.level_checked_at < $1)
            AND (u.level <> 'regular' OR u.level_floor IS NOT NULL
                 OR EXISTS (SELECT 1 FROM orders o
                             WHERE o.user_id = u.id
                               AND COALESCE(o.paid_at, o.delivered_at) IS NOT NULL))
          ORDER BY u.level_checked_at NULLS FIRST, u.id
          LIMIT $2",
        now,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    let mut changed = 0;
    for id in due {
        let mut tx = pool.begin().await?;
        if evaluate(&mut tx, id, now, None).await?.is_some() {
            changed += 1;
        }
        tx.commit().await?;
    }
    Ok(changed)
}

/// `user_id`'s level for their account page, in both languages.
pub async fn summary(
    pool: &PgPool,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<LevelSummary, AppError> {
    use crate::i18n::Locale;
    let mut conn = pool.acquire().await?;
    let u = sqlx::query!(
        r#"SELECT u.level AS "level: MemberLevel", u.level_short_since, l.points_pct
             FROM users u JOIN member_levels l ON l.level = u.level WHERE u.id = $1"#,
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let r = rules(&mut conn).await?;
    let (net, _) = spend(&mut conn, user_id, now, r.window_days).await?;
    let figures = LevelFigures {
        level: u.level,
        spend_minor: net,
        window_days: r.window_days,
        next: levels::next_above(&r.thresholds, u.level),
        points_pct: u.points_pct,
        kept_until: u
            .level_short_since
            .map(|s| levels::kept_until(s.unix_timestamp(), r.grace_days.into())),
    };
    Ok(LevelSummary {
        level: u.level,
        progress: figures.next.map(|t| (net.clamp(0, t.minor), t.minor)),
        zh: level_texts(Locale::zh_CN, &figures),
        en: level_texts(Locale::en, &figures),
    })
}
