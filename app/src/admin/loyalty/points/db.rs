//! The points rules' versions: read them, add one (audited).
use super::{PointsTerms, PointsVersion, VERSIONS_SHOWN};
use crate::audit::{AuditAction, Snapshot, Target, audited_in};
use crate::error::AppError;
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};

/// The newest versions first, the one in force at the head.
pub async fn versions(pool: &PgPool) -> Result<Vec<PointsVersion>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.earn_per_unit, r.expire_days, r.warn_days, r.redeem_minor_per_point,
                  r.redeem_min, r.redeem_max_pct, u.display_name AS "staff?",
                  extract(epoch FROM r.created_at)::bigint AS "created!",
                  (SELECT count(*) FROM points_lots l WHERE l.rule_id = r.id) AS "grants!"
             FROM points_rules r LEFT JOIN users u ON u.id = r.staff_id
            ORDER BY r.id DESC LIMIT $1"#,
        VERSIONS_SHOWN,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PointsVersion {
            id: r.id,
            terms: PointsTerms {
                earn_per_unit: r.earn_per_unit,
                expire_days: r.expire_days,
                warn_days: r.warn_days,
                redeem_minor_per_point: r.redeem_minor_per_point,
                redeem_min: r.redeem_min,
                redeem_max_pct: r.redeem_max_pct,
            },
            staff: r.staff,
            created: crate::shop_time::display_local(r.created),
            grants: r.grants,
        })
        .collect())
}

/// The version in force: its id and its terms as the audit log keeps
/// them (the row without its bookkeeping), locked so saves take turns.
async fn current(conn: &mut PgConnection) -> Result<(i64, serde_json::Value), AppError> {
    let r = sqlx::query!(
        r#"SELECT id, to_jsonb(r) - 'id' - 'staff_id' - 'created_at' AS "terms!"
             FROM points_rules r ORDER BY id DESC LIMIT 1 FOR UPDATE"#
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.id, r.terms))
}

/// Adds a version with `terms`; new grants and checkouts use it from now
/// on, grants already made keep theirs. Returns false (and writes nothing)
/// when `terms` are the rules in force already: compared under the lock
/// on the version in force, so two identical saves at once add one.
pub async fn save(pool: &PgPool, staff: &Staff, terms: &PointsTerms) -> Result<bool, AppError> {
    let wanted = serde_json::to_value(terms).map_err(|_| AppError::Internal)?;
    let mut tx = pool.begin().await?;
    if current(&mut tx).await?.1 == wanted {
        return Ok(false);
    }
    let snapshot = async |conn: &mut PgConnection, _: Option<&()>| {
        let (id, state) = current(conn).await?;
        Ok::<_, AppError>(Some(Snapshot {
            target: Target::new("points_rules", id, format!("#{id}")),
            state,
        }))
    };
    audited_in(
        &mut tx,
        staff.into(),
        AuditAction::PointsRules,
        snapshot,
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "INSERT INTO points_rules (earn_per_unit, expire_days, warn_days, redeem_minor_per_point,
                                           redeem_min, redeem_max_pct, staff_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                terms.earn_per_unit,
                terms.expire_days,
                terms.warn_days,
                terms.redeem_minor_per_point,
                terms.redeem_min,
                terms.redeem_max_pct,
                staff.user.id,
            )
            .execute(&mut *conn)
            .await?;
            Ok(())
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
