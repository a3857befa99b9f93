//! /cart: the lines, the coupon, the priced summary and the way to checkout.
//! Priced in the browser (a guest's cart lives there); offline, a guest
//! still sees the lines as they were added. A signed-in shopper's stored
//! cart is also rendered on the server, so the page works without
//! JavaScript (`cart::forms`).
use crate::cart::api::{get_cart, set_cart_qty};
use crate::cart::components::{CartLines, CouponForm, NoScriptSignIn, Summary};
use crate::cart::forms::{SetCartQtyForm, stored_cart};
use crate::cart::{Quote, ShippingMethod, local};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{CartTick, ErrorNote, Seo, format_money, use_auth};
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
        async move {
            get_cart(
                lang,
                local::as_lines_in(),
                code,
                ShippingMethod::Standard,
                false,
            )
            .await
        }
    });
    // The signed-in shopper's cart as the server priced it (None for a
    // guest): shown until the browser's quote above is in, and all that
    // shows without JavaScript.
    let stored = crate::ui::kit::once(stored_cart(
        i18n.get_locale_untracked().as_str().to_string(),
    ));
    // What the page shows, read through this memo made out here: the
    // LocalResource read inside the Suspense would make the server render
    // (and hydration expect) the fallback instead of the stored cart; and
    // the browser's quote, when it equals the server's, rebuilds nothing
    // (a code being typed into the coupon box stays).
    let shown = Memo::new(move |_| {
        quote
            .get()
            .or_else(|| stored.get().and_then(Result::transpose))
    });
    // A quantity posted without JavaScript that failed comes back here with
    // its error in the URL.
    let posted = ServerAction::<SetCartQtyForm>::new();
    let error = RwSignal::new(posted.value().get_untracked().and_then(Result::err));
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
        // A div: inside a section the summary aside is no complementary landmark.
        <div class="cart-page">
            <h1>{t!(i18n, common.cart_title)}</h1>
            {move || error.get().map(|e| view! { <ErrorNote error=e /> })}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                // `stored` is read here so the server waits for it.
                {move || stored.with(Option::is_some).then(|| match shown.get() {
                    Some(priced) => priced_view(priced, coupon, on_qty),
                    // A guest's cart, before the browser has priced it.
                    None => view! {
                        <p class="loading">{t!(i18n, common.loading)}</p>
                        <NoScriptSignIn next="/cart" />
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The priced cart: empty, its lines, or why it could not be priced
/// (offline, a guest's lines as they were added).
fn priced_view(
    priced: Result<Quote, AppError>,
    coupon: RwSignal<Option<String>>,
    on_qty: Callback<(i64, i32)>,
) -> AnyView {
    match priced {
        Ok(q) if q.lines.is_empty() => empty().into_any(),
        Ok(q) => filled(q, coupon, on_qty).into_any(),
        Err(AppError::Network) => offline().into_any(),
        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
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
