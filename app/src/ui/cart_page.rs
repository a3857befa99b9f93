use crate::i18n::*;
use crate::ui::Seo;
use leptos::prelude::*;

/// The cart. Adding to it arrives with the checkout feature; until then it
/// shows the empty state a new shopper sees.
#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), common.cart_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/cart"
        />
        <section class="message-page">
            <h1>{t!(i18n, common.cart_title)}</h1>
            <p class="lead">{t!(i18n, common.cart_empty_title)}</p>
            <p>{t!(i18n, common.cart_empty_body)}</p>
            <a class="btn primary" href="/">{t!(i18n, common.continue_shopping)}</a>
        </section>
    }
}
