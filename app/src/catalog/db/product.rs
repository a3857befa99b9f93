//! The product page in a fixed number of queries: the product, the category
//! tree, variants with options, the gallery, attributes, reviews and
//! related products.
use super::{CARD_SELECT, Langs, categories, trail};
use crate::catalog::{GalleryImage, ProductCard, ProductDetail, Variant};
use crate::error::AppError;
use serde_json::Value;
use sqlx::PgPool;

/// A `{"zh-CN": …, "en": …}` label in the wanted locale, else the other.
fn label(v: &Value, (lang, fallback): Langs) -> String {
    [lang, fallback]
        .iter()
        .find_map(|l| v.get(l).and_then(Value::as_str).filter(|s| !s.is_empty()))
        .unwrap_or_default()
        .to_string()
}

#[derive(sqlx::FromRow)]
struct Head {
    id: i64,
    slug: String,
    name: String,
    description: String,
    category_id: i64,
    tags: Vec<String>,
    rating_sum: i32,
    rating_count: i32,
    options: Value,
    stars: Vec<i64>,
}

pub async fn product_detail(
    pool: &PgPool,
    slug: &str,
    langs: Langs,
) -> Result<ProductDetail, AppError> {
    let (lang, fallback) = langs;
    let head: Head = sqlx::query_as(
        "SELECT p.id, p.slug, COALESCE(t.name, f.name, p.slug) AS name,
                COALESCE(NULLIF(t.description, ''), f.description, '') AS description,
                p.category_id, p.tags, p.rating_sum, p.rating_count,
                COALESCE((SELECT jsonb_agg(o.name ORDER BY o.position) FROM product_options o
                           WHERE o.product_id = p.id), '[]') AS options,
                ARRAY(SELECT (SELECT count(*) FROM reviews r
                               WHERE r.product_id = p.id AND r.status = 'published' AND r.rating = s)
                        FROM generate_series(1, 5) s ORDER BY s) AS stars
           FROM products p
           LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2
           LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $3
          WHERE p.slug = $1 AND p.listed",
    )
    .bind(slug)
    .bind(lang)
    .bind(fallback)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;

    let all = categories(pool, langs).await?;

    let variants: Vec<(i64, String, i64, String, i32, Value)> = sqlx::query_as(
        "SELECT id, sku, price_minor, currency, stock, option_values
           FROM product_variants WHERE product_id = $1 ORDER BY position, id",
    )
    .bind(head.id)
    .fetch_all(pool)
    .await?;

    // Running sales, so the page shows the price the cart will charge.
    // The breadcrumb trail is also every category a sale may name.
    let trail = trail(&all, head.category_id);
    let category_ids: Vec<i64> = trail.iter().map(|c| c.id).collect();
    let currency = variants
        .first()
        .map(|v| v.3.clone())
        .unwrap_or_else(|| "CNY".into());
    let sales: Vec<crate::promotions::engine::Rule> = {
        let mut conn = pool.acquire().await?;
        crate::promotions::db::rules(
            &mut conn,
            &currency,
            None,
            &crate::promotions::db::Buyer::default(),
            langs,
        )
        .await?
        .0
        .into_iter()
        .filter(|r| r.kind == crate::promotions::PromotionKind::Sale)
        .collect()
    };
    let now = crate::cart::db::now_unix();

    let images: Vec<(String, Value, Option<i64>)> = sqlx::query_as(
        "SELECT i.sha256, pi.alt, pi.variant_id
           FROM product_images pi JOIN images i ON i.id = pi.image_id
          WHERE pi.product_id = $1 ORDER BY pi.position, pi.id",
    )
    .bind(head.id)
    .fetch_all(pool)
    .await?;

    let attributes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT ON (a.position, a.id) a.code, COALESCE(t.name, f.name, a.code), pa.value
           FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id
           LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = $2
           LEFT JOIN attribute_translations f ON f.attribute_id = a.id AND f.locale = $3
          WHERE pa.product_id = $1
          ORDER BY a.position, a.id, pa.locale = $2 DESC",
    )
    .bind(head.id)
    .bind(lang)
    .bind(fallback)
    .fetch_all(pool)
    .await?;

    let reviews = crate::reviews::db::list(pool, head.id, None, 0).await?;
    let mut stars = [0i64; 5];
    for (slot, n) in stars.iter_mut().zip(&head.stars) {
        *slot = *n;
    }

    // Related: the same category first, best sellers first.
    let sql = format!(
        "{CARD_SELECT} AND p.category_id = $3 AND p.id <> $4
          ORDER BY p.sales_count DESC, p.id DESC LIMIT 8"
    );
    let related: Vec<ProductCard> = sqlx::query_as(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(head.category_id)
        .bind(head.id)
        .fetch_all(pool)
        .await?;

    let options = head
        .options
        .as_array()
        .map(|a| a.iter().map(|o| label(o, langs)).collect())
        .unwrap_or_default();
    Ok(ProductDetail {
        id: head.id,
        slug: head.slug,
        name: head.name,
        description: head.description,
        trail,
        tags: head.tags,
        brand: attributes
            .iter()
            .find(|(code, _, _)| code == "brand")
            .map(|(_, _, v)| v.clone()),
        attributes: attributes.into_iter().map(|(_, k, v)| (k, v)).collect(),
        options,
        variants: variants
            .into_iter()
            .map(|(id, sku, price_minor, currency, stock, opts)| {
                let line = crate::promotions::engine::Line {
                    variant_id: id,
                    product_id: head.id,
                    category_ids: category_ids.clone(),
                    unit_minor: price_minor,
                    qty: 1,
                };
                let sale = crate::promotions::engine::best_sale(&sales, &line, now);
                Variant {
                    id,
                    sku,
                    price_minor,
                    currency,
                    stock,
                    options: opts
                        .as_array()
                        .map(|a| a.iter().map(|o| label(o, langs)).collect())
                        .unwrap_or_default(),
                    sale_price_minor: sale.map(|(off, _)| price_minor - off),
                    sale_label: sale.map(|(_, r)| r.label.clone()),
                }
            })
            .collect(),
        images: images
            .into_iter()
            .map(|(sha, alt, variant_id)| GalleryImage {
                sha,
                alt: label(&alt, langs),
                variant_id,
            })
            .collect(),
        rating_sum: head.rating_sum,
        rating_count: head.rating_count,
        stars,
        reviews,
        related,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back() {
        let v = serde_json::json!({"zh-CN": "黑色", "en": ""});
        assert_eq!(label(&v, ("en", "zh-CN")), "黑色");
        assert_eq!(label(&v, ("zh-CN", "en")), "黑色");
        assert_eq!(label(&serde_json::json!({}), ("en", "zh-CN")), "");
    }
}
