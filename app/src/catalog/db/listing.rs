//! The category page's listing: filters, sorting and facets in one
//! statement however many products match. The matching products are
//! gathered once (`m`), then counted for the facets and sorted for the page,
//! all from the product row; the page's cards are then read by id. Search
//! results share the filters and facets defined here, over a bounded match
//! (`search_listing.rs`).
//!
//! This is a `QueryBuilder`, not a checked macro, because the statement's
//! shape is decided at run time: any number of attribute filters, optional
//! price, stock and rating facets, and the sort order.
use super::{Langs, cards_by_ids, categories, descendants, trail};
use crate::catalog::{
    AttributeFacet, Category, CategoryView, FacetValue, Facets, Filters, Listing, PAGE_SIZE, Sort,
};
use crate::error::AppError;
use sqlx::types::Json;
use sqlx::{PgPool, Postgres, QueryBuilder};
use std::collections::BTreeMap;

/// Most values shown per attribute facet.
const FACET_VALUES: usize = 12;

/// The matching set `m`: one row per product of the categories `ids` with
/// what the facets and the sort need.
fn push_matches<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    ids: &'a [i64],
    sub_ids: Option<&'a [i64]>,
    f: &'a Filters,
) {
    qb.push(
        "m AS MATERIALIZED (SELECT p.id, p.category_id, p.attrs, p.featured, p.sales_count,
                p.price_min_minor, p.created_at FROM products p WHERE p.category_id = ANY(",
    );
    qb.push_bind(ids);
    qb.push(") AND p.listed AND p.price_min_minor IS NOT NULL");
    push_filters(qb, sub_ids, f);
    qb.push(")");
}

/// The shopper's filters, as ` AND …` conditions on a row `p` with the
/// product row's columns (search applies them to its bounded match too).
pub(super) fn push_filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    sub_ids: Option<&'a [i64]>,
    f: &'a Filters,
) {
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
    // A value chosen in either language matches (the URL keeps the value in
    // the language it was picked in).
    for (code, value) in &f.attrs {
        qb.push(" AND EXISTS (SELECT 1 FROM attributes a, jsonb_each(p.attrs) l WHERE a.code = ");
        qb.push_bind(code.as_str());
        qb.push(" AND l.value ->> a.id::text = ");
        qb.push_bind(value.as_str());
        qb.push(")");
    }
}

/// A listing's order; for a search, every sort but relevance (which ranks
/// the words, `search_listing.rs`).
pub(super) fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => " ORDER BY featured DESC, sales_count DESC, id DESC",
        Sort::PriceAsc => " ORDER BY price_min_minor ASC, id ASC",
        Sort::PriceDesc => " ORDER BY price_min_minor DESC, id DESC",
        Sort::Newest => " ORDER BY created_at DESC, id DESC",
        Sort::Sales => " ORDER BY sales_count DESC, id DESC",
    }
}

/// How many matching products have one value of one attribute.
#[derive(serde::Deserialize)]
pub(super) struct ValueCount {
    code: String,
    /// The attribute's name, translated.
    name: String,
    value: String,
    count: i64,
}

/// The facet columns of a listing's statement: `by_category`, products per
/// category in `categories_of`, and `by_value`, products per attribute value
/// in `attrs_of` (relations with a `category_id` and an `attrs` column; the
/// locales are `$1` and `$2`).
pub(super) fn facet_columns(categories_of: &str, attrs_of: &str) -> String {
    format!(
        "(SELECT coalesce(json_agg(json_build_array(category_id, c)), '[]')
            FROM (SELECT category_id, count(*) AS c FROM {categories_of} GROUP BY category_id) x) AS by_category,
          (SELECT coalesce(json_agg(json_build_object('code', a.code,
                                                      'name', COALESCE(t.name, fb.name, a.code),
                                                      'value', v.value, 'count', v.c)
                                    ORDER BY a.code, v.c DESC, v.value), '[]')
             FROM (SELECT e.key::bigint AS attribute_id, e.value, count(*) AS c
                     FROM {attrs_of} s, jsonb_each_text(coalesce(s.attrs -> $2, '{{}}') || coalesce(s.attrs -> $1, '{{}}')) e
                    GROUP BY 1, 2) v
             JOIN attributes a ON a.id = v.attribute_id
             LEFT JOIN attribute_translations t ON t.attribute_id = a.id AND t.locale = $1
             LEFT JOIN attribute_translations fb ON fb.attribute_id = a.id AND fb.locale = $2) AS by_value"
    )
}

/// What the one statement returns: the total, the counts per category and
/// per attribute value, and the page's product ids in order.
#[derive(sqlx::FromRow)]
struct ListingRow {
    total: i64,
    page: i64,
    /// (category id, products), for the category facet.
    by_category: Json<Vec<(i64, i64)>>,
    /// By code, then count.
    by_value: Json<Vec<ValueCount>>,
    ids: Vec<i64>,
}

/// The attribute facets: values grouped by attribute (the rows come sorted
/// by code, then count), at most [`FACET_VALUES`] each.
pub(super) fn attribute_facets(by_value: Vec<ValueCount>) -> Vec<AttributeFacet> {
    let mut attributes: Vec<AttributeFacet> = Vec::new();
    for ValueCount {
        code,
        name,
        value,
        count,
    } in by_value
    {
        if attributes.last().map(|a| &a.code) != Some(&code) {
            attributes.push(AttributeFacet {
                code,
                name,
                values: vec![],
            });
        }
        if let Some(a) = attributes.last_mut()
            && a.values.len() < FACET_VALUES
        {
            a.values.push(FacetValue {
                label: value.clone(),
                value,
                count,
            });
        }
    }
    attributes
}

/// The category facet: with `facet_roots`, each root with the products
/// found at or below it; without, the categories hit directly, most first.
pub(super) fn category_facets(
    all: &[Category],
    facet_roots: Option<&[Category]>,
    by_category: Vec<(i64, i64)>,
) -> Vec<FacetValue> {
    let by_category: BTreeMap<i64, i64> = by_category.into_iter().collect();
    match facet_roots {
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
    }
}

/// The categories a sub-category filter stands for: it and everything below
/// it (none when the slug is unknown).
pub(super) fn sub_category_ids(all: &[Category], f: &Filters) -> Option<Vec<i64>> {
    f.sub.as_ref().map(|slug| {
        all.iter()
            .find(|c| &c.slug == slug)
            .map(|c| descendants(all, c.id))
            .unwrap_or_default()
    })
}

/// A page of cards plus the total and facet counts for the filtered set of
/// the categories `ids`. `all` is the category tree (already loaded by the
/// caller); `facet_roots` are the categories whose counts roll up from
/// below (the category page's children).
async fn listing(
    pool: &PgPool,
    langs: Langs,
    all: &[Category],
    ids: &[i64],
    facet_roots: &[Category],
    f: &Filters,
) -> Result<Listing, AppError> {
    let sub_ids = sub_category_ids(all, f);

    // The locales are bound first, as $1 and $2, so that the facet names
    // below can refer to them by position.
    let mut qb = QueryBuilder::<Postgres>::new("WITH langs AS (SELECT ");
    qb.push_bind(langs.0);
    qb.push("::text AS lang, ");
    qb.push_bind(langs.1);
    qb.push("::text AS fallback), ");
    push_matches(&mut qb, ids, sub_ids.as_deref(), f);
    // The requested page, clamped to the pages there are.
    qb.push(", n AS (SELECT count(*) AS total, LEAST(GREATEST(");
    qb.push_bind(f.page);
    qb.push(", 1), GREATEST((count(*) + ");
    qb.push_bind(PAGE_SIZE - 1);
    qb.push(") / ");
    qb.push_bind(PAGE_SIZE);
    qb.push(", 1)) AS page FROM m), page AS (SELECT id, row_number() OVER (");
    qb.push(order_by(f.sort));
    qb.push(") AS ord FROM m");
    qb.push(order_by(f.sort));
    qb.push(" LIMIT ");
    qb.push_bind(PAGE_SIZE);
    qb.push(" OFFSET (SELECT (page - 1) * ");
    qb.push_bind(PAGE_SIZE);
    qb.push(
        " FROM n))
        SELECT n.total, n.page, ",
    );
    qb.push(facet_columns("m", "m"));
    qb.push(", ARRAY(SELECT id FROM page ORDER BY ord) AS ids FROM n");
    let row: ListingRow = qb.build_query_as().fetch_one(pool).await?;
    let products = cards_by_ids(pool, langs, &row.ids).await?;

    let pages = ((row.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    Ok(Listing {
        products,
        total: row.total,
        page: row.page,
        pages,
        capped: false,
        facets: Facets {
            categories: category_facets(all, Some(facet_roots), row.by_category.0),
            attributes: attribute_facets(row.by_value.0),
            sampled: false,
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
    let listing = listing(pool, langs, &all, &own, &children, &f).await?;
    Ok(CategoryView {
        category,
        trail: path,
        listing,
    })
}
