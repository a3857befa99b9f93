//! The product page in a fixed number of queries: the product, the category
//! tree, variants with options, the gallery, attributes, reviews and
//! related products.
use super::{Langs, cards_by_ids, categories, trail};
use crate::catalog::{GalleryImage, ProductDetail, Variant};
use crate::error::AppError;
use crate::reviews::ReviewStatus;
use serde_json::Value;
use sqlx::PgPool;
use time::OffsetDateTime;

/// A `{"zh-CN": …, "en": …}` label in the wanted locale, else the other.
fn label(v: &Value, (lang, fallback): Langs) -> String {
    [lang, fallback]
        .iter()
        .find_map(|l| v.get(l).and_then(Value::as_str).filter(|s| !s.is_empty()))
        .unwrap_or_default()
        .to_string()
}

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
    /// The same category's best sellers, for the "related" row.
    related: Vec<i64>,
}

struct VariantRow {
    id: i64,
    sku: String,
    price_minor: i64,
    currency: String,
    stock: i32,
    option_values: Value,
    /// `[[level, price_minor], …]`, lowest level first.
    member: Value,
}

struct ImageRow {
    sha256: String,
    alt: Value,
    variant_id: Option<i64>,
}

struct AttributeRow {
    code: String,
    name: String,
    value: String,
}

async fn head(pool: &PgPool, slug: &str, (lang, fallback): Langs) -> Result<Head, AppError> {
    sqlx::query_as!(
        Head,
        r#"SELECT p.id, p.slug, COALESCE(t.name, f.name, p.slug) AS "name!",
                  COALESCE(NULLIF(t.description, ''), f.description, '') AS "description!",
                  p.category_id, p.tags, p.rating_sum, p.rating_count,
                  COALESCE((SELECT jsonb_agg(o.name ORDER BY o.position) FROM product_options o
                             WHERE o.product_id = p.id), '[]') AS "options!",
                  ARRAY(SELECT (SELECT count(*) FROM reviews r
                                 WHERE r.product_id = p.id AND r.status = $4 AND r.rating = s)
                          FROM generate_series(1, 5) s ORDER BY s) AS "stars!",
                  ARRAY(SELECT x.id FROM products x
                         WHERE x.listed AND x.price_min_minor IS NOT NULL
                           AND x.category_id = p.category_id AND x.id <> p.id
                         ORDER BY x.sales_count DESC, x.id DESC LIMIT 8) AS "related!"
             FROM products p
             LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2
             LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $3
            WHERE p.slug = $1 AND p.listed"#,
        slug,
        lang,
        fallback,
        ReviewStatus::Published as ReviewStatus,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The running sales (限时折扣) in `currency`, so the page shows the price
/// the cart will charge.
async fn sales(
    pool: &PgPool,
    now: OffsetDateTime,
    currency: &str,
    langs: Langs,
) -> Result<Vec<crate::promotions::engine::Rule>, AppError> {
    let mut conn = pool.acquire().await?;
    Ok(crate::promotions::db::rules(
        &mut conn,
        now,
        currency,
        None,
        &crate::promotions::db::Buyer::default(),
        langs,
    )
    .await?
    .0
    .into_iter()
    .filter(|r| r.kind() == crate::promotions::PromotionKind::Sale)
    .collect())
}

/// The product's attributes in display order, each once, its value in the
/// wanted locale when there is one.
async fn attributes(
    pool: &PgPool,
    product_id: i64,
    (lang, fallback): Langs,
) -> Result<Vec<AttributeRow>, AppError> {
    Ok(sqlx::query_as!(
        AttributeRow,
        r#"SELECT DISTINCT ON (a.position, a.id) a.code, COALESCE(t.name, f.name, a.code) AS "name!", pa.value
             FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id
             LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = $2
             LEFT JOIN attribute_translations f ON f.attribute_id = a.id AND f.locale = $3
            WHERE pa.product_id = $1
            ORDER BY a.position, a.id, pa.locale = $2 DESC"#,
        product_id,
        lang,
        fallback,
    )
    .fetch_all(pool)
    .await?)
}

/// The product page; `now` decides which sales are running.
pub async fn product_detail(
    pool: &PgPool,
    slug: &str,
    langs: Langs,
    now: OffsetDateTime,
) -> Result<ProductDetail, AppError> {
    let head = head(pool, slug, langs).await?;
    let all = categories(pool, langs).await?;

    let variants = sqlx::query_as!(
        VariantRow,
        // Member prices ride along (one statement for the page's variants).
        r#"SELECT v.id, v.sku, v.price_minor, v.currency, v.stock, v.option_values,
                  COALESCE((SELECT jsonb_agg(jsonb_build_array(mp.level, mp.price_minor)
                                             ORDER BY ml.rank)
                              FROM member_prices mp JOIN member_levels ml ON ml.level = mp.level
                             WHERE mp.variant_id = v.id), '[]'::jsonb) AS "member!"
             FROM product_variants v WHERE v.product_id = $1 ORDER BY v.position, v.id"#,
        head.id,
    )
    .fetch_all(pool)
    .await?;

    // The breadcrumb trail is also every category a sale may name.
    let trail = trail(&all, head.category_id);
    let category_ids: Vec<i64> = trail.iter().map(|c| c.id).collect();
    let currency = variants
        .first()
        .map(|v| v.currency.clone())
        .unwrap_or_else(|| "CNY".into());
    let sales = sales(pool, now, &currency, langs).await?;

    let images = sqlx::query_as!(
        ImageRow,
        "SELECT i.sha256, pi.alt, pi.variant_id
           FROM product_images pi JOIN images i ON i.id = pi.image_id
          WHERE pi.product_id = $1 ORDER BY pi.position, pi.id",
        head.id,
    )
    .fetch_all(pool)
    .await?;

    let attributes = attributes(pool, head.id, langs).await?;

    let reviews = crate::reviews::db::list(pool, head.id, None, 0).await?;
    let mut stars = [0i64; 5];
    for (slot, n) in stars.iter_mut().zip(&head.stars) {
        *slot = *n;
    }
    let related = cards_by_ids(pool, langs, &head.related).await?;

    let options = head
        .options
        .as_array()
        .map(|a| a.iter().map(|o| label(o, langs)).collect())
        .unwrap_or_default();
    let locale = crate::ui::kit::locale_for(langs.0);
    let variants = variants
        .into_iter()
        .map(|v| {
            let line = crate::promotions::engine::Line {
                variant_id: v.id,
                product_id: head.id,
                category_ids: category_ids.clone(),
                unit_minor: v.price_minor,
                qty: 1,
                member_unit_minor: None,
            };
            let sale = crate::promotions::engine::best_sale(&sales, &line, now.unix_timestamp());
            Variant {
                id: v.id,
                sku: v.sku,
                price_minor: v.price_minor,
                currency: v.currency,
                stock: v.stock,
                options: v
                    .option_values
                    .as_array()
                    .map(|a| a.iter().map(|o| label(o, langs)).collect())
                    .unwrap_or_default(),
                sale_price_minor: sale.map(|(off, _)| v.price_minor - off),
                sale_label: sale.map(|(_, r)| r.label.clone()),
                member_prices: member_prices(locale, &v.member)
                    .into_iter()
                    .filter(|(_, p)| *p < v.price_minor - sale.map_or(0, |(off, _)| off))
                    .collect(),
            }
        })
        .collect();
    Ok(ProductDetail {
        id: head.id,
        slug: head.slug,
        name: head.name,
        description: head.description,
        trail,
        tags: head.tags,
        brand: attributes
            .iter()
            .find(|a| a.code == "brand")
            .map(|a| a.value.clone()),
        attributes: attributes.into_iter().map(|a| (a.name, a.value)).collect(),
        options,
        variants,
        images: images
            .into_iter()
            .map(|i| GalleryImage {
                sha: i.sha256,
                alt: label(&i.alt, langs),
                variant_id: i.variant_id,
            })
            .collect(),
        rating_sum: head.rating_sum,
        rating_count: head.rating_count,
        stars,
        reviews,
        related,
    })
}

/// A variant's member prices (`[[level, price_minor], …]`, lowest level
/// first) as names in `locale` ("Gold member price") and prices. A level
/// pays the lowest price of its own and the levels below (the engine's
/// rule 1), so a higher level's price that is not lower still is left out:
/// it would show a price that level never pays.
fn member_prices(locale: crate::i18n::Locale, member: &Value) -> Vec<(String, i64)> {
    use crate::i18n::*;
    use crate::loyalty::levels::MemberLevel;
    let mut lowest = i64::MAX;
    member
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            let level = MemberLevel::parse(pair.get(0)?.as_str()?)?;
            let price = pair.get(1)?.as_i64()?.min(lowest);
            if price == lowest {
                return None;
            }
            lowest = price;
            let level = crate::loyalty::level_name(locale, level);
            let name = td_string!(locale, loyalty.member_price, level = level).to_string();
            Some((name, price))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_higher_level_shows_only_a_lower_price() {
        let zh = crate::i18n::Locale::zh_CN;
        let prices = |v| {
            member_prices(zh, &v)
                .into_iter()
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
        };
        let rising = serde_json::json!([["gold", 8300], ["vip", 11800]]);
        assert_eq!(prices(rising), [8300], "VIP pays gold's ¥83");
        let falling = serde_json::json!([["silver", 9000], ["gold", 9000], ["vip", 8500]]);
        assert_eq!(prices(falling), [9000, 8500]);
        let named = member_prices(zh, &serde_json::json!([["vip", 100]]));
        assert!(named[0].0.contains("VIP"), "{named:?}");
    }

    #[test]
    fn labels_fall_back() {
        let v = serde_json::json!({"zh-CN": "黑色", "en": ""});
        assert_eq!(label(&v, ("en", "zh-CN")), "黑色");
        assert_eq!(label(&v, ("zh-CN", "en")), "黑色");
        assert_eq!(label(&serde_json::json!({}), ("en", "zh-CN")), "");
    }
}
