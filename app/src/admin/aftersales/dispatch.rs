//! The shop's way back to the shopper on a request's page: what an
//! exchange costs or gives back and whether it is paid, and the form that
//! sends the replacement (exchange) or the repaired goods (repair) with
//! tracking.
use super::api::DispatchAfterSales;
use super::request::{Outcome, outcome};
use crate::aftersales::RequestKind;
use crate::aftersales::components::refusal_text;
use crate::aftersales::queue::StaffRequest;
use crate::i18n::*;
use crate::orders::CARRIERS;
use crate::ui::kit::{form_data, format_money};
use leptos::prelude::*;

/// The price difference of an exchange and the replacement's tracking.
#[component]
pub fn ExchangePanel(req: StaffRequest) -> impl IntoView {
    let i18n = use_i18n();
    let cur = req.currency.clone();
    let paid = req.charge_paid;
    view! {
        <section class="section panel" data-testid="exchange-panel">
            <h2>{t!(i18n, aftersales.exchange_title)}</h2>
            <dl class="summary">
                {if req.charge_minor > 0 {
                    view! {
                        <div>
                            <dt>{t!(i18n, aftersales.exchange_charge)}</dt>
                            <dd data-testid="exchange-charge">
                                {format_money(req.charge_minor, &cur)} " · "
                                <span class=if paid { "tag ok" } else { "tag warn" }>{move || if paid {
                                    td_string!(i18n.get_locale(), aftersales.exchange_paid)
                                } else {
                                    td_string!(i18n.get_locale(), aftersales.exchange_unpaid)
                                }}</span>
                            </dd>
                        </div>
                    }.into_any()
                } else if req.refund_minor > 0 {
                    view! {
                        <div><dt>{t!(i18n, aftersales.exchange_refund)}</dt><dd>{format_money(req.refund_minor, &cur)}</dd></div>
                    }.into_any()
                } else {
                    view! { <div><dt>{t!(i18n, aftersales.exchange_charge)}</dt><dd>{t!(i18n, aftersales.exchange_same_price)}</dd></div> }.into_any()
                }}
                {req.out_tracking.clone().map(|t| view! {
                    <div><dt>{t!(i18n, aftersales.out_tracking_exchange)}</dt><dd data-testid="staff-out-tracking">{format!("{} {t}", req.out_carrier.clone().unwrap_or_default())}</dd></div>
                })}
            </dl>
        </section>
    }
}

/// Sends the replacement or the repaired goods. For an exchange still
/// waiting on its inspection or payment, says what it waits for instead.
#[component]
pub fn DispatchForm(req: StaffRequest, action: ServerAction<DispatchAfterSales>) -> impl IntoView {
    let i18n = use_i18n();
    let number = req.number.clone();
    let exchange = req.kind == RequestKind::Exchange;
    let title = move || {
        if exchange {
            td_string!(i18n.get_locale(), aftersales.dispatch_exchange_title)
        } else {
            td_string!(i18n.get_locale(), aftersales.dispatch_repair_title)
        }
    };
    if let Some(k) = req.dispatch_blocked() {
        return view! {
            <div class="inline-form" data-testid="dispatch-blocked">
                <h3>{title}</h3>
                <p class="muted">{move || refusal_text(i18n.get_locale(), k)}</p>
            </div>
        }
        .into_any();
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        action.dispatch(DispatchAfterSales {
            number: number.clone(),
            carrier: f("carrier"),
            tracking: f("tracking"),
        });
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="dispatch-form">
            <h3>{title}</h3>
            <label>
                <span>{t!(i18n, aftersales.carrier_label)}</span>
                <input name="carrier" list="dispatch-carriers" required maxlength="40" autocomplete="off" />
                <datalist id="dispatch-carriers">{CARRIERS.iter().map(|c| view! { <option value=*c /> }).collect_view()}</datalist>
            </label>
            <label class="grow">
                <span>{t!(i18n, aftersales.tracking_label)}</span>
                <input name="tracking" required maxlength="40" autocomplete="off" />
            </label>
            <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, aftersales.dispatch_submit)}</button>
            <Outcome error=Signal::derive(move || outcome(action.value().get())) />
        </form>
    }
    .into_any()
}
