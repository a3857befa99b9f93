//! Saving the editor's form: one transaction for the product, its texts,
//! options, variants and attributes, the search document and the audit
//! entry (with the whole product before and after).
use super::super::{ProductForm, normalize_sku, split_tags, validate_form};
use super::{label, load_form};
use crate::admin::audit::db::{Target, name_label, record};
use crate::admin::components::parse_minor;
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};

pub async fn save(pool: &PgPool, staff: &Staff, form: ProductForm) -> Result<i64, AppError> {
    let errors = validate_form(&form);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    let id = write(&mut tx, staff, &form, "admin/product/save").await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks that need the database: the category exists, the slug and SKUs
/// are not someone else's, and every variant id belongs to this product.
async fn check_against_db(conn: &mut PgConnection, f: &ProductForm) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let cat: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1)")
        .bind(f.category_id)
        .fetch_one(&mut *conn)
        .await?;
    if !cat {
        errors.push(FieldError::new("category_id", ErrorKey::Required));
    }
    let slug_owner: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(f.slug.trim())
        .fetch_optional(&mut *conn)
        .await?;
    if slug_owner.is_some_and(|o| Some(o) != f.id) {
        errors.push(FieldError::new("slug", ErrorKey::SlugTaken));
    }
    for (i, v) in f.variants.iter().enumerate() {
        // Within this product SKUs may move between variants in one save
        // (uniqueness inside the form is checked already); another
        // product's SKU is never taken over.
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT product_id FROM product_variants WHERE sku = $1")
                .bind(normalize_sku(&v.sku))
                .fetch_optional(&mut *conn)
                .await?;
        if owner.is_some_and(|pid| Some(pid) != f.id) {
            errors.push(FieldError::new(
                &format!("variants.{i}.sku"),
                ErrorKey::SkuTaken,
            ));
        }
        if let Some(vid) = v.id {
            let mine: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM product_variants WHERE id = $1 AND product_id = $2)",
            )
            .bind(vid)
            .bind(f.id)
            .fetch_one(&mut *conn)
            .await?;
            if !mine {
                return Err(AppError::BadRequest);
            }
        }
    }
    for (i, a) in f.attributes.iter().enumerate() {
        let ok: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM attributes WHERE id = $1)")
            .bind(a.attribute_id)
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

/// Writes a validated form inside `conn`'s transaction; also used by the
/// CSV import (each product imported gets its own audit entry under the
/// import's action). Returns the product id.
pub async fn write(
    conn: &mut PgConnection,
    staff: &Staff,
    f: &ProductForm,
    action: &str,
) -> Result<i64, AppError> {
    let before = match f.id {
        Some(id) => {
            sqlx::query("SELECT id FROM products WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(AppError::NotFound)?;
            Some(
                serde_json::to_value(load_form(&mut *conn, id).await?)
                    .map_err(|_| AppError::Internal)?,
            )
        }
        None => None,
    };
    check_against_db(&mut *conn, f).await?;
    let tags = split_tags(&f.tags);
    let id: i64 = match f.id {
        Some(id) => {
            sqlx::query(
                "UPDATE products SET slug = $2, category_id = $3, tags = $4, listed = $5,
                        featured = $6, updated_at = now() WHERE id = $1",
            )
            .bind(id)
            .bind(f.slug.trim())
            .bind(f.category_id)
            .bind(&tags)
            .bind(f.listed)
            .bind(f.featured)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO products (slug, category_id, tags, listed, featured)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(f.slug.trim())
            .bind(f.category_id)
            .bind(&tags)
            .bind(f.listed)
            .bind(f.featured)
            .fetch_one(&mut *conn)
            .await?
        }
    };
    for (locale, name, description) in [
        ("zh-CN", &f.name.zh, &f.description.zh),
        ("en", &f.name.en, &f.description.en),
    ] {
        sqlx::query(
            "INSERT INTO product_translations (product_id, locale, name, description)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (product_id, locale) DO UPDATE SET name = EXCLUDED.name,
                                                            description = EXCLUDED.description",
        )
        .bind(id)
        .bind(locale)
        .bind(name.trim())
        .bind(description.trim())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM product_options WHERE product_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (pos, o) in f.options.iter().enumerate() {
        sqlx::query("INSERT INTO product_options (product_id, position, name) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(pos as i16)
            .bind(label(o))
            .execute(&mut *conn)
            .await?;
    }
    // Variants dropped from the form go; kept ones change in place (their
    // stock untouched); new ones start with their opening stock, recorded.
    let kept: Vec<i64> = f.variants.iter().filter_map(|v| v.id).collect();
    sqlx::query("DELETE FROM product_variants WHERE product_id = $1 AND NOT (id = ANY($2))")
        .bind(id)
        .bind(&kept)
        .execute(&mut *conn)
        .await?;
    // Renames could collide mid-way (A→B while B→A): park kept SKUs first.
    sqlx::query("UPDATE product_variants SET sku = '~' || id WHERE product_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (pos, v) in f.variants.iter().enumerate() {
        let price = parse_minor(&v.price, false).ok_or(AppError::BadRequest)?;
        let values = serde_json::Value::Array(v.values.iter().map(label).collect());
        match v.id {
            Some(vid) => {
                sqlx::query(
                    "UPDATE product_variants SET sku = $2, price_minor = $3, safety_stock = $4,
                            option_values = $5, position = $6 WHERE id = $1",
                )
                .bind(vid)
                .bind(normalize_sku(&v.sku))
                .bind(price)
                .bind(v.safety_stock)
                .bind(&values)
                .bind(pos as i32)
                .execute(&mut *conn)
                .await?;
            }
            None => {
                let vid: i64 = sqlx::query_scalar(
                    "INSERT INTO product_variants (product_id, sku, price_minor, currency, stock,
                                                   safety_stock, position, option_values)
                     VALUES ($1, $2, $3, 'CNY', $4, $5, $6, $7) RETURNING id",
                )
                .bind(id)
                .bind(normalize_sku(&v.sku))
                .bind(price)
                .bind(v.stock)
                .bind(v.safety_stock)
                .bind(pos as i32)
                .bind(&values)
                .fetch_one(&mut *conn)
                .await?;
                if v.stock > 0 {
                    sqlx::query(
                        "INSERT INTO stock_movements (variant_id, delta, reason, stock_after, staff_id)
                         VALUES ($1, $2, 'initial', $2, $3)",
                    )
                    .bind(vid)
                    .bind(v.stock)
                    .bind(staff.user.id)
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
    }
    sqlx::query("DELETE FROM product_attributes WHERE product_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for a in &f.attributes {
        for (locale, value) in [("zh-CN", &a.value.zh), ("en", &a.value.en)] {
            if value.trim().is_empty() {
                continue;
            }
            sqlx::query(
                "INSERT INTO product_attributes (product_id, attribute_id, locale, value)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(a.attribute_id)
            .bind(locale)
            .bind(value.trim())
            .execute(&mut *conn)
            .await?;
        }
    }
    sqlx::query("SELECT refresh_product_search($1)")
        .bind(vec![id])
        .execute(&mut *conn)
        .await?;
    let after =
        serde_json::to_value(load_form(&mut *conn, id).await?).map_err(|_| AppError::Internal)?;
    let name = name_label(&f.name.zh, &f.name.en);
    record(
        &mut *conn,
        staff,
        action,
        Target::new("product", id, &name),
        before,
        Some(after),
    )
    .await?;
    Ok(id)
}
