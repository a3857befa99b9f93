//! The demo data: big enough to feel real, and loading it twice changes nothing.
use sqlx::PgPool;

async fn digest(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
            SELECT 'c' || id || slug || coalesce(parent_id, 0) AS t FROM categories
            UNION ALL SELECT 'ct' || category_id || locale || name FROM category_translations
            UNION ALL SELECT 'p' || id || slug || category_id || listed || created_at FROM products
            UNION ALL SELECT 'pt' || product_id || locale || name || description FROM product_translations
            UNION ALL SELECT 'v' || sku || price_minor || currency || stock FROM product_variants
            UNION ALL SELECT 'i' || sha256 FROM images
            UNION ALL SELECT 'u' || email || role || password_hash FROM users) x",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn demo_data_is_big_enough_bilingual_and_idempotent(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let first = digest(&pool).await;
    agora_server::seed::load_demo(&pool).await.unwrap();
    assert_eq!(first, digest(&pool).await, "a second load changes nothing");

    let (top, sub): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE parent_id IS NULL), count(*) FILTER (WHERE parent_id IS NOT NULL) FROM categories",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        top >= 2 && top + sub >= 8,
        "{top} top-level, {sub} sub-categories"
    );
    let products: i64 = sqlx::query_scalar("SELECT count(*) FROM products")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(products >= 80, "{products} products");
    let untranslated: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products p WHERE (SELECT count(*) FROM product_translations t WHERE t.product_id = p.id) <> 2",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(untranslated, 0, "every product has zh-CN and en texts");
    let no_image: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE image_id IS NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(no_image, 0);
    let roles: Vec<String> = sqlx::query_scalar("SELECT DISTINCT role FROM users ORDER BY role")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(
        roles.len(),
        app::accounts::Role::ALL.len(),
        "one account per role: {roles:?}"
    );
}
