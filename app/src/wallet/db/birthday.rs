//! The birthday coupon: put in a shopper's wallet `days_before` their
//! birthday (the shop's calendar), once a year, by the wallet job. A day
//! the job missed is caught up until the birthday itself. Two job runners
//! at once give it once: a copy's key is the birthday's year, unique per
//! shopper (`coupon_grants_birthday`).
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// Gives the birthday coupon to every shopper whose birthday is due at
/// `now`, each told in the same transaction; answers how many got it now.
pub async fn run_at(pool: &PgPool, now: OffsetDateTime) -> Result<i64, AppError> {
    let mut tx = pool.begin().await?;
    let given = sqlx::query_scalar!(
        r#"WITH rule AS (
               SELECT b.promotion_id, b.days_before, t.valid_days
                 FROM birthday_coupon b
                 JOIN promotions p ON p.id = b.promotion_id AND p.active AND p.kind = 'coupon'
                 LEFT JOIN coupon_terms t ON t.promotion_id = b.promotion_id),
           due AS (
               SELECT u.id AS user_id, y.year
                 FROM rule CROSS JOIN users u
                CROSS JOIN LATERAL (SELECT extract(year FROM shop_date($1))::int + k AS year
                                      FROM (VALUES (0), (1)) ks(k)) y
                WHERE u.birth_month IS NOT NULL AND u.role = 'shopper'
                  AND u.disabled_at IS NULL AND u.erased_at IS NULL
                  AND shop_date($1) BETWEEN birthday_in(y.year, u.birth_month, u.birth_day) - rule.days_before
                                        AND birthday_in(y.year, u.birth_month, u.birth_day)),
           given AS (
               INSERT INTO coupon_grants (promotion_id, user_id, source, grant_key, issued_at, valid_until)
               SELECT rule.promotion_id, due.user_id, 'birthday', 'birthday:' || due.year, $1,
                      $1 + make_interval(days => rule.valid_days)
                 FROM rule CROSS JOIN due
               ON CONFLICT DO NOTHING
               RETURNING id)
           SELECT COALESCE(array_agg(id), '{}') AS "ids!" FROM given"#,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    super::tell_arrived(&mut tx, &given).await?;
    tx.commit().await?;
    Ok(given.len() as i64)
}

/// The birthday coupon's code (None: none) and how many days before the
/// birthday it comes.
pub async fn rule(conn: &mut PgConnection) -> Result<(Option<String>, i32), AppError> {
    let r = sqlx::query!(
        "SELECT p.code, b.days_before FROM birthday_coupon b
           LEFT JOIN promotions p ON p.id = b.promotion_id"
    )
    .fetch_one(conn)
    .await?;
    Ok((r.code, r.days_before))
}

/// Makes the coupon `code` the birthday one (None: no birthday coupon),
/// given `days_before` the birthday.
pub async fn save_rule(
    pool: &PgPool,
    staff: &Staff,
    code: Option<&str>,
    days_before: i32,
) -> Result<(), AppError> {
    let id = match code {
        None => None,
        Some(code) => Some(
            sqlx::query_scalar!(
                "SELECT id FROM promotions WHERE kind = 'coupon' AND code = $1",
                code
            )
            .fetch_optional(pool)
            .await?
            .ok_or_else(|| {
                AppError::Validation(vec![FieldError::new("code", ErrorKey::NotFound)])
            })?,
        ),
    };
    let snapshot = async |conn: &mut PgConnection, _: Option<&()>| {
        let (code, days) = rule(conn).await?;
        Ok::<_, AppError>(Some(Snapshot {
            target: Target::new("birthday_coupon", 1, "birthday_coupon"),
            state: json!({ "code": code, "days_before": days }),
        }))
    };
    audited(
        pool,
        staff.into(),
        AuditAction::BirthdayCoupon,
        snapshot,
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "UPDATE birthday_coupon SET promotion_id = $1, days_before = $2, updated_at = now()",
                id,
                days_before
            )
            .execute(&mut *conn)
            .await?;
            Ok(())
        },
    )
    .await
}
