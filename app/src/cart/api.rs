//! Cart server functions. Pricing serves guests and signed-in shoppers; the
//! stored cart belongs to the signed-in shopper only.
use super::{LineIn, Quote, ShippingMethod};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Prices the cart: the signed-in shopper's stored lines, or `guest_lines`
/// (from the browser) for a guest.
#[server(endpoint = "cart", input = Json)]
pub async fn get_cart(
    lang: String,
    guest_lines: Vec<LineIn>,
    coupon: Option<String>,
    #[server(default)] shipping: ShippingMethod,
    #[server(default)] use_points: bool,
) -> Result<Quote, AppError> {
    use crate::cart::db;
    use crate::promotions::db::Buyer;
    use crate::server;
    server::run(async move {
        // Every re-pricing (and so every coupon tried) counts as a checkout
        // request: codes cannot be guessed at speed.
        server::limit_checkout().await?;
        let pool = server::pool()?;
        let user = server::optional_user().await?;
        let (lines, buyer) = match &user {
            Some(u) => (
                db::stored_lines(&pool, u.id).await?,
                Buyer {
                    user_id: Some(u.id),
                    email: Some(u.email.clone()),
                },
            ),
            None => (guest_lines, Buyer::default()),
        };
        let coupon = coupon.filter(|c| !c.trim().is_empty());
        let mut conn = pool.acquire().await?;
        let langs = crate::locale::locale_pair(&lang);
        let ask = db::Ask {
            lines: &lines,
            coupon: coupon.as_deref(),
            buyer: &buyer,
            shipping,
            langs,
            now: server::now()?,
            use_points,
        };
        Ok(db::price(&mut conn, &ask).await?.quote)
    })
    .await
}

/// Adds to the signed-in shopper's cart; returns the line's new quantity.
#[server(endpoint = "cart_add", input = Json)]
pub async fn add_to_cart(variant_id: i64, qty: i32) -> Result<i32, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        crate::cart::db::add(&server::pool()?, user.id, variant_id, qty).await
    })
    .await
}

/// Sets a line's quantity in the signed-in shopper's cart (0 removes it).
#[server(endpoint = "cart_set", input = Json)]
pub async fn set_cart_qty(variant_id: i64, qty: i32) -> Result<i32, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        crate::cart::db::set_qty(&server::pool()?, user.id, variant_id, qty).await
    })
    .await
}

/// The signed-in shopper's held coupons weighed against their cart with
/// `shipping`: the best first, each with what it saves or why it does not
/// apply (names in `lang`). Guests hold none.
#[server(endpoint = "checkout/coupon-offers", input = Json)]
pub async fn coupon_offers(
    lang: String,
    #[server(default)] shipping: crate::cart::ShippingMethod,
) -> Result<Vec<crate::wallet::CouponOffer>, AppError> {
    use crate::cart::db;
    use crate::promotions::db::Buyer;
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let pool = server::pool()?;
        let lines = db::stored_lines(&pool, user.id).await?;
        let buyer = Buyer {
            user_id: Some(user.id),
            email: Some(user.email.clone()),
        };
        let mut conn = pool.acquire().await?;
        let ask = db::Ask {
            lines: &lines,
            coupon: None,
            buyer: &buyer,
            shipping,
            langs: crate::locale::locale_pair(&lang),
            now: server::now()?,
            use_points: false,
        };
        Ok(db::price_and_offers(&mut conn, &ask, true).await?.1)
    })
    .await
}
