//! Staff giving a coupon: to one shopper, or to every shopper of a level
//! and above. One transaction with its audit entry; the form's key makes a
//! resubmitted form give nothing more.
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::loyalty::levels::MemberLevel;
use crate::server::Staff;
use crate::wallet::GrantSource;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// Who gets the coupon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The shopper with this e-mail.
    Shopper(String),
    /// Every active shopper at this level or above.
    Level(MemberLevel),
}

/// What an issue gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    pub promotion_id: i64,
    /// Shoppers given a copy now (0 when the form was sent before).
    pub count: i64,
}

fn field(name: &str, key: ErrorKey) -> AppError {
    AppError::Validation(vec![FieldError::new(name, key)])
}

/// Gives the coupon `code` to `audience`, valid for the coupon's
/// `valid_days` from `now` (or as long as it runs). `key` is the form's:
/// the same key again gives nobody a second copy.
pub async fn issue(
    pool: &PgPool,
    staff: &Staff,
    code: &str,
    audience: &Audience,
    (reason, key): (&str, &str),
    now: OffsetDateTime,
) -> Result<Issued, AppError> {
    let coupon = sqlx::query!(
        "SELECT p.id, p.code AS \"code!\", t.valid_days
           FROM promotions p LEFT JOIN coupon_terms t ON t.promotion_id = p.id
          WHERE p.kind = 'coupon' AND p.code = $1",
        code
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| field("code", ErrorKey::NotFound))?;
    let until = coupon
        .valid_days
        .map(|d| now + time::Duration::days(i64::from(d)));
    let (source, email, level) = match audience {
        Audience::Shopper(e) => (GrantSource::Issued, Some(e.as_str()), None),
        Audience::Level(l) => (GrantSource::Segment, None, Some(*l)),
    };
    if let Some(e) = email {
        let known = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1)
                               AND role = 'shopper' AND disabled_at IS NULL AND erased_at IS NULL) AS "known!""#,
            e
        )
        .fetch_one(pool)
        .await?;
        if !known {
            return Err(field("email", ErrorKey::NotFound));
        }
    }
    let grant_key = format!("issue:{key}");
    let target = Target::new("promotion", coupon.id, &coupon.code);
    let snapshot = async |_: &mut PgConnection, out: Option<&i64>| {
        Ok::<_, AppError>(out.map(|count| Snapshot {
            target: target.clone(),
            state: json!({ "to": email.map_or_else(|| json!({ "level": level }), |e| json!({ "email": e })),
                           "count": count, "reason": reason,
                           "valid_until": until.map(|u| u.unix_timestamp()) }),
        }))
    };
    let count = audited(
        pool,
        staff.into(),
        AuditAction::CouponIssue,
        snapshot,
        async |conn: &mut PgConnection| {
            let given = sqlx::query_scalar!(
                r#"WITH given AS (
                       INSERT INTO coupon_grants (promotion_id, user_id, source, grant_key, issued_by,
                                                  reason, issued_at, valid_until)
                       SELECT $1::bigint, u.id, $2::text, $3::text, $4::bigint, $5::text,
                              $6::timestamptz, $7::timestamptz
                         FROM users u JOIN member_levels ml ON ml.level = u.level
                        WHERE u.role = 'shopper' AND u.disabled_at IS NULL AND u.erased_at IS NULL
                          AND (lower(u.email) = lower($8)
                               OR ml.rank >= (SELECT rank FROM member_levels WHERE level = $9))
                       ON CONFLICT (promotion_id, user_id, grant_key) DO NOTHING
                       RETURNING id)
                   SELECT COALESCE(array_agg(id), '{}') AS "ids!" FROM given"#,
                coupon.id,
                source as GrantSource,
                grant_key,
                staff.user.id,
                reason,
                now,
                until,
                email,
                level.map(MemberLevel::as_str),
            )
            .fetch_one(&mut *conn)
            .await?;
            super::tell_arrived(conn, &given).await?;
            Ok(given.len() as i64)
        },
    )
    .await?;
    Ok(Issued {
        promotion_id: coupon.id,
        count,
    })
}
