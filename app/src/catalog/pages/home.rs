use crate::catalog::api::get_home;
use crate::catalog::components::{ProductGrid, use_menu};
use crate::catalog::department_glyph;
use crate::catalog::extra::{Extra, LazyExtra};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Seo};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let menu = use_menu();
    let rows = crate::ui::kit::resource(move || i18n.get_locale().as_str().to_string(), get_home);
    view! {
        <Seo
            title=String::new()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/"
        />
        <section class="hero">
            <div class="hero-text">
                <h1>{t!(i18n, catalog.hero_title)}</h1>
                <p>{t!(i18n, catalog.hero_body)}</p>
                <a class="btn primary" href="#new">{t!(i18n, catalog.hero_cta)}</a>
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
        <PromoSlot />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(rows, move |r| match r {
                Ok(rows) => view! {
                    <Row id="featured" title=td_string!(i18n.get_locale(), catalog.featured).to_string() products=rows.featured />
                    <Row id="new" title=td_string!(i18n.get_locale(), catalog.new_arrivals).to_string() products=rows.new_arrivals />
                    <Row id="best" title=td_string!(i18n.get_locale(), catalog.best_sellers).to_string() products=rows.best_sellers />
                }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
        <LazyExtra extra=Extra::ForYou />
        <LazyExtra extra=Extra::Recent(None) />
    }
}

#[component]
fn Row(
    id: &'static str,
    title: String,
    products: Vec<crate::catalog::ProductCard>,
) -> impl IntoView {
    (!products.is_empty()).then(|| {
        view! {
            <section class="section" id=id aria-labelledby=format!("{id}-title")>
                <h2 id=format!("{id}-title")>{title}</h2>
                <ProductGrid products first_row_eager=false />
            </section>
        }
    })
}

/// The home page's campaign slot. Promotions fill it once they exist; until
/// then it shows the season's campaign, a link into the catalog.
#[component]
fn PromoSlot() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="promo-slot" aria-labelledby="promo-title">
            <div>
                <p class="promo-kicker">{t!(i18n, catalog.promo_kicker)}</p>
                <h2 id="promo-title">{t!(i18n, catalog.promo_title)}</h2>
                <p>{t!(i18n, catalog.promo_body)}</p>
            </div>
            <a class="btn" href="/c/down-jackets">{t!(i18n, catalog.promo_cta)}</a>
        </section>
    }
}
