//! Checking out without JavaScript, over real HTTP (see `nojs_forms.rs` for
//! how the forms are posted). The server renders the page from the stored
//! cart, and it cannot re-price when the shopper picks another delivery
//! method: it shows each method's total beside it and none on the button,
//! and the order is placed at the one shown (issue 16, item 2). A coupon is
//! applied by the coupon box's GET with `?coupon=`, and a shopper with
//! saved addresses can still give a new one.
use crate::common;
use crate::nojs;

use common::{demo, fingerprint, spawn};
use nojs::*;
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_signed_in_shopper_checks_out_with_a_plain_form(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let email = "nojs-checkout@agora.test";
    let c = shopper(&app, email).await;
    let (variant, product_page, name) = a_variant(&pool).await;
    let id = variant.to_string();
    let res = post_form(
        &app,
        &c,
        "cart_add_form",
        &product_page,
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    assert_eq!(redirect_to(&app, &res), "/cart");

    // The server renders the form with the lines, a key, and the total for
    // each delivery method, as the server prices them.
    let html = page(&app, &c, "/checkout").await;
    assert!(html.contains(&name));
    assert!(html.contains(r#"action="/api/checkout_form""#));
    assert!(!html.contains(&zh(ZH_CART, "nojs_sign_in")));
    let express = priced_total(&app, &c, "express", None).await;
    let standard = priced_total(&app, &c, "standard", None).await;
    assert_eq!(hidden(&html, "totals[standard]"), standard.to_string());
    assert_eq!(hidden(&html, "totals[express]"), express.to_string());
    // The page cannot follow the delivery choice: each method shows its
    // own total, the server's, and the button shows none.
    assert_eq!(shown_total(&html, "standard"), standard);
    assert_eq!(shown_total(&html, "express"), express);
    assert_eq!(
        text_at(&html, r#"data-testid="place-order""#, "</button>"),
        zh(ZH_CHECKOUT, "place_order_plain")
    );
    assert!(app::checkout::valid_key(&hidden(&html, "key")));
    assert_eq!(hidden(&html, "lang"), "zh-CN");

    // Refused: a total that is not the one shown, no address, a method that
    // does not exist. Each comes back to checkout and places nothing.
    let before = fingerprint(&pool).await;
    let mut wrong_total = checkout_form(&html, "express", "cod");
    wrong_total
        .iter_mut()
        .find(|(k, _)| *k == "totals[express]")
        .unwrap()
        .1 = (express - 1).to_string();
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout",
        &as_pairs(&wrong_total),
    )
    .await;
    let back = assert_refused(&app, &res, "/checkout");
    let again = page(&app, &c, &back).await;
    assert!(
        again.contains(&zh(ZH_ERRORS, "price_changed")),
        "the checkout page says why"
    );
    let no_address: Vec<(&str, String)> = checkout_form(&html, "express", "cod")
        .into_iter()
        .filter(|(k, _)| !k.starts_with("address"))
        .collect();
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout",
        &as_pairs(&no_address),
    )
    .await;
    assert_refused(&app, &res, "/checkout");
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout",
        &as_pairs(&checkout_form(&html, "drone", "cod")),
    )
    .await;
    assert_refused(&app, &res, "/checkout");
    assert!(
        fingerprint(&pool).await == before,
        "a refused order changed the database"
    );

    // Express delivery and cash on delivery: placed at the total shown for
    // express, and the browser is sent to the order.
    let form = checkout_form(&html, "express", "cod");
    let res = post_form(&app, &c, "checkout_form", "/checkout", &as_pairs(&form)).await;
    let to = redirect_to(&app, &res);
    let orders = orders_of(&pool, email).await;
    assert_eq!(orders.len(), 1);
    let (number, shipping, payment, total, ship_to) = &orders[0];
    assert_eq!(to, format!("/orders/{number}"));
    assert_eq!(
        (shipping.as_str(), payment.as_str(), *total),
        ("express", "cod", shown_total(&html, "express")),
        "placed at the total shown beside express"
    );
    assert_eq!(
        ship_to,
        &json!({"recipient": "李雷", "phone": "13900139000", "region": "北京市海淀区",
                "line1": "中关村大街 27 号", "postal_code": "100080"})
    );
    assert_eq!(cart_of(&pool, email).await, vec![], "the cart is emptied");
    assert!(page(&app, &c, &to).await.contains(number.as_str()));

    // The same form posted again (a double click) is the same order.
    let res = post_form(&app, &c, "checkout_form", "/checkout", &as_pairs(&form)).await;
    assert_eq!(redirect_to(&app, &res), to);
    assert_eq!(orders_of(&pool, email).await.len(), 1);

    // A form without a key gets one on the server.
    post_form(
        &app,
        &c,
        "cart_add_form",
        &product_page,
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    let html = page(&app, &c, "/checkout").await;
    let keyless: Vec<(&str, String)> = checkout_form(&html, "standard", "cod")
        .into_iter()
        .filter(|(k, _)| *k != "key")
        .collect();
    let res = post_form(&app, &c, "checkout_form", "/checkout", &as_pairs(&keyless)).await;
    let orders = orders_of(&pool, email).await;
    assert_eq!(orders.len(), 2);
    assert_eq!(redirect_to(&app, &res), format!("/orders/{}", orders[1].0));
    assert_eq!(orders[1].1, "standard");
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_coupon_is_applied_with_a_plain_form_and_a_bad_one_changes_nothing(pool: PgPool) {
    demo(&pool).await;
    sqlx::query("UPDATE promotions SET active = true WHERE code = 'FREESHIP'")
        .execute(&pool)
        .await
        .unwrap();
    let app = spawn(pool.clone()).await;
    let email = "nojs-coupon@agora.test";
    let c = shopper(&app, email).await;
    let (variant, product_page, _) = a_variant(&pool).await;
    add_one(&app, &c, variant, &product_page).await;
    let plain = page(&app, &c, "/checkout").await;
    let express = priced_total(&app, &c, "express", None).await;
    assert!(
        plain.contains(r#"action="/checkout""#) && plain.contains(r#"method="get""#),
        "the coupon box is a plain GET form back to checkout"
    );
    assert_eq!(form_hidden(&plain, "coupon"), None);

    // A code that does not exist: the page says so in the shopper's
    // language, is priced as without it, and its form carries no code.
    let before = fingerprint(&pool).await;
    let html = page(&app, &c, "/checkout?coupon=NOPE").await;
    assert!(html.contains(&zh(ZH_CART, "coupon_unknown")));
    assert_eq!(form_hidden(&html, "coupon"), None);
    for name in ["totals[standard]", "totals[express]"] {
        assert_eq!(hidden(&html, name), hidden(&plain, name), "{name}");
    }
    assert_eq!(shown_total(&html, "express"), express);
    // Posted with the form anyway: refused, and the page says why.
    let mut tampered = checkout_form(&html, "express", "cod");
    tampered.push(("coupon", "NOPE".to_string()));
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout?coupon=NOPE",
        &as_pairs(&tampered),
    )
    .await;
    let back = assert_refused(&app, &res, "/checkout?coupon=NOPE");
    assert!(
        page(&app, &c, &back)
            .await
            .contains(&zh(ZH_ERRORS, "coupon_not_applicable"))
    );
    assert!(
        fingerprint(&pool).await == before,
        "a bad coupon changed the database"
    );
    assert!(orders_of(&pool, email).await.is_empty());

    // A good one, typed in any case: applied, shown with its discount, and
    // each total is the server's with it.
    let html = page(&app, &c, "/checkout?coupon=freeship").await;
    assert!(html.contains(&zh(ZH_CART, "coupon_applied").replace("{{ code }}", "FREESHIP")));
    assert!(
        html.contains(r#"value="freeship""#),
        "the box keeps what was typed"
    );
    assert!(
        html.contains(r#"href="/checkout?coupon=""#),
        "removing it is a link"
    );
    assert_eq!(
        text_at(&html, r#"data-testid="shipping""#, "</dd>"),
        zh(ZH_CART, "free")
    );
    assert_eq!(form_hidden(&html, "coupon").as_deref(), Some("FREESHIP"));
    let free_express = priced_total(&app, &c, "express", Some("FREESHIP")).await;
    assert!(free_express < express, "express delivery is free with it");
    assert_eq!(hidden(&html, "totals[express]"), free_express.to_string());
    assert_eq!(shown_total(&html, "express"), free_express);

    // Placed with the code, at the total shown beside express.
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout?coupon=freeship",
        &as_pairs(&checkout_form(&html, "express", "cod")),
    )
    .await;
    let to = redirect_to(&app, &res);
    let orders = orders_of(&pool, email).await;
    assert_eq!(orders.len(), 1);
    assert_eq!(to, format!("/orders/{}", orders[0].0));
    assert_eq!(
        (orders[0].1.as_str(), orders[0].3),
        ("express", free_express)
    );
    let code: Option<String> =
        sqlx::query_scalar("SELECT coupon_code FROM orders WHERE number = $1")
            .bind(&orders[0].0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(code.as_deref(), Some("FREESHIP"));
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_shopper_with_saved_addresses_gives_a_new_one_with_a_plain_form(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let email = "nojs-book@agora.test";
    let c = shopper(&app, email).await;
    let saved: i64 = sqlx::query_scalar(
        "INSERT INTO addresses (user_id, recipient, phone, region, line1, postal_code, is_default)
         SELECT id, '韩梅梅', '13700137000', '上海市徐汇区', '漕溪北路 88 号', '200030', true
           FROM users WHERE email = $1 RETURNING id",
    )
    .bind(email)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (variant, product_page, _) = a_variant(&pool).await;
    add_one(&app, &c, variant, &product_page).await;

    // The saved address and "a new address" are one radio group, and the
    // new address's fields are in the form too.
    let html = page(&app, &c, "/checkout").await;
    assert!(html.contains(&format!(r#"name="address_id" value="{saved}""#)));
    assert!(html.contains(r#"name="address_id" value="""#));
    assert!(html.contains(&zh(ZH_CHECKOUT, "new_address")));
    for field in ["recipient", "phone", "region", "line1", "postal_code"] {
        assert!(
            html.contains(&format!(r#"name="address[{field}]""#)),
            "no field {field} beside the address book"
        );
    }

    // "A new address" chosen: the browser posts an empty address_id.
    let mut form = checkout_form(&html, "standard", "cod");
    form.push(("address_id", String::new()));
    let res = post_form(&app, &c, "checkout_form", "/checkout", &as_pairs(&form)).await;
    redirect_to(&app, &res);
    let orders = orders_of(&pool, email).await;
    assert_eq!(orders.len(), 1);
    assert_eq!(
        orders[0].4,
        json!({"recipient": "李雷", "phone": "13900139000", "region": "北京市海淀区",
                "line1": "中关村大街 27 号", "postal_code": "100080"})
    );

    // The saved one chosen: the empty new-address fields are posted too,
    // and ignored.
    add_one(&app, &c, variant, &product_page).await;
    let html = page(&app, &c, "/checkout").await;
    let mut form: Vec<(&str, String)> = ["key", "lang", "totals[standard]", "totals[express]"]
        .into_iter()
        .map(|name| (name, hidden(&html, name)))
        .collect();
    form.push(("address_id", saved.to_string()));
    for field in [
        "address[recipient]",
        "address[phone]",
        "address[region]",
        "address[line1]",
        "address[postal_code]",
    ] {
        form.push((field, String::new()));
    }
    form.push(("shipping", "standard".to_string()));
    form.push(("payment", "cod".to_string()));
    let res = post_form(&app, &c, "checkout_form", "/checkout", &as_pairs(&form)).await;
    redirect_to(&app, &res);
    let orders = orders_of(&pool, email).await;
    assert_eq!(orders.len(), 2);
    assert_eq!(
        orders[1].4,
        json!({"recipient": "韩梅梅", "phone": "13700137000", "region": "上海市徐汇区",
                "line1": "漕溪北路 88 号", "postal_code": "200030"})
    );
}
