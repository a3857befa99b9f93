use crate::i18n::*;
use leptos::prelude::*;

/// The translated 404 page; answers with HTTP 404 when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text=move || td_string!(i18n.get_locale(), common.not_found_title) />
        <leptos_meta::Meta name="description" content=move || td_string!(i18n.get_locale(), common.meta_description) />
        <section class="message-page">
            <p class="big-code" aria-hidden="true">"404"</p>
            <h1>{t!(i18n, common.not_found_title)}</h1>
            <p>{t!(i18n, common.not_found_body)}</p>
            <a class="btn primary" href="/">{t!(i18n, common.back_home)}</a>
        </section>
    }
}
