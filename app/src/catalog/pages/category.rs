use crate::catalog::Filters;
use crate::catalog::api::get_category;
use crate::catalog::components::{ListingCtx, ListingView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, NotFound, Seo};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The URL's filters (every parameter; unknown ones are ignored).
pub fn url_filters(query: Memo<leptos_router::params::ParamsMap>) -> impl Fn() -> Filters + Copy {
    move || query.with(|q| Filters::from_pairs(q.into_iter().map(|(k, v)| (k.as_ref(), v))))
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let filters = url_filters(query);
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let view_data = crate::ui::kit::resource(
        move || (slug(), i18n.get_locale().as_str().to_string(), filters()),
        |(slug, lang, filters)| get_category(slug, lang, filters),
    );
    // Remember the category in the browser; "for you" leans towards it.
    Effect::new(move |prev: Option<Option<i64>>| {
        let id = view_data.get().and_then(|r| r.ok()).map(|v| v.category.id);
        if let Some(id) = id.filter(|id| Some(*id) != prev.flatten()) {
            crate::catalog::recent::record_category(id);
        }
        id
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(view_data, move |r| match r {
                Ok(v) => {
                    let name = v.category.name.clone();
                    let path = format!("/c/{}", v.category.slug);
                    let f = filters();
                    // Filtered variants are the same page for search engines.
                    let canonical = if f.page > 1 { f.with_page(f.page).href(&path, &[]) } else { path.clone() };
                    let total = v.listing.total;
                    let desc_name = name.clone();
                    view! {
                        <Seo
                            title=name.clone()
                            description=move || td_string!(i18n.get_locale(), catalog.category_description, name = desc_name.clone(), count = total).to_string()
                            path=canonical
                        />
                        <nav class="breadcrumb" aria-label=move || td_string!(i18n.get_locale(), catalog.breadcrumb)>
                            <ol>
                                <li><a href="/">{t!(i18n, catalog.home)}</a></li>
                                {v.trail.iter().map(|c| view! { <li><a href=format!("/c/{}", c.slug)>{c.name.clone()}</a></li> }).collect_view()}
                                <li aria-current="page">{name.clone()}</li>
                            </ol>
                        </nav>
                        <header class="page-head">
                            <h1>{name}</h1>
                            <p class="muted" data-testid="result-count">{t!(i18n, catalog.products_count, count = total)}</p>
                        </header>
                        <ListingView
                            ctx=ListingCtx { path, extra: vec![], filters: f }
                            listing=v.listing
                            category_label=td_string!(i18n.get_locale(), catalog.subcategories).to_string()
                        />
                    }.into_any()
                }
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}
