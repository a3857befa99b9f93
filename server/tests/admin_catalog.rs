//! Products, categories and stock in the back office, over real HTTP:
//! the editor's save (two variants, both languages), CSV import (a good
//! file, a file with bad rows that writes nothing, a dry run), export,
//! category moves that would make a loop, stock adjustments that would go
//! negative, and stocktakes.
use crate::common;

use app::admin::products::CSV_COLUMNS;
use app::text::url_encode;
use common::{TestApp, demo, spawn, staff_client};
use serde_json::{Value, json};
use sqlx::PgPool;

async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn leaf_category(pool: &PgPool) -> (i64, String) {
    sqlx::query_as(
        "SELECT c.id, c.slug FROM categories c
          WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
          ORDER BY c.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

fn form(category: i64) -> Value {
    json!({
        "id": null, "slug": "silk-scarf-e2e", "category_id": category,
        "name": {"zh": "桑蚕丝方巾", "en": "Mulberry silk scarf"},
        "description": {"zh": "轻薄柔滑。", "en": "Light and smooth."},
        "tags": "新品, gift", "listed": false, "featured": false,
        "options": [{"zh": "颜色", "en": "Colour"}],
        "variants": [
            {"id": null, "sku": "scarf-red", "price": "129", "stock": 5, "safety_stock": 2, "values": [{"zh": "红", "en": "Red"}]},
            {"id": null, "sku": "scarf-blue", "price": "139.50", "stock": 0, "safety_stock": 1, "values": [{"zh": "蓝", "en": "Blue"}]}
        ],
        "attributes": []
    })
}

async fn editor(app: &TestApp) -> reqwest::Client {
    staff_client(app, "catalog_editor", "catalog").await
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_product_with_two_variants_is_saved_listed_and_found(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let (cat, _) = leaf_category(&pool).await;
    let (s, id) = app
        .post_json(&c, "admin/product/save", json!({"form": form(cat)}))
        .await;
    assert_eq!(s, 200, "{id}");
    let id = id.as_i64().unwrap();
    let rows: Vec<(String, i64, i32, i32)> = sqlx::query_as(
        "SELECT sku, price_minor, stock, safety_stock FROM product_variants WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("SCARF-RED".to_string(), 12900, 5, 2),
            ("SCARF-BLUE".to_string(), 13950, 0, 1)
        ]
    );
    // Opening stock is recorded as a movement; stock never set silently.
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM stock_movements WHERE reason = 'initial'"
        )
        .await,
        1
    );
    // Not listed yet: not searchable.
    let anon = common::client();
    let slugs = |found: &Value| -> Vec<String> {
        found["listing"]["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, found) = app.get(&anon, "search?lang=en&q=mulberry").await;
    assert!(
        !slugs(&found).contains(&"silk-scarf-e2e".to_string()),
        "{found}"
    );
    assert_eq!(
        app.post_json(
            &c,
            "admin/product/listed",
            json!({"id": id, "listed": true})
        )
        .await
        .0,
        200
    );
    for (lang, q) in [("en", "mulberry"), ("zh-CN", "桑蚕丝")] {
        let (_, found) = app
            .get(&anon, &format!("search?lang={lang}&q={}", url_encode(q)))
            .await;
        assert!(
            slugs(&found).contains(&"silk-scarf-e2e".to_string()),
            "{lang}: {found}"
        );
    }
    // Editing keeps the variants (and their stock), renames one, drops none.
    let (_, ed) = app.get(&c, &format!("admin/product?id={id}")).await;
    let mut f = ed["form"].clone();
    f["variants"][1]["sku"] = json!("SCARF-NAVY");
    f["variants"][0]["stock"] = json!(999);
    assert_eq!(
        app.post_json(&c, "admin/product/save", json!({"form": f}))
            .await
            .0,
        200
    );
    let skus: Vec<(String, i32)> = sqlx::query_as(
        "SELECT sku, stock FROM product_variants WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        skus,
        [("SCARF-RED".to_string(), 5), ("SCARF-NAVY".to_string(), 0)]
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn bad_product_input_is_answered_per_field_and_writes_nothing(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let (cat, _) = leaf_category(&pool).await;
    let products = scalar(&pool, "SELECT count(*) FROM products").await;
    let taken_sku: String =
        sqlx::query_scalar("SELECT sku FROM product_variants ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    let mut f = form(cat);
    f["name"]["en"] = json!("");
    f["variants"][0]["price"] = json!("12.345");
    f["variants"][1]["sku"] = json!(taken_sku);
    let (s, body) = app
        .post_json(&c, "admin/product/save", json!({"form": f}))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        common::field_key(&body, "name_en").as_deref(),
        Some("required")
    );
    assert_eq!(
        common::field_key(&body, "variants.0.price").as_deref(),
        Some("number_invalid")
    );
    // The SKU clash is found in the database once the rest is valid.
    let mut f = form(cat);
    f["variants"][1]["sku"] = json!(taken_sku);
    let (s, body) = app
        .post_json(&c, "admin/product/save", json!({"form": f}))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        common::field_key(&body, "variants.1.sku").as_deref(),
        Some("sku_taken")
    );
    assert_eq!(
        scalar(&pool, "SELECT count(*) FROM products").await,
        products
    );
    assert_eq!(scalar(&pool, "SELECT count(*) FROM audit_log").await, 0);
    // Someone else's variant id cannot be smuggled into a product.
    let other: i64 = scalar(
        &pool,
        "SELECT id FROM product_variants ORDER BY id DESC LIMIT 1",
    )
    .await;
    let mut f = form(cat);
    f["variants"][0]["id"] = json!(other);
    let before = common::fingerprint(&pool).await;
    let (s, _) = app
        .post_json(&c, "admin/product/save", json!({"form": f}))
        .await;
    assert!(s == 400 || s == 404, "{s}");
    // Whichever refusal it is, nothing was written.
    assert!(
        common::fingerprint(&pool).await == before,
        "the refused save changed the database"
    );
}

fn csv(rows: &[&str]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.push('\n');
    out
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn csv_import_dry_run_good_file_and_bad_rows(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let (_, cat) = leaf_category(&pool).await;
    let good = csv(&[
        &format!(
            "wool-hat,{cat},羊毛帽,Wool hat,保暖。,Warm.,\"冬季, winter\",true,HAT-GREY,88,10,2,颜色,Colour,灰,Grey"
        ),
        "wool-hat,,,,,,,,HAT-BLACK,88.00,4,2,,,黑,Black",
        &format!("linen-bag,{cat},亚麻包,Linen bag,,,,false,BAG-1,59.9,0,0,,,,"),
    ]);
    let count = || async { scalar(&pool, "SELECT count(*) FROM products").await };
    let before = count().await;

    // Dry run: the report says what would happen; nothing is written.
    let (s, r) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": good, "dry_run": true}),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["problems"], json!([]), "{r}");
    assert_eq!(
        (
            r["products_created"].as_i64(),
            r["variants_created"].as_i64(),
            r["written"].as_bool()
        ),
        (Some(2), Some(3), Some(false))
    );
    assert_eq!(count().await, before);
    assert_eq!(scalar(&pool, "SELECT count(*) FROM audit_log").await, 0);

    // The same file for real.
    let (s, r) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": good, "dry_run": false}),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["written"], true, "{r}");
    assert_eq!(count().await, before + 2);
    let hat: (bool, Vec<String>, i64) = sqlx::query_as(
        "SELECT p.listed, p.tags, (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id)
           FROM products p WHERE slug = 'wool-hat'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        hat,
        (true, vec!["冬季".to_string(), "winter".to_string()], 2)
    );
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM audit_log WHERE action = 'admin/products/import'"
        )
        .await,
        2
    );

    // Bad rows: every one reported with its line and column; nothing written,
    // not even the good row before them.
    let bad = csv(&[
        &format!("scarf-ok,{cat},围巾,Scarf,,,,true,SCARF-OK,10,1,0,,,,"),
        "bad slug!,nowhere,名,Name,,,,true,X-1,10,1,0,,,,",
        &format!("price-bad,{cat},价格,,,,,maybe,P-1,12.345,-1,0,,,,"),
        &format!("dupe,{cat},重复,Dupe,,,,true,HAT-GREY,10,1,0,,,,"),
    ]);
    let (s, r) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": bad, "dry_run": false}),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["written"], false);
    let problems: Vec<(i64, String, String)> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_i64().unwrap(),
                p["column"].as_str().unwrap().to_string(),
                p["error"]["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        (3, "product_slug", "required"),
        (4, "listed", "number_invalid"),
        (4, "name_en", "required"),
        (4, "price", "number_invalid"),
        (4, "stock", "number_invalid"),
        (5, "sku", "sku_taken"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| (p.0, p.1.as_str(), p.2.as_str()) == expected),
            "{expected:?} missing from {problems:?}"
        );
    }
    assert!(
        problems.iter().all(|p| p.0 != 2),
        "the good row has no problem: {problems:?}"
    );
    assert_eq!(count().await, before + 2);
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM products WHERE slug = 'scarf-ok'"
        )
        .await,
        0
    );

    // A file that is not the expected CSV at all.
    let (s, r) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": "a,b\n1,2\n", "dry_run": true}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(r["problems"][0]["error"]["key"], "csv_invalid");

    // Export round-trips: the file it gives imports cleanly as updates.
    let res = c
        .get(format!("{}/admin/export/products.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let exported = res.text().await.unwrap();
    assert!(exported.starts_with(&CSV_COLUMNS.join(",")));
    assert!(exported.contains("HAT-BLACK"));
    let (s, r) = app
        .post_json(
            &c,
            "admin/products/import",
            json!({"csv": exported, "dry_run": true}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(r["problems"], json!([]), "{r}");
    assert_eq!(r["products_created"], 0);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn categories_cannot_loop_and_only_empty_ones_are_deleted(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let save = |f: Value| {
        let (app, c) = (&app, &c);
        async move {
            app.post_json(c, "admin/category/save", json!({"form": f}))
                .await
        }
    };
    let (s, top) = save(json!({"id": null, "parent_id": null, "slug": "gifts", "name": {"zh": "礼品", "en": "Gifts"}, "position": 9})).await;
    assert_eq!(s, 200, "{top}");
    let (s, child) = save(json!({"id": null, "parent_id": top, "slug": "gift-cards", "name": {"zh": "礼品卡", "en": "Gift cards"}, "position": 0})).await;
    assert_eq!(s, 200, "{child}");
    // Moving the parent under its own child would make a loop.
    let (s, body) = save(json!({"id": top, "parent_id": child, "slug": "gifts", "name": {"zh": "礼品", "en": "Gifts"}, "position": 9})).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        common::field_key(&body, "parent_id").as_deref(),
        Some("number_invalid")
    );
    let (s, _) = app
        .post_json(&c, "admin/category/delete", json!({"id": top}))
        .await;
    assert_eq!(s, 409, "a category with a child stays");
    assert_eq!(
        app.post_json(&c, "admin/category/delete", json!({"id": child}))
            .await
            .0,
        200
    );
    assert_eq!(
        app.post_json(&c, "admin/category/delete", json!({"id": top}))
            .await
            .0,
        200
    );
    let (cat, _) = leaf_category(&pool).await;
    assert_eq!(
        app.post_json(&c, "admin/category/delete", json!({"id": cat}))
            .await
            .0,
        409
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn stock_changes_have_reasons_and_never_go_negative(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let (id, sku): (i64, String) =
        sqlx::query_as("SELECT id, sku FROM product_variants ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    sqlx::query("UPDATE product_variants SET stock = 4, safety_stock = 0 WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let adjust = |delta: i32, reason: &str| {
        let (app, c, reason) = (&app, &c, reason.to_string());
        async move {
            app.post_json(
                c,
                "admin/stock/adjust",
                json!({"variant_id": id, "delta": delta, "reason": reason, "note": ""}),
            )
            .await
        }
    };
    assert_eq!(adjust(-5, "damaged").await.0, 422);
    // Not a reason at all (refused as it is read); not one chosen by hand.
    assert_eq!(adjust(3, "because").await.0, 400);
    assert_eq!(adjust(3, "stocktake").await.0, 422);
    assert_eq!(adjust(0, "received").await.0, 422);
    let (s, after) = adjust(6, "received").await;
    assert_eq!((s, after), (200, json!(10)));
    assert_eq!(adjust(-2, "damaged").await.1, json!(8));
    let (_, history) = app
        .get(&c, &format!("admin/stock/history?variant_id={id}"))
        .await;
    let h = history.as_array().unwrap();
    assert_eq!(h.len(), 2, "{history}");
    assert_eq!(
        (
            h[0]["delta"].as_i64(),
            h[0]["reason"].as_str(),
            h[0]["stock_after"].as_i64()
        ),
        (Some(-2), Some("damaged"), Some(8))
    );

    // Safety stock puts the SKU on the low list (and its badge count).
    let low = || async {
        app.get(&c, "admin/overview").await.1["counts"]["low_stock"]
            .as_i64()
            .unwrap()
    };
    let before = low().await;
    assert_eq!(
        app.post_json(
            &c,
            "admin/stock/safety",
            json!({"variant_id": id, "safety_stock": 8})
        )
        .await
        .0,
        200
    );
    assert_eq!(low().await, before + 1);
    let (_, list) = app.get(&c, "admin/stock?q=&low_only=true&page=0").await;
    assert!(
        list["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["sku"] == sku.as_str())
    );

    // Stocktake: compare shows differences and writes nothing; apply sets them.
    let take = |apply: bool| {
        let (app, c, sku) = (&app, &c, sku.clone());
        async move {
            app.post_json(
                c,
                "admin/stocktake",
                json!({"counts": [{"sku": sku.to_lowercase(), "counted": 5}], "apply": apply}),
            )
            .await
        }
    };
    let (s, r) = take(false).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (
            r["differences"][0]["system"].as_i64(),
            r["differences"][0]["counted"].as_i64(),
            r["applied"].as_bool()
        ),
        (Some(8), Some(5), Some(false))
    );
    assert_eq!(
        scalar(
            &pool,
            &format!("SELECT stock::bigint FROM product_variants WHERE id = {id}")
        )
        .await,
        8
    );
    let (_, r) = take(true).await;
    assert_eq!(r["applied"], true);
    assert_eq!(
        scalar(
            &pool,
            &format!("SELECT stock::bigint FROM product_variants WHERE id = {id}")
        )
        .await,
        5
    );
    assert_eq!(
        scalar(
            &pool,
            "SELECT count(*) FROM stock_movements WHERE reason = 'stocktake' AND delta = -3"
        )
        .await,
        1
    );
    // An unknown SKU: reported, and nothing is applied.
    let (_, r) = app.post_json(&c, "admin/stocktake", json!({"counts": [{"sku": sku, "counted": 1}, {"sku": "NOPE-404", "counted": 1}], "apply": true})).await;
    assert_eq!(r["applied"], false);
    assert_eq!(r["unknown"], json!(["NOPE-404"]));
    assert_eq!(
        scalar(
            &pool,
            &format!("SELECT stock::bigint FROM product_variants WHERE id = {id}")
        )
        .await,
        5
    );
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_stock_reason_the_code_does_not_know_is_an_error(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let c = editor(&app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM product_variants ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let history = format!("admin/stock/history?variant_id={id}");
    assert_eq!(app.get(&c, &history).await.0, 200);
    // As if a newer version had stored a reason this one predates: the
    // history fails instead of showing it as some other reason.
    sqlx::query("ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO stock_movements (variant_id, delta, reason, stock_after) VALUES ($1, 1, 'lost', 1)",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(app.get(&c, &history).await.0, 500);
}
