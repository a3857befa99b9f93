//! Recently viewed products. Everyone's list is kept in the browser (so it
//! works for guests and offline); a signed-in shopper's views are also
//! saved on the server so the list follows them to other devices.
use crate::catalog::api::{product_cards, recently_viewed, remember_view};
use crate::catalog::components::ProductGrid;
use crate::i18n::*;
use crate::ui::kit::use_auth;
use leptos::prelude::*;

pub const KEEP: usize = 20;
const KEY: &str = "agora.recent";
/// Recently viewed categories, newest first ("for you" reads them).
const CATEGORIES_KEY: &str = "agora.recent_categories";
const CATEGORIES_KEEP: usize = 10;

fn load_from(key: &str) -> Vec<i64> {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::get(key).unwrap_or_default()
}

fn load() -> Vec<i64> {
    load_from(KEY)
}

/// The browser's recently viewed products and categories, newest first.
pub fn history() -> (Vec<i64>, Vec<i64>) {
    (load(), load_from(CATEGORIES_KEY))
}

/// Puts a category at the front of the browser's list. Client only; the
/// list never leaves the browser except as the input of "for you".
pub fn record_category(category_id: i64) {
    use gloo_storage::Storage;
    let mut ids = load_from(CATEGORIES_KEY);
    ids.retain(|i| *i != category_id);
    ids.insert(0, category_id);
    ids.truncate(CATEGORIES_KEEP);
    let _ = gloo_storage::LocalStorage::set(CATEGORIES_KEY, &ids);
}

/// Puts a product at the front of the browser's list (and on the server for
/// a signed-in shopper). Call from the client only.
pub fn record(product_id: i64, signed_in: bool) {
    use gloo_storage::Storage;
    let mut ids = load();
    ids.retain(|i| *i != product_id);
    ids.insert(0, product_id);
    ids.truncate(KEEP);
    let _ = gloo_storage::LocalStorage::set(KEY, &ids);
    if signed_in {
        leptos::task::spawn_local(async move {
            let _ = remember_view(product_id).await;
        });
    }
}

/// A row of recently viewed products; rendered in the browser only, since
/// the list lives there.
#[component]
pub fn RecentlyViewed(#[prop(optional)] exclude: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Filled in the browser only: the list lives there, and a server render
    // must not wait for it.
    let cards = RwSignal::new(Vec::<crate::catalog::ProductCard>::new());
    Effect::new(move |_| {
        let lang = i18n.get_locale().as_str().to_string();
        let signed_in = auth.current().is_some();
        leptos::task::spawn_local(async move {
            let list = if signed_in {
                recently_viewed(lang).await
            } else {
                let ids = load();
                if ids.is_empty() {
                    Ok(vec![])
                } else {
                    product_cards(ids, lang).await
                }
            };
            let mut v = list.unwrap_or_default();
            v.retain(|c| Some(c.id) != exclude);
            v.truncate(8);
            let _ = cards.try_set(v);
        });
    });
    move || {
        let products = cards.get();
        (!products.is_empty()).then(|| {
            view! {
                <section class="section recent" aria-labelledby="recent-title">
                    <h2 id="recent-title">{t!(i18n, catalog.recently_viewed)}</h2>
                    <ProductGrid products first_row_eager=false />
                </section>
            }
        })
    }
}
