//! The site header: menu, logo, search, language, cart and account.
use crate::accounts::components::use_auth_actions;
use crate::catalog::components::{CategoryDrawer, CategoryNav, SearchBox};
use crate::i18n::*;
use crate::text::url_encode_path;
use crate::ui::kit::{CartTick, Icon, InboxTick, use_auth};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let header = NodeRef::<leptos::html::Header>::new();
    let counts = counts();
    close_menus_when_done(header);
    view! {
        <header
            class="site-header"
            node_ref=header
            on:toggle:capture=sync_expanded
            on:click=close_after_choice
        >
            <div class="bar">
                <CategoryDrawer />
                <a class="logo" href="/">
                    <img src="/icons/icon.svg" width="32" height="32" alt="" />
                    <span>"Agora"</span>
                </a>
                <SearchBox />
                <div class="actions">
                    <LangSwitch />
                    <CartBadge counts />
                    <AccountMenu counts />
                </div>
            </div>
            <CategoryNav />
        </header>
    }
}

/// The header's menus are `<details>`, so they open without JavaScript. Once
/// hydrated they also close the way menus do: on navigation, on Escape (focus
/// back on the toggle) and on a tap outside. Left open, the account menu
/// covered the back office's navigation on phones and swallowed its taps.
fn close_menus_when_done(header: NodeRef<leptos::html::Header>) {
    let location = use_location();
    // The first run is hydration, not a navigation: a menu opened while the
    // page was still loading stays open.
    Effect::new(move |prev: Option<()>| {
        location.pathname.track();
        location.search.track();
        if prev.is_some() {
            for menu in open_menus(header) {
                menu.set_open(false);
            }
        }
    });
    // Effects run only in the browser, so the server never touches `window`.
    Effect::new(move |_| {
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" {
                for menu in open_menus(header) {
                    menu.set_open(false);
                    refocus_toggle(&menu);
                }
            }
        });
        let taps = window_event_listener(leptos::ev::pointerdown, move |ev| {
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            for menu in open_menus(header) {
                if !menu.contains(target.as_ref()) {
                    menu.set_open(false);
                }
            }
        });
        on_cleanup(move || {
            keys.remove();
            taps.remove();
        });
    });
}

/// The header's `<details>` menus that are open now.
fn open_menus(header: NodeRef<leptos::html::Header>) -> Vec<web_sys::HtmlDetailsElement> {
    let Some(header) = header.try_get_untracked().flatten() else {
        return Vec::new();
    };
    let all = header.get_elements_by_tag_name("details");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|el| el.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .filter(|menu| menu.open())
        .collect()
}

/// Focus left inside a menu that closes would fall back to the page's start:
/// the toggle takes it. Focus elsewhere (say, in the search box) stays put.
fn refocus_toggle(menu: &web_sys::HtmlDetailsElement) {
    let lost = document()
        .active_element()
        .is_none_or(|el| el.tag_name() == "BODY" || menu.contains(Some(&*el)));
    let toggle = menu
        .query_selector(":scope > summary")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let (true, Some(toggle)) = (lost, toggle) {
        _ = toggle.focus();
    }
}

/// A link chosen in a menu closes it at once, also when it leads to the page
/// already shown (then no navigation follows to close it).
fn close_after_choice(ev: leptos::ev::MouseEvent) {
    let menu = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|el| matches!(el.closest("a[href]"), Ok(Some(_))))
        .and_then(|el| el.closest("details").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlDetailsElement>().ok());
    if let Some(menu) = menu {
        menu.set_open(false);
    }
}

/// Keeps a menu toggle's aria-expanded in step with its `<details>`, however
/// it opened or closed. `toggle` does not bubble, so the header catches it on
/// the way down (capture).
fn sync_expanded(ev: leptos::ev::Event) {
    let Some(menu) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    else {
        return;
    };
    if let Ok(Some(toggle)) = menu.query_selector(":scope > summary") {
        _ = toggle.set_attribute("aria-expanded", if menu.open() { "true" } else { "false" });
    }
}

/// A real link, with or without JavaScript: the server sets the language
/// cookie for the whole site (leptos_i18n's own writes it for the page's
/// folder only, so a language chosen on /orders/… was lost elsewhere),
/// remembers a signed-in shopper's language for their mail, and sends them
/// back to the page, drawn in the new language.
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || match i18n.get_locale() {
        Locale::zh_CN => Locale::en,
        Locale::en => Locale::zh_CN,
    };
    let href = move || {
        // The router's query string has no leading '?'.
        let (path, query) = (location.pathname.get(), location.search.get());
        let next = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        format!("/lang/{}?next={}", other().as_str(), url_encode_path(&next))
    };
    view! {
        // rel="external": the router must not take the click for a page
        // of its own; the browser goes to the server's route.
        <a
            class="lang-switch"
            rel="external"
            href=href
            hreflang=move || other().as_str()
            lang=move || other().as_str()
            aria-label=move || td_string!(i18n.get_locale(), common.switch_lang_label)
        >
            <Icon name="globe" />
            <span>{t!(i18n, common.switch_lang)}</span>
        </a>
    }
}

/// What the header counts: (cart items, unread messages). A guest's cart
/// is the browser's; a signed-in shopper's both come from one call after
/// hydration, made again when either tick moves or someone signs in or out.
/// A plain signal that an effect fills, not the resource itself: the inbox
/// link sits inside the account menu's Transition, and a resource read
/// there would hold the whole menu back on the server, where a local
/// resource never resolves (the page without JavaScript lost its menu).
type Counts = RwSignal<(u32, u32)>;

fn counts() -> Counts {
    let counts = RwSignal::new((0, 0));
    let fetched = fetch_counts();
    Effect::new(move |_| {
        if let Some(c) = fetched.get() {
            counts.set(c);
        }
    });
    counts
}

fn fetch_counts() -> LocalResource<(u32, u32)> {
    let (cart, inbox) = (use_context::<CartTick>(), use_context::<InboxTick>());
    let auth = use_auth();
    LocalResource::new(move || {
        if let Some(t) = cart {
            t.0.track();
        }
        if let Some(t) = inbox {
            t.0.track();
        }
        let signed_in = auth.current().is_some();
        async move {
            if signed_in {
                let (c, m) = crate::accounts::api::header_counts()
                    .await
                    .unwrap_or((0, 0));
                (c.clamp(0, 999) as u32, m.clamp(0, 999) as u32)
            } else {
                (crate::cart::local::count().clamp(0, 999) as u32, 0)
            }
        }
    })
}

/// An icon link with a count (`pick` takes it from the header's counts):
/// the count is in its accessible name (`label`), and on the badge for the
/// eye. Plain function pointers, so both links share one copy of the code.
#[component]
fn CountLink(
    href: &'static str,
    class: &'static str,
    icon: &'static str,
    testid: &'static str,
    counts: Counts,
    pick: fn((u32, u32)) -> u32,
    label: fn(Locale, u32) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = move || pick(counts.get());
    view! {
        <a class=class href=href aria-label=move || label(i18n.get_locale(), n())>
            <Icon name=icon />
            <Show when=move || { n() > 0 }>
                <span class="badge" aria-hidden="true" data-testid=testid>{n}</span>
            </Show>
        </a>
    }
}

fn cart_label(locale: Locale, n: u32) -> String {
    td_string!(locale, common.cart_count, count = n).to_string()
}

fn inbox_label(locale: Locale, n: u32) -> String {
    td_string!(locale, inbox.badge_label, count = n).to_string()
}

#[component]
fn CartBadge(counts: Counts) -> impl IntoView {
    view! { <CountLink href="/cart" class="icon-btn cart" icon="cart" testid="cart-badge" counts pick=|c| c.0 label=cart_label /> }
}

/// The inbox (站内信), for a signed-in shopper.
#[component]
fn InboxBadge(counts: Counts) -> impl IntoView {
    view! { <CountLink href="/inbox" class="icon-btn inbox" icon="bell" testid="inbox-badge" counts pick=|c| c.1 label=inbox_label /> }
}

#[component]
fn AccountMenu(counts: Counts) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let sign_out = use_auth_actions().sign_out;
    let location = use_location();
    let (path, query) = (location.pathname, location.search);
    // Signing in comes back to this page (the server checks `next`).
    let sign_in_href = move || crate::accounts::auth_href("/sign-in", &path.get(), &query.get());
    view! {
        <Transition fallback=|| ()>
            {move || match auth.current() {
                Some(user) => view! {
                    <InboxBadge counts />
                    <details class="account-menu">
                        // An explicit button, so every tool (not just the
                        // browser) sees a toggle; the header keeps
                        // aria-expanded in step with the menu.
                        <summary
                            class="icon-btn"
                            role="button"
                            aria-expanded="false"
                            aria-label=move || td_string!(i18n.get_locale(), common.account_menu)
                        >
                            <Icon name="user" />
                            <span class="name">{user.display_name.clone()}</span>
                        </summary>
                        <ul class="menu-panel">
                            <li><a href="/account">{t!(i18n, common.account)}</a></li>
                            <li><a href="/orders">{t!(i18n, common.my_orders)}</a></li>
                            <li><a href="/after-sales">{t!(i18n, aftersales.view_requests)}</a></li>
                            {user.is_staff().then(|| view! { <li><a href="/admin">{t!(i18n, common.admin)}</a></li> })}
                            <li>
                                <ActionForm action=sign_out>
                                    <button type="submit" class="link-btn">{t!(i18n, common.sign_out)}</button>
                                </ActionForm>
                            </li>
                        </ul>
                    </details>
                }.into_any(),
                None => view! {
                    <a
                        class="icon-btn sign-in-link"
                        href=sign_in_href
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
