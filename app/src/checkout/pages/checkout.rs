//! /checkout: who and where (address book or a new address; a guest also
//! gives an e-mail), delivery, coupon, payment, the summary, and "place
//! order". The key made when the page opens makes a double click or a retry
//! return the same order.
//!
//! The form is built once, when the cart is first priced. A change of
//! delivery or coupon re-prices the order, and only the summary beside the
//! form follows the new quote: everything typed stays where it was.
//!
//! A signed-in shopper's page is first rendered on the server
//! (`checkout::forms`), so it works without JavaScript: the form then posts
//! itself, and a refused order comes back with its error in the URL. Such a
//! page cannot re-price, so until it is hydrated it shows each delivery
//! method's total beside it and none on the button; the coupon box is then
//! a GET form that comes back priced with `?coupon=`; and the new address's
//! fields are always in the form (the stylesheet hides them while a saved
//! address is chosen).
use crate::accounts::AddressInput;
use crate::cart::api::get_cart;
use crate::cart::components::CouponForm;
use crate::cart::components::{CartLines, NoScriptSignIn, Summary, shipping_name};
use crate::cart::components::{OffersInputs, PointsInputs};
use crate::cart::pages::use_coupon;
use crate::cart::{Quote, ShippingMethod, local};
use crate::catalog::extra::{Extra, LazyExtra};
use crate::checkout::OrderForm;
use crate::checkout::api::place_order;
use crate::checkout::components::AddressChoice;
use crate::checkout::forms::{CheckoutStart, PlaceOrderForm, start_checkout};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::orders::order_href;
use crate::payments::PaymentMethod;
use crate::ui::kit::{CartTick, ErrorNote, Field, Seo, error_text, format_money, use_auth};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_query_map;

/// What a quote was asked for. A quote for anything else is stale: the
/// shopper has just changed delivery or the coupon and it is being re-priced.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Asked {
    coupon: Option<String>,
    shipping: ShippingMethod,
    use_points: bool,
    tick: u32,
    auth: (usize, usize, usize),
}

/// What the page shows. It changes when the cart is first priced, turns out
/// empty or cannot be priced at all, but not on a re-pricing: the form built
/// for `Ready` stays, with what was typed into it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Loading,
    Empty,
    Ready,
    Failed(AppError),
}

/// The phase before the browser has priced the order: the server's start
/// for a signed-in shopper; for a guest the cart is in the browser.
fn start_phase(start: Option<&Result<Option<CheckoutStart>, AppError>>) -> Phase {
    match start {
        Some(Ok(Some(s))) if s.quote.lines.is_empty() => Phase::Empty,
        Some(Ok(Some(_))) => Phase::Ready,
        Some(Err(e)) => Phase::Failed(e.clone()),
        _ => Phase::Loading,
    }
}

/// The page's state, shared by the form and the summary beside it. Every
/// browser-only resource is read through a memo made at the top of the
/// page: read inside the Suspense, it would make the server render (and
/// hydration expect) the fallback instead of the server's checkout.
#[derive(Clone, Copy)]
struct Checkout {
    /// The server's start of a signed-in shopper's checkout (None for a
    /// guest, whose cart only the browser knows).
    start: Memo<Option<CheckoutStart>>,
    /// Why the latest pricing failed, if it did.
    failed: Memo<Option<AppError>>,
    /// The last good quote, still shown while the next one loads.
    last: Memo<Option<Quote>>,
    /// `last` answers what is asked now, so its total may be placed.
    fresh: Memo<bool>,
    coupon: RwSignal<Option<String>>,
    shipping: RwSignal<ShippingMethod>,
    /// Pay part of the goods with points (a signed-in shopper's).
    use_points: RwSignal<bool>,
    payment: RwSignal<PaymentMethod>,
    /// The methods the shop offers now (the sandbox may be switched off),
    /// once known.
    offered: Memo<Option<Vec<PaymentMethod>>>,
    key: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    placing: RwSignal<bool>,
    tick: CartTick,
}

fn form_value(data: &web_sys::FormData, name: &str) -> String {
    data.get(name).as_string().unwrap_or_default()
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    // A coupon applied without JavaScript (see `checkout_state`).
    let from_url = use_query_map().with_untracked(|q| q.get("coupon"));
    // The server's start: what the page shows until the browser has priced
    // the order, and all it shows without JavaScript.
    let stored = crate::ui::kit::once(start_checkout(
        i18n.get_locale_untracked().as_str().to_string(),
        from_url.clone(),
    ));
    let (co, phase) = checkout_state(stored, from_url);

    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), checkout.title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/checkout"
        />
        // A div: inside a section the summary aside is no complementary landmark.
        <div class="checkout-page">
            <h1>{t!(i18n, checkout.title)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            // Read here so the server waits for it (and not for the
            // browser's quote, which only the browser makes).
            {move || stored.with(Option::is_some).then(|| match phase.get() {
                Phase::Loading => view! {
                    <p class="loading">{t!(i18n, common.loading)}</p>
                    <NoScriptSignIn next="/checkout" />
                }.into_any(),
                Phase::Empty => view! {
                    <div class="message-page">
                        <p class="lead">{t!(i18n, common.cart_empty_title)}</p>
                        <a class="btn primary" href="/">{t!(i18n, common.continue_shopping)}</a>
                    </div>
                }.into_any(),
                Phase::Failed(e) => view! { <ErrorNote error=e /> }.into_any(),
                Phase::Ready => view! {
                    <div class="cart-layout">
                        <CheckoutForm co />
                        <CheckoutAside co />
                    </div>
                }.into_any(),
            })}
            </Suspense>
        </div>
    }
}

/// The page's state: the browser's quote of the order, and everything read
/// from it and from the server's start (`stored`), made at the top of the
/// page (see `Checkout`).
fn checkout_state(
    stored: crate::ui::kit::OnceData<Result<Option<CheckoutStart>, AppError>>,
    from_url: Option<String>,
) -> (Checkout, Memo<Phase>) {
    let i18n = use_i18n();
    let auth = use_auth();
    let tick = expect_context::<CartTick>();
    let coupon = use_coupon();
    // A code the coupon box's plain form applied (without JavaScript, or
    // before the page was hydrated) is in the URL, and the server priced
    // the page with it: it replaces the stored one, so the browser goes on
    // pricing what the page shows. Stored first, because `use_coupon` reads
    // the stored code once the page runs. `?coupon=` takes the code off.
    if let Some(code) = from_url {
        let code = Some(code.trim().to_string()).filter(|c| !c.is_empty());
        #[cfg(feature = "hydrate")]
        local::set_coupon(code.as_deref());
        coupon.set(code);
    }
    let shipping = RwSignal::new(ShippingMethod::Standard);
    let use_points = RwSignal::new(false);
    let key = RwSignal::new(String::new());
    Effect::new(move |_| {
        if key.get_untracked().is_empty() {
            key.set(crate::ui::kit::fresh_key());
        }
    });
    let asked = move || Asked {
        coupon: coupon.get(),
        shipping: shipping.get(),
        use_points: use_points.get(),
        tick: tick.0.get(),
        auth: auth.version(),
    };
    // Resources here, at the top of the page, never inside a view that is
    // rebuilt: they run in the browser only (a guest's cart lives there).
    let quote = LocalResource::new(move || {
        let asked = asked();
        let lang = i18n.get_locale().as_str().to_string();
        async move {
            let priced = get_cart(
                lang,
                local::as_lines_in(),
                asked.coupon.clone(),
                asked.shipping,
                asked.use_points,
            )
            .await;
            (asked, priced)
        }
    });
    let start = Memo::new(move |_| stored.get().and_then(Result::ok).flatten());
    // The server priced the order for what is asked before the shopper
    // changes anything.
    let opened = untrack(asked);
    let last = Memo::new(move |prev: Option<&Option<Quote>>| {
        quote.with(|p| match p {
            Some((_, Ok(q))) => Some(q.clone()),
            _ => prev
                .cloned()
                .flatten()
                .or_else(|| start.with(|s| s.as_ref().map(|s| s.quote.clone()))),
        })
    });
    let fresh = Memo::new(move |_| {
        let now = asked();
        quote.with(|p| match p {
            Some((a, r)) => *a == now && r.is_ok(),
            None => now == opened && start.with(Option::is_some),
        })
    });
    let phase = Memo::new(move |prev: Option<&Phase>| {
        quote.with(|p| match p {
            None => stored.with(|s| start_phase(s.as_ref())),
            Some((_, Ok(q))) if q.lines.is_empty() => Phase::Empty,
            Some((_, Ok(_))) => Phase::Ready,
            // A failed re-pricing keeps the form; the summary shows the error.
            Some((_, Err(_))) if prev == Some(&Phase::Ready) => Phase::Ready,
            Some((_, Err(e))) => Phase::Failed(e.clone()),
        })
    });
    let offered = LocalResource::new(crate::payments::api::payment_methods);
    // An order posted without JavaScript that was refused comes back here
    // with its error in the URL.
    let refused = ServerAction::<PlaceOrderForm>::new()
        .value()
        .get_untracked()
        .and_then(Result::err);
    let co = Checkout {
        start,
        failed: Memo::new(move |_| {
            quote.with(|p| p.as_ref().and_then(|(_, r)| r.as_ref().err().cloned()))
        }),
        last,
        fresh,
        coupon,
        shipping,
        use_points,
        payment: RwSignal::new(PaymentMethod::Sandbox),
        offered: Memo::new(move |_| match offered.get() {
            Some(Ok(list)) => Some(list),
            _ => start.with(|s| s.as_ref().map(|s| s.offered.clone())),
        }),
        key,
        error: RwSignal::new(refused),
        placing: RwSignal::new(false),
        tick,
    };
    (co, phase)
}

/// Contact, address, delivery, payment and the button. Built once (see
/// `Phase`); only the button's total and state follow the quote.
#[component]
fn CheckoutForm(co: Checkout) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // False in the server's HTML, true once the page runs in the browser.
    // Until then the page cannot follow the delivery choice: the button
    // shows no total, and each method shows its own beside it.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // Only turning from guest to signed in (or back) rebuilds the contact part.
    let guest = Memo::new(move |_| auth.current().is_none());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let error = co.error;
    let field_err =
        move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(f)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(form) = form_ref.get_untracked() {
            place(co, &form.unchecked_into(), i18n.get_locale_untracked());
        }
    };
    let (shipping, payment) = (co.shipping, co.payment);
    // Until the shop answers (or if it cannot), every method is shown; the
    // server refuses one that is switched off in any case.
    let offered = co.offered;
    let shown = move |m: PaymentMethod| offered.with(|o| o.as_ref().is_none_or(|l| l.contains(&m)));
    // The preselected method may be one that is not offered: take the first
    // that is.
    let first_offered = move || {
        offered.with(|o| match o {
            Some(list) if !list.contains(&payment.get_untracked()) => list.first().copied(),
            _ => None,
        })
    };
    Effect::new(move |_| {
        if let Some(m) = first_offered() {
            payment.set(m);
        }
    });
    // What is chosen to start with is also `checked` in the server's HTML,
    // for the form posted without JavaScript (`checkout::forms`).
    let (shipping_at_start, payment_at_start) = (
        shipping.get_untracked(),
        untrack(first_offered).unwrap_or(payment.get_untracked()),
    );
    let start = co.start.get_untracked();
    let addresses = start
        .as_ref()
        .map(|s| s.addresses.clone())
        .unwrap_or_default();
    let totals = start.as_ref().map(|s| (s.totals, s.quote.currency.clone()));

    view! {
        <form node_ref=form_ref class="checkout-form" method="post" action=PlaceOrderForm::url()
            on:submit=submit novalidate>
            {start.map(|s| {
                let coupon = s.applied_coupon();
                view! {
                    <input type="hidden" name="key" value=s.key />
                    <input type="hidden" name="lang" value=i18n.get_locale_untracked().as_str() />
                    <input type="hidden" name="totals[standard]" value=s.totals.standard.to_string() />
                    <input type="hidden" name="totals[express]" value=s.totals.express.to_string() />
                    {coupon.map(|c| view! { <input type="hidden" name="coupon" value=c /> })}
                }
            })}
            {move || guest.get().then(|| view! {
                <fieldset>
                    <legend>{t!(i18n, checkout.contact)}</legend>
                    <p class="muted">
                        {t!(i18n, checkout.guest_note)}" "
                        <a href="/sign-in?next=/checkout">{t!(i18n, common.sign_in)}</a>
                    </p>
                    <Field form="co" name="email" kind="email" autocomplete="email" error=field_err("email")>
                        {t!(i18n, accounts.email)}
                    </Field>
                </fieldset>
            })}
            <fieldset class="address-book">
                <legend>{t!(i18n, checkout.address)}</legend>
                <AddressChoice addresses field_err />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, checkout.delivery)}</legend>
                {ShippingMethod::ALL.into_iter().map(|m| {
                    let note_id = format!("delivery-total-{}", m.as_str());
                    let described = note_id.clone();
                    // The server's total with this method, for a page that
                    // is not hydrated (and, with JavaScript, hidden).
                    let note = totals.clone().map(|(t, currency)| format_money(t.of(m), &currency));
                    let has_note = note.is_some();
                    view! {
                        <label class="choice">
                            <input type="radio" name="shipping" value=m.as_str()
                                checked=shipping_at_start == m
                                prop:checked=move || shipping.get() == m
                                on:change=move |_| shipping.set(m)
                                aria-describedby=move || (has_note && !hydrated.get()).then(|| described.clone()) />
                            <span>{move || shipping_name(i18n.get_locale(), m)}</span>
                        </label>
                        {move || note.clone().filter(|_| !hydrated.get()).map(|total| view! {
                            <p class="choice-note nojs-only" id=note_id.clone()>
                                {td_string!(i18n.get_locale(), checkout.option_total, total = total).to_string()}
                            </p>
                        })}
                    }
                }).collect_view()}
            </fieldset>
            // Once the page runs (see `LazyExtra`).
            <LazyExtra extra=Extra::Points(PointsInputs { last: co.last, use_points: co.use_points }) />
            <fieldset>
                <legend>{t!(i18n, checkout.payment)}</legend>
                {PaymentMethod::ALL.into_iter().map(|m| move || shown(m).then(|| view! {
                    <label class="choice">
                        <input type="radio" name="payment" value=m.as_str()
                            checked=payment_at_start == m
                            prop:checked=move || payment.get() == m
                            on:change=move |_| payment.set(m) />
                        <span>{move || match m {
                            PaymentMethod::Sandbox => td_string!(i18n.get_locale(), checkout.pay_sandbox),
                            PaymentMethod::Cod => td_string!(i18n.get_locale(), checkout.pay_cod),
                        }}</span>
                    </label>
                })).collect_view()}
            </fieldset>
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                <p class="form-status error" role="alert" data-testid="checkout-error">{move || error_text(i18n.get_locale(), e.key())}</p>
            })}
            {move || error.get().filter(|e| e.field("address").is_some()).map(|_| view! {
                <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), ErrorKey::Required)}</p>
            })}
            // Off while re-pricing: the total on it would not be the one charged.
            <button type="submit" class="btn primary block" data-testid="place-order"
                disabled=move || {
                    co.placing.get()
                        || !co.fresh.get()
                        || co.last.with(|q| q.as_ref().is_none_or(|q| q.blocked()))
                }>
                {move || {
                    if !hydrated.get() {
                        return td_string!(i18n.get_locale(), checkout.place_order_plain).to_string();
                    }
                    let total = co
                        .last
                        .with(|q| q.as_ref().map(|q| format_money(q.total_minor, &q.currency)))
                        .unwrap_or_default();
                    td_string!(i18n.get_locale(), checkout.place_order, total = total).to_string()
                }}
            </button>
        </form>
    }
}

/// The lines, the coupon and the prices, following every new quote. The
/// coupon box itself stays, keeping a code typed but not yet applied.
#[component]
fn CheckoutAside(co: Checkout) -> impl IntoView {
    let failed = co.failed;
    view! {
        <aside class="cart-aside" aria-busy=move || (!co.fresh.get()).then_some("true")>
            {move || co.last.get().map(|q| view! { <CartLines lines=q.lines editable=false /> })}
            <CouponForm code=co.coupon quote=co.last page="/checkout" />
            <LazyExtra extra=Extra::Offers(OffersInputs {
                coupon: co.coupon,
                shipping: co.shipping,
                tick: co.tick,
                currency: Signal::derive(move || co.last.with(|q| q.as_ref().map(|q| q.currency.clone()).unwrap_or_default())),
            }) />
            {move || failed.get().map(|e| view! { <ErrorNote error=e /> })}
            {move || co.last.get().map(|q| view! { <Summary quote=q /> })}
        </aside>
    }
}

/// Sends the order: the form's fields, the choices, and the total the
/// shopper saw. Nothing is sent while the quote is being re-priced.
fn place(co: Checkout, form: &web_sys::HtmlFormElement, locale: Locale) {
    let Some(q) = co.last.get_untracked().filter(|_| co.fresh.get_untracked()) else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return;
    };
    let address_id = form_value(&data, "address_id").parse::<i64>().ok();
    let address = address_id.is_none().then(|| AddressInput {
        recipient: form_value(&data, "address[recipient]"),
        phone: form_value(&data, "address[phone]"),
        region: form_value(&data, "address[region]"),
        line1: form_value(&data, "address[line1]"),
        postal_code: form_value(&data, "address[postal_code]"),
        is_default: None,
    });
    let email = Some(form_value(&data, "email")).filter(|e| !e.is_empty());
    let order = OrderForm {
        key: co.key.get_untracked(),
        lang: locale.as_str().to_string(),
        lines: local::as_lines_in(),
        email,
        address_id,
        address,
        shipping: co.shipping.get_untracked(),
        coupon: co.coupon.get_untracked(),
        payment: co.payment.get_untracked(),
        use_points: co.use_points.get_untracked(),
        expected_points: q.points.as_ref().map_or(0, |p| p.spent),
        expected_total_minor: q.total_minor,
    };
    co.placing.set(true);
    spawn_local(async move {
        match place_order(order).await {
            Ok(placed) => {
                local::remove(&placed.bought);
                local::set_coupon(None);
                let next = placed
                    .pay_url
                    .clone()
                    .unwrap_or_else(|| order_href(&placed.number, placed.token.as_deref()));
                let _ = window().location().set_href(&next);
            }
            Err(e) => {
                co.placing.set(false);
                // Prices, stock or the coupon moved: show the cart as it is now.
                if matches!(e, AppError::Conflict(_)) {
                    co.tick.0.update(|t| *t += 1);
                }
                co.error.set(Some(e));
            }
        }
    });
}
