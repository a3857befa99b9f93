//! Checkout without JavaScript, for a signed-in shopper (a guest's cart
//! lives in the browser, see `cart::forms`). The page is rendered on the
//! server from `start_checkout`, and its form posts URL-encoded, as a
//! browser posts a plain form, to `place_order_form`: the same checks,
//! transaction and limits as `api::place_order`, then a redirect to the
//! order (or to pay for it). A refusal goes back to the page with the error
//! in the URL (`server::run`). A coupon is applied by the coupon box's plain
//! GET form: the page is priced again with `?coupon=` and the form carries
//! the code. With JavaScript the page prices and places the order itself,
//! and the form is never posted.
// server_fn decodes a plain form's fields into the server function's
// arguments, one each, so `place_order_form` takes eight; the allow is on the
// module because the browser-side stub that `#[server]` generates does not
// carry an item-level allow.
#![allow(clippy::too_many_arguments)]
use crate::accounts::{Address, AddressInput};
use crate::cart::{Quote, ShippingMethod};
use crate::error::AppError;
use crate::payments::PaymentMethod;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The order's total with each delivery method, in minor units. The form
/// posts them back as `totals[standard]` and `totals[express]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryTotals {
    pub standard: i64,
    pub express: i64,
}

impl DeliveryTotals {
    pub fn of(self, shipping: ShippingMethod) -> i64 {
        match shipping {
            ShippingMethod::Standard => self.standard,
            ShippingMethod::Express => self.express,
        }
    }
}

/// What the server renders the checkout page from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutStart {
    /// The stored cart priced with standard delivery, checked first, and
    /// with the coupon in the page's URL, if any.
    pub quote: Quote,
    /// The total with each delivery method. A page without JavaScript
    /// cannot re-price when the shopper picks another method, so the page
    /// shows each beside its method, the form carries them all, and the
    /// order is placed only at the one for the method chosen.
    pub totals: DeliveryTotals,
    pub addresses: Vec<Address>,
    /// The payment methods the shop offers now.
    pub offered: Vec<PaymentMethod>,
    /// An idempotency key for this visit: posting the form twice places
    /// one order.
    pub key: String,
}

impl CheckoutStart {
    /// The coupon the order is placed with: the one priced, if it applies.
    pub fn applied_coupon(&self) -> Option<String> {
        self.quote
            .coupon
            .clone()
            .filter(|_| self.quote.coupon_problem.is_none())
    }
}

/// The signed-in shopper's checkout as the page starts it, priced with
/// `coupon` (the page's `?coupon=`); None for a guest. Posted, not a GET:
/// each answer carries a new key, and must never be cached.
#[server(endpoint = "checkout_start")]
pub async fn start_checkout(
    lang: String,
    #[server(default)] coupon: Option<String>,
) -> Result<Option<CheckoutStart>, AppError> {
    use crate::server;
    server::run(async move {
        let Some(user) = server::optional_user().await? else {
            return Ok(None);
        };
        // One pricing request, as far as the limit is concerned, though
        // each method is priced.
        server::limit_checkout().await?;
        let methods = [ShippingMethod::Standard, ShippingMethod::Express];
        let coupon = coupon.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let quotes = crate::cart::forms::price_stored(&user, &lang, coupon, &methods).await?;
        let [quote, express] = <[Quote; 2]>::try_from(quotes).map_err(|_| AppError::Internal)?;
        Ok(Some(CheckoutStart {
            totals: DeliveryTotals {
                standard: quote.total_minor,
                express: express.total_minor,
            },
            quote,
            addresses: crate::accounts::db::addresses(&server::pool()?, user.id).await?,
            offered: crate::payments::db::offered_methods(&*server::settings()?),
            key: crate::payments::db::random_hex(16),
        }))
    })
    .await
}

/// The checkout form posted without JavaScript. `address_id` is a saved
/// address, or empty for the new one in `address` (whose fields are posted
/// either way, and ignored for a saved one); `coupon` is the code the page
/// was priced with, if it applied; `totals` are the ones the page showed
/// (see `CheckoutStart`). A form without a key gets one here.
/// One argument per field of the posted form (see the module's lint note).
#[server(endpoint = "checkout_form")]
pub async fn place_order_form(
    #[server(default)] key: String,
    lang: String,
    #[server(default)] address_id: Option<i64>,
    #[server(default)] address: Option<AddressInput>,
    #[server(default)] coupon: Option<String>,
    shipping: ShippingMethod,
    payment: PaymentMethod,
    totals: DeliveryTotals,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        // A guest's lines are in the browser, out of this form's reach.
        server::require_user().await?;
        let key = if key.is_empty() {
            crate::payments::db::random_hex(16)
        } else {
            key
        };
        let order = super::OrderForm {
            key,
            lang,
            lines: Vec::new(),
            email: None,
            address_id,
            address,
            shipping,
            coupon,
            payment,
            // Points are offered once the page runs in the browser.
            use_points: false,
            expected_points: 0,
            expected_total_minor: totals.of(shipping),
        };
        let placed = super::api::place_order(order).await?;
        let next = placed
            .pay_url
            .unwrap_or_else(|| crate::orders::order_href(&placed.number, None));
        leptos_axum::redirect(&next);
        Ok(())
    })
    .await
}
