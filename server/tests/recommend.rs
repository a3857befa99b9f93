//! Recommendations (issue 19) against a real database and over HTTP: the
//! job's "bought together" and "also viewed" pairs, what every list leaves
//! out (unlisted, sold out, already bought), "for you" leaning towards a
//! shopper's categories and falling back to best sellers, two job runners
//! at once, and the offline evaluation writing nothing.
use crate::common::{client, demo, fingerprint, plain_shopper, spawn};
use app::catalog::recommend::db::{History, Refreshed, for_product, for_you_ids, run_job};
use sqlx::PgPool;

const EN: (&str, &str) = ("en", "zh-CN");

/// Listed products in stock: (id, category), by id.
async fn products(pool: &PgPool) -> Vec<(i64, i64)> {
    sqlx::query_as("SELECT id, category_id FROM products WHERE listed AND in_stock ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// An order of one unit of each product, in `status`; only who bought
/// what matters to recommendations.
async fn order(pool: &PgPool, user: i64, status: &str, products: &[i64]) {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (number, user_id, idempotency_key, status, payment_method, payment_status,
                             currency, list_minor, sale_savings_minor, discount_minor, shipping_minor,
                             total_minor, shipping_method, ship_to)
         VALUES ('R' || $1, $2, 'rec-' || $1, $3, 'sandbox', 'paid', 'CNY', 0, 0, 0, 0, 0, 'standard', '{}')
         RETURNING id",
    )
    .bind(n)
    .bind(user)
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO order_items (order_id, product_id, sku, name, qty, unit_minor, sale_unit_minor,
                                  discount_minor, paid_minor)
         SELECT $1, p, 'sku', 'name', 1, 0, 0, 0, 0 FROM unnest($2::bigint[]) p",
    )
    .bind(id)
    .bind(products)
    .execute(pool)
    .await
    .unwrap();
}

async fn view(pool: &PgPool, user: i64, product: i64) {
    sqlx::query("INSERT INTO recently_viewed (user_id, product_id) VALUES ($1, $2)")
        .bind(user)
        .bind(product)
        .execute(pool)
        .await
        .unwrap();
}

async fn set(pool: &PgPool, sql: &str, id: i64) {
    sqlx::query(sql).bind(id).execute(pool).await.unwrap();
}

/// Three shoppers: two buy A with B, one buys A with D but cancels; two
/// view A and C, one views A and D. Returns the shoppers and [A, B, C, D].
async fn history(pool: &PgPool) -> ([i64; 3], [i64; 4]) {
    demo(pool).await;
    let p = products(pool).await;
    let [a, b, c, d] = [p[0].0, p[5].0, p[10].0, p[15].0];
    let mut users = [0; 3];
    for (i, u) in users.iter_mut().enumerate() {
        *u = plain_shopper(pool, &format!("rec{i}@agora.test")).await;
    }
    order(pool, users[0], "completed", &[a, b]).await;
    order(pool, users[1], "shipped", &[a, b]).await;
    order(pool, users[2], "cancelled", &[a, d]).await;
    for (u, q) in [(0, c), (1, c), (2, d)] {
        view(pool, users[u], a).await;
        view(pool, users[u], q).await;
    }
    (users, [a, b, c, d])
}

fn ids(cards: &[app::catalog::ProductCard]) -> Vec<i64> {
    cards.iter().map(|c| c.id).collect()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn pairs_come_from_orders_and_views_and_leave_out_what_cannot_be_bought(pool: PgPool) {
    let (users, [a, b, c, _d]) = history(&pool).await;
    // A cancelled order and one shopper's views make no pair.
    assert_eq!(
        run_job(&pool).await.unwrap(),
        Refreshed {
            bought: 2,
            viewed: 2
        }
    );
    let guest = for_product(&pool, EN, a, None).await.unwrap();
    assert_eq!(ids(&guest.bought_together), vec![b]);
    assert_eq!(ids(&guest.also_viewed), vec![c]);
    assert_eq!(
        ids(&for_product(&pool, EN, b, None)
            .await
            .unwrap()
            .bought_together),
        vec![a]
    );
    // The shopper who bought B is not offered it again.
    let buyer = for_product(&pool, EN, a, Some(users[0])).await.unwrap();
    assert!(buyer.bought_together.is_empty());
    assert_eq!(ids(&buyer.also_viewed), vec![c]);
    set(
        &pool,
        "UPDATE products SET in_stock = false WHERE id = $1",
        c,
    )
    .await;
    set(&pool, "UPDATE products SET listed = false WHERE id = $1", b).await;
    let after = for_product(&pool, EN, a, None).await.unwrap();
    assert!(after.bought_together.is_empty() && after.also_viewed.is_empty());
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn for_you_leans_to_the_shoppers_categories_and_falls_back_to_best_sellers(pool: PgPool) {
    demo(&pool).await;
    let best: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM products WHERE listed AND in_stock ORDER BY sales_count DESC, id DESC LIMIT 8",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let new_visitor = for_you_ids(&pool, &History::default(), 8).await.unwrap();
    assert_eq!(new_visitor, best);
    // A category none of the best sellers is in: its products come first.
    let (category, parent): (i64, i64) = sqlx::query_as(
        "SELECT c.id, c.parent_id FROM categories c JOIN products p ON p.category_id = c.id
          WHERE c.parent_id IS NOT NULL AND p.listed AND p.in_stock
            AND c.id <> ALL (SELECT category_id FROM products WHERE id = ANY($1))
          GROUP BY c.id HAVING count(*) >= 2 ORDER BY c.id LIMIT 1",
    )
    .bind(&best)
    .fetch_one(&pool)
    .await
    .unwrap();
    // Asked for a category or its parent, the first two are below it.
    for asked in [category, parent] {
        let history = History {
            categories: vec![asked],
            ..History::default()
        };
        let list = for_you_ids(&pool, &history, 8).await.unwrap();
        assert_ne!(list, best);
        let below: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM products p JOIN categories c ON c.id = p.category_id
              WHERE p.id = ANY($1) AND (c.id = $2 OR c.parent_id = $2)",
        )
        .bind(&list[..2])
        .bind(asked)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(below, 2, "{list:?} starts below category {asked}");
    }
    // Bought and sold-out products are left out; the rest still fills.
    let shopper = plain_shopper(&pool, "fy@agora.test").await;
    order(&pool, shopper, "delivered", &[best[0]]).await;
    set(
        &pool,
        "UPDATE products SET in_stock = false WHERE id = $1",
        best[1],
    )
    .await;
    let mine = History {
        user: Some(shopper),
        ..History::default()
    };
    let list = for_you_ids(&pool, &mine, 8).await.unwrap();
    assert_eq!(list.len(), 8);
    assert!(
        !list.contains(&best[0]) && !list.contains(&best[1]),
        "{list:?}"
    );
    // Their purchase leans the list to its category.
    let bought_category: i64 = sqlx::query_scalar("SELECT category_id FROM products WHERE id = $1")
        .bind(best[0])
        .fetch_one(&pool)
        .await
        .unwrap();
    let first: i64 = sqlx::query_scalar("SELECT category_id FROM products WHERE id = $1")
        .bind(list[0])
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(first, bought_category);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn two_job_runners_at_once_write_the_table_once(pool: PgPool) {
    history(&pool).await;
    let (x, y) = tokio::join!(run_job(&pool), run_job(&pool));
    assert_eq!(x.unwrap(), y.unwrap());
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM product_neighbours")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 4);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_rows_are_served_over_http_to_guests_and_shoppers(pool: PgPool) {
    let (_users, [a, b, c, _d]) = history(&pool).await;
    run_job(&pool).await.unwrap();
    let app = spawn(pool.clone()).await;
    let guest = client();
    let (status, body) = app
        .get(&guest, &format!("recs/product?product_id={a}&lang=en"))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["bought_together"][0]["id"], b);
    assert_eq!(body["also_viewed"][0]["id"], c);
    // Browser history: the viewed product's neighbour comes first.
    let (status, body) = app
        .post_json(
            &guest,
            "recs/for-you",
            serde_json::json!({"products": [b], "categories": [], "lang": "en"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body[0]["id"], a, "{body}");
    // Nonsense is refused with a message, not a panic.
    let (status, _) = app.get(&guest, "recs/product?product_id=x&lang=en").await;
    assert_eq!(status, 400);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_offline_evaluation_beats_best_sellers_and_writes_nothing(pool: PgPool) {
    // Without the demo catalog it refuses, and writes nothing either way.
    assert!(
        agora_server::recommend_eval::command(&pool, &[])
            .await
            .is_err()
    );
    demo(&pool).await;
    let before = fingerprint(&pool).await;
    let report = agora_server::recommend_eval::command(&pool, &["--shoppers", "400"])
        .await
        .unwrap();
    assert_eq!(report.shoppers, 400);
    assert!(report.orders > 400, "{report}");
    assert!(report.for_you_hits > report.best_seller_hits, "{report}");
    assert_eq!(fingerprint(&pool).await, before);
    assert!(
        agora_server::recommend_eval::command(&pool, &["--shoppers", "0"])
            .await
            .is_err()
    );
}
