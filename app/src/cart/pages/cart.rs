//! /cart: the lines, the coupon, the priced summary and the way to checkout.
//! Rendered in the browser (a guest's cart lives there); offline, a guest
//! still sees the lines as they were added.
use crate::cart::api::{get_cart, set_cart_qty};
use crate::cart::components::{CartLines, CouponForm, Summary};
use crate::cart::{Quote, ShippingMethod, local};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{CartTick, ErrorNote, Seo, format_money, use_auth};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The coupon the shopper typed, kept in the browser across pages.
pub fn use_coupon() -> RwSignal<Option<String>> {
    let code = RwSignal::new(None::<String>);
    // First run (in the browser): read the stored code. Later runs: store it.
    Effect::new(move |first: Option<()>| {
        let current = code.get();
        if first.is_none() {
            code.set(local::coupon());
        } else {
            local::set_coupon(current.as_deref());
        }
    });
    code
}

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let tick = expect_context::<CartTick>();
    let coupon = use_coupon();
    let quote = LocalResource::new(move || {
        tick.0.track();
        let lang = i18n.get_locale().as_str().to_string();
        let code = coupon.get();
        auth.version();
        // The server ignores the browser's lines for a signed-in shopper.
        async move { get_cart(lang, local::as_lines_in(), code, ShippingMethod::Standard).await }
    });
    let error = RwSignal::new(None::<AppError>);
    let on_qty = Callback::new(move |(variant_id, qty): (i64, i32)| {
        if auth.current().is_some() {
            spawn_local(async move {
                match set_cart_qty(variant_id, qty).await {
                    Ok(_) => error.set(None),
                    Err(e) => error.set(Some(e)),
                }
                tick.0.update(|t| *t += 1);
            });
        } else {
            local::set_qty(variant_id, qty);
            tick.0.update(|t| *t += 1);
        }
    });
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), common.cart_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/cart"
        />
        <section class="cart-page">
            <h1>{t!(i18n, common.cart_title)}</h1>
            {move || error.get().map(|e| view! { <ErrorNote error=e /> })}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || quote.get().map(|r| match r {
                    Ok(q) if q.lines.is_empty() => empty().into_any(),
                    Ok(q) => filled(q, coupon, on_qty).into_any(),
                    Err(AppError::Network) => offline().into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn empty() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="message-page" data-testid="cart-empty">
            <p class="lead">{t!(i18n, common.cart_empty_title)}</p>
            <p>{t!(i18n, common.cart_empty_body)}</p>
            <a class="btn primary" href="/">{t!(i18n, common.continue_shopping)}</a>
        </div>
    }
}

fn filled(
    q: Quote,
    coupon: RwSignal<Option<String>>,
    on_qty: Callback<(i64, i32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let blocked = q.blocked();
    let items = q.items();
    view! {
        <div class="cart-layout">
            <div>
                <p class="muted">{move || td_string!(i18n.get_locale(), cart.item_count, count = items).to_string()}</p>
                <CartLines lines=q.lines.clone() on_qty />
            </div>
            <aside class="cart-aside">
                <CouponForm code=coupon quote=Signal::stored(Some(q.clone())) />
                <Summary quote=q.clone() />
                {blocked.then(|| view! { <p class="line-notice">{t!(i18n, cart.remove_blocked_first)}</p> })}
                <a class="btn primary block" href="/checkout" data-testid="to-checkout"
                    class:disabled=blocked aria-disabled=blocked.then_some("true")
                    on:click=move |ev| if blocked { ev.prevent_default() }>
                    {t!(i18n, cart.to_checkout)}
                </a>
            </aside>
        </div>
    }
}

/// No connection: the guest's lines as they were when added.
fn offline() -> impl IntoView {
    let i18n = use_i18n();
    let lines = local::lines();
    view! {
        <p class="form-status error" role="status">{t!(i18n, cart.offline_note)}</p>
        <ul class="cart-lines">
            {lines.into_iter().map(|l| view! {
                <li class="cart-line" data-testid="cart-line">
                    <div class="line-info">
                        <span class="line-name">{l.name.clone()}</span>
                        <p class="muted line-options">{l.options.clone()}</p>
                        <p class="line-price">{l.price_minor.map(|p| format_money(p, &l.currency))}</p>
                    </div>
                    <div class="line-qty"><span class="muted">{format!("× {}", l.qty)}</span></div>
                </li>
            }).collect_view()}
        </ul>
    }
}
