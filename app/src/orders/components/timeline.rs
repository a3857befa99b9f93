//! The order's history, newest last, as an ordered list.
use crate::i18n::*;
use crate::orders::OrderEvent;
use leptos::prelude::*;

fn event_text(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "placed" => td_string!(locale, orders.event_placed),
        "paid" => td_string!(locale, orders.event_paid),
        "shipped" => td_string!(locale, orders.event_shipped),
        "delivered" => td_string!(locale, orders.event_delivered),
        "completed" => td_string!(locale, orders.event_completed),
        "cancelled" => td_string!(locale, orders.event_cancelled),
        "refunded" => td_string!(locale, orders.event_refunded),
        "partially_refunded" => td_string!(locale, orders.event_partially_refunded),
        _ => td_string!(locale, orders.event_other),
    }
}

#[component]
pub fn Timeline(events: Vec<OrderEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" data-testid="timeline">
            {events.into_iter().map(|e| {
                let kind = e.status.clone();
                let attr = kind.clone();
                view! {
                    <li data-event=attr>
                        <span class="dot" aria-hidden="true"></span>
                        <strong>{move || event_text(i18n.get_locale(), &kind)}</strong>
                        <time>{e.at.clone()}</time>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
