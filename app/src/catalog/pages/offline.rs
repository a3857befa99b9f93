//! Shown by the service worker when a page is requested offline and no copy
//! of it was kept. It is precached with the app shell.
use crate::i18n::*;
use crate::ui::kit::{Icon, Seo};
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), catalog.offline_title).to_string()
            description=move || td_string!(i18n.get_locale(), catalog.offline_body).to_string()
            path="/offline"
        />
        <section class="offline-page">
            <span class="offline-icon"><Icon name="offline" /></span>
            <h1>{t!(i18n, catalog.offline_title)}</h1>
            <p>{t!(i18n, catalog.offline_body)}</p>
            <div class="offline-lists">
                <div>
                    <h2>{t!(i18n, catalog.offline_works)}</h2>
                    <ul>
                        <li>{t!(i18n, catalog.offline_works_pages)}</li>
                        <li>{t!(i18n, catalog.offline_works_cart)}</li>
                    </ul>
                </div>
                <div>
                    <h2>{t!(i18n, catalog.offline_needs)}</h2>
                    <ul>
                        <li>{t!(i18n, catalog.offline_needs_new)}</li>
                        <li>{t!(i18n, catalog.offline_needs_account)}</li>
                        <li>{t!(i18n, catalog.offline_needs_checkout)}</li>
                    </ul>
                </div>
            </div>
            <a class="btn primary" href="/">{t!(i18n, catalog.offline_retry)}</a>
        </section>
    }
}
