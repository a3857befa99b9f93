//! The catalog's SQL against a real PostgreSQL (a throwaway database per
//! test, migrated and loaded with the demo catalog): search ranking, Chinese
//! substrings, stemming and typos, filters and sorting, unlisted products and
//! translation fallback.
use app::catalog::db;
use app::catalog::{Filters, Sort};
use app::error::AppError;
use sqlx::PgPool;
use time::OffsetDateTime;

const ZH: (&str, &str) = ("zh-CN", "en");
const EN: (&str, &str) = ("en", "zh-CN");

async fn demo(pool: &PgPool) {
    agora_server::seed::load_demo(pool).await.unwrap();
}

async fn search_names(pool: &PgPool, q: &str, langs: (&'static str, &'static str)) -> Vec<String> {
    let r = db::search(pool, q, langs, &Filters::default())
        .await
        .unwrap();
    r.listing.products.into_iter().map(|p| p.name).collect()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn chinese_substrings_match_without_spaces(pool: PgPool) {
    demo(&pool).await;
    let names = search_names(&pool, "羽绒", ZH).await;
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().all(|n| n.contains("羽绒")), "{names:?}");
    // The middle of a word, and a single character.
    assert!(search_names(&pool, "绒服", ZH).await.len() >= 5);
    let tea = search_names(&pool, "茶", ZH).await;
    assert!(
        !tea.is_empty() && tea.iter().any(|n| n.contains('茶')),
        "{tea:?}"
    );
    assert!(
        search_names(&pool, "羽绒裤", ZH).await.is_empty(),
        "绒裤 is not in the catalog"
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn english_is_stemmed_and_typos_are_forgiven(pool: PgPool) {
    demo(&pool).await;
    // "shoe" and "shoes" find the same products (stemming).
    let shoe = search_names(&pool, "shoe", EN).await;
    let shoes = search_names(&pool, "shoes", EN).await;
    assert!(!shoe.is_empty());
    let (mut a, mut b) = (shoe.clone(), shoes.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(
        shoes.iter().all(|n| n.to_lowercase().contains("shoe")),
        "{shoes:?}"
    );

    let r = db::search(&pool, "headphnes", EN, &Filters::default())
        .await
        .unwrap();
    assert_eq!(r.corrected.as_deref(), Some("headphones"));
    assert!(r.listing.total >= 5, "{}", r.listing.total);
    assert!(
        r.listing
            .products
            .iter()
            .any(|p| p.name.to_lowercase().contains("headphones"))
    );
    // A correct word is never "corrected".
    let r = db::search(&pool, "headphones", EN, &Filters::default())
        .await
        .unwrap();
    assert_eq!(r.corrected, None);
    // Nonsense finds nothing rather than something random.
    assert_eq!(search_names(&pool, "zzqxv", EN).await.len(), 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn search_covers_both_languages_categories_and_attributes(pool: PgPool) {
    demo(&pool).await;
    // An English word while browsing in Chinese, and the other way round.
    let zh = search_names(&pool, "down jacket", ZH).await;
    assert_eq!(zh.len(), 5, "{zh:?}");
    assert!(zh.iter().all(|n| n.contains("羽绒服")));
    assert_eq!(search_names(&pool, "羽绒服", EN).await.len(), 5);
    // A category name (数码 = Electronics) finds its products.
    let cat = db::search(&pool, "数码", ZH, &Filters::default())
        .await
        .unwrap();
    assert_eq!(cat.listing.total, 20);
    // An attribute value (the brand Shanye / 山野).
    let brand = db::search(&pool, "Shanye", EN, &Filters::default())
        .await
        .unwrap();
    assert!(brand.listing.total > 0);
    let same = db::search(&pool, "山野", ZH, &Filters::default())
        .await
        .unwrap();
    assert_eq!(brand.listing.total, same.listing.total);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn names_outrank_descriptions(pool: PgPool) {
    demo(&pool).await;
    // Two new products: "brocade" in the name of one, only in the description of the other.
    let cat: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'dresses'")
        .fetch_one(&pool)
        .await
        .unwrap();
    for (slug, name, desc, sales) in [
        (
            "rank-desc",
            "Evening gown",
            "A gown trimmed with brocade.",
            900,
        ),
        ("rank-name", "Brocade gown", "An evening gown.", 0),
    ] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO products (slug, category_id, sales_count) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(slug)
        .bind(cat)
        .bind(sales)
        .fetch_one(&pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO product_translations (product_id, locale, name, description) VALUES ($1, 'en', $2, $3)")
            .bind(id).bind(name).bind(desc).execute(&pool).await.unwrap();
        sqlx::query("INSERT INTO product_variants (product_id, sku, price_minor, stock) VALUES ($1, $2, 1000, 1)")
            .bind(id).bind(slug).execute(&pool).await.unwrap();
        sqlx::query("SELECT refresh_product_search(ARRAY[$1::bigint])")
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
    }
    // Despite selling far more, the description match ranks second.
    assert_eq!(
        search_names(&pool, "brocade", EN).await,
        ["Brocade gown", "Evening gown"]
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn filters_narrow_and_sorting_orders(pool: PgPool) {
    demo(&pool).await;
    let all = db::category_view(&pool, "apparel", ZH, &Filters::default())
        .await
        .unwrap();
    assert_eq!(all.listing.total, 20);
    assert_eq!(all.listing.facets.categories.len(), 4);
    assert!(all.listing.facets.categories.iter().all(|c| c.count == 5));

    let f = Filters {
        sub: Some("sneakers".into()),
        ..Default::default()
    };
    let sub = db::category_view(&pool, "apparel", ZH, &f).await.unwrap();
    assert_eq!(sub.listing.total, 5);
    // A sub-category from elsewhere in the tree is ignored, not trusted.
    let f = Filters {
        sub: Some("coffee".into()),
        ..Default::default()
    };
    assert_eq!(
        db::category_view(&pool, "apparel", ZH, &f)
            .await
            .unwrap()
            .listing
            .total,
        20
    );

    let f = Filters {
        min_price: Some(20_000),
        max_price: Some(50_000),
        sort: Sort::PriceAsc,
        ..Default::default()
    };
    let priced = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing
        .products;
    assert!(!priced.is_empty());
    assert!(
        priced
            .iter()
            .all(|p| (20_000..=50_000).contains(&p.price_minor))
    );
    assert!(
        priced
            .windows(2)
            .all(|w| w[0].price_minor <= w[1].price_minor)
    );

    let f = Filters {
        sort: Sort::PriceDesc,
        ..Default::default()
    };
    let desc = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing
        .products;
    assert!(
        desc.windows(2)
            .all(|w| w[0].price_minor >= w[1].price_minor)
    );

    let f = Filters {
        in_stock: true,
        ..Default::default()
    };
    let stocked = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing;
    assert!(stocked.total < 20 && stocked.products.iter().all(|p| p.in_stock));

    let f = Filters {
        rating: Some(4),
        ..Default::default()
    };
    let rated = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing
        .products;
    assert!(!rated.is_empty());
    assert!(
        rated
            .iter()
            .all(|p| p.rating_count > 0 && p.rating_sum >= 4 * p.rating_count)
    );

    let brand = all
        .listing
        .facets
        .attributes
        .iter()
        .find(|a| a.code == "brand")
        .unwrap();
    let value = &brand.values[0];
    let mut f = Filters::default();
    f.attrs.insert("brand".into(), value.value.clone());
    let branded = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing;
    assert_eq!(branded.total, value.count);

    let f = Filters {
        sort: Sort::Sales,
        ..Default::default()
    };
    let ids: Vec<i64> = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing
        .products
        .iter()
        .map(|p| p.id)
        .collect();
    let sales: Vec<i32> = sqlx::query_scalar(
        "SELECT sales_count FROM products WHERE id = ANY($1) ORDER BY array_position($1, id)",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(sales.windows(2).all(|w| w[0] >= w[1]), "{sales:?}");

    let f = Filters {
        sort: Sort::Newest,
        ..Default::default()
    };
    let ids: Vec<i64> = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing
        .products
        .iter()
        .map(|p| p.id)
        .collect();
    let created: Vec<time::OffsetDateTime> = sqlx::query_scalar(
        "SELECT created_at FROM products WHERE id = ANY($1) ORDER BY array_position($1, id)",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(created.windows(2).all(|w| w[0] >= w[1]));

    // Search pages take the same filters.
    let f = Filters {
        in_stock: true,
        sort: Sort::PriceAsc,
        ..Default::default()
    };
    let r = db::search(&pool, "羽绒", ZH, &f)
        .await
        .unwrap()
        .listing
        .products;
    assert!(
        r.iter().all(|p| p.in_stock) && r.windows(2).all(|w| w[0].price_minor <= w[1].price_minor)
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn pages_of_results_do_not_overlap(pool: PgPool) {
    demo(&pool).await;
    let first = db::search(&pool, "数码", ZH, &Filters::default())
        .await
        .unwrap()
        .listing;
    assert_eq!(
        (first.total, first.pages, first.products.len()),
        (20, 1, 20)
    );
    let f = Filters {
        page: 9,
        ..Default::default()
    };
    let clamped = db::category_view(&pool, "apparel", ZH, &f)
        .await
        .unwrap()
        .listing;
    assert_eq!(clamped.page, 1, "a page past the end shows the last page");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn unlisted_products_stay_hidden(pool: PgPool) {
    demo(&pool).await;
    let id: i64 = sqlx::query_scalar(
        "UPDATE products SET listed = false WHERE slug = 'down-jackets-1' RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'shopper@agora.test'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(matches!(
        db::product_detail(&pool, "down-jackets-1", ZH, OffsetDateTime::now_utc()).await,
        Err(AppError::NotFound)
    ));
    let cat = db::category_view(&pool, "down-jackets", ZH, &Filters::default())
        .await
        .unwrap();
    assert_eq!(cat.listing.total, 4);
    assert!(cat.listing.products.iter().all(|p| p.id != id));
    let found = db::search(&pool, "轻薄羽绒服", ZH, &Filters::default())
        .await
        .unwrap();
    assert!(found.listing.products.iter().all(|p| p.id != id));
    assert!(
        db::suggest(&pool, "轻薄羽绒", ZH)
            .await
            .unwrap()
            .iter()
            .all(|s| s.href != "/p/down-jackets-1")
    );
    assert!(db::cards_by_ids(&pool, ZH, &[id]).await.unwrap().is_empty());
    let home = db::home_rows(&pool, ZH, 100).await.unwrap();
    assert!(
        home.featured
            .iter()
            .chain(&home.new_arrivals)
            .chain(&home.best_sellers)
            .all(|p| p.id != id)
    );
    assert!(matches!(
        db::set_favourite(&pool, user, id, true).await,
        Err(AppError::NotFound)
    ));
    let related = db::product_detail(&pool, "down-jackets-2", ZH, OffsetDateTime::now_utc())
        .await
        .unwrap()
        .related;
    assert!(related.iter().all(|p| p.id != id));
    let sitemap = db::sitemap_products(&pool, 0, 1000).await.unwrap();
    assert!(sitemap.iter().all(|(slug, _)| slug != "down-jackets-1"));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn missing_translations_fall_back_to_the_other_language(pool: PgPool) {
    demo(&pool).await;
    sqlx::query("DELETE FROM product_translations WHERE locale = 'en' AND product_id = (SELECT id FROM products WHERE slug = 'tea-1')")
        .execute(&pool).await.unwrap();
    sqlx::query("DELETE FROM category_translations WHERE locale = 'zh-CN' AND category_id = (SELECT id FROM categories WHERE slug = 'coffee')")
        .execute(&pool).await.unwrap();
    let zh_name: String = sqlx::query_scalar("SELECT name FROM product_translations WHERE locale = 'zh-CN' AND product_id = (SELECT id FROM products WHERE slug = 'tea-1')")
        .fetch_one(&pool).await.unwrap();
    let d = db::product_detail(&pool, "tea-1", EN, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(d.name, zh_name);
    assert!(!d.description.is_empty());
    // Option and attribute labels are English where they exist.
    assert_eq!(d.options, ["Colour", "Pack"]);
    assert!(d.attributes.iter().any(|(k, _)| k == "Brand"));
    let cats = db::categories(&pool, ZH).await.unwrap();
    assert_eq!(
        cats.iter().find(|c| c.slug == "coffee").unwrap().name,
        "Coffee"
    );
    let listing = db::category_view(&pool, "tea", EN, &Filters::default())
        .await
        .unwrap();
    assert!(listing.listing.products.iter().any(|p| p.name == zh_name));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn offer_figures_follow_the_variants(pool: PgPool) {
    demo(&pool).await;
    let (id, before): (i64, i64) =
        sqlx::query_as("SELECT id, price_min_minor FROM products WHERE slug = 'tea-2'")
            .fetch_one(&pool)
            .await
            .unwrap();
    sqlx::query(
        "UPDATE product_variants SET price_minor = 100 WHERE product_id = $1 AND position = 3",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    let after: i64 = sqlx::query_scalar("SELECT price_min_minor FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(before > 100);
    assert_eq!(after, 100);
    sqlx::query("UPDATE product_variants SET stock = 0 WHERE product_id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let in_stock: bool = sqlx::query_scalar("SELECT in_stock FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!in_stock);
    // Stock can never go negative.
    assert!(
        sqlx::query("UPDATE product_variants SET stock = -1 WHERE product_id = $1")
            .bind(id)
            .execute(&pool)
            .await
            .is_err()
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn favourites_and_recent_views_belong_to_their_owner(pool: PgPool) {
    demo(&pool).await;
    let users: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 2")
        .fetch_all(&pool)
        .await
        .unwrap();
    let (a, b) = (users[0], users[1]);
    let p: Vec<i64> = sqlx::query_scalar("SELECT id FROM products ORDER BY id LIMIT 25")
        .fetch_all(&pool)
        .await
        .unwrap();
    db::set_favourite(&pool, a, p[0], true).await.unwrap();
    db::set_favourite(&pool, a, p[0], true).await.unwrap(); // twice is fine
    assert_eq!(db::favourite_ids(&pool, a).await.unwrap(), [p[0]]);
    assert!(db::favourite_ids(&pool, b).await.unwrap().is_empty());
    assert_eq!(db::favourites(&pool, ZH, a).await.unwrap().len(), 1);
    db::set_favourite(&pool, a, p[0], false).await.unwrap();
    assert!(db::favourite_ids(&pool, a).await.unwrap().is_empty());
    for id in &p {
        db::remember_view(&pool, a, *id).await.unwrap();
    }
    let recent = db::recently_viewed(&pool, ZH, a).await.unwrap();
    assert_eq!(recent.len(), 20, "only the newest twenty are kept");
    assert_eq!(recent[0].id, p[24]);
    assert!(db::recently_viewed(&pool, ZH, b).await.unwrap().is_empty());
}

/// Facets and attribute filters read the copy of the attributes kept on the
/// product row (`products.attrs`); it must follow every change to
/// product_attributes, and a value picked in either language must filter.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn attribute_facets_follow_changes_and_filter_in_either_language(pool: PgPool) {
    demo(&pool).await;
    let brand_count = |listing: &app::catalog::Listing, value: &str| {
        listing
            .facets
            .attributes
            .iter()
            .find(|a| a.code == "brand")
            .and_then(|a| a.values.iter().find(|v| v.value == value))
            .map_or(0, |v| v.count)
    };
    let view = |f: Filters, langs| {
        let pool = pool.clone();
        async move {
            db::category_view(&pool, "down-jackets", langs, &f)
                .await
                .unwrap()
                .listing
        }
    };
    let before = view(Filters::default(), ZH).await;
    let shanye = brand_count(&before, "山野");
    assert!(shanye > 0, "{:?}", before.facets.attributes);

    // The same products, filtered by the Chinese and by the English value.
    let by = |v: &str| Filters {
        attrs: [("brand".to_string(), v.to_string())].into(),
        ..Default::default()
    };
    assert_eq!(view(by("山野"), ZH).await.total, shanye);
    assert_eq!(view(by("Shanye"), ZH).await.total, shanye);
    assert_eq!(view(by("山野"), EN).await.total, shanye);
    assert_eq!(
        brand_count(&view(Filters::default(), EN).await, "Shanye"),
        shanye
    );
    assert_eq!(view(by("无此品牌"), ZH).await.total, 0);

    // Renaming one product's brand moves it between facet values…
    let id: i64 = sqlx::query_scalar(
        "SELECT pa.product_id FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id
          JOIN products p ON p.id = pa.product_id
         WHERE a.code = 'brand' AND pa.value = '山野' AND p.slug LIKE 'down-jackets-%' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE product_attributes SET value = '新牌' WHERE product_id = $1 AND locale = 'zh-CN'
            AND attribute_id = (SELECT id FROM attributes WHERE code = 'brand')",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    let renamed = view(Filters::default(), ZH).await;
    assert_eq!(brand_count(&renamed, "山野"), shanye - 1);
    assert_eq!(brand_count(&renamed, "新牌"), 1);
    assert_eq!(view(by("新牌"), ZH).await.total, 1);

    // …and deleting its attributes removes it from every attribute facet,
    // while it stays in the listing.
    sqlx::query("DELETE FROM product_attributes WHERE product_id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let attrs: serde_json::Value = sqlx::query_scalar("SELECT attrs FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(attrs, serde_json::json!({}));
    let after = view(Filters::default(), ZH).await;
    assert_eq!(brand_count(&after, "新牌"), 0);
    assert_eq!(after.total, before.total);
}
