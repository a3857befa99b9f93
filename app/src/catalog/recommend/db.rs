//! The recommendations job and the rows' reads. For the job, a purchase
//! is a line not wholly cancelled of an order past payment and not
//! cancelled; for leaving out what a shopper already bought, any such line
//! of an order not cancelled (one awaiting payment too).
use super::{NeighbourKind, ProductRecs, ROW};
use crate::catalog::ProductCard;
use crate::catalog::db::{Langs, cards_by_ids};
use crate::error::AppError;
use sqlx::{PgConnection, PgExecutor, PgPool};

/// Neighbours kept per product and kind.
const KEEP: i64 = 12;

/// What the job wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    pub bought: i64,
    pub viewed: i64,
}

/// Recomputes `product_neighbours` from orders and views, replacing the
/// table in the caller's transaction. Two runners at once take turns on
/// an advisory lock, and each writes the whole table, so the result is the
/// same as one run.
pub async fn refresh(tx: &mut PgConnection) -> Result<Refreshed, AppError> {
    sqlx::query!("SELECT FROM pg_advisory_xact_lock(72420037)")
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM product_neighbours")
        .execute(&mut *tx)
        .await?;
    // Bought: the same order counts twice what the same shopper's other
    // orders within 30 days count, and one shared order pairs two
    // products. Viewed: two shoppers at least, since one shopper's
    // browsing is not a pattern. Both need a weight of 2.
    let r = sqlx::query!(
        r#"WITH lines AS (
              SELECT DISTINCT o.id AS order_id, o.user_id, o.created_at, i.product_id
                FROM orders o JOIN order_items i ON i.order_id = o.id
               WHERE o.status NOT IN ('pending_payment', 'cancelled')
                 AND i.product_id IS NOT NULL AND i.cancelled_qty < i.qty),
          pairs AS (
              SELECT 'bought' AS kind, a.product_id AS p, b.product_id AS q, 2.0::float8 AS w
                FROM lines a JOIN lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id
              UNION ALL
              SELECT 'bought', a.product_id, b.product_id, 1.0
                FROM lines a JOIN lines b ON b.user_id = a.user_id AND b.order_id <> a.order_id
                 AND b.product_id <> a.product_id
                 AND b.created_at BETWEEN a.created_at - interval '30 days' AND a.created_at + interval '30 days'
              UNION ALL
              SELECT 'viewed', a.product_id, b.product_id, 1.0
                FROM recently_viewed a JOIN recently_viewed b
                  ON b.user_id = a.user_id AND b.product_id <> a.product_id
                 AND b.viewed_at BETWEEN a.viewed_at - interval '1 day' AND a.viewed_at + interval '1 day'),
          own AS (
              SELECT 'bought' AS kind, product_id, count(*)::float8 AS n FROM lines GROUP BY product_id
              UNION ALL
              SELECT 'viewed', product_id, count(*)::float8 FROM recently_viewed GROUP BY product_id),
          ranked AS (
              SELECT x.kind, x.p, x.q, x.w / sqrt(op.n * oq.n) AS s,
                     row_number() OVER (PARTITION BY x.kind, x.p
                                        ORDER BY x.w / sqrt(op.n * oq.n) DESC, x.q) AS r
                FROM (SELECT kind, p, q, sum(w) AS w FROM pairs GROUP BY kind, p, q) x
                JOIN own op ON op.kind = x.kind AND op.product_id = x.p
                JOIN own oq ON oq.kind = x.kind AND oq.product_id = x.q
               WHERE x.w >= 2),
          written AS (
              INSERT INTO product_neighbours (product_id, kind, neighbour_id, score)
              SELECT p, kind, q, s FROM ranked WHERE r <= $1
              RETURNING kind)
        SELECT count(*) FILTER (WHERE kind = 'bought') AS "bought!",
               count(*) FILTER (WHERE kind = 'viewed') AS "viewed!"
          FROM written"#,
        KEEP,
    )
    .fetch_one(&mut *tx)
    .await?;
    let (bought, viewed) = (r.bought, r.viewed);
    Ok(Refreshed { bought, viewed })
}

/// Runs [`refresh`] in a transaction of its own (the job).
pub async fn run_job(pool: &PgPool) -> Result<Refreshed, AppError> {
    let mut tx = pool.begin().await?;
    let done = refresh(&mut tx).await?;
    tx.commit().await?;
    Ok(done)
}

/// A product's "bought together" and "also viewed" rows: listed, in stock,
/// and not already bought by `user`.
pub async fn for_product(
    pool: &PgPool,
    langs: Langs,
    product_id: i64,
    user: Option<i64>,
) -> Result<ProductRecs, AppError> {
    let rows = sqlx::query!(
        r#"SELECT n.kind AS "kind: NeighbourKind", n.neighbour_id
             FROM product_neighbours n JOIN products p ON p.id = n.neighbour_id
            WHERE n.product_id = $1 AND p.listed AND p.in_stock
              AND NOT EXISTS (SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id
                               WHERE o.user_id = $2 AND o.status <> 'cancelled'
                                 AND i.cancelled_qty < i.qty AND i.product_id = n.neighbour_id)
            ORDER BY n.score DESC, n.neighbour_id"#,
        product_id,
        user,
    )
    .fetch_all(pool)
    .await?;
    let ids = |kind| -> Vec<i64> {
        rows.iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.neighbour_id)
            .take(ROW)
            .collect()
    };
    let (bought, viewed) = (ids(NeighbourKind::Bought), ids(NeighbourKind::Viewed));
    let all: Vec<i64> = bought.iter().chain(&viewed).copied().collect();
    let cards = cards_by_ids(pool, langs, &all).await?;
    let pick = |ids: &[i64]| -> Vec<ProductCard> {
        ids.iter()
            .filter_map(|id| cards.iter().find(|c| c.id == *id).cloned())
            .collect()
    };
    Ok(ProductRecs {
        bought_together: pick(&bought),
        also_viewed: pick(&viewed),
    })
}

/// What "for you" starts from: the browser's recently viewed products and
/// categories, and the signed-in shopper whose server-side history counts.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub products: Vec<i64>,
    pub categories: Vec<i64>,
    pub user: Option<i64>,
}

/// "For you" as cards.
pub async fn for_you(
    pool: &PgPool,
    langs: Langs,
    history: &History,
    n: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let ids = for_you_ids(pool, history, n).await?;
    cards_by_ids(pool, langs, &ids).await
}

/// "For you" as product ids, best first. Each product the shopper viewed
/// (1), favoured (2) or bought (3) lends its weight to its neighbours and
/// to its category; a viewed category (and the ones below it) weighs 1.5.
/// A category's weight goes to its ten best sellers, falling with rank.
/// The shop's best sellers fill what is left, so a new visitor gets them.
/// Unlisted, sold-out and already bought products never appear.
pub async fn for_you_ids<'e>(
    db: impl PgExecutor<'e>,
    history: &History,
    n: i64,
) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"WITH RECURSIVE
          bought AS (
              SELECT DISTINCT i.product_id FROM orders o JOIN order_items i ON i.order_id = o.id
               WHERE o.user_id = $3 AND o.status <> 'cancelled' AND i.product_id IS NOT NULL
                 AND i.cancelled_qty < i.qty),
          -- Each product once per kind of signal: a signed-in shopper's
          -- views are both in the browser's list and on the server.
          mine AS (
              SELECT product_id, 1.0::float8 AS w
                FROM (SELECT unnest($1::bigint[]) AS product_id
                      UNION SELECT product_id FROM recently_viewed WHERE user_id = $3) viewed
              UNION ALL SELECT product_id, 2.0 FROM favourites WHERE user_id = $3
              UNION ALL SELECT product_id, 3.0 FROM bought),
          viewed_cats AS (
              SELECT c.id, 1.5::float8 AS w FROM categories c WHERE c.id = ANY($2)
              UNION ALL
              SELECT c.id, v.w FROM viewed_cats v JOIN categories c ON c.parent_id = v.id),
          taste AS (
              SELECT category_id, sum(w) AS w FROM (
                  SELECT p.category_id, m.w FROM mine m JOIN products p ON p.id = m.product_id
                  UNION ALL SELECT id, w FROM viewed_cats) x
               GROUP BY category_id),
          scored AS (
              SELECT nb.neighbour_id AS id, m.w * nb.score AS s
                FROM mine m JOIN product_neighbours nb ON nb.product_id = m.product_id
              UNION ALL
              SELECT top.id, t.w * 0.2 / top.r
                FROM taste t CROSS JOIN LATERAL (
                     SELECT p.id, row_number() OVER (ORDER BY p.sales_count DESC, p.id DESC) AS r
                       FROM products p
                      WHERE p.category_id = t.category_id AND p.listed AND p.in_stock
                      ORDER BY p.sales_count DESC, p.id DESC LIMIT 10) top
              UNION ALL
              SELECT top.id, 0.001 / top.r
                FROM (SELECT p.id, row_number() OVER (ORDER BY p.sales_count DESC, p.id DESC) AS r
                        FROM products p WHERE p.listed AND p.in_stock
                       ORDER BY p.sales_count DESC, p.id DESC LIMIT $4::bigint + 50) top)
        SELECT s.id AS "id!"
          FROM scored s JOIN products p ON p.id = s.id
         WHERE p.listed AND p.in_stock AND p.price_min_minor IS NOT NULL
           AND s.id NOT IN (SELECT product_id FROM bought)
         GROUP BY s.id
         ORDER BY sum(s.s) DESC, s.id DESC
         LIMIT $4::bigint"#,
        &history.products[..],
        &history.categories[..],
        history.user,
        n,
    )
    .fetch_all(db)
    .await?)
}
