//! The site header: menu, logo, search, language, cart and account.
use super::icons::Icon;
use crate::catalog::components::{CategoryDrawer, CategoryNav, SearchBox};
use crate::i18n::*;
use crate::ui::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <CategoryDrawer />
                <a class="logo" href="/">
                    <img src="/icons/icon.svg" width="32" height="32" alt="" />
                    <span>"Agora"</span>
                </a>
                <SearchBox />
                <div class="actions">
                    <LangSwitch />
                    <CartBadge />
                    <AccountMenu />
                </div>
            </div>
            <CategoryNav />
        </header>
    }
}

/// A real link (works without JavaScript: the server sets the cookie); once
/// hydrated, switching happens in place.
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || match i18n.get_locale() {
        Locale::zh_CN => Locale::en,
        Locale::en => Locale::zh_CN,
    };
    let href = move || {
        let next = format!("{}{}", location.pathname.get(), location.search.get());
        format!("/lang/{}?next={}", other().as_str(), urlencode(&next))
    };
    view! {
        <a
            class="lang-switch"
            href=href
            hreflang=move || other().as_str()
            lang=move || other().as_str()
            aria-label=move || td_string!(i18n.get_locale(), common.switch_lang_label)
            on:click=move |ev| {
                ev.prevent_default();
                i18n.set_locale(other());
            }
        >
            <Icon name="globe" />
            <span>{t!(i18n, common.switch_lang)}</span>
        </a>
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Number of items in the cart: the browser's for a guest, the stored one
/// for a signed-in shopper (filled in after hydration).
#[component]
fn CartBadge() -> impl IntoView {
    let i18n = use_i18n();
    let tick = use_context::<super::CartTick>();
    let auth = super::use_auth();
    let count = LocalResource::new(move || {
        if let Some(t) = tick {
            t.0.track();
        }
        let signed_in = auth.current().is_some();
        async move {
            if signed_in {
                crate::cart::api::cart_count().await.unwrap_or(0) as u32
            } else {
                crate::cart::local::count().max(0) as u32
            }
        }
    });
    let n = move || count.get().unwrap_or(0).min(999);
    view! {
        <a class="icon-btn cart" href="/cart" aria-label=move || td_string!(i18n.get_locale(), common.cart_count, count = n())>
            <Icon name="cart" />
            <Show when=move || { n() > 0 }>
                <span class="badge" aria-hidden="true" data-testid="cart-badge">{n}</span>
            </Show>
        </a>
    }
}

#[component]
fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || match auth.current() {
                Some(user) => view! {
                    <details class="account-menu">
                        <summary class="icon-btn" aria-label=move || td_string!(i18n.get_locale(), common.account_menu)>
                            <Icon name="user" />
                            <span class="name">{user.display_name.clone()}</span>
                        </summary>
                        <ul class="menu-panel">
                            <li><a href="/account">{t!(i18n, common.account)}</a></li>
                            <li><a href="/orders">{t!(i18n, common.my_orders)}</a></li>
                            {user.is_staff().then(|| view! { <li><a href="/admin">{t!(i18n, common.admin)}</a></li> })}
                            <li>
                                <ActionForm action=auth.sign_out>
                                    <button type="submit" class="link-btn">{t!(i18n, common.sign_out)}</button>
                                </ActionForm>
                            </li>
                        </ul>
                    </details>
                }.into_any(),
                None => view! {
                    <a
                        class="icon-btn sign-in-link"
                        href="/sign-in"
                        aria-label=move || td_string!(i18n.get_locale(), common.sign_in)
                    >
                        <Icon name="user" />
                        <span class="name">{t!(i18n, common.sign_in)}</span>
                    </a>
                }.into_any(),
            }}
        </Transition>
    }
}
