use crate::accounts::auth_link;
use crate::accounts::components::SignInForm;
use crate::i18n::*;
use crate::ui::kit::Seo;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next"));
    // Registering instead still comes back to where the shopper was.
    let register_href = auth_link("/register", next.as_deref());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), accounts.sign_in_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/sign-in"
        />
        <section class="auth-card">
            <h1>{t!(i18n, accounts.sign_in_title)}</h1>
            <p class="muted">{t!(i18n, accounts.sign_in_intro)}</p>
            <SignInForm next />
            <p class="switch">
                {t!(i18n, accounts.no_account)} " " <a href=register_href>{t!(i18n, accounts.create_account)}</a>
            </p>
        </section>
    }
}
