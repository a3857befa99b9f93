//! A search's listing at a fixed cost, whatever its words match
//! (docs/search.md). A category page reads its own products; a search for a
//! common word could read the whole catalog, and once it did: counting,
//! ranking and faceting every match made `care` (97,003 matches at 100,000
//! products) cost 685 ms. Now one statement reads at most
//! [`SearchBudget::count_cap`] matches, in the text index's order, and
//! everything else works on those:
//! - the total is exact up to the cap; at the cap it is "at least" (`capped`);
//! - filters narrow those matches, and pages stop at the last of them;
//! - relevance ranks [`SearchBudget::ranked`] of them precisely
//!   (`ts_rank_cd`): the best by a cheap order, the words in the product's
//!   name first, then best sellers; the rest follow in that cheap order;
//! - category counts are over all of them, attribute counts over the first
//!   [`SearchBudget::facet_sample`] (`Facets::sampled` when that is not all).
//!
//! A search that matches fewer products than the budget's numbers gets
//! exactly what the unbounded listing gave.
use super::listing::{
    ValueCount, attribute_facets, category_facets, facet_columns, order_by, push_filters,
    sub_category_ids,
};
use super::{Langs, SearchTerms, cards_by_ids};
use crate::catalog::{Category, Facets, Filters, Listing, PAGE_SIZE, Sort};
use crate::error::AppError;
use sqlx::types::Json;
use sqlx::{PgPool, Postgres, QueryBuilder};

/// How much of its matches one search reads, counts and ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchBudget {
    /// Most products matching the words that are read: filters, sorting,
    /// counts and pages cover these; when there may be more, the total shows
    /// as "N+" (`AGORA_SEARCH_COUNT_CAP`).
    pub count_cap: i64,
    /// Most of them ranked by `ts_rank_cd` for the relevance order.
    pub ranked: i64,
    /// Most of them whose attribute values are counted for the facets.
    pub facet_sample: i64,
}

impl SearchBudget {
    /// About 20 pages ranked precisely: ranking costs a few microseconds a
    /// product, five times what reading it costs.
    const RANKED: i64 = 500;
    /// Counting attribute values (two JSON objects a product) costs about
    /// twice what reading a product does.
    const FACET_SAMPLE: i64 = 1_000;

    /// The budget for a count cap of `count_cap` (at least 1); what is
    /// ranked and sampled stays within it.
    pub fn with_count_cap(count_cap: i64) -> Self {
        let count_cap = count_cap.max(1);
        SearchBudget {
            count_cap,
            ranked: Self::RANKED.min(count_cap),
            facet_sample: Self::FACET_SAMPLE.min(count_cap),
        }
    }
}

impl Default for SearchBudget {
    fn default() -> Self {
        Self::with_count_cap(crate::server::DEFAULT_SEARCH_COUNT_CAP)
    }
}

/// What the statement returns: the total (and whether it stopped at the
/// cap), the clamped page, the facet counts and the page's product ids.
#[derive(sqlx::FromRow)]
struct SearchRow {
    total: i64,
    capped: bool,
    page: i64,
    by_category: Json<Vec<(i64, i64)>>,
    by_value: Json<Vec<ValueCount>>,
    ids: Vec<i64>,
}

/// `q`, the words as tsqueries, and `scan`, at most `count_cap` matching
/// products with what the filters, facets and sorts need. `q` is
/// materialised so the planner cannot see the words: it then always reads
/// the text index and stops at the limit, where with the words in sight it
/// chose a sequential scan for a common word and read past 40,000 rows to
/// find 10,000 matches. The row's address (`tid`) lets the ranking and the
/// facet sample fetch the few wide columns they need afterwards.
fn push_scan(
    qb: &mut QueryBuilder<'_, Postgres>,
    terms: &SearchTerms,
    f: &Filters,
    budget: SearchBudget,
) {
    let relevance = f.sort == Sort::Relevance;
    qb.push("q AS MATERIALIZED (SELECT ");
    terms.push_tsquery(qb);
    qb.push(" AS tsq");
    if relevance {
        qb.push(", ");
        terms.push_name_tsquery(qb);
        qb.push(" AS names");
    }
    qb.push(
        "), scan AS MATERIALIZED (SELECT p.ctid AS tid, p.id, p.category_id, p.sales_count,
                p.price_min_minor, p.created_at, p.in_stock, p.rating_sum, p.rating_count",
    );
    if !f.attrs.is_empty() {
        qb.push(", p.attrs");
    }
    if relevance {
        // Whether every word is in the name: as cheap as the match itself.
        qb.push(", p.search_tsv @@ q.names AS name_hit");
    }
    qb.push(
        " FROM q, products p
          WHERE p.search_tsv @@ q.tsq AND p.listed AND p.price_min_minor IS NOT NULL
          LIMIT ",
    );
    qb.push_bind(budget.count_cap);
    qb.push(")");
}

/// The page's ids in relevance order: the `ranked` best by the cheap order
/// (name, sales) in the order of their rank, then sales, as an unbounded
/// search ranks them; then the rest in the cheap order. A page among the
/// ranked ones takes nothing from the rest (its `LIMIT` is 0).
fn push_relevance_ids(qb: &mut QueryBuilder<'_, Postgres>, ranked: i64) {
    qb.push(
        "ARRAY(SELECT id FROM (
            (SELECT 0 AS part, id, rank, NULL::boolean AS name_hit, sales_count FROM ranked
              ORDER BY rank DESC, sales_count DESC, id DESC
              LIMIT ",
    );
    qb.push_bind(PAGE_SIZE);
    qb.push(
        " OFFSET (SELECT skip FROM at))
            UNION ALL
            (SELECT 1, id, NULL::real, name_hit, sales_count FROM m
              ORDER BY name_hit DESC, sales_count DESC, id DESC
              LIMIT (SELECT LEAST(",
    );
    qb.push_bind(PAGE_SIZE);
    qb.push(", GREATEST(skip + ");
    qb.push_bind(PAGE_SIZE);
    qb.push(" - ");
    qb.push_bind(ranked);
    qb.push(", 0)) FROM at) OFFSET (SELECT GREATEST(skip, ");
    qb.push_bind(ranked);
    qb.push(
        ") FROM at))) x
          ORDER BY part, rank DESC, name_hit DESC, sales_count DESC, id DESC) AS ids",
    );
}

/// The search's listing: see the module's documentation. `all` is the
/// category tree (already loaded by the caller).
pub(super) async fn search_listing(
    pool: &PgPool,
    langs: Langs,
    all: &[Category],
    terms: &SearchTerms,
    f: &Filters,
    budget: SearchBudget,
) -> Result<Listing, AppError> {
    let sub_ids = sub_category_ids(all, f);
    // The locales are bound first, as $1 and $2, for the facet names.
    let mut qb = QueryBuilder::<Postgres>::new("WITH langs AS (SELECT ");
    qb.push_bind(langs.0);
    qb.push("::text AS lang, ");
    qb.push_bind(langs.1);
    qb.push("::text AS fallback), ");
    push_scan(&mut qb, terms, f, budget);
    // Unfiltered, `m` is `scan` itself rather than a copy of it.
    qb.push(if f.narrows() {
        ", m AS MATERIALIZED (SELECT * FROM scan p WHERE true"
    } else {
        ", m AS NOT MATERIALIZED (SELECT * FROM scan p WHERE true"
    });
    push_filters(&mut qb, sub_ids.as_deref(), f);
    // The requested page, clamped to the pages there are; `capped` when the
    // scan stopped at its limit, so more may match.
    qb.push("), n AS (SELECT count(*) AS total, (SELECT count(*) FROM scan) >= ");
    qb.push_bind(budget.count_cap);
    qb.push(" AS capped FROM m), at AS (SELECT total, capped, page, (page - 1) * ");
    qb.push_bind(PAGE_SIZE);
    qb.push(" AS skip FROM (SELECT total, capped, LEAST(GREATEST(");
    qb.push_bind(f.page);
    qb.push(", 1), GREATEST((total + ");
    qb.push_bind(PAGE_SIZE - 1);
    qb.push(") / ");
    qb.push_bind(PAGE_SIZE);
    qb.push(", 1)) AS page FROM n) x)");
    if f.sort == Sort::Relevance {
        qb.push(
            ", ranked AS (SELECT c.id, c.sales_count, ts_rank_cd(p.search_tsv, q.tsq) AS rank
                 FROM (SELECT tid, id, name_hit, sales_count FROM m
                        ORDER BY name_hit DESC, sales_count DESC, id DESC LIMIT ",
        );
        qb.push_bind(budget.ranked);
        qb.push(") c JOIN products p ON p.ctid = c.tid, q)");
    }
    qb.push(", sample AS (SELECT p.attrs FROM (SELECT tid FROM m LIMIT ");
    qb.push_bind(budget.facet_sample);
    qb.push(") s JOIN products p ON p.ctid = s.tid) SELECT at.total, at.capped, at.page, ");
    qb.push(facet_columns("m", "sample"));
    qb.push(", ");
    if f.sort == Sort::Relevance {
        push_relevance_ids(&mut qb, budget.ranked);
    } else {
        let order = order_by(f.sort);
        qb.push("ARRAY(SELECT id FROM (SELECT id, price_min_minor, created_at, sales_count FROM m");
        qb.push(order);
        qb.push(" LIMIT ");
        qb.push_bind(PAGE_SIZE);
        qb.push(" OFFSET (SELECT skip FROM at)) x");
        qb.push(order);
        qb.push(") AS ids");
    }
    qb.push(" FROM at");
    let row: SearchRow = qb.build_query_as().fetch_one(pool).await?;
    let products = cards_by_ids(pool, langs, &row.ids).await?;
    let pages = ((row.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    Ok(Listing {
        products,
        total: row.total,
        page: row.page,
        pages,
        capped: row.capped,
        facets: Facets {
            categories: category_facets(all, None, row.by_category.0),
            attributes: attribute_facets(row.by_value.0),
            sampled: row.capped || row.total > budget.facet_sample,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::SearchBudget;

    #[test]
    fn what_is_ranked_and_sampled_stays_within_the_cap() {
        let b = SearchBudget::default();
        assert_eq!(b.count_cap, 10_000);
        assert!(b.ranked <= b.count_cap && b.facet_sample <= b.count_cap);
        let small = SearchBudget::with_count_cap(30);
        assert_eq!(
            (small.count_cap, small.ranked, small.facet_sample),
            (30, 30, 30)
        );
        assert_eq!(SearchBudget::with_count_cap(0).count_cap, 1);
    }
}
