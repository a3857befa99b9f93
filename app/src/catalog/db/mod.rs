//! Catalog SQL. Every text is read in the requested locale with a fallback
//! to the other one; only listed products are ever returned to shoppers.
mod favourites;
mod listing;
pub mod media;
mod product;
mod search;

pub use favourites::{favourite_ids, favourites, recently_viewed, remember_view, set_favourite};
pub use listing::category_view;
pub use product::product_detail;
pub use search::{SearchTerms, cache_key, log_query, search, suggest};

use super::{Category, HomeRows, ProductCard};
use crate::error::AppError;
use sqlx::PgPool;

pub type Langs = (&'static str, &'static str);

pub async fn categories(pool: &PgPool, (lang, fallback): Langs) -> Result<Vec<Category>, AppError> {
    Ok(sqlx::query_as::<_, Category>(
        "SELECT c.id, c.parent_id, c.slug, COALESCE(t.name, f.name, c.slug) AS name
           FROM categories c
           LEFT JOIN category_translations t ON t.category_id = c.id AND t.locale = $1
           LEFT JOIN category_translations f ON f.category_id = c.id AND f.locale = $2
          ORDER BY c.parent_id NULLS FIRST, c.position, c.id",
    )
    .bind(lang)
    .bind(fallback)
    .fetch_all(pool)
    .await?)
}

/// A category and every category below it, at any depth.
pub fn descendants(all: &[Category], root: i64) -> Vec<i64> {
    let mut ids = vec![root];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(
            all.iter()
                .filter(|c| c.parent_id == Some(parent))
                .map(|c| c.id),
        );
        i += 1;
    }
    ids
}

/// The path from the top level down to `id`, inclusive.
pub fn trail(all: &[Category], id: i64) -> Vec<Category> {
    let mut out = Vec::new();
    let mut cur = all.iter().find(|c| c.id == id);
    while let Some(c) = cur {
        if out.len() > 16 {
            break; // a cycle would be a data bug; never loop forever on it
        }
        out.push(c.clone());
        cur = c.parent_id.and_then(|pid| all.iter().find(|x| x.id == pid));
    }
    out.reverse();
    out
}

/// The card columns; `$1`/`$2` are the locale and its fallback. Price and
/// stock come from the figures kept on the product row.
pub(super) const CARD_SELECT: &str = "
    SELECT p.id, p.slug, COALESCE(t.name, f.name, p.slug) AS name,
           p.price_min_minor AS price_minor,
           COALESCE((SELECT pv.currency FROM product_variants pv WHERE pv.product_id = p.id
                      ORDER BY pv.price_minor LIMIT 1), 'CNY') AS currency,
           p.in_stock, i.sha256 AS image, p.rating_sum, p.rating_count
      FROM products p
      LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $1
      LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $2
      LEFT JOIN images i ON i.id = p.image_id
     WHERE p.listed AND p.price_min_minor IS NOT NULL";

/// Featured, newest and best-selling products, in one round trip.
pub async fn home_rows(
    pool: &PgPool,
    (lang, fallback): Langs,
    n: i64,
) -> Result<HomeRows, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        row: i32,
        #[sqlx(flatten)]
        card: ProductCard,
    }
    let sql = format!(
        "(SELECT 0 AS row, c.* FROM ({CARD_SELECT} AND p.featured ORDER BY p.created_at DESC, p.id DESC LIMIT $3) c)
         UNION ALL
         (SELECT 1, c.* FROM ({CARD_SELECT} ORDER BY p.created_at DESC, p.id DESC LIMIT $3) c)
         UNION ALL
         (SELECT 2, c.* FROM ({CARD_SELECT} AND p.sales_count > 0 ORDER BY p.sales_count DESC, p.id DESC LIMIT $3) c)"
    );
    let rows = sqlx::query_as::<_, Row>(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(n)
        .fetch_all(pool)
        .await?;
    let mut out = HomeRows {
        featured: vec![],
        new_arrivals: vec![],
        best_sellers: vec![],
    };
    for r in rows {
        match r.row {
            0 => out.featured.push(r.card),
            1 => out.new_arrivals.push(r.card),
            _ => out.best_sellers.push(r.card),
        }
    }
    Ok(out)
}

/// Cards for the given ids, in the given order; missing or unlisted ids drop out.
pub async fn cards_by_ids(
    pool: &PgPool,
    (lang, fallback): Langs,
    ids: &[i64],
) -> Result<Vec<ProductCard>, AppError> {
    let sql = format!("{CARD_SELECT} AND p.id = ANY($3)");
    let mut cards = sqlx::query_as::<_, ProductCard>(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(ids)
        .fetch_all(pool)
        .await?;
    cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(cards)
}

/// Every listed product's slug and last change, for the sitemap.
pub async fn sitemap_products(
    pool: &PgPool,
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, time::OffsetDateTime)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT slug, updated_at FROM products WHERE listed ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

pub async fn listed_count(pool: &PgPool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM products WHERE listed")
            .fetch_one(pool)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(id: i64, parent: Option<i64>) -> Category {
        Category {
            id,
            parent_id: parent,
            slug: format!("c{id}"),
            name: format!("C{id}"),
        }
    }

    #[test]
    fn trees_of_any_depth() {
        let all = vec![
            cat(1, None),
            cat(2, Some(1)),
            cat(3, Some(2)),
            cat(4, Some(3)),
            cat(5, None),
        ];
        assert_eq!(descendants(&all, 1), [1, 2, 3, 4]);
        assert_eq!(descendants(&all, 5), [5]);
        let path: Vec<i64> = trail(&all, 4).iter().map(|c| c.id).collect();
        assert_eq!(path, [1, 2, 3, 4]);
    }
}
