//! Words for a ticket's states, topics, priorities and SLA, shared by the
//! customer's pages and the back office's.
use super::{Priority, SlaState, TicketCategory, TicketStatus};
use crate::error::ErrorKey;
use crate::i18n::*;
use leptos::prelude::*;

/// A refusal's message: the contact form's own here (kept out of the
/// storefront's bundle), every other through `ui::kit::error_text`.
pub fn refusal_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::TicketPhotos => td_string!(locale, tickets.photos_error),
        other => crate::ui::kit::error_text(locale, other),
    }
}

/// A status in words. `staff` reads "waiting on the customer" where the
/// customer reads "waiting for your reply".
pub fn status_text(locale: Locale, status: TicketStatus, staff: bool) -> &'static str {
    match status {
        TicketStatus::New => td_string!(locale, tickets.status_new),
        TicketStatus::Open => td_string!(locale, tickets.status_open),
        TicketStatus::Waiting if staff => td_string!(locale, tickets.status_waiting_staff),
        TicketStatus::Waiting => td_string!(locale, tickets.status_waiting_customer),
        TicketStatus::Resolved => td_string!(locale, tickets.status_resolved),
        TicketStatus::Closed => td_string!(locale, tickets.status_closed),
    }
}

pub fn category_text(locale: Locale, c: TicketCategory) -> &'static str {
    match c {
        TicketCategory::Order => td_string!(locale, tickets.category_order),
        TicketCategory::AfterSales => td_string!(locale, tickets.category_after_sales),
        TicketCategory::Product => td_string!(locale, tickets.category_product),
        TicketCategory::Payment => td_string!(locale, tickets.category_payment),
        TicketCategory::Account => td_string!(locale, tickets.category_account),
        TicketCategory::Other => td_string!(locale, tickets.category_other),
    }
}

pub fn priority_text(locale: Locale, p: Priority) -> &'static str {
    match p {
        Priority::Low => td_string!(locale, tickets.priority_low),
        Priority::Normal => td_string!(locale, tickets.priority_normal),
        Priority::High => td_string!(locale, tickets.priority_high),
        Priority::Urgent => td_string!(locale, tickets.priority_urgent),
    }
}

pub fn sla_text(locale: Locale, s: SlaState) -> &'static str {
    match s {
        SlaState::OnTime => td_string!(locale, tickets.sla_on_time),
        SlaState::Paused => td_string!(locale, tickets.sla_paused),
        SlaState::Overdue => td_string!(locale, tickets.sla_overdue),
        SlaState::Done => td_string!(locale, tickets.sla_done),
    }
}

/// The status as a badge, in words (never colour alone).
#[component]
pub fn TicketBadge(status: TicketStatus, #[prop(optional)] staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    // The order badges' colours: yellow where the reader must act, blue
    // while in progress, green when resolved, grey when closed.
    let class = match status {
        TicketStatus::Waiting if !staff => "status-badge pending_payment",
        TicketStatus::New if staff => "status-badge pending_payment",
        TicketStatus::Resolved => "status-badge delivered",
        TicketStatus::Closed => "status-badge cancelled",
        _ => "status-badge shipped",
    };
    view! {
        <span class=class data-testid="ticket-status" data-status=status.as_str()>
            {move || status_text(i18n.get_locale(), status, staff)}
        </span>
    }
}
