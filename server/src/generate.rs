//! `agora-server generate-catalog N`: grows the catalog to N products for
//! load tests, with three variants each, both languages (about one in a
//! hundred lacks its English text, so fallbacks are exercised), attributes,
//! pictures and search documents. Products are built from the demo catalog's
//! products in set-based SQL, ten thousand per transaction; running it again
//! only adds what is missing.
use crate::Result;
use sqlx::{PgConnection, PgPool};
use std::time::Instant;

const BATCH: i64 = 10_000;

pub async fn generate(pool: &PgPool, total: i64) -> Result<()> {
    crate::seed::load_demo(pool).await?;
    let started = Instant::now();
    let demo =
        sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM products WHERE slug NOT LIKE 'gen-%'"#)
            .fetch_one(pool)
            .await?;
    let wanted = (total - demo).max(0);
    let mut from = 1;
    while from <= wanted {
        let to = (from + BATCH - 1).min(wanted);
        let mut tx = pool.begin().await?;
        let ids = batch(&mut tx, from, to).await?;
        // Search documents read the texts and attributes written above, so
        // they are built by a statement of their own, after them.
        sqlx::query!("SELECT FROM refresh_product_search($1)", &ids[..])
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        println!(
            "products {to:>7} / {wanted} generated ({:.0?})",
            started.elapsed()
        );
        from = to + 1;
    }
    sqlx::query!("ANALYZE").execute(pool).await?;
    let count = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM products"#)
        .fetch_one(pool)
        .await?;
    println!("{count} products in {:.1?}", started.elapsed());
    Ok(())
}

/// Products numbered `from..=to` that do not exist yet, with everything
/// they carry, in one statement: `batch` says which leaf category and which
/// demo product each new product copies, `created` inserts the products,
/// and the statements after it copy the template's texts, attributes and
/// picture onto each and give it its option and three variants. Returns
/// the new products' ids.
async fn batch(tx: &mut PgConnection, from: i64, to: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar!(
        r#"WITH leaves AS (
              SELECT c.id, row_number() OVER (ORDER BY c.id) - 1 AS k, count(*) OVER () AS n
                FROM categories c
               WHERE EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id AND p.slug NOT LIKE 'gen-%')),
          templates AS (
              SELECT p.id, p.category_id, p.image_id, p.price_min_minor,
                     row_number() OVER (PARTITION BY p.category_id ORDER BY p.id) - 1 AS i,
                     count(*) OVER (PARTITION BY p.category_id) AS n
                FROM products p WHERE p.slug NOT LIKE 'gen-%' AND p.price_min_minor IS NOT NULL),
          batch AS (
              SELECT g, l.id AS category_id, t.id AS template_id, t.image_id, t.price_min_minor AS base_price
                FROM generate_series($1::bigint, $2::bigint) g
                JOIN leaves l ON l.k = g % l.n
                JOIN templates t ON t.category_id = l.id AND t.i = (g / l.n) % t.n
               WHERE NOT EXISTS (SELECT 1 FROM products x WHERE x.slug = 'gen-' || g)),
          created AS (
              INSERT INTO products (slug, category_id, image_id, listed, featured, created_at, tags, sales_count)
              SELECT 'gen-' || g, category_id, image_id, g % 50 <> 0, false,
                     timestamptz '2025-01-01 00:00:00+00' + make_interval(mins => g::int),
                     ARRAY[(ARRAY['新品','经典','限量','热卖'])[1 + g % 4], (ARRAY['new','classic','limited','bestseller'])[1 + g % 4]],
                     ((g * 7919) % 1000)::int
                FROM batch
              RETURNING id, slug),
          b AS (
              SELECT batch.g, batch.template_id, batch.image_id, batch.base_price, created.id AS product_id
                FROM batch JOIN created ON created.slug = 'gen-' || batch.g),
          translations AS (
              INSERT INTO product_translations (product_id, locale, name, description)
              SELECT b.product_id, t.locale,
                     CASE t.locale
                       WHEN 'zh-CN' THEN (ARRAY['经典','轻盈','加厚','复古','简约','户外','便携','高端','舒适','耐用','时尚','基础'])[1 + b.g % 12]
                                         || t.name || ' ' || upper(to_hex(b.g::int))
                       ELSE (ARRAY['Classic','Light','Thick','Retro','Minimal','Outdoor','Portable','Premium','Comfort','Durable','Modern','Basic'])[1 + b.g % 12]
                                         || ' ' || t.name || ' ' || upper(to_hex(b.g::int))
                     END,
                     t.description
                FROM b JOIN product_translations t ON t.product_id = b.template_id
               WHERE NOT (t.locale = 'en' AND b.g % 100 = 7)),
          attributes AS (
              INSERT INTO product_attributes (product_id, attribute_id, locale, value)
              SELECT b.product_id, pa.attribute_id, pa.locale, pa.value
                FROM b JOIN product_attributes pa ON pa.product_id = b.template_id),
          options AS (
              INSERT INTO product_options (product_id, position, name)
              SELECT product_id, 0, '{"zh-CN": "颜色", "en": "Colour"}'::jsonb FROM b),
          variants AS (
              INSERT INTO product_variants (product_id, sku, price_minor, currency, stock, position, option_values)
              SELECT b.product_id, 'GEN-' || b.g || '-' || k,
                     ((b.base_price * (70 + (b.g * 13 + k * 7) % 80) / 100) / 100) * 100 + 90,
                     'CNY',
                     CASE WHEN (b.g + k) % 11 = 0 THEN 0 ELSE ((b.g * 31 + k * 17) % 200)::int END,
                     k - 1,
                     jsonb_build_array(jsonb_build_object(
                         'zh-CN', (ARRAY['黑色','米白','藏青','雾蓝','砖红','橄榄绿'])[1 + (b.g + k) % 6],
                         'en', (ARRAY['Black','Ivory','Navy','Mist blue','Brick red','Olive'])[1 + (b.g + k) % 6]))
                FROM b, generate_series(1, 3) k),
          images AS (
              INSERT INTO product_images (product_id, image_id, position)
              SELECT product_id, image_id, 0 FROM b WHERE image_id IS NOT NULL)
         SELECT product_id AS "product_id!" FROM b"#,
        from,
        to,
    )
    .fetch_all(&mut *tx)
    .await?)
}
