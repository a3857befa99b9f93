//! Pieces shared by the cart and checkout pages.
mod coupon_form;
mod extra;
mod lines;
mod nojs;
mod summary;

pub use coupon_form::CouponForm;
pub use extra::{OffersInputs, PointsChoice, PointsInputs, WalletOffers};
pub use lines::CartLines;
pub use nojs::{NoScriptSignIn, SignInToBuy};
pub use summary::{Summary, coupon_problem_text};

use crate::cart::ShippingMethod;
use crate::i18n::*;

pub fn shipping_name(locale: Locale, m: ShippingMethod) -> &'static str {
    match m {
        ShippingMethod::Standard => td_string!(locale, cart.shipping_standard),
        ShippingMethod::Express => td_string!(locale, cart.shipping_express),
    }
}
