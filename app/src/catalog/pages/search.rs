use crate::catalog::api::search;
use crate::catalog::components::ProductGrid;
use crate::i18n::*;
use crate::ui::ErrorNote;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default().trim().to_string());
    let results = Resource::new(
        move || (q(), i18n.get_locale().as_str().to_string()),
        |(q, lang)| search(q, lang),
    );
    view! {
        <Title text=move || td_string!(i18n.get_locale(), catalog.search_title) />
        <header class="page-head">
            <h1>
                {move || if q().is_empty() {
                    td_string!(i18n.get_locale(), catalog.search_title).to_string()
                } else {
                    td_string!(i18n.get_locale(), catalog.search_results_for, q = q())
                }}
            </h1>
        </header>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || results.get().map(|r| match r {
                Ok(res) if q().is_empty() => { let _ = res; view! { <p class="empty">{t!(i18n, catalog.search_prompt)}</p> }.into_any() }
                Ok(res) if res.products.is_empty() => view! { <p class="empty">{t!(i18n, catalog.search_no_results)}</p> }.into_any(),
                Ok(res) => view! {
                    <p class="muted">{t!(i18n, catalog.products_count, count = res.total)}</p>
                    <ProductGrid products=res.products />
                }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}
