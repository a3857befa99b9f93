//! Back in stock and price drops on favourites (issue 18): any change to a
//! variant's stock or price notes the product's event in its own
//! transaction (a rolled-back change notes nothing), once per change; the
//! job tells each favouriting shopper once, in the inbox and, with their
//! opt-in only, by e-mail, even with two runners.
use crate::common::demo;
use app::notify::favourites::fan_out;
use sqlx::PgPool;

async fn user(pool: &PgPool, email: &str, locale: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, locale)
         VALUES ($1, 'x', 'Fan', $2) RETURNING id",
    )
    .bind(email)
    .bind(locale)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn events(pool: &PgPool, product: i64) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT kind, price_minor FROM favourite_events WHERE product_id = $1 ORDER BY id",
    )
    .bind(product)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn exec(pool: &PgPool, sql: &str, product: i64) {
    sqlx::query(sql).bind(product).execute(pool).await.unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_restock_and_a_price_drop_tell_each_fan_once(pool: PgPool) {
    demo(&pool).await;
    let product: i64 = sqlx::query_scalar(
        "SELECT p.id FROM products p JOIN product_variants v ON v.product_id = p.id
          WHERE p.listed GROUP BY p.id HAVING count(*) >= 2 ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (zh, en) = (
        user(&pool, "zh@fav.test", "zh-CN").await,
        user(&pool, "en@fav.test", "en").await,
    );
    // The English shopper opted in to promotion e-mails; the other did not.
    sqlx::query(
        "INSERT INTO notification_prefs (user_id, category, channel, enabled)
         VALUES ($1, 'promotions', 'email', true)",
    )
    .bind(en)
    .execute(&pool)
    .await
    .unwrap();
    for u in [zh, en] {
        sqlx::query("INSERT INTO favourites (user_id, product_id) VALUES ($1, $2)")
            .bind(u)
            .bind(product)
            .execute(&pool)
            .await
            .unwrap();
    }
    // Selling out is no news.
    exec(
        &pool,
        "UPDATE product_variants SET stock = 0 WHERE product_id = $1",
        product,
    )
    .await;
    assert!(events(&pool, product).await.is_empty());
    // A restock that rolls back notes nothing.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("UPDATE product_variants SET stock = 5 WHERE product_id = $1")
        .bind(product)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert!(events(&pool, product).await.is_empty());
    // Both variants back in one statement: one event; more stock on top of
    // that is no news either.
    exec(
        &pool,
        "UPDATE product_variants SET stock = 3 WHERE product_id = $1",
        product,
    )
    .await;
    exec(
        &pool,
        "UPDATE product_variants SET stock = stock + 2 WHERE product_id = $1",
        product,
    )
    .await;
    let price: i64 =
        sqlx::query_scalar("SELECT min(price_minor) FROM product_variants WHERE product_id = $1")
            .bind(product)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        events(&pool, product).await,
        [("back_in_stock".to_string(), price)]
    );
    // Cheaper: a price drop; dearer: nothing.
    exec(
        &pool,
        "UPDATE product_variants SET price_minor = price_minor - 100 WHERE product_id = $1",
        product,
    )
    .await;
    exec(
        &pool,
        "UPDATE product_variants SET price_minor = price_minor + 500 WHERE product_id = $1",
        product,
    )
    .await;
    let kinds: Vec<String> = events(&pool, product)
        .await
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(kinds, ["back_in_stock", "price_drop"]);

    // Two runners tell each fan of each event once.
    let (a, b) = tokio::join!(fan_out(&pool, 10), fan_out(&pool, 10));
    assert_eq!(a.unwrap() + b.unwrap(), 2);
    assert_eq!(fan_out(&pool, 10).await.unwrap(), 0);
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT user_id, event, channel, locale FROM outbox
          WHERE key LIKE 'favourite:%' AND user_id IN ($1, $2) ORDER BY event, user_id, channel",
    )
    .bind(zh)
    .bind(en)
    .fetch_all(&pool)
    .await
    .unwrap();
    let expected = |event: &str| {
        vec![
            (
                zh,
                event.to_string(),
                "inbox".to_string(),
                "zh-CN".to_string(),
            ),
            (en, event.to_string(), "email".to_string(), "en".to_string()),
            (en, event.to_string(), "inbox".to_string(), "en".to_string()),
        ]
    };
    let mut want = expected("favourite_back_in_stock");
    want.extend(expected("favourite_price_drop"));
    want.sort_by(|a, b| (&a.1, a.0, &a.2).cmp(&(&b.1, b.0, &b.2)));
    assert_eq!(rows, want);
    // The message names the product in the reader's language, and its price.
    let payload: serde_json::Value = sqlx::query_scalar(
        "SELECT payload FROM outbox WHERE key LIKE 'favourite:%' AND user_id = $1 LIMIT 1",
    )
    .bind(en)
    .fetch_one(&pool)
    .await
    .unwrap();
    let w = app::notify::text::write(app::notify::Event::FavouriteBackInStock, "en", &payload);
    assert!(w.subject.ends_with(" is back in stock"), "{w:?}");
    assert!(!w.subject.contains('{'), "{w:?}");
}
