//! Saving the editor's form: one transaction for the product, its texts,
//! options, variants and attributes, the search document and the audit
//! entry (with the whole product before and after).
use super::super::{ProductForm, VariantForm, normalize_sku, split_tags, validate_form};
use super::{label, load_form, lock_product};
use crate::audit::{AuditAction, Snapshot, Target, audited_in, name_label};
use crate::catalog::StockReason;
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use crate::text::parse_money;
use sqlx::{PgConnection, PgPool};

pub async fn save(pool: &PgPool, staff: &Staff, form: ProductForm) -> Result<i64, AppError> {
    let errors = validate_form(&form);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    let id = write(&mut tx, staff, &form, AuditAction::ProductSave).await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks that need the database: the category exists, the slug and SKUs
/// are not someone else's, and every variant id belongs to this product.
async fn check_against_db(conn: &mut PgConnection, f: &ProductForm) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let cat = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1) AS "exists!""#,
        f.category_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    if !cat {
        errors.push(FieldError::new("category_id", ErrorKey::Required));
    }
    let slug_owner = sqlx::query_scalar!("SELECT id FROM products WHERE slug = $1", f.slug.trim())
        .fetch_optional(&mut *conn)
        .await?;
    if slug_owner.is_some_and(|o| Some(o) != f.id) {
        errors.push(FieldError::new("slug", ErrorKey::SlugTaken));
    }
    for (i, v) in f.variants.iter().enumerate() {
        // Within this product SKUs may move between variants in one save
        // (uniqueness inside the form is checked already); another
        // product's SKU is never taken over.
        let owner = sqlx::query_scalar!(
            "SELECT product_id FROM product_variants WHERE sku = $1",
            normalize_sku(&v.sku),
        )
        .fetch_optional(&mut *conn)
        .await?;
        if owner.is_some_and(|pid| Some(pid) != f.id) {
            errors.push(FieldError::new(
                &format!("variants.{i}.sku"),
                ErrorKey::SkuTaken,
            ));
        }
        if let Some(vid) = v.id {
            let mine = sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM product_variants WHERE id = $1 AND product_id = $2) AS "mine!""#,
                vid,
                f.id,
            )
            .fetch_one(&mut *conn)
            .await?;
            if !mine {
                return Err(AppError::BadRequest);
            }
        }
    }
    for (i, a) in f.attributes.iter().enumerate() {
        let ok = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM attributes WHERE id = $1) AS "exists!""#,
            a.attribute_id,
        )
        .fetch_one(&mut *conn)
        .await?;
        if !ok {
            errors.push(FieldError::new(
                &format!("attributes.{i}_zh"),
                ErrorKey::Required,
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The whole product (locked) as the editor shows it, which is what its
/// audit entries record.
async fn product_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    if !lock_product(&mut *conn, id).await? {
        return Ok(None);
    }
    let form = load_form(conn, id).await?;
    Ok(Some(Snapshot {
        target: Target::new("product", id, name_label(&form.name.zh, &form.name.en)),
        state: serde_json::to_value(form).map_err(|_| AppError::Internal)?,
    }))
}

/// Writes a validated form inside `conn`'s transaction, with its audit
/// entry under `action`; also used by the CSV import (each product it
/// writes gets its own entry, all in the import's one transaction).
/// Returns the product id.
pub async fn write(
    conn: &mut PgConnection,
    staff: &Staff,
    f: &ProductForm,
    action: AuditAction,
) -> Result<i64, AppError> {
    audited_in(
        conn,
        staff.into(),
        action,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(f.id) {
            Some(id) => product_snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            if let Some(id) = f.id
                && !lock_product(&mut *conn, id).await?
            {
                return Err(AppError::NotFound);
            }
            check_against_db(&mut *conn, f).await?;
            let id = write_product(&mut *conn, f).await?;
            write_variants(&mut *conn, staff, id, &f.variants).await?;
            write_attributes(&mut *conn, id, f).await?;
            sqlx::query!("SELECT refresh_product_search($1)", &[id][..])
                .execute(conn)
                .await?;
            Ok(id)
        },
    )
    .await
}

/// The product row, its texts and its options. Returns its id.
async fn write_product(conn: &mut PgConnection, f: &ProductForm) -> Result<i64, AppError> {
    let tags = split_tags(&f.tags);
    let id = match f.id {
        Some(id) => {
            sqlx::query!(
                "UPDATE products SET slug = $2, category_id = $3, tags = $4, listed = $5,
                        featured = $6, updated_at = now() WHERE id = $1",
                id,
                f.slug.trim(),
                f.category_id,
                &tags[..],
                f.listed,
                f.featured,
            )
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar!(
                "INSERT INTO products (slug, category_id, tags, listed, featured)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                f.slug.trim(),
                f.category_id,
                &tags[..],
                f.listed,
                f.featured,
            )
            .fetch_one(&mut *conn)
            .await?
        }
    };
    for (locale, name, description) in [
        ("zh-CN", &f.name.zh, &f.description.zh),
        ("en", &f.name.en, &f.description.en),
    ] {
        sqlx::query!(
            "INSERT INTO product_translations (product_id, locale, name, description)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (product_id, locale) DO UPDATE SET name = EXCLUDED.name,
                                                            description = EXCLUDED.description",
            id,
            locale,
            name.trim(),
            description.trim(),
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!("DELETE FROM product_options WHERE product_id = $1", id)
        .execute(&mut *conn)
        .await?;
    for (pos, o) in f.options.iter().enumerate() {
        sqlx::query!(
            "INSERT INTO product_options (product_id, position, name) VALUES ($1, $2, $3)",
            id,
            pos as i16,
            label(o),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Variants dropped from the form go; kept ones change in place (their
/// stock untouched); new ones start with their opening stock, recorded.
async fn write_variants(
    conn: &mut PgConnection,
    staff: &Staff,
    id: i64,
    variants: &[VariantForm],
) -> Result<(), AppError> {
    let kept: Vec<i64> = variants.iter().filter_map(|v| v.id).collect();
    sqlx::query!(
        "DELETE FROM product_variants WHERE product_id = $1 AND NOT (id = ANY($2))",
        id,
        &kept[..],
    )
    .execute(&mut *conn)
    .await?;
    // Renames could collide mid-way (A→B while B→A): park kept SKUs first.
    sqlx::query!(
        "UPDATE product_variants SET sku = '~' || id WHERE product_id = $1",
        id,
    )
    .execute(&mut *conn)
    .await?;
    for (pos, v) in variants.iter().enumerate() {
        let price = parse_money(&v.price).ok_or(AppError::BadRequest)?;
        let values = serde_json::Value::Array(v.values.iter().map(label).collect());
        match v.id {
            Some(vid) => {
                sqlx::query!(
                    "UPDATE product_variants SET sku = $2, price_minor = $3, safety_stock = $4,
                            option_values = $5, position = $6 WHERE id = $1",
                    vid,
                    normalize_sku(&v.sku),
                    price,
                    v.safety_stock,
                    values,
                    pos as i32,
                )
                .execute(&mut *conn)
                .await?;
            }
            None => {
                let vid = sqlx::query_scalar!(
                    "INSERT INTO product_variants (product_id, sku, price_minor, currency, stock,
                                                   safety_stock, position, option_values)
                     VALUES ($1, $2, $3, 'CNY', $4, $5, $6, $7) RETURNING id",
                    id,
                    normalize_sku(&v.sku),
                    price,
                    v.stock,
                    v.safety_stock,
                    pos as i32,
                    values,
                )
                .fetch_one(&mut *conn)
                .await?;
                if v.stock > 0 {
                    sqlx::query!(
                        "INSERT INTO stock_movements (variant_id, delta, reason, stock_after, staff_id)
                         VALUES ($1, $2, $3, $2, $4)",
                        vid,
                        v.stock,
                        StockReason::Initial as StockReason,
                        staff.user.id,
                    )
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
    }
    Ok(())
}

/// The attribute values, replaced as a whole; empty ones are not stored.
async fn write_attributes(
    conn: &mut PgConnection,
    id: i64,
    f: &ProductForm,
) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM product_attributes WHERE product_id = $1", id)
        .execute(&mut *conn)
        .await?;
    for a in &f.attributes {
        for (locale, value) in [("zh-CN", &a.value.zh), ("en", &a.value.en)] {
            if value.trim().is_empty() {
                continue;
            }
            sqlx::query!(
                "INSERT INTO product_attributes (product_id, attribute_id, locale, value)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                id,
                a.attribute_id,
                locale,
                value.trim(),
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
