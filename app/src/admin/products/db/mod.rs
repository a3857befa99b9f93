//! Product SQL for the back office.
mod csv;
mod save;

pub use csv::{export, import};
pub use save::{save, write};

use super::{
    AttributeValue, Choice, ImageEdit, PRODUCTS_PAGE_SIZE, Pair, ProductEditor, ProductForm,
    ProductList, ProductRow, VariantForm,
};
use crate::admin::components::minor_to_input;
use crate::audit::{AuditAction, Snapshot, Target, audited, label_of};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::media::{ImageSize, image_url};
use crate::server::Staff;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

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
    let rows = sqlx::query_as!(
        ListRow,
        r#"SELECT p.id, p.slug,
                  COALESCE((SELECT name FROM product_translations t
                             WHERE t.product_id = p.id AND t.locale = 'zh-CN'), p.slug) AS "name!",
                  COALESCE((SELECT name FROM category_translations t
                             WHERE t.category_id = p.category_id AND t.locale = 'zh-CN'), '') AS "category!",
                  p.price_min_minor,
                  (SELECT COALESCE(sum(stock), 0) FROM product_variants v WHERE v.product_id = p.id)::bigint AS "stock!",
                  (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id) AS "variants!",
                  p.listed, i.sha256 AS "sha?"
             FROM products p LEFT JOIN images i ON i.id = p.image_id
            WHERE $1 = '' OR p.slug ILIKE $2
               OR EXISTS (SELECT 1 FROM product_translations t WHERE t.product_id = p.id AND t.name ILIKE $2)
               OR EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.sku ILIKE $2)
            ORDER BY p.id DESC
            LIMIT $3 OFFSET $4"#,
        q,
        crate::text::like_pattern(q),
        PRODUCTS_PAGE_SIZE + 1,
        page * PRODUCTS_PAGE_SIZE,
    )
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

struct TextRow {
    locale: String,
    name: String,
    description: String,
}

struct VariantRow {
    id: i64,
    sku: String,
    price_minor: i64,
    stock: i32,
    safety_stock: i32,
    option_values: Value,
}

struct AttributeRow {
    attribute_id: i64,
    locale: String,
    value: String,
}

/// Attribute values by attribute, from one row per attribute and locale.
fn attribute_values(rows: Vec<AttributeRow>) -> Vec<AttributeValue> {
    let mut attributes: Vec<AttributeValue> = Vec::new();
    for r in rows {
        let i = match attributes
            .iter()
            .position(|a| a.attribute_id == r.attribute_id)
        {
            Some(i) => i,
            None => {
                attributes.push(AttributeValue {
                    attribute_id: r.attribute_id,
                    value: Pair::default(),
                });
                attributes.len() - 1
            }
        };
        if r.locale == "zh-CN" {
            attributes[i].value.zh = r.value;
        } else {
            attributes[i].value.en = r.value;
        }
    }
    attributes
}

/// The product as the editor shows it (and as the audit log records it).
pub async fn load_form(conn: &mut PgConnection, id: i64) -> Result<ProductForm, AppError> {
    let head = sqlx::query!(
        "SELECT slug, category_id, tags, listed, featured FROM products WHERE id = $1",
        id,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let texts = sqlx::query_as!(
        TextRow,
        "SELECT locale, name, description FROM product_translations WHERE product_id = $1",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let text = |locale: &str| texts.iter().find(|t| t.locale == locale);
    let name = |locale: &str| text(locale).map(|t| t.name.clone()).unwrap_or_default();
    let description = |locale: &str| {
        text(locale)
            .map(|t| t.description.clone())
            .unwrap_or_default()
    };
    let options = sqlx::query_scalar!(
        "SELECT name FROM product_options WHERE product_id = $1 ORDER BY position",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let variants = sqlx::query_as!(
        VariantRow,
        "SELECT id, sku, price_minor, stock, safety_stock, option_values FROM product_variants
          WHERE product_id = $1 ORDER BY position, id",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let attributes = sqlx::query_as!(
        AttributeRow,
        "SELECT attribute_id, locale, value FROM product_attributes WHERE product_id = $1
          ORDER BY attribute_id, locale",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(ProductForm {
        id: Some(id),
        slug: head.slug,
        category_id: head.category_id,
        name: Pair {
            zh: name("zh-CN"),
            en: name("en"),
        },
        description: Pair {
            zh: description("zh-CN"),
            en: description("en"),
        },
        tags: head.tags.join(", "),
        listed: head.listed,
        featured: head.featured,
        options: options.iter().map(pair_of).collect(),
        variants: variants
            .into_iter()
            .map(|v| VariantForm {
                id: Some(v.id),
                sku: v.sku,
                price: minor_to_input(v.price_minor),
                stock: v.stock,
                safety_stock: v.safety_stock,
                values: v
                    .option_values
                    .as_array()
                    .map(|a| a.iter().map(pair_of).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        attributes: attribute_values(attributes),
    })
}

async fn images(pool: &PgPool, id: i64) -> Result<Vec<ImageEdit>, AppError> {
    let rows = sqlx::query!(
        "SELECT pi.image_id, i.sha256, pi.alt FROM product_images pi JOIN images i ON i.id = pi.image_id
          WHERE pi.product_id = $1 AND pi.variant_id IS NULL ORDER BY pi.position, pi.id",
        id,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ImageEdit {
            image_id: r.image_id,
            url: image_url(&r.sha256, ImageSize::Thumb, true),
            alt: pair_of(&r.alt),
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
    let attributes = sqlx::query_as!(
        Choice,
        r#"SELECT a.id, COALESCE(t.name, a.code) AS "label!" FROM attributes a
             LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = 'zh-CN'
            ORDER BY a.position, a.id"#,
    )
    .fetch_all(pool)
    .await?;
    Ok(ProductEditor {
        form,
        images,
        categories,
        attributes,
    })
}

/// Locks a product's row; false when there is no such product.
pub(super) async fn lock_product(conn: &mut PgConnection, id: i64) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar!("SELECT id FROM products WHERE id = $1 FOR UPDATE", id)
            .fetch_optional(conn)
            .await?
            .is_some(),
    )
}

/// How the audit log names a product: its id and its name now.
async fn product_target(conn: &mut PgConnection, id: i64) -> Result<Target, AppError> {
    Ok(Target::new(
        "product",
        id,
        label_of(conn, "product", id).await?,
    ))
}

/// Whether a product is listed (locked), as the listing entries record it.
async fn listed_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let listed = sqlx::query_scalar!("SELECT listed FROM products WHERE id = $1 FOR UPDATE", id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(listed) = listed else {
        return Ok(None);
    };
    Ok(Some(Snapshot {
        target: product_target(conn, id).await?,
        state: json!({ "listed": listed }),
    }))
}

pub async fn set_listed(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    listed: bool,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::ProductListed,
        async |conn: &mut PgConnection, _: Option<&()>| listed_snapshot(conn, id).await,
        async |conn: &mut PgConnection| {
            let done = sqlx::query!(
                "UPDATE products SET listed = $2, updated_at = now() WHERE id = $1",
                id,
                listed,
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

/// The product's own gallery (locked), as the gallery entries record it.
async fn gallery_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    if !lock_product(&mut *conn, id).await? {
        return Ok(None);
    }
    let rows = sqlx::query!(
        "SELECT image_id, alt FROM product_images WHERE product_id = $1 AND variant_id IS NULL
          ORDER BY position, id",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Snapshot {
        target: product_target(conn, id).await?,
        state: json!(
            rows.into_iter()
                .map(|r| json!({ "image_id": r.image_id, "alt": r.alt }))
                .collect::<Vec<_>>()
        ),
    }))
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
    audited(
        pool,
        staff.into(),
        AuditAction::ProductImages,
        async |conn: &mut PgConnection, _: Option<&()>| gallery_snapshot(conn, id).await,
        async |conn: &mut PgConnection| arrange_gallery(conn, id, &images).await,
    )
    .await
}

/// Keeps, orders and labels the product's own images as `images` says.
async fn arrange_gallery(
    conn: &mut PgConnection,
    id: i64,
    images: &[ImageEdit],
) -> Result<(), AppError> {
    if !lock_product(&mut *conn, id).await? {
        return Err(AppError::NotFound);
    }
    let current = sqlx::query_scalar!(
        "SELECT image_id FROM product_images WHERE product_id = $1 AND variant_id IS NULL",
        id,
    )
    .fetch_all(&mut *conn)
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
    sqlx::query!(
        "DELETE FROM product_images WHERE product_id = $1 AND variant_id IS NULL
           AND NOT (image_id = ANY($2))",
        id,
        &wanted[..],
    )
    .execute(&mut *conn)
    .await?;
    for (pos, img) in images.iter().enumerate() {
        sqlx::query!(
            "UPDATE product_images SET position = $3, alt = $4
              WHERE product_id = $1 AND image_id = $2 AND variant_id IS NULL",
            id,
            img.image_id,
            pos as i32,
            label(&img.alt),
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!(
        "UPDATE products SET image_id = $2, updated_at = now() WHERE id = $1",
        id,
        wanted.first(),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An uploaded image as its entry records it, once it is in the gallery.
async fn upload_snapshot(
    conn: &mut PgConnection,
    id: i64,
    image_id: i64,
) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        "SELECT i.sha256, pi.alt FROM product_images pi JOIN images i ON i.id = pi.image_id
          WHERE pi.product_id = $1 AND pi.image_id = $2 AND pi.variant_id IS NULL",
        id,
        image_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(Snapshot {
        target: product_target(conn, id).await?,
        state: json!({ "image_id": image_id, "sha256": row.sha256, "alt": row.alt }),
    }))
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
    if bytes.is_empty() || bytes.len() > crate::media::db::MAX_IMAGE_BYTES {
        return Err(AppError::Validation(vec![FieldError::new(
            "file",
            ErrorKey::PhotoInvalid,
        )]));
    }
    let (bytes, prepared) = tokio::task::spawn_blocking(move || {
        let p = crate::media::db::prepare(&bytes);
        (bytes, p)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let prepared = prepared
        .map_err(|_| AppError::Validation(vec![FieldError::new("file", ErrorKey::PhotoInvalid)]))?;
    audited(
        pool,
        staff.into(),
        AuditAction::UploadProductImage,
        async |conn: &mut PgConnection, added: Option<&i64>| match added {
            Some(image_id) => upload_snapshot(conn, id, *image_id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            if !lock_product(&mut *conn, id).await? {
                return Err(AppError::NotFound);
            }
            let image_id =
                crate::media::db::insert_prepared(&mut *conn, &bytes, &prepared).await?;
            sqlx::query!(
                "INSERT INTO product_images (product_id, image_id, position, alt)
                 SELECT $1, $2, COALESCE(max(position) + 1, 0), $3 FROM product_images WHERE product_id = $1
                 -- The same file uploaded twice stays one picture.
                 HAVING NOT COALESCE(bool_or(image_id = $2 AND variant_id IS NULL), false)",
                id,
                image_id,
                label(&alt),
            )
            .execute(&mut *conn)
            .await?;
            sqlx::query!(
                "UPDATE products SET image_id = COALESCE(image_id, $2), updated_at = now() WHERE id = $1",
                id,
                image_id,
            )
            .execute(conn)
            .await?;
            Ok(image_id)
        },
    )
    .await
}
