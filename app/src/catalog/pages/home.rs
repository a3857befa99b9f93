use crate::catalog::api::featured_products;
use crate::catalog::components::{ProductGrid, use_menu};
use crate::catalog::department_glyph;
use crate::i18n::*;
use crate::ui::ErrorNote;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let menu = use_menu();
    let featured = Resource::new(
        move || i18n.get_locale().as_str().to_string(),
        featured_products,
    );
    view! {
        <Title text="" />
        <section class="hero">
            <div class="hero-text">
                <h1>{t!(i18n, catalog.hero_title)}</h1>
                <p>{t!(i18n, catalog.hero_body)}</p>
                <a class="btn primary" href="#featured">{t!(i18n, catalog.hero_cta)}</a>
            </div>
        </section>
        <section class="section" aria-labelledby="shop-by-category">
            <h2 id="shop-by-category">{t!(i18n, catalog.shop_by_category)}</h2>
            <Transition fallback=|| ()>
                <ul class="category-tiles">
                    {move || menu.tree().into_iter().map(|(top, kids)| view! {
                        <li>
                            <a href=format!("/c/{}", top.slug)>
                                <span class=format!("tile-art tile-{}", top.slug) aria-hidden="true">
                                    <svg viewBox="0 0 24 24" width="24" height="24" focusable="false">
                                        <path d=department_glyph(&top.slug) fill="currentColor" fill-rule="evenodd" />
                                    </svg>
                                </span>
                                <span class="tile-name">{top.name.clone()}</span>
                                <span class="tile-kids">
                                    {kids.iter().take(3).map(|k| k.name.clone()).collect::<Vec<_>>().join(" · ")}
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </Transition>
        </section>
        <section class="section" id="featured" aria-labelledby="featured-title">
            <h2 id="featured-title">{t!(i18n, catalog.featured)}</h2>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || featured.get().map(|r| match r {
                    Ok(products) => view! { <ProductGrid products /> }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
