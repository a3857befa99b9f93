//! The rows, drawn in the browser from the storefront's lazy piece.
use super::api::{for_you, get_product_recs};
use crate::catalog::ProductCard;
use crate::catalog::components::ProductGrid;
use crate::i18n::*;
use crate::ui::kit::use_auth;
use leptos::prelude::*;

/// A titled row of cards; nothing when there are none.
fn row(id: &'static str, title: AnyView, products: Vec<ProductCard>) -> Option<AnyView> {
    (!products.is_empty()).then(|| {
        view! {
            <section class="section recs" aria-labelledby=id data-testid=id>
                <h2 id=id>{title}</h2>
                <ProductGrid products first_row_eager=false />
            </section>
        }
        .into_any()
    })
}

/// "Bought together" and "also viewed" under a product.
#[component]
pub fn ProductRecsRows(product_id: i64) -> impl IntoView {
    let (i18n, auth) = (use_i18n(), use_auth());
    // Asked again when someone signs in or out: what they bought drops out.
    let recs = LocalResource::new(move || {
        let lang = i18n.get_locale().as_str().to_string();
        let _ = auth.version();
        get_product_recs(product_id, lang)
    });
    move || {
        let r = recs.get().and_then(Result::ok).unwrap_or_default();
        view! {
            {row("bought-together", t!(i18n, catalog.bought_together).into_any(), r.bought_together)}
            {row("also-viewed", t!(i18n, catalog.also_viewed).into_any(), r.also_viewed)}
        }
    }
}

/// "For you" on the home page, from the browser's history (and the
/// signed-in shopper's, which the server reads itself).
#[component]
pub fn ForYou() -> impl IntoView {
    let (i18n, auth) = (use_i18n(), use_auth());
    let recs = LocalResource::new(move || {
        let lang = i18n.get_locale().as_str().to_string();
        let _ = auth.version();
        let (products, categories) = crate::catalog::recent::history();
        for_you(products, categories, lang)
    });
    move || {
        let cards = recs.get().and_then(Result::ok).unwrap_or_default();
        row("for-you", t!(i18n, catalog.for_you).into_any(), cards)
    }
}
