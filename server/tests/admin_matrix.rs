//! The back office's guarantees, checked over real HTTP for every one of
//! its functions (the list comes from `app::admin::all_fns()`, which is
//! itself checked against the server's registered functions):
//! - the permission matrix: every role (plus a shopper and an anonymous
//!   caller) against every function, allowed or refused as configured, and
//!   a refused call changes nothing;
//! - the audit log: every mutating function leaves an entry naming the
//!   staff member, the action, the before/after and the IP address; reads
//!   leave none, except those that show a person's data
//!   (`app::privacy::AUDITED_VIEWS`); and the log cannot be edited.
use crate::common;

use app::admin::{AdminFn, HTTP_ROUTES, all_fns};
use common::{
    TestApp, after_sales_request, client, demo, fingerprint, paid_order, spawn, staff_client,
};
use serde_json::{Value, json};
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Ids the sample requests refer to.
struct Fixture {
    shopper: i64,
    review: i64,
    product: i64,
    variant: i64,
    sku: String,
    category: i64,
    empty_category: i64,
    extra_staff: i64,
    /// Paid, awaiting shipment: shipped, tracked, delivered, refunded.
    order_a: String,
    /// Paid, awaiting shipment: cancelled.
    order_b: String,
    /// Paid, awaiting shipment, held for risk review: released.
    order_held: String,
    /// After-sales requests on a delivered order: to approve (a refund
    /// only), to refuse, to extend, and one shipped back to receive.
    as_approve: String,
    as_refuse: String,
    as_extend: String,
    as_receive: String,
    as_dispatch: String,
    /// Refused, with the shopper's complaint waiting for a decision.
    as_complaint: String,
    as_rule: i64,
    as_receive_line: i64,
    /// Undeliverable messages: one to send again, one to discard.
    mail_retry: i64,
    mail_discard: i64,
    /// The shopper's question about order A.
    ticket: String,
}

async fn fixture(app: &TestApp) -> Fixture {
    let pool = &app.pool;
    demo(pool).await;
    let shopper = app
        .create_user("customer@matrix.test", "shop-pass-1", "shopper")
        .await;
    let extra_staff = app
        .create_user("extra@matrix.test", "staff-pass-1", "catalog_editor")
        .await;
    // A shopper for "admin/staff/promote" to make staff.
    app.create_user("promote@matrix.test", "shop-pass-1", "shopper")
        .await;
    let (_, order_a, _) = paid_order(pool, Some((shopper, "customer@matrix.test")), 3).await;
    let (_, order_b, _) = paid_order(pool, None, 5).await;
    let (_, order_held, _) = paid_order(pool, None, 11).await;
    sqlx::query("UPDATE orders SET risk_hold = 'held', risk_score = 100 WHERE number = $1")
        .bind(&order_held)
        .execute(pool)
        .await
        .unwrap();
    let (product, variant, sku): (i64, i64, String) = sqlx::query_as(
        "SELECT p.id, v.id, v.sku FROM products p JOIN product_variants v ON v.product_id = p.id
          ORDER BY p.id, v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let category: i64 = sqlx::query_scalar("SELECT category_id FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(pool)
        .await
        .unwrap();
    let empty_category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (slug, position) VALUES ('matrix-empty', 99) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let (order_c, _, _) = paid_order(pool, Some((shopper, "customer@matrix.test")), 7).await;
    sqlx::query("UPDATE orders SET status = 'delivered', shipped_at = now(), delivered_at = now() WHERE id = $1")
        .bind(order_c)
        .execute(pool)
        .await
        .unwrap();
    let as_approve = after_sales_request(pool, order_c, "refund_only", "requested", 100).await;
    let as_refuse = after_sales_request(pool, order_c, "return_refund", "requested", 0).await;
    let as_extend = after_sales_request(pool, order_c, "exchange", "requested", 0).await;
    let as_receive =
        after_sales_request(pool, order_c, "return_refund", "buyer_shipped", 100).await;
    let as_dispatch = after_sales_request(pool, order_c, "repair", "received", 0).await;
    let as_complaint = after_sales_request(pool, order_c, "return_refund", "refused", 0).await;
    sqlx::query(
        "INSERT INTO after_sales_complaints (request_id, request_status, statement, created_at)
         SELECT id, 'refused', '不同意拒绝', now() FROM after_sales_requests WHERE number = $1",
    )
    .bind(&as_complaint)
    .execute(pool)
    .await
    .unwrap();
    // Inactive: it must not approve anything the other tests open.
    let as_rule: i64 = sqlx::query_scalar(
        "INSERT INTO after_sales_auto_rules (active, unshipped_only) VALUES (false, true) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let as_receive_line: i64 =
        sqlx::query_scalar("SELECT min(id) FROM order_items WHERE order_id = $1")
            .bind(order_c)
            .fetch_one(pool)
            .await
            .unwrap();
    let review: i64 = sqlx::query_scalar("SELECT min(id) FROM reviews")
        .fetch_one(pool)
        .await
        .unwrap();
    let ticket = ticket(pool, shopper, &order_a).await;
    Fixture {
        shopper,
        review,
        product,
        variant,
        sku,
        category,
        empty_category,
        extra_staff,
        order_a,
        order_b,
        order_held,
        as_approve,
        as_refuse,
        as_extend,
        as_receive,
        as_dispatch,
        as_complaint,
        as_rule,
        as_receive_line,
        mail_retry: dead_message(pool, "retry").await,
        mail_discard: dead_message(pool, "discard").await,
        ticket,
    }
}

/// A shopper's ticket about `order`, waiting for customer service.
async fn ticket(pool: &PgPool, shopper: i64, order: &str) -> String {
    let mut tx = pool.begin().await.unwrap();
    let number = app::tickets::db::open(
        &mut tx,
        &app::tickets::db::NewTicket {
            user_id: Some(shopper),
            guest_email: None,
            key: "matrix",
            lang: "zh-CN",
            category: app::tickets::TicketCategory::Order,
            subject: "矩阵工单",
            body: "订单什么时候到？",
            order_number: Some(order),
            request_number: None,
            product_slug: None,
            photos: &[],
        },
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    number
}

/// The demo's "track your order" help article.
async fn help_article(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM help_articles WHERE slug = 'track-order'")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// An e-mail that failed every try.
async fn dead_message(pool: &PgPool, tag: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO outbox (key, event, channel, category, address, locale, payload, status,
                             attempts, last_error)
         VALUES ('matrix:' || $1, 'order_paid', 'email', 'orders', $1 || '@matrix.test', 'zh-CN',
                 '{\"number\": \"N1\"}', 'dead', 6, '550 mailbox unavailable')
         RETURNING id",
    )
    .bind(tag)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// GET with a query string, or POST with a JSON body.
enum Call {
    Get(String),
    Post(Value),
}

fn one_row_csv(slug: &str, category: &str) -> String {
    format!(
        "{}\n{slug},{category},矩阵商品,Matrix product,,,,true,{},99.00,3,1,颜色,Colour,红,Red\n",
        app::admin::products::CSV_COLUMNS.join(","),
        slug.to_uppercase()
    )
}

/// A request that succeeds for a role that holds the permission. Product
/// and image payloads are read back from the editor first, so saving them
/// is a real (unchanged) save.
async fn sample(app: &TestApp, admin: &reqwest::Client, f: &Fixture, endpoint: &str) -> Call {
    match endpoint {
        "admin/overview" => Call::Get(String::new()),
        "admin/audit" => Call::Get("q=".into()),
        "admin/roles" | "admin/staff" | "admin/dashboard" | "admin/categories"
        | "admin/promotions" => Call::Get(String::new()),
        "admin/roles/set" => Call::Post(
            json!({"role": "customer_service", "permission": "order.read", "granted": true}),
        ),
        "admin/staff/create" => Call::Post(json!({"member": {"email": "new-staff@matrix.test",
            "display_name": "新员工", "password": "Long-enough-9", "role": "customer_service"}})),
        "admin/staff/update" => {
            Call::Post(json!({"id": f.extra_staff, "role": "catalog_editor", "disabled": false}))
        }
        "admin/staff/promote" => {
            Call::Post(json!({"email": "promote@matrix.test", "role": "customer_service"}))
        }
        "admin/products" => Call::Get("q=&page=0".into()),
        "admin/product" => Call::Get(format!("id={}", f.product)),
        "admin/product/save" => {
            let (_, ed) = app
                .get(admin, &format!("admin/product?id={}", f.product))
                .await;
            Call::Post(json!({"form": ed["form"]}))
        }
        "admin/product/listed" => Call::Post(json!({"id": f.product, "listed": true})),
        "admin/product/images" => {
            let (_, ed) = app
                .get(admin, &format!("admin/product?id={}", f.product))
                .await;
            Call::Post(json!({"id": f.product, "images": ed["images"]}))
        }
        "admin/products/import" => {
            let cat: String = sqlx::query_scalar("SELECT slug FROM categories WHERE id = $1")
                .bind(f.category)
                .fetch_one(&app.pool)
                .await
                .unwrap();
            Call::Post(json!({"csv": one_row_csv("matrix-import", &cat), "dry_run": false}))
        }
        "admin/category/save" => Call::Post(json!({"form": {"id": null, "parent_id": f.category,
            "slug": "matrix-new", "name": {"zh": "矩阵", "en": "Matrix"}, "position": 1}})),
        "admin/category/delete" => Call::Post(json!({"id": f.empty_category})),
        "admin/stock" => Call::Get("q=&low_only=false&page=0".into()),
        "admin/stock/adjust" => Call::Post(
            json!({"variant_id": f.variant, "delta": 1, "reason": "received", "note": "matrix"}),
        ),
        "admin/stock/safety" => Call::Post(json!({"variant_id": f.variant, "safety_stock": 2})),
        "admin/stock/history" => Call::Get(format!("variant_id={}", f.variant)),
        "admin/stocktake" => {
            let stock: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
                .bind(f.variant)
                .fetch_one(&app.pool)
                .await
                .unwrap();
            Call::Post(json!({"counts": [{"sku": f.sku, "counted": stock}], "apply": true}))
        }
        "admin/orders" => Call::Get("query[status]=&query[q]=".into()),
        "admin/order" => Call::Get(format!("number={}", f.order_a)),
        "admin/order/ship" => {
            Call::Post(json!({"number": f.order_a, "carrier": "SF", "tracking": "SF1234567890"}))
        }
        "admin/order/track" => {
            Call::Post(json!({"number": f.order_a, "location": "上海", "text": "已揽收"}))
        }
        "admin/order/deliver" => Call::Post(json!({"number": f.order_a})),
        "admin/order/note" => Call::Post(json!({"number": f.order_a, "body": "客户来电"})),
        "admin/order/cancel" => Call::Post(json!({"number": f.order_b, "reason": "缺货"})),
        "admin/order/refund" => {
            Call::Post(json!({"number": f.order_a, "amount_minor": 100, "reason": "运费补偿"}))
        }
        "admin/order/risk" => {
            Call::Post(json!({"number": f.order_held, "release": true, "reason": ""}))
        }
        "admin/risk" => Call::Get(String::new()),
        "admin/risk/save" => Call::Post(json!({"form": {"threshold": "100",
            "burst_points": "60", "burst_orders": "5", "burst_minutes": "60",
            "cod_points": "60", "cod_refusals": "2", "refund_points": "40",
            "refund_percent": "50", "refund_min_orders": "2", "email_points": "40",
            "disposable_domains": "mailinator.com"}})),
        "admin/mail" => Call::Get("lang=zh-CN".into()),
        "admin/loyalty" => Call::Get("lang=zh-CN".into()),
        "admin/loyalty/levels" => Call::Post(json!({"form": {
        "window_days": "365", "grace_days": "30",
        "levels": [
            {"level": "regular", "threshold": "0", "points_pct": "100", "free_shipping": ""},
            {"level": "silver", "threshold": "1000", "points_pct": "120", "free_shipping": ""},
            {"level": "gold", "threshold": "5000", "points_pct": "150", "free_shipping": "49"},
            {"level": "vip", "threshold": "20000", "points_pct": "200", "free_shipping": "0"}
        ]}})),
        "admin/loyalty/member-price" => {
            Call::Post(json!({"sku": f.sku, "level": "gold", "price": "0.5"}))
        }
        "admin/loyalty/coupons" => Call::Get("lang=zh-CN".into()),
        "admin/loyalty/coupon-terms" => Call::Post(
            json!({"code": "SAVE20", "wallet_only": false, "claimable": true, "min_level": "gold",
                   "valid_days": ""}),
        ),
        "admin/loyalty/points" => Call::Get(String::new()),
        "admin/loyalty/points-rules" => Call::Post(json!({"form": {"earn_per_unit": "2",
            "expire_days": "365", "warn_days": "30", "redeem_minor_per_point": "1",
            "redeem_min": "100", "redeem_max_pct": "50"}})),
        "admin/loyalty/birthday-coupon" => {
            Call::Post(json!({"code": "WELCOME10", "days_before": "3"}))
        }
        // Once the key is used a repeat issues nothing more (and answers 200).
        "admin/loyalty/issue-coupon" => Call::Post(json!({"code": "SAVE20", "to": "level",
            "email": "", "level": "vip", "reason": "矩阵", "key": "matrix"})),
        "admin/mail/retry" => Call::Post(json!({"id": f.mail_retry})),
        "admin/mail/discard" => Call::Post(json!({"id": f.mail_discard})),
        "admin/mail/test" => Call::Post(json!({"to": "test@matrix.test", "lang": "en"})),
        "admin/tickets" => {
            Call::Get("query[status]=&query[category]=&query[assignee]=&query[sla]=".into())
        }
        "admin/ticket" => Call::Get(format!("number={}", f.ticket)),
        // Once the key is used a repeat writes nothing more (and answers 200).
        "admin/ticket/reply" => Call::Post(
            json!({"number": f.ticket, "body": "矩阵回复", "note": false, "key": "matrix"}),
        ),
        "admin/ticket/assign" => Call::Post(json!({"number": f.ticket, "assignee": null})),
        "admin/ticket/priority" => Call::Post(json!({"number": f.ticket, "priority": "high"})),
        "admin/ticket/resolve" => Call::Post(json!({"number": f.ticket})),
        "admin/tickets/report" => Call::Get("days=30".into()),
        "admin/help" => Call::Get(String::new()),
        "admin/help/article" => Call::Get(format!("id={}", help_article(app).await)),
        // Saved back unchanged, so every role's call succeeds alike.
        "admin/help/article/save" => {
            let id = help_article(app).await;
            let (_, ed) = app.get(admin, &format!("admin/help/article?id={id}")).await;
            Call::Post(json!({"article": ed["article"]}))
        }
        "admin/help/category/save" => {
            let (_, h) = app.get(admin, "admin/help").await;
            let account = h["categories"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["slug"] == "account")
                .unwrap()
                .clone();
            Call::Post(json!({"category": account}))
        }
        "admin/customers" => Call::Get("q=&page=0".into()),
        "admin/customer" => Call::Get(format!("id={}", f.shopper)),
        "admin/customer/disable" => Call::Post(json!({"id": f.shopper, "disabled": false})),
        "admin/customer/level" => {
            Call::Post(json!({"id": f.shopper, "level": "vip", "reason": "test"}))
        }
        "admin/customer/points" => {
            Call::Post(json!({"id": f.shopper, "delta": 5, "reason": "test"}))
        }
        "admin/reviews" => Call::Get("filter=queue&page=0".into()),
        "admin/review/moderate" => Call::Post(json!({"id": f.review, "status": "published"})),
        "admin/review/reply" => Call::Post(json!({"id": f.review, "reply": "谢谢您的评价"})),
        "admin/insights" => Call::Get("days=7".into()),
        "admin/promotion" => Call::Get("id=1".into()),
        "admin/promotion/save" => Call::Post(json!({"form": {"id": 1, "kind": "coupon",
            "code": "WELCOME10", "name_zh": "新客九折券", "name_en": "10% welcome coupon",
            "benefit": "percent", "percent_off": "10", "min_spend": "100",
            "per_customer_limit": "1", "active": true}})),
        "admin/promotion/active" => Call::Post(json!({"id": 1, "active": true})),
        "admin/after-sales" => Call::Get("query[status]=&query[kind]=&query[due]=".into()),
        "admin/after-sales/request" => Call::Get(format!("number={}&lang=zh-CN", f.as_receive)),
        "admin/after-sales/approve" => Call::Post(
            json!({"numbers": [f.as_approve], "goodwill_minor": 0, "goodwill_reason": ""}),
        ),
        "admin/after-sales/refuse" => {
            Call::Post(json!({"number": f.as_refuse, "reason": "照片显示商品完好"}))
        }
        "admin/after-sales/extend" => {
            Call::Post(json!({"number": f.as_extend, "reason": "仓库盘点"}))
        }
        "admin/after-sales/receive" => Call::Post(json!({"number": f.as_receive,
            "lines": [{"order_item_id": f.as_receive_line, "restocked": 1, "damaged": 0, "scrapped": 0}],
            "goodwill_minor": 0, "goodwill_reason": ""})),
        "admin/after-sales/dispatch" => Call::Post(
            json!({"number": f.as_dispatch, "carrier": "SF", "tracking": "SF1234567890"}),
        ),
        // Dismissed: upholding would reopen units the other samples hold.
        "admin/after-sales/complaint" => Call::Post(json!({"number": f.as_complaint,
            "upheld": false, "decision": "维持原处理"})),
        "admin/after-sales/settings" => Call::Get(String::new()),
        "admin/after-sales/policy" => Call::Post(json!({"policy": {"return_days": 7,
            "warranty_days": 365, "answer_days": 3, "ship_days": 7, "receive_days": 10,
            "return_address": "矩阵退货仓"}})),
        "admin/after-sales/reason" => Call::Post(json!({"reason": {"id": null,
            "name_zh": "矩阵原因", "name_en": "Matrix reason", "fault": "seller",
            "photos_required": 0, "active": false, "position": 500}})),
        "admin/after-sales/rule" => Call::Post(json!({"rule": {"kind": "refund_only",
            "max_refund": "", "min_level": "vip", "reason_id": 0, "unshipped_only": true}})),
        "admin/after-sales/rule/delete" => Call::Post(json!({"id": f.as_rule})),
        other => panic!("no sample request for {other}: add one"),
    }
}

async fn call(app: &TestApp, c: &reqwest::Client, endpoint: &str, req: &Call) -> (u16, Value) {
    match req {
        Call::Get(q) if q.is_empty() => app.get(c, endpoint).await,
        Call::Get(q) => app.get(c, &format!("{endpoint}?{q}")).await,
        Call::Post(body) => app.post_json(c, endpoint, body.clone()).await,
    }
}

async fn grants(pool: &PgPool) -> BTreeSet<(String, String)> {
    sqlx::query_as::<_, (String, String)>("SELECT role, permission FROM role_permissions")
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

#[test]
fn the_list_covers_every_back_office_function() {
    let registered: BTreeSet<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(p, _)| p.starts_with("/api/admin/"))
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    let listed: BTreeSet<(String, String)> = all_fns()
        .iter()
        .map(|f| {
            // Reads are GET (cacheable, no CSRF risk); changes are POST.
            let method = if f.mutates { "POST" } else { "GET" };
            (format!("/api/{}", f.endpoint), method.to_string())
        })
        .collect();
    assert_eq!(registered, listed);
    assert!(listed.len() >= 40, "{}", listed.len());
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_role_is_allowed_or_refused_as_configured(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let f = fixture(&app).await;
    let admin = staff_client(&app, "super_admin", "matrix").await;
    let granted = grants(&pool).await;
    let roles = [
        "super_admin",
        "operations_manager",
        "catalog_editor",
        "customer_service",
        "shopper",
    ];
    let mut callers: Vec<(&str, reqwest::Client)> = vec![("anonymous", client())];
    for role in roles {
        let c = if role == "super_admin" {
            admin.clone()
        } else {
            staff_client(&app, role, "roles").await
        };
        callers.push((role, c));
    }
    let fns: Vec<AdminFn> = all_fns();
    let mut checked = 0;
    for (role, c) in &callers {
        let allowed =
            |f: &AdminFn| granted.contains(&(role.to_string(), f.permission.as_str().to_string()));
        // Refusals first, as one batch: nothing in the database may change.
        let before = fingerprint(&pool).await;
        for fun in fns.iter().filter(|f| !allowed(f)) {
            let req = sample(&app, &admin, &f, fun.endpoint).await;
            let (status, body) = call(&app, c, fun.endpoint, &req).await;
            let expected = if *role == "anonymous" { 401 } else { 403 };
            assert_eq!(status, expected, "{role} {}: {body}", fun.endpoint);
            checked += 1;
        }
        let after = fingerprint(&pool).await;
        let changed: Vec<&String> = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .collect();
        assert!(
            changed.is_empty(),
            "{role}: refused calls changed {changed:?}"
        );
        for fun in fns.iter().filter(|f| allowed(f)) {
            let req = sample(&app, &admin, &f, fun.endpoint).await;
            let (status, body) = call(&app, c, fun.endpoint, &req).await;
            assert!(
                status != 401 && status != 403 && status < 500,
                "{role} {}: {status} {body}",
                fun.endpoint
            );
            checked += 1;
        }
        // The two plain routes follow the same rule.
        for route in HTTP_ROUTES {
            let ok = granted.contains(&(role.to_string(), route.permission.as_str().to_string()));
            let status = if route.mutates {
                c.post(format!("{}/{}", app.base, route.endpoint))
                    .header("origin", &app.base)
                    .multipart(
                        reqwest::multipart::Form::new().text("product_id", f.product.to_string()),
                    )
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            } else {
                c.get(format!("{}/{}", app.base, route.endpoint))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            };
            match (*role, ok) {
                ("anonymous", _) => assert_eq!(status, 401, "{}", route.endpoint),
                (_, false) => assert_eq!(status, 403, "{role} {}", route.endpoint),
                // An upload without a file is sent back to the editor.
                (_, true) => assert!(
                    status == 200 || status == 303,
                    "{role} {}: {status}",
                    route.endpoint
                ),
            }
        }
    }
    assert_eq!(checked, callers.len() * fns.len());
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_revoked_permission_is_refused_on_the_next_request(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    demo(&pool).await;
    let admin = staff_client(&app, "super_admin", "revoke").await;
    let editor = staff_client(&app, "catalog_editor", "revoke").await;
    assert_eq!(app.get(&editor, "admin/products?q=&page=0").await.0, 200);
    let (s, b) = app
        .post_json(
            &admin,
            "admin/roles/set",
            json!({"role": "catalog_editor", "permission": "product.edit", "granted": false}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(app.get(&editor, "admin/products?q=&page=0").await.0, 403);
    // The super admin cannot lock everyone out of this page.
    let (s, _) = app
        .post_json(
            &admin,
            "admin/roles/set",
            json!({"role": "super_admin", "permission": "staff.manage", "granted": false}),
        )
        .await;
    assert_eq!(s, 409);
    assert_eq!(app.get(&admin, "admin/roles").await.0, 200);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_change_is_in_the_audit_log(pool: PgPool) {
    let app = spawn(pool.clone()).await;
    let f = fixture(&app).await;
    let admin = staff_client(&app, "super_admin", "audit").await;
    let count = |action: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM audit_log
                  WHERE action = $1 AND actor_email = 'super_admin@audit.test'
                    AND ip = '127.0.0.1' AND (before IS NOT NULL OR after IS NOT NULL)",
            )
            .bind(action)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let total = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM audit_log")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let mut writes = 0;
    for fun in all_fns() {
        let req = sample(&app, &admin, &f, fun.endpoint).await;
        let before = total().await;
        let (status, body) = call(&app, &admin, fun.endpoint, &req).await;
        assert_eq!(status, 200, "{}: {body}", fun.endpoint);
        if fun.mutates {
            assert!(
                count(fun.endpoint.to_string()).await >= 1,
                "no audit entry for {}",
                fun.endpoint
            );
            writes += 1;
        } else if app::privacy::AUDITED_VIEWS
            .iter()
            .any(|a| a.as_str() == fun.endpoint)
        {
            // Reads that show a person's data are logged too (who looked).
            assert_eq!(total().await, before + 1, "{} is not logged", fun.endpoint);
        } else {
            assert_eq!(
                total().await,
                before,
                "{} is a read but wrote to the log",
                fun.endpoint
            );
        }
    }
    assert!(writes >= 25, "{writes}");
    // The upload route is audited too.
    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/fixtures/review-photo.png"
    ))
    .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("product_id", f.product.to_string())
        .text("alt_zh", "细节")
        .text("alt_en", "Detail")
        .part(
            "file",
            reqwest::multipart::Part::bytes(png)
                .file_name("p.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let res = admin
        .post(format!("{}/admin/upload/product-image", app.base))
        .header("origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(count("admin/upload/product-image".into()).await, 1);
    // History cannot be rewritten, not even with direct SQL.
    assert!(
        sqlx::query("UPDATE audit_log SET actor_email = 'someone-else'")
            .execute(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&pool)
            .await
            .is_err()
    );
    // …and the log reads back, searchable.
    let (s, page) = app.get(&admin, "admin/audit?q=order%2Fship").await;
    assert_eq!(s, 200);
    let entries = page["entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(
        entries.iter().all(|e| e["action"] == "admin/order/ship"),
        "{page}"
    );
    // Before/after read back as the fields that changed.
    assert!(
        entries[0]["changes"].as_array().unwrap().iter().any(|c| {
            c["field"] == "tracking_number"
                && c["after"]
                    .as_str()
                    .is_some_and(|a| a.contains("SF1234567890"))
        }),
        "{page}"
    );
}
