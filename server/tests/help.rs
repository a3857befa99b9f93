//! The help centre (issue 18) over real HTTP: the tree and articles in
//! the reader's language, drafts seen by nobody but staff, search in
//! Chinese and English that forgives a typo, "was this helpful?" counted
//! once per reader, and the back office's editor refusing bad input with
//! nothing written.
use crate::common::{client, demo, spawn, staff_client};
use app::text::url_encode;
use serde_json::{Value, json};
use sqlx::PgPool;

async fn search(app: &crate::common::TestApp, q: &str, lang: &str) -> Value {
    let (s, body) = app
        .get(
            &client(),
            &format!("help/search?q={}&lang={lang}", url_encode(q)),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    body
}

fn slugs(found: &Value) -> Vec<String> {
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .collect()
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn search_finds_articles_in_both_languages_and_forgives_a_typo(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;

    // Exact words, Chinese and English (stemmed: "refunds" finds "refund").
    let found = search(&app, "退款", "zh-CN").await;
    assert!(
        slugs(&found).contains(&"refund-time".to_string()),
        "{found}"
    );
    assert_eq!(found["close"], false);
    let found = search(&app, "refunds", "en").await;
    assert!(
        slugs(&found).contains(&"refund-time".to_string()),
        "{found}"
    );
    assert_eq!(
        found["hits"][0]["title"].as_str().map(|t| t.is_ascii()),
        Some(true)
    );

    // A wrong Chinese character (帐 for 账): the closest article first, and
    // the page is told the match is not exact.
    let found = search(&app, "退款到帐", "zh-CN").await;
    assert_eq!(
        slugs(&found).first().map(String::as_str),
        Some("refund-time"),
        "{found}"
    );
    assert_eq!(found["close"], true);
    assert_eq!(found["hits"][0]["title"], "退款多久到账");
    // A misspelt English word is corrected against the articles' words.
    let found = search(&app, "refnd", "en").await;
    assert_eq!(found["corrected"], "refund", "{found}");
    assert!(
        slugs(&found).contains(&"refund-time".to_string()),
        "{found}"
    );
    // Nothing like it, or nothing typed: no results, no error.
    assert_eq!(
        slugs(&search(&app, "量子纠缠", "zh-CN").await),
        Vec::<String>::new()
    );
    assert_eq!(
        slugs(&search(&app, "  ", "zh-CN").await),
        Vec::<String>::new()
    );

    // The contact form's suggestions: the same search, three at most.
    let (s, few) = app
        .get(
            &client(),
            &format!("help/suggest?q={}&lang=zh-CN", url_encode("退货")),
        )
        .await;
    assert_eq!(s, 200, "{few}");
    let n = few["hits"].as_array().unwrap().len();
    assert!((1..=3).contains(&n), "{few}");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn articles_read_in_the_readers_language_and_drafts_stay_hidden(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let c = client();
    let (s, a) = app
        .get(&c, "help/article?slug=refund-time&lang=zh-CN")
        .await;
    assert_eq!(s, 200, "{a}");
    assert_eq!(a["title"], "退款多久到账");
    assert_eq!(a["path"], json!(["售后服务", "退货与退款"]));
    assert!(
        a["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["slug"] == "return-refund")
    );
    let (_, en) = app.get(&c, "help/article?slug=refund-time&lang=en").await;
    assert_eq!(en["title"], "When will my refund arrive?");
    assert_eq!(en["path"], json!(["After-sales", "Returns and refunds"]));
    for slug in ["no-such-article", "Bad%20Slug"] {
        let (s, _) = app
            .get(&c, &format!("help/article?slug={slug}&lang=zh-CN"))
            .await;
        assert_eq!(s, 404, "{slug}");
    }
    // The tree: top categories in order, sub-categories under them.
    let (_, tree) = app.get(&c, "help?lang=zh-CN").await;
    let top: Vec<&str> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["slug"].as_str().unwrap())
        .collect();
    assert_eq!(top, ["shopping", "after-sales", "account"]);
    assert_eq!(tree[1]["children"][0]["slug"], "returns-refunds");

    // A draft: in the back office, nowhere else.
    let staff = staff_client(&app, "customer_service", "help").await;
    let (_, h) = app.get(&staff, "admin/help").await;
    let category = h["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "account")
        .unwrap()["id"]
        .clone();
    let draft = json!({"article": {"id": null, "category_id": category, "slug": "gift-cards",
        "title_zh": "礼品卡怎么用", "title_en": "Using gift cards", "body_zh": "礼品卡即将推出。",
        "body_en": "Gift cards are coming soon.", "published": false, "position": 9}});
    let (s, id) = app
        .post_json(&staff, "admin/help/article/save", draft.clone())
        .await;
    assert_eq!(s, 200, "{id}");
    assert_eq!(
        app.get(&c, "help/article?slug=gift-cards&lang=zh-CN")
            .await
            .0,
        404
    );
    assert!(slugs(&search(&app, "礼品卡", "zh-CN").await).is_empty());
    let (_, tree) = app.get(&c, "help?lang=zh-CN").await;
    assert!(!tree.to_string().contains("gift-cards"));
    // Published: readers find it, in either language.
    let mut published = draft.clone();
    published["article"]["id"] = id.clone();
    published["article"]["published"] = json!(true);
    let (s, again) = app
        .post_json(&staff, "admin/help/article/save", published)
        .await;
    assert_eq!((s, &again), (200, &id));
    assert_eq!(
        app.get(&c, "help/article?slug=gift-cards&lang=zh-CN")
            .await
            .0,
        200
    );
    assert_eq!(
        slugs(&search(&app, "礼品卡", "zh-CN").await),
        ["gift-cards"]
    );
    assert_eq!(
        slugs(&search(&app, "gift card", "en").await),
        ["gift-cards"]
    );
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'admin/help/article/save'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(logged, 2);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_reader_votes_once_and_may_change_their_mind(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let (a, b) = (client(), client());
    let vote = |helpful: bool, voter: &str| json!({"slug": "refund-time", "helpful": helpful, "voter": voter});
    let (s, v) = app
        .post_json(&a, "help/vote", vote(true, "browser-aaaaaaaa"))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v, json!({"helpful": 1, "not_helpful": 0}));
    // The same browser again: its vote changes, not adds.
    let (_, v) = app
        .post_json(&a, "help/vote", vote(false, "browser-aaaaaaaa"))
        .await;
    assert_eq!(v, json!({"helpful": 0, "not_helpful": 1}));
    let (_, v) = app
        .post_json(&b, "help/vote", vote(true, "browser-bbbbbbbb"))
        .await;
    assert_eq!(v, json!({"helpful": 1, "not_helpful": 1}));
    // A signed-in shopper votes as their account, whatever id is sent.
    app.create_user("reader@shop.test", "Passw0rd-1", "shopper")
        .await;
    let reader = client();
    app.sign_in(&reader, "reader@shop.test", "Passw0rd-1").await;
    app.post_json(&reader, "help/vote", vote(true, "browser-cccccccc"))
        .await;
    let (_, v) = app
        .post_json(&reader, "help/vote", vote(true, "browser-dddddddd"))
        .await;
    assert_eq!(v, json!({"helpful": 2, "not_helpful": 1}));
    // The article shows the counts.
    let (_, art) = app
        .get(&client(), "help/article?slug=refund-time&lang=zh-CN")
        .await;
    assert_eq!(
        (art["helpful"].clone(), art["not_helpful"].clone()),
        (json!(2), json!(1))
    );
    // A made-up voter id, or an article that is not there: refused.
    let (s, _) = app.post_json(&client(), "help/vote", vote(true, "x")).await;
    assert_eq!(s, 400);
    let (s, _) = app
        .post_json(
            &client(),
            "help/vote",
            json!({"slug": "nope", "helpful": true, "voter": "browser-eeeeeeee"}),
        )
        .await;
    assert_eq!(s, 404);
    let votes: i64 = sqlx::query_scalar("SELECT count(*) FROM help_votes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(votes, 3);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn the_editor_refuses_bad_articles_and_category_loops(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let staff = staff_client(&app, "operations_manager", "help").await;
    let (_, h) = app.get(&staff, "admin/help").await;
    let id_of = |slug: &str| {
        h["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == slug)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let articles = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM help_articles")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let before = articles().await;
    let bad = json!({"article": {"id": null, "category_id": id_of("account"), "slug": "Not OK",
        "title_zh": " ", "title_en": "x", "body_zh": "正文", "body_en": "", "published": true,
        "position": 0}});
    let (s, body) = app.post_json(&staff, "admin/help/article/save", bad).await;
    assert_eq!(s, 422, "{body}");
    for (field, key) in [
        ("slug", "required"),
        ("title_zh", "required"),
        ("body_en", "required"),
    ] {
        assert_eq!(
            crate::common::field_key(&body, field).as_deref(),
            Some(key),
            "{field}: {body}"
        );
    }
    // A slug another article has.
    let taken = json!({"article": {"id": null, "category_id": id_of("account"), "slug": "refund-time",
        "title_zh": "重复", "title_en": "Twice", "body_zh": "正文", "body_en": "Text",
        "published": false, "position": 0}});
    let (s, body) = app
        .post_json(&staff, "admin/help/article/save", taken)
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "slug").as_deref(),
        Some("slug_taken")
    );
    assert_eq!(articles().await, before);

    // A category may not move under itself or below itself.
    let mut loop_ = h["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "after-sales")
        .unwrap()
        .clone();
    loop_["parent_id"] = json!(id_of("returns-refunds"));
    let (s, body) = app
        .post_json(
            &staff,
            "admin/help/category/save",
            json!({"category": loop_}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(
        crate::common::field_key(&body, "parent_id").as_deref(),
        Some("choice_invalid")
    );
    // A new sub-category saves, and the tree shows it once it holds an article.
    let (s, id) = app
        .post_json(
            &staff,
            "admin/help/category/save",
            json!({"category": {"id": null,
            "parent_id": id_of("account"), "slug": "security", "name_zh": "账户安全",
            "name_en": "Security", "position": 0}}),
        )
        .await;
    assert_eq!(s, 200, "{id}");
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_id FROM help_categories WHERE slug = 'security'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(parent, Some(id_of("account")));
    // Shoppers cannot write.
    let shopper = client();
    app.create_user("s@shop.test", "Passw0rd-1", "shopper")
        .await;
    app.sign_in(&shopper, "s@shop.test", "Passw0rd-1").await;
    let (s, _) = app.get(&shopper, "admin/help").await;
    assert_eq!(s, 403);
}
