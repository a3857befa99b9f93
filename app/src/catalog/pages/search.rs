use super::category::url_filters;
use crate::catalog::api::search;
use crate::catalog::components::{ListingCtx, ListingView};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Seo, group_thousands};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filters = url_filters(query);
    let q = move || query.with(|m| m.get("q").unwrap_or_default().trim().to_string());
    let results = crate::ui::kit::resource(
        move || (q(), i18n.get_locale().as_str().to_string(), filters()),
        |(q, lang, filters)| search(q, lang, filters),
    );
    view! {
        <Seo
            title=move || {
                let q = q();
                if q.is_empty() {
                    td_string!(i18n.get_locale(), catalog.search_title).to_string()
                } else {
                    td_string!(i18n.get_locale(), catalog.search_results_for, q = q).to_string()
                }
            }
            description=move || td_string!(i18n.get_locale(), catalog.search_description).to_string()
            path="/search"
        />
        <header class="page-head">
            <h1>
                {move || if q().is_empty() {
                    td_string!(i18n.get_locale(), catalog.search_title).to_string()
                } else {
                    td_string!(i18n.get_locale(), catalog.search_results_for, q = q()).to_string()
                }}
            </h1>
        </header>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            // Drawn again when the results change, and only then (see
            // `ui::kit::drawn`): the query and the language feed the results.
            {move || {
                let results = results.get();
                untrack(move || {
                    if q().is_empty() {
                        return Some(view! { <p class="empty">{t!(i18n, catalog.search_prompt)}</p> }.into_any());
                    }
                    results.map(|r| match r {
                        Ok(res) => {
                            let total = res.listing.total;
                            let unfiltered_miss = total == 0 && !filters().narrows();
                            // A broad search stops counting at its budget: "10,000+"
                            // (docs/search.md), and says so under the pages.
                            let capped = res.listing.capped;
                            let counted = group_thousands(u64::try_from(total).unwrap_or(0));
                            let (n, note_n) = (counted.clone(), counted);
                            let count_text = move || {
                                let l = i18n.get_locale();
                                if capped {
                                    td_string!(l, catalog.products_count_capped, n = n.clone()).to_string()
                                } else {
                                    td_string!(l, catalog.products_count, count = total).to_string()
                                }
                            };
                            view! {
                                {res.corrected.clone().map(|c| view! {
                                    <p class="corrected" data-testid="corrected">{t!(i18n, catalog.showing_results_for, q = c)}</p>
                                })}
                                <p class="muted" data-testid="result-count">{count_text}</p>
                                {if unfiltered_miss {
                                    view! { <p class="empty">{t!(i18n, catalog.search_no_results)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ListingView
                                            ctx=ListingCtx { path: "/search".into(), extra: vec![("q".into(), q())], filters: filters() }
                                            listing=res.listing
                                            category_label=td_string!(i18n.get_locale(), catalog.categories).to_string()
                                        />
                                        {capped.then(|| view! {
                                            <p class="muted" data-testid="results-capped">
                                                {move || td_string!(i18n.get_locale(), catalog.results_capped, n = note_n.clone()).to_string()}
                                            </p>
                                        })}
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    })
                })
            }}
        </Transition>
    }
}
