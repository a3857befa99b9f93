//! /checkout: who and where (address book or a new address; a guest also
//! gives an e-mail), delivery, coupon, payment, the summary, and "place
//! order". The key made when the page opens makes a double click or a retry
//! return the same order.
use crate::accounts::AddressInput;
use crate::accounts::api::list_addresses;
use crate::cart::api::get_cart;
use crate::cart::components::{CartLines, CouponForm, Summary, shipping_name};
use crate::cart::pages::use_coupon;
use crate::cart::{ShippingMethod, local};
use crate::checkout::api::place_order;
use crate::checkout::{OrderForm, order_href};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::payments::PaymentMethod;
use crate::ui::{CartTick, ErrorNote, Field, Seo, error_text, format_money, use_auth};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

/// A fresh idempotency key for this visit to the checkout page.
fn new_key() -> String {
    window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| format!("k-{}", web_sys::js_sys::Date::now() as u64))
}

fn form_value(data: &web_sys::FormData, name: &str) -> String {
    data.get(name).as_string().unwrap_or_default()
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let tick = expect_context::<CartTick>();
    let coupon = use_coupon();
    let shipping = RwSignal::new(ShippingMethod::Standard);
    let payment = RwSignal::new(PaymentMethod::Sandbox);
    let key = RwSignal::new(String::new());
    Effect::new(move |_| {
        if key.get_untracked().is_empty() {
            key.set(new_key());
        }
    });
    let quote = LocalResource::new(move || {
        tick.0.track();
        let lang = i18n.get_locale().as_str().to_string();
        let (code, method) = (coupon.get(), shipping.get());
        auth.version();
        async move { get_cart(lang, local::as_lines_in(), code, method).await }
    });
    let addresses = LocalResource::new(move || {
        let signed_in = auth.current().is_some();
        async move {
            if signed_in {
                list_addresses().await.unwrap_or_default()
            } else {
                vec![]
            }
        }
    });
    let error = RwSignal::new(None::<AppError>);
    let placing = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(q)) = quote.get_untracked() else {
            return;
        };
        let Some(form) = form_ref.get_untracked() else {
            return;
        };
        let form: web_sys::HtmlFormElement = form.unchecked_into();
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
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
            key: key.get_untracked(),
            lang: i18n.get_locale_untracked().as_str().to_string(),
            lines: local::as_lines_in(),
            email,
            address_id,
            address,
            shipping: shipping.get_untracked(),
            coupon: coupon.get_untracked(),
            payment: payment.get_untracked(),
            expected_total_minor: q.total_minor,
        };
        placing.set(true);
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
                    placing.set(false);
                    // Prices, stock or the coupon moved: show the cart as it is now.
                    if matches!(e, AppError::Conflict(_)) {
                        tick.0.update(|t| *t += 1);
                    }
                    error.set(Some(e));
                }
            }
        });
    };
    let field_err =
        move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(f)));

    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), checkout.title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/checkout"
        />
        <section class="checkout-page">
            <h1>{t!(i18n, checkout.title)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || quote.get().map(|r| match r {
                    Ok(q) if q.lines.is_empty() => view! {
                        <div class="message-page">
                            <p class="lead">{t!(i18n, common.cart_empty_title)}</p>
                            <a class="btn primary" href="/">{t!(i18n, common.continue_shopping)}</a>
                        </div>
                    }.into_any(),
                    Ok(q) => {
                        let signed_in = auth.current().is_some();
                        let blocked = q.blocked();
                        view! {
                            <div class="cart-layout">
                                <form node_ref=form_ref class="checkout-form" on:submit=submit novalidate>
                                    {(!signed_in).then(|| view! {
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
                                    <fieldset>
                                        <legend>{t!(i18n, checkout.address)}</legend>
                                        <AddressChoice addresses field_err />
                                    </fieldset>
                                    <fieldset>
                                        <legend>{t!(i18n, checkout.delivery)}</legend>
                                        {ShippingMethod::ALL.into_iter().map(|m| view! {
                                            <label class="choice">
                                                <input type="radio" name="shipping" value=m.as_str()
                                                    prop:checked=move || shipping.get() == m
                                                    on:change=move |_| shipping.set(m) />
                                                <span>{move || shipping_name(i18n.get_locale(), m)}</span>
                                            </label>
                                        }).collect_view()}
                                    </fieldset>
                                    <fieldset>
                                        <legend>{t!(i18n, checkout.payment)}</legend>
                                        {PaymentMethod::ALL.into_iter().map(|m| view! {
                                            <label class="choice">
                                                <input type="radio" name="payment" value=m.as_str()
                                                    prop:checked=move || payment.get() == m
                                                    on:change=move |_| payment.set(m) />
                                                <span>{move || match m {
                                                    PaymentMethod::Sandbox => td_string!(i18n.get_locale(), checkout.pay_sandbox),
                                                    PaymentMethod::Cod => td_string!(i18n.get_locale(), checkout.pay_cod),
                                                }}</span>
                                            </label>
                                        }).collect_view()}
                                    </fieldset>
                                    {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                                        <p class="form-status error" role="alert" data-testid="checkout-error">{move || error_text(i18n.get_locale(), e.key())}</p>
                                    })}
                                    {move || error.get().filter(|e| e.field("address").is_some()).map(|_| view! {
                                        <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), ErrorKey::Required)}</p>
                                    })}
                                    <button type="submit" class="btn primary block" data-testid="place-order"
                                        disabled=move || placing.get() || blocked>
                                        {
                                            let total = format_money(q.total_minor, &q.currency);
                                            move || td_string!(i18n.get_locale(), checkout.place_order, total = total.clone()).to_string()
                                        }
                                    </button>
                                </form>
                                <aside class="cart-aside">
                                    <CartLines lines=q.lines.clone() editable=false />
                                    <CouponForm code=coupon quote=q.clone() />
                                    <Summary quote=q.clone() />
                                </aside>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Radio buttons for the saved addresses plus "a new address" (the only
/// choice for a guest or an empty book).
#[component]
fn AddressChoice(
    addresses: LocalResource<Vec<crate::accounts::Address>>,
    field_err: impl Fn(&'static str) -> Signal<Option<ErrorKey>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<i64>);
    view! {
        <Suspense fallback=|| ()>
            {move || addresses.get().map(|list| {
                if chosen.get_untracked().is_none() {
                    chosen.set(list.first().map(|a| a.id));
                }
                view! {
                    {list.into_iter().map(|a| {
                        let id = a.id;
                        view! {
                            <label class="choice address-choice">
                                <input type="radio" name="address_id" value=id.to_string()
                                    prop:checked=move || chosen.get() == Some(id)
                                    on:change=move |_| chosen.set(Some(id)) />
                                <span>
                                    <strong>{a.recipient.clone()}</strong>" "{a.phone.clone()}<br />
                                    <span class="muted">{a.region.clone()}" "{a.line1.clone()}</span>
                                </span>
                            </label>
                        }
                    }).collect_view()}
                }
            })}
        </Suspense>
        <Show when=move || addresses.get().is_some_and(|l| !l.is_empty())>
            <label class="choice">
                <input type="radio" name="address_choice_new" prop:checked=move || chosen.get().is_none()
                    on:change=move |_| chosen.set(None) />
                <span>{t!(i18n, checkout.new_address)}</span>
            </label>
        </Show>
        <Show when=move || chosen.get().is_none()>
            <div class="address-fields">
                <Field form="co" name="address[recipient]" autocomplete="name" error=field_err("recipient")>{t!(i18n, accounts.recipient)}</Field>
                <Field form="co" name="address[phone]" kind="tel" autocomplete="tel" error=field_err("phone")>{t!(i18n, accounts.phone)}</Field>
                <Field form="co" name="address[region]" autocomplete="address-level1" error=field_err("region")>{t!(i18n, accounts.region)}</Field>
                <Field form="co" name="address[line1]" autocomplete="street-address" error=field_err("line1")>{t!(i18n, accounts.line1)}</Field>
                <Field form="co" name="address[postal_code]" autocomplete="postal-code" required=false error=field_err("postal_code")>{t!(i18n, accounts.postal_code)}</Field>
            </div>
        </Show>
    }
}
