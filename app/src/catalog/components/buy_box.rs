//! Price, stock state and the add-to-cart control for the chosen variant.
//! Lines are kept in the browser cart (`agora.cart`), never above stock; the
//! checkout issue turns that cart into orders.
use crate::catalog::Variant;
use crate::i18n::*;
use crate::ui::{CartTick, format_money};
use leptos::prelude::*;

/// Stock below this shows as "only N left".
const LOW_STOCK: i32 = 5;

#[derive(serde::Serialize, serde::Deserialize)]
struct Line {
    variant_id: i64,
    qty: u32,
}

fn add_to_browser_cart(variant_id: i64, qty: u32, stock: i32) -> u32 {
    use gloo_storage::Storage;
    let mut lines: Vec<Line> = gloo_storage::LocalStorage::get("agora.cart").unwrap_or_default();
    let cap = stock.max(0) as u32;
    let now = match lines.iter_mut().find(|l| l.variant_id == variant_id) {
        Some(l) => {
            l.qty = (l.qty + qty).min(cap);
            l.qty
        }
        None => {
            lines.push(Line {
                variant_id,
                qty: qty.min(cap),
            });
            qty.min(cap)
        }
    };
    let _ = gloo_storage::LocalStorage::set("agora.cart", &lines);
    now
}

#[component]
pub fn BuyBox(variant: Variant) -> impl IntoView {
    let i18n = use_i18n();
    let tick = use_context::<CartTick>();
    let qty = RwSignal::new(1u32);
    let added = RwSignal::new(None::<u32>);
    let stock = variant.stock;
    let id = variant.id;
    let price = format_money(variant.price_minor, &variant.currency);
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
    view! {
        <div class="buy-box">
            <p class="price big" data-testid="price">{price}</p>
            <p class="stock" class:out=stock <= 0 class:low=(stock > 0 && stock <= LOW_STOCK) data-testid="stock">{stock_text}</p>
            <p class="muted sku">{t!(i18n, catalog.sku)}" "{variant.sku.clone()}</p>
            <form class="add-to-cart" on:submit=move |ev| {
                ev.prevent_default();
                let n = add_to_browser_cart(id, qty.get_untracked(), stock);
                added.set(Some(n));
                if let Some(t) = tick { t.0.update(|v| *v += 1); }
            }>
                <label class="qty">
                    <span>{t!(i18n, catalog.quantity)}</span>
                    <input type="number" name="qty" min="1" max=stock.max(1) inputmode="numeric"
                        prop:value=move || qty.get().to_string()
                        disabled=stock <= 0
                        on:input=move |ev| {
                            let v: u32 = event_target_value(&ev).parse().unwrap_or(1);
                            qty.set(v.clamp(1, stock.max(1) as u32));
                        } />
                </label>
                <button type="submit" class="btn primary" disabled=stock <= 0>{t!(i18n, catalog.add_to_cart)}</button>
            </form>
            <p class="form-status" role="status">
                {move || added.get().map(|n| td_string!(i18n.get_locale(), catalog.added_to_cart, n = n).to_string())}
            </p>
        </div>
    }
}
