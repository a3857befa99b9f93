//! `/admin/tickets/:number`: one ticket as an agent works it. The SLA in
//! words and dates, the thread with private notes marked as such, a reply
//! box that a canned reply (variables filled) writes into, assignment,
//! priority and "mark resolved".
use super::StaffTicket;
use super::api::{
    admin_ticket, admin_ticket_assign, admin_ticket_priority, admin_ticket_reply,
    admin_ticket_resolve,
};
use crate::admin::shell::AdminError;
use crate::aftersales::components::EvidencePhotos;
use crate::error::AppError;
use crate::i18n::*;
use crate::tickets::components::{TicketBadge, category_text, priority_text, sla_text};
use crate::tickets::{Author, BODY_MAX, Priority, SlaState, TicketStatus};
use crate::ui::kit::{act, error_text, form_data, fresh_key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AdminTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let data = crate::ui::kit::resource(
        move || {
            (
                params.with(|p| p.get("number").unwrap_or_default()),
                version.get(),
            )
        },
        |(n, _)| admin_ticket(n),
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(t) => view! { <Ticket t version /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
        <p class="back-link"><a href="/admin/tickets">{t!(i18n, tickets.back_to_queue)}</a></p>
    }
}

#[component]
fn Ticket(t: StaffTicket, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let (category, priority, sla, status) = (t.category, t.priority, t.sla, t.status);
    let number = t.number.clone();
    let resolve = {
        let number = number.clone();
        move |_| act(busy, error, version, admin_ticket_resolve(number.clone()))
    };
    let customer = match &t.customer_name {
        Some(n) => format!("{n} <{}>", t.customer_email),
        None => t.customer_email.clone(),
    };
    let (fr_due, responded, res_due) = (
        t.first_response_due.clone(),
        t.first_responded.clone(),
        t.resolve_due.clone(),
    );
    let paused = t.paused_minutes;
    view! {
        <header class="page-head">
            <h1>{t.subject.clone()}</h1>
            <p class="muted">
                <span data-testid="ticket-number">{t.number.clone()}</span>
                " · "{move || category_text(i18n.get_locale(), category)}
                {t.order_number.clone().map(|n| view! {
                    " · "<a href=format!("/admin/orders/{n}")>{n.clone()}</a>
                })}
                {t.request_number.clone().map(|n| view! {
                    " · "{t!(i18n, tickets.request)}" "<a href=format!("/admin/after-sales/{n}") data-testid="ticket-request">{n.clone()}</a>
                })}
                {t.product.clone().map(|p| {
                    let href = format!("/admin/products/{}", p.id);
                    view! { " · "{t!(i18n, tickets.product)}" "<a href=href data-testid="ticket-product">{p.name}</a> }
                })}
            </p>
        </header>
        <dl class="summary ticket-facts">
            <div><dt>{t!(i18n, admin.filter_status)}</dt><dd><TicketBadge status staff=true /></dd></div>
            <div><dt>{t!(i18n, tickets.staff_customer)}</dt><dd>{customer}</dd></div>
            <div><dt>{t!(i18n, tickets.staff_sla)}</dt><dd data-testid="ticket-sla"
                class:danger={sla == SlaState::Overdue}>{move || sla_text(i18n.get_locale(), sla)}</dd></div>
            <div><dt>{t!(i18n, tickets.staff_first_response)}</dt><dd>{match responded {
                Some(at) => view! { {move || td_string!(i18n.get_locale(), tickets.staff_responded, at = at.clone()).to_string()} }.into_any(),
                None => view! { {fr_due} }.into_any(),
            }}</dd></div>
            <div><dt>{t!(i18n, tickets.staff_resolve_due)}</dt><dd>
                {res_due}
                {(paused > 0).then(|| view! { " · "{move || td_string!(i18n.get_locale(), tickets.staff_paused, n = paused).to_string()} })}
            </dd></div>
            {t.rating.map(|n| {
                let comment = t.rating_comment.clone().unwrap_or_default();
                view! {
                    <div><dt>{t!(i18n, tickets.rate_title)}</dt><dd data-testid="ticket-rating">
                        {move || td_string!(i18n.get_locale(), tickets.staff_rating, n = n).to_string()}" "{comment.clone()}
                    </dd></div>
                }
            })}
        </dl>
        {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> })}
        <div class="order-actions">
            <Assign number=number.clone() assignee=t.assignee_id agents=t.agents.clone() me=t.me busy error version />
            <label>
                <span>{t!(i18n, tickets.staff_priority)}</span>
                <select on:change={
                    let number = number.clone();
                    move |ev| act(busy, error, version, admin_ticket_priority(number.clone(), event_target_value(&ev)))
                }>
                    {Priority::ALL.into_iter().map(|p| view! {
                        <option value=p.as_str() selected=p == priority>{move || priority_text(i18n.get_locale(), p)}</option>
                    }).collect_view()}
                </select>
            </label>
            {matches!(status, TicketStatus::New | TicketStatus::Open | TicketStatus::Waiting).then(|| view! {
                <button class="btn" type="button" disabled=move || busy.get() on:click=resolve>{t!(i18n, tickets.staff_resolve)}</button>
            })}
        </div>
        <h2>{t!(i18n, tickets.thread)}</h2>
        <ol class="admin-cards ticket-thread" data-testid="ticket-thread">
            {t.messages.iter().map(|m| {
                let kind = m.author;
                let name = m.name.clone();
                view! {
                    <li class="admin-card" class:from-staff={kind == Author::Staff} class:note={kind == Author::Note}>
                        <strong>{move || match kind {
                            Author::Customer => td_string!(i18n.get_locale(), tickets.staff_customer).to_string(),
                            _ => name.clone().unwrap_or_else(|| td_string!(i18n.get_locale(), tickets.service).to_string()),
                        }}</strong>
                        {(kind == Author::Note).then(|| view! { <span class="tag">{t!(i18n, tickets.staff_note_tag)}</span> })}
                        <time class="muted">{m.at.clone()}</time>
                        <p>{m.body.clone()}</p>
                        {(!m.photos.is_empty()).then(|| view! {
                            <EvidencePhotos photos=m.photos.clone() testid="ticket-photos" />
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
        {status.accepts_replies().then(|| view! { <ReplyBox number canned=t.canned.clone() busy error version /> })}
    }
}

#[component]
fn Assign(
    number: String,
    assignee: Option<i64>,
    agents: Vec<super::Agent>,
    me: i64,
    busy: RwSignal<bool>,
    error: RwSignal<Option<AppError>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let to_me = number.clone();
    view! {
        <label>
            <span>{t!(i18n, tickets.staff_assign)}</span>
            <select on:change=move |ev| {
                let to = event_target_value(&ev).parse::<i64>().ok();
                act(busy, error, version, admin_ticket_assign(number.clone(), to));
            }>
                <option value="" selected=assignee.is_none()>{t!(i18n, tickets.assignee_nobody)}</option>
                {agents.into_iter().map(|a| view! {
                    <option value=a.id.to_string() selected=assignee == Some(a.id)>{a.name}</option>
                }).collect_view()}
            </select>
        </label>
        {(assignee != Some(me)).then(|| view! {
            <button class="btn" type="button" disabled=move || busy.get()
                on:click=move |_| act(busy, error, version, admin_ticket_assign(to_me.clone(), Some(me)))>
                {t!(i18n, tickets.staff_assign_me)}
            </button>
        })}
    }
}

#[component]
fn ReplyBox(
    number: String,
    canned: Vec<super::Canned>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<AppError>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let key = StoredValue::new(None::<String>);
    let bodies: Vec<String> = canned.iter().map(|c| c.body.clone()).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let k = key.get_value().unwrap_or_else(fresh_key);
        key.set_value(Some(k.clone()));
        let note = f("note") == "on";
        let number = number.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let r = admin_ticket_reply(number, f("body"), note, k).await;
            busy.set(false);
            match r {
                Ok(()) => {
                    key.set_value(None);
                    text.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="panel ticket-reply" on:submit=submit>
            {(!bodies.is_empty()).then(|| view! {
                <label class="field">
                    <span>{t!(i18n, tickets.staff_canned)}</span>
                    <select on:change=move |ev| {
                        if let Some(b) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| bodies.get(i)) {
                            text.set(b.clone());
                        }
                    }>
                        <option value="">{t!(i18n, tickets.staff_canned_pick)}</option>
                        {canned.into_iter().enumerate().map(|(i, c)| view! {
                            <option value=i.to_string()>{c.title}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            <label class="field">
                <span>{t!(i18n, tickets.staff_reply_label)}</span>
                <textarea name="body" rows="5" required maxlength=BODY_MAX.to_string()
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <label class="check">
                <input type="checkbox" name="note" />
                {t!(i18n, tickets.staff_note)}
            </label>
            <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, tickets.staff_send)}</button>
        </form>
    }
}
