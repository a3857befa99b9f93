//! Product SQL for the back office.
mod csv;
mod save;

pub use csv::{export, import};
pub use save::{save, write};

use super::{
    AttributeValue, Choice, ImageEdit, PRODUCTS_PAGE_SIZE, Pair, ProductEditor, ProductForm,
    ProductList, ProductRow, VariantForm,
};
use crate::admin::audit::db::{Target, label_of, record};
use crate::admin::components::minor_to_input;
use crate::catalog::{ImageSize, image_url};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    slug: String,
    name: String,
    category: String,
    price_min_minor: Option<i64>,
    stock: i64,
    variants: i64,
    listed: bool,
    sha: Option<String>,
}

pub async fn list(pool: &PgPool, q: &str, page: i64) -> Result<ProductList, AppError> {
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT p.id, p.slug,
                COALESCE((SELECT name FROM product_translations t WHERE t.product_id = p.id AND t.locale = 'zh-CN'), p.slug) AS name,
                COALESCE((SELECT name FROM category_translations t WHERE t.category_id = p.category_id AND t.locale = 'zh-CN'), '') AS category,
                p.price_min_minor,
                (SELECT COALESCE(sum(stock), 0) FROM product_variants v WHERE v.product_id = p.id)::bigint AS stock,
                (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id) AS variants,
                p.listed, i.sha256 AS sha
           FROM products p LEFT JOIN images i ON i.id = p.image_id
          WHERE $1 = '' OR p.slug ILIKE $2
             OR EXISTS (SELECT 1 FROM product_translations t WHERE t.product_id = p.id AND t.name ILIKE $2)
             OR EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.sku ILIKE $2)
          ORDER BY p.id DESC
          LIMIT $3 OFFSET $4",
    )
    .bind(q)
    .bind(crate::admin::like_pattern(q))
    .bind(PRODUCTS_PAGE_SIZE + 1)
    .bind(page * PRODUCTS_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > PRODUCTS_PAGE_SIZE;
    Ok(ProductList {
        rows: rows
            .into_iter()
            .take(PRODUCTS_PAGE_SIZE as usize)
            .map(|r| ProductRow {
                id: r.id,
                slug: r.slug,
                name: r.name,
                category: r.category,
                price_min_minor: r.price_min_minor,
                stock: r.stock,
                variants: r.variants,
                listed: r.listed,
                thumb: r.sha.map(|s| image_url(&s, ImageSize::Thumb, true)),
            })
            .collect(),
        has_more,
    })
}

/// A {"zh-CN": …, "en": …} label as a pair.
pub(super) fn pair_of(v: &Value) -> Pair {
    Pair {
        zh: v
            .get("zh-CN")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        en: v
            .get("en")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    }
}

pub(super) fn label(p: &Pair) -> Value {
    json!({ "zh-CN": p.zh.trim(), "en": p.en.trim() })
}

/// The product as the editor shows it (and as the audit log records it).
pub async fn load_form(conn: &mut PgConnection, id: i64) -> Result<ProductForm, AppError> {
    let head: Option<(String, i64, Vec<String>, bool, bool)> = sqlx::query_as(
        "SELECT slug, category_id, tags, listed, featured FROM products WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (slug, category_id, tags, listed, featured) = head.ok_or(AppError::NotFound)?;
    let texts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT locale, name, description FROM product_translations WHERE product_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let text = |locale: &str, which: usize| {
        texts
            .iter()
            .find(|t| t.0 == locale)
            .map(|t| if which == 0 { t.1.clone() } else { t.2.clone() })
            .unwrap_or_default()
    };
    let options: Vec<(Value,)> =
        sqlx::query_as("SELECT name FROM product_options WHERE product_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let variants: Vec<(i64, String, i64, i32, i32, Value)> = sqlx::query_as(
        "SELECT id, sku, price_minor, stock, safety_stock, option_values FROM product_variants
          WHERE product_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let attrs: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT attribute_id, locale, value FROM product_attributes WHERE product_id = $1
          ORDER BY attribute_id, locale",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut attributes: Vec<AttributeValue> = Vec::new();
    for (attribute_id, locale, value) in attrs {
        let i = match attributes
            .iter()
            .position(|a| a.attribute_id == attribute_id)
        {
            Some(i) => i,
            None => {
                attributes.push(AttributeValue {
                    attribute_id,
                    value: Pair::default(),
                });
                attributes.len() - 1
            }
        };
        if locale == "zh-CN" {
            attributes[i].value.zh = value;
        } else {
            attributes[i].value.en = value;
        }
    }
    Ok(ProductForm {
        id: Some(id),
        slug,
        category_id,
        name: Pair {
            zh: text("zh-CN", 0),
            en: text("en", 0),
        },
        description: Pair {
            zh: text("zh-CN", 1),
            en: text("en", 1),
        },
        tags: tags.join(", "),
        listed,
        featured,
        options: options.iter().map(|(v,)| pair_of(v)).collect(),
        variants: variants
            .into_iter()
            .map(|(vid, sku, price, stock, safety, values)| VariantForm {
                id: Some(vid),
                sku,
                price: minor_to_input(price),
                stock,
                safety_stock: safety,
                values: values
                    .as_array()
                    .map(|a| a.iter().map(pair_of).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        attributes,
    })
}

async fn images(pool: &PgPool, id: i64) -> Result<Vec<ImageEdit>, AppError> {
    let rows: Vec<(i64, String, Value)> = sqlx::query_as(
        "SELECT pi.image_id, i.sha256, pi.alt FROM product_images pi JOIN images i ON i.id = pi.image_id
          WHERE pi.product_id = $1 AND pi.variant_id IS NULL ORDER BY pi.position, pi.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(image_id, sha, alt)| ImageEdit {
            image_id,
            url: image_url(&sha, ImageSize::Thumb, true),
            alt: pair_of(&alt),
        })
        .collect())
}

pub async fn editor(pool: &PgPool, id: i64) -> Result<ProductEditor, AppError> {
    let (form, images) = if id == 0 {
        (
            ProductForm {
                variants: vec![VariantForm::default()],
                ..ProductForm::default()
            },
            Vec::new(),
        )
    } else {
        (
            load_form(&mut *pool.acquire().await?, id).await?,
            images(pool, id).await?,
        )
    };
    let cats = crate::catalog::db::categories(pool, ("zh-CN", "en")).await?;
    let categories = cats
        .iter()
        .map(|c| Choice {
            id: c.id,
            label: crate::catalog::db::trail(&cats, c.id)
                .into_iter()
                .map(|t| t.name)
                .collect::<Vec<_>>()
                .join(" / "),
        })
        .collect();
    let attributes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.id, COALESCE(t.name, a.code) FROM attributes a
           LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = 'zh-CN'
          ORDER BY a.position, a.id",
    )
    .fetch_all(pool)
    .await?;
    Ok(ProductEditor {
        form,
        images,
        categories,
        attributes: attributes
            .into_iter()
            .map(|(id, label)| Choice { id, label })
            .collect(),
    })
}

pub async fn set_listed(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    listed: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before: Option<bool> =
        sqlx::query_scalar("SELECT listed FROM products WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let before = before.ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE products SET listed = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(listed)
        .execute(&mut *tx)
        .await?;
    let name = label_of(&mut tx, "product", id).await?;
    record(
        &mut tx,
        staff,
        "admin/product/listed",
        Target::new("product", id, &name),
        Some(json!({ "listed": before })),
        Some(json!({ "listed": listed })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn gallery(conn: &mut PgConnection, id: i64) -> Result<Value, AppError> {
    let rows: Vec<(i64, Value)> = sqlx::query_as(
        "SELECT image_id, alt FROM product_images WHERE product_id = $1 AND variant_id IS NULL
          ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(json!(
        rows.into_iter()
            .map(|(i, a)| json!({ "image_id": i, "alt": a }))
            .collect::<Vec<_>>()
    ))
}

pub async fn save_images(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    images: Vec<ImageEdit>,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (i, img) in images.iter().enumerate() {
        super::check_pair(
            &mut errors,
            &format!("images.{i}.alt"),
            &img.alt,
            200,
            false,
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    sqlx::query_scalar::<_, i64>("SELECT id FROM products WHERE id = $1 FOR UPDATE")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = gallery(&mut tx, id).await?;
    let current: Vec<i64> = sqlx::query_scalar(
        "SELECT image_id FROM product_images WHERE product_id = $1 AND variant_id IS NULL",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    // Only this product's own images may be ordered or kept.
    let wanted: Vec<i64> = images.iter().map(|i| i.image_id).collect();
    if wanted.iter().any(|w| !current.contains(w))
        || wanted
            .iter()
            .enumerate()
            .any(|(i, w)| wanted[..i].contains(w))
    {
        return Err(AppError::BadRequest);
    }
    sqlx::query(
        "DELETE FROM product_images WHERE product_id = $1 AND variant_id IS NULL
           AND NOT (image_id = ANY($2))",
    )
    .bind(id)
    .bind(&wanted)
    .execute(&mut *tx)
    .await?;
    for (pos, img) in images.iter().enumerate() {
        sqlx::query(
            "UPDATE product_images SET position = $3, alt = $4
              WHERE product_id = $1 AND image_id = $2 AND variant_id IS NULL",
        )
        .bind(id)
        .bind(img.image_id)
        .bind(pos as i32)
        .bind(label(&img.alt))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE products SET image_id = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(wanted.first())
        .execute(&mut *tx)
        .await?;
    let after = gallery(&mut tx, id).await?;
    let name = label_of(&mut tx, "product", id).await?;
    record(
        &mut tx,
        staff,
        "admin/product/images",
        Target::new("product", id, &name),
        Some(before),
        Some(after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stores an uploaded image (resized like every catalog image) at the end
/// of the product's gallery; the first image becomes the cover.
pub async fn add_image(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    bytes: Vec<u8>,
    alt: Pair,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    super::check_pair(&mut errors, "alt", &alt, 200, false);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if bytes.is_empty() || bytes.len() > crate::catalog::db::media::MAX_IMAGE_BYTES {
        return Err(AppError::Validation(vec![FieldError::new(
            "file",
            ErrorKey::PhotoInvalid,
        )]));
    }
    let (bytes, prepared) = tokio::task::spawn_blocking(move || {
        let p = crate::catalog::db::media::prepare(&bytes);
        (bytes, p)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let prepared = prepared
        .map_err(|_| AppError::Validation(vec![FieldError::new("file", ErrorKey::PhotoInvalid)]))?;
    let mut tx = pool.begin().await?;
    sqlx::query_scalar::<_, i64>("SELECT id FROM products WHERE id = $1 FOR UPDATE")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let image_id = crate::catalog::db::media::insert_prepared(&mut tx, &bytes, &prepared).await?;
    sqlx::query(
        "INSERT INTO product_images (product_id, image_id, position, alt)
         SELECT $1, $2, COALESCE(max(position) + 1, 0), $3 FROM product_images WHERE product_id = $1
         -- The same file uploaded twice stays one picture.
         HAVING NOT COALESCE(bool_or(image_id = $2 AND variant_id IS NULL), false)",
    )
    .bind(id)
    .bind(image_id)
    .bind(label(&alt))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE products SET image_id = COALESCE(image_id, $2), updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(image_id)
    .execute(&mut *tx)
    .await?;
    let name = label_of(&mut tx, "product", id).await?;
    record(
        &mut tx,
        staff,
        "admin/upload/product-image",
        Target::new("product", id, &name),
        None,
        Some(json!({ "image_id": image_id, "sha256": prepared.sha, "alt": label(&alt) })),
    )
    .await?;
    tx.commit().await?;
    Ok(image_id)
}
