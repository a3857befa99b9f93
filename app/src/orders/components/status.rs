use crate::i18n::*;
use crate::orders::OrderStatus;
use crate::payments::PaymentStatus;
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

pub fn payment_text(locale: Locale, s: PaymentStatus) -> &'static str {
    match s {
        PaymentStatus::Unpaid => td_string!(locale, orders.payment_unpaid),
        PaymentStatus::Paid => td_string!(locale, orders.payment_paid),
        PaymentStatus::PartiallyRefunded => td_string!(locale, orders.payment_partially_refunded),
        PaymentStatus::RefundPending => td_string!(locale, orders.payment_refund_pending),
        PaymentStatus::Refunded => td_string!(locale, orders.payment_refunded),
        PaymentStatus::CodDue => td_string!(locale, orders.payment_cod_due),
        PaymentStatus::CodCollected => td_string!(locale, orders.payment_cod_collected),
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
pub fn PaymentBadge(status: PaymentStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status-badge pay-{}", status.as_str()) data-testid="payment-status" data-payment=status.as_str()>
            {move || payment_text(i18n.get_locale(), status)}
        </span>
    }
}
