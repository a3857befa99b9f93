//! The frame around every page: header, main landmark and footer, and the
//! page-wide contexts (who is signed in, the cart badge's tick, the
//! category menu). It shows features, so it sits above them all.
mod auth;
mod footer;
mod header;

use crate::i18n::*;
use crate::ui::kit::{CartTick, InboxTick};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Header, main landmark and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    auth::provide_auth();
    provide_context(CartTick(RwSignal::new(0)));
    provide_context(InboxTick(RwSignal::new(0)));
    crate::catalog::components::MenuCtx::provide();
    crate::display::components::DisplayCtx::provide();
    // The sandbox provider's hosted page stands for another company's
    // website, so the shop's header and footer stay off it. Decided once per
    // page load, not reactively: every way onto and off that page is a full
    // load (checkout and the order page set `location`, its links are
    // `rel="external"`), and the header must be built eagerly, in the same
    // order on the server and in the browser, or the ids of its resources
    // shift against the page's and hydration fails.
    let shop_frame = !use_location()
        .pathname
        .get_untracked()
        .starts_with("/sandbox/");
    view! {
        <crate::display::components::DisplayAttrs />
        <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
        {shop_frame.then(|| view! { <header::Header /> })}
        <main id="main" tabindex="-1">{children()}</main>
        {shop_frame.then(|| view! { <footer::Footer /> })}
    }
}
