use crate::catalog::api::category_listing;
use crate::catalog::components::ProductGrid;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{ErrorNote, NotFound};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let slug = params.with(|p| p.get("slug").unwrap_or_default());
        let page = query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
        });
        (slug, i18n.get_locale().as_str().to_string(), page)
    };
    let listing = Resource::new(key, |(slug, lang, page)| category_listing(slug, lang, page));
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || listing.get().map(|r| match r {
                Ok(l) => {
                    let title = l.category.name.clone();
                    let slug = l.category.slug.clone();
                    view! {
                        <Title text=title.clone() />
                        <nav class="breadcrumb" aria-label=move || td_string!(i18n.get_locale(), catalog.breadcrumb)>
                            <ol>
                                <li><a href="/">{t!(i18n, catalog.home)}</a></li>
                                {l.parent.clone().map(|p| view! { <li><a href=format!("/c/{}", p.slug)>{p.name}</a></li> })}
                                <li aria-current="page">{title.clone()}</li>
                            </ol>
                        </nav>
                        <header class="page-head">
                            <h1>{title}</h1>
                            <p class="muted">{t!(i18n, catalog.products_count, count = l.total)}</p>
                        </header>
                        {(!l.children.is_empty()).then(|| view! {
                            <ul class="chips" aria-label=move || td_string!(i18n.get_locale(), catalog.subcategories)>
                                {l.children.iter().map(|c| view! {
                                    <li><a class="chip" href=format!("/c/{}", c.slug)>{c.name.clone()}</a></li>
                                }).collect_view()}
                            </ul>
                        })}
                        {if l.products.is_empty() {
                            view! { <p class="empty">{t!(i18n, catalog.empty_category)}</p> }.into_any()
                        } else {
                            view! { <ProductGrid products=l.products /> }.into_any()
                        }}
                        <Pager slug page=l.page pages=l.pages />
                    }.into_any()
                }
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Pager(slug: String, page: i64, pages: i64) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        let prev = (page > 1).then(|| format!("/c/{slug}?page={}", page - 1));
        let next = (page < pages).then(|| format!("/c/{slug}?page={}", page + 1));
        view! {
            <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), catalog.page_of, page = page, pages = pages)>
                {prev.map(|h| view! { <a class="btn" rel="prev" href=h>{t!(i18n, catalog.previous_page)}</a> })}
                <span>{t!(i18n, catalog.page_of, page = page, pages = pages)}</span>
                {next.map(|h| view! { <a class="btn" rel="next" href=h>{t!(i18n, catalog.next_page)}</a> })}
            </nav>
        }
    })
}
