//! Promotions in the back office over real HTTP: a coupon an operations
//! manager creates really prices a cart and an order; refused input (a
//! code in use, a 0 % discount, an end before the start, empty names…)
//! writes nothing, not even an audit entry; the list reports uses, discount
//! and revenue of orders that are not cancelled; other roles are refused.
use crate::common;

use common::{TestApp, client, field_key, spawn};
use serde_json::{Value, json};
use sqlx::PgPool;

const OPS: &str = "ops-promo@agora.test";
const PASSWORD: &str = "staff-pass-1";

/// The demo catalog, with the demo promotions switched off so totals here
/// depend only on what each test creates.
async fn demo(pool: &PgPool) {
    agora_server::seed::load_demo(pool).await.unwrap();
    sqlx::query("UPDATE promotions SET active = false")
        .execute(pool)
        .await
        .unwrap();
}

/// A signed-in operations manager.
async fn ops(app: &TestApp) -> reqwest::Client {
    app.create_user(OPS, PASSWORD, "operations_manager").await;
    let c = client();
    assert_eq!(app.sign_in(&c, OPS, PASSWORD).await.0, 200);
    c
}

/// A listed variant with stock, and its product.
async fn a_variant(pool: &PgPool) -> (i64, i64) {
    sqlx::query_as(
        "SELECT v.id, v.product_id FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed AND v.stock > 5 ORDER BY v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// A coupon form: ¥5 off, no minimum, no limits.
fn coupon(code: &str) -> Value {
    json!({
        "kind": "coupon", "code": code, "name_zh": "测试立减", "name_en": "Test ¥5 off",
        "benefit": "amount", "amount_off": "5", "percent_off": "", "tiers": [], "min_spend": "",
        "product_ids": "", "category_ids": [], "applies_to_sale_items": true,
        "starts_at": "", "ends_at": "", "usage_limit": "", "per_customer_limit": "", "active": true
    })
}

async fn save(app: &TestApp, c: &reqwest::Client, form: Value) -> (u16, Value) {
    app.post_json(c, "admin/promotion/save", json!({ "form": form }))
        .await
}

/// A guest's cart of one `variant`, with `coupon`, delivered by express
/// (a flat fee, so a discount never changes the delivery price).
async fn quote(app: &TestApp, variant: i64, coupon: Option<&str>) -> Value {
    let (s, q) = app
        .post_json(
            &client(),
            "cart",
            json!({"lang": "zh-CN", "guest_lines": [{"variant_id": variant, "qty": 1}],
                   "coupon": coupon, "shipping": "express"}),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    q
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_coupon_created_in_the_back_office_prices_the_cart_and_the_order(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;
    let (variant, product) = a_variant(&pool).await;

    let (s, id) = save(&app, &c, coupon(" test-5 ")).await;
    assert_eq!(s, 200, "{id}");
    let id = id.as_i64().unwrap();
    let stored: (String, Option<i64>, Option<i32>, bool, Value) = sqlx::query_as(
        "SELECT code, amount_off_minor, percent_off, free_shipping, name FROM promotions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(stored.0, "TEST-5");
    assert_eq!((stored.1, stored.2, stored.3), (Some(500), None, false));
    assert_eq!(stored.4, json!({"zh-CN": "测试立减", "en": "Test ¥5 off"}));
    let audited = count(
        &pool,
        &format!(
            "SELECT count(*) FROM audit_log WHERE action = 'admin/promotion/save'
               AND entity = 'promotion' AND entity_id = '{id}' AND before IS NULL
               AND after->>'code' = 'TEST-5' AND actor_email = '{OPS}'"
        ),
    )
    .await;
    assert_eq!(audited, 1);

    // The shopper types it in any case: ¥5 comes off, named after the coupon.
    let plain = quote(&app, variant, None).await;
    let with = quote(&app, variant, Some("test-5")).await;
    assert_eq!(with["coupon_problem"], Value::Null, "{with}");
    let d = with["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["promotion_id"] == id)
        .unwrap_or_else(|| panic!("coupon line in {with}"))
        .clone();
    assert_eq!(d["kind"], "coupon");
    assert_eq!(d["amount_minor"], 500);
    assert_eq!(d["label"], "测试立减");
    let total = with["total_minor"].as_i64().unwrap();
    assert_eq!(plain["total_minor"].as_i64().unwrap() - total, 500);

    // An order placed with it is counted in the list, with its revenue.
    let (s, placed) = app
        .post_json(
            &client(),
            "place_order",
            json!({"order": {"key": "promo-000000000000001", "lang": "zh-CN",
                             "lines": [{"variant_id": variant, "qty": 1}], "email": "buyer@agora.test",
                             "address": {"recipient": "李雷", "phone": "13912345678", "region": "北京市",
                                         "line1": "长安街 1 号", "postal_code": ""},
                             "shipping": "express", "coupon": "TEST-5", "payment": "cod",
                             "expected_total_minor": total}}),
        )
        .await;
    assert_eq!(s, 200, "{placed}");
    let (s, list) = app.get(&c, "admin/promotions").await;
    assert_eq!(s, 200, "{list}");
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(item["kind"], "coupon");
    assert_eq!(item["code"], "TEST-5");
    assert_eq!(item["status"], "running");
    assert_eq!(item["results"]["orders"], 1);
    assert_eq!(item["results"]["discount_minor"], 500);
    assert_eq!(item["results"]["revenue_minor"], total);

    // The editor gets the text back as typed; saving it unchanged keeps the code.
    let (s, edit) = app.get(&c, &format!("admin/promotion?id={id}")).await;
    assert_eq!(s, 200, "{edit}");
    assert_eq!(edit["form"]["code"], "TEST-5");
    assert_eq!(edit["form"]["amount_off"], "5.00");
    assert_eq!(edit["form"]["benefit"], "amount");
    let (s, again) = save(&app, &c, edit["form"].clone()).await;
    assert_eq!((s, again.as_i64()), (200, Some(id)), "{again}");
    assert_eq!(app.get(&c, "admin/promotion?id=999999").await.0, 404);

    // Switched off, the code is unknown at checkout; and on again.
    let (s, body) = app
        .post_json(
            &c,
            "admin/promotion/active",
            json!({"id": id, "active": false}),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let off = quote(&app, variant, Some("test-5")).await;
    assert_eq!(off["coupon_problem"], json!({"problem": "unknown"}));
    assert_eq!(off["total_minor"], plain["total_minor"]);
    assert_eq!(
        count(&pool, "SELECT count(*) FROM audit_log WHERE action = 'admin/promotion/active' AND after = '{\"active\": false}'").await,
        1
    );
    app.post_json(
        &c,
        "admin/promotion/active",
        json!({"id": id, "active": true}),
    )
    .await;
    assert_eq!(
        quote(&app, variant, Some("TEST-5")).await["coupon_problem"],
        Value::Null
    );

    // A sale saved here is read by the engine too: half price on the product.
    let (s, sale) = save(
        &app,
        &c,
        json!({"kind": "sale", "name_zh": "半价", "name_en": "Half price", "benefit": "percent",
               "percent_off": "50", "product_ids": product.to_string(), "active": true}),
    )
    .await;
    assert_eq!(s, 200, "{sale}");
    let q = quote(&app, variant, None).await;
    let line = &q["lines"][0];
    let unit = line["unit_minor"].as_i64().unwrap();
    assert_eq!(
        line["sale_unit_minor"].as_i64().unwrap(),
        unit - unit * 50 / 100
    );
    assert_eq!(line["sale_label"], "半价");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn kinds_are_stored_as_the_engine_reads_them(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;
    let (s, id) = save(
        &app,
        &c,
        json!({"kind": "threshold", "name_zh": "满减", "name_en": "Spend and save",
               "tiers": [{"min": "300", "off": "50"}, {"min": "600", "off": "120"}],
               "starts_at": "2026-03-01T08:30", "ends_at": "2099-01-01T00:00",
               "usage_limit": "100", "per_customer_limit": "2"}),
    )
    .await;
    assert_eq!(s, 200, "{id}");
    type Stored = (
        Option<Value>,
        Option<i32>,
        Option<i64>,
        Option<i64>,
        Option<i32>,
        Option<i32>,
        Option<String>,
    );
    let row: Stored = sqlx::query_as(
        "SELECT tiers, percent_off, amount_off_minor, extract(epoch FROM starts_at)::bigint,
                    usage_limit, per_customer_limit, code
               FROM promotions WHERE id = $1",
    )
    .bind(id.as_i64().unwrap())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        row.0,
        Some(
            json!([{"min_minor": 30000, "off_minor": 5000}, {"min_minor": 60000, "off_minor": 12000}])
        )
    );
    assert_eq!((row.1, row.2), (None, None));
    // 08:30 in Shanghai is 00:30 UTC.
    assert_eq!(row.3, Some(1_772_325_000));
    assert_eq!((row.4, row.5, row.6), (Some(100), Some(2), None));

    let (s, id) = save(
        &app,
        &c,
        json!({"kind": "coupon", "code": "ship", "name_zh": "包邮", "name_en": "Free delivery",
               "benefit": "free_shipping", "percent_off": "10", "min_spend": "49.9"}),
    )
    .await;
    assert_eq!(s, 200, "{id}");
    let row: (bool, Option<i32>, Option<i64>, i64, Option<Value>) = sqlx::query_as(
        "SELECT free_shipping, percent_off, amount_off_minor, min_spend_minor, tiers FROM promotions WHERE id = $1",
    )
    .bind(id.as_i64().unwrap())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row, (true, None, None, 4990, None));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_code_in_use_is_a_field_error_and_writes_nothing(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;
    sqlx::query(r#"INSERT INTO promotions (kind, code, name, percent_off) VALUES ('coupon', 'DUPE', '{"zh-CN": "已有", "en": "Taken"}', 10)"#)
        .execute(&pool)
        .await
        .unwrap();
    let (s, body) = save(&app, &c, coupon("dupe")).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "code").as_deref(), Some("email_taken"));
    assert_eq!(count(&pool, "SELECT count(*) FROM promotions").await, 1);
    assert_eq!(count(&pool, "SELECT count(*) FROM audit_log").await, 0);

    // Renaming another coupon to it is refused the same way.
    let (s, other) = save(&app, &c, coupon("OTHER")).await;
    assert_eq!(s, 200);
    let mut form = coupon("DUPE");
    form["id"] = other;
    let (s, body) = save(&app, &c, form).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "code").as_deref(), Some("email_taken"));
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM promotions WHERE code = 'OTHER'"
        )
        .await,
        1
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM audit_log").await, 1);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn bad_input_is_answered_per_field_and_writes_nothing(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;

    let mut f = coupon("BAD");
    f["benefit"] = json!("percent");
    f["percent_off"] = json!("0");
    f["name_zh"] = json!("");
    f["name_en"] = json!("  ");
    f["starts_at"] = json!("2026-05-01T00:00");
    f["ends_at"] = json!("2026-04-01T00:00");
    let (s, body) = save(&app, &c, f).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "percent_off").as_deref(),
        Some("bad_request")
    );
    assert_eq!(field_key(&body, "name_zh").as_deref(), Some("required"));
    assert_eq!(field_key(&body, "name_en").as_deref(), Some("required"));
    assert_eq!(field_key(&body, "ends_at").as_deref(), Some("bad_request"));

    let cases = [
        (json!({"code": ""}), "code", "required"),
        (json!({"code": "NO SPACES"}), "code", "bad_request"),
        (json!({"name_zh": "长".repeat(61)}), "name_zh", "too_long"),
        (json!({"amount_off": "-5"}), "amount_off", "bad_request"),
        (json!({"usage_limit": "0"}), "usage_limit", "bad_request"),
        (
            json!({"per_customer_limit": "x"}),
            "per_customer_limit",
            "bad_request",
        ),
        (json!({"min_spend": "1.234"}), "min_spend", "bad_request"),
        (
            json!({"starts_at": "2026-02-30T10:00"}),
            "starts_at",
            "bad_request",
        ),
        (
            json!({"kind": "sale", "benefit": "free_shipping", "category_ids": [1]}),
            "benefit",
            "bad_request",
        ),
        (
            json!({"kind": "sale", "benefit": "percent", "percent_off": "10"}),
            "product_ids",
            "required",
        ),
        (
            json!({"kind": "sale", "benefit": "percent", "percent_off": "10", "product_ids": "999999"}),
            "product_ids",
            "not_found",
        ),
        (
            json!({"kind": "sale", "benefit": "percent", "percent_off": "10", "category_ids": [999999]}),
            "category_ids",
            "not_found",
        ),
        (
            json!({"kind": "threshold", "tiers": []}),
            "tiers",
            "required",
        ),
        (
            json!({"kind": "threshold", "tiers": [{"min": "100", "off": "100"}]}),
            "tier0_off",
            "bad_request",
        ),
        (
            json!({"kind": "threshold", "tiers": [{"min": "300", "off": "50"}, {"min": "200", "off": "20"}]}),
            "tiers",
            "bad_request",
        ),
    ];
    for (change, field, key) in cases {
        let mut f = coupon("GOOD");
        for (k, v) in change.as_object().unwrap() {
            f[k.as_str()] = v.clone();
        }
        let (s, body) = save(&app, &c, f).await;
        assert_eq!(s, 422, "{field}: {body}");
        assert_eq!(
            field_key(&body, field).as_deref(),
            Some(key),
            "{field}: {body}"
        );
    }
    // Not JSON of the right shape at all.
    let (s, _) = save(&app, &c, json!({"kind": "lottery"})).await;
    assert_eq!(s, 400);
    assert_eq!(count(&pool, "SELECT count(*) FROM promotions").await, 0);
    assert_eq!(count(&pool, "SELECT count(*) FROM audit_log").await, 0);

    // An existing promotion: its kind is fixed, its limit stays above its uses,
    // and an unknown id is not found.
    let (_, id) = save(&app, &c, coupon("LIMITED")).await;
    sqlx::query("UPDATE promotions SET usage_limit = 10, used_count = 3 WHERE id = $1")
        .bind(id.as_i64().unwrap())
        .execute(&pool)
        .await
        .unwrap();
    let mut f = coupon("LIMITED");
    f["id"] = id.clone();
    f["kind"] = json!("new_customer");
    let (s, body) = save(&app, &c, f).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(field_key(&body, "kind").as_deref(), Some("bad_request"));
    let mut f = coupon("LIMITED");
    f["id"] = id.clone();
    f["usage_limit"] = json!("2");
    let (s, body) = save(&app, &c, f).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "usage_limit").as_deref(),
        Some("bad_request")
    );
    let mut f = coupon("GHOST");
    f["id"] = json!(999_999);
    assert_eq!(save(&app, &c, f).await.0, 404);
    assert_eq!(
        app.post_json(
            &c,
            "admin/promotion/active",
            json!({"id": 999_999, "active": false})
        )
        .await
        .0,
        404
    );
    let unchanged: (String, Option<i32>) =
        sqlx::query_as("SELECT kind, usage_limit FROM promotions WHERE id = $1")
            .bind(id.as_i64().unwrap())
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(unchanged, ("coupon".to_string(), Some(10)));
    assert_eq!(count(&pool, "SELECT count(*) FROM audit_log").await, 1);
}

/// Inserts an order by `email` for `total`, with a discount line and a use of `promotion`.
async fn order_with(pool: &PgPool, n: i32, promotion: i64, total: i64, off: i64, cancelled: bool) {
    let order: i64 = sqlx::query_scalar(
        "INSERT INTO orders (number, guest_email, idempotency_key, status, payment_method, payment_status,
                             currency, list_minor, sale_savings_minor, discount_minor, shipping_minor,
                             total_minor, shipping_method, ship_to)
         VALUES ($1, 'buyer@agora.test', $2, $3, 'cod', 'cod_due', 'CNY', $4 + $5, 0, $5, 0, $4,
                 'standard', '{}') RETURNING id",
    )
    .bind(format!("20260101-{n:06}"))
    .bind(format!("test:key-{n:016}"))
    .bind(if cancelled { "cancelled" } else { "awaiting_shipment" })
    .bind(total)
    .bind(off)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO order_discounts (order_id, promotion_id, kind, label, amount_minor)
         VALUES ($1, $2, 'coupon', '测试', $3)",
    )
    .bind(order)
    .bind(promotion)
    .bind(off)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO promotion_redemptions (promotion_id, order_id, email, released_at)
         VALUES ($1, $2, 'buyer@agora.test', CASE WHEN $3 THEN now() END)",
    )
    .bind(promotion)
    .bind(order)
    .bind(cancelled)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_list_reports_uses_discount_and_revenue_of_orders_not_cancelled(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;
    let used: i64 = sqlx::query_scalar(
        r#"INSERT INTO promotions (kind, code, name, amount_off_minor, usage_limit, used_count)
           VALUES ('coupon', 'USED', '{"zh-CN": "用过", "en": "Used"}', 1000, 50, 2) RETURNING id"#,
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let idle: i64 = sqlx::query_scalar(
        r#"INSERT INTO promotions (kind, name, percent_off, active, ends_at)
           VALUES ('new_customer', '{"zh-CN": "新客", "en": "New"}', 10, true, now() - interval '1 day') RETURNING id"#,
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    order_with(&pool, 1, used, 19_000, 1_000, false).await;
    order_with(&pool, 2, used, 29_000, 1_000, false).await;
    order_with(&pool, 3, used, 99_000, 1_000, true).await;

    let (s, list) = app.get(&c, "admin/promotions").await;
    assert_eq!(s, 200, "{list}");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    // Newest first.
    assert_eq!(list[0]["id"], idle);
    let u = &list[1];
    assert_eq!(u["id"], used);
    assert_eq!(
        u["results"],
        json!({"orders": 2, "discount_minor": 2000, "revenue_minor": 48000})
    );
    assert_eq!(
        (u["used_count"].as_i64(), u["usage_limit"].as_i64()),
        (Some(2), Some(50))
    );
    assert_eq!(u["name_zh"], "用过");
    assert_eq!(u["currency"], "CNY");
    assert_eq!(u["amount_off_minor"], 1000);
    let i = &list[0];
    assert_eq!(
        i["results"],
        json!({"orders": 0, "discount_minor": 0, "revenue_minor": 0})
    );
    assert_eq!(i["status"], "ended");
    assert_eq!(i["kind"], "new_customer");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_limit_added_later_counts_the_uses_already_made(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let c = ops(&app).await;
    let (_, id) = save(&app, &c, coupon("LATER")).await;
    let id = id.as_i64().unwrap();
    for n in 1..=3 {
        order_with(&pool, n, id, 10_000, 500, false).await;
    }
    // Unlimited so far: checkout did not count. A limit of 2 is below the 3 uses.
    let mut f = coupon("LATER");
    f["id"] = json!(id);
    f["usage_limit"] = json!("2");
    let (s, body) = save(&app, &c, f.clone()).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        field_key(&body, "usage_limit").as_deref(),
        Some("bad_request")
    );
    f["usage_limit"] = json!("5");
    assert_eq!(save(&app, &c, f).await.0, 200);
    let used: i32 = sqlx::query_scalar("SELECT used_count FROM promotions WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(used, 3);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn only_roles_with_promotion_edit_get_in(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let id: i64 = sqlx::query_scalar(
        r#"INSERT INTO promotions (kind, code, name, percent_off) VALUES ('coupon', 'KEEP', '{"zh-CN": "保留", "en": "Keep"}', 10) RETURNING id"#,
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let anon = client();
    assert_eq!(app.get(&anon, "admin/promotions").await.0, 401);
    for role in ["catalog_editor", "customer_service", "shopper"] {
        let email = format!("{role}@agora.test");
        app.create_user(&email, PASSWORD, role).await;
        let c = client();
        assert_eq!(app.sign_in(&c, &email, PASSWORD).await.0, 200);
        let (s, body) = app.get(&c, "admin/promotions").await;
        assert_eq!(
            (s, body),
            (403, Value::String("Forbidden".into())),
            "{role}"
        );
        assert_eq!(
            app.get(&c, &format!("admin/promotion?id={id}")).await.0,
            403,
            "{role}"
        );
        assert_eq!(save(&app, &c, coupon("SNEAKY")).await.0, 403, "{role}");
        let (s, _) = app
            .post_json(
                &c,
                "admin/promotion/active",
                json!({"id": id, "active": false}),
            )
            .await;
        assert_eq!(s, 403, "{role}");
    }
    assert_eq!(count(&pool, "SELECT count(*) FROM promotions").await, 1);
    assert_eq!(
        count(&pool, "SELECT count(*) FROM promotions WHERE active").await,
        1
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM audit_log").await, 0);
    // A super admin holds every permission.
    app.create_user("boss@agora.test", PASSWORD, "super_admin")
        .await;
    let boss = client();
    app.sign_in(&boss, "boss@agora.test", PASSWORD).await;
    assert_eq!(app.get(&boss, "admin/promotions").await.0, 200);
}
