//! SQL for the loyalty settings page: the levels and their rules, member
//! prices by SKU. Each save is audited with the state before and after.
use super::{LevelRow, LevelRules, LoyaltyOverview, MemberPriceRow, PRICES_SHOWN};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::loyalty::levels::MemberLevel;
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

pub async fn overview(pool: &PgPool, lang: &str) -> Result<LoyaltyOverview, AppError> {
    let mut conn = pool.acquire().await?;
    let rules = sqlx::query!("SELECT window_days, grace_days FROM member_level_rules")
        .fetch_one(&mut *conn)
        .await?;
    let levels = levels(&mut conn).await?;
    let prices = sqlx::query_as!(
        MemberPriceRow,
        r#"SELECT v.sku, COALESCE(t.name, f.name, p.slug) AS "product!",
                  mp.level AS "level: MemberLevel", mp.price_minor, v.price_minor AS list_minor
             FROM member_prices mp
             JOIN product_variants v ON v.id = mp.variant_id
             JOIN products p ON p.id = v.product_id
             LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $1
             LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = 'zh-CN'
            ORDER BY mp.updated_at DESC, v.sku, mp.level
            LIMIT $2"#,
        lang,
        PRICES_SHOWN
    )
    .fetch_all(&mut *conn)
    .await?;
    let prices_total = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM member_prices"#)
        .fetch_one(&mut *conn)
        .await?;
    Ok(LoyaltyOverview {
        window_days: rules.window_days,
        grace_days: rules.grace_days,
        levels,
        prices,
        prices_total,
    })
}

async fn levels(conn: &mut PgConnection) -> Result<Vec<LevelRow>, AppError> {
    Ok(sqlx::query_as!(
        LevelRow,
        r#"SELECT l.level AS "level: MemberLevel", l.threshold_minor, l.points_pct,
                  l.free_shipping_minor,
                  (SELECT count(*) FROM users u
                    WHERE u.level = l.level AND u.role = 'shopper') AS "members!"
             FROM member_levels l ORDER BY l.rank"#
    )
    .fetch_all(conn)
    .await?)
}

/// The levels and their rules as the audit log keeps them.
async fn levels_snapshot(conn: &mut PgConnection) -> Result<Option<Snapshot>, AppError> {
    let rules = sqlx::query!("SELECT window_days, grace_days FROM member_level_rules FOR UPDATE")
        .fetch_one(&mut *conn)
        .await?;
    let levels: Vec<_> = levels(conn)
        .await?
        .into_iter()
        .map(|l| {
            json!({ "level": l.level, "threshold_minor": l.threshold_minor,
                    "points_pct": l.points_pct, "free_shipping_minor": l.free_shipping_minor })
        })
        .collect();
    Ok(Some(Snapshot {
        target: Target::new("member_levels", 1, "levels"),
        state: json!({ "window_days": rules.window_days, "grace_days": rules.grace_days,
                       "levels": levels }),
    }))
}

/// Saves the level rules; the levels job applies them from its next round.
pub async fn save_levels(pool: &PgPool, staff: &Staff, r: &LevelRules) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::LoyaltyLevels,
        async |conn: &mut PgConnection, _: Option<&()>| levels_snapshot(conn).await,
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "UPDATE member_level_rules SET window_days = $1, grace_days = $2",
                r.window_days,
                r.grace_days
            )
            .execute(&mut *conn)
            .await?;
            for l in &r.levels {
                sqlx::query!(
                    "UPDATE member_levels
                        SET threshold_minor = $2, points_pct = $3, free_shipping_minor = $4,
                            updated_at = now()
                      WHERE level = $1",
                    l.level as MemberLevel,
                    l.threshold_minor,
                    l.points_pct,
                    l.free_shipping_minor
                )
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        },
    )
    .await
}

/// Sets (or, `price_minor` None, removes) the member price of the variant
/// with `sku` for `level`. A price must be below the variant's own.
pub async fn set_member_price(
    pool: &PgPool,
    staff: &Staff,
    sku: &str,
    level: MemberLevel,
    price_minor: Option<i64>,
) -> Result<(), AppError> {
    let variant = sqlx::query!(
        "SELECT id, price_minor FROM product_variants WHERE sku = $1",
        sku
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::Validation(vec![FieldError::new("sku", ErrorKey::NotFound)]))?;
    if price_minor.is_some_and(|p| p >= variant.price_minor) {
        let e = FieldError::new("price", ErrorKey::MemberPriceTooHigh);
        return Err(AppError::Validation(vec![e]));
    }
    let snapshot = async |conn: &mut PgConnection, _: Option<&()>| {
        let price = sqlx::query_scalar!(
            "SELECT price_minor FROM member_prices WHERE variant_id = $1 AND level = $2
                FOR UPDATE",
            variant.id,
            level as MemberLevel
        )
        .fetch_optional(&mut *conn)
        .await?;
        Ok::<_, AppError>(Some(Snapshot {
            target: Target::new("variant", variant.id, sku),
            state: json!({ "level": level, "member_price_minor": price }),
        }))
    };
    audited(
        pool,
        staff.into(),
        AuditAction::MemberPrice,
        snapshot,
        async |conn: &mut PgConnection| {
            match price_minor {
                Some(p) => {
                    sqlx::query!(
                    "INSERT INTO member_prices (variant_id, level, price_minor) VALUES ($1, $2, $3)
                     ON CONFLICT (variant_id, level)
                     DO UPDATE SET price_minor = $3, updated_at = now()",
                    variant.id,
                    level as MemberLevel,
                    p
                )
                    .execute(&mut *conn)
                    .await?
                }
                None => {
                    sqlx::query!(
                        "DELETE FROM member_prices WHERE variant_id = $1 AND level = $2",
                        variant.id,
                        level as MemberLevel
                    )
                    .execute(&mut *conn)
                    .await?
                }
            };
            Ok(())
        },
    )
    .await
}
