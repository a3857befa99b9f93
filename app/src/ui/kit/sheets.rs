//! The stylesheet of the pages outside the storefront (style/pages.css):
//! the account piece's pages and the back office link it, so a shopper on
//! the catalog, cart and checkout never downloads their rules
//! (server/tests/bundle_budget.rs checks both).
use leptos::prelude::*;

/// Named by a hash of the file's content (app/build.rs), so a browser may
/// keep it for good.
pub const PAGES_CSS_URL: &str = concat!("/pages.css?v=", env!("AGORA_PAGES_CSS"));

/// Its text, served by the server at `PAGES_CSS_URL`.
#[cfg(feature = "ssr")]
pub const PAGES_CSS: &str = include_str!("../../../../style/pages.css");

/// The `<link>` to it, put in the `<head>` (once, by its id, however many
/// pages ask).
#[component]
pub fn PagesStyles() -> impl IntoView {
    view! { <leptos_meta::Stylesheet id="pages-css" href=PAGES_CSS_URL /> }
}
