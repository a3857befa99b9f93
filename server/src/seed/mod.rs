//! Demo data: the bilingual catalog and one account per role. Loading runs in
//! one transaction and only inserts what is missing, so loading twice changes
//! nothing (and edits made since are kept).
mod art;
mod data;

pub use data::{CATALOG, DEMO_PASSWORD, DEMO_USERS};

use crate::Result;
use app::server::hash_password;
use sqlx::{PgPool, Postgres, Transaction};

type Tx<'a> = Transaction<'a, Postgres>;

/// Price multipliers (percent) for the five products of a sub-category.
const PRICE_STEPS: [i64; 5] = [100, 130, 80, 160, 70];

pub async fn load_demo(pool: &PgPool) -> Result<()> {
    let mut tx = pool.begin().await?;
    // Two instances starting at once load the demo one after the other.
    sqlx::query("SELECT pg_advisory_xact_lock(72420001)")
        .execute(&mut *tx)
        .await?;
    let mut product_no = 0i64;
    for (di, dept) in CATALOG.iter().enumerate() {
        let dept_id = category(&mut tx, None, dept.slug, di, dept.zh, dept.en).await?;
        for (li, leaf) in dept.leaves.iter().enumerate() {
            let leaf_id = category(&mut tx, Some(dept_id), leaf.slug, li, leaf.zh, leaf.en).await?;
            for (pi, (zh, en)) in leaf.products.iter().enumerate() {
                product_no += 1;
                let slug = format!("{}-{}", leaf.slug, pi + 1);
                let price = (leaf.base_price * PRICE_STEPS[pi] / 100 / 1000) * 1000 + 900;
                product(
                    &mut tx,
                    &slug,
                    leaf_id,
                    dept.slug,
                    product_no,
                    price,
                    (zh, en),
                )
                .await?;
            }
        }
    }
    for (email, name, role) in DEMO_USERS {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS(SELECT 1 FROM users WHERE lower(email) = $1)")
                .bind(email)
                .fetch_one(&mut *tx)
                .await?;
        if !exists {
            let hash = hash_password(DEMO_PASSWORD.to_string())
                .await
                .map_err(|e| e.to_string())?;
            sqlx::query("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)")
                .bind(email)
                .bind(hash.as_str())
                .bind(name)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    tracing::info!(products = product_no, "demo data loaded");
    Ok(())
}

async fn category(
    tx: &mut Tx<'_>,
    parent: Option<i64>,
    slug: &str,
    position: usize,
    zh: &str,
    en: &str,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "WITH ins AS (INSERT INTO categories (parent_id, slug, position) VALUES ($1, $2, $3)
                      ON CONFLICT (slug) DO NOTHING RETURNING id)
         SELECT id FROM ins UNION ALL SELECT id FROM categories WHERE slug = $2 LIMIT 1",
    )
    .bind(parent)
    .bind(slug)
    .bind(position as i32)
    .fetch_one(&mut **tx)
    .await?;
    for (locale, name) in [("zh-CN", zh), ("en", en)] {
        sqlx::query(
            "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(locale)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

async fn product(
    tx: &mut Tx<'_>,
    slug: &str,
    category_id: i64,
    department: &str,
    n: i64,
    price: i64,
    (zh, en): (&str, &str),
) -> Result<()> {
    let (svg, hash) = art::product_svg(department, slug);
    let image_id: i64 = sqlx::query_scalar(
        "WITH ins AS (INSERT INTO images (sha256, content_type, width, height, bytes)
                      VALUES ($1, 'image/svg+xml', 640, 640, $2) ON CONFLICT (sha256) DO NOTHING RETURNING id)
         SELECT id FROM ins UNION ALL SELECT id FROM images WHERE sha256 = $1 LIMIT 1",
    )
    .bind(&hash)
    .bind(&svg)
    .fetch_one(&mut **tx)
    .await?;
    // Fixed creation times keep "newest first" stable between loads.
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, image_id, featured, created_at)
         VALUES ($1, $2, $3, $4, timestamptz '2026-10-01 00:00:00+00' + make_interval(hours => $5::int))
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(slug)
    .bind(category_id)
    .bind(image_id)
    .bind(n % 4 == 1)
    .bind(n as i32)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = inserted else { return Ok(()) };
    let texts = [
        (
            "zh-CN",
            zh.to_string(),
            format!("{zh}：精选用料，做工细致，日常使用舒适耐用。"),
        ),
        (
            "en",
            en.to_string(),
            format!("{en}: well-chosen materials and careful workmanship, made for everyday use."),
        ),
    ];
    for (locale, name, description) in texts {
        sqlx::query("INSERT INTO product_translations (product_id, locale, name, description) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(locale)
            .bind(name)
            .bind(description)
            .execute(&mut **tx)
            .await?;
    }
    // Every ninth product is sold out, so shoppers see both states.
    let stock = if n % 9 == 0 {
        0
    } else {
        5 + (n * 37 % 120) as i32
    };
    for (i, (suffix, pct)) in [("std", 100), ("plus", 120)].into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_variants (product_id, sku, price_minor, currency, stock, position)
             VALUES ($1, $2, $3, 'CNY', $4, $5)",
        )
        .bind(id)
        .bind(format!("{slug}-{suffix}").to_uppercase())
        .bind(price * pct / 100)
        .bind(stock / (i as i32 + 1))
        .bind(i as i32)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
