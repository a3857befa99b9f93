use super::{
    Count, Difference, Movement, REASONS, STOCK_PAGE_SIZE, StockList, StockRow, Stocktake,
};
use crate::admin::audit::db::{Target, record};
use crate::admin::products::{MAX_STOCK, normalize_sku};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::PgPool;

const ROW: &str = "SELECT v.id AS variant_id, v.product_id, v.sku,
        COALESCE((SELECT name FROM product_translations t WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), '') AS name,
        COALESCE((SELECT string_agg(x->>'zh-CN', ' / ') FROM jsonb_array_elements(v.option_values) x), '') AS options,
        v.stock, v.safety_stock
   FROM product_variants v";

pub async fn list(
    pool: &PgPool,
    q: &str,
    low_only: bool,
    page: i64,
) -> Result<StockList, AppError> {
    let pattern = crate::admin::like_pattern(q);
    let mut rows: Vec<StockRow> = sqlx::query_as(&format!(
        "{ROW}
          WHERE (NOT $1 OR v.stock <= v.safety_stock)
            AND ($2 = '' OR v.sku ILIKE $3 OR EXISTS (
                 SELECT 1 FROM product_translations t WHERE t.product_id = v.product_id AND t.name ILIKE $3))
          ORDER BY (v.stock <= v.safety_stock) DESC, v.stock - v.safety_stock, v.id
          LIMIT $4 OFFSET $5"
    ))
    .bind(low_only)
    .bind(q)
    .bind(&pattern)
    .bind(STOCK_PAGE_SIZE + 1)
    .bind(page * STOCK_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > STOCK_PAGE_SIZE;
    rows.truncate(STOCK_PAGE_SIZE as usize);
    let low_count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_variants WHERE stock <= safety_stock")
            .fetch_one(pool)
            .await?;
    Ok(StockList {
        rows,
        has_more,
        low_count,
    })
}

pub async fn adjust(
    pool: &PgPool,
    staff: &Staff,
    variant_id: i64,
    delta: i32,
    reason: &str,
    note: &str,
) -> Result<i32, AppError> {
    let mut errors = Vec::new();
    if delta == 0 || delta.abs() > MAX_STOCK {
        errors.push(FieldError::new("delta", ErrorKey::NumberInvalid));
    }
    if !REASONS.contains(&reason) {
        errors.push(FieldError::new("reason", ErrorKey::Required));
    }
    if note.trim().chars().count() > 200 {
        errors.push(FieldError::new("note", ErrorKey::TooLong));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    // The SKU goes into the audit entry so staff can search the log by it.
    let row: Option<(i32, String)> =
        sqlx::query_as("SELECT stock, sku FROM product_variants WHERE id = $1 FOR UPDATE")
            .bind(variant_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (before, sku) = row.ok_or(AppError::NotFound)?;
    let after = before + delta;
    if !(0..=MAX_STOCK).contains(&after) {
        return Err(AppError::Validation(vec![FieldError::new(
            "delta",
            ErrorKey::NumberInvalid,
        )]));
    }
    sqlx::query("UPDATE product_variants SET stock = $2 WHERE id = $1")
        .bind(variant_id)
        .bind(after)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO stock_movements (variant_id, delta, reason, note, stock_after, staff_id)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(variant_id)
    .bind(delta)
    .bind(reason)
    .bind(note.trim())
    .bind(after)
    .bind(staff.user.id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut tx,
        staff,
        "admin/stock/adjust",
        Target::new("variant", variant_id, &sku),
        Some(json!({ "sku": sku, "stock": before })),
        Some(json!({ "sku": sku, "stock": after, "reason": reason, "note": note.trim() })),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
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
    let mut tx = pool.begin().await?;
    let row: Option<(i32, String)> =
        sqlx::query_as("SELECT safety_stock, sku FROM product_variants WHERE id = $1 FOR UPDATE")
            .bind(variant_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (before, sku) = row.ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE product_variants SET safety_stock = $2 WHERE id = $1")
        .bind(variant_id)
        .bind(safety)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        staff,
        "admin/stock/safety",
        Target::new("variant", variant_id, &sku),
        Some(json!({ "sku": sku, "safety_stock": before })),
        Some(json!({ "sku": sku, "safety_stock": safety })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn history(pool: &PgPool, variant_id: i64) -> Result<Vec<Movement>, AppError> {
    Ok(sqlx::query_as(
        "SELECT m.delta, m.reason, m.note, m.stock_after, COALESCE(u.display_name, '') AS author,
                to_char(m.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
           FROM stock_movements m LEFT JOIN users u ON u.id = m.staff_id
          WHERE m.variant_id = $1 ORDER BY m.id DESC LIMIT 100",
    )
    .bind(variant_id)
    .fetch_all(pool)
    .await?)
}

pub async fn stocktake(
    pool: &PgPool,
    staff: &Staff,
    counts: Vec<Count>,
    apply: bool,
) -> Result<Stocktake, AppError> {
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
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    // Locked in id order, like order placement, so a stocktake and a
    // checkout touching the same SKUs cannot deadlock.
    let rows: Vec<(i64, String, String, i32)> = sqlx::query_as(
        "SELECT v.id, v.sku,
                COALESCE((SELECT name FROM product_translations t WHERE t.product_id = v.product_id AND t.locale = 'zh-CN'), ''),
                v.stock
           FROM product_variants v WHERE v.sku = ANY($1) ORDER BY v.id FOR UPDATE",
    )
    .bind(&seen)
    .fetch_all(&mut *tx)
    .await?;
    let unknown: Vec<String> = seen
        .iter()
        .filter(|s| !rows.iter().any(|r| &r.1 == *s))
        .cloned()
        .collect();
    let differences: Vec<Difference> = rows
        .iter()
        .filter_map(|(_, sku, name, stock)| {
            let counted = counts
                .iter()
                .find(|c| normalize_sku(&c.sku) == *sku)?
                .counted;
            Some(Difference {
                sku: sku.clone(),
                name: name.clone(),
                system: *stock,
                counted,
            })
        })
        .collect();
    let apply = apply && unknown.is_empty();
    if apply {
        let changed: Vec<&Difference> = differences.iter().filter(|d| d.delta() != 0).collect();
        for d in &changed {
            let id = rows
                .iter()
                .find(|r| r.1 == d.sku)
                .map(|r| r.0)
                .ok_or(AppError::Internal)?;
            sqlx::query("UPDATE product_variants SET stock = $2 WHERE id = $1")
                .bind(id)
                .bind(d.counted)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO stock_movements (variant_id, delta, reason, stock_after, staff_id)
                 VALUES ($1, $2, 'stocktake', $3, $4)",
            )
            .bind(id)
            .bind(d.delta())
            .bind(d.counted)
            .bind(staff.user.id)
            .execute(&mut *tx)
            .await?;
        }
        // A stocktake has no id of its own; it is known by the SKUs it set.
        let skus: Vec<&str> = changed.iter().map(|d| d.sku.as_str()).collect();
        record(
            &mut tx,
            staff,
            "admin/stocktake",
            Target::new("stocktake", "", &skus.join(", ")),
            Some(json!(
                changed
                    .iter()
                    .map(|d| json!({ "sku": d.sku, "stock": d.system }))
                    .collect::<Vec<_>>()
            )),
            Some(json!(
                changed
                    .iter()
                    .map(|d| json!({ "sku": d.sku, "stock": d.counted }))
                    .collect::<Vec<_>>()
            )),
        )
        .await?;
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(Stocktake {
        differences,
        unknown,
        applied: apply,
    })
}
