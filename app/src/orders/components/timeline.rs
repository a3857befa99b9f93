//! The order's history, newest last, as an ordered list.
use crate::i18n::*;
use crate::orders::{OrderEvent, OrderEventKind};
use leptos::prelude::*;

fn event_text(locale: Locale, kind: OrderEventKind) -> &'static str {
    match kind {
        OrderEventKind::Placed => td_string!(locale, orders.event_placed),
        OrderEventKind::Paid => td_string!(locale, orders.event_paid),
        OrderEventKind::Shipped => td_string!(locale, orders.event_shipped),
        OrderEventKind::Delivered => td_string!(locale, orders.event_delivered),
        OrderEventKind::Completed => td_string!(locale, orders.event_completed),
        OrderEventKind::Cancelled => td_string!(locale, orders.event_cancelled),
        OrderEventKind::Refunded => td_string!(locale, orders.event_refunded),
        OrderEventKind::PartiallyRefunded => td_string!(locale, orders.event_partially_refunded),
    }
}

#[component]
pub fn Timeline(events: Vec<OrderEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" data-testid="timeline">
            {events.into_iter().map(|e| {
                let kind = e.status;
                let attr = kind.as_str();
                view! {
                    <li data-event=attr>
                        <span class="dot" aria-hidden="true"></span>
                        <strong>{move || event_text(i18n.get_locale(), kind)}</strong>
                        <time>{e.at.clone()}</time>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
