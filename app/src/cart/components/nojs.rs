//! What a guest without JavaScript is told where the cart is needed. A
//! guest's cart lives in the browser, and only a script can read it there;
//! a signed-in shopper's is stored on the server, so signing in is the way
//! to buy without JavaScript (`cart::forms`).
use crate::i18n::*;
use crate::text::url_encode_path;
use leptos::prelude::*;

fn sign_in_href(next: &str) -> String {
    format!("/sign-in?next={}", url_encode_path(next))
}

/// After the product page's form, posted without JavaScript by a guest, was
/// refused: why, and a sign-in link that comes back to `next`.
#[component]
pub fn SignInToBuy(next: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-status error" role="alert" data-testid="nojs-sign-in">
            {t!(i18n, cart.nojs_sign_in)}" "
            <a href=sign_in_href(&next)>{t!(i18n, common.sign_in)}</a>
        </p>
    }
}

/// The same, on a page that shows a guest's cart only once a script has
/// read it (the cart, checkout), beside the page's "loading". It is in the
/// page for everyone and hidden by the stylesheet once the document has the
/// `js` class, which the shell's first inline script sets before anything
/// is painted: a browser running scripts never shows it, one without them
/// always does (unlike `<noscript>`, whose content some browsers that only
/// block script execution still treat as text).
#[component]
pub fn NoScriptSignIn(next: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-status error nojs-only" data-testid="nojs-sign-in">
            {t!(i18n, cart.nojs_sign_in)}" "
            <a href=sign_in_href(next)>{t!(i18n, common.sign_in)}</a>
        </p>
    }
}
