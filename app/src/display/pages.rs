//! `/display`: the display settings for everyone, guests included (linked
//! from the footer of every page). Signed-in shoppers also find them on
//! the account page.
use super::components::DisplayForm;
use crate::i18n::*;
use crate::ui::kit::Seo;
use leptos::prelude::*;

#[component]
pub fn DisplayPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), display.page_title).to_string()
            description=move || td_string!(i18n.get_locale(), display.page_intro).to_string()
            path="/display"
        />
        <header class="page-head">
            <h1>{t!(i18n, display.page_title)}</h1>
            <p class="muted">{t!(i18n, display.page_intro)}</p>
        </header>
        <div class="card display-card">
            <DisplayForm />
        </div>
    }
}
