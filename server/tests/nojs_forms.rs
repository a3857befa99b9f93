//! Buying without JavaScript (issue 15, item 9), over real HTTP: each form
//! is posted as a browser posts a plain form (URL-encoded, asking for HTML,
//! with the shop's own Origin and the form's page as Referer), answered
//! with a redirect, and the page it leads to is rendered on the server with
//! the result. A refused post goes back to the form's page with the error,
//! shown there in the shopper's language, and changes nothing. Checking
//! out is in `nojs_checkout.rs`; the helpers both use are in `nojs/`.
use crate::common;
use crate::nojs;

use common::{client, demo, fingerprint, spawn};
use nojs::*;
use sqlx::PgPool;

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
