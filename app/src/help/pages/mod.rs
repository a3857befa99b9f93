//! The help centre's pages: `/help` (the categories and their articles, or
//! with `?q=` the search results) and `/help/:slug` (one article). One
//! lazily loaded route serves both, in the account piece, so the
//! storefront's main module carries one entry for them.
mod article;
mod home;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub use article::ArticlePage;
pub use home::HelpHomePage;

/// `/help` and `/help/:slug`.
#[component]
pub fn HelpPages() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("slug")) {
        None => view! { <HelpHomePage /> }.into_any(),
        Some(_) => view! { <ArticlePage /> }.into_any(),
    }
}

/// "Didn't find the answer?": the way to customer service under every
/// help page.
#[component]
fn AskUs() -> impl IntoView {
    use crate::i18n::*;
    let i18n = use_i18n();
    view! {
        <aside class="help-ask">
            <p>{t!(i18n, help.ask_title)}</p>
            <a class="btn" href="/tickets/new">{t!(i18n, help.ask_link)}</a>
        </aside>
    }
}
