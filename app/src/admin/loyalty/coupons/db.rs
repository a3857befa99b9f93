//! SQL for the coupon part of the membership page: the terms of every
//! coupon that has some, with its copies in wallets, and saving terms
//! (audited, state before and after).
use super::{CouponsOverview, Terms, TermsRow};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::loyalty::levels::MemberLevel;
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

pub async fn overview(pool: &PgPool, lang: &str) -> Result<CouponsOverview, AppError> {
    let mut conn = pool.acquire().await?;
    let terms = sqlx::query_as!(
        TermsRow,
        r#"SELECT p.code AS "code!",
                  COALESCE(NULLIF(p.name->>$1, ''), p.name->>'zh-CN', '') AS "name!",
                  t.wallet_only, t.min_level AS "min_level: MemberLevel", t.valid_days, t.claimable,
                  (SELECT count(*) FROM coupon_grants g
                    WHERE g.promotion_id = p.id AND g.order_id IS NULL) AS "held!",
                  (SELECT count(*) FROM coupon_grants g
                    WHERE g.promotion_id = p.id AND g.order_id IS NOT NULL) AS "used!"
             FROM coupon_terms t JOIN promotions p ON p.id = t.promotion_id
            ORDER BY t.updated_at DESC, p.code"#,
        lang
    )
    .fetch_all(&mut *conn)
    .await?;
    let codes = sqlx::query_scalar!(
        r#"SELECT code AS "code!" FROM promotions
            WHERE kind = 'coupon' AND code IS NOT NULL AND active ORDER BY code"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let (birthday_code, birthday_days) = crate::wallet::db::birthday::rule(&mut conn).await?;
    Ok(CouponsOverview {
        terms,
        codes,
        birthday_code,
        birthday_days,
    })
}

/// Saves the terms of the coupon `t.code` (a coupon, or the code field
/// is wrong).
pub async fn save_terms(pool: &PgPool, staff: &Staff, t: &Terms) -> Result<(), AppError> {
    let id = sqlx::query_scalar!(
        "SELECT id FROM promotions WHERE kind = 'coupon' AND code = $1",
        t.code
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::Validation(vec![FieldError::new("code", ErrorKey::NotFound)]))?;
    let target = Target::new("promotion", id, &t.code);
    let snapshot = async |conn: &mut PgConnection, _: Option<&()>| {
        let row = sqlx::query!(
            r#"SELECT wallet_only, min_level AS "min_level: MemberLevel", valid_days, claimable
                 FROM coupon_terms WHERE promotion_id = $1 FOR UPDATE"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?;
        Ok::<_, AppError>(Some(Snapshot {
            target: target.clone(),
            state: row.map_or(json!(null), |r| {
                json!({ "wallet_only": r.wallet_only, "min_level": r.min_level,
                        "valid_days": r.valid_days, "claimable": r.claimable })
            }),
        }))
    };
    audited(
        pool,
        staff.into(),
        AuditAction::CouponTerms,
        snapshot,
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "INSERT INTO coupon_terms (promotion_id, wallet_only, min_level, valid_days, claimable)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (promotion_id) DO UPDATE
                    SET wallet_only = $2, min_level = $3, valid_days = $4, claimable = $5,
                        updated_at = now()",
                id,
                t.wallet_only,
                t.min_level.map(MemberLevel::as_str),
                t.valid_days,
                t.claimable
            )
            .execute(&mut *conn)
            .await?;
            Ok(())
        },
    )
    .await
}
