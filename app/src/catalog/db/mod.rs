//! Catalog SQL. Every text is read in the requested locale with a fallback
//! to the other one; only listed products are ever returned to shoppers.
mod favourites;
mod listing;
mod product;
mod search;
mod search_listing;

pub use favourites::{favourite_ids, favourites, recently_viewed, remember_view, set_favourite};
pub use listing::category_view;
pub use product::product_detail;
pub use search::{SearchTerms, cache_key, log_query, search, search_within, suggest};
pub use search_listing::SearchBudget;

use super::{Category, HomeRows, ProductCard};
use crate::error::AppError;
use sqlx::PgPool;

pub type Langs = (&'static str, &'static str);

pub async fn categories(pool: &PgPool, (lang, fallback): Langs) -> Result<Vec<Category>, AppError> {
    Ok(sqlx::query_as!(
        Category,
        r#"SELECT c.id, c.parent_id, c.slug, COALESCE(t.name, f.name, c.slug) AS "name!"
             FROM categories c
             LEFT JOIN category_translations t ON t.category_id = c.id AND t.locale = $1
             LEFT JOIN category_translations f ON f.category_id = c.id AND f.locale = $2
            ORDER BY c.parent_id NULLS FIRST, c.position, c.id"#,
        lang,
        fallback,
    )
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

/// The cards of `ids`, in no particular order; unlisted products and
/// products without a price drop out. This is the one statement that reads
/// cards: every list (home rows, favourites, related products, listings)
/// first picks its product ids, then reads their cards here.
async fn card_rows(
    pool: &PgPool,
    (lang, fallback): Langs,
    ids: &[i64],
) -> Result<Vec<ProductCard>, AppError> {
    // Price and stock come from the figures kept on the product row.
    Ok(sqlx::query_as!(
        ProductCard,
        r#"SELECT p.id, p.slug, COALESCE(t.name, f.name, p.slug) AS "name!",
                  p.price_min_minor AS "price_minor!",
                  COALESCE((SELECT pv.currency FROM product_variants pv WHERE pv.product_id = p.id
                             ORDER BY pv.price_minor LIMIT 1), 'CNY') AS "currency!",
                  p.in_stock, i.sha256 AS "image?", p.rating_sum, p.rating_count
             FROM products p
             LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $1
             LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $2
             LEFT JOIN images i ON i.id = p.image_id
            WHERE p.listed AND p.price_min_minor IS NOT NULL AND p.id = ANY($3)"#,
        lang,
        fallback,
        ids,
    )
    .fetch_all(pool)
    .await?)
}

/// `cards` in the order of `ids`, each once; ids without a card drop out.
fn in_order(cards: &[ProductCard], ids: &[i64]) -> Vec<ProductCard> {
    let mut out: Vec<ProductCard> = Vec::with_capacity(ids.len());
    for id in ids {
        if out.iter().any(|c| c.id == *id) {
            continue;
        }
        if let Some(card) = cards.iter().find(|c| c.id == *id) {
            out.push(card.clone());
        }
    }
    out
}

/// Featured, newest and best-selling products.
pub async fn home_rows(pool: &PgPool, langs: Langs, n: i64) -> Result<HomeRows, AppError> {
    let picks = sqlx::query!(
        r#"SELECT ARRAY(SELECT p.id FROM products p
                         WHERE p.listed AND p.price_min_minor IS NOT NULL AND p.featured
                         ORDER BY p.created_at DESC, p.id DESC LIMIT $1) AS "featured!",
                  ARRAY(SELECT p.id FROM products p
                         WHERE p.listed AND p.price_min_minor IS NOT NULL
                         ORDER BY p.created_at DESC, p.id DESC LIMIT $1) AS "new_arrivals!",
                  ARRAY(SELECT p.id FROM products p
                         WHERE p.listed AND p.price_min_minor IS NOT NULL AND p.sales_count > 0
                         ORDER BY p.sales_count DESC, p.id DESC LIMIT $1) AS "best_sellers!""#,
        n,
    )
    .fetch_one(pool)
    .await?;
    let all: Vec<i64> = [&picks.featured, &picks.new_arrivals, &picks.best_sellers]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let cards = card_rows(pool, langs, &all).await?;
    Ok(HomeRows {
        featured: in_order(&cards, &picks.featured),
        new_arrivals: in_order(&cards, &picks.new_arrivals),
        best_sellers: in_order(&cards, &picks.best_sellers),
    })
}

/// Cards for the given ids, in the given order; missing or unlisted ids drop out.
pub async fn cards_by_ids(
    pool: &PgPool,
    langs: Langs,
    ids: &[i64],
) -> Result<Vec<ProductCard>, AppError> {
    let cards = card_rows(pool, langs, ids).await?;
    Ok(in_order(&cards, ids))
}

/// Every listed product's slug and last change, for the sitemap.
pub async fn sitemap_products(
    pool: &PgPool,
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, time::OffsetDateTime)>, AppError> {
    let rows = sqlx::query!(
        "SELECT slug, updated_at FROM products WHERE listed ORDER BY id LIMIT $1 OFFSET $2",
        limit,
        offset,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.updated_at)).collect())
}

pub async fn listed_count(pool: &PgPool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM products WHERE listed"#)
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
