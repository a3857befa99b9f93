//! A search costs a fixed budget whatever its words match (docs/search.md),
//! on a generated catalog ten times the demo's where `care` matches nearly
//! every product: a broad search stops counting at the cap and says so, its
//! facets and pages come from what it read, a narrow one stays exact, the
//! words in a name still rank first, and the product rows one search reads
//! stay within the budget however many match.
use crate::common;

use app::catalog::db::{self, SearchBudget};
use app::catalog::{Filters, Listing, Sort};
use common::{client, spawn_with, test_config};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::collections::HashSet;

const EN: (&str, &str) = ("en", "zh-CN");
const ZH: (&str, &str) = ("zh-CN", "en");
const ZH_CATALOG: &str = include_str!("../../locales/zh-CN/catalog.json");

/// Small numbers, so that a catalog of 1,000 products goes far past them.
const BUDGET: SearchBudget = SearchBudget {
    count_cap: 100,
    ranked: 20,
    facet_sample: 50,
};

/// The demo catalog grown to 1,000 products, as `generate-catalog` does.
async fn catalog(pool: &PgPool) {
    agora_server::generate::generate(pool, 1_000).await.unwrap();
}

/// Products whose search document matches `tsquery` (in `config`),
/// counted directly, without any budget.
async fn matching(pool: &PgPool, config: &str, tsquery: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM products
          WHERE listed AND price_min_minor IS NOT NULL
            AND search_tsv @@ to_tsquery($1::regconfig, $2)",
    )
    .bind(config)
    .bind(tsquery)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn search(
    pool: &PgPool,
    q: &str,
    langs: (&'static str, &'static str),
    f: &Filters,
) -> Listing {
    db::search_within(pool, q, langs, f, BUDGET)
        .await
        .unwrap()
        .listing
}

/// `text` from locales/zh-CN/catalog.json with `{{ n }}` filled in.
fn zh(key: &str, n: &str) -> String {
    let all: serde_json::Value = serde_json::from_str(ZH_CATALOG).unwrap();
    all[key].as_str().unwrap().replace("{{ n }}", n)
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_broad_search_stops_counting_at_the_cap(pool: PgPool) {
    catalog(&pool).await;
    let all = matching(&pool, "english", "care:*").await;
    assert!(all > 5 * BUDGET.count_cap, "care matches {all}: not broad");

    let broad = search(&pool, "care", EN, &Filters::default()).await;
    assert_eq!((broad.total, broad.capped), (BUDGET.count_cap, true));
    assert_eq!((broad.page, broad.pages), (1, 5), "100 results, 24 a page");
    assert_eq!(broad.products.len(), 24);
    // Facets come from what was read: present, and never more than it.
    let categories = &broad.facets.categories;
    assert!(!categories.is_empty());
    assert!(categories.iter().all(|c| c.count > 0));
    assert!(categories.iter().map(|c| c.count).sum::<i64>() <= BUDGET.count_cap);
    assert!(broad.facets.sampled, "attribute counts come from a sample");
    assert!(!broad.facets.attributes.is_empty());
    for a in &broad.facets.attributes {
        let sum: i64 = a.values.iter().map(|v| v.count).sum();
        assert!(
            (1..=BUDGET.facet_sample).contains(&sum),
            "{}: {sum}",
            a.code
        );
    }

    // A narrow search is exact, as it was without a budget.
    let narrow_all = matching(&pool, "simple", "羽绒").await;
    assert!(
        (1..BUDGET.facet_sample).contains(&narrow_all),
        "{narrow_all}"
    );
    let narrow = search(&pool, "羽绒", ZH, &Filters::default()).await;
    assert_eq!((narrow.total, narrow.capped), (narrow_all, false));
    assert!(!narrow.facets.sampled);
    assert_eq!(
        narrow
            .facets
            .categories
            .iter()
            .map(|c| c.count)
            .sum::<i64>(),
        narrow_all
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn pages_stop_at_the_cap_and_never_overlap(pool: PgPool) {
    catalog(&pool).await;
    // Past the last page: the last page within the cap (4 products: 100 - 4 × 24).
    let f = Filters {
        page: 99,
        ..Default::default()
    };
    let last = search(&pool, "care", EN, &f).await;
    assert_eq!((last.page, last.pages, last.products.len()), (5, 5, 4));
    // Every page in relevance order, across the end of the ranked ones
    // (20, inside page 1) and of the cap: each product once, 100 in all.
    for sort in [Sort::Relevance, Sort::PriceAsc] {
        let mut seen = HashSet::new();
        for page in 1..=5 {
            let f = Filters {
                page,
                sort,
                ..Default::default()
            };
            let l = search(&pool, "care", EN, &f).await;
            assert_eq!(l.page, page);
            for p in l.products {
                assert!(seen.insert(p.id), "{sort:?}: product {} twice", p.id);
            }
        }
        assert_eq!(seen.len() as i64, BUDGET.count_cap, "{sort:?}");
    }
    // Filters narrow what was read: still "at least", and all in stock.
    let f = Filters {
        in_stock: true,
        sort: Sort::PriceAsc,
        ..Default::default()
    };
    let stocked = search(&pool, "care", EN, &f).await;
    assert!(stocked.capped && stocked.total <= BUDGET.count_cap);
    assert!(stocked.products.iter().all(|p| p.in_stock));
    assert!(
        stocked
            .products
            .windows(2)
            .all(|w| w[0].price_minor <= w[1].price_minor)
    );
}

/// A product with `name` and `description` (English), one variant in stock.
async fn add_product(pool: &PgPool, slug: &str, name: &str, description: &str, sales: i32) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, sales_count)
         SELECT $1, id, $2 FROM categories WHERE slug = 'dresses' RETURNING id",
    )
    .bind(slug)
    .bind(sales)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO product_translations (product_id, locale, name, description) VALUES ($1, 'en', $2, $3)")
        .bind(id).bind(name).bind(description).execute(pool).await.unwrap();
    sqlx::query("INSERT INTO product_variants (product_id, sku, price_minor, stock) VALUES ($1, $2, 1000, 1)")
        .bind(id).bind(slug).execute(pool).await.unwrap();
    sqlx::query("SELECT refresh_product_search(ARRAY[$1::bigint])")
        .bind(id)
        .execute(pool)
        .await
        .unwrap();
    id
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_words_in_a_name_rank_first_beyond_the_ranked_few(pool: PgPool) {
    catalog(&pool).await;
    // Thirty best sellers with the word in their description only, and one
    // product that sold nothing with it in its name: more matches than the
    // budget ranks precisely, so ranking them all by rank is not an option.
    for i in 0..30 {
        let slug = format!("brocade-desc-{i}");
        add_product(
            &pool,
            &slug,
            "Evening gown",
            "A gown trimmed with brocade.",
            900,
        )
        .await;
    }
    let named = add_product(&pool, "brocade-name", "Brocade gown", "An evening gown.", 0).await;
    let found = search(&pool, "brocade", EN, &Filters::default()).await;
    assert_eq!(found.total, 31);
    assert_eq!(found.products[0].id, named, "the name match comes first");
}

/// Rows of `products` read so far (sequential scans, and index and bitmap
/// fetches), as counted by PostgreSQL for this one-connection pool's
/// backend: its pending counts are flushed first.
async fn rows_read(one: &PgPool) -> i64 {
    sqlx::query("SELECT pg_stat_force_next_flush()")
        .execute(one)
        .await
        .unwrap();
    sqlx::query_scalar(
        "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
           FROM pg_stat_user_tables WHERE relname = 'products'",
    )
    .fetch_one(one)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn one_search_reads_a_bounded_number_of_products(pool: PgPool) {
    // Everything on one connection: the search's statements run on the
    // backend whose counts are flushed and read, and no other backend holds
    // unflushed reads of `products` (the catalog's generation, the direct
    // count) that could land in between.
    let one = PgPoolOptions::new()
        .max_connections(1)
        .connect_with((*pool.connect_options()).clone())
        .await
        .unwrap();
    catalog(&one).await;
    let all = matching(&one, "english", "care:*").await;
    // The scan reads at most the cap; the ranked few and the facet sample
    // are fetched again by address, and the page's cards by id.
    let bound = BUDGET.count_cap + BUDGET.ranked + BUDGET.facet_sample + 24;
    assert!(all > 2 * bound, "care matches {all}");
    for sort in [Sort::Relevance, Sort::Sales] {
        let f = Filters {
            sort,
            ..Default::default()
        };
        let before = rows_read(&one).await;
        let l = db::search_within(&one, "care", EN, &f, BUDGET)
            .await
            .unwrap()
            .listing;
        let read = rows_read(&one).await - before;
        assert!(l.capped);
        // At least the cap (so the counts are being seen at all), and far
        // fewer than the matches: counting them all would read every one.
        assert!(
            (BUDGET.count_cap..=bound).contains(&read),
            "{sort:?}: {read} product rows read for {all} matches (bound {bound})"
        );
    }
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_shopper_sees_the_cap_as_text(pool: PgPool) {
    catalog(&pool).await;
    let mut cfg = test_config();
    cfg.search_count_cap = 50;
    let app = spawn_with(pool, cfg).await;
    let c = client();
    let (status, body) = app.get(&c, "search?q=care&lang=en").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["listing"]["total"], 50);
    assert_eq!(body["listing"]["capped"], true);
    assert_eq!(body["listing"]["pages"], 3);

    let html = c
        .get(format!("{}/search?q=care", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&zh("products_count_capped", "50")),
        "the total as 50+"
    );
    assert!(
        html.contains(&zh("results_capped", "50")),
        "why the pages end"
    );
    assert!(
        html.contains(&zh("facet_counts_sampled", "")),
        "why no counts"
    );
    assert!(
        !html.contains(r#"class="count""#),
        "no category counts when they are not all counted"
    );
    // A narrow search is counted in full.
    let (_, narrow) = app.get(&c, "search?q=%E7%BE%BD%E7%BB%92&lang=zh-CN").await;
    assert_eq!(narrow["listing"]["capped"], false);
}

#[test]
fn the_cap_is_configured_and_refused_when_it_counts_nothing() {
    use agora_server::config::Config;
    use std::ffi::OsString;
    let with = |v: Option<&str>| {
        let v = v.map(OsString::from);
        Config::from_vars(move |name| {
            if name == "AGORA_SEARCH_COUNT_CAP" {
                v.clone()
            } else {
                None
            }
        })
    };
    let default = with(None).unwrap();
    assert_eq!(default.settings().search_count_cap, 10_000);
    assert_eq!(with(Some("250")).unwrap().settings().search_count_cap, 250);
    for bad in ["0", "-5", "many"] {
        let problems = with(Some(bad)).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("AGORA_SEARCH_COUNT_CAP")),
            "{bad}: {problems:?}"
        );
    }
}
