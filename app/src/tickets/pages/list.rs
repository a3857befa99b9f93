//! `/tickets`: the signed-in shopper's tickets, newest activity first,
//! each with its status in words and whether customer service answered.
use crate::error::AppError;
use crate::i18n::*;
use crate::tickets::api::my_tickets;
use crate::tickets::components::TicketBadge;
use crate::tickets::{TicketStatus, TicketSummary};
use crate::ui::kit::{ErrorNote, Seo, drawn, resource};
use leptos::prelude::*;

#[component]
pub fn TicketListPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = resource(|| (), |_| my_tickets());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), tickets.list_title).to_string()
            description=move || td_string!(i18n.get_locale(), tickets.new_intro).to_string()
            path="/tickets"
        />
        <div class="order-page">
            <header class="inbox-head">
                <h1>{t!(i18n, tickets.list_title)}</h1>
                <a class="btn primary" href="/tickets/new">{t!(i18n, tickets.contact)}</a>
            </header>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {drawn(list, move |r| match r {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{t!(i18n, tickets.list_empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="inbox-list" data-testid="ticket-list">
                            {rows.into_iter().map(|r| view! { <Row r /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="btn primary" href="/sign-in?next=/tickets">{t!(i18n, common.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Row(r: TicketSummary) -> impl IntoView {
    let i18n = use_i18n();
    // An answer the shopper has not replied to is theirs to read.
    let to_read = r.answered && r.status == TicketStatus::Waiting;
    let at = r.updated.clone();
    view! {
        <li class="inbox-item" class:unread=to_read>
            <div class="inbox-item-head">
                <a class="strong" href=format!("/tickets/{}", r.number)>{r.subject.clone()}</a>
                <TicketBadge status=r.status />
            </div>
            <div class="inbox-item-foot">
                <span class="muted">
                    {t!(i18n, tickets.number)}" "{r.number.clone()}" · "
                    {move || td_string!(i18n.get_locale(), tickets.updated, at = at.clone()).to_string()}
                </span>
                {to_read.then(|| view! { <span class="status-badge unread">{t!(i18n, tickets.answered)}</span> })}
            </div>
        </li>
    }
}
