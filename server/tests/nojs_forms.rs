//! Buying without JavaScript (issue 15, item 9), over real HTTP: each form
//! is posted as a browser posts a plain form (URL-encoded, asking for HTML,
//! with the shop's own Origin and the form's page as Referer), answered
//! with a redirect, and the page it leads to is rendered on the server with
//! the result. A refused post goes back to the form's page with the error,
//! shown there in the shopper's language, and changes nothing.
mod common;

use common::{TestApp, client, demo, fingerprint, spawn};
use serde_json::{Value, json};
use sqlx::PgPool;

const ZH_CART: &str = include_str!("../../locales/zh-CN/cart.json");
const ZH_ERRORS: &str = include_str!("../../locales/zh-CN/errors.json");

/// A Chinese text from one of the locale files above.
fn zh(file: &str, key: &str) -> String {
    let all: Value = serde_json::from_str(file).unwrap();
    all[key]
        .as_str()
        .unwrap_or_else(|| panic!("no text {key}"))
        .to_string()
}

/// Posts `form` to a server function the way a browser posts a plain form
/// from the page at `from`.
async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    endpoint: &str,
    from: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    c.post(format!("{}/api/{endpoint}", app.base))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("origin", &app.base)
        .header("referer", format!("{}{from}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Where a 302 sends the browser, as a path on the shop.
fn redirect_to(app: &TestApp, res: &reqwest::Response) -> String {
    assert_eq!(
        res.status().as_u16(),
        302,
        "a plain form post is answered with a redirect"
    );
    let to = res.headers()["location"].to_str().unwrap();
    to.strip_prefix(&app.base).unwrap_or(to).to_string()
}

/// A refusal goes back to the form's page with the error in the URL.
fn assert_refused(app: &TestApp, res: &reqwest::Response, page: &str) -> String {
    let to = redirect_to(app, res);
    assert!(to.starts_with(page), "back to {page}, not {to}");
    assert!(to.contains("__err="), "the error travels in the URL: {to}");
    to
}

/// A page as the browser gets it: rendered on the server.
async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c
        .get(format!("{}{path}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

/// The value of the hidden input `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let start = format!(r#"name="{name}" value=""#);
    let at = html
        .find(&start)
        .unwrap_or_else(|| panic!("no hidden {name}"))
        + start.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// A listed variant with stock to spare, its product's page and Chinese name.
async fn a_variant(pool: &PgPool) -> (i64, String, String) {
    sqlx::query_as(
        "SELECT v.id, '/p/' || p.slug || '?v=' || v.id, t.name
           FROM product_variants v JOIN products p ON p.id = v.product_id
           JOIN product_translations t ON t.product_id = p.id AND t.locale = 'zh-CN'
          WHERE p.listed AND v.stock > 5 ORDER BY v.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn cart_of(pool: &PgPool, email: &str) -> Vec<(i64, i32)> {
    sqlx::query_as(
        "SELECT c.variant_id, c.qty FROM cart_items c JOIN users u ON u.id = c.user_id
          WHERE u.email = $1 ORDER BY c.variant_id",
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// A new shopper, signed in on the returned client.
async fn shopper(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let (s, body) = app.register(&c, email, "nojs-pass-1").await;
    assert_eq!(s, 200, "{body}");
    c
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_signed_in_shopper_adds_to_the_cart_and_changes_it_with_plain_forms(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let email = "nojs-cart@agora.test";
    let c = shopper(&app, email).await;
    let (variant, product_page, name) = a_variant(&pool).await;
    let id = variant.to_string();

    // Added, and the browser is sent to the cart, which the server renders.
    let res = post_form(
        &app,
        &c,
        "cart_add_form",
        &product_page,
        &[("variant_id", &id), ("qty", "2")],
    )
    .await;
    assert_eq!(redirect_to(&app, &res), "/cart");
    assert_eq!(cart_of(&pool, email).await, vec![(variant, 2)]);
    let html = page(&app, &c, "/cart").await;
    assert!(html.contains(&name), "the line is on the server's page");
    // A page with the shopper's own lines is kept by no cache (the service
    // worker skips no-store answers); a guest's cart page has no lines.
    for (who, expected) in [(&c, Some("private, no-store")), (&client(), None)] {
        let res = who.get(format!("{}/cart", app.base)).send().await.unwrap();
        let cc = res
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(cc.as_deref(), expected);
    }
    assert!(html.contains(&zh(ZH_CART, "item_count").replace("{{ count }}", "2")));
    assert!(
        html.contains(r#"action="/api/cart_set_form""#),
        "the quantity buttons are a form"
    );
    assert!(
        !html.contains(&zh(ZH_CART, "nojs_sign_in")),
        "no sign-in request for a signed-in shopper"
    );

    // Bad input, and a post from another site, change nothing.
    let before = fingerprint(&pool).await;
    let mut refused = Vec::new();
    for (form, why) in [
        (vec![("variant_id", "999999999"), ("qty", "1")], "sold_out"),
        (
            vec![("variant_id", id.as_str()), ("qty", "lots")],
            "bad_request",
        ),
        (vec![("qty", "1")], "bad_request"),
    ] {
        let res = post_form(&app, &c, "cart_add_form", &product_page, &form).await;
        refused.push((assert_refused(&app, &res, &product_page), why));
    }
    let res = c
        .post(format!("{}/api/cart_add_form", app.base))
        .header("accept", "text/html")
        .header("origin", "http://evil.example")
        .form(&[("variant_id", id.as_str()), ("qty", "5")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(
        fingerprint(&pool).await == before,
        "a refused add changed the database"
    );
    // The product page says why, in the shopper's language.
    for (back, why) in refused {
        assert!(
            page(&app, &c, &back).await.contains(&zh(ZH_ERRORS, why)),
            "{back}: {why}"
        );
    }

    // The cart's − and remove buttons post the quantity they set.
    let res = post_form(
        &app,
        &c,
        "cart_set_form",
        "/cart",
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    assert_eq!(redirect_to(&app, &res), "/cart");
    assert_eq!(cart_of(&pool, email).await, vec![(variant, 1)]);
    let res = post_form(
        &app,
        &c,
        "cart_set_form",
        "/cart",
        &[("variant_id", &id), ("qty", "0")],
    )
    .await;
    assert_eq!(redirect_to(&app, &res), "/cart");
    assert_eq!(cart_of(&pool, email).await, vec![]);
}

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_guest_without_javascript_is_asked_to_sign_in_and_nothing_is_stored(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let guest = client();
    let (variant, product_page, _) = a_variant(&pool).await;
    let sign_in = zh(ZH_CART, "nojs_sign_in");
    let before = fingerprint(&pool).await;

    // The product page's form: refused, and the page asks to sign in and
    // come back to this variant.
    let id = variant.to_string();
    let res = post_form(
        &app,
        &guest,
        "cart_add_form",
        &product_page,
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    let back = assert_refused(&app, &res, &product_page);
    let html = page(&app, &guest, &back).await;
    assert!(html.contains(&sign_in), "the product page says why");
    let next = app::text::url_encode_path(&product_page);
    assert!(
        html.contains(&format!("/sign-in?next={next}")),
        "and links to sign in and come back"
    );

    // The cart and checkout need the browser's cart: without JavaScript
    // they say so instead of only "loading", in a note the stylesheet hides
    // once the shell's inline script has marked the document `js`.
    for path in ["/cart", "/checkout"] {
        let html = page(&app, &guest, path).await;
        assert!(html.contains("document.documentElement.classList.add('js')"));
        let note = html
            .split(r#"<p data-testid="nojs-sign-in" class="form-status error nojs-only">"#)
            .skip(1)
            .filter_map(|n| n.split("</p>").next())
            .find(|n| n.contains(&sign_in))
            .unwrap_or_else(|| panic!("{path}: no note asking to sign in"));
        assert!(
            note.contains(&format!(r#"href="/sign-in?next={path}""#)),
            "{path}: {note}"
        );
    }
    // Placing an order from the plain form needs an account.
    let res = post_form(
        &app,
        &guest,
        "checkout_form",
        "/checkout",
        &[
            ("key", "guest-key-0000000001"),
            ("lang", "zh-CN"),
            ("address[recipient]", "李雷"),
            ("address[phone]", "13912345678"),
            ("address[region]", "北京市"),
            ("address[line1]", "长安街 1 号"),
            ("address[postal_code]", ""),
            ("shipping", "standard"),
            ("payment", "cod"),
            ("totals[standard]", "1000"),
            ("totals[express]", "2500"),
        ],
    )
    .await;
    assert_refused(&app, &res, "/checkout");
    assert!(
        fingerprint(&pool).await == before,
        "a guest's posts changed the database"
    );
}

/// The stored cart's total with `shipping`, as the JSON pricing says.
async fn priced_total(app: &TestApp, c: &reqwest::Client, shipping: &str) -> i64 {
    let (s, q) = app
        .post_json(
            c,
            "cart",
            json!({"lang": "zh-CN", "guest_lines": [], "coupon": null, "shipping": shipping}),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    q["total_minor"].as_i64().unwrap()
}

/// The checkout form as the page renders it, filled in with a new address.
fn checkout_form<'a>(html: &str, shipping: &'a str, payment: &'a str) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = ["key", "lang", "totals[standard]", "totals[express]"]
        .into_iter()
        .map(|name| (name, hidden(html, name)))
        .collect();
    for (name, value) in [
        ("address[recipient]", "李雷"),
        ("address[phone]", "13900139000"),
        ("address[region]", "北京市海淀区"),
        ("address[line1]", "中关村大街 27 号"),
        ("address[postal_code]", "100080"),
        ("shipping", shipping),
        ("payment", payment),
    ] {
        form.push((name, value.to_string()));
    }
    form
}

fn as_pairs<'a>(form: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn orders_of(pool: &PgPool, email: &str) -> Vec<(String, String, String, i64, Value)> {
    sqlx::query_as(
        "SELECT o.number, o.shipping_method, o.payment_method, o.total_minor, o.ship_to
           FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1 ORDER BY o.id",
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap()
}

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
    let express = priced_total(&app, &c, "express").await;
    assert_eq!(
        hidden(&html, "totals[standard]"),
        priced_total(&app, &c, "standard").await.to_string()
    );
    assert_eq!(hidden(&html, "totals[express]"), express.to_string());
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
        ("express", "cod", express)
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
async fn the_sandbox_page_pays_with_a_plain_form(pool: PgPool) {
    demo(&pool).await;
    let app = spawn(pool.clone()).await;
    let email = "nojs-pay@agora.test";
    let c = shopper(&app, email).await;
    let (variant, product_page, _) = a_variant(&pool).await;
    let id = variant.to_string();
    post_form(
        &app,
        &c,
        "cart_add_form",
        &product_page,
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    let html = page(&app, &c, "/checkout").await;

    // Paid online: the order sends the browser to the provider's page.
    let res = post_form(
        &app,
        &c,
        "checkout_form",
        "/checkout",
        &as_pairs(&checkout_form(&html, "standard", "sandbox")),
    )
    .await;
    let pay_page = redirect_to(&app, &res);
    assert!(pay_page.starts_with("/sandbox/pay/"), "{pay_page}");
    let number = orders_of(&pool, email).await[0].0.clone();
    let html = page(&app, &c, &pay_page).await;
    let reference = hidden(&html, "reference");
    assert!(html.contains(r#"name="outcome" value="pay""#));

    // An outcome the provider does not know changes nothing.
    let before = fingerprint(&pool).await;
    let res = post_form(
        &app,
        &c,
        "sandbox_decide_form",
        &pay_page,
        &[("reference", &reference), ("outcome", "steal")],
    )
    .await;
    assert_refused(&app, &res, &pay_page);
    assert!(
        fingerprint(&pool).await == before,
        "a refused decision changed the database"
    );

    // Paying sends the browser back to the order; the provider's signed
    // notification then marks it paid.
    let res = post_form(
        &app,
        &c,
        "sandbox_decide_form",
        &pay_page,
        &[("reference", &reference), ("outcome", "pay")],
    )
    .await;
    assert_eq!(redirect_to(&app, &res), format!("/orders/{number}"));
    let mut paid = String::new();
    for _ in 0..50 {
        paid = sqlx::query_scalar("SELECT payment_status FROM orders WHERE number = $1")
            .bind(&number)
            .fetch_one(&pool)
            .await
            .unwrap();
        if paid == "paid" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(paid, "paid");
}
