use crate::i18n::*;
use crate::orders::OrderStatus;
use leptos::prelude::*;

pub fn status_text(locale: Locale, s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::PendingPayment => td_string!(locale, orders.status_pending_payment),
        OrderStatus::AwaitingShipment => td_string!(locale, orders.status_awaiting_shipment),
        OrderStatus::Shipped => td_string!(locale, orders.status_shipped),
        OrderStatus::Delivered => td_string!(locale, orders.status_delivered),
        OrderStatus::Completed => td_string!(locale, orders.status_completed),
        OrderStatus::Cancelled => td_string!(locale, orders.status_cancelled),
    }
}

pub fn payment_text(locale: Locale, s: &str) -> &'static str {
    match s {
        "paid" => td_string!(locale, orders.payment_paid),
        "partially_refunded" => td_string!(locale, orders.payment_partially_refunded),
        "refund_pending" => td_string!(locale, orders.payment_refund_pending),
        "refunded" => td_string!(locale, orders.payment_refunded),
        "cod_due" => td_string!(locale, orders.payment_cod_due),
        "cod_collected" => td_string!(locale, orders.payment_cod_collected),
        _ => td_string!(locale, orders.payment_unpaid),
    }
}

#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status-badge {}", status.as_str()) data-testid="order-status" data-status=status.as_str()>
            {move || status_text(i18n.get_locale(), status)}
        </span>
    }
}

/// How the order stands with its money (paid, awaiting payment, cash on
/// delivery, refunded…), shown beside the fulfilment status.
#[component]
pub fn PaymentBadge(status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("status-badge pay-{status}");
    let attr = status.clone();
    view! {
        <span class=class data-testid="payment-status" data-payment=attr>
            {move || payment_text(i18n.get_locale(), &status)}
        </span>
    }
}
