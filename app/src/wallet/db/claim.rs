//! Shoppers claiming a coupon themselves: the coupons whose terms
//! allow it, running now, and one copy per shopper and coupon (the claim
//! key), valid for the coupon's days from the claim.
use crate::error::{AppError, ErrorKey};
use crate::loyalty::levels::MemberLevel;
use crate::wallet::{Claimable, GrantSource};
use sqlx::PgConnection;
use time::OffsetDateTime;

/// The claimable coupons running at `now`, names in `lang`, each marked
/// for `user_id` (None: a guest): claimed already, and whether their level
/// may claim it.
pub async fn claimable(
    conn: &mut PgConnection,
    user_id: Option<i64>,
    lang: &str,
    now: OffsetDateTime,
) -> Result<Vec<Claimable>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT p.code AS "code!",
                  COALESCE(NULLIF(p.name->>$2, ''), p.name->>'zh-CN', '') AS "name!",
                  t.min_level AS "min_level: MemberLevel", t.valid_days,
                  EXISTS (SELECT 1 FROM coupon_grants g WHERE g.promotion_id = p.id
                             AND g.user_id = $1 AND g.grant_key = 'claim') AS "claimed!",
                  (SELECT u.level FROM users u WHERE u.id = $1) AS "level?: MemberLevel"
             FROM coupon_terms t JOIN promotions p ON p.id = t.promotion_id
            WHERE t.claimable AND p.active AND p.kind = 'coupon'
              AND (p.starts_at IS NULL OR p.starts_at <= $3)
              AND (p.ends_at IS NULL OR p.ends_at > $3)
            ORDER BY p.id"#,
        user_id,
        lang,
        now,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Claimable {
            allowed: r
                .min_level
                .is_none_or(|min| r.level.unwrap_or_default() >= min),
            code: r.code,
            name: r.name,
            min_level: r.min_level,
            valid_days: r.valid_days,
            claimed: r.claimed,
        })
        .collect())
}

/// Puts a copy of the claimable coupon `code` in `user_id`'s wallet. True
/// when it is new; false when they had claimed it before (nothing more).
/// Not a claimable coupon running now: not found; below its level:
/// refused.
pub async fn claim(
    conn: &mut PgConnection,
    user_id: i64,
    code: &str,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let c = sqlx::query!(
        r#"SELECT p.id, t.valid_days, t.min_level AS "min_level: MemberLevel",
                  (SELECT u.level FROM users u WHERE u.id = $2) AS "level?: MemberLevel"
             FROM coupon_terms t JOIN promotions p ON p.id = t.promotion_id
            WHERE p.code = $1 AND t.claimable AND p.active AND p.kind = 'coupon'
              AND (p.starts_at IS NULL OR p.starts_at <= $3)
              AND (p.ends_at IS NULL OR p.ends_at > $3)"#,
        code,
        user_id,
        now,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    if c.min_level
        .is_some_and(|min| c.level.unwrap_or_default() < min)
    {
        return Err(AppError::Conflict(ErrorKey::CouponNotApplicable));
    }
    let until = c
        .valid_days
        .map(|d| now + time::Duration::days(i64::from(d)));
    let given = sqlx::query_scalar!(
        "INSERT INTO coupon_grants (promotion_id, user_id, source, grant_key, issued_at, valid_until)
         VALUES ($1, $2, $3, 'claim', $4, $5)
         ON CONFLICT DO NOTHING RETURNING id",
        c.id,
        user_id,
        GrantSource::Claimed as GrantSource,
        now,
        until,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(given.is_some())
}
