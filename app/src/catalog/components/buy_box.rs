//! Price, stock state and the add-to-cart control for the chosen variant.
//! A guest's line goes to the browser cart (with what they saw, for offline
//! use and to spot price changes); a signed-in shopper's to the stored cart.
//! Neither can pass the stock.
use crate::cart::components::SignInToBuy;
use crate::cart::forms::AddToCartForm;
use crate::cart::local::{self, LocalLine};
use crate::catalog::Variant;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{CartTick, error_text, format_money, typed_before_start, use_auth};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;

/// Stock below this shows as "only N left".
const LOW_STOCK: i32 = 5;

/// What the product page knows about the product, copied into a guest line.
#[derive(Clone)]
pub struct CartSnapshot {
    pub name: String,
    pub slug: String,
    pub image: Option<String>,
}

#[component]
pub fn BuyBox(variant: Variant, product: CartSnapshot) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let tick = use_context::<CartTick>();
    // A quantity chosen before the app started stays (`typed_before_start`).
    let qty = RwSignal::new(
        typed_before_start("form.add-to-cart input[name=qty]")
            .and_then(|v| v.parse::<u32>().ok())
            .map_or(1, |n| n.clamp(1, variant.stock.max(1) as u32)),
    );
    // Without JavaScript the form posts to `cart::forms`; a refusal comes
    // back here with its error in the URL. A guest's is for want of a
    // sign-in: their cart needs JavaScript.
    let refused = ServerAction::<AddToCartForm>::new()
        .value()
        .get_untracked()
        .and_then(Result::err);
    let guest_without_js = matches!(refused, Some(AppError::Unauthenticated));
    let added = RwSignal::new(refused.filter(|_| !guest_without_js).map(Err::<i32, _>));
    let back = format!("/p/{}?v={}", product.slug, variant.id);
    let stock = variant.stock;
    let id = variant.id;
    // A running sale shows its price, the list price struck through, and its name.
    let price = format_money(
        variant.sale_price_minor.unwrap_or(variant.price_minor),
        &variant.currency,
    );
    let list_price = format_money(variant.price_minor, &variant.currency);
    let sale_label = variant.sale_label.clone();
    let on_sale = variant.sale_price_minor.is_some();
    let member_prices = variant
        .member_prices
        .iter()
        .map(|(name, p)| format!("{name} {}", format_money(*p, &variant.currency)))
        .collect::<Vec<_>>()
        .join(" · ");
    let stock_text = move || {
        let l = i18n.get_locale();
        if stock <= 0 {
            td_string!(l, catalog.out_of_stock).to_string()
        } else if stock <= LOW_STOCK {
            td_string!(l, catalog.only_n_left, n = stock).to_string()
        } else {
            td_string!(l, catalog.in_stock).to_string()
        }
    };
    let line = LocalLine {
        variant_id: id,
        qty: 1,
        price_minor: Some(variant.price_minor),
        currency: variant.currency.clone(),
        name: product.name,
        slug: product.slug,
        options: variant.options.join(" / "),
        image: product.image,
    };
    let bump = move || {
        if let Some(t) = tick {
            t.0.update(|v| *v += 1);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = qty.get_untracked() as i32;
        if auth.current().is_some() {
            spawn_local(async move {
                added.set(Some(crate::cart::api::add_to_cart(id, n).await));
                bump();
            });
        } else {
            let result = local::add(
                LocalLine {
                    qty: n,
                    ..line.clone()
                },
                stock,
            )
            .ok_or(AppError::Conflict(ErrorKey::CartFull));
            added.set(Some(result));
            bump();
        }
    };
    view! {
        <div class="buy-box">
            <p class="price big" data-testid="price">{price}</p>
            {on_sale.then(|| view! {
                <p class="sale-line" data-testid="sale">
                    <s class="muted">{list_price}</s>
                    " "<span class="chip sale">{sale_label}</span>
                </p>
            })}
            {(!member_prices.is_empty()).then(|| view! {
                <p class="member-prices" data-testid="member-prices">{member_prices}</p>
            })}
            <p class="stock" class:out=stock <= 0 class:low=(stock > 0 && stock <= LOW_STOCK) data-testid="stock">{stock_text}</p>
            <p class="muted sku">{t!(i18n, catalog.sku)}" "{variant.sku.clone()}</p>
            <form class="add-to-cart" method="post" action=AddToCartForm::url() on:submit=submit>
                <input type="hidden" name="variant_id" value=id.to_string() />
                <label class="qty">
                    <span>{t!(i18n, catalog.quantity)}</span>
                    <input type="number" name="qty" value="1" min="1" max=stock.max(1) inputmode="numeric"
                        prop:value=move || qty.get().to_string()
                        disabled=stock <= 0
                        on:input=move |ev| {
                            let v: u32 = event_target_value(&ev).parse().unwrap_or(1);
                            qty.set(v.clamp(1, stock.max(1) as u32));
                        } />
                </label>
                <button type="submit" class="btn primary" disabled=stock <= 0>{t!(i18n, catalog.add_to_cart)}</button>
            </form>
            {guest_without_js.then(|| view! { <SignInToBuy next=back /> })}
            <p class="form-status" role="status" data-testid="added">
                {move || added.get().map(|r| match r {
                    Ok(n) if n < qty.get_untracked() as i32 || n >= stock => view! {
                        <span>{td_string!(i18n.get_locale(), catalog.added_to_cart_capped, n = n).to_string()}</span>
                        " "<a href="/cart">{t!(i18n, cart.view_cart)}</a>
                    }.into_any(),
                    Ok(n) => view! {
                        <span>{td_string!(i18n.get_locale(), catalog.added_to_cart, n = n).to_string()}</span>
                        " "<a href="/cart">{t!(i18n, cart.view_cart)}</a>
                    }.into_any(),
                    Err(e) => view! { <span class="error">{error_text(i18n.get_locale(), e.key())}</span> }.into_any(),
                })}
            </p>
        </div>
    }
}
