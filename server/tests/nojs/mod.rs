//! Posting forms as a browser does without JavaScript, and reading the
//! pages the server renders, for `nojs_forms.rs` and `nojs_checkout.rs`.
#![allow(dead_code)]
use crate::common::{TestApp, client};
use serde_json::{Value, json};
use sqlx::PgPool;

pub const ZH_CART: &str = include_str!("../../../locales/zh-CN/cart.json");
pub const ZH_CHECKOUT: &str = include_str!("../../../locales/zh-CN/checkout.json");
pub const ZH_ERRORS: &str = include_str!("../../../locales/zh-CN/errors.json");

/// A Chinese text from one of the locale files above.
pub fn zh(file: &str, key: &str) -> String {
    let all: Value = serde_json::from_str(file).unwrap();
    all[key]
        .as_str()
        .unwrap_or_else(|| panic!("no text {key}"))
        .to_string()
}

/// Posts `form` to a server function the way a browser posts a plain form
/// from the page at `from`.
pub async fn post_form(
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
pub fn redirect_to(app: &TestApp, res: &reqwest::Response) -> String {
    assert_eq!(
        res.status().as_u16(),
        302,
        "a plain form post is answered with a redirect"
    );
    let to = res.headers()["location"].to_str().unwrap();
    to.strip_prefix(&app.base).unwrap_or(to).to_string()
}

/// A refusal goes back to the form's page with the error in the URL.
pub fn assert_refused(app: &TestApp, res: &reqwest::Response, page: &str) -> String {
    let to = redirect_to(app, res);
    assert!(to.starts_with(page), "back to {page}, not {to}");
    assert!(to.contains("__err="), "the error travels in the URL: {to}");
    to
}

pub use crate::common::page;

/// The value of the hidden input `name` in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let start = format!(r#"name="{name}" value=""#);
    let at = html
        .find(&start)
        .unwrap_or_else(|| panic!("no hidden {name}"))
        + start.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// A hidden input of the checkout form, if the page has it.
pub fn form_hidden(html: &str, name: &str) -> Option<String> {
    let start = format!(r#"type="hidden" name="{name}" value=""#);
    let at = html.find(&start)? + start.len();
    html[at..].split('"').next().map(str::to_string)
}

/// The text of the element whose opening tag holds `marker`, up to `end`,
/// with any tags inside left out.
pub fn text_at(html: &str, marker: &str, end: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in the page"));
    let rest = &html[at..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let inner = &rest[..rest.find(end).unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in inner.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// "选此方式合计 ¥1,234.50" → 123450.
pub fn money_in(text: &str) -> i64 {
    let figure: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let (units, cents) = figure
        .split_once('.')
        .unwrap_or_else(|| panic!("no amount in {text:?}"));
    units.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
}

/// The total the page shows beside a delivery method.
pub fn shown_total(html: &str, method: &str) -> i64 {
    let text = text_at(html, &format!(r#"id="delivery-total-{method}""#), "</p>");
    let label = zh(ZH_CHECKOUT, "option_total");
    let prefix = label.split("{{").next().unwrap();
    assert!(text.starts_with(prefix), "{method}: {text}");
    money_in(&text)
}

/// A listed variant with stock to spare, its product's page and Chinese name.
pub async fn a_variant(pool: &PgPool) -> (i64, String, String) {
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

pub async fn cart_of(pool: &PgPool, email: &str) -> Vec<(i64, i32)> {
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
pub async fn shopper(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let (s, body) = app.register(&c, email, "nojs-pass-1").await;
    assert_eq!(s, 200, "{body}");
    c
}

/// The stored cart's total with `shipping` (and `coupon`), as the JSON
/// pricing says.
pub async fn priced_total(
    app: &TestApp,
    c: &reqwest::Client,
    shipping: &str,
    coupon: Option<&str>,
) -> i64 {
    let (s, q) = app
        .post_json(
            c,
            "cart",
            json!({"lang": "zh-CN", "guest_lines": [], "coupon": coupon, "shipping": shipping}),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    q["total_minor"].as_i64().unwrap()
}

/// The checkout form as the page renders it (with the coupon it carries,
/// if any), filled in with a new address.
pub fn checkout_form<'a>(
    html: &str,
    shipping: &'a str,
    payment: &'a str,
) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = ["key", "lang", "totals[standard]", "totals[express]"]
        .into_iter()
        .map(|name| (name, hidden(html, name)))
        .collect();
    if let Some(code) = form_hidden(html, "coupon") {
        form.push(("coupon", code));
    }
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

pub fn as_pairs<'a>(form: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub async fn orders_of(pool: &PgPool, email: &str) -> Vec<(String, String, String, i64, Value)> {
    sqlx::query_as(
        "SELECT o.number, o.shipping_method, o.payment_method, o.total_minor, o.ship_to
           FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1 ORDER BY o.id",
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// One unit of `variant` in the shopper's stored cart, added by the
/// product page's plain form.
pub async fn add_one(app: &TestApp, c: &reqwest::Client, variant: i64, product_page: &str) {
    let id = variant.to_string();
    let res = post_form(
        app,
        c,
        "cart_add_form",
        product_page,
        &[("variant_id", &id), ("qty", "1")],
    )
    .await;
    assert_eq!(redirect_to(app, &res), "/cart");
}
