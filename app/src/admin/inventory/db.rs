use super::{
    Count, Difference, Movement, REASONS, STOCK_PAGE_SIZE, StockList, StockRow, Stocktake,
};
use crate::admin::products::{MAX_STOCK, normalize_sku};
use crate::audit::{AuditAction, Snapshot, Target, audited, audited_in};
use crate::catalog::StockReason;
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

pub async fn list(
    pool: &PgPool,
    q: &str,
    low_only: bool,
    page: i64,
) -> Result<StockList, AppError> {
    let pattern = crate::text::like_pattern(q);
    let mut rows = sqlx::query_as!(
        StockRow,
        r#"SELECT v.id AS variant_id, v.product_id, v.sku,
                  COALESCE((SELECT name FROM product_translations t
                             WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), '') AS "name!",
                  COALESCE((SELECT string_agg(x->>'zh-CN', ' / ')
                              FROM jsonb_array_elements(v.option_values) x), '') AS "options!",
                  v.stock, v.safety_stock
             FROM product_variants v
            WHERE (NOT $1 OR v.stock <= v.safety_stock)
              AND ($2 = '' OR v.sku ILIKE $3 OR EXISTS (
                   SELECT 1 FROM product_translations t WHERE t.product_id = v.product_id AND t.name ILIKE $3))
            ORDER BY (v.stock <= v.safety_stock) DESC, v.stock - v.safety_stock, v.id
            LIMIT $4 OFFSET $5"#,
        low_only,
        q,
        &pattern,
        STOCK_PAGE_SIZE + 1,
        page * STOCK_PAGE_SIZE,
    )
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > STOCK_PAGE_SIZE;
    rows.truncate(STOCK_PAGE_SIZE as usize);
    let low_count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM product_variants WHERE stock <= safety_stock"#
    )
    .fetch_one(pool)
    .await?;
    Ok(StockList {
        rows,
        has_more,
        low_count,
    })
}

/// A variant named by its SKU, so staff can search the log by it.
fn variant_target(id: i64, sku: &str) -> Target {
    Target::new("variant", id, sku)
}

/// A variant's stock (locked) as the adjustment entries record it; after
/// the change, with the reason and note of the movement it made.
async fn stock_snapshot(
    conn: &mut PgConnection,
    variant_id: i64,
    movement: Option<&Adjusted>,
) -> Result<Option<Snapshot>, AppError> {
    let Some(moved) = movement else {
        let row = sqlx::query!(
            "SELECT sku, stock FROM product_variants WHERE id = $1 FOR UPDATE",
            variant_id,
        )
        .fetch_optional(conn)
        .await?;
        return Ok(row.map(|r| Snapshot {
            target: variant_target(variant_id, &r.sku),
            state: json!({ "sku": r.sku, "stock": r.stock }),
        }));
    };
    let r = sqlx::query!(
        r#"SELECT v.sku, v.stock, m.reason AS "reason: StockReason", m.note
             FROM stock_movements m JOIN product_variants v ON v.id = m.variant_id
            WHERE m.id = $1"#,
        moved.movement_id,
    )
    .fetch_one(conn)
    .await?;
    Ok(Some(Snapshot {
        target: variant_target(variant_id, &r.sku),
        state: json!({ "sku": r.sku, "stock": r.stock, "reason": r.reason, "note": r.note }),
    }))
}

/// What an adjustment did: the movement it recorded and the stock after it.
struct Adjusted {
    movement_id: i64,
    stock_after: i32,
}

pub async fn adjust(
    pool: &PgPool,
    staff: &Staff,
    variant_id: i64,
    delta: i32,
    reason: StockReason,
    note: &str,
) -> Result<i32, AppError> {
    let mut errors = Vec::new();
    if delta == 0 || delta.abs() > MAX_STOCK {
        errors.push(FieldError::new("delta", ErrorKey::NumberInvalid));
    }
    // `initial` and `stocktake` are written by the editor and the stocktake.
    if !REASONS.contains(&reason) {
        errors.push(FieldError::new("reason", ErrorKey::Required));
    }
    let note = note.trim();
    if note.chars().count() > 200 {
        errors.push(FieldError::new("note", ErrorKey::TooLong));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let done = audited(
        pool,
        staff.into(),
        AuditAction::StockAdjust,
        async |conn: &mut PgConnection, moved: Option<&Adjusted>| {
            stock_snapshot(conn, variant_id, moved).await
        },
        async |conn: &mut PgConnection| {
            let before = sqlx::query_scalar!(
                "SELECT stock FROM product_variants WHERE id = $1 FOR UPDATE",
                variant_id,
            )
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
            let after = before + delta;
            if !(0..=MAX_STOCK).contains(&after) {
                return Err(AppError::Validation(vec![FieldError::new(
                    "delta",
                    ErrorKey::NumberInvalid,
                )]));
            }
            sqlx::query!(
                "UPDATE product_variants SET stock = $2 WHERE id = $1",
                variant_id,
                after,
            )
            .execute(&mut *conn)
            .await?;
            let movement_id = sqlx::query_scalar!(
                "INSERT INTO stock_movements (variant_id, delta, reason, note, stock_after, staff_id)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                variant_id,
                delta,
                reason as StockReason,
                note,
                after,
                staff.user.id,
            )
            .fetch_one(&mut *conn)
            .await?;
            Ok(Adjusted {
                movement_id,
                stock_after: after,
            })
        },
    )
    .await?;
    Ok(done.stock_after)
}

/// A variant's safety level (locked), as the safety entries record it.
async fn safety_snapshot(
    conn: &mut PgConnection,
    variant_id: i64,
) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        "SELECT sku, safety_stock FROM product_variants WHERE id = $1 FOR UPDATE",
        variant_id,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: variant_target(variant_id, &r.sku),
        state: json!({ "sku": r.sku, "safety_stock": r.safety_stock }),
    }))
}

pub async fn set_safety(
    pool: &PgPool,
    staff: &Staff,
    variant_id: i64,
    safety: i32,
) -> Result<(), AppError> {
    if !(0..=MAX_STOCK).contains(&safety) {
        return Err(AppError::Validation(vec![FieldError::new(
            "safety_stock",
            ErrorKey::NumberInvalid,
        )]));
    }
    audited(
        pool,
        staff.into(),
        AuditAction::StockSafety,
        async |conn: &mut PgConnection, _: Option<&()>| safety_snapshot(conn, variant_id).await,
        async |conn: &mut PgConnection| {
            let done = sqlx::query!(
                "UPDATE product_variants SET safety_stock = $2 WHERE id = $1",
                variant_id,
                safety,
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

pub async fn history(pool: &PgPool, variant_id: i64) -> Result<Vec<Movement>, AppError> {
    Ok(sqlx::query_as!(
        Movement,
        r#"SELECT m.delta, m.reason AS "reason: StockReason", m.note, m.stock_after,
                  COALESCE(u.display_name, '') AS "author!", shop_minute(m.created_at) AS "at!"
             FROM stock_movements m LEFT JOIN users u ON u.id = m.staff_id
            WHERE m.variant_id = $1 ORDER BY m.id DESC LIMIT 100"#,
        variant_id,
    )
    .fetch_all(pool)
    .await?)
}

/// The counted SKUs, normalised, once each; every count within range.
fn counted_skus(counts: &[Count]) -> Result<Vec<String>, AppError> {
    if counts.is_empty() || counts.len() > 5_000 {
        return Err(AppError::Validation(vec![FieldError::new(
            "counts",
            ErrorKey::Required,
        )]));
    }
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, c) in counts.iter().enumerate() {
        let sku = normalize_sku(&c.sku);
        if !(0..=MAX_STOCK).contains(&c.counted) {
            errors.push(FieldError::new(
                &format!("counts.{i}"),
                ErrorKey::NumberInvalid,
            ));
        }
        if seen.contains(&sku) {
            errors.push(FieldError::new(&format!("counts.{i}"), ErrorKey::SkuTaken));
        }
        seen.push(sku);
    }
    if errors.is_empty() {
        Ok(seen)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// A counted SKU as the system knows it.
struct Counted {
    id: i64,
    sku: String,
    name: String,
    stock: i32,
}

/// The stock of the SKUs a stocktake sets (locked, in id order). A
/// stocktake has no id of its own; it is known by the SKUs it set.
async fn stocktake_snapshot(
    conn: &mut PgConnection,
    ids: &[i64],
) -> Result<Option<Snapshot>, AppError> {
    let rows = sqlx::query!(
        "SELECT sku, stock FROM product_variants WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        ids,
    )
    .fetch_all(conn)
    .await?;
    let skus: Vec<&str> = rows.iter().map(|r| r.sku.as_str()).collect();
    Ok(Some(Snapshot {
        target: Target::new("stocktake", "", skus.join(", ")),
        state: json!(
            rows.iter()
                .map(|r| json!({ "sku": r.sku, "stock": r.stock }))
                .collect::<Vec<_>>()
        ),
    }))
}

pub async fn stocktake(
    pool: &PgPool,
    staff: &Staff,
    counts: Vec<Count>,
    apply: bool,
) -> Result<Stocktake, AppError> {
    let seen = counted_skus(&counts)?;
    let mut tx = pool.begin().await?;
    // Locked in id order, like order placement, so a stocktake and a
    // checkout touching the same SKUs cannot deadlock.
    let rows = sqlx::query_as!(
        Counted,
        r#"SELECT v.id, v.sku,
                  COALESCE((SELECT name FROM product_translations t
                             WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), '') AS "name!",
                  v.stock
             FROM product_variants v WHERE v.sku = ANY($1) ORDER BY v.id FOR UPDATE"#,
        &seen[..],
    )
    .fetch_all(&mut *tx)
    .await?;
    let unknown: Vec<String> = seen
        .iter()
        .filter(|s| !rows.iter().any(|r| &r.sku == *s))
        .cloned()
        .collect();
    // Each known SKU with its count, in id order.
    let counted: Vec<(i64, Difference)> = rows
        .into_iter()
        .filter_map(|r| {
            let counted = counts
                .iter()
                .find(|c| normalize_sku(&c.sku) == r.sku)?
                .counted;
            let d = Difference {
                sku: r.sku,
                name: r.name,
                system: r.stock,
                counted,
            };
            Some((r.id, d))
        })
        .collect();
    let apply = apply && unknown.is_empty();
    if apply {
        let changed: Vec<&(i64, Difference)> =
            counted.iter().filter(|(_, d)| d.delta() != 0).collect();
        let ids: Vec<i64> = changed.iter().map(|(id, _)| *id).collect();
        audited_in(
            &mut tx,
            staff.into(),
            AuditAction::Stocktake,
            async |conn: &mut PgConnection, _: Option<&()>| stocktake_snapshot(conn, &ids).await,
            async |conn: &mut PgConnection| {
                for (id, d) in &changed {
                    set_counted(conn, staff, *id, d).await?;
                }
                Ok(())
            },
        )
        .await?;
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(Stocktake {
        differences: counted.into_iter().map(|(_, d)| d).collect(),
        unknown,
        applied: apply,
    })
}

/// Sets one SKU to its count, with its stocktake movement.
async fn set_counted(
    conn: &mut PgConnection,
    staff: &Staff,
    variant_id: i64,
    d: &Difference,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE product_variants SET stock = $2 WHERE id = $1",
        variant_id,
        d.counted,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO stock_movements (variant_id, delta, reason, stock_after, staff_id)
         VALUES ($1, $2, $3, $4, $5)",
        variant_id,
        d.delta(),
        StockReason::Stocktake as StockReason,
        d.counted,
        staff.user.id,
    )
    .execute(conn)
    .await?;
    Ok(())
}
