//! The cart without JavaScript, for a signed-in shopper (whose cart is
//! stored on the server; a guest's lives in the browser, see `local`).
//! `/cart` is rendered from `stored_cart`, and the product page's form and
//! the cart's quantity buttons post here URL-encoded, as a browser posts a
//! plain form. Each answers with a redirect to the cart; a failure goes back
//! to the form's page with the error in the URL (`server::run`). With
//! JavaScript the same forms call `api` (or the browser cart) instead.
use super::Quote;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in shopper's stored cart, priced as `api::get_cart` prices it
/// (standard delivery, no coupon); None for a guest.
#[server(endpoint = "stored_cart", input = GetUrl)]
pub async fn stored_cart(lang: String) -> Result<Option<Quote>, AppError> {
    use crate::server;
    server::run(async move {
        let Some(user) = server::optional_user().await? else {
            return Ok(None);
        };
        server::limit_checkout().await?;
        let mut quotes =
            price_stored(&user, &lang, None, &[super::ShippingMethod::Standard]).await?;
        Ok(quotes.pop())
    })
    .await
}

/// The product page's add-to-cart form posted without JavaScript: adds to
/// the signed-in shopper's cart (as `api::add_to_cart`), then shows it.
#[server(endpoint = "cart_add_form")]
pub async fn add_to_cart_form(variant_id: i64, qty: i32) -> Result<(), AppError> {
    crate::server::run(async move {
        super::api::add_to_cart(variant_id, qty).await?;
        leptos_axum::redirect("/cart");
        Ok(())
    })
    .await
}

/// A cart line's −, + or remove button posted without JavaScript: sets the
/// quantity (0 removes the line, as `api::set_cart_qty`), then shows the
/// cart again.
#[server(endpoint = "cart_set_form")]
pub async fn set_cart_qty_form(variant_id: i64, qty: i32) -> Result<(), AppError> {
    crate::server::run(async move {
        super::api::set_cart_qty(variant_id, qty).await?;
        leptos_axum::redirect("/cart");
        Ok(())
    })
    .await
}

/// Prices the shopper's stored cart, with `coupon` if one is given, once
/// per delivery method in `methods` (in that order), on one connection.
/// The caller has applied the checkout throttle, as every pricing does.
#[cfg(feature = "ssr")]
pub async fn price_stored(
    user: &crate::auth::SessionUser,
    lang: &str,
    coupon: Option<&str>,
    methods: &[super::ShippingMethod],
) -> Result<Vec<Quote>, AppError> {
    use crate::promotions::db::Buyer;
    use crate::server;
    let pool = server::pool()?;
    let lines = super::db::stored_lines(&pool, user.id).await?;
    let buyer = Buyer {
        user_id: Some(user.id),
        email: Some(user.email.clone()),
    };
    let langs = crate::locale::locale_pair(lang);
    let now = server::now()?;
    let mut conn = pool.acquire().await?;
    let mut quotes = Vec::with_capacity(methods.len());
    for &shipping in methods {
        let ask = super::db::Ask {
            lines: &lines,
            coupon,
            buyer: &buyer,
            shipping,
            langs,
            now,
            use_points: false,
        };
        let priced = super::db::price(&mut conn, &ask).await?;
        quotes.push(priced.quote);
    }
    Ok(quotes)
}
