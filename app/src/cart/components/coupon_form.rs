//! Typing a coupon code; the summary then shows it applied, or why not.
//! The quote is a signal, so at checkout, where a change of delivery or
//! coupon re-prices the order, the box and a half-typed code stay put while
//! only its notes follow the new quote.
//!
//! Given a `page`, the box also works without JavaScript: a plain GET to
//! that page, which prices the order with `?coupon=` (the checkout, see
//! `checkout::forms`), and "remove" is a link there with an empty code.
use super::coupon_problem_text;
use crate::cart::Quote;
use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn CouponForm(
    /// The code in use (None = no coupon); the parent re-prices on change.
    code: RwSignal<Option<String>>,
    /// The latest quote, if the cart has been priced.
    #[prop(into)]
    quote: Signal<Option<Quote>>,
    /// The page that applies `?coupon=` without JavaScript, if any.
    #[prop(optional)]
    page: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(code.get_untracked().unwrap_or_default());
    let problem = move || {
        quote.with(|q| {
            q.as_ref()
                .and_then(|q| q.coupon_problem.map(|p| (p, q.currency.clone())))
        })
    };
    let applied = move || {
        quote.with(|q| {
            q.as_ref()
                .and_then(|q| q.coupon.clone().filter(|_| q.coupon_problem.is_none()))
        })
    };
    view! {
        <form class="coupon-form" method=page.map(|_| "get") action=page on:submit=move |ev| {
            ev.prevent_default();
            let c = typed.get_untracked().trim().to_string();
            code.set((!c.is_empty()).then_some(c));
        }>
            <label for="coupon-code">{t!(i18n, cart.coupon_label)}</label>
            <div class="inline-form">
                <input id="coupon-code" name="coupon" autocomplete="off" autocapitalize="characters"
                    maxlength="32" value=typed.get_untracked() prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
                <button type="submit" class="btn">{t!(i18n, cart.coupon_apply)}</button>
            </div>
            {move || problem().map(|(p, currency)| view! {
                <p class="field-error" role="alert" data-testid="coupon-problem">
                    {move || coupon_problem_text(i18n.get_locale(), p, &currency)}
                </p>
            })}
            {move || applied().map(|c| view! {
                <p class="form-status ok" role="status" data-testid="coupon-applied">
                    {move || td_string!(i18n.get_locale(), cart.coupon_applied, code = c.clone()).to_string()}
                    " "
                    {match page {
                        Some(page) => Either::Left(view! {
                            <a class="link-btn" href=format!("{page}?coupon=") on:click=move |ev| {
                                ev.prevent_default();
                                typed.set(String::new());
                                code.set(None);
                            }>{t!(i18n, cart.remove)}</a>
                        }),
                        None => Either::Right(view! {
                            <button type="button" class="link-btn" on:click=move |_| { typed.set(String::new()); code.set(None); }>
                                {t!(i18n, cart.remove)}
                            </button>
                        }),
                    }}
                </p>
            })}
        </form>
    }
}
