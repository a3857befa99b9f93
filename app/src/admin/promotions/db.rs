//! Reading promotions with their results, and saving them: a validated
//! `Promotion` is written through its columns (`PromotionColumns`), the
//! shape `promotions::db` reads back; `name` as {"zh-CN", "en"}, tiers as
//! [{"min_minor", "off_minor"}].
use super::validate::validate;
use super::{EditablePromotion, PromoStatus, PromotionForm, PromotionListItem, PromotionResults};
use crate::audit::{AuditAction, Snapshot, Target, audited, name_label};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::promotions::db::{Row, Stored};
use crate::promotions::{PromotionColumns, PromotionKind};
use crate::server::Staff;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Every promotion (or the one with `id`), newest first, decoded; a row
/// the model cannot hold is an error, logged.
async fn stored(pool: &PgPool, id: Option<i64>) -> Result<Vec<Stored>, AppError> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT p.id, p.kind AS "kind: PromotionKind", p.code,
                  COALESCE(p.name->>'zh-CN', '') AS "name_zh!",
                  COALESCE(p.name->>'en', '') AS "name_en!",
                  p.percent_off, p.amount_off_minor, p.free_shipping, p.tiers, p.min_spend_minor,
                  p.product_ids, p.category_ids, p.applies_to_sale_items,
                  extract(epoch FROM p.starts_at)::bigint AS "starts_at?",
                  extract(epoch FROM p.ends_at)::bigint AS "ends_at?",
                  p.usage_limit, p.per_customer_limit, p.active, p.used_count, p.currency
             FROM promotions p
            WHERE ($1::bigint IS NULL OR p.id = $1)
            ORDER BY p.id DESC"#,
        id,
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.decode().map_err(|e| {
                tracing::error!(promotion = id, "{e}");
                AppError::Internal
            })
        })
        .collect()
}

struct ResultsRow {
    id: i64,
    orders: i64,
    discount_minor: i64,
    revenue_minor: i64,
}

/// What each promotion brought in. Orders that used a promotion are those
/// with an unreleased redemption and not cancelled (cancelling releases,
/// but a row released by hand counts out too).
async fn results(pool: &PgPool) -> Result<HashMap<i64, PromotionResults>, AppError> {
    let rows = sqlx::query_as!(
        ResultsRow,
        r#"WITH used AS (
               SELECT r.promotion_id, count(*) AS orders, sum(o.total_minor) AS revenue
                 FROM promotion_redemptions r JOIN orders o ON o.id = r.order_id
                WHERE r.released_at IS NULL AND o.status <> 'cancelled'
                GROUP BY r.promotion_id),
           given AS (
               SELECT d.promotion_id, sum(d.amount_minor) AS amount
                 FROM order_discounts d JOIN orders o ON o.id = d.order_id
                WHERE d.promotion_id IS NOT NULL AND o.status <> 'cancelled'
                GROUP BY d.promotion_id)
           SELECT p.id,
                  COALESCE(u.orders, 0)::bigint AS "orders!",
                  COALESCE(g.amount, 0)::bigint AS "discount_minor!",
                  COALESCE(u.revenue, 0)::bigint AS "revenue_minor!"
             FROM promotions p
             LEFT JOIN used u ON u.promotion_id = p.id
             LEFT JOIN given g ON g.promotion_id = p.id"#,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let results = PromotionResults {
                orders: r.orders,
                discount_minor: r.discount_minor,
                revenue_minor: r.revenue_minor,
            };
            (r.id, results)
        })
        .collect())
}

/// Every promotion, newest first, with where it stands at `now` and what
/// it brought in.
pub async fn list(pool: &PgPool, now: OffsetDateTime) -> Result<Vec<PromotionListItem>, AppError> {
    let mut results = results(pool).await?;
    let now = now.unix_timestamp();
    Ok(stored(pool, None)
        .await?
        .into_iter()
        .map(|s| PromotionListItem {
            id: s.id,
            status: PromoStatus::of(&s.promotion, s.used_count, now),
            // A promotion created since the results were read has none yet.
            results: results.remove(&s.id).unwrap_or_default(),
            promotion: s.promotion,
            used_count: s.used_count,
            currency: s.currency,
        })
        .collect())
}

pub async fn get(pool: &PgPool, id: i64) -> Result<EditablePromotion, AppError> {
    let s = stored(pool, Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(EditablePromotion {
        form: PromotionForm::edit(s.id, &s.promotion),
        used_count: s.used_count,
        currency: s.currency,
    })
}

struct SnapshotRow {
    state: Value,
    name_zh: String,
    name_en: String,
}

/// The whole row as JSON, for the audit log, named by its name; locked.
async fn snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query_as!(
        SnapshotRow,
        r#"SELECT to_jsonb(p) AS "state!",
                  COALESCE(p.name->>'zh-CN', '') AS "name_zh!",
                  COALESCE(p.name->>'en', '') AS "name_en!"
             FROM promotions p WHERE p.id = $1 FOR UPDATE"#,
        id,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("promotion", id, name_label(&r.name_zh, &r.name_en)),
        state: r.state,
    }))
}

fn code_taken() -> AppError {
    AppError::Validation(vec![FieldError::new("code", ErrorKey::EmailTaken)])
}

/// A unique-code violation (two staff saving the same new code at once)
/// is the same field error as the check before it.
fn write_error(e: sqlx::Error) -> AppError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => code_taken(),
        _ => e.into(),
    }
}

/// Creates (`form.id` None) or updates a promotion; returns its id. Every
/// check runs before anything is written, and the change and its audit
/// entry commit together.
pub async fn save(pool: &PgPool, staff: &Staff, form: PromotionForm) -> Result<i64, AppError> {
    let columns = PromotionColumns::from(validate(&form)?);
    let editing = form.id;
    audited(
        pool,
        staff.into(),
        AuditAction::PromotionSave,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(editing) {
            Some(id) => snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| write(conn, editing, &columns).await,
    )
    .await
}

/// What saving over a promotion needs to know about it, read under its lock.
struct Existing {
    kind: PromotionKind,
    used_count: i32,
    limited: bool,
}

/// The checks that need the database, then the insert or update.
async fn write(
    conn: &mut PgConnection,
    id: Option<i64>,
    v: &PromotionColumns,
) -> Result<i64, AppError> {
    // The promotion being edited, locked until the commit (checkout counts
    // uses under the same lock).
    let existing = match id {
        None => None,
        Some(id) => Some(
            sqlx::query_as!(
                Existing,
                r#"SELECT p.kind AS "kind: PromotionKind", p.used_count,
                          (p.usage_limit IS NOT NULL OR p.per_customer_limit IS NOT NULL) AS "limited!"
                     FROM promotions p WHERE p.id = $1 FOR UPDATE"#,
                id,
            )
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?,
        ),
    };
    let mut errors = Vec::new();
    if existing.as_ref().is_some_and(|e| e.kind != v.kind) {
        errors.push(FieldError::new("kind", ErrorKey::BadRequest));
    }
    check_references(conn, id, v, &mut errors).await?;

    // Checkout keeps `used_count` only while a promotion has a limit, so a
    // limit added now starts from the uses actually on record.
    let limited = v.usage_limit.is_some() || v.per_customer_limit.is_some();
    let used_count = match (id, &existing) {
        (Some(id), Some(e)) if limited && !e.limited => {
            let n = sqlx::query_scalar!(
                r#"SELECT count(*) AS "n!" FROM promotion_redemptions
                    WHERE promotion_id = $1 AND released_at IS NULL"#,
                id,
            )
            .fetch_one(&mut *conn)
            .await?;
            i32::try_from(n).unwrap_or(i32::MAX)
        }
        (_, Some(e)) => e.used_count,
        _ => 0,
    };
    if v.usage_limit.is_some_and(|limit| limit < used_count) {
        errors.push(FieldError::new("usage_limit", ErrorKey::BadRequest));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    match id {
        None => insert(conn, v).await,
        Some(id) => update(conn, id, v, used_count).await.map(|()| id),
    }
}

/// The code is free, and the products and categories a sale lists exist.
async fn check_references(
    conn: &mut PgConnection,
    id: Option<i64>,
    v: &PromotionColumns,
    errors: &mut Vec<FieldError>,
) -> Result<(), AppError> {
    if let Some(code) = &v.code {
        let taken = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM promotions WHERE code = $1 AND id IS DISTINCT FROM $2) AS "taken!""#,
            code,
            id,
        )
        .fetch_one(&mut *conn)
        .await?;
        if taken {
            errors.push(FieldError::new("code", ErrorKey::EmailTaken));
        }
    }
    if !v.product_ids.is_empty() {
        let found = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!" FROM products WHERE id = ANY($1)"#,
            &v.product_ids[..],
        )
        .fetch_one(&mut *conn)
        .await?;
        if found != v.product_ids.len() as i64 {
            errors.push(FieldError::new("product_ids", ErrorKey::NotFound));
        }
    }
    if !v.category_ids.is_empty() {
        let found = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!" FROM categories WHERE id = ANY($1)"#,
            &v.category_ids[..],
        )
        .fetch_one(&mut *conn)
        .await?;
        if found != v.category_ids.len() as i64 {
            errors.push(FieldError::new("category_ids", ErrorKey::NotFound));
        }
    }
    Ok(())
}

/// Stored tiers: [{"min_minor": …, "off_minor": …}], lowest first.
fn tiers_json(v: &PromotionColumns) -> Option<Value> {
    v.tiers.as_ref().map(|t| serde_json::json!(t))
}

/// The columns of `v`, as one new row. Times go in as Unix seconds.
async fn insert(conn: &mut PgConnection, v: &PromotionColumns) -> Result<i64, AppError> {
    sqlx::query_scalar!(
        r#"INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor, free_shipping,
                                   tiers, min_spend_minor, product_ids, category_ids,
                                   applies_to_sale_items, starts_at, ends_at, usage_limit,
                                   per_customer_limit, active)
           VALUES ($1, $2, jsonb_build_object('zh-CN', $3::text, 'en', $4::text), $5, $6, $7,
                   $8, $9, $10, $11, $12, to_timestamp($13::bigint), to_timestamp($14::bigint),
                   $15, $16, $17)
           RETURNING id"#,
        v.kind as PromotionKind,
        v.code.as_deref(),
        v.name_zh,
        v.name_en,
        v.percent_off,
        v.amount_off_minor,
        v.free_shipping,
        tiers_json(v),
        v.min_spend_minor,
        &v.product_ids[..],
        &v.category_ids[..],
        v.applies_to_sale_items,
        v.starts_at,
        v.ends_at,
        v.usage_limit,
        v.per_customer_limit,
        v.active,
    )
    .fetch_one(conn)
    .await
    .map_err(write_error)
}

/// The same columns over row `id` (its kind is fixed), with the uses
/// `write` counted.
async fn update(
    conn: &mut PgConnection,
    id: i64,
    v: &PromotionColumns,
    used_count: i32,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"UPDATE promotions
              SET code = $2, name = jsonb_build_object('zh-CN', $3::text, 'en', $4::text),
                  percent_off = $5, amount_off_minor = $6, free_shipping = $7, tiers = $8,
                  min_spend_minor = $9, product_ids = $10, category_ids = $11,
                  applies_to_sale_items = $12, starts_at = to_timestamp($13::bigint),
                  ends_at = to_timestamp($14::bigint), usage_limit = $15,
                  per_customer_limit = $16, active = $17, used_count = $18
            WHERE id = $1"#,
        id,
        v.code.as_deref(),
        v.name_zh,
        v.name_en,
        v.percent_off,
        v.amount_off_minor,
        v.free_shipping,
        tiers_json(v),
        v.min_spend_minor,
        &v.product_ids[..],
        &v.category_ids[..],
        v.applies_to_sale_items,
        v.starts_at,
        v.ends_at,
        v.usage_limit,
        v.per_customer_limit,
        v.active,
        used_count,
    )
    .execute(conn)
    .await
    .map_err(write_error)?;
    Ok(())
}

struct ActiveRow {
    active: bool,
    label: String,
}

/// Whether promotion `id` is on, named as the audit log names it; locked.
async fn active_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query_as!(
        ActiveRow,
        r#"SELECT p.active, COALESCE(audit_label('promotion', p.id), '') AS "label!"
             FROM promotions p WHERE p.id = $1 FOR UPDATE"#,
        id,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("promotion", id, r.label),
        state: serde_json::json!({ "active": r.active }),
    }))
}

/// Switches a promotion on or off. A coupon that is off is unknown at
/// checkout; an automatic promotion that is off is not applied.
pub async fn set_active(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::PromotionActive,
        async |conn: &mut PgConnection, _: Option<&()>| active_snapshot(conn, id).await,
        async |conn: &mut PgConnection| {
            let done = sqlx::query!(
                "UPDATE promotions SET active = $2 WHERE id = $1",
                id,
                active
            )
            .execute(conn)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            Ok(())
        },
    )
    .await
}
