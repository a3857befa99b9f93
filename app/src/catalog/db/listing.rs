//! One builder for every product listing (category pages and search): the
//! same filters, sorting and facets, always in three queries regardless of
//! how many products match.
use super::{CARD_SELECT, Langs, SearchTerms, categories, descendants, trail};
use crate::catalog::{
    AttributeFacet, Category, CategoryView, FacetValue, Facets, Filters, Listing, PAGE_SIZE,
    ProductCard, Sort,
};
use crate::error::AppError;
use sqlx::{PgPool, Postgres, QueryBuilder};
use std::collections::BTreeMap;

/// Which products a listing starts from.
pub enum Scope<'a> {
    Categories(Vec<i64>),
    Search(&'a SearchTerms),
}

/// Most values shown per attribute facet.
const FACET_VALUES: usize = 12;

/// `FROM … WHERE …` for the filtered set, with `p` as the product alias and,
/// for searches, `m.rank` available.
fn push_from_where<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    scope: &'a Scope<'a>,
    sub_ids: Option<&'a [i64]>,
    f: &'a Filters,
) {
    match scope {
        Scope::Categories(ids) => {
            qb.push(" FROM products p WHERE p.listed AND p.price_min_minor IS NOT NULL AND p.category_id = ANY(");
            qb.push_bind(ids.as_slice());
            qb.push(")");
        }
        Scope::Search(terms) => {
            qb.push(" FROM products p JOIN (SELECT ps.product_id, ts_rank_cd(ps.tsv, q.tsq) AS rank FROM product_search ps, (SELECT ");
            terms.push_tsquery(qb);
            qb.push(" AS tsq) q WHERE ps.tsv @@ q.tsq) m ON m.product_id = p.id WHERE p.listed AND p.price_min_minor IS NOT NULL");
        }
    }
    if let Some(ids) = sub_ids {
        qb.push(" AND p.category_id = ANY(");
        qb.push_bind(ids);
        qb.push(")");
    }
    if let Some(min) = f.min_price {
        qb.push(" AND p.price_min_minor >= ");
        qb.push_bind(min);
    }
    if let Some(max) = f.max_price {
        qb.push(" AND p.price_min_minor <= ");
        qb.push_bind(max);
    }
    if f.in_stock {
        qb.push(" AND p.in_stock");
    }
    if let Some(r) = f.rating {
        qb.push(" AND p.rating_count > 0 AND p.rating_sum >= p.rating_count * ");
        qb.push_bind(i32::from(r));
    }
    for (code, value) in &f.attrs {
        qb.push(" AND EXISTS (SELECT 1 FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id WHERE pa.product_id = p.id AND a.code = ");
        qb.push_bind(code.as_str());
        qb.push(" AND pa.value = ");
        qb.push_bind(value.as_str());
        qb.push(")");
    }
}

fn order_by(sort: Sort, searching: bool) -> &'static str {
    match sort {
        Sort::Relevance if searching => " ORDER BY m.rank DESC, p.sales_count DESC, p.id DESC",
        Sort::Relevance => " ORDER BY p.featured DESC, p.sales_count DESC, p.id DESC",
        Sort::PriceAsc => " ORDER BY p.price_min_minor ASC, p.id ASC",
        Sort::PriceDesc => " ORDER BY p.price_min_minor DESC, p.id DESC",
        Sort::Newest => " ORDER BY p.created_at DESC, p.id DESC",
        Sort::Sales => " ORDER BY p.sales_count DESC, p.id DESC",
    }
}

#[derive(sqlx::FromRow)]
struct FacetRow {
    kind: String,
    code: Option<String>,
    label: Option<String>,
    value: Option<String>,
    n: i64,
}

/// A page of cards plus the total and facet counts for the filtered set.
/// `all` is the category tree (already loaded by the caller); `facet_roots`
/// are the categories whose counts roll up from below (a category page's
/// children); `None` means count the categories hit directly (search).
pub async fn listing(
    pool: &PgPool,
    langs: Langs,
    all: &[Category],
    scope: Scope<'_>,
    facet_roots: Option<&[Category]>,
    f: &Filters,
) -> Result<Listing, AppError> {
    let searching = matches!(scope, Scope::Search(_));
    let sub_ids: Option<Vec<i64>> = f.sub.as_ref().map(|slug| {
        all.iter()
            .find(|c| &c.slug == slug)
            .map(|c| descendants(all, c.id))
            .unwrap_or_default()
    });

    // Query 1: total and facets over the whole filtered set.
    let mut qb = QueryBuilder::<Postgres>::new("WITH base AS (SELECT p.id, p.category_id");
    push_from_where(&mut qb, &scope, sub_ids.as_deref(), f);
    qb.push("), vals AS (SELECT DISTINCT ON (pa.product_id, pa.attribute_id) pa.attribute_id, pa.value FROM base JOIN product_attributes pa ON pa.product_id = base.id ORDER BY pa.product_id, pa.attribute_id, pa.locale = ");
    qb.push_bind(langs.0);
    qb.push(
        " DESC)
        SELECT 'total' AS kind, NULL AS code, NULL AS label, NULL AS value, count(*) AS n FROM base
        UNION ALL
        SELECT 'cat', NULL, NULL, category_id::text, count(*) FROM base GROUP BY category_id
        UNION ALL
        SELECT 'attr', a.code, COALESCE(t.name, fb.name, a.code), v.value, count(*)
          FROM vals v JOIN attributes a ON a.id = v.attribute_id
          LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = ",
    );
    qb.push_bind(langs.0);
    qb.push(" LEFT JOIN attribute_translations fb ON fb.attribute_id = a.id AND fb.locale = ");
    qb.push_bind(langs.1);
    qb.push(" GROUP BY a.code, a.position, t.name, fb.name, v.value ORDER BY 1, 2, 5 DESC, 4");
    let rows: Vec<FacetRow> = qb.build_query_as().fetch_all(pool).await?;

    let mut total = 0;
    let mut by_category: BTreeMap<i64, i64> = BTreeMap::new();
    let mut attributes: Vec<AttributeFacet> = Vec::new();
    for r in rows {
        match r.kind.as_str() {
            "total" => total = r.n,
            "cat" => {
                if let Some(id) = r.value.and_then(|v| v.parse().ok()) {
                    by_category.insert(id, r.n);
                }
            }
            _ => {
                let (Some(code), Some(value)) = (r.code, r.value) else {
                    continue;
                };
                if attributes.last().map(|a| &a.code) != Some(&code) {
                    attributes.push(AttributeFacet {
                        code: code.clone(),
                        name: r.label.unwrap_or_default(),
                        values: vec![],
                    });
                }
                if let Some(a) = attributes.last_mut()
                    && a.values.len() < FACET_VALUES
                {
                    a.values.push(FacetValue {
                        label: value.clone(),
                        value,
                        count: r.n,
                    });
                }
            }
        }
    }
    let category_facets = match facet_roots {
        Some(roots) => roots
            .iter()
            .map(|c| FacetValue {
                value: c.slug.clone(),
                label: c.name.clone(),
                count: descendants(all, c.id)
                    .iter()
                    .filter_map(|id| by_category.get(id))
                    .sum(),
            })
            .filter(|v| v.count > 0)
            .collect(),
        None => {
            let mut v: Vec<FacetValue> = by_category
                .iter()
                .filter_map(|(id, n)| {
                    all.iter().find(|c| c.id == *id).map(|c| FacetValue {
                        value: c.slug.clone(),
                        label: c.name.clone(),
                        count: *n,
                    })
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
            v.truncate(FACET_VALUES);
            v
        }
    };

    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = f.page.clamp(1, pages);

    // Query 2: one page of cards.
    let mut qb = QueryBuilder::<Postgres>::new("WITH page AS (SELECT p.id, row_number() OVER (");
    qb.push(order_by(f.sort, searching));
    qb.push(") AS ord");
    push_from_where(&mut qb, &scope, sub_ids.as_deref(), f);
    qb.push(order_by(f.sort, searching));
    qb.push(" LIMIT ");
    qb.push_bind(PAGE_SIZE);
    qb.push(" OFFSET ");
    qb.push_bind((page - 1) * PAGE_SIZE);
    // The card columns refer to $1/$2 by position, so bind the locales as the
    // card query's own parameters after the filter's.
    qb.push(") SELECT c.* FROM page JOIN LATERAL (");
    let card = CARD_SELECT
        .replace("$1", "{lang}")
        .replace("$2", "{fallback}");
    let (head, rest) = card.split_once("{lang}").unwrap_or((&card, ""));
    let (mid, tail) = rest.split_once("{fallback}").unwrap_or((rest, ""));
    qb.push(head);
    qb.push_bind(langs.0);
    qb.push(mid);
    qb.push_bind(langs.1);
    qb.push(tail);
    qb.push(" AND p.id = page.id) c ON true ORDER BY page.ord");
    let products: Vec<ProductCard> = qb.build_query_as().fetch_all(pool).await?;

    Ok(Listing {
        products,
        total,
        page,
        pages,
        facets: Facets {
            categories: category_facets,
            attributes,
        },
    })
}

/// A category page: the category, its trail, and its filtered listing.
pub async fn category_view(
    pool: &PgPool,
    slug: &str,
    langs: Langs,
    f: &Filters,
) -> Result<CategoryView, AppError> {
    let all = categories(pool, langs).await?;
    let category = all
        .iter()
        .find(|c| c.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let mut path = trail(&all, category.id);
    path.pop();
    let children: Vec<Category> = all
        .iter()
        .filter(|c| c.parent_id == Some(category.id))
        .cloned()
        .collect();
    // A sub-category filter must lie below this category.
    let mut f = f.clone();
    let own = descendants(&all, category.id);
    if let Some(sub) = &f.sub
        && !all
            .iter()
            .any(|c| &c.slug == sub && own.contains(&c.id) && c.id != category.id)
    {
        f.sub = None;
    }
    let listing = listing(
        pool,
        langs,
        &all,
        Scope::Categories(own),
        Some(&children),
        &f,
    )
    .await?;
    Ok(CategoryView {
        category,
        trail: path,
        listing,
    })
}
