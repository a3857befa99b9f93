//! What checkout shows a signed-in shopper once the page runs, drawn from
//! the storefront's after-hydration piece (`catalog::extra`): their held
//! coupons beside the coupon box (the one that saves the most on this
//! order marked and offered first, each other one with what it saves or
//! why it does not apply; "Use" puts its code in the box, which re-prices
//! the order), and paying with points.
use super::coupon_problem_text;
use crate::cart::api::coupon_offers;
use crate::cart::{Quote, ShippingMethod};
use crate::i18n::*;
use crate::ui::kit::{CartTick, format_money, use_auth};
use crate::wallet::CouponOffer;
use leptos::prelude::*;

/// What the wallet's part of checkout follows.
#[derive(Clone, Copy)]
pub struct OffersInputs {
    pub coupon: RwSignal<Option<String>>,
    pub shipping: RwSignal<ShippingMethod>,
    pub tick: CartTick,
    pub currency: Signal<String>,
}

/// What paying with points follows: the latest quote, and the box.
#[derive(Clone, Copy)]
pub struct PointsInputs {
    pub last: Memo<Option<Quote>>,
    pub use_points: RwSignal<bool>,
}

/// Paying with points: what this order can take, or why it can take none,
/// worded by the server (`cart::QuotePoints`). Follows the quote; the box
/// stays checked across re-pricings (it spends what the order can).
#[component]
pub fn PointsChoice(last: Memo<Option<Quote>>, use_points: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || last.with(|q| q.as_ref().and_then(|q| q.points.clone()));
    move || {
        text().map(|p| {
            view! {
                <fieldset class="points-choice">
                    <legend>{t!(i18n, checkout.points)}</legend>
                    {p.choice.map(|label| view! {
                        <label class="choice">
                            <input type="checkbox" data-testid="use-points"
                                prop:checked=move || use_points.get()
                                on:change=move |ev| use_points.set(event_target_checked(&ev)) />
                            <span>{label}</span>
                        </label>
                    })}
                    <p class="choice-note" data-testid="points-note">{p.note}</p>
                </fieldset>
            }
        })
    }
}

#[component]
pub fn WalletOffers(
    coupon: RwSignal<Option<String>>,
    shipping: RwSignal<ShippingMethod>,
    tick: CartTick,
    /// The order's currency.
    #[prop(into)]
    currency: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Weighed again when the cart, the delivery or the language changes;
    // the coupon in use does not change what each would save.
    let offers = LocalResource::new(move || {
        let signed_in = auth.current().is_some();
        let (ship, _) = (shipping.get(), tick.0.get());
        let lang = i18n.get_locale().as_str().to_string();
        async move {
            if signed_in {
                coupon_offers(lang, ship).await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    move || {
        offers.get().filter(|o| !o.is_empty()).map(|list| {
            view! {
                <section class="coupon-form wallet-offers" aria-labelledby="wallet-offers-title" data-testid="wallet-offers">
                    <h2 id="wallet-offers-title">{t!(i18n, checkout.wallet_title)}</h2>
                    <ul class="plain">
                        {list.into_iter().map(|o| offer(o, coupon, currency)).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

fn offer(
    o: CouponOffer,
    coupon: RwSignal<Option<String>>,
    currency: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let code = o.code.clone();
    let in_use = {
        let code = code.clone();
        move || coupon.with(|c| c.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(&code)))
    };
    let usable = o.problem.is_none() && o.savings_minor > 0;
    let (savings, problem) = (o.savings_minor, o.problem);
    let what = move || match problem {
        Some(p) => coupon_problem_text(l(), p, &currency.get()),
        None if savings > 0 => td_string!(
            l(),
            checkout.wallet_saves,
            amount = format_money(savings, &currency.get())
        )
        .to_string(),
        None => td_string!(l(), checkout.wallet_saves_nothing).to_string(),
    };
    let until = o.until.clone();
    let use_code = code.clone();
    view! {
        <li class="wallet-offer" class:best=o.best data-testid="wallet-offer">
            <p>
                <strong>{o.name}</strong>" "<code>{code.clone()}</code>
                {o.best.then(|| view! { " "<span class="badge-inline" data-testid="best-coupon">{t!(i18n, checkout.wallet_best)}</span> })}
            </p>
            <p class=if usable { "choice-note" } else { "choice-note muted" }>{what}</p>
            {until.map(|u| view! { <p class="muted">{move || td_string!(l(), checkout.wallet_until, date = u.clone()).to_string()}</p> })}
            {usable.then(|| view! {
                <p>
                    {move || if in_use() {
                        view! { <span class="form-status ok">{t!(i18n, checkout.wallet_in_use)}</span> }.into_any()
                    } else {
                        let (c, label) = (use_code.clone(), use_code.clone());
                        view! {
                            <button type="button" class="btn" on:click=move |_| coupon.set(Some(c.clone()))>
                                {move || td_string!(l(), checkout.wallet_use, code = label.clone()).to_string()}
                            </button>
                        }.into_any()
                    }}
                </p>
            })}
        </li>
    }
}
