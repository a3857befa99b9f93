//! Design system and the page frame: header, footer, form fields, messages.
mod auth_ctx;
mod field;
mod footer;
mod form;
mod header;
mod icons;
mod messages;
mod money;
mod not_found;
mod seo;

pub use auth_ctx::{AuthCtx, use_auth};
pub use field::{ErrorNote, Field, FormStatus};
pub use form::form_data;
pub use icons::Icon;
pub use messages::{error_text, permission_text, role_text};
pub use money::format_money;
pub use not_found::NotFound;
pub use seo::{PublicUrl, Seo};

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Bumped whenever the browser cart changes, so the header badge re-reads it.
#[derive(Clone, Copy)]
pub struct CartTick(pub RwSignal<u32>);

/// Header, main landmark and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    AuthCtx::provide();
    provide_context(CartTick(RwSignal::new(0)));
    crate::catalog::components::MenuCtx::provide();
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
        <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
        {shop_frame.then(|| view! { <header::Header /> })}
        <main id="main" tabindex="-1">{children()}</main>
        {shop_frame.then(|| view! { <footer::Footer /> })}
    }
}
