//! The cart's lines: picture, name, options, price (sale price beside the
//! struck-through list price), a quantity stepper and what changed.
use crate::cart::forms::SetCartQtyForm;
use crate::cart::{CartLine, LineNotice, MAX_QTY};
use crate::i18n::*;
use crate::media::{ImageSize, NoPicture, image_url};
use crate::ui::kit::format_money;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn notice_text(locale: Locale, n: &LineNotice, line: &CartLine) -> String {
    match n {
        LineNotice::Unavailable => td_string!(locale, cart.notice_unavailable).to_string(),
        LineNotice::SoldOut => td_string!(locale, cart.notice_sold_out).to_string(),
        LineNotice::OnlyLeft { stock } => {
            td_string!(locale, cart.notice_only_left, n = *stock).to_string()
        }
        LineNotice::PriceChanged { from_minor } => td_string!(
            locale,
            cart.notice_price_changed,
            from = format_money(*from_minor, &line.currency),
            to = format_money(line.unit_minor, &line.currency)
        )
        .to_string(),
    }
}

/// `on_qty(variant_id, qty)` is called for every change (0 = remove);
/// `editable` false shows the lines read-only (checkout summary). Without
/// JavaScript the quantity buttons post a form instead.
#[component]
pub fn CartLines(
    lines: Vec<CartLine>,
    #[prop(optional)] on_qty: Option<Callback<(i64, i32)>>,
    #[prop(default = true)] editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="cart-lines">
            {lines.into_iter().map(|l| {
                let id = l.variant_id;
                let qty = l.qty;
                let max = l.stock.clamp(0, MAX_QTY);
                let href = format!("/p/{}?v={}", l.product_slug, l.variant_id);
                let on_sale = l.sale_unit_minor < l.unit_minor;
                let notices: Vec<String> = l.notices.iter().map(|n| notice_text(i18n.get_locale_untracked(), n, &l)).collect();
                let blocked = l.notices.iter().any(LineNotice::blocks);
                let change = move |q: i32| if let Some(cb) = on_qty { cb.run((id, q)) };
                view! {
                    <li class="cart-line" class:blocked=blocked data-testid="cart-line" data-variant=id.to_string()>
                        <a class="thumb" href=href.clone() tabindex="-1" aria-hidden="true">
                            {match l.image.as_ref() {
                                Some(sha) => view! {
                                    <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="80" height="80" loading="lazy" />
                                }.into_any(),
                                None => view! { <NoPicture slug=l.product_slug.clone() side=80 /> }.into_any(),
                            }}
                        </a>
                        <div class="line-info">
                            <a class="line-name" href=href>{l.name.clone()}</a>
                            <p class="muted line-options">{l.options.clone()}</p>
                            <p class="line-price">
                                <span class="price" data-testid="line-price">{format_money(l.sale_unit_minor, &l.currency)}</span>
                                {on_sale.then(|| view! {
                                    <s class="muted">{format_money(l.unit_minor, &l.currency)}</s>
                                    <span class="chip sale">{l.sale_label.clone()}</span>
                                })}
                            </p>
                            {notices.into_iter().map(|n| view! { <p class="line-notice" role="status">{n}</p> }).collect_view()}
                        </div>
                        {if editable {
                            // Each button posts the quantity it sets (see `cart::forms`);
                            // with JavaScript the click is handled here instead.
                            let click = move |q: i32| move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                change(q);
                            };
                            view! {
                                <form class="line-qty" method="post" action=SetCartQtyForm::url()>
                                    <input type="hidden" name="variant_id" value=id.to_string() />
                                    <div class="stepper" role="group" aria-label=move || td_string!(i18n.get_locale(), catalog.quantity)>
                                        <button type="submit" name="qty" value=(qty - 1).to_string() class="icon-btn" disabled={qty <= 1}
                                            aria-label=move || td_string!(i18n.get_locale(), cart.decrease)
                                            on:click=click(qty - 1)>"−"</button>
                                        <span class="qty-value" data-testid="line-qty">{qty}</span>
                                        <button type="submit" name="qty" value=(qty + 1).to_string() class="icon-btn" disabled={qty >= max || max == 0}
                                            aria-label=move || td_string!(i18n.get_locale(), cart.increase)
                                            on:click=click(qty + 1)>"+"</button>
                                    </div>
                                    <button type="submit" name="qty" value="0" class="link-btn remove" on:click=click(0)>
                                        {t!(i18n, cart.remove)}
                                    </button>
                                </form>
                            }.into_any()
                        } else {
                            view! { <div class="line-qty"><span class="muted">{format!("× {qty}")}</span></div> }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
