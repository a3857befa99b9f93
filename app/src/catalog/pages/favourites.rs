//! The signed-in shopper's favourites, shown on the account page.
use crate::catalog::api::favourites;
use crate::catalog::components::ProductGrid;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, use_auth};
use leptos::prelude::*;

#[component]
pub fn FavouritesSection() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let list = crate::ui::kit::resource(
        move || (auth.version(), i18n.get_locale().as_str().to_string()),
        |(_, lang)| favourites(lang),
    );
    view! {
        <section class="section favourites" id="favourites" aria-labelledby="favourites-title">
            <h2 id="favourites-title">{t!(i18n, catalog.favourites_title)}</h2>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(list, move |r| match r {
                    // Guests see the sign-in form above instead.
                    Err(AppError::Unauthenticated) => ().into_any(),
                    Ok(v) if v.is_empty() => view! { <p class="muted">{t!(i18n, catalog.favourites_empty)}</p> }.into_any(),
                    Ok(products) => view! { <ProductGrid products first_row_eager=false /> }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
