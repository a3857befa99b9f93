//! Catalog SQL. Every text is read in the requested locale with a fallback
//! to the other one; only listed products are ever returned.
use super::{Category, Listing, PAGE_SIZE, ProductCard, SearchResults};
use crate::error::AppError;
use sqlx::PgPool;

type Langs = (&'static str, &'static str);

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

/// The card columns; `$1`/`$2` are the locale and its fallback.
const CARD_SELECT: &str = "
    SELECT p.id, p.slug, COALESCE(t.name, f.name, p.slug) AS name,
           v.price_minor, v.currency, v.stock > 0 AS in_stock, i.sha256 AS image
      FROM products p
      JOIN LATERAL (SELECT min(pv.price_minor) AS price_minor, min(pv.currency) AS currency,
                           sum(pv.stock) AS stock
                      FROM product_variants pv WHERE pv.product_id = p.id) v ON v.price_minor IS NOT NULL
      LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $1
      LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = $2
      LEFT JOIN images i ON i.id = p.image_id
     WHERE p.listed";

pub async fn featured(
    pool: &PgPool,
    (lang, fallback): Langs,
    limit: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let sql =
        format!("{CARD_SELECT} AND p.featured ORDER BY p.created_at DESC, p.id DESC LIMIT $3");
    Ok(sqlx::query_as::<_, ProductCard>(&sql)
        .bind(lang)
        .bind(fallback)
        .bind(limit)
        .fetch_all(pool)
        .await?)
}

/// A category with its parent, children and one page of products from the
/// category and everything below it.
pub async fn category_listing(
    pool: &PgPool,
    slug: &str,
    langs: Langs,
    page: i64,
) -> Result<Listing, AppError> {
    let all = categories(pool, langs).await?;
    let category = all
        .iter()
        .find(|c| c.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let parent = category
        .parent_id
        .and_then(|pid| all.iter().find(|c| c.id == pid).cloned());
    let children: Vec<Category> = all
        .iter()
        .filter(|c| c.parent_id == Some(category.id))
        .cloned()
        .collect();
    let mut ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    ids.push(category.id);

    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products p WHERE p.listed AND p.category_id = ANY($1)",
    )
    .bind(&ids)
    .fetch_one(pool)
    .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.min(pages);
    let sql = format!(
        "{CARD_SELECT} AND p.category_id = ANY($3) ORDER BY p.created_at DESC, p.id DESC LIMIT $4 OFFSET $5"
    );
    let products = sqlx::query_as::<_, ProductCard>(&sql)
        .bind(langs.0)
        .bind(langs.1)
        .bind(&ids)
        .bind(PAGE_SIZE)
        .bind((page - 1) * PAGE_SIZE)
        .fetch_all(pool)
        .await?;
    Ok(Listing {
        category,
        parent,
        children,
        products,
        total,
        page,
        pages,
    })
}

/// A plain substring search over product and category names in both
/// languages. (Ranked, typo-tolerant search replaces it with the search feature.)
pub async fn search(
    pool: &PgPool,
    q: &str,
    langs: Langs,
    limit: i64,
) -> Result<SearchResults, AppError> {
    let pattern = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let filter = " AND (EXISTS (SELECT 1 FROM product_translations x WHERE x.product_id = p.id AND x.name ILIKE $3)
                      OR EXISTS (SELECT 1 FROM category_translations y WHERE y.category_id = p.category_id AND y.name ILIKE $3))";
    let sql = format!("{CARD_SELECT}{filter} ORDER BY p.created_at DESC, p.id DESC LIMIT $4");
    let products = sqlx::query_as::<_, ProductCard>(&sql)
        .bind(langs.0)
        .bind(langs.1)
        .bind(&pattern)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    let total = products.len() as i64;
    Ok(SearchResults { products, total })
}
